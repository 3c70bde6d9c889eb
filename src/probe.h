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

typedef struct probe_stats {
    int probed;         /* columns probed */
    int fixed;          /* columns one side of which was cut off (moved to the
                           other side in the copy, for the probes after them) */
    int iterations;     /* dual simplex iterations in all */
} probe_stats;

/* Whether no solution of lp reaches the cutoff, by probing: lp is solved to
 * optimality with its basis at hand and every column that must be integral
 * marked GLP_IV or GLP_BV. On a copy, its fractional integer columns, most
 * fractional first (ties by column number), are pushed down and up in turn
 * and the copy solved again by the dual simplex from lp's basis. A side
 * whose LP is infeasible or whose bound does not reach the cutoff holds no
 * solution that does: when both sides of a column are so, or when the copy
 * with every column moved away from such sides has no LP solution reaching
 * the cutoff, returns 1. lp itself is left as it was (moving its bounds
 * for the search sent GLPK's searches elsewhere, and lost a proof:
 * docs/model.md, "Probing"). Deterministic: counts bound the work, not
 * times (except the deadline). st may be NULL. */
int probe_root(glp_prob *lp, const probe_opts *o, probe_stats *st);

#endif
