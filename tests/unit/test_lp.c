/* test_lp.c - lp.c: lp_scale_auto sets exactly the scale factors of
 * glp_scale_prob(lp, GLP_SF_AUTO), on random sparse matrices (wide ranges,
 * empty rows and columns, well-scaled ones that are left alone) and on the
 * cohort models of real scenario folders, both forms. */
#include "internal.h"
#include "lp.h"
#include "model.h"
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

/* how many factors differ between lp (scaled by lp_scale_auto) and GLPK's
   own scaling of a copy */
static int mismatches(glp_prob *lp)
{
    glp_prob *ref = glp_create_prob();
    glp_copy_prob(ref, lp, GLP_OFF);
    glp_scale_prob(ref, GLP_SF_AUTO);
    int bad = 0;
    for (int i = 1; i <= glp_get_num_rows(lp); i++)
        bad += glp_get_rii(lp, i) != glp_get_rii(ref, i);
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        bad += glp_get_sjj(lp, j) != glp_get_sjj(ref, j);
    glp_delete_prob(ref);
    return bad;
}

static unsigned rnd_state = 12345u;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) & 0xffffffu;
}

static void test_random_matrices(void)
{
    glp_term_out(GLP_OFF);
    int scaled = 0, left = 0;
    for (int trial = 0; trial < 300; trial++) {
        int m = 1 + (int)(rnd() % 40), n = 1 + (int)(rnd() % 60);
        int cap = m * n + 1, ne = 0;
        int *ia = malloc(sizeof *ia * (size_t)(cap + 1)), *ja = malloc(sizeof *ja * (size_t)(cap + 1));
        double *ar = malloc(sizeof *ar * (size_t)(cap + 1));
        int density = 1 + (int)(rnd() % 100), kind = (int)(rnd() % 4);
        for (int i = 1; i <= m; i++)
            for (int j = 1; j <= n; j++) {
                if ((int)(rnd() % 100) >= density)
                    continue;
                double v;
                if (kind == 0) /* well scaled: left alone */
                    v = 0.5 + (double)(rnd() % 1000) / 200.0;
                else if (kind == 1) /* 0/1 rows beside money rows in cents */
                    v = rnd() % 5 ? 1.0 : (double)(rnd() % 4000000 + 1);
                else /* magnitudes from 1e-4 to 1e6, both signs */
                    v = (double)(rnd() % 1000 + 1) * (kind == 2 ? 1e-4 : 1.0) *
                        (double)(1u << (rnd() % 10));
                ne++;
                ia[ne] = i;
                ja[ne] = j;
                ar[ne] = rnd() % 2 ? v : -v;
            }
        glp_prob *lp = glp_create_prob();
        glp_add_rows(lp, m);
        glp_add_cols(lp, n);
        if (ne)
            glp_load_matrix(lp, ne, ia, ja, ar);
        lp_scale_auto(lp, ne, ia, ja, ar);
        int any = 0;
        for (int i = 1; i <= m; i++)
            any |= glp_get_rii(lp, i) != 1.0;
        scaled += any;
        left += !any;
        CU_ASSERT_EQUAL(mismatches(lp), 0);
        glp_delete_prob(lp);
        free(ia);
        free(ja);
        free(ar);
    }
    /* both branches were taken */
    CU_ASSERT(scaled > 50);
    CU_ASSERT(left > 50);
}

static void check_folder(const char *rel, int money_rows)
{
    char *dir = path_join(SOURCE_DIR, rel);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    CU_ASSERT_EQUAL_FATAL(cohort_scenario_load(dir, &s, &d), COHORT_OK);
    for (int plain = 0; plain < 2; plain++) {
        model_opts mo = {0, 1, plain};
        model *m = model_build(s, &mo);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        /* with money rows in cents beside 0/1 rows, the plain form is really
           scaled (in gcd units small cases are well scaled already) */
        int scaled = 0;
        for (int i = 1; i <= glp_get_num_rows(m->lp); i++)
            scaled |= glp_get_rii(m->lp, i) != 1.0;
        if (plain && money_rows)
            CU_ASSERT(scaled);
        CU_ASSERT_EQUAL(mismatches(m->lp), 0);
        model_free(m);
    }
    cohort_scenario_free(s);
    cohort_diag_clear(&d);
    free(dir);
}

static void test_scenario_models(void)
{
    glp_term_out(GLP_OFF);
    check_folder("data/eig5", 1);
    check_folder("tests/e2e/solve/c10-envelope", 1);
    check_folder("tests/e2e/solve/c11-host-budget", 1);
    check_folder("tests/e2e/solve/c5-pluridisciplinary-3", 0);
}

int main(void)
{
    static const test_case cases[] = {{"scaling = GLPK's, random matrices", test_random_matrices},
                                      {"scaling = GLPK's, cohort models", test_scenario_models},
                                      {NULL, NULL}};
    return run_suite("lp", cases);
}
