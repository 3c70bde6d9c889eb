/* lp.h - solving an LP relaxation with GLPK, shared by the cohort solver
 * (solve.c), the conflict finder (conflicts.c) and the interview scheduler
 * (schedule.c). */
#ifndef COHORT_LP_H
#define COHORT_LP_H

#include <glpk.h>

enum { LP_OPTIMAL, LP_INFEASIBLE, LP_TIMEOUT, LP_FAILED };

/* GLPK's tm_lim (milliseconds, an int) for `seconds` left: a millisecond at
 * least, at most INT_MAX (24.8 days; a longer limit is cut there). */
int lp_tm_lim(double seconds);

/* Runs glp_simplex with sp. When GLPK cannot use the basis (invalid,
 * singular, ill-conditioned), fails on its way (GLP_EFAIL) or ends neither
 * optimal nor infeasible, starts again once from an advanced basis, without
 * presolve (sp->presolve is left off). Returns LP_OPTIMAL,
 * LP_INFEASIBLE (no primal feasible solution), LP_TIMEOUT (sp->tm_lim
 * reached) or LP_FAILED. */
int lp_relaxation(glp_prob *lp, glp_smcp *sp);

/* The basis of lp, the statuses of rows 1..nr then of columns 1..n, into
 * st (nr + n + 1 entries; st[nr + j] for column j), or back from it
 * (set 1) onto an lp with as many rows and columns. */
void lp_basis(glp_prob *lp, int *st, int set);

/* Sets the scale factors glp_scale_prob(lp, GLP_SF_AUTO) would set (GLPK's
 * documented method: geometric-mean passes while they improve the ratio
 * max|a|/min|a| by 10 %, at most 15, then equilibration; none when every
 * |a| is within [0.1, 10]), bit for bit, computed from the ne triplets
 * (1-based, as given to glp_load_matrix) in a few sequential passes instead
 * of GLPK's walks along its linked rows and columns: 12 ms of the regional
 * benchmark's 140, 1.2 s at five times national scale. */
void lp_scale_auto(glp_prob *lp, int ne, const int *ia, const int *ja, const double *ar);

/* The search's state for a progress report (cohort.h): its incumbent (if
 * any), its best node's bound and the gap between them. */
struct cohort_progress;
void lp_tree_progress(glp_tree *T, struct cohort_progress *p);

/* GLPK's feasibility pump (glp_intopt with fp_heur) calls no callback, but
 * with msg_lev GLP_MSG_ALL it prints "Pass N" as each of its at most five
 * passes starts, and before each rounding it compares the time with
 * tm_lim, read through GLPK's pointer to the caller's parameters.
 * lp_pump_pass(): for text a terminal hook received during such a search,
 * the pass that starts (1..5), else 0. lp_pump_interrupt(), called at a
 * pass (after its tick, which may be what asks): when an interrupt was
 * asked (cohort_interrupt()), sets ip->tm_lim (that search's parameters)
 * to 1 ms, so the pump ends at its next rounding instead of after its
 * last pass. */
long lp_pump_pass(const char *text);
void lp_pump_interrupt(glp_iocp *ip);

#endif
