/* instance.c - from raw tables to a validated scenario: ids resolved,
 * numbers checked, money computed in integer cents (CONTRACT.md sections 1
 * and 2), eligible pairs indexed by challenge and by candidate.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int parse_profile(const char *s)
{
    for (int k = 0; k < NPROF; k++)
        if (strcmp(s, PROFILE_NAMES[k]) == 0)
            return k;
    return -1;
}

int parse_kind(const char *s)
{
    for (int k = 0; k < NKIND; k++)
        if (strcmp(s, KIND_NAMES[k]) == 0)
            return k;
    return -1;
}

int cand_in_div(const cohort_scenario *s, int i, int d)
{
    int at = s->divs[d].attr;
    const char *v = at >= 0 && s->cands[i].attrs ? s->cands[i].attrs[at] : NULL;
    return v && !strcmp(v, s->divs[d].value);
}

int contract_month_year(const cohort_scenario *s, int k)
{
    return (s->start_year * 12 + s->start_month - 1 + k) / 12;
}

/* ---- cell readers: each reports FILE:LINE: field 'NAME': problem (expected) ---- */

typedef struct vctx {
    cohort_diag *d;
    int bad;
    /* complete() of each table that others refer to */
    int hosts_ok, chals_ok, cands_ok;
    int json_form; /* the tables come from one JSON file */
} vctx;

/* How messages name another table: "hosts.csv", or "hosts" in a JSON file. */
static const char *table_name(const vctx *v, const char *which)
{
    static const char *const csv[] = {"hosts.csv", "challenges.csv", "candidates.csv"};
    static const char *const json[] = {"hosts", "challenges", "candidates"};
    int k = !strcmp(which, "hosts") ? 0 : !strcmp(which, "challenges") ? 1 : 2;
    return v->json_form ? json[k] : csv[k];
}

static void verr(vctx *v, const table *t, int r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void verr(vctx *v, const table *t, int r, const char *field, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(v->d, "%s:%ld: field '%s': %s", t->file, r >= 0 ? t->lines[r] : 1L, field, msg);
    v->bad = 1;
}

/* Short, printable excerpt of a cell for messages: at most 40 bytes, cut
 * on a character boundary, control characters and bytes that are not UTF-8
 * shown as '?', so that a message is always one line of valid UTF-8. */
static const char *shown(const char *s, char *buf, size_t n)
{
    size_t k = 0, i = 0;
    while (s[i] && k + 8 < n && k < 40) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        size_t avail = strnlen(s + i, len);
        if (c < 0x20 || c == 0x7F || avail < len || utf8_check(s + i, len) >= 0) {
            buf[k++] = '?';
            i++;
            continue;
        }
        if (k + len > 40)
            break;
        memcpy(buf + k, s + i, len);
        k += len;
        i += len;
    }
    buf[k] = '\0';
    if (s[i])
        snprintf(buf + k, n - k, "...");
    return buf;
}

/* A table some of whose rows could not be read (syntax errors, no id
 * column, an empty file): an id missing from it is not reported as
 * unknown, which would only repeat the first error in other words. */
static int complete(const table *t)
{
    return t->present && !t->broken && t->ncols > 0 && table_col(t, "id") >= 0;
}

static int cell_int(vctx *v, const table *t, int r, int col, const char *name, long lo,
                    long hi, int dflt, int *out, const char *expect)
{
    const char *c = table_cell(t, r, col);
    *out = dflt;
    if (!c)
        return 0;
    ratio q;
    char b[64];
    int rc = parse_decimal(c, &q);
    if (rc == -1 || (rc == 0 && q.den != 1)) {
        verr(v, t, r, name, "\"%s\" is not a whole number (expected %s)", shown(c, b, sizeof b),
             expect);
        return -1;
    }
    if (rc == -2 || q.num > hi) {
        verr(v, t, r, name, "%s is too large (expected %s, at most %ld)", shown(c, b, sizeof b),
             expect, hi);
        return -1;
    }
    if (q.num < lo) {
        verr(v, t, r, name, "%s is out of range (expected %s)", shown(c, b, sizeof b), expect);
        return -1;
    }
    *out = (int)q.num;
    return 0;
}

static int cell_cents(vctx *v, const table *t, int r, int col, const char *name,
                      int64_t dflt, int64_t *out, const char *expect)
{
    const char *c = table_cell(t, r, col);
    *out = dflt;
    if (!c)
        return 0;
    ratio q;
    char b[64];
    int rc = parse_decimal(c, &q);
    if (rc == -1) {
        verr(v, t, r, name, "\"%s\" is not a number (expected %s, with a dot for decimals "
             "and no currency sign)", shown(c, b, sizeof b), expect);
        return -1;
    }
    if (rc == 0 && q.num < 0) {
        verr(v, t, r, name, "%s is negative (expected %s)", shown(c, b, sizeof b), expect);
        return -1;
    }
    if (rc == -2 || q.num / q.den > 10000000000LL) {
        /* ten billion euros: far beyond any budget, and safe in cents */
        verr(v, t, r, name, "%s is too large (expected %s, at most 10000000000)",
             shown(c, b, sizeof b), expect);
        return -1;
    }
    if (100 % q.den != 0) { /* the amount is not a whole number of cents */
        verr(v, t, r, name, "%s has more than 2 decimals (expected euros and cents)",
             shown(c, b, sizeof b));
        return -1;
    }
    *out = q.num * (100 / q.den);
    return 0;
}

