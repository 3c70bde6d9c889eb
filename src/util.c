/* util.c - memory, strings, maps and exact money arithmetic. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const PROFILE_NAMES[NPROF] = {"developer", "designer", "data_scientist",
                                          "digital_lawyer", "data_engineer", "geomatician"};
const char *const KIND_NAMES[NKIND] = {"state", "local", "health", "other"};
const char *const LEVEL_NAMES[NLEVELS] = {"staffed", "filled", "rank"};

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        abort();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void grow(void **p, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return;
    int c = *cap ? *cap : 8;
    while (c < need)
        c = c > INT_MAX / 2 ? INT_MAX : c * 2;
    *p = xrealloc(*p, (size_t)c * elem);
    *cap = c;
}

/* ---- grouping ---- */

void csr_build(int nkeys, int nitems, const int *items, const int *key, int **start_out,
               int **list_out)
{
    int *start = xcalloc((size_t)(nkeys > 0 ? nkeys : 0) + 1, sizeof *start);
    int *list = xmalloc(sizeof *list * (size_t)(nitems > 0 ? nitems : 1));
    for (int k = 0; k < nitems; k++)
        start[key[k] + 1]++;
    for (int g = 0; g < nkeys; g++)
        start[g + 1] += start[g];
    int *fill = xmalloc(sizeof *fill * (size_t)(nkeys > 0 ? nkeys : 1));
    for (int g = 0; g < nkeys; g++)
        fill[g] = start[g];
    for (int k = 0; k < nitems; k++)
        list[fill[key[k]]++] = items ? items[k] : k;
    free(fill);
    *start_out = start;
    *list_out = list;
}

/* ---- sbuf ---- */

void sb_init(sbuf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
}

void sb_free(sbuf *b)
{
    free(b->s);
    sb_init(b);
}

void sb_reserve(sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 256;
    while (c < b->len + extra + 1)
        c *= 2;
    b->s = xrealloc(b->s, c);
    b->cap = c;
}

