/* csv.c - RFC 4180 reading (BOM, CRLF, quotes, line numbers) and writing.
 *
 * Everything a coordinator's spreadsheet can produce is accepted: a UTF-8
 * byte-order mark, CRLF / LF / CR line ends, quoted fields holding commas,
 * quotes and line breaks, blank lines, trailing empty cells. Everything
 * else is reported with its file and line, and the reader goes on to find
 * the next error so that the user sees them all at once.
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CSV_MAX_FIELD 65536L
#define CSV_MAX_FILE (1L << 30)
#define CSV_MAX_ROWS 10000000

/* ---- tables ---- */

void table_init(table *t, const char *file)
{
    memset(t, 0, sizeof *t);
    t->file = xstrdup(file);
}

void table_free(table *t)
{
    if (!t)
        return;
    for (int c = 0; c < t->ncols; c++)
        free(t->cols[c]);
    for (long i = 0; i < (long)t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cols);
    free(t->cells);
    free(t->lines);
    free(t->file);
    memset(t, 0, sizeof *t);
}

int table_col(const table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], name) == 0)
            return c;
    return -1;
}

const char *table_cell(const table *t, int row, int col)
{
    if (col < 0 || row < 0 || row >= t->nrows)
        return NULL;
    const char *v = t->cells[(long)row * t->ncols + col];
    return v && *v ? v : NULL;
}

int table_add_col(table *t, const char *name)
{
    /* columns are added before rows (both readers do so) */
    t->cols = xrealloc(t->cols, sizeof *t->cols * (size_t)(t->ncols + 1));
    t->cols[t->ncols] = xstrdup(name);
    return t->ncols++;
}

int table_add_row(table *t, long line)
{
    if (t->nrows >= t->rows_cap) {
        int cap = t->rows_cap ? t->rows_cap * 2 : 64;
        t->cells = xrealloc(t->cells, sizeof *t->cells * (size_t)cap * (size_t)(t->ncols ? t->ncols : 1));
        t->lines = xrealloc(t->lines, sizeof *t->lines * (size_t)cap);
        t->rows_cap = cap;
    }
    int r = t->nrows++;
    for (int c = 0; c < t->ncols; c++)
        t->cells[(long)r * t->ncols + c] = NULL;
    t->lines[r] = line;
    return r;
}

void table_set(table *t, int row, int col, const char *value)
{
    char **cell = &t->cells[(long)row * t->ncols + col];
    free(*cell);
    *cell = value ? xstrdup(value) : NULL;
}

/* ---- reading ---- */

typedef struct field {
    char *s;
    size_t len, cap;
} field;

static void fput(field *f, char c)
{
    if (f->len + 2 > f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->s = xrealloc(f->s, f->cap);
    }
    f->s[f->len++] = c;
    f->s[f->len] = '\0';
}

static long line_of(const char *text, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
            line++;
    return line;
}

/* Parses one record starting at *pos. Fields are appended to rec (strings
 * owned by the caller). Returns 1 when a record was read, 0 at end of text,
 * -1 on a fatal error (unterminated quote). */
