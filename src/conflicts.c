/* conflicts.c - why a scenario has no cohort.
 *
 * 1. Plain-words checks that need no solver: a must-staff challenge that
 *    can never be staffed (no eligible geomatician, too few applicants...),
 *    a cohort or quota minimum above the number of candidates who could be
 *    placed at all. Each of these is a conflict on its own.
 * 2. Otherwise an elastic copy of the model: every rule that a coordinator
 *    can relax is a "group" (C6: one per must-staff challenge, its y free
 *    instead of fixed at 1; C7..C11: one slack column per side of each
 *    row). The hard rules C1..C5 stay hard: the empty cohort meets them, so
 *    some relaxable rule is always involved.
 *    - elastic filter: start from the groups the empty cohort breaks (C6,
 *      cohort and quota minimums) as hard, the others relaxed; while the
 *      elastic model has a cohort, make hard the groups that cohort breaks.
 *      When the hard groups alone admit no cohort, they hold a conflict.
 *      These are feasibility questions (no objective), which GLPK answers
 *      far faster than "least total violation"; one it leaves open after
 *      FILTER_QUICK goes to the greedy (greedy_try()), then to ask_hard():
 *      the engine's own search on the scenario reduced to the hard groups
 *      (engine_try()) for ENGINE_SLICE (ELASTIC_CAP once it has answered
 *      a question the elastic search left open), GLPK's elastic search
 *      until ELASTIC_CAP, the engine again until the deadline;
 *    - deletion filter over it: each group is relaxed in turn and stays
 *      relaxed when the rest is still infeasible. What remains is a minimal
 *      set of rules that cannot hold together (an irreducible one: relaxing
 *      any single one of them makes the others feasible). Its questions
 *      go to the LP relaxation and the greedy first, then to ask_hard()
 *      (any answer gives the same set; the engine proves "none" in a tenth
 *      of the elastic search's time);
 *    - for each rule of the set, the elastic model relaxes that rule alone
 *      and minimises how far it moves, in an equal part of the time left;
 *      the amount is recomputed exactly, in cents or members, from the
 *      cohort found (the greedy's when GLPK finds none in time: "at most").
 *      A greedy cohort one member away needs no search: the set has no
 *      cohort, so a member is the least any rule of it can move; the
 *      amount of cohort_size.min is the engine's filled level first; an
 *      amount of money is bisected with the engine's answers after a
 *      short elastic try (money_amount()).
 * All of it stays within the time limit of the solve (docs/validation.md).
 */
#include "internal.h"
#include "lp.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void add_conflict(cohort_result *r, const char *rule, const char *subject,
                         int64_t amount, const char *unit, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void add_conflict(cohort_result *r, const char *rule, const char *subject,
                         int64_t amount, const char *unit, const char *fmt, ...)
{
    if (!r)
        return; /* describe_slack() asked only whether the rule is broken */
    r->conflicts = xrealloc(r->conflicts, sizeof *r->conflicts * (size_t)(r->nconflicts + 1));
    conflict *c = &r->conflicts[r->nconflicts++];
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    c->rule = xstrdup(rule);
    c->subject = xstrdup(subject ? subject : "");
    c->text = xstrdup(buf);
    c->amount = amount;
    c->unit = xstrdup(unit ? unit : "");
}

int cohort_result_nconflicts(const cohort_result *r)
{
    return r ? r->nconflicts : 0;
}

const char *cohort_result_conflict_text(const cohort_result *r, int k)
{
    return r && k >= 0 && k < r->nconflicts ? r->conflicts[k].text : NULL;
}

/* ---- 1. plain words ---- */

/* Why challenge h can never be staffed (C2..C5 by counting its eligible
 * applicants), or 0; the return is how many members or profiles are missing.
 * model_build() fixes y at 0 for exactly these challenges (keep the two
 * alike: the elastic model cannot explain a must_staff challenge it was
 * given as impossible). */
static int structural(const cohort_scenario *s, int h, char *buf, size_t n)
{
    const challenge *c = &s->chals[h];
    int cnt[NPROF] = {0}, total = 0, pool = 0, need_sum = 0;
    for (int k = s->by_chal_start[h]; k < s->by_chal_start[h + 1]; k++) {
        cnt[s->cands[s->apps[s->by_chal[k]].cand].profile]++;
        total++;
    }
    for (int p = 0; p < NPROF; p++) {
        if (cnt[p])
            pool++;
        need_sum += c->need_min[p];
    }
    for (int p = 0; p < NPROF; p++)
        if (cnt[p] < c->need_min[p]) {
            if (cnt[p] == 0)
                snprintf(buf, n, "no eligible %s", PROFILE_NAMES[p]);
            else
                snprintf(buf, n, "only %d eligible %s, its needs ask for %d", cnt[p],
                         PROFILE_NAMES[p], c->need_min[p]);
            return c->need_min[p] - cnt[p];
        }
    if (total < c->min_team) {
        if (total == 0)
            snprintf(buf, n, "no eligible applicant (min_team %d)", c->min_team);
        else
            snprintf(buf, n, "only %d eligible applicant%s, min_team is %d", total,
                     total == 1 ? "" : "s", c->min_team);
        return c->min_team - total;
    }
    if (need_sum > c->max_team) {
        snprintf(buf, n, "its needs ask for %d members but max_team is %d", need_sum,
                 c->max_team);
        return need_sum - c->max_team;
    }
    if (c->max_team < s->min_distinct) {
        snprintf(buf, n, "max_team is %d, min_distinct_profiles is %d (one member of each)",
                 c->max_team, s->min_distinct);
        return s->min_distinct - c->max_team;
    }
    if (pool < s->min_distinct) {
        snprintf(buf, n, "its eligible applicants cover %d profile%s, min_distinct_profiles is %d",
                 pool, pool == 1 ? "" : "s", s->min_distinct);
        return s->min_distinct - pool;
    }
    return 0;
}

/* Rules that no cohort can meet, whatever the others: returns how many. */
static int plain_checks(const cohort_scenario *s, cohort_result *r)
{
    char why[256];
    int found = 0;
    for (int h = 0; h < s->nchals; h++)
        if (s->chals[h].must_staff && structural(s, h, why, sizeof why)) {
            add_conflict(r, "C6", s->chals[h].id, 1, "challenge", "C6 must_staff %s: %s",
                         s->chals[h].id, why);
            found++;
        }
    /* a cohort_size.min or a quota min above the candidates who could be
       placed at all is no plain check: that count is only a bound, and
       team sizes and needs may place far fewer (eig5 with cohort_size.min
       110: 105 such candidates, but at most 42 members; the elastic model
       below says 68 short, where this count once said 5; found by an
       audit) */
    return found;
}

/* ---- 2. the elastic model ---- */

typedef struct group {
    int col;    /* slack column of `row`, or the y column for C6 */
    int is_c6;
    int chal;   /* C6: the challenge */
    int row;    /* slack: the row it relaxes (a budget's own row) */
    int side;   /* slack: +1 relaxes a lower bound, -1 an upper bound */
    int *more;  /* slack columns of the rows the rule implies (a budget's */
    int nmore;  /*   cheapest-teams rows), relaxed with it and free of cost */
} group;

typedef struct elastic {
    const cohort_scenario *s;
    model *m;
    group *g;
    int ng;
    double deadline;
    int lp_ok;      /* the last solve reached an optimal LP relaxation */
    double lp_obj;  /* its objective: a lower bound for the MIP */
    double stop_at;  /* the end of this try: the deadline, or sooner */
    int can_count;   /* a share rule: count columns may help (COUNTS_AFTER) */
    int counts_first; /* a solve needed them: the next ones start with them */
    int engine_first; /* the engine answered a question GLPK's elastic search
                         left open: ask_hard() gives it ELASTIC_CAP first */
    int nteam;       /* columns of the cohort (x and y: 1..nteam) */
    int *col_type;   /* their bounds as the model has them, restored by */
    double *col_ub;  /*   set_groups() when a question is not reduced */
    int ncount, count_col0, count_row0; /* count columns in the model now */
    const cohort_solve_opts *o; /* its progress callback, or NULL */
    double t0;       /* when the solve started (now_seconds()) */
    double last_report;
    cohort_result *r; /* its conflict_asked counts, for the stage below */
    int stage;        /* 0 filter, 1 deletion, 2 amounts */
} elastic;

