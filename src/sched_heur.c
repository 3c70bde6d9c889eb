/* sched_heur.c - a good first schedule for GLPK to start from
 * (glp_ios_heur_sol), and a local search that polishes any schedule.
 *
 * The greedy takes the candidates with the most interviews first and puts
 * all of a candidate's interviews on one day when it can (the first
 * objective level counts candidate-days), choosing the slots that extend a
 * panel's block of the day rather than open a hole in it (the second level
 * counts panel gaps). The local search then moves one interview, swaps two
 * interviews of a panel or of a candidate, re-places a candidate's whole
 * day, and tries to place what is still unplaced by moving one interview out
 * of its way, keeping every move that improves (unplaced, candidate-days,
 * panel gaps) lexicographically. Everything here is deterministic: the
 * loops are bounded by counts, never by the clock (a deadline only cuts the
 * search short when the user gave a time limit).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define BIG 1000000L

typedef struct hstate {
    const sched_inst *in;
    int *pos;
    int *pd;    /* nchals * ndays: interviews of a panel on a day */
} hstate;

static int npd(const sched_inst *in)
{
    return (in->s->nchals ? in->s->nchals : 1) * (in->ndays ? in->ndays : 1);
}

/* 1 when interview k may take position p given the others (k itself is
 * treated as unplaced). */
static int can_place(const hstate *st, int k, int p)
{
    const sched_inst *in = st->in;
    int i = in->iv_cand[k], h = in->iv_chal[k];
    if (!in->cand_free[(size_t)i * (size_t)in->np + (size_t)p] ||
        !in->chal_free[(size_t)h * (size_t)in->np + (size_t)p])
        return 0;
    for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++) {
        int o = in->cand_iv[q];
        if (o != k && st->pos[o] >= 0 && sched_cand_conflict(in, p, st->pos[o]))
            return 0;
    }
    for (int q = in->chal_iv_start[h]; q < in->chal_iv_start[h + 1]; q++) {
        int o = in->chal_iv[q];
        if (o != k && st->pos[o] >= 0 && sched_panel_conflict(in, p, st->pos[o]))
            return 0;
    }
    if (in->max_per_day) {
        int n = st->pd[h * in->ndays + in->day[p]];
        if (st->pos[k] >= 0 && in->day[st->pos[k]] == in->day[p])
            n--;
        if (n >= in->max_per_day)
            return 0;
    }
    return 1;
}

static void set_pos(hstate *st, int k, int p)
{
    const sched_inst *in = st->in;
    int h = in->iv_chal[k];
    if (st->pos[k] >= 0)
        st->pd[h * in->ndays + in->day[st->pos[k]]]--;
    st->pos[k] = p;
    if (p >= 0)
        st->pd[h * in->ndays + in->day[p]]++;
}

/* days candidate i comes */
static int cand_days(const hstate *st, int i)
{
    const sched_inst *in = st->in;
    int n = 0;
    for (int a = in->cand_iv_start[i]; a < in->cand_iv_start[i + 1]; a++) {
        int p = st->pos[in->cand_iv[a]];
        if (p < 0)
            continue;
        int dup = 0;
        for (int b = in->cand_iv_start[i]; b < a && !dup; b++) {
            int q = st->pos[in->cand_iv[b]];
            dup = q >= 0 && in->day[q] == in->day[p];
        }
        n += !dup;
    }
    return n;
}

/* ---- greedy ---------------------------------------------------------------- */

typedef struct dfs {
    hstate *st;
    int *ks;      /* interviews to place, in order */
    int m;
    int day;      /* -1: any day */
    long best;
    int *cur, *bestp;
    long nodes, max_nodes;
} dfs;

/* Cost of putting k at p now: panel gaps it adds (dominant), then opening
 * a panel-day, then lateness within the day (packs blocks from the morning,
 * deterministic ties). */
static long place_cost(hstate *st, int k, int p)
{
    const sched_inst *in = st->in;
    int h = in->iv_chal[k], d = in->day[p];
    int before = sched_panel_day_gaps(in, st->pos, h, d);
    int empty = st->pd[h * in->ndays + d] == 0;
    set_pos(st, k, p);
    int after = sched_panel_day_gaps(in, st->pos, h, d);
    set_pos(st, k, -1);
    return (long)(after - before) * BIG + (empty ? 1000 : 0) + (p - in->day_first[d]);
}

