/* conflicts.c - why a scenario has no cohort.
 *
 * First the plain-words checks that need no solver (a must-staff challenge
 * without enough eligible applicants, needs that cannot fit in the team).
 * Then an elastic copy of the model: every rule that a coordinator can
 * relax (C6 must_staff, C7 cohort size, C8 quotas, C9 diversity, C10
 * envelope, C11 host budgets) gets a slack and an indicator; the solver
 * minimises first the number of rules relaxed, then how far. The rules it
 * relaxes are the smallest set that cannot hold together, and the elastic
 * cohort tells by how much each must move (computed exactly from it).
 */
#include "internal.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void add_conflict(cohort_result *r, const char *rule, const char *subject,
                         int64_t amount, const char *unit, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void add_conflict(cohort_result *r, const char *rule, const char *subject,
                         int64_t amount, const char *unit, const char *fmt, ...)
{
    r->conflicts = xrealloc(r->conflicts, sizeof *r->conflicts * (size_t)(r->nconflicts + 1));
    conflict *c = &r->conflicts[r->nconflicts++];
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    c->rule = xstrdup(rule);
    c->subject = xstrdup(subject ? subject : "");
    c->text = xstrdup(buf);
    c->amount = amount;
    c->unit = xstrdup(unit ? unit : "");
}

/* Plain-words reasons why challenge h can never be staffed, or 0. */
static int structural(const cohort_scenario *s, int h, char *buf, size_t n)
{
    const challenge *c = &s->chals[h];
    int cnt[NPROF] = {0}, total = 0, pool = 0, need_sum = 0;
    for (int k = s->by_chal_start[h]; k < s->by_chal_start[h + 1]; k++) {
        cnt[s->cands[s->apps[s->by_chal[k]].cand].profile]++;
        total++;
    }
    for (int p = 0; p < NPROF; p++) {
        if (cnt[p])
            pool++;
        need_sum += c->need_min[p];
    }
    for (int p = 0; p < NPROF; p++)
        if (cnt[p] < c->need_min[p]) {
            if (cnt[p] == 0)
                snprintf(buf, n, "no eligible %s (needs %d)", PROFILE_NAMES[p], c->need_min[p]);
            else
                snprintf(buf, n, "only %d eligible %s (needs %d)", cnt[p], PROFILE_NAMES[p],
                         c->need_min[p]);
            return c->need_min[p] - cnt[p];
        }
    if (total < c->min_team) {
        snprintf(buf, n, "only %d eligible applicant%s (min_team %d)", total, total == 1 ? "" : "s",
                 c->min_team);
        return c->min_team - total;
    }
    if (need_sum > c->max_team) {
        snprintf(buf, n, "its needs require %d members but max_team is %d", need_sum, c->max_team);
        return need_sum - c->max_team;
    }
    if (pool < s->min_distinct) {
        snprintf(buf, n, "eligible applicants cover %d profile%s, min_distinct_profiles is %d",
                 pool, pool == 1 ? "" : "s", s->min_distinct);
        return s->min_distinct - pool;
    }
    return 0;
}

