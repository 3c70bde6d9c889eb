/* probe.c - probing at the root of a search for a better cohort (probe.h;
 * docs/model.md, "Probing").
 *
 * Found on bench promotion seed 4 with designers at a third and women at
 * 45 %: the filled level's search for a cohort of 34 (the LP bound; 33 at
 * hand) branched a minute without closing that unit, and so did glpsol with
 * every cut GLPK has; CBC proves there is none at its root, by strong
 * branching: one column both of whose sides have no LP solution at 34. The
 * same test, column by column on the root LP, is what this file does. */
#include "probe.h"
#include "internal.h"
#include "lp.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The fractional integer columns of lp's solution, most fractional first. */
static int candidates(glp_prob *lp, frac_col *out)
{
    int n = glp_get_num_cols(lp), nc = 0;
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(lp, j) == GLP_CV)
            continue;
        double d = frac_dist(glp_get_col_prim(lp, j));
        if (d > 1e-6)
            out[nc++] = (frac_col){j, d};
    }
    frac_cols_sort(out, nc);
    return nc;
}

static int has_lower(int type)
{
    return type == GLP_LO || type == GLP_DB || type == GLP_FX;
}

static int has_upper(int type)
{
    return type == GLP_UP || type == GLP_DB || type == GLP_FX;
}

/* A column's bounds. */
typedef struct col_bounds {
    int type;
    double lb, ub;
} col_bounds;

/* Sets column j's bounds to its side of v: up (at least ceil(v)) or down
 * (at most floor(v)), the other bound as it was. */
static void set_side(glp_prob *lp, int j, const col_bounds *was, double v, int up)
{
    int lo = up || has_lower(was->type), hi = !up || has_upper(was->type);
    double lb = up ? ceil(v) : was->lb, ub = up ? was->ub : floor(v);
    int type = lo && hi ? (lb == ub ? GLP_FX : GLP_DB) : lo ? GLP_LO : GLP_UP;
    glp_set_col_bnds(lp, j, type, lb, ub);
}

/* Whether the LP just solved (glp_simplex's rc) reaches no solution within
 * the cutoff: no solution, or a bound past it (the dual simplex stops as
 * soon as its objective passes the limit). */
static int cut_off(glp_prob *lp, const probe_opts *o, int rc)
{
    double eps = 1e-6 * (fabs(o->cutoff) > 1 ? fabs(o->cutoff) : 1);
    if (rc == GLP_EOBJLL || rc == GLP_EOBJUL)
        return 1;
    if (rc != 0)
        return 0;
    if (glp_get_status(lp) == GLP_NOFEAS)
        return 1;
    if (glp_get_status(lp) != GLP_OPT)
        return 0;
    double z = glp_get_obj_val(lp);
    return o->maximise ? z < o->cutoff - eps : z > o->cutoff + eps;
}

static int tm_left(const probe_opts *o)
{
    return lp_tm_lim(o->deadline - now_seconds());
}

int probe_root(glp_prob *lp, const probe_opts *o, probe_stats *st)
{
    probe_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    int n = glp_get_num_cols(lp), nr = glp_get_num_rows(lp);
    frac_col *cs = xmalloc(sizeof *cs * (size_t)(n + 1));
    int nc = candidates(lp, cs);
    if (nc > o->max_columns)
        nc = o->max_columns;
    if (nc == 0) {
        free(cs);
        return 0;
    }
    glp_prob *cp = glp_create_prob();
    glp_copy_prob(cp, lp, GLP_OFF);
    int *root = xmalloc(sizeof *root * (size_t)(nr + n + 1));
    lp_basis(lp, root, 0);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUAL;
    double eps = 1e-6 * (fabs(o->cutoff) > 1 ? fabs(o->cutoff) : 1);
    if (o->maximise)
        sp.obj_ll = o->cutoff - eps;
    else
        sp.obj_ul = o->cutoff + eps;
    int per_probe = o->max_iterations / 10 > 50 ? o->max_iterations / 10 : 50;
    int none = 0;
    for (int k = 0; k < nc && !none; k++) {
        int j = cs[k].col;
        double v = glp_get_col_prim(lp, j);
        col_bounds was = {glp_get_col_type(cp, j), glp_get_col_lb(cp, j), glp_get_col_ub(cp, j)};
        int dead[2] = {0, 0}, ran = 0;
        for (int up = 0; up < 2; up++) {
            int left = o->max_iterations - st->iterations;
            if (left <= 0 || past_deadline(o->deadline))
                break;
            sp.it_lim = left < per_probe ? left : per_probe;
            if (o->deadline > 0)
                sp.tm_lim = tm_left(o);
            set_side(cp, j, &was, v, up);
            int its0 = glp_get_it_cnt(cp);
            int rc = glp_simplex(cp, &sp);
            st->iterations += glp_get_it_cnt(cp) - its0;
            dead[up] = cut_off(cp, o, rc);
            glp_set_col_bnds(cp, j, was.type, was.lb, was.ub);
            lp_basis(cp, root, 1);
            ran = 1;
        }
        if (!ran)
            break;
        st->probed++;
        if (dead[0] && dead[1]) {
            none = 1;
        } else if (dead[0] || dead[1]) {
            /* every solution within the cutoff is on the other side: so in
               the copy, for the probes after this one */
            set_side(cp, j, &was, v, dead[0]);
            st->fixed++;
        }
    }
    if (!none && st->fixed > 0 && !past_deadline(o->deadline)) {
        /* the copy with every column moved: no LP solution within the
           cutoff is a proof too */
        sp.it_lim = o->max_iterations;
        if (o->deadline > 0)
            sp.tm_lim = tm_left(o);
        int its0 = glp_get_it_cnt(cp);
        int rc = glp_simplex(cp, &sp);
        st->iterations += glp_get_it_cnt(cp) - its0;
        none = cut_off(cp, o, rc);
    }
    glp_delete_prob(cp);
    free(root);
    free(cs);
    return none;
}
