/* csv.c - RFC 4180 reading (BOM, CRLF, quotes, line numbers) and writing.
 *
 * Everything a coordinator's spreadsheet can produce is accepted: a UTF-8
 * byte-order mark, CRLF / LF / CR line ends, quoted fields holding commas,
 * quotes and line breaks, blank lines, trailing empty cells. Everything
 * else is reported as FILE:LINE: field 'NAME': problem (expected ...), and
 * the reader goes on to find the next error so that the user sees them all
 * at once (docs/validation.md lists the messages and the limits below).
 *
 * Memory stays proportional to the file: the file's bytes, one pointer per
 * cell and the cell texts packed in an arena (no allocation per cell).
 */
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Limits (docs/validation.md): beyond them a file is refused with a message
 * rather than read into unbounded memory. */
#define CSV_MAX_FIELD 65536L      /* bytes in one value */
#define CSV_MAX_COLS 1000         /* columns in the header */
#define CSV_MAX_ROWS 1000000      /* rows in one file */
#define CSV_MAX_FILE (256L << 20) /* bytes in one file */

/* ---- cell storage: an arena of chunks per table ---- */

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
} chunk;

#define CHUNK_SIZE 65536

static char *arena_strndup(table *t, const char *s, size_t n)
{
    chunk *c = t->arena;
    if (n + 1 > CHUNK_SIZE / 4) {
        /* a large value gets its own chunk, linked behind the current one so
           that the current one keeps filling up */
        chunk *big = xmalloc(sizeof *big + n + 1);
        big->used = big->cap = n + 1;
        if (c) {
            big->next = c->next;
            c->next = big;
        } else {
            big->next = NULL;
            t->arena = big;
        }
        memcpy(big->data, s, n);
        big->data[n] = '\0';
        return big->data;
    }
    if (!c || c->cap - c->used < n + 1) {
        chunk *nc = xmalloc(sizeof *nc + CHUNK_SIZE);
        nc->next = c;
        nc->used = 0;
        nc->cap = CHUNK_SIZE;
        t->arena = c = nc;
    }
    char *p = c->data + c->used;
    memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

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
    for (chunk *c = t->arena, *next; c; c = next) {
        next = c->next;
        free(c);
    }
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
    if (col < 0 || row < 0 || row >= t->nrows || col >= t->ncols)
        return NULL;
    const char *v = t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
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
        t->cells = xrealloc(t->cells,
                            sizeof *t->cells * (size_t)cap * (size_t)(t->ncols ? t->ncols : 1));
        t->lines = xrealloc(t->lines, sizeof *t->lines * (size_t)cap);
        t->rows_cap = cap;
    }
    int r = t->nrows++;
    for (int c = 0; c < t->ncols; c++)
        t->cells[(size_t)r * (size_t)t->ncols + (size_t)c] = NULL;
    t->lines[r] = line;
    return r;
}

void table_set(table *t, int row, int col, const char *value)
{
    /* the previous text stays in the arena until the table is freed: each
       reader sets a cell once */
    t->cells[(size_t)row * (size_t)t->ncols + (size_t)col] =
        value ? arena_strndup(t, value, strlen(value)) : NULL;
}

/* ---- reading ---- */

enum { F_TOOLONG = 1, F_AFTERQUOTE = 2 };

/* One record: its fields packed in text, each followed by a NUL. */
typedef struct record {
    sbuf text;
    size_t *off;   /* start of each field in text */
    size_t *src;   /* start of each field in the file */
    long *line;    /* line where each field starts */
    unsigned char *flag;
    int n, cap;
    size_t end;    /* offset in the file just after the record */
} record;

static void rec_free(record *R)
{
    sb_free(&R->text);
    free(R->off);
    free(R->src);
    free(R->line);
    free(R->flag);
}

static void rec_new_field(record *R, size_t src, long line)
{
    if (R->n >= R->cap) {
        int cap = R->cap ? R->cap * 2 : 16;
        R->off = xrealloc(R->off, sizeof *R->off * (size_t)cap);
        R->src = xrealloc(R->src, sizeof *R->src * (size_t)cap);
        R->line = xrealloc(R->line, sizeof *R->line * (size_t)cap);
        R->flag = xrealloc(R->flag, (size_t)cap);
        R->cap = cap;
    }
    R->off[R->n] = R->text.len;
    R->src[R->n] = src;
    R->line[R->n] = line;
    R->flag[R->n] = 0;
    R->n++;
}

