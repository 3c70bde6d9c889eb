/* test_e2e_report.c - runs the real `cohort solve` and `cohort explain` and
 * checks what the jury and finance read, against facts recomputed here from
 * the input CSV files and cohort.json (never from the library):
 *   - every application of data/eig5 that is not an assignment has, in its
 *     challenge's section of report.html, a reason of a kind the input
 *     supports (declined iff no jury rank, ...);
 *   - cohort.json's blocking_pairs are exactly the contract's (section 3);
 *   - finance.csv adds up per host and year to cohort.json to the cent, the
 *     year split is the contract's, and the report's monthly schedule adds
 *     up to finance.csv;
 *   - --csv-dialect fr; markup in the input stays text in the page;
 *   - `cohort explain` reads DIR/cohort.json when it matches, else solves;
 *   - the page renders in headless Chromium with no console message, and a
 *     screenshot is kept in the build folder (skipped when Chromium is
 *     absent). */
#define _GNU_SOURCE
#include "testutil.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- running programs ---- */

/* Runs argv[0] (searched in PATH) with stdout and stderr captured. */
static int run_capture(const char *const *argv, char **out, char **err)
{
    char op[] = "/tmp/cohort-test-out-XXXXXX", ep[] = "/tmp/cohort-test-err-XXXXXX";
    int fo = mkstemp(op), fe = mkstemp(ep);
    if (fo < 0 || fe < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(fo, 1);
        dup2(fe, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    close(fo);
    close(fe);
    if (out)
        *out = read_file(op, NULL);
    if (err)
        *err = read_file(ep, NULL);
    unlink(op);
    unlink(ep);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}


/* ---- a small CSV reader (RFC 4180, BOM) ---- */

typedef struct csv {
    int ncols, nrows;
    char **cells; /* row-major, "" for empty */
    char **cols;
} csv;

static char **parse_record(const char **pp, int *n)
{
    const char *p = *pp;
    char **f = NULL;
    int nf = 0;
    for (;;) {
        size_t cap = 64, len = 0;
        char *v = malloc(cap);
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p)
                    break;
                if (*p == '"' && p[1] == '"') {
                    p += 2;
                    v[len++] = '"';
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    v[len++] = *p++;
                }
                if (len + 2 >= cap)
                    v = realloc(v, cap *= 2);
            }
        }
        while (*p && *p != ',' && *p != '\n' && *p != '\r') {
            v[len++] = *p++;
            if (len + 2 >= cap)
                v = realloc(v, cap *= 2);
        }
        v[len] = '\0';
        f = realloc(f, sizeof *f * (size_t)(nf + 1));
        f[nf++] = v;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        break;
    }
    *pp = p;
    *n = nf;
    return f;
}

