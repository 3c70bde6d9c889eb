/* test_explain.c - check.c's violations and moves, explain.c's reasons, the
 * blocking pairs of solution.c, the monthly split, cohort_result_load and
 * cohort_explain_text, on the example promotion and hand-solved cases. */
#define _GNU_SOURCE
#include "testutil.h"

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cohort_scenario *load(const char *path)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    int rc = cohort_scenario_load(path, &s, &d);
    if (rc != COHORT_OK)
        for (int k = 0; k < d.nerrors; k++)
            printf("\n  %s", d.errors[k]);
    cohort_diag_clear(&d);
    CU_ASSERT_FATAL(rc == COHORT_OK);
    return s;
}

static cohort_result *solve(const cohort_scenario *s)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = NULL;
    int rc = cohort_solve(s, NULL, &r, &d);
    cohort_diag_clear(&d);
    CU_ASSERT_FATAL(rc == COHORT_OK && r);
    return r;
}

static char *eig5(void)
{
    return path_join(SOURCE_DIR, "data/eig5");
}

static char *e2e(const char *name)
{
    char *dir = path_join(TESTS_DIR, "e2e/solve");
    char *p = path_join(dir, name);
    free(dir);
    return p;
}

static int find_app(const cohort_scenario *s, const char *cand, const char *chal)
{
    for (int k = 0; k < s->napps; k++)
        if (!strcmp(s->cands[s->apps[k].cand].id, cand) &&
            !strcmp(s->chals[s->apps[k].chal].id, chal))
            return k;
    return -1;
}

/* The incremental check must say exactly what the full check says of the
 * changed assignment: count, the first violations, and the levels. */
static int same_as_full(const cohort_scenario *s, check_state *st, const check_move *mv, int n)
{
    check_violation a[3], b[3];
    int64_t la[NLEVELS], lb[NLEVELS];
    int na = check_state_try(st, mv, n, a, 3, la);
    int *assign = malloc(sizeof *assign * (size_t)s->ncands);
    memcpy(assign, check_state_assign(st), sizeof *assign * (size_t)s->ncands);
    for (int k = 0; k < n; k++)
        assign[mv[k].cand] = mv[k].app;
    int nb = check_cohort_v(s, assign, b, 3);
    cohort_levels(s, assign, lb);
    free(assign);
    int ok = na == nb && !memcmp(la, lb, sizeof la);
    for (int k = 0; ok && k < na && k < 3; k++)
        ok = a[k].rule == b[k].rule && a[k].subject_kind == b[k].subject_kind &&
             a[k].subject == b[k].subject && a[k].amount == b[k].amount &&
             !strcmp(a[k].text, b[k].text) && !strcmp(a[k].unit, b[k].unit);
    if (!ok)
        printf("\n  move of %d entries: incremental %d (C%d) vs full %d (C%d)", n, na,
               na ? a[0].rule : 0, nb, nb ? b[0].rule : 0);
    return ok;
}

