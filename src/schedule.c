/* schedule.c - `cohort schedule` (CONTRACT.md section 4): the interview
 * MILP, built through GLPK's C API, and its lexicographic solve.
 *
 * Variables (only where they can be 1):
 *   x[k,p]  interview k in slot p, for the slots where both its candidate and
 *           its panel are available (sched_inst's feasible list: column q+1
 *           for the q-th entry);
 *   w[i,d]  candidate i comes on day d, for the days where one of i's
 *           interviews has a slot;
 *   u[k]    (elastic model only) interview k left unplaced;
 *   and, for the second level, per panel h and available slot p of a day
 *   where h may hold two interviews: st (h has finished an interview by
 *   p's start), nf (h still has one starting at or after p's end), both
 *   continuous, and g binary (p is a gap of h).
 * Rows:
 *   S1 every interview in exactly one slot:    sum_p x[k,p] (+ u[k]) = 1
 *   S2 a candidate is never in two overlapping slots (nor two closer than
 *      --buffer): one row per maximal clique of the candidate's slots of a
 *      day (slots are intervals, so the cliques are the sets of slots
 *      holding a common instant), sum <= 1;
 *   S3 a panel never holds two interviews in one slot nor in two overlapping
 *      slots: one row per maximal clique of the panel's slots, sum <= 1;
 *   S4 nobody booked while unavailable: by construction (no column);
 *   S5 --max-per-day: per panel and day, sum <= N;
 *   D  day link, per interview and day: sum_{p of d} x[k,p] <= w[i,d];
 *   G  gaps: st[p] >= st[prev p] and st[p] >= x of the slots ending by p's
 *      start (chained along the day), nf likewise from the end of the day,
 *      g[p] >= st[p] + nf[p] - 1 - (interviews of h overlapping p).
 * Objective, lexicographic: (elastic: fewest unplaced), then fewest
 * candidate-days sum w, then fewest gaps sum g. Each level is solved to a
 * proven optimum (or the time limit) and held as a constraint for the next.
 * A greedy schedule polished by local search (sched_heur.c) is handed to
 * GLPK as its first incumbent through glp_ios_heur_sol, and every GLPK
 * answer is re-checked exactly against the rules (sched_check).
 */
#include "branch.h"
#include "internal.h"
#include "lp.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { LV_UNPLACED, LV_DAYS, LV_GAPS };
static const char *const PHASE[] = {"placing", "candidate-days", "panel gaps"};

typedef struct smodel {
    const sched_inst *in;
    glp_prob *lp;
    int elastic;
    int nx;     /* x columns are 1..nx */
    int *ucol;  /* per interview (elastic) */
    int *wcol;  /* ncands * ndays, 0 = none */
    int *stcol, *nfcol, *gcol; /* nchals * np, 0 = none (second level) */
    int *ind;   /* scratch for rows, 1-based */
    double *val;
    int scratch;
} smodel;

typedef struct sctx {
    const sched_inst *in;
    const cohort_schedule_opts *o;
    smodel *m;
    double t0, last_report;
    double *heur;
    int heur_done;
    int level;
    double bound;
    int has_bound;
    double mip_limit;  /* seconds from t0 GLPK may use (the rest polishes), 0 = none */
    int lb;            /* lower bound of the level being solved */
    int hit_lb;        /* the search stopped on an incumbent meeting lb */
    int *missing_lb;   /* shortfalls of the counting arguments */
    int nproblems_lb;
    brancher *br;      /* the search's branching (branch.c) */
    int in_pump;       /* a search with GLPK's feasibility pump and progress runs */
    glp_iocp *pump_ip; /*   its parameters, which GLPK reads as it goes */
} sctx;

/* ---- model ------------------------------------------------------------------ */

static void scratch(smodel *m, int n)
{
    if (n + 1 > m->scratch) {
        m->scratch = 2 * (n + 1);
        m->ind = xrealloc(m->ind, sizeof *m->ind * (size_t)m->scratch);
        m->val = xrealloc(m->val, sizeof *m->val * (size_t)m->scratch);
    }
}

static int add_row(smodel *m, int n, int type, double lo, double hi)
{
    int r = glp_add_rows(m->lp, 1);
    glp_set_mat_row(m->lp, r, n, m->ind, m->val);
    glp_set_row_bnds(m->lp, r, type, lo, hi);
    return r;
}

static int add_col(smodel *m, int kind, double lo, double hi)
{
    int j = glp_add_cols(m->lp, 1);
    glp_set_col_bnds(m->lp, j, lo == hi ? GLP_FX : GLP_DB, lo, hi);
    if (kind == GLP_BV)
        glp_set_col_kind(m->lp, j, GLP_BV);
    return j;
}

/* Maximal cliques of the positions list[0..n) (sorted by start, one day)
 * when each slot is lengthened by ext minutes: for each start instant t,
 * the slots holding t; maximal when t is the last instant or some slot of
 * it ends by the next one. Calls emit(members) for each. */
typedef void (*clique_fn)(smodel *m, const int *members, int n, void *user);

static void cliques(smodel *m, const int *list, int n, int ext, clique_fn emit, void *user)
{
    const sched_inst *in = m->in;
    int *mem = xmalloc(sizeof *mem * (size_t)(n ? n : 1));
    for (int j = 0; j < n; j++) {
        int t = in->start[list[j]];
        if (j + 1 < n && in->start[list[j + 1]] == t)
            continue; /* same instant as the next slot */
        int next = j + 1 < n ? in->start[list[j + 1]] : -1;
        int nm = 0, maximal = next < 0;
        for (int a = 0; a <= j; a++) {
            int p = list[a];
            if (in->start[p] <= t && t < in->end[p] + ext) {
                mem[nm++] = p;
                if (next >= 0 && in->end[p] + ext <= next)
                    maximal = 1;
            }
        }
        if (maximal && nm)
            emit(m, mem, nm, user);
    }
    free(mem);
}

typedef struct group {
    const int *ivs; /* interviews of the candidate or panel */
    int n;
    unsigned char *mark; /* np */
} group;

/* One row: the x of the group's interviews in the clique, <= 1, unless
 * they all belong to one interview (S1 already says it). */
