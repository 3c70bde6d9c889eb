/* greedy.c - a fast starting cohort for the branch-and-bound.
 *
 * Challenges are taken must-staff first, then scarcest pool first; each
 * gets the best-ranked free applicants that keep every running total
 * (envelope, host budgets, profile maxima, cohort maximum) within bounds:
 * first the minimum of each need, then new profiles until the team is
 * pluridisciplinary, then more members up to max_team. The result is kept
 * only when check_cohort() accepts it.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct gctx {
    const cohort_scenario *s;
    int *assign;
    int64_t prog, *hostpay;
    int total, pcount[NPROF];
} gctx;

static const cohort_scenario *sort_s;
static int cmp_rcost(const void *a, const void *b)
{
    const app *x = &sort_s->apps[*(const int *)a], *y = &sort_s->apps[*(const int *)b];
    if (x->rcost != y->rcost)
        return x->rcost < y->rcost ? -1 : 1;
    return *(const int *)a - *(const int *)b;
}

static int affordable(gctx *g, const app *a, int extra_prog, int64_t extra_host)
{
    const cohort_scenario *s = g->s;
    const host *h = &s->hosts[s->chals[a->chal].host];
    int p = s->cands[a->cand].profile;
    if (s->envelope >= 0 && g->prog + extra_prog + a->prog > s->envelope)
        return 0;
    if (h->budget >= 0 && g->hostpay[s->chals[a->chal].host] + extra_host + a->hshare > h->budget)
        return 0;
    if (s->has_quota[p] && s->quotas[p].max >= 0 && g->pcount[p] >= s->quotas[p].max)
        return 0;
    if (s->cs_max >= 0 && g->total >= s->cs_max)
        return 0;
    return 1;
}

/* Tries to staff challenge h; commits the team when complete. */
static void staff(gctx *g, int h, const int *sorted, int n)
{
    const cohort_scenario *s = g->s;
    const challenge *c = &s->chals[h];
    int team[64], nt = 0, cnt[NPROF] = {0}, distinct = 0;
    int64_t tprog = 0, thost = 0;
    int cap = c->max_team < 64 ? c->max_team : 64;
    unsigned char *used = xcalloc((size_t)(n ? n : 1), 1);
    /* phase 0: need minimums; phase 1: new profiles; phase 2: fill */
    for (int phase = 0; phase < 3; phase++) {
        for (int k = 0; k < n && nt < cap; k++) {
            if (used[k])
                continue;
            const app *a = &s->apps[sorted[k]];
            int p = s->cands[a->cand].profile;
            if (g->assign[a->cand] >= 0)
                continue;
            if (phase == 0 && cnt[p] >= c->need_min[p])
                continue;
            if (phase == 1 && (cnt[p] > 0 || distinct >= s->min_distinct))
                continue;
            if (cnt[p] >= c->need_max[p])
                continue;
            if (phase == 2 && nt >= c->min_team && distinct < s->min_distinct)
                continue;
            if (!affordable(g, a, (int)0, thost) ||
                (s->envelope >= 0 && g->prog + tprog + a->prog > s->envelope))
                continue;
            /* keep room for the profiles still required */
            int still = 0;
            for (int q = 0; q < NPROF; q++)
                if (q != p && cnt[q] < c->need_min[q])
                    still += c->need_min[q] - cnt[q];
            int newp = cnt[p] == 0;
            int dist_missing = s->min_distinct - distinct - newp;
            if (dist_missing < 0)
                dist_missing = 0;
            if (nt + 1 + (still > dist_missing ? still : dist_missing) > cap)
                continue;
            used[k] = 1;
            team[nt++] = sorted[k];
            if (!cnt[p]++)
                distinct++;
            tprog += a->prog;
            thost += a->hshare;
        }
    }
    free(used);
    int ok = nt >= c->min_team && distinct >= s->min_distinct;
    for (int p = 0; p < NPROF && ok; p++)
        if (cnt[p] < c->need_min[p])
            ok = 0;
    if (!ok)
        return;
    for (int k = 0; k < nt; k++) {
        const app *a = &s->apps[team[k]];
        g->assign[a->cand] = team[k];
        g->prog += a->prog;
        g->hostpay[s->chals[a->chal].host] += a->hshare;
        g->total++;
        g->pcount[s->cands[a->cand].profile]++;
    }
}

static int cmp_chal_order(const void *a, const void *b)
{
    const cohort_scenario *s = sort_s;
    int x = *(const int *)a, y = *(const int *)b;
    if (s->chals[x].must_staff != s->chals[y].must_staff)
        return s->chals[y].must_staff - s->chals[x].must_staff;
    int nx = s->by_chal_start[x + 1] - s->by_chal_start[x];
    int ny = s->by_chal_start[y + 1] - s->by_chal_start[y];
    if (nx != ny)
        return nx - ny;
    return x - y;
}

int greedy_cohort(const cohort_scenario *s, int *assign)
{
    gctx g = {s, assign, 0, NULL, 0, {0}};
    g.hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *g.hostpay);
    for (int i = 0; i < s->ncands; i++)
        assign[i] = -1;
    int *order = xmalloc(sizeof *order * (size_t)(s->nchals ? s->nchals : 1));
    for (int h = 0; h < s->nchals; h++)
        order[h] = h;
    sort_s = s;
    qsort(order, (size_t)s->nchals, sizeof *order, cmp_chal_order);
    int *sorted = xmalloc(sizeof *sorted * (size_t)(s->npairs ? s->npairs : 1));
    for (int k = 0; k < s->nchals; k++) {
        int h = order[k];
        int lo = s->by_chal_start[h], n = s->by_chal_start[h + 1] - lo;
        memcpy(sorted, s->by_chal + lo, sizeof *sorted * (size_t)n);
        qsort(sorted, (size_t)n, sizeof *sorted, cmp_rcost);
        staff(&g, h, sorted, n);
    }
    free(sorted);
    free(order);
    free(g.hostpay);
    return check_cohort(s, assign, NULL, 0) == 0;
}
