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

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EX_MAXV 3
#define EX_TEAM_TRIES 400
#define EX_FILLS 8 /* unplaced applicants tried in the place a move leaves */

const char *const WHY_NAMES[NWHY] = {"assigned", "declined",  "profile", "prefers",
                                     "jury",     "unstaffed", "rule",    "objective",
                                     "tie",      "better"};

typedef struct ex_move {
    int with;   /* candidate replaced, -1 = added */
    int fill;   /* candidate who takes the place left on the team the
                   candidate leaves, -1 = none */
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
    fmt_level(s, l, r->level[l], a1, sizeof a1);
    fmt_level(s, l, m->level[l], a2, sizeof a2);
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
                         int with, int fill)
{
    const app *a = &s->apps[ai];
    int i = a->cand, h = a->chal;
    if (with >= 0)
        sb_printf(b, "%s in place of %s on %s", s->cands[i].id, s->cands[with].id, s->chals[h].id);
    else if (r->team_size[h])
        sb_printf(b, "adding %s to %s as a further member", s->cands[i].id, s->chals[h].id);
    else
        sb_printf(b, "%s alone on %s", s->cands[i].id, s->chals[h].id);
    if (r->assign[i] >= 0 && fill >= 0)
        sb_printf(b, " (leaving %s, where %s takes the place)",
                  s->chals[s->apps[r->assign[i]].chal].id, s->cands[fill].id);
    else if (r->assign[i] >= 0)
        sb_printf(b, " (leaving %s)", s->chals[s->apps[r->assign[i]].chal].id);
}

static void try_plain(check_state *st, const cohort_scenario *s, int ai, int with, int fill,
                      int fill_app, ex_move *m)
{
    check_move mv[3];
    int n = 0;
    mv[n++] = (check_move){s->apps[ai].cand, ai};
    if (with >= 0)
        mv[n++] = (check_move){with, fill == with ? fill_app : -1};
    if (fill >= 0 && fill != with)
        mv[n++] = (check_move){fill, fill_app};
    m->with = with;
    m->fill = fill;
    m->nviol = check_state_try(st, mv, n, m->v, EX_MAXV, m->level);
}

/* Application ai's candidate on its challenge in place of member `with`
 * (-1: added). When they leave a team g and that move breaks a rule or
 * loses an earlier level, the place they leave is also filled, as the
 * solver could: by the member replaced, or by one of g's first EX_FILLS
 * unplaced applicants in its jury's order; the best of these is kept
 * (without it, a move "worsened filled" that a one-step fill keeps:
 * found by an audit on the example promotion). */
static void try_move(check_state *st, const cohort_scenario *s, const cohort_result *r, int ai,
                     int with, ex_move *m)
{
    try_plain(st, s, ai, with, -1, -1, m);
    int held = r->assign[s->apps[ai].cand];
    if (held < 0)
        return;
    int lv = -1;
    if (!m->nviol && cmp_levels(s, m->level, r->level, &lv) >= 0)
        return; /* a tie or better: nothing to mend */
    if (!m->nviol && lv == LV_RANK)
        return; /* only ranks move: a fill costs ranks too */
    int g = s->apps[held].chal;
    int best[EX_FILLS], nb = 0, with_app = -1;
    for (int k = s->by_chal_start[g]; k < s->by_chal_start[g + 1]; k++) {
        int a = s->by_chal[k];
        const app *x = &s->apps[a];
        if (!x->eligible)
            continue;
        if (x->cand == with) {
            with_app = a;
            continue;
        }
        if (r->assign[x->cand] >= 0 ||
            (nb == EX_FILLS && s->apps[best[nb - 1]].jrank <= x->jrank))
            continue;
        int q = nb < EX_FILLS ? nb++ : EX_FILLS - 1; /* sorted by jury rank, stable */
        while (q > 0 && s->apps[best[q - 1]].jrank > x->jrank) {
            best[q] = best[q - 1];
            q--;
        }
        best[q] = a;
    }
    for (int k = -1; k < nb; k++) {
        int a = k < 0 ? with_app : best[k];
        if (a < 0)
            continue;
        ex_move t;
        try_plain(st, s, ai, with, s->apps[a].cand, a, &t);
        if (better_move(s, &t, m) > 0)
            *m = t;
    }
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
                try_move(st, s, r, ai, m, &out[n++]);
        }
    if (r->team_size[h] < s->chals[h].max_team)
        try_move(st, s, r, ai, -1, &out[n++]);
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
        move_subject(b, s, r, ai, mv[k].with, mv[k].fill);
        sb_putc(b, ' ');
        result_text(b, s, r, &mv[k], &code, &rule, &level);
    }
}

