/* solution.c - figures derived from a cohort: money totals, the per-year
 * split of CONTRACT.md section 3, per-host and per-challenge sums, and the
 * blocking pairs with the rule or objective level that keeps each.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void split_years(const cohort_scenario *s, const cohort_result *r, int64_t amount, int64_t *out)
{
    int64_t left = amount;
    for (int y = 0; y < r->nyears; y++) {
        if (y == r->nyears - 1) {
            out[y] = left;
        } else {
            out[y] = muldiv_round(amount, r->months_in_year[y], s->duration);
            left -= out[y];
        }
    }
}

static void add3(money3 *m, int64_t c, int64_t p, int64_t h)
{
    m->cost += c;
    m->prog += p;
    m->host += h;
}

static void compute_years(const cohort_scenario *s, cohort_result *r)
{
    r->years = xmalloc(sizeof *r->years * (size_t)s->duration);
    r->months_in_year = xcalloc((size_t)s->duration, sizeof *r->months_in_year);
    r->nyears = 0;
    for (int k = 0; k < s->duration; k++) {
        int y = contract_month_year(s, k);
        if (!r->nyears || r->years[r->nyears - 1] != y)
            r->years[r->nyears++] = y;
        r->months_in_year[r->nyears - 1]++;
    }
}

/* Why does challenge h keep member m rather than candidate i? Tries the
 * swap and names the first rule it breaks, or the objective level it
 * worsens. Returns a new string. */
static char *swap_reason(const cohort_scenario *s, const cohort_result *r, int app_ih, int m,
                         int *assign_tmp, int *kept_by)
{
    const app *a = &s->apps[app_ih];
    int i = a->cand;
    memcpy(assign_tmp, r->assign, sizeof *assign_tmp * (size_t)s->ncands);
    assign_tmp[i] = app_ih;
    assign_tmp[m] = -1;
    char buf[512];
    if (check_cohort(s, assign_tmp, buf, sizeof buf)) {
        *kept_by = 1;
        char rule[8] = "";
        sscanf(buf, "%7s", rule);
        return xasprintf("putting %s in place of %s breaks %s", s->cands[i].id, s->cands[m].id,
                         buf);
    }
    int64_t lv[NLEVELS];
    cohort_levels(s, assign_tmp, lv);
    for (int k = 0; k < s->norder; k++) {
        int l = s->order[k];
        if (lv[l] == r->level[l])
            continue;
        int worse = l == LV_RANK ? lv[l] > r->level[l] : lv[l] < r->level[l];
        *kept_by = 2;
        char a1[40], a2[40];
        if (l == LV_RANK) {
            fmt_rank(s, r->level[l], a1, sizeof a1);
            fmt_rank(s, lv[l], a2, sizeof a2);
        } else {
            snprintf(a1, sizeof a1, "%lld", (long long)r->level[l]);
            snprintf(a2, sizeof a2, "%lld", (long long)lv[l]);
        }
        return xasprintf("putting %s in place of %s %s objective level '%s' from %s to %s",
                         s->cands[i].id, s->cands[m].id, worse ? "worsens" : "changes",
                         LEVEL_NAMES[l], a1, a2);
    }
    *kept_by = 3;
    return xasprintf("putting %s in place of %s gives a cohort just as good on every objective "
                     "level (a tie)", s->cands[i].id, s->cands[m].id);
}

