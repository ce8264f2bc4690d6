/*
 * checks.c - what can only be checked with the whole file read: unique ids,
 * references that resolve, dependency cycles, and the warnings of
 * engagement.md (initiatives serving no objective, objectives served by no
 * initiative, a `must` that depends on a `wont`).
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *id;
    size_t index;
    wm_pos pos;
} id_entry;

typedef struct {
    id_entry *items;
    size_t n;
} id_index;

static int cmp_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id); /* byte order, as method.md compares ids */
    if (c)
        return c;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Sort the ids of one kind and report duplicates. */
static id_index build_index(wm_schema *s, const char *kind, size_t n,
                            const char *(*id_of)(const void *, size_t),
                            wm_pos (*pos_of)(const void *, size_t), const void *arr)
{
    id_index ix = {wm_xcalloc(n + 1, sizeof(id_entry)), n};
    for (size_t i = 0; i < n; i++) {
        ix.items[i].id = id_of(arr, i);
        ix.items[i].index = i;
        ix.items[i].pos = pos_of(arr, i);
    }
    qsort(ix.items, n, sizeof *ix.items, cmp_entry);
    for (size_t i = 1; i < n; i++) {
        if (strcmp(ix.items[i].id, ix.items[i - 1].id) != 0)
            continue;
        size_t first = i - 1;
        while (first > 0 && strcmp(ix.items[first - 1].id, ix.items[i].id) == 0)
            first--;
        wm_schema_error(s, ix.items[i].pos, "give each one its own id",
                        "duplicate %s id '%s' (first at line %u, column %u)", kind, ix.items[i].id,
                        ix.items[first].pos.line, ix.items[first].pos.col);
    }
    return ix;
}

static size_t lookup(const id_index *ix, const char *id)
{
    id_entry key = {id, 0, {0, 0}};
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->items[mid].id, key.id);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->n && strcmp(ix->items[lo].id, id) == 0)
        return ix->items[lo].index;
    return (size_t)-1;
}

/* Candidates for "did you mean": every id but the referring item's own. */
typedef struct {
    const id_index *ix;
    const char *self;
} id_view;

static const char *entry_id_except_self(const void *ctx, size_t i)
{
    const id_view *v = ctx;
    const char *id = v->ix->items[i].id;
    return v->self && strcmp(id, v->self) == 0 ? NULL : id;
}

/* Resolve `ref` against `ix`; on failure report "<who> <verb> unknown <kind> 'X'",
 * suggesting the nearest id other than `self` (an item never suggests itself). */
static bool resolve(wm_schema *s, const id_index *ix, wm_ref *ref, const char *who,
                    const char *verb, const char *kind, const char *hint, const char *self)
{
    ref->index = lookup(ix, ref->id);
    if (ref->index != (size_t)-1)
        return true;
    id_view view = {ix, self};
    const char *near = wm_suggest(ref->id, ix->n, entry_id_except_self, &view);
    if (near)
        wm_schema_error(s, ref->pos, hint, "%s %s unknown %s '%s' (did you mean '%s'?)", who, verb,
                        kind, ref->id, near);
    else
        wm_schema_error(s, ref->pos, hint, "%s %s unknown %s '%s'", who, verb, kind, ref->id);
    return false;
}

static void check_repeats(wm_schema *s, const wm_ref *refs, size_t n, const char *who,
                          const char *list)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (refs[i].index != (size_t)-1 && refs[i].index == refs[j].index) {
                wm_schema_error(s, refs[i].pos, "list each one once", "%s lists '%s' twice in %s",
                                who, refs[i].id, list);
                break;
            }
}

/* ---- accessors for build_index ---- */

static const char *obj_id(const void *a, size_t i)
{
    return ((const wm_objective *)a)[i].id;
}
static wm_pos obj_pos(const void *a, size_t i)
{
    return ((const wm_objective *)a)[i].pos;
}
static const char *ini_id(const void *a, size_t i)
{
    return ((const wm_initiative *)a)[i].id;
}
static wm_pos ini_pos(const void *a, size_t i)
{
    return ((const wm_initiative *)a)[i].pos;
}
static const char *risk_id(const void *a, size_t i)
{
    return ((const wm_risk *)a)[i].id;
}
static wm_pos risk_pos(const void *a, size_t i)
{
    return ((const wm_risk *)a)[i].pos;
}
static const char *role_id(const void *a, size_t i)
{
    return ((const wm_role *)a)[i].name;
}
static wm_pos role_pos(const void *a, size_t i)
{
    return ((const wm_role *)a)[i].pos;
}

/* ---- dependency cycles ---- */

