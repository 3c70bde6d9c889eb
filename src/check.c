/* check.c - exact, integer verification of a cohort against C1..C11.
 *
 * The solver works in floating point with tolerances; this checker does
 * not. Every cohort the engine writes has passed it, so a rounding error in
 * the LP can never reach the outputs.
 *
 * The same rule evaluation serves two callers: check_cohort_v() checks a
 * whole assignment, and a check_state tries small moves on a cohort that
 * already passes (one candidate in place of another, one more member) and
 * re-evaluates only what the move touches: its challenges and hosts, and
 * the cohort-wide rules C7-C10, which are counters. The explanations of
 * the report (explain.c) try a few moves per application, so the cost stays
 * linear in the number of applications.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
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

/* The counters every rule reads. */
struct check_state {
    const cohort_scenario *s;
    int *assign;      /* candidate -> app index or -1 (a copy) */
    int *size;        /* members per challenge */
    int *prof;        /* nchals * NPROF: members per challenge and profile */
    int64_t *hostpay; /* host shares per host, cents */
    int64_t prog;     /* programme shares, cents */
    int64_t total;    /* cohort size */
    int64_t pcount[NPROF];
    int64_t *dcount;  /* per diversity entry: members whose attribute matches */
    int64_t level[NLEVELS];
    int *seen_chal, *seen_host; /* scratch marks for the touched lists */
};

/* Violations go into v[0..nv) in rule order; the count goes on. */
typedef struct vlist {
    check_violation *v;
    int nv, n;
    check_violation sink; /* where violations beyond nv are formatted */
} vlist;

static check_violation *vadd(vlist *l, int rule, int kind, int subject, int64_t amount,
                             const char *unit)
{
    check_violation *x = l->n < l->nv ? &l->v[l->n] : &l->sink;
    l->n++;
    memset(x, 0, sizeof *x);
    x->rule = rule;
    x->subject_kind = kind;
    x->subject = subject;
    x->amount = amount;
    x->unit = unit;
    return x;
}

/* The violation's text; a long name makes it shorter, never longer. */
__attribute__((format(printf, 2, 3))) static void textf(check_violation *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fmt_vtext(x->text, sizeof x->text, fmt, ap);
    va_end(ap);
}

/* Moves candidate i (whose assignment is app k, valid) in or out: sign +1/-1. */
static void account(check_state *st, int i, int k, int sign)
{
    const cohort_scenario *s = st->s;
    const app *a = &s->apps[k];
    int h = a->chal, p = s->cands[i].profile;
    if (sign > 0 && st->size[h] == 0)
        st->level[LV_STAFFED]++;
    st->size[h] += sign;
    if (sign < 0 && st->size[h] == 0)
        st->level[LV_STAFFED]--;
    st->prof[h * NPROF + p] += sign;
    st->hostpay[s->chals[h].host] += sign * a->hshare;
    st->prog += sign * a->prog;
    st->total += sign;
    st->pcount[p] += sign;
    for (int d = 0; d < s->ndivs; d++)
        if (cand_in_div(s, i, d))
            st->dcount[d] += sign;
    st->level[LV_FILLED] += sign;
    st->level[LV_RANK] += sign * a->rcost;
}

static void fmt_pct_ratio(ratio r, char *buf, size_t n)
{
    char t[40];
    fmt_scaled(muldiv_round(r.num, 10000, r.den), 2, t, sizeof t);
    fmt_text(buf, n, "%s%%", t);
}

static void fmt_pct_count(int64_t count, int64_t total, char *buf, size_t n)
{
    char t[40];
    fmt_scaled(total ? muldiv_round(count, 1000, total) : 0, 1, t, sizeof t);
    fmt_text(buf, n, "%s%%", t);
}

static void fmt_range(int lo, int hi, char *buf, size_t n)
{
    if (lo >= 0 && hi >= 0)
        fmt_text(buf, n, lo == hi ? "exactly %d" : "%d-%d", lo, hi);
    else if (lo >= 0)
        fmt_text(buf, n, "at least %d", lo);
    else
        fmt_text(buf, n, "at most %d", hi);
}

/* Share rule: count / total within [min, max]. Adds a violation with the
 * number of matching members missing (min) or in excess (max) at this size. */
