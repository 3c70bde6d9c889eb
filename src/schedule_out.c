/* schedule_out.c - the files of `cohort schedule` (CONTRACT.md section 4):
 * schedule.csv (one row per placed interview), schedule.json (status,
 * objective, gap, and when the slots cannot hold every interview, which
 * ones and why), timetable.html (a printable grid per day: one column per
 * panel, one row per slot, every name escaped), and, through ics.c,
 * schedule.ics. All four are written together, atomically.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- order ------------------------------------------------------------------- */

typedef struct okey {
    int day, start, end, chal, cand, k;
} okey;

static int cmp_okey(const void *a, const void *b)
{
    const okey *x = a, *y = b;
    int ux = x->day < 0, uy = y->day < 0;
    if (ux != uy)
        return ux - uy;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    if (x->chal != y->chal)
        return x->chal < y->chal ? -1 : 1;
    if (x->cand != y->cand)
        return x->cand < y->cand ? -1 : 1;
    return x->k - y->k;
}

int *sched_output_order(const cohort_scenario *s, const cohort_schedule_result *r)
{
    okey *keys = xmalloc(sizeof *keys * (size_t)(r->niv ? r->niv : 1));
    for (int k = 0; k < r->niv; k++) {
        const app *a = &s->apps[r->iv_app[k]];
        const slot *sl = r->slot[k] >= 0 ? &s->slots[r->slot[k]] : NULL;
        keys[k] = (okey){sl ? sl->day_index : -1, sl ? sl->start : 0, sl ? sl->end : 0,
                         a->chal, a->cand, k};
    }
    qsort(keys, (size_t)r->niv, sizeof *keys, cmp_okey);
    int *order = xmalloc(sizeof *order * (size_t)(r->niv ? r->niv : 1));
    for (int k = 0; k < r->niv; k++)
        order[k] = keys[k].k;
    free(keys);
    return order;
}

/* HH:MM into buf[8]; slot times are 00:00..24:00 */
static void hhmm(int minutes, char *buf)
{
    unsigned m = minutes > 0 ? (unsigned)minutes % 6000 : 0;
    snprintf(buf, 8, "%02u:%02u", m / 60, m % 60);
}

/* ---- schedule.csv --------------------------------------------------------------- */

void sched_out_csv(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b)
{
    sb_puts(b, "candidate,challenge,day,start,end,candidate_name,challenge_title\r\n");
    int *order = sched_output_order(s, r);
    for (int q = 0; q < r->niv; q++) {
        int k = order[q];
        if (r->slot[k] < 0)
            continue;
        const app *a = &s->apps[r->iv_app[k]];
        const slot *sl = &s->slots[r->slot[k]];
        char t0[8], t1[8];
        hhmm(sl->start, t0);
        hhmm(sl->end, t1);
        csv_put_cell(b, s->cands[a->cand].id, ',', 1);
        sb_putc(b, ',');
        csv_put_cell(b, s->chals[a->chal].id, ',', 1);
        sb_printf(b, ",%s,%s,%s,", sl->day, t0, t1);
        csv_put_cell(b, s->cands[a->cand].name, ',', 1);
        sb_putc(b, ',');
        csv_put_cell(b, s->chals[a->chal].title, ',', 1);
        sb_puts(b, "\r\n");
    }
    free(order);
}

/* ---- schedule.json -------------------------------------------------------------- */

