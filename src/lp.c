/* lp.c - an LP relaxation solved with GLPK, recovering once from a basis
 * GLPK cannot use. */
#include "lp.h"

int lp_relaxation(glp_prob *lp, glp_smcp *sp)
{
    int rc = glp_simplex(lp, sp);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND ||
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
