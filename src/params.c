/* params.c - the scenario's numeric parameters by dotted key: overriding
 * one in a validated scenario (sweeps), listing them all as key/value texts
 * (the store, comparisons) and writing them back as scenario.json (replay).
 *
 * A change keeps the scenario consistent: money is recomputed when a rate,
 * the envelope's inputs, a salary, the duration or the cost factor moves;
 * rank costs when a weight moves; team sizes of the challenges that take
 * the scenario's default when team_size moves. Values are checked as the
 * loader checks them (CONTRACT.md section 1) and a refused value leaves the
 * scenario untouched.
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- key/value lists ---- */

void kv_init(kvlist *kv)
{
    memset(kv, 0, sizeof *kv);
}

void kv_free(kvlist *kv)
{
    if (!kv)
        return;
    for (int k = 0; k < kv->n; k++) {
        free(kv->keys[k]);
        free(kv->vals[k]);
    }
    free(kv->keys);
    free(kv->vals);
    kv_init(kv);
}

void kv_add(kvlist *kv, const char *key, const char *val)
{
    if (kv->n == kv->cap) {
        kv->cap = kv->cap ? kv->cap * 2 : 32;
        kv->keys = xrealloc(kv->keys, sizeof *kv->keys * (size_t)kv->cap);
        kv->vals = xrealloc(kv->vals, sizeof *kv->vals * (size_t)kv->cap);
    }
    kv->keys[kv->n] = xstrdup(key);
    kv->vals[kv->n] = xstrdup(val);
    kv->n++;
}

const char *kv_get(const kvlist *kv, const char *key)
{
    for (int k = 0; k < kv->n; k++)
        if (!strcmp(kv->keys[k], key))
            return kv->vals[k];
    return NULL;
}

void ratio_text(ratio r, char *buf, size_t n)
{
    int64_t p = 1;
    int k = 0;
    while (k < 18 && p % r.den) {
        p *= 10;
        k++;
    }
    if (p % r.den) { /* not a decimal: cannot come from the loader */
        double_text((double)r.num / (double)r.den, buf, n);
        return;
    }
    __int128 v = (__int128)r.num * (p / r.den);
    fmt_scaled((int64_t)v, k, buf, n);
}

/* ---- listing ---- */

static void add_int(kvlist *kv, const char *key, long v)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", v);
    kv_add(kv, key, b);
}

static void add_ratio(kvlist *kv, const char *key, ratio r)
{
    char b[64];
    ratio_text(r, b, sizeof b);
    kv_add(kv, key, b);
}

static void add_cents(kvlist *kv, const char *key, int64_t cents)
{
    char b[40];
    fmt_scaled(cents, 2, b, sizeof b);
    kv_add(kv, key, b);
}

