/* sched_precheck.c - why the slots cannot hold every interview, found by
 * counting before any solver runs, so that the message names who is short
 * of slots and by how many:
 *
 * - an interview whose candidate and panel are never free at the same time;
 * - a panel with more interviews than it can hold: a maximum flow from its
 *   interviews to the slots where both sides are free, each slot once, each
 *   day at most as many as fit without overlapping (and --max-per-day); a
 *   minimum cut names the interviews that compete for too few slots;
 * - a candidate with more interviews than fit in their free time without
 *   overlapping (with --buffer), counted by the classic earliest-end
 *   interval argument, then exactly by trying every placement.
 *
 * Every bound here is a relaxation of the schedule's rules, so a shortfall
 * found is a proof that no schedule places everything.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- a small maximum flow (augmenting paths; flows here are tiny) ---------- */

typedef struct flow {
    int n, m, cap_e;
    int *head, *next, *to, *cap;
    int *seen;
} flow;

static void flow_init(flow *f, int n)
{
    memset(f, 0, sizeof *f);
    f->n = n;
    f->head = xmalloc(sizeof *f->head * (size_t)n);
    f->seen = xcalloc((size_t)n, sizeof *f->seen);
    for (int v = 0; v < n; v++)
        f->head[v] = -1;
}

static void flow_free(flow *f)
{
    free(f->head);
    free(f->next);
    free(f->to);
    free(f->cap);
    free(f->seen);
}

static void flow_edge(flow *f, int u, int v, int c)
{
    if (f->m + 2 > f->cap_e) {
        int nc = f->cap_e ? f->cap_e * 2 : 64;
        f->next = xrealloc(f->next, sizeof *f->next * (size_t)nc);
        f->to = xrealloc(f->to, sizeof *f->to * (size_t)nc);
        f->cap = xrealloc(f->cap, sizeof *f->cap * (size_t)nc);
        f->cap_e = nc;
    }
    f->to[f->m] = v;
    f->cap[f->m] = c;
    f->next[f->m] = f->head[u];
    f->head[u] = f->m++;
    f->to[f->m] = u;
    f->cap[f->m] = 0;
    f->next[f->m] = f->head[v];
    f->head[v] = f->m++;
}

static int augment(flow *f, int u, int t, int mark)
{
    if (u == t)
        return 1;
    f->seen[u] = mark;
    for (int e = f->head[u]; e >= 0; e = f->next[e])
        if (f->cap[e] > 0 && f->seen[f->to[e]] != mark && augment(f, f->to[e], t, mark)) {
            f->cap[e]--;
            f->cap[e ^ 1]++;
            return 1;
        }
    return 0;
}

static int flow_max(flow *f, int s, int t)
{
    int total = 0, mark = 1;
    while (augment(f, s, t, mark++))
        total++;
    /* leave seen[] = -1 on the source side of a minimum cut */
    for (int v = 0; v < f->n; v++)
        f->seen[v] = 0;
    augment(f, s, -2, -1);
    return total;
}

/* ---- messages ------------------------------------------------------------------ */

static void slot_text(const sched_inst *in, int p, sbuf *b)
{
    const slot *sl = &in->s->slots[in->pos_slot[p]];
    sb_printf(b, "%s %02d:%02d", sl->day, sl->start / 60, sl->start % 60);
}

/* "A, B and C" (at most 6 names, then "and N more") */
static void names(sbuf *b, const char *const *v, int n)
{
    for (int k = 0; k < n && k < 6; k++) {
        if (k)
            sb_puts(b, k == n - 1 ? " and " : ", ");
        sb_puts(b, v[k]);
    }
    if (n > 6)
        sb_printf(b, " and %d more", n - 6);
}

void sched_add_problem(cohort_schedule_result *r, const char *kind, const char *subject,
                       int interviews, int slots, const int *ivs, int nivs, char *text)
{
    r->problems = xrealloc(r->problems, sizeof *r->problems * (size_t)(r->nproblems + 1));
    sched_problem *p = &r->problems[r->nproblems++];
    p->kind = xstrdup(kind);
    p->subject = xstrdup(subject);
    p->interviews = interviews;
    p->slots = slots;
    p->missing = interviews - slots;
    p->text = text;
    p->nivs = nivs;
    p->ivs = xmalloc(sizeof *p->ivs * (size_t)(nivs ? nivs : 1));
    if (nivs)
        memcpy(p->ivs, ivs, sizeof *ivs * (size_t)nivs);
}

/* ---- counting -------------------------------------------------------------------- */

/* Largest number of pairwise compatible positions among those with ok[p]
 * on day d (earliest end first is optimal for intervals; the buffer
 * lengthens each interval). */