static void dfs_run(dfs *D, int j, long cost)
{
    if (cost >= D->best || D->nodes++ > D->max_nodes)
        return;
    if (j == D->m) {
        D->best = cost;
        memcpy(D->bestp, D->cur, sizeof *D->cur * (size_t)D->m);
        return;
    }
    const sched_inst *in = D->st->in;
    int k = D->ks[j];
    int a = D->day >= 0 ? in->day_first[D->day] : 0;
    int b = D->day >= 0 ? in->day_first[D->day + 1] : in->np;
    for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
        int p = in->feas[q];
        if (p < a || p >= b || !can_place(D->st, k, p))
            continue;
        long c = place_cost(D->st, k, p);
        set_pos(D->st, k, p);
        D->cur[j] = p;
        dfs_run(D, j + 1, cost + c);
        set_pos(D->st, k, -1);
    }
}

static int options_on_day(const sched_inst *in, int k, int d)
{
    int n = 0;
    for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
        n += d < 0 || in->day[in->feas[q]] == d;
    return n;
}

/* Places the unplaced interviews ks[0..m) of one candidate all on day d,
 * at the least cost; returns the cost or -1 when they do not fit. Leaves
 * them unplaced; the positions are in out[]. */
static long best_on_day(hstate *st, int *ks, int m, int d, int *out)
{
    const sched_inst *in = st->in;
    /* fewest options first: the DFS fails fast */
    for (int a = 1; a < m; a++)
        for (int b = a; b > 0 && options_on_day(in, ks[b], d) < options_on_day(in, ks[b - 1], d);
             b--) {
            int t = ks[b];
            ks[b] = ks[b - 1];
            ks[b - 1] = t;
        }
    int cur[16];
    dfs D = {st, ks, m, d, BIG * 1000, cur, out, 0, 20000};
    dfs_run(&D, 0, 0);
    return D.best >= BIG * 1000 ? -1 : D.best;
}

typedef struct cand_key {
    int n, options, i;
} cand_key;

static int cmp_cand_key(const void *a, const void *b)
{
    const cand_key *x = a, *y = b;
    if (x->n != y->n)
        return y->n - x->n;
    if (x->options != y->options)
        return x->options - y->options;
    return x->i - y->i;
}

static void greedy_candidate(hstate *st, int i)
{
    const sched_inst *in = st->in;
    int ks[16], m = 0;
    for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++)
        if (st->pos[in->cand_iv[q]] < 0 && m < 16)
            ks[m++] = in->cand_iv[q];
    if (!m)
        return;
    long best = -1;
    int bestd = -1, bp[16], tmp[16], order[16];
    for (int d = 0; d < in->ndays; d++) {
        int kk[16];
        memcpy(kk, ks, sizeof *ks * (size_t)m);
        long c = best_on_day(st, kk, m, d, tmp);
        if (c >= 0 && (best < 0 || c < best)) {
            best = c;
            bestd = d;
            memcpy(bp, tmp, sizeof *tmp * (size_t)m);
            memcpy(order, kk, sizeof *kk * (size_t)m);
        }
    }
    if (bestd >= 0) {
        for (int j = 0; j < m; j++)
            set_pos(st, order[j], bp[j]);
        return;
    }
    /* no single day holds them all: one by one, preferring days already
     * used, the interview with the fewest options first */
    for (int a = 1; a < m; a++)
        for (int b = a; b > 0 && options_on_day(in, ks[b], -1) < options_on_day(in, ks[b - 1], -1);
             b--) {
            int t = ks[b];
            ks[b] = ks[b - 1];
            ks[b - 1] = t;
        }
    for (int j = 0; j < m; j++) {
        int k = ks[j], bpos = -1;
        long bc = 0;
        int days0 = cand_days(st, i);
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
            int p = in->feas[q];
            if (!can_place(st, k, p))
                continue;
            long c = place_cost(st, k, p);
            set_pos(st, k, p);
            c += (long)(cand_days(st, i) - days0) * BIG * 100;
            set_pos(st, k, -1);
            if (bpos < 0 || c < bc) {
                bc = c;
                bpos = p;
            }
        }
        if (bpos >= 0)
            set_pos(st, k, bpos);
    }
}

