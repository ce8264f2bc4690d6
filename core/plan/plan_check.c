/*
 * plan_check.c - what a plugin may put into the plan, and whether the
 * finished plan keeps plan.md's promises.
 *
 * Each field of the plan's schema (stages.def) has a rule (type, range,
 * allowed values, quarters inside the horizon, roles of the team).  Unknown fields are allowed, so
 * plugins can add data for later plugins; fields the host owns (format, client, currency, quarters,
 * plugins) cannot be changed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../load/scalar.h"
#include "plan_int.h"
#include "stages.h"

typedef struct {
    const wm_value *plan;
    const wm_engagement *e;
    char path[300];
    char *err;
} checker;

static bool bad(checker *c, const char *fmt, ...) WM_PRINTF(2, 3);

static bool bad(checker *c, const char *fmt, ...)
{
    char what[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    c->err = wm_xasprintf("%s: %s", c->path, what);
    return false;
}

static bool in_horizon(const checker *c, const char *q)
{
    const wm_value *qs = wm_vobj_get(c->plan, "quarters");
    for (size_t i = 0; qs && i < qs->u.arr.n; i++)
        if (strcmp(qs->u.arr.items[i]->u.str.s, q) == 0)
            return true;
    return false;
}

static bool is_role(const checker *c, const char *r)
{
    return wm_engagement_find_role(c->e, r) != (size_t)-1;
}

static bool is_quarter_text(const char *s)
{
    wm_quarter q;
    return wm_parse_quarter(s, &q);
}

static bool check_value(checker *c, const wm_plan_field *r, const wm_value *v)
{
    if (v->kind == WM_VNULL)
        return true; /* any field may be null until the end (wm_plan_check_final) */
    double x = wm_v_number(v);
    switch (r->rule) {
    case WM_RULE_ANY:
    case WM_RULE_RECORDS:
    case WM_RULE_FIELDS:
    case WM_RULE_BY_QUARTER:
    case WM_RULE_PLAYBOOK:
        return true; /* checked where they are merged */
    case WM_RULE_STR:
        return v->kind == WM_VSTR || bad(c, "expected text, got %s", wm_v_kind_name(v->kind));
    case WM_RULE_INT_POS:
    case WM_RULE_INT_NN:
        if (v->kind != WM_VINT && !(v->kind == WM_VNUM && x == floor(x) && fabs(x) < 1e15)) {
            if (v->kind != WM_VNUM)
                return bad(c, "expected a whole number, got %s", wm_v_kind_name(v->kind));
            /* A fraction is shown, so the author sees which value it was. */
            wm_buf nb;
            wm_buf_init(&nb);
            wm_json_number(&nb, x);
            bad(c, "expected a whole number, got %s", nb.data);
            wm_buf_free(&nb);
            return false;
        }
        return x >= (r->rule == WM_RULE_INT_POS ? 1 : 0) ||
               bad(c, "%s",
                   r->rule == WM_RULE_INT_POS ? "must be 1 or more" : "must not be negative");
    case WM_RULE_NUM:
    case WM_RULE_NUM_NN:
    case WM_RULE_FRACTION:
        if (!wm_v_is_number(v))
            return bad(c, "expected a number, got %s", wm_v_kind_name(v->kind));
        if (r->rule == WM_RULE_NUM_NN && x < 0)
            return bad(c, "%s", "must not be negative");
        if (r->rule == WM_RULE_FRACTION && (x < 0 || x > 1))
            return bad(c, "%s", "must be a fraction between 0 and 1");
        return true;
    case WM_RULE_BOOL:
        return v->kind == WM_VBOOL ||
               bad(c, "expected true or false, got %s", wm_v_kind_name(v->kind));
    case WM_RULE_QUARTER:
        if (v->kind != WM_VSTR || !is_quarter_text(v->u.str.s))
            return bad(c, "%s", "expected a quarter \"YYYY-Qn\"");
        return true;
    case WM_RULE_ENUM:
        if (v->kind == WM_VSTR && wm_plan_field_allows(r, v->u.str.s))
            return true;
        return bad(c, "%s", "is not one of the allowed values");
    case WM_RULE_OBJ:
        return v->kind == WM_VOBJ || (v->kind == WM_VARR && v->u.arr.n == 0) ||
               bad(c, "expected a table of named fields, got %s", wm_v_kind_name(v->kind));
    case WM_RULE_ARR:
        return v->kind == WM_VARR || bad(c, "expected a list, got %s", wm_v_kind_name(v->kind));
    case WM_RULE_STR_LIST:
        if (v->kind != WM_VARR)
            return bad(c, "expected a list, got %s", wm_v_kind_name(v->kind));
        for (size_t i = 0; i < v->u.arr.n; i++)
            if (v->u.arr.items[i]->kind != WM_VSTR)
                return bad(c, "%s", "expected a list of texts");
        return true;
    case WM_RULE_EFFORT:
        if (v->kind == WM_VARR && v->u.arr.n == 0)
            return true;
        if (v->kind != WM_VOBJ)
            return bad(c, "expected role = { o, m, p, mean, sd }, got %s", wm_v_kind_name(v->kind));
        for (size_t i = 0; i < v->u.obj.n; i++) {
            const char *role = v->u.obj.pairs[i].key;
            const wm_value *e = v->u.obj.pairs[i].val;
            if (!is_role(c, role))
                return bad(c, "'%s' is not a role of the team", role);
            static const char *const parts[] = {"o", "m", "p", "mean", "sd"};
            for (int k = 0; k < 5; k++) {
                double n;
                if (!wm_vobj_num(e, parts[k], &n) || n < 0 || !isfinite(n))
                    return bad(c, "each role needs o, m, p, mean and sd as numbers >= 0 (%s)",
                               role);
            }
        }
        return true;
    case WM_RULE_ALLOCATION:
        if (v->kind == WM_VARR && v->u.arr.n == 0)
            return true;
        if (v->kind != WM_VOBJ)
            return bad(c, "expected quarter = { role = days }, got %s", wm_v_kind_name(v->kind));
        for (size_t i = 0; i < v->u.obj.n; i++) {
            const char *q = v->u.obj.pairs[i].key;
            const wm_value *roles = v->u.obj.pairs[i].val;
            if (!in_horizon(c, q))
                return bad(c, "'%s' is not a quarter of the horizon", q);
            if (roles->kind != WM_VOBJ)
                return bad(c, "%s must map roles to days", q);
            for (size_t j = 0; j < roles->u.obj.n; j++) {
                if (!is_role(c, roles->u.obj.pairs[j].key))
                    return bad(c, "'%s' is not a role of the team", roles->u.obj.pairs[j].key);
                const wm_value *d = roles->u.obj.pairs[j].val;
                if (!wm_v_is_number(d) || !(wm_v_number(d) > 0))
                    return bad(c, "%s", "allocations hold positive day counts only");
            }
        }
        return true;
    }
    return true;
}

