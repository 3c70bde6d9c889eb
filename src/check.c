/* check.c - exact, integer verification of a cohort against C1..C11.
 *
 * The solver works in floating point with tolerances; this checker does
 * not. Every cohort the engine writes has passed it, so a rounding error in
 * the LP can never reach the outputs.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void cohort_levels(const cohort_scenario *s, const int *assign, int64_t level[NLEVELS])
{
    int *size = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *size);
    level[LV_STAFFED] = level[LV_FILLED] = level[LV_RANK] = 0;
    for (int i = 0; i < s->ncands; i++) {
        if (assign[i] < 0)
            continue;
        const app *a = &s->apps[assign[i]];
        size[a->chal]++;
        level[LV_FILLED]++;
        level[LV_RANK] += a->rcost;
    }
    for (int h = 0; h < s->nchals; h++)
        if (size[h])
            level[LV_STAFFED]++;
    free(size);
}

/* share test: count / n within [min, max] exactly, with n = cohort size */
static int share_ok(int64_t count, int64_t n, int has_min, ratio mn, int has_max, ratio mx)
{
    if (has_min && (__int128)count * mn.den < (__int128)mn.num * n)
        return 0;
    if (has_max && (__int128)count * mx.den > (__int128)mx.num * n)
        return 0;
    return 1;
}

int check_cohort(const cohort_scenario *s, const int *assign, char *buf, size_t n)
{
    int bad = 0;
    int H = s->nchals ? s->nchals : 1;
    int *size = xcalloc((size_t)H, sizeof *size);
    int *prof = xcalloc((size_t)H * NPROF, sizeof *prof);
    int64_t *hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *hostpay);
    int64_t prog = 0, total = 0, pcount[NPROF] = {0};
    int64_t *dcount = xcalloc((size_t)(s->ndivs ? s->ndivs : 1), sizeof *dcount);
    if (buf && n)
        buf[0] = '\0';
#define FAIL(...)                                                                              \
    do {                                                                                       \
        if (!bad++ && buf)                                                                     \
            snprintf(buf, n, __VA_ARGS__);                                                     \
    } while (0)
    for (int i = 0; i < s->ncands; i++) {
        int k = assign[i];
        if (k < 0)
            continue;
        if (k >= s->napps || s->apps[k].cand != i) {
            FAIL("C1 candidate %s: invalid assignment", s->cands[i].id);
            continue;
        }
        const app *a = &s->apps[k];
        if (!a->eligible)
            FAIL("C2 %s on %s is not an eligible pair", s->cands[i].id, s->chals[a->chal].id);
        size[a->chal]++;
        prof[a->chal * NPROF + s->cands[i].profile]++;
        hostpay[s->chals[a->chal].host] += a->hshare;
        prog += a->prog;
        total++;
        pcount[s->cands[i].profile]++;
        for (int d = 0; d < s->ndivs; d++) {
            int at = s->divs[d].attr;
            const char *v = at >= 0 ? s->cands[i].attrs[at] : NULL;
            if (v && !strcmp(v, s->divs[d].value))
                dcount[d]++;
        }
    }
    for (int h = 0; h < s->nchals; h++) {
        const challenge *c = &s->chals[h];
        if (!size[h]) {
            if (c->must_staff)
                FAIL("C6 must_staff %s is not staffed", c->id);
            continue;
        }
        if (size[h] < c->min_team || size[h] > c->max_team)
            FAIL("C3 %s has %d members (expected %d-%d)", c->id, size[h], c->min_team,
                 c->max_team);
        int distinct = 0;
        for (int p = 0; p < NPROF; p++) {
            int k = prof[h * NPROF + p];
            if (k)
                distinct++;
            if (k < c->need_min[p] || k > c->need_max[p])
                FAIL("C4 %s has %d %s (needs %d-%d)", c->id, k, PROFILE_NAMES[p],
                     c->need_min[p], c->need_max[p]);
        }
        if (distinct < s->min_distinct)
            FAIL("C5 %s has %d distinct profiles (expected %d)", c->id, distinct,
                 s->min_distinct);
    }
    if ((s->cs_min >= 0 && total < s->cs_min) || (s->cs_max >= 0 && total > s->cs_max))
        FAIL("C7 cohort size %lld", (long long)total);
    for (int p = 0; p < NPROF; p++) {
        if (!s->has_quota[p])
            continue;
        const quota *q = &s->quotas[p];
        if ((q->min >= 0 && pcount[p] < q->min) || (q->max >= 0 && pcount[p] > q->max))
            FAIL("C8 %s count %lld", PROFILE_NAMES[p], (long long)pcount[p]);
        if (!share_ok(pcount[p], total, q->has_min_share, q->min_share, q->has_max_share,
                      q->max_share))
            FAIL("C8 %s share %lld/%lld", PROFILE_NAMES[p], (long long)pcount[p],
                 (long long)total);
    }
    for (int d = 0; d < s->ndivs; d++) {
        const diversity *D = &s->divs[d];
        if (!share_ok(dcount[d], total, D->has_min_share, D->min_share, D->has_max_share,
                      D->max_share))
            FAIL("C9 %s=%s share %lld/%lld", D->attribute, D->value, (long long)dcount[d],
                 (long long)total);
    }
    if (s->envelope >= 0 && prog > s->envelope)
        FAIL("C10 programme pays %lld cents over the envelope", (long long)(prog - s->envelope));
    for (int h = 0; h < s->nhosts; h++)
        if (s->hosts[h].budget >= 0 && hostpay[h] > s->hosts[h].budget)
            FAIL("C11 host %s pays %lld cents over its budget", s->hosts[h].id,
                 (long long)(hostpay[h] - s->hosts[h].budget));
#undef FAIL
    free(size);
    free(prof);
    free(hostpay);
    free(dcount);
    return bad;
}