int sched_greedy(const sched_inst *in, int *pos)
{
    const cohort_scenario *s = in->s;
    hstate st = {in, pos, xcalloc((size_t)npd(in), sizeof(int))};
    for (int k = 0; k < in->niv; k++)
        pos[k] = -1;
    cand_key *keys = xmalloc(sizeof *keys * (size_t)(s->ncands ? s->ncands : 1));
    int n = 0;
    for (int i = 0; i < s->ncands; i++) {
        int m = in->cand_iv_start[i + 1] - in->cand_iv_start[i];
        if (!m)
            continue;
        int opts = 0;
        for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++)
            opts += options_on_day(in, in->cand_iv[q], -1);
        keys[n++] = (cand_key){m, opts, i};
    }
    qsort(keys, (size_t)n, sizeof *keys, cmp_cand_key);
    for (int c = 0; c < n; c++)
        greedy_candidate(&st, keys[c].i);
    free(keys);
    free(st.pd);
    int un = 0;
    for (int k = 0; k < in->niv; k++)
        un += pos[k] < 0;
    return un;
}

/* ---- local search ------------------------------------------------------------ */

/* (unplaced, days, gaps) as one number, lexicographic: each level is far
 * below the next one's unit at any realistic size. */
static long long total(const sched_inst *in, const int *pos)
{
    int u, d, g;
    sched_eval(in, pos, &u, &d, &g);
    return (long long)u * 1000000000000LL + (long long)d * 1000000LL + g;
}

/* Cost restricted to what moving interviews of candidates ca, cb and panels
 * ha, hb on days da, db changes. */
typedef struct scope {
    int c[8], nc, h[8], nh, d[8], nd;
} scope;

static void scope_add(int *arr, int *n, int v)
{
    if (v < 0)
        return;
    for (int k = 0; k < *n; k++)
        if (arr[k] == v)
            return;
    arr[(*n)++] = v;
}

static void scope_iv(scope *sc, const sched_inst *in, const int *pos, int k)
{
    scope_add(sc->c, &sc->nc, in->iv_cand[k]);
    scope_add(sc->h, &sc->nh, in->iv_chal[k]);
    if (pos[k] >= 0)
        scope_add(sc->d, &sc->nd, in->day[pos[k]]);
}

static long long local_cost(const hstate *st, const scope *sc)
{
    const sched_inst *in = st->in;
    long long u = 0, days = 0, gaps = 0;
    for (int a = 0; a < sc->nc; a++) {
        int i = sc->c[a];
        days += cand_days(st, i);
        for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++)
            u += st->pos[in->cand_iv[q]] < 0;
    }
    for (int a = 0; a < sc->nh; a++)
        for (int b = 0; b < sc->nd; b++)
            gaps += sched_panel_day_gaps(in, st->pos, sc->h[a], sc->d[b]);
    return u * 1000000000000LL + days * 1000000LL + gaps;
}

/* Tries to move k to p; keeps the move when it improves. */
static int try_move(hstate *st, int k, int p)
{
    const sched_inst *in = st->in;
    int old = st->pos[k];
    if (p == old || !can_place(st, k, p))
        return 0;
    scope sc;
    memset(&sc, 0, sizeof sc);
    scope_iv(&sc, in, st->pos, k);
    scope_add(sc.d, &sc.nd, in->day[p]);
    long long before = local_cost(st, &sc);
    set_pos(st, k, p);
    if (local_cost(st, &sc) < before)
        return 1;
    set_pos(st, k, old);
    return 0;
}

/* Swaps the positions of two placed interviews; keeps it when it improves. */
static int try_swap(hstate *st, int a, int b)
{
    const sched_inst *in = st->in;
    int pa = st->pos[a], pb = st->pos[b];
    if (pa < 0 || pb < 0 || pa == pb)
        return 0;
    scope sc;
    memset(&sc, 0, sizeof sc);
    scope_iv(&sc, in, st->pos, a);
    scope_iv(&sc, in, st->pos, b);
    long long before = local_cost(st, &sc);
    set_pos(st, a, -1);
    set_pos(st, b, -1);
    int ok = can_place(st, a, pb);
    if (ok) {
        set_pos(st, a, pb);
        ok = can_place(st, b, pa);
        if (ok) {
            set_pos(st, b, pa);
            if (local_cost(st, &sc) < before)
                return 1;
            set_pos(st, b, -1);
        }
        set_pos(st, a, -1);
    }
    set_pos(st, a, pa);
    set_pos(st, b, pb);
    return 0;
}

