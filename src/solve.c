/* solve.c - solving the cohort MILP with GLPK to a proven lexicographic
 * optimum, within a time limit (docs/model.md).
 *
 * 1. a greedy cohort (greedy.c) becomes the first incumbent;
 * 2. level by level (staffed, filled, rank in the scenario's order), the
 *    LP relaxation is solved, warm-started; the level is proven at the
 *    root when the cohort at hand or a rounding of the LP reaches the
 *    bound rounded to the level's unit, by an LP dive, or (staffed,
 *    filled) by GLPK's feasibility pump finding a cohort at the bound;
 * 3. otherwise GLPK's branch-and-cut (glp_intopt) runs on the model the
 *    root's reduced costs leave (a restricted search first improves the
 *    cohort at hand when it is too far from the bound for that), or on the
 *    whole model. A node is pruned only when it cannot gain one unit (the
 *    objective is integral, and GLPK rounds bounds of integral objectives);
 * 4. the cohort found is re-checked exactly (check.c). A money row can be
 *    violated by a few cents within GLPK's feasibility tolerance: such a
 *    cohort is cut off by a cover inequality and the level is solved again;
 * 5. the level is held at its optimum by a row for the levels after it.
 */
#include "branch.h"
#include "cuts.h"
#include "internal.h"
#include "lp.h"
#include "model.h"
#include "probe.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sctx {
    const cohort_scenario *s;
    const cohort_solve_opts *o;
    model *m;
    double *heur;     /* 1-based column values of the starting cohort, or NULL */
    int heur_done;
    double t0, last_report;
    double bound;
    int has_bound;
    double root_bound;          /* LP bound of the level being solved */
    int heur_calls;
    int level;                  /* level being solved, -1 before */
    int nfixed;                 /* levels already proven, in order */
    int fixed_lv[NLEVELS];
    int64_t fixed_val[NLEVELS];
    double *xv, *yv;  /* LP values, for rounding */
    int *spare;         /* under a time limit: spare_rounding()'s cohort, */
    int has_spare;      /*   when it has one for this level */
    int has_lpv;        /* xv, yv hold an LP solution of this level (lp_values()) */
    double *yv2;      /* the same, the best cohort's challenges first */
    int *tmp_assign;
    double *tmp_x;
    const double *warm; /* column values of the starting cohort, or NULL */
    const int *best;    /* best cohort so far (keeps the proven levels), or NULL */
    const char *proof;  /* how the level was proven: "root", "root cuts", "root
                           cuts, dive", "dive", "pump", "reduced search", "weighted
                           search", "search", "search, count bounds" or "count
                           bounds, probing";
                           reported after "root cuts, " when cuts_helped */
    int cuts_helped;    /* this level's root cuts stayed without proving it, so
                           the step that did ran on their LP */
    char proof_buf[48]; /* "root cuts, " and the proof */
    int has_inc;        /* this level's value of the best cohort at hand (the */
    int64_t inc;        /* best, or a better rounding of the root LP) */
    int in_lp;          /* a level's LP relaxation is being solved */
    int in_pump;        /* the pump try's glp_intopt() is running, with progress */
    glp_iocp *pump_ip;  /*   and its parameters, which GLPK reads as it goes */
    int lp_its0;        /* GLPK's iteration count when it started */
    double interval;    /* seconds between ticks */
    double lp_seconds;  /* how long the level's root LP took */
    int ncounts;        /* count columns in m->lp during the search (add_counts) */
    int count_col0, count_row0;
    int64_t count_lo;   /* the search's cohorts have this many members at least */
    int *count_ind;     /* scratch of fill_counts(): one row */
    double *count_val;
    int rest_proven;    /* the weighted try proved this level and every later one */
    const char *root_phase; /* what the ticks of a root-only search say (root_cb) */
    int first_only;     /* first_cohort(): any cohort answers, stop at the first */
    int inc_handed;     /* the cohort at hand went to the count bounds' search */
    int root_only;      /* presolved_root(): the search stops where it would branch */
    int root_stopped;   /* and it did */
    brancher *br;       /* the whole model's search's branching (branch.c) */
    int64_t bounds_inc; /* the staffed level's cohort at hand before the
                           restricted search, which its count bounds are
                           counted from (count_bounds()); -1: none */
} sctx;

/* Whether the time limit leaves need seconds. GLPK's branch-and-cut looks
 * at its clock and calls back only between steps, and one step (a node's
 * LP after a round of cuts) can take seconds on a large model: measured,
 * a search started with 6.5 s left at a hundred times the real promotion
 * ended 3 s past the limit. So a search starts only when the time left is
 * at least its level's root LP time (a quarter of it for the restricted
 * search, whose model is a few percent of the whole). */
static double time_left(const sctx *c)
{
    if (cohort_interrupted())
        return 0; /* an interrupt ends the run as the limit would */
    return c->o->time_limit > 0 ? c->o->time_limit - (now_seconds() - c->t0) : DBL_MAX;
}

/* When the run's time limit ends (0: no limit), for the loops that ask
 * past_deadline(). */
static double run_deadline(const sctx *c)
{
    return c->o->time_limit > 0 ? c->t0 + c->o->time_limit : 0;
}

/* Whether the run can end before its proof: a time limit, or an interrupt
 * already asked for (cohort_interrupt()). */
static int limited(const sctx *c)
{
    return c->o->time_limit > 0 || cohort_interrupted();
}

static int time_for(const sctx *c, double need)
{
    return time_left(c) >= need;
}

/* GLPK's tm_lim for what is left of the time limit (a millisecond at
 * least), or GLPK's own default (none) when the run has no limit. */
static int tm_lim_left(const sctx *c)
{
    if (!limited(c))
        return INT_MAX;
    return lp_tm_lim(time_left(c));
}

/* The simplex's parameters of every LP of the solve: silent, within what is
 * left of the time limit. */
static void simplex_params(const sctx *c, glp_smcp *sp)
{
    glp_init_smcp(sp);
    sp->msg_lev = GLP_MSG_OFF;
    sp->tm_lim = tm_lim_left(c);
}

/* Both searches' callbacks: GLPK looks at its clock only between some
 * steps (not during its root cut rounds), so every callback past the
 * deadline stops the search. Returns 1 when it did. */
static int stop_past_deadline(const sctx *c, glp_tree *T)
{
    if (time_left(c) > 0)
        return 0;
    glp_ios_terminate(T);
    return 1;
}

cohort_result *result_new(const cohort_scenario *s)
{
    cohort_result *r = xcalloc(1, sizeof *r);
    r->assign = xmalloc(sizeof *r->assign * (size_t)(s->ncands ? s->ncands : 1));
    for (int i = 0; i < s->ncands; i++)
        r->assign[i] = -1;
    r->team_size = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *r->team_size);
    r->status = ST_LIMIT;
    return r;
}

void conflicts_free(conflict *c, int n)
{
    for (int k = 0; k < n; k++) {
        free(c[k].rule);
        free(c[k].subject);
        free(c[k].text);
        free(c[k].unit);
    }
    free(c);
}

void cohort_result_free(cohort_result *r)
{
    if (!r)
        return;
    conflicts_free(r->conflicts, r->nconflicts);
    for (int k = 0; k < r->nblocks; k++) {
        free(r->blocks[k].displaces);
        free(r->blocks[k].why);
    }
    free(r->blocks);
    free(r->assign);
    free(r->team_size);
    free(r->message);
    free(r->years);
    free(r->months_in_year);
    free(r->fin_host);
    free(r->fin_year);
    free(r->host_total);
    free(r->chal_total);
    free(r->mem);
    free(r->mem_start);
    free(r);
}

const char *status_name(int status)
{
    static const char *const names[] = {"optimal", "feasible", "infeasible", "unknown"};
    return names[status];
}

const char *cohort_result_status(const cohort_result *r)
{
    return r ? status_name(r->status) : "none";
}

int cohort_result_interrupted(const cohort_result *r)
{
    return r && r->interrupted;
}

void cohort_result_proof_text(const cohort_scenario *s, const cohort_result *r, char *buf,
                              size_t size)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (!r || (r->status != ST_OPTIMAL && r->status != ST_FEASIBLE))
        return;
    if (r->status == ST_OPTIMAL) {
        snprintf(buf, size, "every level proven optimal");
        return;
    }
    size_t len = 0;
    int k = 0;
    for (; k < r->proven_levels && k < s->norder && len < size; k++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                k == 0                       ? ""
                                : k + 1 == r->proven_levels ? " and "
                                                             : ", ",
                                LEVEL_NAMES[s->order[k]]);
    if (k > 0 && len < size)
        len += (size_t)snprintf(buf + len, size - len, " proven optimal, ");
    if (k < s->norder && len < size)
        snprintf(buf + len, size - len, "%s within %.2f %% of its bound", LEVEL_NAMES[s->order[k]],
                 r->gap * 100);
}

void cohort_solve_opts_init(cohort_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->explain_infeasible = 1;
    o->root_cuts = 1;
    o->probing = 1;
    o->presolved_root = 1;
    o->rens = 1;
}

/* The options for comparisons, each with the word of its flag and the value
 * that the flag sets (its default is the other one). */
static const struct {
    const char *word;
    size_t off;
    int set;
} SEARCH_OPTIONS[] = {
    {"full-search", offsetof(cohort_solve_opts, full_search), 1},
    {"no-root-cuts", offsetof(cohort_solve_opts, root_cuts), 0},
    {"no-probing", offsetof(cohort_solve_opts, probing), 0},
    {"no-presolved-root", offsetof(cohort_solve_opts, presolved_root), 0},
    {"money-by-bisection", offsetof(cohort_solve_opts, money_by_bisection), 1},
    {"no-rens", offsetof(cohort_solve_opts, rens), 0},
};
#define NSEARCH_OPTIONS ((int)(sizeof SEARCH_OPTIONS / sizeof SEARCH_OPTIONS[0]))

void search_options_text(const cohort_solve_opts *o, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < NSEARCH_OPTIONS; k++)
        if ((*(const int *)((const char *)o + SEARCH_OPTIONS[k].off) != 0) ==
                SEARCH_OPTIONS[k].set && len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " " : "",
                                    SEARCH_OPTIONS[k].word);
}

void search_options_read(const char *text, cohort_solve_opts *o)
{
    for (const char *p = text ? text : ""; *p;) {
        size_t len = strcspn(p, " ");
        for (int k = 0; k < NSEARCH_OPTIONS; k++)
            if (strlen(SEARCH_OPTIONS[k].word) == len && !strncmp(p, SEARCH_OPTIONS[k].word, len))
                *(int *)((char *)o + SEARCH_OPTIONS[k].off) = SEARCH_OPTIONS[k].set;
        p += len + (p[len] == ' ');
    }
}

static void event(sctx *c, int kind, int lv, double value)
{
    if (!c->o->progress)
        return;
    cohort_progress p = {0};
    p.event = kind;
    p.elapsed = now_seconds() - c->t0;
    p.level = lv >= 0 ? LEVEL_NAMES[lv] : "";
    p.value = value;
    p.gap = -1;
    p.phase = kind == COHORT_EV_LEVEL && c->proof ? c->proof : "";
    if (kind == COHORT_EV_LEVEL && c->cuts_helped && strncmp(p.phase, "root cuts", 9) != 0) {
        snprintf(c->proof_buf, sizeof c->proof_buf, "root cuts, %s", p.phase);
        p.phase = c->proof_buf;
    }
    c->o->progress(&p, c->o->progress_user);
}

/* A tick at time t (now_seconds()) of the level being solved, in phase;
 * the last report's time becomes t. */
static cohort_progress tick(sctx *c, double t, const char *phase)
{
    cohort_progress p = {0};
    p.event = COHORT_EV_TICK;
    c->last_report = t;
    p.elapsed = t - c->t0;
    p.level = c->level >= 0 ? LEVEL_NAMES[c->level] : "";
    p.phase = phase;
    p.gap = -1;
    return p;
}

/* The relative gap between a level's cohort at hand (inc) and its bound,
 * as cohort.json gives it. */
static double level_gap(double inc, double bound)
{
    return fabs(bound - inc) / (fabs(inc) > 1 ? fabs(inc) : 1.0);
}

/* The level's bound as far as it is known: the search's best node when it
 * has one (c->bound), else the root LP's; never worse than the cohort at
 * hand (the search for better cohorts only, count_bounds(), ends once its
 * best node is worse). */
