/* model.c - the cohort MILP of CONTRACT.md section 2, built sparsely through
 * GLPK's C API: one binary x per eligible pair, one binary y per challenge.
 *
 * Formulation choices (see docs/model.md):
 *  - C5 without auxiliary binaries: a team has at least D distinct profiles
 *    iff, for every set S of D-1 profiles, some member is outside S. One row
 *    per such S among the profiles present in the challenge's pool.
 *  - share rows (C8, C9) in integer form: count/N >= p/q  <=>  q*count - p*N >= 0.
 *  - money rows (C10, C11) in cents; the solution is re-checked exactly and
 *    any tolerance-induced violation is cut off (solve.c).
 *  - one weighted objective that is exactly lexicographic (weights from the
 *    ranges of the later levels), see model_weights().
 */
#include "internal.h"
#include "model.h"
#include "lp.h"

#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- triplet builder ---- */

typedef struct trip {
    int *ia, *ja;
    double *ar;
    int ne, cap;
} trip;

static void trip_add(trip *t, int i, int j, double v)
{
    if (t->ne + 1 >= t->cap) {
        int c = t->cap ? t->cap * 2 : 1024;
        t->ia = xrealloc(t->ia, sizeof *t->ia * (size_t)c);
        t->ja = xrealloc(t->ja, sizeof *t->ja * (size_t)c);
        t->ar = xrealloc(t->ar, sizeof *t->ar * (size_t)c);
        t->cap = c;
    }
    t->ne++;
    t->ia[t->ne] = i;
    t->ja[t->ne] = j;
    t->ar[t->ne] = v;
}

