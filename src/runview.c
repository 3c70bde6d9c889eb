/* runview.c - what a coordinator reads from the store: the list of runs,
 * one run in full, and a replay (the run's scenario folder written back,
 * solved again with the run's options, and checked byte for byte against
 * the outputs recorded at the time). The SQL is in store.c.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const OUTPUT_NAMES[NOUTPUTS] = {"cohort.json", "cohort.csv", "finance.csv",
                                            "report.html"};

/* The same bytes as cohort_write_outputs (write.c) writes. */
void render_outputs(const cohort_scenario *s, const cohort_result *r, int csv_fr,
                    sbuf out[NOUTPUTS])
{
    for (int k = 0; k < NOUTPUTS; k++)
        sb_init(&out[k]);
    out_json(s, r, &out[0]);
    out_cohort_csv(s, r, csv_fr, &out[1]);
    out_finance_csv(s, r, csv_fr, &out[2]);
    out_report(s, r, &out[3]);
}

/* ---- shared formatting ---- */

void rv_money_json(sbuf *b, int64_t cents)
{
    char t[40];
    fmt_cents(cents, t, sizeof t, '.');
    sb_puts(b, t);
}

static void level_text(const run_record *r, int l, char *buf, size_t n)
{
    if (l == LV_RANK)
        fmt_scaled(r->level[l], r->rank_pow, buf, n);
    else
        snprintf(buf, n, "%lld", (long long)r->level[l]);
}

/* As cohort.json's objective: one number per level of the run's order, {}
 * when the run has no cohort. */
void rv_objective_json(const run_record *r, sbuf *b)
{
    sb_putc(b, '{');
    for (int k = 0; k < r->norder && r->has_cohort; k++) {
        char v[40];
        level_text(r, r->order[k], v, sizeof v);
        sb_printf(b, "%s\"%s\": %s", k ? ", " : "", LEVEL_NAMES[r->order[k]], v);
    }
    sb_putc(b, '}');
}

static void json_opt_str(sbuf *b, const char *s)
{
    if (s)
        json_str(b, s);
    else
        sb_puts(b, "null");
}

/* The words of a run's search options (space-separated), as JSON strings
 * (quoted, comma-separated) or as the flags of cohort solve. */
static void search_words(sbuf *b, const char *text, int json)
{
    int n = 0;
    for (const char *p = text ? text : ""; *p;) {
        size_t len = strcspn(p, " ");
        if (len)
            sb_printf(b, json ? "%s\"%.*s\"" : "%s--%.*s", n++ ? (json ? ", " : " ") : "",
                      (int)len, p);
        p += len + (p[len] == ' ');
    }
}

static void totals_json(sbuf *b, int64_t cost, int64_t prog, int64_t hshare)
{
    sb_puts(b, "{\"cost\": ");
    rv_money_json(b, cost);
    sb_puts(b, ", \"programme_share\": ");
    rv_money_json(b, prog);
    sb_puts(b, ", \"host_share\": ");
    rv_money_json(b, hshare);
    sb_putc(b, '}');
}

static void eur_plain(int64_t cents, char *buf, size_t n)
{
    fmt_eur(cents, buf, n);
    char *e = strstr(buf, " EUR");
    if (e)
        *e = '\0';
}

/* "2026-11-22T17:12:00.123Z" -> "2026-11-22 17:12:00" */
static void short_time(const char *iso, char *buf, size_t n)
{
    snprintf(buf, n, "%.19s", iso ? iso : "");
    char *t = strchr(buf, 'T');
    if (t)
        *t = ' ';
}

/* ---- cohort runs ---- */