static void share_rule(vlist *l, int rule, int kind, int subject, const char *what,
                       int64_t count, int64_t total, int has_min, ratio mn, int has_max,
                       ratio mx)
{
    char pc[48], lim[48];
    if (has_min && (__int128)count * mn.den < (__int128)mn.num * total) {
        /* smallest count with count * den >= num * total */
        int64_t need = share_least(mn, total);
        check_violation *x = vadd(l, rule, kind, subject, need - count, "members");
        fmt_pct_count(count, total, pc, sizeof pc);
        fmt_pct_ratio(mn, lim, sizeof lim);
        textf(x, "%s would be %lld of %lld members or %s, below the "
              "minimum share of %s", what, (long long)count, (long long)total, pc, lim);
    }
    if (has_max && (__int128)count * mx.den > (__int128)mx.num * total) {
        int64_t allow = share_most(mx, total);
        check_violation *x = vadd(l, rule, kind, subject, count - allow, "members");
        fmt_pct_count(count, total, pc, sizeof pc);
        fmt_pct_ratio(mx, lim, sizeof lim);
        textf(x, "%s would be %lld of %lld members or %s, above the "
              "maximum share of %s", what, (long long)count, (long long)total, pc, lim);
    }
}

/* C6, C3, C4, C5 for one challenge. */
static void eval_challenge(const check_state *st, int h, vlist *l)
{
    const cohort_scenario *s = st->s;
    const challenge *c = &s->chals[h];
    int size = st->size[h];
    char r[40];
    if (!size) {
        if (c->must_staff) {
            check_violation *x = vadd(l, 6, CHK_CHALLENGE, h, 1, "challenges");
            textf(x, "%s must be staffed and would have no team", c->id);
        }
        return;
    }
    if (size < c->min_team || size > c->max_team) {
        check_violation *x = vadd(l, 3, CHK_CHALLENGE, h,
                                  size < c->min_team ? c->min_team - size : size - c->max_team,
                                  "members");
        fmt_range(c->min_team, c->max_team, r, sizeof r);
        textf(x, "team %s would have %d member%s, allowed %s", c->id,
              size, size == 1 ? "" : "s", r);
    }
    int distinct = 0;
    for (int p = 0; p < NPROF; p++) {
        int k = st->prof[h * NPROF + p];
        if (k)
            distinct++;
        if (k < c->need_min[p] || k > c->need_max[p]) {
            check_violation *x = vadd(l, 4, CHK_CHALLENGE, h,
                                      k < c->need_min[p] ? c->need_min[p] - k
                                                         : k - c->need_max[p],
                                      "members");
            fmt_range(c->need_min[p], c->need_max[p], r, sizeof r);
            textf(x, "team %s would have %d %s where its needs say %s",
                  c->id, k, PROFILE_NAMES[p], r);
        }
    }
    if (distinct < s->min_distinct) {
        check_violation *x = vadd(l, 5, CHK_CHALLENGE, h, s->min_distinct - distinct,
                                  "profiles");
        textf(x, "team %s would hold %d distinct profile%s, at least "
              "%d required", c->id, distinct, distinct == 1 ? "" : "s", s->min_distinct);
    }
}

/* C7, C8, C9, C10: counters over the whole cohort. */
static void eval_global(const check_state *st, vlist *l)
{
    const cohort_scenario *s = st->s;
    int64_t total = st->total;
    char r[40], a1[48], a2[48];
    if ((s->cs_min >= 0 && total < s->cs_min) || (s->cs_max >= 0 && total > s->cs_max)) {
        check_violation *x = vadd(l, 7, CHK_NONE, -1,
                                  s->cs_min >= 0 && total < s->cs_min ? s->cs_min - total
                                                                      : total - s->cs_max,
                                  "members");
        fmt_range(s->cs_min, s->cs_max, r, sizeof r);
        textf(x, "the cohort would have %lld members, allowed %s", (long long)total, r);
    }
    for (int p = 0; p < NPROF; p++) {
        if (!s->has_quota[p])
            continue;
        const quota *q = &s->quotas[p];
        int64_t k = st->pcount[p];
        if ((q->min >= 0 && k < q->min) || (q->max >= 0 && k > q->max)) {
            check_violation *x = vadd(l, 8, CHK_PROFILE, p,
                                      q->min >= 0 && k < q->min ? q->min - k : k - q->max,
                                      "members");
            fmt_range(q->min, q->max, r, sizeof r);
            textf(x, "the cohort would hold %lld %s, quota %s", (long long)k, PROFILE_NAMES[p], r);
        }
        share_rule(l, 8, CHK_PROFILE, p, PROFILE_NAMES[p], k, total, q->has_min_share,
                   q->min_share, q->has_max_share, q->max_share);
    }
    for (int d = 0; d < s->ndivs; d++) {
        const diversity *D = &s->divs[d];
        char what[160];
        fmt_text(what, sizeof what, "%.70s=%.70s", D->attribute, D->value);
        share_rule(l, 9, CHK_DIVERSITY, d, what, st->dcount[d], total, D->has_min_share,
                   D->min_share, D->has_max_share, D->max_share);
    }
    if (s->envelope >= 0 && st->prog > s->envelope) {
        check_violation *x = vadd(l, 10, CHK_NONE, -1, st->prog - s->envelope, "EUR");
        fmt_eur(st->prog, a1, sizeof a1);
        fmt_eur(s->envelope, a2, sizeof a2);
        textf(x, "the programme would pay %s for an envelope of %s", a1, a2);
    }
}