static void sanitize(char *dst, size_t n, const char *src)
{
    size_t k = 0;
    for (; *src && k + 1 < n; src++) {
        unsigned char c = (unsigned char)*src;
        dst[k++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_')
                       ? (char)c
                       : '_';
    }
    dst[k] = '\0';
}

static int new_row(model *m, int kind, int subject, const char *tag, const char *id)
{
    int r = glp_add_rows(m->lp, 1);
    char name[128], clean[80];
    sanitize(clean, sizeof clean, id ? id : "");
    snprintf(name, sizeof name, "r%d_%s_%s", r, tag, clean);
    glp_set_row_name(m->lp, r, name);
    if (r >= m->rows_cap) {
        int c = m->rows_cap ? m->rows_cap * 2 : 256;
        while (c <= r)
            c *= 2;
        m->row_kind = xrealloc(m->row_kind, sizeof *m->row_kind * (size_t)c);
        m->row_subject = xrealloc(m->row_subject, sizeof *m->row_subject * (size_t)c);
        m->rows_cap = c;
    }
    m->row_kind[r] = kind;
    m->row_subject[r] = subject;
    return r;
}

int model_xcol(const model *m, int k)
{
    (void)m;
    return 1 + k;
}

int model_ycol(const model *m, int h)
{
    return 1 + m->nx + h;
}

/* ---- lexicographic weights ---- */

static int cmp_desc64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

int model_weights(const cohort_scenario *s, int64_t weight[NLEVELS], int64_t range[NLEVELS])
{
    /* ranges of each level over all cohorts, as tight as cheaply known */
    int64_t staffable = 0, seats = 0;
    for (int h = 0; h < s->nchals; h++)
        if (s->by_chal_start[h + 1] > s->by_chal_start[h]) {
            staffable++;
            int n = s->by_chal_start[h + 1] - s->by_chal_start[h];
            seats += n < s->chals[h].max_team ? n : s->chals[h].max_team;
        }
    int64_t people = 0;
    int64_t *best = xmalloc(sizeof *best * (size_t)(s->ncands ? s->ncands : 1));
    for (int i = 0; i < s->ncands; i++) {
        int64_t b = -1;
        for (int k = s->by_cand_start[i]; k < s->by_cand_start[i + 1]; k++)
            if (s->apps[s->by_cand[k]].rcost > b)
                b = s->apps[s->by_cand[k]].rcost;
        if (b >= 0)
            best[people++] = b;
    }
    int64_t F = people < seats ? people : seats;
    if (s->cs_max >= 0 && s->cs_max < F)
        F = s->cs_max;
    qsort(best, (size_t)people, sizeof *best, cmp_desc64);
    int64_t R = 0;
    for (int64_t k = 0; k < F; k++)
        R += best[k];
    free(best);
    range[LV_STAFFED] = staffable;
    range[LV_FILLED] = F;
    range[LV_RANK] = R;
    for (int l = 0; l < NLEVELS; l++)
        weight[l] = 0;
    /* W_k = 1 + sum over later levels j of W_j * range_j: one unit of level k
       outweighs every possible change of all later levels together */
    __int128 acc = 0;
    const __int128 cap = (__int128)1 << 62;
    for (int k = s->norder - 1; k >= 0; k--) {
        int lv = s->order[k];
        weight[lv] = (int64_t)(1 + (acc < cap ? acc : cap));
        acc += (__int128)weight[lv] * (range[lv] > 0 ? range[lv] : 0);
    }
    /* exact while the whole objective stays within a double's integers */
    return acc <= ((__int128)1 << 53);
}


/* ---- implied rows that tighten the relaxation ----
 *
 * A staffed challenge costs at least its cheapest possible team. With these
 * rows the LP can no longer staff a fraction of a challenge that a budget
 * cannot pay for, and cardinality rows (how many challenges, how many
 * people a budget can pay at best) close most of the gap at the root. All
 * are implied by C3/C4/C10/C11 for integer cohorts, so the optimum is
 * unchanged. */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The fewest members a staffed team of challenge c can have: min_team, the
 * sum of its needs' minimums, and (distinct != 0) one member of each of
 * min_distinct profiles (C3, C4, C5 together). */
static int team_floor(const cohort_scenario *s, const challenge *c, int distinct)
{
    int need_sum = 0;
    for (int p = 0; p < NPROF; p++)
        need_sum += c->need_min[p];
    int f = c->min_team > 1 ? c->min_team : 1;
    if (need_sum > f)
        f = need_sum;
    if (distinct && s->min_distinct > f)
        f = s->min_distinct;
    return f;
}

/* Lower bound of what a team of challenge h costs in the amount `which`
 * (0 programme share, 1 host share): the need minimums from the cheapest of
 * each profile, then the cheapest others up to team_floor() members. */
static int64_t min_team_cost(const cohort_scenario *s, int h, int which, int distinct,
                             int64_t *buf, unsigned char *used)
{
    const challenge *c = &s->chals[h];
    int lo = s->by_chal_start[h], hi = s->by_chal_start[h + 1], n = hi - lo;
    int64_t total = 0;
    int taken = 0;
    for (int k = 0; k < n; k++)
        used[k] = 0;
    for (int p = 0; p < NPROF; p++) {
        for (int need = 0; need < c->need_min[p]; need++) {
            int best = -1;
            int64_t bv = 0;
            for (int k = 0; k < n; k++) {
                const app *a = &s->apps[s->by_chal[lo + k]];
                int64_t v = which ? a->hshare : a->prog;
                if (!used[k] && s->cands[a->cand].profile == p && (best < 0 || v < bv)) {
                    best = k;
                    bv = v;
                }
            }
            if (best < 0)
                return -1;
            used[best] = 1;
            total += bv;
            taken++;
        }
    }
    int m = 0;
    for (int k = 0; k < n; k++)
        if (!used[k]) {
            const app *a = &s->apps[s->by_chal[lo + k]];
            buf[m++] = which ? a->hshare : a->prog;
        }
    qsort(buf, (size_t)m, sizeof *buf, cmp_i64);
    int min_team = team_floor(s, c, distinct);
    for (int k = 0; taken < min_team && k < m; k++, taken++)
        total += buf[k];
    return taken < min_team ? -1 : total;
}

/* Whether challenge h may be staffed: model_build() fixes y at 0 for the
 * ones that never can (C3/C4/C5 by counting). */
static int can_staff(const model *m, int h)
{
    int yc = model_ycol(m, h);
    return glp_get_col_type(m->lp, yc) != GLP_FX || glp_get_col_ub(m->lp, yc) > 0.5;
}

/* team_floor() of every challenge that can be staffed, smallest first;
 * *n of them. */
static int *sorted_floors(const model *m, const cohort_scenario *s, int *n)
{
    int *fl = xmalloc(sizeof *fl * (size_t)(s->nchals ? s->nchals : 1));
    *n = 0;
    for (int h = 0; h < s->nchals; h++)
        if (can_staff(m, h))
            fl[(*n)++] = team_floor(s, &s->chals[h], 1);
    qsort(fl, (size_t)*n, sizeof *fl, cmp_int);
    return fl;
}

/* Scratch shared by the budget rows of one model: the challenges of each
 * host (CSR) and per-candidate work space, so that each budget's rows cost
 * the size of its own challenges, never hosts x candidates. */
typedef struct budget_scratch {
    int *host_start, *host_chals; /* challenges of host g: host_chals[host_start[g]..] */
    int *all_chals;               /* 0..nchals-1, for the envelope */
    int64_t *mc, *sorted, *buf, *cheapest, *cand_best;
    unsigned char *used;
    int distinct; /* team_floor() counts min_distinct_profiles (not in the
                     conflict finder's model: its amounts were measured
                     without, and change with it, not always for the better) */
} budget_scratch;

static void scratch_init(budget_scratch *b, const cohort_scenario *s)
{
    size_t H = (size_t)(s->nchals ? s->nchals : 1), P = (size_t)(s->npairs ? s->npairs : 1);
    size_t C = (size_t)(s->ncands ? s->ncands : 1);
    int *host_of = xmalloc(sizeof *host_of * H);
    b->all_chals = xmalloc(sizeof *b->all_chals * H);
    for (int h = 0; h < s->nchals; h++) {
        host_of[h] = s->chals[h].host;
        b->all_chals[h] = h;
    }
    csr_build(s->nhosts, s->nchals, NULL, host_of, &b->host_start, &b->host_chals);
    free(host_of);
    b->mc = xmalloc(sizeof *b->mc * H);
    b->sorted = xmalloc(sizeof *b->sorted * H);
    b->buf = xmalloc(sizeof *b->buf * P);
    b->used = xmalloc(P);
    b->cheapest = xmalloc(sizeof *b->cheapest * C);
    b->cand_best = xmalloc(sizeof *b->cand_best * C);
    for (size_t i = 0; i < C; i++)
        b->cand_best[i] = -1;
}

static void scratch_free(budget_scratch *b)
{
    free(b->host_start);
    free(b->host_chals);
    free(b->all_chals);
    free(b->mc);
    free(b->sorted);
    free(b->buf);
    free(b->used);
    free(b->cheapest);
    free(b->cand_best);
}

/* Rows for one budget: which = 0 envelope (all challenges), 1 host g. */
static void budget_rows(model *m, trip *t, const cohort_scenario *s, budget_scratch *b,
                        int which, int g, int64_t budget, int kind, const char *id)
{
    const int *hs = which ? b->host_chals + b->host_start[g] : b->all_chals;
    int nh = which ? b->host_start[g + 1] - b->host_start[g] : s->nchals;
    int64_t *mc = b->mc, *sorted = b->sorted;
    int ns = 0;
    for (int q = 0; q < nh; q++) {
        int h = hs[q];
        mc[q] = -1;
        if (!can_staff(m, h))
            continue;
        mc[q] = min_team_cost(s, h, which, b->distinct, b->buf, b->used);
        if (mc[q] > 0)
            sorted[ns++] = mc[q];
    }
#define AMOUNT(a) ((which) ? (a)->hshare : (a)->prog)
#define FOR_PAIRS(k)                                                                      \
    for (int q_ = 0; q_ < nh; q_++)                                                       \
        for (int k = s->by_chal_start[hs[q_]]; k < s->by_chal_start[hs[q_] + 1]; k++)
    if (ns) {
        /* knapsack on y: sum of cheapest-team costs of staffed challenges,
           in whole units (rounded down on the left, up on the right: still
           implied); the unit is the gcd of the amounts when it is large
           (exact), else 100 EUR, far better conditioned than cents */
        int64_t U = 0;
        FOR_PAIRS(k) U = gcd64(U, AMOUNT(&s->apps[s->by_chal[k]]));
        if (U < 10000)
            U = 10000;
        int r = new_row(m, kind, g, "teamcost", id);
        for (int q = 0; q < nh; q++)
            if (mc[q] >= U)
                trip_add(t, r, model_ycol(m, hs[q]), (double)(mc[q] / U));
        glp_set_row_bnds(m->lp, r, GLP_UP, 0, (double)((budget + U - 1) / U));
        /* cardinality: at most k paying challenges fit */
        qsort(sorted, (size_t)ns, sizeof *sorted, cmp_i64);
        int64_t acc = 0;
        int k = 0;
        while (k < ns && acc + sorted[k] <= budget)
            acc += sorted[k++];
        if (k < ns) {
            r = new_row(m, kind, g, "teamcount", id);
            for (int q = 0; q < nh; q++)
                if (mc[q] > 0)
                    trip_add(t, r, model_ycol(m, hs[q]), 1.0);
            glp_set_row_bnds(m->lp, r, GLP_UP, 0, (double)k);
        }
    }
    /* cardinality on people: the cheapest distinct candidates that fit */
    int nc = 0, npaying = 0;
    FOR_PAIRS(k) {
        const app *a = &s->apps[s->by_chal[k]];
        int64_t v = AMOUNT(a);
        if (v <= 0)
            continue;
        npaying++;
        if (b->cand_best[a->cand] < 0 || v < b->cand_best[a->cand])
            b->cand_best[a->cand] = v;
    }
    FOR_PAIRS(k) {
        int i = s->apps[s->by_chal[k]].cand;
        if (b->cand_best[i] > 0) {
            b->cheapest[nc++] = b->cand_best[i];
            b->cand_best[i] = -1; /* counted once, and the scratch is clean again */
        }
    }
    qsort(b->cheapest, (size_t)nc, sizeof *b->cheapest, cmp_i64);
    int64_t acc = 0;
    int k = 0;
    while (k < nc && acc + b->cheapest[k] <= budget)
        acc += b->cheapest[k++];
    if (k < nc && k < npaying) {
        int r = new_row(m, kind, g, "peoplecount", id);
        FOR_PAIRS(q) {
            if (AMOUNT(&s->apps[s->by_chal[q]]) > 0)
                trip_add(t, r, model_xcol(m, m->pair_of_app[s->by_chal[q]]), 1.0);
        }
        glp_set_row_bnds(m->lp, r, GLP_UP, 0, (double)k);
    }
#undef FOR_PAIRS
#undef AMOUNT
}

/* ---- building ---- */

static void add_share_rows(model *m, trip *t, const cohort_scenario *s, int kind, int subject,
                           int has_min, ratio mn, int has_max, ratio mx, const char *id,
                           const unsigned char *member)
{
    for (int side = 0; side < 2; side++) {
        if (side == 0 && !has_min)
            continue;
        if (side == 1 && !has_max)
            continue;
        ratio r = side == 0 ? mn : mx;
        if (side == 0 && r.num == 0)
            continue; /* share >= 0 always holds */
        if (side == 1 && r.num >= r.den)
            continue; /* share <= 1 always holds */
        int row = new_row(m, kind, subject, side == 0 ? "minshare" : "maxshare", id);
        for (int k = 0; k < s->npairs; k++) {
            int i = s->apps[s->pairs[k]].cand;
            double coef = (double)((member[i] ? r.den : 0) - r.num);
            if (coef != 0)
                trip_add(t, row, model_xcol(m, k), coef);
        }
        if (side == 0)
            glp_set_row_bnds(m->lp, row, GLP_LO, 0, 0);
        else
            glp_set_row_bnds(m->lp, row, GLP_UP, 0, 0);
    }
}

model *model_build(const cohort_scenario *s, const model_opts *o)
{
    model *m = xcalloc(1, sizeof *m);
    int plain = o && o->plain;
    m->s = s;
    m->pair_of_app = xmalloc(sizeof *m->pair_of_app * (size_t)(s->napps ? s->napps : 1));
    for (int a = 0; a < s->napps; a++)
        m->pair_of_app[a] = -1;
    for (int k = 0; k < s->npairs; k++)
        m->pair_of_app[s->pairs[k]] = k;
    m->lp = glp_create_prob();
    glp_prob *lp = m->lp;
    glp_set_prob_name(lp, "cohort");
    glp_set_obj_name(lp, "lexicographic");
    m->nx = s->npairs;
    m->ny = s->nchals;
    m->env_row = 0;
    m->host_row = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *m->host_row);
    if (m->nx + m->ny > 0)
        glp_add_cols(lp, m->nx + m->ny);
    char name[160], a[64], b[64];
    for (int k = 0; k < s->npairs; k++) {
        const app *p = &s->apps[s->pairs[k]];
        sanitize(a, sizeof a, s->cands[p->cand].id);
        sanitize(b, sizeof b, s->chals[p->chal].id);
        snprintf(name, sizeof name, "x%d_%s_%s", k, a, b);
        glp_set_col_name(lp, model_xcol(m, k), name);
        glp_set_col_kind(lp, model_xcol(m, k), GLP_BV);
    }
    for (int h = 0; h < s->nchals; h++) {
        sanitize(b, sizeof b, s->chals[h].id);
        snprintf(name, sizeof name, "y%d_%s", h, b);
        glp_set_col_name(lp, model_ycol(m, h), name);
        glp_set_col_kind(lp, model_ycol(m, h), GLP_BV);
    }
    trip t = {0};
    /* C1: each candidate joins at most one challenge */
    for (int i = 0; i < s->ncands; i++) {
        int n = s->by_cand_start[i + 1] - s->by_cand_start[i];
        if (n < 2)
            continue;
        int r = new_row(m, ROW_C1, i, "C1", s->cands[i].id);
        for (int k = s->by_cand_start[i]; k < s->by_cand_start[i + 1]; k++)
            trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_cand[k]]), 1.0);
        glp_set_row_bnds(lp, r, GLP_UP, 0, 1);
    }
    for (int h = 0; h < s->nchals; h++) {
        const challenge *c = &s->chals[h];
        int lo = s->by_chal_start[h], hi = s->by_chal_start[h + 1], n = hi - lo;
        int yc = model_ycol(m, h);
        int cnt[NPROF] = {0};
        for (int k = lo; k < hi; k++)
            cnt[s->cands[s->apps[s->by_chal[k]].cand].profile]++;
        int pool = 0, need_sum = 0;
        for (int p = 0; p < NPROF; p++) {
            if (cnt[p])
                pool++;
            need_sum += c->need_min[p];
        }
        /* a challenge that can never be staffed: y = 0 (C3/C4/C5 by counting;
           the same conditions as structural() in conflicts.c) */
        int impossible = n < c->min_team || need_sum > c->max_team || pool < s->min_distinct ||
                         c->max_team < s->min_distinct;
        for (int p = 0; p < NPROF && !impossible; p++)
            if (cnt[p] < c->need_min[p])
                impossible = 1;
        if (impossible || n == 0) {
            glp_set_col_bnds(lp, yc, GLP_FX, 0, 0);
            /* nobody can join a team that cannot exist (no C3 row ties them) */
            for (int k = lo; k < hi; k++)
                glp_set_col_bnds(lp, model_xcol(m, m->pair_of_app[s->by_chal[k]]), GLP_FX, 0, 0);
            if (c->must_staff) {
                /* C6 then cannot hold; keep the row so the solver says infeasible */
                int r = new_row(m, ROW_C6, h, "C6", c->id);
                trip_add(&t, r, yc, 1.0);
                glp_set_row_bnds(lp, r, GLP_LO, 1, 0);
            }
            continue;
        }
        /* C3: min_team*y <= sum x <= max_team*y; except in the plain
           model, at least min_distinct_profiles members when that is more
           (one of each profile C5 asks for: with 3, a team of 2 cannot
           exist). Implied, and not implied by the LP's C5 rows; with the
           budget rows' cheapest teams counted from as many members
           (team_floor()), it took scenarios with min_distinct_profiles 3
           that the search had not proven in 100 s to a proof at the root
           (docs/model.md). The needs' minimums need no such row: the LP's
           C4 rows add up to it. */
        int floor3 = c->min_team > 1 ? c->min_team : 1;
        if (!plain && s->min_distinct > floor3)
            floor3 = s->min_distinct;
        int r = new_row(m, ROW_C3, h, "C3min", c->id);
        for (int k = lo; k < hi; k++)
            trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_chal[k]]), 1.0);
        trip_add(&t, r, yc, -(double)floor3);
        glp_set_row_bnds(lp, r, GLP_LO, 0, 0);
        r = new_row(m, ROW_C3, h, "C3max", c->id);
        for (int k = lo; k < hi; k++)
            trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_chal[k]]), 1.0);
        trip_add(&t, r, yc, -(double)c->max_team);
        glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
        /* C4: need_min*y <= sum over profile <= need_max*y; except in the
           plain model, a profile takes at most max_team - (min_distinct - 1)
           places (the other profiles of C5 need one each): implied, and
           from 3 distinct profiles on not implied by the LP's C3max and C5
           rows (with 2 it is their sum) */
        for (int p = 0; p < NPROF; p++) {
            int cap = c->need_max[p];
            if (!plain && s->min_distinct >= 3 && c->max_team - (s->min_distinct - 1) < cap)
                cap = c->max_team - (s->min_distinct - 1);
            int want_lo = c->need_min[p] > 0;
            int want_hi = cap < c->max_team && cnt[p] > cap;
            for (int side = 0; side < 2; side++) {
                if ((side == 0 && !want_lo) || (side == 1 && !want_hi))
                    continue;
                char id[200];
                snprintf(id, sizeof id, "%s_%s", c->id, PROFILE_NAMES[p]);
                r = new_row(m, ROW_C4, h, side ? "C4max" : "C4min", id);
                for (int k = lo; k < hi; k++) {
                    const app *ap = &s->apps[s->by_chal[k]];
                    if (s->cands[ap->cand].profile == p)
                        trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_chal[k]]), 1.0);
                }
                trip_add(&t, r, yc, side ? -(double)cap : -(double)c->need_min[p]);
                glp_set_row_bnds(lp, r, side ? GLP_UP : GLP_LO, 0, 0);
            }
        }
        /* C5: for every set S of D-1 pool profiles, sum of x outside S >= y */
        if (s->min_distinct >= 2) {
            int prof[NPROF], np = 0;
            for (int p = 0; p < NPROF; p++)
                if (cnt[p])
                    prof[np++] = p;
            int want = s->min_distinct - 1;
            for (unsigned mask = 0; mask < (1u << np); mask++) {
                if (__builtin_popcount(mask) != want)
                    continue;
                unsigned inS = 0;
                for (int q = 0; q < np; q++)
                    if (mask & (1u << q))
                        inS |= 1u << prof[q];
                r = new_row(m, ROW_C5, h, "C5", c->id);
                for (int k = lo; k < hi; k++) {
                    const app *ap = &s->apps[s->by_chal[k]];
                    if (!(inS & (1u << s->cands[ap->cand].profile)))
                        trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_chal[k]]), 1.0);
                }
                trip_add(&t, r, yc, -1.0);
                glp_set_row_bnds(lp, r, GLP_LO, 0, 0);
            }
        }
        /* C6 */
        if (c->must_staff)
            glp_set_col_bnds(lp, yc, GLP_FX, 1, 1);
        /* (x <= y per pair would be implied by C3max; measured: it does not
           tighten the relaxation here and slows every LP, so it is left out) */
    }
    /* C7 cohort size */
    if (((s->cs_min > 0) || (s->cs_max >= 0 && s->cs_max < s->npairs))) {
        int r = new_row(m, ROW_C7, 0, "C7", "cohort");
        for (int k = 0; k < s->npairs; k++)
            trip_add(&t, r, model_xcol(m, k), 1.0);
        if (s->cs_min > 0 && s->cs_max >= 0)
            glp_set_row_bnds(lp, r, s->cs_min == s->cs_max ? GLP_FX : GLP_DB, s->cs_min, s->cs_max);
        else if (s->cs_min > 0)
            glp_set_row_bnds(lp, r, GLP_LO, s->cs_min, 0);
        else
            glp_set_row_bnds(lp, r, GLP_UP, 0, s->cs_max);
        /* implied (not in the plain model, nor in the conflict finder's,
           whose C7 row may be relaxed): every staffed team has at least
           team_floor() members, so at most k teams fit in cohort_size.max,
           k the most of the smallest floors that add up to it. With teams
           of exactly 3 and a maximum of 44 that is 14 teams, so 42 people:
           the LP alone says 44, and GLPK's search did not prove 42 in 30 s
           on a 17 x 300 scenario (docs/model.md) */
        if (s->cs_max >= 0 && !plain && !(o && o->elastic)) {
            int nf;
            int *fl = sorted_floors(m, s, &nf);
            int k = 0;
            int64_t acc = 0;
            while (k < nf && acc + fl[k] <= s->cs_max)
                acc += fl[k++];
            if (k < nf) {
                r = new_row(m, ROW_C7, 0, "C7teams", "cohort");
                for (int h = 0; h < s->nchals; h++)
                    if (can_staff(m, h))
                        trip_add(&t, r, model_ycol(m, h), 1.0);
                glp_set_row_bnds(lp, r, GLP_UP, 0, (double)k);
            }
            free(fl);
        }
    }
    /* C8 profile quotas */
    unsigned char *member = xcalloc((size_t)(s->ncands ? s->ncands : 1), 1);
    for (int p = 0; p < NPROF; p++) {
        if (!s->has_quota[p])
            continue;
        const quota *q = &s->quotas[p];
        if (q->min > 0 || q->max >= 0) {
            int r = new_row(m, ROW_C8, p, "C8count", PROFILE_NAMES[p]);
            for (int k = 0; k < s->npairs; k++)
                if (s->cands[s->apps[s->pairs[k]].cand].profile == p)
                    trip_add(&t, r, model_xcol(m, k), 1.0);
            if (q->min > 0 && q->max >= 0)
                glp_set_row_bnds(lp, r, q->min == q->max ? GLP_FX : GLP_DB, q->min, q->max);
            else if (q->min > 0)
                glp_set_row_bnds(lp, r, GLP_LO, q->min, 0);
            else
                glp_set_row_bnds(lp, r, GLP_UP, 0, q->max);
        }
        for (int i = 0; i < s->ncands; i++)
            member[i] = s->cands[i].profile == p;
        add_share_rows(m, &t, s, ROW_C8, p, q->has_min_share, q->min_share, q->has_max_share,
                       q->max_share, PROFILE_NAMES[p], member);
    }
    /* C9 diversity */
    for (int d = 0; d < s->ndivs; d++) {
        const diversity *D = &s->divs[d];
        for (int i = 0; i < s->ncands; i++)
            member[i] = cand_in_div(s, i, d);
        char id[160];
        snprintf(id, sizeof id, "%s_%s", D->attribute, D->value);
        add_share_rows(m, &t, s, ROW_C9, d, D->has_min_share, D->min_share, D->has_max_share,
                       D->max_share, id, member);
    }
    free(member);
    /* C10 programme envelope, C11 host budgets */
    budget_scratch bs;
    scratch_init(&bs, s);
    bs.distinct = !(o && o->elastic);
    if (s->envelope >= 0) {
        int64_t all = 0;
        for (int k = 0; k < s->npairs; k++)
            all += s->apps[s->pairs[k]].prog;
        if (all > s->envelope) {
            /* in units of the gcd of the shares, rounded down: the same
               integer cohorts, a tighter relaxation (salaries take few values,
               so the gcd is large: 2,700 EUR for 3,500/4,000 at 1.8 x 30%);
               in cents for the plain model */
            int64_t g = 0;
            for (int k = 0; k < s->npairs && !plain; k++)
                g = gcd64(g, s->apps[s->pairs[k]].prog);
            g = g ? g : 1;
            int r = new_row(m, ROW_C10, 0, "C10", "envelope");
            for (int k = 0; k < s->npairs; k++)
                if (s->apps[s->pairs[k]].prog)
                    trip_add(&t, r, model_xcol(m, k), (double)(s->apps[s->pairs[k]].prog / g));
            glp_set_row_bnds(lp, r, GLP_UP, 0, (double)(s->envelope / g));
            m->env_row = r;
            if (!plain)
                budget_rows(m, &t, s, &bs, 0, 0, s->envelope, ROW_C10, "envelope");
        }
    }
    for (int hh = 0; hh < s->nhosts; hh++) {
        if (s->hosts[hh].budget < 0)
            continue;
        const int *hs = bs.host_chals + bs.host_start[hh];
        int nh = bs.host_start[hh + 1] - bs.host_start[hh];
        int64_t all = 0, g = 0; /* as for the envelope: units of the gcd, rounded down */
        for (int q = 0; q < nh; q++)
            for (int k = s->by_chal_start[hs[q]]; k < s->by_chal_start[hs[q] + 1]; k++) {
                all += s->apps[s->by_chal[k]].hshare;
                if (!plain)
                    g = gcd64(g, s->apps[s->by_chal[k]].hshare);
            }
        if (all <= s->hosts[hh].budget)
            continue;
        g = g ? g : 1;
        int r = new_row(m, ROW_C11, hh, "C11", s->hosts[hh].id);
        for (int q = 0; q < nh; q++)
            for (int k = s->by_chal_start[hs[q]]; k < s->by_chal_start[hs[q] + 1]; k++)
                if (s->apps[s->by_chal[k]].hshare)
                    trip_add(&t, r, model_xcol(m, m->pair_of_app[s->by_chal[k]]),
                             (double)(s->apps[s->by_chal[k]].hshare / g));
        glp_set_row_bnds(lp, r, GLP_UP, 0, (double)(s->hosts[hh].budget / g));
        m->host_row[hh] = r;
        if (!plain)
            budget_rows(m, &t, s, &bs, 1, hh, s->hosts[hh].budget, ROW_C11, s->hosts[hh].id);
    }
    scratch_free(&bs);
    if (t.ne)
        glp_load_matrix(lp, t.ne, t.ia, t.ja, t.ar);
    /* money rows in cents sit beside 0/1 rows: scale once, for every LP */
    lp_scale_auto(lp, t.ne, t.ia, t.ja, t.ar);
    free(t.ia);
    free(t.ja);
    free(t.ar);
    /* objective: exactly lexicographic weights */
    model_weights(s, m->weight, m->range);
    model_weighted_objective(m, s, lp, 0);
    return m;
}

