/* sched_inst.c - the interview schedule's instance (CONTRACT.md section 4):
 * the shortlisted interviews, the slots in time order, who may sit when, and
 * the exact rules and objective of a schedule, shared by the heuristics, the
 * solver (which re-checks GLPK's answer here) and the counting arguments.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot_key {
    int day, start, end;
    long line;
    int idx;
} slot_key;

static int cmp_slot_key(const void *a, const void *b)
{
    const slot_key *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->idx - y->idx;
}

void sched_inst_build(const cohort_scenario *s, int buffer, int max_per_day, sched_inst *in)
{
    memset(in, 0, sizeof *in);
    in->s = s;
    in->buffer = buffer > 0 ? buffer : 0;
    in->max_per_day = max_per_day > 0 ? max_per_day : 0;

    /* interviews: the shortlisted applications, in preferences.csv order */
    in->iv_app = xmalloc(sizeof *in->iv_app * (size_t)(s->napps ? s->napps : 1));
    for (int a = 0; a < s->napps; a++)
        if (s->apps[a].shortlisted)
            in->iv_app[in->niv++] = a;
    size_t niv = (size_t)(in->niv ? in->niv : 1);
    in->iv_cand = xmalloc(sizeof *in->iv_cand * niv);
    in->iv_chal = xmalloc(sizeof *in->iv_chal * niv);
    for (int k = 0; k < in->niv; k++) {
        in->iv_cand[k] = s->apps[in->iv_app[k]].cand;
        in->iv_chal[k] = s->apps[in->iv_app[k]].chal;
    }
    csr_build(s->ncands, in->niv, NULL, in->iv_cand, &in->cand_iv_start, &in->cand_iv);
    csr_build(s->nchals, in->niv, NULL, in->iv_chal, &in->chal_iv_start, &in->chal_iv);

    /* slots in time order; equal slots keep their file order */
    in->np = s->nslots;
    size_t np = (size_t)(in->np ? in->np : 1);
    slot_key *keys = xmalloc(sizeof *keys * np);
    for (int j = 0; j < s->nslots; j++)
        keys[j] = (slot_key){s->slots[j].day_index, s->slots[j].start, s->slots[j].end,
                             s->slots[j].line, j};
    qsort(keys, (size_t)s->nslots, sizeof *keys, cmp_slot_key);
    in->pos_slot = xmalloc(sizeof *in->pos_slot * np);
    in->day = xmalloc(sizeof *in->day * np);
    in->start = xmalloc(sizeof *in->start * np);
    in->end = xmalloc(sizeof *in->end * np);
    for (int p = 0; p < in->np; p++) {
        in->pos_slot[p] = keys[p].idx;
        in->day[p] = keys[p].day;
        in->start[p] = keys[p].start;
        in->end[p] = keys[p].end;
    }
    free(keys);
    in->ndays = s->ndays;
    in->day_first = xcalloc((size_t)in->ndays + 1, sizeof *in->day_first);
    for (int p = 0; p < in->np; p++)
        in->day_first[in->day[p] + 1]++;
    for (int d = 0; d < in->ndays; d++)
        in->day_first[d + 1] += in->day_first[d];

    /* availability: unavailable.csv rows overlapping a slot of their day (an
     * empty start or end was read as the start or end of the day) */
    in->cand_free = xmalloc((size_t)(s->ncands ? s->ncands : 1) * np);
    in->chal_free = xmalloc((size_t)(s->nchals ? s->nchals : 1) * np);
    memset(in->cand_free, 1, (size_t)s->ncands * (size_t)in->np);
    memset(in->chal_free, 1, (size_t)s->nchals * (size_t)in->np);
    for (int u = 0; u < s->nunav; u++) {
        const unavail *U = &s->unav[u];
        for (int p = 0; p < in->np; p++) {
            const slot *sl = &s->slots[in->pos_slot[p]];
            if (strcmp(sl->day, U->day) || !(U->start < sl->end && sl->start < U->end))
                continue;
            if (U->who == 0)
                in->cand_free[(size_t)U->id * (size_t)in->np + (size_t)p] = 0;
            else
                in->chal_free[(size_t)U->id * (size_t)in->np + (size_t)p] = 0;
        }
    }

    /* feasible positions of each interview: both sides free */
    in->feas_start = xcalloc(niv + 1, sizeof *in->feas_start);
    int cap = 0, n = 0;
    in->feas = NULL;
    for (int k = 0; k < in->niv; k++) {
        const unsigned char *cf = in->cand_free + (size_t)in->iv_cand[k] * (size_t)in->np;
        const unsigned char *hf = in->chal_free + (size_t)in->iv_chal[k] * (size_t)in->np;
        for (int p = 0; p < in->np; p++)
            if (cf[p] && hf[p]) {
                GROW(in->feas, cap, n + 1);
                in->feas[n++] = p;
            }
        in->feas_start[k + 1] = n;
    }
    if (!in->feas)
        in->feas = xmalloc(sizeof *in->feas);
}

void sched_inst_free(sched_inst *in)
{
    if (!in)
        return;
    free(in->iv_app);
    free(in->iv_cand);
    free(in->iv_chal);
    free(in->pos_slot);
    free(in->day);
    free(in->start);
    free(in->end);
    free(in->day_first);
    free(in->cand_free);
    free(in->chal_free);
    free(in->feas_start);
    free(in->feas);
    free(in->cand_iv_start);
    free(in->cand_iv);
    free(in->chal_iv_start);
    free(in->chal_iv);
    memset(in, 0, sizeof *in);
}

