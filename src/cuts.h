/* cuts.h - rounds of mixed-integer rounding cuts at the root of a level
 * (solve.c): from the rows of the model and from rows of the simplex
 * tableau, MIR and two-step MIR inequalities (docs/model.md, "Root cuts"). */
#ifndef COHORT_CUTS_H
#define COHORT_CUTS_H

#include <glpk.h>

/* the names of the cut rows begin with it */
#define CUTS_ROW_PREFIX "cut_"

struct cuts_stats;

typedef struct cuts_opts {
    int max_rounds;     /* rounds of separation and dual simplex */
    int max_iterations; /* no round starts once the rounds' dual simplex has made
                           this many iterations */
    int maximise;       /* the LP's direction */
    double stop_at;     /* stop once the LP's objective is below it (maximise)
                           or above it (minimise): the cohort at hand is then
                           proven; +-HUGE_VAL for none */
    double deadline;    /* now_seconds() past which no round starts (and a round's
                           dual simplex stops, its cuts then all removed); 0: none */
    void (*round_cb)(void *info, int round, double bound); /* after each round, or NULL */
    /* when cuts are left at the end (the slack ones removed, lp solved
       again): 1 keeps them, 0 removes them all and solves lp back from the
       basis it had; NULL keeps them */
    int (*accept)(void *info, const struct cuts_stats *st);
    void *cb_info;
} cuts_opts;

typedef struct cuts_stats {
    int rounds;         /* rounds run */
    int added;          /* cuts added in all */
    int kept;           /* cuts left in the LP (the others were slack at its end) */
} cuts_stats;

/* Strengthens the LP relaxation lp, solved to optimality with every column
 * that must be integral marked GLP_IV or GLP_BV and its basis at hand:
 * each round separates MIR and two-step MIR cuts, valid for every integral
 * point of lp's rows and column bounds as they are (so for every cohort
 * the model allows, if the bounds are the model's own, not a branch's),
 * adds them as rows at the end of lp and solves it again by the dual
 * simplex. Stops after max_rounds or max_iterations, when no cut is found
 * or the bound stalls, at stop_at or at the deadline (the tableau rows also
 * stop at a fixed amount of arithmetic); then removes the cuts that are
 * slack, solves lp again and asks accept whether the others stay, so lp
 * ends optimal as it started. When the LP cannot be solved again (GLPK's
 * numerical trouble, or the deadline), every cut is removed and the LP
 * solved as it was. Returns the number of cut rows left at the
 * end of lp (0 when none). Deterministic: the same lp gives the same cuts. */
int cuts_root(glp_prob *lp, const cuts_opts *o, cuts_stats *st);

#endif