void model_weighted_objective(const model *m, const cohort_scenario *s, glp_prob *lp, int from)
{
    int64_t w[NLEVELS] = {0};
    for (int k = from; k < s->norder; k++)
        w[s->order[k]] = m->weight[s->order[k]];
    glp_set_obj_dir(lp, GLP_MAX);
    for (int k = 0; k < s->npairs; k++) {
        const app *p = &s->apps[s->pairs[k]];
        int64_t c = w[LV_FILLED] - w[LV_RANK] * p->rcost;
        glp_set_obj_coef(lp, model_xcol(m, k), (double)c);
    }
    for (int h = 0; h < s->nchals; h++)
        glp_set_obj_coef(lp, model_ycol(m, h), (double)w[LV_STAFFED]);
}

/* Whether a rule asks for a share: count columns can help only then. */
int model_counts_wanted(const cohort_scenario *s)
{
    int shares = s->ndivs > 0;
    for (int p = 0; p < NPROF; p++)
        shares |= s->quotas[p].has_min_share || s->quotas[p].has_max_share;
    return shares;
}

/* Whether the count group g (0: the cohort's size, 1..NPROF: a profile,
 * then the diversity groups) is one a share rule counts. */
static int group_shared(const cohort_scenario *s, int g)
{
    if (g >= 1 && g <= NPROF)
        return s->quotas[g - 1].has_min_share || s->quotas[g - 1].has_max_share;
    return 1;
}

