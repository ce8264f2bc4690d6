/*
 * test_scalar.c - strict number, quarter, date and id readings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "load/scalar.h"

static wm_numerr num(const char *s, double *v)
{
    return wm_parse_number(s, strlen(s), v);
}

static void numbers_accepted(void **state)
{
    (void)state;
    double v;
    assert_int_equal(num("12", &v), WM_NUM_OK);
    assert_true(v == 12.0);
    assert_int_equal(num("-3", &v), WM_NUM_OK);
    assert_true(v == -3.0);
    assert_int_equal(num("12.5", &v), WM_NUM_OK);
    assert_true(v == 12.5);
    assert_int_equal(num(".5", &v), WM_NUM_OK);
    assert_true(v == 0.5);
    assert_int_equal(num("1e3", &v), WM_NUM_OK);
    assert_true(v == 1000.0);
    assert_int_equal(num("1E3", &v), WM_NUM_OK);
    assert_true(v == 1000.0);
    assert_int_equal(num("0", &v), WM_NUM_OK);
    assert_int_equal(num("0.25", &v), WM_NUM_OK);
    assert_true(v == 0.25);
    assert_int_equal(num("2.5e-1", &v), WM_NUM_OK);
    assert_true(v == 0.25);
    assert_int_equal(num("-0", &v), WM_NUM_OK);
    assert_false(signbit(v));
}

static void numbers_refused(void **state)
{
    (void)state;
    double v;
    assert_int_equal(num("012", &v), WM_NUM_LEADING_ZERO);
    assert_int_equal(num("-012", &v), WM_NUM_LEADING_ZERO);
    assert_int_equal(num("00.5", &v), WM_NUM_LEADING_ZERO);
    assert_int_equal(num("+5", &v), WM_NUM_PLUS);
    assert_int_equal(num("1_000", &v), WM_NUM_UNDERSCORE);
    assert_int_equal(num("0x1F", &v), WM_NUM_HEX);
    assert_int_equal(num("0o17", &v), WM_NUM_OCTAL);
    assert_int_equal(num("0b101", &v), WM_NUM_BINARY);
    assert_int_equal(num("1:20", &v), WM_NUM_SEXAGESIMAL);
    assert_int_equal(num(".inf", &v), WM_NUM_INF_NAN);
    assert_int_equal(num("-.Inf", &v), WM_NUM_INF_NAN);
    assert_int_equal(num(".NaN", &v), WM_NUM_INF_NAN);
    assert_int_equal(num("1e999", &v), WM_NUM_RANGE);
    assert_int_equal(num("", &v), WM_NUM_EMPTY);
    assert_int_equal(num("ten", &v), WM_NUM_SYNTAX);
    assert_int_equal(num("1e", &v), WM_NUM_SYNTAX);
    assert_int_equal(num(".", &v), WM_NUM_SYNTAX);
    assert_int_equal(num("1.2.3", &v), WM_NUM_SYNTAX);
    assert_int_equal(num("12 ", &v), WM_NUM_SYNTAX);
    assert_int_equal(num("NO", &v), WM_NUM_SYNTAX);
}

static void number_hints(void **state)
{
    (void)state;
    char buf[100];
    assert_string_equal(wm_number_hint(WM_NUM_LEADING_ZERO, "012", buf, sizeof buf),
                        "numbers have no leading zeros: write 12");
    assert_string_equal(wm_number_hint(WM_NUM_LEADING_ZERO, "-007", buf, sizeof buf),
                        "numbers have no leading zeros: write -7");
    assert_string_equal(wm_number_hint(WM_NUM_PLUS, "+5", buf, sizeof buf),
                        "write the number without '+': 5");
}

static void quarters(void **state)
{
    (void)state;
    wm_quarter q;
    char buf[16];
    assert_true(wm_parse_quarter("2027-Q1", &q));
    assert_int_equal(q, 2027 * 4);
    assert_string_equal(wm_quarter_format(q, buf, sizeof buf), "2027-Q1");
    assert_true(wm_parse_quarter("2028-Q4", &q));
    assert_int_equal(q, 2028 * 4 + 3);
    assert_string_equal(wm_quarter_format(q + 1, buf, sizeof buf), "2029-Q1");
    assert_false(wm_parse_quarter("2027-Q5", &q));
    assert_false(wm_parse_quarter("2027-Q0", &q));
    assert_false(wm_parse_quarter("2027Q1", &q));
    assert_false(wm_parse_quarter("Q1-2027", &q));
    assert_false(wm_parse_quarter("2027-q1", &q));
    assert_false(wm_parse_quarter("27-Q1", &q));
}

static void dates(void **state)
{
    (void)state;
    wm_date d;
    assert_true(wm_parse_date("2026-11-20", &d));
    assert_int_equal(d.year, 2026);
    assert_int_equal(d.month, 11);
    assert_int_equal(d.day, 20);
    assert_true(wm_parse_date("2028-02-29", &d));  /* leap year */
    assert_false(wm_parse_date("2026-02-29", &d)); /* not one */
    assert_true(wm_parse_date("2000-02-29", &d));  /* divisible by 400 */
    assert_false(wm_parse_date("1900-02-29", &d)); /* by 100 only */
    assert_false(wm_parse_date("2026-02-30", &d));
    assert_false(wm_parse_date("2026-13-01", &d));
    assert_false(wm_parse_date("2026-1-01", &d));
    assert_false(wm_parse_date("20/11/2026", &d));
}

static void ids(void **state)
{
    (void)state;
    assert_true(wm_valid_id("I1", 2));
    assert_true(wm_valid_id("PLAT-01.a_b", 11));
    assert_true(wm_valid_id("012", 3));
    assert_false(wm_valid_id("I 1", 3));
    assert_false(wm_valid_id("I/1", 3));
    assert_false(wm_valid_id("", 0));
    assert_false(wm_valid_id("Zo\xC3\xAB", 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_accepted),
        cmocka_unit_test(numbers_refused),
        cmocka_unit_test(number_hints),
        cmocka_unit_test(quarters),
        cmocka_unit_test(dates),
        cmocka_unit_test(ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
