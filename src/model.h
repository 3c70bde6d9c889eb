/* model.h - the GLPK model shared by model.c and solve.c (the only files
 * that include glpk.h and touch its 1-based arrays). */
#ifndef COHORT_MODEL_H
#define COHORT_MODEL_H

#include "internal.h"

#include <glpk.h>

enum { ROW_C1 = 1, ROW_C3, ROW_C4, ROW_C5, ROW_C6, ROW_C7, ROW_C8, ROW_C9, ROW_C10, ROW_C11,
       ROW_CUT };

struct model {
    const cohort_scenario *s;
    glp_prob *lp;
    int nx, ny;              /* columns: x 1..nx (pairs), y nx+1..nx+ny (challenges) */
    int *pair_of_app;        /* app index -> pair index or -1 */
    int *row_kind, *row_subject;
    int rows_cap;
    int env_row;             /* C10 row or 0 */
    int *host_row;           /* C11 row per host or 0 */
    int64_t weight[NLEVELS]; /* objective weight per level */
    int64_t range[NLEVELS];  /* range of each level over all cohorts */
};

int model_xcol(const model *m, int k);
int model_ycol(const model *m, int h);
/* The single objective that is exactly lexicographic (m->weight) on lp (the
 * model's or a copy of it), over the levels order[from..] only: the earlier
 * ones get no weight (they are held by rows). model_build() sets it with
 * from 0 (export-model); the weighted try of solve.c from the level it
 * solves. */
void model_weighted_objective(const model *m, const cohort_scenario *s, glp_prob *lp, int from);

#endif
