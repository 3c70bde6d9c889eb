/* out_json.c - cohort.json (CONTRACT.md section 3), written by hand so that
 * money keeps exactly two decimals and the bytes never depend on a JSON
 * library's number formatting.
 */
#include "internal.h"

#include <string.h>

void json_str(sbuf *b, const char *s)
{
    sb_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"':
            sb_puts(b, "\\\"");
            break;
        case '\\':
            sb_puts(b, "\\\\");
            break;
        case '\n':
            sb_puts(b, "\\n");
            break;
        case '\r':
            sb_puts(b, "\\r");
            break;
        case '\t':
            sb_puts(b, "\\t");
            break;
        default:
            if (*p < 0x20)
                sb_printf(b, "\\u%04x", *p);
            else
                sb_putc(b, (char)*p);
        }
    }
    sb_putc(b, '"');
}

void fmt_rank(const cohort_scenario *s, int64_t v, char *buf, size_t n)
{
    fmt_scaled(v, s->rank_scale_pow, buf, n);
}

void fmt_level(const cohort_scenario *s, int l, int64_t v, char *buf, size_t n)
{
    if (l == LV_RANK)
        fmt_rank(s, v, buf, n);
    else
        fmt_text(buf, n, "%lld", (long long)v);
}

static void money(sbuf *b, int64_t cents)
{
    char t[40];
    fmt_cents(cents, t, sizeof t, '.');
    sb_puts(b, t);
}

void json_conflicts(sbuf *b, const conflict *c, int n, const char *item, const char *end)
{
    sb_putc(b, '[');
    for (int k = 0; k < n; k++) {
        sb_puts(b, k ? "," : "");
        sb_puts(b, item);
        sb_puts(b, "{\"rule\": ");
        json_str(b, c[k].rule);
        sb_puts(b, ", \"subject\": ");
        json_str(b, c[k].subject);
        sb_puts(b, ", \"relax_by\": ");
        if (!strcmp(c[k].unit, "cents")) {
            money(b, c[k].amount);
            sb_puts(b, ", \"unit\": \"EUR\"");
        } else {
            sb_printf(b, "%lld, \"unit\": ", (long long)c[k].amount);
            json_str(b, c[k].unit);
        }
        sb_puts(b, ", \"message\": ");
        json_str(b, c[k].text);
        sb_puts(b, "}");
    }
    if (n)
        sb_puts(b, end);
    sb_putc(b, ']');
}

static void objective(sbuf *b, const cohort_scenario *s, const cohort_result *r)
{
    sb_puts(b, "{");
    for (int k = 0; k < s->norder; k++) {
        int l = s->order[k];
        char v[40];
        fmt_level(s, l, r->level[l], v, sizeof v);
        sb_printf(b, "%s\"%s\": %s", k ? ", " : "", LEVEL_NAMES[l], v);
    }
    sb_puts(b, "}");
}

