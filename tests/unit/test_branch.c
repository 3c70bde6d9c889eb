/* test_branch.c - branch.c: the branching rule makes GLPK's own choices.
 * Random 0/1 MILPs (knapsack rows, some with negative coefficients) are
 * solved twice by GLPK's branch-and-cut with its cuts (so rows are added
 * during the search): once with GLPK's Driebeck-Tomlin rule
 * (GLP_BR_DTH), once with brancher_choose() at every GLP_IBRANCH. The
 * searches must be the same node for node: the same sequence of node
 * objectives and row counts where they branch, the same optimum. A rule
 * that chose another column, or the other branch first, would change the
 * sequence on most of them; the test also checks that the searches do
 * branch (on at least half of the MILPs, and 1,000 times in all).
 */
#include "branch.h"
#include "testutil.h"

#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#define MAXTRACE 20000

typedef struct trace {
    brancher *br; /* NULL: GLPK chooses */
    int n, chosen;
    double obj[MAXTRACE];
    int rows[MAXTRACE];
} trace;

static void cb(glp_tree *T, void *info)
{
    trace *t = info;
    if (glp_ios_reason(T) != GLP_IBRANCH)
        return;
    glp_prob *lp = glp_ios_get_prob(T);
    if (t->n < MAXTRACE) {
        t->obj[t->n] = glp_get_obj_val(lp);
        t->rows[t->n] = glp_get_num_rows(lp);
    }
    t->n++;
    if (t->br && brancher_choose(t->br, T))
        t->chosen++;
}

static unsigned state = 20261125u;

static int rnd(int n)
{
    state = state * 1103515245u + 12345u;
    return (int)((state >> 8) % (unsigned)n);
}

static glp_prob *make(void)
{
    int n = 20 + rnd(20), m = 8 + rnd(12);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, rnd(2) ? GLP_MAX : GLP_MIN);
    int dir = glp_get_obj_dir(lp);
    glp_add_cols(lp, n);
    for (int j = 1; j <= n; j++) {
        glp_set_col_kind(lp, j, GLP_BV);
        double c = 1 + rnd(20);
        glp_set_obj_coef(lp, j, dir == GLP_MAX ? c : -c);
    }
    int ind[80];
    double val[80];
    glp_add_rows(lp, m);
    for (int i = 1; i <= m; i++) {
        int len = 0, sum = 0;
        for (int j = 1; j <= n; j++)
            if (rnd(3) == 0) {
                ind[++len] = j;
                val[len] = rnd(6) == 0 ? -(1 + rnd(5)) : 1 + rnd(9);
                sum += val[len] > 0 ? (int)val[len] : 0;
            }
        glp_set_mat_row(lp, i, len, ind, val);
        glp_set_row_bnds(lp, i, GLP_UP, 0, sum / 3 + 1);
    }
    /* minimising: at least a few columns, or the optimum is 0 at the root */
    if (dir == GLP_MIN) {
        int r = glp_add_rows(lp, 1);
        for (int j = 1; j <= n; j++)
            ind[j] = j, val[j] = 1 + rnd(4);
        glp_set_mat_row(lp, r, n, ind, val);
        glp_set_row_bnds(lp, r, GLP_LO, n / 2, 0);
    }
    return lp;
}

static int search(glp_prob *lp, trace *t, int with_brancher)
{
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT)
        return -1;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.br_tech = GLP_BR_DTH;
    ip.bt_tech = GLP_BT_BLB;
    ip.gmi_cuts = ip.mir_cuts = ip.cov_cuts = ip.clq_cuts = GLP_ON;
    ip.cb_func = cb;
    ip.cb_info = t;
    memset(t, 0, sizeof *t);
    t->br = with_brancher ? brancher_new(lp) : NULL;
    int rc = glp_intopt(lp, &ip);
    brancher_free(t->br);
    return rc;
}

static void test_same_search(void)
{
    glp_term_out(GLP_OFF); /* the clique cuts' messages */
    trace *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    int branched = 0, total = 0, runs = 0;
    for (int k = 0; k < 60; k++) {
        unsigned seed = state;
        glp_prob *p = make();
        state = seed;
        glp_prob *q = make(); /* the same MILP again */
        int ra = search(p, a, 0), rb = search(q, b, 1);
        CU_ASSERT_EQUAL(ra, rb);
        if (ra != 0) {
            glp_delete_prob(p);
            glp_delete_prob(q);
            continue;
        }
        runs++;
        CU_ASSERT_EQUAL(glp_mip_status(p), glp_mip_status(q));
        CU_ASSERT_EQUAL(glp_mip_obj_val(p), glp_mip_obj_val(q));
        CU_ASSERT_EQUAL(a->n, b->n);
        CU_ASSERT_EQUAL(b->chosen, b->n); /* every branching was branch.c's */
        int same = a->n == b->n;
        for (int t = 0; same && t < a->n && t < MAXTRACE; t++)
            same = a->obj[t] == b->obj[t] && a->rows[t] == b->rows[t];
        CU_ASSERT(same);
        branched += a->n > 0;
        total += a->n;
        glp_delete_prob(p);
        glp_delete_prob(q);
    }
    CU_ASSERT(runs >= 50);
    CU_ASSERT(branched >= runs / 2);
    CU_ASSERT(total >= 1000);
    free(a);
    free(b);
}

/* Made for another problem (another number of columns), it leaves the
   choice to GLPK. */
static void test_other_problem(void)
{
    trace *t = malloc(sizeof *t);
    glp_prob *p = make(), *other = glp_create_prob();
    glp_add_cols(other, 1);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    glp_simplex(p, &sp);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.cb_func = cb;
    ip.cb_info = t;
    memset(t, 0, sizeof *t);
    t->br = brancher_new(other);
    CU_ASSERT_EQUAL(glp_intopt(p, &ip), 0);
    CU_ASSERT_EQUAL(t->chosen, 0);
    brancher_free(t->br);
    glp_delete_prob(p);
    glp_delete_prob(other);
    free(t);
}

int main(void)
{
    static const test_case cases[] = {
        {"GLPK's Driebeck-Tomlin search, node for node", test_same_search},
        {"another problem: GLPK's own choice", test_other_problem},
        {NULL, NULL}};
    return run_suite("branch", cases);
}
