/*
 * test_load.c - the engagement loader: typed values as a user wrote them,
 * defaults, resolved references, and errors reported all at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "base/sha256.h"
#include "waymark.h"

static const char *const GOOD =
    "format: waymark/1\n"
    "client:\n"
    "  name: \"Northwind Logistics Ltd\"\n"
    "  short_name: NO\n"
    "engagement:\n"
    "  title: Roadmap\n"
    "  prepared_by: { name: Sam Okafor, role: Fractional CTO, firm: Keel Advisory }\n"
    "  date: 2026-11-20\n"
    "  currency: GBP\n"
    "  start: 2027-Q1\n"
    "  quarters: 8\n"
    "team:\n"
    "  engineer: { rate: 650, capacity: 240 }\n"
    "  vendor: { rate: 900 }\n"
    "budget: { total: 1200000, per_quarter: 220000, contingency: 0.15 }\n"
    "prioritisation: { method: rice, weights: { business_value: 2 } }\n"
    "objectives:\n"
    "  - { id: O1, title: Faster dispatch, value: 5, deadline: 2027-Q4, measures: [p50 under 4h] "
    "}\n"
    "  - { id: \"012\", title: Zoë's objective }\n"
    "initiatives:\n"
    "  - id: I1\n"
    "    title: Event pipeline\n"
    "    objectives: [O1, \"012\"]\n"
    "    effort: { engineer: [40, 60, 110], vendor: 8 }\n"
    "    costs:\n"
    "      - { item: Streaming, amount: 18000, recurring: yearly }\n"
    "      - { item: Licence, amount: .5e3 }\n"
    "    depends_on: [I2]\n"
    "    scores: { business_value: 8, reach: 1200, impact: 2, confidence: 0.8 }\n"
    "    moscow: must\n"
    "    earliest: 2027-Q2\n"
    "    tags: [platform]\n"
    "  - id: I2\n"
    "    title: Zero effort is allowed\n"
    "    objectives: [O1]\n"
    "    effort: { engineer: 0 }\n"
    "risks:\n"
    "  - { id: R1, title: Key person, likelihood: 4, impact: 5, initiatives: [I2] }\n"
    "assessment:\n"
    "  data: { current: 1.5, target: 4, note: Spreadsheets }\n"
    "playbook:\n"
    "  template: standard\n"
    "  owners: { engineering_lead: Priya Shah, sponsor: Claire Donnelly,\n"
    "            product_owner: Tom Ashworth }\n"
    "  extra:\n"
    "plugins:\n"
    "  - ./plugins/ai.lua\n"
    "  - { name: prioritise/rice, config: { days_per_month: 21 } }\n";

static wm_engagement *load(const char *text, wm_diags *d)
{
    wm_diags_init(d);
    return wm_engagement_load_buffer("dir/t.yaml", text, strlen(text), NULL, d);
}

static void typed_values(void **state)
{
    (void)state;
    wm_diags d;
    wm_engagement *e = load(GOOD, &d);
    wm_diags_print(&d, stderr);
    assert_non_null(e);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_string_equal(e->dir, "dir");
    assert_string_equal(e->client.name, "Northwind Logistics Ltd");
    assert_string_equal(e->client.short_name, "NO"); /* not false */
    assert_string_equal(e->engagement.prepared_by.firm, "Keel Advisory");
    assert_int_equal(e->engagement.date.day, 20);
    assert_string_equal(e->engagement.currency, "GBP");
    assert_int_equal(e->engagement.start, 2027 * 4);
    assert_int_equal(e->engagement.quarters, 8);
    assert_int_equal(e->n_team, 2);
    assert_true(e->team[0].capacity.set);
    assert_true(e->team[0].capacity.v == 240);
    assert_false(e->team[1].capacity.set);
    assert_true(e->budget.contingency.v == 0.15);
    assert_int_equal(e->prioritisation.method, WM_PRIO_RICE);
    assert_true(e->prioritisation.weights[WM_SCORE_BUSINESS_VALUE].set);
    assert_false(e->prioritisation.weights[WM_SCORE_RISK_REDUCTION].set);
    assert_string_equal(e->objectives[1].id, "012"); /* not octal 10 */
    assert_int_equal(e->objectives[0].deadline, 2027 * 4 + 3);
    assert_int_equal(e->objectives[1].deadline, WM_NO_QUARTER);

    const wm_initiative *i1 = &e->initiatives[0];
    assert_int_equal(i1->n_effort, 2);
    assert_true(i1->effort[0].o == 40 && i1->effort[0].m == 60 && i1->effort[0].p == 110);
    assert_false(i1->effort[0].single);
    assert_true(i1->effort[1].single && i1->effort[1].m == 8);
    assert_int_equal(i1->effort[1].role.index, 1);
    assert_int_equal(i1->n_costs, 2);
    assert_int_equal(i1->costs[0].recurring, WM_YEARLY);
    assert_int_equal(i1->costs[1].recurring, WM_ONCE); /* the default */
    assert_true(i1->costs[1].amount == 500);
    assert_int_equal(i1->depends_on[0].index, 1);
    assert_int_equal(i1->objectives[1].index, 1);
    assert_true(i1->scores[WM_SCORE_CONFIDENCE].set && i1->scores[WM_SCORE_CONFIDENCE].v == 0.8);
    assert_false(i1->scores[WM_SCORE_TIME_CRITICALITY].set);
    assert_int_equal(i1->moscow, WM_MUST);
    assert_int_equal(i1->earliest, 2027 * 4 + 1);
    assert_int_equal(i1->pos.line, 21);
    assert_int_equal(i1->pos.col, 5);

    const wm_initiative *i2 = &e->initiatives[1];
    assert_int_equal(i2->moscow, WM_SHOULD);
    assert_false(i2->moscow_set);
    assert_true(i2->effort[0].m == 0);
    assert_int_equal(i2->earliest, WM_NO_QUARTER);

    assert_int_equal(e->risks[0].likelihood, 4);
    assert_int_equal(e->risks[0].initiatives[0].index, 1);
    assert_true(e->assessment[0].current == 1.5);
    assert_string_equal(e->playbook.owners[0].person, "Priya Shah");
    assert_null(e->playbook.extra); /* an empty value is absent */
    assert_int_equal(e->n_plugins, 2);
    assert_string_equal(e->plugins[0].name, "./plugins/ai.lua");
    assert_null(e->plugins[0].config);
    assert_non_null(e->plugins[1].config);
    char hex[65];
    wm_sha256_hex(GOOD, strlen(GOOD), hex);
    assert_string_equal(wm_engagement_sha256(e), hex);
    wm_engagement_free(e);
    wm_diags_free(&d);
}