/* The buffer applies within a day only: two days never conflict. */
int sched_cand_conflict(const sched_inst *in, int p, int q)
{
    return in->day[p] == in->day[q] && in->start[p] < in->end[q] + in->buffer &&
           in->start[q] < in->end[p] + in->buffer;
}

int sched_panel_conflict(const sched_inst *in, int p, int q)
{
    return in->day[p] == in->day[q] && in->start[p] < in->end[q] && in->start[q] < in->end[p];
}

int sched_panel_day_gaps(const sched_inst *in, const int *pos, int h, int d)
{
    int used[64], nu = 0, *big = NULL, *u = used;
    int n = in->chal_iv_start[h + 1] - in->chal_iv_start[h];
    if (n > 64)
        u = big = xmalloc(sizeof *big * (size_t)n);
    for (int q = in->chal_iv_start[h]; q < in->chal_iv_start[h + 1]; q++) {
        int p = pos[in->chal_iv[q]];
        if (p >= 0 && in->day[p] == d)
            u[nu++] = p;
    }
    int gaps = 0;
    if (nu >= 2) {
        int first_end = in->end[u[0]], last_start = in->start[u[0]];
        for (int k = 1; k < nu; k++) {
            if (in->end[u[k]] < first_end)
                first_end = in->end[u[k]];
            if (in->start[u[k]] > last_start)
                last_start = in->start[u[k]];
        }
        const unsigned char *hf = in->chal_free + (size_t)h * (size_t)in->np;
        for (int p = in->day_first[d]; p < in->day_first[d + 1]; p++) {
            /* an available slot after some interview and before another,
             * overlapping none of them: the panel waits */
            if (!hf[p] || in->start[p] < first_end || in->end[p] > last_start)
                continue;
            int busy = 0;
            for (int k = 0; k < nu && !busy; k++)
                busy = sched_panel_conflict(in, p, u[k]);
            gaps += !busy;
        }
    }
    free(big);
    return gaps;
}

void sched_eval(const sched_inst *in, const int *pos, int *unplaced, int *days, int *gaps)
{
    const cohort_scenario *s = in->s;
    int un = 0, dd = 0, gg = 0;
    for (int k = 0; k < in->niv; k++)
        un += pos[k] < 0;
    /* candidate-days: distinct (candidate, day) pairs */
    for (int i = 0; i < s->ncands; i++) {
        unsigned long long seen = 0;
        int extra = 0;
        for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++) {
            int p = pos[in->cand_iv[q]];
            if (p < 0)
                continue;
            int d = in->day[p];
            if (d < 64) {
                if (!(seen >> d & 1ULL))
                    dd++;
                seen |= 1ULL << d;
            } else {
                int dup = 0;
                for (int r = in->cand_iv_start[i]; r < q; r++)
                    dup |= pos[in->cand_iv[r]] >= 0 && in->day[pos[in->cand_iv[r]]] == d;
                extra += !dup;
            }
        }
        dd += extra;
    }
    for (int h = 0; h < s->nchals; h++) {
        if (in->chal_iv_start[h + 1] - in->chal_iv_start[h] < 2)
            continue;
        for (int d = 0; d < in->ndays; d++)
            gg += sched_panel_day_gaps(in, pos, h, d);
    }
    if (unplaced)
        *unplaced = un;
    if (days)
        *days = dd;
    if (gaps)
        *gaps = gg;
}

int sched_check(const sched_inst *in, const int *pos, char *buf, size_t n)
{
    const cohort_scenario *s = in->s;
    int bad = 0;
    if (buf && n)
        buf[0] = '\0';
#define FIRST(...)                                                                             \
    do {                                                                                       \
        if (!bad++ && buf && n)                                                                \
            snprintf(buf, n, __VA_ARGS__);                                                     \
    } while (0)
    for (int k = 0; k < in->niv; k++) {
        int p = pos[k];
        if (p < 0)
            continue;
        const char *ci = s->cands[in->iv_cand[k]].id, *hi = s->chals[in->iv_chal[k]].id;
        if (p >= in->np) {
            FIRST("interview %s/%s: no such slot", ci, hi);
            continue;
        }
        if (!in->cand_free[(size_t)in->iv_cand[k] * (size_t)in->np + (size_t)p])
            FIRST("candidate %s booked while unavailable", ci);
        if (!in->chal_free[(size_t)in->iv_chal[k] * (size_t)in->np + (size_t)p])
            FIRST("panel %s booked while unavailable", hi);
    }
    for (int i = 0; i < s->ncands; i++)
        for (int a = in->cand_iv_start[i]; a < in->cand_iv_start[i + 1]; a++)
            for (int b = a + 1; b < in->cand_iv_start[i + 1]; b++) {
                int p = pos[in->cand_iv[a]], q = pos[in->cand_iv[b]];
                if (p >= 0 && q >= 0 && sched_cand_conflict(in, p, q))
                    FIRST("candidate %s has two interviews at once (or within the buffer)",
                          s->cands[i].id);
            }
    for (int h = 0; h < s->nchals; h++) {
        int *perday = xcalloc((size_t)in->ndays + 1, sizeof *perday);
        for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++) {
            int p = pos[in->chal_iv[a]];
            if (p >= 0 && ++perday[in->day[p]] == in->max_per_day + 1 && in->max_per_day)
                FIRST("panel %s holds more than %d interviews a day", s->chals[h].id,
                      in->max_per_day);
            for (int b = a + 1; b < in->chal_iv_start[h + 1]; b++) {
                int q = pos[in->chal_iv[b]];
                if (p >= 0 && q >= 0 && sched_panel_conflict(in, p, q))
                    FIRST("panel %s holds two interviews at once", s->chals[h].id);
            }
        }
        free(perday);
    }
#undef FIRST
    return bad;
}
