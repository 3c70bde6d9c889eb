/* greedy.c - fast cohorts for the branch-and-bound: a starting cohort before
 * the search, and LP-guided roundings during it.
 *
 * Both build teams challenge by challenge with a running account of every
 * rule that a partial cohort can already break (C1, C4 maxima, envelope,
 * host budgets, profile and cohort maxima): first the minimum of each need,
 * then new profiles until the team is pluridisciplinary, then more members
 * up to max_team. The order of challenges and of applicants is the only
 * difference: best ranks for the start, the LP's values for a rounding. A
 * last pass adds free applicants to teams with room. The result counts only
 * if check_cohort() accepts it.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct gstate {
    const cohort_scenario *s;
    int *assign;
    int64_t prog, *hostpay;
    int total, pcount[NPROF];
    int *size;          /* per challenge */
    int *mem;           /* members of challenge h: positions in s->by_chal,
                           ascending, at mem[by_chal_start[h]] .. + size[h] */
    int *posof;         /* application -> its position in s->by_chal */
    int *cnt;           /* per challenge x profile */
    int *dcount;        /* per diversity rule */
    unsigned char *has; /* per candidate x diversity rule: holds the value */
    /* the rules' deficit after a move depends on the candidates moved only
       through their profile and diversity values, their type: repair() and
       improve() look it up per pair of types (move_deficit()) instead of
       making each move to measure it. No types (NULL) when there are more
       than MAX_TYPES */
    int *type;          /* per candidate */
    int ntypes;
    int64_t *nd;        /* (ntypes + 1)^2: in type x out type (ntypes: none);
                           -1 not known since the last move made */
} gstate;

#define MAX_TYPES 64

/* Candidates of the same profile and diversity values share a type. */
static void gs_types(gstate *g)
{
    const cohort_scenario *s = g->s;
    size_t nd = (size_t)s->ndivs;
    int rep[MAX_TYPES];
    g->type = xmalloc(sizeof *g->type * (size_t)(s->ncands ? s->ncands : 1));
    for (int i = 0; i < s->ncands; i++) {
        int t = 0;
        while (t < g->ntypes && (s->cands[rep[t]].profile != s->cands[i].profile ||
                                 memcmp(g->has + (size_t)rep[t] * nd, g->has + (size_t)i * nd,
                                        nd) != 0))
            t++;
        if (t == g->ntypes) {
            if (g->ntypes == MAX_TYPES) {
                free(g->type);
                g->type = NULL;
                g->ntypes = 0;
                return;
            }
            rep[g->ntypes++] = i;
        }
        g->type[i] = t;
    }
    size_t n = (size_t)(g->ntypes + 1) * (size_t)(g->ntypes + 1);
    g->nd = xmalloc(sizeof *g->nd * n);
    memset(g->nd, 0xff, sizeof *g->nd * n);
}

static void gs_init(gstate *g, const cohort_scenario *s, int *assign)
{
    memset(g, 0, sizeof *g);
    g->s = s;
    g->assign = assign;
    g->hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *g->hostpay);
    g->size = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *g->size);
    g->mem = xmalloc(sizeof *g->mem * (size_t)(s->npairs ? s->npairs : 1));
    g->posof = xmalloc(sizeof *g->posof * (size_t)(s->napps ? s->napps : 1));
    for (int q = 0; q < s->npairs; q++)
        g->posof[s->by_chal[q]] = q;
    g->cnt = xcalloc((size_t)(s->nchals ? s->nchals : 1) * NPROF, sizeof *g->cnt);
    g->dcount = xcalloc((size_t)(s->ndivs ? s->ndivs : 1), sizeof *g->dcount);
    g->has = xcalloc((size_t)(s->ncands ? s->ncands : 1) * (size_t)(s->ndivs ? s->ndivs : 1), 1);
    for (int i = 0; i < s->ncands; i++) {
        assign[i] = -1;
        for (int d = 0; d < s->ndivs; d++)
            g->has[(size_t)i * s->ndivs + d] = cand_in_div(s, i, d);
    }
    gs_types(g);
}

