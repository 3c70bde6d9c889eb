/* cuts.c - rounds of mixed-integer rounding cuts at the root of a level.
 *
 * Each round takes base inequalities sum a_i v_i >= b over variables
 * complemented to be >= 0 (v = x - l or u - x, whichever bound the LP's
 * value is nearer): the model's rows divided by a coefficient of one of
 * their fractional integer columns, and the rows of the simplex tableau of
 * the fractional basic integer columns (with the integral rows' auxiliary
 * variables counted as integers). From each it derives the mixed-integer
 * rounding inequality and the two-step ones of Dash and Günlük ("Valid
 * inequalities based on simple mixed-integer sets", Math. Programming 105,
 * 2006), keeps the one that the LP's point violates most for its length,
 * and writes it back over the columns. docs/model.md ("Root cuts") says
 * where they are used and what they did. */
#include "cuts.h"
#include "internal.h"
#include "lp.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROW_NZ 500    /* model rows longer than this are not bases */
#define MAX_TAB_ROWS 200  /* tableau rows a round, the most fractional first */
#define MAX_TAB_WORK 2e8  /* multiply-adds of the tableau rows, all rounds together */
#define MAX_DIVISORS 8    /* divisors tried on a model row */
#define MAX_ALPHAS 8      /* two-step parameters tried on a base */
#define AWAY 0.01         /* a value this near an integer is taken as integral */
#define MIN_EFFICACY 1e-4 /* violation / Euclidean norm of a cut */
#define MAX_DYNAMISM 1e6  /* largest / smallest coefficient of a cut */
#define STALL_ROUNDS 3    /* stop when these rounds moved the bound by less */
#define STALL_SHARE 0.01  /* than this share of what is left to stop_at */

/* A variable of a base, complemented: v = sg (x - bnd) >= 0. q is GLPK's
 * tableau index: 1..m a row's auxiliary variable (its activity), m+j
 * column j. */
typedef struct term {
    int q;
    double a;     /* its coefficient in the base */
    double v;     /* its value at the LP's point */
    double range; /* its upper bound, HUGE_VAL when none */
    double bnd;
    int sg;
    int isint;
} term;

typedef struct work {
    glp_prob *lp;
    int m, n, m0;          /* rows now, columns, rows before the first cut */
    long nz_left;          /* entries the cuts may still add, all rounds together */
    double work;           /* multiply-adds of the tableau rows so far */
    double deadline;       /* cuts_opts' */
    unsigned char *introw; /* 1..m0: every integral point makes the row's activity integral */
    unsigned char *fraccol; /* 1..n: an integer column at a fractional value */
    int *ind;              /* n + 1: a tableau row */
    double *val;
    term *t, *t2;          /* a base, and a scaled copy */
    double *c, *best;      /* coefficients of a cut per term */
    double *keep;          /* MAX_ROW_NZ + 1: a model row's best cut over its divisors */
    double *dense;         /* n + 1: a cut over the columns */
    int *touched, ntouched;
    int *rind;             /* n + 1: a cut's entries */
    double *rval;
    /* the rows, the cuts' included (row i: ri/rv[rs[i] .. rs[i + 1] - 1]),
       and the model's rows by column (column j: ci/cv[cs[j] .. cs[j + 1] - 1]):
       GLPK's own walks along its linked lists missed the cache */
    int *rs, *ri, rcap, ecap;
    double *rv;
    int *cs, *ci;
    double *cv;
    double *rho;           /* m + 1: a row of the basis inverse */
    double *alpha;         /* n + 1: a row of the tableau, by column */
    /* the round's cuts one after the other: cut k's entries are
       cind/cval[start[k] .. start[k + 1] - 1], from 1 */
    int ncuts, cap, nnz, nnzcap;
    int *start;
    double *rhs;
    int *cind;
    double *cval;
} work;

static double fracp(double v)
{
    return v - floor(v);
}