static int is_eol(char c)
{
    return c == '\n' || c == '\r';
}

/* A line ends at LF, CRLF or a lone CR (old Mac spreadsheets). */
static int line_break_at(const char *text, size_t len, size_t i)
{
    return text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n'));
}

/* Reads the record starting at *pos. Returns 1 when a record was read, 0 at
 * the end of the text, -1 when its last field is a quoted value that is
 * never closed (that field's line is where the quote opened). */
static int read_record(const char *text, size_t len, size_t *pos, long *line, record *R)
{
    size_t i = *pos;
    R->n = 0;
    R->text.len = 0;
    if (i >= len)
        return 0;
    for (;;) {
        rec_new_field(R, i, *line);
        unsigned char *flag = &R->flag[R->n - 1];
        long flen = 0;
        if (text[i] == '"') {
            i++;
            for (;;) {
                if (i >= len) {
                    sb_putc(&R->text, '\0');
                    *pos = len;
                    R->end = len;
                    return -1;
                }
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < len && text[i + 1] == '"') {
                        if (flen++ < CSV_MAX_FIELD)
                            sb_putc(&R->text, '"');
                        else
                            *flag |= F_TOOLONG;
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (line_break_at(text, len, i))
                    (*line)++;
                if (flen++ < CSV_MAX_FIELD)
                    sb_putc(&R->text, c);
                else
                    *flag |= F_TOOLONG;
                i++;
            }
            if (i < len && text[i] != ',' && !is_eol(text[i])) {
                *flag |= F_AFTERQUOTE;
                while (i < len && text[i] != ',' && !is_eol(text[i]))
                    i++;
            }
        } else {
            size_t a = i;
            while (i < len && text[i] != ',' && !is_eol(text[i]))
                i++;
            size_t n = i - a;
            if (n > (size_t)CSV_MAX_FIELD) {
                n = (size_t)CSV_MAX_FIELD;
                *flag |= F_TOOLONG;
            }
            sb_putn(&R->text, text + a, n);
        }
        sb_putc(&R->text, '\0');
        if (i >= len)
            break;
        if (text[i] == ',') {
            i++;
            if (i >= len) { /* "a,b," at the very end: a last empty field */
                rec_new_field(R, i, *line);
                sb_putc(&R->text, '\0');
                break;
            }
            continue;
        }
        i += text[i] == '\r' && i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
        (*line)++;
        break;
    }
    *pos = i;
    R->end = i;
    return 1;
}

static char *rec_field(record *R, int k)
{
    return R->text.s + R->off[k];
}

static int rec_blank(record *R, int from)
{
    for (int k = from; k < R->n; k++)
        for (const char *p = rec_field(R, k); *p; p++)
            if (*p != ' ' && *p != '\t')
                return 0;
    return 1;
}

/* Name of column k for messages: the header's, or "column K". */
static const char *col_name(const table *t, int k, char *buf, size_t n)
{
    if (k < t->ncols)
        return t->cols[k];
    snprintf(buf, n, "column %d", k + 1);
    return buf;
}

/* The file's first invalid UTF-8 byte and how many lines hold one. */
typedef struct enc_scan {
    long first;      /* offset of the first bad byte, -1 when none */
    long first_line;
    long nlines;     /* lines with at least one bad byte */
} enc_scan;

static void scan_encoding(const char *text, size_t len, size_t from, enc_scan *e)
{
    e->first = -1;
    e->first_line = 0;
    e->nlines = 0;
    size_t p = from, counted = 0;
    long line = 1, last_bad_line = 0;
    while (p < len) {
        long b = utf8_check(text + p, len - p);
        if (b < 0)
            break;
        size_t at = p + (size_t)b;
        for (; counted < at; counted++)
            if (line_break_at(text, len, counted))
                line++;
        if (e->first < 0) {
            e->first = (long)at;
            e->first_line = line;
        }
        if (line != last_bad_line) {
            e->nlines++;
            last_bad_line = line;
        }
        p = at + 1;
    }
}