/* C11 for one host. */
static void eval_host(const check_state *st, int h, vlist *l)
{
    const host *H = &st->s->hosts[h];
    int64_t pay = st->hostpay[h];
    if (H->budget < 0 || pay <= H->budget)
        return;
    char a1[48], a2[48];
    check_violation *x = vadd(l, 11, CHK_HOST, h, pay - H->budget, "EUR");
    fmt_eur(pay, a1, sizeof a1);
    fmt_eur(H->budget, a2, sizeof a2);
    textf(x, "host %s would pay %s for a budget of %s", H->id, a1, a2);
}

static check_state *state_alloc(const cohort_scenario *s)
{
    check_state *st = xcalloc(1, sizeof *st);
    int H = s->nchals ? s->nchals : 1, O = s->nhosts ? s->nhosts : 1;
    st->s = s;
    st->assign = xmalloc(sizeof *st->assign * (size_t)(s->ncands ? s->ncands : 1));
    st->size = xcalloc((size_t)H, sizeof *st->size);
    st->prof = xcalloc((size_t)H * NPROF, sizeof *st->prof);
    st->hostpay = xcalloc((size_t)O, sizeof *st->hostpay);
    st->dcount = xcalloc((size_t)(s->ndivs ? s->ndivs : 1), sizeof *st->dcount);
    st->seen_chal = xcalloc((size_t)H, sizeof *st->seen_chal);
    st->seen_host = xcalloc((size_t)O, sizeof *st->seen_host);
    return st;
}

void check_state_free(check_state *st)
{
    if (!st)
        return;
    free(st->assign);
    free(st->size);
    free(st->prof);
    free(st->hostpay);
    free(st->dcount);
    free(st->seen_chal);
    free(st->seen_host);
    free(st);
}

/* C1 (a valid application of that candidate) and C2 (eligible) for one
 * assignment entry; returns 1 when the entry can be counted. */
static int entry_ok(const cohort_scenario *s, int i, int k, vlist *l)
{
    if (k >= s->napps || s->apps[k].cand != i) {
        check_violation *x = vadd(l, 1, CHK_CANDIDATE, i, 1, "challenges");
        textf(x, "candidate %s has an invalid assignment", s->cands[i].id);
        return 0;
    }
    if (!s->apps[k].eligible) {
        check_violation *x = vadd(l, 2, CHK_CANDIDATE, i, 1, "pairs");
        textf(x, "%s on %s is not an eligible pair", s->cands[i].id, s->chals[s->apps[k].chal].id);
    }
    return 1;
}

int check_cohort_v(const cohort_scenario *s, const int *assign, check_violation *v, int nv)
{
    vlist l = {v, nv, 0, {0}};
    check_state *st = state_alloc(s);
    for (int i = 0; i < s->ncands; i++) {
        st->assign[i] = assign[i];
        if (assign[i] >= 0 && entry_ok(s, i, assign[i], &l))
            account(st, i, assign[i], +1);
    }
    for (int h = 0; h < s->nchals; h++)
        eval_challenge(st, h, &l);
    eval_global(st, &l);
    for (int h = 0; h < s->nhosts; h++)
        eval_host(st, h, &l);
    check_state_free(st);
    return l.n;
}

int check_cohort(const cohort_scenario *s, const int *assign, char *buf, size_t n)
{
    check_violation v;
    int bad = check_cohort_v(s, assign, &v, 1);
    if (buf && n && bad)
        fmt_text(buf, n, "C%d %s", v.rule, v.text);
    else if (buf && n)
        buf[0] = '\0';
    return bad;
}

check_state *check_state_new(const cohort_scenario *s, const int *assign)
{
    check_state *st = state_alloc(s);
    for (int i = 0; i < s->ncands; i++) {
        st->assign[i] = assign[i];
        if (assign[i] >= 0 && assign[i] < s->napps && s->apps[assign[i]].cand == i)
            account(st, i, assign[i], +1);
        else
            st->assign[i] = -1;
    }
    return st;
}

const int *check_state_assign(const check_state *st)
{
    return st->assign;
}

