/* report.c - report.html, the jury's page: one self-contained file (no
 * script, no network), every input string HTML-escaped.
 */
#include "internal.h"

#include <string.h>

void html_str(sbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
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
        case '\'':
            sb_puts(b, "&#x27;");
            break;
        default:
            sb_putc(b, *p);
        }
    }
}

static void eur(sbuf *b, int64_t cents)
{
    char t[64];
    fmt_eur(cents, t, sizeof t);
    sb_puts(b, t);
}

void out_report(const cohort_scenario *s, const cohort_result *r, sbuf *b)
{
    static const char *const status[] = {"optimal", "feasible", "infeasible", "unknown"};
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_str(b, s->name);
    sb_puts(b, " - proposed cohort</title>\n<style>\n"
               "body{font-family:sans-serif;margin:2em;color:#222}\n"
               "table{border-collapse:collapse;margin:1em 0}\n"
               "td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left}\n"
               "td.n{text-align:right}\n"
               "@media print{body{margin:0}h2{page-break-before:auto}}\n"
               "</style>\n</head>\n<body>\n<h1>");
    html_str(b, s->name);
    sb_printf(b, "</h1>\n<p>Status: <b>%s</b>", status[r->status]);
    if (r->status == ST_FEASIBLE)
        sb_printf(b, " (not proven optimal: remaining gap %.4f%%)", r->gap * 100);
    sb_puts(b, "</p>\n");
    if (r->status == ST_INFEASIBLE || r->status == ST_LIMIT) {
        sb_puts(b, "<h2>No cohort</h2>\n<ul>\n");
        for (int k = 0; k < r->nconflicts; k++) {
            sb_puts(b, "<li>");
            html_str(b, r->conflicts[k].text);
            sb_puts(b, "</li>\n");
        }
        if (r->message) {
            sb_puts(b, "<li>");
            html_str(b, r->message);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ul>\n</body>\n</html>\n");
        return;
    }
    sb_puts(b, "<h2>Teams</h2>\n");
    for (int h = 0; h < s->nchals; h++) {
        const challenge *c = &s->chals[h];
        sb_puts(b, "<h3>");
        html_str(b, c->id);
        sb_puts(b, " &mdash; ");
        html_str(b, c->title);
        sb_puts(b, "</h3>\n<p>Host: ");
        html_str(b, s->hosts[c->host].name);
        sb_puts(b, "</p>\n");
        if (!r->team_size[h]) {
            sb_puts(b, "<p>Not staffed.</p>\n");
            continue;
        }
        sb_puts(b, "<table>\n<tr><th>Candidate</th><th>Name</th><th>Profile</th>"
                   "<th>Candidate rank</th><th>Jury rank</th><th>Cost</th>"
                   "<th>Programme share</th><th>Host share</th></tr>\n");
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int i = r->mem[q];
            const app *a = &s->apps[r->assign[i]];
            sb_puts(b, "<tr><td>");
            html_str(b, s->cands[i].id);
            sb_puts(b, "</td><td>");
            html_str(b, s->cands[i].name);
            sb_printf(b, "</td><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                         "<td class=\"n\">", PROFILE_NAMES[s->cands[i].profile], a->crank_eff,
                      a->jrank);
            eur(b, s->cands[i].cost);
            sb_puts(b, "</td><td class=\"n\">");
            eur(b, a->prog);
            sb_puts(b, "</td><td class=\"n\">");
            eur(b, a->hshare);
            sb_puts(b, "</td></tr>\n");
        }
        sb_puts(b, "</table>\n");
    }
    sb_puts(b, "<h2>Finance</h2>\n<table>\n<tr><th>Host</th><th>Year</th><th>Cost</th>"
               "<th>Programme share</th><th>Host share</th></tr>\n");
    for (int h = 0; h < s->nhosts; h++)
        for (int k = 0; k < r->nyears; k++) {
            const money3 *m = &r->fin_host[h * r->nyears + k];
            sb_puts(b, "<tr><td>");
            html_str(b, s->hosts[h].name);
            sb_printf(b, "</td><td>%d</td><td class=\"n\">", r->years[k]);
            eur(b, m->cost);
            sb_puts(b, "</td><td class=\"n\">");
            eur(b, m->prog);
            sb_puts(b, "</td><td class=\"n\">");
            eur(b, m->host);
            sb_puts(b, "</td></tr>\n");
        }
    sb_puts(b, "<tr><th>All hosts</th><th>All years</th><th class=\"n\">");
    eur(b, r->total.cost);
    sb_puts(b, "</th><th class=\"n\">");
    eur(b, r->total.prog);
    sb_puts(b, "</th><th class=\"n\">");
    eur(b, r->total.host);
    sb_puts(b, "</th></tr>\n</table>\n");
    sb_puts(b, "<h2>Blocking pairs</h2>\n");
    if (!r->nblocks)
        sb_puts(b, "<p>None: no candidate would rather join a team that would also rather have "
                   "them.</p>\n");
    else {
        sb_puts(b, "<ul>\n");
        for (int k = 0; k < r->nblocks; k++) {
            const app *a = &s->apps[r->blocks[k].app];
            sb_puts(b, "<li>");
            html_str(b, s->cands[a->cand].name);
            sb_puts(b, " (");
            html_str(b, s->cands[a->cand].id);
            sb_puts(b, ") and ");
            html_str(b, s->chals[a->chal].id);
            sb_puts(b, ": ");
            html_str(b, r->blocks[k].why);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ul>\n");
    }
    sb_puts(b, "</body>\n</html>\n");
}