/* Progress of the conflict search (COHORT_EV_CONFLICTS): each stage as it
 * starts, then at most once an interval, as the solve's ticks. */
static void progress(elastic *e, const char *stage, int k, int n, int force)
{
    if (!e->o || !e->o->progress)
        return;
    double t = now_seconds();
    double every = e->o->progress_interval > 0 ? e->o->progress_interval : 1.0;
    if (!force && t - e->last_report < every)
        return;
    e->last_report = t;
    cohort_progress p = {0};
    p.event = COHORT_EV_CONFLICTS;
    p.elapsed = t - e->t0;
    p.level = "";
    p.phase = stage;
    p.iterations = k;
    p.value = n;
    p.gap = -1;
    e->o->progress(&p, e->o->progress_user);
}

/* How many of the ng groups are in the set. */
static int count_in(const unsigned char *in, int ng)
{
    int n = 0;
    for (int k = 0; k < ng; k++)
        n += in[k];
    return n;
}

static int row_is(const elastic *e, int row, const char *tag)
{
    return strstr(glp_get_row_name(e->m->lp, row), tag) != NULL;
}

static void add_group(elastic *e, group g)
{
    e->g = xrealloc(e->g, sizeof *e->g * (size_t)(e->ng + 1));
    e->g[e->ng++] = g;
}

/* A slack column for one side of `row`. A budget's implied rows (model.c's
 * budget_rows(), right after the budget's own row) join the budget's group:
 * a coordinator relaxes the budget, not one of the model's rows, and a
 * budget relaxed while its implied rows still held would not be relaxed at
 * all (amounts larger than the least, a row of the model named in the set
 * instead of the rule). */
static void add_slack(elastic *e, int row, int side)
{
    glp_prob *lp = e->m->lp;
    int j = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, j, GLP_CV);
    glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
    int len = glp_get_mat_row(lp, row, NULL, NULL);
    int *ind = xmalloc(sizeof *ind * (size_t)(len + 2));
    double *val = xmalloc(sizeof *val * (size_t)(len + 2));
    glp_get_mat_row(lp, row, ind, val);
    ind[len + 1] = j;
    val[len + 1] = side > 0 ? 1.0 : -1.0;
    glp_set_mat_row(lp, row, len + 1, ind, val);
    /* the model was scaled before the slacks existed: a money row's factor
       (about 1e-7 with amounts of millions of cents) left its slack's
       scaled coefficient below GLPK's tolerances, so the row could not be
       relaxed at all (conflicts "not known: the search ran out of time" in
       a few milliseconds); such a slack (row factor under 1e-3) gets the
       inverse of its row's factor, a scaled coefficient of 1. Other slacks
       keep theirs: rescaling every money slack also changed which rows the
       filters keep where nothing was wrong (larger amounts on three
       conformance-kit scenarios). */
    int kind = e->m->row_kind[row];
    if ((kind == ROW_C10 || kind == ROW_C11) && glp_get_rii(lp, row) < 1e-3)
        glp_set_sjj(lp, j, 1.0 / glp_get_rii(lp, row));
    free(ind);
    free(val);
    group *last = e->ng ? &e->g[e->ng - 1] : NULL;
    if ((kind == ROW_C10 || kind == ROW_C11) && last && !last->is_c6 &&
        e->m->row_kind[last->row] == kind &&
        e->m->row_subject[last->row] == e->m->row_subject[row] && last->side == side) {
        last->more = xrealloc(last->more, sizeof *last->more * (size_t)(last->nmore + 1));
        last->more[last->nmore++] = j;
        return;
    }
    add_group(e, (group){j, 0, -1, row, side, NULL, 0});
}

/* Whether group k only caps what a cohort takes: a maximum of the cohort
 * size or of a profile's count, the envelope, a budget (and its implied
 * rows). Dropping a team never breaks such a rule, nor moves it further. */
static int caps_only(const elastic *e, int k)
{
    const group *g = &e->g[k];
    if (g->is_c6 || g->side > 0)
        return 0;
    int kind = e->m->row_kind[g->row];
    return kind == ROW_C7 || kind == ROW_C10 || kind == ROW_C11 ||
           (kind == ROW_C8 && row_is(e, g->row, "C8count"));
}

/* in[k]: 1 = group k holds, 0 = relaxed. The objective minimises the
 * violation of the relaxed groups whose obj[k] is set (NULL: none).
 * reduce: when every group that holds, and every one in the objective, is a
 * must_staff or only caps (caps_only()), the cohort keeps only the teams of
 * the must_staff challenges held: any cohort that keeps the held groups
 * still does without its other teams, and moves the objective's groups no
 * further; so the answer, and the least amount, are the same, on a model
 * of a few teams instead of every challenge (a budget's least overspend
 * next to a must_staff at national scale: not proven in 28 s before). */
static void set_groups(elastic *e, const unsigned char *in, const unsigned char *obj,
                       int reduce)
{
    glp_prob *lp = e->m->lp;
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        glp_set_obj_coef(lp, j, 0.0);
    for (int k = 0; k < e->ng; k++) {
        const group *g = &e->g[k];
        int in_obj = obj && obj[k] && !in[k];
        if (g->is_c6) {
            if (in[k])
                glp_set_col_bnds(lp, g->col, GLP_FX, 1, 1);
            else
                glp_set_col_bnds(lp, g->col, GLP_DB, 0, 1);
            if (in_obj)
                glp_set_obj_coef(lp, g->col, -1.0); /* 1 - y: the challenge left unstaffed */
        } else {
            for (int q = -1; q < g->nmore; q++) {
                int j = q < 0 ? g->col : g->more[q];
                if (in[k])
                    glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
                else
                    glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
            }
            if (in_obj)
                glp_set_obj_coef(lp, g->col, 1.0);
        }
    }
    glp_set_obj_dir(lp, GLP_MIN);
    for (int k = 0; k < e->ng && reduce; k++)
        if ((in[k] || (obj && obj[k])) && !e->g[k].is_c6 && !caps_only(e, k))
            reduce = 0;
    const cohort_scenario *s = e->s;
    unsigned char *keep = xcalloc((size_t)(s->nchals ? s->nchals : 1), 1);
    for (int k = 0; k < e->ng; k++)
        if (e->g[k].is_c6 && in[k])
            keep[e->g[k].chal] = 1;
    for (int h = 0; h < s->nchals; h++) {
        int yc = model_ycol(e->m, h), held = keep[h];
        int off = reduce && !held;
        for (int q = s->by_chal_start[h]; q <= s->by_chal_start[h + 1]; q++) {
            /* the challenge's pairs, then its y column (whose bounds the
               loop above set when it is a must_staff's) */
            int end = q == s->by_chal_start[h + 1];
            int j = end ? yc : model_xcol(e->m, e->m->pair_of_app[s->by_chal[q]]);
            if (end && s->chals[h].must_staff && !off)
                continue;
            if (off)
                glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
            else if (e->col_type[j] == GLP_FX)
                glp_set_col_bnds(lp, j, GLP_FX, e->col_ub[j], e->col_ub[j]);
            else
                glp_set_col_bnds(lp, j, GLP_DB, 0, e->col_ub[j]);
        }
    }
    free(keep);
}

/* Count columns (model_add_counts()) let GLPK branch on "at most 33
 * members" or "at least 12 designers": proving that share rules admit no
 * cohort, or how far one must move, took more than a minute without them
 * on coordinators' what-ifs, 0.01-3 s with them. But they slow most other
 * solves (the feasibility pump finds elastic cohorts less often: solves of
 * 10 ms took 300 ms), so each solve is tried this long without them first,
 * until one solve needed them: the later ones start with them (counts_first;
 * docs/validation.md, section 3). */
#define COUNTS_AFTER 0.25

#define PCOST_MAX_COLS 10000