static double known_bound(const sctx *c)
{
    double b = c->has_bound ? c->bound : c->root_bound;
    if (c->has_inc && (c->level == LV_RANK ? b > (double)c->inc : b < (double)c->inc))
        b = (double)c->inc;
    return b;
}

static void report(sctx *c, glp_tree *T, const char *phase, long its)
{
    if (!c->o->progress)
        return;
    double t = now_seconds();
    if (t - c->last_report < c->interval)
        return;
    cohort_progress p = tick(c, t, phase);
    p.iterations = its;
    if (T)
        lp_tree_progress(T, &p);
    if (!p.has_incumbent && c->level >= 0 && c->has_inc) {
        /* no search, a part of the model (the restricted search), or a
           search for better cohorts only: the one at hand is the best */
        p.has_incumbent = 1;
        p.incumbent = (double)c->inc;
        p.bound = known_bound(c);
        p.gap = level_gap(p.incumbent, p.bound);
        p.at_hand = 1;
    }
    c->o->progress(&p, c->o->progress_user);
}

/* GLPK's simplex tells its progress only as terminal text. While a level's
 * LP runs for more than the progress interval (a second by default),
 * run_mip asks for that text once an interval (msg_lev ON, out_dly and
 * out_frq: the simplex takes the same path, only its display is timed;
 * checked on 685 scenarios with a display at every millisecond: the same
 * outputs) and this hook turns each progress line
 * ("*  3500: obj =   4.01e+03 ...") into a tick. Every text GLPK sends, this
 * or any other, stops here: the library never prints. */
static int term_hook(void *info, const char *s)
{
    sctx *c = info;
    if (c->in_pump) {
        /* GLPK's feasibility pump calls no callback; its passes start
           seconds apart at scale (pump_try(), lp_pump_pass(),
           lp_pump_interrupt()) */
        /* an interrupt ends the pump at its next pass, not after its
           last (five times the national designers' what-if: 15 s later) */
        long pass = lp_pump_pass(s);
        if (pass) {
            report(c, NULL, "pump", pass);
            lp_pump_interrupt(c->pump_ip);
        }
        return 1;
    }
    if (!c->in_lp)
        return 1;
    while (*s == ' ' || *s == '*' || *s == '#')
        s++;
    char *end;
    long its = strtol(s, &end, 10);
    if (end == s || *end != ':')
        return 1;
    const char *o = strstr(end, "obj =");
    if (!o)
        return 1;
    double v = strtod(o + 5, &end);
    double t = now_seconds();
    if (end == o + 5 || t - c->last_report < 0.9 * c->interval) /* GLPK also displays its last */
        return 1;
    cohort_progress p = tick(c, t, "relaxation");
    p.value = v;
    p.iterations = its - c->lp_its0;
    c->o->progress(&p, c->o->progress_user);
    return 1;
}

static void heur_from_assignment(const cohort_scenario *s, model *m, const int *assign,
                                 double *x);

/* Whether value a of level lv is strictly better than b (rank is minimised,
 * the other levels maximised). */
static int level_better(int lv, int64_t a, int64_t b)
{
    return lv == LV_RANK ? a < b : a > b;
}

/* GLPK takes a heuristic cohort without checking every row: a rounding must
 * itself keep the levels already proven. */
static int holds_levels(const sctx *c, const int *assign)
{
    int64_t lv[NLEVELS];
    cohort_levels(c->s, assign, lv);
    for (int k = 0; k < c->nfixed; k++) {
        int l = c->fixed_lv[k];
        if (level_better(l, c->fixed_val[k], lv[l]))
            return 0;
    }
    return 1;
}

/* Rounds the LP values in c->xv, c->yv into out; 1 when the cohort keeps
 * the levels already proven. When the plain rounding does not (it filled
 * seats with money a challenge needed, and staffs one fewer), it tries
 * again staffing every team at its smallest size first, then with the best
 * cohort's challenges first as well: at national scale that turns a 6.6 %
 * gap at the root of the filled level into a proof. */
static int round_lp(sctx *c, int *out)
{
    const cohort_scenario *s = c->s;
    if (round_cohort(s, c->xv, c->yv, 0, out) && holds_levels(c, out))
        return 1;
    if (round_cohort(s, c->xv, c->yv, 1, out) && holds_levels(c, out))
        return 1;
    if (c->level == LV_STAFFED && round_cohort_staffed(s, c->xv, c->yv, out) &&
        holds_levels(c, out))
        return 1;
    if (!c->best)
        return 0;
    for (int h = 0; h < s->nchals; h++)
        c->yv2[h] = c->yv[h];
    for (int i = 0; i < s->ncands; i++)
        if (c->best[i] >= 0)
            c->yv2[s->apps[c->best[i]].chal] = 1 + c->yv[s->apps[c->best[i]].chal];
    return round_cohort(s, c->xv, c->yv2, 1, out) && holds_levels(c, out);
}

/* The LP solution of lp (the model's, or a node's) into c->xv, c->yv.
 * newj: NULL when lp has the model's columns; otherwise lp is a reduced
 * model, newj[j] its column of model column j (0: left out, value 0). */
static void lp_values(sctx *c, glp_prob *lp, const int *newj)
{
    c->has_lpv = 1;
    for (int k = 0; k < c->s->npairs; k++) {
        int j = model_xcol(c->m, k);
        j = newj ? newj[j] : j;
        c->xv[k] = j ? glp_get_col_prim(lp, j) : 0;
    }
    for (int h = 0; h < c->s->nchals; h++) {
        int j = model_ycol(c->m, h);
        c->yv[h] = glp_get_col_prim(lp, newj ? newj[j] : j);
    }
}

/* Count columns for the search (model_add_counts(), docs/model.md, "Count
 * columns in the search"): added before the whole-model search and deleted
 * after it, so the LPs of the levels, the dives and the reduced model never
 * see them. */
static void add_counts(sctx *c, model *m)
{
    c->ncounts = model_add_counts(m, c->s, &c->count_col0, &c->count_row0);
}

static void del_counts(sctx *c, model *m)
{
    model_del_counts(m, c->ncounts, c->count_col0, c->count_row0);
    c->ncounts = 0;
}

/* The count columns' values of the cohort in x (1-based column values):
 * x[count column] = the sum of its row's pairs. */
static void fill_counts(const sctx *c, glp_prob *lp, double *x)
{
    for (int g = 0; g < c->ncounts; g++) {
        int len = glp_get_mat_row(lp, c->count_row0 + g, c->count_ind, c->count_val);
        double v = 0;
        for (int t = 1; t <= len; t++)
            if (c->count_ind[t] < c->count_col0)
                v += c->count_val[t] * x[c->count_ind[t]];
        x[c->count_col0 + g] = v;
    }
}

/* Whether the cohort in x (count columns filled) is within the search's
 * count bounds (count_bounds()): GLPK's glp_ios_heur_sol() takes a
 * cohort without checking it against any row or bound. */
static int counts_hold(const sctx *c, const double *x)
{
    return !c->ncounts || (double)c->count_lo <= x[c->count_col0] + 0.5;
}

/* LP-guided rounding at some nodes: cheap next to a node's LP solve, and it
 * finds the cohorts that close the gap long before branching would. */
static void round_here(sctx *c, glp_tree *T)
{
    const cohort_scenario *s = c->s;
    model *m = c->m;
    glp_prob *lp = glp_ios_get_prob(T);
    lp_values(c, lp, NULL);
    if (round_lp(c, c->tmp_assign)) {
        heur_from_assignment(s, m, c->tmp_assign, c->tmp_x);
        fill_counts(c, lp, c->tmp_x);
        if (counts_hold(c, c->tmp_x))
            glp_ios_heur_sol(T, c->tmp_x);
    }
}

/* GLPK's branch-and-cut settings for a level's search on lp (the model or
 * a reduced one); the callback is the caller's. */
static void search_params(const sctx *c, glp_prob *lp, int64_t objmax, glp_iocp *ip)
{
    glp_init_iocp(ip);
    ip->msg_lev = GLP_MSG_OFF;
    ip->presolve = GLP_OFF;
    /* Driebeck-Tomlin branching (one tableau row per candidate column):
       GLPK's pseudo-cost branching starts by solving two LPs for every
       fractional column it has no history of, seconds per node at scale
       (40 times the real promotion: 38-40 s to the proof with it, 17.5-21.6
       s with this; 102 scenarios that search: 3.98 -> 3.80 s in all, none
       slower by a fifth) */
    ip->br_tech = GLP_BR_DTH;
    ip->bt_tech = GLP_BT_BLB;
    ip->mip_gap = 0.0;
    /* the objective is integral: prune only nodes that cannot gain one unit */
    ip->tol_obj = 0.25 / (1.0 + (double)objmax);
    if (ip->tol_obj > 1e-7)
        ip->tol_obj = 1e-7;
    /* a round of Gomory cuts computes a tableau row per fractional column,
       with no callback in between: measured 2 s at 1.3 million non-zeros
       (5 x the national benchmark), past a time limit; none above that */
    ip->gmi_cuts = glp_get_num_nz(lp) <= 500000 ? GLP_ON : GLP_OFF;
    ip->mir_cuts = GLP_ON;
    ip->cov_cuts = GLP_ON;
    ip->clq_cuts = GLP_ON;
    ip->tm_lim = tm_lim_left(c);
}

/* The search's events shared by both callbacks: its best node's bound and
 * the progress ticks. The restricted search's bound is not the level's
 * (bound_is_levels 0): its ticks say only that it searches. */
static void search_event(sctx *c, glp_tree *T, int bound_is_levels)
{
    if (!bound_is_levels) {
        report(c, NULL, "restricted search", 0);
        return;
    }
    if (glp_ios_reason(T) == GLP_IBINGO) {
        report(c, T, "better cohort", 0);
        return;
    }
    int best = glp_ios_best_node(T);
    /* a node not yet solved has no bound (GLPK says +-DBL_MAX) */
    if (best && fabs(glp_ios_node_bound(T, best)) < 1e30) {
        c->bound = glp_ios_node_bound(T, best);
        c->has_bound = 1;
    }
    report(c, T, "search", 0);
}

static void callback(glp_tree *T, void *info)
{
    sctx *c = info;
    if (stop_past_deadline(c, T))
        return;
    if (c->first_only && glp_mip_status(glp_ios_get_prob(T)) == GLP_FEAS) {
        glp_ios_terminate(T);
        return;
    }
    switch (glp_ios_reason(T)) {
    case GLP_IBRANCH:
        /* presolved_root(): its root did not decide the search */
        if (c->root_only) {
            c->root_stopped = 1;
            glp_ios_terminate(T);
        } else if (c->br) {
            brancher_choose(c->br, T);
        }
        break;
    case GLP_IHEUR:
        /* also a tick here: the root's rounds of cuts select no node, and
           take a minute at a hundred times the real promotion */
        search_event(c, T, 1);
        /* the cohort at hand, GLPK's first incumbent. In a search for
           better cohorts only (count_bounds()) it is outside the count
           bounds, but glp_ios_heur_sol() checks no bound, and as the
           incumbent it lets GLPK prune every node that cannot beat it
           (without one, national seed 3 with designers at a third and the
           envelope cut ended `feasible` at 60 s, 363 members against 367;
           with it, proven at 366 in 37 s); it also stays in c->heur for
           the end (run_mip()) */
        if (c->heur && !c->heur_done && !c->inc_handed) {
            if (c->count_lo)
                c->inc_handed = 1;
            else
                c->heur_done = 1;
            fill_counts(c, glp_ios_get_prob(T), c->heur);
            glp_ios_heur_sol(T, c->heur);
        }
        if (c->heur_calls < 64 || c->heur_calls % 8 == 0)
            round_here(c, T);
        c->heur_calls++;
        break;
    case GLP_ISELECT:
    case GLP_IBINGO:
        search_event(c, T, 1);
        break;
    default:
        break;
    }
}

/* The cohort of 0/1 pair values xv (an LP's integral vertex or the MIP's). */
static void assignment_from_values(const cohort_scenario *s, const double *xv, int *assign)
{
    for (int i = 0; i < s->ncands; i++)
        assign[i] = -1;
    for (int k = 0; k < s->npairs; k++)
        if (xv[k] > 0.5) {
            int a = s->pairs[k];
            assign[s->apps[a].cand] = a;
        }
}

/* The cohort of the MIP solution of lp: the model's, or a copy of it with
 * the same columns first (the weighted and pump tries). */