static int cell_bool(vctx *v, const table *t, int r, int col, const char *name, int *out)
{
    const char *c = table_cell(t, r, col);
    *out = 0;
    if (!c)
        return 0;
    if (!strcmp(c, "1") || !strcasecmp(c, "true") || !strcasecmp(c, "yes")) {
        *out = 1;
        return 0;
    }
    if (!strcmp(c, "0") || !strcasecmp(c, "false") || !strcasecmp(c, "no"))
        return 0;
    char b[64];
    verr(v, t, r, name, "\"%s\" is not 1 or 0 (expected 1 for yes, 0 or empty for no)",
         shown(c, b, sizeof b));
    return -1;
}

/* Reports an empty file or missing required columns. Returns 0 when the
 * rows cannot be read at all, 1 when they can (columns may still be
 * missing: the loaders then skip the checks of those columns). */
static int require_cols(vctx *v, const table *t, const char *const *req, const char *all)
{
    if (!t->present || (t->broken && t->ncols == 0))
        return 0; /* absent, or unreadable and already reported */
    if (t->ncols == 0) {
        diag_error(v->d, "%s:1: field 'file': the file is empty (expected a header line: %s)",
                   t->file, all);
        v->bad = 1;
        return 0;
    }
    for (const char *const *c = req; *c; c++)
        if (table_col(t, *c) < 0) {
            diag_error(v->d, "%s:1: field '%s': missing column (expected a header line with "
                       "%s)", t->file, *c, all);
            v->bad = 1;
        }
    return 1;
}

static int has_cols(const table *t, const char *const *req)
{
    for (const char *const *c = req; *c; c++)
        if (table_col(t, *c) < 0)
            return 0;
    return 1;
}

static void warn_unknown_cols(vctx *v, const table *t, const char *const *known,
                              const char *const *req)
{
    /* a misspelt required column is already reported as missing, and a file
       that could not be read has been reported already */
    if (!has_cols(t, req) || t->broken)
        return;
    sbuf names;
    sb_init(&names);
    int n = 0, first = -1;
    for (int c = 0; c < t->ncols; c++) {
        int ok = 0;
        for (const char *const *k = known; *k; k++)
            if (!strcmp(*k, t->cols[c]))
                ok = 1;
        if (ok)
            continue;
        if (first < 0)
            first = c;
        else if (n < 6)
            sb_printf(&names, ", %s", t->cols[c]);
        n++;
    }
    /* one line per file, however many columns */
    const char *what = v->json_form ? "key" : "column";
    if (n == 1)
        diag_warn(v->d, "%s:1: field '%s': unknown %s, ignored", t->file, t->cols[first], what);
    else if (n > 1) {
        char more[32] = "";
        if (n > 6)
            snprintf(more, sizeof more, " and %d more", n - 6);
        diag_warn(v->d, "%s:1: field '%s': unknown %ss %s%s%s, ignored", t->file,
                  t->cols[first], what, t->cols[first], names.s, more);
    }
    sb_free(&names);
}

static int check_id(vctx *v, const table *t, int r, int col, const char *name, strmap *ix,
                    long *lines, int idx, char **out)
{
    const char *c = table_cell(t, r, col);
    if (!c) {
        verr(v, t, r, name, "empty (expected an identifier)");
        return -1;
    }
    int prev = sm_get(ix, c);
    char b[64];
    if (prev >= 0) {
        verr(v, t, r, name, "duplicate id \"%s\" (first on line %ld; expected each id once)",
             shown(c, b, sizeof b), lines[prev]);
        return -1;
    }
    *out = xstrdup(c);
    sm_put(ix, *out, idx);
    return 0;
}

/* ---- needs ---- */