/* Whether a GLPK row or column of this type has a lower, an upper bound. */
static int has_lb(int type)
{
    return type == GLP_LO || type == GLP_DB || type == GLP_FX;
}

static int has_ub(int type)
{
    return type == GLP_UP || type == GLP_DB || type == GLP_FX;
}

/* Whether alpha qualifies for the two-step MIR of a base whose right-hand
 * side has the fractional part f: 0 < alpha < f, 1/alpha >= ceil(f/alpha),
 * and alpha far enough from a divisor of f. */
static int two_step_ok(double f, double alpha)
{
    return alpha > 0 && alpha < f && 1 / alpha >= ceil(f / alpha) &&
           f - alpha * floor(f / alpha) >= 1e-4;
}

/* The two-step MIR inequality sum c_i v_i >= *r of the base sum a_i v_i >=
 * b (v >= 0, integral where isint) for a parameter 0 < alpha < frac(b)
 * with 1/alpha >= ceil(frac(b)/alpha); with alpha 0 the MIR inequality.
 * Returns 0 when the base or alpha does not qualify. */
static int rounding(const term *t, int nt, double b, double alpha, double *c, double *r)
{
    double f = fracp(b), tau = 1, rho = f;
    if (f < AWAY || f > 1 - AWAY)
        return 0;
    if (alpha > 0) {
        if (!two_step_ok(f, alpha))
            return 0;
        tau = ceil(f / alpha);
        rho = f - alpha * floor(f / alpha);
    }
    for (int i = 0; i < nt; i++) {
        double a = t[i].a;
        if (!t[i].isint) {
            c[i] = a > 0 ? a : 0;
            continue;
        }
        double fl = floor(a), fa = a - fl, k = 0;
        if (alpha > 0) {
            k = floor(fa / alpha);
            if (k > tau - 1)
                k = tau - 1;
        }
        double rest = fa - k * alpha;
        c[i] = fl * tau * rho + k * rho + (rest < rho ? rest : rho);
    }
    *r = ceil(b) * tau * rho;
    return 1;
}

/* Integer coefficients within 1e-9 of an integer become that integer,
 * keeping the base valid: one raised (v >= 0), one lowered with b lowered
 * by what it can lose over v's range. */
static void tidy(term *t, int nt, double *b)
{
    for (int i = 0; i < nt; i++) {
        if (!t[i].isint)
            continue;
        double fa = fracp(t[i].a);
        if (fa > 1 - 1e-9)
            t[i].a = ceil(t[i].a);
        else if (fa > 0 && fa < 1e-9 && t[i].range < HUGE_VAL) {
            t[i].a = floor(t[i].a);
            *b -= fa * t[i].range;
        }
    }
}

static void add_alpha(double *al, int *na, double a)
{
    for (int k = 0; k < *na; k++)
        if (fabs(al[k] - a) < 1e-9)
            return;
    if (*na < MAX_ALPHAS + 1)
        al[(*na)++] = a;
}

/* The most efficacious of the MIR and two-step inequalities of the base t
 * (the two-step parameters: the fractional parts of its integer
 * coefficients between frac(b)/2 and frac(b), divided until they
 * qualify): its coefficients into best, its right-hand side into *r.
 * Returns its efficacy, 0 when none is violated. */
static double best_rounding(work *w, const term *t, int nt, double b, double *r)
{
    double f = fracp(b), al[MAX_ALPHAS + 1];
    int na = 0;
    al[na++] = 0;
    for (int i = 0; i < nt && na <= MAX_ALPHAS; i++) {
        if (!t[i].isint)
            continue;
        double fa = fracp(t[i].a);
        if (fa < 1e-3 || fa >= f || fa < f / 2)
            continue;
        for (int k = 1; k <= 8; k++)
            if (two_step_ok(f, fa / k)) {
                add_alpha(al, &na, fa / k);
                break;
            }
    }
    double best = 0;
    for (int k = 0; k < na; k++) {
        double rr;
        if (!rounding(t, nt, b, al[k], w->c, &rr))
            continue;
        double act = 0, norm = 0;
        for (int i = 0; i < nt; i++) {
            act += w->c[i] * t[i].v;
            norm += w->c[i] * w->c[i];
        }
        double eff = norm > 0 ? (rr - act) / sqrt(norm) : 0;
        if (eff > best + 1e-12) {
            best = eff;
            *r = rr;
            memcpy(w->best, w->c, sizeof *w->best * (size_t)nt);
        }
    }
    return best;
}