/* Exact description of each relaxable rule the cohort breaks. */
static void describe(const cohort_scenario *s, const int *assign, const unsigned char *relaxed_y,
                     cohort_result *r)
{
    int64_t prog = 0, total = 0, pcount[NPROF] = {0};
    int64_t *hostpay = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *hostpay);
    int64_t *dcount = xcalloc((size_t)(s->ndivs ? s->ndivs : 1), sizeof *dcount);
    for (int i = 0; i < s->ncands; i++) {
        if (assign[i] < 0)
            continue;
        const app *a = &s->apps[assign[i]];
        prog += a->prog;
        hostpay[s->chals[a->chal].host] += a->hshare;
        total++;
        pcount[s->cands[i].profile]++;
        for (int d = 0; d < s->ndivs; d++) {
            int at = s->divs[d].attr;
            const char *v = at >= 0 ? s->cands[i].attrs[at] : NULL;
            if (v && !strcmp(v, s->divs[d].value))
                dcount[d]++;
        }
    }
    char eur[64], why[256];
    for (int h = 0; h < s->nchals; h++) {
        if (!relaxed_y[h])
            continue;
        if (structural(s, h, why, sizeof why))
            add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                         "C6 must_staff %s: %s", s->chals[h].id, why);
        else
            add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                         "C6 must_staff %s: cannot be staffed together with the other rules "
                         "(drop must_staff, or relax the rules below)", s->chals[h].id);
    }
    if (s->cs_min >= 0 && total < s->cs_min)
        add_conflict(r, "C7", "cohort", s->cs_min - total, "members",
                     "C7 cohort size: %lld members at most can be placed, cohort_size.min is %d "
                     "(%lld short)", (long long)total, s->cs_min, (long long)(s->cs_min - total));
    if (s->cs_max >= 0 && total > s->cs_max)
        add_conflict(r, "C7", "cohort", total - s->cs_max, "members",
                     "C7 cohort size: at least %lld members are needed, cohort_size.max is %d "
                     "(%lld over)", (long long)total, s->cs_max, (long long)(total - s->cs_max));
    for (int p = 0; p < NPROF; p++) {
        if (!s->has_quota[p])
            continue;
        const quota *q = &s->quotas[p];
        const char *pn = PROFILE_NAMES[p];
        if (q->min >= 0 && pcount[p] < q->min)
            add_conflict(r, "C8", pn, q->min - pcount[p], "members",
                         "C8 quota %s: at most %lld can be placed, min is %d (%lld short)", pn,
                         (long long)pcount[p], q->min, (long long)(q->min - pcount[p]));
        if (q->max >= 0 && pcount[p] > q->max)
            add_conflict(r, "C8", pn, pcount[p] - q->max, "members",
                         "C8 quota %s: %lld are needed, max is %d (%lld over)", pn,
                         (long long)pcount[p], q->max, (long long)(pcount[p] - q->max));
        if (q->has_min_share &&
            (__int128)pcount[p] * q->min_share.den < (__int128)q->min_share.num * total) {
            int64_t need = muldiv_round(q->min_share.num, total, q->min_share.den);
            while ((__int128)need * q->min_share.den < (__int128)q->min_share.num * total)
                need++;
            add_conflict(r, "C8", pn, need - pcount[p], "members",
                         "C8 quota %s min_share %.4g: %lld of %lld members, %lld more %s needed",
                         pn, (double)q->min_share.num / (double)q->min_share.den,
                         (long long)pcount[p], (long long)total, (long long)(need - pcount[p]),
                         pn);
        }
        if (q->has_max_share &&
            (__int128)pcount[p] * q->max_share.den > (__int128)q->max_share.num * total) {
            int64_t allowed = (int64_t)(((__int128)q->max_share.num * total) / q->max_share.den);
            add_conflict(r, "C8", pn, pcount[p] - allowed, "members",
                         "C8 quota %s max_share %.4g: %lld of %lld members, %lld too many", pn,
                         (double)q->max_share.num / (double)q->max_share.den,
                         (long long)pcount[p], (long long)total, (long long)(pcount[p] - allowed));
        }
    }
    for (int d = 0; d < s->ndivs; d++) {
        const diversity *D = &s->divs[d];
        char subj[300];
        snprintf(subj, sizeof subj, "%s=%s", D->attribute, D->value);
        if (D->has_min_share &&
            (__int128)dcount[d] * D->min_share.den < (__int128)D->min_share.num * total) {
            int64_t need = (int64_t)(((__int128)D->min_share.num * total + D->min_share.den - 1) /
                                     D->min_share.den);
            add_conflict(r, "C9", subj, need - dcount[d], "members",
                         "C9 diversity %s min_share %.4g: %lld of %lld members, %lld more needed",
                         subj, (double)D->min_share.num / (double)D->min_share.den,
                         (long long)dcount[d], (long long)total, (long long)(need - dcount[d]));
        }
        if (D->has_max_share &&
            (__int128)dcount[d] * D->max_share.den > (__int128)D->max_share.num * total) {
            int64_t allowed = (int64_t)(((__int128)D->max_share.num * total) / D->max_share.den);
            add_conflict(r, "C9", subj, dcount[d] - allowed, "members",
                         "C9 diversity %s max_share %.4g: %lld of %lld members, %lld too many",
                         subj, (double)D->max_share.num / (double)D->max_share.den,
                         (long long)dcount[d], (long long)total, (long long)(dcount[d] - allowed));
        }
    }
    if (s->envelope >= 0 && prog > s->envelope) {
        fmt_eur(prog - s->envelope, eur, sizeof eur);
        add_conflict(r, "C10", "programme", prog - s->envelope, "cents",
                     "C10 programme envelope: %s short", eur);
    }
    for (int h = 0; h < s->nhosts; h++)
        if (s->hosts[h].budget >= 0 && hostpay[h] > s->hosts[h].budget) {
            fmt_eur(hostpay[h] - s->hosts[h].budget, eur, sizeof eur);
            add_conflict(r, "C11", s->hosts[h].id, hostpay[h] - s->hosts[h].budget, "cents",
                         "C11 host budget %s: %s short", s->hosts[h].id, eur);
        }
    free(hostpay);
    free(dcount);
}

