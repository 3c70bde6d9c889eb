/* lp.c - an LP relaxation solved with GLPK, recovering once from a basis
 * GLPK cannot use; a basis saved and put back. */
#include "lp.h"
#include "internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void lp_basis(glp_prob *lp, int *st, int set)
{
    int nr = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
    for (int i = 1; i <= nr; i++) {
        if (set)
            glp_set_row_stat(lp, i, st[i]);
        else
            st[i] = glp_get_row_stat(lp, i);
    }
    for (int j = 1; j <= n; j++) {
        if (set)
            glp_set_col_stat(lp, j, st[nr + j]);
        else
            st[nr + j] = glp_get_col_stat(lp, j);
    }
}

int lp_relaxation(glp_prob *lp, glp_smcp *sp)
{
    int rc = glp_simplex(lp, sp);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND || rc == GLP_EFAIL ||
        (rc == 0 && glp_get_status(lp) != GLP_OPT && glp_get_status(lp) != GLP_NOFEAS)) {
        glp_adv_basis(lp, 0);
        sp->presolve = GLP_OFF;
        rc = glp_simplex(lp, sp);
    }
    if (rc == GLP_ETMLIM)
        return LP_TIMEOUT;
    if (rc == GLP_ENOPFS || glp_get_status(lp) == GLP_NOFEAS)
        return LP_INFEASIBLE;
    if (rc != 0 || glp_get_status(lp) != GLP_OPT)
        return LP_FAILED;
    return LP_OPTIMAL;
}

/* ---- scaling ---- */

typedef struct scl {
    int m, n, ne;
    int *ia, *ja;           /* the non-zeros: row, column, |a| (0-based list) */
    double *a;
    double *r, *s;          /* 1-based factors */
    double *lo, *hi;        /* per row or column: min and max scaled |a| */
} scl;

/* min and max scaled |a| of each row (rows != 0) or column; 1 when empty */
static void scl_minmax(scl *c, int rows)
{
    int len = rows ? c->m : c->n;
    for (int k = 1; k <= len; k++)
        c->lo[k] = -1.0;
    for (int e = 0; e < c->ne; e++) {
        double t = c->a[e] * (c->r[c->ia[e]] * c->s[c->ja[e]]);
        int k = rows ? c->ia[e] : c->ja[e];
        if (c->lo[k] < 0) {
            c->lo[k] = c->hi[k] = t;
        } else {
            if (t < c->lo[k])
                c->lo[k] = t;
            if (t > c->hi[k])
                c->hi[k] = t;
        }
    }
    for (int k = 1; k <= len; k++)
        if (c->lo[k] < 0)
            c->lo[k] = c->hi[k] = 1.0;
}

/* min and max scaled |a| over the matrix (from the rows, as GLPK does: an
   empty row counts as 1) */
static void scl_range(scl *c, double *lo, double *hi)
{
    scl_minmax(c, 1);
    *lo = *hi = 1.0;
    for (int i = 1; i <= c->m; i++) {
        if (i == 1 || c->lo[i] < *lo)
            *lo = c->lo[i];
        if (i == 1 || c->hi[i] > *hi)
            *hi = c->hi[i];
    }
}

static double scl_worst_ratio(scl *c, int rows)
{
    scl_minmax(c, rows);
    double worst = 1.0;
    int len = rows ? c->m : c->n;
    for (int k = 1; k <= len; k++) {
        double t = c->hi[k] / c->lo[k];
        if (k == 1 || t > worst)
            worst = t;
    }
    return worst;
}

/* one pass over rows (rows != 0) or columns: geometric mean (gm != 0) or
   equilibration */
static void scl_pass(scl *c, int rows, int gm)
{
    scl_minmax(c, rows);
    int len = rows ? c->m : c->n;
    double *f = rows ? c->r : c->s;
    for (int k = 1; k <= len; k++)
        f[k] = gm ? f[k] / sqrt(c->lo[k] * c->hi[k]) : f[k] / c->hi[k];
}

