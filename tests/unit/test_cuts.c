/* test_cuts.c - cuts.c: the root cuts never cut off an integral point. On
 * random small MILPs (binary and general integer columns, sometimes a
 * continuous one; knapsack, covering and equality rows with integer
 * coefficients) every integral point is enumerated: after cuts_root(),
 * each feasible one must still satisfy every row (the cuts kept
 * included), and the LP bound must still be on the feasible side of the
 * integer optimum. The separator must also do something: on many of them
 * it has to lift the bound. */
#include "cuts.h"
#include "internal.h"
#include "random_milp.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned rnd_state = 2024u;

/* an accept() that removes the cuts, and counts its calls */
static int say_no(void *info, const cuts_stats *st)
{
    (void)st;
    ++*(int *)info;
    return 0;
}

/* a maximisation without a stop whose cuts say_no() removes */
static cuts_opts opts_say_no(int *asked)
{
    cuts_opts o = {.max_rounds = 50,
                   .max_iterations = 1000,
                   .maximise = 1,
                   .stop_at = -HUGE_VAL,
                   .accept = say_no,
                   .cb_info = asked};
    return o;
}

/* what milp_enumerate() visits: the best feasible value so far, and the
   cut rows (m + 1 and after) a feasible point breaks */
typedef struct seen {
    glp_prob *lp;
    int m, maximise;
    long feasible;
    double best;
    int violated_cuts;
} seen;

static void visit(const double *x, double z, void *info)
{
    seen *v = info;
    if (++v->feasible == 1 || (v->maximise ? z > v->best : z < v->best))
        v->best = z;
    for (int i = v->m + 1; i <= glp_get_num_rows(v->lp); i++)
        v->violated_cuts += !milp_row_holds(v->lp, i, x);
}

static void test_random_milps(void)
{
    glp_term_out(GLP_OFF);
    int trials = 0, lifted = 0, kept_cuts = 0, bad_bound = 0, bad_cut = 0;
    for (int trial = 0; trial < 600; trial++) {
        milp I;
        glp_prob *lp = milp_make(&I, &rnd_state, 1);
        int m0 = glp_get_num_rows(lp);
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT) {
            glp_delete_prob(lp);
            continue;
        }
        double z0 = glp_get_obj_val(lp);
        cuts_opts o = {.max_rounds = 20,
                       .max_iterations = 100000,
                       .maximise = I.maximise,
                       .stop_at = I.maximise ? -HUGE_VAL : HUGE_VAL};
        cuts_stats st;
        int kept = cuts_root(lp, &o, &st);
        CU_ASSERT_EQUAL(kept, glp_get_num_rows(lp) - m0);
        CU_ASSERT_EQUAL(glp_get_status(lp), GLP_OPT);
        double z1 = glp_get_obj_val(lp);
        seen v = {lp, m0, I.maximise, 0, 0, 0};
        long feasible = milp_enumerate(lp, &I, m0, visit, &v);
        double best = v.best;
        trials++;
        kept_cuts += kept;
        bad_cut += v.violated_cuts;
        if (feasible > 0) {
            double tol = 1e-6 * (1 + fabs(best));
            if (I.maximise ? z1 < best - tol : z1 > best + tol)
                bad_bound++;
            if (fabs(z1 - z0) > 1e-6)
                lifted++;
        }
        glp_delete_prob(lp);
    }
    printf("\n  %d MILPs, %d bounds lifted, %d cuts kept", trials, lifted, kept_cuts);
    CU_ASSERT(trials >= 500);
    CU_ASSERT_EQUAL(bad_cut, 0);
    CU_ASSERT_EQUAL(bad_bound, 0);
    /* the separator is not idle: a good share of these LPs gets tighter */
    CU_ASSERT(lifted >= trials / 10);
}

/* An LP whose optimum is integral has nothing to cut: no round, nothing
   added, the LP as it was. */
static void test_integral_lp(void)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    glp_add_cols(lp, 2);
    glp_add_rows(lp, 1);
    for (int j = 1; j <= 2; j++) {
        glp_set_col_kind(lp, j, GLP_BV);
        glp_set_obj_coef(lp, j, j);
    }
    int ind[] = {0, 1, 2};
    double val[] = {0, 1, 1};
    glp_set_mat_row(lp, 1, 2, ind, val);
    glp_set_row_bnds(lp, 1, GLP_UP, 0, 1);
    glp_set_obj_dir(lp, GLP_MAX);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    CU_ASSERT_EQUAL_FATAL(glp_simplex(lp, &sp), 0);
    int asked = 0;
    cuts_opts o = opts_say_no(&asked);
    cuts_stats st;
    CU_ASSERT_EQUAL(cuts_root(lp, &o, &st), 0);
    CU_ASSERT_EQUAL(asked, 0);
    CU_ASSERT_EQUAL(st.rounds, 0);
    CU_ASSERT_EQUAL(st.added, 0);
    CU_ASSERT_EQUAL(glp_get_num_rows(lp), 1);
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 2.0, 1e-12);
    glp_delete_prob(lp);
}

/* The classic: max x1 + x2 + x3 with pairwise x_i + x_j <= 1 has the LP
   optimum 1.5 (all at 0.5); every 0/1 point has at most 1. The cuts must
   bring the bound to 1 (x1 + x2 + x3 <= 1 is the MIR of a tableau row);
   a bound already past the stop needs none; and when the caller's
   accept() says no, they all go again. */
static void test_triangle(void)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = milp_triangle();
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.5, 1e-9);
    cuts_opts o = {.max_rounds = 50, .max_iterations = 1000, .maximise = 1, .stop_at = -HUGE_VAL};
    cuts_stats st;
    int kept = cuts_root(lp, &o, &st);
    CU_ASSERT(kept >= 1);
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.0, 1e-6);
    glp_delete_prob(lp);
    /* a bound already past stop_at: nothing to do */
    lp = milp_triangle();
    cuts_opts o1 = {.max_rounds = 50, .max_iterations = 1000, .maximise = 1, .stop_at = 1.75};
    CU_ASSERT_EQUAL(cuts_root(lp, &o1, &st), 0);
    CU_ASSERT_EQUAL(st.rounds, 0);
    glp_delete_prob(lp);
    /* the caller says no: they all go, the LP as it was */
    lp = milp_triangle();
    int asked = 0;
    cuts_opts o2 = opts_say_no(&asked);
    CU_ASSERT_EQUAL(cuts_root(lp, &o2, &st), 0);
    CU_ASSERT_EQUAL(asked, 1);
    CU_ASSERT(st.added >= 1);
    CU_ASSERT_EQUAL(glp_get_num_rows(lp), 3);
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.5, 1e-9);
    CU_ASSERT_EQUAL(glp_get_status(lp), GLP_OPT);
    glp_delete_prob(lp);
}

int main(void)
{
    static const test_case cases[] = {
        {"random MILPs: no integral point cut off", test_random_milps},
        {"an integral LP is left alone", test_integral_lp},
        {"the triangle: lifted, or all removed", test_triangle},
        {NULL, NULL}};
    return run_suite("cuts", cases);
}