static void clique_row(smodel *m, const int *members, int n, void *user)
{
    group *g = user;
    const sched_inst *in = m->in;
    for (int a = 0; a < n; a++)
        g->mark[members[a]] = 1;
    int len = 0, first = -1, several = 0;
    for (int a = 0; a < g->n; a++) {
        int k = g->ivs[a];
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
            if (g->mark[in->feas[q]]) {
                scratch(m, len + 1);
                m->ind[++len] = q + 1;
                m->val[len] = 1.0;
                if (first < 0)
                    first = k;
                else if (k != first)
                    several = 1;
            }
    }
    for (int a = 0; a < n; a++)
        g->mark[members[a]] = 0;
    if (several)
        add_row(m, len, GLP_UP, 0, 1);
}

/* Positions of day d used by any of the group's interviews, in order. */
static int group_positions(const sched_inst *in, const group *g, int d, int *out)
{
    int n = 0;
    for (int a = 0; a < g->n; a++) {
        int k = g->ivs[a];
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
            int p = in->feas[q];
            if (in->day[p] == d && !g->mark[p]) {
                g->mark[p] = 1;
                out[n++] = p;
            }
        }
    }
    for (int a = 0; a < n; a++)
        g->mark[out[a]] = 0;
    /* insertion sort by position (= by start within the day) */
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0 && out[b] < out[b - 1]; b--) {
            int t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    return n;
}

static smodel *smodel_new(const sched_inst *in, int elastic)
{
    const cohort_scenario *s = in->s;
    smodel *m = xcalloc(1, sizeof *m);
    m->in = in;
    m->elastic = elastic;
    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MIN);
    m->nx = in->feas_start[in->niv];
    if (m->nx) {
        glp_add_cols(m->lp, m->nx);
        for (int j = 1; j <= m->nx; j++)
            glp_set_col_kind(m->lp, j, GLP_BV);
    }
    m->ucol = xcalloc((size_t)(in->niv ? in->niv : 1), sizeof *m->ucol);
    if (elastic)
        for (int k = 0; k < in->niv; k++)
            m->ucol[k] = add_col(m, GLP_BV, 0, 1);
    size_t ncd = (size_t)(s->ncands ? s->ncands : 1) * (size_t)(in->ndays ? in->ndays : 1);
    m->wcol = xcalloc(ncd, sizeof *m->wcol);
    for (int k = 0; k < in->niv; k++) {
        int i = in->iv_cand[k];
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
            int *w = &m->wcol[(size_t)i * (size_t)in->ndays + (size_t)in->day[in->feas[q]]];
            if (!*w)
                *w = add_col(m, GLP_BV, 0, 1);
        }
    }
    /* S1 */
    for (int k = 0; k < in->niv; k++) {
        int len = 0;
        scratch(m, in->feas_start[k + 1] - in->feas_start[k] + 1);
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
            m->ind[++len] = q + 1;
            m->val[len] = 1.0;
        }
        if (elastic) {
            m->ind[++len] = m->ucol[k];
            m->val[len] = 1.0;
        }
        add_row(m, len, GLP_FX, 1, 1);
    }
    /* D */
    for (int k = 0; k < in->niv; k++) {
        int i = in->iv_cand[k];
        for (int d = 0; d < in->ndays; d++) {
            int len = 0;
            scratch(m, in->feas_start[k + 1] - in->feas_start[k] + 1);
            for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
                if (in->day[in->feas[q]] == d) {
                    m->ind[++len] = q + 1;
                    m->val[len] = 1.0;
                }
            if (!len)
                continue;
            m->ind[++len] = m->wcol[(size_t)i * (size_t)in->ndays + (size_t)d];
            m->val[len] = -1.0;
            add_row(m, len, GLP_UP, 0, 0);
        }
    }
    /* S2, S3, S5 */
    unsigned char *mark = xcalloc((size_t)(in->np ? in->np : 1), 1);
    int *list = xmalloc(sizeof *list * (size_t)(in->np ? in->np : 1));
    for (int i = 0; i < s->ncands; i++) {
        group g = {in->cand_iv + in->cand_iv_start[i],
                   in->cand_iv_start[i + 1] - in->cand_iv_start[i], mark};
        if (g.n < 2)
            continue;
        for (int d = 0; d < in->ndays; d++) {
            int n = group_positions(in, &g, d, list);
            cliques(m, list, n, in->buffer, clique_row, &g);
        }
    }
    for (int h = 0; h < s->nchals; h++) {
        group g = {in->chal_iv + in->chal_iv_start[h],
                   in->chal_iv_start[h + 1] - in->chal_iv_start[h], mark};
        if (g.n < 2)
            continue;
        for (int d = 0; d < in->ndays; d++) {
            int n = group_positions(in, &g, d, list);
            cliques(m, list, n, 0, clique_row, &g);
            if (!in->max_per_day)
                continue;
            int len = 0, nk = 0;
            for (int a = 0; a < g.n; a++) {
                int k = g.ivs[a], any = 0;
                for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
                    if (in->day[in->feas[q]] == d) {
                        scratch(m, len + 1);
                        m->ind[++len] = q + 1;
                        m->val[len] = 1.0;
                        any = 1;
                    }
                nk += any;
            }
            if (nk > in->max_per_day)
                add_row(m, len, GLP_UP, 0, in->max_per_day);
        }
    }
    free(mark);
    free(list);
    return m;
}

