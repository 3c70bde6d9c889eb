/* sweep.c - parameter sweeps: one solve per value (or pair of values) of
 * one or two numeric scenario keys, written as a table (sweep.csv), a chart
 * (sweep.svg) and a summary of what each extra step buys (sweep.md).
 *
 * The scenario is loaded once; each variant sets its keys with
 * cohort_scenario_set, which keeps the scenario consistent (money, rank
 * costs, team sizes), and is solved through the public API. Setting is
 * absolute, so a variant's scenario depends only on its values, never on
 * the variant before it. Variants are solved without the conflict finder:
 * a sweep only needs to know that a variant is infeasible, and the finder
 * may spend up to a minute per infeasible variant.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VARIANTS 10000

typedef struct axis {
    char *key;
    char **vals; /* value texts as given to cohort_scenario_set */
    double *num; /* the same, for the chart */
    int n;
} axis;

typedef struct point {
    int i, j; /* value index on axis 0 and 1 */
    int status;
    int64_t staffed, filled, rank; /* rank scaled by 10^rank_pow */
    int rank_pow;
    int64_t cost, prog, hshare;
    double seconds;
} point;

static void axis_free(axis *a)
{
    for (int k = 0; k < a->n; k++)
        free(a->vals[k]);
    free(a->vals);
    free(a->num);
    free(a->key);
}

static void axis_add(axis *a, const char *v)
{
    a->vals = xrealloc(a->vals, sizeof *a->vals * (size_t)(a->n + 1));
    a->num = xrealloc(a->num, sizeof *a->num * (size_t)(a->n + 1));
    a->vals[a->n] = xstrdup(v);
    a->num[a->n] = strtod(v, NULL);
    a->n++;
}

static int64_t ipow10(int k)
{
    int64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* Decimal places needed to write r exactly, or -1. */
static int decimals(ratio r)
{
    for (int k = 0; k <= 9; k++)
        if (ipow10(k) % r.den == 0)
            return k;
    return -1;
}

/* "KEY=FROM:TO:STEP", "KEY=V1,V2,..." or "KEY=V". */
static int parse_set(const char *spec, axis *a, cohort_diag *d)
{
    memset(a, 0, sizeof *a);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || !eq[1]) {
        diag_error(d, "--set '%s': expected KEY=FROM:TO:STEP (e.g. "
                      "cofinancing.envelope=400000:1600000:100000) or KEY=V1,V2,...", spec);
        return COHORT_EINPUT;
    }
    a->key = xstrndup(spec, (size_t)(eq - spec));
    const char *v = eq + 1;
    if (strchr(v, ':')) {
        char *t = xstrdup(v), *p1 = strchr(t, ':'), *p2 = p1 ? strchr(p1 + 1, ':') : NULL;
        ratio r[3];
        int ok = p1 && p2 && !strchr(p2 + 1, ':');
        if (ok) {
            *p1 = *p2 = '\0';
            ok = !parse_decimal(t, &r[0]) && !parse_decimal(p1 + 1, &r[1]) &&
                 !parse_decimal(p2 + 1, &r[2]);
        }
        free(t);
        int dec = 0;
        for (int k = 0; ok && k < 3; k++) {
            int dk = decimals(r[k]);
            if (dk < 0)
                ok = 0;
            else if (dk > dec)
                dec = dk;
        }
        if (!ok) {
            diag_error(d, "--set '%s': expected FROM:TO:STEP as three decimal numbers", spec);
            return COHORT_EINPUT;
        }
        /* exact integer steps on a common decimal scale: no drift */
        int64_t sc = ipow10(dec), lo = r[0].num * (sc / r[0].den), hi = r[1].num * (sc / r[1].den),
                st = r[2].num * (sc / r[2].den);
        if (st == 0 || (hi - lo) / st < 0 || (hi != lo && (hi - lo > 0) != (st > 0))) {
            diag_error(d, "--set '%s': the step must be non-zero and lead from FROM to TO",
                       spec);
            return COHORT_EINPUT;
        }
        if ((hi - lo) % st) {
            /* 400000:800000:300000 would stop at 700000: the coordinator
               asked for 800000 */
            char t1[48], t2[48];
            fmt_scaled(lo + (hi - lo) / st * st, dec, t1, sizeof t1);
            fmt_scaled(lo + ((hi - lo) / st + 1) * st, dec, t2, sizeof t2);
            diag_error(d, "--set '%s': the step does not lead from FROM to TO (it goes past "
                       "TO after %s, to %s; expected TO = FROM + a whole number of steps)",
                       spec, t1, t2);
            return COHORT_EINPUT;
        }
        int64_t n = (hi - lo) / st + 1;
        if (n > MAX_VARIANTS) {
            diag_error(d, "--set '%s': %lld values (expected at most %d)", spec, (long long)n,
                       MAX_VARIANTS);
            return COHORT_EINPUT;
        }
        for (int64_t k = 0; k < n; k++) {
            char b[48];
            fmt_scaled(lo + k * st, dec, b, sizeof b);
            axis_add(a, b);
        }
    } else {
        char *t = xstrdup(v), *save = NULL;
        for (char *p = strtok_r(t, ",", &save); p; p = strtok_r(NULL, ",", &save))
            axis_add(a, trim(p));
        free(t);
        if (!a->n || a->n > MAX_VARIANTS) {
            diag_error(d, "--set '%s': expected one or more values", spec);
            return COHORT_EINPUT;
        }
    }
    return COHORT_OK;
}

