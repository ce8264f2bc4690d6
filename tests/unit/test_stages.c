/*
 * test_stages.c - the table of the stages and the schema of the plan
 * (core/plan/stages.def) hold together: names unique and found, the
 * defaults, every field's stage, rule and values sensible, every record
 * list and table reachable from a top-level field.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "plan/stages.h"

static void stage_names_are_unique_and_found(void **state)
{
    (void)state;
    for (int s = 0; s < WM_STAGE_COUNT; s++) {
        assert_string_equal(wm_stage_names[s], wm_stages[s].name);
        assert_int_equal(wm_stage_find(wm_stages[s].name), s);
        assert_non_null(wm_stages[s].summary);
        assert_non_null(wm_stages[s].scaffold_does);
        assert_non_null(wm_stages[s].scaffold_part);
    }
    assert_null(wm_stage_names[WM_STAGE_COUNT]);
    assert_int_equal(wm_stage_find("prioritize"), -1);
    assert_int_equal(wm_stage_find(""), -1);
}

static void the_method_is_what_it_was(void **state)
{
    (void)state;
    /* The order and kinds docs/plugins.md promises (a stage added between
     * them keeps it). */
    static const char *const order[] = {"validate", "estimate", "prioritise", "schedule",
                                        "risks",    "playbook", "document"};
    for (size_t i = 1; i < sizeof order / sizeof *order; i++)
        assert_true(wm_stage_find(order[i - 1]) < wm_stage_find(order[i]));
    assert_int_equal(wm_stage_find("validate"), 0);
    assert_int_equal(wm_stage_find("document"), WM_STAGE_COUNT - 1);
    assert_true(wm_stage_exclusive(WM_STAGE_PRIORITISE));
    assert_true(wm_stage_exclusive(WM_STAGE_SCHEDULE));
    assert_false(wm_stage_exclusive(WM_STAGE_RISKS));
    assert_false(wm_stage_exclusive((wm_stage)WM_STAGE_COUNT));
    assert_int_equal(wm_stages[WM_STAGE_VALIDATE].adds, WM_ADDS_DIAGNOSTICS);
    assert_int_equal(wm_stages[WM_STAGE_DOCUMENT].adds, WM_ADDS_SECTIONS);
    assert_null(wm_stages[WM_STAGE_VALIDATE].default_plugin);
    assert_string_equal(wm_stages[WM_STAGE_PRIORITISE].default_plugin, "prioritise/%s");
    assert_string_equal(wm_stages[WM_STAGE_DOCUMENT].default_plugin, "document/standard");
}

static void fields_are_sensible(void **state)
{
    (void)state;
    size_t n = 0;
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++, n++) {
        /* filled by a stage that adds to the plan, by the host or from the file */
        assert_true(
            f->by == WM_BY_HOST || f->by == WM_BY_ENGAGEMENT ||
            (f->by >= 0 && f->by < WM_STAGE_COUNT && wm_stages[f->by].adds == WM_ADDS_PLAN));
        /* each (record, key) once */
        assert_ptr_equal(wm_plan_field_find(f->record, f->key), f);
        /* an enum has values; nothing else does */
        assert_true((f->rule == WM_RULE_ENUM) == (f->values != NULL));
        /* conditions are for initiatives; what a stage fills is not the host's */
        if (f->flags & (WM_FIELD_IF_SCHEDULED | WM_FIELD_IF_DEFERRED))
            assert_int_equal(f->record, WM_REC_INITIATIVE);
        if (f->flags & WM_FIELD_IN_HORIZON)
            assert_int_equal(f->rule, WM_RULE_QUARTER);
        /* records and tables are top-level fields named for their kind */
        if (f->rule == WM_RULE_RECORDS || f->rule == WM_RULE_FIELDS) {
            assert_int_equal(f->record, WM_REC_TOP);
            int found = 0;
            for (int r = WM_REC_TOP + 1; r < WM_REC_COUNT; r++)
                found += strcmp(wm_plan_record_key((wm_plan_record)r), f->key) == 0;
            assert_int_equal(found, 1);
        }
    }
    assert_true(n > 40);
    for (int r = WM_REC_TOP + 1; r < WM_REC_COUNT; r++)
        assert_non_null(wm_plan_field_find(WM_REC_TOP, wm_plan_record_key((wm_plan_record)r)));
    const wm_plan_field *tier = wm_plan_field_find(WM_REC_INITIATIVE, "tier");
    assert_non_null(tier);
    assert_true(wm_plan_field_allows(tier, "must"));
    assert_true(wm_plan_field_allows(tier, "wont"));
    assert_false(wm_plan_field_allows(tier, "mus"));
    assert_false(wm_plan_field_allows(tier, "must should"));
    assert_false(wm_plan_field_allows(tier, ""));
    assert_null(wm_plan_field_find(WM_REC_RISK, "exposure")); /* a plugin's own */
    assert_int_equal(wm_plan_field_find(WM_REC_TOP, "format")->by, WM_BY_HOST);
    assert_int_equal(wm_plan_field_find(WM_REC_TOTALS, "p80")->by, WM_STAGE_RISKS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stage_names_are_unique_and_found),
        cmocka_unit_test(the_method_is_what_it_was),
        cmocka_unit_test(fields_are_sensible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