static void assignment_from_mip(sctx *c, glp_prob *lp, int *assign)
{
    for (int k = 0; k < c->s->npairs; k++)
        c->xv[k] = glp_mip_col_val(lp, model_xcol(c->m, k));
    assignment_from_values(c->s, c->xv, assign);
}

static void heur_from_assignment(const cohort_scenario *s, model *m, const int *assign,
                                 double *x)
{
    int n = m->nx + m->ny;
    for (int j = 0; j <= n; j++)
        x[j] = 0;
    for (int i = 0; i < s->ncands; i++)
        if (assign[i] >= 0) {
            int k = m->pair_of_app[assign[i]];
            x[model_xcol(m, k)] = 1;
            x[model_ycol(m, s->apps[assign[i]].chal)] = 1;
        }
}

/* Cuts off an assignment that GLPK accepted within tolerance but that
 * breaks a rule exactly: no cohort holding all these pairs is allowed in
 * the violated row, so sum of their x <= count - 1 (a cover inequality). */
static int cut_off(const cohort_scenario *s, model *m, const int *assign)
{
    int n = 0;
    int *ind = xmalloc(sizeof *ind * (size_t)(s->ncands + 2));
    double *val = xmalloc(sizeof *val * (size_t)(s->ncands + 2));
    int64_t prog = 0;
    int64_t *hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *hostpay);
    for (int i = 0; i < s->ncands; i++)
        if (assign[i] >= 0) {
            prog += s->apps[assign[i]].prog;
            hostpay[s->chals[s->apps[assign[i]].chal].host] += s->apps[assign[i]].hshare;
        }
    int added = 0;
    for (int hh = -1; hh < s->nhosts; hh++) {
        int violated = hh < 0 ? (s->envelope >= 0 && prog > s->envelope)
                              : (s->hosts[hh].budget >= 0 && hostpay[hh] > s->hosts[hh].budget);
        if (!violated)
            continue;
        n = 0;
        for (int i = 0; i < s->ncands; i++) {
            int a = assign[i];
            if (a < 0)
                continue;
            if (hh < 0 ? s->apps[a].prog == 0 : s->chals[s->apps[a].chal].host != hh)
                continue;
            ind[++n] = model_xcol(m, m->pair_of_app[a]);
            val[n] = 1.0;
        }
        int r = glp_add_rows(m->lp, 1);
        glp_set_mat_row(m->lp, r, n, ind, val);
        glp_set_row_bnds(m->lp, r, GLP_UP, 0, n - 1);
        added++;
    }
    if (!added) {
        /* any other exact violation: exclude this very cohort (no-good cut) */
        n = 0;
        int ones = 0;
        for (int k = 0; k < s->npairs; k++) {
            int a = s->pairs[k];
            int on = assign[s->apps[a].cand] == a;
            ind[0] = 0;
            if (n + 2 >= s->ncands + 2) {
                ind = xrealloc(ind, sizeof *ind * (size_t)(s->npairs + 2));
                val = xrealloc(val, sizeof *val * (size_t)(s->npairs + 2));
            }
            ind[++n] = model_xcol(m, k);
            val[n] = on ? 1.0 : -1.0;
            ones += on;
        }
        int r = glp_add_rows(m->lp, 1);
        glp_set_mat_row(m->lp, r, n, ind, val);
        glp_set_row_bnds(m->lp, r, GLP_UP, 0, ones - 1);
        added = 1;
    }
    free(ind);
    free(val);
    free(hostpay);
    return added;
}

/* Sets the objective of the model to one level (CONTRACT.md section 2). */
static void set_level_objective(const cohort_scenario *s, model *m, int lv)
{
    glp_set_obj_dir(m->lp, lv == LV_RANK ? GLP_MIN : GLP_MAX);
    for (int k = 0; k < s->npairs; k++) {
        double c = lv == LV_FILLED ? 1.0 : lv == LV_RANK ? (double)s->apps[s->pairs[k]].rcost : 0;
        glp_set_obj_coef(m->lp, model_xcol(m, k), c);
    }
    for (int h = 0; h < s->nchals; h++)
        glp_set_obj_coef(m->lp, model_ycol(m, h), lv == LV_STAFFED ? 1.0 : 0.0);
}

/* Holds a level at its proven optimum for the levels that follow. */
static void fix_level(const cohort_scenario *s, model *m, int lv, int64_t value)
{
    int n = lv == LV_STAFFED ? s->nchals : s->npairs;
    int *ind = xmalloc(sizeof *ind * (size_t)(n + 1));
    double *val = xmalloc(sizeof *val * (size_t)(n + 1));
    int len = 0;
    if (lv == LV_STAFFED) {
        for (int h = 0; h < s->nchals; h++) {
            ind[++len] = model_ycol(m, h);
            val[len] = 1.0;
        }
    } else {
        for (int k = 0; k < s->npairs; k++) {
            double c = lv == LV_FILLED ? 1.0 : (double)s->apps[s->pairs[k]].rcost;
            if (c == 0)
                continue;
            ind[++len] = model_xcol(m, k);
            val[len] = c;
        }
    }
    int r = glp_add_rows(m->lp, 1);
    char name[32];
    snprintf(name, sizeof name, "level_%s", LEVEL_NAMES[lv]);
    glp_set_row_name(m->lp, r, name);
    glp_set_mat_row(m->lp, r, len, ind, val);
    if (lv == LV_RANK)
        glp_set_row_bnds(m->lp, r, GLP_UP, 0, (double)value);
    else
        glp_set_row_bnds(m->lp, r, GLP_LO, (double)value, 0);
    /* the proven size rounds every share to a count (docs/model.md, "Share
       counts at the proven size"); kept out of the size row itself, which
       stays >= (as an equality it slowed the rank search of bench
       promotion seed 4 from 0.04 to 0.28 s and helped nowhere) */
    if (lv == LV_FILLED && model_counts_wanted(s))
        model_size_rows(m, s, value);
    free(ind);
    free(val);
}

/* A bound of a level that needs no LP, for the gap when the time limit
 * stops a level before its relaxation is solved: every challenge staffed;
 * every applicant with an application placed, or every seat filled if
 * fewer; a rank cost of 0. */
static double level_naive_bound(const cohort_scenario *s, int lv)
{
    if (lv == LV_STAFFED)
        return s->nchals;
    if (lv == LV_RANK)
        return 0;
    int64_t seats = 0, applicants = 0;
    for (int h = 0; h < s->nchals; h++)
        seats += s->chals[h].max_team;
    for (int i = 0; i < s->ncands; i++)
        applicants += s->by_cand_start[i + 1] > s->by_cand_start[i];
    return (double)(seats < applicants ? seats : applicants);
}

static int64_t level_upper(const cohort_scenario *s, int lv)
{
    if (lv == LV_STAFFED)
        return s->nchals;
    if (lv == LV_FILLED)
        return s->npairs;
    int64_t r = 0;
    for (int k = 0; k < s->npairs; k++)
        r += s->apps[s->pairs[k]].rcost;
    return r;
}

/* The best value a cohort can have at this level: the LP bound rounded to
 * the level's unit (down when maximising, up for rank), within a relative
 * 1e-6 of the LP's floating point. */
static double level_target(const sctx *c, double bound)
{
    double eps = 1e-6 * (fabs(bound) > 1 ? fabs(bound) : 1);
    return c->level == LV_RANK ? ceil(bound - eps) : floor(bound + eps);
}

/* assign (value: its level's) becomes the search's first incumbent. */
static void take_incumbent(sctx *c, model *m, const int *assign, int64_t value)
{
    heur_from_assignment(c->s, m, assign, c->heur);
    c->heur_done = 0;
    c->has_inc = 1;
    c->inc = value;
}

/* Reduced-cost fixing (LP duality): at the optimum of lp, a column at 0
 * with reduced cost d moves the level's objective by |d| per unit, so in a
 * cohort within cutoff of the optimum z it is at 0 when |d| passes the
 * slack |z - cutoff|. rc_slack() gives that slack (with a relative
 * tolerance of 1e-6), rc_out() whether column j passes it. */
static double rc_slack(const sctx *c, glp_prob *lp, double cutoff)
{
    double z = glp_get_obj_val(lp);
    double slack = c->level != LV_RANK ? z - cutoff : cutoff - z;
    return slack + 1e-6 * (fabs(z) > 1 ? fabs(z) : 1);
}

static int rc_out(const sctx *c, glp_prob *lp, int j, double slack)
{
    if (glp_get_col_stat(lp, j) != GLP_NL || glp_get_col_lb(lp, j) != 0)
        return 0;
    double d = glp_get_col_dual(lp, j);
    return (c->level != LV_RANK ? -d : d) > slack;
}

/* When a cohort at hand already reaches the LP bound (rounded to the next
 * unit: every level is integral), the level is proven without a search.
 * Returns 1 and fills found in that case. */
static int proven_at_root(sctx *c, model *m, int *found)
{
    const cohort_scenario *s = c->s;
    int lv = c->level;
    if (lv < 0)
        return 0;
    int64_t target = (int64_t)level_target(c, glp_get_obj_val(m->lp));
    int64_t v[NLEVELS];
    c->has_inc = 0;
    if (c->best) {
        cohort_levels(s, c->best, v);
        if (v[lv] == target) {
            memcpy(found, c->best, sizeof *found * (size_t)s->ncands);
            return 1;
        }
        c->has_inc = 1;
        c->inc = v[lv];
    }
    lp_values(c, m->lp, NULL);
    if (round_lp(c, found)) {
        cohort_levels(s, found, v);
        if (v[lv] == target)
            return 1;
        if (!c->has_inc || level_better(lv, v[lv], c->inc)) {
            /* not at the bound, but better than the best at hand: the
               search's first incumbent */
            take_incumbent(c, m, found, v[lv]);
        }
    }
    /* no cohort at all yet (the greedy's failed: national designers'
       what-if of seed 3 with the envelope cut): a rounding that may drop
       whole teams for the share and count rules gives the level a first
       one, hence the restricted search, the pump and the count bounds
       (that what-if's `staffed`: proven at 6.9 s with 158 from here,
       instead of 14.1 s by a search that started with none) */
    if (!c->has_inc) {
        for (int staff_first = 0; staff_first < 2 && !c->has_inc; staff_first++) {
            if (!round_cohort_teams(s, c->xv, c->yv, staff_first, found) || !holds_levels(c, found))
                continue;
            cohort_levels(s, found, v);
            if (v[lv] == target)
                return 1;
            take_incumbent(c, m, found, v[lv]);
        }
    }
    return 0;
}

/* Rounds of MIR and two-step MIR cuts at the root (cuts.c) when neither the
 * cohort at hand nor a rounding of the LP reaches its bound: they stop as
 * soon as the bound proves the cohort at hand. When the cohort at hand, a
 * rounding or a dive from their LP then reaches their bound, the level is
 * proven and they stay in the model for the later levels (each holds for
 * every cohort the model allows: they come from its rows and its bounds,
 * before any branching or any bound that holds better cohorts only); else
 * they go again (cut_accept()). Returns 1 when the level is proven (the
 * cohort in found); *dived says whether the dives already ran. At most
 * CUT_ROUNDS rounds: work, not time, so the same scenario always takes the
 * same path; a time limit stops them too. */
#define CUT_ROUNDS 50
static int dives(sctx *c, model *m, int root_its, int *found);
static int pump_try(sctx *c, model *m, int *found);

/* At the staffed and filled levels, the pump (pump_try()) before the
 * dives, once the root (and its cuts) did not prove the level. Until
 * session 32 it ran after the dives, for `filled` only when the cohort at
 * hand was one member short (else after the restricted search): its LP
 * was a whole LP from GLPK's advanced basis. From the level's basis it
 * costs only its own passes, and tried first it saves the dives and the
 * restricted search where it succeeds: a hundred times the real promotion
 * with designers at a third, `filled` proven at 51 s instead of 106 s
 * (docs/model.md, "The pump try"). Once per run_mip(): cut_accept()'s try
 * sets `dived`, which skips run_mip()'s. */
static int pump_first(sctx *c, model *m, int *found)
{
    return (c->level == LV_STAFFED || c->level == LV_FILLED) && pump_try(c, m, found);
}

typedef struct cut_verdict {
    sctx *c;
    model *m;
    int *found;
    int root_its; /* the root LP's simplex iterations, for the dives */
    int proven;
    int dived;    /* the dives ran on the LP with the cuts */
    int kept;     /* cuts stayed in the LP */
    double lp_bound; /* the level's bound before the cuts */
} cut_verdict;