/* Sets the variant's values; with two keys a pair such as min/max may only
 * be valid in one order, so the other order is tried before giving up. */
static int apply(cohort_scenario *s, const axis *ax, int nax, int i, int j, cohort_diag *d)
{
    const int idx[2] = {i, j};
    cohort_diag scratch;
    cohort_diag_init(&scratch);
    int rc = COHORT_OK;
    for (int k = 0; k < nax && !rc; k++)
        rc = cohort_scenario_set(s, ax[k].key, ax[k].vals[idx[k]], nax == 2 ? &scratch : d);
    if (rc && nax == 2) {
        cohort_diag_clear(&scratch);
        rc = COHORT_OK;
        for (int k = nax - 1; k >= 0 && !rc; k--)
            rc = cohort_scenario_set(s, ax[k].key, ax[k].vals[idx[k]], &scratch);
        if (rc)
            for (int k = 0; k < scratch.nerrors; k++)
                diag_error(d, "%s", scratch.errors[k]);
    }
    cohort_diag_clear(&scratch);
    return rc;
}

static void label_of(const axis *ax, int nax, int i, int j, char *buf, size_t n)
{
    if (nax == 1)
        snprintf(buf, n, "%s=%s", ax[0].key, ax[0].vals[i]);
    else
        snprintf(buf, n, "%s=%s %s=%s", ax[0].key, ax[0].vals[i], ax[1].key, ax[1].vals[j]);
}

static int has_cohort(const point *p)
{
    return p->status == ST_OPTIMAL || p->status == ST_FEASIBLE;
}

static double rank_value(const point *p)
{
    return (double)p->rank / (double)ipow10(p->rank_pow);
}

/* ---- sweep.csv ---- */

static void write_csv(const axis *ax, int nax, const point *pts, int npts, sbuf *b)
{
    for (int k = 0; k < nax; k++) {
        csv_put_cell(b, ax[k].key, ',', 1);
        sb_putc(b, ',');
    }
    /* CRLF, as every CSV file cohort writes (RFC 4180) */
    sb_puts(b, "status,staffed,filled,rank,cost,programme_share,host_share\r\n");
    for (int q = 0; q < npts; q++) {
        const point *p = &pts[q];
        sb_printf(b, "%s,", ax[0].vals[p->i]);
        if (nax == 2)
            sb_printf(b, "%s,", ax[1].vals[p->j]);
        sb_printf(b, "%s", status_name(p->status));
        if (has_cohort(p)) {
            char rk[48], c[40], pr[40], h[40];
            fmt_scaled(p->rank, p->rank_pow, rk, sizeof rk);
            fmt_cents(p->cost, c, sizeof c, '.');
            fmt_cents(p->prog, pr, sizeof pr, '.');
            fmt_cents(p->hshare, h, sizeof h, '.');
            sb_printf(b, ",%lld,%lld,%s,%s,%s,%s\r\n", (long long)p->staffed,
                      (long long)p->filled, rk, c, pr, h);
        } else {
            sb_puts(b, ",,,,,,\r\n");
        }
    }
}

