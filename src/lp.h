/* lp.h - solving an LP relaxation with GLPK, shared by the cohort solver
 * (solve.c) and the interview scheduler (schedule.c). */
#ifndef COHORT_LP_H
#define COHORT_LP_H

#include <glpk.h>

enum { LP_OPTIMAL, LP_INFEASIBLE, LP_TIMEOUT, LP_FAILED };

/* Runs glp_simplex with sp. When GLPK cannot use the basis (invalid,
 * singular, ill-conditioned) or ends neither optimal nor infeasible, starts
 * again once from an advanced basis, without presolve. Returns LP_OPTIMAL,
 * LP_INFEASIBLE (no primal feasible solution), LP_TIMEOUT (sp->tm_lim
 * reached) or LP_FAILED. */
int lp_relaxation(glp_prob *lp, glp_smcp *sp);

#endif
