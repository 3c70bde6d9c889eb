/* test_probe.c - probe.c: probing never says "none" when a solution
 * reaches the cutoff. On random small MILPs (random_milp.h) every integral
 * point is enumerated. With the cutoff at the integer optimum, probe_root()
 * must not say "none" and must leave the LP as it was; with the cutoff one
 * unit past the optimum (or on a MILP without integral points), it may say
 * "none", and it must say so on a good share of them (probing that never
 * decides anything would pass the first check alone). */
#include "internal.h"
#include "probe.h"
#include "random_milp.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned rnd_state = 4711u;

typedef struct bounds {
    int type[MILP_MAXN + 2];
    double lb[MILP_MAXN + 2], ub[MILP_MAXN + 2];
} bounds;

static void get_bounds(glp_prob *lp, bounds *b)
{
    for (int j = 1; j <= glp_get_num_cols(lp); j++) {
        b->type[j] = glp_get_col_type(lp, j);
        b->lb[j] = glp_get_col_lb(lp, j);
        b->ub[j] = glp_get_col_ub(lp, j);
    }
}

/* what milp_enumerate() visits: the best value */
typedef struct seen {
    int maximise;
    long feasible;
    double best;
} seen;

static void visit(const double *x, double z, void *info)
{
    (void)x;
    seen *v = info;
    if (++v->feasible == 1 || (v->maximise ? z > v->best : z < v->best))
        v->best = z;
}

static glp_prob *solved(milp *I)
{
    glp_prob *lp = milp_make(I, &rnd_state, 1);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT) {
        glp_delete_prob(lp);
        return NULL;
    }
    return lp;
}

static void test_random_milps(void)
{
    glp_term_out(GLP_OFF);
    int trials = 0, fixed = 0, none_at_best = 0, changed = 0, past = 0, none_past = 0;
    for (int trial = 0; trial < 800; trial++) {
        milp I;
        glp_prob *lp = solved(&I);
        if (!lp)
            continue;
        seen all = {I.maximise, 0, 0};
        milp_enumerate(lp, &I, I.m, visit, &all);
        double z0 = glp_get_obj_val(lp);
        bounds before, after;
        memset(&before, 0, sizeof before);
        memset(&after, 0, sizeof after);
        get_bounds(lp, &before);
        for (int pass = 0; pass < 2; pass++) {
            /* pass 0: the cutoff at the optimum; pass 1: a unit past it
               (past the LP bound when there is no integral point) */
            if (pass == 0 && !all.feasible)
                continue;
            double cutoff = all.feasible ? all.best : z0;
            if (pass == 1)
                cutoff += I.maximise ? 1 : -1;
            probe_opts o = {.cutoff = cutoff,
                            .maximise = I.maximise,
                            .max_columns = 100,
                            .max_iterations = 10000,
                            .deadline = 0};
            probe_stats st;
            int none = probe_root(lp, &o, &st);
            if (pass == 0) {
                trials++;
                none_at_best += none;
                fixed += st.fixed > 0;
            } else {
                past++;
                none_past += none;
            }
            /* lp as it was */
            get_bounds(lp, &after);
            changed += memcmp(&before, &after, sizeof before) != 0 ||
                       glp_get_status(lp) != GLP_OPT || glp_get_obj_val(lp) != z0;
        }
        glp_delete_prob(lp);
    }
    printf("\n  %d MILPs: a side cut off on %d; a unit past the optimum (%d): none proven on %d",
           trials, fixed, past, none_past);
    CU_ASSERT(trials >= 500);
    CU_ASSERT_EQUAL(none_at_best, 0);
    CU_ASSERT_EQUAL(changed, 0);
    /* probing is not idle: it cuts sides off, and proves "none" often */
    CU_ASSERT(fixed >= trials / 20);
    CU_ASSERT(none_past >= past / 10);
}

/* The classic triangle: max x1 + x2 + x3 with pairwise x_i + x_j <= 1 has
   the LP optimum 1.5 (all at 0.5) and the integer optimum 1. Asked for 2,
   fixing any column at 1 leaves at most 1, and at 0 at most 1: none. Asked
   for 1, nothing is cut off. An LP at an integral vertex has no candidate. */
static void test_triangle(void)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = milp_triangle();
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.5, 1e-9);
    probe_opts o = {.cutoff = 2, .maximise = 1, .max_columns = 100, .max_iterations = 1000};
    probe_stats st;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &st), 1);
    CU_ASSERT_EQUAL(st.probed, 1);
    o.cutoff = 1;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &st), 0);
    CU_ASSERT_EQUAL(st.probed, 3);
    CU_ASSERT_EQUAL(st.fixed, 0);
    /* an integral vertex: nothing to probe */
    glp_set_col_bnds(lp, 1, GLP_FX, 1, 1);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_simplex(lp, &sp);
    o.cutoff = 2;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &st), 0);
    CU_ASSERT_EQUAL(st.probed, 0);
    glp_delete_prob(lp);
}

int main(void)
{
    static const test_case cases[] = {
        {"random MILPs: no solution at the cutoff lost", test_random_milps},
        {"the triangle: none past the optimum, nothing at it", test_triangle},
        {NULL, NULL}};
    return run_suite("probe", cases);
}
