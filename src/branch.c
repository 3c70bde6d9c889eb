/* branch.c - the searches' branching rule: Driebeck and Tomlin's, as GLPK
 * applies it (GLP_BR_DTH), with the rows of the simplex tableau computed
 * from the rows that the row of the basis inverse touches.
 *
 * For every fractional integer column the rule needs its tableau row: the
 * down and up branches' one-step degradations of the objective come from
 * the dual ratio test on it; the column with the largest degradation is
 * branched on, its branch with the smaller degradation first; when no
 * degradation reaches 1e-6 (relative), the most fractional column instead.
 * GLPK's glp_eval_tab_row() walks every nonbasic column's linked list of
 * elements for each such row: at national scale that was 30 % of a search.
 * Here the row of the inverse (one BTRAN, as GLPK's) is nonzero on few
 * rows; only their columns are summed, each in the order of GLPK's column
 * list (the elements of the rows added since the search began first, the
 * latest first, then the model's, as a copy taken before the search holds
 * them), so each element of the tableau row is GLPK's to the last bit, and
 * so is the choice.
 */
#include "branch.h"
#include "internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct brancher {
    int m0, n;
    int *cs, *ci;     /* the model's rows by column, in GLPK's list order */
    double *cv;
    int *rs, *rc;     /* the same elements by row (columns only) */
    int mcap;
    double *rho;      /* 1..m */
    double *alpha;    /* 1..n: the later rows' part of a column's sum */
    unsigned char *mark;
    int *touched, *ind, *rind;
    double *val, *rval;
};

brancher *brancher_new(glp_prob *lp)
{
    brancher *b = xcalloc(1, sizeof *b);
    int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
    b->m0 = m;
    b->n = n;
    b->cs = xmalloc(sizeof *b->cs * ((size_t)n + 2));
    b->rind = xmalloc(sizeof *b->rind * ((size_t)(m > n ? m : n) + 1));
    b->rval = xmalloc(sizeof *b->rval * ((size_t)(m > n ? m : n) + 1));
    int nnz = glp_get_num_nz(lp);
    b->ci = xmalloc(sizeof *b->ci * ((size_t)nnz + 1));
    b->cv = xmalloc(sizeof *b->cv * ((size_t)nnz + 1));
    b->rs = xcalloc((size_t)m + 2, sizeof *b->rs);
    b->rc = xmalloc(sizeof *b->rc * ((size_t)nnz + 1));
    int e = 0;
    for (int j = 1; j <= n; j++) {
        b->cs[j] = e;
        int len = glp_get_mat_col(lp, j, b->rind, b->rval);
        for (int t = 1; t <= len; t++) {
            b->ci[e] = b->rind[t];
            b->cv[e++] = b->rval[t];
            b->rs[b->rind[t] + 1]++;
        }
    }
    b->cs[n + 1] = e;
    for (int i = 1; i <= m; i++)
        b->rs[i + 1] += b->rs[i];
    int *fill = xmalloc(sizeof *fill * ((size_t)m + 2));
    memcpy(fill, b->rs, sizeof *fill * ((size_t)m + 2));
    for (int j = 1; j <= n; j++)
        for (int t = b->cs[j]; t < b->cs[j + 1]; t++)
            b->rc[fill[b->ci[t]]++] = j;
    free(fill);
    b->alpha = xcalloc((size_t)n + 1, sizeof *b->alpha);
    b->mark = xcalloc((size_t)n + 1, 1);
    b->touched = xmalloc(sizeof *b->touched * ((size_t)n + 1));
    return b;
}

void brancher_free(brancher *b)
{
    if (!b)
        return;
    free(b->cs);
    free(b->ci);
    free(b->cv);
    free(b->rs);
    free(b->rc);
    free(b->rho);
    free(b->alpha);
    free(b->mark);
    free(b->touched);
    free(b->ind);
    free(b->val);
    free(b->rind);
    free(b->rval);
    free(b);
}

static void room(brancher *b, int m)
{
    if (m <= b->mcap)
        return;
    b->mcap = 2 * m;
    b->rho = xrealloc(b->rho, sizeof *b->rho * ((size_t)b->mcap + 1));
    b->ind = xrealloc(b->ind, sizeof *b->ind * ((size_t)(b->mcap + b->n) + 1));
    b->val = xrealloc(b->val, sizeof *b->val * ((size_t)(b->mcap + b->n) + 1));
    b->rind = xrealloc(b->rind, sizeof *b->rind * ((size_t)(b->mcap > b->n ? b->mcap : b->n) + 1));
    b->rval = xrealloc(b->rval, sizeof *b->rval * ((size_t)(b->mcap > b->n ? b->mcap : b->n) + 1));
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, c = *(const int *)y;
    return (a > c) - (a < c);
}

static void touch(brancher *b, int j, int *nt)
{
    if (!b->mark[j]) {
        b->mark[j] = 1;
        b->alpha[j] = 0.0;
        b->touched[(*nt)++] = j;
    }
}

/* The tableau row of basic column j into b->ind, b->val (1..len, as
 * glp_eval_tab_row() orders and computes it); returns len. */
