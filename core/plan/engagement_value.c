/*
 * engagement_value.c - the engagement model as plain data for plugins
 * (`ctx.engagement`) and the empty plan the stages fill in, built from the
 * plan's schema (stages.def).
 *
 * Everything ordered is an array (team, objectives, initiatives, effort
 * roles, risks, assessment), so no plugin depends on `pairs` order.  Values
 * the file did not give are absent, except where engagement.md gives a
 * default: `moscow` ("should") and a cost's `recurring` ("once").
 */
#include "plan_int.h"
#include "stages.h"

#include <stdio.h>
#include <string.h>

static const char *const MOSCOW[] = {"must", "should", "could", "wont"};
static const char *const RECURRING[] = {"once", "monthly", "yearly"};
const char *const wm_method_names[] = {"wsjf", "rice", "weighted"};

static void set_str(wm_arena *a, wm_value *o, const char *k, const char *s)
{
    if (s)
        wm_vobj_set(a, o, k, wm_vstr(a, s));
}

static void set_num(wm_arena *a, wm_value *o, const char *k, wm_optnum n)
{
    if (n.set)
        wm_vobj_set(a, o, k, wm_vnum(a, n.v));
}

static void set_quarter(wm_arena *a, wm_value *o, const char *k, wm_quarter q)
{
    char buf[16];
    if (q != WM_NO_QUARTER)
        wm_vobj_set(a, o, k, wm_vstr(a, wm_quarter_format(q, buf, sizeof buf)));
}

static wm_value *ref_ids(wm_arena *a, const wm_ref *refs, size_t n)
{
    wm_value *arr = wm_varr(a);
    for (size_t i = 0; i < n; i++)
        wm_varr_push(a, arr, wm_vstr(a, refs[i].id));
    return arr;
}

static wm_value *strings(wm_arena *a, const char *const *s, size_t n)
{
    wm_value *arr = wm_varr(a);
    for (size_t i = 0; i < n; i++)
        wm_varr_push(a, arr, wm_vstr(a, s[i]));
    return arr;
}

wm_value *wm_ynode_value(wm_arena *a, const wm_ynode *n)
{
    if (!n || wm_ynode_is_null(n))
        return wm_vnull(a);
    wm_value *v;
    switch (n->kind) {
    case WM_YSEQ:
        v = wm_varr(a);
        for (size_t i = 0; i < n->n; i++)
            wm_varr_push(a, v, wm_ynode_value(a, n->items[i]));
        return v;
    case WM_YMAP:
        v = wm_vobj(a);
        for (size_t i = 0; i < n->n; i++)
            wm_vobj_set(a, v, wm_ymap_key(n, i)->text, wm_ynode_value(a, wm_ymap_value(n, i)));
        return v;
    case WM_YSCALAR:
        break;
    }
    return wm_vstrn(a, n->text, n->len);
}