/* Stops the branch-and-bound at the deadline (GLPK's own tm_lim is only
 * looked at between some of its steps). */
static void deadline_cb(glp_tree *T, void *info)
{
    elastic *e = info;
    if (past_deadline(e->stop_at))
        glp_ios_terminate(T);
}

/* One try: the LP relaxation, then GLPK's branch-and-bound until `until`.
 * 1 a cohort was found (2: and proven to minimise the objective), 0 there is
 * none, -1 unknown; *stopped: the time ran out. */
static int elastic_try(elastic *e, double until, int *stopped)
{
    *stopped = 0;
    e->lp_ok = 0;
    double left = until - now_seconds();
    if (left <= 0) {
        *stopped = 1;
        return -1;
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF; /* keeps a valid basis for glp_intopt's root */
    sp.tm_lim = lp_tm_lim(left);
    int lprc = lp_relaxation(e->m->lp, &sp);
    if (lprc == LP_INFEASIBLE)
        return 0;
    if (lprc == LP_TIMEOUT)
        *stopped = 1;
    if (lprc != LP_OPTIMAL)
        return -1;
    e->lp_ok = 1;
    e->lp_obj = glp_get_obj_val(e->m->lp);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    /* pseudo-cost branching, except on large models: its first branching
       solves an LP per fractional column with no callback and no look at
       the clock, 4-7 s past the end of the try at national scale (17,472
       columns); Driebeck-Tomlin's rule there keeps tries within 0.6 s of
       their end. Below, pseudo-costs prove amounts that Driebeck-Tomlin
       does not within a minute (4 of the 56 random infeasible scenarios) */
    ip.br_tech = glp_get_num_cols(e->m->lp) > PCOST_MAX_COLS ? GLP_BR_DTH : GLP_BR_PCH;
    ip.bt_tech = GLP_BT_BLB;
    ip.fp_heur = GLP_ON; /* the feasibility pump finds elastic cohorts fast */
    ip.cb_func = deadline_cb;
    ip.cb_info = e;
    left = until - now_seconds();
    if (left <= 0) {
        *stopped = 1;
        return -1;
    }
    e->stop_at = until;
    ip.tm_lim = lp_tm_lim(left);
    int rc = glp_intopt(e->m->lp, &ip);
    int ms = glp_mip_status(e->m->lp);
    if (ms == GLP_NOFEAS)
        return 0;
    if (ms == GLP_OPT)
        return 2;
    if (rc == GLP_ETMLIM || rc == GLP_ESTOP)
        *stopped = 1;
    return ms == GLP_FEAS ? 1 : -1;
}

/* 1 a cohort was found (2: and proven to minimise the objective), 0 there is
 * none, -1 unknown (the time ran out, or numerical trouble). A first try of
 * COUNTS_AFTER seconds without the count columns; when it runs out, the
 * count columns are added and the solve starts again until `until`. They
 * stay until the next solve (the caller reads the cohort). */
static int elastic_solve(elastic *e, double until)
{
    e->r->conflict_asked[e->stage][1]++;
    if (e->ncount) {
        model_del_counts(e->m, e->ncount, e->count_col0, e->count_row0);
        e->ncount = 0;
    }
    int stopped, f;
    if (e->can_count && e->counts_first) {
        e->ncount = model_add_counts(e->m, e->s, &e->count_col0, &e->count_row0);
    } else if (e->can_count && until - now_seconds() > COUNTS_AFTER) {
        f = elastic_try(e, now_seconds() + COUNTS_AFTER, &stopped);
        if (!stopped || f == 2 || f == 0)
            return f;
        e->ncount = model_add_counts(e->m, e->s, &e->count_col0, &e->count_row0);
        f = elastic_try(e, until, &stopped);
        /* they decided what the plain try could not: keep them first */
        e->counts_first = !stopped && (f == 2 || f == 0);
        return f;
    }
    return elastic_try(e, until, &stopped);
}

/* Whether the empty cohort meets every group that holds in `in`: then the
 * elastic model has a cohort and no solve is needed. */
static int empty_cohort_fits(const elastic *e, const unsigned char *in)
{
    glp_prob *lp = e->m->lp;
    for (int k = 0; k < e->ng; k++) {
        const group *g = &e->g[k];
        if (!in[k])
            continue;
        if (g->is_c6)
            return 0;
        /* every row is a sum over x with a zero right-hand side except the
           count rows: the empty cohort breaks a positive lower bound only */
        int type = glp_get_row_type(lp, g->row);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) &&
            glp_get_row_lb(lp, g->row) > 0.5)
            return 0;
    }
    return 1;
}

/* Does the elastic cohort just found break group k (beyond the tolerance)? */
static int violated(const elastic *e, int k)
{
    const group *g = &e->g[k];
    double v = glp_mip_col_val(e->m->lp, g->col);
    return g->is_c6 ? v < 0.5 : v > 1e-6;
}

/* ---- naming the rules and measuring them on a cohort ---- */

typedef struct counts {
    int64_t total, prog, pcount[NPROF];
    int64_t *hostpay, *dcount;
} counts;

static void count_cohort(const cohort_scenario *s, const int *assign, counts *c)
{
    memset(c, 0, sizeof *c);
    c->hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *c->hostpay);
    c->dcount = xcalloc((size_t)(s->ndivs ? s->ndivs : 1), sizeof *c->dcount);
    for (int i = 0; i < s->ncands; i++) {
        if (assign[i] < 0)
            continue;
        const app *a = &s->apps[assign[i]];
        c->prog += a->prog;
        c->hostpay[s->chals[a->chal].host] += a->hshare;
        c->total++;
        c->pcount[s->cands[i].profile]++;
        for (int d = 0; d < s->ndivs; d++)
            c->dcount[d] += cand_in_div(s, i, d);
    }
}

static const char *conflict_ratio_text(ratio q, char *buf, size_t n)
{
    double_text((double)q.num / (double)q.den, buf, n);
    return buf;
}

/* "C10 programme envelope", "C11 host budget H1", ...: how a rule is named. */
static void group_name(const elastic *e, int k, char *buf, size_t n)
{
    const cohort_scenario *s = e->s;
    const group *g = &e->g[k];
    if (g->is_c6) {
        snprintf(buf, n, "C6 must_staff %s", s->chals[g->chal].id);
        return;
    }
    int kind = e->m->row_kind[g->row], subj = e->m->row_subject[g->row];
    /* which bound: a quota's min and its min_share are two rules */
    const char *bound = kind == ROW_C9 || (kind == ROW_C8 && !row_is(e, g->row, "C8count"))
                            ? (g->side > 0 ? "min_share" : "max_share")
                            : (g->side > 0 ? "min" : "max");
    switch (kind) {
    case ROW_C7:
        snprintf(buf, n, "C7 cohort size %s", bound);
        break;
    case ROW_C8:
        snprintf(buf, n, "C8 quota %s %s", PROFILE_NAMES[subj], bound);
        break;
    case ROW_C9:
        snprintf(buf, n, "C9 diversity %s=%s %s", s->divs[subj].attribute, s->divs[subj].value,
                 bound);
        break;
    case ROW_C10:
        snprintf(buf, n, "C10 programme envelope");
        break;
    case ROW_C11:
        snprintf(buf, n, "C11 host budget %s", s->hosts[subj].id);
        break;
    default:
        snprintf(buf, n, "%s", glp_get_row_name(e->m->lp, g->row));
    }
}

/* Adds the conflict of slack group k measured exactly on the cohort that
 * relaxes it alone; returns 0 when the cohort does not break it exactly.
 * With r NULL, only whether it breaks it. proven: no cohort moves it less
 * ("at most 30 members can be placed"); otherwise the count is the found
 * cohort's ("264 members can be placed", the caller says the rest). */
