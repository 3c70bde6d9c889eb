/* test_probe.c - probe.c: probing never loses a solution that reaches the
 * cutoff. On random small MILPs (random_milp.h) every integral point is
 * enumerated. With the cutoff at the integer optimum, probe_root() must not
 * say PROBE_NONE, and every optimal point must be within the bounds it
 * moved; with the cutoff one unit past the optimum (or on a MILP without
 * integral points), it may say PROBE_NONE, and it must say so on a good
 * share of them (probing that never decides anything would pass the first
 * check alone). probe_restore() must give back the bounds as they were. */
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

/* what milp_enumerate() visits: the best value, and the points that reach
   the cutoff but are outside the columns' bounds (lost by probing) */
typedef struct seen {
    glp_prob *lp;
    int maximise;
    long feasible;
    double best, cutoff;
    int lost;
} seen;

static void visit(const double *x, double z, void *info)
{
    seen *v = info;
    if (++v->feasible == 1 || (v->maximise ? z > v->best : z < v->best))
        v->best = z;
    if (!v->lp)
        return;
    double tol = 1e-9 * (1 + fabs(z));
    if (v->maximise ? z < v->cutoff - tol : z > v->cutoff + tol)
        return;
    for (int j = 1; j <= glp_get_num_cols(v->lp); j++) {
        int t = glp_get_col_type(v->lp, j);
        if (((t == GLP_LO || t == GLP_DB || t == GLP_FX) && x[j] < glp_get_col_lb(v->lp, j) - 1e-9) ||
            ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && x[j] > glp_get_col_ub(v->lp, j) + 1e-9)) {
            v->lost++;
            return;
        }
    }
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
    int trials = 0, moved = 0, none_at_best = 0, lost = 0, restored_bad = 0, not_optimal = 0;
    int past = 0, none_past = 0;
    for (int trial = 0; trial < 800; trial++) {
        milp I;
        glp_prob *lp = solved(&I);
        if (!lp)
            continue;
        seen all = {NULL, I.maximise, 0, 0, 0, 0};
        milp_enumerate(lp, &I, I.m, visit, &all);
        double z0 = glp_get_obj_val(lp);
        bounds before, after;
        memset(&before, 0, sizeof before);
        memset(&after, 0, sizeof after);
        get_bounds(lp, &before);
        for (int pass = 0; pass < 2; pass++) {
            /* pass 0: the cutoff at the optimum; pass 1: a unit past it
               (past the LP bound when there is no integral point) */
            double cutoff = all.feasible ? all.best : z0;
            if (pass == 1)
                cutoff += I.maximise ? 1 : -1;
            else if (!all.feasible)
                continue;
            probe_opts o = {.cutoff = cutoff,
                            .maximise = I.maximise,
                            .max_columns = 100,
                            .max_iterations = 10000,
                            .deadline = 0};
            probe_undo *undo;
            int nundo;
            probe_stats st;
            int rc = probe_root(lp, &o, &undo, &nundo, &st);
            if (pass == 0) {
                trials++;
                none_at_best += rc == PROBE_NONE;
                moved += rc > 0;
                if (rc >= 0 && glp_get_status(lp) != GLP_OPT)
                    not_optimal++;
            } else {
                past++;
                none_past += rc == PROBE_NONE;
            }
            CU_ASSERT(rc == PROBE_NONE || rc == nundo);
            CU_ASSERT(st.fixed == nundo || rc == PROBE_NONE);
            seen v = {lp, I.maximise, 0, 0, cutoff, 0};
            milp_enumerate(lp, &I, I.m, visit, &v);
            lost += v.lost;
            probe_restore(lp, undo, nundo);
            get_bounds(lp, &after);
            restored_bad += memcmp(&before, &after, sizeof before) != 0;
            /* the LP as it was for the next pass */
            glp_smcp sp;
            glp_init_smcp(&sp);
            sp.msg_lev = GLP_MSG_OFF;
            glp_simplex(lp, &sp);
        }
        glp_delete_prob(lp);
    }
    printf("\n  %d MILPs: bounds moved on %d; a unit past the optimum (%d): none proven on %d",
           trials, moved, past, none_past);
    CU_ASSERT(trials >= 500);
    CU_ASSERT_EQUAL(none_at_best, 0);
    CU_ASSERT_EQUAL(lost, 0);
    CU_ASSERT_EQUAL(restored_bad, 0);
    CU_ASSERT_EQUAL(not_optimal, 0);
    /* probing is not idle: it moves bounds, and proves "none" often */
    CU_ASSERT(moved >= trials / 20);
    CU_ASSERT(none_past >= past / 10);
}

/* The classic triangle: max x1 + x2 + x3 with pairwise x_i + x_j <= 1 has
   the LP optimum 1.5 (all at 0.5) and the integer optimum 1. Asked for 2,
   fixing any column at 1 leaves at most 1, and at 0 at most 1: none. Asked
   for 1, nothing is cut off. An LP at an integral vertex has no candidate. */
static glp_prob *triangle(void)
{
    glp_prob *lp = glp_create_prob();
    glp_add_cols(lp, 3);
    glp_add_rows(lp, 3);
    for (int j = 1; j <= 3; j++) {
        glp_set_col_kind(lp, j, GLP_BV);
        glp_set_obj_coef(lp, j, 1);
    }
    int pairs[3][2] = {{1, 2}, {1, 3}, {2, 3}};
    for (int i = 0; i < 3; i++) {
        int ind[] = {0, pairs[i][0], pairs[i][1]};
        double val[] = {0, 1, 1};
        glp_set_mat_row(lp, i + 1, 2, ind, val);
        glp_set_row_bnds(lp, i + 1, GLP_UP, 0, 1);
    }
    glp_set_obj_dir(lp, GLP_MAX);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_simplex(lp, &sp);
    return lp;
}

static void test_triangle(void)
{
    glp_term_out(GLP_OFF);
    glp_prob *lp = triangle();
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.5, 1e-9);
    probe_opts o = {.cutoff = 2, .maximise = 1, .max_columns = 100, .max_iterations = 1000};
    probe_undo *undo;
    int nundo;
    probe_stats st;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &undo, &nundo, &st), PROBE_NONE);
    CU_ASSERT_EQUAL(st.probed, 1);
    probe_restore(lp, undo, nundo);
    o.cutoff = 1;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &undo, &nundo, &st), 0);
    CU_ASSERT_EQUAL(st.probed, 3);
    CU_ASSERT_EQUAL(st.fixed, 0);
    CU_ASSERT_EQUAL(nundo, 0);
    probe_restore(lp, undo, nundo);
    /* an integral vertex: nothing to probe */
    glp_set_col_bnds(lp, 1, GLP_FX, 1, 1);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_simplex(lp, &sp);
    o.cutoff = 2;
    CU_ASSERT_EQUAL(probe_root(lp, &o, &undo, &nundo, &st), 0);
    CU_ASSERT_EQUAL(st.probed, 0);
    probe_restore(lp, undo, nundo);
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
