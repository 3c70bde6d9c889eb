/* test_e2e_gmpl.c - the readable model models/cohort.mod, fed with the data
 * of `cohort export-gmpl`, reaches the same optimum under glpsol as the
 * engine, level by level in the scenario's objective order. Skipped (with a
 * message) when glpsol is not installed. */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int have_glpsol(void)
{
    return system("command -v glpsol >/dev/null 2>&1") == 0;
}

/* Runs glpsol on the model with the data files; returns the value printed
 * for "LEVEL name" (rank_scaled for rank), or -1. */
static double glpsol_level(const char *dat, const char *extra, const char *name)
{
    char cmd[4096], want[64];
    snprintf(cmd, sizeof cmd, "timeout 120 glpsol -m %s/models/cohort.mod -d %s -d %s 2>&1",
             SOURCE_DIR, dat, extra);
    snprintf(want, sizeof want, "LEVEL %s ", strcmp(name, "rank") ? name : "rank_scaled");
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    char line[1024];
    double v = -1;
    while (fgets(line, sizeof line, p))
        if (!strncmp(line, want, strlen(want)))
            v = atof(line + strlen(want));
    pclose(p);
    return v;
}

static void check_scenario(const char *scenario)
{
    char *tmp = make_temp_dir("gmpl");
    char *out = path_join(tmp, "out"), *dat = path_join(tmp, "s.dat"),
         *extra = path_join(tmp, "level.dat");
    const char *solve[] = {"solve", scenario, "--out", out, "--quiet", NULL};
    CU_ASSERT_EQUAL(run_cohort(solve, NULL), 0);
    const char *exp[] = {"export-gmpl", scenario, dat, NULL};
    CU_ASSERT_EQUAL_FATAL(run_cohort(exp, NULL), 0);
    char *cjp = path_join(out, "cohort.json");
    cJSON *cj = read_json(cjp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cj);
    const cJSON *obj = cJSON_GetObjectItem(cj, "objective"), *lv;
    /* the rank level is compared scaled: with unit weights they are equal */
    char fixes[1024] = "";
    cJSON_ArrayForEach(lv, obj)
    {
        char text[1200];
        snprintf(text, sizeof text, "data;\nparam level := %s;\n%send;\n", lv->string, fixes);
        write_file(extra, text);
        double got = glpsol_level(dat, extra, lv->string);
        double want = lv->valuedouble;
        if (!strcmp(lv->string, "rank")) {
            /* rank_scaled / rank_scale = rank; recover the scale from the data file */
            char *d = read_file(dat, NULL);
            const char *rs = d ? strstr(d, "param rank_scale := ") : NULL;
            double scale = rs ? atof(rs + strlen("param rank_scale := ")) : 1;
            free(d);
            want *= scale;
        }
        printf("\n    %s: %s engine %.0f glpsol %.0f", scenario, lv->string, want, got);
        CU_ASSERT_DOUBLE_EQUAL(got, want, 1e-6);
        char add[160];
        snprintf(add, sizeof add, "param fix_%s := %.0f;\n", lv->string, want);
        strcat(fixes, add);
    }
    cJSON_Delete(cj);
    free(cjp);
    remove_tree(tmp);
    free(tmp);
    free(out);
    free(dat);
    free(extra);
}

static void test_example(void)
{
    if (!have_glpsol()) {
        printf("\n    SKIPPED: glpsol not installed (apt-get install glpk-utils)");
        return;
    }
    check_scenario(SOURCE_DIR "/data/eig5");
    check_scenario(SOURCE_DIR "/data/example.json");
}

static void test_rule_cases(void)
{
    if (!have_glpsol()) {
        printf("\n    SKIPPED: glpsol not installed (apt-get install glpk-utils)");
        return;
    }
    static const char *const cases[] = {"c4-needs", "c5-pluridisciplinary-3", "c8-quota-share",
                                        "c9-diversity-min", "c10-envelope", "c11-host-budget",
                                        "covered-months", "obj-filled-first", "obj-rank-weights",
                                        "messy-input", NULL};
    for (const char *const *c = cases; *c; c++) {
        char *p = path_join(TESTS_DIR "/e2e/solve", *c);
        check_scenario(p);
        free(p);
    }
}

int main(void)
{
    static const test_case cases[] = {{"example promotion: glpsol = engine", test_example},
                                      {"rule cases: glpsol = engine", test_rule_cases},
                                      {NULL, NULL}};
    return run_suite("gmpl model", cases);
}