static void runs_text(const run_record *recs, int n, sbuf *b)
{
    if (!n) {
        sb_puts(b, "no runs yet (record one with cohort solve SCENARIO --out DIR --db FILE)\n");
        return;
    }
    sb_printf(b, "%5s  %-19s  %-10s %7s %6s %8s %16s  %s\n", "id", "created (UTC)", "status",
              "staffed", "filled", "rank", "programme share", "name [label]");
    for (int k = 0; k < n; k++) {
        const run_record *r = &recs[k];
        char when[32], st[24] = "-", fi[24] = "-", rk[40] = "-", prog[48];
        short_time(r->created, when, sizeof when);
        if (r->has_cohort) {
            level_text(r, LV_STAFFED, st, sizeof st);
            level_text(r, LV_FILLED, fi, sizeof fi);
            level_text(r, LV_RANK, rk, sizeof rk);
        }
        eur_plain(r->prog, prog, sizeof prog);
        sb_printf(b, "%5lld  %-19s  %-10s %7s %6s %8s %16s  %s", (long long)r->id, when,
                  r->status, st, fi, rk, prog, r->name);
        if (r->label)
            sb_printf(b, " [%s]", r->label);
        sb_putc(b, '\n');
    }
}

static void run_head_json(const run_record *r, sbuf *b)
{
    sb_printf(b, "{\"id\": %lld, \"name\": ", (long long)r->id);
    json_str(b, r->name);
    sb_puts(b, ", \"label\": ");
    json_opt_str(b, r->label);
    sb_puts(b, ", \"status\": ");
    json_str(b, r->status);
    sb_puts(b, ", \"objective\": ");
    rv_objective_json(r, b);
    sb_puts(b, ", \"created\": ");
    json_str(b, r->created);
}

static void runs_json(const run_record *recs, int n, sbuf *b)
{
    sb_puts(b, "[");
    for (int k = 0; k < n; k++) {
        const run_record *r = &recs[k];
        sb_puts(b, k ? ",\n  " : "\n  ");
        run_head_json(r, b);
        sb_puts(b, ", \"source\": ");
        json_str(b, r->source);
        sb_puts(b, ", \"command\": ");
        json_str(b, r->command);
        sb_puts(b, ", \"engine_version\": ");
        json_str(b, r->engine);
        sb_puts(b, ", \"totals\": ");
        totals_json(b, r->cost, r->prog, r->hshare);
        sb_printf(b, ", \"solve_seconds\": %.3f}", r->solve_seconds);
    }
    sb_puts(b, n ? "\n]\n" : "]\n");
}

int cohort_store_runs(cohort_store *st, int json, char **out, cohort_diag *d)
{
    *out = NULL;
    run_record *recs;
    int n, rc = store_list(st, &recs, &n, d);
    if (rc)
        return rc;
    sbuf b;
    sb_init(&b);
    if (json)
        runs_json(recs, n, &b);
    else
        runs_text(recs, n, &b);
    for (int k = 0; k < n; k++)
        run_record_free(&recs[k]);
    free(recs);
    *out = sb_take(&b);
    return COHORT_OK;
}

/* ---- cohort show ---- */

static const char *const TABLE_WORDS[6] = {"hosts", "challenges", "candidates", "preferences",
                                           "slots", "unavailable"};

/* ---- why a run has no cohort ---- */

static char *json_text(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

/* For a run without a cohort: the conflicts and the message of its
 * recorded cohort.json (the store keeps the outputs byte for byte, so they
 * are read back from there rather than kept twice). A cohort.json that is
 * not recorded (a run from a version-1 store) or not readable leaves them
 * unknown (why_recorded 0). */
static int why_none_read(cohort_store *st, run_record *r, cohort_diag *d)
{
    if (r->has_cohort || !r->noutputs)
        return COHORT_OK;
    sbuf j;
    int have;
    int rc = store_output(st, r->id, "cohort.json", &j, &have, d);
    cJSON *root = rc == COHORT_OK && have ? cJSON_ParseWithLength(j.s, j.len) : NULL;
    sb_free(&j);
    if (!root)
        return rc;
    r->why_recorded = 1;
    r->why = json_text(root, "message");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "conflicts"), *c;
    if (!cJSON_IsArray(list))
        list = NULL;
    int n = list ? cJSON_GetArraySize(list) : 0;
    r->conf = xcalloc((size_t)(n ? n : 1), sizeof *r->conf);
    cJSON_ArrayForEach(c, list)
    {
        const cJSON *by = cJSON_GetObjectItemCaseSensitive(c, "relax_by");
        conflict k = {json_text(c, "rule"), json_text(c, "subject"), json_text(c, "message"), 0,
                      json_text(c, "unit")};
        if (!k.rule || !k.subject || !k.text || !k.unit || !cJSON_IsNumber(by)) {
            free(k.rule);
            free(k.subject);
            free(k.text);
            free(k.unit);
            continue;
        }
        int eur = !strcmp(k.unit, "EUR");
        k.amount = (int64_t)llround(by->valuedouble * (eur ? 100 : 1));
        if (eur) {
            free(k.unit);
            k.unit = xstrdup("cents");
        }
        r->conf[r->nconf++] = k;
    }
    cJSON_Delete(root);
    return COHORT_OK;
}