static int parse_needs(vctx *v, const table *t, int r, const char *text, challenge *c)
{
    for (int k = 0; k < NPROF; k++) {
        c->need_min[k] = 0;
        c->need_max[k] = c->max_team;
        c->need_listed[k] = 0;
    }
    if (!text)
        return 0;
    char *buf = xstrdup(text), *save = NULL, *tok;
    int ok = 0;
    char b[64];
    for (tok = strtok_r(buf, " \t,;", &save); tok; tok = strtok_r(NULL, " \t,;", &save)) {
        char *colon = strchr(tok, ':');
        if (!colon) {
            verr(v, t, r, "needs", "\"%s\" is not profile:N (expected e.g. \"developer:1 "
                 "designer:0-1\")", shown(tok, b, sizeof b));
            ok = -1;
            continue;
        }
        *colon = '\0';
        int prof = parse_profile(tok);
        if (prof < 0) {
            verr(v, t, r, "needs", "unknown profile \"%s\" (expected developer, designer, "
                 "data_scientist, digital_lawyer, data_engineer or geomatician)",
                 shown(tok, b, sizeof b));
            ok = -1;
            continue;
        }
        if (c->need_listed[prof]) {
            verr(v, t, r, "needs", "profile %s is listed twice (expected it once)", tok);
            ok = -1;
            continue;
        }
        char *rng = colon + 1, *dash = strchr(rng, '-');
        ratio a, z;
        int ra, rz;
        if (dash) {
            *dash = '\0';
            ra = parse_decimal(rng, &a);
            rz = parse_decimal(dash + 1, &z);
        } else {
            ra = rz = parse_decimal(rng, &a);
            z = a;
        }
        if (!*rng || ra || rz || a.den != 1 || z.den != 1 || a.num < 0 || z.num < 0 ||
            a.num > 1000 || z.num > 1000) {
            verr(v, t, r, "needs", "the count of %s is not N or MIN-MAX (expected whole "
                 "numbers, e.g. %s:1 or %s:0-2)", tok, tok, tok);
            ok = -1;
            continue;
        }
        if (a.num > z.num) {
            verr(v, t, r, "needs", "%s:%lld-%lld has its minimum above its maximum (expected "
                 "MIN <= MAX)", tok, (long long)a.num, (long long)z.num);
            ok = -1;
            continue;
        }
        c->need_listed[prof] = 1;
        c->need_min[prof] = (int)a.num;
        c->need_max[prof] = (int)z.num;
    }
    free(buf);
    return ok;
}

/* ---- money ---- */

void instance_refresh_money(cohort_scenario *s)
{
    s->covered_count = 0;
    if (s->has_covered) {
        for (int k = 0; k < s->duration; k++) {
            int ym = s->start_year * 12 + s->start_month - 1 + k;
            if (ym >= s->covered_from && ym <= s->covered_to)
                s->covered_count++;
        }
    }
    for (int k = 0; k < NKIND; k++) {
        s->rates[k] = s->rates_given[k];
        if (s->has_covered && s->rates_given[k].num != 0)
            s->rates[k] = (ratio){s->covered_count, s->duration};
    }
    for (int i = 0; i < s->ncands; i++) {
        candidate *c = &s->cands[i];
        c->cost = muldiv_round(c->salary * s->duration, s->factor.num, s->factor.den);
    }
    for (int a = 0; a < s->napps; a++) {
        app *p = &s->apps[a];
        const host *h = &s->hosts[s->chals[p->chal].host];
        int64_t cost = s->cands[p->cand].cost;
        p->prog = h->self_financed ? 0 : ratio_apply(s->rates[h->kind], cost);
        p->hshare = cost - p->prog;
    }
}

static void compute_rank_costs(cohort_scenario *s)
{
    int p = 0;
    int64_t S = 1;
    while (p < 6 && (S % s->wc.den || S % s->wj.den)) {
        S *= 10;
        p++;
    }
    s->rank_scale_pow = p;
    s->rank_scale = S;
    int64_t wc = s->wc.num * (S / s->wc.den), wj = s->wj.num * (S / s->wj.den);
    for (int a = 0; a < s->napps; a++) {
        app *x = &s->apps[a];
        x->crank_eff = x->crank ? x->crank : s->max_crank + 1;
        x->rcost = wc * x->crank_eff + wj * x->jrank;
    }
}

void instance_refresh_ranks(cohort_scenario *s)
{
    compute_rank_costs(s);
}

int64_t scenario_rank_upper(const cohort_scenario *s)
{
    int64_t sum = 0;
    for (int i = 0; i < s->ncands; i++) {
        int64_t best = 0;
        for (int k = s->by_cand_start[i]; k < s->by_cand_start[i + 1]; k++)
            if (s->apps[s->by_cand[k]].rcost > best)
                best = s->apps[s->by_cand[k]].rcost;
        sum = best > INT64_MAX - sum ? INT64_MAX : sum + best; /* rcost < 2^61 */
    }
    return sum;
}

/* ---- indexes ---- */

static void build_indexes(cohort_scenario *s)
{
    int *items = xmalloc(sizeof *items * (size_t)(s->napps ? s->napps : 1));
    int *key = xmalloc(sizeof *key * (size_t)(s->napps ? s->napps : 1));
    int m = 0;
    for (int a = 0; a < s->napps; a++) {
        items[m] = a;
        key[m++] = s->apps[a].chal;
    }
    csr_build(s->nchals, m, items, key, &s->apps_by_chal_start, &s->apps_by_chal);
    s->npairs = 0;
    s->pairs = xmalloc(sizeof *s->pairs * (size_t)(s->napps ? s->napps : 1));
    for (int a = 0; a < s->napps; a++)
        if (s->apps[a].eligible)
            s->pairs[s->npairs++] = a;
    for (int k = 0; k < s->npairs; k++)
        key[k] = s->apps[s->pairs[k]].chal;
    csr_build(s->nchals, s->npairs, s->pairs, key, &s->by_chal_start, &s->by_chal);
    for (int k = 0; k < s->npairs; k++)
        key[k] = s->apps[s->pairs[k]].cand;
    csr_build(s->ncands, s->npairs, s->pairs, key, &s->by_cand_start, &s->by_cand);
    free(items);
    free(key);
}