static int describe_slack(const elastic *e, int k, const counts *c, int proven, cohort_result *r)
{
    const cohort_scenario *s = e->s;
    const group *g = &e->g[k];
    int kind = e->m->row_kind[g->row], subj = e->m->row_subject[g->row];
    int lower = g->side > 0; /* a minimum that cannot be reached */
    char eur[64], a[32], b[32];
    int64_t t = c->total;
    if (kind == ROW_C7) {
        if (lower && s->cs_min >= 0 && t < s->cs_min) {
            add_conflict(r, "C7", "cohort", s->cs_min - t, "members",
                         "C7 cohort size: %s%lld members can be placed, cohort_size.min "
                         "is %d (%lld short)", proven ? "at most " : "", (long long)t, s->cs_min,
                         (long long)(s->cs_min - t));
            return 1;
        }
        if (!lower && s->cs_max >= 0 && t > s->cs_max) {
            add_conflict(r, "C7", "cohort", t - s->cs_max, "members",
                         "C7 cohort size: %s%lld members are needed, cohort_size.max is "
                         "%d (%lld over)", proven ? "at least " : "", (long long)t, s->cs_max,
                         (long long)(t - s->cs_max));
            return 1;
        }
        return 0;
    }
    if (kind == ROW_C8 && row_is(e, g->row, "C8count")) {
        const quota *q = &s->quotas[subj];
        const char *pn = PROFILE_NAMES[subj];
        int64_t pc = c->pcount[subj];
        if (lower && q->min >= 0 && pc < q->min) {
            add_conflict(r, "C8", pn, q->min - pc, "members",
                         "C8 quota %s: %s%lld can be placed, min is %d (%lld short)", pn,
                         proven ? "at most " : "", (long long)pc, q->min,
                         (long long)(q->min - pc));
            return 1;
        }
        if (!lower && q->max >= 0 && pc > q->max) {
            add_conflict(r, "C8", pn, pc - q->max, "members",
                         "C8 quota %s: %s%lld are needed, max is %d (%lld over)", pn,
                         proven ? "at least " : "", (long long)pc, q->max,
                         (long long)(pc - q->max));
            return 1;
        }
        return 0;
    }
    if (kind == ROW_C8 || kind == ROW_C9) {
        const char *what;
        char subjbuf[300];
        int64_t cnt;
        int has_min, has_max;
        ratio mn, mx;
        if (kind == ROW_C8) {
            const quota *q = &s->quotas[subj];
            what = "quota";
            snprintf(subjbuf, sizeof subjbuf, "%s", PROFILE_NAMES[subj]);
            cnt = c->pcount[subj];
            has_min = q->has_min_share, has_max = q->has_max_share;
            mn = q->min_share, mx = q->max_share;
        } else {
            const diversity *D = &s->divs[subj];
            what = "diversity";
            snprintf(subjbuf, sizeof subjbuf, "%s=%s", D->attribute, D->value);
            cnt = c->dcount[subj];
            has_min = D->has_min_share, has_max = D->has_max_share;
            mn = D->min_share, mx = D->max_share;
        }
        const char *rule = kind == ROW_C8 ? "C8" : "C9";
        if (lower && has_min && (__int128)cnt * mn.den < (__int128)mn.num * t) {
            if (mn.num >= mn.den) {
                /* a share of 1: adding members cannot help, the others must go */
                add_conflict(r, rule, subjbuf, t - cnt, "members",
                             "%s %s %s min_share 1: %lld of %lld members, %lld not in it", rule,
                             what, subjbuf, (long long)cnt, (long long)t, (long long)(t - cnt));
                return 1;
            }
            /* members of the group to add, the others staying, to reach the
               share: the least m with (cnt + m) / (t + m) >= num / den */
            __int128 gap = (__int128)mn.num * t - (__int128)mn.den * cnt;
            int64_t more = (int64_t)((gap + (mn.den - mn.num) - 1) / (mn.den - mn.num));
            add_conflict(r, rule, subjbuf, more, "members",
                         "%s %s %s min_share %s: %lld of %lld members, %lld more needed", rule,
                         what, subjbuf, conflict_ratio_text(mn, a, sizeof a), (long long)cnt,
                         (long long)t, (long long)more);
            return 1;
        }
        if (!lower && has_max && (__int128)cnt * mx.den > (__int128)mx.num * t) {
            int64_t allowed = share_most(mx, t);
            add_conflict(r, rule, subjbuf, cnt - allowed, "members",
                         "%s %s %s max_share %s: %lld of %lld members, %lld too many", rule,
                         what, subjbuf, conflict_ratio_text(mx, b, sizeof b), (long long)cnt,
                         (long long)t, (long long)(cnt - allowed));
            return 1;
        }
        return 0;
    }
    if (kind == ROW_C10) {
        if (s->envelope >= 0 && c->prog > s->envelope) {
            fmt_eur(c->prog - s->envelope, eur, sizeof eur);
            add_conflict(r, "C10", "programme", c->prog - s->envelope, "cents",
                         "C10 programme envelope: %s short", eur);
            return 1;
        }
        return 0;
    }
    if (kind == ROW_C11) {
        const host *h = &s->hosts[subj];
        if (h->budget >= 0 && c->hostpay[subj] > h->budget) {
            fmt_eur(c->hostpay[subj] - h->budget, eur, sizeof eur);
            add_conflict(r, "C11", h->id, c->hostpay[subj] - h->budget, "cents",
                         "C11 host budget %s: %s short", h->id, eur);
            return 1;
        }
        return 0;
    }
    return 0;
}

/* ---- the engine's own search for the questions GLPK leaves open ---- */

/* The scenario with only the rules of the groups that hold in `in`: a copy
 * of s (its hosts, challenges and diversity rules copied, their strings and
 * everything else shared) with every relaxable rule dropped, then the held
 * ones put back. Free v->hosts, v->chals and v->divs after use. */
static void held_scenario(const elastic *e, const unsigned char *in, cohort_scenario *v)
{
    const cohort_scenario *s = e->s;
    *v = *s;
    v->hosts = xmalloc(sizeof *v->hosts * (size_t)(s->nhosts ? s->nhosts : 1));
    v->chals = xmalloc(sizeof *v->chals * (size_t)(s->nchals ? s->nchals : 1));
    v->divs = xmalloc(sizeof *v->divs * (size_t)(s->ndivs ? s->ndivs : 1));
    if (s->nhosts)
        memcpy(v->hosts, s->hosts, sizeof *v->hosts * (size_t)s->nhosts);
    if (s->nchals)
        memcpy(v->chals, s->chals, sizeof *v->chals * (size_t)s->nchals);
    if (s->ndivs)
        memcpy(v->divs, s->divs, sizeof *v->divs * (size_t)s->ndivs);
    v->cs_min = v->cs_max = -1;
    v->envelope = -1;
    for (int p = 0; p < NPROF; p++) {
        v->quotas[p].min = v->quotas[p].max = -1;
        v->quotas[p].has_min_share = v->quotas[p].has_max_share = 0;
    }
    for (int d = 0; d < s->ndivs; d++)
        v->divs[d].has_min_share = v->divs[d].has_max_share = 0;
    for (int h = 0; h < s->nhosts; h++)
        v->hosts[h].budget = -1;
    for (int h = 0; h < s->nchals; h++)
        v->chals[h].must_staff = 0;
    for (int k = 0; k < e->ng; k++) {
        const group *g = &e->g[k];
        if (!in[k])
            continue;
        if (g->is_c6) {
            v->chals[g->chal].must_staff = 1;
            continue;
        }
        int kind = e->m->row_kind[g->row], subj = e->m->row_subject[g->row], lower = g->side > 0;
        if (kind == ROW_C7) {
            if (lower)
                v->cs_min = s->cs_min;
            else
                v->cs_max = s->cs_max;
        } else if (kind == ROW_C8 && row_is(e, g->row, "C8count")) {
            if (lower)
                v->quotas[subj].min = s->quotas[subj].min;
            else
                v->quotas[subj].max = s->quotas[subj].max;
        } else if (kind == ROW_C8) {
            if (lower)
                v->quotas[subj].has_min_share = s->quotas[subj].has_min_share;
            else
                v->quotas[subj].has_max_share = s->quotas[subj].has_max_share;
        } else if (kind == ROW_C9) {
            if (lower)
                v->divs[subj].has_min_share = s->divs[subj].has_min_share;
            else
                v->divs[subj].has_max_share = s->divs[subj].has_max_share;
        } else if (kind == ROW_C10) {
            v->envelope = s->envelope;
        } else if (kind == ROW_C11) {
            v->hosts[subj].budget = s->hosts[subj].budget;
        }
    }
}