/* ---- sweep.svg ---- */

static double nice_step(double raw)
{
    if (!(raw > 0))
        return 1;
    double p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

static void num_label(double v, char *buf, size_t n)
{
    if (fabs(v) >= 1e6 && fmod(v, 1e5) == 0)
        snprintf(buf, n, "%gM", v / 1e6);
    else if (fabs(v) >= 1e4 && fmod(v, 1e3) == 0)
        snprintf(buf, n, "%gk", v / 1e3);
    else
        snprintf(buf, n, "%g", v);
}

static const char *const COLORS[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                     "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

enum { W = 820, ML = 78, MR = 190, MT = 64, PH = 170, GAP = 58, MB = 70 };

typedef struct panel {
    const char *title;
    int metric; /* 0 staffed, 1 filled, 2 rank */
} panel;

static double metric(const point *p, int m)
{
    return m == 0 ? (double)p->staffed : m == 1 ? (double)p->filled : rank_value(p);
}

static void write_svg(const cohort_scenario *s, const axis *ax, int nax, const point *pts,
                      int npts, sbuf *b)
{
    static const panel panels[3] = {{"staffed challenges", 0},
                                    {"filled positions (specialists placed)", 1},
                                    {"rank cost (lower is better)", 2}};
    int H = MT + 3 * PH + 2 * GAP + MB, pw = W - ML - MR;
    double xmin = ax[0].num[0], xmax = ax[0].num[0];
    for (int k = 1; k < ax[0].n; k++) {
        xmin = fmin(xmin, ax[0].num[k]);
        xmax = fmax(xmax, ax[0].num[k]);
    }
    if (xmax == xmin) {
        xmin -= 1;
        xmax += 1;
    }
    sb_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
              W, H, W, H);
    sb_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb_puts(b, "<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Sweep of ");
    html_str(b, ax[0].key);
    if (nax == 2) {
        sb_puts(b, " and ");
        html_str(b, ax[1].key);
    }
    sb_puts(b, "</text>\n<text x=\"12\" y=\"42\" fill=\"#555\">");
    html_str(b, s->name);
    sb_printf(b, ": %d variant%s; gaps in a line are infeasible variants (no cohort)</text>\n",
              npts, npts == 1 ? "" : "s");
    int nseries = nax == 2 ? ax[1].n : 1;
    for (int pn = 0; pn < 3; pn++) {
        int top = MT + pn * (PH + GAP);
        double ymin = INFINITY, ymax = -INFINITY;
        for (int q = 0; q < npts; q++)
            if (has_cohort(&pts[q])) {
                ymin = fmin(ymin, metric(&pts[q], panels[pn].metric));
                ymax = fmax(ymax, metric(&pts[q], panels[pn].metric));
            }
        if (!isfinite(ymin)) {
            ymin = 0;
            ymax = 1;
        }
        double ystep = nice_step((ymax - ymin) / 4);
        if (ystep < 1 && panels[pn].metric < 2)
            ystep = 1;
        /* a margin of one step so that no line runs along the frame */
        double y0 = floor(ymin / ystep) * ystep, y1 = ceil(ymax / ystep) * ystep;
        if (y0 >= ymin && y0 > 0)
            y0 -= ystep;
        if (y1 <= ymax)
            y1 += ystep;
#define PX(v) (ML + ((v) - xmin) / (xmax - xmin) * pw)
#define PY(v) (top + PH - ((v) - y0) / (y1 - y0) * PH)
        sb_printf(b, "<g>\n<text x=\"%d\" y=\"%d\" font-weight=\"bold\">", ML, top - 8);
        html_str(b, panels[pn].title);
        sb_puts(b, "</text>\n");
        sb_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                     "stroke=\"#999\"/>\n", ML, top, pw, PH);
        /* y axis: grid lines and labels */
        for (double v = y0; v <= y1 + ystep * 1e-9; v += ystep) {
            char t[32];
            num_label(v, t, sizeof t);
            sb_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>"
                         "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                      ML, PY(v), ML + pw, PY(v), ML - 6, PY(v) + 4, t);
        }
        /* x axis: a tick per value when few, else round steps */
        if (ax[0].n <= 16) {
            for (int k = 0; k < ax[0].n; k++) {
                char t[32];
                num_label(ax[0].num[k], t, sizeof t);
                sb_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                             "stroke=\"#999\"/><text x=\"%.1f\" y=\"%d\" "
                             "text-anchor=\"middle\">%s</text>\n",
                          PX(ax[0].num[k]), top + PH, PX(ax[0].num[k]), top + PH + 4,
                          PX(ax[0].num[k]), top + PH + 16, t);
            }
        } else {
            double xs = nice_step((xmax - xmin) / 8);
            for (double v = ceil(xmin / xs) * xs; v <= xmax + xs * 1e-9; v += xs) {
                char t[32];
                num_label(v, t, sizeof t);
                sb_printf(b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                             "stroke=\"#999\"/><text x=\"%.1f\" y=\"%d\" "
                             "text-anchor=\"middle\">%s</text>\n",
                          PX(v), top + PH, PX(v), top + PH + 4, PX(v), top + PH + 16, t);
            }
        }
        sb_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">",
                  ML + pw / 2, top + PH + 32);
        html_str(b, ax[0].key);
        sb_puts(b, "</text>\n");
        /* the series: a polyline per run of feasible variants, a dot each */
        for (int sr = 0; sr < nseries; sr++) {
            const char *col = COLORS[sr % 8];
            const char *dash = sr >= 8 ? " stroke-dasharray=\"5,3\"" : "";
            int open = 0;
            for (int k = 0; k < ax[0].n; k++) {
                const point *p = &pts[nax == 2 ? k * ax[1].n + sr : k];
                if (!has_cohort(p)) {
                    if (open)
                        sb_puts(b, "\"/>\n");
                    open = 0;
                    sb_printf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                                 "fill=\"%s\">&#215;</text>\n",
                              PX(ax[0].num[k]), top + PH - 4, col);
                    continue;
                }
                double x = PX(ax[0].num[k]), y = PY(metric(p, panels[pn].metric));
                if (!open)
                    sb_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                                 "points=\"", col, dash);
                sb_printf(b, "%s%.1f,%.1f", open ? " " : "", x, y);
                open = 1;
            }
            if (open)
                sb_puts(b, "\"/>\n");
            for (int k = 0; k < ax[0].n; k++) {
                const point *p = &pts[nax == 2 ? k * ax[1].n + sr : k];
                if (has_cohort(p))
                    sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                              PX(ax[0].num[k]), PY(metric(p, panels[pn].metric)), col);
            }
        }
        sb_puts(b, "</g>\n");