static long line_of(const char *text, size_t len, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off && i < len; i++)
        if (line_break_at(text, len, i))
            line++;
    return line;
}

static void report_encoding(const char *text, const char *display, const table *t,
                            const record *R, int in_header, const enc_scan *e, cohort_diag *d)
{
    int k = 0;
    while (k + 1 < R->n && R->src[k + 1] <= (size_t)e->first)
        k++;
    char buf[32], more[64] = "";
    const char *name = in_header ? (snprintf(buf, sizeof buf, "column %d", k + 1), buf)
                                 : col_name(t, k, buf, sizeof buf);
    if (e->nlines > 1)
        snprintf(more, sizeof more, ", and %ld more line%s like it", e->nlines - 1,
                 e->nlines > 2 ? "s" : "");
    diag_error(d, "%s:%ld: field '%s': invalid UTF-8 byte 0x%02X%s (expected UTF-8 text: save "
               "the file as \"CSV UTF-8\")", display, e->first_line, name,
               (unsigned char)text[e->first], more);
}

int csv_parse(const char *text, size_t len, const char *display, table *t, cohort_diag *d)
{
    int bad = 0;
    size_t pos = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        pos = 3;
    t->present = 1;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        /* a spreadsheet saved in its own binary format: nothing else to say */
        diag_error(d, "%s:%ld: field 'file': the file holds a NUL byte (expected UTF-8 text, "
                   "not a binary file: save the spreadsheet as \"CSV UTF-8\")", display,
                   line_of(text, len, (size_t)(nul - text)));
        t->broken = 1;
        return -1;
    }
    enc_scan enc;
    scan_encoding(text, len, pos, &enc);
    long line = 1;
    record R = {0};
    int have_header = 0, rc;
    char buf[32];
    while ((rc = read_record(text, len, &pos, &line, &R)) != 0) {
        long rline = R.line[0];
        if (enc.first >= 0 && (size_t)enc.first >= R.src[0] && (size_t)enc.first < R.end) {
            report_encoding(text, display, t, &R, !have_header, &enc, d);
            bad = 1;
            if (!have_header) {
                /* the header itself is unreadable: the rest would be noise */
                t->broken = 1;
                break;
            }
        }
        if (rc < 0) {
            int k = R.n - 1;
            diag_error(d, "%s:%ld: field '%s': the quoted value is never closed (expected a "
                       "closing \" before the end of the file)", display, R.line[k],
                       have_header ? col_name(t, k, buf, sizeof buf)
                                   : (snprintf(buf, sizeof buf, "column %d", k + 1), buf));
            bad = 1;
            t->broken = 1;
            break;
        }
        if (!have_header) {
            if (rec_blank(&R, 0))
                continue; /* blank lines before the header */
            have_header = 1;
            for (int k = 0; k < R.n; k++) {
                char *name = trim(rec_field(&R, k));
                if (k >= CSV_MAX_COLS) {
                    diag_error(d, "%s:%ld: field 'column %d': more than %d columns (expected "
                               "at most %d)", display, rline, k + 1, CSV_MAX_COLS, CSV_MAX_COLS);
                    bad = 1;
                    t->broken = 1;
                    break;
                }
                if (!*name) {
                    if (k == R.n - 1 && k > 0)
                        break; /* a trailing comma in the header */
                    diag_error(d, "%s:%ld: field 'column %d': the column has no name "
                               "(expected a name in the header line)", display, rline, k + 1);
                    bad = 1;
                    name = buf;
                    snprintf(buf, sizeof buf, "column %d", k + 1);
                } else if (table_col(t, name) >= 0) {
                    diag_error(d, "%s:%ld: field '%s': the column appears twice in the "
                               "header (expected each column once)", display, rline, name);
                    bad = 1;
                    snprintf(buf, sizeof buf, "column %d", k + 1);
                    name = buf;
                }
                /* every position gets a column, so later values stay aligned */
                table_add_col(t, name);
            }
            if (t->broken)
                break;
            if (t->ncols == 1 && (strchr(t->cols[0], ';') || strchr(t->cols[0], '\t'))) {
                /* a spreadsheet's "CSV (semicolon)" or tab export: one problem,
                   one line, rather than every column reported missing */
                int semi = strchr(t->cols[0], ';') != NULL;
                diag_error(d, "%s:%ld: field 'header': the columns are separated by %s "
                           "(expected commas: save the file as \"CSV UTF-8 (comma "
                           "delimited)\")", display, rline, semi ? "semicolons" : "tabs");
                free(t->cols[0]);
                t->ncols = 0;
                bad = 1;
                t->broken = 1;
                break;
            }
            continue;
        }
        if (rec_blank(&R, 0))
            continue;
        int rowbad = 0;
        for (int k = 0; k < R.n; k++) {
            if (R.flag[k] & F_TOOLONG) {
                diag_error(d, "%s:%ld: field '%s': the value is longer than %ld bytes "
                           "(expected at most %ld)", display, R.line[k],
                           col_name(t, k, buf, sizeof buf), CSV_MAX_FIELD, CSV_MAX_FIELD);
                rowbad = 1;
            }
            if (R.flag[k] & F_AFTERQUOTE) {
                diag_error(d, "%s:%ld: field '%s': text after the closing quote (expected a "
                           "comma or the end of the line right after a closing \")", display,
                           R.line[k], col_name(t, k, buf, sizeof buf));
                rowbad = 1;
            }
        }
        if (R.n > t->ncols && !rec_blank(&R, t->ncols)) {
            int n = R.n;
            while (n > t->ncols && !*trim(rec_field(&R, n - 1)))
                n--; /* trailing empty cells do not count */
            diag_error(d, "%s:%ld: field '%s': the row has %d values but the header has %d "
                       "columns (expected %d values: is there a comma too many, or a value "
                       "that needs \"quotes\"?)", display, rline,
                       col_name(t, t->ncols, buf, sizeof buf), n, t->ncols, t->ncols);
            rowbad = 1;
        }
        if (rowbad) {
            /* the row is left out; ids it would define are not reported as unknown */
            bad = 1;
            t->broken = 1;
            continue;
        }
        if (t->nrows >= CSV_MAX_ROWS) {
            diag_error(d, "%s:%ld: field 'row': more than %d rows (expected at most %d rows in "
                       "one file)", display, rline, CSV_MAX_ROWS, CSV_MAX_ROWS);
            bad = 1;
            t->broken = 1;
            /* the file is refused whole: its rows are not checked one by one */
            t->nrows = 0;
            break;
        }
        int r = table_add_row(t, rline);
        int n = R.n < t->ncols ? R.n : t->ncols;
        for (int k = 0; k < n; k++) {
            char *v = trim(rec_field(&R, k));
            if (*v)
                t->cells[(size_t)r * (size_t)t->ncols + (size_t)k] =
                    arena_strndup(t, v, strlen(v));
        }
    }
    rec_free(&R);
    return bad ? -1 : 0;
}

