/*
 * plan_check.c - what a plugin may put into the plan, and whether the
 * finished plan keeps plan.md's promises.
 *
 * Each known field has a rule (type, range, allowed values, quarters inside
 * the horizon, roles of the team).  Unknown fields are allowed, so plugins
 * can add data for later plugins; fields the host owns (format, client,
 * currency, quarters, plugins) cannot be changed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../load/scalar.h"
#include "plan_int.h"

typedef enum {
    R_STR,
    R_INT_POS, /* integer >= 1 */
    R_NUM,
    R_NUM_NN, /* number >= 0 */
    R_FRACTION,
    R_INT_NN,
    R_BOOL,
    R_QUARTER,
    R_ENUM,
    R_OBJ,
    R_ARR,
    R_EFFORT,
    R_ALLOCATION,
    R_STR_LIST
} rule_kind;

typedef struct {
    const char *key;
    rule_kind kind;
    const char *const *values; /* R_ENUM */
} rule;

static const char *const TIERS[] = {"must", "should", "could", "wont", NULL};
static const char *const STATUSES[] = {"scheduled", "deferred", NULL};
static const char *const KINDS[] = {"wont", "dependency", "horizon", "capacity", "budget", NULL};
static const char *const BANDS[] = {"low", "medium", "high", "critical", NULL};

static const rule INITIATIVE_RULES[] = {{"id", R_STR, NULL},
                                        {"title", R_STR, NULL},
                                        {"rank", R_INT_POS, NULL},
                                        {"tier", R_ENUM, TIERS},
                                        {"method", R_STR, NULL},
                                        {"score", R_NUM, NULL},
                                        {"score_inputs", R_OBJ, NULL},
                                        {"effort", R_EFFORT, NULL},
                                        {"effort_days", R_NUM_NN, NULL},
                                        {"labour", R_NUM_NN, NULL},
                                        {"other", R_NUM_NN, NULL},
                                        {"contingency", R_NUM_NN, NULL},
                                        {"cost", R_NUM_NN, NULL},
                                        {"status", R_ENUM, STATUSES},
                                        {"start", R_QUARTER, NULL},
                                        {"end", R_QUARTER, NULL},
                                        {"allocation", R_ALLOCATION, NULL},
                                        {"reason", R_STR, NULL},
                                        {"reason_kind", R_ENUM, KINDS},
                                        {NULL, R_STR, NULL}};

static const rule OBJECTIVE_RULES[] = {
    {"id", R_STR, NULL},           {"title", R_STR, NULL},
    {"deadline", R_QUARTER, NULL}, {"completes", R_QUARTER, NULL},
    {"at_risk", R_BOOL, NULL},     {NULL, R_STR, NULL}};

static const rule RISK_RULES[] = {{"id", R_STR, NULL},
                                  {"title", R_STR, NULL},
                                  {"likelihood", R_INT_POS, NULL},
                                  {"impact", R_INT_POS, NULL},
                                  {"score", R_NUM_NN, NULL},
                                  {"band", R_ENUM, BANDS},
                                  {"initiatives", R_STR_LIST, NULL},
                                  {NULL, R_STR, NULL}};

static const rule TOTALS_RULES[] = {{"labour", R_NUM_NN, NULL},
                                    {"other", R_NUM_NN, NULL},
                                    {"contingency", R_NUM_NN, NULL},
                                    {"cost", R_NUM_NN, NULL},
                                    {"budget", R_NUM_NN, NULL},
                                    {"variance", R_NUM, NULL},
                                    {"p50", R_NUM_NN, NULL},
                                    {"p80", R_NUM_NN, NULL},
                                    {"p90", R_NUM_NN, NULL},
                                    {"p_within_budget", R_FRACTION, NULL},
                                    {"contingency_confidence", R_FRACTION, NULL},
                                    {"scheduled", R_INT_NN, NULL},
                                    {"deferred", R_INT_NN, NULL},
                                    {NULL, R_STR, NULL}};

static const char *const HOST_FIELDS[] = {"format",   "client",  "currency",
                                          "quarters", "plugins", NULL};

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