void sched_out_json(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b)
{
    static const char *const status[] = {"optimal", "feasible", "infeasible", "unknown"};
    int has = r->status == ST_OPTIMAL || r->status == ST_FEASIBLE;
    sb_puts(b, "{\n  \"status\": ");
    json_str(b, status[r->status]);
    sb_puts(b, ",\n  \"scenario\": ");
    json_str(b, s->name);
    if (has)
        sb_printf(b, ",\n  \"objective\": {\"candidate_days\": %d, \"panel_gaps\": %d}",
                  r->candidate_days, r->panel_gaps);
    else
        sb_puts(b, ",\n  \"objective\": {}");
    sb_printf(b, ",\n  \"gap\": %.6f", has ? r->gap : 0.0);
    sb_printf(b, ",\n  \"proven_levels\": %d", has ? r->proven_levels : 0);
    if (r->status == ST_FEASIBLE)
        sb_printf(b, ",\n  \"bound\": {\"candidate_days\": %d, \"panel_gaps\": %d}",
                  r->bound_days, r->bound_gaps);
    sb_printf(b, ",\n  \"options\": {\"buffer\": %d, \"max_per_day\": ", r->buffer);
    if (r->max_per_day)
        sb_printf(b, "%d}", r->max_per_day);
    else
        sb_puts(b, "null}");
    sb_printf(b, ",\n  \"interviews\": %d,\n  \"placed\": %d", r->niv, r->niv - r->unplaced);
    if (r->message) {
        sb_puts(b, ",\n  \"message\": ");
        json_str(b, r->message);
    }
    sb_puts(b, ",\n  \"schedule\": [");
    int *order = sched_output_order(s, r), first = 1;
    for (int q = 0; q < r->niv; q++) {
        int k = order[q];
        if (r->slot[k] < 0)
            continue;
        const app *a = &s->apps[r->iv_app[k]];
        const slot *sl = &s->slots[r->slot[k]];
        char t0[8], t1[8];
        hhmm(sl->start, t0);
        hhmm(sl->end, t1);
        sb_puts(b, first ? "\n    {\"candidate\": " : ",\n    {\"candidate\": ");
        first = 0;
        json_str(b, s->cands[a->cand].id);
        sb_puts(b, ", \"challenge\": ");
        json_str(b, s->chals[a->chal].id);
        sb_printf(b, ", \"day\": \"%s\", \"start\": \"%s\", \"end\": \"%s\"}", sl->day, t0, t1);
    }
    sb_puts(b, first ? "]" : "\n  ]");
    if (r->status == ST_INFEASIBLE || r->unplaced) {
        sb_puts(b, ",\n  \"unplaced\": [");
        first = 1;
        for (int q = 0; q < r->niv; q++) {
            int k = order[q];
            if (r->slot[k] >= 0)
                continue;
            const app *a = &s->apps[r->iv_app[k]];
            sb_puts(b, first ? "\n    {\"candidate\": " : ",\n    {\"candidate\": ");
            first = 0;
            json_str(b, s->cands[a->cand].id);
            sb_puts(b, ", \"challenge\": ");
            json_str(b, s->chals[a->chal].id);
            sb_puts(b, ", \"reason\": ");
            json_str(b, r->why && r->why[k] ? r->why[k] : "");
            sb_puts(b, "}");
        }
        sb_puts(b, first ? "]" : "\n  ]");
        sb_puts(b, ",\n  \"problems\": [");
        for (int q = 0; q < r->nproblems; q++) {
            const sched_problem *p = &r->problems[q];
            sb_puts(b, q ? ",\n    {\"kind\": " : "\n    {\"kind\": ");
            json_str(b, p->kind);
            sb_puts(b, ", \"subject\": ");
            json_str(b, p->subject);
            sb_printf(b, ", \"interviews\": %d, \"slots\": %d, \"missing\": %d, \"message\": ",
                      p->interviews, p->slots, p->missing);
            json_str(b, p->text);
            sb_puts(b, "}");
        }
        sb_puts(b, r->nproblems ? "\n  ]" : "]");
    }
    free(order);
    sb_puts(b, "\n}\n");
}

/* ---- timetable.html --------------------------------------------------------------- */

static void who(sbuf *b, const char *name, const char *id)
{
    html_str(b, name ? name : id);
    if (name) {
        sb_puts(b, " <span class=\"id\">");
        html_str(b, id);
        sb_puts(b, "</span>");
    }
}