/* The counts the count group g can have in a cohort of lo to hi members
 * holding its share rule: the size itself for g = 0; else at least
 * ceil(min share x lo) and at most floor(max share x hi) (hi without a
 * maximum below 1). */
static void group_range(const cohort_scenario *s, int g, int64_t lo, int64_t hi, int64_t *lb,
                        int64_t *ub)
{
    *lb = lo, *ub = hi;
    if (g == 0)
        return;
    int has_min, has_max;
    ratio mn, mx;
    if (g <= NPROF) {
        const quota *q = &s->quotas[g - 1];
        has_min = q->has_min_share, has_max = q->has_max_share;
        mn = q->min_share, mx = q->max_share;
    } else {
        const diversity *D = &s->divs[g - 1 - NPROF];
        has_min = D->has_min_share, has_max = D->has_max_share;
        mn = D->min_share, mx = D->max_share;
    }
    *lb = has_min ? share_least(mn, lo) : 0;
    if (has_max && mx.num < mx.den)
        *ub = share_most(mx, hi);
}

/* The pairs of the count group g as a row of ones (ind/val from 1);
 * returns its length. */
static int group_pairs(const model *m, const cohort_scenario *s, int g, int *ind, double *val)
{
    int len = 0;
    for (int k = 0; k < s->npairs; k++) {
        int i = s->apps[s->pairs[k]].cand;
        int in = g == 0 || (g <= NPROF ? s->cands[i].profile == g - 1
                                       : cand_in_div(s, i, g - 1 - NPROF));
        if (in) {
            ind[++len] = model_xcol(m, k);
            val[len] = 1.0;
        }
    }
    return len;
}