static int read_record(const char *text, size_t len, size_t *pos, long *line,
                       char ***rec, int *nrec, int *reccap, const char *display,
                       cohort_diag *d, int *bad)
{
    size_t i = *pos;
    if (i >= len)
        return 0;
    long start_line = *line;
    field f = {0};
    *nrec = 0;
    for (;;) {
        f.len = 0;
        if (f.s)
            f.s[0] = '\0';
        int quoted = 0, toolong = 0;
        if (i < len && text[i] == '"') {
            quoted = 1;
            long qline = *line;
            i++;
            for (;;) {
                if (i >= len) {
                    diag_error(d, "%s:%ld: unterminated quoted field (a closing \" is missing)",
                               display, qline);
                    free(f.s);
                    *pos = len;
                    return -1;
                }
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < len && text[i + 1] == '"') {
                        fput(&f, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
                    (*line)++;
                if ((long)f.len < CSV_MAX_FIELD)
                    fput(&f, c);
                else
                    toolong = 1;
                i++;
            }
            if (i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                diag_error(d, "%s:%ld: unexpected character after a closing quote "
                           "(expected a comma or the end of the line)", display, *line);
                *bad = 1;
                while (i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n')
                    i++;
            }
        } else {
            while (i < len && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if ((long)f.len < CSV_MAX_FIELD)
                    fput(&f, text[i]);
                else
                    toolong = 1;
                i++;
            }
        }
        (void)quoted;
        if (toolong) {
            diag_error(d, "%s:%ld: field %d is longer than %ld bytes", display, *line, *nrec + 1,
                       CSV_MAX_FIELD);
            *bad = 1;
        }
        GROW(*rec, *reccap, *nrec + 1);
        (*rec)[(*nrec)++] = xstrndup(f.s ? f.s : "", f.len);
        if (i >= len)
            break;
        if (text[i] == ',') {
            i++;
            continue;
        }
        /* end of line */
        if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
            i += 2;
        else
            i++;
        (*line)++;
        break;
    }
    free(f.s);
    *pos = i;
    (void)start_line;
    return 1;
}

static int all_blank(char **rec, int n)
{
    for (int k = 0; k < n; k++) {
        for (const char *p = rec[k]; *p; p++)
            if (*p != ' ' && *p != '\t')
                return 0;
    }
    return 1;
}

int csv_parse(const char *text, size_t len, const char *display, table *t, cohort_diag *d)
{
    int before = d ? d->nerrors + d->errors_dropped : 0;
    size_t pos = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        pos = 3;
    const void *nul = memchr(text, '\0', len);
    if (nul) {
        diag_error(d, "%s:%ld: the file holds a NUL byte (expected UTF-8 text, not a binary "
                   "spreadsheet: save it as CSV UTF-8)", display,
                   line_of(text, (size_t)((const char *)nul - text)));
        return -1;
    }
    long bad_utf8 = utf8_check(text + pos, len - pos);
    if (bad_utf8 >= 0) {
        diag_error(d, "%s:%ld: invalid UTF-8 byte 0x%02X (expected UTF-8 text: re-save the "
                   "file as \"CSV UTF-8\")", display, line_of(text, pos + (size_t)bad_utf8),
                   (unsigned char)text[pos + (size_t)bad_utf8]);
        return -1;
    }
    t->present = 1;
    long line = 1;
    char **rec = NULL;
    int nrec = 0, reccap = 0, bad = 0, have_header = 0, rc;
    while (1) {
        long rline = line;
        rc = read_record(text, len, &pos, &line, &rec, &nrec, &reccap, display, d, &bad);
        if (rc <= 0)
            break;
        if (!have_header) {
            if (nrec == 1 && !*trim(rec[0])) {
                free(rec[0]);
                continue; /* blank lines before the header */
            }
            have_header = 1;
            for (int k = 0; k < nrec; k++) {
                char *name = trim(rec[k]);
                if (!*name) {
                    if (k == nrec - 1 && k > 0)
                        break; /* a trailing comma in the header */
                    diag_error(d, "%s:%ld: column %d of the header has no name (expected a "
                               "column name)", display, rline, k + 1);
                    bad = 1;
                } else if (table_col(t, name) >= 0) {
                    diag_error(d, "%s:%ld: field '%s': the column appears twice in the header",
                               display, rline, name);
                    bad = 1;
                } else {
                    table_add_col(t, name);
                }
            }
            for (int k = 0; k < nrec; k++)
                free(rec[k]);
            continue;
        }
        if (all_blank(rec, nrec)) {
            for (int k = 0; k < nrec; k++)
                free(rec[k]);
            continue;
        }
        if (nrec > t->ncols) {
            int extra_blank = all_blank(rec + t->ncols, nrec - t->ncols);
            if (!extra_blank) {
                diag_error(d, "%s:%ld: the row has %d fields but the header has %d (a comma too "
                           "many, or a value that needs \"quotes\")", display, rline, nrec,
                           t->ncols);
                bad = 1;
            }
        }
        if (t->nrows >= CSV_MAX_ROWS) {
            diag_error(d, "%s:%ld: more than %d rows (expected a smaller file)", display, rline,
                       CSV_MAX_ROWS);
            for (int k = 0; k < nrec; k++)
                free(rec[k]);
            bad = 1;
            break;
        }
        int r = table_add_row(t, rline);
        for (int k = 0; k < nrec; k++) {
            if (k < t->ncols) {
                char *v = trim(rec[k]);
                t->cells[(long)r * t->ncols + k] = *v ? xstrdup(v) : NULL;
            }
            free(rec[k]);
        }
    }
    free(rec);
    if (rc < 0)
        bad = 1;
    if (!have_header && !bad) {
        diag_error(d, "%s:1: the file is empty (expected a header line with the column names)",
                   display);
        bad = 1;
    }
    int after = d ? d->nerrors + d->errors_dropped : 0;
    return bad || after > before ? -1 : 0;
}

int csv_read_file(const char *path, const char *display, table *t, cohort_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) {
            t->present = 0;
            return 0;
        }
        diag_error(d, "%s: cannot be read: %s", display, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        diag_error(d, "%s: is a folder (expected a CSV file)", display);
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && st.st_size > CSV_MAX_FILE) {
        fclose(f);
        diag_error(d, "%s: the file is larger than 1 GiB (expected a smaller file)", display);
        return -1;
    }
    sbuf b;
    sb_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sb_putn(&b, chunk, n);
        if (b.len > (size_t)CSV_MAX_FILE) {
            fclose(f);
            sb_free(&b);
            diag_error(d, "%s: the file is larger than 1 GiB (expected a smaller file)", display);
            return -1;
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        sb_free(&b);
        diag_error(d, "%s: read error", display);
        return -1;
    }
    int rc = csv_parse(b.s ? b.s : "", b.len, display, t, d);
    sb_free(&b);
    return rc;
}

/* ---- writing ---- */

void csv_put_cell(sbuf *b, const char *s, char sep, int text_cell)
{
    if (!s)
        s = "";
    int formula = text_cell && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                                s[0] == '\t' || s[0] == '\r');
    int quote = 0;
    for (const char *p = s; *p; p++)
        if (*p == sep || *p == '"' || *p == '\n' || *p == '\r' ||
            (text_cell && (*p == ',' || *p == ';')))
            quote = 1; /* numbers (text_cell 0) keep their decimal comma unquoted */
    if (s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' '))
        quote = 1;
    if (!quote && !formula) {
        sb_puts(b, s);
        return;
    }
    sb_putc(b, '"');
    if (formula)
        sb_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_putc(b, '"');
        sb_putc(b, *p);
    }
    sb_putc(b, '"');
}
