/* test_csv.c - unit tests of csv.c: what a spreadsheet can produce is read
 * exactly, with true line numbers; each malformed input gives its message
 * and leaves the rest of the file readable; the writer quotes and
 * neutralises formulas. */
#include "internal.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static int parse(const char *text, size_t len, table *t, cohort_diag *d)
{
    table_init(t, "f.csv");
    cohort_diag_init(d);
    return csv_parse(text, len, "f.csv", t, d);
}

static void done(table *t, cohort_diag *d)
{
    table_free(t);
    cohort_diag_clear(d);
}

static const char *cell(const table *t, int r, const char *col)
{
    const char *v = table_cell(t, r, table_col(t, col));
    return v ? v : "(absent)";
}

static void test_bom_crlf_quotes(void)
{
    const char text[] = "\xEF\xBB\xBFid,name,note\r\n"
                        "A1,\"Dupont, Jean\",\"He said \"\"hi\"\"\"\r\n"
                        "\r\n"
                        "A2,\"two\r\nlines\",  padded  \r\n"
                        "A3,,\r\n";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), 0);
    CU_ASSERT_EQUAL(d.nerrors, 0);
    CU_ASSERT_EQUAL(t.ncols, 3);
    CU_ASSERT_STRING_EQUAL(t.cols[0], "id"); /* the BOM is not part of the name */
    CU_ASSERT_EQUAL(t.nrows, 3);
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "name"), "Dupont, Jean");
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "note"), "He said \"hi\"");
    CU_ASSERT_STRING_EQUAL(cell(&t, 1, "name"), "two\r\nlines");
    CU_ASSERT_STRING_EQUAL(cell(&t, 1, "note"), "padded");
    CU_ASSERT_STRING_EQUAL(cell(&t, 2, "name"), "(absent)"); /* empty cell = absent */
    CU_ASSERT_EQUAL(t.lines[0], 2);
    CU_ASSERT_EQUAL(t.lines[1], 4); /* the blank line 3 counts */
    CU_ASSERT_EQUAL(t.lines[2], 6); /* the quoted line break counts */
    done(&t, &d);
}

static void test_lone_cr_and_trailing_cells(void)
{
    const char text[] = "a,b,c,\rx,y\r1,2,3,,,\r";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), 0);
    CU_ASSERT_EQUAL(t.ncols, 3); /* a trailing comma in the header adds no column */
    CU_ASSERT_EQUAL(t.nrows, 2);
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "b"), "y");
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "c"), "(absent)"); /* a short row */
    CU_ASSERT_STRING_EQUAL(cell(&t, 1, "c"), "3");        /* trailing empty cells */
    CU_ASSERT_EQUAL(t.lines[1], 3);
    done(&t, &d);
}

static void test_empty_and_blank(void)
{
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse("", 0, &t, &d), 0);
    CU_ASSERT(t.present);
    CU_ASSERT_EQUAL(t.ncols, 0); /* instance.c says "the file is empty" */
    done(&t, &d);
    CU_ASSERT_EQUAL(parse("\n \n\t\n", 5, &t, &d), 0);
    CU_ASSERT_EQUAL(t.ncols, 0);
    done(&t, &d);
    /* a file without a last line break */
    CU_ASSERT_EQUAL(parse("a,b\n1,2", 7, &t, &d), 0);
    CU_ASSERT_EQUAL(t.nrows, 1);
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "b"), "2");
    done(&t, &d);
}

static void test_unterminated_quote(void)
{
    const char text[] = "id,name\nA1,ok\nA2,\"never closed\nA3,lost\n";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:3: field 'name': the quoted value is never "
                                        "closed (expected a closing \" before the end of the "
                                        "file)");
    CU_ASSERT_EQUAL(t.nrows, 1); /* rows before it are kept */
    CU_ASSERT(t.broken);
    done(&t, &d);
}