/* Re-places all of candidate i's interviews on day d (the others fixed). */
static int try_cand_day(hstate *st, int i, int d)
{
    const sched_inst *in = st->in;
    int ks[16], old[16], m = 0;
    for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1] && m < 16; q++) {
        ks[m] = in->cand_iv[q];
        old[m] = st->pos[ks[m]];
        m++;
    }
    if (m != in->cand_iv_start[i + 1] - in->cand_iv_start[i])
        return 0;
    scope sc;
    memset(&sc, 0, sizeof sc);
    scope_add(sc.c, &sc.nc, i);
    scope_add(sc.d, &sc.nd, d);
    if (m > 4)
        return 0;
    for (int j = 0; j < m; j++) {
        scope_add(sc.h, &sc.nh, in->iv_chal[ks[j]]);
        if (old[j] >= 0)
            scope_add(sc.d, &sc.nd, in->day[old[j]]);
    }
    long long before = local_cost(st, &sc);
    for (int j = 0; j < m; j++)
        set_pos(st, ks[j], -1);
    int kk[16], np_[16];
    memcpy(kk, ks, sizeof *ks * (size_t)m);
    if (best_on_day(st, kk, m, d, np_) >= 0) {
        for (int j = 0; j < m; j++)
            set_pos(st, kk[j], np_[j]);
        if (local_cost(st, &sc) < before)
            return 1;
        for (int j = 0; j < m; j++)
            set_pos(st, kk[j], -1);
    }
    for (int j = 0; j < m; j++)
        set_pos(st, ks[j], old[j]);
    return 0;
}

/* The one placed interview of panel h (other than k) overlapping p, -1 when
 * none, -2 when several. */
static int panel_blocker(const hstate *st, int h, int p, int k)
{
    const sched_inst *in = st->in;
    int b = -1;
    for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++) {
        int o = in->chal_iv[a];
        if (o != k && st->pos[o] >= 0 && sched_panel_conflict(in, p, st->pos[o]))
            b = b == -1 ? o : -2;
    }
    return b;
}

/* Candidate i comes on several days: bring all of their interviews to day d,
 * moving an interview of another candidate out of the way (to another slot
 * of the same day) where a panel is busy. Kept when it improves. */
static int try_cand_day_eject(hstate *st, int i, int d)
{
    const sched_inst *in = st->in;
    int m = in->cand_iv_start[i + 1] - in->cand_iv_start[i];
    if (m > 8)
        return 0;
    int *saved = xmalloc(sizeof *saved * (size_t)in->niv);
    memcpy(saved, st->pos, sizeof *saved * (size_t)in->niv);
    long long before = total(in, st->pos);
    int ks[8];
    for (int j = 0; j < m; j++) {
        ks[j] = in->cand_iv[in->cand_iv_start[i] + j];
        set_pos(st, ks[j], -1);
    }
    int ok = 1;
    for (int j = 0; j < m && ok; j++) {
        int k = ks[j], h = in->iv_chal[k], done = 0;
        for (int q = in->feas_start[k]; q < in->feas_start[k + 1] && !done; q++) {
            int p = in->feas[q];
            if (in->day[p] != d)
                continue;
            if (can_place(st, k, p)) {
                set_pos(st, k, p);
                done = 1;
                break;
            }
            int b = panel_blocker(st, h, p, k);
            if (b < 0)
                continue;
            int old = st->pos[b];
            set_pos(st, b, -1);
            if (!can_place(st, k, p)) {
                set_pos(st, b, old);
                continue;
            }
            set_pos(st, k, p);
            for (int r = in->feas_start[b]; r < in->feas_start[b + 1] && !done; r++) {
                int p2 = in->feas[r];
                if (in->day[p2] == in->day[old] && p2 != old && can_place(st, b, p2)) {
                    set_pos(st, b, p2);
                    done = 1;
                }
            }
            if (!done) {
                set_pos(st, k, -1);
                set_pos(st, b, old);
            }
        }
        ok = done;
    }
    if (ok && total(in, st->pos) < before) {
        free(saved);
        return 1;
    }
    for (int k = 0; k < in->niv; k++)
        if (st->pos[k] != saved[k])
            set_pos(st, k, -1);
    for (int k = 0; k < in->niv; k++)
        if (st->pos[k] != saved[k])
            set_pos(st, k, saved[k]);
    free(saved);
    return 0;
}

/* How many placed interviews are in the way of interview k at position p
 * (overlapping it for k's candidate or k's panel); *one is the last found. */