/* Count columns. A share rule (C8, C9) ties a count to the cohort's size,
 * and GLPK branches on single pairs only; with the share asked for on the
 * bench promotion seed 4 raised to 0.33 (a coordinator's "a third must be
 * designers"), the `filled` bound stayed one unit above the optimum through
 * 60 s of branching. An integer column per count (the cohort's size, each
 * profile with a share quota, each diversity group), equal to its sum of
 * pairs by a row of its own, gives a search those counts to branch on: that
 * scenario is then proven in 0.5 s (docs/model.md, "Count columns"). The LP
 * relaxation is the same (each column is its row's sum), and so is the
 * optimal basis: each column is basic, its row at its bound. Appended after
 * every column and row (the first at *col0 and *row0); returns how many
 * (none when no rule asks for a share). */
int model_add_counts(model *m, const cohort_scenario *s, int *col0, int *row0)
{
    int n = 0;
    if (!model_counts_wanted(s))
        return 0;
    *col0 = glp_get_num_cols(m->lp) + 1;
    *row0 = glp_get_num_rows(m->lp) + 1;
    int *ind = xmalloc(sizeof *ind * (size_t)(s->npairs + 2));
    double *val = xmalloc(sizeof *val * (size_t)(s->npairs + 2));
    for (int g = 0; g < 1 + NPROF + s->ndivs; g++) {
        if (!group_shared(s, g))
            continue;
        int len = group_pairs(m, s, g, ind, val);
        int col = glp_add_cols(m->lp, 1), row = glp_add_rows(m->lp, 1);
        glp_set_col_kind(m->lp, col, GLP_IV);
        glp_set_col_bnds(m->lp, col, GLP_LO, 0, 0);
        ind[++len] = col;
        val[len] = -1.0;
        glp_set_mat_row(m->lp, row, len, ind, val);
        glp_set_row_bnds(m->lp, row, GLP_FX, 0, 0);
        glp_set_col_stat(m->lp, col, GLP_BS);
        glp_set_row_stat(m->lp, row, GLP_NS);
        n++;
    }
    free(ind);
    free(val);
    return n;
}