static const char *choice_text(const app *a, char *buf, size_t n)
{
    if (a->crank)
        fmt_text(buf, n, "their choice #%d", a->crank);
    else
        fmt_text(buf, n, "proposed by the jury");
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
    move_subject(&best, s, r, ai, mv[0].with, mv[0].fill);
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
    /* C1: the only rules the best move breaks are on the team the
     * candidate would leave; they cannot be on both */
    int only_left = code == WHY_RULE && held >= 0 && mv[0].nviol <= EX_MAXV;
    for (int k = 0; only_left && k < mv[0].nviol; k++)
        only_left = mv[0].v[k].subject_kind == CHK_CHALLENGE &&
                    mv[0].v[k].subject == s->apps[held].chal;
    if (only_left) {
        rule = 1;
        sb_printf(&reason, "C1: %s can join only one team, and is on %s; ", cid,
                  s->chals[s->apps[held].chal].id);
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
    if (c->max_team < s->min_distinct)
        return xasprintf("a team here has at most %d member%s (max_team) and must hold %d "
                         "distinct profiles (min_distinct_profiles): no team can (C3, C5)",
                         c->max_team, c->max_team == 1 ? "" : "s", s->min_distinct);
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
    /* Two passes: first only teams whose own make-up meets the needs and the
       distinct-profile rule (a cheap count, so many combinations can be
       skipped), then, if none exists, any team. Only a few hundred teams
       go through the full check: it is what costs. */
    for (int pass = 0; pass < 2 && !nbest; pass++, tries = 0, capped = 0)
    for (int k = c->min_team > 1 ? c->min_team : 1; k <= kmax && !capped; k++) {
        for (int q = 0; q < k; q++)
            idx[q] = q;
        long visited = 0;
        for (;;) {
            if (tries == EX_TEAM_TRIES || visited > 200000) {
                capped = 1;
                break;
            }
            visited++;
            int composed = 1;
            if (pass == 0) {
                int cnt[NPROF] = {0}, distinct = 0;
                for (int q = 0; q < k; q++)
                    if (!cnt[s->cands[s->apps[el[idx[q]]].cand].profile]++)
                        distinct++;
                composed = distinct >= s->min_distinct;
                for (int p = 0; p < NPROF && composed; p++)
                    composed = cnt[p] >= c->need_min[p] && cnt[p] <= c->need_max[p];
            }
            if (!composed)
                goto next;
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
        next:;
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

/* The applications are explained by two threads when there are enough of
 * them and two processors: each application's text depends only on the
 * scenario, the result and a check state of its own, so the bytes are the
 * same as one thread's. Chunks are handed out in order through an atomic
 * counter. */
#define EX_CHUNK 64
#define EX_PARALLEL_MIN 1000 /* eig5, the example, has 1,001 */

typedef struct ex_work {
    const cohort_scenario *s;
    const cohort_result *r;
    explain *e;
    int maxteam;
    atomic_int next;
} ex_work;

static void *explain_some(void *arg)
{
    ex_work *w = arg;
    const cohort_scenario *s = w->s;
    check_state *st = check_state_new(s, w->r->assign);
    ex_move *mv = xmalloc(sizeof *mv * (size_t)w->maxteam);
    for (;;) {
        int from = atomic_fetch_add(&w->next, EX_CHUNK);
        if (from >= s->napps)
            break;
        int to = from + EX_CHUNK < s->napps ? from + EX_CHUNK : s->napps;
        for (int k = from; k < to; k++)
            explain_app(s, w->r, st, w->e, k, mv, &w->e->apps[k]);
    }
    free(mv);
    check_state_free(st);
    return NULL;
}

int page_threads(const cohort_scenario *s)
{
    return s->napps >= EX_PARALLEL_MIN && sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
}

explain *explain_new(const cohort_scenario *s, const cohort_result *r)
{
    return explain_new_threads(s, r, page_threads(s));
}

explain *explain_new_threads(const cohort_scenario *s, const cohort_result *r, int threads)
{
    explain *e = xcalloc(1, sizeof *e);
    e->apps = xcalloc((size_t)(s->napps ? s->napps : 1), sizeof *e->apps);
    e->unstaffed = xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof *e->unstaffed);
    int maxteam = 1;
    for (int h = 0; h < s->nchals; h++)
        if (r->team_size[h] + 1 > maxteam)
            maxteam = r->team_size[h] + 1;
    check_state *st = check_state_new(s, r->assign);
    for (int h = 0; h < s->nchals; h++)
        if (!r->team_size[h])
            e->unstaffed[h] = explain_unstaffed(s, r, st, h);
    check_state_free(st);
    ex_work w = {s, r, e, maxteam, 0};
    atomic_init(&w.next, 0);
    run_threads(explain_some, &w, threads);
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
                       int *kept_by, int *rule, int *level)
{
    /* the moves of the application's own row (moves_for()), so that the
       pair and the row never say two things: trying only the members the
       pair displaces once called "rank" or "C10" what another member's
       place showed a tie or a rank cost (found by an audit) */
    int h = s->apps[ai].chal;
    ex_move *mv = xmalloc(sizeof *mv * (size_t)(r->team_size[h] + 2));
    moves_for(st, s, r, ai, mv); /* best first; the others are on the application's row */
    sbuf b;
    sb_init(&b);
    int code = WHY_RULE;
    *rule = *level = -1;
    move_subject(&b, s, r, ai, mv[0].with, mv[0].fill);
    sb_putc(&b, ' ');
    result_text(&b, s, r, &mv[0], &code, rule, level);
    *kept_by = code == WHY_RULE ? KEPT_RULE
             : code == WHY_OBJECTIVE ? KEPT_OBJECTIVE
             : code == WHY_TIE ? KEPT_TIE : KEPT_BETTER;
    free(mv);
    return sb_take(&b);
}

/* ---- the terminal form (cohort explain) ------------------------------------- */

static int is_blocking_pair(const cohort_result *r, int ai)
{
    for (int k = 0; k < r->nblocks; k++)
        if (r->blocks[k].app == ai)
            return 1;
    return 0;
}

static void ranks_text(sbuf *b, const app *a)
{
    if (a->crank)
        sb_printf(b, "their #%d", a->crank);
    else
        sb_puts(b, "jury-proposed");
    if (a->jrank)
        sb_printf(b, ", jury #%d", a->jrank);
    else
        sb_puts(b, ", jury declined");
}

static void app_lines(sbuf *b, const cohort_result *r, const explain *e, int ai, const char *head)
{
    const ex_app *x = &e->apps[ai];
    sb_printf(b, "  %s: %s%s\n", head, x->label, is_blocking_pair(r, ai) ? " [blocking pair]" : "");
    sb_printf(b, "      %s.\n", x->reason);
    if (x->moves && *x->moves)
        sb_printf(b, "      %s: %s.\n",
                  x->code >= WHY_RULE ? "Other moves tried" : "Moves tried", x->moves);
}

static void member_line(sbuf *b, const cohort_scenario *s, int i, const app *a)
{
    char c1[64], c2[64], c3[64];
    fmt_eur(s->cands[i].cost, c1, sizeof c1);
    fmt_eur(a->prog, c2, sizeof c2);
    fmt_eur(a->hshare, c3, sizeof c3);
    sb_printf(b, "  %s %s, %s (", s->cands[i].id, s->cands[i].name,
              PROFILE_NAMES[s->cands[i].profile]);
    ranks_text(b, a);
    sb_printf(b, "): cost %s, programme %s, host %s\n", c1, c2, c3);
}

static void explain_candidate(sbuf *b, const cohort_scenario *s, const cohort_result *r,
                              const explain *e, int i)
{
    const candidate *c = &s->cands[i];
    sb_printf(b, "Candidate %s %s (%s)\n", c->id, c->name, PROFILE_NAMES[c->profile]);
    int held = r->assign[i];
    if (held >= 0) {
        const app *a = &s->apps[held];
        sb_printf(b, "Placed on %s (%s), host %s: ", s->chals[a->chal].id, s->chals[a->chal].title,
                  s->hosts[s->chals[a->chal].host].id);
        ranks_text(b, a);
        sb_puts(b, "\n");
    } else {
        sb_puts(b, "Not placed.\n");
    }
    int n = 0;
    for (int k = 0; k < s->napps; k++)
        n += s->apps[k].cand == i;
    sb_printf(b, "Applications (%d):\n", n);
    for (int k = 0; k < s->napps; k++) {
        const app *a = &s->apps[k];
        if (a->cand != i)
            continue;
        sbuf h;
        sb_init(&h);
        sb_printf(&h, "%s (", s->chals[a->chal].id);
        ranks_text(&h, a);
        sb_puts(&h, ")");
        if (k == held)
            sb_printf(b, "  %s: member of the team\n", h.s);
        else
            app_lines(b, r, e, k, h.s);
        sb_free(&h);
    }
}

static void explain_challenge(sbuf *b, const cohort_scenario *s, const cohort_result *r,
                              const explain *e, int h)
{
    const challenge *c = &s->chals[h];
    const host *H = &s->hosts[c->host];
    char t[64];
    sb_printf(b, "Challenge %s (%s)\nHost: %s (%s, %s", c->id, c->title, H->name, H->id,
              KIND_NAMES[H->kind]);
    if (H->self_financed)
        sb_puts(b, ", self-financed");
    if (H->budget >= 0) {
        fmt_eur(H->budget, t, sizeof t);
        sb_printf(b, ", budget %s", t);
    }
    sb_printf(b, "); needs: %s; team %d-%d%s\n", c->needs_text && *c->needs_text ? c->needs_text
                                                                              : "any profiles",
              c->min_team, c->max_team, c->must_staff ? "; must be staffed" : "");
    if (!r->team_size[h]) {
        sb_printf(b, "Not staffed: %s.\n", e->unstaffed[h]);
    } else {
        sb_printf(b, "Team (%d):\n", r->team_size[h]);
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++)
            member_line(b, s, r->mem[q], &s->apps[r->assign[r->mem[q]]]);
    }
    int n = 0, nel;
    int *list = xmalloc(sizeof *list *
                        (size_t)(s->apps_by_chal_start[h + 1] - s->apps_by_chal_start[h] + 1));
    for (int q = s->apps_by_chal_start[h]; q < s->apps_by_chal_start[h + 1]; q++) {
        int ai = s->apps_by_chal[q];
        if (r->assign[s->apps[ai].cand] == ai || !s->apps[ai].eligible)
            continue;
        int k = n++; /* insertion by jury rank */
        while (k > 0 && cmp_by_jury(s, ai, list[k - 1]) < 0) {
            list[k] = list[k - 1];
            k--;
        }
        list[k] = ai;
    }
    nel = n;
    int total = s->apps_by_chal_start[h + 1] - s->apps_by_chal_start[h] - r->team_size[h];
    sb_printf(b, "Other applicants (%d), eligible ones by jury rank:\n", total);
    for (int k = 0; k < nel; k++) {
        const app *a = &s->apps[list[k]];
        sbuf hd;
        sb_init(&hd);
        sb_printf(&hd, "%s %s (%s, ", s->cands[a->cand].id, s->cands[a->cand].name,
                  PROFILE_NAMES[s->cands[a->cand].profile]);
        ranks_text(&hd, a);
        sb_puts(&hd, ")");
        app_lines(b, r, e, list[k], hd.s);
        sb_free(&hd);
    }
    for (int pass = 0; pass < 2; pass++) {
        int code = pass ? WHY_PROFILE : WHY_DECLINED, cnt = 0;
        for (int q = s->apps_by_chal_start[h]; q < s->apps_by_chal_start[h + 1]; q++)
            cnt += e->apps[s->apps_by_chal[q]].code == code;
        if (!cnt)
            continue;
        sb_printf(b, "  %s (%d): ", pass ? "Profile not wanted, need max 0 (C2)"
                                          : "Declined by the jury, no jury rank (C2)", cnt);
        int first = 1;
        for (int q = s->apps_by_chal_start[h]; q < s->apps_by_chal_start[h + 1]; q++) {
            int ai = s->apps_by_chal[q];
            if (e->apps[ai].code != code)
                continue;
            sb_printf(b, "%s%s", first ? "" : ", ", s->cands[s->apps[ai].cand].id);
            first = 0;
        }
        sb_puts(b, "\n");
    }
    free(list);
}

int cohort_explain_text(const cohort_scenario *s, const cohort_result *r, const char *who,
                        char **out, cohort_diag *d)
{
    int i = sm_get(&s->cand_ix, who), h = sm_get(&s->chal_ix, who);
    if (out)
        *out = NULL;
    if (i < 0 && h < 0) {
        diag_error(d, "'%s' is neither a candidate id of candidates.csv nor a challenge id of "
                      "challenges.csv", who);
        return COHORT_EINPUT;
    }
    if (!r || !out)
        return COHORT_OK;
    sbuf b;
    sb_init(&b);
    if (r->status != ST_OPTIMAL && r->status != ST_FEASIBLE) {
        sb_printf(&b, "No cohort (%s).\n", cohort_result_status(r));
        for (int k = 0; k < r->nconflicts; k++)
            sb_printf(&b, "  %s %s: %s\n", r->conflicts[k].rule, r->conflicts[k].subject,
                      r->conflicts[k].text);
        if (r->message)
            sb_printf(&b, "  %s\n", r->message);
        *out = sb_take(&b);
        return COHORT_OK;
    }
    explain *e = explain_new(s, r);
    if (i >= 0)
        explain_candidate(&b, s, r, e, i);
    if (h >= 0) {
        if (i >= 0)
            sb_puts(&b, "\n");
        explain_challenge(&b, s, r, e, h);
    }
    explain_free(e, s);
    *out = sb_take(&b);
    return COHORT_OK;
}

/* ---- adopting the cohort of an earlier solve ---------------------------------- */

/* Reads the JSON string at *p (just after its opening quote) into out. */
static const char *json_string(const char *p, sbuf *out)
{
    while (*p && *p != '"') {
        if (*p != '\\') {
            sb_putc(out, *p++);
            continue;
        }
        p++;
        switch (*p) {
        case 'n':
            sb_putc(out, '\n');
            break;
        case 'r':
            sb_putc(out, '\r');
            break;
        case 't':
            sb_putc(out, '\t');
            break;
        case 'b':
            sb_putc(out, '\b');
            break;
        case 'f':
            sb_putc(out, '\f');
            break;
        case 'u': {
            unsigned v = 0;
            for (int k = 1; k <= 4; k++) {
                char c = p[k];
                if (!c)
                    return NULL;
                v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 32) - 'a' + 10);
            }
            p += 4;
            if (v < 0x80) {
                sb_putc(out, (char)v);
            } else if (v < 0x800) {
                sb_putc(out, (char)(0xC0 | (v >> 6)));
                sb_putc(out, (char)(0x80 | (v & 0x3F)));
            } else {
                sb_putc(out, (char)(0xE0 | (v >> 12)));
                sb_putc(out, (char)(0x80 | ((v >> 6) & 0x3F)));
                sb_putc(out, (char)(0x80 | (v & 0x3F)));
            }
            break;
        }
        case '\0':
            return NULL;
        default:
            sb_putc(out, *p);
        }
        p++;
    }
    return *p == '"' ? p + 1 : NULL;
}