static int in_the_way(const hstate *st, int k, int p, int *one)
{
    const sched_inst *in = st->in;
    int i = in->iv_cand[k], h = in->iv_chal[k], n = 0;
    *one = -1;
    for (int a = in->cand_iv_start[i]; a < in->cand_iv_start[i + 1]; a++) {
        int o = in->cand_iv[a];
        if (o != k && st->pos[o] >= 0 && sched_cand_conflict(in, p, st->pos[o])) {
            *one = o;
            n++;
        }
    }
    for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++) {
        int o = in->chal_iv[a];
        if (o != k && st->pos[o] >= 0 && sched_panel_conflict(in, p, st->pos[o])) {
            *one = o;
            n++;
        }
    }
    return n;
}

/* An unplaced interview k: move one interview out of the way of position p
 * to another position, then place k there. */
static int try_eject(hstate *st, int k)
{
    const sched_inst *in = st->in;
    for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++) {
        int p = in->feas[q];
        /* the one interview in the way (of the candidate or of the panel) */
        int blocker;
        if (in_the_way(st, k, p, &blocker) != 1)
            continue;
        int old = st->pos[blocker];
        set_pos(st, blocker, -1);
        if (!can_place(st, k, p)) {
            set_pos(st, blocker, old);
            continue;
        }
        set_pos(st, k, p);
        for (int r = in->feas_start[blocker]; r < in->feas_start[blocker + 1]; r++) {
            int p2 = in->feas[r];
            if (p2 != old && can_place(st, blocker, p2)) {
                set_pos(st, blocker, p2);
                return 1;
            }
        }
        set_pos(st, k, -1);
        set_pos(st, blocker, old);
    }
    return 0;
}

/* A panel day with gaps: move interview k to position p of the same day,
 * moving the one interview in the way (of k's candidate or of the panel)
 * to another slot of its own day. Kept when it improves. */
static int try_move_eject(hstate *st, int k, int p)
{
    const sched_inst *in = st->in;
    int i = in->iv_cand[k], h = in->iv_chal[k], old = st->pos[k];
    if (p == old || !in->cand_free[(size_t)i * (size_t)in->np + (size_t)p] ||
        !in->chal_free[(size_t)h * (size_t)in->np + (size_t)p])
        return 0;
    int b;
    if (in_the_way(st, k, p, &b) != 1)
        return 0;
    int bold = st->pos[b];
    scope sc;
    memset(&sc, 0, sizeof sc);
    scope_iv(&sc, in, st->pos, k);
    scope_iv(&sc, in, st->pos, b);
    scope_add(sc.d, &sc.nd, in->day[p]);
    long long before = local_cost(st, &sc);
    set_pos(st, b, -1);
    if (can_place(st, k, p)) {
        set_pos(st, k, p);
        for (int r = in->feas_start[b]; r < in->feas_start[b + 1]; r++) {
            int p2 = in->feas[r];
            if (in->day[p2] != in->day[bold] || p2 == bold || !can_place(st, b, p2))
                continue;
            set_pos(st, b, p2);
            if (local_cost(st, &sc) < before)
                return 1;
            set_pos(st, b, -1);
        }
        set_pos(st, k, old);
    }
    set_pos(st, b, bold);
    return 0;
}

/* Re-packs one day: with every candidate's days kept, unplaces the day's
 * interviews and places them again candidate by candidate as the greedy
 * does (blocks from the morning, no holes); kept when it improves. */
