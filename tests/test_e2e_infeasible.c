/* test_e2e_infeasible.c - runs the real `cohort solve` on every infeasible
 * scenario under tests/e2e/infeasible/ and compares with its expect.json:
 * exit status 1, cohort.json status "infeasible", and exactly the expected
 * conflicts (rule, subject, relax_by, unit, message, in order), each also
 * printed on stderr as "conflict: MESSAGE". A second run must write the
 * same bytes. */
#define _GNU_SOURCE
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    return cJSON_IsString(v) ? v->valuestring : "(none)";
}

static void check_case(const char *dir, const char *name, int *kinds)
{
    char *ep = path_join(dir, "expect.json");
    cJSON *ex = read_json(ep);
    free(ep);
    EXPECT(ex != NULL, "expect.json unreadable");
    if (!ex)
        return;
    char *tmp = make_temp_dir("infeasible");
    char *out1 = path_join(tmp, "out1"), *out2 = path_join(tmp, "out2");
    const char *args1[] = {"solve", dir, "--out", out1, "--quiet", NULL};
    const char *args2[] = {"solve", dir, "--out", out2, "--quiet", NULL};
    char *err = NULL;
    int rc = run_cohort(args1, &err);
    int want_exit = cJSON_GetObjectItem(ex, "exit")->valueint;
    EXPECT(rc == want_exit, "exit %d, expected %d; stderr: %s", rc, want_exit, err ? err : "");
    char *cj = path_join(out1, "cohort.json");
    cJSON *got = read_json(cj);
    free(cj);
    EXPECT(got != NULL, "no readable cohort.json");
    if (got) {
        EXPECT(!strcmp(str_of(got, "status"), "infeasible"), "status %s, expected infeasible",
               str_of(got, "status"));
        const cJSON *gc = cJSON_GetObjectItem(got, "conflicts");
        const cJSON *wc = cJSON_GetObjectItem(ex, "conflicts");
        EXPECT(cJSON_GetArraySize(gc) == cJSON_GetArraySize(wc), "%d conflicts, expected %d",
               cJSON_GetArraySize(gc), cJSON_GetArraySize(wc));
        int n = cJSON_GetArraySize(wc);
        for (int k = 0; k < n && k < cJSON_GetArraySize(gc); k++) {
            const cJSON *w = cJSON_GetArrayItem(wc, k), *g = cJSON_GetArrayItem(gc, k);
            static const char *const keys[] = {"rule", "subject", "unit", "message"};
            for (int q = 0; q < 4; q++)
                EXPECT(!strcmp(str_of(w, keys[q]), str_of(g, keys[q])),
                       "conflict %d %s = \"%s\", expected \"%s\"", k, keys[q],
                       str_of(g, keys[q]), str_of(w, keys[q]));
            const cJSON *wr = cJSON_GetObjectItem(w, "relax_by");
            const cJSON *gr = cJSON_GetObjectItem(g, "relax_by");
            EXPECT(cJSON_IsNumber(gr) && wr && gr->valuedouble == wr->valuedouble,
                   "conflict %d relax_by = %g, expected %g", k, gr ? gr->valuedouble : -1,
                   wr ? wr->valuedouble : -1);
            /* the same words on stderr, one line each */
            char line[1200];
            snprintf(line, sizeof line, "conflict: %s\n", str_of(w, "message"));
            EXPECT(err && strstr(err, line), "stderr lacks \"%.*s\"", (int)strlen(line) - 1,
                   line);
            const char *rule = str_of(w, "rule");
            int r = rule[0] == 'C' ? atoi(rule + 1) : 0;
            if (r >= 1 && r <= 11)
                kinds[r] = 1;
        }
        cJSON_Delete(got);
    }
    free(err);
    rc = run_cohort(args2, NULL);
    static const char *const files[] = {"cohort.json", "cohort.csv", "finance.csv", "report.html"};
    for (int f = 0; f < 4; f++) {
        char *a = path_join(out1, files[f]), *b = path_join(out2, files[f]);
        size_t la = 0, lb = 0;
        char *ta = read_file(a, &la), *tb = read_file(b, &lb);
        EXPECT(ta && tb && la == lb && !memcmp(ta, tb, la), "%s differs between two runs",
               files[f]);
        free(ta);
        free(tb);
        free(a);
        free(b);
    }
    remove_tree(tmp);
    free(tmp);
    free(out1);
    free(out2);
    cJSON_Delete(ex);
}

static void test_all_cases(void)
{
    char *root = path_join(TESTS_DIR, "e2e/infeasible");
    char *names[256];
    int n = test_list_dir(root, names, 256, 0);
    CU_ASSERT_FATAL(n >= 0);
    int kinds[12] = {0}, cases = 0;
    for (int k = 0; k < n; k++) {
        char *dir = path_join(root, names[k]);
        int before = test_failures;
        printf("\n  case %s", names[k]);
        check_case(dir, names[k], kinds);
        if (test_failures == before)
            printf(" ok");
        cases++;
        free(dir);
        free(names[k]);
    }
    free(root);
    int nkinds = 0;
    for (int r = 6; r <= 11; r++)
        nkinds += kinds[r];
    printf("\n  %d cases, rules C6..C11 covered: %d, %d failed checks\n", cases, nkinds,
           test_failures);
    CU_ASSERT(cases >= 7);
    CU_ASSERT_EQUAL(nkinds, 6); /* every relaxable rule appears in some conflict */
    CU_ASSERT_EQUAL(test_failures, 0);
}

int main(void)
{
    static const test_case cases[] = {{"infeasible scenarios", test_all_cases}, {NULL, NULL}};
    return run_suite("e2e infeasible", cases);
}
