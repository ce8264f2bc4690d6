/*
 * test_docdate.c - the document date (core/base/docdate.c): reading
 * SOURCE_DATE_EPOCH strictly, the rules for the date shown and the PDF's
 * dates, and the calendar arithmetic against gmtime.
 */
#define _DEFAULT_SOURCE /* setenv, unsetenv, gmtime_r */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/docdate.h"

static void malformed_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"abc",
                                      "-1",
                                      "+5",
                                      " 12",
                                      "12 ",
                                      "12x",
                                      "1.5",
                                      "1e9",
                                      "0x10",
                                      "253402300800",
                                      "99999999999999999999999",
                                      "\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("SOURCE_DATE_EPOCH", bad[i], 1);
        int64_t v = 42;
        char *err = NULL;
        assert_int_equal(wm_source_date_epoch(&v, &err), -1);
        assert_non_null(err);
        assert_non_null(strstr(err, "which is not a time"));
        free(err);
        wm_docdate d;
        err = NULL;
        assert_false(wm_document_date(NULL, &d, &err));
        free(err);
        wm_date t;
        err = NULL;
        assert_false(wm_today(&t, &err));
        free(err);
    }
    unsetenv("SOURCE_DATE_EPOCH");
}

static void valid_read(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t v;
    } good[] = {{"0", 0}, {"1795000000", 1795000000}, {"0001", 1}, {"253402300799", WM_EPOCH_MAX}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        setenv("SOURCE_DATE_EPOCH", good[i].text, 1);
        int64_t v = -5;
        char *err = NULL;
        assert_int_equal(wm_source_date_epoch(&v, &err), 1);
        assert_null(err);
        assert_int_equal(v, good[i].v);
    }
    setenv("SOURCE_DATE_EPOCH", "", 1);
    int64_t v;
    char *err = NULL;
    assert_int_equal(wm_source_date_epoch(&v, &err), 0); /* empty: not set */
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(wm_source_date_epoch(&v, &err), 0);
}

static void rules(void **state)
{
    (void)state;
    wm_date day = {2026, 11, 24};
    wm_docdate d;
    char *err = NULL;
    unsetenv("SOURCE_DATE_EPOCH");
    /* Undated, no SOURCE_DATE_EPOCH: no date at all, never the clock. */
    assert_true(wm_document_date(NULL, &d, &err));
    assert_false(d.dated);
    assert_true(d.epoch < 0);
    /* Dated: the day, at 00:00 UTC. */
    assert_true(wm_document_date(&day, &d, &err));
    assert_true(d.dated);
    assert_int_equal(d.day.day, 24);
    assert_int_equal(d.epoch, 1795478400); /* 2026-11-24T00:00:00Z */
    /* SOURCE_DATE_EPOCH: the PDF's dates; the day shown stays the engagement's. */
    setenv("SOURCE_DATE_EPOCH", "1795000000", 1); /* 2026-11-18 11:06:40 UTC */
    assert_true(wm_document_date(&day, &d, &err));
    assert_int_equal(d.day.day, 24);
    assert_int_equal(d.epoch, 1795000000);
    assert_true(wm_document_date(NULL, &d, &err));
    assert_true(d.dated);
    assert_int_equal(d.day.year, 2026);
    assert_int_equal(d.day.month, 11);
    assert_int_equal(d.day.day, 18);
    wm_date t;
    assert_true(wm_today(&t, &err));
    assert_int_equal(t.day, 18);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* The arithmetic against gmtime, every 7 hours 13 minutes from 1970 to 9999. */
static void calendar(void **state)
{
    (void)state;
    for (int64_t t = 0; t <= WM_EPOCH_MAX; t += 7 * 3600 + 13 * 60) {
        time_t tt = (time_t)t;
        struct tm tm;
        assert_non_null(gmtime_r(&tt, &tm));
        wm_date d = wm_epoch_date(t);
        assert_int_equal(d.year, tm.tm_year + 1900);
        assert_int_equal(d.month, tm.tm_mon + 1);
        assert_int_equal(d.day, tm.tm_mday);
        assert_int_equal(wm_date_epoch(d), t - (t % 86400));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(malformed_refused),
        cmocka_unit_test(valid_read),
        cmocka_unit_test(rules),
        cmocka_unit_test(calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
