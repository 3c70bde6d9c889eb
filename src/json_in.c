/* json_in.c - reading a scenario: the folder form (CSV files + scenario.json)
 * and the single-JSON form, into raw tables and the scenario parameters.
 * The only file that includes cJSON.h.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define JSON_MAX_FILE (64L << 20) /* bytes: cJSON takes ~10 times the text in memory */
#define JSON_MAX_COLS 1000         /* distinct keys in the rows of one table */

static const char *const TABLES[] = {"hosts", "challenges", "candidates",
                                     "preferences", "slots", "unavailable"};

static table *raw_table(raw_scenario *raw, int k)
{
    table *ts[] = {&raw->hosts, &raw->challenges, &raw->candidates,
                   &raw->preferences, &raw->slots, &raw->unavailable};
    return ts[k];
}

static void raw_init(raw_scenario *raw)
{
    memset(raw, 0, sizeof *raw);
    sm_init(&raw->jl);
    raw->jprefix = "";
}

void raw_free(raw_scenario *raw)
{
    if (!raw)
        return;
    cJSON_Delete(raw->json_root);
    for (int k = 0; k < 6; k++)
        table_free(raw_table(raw, k));
    for (int i = 0; i < raw->njl; i++)
        free(raw->jl_keys[i]);
    free(raw->jl_keys);
    sm_free(&raw->jl);
    free(raw->json_file);
    free(raw->base);
    memset(raw, 0, sizeof *raw);
}

/* Line of the value at an absolute path ("hosts[3]"). A value that was not
 * recorded (absent, or a key written with escapes) takes the line of the
 * nearest enclosing value that was. */
static long abs_line(const raw_scenario *raw, const char *path)
{
    char full[600];
    snprintf(full, sizeof full, "%s", path);
    for (;;) {
        int v = sm_get(&raw->jl, full);
        if (v >= 0)
            return v;
        char *cut = NULL;
        for (char *q = full; *q; q++)
            if (*q == '.' || *q == '[')
                cut = q;
        if (!cut)
            return 1;
        *cut = '\0';
    }
}

long raw_json_line(const raw_scenario *raw, const char *path)
{
    char full[600];
    snprintf(full, sizeof full, "%s%s", raw->jprefix ? raw->jprefix : "", path);
    return abs_line(raw, full);
}

/* ---- reading a whole file ---- */

static int read_all(const char *path, const char *display, sbuf *b, int *missing,
                    cohort_diag *d)
{
    *missing = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) {
            *missing = 1;
            return -1;
        }
        diag_error(d, "%s:1: field 'file': cannot be read: %s (expected a readable file)",
                   display, strerror(errno));
        return -1;
    }
    int rc = -1;
    struct stat st = {0};
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_error(d, "%s:1: field 'file': is a folder (expected a JSON file)", display);
        goto done;
    }
    if (st.st_size > JSON_MAX_FILE) { /* known before reading a byte */
        diag_error(d, "%s:1: field 'file': the file is larger than %ld MiB (expected a "
                   "smaller file)", display, JSON_MAX_FILE >> 20);
        goto done;
    }
    char piece[65536];
    size_t n;
    while ((n = fread(piece, 1, sizeof piece, f)) > 0) {
        if (b->len + n > (size_t)JSON_MAX_FILE) {
            diag_error(d, "%s:1: field 'file': the file is larger than %ld MiB (expected a "
                       "smaller file)", display, JSON_MAX_FILE >> 20);
            goto done;
        }
        sb_putn(b, piece, n);
    }
    if (ferror(f)) {
        diag_error(d, "%s:1: field 'file': read error (expected a readable file)", display);
        goto done;
    }
    if (!b->s)
        sb_puts(b, "");
    rc = 0;
done:
    fclose(f);
    return rc;
}

/* ---- where each JSON value sits, for messages ---- */

/* The scanner runs over a document that cJSON has accepted (so it is well
 * formed and at most CJSON_NESTING_LIMIT deep), records the line of each
 * value by its path ("team_size.min", "hosts[3]") and reports keys that
 * appear twice in one object, which cJSON would silently resolve. */
typedef struct scan {
    const char *t;
    size_t n, i;
    long line;
    raw_scenario *raw;
    cohort_diag *d;
    const char *display;
    int dups;
} scan;

/* Blanks as cJSON sees them: every byte up to the space. */
static void sc_ws(scan *s)
{
    while (s->i < s->n) {
        unsigned char c = (unsigned char)s->t[s->i];
        if (c == '\n')
            s->line++;
        else if (c > 32)
            break;
        s->i++;
    }
}

static void sc_string(scan *s, sbuf *out)
{
    s->i++; /* opening quote */
    while (s->i < s->n && s->t[s->i] != '"') {
        if (s->t[s->i] == '\\' && s->i + 1 < s->n) {
            if (out)
                sb_putn(out, s->t + s->i, 2);
            s->i += 2;
            continue;
        }
        if (out)
            sb_putc(out, s->t[s->i]);
        s->i++;
    }
    s->i++;
}

/* Rows of the tables are not recorded one value at a time: messages about
 * them name the row's line, which keeps the map small on large files. */