#undef PX
#undef PY
    }
    /* legend */
    int lx = W - MR + 16, ly = MT + 6;
    if (nax == 2) {
        sb_printf(b, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">", lx, ly);
        html_str(b, ax[1].key);
        sb_puts(b, "</text>\n");
        for (int sr = 0; sr < nseries && sr < 40; sr++) {
            int y = ly + 18 + sr * 16;
            sb_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                         "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">",
                      lx, y - 4, lx + 22, y - 4, COLORS[sr % 8],
                      sr >= 8 ? " stroke-dasharray=\"5,3\"" : "", lx + 28, y);
            html_str(b, ax[1].vals[sr]);
            sb_puts(b, "</text>\n");
        }
    } else {
        sb_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                     "stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">optimum per value</text>\n",
                  lx, ly, lx + 22, ly, COLORS[0], lx + 28, ly + 4);
    }
    sb_printf(b, "<text x=\"%d\" y=\"%d\" fill=\"#555\">&#215; infeasible</text>\n", lx,
              ly + (nax == 2 ? 18 + (nseries < 40 ? nseries : 40) * 16 + 8 : 22));
    sb_puts(b, "</svg>\n");
}

/* ---- sweep.md ---- */

static void md_cell(sbuf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '|')
            sb_puts(b, "\\|");
        else if (*p == '\n' || *p == '\r')
            sb_putc(b, ' ');
        else
            sb_putc(b, *p);
    }
}