static void gs_free(gstate *g)
{
    free(g->type);
    free(g->nd);
    free(g->dcount);
    free(g->has);
    free(g->hostpay);
    free(g->size);
    free(g->mem);
    free(g->posof);
    free(g->cnt);
}

/* Can application a join its challenge now without breaking a maximum? */
static int gs_fits(const gstate *g, const app *a)
{
    const cohort_scenario *s = g->s;
    const challenge *c = &s->chals[a->chal];
    int hh = c->host, p = s->cands[a->cand].profile;
    if (g->assign[a->cand] >= 0 || g->size[a->chal] >= c->max_team ||
        g->cnt[a->chal * NPROF + p] >= c->need_max[p])
        return 0;
    if (s->envelope >= 0 && g->prog + a->prog > s->envelope)
        return 0;
    if (s->hosts[hh].budget >= 0 && g->hostpay[hh] + a->hshare > s->hosts[hh].budget)
        return 0;
    if (s->has_quota[p] && s->quotas[p].max >= 0 && g->pcount[p] >= s->quotas[p].max)
        return 0;
    if (s->cs_max >= 0 && g->total >= s->cs_max)
        return 0;
    return 1;
}

static void gs_add(gstate *g, int ai)
{
    const cohort_scenario *s = g->s;
    const app *a = &s->apps[ai];
    int p = s->cands[a->cand].profile;
    g->assign[a->cand] = ai;
    g->prog += a->prog;
    g->hostpay[s->chals[a->chal].host] += a->hshare;
    g->total++;
    g->pcount[p]++;
    int *m = g->mem + s->by_chal_start[a->chal], n = g->size[a->chal], q = g->posof[ai];
    while (n > 0 && m[n - 1] > q) {
        m[n] = m[n - 1];
        n--;
    }
    m[n] = q;
    g->size[a->chal]++;
    g->cnt[a->chal * NPROF + p]++;
    for (int d = 0; d < s->ndivs; d++)
        g->dcount[d] += g->has[(size_t)a->cand * s->ndivs + d];
}

static void gs_remove(gstate *g, int ai)
{
    const cohort_scenario *s = g->s;
    const app *a = &s->apps[ai];
    int p = s->cands[a->cand].profile;
    g->assign[a->cand] = -1;
    g->prog -= a->prog;
    g->hostpay[s->chals[a->chal].host] -= a->hshare;
    g->total--;
    g->pcount[p]--;
    int *m = g->mem + s->by_chal_start[a->chal], n = g->size[a->chal], q = g->posof[ai], k = 0;
    while (k < n && m[k] != q)
        k++;
    for (; k + 1 < n; k++)
        m[k] = m[k + 1];
    g->size[a->chal]--;
    g->cnt[a->chal * NPROF + p]--;
    for (int d = 0; d < s->ndivs; d++)
        g->dcount[d] -= g->has[(size_t)a->cand * s->ndivs + d];
}

/* Does team h (non-empty) meet min_team, the need minimums and C5? */
static int team_ok(const gstate *g, int h)
{
    const cohort_scenario *s = g->s;
    const challenge *c = &s->chals[h];
    if (g->size[h] == 0)
        return !c->must_staff;
    if (g->size[h] < c->min_team || g->size[h] > c->max_team)
        return 0;
    int distinct = 0;
    for (int p = 0; p < NPROF; p++) {
        int k = g->cnt[h * NPROF + p];
        if (k < c->need_min[p] || k > c->need_max[p])
            return 0;
        distinct += k > 0;
    }
    return distinct >= s->min_distinct;
}

/* How far count k of n members is from share r (min_side: a minimum
 * share, else a maximum), in members: whole ones (the count the share
 * allows, share_least() or share_most()), or with fine, the exact fraction
 * (a move that brings a share closer counts before a whole member is
 * gained: dropping a team of two non-designers moves a share minimum of
 * 0.45 by 0.9 of a member). */