void sched_out_html(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b)
{
    static const char *const status[] = {"optimal", "feasible", "infeasible", "unknown"};
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    html_str(b, s->name);
    sb_puts(b, " - interview timetable</title>\n<style>\n"
               "body{font-family:sans-serif;margin:2em;color:#222}\n"
               "table{border-collapse:collapse;margin:1em 0;width:100%}\n"
               "td,th{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top;"
               "font-size:.9em}\n"
               "th.t,td.t{white-space:nowrap;width:6em}\n"
               "td.off{background:#ddd;color:#555}\n"
               "td.free{color:#999}\n"
               ".id{color:#666;font-size:.85em}\n"
               ".warn{border:2px solid #b00;padding:.5em 1em}\n"
               "section.day{page-break-after:always}\n"
               "section.day:last-of-type{page-break-after:auto}\n"
               "@page{size:A4 landscape;margin:1cm}\n"
               "@media print{body{margin:0}td,th{font-size:8pt}}\n"
               "</style>\n</head>\n<body>\n<h1>");
    html_str(b, s->name);
    sb_puts(b, " - interview timetable</h1>\n");
    sb_printf(b, "<p>Status: <b>%s</b>. %d interviews, %d placed", status[r->status], r->niv,
              r->niv - r->unplaced);
    if (r->status == ST_OPTIMAL || r->status == ST_FEASIBLE)
        sb_printf(b, "; %d candidate-days, %d panel gaps", r->candidate_days, r->panel_gaps);
    if (r->status == ST_FEASIBLE)
        sb_printf(b, " (not proven optimal: remaining gap %.4f%%)", r->gap * 100);
    sb_puts(b, ".</p>\n");
    if (r->message) {
        sb_puts(b, "<p class=\"warn\">");
        html_str(b, r->message);
        sb_puts(b, "</p>\n");
    }
    int *order = sched_output_order(s, r);
    if (r->status == ST_INFEASIBLE || r->unplaced) {
        sb_puts(b, "<div class=\"warn\">\n<h2>Interviews that cannot be placed</h2>\n<ul>\n");
        for (int q = 0; q < r->nproblems; q++) {
            sb_puts(b, "<li>");
            html_str(b, r->problems[q].text);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ul>\n<p>Left out of this partial timetable:</p>\n<ul>\n");
        for (int q = 0; q < r->niv; q++) {
            int k = order[q];
            if (r->slot[k] >= 0)
                continue;
            const app *a = &s->apps[r->iv_app[k]];
            sb_puts(b, "<li>");
            who(b, s->cands[a->cand].name, s->cands[a->cand].id);
            sb_puts(b, " with ");
            who(b, s->chals[a->chal].title, s->chals[a->chal].id);
            sb_puts(b, "</li>\n");
        }
        sb_puts(b, "</ul>\n</div>\n");
    }
    /* panels with at least one interview, in challenges.csv order */
    int *col = xmalloc(sizeof *col * (size_t)(s->nchals ? s->nchals : 1)), ncol = 0;
    for (int h = 0; h < s->nchals; h++) {
        int any = 0;
        for (int k = 0; k < r->niv && !any; k++)
            any = s->apps[r->iv_app[k]].chal == h;
        if (any)
            col[ncol++] = h;
    }
    /* slots of each day in time order (order of sched_inst) */
    sched_inst in;
    sched_inst_build(s, r->buffer, r->max_per_day, &in);
    int *at = xmalloc(sizeof *at * (size_t)(s->nchals ? s->nchals : 1));
    for (int d = 0; d < in.ndays; d++) {
        sb_puts(b, "<section class=\"day\">\n<h2>");
        html_str(b, s->days[d]);
        sb_puts(b, "</h2>\n<table>\n<tr><th class=\"t\">Slot</th>");
        for (int c = 0; c < ncol; c++) {
            sb_puts(b, "<th>");
            who(b, s->chals[col[c]].title, s->chals[col[c]].id);
            sb_puts(b, "</th>");
        }
        sb_puts(b, "</tr>\n");
        for (int p = in.day_first[d]; p < in.day_first[d + 1]; p++) {
            int j = in.pos_slot[p];
            char t0[8], t1[8];
            hhmm(in.start[p], t0);
            hhmm(in.end[p], t1);
            for (int h = 0; h < s->nchals; h++)
                at[h] = -1;
            for (int k = 0; k < r->niv; k++)
                if (r->slot[k] == j)
                    at[s->apps[r->iv_app[k]].chal] = k;
            sb_printf(b, "<tr><td class=\"t\">%s&ndash;%s</td>", t0, t1);
            for (int c = 0; c < ncol; c++) {
                int h = col[c], k = at[h];
                if (k >= 0) {
                    const candidate *cd = &s->cands[s->apps[r->iv_app[k]].cand];
                    sb_puts(b, "<td>");
                    who(b, cd->name, cd->id);
                    sb_puts(b, "</td>");
                } else if (!in.chal_free[(size_t)h * (size_t)in.np + (size_t)p]) {
                    sb_puts(b, "<td class=\"off\">unavailable</td>");
                } else {
                    sb_puts(b, "<td class=\"free\">&ndash;</td>");
                }
            }
            sb_puts(b, "</tr>\n");
        }
        sb_puts(b, "</table>\n</section>\n");
    }
    /* per candidate: where and when, for the reception desk */
    sb_puts(b, "<section>\n<h2>By candidate</h2>\n<table>\n<tr><th>Candidate</th>"
               "<th>Interviews</th></tr>\n");
    for (int i = 0; i < s->ncands; i++) {
        int any = 0;
        for (int q = 0; q < r->niv; q++) {
            int k = order[q];
            const app *a = &s->apps[r->iv_app[k]];
            if (a->cand != i)
                continue;
            if (!any) {
                sb_puts(b, "<tr><td>");
                who(b, s->cands[i].name, s->cands[i].id);
                sb_puts(b, "</td><td>");
            } else {
                sb_puts(b, "<br>");
            }
            any = 1;
            if (r->slot[k] >= 0) {
                const slot *sl = &s->slots[r->slot[k]];
                char t0[8], t1[8];
                hhmm(sl->start, t0);
                hhmm(sl->end, t1);
                sb_printf(b, "%s %s&ndash;%s: ", sl->day, t0, t1);
            } else {
                sb_puts(b, "<b>not placed</b>: ");
            }
            who(b, s->chals[a->chal].title, s->chals[a->chal].id);
        }
        if (any)
            sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</table>\n</section>\n</body>\n</html>\n");
    free(at);
    free(col);
    free(order);
    sched_inst_free(&in);
}

int cohort_write_schedule(const cohort_scenario *s, const cohort_schedule_result *r,
                          const char *dir, cohort_diag *d)
{
    static const char *const names[] = {"schedule.csv", "schedule.ics", "schedule.json",
                                        "timetable.html"};
    sbuf b[4];
    for (int k = 0; k < 4; k++)
        sb_init(&b[k]);
    sched_out_csv(s, r, &b[0]);
    sched_out_ics(s, r, &b[1]);
    sched_out_json(s, r, &b[2]);
    sched_out_html(s, r, &b[3]);
    int rc = write_file_atomic_dir(dir, names, b, 4, d);
    for (int k = 0; k < 4; k++)
        sb_free(&b[k]);
    return rc;
}