/* What each step of axis 0 buys, along one series (fixed value of axis 1). */
static void md_steps(const axis *ax, const point *pts, int stride, int off, sbuf *b)
{
    const axis *a = &ax[0];
    int first = -1, last = -1, plateau;
    for (int k = 1; k < a->n; k++) {
        const point *p = &pts[(k - 1) * stride + off], *q = &pts[k * stride + off];
        sb_printf(b, "- %s → %s: ", a->vals[k - 1], a->vals[k]);
        if (!has_cohort(p) && !has_cohort(q)) {
            sb_puts(b, "still no cohort\n");
            continue;
        }
        if (!has_cohort(p)) {
            sb_printf(b, "the first cohort: %lld specialists in %lld teams\n",
                      (long long)q->filled, (long long)q->staffed);
            continue;
        }
        if (!has_cohort(q)) {
            sb_puts(b, "no cohort any more (infeasible)\n");
            continue;
        }
        char pr[64], c[64];
        fmt_eur(q->prog - p->prog, pr, sizeof pr);
        fmt_eur(q->cost - p->cost, c, sizeof c);
        sb_printf(b, "%+lld specialist%s, %+lld staffed challenge%s, programme share %s%s, "
                     "cost %s%s\n",
                  (long long)(q->filled - p->filled), llabs(q->filled - p->filled) == 1 ? "" : "s",
                  (long long)(q->staffed - p->staffed),
                  llabs(q->staffed - p->staffed) == 1 ? "" : "s", q->prog >= p->prog ? "+" : "",
                  pr, q->cost >= p->cost ? "+" : "", c);
    }
    for (int k = 0; k < a->n; k++) {
        const point *p = &pts[k * stride + off];
        if (!has_cohort(p))
            continue;
        if (first < 0)
            first = k;
        last = k;
    }
    if (first < 0) {
        sb_puts(b, "\nNo value gives a cohort.\n");
        return;
    }
    const point *p0 = &pts[first * stride + off], *p1 = &pts[last * stride + off];
    /* the value from which on nothing changes any more */
    plateau = last;
    while (plateau > first) {
        const point *p = &pts[(plateau - 1) * stride + off];
        if (!has_cohort(p) || p->filled != p1->filled || p->staffed != p1->staffed)
            break;
        plateau--;
    }
    int steps = last - first;
    sb_printf(b, "\nFrom %s (the first value with a cohort) to %s, the cohort goes from %lld "
                 "to %lld specialists and from %lld to %lld staffed challenges",
              a->vals[first], a->vals[last], (long long)p0->filled, (long long)p1->filled,
              (long long)p0->staffed, (long long)p1->staffed);
    if (steps > 0)
        sb_printf(b, ": %.2f more specialists per step on average", (double)(p1->filled -
                                                                             p0->filled) / steps);
    sb_puts(b, ".");
    if (plateau < last)
        sb_printf(b, " Beyond %s, raising %s buys no more specialists or teams: other rules "
                     "limit the cohort there.", a->vals[plateau], a->key);
    sb_puts(b, "\n");
}

