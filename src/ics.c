/* ics.c - schedule.ics, the interviews as an RFC 5545 calendar that
 * calendar programs import: CRLF line ends, lines folded at 75 octets
 * (never inside a UTF-8 character), TEXT values escaped, a VTIMEZONE for
 * Europe/Paris with its daylight-saving rules, and one VEVENT per placed
 * interview. Same input, same bytes: the UID is a hash of the scenario's
 * name and the interview's ids (so a re-import updates the same event), and
 * DTSTAMP is the first slot day at midnight UTC rather than the clock.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICS_MAX_OCTETS 75

void ics_line(sbuf *b, const char *line)
{
    const unsigned char *p = (const unsigned char *)line;
    int used = 0;
    while (*p) {
        int len = 1;
        if (*p >= 0xF0)
            len = 4;
        else if (*p >= 0xE0)
            len = 3;
        else if (*p >= 0xC0)
            len = 2;
        for (int k = 1; k < len; k++)
            if (!p[k]) {
                len = k;
                break;
            }
        if (used + len > ICS_MAX_OCTETS) {
            sb_puts(b, "\r\n ");
            used = 1;
        }
        sb_putn(b, (const char *)p, (size_t)len);
        used += len;
        p += len;
    }
    sb_puts(b, "\r\n");
}

void ics_text(sbuf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '\\':
            sb_puts(b, "\\\\");
            break;
        case ';':
            sb_puts(b, "\\;");
            break;
        case ',':
            sb_puts(b, "\\,");
            break;
        case '\n':
            sb_puts(b, "\\n");
            break;
        case '\r':
            if (p[1] != '\n')
                sb_puts(b, "\\n");
            break;
        default:
            /* TEXT allows a tab (WSP, RFC 5545 section 3.3.11), no other
               control character */
            if (((unsigned char)*p >= 0x20 && *p != 0x7F) || *p == '\t')
                sb_putc(b, *p);
        }
    }
}

static void prop(sbuf *b, const char *name, const char *text)
{
    sbuf l;
    sb_init(&l);
    sb_puts(&l, name);
    sb_putc(&l, ':');
    ics_text(&l, text);
    ics_line(b, l.s);
    sb_free(&l);
}

/* YYYY-MM-DD plus minutes (0..1440) -> YYYYMMDDTHHMMSS; 24:00 is the next
 * day's midnight. */
static void local_time(const char *day, int minutes, char *out, size_t n)
{
    int y = 2000, m = 1, d = 1;
    parse_date(day, &y, &m, &d); /* checked when the scenario was read */
    if (minutes >= 24 * 60) {
        static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int last = mdays[(m - 1) % 12] + (m == 2 && leap);
        minutes -= 24 * 60;
        if (++d > last) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
    snprintf(out, n, "%04d%02d%02dT%02d%02d00", y, m, d, minutes / 60, minutes % 60);
}

/* FNV-1a, 64 bits: a stable digest for UIDs */
static uint64_t fnv(uint64_t h, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    h ^= 0x1f;
    h *= 1099511628211ULL;
    return h;
}

static const char VTIMEZONE[] = "BEGIN:VTIMEZONE\r\n"
                                "TZID:Europe/Paris\r\n"
                                "BEGIN:DAYLIGHT\r\n"
                                "TZOFFSETFROM:+0100\r\n"
                                "TZOFFSETTO:+0200\r\n"
                                "TZNAME:CEST\r\n"
                                "DTSTART:19810329T020000\r\n"
                                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                "END:DAYLIGHT\r\n"
                                "BEGIN:STANDARD\r\n"
                                "TZOFFSETFROM:+0200\r\n"
                                "TZOFFSETTO:+0100\r\n"
                                "TZNAME:CET\r\n"
                                "DTSTART:19961027T030000\r\n"
                                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                "END:STANDARD\r\n"
                                "END:VTIMEZONE\r\n";

void sched_out_ics(const cohort_scenario *s, const cohort_schedule_result *r, sbuf *b)
{
    sb_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cohort//cohort " COHORT_VERSION
               "//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    char *cal = xasprintf("%s - interviews", s->name ? s->name : "cohort");
    prop(b, "X-WR-CALNAME", cal);
    free(cal);
    sb_puts(b, "X-WR-TIMEZONE:Europe/Paris\r\n");
    sb_puts(b, VTIMEZONE);
    /* DTSTAMP: the first slot day, so that the bytes depend on the input only */
    char stamp[32] = "19700101T000000Z";
    if (s->ndays) {
        local_time(s->days[0], 0, stamp, sizeof stamp);
        strcat(stamp, "Z");
    }
    int *order = sched_output_order(s, r);
    for (int q = 0; q < r->niv; q++) {
        int k = order[q];
        if (r->slot[k] < 0)
            continue;
        const app *a = &s->apps[r->iv_app[k]];
        const candidate *c = &s->cands[a->cand];
        const challenge *h = &s->chals[a->chal];
        const slot *sl = &s->slots[r->slot[k]];
        uint64_t u = fnv(fnv(fnv(1469598103934665603ULL, s->name), c->id), h->id);
        char t0[32], t1[32];
        local_time(sl->day, sl->start, t0, sizeof t0);
        local_time(sl->day, sl->end, t1, sizeof t1);
        sb_puts(b, "BEGIN:VEVENT\r\n");
        sb_printf(b, "UID:%016llx@interview.cohort\r\n", (unsigned long long)u);
        sb_printf(b, "DTSTAMP:%s\r\n", stamp);
        sb_printf(b, "DTSTART;TZID=Europe/Paris:%s\r\n", t0);
        sb_printf(b, "DTEND;TZID=Europe/Paris:%s\r\n", t1);
        char *sum = xasprintf("Interview: %s (%s) - %s (%s)", c->name ? c->name : c->id, c->id,
                              h->title ? h->title : h->id, h->id);
        prop(b, "SUMMARY", sum);
        free(sum);
        char *desc = xasprintf("Candidate: %s (%s)\nChallenge: %s (%s)\nHost: %s",
                               c->name ? c->name : c->id, c->id, h->title ? h->title : h->id,
                               h->id, s->hosts[h->host].name ? s->hosts[h->host].name
                                                             : s->hosts[h->host].id);
        prop(b, "DESCRIPTION", desc);
        free(desc);
        sb_puts(b, "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    }
    free(order);
    sb_puts(b, "END:VCALENDAR\r\n");
}
