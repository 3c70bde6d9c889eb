/* test_report.c - report.c and the CSV writers: every input string escaped
 * in the page (tags checked against the few the page itself writes), the
 * page self-contained and printable, the CSV cells that a spreadsheet
 * would run as formulas neutralised, and the French dialect. */
#define _GNU_SOURCE
#include "testutil.h"

#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cohort_scenario *load(const char *rel)
{
    char *p = path_join(TESTS_DIR, rel);
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    int rc = cohort_scenario_load(p, &s, &d);
    for (int k = 0; k < d.nerrors; k++)
        printf("\n  %s", d.errors[k]);
    cohort_diag_clear(&d);
    free(p);
    CU_ASSERT_FATAL(rc == COHORT_OK);
    return s;
}

/* the example promotion (data/eig5) */
static cohort_scenario *load_eig5(void)
{
    char *p = path_join(SOURCE_DIR, "data/eig5");
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_scenario *s = NULL;
    CU_ASSERT_FATAL(cohort_scenario_load(p, &s, &d) == COHORT_OK);
    cohort_diag_clear(&d);
    free(p);
    return s;
}

static cohort_result *solve(const cohort_scenario *s, int want)
{
    cohort_diag d;
    cohort_diag_init(&d);
    cohort_result *r = NULL;
    int rc = cohort_solve(s, NULL, &r, &d);
    cohort_diag_clear(&d);
    CU_ASSERT_FATAL(rc == want && r);
    return r;
}

static char *page(const cohort_scenario *s, const cohort_result *r)
{
    sbuf b;
    sb_init(&b);
    out_report(s, r, &b);
    return sb_take(&b);
}

/* The only elements the page writes itself. */
static const char *const TAGS[] = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
    "b", "i", "nav", "a", "section", "div", "span", "table", "thead", "tbody", "tr", "th", "td",
    "svg", "text", "rect", "line", "figure", "figcaption", "footer", "br", NULL};

/* Checks every tag of the page: a known element, no event handler, no
 * script, no external resource. Returns the number of problems. */
