/* random_milp.h - MILPs for the tests of the root cuts (test_cuts.c) and
 * of probing (test_probe.c): small random ones whose integral points can
 * all be enumerated (binary and general integer columns, sometimes a
 * continuous one; knapsack, covering and ranged rows with integer
 * coefficients), and the triangle. */
#ifndef COHORT_RANDOM_MILP_H
#define COHORT_RANDOM_MILP_H

#include <glpk.h>

#define MILP_MAXN 12

typedef struct milp {
    int n, m, maximise;
    int ub[MILP_MAXN + 1];  /* integer columns 0..ub */
    int cont;               /* column n + 1 is continuous in [0, 3] when 1 */
    double c[MILP_MAXN + 2];
} milp;

/* A pseudo-random number from *state (the same sequence on every machine). */
unsigned milp_rnd(unsigned *state);

/* A random instance as a GLPK problem, drawn from *state; with_cont 0
   never adds the continuous column. */
glp_prob *milp_make(milp *I, unsigned *state, int with_cont);

/* Whether row i of lp holds at the point x (1-based column values). */
int milp_row_holds(glp_prob *lp, int i, const double *x);

/* Calls visit(x, z, info) on every integral point (the continuous column
   at 0, 1.5 and 3) that satisfies rows 1..m of lp and the instance's own
   column bounds, with its objective value z; returns how many did. */
long milp_enumerate(glp_prob *lp, const milp *I, int m,
                    void (*visit)(const double *x, double z, void *info), void *info);

/* The classic triangle, its LP solved: max x1 + x2 + x3 over 0/1 columns
   with x_i + x_j <= 1 for each pair; the LP optimum is 1.5 (all at 0.5),
   every 0/1 point has at most 1. */
glp_prob *milp_triangle(void);

#endif