/* ---- the tables ---- */

static void load_hosts(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"id", "kind", NULL};
    static const char *const known[] = {"id", "name", "kind", "budget", "self_financed", NULL};
    if (!require_cols(v, t, req, "id,name,kind,budget,self_financed"))
        return;
    warn_unknown_cols(v, t, known, req);
    int cid = table_col(t, "id"), cname = table_col(t, "name"), ckind = table_col(t, "kind"),
        cbud = table_col(t, "budget"), cself = table_col(t, "self_financed");
    if (cid < 0)
        return;
    s->hosts = xcalloc((size_t)t->nrows, sizeof *s->hosts);
    long *lines = t->lines;
    for (int r = 0; r < t->nrows; r++) {
        host *h = &s->hosts[s->nhosts];
        h->line = t->lines[r];
        if (check_id(v, t, r, cid, "id", &s->host_ix, lines, s->nhosts, &h->id) < 0)
            continue;
        const char *name = table_cell(t, r, cname);
        h->name = xstrdup(name ? name : h->id);
        const char *kind = table_cell(t, r, ckind);
        char b[64];
        h->kind = kind ? parse_kind(kind) : -1;
        if (h->kind < 0 && ckind >= 0)
        {
            char what[96];
            if (kind)
                snprintf(what, sizeof what, "\"%s\" is not a host kind", shown(kind, b, sizeof b));
            else
                snprintf(what, sizeof what, "empty");
            verr(v, t, r, "kind", "%s (expected state, local, health or other)", what);
        }
        cell_cents(v, t, r, cbud, "budget", -1, &h->budget,
                   "an amount in euros, or empty for no limit");
        cell_bool(v, t, r, cself, "self_financed", &h->self_financed);
        if (h->kind < 0)
            h->kind = K_OTHER;
        s->nhosts++;
    }
}

static void load_challenges(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"id", "host", NULL};
    static const char *const known[] = {"id", "title", "host", "min_team", "max_team",
                                        "needs", "must_staff", NULL};
    if (!require_cols(v, t, req, "id,title,host,min_team,max_team,needs,must_staff"))
        return;
    warn_unknown_cols(v, t, known, req);
    int cid = table_col(t, "id"), ctitle = table_col(t, "title"), chost = table_col(t, "host"),
        cmin = table_col(t, "min_team"), cmax = table_col(t, "max_team"),
        cneeds = table_col(t, "needs"), cmust = table_col(t, "must_staff");
    if (cid < 0)
        return;
    s->chals = xcalloc((size_t)t->nrows, sizeof *s->chals);
    for (int r = 0; r < t->nrows; r++) {
        challenge *c = &s->chals[s->nchals];
        c->line = t->lines[r];
        if (check_id(v, t, r, cid, "id", &s->chal_ix, t->lines, s->nchals, &c->id) < 0)
            continue;
        const char *title = table_cell(t, r, ctitle);
        c->title = xstrdup(title ? title : c->id);
        const char *h = table_cell(t, r, chost);
        char b[64];
        c->host = h ? sm_get(&s->host_ix, h) : -1;
        if (c->host < 0) {
            if (h && v->hosts_ok)
                verr(v, t, r, "host", "unknown host \"%s\" (expected an id of %s)",
                     shown(h, b, sizeof b), table_name(v, "hosts"));
            else if (!h && chost >= 0)
                verr(v, t, r, "host", "empty (expected an id of %s)", table_name(v, "hosts"));
            c->host = 0;
        }
        int e1 = cell_int(v, t, r, cmin, "min_team", 1, 1000, s->team_min, &c->min_team,
                          "a whole number, 1 to 1000");
        int e2 = cell_int(v, t, r, cmax, "max_team", 1, 1000, s->team_max, &c->max_team,
                          "a whole number, 1 to 1000");
        if (!e1 && !e2 && c->min_team > c->max_team)
            verr(v, t, r, table_cell(t, r, cmax) ? "max_team" : "min_team",
                 "team size %d-%d has its minimum above its maximum (expected min_team <= "
                 "max_team)", c->min_team, c->max_team);
        c->min_given = table_cell(t, r, cmin) != NULL;
        c->max_given = table_cell(t, r, cmax) != NULL;
        const char *needs = table_cell(t, r, cneeds);
        c->needs_text = xstrdup(needs ? needs : "");
        if (parse_needs(v, t, r, needs, c) == 0) {
            int summin = 0;
            for (int k = 0; k < NPROF; k++)
                summin += c->need_min[k];
            if (summin > c->max_team)
                verr(v, t, r, "needs", "the minimums add up to %d, more than max_team %d "
                     "(expected needs that fit in the team)", summin, c->max_team);
        }
        cell_bool(v, t, r, cmust, "must_staff", &c->must_staff);
        s->nchals++;
    }
}