static int try_repack_day(hstate *st, int d)
{
    const sched_inst *in = st->in;
    const cohort_scenario *s = in->s;
    int *saved = xmalloc(sizeof *saved * (size_t)in->niv);
    memcpy(saved, st->pos, sizeof *saved * (size_t)in->niv);
    long long before = total(in, st->pos);
    cand_key *keys = xmalloc(sizeof *keys * (size_t)(s->ncands ? s->ncands : 1));
    int n = 0;
    for (int i = 0; i < s->ncands; i++) {
        int m = 0, opts = 0;
        for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1]; q++) {
            int k = in->cand_iv[q];
            if (st->pos[k] >= 0 && in->day[st->pos[k]] == d) {
                m++;
                opts += options_on_day(in, k, d);
            }
        }
        if (m)
            keys[n++] = (cand_key){m, opts, i};
    }
    qsort(keys, (size_t)n, sizeof *keys, cmp_cand_key);
    for (int k = 0; k < in->niv; k++)
        if (st->pos[k] >= 0 && in->day[st->pos[k]] == d)
            set_pos(st, k, -1);
    int ok = 1;
    for (int c = 0; c < n && ok; c++) {
        int i = keys[c].i, ks[16], m = 0, out[16];
        for (int q = in->cand_iv_start[i]; q < in->cand_iv_start[i + 1] && m < 16; q++) {
            int k = in->cand_iv[q];
            if (saved[k] >= 0 && in->day[saved[k]] == d)
                ks[m++] = k;
        }
        if (best_on_day(st, ks, m, d, out) < 0) {
            ok = 0;
            break;
        }
        for (int j = 0; j < m; j++)
            set_pos(st, ks[j], out[j]);
    }
    free(keys);
    if (ok && total(in, st->pos) < before) {
        free(saved);
        return 1;
    }
    for (int k = 0; k < in->niv; k++)
        if (st->pos[k] != saved[k])
            set_pos(st, k, -1);
    for (int k = 0; k < in->niv; k++)
        if (st->pos[k] != saved[k])
            set_pos(st, k, saved[k]);
    free(saved);
    return 0;
}

void sched_improve(const sched_inst *in, int *pos, double deadline)
{
    const cohort_scenario *s = in->s;
    hstate st = {in, pos, xcalloc((size_t)npd(in), sizeof(int))};
    for (int k = 0; k < in->niv; k++)
        if (pos[k] >= 0)
            st.pd[in->iv_chal[k] * in->ndays + in->day[pos[k]]]++;
    long long cur = total(in, pos);
    for (int round = 0; round < 50 && !past_deadline(deadline); round++) {
        int improved = 0;
        for (int d = 0; d < in->ndays && !past_deadline(deadline); d++)
            improved |= try_repack_day(&st, d);
        for (int k = 0; k < in->niv && !past_deadline(deadline); k++) {
            if (pos[k] < 0) {
                int placed = 0;
                for (int q = in->feas_start[k]; q < in->feas_start[k + 1] && !placed; q++)
                    if (can_place(&st, k, in->feas[q])) {
                        set_pos(&st, k, in->feas[q]);
                        placed = 1;
                    }
                if (!placed)
                    placed = try_eject(&st, k);
                improved |= placed;
                continue;
            }
            for (int q = in->feas_start[k]; q < in->feas_start[k + 1]; q++)
                improved |= try_move(&st, k, in->feas[q]);
        }
        for (int i = 0; i < s->ncands && !past_deadline(deadline); i++) {
            int m = in->cand_iv_start[i + 1] - in->cand_iv_start[i];
            if (m < 2)
                continue;
            for (int a = in->cand_iv_start[i]; a < in->cand_iv_start[i + 1]; a++)
                for (int b = a + 1; b < in->cand_iv_start[i + 1]; b++)
                    improved |= try_swap(&st, in->cand_iv[a], in->cand_iv[b]);
            if (cand_days(&st, i) > 1 && m <= 4)
                for (int d = 0; d < in->ndays; d++)
                    improved |= try_cand_day(&st, i, d);
            if (cand_days(&st, i) > 1)
                for (int d = 0; d < in->ndays; d++)
                    improved |= try_cand_day_eject(&st, i, d);
        }
        for (int h = 0; h < s->nchals && !past_deadline(deadline); h++)
            for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++)
                for (int b = a + 1; b < in->chal_iv_start[h + 1]; b++)
                    improved |= try_swap(&st, in->chal_iv[a], in->chal_iv[b]);
        /* panel days with gaps: deeper moves, there only */
        for (int h = 0; h < s->nchals && !past_deadline(deadline); h++)
            for (int d = 0; d < in->ndays; d++) {
                if (!sched_panel_day_gaps(in, pos, h, d))
                    continue;
                for (int a = in->chal_iv_start[h]; a < in->chal_iv_start[h + 1]; a++) {
                    int k = in->chal_iv[a];
                    if (pos[k] < 0 || in->day[pos[k]] != d)
                        continue;
                    for (int p = in->day_first[d]; p < in->day_first[d + 1]; p++)
                        if (try_move_eject(&st, k, p))
                            improved = 1;
                }
            }
        long long now = total(in, pos);
        if (!improved || now >= cur)
            break;
        cur = now;
    }
    free(st.pd);
}
