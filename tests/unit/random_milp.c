/* random_milp.c - small random MILPs for the tests (random_milp.h). */
#include "random_milp.h"

#include <math.h>
#include <stdlib.h>

unsigned milp_rnd(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 8) & 0xffffffu;
}

static int rint_in(unsigned *state, int lo, int hi)
{
    return lo + (int)(milp_rnd(state) % (unsigned)(hi - lo + 1));
}

glp_prob *milp_make(milp *I, unsigned *state, int with_cont)
{
    glp_prob *lp = glp_create_prob();
    I->n = rint_in(state, 6, 10);
    I->m = rint_in(state, 2, 5);
    I->maximise = milp_rnd(state) % 2;
    I->cont = milp_rnd(state) % 4 == 0 && with_cont;
    int ncols = I->n + I->cont;
    glp_add_cols(lp, ncols);
    for (int j = 1; j <= I->n; j++) {
        I->ub[j] = milp_rnd(state) % 5 == 0 ? rint_in(state, 2, 3) : 1;
        glp_set_col_kind(lp, j, I->ub[j] == 1 ? GLP_BV : GLP_IV);
        glp_set_col_bnds(lp, j, GLP_DB, 0, I->ub[j]);
        I->c[j] = rint_in(state, 1, 20);
        glp_set_obj_coef(lp, j, I->c[j]);
    }
    if (I->cont) {
        glp_set_col_bnds(lp, ncols, GLP_DB, 0, 3);
        I->c[ncols] = rint_in(state, -5, 5);
        glp_set_obj_coef(lp, ncols, I->c[ncols]);
    }
    glp_set_obj_dir(lp, I->maximise ? GLP_MAX : GLP_MIN);
    glp_add_rows(lp, I->m);
    int ind[MILP_MAXN + 2];
    double val[MILP_MAXN + 2];
    for (int i = 1; i <= I->m; i++) {
        int len = 0;
        double sum = 0;
        for (int j = 1; j <= ncols; j++)
            if (milp_rnd(state) % 3) {
                ind[++len] = j;
                val[len] = rint_in(state, 1, 13);
                sum += val[len] * (j <= I->n ? I->ub[j] : 3);
            }
        if (len == 0) {
            ind[++len] = 1;
            val[len] = 1;
            sum = I->ub[1];
        }
        glp_set_mat_row(lp, i, len, ind, val);
        int kind = milp_rnd(state) % 5;
        double frac = 0.2 + 0.5 * (milp_rnd(state) % 100) / 100.0;
        if (I->maximise ? kind < 3 : kind < 1)
            glp_set_row_bnds(lp, i, GLP_UP, 0, floor(frac * sum)); /* knapsack */
        else if (kind < 4)
            glp_set_row_bnds(lp, i, GLP_LO, ceil(frac * sum), 0); /* covering */
        else
            glp_set_row_bnds(lp, i, GLP_DB, floor(frac * sum) - 3, floor(frac * sum));
    }
    return lp;
}

int milp_row_holds(glp_prob *lp, int i, const double *x)
{
    int len = glp_get_mat_row(lp, i, NULL, NULL);
    int *ind = malloc(sizeof *ind * (size_t)(len + 1));
    double *val = malloc(sizeof *val * (size_t)(len + 1));
    glp_get_mat_row(lp, i, ind, val);
    double a = 0, scale = 1;
    for (int k = 1; k <= len; k++) {
        a += val[k] * x[ind[k]];
        scale += fabs(val[k] * x[ind[k]]);
    }
    free(ind);
    free(val);
    int t = glp_get_row_type(lp, i);
    double tol = 1e-9 * scale;
    if ((t == GLP_LO || t == GLP_DB || t == GLP_FX) && a < glp_get_row_lb(lp, i) - tol)
        return 0;
    if ((t == GLP_UP || t == GLP_DB || t == GLP_FX) && a > glp_get_row_ub(lp, i) + tol)
        return 0;
    return 1;
}

long milp_enumerate(glp_prob *lp, const milp *I, int m,
                    void (*visit)(const double *x, double z, void *info), void *info)
{
    double x[MILP_MAXN + 2];
    int digit[MILP_MAXN + 2] = {0};
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
                ok = milp_row_holds(lp, i, x);
            if (!ok)
                continue;
            feasible++;
            double z = 0;
            for (int j = 1; j <= ncols; j++)
                z += I->c[j] * x[j];
            visit(x, z, info);
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

glp_prob *milp_triangle(void)
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