static double share_gap(int64_t k, int64_t n, ratio r, int min_side, int fine)
{
    if (fine) {
        int64_t over = min_side ? r.num * n - k * r.den : k * r.den - r.num * n;
        return over > 0 ? (double)over / (double)r.den : 0;
    }
    int64_t lim = min_side ? share_least(r, n) : share_most(r, n);
    int64_t over = min_side ? lim - k : k - lim;
    return over > 0 ? (double)over : 0;
}

/* How many members the share and count rules are short or over by, whole
 * (fine 0) or with shares' fractions (fine 1, share_gap()). */
static double rules_gap(const gstate *g, int fine)
{
    const cohort_scenario *s = g->s;
    int64_t n = g->total;
    double def = 0;
    for (int p = 0; p < NPROF; p++) {
        if (!s->has_quota[p])
            continue;
        const quota *q = &s->quotas[p];
        int64_t k = g->pcount[p];
        if (q->min >= 0 && k < q->min)
            def += (double)(q->min - k);
        if (q->has_min_share)
            def += share_gap(k, n, q->min_share, 1, fine);
        if (q->has_max_share)
            def += share_gap(k, n, q->max_share, 0, fine);
    }
    for (int d = 0; d < s->ndivs; d++) {
        const diversity *D = &s->divs[d];
        int64_t k = g->dcount[d];
        if (D->has_min_share)
            def += share_gap(k, n, D->min_share, 1, fine);
        if (D->has_max_share)
            def += share_gap(k, n, D->max_share, 0, fine);
    }
    if (s->cs_min >= 0 && n < s->cs_min)
        def += (double)(s->cs_min - n);
    return def;
}

/* Whole members (sums of integers: exact in a double). */
static int64_t deficit(const gstate *g)
{
    return (int64_t)rules_gap(g, 0);
}

static double fine_deficit(const gstate *g)
{
    return rules_gap(g, 1);
}

/* The aggregates that deficit() reads, as if candidate i joined (by 1) or
 * left (by -1) the cohort. */
static void shift(gstate *g, int i, int by)
{
    const cohort_scenario *s = g->s;
    g->total += by;
    g->pcount[s->cands[i].profile] += by;
    for (int d = 0; d < s->ndivs; d++)
        g->dcount[d] += by * g->has[(size_t)i * s->ndivs + d];
}

/* deficit() once candidate in (-1: none) joins and out (-1: none) leaves,
 * without the move: the same number as making it, from the table of the
 * two types when there is one. */
static int64_t move_deficit(gstate *g, int in, int out)
{
    int64_t *e = NULL;
    if (g->type) {
        int ti = in >= 0 ? g->type[in] : g->ntypes, to = out >= 0 ? g->type[out] : g->ntypes;
        e = &g->nd[(size_t)ti * (size_t)(g->ntypes + 1) + (size_t)to];
        if (*e >= 0)
            return *e;
    }
    if (in >= 0)
        shift(g, in, 1);
    if (out >= 0)
        shift(g, out, -1);
    int64_t d = deficit(g);
    if (out >= 0)
        shift(g, out, 1);
    if (in >= 0)
        shift(g, in, -1);
    if (e)
        *e = d;
    return d;
}

/* After a move: the table no longer holds. */
static void moved(gstate *g)
{
    if (g->type)
        memset(g->nd, 0xff,
               sizeof *g->nd * (size_t)(g->ntypes + 1) * (size_t)(g->ntypes + 1));
}

/* The last move of repair(): a whole team leaves (not a must-staff one),
 * the one that brings the rules closest (deficit(), then fine_deficit()),
 * then the worst ranked. A minimum share of designers of 0.45, say, is met
 * by dropping teams without a designer; no single member can leave such a
 * team (min_team, C5), so the other moves never got there and the search
 * started without a cohort (national what-ifs: seconds of dives). Returns
 * 1 when a team left (*def is then the new deficit). */