static void write_md(const cohort_scenario *s, const axis *ax, int nax, const point *pts,
                     int npts, sbuf *b)
{
    sb_puts(b, "# Sweep of ");
    md_cell(b, ax[0].key);
    if (nax == 2) {
        sb_puts(b, " and ");
        md_cell(b, ax[1].key);
    }
    sb_puts(b, "\n\nScenario: ");
    md_cell(b, s->name);
    sb_printf(b, ". %d variant%s, each solved to the end of its objective order", npts,
              npts == 1 ? "" : "s");
    sb_puts(b, " (staffed challenges first, then filled positions, then rank cost, unless the "
               "scenario orders them otherwise). The chart is sweep.svg, the table sweep.csv.\n\n");
    sb_puts(b, "| ");
    for (int k = 0; k < nax; k++) {
        md_cell(b, ax[k].key);
        sb_puts(b, " | ");
    }
    sb_puts(b, "status | staffed | filled | rank | programme share (EUR) | cost (EUR) |\n|");
    for (int k = 0; k < nax; k++)
        sb_puts(b, "---:|");
    sb_puts(b, "---|---:|---:|---:|---:|---:|\n");
    for (int q = 0; q < npts; q++) {
        const point *p = &pts[q];
        sb_printf(b, "| %s | ", ax[0].vals[p->i]);
        if (nax == 2)
            sb_printf(b, "%s | ", ax[1].vals[p->j]);
        sb_printf(b, "%s |", status_name(p->status));
        if (has_cohort(p)) {
            char rk[48], pr[64], c[64];
            fmt_scaled(p->rank, p->rank_pow, rk, sizeof rk);
            fmt_eur(p->prog, pr, sizeof pr);
            fmt_eur(p->cost, c, sizeof c);
            *strstr(pr, " EUR") = '\0';
            *strstr(c, " EUR") = '\0';
            sb_printf(b, " %lld | %lld | %s | %s | %s |\n", (long long)p->staffed,
                      (long long)p->filled, rk, pr, c);
        } else {
            sb_puts(b, " | | | | |\n");
        }
    }
    if (ax[0].n < 2)
        return;
    sb_puts(b, "\n## What each extra step buys\n");
    if (nax == 1) {
        sb_puts(b, "\n");
        md_steps(ax, pts, 1, 0, b);
    } else {
        for (int j = 0; j < ax[1].n; j++) {
            sb_puts(b, "\n### ");
            md_cell(b, ax[1].key);
            sb_printf(b, " = %s\n\n", ax[1].vals[j]);
            md_steps(ax, pts, ax[1].n, j, b);
        }
    }
}

/* ---- the sweep ---- */

void cohort_sweep_opts_init(cohort_sweep_opts *o)
{
    memset(o, 0, sizeof *o);
}