static int recordable(const char *path, int depth)
{
    if (depth < 3)
        return 1;
    for (int k = 0; k < 6; k++) {
        size_t l = strlen(TABLES[k]);
        if (strncmp(path, TABLES[k], l) == 0 && path[l] == '[')
            return 0;
    }
    return 1;
}

static void sc_record(scan *s, const char *path)
{
    raw_scenario *raw = s->raw;
    if (sm_get(&raw->jl, path) >= 0)
        return;
    GROW(raw->jl_keys, raw->jl_cap, raw->njl + 1);
    raw->jl_keys[raw->njl] = xstrdup(path);
    sm_put(&raw->jl, raw->jl_keys[raw->njl], (int)s->line);
    raw->njl++;
}

static void sc_value(scan *s, const char *path, int depth)
{
    sc_ws(s);
    if (s->i >= s->n)
        return;
    if (recordable(path, depth))
        sc_record(s, path);
    char c = s->t[s->i];
    if (c == '{' || c == '[') {
        int obj = c == '{';
        long idx = 0;
        strmap keys;
        char **kept = NULL;
        int nkept = 0, kcap = 0;
        sm_init(&keys);
        s->i++;
        for (;;) {
            sc_ws(s);
            if (s->i >= s->n)
                break;
            if (s->t[s->i] == (obj ? '}' : ']')) {
                s->i++;
                break;
            }
            size_t at = s->i;
            sbuf sub;
            sb_init(&sub);
            if (obj) {
                sbuf key;
                sb_init(&key);
                long kline = s->line;
                sc_string(s, &key);
                sc_ws(s);
                s->i++; /* colon */
                const char *k = key.s ? key.s : "";
                if (*path)
                    sb_printf(&sub, "%s.%s", path, k);
                else
                    sb_puts(&sub, k);
                if (sm_get(&keys, k) >= 0) {
                    diag_error(s->d, "%s:%ld: field '%s': the key appears twice in the same "
                               "object (expected each key once)", s->display, kline, sub.s);
                    s->dups = 1;
                    sb_free(&key);
                } else {
                    GROW(kept, kcap, nkept + 1);
                    kept[nkept] = sb_take(&key);
                    if (!kept[nkept])
                        kept[nkept] = xstrdup("");
                    sm_put(&keys, kept[nkept], 1);
                    nkept++;
                }
            } else {
                sb_printf(&sub, "%s[%ld]", path, idx++);
            }
            sc_value(s, sub.s, depth + 1);
            sb_free(&sub);
            sc_ws(s);
            if (s->i < s->n && s->t[s->i] == ',')
                s->i++;
            else if (s->i == at)
                s->i++; /* never stall, whatever cJSON accepted */
        }
        for (int k = 0; k < nkept; k++)
            free(kept[k]);
        free(kept);
        sm_free(&keys);
    } else if (c == '"') {
        sc_string(s, NULL);
    } else {
        while (s->i < s->n && (unsigned char)s->t[s->i] > 32 && !strchr(",]}", s->t[s->i]))
            s->i++;
    }
}

static long line_at(const char *t, const char *upto)
{
    long line = 1;
    for (; t < upto; t++)
        if (*t == '\n')
            line++;
    return line;
}

/* The path of the value being read at offset `at` of a document cJSON could
 * not parse (where it stopped), e.g. "hosts[2].budget"; "file" at the top. */
static void path_at(const char *t, size_t at, sbuf *out)
{
    enum { MAXD = 64 };
    struct lvl {
        int obj, haskey;
        long idx;
        size_t key, keylen; /* key of the current member (objects) */
    } st[MAXD];
    int depth = 0; /* may exceed MAXD: deeper levels are not named */
    for (size_t i = 0; i < at; i++) {
        char c = t[i];
        if (c == '"') {
            size_t a = ++i;
            while (i < at && t[i] != '"')
                i += t[i] == '\\' ? 2 : 1;
            struct lvl *L = depth > 0 && depth <= MAXD ? &st[depth - 1] : NULL;
            if (L && L->obj && !L->haskey && i < at) {
                /* a key is a string followed by a colon */
                size_t j = i + 1;
                while (j < at && strchr(" \t\r\n", t[j]))
                    j++;
                if (j < at && t[j] == ':') {
                    L->key = a;
                    L->keylen = i - a;
                    L->haskey = 1;
                }
            }
        } else if (c == '{' || c == '[') {
            if (depth < MAXD)
                st[depth] = (struct lvl){c == '{', 0, 0, 0, 0};
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
        } else if (c == ',' && depth > 0 && depth <= MAXD) {
            st[depth - 1].idx++;
            st[depth - 1].haskey = 0;
        }
    }
    for (int k = 0; k < depth && k < MAXD; k++) {
        if (st[k].obj && st[k].haskey) {
            if (out->len)
                sb_putc(out, '.');
            size_t n = st[k].keylen;
            sb_putn(out, t + st[k].key, n > 60 ? 60 : n);
        } else if (!st[k].obj) {
            sb_printf(out, "[%ld]", st[k].idx);
        } else {
            break;
        }
    }
    if (!out->len)
        sb_puts(out, "file");
}

/* ---- JSON arrays -> tables ---- */