static int drop_team(gstate *g, int64_t *def)
{
    const cohort_scenario *s = g->s;
    int best = -1, tmp[3 * NPROF + 64];
    int64_t best_def = 0, best_cost = 0;
    double fine = fine_deficit(g), best_fine = 0;
    for (int h = 0; h < s->nchals; h++) {
        int n = g->size[h];
        if (n == 0 || s->chals[h].must_staff || n > (int)(sizeof tmp / sizeof *tmp))
            continue;
        int64_t cost = 0;
        for (int t = 0; t < n; t++) {
            tmp[t] = s->by_chal[g->mem[s->by_chal_start[h] + t]];
            cost -= s->apps[tmp[t]].rcost;
        }
        for (int t = 0; t < n; t++)
            gs_remove(g, tmp[t]);
        int64_t nd = deficit(g);
        double nf = fine_deficit(g);
        for (int t = 0; t < n; t++)
            gs_add(g, tmp[t]);
        if (nd > *def || (nd == *def && nf > fine - 1e-9))
            continue; /* no closer */
        if (best < 0 || nd < best_def ||
            (nd == best_def && (nf < best_fine - 1e-9 ||
                                (nf <= best_fine + 1e-9 && cost < best_cost))))
            best = h, best_def = nd, best_fine = nf, best_cost = cost;
    }
    if (best < 0)
        return 0;
    while (g->size[best] > 0)
        gs_remove(g, s->by_chal[g->mem[s->by_chal_start[best]]]);
    *def = best_def;
    return 1;
}

/* Repairs share and count rules by local moves that keep every team valid:
 * swap a member for a free applicant of the same challenge, add a free
 * applicant to a team with room, or (when allowed) drop a member, or a
 * whole team (drop_team()). Each step takes, among the moves that lower
 * the deficit, the one that costs the least rank. */
static void repair(gstate *g, int allow_drop)
{
    const cohort_scenario *s = g->s;
    int64_t def = deficit(g);
    for (int round = 0; def > 0 && round < 4 * s->ncands + 16; round++) {
        int best_in = -1, best_out = -1;
        int64_t best_cost = INT64_MAX, best_def = def;
        moved(g);
        /* each move is made (to check its team) only when its deficit,
           known without it, would make it the best so far */
        for (int k = 0; k < s->npairs; k++) {
            int ai = s->pairs[k];
            const app *a = &s->apps[ai];
            int h = a->chal;
            if (g->assign[a->cand] >= 0 || g->size[h] == 0)
                continue;
            if (gs_fits(g, a)) { /* add */
                int64_t nd = move_deficit(g, a->cand, -1);
                if (nd < def && (nd < best_def || (nd == best_def && a->rcost < best_cost))) {
                    gs_add(g, ai);
                    if (team_ok(g, h))
                        best_in = ai, best_out = -1, best_cost = a->rcost, best_def = nd;
                    gs_remove(g, ai);
                }
            }
            for (int t = 0; t < g->size[h]; t++) { /* swap, members in pool order */
                int mi = s->by_chal[g->mem[s->by_chal_start[h] + t]];
                const app *ma = &s->apps[mi];
                int64_t nd = move_deficit(g, a->cand, ma->cand), cost = a->rcost - ma->rcost;
                if (!(nd < def && (nd < best_def || (nd == best_def && cost < best_cost))))
                    continue;
                gs_remove(g, mi);
                if (gs_fits(g, a)) {
                    gs_add(g, ai);
                    if (team_ok(g, h))
                        best_in = ai, best_out = mi, best_cost = cost, best_def = nd;
                    gs_remove(g, ai);
                }
                gs_add(g, mi);
            }
        }
        if (best_in < 0 && allow_drop) {
            for (int k = 0; k < s->npairs; k++) {
                int mi = s->pairs[k];
                const app *ma = &s->apps[mi];
                if (g->assign[ma->cand] != mi)
                    continue;
                int64_t nd = move_deficit(g, -1, ma->cand);
                if (!(nd < def && (nd < best_def || (nd == best_def && -ma->rcost < best_cost))))
                    continue;
                gs_remove(g, mi);
                if (team_ok(g, ma->chal))
                    best_in = -1, best_out = mi, best_cost = -ma->rcost, best_def = nd;
                gs_add(g, mi);
            }
            if (best_out >= 0) {
                gs_remove(g, best_out);
                def = best_def;
                continue;
            }
            if (allow_drop > 1 && drop_team(g, &def))
                continue;
        }
        if (best_in < 0)
            break;
        if (best_out >= 0)
            gs_remove(g, best_out);
        gs_add(g, best_in);
        def = best_def;
    }
}