static void load_candidates(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"id", "profile", NULL};
    if (!require_cols(v, t, req, "id,name,profile,monthly_salary"))
        return;
    int cid = table_col(t, "id"), cname = table_col(t, "name"), cprof = table_col(t, "profile"),
        csal = table_col(t, "monthly_salary");
    if (cid < 0)
        return;
    int *attr_col = xmalloc(sizeof *attr_col * (size_t)(t->ncols ? t->ncols : 1));
    s->attr_names = xmalloc(sizeof *s->attr_names * (size_t)(t->ncols ? t->ncols : 1));
    for (int c = 0; c < t->ncols; c++)
        if (c != cid && c != cname && c != cprof && c != csal) {
            attr_col[s->nattrs] = c;
            s->attr_names[s->nattrs++] = xstrdup(t->cols[c]);
        }
    s->cands = xcalloc((size_t)t->nrows, sizeof *s->cands);
    for (int r = 0; r < t->nrows; r++) {
        candidate *c = &s->cands[s->ncands];
        c->line = t->lines[r];
        if (check_id(v, t, r, cid, "id", &s->cand_ix, t->lines, s->ncands, &c->id) < 0)
            continue;
        const char *name = table_cell(t, r, cname);
        c->name = xstrdup(name ? name : c->id);
        const char *prof = table_cell(t, r, cprof);
        char b[64];
        c->profile = prof ? parse_profile(prof) : -1;
        if (c->profile < 0 && cprof < 0) {
            c->profile = 0;
        } else if (c->profile < 0) {
            char what[96];
            if (prof)
                snprintf(what, sizeof what, "\"%s\" is not a profile", shown(prof, b, sizeof b));
            else
                snprintf(what, sizeof what, "empty");
            verr(v, t, r, "profile", "%s (expected developer, designer, data_scientist, "
                 "digital_lawyer, data_engineer or geomatician)", what);
            c->profile = 0;
        }
        cell_cents(v, t, r, csal, "monthly_salary", s->default_salary, &c->salary,
                   "a net monthly salary in euros");
        c->salary_given = table_cell(t, r, csal) != NULL;
        c->attrs = xcalloc((size_t)(s->nattrs ? s->nattrs : 1), sizeof *c->attrs);
        for (int k = 0; k < s->nattrs; k++) {
            const char *a = table_cell(t, r, attr_col[k]);
            c->attrs[k] = a ? xstrdup(a) : NULL;
        }
        s->ncands++;
    }
    free(attr_col);
}

static void load_preferences(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"candidate", "challenge", NULL};
    static const char *const known[] = {"candidate", "challenge", "candidate_rank",
                                        "jury_rank", "shortlisted", NULL};
    if (!require_cols(v, t, req, "candidate,challenge,candidate_rank,jury_rank,shortlisted"))
        return;
    warn_unknown_cols(v, t, known, req);
    int ccand = table_col(t, "candidate"), cchal = table_col(t, "challenge"),
        ccr = table_col(t, "candidate_rank"), cjr = table_col(t, "jury_rank"),
        csl = table_col(t, "shortlisted");
    if (ccand < 0 || cchal < 0)
        return;
    if (cjr < 0)
        diag_warn(v->d, "%s:1: field 'jury_rank': no such column: every application counts "
                  "as declined by the jury", t->file);
    s->apps = xcalloc((size_t)t->nrows, sizeof *s->apps);
    strmap seen;
    sm_init(&seen);
    char **keys = xcalloc((size_t)(t->nrows ? t->nrows : 1), sizeof *keys);
    int nkeys = 0;
    for (int r = 0; r < t->nrows; r++) {
        app *a = &s->apps[s->napps];
        a->line = t->lines[r];
        const char *ci = table_cell(t, r, ccand), *ch = table_cell(t, r, cchal);
        char b[64];
        int bad = 0;
        a->cand = ci ? sm_get(&s->cand_ix, ci) : -1;
        a->chal = ch ? sm_get(&s->chal_ix, ch) : -1;
        if (a->cand < 0) {
            if (!ci)
                verr(v, t, r, "candidate", "empty (expected an id of %s)",
                     table_name(v, "candidates"));
            else if (v->cands_ok)
                verr(v, t, r, "candidate", "unknown candidate \"%s\" (expected an id of %s)",
                     shown(ci, b, sizeof b), table_name(v, "candidates"));
            bad = 1;
        }
        if (a->chal < 0) {
            if (!ch)
                verr(v, t, r, "challenge", "empty (expected an id of %s)",
                     table_name(v, "challenges"));
            else if (v->chals_ok)
                verr(v, t, r, "challenge", "unknown challenge \"%s\" (expected an id of %s)",
                     shown(ch, b, sizeof b), table_name(v, "challenges"));
            bad = 1;
        }
        if (cell_int(v, t, r, ccr, "candidate_rank", 1, 1000000, 0, &a->crank,
                     "a rank 1, 2, 3... or empty when the jury proposed the candidate") < 0)
            bad = 1;
        if (cell_int(v, t, r, cjr, "jury_rank", 1, 1000000, 0, &a->jrank,
                     "a rank 1, 2, 3... or empty when the jury declined") < 0)
            bad = 1;
        if (cell_bool(v, t, r, csl, "shortlisted", &a->shortlisted) < 0)
            bad = 1;
        if (bad)
            continue;
        char *key = xasprintf("%d\x1f%d", a->cand, a->chal);
        int prev = sm_get(&seen, key);
        if (prev >= 0) {
            verr(v, t, r, "challenge", "candidate %s already applied to %s on line %ld "
                 "(expected one row per application)", s->cands[a->cand].id,
                 s->chals[a->chal].id, s->apps[prev].line);
            free(key);
            continue;
        }
        keys[nkeys++] = key;
        sm_put(&seen, key, s->napps);
        if (a->crank > s->max_crank)
            s->max_crank = a->crank;
        const challenge *c = &s->chals[a->chal];
        a->eligible = a->jrank > 0 && c->need_max[s->cands[a->cand].profile] > 0;
        s->napps++;
    }
    for (int k = 0; k < nkeys; k++)
        free(keys[k]);
    free(keys);
    sm_free(&seen);
}