int csv_read_file(const char *path, const char *display, table *t, cohort_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT) {
            t->present = 0;
            return 0;
        }
        diag_error(d, "%s:1: field 'file': cannot be read: %s (expected a readable file)",
                   display, strerror(errno));
        t->present = 1;
        t->broken = 1;
        return -1;
    }
    struct stat st = {0};
    int rc = -1;
    sbuf b;
    sb_init(&b);
    t->present = 1;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        diag_error(d, "%s:1: field 'file': is a folder (expected a CSV file)", display);
        goto done;
    }
    if (st.st_size > CSV_MAX_FILE) { /* known before reading a byte */
        diag_error(d, "%s:1: field 'file': the file is larger than %ld MiB (expected a "
                   "smaller file)", display, CSV_MAX_FILE >> 20);
        goto done;
    }
    char piece[65536];
    size_t n;
    while ((n = fread(piece, 1, sizeof piece, f)) > 0) {
        if (b.len + n > (size_t)CSV_MAX_FILE) {
            diag_error(d, "%s:1: field 'file': the file is larger than %ld MiB (expected a "
                       "smaller file)", display, CSV_MAX_FILE >> 20);
            goto done;
        }
        sb_putn(&b, piece, n);
    }
    if (ferror(f)) {
        diag_error(d, "%s:1: field 'file': read error (expected a readable file)", display);
        goto done;
    }
    rc = csv_parse(b.s ? b.s : "", b.len, display, t, d);
done:
    if (rc < 0 && t->ncols == 0)
        t->broken = 1;
    fclose(f);
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