/* Bounds on the count columns (model_add_counts(), in its order) that every
 * cohort of lo to hi members holding C8 and C9 is within: the size column
 * in [lo, hi], a minimum share's count at least ceil(share x lo), a maximum
 * share's at most floor(share x hi). The rows say count >= share x size,
 * which the LP meets with a fractional count; the bounds round it: with
 * 34 members and designers at 0.33 at least, 12 designers, and GLPK sees
 * at once that no such cohort exists where branching on pairs did not in
 * minutes (docs/model.md, "Count bounds in the filled level's search").
 * Returns 0, or -1 when no count fits (a minimum above a maximum: no cohort
 * of lo to hi members holds the shares; nothing is set then). */
int model_count_bounds(model *m, const cohort_scenario *s, int col0, int64_t lo, int64_t hi)
{
    int n = 1 + NPROF + s->ndivs, k = 0;
    int64_t *lb = xmalloc(sizeof *lb * (size_t)n * 2), *ub = lb + n;
    int rc = lo <= hi ? 0 : -1;
    for (int g = 0; g < n && rc == 0; g++) {
        if (!group_shared(s, g))
            continue;
        group_range(s, g, lo, hi, &lb[k], &ub[k]);
        if (lb[k] > ub[k])
            rc = -1;
        k++;
    }
    for (int g = 0; g < k && rc == 0; g++)
        glp_set_col_bnds(m->lp, col0 + g, lb[g] == ub[g] ? GLP_FX : GLP_DB, (double)lb[g],
                         (double)ub[g]);
    free(lb);
    return rc;
}