static csv *csv_load(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    char *text = read_file(path, NULL);
    free(path);
    if (!text)
        return NULL;
    csv *c = calloc(1, sizeof *c);
    const char *p = text;
    if (!strncmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    c->cols = parse_record(&p, &c->ncols);
    while (*p) {
        int n;
        char **f = parse_record(&p, &n);
        if (n == 1 && !f[0][0]) {
            free(f[0]);
            free(f);
            continue;
        }
        c->cells = realloc(c->cells, sizeof *c->cells * (size_t)(c->nrows + 1) * (size_t)c->ncols);
        for (int k = 0; k < c->ncols; k++)
            c->cells[c->nrows * c->ncols + k] = k < n ? f[k] : strdup("");
        for (int k = c->ncols; k < n; k++)
            free(f[k]);
        free(f);
        c->nrows++;
    }
    free(text);
    return c;
}

static const char *get(const csv *c, int row, const char *col)
{
    for (int k = 0; k < c->ncols; k++)
        if (!strcmp(c->cols[k], col))
            return c->cells[row * c->ncols + k];
    return "";
}

static void csv_free(csv *c)
{
    if (!c)
        return;
    for (int k = 0; k < c->ncols * c->nrows; k++)
        free(c->cells[k]);
    for (int k = 0; k < c->ncols; k++)
        free(c->cols[k]);
    free(c->cells);
    free(c->cols);
    free(c);
}

static int find_row(const csv *c, const char *col, const char *val)
{
    for (int r = 0; r < c->nrows; r++)
        if (!strcmp(get(c, r, col), val))
            return r;
    return -1;
}

/* "1234.56" or "1234,56" -> cents */
static int64_t cents(const char *s)
{
    int neg = *s == '-';
    if (neg)
        s++;
    int64_t v = 0;
    int frac = -1;
    for (; *s; s++) {
        if (*s == '.' || *s == ',') {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9')
            continue;
        v = v * 10 + (*s - '0');
        if (frac >= 0)
            frac++;
    }
    while (frac < 2) {
        v *= 10;
        frac = frac < 0 ? 1 : frac + 1;
    }
    return neg ? -v : v;
}

static int64_t json_cents(const cJSON *v)
{
    char b[64];
    snprintf(b, sizeof b, "%.2f", v->valuedouble);
    return cents(b);
}

static char *esc(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += 6;
    char *o = malloc(n + 1), *q = o;
    for (const char *p = s; *p; p++) {
        const char *r = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
                      : *p == '"' ? "&quot;" : *p == '\'' ? "&#x27;" : NULL;
        if (r) {
            strcpy(q, r);
            q += strlen(r);
        } else {
            *q++ = *p;
        }
    }
    *q = '\0';
    return o;
}

/* ---- solving into a temporary folder ---- */

static char *solve_into(const char *scenario, const char *tag, const char *dialect)
{
    char *tmp = make_temp_dir(tag);
    char *out = path_join(tmp, "out");
    free(tmp);
    const char *args[] = {"solve", scenario, "--out", out, "--quiet", dialect ? "--csv-dialect" : NULL,
                          dialect, NULL};
    char *err = NULL;
    int rc = run_cohort_out(args, NULL, &err);
    if (rc != 0)
        printf("\n  solve %s: exit %d: %s", scenario, rc, err ? err : "");
    free(err);
    CU_ASSERT_EQUAL(rc, 0);
    return out;
}

static void drop(char *out)
{
    char *parent = strdup(out);
    *strrchr(parent, '/') = '\0';
    remove_tree(parent);
    free(parent);
    free(out);
}

static char *eig5(void)
{
    return path_join(SOURCE_DIR, "data/eig5");
}

static char *case_dir(const char *rel)
{
    return path_join(TESTS_DIR, rel);
}

/* the section of challenge `id` in the page (a new string) */
static char *section_of(const char *html, const char *id)
{
    char *e = esc(id);
    char *key;
    if (asprintf(&key, "\" data-chal=\"%s\">\n<h3>", e) < 0)
        key = NULL;
    free(e);
    const char *p = strstr(html, key);
    free(key);
    if (!p)
        return NULL;
    const char *q = strstr(p, "</section>");
    return strndup(p, q ? (size_t)(q - p) : strlen(p));
}

static int is_member(const cJSON *cj, const char *cand, const char *chal)
{
    const cJSON *t, *m;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(cj, "teams"))
    {
        if (strcmp(cJSON_GetObjectItem(t, "challenge")->valuestring, chal))
            continue;
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "members"))
            if (!strcmp(cJSON_GetObjectItem(m, "candidate")->valuestring, cand))
                return 1;
    }
    return 0;
}

/* challenge the candidate joined, or NULL */
static const char *joined(const cJSON *cj, const char *cand)
{
    const cJSON *t, *m;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(cj, "teams"))
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "members"))
            if (!strcmp(cJSON_GetObjectItem(m, "candidate")->valuestring, cand))
                return cJSON_GetObjectItem(t, "challenge")->valuestring;
    return NULL;
}

/* effective candidate rank of a preferences row */
static int crank(const csv *pref, int row)
{
    const char *c = get(pref, row, "candidate_rank");
    if (*c)
        return atoi(c);
    int mx = 0;
    for (int r = 0; r < pref->nrows; r++)
        if (atoi(get(pref, r, "candidate_rank")) > mx)
            mx = atoi(get(pref, r, "candidate_rank"));
    return mx + 1;
}

static int pref_row(const csv *pref, const char *cand, const char *chal)
{
    for (int r = 0; r < pref->nrows; r++)
        if (!strcmp(get(pref, r, "candidate"), cand) && !strcmp(get(pref, r, "challenge"), chal))
            return r;
    return -1;
}

/* ---- every application has a computed reason on the page ---- */