static void test_bad_rows_dropped_others_kept(void)
{
    const char text[] = "id,name\n"
                        "A1,\"x\"y\n"
                        "A2,b,c\n"
                        "A3,fine\n"
                        "A4,trailing empties,,\n";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 2);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:2: field 'name': text after the closing quote "
                                        "(expected a comma or the end of the line right after "
                                        "a closing \")");
    CU_ASSERT_STRING_EQUAL(d.errors[1], "f.csv:3: field 'column 3': the row has 3 values but "
                                        "the header has 2 columns (expected 2 values: is there "
                                        "a comma too many, or a value that needs \"quotes\"?)");
    CU_ASSERT_EQUAL(t.nrows, 2);
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "id"), "A3");
    CU_ASSERT_STRING_EQUAL(cell(&t, 1, "name"), "trailing empties");
    CU_ASSERT(t.broken);
    done(&t, &d);
}

static void test_encoding(void)
{
    /* Latin-1 on three lines: one message, with the count */
    const char text[] = "id,name\nA1,Andr\xE9\nA2,ok\nA3,\xC9lise \xE9t\xE9\nA4,Fran\xE7ois\n";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:2: field 'name': invalid UTF-8 byte 0xE9, and 2 "
                                        "more lines like it (expected UTF-8 text: save the file "
                                        "as \"CSV UTF-8\")");
    CU_ASSERT_EQUAL(t.nrows, 4);
    CU_ASSERT(!t.broken); /* the ids are still read */
    done(&t, &d);
    /* an overlong encoding and a surrogate are not UTF-8 either */
    const char bad2[] = "id\n\xC0\xAF\n\xED\xA0\x80\n";
    CU_ASSERT_EQUAL(parse(bad2, sizeof bad2 - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.errors[0], "f.csv:2: field 'id': invalid UTF-8 byte 0xC0, "
                                               "and 1 more line like it"));
    done(&t, &d);
    /* in the header: nothing else is read */
    const char bad3[] = "id,n\xE9m\nA1,x,y,z\n";
    CU_ASSERT_EQUAL(parse(bad3, sizeof bad3 - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.errors[0], "f.csv:1: field 'column 2': invalid UTF-8"));
    done(&t, &d);
    /* a NUL byte: a binary file */
    const char bin[] = "PK\x03\x04\0\0\nx";
    CU_ASSERT_EQUAL(parse(bin, sizeof bin - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:1: field 'file': the file holds a NUL byte "
                                        "(expected UTF-8 text, not a binary file: save the "
                                        "spreadsheet as \"CSV UTF-8\")");
    done(&t, &d);
}

static void test_header_problems(void)
{
    table t;
    cohort_diag d;
    const char text[] = "id,,name,id\nA1,x,y,z\n";
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 2);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:1: field 'column 2': the column has no name "
                                        "(expected a name in the header line)");
    CU_ASSERT_STRING_EQUAL(d.errors[1], "f.csv:1: field 'id': the column appears twice in the "
                                        "header (expected each column once)");
    /* the values stay aligned with their columns */
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "name"), "y");
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "id"), "A1");
    done(&t, &d);
}

static void test_semicolons(void)
{
    const char text[] = "id;name;kind\nH1;A;state\n";
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, sizeof text - 1, &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:1: field 'header': the columns are separated by "
                                        "semicolons (expected commas: save the file as \"CSV "
                                        "UTF-8 (comma delimited)\")");
    CU_ASSERT_EQUAL(t.ncols, 0);
    CU_ASSERT(t.broken);
    done(&t, &d);
    /* one column with no separator at all is a valid (if odd) file */
    CU_ASSERT_EQUAL(parse("id\nA\n", 5, &t, &d), 0);
    CU_ASSERT_EQUAL(t.nrows, 1);
    done(&t, &d);
}

static void test_long_field(void)
{
    size_t n = 70000;
    char *text = malloc(n + 32);
    int k = sprintf(text, "id,name\nA1,");
    memset(text + k, 'x', n);
    strcpy(text + k + n, "\nA2,short\n");
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, strlen(text), &t, &d), -1);
    CU_ASSERT_EQUAL(d.nerrors, 1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "f.csv:2: field 'name': the value is longer than 65536 "
                                        "bytes (expected at most 65536)");
    CU_ASSERT_EQUAL(t.nrows, 1);
    CU_ASSERT_STRING_EQUAL(cell(&t, 0, "id"), "A2");
    done(&t, &d);
    free(text);
}