/* Depth-first search without recursion (chains can be thousands long).  A
 * back edge closes a cycle, reported once with every id on it. */
static void find_cycles(wm_schema *s, wm_engagement *e)
{
    size_t n = e->n_initiatives;
    unsigned char *state = wm_xcalloc(n + 1, 1); /* 0 new, 1 on the path, 2 done */
    size_t *path = wm_xmalloc((n + 1) * sizeof *path);
    size_t *next = wm_xmalloc((n + 1) * sizeof *next);
    for (size_t root = 0; root < n; root++) {
        if (state[root])
            continue;
        size_t depth = 0;
        path[depth] = root;
        next[depth] = 0;
        state[root] = 1;
        depth++;
        while (depth > 0) {
            size_t u = path[depth - 1];
            const wm_initiative *in = &e->initiatives[u];
            if (next[depth - 1] >= in->n_depends_on) {
                state[u] = 2;
                depth--;
                continue;
            }
            const wm_ref *r = &in->depends_on[next[depth - 1]++];
            size_t v = r->index;
            if (v == (size_t)-1 || v == u)
                continue;
            if (state[v] == 0) {
                state[v] = 1;
                path[depth] = v;
                next[depth] = 0;
                depth++;
            } else if (state[v] == 1) {
                wm_buf b;
                wm_buf_init(&b);
                size_t from = depth;
                while (from > 0 && path[from - 1] != v)
                    from--;
                for (size_t k = from - 1; k < depth; k++)
                    wm_buf_printf(&b, "%s -> ", e->initiatives[path[k]].id);
                wm_buf_puts(&b, e->initiatives[v].id);
                wm_schema_error(
                    s, r->pos,
                    "each initiative depends on the next; remove one of these dependencies",
                    "dependency cycle: %s", b.data);
                wm_buf_free(&b);
            }
        }
    }
    free(state);
    free(path);
    free(next);
}

/* ---- the checks ---- */

/* The most the engagement can cost, in engagement.currency: every
 * initiative at its pessimistic effort times its roles' rates, every cost
 * over the whole horizon (a monthly one three times a quarter, a yearly one
 * a quarter of it, for every quarter), and contingency on top.  Past
 * WM_MONEY_MAX (load.h), the plan's totals would no longer be exact to the
 * cent: refused at the initiative that takes the sum over.  Needs the roles
 * resolved. */
static void check_total_cost(const wm_engagement *e, wm_schema *s)
{
    double quarters = e->engagement.quarters > 0 ? e->engagement.quarters : 40;
    double factor = 1 + (e->budget.contingency.set ? e->budget.contingency.v : 0);
    double total = 0;
    for (size_t i = 0; i < e->n_initiatives; i++) {
        const wm_initiative *in = &e->initiatives[i];
        for (size_t j = 0; j < in->n_effort; j++)
            if (in->effort[j].role.index < e->n_team)
                total += in->effort[j].p * e->team[in->effort[j].role.index].rate;
        for (size_t j = 0; j < in->n_costs; j++) {
            const wm_cost *c = &in->costs[j];
            total += c->recurring == WM_MONTHLY  ? 3 * c->amount * quarters
                     : c->recurring == WM_YEARLY ? c->amount / 4 * quarters
                                                 : c->amount;
        }
        if (total * factor > WM_MONEY_MAX) {
            wm_schema_error(
                s, in->pos,
                "every total must stay at most 10000000000000 (10^13) in engagement.currency to be "
                "exact to the cent; is a rate, an effort or an amount a few digits too long?",
                "initiative %s brings the most the engagement can cost to %.6g, over the limit of "
                "10000000000000",
                in->id, total * factor);
            return;
        }
    }
}

/* A blocked quarter outside the horizon blocks nothing: a warning, not an
 * error, so that a block kept for the next revision of the roadmap (a
 * shorter or later horizon) does not stop the plan. */
static void check_blocked_horizon(const wm_engagement *e, wm_schema *s)
{
    wm_quarter first = e->engagement.start, last = first + e->engagement.quarters - 1;
    if (first == WM_NO_QUARTER)
        return;
    for (size_t i = 0; i < e->n_blocked; i++) {
        const wm_blocked *b = &e->blocked[i];
        for (size_t j = 0; j < b->n_quarters; j++) {
            if (b->quarters[j] >= first && b->quarters[j] <= last)
                continue;
            char q[16], from[16], to[16];
            wm_quarter_format(b->quarters[j], q, sizeof q);
            wm_quarter_format(first, from, sizeof from);
            wm_quarter_format(last, to, sizeof to);
            wm_schema_warning(s, b->quarter_pos[j],
                              "remove it, or change engagement.start or engagement.quarters",
                              "blocked[%zu]: %s is outside the horizon (%s to %s) and blocks "
                              "nothing",
                              i + 1, q, from, to);
        }
    }
}