/* Check the fields of `obj` (a record of kind `rec`) that the schema
 * defines; others are a plugin's own. */
static bool check_fields(checker *c, wm_plan_record rec, const wm_value *obj, size_t base_len)
{
    for (size_t i = 0; i < obj->u.obj.n; i++) {
        const wm_plan_field *r = wm_plan_field_find(rec, obj->u.obj.pairs[i].key);
        if (!r)
            continue;
        snprintf(c->path + base_len, sizeof c->path - base_len, ".%s", r->key);
        if (!check_value(c, r, obj->u.obj.pairs[i].val))
            return false;
    }
    c->path[base_len] = '\0';
    return true;
}

/* Quarter fields must also fall inside the horizon. */
static bool check_horizon_fields(checker *c, wm_plan_record rec, const wm_value *r, size_t base_len)
{
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++) {
        if (f->record != rec || !(f->flags & WM_FIELD_IN_HORIZON))
            continue;
        const char *q = wm_vobj_str(r, f->key);
        if (q && !in_horizon(c, q)) {
            snprintf(c->path + base_len, sizeof c->path - base_len, ".%s", f->key);
            return bad(c, "'%s' is outside the horizon", q);
        }
    }
    return true;
}

/* The kind of record a top-level field of rule RECORDS or FIELDS holds. */
static wm_plan_record record_of(const char *key)
{
    for (int r = WM_REC_TOP + 1; r < WM_REC_COUNT; r++)
        if (strcmp(wm_plan_record_key((wm_plan_record)r), key) == 0)
            return (wm_plan_record)r;
    return WM_REC_TOP;
}