static const char *jtype(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a text";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "true/false";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

/* A table cell from a JSON value: 0 ok, -1 wrong type, -2 too long, -3 a
 * number too large to hold (cJSON reads 1e400 as infinity). */
static int cell_text(const cJSON *v, char *buf, size_t n)
{
    if (cJSON_IsNull(v)) {
        buf[0] = '\0';
        return 0;
    }
    if (cJSON_IsString(v)) {
        snprintf(buf, n, "%s", v->valuestring);
        return strlen(v->valuestring) < n ? 0 : -2;
    }
    if (cJSON_IsBool(v)) {
        snprintf(buf, n, "%s", cJSON_IsTrue(v) ? "1" : "0");
        return 0;
    }
    if (cJSON_IsNumber(v)) {
        double x = v->valuedouble;
        if (!isfinite(x))
            return -3;
        if (x == floor(x) && fabs(x) < 1e15)
            snprintf(buf, n, "%.0f", x);
        else
            double_text(x, buf, n);
        return 0;
    }
    return -1;
}

/* The columns each table always has in the JSON form, so that a key left
 * out of every row reads as empty cells rather than a missing column. */
static const char *const *table_columns(int k)
{
    static const char *const hosts[] = {"id", "name", "kind", "budget", "self_financed", NULL};
    static const char *const chals[] = {"id", "title", "host", "min_team", "max_team",
                                        "needs", "must_staff", NULL};
    static const char *const cands[] = {"id", "name", "profile", "monthly_salary", NULL};
    static const char *const prefs[] = {"candidate", "challenge", "candidate_rank",
                                        "jury_rank", "shortlisted", NULL};
    static const char *const slots[] = {"day", "start", "end", NULL};
    static const char *const unav[] = {"who", "id", "day", "start", "end", NULL};
    static const char *const *const all[] = {hosts, chals, cands, prefs, slots, unav};
    return all[k];
}

static int array_to_table(const cJSON *arr, int k, raw_scenario *raw, table *t,
                          cohort_diag *d)
{
    static const char *const one[] = {"host", "challenge", "candidate", "application",
                                      "slot", "unavailability"};
    const char *name = TABLES[k];
    int bad = 0;
    t->present = 1;
    if (!cJSON_IsArray(arr)) {
        diag_error(d, "%s:%ld: field '%s': got %s (expected an array of objects, one per %s)",
                   raw->json_file, abs_line(raw, name), name, jtype(arr), one[k]);
        t->broken = 1;
        return -1;
    }
    /* columns: the contract's, then every other key in order of first
       appearance (looked up in a map: rows may be many) */
    strmap cols;
    sm_init(&cols);
    for (const char *const *c = table_columns(k); *c; c++) {
        int col = table_add_col(t, *c);
        sm_put(&cols, t->cols[col], col);
    }
    const cJSON *row;
    int too_many = 0;
    cJSON_ArrayForEach(row, arr)
    {
        if (!cJSON_IsObject(row))
            continue;
        const cJSON *f;
        cJSON_ArrayForEach(f, row)
        {
            if (sm_get(&cols, f->string) >= 0)
                continue;
            if (t->ncols >= JSON_MAX_COLS) {
                too_many = 1;
                continue;
            }
            int c = table_add_col(t, f->string);
            sm_put(&cols, t->cols[c], c);
        }
    }
    if (too_many) {
        diag_error(d, "%s:%ld: field '%s': the rows have more than %d different keys (expected "
                   "at most %d)", raw->json_file, abs_line(raw, name), name,
                   JSON_MAX_COLS, JSON_MAX_COLS);
        sm_free(&cols);
        t->broken = 1;
        return -1;
    }
    long idx = 0;
    size_t cap = 65537;
    char *buf = xmalloc(cap);
    cJSON_ArrayForEach(row, arr)
    {
        char path[128];
        snprintf(path, sizeof path, "%s[%ld]", name, idx);
        long line = abs_line(raw, path);
        idx++;
        if (!cJSON_IsObject(row)) {
            diag_error(d, "%s:%ld: field '%s': got %s (expected an object with the fields of "
                       "one %s)", raw->json_file, line, path, jtype(row), one[k]);
            bad = 1;
            t->broken = 1;
            continue;
        }
        /* a row with a value of the wrong type is left out whole (and ids
           it would define are not reported as unknown elsewhere) */
        int rowbad = 0;
        const cJSON *f;
        cJSON_ArrayForEach(f, row)
        {
            int rc = cell_text(f, buf, cap);
            if (rc == -1)
                diag_error(d, "%s:%ld: field '%s': got %s (expected a text or a number)",
                           raw->json_file, line, f->string, jtype(f));
            else if (rc == -2)
                diag_error(d, "%s:%ld: field '%s': the value is longer than %zu bytes "
                           "(expected at most %zu)", raw->json_file, line, f->string, cap - 1,
                           cap - 1);
            else if (rc == -3)
                diag_error(d, "%s:%ld: field '%s': the number is too large to hold (expected "
                           "a number of at most 15 digits)", raw->json_file, line, f->string);
            if (rc < 0)
                rowbad = 1;
        }
        if (rowbad) {
            bad = 1;
            t->broken = 1;
            continue;
        }
        int r = table_add_row(t, line);
        cJSON_ArrayForEach(f, row)
        {
            cell_text(f, buf, cap);
            char *v = trim(buf);
            table_set(t, r, sm_get(&cols, f->string), *v ? v : NULL);
        }
    }
    free(buf);
    sm_free(&cols);
    return bad ? -1 : 0;
}

/* Parses the JSON text; on success raw->json_root holds the document. */
static int parse_json(const char *text, size_t len, const char *display, raw_scenario *raw,
                      cohort_diag *d)
{
    size_t off = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        off = 3;
    const char *nul = memchr(text + off, '\0', len - off);
    if (nul) {
        diag_error(d, "%s:%ld: field 'file': the file holds a NUL byte (expected JSON text)",
                   display, line_at(text, nul));
        return -1;
    }
    long bad = utf8_check(text + off, len - off);
    if (bad >= 0) {
        sbuf path;
        sb_init(&path);
        path_at(text + off, (size_t)bad, &path);
        diag_error(d, "%s:%ld: field '%s': invalid UTF-8 byte 0x%02X (expected UTF-8 text)",
                   display, line_at(text, text + off + bad), path.s,
                   (unsigned char)text[off + (size_t)bad]);
        sb_free(&path);
        return -1;
    }
    size_t k = off;
    while (k < len && (unsigned char)text[k] <= 32)
        k++;
    if (k == len) {
        diag_error(d, "%s:1: field 'file': the file is empty (expected a JSON object)", display);
        return -1;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + off, len - off, &end, 0);
    if (!root) {
        const char *at = cJSON_GetErrorPtr();
        if (!at || at < text + off || at > text + len)
            at = text + off;
        sbuf path;
        sb_init(&path);
        path_at(text + off, (size_t)(at - (text + off)), &path);
        diag_error(d, "%s:%ld: field '%s': invalid JSON (expected a JSON value here: check "
                   "commas, quotes and brackets)", display, line_at(text, at), path.s);
        sb_free(&path);
        return -1;
    }
    if (end) {
        /* only blanks may follow the document */
        const char *t = end;
        while (t < text + len && (unsigned char)*t <= 32)
            t++;
        if (t < text + len) {
            cJSON_Delete(root);
            diag_error(d, "%s:%ld: field 'file': text after the end of the JSON document "
                       "(expected nothing after its closing bracket)", display,
                       line_at(text, t));
            return -1;
        }
    }
    if (!cJSON_IsObject(root)) {
        diag_error(d, "%s:%ld: field 'file': got %s (expected a JSON object {...})", display,
                   line_at(text, text + k), jtype(root));
        cJSON_Delete(root);
        return -1;
    }
    raw->json_root = root;
    scan s = {text + off, len - off, 0, 1, raw, d, display, 0};
    /* line numbers count from the start of the file, BOM included */
    sc_value(&s, "", 0);
    return s.dups ? -1 : 0;
}

static char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && path[b - 1] != '/')
        b--;
    return xstrndup(path + b, n - b);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    if (n && dir[n - 1] == '/')
        return xasprintf("%s%s", dir, name);
    return xasprintf("%s/%s", dir, name);
}