int sched_max_disjoint(const sched_inst *in, const unsigned char *ok, int d, int buffer)
{
    int n = 0, last_end = -1000000;
    int a = in->day_first[d], b = in->day_first[d + 1];
    char *used = xcalloc((size_t)(b - a + 1), 1);
    for (;;) {
        int best = -1;
        for (int p = a; p < b; p++)
            if (ok[p] && !used[p - a] && in->start[p] >= last_end &&
                (best < 0 || in->end[p] < in->end[best]))
                best = p;
        if (best < 0)
            break;
        used[best - a] = 1;
        last_end = in->end[best] + buffer;
        n++;
    }
    free(used);
    return n;
}

static void check_panel(const sched_inst *in, int h, const char *reported,
                        cohort_schedule_result *r)
{
    const cohort_scenario *s = in->s;
    int *ks = xmalloc(sizeof *ks * (size_t)(in->chal_iv_start[h + 1] - in->chal_iv_start[h] + 1));
    int n = 0;
    for (int q = in->chal_iv_start[h]; q < in->chal_iv_start[h + 1]; q++)
        if (!reported[in->chal_iv[q]])
            ks[n++] = in->chal_iv[q];
    if (!n) {
        free(ks);
        return;
    }
    const unsigned char *hf = in->chal_free + (size_t)h * (size_t)in->np;
    /* nodes: source, interviews, positions, days, sink */
    int src = 0, iv0 = 1, p0 = iv0 + n, d0 = p0 + in->np, sink = d0 + in->ndays;
    flow f;
    flow_init(&f, sink + 1);
    int avail = 0, capped = 0;
    for (int j = 0; j < n; j++) {
        flow_edge(&f, src, iv0 + j, 1);
        for (int q = in->feas_start[ks[j]]; q < in->feas_start[ks[j] + 1]; q++)
            flow_edge(&f, iv0 + j, p0 + in->feas[q], 1);
    }
    for (int p = 0; p < in->np; p++)
        if (hf[p])
            flow_edge(&f, p0 + p, d0 + in->day[p], 1);
    for (int d = 0; d < in->ndays; d++) {
        int c = sched_max_disjoint(in, hf, d, 0);
        avail += c;
        if (in->max_per_day && c > in->max_per_day)
            c = in->max_per_day;
        capped += c;
        flow_edge(&f, d0 + d, sink, c);
    }
    int got = flow_max(&f, src, sink);
    if (got < n) {
        int missing = n - got;
        int *z = xmalloc(sizeof *z * (size_t)n), nz = 0;
        for (int j = 0; j < n; j++)
            if (f.seen[iv0 + j] == -1)
                z[nz++] = ks[j];
        int slots = nz - missing;
        sbuf b;
        sb_init(&b);
        const char *hid = s->chals[h].id;
        int overlapping = 0;
        for (int p = 0; p + 1 < in->np && !overlapping; p++)
            overlapping = in->day[p] == in->day[p + 1] && in->start[p + 1] < in->end[p];
        if (nz == n && capped < n && capped < avail) {
            sb_printf(&b, "panel %s has %d shortlisted interviews but can hold only %d: at most "
                          "%d a day (--max-per-day) in the slots where it is available",
                      hid, n, capped, in->max_per_day);
        } else if (nz == n && avail < n) {
            sb_printf(&b, "panel %s has %d shortlisted interviews but only %d %sslots where it "
                          "is available", hid, n, avail, overlapping ? "non-overlapping " : "");
        } else {
            const char **v = xmalloc(sizeof *v * (size_t)nz);
            for (int j = 0; j < nz; j++)
                v[j] = s->cands[in->iv_cand[z[j]]].id;
            sb_printf(&b, "panel %s: its %d interview%s with ", hid, nz, nz > 1 ? "s" : "");
            names(&b, v, nz);
            free(v);
            sb_printf(&b, " can use only %d slot%s where both the panel and the candidate are "
                          "available", slots, slots == 1 ? "" : "s");
            /* the slots on the source side of the cut are the ones they share */
            int listed = 0, total = 0;
            for (int p = 0; p < in->np; p++)
                total += f.seen[p0 + p] == -1;
            if (total && total <= 6) {
                sb_puts(&b, " (");
                for (int p = 0; p < in->np; p++)
                    if (f.seen[p0 + p] == -1) {
                        if (listed++)
                            sb_puts(&b, ", ");
                        slot_text(in, p, &b);
                    }
                sb_puts(&b, ")");
            }
        }
        sb_printf(&b, "; %d slot%s missing", missing, missing > 1 ? "s" : "");
        sched_add_problem(r, "panel", hid, nz, slots, z, nz, sb_take(&b));
        free(z);
    }
    flow_free(&f);
    free(ks);
}

/* Exact: the largest number of k's interviews placeable in pairwise
 * compatible feasible positions; -1 when the search is too big. */
