/* test_e2e_export.c - `cohort export-model` round-trips: the .lp and .mps
 * files, in the engine's form and with --plain (CONTRACT.md section 2 as
 * written), read back by GLPK, hold the engine's cohort as a feasible
 * solution and have the engine's optimum as their own: an exact MIP solve
 * of the re-read file reaches the same objective value, and the same
 * number of staffed challenges and members. A file written by another
 * program (CBC reads the same formats) thus sees the engine's problem. */
#define _GNU_SOURCE
#include "testutil.h"

#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column names carry ids with every character but [A-Za-z0-9_] made '_'. */
static void sanitize(char *dst, size_t n, const char *src)
{
    size_t k = 0;
    for (; *src && k + 1 < n; src++) {
        unsigned char c = (unsigned char)*src;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        dst[k++] = ok || c == '_' ? (char)c : '_';
    }
    dst[k] = '\0';
}

/* Sets each column to 1 when it is a y of a staffed challenge or an x of an
 * assigned pair of cohort.json (names x<k>_<candidate>_<challenge>,
 * y<h>_<challenge>), else 0; returns the objective value of that point, and
 * in *feasible whether every row holds it. */
static double eval_cohort(glp_prob *lp, const cJSON *cohort, int *feasible)
{
    int n = glp_get_num_cols(lp), m = glp_get_num_rows(lp);
    double *val = calloc((size_t)n + 1, sizeof *val);
    const cJSON *team, *member;
    int members = 0, teams = 0;
    cJSON_ArrayForEach(team, cJSON_GetObjectItem(cohort, "teams"))
    {
        char chal[128], cand[128];
        sanitize(chal, sizeof chal,
                 cJSON_GetStringValue(cJSON_GetObjectItem(team, "challenge")));
        char ys[200];
        snprintf(ys, sizeof ys, "_%s", chal);
        for (int j = 1; j <= n; j++) {
            const char *name = glp_get_col_name(lp, j);
            if (name[0] == 'y' && !strcmp(strchr(name, '_'), ys))
                val[j] = 1, teams++;
        }
        cJSON_ArrayForEach(member, cJSON_GetObjectItem(team, "members"))
        {
            sanitize(cand, sizeof cand,
                     cJSON_GetStringValue(cJSON_GetObjectItem(member, "candidate")));
            char xs[300];
            snprintf(xs, sizeof xs, "_%s_%s", cand, chal);
            for (int j = 1; j <= n; j++) {
                const char *name = glp_get_col_name(lp, j);
                if (name[0] == 'x' && !strcmp(strchr(name, '_'), xs))
                    val[j] = 1, members++;
            }
        }
    }
    CU_ASSERT(teams > 0 && members > 0);
    /* GLPK's LP format writes a ranged row as an equality with a slack column
       ~r_<row> of bounds [0, range]: give each slack the value that makes its
       row hold, its bounds are checked below */
    int *ind = malloc(sizeof *ind * ((size_t)n + 1));
    double *coef = malloc(sizeof *coef * ((size_t)n + 1));
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_name(lp, j)[0] != '~')
            continue;
        for (int i = 1; i <= m; i++) {
            int len = glp_get_mat_row(lp, i, ind, coef), at = 0;
            double act = 0;
            for (int q = 1; q <= len; q++)
                if (ind[q] == j)
                    at = q;
                else
                    act += coef[q] * val[ind[q]];
            if (at)
                val[j] = (glp_get_row_lb(lp, i) - act) / coef[at];
        }
    }
    double obj = glp_get_obj_coef(lp, 0);
    for (int j = 1; j <= n; j++)
        obj += glp_get_obj_coef(lp, j) * val[j];
    *feasible = 1;
    for (int i = 1; i <= m; i++) {
        int len = glp_get_mat_row(lp, i, ind, coef);
        double act = 0;
        for (int q = 1; q <= len; q++)
            act += coef[q] * val[ind[q]];
        int t = glp_get_row_type(lp, i);
        double lo = glp_get_row_lb(lp, i), hi = glp_get_row_ub(lp, i);
        if (((t == GLP_LO || t == GLP_DB || t == GLP_FX) && act < lo - 1e-6) ||
            ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && act > hi + 1e-6)) {
            printf("\n    row %s violated by the engine's cohort: %g not in [%g, %g]",
                   glp_get_row_name(lp, i), act, lo, hi);
            *feasible = 0;
        }
    }
    for (int j = 1; j <= n; j++) {
        int t = glp_get_col_type(lp, j);
        if (((t == GLP_FX || t == GLP_UP || t == GLP_DB) && val[j] > glp_get_col_ub(lp, j) + 1e-9) ||
            ((t == GLP_FX || t == GLP_LO || t == GLP_DB) && val[j] < glp_get_col_lb(lp, j) - 1e-9)) {
            printf("\n    column %s out of its bounds: %g", glp_get_col_name(lp, j), val[j]);
            *feasible = 0;
        }
    }
    free(ind);
    free(coef);
    free(val);
    return obj;
}