static int tab_row(brancher *b, glp_prob *lp, int m, int j)
{
    int n = b->n, nt = 0, len = 0;
    double *rho = b->rho;
    memset(rho, 0, sizeof *rho * ((size_t)m + 1));
    rho[glp_get_col_bind(lp, j)] = 1.0;
    glp_btran(lp, rho);
    /* the later rows first, the latest first (GLPK puts a new row's
       elements at the head of its columns' lists) */
    for (int i = m; i > b->m0; i--) {
        if (rho[i] == 0.0)
            continue;
        int l = glp_get_mat_row(lp, i, b->rind, b->rval);
        for (int t = 1; t <= l; t++) {
            touch(b, b->rind[t], &nt);
            b->alpha[b->rind[t]] += rho[i] * b->rval[t];
        }
    }
    for (int i = 1; i <= b->m0; i++)
        if (rho[i] != 0.0)
            for (int e = b->rs[i]; e < b->rs[i + 1]; e++)
                touch(b, b->rc[e], &nt);
    for (int i = 1; i <= m; i++)
        if (rho[i] != 0.0 && glp_get_row_stat(lp, i) != GLP_BS) {
            b->ind[++len] = i;
            b->val[len] = -rho[i];
        }
    if (nt > n / 8) { /* many: in column order without a sort */
        nt = 0;
        for (int k = 1; k <= n; k++)
            if (b->mark[k])
                b->touched[nt++] = k;
    } else {
        qsort(b->touched, (size_t)nt, sizeof *b->touched, cmp_int);
    }
    for (int q = 0; q < nt; q++) {
        int k = b->touched[q];
        b->mark[k] = 0;
        if (glp_get_col_stat(lp, k) == GLP_BS)
            continue;
        double a = b->alpha[k];
        for (int e = b->cs[k]; e < b->cs[k + 1]; e++)
            a += rho[b->ci[e]] * b->cv[e];
        if (a != 0.0) {
            b->ind[++len] = m + k;
            b->val[len] = a;
        }
    }
    return len;
}

/* The change of the objective when the basic column at value x is pushed
 * to floor(x) (side -1) or ceil(x) (side +1), by one dual simplex step on
 * its tableau row (Tomlin: an integer entering column moves by a whole
 * unit at least); +-DBL_MAX when that branch has no solution. */
static double degradation(brancher *b, glp_prob *lp, int m, int len, double x, int side)
{
    int min = glp_get_obj_dir(lp) == GLP_MIN;
    int p = glp_dual_rtest(lp, len, b->ind, b->val, side, 1e-9);
    if (p == 0)
        return min ? DBL_MAX : -DBL_MAX;
    int k = b->ind[p];
    double step = ((side < 0 ? floor(x) : ceil(x)) - x) / b->val[p];
    if (k > m && glp_get_col_kind(lp, k - m) != GLP_CV && fabs(step - floor(step + 0.5)) > 1e-3)
        step = step > 0.0 ? ceil(step) : floor(step);
    int stat = k <= m ? glp_get_row_stat(lp, k) : glp_get_col_stat(lp, k - m);
    double d = k <= m ? glp_get_row_dual(lp, k) : glp_get_col_dual(lp, k - m);
    /* a reduced cost of the wrong sign (round-off in a degenerate basis)
       counts as 0 */
    if (stat == GLP_NF || (stat == GLP_NL && (min ? d < 0.0 : d > 0.0)) ||
        (stat == GLP_NU && (min ? d > 0.0 : d < 0.0)))
        d = 0.0;
    return d * step;
}

int brancher_choose(brancher *b, glp_tree *T)
{
    glp_prob *lp = glp_ios_get_prob(T);
    int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
    if (n != b->n || m < b->m0 || glp_get_status(lp) != GLP_OPT)
        return 0; /* not the problem it was made for: GLPK's own rule */
    room(b, m);
    int best = 0, next = GLP_NO_BRNCH;
    double worst = -1.0;
    for (int j = 1; j <= n; j++) {
        /* a fractional column is basic (GLPK's rule assumes it too) */
        if (!glp_ios_can_branch(T, j) || !glp_get_col_bind(lp, j))
            continue;
        double x = glp_get_col_prim(lp, j);
        int len = tab_row(b, lp, m, j);
        double dn = fabs(degradation(b, lp, m, len, x, -1));
        double up = fabs(degradation(b, lp, m, len, x, +1));
        if (worst < dn || worst < up) {
            best = j;
            next = dn < up ? GLP_DN_BRNCH : GLP_UP_BRNCH;
            worst = dn < up ? up : dn;
            if (worst == DBL_MAX)
                break; /* a branch without solutions */
        }
    }
    if (!best)
        return 0;
    if (worst < 1e-6 * (1.0 + 0.001 * fabs(glp_get_obj_val(lp)))) {
        /* no degradation to speak of: the most fractional column */
        double most = DBL_MAX;
        best = 0;
        for (int j = 1; j <= n; j++) {
            if (!glp_ios_can_branch(T, j))
                continue;
            double x = glp_get_col_prim(lp, j), half = floor(x) + 0.5;
            if (fabs(x - half) < most) {
                best = j;
                most = fabs(x - half);
                next = x < half ? GLP_DN_BRNCH : GLP_UP_BRNCH;
            }
        }
    }
    glp_ios_branch_upon(T, best, next);
    return best;
}
