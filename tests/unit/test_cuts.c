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
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) & 0xffffffu;
}
static int rint_in(int lo, int hi)
{
    return lo + (int)(rnd() % (unsigned)(hi - lo + 1));
}

#define MAXN 12

typedef struct inst {
    int n, m, maximise;
    int ub[MAXN + 1];  /* integer columns 0..ub */
    int cont;          /* column n is continuous in [0, 3] when 1 */
    double c[MAXN + 1];
} inst;

/* A random instance as a GLPK problem: rows of integer coefficients. */
static glp_prob *make(inst *I)
{
    glp_prob *lp = glp_create_prob();
    I->n = rint_in(6, 10);
    I->m = rint_in(2, 5);
    I->maximise = rnd() % 2;
    I->cont = rnd() % 4 == 0;
    int ncols = I->n + I->cont;
    glp_add_cols(lp, ncols);
    for (int j = 1; j <= I->n; j++) {
        I->ub[j] = rnd() % 5 == 0 ? rint_in(2, 3) : 1;
        glp_set_col_kind(lp, j, I->ub[j] == 1 ? GLP_BV : GLP_IV);
        glp_set_col_bnds(lp, j, GLP_DB, 0, I->ub[j]);
        I->c[j] = rint_in(1, 20);
        glp_set_obj_coef(lp, j, I->c[j]);
    }
    if (I->cont) {
        glp_set_col_bnds(lp, ncols, GLP_DB, 0, 3);
        I->c[ncols] = rint_in(-5, 5);
        glp_set_obj_coef(lp, ncols, I->c[ncols]);
    }
    glp_set_obj_dir(lp, I->maximise ? GLP_MAX : GLP_MIN);
    glp_add_rows(lp, I->m);
    int ind[MAXN + 2];
    double val[MAXN + 2];
    for (int i = 1; i <= I->m; i++) {
        int len = 0;
        double sum = 0;
        for (int j = 1; j <= ncols; j++)
            if (rnd() % 3) {
                ind[++len] = j;
                val[len] = rint_in(1, 13);
                sum += val[len] * (j <= I->n ? I->ub[j] : 3);
            }
        if (len == 0) {
            ind[++len] = 1;
            val[len] = 1;
            sum = I->ub[1];
        }
        glp_set_mat_row(lp, i, len, ind, val);
        int kind = rnd() % 5;
        double frac = 0.2 + 0.5 * (rnd() % 100) / 100.0;
        if (I->maximise ? kind < 3 : kind < 1)
            glp_set_row_bnds(lp, i, GLP_UP, 0, floor(frac * sum)); /* knapsack */
        else if (kind < 4)
            glp_set_row_bnds(lp, i, GLP_LO, ceil(frac * sum), 0); /* covering */
        else
            glp_set_row_bnds(lp, i, GLP_DB, floor(frac * sum) - 3, floor(frac * sum));
    }
    return lp;
}

static int row_holds(glp_prob *lp, int i, const double *x)
{
    int ind[4 * MAXN + 8];
    double val[4 * MAXN + 8];
    int len = glp_get_mat_row(lp, i, NULL, NULL);
    int *pi = len < 4 * MAXN ? ind : malloc(sizeof *pi * (size_t)(len + 1));
    double *pv = len < 4 * MAXN ? val : malloc(sizeof *pv * (size_t)(len + 1));
    glp_get_mat_row(lp, i, pi, pv);
    double a = 0, scale = 1;
    for (int k = 1; k <= len; k++) {
        a += pv[k] * x[pi[k]];
        scale += fabs(pv[k] * x[pi[k]]);
    }
    if (pi != ind) {
        free(pi);
        free(pv);
    }
    int t = glp_get_row_type(lp, i);
    double tol = 1e-9 * scale;
    if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && a < glp_get_row_lb(lp, i) - tol)
        return 0;
    if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && a > glp_get_row_ub(lp, i) + tol)
        return 0;
    return 1;
}

/* Calls visit on every integral point (the continuous column at 0, 1.5
   and 3) that satisfies rows 1..m of lp; returns how many did. */
static long enumerate(glp_prob *lp, const inst *I, int m, double *best, int *violated_cuts)
{
    double x[MAXN + 2];
    int digit[MAXN + 2] = {0};
    long feasible = 0;
    int ncols = I->n + I->cont;
    static const double cvals[] = {0, 1.5, 3};
    for (;;) {
        for (int j = 1; j <= I->n; j++)
            x[j] = digit[j];
        for (int cv = 0; cv < (I->cont ? 3 : 1); cv++) {
            if (I->cont)
                x[ncols] = cvals[cv];
            int ok = 1;
            for (int i = 1; i <= m && ok; i++)
                ok = row_holds(lp, i, x);
            if (!ok)
                continue;
            feasible++;
            double z = 0;
            for (int j = 1; j <= ncols; j++)
                z += I->c[j] * x[j];
            if (feasible == 1 || (I->maximise ? z > *best : z < *best))
                *best = z;
            for (int i = m + 1; i <= glp_get_num_rows(lp); i++)
                *violated_cuts += !row_holds(lp, i, x);
        }
        int j = 1;
        while (j <= I->n && digit[j] == I->ub[j])
            digit[j++] = 0;
        if (j > I->n)
            break;
        digit[j]++;
    }
    return feasible;
}

static void test_random_milps(void)
{
    glp_term_out(GLP_OFF);
    int trials = 0, lifted = 0, kept_cuts = 0, bad_bound = 0, bad_cut = 0;
    for (int trial = 0; trial < 600; trial++) {
        inst I;
        glp_prob *lp = make(&I);
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
        double z1 = glp_get_obj_val(lp), best = 0;
        int violated = 0;
        long feasible = enumerate(lp, &I, m0, &best, &violated);
        trials++;
        kept_cuts += kept;
        bad_cut += violated;
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
    cuts_opts o = {.max_rounds = 50, .max_iterations = 1000, .maximise = 1, .stop_at = -HUGE_VAL};
    cuts_stats st;
    int kept = cuts_root(lp, &o, &st);
    CU_ASSERT(kept >= 1);
    CU_ASSERT_DOUBLE_EQUAL(glp_get_obj_val(lp), 1.0, 1e-6);
    glp_delete_prob(lp);
    /* a bound already past stop_at: nothing to do */
    lp = triangle();
    cuts_opts o1 = {.max_rounds = 50, .max_iterations = 1000, .maximise = 1, .stop_at = 1.75};
    CU_ASSERT_EQUAL(cuts_root(lp, &o1, &st), 0);
    CU_ASSERT_EQUAL(st.rounds, 0);
    glp_delete_prob(lp);
    /* the caller says no: they all go, the LP as it was */
    lp = triangle();
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