void params_to_kv(const cohort_scenario *s, kvlist *kv)
{
    char key[128], b[64];
    kv_add(kv, "name", s->name);
    snprintf(b, sizeof b, "%04d-%02d-%02d", s->start_year, s->start_month, s->start_day);
    kv_add(kv, "start_date", b);
    add_int(kv, "duration_months", s->duration);
    add_ratio(kv, "employer_cost_factor", s->factor);
    add_cents(kv, "default_monthly_salary", s->default_salary);
    add_int(kv, "team_size.min", s->team_min);
    add_int(kv, "team_size.max", s->team_max);
    add_int(kv, "min_distinct_profiles", s->min_distinct);
    if (s->cs_min >= 0)
        add_int(kv, "cohort_size.min", s->cs_min);
    if (s->cs_max >= 0)
        add_int(kv, "cohort_size.max", s->cs_max);
    for (int p = 0; p < NPROF; p++) {
        const quota *q = &s->quotas[p];
        if (!s->has_quota[p])
            continue;
        if (q->min >= 0) {
            snprintf(key, sizeof key, "profile_quotas.%s.min", PROFILE_NAMES[p]);
            add_int(kv, key, q->min);
        }
        if (q->max >= 0) {
            snprintf(key, sizeof key, "profile_quotas.%s.max", PROFILE_NAMES[p]);
            add_int(kv, key, q->max);
        }
        if (q->has_min_share) {
            snprintf(key, sizeof key, "profile_quotas.%s.min_share", PROFILE_NAMES[p]);
            add_ratio(kv, key, q->min_share);
        }
        if (q->has_max_share) {
            snprintf(key, sizeof key, "profile_quotas.%s.max_share", PROFILE_NAMES[p]);
            add_ratio(kv, key, q->max_share);
        }
    }
    for (int k = 0; k < s->ndivs; k++) {
        const diversity *D = &s->divs[k];
        snprintf(key, sizeof key, "diversity.%d.attribute", k);
        kv_add(kv, key, D->attribute);
        snprintf(key, sizeof key, "diversity.%d.value", k);
        kv_add(kv, key, D->value);
        if (D->has_min_share) {
            snprintf(key, sizeof key, "diversity.%d.min_share", k);
            add_ratio(kv, key, D->min_share);
        }
        if (D->has_max_share) {
            snprintf(key, sizeof key, "diversity.%d.max_share", k);
            add_ratio(kv, key, D->max_share);
        }
    }
    for (int k = 0; k < NKIND; k++) {
        snprintf(key, sizeof key, "cofinancing.rates.%s", KIND_NAMES[k]);
        add_ratio(kv, key, s->rates_given[k]);
    }
    if (s->envelope >= 0)
        add_cents(kv, "cofinancing.envelope", s->envelope);
    if (s->has_covered) {
        snprintf(b, sizeof b, "%04d-%02d", s->covered_from / 12, s->covered_from % 12 + 1);
        kv_add(kv, "cofinancing.covered_months.from", b);
        snprintf(b, sizeof b, "%04d-%02d", s->covered_to / 12, s->covered_to % 12 + 1);
        kv_add(kv, "cofinancing.covered_months.to", b);
    }
    sbuf o;
    sb_init(&o);
    sb_puts(&o, "");
    for (int k = 0; k < s->norder; k++)
        sb_printf(&o, "%s%s", k ? "," : "", LEVEL_NAMES[s->order[k]]);
    kv_add(kv, "objective.order", o.s);
    sb_free(&o);
    add_ratio(kv, "objective.candidate_weight", s->wc);
    add_ratio(kv, "objective.jury_weight", s->wj);
}

/* ---- the scenario's digest ---- */

typedef struct digest {
    uint64_t h;
} digest;

/* FNV-1a, 64 bits: a change detector, not a seal */
static void dg_bytes(digest *g, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t k = 0; k < n; k++) {
        g->h ^= c[k];
        g->h *= 1099511628211ULL;
    }
}

static void dg_text(digest *g, const char *s)
{
    if (s)
        dg_bytes(g, s, strlen(s) + 1); /* with its end: "ab","c" is not "a","bc" */
    else
        dg_bytes(g, "\001", 1); /* absent is not empty */
}

static void dg_int(digest *g, int64_t v)
{
    unsigned char b[8];
    for (int k = 0; k < 8; k++)
        b[k] = (unsigned char)((uint64_t)v >> (8 * k));
    dg_bytes(g, b, 8);
}

uint64_t scenario_digest(const cohort_scenario *s)
{
    digest g = {14695981039346656037ULL};
    kvlist kv;
    kv_init(&kv);
    params_to_kv(s, &kv);
    for (int k = 0; k < kv.n; k++) {
        dg_text(&g, kv.keys[k]);
        dg_text(&g, kv.vals[k]);
    }
    kv_free(&kv);
    dg_int(&g, s->nhosts);
    for (int h = 0; h < s->nhosts; h++) {
        const host *x = &s->hosts[h];
        dg_text(&g, x->id);
        dg_int(&g, x->kind);
        dg_int(&g, x->budget);
        dg_int(&g, x->self_financed);
    }
    dg_int(&g, s->nchals);
    for (int h = 0; h < s->nchals; h++) {
        const challenge *c = &s->chals[h];
        dg_text(&g, c->id);
        dg_int(&g, c->host);
        dg_int(&g, c->min_team);
        dg_int(&g, c->max_team);
        for (int p = 0; p < NPROF; p++) {
            dg_int(&g, c->need_min[p]);
            dg_int(&g, c->need_max[p]);
        }
        dg_int(&g, c->must_staff);
    }
    dg_int(&g, s->nattrs);
    for (int a = 0; a < s->nattrs; a++)
        dg_text(&g, s->attr_names[a]);
    dg_int(&g, s->ncands);
    for (int i = 0; i < s->ncands; i++) {
        const candidate *c = &s->cands[i];
        dg_text(&g, c->id);
        dg_int(&g, c->profile);
        dg_int(&g, c->salary);
        for (int a = 0; a < s->nattrs; a++)
            dg_text(&g, c->attrs ? c->attrs[a] : NULL);
    }
    dg_int(&g, s->napps);
    for (int k = 0; k < s->napps; k++) {
        const app *p = &s->apps[k];
        dg_int(&g, p->cand);
        dg_int(&g, p->chal);
        dg_int(&g, p->crank);
        dg_int(&g, p->jrank);
    }
    return g.h;
}