static void test_moves_match_full_check(void)
{
    const char *cases[] = {"c10-envelope", "c11-host-budget", "c8-quota-share", "c9-diversity-min",
                           "c4-needs", "c7-cohort-size", "c6-must-staff", NULL};
    for (int c = -1; cases[c + 1] || c < 0; c++) {
        char *p = c < 0 ? eig5() : e2e(cases[c]);
        cohort_scenario *s = load(p);
        cohort_result *r = solve(s);
        CU_ASSERT(check_cohort_v(s, r->assign, NULL, 0) == 0);
        check_state *st = check_state_new(s, r->assign);
        int tried = 0, bad = 0;
        unsigned seed = 12345;
        for (int k = 0; k < s->npairs; k++) {
            int ai = s->pairs[k], i = s->apps[ai].cand, h = s->apps[ai].chal;
            if (r->assign[i] == ai)
                continue;
            check_move mv[3] = {{i, ai}, {-1, -1}, {-1, -1}};
            bad += !same_as_full(s, st, mv, 1);
            tried++;
            for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
                mv[1] = (check_move){r->mem[q], -1};
                bad += !same_as_full(s, st, mv, 2);
                tried++;
                /* and a third, random entry: someone leaves, or a random pair */
                seed = seed * 1103515245u + 12345u;
                int j = (int)((seed >> 8) % (unsigned)s->ncands);
                if (j != i && j != r->mem[q]) {
                    seed = seed * 1103515245u + 12345u;
                    int nap = s->by_cand_start[j + 1] - s->by_cand_start[j];
                    int to = nap && (seed >> 9) % 2 ? s->by_cand[s->by_cand_start[j] +
                                                                 (int)((seed >> 10) % (unsigned)nap)]
                                                    : -1;
                    mv[2] = (check_move){j, to};
                    bad += !same_as_full(s, st, mv, 3);
                    tried++;
                }
            }
        }
        /* the state is unchanged by all those tries */
        CU_ASSERT(!memcmp(check_state_assign(st), r->assign, sizeof *r->assign * (size_t)s->ncands));
        int64_t lv[NLEVELS];
        check_state_levels(st, lv);
        CU_ASSERT(!memcmp(lv, r->level, sizeof lv));
        CU_ASSERT(tried > 0);
        CU_ASSERT_EQUAL(bad, 0);
        check_state_free(st);
        cohort_result_free(r);
        cohort_scenario_free(s);
        free(p);
    }
}