/* Sum of the MIP values of the columns whose name starts with c. */
static double sum_cols(glp_prob *lp, char c)
{
    double s = 0;
    for (int j = 1; j <= glp_get_num_cols(lp); j++) {
        const char *name = glp_get_col_name(lp, j);
        if (name && name[0] == c)
            s += glp_mip_col_val(lp, j);
    }
    return s;
}

static void check_file(const char *file, int mps, const cJSON *cohort, int mip)
{
    const cJSON *objective = cJSON_GetObjectItem(cohort, "objective");
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    int rc = mps ? glp_read_mps(lp, GLP_MPS_FILE, NULL, file) : glp_read_lp(lp, NULL, file);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    /* .lp maximises the objective, .mps minimises its negation */
    CU_ASSERT_EQUAL(glp_get_obj_dir(lp), mps ? GLP_MIN : GLP_MAX);
    double sign = mps ? -1 : 1;
    int feasible;
    double engine = sign * eval_cohort(lp, cohort, &feasible);
    CU_ASSERT(feasible);
    /* the relaxation bounds the engine's optimum from above */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    CU_ASSERT_EQUAL_FATAL(glp_simplex(lp, &sp), 0);
    CU_ASSERT(sign * glp_get_obj_val(lp) >= engine - 0.5);
    if (!mip) {
        printf("\n    %s: engine %.0f, relaxation %.0f", strrchr(file, '/') + 1, engine,
               sign * glp_get_obj_val(lp));
        glp_delete_prob(lp);
        return;
    }
    glp_iocp p;
    glp_init_iocp(&p);
    p.presolve = GLP_ON;
    p.gmi_cuts = GLP_ON;
    p.mir_cuts = GLP_ON;
    p.cov_cuts = GLP_ON;
    p.clq_cuts = GLP_ON;
    p.tm_lim = 120000;
    p.msg_lev = GLP_MSG_OFF;
    CU_ASSERT_EQUAL_FATAL(glp_intopt(lp, &p), 0);
    CU_ASSERT_EQUAL_FATAL(glp_mip_status(lp), GLP_OPT);
    double got = sign * glp_mip_obj_val(lp);
    printf("\n    %s: engine %.0f, GLPK on the file %.0f", strrchr(file, '/') + 1, engine, got);
    /* weights are integers below 2^53: objective values are exact */
    CU_ASSERT_DOUBLE_EQUAL(got, engine, 0.5);
    const cJSON *st = cJSON_GetObjectItem(objective, "staffed"),
                *fi = cJSON_GetObjectItem(objective, "filled");
    if (st)
        CU_ASSERT_DOUBLE_EQUAL(sum_cols(lp, 'y'), st->valuedouble, 1e-6);
    if (fi)
        CU_ASSERT_DOUBLE_EQUAL(sum_cols(lp, 'x'), fi->valuedouble, 1e-6);
    glp_delete_prob(lp);
}

