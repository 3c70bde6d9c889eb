/* solution.c - figures derived from a cohort: money totals, the per-year
 * split of CONTRACT.md section 3, per-host and per-challenge sums, and the
 * blocking pairs with the rule or objective level that keeps each.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void split_years(const cohort_scenario *s, const cohort_result *r, int64_t amount, int64_t *out)
{
    int64_t left = amount;
    for (int y = 0; y < r->nyears; y++) {
        if (y == r->nyears - 1) {
            out[y] = left;
        } else {
            out[y] = muldiv_round(amount, r->months_in_year[y], s->duration);
            left -= out[y];
        }
    }
}

/* Each year's part (split_years) spread over that year's months by
 * cumulative rounding: month t of m gets round(P * t / m) - round(P * (t-1)
 * / m), so the months add up to the year exactly and none is negative. */
void split_months(const cohort_scenario *s, const cohort_result *r, int64_t amount, int64_t *out)
{
    int64_t *py = xmalloc(sizeof *py * (size_t)(r->nyears ? r->nyears : 1));
    split_years(s, r, amount, py);
    int k = 0;
    for (int y = 0; y < r->nyears; y++) {
        int m = r->months_in_year[y];
        for (int t = 1; t <= m; t++, k++)
            out[k] = muldiv_round(py[y], t, m) - muldiv_round(py[y], t - 1, m);
    }
    free(py);
}

static void add3(money3 *m, int64_t c, int64_t p, int64_t h)
{
    m->cost += c;
    m->prog += p;
    m->host += h;
}

static void compute_years(const cohort_scenario *s, cohort_result *r)
{
    r->years = xmalloc(sizeof *r->years * (size_t)s->duration);
    r->months_in_year = xcalloc((size_t)s->duration, sizeof *r->months_in_year);
    r->nyears = 0;
    for (int k = 0; k < s->duration; k++) {
        int y = contract_month_year(s, k);
        if (!r->nyears || r->years[r->nyears - 1] != y)
            r->years[r->nyears++] = y;
        r->months_in_year[r->nyears - 1]++;
    }
}

/* CONTRACT.md section 3: a blocking pair is an eligible (candidate i,
 * challenge h) where i is unassigned or ranks h better (a strictly smaller
 * candidate rank; a jury-proposed pair counts as 1 + the largest rank) than
 * the challenge i joined, and h's team holds a member of i's profile whom
 * h's jury ranked below i (a strictly larger jury rank). `displaces` lists
 * every such member. explain.c says what kept each pair: the rule that
 * putting i in place of a displaced member breaks, or the objective level
 * it worsens, or a tie. */
static void compute_blocking(const cohort_scenario *s, cohort_result *r)
{
    check_state *st = check_state_new(s, r->assign);
    int *disp = xmalloc(sizeof *disp * (size_t)(s->ncands ? s->ncands : 1));
    int cap = 0;
    for (int k = 0; k < s->npairs; k++) {
        int ai = s->pairs[k];
        const app *a = &s->apps[ai];
        int i = a->cand, h = a->chal, held = r->assign[i];
        if (held == ai)
            continue;
        if (held >= 0 && !(a->crank_eff < s->apps[held].crank_eff))
            continue;
        int nd = 0;
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int m = r->mem[q];
            if (s->cands[m].profile == s->cands[i].profile && s->apps[r->assign[m]].jrank > a->jrank)
                disp[nd++] = m;
        }
        if (!nd)
            continue;
        GROW(r->blocks, cap, r->nblocks + 1);
        blocking *b = &r->blocks[r->nblocks++];
        b->app = ai;
        b->ndisp = nd;
        b->displaces = xmalloc(sizeof *b->displaces * (size_t)nd);
        memcpy(b->displaces, disp, sizeof *disp * (size_t)nd);
        b->why = explain_blocking(s, r, st, ai, &b->kept_by, &b->rule, &b->level);
    }
    free(disp);
    check_state_free(st);
}

/* The members of each challenge, in candidate order: mem[start[h] ..
 * start[h + 1]) are the candidates assign puts on challenge h. */
static void members_by_challenge(const cohort_scenario *s, const int *assign, int **start_out,
                                 int **mem_out)
{
    int *items = xmalloc(sizeof *items * (size_t)(s->ncands ? s->ncands : 1));
    int *key = xmalloc(sizeof *key * (size_t)(s->ncands ? s->ncands : 1));
    int n = 0;
    for (int i = 0; i < s->ncands; i++)
        if (assign[i] >= 0) {
            items[n] = i;
            key[n++] = s->apps[assign[i]].chal;
        }
    csr_build(s->nchals, n, items, key, start_out, mem_out);
    free(items);
    free(key);
}

