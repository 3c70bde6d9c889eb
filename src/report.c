/* report.c - report.html, the jury's review page (CONTRACT.md section 5).
 *
 * One self-contained file: no script, no network, inline CSS and SVG
 * charts, laid out to print on A4. Every string that comes from the input
 * (names, titles, ids, attribute values, and the explanations that quote
 * ids) goes through html_str(). The reasons shown for each applicant are
 * computed by explain.c; the money figures are those of cohort.json and
 * finance.csv (solution.c), so the page and the files agree to the cent.
 */
#include "internal.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

void html_str(sbuf *b, const char *s)
{
    const char *p = s ? s : "";
    for (;;) {
        size_t run = strcspn(p, "&<>\"'");
        if (run)
            sb_putn(b, p, run);
        p += run;
        switch (*p) {
        case '\0':
            return;
        case '&':
            sb_puts(b, "&amp;");
            break;
        case '<':
            sb_puts(b, "&lt;");
            break;
        case '>':
            sb_puts(b, "&gt;");
            break;
        case '"':
            sb_puts(b, "&quot;");
            break;
        default:
            sb_puts(b, "&#x27;");
        }
        p++;
    }
}

/* "1,234.56" (the unit is in the column header) */
static void money(sbuf *b, int64_t cents)
{
    char t[64];
    fmt_eur(cents, t, sizeof t);
    size_t n = strlen(t);
    if (n > 4)
        t[n - 4] = '\0';
    sb_puts(b, t);
}

static void eur(sbuf *b, int64_t cents)
{
    char t[64];
    fmt_eur(cents, t, sizeof t);
    sb_puts(b, t);
}

static void pct(sbuf *b, int64_t num, int64_t den)
{
    char t[40];
    fmt_scaled(den ? muldiv_round(num, 1000, den) : 0, 1, t, sizeof t);
    sb_printf(b, "%s%%", t);
}

static void pct_ratio(sbuf *b, ratio r)
{
    char t[40];
    fmt_scaled(muldiv_round(r.num, 10000, r.den), 2, t, sizeof t);
    sb_printf(b, "%s%%", t);
}

static const char *const MONTHS[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static const char CSS[] =
    "*{box-sizing:border-box}\n"
    "body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:13px;"
    "line-height:1.4;color:#1b1b1b;max-width:1160px;margin:0 auto;padding:24px}\n"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #2a4d7f;"
    "padding-bottom:3px;margin:28px 0 10px;color:#2a4d7f}\n"
    "h3{font-size:15px;margin:22px 0 4px}h4{font-size:13px;margin:12px 0 4px}\n"
    "p{margin:4px 0}.sub{color:#555}.note{color:#555;font-size:12px}\n"
    "nav.toc{font-size:12px;margin:10px 0;padding:6px 8px;background:#f3f5f8;"
    "border:1px solid #d5dbe3}\nnav.toc a{color:#2a4d7f}\n"
    "table{border-collapse:collapse;margin:6px 0 10px;width:100%}\n"
    "th,td{border:1px solid #c9ced6;padding:3px 6px;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f5;font-weight:600}\ntd.n,th.n{text-align:right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.sub td{background:#f6f7f9;font-weight:600}tr.tot td{background:#e6eaf0;"
    "font-weight:700}\n"
    ".kpis{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:8px;margin:8px 0}\n"
    ".kpi{border:1px solid #c9ced6;padding:6px 8px;background:#fafbfc}\n"
    ".kpi b{display:block;font-size:18px;color:#2a4d7f;white-space:nowrap}.kpi span{font-size:12px;color:#444}\n"
    ".charts{display:grid;grid-template-columns:1fr 1fr;gap:10px 18px}\n"
    "figure{margin:0;break-inside:avoid}figcaption{font-weight:600;margin:6px 0 2px}\n"
    "svg text{font-family:inherit;font-size:11px;fill:#1b1b1b}\n"
    ".badge{display:inline-block;padding:0 5px;border-radius:3px;font-size:11px;"
    "font-weight:600;white-space:nowrap;border:1px solid #999}\n"
    ".b-declined,.b-profile{background:#eee;color:#444}"
    ".b-prefers{background:#e3f0e3;border-color:#7a7}"
    ".b-jury{background:#e6eef8;border-color:#79b}"
    ".b-rule{background:#fbe9e0;border-color:#c86}"
    ".b-objective{background:#f4eefa;border-color:#97b}"
    ".b-tie,.b-better{background:#fff6d6;border-color:#cb6}"
    ".b-unstaffed{background:#f3e3e3;border-color:#b77}"
    ".b-blocking{background:#fff;border-color:#c33;color:#a11}\n"
    ".moves{color:#555;font-size:11.5px;margin-top:2px}\n"
    ".compact{font-size:12px;color:#333}.compact span{white-space:nowrap}\n"
    ".meta{color:#333}.meta b{font-weight:600}\n"
    ".months{display:grid;grid-template-columns:1fr 1fr;gap:4px 18px}\n"
    ".months>div{break-inside:avoid}\n"
    "footer{margin-top:30px;font-size:11px;color:#666;border-top:1px solid #ccc;"
    "padding-top:6px}\n"
    "@page{size:A4;margin:12mm 11mm}\n"
    "@media print{body{font-size:9pt;max-width:none;padding:0}"
    "h1{font-size:16pt}h2{font-size:13pt;break-before:page;break-after:avoid}"
    "#summary h2{break-before:auto}h3,h4{break-after:avoid}"
    "nav.toc{display:none}thead{display:table-header-group}tr{break-inside:avoid}"
    ".kpi b{font-size:14pt}a{color:inherit;text-decoration:none}"
    ".kpis,.kpi,figure,.months>div{break-inside:avoid}"
    "th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* ---- small inline SVG charts --------------------------------------------- */

typedef struct bar_row {
    char label[96];
    int64_t value;     /* bar length in units of the scale */
    int64_t lo, hi;    /* markers (-1 = none), same units */
    char text[200];    /* shown right of the bar (plain, escaped when written) */
} bar_row;

/* Horizontal bars on a common scale [0, scale]; lo/hi markers as dashes. */
static void svg_bars(sbuf *b, const char *aria, const bar_row *rows, int n, int64_t scale)
{
    const int W = 540, LW = 120, BW = 210, RH = 20;
    if (scale <= 0)
        scale = 1;
    sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
              W, n * RH + 4, W, n * RH + 4);
    html_str(b, aria);
    sb_puts(b, "\">\n");
    for (int k = 0; k < n; k++) {
        const bar_row *r = &rows[k];
        int y = k * RH + 2;
        long w = (long)muldiv_round(r->value < 0 ? 0 : r->value, BW, scale);
        if (w > BW)
            w = BW;
        sb_printf(b, "<text x=\"0\" y=\"%d\">", y + 13);
        html_str(b, r->label);
        sb_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"#eef1f5\" "
                     "stroke=\"#c9ced6\"/>",
                  LW, y + 2, BW);
        if (w > 0)
            sb_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%ld\" height=\"14\" fill=\"#4a72a8\"/>",
                      LW, y + 2, w);
        int64_t mk[2] = {r->lo, r->hi};
        for (int q = 0; q < 2; q++) {
            if (mk[q] < 0)
                continue;
            long x = LW + (long)muldiv_round(mk[q], BW, scale);
            if (x > LW + BW)
                x = LW + BW;
            sb_printf(b, "<line x1=\"%ld\" y1=\"%d\" x2=\"%ld\" y2=\"%d\" stroke=\"#c0392b\" "
                         "stroke-width=\"2\"%s/>",
                      x, y, x, y + 18, q ? " stroke-dasharray=\"3,2\"" : "");
        }
        sb_printf(b, "<text x=\"%d\" y=\"%d\">", LW + BW + 8, y + 13);
        html_str(b, r->text);
        sb_puts(b, "</text>\n");
    }
    sb_puts(b, "</svg>\n");
}