static void test_every_application_explained(void)
{
    char *src = eig5();
    char *out = solve_into(src, "rep-why", NULL);
    char *hp = path_join(out, "report.html"), *jp = path_join(out, "cohort.json");
    char *html = read_file(hp, NULL);
    cJSON *cj = read_json(jp);
    csv *pref = csv_load(src, "preferences.csv");
    CU_ASSERT_FATAL(html && cj && pref);
    static const char *const kinds[] = {"declined", "profile", "prefers", "jury", "unstaffed",
                                        "rule", "objective", "tie", NULL};
    int checked = 0, per_kind[8] = {0};
    for (int r = 0; r < pref->nrows; r++) {
        const char *cand = get(pref, r, "candidate"), *chal = get(pref, r, "challenge");
        char *sec = section_of(html, chal);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sec);
        char *ec = esc(cand), *key;
        CU_ASSERT(asprintf(&key, "data-cand=\"%s\" data-why=\"", ec) > 0);
        const char *hit = strstr(sec, key);
        if (is_member(cj, cand, chal)) {
            CU_ASSERT(hit && !strncmp(hit + strlen(key), "assigned\"", 9));
        } else if (!hit) {
            printf("\n  no reason for %s on %s", cand, chal);
            CU_FAIL("an application without a reason");
        } else {
            const char *kind = hit + strlen(key);
            int k = 0;
            while (kinds[k] && strncmp(kind, kinds[k], strlen(kinds[k])))
                k++;
            CU_ASSERT_FATAL(kinds[k] != NULL);
            per_kind[k]++;
            checked++;
            /* a second element for the same pair would be a duplicate */
            CU_ASSERT(strstr(hit + 1, key) == NULL);
            int declined = !*get(pref, r, "jury_rank");
            CU_ASSERT_EQUAL(!strcmp(kinds[k], "declined"), declined);
            const char *row_end = strstr(hit, "</tr>");
            char *row = row_end ? strndup(hit, (size_t)(row_end - hit)) : strdup("");
            if (!strcmp(kinds[k], "prefers")) {
                const char *held = joined(cj, cand);
                CU_ASSERT_FATAL(held != NULL);
                CU_ASSERT(crank(pref, pref_row(pref, cand, held)) < crank(pref, r));
                CU_ASSERT(strstr(row, "is placed on") != NULL);
            }
            if (!strcmp(kinds[k], "jury"))
                CU_ASSERT(strstr(row, "below its") != NULL);
            if (!strcmp(kinds[k], "rule"))
                CU_ASSERT(strstr(row, " breaks C") != NULL && strstr(row, "kept out by C") != NULL);
            if (!strcmp(kinds[k], "objective"))
                CU_ASSERT(strstr(row, "keeps every rule but worsens the") != NULL);
            if (!strcmp(kinds[k], "tie"))
                CU_ASSERT(strstr(row, "just as good") != NULL);
            free(row);
        }
        free(key);
        free(ec);
        free(sec);
    }
    /* 1001 applications, 39 of them assignments */
    CU_ASSERT_EQUAL(checked, pref->nrows - cJSON_GetObjectItem(cJSON_GetObjectItem(cj, "objective"),
                                                               "filled")->valueint);
    CU_ASSERT(per_kind[0] > 800 && per_kind[2] > 0 && per_kind[3] > 0);
    CU_ASSERT(per_kind[5] + per_kind[6] + per_kind[7] > 0);
    printf("\n  %d applications explained: declined %d, profile %d, prefers %d, jury %d, "
           "unstaffed %d, rule %d, objective %d, tie %d ",
           checked, per_kind[0], per_kind[1], per_kind[2], per_kind[3], per_kind[4], per_kind[5],
           per_kind[6], per_kind[7]);
    csv_free(pref);
    cJSON_Delete(cj);
    free(html);
    free(hp);
    free(jp);
    drop(out);
    free(src);
}

/* ---- blocking pairs, the contract's definition from the CSV files ---- */

static int need_max_zero(const char *needs, const char *profile)
{
    size_t n = strlen(profile);
    for (const char *p = needs; (p = strstr(p, profile)); p += n) {
        if ((p == needs || p[-1] == ' ') && p[n] == ':') {
            const char *v = p + n + 1;
            const char *dash = strchr(v, '-'), *sp = strchr(v, ' ');
            if (dash && (!sp || dash < sp))
                return atoi(dash + 1) == 0;
            return atoi(v) == 0;
        }
    }
    return 0;
}

