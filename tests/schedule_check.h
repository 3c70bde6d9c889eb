/* schedule_check.h - an independent checker of what `cohort schedule`
 * writes, shared by tests/unit/test_schedule.c and tests/test_e2e_schedule.c.
 *
 * It reads the scenario with the library's loader (parsing is tested
 * elsewhere) but re-derives every scheduling rule of CONTRACT.md section 4
 * from the raw rows, without the engine's own code: each shortlisted
 * interview in exactly one slot of slots.csv, nobody booked while
 * unavailable, no candidate in two overlapping slots (or closer than the
 * buffer), no panel in two overlapping slots, at most max-per-day a panel
 * a day. It recomputes the objective (candidate-days, panel gaps) and
 * compares it with schedule.json, and parses schedule.ics back as RFC 5545
 * asks: CRLF line ends, physical lines of at most 75 octets, unfolding,
 * VCALENDAR with VERSION and PRODID, a VTIMEZONE for Europe/Paris, one
 * VEVENT per interview with UID (unique), DTSTAMP, DTSTART, DTEND and a
 * SUMMARY naming candidate and challenge.
 */
#ifndef COHORT_SCHEDULE_CHECK_H
#define COHORT_SCHEDULE_CHECK_H

#include "internal.h"
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sc_report {
    int rows;     /* interviews in schedule.csv */
    int days;     /* candidate-days, recomputed */
    int gaps;     /* panel gaps, recomputed */
    int problems; /* rule violations and disagreements found */
    char first[600];
} sc_report;

static void sc_fail(sc_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sc_fail(sc_report *r, const char *fmt, ...)
{
    if (!r->problems++) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->first, sizeof r->first, fmt, ap);
        va_end(ap);
    }
}

/* ---- a small RFC 4180 reader ------------------------------------------------ */

typedef struct sc_csv {
    int nrows, ncols;
    char **cells; /* nrows * ncols (row 0 is the header) */
} sc_csv;

static void sc_csv_free(sc_csv *c)
{
    for (int k = 0; k < c->nrows * c->ncols; k++)
        free(c->cells[k]);
    free(c->cells);
    memset(c, 0, sizeof *c);
}