/* Adds the second level's columns and rows (G). */
static void smodel_add_gaps(smodel *m)
{
    const sched_inst *in = m->in;
    const cohort_scenario *s = in->s;
    size_t n = (size_t)(s->nchals ? s->nchals : 1) * (size_t)(in->np ? in->np : 1);
    m->stcol = xcalloc(n, sizeof *m->stcol);
    m->nfcol = xcalloc(n, sizeof *m->nfcol);
    m->gcol = xcalloc(n, sizeof *m->gcol);
    int *A = xmalloc(sizeof *A * (size_t)(in->np ? in->np : 1));
    int *B = xmalloc(sizeof *B * (size_t)(in->np ? in->np : 1));
    for (int h = 0; h < s->nchals; h++) {
        const int *ivs = in->chal_iv + in->chal_iv_start[h];
        int niv = in->chal_iv_start[h + 1] - in->chal_iv_start[h];
        const unsigned char *hf = in->chal_free + (size_t)h * (size_t)in->np;
        size_t base = (size_t)h * (size_t)in->np;
        for (int d = 0; d < in->ndays; d++) {
            /* a gap needs two interviews on the day */
            int can = 0;
            for (int a = 0; a < niv; a++) {
                int k = ivs[a], any = 0;
                for (int q = in->feas_start[k]; q < in->feas_start[k + 1] && !any; q++)
                    any = in->day[in->feas[q]] == d;
                can += any;
            }
            if (can < 2)
                continue;
            int na = 0;
            for (int p = in->day_first[d]; p < in->day_first[d + 1]; p++)
                if (hf[p])
                    A[na++] = p;
            for (int a = 0; a < na; a++) {
                m->stcol[base + (size_t)A[a]] = add_col(m, GLP_CV, 0, 1);
                m->nfcol[base + (size_t)A[a]] = add_col(m, GLP_CV, 0, 1);
            }
            /* x of panel h in position p, appended to the current row */
#define ADD_Y(pp, coef)                                                                        \
    for (int a_ = 0; a_ < niv; a_++)                                                           \
        for (int q_ = in->feas_start[ivs[a_]]; q_ < in->feas_start[ivs[a_] + 1]; q_++)         \
            if (in->feas[q_] == (pp)) {                                                        \
                scratch(m, len + 1);                                                           \
                m->ind[++len] = q_ + 1;                                                        \
                m->val[len] = (coef);                                                          \
            }
            /* st along the day in start order (A is) */
            for (int j = 0; j < na; j++) {
                int p = A[j], sc = m->stcol[base + (size_t)p];
                if (j > 0) {
                    int len = 2;
                    scratch(m, 2);
                    m->ind[1] = sc;
                    m->val[1] = 1;
                    m->ind[2] = m->stcol[base + (size_t)A[j - 1]];
                    m->val[2] = -1;
                    add_row(m, len, GLP_LO, 0, 0);
                }
                int prev_start = j > 0 ? in->start[A[j - 1]] : -1;
                for (int b = 0; b < na; b++) {
                    int pp = A[b];
                    if (in->end[pp] > in->start[p] || in->end[pp] <= prev_start)
                        continue;
                    int len = 1;
                    scratch(m, 1);
                    m->ind[1] = sc;
                    m->val[1] = 1;
                    ADD_Y(pp, -1.0)
                    if (len > 1)
                        add_row(m, len, GLP_LO, 0, 0);
                }
            }
            /* nf from the end of the day: B is A by end, latest first */
            memcpy(B, A, sizeof *A * (size_t)na);
            for (int a = 1; a < na; a++)
                for (int b = a; b > 0 && (in->end[B[b]] > in->end[B[b - 1]] ||
                                          (in->end[B[b]] == in->end[B[b - 1]] && B[b] > B[b - 1]));
                     b--) {
                    int t = B[b];
                    B[b] = B[b - 1];
                    B[b - 1] = t;
                }
            for (int j = 0; j < na; j++) {
                int p = B[j], nc = m->nfcol[base + (size_t)p];
                if (j > 0) {
                    scratch(m, 2);
                    m->ind[1] = nc;
                    m->val[1] = 1;
                    m->ind[2] = m->nfcol[base + (size_t)B[j - 1]];
                    m->val[2] = -1;
                    add_row(m, 2, GLP_LO, 0, 0);
                }
                int prev_end = j > 0 ? in->end[B[j - 1]] : 1 << 30;
                for (int b = 0; b < na; b++) {
                    int pp = A[b];
                    if (in->start[pp] < in->end[p] || in->start[pp] >= prev_end)
                        continue;
                    int len = 1;
                    scratch(m, 1);
                    m->ind[1] = nc;
                    m->val[1] = 1;
                    ADD_Y(pp, -1.0)
                    if (len > 1)
                        add_row(m, len, GLP_LO, 0, 0);
                }
            }
            /* g >= st + nf - 1 - occupancy, where a gap is possible at all */
            for (int j = 0; j < na; j++) {
                int p = A[j], before = 0, after = 0;
                for (int b = 0; b < na; b++) {
                    before |= in->end[A[b]] <= in->start[p];
                    after |= in->start[A[b]] >= in->end[p];
                }
                if (!before || !after)
                    continue;
                int gc = add_col(m, GLP_BV, 0, 1);
                m->gcol[base + (size_t)p] = gc;
                int len = 3;
                scratch(m, 3);
                m->ind[1] = gc;
                m->val[1] = 1;
                m->ind[2] = m->stcol[base + (size_t)p];
                m->val[2] = -1;
                m->ind[3] = m->nfcol[base + (size_t)p];
                m->val[3] = -1;
                for (int b = 0; b < na; b++)
                    if (sched_panel_conflict(in, p, A[b])) {
                        ADD_Y(A[b], 1.0)
                    }
                add_row(m, len, GLP_LO, -1, 0);
            }
#undef ADD_Y
        }
    }
    free(A);
    free(B);
}

static void smodel_free(smodel *m)
{
    if (!m)
        return;
    glp_delete_prob(m->lp);
    free(m->ucol);
    free(m->wcol);
    free(m->stcol);
    free(m->nfcol);
    free(m->gcol);
    free(m->ind);
    free(m->val);
    free(m);
}

static void set_objective(smodel *m, int level)
{
    const sched_inst *in = m->in;
    int n = glp_get_num_cols(m->lp);
    for (int j = 1; j <= n; j++)
        glp_set_obj_coef(m->lp, j, 0.0);
    if (level == LV_UNPLACED) {
        for (int k = 0; k < in->niv; k++)
            glp_set_obj_coef(m->lp, m->ucol[k], 1.0);
    } else if (level == LV_DAYS) {
        size_t ncd = (size_t)in->s->ncands * (size_t)in->ndays;
        for (size_t c = 0; c < ncd; c++)
            if (m->wcol[c])
                glp_set_obj_coef(m->lp, m->wcol[c], 1.0);
    } else {
        size_t n2 = (size_t)in->s->nchals * (size_t)in->np;
        for (size_t c = 0; c < n2; c++)
            if (m->gcol[c])
                glp_set_obj_coef(m->lp, m->gcol[c], 1.0);
    }
}

