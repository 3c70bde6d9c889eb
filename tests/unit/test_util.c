/* test_util.c - exact numbers: decimal parsing, rounding half away from
 * zero, money formatting, the contract's per-year split. */
#include "internal.h"
#include "testutil.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static void test_parse_decimal(void)
{
    ratio r;
    CU_ASSERT_EQUAL(parse_decimal("0.3", &r), 0);
    CU_ASSERT(r.num == 3 && r.den == 10);
    CU_ASSERT_EQUAL(parse_decimal("4000", &r), 0);
    CU_ASSERT(r.num == 4000 && r.den == 1);
    CU_ASSERT_EQUAL(parse_decimal("3333.33", &r), 0);
    CU_ASSERT(r.num == 333333 && r.den == 100);
    CU_ASSERT_EQUAL(parse_decimal("0.25", &r), 0);
    CU_ASSERT(r.num == 1 && r.den == 4); /* reduced */
    CU_ASSERT_EQUAL(parse_decimal("1e-3", &r), 0);
    CU_ASSERT(r.num == 1 && r.den == 1000);
    CU_ASSERT_EQUAL(parse_decimal("-2.50", &r), 0);
    CU_ASSERT(r.num == -5 && r.den == 2);
    CU_ASSERT_EQUAL(parse_decimal(" 7 ", &r), 0);
    CU_ASSERT(r.num == 7);
    CU_ASSERT_EQUAL(parse_decimal("abc", &r), -1);
    CU_ASSERT_EQUAL(parse_decimal("", &r), -1);
    CU_ASSERT_EQUAL(parse_decimal("1,5", &r), -1);
    CU_ASSERT_EQUAL(parse_decimal("12€", &r), -1);
    CU_ASSERT_EQUAL(parse_decimal("99999999999999999999999", &r), -2);
}

static void test_double_text(void)
{
    char b[64];
    double_text(0.3, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "0.3");
    double_text(1.0 / 3.0, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "0.3333333333333333");
    double_text(1500000, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "1500000");
    double_text(1e20, b, sizeof b); /* beyond long long: no conversion (UB) */
    CU_ASSERT_STRING_EQUAL(b, "1e+20");
    double_text(-2.5, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "-2.5");
}

static void test_rounding(void)
{
    /* half away from zero, exact */
    CU_ASSERT_EQUAL(muldiv_round(5, 1, 2), 3);
    CU_ASSERT_EQUAL(muldiv_round(-5, 1, 2), -3);
    CU_ASSERT_EQUAL(muldiv_round(4999995, 3, 10), 1499999); /* 1499998.5 -> 1499999 */
    CU_ASSERT_EQUAL(muldiv_round(4999994, 3, 10), 1499998); /* 1499998.2 */
    CU_ASSERT_EQUAL(muldiv_round(199998, 1, 12), 16667);    /* 16666.5 -> 16667 */
    /* no overflow on large products */
    CU_ASSERT_EQUAL(muldiv_round(INT64_C(4000000000000), 3000000, 1000000),
                    INT64_C(12000000000000));
    ratio third = {1, 3};
    CU_ASSERT_EQUAL(ratio_apply(third, 100), 33);
    CU_ASSERT_EQUAL(ratio_apply(third, 200), 67);
}

static void test_money_format(void)
{
    char b[64];
    fmt_cents(123456, b, sizeof b, '.');
    CU_ASSERT_STRING_EQUAL(b, "1234.56");
    fmt_cents(5, b, sizeof b, ',');
    CU_ASSERT_STRING_EQUAL(b, "0,05");
    fmt_cents(-250, b, sizeof b, '.');
    CU_ASSERT_STRING_EQUAL(b, "-2.50");
    fmt_eur(4120000, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "41,200.00 EUR");
    fmt_eur(99, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "0.99 EUR");
    fmt_scaled(1755, 1, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "175.5");
    fmt_scaled(1750, 1, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "175");
    fmt_scaled(175, 0, b, sizeof b);
    CU_ASSERT_STRING_EQUAL(b, "175");
}