typedef struct cdfs {
    const sched_inst *in;
    const int *ks;
    int n, best, chosen[32];
    long nodes;
} cdfs;

static void cand_dfs(cdfs *c, int j, int placed)
{
    if (placed + (c->n - j) <= c->best || c->nodes++ > 200000)
        return;
    if (j == c->n) {
        c->best = placed;
        return;
    }
    const sched_inst *in = c->in;
    int k = c->ks[j];
    for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
        int p = in->feas[q], ok = 1;
        for (int a = 0; a < j && ok; a++)
            ok = c->chosen[a] < 0 || !sched_cand_conflict(in, p, c->chosen[a]);
        if (!ok)
            continue;
        c->chosen[j] = p;
        cand_dfs(c, j + 1, placed + 1);
        if (c->best == c->n)
            return;
    }
    c->chosen[j] = -1;
    cand_dfs(c, j + 1, placed);
}

static void check_candidate(const sched_inst *in, int i, const char *reported,
                            cohort_schedule_result *r)
{
    const cohort_scenario *s = in->s;
    int ks[32], n = 0;
    for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1] && n < 32; q++)
        if (!reported[in->cand_iv[q]])
            ks[n++] = in->cand_iv[q];
    if (n < 2)
        return;
    const unsigned char *cf = in->cand_free + (size_t)i * (size_t)in->np;
    int cap = 0;
    for (int d = 0; d < in->ndays; d++)
        cap += sched_max_disjoint(in, cf, d, in->buffer);
    sbuf b;
    sb_init(&b);
    const char *v[32];
    for (int j = 0; j < n; j++)
        v[j] = s->chals[in->iv_chal[ks[j]]].id;
    if (cap < n) {
        sb_printf(&b, "candidate %s has %d interviews (", s->cands[i].id, n);
        names(&b, v, n);
        sb_printf(&b, ") but is available in only %d non-overlapping slot%s", cap,
                  cap == 1 ? "" : "s");
        if (in->buffer)
            sb_printf(&b, " with %d minutes between two interviews (--buffer)", in->buffer);
        sb_printf(&b, "; %d slot%s missing", n - cap, n - cap > 1 ? "s" : "");
        sched_add_problem(r, "candidate", s->cands[i].id, n, cap, ks, n, sb_take(&b));
        return;
    }
    cdfs c = {in, ks, n, 0, {0}, 0};
    cand_dfs(&c, 0, 0);
    if (c.nodes > 200000 || c.best >= n) {
        sb_free(&b);
        return;
    }
    sb_printf(&b, "candidate %s has %d interviews (", s->cands[i].id, n);
    names(&b, v, n);
    sb_printf(&b, ") but only %d of them fit, without overlapping%s, in slots where both the "
                  "candidate and the panel are available; %d slot%s missing",
              c.best, in->buffer ? " or coming closer than the buffer" : "", n - c.best,
              n - c.best > 1 ? "s" : "");
    sched_add_problem(r, "candidate", s->cands[i].id, n, c.best, ks, n, sb_take(&b));
}

int sched_precheck(const sched_inst *in, cohort_schedule_result *r)
{
    const cohort_scenario *s = in->s;
    int before = r->nproblems;
    char *reported = xcalloc((size_t)(in->niv ? in->niv : 1), 1);
    for (int k = 0; k < in->niv; k++) {
        if (in->feas_start[k + 1] > in->feas_start[k])
            continue;
        const char *ci = s->cands[in->iv_cand[k]].id, *hi = s->chals[in->iv_chal[k]].id;
        const unsigned char *cf = in->cand_free + (size_t)in->iv_cand[k] * (size_t)in->np;
        const unsigned char *hf = in->chal_free + (size_t)in->iv_chal[k] * (size_t)in->np;
        int cn = 0, hn = 0;
        for (int p = 0; p < in->np; p++) {
            cn += cf[p];
            hn += hf[p];
        }
        char *text;
        if (!cn)
            text = xasprintf("interview of candidate %s with panel %s: the candidate is "
                             "unavailable in every slot; 1 slot missing", ci, hi);
        else if (!hn)
            text = xasprintf("interview of candidate %s with panel %s: the panel is unavailable "
                             "in every slot; 1 slot missing", ci, hi);
        else
            text = xasprintf("interview of candidate %s with panel %s: no slot where both are "
                             "available; 1 slot missing", ci, hi);
        char *subj = xasprintf("%s/%s", ci, hi);
        sched_add_problem(r, "interview", subj, 1, 0, &k, 1, text);
        free(subj);
        reported[k] = 1;
    }
    for (int h = 0; h < s->nchals; h++)
        check_panel(in, h, reported, r);
    for (int i = 0; i < s->ncands; i++)
        check_candidate(in, i, reported, r);
    free(reported);
    return r->nproblems - before;
}