static void dense_add(work *w, int j, double v)
{
    if (w->dense[j] == 0)
        w->touched[w->ntouched++] = j;
    w->dense[j] += v;
    if (w->dense[j] == 0)
        w->dense[j] = 1e-300; /* stays touched */
}

/* The cut sum best_i v_i >= r over the terms t written over the columns
 * (each v by its column or its row's columns) and kept for the round when
 * it is still violated, not too long and its coefficients within
 * MAX_DYNAMISM of each other. */
static void keep_cut(work *w, const term *t, int nt, double r)
{
    glp_prob *lp = w->lp;
    w->ntouched = 0;
    for (int i = 0; i < nt; i++) {
        double co = w->best[i] * t[i].sg;
        if (w->best[i] == 0)
            continue;
        r += co * t[i].bnd;
        if (t[i].q > w->m) {
            dense_add(w, t[i].q - w->m, co);
        } else {
            for (int e = w->rs[t[i].q]; e < w->rs[t[i].q + 1]; e++)
                dense_add(w, w->ri[e], co * w->rv[e]);
        }
    }
    double big = 0;
    for (int k = 0; k < w->ntouched; k++) {
        double v = fabs(w->dense[w->touched[k]]);
        if (v > big)
            big = v;
    }
    int nz = 0, ok = big > 0;
    double act = 0, small = HUGE_VAL, norm = 0;
    for (int k = 0; k < w->ntouched; k++) {
        int j = w->touched[k];
        double v = w->dense[j];
        w->dense[j] = 0;
        if (!ok)
            continue;
        if (fabs(v) < 1e-9 * big) {
            /* dropped, the cut weakened by the most the term can add */
            int ct = glp_get_col_type(lp, j);
            if (v > 0 ? !has_ub(ct) : !has_lb(ct))
                ok = 0;
            else
                r -= v * (v > 0 ? glp_get_col_ub(lp, j) : glp_get_col_lb(lp, j));
            continue;
        }
        if (fabs(v) < small)
            small = fabs(v);
        act += v * glp_get_col_prim(lp, j);
        norm += v * v;
        w->rind[++nz] = j;
        w->rval[nz] = v;
    }
    r -= 1e-7 * (fabs(r) > 1 ? fabs(r) : 1); /* a margin for rounding errors */
    if (!ok || nz == 0 || nz > w->nz_left || big / small > MAX_DYNAMISM ||
        (r - act) / sqrt(norm) < MIN_EFFICACY)
        return;
    w->nz_left -= nz;
    if (w->ncuts + 1 >= w->cap) {
        w->cap = 2 * w->cap + 16;
        w->start = xrealloc(w->start, sizeof *w->start * (size_t)(w->cap + 1));
        w->rhs = xrealloc(w->rhs, sizeof *w->rhs * (size_t)w->cap);
    }
    if (w->nnz + nz + 2 > w->nnzcap) {
        w->nnzcap = 2 * (w->nnz + nz + 1);
        w->cind = xrealloc(w->cind, sizeof *w->cind * (size_t)w->nnzcap);
        w->cval = xrealloc(w->cval, sizeof *w->cval * (size_t)w->nnzcap);
    }
    w->start[w->ncuts] = w->nnz;
    w->rhs[w->ncuts++] = r;
    for (int k = 1; k <= nz; k++) {
        w->cind[w->nnz] = w->rind[k];
        w->cval[w->nnz++] = w->rval[k];
    }
    w->start[w->ncuts] = w->nnz;
}