static void test_many_cells_and_set(void)
{
    /* enough cells to fill several arena chunks, and a large value */
    size_t cap = 1 << 20;
    char *text = malloc(cap);
    size_t len = (size_t)sprintf(text, "a,b\n");
    for (int r = 0; r < 20000; r++)
        len += (size_t)sprintf(text + len, "r%d,v%d\n", r, r * 7);
    table t;
    cohort_diag d;
    CU_ASSERT_EQUAL(parse(text, len, &t, &d), 0);
    CU_ASSERT_EQUAL(t.nrows, 20000);
    CU_ASSERT_STRING_EQUAL(cell(&t, 19999, "b"), "v139993");
    CU_ASSERT_EQUAL(t.lines[19999], 20001);
    char *big = malloc(30000);
    memset(big, 'z', 29999);
    big[29999] = '\0';
    table_set(&t, 5, 1, big);
    CU_ASSERT_STRING_EQUAL(cell(&t, 5, "b"), big);
    table_set(&t, 6, 1, NULL);
    CU_ASSERT_STRING_EQUAL(cell(&t, 6, "b"), "(absent)");
    CU_ASSERT_STRING_EQUAL(cell(&t, 7, "b"), "v49");
    CU_ASSERT_PTR_NULL(table_cell(&t, 20000, 0));
    CU_ASSERT_PTR_NULL(table_cell(&t, 0, 2));
    done(&t, &d);
    free(big);
    free(text);
}

static void test_read_file(void)
{
    char *dir = make_temp_dir("csv");
    char *p = path_join(dir, "x.csv");
    table t;
    cohort_diag d;
    table_init(&t, "x.csv");
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(csv_read_file(p, "x.csv", &t, &d), 0); /* missing: absent, no error */
    CU_ASSERT(!t.present);
    done(&t, &d);
    write_file(p, "id\nA1\n");
    table_init(&t, "x.csv");
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(csv_read_file(p, "x.csv", &t, &d), 0);
    CU_ASSERT_EQUAL(t.nrows, 1);
    done(&t, &d);
    table_init(&t, "x.csv");
    cohort_diag_init(&d);
    CU_ASSERT_EQUAL(csv_read_file(dir, "dir.csv", &t, &d), -1);
    CU_ASSERT_STRING_EQUAL(d.errors[0], "dir.csv:1: field 'file': is a folder (expected a CSV "
                                        "file)");
    done(&t, &d);
    remove_tree(dir);
    free(p);
    free(dir);
}

static void test_writer(void)
{
    sbuf b;
    sb_init(&b);
    csv_put_cell(&b, "plain", ',', 1);
    sb_putc(&b, '|');
    csv_put_cell(&b, "a,b", ',', 1);
    sb_putc(&b, '|');
    csv_put_cell(&b, "say \"hi\"", ',', 1);
    sb_putc(&b, '|');
    csv_put_cell(&b, "=SUM(A1)", ',', 1);
    sb_putc(&b, '|');
    csv_put_cell(&b, "-12.50", ',', 0); /* a number stays a number */
    sb_putc(&b, '|');
    csv_put_cell(&b, NULL, ',', 1);
    CU_ASSERT_STRING_EQUAL(b.s, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"'=SUM(A1)\"|-12.50|");
    sb_free(&b);
}

int main(void)
{
    static const test_case cases[] = {
        {"BOM, CRLF, quotes, line numbers", test_bom_crlf_quotes},
        {"lone CR, short rows, trailing cells", test_lone_cr_and_trailing_cells},
        {"empty and blank files", test_empty_and_blank},
        {"unterminated quote", test_unterminated_quote},
        {"bad rows left out, the others kept", test_bad_rows_dropped_others_kept},
        {"invalid UTF-8 and NUL bytes", test_encoding},
        {"header problems", test_header_problems},
        {"semicolon-separated", test_semicolons},
        {"a value over the limit", test_long_field},
        {"many cells, arena, table_set", test_many_cells_and_set},
        {"reading files", test_read_file},
        {"writing cells", test_writer},
        {NULL, NULL}};
    return run_suite("csv", cases);
}