void out_json(const cohort_scenario *s, const cohort_result *r, sbuf *b)
{
    int has = r->status == ST_OPTIMAL || r->status == ST_FEASIBLE;
    sb_puts(b, "{\n  \"status\": ");
    json_str(b, status_name(r->status));
    sb_puts(b, ",\n  \"scenario\": ");
    json_str(b, s->name);
    sb_printf(b, ",\n  \"scenario_digest\": \"%016llx\"", (unsigned long long)scenario_digest(s));
    sb_puts(b, ",\n  \"objective\": ");
    if (has)
        objective(b, s, r);
    else
        sb_puts(b, "{}");
    char gap[40];
    snprintf(gap, sizeof gap, "%.6f", r->gap);
    sb_printf(b, ",\n  \"gap\": %s", has ? gap : "null");
    sb_puts(b, ",\n  \"proven_levels\": [");
    for (int k = 0; k < r->proven_levels && k < s->norder; k++) {
        if (k)
            sb_puts(b, ", ");
        json_str(b, LEVEL_NAMES[s->order[k]]);
    }
    sb_puts(b, "]");
    sb_puts(b, ",\n  \"teams\": [");
    int first = 1;
    for (int h = 0; h < s->nchals && has; h++) {
        if (!r->team_size[h])
            continue;
        sb_puts(b, first ? "\n    {\"challenge\": " : ",\n    {\"challenge\": ");
        first = 0;
        json_str(b, s->chals[h].id);
        sb_puts(b, ", \"host\": ");
        json_str(b, s->hosts[s->chals[h].host].id);
        sb_puts(b, ", \"members\": [");
        int fm = 1;
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int i = r->mem[q];
            const app *a = &s->apps[r->assign[i]];
            sb_puts(b, fm ? "\n      {\"candidate\": " : ",\n      {\"candidate\": ");
            fm = 0;
            json_str(b, s->cands[i].id);
            sb_puts(b, ", \"name\": ");
            json_str(b, s->cands[i].name);
            sb_puts(b, ", \"profile\": ");
            json_str(b, PROFILE_NAMES[s->cands[i].profile]);
            sb_printf(b, ", \"candidate_rank\": %d, \"jury_rank\": %d", a->crank_eff, a->jrank);
            if (!a->crank)
                sb_puts(b, ", \"jury_proposed\": true");
            sb_puts(b, ", \"cost\": ");
            money(b, s->cands[i].cost);
            sb_puts(b, ", \"programme_share\": ");
            money(b, a->prog);
            sb_puts(b, ", \"host_share\": ");
            money(b, a->hshare);
            sb_puts(b, "}");
        }
        sb_puts(b, "\n    ]}");
    }
    sb_puts(b, first ? "]" : "\n  ]");
    sb_puts(b, ",\n  \"unassigned\": [");
    first = 1;
    for (int i = 0; i < s->ncands && has; i++)
        if (r->assign[i] < 0) {
            if (!first)
                sb_puts(b, ", ");
            first = 0;
            json_str(b, s->cands[i].id);
        }
    sb_puts(b, "],\n  \"unstaffed\": [");
    first = 1;
    for (int h = 0; h < s->nchals && has; h++)
        if (!r->team_size[h]) {
            if (!first)
                sb_puts(b, ", ");
            first = 0;
            json_str(b, s->chals[h].id);
        }
    sb_puts(b, "],\n  \"totals\": {\"cost\": ");
    money(b, r->total.cost);
    sb_puts(b, ", \"programme_share\": ");
    money(b, r->total.prog);
    sb_puts(b, ", \"host_share\": ");
    money(b, r->total.host);
    sb_puts(b, "},\n  \"blocking_pairs\": [");
    for (int k = 0; k < r->nblocks; k++) {
        const blocking *bp = &r->blocks[k];
        const app *a = &s->apps[bp->app];
        sb_puts(b, k ? ",\n    {\"candidate\": " : "\n    {\"candidate\": ");
        json_str(b, s->cands[a->cand].id);
        sb_puts(b, ", \"challenge\": ");
        json_str(b, s->chals[a->chal].id);
        sb_puts(b, ", \"displaces\": [");
        for (int q = 0; q < bp->ndisp; q++) {
            if (q)
                sb_puts(b, ", ");
            json_str(b, s->cands[bp->displaces[q]].id);
        }
        /* which rule or objective level kept the pair (CONTRACT.md section 3) */
        sb_puts(b, "], \"kept_by\": ");
        json_str(b, bp->kept_by == KEPT_RULE        ? "rule"
                    : bp->kept_by == KEPT_OBJECTIVE ? "objective"
                    : bp->kept_by == KEPT_TIE       ? "tie"
                                                    : "improvement");
        if (bp->kept_by == KEPT_RULE)
            sb_printf(b, ", \"rule\": \"C%d\"", bp->rule);
        else if (bp->kept_by == KEPT_OBJECTIVE || bp->kept_by == KEPT_BETTER)
            sb_printf(b, ", \"level\": \"%s\"", LEVEL_NAMES[bp->level]);
        sb_puts(b, ", \"why\": ");
        json_str(b, bp->why);
        sb_puts(b, "}");
    }
    sb_puts(b, r->nblocks ? "\n  ]" : "]");
    if (r->status == ST_INFEASIBLE || r->nconflicts) {
        sb_puts(b, ",\n  \"conflicts\": ");
        json_conflicts(b, r->conflicts, r->nconflicts, "\n    ", "\n  ");
    }
    if (r->message) {
        sb_puts(b, ",\n  \"message\": ");
        json_str(b, r->message);
    }
    sb_puts(b, "\n}\n");
}