/* Sets t's complement from GLPK's bounds and the LP value x: towards the
 * upper bound when nearer it, else the lower. Returns 0 when v would have
 * no finite bound. */
static int complement(term *t, int type, double lb, double ub, double x)
{
    int haslb = has_lb(type), hasub = has_ub(type);
    if (hasub && (!haslb || ub - x < x - lb)) {
        t->sg = -1, t->bnd = ub;
    } else if (haslb) {
        t->sg = 1, t->bnd = lb;
    } else {
        return 0;
    }
    t->range = haslb && hasub ? ub - lb : HUGE_VAL;
    t->v = t->sg * (x - t->bnd);
    if (t->v < 0)
        t->v = 0;
    return 1;
}

/* The row of the simplex tableau of basic column j, as glp_eval_tab_row()
 * gives it (x_j = sum val[k] x_ind[k] over the nonbasic variables, rows
 * 1..m first, then columns), from the stored rows instead of GLPK's
 * linked columns. Returns its length. */
static int tab_row(work *w, int j, int *ind, double *val)
{
    glp_prob *lp = w->lp;
    int m = w->m, n = w->n, len = 0;
    double *rho = w->rho, *alpha = w->alpha;
    memset(rho, 0, sizeof *rho * ((size_t)m + 1));
    rho[glp_get_col_bind(lp, j)] = 1.0;
    glp_btran(lp, rho);
    memset(alpha, 0, sizeof *alpha * ((size_t)n + 1));
    for (int i = w->m0 + 1; i <= m; i++)
        if (rho[i] != 0)
            for (int e = w->rs[i]; e < w->rs[i + 1]; e++)
                alpha[w->ri[e]] += rho[i] * w->rv[e];
    for (int i = 1; i <= m; i++)
        if (glp_get_row_stat(lp, i) != GLP_BS && rho[i] != 0) {
            ind[++len] = i;
            val[len] = -rho[i];
        }
    for (int k = 1; k <= n; k++) {
        if (glp_get_col_stat(lp, k) == GLP_BS)
            continue;
        double a = alpha[k];
        for (int e = w->cs[k]; e < w->cs[k + 1]; e++)
            a += rho[w->ci[e]] * w->cv[e];
        if (a != 0) {
            ind[++len] = m + k;
            val[len] = a;
        }
    }
    return len;
}

/* Appends row i (the model's, or a cut) to the stored rows. */
static void store_row(work *w, int i, int len, const int *ind, const double *val)
{
    if (i + 1 >= w->rcap) {
        w->rcap = 2 * (i + 1);
        w->rs = xrealloc(w->rs, sizeof *w->rs * (size_t)(w->rcap + 1));
    }
    if (w->rs[i] + len > w->ecap) {
        w->ecap = 2 * (w->rs[i] + len) + 16;
        w->ri = xrealloc(w->ri, sizeof *w->ri * (size_t)w->ecap);
        w->rv = xrealloc(w->rv, sizeof *w->rv * (size_t)w->ecap);
    }
    for (int k = 1; k <= len; k++) {
        w->ri[w->rs[i] + k - 1] = ind[k];
        w->rv[w->rs[i] + k - 1] = val[k];
    }
    w->rs[i + 1] = w->rs[i] + len;
}