void sb_putn(sbuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_putc(sbuf *b, char c)
{
    if (b->len + 2 > b->cap)
        sb_reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void sb_puts(sbuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

/* The formats most text is made of (%s, %c, %d, %ld, %lld, %u, %lu, %llu,
 * %%, no flags, width or precision) are expanded here; vsnprintf parses the
 * format, looks up the locale and copies through a FILE for every call, which
 * made it the largest single cost of writing the jury page. The bytes are
 * those of vsnprintf (the C locale: no grouping); any other format goes
 * through vsnprintf. */
static int simple_format(const char *f)
{
    /* strchr: the literal text between conversions is most of a format */
    for (; (f = strchr(f, '%')) != NULL; f++) {
        f++;
        if (*f == 'l')
            f += f[1] == 'l' ? 2 : 1;
        else if (*f == 's' || *f == 'c' || *f == '%')
            continue;
        if (*f != 'd' && *f != 'u')
            return 0;
    }
    return 1;
}

static size_t put_u64(char *dst, unsigned long long v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t k = 0; k < n; k++)
        dst[k] = tmp[n - 1 - k];
    return n;
}

void run_threads(void *(*fn)(void *), void *arg, int threads)
{
    pthread_t helper;
    int helped = threads > 1 && pthread_create(&helper, NULL, fn, arg) == 0;
    fn(arg);
    if (helped)
        pthread_join(helper, NULL);
}

/* Where sb_vsimple writes: a growing sbuf, or a fixed buffer that keeps
 * what fits (the length still counts everything, as snprintf's does). */
typedef struct sink {
    sbuf *sb;
    char *buf;
    size_t cap, len;
} sink;

static void sink_putn(sink *o, const char *s, size_t n)
{
    if (o->sb) {
        sb_putn(o->sb, s, n);
        return;
    }
    if (o->len + 1 < o->cap) {
        size_t room = o->cap - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

/* Writes fmt (simple_format() holds) with its arguments to o. */
static void sb_vsimple(sink *o, const char *f, va_list ap)
{
    while (*f) {
        const char *lit = f;
        f = strchr(f, '%');
        if (!f)
            f = lit + strlen(lit);
        if (f > lit)
            sink_putn(o, lit, (size_t)(f - lit));
        if (!*f)
            break;
        f++;
        int lng = 0;
        while (*f == 'l') {
            lng++;
            f++;
        }
        char num[24];
        switch (*f++) {
        case 's': {
            const char *a = va_arg(ap, const char *);
            a = a ? a : "(null)";
            sink_putn(o, a, strlen(a));
            break;
        }
        case 'c':
            num[0] = (char)va_arg(ap, int);
            sink_putn(o, num, 1);
            break;
        case '%':
            sink_putn(o, "%", 1);
            break;
        case 'd': {
            long long v = lng == 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);
            size_t n = 0;
            unsigned long long u = (unsigned long long)v;
            if (v < 0) {
                num[n++] = '-';
                u = 0ULL - u;
            }
            n += put_u64(num + n, u);
            sink_putn(o, num, n);
            break;
        }
        default: { /* 'u' */
            unsigned long long v = lng == 2 ? va_arg(ap, unsigned long long)
                                   : lng  ? va_arg(ap, unsigned long)
                                          : va_arg(ap, unsigned);
            sink_putn(o, num, put_u64(num, v));
            break;
        }
        }
    }
}

void sb_vprintf(sbuf *b, const char *fmt, va_list ap)
{
    if (simple_format(fmt)) {
        sink o = {b, NULL, 0, 0};
        sb_vsimple(&o, fmt, ap);
        return;
    }
    /* one pass when the text fits in what is left, two otherwise */
    sb_reserve(b, 64);
    size_t room = b->cap - b->len;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(b->s + b->len, room, fmt, ap);
    if (n >= 0 && (size_t)n >= room) {
        sb_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
    }
    va_end(again);
    if (n >= 0)
        b->len += (size_t)n;
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

int fmt_vtext(char *buf, size_t n, const char *fmt, va_list ap)
{
    if (!simple_format(fmt))
        return vsnprintf(buf, n, fmt, ap);
    /* straight into buf: no temporary buffer, no allocation */
    sink o = {NULL, buf, n, 0};
    sb_vsimple(&o, fmt, ap);
    if (n)
        buf[o.len < n - 1 ? o.len : n - 1] = '\0';
    return (int)o.len;
}

int fmt_text(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = fmt_vtext(buf, n, fmt, ap);
    va_end(ap);
    return len;
}

char *sb_take(sbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    sb_init(b);
    return s;
}

/* ---- strmap ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void sm_init(strmap *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}

void sm_free(strmap *m)
{
    free(m->keys);
    free(m->vals);
    sm_init(m);
}

int sm_get(const strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

void sm_put(strmap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        const char **ok = m->keys;
        int *ov = m->vals;
        size_t ocap = m->cap;
        m->keys = xcalloc(nc, sizeof *m->keys);
        m->vals = xcalloc(nc, sizeof *m->vals);
        m->cap = nc;
        m->n = 0;
        for (size_t i = 0; i < ocap; i++)
            if (ok[i])
                sm_put(m, ok[i], ov[i]);
        free(ok);
        free(ov);
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0) {
            m->vals[i] = val;
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
}

/* ---- numbers ---- */

int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

double frac_dist(double x)
{
    double f = x - floor(x);
    return f < 1 - f ? f : 1 - f;
}

static int by_fraction(const void *a, const void *b)
{
    const frac_col *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist > y->dist ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

void frac_cols_sort(frac_col *c, int n)
{
    qsort(c, (size_t)n, sizeof *c, by_fraction);
}

int parse_decimal(const char *s, ratio *out)
{
    const char *p = s;
    int neg = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    int64_t mant = 0;
    int digits = 0, frac = 0, seen_dot = 0, any = 0;
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            any = 1;
            if (mant == 0 && *p == '0') {
                if (seen_dot)
                    frac++;
                continue;
            }
            if (digits >= 18)
                return -2;
            mant = mant * 10 + (*p - '0');
            digits++;
            if (seen_dot)
                frac++;
        } else if (*p == '.' && !seen_dot) {
            seen_dot = 1;
        } else {
            break;
        }
    }
    if (!any)
        return -1;
    long ex = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '+' || *p == '-')
            eneg = *p++ == '-';
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        while (*p >= '0' && *p <= '9') {
            ex = ex * 10 + (*p - '0');
            if (ex > 100)
                return -2;
            p++;
        }
        if (eneg)
            ex = -ex;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return -1;
    long scale = frac - ex; /* value = mant / 10^scale */
    int64_t num = mant, den = 1;
    if (mant == 0) {
        out->num = 0;
        out->den = 1;
        return 0;
    }
    while (scale < 0) {
        if (num > INT64_MAX / 10)
            return -2;
        num *= 10;
        scale++;
    }
    /* strip trailing zeros before building the denominator */
    while (scale > 0 && num % 10 == 0) {
        num /= 10;
        scale--;
    }
    if (scale > 18)
        return -2;
    while (scale-- > 0)
        den *= 10;
    int64_t g = gcd64(num, den);
    out->num = (neg ? -num : num) / g;
    out->den = den / g;
    return 0;
}

void double_text(double v, char *buf, size_t n)
{
    if (v > -1e15 && v < 1e15 && v == (double)(long long)v) {
        fmt_text(buf, n, "%lld", (long long)v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        fmt_text(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
    fmt_text(buf, n, "%.17g", v);
}

int64_t muldiv_round(int64_t a, int64_t b, int64_t c)
{
    __int128 p = (__int128)a * b;
    int neg = p < 0;
    if (neg)
        p = -p;
    __int128 q = p / c, rem = p % c;
    if (2 * rem >= c)
        q++;
    if (q > INT64_MAX)
        q = INT64_MAX;
    return neg ? -(int64_t)q : (int64_t)q;
}

int64_t share_least(ratio r, int64_t n)
{
    return (int64_t)(((__int128)r.num * n + r.den - 1) / r.den);
}

int64_t share_most(ratio r, int64_t n)
{
    return (int64_t)(((__int128)r.num * n) / r.den);
}

int64_t ratio_apply(ratio r, int64_t cents)
{
    return muldiv_round(cents, r.num, r.den);
}

/* Writes the decimal digits of v, grouped by 3 with `group` when it is not
 * 0, backwards from end; returns the first character written. */
static char *digits_back(char *end, uint64_t v, char group)
{
    int k = 0;
    do {
        if (group && k && k % 3 == 0)
            *--end = group;
        *--end = (char)('0' + v % 10);
        v /= 10;
        k++;
    } while (v);
    return end;
}

/* money is printed often (every cell of the report): no printf */
static void money_text(int64_t cents, char *buf, size_t n, char sep, char group, const char *tail)
{
    char tmp[64], *end = tmp + 40, *p;
    uint64_t v = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
    end[0] = '\0';
    *--end = (char)('0' + v % 10);
    *--end = (char)('0' + v / 10 % 10);
    *--end = sep;
    p = digits_back(end, v / 100, group);
    if (cents < 0)
        *--p = '-';
    size_t len = (size_t)(tmp + 40 - p), tl = strlen(tail);
    if (!n)
        return;
    if (len + tl + 1 > n) {
        buf[0] = '\0';
        return;
    }
    memcpy(buf, p, len);
    memcpy(buf + len, tail, tl + 1);
}

void fmt_cents(int64_t cents, char *buf, size_t n, char sep)
{
    money_text(cents, buf, n, sep, 0, "");
}

void fmt_eur(int64_t cents, char *buf, size_t n)
{
    money_text(cents, buf, n, '.', ',', " EUR");
}

void fmt_scaled(int64_t v, int scale, char *buf, size_t n)
{
    if (scale <= 0 || scale > 18) {
        fmt_text(buf, n, "%lld", (long long)v);
        return;
    }
    int64_t p = 1;
    for (int i = 0; i < scale; i++)
        p *= 10;
    int neg = v < 0;
    uint64_t a = neg ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
    char frac[32];
    unsigned long long rem = (unsigned long long)(a % (uint64_t)p);
    for (int i = scale - 1; i >= 0; i--) {
        frac[i] = (char)('0' + rem % 10);
        rem /= 10;
    }
    frac[scale] = '\0';
    int fl = scale;
    while (fl > 0 && frac[fl - 1] == '0')
        frac[--fl] = '\0';
    if (fl)
        fmt_text(buf, n, "%s%llu.%s", neg ? "-" : "", (unsigned long long)(a / (uint64_t)p), frac);
    else
        fmt_text(buf, n, "%s%llu", neg ? "-" : "", (unsigned long long)(a / (uint64_t)p));
}

/* Whether s[from..to) are all ASCII digits. */
static int digits_at(const char *s, int from, int to)
{
    for (int k = from; k < to; k++)
        if (!isdigit((unsigned char)s[k]))
            return 0;
    return 1;
}

/* The number the digits s[from..to) write (digits_at() checked). */
static int digits_value(const char *s, int from, int to)
{
    int v = 0;
    for (int k = from; k < to; k++)
        v = v * 10 + (s[k] - '0');
    return v;
}

int parse_year_month(const char *s, int *ym)
{
    if (!s || strlen(s) != 7 || s[4] != '-' || !digits_at(s, 0, 4) || !digits_at(s, 5, 7))
        return -1;
    int y = digits_value(s, 0, 4), m = digits_value(s, 5, 7);
    if (y < 1900 || y > 2999 || m < 1 || m > 12)
        return -1;
    *ym = y * 12 + (m - 1);
    return 0;
}

int parse_date(const char *s, int *y, int *m, int *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int ym;
    if (!s || strlen(s) != 10 || s[7] != '-' || !digits_at(s, 8, 10))
        return -1;
    char head[8];
    memcpy(head, s, 7);
    head[7] = '\0';
    if (parse_year_month(head, &ym) < 0)
        return -1;
    int yy = ym / 12, mm = ym % 12 + 1, dd = digits_value(s, 8, 10);
    int leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    if (dd < 1 || dd > mdays[mm - 1] || (mm == 2 && dd == 29 && !leap))
        return -1;
    *y = yy;
    *m = mm;
    *d = dd;
    return 0;
}

int parse_hhmm(const char *s, int *minutes)
{
    size_t n = s ? strlen(s) : 0;
    if ((n != 4 && n != 5) || s[n - 3] != ':' || !digits_at(s, 0, (int)n - 3) ||
        !digits_at(s, (int)n - 2, (int)n))
        return -1;
    int h = digits_value(s, 0, (int)n - 3), m = digits_value(s, (int)n - 2, (int)n);
    if (h > 24 || m > 59 || (h == 24 && m))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

char *parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
}

char *trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    return s;
}

long utf8_check(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3;
            cp = c & 0x07;
        } else {
            return (long)i;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return (long)i;
        i += k + 1;
    }
    return -1;
}

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int past_deadline(double deadline)
{
    return (deadline > 0 && now_seconds() > deadline) || cohort_interrupted();
}
