/* explain.c - why each application is not an assignment, computed.
 *
 * For every (candidate, challenge) application that the cohort does not
 * hold, the reason comes from facts, most telling first:
 *   - C2: the jury declined the pair, or the challenge's needs take none of
 *     that profile (need max 0);
 *   - the candidate is placed on a challenge they ranked higher;
 *   - the challenge's jury ranked them below every member of their profile;
 *   - the challenge has no team (its own explanation says why);
 *   - otherwise the moves that would put them there, each checked exactly
 *     (check.c): in place of each member (same profile first), or as a
 *     further member when the team has room. Every other assignment stays
 *     as it is. The best move names the rule it breaks and by how much, or
 *     the objective level it worsens (or shows a tie).
 * The moves are also tried, and shown, for the first three reasons: the
 * jury sees what would happen if it insisted.
 *
 * Cost: a few moves per application, each re-evaluating only what it
 * touches (check_state_try), so linear in the number of applications;
 * unstaffed challenges add a search over teams of their applicants that is
 * capped at EX_TEAM_TRIES teams.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define EX_MAXV 3
#define EX_TEAM_TRIES 20000

const char *const WHY_NAMES[NWHY] = {"assigned", "declined",  "profile", "prefers",
                                     "jury",     "unstaffed", "rule",    "objective",
                                     "tie",      "better"};

typedef struct ex_move {
    int with;   /* candidate replaced, -1 = added */
    int nviol;
    check_violation v[EX_MAXV];
    int64_t level[NLEVELS];
} ex_move;

/* >0 when cohort levels a are better than b, in the objective's order. */
static int cmp_levels(const cohort_scenario *s, const int64_t *a, const int64_t *b, int *lv)
{
    for (int k = 0; k < s->norder; k++) {
        int l = s->order[k];
        if (a[l] == b[l])
            continue;
        if (lv)
            *lv = l;
        int better = l == LV_RANK ? a[l] < b[l] : a[l] > b[l];
        return better ? 1 : -1;
    }
    return 0;
}

/* >0 when move a explains better than b: a cohort that keeps every rule
 * first (the best levels), then the fewest broken rules. */
static int better_move(const cohort_scenario *s, const ex_move *a, const ex_move *b)
{
    if (!a->nviol != !b->nviol)
        return !a->nviol ? 1 : -1;
    if (!a->nviol)
        return cmp_levels(s, a->level, b->level, NULL);
    return (a->nviol < b->nviol) - (a->nviol > b->nviol);
}

static void level_value(const cohort_scenario *s, int l, int64_t v, char *buf, size_t n)
{
    if (l == LV_RANK)
        fmt_rank(s, v, buf, n);
    else
        snprintf(buf, n, "%lld", (long long)v);
}

static void violations_text(sbuf *b, const ex_move *m)
{
    int shown = m->nviol < EX_MAXV ? m->nviol : EX_MAXV;
    sb_puts(b, "breaks ");
    for (int k = 0; k < shown; k++) {
        char amt[64];
        check_amount_text(&m->v[k], amt, sizeof amt);
        if (k)
            sb_puts(b, k == shown - 1 && m->nviol == shown ? " and " : ", ");
        sb_printf(b, "C%d by %s (%s)", m->v[k].rule, amt, m->v[k].text);
    }
    if (m->nviol > shown)
        sb_printf(b, " and %d more rule%s", m->nviol - shown, m->nviol - shown == 1 ? "" : "s");
}

/* What the move gives: the rules it breaks, or the first objective level
 * it changes. Sets *code to WHY_RULE / WHY_OBJECTIVE / WHY_TIE / WHY_BETTER. */
static void result_text(sbuf *b, const cohort_scenario *s, const cohort_result *r,
                         const ex_move *m, int *code, int *rule, int *level)
{
    if (m->nviol) {
        violations_text(b, m);
        *code = WHY_RULE;
        *rule = m->v[0].rule;
        return;
    }
    int l = -1;
    int c = cmp_levels(s, m->level, r->level, &l);
    if (!c) {
        sb_puts(b, "keeps every rule and gives a cohort just as good on every objective level "
                   "(a tie, settled by the solver)");
        *code = WHY_TIE;
        return;
    }
    char a1[40], a2[40];
    level_value(s, l, r->level[l], a1, sizeof a1);
    level_value(s, l, m->level[l], a2, sizeof a2);
    *level = l;
    if (c < 0) {
        sb_printf(b, "keeps every rule but worsens the %s level from %s to %s", LEVEL_NAMES[l],
                  a1, a2);
        *code = WHY_OBJECTIVE;
    } else {
        sb_printf(b, "keeps every rule and improves the %s level from %s to %s (the cohort is "
                     "not proven optimal)", LEVEL_NAMES[l], a1, a2);
        *code = WHY_BETTER;
    }
}