/* The elastic model: each relaxable rule (a "group") either holds (its slack
 * fixed at 0, or for C6 its challenge's y fixed at 1) or is dropped. */
typedef struct group {
    int col;   /* slack column, or the y column for C6 */
    int is_c6;
} group;

typedef struct elastic {
    const cohort_scenario *s;
    model *m;
    group *g;
    int ng;
    double deadline;
} elastic;

static void add_slack(elastic *e, int row, int side, double M)
{
    glp_prob *lp = e->m->lp;
    int j = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, j, GLP_CV);
    glp_set_col_bnds(lp, j, GLP_DB, 0, M);
    int len = glp_get_mat_row(lp, row, NULL, NULL);
    int *ind = xmalloc(sizeof *ind * (size_t)(len + 2));
    double *val = xmalloc(sizeof *val * (size_t)(len + 2));
    glp_get_mat_row(lp, row, ind, val);
    ind[len + 1] = j;
    val[len + 1] = side > 0 ? 1.0 : -1.0;
    glp_set_mat_row(lp, row, len + 1, ind, val);
    free(ind);
    free(val);
    e->g = xrealloc(e->g, sizeof *e->g * (size_t)(e->ng + 1));
    e->g[e->ng].col = j;
    e->g[e->ng].is_c6 = 0;
    e->ng++;
}

/* in: 1 = the group holds, 0 = dropped */
static void set_groups(elastic *e, const unsigned char *in, int objective_group)
{
    glp_prob *lp = e->m->lp;
    for (int j = 1; j <= glp_get_num_cols(lp); j++)
        glp_set_obj_coef(lp, j, 0.0);
    for (int k = 0; k < e->ng; k++) {
        group *g = &e->g[k];
        if (g->is_c6) {
            if (in[k])
                glp_set_col_bnds(lp, g->col, GLP_FX, 1, 1);
            else
                glp_set_col_bnds(lp, g->col, GLP_DB, 0, 1);
            if (k == objective_group)
                glp_set_obj_coef(lp, g->col, -1.0);
        } else {
            double M = glp_get_col_ub(lp, g->col);
            if (M <= 0)
                M = glp_get_col_lb(lp, g->col);
            (void)M;
            if (in[k])
                glp_set_col_bnds(lp, g->col, GLP_FX, 0, 0);
            else
                glp_set_col_bnds(lp, g->col, GLP_LO, 0, 0);
            if (k == objective_group)
                glp_set_obj_coef(lp, g->col, 1.0);
        }
    }
    glp_set_obj_dir(lp, GLP_MIN);
}

/* 1 feasible, 0 infeasible, -1 unknown (time) */
static int elastic_solve(elastic *e)
{
    double left = e->deadline - now_seconds();
    if (left <= 0)
        return -1;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    sp.tm_lim = (int)(left * 1000) + 1;
    int rc = glp_simplex(e->m->lp, &sp);
    if (rc == GLP_ENOPFS || (rc == 0 && glp_get_status(e->m->lp) == GLP_NOFEAS))
        return 0;
    if (rc != 0 || glp_get_status(e->m->lp) != GLP_OPT)
        return -1;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.br_tech = GLP_BR_PCH;
    ip.bt_tech = GLP_BT_BLB;
    left = e->deadline - now_seconds();
    ip.tm_lim = left > 0 ? (int)(left * 1000) + 1 : 1;
    rc = glp_intopt(e->m->lp, &ip);
    int ms = glp_mip_status(e->m->lp);
    if (ms == GLP_NOFEAS)
        return 0;
    if (ms == GLP_OPT)
        return 1;
    return -1;
}