/* ---- scenario.json ---- */

static int is_string_leaf(const char *leaf)
{
    static const char *const names[] = {"name", "start_date", "attribute", "value", "from",
                                        "to", NULL};
    for (const char *const *n = names; *n; n++)
        if (!strcmp(leaf, *n))
            return 1;
    return 0;
}

static void indent(sbuf *b, int depth)
{
    sb_putc(b, '\n');
    for (int k = 0; k < depth; k++)
        sb_puts(b, "  ");
}

/* The keys come grouped by their dotted prefixes (params_to_kv's order):
 * containers open and close as the prefix changes. "diversity" is the one
 * array of objects; "objective.order" a comma list that becomes an array. */
void params_json(const kvlist *kv, sbuf *b)
{
    enum { MAXD = 8 };
    char *open[MAXD] = {0};
    int first[MAXD + 1], depth = 0;
    first[0] = 1;
    sb_puts(b, "{");
    for (int i = 0; i < kv->n; i++) {
        char *key = xstrdup(kv->keys[i]), *segs[MAXD + 1], *save = NULL;
        int n = 0;
        for (char *t = strtok_r(key, ".", &save); t && n <= MAXD; t = strtok_r(NULL, ".", &save))
            segs[n++] = t;
        if (n == 0 || n > MAXD) {
            free(key);
            continue;
        }
        int c = 0;
        while (c < depth && c < n - 1 && !strcmp(open[c], segs[c]))
            c++;
        while (depth > c) {
            depth--;
            indent(b, depth + 1);
            sb_putc(b, depth && !strcmp(open[depth - 1], "diversity") ? '}'
                       : !strcmp(open[depth], "diversity")             ? ']'
                                                                       : '}');
            free(open[depth]);
            open[depth] = NULL;
        }
        while (depth < n - 1) {
            if (!first[depth])
                sb_putc(b, ',');
            first[depth] = 0;
            indent(b, depth + 1);
            int in_array = depth && !strcmp(open[depth - 1], "diversity");
            if (!in_array) {
                json_str(b, segs[depth]);
                sb_puts(b, ": ");
            }
            sb_putc(b, !strcmp(segs[depth], "diversity") ? '[' : '{');
            open[depth] = xstrdup(segs[depth]);
            depth++;
            first[depth] = 1;
        }
        if (!first[depth])
            sb_putc(b, ',');
        first[depth] = 0;
        indent(b, depth + 1);
        const char *leaf = segs[n - 1], *val = kv->vals[i];
        json_str(b, leaf);
        sb_puts(b, ": ");
        if (!strcmp(kv->keys[i], "objective.order")) {
            sb_putc(b, '[');
            char *list = xstrdup(val), *sv = NULL;
            int k = 0;
            for (char *t = strtok_r(list, ",", &sv); t; t = strtok_r(NULL, ",", &sv), k++) {
                if (k)
                    sb_puts(b, ", ");
                json_str(b, t);
            }
            free(list);
            sb_putc(b, ']');
        } else if (is_string_leaf(leaf)) {
            json_str(b, val);
        } else {
            sb_puts(b, val);
        }
        free(key);
    }
    while (depth > 0) {
        depth--;
        indent(b, depth + 1);
        sb_putc(b, depth && !strcmp(open[depth - 1], "diversity") ? '}'
                   : !strcmp(open[depth], "diversity")             ? ']'
                                                                   : '}');
        free(open[depth]);
    }
    sb_puts(b, "\n}\n");
}

/* ---- overriding one key ---- */

typedef struct setctx {
    cohort_scenario *s;
    const char *key, *value;
    cohort_diag *d;
} setctx;