/* mip: also solve each file exactly with GLPK (small scenarios only: GLPK
 * alone takes minutes on the one weighted objective of a real promotion,
 * which is why the engine solves level by level). */
static void check_scenario(const char *scenario, int mip)
{
    char *tmp = make_temp_dir("export");
    char *out = path_join(tmp, "out");
    const char *solve[] = {"solve", scenario, "--out", out, "--quiet", NULL};
    CU_ASSERT_EQUAL_FATAL(run_cohort(solve, NULL), 0);
    char *cjp = path_join(out, "cohort.json");
    cJSON *cj = read_json(cjp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cj);
    static const char *const files[] = {"m.lp", "m.mps", "plain.lp", "plain.mps"};
    for (int f = 0; f < 4; f++) {
        char *file = path_join(tmp, files[f]);
        const char *args[] = {"export-model", scenario, file, f >= 2 ? "--plain" : NULL, NULL};
        CU_ASSERT_EQUAL_FATAL(run_cohort(args, NULL), 0);
        check_file(file, f % 2, cj, mip);
        free(file);
    }
    cJSON_Delete(cj);
    free(cjp);
    free(out);
    remove_tree(tmp);
    free(tmp);
}

static void test_rule_cases(void)
{
    static const char *const cases[] = {
        "c1-one-challenge-each", "c3-team-size",   "c4-needs",         "c5-pluridisciplinary-3",
        "c6-must-staff",         "c7-cohort-size", "c8-quota-share",   "c9-diversity-min",
        "c10-envelope",          "c11-host-budget", "covered-months",  "obj-filled-first",
        "obj-rank-weights",      "self-financed",  "unlisted-rank",    "messy-input",
        NULL};
    for (const char *const *c = cases; *c; c++) {
        char *p = path_join(TESTS_DIR "/e2e/solve", *c);
        check_scenario(p, 1);
        free(p);
    }
}

static void test_example(void)
{
    check_scenario(SOURCE_DIR "/data/eig5", 0);
}

static void test_usage(void)
{
    char *tmp = make_temp_dir("export");
    char *file = path_join(tmp, "m.txt");
    char *err = NULL;
    const char *args[] = {"export-model", SOURCE_DIR "/data/eig5", file, NULL};
    CU_ASSERT_EQUAL(run_cohort(args, &err), 2);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "expected a file name ending in .lp or .mps"));
    free(err);
    err = NULL;
    const char *bad[] = {"export-model", SOURCE_DIR "/data/eig5", file, "--simple", NULL};
    CU_ASSERT_EQUAL(run_cohort(bad, &err), 2);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "unknown option '--simple'"));
    free(err);
    CU_ASSERT_EQUAL(dir_count(tmp), 0);
    remove_tree(tmp);
    free(tmp);
    free(file);
}

/* Weights of 1,000,000 on ranks near 1,000,000: the solve proves each level
   in turn, but one weighted objective for all three would pass 2^53, where
   a double no longer holds every integer (the file once held a staffed
   weight smaller than 44 members' rank costs): refused, nothing written. */
static void test_weights_past_2_53(void)
{
    char *tmp = make_temp_dir("export-weights");
    char *file = path_join(tmp, "m.lp");
    char *err = NULL;
    const char *args[] = {"export-model", SOURCE_DIR "/tests/e2e/solve/obj-weights-past-export",
                          file, NULL};
    CU_ASSERT_EQUAL(run_cohort(args, &err), 2);
    CU_ASSERT_PTR_NOT_NULL(err && strstr(err, "would pass 2^53"));
    free(err);
    CU_ASSERT_EQUAL(dir_count(tmp), 0);
    remove_tree(tmp);
    free(tmp);
    free(file);
}

int main(void)
{
    static const test_case cases[] = {{"rule cases: exports round-trip", test_rule_cases},
                                      {"example promotion: exports round-trip", test_example},
                                      {"bad file name or option", test_usage},
                                      {"weights past 2^53: refused", test_weights_past_2_53},
                                      {NULL, NULL}};
    return run_suite("export-model", cases);
}