static void cut_round(void *info, int round, double bound)
{
    sctx *c = ((cut_verdict *)info)->c;
    if (!c->o->progress || now_seconds() - c->last_report < c->interval)
        return;
    cohort_progress p = tick(c, now_seconds(), "root cuts");
    p.value = bound;
    p.iterations = round;
    c->o->progress(&p, c->o->progress_user);
}

/* Under a time limit, before a level's dives, pump and searches: a
 * rounding of the root LP (after its cuts) that may also drop whole teams
 * for the share and count rules, kept in c->spare when it is better than
 * the cohort at hand; solve_levels() takes it when the limit stops the
 * level with nothing as good. Called right after proven_at_root() said no,
 * which leaves that LP's values in c->xv and c->yv. National designers'
 * what-if of seed 3 under 2-6 s: 184 teams (1.6 % from the
 * bound) instead of the starting cohort's 158 (18 %); a regional one
 * (seed 10, the envelope cut too) has a cohort of 45 teams at 0.3 s instead
 * of none. The roundings of the levels' proofs may not drop teams:
 * measured, their better incumbents made the searches slower (that
 * national what-if, the cuts kept: 6.5 s to the proof instead of 5.9 s),
 * so without a limit this does not run and nothing changes (an interrupt
 * takes spare_from_lp() at its stop instead: solve_levels()). */
static void spare_from_lp(sctx *c);

static void spare_rounding(sctx *c)
{
    if (c->level < 0 || c->o->time_limit <= 0 || c->has_spare || time_left(c) <= 0)
        return;
    spare_from_lp(c);
}

/* The rounding of spare_rounding() from the LP values in c->xv, c->yv. */
static void spare_from_lp(sctx *c)
{
    const cohort_scenario *s = c->s;
    int lv = c->level;
    int64_t v[NLEVELS], at_hand = 0;
    if (c->best) {
        cohort_levels(s, c->best, v);
        at_hand = v[lv];
    }
    for (int staff_first = 0; staff_first < 2; staff_first++) {
        if (!round_cohort_teams(s, c->xv, c->yv, staff_first, c->spare) ||
            !holds_levels(c, c->spare))
            continue;
        cohort_levels(s, c->spare, v);
        if (!c->best || level_better(lv, v[lv], at_hand)) {
            c->has_spare = 1;
            return;
        }
    }
}

/* After the rounds: the level is proven when the cohort at hand or a
 * rounding of the cut LP reaches its bound, or a dive from that LP finds a
 * cohort there; the cuts then stay. They also stay when their bound is a
 * unit or more past the LP's (regional designers' what-if of seed 11:
 * `staffed` 55.46 -> 52.64 with a cohort of 49 at hand; with the cuts
 * removed again, as until session 24, the search took 11 s to find 52 and
 * prove 53 beyond reach; on the cut LP the pump finds 52 at once). Else
 * they go again, and the LP with them (their bound stays the level's, for
 * the gap): kept whatever they gain, the searches on national designers'
 * what-ifs with the envelope cut or women at 40 % took three times as long,
 * and one lost its proof in 60 s (docs/model.md, "Root cuts", "Keeping
 * them"). */
static int cut_accept(void *info, const cuts_stats *st)
{
    cut_verdict *v = info;
    sctx *c = v->c;
    c->root_bound = glp_get_obj_val(v->m->lp);
    if (c->o->progress) {
        cohort_progress p = tick(c, now_seconds(), "root cuts");
        p.event = COHORT_EV_CUTS;
        p.value = c->root_bound;
        p.iterations = st->kept;
        c->o->progress(&p, c->o->progress_user);
    }
    c->proof = "root cuts";
    v->proven = proven_at_root(c, v->m, v->found);
    if (!v->proven) {
        spare_rounding(c);
        /* the dives from the cuts' LP, whose bound is nearer the optimum
           (national designers' what-if of seed 3: `rank` 3,174.12 ->
           3,363.00 = the optimum; the dive finds a cohort there, where the
           reduced search from the LP without the cuts took 7 s) */
        v->dived = 1;
        /* the pump first (pump_first()'s comment) */
        if (pump_first(c, v->m, v->found)) {
            c->proof = "root cuts, pump";
            v->proven = 1;
        } else {
            c->proof = "root cuts, dive";
            v->proven = dives(c, v->m, v->root_its, v->found);
        }
    }
    if (!v->proven)
        c->proof = "root";
    /* kept also when their bound is a unit past the LP's: a level the cuts
       prove nearer the optimum than the LP (comment above) */
    v->kept = v->proven || level_target(c, c->root_bound) != level_target(c, v->lp_bound);
    if (!v->kept && c->o->progress) {
        cohort_progress p = tick(c, now_seconds(), "root cuts removed");
        p.value = c->root_bound;
        c->o->progress(&p, c->o->progress_user);
    }
    return v->kept;
}

static int root_cuts(sctx *c, model *m, int root_its, int *found, int *dived)
{
    *dived = 0;
    /* under a time limit, only when the time left covers the root LP's
       time again, as for a search: putting the LP back as it was after
       rounds cut short can take that long (a hundred times the promotion
       with 6 s: 0.8 s past the limit) */
    if (c->level < 0 || !c->o->root_cuts || !time_for(c, c->lp_seconds))
        return 0;
    cut_verdict v = {c, m, found, root_its, 0, 0, 0, c->root_bound};
    cuts_opts co;
    co.max_rounds = CUT_ROUNDS;
    /* as many dual simplex iterations as the root LP took (1,000 at least) */
    co.max_iterations = root_its > 1000 ? root_its : 1000;
    co.maximise = c->level != LV_RANK;
    co.stop_at = co.maximise ? -HUGE_VAL : HUGE_VAL;
    if (c->has_inc) {
        /* level_target() of a bound past stop_at is the cohort at hand's */
        double inc = (double)c->inc, eps = 2e-6 * (fabs(inc) + 1 > 1 ? fabs(inc) + 1 : 1);
        co.stop_at = co.maximise ? inc + 1 - eps : inc - 1 + eps;
    }
    co.deadline = run_deadline(c);
    co.round_cb = cut_round;
    co.accept = cut_accept;
    co.cb_info = &v;
    cuts_root(m->lp, &co, NULL);
    *dived = v.dived;
    c->cuts_helped = v.kept && !v.proven;
    return v.proven;
}

/* LP diving at the root of a level whose rounding fell short of the bound:
 * on a copy of the LP, the most fractional column is fixed at 1 (at 0 when
 * that passes the cutoff) and the LP solved again from the same basis by
 * the dual simplex, which stops as soon as the objective passes the cutoff;
 * until every column is integral (a cohort within the cutoff, in found) or
 * both fixings pass it (a dead end). Cheap next to a search: a few dual
 * iterations per step, and at most max_its in all, a bound on work, not on
 * time, so the same scenario always gives the same cohort. Returns 1 when
 * found holds a cohort that passes the exact check, keeps the levels
 * already proven and is within the cutoff. *bit (when not NULL) says
 * whether the cutoff ever changed the dive's course: set when a fixing
 * failed other than by an infeasible LP (the cutoff stopped the simplex or
 * its optimum passed the cutoff; or the time limit stopped it) or the dive
 * reached integral values. Left 0, the same dive without a cutoff takes
 * exactly the same steps to the same end: GLPK's objective limits only
 * stop the dual simplex, they never change its pivots. */
static int dive(sctx *c, model *m, double cutoff, int max_its, int *found, int *bit)
{
    const cohort_scenario *s = c->s;
    int lv = c->level;
    int maximise = lv != LV_RANK;
    int bounded = fabs(cutoff) < DBL_MAX; /* no cutoff without a cohort at hand */
    double eps = bounded ? 1e-6 * (fabs(cutoff) > 1 ? fabs(cutoff) : 1) : 0;
    int n = m->nx + m->ny;
    glp_prob *lp = glp_create_prob();
    glp_copy_prob(lp, m->lp, GLP_OFF);
    glp_smcp sp;
    simplex_params(c, &sp);
    sp.meth = GLP_DUAL;
    if (bounded && maximise)
        sp.obj_ll = cutoff - eps;
    else if (bounded)
        sp.obj_ul = cutoff + eps;
    if (bounded && c->has_inc) {
        /* a cohort within the cutoff has every column (pair or challenge)
           at 0 whose reduced cost at the level's LP passes the LP's slack
           to the cutoff (rc_out(), as for the reduced model; an exact
           check still judges what the dive finds): fixed there,
           and each step's LP is that much smaller (national designers'
           what-if of seed 1: 16,443 of 17,472 columns at `rank`, whose
           dive found its cohort in 0.4 s instead of 3.5 s). Only with a
           cohort at hand, when the second dive (which has no cutoff, so
           nothing fixed) cannot run: *bit's reasoning holds as it is */
        double slack = rc_slack(c, m->lp, cutoff);
        for (int j = 1; j <= n; j++)
            if (rc_out(c, m->lp, j, slack))
                glp_set_col_bnds(lp, j, GLP_FX, 0, 0);
    }
    int ok = 0;
    int its0 = glp_get_it_cnt(lp);
    double start = now_seconds();
    for (int step = 0; step < n && glp_get_it_cnt(lp) - its0 <= max_its; step++) {
        if (now_seconds() - start >= c->interval)
            report(c, NULL, "dive", glp_get_it_cnt(lp) - its0);
        int pick = 0;
        double far = 2;
        for (int j = 1; j <= n; j++) {
            double v = glp_get_col_prim(lp, j);
            if (v > 1e-6 && v < 1 - 1e-6 && fabs(v - 0.5) < far) {
                far = fabs(v - 0.5);
                pick = j;
            }
        }
        if (!pick) {
            if (bit)
                *bit = 1;
            lp_values(c, lp, NULL);
            assignment_from_values(s, c->xv, found);
            int64_t v[NLEVELS];
            cohort_levels(s, found, v);
            ok = check_cohort(s, found, NULL, 0) == 0 && holds_levels(c, found) &&
                 (maximise ? (double)v[lv] >= cutoff - eps : (double)v[lv] <= cutoff + eps);
            break;
        }
        int held = 0;
        for (int side = 1; side >= 0 && !held; side--) {
            glp_set_col_bnds(lp, pick, GLP_FX, side, side);
            if (time_left(c) <= 0) {
                if (bit)
                    *bit = 1;
                break;
            }
            sp.tm_lim = tm_lim_left(c);
            int rc = glp_simplex(lp, &sp);
            double z = glp_get_obj_val(lp);
            held = rc == 0 && glp_get_status(lp) == GLP_OPT &&
                   (maximise ? z >= cutoff - eps : z <= cutoff + eps);
            if (!held && !(rc == 0 && glp_get_status(lp) != GLP_OPT) && bit)
                *bit = 1; /* not an infeasible LP: the cutoff (or the time) */
        }
        if (!held)
            break;
    }
    glp_delete_prob(lp);
    return ok;
}

/* After proven_at_root failed: a dive for a cohort at the bound (the level
 * is then proven: returns 1, the cohort in found); failing that, when no
 * cohort is at hand at all, a second dive with no cutoff for a first one,
 * which becomes the search's first incumbent (c->heur). At most as many
 * simplex iterations each as the root LP took (500 at least; twice as many
 * until session 28: the dives that ran into that cap were most of the
 * dives' time at national scale, and no output of the comparison lists
 * needed the second half). A cohort better than the one at hand is
 * looked for by the restricted search of reduced_search() instead of a
 * second dive (until 2026-11-23: a dive for a cohort a unit
 * better than the one at hand; it took 17 s of a 78 s run at 40 times the
 * real promotion and found nothing). */
static int dives(sctx *c, model *m, int root_its, int *found)
{
    const cohort_scenario *s = c->s;
    int lv = c->level;
    if (lv < 0)
        return 0;
    int maximise = lv != LV_RANK;
    double target = level_target(c, glp_get_obj_val(m->lp));
    int max_its = root_its > 500 ? root_its : 500;
    int bit = 0;
    if (dive(c, m, target, max_its, found, &bit)) {
        int64_t v[NLEVELS];
        cohort_levels(s, found, v);
        if ((double)v[lv] == target)
            return 1;
    }
    /* the second dive would retrace the first one's steps to the same
       dead end when the cutoff never bit (national designers' what-if of
       seed 3 with the envelope cut: two dives of 3,413 iterations and 4 s
       each at `staffed`, the same fixings) */
    if (c->has_inc || !bit)
        return 0;
    if (dive(c, m, maximise ? -DBL_MAX : DBL_MAX, max_its, c->tmp_assign, NULL)) {
        int64_t v[NLEVELS];
        cohort_levels(s, c->tmp_assign, v);
        take_incumbent(c, m, c->tmp_assign, v[lv]);
    }
    return 0;
}