/* Lowers the rank level without touching the others: a free applicant
 * replaces the member of the same challenge whose swap gains the most rank,
 * as long as every rule still holds. Sweeps until nothing improves. */
static void improve(gstate *g)
{
    const cohort_scenario *s = g->s;
    int64_t def = deficit(g);
    moved(g);
    for (int sweep = 0, changed = 1; changed && sweep < 50; sweep++) {
        changed = 0;
        for (int k = 0; k < s->npairs; k++) {
            int ai = s->pairs[k];
            const app *a = &s->apps[ai];
            int h = a->chal;
            if (g->assign[a->cand] >= 0 || g->size[h] == 0)
                continue;
            int best_out = -1;
            int64_t best_gain = 0;
            for (int t = 0; t < g->size[h]; t++) { /* members in pool order */
                int mi = s->by_chal[g->mem[s->by_chal_start[h] + t]];
                const app *ma = &s->apps[mi];
                int64_t gain = ma->rcost - a->rcost;
                if (gain <= best_gain || move_deficit(g, a->cand, ma->cand) > def)
                    continue;
                gs_remove(g, mi);
                if (gs_fits(g, a)) {
                    gs_add(g, ai);
                    if (team_ok(g, h))
                        best_out = mi, best_gain = gain;
                    gs_remove(g, ai);
                }
                gs_add(g, mi);
            }
            if (best_out >= 0) {
                gs_remove(g, best_out);
                gs_add(g, ai);
                moved(g);
                changed = 1;
            }
        }
    }
}

/* Completes the team of challenge h (which may already hold members) from
 * its applicants in the given order; keeps it only when it meets min_team,
 * every need minimum and the distinct-profile rule, else empties it.
 * Returns 1 when staffed. */
static int staff(gstate *g, int h, const int *order, int n, const double *score,
                 double fill_min)
{
    const cohort_scenario *s = g->s;
    const challenge *c = &s->chals[h];
    const int *cnt = g->cnt + h * NPROF;
    int cap = c->max_team;
    int distinct = 0;
    for (int p = 0; p < NPROF; p++)
        distinct += cnt[p] > 0;
    for (int phase = 0; phase < 3; phase++) {
        for (int k = 0; k < n && g->size[h] < cap; k++) {
            int ai = order[k];
            const app *a = &s->apps[ai];
            int p = s->cands[a->cand].profile;
            if (phase == 0 && cnt[p] >= c->need_min[p])
                continue;
            if (phase == 1 && (cnt[p] > 0 || distinct >= s->min_distinct))
                continue;
            if (phase == 2 && g->size[h] >= c->min_team && score[ai] < fill_min)
                continue;
            if (!gs_fits(g, a))
                continue;
            /* keep room for the profiles still required */
            int still = 0;
            for (int q = 0; q < NPROF; q++)
                if (q != p && cnt[q] < c->need_min[q])
                    still += c->need_min[q] - cnt[q];
            int missing = s->min_distinct - distinct - (cnt[p] == 0);
            if (missing < 0)
                missing = 0;
            if (g->size[h] + 1 + (still > missing ? still : missing) > cap)
                continue;
            if (cnt[p] == 0)
                distinct++;
            gs_add(g, ai);
        }
    }
    if (team_ok(g, h))
        return g->size[h] > 0;
    for (int q = s->by_chal_start[h]; q < s->by_chal_start[h + 1]; q++) {
        int ai = s->by_chal[q];
        if (g->assign[s->apps[ai].cand] == ai)
            gs_remove(g, ai);
    }
    return 0;
}