static bool check_value(checker *c, const rule *r, const wm_value *v)
{
    if (v->kind == WM_VNULL)
        return true; /* any field may be null until the end (wm_plan_check_final) */
    double x = wm_v_number(v);
    switch (r->kind) {
    case R_STR:
        return v->kind == WM_VSTR || bad(c, "expected text, got %s", wm_v_kind_name(v->kind));
    case R_INT_POS:
    case R_INT_NN:
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
        return x >= (r->kind == R_INT_POS ? 1 : 0) ||
               bad(c, "%s", r->kind == R_INT_POS ? "must be 1 or more" : "must not be negative");
    case R_NUM:
    case R_NUM_NN:
    case R_FRACTION:
        if (!wm_v_is_number(v))
            return bad(c, "expected a number, got %s", wm_v_kind_name(v->kind));
        if (r->kind == R_NUM_NN && x < 0)
            return bad(c, "%s", "must not be negative");
        if (r->kind == R_FRACTION && (x < 0 || x > 1))
            return bad(c, "%s", "must be a fraction between 0 and 1");
        return true;
    case R_BOOL:
        return v->kind == WM_VBOOL ||
               bad(c, "expected true or false, got %s", wm_v_kind_name(v->kind));
    case R_QUARTER:
        if (v->kind != WM_VSTR || !is_quarter_text(v->u.str.s))
            return bad(c, "%s", "expected a quarter \"YYYY-Qn\"");
        return true;
    case R_ENUM:
        for (int i = 0; v->kind == WM_VSTR && r->values[i]; i++)
            if (strcmp(v->u.str.s, r->values[i]) == 0)
                return true;
        return bad(c, "%s", "is not one of the allowed values");
    case R_OBJ:
        return v->kind == WM_VOBJ || (v->kind == WM_VARR && v->u.arr.n == 0) ||
               bad(c, "expected a table of named fields, got %s", wm_v_kind_name(v->kind));
    case R_ARR:
        return v->kind == WM_VARR || bad(c, "expected a list, got %s", wm_v_kind_name(v->kind));
    case R_STR_LIST:
        if (v->kind != WM_VARR)
            return bad(c, "expected a list, got %s", wm_v_kind_name(v->kind));
        for (size_t i = 0; i < v->u.arr.n; i++)
            if (v->u.arr.items[i]->kind != WM_VSTR)
                return bad(c, "%s", "expected a list of texts");
        return true;
    case R_EFFORT:
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
    case R_ALLOCATION:
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

static const rule *find_rule(const rule *rules, const char *key)
{
    for (int i = 0; rules[i].key; i++)
        if (strcmp(rules[i].key, key) == 0)
            return &rules[i];
    return NULL;
}

static bool check_fields(checker *c, const rule *rules, const wm_value *obj, size_t base_len)
{
    for (size_t i = 0; i < obj->u.obj.n; i++) {
        const rule *r = find_rule(rules, obj->u.obj.pairs[i].key);
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
static bool check_horizon_fields(checker *c, const wm_value *rec, size_t base_len)
{
    static const char *const keys[] = {"start", "end", "completes", NULL};
    for (int k = 0; keys[k]; k++) {
        const char *q = wm_vobj_str(rec, keys[k]);
        if (q && !in_horizon(c, q)) {
            snprintf(c->path + base_len, sizeof c->path - base_len, ".%s", keys[k]);
            return bad(c, "'%s' is outside the horizon", q);
        }
    }
    return true;
}

static const rule *rules_for(const char *list)
{
    if (strcmp(list, "initiatives") == 0)
        return INITIATIVE_RULES;
    if (strcmp(list, "objectives") == 0)
        return OBJECTIVE_RULES;
    if (strcmp(list, "risks") == 0)
        return RISK_RULES;
    return NULL;
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
    const rule *rules = rules_for(list);
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
            !check_horizon_fields(c, rec, (size_t)len)) {
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
            const rule *r = find_rule(rules, key);
            if (r && (r->kind == R_OBJ || r->kind == R_EFFORT || r->kind == R_ALLOCATION) &&
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
        for (int h = 0; HOST_FIELDS[h]; h++)
            if (strcmp(key, HOST_FIELDS[h]) == 0) {
                *err =
                    wm_xasprintf("%s: this field belongs to the host and cannot be changed", key);
                return false;
            }
        bool ok = true;
        if (rules_for(key)) {
            ok = merge_records(&c, a, plan, key, v);
        } else if (strcmp(key, "totals") == 0) {
            if (v->kind != WM_VOBJ)
                ok = bad(&c, "%s", "expected a table of totals");
            else if ((ok = check_fields(&c, TOTALS_RULES, v, strlen(c.path))))
                for (size_t f = 0; f < v->u.obj.n; f++)
                    wm_vobj_set(a, wm_vobj_get(plan, "totals"), v->u.obj.pairs[f].key,
                                v->u.obj.pairs[f].val);
        } else {
            if (strcmp(key, "by_quarter") == 0)
                ok = check_by_quarter(&c, v);
            else if (strcmp(key, "playbook") == 0 && !wm_playbook_check(v, &c.err))
                ok = false;
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
        static const char *const always[] = {"rank",        "tier",   "method", "effort",
                                             "effort_days", "labour", "other",  "contingency",
                                             "cost",        "status", NULL};
        for (int k = 0; always[k] && ok; k++)
            ok = need(&c, in, always[k]);
        if (!ok)
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
            ok = need(&c, in, "start") && need(&c, in, "end") && need(&c, in, "allocation");
            if (ok && strcmp(wm_vobj_str(in, "start"), wm_vobj_str(in, "end")) > 0) {
                c.err = wm_xasprintf("%s: starts after it ends", c.path);
                ok = false;
            }
        } else {
            ok = need(&c, in, "reason") && need(&c, in, "reason_kind");
            static const char *const nulls[] = {"start", "end", "allocation", NULL};
            for (int k = 0; nulls[k] && ok; k++) {
                const wm_value *v = wm_vobj_get(in, nulls[k]);
                if (v && v->kind != WM_VNULL) {
                    c.err = wm_xasprintf("%s.%s must be null for a deferred initiative", c.path,
                                         nulls[k]);
                    ok = false;
                }
            }
        }
    }
    free(rank_seen);
    const wm_value *totals = wm_vobj_get(plan, "totals");
    snprintf(c.path, sizeof c.path, "totals");
    static const char *const tot[] = {
        "labour",    "other",    "contingency", "cost",
        "p50",       "p80",      "p90",         "contingency_confidence",
        "scheduled", "deferred", NULL};
    for (int k = 0; tot[k] && ok; k++)
        ok = need(&c, totals, tot[k]);
    const wm_value *objs = wm_vobj_get(plan, "objectives");
    for (size_t i = 0; i < objs->u.arr.n && ok; i++) {
        snprintf(c.path, sizeof c.path, "objectives[%zu]", i + 1);
        ok = need(&c, objs->u.arr.items[i], "at_risk");
    }
    const wm_value *risks = wm_vobj_get(plan, "risks");
    for (size_t i = 0; i < risks->u.arr.n && ok; i++) {
        snprintf(c.path, sizeof c.path, "risks[%zu]", i + 1);
        ok = need(&c, risks->u.arr.items[i], "score") && need(&c, risks->u.arr.items[i], "band");
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
