/* out_csv.c - cohort.csv (one row per assignment) and finance.csv (one row
 * per host and year, then per year, then the grand total), in the contract's
 * dialect or, with --csv-dialect fr, as a French spreadsheet opens them
 * (semicolons, decimal comma, UTF-8 byte-order mark).
 */
#include "internal.h"

static void money_cell(sbuf *b, int64_t cents, int fr)
{
    char t[40];
    fmt_cents(cents, t, sizeof t, fr ? ',' : '.');
    csv_put_cell(b, t, fr ? ';' : ',', 0);
}

static void start(sbuf *b, int fr)
{
    if (fr)
        sb_puts(b, "\xEF\xBB\xBF");
}

void out_cohort_csv(const cohort_scenario *s, const cohort_result *r, int fr, sbuf *b)
{
    char sep = fr ? ';' : ',';
    start(b, fr);
    static const char *const cols[] = {"challenge", "challenge_title", "host", "candidate",
                                       "name", "profile", "candidate_rank", "jury_rank",
                                       "cost", "programme_share", "host_share"};
    for (int c = 0; c < 11; c++) {
        if (c)
            sb_putc(b, sep);
        sb_puts(b, cols[c]);
    }
    sb_puts(b, "\r\n");
    for (int h = 0; h < s->nchals; h++)
        for (int q = r->mem_start[h]; q < r->mem_start[h + 1]; q++) {
            int i = r->mem[q];
            const app *a = &s->apps[r->assign[i]];
            char n[32];
            csv_put_cell(b, s->chals[h].id, sep, 1);
            sb_putc(b, sep);
            csv_put_cell(b, s->chals[h].title, sep, 1);
            sb_putc(b, sep);
            csv_put_cell(b, s->hosts[s->chals[h].host].id, sep, 1);
            sb_putc(b, sep);
            csv_put_cell(b, s->cands[i].id, sep, 1);
            sb_putc(b, sep);
            csv_put_cell(b, s->cands[i].name, sep, 1);
            sb_putc(b, sep);
            sb_puts(b, PROFILE_NAMES[s->cands[i].profile]);
            snprintf(n, sizeof n, "%c%d%c%d%c", sep, a->crank_eff, sep, a->jrank, sep);
            sb_puts(b, n);
            money_cell(b, s->cands[i].cost, fr);
            sb_putc(b, sep);
            money_cell(b, a->prog, fr);
            sb_putc(b, sep);
            money_cell(b, a->hshare, fr);
            sb_puts(b, "\r\n");
        }
}

static void fin_row(sbuf *b, const char *hostid, const char *year, const money3 *m, int fr)
{
    char sep = fr ? ';' : ',';
    csv_put_cell(b, hostid, sep, 1);
    sb_putc(b, sep);
    sb_puts(b, year);
    sb_putc(b, sep);
    money_cell(b, m->cost, fr);
    sb_putc(b, sep);
    money_cell(b, m->prog, fr);
    sb_putc(b, sep);
    money_cell(b, m->host, fr);
    sb_puts(b, "\r\n");
}

void out_finance_csv(const cohort_scenario *s, const cohort_result *r, int fr, sbuf *b)
{
    char sep = fr ? ';' : ',';
    start(b, fr);
    sb_printf(b, "host%cyear%ccost%cprogramme_share%chost_share\r\n", sep, sep, sep, sep);
    char y[16];
    /* hosts with at least one member, in hosts.csv order */
    for (int h = 0; h < s->nhosts; h++) {
        if (!r->host_total[h].cost && !r->host_total[h].prog && !r->host_total[h].host) {
            int any = 0;
            for (int c = 0; c < s->nchals && !any; c++)
                if (s->chals[c].host == h && r->team_size[c])
                    any = 1;
            if (!any)
                continue;
        }
        for (int k = 0; k < r->nyears; k++) {
            snprintf(y, sizeof y, "%d", r->years[k]);
            fin_row(b, s->hosts[h].id, y, &r->fin_host[h * r->nyears + k], fr);
        }
    }
    for (int k = 0; k < r->nyears; k++) {
        snprintf(y, sizeof y, "%d", r->years[k]);
        fin_row(b, "ALL", y, &r->fin_year[k], fr);
    }
    fin_row(b, "ALL", "ALL", &r->total, fr);
}