static void compute_blocking(const cohort_scenario *s, cohort_result *r)
{
    int *tmp = xmalloc(sizeof *tmp * (size_t)(s->ncands ? s->ncands : 1));
    const int *members = r->mem, *start = r->mem_start;
    int cap = 0;
    for (int k = 0; k < s->npairs; k++) {
        int ai = s->pairs[k];
        const app *a = &s->apps[ai];
        int i = a->cand, h = a->chal;
        if (r->assign[i] == ai)
            continue;
        if (r->assign[i] >= 0 && !(a->crank_eff < s->apps[r->assign[i]].crank_eff))
            continue;
        int disp[64], nd = 0, worst = -1, worst_rank = -1;
        for (int q = start[h]; q < start[h + 1]; q++) {
            int mbr = members[q];
            const app *ma = &s->apps[r->assign[mbr]];
            if (s->cands[mbr].profile == s->cands[i].profile && ma->jrank > a->jrank && nd < 64) {
                disp[nd++] = mbr;
                if (ma->jrank > worst_rank) {
                    worst_rank = ma->jrank;
                    worst = mbr;
                }
            }
        }
        if (!nd)
            continue;
        GROW(r->blocks, cap, r->nblocks + 1);
        blocking *b = &r->blocks[r->nblocks++];
        b->app = ai;
        b->ndisp = nd;
        b->displaces = xmalloc(sizeof *b->displaces * (size_t)nd);
        memcpy(b->displaces, disp, sizeof *disp * (size_t)nd);
        b->why = swap_reason(s, r, ai, worst, tmp, &b->kept_by);
    }
    free(tmp);
}

static void compute_members(const cohort_scenario *s, cohort_result *r)
{
    r->mem = xmalloc(sizeof *r->mem * (size_t)(s->ncands ? s->ncands : 1));
    r->mem_start = xcalloc((size_t)s->nchals + 1, sizeof *r->mem_start);
    for (int i = 0; i < s->ncands; i++)
        if (r->assign[i] >= 0)
            r->mem_start[s->apps[r->assign[i]].chal + 1]++;
    for (int h = 0; h < s->nchals; h++)
        r->mem_start[h + 1] += r->mem_start[h];
    int *fill = xmalloc(sizeof *fill * (size_t)(s->nchals ? s->nchals : 1));
    memcpy(fill, r->mem_start, sizeof *fill * (size_t)s->nchals);
    for (int i = 0; i < s->ncands; i++)
        if (r->assign[i] >= 0)
            r->mem[fill[s->apps[r->assign[i]].chal]++] = i;
    free(fill);
}

void solution_derive(const cohort_scenario *s, cohort_result *r)
{
    compute_years(s, r);
    int Y = r->nyears;
    r->fin_host = xcalloc((size_t)(s->nhosts ? s->nhosts : 1) * (size_t)Y, sizeof *r->fin_host);
    r->fin_year = xcalloc((size_t)Y, sizeof *r->fin_year);
    r->host_total = xcalloc((size_t)(s->nhosts ? s->nhosts : 1), sizeof *r->host_total);
    r->chal_total = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *r->chal_total);
    memset(&r->total, 0, sizeof r->total);
    memset(r->team_size, 0, sizeof *r->team_size * (size_t)s->nchals);
    int64_t *c = xmalloc(sizeof *c * (size_t)Y), *p = xmalloc(sizeof *p * (size_t)Y),
            *h = xmalloc(sizeof *h * (size_t)Y);
    if (r->status != ST_OPTIMAL && r->status != ST_FEASIBLE)
        for (int i = 0; i < s->ncands; i++)
            r->assign[i] = -1;
    compute_members(s, r);
    if (r->status == ST_OPTIMAL || r->status == ST_FEASIBLE) {
        for (int i = 0; i < s->ncands; i++) {
            if (r->assign[i] < 0)
                continue;
            const app *a = &s->apps[r->assign[i]];
            int64_t cost = s->cands[i].cost;
            int hh = s->chals[a->chal].host;
            r->team_size[a->chal]++;
            add3(&r->total, cost, a->prog, a->hshare);
            add3(&r->host_total[hh], cost, a->prog, a->hshare);
            add3(&r->chal_total[a->chal], cost, a->prog, a->hshare);
            split_years(s, r, cost, c);
            split_years(s, r, a->prog, p);
            split_years(s, r, a->hshare, h);
            for (int y = 0; y < Y; y++) {
                add3(&r->fin_host[hh * Y + y], c[y], p[y], h[y]);
                add3(&r->fin_year[y], c[y], p[y], h[y]);
            }
        }
        compute_blocking(s, r);
    }
    free(c);
    free(p);
    free(h);
}