/* qsort context (the library is single-threaded per call) */
static const double *sort_score;
static const cohort_scenario *sort_s;

static int cmp_score(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    double sx = sort_score[x], sy = sort_score[y];
    if (sx != sy)
        return sx > sy ? -1 : 1;
    int64_t rx = sort_s->apps[x].rcost, ry = sort_s->apps[y].rcost;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x - y;
}

static const double *chal_score;
static int cmp_chal(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    const cohort_scenario *s = sort_s;
    if (s->chals[x].must_staff != s->chals[y].must_staff)
        return s->chals[y].must_staff - s->chals[x].must_staff;
    if (chal_score[x] != chal_score[y])
        return chal_score[x] > chal_score[y] ? -1 : 1;
    return x - y;
}

/* Builds a cohort from scores: app_score per application (higher first),
 * chal_score per challenge (higher first). */
static int build(const cohort_scenario *s, const double *ascore, const double *cscore,
                 double fill_min, int staff_first, int drops, int staffed, int *assign)
{
    gstate g;
    gs_init(&g, s, assign);
    int *order = xmalloc(sizeof *order * (size_t)(s->nchals ? s->nchals : 1));
    for (int h = 0; h < s->nchals; h++)
        order[h] = h;
    sort_s = s;
    chal_score = cscore;
    qsort(order, (size_t)s->nchals, sizeof *order, cmp_chal);
    int *apps = xmalloc(sizeof *apps * (size_t)(s->npairs ? s->npairs : 1));
    sort_score = ascore;
    if (fill_min > 0) {
        /* a rounding first takes what the LP decided outright, everywhere */
        for (int k = 0; k < s->npairs; k++) {
            int ai = s->pairs[k];
            if (ascore[ai] >= 0.999 && gs_fits(&g, &s->apps[ai]))
                gs_add(&g, ai);
        }
    }
    /* one sort of every pair by score; each challenge's applicants are the
       same order, bucketed (a stable counting pass, not a sort each) */
    memcpy(apps, s->pairs, sizeof *apps * (size_t)s->npairs);
    qsort(apps, (size_t)s->npairs, sizeof *apps, cmp_score);
    int *bucket = xmalloc(sizeof *bucket * (size_t)(s->npairs ? s->npairs : 1));
    int *fill = xmalloc(sizeof *fill * (size_t)(s->nchals ? s->nchals : 1));
    memcpy(fill, s->by_chal_start, sizeof *fill * (size_t)s->nchals);
    for (int k = 0; k < s->npairs; k++)
        bucket[fill[s->apps[apps[k]].chal]++] = apps[k];
    free(fill);
    /* staff_first: every team at its smallest valid size first, then more
       members, so that the money and the applicants go to staffing
       challenges before filling seats (at national scale, filling first
       spent the envelope before the last challenges' turn) */
    for (int k = 0; k < s->nchals; k++) {
        int h = order[k];
        int lo = s->by_chal_start[h], n = s->by_chal_start[h + 1] - lo;
        staff(&g, h, bucket + lo, n, ascore, staff_first ? 1e300 : fill_min);
    }
    for (int k = 0; k < s->nchals && staff_first; k++) {
        int h = order[k];
        int lo = s->by_chal_start[h], n = s->by_chal_start[h + 1] - lo;
        if (g.size[h] > 0)
            staff(&g, h, bucket + lo, n, ascore, fill_min);
    }
    free(bucket);
    /* fill: free applicants join staffed teams with room, best score first
       (not in a rounding for the staffed level, round_cohort_staffed():
       there teams are what counts, and members beyond the LP's can take a
       share rule past what the repair's moves bring back) */
    for (int k = 0; k < s->npairs && !staffed; k++) {
        const app *a = &s->apps[apps[k]];
        if (g.size[a->chal] > 0 && gs_fits(&g, a))
            gs_add(&g, apps[k]);
    }
    repair(&g, 0);
    if (deficit(&g) > 0)
        repair(&g, drops);
    improve(&g);
    free(apps);
    free(order);
    gs_free(&g);
    return check_cohort(s, assign, NULL, 0) == 0;
}