/* Returns 0, or -1 when a row has the wrong number of cells. */
static int sc_csv_parse(const char *t, sc_csv *c)
{
    memset(c, 0, sizeof *c);
    int cap = 64, n = 0, col = 0, bad = 0;
    char **cells = malloc(sizeof *cells * (size_t)cap);
    size_t fcap = 64, flen = 0;
    char *field = malloc(fcap);
    const char *p = t;
    if (!strncmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    while (*p) {
        int quoted = *p == '"';
        flen = 0;
        if (quoted)
            p++;
        for (;;) {
            if (!*p)
                break;
            if (quoted && *p == '"') {
                if (p[1] == '"') {
                    p += 2;
                    field[flen++] = '"';
                } else {
                    p++;
                    quoted = 0;
                }
            } else if (!quoted && (*p == ',' || *p == '\r' || *p == '\n')) {
                break;
            } else {
                field[flen++] = *p++;
            }
            if (flen + 2 >= fcap)
                field = realloc(field, fcap *= 2);
        }
        field[flen] = '\0';
        if (n + 1 >= cap)
            cells = realloc(cells, sizeof *cells * (size_t)(cap *= 2));
        cells[n++] = strdup(field);
        col++;
        if (*p == ',') {
            p++;
            continue;
        }
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
        if (!c->ncols)
            c->ncols = col;
        else if (col != c->ncols)
            bad = 1;
        col = 0;
    }
    free(field);
    c->cells = cells;
    c->nrows = c->ncols ? n / c->ncols : 0;
    return bad ? -1 : 0;
}

static const char *sc_cell(const sc_csv *c, int row, const char *name)
{
    for (int k = 0; k < c->ncols; k++)
        if (!strcmp(c->cells[k], name))
            return c->cells[row * c->ncols + k];
    return NULL;
}

static int sc_minutes(const char *hhmm)
{
    int h = 0, m = 0;
    if (!hhmm || sscanf(hhmm, "%d:%d", &h, &m) != 2)
        return -1;
    return h * 60 + m;
}

/* ---- RFC 5545 ------------------------------------------------------------------ */

typedef struct sc_event {
    char *uid, *dtstart, *dtend, *summary; /* summary unescaped */
    int has_dtstamp;
} sc_event;

static void sc_events_free(sc_event *e, int n)
{
    for (int k = 0; k < n; k++) {
        free(e[k].uid);
        free(e[k].dtstart);
        free(e[k].dtend);
        free(e[k].summary);
    }
    free(e);
}

/* TEXT value -> plain text */
static char *sc_ics_unescape(const char *v)
{
    char *out = malloc(strlen(v) + 1), *o = out;
    for (const char *p = v; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *o++ = (*p == 'n' || *p == 'N') ? '\n' : *p;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static int sc_utf8_ok(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2
                : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        s++;
        for (int k = 0; k < n; k++, s++)
            if ((*s & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* Parses an iCalendar text; checks the RFC's framing rules; returns the
 * events (caller frees with sc_events_free). */
static sc_event *sc_ics_parse(const char *t, size_t len, int *nev, sc_report *r)
{
    *nev = 0;
    /* physical lines: CRLF only, at most 75 octets */
    size_t start = 0;
    for (size_t k = 0; k < len; k++) {
        if (t[k] == '\r' && (k + 1 >= len || t[k + 1] != '\n'))
            sc_fail(r, "ics: bare CR at byte %zu", k);
        if (t[k] == '\n') {
            if (!k || t[k - 1] != '\r')
                sc_fail(r, "ics: bare LF at byte %zu (lines must end with CRLF)", k);
            size_t octets = k - start - 1;
            if (octets > 75)
                sc_fail(r, "ics: a line of %zu octets (at most 75)", octets);
            start = k + 1;
        }
    }
    if (len && t[len - 1] != '\n')
        sc_fail(r, "ics: the last line does not end with CRLF");
    /* unfold: CRLF followed by a space or tab is removed */
    char *u = malloc(len + 1);
    size_t n = 0;
    for (size_t k = 0; k < len; k++) {
        if (t[k] == '\r' && k + 2 < len && t[k + 1] == '\n' && (t[k + 2] == ' ' || t[k + 2] == '\t')) {
            k += 2;
            continue;
        }
        u[n++] = t[k];
    }
    u[n] = '\0';
    if (!sc_utf8_ok((const unsigned char *)u))
        sc_fail(r, "ics: unfolded text is not valid UTF-8 (a fold split a character?)");
    sc_event *ev = NULL;
    int cap = 0, depth = 0, in_cal = 0, in_tz = 0, in_ev = 0, version = 0, prodid = 0;
    int tz_paris = 0, tz_daylight = 0, tz_standard = 0, ncal = 0;
    char *save = NULL;
    for (char *line = strtok_r(u, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        char *colon = strchr(line, ':');
        if (!colon) {
            sc_fail(r, "ics: content line without ':': %.60s", line);
            continue;
        }
        *colon = '\0';
        char *value = colon + 1, *name = line, *semi = strchr(name, ';');
        char *params = NULL;
        if (semi) {
            *semi = '\0';
            params = semi + 1;
        }
        if (!strcmp(name, "BEGIN")) {
            depth++;
            if (!strcmp(value, "VCALENDAR")) {
                in_cal = 1;
                ncal++;
                if (depth != 1)
                    sc_fail(r, "ics: VCALENDAR nested");
            } else if (!strcmp(value, "VTIMEZONE")) {
                in_tz = 1;
            } else if (!strcmp(value, "DAYLIGHT") && in_tz) {
                tz_daylight = 1;
            } else if (!strcmp(value, "STANDARD") && in_tz) {
                tz_standard = 1;
            } else if (!strcmp(value, "VEVENT")) {
                if (!in_cal || depth != 2)
                    sc_fail(r, "ics: VEVENT outside VCALENDAR");
                in_ev = 1;
                if (*nev + 1 > cap)
                    ev = realloc(ev, sizeof *ev * (size_t)(cap = cap ? cap * 2 : 16));
                memset(&ev[*nev], 0, sizeof *ev);
                (*nev)++;
            }
            continue;
        }
        if (!strcmp(name, "END")) {
            depth--;
            if (!strcmp(value, "VEVENT"))
                in_ev = 0;
            else if (!strcmp(value, "VTIMEZONE"))
                in_tz = 0;
            else if (!strcmp(value, "VCALENDAR"))
                in_cal = 0;
            continue;
        }
        if (in_ev) {
            sc_event *e = &ev[*nev - 1];
            if (!strcmp(name, "UID"))
                e->uid = strdup(value);
            else if (!strcmp(name, "DTSTAMP"))
                e->has_dtstamp = strlen(value) == 16 && value[8] == 'T' && value[15] == 'Z';
            else if (!strcmp(name, "DTSTART")) {
                e->dtstart = strdup(value);
                if (!params || strcmp(params, "TZID=Europe/Paris"))
                    sc_fail(r, "ics: DTSTART without TZID=Europe/Paris");
            } else if (!strcmp(name, "DTEND"))
                e->dtend = strdup(value);
            else if (!strcmp(name, "SUMMARY"))
                e->summary = sc_ics_unescape(value);
        } else if (in_tz) {
            if (!strcmp(name, "TZID") && !strcmp(value, "Europe/Paris"))
                tz_paris = 1;
        } else if (in_cal && depth == 1) {
            version |= !strcmp(name, "VERSION") && !strcmp(value, "2.0");
            prodid |= !strcmp(name, "PRODID") && *value;
        }
    }
    if (depth != 0 || ncal != 1)
        sc_fail(r, "ics: BEGIN/END do not match or not exactly one VCALENDAR");
    if (!version || !prodid)
        sc_fail(r, "ics: VCALENDAR lacks VERSION:2.0 or PRODID");
    if (*nev && (!tz_paris || !tz_daylight || !tz_standard))
        sc_fail(r, "ics: no VTIMEZONE Europe/Paris with DAYLIGHT and STANDARD rules");
    for (int k = 0; k < *nev; k++) {
        if (!ev[k].uid || !ev[k].has_dtstamp || !ev[k].dtstart || !ev[k].dtend || !ev[k].summary)
            sc_fail(r, "ics: VEVENT %d lacks UID, DTSTAMP (UTC), DTSTART, DTEND or SUMMARY", k + 1);
        for (int j = 0; j < k; j++)
            if (ev[k].uid && ev[j].uid && !strcmp(ev[k].uid, ev[j].uid))
                sc_fail(r, "ics: two VEVENTs with UID %s", ev[k].uid);
    }
    free(u);
    return ev;
}

/* ---- the schedule ------------------------------------------------------------ */

typedef struct sc_iv {
    int cand, chal, slot;
} sc_iv;

static int sc_unavailable(const cohort_scenario *s, int who, int id, const slot *sl)
{
    for (int u = 0; u < s->nunav; u++) {
        const unavail *U = &s->unav[u];
        if (U->who == who && U->id == id && !strcmp(U->day, sl->day) && U->start < sl->end &&
            sl->start < U->end)
            return 1;
    }
    return 0;
}

static int sc_overlap(const slot *a, const slot *b, int buffer)
{
    return !strcmp(a->day, b->day) && a->start < b->end + buffer && b->start < a->end + buffer;
}

/* Checks the outputs in DIR of `cohort schedule SCENARIO` run with the
 * given --buffer and --max-per-day (0 = none). complete: every shortlisted
 * interview must be placed. Fills rep; returns rep->problems. */
static int sc_check_outputs(const char *scenario, const char *dir, int buffer, int max_per_day,
                            int complete, sc_report *rep)
{
    memset(rep, 0, sizeof *rep);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    if (cohort_scenario_load(scenario, &s, &d) != COHORT_OK) {
        sc_fail(rep, "scenario %s does not load", scenario);
        cohort_diag_clear(&d);
        return rep->problems;
    }
    cohort_diag_clear(&d);
    char *p = path_join(dir, "schedule.csv");
    char *text = read_file(p, NULL);
    free(p);
    sc_csv c = {0};
    if (!text || sc_csv_parse(text, &c) < 0 || c.ncols < 5) {
        sc_fail(rep, "schedule.csv missing or malformed");
        free(text);
        sc_csv_free(&c);
        cohort_scenario_free(s);
        return rep->problems;
    }
    static const char *const head[] = {"candidate", "challenge", "day", "start", "end"};
    for (int k = 0; k < 5; k++)
        if (strcmp(c.cells[k], head[k]))
            sc_fail(rep, "schedule.csv column %d is '%s', expected '%s'", k + 1, c.cells[k], head[k]);
    if (!strstr(text, "\r\n") && c.nrows > 0)
        sc_fail(rep, "schedule.csv lines do not end with CRLF");
    int nshort = 0;
    for (int a = 0; a < s->napps; a++)
        nshort += s->apps[a].shortlisted;
    sc_iv *iv = calloc((size_t)c.nrows + 1, sizeof *iv);
    int n = 0;
    for (int row = 1; row < c.nrows; row++) {
        const char *ci = sc_cell(&c, row, "candidate"), *hi = sc_cell(&c, row, "challenge");
        const char *day = sc_cell(&c, row, "day");
        int st = sc_minutes(sc_cell(&c, row, "start")), en = sc_minutes(sc_cell(&c, row, "end"));
        int cand = sm_get(&s->cand_ix, ci), chal = sm_get(&s->chal_ix, hi);
        int ap = -1;
        for (int a = 0; a < s->napps && cand >= 0 && chal >= 0; a++)
            if (s->apps[a].cand == cand && s->apps[a].chal == chal)
                ap = a;
        if (ap < 0 || !s->apps[ap].shortlisted) {
            sc_fail(rep, "row %d: %s/%s is not a shortlisted interview", row, ci, hi);
            continue;
        }
        int sl = -1;
        for (int j = 0; j < s->nslots; j++)
            if (!strcmp(s->slots[j].day, day) && s->slots[j].start == st && s->slots[j].end == en)
                sl = j;
        if (sl < 0) {
            sc_fail(rep, "row %d: %s %s-%s is not a slot of slots.csv", row, day,
                    sc_cell(&c, row, "start"), sc_cell(&c, row, "end"));
            continue;
        }
        for (int k = 0; k < n; k++)
            if (iv[k].cand == cand && iv[k].chal == chal)
                sc_fail(rep, "%s/%s placed twice", ci, hi);
        if (sc_unavailable(s, 0, cand, &s->slots[sl]))
            sc_fail(rep, "candidate %s booked while unavailable (%s %s)", ci, day,
                    sc_cell(&c, row, "start"));
        if (sc_unavailable(s, 1, chal, &s->slots[sl]))
            sc_fail(rep, "panel %s booked while unavailable (%s %s)", hi, day,
                    sc_cell(&c, row, "start"));
        iv[n++] = (sc_iv){cand, chal, sl};
    }
    rep->rows = n;
    if (complete && n != nshort)
        sc_fail(rep, "%d interviews placed, %d shortlisted", n, nshort);
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++) {
            const slot *x = &s->slots[iv[a].slot], *y = &s->slots[iv[b].slot];
            if (iv[a].cand == iv[b].cand && sc_overlap(x, y, buffer))
                sc_fail(rep, "candidate %s in two slots at once (or within %d minutes)",
                        s->cands[iv[a].cand].id, buffer);
            if (iv[a].chal == iv[b].chal && sc_overlap(x, y, 0))
                sc_fail(rep, "panel %s holds two interviews at once", s->chals[iv[a].chal].id);
        }
    /* objective: distinct (candidate, day); gaps per panel and day */
    for (int a = 0; a < n; a++) {
        int seen = 0;
        for (int b = 0; b < a && !seen; b++)
            seen = iv[b].cand == iv[a].cand && !strcmp(s->slots[iv[b].slot].day, s->slots[iv[a].slot].day);
        rep->days += !seen;
    }
    for (int h = 0; h < s->nchals; h++)
        for (int dd = 0; dd < s->ndays; dd++) {
            int cnt = 0, first_end = 1 << 30, last_start = -1;
            for (int a = 0; a < n; a++) {
                const slot *x = &s->slots[iv[a].slot];
                if (iv[a].chal != h || strcmp(x->day, s->days[dd]))
                    continue;
                cnt++;
                if (x->end < first_end)
                    first_end = x->end;
                if (x->start > last_start)
                    last_start = x->start;
            }
            if (max_per_day && cnt > max_per_day)
                sc_fail(rep, "panel %s holds %d interviews on %s (at most %d)", s->chals[h].id,
                        cnt, s->days[dd], max_per_day);
            if (cnt < 2)
                continue;
            for (int j = 0; j < s->nslots; j++) {
                const slot *x = &s->slots[j];
                if (strcmp(x->day, s->days[dd]) || x->start < first_end || x->end > last_start ||
                    sc_unavailable(s, 1, h, x))
                    continue;
                int busy = 0;
                for (int a = 0; a < n && !busy; a++)
                    busy = iv[a].chal == h && sc_overlap(x, &s->slots[iv[a].slot], 0);
                rep->gaps += !busy;
            }
        }
    /* schedule.json agrees */
    p = path_join(dir, "schedule.json");
    cJSON *js = read_json(p);
    free(p);
    if (!js) {
        sc_fail(rep, "schedule.json missing or not JSON");
    } else {
        const cJSON *st = cJSON_GetObjectItem(js, "status");
        const cJSON *obj = cJSON_GetObjectItem(js, "objective");
        const cJSON *placed = cJSON_GetObjectItem(js, "placed");
        if (!cJSON_IsString(st))
            sc_fail(rep, "schedule.json: no status");
        if (!cJSON_IsNumber(placed) || placed->valueint != n)
            sc_fail(rep, "schedule.json: placed differs from schedule.csv's %d rows", n);
        if (cJSON_IsString(st) && (!strcmp(st->valuestring, "optimal") ||
                                   !strcmp(st->valuestring, "feasible"))) {
            const cJSON *cd = cJSON_GetObjectItem(obj, "candidate_days");
            const cJSON *pg = cJSON_GetObjectItem(obj, "panel_gaps");
            if (!cJSON_IsNumber(cd) || cd->valueint != rep->days)
                sc_fail(rep, "schedule.json candidate_days %d, recomputed %d",
                        cJSON_IsNumber(cd) ? cd->valueint : -1, rep->days);
            if (!cJSON_IsNumber(pg) || pg->valueint != rep->gaps)
                sc_fail(rep, "schedule.json panel_gaps %d, recomputed %d",
                        cJSON_IsNumber(pg) ? pg->valueint : -1, rep->gaps);
        }
        cJSON_Delete(js);
    }
    /* schedule.ics: one event per row, at the row's time, naming both */
    p = path_join(dir, "schedule.ics");
    size_t ilen = 0;
    char *ics = read_file(p, &ilen);
    free(p);
    if (!ics) {
        sc_fail(rep, "schedule.ics missing");
    } else {
        int nev = 0;
        sc_event *ev = sc_ics_parse(ics, ilen, &nev, rep);
        if (nev != n)
            sc_fail(rep, "schedule.ics has %d VEVENTs for %d interviews", nev, n);
        for (int a = 0; a < n; a++) {
            const slot *x = &s->slots[iv[a].slot];
            char want[32];
            snprintf(want, sizeof want, "%.4s%.2s%.2sT%02d%02d00", x->day, x->day + 5, x->day + 8,
                     x->start / 60, x->start % 60);
            const candidate *cd = &s->cands[iv[a].cand];
            const challenge *ch = &s->chals[iv[a].chal];
            int found = 0;
            for (int k = 0; k < nev && !found; k++)
                found = ev[k].dtstart && !strcmp(ev[k].dtstart, want) && ev[k].summary &&
                        strstr(ev[k].summary, cd->id) && strstr(ev[k].summary, ch->id) &&
                        (!cd->name || strstr(ev[k].summary, cd->name)) &&
                        (!ch->title || strstr(ev[k].summary, ch->title));
            if (!found)
                sc_fail(rep, "schedule.ics: no VEVENT at %s naming %s and %s", want, cd->id, ch->id);
        }
        sc_events_free(ev, nev);
        free(ics);
    }
    free(iv);
    free(text);
    sc_csv_free(&c);
    cohort_scenario_free(s);
    return rep->problems;
}

#endif