static void check_blocking(const char *scenario)
{
    char *out = solve_into(scenario, "rep-bp", NULL);
    char *jp = path_join(out, "cohort.json"), *hp = path_join(out, "report.html");
    cJSON *cj = read_json(jp);
    char *html = read_file(hp, NULL);
    csv *pref = csv_load(scenario, "preferences.csv"), *cands = csv_load(scenario, "candidates.csv"),
        *chals = csv_load(scenario, "challenges.csv");
    CU_ASSERT_FATAL(cj && html && pref && cands && chals);
    const cJSON *got = cJSON_GetObjectItem(cj, "blocking_pairs");
    int expected = 0;
    for (int r = 0; r < pref->nrows; r++) {
        const char *cand = get(pref, r, "candidate"), *chal = get(pref, r, "challenge");
        const char *jr = get(pref, r, "jury_rank");
        const char *prof = get(cands, find_row(cands, "id", cand), "profile");
        if (!*jr || need_max_zero(get(chals, find_row(chals, "id", chal), "needs"), prof))
            continue; /* not eligible */
        const char *held = joined(cj, cand);
        if (held && (!strcmp(held, chal) || crank(pref, r) >= crank(pref, pref_row(pref, cand, held))))
            continue;
        /* members of chal with the same profile ranked below cand by chal's jury */
        char want[512] = "";
        const cJSON *t, *m;
        cJSON_ArrayForEach(t, cJSON_GetObjectItem(cj, "teams"))
        {
            if (strcmp(cJSON_GetObjectItem(t, "challenge")->valuestring, chal))
                continue;
            cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "members"))
            {
                const char *mid = cJSON_GetObjectItem(m, "candidate")->valuestring;
                if (!strcmp(cJSON_GetObjectItem(m, "profile")->valuestring, prof) &&
                    cJSON_GetObjectItem(m, "jury_rank")->valueint > atoi(jr)) {
                    strcat(want, mid);
                    strcat(want, ",");
                }
            }
        }
        if (!*want)
            continue;
        expected++;
        int found = 0;
        const cJSON *b;
        cJSON_ArrayForEach(b, got)
        {
            if (strcmp(cJSON_GetObjectItem(b, "candidate")->valuestring, cand) ||
                strcmp(cJSON_GetObjectItem(b, "challenge")->valuestring, chal))
                continue;
            char have[512] = "";
            const cJSON *d;
            cJSON_ArrayForEach(d, cJSON_GetObjectItem(b, "displaces"))
            {
                strcat(have, d->valuestring);
                strcat(have, ",");
            }
            found = !strcmp(have, want); /* both in team order */
            const char *kept = cJSON_GetObjectItem(b, "kept_by")->valuestring;
            CU_ASSERT(!strcmp(kept, "rule") || !strcmp(kept, "objective") || !strcmp(kept, "tie"));
            CU_ASSERT_EQUAL(cJSON_GetObjectItem(b, "rule") != NULL, !strcmp(kept, "rule"));
            CU_ASSERT_EQUAL(cJSON_GetObjectItem(b, "level") != NULL, !strcmp(kept, "objective"));
            CU_ASSERT(strlen(cJSON_GetObjectItem(b, "why")->valuestring) > 20);
        }
        if (!found)
            printf("\n  %s: blocking pair %s/%s displacing %s missing", scenario, cand, chal, want);
        CU_ASSERT(found);
        /* and the page explains it */
        char *ec = esc(cand), *eh = esc(chal), *key;
        CU_ASSERT(asprintf(&key, "<tr class=\"bp\" data-cand=\"%s\" data-chal=\"%s\"", ec, eh) > 0);
        CU_ASSERT(strstr(html, key) != NULL);
        free(key);
        free(ec);
        free(eh);
    }
    CU_ASSERT_EQUAL(cJSON_GetArraySize(got), expected);
    csv_free(pref);
    csv_free(cands);
    csv_free(chals);
    cJSON_Delete(cj);
    free(html);
    free(jp);
    free(hp);
    drop(out);
}

static void test_blocking_pairs(void)
{
    /* the edges of the definition, by hand (see the case's README) */
    char *bt = case_dir("e2e/report/blocking-ties");
    char *bo = solve_into(bt, "rep-bt", NULL);
    char *bj = path_join(bo, "cohort.json");
    cJSON *bc = read_json(bj);
    const cJSON *bps = cJSON_GetObjectItem(bc, "blocking_pairs");
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(bps), 1);
    const cJSON *b0 = cJSON_GetArrayItem(bps, 0);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(b0, "candidate")->valuestring, "P4");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(b0, "challenge")->valuestring, "D1");
    CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(cJSON_GetObjectItem(b0, "displaces"), 0)->valuestring, "P2");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(b0, "kept_by")->valuestring, "objective");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(b0, "level")->valuestring, "rank");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(b0, "why")->valuestring,
                           "P4 in place of P2 on D1 keeps every rule but worsens the rank level "
                           "from 10 to 11");
    cJSON_Delete(bc);
    free(bj);
    drop(bo);
    free(bt);

    char *p = eig5();
    check_blocking(p);
    free(p);
    const char *cases[] = {"e2e/solve/c10-envelope", "e2e/solve/c11-host-budget",
                           "e2e/solve/unlisted-rank", "e2e/solve/obj-filled-first",
                           "e2e/report/markup", "e2e/report/blocking-ties", NULL};
    for (int k = 0; cases[k]; k++) {
        p = case_dir(cases[k]);
        check_blocking(p);
        free(p);
    }
}

/* ---- finance to the cent ---- */

typedef struct m3 {
    int64_t c, p, h;
} m3;