int load_folder(const char *dir, raw_scenario *raw, cohort_diag *d)
{
    raw_init(raw);
    raw->base = base_name(dir);
    int bad = 0;
    static const int required[] = {1, 1, 1, 1, 0, 0};
    static const char *const what[] = {
        "one host administration per row: id,name,kind,budget,self_financed",
        "one challenge per row: id,title,host,min_team,max_team,needs,must_staff",
        "one candidate per row: id,name,profile,monthly_salary,...",
        "one application per row: candidate,challenge,candidate_rank,jury_rank,shortlisted",
        "", ""};
    for (int k = 0; k < 6; k++) {
        char *name = xasprintf("%s.csv", TABLES[k]);
        char *path = join(dir, name);
        table_init(raw_table(raw, k), path);
        if (csv_read_file(path, path, raw_table(raw, k), d) < 0)
            bad = 1;
        else if (!raw_table(raw, k)->present && required[k]) {
            diag_error(d, "%s:1: field 'file': missing file (expected %s)", path, what[k]);
            bad = 1;
        }
        free(name);
        free(path);
    }
    char *sj = join(dir, "scenario.json");
    raw->json_file = sj;
    sbuf b;
    sb_init(&b);
    int missing = 0;
    if (read_all(sj, sj, &b, &missing, d) == 0) {
        if (parse_json(b.s, b.len, sj, raw, d) < 0)
            bad = 1;
        else
            raw->json = raw->json_root;
    } else if (!missing) {
        bad = 1;
    }
    sb_free(&b);
    return bad ? -1 : 0;
}

int json_parse_scenario_text(const char *text, size_t len, const char *display,
                             raw_scenario *raw, cohort_diag *d)
{
    raw_init(raw);
    raw->base = base_name(display);
    raw->json_file = xstrdup(display);
    for (int k = 0; k < 6; k++)
        table_init(raw_table(raw, k), display);
    if (parse_json(text, len, display, raw, d) < 0)
        return -1;
    cJSON *root = raw->json_root;
    int bad = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        int known = strcmp(item->string, "scenario") == 0;
        for (int k = 0; k < 6; k++)
            if (strcmp(item->string, TABLES[k]) == 0)
                known = 1;
        if (!known)
            diag_warn(d, "%s:%ld: field '%s': unknown key, ignored", display,
                      abs_line(raw, item->string), item->string);
    }
    cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenario");
    if (sc && !cJSON_IsNull(sc)) {
        if (!cJSON_IsObject(sc)) {
            diag_error(d, "%s:%ld: field 'scenario': got %s (expected an object with the "
                       "scenario.json keys)", display, abs_line(raw, "scenario"), jtype(sc));
            bad = 1;
        } else {
            raw->json = sc;
            raw->jprefix = "scenario.";
        }
    }
    for (int k = 0; k < 6; k++) {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, TABLES[k]);
        if (!arr || cJSON_IsNull(arr)) {
            if (k < 4) {
                diag_error(d, "%s:1: field '%s': missing (expected an array of %s)", display,
                           TABLES[k], TABLES[k]);
                raw_table(raw, k)->broken = 1;
                bad = 1;
            }
            continue;
        }
        if (array_to_table(arr, k, raw, raw_table(raw, k), d) < 0)
            bad = 1;
    }
    return bad ? -1 : 0;
}