void rv_why_none_text(const run_record *r, const char *title, const char *after,
                      const char *indent, sbuf *b)
{
    sb_printf(b, "%s%s%s", title,
              !strcmp(r->status, "infeasible") ? " (the rules that cannot all hold)" : "", after);
    if (!r->why_recorded) {
        sb_printf(b, "%snot recorded (the run comes from an older store)\n", indent);
        return;
    }
    for (int k = 0; k < r->nconf; k++)
        sb_printf(b, "%s%s\n", indent, r->conf[k].text);
    if (r->why)
        sb_printf(b, "%s%s\n", indent, r->why);
    if (!r->nconf && !strcmp(r->status, "infeasible"))
        sb_printf(b, "%s%s\n", indent,
                  r->explain ? "no conflicts named (the conflict search was cut short)"
                             : "not searched (a sweep solves without the conflict finder): solve "
                               "this variant alone to see the rules that cannot all hold");
}

void rv_why_none_json(const run_record *r, sbuf *b, const char *item, const char *end)
{
    if (r->has_cohort)
        sb_puts(b, "[]");
    else if (!r->why_recorded)
        sb_puts(b, "null");
    else
        json_conflicts(b, r->conf, r->nconf, item, end);
}

static void show_json(const run_record *r, sbuf *b)
{
    sb_puts(b, "{\n  \"id\": ");
    sb_printf(b, "%lld", (long long)r->id);
    sb_puts(b, ",\n  \"name\": ");
    json_str(b, r->name);
    sb_puts(b, ",\n  \"label\": ");
    json_opt_str(b, r->label);
    sb_puts(b, ",\n  \"created\": ");
    json_str(b, r->created);
    sb_puts(b, ",\n  \"source\": ");
    json_str(b, r->source);
    sb_puts(b, ",\n  \"command\": ");
    json_str(b, r->command);
    sb_puts(b, ",\n  \"engine_version\": ");
    json_str(b, r->engine);
    sb_puts(b, ",\n  \"status\": ");
    json_str(b, r->status);
    if (r->has_gap)
        sb_printf(b, ",\n  \"gap\": %.6f", r->gap);
    else
        sb_puts(b, ",\n  \"gap\": null");
    sb_puts(b, ",\n  \"proven_levels\": [");
    for (int k = 0; k < r->proven_levels && k < r->norder; k++) {
        if (k)
            sb_puts(b, ", ");
        json_str(b, LEVEL_NAMES[r->order[k]]);
    }
    sb_puts(b, "],\n  \"objective\": ");
    rv_objective_json(r, b);
    sb_puts(b, ",\n  \"totals\": ");
    totals_json(b, r->cost, r->prog, r->hshare);
    sb_puts(b, ",\n  \"options\": {\"time_limit\": ");
    if (r->has_time_limit)
        sb_printf(b, "%g", r->time_limit);
    else
        sb_puts(b, "null");
    sb_puts(b, ", \"csv_dialect\": ");
    json_str(b, r->csv_dialect);
    sb_printf(b, ", \"explain_infeasible\": %s", r->explain ? "true" : "false");
    sb_puts(b, ", \"search_options\": [");
    search_words(b, r->search, 1);
    sb_puts(b, "]}");
    sb_printf(b, ",\n  \"timings\": {\"load_seconds\": %.3f, \"solve_seconds\": %.3f}",
              r->load_seconds, r->solve_seconds);
    sb_puts(b, ",\n  \"inputs\": {");
    for (int k = 0; k < 6; k++)
        sb_printf(b, "%s\"%s\": %d", k ? ", " : "", TABLE_WORDS[k], r->counts[k]);
    sb_printf(b, "},\n  \"outputs_recorded\": %s", r->noutputs ? "true" : "false");
    sb_puts(b, ",\n  \"conflicts\": ");
    rv_why_none_json(r, b, "\n    ", "\n  ");
    sb_puts(b, ",\n  \"message\": ");
    json_opt_str(b, r->why);
    sb_puts(b, ",\n  \"parameters\": {");
    for (int k = 0; k < r->params.n; k++) {
        sb_puts(b, k ? ",\n    " : "\n    ");
        json_str(b, r->params.keys[k]);
        sb_puts(b, ": ");
        json_str(b, r->params.vals[k]);
    }
    sb_puts(b, r->params.n ? "\n  }" : "}");
    sb_puts(b, ",\n  \"teams\": [");
    int first = 1;
    for (int h = 0; h < r->nchals; h++) {
        int fm = 1;
        for (int k = 0; k < r->nmem; k++) {
            const run_member *m = &r->mem[k];
            if (strcmp(m->chal, r->chals[h]))
                continue;
            if (fm) {
                sb_puts(b, first ? "\n    {\"challenge\": " : ",\n    {\"challenge\": ");
                first = 0;
                json_str(b, r->chals[h]);
                sb_puts(b, ", \"host\": ");
                json_str(b, r->chal_hosts[h]);
                sb_puts(b, ", \"members\": [");
            }
            sb_puts(b, fm ? "\n      {\"candidate\": " : ",\n      {\"candidate\": ");
            fm = 0;
            json_str(b, m->cand);
            sb_puts(b, ", \"profile\": ");
            json_str(b, m->profile);
            sb_printf(b, ", \"candidate_rank\": %d, \"jury_rank\": %d, \"cost\": ", m->crank,
                      m->jrank);
            rv_money_json(b, m->cost);
            sb_puts(b, ", \"programme_share\": ");
            rv_money_json(b, m->prog);
            sb_puts(b, ", \"host_share\": ");
            rv_money_json(b, m->hshare);
            sb_putc(b, '}');
        }
        if (!fm)
            sb_puts(b, "]}");
    }
    sb_puts(b, first ? "]" : "\n  ]");
    strmap in;
    sm_init(&in);
    for (int k = 0; k < r->nmem; k++)
        sm_put(&in, r->mem[k].cand, k);
    strmap staffed;
    sm_init(&staffed);
    for (int k = 0; k < r->nmem; k++)
        sm_put(&staffed, r->mem[k].chal, k);
    /* as cohort.json: a run without a cohort leaves nobody unassigned and
       no challenge unstaffed (there is no cohort to leave them out of) */
    sb_puts(b, ",\n  \"unstaffed\": [");
    int n = 0;
    for (int h = 0; h < r->nchals && r->has_cohort; h++)
        if (sm_get(&staffed, r->chals[h]) < 0) {
            if (n++)
                sb_puts(b, ", ");
            json_str(b, r->chals[h]);
        }
    sb_puts(b, "],\n  \"unassigned\": [");
    n = 0;
    for (int i = 0; i < r->ncands && r->has_cohort; i++)
        if (sm_get(&in, r->cands[i]) < 0) {
            if (n++)
                sb_puts(b, ", ");
            json_str(b, r->cands[i]);
        }
    sb_puts(b, "],\n  \"hosts\": [");
    for (int k = 0; k < r->nhosts; k++) {
        const run_money *m = &r->hosts[k];
        sb_puts(b, k ? ",\n    {\"host\": " : "\n    {\"host\": ");
        json_str(b, m->host);
        sb_puts(b, ", \"totals\": ");
        totals_json(b, m->cost, m->prog, m->hshare);
        sb_putc(b, '}');
    }
    sb_puts(b, r->nhosts ? "\n  ]\n}\n" : "]\n}\n");
    sm_free(&in);
    sm_free(&staffed);
}

