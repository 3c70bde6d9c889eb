/* probe.h - probing at the root of a search for a better cohort (solve.c):
 * each fractional integer column of the root LP is pushed down and up in
 * turn, and the LP solved again by the dual simplex; a side whose LP cannot
 * reach the cutoff holds no better cohort (docs/model.md, "Probing"). */
#ifndef COHORT_PROBE_H
#define COHORT_PROBE_H

#include <glpk.h>

typedef struct probe_opts {
    double cutoff;      /* what a better solution reaches at least (maximise) or at
                           most (minimise) */
    int maximise;       /* the LP's direction */
    int max_columns;    /* columns probed in all */
    int max_iterations; /* dual simplex iterations in all (a probe gets what is
                           left, and at most a tenth of it) */
    double deadline;    /* now_seconds() past which no probe starts; 0: none */
} probe_opts;

/* A column's bounds before probe_root() fixed it (to put back). */
typedef struct probe_undo {
    int col, type;
    double lb, ub;
} probe_undo;

typedef struct probe_stats {
    int probed;         /* columns probed */
    int fixed;          /* columns whose one side was cut off (their bounds moved) */
    int iterations;     /* dual simplex iterations in all */
} probe_stats;

enum { PROBE_NONE = -1 };

/* On lp, solved to optimality with its basis at hand and every column that
 * must be integral marked GLP_IV or GLP_BV: probes its fractional integer
 * columns, most fractional first (ties by column number), on a copy. A side
 * whose LP is infeasible or whose bound does not reach the cutoff holds no
 * solution that does: when both sides of a column are so, returns
 * PROBE_NONE (no solution of lp reaches the cutoff); when one side is, the
 * column's bounds in lp move to the other side (valid for every solution
 * that reaches the cutoff, and only for those), and *undo gets its old
 * bounds (*nundo of them; free with probe_restore()). lp is then solved
 * again (dual simplex); returns PROBE_NONE if it has no solution reaching
 * the cutoff, else the number of columns moved. Deterministic: counts bound
 * the work, not times (except the deadline). */
int probe_root(glp_prob *lp, const probe_opts *o, probe_undo **undo, int *nundo,
               probe_stats *st);

/* Puts back the bounds probe_root() moved, and frees undo. */
void probe_restore(glp_prob *lp, probe_undo *undo, int nundo);

#endif