int load_json_file(const char *path, raw_scenario *raw, cohort_diag *d)
{
    sbuf b;
    sb_init(&b);
    int missing = 0;
    if (read_all(path, path, &b, &missing, d) < 0) {
        if (missing)
            diag_error(d, "%s:1: field 'file': no such file or folder (expected a scenario "
                       "folder or a JSON file)", path);
        sb_free(&b);
        raw_init(raw);
        return -1;
    }
    int rc = json_parse_scenario_text(b.s, b.len, path, raw, d);
    sb_free(&b);
    return rc;
}

/* ---- scenario parameters ---- */

typedef struct pctx {
    const raw_scenario *raw;
    cohort_diag *d;
    int bad;
} pctx;

static void perr(pctx *p, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void perr(pctx *p, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(p->d, "%s:%ld: field '%s%s': %s", p->raw->json_file,
               raw_json_line(p->raw, path), p->raw->jprefix ? p->raw->jprefix : "", path, msg);
    p->bad = 1;
}

/* "got the text \"10\"" / "got an array": what a wrong value is, for messages. */
static const char *got(const cJSON *v, char *buf, size_t n)
{
    if (cJSON_IsString(v)) {
        const char *t = v->valuestring;
        size_t len = strlen(t);
        if (len <= 40 && utf8_check(t, len) < 0 && !strpbrk(t, "\n\r\t"))
            snprintf(buf, n, "the text \"%s\"", t);
        else
            snprintf(buf, n, "a text");
        return buf;
    }
    snprintf(buf, n, "%s", jtype(v));
    return buf;
}

/* "\"2021-13\" is not a month" for a text, "got a number" otherwise. */
static const char *not_a(const cJSON *v, const char *what, char *buf, size_t n)
{
    char g[64];
    if (!v) {
        snprintf(buf, n, "missing");
        return buf;
    }
    got(v, g, sizeof g);
    if (strncmp(g, "the text ", 9) == 0)
        snprintf(buf, n, "%.60s is not %s", g + 9, what);
    else
        snprintf(buf, n, "got %.60s", g);
    return buf;
}

/* Returns the child or NULL when absent or null. */
static const cJSON *child(const cJSON *o, const char *key)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    return v && !cJSON_IsNull(v) ? v : NULL;
}

/* A number as people write it: "-4000", "0.35", "1e+20" only when huge. */
static void num_text(double x, char *buf, size_t n)
{
    if (x == floor(x) && fabs(x) < 1e15)
        snprintf(buf, n, "%.0f", x);
    else
        double_text(x, buf, n);
}

static int get_ratio(pctx *p, const cJSON *v, const char *path, ratio *out, double lo,
                     double hi, const char *expect)
{
    char g[128];
    if (!cJSON_IsNumber(v)) {
        perr(p, path, "got %s (expected %s)", got(v, g, sizeof g), expect);
        return -1;
    }
    double x = v->valuedouble;
    char txt[64];
    double_text(x, txt, sizeof txt);
    if (!isfinite(x)) {
        perr(p, path, "the number is too large to hold (expected %s)", expect);
        return -1;
    }
    if (x < 0 && lo >= 0) {
        num_text(x, txt, sizeof txt);
        perr(p, path, "%s is negative (expected %s)", txt, expect);
        return -1;
    }
    if (!(x >= lo && x <= hi) || parse_decimal(txt, out) != 0) {
        num_text(x, txt, sizeof txt);
        perr(p, path, "%s is out of range (expected %s)", txt, expect);
        return -1;
    }
    return 0;
}