static int bad(setctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(setctx *c, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(c->d, "%s: field '%s': %s", c->s->source ? c->s->source : "scenario", c->key,
               msg);
    return COHORT_EINPUT;
}

static int is_none(const char *v)
{
    return !strcmp(v, "none") || !strcmp(v, "null") || !*v;
}

/* Whole number in lo..hi; *absent set when "none" is allowed and given. */
static int val_int(setctx *c, long lo, long hi, int optional, int *out, int *absent,
                   const char *expect)
{
    ratio q;
    *absent = 0;
    if (optional && is_none(c->value)) {
        *absent = 1;
        return 0;
    }
    int rc = parse_decimal(c->value, &q);
    if (rc == -1 || (rc == 0 && q.den != 1))
        return bad(c, "\"%s\" is not a whole number (expected %s)", c->value, expect);
    if (rc == -2 || q.num < lo || q.num > hi)
        return bad(c, "%s is out of range (expected %s)", c->value, expect);
    *out = (int)q.num;
    return 0;
}

/* Euros with at most 2 decimals, 0 .. 10^13, as cents. */
static int val_cents(setctx *c, int optional, int64_t *out, int *absent, const char *expect)
{
    ratio q;
    *absent = 0;
    if (optional && is_none(c->value)) {
        *absent = 1;
        return 0;
    }
    int rc = parse_decimal(c->value, &q);
    if (rc == -1)
        return bad(c, "\"%s\" is not a number (expected %s)", c->value, expect);
    if (rc == -2 || q.num < 0 || q.num / q.den > 10000000000000LL)
        return bad(c, "%s is out of range (expected %s)", c->value, expect);
    if (100 % q.den)
        return bad(c, "%s has more than 2 decimals (expected euros and cents)", c->value);
    *out = q.num * (100 / q.den);
    return 0;
}

/* A rate, share or weight, read as the loader reads a JSON number: through a
 * double and its shortest text, so that a stored and replayed scenario.json
 * gives back the very same ratio. */
static int val_ratio(setctx *c, double lo, double hi, int64_t maxden, int optional, ratio *out,
                     int *absent, const char *expect)
{
    *absent = 0;
    if (optional && is_none(c->value)) {
        *absent = 1;
        return 0;
    }
    ratio probe;
    if (parse_decimal(c->value, &probe) == -1)
        return bad(c, "\"%s\" is not a number (expected %s)", c->value, expect);
    errno = 0;
    char *end;
    double x = strtod(c->value, &end);
    char txt[64];
    double_text(x, txt, sizeof txt);
    if (errno || !isfinite(x) || !(x >= lo && x <= hi) || parse_decimal(txt, out) != 0)
        return bad(c, "%s is out of range (expected %s)", c->value, expect);
    if (maxden && out->den > maxden)
        return bad(c, "%s has too many decimals (expected at most 6)", c->value);
    return 0;
}

static int ratio_le(ratio a, ratio b)
{
    return (__int128)a.num * b.den <= (__int128)b.num * a.den;
}

/* team_size moved: challenges without their own min_team/max_team follow. */
static int set_team(setctx *c, int tmin, int tmax)
{
    cohort_scenario *s = c->s;
    if (tmin > tmax)
        return bad(c, "team size %d-%d has its minimum above its maximum (expected "
                      "team_size.min <= team_size.max)", tmin, tmax);
    for (int h = 0; h < s->nchals; h++) {
        const challenge *ch = &s->chals[h];
        int lo = ch->min_given ? ch->min_team : tmin, hi = ch->max_given ? ch->max_team : tmax;
        if (lo > hi)
            return bad(c, "challenge %s would have team size %d-%d (expected its min_team <= "
                          "max_team)", ch->id, lo, hi);
    }
    s->team_min = tmin;
    s->team_max = tmax;
    for (int h = 0; h < s->nchals; h++) {
        challenge *ch = &s->chals[h];
        if (!ch->min_given)
            ch->min_team = tmin;
        if (!ch->max_given) {
            ch->max_team = tmax;
            for (int p = 0; p < NPROF; p++)
                if (!ch->need_listed[p])
                    ch->need_max[p] = tmax; /* unlisted profiles take 0..max_team places */
        }
    }
    return COHORT_OK;
}

static int set_quota(setctx *c, int prof, const char *field)
{
    cohort_scenario *s = c->s;
    quota q = s->quotas[prof];
    if (!s->has_quota[prof]) {
        memset(&q, 0, sizeof q);
        q.min = q.max = -1;
    }
    int absent, v;
    ratio r;
    if (!strcmp(field, "min") || !strcmp(field, "max")) {
        if (val_int(c, 0, 100000000, 1, &v, &absent, "a whole number, 0 to 100000000, or none"))
            return COHORT_EINPUT;
        *(field[1] == 'i' ? &q.min : &q.max) = absent ? -1 : v;
        if (q.min >= 0 && q.max >= 0 && q.min > q.max)
            return bad(c, "max %d is below min %d (expected min <= max)", q.max, q.min);
    } else if (!strcmp(field, "min_share") || !strcmp(field, "max_share")) {
        if (val_ratio(c, 0, 1, 0, 1, &r, &absent, "a share between 0 and 1, or none"))
            return COHORT_EINPUT;
        if (field[1] == 'i') {
            q.has_min_share = !absent;
            q.min_share = r;
        } else {
            q.has_max_share = !absent;
            q.max_share = r;
        }
        if (q.has_min_share && q.has_max_share && !ratio_le(q.min_share, q.max_share))
            return bad(c, "max_share is below min_share (expected min_share <= max_share)");
    } else {
        return bad(c, "unknown quota field '%s' (expected min, max, min_share or max_share)",
                   field);
    }
    s->quotas[prof] = q;
    s->has_quota[prof] = 1;
    return COHORT_OK;
}

static int find_diversity(setctx *c, const char *sel, int *out)
{
    const cohort_scenario *s = c->s;
    char *end;
    long k = strtol(sel, &end, 10);
    if (*sel && !*end) {
        if (k < 0 || k >= s->ndivs)
            return bad(c, "no diversity entry %ld (expected 0 to %d)", k, s->ndivs - 1);
        *out = (int)k;
        return 0;
    }
    int found = -1, n = 0;
    for (int j = 0; j < s->ndivs; j++)
        if (!strcmp(s->divs[j].attribute, sel)) {
            found = j;
            n++;
        }
    if (n != 1)
        return bad(c, n ? "attribute '%s' has several diversity entries (expected an index "
                          "such as diversity.0.min_share)"
                        : "no diversity entry for attribute '%s' (expected an index or the "
                          "attribute of an entry of scenario.json's diversity)",
                   sel);
    *out = found;
    return 0;
}

static int set_diversity(setctx *c, int k, const char *field)
{
    diversity D = c->s->divs[k];
    ratio r;
    int absent;
    if (strcmp(field, "min_share") && strcmp(field, "max_share"))
        return bad(c, "unknown diversity field '%s' (expected min_share or max_share)", field);
    if (val_ratio(c, 0, 1, 0, 1, &r, &absent, "a share between 0 and 1, or none"))
        return COHORT_EINPUT;
    if (field[1] == 'i') {
        D.has_min_share = !absent;
        D.min_share = r;
    } else {
        D.has_max_share = !absent;
        D.max_share = r;
    }
    if (D.has_min_share && D.has_max_share && !ratio_le(D.min_share, D.max_share))
        return bad(c, "max_share is below min_share (expected min_share <= max_share)");
    c->s->divs[k] = D;
    return COHORT_OK;
}

int cohort_scenario_set(cohort_scenario *s, const char *key, const char *value, cohort_diag *d)
{
    setctx C = {s, key ? key : "", value ? value : "", d}, *c = &C;
    int v = 0, absent = 0;
    int64_t cents;
    ratio r;
    const char *k = C.key;
    if (!strcmp(k, "duration_months")) {
        if (val_int(c, 1, 120, 0, &v, &absent, "a whole number of months, 1 to 120"))
            return COHORT_EINPUT;
        s->duration = v;
        instance_refresh_money(s);
    } else if (!strcmp(k, "employer_cost_factor")) {
        if (val_ratio(c, 1e-9, 10, 1000000, 0, &r, &absent, "a number above 0, at most 10"))
            return COHORT_EINPUT;
        s->factor = r;
        instance_refresh_money(s);
    } else if (!strcmp(k, "default_monthly_salary")) {
        if (val_cents(c, 0, &cents, &absent, "an amount in euros, 0 to 10000000000000"))
            return COHORT_EINPUT;
        s->default_salary = cents;
        for (int i = 0; i < s->ncands; i++)
            if (!s->cands[i].salary_given)
                s->cands[i].salary = cents;
        instance_refresh_money(s);
    } else if (!strcmp(k, "team_size.min") || !strcmp(k, "team_size.max")) {
        if (val_int(c, 1, 1000, 0, &v, &absent, "a whole number, 1 to 1000"))
            return COHORT_EINPUT;
        return k[11] == 'i' ? set_team(c, v, s->team_max) : set_team(c, s->team_min, v);
    } else if (!strcmp(k, "min_distinct_profiles")) {
        if (val_int(c, 0, NPROF, 0, &v, &absent, "a whole number from 0 to 6"))
            return COHORT_EINPUT;
        s->min_distinct = v;
    } else if (!strcmp(k, "cohort_size.min") || !strcmp(k, "cohort_size.max")) {
        if (val_int(c, 0, 100000000, 1, &v, &absent, "a whole number, 0 to 100000000, or none"))
            return COHORT_EINPUT;
        int mn = s->cs_min, mx = s->cs_max;
        *(k[13] == 'i' ? &mn : &mx) = absent ? -1 : v;
        if (mn >= 0 && mx >= 0 && mn > mx)
            return bad(c, "max %d is below min %d (expected min <= max)", mx, mn);
        s->cs_min = mn;
        s->cs_max = mx;
    } else if (!strncmp(k, "profile_quotas.", 15)) {
        const char *p = k + 15, *dot = strchr(p, '.');
        char prof[64];
        if (!dot || (size_t)(dot - p) >= sizeof prof)
            return bad(c, "expected profile_quotas.PROFILE.min, .max, .min_share or .max_share");
        memcpy(prof, p, (size_t)(dot - p));
        prof[dot - p] = '\0';
        int pi = parse_profile(prof);
        if (pi < 0)
            return bad(c, "unknown profile '%s' (expected developer, designer, data_scientist, "
                          "digital_lawyer, data_engineer or geomatician)", prof);
        return set_quota(c, pi, dot + 1);
    } else if (!strncmp(k, "diversity.", 10)) {
        const char *p = k + 10, *dot = strrchr(p, '.');
        if (!dot || dot == p)
            return bad(c, "expected diversity.N.min_share or diversity.N.max_share");
        char *sel = xstrndup(p, (size_t)(dot - p));
        int j = 0, rc = find_diversity(c, sel, &j);
        free(sel);
        if (rc)
            return COHORT_EINPUT;
        return set_diversity(c, j, dot + 1);
    } else if (!strncmp(k, "cofinancing.rates.", 18)) {
        int kind = parse_kind(k + 18);
        if (kind < 0)
            return bad(c, "unknown host kind '%s' (expected state, local, health or other)",
                       k + 18);
        if (val_ratio(c, 0, 1, 0, 0, &r, &absent, "a rate between 0 and 1"))
            return COHORT_EINPUT;
        s->rates_given[kind] = r;
        instance_refresh_money(s);
    } else if (!strcmp(k, "cofinancing.envelope")) {
        if (val_cents(c, 1, &cents, &absent, "an amount in euros, 0 to 10000000000000, or none"))
            return COHORT_EINPUT;
        s->envelope = absent ? -1 : cents;
    } else if (!strcmp(k, "objective.candidate_weight") || !strcmp(k, "objective.jury_weight")) {
        if (val_ratio(c, 0, 1e6, 1000000, 0, &r, &absent, "a number from 0 to 1000000"))
            return COHORT_EINPUT;
        *(k[10] == 'c' ? &s->wc : &s->wj) = r;
        instance_refresh_ranks(s);
        if (scenario_rank_upper(s) > RANK_SUM_MAX)
            return bad(c, "the weights times the ranks add up to more than 2^53 (expected a "
                          "smaller weight or fewer decimals)");
    } else if (!strncmp(k, "hosts.", 6) && strlen(k) > 13 &&
               !strcmp(k + strlen(k) - 7, ".budget")) {
        char *id = xstrndup(k + 6, strlen(k) - 13);
        int h = sm_get(&s->host_ix, id);
        if (h < 0) {
            bad(c, "unknown host '%s' (expected an id of hosts.csv)", id);
            free(id);
            return COHORT_EINPUT;
        }
        free(id);
        if (val_cents(c, 1, &cents, &absent, "an amount in euros, 0 to 10000000000000, or none"))
            return COHORT_EINPUT;
        s->hosts[h].budget = absent ? -1 : cents;
    } else {
        return bad(c, "not a numeric scenario key (expected e.g. cofinancing.envelope, "
                      "cofinancing.rates.state, duration_months, team_size.max, "
                      "cohort_size.min, profile_quotas.designer.min, diversity.0.min_share, "
                      "objective.jury_weight or hosts.ID.budget)");
    }
    return COHORT_OK;
}