static int scan_tags(const char *html)
{
    int bad = 0;
    const char *p = html;
    while ((p = strchr(p, '<'))) {
        const char *q = strchr(p, '>');
        if (!q) {
            printf("\n  unclosed tag at offset %ld", (long)(p - html));
            return bad + 1;
        }
        char name[32];
        size_t n = 0;
        const char *t = p + 1;
        if (*t == '/')
            t++;
        if (*t == '!') { /* <!DOCTYPE html> only */
            if (strncmp(p, "<!DOCTYPE html>", 15)) {
                printf("\n  unexpected <! at %ld", (long)(p - html));
                bad++;
            }
            p = q + 1;
            continue;
        }
        while (n + 1 < sizeof name && (isalnum((unsigned char)t[n])))
            name[n] = (char)tolower((unsigned char)t[n]), n++;
        name[n] = '\0';
        int known = 0;
        for (int k = 0; TAGS[k]; k++)
            known |= !strcmp(TAGS[k], name);
        char *tag = strndup(p, (size_t)(q - p + 1));
        for (char *c = tag; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (!known || strstr(tag, " on") || strstr(tag, "javascript:") || strstr(tag, "src=") ||
            strstr(tag, "http:") || strstr(tag, "https:")) {
            if (!(strstr(tag, "xmlns=\"http://www.w3.org/2000/svg\"") && !strstr(tag, " on") &&
                  known && !strstr(tag, "src=") && !strstr(tag, "https:"))) {
                printf("\n  unexpected tag: %.120s", tag);
                bad++;
            }
        }
        free(tag);
        if (!strcmp(name, "style") && p[1] != '/') { /* skip the stylesheet */
            const char *e = strstr(q, "</style>");
            p = e ? e : q + 1;
            continue;
        }
        p = q + 1;
    }
    return bad;
}

static void test_markup_escaped(void)
{
    cohort_scenario *s = load("e2e/report/markup");
    cohort_result *r = solve(s, COHORT_OK);
    char *h = page(s, r);
    CU_ASSERT_EQUAL(scan_tags(h), 0);
    CU_ASSERT(strstr(h, "<script") == NULL && strstr(h, "<SCRIPT") == NULL);
    CU_ASSERT(strstr(h, "<img") == NULL);
    CU_ASSERT(strstr(h, "<u>") == NULL && strstr(h, "<i>P8") == NULL);
    CU_ASSERT(strstr(h, "onerror=alert(1)&gt;") != NULL);
    /* each string, escaped, where it belongs */
    CU_ASSERT(strstr(h, "<title>Promo &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; "
                        "&quot;Co&quot; &amp;amp;") != NULL);
    CU_ASSERT(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt; Minist\xc3\xa8re") != NULL);
    CU_ASSERT(strstr(h, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != NULL);
    CU_ASSERT(strstr(h, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") != NULL);
    CU_ASSERT(strstr(h, "D\xc3\xa9" "fi &amp;amp; &lt;b&gt;gras&lt;/b&gt;") != NULL);
    CU_ASSERT(strstr(h, "Tom &amp;amp; Jerry") != NULL);
    CU_ASSERT(strstr(h, "&lt;i&gt;P8&lt;/i&gt; Zo\xc3\xa9 &lt;u&gt;Soulign\xc3\xa9&lt;/u&gt;") != NULL);
    CU_ASSERT(strstr(h, "data-chal=\"D&lt;3&gt;\"") != NULL);
    CU_ASSERT(strstr(h, "data-host=\"H&amp;3\"") != NULL);
    CU_ASSERT(strstr(h, "origin = &lt;b&gt;x&lt;/b&gt;") != NULL); /* diversity chart */
    /* the explanations quote ids: escaped too */
    CU_ASSERT(strstr(h, "data-cand=\"&lt;i&gt;P8&lt;/i&gt;\" data-why=\"declined\">"
                        "&lt;i&gt;P8&lt;/i&gt; Zo") != NULL);
    CU_ASSERT(strstr(h, "P6 in place of &lt;i&gt;P8&lt;/i&gt; on D&lt;3&gt; (leaving D1) keeps "
                        "every rule but worsens the filled level from 8 to 7") != NULL);
    free(h);
    cohort_result_free(r);
    cohort_scenario_free(s);
}

static void test_page_structure(void)
{
    cohort_scenario *s = load_eig5();
    cohort_result *r = solve(s, COHORT_OK);
    char *h = page(s, r);
    CU_ASSERT_EQUAL(scan_tags(h), 0);
    /* self-contained: no script, no link, no external reference */
    CU_ASSERT(strstr(h, "<script") == NULL && strstr(h, "<link") == NULL);
    CU_ASSERT(strstr(h, "url(") == NULL && strstr(h, "@import") == NULL);
    CU_ASSERT(strstr(h, "https:") == NULL);
    /* prints on A4 */
    CU_ASSERT(strstr(h, "@page{size:A4") != NULL && strstr(h, "@media print") != NULL);
    CU_ASSERT(strstr(h, "break-before:page") != NULL);
    /* the summary comes first, then blocking pairs, challenges, finance */
    const char *sm = strstr(h, "id=\"summary\""), *bp = strstr(h, "id=\"blocking\""),
               *ch = strstr(h, "id=\"challenges\""), *fi = strstr(h, "id=\"finance\"");
    CU_ASSERT_FATAL(sm && bp && ch && fi);
    CU_ASSERT(sm < bp && bp < ch && ch < fi);
    /* the summary's figures and charts */
    CU_ASSERT(strstr(h, "<b>16 / 16</b><span>challenges staffed") != NULL);
    CU_ASSERT(strstr(h, "<b>39</b><span>positions filled") != NULL);
    CU_ASSERT(strstr(h, "699,300.00 EUR of 700,000.00 EUR (C10)") != NULL);
    int svgs = 0;
    for (const char *q = h; (q = strstr(q, "<svg ")); q++)
        svgs++;
    CU_ASSERT(svgs >= 4); /* profiles, choices, diversity, envelope */
    CU_ASSERT(strstr(h, "Profile mix against the quotas") != NULL);
    CU_ASSERT(strstr(h, "1st choice") != NULL && strstr(h, "jury-proposed") != NULL);
    CU_ASSERT(strstr(h, "gender = F") != NULL);
    /* every challenge has its section; the five blocking pairs are listed */
    for (int c = 0; c < s->nchals; c++) {
        char want[200];
        snprintf(want, sizeof want, "<section class=\"challenge\" id=\"ch-%d\" data-chal=\"%s\"", c,
                 s->chals[c].id);
        CU_ASSERT(strstr(h, want) != NULL);
    }
    int nbp = 0;
    for (const char *q = h; (q = strstr(q, "<tr class=\"bp\"")); q++)
        nbp++;
    CU_ASSERT_EQUAL(nbp, r->nblocks);
    /* eig5's pairs cost ranks only (each of its old "rule C10" and
       "objective: filled" pairs has a cohort as good on staffed and filled
       once the place the candidate leaves is filled: docs/report.md) */
    CU_ASSERT(strstr(h, "objective: rank</span>") != NULL);
    CU_ASSERT(strstr(h, "rule C10</span>") == NULL && strstr(h, "objective: filled</span>") == NULL);
    {
        /* a pair the envelope keeps: its badge */
        cohort_scenario *s10 = load("e2e/solve/c10-envelope");
        cohort_result *r10 = solve(s10, COHORT_OK);
        char *h10 = page(s10, r10);
        CU_ASSERT(strstr(h10, "<span class=\"badge b-rule\">rule C10</span>") != NULL);
        free(h10);
        cohort_result_free(r10);
        cohort_scenario_free(s10);
    }
    /* finance: the per-challenge table and one schedule per host with members */
    CU_ASSERT(strstr(h, "Per challenge") != NULL && strstr(h, "Monthly schedule per host") != NULL);
    CU_ASSERT(strstr(h, "<tr class=\"month\" data-host=\"minint\" data-year=\"2021\"><td>Sep 2021"
                        "</td>") != NULL);
    CU_ASSERT(strstr(h, "<td>Jun 2022</td>") != NULL && strstr(h, "Jul 2022") == NULL);
    /* same input, same bytes */
    char *h2 = page(s, r);
    CU_ASSERT_STRING_EQUAL(h, h2);
    free(h2);
    free(h);
    cohort_result_free(r);
    cohort_scenario_free(s);
}

/* two threads write the same page as one (the challenge sections are
   written in parallel, each into its own buffer: report.c) */
static void test_threads_same_page(void)
{
    cohort_scenario *s = load_eig5();
    cohort_result *r = solve(s, COHORT_OK);
    sbuf one, two;
    sb_init(&one);
    sb_init(&two);
    out_report_threads(s, r, &one, 1);
    out_report_threads(s, r, &two, 2);
    CU_ASSERT(one.len > 100000);
    CU_ASSERT_FATAL(one.len == two.len);
    CU_ASSERT(memcmp(one.s, two.s, one.len) == 0);
    /* every challenge's section, once, in challenges.csv order */
    const char *at = one.s;
    int in_order = 1;
    for (int h = 0; h < s->nchals; h++) {
        char id[32];
        snprintf(id, sizeof id, "id=\"ch-%d\"", h);
        const char *q = strstr(at, id);
        in_order &= q != NULL;
        at = q ? q : at;
    }
    CU_ASSERT(in_order);
    sb_free(&one);
    sb_free(&two);
    cohort_result_free(r);
    cohort_scenario_free(s);
}

static void test_no_cohort_page(void)
{
    cohort_scenario *s = load("e2e/solve/infeasible-envelope");
    cohort_result *r = solve(s, COHORT_INFEASIBLE);
    char *h = page(s, r);
    CU_ASSERT_EQUAL(scan_tags(h), 0);
    CU_ASSERT(strstr(h, "<h2>No cohort</h2>") != NULL);
    CU_ASSERT(strstr(h, "<td>C10</td>") != NULL);
    CU_ASSERT(strstr(h, "id=\"finance\"") == NULL);
    free(h);
    cohort_result_free(r);
    cohort_scenario_free(s);
}

static char *cell(const char *s, char sep, int text)
{
    sbuf b;
    sb_init(&b);
    csv_put_cell(&b, s, sep, text);
    return sb_take(&b);
}

static void test_csv_cells(void)
{
    static const struct {
        const char *in;
        char sep;
        int text;
        const char *out;
    } cases[] = {
        {"plain", ',', 1, "plain"},
        {"=1+2", ',', 1, "\"'=1+2\""},
        {"+33 6", ',', 1, "\"'+33 6\""},
        {"-2+3", ',', 1, "\"'-2+3\""},
        {"@SUM(A1)", ',', 1, "\"'@SUM(A1)\""},
        {"\tx", ',', 1, "\"'\tx\""},
        {"\rx", ',', 1, "\"'\rx\""},
        {"=HYPERLINK(\"u\",\"v\")", ';', 1, "\"'=HYPERLINK(\"\"u\"\",\"\"v\"\")\""},
        {"a;b", ';', 1, "\"a;b\""},
        {"a,b", ',', 1, "\"a,b\""},
        {"say \"hi\"", ',', 1, "\"say \"\"hi\"\"\""},
        {"x=1", ',', 1, "x=1"},
        {"-12.50", ',', 0, "-12.50"},   /* money cells stay numbers */
        {"-12,50", ';', 0, "-12,50"},
        {"", ',', 1, ""},
        {NULL, ',', 1, ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *got = cell(cases[k].in, cases[k].sep, cases[k].text);
        if (strcmp(got, cases[k].out))
            printf("\n  cell %zu: got [%s] expected [%s]", k, got, cases[k].out);
        CU_ASSERT_STRING_EQUAL(got, cases[k].out);
        free(got);
    }
}

static void test_csv_dialects(void)
{
    cohort_scenario *s = load("e2e/report/markup");
    cohort_result *r = solve(s, COHORT_OK);
    sbuf rfc, fr, crfc, cfr;
    sb_init(&rfc);
    sb_init(&fr);
    sb_init(&crfc);
    sb_init(&cfr);
    out_finance_csv(s, r, 0, &rfc);
    out_finance_csv(s, r, 1, &fr);
    out_cohort_csv(s, r, 0, &crfc);
    out_cohort_csv(s, r, 1, &cfr);
    CU_ASSERT(!strncmp(rfc.s, "host,year,cost,programme_share,host_share\r\n", 43));
    CU_ASSERT(!strncmp(fr.s, "\xEF\xBB\xBFhost;year;cost;programme_share;host_share\r\n", 46));
    CU_ASSERT(strstr(rfc.s, "\r\nALL,ALL,320000.00,72000.00,248000.00\r\n") != NULL);
    CU_ASSERT(strstr(fr.s, "\r\nALL;ALL;320000,00;72000,00;248000,00\r\n") != NULL);
    CU_ASSERT(strstr(fr.s, "H&3;2021;32000,00;0,00;32000,00\r\n") != NULL);
    /* cohort.csv: formulas neutralised in both dialects, text with the
     * separator quoted, money with the dialect's decimal mark */
    CU_ASSERT(strncmp(crfc.s, "\xEF\xBB\xBF", 3) != 0);
    CU_ASSERT(!strncmp(cfr.s, "\xEF\xBB\xBF" "challenge;challenge_title;host;candidate;name;", 49));
    const char *formulas[] = {"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"clic\"\")\"",
                              "\"'+33 6 12 34 56 78\"", "\"'-2+3\"", "\"'@SUM(A1:A9)\"", NULL};
    for (int k = 0; formulas[k]; k++) {
        CU_ASSERT(strstr(crfc.s, formulas[k]) != NULL);
        CU_ASSERT(strstr(cfr.s, formulas[k]) != NULL);
    }
    CU_ASSERT(strstr(cfr.s, ";\"Tom &amp; Jerry\";developer;1;1;40000,00;0,00;40000,00\r\n") != NULL);
    CU_ASSERT(strstr(crfc.s, ",\"Tom &amp; Jerry\",developer,1,1,40000.00,0.00,40000.00\r\n") != NULL);
    /* no cell of either file starts with a formula character unquoted */
    const sbuf *all[] = {&rfc, &fr, &crfc, &cfr};
    for (int f = 0; f < 4; f++) {
        char sep = f % 2 ? ';' : ',';
        const char *t = all[f]->s;
        int at_start = 1, inq = 0;
        for (const char *c = t; *c; c++) {
            if (at_start && !inq && (*c == '=' || *c == '+' || *c == '@'))
                CU_FAIL("a cell starts with a formula character");
            at_start = 0;
            if (*c == '"')
                inq = !inq;
            else if (!inq && (*c == sep || *c == '\n'))
                at_start = 1;
        }
    }
    sb_free(&rfc);
    sb_free(&fr);
    sb_free(&crfc);
    sb_free(&cfr);
    cohort_result_free(r);
    cohort_scenario_free(s);
}

int main(void)
{
    static const test_case cases[] = {
        {"markup in every input string is escaped", test_markup_escaped},
        {"page: self-contained, printable, summary first", test_page_structure},
        {"page without a cohort", test_no_cohort_page},
        {"page: two threads write the same bytes as one", test_threads_same_page},
        {"CSV cells: formulas neutralised, quoting", test_csv_cells},
        {"CSV dialects rfc and fr", test_csv_dialects},
        {NULL, NULL},
    };
    return run_suite("report", cases);
}