/* ---- the summary ------------------------------------------------------------ */

static void kpi(sbuf *b, const char *big, const char *small)
{
    sb_puts(b, "<div class=\"kpi\"><b>");
    html_str(b, big);
    sb_puts(b, "</b><span>");
    html_str(b, small);
    sb_puts(b, "</span></div>\n");
}

static void summary(sbuf *b, const cohort_scenario *s, const cohort_result *r)
{
    int staffed = 0, places_min = 0, places_max = 0;
    for (int h = 0; h < s->nchals; h++)
        if (r->team_size[h]) {
            staffed++;
            places_min += s->chals[h].min_team;
            places_max += s->chals[h].max_team;
        }
    int64_t n = r->level[LV_FILLED];
    char big[96], small[200], a1[64], a2[64];
    sb_puts(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"kpis\">\n");
    fmt_text(big, sizeof big, "%d / %d", staffed, s->nchals);
    fmt_text(small, sizeof small, "challenges staffed (%d unstaffed)", s->nchals - staffed);
    kpi(b, big, small);
    fmt_text(big, sizeof big, "%lld", (long long)n);
    fmt_text(small, sizeof small, "positions filled; the staffed teams take %d to %d", places_min,
             places_max);
    kpi(b, big, small);
    int with_eligible = 0, unplaced = 0;
    for (int i = 0; i < s->ncands; i++) {
        if (r->assign[i] >= 0)
            continue;
        unplaced++;
        if (s->by_cand_start[i + 1] > s->by_cand_start[i])
            with_eligible++;
    }
    fmt_text(big, sizeof big, "%d", unplaced);
    fmt_text(small, sizeof small, "applicants not placed, of %d (%d of them had a jury-ranked, "
             "eligible application)", s->ncands, with_eligible);
    kpi(b, big, small);
    fmt_eur(r->total.prog, a1, sizeof a1);
    if (s->envelope >= 0) {
        fmt_eur(s->envelope, a2, sizeof a2);
        sbuf t;
        sb_init(&t);
        pct(&t, r->total.prog, s->envelope ? s->envelope : 1);
        fmt_text(big, sizeof big, "%s", t.s);
        sb_free(&t);
        fmt_text(small, sizeof small, "of the programme envelope used: %s of %s (C10)", a1, a2);
    } else {
        fmt_text(big, sizeof big, "%s", a1);
        fmt_text(small, sizeof small, "paid by the programme (no envelope set)");
    }
    kpi(b, big, small);
    fmt_eur(r->total.cost, a1, sizeof a1);
    fmt_eur(r->total.host, a2, sizeof a2);
    fmt_text(big, sizeof big, "%s", a1);
    fmt_text(small, sizeof small, "total cost of the contracts; hosts pay %s", a2);
    kpi(b, big, small);
    sb_puts(b, "</div>\n<div class=\"charts\">\n");

    /* profile mix against the quotas (C8) */
    bar_row rows[NPROF + 8];
    int64_t scale = 1;
    int64_t pcount[NPROF] = {0};
    for (int i = 0; i < s->ncands; i++)
        if (r->assign[i] >= 0)
            pcount[s->cands[i].profile]++;
    for (int p = 0; p < NPROF; p++) {
        bar_row *w = &rows[p];
        memset(w, 0, sizeof *w);
        fmt_text(w->label, sizeof w->label, "%s", PROFILE_NAMES[p]);
        w->value = pcount[p];
        w->lo = w->hi = -1;
        sbuf t;
        sb_init(&t);
        sb_printf(&t, "%lld (", (long long)pcount[p]);
        pct(&t, pcount[p], n);
        sb_puts(&t, ")");
        if (s->has_quota[p]) {
            const quota *q = &s->quotas[p];
            sb_puts(&t, " quota");
            if (q->min >= 0)
                sb_printf(&t, " \xe2\x89\xa5%d", q->min);
            if (q->max >= 0)
                sb_printf(&t, " \xe2\x89\xa4%d", q->max);
            if (q->has_min_share) {
                sb_puts(&t, " \xe2\x89\xa5");
                pct_ratio(&t, q->min_share);
            }
            if (q->has_max_share) {
                sb_puts(&t, " \xe2\x89\xa4");
                pct_ratio(&t, q->max_share);
            }
            /* markers in members: the tighter of the count and share bounds */
            int64_t lo = q->min;
            if (q->has_min_share) {
                int64_t v = share_least(q->min_share, n);
                if (v > lo)
                    lo = v;
            }
            int64_t hi = q->max;
            if (q->has_max_share) {
                int64_t v = share_most(q->max_share, n);
                if (hi < 0 || v < hi)
                    hi = v;
            }
            w->lo = lo;
            w->hi = hi;
        }
        fmt_text(w->text, sizeof w->text, "%s", t.s);
        sb_free(&t);
        if (w->value > scale)
            scale = w->value;
        if (w->hi > scale)
            scale = w->hi;
        if (w->lo > scale)
            scale = w->lo;
    }
    sb_puts(b, "<figure><figcaption>Profile mix against the quotas (C8)</figcaption>\n");
    svg_bars(b, "members per profile, with the quota bounds", rows, NPROF, scale);
    sb_puts(b, "<p class=\"note\">Bars: members per profile. Red marks: the lowest and highest "
               "count the quotas allow for a cohort of this size (solid: minimum, dashed: "
               "maximum).</p></figure>\n");

    /* member choices */
    int64_t ch[5] = {0};
    for (int i = 0; i < s->ncands; i++) {
        if (r->assign[i] < 0)
            continue;
        int c = s->apps[r->assign[i]].crank;
        ch[c == 0 ? 4 : c <= 3 ? c - 1 : 3]++;
    }
    static const char *const chn[5] = {"1st choice", "2nd choice", "3rd choice", "4th or later",
                                       "jury-proposed"};
    for (int k = 0; k < 5; k++) {
        bar_row *w = &rows[k];
        memset(w, 0, sizeof *w);
        fmt_text(w->label, sizeof w->label, "%s", chn[k]);
        w->value = ch[k];
        w->lo = w->hi = -1;
        sbuf t;
        sb_init(&t);
        sb_printf(&t, "%lld (", (long long)ch[k]);
        pct(&t, ch[k], n);
        sb_puts(&t, ")");
        fmt_text(w->text, sizeof w->text, "%s", t.s);
        sb_free(&t);
    }
    sb_puts(b, "<figure><figcaption>Members by the rank they gave their challenge"
               "</figcaption>\n");
    svg_bars(b, "members by the rank they gave their challenge", rows, 5, n);
    sb_puts(b, "</figure>\n");

    /* diversity (C9): every value of each attribute a rule names */
    for (int d = 0; d < s->ndivs; d++) {
        int at = s->divs[d].attr, dup = 0;
        for (int e = 0; e < d; e++)
            if (!strcmp(s->divs[e].attribute, s->divs[d].attribute))
                dup = 1;
        if (dup)
            continue;
        const char *vals[8];
        int64_t cnt[8] = {0}, other = 0, absent = 0;
        int nv = 0;
        for (int i = 0; i < s->ncands; i++) {
            if (r->assign[i] < 0)
                continue;
            const char *v = at >= 0 && s->cands[i].attrs ? s->cands[i].attrs[at] : NULL;
            if (!v) {
                absent++;
                continue;
            }
            int k = 0;
            while (k < nv && strcmp(vals[k], v))
                k++;
            if (k == nv && nv < 6)
                vals[nv++] = v;
            if (k < nv)
                cnt[k]++;
            else
                other++;
        }
        int nr = 0;
        for (int k = 0; k < nv + 2; k++) {
            const char *lab = k < nv ? vals[k] : k == nv ? "(other values)" : "(no value)";
            int64_t c = k < nv ? cnt[k] : k == nv ? other : absent;
            if (k >= nv && !c)
                continue;
            bar_row *w = &rows[nr++];
            memset(w, 0, sizeof *w);
            fmt_text(w->label, sizeof w->label, "%.40s = %.40s", s->divs[d].attribute, lab);
            w->value = muldiv_round(c, 1000, n ? n : 1);
            w->lo = w->hi = -1;
            sbuf t;
            sb_init(&t);
            sb_printf(&t, "%lld (", (long long)c);
            pct(&t, c, n);
            sb_puts(&t, ")");
            for (int e = d; e < s->ndivs; e++) {
                const diversity *D = &s->divs[e];
                if (strcmp(D->attribute, s->divs[d].attribute) || k >= nv ||
                    strcmp(D->value, vals[k]))
                    continue;
                if (D->has_min_share) {
                    w->lo = muldiv_round(D->min_share.num, 1000, D->min_share.den);
                    sb_puts(&t, " rule \xe2\x89\xa5");
                    pct_ratio(&t, D->min_share);
                }
                if (D->has_max_share) {
                    w->hi = muldiv_round(D->max_share.num, 1000, D->max_share.den);
                    sb_puts(&t, " rule \xe2\x89\xa4");
                    pct_ratio(&t, D->max_share);
                }
            }
            fmt_text(w->text, sizeof w->text, "%s", t.s);
            sb_free(&t);
        }
        /* a rule on a value no member has still shows, at 0 */
        for (int e = d; e < s->ndivs && nr < NPROF + 8; e++) {
            const diversity *D = &s->divs[e];
            int seen = 0;
            for (int k = 0; k < nv; k++)
                if (!strcmp(D->value, vals[k]))
                    seen = 1;
            if (strcmp(D->attribute, s->divs[d].attribute) || seen)
                continue;
            bar_row *w = &rows[nr++];
            memset(w, 0, sizeof *w);
            fmt_text(w->label, sizeof w->label, "%.40s = %.40s", D->attribute, D->value);
            w->lo = D->has_min_share ? muldiv_round(D->min_share.num, 1000, D->min_share.den) : -1;
            w->hi = D->has_max_share ? muldiv_round(D->max_share.num, 1000, D->max_share.den) : -1;
            fmt_text(w->text, sizeof w->text, "0 (0%%)");
        }
        sb_puts(b, "<figure><figcaption>Diversity: ");
        html_str(b, s->divs[d].attribute);
        sb_puts(b, " (C9)</figcaption>\n");
        svg_bars(b, "share of the cohort per value", rows, nr, 1000);
        sb_puts(b, "<p class=\"note\">Share of the cohort per value (the bar's full length is "
                   "100%); red marks: the rule's minimum (solid) and maximum (dashed) share."
                   "</p></figure>\n");
    }

    /* money against the envelope and the host budgets (C10, C11) */
    int nr = 0;
    int64_t mscale = 1;
    if (s->envelope >= 0) {
        bar_row *w = &rows[nr++];
        memset(w, 0, sizeof *w);
        fmt_text(w->label, sizeof w->label, "programme");
        w->value = r->total.prog;
        w->lo = -1;
        w->hi = s->envelope;
        fmt_eur(r->total.prog, a1, sizeof a1);
        fmt_eur(s->envelope, a2, sizeof a2);
        fmt_text(w->text, sizeof w->text, "%s of %s", a1, a2);
        mscale = s->envelope > r->total.prog ? s->envelope : r->total.prog;
    }
    sb_puts(b, "<figure><figcaption>Programme envelope (C10)</figcaption>\n");
    if (nr) {
        svg_bars(b, "programme shares against the envelope", rows, nr, mscale);
        sb_puts(b, "<p class=\"note\">Dashed mark: the envelope.</p>");
    } else {
        sb_puts(b, "<p>No envelope is set: the programme pays ");
        eur(b, r->total.prog);
        sb_puts(b, ".</p>");
    }
    sb_puts(b, "</figure>\n</div>\n");
    sb_puts(b, "<p class=\"note\">Objective, in this order: ");
    for (int k = 0; k < s->norder; k++) {
        int l = s->order[k];
        char v[40];
        fmt_level(s, l, r->level[l], v, sizeof v);
        sb_printf(b, "%s%s %s", k ? ", then " : "", LEVEL_NAMES[l], v);
    }
    sb_puts(b, " (staffed: challenges with a team; filled: members placed; rank: the sum of "
               "candidate_weight \xc3\x97 candidate rank + jury_weight \xc3\x97 jury rank, lower "
               "is better).</p>\n</section>\n");
}