static void move_subject(sbuf *b, const cohort_scenario *s, const cohort_result *r, int ai,
                         int with)
{
    const app *a = &s->apps[ai];
    int i = a->cand, h = a->chal;
    if (with >= 0)
        sb_printf(b, "%s in place of %s on %s", s->cands[i].id, s->cands[with].id, s->chals[h].id);
    else if (r->team_size[h])
        sb_printf(b, "adding %s to %s as a further member", s->cands[i].id, s->chals[h].id);
    else
        sb_printf(b, "%s alone on %s", s->cands[i].id, s->chals[h].id);
    if (r->assign[i] >= 0)
        sb_printf(b, " (leaving %s)", s->chals[s->apps[r->assign[i]].chal].id);
}

static void try_move(check_state *st, const cohort_scenario *s, int ai, int with, ex_move *m)
{
    check_move mv[2];
    int n = 0;
    mv[n++] = (check_move){s->apps[ai].cand, ai};
    if (with >= 0)
        mv[n++] = (check_move){with, -1};
    m->with = with;
    m->nviol = check_state_try(st, mv, n, m->v, EX_MAXV, m->level);
}

/* The moves that put application ai's candidate on its challenge: in
 * place of each member (same profile first), then as a further member when
 * the team has room. Returns how many, sorted best first (stable). */
static int moves_for(check_state *st, const cohort_scenario *s, const cohort_result *r, int ai,
                     ex_move *out)
{
    const app *a = &s->apps[ai];
    int h = a->chal, p = s->cands[a->cand].profile, n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int m = r->mem[q];
            if ((s->cands[m].profile == p) == (pass == 0))
                try_move(st, s, ai, m, &out[n++]);
        }
    if (r->team_size[h] < s->chals[h].max_team)
        try_move(st, s, ai, -1, &out[n++]);
    for (int k = 1; k < n; k++) { /* insertion sort, stable: a handful of moves */
        ex_move t = out[k];
        int q = k;
        while (q > 0 && better_move(s, &t, &out[q - 1]) > 0) {
            out[q] = out[q - 1];
            q--;
        }
        out[q] = t;
    }
    return n;
}

static void moves_text(sbuf *b, const cohort_scenario *s, const cohort_result *r, int ai,
                       const ex_move *mv, int n, int from)
{
    for (int k = from; k < n; k++) {
        int code, rule, level;
        if (k > from)
            sb_puts(b, "; ");
        move_subject(b, s, r, ai, mv[k].with);
        sb_putc(b, ' ');
        result_text(b, s, r, &mv[k], &code, &rule, &level);
    }
}

static const char *choice_text(const app *a, char *buf, size_t n)
{
    if (a->crank)
        snprintf(buf, n, "their choice #%d", a->crank);
    else
        snprintf(buf, n, "proposed by the jury");
    return buf;
}