int cohort_sweep(const char *scenario, const char *const *sets, int nsets, const char *dir,
                 const cohort_sweep_opts *o, cohort_diag *d)
{
    cohort_sweep_opts o0;
    if (!o) {
        cohort_sweep_opts_init(&o0);
        o = &o0;
    }
    if (nsets < 1 || nsets > 2) {
        diag_error(d, "a sweep takes one or two --set KEY=FROM:TO:STEP (got %d)", nsets);
        return COHORT_EINPUT;
    }
    axis ax[2];
    memset(ax, 0, sizeof ax);
    cohort_scenario *s = NULL;
    point *pts = NULL;
    sbuf files[3];
    for (int k = 0; k < 3; k++)
        sb_init(&files[k]);
    int rc = COHORT_OK, nax = nsets, npts = 0;
    for (int k = 0; k < nax && !rc; k++)
        rc = parse_set(sets[k], &ax[k], d);
    if (!rc && nax == 2 && !strcmp(ax[0].key, ax[1].key)) {
        diag_error(d, "--set %s is given twice (expected two different keys)", ax[0].key);
        rc = COHORT_EINPUT;
    }
    if (!rc && nax == 2 && (long)ax[0].n * ax[1].n > MAX_VARIANTS) {
        diag_error(d, "%d x %d variants (expected at most %d)", ax[0].n, ax[1].n, MAX_VARIANTS);
        rc = COHORT_EINPUT;
    }
    if (rc)
        goto done;
    double t0 = now_seconds();
    if ((rc = cohort_scenario_load(scenario, &s, d)))
        goto done;
    double load_seconds = now_seconds() - t0;
    int rates_masked = 0;
    for (int k = 0; k < nax; k++)
        if (!strncmp(ax[k].key, "cofinancing.rates.", 18) && s->has_covered) {
            /* CONTRACT.md section 1: covered_months replaces every non-zero rate */
            diag_warn(d, "%s: cofinancing.covered_months is set, so every non-zero rate is "
                         "replaced by the share of contract months in that window: %s only "
                         "matters as zero or not zero", scenario, ax[k].key);
            rates_masked = 1;
        }
    npts = nax == 2 ? ax[0].n * ax[1].n : ax[0].n;
    /* validate every variant before the first solve: nothing is written when
     * one value is refused */
    for (int q = 0; q < npts && !rc; q++)
        rc = apply(s, ax, nax, nax == 2 ? q / ax[1].n : q, nax == 2 ? q % ax[1].n : 0, d);
    if (rc)
        goto done;
    pts = xcalloc((size_t)npts, sizeof *pts);
    cohort_solve_opts so;
    cohort_solve_opts_init(&so);
    so.time_limit = o->time_limit;
    so.explain_infeasible = 0;
    for (int q = 0; q < npts; q++) {
        point *p = &pts[q];
        p->i = nax == 2 ? q / ax[1].n : q;
        p->j = nax == 2 ? q % ax[1].n : 0;
        if ((rc = apply(s, ax, nax, p->i, p->j, d)))
            goto done;
        cohort_result *r = NULL;
        rc = cohort_solve(s, &so, &r, d);
        if (rc != COHORT_OK && rc != COHORT_INFEASIBLE)
            goto done;
        rc = COHORT_OK;
        p->status = r->status;
        p->staffed = r->level[LV_STAFFED];
        p->filled = r->level[LV_FILLED];
        p->rank = r->level[LV_RANK];
        p->rank_pow = s->rank_scale_pow;
        p->cost = r->total.cost;
        p->prog = r->total.prog;
        p->hshare = r->total.host;
        p->seconds = r->seconds;
        char label[512];
        label_of(ax, nax, p->i, p->j, label, sizeof label);
        int64_t id = 0;
        if (o->store) {
            cohort_run_meta m;
            cohort_run_meta_init(&m);
            m.command = "sweep";
            m.label = label;
            m.load_seconds = load_seconds;
            rc = cohort_store_add_run(o->store, s, r, &so, NULL, &m, &id, d);
        }
        cohort_result_free(r);
        if (rc)
            goto done;
        if (o->on_point) {
            char rk[48] = "";
            if (has_cohort(p))
                fmt_scaled(p->rank, p->rank_pow, rk, sizeof rk);
            cohort_sweep_point cp = {q + 1, npts, label, status_name(p->status),
                                     has_cohort(p) ? p->staffed : 0,
                                     has_cohort(p) ? p->filled : 0, rk, p->seconds, id};
            o->on_point(&cp, o->user);
        }
    }
    write_csv(ax, nax, pts, npts, &files[0]);
    write_svg(s, ax, nax, pts, npts, &files[1]);
    write_md(s, ax, nax, pts, npts, &files[2]);
    if (rates_masked)
        sb_puts(&files[2], "\nNote: the scenario sets cofinancing.covered_months, which replaces "
                           "every non-zero rate by the share of contract months in that window "
                           "(CONTRACT.md section 1): a swept rate only matters as zero or not "
                           "zero.\n");
    static const char *const names[] = {"sweep.csv", "sweep.svg", "sweep.md"};
    rc = write_file_atomic_dir(dir, names, files, 3, d);
done:
    for (int k = 0; k < 3; k++)
        sb_free(&files[k]);
    for (int k = 0; k < 2; k++)
        axis_free(&ax[k]);
    free(pts);
    cohort_scenario_free(s);
    return rc;
}