/* ---- blocking pairs ---------------------------------------------------------- */

static const char *kept_name(int k)
{
    return k == KEPT_RULE ? "rule" : k == KEPT_OBJECTIVE ? "objective" : k == KEPT_TIE ? "tie"
                                                                                     : "better";
}

static void blocking_section(sbuf *b, const cohort_scenario *s, const cohort_result *r)
{
    sb_puts(b, "<section id=\"blocking\">\n<h2>Blocking pairs</h2>\n"
               "<p>A blocking pair is a candidate and a challenge they applied to (jury-ranked, "
               "profile allowed) where the candidate is unplaced or ranks that challenge above "
               "the one they joined, and the team holds a member of the candidate's profile whom "
               "the challenge's jury ranked below the candidate. The cohort optimises the whole "
               "promotion under the rules, so it may keep some: each line says which rule or "
               "objective level kept it, by trying the candidate in place of each member they "
               "would displace.</p>\n");
    if (!r->nblocks) {
        sb_puts(b, "<p><b>None</b>: no candidate would rather join a team that would also "
                   "rather have them.</p>\n</section>\n");
        return;
    }
    sb_puts(b, "<table>\n<thead><tr><th>Candidate</th><th>Challenge</th><th>Where they are</th>"
               "<th>Would displace</th><th>Kept by</th><th>The check</th></tr></thead>\n"
               "<tbody>\n");
    for (int k = 0; k < r->nblocks; k++) {
        const blocking *bp = &r->blocks[k];
        const app *a = &s->apps[bp->app];
        const candidate *c = &s->cands[a->cand];
        sb_puts(b, "<tr class=\"bp\" data-cand=\"");
        html_str(b, c->id);
        sb_puts(b, "\" data-chal=\"");
        html_str(b, s->chals[a->chal].id);
        sb_printf(b, "\" data-kept=\"%s\"><td>", kept_name(bp->kept_by));
        html_str(b, c->id);
        sb_puts(b, " ");
        html_str(b, c->name);
        sb_printf(b, "<br><span class=\"note\">%s</span></td><td>", PROFILE_NAMES[c->profile]);
        html_str(b, s->chals[a->chal].id);
        if (a->crank)
            sb_printf(b, "<br><span class=\"note\">their #%d, jury #%d</span>", a->crank, a->jrank);
        else
            sb_printf(b, "<br><span class=\"note\">jury-proposed, jury #%d</span>", a->jrank);
        sb_puts(b, "</td><td>");
        int held = r->assign[a->cand];
        if (held >= 0) {
            html_str(b, s->chals[s->apps[held].chal].id);
            if (s->apps[held].crank)
                sb_printf(b, " <span class=\"note\">(their #%d)</span>", s->apps[held].crank);
            else
                sb_puts(b, " <span class=\"note\">(jury-proposed)</span>");
        } else {
            sb_puts(b, "unplaced");
        }
        sb_puts(b, "</td><td>");
        for (int q = 0; q < bp->ndisp; q++) {
            int m = bp->displaces[q];
            if (q)
                sb_puts(b, ", ");
            html_str(b, s->cands[m].id);
            sb_printf(b, " <span class=\"note\">(jury #%d)</span>", s->apps[r->assign[m]].jrank);
        }
        sb_printf(b, "</td><td><span class=\"badge b-%s\">",
                  bp->kept_by == KEPT_RULE ? "rule" : bp->kept_by == KEPT_OBJECTIVE ? "objective"
                                                                                     : "tie");
        if (bp->kept_by == KEPT_RULE)
            sb_printf(b, "rule C%d", bp->rule);
        else if (bp->kept_by == KEPT_OBJECTIVE)
            sb_printf(b, "objective: %s", LEVEL_NAMES[bp->level]);
        else if (bp->kept_by == KEPT_TIE)
            sb_puts(b, "tie");
        else
            sb_printf(b, "not optimal: %s", LEVEL_NAMES[bp->level]);
        sb_puts(b, "</span></td><td>");
        html_str(b, bp->why);
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</tbody></table>\n");
    int tie = 0;
    for (int k = 0; k < r->nblocks; k++)
        tie += r->blocks[k].kept_by == KEPT_TIE;
    if (tie)
        sb_printf(b, "<p class=\"note\">A tie means the swap gives a cohort exactly as good on "
                     "every objective level: both are optimal, and the solver returned this one. "
                     "The jury may prefer the other (%d such pair%s).</p>\n",
                  tie, tie == 1 ? "" : "s");
    sb_puts(b, "</section>\n");
}

/* ---- challenges --------------------------------------------------------------- */

/* the order of a challenge's other applicants: eligible first, then jury
   rank, their rank, file order (one key per applicant, so that the sort
   needs no shared state: two threads write sections) */
typedef struct app_key {
    int ineligible, jrank, crank, ai;
} app_key;

static int cmp_applicants(const void *x, const void *y)
{
    const app_key *a = x, *b = y;
    if (a->ineligible != b->ineligible)
        return a->ineligible - b->ineligible;
    if (a->jrank != b->jrank)
        return a->jrank < b->jrank ? -1 : 1;
    if (a->crank != b->crank)
        return a->crank < b->crank ? -1 : 1;
    return (a->ai > b->ai) - (a->ai < b->ai);
}

static void rank_cell(sbuf *b, const app *a)
{
    if (a->crank)
        sb_printf(b, "<td class=\"n\">%d</td>", a->crank);
    else
        sb_printf(b, "<td class=\"n\">jury-proposed (%d)</td>", a->crank_eff);
}

static void challenge_section(sbuf *b, const cohort_scenario *s, const cohort_result *r,
                              const explain *e, int h, app_key *keys,
                              const unsigned char *in_pair)
{
    const challenge *c = &s->chals[h];
    const host *H = &s->hosts[c->host];
    sb_printf(b, "<section class=\"challenge\" id=\"ch-%d\" data-chal=\"", h);
    html_str(b, c->id);
    sb_puts(b, "\">\n<h3>");
    html_str(b, c->id);
    sb_puts(b, " &mdash; ");
    html_str(b, c->title);
    sb_puts(b, "</h3>\n<p class=\"meta\"><b>Host:</b> ");
    html_str(b, H->name);
    sb_puts(b, " (");
    html_str(b, H->id);
    sb_printf(b, ", %s%s", KIND_NAMES[H->kind], H->self_financed ? ", self-financed" : "");
    if (H->budget >= 0) {
        sb_puts(b, ", budget ");
        eur(b, H->budget);
    }
    sb_puts(b, ") &middot; <b>Needs:</b> ");
    if (c->needs_text && *c->needs_text)
        html_str(b, c->needs_text);
    else
        sb_puts(b, "any profiles");
    sb_printf(b, " &middot; <b>Team:</b> %d&ndash;%d members", c->min_team, c->max_team);
    if (c->must_staff)
        sb_puts(b, " &middot; <b>must be staffed</b>");
    sb_puts(b, "</p>\n");
    if (!r->team_size[h]) {
        sb_puts(b, "<p><span class=\"badge b-unstaffed\">not staffed</span> ");
        html_str(b, e->unstaffed[h]);
        sb_puts(b, ".</p>\n");
    } else {
        sb_puts(b, "<table class=\"team\">\n<thead><tr><th>Member</th><th>Profile</th>"
                   "<th class=\"n\">Their rank</th><th class=\"n\">Jury rank</th>"
                   "<th class=\"n\">Cost (EUR)</th><th class=\"n\">Programme (EUR)</th>"
                   "<th class=\"n\">Host (EUR)</th></tr></thead>\n<tbody>\n");
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int i = r->mem[q];
            const app *a = &s->apps[r->assign[i]];
            sb_puts(b, "<tr class=\"member\" data-cand=\"");
            html_str(b, s->cands[i].id);
            sb_puts(b, "\" data-why=\"assigned\"><td>");
            html_str(b, s->cands[i].id);
            sb_puts(b, " ");
            html_str(b, s->cands[i].name);
            sb_printf(b, "</td><td>%s</td>", PROFILE_NAMES[s->cands[i].profile]);
            rank_cell(b, a);
            sb_printf(b, "<td class=\"n\">%d</td><td class=\"n\">", a->jrank);
            money(b, s->cands[i].cost);
            sb_puts(b, "</td><td class=\"n\">");
            money(b, a->prog);
            sb_puts(b, "</td><td class=\"n\">");
            money(b, a->hshare);
            sb_puts(b, "</td></tr>\n");
        }
        const money3 *t = &r->chal_total[h];
        sb_puts(b, "<tr class=\"tot\"><td colspan=\"4\">Team total</td><td class=\"n\">");
        money(b, t->cost);
        sb_puts(b, "</td><td class=\"n\">");
        money(b, t->prog);
        sb_puts(b, "</td><td class=\"n\">");
        money(b, t->host);
        sb_puts(b, "</td></tr>\n</tbody></table>\n");
    }
    /* every other applicant, with the reason */
    int n = 0;
    for (int q = s->apps_by_chal_start[h]; q < s->apps_by_chal_start[h + 1]; q++) {
        int ai = s->apps_by_chal[q];
        const app *a = &s->apps[ai];
        if (r->assign[a->cand] != ai)
            keys[n++] = (app_key){!a->eligible, a->jrank, a->crank_eff, ai};
    }
    qsort(keys, (size_t)n, sizeof *keys, cmp_applicants);
    int nel = 0;
    while (nel < n && !keys[nel].ineligible)
        nel++;
    sb_printf(b, "<h4>Why not on this team: the other %d applicant%s</h4>\n", n,
              n == 1 ? "" : "s");
    if (nel) {
        sb_puts(b, "<table class=\"whynot\">\n<thead><tr><th>Applicant</th><th>Profile</th>"
                   "<th class=\"n\">Their rank</th><th class=\"n\">Jury rank</th>"
                   "<th>Why not on this team</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < nel; k++) {
            int ai = keys[k].ai;
            const app *a = &s->apps[ai];
            const ex_app *x = &e->apps[ai];
            const candidate *cd = &s->cands[a->cand];
            sb_puts(b, "<tr class=\"app\" data-cand=\"");
            html_str(b, cd->id);
            sb_printf(b, "\" data-why=\"%s\"><td>", WHY_NAMES[x->code]);
            html_str(b, cd->id);
            sb_puts(b, " ");
            html_str(b, cd->name);
            sb_printf(b, "</td><td>%s</td>", PROFILE_NAMES[cd->profile]);
            rank_cell(b, a);
            sb_printf(b, "<td class=\"n\">%d</td><td><span class=\"badge b-%s\">", a->jrank,
                      WHY_NAMES[x->code]);
            html_str(b, x->label);
            sb_puts(b, "</span>");
            if (in_pair[ai])
                sb_puts(b, " <span class=\"badge b-blocking\">blocking pair</span>");
            sb_puts(b, " ");
            html_str(b, x->reason);
            sb_puts(b, ".");
            if (x->moves && *x->moves) {
                sb_puts(b, "<div class=\"moves\">");
                sb_puts(b, x->code == WHY_RULE || x->code == WHY_OBJECTIVE ||
                                   x->code == WHY_TIE || x->code == WHY_BETTER
                               ? "Other moves tried: "
                               : "Moves tried: ");
                html_str(b, x->moves);
                sb_puts(b, ".</div>");
            }
            sb_puts(b, "</td></tr>\n");
        }
        sb_puts(b, "</tbody></table>\n");
    }
    /* the ineligible ones (C2), compactly: declined by the jury, then profile */
    for (int pass = 0; pass < 2; pass++) {
        int cnt = 0;
        for (int k = nel; k < n; k++)
            cnt += e->apps[keys[k].ai].code == (pass ? WHY_PROFILE : WHY_DECLINED);
        if (!cnt)
            continue;
        sb_printf(b, "<p class=\"compact\"><span class=\"badge b-%s\">%s</span> %d: ",
                  pass ? "profile" : "declined",
                  pass ? "profile not wanted" : "jury declined", cnt);
        sb_puts(b, pass ? "the needs of this challenge take none of their profile (need max 0, "
                          "C2): "
                        : "the jury of this challenge gave them no rank (C2): ");
        int first = 1;
        for (int k = nel; k < n; k++) {
            int ai = keys[k].ai;
            const app *a = &s->apps[ai];
            if (e->apps[ai].code != (pass ? WHY_PROFILE : WHY_DECLINED))
                continue;
            const candidate *cd = &s->cands[a->cand];
            sb_puts(b, first ? "" : ", ");
            first = 0;
            sb_puts(b, "<span class=\"app\" data-cand=\"");
            html_str(b, cd->id);
            sb_printf(b, "\" data-why=\"%s\">", WHY_NAMES[e->apps[ai].code]);
            html_str(b, cd->id);
            sb_puts(b, " ");
            html_str(b, cd->name);
            sb_printf(b, " (%s, ", PROFILE_NAMES[cd->profile]);
            if (a->crank)
                sb_printf(b, "their #%d)", a->crank);
            else
                sb_puts(b, "jury-proposed)");
            sb_puts(b, "</span>");
        }
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</section>\n");
}

/* ---- finance ---------------------------------------------------------------- */

static int host_has_members(const cohort_scenario *s, const cohort_result *r, int h)
{
    for (int c = 0; c < s->nchals; c++)
        if (s->chals[c].host == h && r->team_size[c])
            return 1;
    return 0;
}

static void money_cells(sbuf *b, const money3 *m)
{
    sb_puts(b, "<td class=\"n\">");
    money(b, m->cost);
    sb_puts(b, "</td><td class=\"n\">");
    money(b, m->prog);
    sb_puts(b, "</td><td class=\"n\">");
    money(b, m->host);
    sb_puts(b, "</td>");
}

static void finance_section(sbuf *b, const cohort_scenario *s, const cohort_result *r)
{
    int Y = r->nyears, D = s->duration;
    sb_puts(b, "<section id=\"finance\">\n<h2>Finance</h2>\n");
    sb_puts(b, "<h3>Per host and year (as in finance.csv)</h3>\n"
               "<table class=\"fin\">\n<thead><tr><th>Host</th><th>Year</th>"
               "<th class=\"n\">Cost (EUR)</th><th class=\"n\">Programme share (EUR)</th>"
               "<th class=\"n\">Host share (EUR)</th></tr></thead>\n<tbody>\n");
    for (int h = 0; h < s->nhosts; h++) {
        if (!host_has_members(s, r, h))
            continue;
        for (int k = 0; k < Y; k++) {
            sb_puts(b, "<tr data-host=\"");
            html_str(b, s->hosts[h].id);
            sb_printf(b, "\" data-year=\"%d\"><td>", r->years[k]);
            html_str(b, s->hosts[h].id);
            sb_printf(b, "</td><td>%d</td>", r->years[k]);
            money_cells(b, &r->fin_host[h * Y + k]);
            sb_puts(b, "</tr>\n");
        }
    }
    for (int k = 0; k < Y; k++) {
        sb_printf(b, "<tr class=\"sub\" data-host=\"ALL\" data-year=\"%d\"><td>ALL</td><td>%d"
                     "</td>", r->years[k], r->years[k]);
        money_cells(b, &r->fin_year[k]);
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "<tr class=\"tot\" data-host=\"ALL\" data-year=\"ALL\"><td>ALL</td><td>ALL</td>");
    money_cells(b, &r->total);
    sb_puts(b, "</tr>\n</tbody></table>\n");

    /* budgets */
    sb_puts(b, "<h3>Host budgets (C11) and the programme envelope (C10)</h3>\n<table>\n"
               "<thead><tr><th>Who</th><th class=\"n\">Pays (EUR)</th><th class=\"n\">"
               "Limit (EUR)</th><th class=\"n\">Left (EUR)</th><th class=\"n\">Used</th></tr>"
               "</thead>\n<tbody>\n");
    sb_puts(b, "<tr><td>programme (envelope)</td><td class=\"n\">");
    money(b, r->total.prog);
    if (s->envelope >= 0) {
        sb_puts(b, "</td><td class=\"n\">");
        money(b, s->envelope);
        sb_puts(b, "</td><td class=\"n\">");
        money(b, s->envelope - r->total.prog);
        sb_puts(b, "</td><td class=\"n\">");
        pct(b, r->total.prog, s->envelope ? s->envelope : 1);
    } else {
        sb_puts(b, "</td><td class=\"n\">none</td><td class=\"n\"></td><td class=\"n\">");
    }
    sb_puts(b, "</td></tr>\n");
    for (int h = 0; h < s->nhosts; h++) {
        const host *H = &s->hosts[h];
        if (!host_has_members(s, r, h) && H->budget < 0)
            continue;
        sb_puts(b, "<tr><td>");
        html_str(b, H->id);
        sb_puts(b, " ");
        html_str(b, H->name);
        sb_puts(b, "</td><td class=\"n\">");
        money(b, r->host_total[h].host);
        if (H->budget >= 0) {
            sb_puts(b, "</td><td class=\"n\">");
            money(b, H->budget);
            sb_puts(b, "</td><td class=\"n\">");
            money(b, H->budget - r->host_total[h].host);
            sb_puts(b, "</td><td class=\"n\">");
            pct(b, r->host_total[h].host, H->budget ? H->budget : 1);
        } else {
            sb_puts(b, "</td><td class=\"n\">none</td><td class=\"n\"></td><td class=\"n\">");
        }
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</tbody></table>\n");

    /* per challenge */
    sb_puts(b, "<h3>Per challenge</h3>\n<table class=\"perchal\">\n<thead><tr><th>Challenge"
               "</th><th>Host</th><th class=\"n\">Members</th><th class=\"n\">Cost (EUR)</th>"
               "<th class=\"n\">Programme share (EUR)</th><th class=\"n\">Host share (EUR)</th>"
               "</tr></thead>\n<tbody>\n");
    for (int h = 0; h < s->nchals; h++) {
        sb_puts(b, "<tr data-chal=\"");
        html_str(b, s->chals[h].id);
        sb_puts(b, "\"><td>");
        html_str(b, s->chals[h].id);
        sb_puts(b, "</td><td>");
        html_str(b, s->hosts[s->chals[h].host].id);
        sb_printf(b, "</td><td class=\"n\">%d</td>", r->team_size[h]);
        money_cells(b, &r->chal_total[h]);
        sb_puts(b, "</tr>\n");
    }
    sb_printf(b, "<tr class=\"tot\"><td colspan=\"2\">All challenges</td><td class=\"n\">%lld"
                 "</td>", (long long)r->level[LV_FILLED]);
    money_cells(b, &r->total);
    sb_puts(b, "</tr>\n</tbody></table>\n");

    /* monthly schedule per host */
    sb_printf(b, "<h3>Monthly schedule per host</h3>\n<p class=\"note\">Each contract month "
                 "(the contracts run %d months from %d %s %d), what it costs and what the host "
                 "and the programme pay. Each amount is first split over the calendar years "
                 "exactly as in finance.csv (a month counts in the year it starts; every year "
                 "but the last gets round(amount \xc3\x97 months in the year / %d), the last "
                 "the rest); each year's part P is then spread over that year's m months by "
                 "cumulative rounding: month t gets round(P \xc3\x97 t / m) \xe2\x88\x92 "
                 "round(P \xc3\x97 (t \xe2\x88\x92 1) / m), half away from zero. So the months add up to the cent to "
                 "the year rows of finance.csv, and the years to cohort.json. The columns are "
                 "split separately, so in a month the cost may differ by a cent from the sum "
                 "of the two shares.",
              D, s->start_day, MONTHS[s->start_month - 1], s->start_year, D);
    if (s->has_covered)
        sb_puts(b, " With <i>covered_months</i>, the programme's share is the cost of the "
                   "covered months; it is spread here like every other amount, as finance.csv "
                   "spreads it.");
    sb_puts(b, "</p>\n<div class=\"months\">\n");
    int64_t *mc = xmalloc(sizeof *mc * (size_t)D), *mp = xmalloc(sizeof *mp * (size_t)D),
            *mh = xmalloc(sizeof *mh * (size_t)D);
    money3 *sched = xmalloc(sizeof *sched * (size_t)D);
    for (int h = 0; h < s->nhosts; h++) {
        if (!host_has_members(s, r, h))
            continue;
        memset(sched, 0, sizeof *sched * (size_t)D);
        for (int i = 0; i < s->ncands; i++) {
            if (r->assign[i] < 0)
                continue;
            const app *a = &s->apps[r->assign[i]];
            if (s->chals[a->chal].host != h)
                continue;
            split_months(s, r, s->cands[i].cost, mc);
            split_months(s, r, a->prog, mp);
            split_months(s, r, a->hshare, mh);
            for (int k = 0; k < D; k++) {
                sched[k].cost += mc[k];
                sched[k].prog += mp[k];
                sched[k].host += mh[k];
            }
        }
        sb_puts(b, "<div><h4>");
        html_str(b, s->hosts[h].id);
        sb_puts(b, " &mdash; ");
        html_str(b, s->hosts[h].name);
        sb_puts(b, "</h4>\n<table class=\"sched\">\n<thead><tr><th>Month</th><th class=\"n\">"
                   "Cost (EUR)</th><th class=\"n\">Programme pays (EUR)</th><th class=\"n\">"
                   "Host pays (EUR)</th></tr></thead>\n<tbody>\n");
        int k = 0;
        for (int y = 0; y < Y; y++) {
            money3 sub = {0, 0, 0};
            for (int m = 0; m < r->months_in_year[y]; m++, k++) {
                int mi = (s->start_month - 1 + k) % 12;
                sb_puts(b, "<tr class=\"month\" data-host=\"");
                html_str(b, s->hosts[h].id);
                sb_printf(b, "\" data-year=\"%d\"><td>%s %d</td>", r->years[y], MONTHS[mi],
                          r->years[y]);
                money_cells(b, &sched[k]);
                sb_puts(b, "</tr>\n");
                sub.cost += sched[k].cost;
                sub.prog += sched[k].prog;
                sub.host += sched[k].host;
            }
            sb_printf(b, "<tr class=\"sub\"><td>%d</td>", r->years[y]);
            money_cells(b, &sub);
            sb_puts(b, "</tr>\n");
        }
        sb_puts(b, "<tr class=\"tot\"><td>Total</td>");
        money_cells(b, &r->host_total[h]);
        sb_puts(b, "</tr>\n</tbody></table></div>\n");
    }
    sb_puts(b, "</div>\n</section>\n");
    free(mc);
    free(mp);
    free(mh);
    free(sched);
}

/* ---- the page ------------------------------------------------------------------ */

static void no_cohort(sbuf *b, const cohort_scenario *s, const cohort_result *r)
{
    (void)s;
    sb_puts(b, "<section id=\"summary\">\n<h2>No cohort</h2>\n");
    if (r->status == ST_INFEASIBLE)
        sb_puts(b, "<p>The rules cannot all hold together. The smallest set of rules in "
                   "conflict, and by how much each would have to move:</p>\n");
    if (r->nconflicts) {
        sb_puts(b, "<table>\n<thead><tr><th>Rule</th><th>Concerns</th><th class=\"n\">Relax by"
                   "</th><th>What it means</th></tr></thead>\n<tbody>\n");
        for (int k = 0; k < r->nconflicts; k++) {
            const conflict *c = &r->conflicts[k];
            sb_puts(b, "<tr><td>");
            html_str(b, c->rule);
            sb_puts(b, "</td><td>");
            html_str(b, c->subject);
            sb_puts(b, "</td><td class=\"n\">");
            if (!strcmp(c->unit, "cents")) {
                eur(b, c->amount);
            } else {
                sb_printf(b, "%lld ", (long long)c->amount);
                html_str(b, c->unit);
            }
            sb_puts(b, "</td><td>");
            html_str(b, c->text);
            sb_puts(b, "</td></tr>\n");
        }
        sb_puts(b, "</tbody></table>\n");
    }
    if (r->message) {
        sb_puts(b, "<p>");
        html_str(b, r->message);
        sb_puts(b, "</p>\n");
    }
    sb_puts(b, "</section>\n");
}

/* The challenge sections are written by two threads, as the explanations
 * are (explain.c): each section into a buffer of its own, the challenges
 * handed out in order through an atomic counter, then the buffers appended
 * in challenge order, so the bytes are those of one thread. */
typedef struct sec_work {
    const cohort_scenario *s;
    const cohort_result *r;
    const explain *e;
    const unsigned char *in_pair;
    sbuf *parts; /* one per challenge */
    atomic_int next;
} sec_work;

static void *sections_some(void *arg)
{
    sec_work *w = arg;
    const cohort_scenario *s = w->s;
    int most = 1;
    for (int h = 0; h < s->nchals; h++)
        if (s->apps_by_chal_start[h + 1] - s->apps_by_chal_start[h] > most)
            most = s->apps_by_chal_start[h + 1] - s->apps_by_chal_start[h];
    app_key *keys = xmalloc(sizeof *keys * (size_t)most);
    for (;;) {
        int h = atomic_fetch_add(&w->next, 1);
        if (h >= s->nchals)
            break;
        challenge_section(&w->parts[h], s, w->r, w->e, h, keys, w->in_pair);
    }
    free(keys);
    return NULL;
}

void out_report(const cohort_scenario *s, const cohort_result *r, sbuf *b)
{
    out_report_threads(s, r, b, page_threads(s));
}

void out_report_threads(const cohort_scenario *s, const cohort_result *r, sbuf *b, int threads)
{
    static const char *const status[] = {"optimal", "feasible", "infeasible", "unknown"};
    int has = r->status == ST_OPTIMAL || r->status == ST_FEASIBLE;
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<title>");
    html_str(b, s->name);
    sb_printf(b, " &mdash; proposed cohort</title>\n<style>\n%s</style>\n</head>\n<body>\n"
                 "<header>\n<h1>",
              CSS);
    html_str(b, s->name);
    sb_printf(b, "</h1>\n<p class=\"sub\">The proposed cohort, for the jury's review. Status: "
                 "<b>%s</b>", status[r->status]);
    if (r->status == ST_OPTIMAL)
        sb_puts(b, " (proven best on every objective level)");
    if (r->status == ST_FEASIBLE) {
        sb_printf(b, " (not proven optimal: %s stopped the search with a remaining gap of "
                     "%.4f%%; proven levels:",
                  r->interrupted ? "an interrupt" : "a time limit", r->gap * 100);
        for (int k = 0; k < r->proven_levels && k < s->norder; k++)
            sb_printf(b, " %s", LEVEL_NAMES[s->order[k]]);
        sb_puts(b, r->proven_levels ? ")" : " none)");
    }
    sb_printf(b, ". Contracts of %d months from %d %s %d.</p>\n</header>\n", s->duration,
              s->start_day, MONTHS[s->start_month - 1], s->start_year);
    if (!has) {
        no_cohort(b, s, r);
        sb_puts(b, "</body>\n</html>\n");
        return;
    }
    sb_puts(b, "<nav class=\"toc\"><b>Contents:</b> <a href=\"#summary\">Summary</a> &middot; "
               "<a href=\"#blocking\">Blocking pairs</a> &middot; <a href=\"#finance\">Finance"
               "</a> &middot; Challenges:");
    for (int h = 0; h < s->nchals; h++) {
        sb_printf(b, " <a href=\"#ch-%d\">", h);
        html_str(b, s->chals[h].id);
        sb_puts(b, "</a>");
    }
    sb_puts(b, "</nav>\n");
    summary(b, s, r);
    blocking_section(b, s, r);
    explain *e = explain_new_threads(s, r, threads);
    unsigned char *in_pair = xcalloc((size_t)(s->napps ? s->napps : 1), 1);
    for (int k = 0; k < r->nblocks; k++)
        in_pair[r->blocks[k].app] = 1;
    sb_puts(b, "<section id=\"challenges\">\n<h2>Challenges and teams</h2>\n<p class=\"note\">"
               "For each challenge: its team, then every other applicant with the reason they "
               "are not on it. Reasons are computed, not guessed: an ineligible pair (C2); a "
               "challenge the candidate ranked higher, where they are placed; a jury that "
               "ranked them below the members of their profile; or the check of the moves "
               "that would put them there, every other assignment kept as it is (in place of "
               "each member, or as a further member when the team has room), with the rule "
               "each move breaks and by how much, or the objective level it worsens.</p>\n");
    sec_work w = {s, r, e, in_pair, xcalloc((size_t)(s->nchals ? s->nchals : 1), sizeof(sbuf)),
                  0};
    atomic_init(&w.next, 0);
    run_threads(sections_some, &w, threads);
    size_t total = 0;
    for (int h = 0; h < s->nchals; h++)
        total += w.parts[h].len;
    sb_reserve(b, total);
    for (int h = 0; h < s->nchals; h++) {
        sb_putn(b, w.parts[h].s ? w.parts[h].s : "", w.parts[h].len);
        sb_free(&w.parts[h]);
    }
    free(w.parts);
    sb_puts(b, "</section>\n");
    free(in_pair);
    explain_free(e, s);
    finance_section(b, s, r);
    sb_puts(b, "<footer>Written by cohort " COHORT_VERSION " from the scenario &ldquo;");
    html_str(b, s->name);
    sb_puts(b, "&rdquo;. Amounts in euros, exact to the cent; the rules are those of the "
               "programme (C1&ndash;C11).</footer>\n</body>\n</html>\n");
}