/* Holds a level at its optimum: sum of its objective's columns <= value. */
static void fix_level(smodel *m, int value)
{
    int n = glp_get_num_cols(m->lp), len = 0;
    scratch(m, n);
    for (int j = 1; j <= n; j++)
        if (glp_get_obj_coef(m->lp, j) != 0) {
            m->ind[++len] = j;
            m->val[len] = 1.0;
        }
    if (len)
        add_row(m, len, GLP_UP, 0, value);
}

/* Column values (1-based) of a schedule, for glp_ios_heur_sol. */
static void heur_values(const smodel *m, const int *pos, double *v)
{
    const sched_inst *in = m->in;
    const cohort_scenario *s = in->s;
    int n = glp_get_num_cols(m->lp);
    for (int j = 1; j <= n; j++)
        v[j] = 0;
    for (int k = 0; k < in->niv; k++) {
        if (pos[k] < 0) {
            if (m->elastic)
                v[m->ucol[k]] = 1;
            continue;
        }
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
            if (in->feas[q] == pos[k])
                v[q + 1] = 1;
        v[m->wcol[(size_t)in->iv_cand[k] * (size_t)in->ndays + (size_t)in->day[pos[k]]]] = 1;
    }
    if (!m->gcol)
        return;
    for (int h = 0; h < s->nchals; h++) {
        size_t base = (size_t)h * (size_t)in->np;
        for (int p = 0; p < in->np; p++) {
            if (!m->stcol[base + (size_t)p])
                continue;
            int st = 0, nf = 0, occ = 0;
            for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++) {
                int pp = pos[in->chal_iv[a]];
                if (pp < 0 || in->day[pp] != in->day[p])
                    continue;
                st |= in->end[pp] <= in->start[p];
                nf |= in->start[pp] >= in->end[p];
                occ |= sched_panel_conflict(in, p, pp);
            }
            v[m->stcol[base + (size_t)p]] = st;
            v[m->nfcol[base + (size_t)p]] = nf;
            if (m->gcol[base + (size_t)p])
                v[m->gcol[base + (size_t)p]] = st && nf && !occ;
        }
    }
}

static void read_solution(const smodel *m, int *pos)
{
    const sched_inst *in = m->in;
    for (int k = 0; k < in->niv; k++) {
        pos[k] = -1;
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
            if (glp_mip_col_val(m->lp, q + 1) > 0.5)
                pos[k] = in->feas[q];
    }
}

/* ---- solve ------------------------------------------------------------------- */

/* A tick, at most one a second unless forced; pass: the feasibility
 * pump's pass that starts (term_hook()), else 0. */
static void report_pass(sctx *c, glp_tree *T, int force, long pass)
{
    if (!c->o->progress)
        return;
    double t = now_seconds();
    if (!force && t - c->last_report < 1.0)
        return;
    c->last_report = t;
    cohort_progress p = {0};
    p.elapsed = t - c->t0;
    p.phase = PHASE[c->level];
    p.gap = -1;
    p.iterations = pass;
    if (T)
        lp_tree_progress(T, &p);
    c->o->progress(&p, c->o->progress_user);
}

static void report(sctx *c, glp_tree *T, int force)
{
    report_pass(c, T, force, 0);
}

/* GLPK's feasibility pump calls no callback (seconds with --max-per-day
 * on 300 interviews: docs/schedule.md): each of its passes is a tick, and
 * an interrupt ends it at the next one (lp_pump_pass(),
 * lp_pump_interrupt()). Any other text GLPK sends stops here too. */
static int term_hook(void *info, const char *s)
{
    sctx *c = info;
    long pass = c->in_pump ? lp_pump_pass(s) : 0;
    if (pass) {
        report_pass(c, NULL, 0, pass);
        lp_pump_interrupt(c->pump_ip);
    }
    return 1;
}

/* When the run's time limit ends (0: no limit). */
static double run_deadline(const sctx *c)
{
    return c->o->time_limit > 0 ? c->t0 + c->o->time_limit : 0;
}

/* When GLPK's part of the time limit ends (0: no limit). */
static double mip_deadline(const sctx *c)
{
    return c->mip_limit > 0 ? c->t0 + c->mip_limit : 0;
}

static void callback(glp_tree *T, void *info)
{
    sctx *c = info;
    /* GLPK checks its own time limit between node LPs only; an interrupt
       (cohort_interrupt()) ends the search as the limit would */
    if (past_deadline(mip_deadline(c))) {
        glp_ios_terminate(T);
        return;
    }
    switch (glp_ios_reason(T)) {
    case GLP_IHEUR:
        if (c->heur && !c->heur_done) {
            c->heur_done = 1;
            glp_ios_heur_sol(T, c->heur);
        }
        break;
    case GLP_IBRANCH:
        brancher_choose(c->br, T);
        break;
    case GLP_IBINGO:
        /* an incumbent meeting the level's lower bound is optimal */
        if (glp_mip_obj_val(glp_ios_get_prob(T)) <= c->lb + 1e-6) {
            c->hit_lb = 1;
            glp_ios_terminate(T);
        }
        break;
    case GLP_ISELECT: {
        int best = glp_ios_best_node(T);
        if (best) {
            c->bound = glp_ios_node_bound(T, best);
            c->has_bound = 1;
        }
        report(c, T, 0);
        break;
    }
    default:
        break;
    }
}

/* One MIP solve of the current objective; returns GLPK's MIP status
 * (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF). */