static void explain_app(const cohort_scenario *s, const cohort_result *r, check_state *st,
                        const explain *e, int ai, ex_move *mv, ex_app *x)
{
    const app *a = &s->apps[ai];
    int i = a->cand, h = a->chal, p = s->cands[i].profile;
    const char *cid = s->cands[i].id, *hid = s->chals[h].id;
    sbuf reason, moves;
    sb_init(&reason);
    sb_init(&moves);
    x->rule = x->level = -1;
    if (r->assign[i] == ai) {
        x->code = WHY_ASSIGNED;
        x->label = xstrdup("member");
        sb_printf(&reason, "%s is on the team of %s", cid, hid);
        goto done;
    }
    if (!a->jrank) {
        x->code = WHY_DECLINED;
        x->label = xstrdup("jury declined");
        sb_printf(&reason, "the jury of %s declined %s (no jury rank, C2)", hid, cid);
        goto done;
    }
    if (s->chals[h].need_max[p] == 0) {
        x->code = WHY_PROFILE;
        x->label = xstrdup("profile not wanted");
        sb_printf(&reason, "the needs of %s take no %s (%s:0, C2)", hid, PROFILE_NAMES[p],
                  PROFILE_NAMES[p]);
        goto done;
    }
    int n = moves_for(st, s, r, ai, mv);
    int code = WHY_RULE, rule = -1, level = -1;
    sbuf best;
    sb_init(&best);
    move_subject(&best, s, r, ai, mv[0].with);
    sb_putc(&best, ' ');
    result_text(&best, s, r, &mv[0], &code, &rule, &level);
    int held = r->assign[i];
    char c1[48], c2[48];
    if (held >= 0 && s->apps[held].crank_eff < a->crank_eff) {
        x->code = WHY_PREFERS;
        x->label = xstrdup("on a higher choice");
        sb_printf(&reason, "%s is placed on %s, %s, which they rank above %s (%s)", cid,
                  s->chals[s->apps[held].chal].id, choice_text(&s->apps[held], c1, sizeof c1),
                  hid, choice_text(a, c2, sizeof c2));
        moves_text(&moves, s, r, ai, mv, n, 0);
        sb_free(&best);
        goto done;
    }
    int same = 0, below_all = 1;
    for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
        int m = r->mem[q];
        if (s->cands[m].profile != p)
            continue;
        same++;
        if (s->apps[r->assign[m]].jrank >= a->jrank)
            below_all = 0;
    }
    if (same && below_all) {
        x->code = WHY_JURY;
        x->label = xstrdup("ranked below by the jury");
        sb_printf(&reason, "the jury of %s ranked %s #%d, below its %s member%s ", hid, cid,
                  a->jrank, PROFILE_NAMES[p], same > 1 ? "s" : "");
        int k = 0;
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int m = r->mem[q];
            if (s->cands[m].profile != p)
                continue;
            sb_printf(&reason, "%s%s (#%d)", k ? (k == same - 1 ? " and " : ", ") : "",
                      s->cands[m].id, s->apps[r->assign[m]].jrank);
            k++;
        }
        moves_text(&moves, s, r, ai, mv, n, 0);
        sb_free(&best);
        goto done;
    }
    if (!r->team_size[h]) {
        x->code = WHY_UNSTAFFED;
        x->label = xstrdup("challenge not staffed");
        sb_printf(&reason, "%s has no team: %s", hid,
                  e->unstaffed[h] ? e->unstaffed[h] : "no team was formed");
        moves_text(&moves, s, r, ai, mv, n, 0);
        sb_free(&best);
        goto done;
    }
    x->code = code;
    x->rule = rule;
    x->level = level;
    if (code == WHY_RULE)
        x->label = xasprintf("kept out by C%d", rule);
    else if (code == WHY_OBJECTIVE)
        x->label = xasprintf("objective: %s", LEVEL_NAMES[level]);
    else if (code == WHY_TIE)
        x->label = xstrdup("tie");
    else
        x->label = xasprintf("could improve %s", LEVEL_NAMES[level]);
    sb_puts(&reason, best.s);
    moves_text(&moves, s, r, ai, mv, n, 1);
    sb_free(&best);
done:
    x->reason = sb_take(&reason);
    x->moves = moves.s ? sb_take(&moves) : xstrdup("");
}

static int cmp_by_jury(const cohort_scenario *s, int x, int y)
{
    const app *a = &s->apps[x], *b = &s->apps[y];
    if (a->jrank != b->jrank)
        return a->jrank < b->jrank ? -1 : 1;
    if (a->crank_eff != b->crank_eff)
        return a->crank_eff < b->crank_eff ? -1 : 1;
    return (x > y) - (x < y);
}

/* Why challenge h has no team: the best team its eligible applicants could
 * form, every other assignment kept, tried in jury order up to a cap. */