/* The host of money group k, or -1 for the programme's envelope (C10). */
static int money_host(const elastic *e, int k)
{
    const group *g = &e->g[k];
    return e->m->row_kind[g->row] == ROW_C10 ? -1 : e->m->row_subject[g->row];
}

/* Where the limit of money group k (cents) is in scenario v: its envelope,
 * or its host's budget. */
static int64_t *money_limit_in(const elastic *e, cohort_scenario *v, int k)
{
    int h = money_host(e, k);
    return h < 0 ? &v->envelope : &v->hosts[h].budget;
}

/* The limit of money group k in the scenario, in cents. */
static int64_t money_limit(const elastic *e, int k)
{
    int h = money_host(e, k);
    return h < 0 ? e->s->envelope : e->s->hosts[h].budget;
}

static void held_free(cohort_scenario *v)
{
    free(v->hosts);
    free(v->chals);
    free(v->divs);
}

/* Marks held (in[k] = 1) every group that the cohort breaks exactly;
 * returns how many. */
static int hold_broken(const elastic *e, const int *assign, unsigned char *in)
{
    const cohort_scenario *s = e->s;
    counts c;
    count_cohort(s, assign, &c);
    unsigned char *staffed = xcalloc((size_t)(s->nchals ? s->nchals : 1), 1);
    for (int i = 0; i < s->ncands; i++)
        if (assign[i] >= 0)
            staffed[s->apps[assign[i]].chal] = 1;
    int added = 0;
    for (int k = 0; k < e->ng; k++) {
        const group *g = &e->g[k];
        if (in[k] || !(g->is_c6 ? !staffed[g->chal] : describe_slack(e, k, &c, 1, NULL)))
            continue;
        in[k] = 1;
        added++;
    }
    free(staffed);
    free(c.hostpay);
    free(c.dcount);
    return added;
}

/* Whether the LP relaxation of the elastic model, as set_groups() left it,
 * has no solution (then no cohort keeps the held groups). */
static int lp_none(const elastic *e)
{
    double left = e->deadline - now_seconds();
    if (left <= 0)
        return 0;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    sp.tm_lim = lp_tm_lim(left);
    return lp_relaxation(e->m->lp, &sp) == LP_INFEASIBLE;
}

/* A question of the filters that the engine's first slice left open goes
 * to GLPK's elastic search until this long from then, the rest of the time
 * to the engine again (ask_hard()). */
#define ELASTIC_CAP 2.0

/* The elastic filter's first try of each question: GLPK's elastic search
 * finds the cohorts of its first rounds in 5-15 ms at promotion scale, but
 * proves "no cohort" (its last round) slowly, where the engine takes 20 ms
 * (measured on 264 infeasible scenarios: 0.1 s against 0.25 s, the same
 * conflicts, 12 % less time in all; docs/validation.md, section 3). */
#define FILTER_QUICK 0.1

/* The engine's first slice: it proves most "no cohort" answers in it (20 ms
 * a question at promotion scale, where the elastic search took 0.25 s),
 * but can take a second to find a cohort that the elastic search finds at
 * once (a regional budgets case). */
#define ENGINE_SLICE 0.1

static double until_after(const elastic *e, double seconds)
{
    double until = now_seconds() + seconds;
    return until < e->deadline ? until : e->deadline;
}

/* A question of the filters ("is there a cohort that keeps the groups
 * held in `in`?"), asked of the engine's own search (first_cohort()) on the
 * scenario reduced to those rules, its staffed level as the objective, until
 * `until` (engine_try()); with `level` LV_FILLED, the most members such a
 * cohort can have (best_cohort(), for cohort_size.min's amount); with
 * `moved` a money group not held in `in`, held again with its limit raised
 * by `by` cents (money_amount()'s bisection). Its starting cohort, the
 * roundings of its LP and its search with the count columns find cohorts
 * that the elastic model's search, with no objective to guide it, did not
 * find in a minute at national scale; and
 * its proofs that there is none (the implied rows, share counts and root
 * cuts of the staffed level) take a tenth of the elastic search's time on
 * the designers' what-ifs (docs/validation.md, section 3).
 * 1 a cohort (in assign), 0 none, -1 not known in time. */
static int engine_ask(elastic *e, const unsigned char *in, int *assign, double until, int level,
                      int moved, int64_t by)
{
    e->r->conflict_asked[e->stage][0]++;
    cohort_scenario v;
    held_scenario(e, in, &v);
    v.norder = 1;
    v.order[0] = level;
    if (moved >= 0)
        *money_limit_in(e, &v, moved) = money_limit(e, moved) + by;
    double left = until - now_seconds();
    int f = level == LV_STAFFED ? first_cohort(&v, left, assign) : best_cohort(&v, left, assign);
    held_free(&v);
    return f;
}

static int engine_try(elastic *e, const unsigned char *in, int *assign, double until)
{
    return engine_ask(e, in, assign, until, LV_STAFFED, -1, 0);
}

/* A question of the filters that the quick answers left open ("is there a
 * cohort that keeps the groups held in `in`?"): the engine for ENGINE_SLICE
 * seconds (ELASTIC_CAP while e->engine_first), then GLPK's elastic search
 * on the model as set_groups() left it (for `in`) until ELASTIC_CAP, then
 * the engine until the deadline. Returns
 * as elastic_solve(); a cohort found is in assign when *in_assign, else in
 * the elastic model. */
static int ask_hard(elastic *e, const unsigned char *in, int *assign, int *in_assign)
{
    *in_assign = 1;
    int f = engine_try(e, in, assign, until_after(e, e->engine_first ? ELASTIC_CAP : ENGINE_SLICE));
    if (f >= 0)
        return f;
    *in_assign = 0;
    f = elastic_solve(e, until_after(e, ELASTIC_CAP));
    if (f >= 0) {
        e->engine_first = 0;
        return f;
    }
    *in_assign = 1;
    f = engine_try(e, in, assign, e->deadline);
    /* the next questions are of the same kind: to the engine first, as
       long as it answers (regional seed 11 with designers at 0.40, women
       at 0.45 and budgets cut: 20 questions of 2.3 s each, GLPK's elastic
       search never answering) */
    e->engine_first = f >= 0;
    return f;
}

/* The engine's starting cohort (greedy.c) on the scenario reduced to the
 * groups held in `in`: 1 when it finds one (a cohort that keeps them), 0
 * when it does not (which proves nothing). For the deletion filter, whose
 * questions only ask whether a cohort exists: the answer is the same
 * whoever finds the cohort, and the greedy finds one in milliseconds where
 * GLPK's elastic search and the engine's search took 2-5 s each at
 * national scale (docs/validation.md, section 3). */
static int greedy_try(const elastic *e, const unsigned char *in, int *assign)
{
    if (past_deadline(e->deadline))
        return 0;
    cohort_scenario v;
    held_scenario(e, in, &v);
    int f = greedy_any_cohort(&v, assign);
    held_free(&v);
    return f;
}

/* Whether group k's amount is a number of members (a cohort size, count or
 * share rule), not of cents. */
static int counted_in_members(const elastic *e, int k)
{
    const group *g = &e->g[k];
    int kind = e->m->row_kind[g->row];
    return !g->is_c6 && (kind == ROW_C7 || kind == ROW_C8 || kind == ROW_C9);
}

/* The cohort of the elastic model's last search, into assign. */
static void cohort_from_model(const elastic *e, int *assign)
{
    const cohort_scenario *s = e->s;
    for (int i = 0; i < s->ncands; i++)
        assign[i] = -1;
    for (int q = 0; q < s->npairs; q++)
        if (glp_mip_col_val(e->m->lp, model_xcol(e->m, q)) > 0.5)
            assign[s->apps[s->pairs[q]].cand] = s->pairs[q];
}