static void load_slots(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"day", "start", "end", NULL};
    static const char *const known[] = {"day", "start", "end", NULL};
    if (!t->present || (t->ncols == 0 && !t->broken))
        return; /* absent, or an empty optional file: no rows */
    if (!require_cols(v, t, req, "day,start,end") || !has_cols(t, req))
        return;
    warn_unknown_cols(v, t, known, req);
    int cd = table_col(t, "day"), cs = table_col(t, "start"), ce = table_col(t, "end");
    s->slots = xcalloc((size_t)t->nrows, sizeof *s->slots);
    for (int r = 0; r < t->nrows; r++) {
        slot *sl = &s->slots[s->nslots];
        const char *day = table_cell(t, r, cd), *a = table_cell(t, r, cs),
                   *b = table_cell(t, r, ce);
        int bad = 0;
        char x[64];
        int yy, mm, dd;
        if (parse_date(day, &yy, &mm, &dd) < 0) {
            verr(v, t, r, "day", "%s%s%s is not a date (expected YYYY-MM-DD, e.g. 2021-07-05)",
                 day ? "\"" : "", day ? shown(day, x, sizeof x) : "empty", day ? "\"" : "");
            bad = 1;
        }
        if (parse_hhmm(a, &sl->start) < 0) {
            verr(v, t, r, "start", "%s%s%s is not a time (expected HH:MM, e.g. 09:00)",
                 a ? "\"" : "", a ? shown(a, x, sizeof x) : "empty", a ? "\"" : "");
            bad = 1;
        }
        if (parse_hhmm(b, &sl->end) < 0) {
            verr(v, t, r, "end", "%s%s%s is not a time (expected HH:MM, e.g. 09:30)",
                 b ? "\"" : "", b ? shown(b, x, sizeof x) : "empty", b ? "\"" : "");
            bad = 1;
        }
        if (!bad && sl->end <= sl->start) {
            verr(v, t, r, "end", "%s is not after start %s (expected end > start)", b, a);
            bad = 1;
        }
        if (bad)
            continue;
        sl->day = xstrdup(day);
        sl->line = t->lines[r];
        s->nslots++;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_unavailable(vctx *v, const table *t, cohort_scenario *s)
{
    static const char *const req[] = {"who", "id", "day", NULL};
    static const char *const known[] = {"who", "id", "day", "start", "end", NULL};
    if (!t->present || (t->ncols == 0 && !t->broken))
        return; /* absent, or an empty optional file: no rows */
    if (!require_cols(v, t, req, "who,id,day,start,end") || !has_cols(t, req))
        return;
    warn_unknown_cols(v, t, known, req);
    int cw = table_col(t, "who"), ci = table_col(t, "id"), cd = table_col(t, "day"),
        cs = table_col(t, "start"), ce = table_col(t, "end");
    s->unav = xcalloc((size_t)t->nrows, sizeof *s->unav);
    for (int r = 0; r < t->nrows; r++) {
        unavail *u = &s->unav[s->nunav];
        const char *who = table_cell(t, r, cw), *id = table_cell(t, r, ci),
                   *day = table_cell(t, r, cd), *a = table_cell(t, r, cs),
                   *b = table_cell(t, r, ce);
        char x[64];
        int bad = 0;
        u->who = who && !strcmp(who, "candidate") ? 0 : who && !strcmp(who, "challenge") ? 1 : -1;
        if (u->who < 0) {
            verr(v, t, r, "who", "%s%s%s is not candidate or challenge (expected candidate or "
                 "challenge)", who ? "\"" : "", who ? shown(who, x, sizeof x) : "empty",
                 who ? "\"" : "");
            bad = 1;
        } else {
            u->id = id ? sm_get(u->who ? &s->chal_ix : &s->cand_ix, id) : -1;
            const char *tn = table_name(v, u->who ? "challenges" : "candidates");
            if (u->id < 0 && !id)
                verr(v, t, r, "id", "empty (expected an id of %s)", tn);
            else if (u->id < 0 && (u->who ? v->chals_ok : v->cands_ok))
                verr(v, t, r, "id", "unknown %s \"%s\" (expected an id of %s)",
                     u->who ? "challenge" : "candidate", shown(id, x, sizeof x), tn);
            if (u->id < 0)
                bad = 1;
        }
        int yy, mm, dd;
        if (parse_date(day, &yy, &mm, &dd) < 0) {
            verr(v, t, r, "day", "%s%s%s is not a date (expected YYYY-MM-DD)", day ? "\"" : "",
                 day ? shown(day, x, sizeof x) : "empty", day ? "\"" : "");
            bad = 1;
        }
        u->start = 0;
        u->end = 24 * 60;
        if (a && parse_hhmm(a, &u->start) < 0) {
            verr(v, t, r, "start", "\"%s\" is not a time (expected HH:MM, or empty for the "
                 "whole day)", shown(a, x, sizeof x));
            bad = 1;
        }
        if (b && parse_hhmm(b, &u->end) < 0) {
            verr(v, t, r, "end", "\"%s\" is not a time (expected HH:MM, or empty for the "
                 "whole day)", shown(b, x, sizeof x));
            bad = 1;
        }
        if (!bad && u->end <= u->start) {
            verr(v, t, r, "end", "not after start (expected end > start)");
            bad = 1;
        }
        if (bad)
            continue;
        u->day = xstrdup(day);
        u->line = t->lines[r];
        s->nunav++;
    }
}

static void index_days(cohort_scenario *s)
{
    char **days = xmalloc(sizeof *days * (size_t)(s->nslots ? s->nslots : 1));
    for (int k = 0; k < s->nslots; k++)
        days[k] = s->slots[k].day;
    qsort(days, (size_t)s->nslots, sizeof *days, cmp_str);
    int n = 0;
    for (int k = 0; k < s->nslots; k++)
        if (!n || strcmp(days[n - 1], days[k]))
            days[n++] = days[k];
    s->days = xmalloc(sizeof *s->days * (size_t)(n ? n : 1));
    for (int k = 0; k < n; k++)
        s->days[k] = xstrdup(days[k]);
    s->ndays = n;
    free(days);
    for (int k = 0; k < s->nslots; k++) {
        char **f = bsearch(&s->slots[k].day, s->days, (size_t)n, sizeof *s->days, cmp_str);
        s->slots[k].day_index = (int)(f - s->days);
    }
}

int instance_build(const raw_scenario *raw, const char *source, cohort_scenario **out,
                   cohort_diag *d)
{
    cohort_scenario *s = xcalloc(1, sizeof *s);
    vctx V = {d, 0, 0, 0, 0, 0}, *v = &V;
    v->hosts_ok = complete(&raw->hosts);
    v->chals_ok = complete(&raw->challenges);
    v->cands_ok = complete(&raw->candidates);
    v->json_form = raw->json_file && raw->hosts.file && !strcmp(raw->hosts.file, raw->json_file);
    /* a table left incomplete by a syntax error has been reported already */
    const table *all[] = {&raw->hosts, &raw->challenges, &raw->candidates,
                          &raw->preferences, &raw->slots, &raw->unavailable};
    for (int k = 0; k < 6; k++)
        if (all[k]->broken || (k < 4 && !all[k]->present))
            v->bad = 1; /* a required table missing has been reported too */
    sm_init(&s->host_ix);
    sm_init(&s->chal_ix);
    sm_init(&s->cand_ix);
    s->source = xstrdup(source);
    if (scenario_params(raw, s, d) < 0)
        v->bad = 1;
    load_hosts(v, &raw->hosts, s);
    load_challenges(v, &raw->challenges, s);
    load_candidates(v, &raw->candidates, s);
    load_preferences(v, &raw->preferences, s);
    load_slots(v, &raw->slots, s);
    load_unavailable(v, &raw->unavailable, s);
    for (int k = 0; k < s->ndivs; k++) {
        diversity *D = &s->divs[k];
        for (int a = 0; a < s->nattrs; a++)
            if (!strcmp(s->attr_names[a], D->attribute))
                D->attr = a;
        if (D->attr < 0 && v->cands_ok) {
            char path[64];
            snprintf(path, sizeof path, "diversity[%d].attribute", k);
            const char *a = D->attribute;
            int builtin = !strcmp(a, "id") || !strcmp(a, "name") || !strcmp(a, "profile") ||
                          !strcmp(a, "monthly_salary");
            char b[64];
            if (builtin)
                diag_error(d, "%s:%ld: field '%s%s': '%s' is not an attribute (expected a "
                           "further column of %s such as gender%s)", raw->json_file,
                           raw_json_line(raw, path), raw->jprefix, path, a,
                           table_name(v, "candidates"),
                           strcmp(a, "profile") ? "" : "; profile_quotas limit profiles");
            else
                diag_error(d, "%s:%ld: field '%s%s': %s has no column \"%s\" (expected the "
                           "name of a further column of %s, such as gender)", raw->json_file,
                           raw_json_line(raw, path), raw->jprefix, path,
                           table_name(v, "candidates"), shown(a, b, sizeof b),
                           table_name(v, "candidates"));
            v->bad = 1;
        }
    }
    if (s->cs_min >= 0 && s->cs_max < 0)
        s->cs_max = -1;
    if (v->bad) {
        cohort_scenario_free(s);
        return COHORT_EINPUT;
    }
    compute_rank_costs(s);
    build_indexes(s);
    if (scenario_rank_upper(s) > RANK_SUM_MAX) {
        /* weights of 1,000,000 with 6 decimals and ranks near 1,000,000:
           the rank level's sum passes what a double holds exactly (the
           solve once stopped "on an internal error") */
        diag_error(d, "%s:%ld: field '%sobjective': candidate_weight and jury_weight times the "
                   "ranks add up to more than 2^53 (expected smaller weights, fewer decimals "
                   "in them, or smaller ranks)", raw->json_file ? raw->json_file : source,
                   raw->json_file ? raw_json_line(raw, "objective") : 1, raw->jprefix);
        cohort_scenario_free(s);
        return COHORT_EINPUT;
    }
    instance_refresh_money(s);
    index_days(s);
    if (s->napps && !s->npairs)
        diag_warn(d, "%s: no application has a jury rank for an allowed profile: nobody can "
                  "be assigned", raw->preferences.file);
    *out = s;
    return COHORT_OK;
}

void cohort_scenario_free(cohort_scenario *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nhosts; i++) {
        free(s->hosts[i].id);
        free(s->hosts[i].name);
    }
    for (int i = 0; i < s->nchals; i++) {
        free(s->chals[i].id);
        free(s->chals[i].title);
        free(s->chals[i].needs_text);
    }
    for (int i = 0; i < s->ncands; i++) {
        free(s->cands[i].id);
        free(s->cands[i].name);
        for (int k = 0; k < s->nattrs && s->cands[i].attrs; k++)
            free(s->cands[i].attrs[k]);
        free(s->cands[i].attrs);
    }
    for (int k = 0; k < s->nattrs; k++)
        free(s->attr_names[k]);
    for (int k = 0; k < s->ndivs; k++) {
        free(s->divs[k].attribute);
        free(s->divs[k].value);
    }
    for (int k = 0; k < s->nslots; k++)
        free(s->slots[k].day);
    for (int k = 0; k < s->nunav; k++)
        free(s->unav[k].day);
    for (int k = 0; k < s->ndays; k++)
        free(s->days[k]);
    free(s->days);
    free(s->slots);
    free(s->unav);
    free(s->divs);
    free(s->attr_names);
    free(s->hosts);
    free(s->chals);
    free(s->cands);
    free(s->apps);
    free(s->pairs);
    free(s->by_chal_start);
    free(s->by_chal);
    free(s->by_cand_start);
    free(s->by_cand);
    free(s->apps_by_chal_start);
    free(s->apps_by_chal);
    free(s->name);
    free(s->source);
    sm_free(&s->host_ix);
    sm_free(&s->chal_ix);
    sm_free(&s->cand_ix);
    free(s);
}

int cohort_scenario_load(const char *path, cohort_scenario **out, cohort_diag *d)
{
    raw_scenario raw;
    *out = NULL;
    int rc;
    FILE *probe;
    char *sj = xasprintf("%s/.", path);
    probe = fopen(sj, "r"); /* a folder opens as "dir/." */
    free(sj);
    if (probe) {
        fclose(probe);
        rc = load_folder(path, &raw, d);
    } else {
        rc = load_json_file(path, &raw, d);
    }
    if (rc < 0) {
        /* still check what could be read, so that every error of every file
           is reported at once; tables left incomplete do not cascade */
        cohort_scenario *s = NULL;
        if (raw.json_root || raw.hosts.present || raw.challenges.present ||
            raw.candidates.present || raw.preferences.present)
            instance_build(&raw, path, &s, d);
        cohort_scenario_free(s);
        raw_free(&raw);
        return COHORT_EINPUT;
    }
    rc = instance_build(&raw, path, out, d);
    raw_free(&raw);
    return rc;
}