static void check_finance(const char *scenario)
{
    char *out = solve_into(scenario, "rep-fin", NULL);
    char *jp = path_join(out, "cohort.json"), *fp = path_join(out, "finance.csv"),
         *hp = path_join(out, "report.html"), *sp = path_join(scenario, "scenario.json");
    cJSON *cj = read_json(jp), *sc = read_json(sp);
    char *html = read_file(hp, NULL);
    char *outdir = out;
    csv *fin = csv_load(outdir, "finance.csv");
    csv *chals = csv_load(scenario, "challenges.csv");
    CU_ASSERT_FATAL(cj && html && fin && chals);
    /* contract years: a month counts in the year it starts */
    const cJSON *sd = sc ? cJSON_GetObjectItem(sc, "start_date") : NULL,
                *du = sc ? cJSON_GetObjectItem(sc, "duration_months") : NULL;
    int y0 = 2021, mo0 = 9, dur = du ? du->valueint : 10;
    if (sd)
        sscanf(sd->valuestring, "%d-%d", &y0, &mo0);
    int years[64], miy[64], ny = 0;
    for (int k = 0; k < dur; k++) {
        int y = (y0 * 12 + mo0 - 1 + k) / 12;
        if (!ny || years[ny - 1] != y) {
            years[ny] = y;
            miy[ny++] = 0;
        }
        miy[ny - 1]++;
    }
    /* expected rows from cohort.json members, split as the contract says */
    char hosts[64][64];
    m3 want[64][64];
    memset(want, 0, sizeof want);
    int nh = 0;
    m3 tot = {0, 0, 0};
    const cJSON *t, *m;
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(cj, "teams"))
    {
        const char *h = cJSON_GetObjectItem(t, "host")->valuestring;
        int hi = 0;
        while (hi < nh && strcmp(hosts[hi], h))
            hi++;
        if (hi == nh)
            snprintf(hosts[nh++], sizeof hosts[0], "%s", h);
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "members"))
        {
            int64_t a[3] = {json_cents(cJSON_GetObjectItem(m, "cost")),
                            json_cents(cJSON_GetObjectItem(m, "programme_share")),
                            json_cents(cJSON_GetObjectItem(m, "host_share"))};
            CU_ASSERT_EQUAL(a[1] + a[2], a[0]);
            tot.c += a[0];
            tot.p += a[1];
            tot.h += a[2];
            for (int q = 0; q < 3; q++) {
                int64_t left = a[q];
                for (int y = 0; y < ny; y++) {
                    int64_t v;
                    if (y == ny - 1) {
                        v = left;
                    } else { /* round(a * m / dur), half away from zero */
                        int64_t num = a[q] * miy[y];
                        v = (num + dur / 2) / dur; /* exact halves go up */
                        left -= v;
                    }
                    int64_t *slot = q == 0 ? &want[hi][y].c : q == 1 ? &want[hi][y].p : &want[hi][y].h;
                    *slot += v;
                }
            }
        }
    }
    const cJSON *jt = cJSON_GetObjectItem(cj, "totals");
    CU_ASSERT_EQUAL(json_cents(cJSON_GetObjectItem(jt, "cost")), tot.c);
    CU_ASSERT_EQUAL(json_cents(cJSON_GetObjectItem(jt, "programme_share")), tot.p);
    CU_ASSERT_EQUAL(json_cents(cJSON_GetObjectItem(jt, "host_share")), tot.h);
    /* finance.csv: hosts x years, then ALL per year, then ALL,ALL */
    CU_ASSERT_EQUAL(fin->nrows, nh * ny + ny + 1);
    m3 peryear[64];
    memset(peryear, 0, sizeof peryear);
    for (int r = 0; r < fin->nrows; r++) {
        const char *h = get(fin, r, "host"), *ys = get(fin, r, "year");
        m3 row = {cents(get(fin, r, "cost")), cents(get(fin, r, "programme_share")),
                  cents(get(fin, r, "host_share"))};
        if (!strcmp(h, "ALL") && !strcmp(ys, "ALL")) {
            CU_ASSERT(row.c == tot.c && row.p == tot.p && row.h == tot.h);
            continue;
        }
        int y = 0;
        while (y < ny && years[y] != atoi(ys))
            y++;
        CU_ASSERT_FATAL(y < ny);
        if (!strcmp(h, "ALL")) {
            CU_ASSERT(row.c == peryear[y].c && row.p == peryear[y].p && row.h == peryear[y].h);
            continue;
        }
        int hi = 0;
        while (hi < nh && strcmp(hosts[hi], h))
            hi++;
        CU_ASSERT_FATAL(hi < nh);
        if (row.c != want[hi][y].c || row.p != want[hi][y].p || row.h != want[hi][y].h)
            printf("\n  %s: finance %s %d differs", scenario, h, years[y]);
        CU_ASSERT(row.c == want[hi][y].c && row.p == want[hi][y].p && row.h == want[hi][y].h);
        peryear[y].c += row.c;
        peryear[y].p += row.p;
        peryear[y].h += row.h;
        /* the report's monthly schedule adds up to this row */
        char *eh = esc(h), *key;
        CU_ASSERT(asprintf(&key, "<tr class=\"month\" data-host=\"%s\" data-year=\"%d\">", eh,
                           years[y]) > 0);
        m3 sum = {0, 0, 0};
        int months = 0;
        for (const char *p = html; (p = strstr(p, key)); p++) {
            const char *c = p;
            int64_t v[3];
            for (int q = 0; q < 3; q++) {
                c = strstr(c, "<td class=\"n\">") + 14;
                v[q] = cents(strndupa(c, (size_t)(strchr(c, '<') - c)));
            }
            sum.c += v[0];
            sum.p += v[1];
            sum.h += v[2];
            months++;
        }
        CU_ASSERT_EQUAL(months, miy[y]);
        if (sum.c != row.c || sum.p != row.p || sum.h != row.h)
            printf("\n  %s: monthly schedule of %s in %d does not add up", scenario, h, years[y]);
        CU_ASSERT(sum.c == row.c && sum.p == row.p && sum.h == row.h);
        /* and the report's per host and year table shows the same row */
        free(key);
        CU_ASSERT(asprintf(&key, "<tr data-host=\"%s\" data-year=\"%d\">", eh, years[y]) > 0);
        CU_ASSERT(strstr(html, key) != NULL);
        free(key);
        free(eh);
    }
    /* per challenge: the report's table agrees with cohort.json's teams */
    cJSON_ArrayForEach(t, cJSON_GetObjectItem(cj, "teams"))
    {
        m3 s = {0, 0, 0};
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(t, "members"))
        {
            s.c += json_cents(cJSON_GetObjectItem(m, "cost"));
            s.p += json_cents(cJSON_GetObjectItem(m, "programme_share"));
            s.h += json_cents(cJSON_GetObjectItem(m, "host_share"));
        }
        char *ec = esc(cJSON_GetObjectItem(t, "challenge")->valuestring), *key;
        CU_ASSERT(asprintf(&key, "<tr data-chal=\"%s\">", ec) > 0);
        const char *p = strstr(html, key);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        int64_t v[4];
        for (int q = 0; q < 4; q++) {
            p = strstr(p, "<td class=\"n\">") + 14;
            v[q] = cents(strndupa(p, (size_t)(strchr(p, '<') - p)));
        }
        CU_ASSERT_EQUAL(v[0], 100 * cJSON_GetArraySize(cJSON_GetObjectItem(t, "members")));
        CU_ASSERT(v[1] == s.c && v[2] == s.p && v[3] == s.h);
        free(key);
        free(ec);
    }
    csv_free(fin);
    csv_free(chals);
    cJSON_Delete(cj);
    cJSON_Delete(sc);
    free(html);
    free(jp);
    free(fp);
    free(hp);
    free(sp);
    drop(out);
}