static void test_utf8(void)
{
    CU_ASSERT_EQUAL(utf8_check("Élise Müller", strlen("Élise Müller")), -1);
    CU_ASSERT_EQUAL(utf8_check("ab\xC3", 3), 2);        /* truncated sequence */
    CU_ASSERT_EQUAL(utf8_check("a\xE9t\xE9", 4), 1);    /* Latin-1, not UTF-8 */
    CU_ASSERT_EQUAL(utf8_check("\xC0\xAF", 2), 0);      /* overlong */
    CU_ASSERT_EQUAL(utf8_check("\xED\xA0\x80", 3), 0);  /* surrogate */
}

static void test_strmap(void)
{
    strmap m;
    sm_init(&m);
    char keys[1000][16];
    for (int i = 0; i < 1000; i++) {
        snprintf(keys[i], sizeof keys[i], "C%04d", i);
        sm_put(&m, keys[i], i);
    }
    int ok = 1;
    for (int i = 0; i < 1000; i++)
        ok &= sm_get(&m, keys[i]) == i;
    CU_ASSERT(ok);
    CU_ASSERT_EQUAL(sm_get(&m, "C9999"), -1);
    sm_free(&m);
}

/* fmt_text and sb_printf give snprintf's bytes and return value, for the
   formats they expand themselves and for those they pass on */
#define SAME_AS_SNPRINTF(n, ...)                                                                \
    do {                                                                                        \
        char want[128], got[128];                                                               \
        memset(want, 'x', sizeof want);                                                         \
        memset(got, 'x', sizeof got);                                                           \
        int lw = snprintf(want, n, __VA_ARGS__);                                                \
        int lg = fmt_text(got, n, __VA_ARGS__);                                                 \
        CU_ASSERT_EQUAL(lw, lg);                                                                \
        CU_ASSERT_EQUAL(memcmp(want, got, sizeof want), 0);                                     \
        sbuf b;                                                                                 \
        sb_init(&b);                                                                            \
        sb_puts(&b, "<");                                                                       \
        sb_printf(&b, __VA_ARGS__);                                                             \
        char full[256];                                                                         \
        full[0] = '<';                                                                          \
        snprintf(full + 1, sizeof full - 1, __VA_ARGS__);                                       \
        CU_ASSERT_STRING_EQUAL(b.s, full);                                                      \
        sb_free(&b);                                                                            \
    } while (0)

static void test_formatting(void)
{
    size_t sizes[] = {128, 1, 0, 5, 12};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        size_t n = sizes[k];
        SAME_AS_SNPRINTF(n, "plain text, no argument");
        SAME_AS_SNPRINTF(n, "%s in place of %s on %s", "P0012", "Zoé Ærø", "D003");
        SAME_AS_SNPRINTF(n, "%d|%d|%d|%d", 0, -1, INT_MAX, INT_MIN);
        SAME_AS_SNPRINTF(n, "%ld %lld %lld", LONG_MIN, LLONG_MAX, LLONG_MIN);
        SAME_AS_SNPRINTF(n, "%u %lu %llu", UINT_MAX, ULONG_MAX, ULLONG_MAX);
        SAME_AS_SNPRINTF(n, "100%% of %c%s%c", '[', "", ']');
        SAME_AS_SNPRINTF(n, "C%d by %s (%s)", 10, "1,234.56 EUR", "programme envelope");
        /* passed on to snprintf */
        SAME_AS_SNPRINTF(n, "%5s|%-6d|%02d|%.2f|%g", "ab", 42, 7, 3.14159, 1e-7);
        SAME_AS_SNPRINTF(n, "%s%+lld%.3s", "x", 5LL, "abcdef");
    }
}

int main(void)
{
    static const test_case cases[] = {{"parse_decimal is exact", test_parse_decimal},
                                      {"double_text is the shortest round trip", test_double_text},
                                      {"rounding half away from zero", test_rounding},
                                      {"money formatting", test_money_format},
                                      {"utf-8 validation", test_utf8},
                                      {"string map", test_strmap},
                                      {"formatting = snprintf", test_formatting},
                                      {NULL, NULL}};
    return run_suite("util", cases);
}