wm_value *wm_engagement_value(wm_arena *a, const wm_engagement *e)
{
    wm_value *root = wm_vobj(a);
    wm_value *client = wm_vobj(a);
    set_str(a, client, "name", e->client.name);
    set_str(a, client, "short_name", e->client.short_name);
    set_str(a, client, "sector", e->client.sector);
    set_str(a, client, "logo", e->client.logo);
    wm_vobj_set(a, root, "client", client);

    wm_value *eng = wm_vobj(a);
    set_str(a, eng, "title", e->engagement.title);
    if (e->engagement.prepared_by.name || e->engagement.prepared_by.role ||
        e->engagement.prepared_by.firm) {
        wm_value *pb = wm_vobj(a);
        set_str(a, pb, "name", e->engagement.prepared_by.name);
        set_str(a, pb, "role", e->engagement.prepared_by.role);
        set_str(a, pb, "firm", e->engagement.prepared_by.firm);
        wm_vobj_set(a, eng, "prepared_by", pb);
    }
    if (e->engagement.date_set) {
        char d[16];
        snprintf(d, sizeof d, "%04d-%02d-%02d", e->engagement.date.year, e->engagement.date.month,
                 e->engagement.date.day);
        set_str(a, eng, "date", d);
    }
    set_str(a, eng, "currency", e->engagement.currency);
    set_quarter(a, eng, "start", e->engagement.start);
    wm_vobj_set(a, eng, "quarters", wm_vint(a, e->engagement.quarters));
    set_str(a, eng, "confidentiality", e->engagement.confidentiality);
    set_str(a, eng, "brand", e->engagement.brand);
    set_str(a, eng, "baseline", e->engagement.baseline);
    wm_vobj_set(a, root, "engagement", eng);

    wm_value *team = wm_varr(a);
    for (size_t i = 0; i < e->n_team; i++) {
        wm_value *r = wm_vobj(a);
        set_str(a, r, "name", e->team[i].name);
        wm_vobj_set(a, r, "rate", wm_vnum(a, e->team[i].rate));
        set_num(a, r, "capacity", e->team[i].capacity);
        wm_varr_push(a, team, r);
    }
    wm_vobj_set(a, root, "team", team);

    wm_value *budget = wm_vobj(a);
    set_num(a, budget, "total", e->budget.total);
    set_num(a, budget, "per_quarter", e->budget.per_quarter);
    set_num(a, budget, "contingency", e->budget.contingency);
    wm_vobj_set(a, root, "budget", budget);

    wm_value *prio = wm_vobj(a);
    wm_vobj_set(a, prio, "method", wm_vstr(a, wm_method_names[e->prioritisation.method]));
    wm_value *weights = wm_vobj(a);
    for (int k = 0; k < WM_SCORE_COUNT; k++)
        set_num(a, weights, wm_score_names[k], e->prioritisation.weights[k]);
    wm_vobj_set(a, prio, "weights", weights);
    wm_vobj_set(a, root, "prioritisation", prio);

    wm_value *objs = wm_varr(a);
    for (size_t i = 0; i < e->n_objectives; i++) {
        const wm_objective *o = &e->objectives[i];
        wm_value *v = wm_vobj(a);
        set_str(a, v, "id", o->id);
        set_str(a, v, "title", o->title);
        set_str(a, v, "description", o->description);
        set_num(a, v, "value", o->value);
        set_quarter(a, v, "deadline", o->deadline);
        wm_vobj_set(a, v, "measures", strings(a, o->measures, o->n_measures));
        wm_varr_push(a, objs, v);
    }
    wm_vobj_set(a, root, "objectives", objs);

    wm_value *inis = wm_varr(a);
    for (size_t i = 0; i < e->n_initiatives; i++) {
        const wm_initiative *in = &e->initiatives[i];
        wm_value *v = wm_vobj(a);
        set_str(a, v, "id", in->id);
        set_str(a, v, "title", in->title);
        set_str(a, v, "summary", in->summary);
        wm_vobj_set(a, v, "objectives", ref_ids(a, in->objectives, in->n_objectives));
        wm_value *effort = wm_varr(a);
        for (size_t j = 0; j < in->n_effort; j++) {
            wm_value *ef = wm_vobj(a);
            set_str(a, ef, "role", in->effort[j].role.id);
            wm_vobj_set(a, ef, "o", wm_vnum(a, in->effort[j].o));
            wm_vobj_set(a, ef, "m", wm_vnum(a, in->effort[j].m));
            wm_vobj_set(a, ef, "p", wm_vnum(a, in->effort[j].p));
            wm_varr_push(a, effort, ef);
        }
        wm_vobj_set(a, v, "effort", effort);
        wm_value *costs = wm_varr(a);
        for (size_t j = 0; j < in->n_costs; j++) {
            wm_value *c = wm_vobj(a);
            set_str(a, c, "item", in->costs[j].item);
            wm_vobj_set(a, c, "amount", wm_vnum(a, in->costs[j].amount));
            wm_vobj_set(a, c, "recurring", wm_vstr(a, RECURRING[in->costs[j].recurring]));
            wm_varr_push(a, costs, c);
        }
        wm_vobj_set(a, v, "costs", costs);
        wm_vobj_set(a, v, "depends_on", ref_ids(a, in->depends_on, in->n_depends_on));
        wm_value *scores = wm_vobj(a);
        for (int k = 0; k < WM_SCORE_COUNT; k++)
            set_num(a, scores, wm_score_names[k], in->scores[k]);
        wm_vobj_set(a, v, "scores", scores);
        wm_vobj_set(a, v, "moscow", wm_vstr(a, MOSCOW[in->moscow]));
        set_quarter(a, v, "earliest", in->earliest);
        set_str(a, v, "owner", in->owner);
        wm_vobj_set(a, v, "tags", strings(a, in->tags, in->n_tags));
        wm_varr_push(a, inis, v);
    }
    wm_vobj_set(a, root, "initiatives", inis);

    wm_value *risks = wm_varr(a);
    for (size_t i = 0; i < e->n_risks; i++) {
        const wm_risk *r = &e->risks[i];
        wm_value *v = wm_vobj(a);
        set_str(a, v, "id", r->id);
        set_str(a, v, "title", r->title);
        wm_vobj_set(a, v, "likelihood", wm_vint(a, r->likelihood));
        wm_vobj_set(a, v, "impact", wm_vint(a, r->impact));
        set_str(a, v, "mitigation", r->mitigation);
        set_str(a, v, "owner", r->owner);
        wm_vobj_set(a, v, "initiatives", ref_ids(a, r->initiatives, r->n_initiatives));
        wm_varr_push(a, risks, v);
    }
    wm_vobj_set(a, root, "risks", risks);

    wm_value *decisions = wm_varr(a);
    for (size_t i = 0; i < e->n_decisions; i++) {
        const wm_decision *d = &e->decisions[i];
        wm_value *v = wm_vobj(a);
        set_str(a, v, "title", d->title);
        set_str(a, v, "detail", d->detail);
        set_quarter(a, v, "needed_by", d->needed_by);
        set_str(a, v, "owner", d->owner);
        wm_varr_push(a, decisions, v);
    }
    wm_vobj_set(a, root, "decisions", decisions);

    /* Every block has quarters, go_live (false unless given), roles (empty
     * unless given) and a reason. */
    wm_value *blocked = wm_varr(a);
    for (size_t i = 0; i < e->n_blocked; i++) {
        const wm_blocked *b = &e->blocked[i];
        wm_value *v = wm_vobj(a), *qs = wm_varr(a);
        char buf[16];
        for (size_t j = 0; j < b->n_quarters; j++)
            wm_varr_push(a, qs, wm_vstr(a, wm_quarter_format(b->quarters[j], buf, sizeof buf)));
        wm_vobj_set(a, v, "quarters", qs);
        wm_vobj_set(a, v, "go_live", wm_vbool(a, b->go_live));
        wm_vobj_set(a, v, "roles", ref_ids(a, b->roles, b->n_roles));
        set_str(a, v, "reason", b->reason);
        wm_varr_push(a, blocked, v);
    }
    wm_vobj_set(a, root, "blocked", blocked);

    wm_value *assess = wm_varr(a);
    for (size_t i = 0; i < e->n_assessment; i++) {
        const wm_maturity *m = &e->assessment[i];
        wm_value *v = wm_vobj(a);
        set_str(a, v, "dimension", m->dimension);
        wm_vobj_set(a, v, "current", wm_vnum(a, m->current));
        if (m->target_set)
            wm_vobj_set(a, v, "target", wm_vnum(a, m->target));
        set_str(a, v, "note", m->note);
        wm_varr_push(a, assess, v);
    }
    wm_vobj_set(a, root, "assessment", assess);

    wm_value *pb = wm_vobj(a);
    set_str(a, pb, "template", e->playbook.template_name);
    wm_value *owners = wm_vobj(a);
    for (size_t i = 0; i < e->playbook.n_owners; i++)
        wm_vobj_set(a, owners, e->playbook.owners[i].role,
                    wm_vstr(a, e->playbook.owners[i].person));
    wm_vobj_set(a, pb, "owners", owners);
    if (e->playbook.extra)
        wm_vobj_set(a, pb, "extra", wm_ynode_value(a, e->playbook.extra));
    wm_vobj_set(a, root, "playbook", pb);

    /* Not a field of the file: the SHA-256 of its bytes, for the document's
     * input checksum. */
    wm_vobj_set(a, root, "input_sha256", wm_vstr(a, wm_engagement_sha256(e)));
    return root;
}