static void test_finance(void)
{
    char *p = eig5();
    check_finance(p);
    free(p);
    const char *cases[] = {"e2e/solve/year-split", "e2e/solve/year-split-halves",
                           "e2e/solve/covered-months", "e2e/solve/self-financed",
                           "e2e/solve/c11-host-budget", "e2e/report/odd-cents",
                           "e2e/report/markup", NULL};
    for (int k = 0; cases[k]; k++) {
        p = case_dir(cases[k]);
        check_finance(p);
        free(p);
    }
}

static void test_csv_dialect_fr(void)
{
    char *src = eig5();
    char *a = solve_into(src, "rep-rfc", NULL), *b = solve_into(src, "rep-fr", "fr");
    const char *files[] = {"finance.csv", "cohort.csv", NULL};
    for (int f = 0; files[f]; f++) {
        char *pa = path_join(a, files[f]), *pb = path_join(b, files[f]);
        char *ta = read_file(pa, NULL), *tb = read_file(pb, NULL);
        CU_ASSERT_FATAL(ta && tb);
        CU_ASSERT(strncmp(ta, "\xEF\xBB\xBF", 3) != 0);
        CU_ASSERT(!strncmp(tb, "\xEF\xBB\xBF", 3));
        /* fr = rfc with ';' for ',' between cells and ',' for the decimal dot */
        size_t n = strlen(ta);
        char *conv = malloc(n * 2 + 4), *o = conv;
        strcpy(o, "\xEF\xBB\xBF");
        o += 3;
        int inq = 0;
        for (const char *p = ta; *p; p++) {
            if (*p == '"')
                inq = !inq;
            if (!inq && *p == ',')
                *o++ = ';';
            else if (!inq && *p == '.' && p > ta && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' &&
                     p[1] <= '9')
                *o++ = ',';
            else
                *o++ = *p;
        }
        *o = '\0';
        if (strcmp(conv, tb))
            printf("\n  %s in fr is not the rfc file converted", files[f]);
        CU_ASSERT_STRING_EQUAL(conv, tb);
        free(conv);
        free(ta);
        free(tb);
        free(pa);
        free(pb);
    }
    drop(a);
    drop(b);
    free(src);
}