/* Settles ties towards stability. Among cohorts equally good on every
 * objective level, a jury prefers the one without avoidable blocking pairs:
 * while an unplaced candidate i would join challenge h, whose jury ranks i
 * above a member m of the same profile, and putting i in place of m keeps
 * every rule and every level, make that swap (the first such i in pair
 * order, the m the jury ranks lowest, the first application on a tie).
 * Each swap lowers the sum of the jury ranks of the members, so this ends.
 * One check state and one member list per challenge serve every round: a
 * round costs the pairs times the team sizes, not the pools. */
static void settle_ties(const cohort_scenario *s, cohort_result *r)
{
    int *start, *mem;
    members_by_challenge(s, r->assign, &start, &mem);
    check_state *st = check_state_new(s, r->assign);
    for (int iter = 0; iter < 10000; iter++) {
        int best_i = -1, best_app = -1, best_m = -1, best_slot = -1;
        for (int k = 0; k < s->npairs && best_i < 0; k++) {
            int ai = s->pairs[k];
            const app *a = &s->apps[ai];
            int i = a->cand, h = a->chal;
            if (r->assign[i] >= 0)
                continue;
            int worst = -1, wslot = -1;
            /* members of h of i's profile ranked below i, worst first */
            for (int q = start[h]; q < start[h + 1]; q++) {
                int mc = mem[q], mi = r->assign[mc];
                const app *ma = &s->apps[mi];
                if (s->cands[mc].profile != s->cands[i].profile || ma->jrank <= a->jrank)
                    continue;
                if (worst >= 0) {
                    int wi = r->assign[worst];
                    if (s->apps[wi].jrank > ma->jrank || (s->apps[wi].jrank == ma->jrank && wi < mi))
                        continue;
                }
                check_move mv[2] = {{i, ai}, {mc, -1}};
                int64_t lv[NLEVELS];
                if (check_state_try(st, mv, 2, NULL, 0, lv) == 0 &&
                    lv[LV_STAFFED] == r->level[LV_STAFFED] &&
                    lv[LV_FILLED] == r->level[LV_FILLED] && lv[LV_RANK] == r->level[LV_RANK])
                    worst = mc, wslot = q;
            }
            if (worst >= 0) {
                best_i = i;
                best_app = ai;
                best_m = worst;
                best_slot = wslot;
            }
        }
        if (best_i < 0)
            break;
        check_move mv[2] = {{best_i, best_app}, {best_m, -1}};
        check_state_apply(st, mv, 2);
        r->assign[best_m] = -1;
        r->assign[best_i] = best_app;
        mem[best_slot] = best_i;
    }
    check_state_free(st);
    free(start);
    free(mem);
}

static void compute_members(const cohort_scenario *s, cohort_result *r)
{
    members_by_challenge(s, r->assign, &r->mem_start, &r->mem);
}

void solution_derive(const cohort_scenario *s, cohort_result *r)
{
    compute_years(s, r);
    int Y = r->nyears;
    r->fin_host = xcalloc((size_t)(s->nhosts ? s->nhosts : 1) * (size_t)Y, sizeof *r->fin_host);
    r->fin_year = xcalloc((size_t)Y, sizeof *r->fin_year);
    r->host_total = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *r->host_total);
    r->chal_total = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *r->chal_total);
    memset(&r->total, 0, sizeof r->total);
    memset(r->team_size, 0, sizeof *r->team_size * (size_t)s->nchals);
    int64_t *c = xmalloc(sizeof *c * (size_t)Y), *p = xmalloc(sizeof *p * (size_t)Y),
            *h = xmalloc(sizeof *h * (size_t)Y);
    if (r->status != ST_OPTIMAL && r->status != ST_FEASIBLE)
        for (int i = 0; i < s->ncands; i++)
            r->assign[i] = -1;
    else
        settle_ties(s, r);
    compute_members(s, r);
    if (r->status == ST_OPTIMAL || r->status == ST_FEASIBLE) {
        for (int i = 0; i < s->ncands; i++) {
            if (r->assign[i] < 0)
                continue;
            const app *a = &s->apps[r->assign[i]];
            int64_t cost = s->cands[i].cost;
            int hh = s->chals[a->chal].host;
            r->team_size[a->chal]++;
            add3(&r->total, cost, a->prog, a->hshare);
            add3(&r->host_total[hh], cost, a->prog, a->hshare);
            add3(&r->chal_total[a->chal], cost, a->prog, a->hshare);
            split_years(s, r, cost, c);
            split_years(s, r, a->prog, p);
            split_years(s, r, a->hshare, h);
            for (int y = 0; y < Y; y++) {
                add3(&r->fin_host[hh * Y + y], c[y], p[y], h[y]);
                add3(&r->fin_year[y], c[y], p[y], h[y]);
            }
        }
        compute_blocking(s, r);
    }
    free(c);
    free(p);
    free(h);
}