static int get_int(pctx *p, const cJSON *v, const char *path, int *out, long lo, long hi,
                   const char *expect)
{
    char g[128], txt[64];
    if (!cJSON_IsNumber(v)) {
        perr(p, path, "got %s (expected %s)", got(v, g, sizeof g), expect);
        return -1;
    }
    double x = v->valuedouble;
    if (!isfinite(x)) {
        perr(p, path, "the number is too large to hold (expected %s)", expect);
        return -1;
    }
    num_text(x, txt, sizeof txt);
    if (x != floor(x)) {
        perr(p, path, "%s is not a whole number (expected %s)", txt, expect);
        return -1;
    }
    if (x < 0 && lo >= 0) {
        perr(p, path, "%s is negative (expected %s)", txt, expect);
        return -1;
    }
    if (x < (double)lo || x > (double)hi) {
        perr(p, path, "%s is out of range (expected %s)", txt, expect);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int get_cents(pctx *p, const cJSON *v, const char *path, int64_t *out, const char *expect)
{
    ratio r;
    if (get_ratio(p, v, path, &r, 0, 1e13, expect) < 0)
        return -1;
    if ((__int128)r.num * 100 % r.den) {
        /* as in the CSV files: 4000.005 once became 4000.01 */
        char txt[64];
        num_text(v->valuedouble, txt, sizeof txt);
        perr(p, path, "%s has more than 2 decimals (expected euros and cents)", txt);
        return -1;
    }
    *out = muldiv_round(r.num, 100, r.den);
    return 0;
}

static void unknown_keys(pctx *p, const cJSON *o, const char *path, const char *const *known)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, o)
    {
        int ok = 0;
        for (const char *const *k = known; *k; k++)
            if (strcmp(*k, it->string) == 0)
                ok = 1;
        if (!ok) {
            char sub[300];
            snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", it->string);
            diag_warn(p->d, "%s:%ld: field '%s%s': unknown key, ignored", p->raw->json_file,
                      raw_json_line(p->raw, sub), p->raw->jprefix ? p->raw->jprefix : "", sub);
        }
    }
}

static int expect_object(pctx *p, const cJSON *v, const char *path)
{
    if (v && !cJSON_IsObject(v)) {
        perr(p, path, "got %s (expected an object)", jtype(v));
        return -1;
    }
    return 0;
}

static void share_pair(pctx *p, const cJSON *o, const char *path, int *has_min, ratio *mn,
                       int *has_max, ratio *mx)
{
    char sub[300];
    const cJSON *v;
    *has_min = *has_max = 0;
    snprintf(sub, sizeof sub, "%s.min_share", path);
    if ((v = child(o, "min_share")) && get_ratio(p, v, sub, mn, 0, 1, "a share between 0 and 1") == 0)
        *has_min = 1;
    snprintf(sub, sizeof sub, "%s.max_share", path);
    if ((v = child(o, "max_share")) && get_ratio(p, v, sub, mx, 0, 1, "a share between 0 and 1") == 0)
        *has_max = 1;
    if (*has_min && *has_max && (__int128)mn->num * mx->den > (__int128)mx->num * mn->den) {
        char a[64], b[64];
        double_text((double)mx->num / (double)mx->den, b, sizeof b);
        double_text((double)mn->num / (double)mn->den, a, sizeof a);
        perr(p, sub, "max_share %s is below min_share %s (expected min_share <= max_share)", b,
             a);
    }
}