void check_state_levels(const check_state *st, int64_t level[NLEVELS])
{
    memcpy(level, st->level, sizeof st->level);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int check_state_try(check_state *st, const check_move *mv, int nmv, check_violation *v, int nv,
                    int64_t level[NLEVELS])
{
    const cohort_scenario *s = st->s;
    vlist l = {v, nv, 0, {0}};
    /* a move is a few entries: work on the stack, the heap only for more */
    enum { SMALL = 16 };
    int s_old[SMALL], s_chals[2 * SMALL + 1], s_hosts[2 * SMALL + 1], s_order[SMALL],
        s_valid[SMALL];
    int big = nmv > SMALL;
    int *old = big ? xmalloc(sizeof *old * (size_t)nmv) : s_old;
    int *chals = big ? xmalloc(sizeof *chals * (size_t)(2 * nmv + 1)) : s_chals;
    int *hosts = big ? xmalloc(sizeof *hosts * (size_t)(2 * nmv + 1)) : s_hosts;
    int *order = big ? xmalloc(sizeof *order * (size_t)nmv) : s_order;
    int *valid = big ? xmalloc(sizeof *valid * (size_t)nmv) : s_valid;
    int nch = 0, nho = 0;
    /* C1 holds by construction (one entry per candidate); C1 and C2 are
     * checked on the new entries, in candidate order as the full check does. */
    for (int k = 0; k < nmv; k++) { /* insertion sort: a move is a few entries */
        int q = k;
        while (q > 0 && mv[order[q - 1]].cand > mv[k].cand) {
            order[q] = order[q - 1];
            q--;
        }
        order[q] = k;
    }
    for (int k = 0; k < nmv; k++) {
        const check_move *m = &mv[order[k]];
        valid[order[k]] = m->app < 0 || entry_ok(s, m->cand, m->app, &l);
    }
    for (int k = 0; k < nmv; k++) {
        int i = mv[k].cand, to = mv[k].app;
        old[k] = st->assign[i];
        if (old[k] >= 0) {
            int h = s->apps[old[k]].chal;
            account(st, i, old[k], -1);
            if (!st->seen_chal[h]++)
                chals[nch++] = h;
            if (!st->seen_host[s->chals[h].host]++)
                hosts[nho++] = s->chals[h].host;
        }
        st->assign[i] = valid[k] ? to : -1;
        if (to >= 0 && valid[k]) {
            int h = s->apps[to].chal;
            account(st, i, to, +1);
            if (!st->seen_chal[h]++)
                chals[nch++] = h;
            if (!st->seen_host[s->chals[h].host]++)
                hosts[nho++] = s->chals[h].host;
        }
    }
    qsort(chals, (size_t)nch, sizeof *chals, cmp_int);
    qsort(hosts, (size_t)nho, sizeof *hosts, cmp_int);
    for (int k = 0; k < nch; k++)
        eval_challenge(st, chals[k], &l);
    eval_global(st, &l);
    for (int k = 0; k < nho; k++)
        eval_host(st, hosts[k], &l);
    if (level)
        memcpy(level, st->level, sizeof st->level);
    /* undo, last move first */
    for (int k = nmv - 1; k >= 0; k--) {
        int i = mv[k].cand;
        if (st->assign[i] >= 0)
            account(st, i, st->assign[i], -1);
        st->assign[i] = old[k];
        if (old[k] >= 0)
            account(st, i, old[k], +1);
    }
    for (int k = 0; k < nch; k++)
        st->seen_chal[chals[k]] = 0;
    for (int k = 0; k < nho; k++)
        st->seen_host[hosts[k]] = 0;
    if (big) {
        free(old);
        free(chals);
        free(hosts);
        free(order);
        free(valid);
    }
    return l.n;
}

void check_state_apply(check_state *st, const check_move *mv, int nmv)
{
    for (int k = 0; k < nmv; k++) {
        int i = mv[k].cand;
        if (st->assign[i] >= 0)
            account(st, i, st->assign[i], -1);
        st->assign[i] = mv[k].app;
        if (mv[k].app >= 0)
            account(st, i, mv[k].app, +1);
    }
}

void check_amount_text(const check_violation *v, char *buf, size_t n)
{
    if (!strcmp(v->unit, "EUR")) {
        fmt_eur(v->amount, buf, n);
        return;
    }
    const char *u = v->unit;
    char one[24];
    fmt_text(one, sizeof one, "%s", u);
    size_t len = strlen(one);
    if (v->amount == 1 && len > 1 && one[len - 1] == 's')
        one[len - 1] = '\0';
    fmt_text(buf, n, "%lld %s", (long long)v->amount, one);
}