/* A field the engagement gives (WM_BY_ENGAGEMENT), of record `i` of the
 * kind `rec`; NULL for one it does not. */
static wm_value *given(wm_arena *a, const wm_engagement *e, wm_plan_record rec, size_t i,
                       const char *key)
{
    char buf[16];
    if (rec == WM_REC_INITIATIVE) {
        const wm_initiative *in = &e->initiatives[i];
        return strcmp(key, "id") == 0           ? wm_vstr(a, in->id)
               : strcmp(key, "title") == 0      ? wm_vstr(a, in->title)
               : strcmp(key, "depends_on") == 0 ? ref_ids(a, in->depends_on, in->n_depends_on)
                                                : NULL;
    }
    if (rec == WM_REC_OBJECTIVE) {
        const wm_objective *o = &e->objectives[i];
        if (strcmp(key, "deadline") == 0)
            return o->deadline == WM_NO_QUARTER
                       ? wm_vnull(a)
                       : wm_vstr(a, wm_quarter_format(o->deadline, buf, sizeof buf));
        return strcmp(key, "id") == 0      ? wm_vstr(a, o->id)
               : strcmp(key, "title") == 0 ? wm_vstr(a, o->title)
                                           : NULL;
    }
    if (rec == WM_REC_RISK) {
        const wm_risk *r = &e->risks[i];
        return strcmp(key, "id") == 0            ? wm_vstr(a, r->id)
               : strcmp(key, "title") == 0       ? wm_vstr(a, r->title)
               : strcmp(key, "likelihood") == 0  ? wm_vint(a, r->likelihood)
               : strcmp(key, "impact") == 0      ? wm_vint(a, r->impact)
               : strcmp(key, "initiatives") == 0 ? ref_ids(a, r->initiatives, r->n_initiatives)
               : strcmp(key, "mitigation") == 0  ? wm_vstr(a, r->mitigation)
               : strcmp(key, "owner") == 0       ? wm_vstr(a, r->owner)
                                                 : NULL;
    }
    return NULL;
}

