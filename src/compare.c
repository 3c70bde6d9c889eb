/* compare.c - two stored runs side by side: who moved (joined, left,
 * changed team), which challenges became staffed or unstaffed, the change
 * of each objective level, of the money totals and of each host's money,
 * and which scenario parameters differ. Every delta is "b minus a".
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum { MV_JOINED, MV_LEFT, MV_CHANGED };

typedef struct move {
    const char *cand, *from, *to; /* from/to NULL when not assigned */
    int kind;
} move;

typedef struct diff {
    move *moves;
    int nmoves;
    const char **staffed_new, **unstaffed_new;
    int nstaffed_new, nunstaffed_new;
} diff;

static int sameish(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void compute(const run_record *a, const run_record *b, diff *x)
{
    memset(x, 0, sizeof *x);
    strmap ma, mb, seen;
    sm_init(&ma);
    sm_init(&mb);
    sm_init(&seen);
    for (int k = 0; k < a->nmem; k++)
        sm_put(&ma, a->mem[k].cand, k);
    for (int k = 0; k < b->nmem; k++)
        sm_put(&mb, b->mem[k].cand, k);
    int cap = 0;
    /* every candidate of either scenario: a's order, then those only in b */
    for (int pass = 0; pass < 2; pass++) {
        const run_record *r = pass ? b : a;
        for (int i = 0; i < r->ncands; i++) {
            const char *c = r->cands[i];
            if (sm_get(&seen, c) >= 0)
                continue;
            sm_put(&seen, c, i);
            int ka = sm_get(&ma, c), kb = sm_get(&mb, c);
            const char *from = ka >= 0 ? a->mem[ka].chal : NULL;
            const char *to = kb >= 0 ? b->mem[kb].chal : NULL;
            if (sameish(from, to))
                continue;
            GROW(x->moves, cap, x->nmoves + 1);
            x->moves[x->nmoves++] = (move){c, from, to,
                                           !from ? MV_JOINED : !to ? MV_LEFT : MV_CHANGED};
        }
    }
    strmap sa, sb;
    sm_init(&sa);
    sm_init(&sb);
    for (int k = 0; k < a->nmem; k++)
        sm_put(&sa, a->mem[k].chal, k);
    for (int k = 0; k < b->nmem; k++)
        sm_put(&sb, b->mem[k].chal, k);
    x->staffed_new = xcalloc((size_t)(b->nchals + 1), sizeof *x->staffed_new);
    x->unstaffed_new = xcalloc((size_t)(a->nchals + 1), sizeof *x->unstaffed_new);
    for (int h = 0; h < b->nchals; h++)
        if (sm_get(&sb, b->chals[h]) >= 0 && sm_get(&sa, b->chals[h]) < 0)
            x->staffed_new[x->nstaffed_new++] = b->chals[h];
    for (int h = 0; h < a->nchals; h++)
        if (sm_get(&sa, a->chals[h]) >= 0 && sm_get(&sb, a->chals[h]) < 0)
            x->unstaffed_new[x->nunstaffed_new++] = a->chals[h];
    sm_free(&ma);
    sm_free(&mb);
    sm_free(&seen);
    sm_free(&sa);
    sm_free(&sb);
}

static void diff_free(diff *x)
{
    free(x->moves);
    free(x->staffed_new);
    free(x->unstaffed_new);
}

/* Levels in a's order, then those only in b's. */
static int levels_union(const run_record *a, const run_record *b, int *out)
{
    int n = 0, seen[NLEVELS] = {0};
    for (int pass = 0; pass < 2; pass++) {
        const run_record *r = pass ? b : a;
        for (int k = 0; k < r->norder; k++)
            if (!seen[r->order[k]]) {
                seen[r->order[k]] = 1;
                out[n++] = r->order[k];
            }
    }
    return n;
}

/* Level l of both runs on a common decimal scale (weights may differ). */
static int level_pair(const run_record *a, const run_record *b, int l, int64_t *va, int64_t *vb)
{
    int p = l == LV_RANK ? (a->rank_pow > b->rank_pow ? a->rank_pow : b->rank_pow) : 0;
    *va = a->level[l];
    *vb = b->level[l];
    for (int k = l == LV_RANK ? a->rank_pow : 0; k < p; k++)
        *va *= 10;
    for (int k = l == LV_RANK ? b->rank_pow : 0; k < p; k++)
        *vb *= 10;
    return p;
}

static void signed_scaled(int64_t v, int p, char *buf, size_t n)
{
    char t[40];
    fmt_scaled(v, p, t, sizeof t);
    snprintf(buf, n, "%s%s", v > 0 ? "+" : "", t);
}

static void signed_eur(int64_t cents, char *buf, size_t n)
{
    char t[56];
    fmt_eur(cents, t, sizeof t);
    char *e = strstr(t, " EUR");
    if (e)
        *e = '\0';
    snprintf(buf, n, "%s%s", cents > 0 ? "+" : "", t);
}

static const run_money *host_of(const run_record *r, const char *h)
{
    for (int k = 0; k < r->nhosts; k++)
        if (!strcmp(r->hosts[k].host, h))
            return &r->hosts[k];
    return NULL;
}

/* Hosts of either run: a's order, then those only in b. */
static int hosts_union(const run_record *a, const run_record *b, const char ***out)
{
    const char **h = xcalloc((size_t)(a->nhosts + b->nhosts + 1), sizeof *h);
    int n = 0;
    for (int k = 0; k < a->nhosts; k++)
        h[n++] = a->hosts[k].host;
    for (int k = 0; k < b->nhosts; k++)
        if (!host_of(a, b->hosts[k].host))
            h[n++] = b->hosts[k].host;
    *out = h;
    return n;
}

static void host_delta(const run_record *a, const run_record *b, const char *h, int64_t out[3])
{
    const run_money *x = host_of(a, h), *y = host_of(b, h);
    out[0] = (y ? y->cost : 0) - (x ? x->cost : 0);
    out[1] = (y ? y->prog : 0) - (x ? x->prog : 0);
    out[2] = (y ? y->hshare : 0) - (x ? x->hshare : 0);
}

static int params_union(const run_record *a, const run_record *b, const char ***out)
{
    const char **k = xcalloc((size_t)(a->params.n + b->params.n + 1), sizeof *k);
    int n = 0;
    for (int i = 0; i < a->params.n; i++)
        k[n++] = a->params.keys[i];
    for (int i = 0; i < b->params.n; i++)
        if (!kv_get(&a->params, b->params.keys[i]))
            k[n++] = b->params.keys[i];
    *out = k;
    return n;
}

static void side_json(const run_record *r, sbuf *o)
{
    sb_printf(o, "{\"id\": %lld, \"name\": ", (long long)r->id);
    json_str(o, r->name);
    sb_puts(o, ", \"label\": ");
    if (r->label)
        json_str(o, r->label);
    else
        sb_puts(o, "null");
    sb_puts(o, ", \"status\": ");
    json_str(o, r->status);
    sb_puts(o, ", \"objective\": ");
    rv_objective_json(r, o);
    sb_puts(o, ", \"totals\": {\"cost\": ");
    rv_money_json(o, r->cost);
    sb_puts(o, ", \"programme_share\": ");
    rv_money_json(o, r->prog);
    sb_puts(o, ", \"host_share\": ");
    rv_money_json(o, r->hshare);
    sb_puts(o, "}, \"conflicts\": ");
    rv_why_none_json(r, o, "\n      ", "\n    ");
    sb_putc(o, '}');
}

static void id_array(sbuf *o, const char *const *ids, int n)
{
    sb_putc(o, '[');
    for (int k = 0; k < n; k++) {
        if (k)
            sb_puts(o, ", ");
        json_str(o, ids[k]);
    }
    sb_putc(o, ']');
}

static void render_json(const run_record *a, const run_record *b, const diff *x, sbuf *o)
{
    sb_puts(o, "{\n  \"a\": ");
    side_json(a, o);
    sb_puts(o, ",\n  \"b\": ");
    side_json(b, o);
    sb_puts(o, ",\n  \"moved\": [");
    for (int k = 0; k < x->nmoves; k++) {
        const move *m = &x->moves[k];
        sb_puts(o, k ? ",\n    {\"candidate\": " : "\n    {\"candidate\": ");
        json_str(o, m->cand);
        sb_puts(o, ", \"from\": ");
        if (m->from)
            json_str(o, m->from);
        else
            sb_puts(o, "null");
        sb_puts(o, ", \"to\": ");
        if (m->to)
            json_str(o, m->to);
        else
            sb_puts(o, "null");
        static const char *const kinds[] = {"joined", "left", "changed_team"};
        sb_printf(o, ", \"change\": \"%s\"}", kinds[m->kind]);
    }
    sb_puts(o, x->nmoves ? "\n  ]" : "]");
    static const char *const keys[] = {"joined", "left", "changed_team"};
    for (int kind = 0; kind < 3; kind++) {
        sb_printf(o, ",\n  \"%s\": [", keys[kind]);
        int n = 0;
        for (int k = 0; k < x->nmoves; k++)
            if (x->moves[k].kind == kind) {
                if (n++)
                    sb_puts(o, ", ");
                json_str(o, x->moves[k].cand);
            }
        sb_putc(o, ']');
    }
    sb_puts(o, ",\n  \"newly_staffed\": ");
    id_array(o, x->staffed_new, x->nstaffed_new);
    sb_puts(o, ",\n  \"newly_unstaffed\": ");
    id_array(o, x->unstaffed_new, x->nunstaffed_new);
    sb_puts(o, ",\n  \"objective_delta\": {");
    int lv[NLEVELS], nl = levels_union(a, b, lv);
    for (int k = 0; k < nl; k++) {
        sb_printf(o, "%s\"%s\": ", k ? ", " : "", LEVEL_NAMES[lv[k]]);
        if (!a->has_cohort || !b->has_cohort) {
            sb_puts(o, "null");
            continue;
        }
        int64_t va, vb;
        int p = level_pair(a, b, lv[k], &va, &vb);
        char t[48];
        fmt_scaled(vb - va, p, t, sizeof t);
        sb_puts(o, t);
    }
    sb_puts(o, "},\n  \"totals_delta\": {\"cost\": ");
    rv_money_json(o, b->cost - a->cost);
    sb_puts(o, ", \"programme_share\": ");
    rv_money_json(o, b->prog - a->prog);
    sb_puts(o, ", \"host_share\": ");
    rv_money_json(o, b->hshare - a->hshare);
    sb_puts(o, "},\n  \"hosts_delta\": [");
    const char **hs;
    int nh = hosts_union(a, b, &hs);
    for (int k = 0; k < nh; k++) {
        int64_t dl[3];
        host_delta(a, b, hs[k], dl);
        sb_puts(o, k ? ",\n    {\"host\": " : "\n    {\"host\": ");
        json_str(o, hs[k]);
        sb_puts(o, ", \"cost\": ");
        rv_money_json(o, dl[0]);
        sb_puts(o, ", \"programme_share\": ");
        rv_money_json(o, dl[1]);
        sb_puts(o, ", \"host_share\": ");
        rv_money_json(o, dl[2]);
        sb_putc(o, '}');
    }
    free(hs);
    sb_puts(o, nh ? "\n  ]" : "]");
    sb_puts(o, ",\n  \"params_changed\": [");
    const char **ks;
    int nk = params_union(a, b, &ks), n = 0;
    for (int k = 0; k < nk; k++) {
        const char *va = kv_get(&a->params, ks[k]), *vb = kv_get(&b->params, ks[k]);
        if (sameish(va, vb))
            continue;
        sb_puts(o, n++ ? ",\n    {\"key\": " : "\n    {\"key\": ");
        json_str(o, ks[k]);
        sb_puts(o, ", \"a\": ");
        if (va)
            json_str(o, va);
        else
            sb_puts(o, "null");
        sb_puts(o, ", \"b\": ");
        if (vb)
            json_str(o, vb);
        else
            sb_puts(o, "null");
        sb_putc(o, '}');
    }
    free(ks);
    sb_puts(o, n ? "\n  ]\n}\n" : "]\n}\n");
}

static void side_text(const run_record *r, const char *tag, sbuf *o)
{
    sb_printf(o, "  %s: run %lld, %s", tag, (long long)r->id, r->name);
    if (r->label)
        sb_printf(o, " [%s]", r->label);
    sb_printf(o, ", %s, %s\n", r->status, r->created);
}

static void render_text(const run_record *a, const run_record *b, const diff *x, sbuf *o)
{
    char t1[64], t2[64], t3[64];
    sb_printf(o, "compare run %lld (a) with run %lld (b); changes are b - a\n", (long long)a->id,
              (long long)b->id);
    side_text(a, "a", o);
    side_text(b, "b", o);

    sb_puts(o, "\nparameters changed:");
    const char **ks;
    int nk = params_union(a, b, &ks), n = 0;
    for (int k = 0; k < nk; k++) {
        const char *va = kv_get(&a->params, ks[k]), *vb = kv_get(&b->params, ks[k]);
        if (sameish(va, vb))
            continue;
        sb_printf(o, "\n  %s: %s -> %s", ks[k], va ? va : "(absent)", vb ? vb : "(absent)");
        n++;
    }
    free(ks);
    sb_puts(o, n ? "\n" : " none\n");

    sb_puts(o, "objective:");
    int lv[NLEVELS], nl = levels_union(a, b, lv);
    if (!a->has_cohort || !b->has_cohort) {
        sb_printf(o, " %s -> %s (no comparison: %s)\n", a->status, b->status,
                  !a->has_cohort && !b->has_cohort ? "neither run has a cohort"
                  : !a->has_cohort                 ? "a has no cohort"
                                                   : "b has no cohort");
        for (int side = 0; side < 2; side++) {
            const run_record *r = side ? b : a;
            if (!r->has_cohort)
                rv_why_none_text(r, side ? "  why b has none" : "  why a has none", ":\n",
                                 "    ", o);
        }
    } else {
        for (int k = 0; k < nl; k++) {
            int64_t va, vb;
            int p = level_pair(a, b, lv[k], &va, &vb);
            fmt_scaled(va, p, t1, sizeof t1);
            fmt_scaled(vb, p, t2, sizeof t2);
            signed_scaled(vb - va, p, t3, sizeof t3);
            sb_printf(o, "%s %s %s -> %s (%s)", k ? "," : "", LEVEL_NAMES[lv[k]], t1, t2,
                      vb == va ? "=" : t3);
        }
        sb_putc(o, '\n');
    }
    sb_puts(o, "totals (EUR):");
    const int64_t ta[3] = {a->cost, a->prog, a->hshare}, tb[3] = {b->cost, b->prog, b->hshare};
    static const char *const money_names[3] = {"cost", "programme share", "host share"};
    for (int k = 0; k < 3; k++) {
        fmt_eur(ta[k], t1, sizeof t1);
        fmt_eur(tb[k], t2, sizeof t2);
        signed_eur(tb[k] - ta[k], t3, sizeof t3);
        *strstr(t1, " EUR") = '\0';
        *strstr(t2, " EUR") = '\0';
        sb_printf(o, "%s %s %s -> %s (%s)", k ? ";" : "", money_names[k], t1, t2,
                  tb[k] == ta[k] ? "=" : t3);
    }
    sb_putc(o, '\n');

    int cnt[3] = {0};
    for (int k = 0; k < x->nmoves; k++)
        cnt[x->moves[k].kind]++;
    sb_printf(o, "\nmoved: %d candidate%s (%d joined, %d left, %d changed team)", x->nmoves,
              x->nmoves == 1 ? "" : "s", cnt[MV_JOINED], cnt[MV_LEFT], cnt[MV_CHANGED]);
    /* one side without a cohort: its whole cohort joined or left, which the
       list would only spell out (the JSON keeps it) */
    int whole = a->has_cohort != b->has_cohort;
    sb_puts(o, whole ? (a->has_cohort ? ": a's whole cohort, as b has none\n"
                                      : ": b's whole cohort, as a has none\n")
                     : "\n");
    for (int k = 0; k < x->nmoves && !whole; k++) {
        const move *m = &x->moves[k];
        if (m->kind == MV_JOINED)
            sb_printf(o, "  %-12s joined %s\n", m->cand, m->to);
        else if (m->kind == MV_LEFT)
            sb_printf(o, "  %-12s left %s\n", m->cand, m->from);
        else
            sb_printf(o, "  %-12s %s -> %s\n", m->cand, m->from, m->to);
    }
    sb_puts(o, "newly staffed:");
    for (int k = 0; k < x->nstaffed_new; k++)
        sb_printf(o, " %s", x->staffed_new[k]);
    sb_puts(o, x->nstaffed_new ? "\n" : " none\n");
    sb_puts(o, "newly unstaffed:");
    for (int k = 0; k < x->nunstaffed_new; k++)
        sb_printf(o, " %s", x->unstaffed_new[k]);
    sb_puts(o, x->nunstaffed_new ? "\n" : " none\n");

    sb_puts(o, "\nmoney per host (EUR, b - a):");
    const char **hs;
    int nh = hosts_union(a, b, &hs);
    n = 0;
    for (int k = 0; k < nh; k++) {
        int64_t dl[3];
        host_delta(a, b, hs[k], dl);
        if (!dl[0] && !dl[1] && !dl[2])
            continue;
        if (!n++)
            sb_printf(o, "\n  %-16s %16s %16s %16s", "host", "cost", "programme share",
                      "host share");
        signed_eur(dl[0], t1, sizeof t1);
        signed_eur(dl[1], t2, sizeof t2);
        signed_eur(dl[2], t3, sizeof t3);
        sb_printf(o, "\n  %-16s %16s %16s %16s", hs[k], t1, t2, t3);
    }
    free(hs);
    sb_puts(o, n ? "\n" : " no change\n");
}

void compare_render(const run_record *a, const run_record *b, int json, sbuf *out)
{
    diff x;
    compute(a, b, &x);
    if (json)
        render_json(a, b, &x, out);
    else
        render_text(a, b, &x, out);
    diff_free(&x);
}