/* Whether group k is the envelope or a host's budget. */
static int money_rule(const elastic *e, int k)
{
    const group *g = &e->g[k];
    int kind = e->m->row_kind[g->row];
    return !g->is_c6 && (kind == ROW_C10 || kind == ROW_C11);
}

/* Whether group k is cohort_size.min. */
static int cohort_minimum(const elastic *e, int k)
{
    const group *g = &e->g[k];
    return !g->is_c6 && g->side > 0 && e->m->row_kind[g->row] == ROW_C7;
}

/* How far the cohort in assign breaks group k (describe_slack()'s amount),
 * or -1 when it does not. */
static int64_t slack_amount(const elastic *e, int k, const int *assign)
{
    counts c;
    count_cohort(e->s, assign, &c);
    cohort_result *t = xcalloc(1, sizeof *t);
    int64_t amount = describe_slack(e, k, &c, 1, t) ? t->conflicts[0].amount : -1;
    cohort_result_free(t);
    free(c.hostpay);
    free(c.dcount);
    return amount;
}

/* A cohort for the amount of group k when GLPK finds none in time: the
 * greedy on the other rules of the set (greedy_try() with k relaxed), or
 * the greedy with k held too, whose repair brings k as close as its moves
 * can (its cohort fails k but may keep the others): whichever moves k the
 * least. in[k] is 0 on entry. Returns 1 with the cohort in assign. */
static int greedy_amount(const elastic *e, unsigned char *in, int k, int *assign, int *tmp)
{
    if (past_deadline(e->deadline))
        return 0;
    cohort_scenario others, with_k;
    held_scenario(e, in, &others);
    int got = greedy_any_cohort(&others, assign);
    int64_t best = got ? slack_amount(e, k, assign) : -1;
    if (!past_deadline(e->deadline)) {
        in[k] = 1;
        held_scenario(e, in, &with_k);
        in[k] = 0;
        greedy_any_cohort(&with_k, tmp);
        held_free(&with_k);
        int64_t a = check_cohort(&others, tmp, NULL, 0) == 0 ? slack_amount(e, k, tmp) : -1;
        if (a >= 0 && (best < 0 || a < best)) {
            memcpy(assign, tmp, sizeof *assign * (size_t)e->s->ncands);
            got = 1;
        }
    }
    held_free(&others);
    return got;
}

int64_t money_least(int64_t unit, int64_t limit, double lp)
{
    int64_t least = (int64_t)ceil((double)unit * (lp - 1e-6)) - limit % unit;
    return least > 1 ? least : 1;
}

/* The unit of a money row of the model, in cents: its amounts divided by
 * their gcd (model.c), read back from one of its pair columns. */
static int64_t money_row_unit(const elastic *e, int row)
{
    const cohort_scenario *s = e->s;
    int len = glp_get_mat_row(e->m->lp, row, NULL, NULL);
    int *ind = xmalloc(sizeof *ind * (size_t)(len + 1));
    double *val = xmalloc(sizeof *val * (size_t)(len + 1));
    glp_get_mat_row(e->m->lp, row, ind, val);
    int64_t u = 1;
    for (int t = 1; t <= len; t++) {
        if (ind[t] > e->m->nx || val[t] <= 0)
            continue; /* a y, count or slack column */
        const app *a = &s->apps[s->pairs[ind[t] - 1]];
        int64_t amount = e->m->row_kind[row] == ROW_C10 ? a->prog : a->hshare;
        u = llround((double)amount / val[t]);
        break;
    }
    free(ind);
    free(val);
    return u > 0 ? u : 1;
}

/* The LP relaxation's bound lp on how far group k must move, rounded up
 * into *at_least, when it is in the conflict's own unit: 1 members (a
 * cohort or count minimum), 2 cents (the envelope, a budget), 0 none (a
 * share's slack is not a number of members; a count maximum's bound is
 * not reported). */
static int lp_bound(const elastic *e, int k, double lp, int64_t *at_least)
{
    const group *g = &e->g[k];
    int kind = e->m->row_kind[g->row];
    *at_least = (int64_t)ceil(lp - 1e-6);
    if ((kind == ROW_C7 || (kind == ROW_C8 && row_is(e, g->row, "C8count"))) && g->side > 0)
        return 1;
    if (kind != ROW_C10 && kind != ROW_C11)
        return 0;
    /* a money row counts in units u of the gcd of its amounts, its limit L
       rounded down (model.c): a cohort spending P has the slack
       P/u - floor(L/u) = (P - L + L mod u)/u, so the least amount is at
       least u * lp - L mod u (and a cent) */
    *at_least = money_least(money_row_unit(e, g->row), money_limit(e, k), lp);
    return 2;
}

/* The amount of money group k (the envelope or a budget, not held in `in`;
 * `one` marks it) by bisection over the engine's own answers. GLPK's
 * elastic search minimises it first, for MONEY_ELASTIC of the time; when
 * it does not prove it, the closest cohort known (its, the greedy's in
 * `greedy` when not NULL, or the engine's on the other rules) bounds the
 * amount from above, the elastic LP from below (a cent at least: no
 * cohort keeps every rule of the set), and the engine is asked whether a
 * cohort keeps the others with the rule moved by the middle amount: "no"
 * raises the lower end, a cohort brings the upper end down to its own
 * amount. Amounts step by the unit of the rule's row, the gcd of its
 * amounts (money_row_unit(): a cohort's spending is a sum of them).
 * GLPK's elastic search proves small amounts in milliseconds but found
 * no cohort in 5 s on a regional what-if where the engine's questions,
 * 50 ms each, prove all three amounts in
 * 1.1 s (docs/validation.md, section 3): it gets a quarter of the time, at
 * most MONEY_ELASTIC_CAP seconds. Returns as elastic_solve(), with the
 * cohort in assign when *in_assign (else in the elastic model). */
#define MONEY_ELASTIC 0.25
#define MONEY_ELASTIC_CAP 0.1
static int money_amount(elastic *e, const unsigned char *in, const unsigned char *one, int k,
                        int *assign, const int *greedy, double until, int *in_assign)
{
    const cohort_scenario *s = e->s;
    size_t bytes = sizeof *assign * (size_t)s->ncands;
    set_groups(e, in, one, 1);
    *in_assign = 0;
    int f = -1;
    e->lp_ok = 0; /* a bound from an earlier question is not this one's */
    if (!e->o || !e->o->money_by_bisection) {
        double slice = fmin((until - now_seconds()) * MONEY_ELASTIC, MONEY_ELASTIC_CAP);
        f = elastic_solve(e, now_seconds() + slice);
        if (f == 2 || f == 0)
            return f;
    }
    int *best = xmalloc(bytes ? bytes : sizeof *best);
    int64_t hi = -1, lo = 1, at_least;
    if (f == 1) {
        cohort_from_model(e, best);
        hi = slack_amount(e, k, best);
    }
    if (e->lp_ok && lp_bound(e, k, e->lp_obj, &at_least) == 2 && at_least > lo)
        lo = at_least;
    int64_t ga = greedy ? slack_amount(e, k, greedy) : -1;
    if (ga > 0 && (hi < 0 || ga < hi)) {
        memcpy(best, greedy, bytes);
        hi = ga;
    }
    if (hi < 0 && engine_try(e, in, assign, until) == 1) {
        memcpy(best, assign, bytes);
        hi = slack_amount(e, k, best);
    }
    if (hi < 0) {
        free(best);
        return -1;
    }
    /* a cohort's spending on the rule is a sum of amounts that the row's
       unit divides: its amount, spending - limit, steps by that unit from
       the least positive one */
    int64_t unit = money_row_unit(e, e->g[k].row), limit = money_limit(e, k);
    int64_t r = ((-limit) % unit + unit) % unit; /* amounts are r + j * unit */
    if (r == 0)
        r = unit;
    lo = lo <= r ? r : r + (lo - r + unit - 1) / unit * unit;
    while (lo < hi && !past_deadline(until)) {
        int64_t mid = lo + (hi - lo) / unit / 2 * unit;
        int q = engine_ask(e, in, assign, until, LV_STAFFED, k, mid);
        if (q < 0)
            break;
        if (q == 0) {
            lo = mid + unit;
            continue;
        }
        int64_t amt = slack_amount(e, k, assign);
        if (amt < 1 || amt > mid)
            break; /* not how a cohort of the moved rule can be */
        hi = amt;
        memcpy(best, assign, bytes);
    }
    memcpy(assign, best, bytes);
    free(best);
    *in_assign = 1;
    return lo >= hi ? 2 : 1;
}