void lp_scale_auto(glp_prob *lp, int ne, const int *ia, const int *ja, const double *ar)
{
    scl c = {glp_get_num_rows(lp), glp_get_num_cols(lp), 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    int big = c.m > c.n ? c.m : c.n;
    c.r = xmalloc(sizeof *c.r * (size_t)(c.m + 1));
    c.s = xmalloc(sizeof *c.s * (size_t)(c.n + 1));
    c.lo = xmalloc(sizeof *c.lo * (size_t)(big + 1));
    c.hi = xmalloc(sizeof *c.hi * (size_t)(big + 1));
    c.ia = xmalloc(sizeof *c.ia * (size_t)(ne + 1));
    c.ja = xmalloc(sizeof *c.ja * (size_t)(ne + 1));
    c.a = xmalloc(sizeof *c.a * (size_t)(ne + 1));
    /* GLPK keeps no zero elements */
    for (int e = 1; e <= ne; e++)
        if (ar[e] != 0.0) {
            c.ia[c.ne] = ia[e];
            c.ja[c.ne] = ja[e];
            c.a[c.ne++] = fabs(ar[e]);
        }
    for (int i = 0; i <= c.m; i++)
        c.r[i] = 1.0;
    for (int j = 0; j <= c.n; j++)
        c.s[j] = 1.0;
    double lo, hi;
    scl_range(&c, &lo, &hi);
    if (!(lo >= 0.10 && hi <= 10.0)) {
        /* geometric mean: columns first when the rows' worst ratio is the
           larger, rows first otherwise */
        int cols_first = scl_worst_ratio(&c, 1) > scl_worst_ratio(&c, 0);
        double spread = 0.0; /* max|a| / min|a| */
        for (int k = 1; k <= 15; k++) {
            double old = spread;
            scl_range(&c, &lo, &hi);
            spread = hi / lo;
            if (k > 1 && spread > 0.90 * old)
                break;
            scl_pass(&c, !cols_first, 1);
            scl_pass(&c, cols_first, 1);
        }
        /* equilibration, with the same order rule */
        int eq_cols_first = scl_worst_ratio(&c, 1) > scl_worst_ratio(&c, 0);
        scl_pass(&c, !eq_cols_first, 0);
        scl_pass(&c, eq_cols_first, 0);
    }
    glp_unscale_prob(lp);
    for (int i = 1; i <= c.m; i++)
        if (c.r[i] != 1.0)
            glp_set_rii(lp, i, c.r[i]);
    for (int j = 1; j <= c.n; j++)
        if (c.s[j] != 1.0)
            glp_set_sjj(lp, j, c.s[j]);
    free(c.r);
    free(c.s);
    free(c.lo);
    free(c.hi);
    free(c.ia);
    free(c.ja);
    free(c.a);
}

int lp_tm_lim(double seconds)
{
    if (!(seconds > 0))
        return 1;
    return seconds >= (INT_MAX - 1) / 1000.0 ? INT_MAX : (int)(seconds * 1000) + 1;
}

long lp_pump_pass(const char *text)
{
    return strncmp(text, "Pass ", 5) ? 0 : strtol(text + 5, NULL, 10);
}

void lp_pump_interrupt(glp_iocp *ip)
{
    if (cohort_interrupted())
        ip->tm_lim = 1;
}

void lp_tree_progress(glp_tree *T, struct cohort_progress *p)
{
    glp_prob *lp = glp_ios_get_prob(T);
    p->has_incumbent = glp_mip_status(lp) == GLP_FEAS || glp_mip_status(lp) == GLP_OPT;
    if (p->has_incumbent)
        p->incumbent = glp_mip_obj_val(lp);
    int best = glp_ios_best_node(T);
    if (best) {
        p->bound = glp_ios_node_bound(T, best);
        if (p->has_incumbent)
            p->gap = glp_ios_mip_gap(T);
    }
}