static void test_check_amounts(void)
{
    char *p = e2e("c10-envelope");
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    /* P1 in place of P2 on D1: 12000 + 10500 = 22500 against 22000 */
    int a = find_app(s, "P1", "D1");
    int p2 = sm_get(&s->cand_ix, "P2");
    CU_ASSERT_FATAL(a >= 0 && p2 >= 0);
    int *assign = malloc(sizeof *assign * (size_t)s->ncands);
    memcpy(assign, r->assign, sizeof *assign * (size_t)s->ncands);
    assign[s->apps[a].cand] = a;
    assign[p2] = -1;
    check_violation v[2];
    CU_ASSERT_EQUAL(check_cohort_v(s, assign, v, 2), 1);
    CU_ASSERT_EQUAL(v[0].rule, 10);
    CU_ASSERT_EQUAL(v[0].amount, 50000);
    CU_ASSERT_STRING_EQUAL(v[0].unit, "EUR");
    char amt[64], buf[300];
    check_amount_text(&v[0], amt, sizeof amt);
    CU_ASSERT_STRING_EQUAL(amt, "500.00 EUR");
    /* the old entry point still answers with the first rule */
    CU_ASSERT_EQUAL(check_cohort(s, assign, buf, sizeof buf), 1);
    CU_ASSERT(!strncmp(buf, "C10 ", 4));
    CU_ASSERT_EQUAL(check_cohort(s, r->assign, buf, sizeof buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "");
    CU_ASSERT_EQUAL(check_cohort(s, assign, NULL, 0), 1);
    free(assign);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);

    /* C11 by host, C3/C5 with counts */
    p = e2e("c11-host-budget");
    s = load(p);
    r = solve(s);
    check_state *st = check_state_new(s, r->assign);
    int broke11 = 0;
    for (int k = 0; k < s->npairs; k++) {
        int ai = s->pairs[k];
        if (r->assign[s->apps[ai].cand] == ai)
            continue;
        check_move mv = {s->apps[ai].cand, ai};
        check_violation w[3];
        int n = check_state_try(st, &mv, 1, w, 3, NULL);
        for (int q = 0; q < n && q < 3; q++)
            if (w[q].rule == 11) {
                broke11 = 1;
                CU_ASSERT(w[q].amount > 0);
                CU_ASSERT_EQUAL(w[q].subject_kind, CHK_HOST);
                CU_ASSERT(strstr(w[q].text, "budget") != NULL);
            }
    }
    CU_ASSERT(broke11);
    check_state_free(st);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

static void test_reasons_c10(void)
{
    char *p = e2e("c10-envelope");
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    explain *e = explain_new(s, r);
    int a = find_app(s, "P1", "D1");
    CU_ASSERT_EQUAL(e->apps[a].code, WHY_RULE);
    CU_ASSERT_EQUAL(e->apps[a].rule, 10);
    CU_ASSERT_STRING_EQUAL(e->apps[a].label, "kept out by C10");
    CU_ASSERT(strstr(e->apps[a].reason, "P1 in place of P2 on D1 breaks C10 by 500.00 EUR") != NULL);
    /* the other moves are listed too: in place of P3, and as a third member */
    CU_ASSERT(strstr(e->apps[a].moves, "in place of P3") != NULL);
    CU_ASSERT(strstr(e->apps[a].moves, "further member") != NULL);
    /* the blocking pair P1/D1 is kept by C10 */
    CU_ASSERT_EQUAL_FATAL(r->nblocks, 1);
    CU_ASSERT_EQUAL(r->blocks[0].kept_by, KEPT_RULE);
    CU_ASSERT_EQUAL(r->blocks[0].rule, 10);
    CU_ASSERT(strstr(r->blocks[0].why, "breaks C10 by 500.00 EUR") != NULL);
    for (int k = 0; k < s->napps; k++)
        if (r->assign[s->apps[k].cand] == k)
            CU_ASSERT_EQUAL(e->apps[k].code, WHY_ASSIGNED);
    explain_free(e, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

static void test_reasons_c2_and_unstaffed(void)
{
    char *p = e2e("c2-declined-and-profile-excluded");
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    explain *e = explain_new(s, r);
    int a = find_app(s, "P2", "D1"), b = find_app(s, "P4", "D2");
    CU_ASSERT_EQUAL(e->apps[a].code, WHY_DECLINED);
    CU_ASSERT(strstr(e->apps[a].reason, "declined") != NULL);
    CU_ASSERT_EQUAL(e->apps[b].code, WHY_PROFILE);
    CU_ASSERT(strstr(e->apps[b].reason, "geomatician:0") != NULL);
    explain_free(e, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);

    /* c1: P1 is needed by both teams; D2 stays unstaffed */
    p = e2e("c1-one-challenge-each");
    s = load(p);
    r = solve(s);
    e = explain_new(s, r);
    int d2 = sm_get(&s->chal_ix, "D2");
    CU_ASSERT_FATAL(d2 >= 0 && !r->team_size[d2]);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e->unstaffed[d2]);
    CU_ASSERT(strstr(e->unstaffed[d2], "{P3, P1 leaving D1}") != NULL);
    CU_ASSERT(strstr(e->unstaffed[d2], "breaks C3") != NULL);
    int p3 = find_app(s, "P3", "D2");
    CU_ASSERT_EQUAL(e->apps[p3].code, WHY_UNSTAFFED);
    int p1 = find_app(s, "P1", "D2");
    CU_ASSERT(e->apps[p1].code == WHY_PREFERS || e->apps[p1].code == WHY_UNSTAFFED);
    for (int h = 0; h < s->nchals; h++)
        CU_ASSERT((e->unstaffed[h] != NULL) == (r->team_size[h] == 0));
    explain_free(e, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

/* Every application of the example promotion gets a reason of the right
 * kind, checked against the facts each kind claims. */
static void test_reasons_eig5(void)
{
    char *p = eig5();
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    explain *e = explain_new(s, r);
    int count[NWHY] = {0};
    for (int k = 0; k < s->napps; k++) {
        const app *a = &s->apps[k];
        const ex_app *x = &e->apps[k];
        int i = a->cand, h = a->chal;
        count[x->code]++;
        CU_ASSERT(x->reason && *x->reason && x->label && *x->label);
        if (r->assign[i] == k) {
            CU_ASSERT_EQUAL(x->code, WHY_ASSIGNED);
            continue;
        }
        CU_ASSERT(x->code != WHY_ASSIGNED);
        CU_ASSERT_EQUAL(x->code == WHY_DECLINED, a->jrank == 0);
        if (a->jrank)
            CU_ASSERT_EQUAL(x->code == WHY_PROFILE, s->chals[h].need_max[s->cands[i].profile] == 0);
        if (x->code == WHY_PREFERS)
            CU_ASSERT(r->assign[i] >= 0 && s->apps[r->assign[i]].crank_eff < a->crank_eff);
        if (x->code == WHY_JURY) {
            int same = 0;
            for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++)
                if (s->cands[r->mem[q]].profile == s->cands[i].profile) {
                    same++;
                    CU_ASSERT(s->apps[r->assign[r->mem[q]]].jrank < a->jrank);
                }
            CU_ASSERT(same > 0);
        }
        if (x->code == WHY_RULE) {
            char rule[8];
            snprintf(rule, sizeof rule, x->rule == 1 ? "C1: " : "C%d by ", x->rule);
            CU_ASSERT(strstr(x->reason, rule) != NULL);
            if (x->rule == 1) /* they hold another team, whose rules the move breaks */
                CU_ASSERT(r->assign[i] >= 0 && strstr(x->reason, " breaks C") != NULL);
        }
        if (x->code == WHY_OBJECTIVE)
            CU_ASSERT(strstr(x->reason, "keeps every rule but worsens the") != NULL);
        /* an optimal cohort has no improving move */
        CU_ASSERT(x->code != WHY_BETTER);
        CU_ASSERT(strstr(x->reason, "improves") == NULL && strstr(x->moves, "improves") == NULL);
    }
    CU_ASSERT(count[WHY_DECLINED] > 800);
    CU_ASSERT(count[WHY_PREFERS] > 0);
    CU_ASSERT(count[WHY_JURY] > 0);
    CU_ASSERT(count[WHY_RULE] + count[WHY_OBJECTIVE] + count[WHY_TIE] > 0);
    CU_ASSERT_EQUAL(count[WHY_ASSIGNED], r->level[LV_FILLED]);
    explain_free(e, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

/* A move that takes a candidate off a team also fills the place they
   leave when that is what keeps a rule or a level (explain.c try_move()):
   on eig5, C0075 in place of C0079 on basegun left gdr-sante one short
   and was said to cost a specialist ("filled 39 to 38"); with C0368 in
   the place left it costs 2 rank points (175 to 177), which the full check
   confirms. And a blocking pair says what its application's row says:
   the same best move, the same kind and level. */
static void test_fill_left_place(void)
{
    char *p = eig5();
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    explain *e = explain_new(s, r);
    int found = 0;
    for (int k = 0; k < r->nblocks; k++) {
        const blocking *b = &r->blocks[k];
        const ex_app *x = &e->apps[b->app];
        /* the pair and its row agree */
        CU_ASSERT_EQUAL(b->kept_by == KEPT_RULE, x->code == WHY_RULE);
        CU_ASSERT_EQUAL(b->kept_by == KEPT_OBJECTIVE, x->code == WHY_OBJECTIVE);
        CU_ASSERT_EQUAL(b->kept_by == KEPT_TIE, x->code == WHY_TIE);
        if (b->kept_by == KEPT_OBJECTIVE)
            CU_ASSERT_EQUAL(b->level, x->level);
        CU_ASSERT(strstr(x->reason, b->why) != NULL);
        if (strcmp(s->cands[s->apps[b->app].cand].id, "C0075") ||
            strcmp(s->chals[s->apps[b->app].chal].id, "basegun"))
            continue;
        found = 1;
        CU_ASSERT_EQUAL(b->kept_by, KEPT_OBJECTIVE);
        CU_ASSERT_EQUAL(b->level, LV_RANK);
        CU_ASSERT_STRING_EQUAL(b->why, "C0075 in place of C0079 on basegun (leaving gdr-sante, "
                                       "where C0368 takes the place) keeps every rule but "
                                       "worsens the rank level from 175 to 177");
        /* the cohort it describes, by the full check */
        int *as = xmalloc(sizeof *as * (size_t)s->ncands);
        memcpy(as, r->assign, sizeof *as * (size_t)s->ncands);
        int i75 = sm_get(&s->cand_ix, "C0075"), i79 = sm_get(&s->cand_ix, "C0079"),
            i368 = sm_get(&s->cand_ix, "C0368");
        as[i75] = b->app;
        as[i79] = -1;
        as[i368] = find_app(s, "C0368", "gdr-sante");
        CU_ASSERT_EQUAL(check_cohort_v(s, as, NULL, 0), 0);
        int64_t lv[NLEVELS];
        cohort_levels(s, as, lv);
        CU_ASSERT(lv[LV_STAFFED] == r->level[LV_STAFFED] && lv[LV_FILLED] == r->level[LV_FILLED] &&
                  lv[LV_RANK] == 177);
        free(as);
    }
    CU_ASSERT(found);
    explain_free(e, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

/* two threads write the same texts as one */
static void test_threads_same_texts(void)
{
    char *p = eig5();
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    explain *one = explain_new_threads(s, r, 1), *two = explain_new_threads(s, r, 2);
    int differ = 0;
    for (int k = 0; k < s->napps; k++) {
        const ex_app *a = &one->apps[k], *b = &two->apps[k];
        differ += a->code != b->code || a->rule != b->rule || a->level != b->level ||
                  strcmp(a->label, b->label) || strcmp(a->reason, b->reason) ||
                  strcmp(a->moves, b->moves);
    }
    CU_ASSERT_EQUAL(differ, 0);
    CU_ASSERT(s->napps > 1000); /* explain_new itself takes two threads here */
    explain_free(one, s);
    explain_free(two, s);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

/* CONTRACT.md section 3, written out again: eligible (i, h); i unassigned or
 * ranks h strictly better than the challenge joined; h's team holds a
 * member of i's profile whom h's jury ranked strictly below i. */
static void test_blocking_pairs_definition(void)
{
    const char *cases[] = {"c10-envelope", "c11-host-budget", "c1-one-challenge-each",
                           "c6-must-staff", "c8-quota-share", "c9-diversity-min",
                           "obj-filled-first", "obj-rank-weights", "unlisted-rank",
                           "../report/blocking-ties", NULL};
    int total = 0;
    for (int c = -1; c < 0 || cases[c]; c++) {
        char *p = c < 0 ? eig5() : e2e(cases[c]);
        cohort_scenario *s = load(p);
        cohort_result *r = solve(s);
        int expected = 0;
        for (int k = 0; k < s->napps; k++) {
            const app *a = &s->apps[k];
            int i = a->cand, h = a->chal, held = r->assign[i];
            int eligible = a->jrank > 0 && s->chals[h].need_max[s->cands[i].profile] > 0;
            int wants = held < 0 || (held != k && a->crank_eff < s->apps[held].crank_eff);
            int nd = 0;
            for (int m = 0; m < s->ncands; m++) {
                int am = r->assign[m];
                if (am >= 0 && s->apps[am].chal == h && m != i &&
                    s->cands[m].profile == s->cands[i].profile && s->apps[am].jrank > a->jrank)
                    nd++;
            }
            if (!(eligible && wants && held != k && nd))
                continue;
            expected++;
            int found = -1;
            for (int q = 0; q < r->nblocks; q++)
                if (r->blocks[q].app == k)
                    found = q;
            CU_ASSERT(found >= 0);
            if (found < 0) {
                printf("\n  %s: missing blocking pair %s/%s", p, s->cands[i].id, s->chals[h].id);
                continue;
            }
            CU_ASSERT_EQUAL(r->blocks[found].ndisp, nd);
            CU_ASSERT(r->blocks[found].why && *r->blocks[found].why);
            CU_ASSERT(r->blocks[found].kept_by >= KEPT_RULE &&
                      r->blocks[found].kept_by <= KEPT_TIE);
        }
        CU_ASSERT_EQUAL(r->nblocks, expected);
        total += expected;
        cohort_result_free(r);
        cohort_scenario_free(s);
        free(p);
    }
    CU_ASSERT(total >= 6); /* eig5 has 5, c10-envelope 1 */
}

static void test_split_months(void)
{
    char *p = eig5();
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    int D = s->duration;
    int64_t *m = malloc(sizeof *m * (size_t)D), y[8];
    CU_ASSERT_FATAL(r->nyears <= 8);
    int64_t amounts[] = {0, 1, 7, 99, 12345, 2160001, 7200000, 6299999, 123456789};
    for (size_t k = 0; k < sizeof amounts / sizeof *amounts; k++) {
        split_months(s, r, amounts[k], m);
        split_years(s, r, amounts[k], y);
        int q = 0;
        int64_t all = 0;
        for (int yy = 0; yy < r->nyears; yy++) {
            int64_t sum = 0;
            for (int t = 0; t < r->months_in_year[yy]; t++, q++) {
                sum += m[q];
                CU_ASSERT(m[q] >= 0);
            }
            CU_ASSERT_EQUAL(sum, y[yy]);
            all += sum;
        }
        CU_ASSERT_EQUAL(q, D);
        CU_ASSERT_EQUAL(all, amounts[k]);
    }
    /* 2021-09-13 for 10 months: Sep-Dec 2021 (4), Jan-Jun 2022 (6);
     * 72,000.00 -> 28,800.00 then 43,200.00 -> 7,200.00 a month */
    CU_ASSERT_EQUAL(r->nyears, 2);
    split_months(s, r, 7200000, m);
    for (int k = 0; k < D; k++)
        CU_ASSERT_EQUAL(m[k], 720000);
    /* 1 cent: the years get 0 and 1; in 2022 (6 months) the cumulative
     * rounding puts it in the 3rd month (round(1 * 3 / 6) = 1) */
    split_months(s, r, 1, m);
    for (int k = 0; k < D; k++)
        CU_ASSERT_EQUAL(m[k], k == 4 + 2 ? 1 : 0);
    free(m);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

static void test_result_load(void)
{
    char *src = eig5();
    char *tmp = make_temp_dir("explain-load");
    char *out = path_join(tmp, "out");
    const char *args[] = {"solve", src, "--out", out, "--quiet", NULL};
    CU_ASSERT_EQUAL_FATAL(run_cohort(args, NULL), 0);
    cohort_scenario *s = load(src);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = NULL, *fresh = solve(s);
    CU_ASSERT_EQUAL(cohort_result_load(s, out, &r, &d), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT(!memcmp(r->assign, fresh->assign, sizeof *r->assign * (size_t)s->ncands));
    CU_ASSERT_EQUAL(r->nblocks, fresh->nblocks);
    cohort_result_free(r);
    r = NULL;
    /* a folder with no solve */
    CU_ASSERT_EQUAL(cohort_result_load(s, tmp, &r, &d), COHORT_EINPUT);
    CU_ASSERT(r == NULL && d.nerrors == 1 && strstr(d.errors[0], "absent"));
    cohort_diag_clear(&d);
    /* the row of a member of the cohort, to edit below */
    char prefix[200];
    int m0 = fresh->mem[0];
    snprintf(prefix, sizeof prefix, "\n%s,%s,", s->cands[m0].id,
             s->chals[s->apps[fresh->assign[m0]].chal].id);
    cohort_scenario_free(s);
    /* the same teams from other data: another jury rank for a member */
    char *copy = copy_scenario(src, "explain-load-copy");
    char *pp = path_join(copy, "preferences.csv");
    char *text = read_file(pp, NULL), *orig = read_file(pp, NULL);
    /* the jury rank of a member of the first team moves by one */
    char *hit = strstr(text, prefix);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
    hit = strchr(hit + strlen(prefix), ','); /* after candidate_rank */
    CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
    hit[1] = hit[1] == '9' ? '8' : (char)(hit[1] + 1);
    write_file(pp, text);
    s = load(copy);
    CU_ASSERT_EQUAL(cohort_result_load(s, out, &r, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "differs") != NULL);
    cohort_diag_clear(&d);
    cohort_scenario_free(s);
    /* the same teams and ranks, another envelope (cohort.json shows no
       envelope: its scenario_digest tells, on line 4) */
    write_file(pp, orig);
    char *sj = path_join(copy, "scenario.json");
    char *json = read_file(sj, NULL);
    char *env = strstr(json, "\"envelope\": 700000");
    CU_ASSERT_PTR_NOT_NULL_FATAL(env);
    env[strlen("\"envelope\": 70000")] = '1';
    write_file(sj, json);
    s = load(copy);
    CU_ASSERT_EQUAL(cohort_result_load(s, out, &r, &d), COHORT_EINPUT);
    CU_ASSERT(d.nerrors == 1 && strstr(d.errors[0], "cohort.json:4: differs") != NULL);
    cohort_diag_clear(&d);
    cohort_scenario_free(s);
    free(json);
    free(sj);
    free(orig);
    cohort_result_free(fresh);
    free(text);
    free(pp);
    remove_tree(copy);
    free(copy);
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(src);
}

static void test_explain_text(void)
{
    char *p = eig5();
    cohort_scenario *s = load(p);
    cohort_result *r = solve(s);
    cohort_diag d;
    cohort_diag_init(&d);
    char *t = NULL;
    /* a blocking pair of this cohort: its explanation is in the text, word
       for word (the cohort is one of several optima, so take it from r) */
    CU_ASSERT_FATAL(r->nblocks > 0);
    const blocking *b = &r->blocks[0];
    const app *ba = &s->apps[b->app];
    const char *who = s->cands[ba->cand].id;
    CU_ASSERT_EQUAL(cohort_explain_text(s, r, who, &t, &d), COHORT_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    char want[300];
    snprintf(want, sizeof want, "Candidate %s", who);
    CU_ASSERT(strstr(t, want) != NULL);
    if (ba->crank)
        snprintf(want, sizeof want, "%s (their #%d, jury #%d): ", s->chals[ba->chal].id, ba->crank,
                 ba->jrank);
    else
        snprintf(want, sizeof want, "%s (jury-proposed, jury #%d): ", s->chals[ba->chal].id,
                 ba->jrank);
    CU_ASSERT(strstr(t, want) != NULL);
    CU_ASSERT(strstr(t, "[blocking pair]") != NULL);
    CU_ASSERT(strstr(t, b->why) != NULL);
    free(t);
    CU_ASSERT_EQUAL(cohort_explain_text(s, r, "basegun", &t, &d), COHORT_OK);
    CU_ASSERT(strstr(t, "Challenge basegun (Basegun)") != NULL);
    int h = sm_get(&s->chal_ix, "basegun");
    snprintf(want, sizeof want, "Team (%d):", r->team_size[h]);
    CU_ASSERT(strstr(t, want) != NULL);
    snprintf(want, sizeof want, "%s ", s->cands[r->mem[r->mem_start[h]]].id);
    CU_ASSERT(strstr(t, want) != NULL && strstr(t, "Declined by the jury") != NULL);
    free(t);
    t = NULL;
    CU_ASSERT_EQUAL(cohort_explain_text(s, r, "nobody", &t, &d), COHORT_EINPUT);
    CU_ASSERT(t == NULL && d.nerrors == 1 && strstr(d.errors[0], "'nobody'") != NULL);
    cohort_diag_clear(&d);
    CU_ASSERT_EQUAL(cohort_explain_text(s, NULL, "C0001", NULL, &d), COHORT_OK);
    cohort_result_free(r);
    cohort_scenario_free(s);
    free(p);
}

int main(void)
{
    static const test_case cases[] = {
        {"moves match the full check", test_moves_match_full_check},
        {"violation amounts", test_check_amounts},
        {"reasons: C10 envelope", test_reasons_c10},
        {"reasons: C2 and unstaffed", test_reasons_c2_and_unstaffed},
        {"reasons: every application of eig5", test_reasons_eig5},
        {"two threads, the same texts", test_threads_same_texts},
        {"the place a candidate leaves is filled; pairs agree with rows", test_fill_left_place},
        {"blocking pairs: the contract's definition", test_blocking_pairs_definition},
        {"monthly split", test_split_months},
        {"cohort_result_load", test_result_load},
        {"cohort_explain_text", test_explain_text},
        {NULL, NULL},
    };
    return run_suite("explain", cases);
}