typedef struct {
    const char *id;
    size_t index;
} id_slot;

static int cmp_slot(const void *a, const void *b)
{
    return strcmp(((const id_slot *)a)->id, ((const id_slot *)b)->id);
}

/* Merge records of a keyed list by id. */
static bool merge_records(checker *c, wm_arena *a, wm_value *plan, const char *list,
                          const wm_value *given)
{
    wm_value *have = wm_vobj_get(plan, list);
    wm_plan_record rules = record_of(list);
    if (given->kind != WM_VARR)
        return bad(c, "%s", "expected a list of records with an id");
    size_t n = have->u.arr.n;
    size_t *order = wm_xcalloc(given->u.arr.n + 1, sizeof *order);
    bool *seen = wm_xcalloc(n + 1, sizeof *seen);
    id_slot *ids = wm_xmalloc((n + 1) * sizeof *ids);
    for (size_t k = 0; k < n; k++) {
        ids[k].id = wm_vobj_str(have->u.arr.items[k], "id");
        ids[k].index = k;
    }
    qsort(ids, n, sizeof *ids, cmp_slot);
    bool ok = true, full = given->u.arr.n == n;
    for (size_t i = 0; i < given->u.arr.n && ok; i++) {
        const wm_value *rec = given->u.arr.items[i];
        int len = snprintf(c->path, sizeof c->path, "%s[%zu]", list, i + 1);
        if (rec->kind != WM_VOBJ) {
            ok = bad(c, "expected a record, got %s", wm_v_kind_name(rec->kind));
            break;
        }
        const char *id = wm_vobj_str(rec, "id");
        if (!id) {
            ok = bad(c, "%s", "a record needs its 'id'");
            break;
        }
        id_slot wanted = {id, 0};
        const id_slot *hit = bsearch(&wanted, ids, n, sizeof *ids, cmp_slot);
        size_t at = hit ? hit->index : (size_t)-1;
        if (at == (size_t)-1) {
            ok = bad(c, "no record has the id '%s'", id);
            break;
        }
        if (seen[at])
            full = false;
        seen[at] = true;
        order[i] = at;
        if (!check_fields(c, rules, rec, (size_t)len) ||
            !check_horizon_fields(c, rules, rec, (size_t)len)) {
            ok = false;
            break;
        }
        wm_value *target = have->u.arr.items[at];
        for (size_t f = 0; f < rec->u.obj.n; f++) {
            const char *key = rec->u.obj.pairs[f].key;
            if (strcmp(key, "id") == 0)
                continue;
            wm_value *val = rec->u.obj.pairs[f].val;
            /* An empty Lua table reads back as a list; a field that holds named
             * entries (allocation, effort, score_inputs) stays an object. */
            const wm_plan_field *r = wm_plan_field_find(rules, key);
            if (r &&
                (r->rule == WM_RULE_OBJ || r->rule == WM_RULE_EFFORT ||
                 r->rule == WM_RULE_ALLOCATION) &&
                val->kind == WM_VARR && val->u.arr.n == 0)
                val = wm_vobj(a);
            wm_vobj_set(a, target, key, val);
        }
    }
    if (ok && full && n > 0) { /* every record named once: the result sets the order */
        wm_value **items = wm_xmalloc((n + 1) * sizeof *items);
        for (size_t i = 0; i < n; i++)
            items[i] = have->u.arr.items[order[i]];
        memcpy(have->u.arr.items, items, n * sizeof *items);
        free(items);
    }
    free(order);
    free(seen);
    free(ids);
    return ok;
}