static void test_markup_page(void)
{
    char *src = case_dir("e2e/report/markup");
    char *out = solve_into(src, "rep-markup", NULL);
    char *hp = path_join(out, "report.html"), *cp = path_join(out, "cohort.csv");
    char *html = read_file(hp, NULL), *csvt = read_file(cp, NULL);
    CU_ASSERT_FATAL(html && csvt);
    CU_ASSERT(strstr(html, "<script") == NULL);
    CU_ASSERT(strstr(html, "<img") == NULL);
    CU_ASSERT(strstr(html, "<u>") == NULL && strstr(html, "<i>P8") == NULL);
    CU_ASSERT(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CU_ASSERT(strstr(html, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != NULL);
    CU_ASSERT(strstr(html, "Tom &amp;amp; Jerry") != NULL);
    CU_ASSERT(strstr(csvt, ",\"'=HYPERLINK(") != NULL && strstr(csvt, ",\"'@SUM(A1:A9)\",") != NULL);
    CU_ASSERT(strstr(csvt, ",\"'+33 6 12 34 56 78\",") != NULL && strstr(csvt, ",\"'-2+3\",") != NULL);
    free(html);
    free(csvt);
    free(hp);
    free(cp);
    drop(out);
    free(src);
}

/* ---- cohort explain ---- */

static void test_explain_command(void)
{
    char *src = eig5();
    char *out = solve_into(src, "rep-explain", NULL);
    char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL;
    /* the cohort is one of several optima: take a blocking pair and a
       member from what this solve wrote */
    char *cjp = path_join(out, "cohort.json");
    cJSON *cj = read_json(cjp);
    free(cjp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cj);
    const cJSON *bp0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cj, "blocking_pairs"), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bp0);
    char who[64], why[1024], want[200], member_row[200];
    snprintf(who, sizeof who, "%s", cJSON_GetObjectItem(bp0, "candidate")->valuestring);
    snprintf(why, sizeof why, "%s", cJSON_GetObjectItem(bp0, "why")->valuestring);
    const cJSON *t0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cj, "teams"), 0);
    const cJSON *m0 = cJSON_GetArrayItem(cJSON_GetObjectItem(t0, "members"), 0);
    snprintf(member_row, sizeof member_row, "\n%s,%s,",
             cJSON_GetObjectItem(m0, "candidate")->valuestring,
             cJSON_GetObjectItem(t0, "challenge")->valuestring);
    int m0_jury = cJSON_GetObjectItem(m0, "jury_rank")->valueint;
    cJSON_Delete(cj);
    const char *a1[] = {"explain", src, "--out", out, who, NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a1, &o1, &e1), 0);
    snprintf(want, sizeof want, "Candidate %s", who);
    CU_ASSERT(o1 && strstr(o1, want) && strstr(o1, "[blocking pair]"));
    CU_ASSERT(o1 && strstr(o1, why));
    CU_ASSERT(e1 && strstr(e1, "explaining the cohort of") && !strstr(e1, "solving"));
    /* the same words as the page */
    char *hp = path_join(out, "report.html");
    char *html = read_file(hp, NULL);
    CU_ASSERT(html && strstr(html, why));
    free(html);
    free(hp);
    /* a folder without a solve: solves, says so, same explanation */
    char *empty = make_temp_dir("rep-explain-empty");
    const char *a2[] = {"explain", src, "--out", empty, who, NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a2, &o2, &e2), 0);
    CU_ASSERT(e2 && strstr(e2, "absent") && strstr(e2, "solving"));
    CU_ASSERT(o1 && o2 && !strcmp(o1, o2));
    CU_ASSERT_EQUAL(dir_count(empty), 0); /* nothing written */
    free(o2);
    free(e2);
    /* a challenge */
    const char *a3[] = {"explain", src, "--out", out, "basegun", "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a3, &o2, &e2), 0);
    CU_ASSERT(o2 && strstr(o2, "Challenge basegun (Basegun)") && strstr(o2, "Team ("));
    CU_ASSERT(o2 && strstr(o2, "Declined by the jury"));
    CU_ASSERT(e2 && !*e2);
    free(o2);
    free(e2);
    /* other data with the same teams: the file is not used */
    char *copy = copy_scenario(src, "rep-explain-copy");
    char *pp = path_join(copy, "preferences.csv");
    char *text = read_file(pp, NULL);
    /* another jury rank for a member of the first team */
    char *hit = strstr(text, member_row);
    CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
    hit = strchr(hit + strlen(member_row), ',');
    CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
    char *end = NULL;
    CU_ASSERT_EQUAL_FATAL(strtol(hit + 1, &end, 10), m0_jury);
    hit[1] = hit[1] == '9' ? '8' : (char)(hit[1] + 1);
    write_file(pp, text);
    const char *a4[] = {"explain", copy, "--out", out, "basegun", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a4, &o2, &e2), 0);
    CU_ASSERT(e2 && strstr(e2, "differs") && strstr(e2, "solving"));
    free(o2);
    free(e2);
    /* an unknown id, a missing id */
    const char *a5[] = {"explain", src, "--out", out, "C9999", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a5, &o2, &e2), 2);
    CU_ASSERT(e2 && strstr(e2, "'C9999'"));
    free(o2);
    free(e2);
    const char *a6[] = {"explain", src, "--out", out, NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a6, &o2, &e2), 2);
    free(o2);
    free(e2);
    /* no cohort */
    char *inf = case_dir("e2e/solve/infeasible-envelope");
    const char *a7[] = {"explain", inf, "--out", empty, "D1", NULL};
    CU_ASSERT_EQUAL(run_cohort_out(a7, &o2, &e2), 1);
    CU_ASSERT(o2 && strstr(o2, "No cohort") && strstr(o2, "C10"));
    free(o2);
    free(e2);
    free(inf);
    free(o1);
    free(e1);
    free(text);
    free(pp);
    remove_tree(copy);
    free(copy);
    remove_tree(empty);
    free(empty);
    drop(out);
    free(src);
}