/* Rows for the levels after `filled` (docs/model.md, "Share counts at the
 * proven size"): once the cohort's size is proven to be at most `size`
 * (the filled level's optimum, held by the levels after it), every cohort
 * still in question has exactly that many members, and each share rule
 * becomes a count: designers at 0.36 at least of 106 members are 39 at
 * least, where the share row accepts 38.16 in the LP relaxation. One row
 * per rule that asks for a share, between share_least() of the minimum and
 * share_most() of the maximum. Returns -1, adding nothing, when some rule
 * has no count at that size (no cohort can hold it: the caller's proof
 * says otherwise, so this is a guard), else how many rows were added. */
int model_size_rows(model *m, const cohort_scenario *s, int64_t size)
{
    int ng = 1 + NPROF + s->ndivs, n = 0;
    int64_t *lb = xmalloc(sizeof *lb * (size_t)ng * 2), *ub = lb + ng;
    for (int g = 1; g < ng; g++) {
        lb[g] = 0, ub[g] = size;
        if (group_shared(s, g))
            group_range(s, g, size, size, &lb[g], &ub[g]);
        if (lb[g] > ub[g]) {
            free(lb);
            return -1;
        }
    }
    int *ind = xmalloc(sizeof *ind * (size_t)(s->npairs + 2));
    double *val = xmalloc(sizeof *val * (size_t)(s->npairs + 2));
    for (int g = 1; g < ng; g++) {
        if (lb[g] == 0 && ub[g] == size)
            continue; /* nothing the size row does not say */
        int len = group_pairs(m, s, g, ind, val);
        int row = glp_add_rows(m->lp, 1);
        char name[40];
        snprintf(name, sizeof name, "size_count_%d", g);
        glp_set_row_name(m->lp, row, name);
        glp_set_mat_row(m->lp, row, len, ind, val);
        int type = lb[g] == ub[g] ? GLP_FX : lb[g] == 0 ? GLP_UP : ub[g] == size ? GLP_LO : GLP_DB;
        glp_set_row_bnds(m->lp, row, type, (double)lb[g], (double)ub[g]);
        n++;
    }
    free(ind);
    free(val);
    free(lb);
    return n;
}