int scenario_params(const raw_scenario *raw, cohort_scenario *s, cohort_diag *d)
{
    pctx P = {raw, d, 0}, *p = &P;
    /* defaults (CONTRACT.md section 1) */
    s->name = xstrdup(raw->base ? raw->base : "scenario");
    s->start_year = 2021;
    s->start_month = 9;
    s->start_day = 13;
    s->duration = 10;
    s->factor = (ratio){1, 1};
    s->default_salary = 400000;
    s->team_min = 2;
    s->team_max = 3;
    s->min_distinct = 2;
    s->cs_min = s->cs_max = -1;
    for (int k = 0; k < NKIND; k++)
        s->rates_given[k] = (ratio){k == K_STATE ? 3 : 0, 10};
    s->envelope = -1;
    s->norder = 3;
    for (int k = 0; k < NLEVELS; k++)
        s->order[k] = k;
    s->wc = s->wj = (ratio){1, 1};

    const cJSON *o = raw->json;
    if (!o)
        return 0;
    if (!cJSON_IsObject(o)) {
        perr(p, "scenario", "got %s (expected an object)", jtype(o));
        return -1;
    }
    static const char *const top[] = {"name", "start_date", "duration_months",
                                      "employer_cost_factor", "default_monthly_salary",
                                      "team_size", "min_distinct_profiles", "cohort_size",
                                      "profile_quotas", "diversity", "cofinancing", "objective",
                                      NULL};
    unknown_keys(p, o, "", top);
    const cJSON *v;
    if ((v = child(o, "name"))) {
        if (!cJSON_IsString(v))
            perr(p, "name", "got %s (expected a text)", jtype(v));
        else {
            free(s->name);
            s->name = xstrdup(v->valuestring);
        }
    }
    if ((v = child(o, "start_date"))) {
        if (!cJSON_IsString(v) ||
            parse_date(v->valuestring, &s->start_year, &s->start_month, &s->start_day) < 0)
        {
            char g[128];
            perr(p, "start_date", "%s (expected a date as \"YYYY-MM-DD\", e.g. "
                 "\"2021-09-13\")", not_a(v, "a date", g, sizeof g));
        }
    }
    if ((v = child(o, "duration_months")))
        get_int(p, v, "duration_months", &s->duration, 1, 120, "a whole number of months, 1 to 120");
    if ((v = child(o, "employer_cost_factor"))) {
        ratio f;
        if (get_ratio(p, v, "employer_cost_factor", &f, 1e-9, 10, "a number above 0, at most 10") == 0) {
            if (f.den > 1000000)
                perr(p, "employer_cost_factor", "more than 6 decimals (expected at most 6)");
            else
                s->factor = f;
        }
    }
    if ((v = child(o, "default_monthly_salary")))
        get_cents(p, v, "default_monthly_salary", &s->default_salary,
                  "an amount in euros, 0 to 10000000000000");
    const cJSON *ts = child(o, "team_size");
    if (expect_object(p, ts, "team_size") == 0 && ts) {
        static const char *const k[] = {"min", "max", NULL};
        unknown_keys(p, ts, "team_size", k);
        int e = 0;
        if ((v = child(ts, "min")))
            e |= get_int(p, v, "team_size.min", &s->team_min, 1, 1000, "a whole number, 1 to 1000");
        if ((v = child(ts, "max")))
            e |= get_int(p, v, "team_size.max", &s->team_max, 1, 1000, "a whole number, 1 to 1000");
        if (!e && s->team_min > s->team_max) {
            if (child(ts, "max"))
                perr(p, "team_size.max", "max %d is below min %d (expected min <= max)",
                     s->team_max, s->team_min);
            else
                perr(p, "team_size.min", "min %d is above the default max %d (expected min <= "
                     "max, or a max too)", s->team_min, s->team_max);
        }
        if (e || s->team_min > s->team_max) {
            /* the challenges are checked against the defaults: the mistake is
               reported here once, not again on every challenge */
            s->team_min = 2;
            s->team_max = 3;
        }
    }
    if ((v = child(o, "min_distinct_profiles")))
        get_int(p, v, "min_distinct_profiles", &s->min_distinct, 0, NPROF,
                "a whole number from 0 to 6");
    const cJSON *cs = child(o, "cohort_size");
    if (expect_object(p, cs, "cohort_size") == 0 && cs) {
        static const char *const k[] = {"min", "max", NULL};
        unknown_keys(p, cs, "cohort_size", k);
        int e = 0;
        if ((v = child(cs, "min")))
            e |= get_int(p, v, "cohort_size.min", &s->cs_min, 0, 100000000,
                         "a whole number, 0 to 100000000");
        if ((v = child(cs, "max")))
            e |= get_int(p, v, "cohort_size.max", &s->cs_max, 0, 100000000,
                         "a whole number, 0 to 100000000");
        if (!e && s->cs_min >= 0 && s->cs_max >= 0 && s->cs_min > s->cs_max)
            perr(p, "cohort_size.max", "max %d is below min %d (expected min <= max)", s->cs_max,
                 s->cs_min);
    }
    const cJSON *pq = child(o, "profile_quotas");
    if (expect_object(p, pq, "profile_quotas") == 0 && pq) {
        const cJSON *q;
        cJSON_ArrayForEach(q, pq)
        {
            char path[300];
            snprintf(path, sizeof path, "profile_quotas.%s", q->string);
            int prof = parse_profile(q->string);
            if (prof < 0) {
                perr(p, path, "unknown profile '%s' (expected one of developer, designer, "
                     "data_scientist, digital_lawyer, data_engineer, geomatician)", q->string);
                continue;
            }
            if (cJSON_IsNull(q))
                continue;
            if (expect_object(p, q, path) < 0)
                continue;
            static const char *const k[] = {"min", "max", "min_share", "max_share", NULL};
            unknown_keys(p, q, path, k);
            quota *Q = &s->quotas[prof];
            Q->min = Q->max = -1;
            char sub[320];
            int e = 0;
            snprintf(sub, sizeof sub, "%s.min", path);
            if ((v = child(q, "min")))
                e |= get_int(p, v, sub, &Q->min, 0, 100000000, "a whole number, 0 to 100000000");
            snprintf(sub, sizeof sub, "%s.max", path);
            if ((v = child(q, "max")))
                e |= get_int(p, v, sub, &Q->max, 0, 100000000, "a whole number, 0 to 100000000");
            if (!e && Q->min >= 0 && Q->max >= 0 && Q->min > Q->max)
                perr(p, sub, "max %d is below min %d (expected min <= max)", Q->max, Q->min);
            share_pair(p, q, path, &Q->has_min_share, &Q->min_share, &Q->has_max_share,
                       &Q->max_share);
            s->has_quota[prof] = 1;
        }
    }
    const cJSON *dv = child(o, "diversity");
    if (dv && !cJSON_IsArray(dv)) {
        perr(p, "diversity", "got %s (expected an array of objects)", jtype(dv));
    } else if (dv) {
        int n = cJSON_GetArraySize(dv);
        s->divs = xcalloc((size_t)n, sizeof *s->divs);
        const cJSON *e;
        cJSON_ArrayForEach(e, dv)
        {
            char path[64];
            snprintf(path, sizeof path, "diversity[%d]", s->ndivs);
            if (!cJSON_IsObject(e)) {
                perr(p, path, "got %s (expected an object with attribute, value, min_share or "
                     "max_share)", jtype(e));
                continue;
            }
            static const char *const k[] = {"attribute", "value", "min_share", "max_share", NULL};
            unknown_keys(p, e, path, k);
            diversity *D = &s->divs[s->ndivs];
            char sub[96], txt[256];
            snprintf(sub, sizeof sub, "%s.attribute", path);
            char g[128];
            v = child(e, "attribute");
            if (!v || !cJSON_IsString(v) || !*v->valuestring) {
                perr(p, sub, "%s (expected the name of a column of candidates.csv, e.g. "
                     "\"gender\")", !v ? "missing" : cJSON_IsString(v) ? "empty" :
                     (snprintf(g, sizeof g, "got %s", jtype(v)), g));
                continue;
            }
            snprintf(sub, sizeof sub, "%s.value", path);
            const cJSON *val = child(e, "value");
            if (!val || cell_text(val, txt, sizeof txt) != 0) {
                perr(p, sub, "%s (expected the value to count, as a text, e.g. \"F\")",
                     !val ? "missing" : (snprintf(g, sizeof g, "got %s", jtype(val)), g));
                continue;
            }
            D->attribute = xstrdup(v->valuestring);
            D->value = xstrdup(txt);
            D->attr = -1;
            share_pair(p, e, path, &D->has_min_share, &D->min_share, &D->has_max_share,
                       &D->max_share);
            s->ndivs++;
        }
    }
    const cJSON *cf = child(o, "cofinancing");
    if (expect_object(p, cf, "cofinancing") == 0 && cf) {
        static const char *const k[] = {"rates", "envelope", "covered_months", NULL};
        unknown_keys(p, cf, "cofinancing", k);
        const cJSON *rt = child(cf, "rates");
        if (expect_object(p, rt, "cofinancing.rates") == 0 && rt) {
            const cJSON *r;
            cJSON_ArrayForEach(r, rt)
            {
                char path[300];
                snprintf(path, sizeof path, "cofinancing.rates.%s", r->string);
                int kind = parse_kind(r->string);
                if (kind < 0) {
                    perr(p, path, "unknown host kind '%s' (expected state, local, health or "
                         "other)", r->string);
                    continue;
                }
                if (!cJSON_IsNull(r))
                    get_ratio(p, r, path, &s->rates_given[kind], 0, 1, "a rate between 0 and 1");
            }
        }
        if ((v = child(cf, "envelope")))
            get_cents(p, v, "cofinancing.envelope", &s->envelope, "an amount in euros, 0 to 10000000000000");
        const cJSON *cm = child(cf, "covered_months");
        if (expect_object(p, cm, "cofinancing.covered_months") == 0 && cm) {
            static const char *const k2[] = {"from", "to", NULL};
            unknown_keys(p, cm, "cofinancing.covered_months", k2);
            const cJSON *a = child(cm, "from"), *b = child(cm, "to");
            int ok = 1;
            char g[128];
            if (!a || !cJSON_IsString(a) || parse_year_month(a->valuestring, &s->covered_from) < 0) {
                perr(p, "cofinancing.covered_months.from", "%s (expected a month as "
                     "\"YYYY-MM\", e.g. \"2021-10\")", not_a(a, "a month", g, sizeof g));
                ok = 0;
            }
            if (!b || !cJSON_IsString(b) || parse_year_month(b->valuestring, &s->covered_to) < 0) {
                perr(p, "cofinancing.covered_months.to", "%s (expected a month as "
                     "\"YYYY-MM\", e.g. \"2021-12\")", not_a(b, "a month", g, sizeof g));
                ok = 0;
            }
            if (ok && s->covered_from > s->covered_to)
                perr(p, "cofinancing.covered_months.to",
                     "\"%s\" is before \"from\" (expected from <= to)", b->valuestring);
            else if (ok)
                s->has_covered = 1;
        }
    }
    const cJSON *ob = child(o, "objective");
    if (expect_object(p, ob, "objective") == 0 && ob) {
        static const char *const k[] = {"order", "candidate_weight", "jury_weight", NULL};
        unknown_keys(p, ob, "objective", k);
        const cJSON *ord = child(ob, "order");
        if (ord && !cJSON_IsArray(ord)) {
            perr(p, "objective.order", "got %s (expected an array such as [\"staffed\", "
                 "\"filled\", \"rank\"])", jtype(ord));
        } else if (ord) {
            int n = 0, seen[NLEVELS] = {0};
            const cJSON *e;
            cJSON_ArrayForEach(e, ord)
            {
                char path[64];
                snprintf(path, sizeof path, "objective.order[%d]", n);
                int lv = -1;
                for (int l = 0; l < NLEVELS; l++)
                    if (cJSON_IsString(e) && strcmp(e->valuestring, LEVEL_NAMES[l]) == 0)
                        lv = l;
                char g[128];
                if (lv < 0)
                    perr(p, path, "%s (expected \"staffed\", \"filled\" or \"rank\")",
                         not_a(e, "a level", g, sizeof g));
                else if (seen[lv])
                    perr(p, path, "\"%s\" appears twice (expected each level at most once)",
                         LEVEL_NAMES[lv]);
                else {
                    seen[lv] = 1;
                    s->order[n] = lv;
                }
                n++;
            }
            s->norder = n > NLEVELS ? NLEVELS : n;
        }
        if ((v = child(ob, "candidate_weight")))
            get_ratio(p, v, "objective.candidate_weight", &s->wc, 0, 1e6,
                      "a number from 0 to 1000000");
        if ((v = child(ob, "jury_weight")))
            get_ratio(p, v, "objective.jury_weight", &s->wj, 0, 1e6, "a number from 0 to 1000000");
        if (s->wc.den > 1000000 || s->wj.den > 1000000)
            perr(p, "objective", "weights with more than 6 decimals (expected at most 6)");
    }
    return p->bad ? -1 : 0;
}