/* A record of kind `rec` with every field of the schema: the engagement's
 * where it gives them, null where a stage fills them. */
static wm_value *record(wm_arena *a, const wm_engagement *e, wm_plan_record rec, size_t i)
{
    wm_value *v = wm_vobj(a);
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++) {
        if (f->record != rec)
            continue;
        wm_value *x = f->by == WM_BY_ENGAGEMENT ? given(a, e, rec, i, f->key) : NULL;
        wm_vobj_set(a, v, f->key, x ? x : wm_vnull(a));
    }
    return v;
}

static wm_value *records(wm_arena *a, const wm_engagement *e, wm_plan_record rec)
{
    size_t n = rec == WM_REC_INITIATIVE  ? e->n_initiatives
               : rec == WM_REC_OBJECTIVE ? e->n_objectives
               : rec == WM_REC_RISK      ? e->n_risks
                                         : 0;
    wm_value *arr = wm_varr(a);
    for (size_t i = 0; i < n; i++)
        wm_varr_push(a, arr, record(a, e, rec, i));
    return arr;
}

/* The value a top-level field starts with. */
static wm_value *top_field(wm_arena *a, const wm_engagement *e, const wm_plan_field *f)
{
    char buf[16];
    wm_value *v;
    switch (f->rule) {
    case WM_RULE_RECORDS:
    case WM_RULE_FIELDS:
        for (int r = WM_REC_TOP + 1; r < WM_REC_COUNT; r++)
            if (strcmp(wm_plan_record_key((wm_plan_record)r), f->key) == 0)
                return f->rule == WM_RULE_RECORDS ? records(a, e, (wm_plan_record)r)
                                                  : record(a, e, (wm_plan_record)r, 0);
        return wm_vnull(a);
    case WM_RULE_BY_QUARTER:
        return wm_varr(a);
    default:
        break;
    }
    if (f->by != WM_BY_HOST)
        return wm_vnull(a);
    if (strcmp(f->key, "format") == 0)
        return wm_vstr(a, "waymark-plan/1");
    if (strcmp(f->key, "cut_line") == 0) /* set once the figures are known (cutline.c) */
        return wm_vnull(a);
    if (strcmp(f->key, "client") == 0) {
        v = wm_vobj(a);
        wm_vobj_set(a, v, "name", wm_vstr(a, e->client.name));
        wm_vobj_set(a, v, "short_name", wm_vstr(a, e->client.short_name));
        return v;
    }
    if (strcmp(f->key, "currency") == 0)
        return wm_vstr(a, e->engagement.currency);
    if (strcmp(f->key, "engagement_sha256") == 0)
        return wm_vstr(a, wm_engagement_sha256(e));
    if (strcmp(f->key, "waymark_version") == 0)
        return wm_vstr(a, WM_VERSION);
    if (strcmp(f->key, "changes") == 0)
        return wm_vnull(a); /* from the baseline, before the document stage */
    if (strcmp(f->key, "quarters") == 0) {
        v = wm_varr(a);
        for (int q = 0; q < e->engagement.quarters; q++)
            wm_varr_push(a, v,
                         wm_vstr(a, wm_quarter_format(e->engagement.start + q, buf, sizeof buf)));
        return v;
    }
    return wm_varr(a); /* plugins: filled after the last stage */
}

wm_value *wm_plan_skeleton(wm_arena *a, const wm_engagement *e)
{
    wm_value *plan = wm_vobj(a);
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++)
        if (f->record == WM_REC_TOP)
            wm_vobj_set(a, plan, f->key, top_field(a, e, f));
    if (e->budget.total.set)
        wm_vobj_set(a, wm_vobj_get(plan, "totals"), "budget", wm_vnum(a, e->budget.total.v));
    return plan;
}