static void show_text(const run_record *r, sbuf *b)
{
    char t1[48], t2[48], t3[48];
    sb_printf(b, "run %lld: %s", (long long)r->id, r->name);
    if (r->label)
        sb_printf(b, " [%s]", r->label);
    sb_printf(b, "\n  created     %s (UTC)\n  source      %s (cohort %s, command %s)\n",
              r->created, r->source, r->engine, r->command);
    sb_printf(b, "  status      %s", r->status);
    if (r->has_cohort && r->has_gap && r->gap > 0)
        sb_printf(b, " (gap %.4f%%)", r->gap * 100);
    sb_puts(b, "\n  objective   ");
    if (!r->has_cohort)
        sb_puts(b, "none (no cohort)");
    for (int k = 0; k < r->norder && r->has_cohort; k++) {
        char v[40];
        level_text(r, r->order[k], v, sizeof v);
        sb_printf(b, "%s%s %s%s", k ? ", " : "", LEVEL_NAMES[r->order[k]], v,
                  k < r->proven_levels ? "" : " (not proven)");
    }
    eur_plain(r->cost, t1, sizeof t1);
    eur_plain(r->prog, t2, sizeof t2);
    eur_plain(r->hshare, t3, sizeof t3);
    sb_printf(b, "\n  totals      cost %s EUR, programme share %s EUR, host share %s EUR\n", t1,
              t2, t3);
    sb_puts(b, "  options     time limit ");
    if (r->has_time_limit)
        sb_printf(b, "%g s", r->time_limit);
    else
        sb_puts(b, "none");
    sb_printf(b, ", csv dialect %s, conflicts %s", r->csv_dialect,
              r->explain ? "explained" : "not explained");
    if (r->search && r->search[0]) {
        sb_puts(b, ", search ");
        search_words(b, r->search, 0);
    }
    sb_puts(b, "\n");
    sb_printf(b, "  timings     load %.3f s, solve %.3f s\n", r->load_seconds, r->solve_seconds);
    sb_printf(b, "  inputs      %d hosts, %d challenges, %d candidates, %d applications, %d "
                 "slots, %d unavailabilities\n", r->counts[0], r->counts[1], r->counts[2],
              r->counts[3], r->counts[4], r->counts[5]);
    sb_printf(b, "  outputs     %s\n", r->noutputs ? "recorded (cohort replay writes them back)"
                                                    : "not recorded (stored by an older cohort)");
    if (!r->has_cohort)
        rv_why_none_text(r, "\nwhy no cohort", "\n", "  ", b);
    sb_puts(b, "\nparameters\n");
    for (int k = 0; k < r->params.n; k++)
        sb_printf(b, "  %s = %s\n", r->params.keys[k], r->params.vals[k]);
    sb_puts(b, "\nteams\n");
    strmap staffed, in;
    sm_init(&staffed);
    sm_init(&in);
    for (int k = 0; k < r->nmem; k++) {
        sm_put(&staffed, r->mem[k].chal, k);
        sm_put(&in, r->mem[k].cand, k);
    }
    int nteams = 0;
    for (int h = 0; h < r->nchals; h++) {
        if (sm_get(&staffed, r->chals[h]) < 0)
            continue;
        nteams++;
        sb_printf(b, "  %s (%s):", r->chals[h], r->chal_hosts[h]);
        for (int k = 0; k < r->nmem; k++)
            if (!strcmp(r->mem[k].chal, r->chals[h]))
                sb_printf(b, " %s %s (%d/%d)", r->mem[k].cand, r->mem[k].profile,
                          r->mem[k].crank, r->mem[k].jrank);
        sb_putc(b, '\n');
    }
    if (!nteams)
        sb_puts(b, r->has_cohort ? "  none\n" : "  none (no cohort)\n");
    if (r->has_cohort) {
        sb_puts(b, "  unstaffed:");
        int n = 0;
        for (int h = 0; h < r->nchals; h++)
            if (sm_get(&staffed, r->chals[h]) < 0) {
                sb_printf(b, " %s", r->chals[h]);
                n++;
            }
        sb_printf(b, "%s\n  unassigned: %d of %d candidates\n", n ? "" : " none",
                  r->ncands - r->nmem, r->ncands);
    }
    sb_puts(b, "  (ranks shown as candidate/jury)\n\nmoney per host (EUR)\n");
    sb_printf(b, "  %-16s %16s %16s %16s\n", "host", "cost", "programme share", "host share");
    for (int k = 0; k < r->nhosts; k++) {
        const run_money *m = &r->hosts[k];
        eur_plain(m->cost, t1, sizeof t1);
        eur_plain(m->prog, t2, sizeof t2);
        eur_plain(m->hshare, t3, sizeof t3);
        sb_printf(b, "  %-16s %16s %16s %16s\n", m->host, t1, t2, t3);
    }
    sm_free(&staffed);
    sm_free(&in);
}