/* When the time ran out before a cohort was found: the LP relaxation still
 * says how far a count or money rule must move at least. */
static int describe_bound(const elastic *e, int k, double lp, cohort_result *r)
{
    const cohort_scenario *s = e->s;
    const group *g = &e->g[k];
    int kind = e->m->row_kind[g->row], subj = e->m->row_subject[g->row];
    int64_t at_least;
    if (!lp_bound(e, k, lp, &at_least))
        return 0;
    char eur[64];
    fmt_eur(at_least, eur, sizeof eur);
    const char *tail = cohort_interrupted()
                           ? "(the exact amount was not proven: the run was interrupted)"
                           : "(the exact amount was not proven within the time limit)";
    if (kind == ROW_C7)
        add_conflict(r, "C7", "cohort", at_least, "members",
                     "C7 cohort size: cohort_size.min is %d, at least %lld short %s", s->cs_min,
                     (long long)at_least, tail);
    else if (kind == ROW_C8)
        add_conflict(r, "C8", PROFILE_NAMES[subj], at_least, "members",
                     "C8 quota %s: min is %d, at least %lld short %s", PROFILE_NAMES[subj],
                     s->quotas[subj].min, (long long)at_least, tail);
    else if (kind == ROW_C10)
        add_conflict(r, "C10", "programme", at_least, "cents",
                     "C10 programme envelope: at least %s short %s", eur, tail);
    else
        add_conflict(r, "C11", s->hosts[subj].id, at_least, "cents",
                     "C11 host budget %s: at least %s short %s", s->hosts[subj].id, eur, tail);
    return 1;
}

/* "; at least 58" or "; at least 1,234.00 EUR": the LP relaxation's bound
 * (lp_bound()) on how far group k must move, when it is in the conflict's
 * unit and below the amount found (otherwise buf stays empty). */
static void lp_least(const elastic *e, int k, double lp, int64_t found, char *buf, size_t n)
{
    int64_t at_least;
    int unit = lp_bound(e, k, lp, &at_least);
    if (!unit || at_least <= 0 || at_least >= found)
        return;
    if (unit == 1) {
        snprintf(buf, n, "; at least %lld", (long long)at_least);
    } else {
        char eur[64];
        fmt_eur(at_least, eur, sizeof eur);
        snprintf(buf, n, "; at least %s", eur);
    }
}

/* The C6 conflict of group k: with whom it cannot hold. */
static void describe_c6(const elastic *e, int k, const unsigned char *in, cohort_result *r)
{
    const cohort_scenario *s = e->s;
    int h = e->g[k].chal;
    sbuf others;
    sb_init(&others);
    int nothers = 0, only_c6 = 1;
    char name[320];
    int total = 0;
    for (int q = 0; q < e->ng; q++)
        total += q != k && in[q];
    for (int q = 0; q < e->ng; q++) {
        if (q == k || !in[q])
            continue;
        group_name(e, q, name, sizeof name);
        if (nothers)
            sb_puts(&others, nothers + 1 == total ? " and " : ", ");
        sb_puts(&others, name);
        nothers++;
        if (!e->g[q].is_c6)
            only_c6 = 0;
    }
    if (nothers && only_c6) {
        /* must-staff challenges competing for the same applicants (C1) */
        sbuf shared;
        sb_init(&shared);
        int nshared = 0;
        for (int t = s->by_chal_start[h]; t < s->by_chal_start[h + 1]; t++) {
            int i = s->apps[s->by_chal[t]].cand, also = 0;
            for (int u = s->by_cand_start[i]; u < s->by_cand_start[i + 1]; u++) {
                int h2 = s->apps[s->by_cand[u]].chal;
                for (int q = 0; q < e->ng; q++)
                    if (q != k && in[q] && e->g[q].is_c6 && e->g[q].chal == h2)
                        also = 1;
            }
            if (!also)
                continue;
            if (nshared < 5)
                sb_printf(&shared, "%s%s", nshared ? ", " : "", s->cands[i].id);
            nshared++;
        }
        if (nshared > 5)
            sb_printf(&shared, " and %d more", nshared - 5);
        add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                     "C6 must_staff %s: cannot be staffed together with %s: their eligible "
                     "applicants overlap (%s) and no way of sharing them staffs %s, a "
                     "candidate joining one challenge only (C1)",
                     s->chals[h].id, others.s, nshared ? shared.s : "none",
                     nothers == 1 ? "both" : "them all");
        sb_free(&shared);
    } else if (nothers) {
        add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                     "C6 must_staff %s: cannot be staffed while %s hold%s (drop must_staff, or "
                     "relax %s)", s->chals[h].id, others.s, nothers == 1 ? "s" : "",
                     nothers == 1 ? "it" : "one of them");
    } else {
        add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                     "C6 must_staff %s: cannot be staffed under the team rules (C3, C4, C5) "
                     "with its eligible applicants", s->chals[h].id);
    }
    sb_free(&others);
}