/* ---- headless Chromium ---- */

static const char *chromium_path(void)
{
    static const char *const c[] = {"/usr/bin/chromium", "/usr/bin/chromium-browser", NULL};
    for (int k = 0; c[k]; k++)
        if (access(c[k], X_OK) == 0)
            return c[k];
    return NULL;
}

static void render(const char *scenario, const char *png_name)
{
    const char *chromium = chromium_path();
    if (!chromium) {
        printf("\n  SKIPPED: Chromium is not installed (Debian: apt-get install -y chromium); "
               "the page was not rendered ");
        return;
    }
    char *out = solve_into(scenario, "rep-render", NULL);
    char *page = path_join(out, "report.html");
    char cwd[4096];
    CU_ASSERT_FATAL(getcwd(cwd, sizeof cwd) != NULL);
    char *png = path_join(cwd, png_name);
    unlink(png);
    char *prof1 = make_temp_dir("rep-chromium"), *prof2 = make_temp_dir("rep-chromium");
    char *url, *shot, *ud1, *ud2;
    CU_ASSERT_FATAL(asprintf(&url, "file://%s", page) > 0 && asprintf(&shot, "--screenshot=%s", png) > 0 &&
                    asprintf(&ud1, "--user-data-dir=%s", prof1) > 0 &&
                    asprintf(&ud2, "--user-data-dir=%s", prof2) > 0);
    const char *common[] = {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync"};
    const char *argv[24];
    int n = 0;
    argv[n++] = "timeout";
    argv[n++] = "90";
    argv[n++] = chromium;
    for (size_t k = 0; k < sizeof common / sizeof *common; k++)
        argv[n++] = common[k];
    argv[n++] = ud1;
    argv[n++] = "--enable-logging=stderr";
    argv[n++] = "--v=0";
    argv[n++] = shot;
    argv[n++] = "--window-size=1240,1754";
    argv[n++] = url;
    argv[n] = NULL;
    char *so = NULL, *se = NULL;
    int rc = run_capture(argv, &so, &se);
    CU_ASSERT_EQUAL(rc, 0);
    /* page console output (errors, warnings, logs) is logged as CONSOLE */
    if (se && (strstr(se, "CONSOLE") || strstr(se, "Uncaught")))
        printf("\n  console output: %s", strstr(se, "CONSOLE") ? strstr(se, "CONSOLE") : se);
    CU_ASSERT(se && !strstr(se, "CONSOLE") && !strstr(se, "Uncaught"));
    size_t len = 0;
    char *img = read_file(png, &len);
    CU_ASSERT(img && len > 20000 && !memcmp(img, "\x89PNG\r\n\x1a\n", 8));
    free(img);
    printf("\n  screenshot: %s (%zu bytes) ", png, len);
    free(so);
    free(se);
    /* the DOM as the browser parsed it */
    n = 3 + (int)(sizeof common / sizeof *common);
    argv[n++] = ud2;
    argv[n++] = "--enable-logging=stderr";
    argv[n++] = "--v=0";
    argv[n++] = "--dump-dom";
    argv[n++] = url;
    argv[n] = NULL;
    rc = run_capture(argv, &so, &se);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT(so && strstr(so, "<section class=\"challenge\"") && strstr(so, "Blocking pairs") &&
              strstr(so, "</footer>") && strstr(so, "<svg"));
    CU_ASSERT(so && !strstr(so, "<script") && !strstr(so, "<img"));
    CU_ASSERT(se && !strstr(se, "CONSOLE"));
    free(so);
    free(se);
    remove_tree(prof1);
    remove_tree(prof2);
    free(prof1);
    free(prof2);
    free(url);
    free(shot);
    free(ud1);
    free(ud2);
    free(png);
    free(page);
    drop(out);
}

static void test_render_eig5(void)
{
    char *p = eig5();
    render(p, "report-eig5.png");
    free(p);
}

static void test_render_markup(void)
{
    char *p = case_dir("e2e/report/markup");
    render(p, "report-markup.png");
    free(p);
}

int main(void)
{
    static const test_case cases[] = {
        {"eig5: every application not assigned has a computed reason", test_every_application_explained},
        {"blocking pairs: the contract's definition", test_blocking_pairs},
        {"finance: host x year to the cent, monthly schedule", test_finance},
        {"--csv-dialect fr", test_csv_dialect_fr},
        {"markup stays text", test_markup_page},
        {"cohort explain", test_explain_command},
        {"headless Chromium: eig5", test_render_eig5},
        {"headless Chromium: markup", test_render_markup},
        {NULL, NULL},
    };
    return run_suite("e2e report", cases);
}