static long first_diff_line(const char *a, size_t na, const char *b, size_t nb)
{
    long line = 1;
    for (size_t k = 0; k < na && k < nb; k++) {
        if (a[k] != b[k])
            return line;
        if (a[k] == '\n')
            line++;
    }
    return line;
}

/* The file is read permissively (only the status, gap, proven levels and
 * the team lists), then accepted only if writing the rebuilt result gives
 * the same bytes: a wrong reading can only lead to a fresh solve. */
int cohort_result_load(const cohort_scenario *s, const char *dir, cohort_result **out,
                       cohort_diag *d)
{
    int rc = COHORT_EINPUT;
    char *path = xasprintf("%s/cohort.json", dir);
    sbuf text, id, regen;
    sb_init(&text);
    sb_init(&id);
    sb_init(&regen);
    cohort_result *r = NULL;
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            diag_error(d, "%s: absent (no earlier solve in this folder)", path);
        else
            diag_error(d, "%s: cannot be read: %s", path, strerror(errno));
        goto done;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < ((size_t)1 << 30))
        sb_putn(&text, chunk, n);
    fclose(f);
    if (!text.s) {
        diag_error(d, "%s: empty", path);
        goto done;
    }
    const char *t = text.s, *p = strstr(t, "\"status\": \"");
    static const char *const names[] = {"optimal", "feasible"};
    int status = -1;
    for (int k = 0; p && k < 2; k++)
        if (!strncmp(p + 11, names[k], strlen(names[k])) && p[11 + strlen(names[k])] == '"')
            status = k == 0 ? ST_OPTIMAL : ST_FEASIBLE;
    if (status < 0) {
        diag_error(d, "%s: holds no cohort (status optimal or feasible expected)", path);
        goto done;
    }
    r = result_new(s);
    r->status = status;
    if ((p = strstr(t, "\"gap\": ")))
        r->gap = strtod(p + 7, NULL);
    if ((p = strstr(t, "\"proven_levels\": ["))) {
        for (p += 18; *p && *p != ']'; p++)
            if (*p == '"') {
                r->proven_levels++;
                p = strchr(p + 1, '"');
                if (!p)
                    break;
            }
    }
    const char *teams = strstr(t, "\"teams\": ["), *end = strstr(t, "\"unassigned\": [");
    if (!teams || !end || end < teams) {
        diag_error(d, "%s: no teams (not a cohort.json written by cohort solve)", path);
        goto done;
    }
    int h = -1;
    for (p = teams; p && p < end;) {
        const char *pc = strstr(p, "{\"challenge\": \""), *pm = strstr(p, "{\"candidate\": \"");
        if ((!pc || pc > end) && (!pm || pm > end))
            break;
        int is_chal = pc && pc < end && (!pm || pc < pm);
        const char *q = is_chal ? pc + 15 : pm + 15;
        sb_free(&id);
        p = json_string(q, &id);
        if (!p)
            break;
        const char *v = id.s ? id.s : "";
        if (is_chal) {
            h = sm_get(&s->chal_ix, v);
            if (h < 0) {
                diag_error(d, "%s: challenge '%s' is not in this scenario", path, v);
                goto done;
            }
            continue;
        }
        int i = sm_get(&s->cand_ix, v), ai = -1;
        if (i < 0 || h < 0) {
            diag_error(d, "%s: candidate '%s' is not in this scenario", path, v);
            goto done;
        }
        for (int k = s->by_cand_start[i]; k < s->by_cand_start[i + 1]; k++)
            if (s->apps[s->by_cand[k]].chal == h)
                ai = s->by_cand[k];
        if (ai < 0 || r->assign[i] >= 0) {
            diag_error(d, "%s: %s on %s is not an eligible application of this scenario", path,
                       v, s->chals[h].id);
            goto done;
        }
        r->assign[i] = ai;
    }
    char why[300];
    if (check_cohort(s, r->assign, why, sizeof why)) {
        diag_error(d, "%s: the cohort breaks %s in this scenario", path, why);
        goto done;
    }
    cohort_levels(s, r->assign, r->level);
    solution_derive(s, r);
    out_json(s, r, &regen);
    if (regen.len != text.len || memcmp(regen.s, text.s, text.len)) {
        diag_error(d, "%s:%ld: differs from what this scenario gives for the same teams (written "
                      "from other data, or by another version of cohort)",
                   path, first_diff_line(regen.s, regen.len, text.s, text.len));
        goto done;
    }
    *out = r;
    r = NULL;
    rc = COHORT_OK;
done:
    cohort_result_free(r);
    free(path);
    sb_free(&text);
    sb_free(&id);
    sb_free(&regen);
    return rc;
}