/* The search on a reduced model. At the root LP's optimum z, a pair j at 0
 * with reduced cost d_j can only be in a cohort whose objective is worse
 * than z by d_j at least (the LP's dual proves it). A cohort better than
 * the one at hand (value inc) by one unit is at most |inc - z| - 1 away
 * from z, so every pair at 0 whose reduced cost is larger than that can be
 * left out without losing any better cohort: the classic reduced-cost
 * fixing, applied once at the root, and the pairs taken out of the model
 * rather than fixed in it. GLPK's branch-and-cut then runs on a model a
 * fraction of the size (20 times the real promotion: 10,727 columns of
 * 25,171), so every node's LP is that much cheaper, with the cohort at
 * hand as its incumbent. Its search is exact: the best cohort of the
 * reduced model is the level's optimum, or the cohort at hand is.
 *
 * When the cohort at hand is too far from the bound for the reduction to
 * leave out a hundredth of the pairs, a better one is first looked for in the
 * model restricted to the pairs the root LP uses (and its basic columns)
 * and the cohort at hand holds, at most SUPPORT_NODES nodes (the RINS /
 * RENS family of heuristics; a cohort at the bound there proves the level
 * at once).
 *
 * Returns 1 with the level's optimum in found (proven); 0 when the reduced
 * model does not apply (no cohort at hand, or it would leave out fewer than
 * a hundredth of the pairs) or fails (its cohort breaks a rule exactly: the
 * full search with its cuts takes over), c->heur then holding the best
 * cohort found; -1 when the time limit stopped it: found then holds the
 * best cohort found if that beats the one at hand (*better). */
typedef struct subctx {
    sctx *c;
    const double *start;    /* 1-based column values of the cohort at hand */
    int start_done;
    const int *newj, *oldj; /* model column -> reduced column (0: left out), and back */
    int kept;
    double *x;              /* 1-based reduced column values */
    int nodes, max_nodes;   /* nodes selected so far, and the cap (0: none) */
    int capped;             /* the cap stopped the search */
    brancher *br;           /* its branching (branch.c) */
} subctx;

static void sub_callback(glp_tree *T, void *info)
{
    subctx *u = info;
    sctx *c = u->c;
    if (stop_past_deadline(c, T))
        return;
    const cohort_scenario *s = c->s;
    model *m = c->m;
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR: {
        search_event(c, T, !u->max_nodes); /* a tick in the root's rounds of cuts too */
        if (!u->start_done) {
            u->start_done = 1;
            glp_ios_heur_sol(T, u->start);
        }
        /* the node's LP rounded as round_here() does, through the column map */
        lp_values(c, glp_ios_get_prob(T), u->newj);
        if (!round_lp(c, c->tmp_assign))
            break;
        for (int i = 0; i < s->ncands; i++) {
            int a = c->tmp_assign[i];
            if (a >= 0 && !u->newj[model_xcol(m, m->pair_of_app[a])])
                return; /* a rounding may take a pair the reduced model left out */
        }
        heur_from_assignment(s, m, c->tmp_assign, c->tmp_x);
        for (int k = 1; k <= u->kept; k++)
            u->x[k] = c->tmp_x[u->oldj[k]];
        glp_ios_heur_sol(T, u->x);
        break;
    }
    case GLP_ISELECT: {
        if (u->max_nodes && ++u->nodes > u->max_nodes) {
            u->capped = 1;
            glp_ios_terminate(T);
            return;
        }
        /* every cohort the reduced model leaves out is no better than the
           one at hand: its bound is the level's (not the restricted one's) */
        search_event(c, T, !u->max_nodes);
        break;
    }
    case GLP_IBINGO:
        search_event(c, T, !u->max_nodes);
        break;
    case GLP_IBRANCH:
        if (u->br)
            brancher_choose(u->br, T);
        break;
    default:
        break;
    }
}

/* The reduced model: the columns keep[j] != 0 of m->lp, the rows that
 * hold one of them, the same bounds (keep[j] == 2: fixed at its upper
 * bound), kinds and objective, and the root's basis. */
static glp_prob *reduced_model(glp_prob *lp, const unsigned char *keep, int *newj,
                               int *oldj, int *kept)
{
    int n = glp_get_num_cols(lp), nrows = glp_get_num_rows(lp);
    *kept = 0;
    for (int j = 1; j <= n; j++)
        if (keep[j]) {
            newj[j] = ++*kept;
            oldj[*kept] = j;
        }
    glp_prob *sub = glp_create_prob();
    glp_set_obj_dir(sub, glp_get_obj_dir(lp));
    glp_add_cols(sub, *kept);
    for (int k = 1; k <= *kept; k++) {
        int j = oldj[k];
        if (keep[j] == 2) /* fixed at its upper bound */
            glp_set_col_bnds(sub, k, GLP_FX, glp_get_col_ub(lp, j), glp_get_col_ub(lp, j));
        else
            glp_set_col_bnds(sub, k, glp_get_col_type(lp, j), glp_get_col_lb(lp, j),
                             glp_get_col_ub(lp, j));
        glp_set_col_kind(sub, k, glp_get_col_kind(lp, j));
        glp_set_obj_coef(sub, k, glp_get_obj_coef(lp, j));
        glp_set_col_stat(sub, k, glp_get_col_stat(lp, j));
    }
    int *ind = xmalloc(sizeof *ind * ((size_t)n + 1));
    double *val = xmalloc(sizeof *val * ((size_t)n + 1));
    for (int i = 1; i <= nrows; i++) {
        int len = glp_get_mat_row(lp, i, ind, val), l = 0;
        for (int t = 1; t <= len; t++)
            if (newj[ind[t]]) {
                ind[++l] = newj[ind[t]];
                val[l] = val[t];
            }
        int type = glp_get_row_type(lp, i);
        if (!l || type == GLP_FR)
            continue;
        int r = glp_add_rows(sub, 1);
        glp_set_row_bnds(sub, r, type, glp_get_row_lb(lp, i), glp_get_row_ub(lp, i));
        glp_set_mat_row(sub, r, l, ind, val);
        glp_set_row_stat(sub, r, glp_get_row_stat(lp, i));
    }
    free(ind);
    free(val);
    return sub;
}

/* GLPK's branch-and-cut on the reduced model of the columns keep[j] != 0,
 * starting from the cohort at hand (c->heur), at most max_nodes nodes (0:
 * no cap) and within the time limit. Returns 1 when found holds a cohort
 * of the reduced model that passes the exact check and keeps the levels
 * already proven (*better: it beats the one at hand); *complete when the
 * search ended by itself (that cohort is the reduced model's optimum);
 * *timed_out when the time limit stopped it. */
static int sub_solve(sctx *c, model *m, const unsigned char *keep, int64_t objmax,
                     int max_nodes, int *found, int *better, int *complete, int *timed_out)
{
    const cohort_scenario *s = c->s;
    int lv = c->level;
    int n = glp_get_num_cols(m->lp);
    *better = *complete = *timed_out = 0;
    if (!time_for(c, max_nodes ? c->lp_seconds / 4 : c->lp_seconds)) {
        *timed_out = 1;
        return 0;
    }
    int *newj = xcalloc((size_t)n + 1, sizeof *newj);
    int *oldj = xmalloc(sizeof *oldj * ((size_t)n + 1));
    int kept;
    glp_prob *sub = reduced_model(m->lp, keep, newj, oldj, &kept);
    double *start = xmalloc(sizeof *start * ((size_t)kept + 1));
    start[0] = 0;
    for (int k = 1; k <= kept; k++)
        start[k] = c->heur[oldj[k]];
    subctx u = {c, start, 0, newj, oldj, kept, xmalloc(sizeof(double) * ((size_t)kept + 1)), 0,
                max_nodes, 0, NULL};
    glp_smcp sp;
    simplex_params(c, &sp);
    glp_scale_prob(sub, GLP_SF_AUTO);
    int lprc = time_left(c) > 0 ? lp_relaxation(sub, &sp) : LP_TIMEOUT;
    *timed_out = lprc == LP_TIMEOUT;
    int ms = GLP_UNDEF, ok = 0;
    if (lprc == LP_OPTIMAL) {
        glp_iocp ip;
        search_params(c, sub, objmax, &ip);
        ip.cb_func = sub_callback;
        ip.cb_info = &u;
        u.br = brancher_new(sub);
        int mrc = glp_intopt(sub, &ip);
        brancher_free(u.br);
        ms = glp_mip_status(sub);
        *timed_out = mrc == GLP_ETMLIM || (mrc == GLP_ESTOP && !u.capped);
        *complete = mrc == 0 && ms == GLP_OPT;
    }
    if (ms == GLP_OPT || ms == GLP_FEAS) {
        for (int k = 0; k < s->npairs; k++) {
            int j = newj[model_xcol(m, k)];
            c->xv[k] = j ? glp_mip_col_val(sub, j) : 0;
        }
        assignment_from_values(s, c->xv, found);
        ok = check_cohort(s, found, NULL, 0) == 0 && holds_levels(c, found);
        if (ok) {
            int64_t v[NLEVELS];
            cohort_levels(s, found, v);
            *better = level_better(lv, v[lv], c->inc);
        }
    }
    glp_delete_prob(sub);
    free(start);
    free(u.x);
    free(newj);
    free(oldj);
    return ok;
}

/* keep[j] = 0 for the pairs that no cohort better than the one at hand
 * (value c->inc) can hold, by their reduced cost at the root LP's optimum
 * (above); returns how many. */
static int fix_by_reduced_cost(const sctx *c, model *m, unsigned char *keep)
{
    const cohort_scenario *s = c->s;
    /* a unit better than the cohort at hand */
    double better = c->level != LV_RANK ? (double)c->inc + 1 : (double)c->inc - 1;
    double slack = rc_slack(c, m->lp, better);
    int n = glp_get_num_cols(m->lp), nout = 0;
    memset(keep, 1, (size_t)n + 1);
    for (int k = 0; k < s->npairs; k++) {
        int j = model_xcol(m, k);
        if (c->heur[j] > 0.5)
            continue;
        keep[j] = !rc_out(c, m->lp, j, slack);
        nout += !keep[j];
    }
    return nout;
}

#define SUPPORT_NODES 100

/* Whether leaving out nout of npairs pairs is worth a model of its own: a
 * hundredth of them at least. */
static int bites(int nout, int npairs)
{
    return nout > 0 && nout >= npairs / 100;
}

static int bounds_apply(const sctx *c);

/* A better cohort (found) than the one at hand: 1 when it is at the
 * level's bound (proven); else it becomes the cohort at hand (c->heur,
 * c->inc) and *improved a copy of it. */
static int keep_better(sctx *c, model *m, const int *found, int **improved)
{
    const cohort_scenario *s = c->s;
    int64_t v[NLEVELS];
    cohort_levels(s, found, v);
    if ((double)v[c->level] == level_target(c, glp_get_obj_val(m->lp)))
        return 1;
    heur_from_assignment(s, m, found, c->heur);
    c->inc = v[c->level];
    if (!*improved)
        *improved = xmalloc(sizeof **improved * (size_t)s->ncands);
    memcpy(*improved, found, sizeof **improved * (size_t)s->ncands);
    return 0;
}

/* RENS (relaxation-enforced neighbourhood search, Berthold): GLPK's
 * search, at most RENS_NODES nodes, on the model restricted to the
 * cohorts that round the root LP's solution: the pairs it leaves at 0 (and
 * not basic) left out, those at 1 fixed at 1, the others free (docs/model.md,
 * "RENS"). Returns sub_solve()'s answer. */
#define RENS_NODES 25

static int rens(sctx *c, model *m, int64_t objmax, unsigned char *keep, int *found, int *better,
                int *timed_out)
{
    glp_prob *lp = m->lp;
    int n = glp_get_num_cols(lp), complete;
    for (int j = 1; j <= n; j++) {
        double v = glp_get_col_prim(lp, j);
        keep[j] = j > m->nx || glp_get_col_stat(lp, j) == GLP_BS || v > 1e-6;
        if (keep[j] && v > 1 - 1e-6)
            keep[j] = 2;
    }
    return sub_solve(c, m, keep, objmax, RENS_NODES, found, better, &complete, timed_out);
}