static bool check_by_quarter(checker *c, const wm_value *v)
{
    if (v->kind != WM_VARR)
        return bad(c, "%s", "expected a list, one record per quarter");
    for (size_t i = 0; i < v->u.arr.n; i++) {
        const wm_value *q = v->u.arr.items[i];
        snprintf(c->path, sizeof c->path, "by_quarter[%zu]", i + 1);
        if (q->kind != WM_VOBJ)
            return bad(c, "%s", "expected a record");
        const char *name = wm_vobj_str(q, "quarter");
        if (!name || !in_horizon(c, name))
            return bad(c, "%s", "'quarter' must be a quarter of the horizon");
        static const char *const nums[] = {"labour", "other", "contingency", "cost", NULL};
        for (int k = 0; nums[k]; k++) {
            double x;
            if (wm_vobj_get(q, nums[k]) && (!wm_vobj_num(q, nums[k], &x) || x < 0))
                return bad(c, "'%s' must be a number >= 0", nums[k]);
        }
        const wm_value *roles = wm_vobj_get(q, "roles");
        if (roles && roles->kind == WM_VOBJ)
            for (size_t r = 0; r < roles->u.obj.n; r++)
                if (!is_role(c, roles->u.obj.pairs[r].key))
                    return bad(c, "'%s' is not a role of the team", roles->u.obj.pairs[r].key);
    }
    return true;
}

bool wm_plan_merge(wm_arena *a, wm_value *plan, const wm_value *result, const wm_engagement *e,
                   char **err)
{
    checker c = {plan, e, "", NULL};
    if (result->kind == WM_VARR && result->u.arr.n == 0)
        return true; /* {} */
    if (result->kind != WM_VOBJ) {
        *err = wm_xasprintf("result: a hook returns a table of plan fields (or nothing), not %s",
                            wm_v_kind_name(result->kind));
        return false;
    }
    for (size_t i = 0; i < result->u.obj.n; i++) {
        const char *key = result->u.obj.pairs[i].key;
        const wm_value *v = result->u.obj.pairs[i].val;
        snprintf(c.path, sizeof c.path, "%s", key);
        const wm_plan_field *f = wm_plan_field_find(WM_REC_TOP, key);
        if (f && f->by == WM_BY_HOST) {
            *err = wm_xasprintf("%s: this field belongs to the host and cannot be changed", key);
            return false;
        }
        bool ok = true;
        wm_plan_rule rule = f ? f->rule : WM_RULE_ANY;
        if (rule == WM_RULE_RECORDS) {
            ok = merge_records(&c, a, plan, key, v);
        } else if (rule == WM_RULE_FIELDS) {
            if (v->kind != WM_VOBJ)
                ok = bad(&c, "%s", "expected a table of totals");
            else if ((ok = check_fields(&c, record_of(key), v, strlen(c.path))))
                for (size_t k = 0; k < v->u.obj.n; k++)
                    wm_vobj_set(a, wm_vobj_get(plan, key), v->u.obj.pairs[k].key,
                                v->u.obj.pairs[k].val);
        } else {
            if (rule == WM_RULE_BY_QUARTER)
                ok = check_by_quarter(&c, v);
            else if (rule == WM_RULE_PLAYBOOK)
                ok = wm_playbook_check(v, &c.err);
            else if (f)
                ok = check_value(&c, f, v);
            if (ok)
                wm_vobj_set(a, plan, key, (wm_value *)v);
        }
        if (!ok) {
            *err = c.err;
            return false;
        }
    }
    return true;
}

/* ---- The finished plan ---- */

static bool need(checker *c, const wm_value *rec, const char *key)
{
    const wm_value *v = wm_vobj_get(rec, key);
    if (v && v->kind != WM_VNULL)
        return true;
    c->err =
        wm_xasprintf("%s.%s is missing after every stage ran (no plugin set it)", c->path, key);
    return false;
}

/* Every field of a record of kind `rec` with one of `flags` is set. */
static bool need_all(checker *c, wm_plan_record rec, const wm_value *r, unsigned flags)
{
    for (const wm_plan_field *f = wm_plan_fields; f->key; f++)
        if (f->record == rec && (f->flags & flags) && !need(c, r, f->key))
            return false;
    return true;
}