int explain_infeasible(const cohort_scenario *s, const cohort_solve_opts *o, cohort_result *r)
{
    char why[256];
    /* 1. plain-words checks that need no solver */
    int plain = 0;
    for (int h = 0; h < s->nchals; h++)
        if (s->chals[h].must_staff && structural(s, h, why, sizeof why)) {
            add_conflict(r, "C6", s->chals[h].id, 1, "challenge", "C6 must_staff %s: %s",
                         s->chals[h].id, why);
            plain++;
        }
    if (plain)
        return 0;
    /* 2. the elastic model */
    glp_term_out(GLP_OFF);
    model_opts mo = {1, 0};
    elastic e = {0};
    e.s = s;
    e.m = model_build(s, &mo);
    double budget = o && o->time_limit > 0 ? o->time_limit : 60.0;
    e.deadline = now_seconds() + budget;
    glp_prob *lp = e.m->lp;
    for (int h = 0; h < s->nchals; h++) {
        if (!s->chals[h].must_staff)
            continue;
        e.g = xrealloc(e.g, sizeof *e.g * (size_t)(e.ng + 1));
        e.g[e.ng].col = model_ycol(e.m, h);
        e.g[e.ng].is_c6 = 1;
        e.ng++;
    }
    int nrows = glp_get_num_rows(lp);
    for (int row = 1; row <= nrows; row++) {
        int kind = e.m->row_kind[row];
        if (kind < ROW_C7 || kind > ROW_C11)
            continue;
        int type = glp_get_row_type(lp, row);
        double M = 1;
        if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
            add_slack(&e, row, +1, M);
        if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
            add_slack(&e, row, -1, M);
    }
    unsigned char *in = xmalloc((size_t)(e.ng ? e.ng : 1));
    memset(in, 1, (size_t)(e.ng ? e.ng : 1));
    /* deletion filter: drop every group whose absence keeps it infeasible;
       what remains is a minimal set of rules that cannot hold together */
    int unknown = 0;
    for (int k = 0; k < e.ng; k++) {
        in[k] = 0;
        set_groups(&e, in, -1);
        int f = elastic_solve(&e);
        if (f == 0)
            continue; /* still infeasible without it: not needed */
        if (f < 0)
            unknown = 1;
        in[k] = 1;
    }
    /* each rule of the set: how far must it move, the others holding? */
    int *assign = xmalloc(sizeof *assign * (size_t)(s->ncands ? s->ncands : 1));
    unsigned char *ry = xcalloc((size_t)(s->nchals ? s->nchals : 1), 1);
    for (int k = 0; k < e.ng; k++) {
        if (!in[k])
            continue;
        in[k] = 0;
        set_groups(&e, in, k);
        int f = elastic_solve(&e);
        in[k] = 1;
        int before = r->nconflicts;
        if (f == 1) {
            for (int i = 0; i < s->ncands; i++)
                assign[i] = -1;
            for (int q = 0; q < s->npairs; q++)
                if (glp_mip_col_val(lp, model_xcol(e.m, q)) > 0.5)
                    assign[s->apps[s->pairs[q]].cand] = s->pairs[q];
            memset(ry, 0, (size_t)(s->nchals ? s->nchals : 1));
            for (int h = 0; h < s->nchals; h++)
                if (s->chals[h].must_staff && glp_mip_col_val(lp, model_ycol(e.m, h)) < 0.5)
                    ry[h] = 1;
            describe(s, assign, ry, r);
        }
        if (r->nconflicts == before) {
            /* this rule is part of the conflict but moving it alone is not enough
               (or the time ran out): name it without an amount */
            const group *g = &e.g[k];
            if (g->is_c6) {
                int h = g->col - model_ycol(e.m, 0);
                add_conflict(r, "C6", s->chals[h].id, 1, "challenge",
                             "C6 must_staff %s: part of the conflict", s->chals[h].id);
            } else {
                int row = 0;
                for (int q = 1; q <= nrows && !row; q++) {
                    int len = glp_get_mat_row(lp, q, NULL, NULL);
                    int *ind = xmalloc(sizeof *ind * (size_t)(len + 1));
                    glp_get_mat_row(lp, q, ind, NULL);
                    for (int t = 1; t <= len; t++)
                        if (ind[t] == g->col)
                            row = q;
                    free(ind);
                }
                const char *names[] = {"", "C1", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10",
                                       "C11"};
                int kind = row ? e.m->row_kind[row] : 0;
                add_conflict(r, kind >= 1 && kind <= 10 ? names[kind] : "rule",
                             row ? glp_get_row_name(lp, row) : "", 0, "",
                             "%s (%s): part of the conflict; relaxing it alone is not enough",
                             kind >= 1 && kind <= 10 ? names[kind] : "rule",
                             row ? glp_get_row_name(lp, row) : "");
            }
        }
    }
    if (!r->nconflicts || unknown)
        add_conflict(r, "ALL", "", 0, "", unknown ? "the search for the conflicting rules ran "
                     "out of time; the list may not be minimal" : "the rules cannot all hold "
                     "together");
    free(assign);
    free(ry);
    free(in);
    free(e.g);
    model_free(e.m);
    return 0;
}