int explain_infeasible(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r)
{
    /* 1. plain-words checks that need no solver */
    if (plain_checks(s, r))
        return 0;
    /* 2. the elastic model, within what is left of the time limit (plus a
       quarter of a second, so that the answer names at least the rules the
       plain checks can); 60 seconds without a limit */
    double budget = 60.0;
    if (o && o->time_limit > 0) {
        budget = o->time_limit - r->seconds;
        if (budget < 0)
            budget = 0;
        budget += 0.25;
    }
    glp_term_out(GLP_OFF);
    model_opts mo = {1, 0, 0};
    elastic e = {0};
    e.s = s;
    e.deadline = now_seconds() + budget;
    e.o = o;
    e.t0 = now_seconds() - r->seconds;
    e.r = r;
    e.can_count = model_counts_wanted(s);
    e.m = model_build(s, &mo);
    glp_prob *lp = e.m->lp;
    /* a challenge that can never be staffed has y fixed at 0 but no team
       rows: keep its applicants out explicitly, or the elastic cohort would
       place them there */
    for (int q = 0; q < s->npairs; q++) {
        int yc = model_ycol(e.m, s->apps[s->pairs[q]].chal);
        if (glp_get_col_type(lp, yc) == GLP_FX && glp_get_col_ub(lp, yc) < 0.5)
            glp_set_col_bnds(lp, model_xcol(e.m, q), GLP_FX, 0, 0);
    }
    e.nteam = e.m->nx + e.m->ny;
    e.col_type = xmalloc(sizeof *e.col_type * (size_t)(e.nteam + 1));
    e.col_ub = xmalloc(sizeof *e.col_ub * (size_t)(e.nteam + 1));
    for (int j = 1; j <= e.nteam; j++) {
        e.col_type[j] = glp_get_col_type(lp, j);
        e.col_ub[j] = glp_get_col_ub(lp, j);
    }
    for (int h = 0; h < s->nchals; h++)
        if (s->chals[h].must_staff)
            add_group(&e, (group){model_ycol(e.m, h), 1, h, 0, 0, NULL, 0});
    int nrows = glp_get_num_rows(lp);
    for (int row = 1; row <= nrows; row++) {
        int kind = e.m->row_kind[row];
        if (kind < ROW_C7 || kind > ROW_C11)
            continue;
        int type = glp_get_row_type(lp, row);
        if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
            add_slack(&e, row, +1);
        if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
            add_slack(&e, row, -1);
    }
    size_t ng = (size_t)(e.ng ? e.ng : 1);
    unsigned char *in = xcalloc(ng, 1);
    int unknown = 0;
    /* elastic filter, from the groups the empty cohort breaks */
    for (int k = 0; k < e.ng; k++) {
        const group *g = &e.g[k];
        if (g->is_c6)
            in[k] = 1;
        else if (g->side > 0 && glp_get_row_lb(lp, g->row) > 0.5 &&
                 (e.m->row_kind[g->row] == ROW_C7 || e.m->row_kind[g->row] == ROW_C8))
            in[k] = 1; /* a minimum count (share rows hold at 0 >= 0) */
    }
    int *assign = xmalloc(sizeof *assign * (size_t)(s->ncands ? s->ncands : 1));
    int *gassign = xmalloc(sizeof *gassign * (size_t)(s->ncands ? s->ncands : 1));
    progress(&e, "filter", 0, e.ng, 1);
    for (int round = 0; round <= e.ng; round++) {
        progress(&e, "filter", round + 1, e.ng, 0);
        /* GLPK's elastic search first, briefly: the rules its cohort
           breaks make smaller sets of suspects than the greedy's or the
           engine's cohorts, which break many budgets at once */
        set_groups(&e, in, NULL, 0);
        int f = elastic_solve(&e, until_after(&e, FILTER_QUICK));
        int in_assign = 0;
        if (f < 0) {
            in_assign = 1;
            f = greedy_try(&e, in, assign) ? 1 : ask_hard(&e, in, assign, &in_assign);
        }
        int added = 0;
        if (f > 0 && in_assign) {
            added = hold_broken(&e, assign, in);
        } else if (f > 0) {
            for (int k = 0; k < e.ng; k++)
                if (!in[k] && violated(&e, k)) {
                    in[k] = 1;
                    added++;
                }
        }
        if (f == 0)
            break;
        if (!added) {
            /* the time ran out (or a tolerance hid the violation): every
               group stays a suspect */
            memset(in, 1, ng);
            unknown = 1;
            break;
        }
    }
    /* deletion filter: relax each group in turn; it stays relaxed when the
       others still admit no cohort */
    int nin = count_in(in, e.ng), kin = 0;
    e.stage = 1;
    if (!unknown)
        progress(&e, "deletion", 0, nin, 1);
    for (int k = 0; k < e.ng && !unknown; k++) {
        if (!in[k])
            continue;
        progress(&e, "deletion", ++kin, nin, 0);
        in[k] = 0;
        int f = 1;
        if (!empty_cohort_fits(&e, in)) {
            set_groups(&e, in, NULL, 1);
            if (lp_none(&e))
                f = 0;
            else if (!greedy_try(&e, in, assign)) {
                int in_assign;
                f = ask_hard(&e, in, assign, &in_assign);
            }
        }
        if (f == 0)
            continue;
        if (f < 0)
            unknown = 1;
        in[k] = 1;
    }
    /* each rule of the set: how far must it move, the others holding? */
    unsigned char *one = xcalloc(ng, 1);
    nin = count_in(in, e.ng);
    kin = 0;
    e.stage = 2;
    progress(&e, "amounts", 0, nin, 1);
    /* the amounts learn afresh whether they need the count columns: what
       the filters' feasibility questions needed says little about these
       minimisations (measured: 219 infeasible scenarios 20 % slower with
       the count columns first, docs/validation.md section 3) */
    e.counts_first = 0;
    for (int k = 0; k < e.ng; k++) {
        if (!in[k])
            continue;
        progress(&e, "amounts", ++kin, nin, 0);
        if (e.g[k].is_c6) {
            describe_c6(&e, k, in, r);
            continue;
        }
        in[k] = 0;
        one[k] = 1;
        /* the greedy's cohort says how far is enough when GLPK finds none
           in time (asked first: GLPK may take all the time there is) */
        int gf = !unknown && greedy_amount(&e, in, k, gassign, assign);
        /* an equal part of what is left to each amount still to find: one
           that cannot be proven in time leaves the others theirs */
        int still = 1;
        for (int q = k + 1; q < e.ng; q++)
            still += in[q] && !e.g[q].is_c6;
        double until = now_seconds() + (e.deadline - now_seconds()) / still;
        int f = -1, in_assign = 0;
        if (gf && counted_in_members(&e, k) && slack_amount(&e, k, gassign) == 1) {
            /* no cohort keeps every rule of the set, so each one that
               keeps the others breaks this one, by a member at least: the
               greedy's cohort, one member away, is a closest one */
            memcpy(assign, gassign, sizeof *assign * (size_t)s->ncands);
            f = 2;
            in_assign = 1;
        } else if (!unknown && cohort_minimum(&e, k)) {
            /* the least a cohort falls short of cohort_size.min is from
               the most members one can have with the other rules: the
               engine's own filled level, in half of this amount's time */
            int ef = engine_ask(&e, in, assign, now_seconds() + (until - now_seconds()) / 2,
                                LV_FILLED, -1, 0);
            if (ef == 2) {
                f = 2;
                in_assign = 1;
            } else if (ef == 1 &&
                       (!gf || slack_amount(&e, k, assign) < slack_amount(&e, k, gassign))) {
                memcpy(gassign, assign, sizeof *assign * (size_t)s->ncands);
                gf = 1;
            }
        }
        if (f < 0 && !unknown && money_rule(&e, k))
            f = money_amount(&e, in, one, k, assign, gf ? gassign : NULL, until, &in_assign);
        if (f < 0) {
            set_groups(&e, in, one, 1);
            f = elastic_solve(&e, until);
        }
        if (f > 0 && !in_assign) {
            cohort_from_model(&e, assign);
        } else if (f < 0 && gf) {
            memcpy(assign, gassign, sizeof *assign * (size_t)s->ncands);
            f = 1;
        }
        in[k] = 1;
        one[k] = 0;
        int done = 0;
        if (f > 0) {
            counts c;
            count_cohort(s, assign, &c);
            done = describe_slack(&e, k, &c, f > 1, r);
            if (done && f == 1) {
                /* the best cohort found in time, not proven the closest;
                   the LP relaxation bounds it from below */
                conflict *last = &r->conflicts[r->nconflicts - 1];
                char least[96] = "";
                if (e.lp_ok)
                    lp_least(&e, k, e.lp_obj, last->amount, least, sizeof least);
                char *t = xasprintf("%s (at most: the time ran out before the least was "
                                    "proven%s)", last->text, least);
                free(last->text);
                last->text = t;
            }
            free(c.hostpay);
            free(c.dcount);
        }
        if (!done && f < 0 && e.lp_ok && e.lp_obj > 1e-6)
            done = describe_bound(&e, k, e.lp_obj, r);
        if (!done) {
            /* part of the conflict, but the amount is unknown (time ran out) */
            char name[320];
            group_name(&e, k, name, sizeof name);
            int kind = e.m->row_kind[e.g[k].row], subj = e.m->row_subject[e.g[k].row];
            static const char *const rules[] = {"C7", "C8", "C9", "C10", "C11"};
            char subject[300];
            if (kind == ROW_C8)
                snprintf(subject, sizeof subject, "%s", PROFILE_NAMES[subj]);
            else if (kind == ROW_C9)
                snprintf(subject, sizeof subject, "%s=%s", s->divs[subj].attribute,
                         s->divs[subj].value);
            else if (kind == ROW_C11)
                snprintf(subject, sizeof subject, "%s", s->hosts[subj].id);
            else
                snprintf(subject, sizeof subject, "%s", kind == ROW_C7 ? "cohort" : "programme");
            add_conflict(r, rules[kind - ROW_C7], subject, 0, "",
                         "%s: part of the conflict (how far it must move is not known: the "
                         "search ran out of time)", name);
        }
    }
    if (!r->nconflicts || unknown)
        add_conflict(r, "ALL", "", 0, "",
                     unknown ? "the search for the conflicting rules ran out of time: the rules "
                               "above are suspects, not a smallest set (raise --time-limit)"
                             : "the rules cannot all hold together");
    free(assign);
    free(gassign);
    free(one);
    free(in);
    for (int k = 0; k < e.ng; k++)
        free(e.g[k].more);
    free(e.g);
    free(e.col_type);
    free(e.col_ub);
    model_free(e.m);
    return 0;
}