bool wm_plan_check_final(const wm_value *plan, char **err)
{
    checker c = {plan, NULL, "", NULL};
    const wm_value *inis = wm_vobj_get(plan, "initiatives");
    size_t n = inis->u.arr.n;
    bool *rank_seen = wm_xcalloc(n + 1, sizeof *rank_seen);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        const wm_value *in = inis->u.arr.items[i];
        snprintf(c.path, sizeof c.path, "initiatives[%zu] (%s)", i + 1, wm_vobj_str(in, "id"));
        if (!(ok = need_all(&c, WM_REC_INITIATIVE, in, WM_FIELD_REQUIRED)))
            break;
        double rank = wm_v_number(wm_vobj_get(in, "rank"));
        if (rank < 1 || rank > (double)n || rank_seen[(size_t)rank]) {
            c.err = wm_xasprintf("%s.rank: ranks must be 1..%zu, each used once", c.path, n);
            ok = false;
            break;
        }
        rank_seen[(size_t)rank] = true;
        if (rank != (double)(i + 1)) {
            c.err = wm_xasprintf("%s.rank: initiatives must be in rank order", c.path);
            ok = false;
            break;
        }
        const char *status = wm_vobj_str(in, "status");
        if (strcmp(status, "scheduled") == 0) {
            ok = need_all(&c, WM_REC_INITIATIVE, in, WM_FIELD_IF_SCHEDULED);
            if (ok && strcmp(wm_vobj_str(in, "start"), wm_vobj_str(in, "end")) > 0) {
                c.err = wm_xasprintf("%s: starts after it ends", c.path);
                ok = false;
            }
        } else {
            ok = need_all(&c, WM_REC_INITIATIVE, in, WM_FIELD_IF_DEFERRED);
            for (const wm_plan_field *f = wm_plan_fields; f->key && ok; f++) {
                if (f->record != WM_REC_INITIATIVE || !(f->flags & WM_FIELD_IF_SCHEDULED))
                    continue;
                const wm_value *v = wm_vobj_get(in, f->key);
                if (v && v->kind != WM_VNULL) {
                    c.err = wm_xasprintf("%s.%s must be null for a deferred initiative", c.path,
                                         f->key);
                    ok = false;
                }
            }
        }
    }
    free(rank_seen);
    snprintf(c.path, sizeof c.path, "totals");
    ok = ok && need_all(&c, WM_REC_TOTALS, wm_vobj_get(plan, "totals"), WM_FIELD_REQUIRED);
    const wm_value *objs = wm_vobj_get(plan, "objectives");
    for (size_t i = 0; i < objs->u.arr.n && ok; i++) {
        snprintf(c.path, sizeof c.path, "objectives[%zu]", i + 1);
        ok = need_all(&c, WM_REC_OBJECTIVE, objs->u.arr.items[i], WM_FIELD_REQUIRED);
    }
    const wm_value *risks = wm_vobj_get(plan, "risks");
    for (size_t i = 0; i < risks->u.arr.n && ok; i++) {
        snprintf(c.path, sizeof c.path, "risks[%zu]", i + 1);
        ok = need_all(&c, WM_REC_RISK, risks->u.arr.items[i], WM_FIELD_REQUIRED);
    }
    for (const wm_plan_field *f = wm_plan_fields; f->key && ok; f++)
        if (f->record == WM_REC_TOP && (f->flags & WM_FIELD_REQUIRED)) {
            c.path[0] = '\0';
            const wm_value *v = wm_vobj_get(plan, f->key);
            if (!v || v->kind == WM_VNULL) {
                c.err =
                    wm_xasprintf("%s is missing after every stage ran (no plugin set it)", f->key);
                ok = false;
            }
        }
    const wm_value *bq = wm_vobj_get(plan, "by_quarter");
    if (ok && bq->u.arr.n != wm_vobj_get(plan, "quarters")->u.arr.n) {
        c.err = wm_xstrdup("by_quarter: needs one record per quarter of the horizon");
        ok = false;
    }
    if (!ok)
        *err = c.err;
    return ok;
}