static int reduced_search(sctx *c, model *m, int64_t objmax, int *found, int *better)
{
    const cohort_scenario *s = c->s;
    *better = 0;
    if (c->level < 0 || c->heur_done || !c->has_inc)
        return 0;
    int n = glp_get_num_cols(m->lp);
    unsigned char *keep = xmalloc((size_t)n + 1);
    int complete, timed_out, got;
    int rc = 0;
    int *improved = NULL; /* RENS's or the restricted search's cohort, when better */
    if (c->o->rens && c->level != LV_RANK) {
        got = rens(c, m, objmax, keep, found, better, &timed_out);
        if (!timed_out && got && *better && keep_better(c, m, found, &improved)) {
            c->proof = "rens";
            free(keep);
            return 1; /* at the bound: proven */
        }
        if (timed_out) {
            free(keep);
            return -1; /* *better: found holds RENS's cohort */
        }
        *better = 0;
    }
    int bit = bites(fix_by_reduced_cost(c, m, keep), s->npairs);
    if (!bit) {
        /* the cohort at hand is too far from the bound for the reduction
           to bite: first a better one, from the model restricted to the
           pairs the root LP uses and the cohort at hand holds */
        for (int k = 0; k < s->npairs; k++) {
            int j = model_xcol(m, k);
            keep[j] = glp_get_col_stat(m->lp, j) == GLP_BS || glp_get_col_prim(m->lp, j) > 1e-6 ||
                      c->heur[j] > 0.5; /* the basic columns too: the root's basis stays one */
        }
        got = sub_solve(c, m, keep, objmax, SUPPORT_NODES, found, better, &complete,
                        &timed_out);
        if (timed_out) {
            if (!*better && improved) {
                memcpy(found, improved, sizeof *found * (size_t)s->ncands);
                *better = 1;
            }
            free(keep);
            free(improved);
            return -1;
        }
        if (got && *better && keep_better(c, m, found, &improved)) {
            free(keep);
            free(improved);
            return 1; /* at the bound: proven */
        }
        *better = 0;
        bit = bites(fix_by_reduced_cost(c, m, keep), s->npairs);
    }
    /* the search on the reduced model, unless the whole model's search
       gets count bounds at this level: for filled, a share rule's count
       bounds there prove in a fraction of a second what the reduced
       model's search had not closed in 30 s (bench promotion seed 3 with
       designers at a third, women at a half, developers at most 30 % and
       host budgets cut by 10 %: 30 at hand against 33.33; CBC 0.5 s); for
       staffed, the reduced search never ended on the national designers'
       what-if of seed 3, where the count bounds prove it */
    if (!bit || bounds_apply(c)) {
        free(keep);
        free(improved);
        return 0; /* the full search starts from the better cohort */
    }
    got = sub_solve(c, m, keep, objmax, 0, found, better, &complete, &timed_out);
    if (timed_out) {
        rc = -1;
        if (!*better && improved) {
            memcpy(found, improved, sizeof *found * (size_t)s->ncands);
            *better = 1;
        }
    } else if (got && complete) {
        rc = 1;
    }
    free(keep);
    free(improved);
    return rc;
}

/* When the time limit stops a level before its search: the search's first
 * incumbent (a rounding or the restricted search's cohort, in c->heur)
 * into found, and 1, when it beats the best cohort. */
static int heur_beats_best(sctx *c, model *m, int *found)
{
    const cohort_scenario *s = c->s;
    if (c->heur_done || !c->has_inc)
        return 0;
    int lv = c->level;
    if (c->best) {
        int64_t v[NLEVELS];
        cohort_levels(s, c->best, v);
        if (!level_better(lv, c->inc, v[lv]))
            return 0;
    }
    for (int k = 0; k < s->npairs; k++)
        c->xv[k] = c->heur[model_xcol(m, k)];
    assignment_from_values(s, c->xv, found);
    return 1;
}

/* The weighted try (docs/model.md, "The weighted try"): the level being
 * solved and every later one at once, as one objective whose weights make
 * it exactly lexicographic (model_weights(); the earlier levels are held by
 * their rows), by GLPK's branch-and-cut with its MIP presolver and the
 * search's cuts (search_params(): Gomory's only up to 500,000 non-zeros),
 * on a copy of the model, for its root node only. Where a level's
 * search cannot close a gap of one unit (a 17 x 193 scenario: 39 members
 * not proven after a minute, CBC 0.3 s), the presolver's tightened money
 * rows and the cuts on the rank-weighted objective prove the whole optimum
 * at the root in 15 ms; beyond the root it was seldom faster than the
 * level's search, so the root is all it gets (a bound on work, not time:
 * the same scenario always takes the same path). Only where the weights
 * keep GLPK's floating point far from one unit of the last level
 * (WEIGHTED_MAX). Returns 1 with the cohort in found, every remaining
 * level proven. */
#define WEIGHTED_MAX 1e8

/* The callback of a search stopped after its root (the weighted try, the
 * pump try): ticks say c->root_phase. */
static void root_cb(glp_tree *T, void *info)
{
    sctx *c = info;
    if (stop_past_deadline(c, T))
        return;
    /* the root's LP, cuts and heuristics (the pump) are done when GLPK
       asks where to branch: stop there. Until session 33 the search
       stopped at its second node selection, but GLPK goes on into the
       child it branches towards without selecting it, so the search dove
       until a node was pruned: at five times the national designers'
       what-if, five nodes and GLPK's own branching choices, 5.6 s of the
       pump try (the same bytes on the 456 comparison what-ifs) */
    if (glp_ios_reason(T) == GLP_IBRANCH) {
        glp_ios_terminate(T);
        return;
    }
    report(c, NULL, c->root_phase, 0);
}

static int weighted_try(sctx *c, model *m, int *found)
{
    const cohort_scenario *s = c->s;
    int first = 0;
    while (first < s->norder && s->order[first] != c->level)
        first++;
    if (first + 1 >= s->norder)
        return 0; /* the last level: its own search is the same question */
    double M = 0;
    for (int k = first; k < s->norder; k++) {
        int lv = s->order[k];
        M += (double)m->weight[lv] * (double)(m->range[lv] > 0 ? m->range[lv] : 0);
    }
    if (M > WEIGHTED_MAX || !time_for(c, c->lp_seconds))
        return 0;
    glp_prob *lp = glp_create_prob();
    glp_copy_prob(lp, m->lp, GLP_OFF);
    model_weighted_objective(m, s, lp, first);
    glp_iocp ip;
    search_params(c, lp, (int64_t)M, &ip);
    ip.presolve = GLP_ON;
    ip.cb_func = root_cb;
    ip.cb_info = c;
    c->root_phase = "weighted search";
    int ok = 0;
    if (glp_intopt(lp, &ip) == 0 && glp_mip_status(lp) == GLP_OPT) {
        assignment_from_mip(c, lp, found);
        ok = check_cohort(s, found, NULL, 0) == 0 && holds_levels(c, found);
    }
    glp_delete_prob(lp);
    return ok;
}

/* The pump try (docs/model.md, "The pump try"): for the staffed level,
 * and for the filled level (when the cohort at hand is one member short of
 * the bound, at once; else after the restricted search of
 * reduced_search()), once neither the root nor the dives reached the bound
 * (rounded to the level's unit), GLPK's feasibility pump looks for any cohort at
 * it: on a copy of the model whose objective becomes a row (level >=
 * bound) and whose objective is zero, from GLPK's advanced basis, at the
 * root only and without cuts (a bound on work, not time). Such a cohort
 * proves the level at once. On the national designers' what-if (seed 2),
 * the staffed level's reduced search ran 30 s at 190 against 191, and CBC
 * on the exported model 380 s; the pump finds 191 in 2.5 s. It is luck as
 * much as method (GLPK's pump depends on its starting vertex and on the
 * order of the columns); on seed 3 it finds none, and none exists (CBC
 * proves it in 88 s). Returns 1 with the cohort in found. */
static int pump_try(sctx *c, model *m, int *found)
{
    const cohort_scenario *s = c->s;
    double target = level_target(c, c->root_bound);
    if (c->o->full_search || !time_for(c, c->lp_seconds))
        return 0;
    glp_prob *lp = glp_create_prob();
    glp_copy_prob(lp, m->lp, GLP_OFF);
    int n = glp_get_num_cols(lp), len = 0;
    int *ind = xmalloc(sizeof *ind * (size_t)(n + 1));
    double *val = xmalloc(sizeof *val * (size_t)(n + 1));
    for (int j = 1; j <= n; j++) {
        double v = glp_get_obj_coef(lp, j);
        if (v != 0) {
            ind[++len] = j;
            val[len] = v;
            glp_set_obj_coef(lp, j, 0);
        }
    }
    int row = glp_add_rows(lp, 1);
    glp_set_mat_row(lp, row, len, ind, val);
    glp_set_row_bnds(lp, row, GLP_LO, target, 0);
    free(ind);
    free(val);
    /* from the level's basis, the target row basic: primal feasible when
       that basis is the level's optimum (its objective is past the
       target), so the LP with no objective is solved at once */
    for (int i = 1; i < row; i++)
        glp_set_row_stat(lp, i, glp_get_row_stat(m->lp, i));
    for (int j = 1; j <= n; j++)
        glp_set_col_stat(lp, j, glp_get_col_stat(m->lp, j));
    glp_set_row_stat(lp, row, GLP_BS);
    glp_smcp sp;
    simplex_params(c, &sp);
    int ok = 0;
    if (lp_relaxation(lp, &sp) == LP_OPTIMAL) {
        glp_iocp ip;
        search_params(c, lp, 1, &ip);
        ip.fp_heur = GLP_ON;
        ip.gmi_cuts = ip.mir_cuts = ip.cov_cuts = ip.clq_cuts = GLP_OFF;
        ip.cb_func = root_cb;
        ip.cb_info = c;
        c->root_phase = "pump";
        /* its passes as progress (term_hook()): the display takes no part
           in the search */
        c->in_pump = c->o->progress != NULL;
        c->pump_ip = &ip;
        if (c->in_pump)
            ip.msg_lev = GLP_MSG_ALL;
        glp_intopt(lp, &ip);
        c->in_pump = 0;
        c->pump_ip = NULL;
        int ms = glp_mip_status(lp);
        if (ms == GLP_OPT || ms == GLP_FEAS) {
            assignment_from_mip(c, lp, found);
            int64_t v[NLEVELS];
            cohort_levels(s, found, v);
            ok = check_cohort(s, found, NULL, 0) == 0 && holds_levels(c, found) &&
                 (double)v[c->level] >= target;
        }
    }
    glp_delete_prob(lp);
    return ok;
}

/* In the filled level's search, a cohort better than the one at hand has
 * inc + 1 members at least and the LP bound's at most: bounds on the count
 * columns from that (model_count_bounds(); docs/model.md, "Count bounds in
 * the filled level's search"), and the search passes on only cohorts that
 * many (the cohort at hand stays out of it). The root LP is then solved
 * again through GLPK's LP presolver (as glpsol does): GLPK's Gomory cuts
 * come from the root's optimal vertex, and from the one the levels' warm
 * starts leave, the search on bench promotion seed 4 with designers at a
 * third ran 30 s without closing 33 against 34 members, where from the
 * advanced basis the cuts prove it at the root (0.1 s); with women at 40 %
 * too, the search from the advanced basis's vertex ran 30 s, from the
 * presolver's the cuts prove it (0.25 s). In the staffed level's search,
 * a cohort with one more team than the one at hand has at least
 * model_least_members() of them (docs/model.md, "Count bounds in the
 * staffed level's search"): bounds that every better cohort is within,
 * and some that are not (run_mip() reads the search's best that way),
 * counted from the cohort at hand before the restricted search
 * (c->bounds_inc: from the restricted search's better cohort they move the
 * LP's vertex, and the national designers' what-if of seed 3 with women at
 * 40 % took 25 s instead of 11); the LP is solved again from the basis at
 * hand (from GLPK's advanced basis the national designers' what-if took
 * 37 s to its proof instead of 21).
 * Returns 1 when the bounds are set, 0 when the search has none, -1 when
 * no cohort fits them (the one at hand is then the optimum), -2 when the
 * time limit stopped that LP, -3 when GLPK failed on it; bounds_apply():
 * whether the level's search gets them. */
static int bounds_apply(const sctx *c)
{
    return (c->level == LV_FILLED || c->level == LV_STAFFED) && model_counts_wanted(c->s) &&
           c->has_inc && !c->heur_done && !c->first_only;
}