/* The cuts of the tableau rows of the fractional basic integer columns. */
static void tableau_cuts(work *w)
{
    glp_prob *lp = w->lp;
    frac_col *cand = xmalloc(sizeof *cand * (size_t)(w->n + 1));
    int nc = 0;
    for (int j = 1; j <= w->n; j++)
        if (w->fraccol[j] && glp_get_col_stat(lp, j) == GLP_BS)
            cand[nc++] = (frac_col){j, frac_dist(glp_get_col_prim(lp, j))};
    frac_cols_sort(cand, nc);
    if (nc > MAX_TAB_ROWS)
        nc = MAX_TAB_ROWS;
    double row_work = (double)w->rs[w->m + 1] + w->n;
    for (int ci = 0; ci < nc && w->work + row_work <= MAX_TAB_WORK; ci++) {
        if (past_deadline(w->deadline))
            break;
        int j = cand[ci].col;
        w->work += row_work;
        term *t = w->t;
        int nt = 0, bad = 0;
        double b = 0;
        /* x_j - sum val_k x_k = 0 over the nonbasic x_k */
        t[0].q = w->m + j;
        t[0].isint = 1;
        if (!complement(&t[0], glp_get_col_type(lp, j), glp_get_col_lb(lp, j),
                        glp_get_col_ub(lp, j), glp_get_col_prim(lp, j)))
            continue;
        t[0].a = t[0].sg;
        b -= t[0].bnd;
        nt = 1;
        int len = tab_row(w, j, w->ind, w->val);
        for (int k = 1; k <= len && !bad; k++) {
            int q = w->ind[k], stat, type, isint;
            double lb, ub, x, a = -w->val[k];
            if (q <= w->m) {
                stat = glp_get_row_stat(lp, q), type = glp_get_row_type(lp, q);
                lb = glp_get_row_lb(lp, q), ub = glp_get_row_ub(lp, q);
                x = glp_get_row_prim(lp, q);
                isint = q <= w->m0 && w->introw[q];
            } else {
                stat = glp_get_col_stat(lp, q - w->m), type = glp_get_col_type(lp, q - w->m);
                lb = glp_get_col_lb(lp, q - w->m), ub = glp_get_col_ub(lp, q - w->m);
                x = glp_get_col_prim(lp, q - w->m);
                isint = glp_get_col_kind(lp, q - w->m) != GLP_CV;
            }
            if (stat == GLP_NS) {
                b -= a * lb;
                continue;
            }
            if (stat == GLP_NF) {
                bad = 1;
                break;
            }
            term *u = &t[nt];
            u->q = q;
            /* nonbasic: at the bound of its status */
            if (stat == GLP_NU) {
                u->sg = -1, u->bnd = ub;
            } else {
                u->sg = 1, u->bnd = lb;
            }
            u->range = type == GLP_DB ? ub - lb : HUGE_VAL;
            u->v = u->sg * (x - u->bnd);
            if (u->v < 0)
                u->v = 0;
            u->isint = isint && u->bnd == floor(u->bnd);
            u->a = a * u->sg;
            b -= a * u->bnd;
            nt++;
        }
        if (bad)
            continue;
        tidy(t, nt, &b);
        double r;
        if (best_rounding(w, t, nt, b, &r) > 0)
            keep_cut(w, t, nt, r);
    }
    free(cand);
}

/* The cuts of the model's rows that hold a fractional integer column (on
 * the others the LP's point is an integral point of the row's set, which
 * satisfies every cut of it), each divided by the coefficients of its
 * fractional integer columns in turn. */
