/* test_e2e_bad.c - runs the real `cohort solve` on every malformed scenario
 * under tests/e2e/bad/ and checks, against its expect.json:
 *  - the exit status (2);
 *  - stderr, line for line ("{S}" in an expected line stands for the
 *    scenario path given on the command line), every line in the form
 *    FILE:LINE: field 'NAME': what is wrong (what was expected);
 *  - that nothing was written: with --out naming (a) a folder that does not
 *    exist, (b) one whose parents do not exist either, (c) an existing
 *    folder holding a sentinel file and an older cohort.json. Afterwards
 *    (a) and (b) still do not exist, (c) has the same entries and bytes, and
 *    the folders around them hold nothing new (no temporary folder left).
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>



/* Appends "name\n<bytes>\n" for every entry under dir, sorted, recursively:
 * two snapshots are equal when nothing was created, removed or changed. */
static void snapshot(const char *dir, char **buf, size_t *len)
{
    char *names[512];
    int n = test_list_dir(dir, names, 512, 1);
    if (n < 0)
        return;
    for (int k = 0; k < n; k++) {
        char *p = path_join(dir, names[k]);
        size_t flen = 0;
        struct stat st;
        char *text = NULL;
        if (stat(p, &st) == 0 && !S_ISDIR(st.st_mode))
            text = read_file(p, &flen);
        size_t add = strlen(p) + flen + 4;
        *buf = realloc(*buf, *len + add + 1);
        *len += (size_t)sprintf(*buf + *len, "%s\n", p);
        if (text) {
            memcpy(*buf + *len, text, flen);
            *len += flen;
        }
        (*buf)[(*len)++] = '\n';
        (*buf)[*len] = '\0';
        free(text);
        if (S_ISDIR(st.st_mode))
            snapshot(p, buf, len);
        free(p);
        free(names[k]);
    }
}

static char *snap(const char *dir, size_t *len)
{
    char *b = calloc(1, 1);
    *len = 0;
    snapshot(dir, &b, len);
    return b;
}

static char *replace_s(const char *line, const char *s)
{
    const char *at = strstr(line, "{S}");
    if (!at)
        return strdup(line);
    size_t n = strlen(line) + strlen(s);
    char *out = malloc(n + 1);
    snprintf(out, n + 1, "%.*s%s%s", (int)(at - line), line, s, at + 3);
    return out;
}

/* Runs one case with --out OUT and compares exit status and stderr. */
static void run_once(const char *name, const char *input, const char *out, const cJSON *ex,
                     regex_t *form)
{
    const char *args[] = {"solve", input, "--out", out, "--quiet", NULL};
    char *err = NULL;
    int rc = run_cohort(args, &err);
    int want = cJSON_GetObjectItem(ex, "exit")->valueint;
    EXPECT(rc == want, "exit %d, expected %d", rc, want);
    const cJSON *lines = cJSON_GetObjectItem(ex, "stderr"), *l;
    /* split stderr into lines */
    char *save = NULL, *copy = strdup(err ? err : "");
    int k = 0, nexp = cJSON_GetArraySize(lines);
    for (char *tok = strtok_r(copy, "\n", &save); tok; tok = strtok_r(NULL, "\n", &save), k++) {
        l = cJSON_GetArrayItem(lines, k);
        char *want_line = l ? replace_s(l->valuestring, input) : strdup("(no more lines)");
        EXPECT(!strcmp(tok, want_line), "stderr line %d:\n    got      %s\n    expected %s", k + 1,
               tok, want_line);
        free(want_line);
        int capped = !strncmp(tok, "... and ", 8);
        EXPECT(capped || regexec(form, tok, 0, NULL, 0) == 0,
               "stderr line %d is not FILE:LINE: field 'NAME': what (expected): %s", k + 1, tok);
    }
    EXPECT(k == nexp, "%d stderr lines, expected %d", k, nexp);
    free(copy);
    free(err);
}

static void check_case(const char *dir, const char *name, regex_t *form)
{
    char *ep = path_join(dir, "expect.json");
    cJSON *ex = read_json(ep);
    free(ep);
    EXPECT(ex != NULL, "expect.json unreadable");
    if (!ex)
        return;
    const cJSON *inp = cJSON_GetObjectItem(ex, "input");
    char *input = cJSON_IsString(inp) ? path_join(dir, inp->valuestring) : strdup(dir);
    size_t before_len, after_len;

    /* (a) an output folder that does not exist yet */
    char *tmp = make_temp_dir("bad");
    char *out = path_join(tmp, "out");
    run_once(name, input, out, ex, form);
    EXPECT(!dir_exists(out), "(a) %s was created", out);
    EXPECT(dir_count(tmp) == 0, "(a) %d entries left beside the output folder", dir_count(tmp));

    /* (b) nor do its parents */
    char *deep = path_join(tmp, "a/b/out");
    run_once(name, input, deep, ex, form);
    EXPECT(dir_count(tmp) == 0, "(b) parent folders of the output were created");

    /* (c) an existing folder with a sentinel and an older cohort.json */
    char *existing = path_join(tmp, "existing");
    mkdir(existing, 0777);
    char *sentinel = path_join(existing, "keep-me.txt");
    char *older = path_join(existing, "cohort.json");
    write_file(sentinel, "sentinel: must survive a failed run\n");
    write_file(older, "{\"status\": \"optimal\", \"note\": \"an earlier run\"}\n");
    char *before = snap(tmp, &before_len);
    run_once(name, input, existing, ex, form);
    char *after = snap(tmp, &after_len);
    EXPECT(before_len == after_len && !memcmp(before, after, before_len),
           "(c) the existing output folder or its surroundings changed");
    free(before);
    free(after);

    remove_tree(tmp);
    free(sentinel);
    free(older);
    free(existing);
    free(deep);
    free(out);
    free(tmp);
    free(input);
    cJSON_Delete(ex);
}

static void test_all_cases(void)
{
    regex_t form;
    /* FILE:LINE: field 'NAME': what is wrong (what was expected) */
    CU_ASSERT_FATAL(regcomp(&form, "^[^ ]+:[0-9]+: field '[^']+': .+ \\(.+\\)$",
                            REG_EXTENDED | REG_NOSUB) == 0);
    char *root = path_join(TESTS_DIR, "e2e/bad");
    char *names[512];
    int n = test_list_dir(root, names, 512, 0);
    CU_ASSERT_FATAL(n >= 0);
    for (int k = 0; k < n; k++) {
        char *dir = path_join(root, names[k]);
        int before = test_failures;
        printf("\n  case %s", names[k]);
        check_case(dir, names[k], &form);
        if (test_failures == before)
            printf(" ok");
        free(dir);
        free(names[k]);
    }
    free(root);
    regfree(&form);
    printf("\n  %d malformed scenarios, %d failed checks\n", n, test_failures);
    CU_ASSERT(n >= 30);
    CU_ASSERT_EQUAL(test_failures, 0);
}

int main(void)
{
    static const test_case cases[] = {{"malformed scenarios", test_all_cases}, {NULL, NULL}};
    return run_suite("e2e bad input", cases);
}