static int count_bounds(sctx *c, model *m)
{
    int staffed = c->level == LV_STAFFED;
    if (!c->ncounts || !bounds_apply(c))
        return 0;
    int64_t lo = c->inc + 1, hi = (int64_t)level_target(c, c->root_bound);
    if (staffed) {
        /* a cohort with one more team than the one at hand has at least
           this many members, and the filled level's naive bound at most */
        int64_t at = c->bounds_inc >= 0 && c->bounds_inc < c->inc ? c->bounds_inc : c->inc;
        lo = model_least_members(m, c->s, at + 1);
        hi = (int64_t)level_naive_bound(c->s, LV_FILLED);
    }
    c->count_lo = lo;
    if (model_count_bounds(m, c->s, c->count_col0, lo, hi) < 0)
        return -1;
    glp_smcp sp;
    simplex_params(c, &sp);
    if (!staffed)
        sp.presolve = GLP_ON; /* a vertex of GLPK's LP presolver, as glpsol's */
    int rc = lp_relaxation(m->lp, &sp);
    return rc == LP_INFEASIBLE ? -1 : rc == LP_TIMEOUT ? -2 : rc == LP_FAILED ? -3 : 1;
}

/* The staffed level's count bounds' search, first only at the root of
 * the vertex of GLPK's LP presolver (docs/model.md, "The staffed level's
 * search: the presolver's root first"). GLPK's Gomory cuts come from the
 * root's optimal vertex, and the search's length swings by factors of
 * ten with it: on the national designers' what-if of seed 8 the search
 * from the basis at hand ran 1,595 nodes and two minutes without proving
 * 189 teams against a bound of 190, where the cuts at the presolver's
 * root prove it. But from the basis at hand other searches are the
 * shorter ones (seed 8 with the envelope cut too: 11 nodes against 769),
 * so the presolver's vertex gets its root only: the search stops where it
 * would branch (callback(), GLP_IBRANCH). Returns glp_intopt()'s code
 * when that root decided the search (a cohort at the bound, or none
 * better: then as any search that ran to its end; or the time limit
 * stopped it), -1 when it did not: the LP is then back at the basis it
 * had, solved again, and the cohort at hand goes again to the search from
 * there; -2 when the time limit stopped an LP, -3 when GLPK failed on the
 * LP put back (as count_bounds()). Nodes, not time: the same scenario
 * always takes the same path. */
static int presolved_root(sctx *c, model *m, const glp_iocp *ip)
{
    glp_prob *lp = m->lp;
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    int *stat = xmalloc(sizeof *stat * (size_t)(nr + nc + 1));
    lp_basis(lp, stat, 0);
    glp_smcp sp;
    simplex_params(c, &sp);
    sp.presolve = GLP_ON;
    int rc = -1, lrc = lp_relaxation(lp, &sp);
    if (lrc == LP_TIMEOUT)
        rc = -2;
    else if (lrc == LP_OPTIMAL) {
        glp_iocp rp = *ip;
        rp.tm_lim = tm_lim_left(c);
        c->root_only = 1;
        c->root_stopped = 0;
        rc = glp_intopt(lp, &rp);
        c->root_only = 0;
        /* its end, or the time limit's (GLP_ESTOP: stop_past_deadline());
           anything else, GLPK's trouble included, goes to the search from
           the basis at hand */
        if (rc != 0 && rc != GLP_ETMLIM && (rc != GLP_ESTOP || c->root_stopped))
            rc = -1;
    }
    if (rc == -1) {
        lp_basis(lp, stat, 1);
        sp.presolve = GLP_OFF;
        sp.tm_lim = tm_lim_left(c);
        lrc = lp_relaxation(lp, &sp);
        rc = lrc == LP_OPTIMAL ? -1 : lrc == LP_TIMEOUT ? -2 : -3;
        c->inc_handed = 0;
        c->heur_calls = 0;
    }
    free(stat);
    return rc;
}

/* Probing at the root of the search that count_bounds() set up (probe.c;
 * docs/model.md, "Probing"), when that search asks whether there is a
 * cohort one unit better than the one at hand at all (the LP bound is
 * inc + 1): every cohort it looks for reaches inc + 1 (members, or teams),
 * so a column neither of whose sides can reach that proves there is none.
 * The work is bounded as for the root cuts: 100 columns, and as many dual
 * simplex iterations as the level's root LP (1,000 at least). Returns 1
 * when it proved that. */
#define PROBE_COLUMNS 100

static int probe(sctx *c, model *m, int root_its)
{
    if (!c->o->probing || level_target(c, glp_get_obj_val(m->lp)) != (double)(c->inc + 1))
        return 0;
    probe_opts po;
    po.cutoff = (double)c->inc + 1;
    po.maximise = 1;
    po.max_columns = PROBE_COLUMNS;
    po.max_iterations = root_its > 1000 ? root_its : 1000;
    po.deadline = run_deadline(c);
    return probe_root(m->lp, &po, NULL);
}

/* The basis of the cohort at hand (c->warm): every row basic, the pairs it
 * takes at their upper bound, the others at 0; primal feasible, so the
 * simplex skips its first phase. */
static void warm_basis(sctx *c, model *m)
{
    glp_std_basis(m->lp);
    for (int j = 1; j <= glp_get_num_cols(m->lp); j++)
        glp_set_col_stat(m->lp, j, c->warm[j] > 0.5 ? GLP_NU : GLP_NL);
    for (int j = 1; j <= glp_get_num_cols(m->lp); j++)
        if (glp_get_col_type(m->lp, j) == GLP_FX)
            glp_set_col_stat(m->lp, j, GLP_NS);
}

/* Deletes the rows of the root cuts (cuts.c names them); returns how many. */
static int drop_cut_rows(model *m)
{
    int nr = glp_get_num_rows(m->lp), n = 0;
    int *num = xmalloc(sizeof *num * (size_t)(nr + 1));
    size_t plen = strlen(CUTS_ROW_PREFIX);
    for (int i = 1; i <= nr; i++) {
        const char *name = glp_get_row_name(m->lp, i);
        if (name && !strncmp(name, CUTS_ROW_PREFIX, plen))
            num[++n] = i;
    }
    if (n)
        glp_del_rows(m->lp, n, num);
    free(num);
    return n;
}

/* One MIP solve of the current objective. Returns the GLPK MIP status
 * (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF) and sets *err on failure. */
static int run_mip(sctx *c, model *m, int first, int64_t objmax, int *timed_out, int *err,
                   int *found, int *direct)
{
    const cohort_solve_opts *o = c->o;
    *timed_out = 0;
    *err = 0;
    /* no bound of this level yet (a bound left from the level before
       would give a meaningless gap if the limit stops this one early) */
    c->has_bound = 0;
    c->cuts_helped = 0;
    c->has_spare = 0;
    c->has_lpv = 0;
    c->inc_handed = 0;
    c->bounds_inc = -1;
    c->root_bound = c->level >= 0 ? level_naive_bound(c->s, c->level) : 0;
    if (time_left(c) <= 0) {
        *timed_out = 1;
        return GLP_UNDEF;
    }
    glp_smcp sp;
    simplex_params(c, &sp);
    sp.presolve = first ? GLP_ON : GLP_OFF;
    if (o->progress) {
        sp.msg_lev = GLP_MSG_ON;
        sp.out_dly = (int)(c->interval * 1000);
        sp.out_frq = sp.out_dly > 1 ? sp.out_dly : 1;
    }
    if ((first || c->level == LV_RANK) && c->warm) {
        /* start from the best cohort at hand (the greedy's before the first
           level). For the rank level too: the cohort that holds the earlier
           levels is much nearer its optimum than the previous level's LP
           basis (measured: 363 -> 248 iterations at regional, 1,251 -> 811
           at national); for the others the previous basis is nearer */
        warm_basis(c, m);
        sp.presolve = GLP_OFF;
    }
    sp.tm_lim = tm_lim_left(c);
    int its0 = glp_get_it_cnt(m->lp);
    c->in_lp = 1;
    c->lp_its0 = its0;
    double lp_start = now_seconds();
    int lprc = lp_relaxation(m->lp, &sp);
    c->lp_seconds = now_seconds() - lp_start;
    c->in_lp = 0;
    if (lprc == LP_INFEASIBLE && c->best && c->warm) {
        /* the best cohort holds every row (the model's, the proven levels',
           the cuts'), so GLPK's simplex lost its way: seen once, on rows of
           the root cuts (kit seed 8720, every objective order). Again from
           that cohort's basis, primal feasible; then without the cuts */
        warm_basis(c, m);
        sp.presolve = GLP_OFF;
        lprc = lp_relaxation(m->lp, &sp);
        if (lprc == LP_INFEASIBLE && drop_cut_rows(m) > 0) {
            warm_basis(c, m);
            lprc = lp_relaxation(m->lp, &sp);
        }
        c->lp_seconds = now_seconds() - lp_start;
    }
    if (lprc == LP_TIMEOUT) {
        *timed_out = 1;
        return GLP_UNDEF;
    }
    if (lprc == LP_INFEASIBLE)
        return GLP_NOFEAS;
    if (lprc == LP_FAILED) {
        *err = 1;
        return GLP_UNDEF;
    }
    event(c, COHORT_EV_RELAXATION, c->level, glp_get_obj_val(m->lp));
    c->root_bound = glp_get_obj_val(m->lp);
    c->proof = "root";
    int root_its = glp_get_it_cnt(m->lp) - its0;
    *direct = proven_at_root(c, m, found);
    if (c->first_only) {
        /* a rounding of the root LP (found) is enough; else the search,
           stopped at its first cohort (callback()) */
        if (*direct || c->has_inc) {
            *direct = 1;
            return GLP_FEAS;
        }
        goto search;
    }
    int dived = 0;
    if (!*direct)
        *direct = root_cuts(c, m, root_its, found, &dived);
    if (!*direct && !dived) {
        spare_rounding(c);
        if (pump_first(c, m, found)) {
            c->proof = "pump";
            *direct = 1;
        } else {
            c->proof = "dive";
            *direct = dives(c, m, root_its, found);
        }
    }
    if (*direct)
        return GLP_OPT;
    c->proof = "reduced search";
    int better = 0;
    /* the staffed level's count bounds come from the cohort at hand
       before the restricted search (count_bounds()) */
    c->bounds_inc = c->has_inc ? c->inc : -1;
    int red = o->full_search ? 0 : reduced_search(c, m, objmax, found, &better);
    if (red == 1 || (red < 0 && better)) {
        *direct = 1;
        *timed_out = red < 0;
        return red == 1 ? GLP_OPT : GLP_FEAS;
    }
    if (red < 0 || !time_for(c, c->lp_seconds)) {
        *timed_out = 1;
        *direct = heur_beats_best(c, m, found);
        return *direct ? GLP_FEAS : GLP_UNDEF;
    }
    if (weighted_try(c, m, found)) {
        c->proof = "weighted search";
        c->rest_proven = 1;
        *direct = 1;
        return GLP_OPT;
    }
search:
    c->proof = "search";
    glp_iocp ip;
    search_params(c, m->lp, objmax, &ip);
    ip.cb_func = callback;
    ip.cb_info = c;
    c->has_bound = 0;
    c->heur_calls = 0;
    add_counts(c, m);
    int bounded = count_bounds(c, m);
    int probed_none = bounded > 0 && probe(c, m, root_its);
    if (probed_none)
        bounded = -1;
    int presolved = bounded > 0 && c->level == LV_STAFFED && o->presolved_root
                        ? presolved_root(c, m, &ip)
                        : -1;
    if (presolved < -1) {
        bounded = presolved; /* as count_bounds()'s LP: no search */
        presolved = -1;
    }
    int mrc = 0;
    if (bounded >= 0 && presolved < 0) {
        c->br = brancher_new(m->lp);
        mrc = glp_intopt(m->lp, &ip);
        brancher_free(c->br);
        c->br = NULL;
    } else if (bounded >= 0) {
        mrc = presolved;
    }
    if (presolved >= 0)
        c->proof = "presolved root";
    int ms = bounded < 0 ? GLP_NOFEAS : glp_mip_status(m->lp);
    if (mrc == GLP_ETMLIM || mrc == GLP_ESTOP || bounded == -2)
        *timed_out = 1;
    else if ((mrc != 0 && ms != GLP_NOFEAS) || bounded == -3)
        *err = 1;
    c->count_lo = 0;
    int got = ms == GLP_OPT || ms == GLP_FEAS;
    if (got && c->ncounts) {
        /* the cohort read before the count columns go */
        assignment_from_mip(c, m->lp, found);
        *direct = 1;
    }
    int none_better = bounded && !got;
    if (bounded > 0 && got) {
        /* the staffed level's bounds hold every better cohort but also
           some that are not (more members, as many teams): its search's
           best is then no better than the one at hand, which is the
           optimum when the search ran to its end */
        int64_t v[NLEVELS];
        cohort_levels(c->s, found, v);
        none_better = !level_better(c->level, v[c->level], c->inc);
    }
    if (none_better) {
        /* no cohort better than the one at hand: when the search ran to
           its end, that one is the optimum */
        del_counts(c, m);
        *direct = heur_beats_best(c, m, found);
        if (*timed_out || *err)
            return *direct ? GLP_FEAS : GLP_UNDEF;
        if (!*direct)
            memcpy(found, c->best, sizeof *found * (size_t)c->s->ncands);
        *direct = 1;
        c->proof = probed_none  ? "count bounds, probing"
                   : presolved >= 0 ? "count bounds, presolved root"
                                    : "search, count bounds";
        return GLP_OPT;
    }
    del_counts(c, m);
    return ms;
}