/* Replace the first occurrence of `from` in GOOD with `to`. */
static char *variant(const char *from, const char *to)
{
    const char *at = strstr(GOOD, from);
    assert_non_null(at);
    size_t head = (size_t)(at - GOOD);
    size_t len = strlen(GOOD) - strlen(from) + strlen(to);
    char *s = test_malloc(len + 1);
    memcpy(s, GOOD, head);
    strcpy(s + head, to);
    strcat(s, at + strlen(from));
    return s;
}

static void expect_error(const char *from, const char *to, const char *message, unsigned line,
                         unsigned col)
{
    char *text = variant(from, to);
    wm_diags d;
    wm_engagement *e = load(text, &d);
    assert_null(e);
    wm_diags_sort(&d);
    bool found = false;
    for (size_t i = 0; i < d.count; i++)
        if (strcmp(d.items[i].message, message) == 0) {
            found = true;
            if (d.items[i].pos.line != line || d.items[i].pos.col != col)
                fail_msg("%s: at %u:%u, expected %u:%u", message, d.items[i].pos.line,
                         d.items[i].pos.col, line, col);
        }
    if (!found) {
        wm_diags_print(&d, stderr);
        fail_msg("expected: %s", message);
    }
    wm_diags_free(&d);
    test_free(text);
}

static void errors_with_positions(void **state)
{
    (void)state;
    expect_error("depends_on: [I2]", "depends_on: [I3]",
                 "initiative I1 depends on unknown initiative 'I3' (did you mean 'I2'?)", 28, 18);
    expect_error("engineer: [40, 60, 110]", "engineer: [60, 40, 110]",
                 "'initiative I1 effort.engineer' must have optimistic <= likely <= pessimistic, "
                 "got [60, 40, 110]",
                 24, 25);
    expect_error("quarters: 8", "quarters: 08",
                 "expected a number for 'engagement.quarters', got '08' (leading zero)", 11, 13);
    expect_error("currency: GBP", "currency: GPB", "unknown currency 'GPB'", 9, 13);
    expect_error("vendor: 8 }", "vendr: 8 }",
                 "initiative I1 has effort for unknown role 'vendr' (did you mean 'vendor'?)", 24,
                 40);
    expect_error("effort: { engineer: 0 }", "effort: { engineer: 0 }\n    depends_on: [I1]",
                 "dependency cycle: I1 -> I2 -> I1", 37, 18);
    expect_error("likelihood: 4", "likelihood: 6",
                 "'risk R1 likelihood' must be between 1 and 5, got 6", 38, 46);
}

static void every_error_reported(void **state)
{
    (void)state;
    char *text = variant("quarters: 8", "quarters: 0\n  confidentialty: x");
    wm_diags d;
    assert_null(load(text, &d));
    assert_int_equal(d.errors, 2);
    wm_diags_free(&d);
    test_free(text);
}

static void warnings_do_not_fail(void **state)
{
    (void)state;
    char *text =
        variant("    objectives: [O1]\n    effort: { engineer: 0 }", "    effort: { engineer: 0 }");
    wm_diags d;
    wm_engagement *e = load(text, &d);
    assert_non_null(e);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_string_equal(d.items[0].message, "initiative I2 serves no objective");
    wm_engagement_free(e);
    wm_diags_free(&d);
    test_free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_values),
        cmocka_unit_test(errors_with_positions),
        cmocka_unit_test(every_error_reported),
        cmocka_unit_test(warnings_do_not_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