int64_t model_least_members(const model *m, const cohort_scenario *s, int64_t teams)
{
    int nf;
    int *fl = sorted_floors(m, s, &nf);
    int64_t size = teams > nf ? (int64_t)s->npairs + 1 : 0; /* no cohort has that many */
    for (int64_t k = 0; k < teams && teams <= nf; k++)
        size += fl[k];
    free(fl);
    return size;
}

/* Deletes the n count columns and their rows (model_add_counts()). */
void model_del_counts(model *m, int n, int col0, int row0)
{
    if (n <= 0)
        return;
    int *num = xmalloc(sizeof *num * (size_t)(n + 1));
    for (int k = 1; k <= n; k++)
        num[k] = row0 + k - 1;
    glp_del_rows(m->lp, n, num);
    for (int k = 1; k <= n; k++)
        num[k] = col0 + k - 1;
    glp_del_cols(m->lp, n, num);
    free(num);
}

void model_free(model *m)
{
    if (!m)
        return;
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->row_kind);
    free(m->row_subject);
    free(m->host_row);
    free(m->pair_of_app);
    free(m);
}

/* Writes FILE.tmp, then renames it: FILE is whole or untouched. MPS has no
 * standard way to say "maximise" (GLPK's reader and writer know none), so
 * the .mps file holds the minimisation of the negated objective. */
int model_write(model *m, const char *file, int mps, cohort_diag *d)
{
    char *tmp = xasprintf("%s.tmp", file);
    int n = glp_get_num_cols(m->lp), dir = glp_get_obj_dir(m->lp);
    if (mps && dir == GLP_MAX) {
        glp_set_obj_dir(m->lp, GLP_MIN);
        for (int j = 0; j <= n; j++)
            glp_set_obj_coef(m->lp, j, -glp_get_obj_coef(m->lp, j));
    }
    int rc = mps ? glp_write_mps(m->lp, GLP_MPS_FILE, NULL, tmp) : glp_write_lp(m->lp, NULL, tmp);
    if (mps && dir == GLP_MAX) {
        glp_set_obj_dir(m->lp, GLP_MAX);
        for (int j = 0; j <= n; j++)
            glp_set_obj_coef(m->lp, j, -glp_get_obj_coef(m->lp, j));
    }
    if (rc == 0 && rename(tmp, file) != 0)
        rc = 1;
    if (rc) {
        remove(tmp);
        diag_error(d, "%s: cannot be written", file);
    }
    free(tmp);
    return rc ? COHORT_EIO : COHORT_OK;
}

int cohort_export_model(const cohort_scenario *s, const char *file, int plain, cohort_diag *d)
{
    size_t n = strlen(file);
    int mps = n >= 4 && !strcmp(file + n - 4, ".mps");
    int lp = n >= 3 && !strcmp(file + n - 3, ".lp");
    if (!mps && !lp) {
        diag_error(d, "%s: expected a file name ending in .lp or .mps", file);
        return COHORT_EINPUT;
    }
    int64_t w[NLEVELS], range[NLEVELS];
    if (!model_weights(s, w, range)) {
        diag_error(d, "%s: the weighted objective would pass 2^53, where a double no longer "
                   "holds every integer: the file would not be exactly lexicographic (expected "
                   "smaller objective weights or ranks; cohort solve proves each level in turn "
                   "and needs no such weights)", file);
        return COHORT_EINPUT;
    }
    glp_term_out(GLP_OFF);
    model_opts mo = {0, 1, plain};
    model *m = model_build(s, &mo);
    int rc = model_write(m, file, mps, d);
    model_free(m);
    return rc;
}