/* The starting cohort (drops: 1, members only) or any cohort for the
 * conflict finder (2: whole teams too, greedy_any_cohort()). */
static int greedy(const cohort_scenario *s, int drops, int *assign)
{
    /* best ranks first; scarce challenges first */
    double *as = xmalloc(sizeof *as * (size_t)(s->napps ? s->napps : 1));
    double *cs = xmalloc(sizeof *cs * (size_t)(s->nchals ? s->nchals : 1));
    for (int a = 0; a < s->napps; a++)
        as[a] = -(double)s->apps[a].rcost;
    for (int h = 0; h < s->nchals; h++)
        cs[h] = -(double)(s->by_chal_start[h + 1] - s->by_chal_start[h]);
    int ok = build(s, as, cs, -1e300, 0, drops, 0, assign);
    free(as);
    free(cs);
    return ok;
}

/* From this many jury-ranked pairs, the starting cohort may drop whole
 * teams too. There a dive costs about a second (national: 1 s each, and
 * four of them failed before the search started without a cohort on a
 * designers' share of a third), so a starting cohort is worth more than
 * the place it starts the search from; below, dives cost milliseconds
 * and the search's first incumbent from them did better
 * (tests/e2e/search/designers-third: 0.5 s; from a team-dropping start,
 * its filled level's search did not close 33 against 34 in 30 s; since
 * the count bounds of that search, 0.1 s from either start, and the 60
 * promotion what-ifs of bench/whatif.py take 10.6 s from this one, 11.1 s
 * from team drops everywhere). */
#define TEAM_DROP_PAIRS 2000

int greedy_cohort(const cohort_scenario *s, int *assign)
{
    return greedy(s, s->npairs >= TEAM_DROP_PAIRS ? 2 : 1, assign);
}

int greedy_any_cohort(const cohort_scenario *s, int *assign)
{
    return greedy(s, 2, assign);
}

static int rounding(const cohort_scenario *s, const double *xval, const double *yval,
                    int staff_first, int drops, int staffed, int *assign)
{
    double *as = xmalloc(sizeof *as * (size_t)(s->napps ? s->napps : 1));
    for (int a = 0; a < s->napps; a++)
        as[a] = -1;
    /* an applicant the LP places elsewhere is worth less here */
    double *used = xcalloc((size_t)(s->ncands ? s->ncands : 1), sizeof *used);
    for (int k = 0; k < s->npairs; k++)
        used[s->apps[s->pairs[k]].cand] += xval[k];
    for (int k = 0; k < s->npairs; k++)
        as[s->pairs[k]] = xval[k] - (used[s->apps[s->pairs[k]].cand] - xval[k]);
    free(used);
    int ok = build(s, as, yval, 0.5, staff_first, drops, staffed, assign);
    free(as);
    return ok;
}

int round_cohort(const cohort_scenario *s, const double *xval, const double *yval,
                 int staff_first, int *assign)
{
    return rounding(s, xval, yval, staff_first, 1, 0, assign);
}

int round_cohort_staffed(const cohort_scenario *s, const double *xval, const double *yval,
                         int *assign)
{
    return rounding(s, xval, yval, 1, 1, 1, assign);
}

int round_cohort_teams(const cohort_scenario *s, const double *xval, const double *yval,
                       int staff_first, int *assign)
{
    return rounding(s, xval, yval, staff_first, 2, 0, assign);
}