void wm_load_checks(wm_engagement *e, wm_schema *s, size_t errors_before)
{
    id_index objs = build_index(s, "objective", e->n_objectives, obj_id, obj_pos, e->objectives);
    id_index inis = build_index(s, "initiative", e->n_initiatives, ini_id, ini_pos, e->initiatives);
    id_index risks = build_index(s, "risk", e->n_risks, risk_id, risk_pos, e->risks);
    id_index roles = build_index(s, "team role", e->n_team, role_id, role_pos, e->team);
    free(risks.items);

    size_t *served = wm_xcalloc(e->n_objectives + 1, sizeof *served);
    for (size_t i = 0; i < e->n_initiatives; i++) {
        wm_initiative *in = &e->initiatives[i];
        char who[100];
        snprintf(who, sizeof who, "initiative %s", in->id);
        for (size_t j = 0; j < in->n_objectives; j++)
            if (resolve(s, &objs, &in->objectives[j], who, "serves", "objective", NULL, NULL))
                served[in->objectives[j].index]++;
        check_repeats(s, in->objectives, in->n_objectives, who, "objectives");
        for (size_t j = 0; j < in->n_effort; j++) {
            resolve(s, &roles, &in->effort[j].role, who, "has effort for", "role",
                    "roles are defined under 'team'", NULL);
        }
        for (size_t j = 0; j < in->n_depends_on; j++) {
            wm_ref *r = &in->depends_on[j];
            if (resolve(s, &inis, r, who, "depends on", "initiative", NULL, in->id) &&
                r->index == i)
                wm_schema_error(s, r->pos, "remove it from depends_on", "%s depends on itself",
                                who);
        }
        check_repeats(s, in->depends_on, in->n_depends_on, who, "depends_on");
    }
    for (size_t i = 0; i < e->n_risks; i++) {
        wm_risk *r = &e->risks[i];
        char who[100];
        snprintf(who, sizeof who, "risk %s", r->id);
        for (size_t j = 0; j < r->n_initiatives; j++)
            resolve(s, &inis, &r->initiatives[j], who, "is mitigated by", "initiative", NULL, NULL);
        check_repeats(s, r->initiatives, r->n_initiatives, who, "initiatives");
    }
    for (size_t i = 0; i < e->n_blocked; i++) {
        wm_blocked *b = &e->blocked[i];
        char who[40];
        snprintf(who, sizeof who, "blocked[%zu]", i + 1);
        for (size_t j = 0; j < b->n_roles; j++)
            resolve(s, &roles, &b->roles[j], who, "names", "role", "roles are defined under 'team'",
                    NULL);
        check_repeats(s, b->roles, b->n_roles, who, "roles");
    }
    find_cycles(s, e); /* skips references that did not resolve */
    if (s->diags->errors == errors_before)
        check_total_cost(e, s);

    /* Warnings only for a file that is otherwise valid: next to errors they
     * are mostly echoes of them (an item dropped for a bad id "serves" none). */
    if (s->diags->errors > errors_before) {
        free(served);
        free(objs.items);
        free(inis.items);
        free(roles.items);
        return;
    }
    for (size_t i = 0; i < e->n_initiatives; i++) {
        const wm_initiative *in = &e->initiatives[i];
        if (in->n_objectives == 0)
            wm_schema_warning(s, in->pos, "list the objectives it serves under 'objectives'",
                              "initiative %s serves no objective", in->id);
        if (in->moscow_set && in->moscow == WM_MUST) {
            for (size_t j = 0; j < in->n_depends_on; j++) {
                size_t d = in->depends_on[j].index;
                if (d != (size_t)-1 && e->initiatives[d].moscow_set &&
                    e->initiatives[d].moscow == WM_WONT)
                    wm_schema_warning(s, in->depends_on[j].pos,
                                      "a wont is deferred, and so will this must be",
                                      "must-have initiative %s depends on %s, which is a wont",
                                      in->id, e->initiatives[d].id);
            }
        }
    }
    check_blocked_horizon(e, s);
    for (size_t i = 0; i < e->n_objectives; i++)
        if (!served[i])
            wm_schema_warning(s, e->objectives[i].pos,
                              "list it under 'objectives' of the initiatives that serve it",
                              "objective %s is served by no initiative", e->objectives[i].id);
    free(served);
    free(objs.items);
    free(inis.items);
    free(roles.items);
}