static int solve_levels(const cohort_scenario *s, const cohort_solve_opts *o, int first_only,
                        cohort_result *r, cohort_diag *d)
{
    sctx c = {0};
    c.s = s;
    c.o = o;
    c.first_only = first_only;
    c.t0 = now_seconds();
    c.level = -1;
    c.interval = o->progress_interval > 0 ? fmin(o->progress_interval, 3600) : 1.0;
    glp_term_out(GLP_OFF);
    model_opts mo = {0, 1, 0};
    model *m = model_build(s, &mo);
    c.m = m;
    if (o->progress) {
        glp_term_hook(term_hook, &c);
        glp_term_out(GLP_ON);
    }
    int ncols = m->nx + m->ny;
    int *best = xmalloc(sizeof *best * (size_t)(s->ncands ? s->ncands : 1));
    int *found = xmalloc(sizeof *found * (size_t)(s->ncands ? s->ncands : 1));
    int have_best = greedy_cohort(s, best);
    event(&c, COHORT_EV_MODEL, -1, (double)glp_get_num_cols(m->lp));
    if (have_best)
        event(&c, COHORT_EV_START_COHORT, -1, 0);
    /* room for the count columns of the search (add_counts) */
    size_t room = (size_t)ncols + 2 + NPROF + (size_t)s->ndivs;
    c.heur = xmalloc(sizeof *c.heur * room);
    c.tmp_x = xmalloc(sizeof *c.tmp_x * room);
    c.count_ind = xmalloc(sizeof *c.count_ind * ((size_t)ncols + 2));
    c.count_val = xmalloc(sizeof *c.count_val * ((size_t)ncols + 2));
    c.xv = xmalloc(sizeof *c.xv * (size_t)(s->npairs + 1));
    c.yv = xmalloc(sizeof *c.yv * (size_t)(s->nchals + 1));
    c.spare = xmalloc(sizeof *c.spare * (size_t)(s->ncands ? s->ncands : 1));
    c.yv2 = xmalloc(sizeof *c.yv2 * (size_t)(s->nchals + 1));
    c.tmp_assign = xmalloc(sizeof *c.tmp_assign * (size_t)(s->ncands + 1));
    int status = ST_OPTIMAL, failed = 0, first = 1;
    double gap = 0;
    int nlevels = s->norder ? s->norder : 1;
    if (first_only && have_best) {
        status = ST_FEASIBLE;
        nlevels = 0;
    }
    r->proven_levels = 0;
    for (int k = 0; k < nlevels && status == ST_OPTIMAL; k++) {
        int lv = s->norder ? s->order[k] : -1;
        c.level = lv;
        if (lv >= 0)
            set_level_objective(s, m, lv);
        else
            for (int j = 1; j <= ncols; j++)
                glp_set_obj_coef(m->lp, j, 0.0);
        int64_t objmax = lv >= 0 ? level_upper(s, lv) : 1;
        int done = 0;
        for (int round = 0; round < 200 && !done; round++) {
            if (have_best) {
                heur_from_assignment(s, m, best, c.heur);
                c.warm = c.heur;
            }
            c.best = have_best ? best : NULL;
            c.heur_done = have_best ? 0 : 1;
            int timed_out = 0, err = 0, ms;
            if (!ncols) {
                ms = GLP_OPT;
                c.proof = "root"; /* nothing to choose */
                for (int i = 0; i < s->ncands; i++)
                    found[i] = -1;
                for (int h = 0; h < s->nchals; h++)
                    if (s->chals[h].must_staff)
                        ms = GLP_NOFEAS;
            } else {
                int direct = 0;
                ms = run_mip(&c, m, first, objmax, &timed_out, &err, found, &direct);
                first = 0;
                if (!direct && (ms == GLP_OPT || ms == GLP_FEAS))
                    assignment_from_mip(&c, m->lp, found);
            }
            if (err) {
                failed = 1;
                status = -1;
                break;
            }
            if (ms == GLP_NOFEAS && !timed_out) {
                /* later levels keep a feasible incumbent, so only level 1 can say this */
                status = have_best && k > 0 ? ST_FEASIBLE : ST_INFEASIBLE;
                break;
            }
            if (ms == GLP_OPT || ms == GLP_FEAS) {
                if (check_cohort(s, found, NULL, 0) != 0) {
                    cut_off(s, m, found);
                    continue;
                }
                memcpy(best, found, sizeof *best * (size_t)s->ncands);
                have_best = 1;
            }
            if (timed_out && lv >= 0 && !c.has_spare && c.has_lpv && cohort_interrupted())
                spare_from_lp(&c); /* the interrupt's spare: from the last LP solved */
            if (timed_out && c.has_spare && lv >= 0) {
                /* spare_rounding()'s cohort, when the search found none as good */
                int64_t a[NLEVELS], b[NLEVELS];
                cohort_levels(s, c.spare, a);
                if (have_best)
                    cohort_levels(s, best, b);
                if (!have_best || level_better(lv, a[lv], b[lv])) {
                    memcpy(best, c.spare, sizeof *best * (size_t)s->ncands);
                    have_best = 1;
                }
            }
            if (timed_out || ms != GLP_OPT) {
                status = have_best ? ST_FEASIBLE : ST_LIMIT;
                if (have_best && lv >= 0) {
                    int64_t lvv[NLEVELS];
                    cohort_levels(s, best, lvv);
                    double inc = (double)lvv[lv];
                    double bnd = c.has_bound ? c.bound : c.root_bound;
                    gap = level_gap(inc, bnd);
                } else {
                    gap = 1.0;
                }
                break;
            }
            done = 1;
        }
        if (status != ST_OPTIMAL)
            break;
        if (!done) {
            failed = 1;
            status = -1;
            break;
        }
        r->proven_levels = k + 1;
        if (lv >= 0) {
            int64_t lvv[NLEVELS];
            cohort_levels(s, best, lvv);
            event(&c, COHORT_EV_LEVEL, lv, (double)lvv[lv]);
        }
        if (c.rest_proven) {
            /* the weighted try proved every later level too */
            int64_t lvv[NLEVELS];
            cohort_levels(s, best, lvv);
            for (int j = k + 1; j < nlevels; j++) {
                c.level = s->order[j];
                event(&c, COHORT_EV_LEVEL, c.level, (double)lvv[c.level]);
            }
            r->proven_levels = nlevels;
            break;
        }
        if (lv >= 0 && k + 1 < nlevels) {
            int64_t lvv[NLEVELS];
            cohort_levels(s, best, lvv);
            fix_level(s, m, lv, lvv[lv]);
            c.fixed_lv[c.nfixed] = lv;
            c.fixed_val[c.nfixed++] = lvv[lv];
        }
    }
    if ((status == ST_OPTIMAL || status == ST_FEASIBLE) && have_best)
        memcpy(r->assign, best, sizeof *best * (size_t)s->ncands);
    int rc = COHORT_OK;
    if (failed) {
        if (have_best) {
            memcpy(r->assign, best, sizeof *best * (size_t)s->ncands);
            status = ST_FEASIBLE;
            gap = 1.0;
        } else {
            diag_error(d, "the solver failed on this scenario (numerical trouble); please report "
                          "it with the scenario");
            rc = COHORT_ESOLVER;
            status = ST_LIMIT;
        }
    }
    r->status = status;
    r->gap = status == ST_OPTIMAL ? 0 : gap;
    if (status == ST_LIMIT && !r->message)
        r->message = xstrdup(cohort_interrupted()
                                 ? "the run was interrupted before any cohort satisfying every "
                                   "rule was found"
                                 : "the time limit was reached before any cohort satisfying "
                                   "every rule was found");
    else if (status == ST_FEASIBLE && cohort_interrupted() && !r->message)
        r->message = xstrdup("the run was interrupted before the search ended: the best cohort "
                             "found by then");
    cohort_levels(s, r->assign, r->level);
    r->seconds = now_seconds() - c.t0;
    free(best);
    free(found);
    free(c.heur);
    free(c.tmp_x);
    free(c.count_ind);
    free(c.count_val);
    free(c.xv);
    free(c.yv);
    free(c.spare);
    free(c.yv2);
    free(c.tmp_assign);
    model_free(m);
    glp_term_out(GLP_OFF);
    glp_term_hook(NULL, NULL);
    return rc;
}

int solve_cohort(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r,
                 cohort_diag *d)
{
    return solve_levels(s, o, 0, r, d);
}

/* first_cohort() and best_cohort(): the solve within seconds, stopped at
 * its first cohort (first_only) or not. */
static int cohort_within(const cohort_scenario *s, double seconds, int first_only, int *assign)
{
    if (seconds <= 0)
        return -1;
    cohort_solve_opts o;
    cohort_solve_opts_init(&o);
    o.time_limit = seconds;
    o.explain_infeasible = 0;
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = result_new(s);
    int rc = solve_levels(s, &o, first_only, r, &d);
    int f = -1;
    if (rc == COHORT_OK && (r->status == ST_OPTIMAL || r->status == ST_FEASIBLE)) {
        memcpy(assign, r->assign, sizeof *assign * (size_t)s->ncands);
        f = !first_only && r->status == ST_OPTIMAL ? 2 : 1;
    } else if (rc == COHORT_OK && r->status == ST_INFEASIBLE) {
        f = 0;
    }
    cohort_result_free(r);
    cohort_diag_clear(&d);
    return f;
}

int first_cohort(const cohort_scenario *s, double seconds, int *assign)
{
    return cohort_within(s, seconds, 1, assign);
}

int best_cohort(const cohort_scenario *s, double seconds, int *assign)
{
    return cohort_within(s, seconds, 0, assign);
}

/* GLPK aborts the process on internal errors; the hook turns such an error
 * into a solver failure instead (GLPK's memory is then released wholesale
 * with glp_free_env, so the models built so far are simply abandoned). */
static jmp_buf glpk_escape;
static void on_glpk_error(void *info)
{
    (void)info;
    longjmp(glpk_escape, 1);
}

/* Runs the solve (and the conflict finder) with GLPK errors trapped. */
static int guarded(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r,
                   cohort_diag *d)
{
    glp_error_hook(on_glpk_error, NULL);
    if (setjmp(glpk_escape)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        diag_error(d, "the solver stopped on an internal error; please report it with the "
                      "scenario");
        return COHORT_ESOLVER;
    }
    int rc = solve_cohort(s, o, r, d);
    if (rc == COHORT_OK && r->status == ST_INFEASIBLE && o->explain_infeasible)
        explain_infeasible(s, o, r);
    r->interrupted = r->status != ST_OPTIMAL && cohort_interrupted();
    glp_error_hook(NULL, NULL);
    glp_free_env(); /* every GLPK object is gone by now: release its memory too */
    return rc;
}

int cohort_solve(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result **out,
                 cohort_diag *d)
{
    cohort_solve_opts dflt;
    if (!o) {
        cohort_solve_opts_init(&dflt);
        o = &dflt;
    }
    *out = NULL;
    cohort_result *r = result_new(s);
    int rc = guarded(s, o, r, d);
    if (rc != COHORT_OK) {
        cohort_result_free(r);
        return rc;
    }
    solution_derive(s, r);
    *out = r;
    return r->status == ST_INFEASIBLE ? COHORT_INFEASIBLE : COHORT_OK;
}