static void row_cuts(work *w)
{
    glp_prob *lp = w->lp;
    for (int i = 1; i <= w->m0; i++) {
        if (i % 1024 == 0 && past_deadline(w->deadline))
            break;
        int type = glp_get_row_type(lp, i);
        if (type == GLP_FR)
            continue;
        int len = w->rs[i + 1] - w->rs[i], frac = 0;
        const int *ri = w->ri + w->rs[i];
        const double *rv = w->rv + w->rs[i];
        if (len == 0 || len > MAX_ROW_NZ)
            continue;
        for (int k = 0; k < len && !frac; k++)
            frac = w->fraccol[ri[k]];
        if (!frac)
            continue;
        double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i), act = glp_get_row_prim(lp, i);
        double s, b, slack;
        if (type == GLP_UP || ((type == GLP_DB || type == GLP_FX) && ub - act < act - lb))
            s = -1, b = -ub, slack = ub - act;
        else
            s = 1, b = lb, slack = act - lb;
        term *t = w->t;
        int nt = 0, bad = 0;
        for (int k = 0; k < len && !bad; k++) {
            int j = ri[k], ct = glp_get_col_type(lp, j);
            double a = s * rv[k], l = glp_get_col_lb(lp, j), u = glp_get_col_ub(lp, j);
            if (ct == GLP_FX) {
                b -= a * l;
                continue;
            }
            t[nt].q = w->m + j;
            t[nt].isint = glp_get_col_kind(lp, j) != GLP_CV;
            if (!complement(&t[nt], ct, l, u, glp_get_col_prim(lp, j))) {
                bad = 1;
                break;
            }
            if (t[nt].isint && t[nt].bnd != floor(t[nt].bnd))
                t[nt].isint = 0;
            b -= a * t[nt].bnd;
            t[nt].a = a * t[nt].sg;
            nt++;
        }
        if (bad || nt == 0)
            continue;
        double div[MAX_DIVISORS], beff = 0, br = 0;
        int nd = 0;
        for (int k = 0; k < nt && nd < MAX_DIVISORS; k++) {
            double d = fabs(t[k].a);
            if (!t[k].isint || t[k].v < AWAY || d < 0.01 || slack / d > 0.5)
                continue;
            int seen = 0;
            for (int e = 0; e < nd && !seen; e++)
                seen = fabs(div[e] - d) < 1e-9 * d;
            if (!seen)
                div[nd++] = d;
        }
        int kept = 0;
        for (int e = 0; e < nd; e++) {
            double bd = b / div[e], r;
            for (int k = 0; k < nt; k++) {
                w->t2[k] = t[k];
                w->t2[k].a = t[k].a / div[e];
            }
            tidy(w->t2, nt, &bd);
            double eff = best_rounding(w, w->t2, nt, bd, &r);
            if (eff > beff + 1e-12) {
                beff = eff, br = r, kept = 1;
                memcpy(w->keep, w->best, sizeof *w->keep * (size_t)nt);
            }
        }
        if (kept) {
            memcpy(w->best, w->keep, sizeof *w->keep * (size_t)nt);
            keep_cut(w, t, nt, br);
        }
    }
}

static int passed(const cuts_opts *o, double z)
{
    return o->maximise ? z < o->stop_at : z > o->stop_at;
}

/* Deletes rows from..to of lp (1-based, inclusive). */
static void del_range(glp_prob *lp, int from, int to)
{
    if (to < from)
        return;
    int *num = xmalloc(sizeof *num * (size_t)(to - from + 2));
    for (int i = from; i <= to; i++)
        num[i - from + 1] = i;
    glp_del_rows(lp, to - from + 1, num);
    free(num);
}