static char *explain_unstaffed(const cohort_scenario *s, const cohort_result *r, check_state *st,
                               int h)
{
    const challenge *c = &s->chals[h];
    int ne = s->by_chal_start[h + 1] - s->by_chal_start[h];
    int napp = s->apps_by_chal_start[h + 1] - s->apps_by_chal_start[h];
    if (ne < c->min_team) {
        int declined = 0, profile = 0;
        for (int q = s->apps_by_chal_start[h]; q < s->apps_by_chal_start[h + 1]; q++) {
            const app *a = &s->apps[s->apps_by_chal[q]];
            if (!a->jrank)
                declined++;
            else if (!a->eligible)
                profile++;
        }
        return xasprintf("it has %d eligible applicant%s of %d application%s (%d declined by the "
                         "jury, %d of a profile its needs exclude) and a team needs at least %d "
                         "(C3)", ne, ne == 1 ? "" : "s", napp, napp == 1 ? "" : "s", declined,
                         profile, c->min_team);
    }
    int *el = xmalloc(sizeof *el * (size_t)ne);
    memcpy(el, s->by_chal + s->by_chal_start[h], sizeof *el * (size_t)ne);
    for (int k = 1; k < ne; k++) {
        int t = el[k], q = k;
        while (q > 0 && cmp_by_jury(s, t, el[q - 1]) < 0) {
            el[q] = el[q - 1];
            q--;
        }
        el[q] = t;
    }
    int kmax = c->max_team < ne ? c->max_team : ne;
    int *idx = xmalloc(sizeof *idx * (size_t)(kmax + 1));
    int *best = xmalloc(sizeof *best * (size_t)(kmax + 1));
    check_move *mv = xmalloc(sizeof *mv * (size_t)(kmax + 1));
    ex_move cur, top;
    int nbest = 0, tries = 0, capped = 0;
    memset(&top, 0, sizeof top);
    for (int k = c->min_team; k <= kmax && !capped; k++) {
        for (int q = 0; q < k; q++)
            idx[q] = q;
        for (;;) {
            if (tries == EX_TEAM_TRIES) {
                capped = 1;
                break;
            }
            tries++;
            for (int q = 0; q < k; q++)
                mv[q] = (check_move){s->apps[el[idx[q]]].cand, el[idx[q]]};
            cur.with = -1;
            cur.nviol = check_state_try(st, mv, k, cur.v, EX_MAXV, cur.level);
            if (!nbest || better_move(s, &cur, &top) > 0) {
                top = cur;
                nbest = k;
                for (int q = 0; q < k; q++)
                    best[q] = el[idx[q]];
            }
            int q = k - 1; /* next combination of k among ne */
            while (q >= 0 && idx[q] == ne - k + q)
                q--;
            if (q < 0)
                break;
            idx[q]++;
            for (int t = q + 1; t < k; t++)
                idx[t] = idx[t - 1] + 1;
        }
    }
    sbuf b;
    sb_init(&b);
    sb_puts(&b, "with every other team kept as it is, the best team its eligible applicants "
                "could form, {");
    for (int q = 0; q < nbest; q++) {
        const app *a = &s->apps[best[q]];
        sb_printf(&b, "%s%s", q ? ", " : "", s->cands[a->cand].id);
        if (r->assign[a->cand] >= 0)
            sb_printf(&b, " leaving %s", s->chals[s->apps[r->assign[a->cand]].chal].id);
    }
    sb_puts(&b, "}, ");
    int code, rule, level;
    result_text(&b, s, r, &top, &code, &rule, &level);
    if (capped)
        sb_printf(&b, " (the first %d teams in jury order were tried, not all)", EX_TEAM_TRIES);
    free(el);
    free(idx);
    free(best);
    free(mv);
    return sb_take(&b);
}

explain *explain_new(const cohort_scenario *s, const cohort_result *r)
{
    explain *e = xcalloc(1, sizeof *e);
    e->apps = xcalloc((size_t)(s->napps ? s->napps : 1), sizeof *e->apps);
    e->unstaffed = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *e->unstaffed);
    check_state *st = check_state_new(s, r->assign);
    int maxteam = 1;
    for (int h = 0; h < s->nchals; h++)
        if (r->team_size[h] + 1 > maxteam)
            maxteam = r->team_size[h] + 1;
    ex_move *mv = xmalloc(sizeof *mv * (size_t)maxteam);
    for (int h = 0; h < s->nchals; h++)
        if (!r->team_size[h])
            e->unstaffed[h] = explain_unstaffed(s, r, st, h);
    for (int k = 0; k < s->napps; k++)
        explain_app(s, r, st, e, k, mv, &e->apps[k]);
    free(mv);
    check_state_free(st);
    return e;
}

void explain_free(explain *e, const cohort_scenario *s)
{
    if (!e)
        return;
    for (int k = 0; k < s->napps; k++) {
        free(e->apps[k].label);
        free(e->apps[k].reason);
        free(e->apps[k].moves);
    }
    for (int h = 0; h < s->nchals; h++)
        free(e->unstaffed[h]);
    free(e->apps);
    free(e->unstaffed);
    free(e);
}

char *explain_blocking(const cohort_scenario *s, const cohort_result *r, check_state *st, int ai,
                       const int *disp, int nd, int *kept_by, int *rule, int *level)
{
    ex_move *mv = xmalloc(sizeof *mv * (size_t)(nd ? nd : 1));
    int bi = 0;
    for (int k = 0; k < nd; k++) {
        try_move(st, s, ai, disp[k], &mv[k]);
        if (k && better_move(s, &mv[k], &mv[bi]) > 0)
            bi = k;
    }
    sbuf b;
    sb_init(&b);
    int code = WHY_RULE;
    *rule = *level = -1;
    move_subject(&b, s, r, ai, mv[bi].with);
    sb_putc(&b, ' ');
    result_text(&b, s, r, &mv[bi], &code, rule, level);
    for (int k = 0; k < nd; k++) {
        if (k == bi)
            continue;
        int c2, r2, l2;
        sb_puts(&b, "; ");
        move_subject(&b, s, r, ai, mv[k].with);
        sb_putc(&b, ' ');
        result_text(&b, s, r, &mv[k], &c2, &r2, &l2);
    }
    *kept_by = code == WHY_RULE ? KEPT_RULE
             : code == WHY_OBJECTIVE ? KEPT_OBJECTIVE
             : code == WHY_TIE ? KEPT_TIE : KEPT_BETTER;
    free(mv);
    return sb_take(&b);
}