int cohort_store_show(cohort_store *st, const char *run, int json, char **out, cohort_diag *d)
{
    *out = NULL;
    int64_t id;
    int rc = store_resolve(st, run, &id, d);
    if (rc)
        return rc;
    run_record r;
    rc = store_read(st, id, &r, d);
    if (rc == COHORT_OK)
        rc = why_none_read(st, &r, d);
    if (rc == COHORT_OK) {
        sbuf b;
        sb_init(&b);
        if (json)
            show_json(&r, &b);
        else
            show_text(&r, &b);
        *out = sb_take(&b);
    }
    run_record_free(&r);
    return rc;
}

/* ---- cohort compare ---- */

int cohort_store_compare(cohort_store *st, const char *run_a, const char *run_b, int json,
                         char **out, cohort_diag *d)
{
    *out = NULL;
    int64_t ia, ib;
    int rc = store_resolve(st, run_a, &ia, d);
    int rc2 = store_resolve(st, run_b, &ib, d);
    if (rc || rc2)
        return rc ? rc : rc2;
    run_record a, b;
    rc = store_read(st, ia, &a, d);
    rc2 = store_read(st, ib, &b, d);
    if (rc == COHORT_OK)
        rc = why_none_read(st, &a, d);
    if (rc2 == COHORT_OK)
        rc2 = why_none_read(st, &b, d);
    if (rc == COHORT_OK && rc2 == COHORT_OK) {
        sbuf o;
        sb_init(&o);
        compare_render(&a, &b, json, &o);
        *out = sb_take(&o);
    }
    run_record_free(&a);
    run_record_free(&b);
    return rc ? rc : rc2;
}