static int run_mip(sctx *c, int *timed_out, int *err)
{
    smodel *m = c->m;
    *timed_out = 0;
    *err = 0;
    double left = c->mip_limit > 0 ? c->mip_limit - (now_seconds() - c->t0) : 0;
    if (past_deadline(mip_deadline(c))) {
        *timed_out = 1;
        return GLP_UNDEF;
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    /* presolve every time: the warm basis of the previous level is far from
     * this level's optimum (measured 3x slower on 300 interviews) */
    sp.presolve = GLP_ON;
    if (c->mip_limit > 0)
        sp.tm_lim = lp_tm_lim(left);
    double lp_start = now_seconds();
    int lprc = lp_relaxation(m->lp, &sp);
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
    c->bound = glp_get_obj_val(m->lp);
    c->has_bound = 1;

    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    /* Driebeck-Tomlin: pseudo-cost branching initialises its costs by
     * solving LPs for every fractional column without a time limit, which
     * took minutes on 800 interviews */
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    ip.mip_gap = 0.0;
    ip.tol_obj = 1e-7;
    /* the feasibility pump finds the bound's schedules where the greedy
     * does not (tight --max-per-day); proximity search overruns the time
     * limit, so it stays off */
    ip.fp_heur = c->level == LV_DAYS ? GLP_ON : GLP_OFF; /* at the gaps level it ran
                                                            past the time limit */
    /* the pump looks at the clock only between its LP solves, each about
     * as long as the relaxation's: under a time limit it runs only when
     * one such solve is under a second and twenty of them fit in the time
     * left (measured: 900 interviews, 3 s LPs, a 20 s limit ended at 29 s
     * with the pump, 19.7 s without; 300 interviews with --max-per-day 5
     * need it to find the optimum) */
    double lp_time = now_seconds() - lp_start;
    if (c->mip_limit > 0 &&
        (lp_time > 1.0 || c->mip_limit - (now_seconds() - c->t0) < 20 * lp_time))
        ip.fp_heur = GLP_OFF;
    ip.cb_func = callback;
    ip.cb_info = c;
    if (c->mip_limit > 0) {
        left = c->mip_limit - (now_seconds() - c->t0);
        ip.tm_lim = lp_tm_lim(left);
    }
    c->heur_done = c->heur ? 0 : 1;
    c->hit_lb = 0;
    c->br = brancher_new(m->lp);
    /* the pump's passes as progress (term_hook()); the display takes no
       part in the search */
    c->in_pump = ip.fp_heur == GLP_ON && c->o->progress != NULL;
    c->pump_ip = &ip;
    if (c->in_pump) {
        ip.msg_lev = GLP_MSG_ALL;
        glp_term_hook(term_hook, c);
        glp_term_out(GLP_ON);
    }
    int mrc = glp_intopt(m->lp, &ip);
    if (c->in_pump) {
        glp_term_out(GLP_OFF);
        glp_term_hook(NULL, NULL);
        c->in_pump = 0;
    }
    c->pump_ip = NULL;
    brancher_free(c->br);
    c->br = NULL;
    int ms = glp_mip_status(m->lp);
    if (c->hit_lb && (ms == GLP_FEAS || ms == GLP_OPT))
        return GLP_OPT;
    if (mrc == GLP_ETMLIM || mrc == GLP_ESTOP)
        *timed_out = 1;
    else if (mrc != 0 && ms != GLP_NOFEAS)
        *err = 1;
    return ms;
}

static int level_value(const sched_inst *in, const int *pos, int level)
{
    int u, d, g;
    sched_eval(in, pos, &u, &d, &g);
    return level == LV_UNPLACED ? u : level == LV_DAYS ? d : g;
}

/* The obvious lower bound of a level: a schedule meeting it is optimal
 * without a search. Candidate-days: each candidate comes on at least as
 * many days as it takes to offer every interview a day with a free slot
 * and to hold them all (at most as many a day as fit without overlapping,
 * with the buffer); one, nearly always. Gaps: none. Unplaced: the largest
 * shortfall found by the counting arguments. */
static int level_lower_bound(const sctx *c, int level)
{
    const sched_inst *in = c->in;
    if (level == LV_UNPLACED) {
        int lb = 0;
        for (int q = 0; q < c->nproblems_lb; q++)
            if (c->missing_lb[q] > lb)
                lb = c->missing_lb[q];
        return lb;
    }
    if (level == LV_GAPS)
        return 0;
    int lb = 0;
    int *cap = xmalloc(sizeof *cap * (size_t)(in->ndays ? in->ndays : 1));
    for (int i = 0; i < in->s->ncands; i++) {
        int n = in->cand_iv_start[i + 1] - in->cand_iv_start[i];
        if (!n)
            continue;
        const unsigned char *cf = in->cand_free + (size_t)i * (size_t)in->np;
        for (int d = 0; d < in->ndays; d++)
            cap[d] = n > 1 ? sched_max_disjoint(in, cf, d, in->buffer) : 1;
        /* by room alone: the fewest days whose room adds up to n */
        int by_room = 0;
        for (int held = 0; held < n && by_room < in->ndays; by_room++) {
            int big = 0;
            for (int d = 1; d < in->ndays; d++)
                if (cap[d] > cap[big])
                    big = d;
            held += cap[big];
            cap[big] = -1;
        }
        for (int d = 0; d < in->ndays; d++)
            cap[d] = n > 1 ? sched_max_disjoint(in, cf, d, in->buffer) : 1;
        int best = by_room > 1 ? by_room : 1;
        if (in->ndays <= 16) {
            /* the smallest set of days meeting every interview's days and
             * holding them all */
            unsigned masks[64];
            int nm = 0;
            for (int a = in->cand_iv_start[i]; a < in->cand_iv_start[i + 1] && nm < 64; a++) {
                int k = in->cand_iv[a];
                unsigned mk = 0;
                for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
                    mk |= 1u << in->day[in->feas[q]];
                masks[nm++] = mk;
            }
            int cover = in->ndays;
            for (unsigned set = 1; set < 1u << in->ndays; set++) {
                int size = __builtin_popcount(set);
                if (size >= cover)
                    continue;
                int ok = 1, room = 0;
                for (int a = 0; a < nm && ok; a++)
                    ok = (masks[a] & set) != 0;
                for (int d = 0; d < in->ndays; d++)
                    room += set >> d & 1 ? cap[d] : 0;
                if (ok && room >= n)
                    cover = size;
            }
            if (cover > best)
                best = cover;
        }
        lb += best;
    }
    free(cap);
    return lb;
}

/* Solves levels first..last, starting from best[] (a complete schedule for
 * the strict model, any for the elastic one; *have_best says whether there
 * is one). A level whose starting schedule meets its lower bound is proven
 * on the spot; otherwise the model is built (once) and GLPK searches, with
 * the earlier levels held at their optimum. Leaves the best schedule in
 * best[] and the outcome in r. */
static int solve_levels(sctx *c, int elastic, int first_level, int last_level, int *best,
                        int *have_best, cohort_schedule_result *r)
{
    const sched_inst *in = c->in;
    int *found = xmalloc(sizeof *found * (size_t)(in->niv ? in->niv : 1));
    int status = ST_OPTIMAL, failed = 0;
    int value[3] = {0, 0, 0};
    double deadline = run_deadline(c);
    r->proven_levels = 0;
    r->gap = 0;
    for (int lv = first_level; lv <= last_level; lv++) {
        c->level = lv;
        c->lb = level_lower_bound(c, lv);
        if (!*have_best || level_value(in, best, lv) > c->lb) {
            if (!c->m) {
                c->m = smodel_new(in, elastic);
                for (int l = first_level; l < lv; l++) {
                    set_objective(c->m, l);
                    fix_level(c->m, value[l]);
                }
            }
            smodel *m = c->m;
            if (lv == LV_GAPS)
                smodel_add_gaps(m);
            set_objective(m, lv);
            int ncols = glp_get_num_cols(m->lp);
            if (*have_best) {
                c->heur = xrealloc(c->heur, sizeof *c->heur * (size_t)(ncols + 1));
                heur_values(m, best, c->heur);
            } else {
                free(c->heur);
                c->heur = NULL;
            }
            int timed_out = 0, err = 0;
            int ms = run_mip(c, &timed_out, &err);
            if (ms == GLP_OPT || ms == GLP_FEAS) {
                read_solution(m, found);
                int un;
                sched_eval(in, found, &un, NULL, NULL);
                if (sched_check(in, found, NULL, 0) != 0 || (!elastic && un)) {
                    err = 1; /* cannot happen with binary columns; keep the heuristic */
                } else if (!*have_best ||
                           level_value(in, found, lv) <= level_value(in, best, lv)) {
                    memcpy(best, found, sizeof *best * (size_t)in->niv);
                    *have_best = 1;
                }
            }
            if (err) {
                failed = 1;
                break;
            }
            if (ms == GLP_NOFEAS && !timed_out) {
                status = ST_INFEASIBLE;
                break;
            }
            if (timed_out || ms != GLP_OPT) {
                status = *have_best ? ST_FEASIBLE : ST_LIMIT;
                if (*have_best) {
                    double inc = level_value(in, best, lv);
                    double lb = c->has_bound ? ceil(c->bound - 1e-6) : 0;
                    if (lb < c->lb)
                        lb = c->lb;
                    if (lb > inc)
                        lb = inc;
                    r->gap = (inc - lb) / (inc > 1 ? inc : 1.0);
                    if (lv == LV_DAYS)
                        r->bound_days = (int)lb;
                    else if (lv == LV_GAPS)
                        r->bound_gaps = (int)lb;
                }
                break;
            }
        }
        value[lv] = level_value(in, best, lv);
        if (lv == LV_DAYS)
            r->bound_days = value[lv];
        else if (lv == LV_GAPS)
            r->bound_gaps = value[lv];
        if (lv >= LV_DAYS)
            r->proven_levels = lv;
        if (lv < last_level) {
            if (c->m) {
                set_objective(c->m, lv);
                fix_level(c->m, value[lv]);
            }
            /* polish for the next level: never worse on this one */
            if (c->o->heuristic)
                sched_improve(in, best, deadline);
        }
    }
    free(found);
    return failed ? -1 : status;
}

/* ---- the result ---------------------------------------------------------------- */

void cohort_schedule_opts_init(cohort_schedule_opts *o)
{
    memset(o, 0, sizeof *o);
    o->heuristic = 1;
}

void cohort_schedule_result_free(cohort_schedule_result *r)
{
    if (!r)
        return;
    for (int k = 0; k < r->nproblems; k++) {
        free(r->problems[k].kind);
        free(r->problems[k].subject);
        free(r->problems[k].text);
        free(r->problems[k].ivs);
    }
    free(r->problems);
    if (r->why)
        for (int k = 0; k < r->niv; k++)
            free(r->why[k]);
    free(r->why);
    free(r->iv_app);
    free(r->slot);
    free(r->message);
    free(r);
}

const char *cohort_schedule_status(const cohort_schedule_result *r)
{
    static const char *const names[] = {"optimal", "feasible", "infeasible", "unknown"};
    return r ? names[r->status] : "none";
}

int cohort_schedule_interrupted(const cohort_schedule_result *r)
{
    return r && r->interrupted;
}

const char *cohort_schedule_problem(const cohort_schedule_result *r, int k)
{
    if (!r || k < 0 || k >= r->nproblems)
        return NULL;
    return r->problems[k].text;
}

static void store(const sched_inst *in, const int *pos, cohort_schedule_result *r)
{
    for (int k = 0; k < in->niv; k++)
        r->slot[k] = pos[k] >= 0 ? in->pos_slot[pos[k]] : -1;
    sched_eval(in, pos, &r->unplaced, &r->candidate_days, &r->panel_gaps);
}

/* Why each unplaced interview is unplaced: the first problem naming it. */
static void explain_unplaced(const sched_inst *in, const int *pos, cohort_schedule_result *r)
{
    const cohort_scenario *s = in->s;
    r->why = xcalloc((size_t)(in->niv ? in->niv : 1), sizeof *r->why);
    for (int k = 0; k < in->niv; k++) {
        if (pos[k] >= 0)
            continue;
        for (int q = 0; q < r->nproblems && !r->why[k]; q++)
            for (int a = 0; a < r->problems[q].nivs; a++)
                if (r->problems[q].ivs[a] == k) {
                    r->why[k] = xstrdup(r->problems[q].text);
                    break;
                }
        if (!r->why[k])
            r->why[k] = xasprintf("once the other interviews are placed, no slot is left where "
                                  "candidate %s and panel %s are both free",
                                  s->cands[in->iv_cand[k]].id, s->chals[in->iv_chal[k]].id);
    }
}

/* The slots cannot hold every interview: find the fewest that must stay
 * out (elastic model), for a partial schedule and for the message when no
 * counting argument explained it. */
static int infeasible(sctx *c, cohort_schedule_result *r)
{
    const sched_inst *in = c->in;
    const cohort_scenario *s = in->s;
    int *pos = xmalloc(sizeof *pos * (size_t)in->niv);
    double deadline = run_deadline(c);
    int have = c->o->heuristic;
    for (int k = 0; k < in->niv; k++)
        pos[k] = -1;
    if (have) {
        sched_greedy(in, pos);
        sched_improve(in, pos, deadline);
    }
    c->nproblems_lb = r->nproblems;
    c->missing_lb = xmalloc(sizeof *c->missing_lb * (size_t)(r->nproblems ? r->nproblems : 1));
    for (int q = 0; q < r->nproblems; q++)
        c->missing_lb[q] = r->problems[q].missing;
    int st = solve_levels(c, 1, LV_UNPLACED, LV_UNPLACED, pos, &have, r);
    smodel_free(c->m);
    c->m = NULL;
    free(c->missing_lb);
    c->missing_lb = NULL;
    if (have)
        sched_improve(in, pos, deadline);
    else
        for (int k = 0; k < in->niv; k++)
            pos[k] = -1; /* nothing found within the time limit */
    store(in, pos, r);
    int proven = st == ST_OPTIMAL;
    if (!r->nproblems) {
        sbuf b;
        sb_init(&b);
        int *ivs = xmalloc(sizeof *ivs * (size_t)in->niv), n = 0;
        for (int k = 0; k < in->niv; k++)
            if (pos[k] < 0)
                ivs[n++] = k;
        sb_printf(&b, "the %d shortlisted interviews cannot all be placed: every candidate and "
                      "every panel has enough free slots on their own, but not together; %s%d "
                      "interview%s must stay unplaced (",
                  in->niv, proven ? "" : "the best schedule found leaves ", n, n > 1 ? "s" : "");
        for (int a = 0; a < n && a < 6; a++)
            sb_printf(&b, "%s%s with %s", a ? ", " : "", s->cands[in->iv_cand[ivs[a]]].id,
                      s->chals[in->iv_chal[ivs[a]]].id);
        if (n > 6)
            sb_printf(&b, " and %d more", n - 6);
        sb_printf(&b, "); %d slot%s missing", n, n > 1 ? "s" : "");
        sched_add_problem(r, "schedule", "", in->niv, in->niv - n, ivs, n, sb_take(&b));
        free(ivs);
    }
    explain_unplaced(in, pos, r);
    r->status = ST_INFEASIBLE;
    r->proven_levels = 0;
    r->gap = 0;
    free(pos);
    return st < 0 ? -1 : 0;
}

static int schedule_run(sctx *c, cohort_schedule_result *r, cohort_diag *d)
{
    const sched_inst *in = c->in;
    if (!in->niv) {
        r->status = ST_OPTIMAL;
        r->proven_levels = 2;
        return COHORT_OK;
    }
    if (sched_precheck(in, r) > 0) {
        if (infeasible(c, r) < 0)
            goto solver_failed;
        return COHORT_INFEASIBLE;
    }
    int *best = xmalloc(sizeof *best * (size_t)in->niv);
    double deadline = run_deadline(c);
    int have = 0;
    if (c->o->heuristic) {
        /* a complete start, or after local search at least a better partial */
        sched_greedy(in, best);
        sched_improve(in, best, deadline);
        int un;
        sched_eval(in, best, &un, NULL, NULL);
        have = un == 0;
    }
    int st = solve_levels(c, 0, LV_DAYS, LV_GAPS, best, &have, r);
    smodel_free(c->m);
    c->m = NULL;
    if (st == ST_INFEASIBLE) {
        free(best);
        if (infeasible(c, r) < 0)
            goto solver_failed;
        return COHORT_INFEASIBLE;
    }
    if (st < 0 && !have) {
        free(best);
        goto solver_failed;
    }
    if (st < 0) {
        st = ST_FEASIBLE; /* keep the last checked schedule */
        r->gap = 1.0;
    }
    r->status = st;
    if (have) {
        if (st != ST_OPTIMAL && c->o->heuristic)
            sched_improve(in, best, deadline); /* whatever time is left */
        store(in, best, r);
        if (st == ST_FEASIBLE && !r->unplaced) {
            /* the local search may have reached a proven bound: then that
               level is proven, and 0 gaps always are; the gap is the final
               schedule's (an audit found "feasible", proven_levels 0, with a
               bound equal to the schedule on both levels, and a gap from the
               schedule before the local search) */
            if (r->proven_levels < 1 && r->candidate_days <= r->bound_days) {
                r->bound_days = r->candidate_days;
                r->proven_levels = 1;
            }
            if (r->proven_levels == 1 && r->panel_gaps <= r->bound_gaps) {
                r->bound_gaps = r->panel_gaps;
                r->proven_levels = 2;
                r->status = st = ST_OPTIMAL;
            }
            double inc = r->proven_levels < 1 ? r->candidate_days : r->panel_gaps;
            double lb = r->proven_levels < 1 ? r->bound_days : r->bound_gaps;
            r->gap = st == ST_OPTIMAL ? 0 : (inc - (lb < inc ? lb : inc)) / (inc > 1 ? inc : 1.0);
        }
    } else {
        r->message = xstrdup(cohort_interrupted()
                                 ? "the run was interrupted before a schedule placing every "
                                   "interview was found"
                                 : "the time limit was reached before a schedule placing every "
                                   "interview was found");
    }
    free(best);
    return COHORT_OK;
solver_failed:
    diag_error(d, "the solver failed on this schedule (numerical trouble); please report it "
                  "with the scenario");
    return COHORT_ESOLVER;
}

/* GLPK aborts the process on internal errors; the hook turns such an error
 * into a solver failure (GLPK's memory is then released wholesale). */
static jmp_buf glpk_escape;
static void on_glpk_error(void *info)
{
    (void)info;
    longjmp(glpk_escape, 1);
}

static int guarded(sctx *c, cohort_schedule_result *r, cohort_diag *d)
{
    glp_error_hook(on_glpk_error, NULL);
    if (setjmp(glpk_escape)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        diag_error(d, "the solver stopped on an internal error; please report it with the "
                      "scenario");
        return COHORT_ESOLVER;
    }
    glp_term_out(GLP_OFF);
    int rc = schedule_run(c, r, d);
    glp_error_hook(NULL, NULL);
    glp_free_env(); /* no GLPK object outlives the run: release its memory */
    return rc;
}

/* Display name of a table of the scenario, as the loader names it: FILE.csv
 * in a folder, or the JSON file itself. Caller frees. */
static char *table_file(const cohort_scenario *s, const char *tname, int *folder)
{
    struct stat st;
    *folder = stat(s->source, &st) == 0 && S_ISDIR(st.st_mode);
    if (!*folder)
        return xstrdup(s->source);
    size_t n = strlen(s->source);
    return xasprintf("%s%s%s.csv", s->source, n && s->source[n - 1] == '/' ? "" : "/", tname);
}

/* 0 (Sunday) to 6: Sakamoto's method. */
static int weekday(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* The calendar (schedule.ics) is in Europe/Paris time, whose clocks go
 * forward from 02:00 to 03:00 on the last Sunday of March and back from
 * 03:00 to 02:00 on the last Sunday of October: a slot touching that hour
 * does not exist (a calendar program shows it an hour later, at the same
 * instant as a 03:00 slot) or happens twice. Said, not refused: the times
 * are the coordinator's. */
static void warn_clock_change(const cohort_scenario *s, const char *sf, cohort_diag *d)
{
    for (int k = 0; k < s->nslots; k++) {
        const slot *sl = &s->slots[k];
        int y, m, dd;
        if (parse_date(sl->day, &y, &m, &dd) < 0 || (m != 3 && m != 10) || dd + 7 <= 31 ||
            weekday(y, m, dd) != 0 || sl->end <= 120 || sl->start >= 180)
            continue;
        if (m == 3)
            diag_warn(d, "%s:%ld: field 'start': %s is the night the clocks go forward in "
                         "Paris time: 02:00-03:00 does not exist, and calendar programs show "
                         "this slot an hour later", sf, sl->line, sl->day);
        else
            diag_warn(d, "%s:%ld: field 'start': %s is the night the clocks go back in Paris "
                         "time: 02:00-03:00 happens twice, and calendar programs take the "
                         "first", sf, sl->line, sl->day);
    }
}

/* Rows that change nothing and are most likely typing mistakes. */
static void warn_useless_rows(const sched_inst *in, cohort_diag *d)
{
    const cohort_scenario *s = in->s;
    int folder;
    char *sf = table_file(s, "slots", &folder);
    for (int p = 1; p < in->np; p++)
        if (in->day[p] == in->day[p - 1] && in->start[p] == in->start[p - 1] &&
            in->end[p] == in->end[p - 1])
            diag_warn(d, "%s:%ld: field 'start': the same slot as line %ld (a candidate or a "
                         "panel can take only one of the two)", sf,
                      s->slots[in->pos_slot[p]].line, s->slots[in->pos_slot[p - 1]].line);
    warn_clock_change(s, sf, d);
    free(sf);
    char *uf = table_file(s, "unavailable", &folder);
    for (int u = 0; u < s->nunav; u++) {
        int any = 0;
        for (int k = 0; k < s->ndays && !any; k++)
            any = !strcmp(s->days[k], s->unav[u].day);
        if (!any && s->nslots)
            diag_warn(d, "%s:%ld: field 'day': no interview slot on %s (the row changes "
                         "nothing)", uf, s->unav[u].line, s->unav[u].day);
    }
    free(uf);
}

/* What a schedule needs beyond what the loader validated. */
static int validate(const cohort_scenario *s, const cohort_schedule_opts *o, int niv,
                    cohort_diag *d)
{
    int bad = 0;
    if (o->buffer < 0 || o->buffer > 24 * 60) {
        diag_error(d, "--buffer %d: expected minutes between 0 and 1440", o->buffer);
        bad = 1;
    }
    if (o->max_per_day < 0) {
        diag_error(d, "--max-per-day %d: expected a number of interviews, 1 or more",
                   o->max_per_day);
        bad = 1;
    }
    if (niv && !s->nslots) {
        int folder;
        char *f = table_file(s, "slots", &folder);
        if (folder)
            diag_error(d, "%s:1: field 'day': no interview slot (expected a slots.csv with "
                          "columns day,start,end and at least one row, for the %d shortlisted "
                          "interviews)", f, niv);
        else
            diag_error(d, "%s:1: field 'slots': no interview slot (expected a \"slots\" array "
                          "of {\"day\", \"start\", \"end\"} objects, for the %d shortlisted "
                          "interviews)", f, niv);
        free(f);
        bad = 1;
    }
    return bad ? COHORT_EINPUT : COHORT_OK;
}

int cohort_schedule(const cohort_scenario *s, const cohort_schedule_opts *o,
                    cohort_schedule_result **out, cohort_diag *d)
{
    cohort_schedule_opts dflt;
    if (!o) {
        cohort_schedule_opts_init(&dflt);
        o = &dflt;
    }
    *out = NULL;
    sctx c = {0};
    c.o = o;
    c.t0 = now_seconds();
    /* GLPK stops at 90% of the time limit: the local search then polishes
     * the schedule it found in what is left */
    c.mip_limit = o->time_limit > 0 ? 0.9 * o->time_limit : 0;
    sched_inst in;
    sched_inst_build(s, o->buffer, o->max_per_day, &in);
    c.in = &in;
    warn_useless_rows(&in, d);
    int rc = validate(s, o, in.niv, d);
    if (rc != COHORT_OK) {
        sched_inst_free(&in);
        return rc;
    }
    cohort_schedule_result *r = xcalloc(1, sizeof *r);
    r->buffer = in.buffer;
    r->max_per_day = in.max_per_day;
    r->niv = in.niv;
    r->iv_app = xmalloc(sizeof *r->iv_app * (size_t)(in.niv ? in.niv : 1));
    r->slot = xmalloc(sizeof *r->slot * (size_t)(in.niv ? in.niv : 1));
    for (int k = 0; k < in.niv; k++) {
        r->iv_app[k] = in.iv_app[k];
        r->slot[k] = -1;
    }
    r->status = ST_LIMIT;
    rc = guarded(&c, r, d);
    r->interrupted = r->status != ST_OPTIMAL && cohort_interrupted();
    if (r->interrupted && r->status == ST_FEASIBLE && !r->message)
        /* as cohort.json: schedule.json and the timetable say it too */
        r->message = xstrdup("the run was interrupted before the search ended: the best "
                             "schedule found by then");
    free(c.heur);
    r->seconds = now_seconds() - c.t0;
    if (c.o->progress) {
        cohort_progress p = {0};
        p.elapsed = r->seconds;
        p.phase = "done";
        p.gap = r->gap;
        c.o->progress(&p, c.o->progress_user);
    }
    sched_inst_free(&in);
    if (rc != COHORT_OK && rc != COHORT_INFEASIBLE) {
        cohort_schedule_result_free(r);
        return rc;
    }
    *out = r;
    return rc;
}
