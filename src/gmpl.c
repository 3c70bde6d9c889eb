/* gmpl.c - the data section of models/cohort.mod for a scenario, so that
 * glpsol on the readable model reaches the same optimum as the engine. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void comment_id(sbuf *b, const char *sym, const char *id)
{
    sb_printf(b, "#   %s = ", sym);
    for (const char *p = id; *p; p++)
        sb_putc(b, (*p == '\n' || *p == '\r') ? ' ' : *p);
    sb_putc(b, '\n');
}

int cohort_export_gmpl(const cohort_scenario *s, const char *file, cohort_diag *d)
{
    int64_t w[NLEVELS], range[NLEVELS];
    if (!model_weights(s, w, range)) {
        diag_error(d, "%s: the weighted objective would pass 2^53, where a double no longer "
                   "holds every integer: the data would not be exactly lexicographic "
                   "(expected smaller objective weights or ranks)", file);
        return COHORT_EINPUT;
    }
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "/* data for models/cohort.mod, written by `cohort export-gmpl` */\ndata;\n\n");
    sb_puts(&b, "# symbols\n");
    for (int i = 0; i < s->ncands; i++) {
        char sym[32];
        snprintf(sym, sizeof sym, "c%d", i);
        if (s->by_cand_start[i + 1] > s->by_cand_start[i])
            comment_id(&b, sym, s->cands[i].id);
    }
    for (int h = 0; h < s->nchals; h++) {
        char sym[32];
        snprintf(sym, sizeof sym, "d%d", h);
        comment_id(&b, sym, s->chals[h].id);
    }
    for (int h = 0; h < s->nhosts; h++) {
        char sym[32];
        snprintf(sym, sizeof sym, "h%d", h);
        comment_id(&b, sym, s->hosts[h].id);
    }
    sb_puts(&b, "\nset PROF :=");
    for (int p = 0; p < NPROF; p++)
        sb_printf(&b, " %s", PROFILE_NAMES[p]);
    sb_puts(&b, ";\nset CAND :=");
    for (int i = 0; i < s->ncands; i++)
        if (s->by_cand_start[i + 1] > s->by_cand_start[i])
            sb_printf(&b, " c%d", i);
    sb_puts(&b, ";\nset CHAL :=");
    for (int h = 0; h < s->nchals; h++)
        sb_printf(&b, " d%d", h);
    sb_puts(&b, ";\nset HOST :=");
    for (int h = 0; h < s->nhosts; h++)
        sb_printf(&b, " h%d", h);
    sb_puts(&b, ";\nset PAIR :=");
    for (int k = 0; k < s->npairs; k++) {
        const app *a = &s->apps[s->pairs[k]];
        sb_printf(&b, "%s(c%d,d%d)", k % 8 ? " " : "\n ", a->cand, a->chal);
    }
    sb_puts(&b, ";\n\nparam prof :=");
    for (int i = 0; i < s->ncands; i++)
        if (s->by_cand_start[i + 1] > s->by_cand_start[i])
            sb_printf(&b, "%sc%d %s", i % 8 ? " " : "\n ", i, PROFILE_NAMES[s->cands[i].profile]);
    sb_puts(&b, ";\nparam host :=");
    for (int h = 0; h < s->nchals; h++)
        sb_printf(&b, " d%d h%d", h, s->chals[h].host);
    sb_puts(&b, ";\nparam tmin :=");
    for (int h = 0; h < s->nchals; h++)
        sb_printf(&b, " d%d %d", h, s->chals[h].min_team > 1 ? s->chals[h].min_team : 1);
    sb_puts(&b, ";\nparam tmax :=");
    for (int h = 0; h < s->nchals; h++)
        sb_printf(&b, " d%d %d", h, s->chals[h].max_team);
    sb_puts(&b, ";\nparam nmin :=");
    for (int h = 0; h < s->nchals; h++)
        for (int p = 0; p < NPROF; p++)
            if (s->chals[h].need_min[p] > 0)
                sb_printf(&b, " [d%d,%s] %d", h, PROFILE_NAMES[p], s->chals[h].need_min[p]);
    sb_puts(&b, ";\nparam nmax :=");
    for (int h = 0; h < s->nchals; h++)
        for (int p = 0; p < NPROF; p++)
            if (s->chals[h].need_max[p] < s->chals[h].max_team)
                sb_printf(&b, " [d%d,%s] %d", h, PROFILE_NAMES[p], s->chals[h].need_max[p]);
    sb_puts(&b, ";\nparam must :=");
    for (int h = 0; h < s->nchals; h++)
        if (s->chals[h].must_staff)
            sb_printf(&b, " d%d 1", h);
    sb_printf(&b, ";\nparam D := %d;\n", s->min_distinct);
    /* subsets of D-1 profiles */
    sb_puts(&b, "set SUBS :=");
    int want = s->min_distinct - 1, nsub = 0;
    if (want >= 1)
        for (unsigned mask = 0; mask < (1u << NPROF); mask++)
            if (__builtin_popcount(mask) == want)
                sb_printf(&b, " s%d", nsub++);
    sb_puts(&b, ";\n");
    nsub = 0;
    if (want >= 1)
        for (unsigned mask = 0; mask < (1u << NPROF); mask++)
            if (__builtin_popcount(mask) == want) {
                sb_printf(&b, "set SUBSET[s%d] :=", nsub++);
                for (int p = 0; p < NPROF; p++)
                    if (mask & (1u << p))
                        sb_printf(&b, " %s", PROFILE_NAMES[p]);
                sb_puts(&b, ";\n");
            }
    if (s->cs_min >= 0)
        sb_printf(&b, "param csmin := %d;\n", s->cs_min);
    if (s->cs_max >= 0)
        sb_printf(&b, "param csmax := %d;\n", s->cs_max);
    sb_puts(&b, "set QUOTA :=");
    for (int p = 0; p < NPROF; p++)
        if (s->has_quota[p])
            sb_printf(&b, " %s", PROFILE_NAMES[p]);
    sb_puts(&b, ";\n");
    /* one statement per parameter: GMPL takes each parameter's data once */
    static const char *const qnames[] = {"qmin", "qmax", "qmin_num", "qmin_den", "qmax_num",
                                         "qmax_den"};
    for (int f = 0; f < 6; f++) {
        sb_printf(&b, "param %s :=", qnames[f]);
        for (int p = 0; p < NPROF; p++) {
            if (!s->has_quota[p])
                continue;
            const quota *q = &s->quotas[p];
            long long v = -1;
            switch (f) {
            case 0: v = q->min; break;
            case 1: v = q->max; break;
            case 2: v = q->has_min_share ? q->min_share.num : -1; break;
            case 3: v = q->has_min_share ? q->min_share.den : -1; break;
            case 4: v = q->has_max_share ? q->max_share.num : -1; break;
            default: v = q->has_max_share ? q->max_share.den : -1; break;
            }
            if (v >= 0)
                sb_printf(&b, " %s %lld", PROFILE_NAMES[p], v);
        }
        sb_puts(&b, ";\n");
    }
    for (int k = 0; k < s->ndivs; k++) {
        sb_printf(&b, "# v%d: %s = ", k, s->divs[k].attribute);
        for (const char *p = s->divs[k].value; *p; p++)
            sb_putc(&b, *p == '\n' ? ' ' : *p);
        sb_putc(&b, '\n');
    }
    sb_puts(&b, "set DIV :=");
    for (int k = 0; k < s->ndivs; k++)
        sb_printf(&b, " v%d", k);
    sb_puts(&b, ";\n");
    sb_puts(&b, "param member :=");
    for (int k = 0; k < s->ndivs; k++)
        for (int i = 0; i < s->ncands; i++)
            if (cand_in_div(s, i, k) && s->by_cand_start[i + 1] > s->by_cand_start[i])
                sb_printf(&b, " [v%d,c%d] 1", k, i);
    sb_puts(&b, ";\n");
    static const char *const dnames[] = {"dmin_num", "dmin_den", "dmax_num", "dmax_den"};
    for (int f = 0; f < 4; f++) {
        sb_printf(&b, "param %s :=", dnames[f]);
        for (int k = 0; k < s->ndivs; k++) {
            const diversity *D = &s->divs[k];
            long long v = f == 0 ? (D->has_min_share ? D->min_share.num : -1)
                        : f == 1 ? (D->has_min_share ? D->min_share.den : -1)
                        : f == 2 ? (D->has_max_share ? D->max_share.num : -1)
                                 : (D->has_max_share ? D->max_share.den : -1);
            if (v >= 0)
                sb_printf(&b, " v%d %lld", k, v);
        }
        sb_puts(&b, ";\n");
    }
    sb_puts(&b, "param : prog hshare rc :=");
    for (int k = 0; k < s->npairs; k++) {
        const app *a = &s->apps[s->pairs[k]];
        sb_printf(&b, "\n c%d d%d %lld %lld %lld", a->cand, a->chal, (long long)a->prog,
                  (long long)a->hshare, (long long)a->rcost);
    }
    sb_puts(&b, ";\n");
    if (s->envelope >= 0)
        sb_printf(&b, "param envelope := %lld;\n", (long long)s->envelope);
    sb_puts(&b, "param budget :=");
    for (int h = 0; h < s->nhosts; h++)
        if (s->hosts[h].budget >= 0)
            sb_printf(&b, " h%d %lld", h, (long long)s->hosts[h].budget);
    sb_printf(&b, ";\nparam rank_scale := %lld;\n", (long long)s->rank_scale);
    sb_printf(&b, "param w_staffed := %lld;\nparam w_filled := %lld;\nparam w_rank := %lld;\n",
              (long long)w[LV_STAFFED], (long long)w[LV_FILLED], (long long)w[LV_RANK]);
    sb_puts(&b, "\nend;\n");
    /* one file, written whole then renamed into place */
    char *tmp = xasprintf("%s.tmp", file);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(b.s, 1, b.len, f) == b.len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (ok && rename(tmp, file) != 0)
        ok = 0;
    if (!ok) {
        remove(tmp);
        diag_error(d, "%s: cannot be written", file);
    }
    free(tmp);
    sb_free(&b);
    return ok ? COHORT_OK : COHORT_EIO;
}
