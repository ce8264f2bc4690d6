/*
 * test_playbook.c - the playbook template loader (core/load/playbook*.c):
 * the ctx.playbook value of the samples' shipped templates, shaped as
 * docs/playbooks.md says (roles a list in file order, typed booleans and
 * integers, absent optional fields absent, placeholders kept), and
 * `playbook.extra` applied.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../core/base/value.h"
#include "../../core/waymark.h"

static const wm_value *get(const wm_value *v, const char *key)
{
    const wm_value *x = wm_vobj_get(v, key);
    assert_non_null(x);
    return x;
}

static const wm_value *item(const wm_value *arr, size_t i)
{
    assert_int_equal(arr->kind, WM_VARR);
    assert_true(i < arr->u.arr.n);
    return arr->u.arr.items[i];
}

static const char *str(const wm_value *v, const char *key)
{
    const wm_value *x = get(v, key);
    assert_int_equal(x->kind, WM_VSTR);
    return x->u.str.s;
}

static int64_t integer(const wm_value *v, const char *key)
{
    const wm_value *x = get(v, key);
    assert_int_equal(x->kind, WM_VINT);
    return x->u.i;
}

static bool boolean(const wm_value *v, const char *key)
{
    const wm_value *x = get(v, key);
    assert_int_equal(x->kind, WM_VBOOL);
    return x->u.b;
}

/* The entry of list `arr` whose `field` is `id`. */
static const wm_value *by(const wm_value *arr, const char *field, const char *id)
{
    for (size_t i = 0; i < arr->u.arr.n; i++) {
        const char *s = wm_vobj_str(arr->u.arr.items[i], field);
        if (s && strcmp(s, id) == 0)
            return arr->u.arr.items[i];
    }
    fail_msg("no entry with %s '%s'", field, id);
    return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static wm_engagement *load_sample(const char *name, wm_diags *d)
{
    char path[512];
    snprintf(path, sizeof path, "%s/samples/%s.yaml", WM_SOURCE_DIR_TEST, name);
    wm_diags_init(d);
    wm_engagement *e = wm_engagement_load(path, NULL, d);
    wm_diags_print(d, stderr);
    assert_non_null(e);
    assert_non_null(e->playbook.loaded);
    return e;
}

static void standard_sample(void **state)
{
    (void)state;
    wm_diags d;
    wm_engagement *e = load_sample("saas-scaleup", &d);
    const wm_value *pb = e->playbook.loaded;
    assert_string_equal(str(pb, "name"), "standard");
    assert_true(ends_with(str(pb, "file"), "/playbooks/standard.yaml"));
    assert_string_equal(str(pb, "file"), e->playbook.file);
    assert_string_equal(str(get(pb, "owners"), "sponsor"), "Claire Donnelly");
    assert_string_equal(str(get(pb, "locations"), "wiki"), "the engineering wiki");

    const wm_value *t = get(pb, "template");
    assert_string_equal(str(t, "format"), "waymark-playbook/1");
    assert_string_equal(str(t, "name"), "standard");
    assert_non_null(strstr(str(t, "summary"), "{{client.short_name}}"));

    /* Roles: a list in file order, booleans typed, absent fallback absent. */
    const wm_value *roles = get(t, "roles");
    assert_int_equal(roles->u.arr.n, 7);
    static const char *const order[] = {"sponsor",          "product_owner", "engineering_lead",
                                        "delivery_manager", "security_lead", "platform_lead",
                                        "data_lead"};
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(str(item(roles, i), "key"), order[i]);
    assert_true(boolean(item(roles, 0), "required"));
    assert_null(wm_vobj_get(item(roles, 0), "fallback"));
    assert_false(boolean(item(roles, 3), "required"));
    assert_string_equal(str(item(roles, 3), "fallback"), "engineering_lead");

    /* Measures: baseline null is absent, reviewed_in kept, for_each kept. */
    const wm_value *measures = get(t, "measures");
    const wm_value *df = by(measures, "id", "deployment_frequency");
    assert_string_equal(str(df, "kind"), "dora");
    assert_null(wm_vobj_get(df, "baseline"));
    assert_null(wm_vobj_get(df, "for_each"));
    assert_string_equal(str(df, "reviewed_in"), "delivery_review");
    const wm_value *om = by(measures, "id", "objective_measures");
    assert_string_equal(str(om, "for_each"), "objective_measure");
    assert_string_equal(str(om, "target"), "{{objective.measure}}, by {{objective.deadline}}");

    /* Quality gates and controls: for_each and select preserved. */
    const wm_value *gate = by(get(t, "quality_gates"), "id", "initiative_go_live");
    assert_string_equal(str(gate, "for_each"), "initiative");
    assert_null(wm_vobj_get(gate, "select"));
    const wm_value *controls = get(t, "controls");
    assert_int_equal(controls->kind, WM_VOBJ);
    assert_int_equal(controls->u.obj.n, 4);
    assert_string_equal(controls->u.obj.pairs[0].key, "risk");
    assert_string_equal(controls->u.obj.pairs[3].key, "continuity");
    const wm_value *top = by(get(controls, "risk"), "id", "top_risk_mitigation");
    assert_string_equal(str(top, "for_each"), "risk");
    assert_string_equal(str(get(top, "select"), "min_band"), "high");
    assert_int_equal(integer(get(top, "select"), "limit"), 5);

    /* RACI: columns in order, assign as given. */
    const wm_value *raci = get(t, "raci");
    assert_string_equal(item(get(raci, "roles"), 0)->u.str.s, "sponsor");
    assert_null(wm_vobj_get(raci, "note"));
    const wm_value *budget = by(get(raci, "activities"), "id", "budget");
    assert_string_equal(str(get(budget, "assign"), "sponsor"), "A");
    assert_null(wm_vobj_get(get(budget, "assign"), "platform_lead"));

    /* The plan: integers, items, a for_each item keeping its placeholders. */
    const wm_value *periods = get(get(t, "plan_30_60_90"), "periods");
    assert_int_equal(periods->u.arr.n, 3);
    const wm_value *p2 = item(periods, 1);
    assert_string_equal(str(p2, "id"), "days_31_60");
    assert_int_equal(integer(p2, "from"), 31);
    assert_int_equal(integer(p2, "to"), 60);
    const wm_value *items = get(item(periods, 0), "items");
    const wm_value *rep = item(items, items->u.arr.n - 1);
    assert_string_equal(str(rep, "for_each"), "initiative");
    assert_string_equal(str(get(rep, "select"), "starts"), "first");
    assert_int_equal(integer(get(rep, "select"), "limit"), 5);
    assert_string_equal(str(rep, "owner"), "{{initiative.owner}}");
    assert_non_null(strstr(str(rep, "text"), "{{initiative.title}}"));
    assert_string_equal(str(by(get(t, "documentation"), "id", "roadmap"), "location"),
                        "{{location:drive}}");

    wm_engagement_free(e);
    wm_diags_free(&d);
}

static void remediation_sample(void **state)
{
    (void)state;
    wm_diags d;
    wm_engagement *e = load_sample("troubled-delivery", &d);
    const wm_value *pb = e->playbook.loaded;
    assert_string_equal(str(pb, "name"), "remediation");
    assert_true(ends_with(str(pb, "file"), "remediation.yaml"));
    const wm_value *roles = get(get(pb, "template"), "roles");
    assert_string_equal(str(item(roles, 3), "key"), "delivery_manager");
    assert_true(boolean(item(roles, 3), "required"));
    const wm_value *qa = by(roles, "key", "qa_lead");
    assert_false(boolean(qa, "required"));
    assert_string_equal(str(qa, "fallback"), "product_owner");
    /* independent_of: the builders it checks, in file order */
    const wm_value *ind = get(qa, "independent_of");
    assert_int_equal(ind->u.arr.n, 3);
    assert_string_equal(item(ind, 0)->u.str.s, "engineering_lead");
    assert_string_equal(item(ind, 2)->u.str.s, "platform_lead");
    assert_null(wm_vobj_get(by(roles, "key", "sponsor"), "independent_of"));
    assert_null(wm_vobj_get(get(pb, "owners"), "qa_lead")); /* owners as given */
    const wm_value *period = item(get(get(get(pb, "template"), "plan_30_60_90"), "periods"), 2);
    assert_int_equal(integer(period, "from"), 61);
    assert_int_equal(integer(period, "to"), 90);
    wm_engagement_free(e);
    wm_diags_free(&d);
}

/* An engagement on tests/playbook/playbooks/good.yaml, with `extra`. */
static const char ENGAGEMENT[] = "format: waymark/1\n"
                                 "client: { name: Harbour Test Ltd }\n"
                                 "engagement: { currency: GBP, start: 2027-Q1, quarters: 4 }\n"
                                 "team: { engineer: { rate: 500 } }\n"
                                 "objectives: [{ id: O1, title: Keep customers }]\n"
                                 "initiatives:\n"
                                 "  - { id: A, title: Alpha, objectives: [O1],\n"
                                 "      effort: { engineer: 10 } }\n"
                                 "playbook:\n"
                                 "  template: good\n"
                                 "  owners: { sponsor: Ana Sponsor, lead: Lee Lead }\n";

static wm_engagement *load_text(const char *extra, wm_diags *d)
{
    char name[512];
    snprintf(name, sizeof name, "%s/tests/playbook/unit.yaml", WM_SOURCE_DIR_TEST);
    size_t n = strlen(ENGAGEMENT) + strlen(extra) + 1;
    char *text = test_malloc(n);
    snprintf(text, n, "%s%s", ENGAGEMENT, extra);
    wm_diags_init(d);
    wm_engagement *e = wm_engagement_load_buffer(name, text, strlen(text), NULL, d);
    test_free(text);
    return e;
}

static void extra_applied(void **state)
{
    (void)state;
    wm_diags d;
    wm_engagement *e =
        load_text("  extra:\n"
                  "    locations: { wiki: \"Confluence, space ENG\", tracker: Jira }\n"
                  "    roles:\n"
                  "      ops: { title: Ops lead, description: Runs it., required: "
                  "true }\n"
                  "    rituals:\n"
                  "      - id: weekly\n"
                  "        name: Weekly delivery review\n"
                  "        cadence: weekly\n"
                  "        attendees: [lead, ops]\n"
                  "        purpose: \"Notes in {{location:tracker}}\"\n"
                  "        inputs: [status]\n"
                  "        outputs: [decisions]\n"
                  "    measures:\n"
                  "      - id: deployment_frequency\n"
                  "        kind: dora\n"
                  "        name: Deployment frequency\n"
                  "        definition: Deploys per week.\n"
                  "        baseline: 2 a week\n"
                  "        target: Daily\n"
                  "        how_measured: Pipeline events.\n"
                  "        owner: ops\n"
                  "    plan_30_60_90:\n"
                  "      periods:\n"
                  "        - id: days_31_60\n"
                  "          items:\n"
                  "            - { for_each: initiative, select: { starts: next },\n"
                  "                text: \"Ready {{initiative.id}}\", owner: lead }\n"
                  "    omit: [restore, raci.activities.deploy]\n",
                  &d);
    /* ops is now required and unmapped. */
    assert_null(e);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].message, "playbook.owners does not name the required role "
                                            "'ops' (Ops lead) of template 'good'");
    wm_diags_free(&d);

    e = load_text("  extra:\n"
                  "    locations: { wiki: \"Confluence, space ENG\", tracker: Jira }\n"
                  "    rituals:\n"
                  "      - id: weekly\n"
                  "        name: Weekly delivery review\n"
                  "        cadence: weekly\n"
                  "        attendees: [lead, ops]\n"
                  "        purpose: \"Notes in {{location:tracker}}\"\n"
                  "        inputs: [status]\n"
                  "        outputs: [decisions]\n"
                  "    measures:\n"
                  "      - id: deployment_frequency\n"
                  "        kind: dora\n"
                  "        name: Deployment frequency\n"
                  "        definition: Deploys per week.\n"
                  "        baseline: 2 a week\n"
                  "        target: Daily\n"
                  "        how_measured: Pipeline events.\n"
                  "        owner: ops\n"
                  "      - id: flow_efficiency\n"
                  "        kind: flow\n"
                  "        name: Flow efficiency\n"
                  "        definition: Active over elapsed time.\n"
                  "        baseline: null\n"
                  "        target: Over 40%\n"
                  "        how_measured: Tracker.\n"
                  "        owner: lead\n"
                  "    plan_30_60_90:\n"
                  "      periods:\n"
                  "        - id: days_31_60\n"
                  "          items:\n"
                  "            - { for_each: initiative, select: { starts: next },\n"
                  "                text: \"Ready {{initiative.id}}\", owner: lead }\n"
                  "    omit: [restore, raci.activities.deploy]\n",
                  &d);
    wm_diags_print(&d, stderr);
    assert_non_null(e);
    const wm_value *pb = e->playbook.loaded;
    assert_non_null(pb);
    assert_string_equal(str(pb, "name"), "good");
    assert_true(ends_with(str(pb, "file"), "tests/playbook/playbooks/good.yaml"));

    /* Locations: replaced by key, added, in the template's value too. */
    const wm_value *loc = get(pb, "locations");
    assert_string_equal(str(loc, "wiki"), "Confluence, space ENG");
    assert_string_equal(str(loc, "drive"), "the drive");
    assert_string_equal(str(loc, "tracker"), "Jira");
    assert_string_equal(loc->u.obj.pairs[2].key, "tracker");
    const wm_value *t = get(pb, "template");
    assert_string_equal(str(get(t, "locations"), "wiki"), "Confluence, space ENG");

    /* An entry replaced whole, in place; a new one appended. */
    const wm_value *rituals = get(t, "rituals");
    assert_int_equal(rituals->u.arr.n, 1);
    assert_string_equal(str(item(rituals, 0), "name"), "Weekly delivery review");
    assert_null(wm_vobj_get(item(rituals, 0), "chair"));
    const wm_value *measures = get(t, "measures");
    assert_int_equal(measures->u.arr.n, 6);
    assert_string_equal(str(item(measures, 0), "id"), "deployment_frequency");
    assert_string_equal(str(item(measures, 0), "baseline"), "2 a week");
    assert_null(wm_vobj_get(item(measures, 0), "reviewed_in"));
    assert_string_equal(str(item(measures, 5), "id"), "flow_efficiency");

    /* Omitted: a control (its group stays, empty) and a RACI row. */
    const wm_value *continuity = get(get(t, "controls"), "continuity");
    assert_int_equal(continuity->kind, WM_VARR);
    assert_int_equal(continuity->u.arr.n, 0);
    const wm_value *activities = get(get(t, "raci"), "activities");
    assert_int_equal(activities->u.arr.n, 1);
    assert_string_equal(str(item(activities, 0), "id"), "budget");

    /* A period's items appended. */
    const wm_value *items = get(item(get(get(t, "plan_30_60_90"), "periods"), 1), "items");
    assert_int_equal(items->u.arr.n, 2);
    assert_string_equal(str(item(items, 1), "for_each"), "initiative");
    assert_string_equal(str(get(item(items, 1), "select"), "starts"), "next");
    assert_string_equal(str(get(pb, "owners"), "lead"), "Lee Lead");
    wm_engagement_free(e);
    wm_diags_free(&d);
}

static void no_playbook_block(void **state)
{
    (void)state;
    wm_diags d;
    const char *text = "format: waymark/1\n"
                       "client: { name: X }\n"
                       "engagement: { currency: GBP, start: 2027-Q1, quarters: 4 }\n"
                       "team: { engineer: { rate: 500 } }\n"
                       "objectives: [{ id: O1, title: T }]\n"
                       "initiatives: [{ id: A, title: A, objectives: [O1], effort: { engineer: "
                       "1 } }]\n";
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load_buffer("x.yaml", text, strlen(text), NULL, &d);
    assert_non_null(e);
    assert_null(e->playbook.loaded);
    assert_null(e->playbook.file);
    wm_engagement_free(e);
    wm_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(standard_sample),
        cmocka_unit_test(remediation_sample),
        cmocka_unit_test(extra_applied),
        cmocka_unit_test(no_playbook_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