/* ---- cohort replay ---- */

void cohort_replay_opts_init(cohort_replay_opts *o)
{
    memset(o, 0, sizeof *o);
}

static const char *result_word(const cohort_result *r)
{
    static const char *const w[] = {"optimal", "feasible", "infeasible", "unknown"};
    return w[r->status];
}

int cohort_store_replay(cohort_store *st, const char *run, const char *dir,
                        const cohort_replay_opts *o, cohort_replay_report *rep, cohort_diag *d)
{
    cohort_replay_opts o0;
    if (!o) {
        cohort_replay_opts_init(&o0);
        o = &o0;
    }
    memset(rep, 0, sizeof *rep);
    int64_t id;
    int rc = store_resolve(st, run, &id, d);
    if (rc)
        return rc;
    rep->id = id;
    sbuf files[NSCENFILES], rec[NOUTPUTS], fresh[NOUTPUTS];
    int present[NSCENFILES], have[NOUTPUTS], nhave = 0;
    char *scen = NULL;
    cohort_scenario *s = NULL;
    cohort_result *r = NULL;
    for (int k = 0; k < NOUTPUTS; k++)
        sb_init(&fresh[k]);
    for (int k = 0; k < NSCENFILES; k++)
        sb_init(&files[k]);
    for (int k = 0; k < NOUTPUTS; k++)
        sb_init(&rec[k]);
    cohort_solve_opts so;
    cohort_write_opts wo;
    if ((rc = store_scenario_files(st, id, files, present, d)) ||
        (rc = store_outputs(st, id, rec, have, d)) || (rc = store_options(st, id, &so, &wo, d)))
        goto done;
    for (int k = 0; k < NOUTPUTS; k++)
        nhave += have[k];
    if (o->recorded && nhave < NOUTPUTS) {
        diag_error(d, "run %lld: its outputs were not recorded (the run comes from an older "
                      "store); replay it without --recorded to solve it again", (long long)id);
        rc = COHORT_EINPUT;
        goto done;
    }
    /* 1. the scenario folder */
    scen = xasprintf("%s/scenario", dir);
    const char *names[NSCENFILES];
    sbuf contents[NSCENFILES];
    int n = 0;
    for (int k = 0; k < NSCENFILES; k++)
        if (present[k]) {
            names[n] = SCENARIO_FILES[k];
            contents[n++] = files[k];
        }
    if ((rc = write_file_atomic_dir(scen, names, contents, n, d)))
        goto done;
    for (int k = 0; k < NSCENFILES; k++)
        if (!present[k]) { /* a stale optional table from an earlier replay would load too */
            char *p = xasprintf("%s/%s", scen, SCENARIO_FILES[k]);
            unlink(p);
            free(p);
        }
    /* 2. the outputs */
    if (o->recorded) {
        rc = write_file_atomic_dir(dir, OUTPUT_NAMES, rec, NOUTPUTS, d);
        if (rc == COHORT_OK) {
            rep->compared = rep->identical = 1;
            const char *j = rec[0].s ? strstr(rec[0].s, "\"status\": \"") : NULL;
            snprintf(rep->status, sizeof rep->status, "%.*s", j ? (int)strcspn(j + 11, "\"") : 0,
                     j ? j + 11 : "");
        }
        goto done;
    }
    if ((rc = cohort_scenario_load(scen, &s, d))) {
        diag_error(d, "run %lld: the scenario written back to %s does not load", (long long)id,
                   scen);
        rc = COHORT_EIO;
        goto done;
    }
    rc = cohort_solve(s, &so, &r, d);
    if (rc != COHORT_OK && rc != COHORT_INFEASIBLE)
        goto done;
    snprintf(rep->status, sizeof rep->status, "%s", result_word(r));
    render_outputs(s, r, wo.csv_dialect_fr, fresh);
    if ((rc = write_file_atomic_dir(dir, OUTPUT_NAMES, fresh, NOUTPUTS, d)))
        goto done;
    rep->compared = nhave == NOUTPUTS;
    rep->identical = rep->compared;
    for (int k = 0; k < NOUTPUTS && rep->compared; k++)
        if (fresh[k].len != rec[k].len || memcmp(fresh[k].s, rec[k].s, fresh[k].len)) {
            rep->identical = 0;
            size_t l = strlen(rep->differs);
            snprintf(rep->differs + l, sizeof rep->differs - l, "%s%s", l ? " " : "",
                     OUTPUT_NAMES[k]);
        }
done:
    for (int k = 0; k < NSCENFILES; k++)
        sb_free(&files[k]);
    for (int k = 0; k < NOUTPUTS; k++) {
        sb_free(&rec[k]);
        sb_free(&fresh[k]);
    }
    free(scen);
    cohort_result_free(r);
    cohort_scenario_free(s);
    return rc;
}
