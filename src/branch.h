/* branch.h - the searches' branching rule (branch.c). */
#ifndef COHORT_BRANCH_H
#define COHORT_BRANCH_H

#include <glpk.h>

typedef struct brancher brancher;

/* For a search on lp, made before glp_intopt() (it copies lp's matrix as it
 * is then). */
brancher *brancher_new(glp_prob *lp);
void brancher_free(brancher *b);

/* At GLP_IBRANCH: chooses the column to branch on and the branch to take
 * first, as GLPK's GLP_BR_DTH would, and hands them to GLPK
 * (glp_ios_branch_upon()). Returns the column, or 0 when it chose none
 * (GLPK then applies its own rule). */
int brancher_choose(brancher *b, glp_tree *T);

#endif