int cuts_root(glp_prob *lp, const cuts_opts *o, cuts_stats *st)
{
    cuts_stats dummy;
    if (!st)
        st = &dummy;
    memset(st, 0, sizeof *st);
    work w = {0};
    w.lp = lp;
    w.m0 = w.m = glp_get_num_rows(lp);
    w.n = glp_get_num_cols(lp);
    w.deadline = o->deadline;
    size_t mn = (size_t)(w.m0 + w.n) + 1;
    w.introw = xcalloc((size_t)w.m0 + 1, 1);
    w.fraccol = xcalloc((size_t)w.n + 1, 1);
    /* a tableau row has an entry per nonbasic variable: n of them */
    w.ind = xmalloc(sizeof *w.ind * ((size_t)w.n + 1));
    w.val = xmalloc(sizeof *w.val * ((size_t)w.n + 1));
    w.t = xmalloc(sizeof *w.t * mn);
    w.t2 = xmalloc(sizeof *w.t2 * (MAX_ROW_NZ + 1));
    w.keep = xmalloc(sizeof *w.keep * (MAX_ROW_NZ + 1));
    w.c = xmalloc(sizeof *w.c * mn);
    w.best = xmalloc(sizeof *w.best * mn);
    w.dense = xcalloc((size_t)w.n + 1, sizeof *w.dense);
    w.touched = xmalloc(sizeof *w.touched * ((size_t)w.n + 1));
    w.rind = xmalloc(sizeof *w.rind * ((size_t)w.n + 1));
    w.rval = xmalloc(sizeof *w.rval * ((size_t)w.n + 1));
    /* the cuts may add as many entries as the model has (200,000 at least):
       GLPK keeps each in a node of its own, and dense cuts on a large model
       doubled the memory of a hundred times the real promotion */
    int nnz = glp_get_num_nz(lp);
    w.nz_left = nnz > 200000 ? nnz : 200000;
    w.rcap = w.m0 + 1;
    w.rs = xcalloc((size_t)w.rcap + 1, sizeof *w.rs);
    w.ecap = nnz + (int)w.nz_left;
    w.ri = xmalloc(sizeof *w.ri * (size_t)w.ecap);
    w.rv = xmalloc(sizeof *w.rv * (size_t)w.ecap);
    w.cs = xcalloc((size_t)w.n + 2, sizeof *w.cs);
    for (int i = 1; i <= w.m0; i++) {
        int len = glp_get_mat_row(lp, i, w.rind, w.rval), ok = 1;
        for (int k = 1; k <= len && ok; k++)
            ok = glp_get_col_kind(lp, w.rind[k]) != GLP_CV && w.rval[k] == floor(w.rval[k]);
        w.introw[i] = (unsigned char)ok;
        store_row(&w, i, len, w.rind, w.rval);
        for (int k = 1; k <= len; k++)
            w.cs[w.rind[k] + 1]++;
    }
    for (int j = 1; j <= w.n; j++)
        w.cs[j + 1] += w.cs[j];
    w.cs[1] = 0; /* column j's entries start at cs[j] */
    int ne = w.rs[w.m0 + 1];
    w.ci = xmalloc(sizeof *w.ci * (size_t)(ne + 1));
    w.cv = xmalloc(sizeof *w.cv * (size_t)(ne + 1));
    {
        int *fill = xmalloc(sizeof *fill * ((size_t)w.n + 2));
        memcpy(fill, w.cs, sizeof *fill * ((size_t)w.n + 2));
        for (int i = 1; i <= w.m0; i++)
            for (int e = w.rs[i]; e < w.rs[i + 1]; e++) {
                int j = w.ri[e];
                w.ci[fill[j]] = i;
                w.cv[fill[j]++] = w.rv[e];
            }
        free(fill);
    }
    /* the basis to go back to if the cuts leave GLPK in trouble */
    int *stat = xmalloc(sizeof *stat * ((size_t)w.m0 + (size_t)w.n + 1));
    lp_basis(lp, stat, 0);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.meth = GLP_DUALP;
    double z = glp_get_obj_val(lp);
    int it0 = glp_get_it_cnt(lp);
    double hist[STALL_ROUNDS + 1];
    int failed = 0;
    for (int r = 0; r < o->max_rounds; r++) {
        if (passed(o, z) || past_deadline(o->deadline) ||
            glp_get_it_cnt(lp) - it0 >= o->max_iterations)
            break;
        /* an LP solved with GLPK's presolver leaves no factorization */
        if (!glp_bf_exists(lp) && glp_factorize(lp) != 0)
            break;
        w.m = glp_get_num_rows(lp);
        for (int j = 1; j <= w.n; j++) {
            double x = glp_get_col_prim(lp, j);
            w.fraccol[j] = glp_get_col_kind(lp, j) != GLP_CV && frac_dist(x) > AWAY;
        }
        w.rho = xrealloc(w.rho, sizeof *w.rho * ((size_t)w.m + 1));
        if (!w.alpha)
            w.alpha = xmalloc(sizeof *w.alpha * ((size_t)w.n + 1));
        w.ncuts = 0;
        w.nnz = 1;
        tableau_cuts(&w);
        row_cuts(&w);
        if (w.ncuts == 0)
            break;
        int first = glp_add_rows(lp, w.ncuts);
        for (int k = 0; k < w.ncuts; k++) {
            int len = w.start[k + 1] - w.start[k];
            /* glp_set_mat_row reads ind[1..len] */
            glp_set_mat_row(lp, first + k, len, w.cind + w.start[k] - 1, w.cval + w.start[k] - 1);
            store_row(&w, first + k, len, w.cind + w.start[k] - 1, w.cval + w.start[k] - 1);
            glp_set_row_bnds(lp, first + k, GLP_LO, w.rhs[k], 0);
            char name[32];
            snprintf(name, sizeof name, CUTS_ROW_PREFIX "%d", first + k);
            glp_set_row_name(lp, first + k, name);
        }
        st->added += w.ncuts;
        st->rounds = r + 1;
        if (o->deadline > 0) {
            double left = o->deadline - now_seconds();
            sp.tm_lim = lp_tm_lim(left);
        }
        int rc = glp_simplex(lp, &sp);
        if (rc != 0 || glp_get_status(lp) != GLP_OPT) {
            failed = 1;
            break;
        }
        double z1 = glp_get_obj_val(lp);
        if (o->round_cb)
            o->round_cb(o->cb_info, r + 1, z1);
        hist[r % (STALL_ROUNDS + 1)] = z;
        z = z1;
        if (r >= STALL_ROUNDS) {
            double old = hist[(r - STALL_ROUNDS + 1) % (STALL_ROUNDS + 1)];
            double left = isfinite(o->stop_at) ? fabs(o->stop_at - z) : (fabs(z) > 1 ? fabs(z) : 1);
            if (fabs(z - old) < STALL_SHARE * left)
                break;
        }
    }
    int m = glp_get_num_rows(lp);
    if (!failed && m > w.m0) {
        /* the slack cuts go: their rows are basic, so the basis stays one */
        int *num = xmalloc(sizeof *num * (size_t)(m - w.m0 + 1)), nd = 0;
        for (int i = w.m0 + 1; i <= m; i++)
            if (glp_get_row_stat(lp, i) == GLP_BS)
                num[++nd] = i;
        if (nd)
            glp_del_rows(lp, nd, num);
        free(num);
        sp.tm_lim = INT_MAX;
        if (glp_simplex(lp, &sp) != 0 || glp_get_status(lp) != GLP_OPT)
            failed = 1;
        else
            st->kept = glp_get_num_rows(lp) - w.m0;
    }
    /* the caller's verdict on what is left */
    if (!failed && st->kept > 0 && o->accept && !o->accept(o->cb_info, st))
        failed = 1;
    if (failed) {
        /* every cut goes, and the LP is solved back from the basis it had */
        del_range(lp, w.m0 + 1, glp_get_num_rows(lp));
        lp_basis(lp, stat, 1);
        glp_smcp back;
        glp_init_smcp(&back);
        back.msg_lev = GLP_MSG_OFF;
        lp_relaxation(lp, &back);
        st->kept = 0;
    }
    free(stat);
    free(w.introw);
    free(w.fraccol);
    free(w.ind);
    free(w.val);
    free(w.t);
    free(w.t2);
    free(w.keep);
    free(w.c);
    free(w.best);
    free(w.dense);
    free(w.touched);
    free(w.rind);
    free(w.rval);
    free(w.rs);
    free(w.ri);
    free(w.rv);
    free(w.cs);
    free(w.ci);
    free(w.cv);
    free(w.rho);
    free(w.alpha);
    free(w.start);
    free(w.rhs);
    free(w.cind);
    free(w.cval);
    return st->kept;
}
