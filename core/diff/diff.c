/*
 * diff.c - comparing two plans into a change set (see diff.h and
 * docs/diff.md for the fields).
 *
 * Records are matched by id through an index object per side (value.c
 * hashes the keys of a large object), so a comparison is linear in the
 * size of the plans.
 */
#include "diff.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "diff_int.h"

/* ---- Reading the plans ---- */

const char *wm_diff_plan_problem(wm_arena *a, const wm_value *v)
{
    if (!v || v->kind != WM_VOBJ)
        return "not a Waymark plan: the JSON is not an object";
    const char *format = wm_vobj_str(v, "format");
    if (!format)
        return "not a Waymark plan: it has no 'format' (a plan JSON starts with \"format\": "
               "\"waymark-plan/1\")";
    if (strcmp(format, "waymark-plan/1") == 0) {
        static const char *const LISTS[] = {"initiatives", "objectives", "risks", "plugins"};
        for (size_t i = 0; i < sizeof LISTS / sizeof *LISTS; i++) {
            const wm_value *l = wm_vobj_get(v, LISTS[i]);
            if (l && l->kind != WM_VARR && l->kind != WM_VNULL)
                return wm_arena_strdup(a, "not a Waymark plan: its field is not a list");
        }
        return NULL;
    }
    char *msg;
    if (strncmp(format, "waymark-plan/", 13) == 0)
        msg = wm_xasprintf("the plan's format is '%s', from a newer Waymark: this one (%s) reads "
                           "waymark-plan/1",
                           format, WM_VERSION);
    else
        msg = wm_xasprintf("not a Waymark plan: its format is '%s', not 'waymark-plan/1'", format);
    const char *out = wm_arena_strdup(a, msg);
    free(msg);
    return out;
}

/* ---- Small readers ---- */

static size_t list_len(const wm_value *l)
{
    return l ? l->u.arr.n : 0;
}

static const wm_value *item(const wm_value *l, size_t i)
{
    const wm_value *v = l->u.arr.items[i];
    return v && v->kind == WM_VOBJ ? v : NULL;
}

/* id -> record, for the records of list `key` that have an id. */
static wm_value *index_by_id(wm_arena *a, const wm_value *plan, const char *key)
{
    wm_value *idx = wm_vobj(a);
    const wm_value *l = wm_diff_list(plan, key);
    for (size_t i = 0; i < list_len(l); i++) {
        const wm_value *r = item(l, i);
        const char *id = r ? wm_vobj_str(r, "id") : NULL;
        if (id && !wm_vobj_get(idx, id))
            wm_vobj_set(a, idx, id, (wm_value *)r);
    }
    return idx;
}

/* Whether two leaf values (null, bool, number, string) are the same. */
static bool same_value(const wm_value *x, const wm_value *y)
{
    bool xn = !x || x->kind == WM_VNULL, yn = !y || y->kind == WM_VNULL;
    if (xn || yn)
        return xn && yn;
    if (wm_v_is_number(x) && wm_v_is_number(y))
        return wm_diff_same_number(wm_v_number(x), wm_v_number(y));
    if (x->kind != y->kind)
        return false;
    if (x->kind == WM_VBOOL)
        return x->u.b == y->u.b;
    if (x->kind == WM_VSTR)
        return x->u.str.len == y->u.str.len && memcmp(x->u.str.s, y->u.str.s, x->u.str.len) == 0;
    return true; /* lists and objects are compared field by field elsewhere */
}

static wm_value *copy_or_null(wm_arena *a, const wm_value *v)
{
    return v ? wm_v_copy(a, v) : wm_vnull(a);
}

/* Append {field, old, new} to `changes` when the two differ; whether they
 * did. */
static bool note_field(wm_arena *a, wm_value *changes, const char *field, const wm_value *o,
                       const wm_value *n)
{
    if (same_value(o, n))
        return false;
    wm_value *c = wm_vobj(a);
    wm_vobj_set(a, c, "field", wm_vstr(a, field));
    wm_vobj_set(a, c, "old", copy_or_null(a, o));
    wm_vobj_set(a, c, "new", copy_or_null(a, n));
    wm_varr_push(a, changes, c);
    return true;
}

static const wm_value *get(const wm_value *r, const char *key)
{
    return r ? wm_vobj_get(r, key) : NULL;
}

static bool is_str(const wm_value *r, const char *key, const char *want)
{
    const char *s = r ? wm_vobj_str(r, key) : NULL;
    return s && strcmp(s, want) == 0;
}

/* A quarter of a record as an index (year * 4 + q - 1), or -1. */
static long quarter_of(const wm_value *r, const char *key)
{
    const char *s = r ? wm_vobj_str(r, key) : NULL;
    wm_quarter q;
    return s && wm_parse_quarter(s, &q) ? (long)q : -1;
}

/* "Q3 2027" for a record's quarter field, or NULL. */
static const char *quarter_label(wm_arena *a, const wm_value *r, const char *key)
{
    long q = quarter_of(r, key);
    if (q < 0)
        return NULL;
    char buf[16];
    return wm_arena_strdup(a, wm_quarter_label((wm_quarter)q, buf, sizeof buf));
}

/* ---- Why an initiative moved ---- */

/* Whether list `l` (of ids) holds `id`. */
static bool has_id(const wm_value *l, const char *id)
{
    for (size_t i = 0; l && l->kind == WM_VARR && i < l->u.arr.n; i++) {
        const wm_value *v = l->u.arr.items[i];
        if (v && v->kind == WM_VSTR && strcmp(v->u.str.s, id) == 0)
            return true;
    }
    return false;
}

/* The reason a scheduled initiative's quarters changed, in words: what
 * changed in it (a new dependency, its estimate, its tier or score), then
 * what changed around it (a dependency that moved or was deferred); else
 * the capacity other changes took or freed. */
static const char *move_reason(wm_arena *a, const wm_value *o, const wm_value *n,
                               const wm_value *old_idx, const wm_value *new_idx)
{
    wm_buf b;
    wm_buf_init(&b);
    const wm_value *deps = get(n, "depends_on"), *old_deps = get(o, "depends_on");
    size_t own = 0;
    for (size_t i = 0; deps && deps->kind == WM_VARR && i < deps->u.arr.n; i++) {
        const wm_value *d = deps->u.arr.items[i];
        if (d && d->kind == WM_VSTR && !has_id(old_deps, d->u.str.s))
            wm_buf_printf(&b, "%s%s", own++ ? ", " : "now waits for ", d->u.str.s);
    }
    double ox, nx;
    if (!own && wm_vobj_num(o, "effort_days", &ox) && wm_vobj_num(n, "effort_days", &nx) &&
        !wm_diff_same_number(ox, nx)) {
        wm_buf_printf(&b, "its estimate changed from %.1f to %.1f person-days", ox, nx);
        own++;
    }
    if (!own && !is_str(o, "tier", wm_diff_str(n, "tier", ""))) {
        wm_buf_printf(&b, "its tier changed from %s to %s", wm_diff_str(o, "tier", ""),
                      wm_diff_str(n, "tier", ""));
        own++;
    }
    if (!own && wm_vobj_num(o, "score", &ox) && wm_vobj_num(n, "score", &nx) &&
        !wm_diff_same_number(ox, nx)) {
        wm_buf_printf(&b, "its score changed from %.3g to %.3g", ox, nx);
        own++;
    }
    /* The first dependency it had before that moved or was deferred. */
    for (size_t i = 0; deps && deps->kind == WM_VARR && i < deps->u.arr.n; i++) {
        const wm_value *d = deps->u.arr.items[i];
        if (!d || d->kind != WM_VSTR || !has_id(old_deps, d->u.str.s))
            continue;
        const wm_value *dn = wm_vobj_get(new_idx, d->u.str.s),
                       *dold = wm_vobj_get(old_idx, d->u.str.s);
        if (!dn || !dold)
            continue;
        if (is_str(dn, "status", "deferred") && !is_str(dold, "status", "deferred")) {
            wm_buf_printf(&b, "%swaits for %s, which is now deferred", own ? "; " : "", d->u.str.s);
            break;
        }
        if (quarter_of(dn, "end") != quarter_of(dold, "end") && quarter_of(dn, "end") >= 0) {
            wm_buf_printf(&b, "%swaits for %s, which now ends in %s", own ? "; " : "", d->u.str.s,
                          quarter_label(a, dn, "end"));
            break;
        }
    }
    if (!b.len) {
        long os = quarter_of(o, "start"), ns = quarter_of(n, "start"), oe = quarter_of(o, "end"),
             ne = quarter_of(n, "end");
        bool later = ne > oe || (ne == oe && ns > os);
        wm_buf_puts(&b, later ? "the capacity it needs is taken by other work"
                              : "capacity freed by other changes");
    }
    const char *out = wm_arena_strdup(a, b.data);
    wm_buf_free(&b);
    return out;
}

/* ---- Initiatives ---- */

/* The fields compared, in the order changes are listed. */
static const char *const INITIATIVE_FIELDS[] = {
    "title",  "tier",  "rank",        "score", "status",      "start",      "end",
    "labour", "other", "contingency", "cost",  "effort_days", "reason_kind"};

static void summary_fields(wm_arena *a, wm_value *rec, const wm_value *r)
{
    static const char *const KEYS[] = {"tier", "rank", "status", "start", "end", "cost", "reason"};
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        wm_vobj_set(a, rec, KEYS[i], copy_or_null(a, get(r, KEYS[i])));
}

static wm_value *new_record(wm_arena *a, const char *id, const wm_value *r, const char *change)
{
    wm_value *rec = wm_vobj(a);
    wm_vobj_set(a, rec, "id", wm_vstr(a, id));
    wm_vobj_set(a, rec, "title", copy_or_null(a, get(r, "title")));
    wm_vobj_set(a, rec, "change", wm_vstr(a, change));
    return rec;
}

static void count(wm_arena *a, wm_value *counts, const char *key)
{
    wm_value *c = wm_vobj_get(counts, key);
    wm_vobj_set(a, counts, key, wm_vint(a, (c ? c->u.i : 0) + 1));
}

static void diff_initiatives(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new,
                             wm_value *counts)
{
    wm_value *old_idx = index_by_id(a, old, "initiatives"),
             *new_idx = index_by_id(a, new, "initiatives");
    wm_value *out = wm_varr(a), *added = wm_varr(a), *removed = wm_varr(a);
    const wm_value *nl = wm_diff_list(new, "initiatives"), *ol = wm_diff_list(old, "initiatives");
    for (size_t i = 0; i < list_len(nl); i++) {
        const wm_value *n = item(nl, i);
        const char *id = n ? wm_vobj_str(n, "id") : NULL;
        if (!id || wm_vobj_get(new_idx, id) != n) /* no id, or a second record of one */
            continue;
        const wm_value *o = wm_vobj_get(old_idx, id);
        if (!o) {
            wm_value *rec = new_record(a, id, n, "added");
            summary_fields(a, rec, n);
            wm_varr_push(a, out, rec);
            wm_varr_push(a, added, rec);
            count(a, counts, "added");
            continue;
        }
        wm_value *changes = wm_varr(a);
        for (size_t k = 0; k < sizeof INITIATIVE_FIELDS / sizeof *INITIATIVE_FIELDS; k++)
            note_field(a, changes, INITIATIVE_FIELDS[k], get(o, INITIATIVE_FIELDS[k]),
                       get(n, INITIATIVE_FIELDS[k]));
        /* Dependencies, as lists of ids. */
        const wm_value *od = get(o, "depends_on"), *nd = get(n, "depends_on");
        bool deps_changed = list_len(od && od->kind == WM_VARR ? od : NULL) !=
                            list_len(nd && nd->kind == WM_VARR ? nd : NULL);
        for (size_t k = 0; !deps_changed && nd && nd->kind == WM_VARR && k < nd->u.arr.n; k++) {
            const wm_value *x = nd->u.arr.items[k];
            deps_changed = !x || x->kind != WM_VSTR || !has_id(od, x->u.str.s);
        }
        if (deps_changed) {
            wm_value *c = wm_vobj(a);
            wm_vobj_set(a, c, "field", wm_vstr(a, "depends_on"));
            wm_vobj_set(a, c, "old", copy_or_null(a, od));
            wm_vobj_set(a, c, "new", copy_or_null(a, nd));
            wm_varr_push(a, changes, c);
        }
        if (changes->u.arr.n == 0)
            continue;
        wm_value *rec = new_record(a, id, n, "changed");
        wm_vobj_set(a, rec, "changes", changes);
        summary_fields(a, rec, n);
        /* What the move was and why. */
        bool was_def = is_str(o, "status", "deferred"), is_def = is_str(n, "status", "deferred");
        const char *move = NULL, *reason = NULL;
        if (!was_def && is_def) {
            move = "deferred";
            reason = wm_vobj_str(n, "reason");
        } else if (was_def && !is_def) {
            move = "scheduled";
            const char *why = wm_vobj_str(o, "reason");
            if (why) {
                wm_buf t;
                wm_buf_init(&t);
                wm_buf_printf(&t, "it was deferred: %s", why);
                reason = wm_arena_strdup(a, t.data);
                wm_buf_free(&t);
            }
        } else if (!is_def) {
            long os = quarter_of(o, "start"), ns = quarter_of(n, "start"),
                 oe = quarter_of(o, "end"), ne = quarter_of(n, "end");
            if (os != ns || oe != ne) {
                move = ne > oe || (ne == oe && ns > os) ? "later" : "earlier";
                reason = move_reason(a, o, n, old_idx, new_idx);
            }
        }
        if (strcmp(wm_vobj_str(rec, "title") ? wm_vobj_str(rec, "title") : "",
                   wm_vobj_str(o, "title") ? wm_vobj_str(o, "title") : "") != 0) {
            wm_vobj_set(a, rec, "old_title", copy_or_null(a, get(o, "title")));
            count(a, counts, "renamed");
        }
        wm_vobj_set(a, rec, "move", move ? wm_vstr(a, move) : wm_vnull(a));
        wm_vobj_set(a, rec, "why", reason ? wm_vstr(a, reason) : wm_vnull(a));
        if (move)
            count(a, counts, move);
        if (!is_str(o, "tier", wm_vobj_str(n, "tier") ? wm_vobj_str(n, "tier") : ""))
            count(a, counts, "tier");
        wm_varr_push(a, out, rec);
    }
    for (size_t i = 0; i < list_len(ol); i++) {
        const wm_value *o = item(ol, i);
        const char *id = o ? wm_vobj_str(o, "id") : NULL;
        if (!id || wm_vobj_get(old_idx, id) != o || wm_vobj_get(new_idx, id))
            continue;
        wm_value *rec = new_record(a, id, o, "removed");
        summary_fields(a, rec, o);
        wm_varr_push(a, out, rec);
        wm_varr_push(a, removed, rec);
        count(a, counts, "removed");
    }
    /* A changed id under the same title: perhaps a rename. */
    wm_value *hints = wm_varr(a), *by_title = wm_vobj(a);
    for (size_t i = 0; i < added->u.arr.n; i++) {
        const char *t = wm_vobj_str(added->u.arr.items[i], "title");
        if (t && !wm_vobj_get(by_title, t))
            wm_vobj_set(a, by_title, t, added->u.arr.items[i]);
    }
    for (size_t i = 0; i < removed->u.arr.n; i++) {
        const char *t = wm_vobj_str(removed->u.arr.items[i], "title");
        const wm_value *x = t ? wm_vobj_get(by_title, t) : NULL;
        if (!x)
            continue;
        wm_buf hint;
        wm_buf_init(&hint);
        wm_buf_printf(&hint, "%s removed and %s added have the same title: renamed?",
                      wm_vobj_str(removed->u.arr.items[i], "id"), wm_vobj_str(x, "id"));
        wm_varr_push(a, hints, wm_vstr(a, hint.data));
        wm_buf_free(&hint);
    }
    wm_vobj_set(a, d, "initiatives", out);
    wm_vobj_set(a, d, "hints", hints);
}

/* ---- Totals ---- */

static const char *const TOTAL_FIELDS[] = {
    "cost", "labour", "other",    "contingency",     "p50",       "p80",
    "p90",  "budget", "variance", "p_within_budget", "scheduled", "deferred"};

static void diff_totals(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new)
{
    const wm_value *ot = wm_vobj_get(old, "totals"), *nt = wm_vobj_get(new, "totals");
    wm_value *out = wm_varr(a);
    for (size_t i = 0; i < sizeof TOTAL_FIELDS / sizeof *TOTAL_FIELDS; i++) {
        const wm_value *o = get(ot, TOTAL_FIELDS[i]), *n = get(nt, TOTAL_FIELDS[i]);
        if (same_value(o, n))
            continue;
        wm_value *c = wm_vobj(a);
        wm_vobj_set(a, c, "field", wm_vstr(a, TOTAL_FIELDS[i]));
        wm_vobj_set(a, c, "old", copy_or_null(a, o));
        wm_vobj_set(a, c, "new", copy_or_null(a, n));
        bool both = o && n && wm_v_is_number(o) && wm_v_is_number(n);
        wm_vobj_set(a, c, "delta",
                    both ? wm_vnum(a, wm_v_number(n) - wm_v_number(o)) : wm_vnull(a));
        wm_varr_push(a, out, c);
    }
    wm_vobj_set(a, d, "totals", out);
}

/* ---- Objectives and risks ---- */

static void diff_objectives(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new,
                            wm_value *counts)
{
    wm_value *old_idx = index_by_id(a, old, "objectives"),
             *new_idx = index_by_id(a, new, "objectives");
    wm_value *out = wm_varr(a);
    const wm_value *nl = wm_diff_list(new, "objectives"), *ol = wm_diff_list(old, "objectives");
    static const char *const FIELDS[] = {"title", "deadline", "completes", "at_risk"};
    for (size_t i = 0; i < list_len(nl); i++) {
        const wm_value *n = item(nl, i);
        const char *id = n ? wm_vobj_str(n, "id") : NULL;
        if (!id || wm_vobj_get(new_idx, id) != n)
            continue;
        const wm_value *o = wm_vobj_get(old_idx, id);
        wm_value *rec = new_record(a, id, n, o ? "changed" : "added");
        wm_value *changes = wm_varr(a);
        for (size_t k = 0; o && k < sizeof FIELDS / sizeof *FIELDS; k++)
            note_field(a, changes, FIELDS[k], get(o, FIELDS[k]), get(n, FIELDS[k]));
        if (o && changes->u.arr.n == 0)
            continue;
        wm_vobj_set(a, rec, "changes", changes);
        for (size_t k = 1; k < sizeof FIELDS / sizeof *FIELDS; k++)
            wm_vobj_set(a, rec, FIELDS[k], copy_or_null(a, get(n, FIELDS[k])));
        const wm_value *ar = get(n, "at_risk"), *oar = get(o, "at_risk");
        bool now = ar && ar->kind == WM_VBOOL && ar->u.b;
        bool was = oar && oar->kind == WM_VBOOL && oar->u.b;
        if (o && now && !was)
            count(a, counts, "now_at_risk");
        if (o && !now && was)
            count(a, counts, "now_on_track");
        wm_varr_push(a, out, rec);
    }
    for (size_t i = 0; i < list_len(ol); i++) {
        const wm_value *o = item(ol, i);
        const char *id = o ? wm_vobj_str(o, "id") : NULL;
        if (id && wm_vobj_get(old_idx, id) == o && !wm_vobj_get(new_idx, id))
            wm_varr_push(a, out, new_record(a, id, o, "removed"));
    }
    wm_vobj_set(a, d, "objectives", out);
}

static void diff_risks(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new)
{
    wm_value *old_idx = index_by_id(a, old, "risks"), *new_idx = index_by_id(a, new, "risks");
    wm_value *out = wm_varr(a);
    const wm_value *nl = wm_diff_list(new, "risks"), *ol = wm_diff_list(old, "risks");
    static const char *const FIELDS[] = {"title", "likelihood", "impact", "score", "band"};
    for (size_t i = 0; i < list_len(nl); i++) {
        const wm_value *n = item(nl, i);
        const char *id = n ? wm_vobj_str(n, "id") : NULL;
        if (!id || wm_vobj_get(new_idx, id) != n)
            continue;
        const wm_value *o = wm_vobj_get(old_idx, id);
        wm_value *changes = wm_varr(a);
        for (size_t k = 0; o && k < sizeof FIELDS / sizeof *FIELDS; k++)
            note_field(a, changes, FIELDS[k], get(o, FIELDS[k]), get(n, FIELDS[k]));
        if (o && changes->u.arr.n == 0)
            continue;
        wm_value *rec = new_record(a, id, n, o ? "changed" : "added");
        wm_vobj_set(a, rec, "changes", changes);
        wm_vobj_set(a, rec, "score", copy_or_null(a, get(n, "score")));
        wm_varr_push(a, out, rec);
    }
    for (size_t i = 0; i < list_len(ol); i++) {
        const wm_value *o = item(ol, i);
        const char *id = o ? wm_vobj_str(o, "id") : NULL;
        if (!id || wm_vobj_get(old_idx, id) != o || wm_vobj_get(new_idx, id))
            continue;
        wm_value *rec = new_record(a, id, o, "removed");
        wm_vobj_set(a, rec, "score", copy_or_null(a, get(o, "score")));
        wm_varr_push(a, out, rec);
    }
    wm_vobj_set(a, d, "risks", out);
}

/* ---- The method: plugins and the horizon ---- */

static void diff_method(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new)
{
    wm_value *old_idx = wm_vobj(a), *new_idx = wm_vobj(a), *out = wm_varr(a);
    const wm_value *ol = wm_diff_list(old, "plugins"), *nl = wm_diff_list(new, "plugins");
    for (size_t i = 0; i < list_len(ol); i++) {
        const char *name = item(ol, i) ? wm_vobj_str(item(ol, i), "name") : NULL;
        if (name && !wm_vobj_get(old_idx, name))
            wm_vobj_set(a, old_idx, name, (wm_value *)item(ol, i));
    }
    for (size_t i = 0; i < list_len(nl); i++) {
        const wm_value *n = item(nl, i);
        const char *name = n ? wm_vobj_str(n, "name") : NULL;
        if (!name || wm_vobj_get(new_idx, name))
            continue;
        wm_vobj_set(a, new_idx, name, (wm_value *)n);
        const wm_value *o = wm_vobj_get(old_idx, name);
        const char *change = !o                                                  ? "added"
                             : !same_value(get(o, "version"), get(n, "version")) ? "version"
                             : !same_value(get(o, "sha256"), get(n, "sha256"))   ? "file"
                                                                                 : NULL;
        if (!change)
            continue;
        wm_value *rec = wm_vobj(a);
        wm_vobj_set(a, rec, "plugin", wm_vstr(a, name));
        wm_vobj_set(a, rec, "change", wm_vstr(a, change));
        wm_vobj_set(a, rec, "old", copy_or_null(a, get(o, "version")));
        wm_vobj_set(a, rec, "new", copy_or_null(a, get(n, "version")));
        wm_varr_push(a, out, rec);
    }
    for (size_t i = 0; i < list_len(ol); i++) {
        const wm_value *o = item(ol, i);
        const char *name = o ? wm_vobj_str(o, "name") : NULL;
        if (!name || wm_vobj_get(old_idx, name) != o || wm_vobj_get(new_idx, name))
            continue;
        wm_value *rec = wm_vobj(a);
        wm_vobj_set(a, rec, "plugin", wm_vstr(a, name));
        wm_vobj_set(a, rec, "change", wm_vstr(a, "removed"));
        wm_vobj_set(a, rec, "old", copy_or_null(a, get(o, "version")));
        wm_vobj_set(a, rec, "new", wm_vnull(a));
        wm_varr_push(a, out, rec);
    }
    wm_vobj_set(a, d, "method", out);

    /* The horizon: its first and last quarters. */
    const wm_value *oq = wm_diff_list(old, "quarters"), *nq = wm_diff_list(new, "quarters");
    wm_value *h = wm_vnull(a);
    if (list_len(oq) && list_len(nq) &&
        (!same_value(oq->u.arr.items[0], nq->u.arr.items[0]) ||
         !same_value(oq->u.arr.items[oq->u.arr.n - 1], nq->u.arr.items[nq->u.arr.n - 1]))) {
        h = wm_vobj(a);
        wm_value *o2 = wm_varr(a), *n2 = wm_varr(a);
        wm_varr_push(a, o2, wm_v_copy(a, oq->u.arr.items[0]));
        wm_varr_push(a, o2, wm_v_copy(a, oq->u.arr.items[oq->u.arr.n - 1]));
        wm_varr_push(a, n2, wm_v_copy(a, nq->u.arr.items[0]));
        wm_varr_push(a, n2, wm_v_copy(a, nq->u.arr.items[nq->u.arr.n - 1]));
        wm_vobj_set(a, h, "old", o2);
        wm_vobj_set(a, h, "new", n2);
    }
    wm_vobj_set(a, d, "horizon", h);
}

/* ---- The roadmap's span ---- */

/* [first start, last end] of the scheduled initiatives, or NULL. */
static wm_value *work_span(wm_arena *a, const wm_value *plan)
{
    long first = -1, last = -1;
    const wm_value *l = wm_diff_list(plan, "initiatives");
    for (size_t i = 0; i < list_len(l); i++) {
        const wm_value *r = item(l, i);
        long s = quarter_of(r, "start"), e = quarter_of(r, "end");
        if (!is_str(r, "status", "scheduled") || s < 0 || e < 0)
            continue;
        if (first < 0 || s < first)
            first = s;
        if (last < 0 || e > last)
            last = e;
    }
    if (first < 0)
        return NULL;
    char buf[16];
    wm_value *v = wm_varr(a);
    wm_varr_push(a, v, wm_vstr(a, wm_quarter_format((wm_quarter)first, buf, sizeof buf)));
    wm_varr_push(a, v, wm_vstr(a, wm_quarter_format((wm_quarter)last, buf, sizeof buf)));
    return v;
}

/* `span`: null when the scheduled work starts and ends in the same
 * quarters, else {old, new}, each [first, last] or null (nothing
 * scheduled). */
static void diff_span(wm_arena *a, wm_value *d, const wm_value *old, const wm_value *new)
{
    wm_value *o = work_span(a, old), *n = work_span(a, new);
    bool same = (!o && !n) || (o && n && same_value(o->u.arr.items[0], n->u.arr.items[0]) &&
                               same_value(o->u.arr.items[1], n->u.arr.items[1]));
    if (same) {
        wm_vobj_set(a, d, "span", wm_vnull(a));
        return;
    }
    wm_value *s = wm_vobj(a);
    wm_vobj_set(a, s, "old", o ? o : wm_vnull(a));
    wm_vobj_set(a, s, "new", n ? n : wm_vnull(a));
    wm_vobj_set(a, d, "span", s);
}

/* ---- The whole ---- */

static wm_value *side(wm_arena *a, const wm_value *plan, const char *label)
{
    wm_value *s = wm_vobj(a);
    wm_vobj_set(a, s, "label", wm_vstr(a, label));
    const wm_value *client = wm_vobj_get(plan, "client");
    wm_vobj_set(a, s, "client", copy_or_null(a, get(client, "name")));
    wm_vobj_set(a, s, "engagement_sha256", copy_or_null(a, get(plan, "engagement_sha256")));
    wm_vobj_set(a, s, "waymark_version", copy_or_null(a, get(plan, "waymark_version")));
    return s;
}

wm_value *wm_diff(wm_arena *a, const wm_value *old, const wm_value *new, const char *old_label,
                  const char *new_label)
{
    wm_value *d = wm_vobj(a), *counts = wm_vobj(a);
    wm_vobj_set(a, d, "format", wm_vstr(a, "waymark-diff/1"));
    wm_vobj_set(a, d, "old", side(a, old, old_label));
    wm_vobj_set(a, d, "new", side(a, new, new_label));
    const char *cur = wm_vobj_str(new, "currency");
    wm_vobj_set(a, d, "currency", cur ? wm_vstr(a, cur) : wm_vnull(a));
    wm_vobj_set(a, d, "changed", wm_vbool(a, false));
    wm_vobj_set(a, d, "summary", wm_vnull(a));
    wm_vobj_set(a, d, "counts", counts);
    diff_method(a, d, old, new);
    diff_initiatives(a, d, old, new, counts);
    diff_totals(a, d, old, new);
    diff_span(a, d, old, new);
    diff_objectives(a, d, old, new, counts);
    diff_risks(a, d, old, new);
    static const char *const PARTS[] = {"method", "initiatives", "totals", "objectives", "risks"};
    bool changed =
        wm_vobj_get(d, "horizon")->kind != WM_VNULL || wm_vobj_get(d, "span")->kind != WM_VNULL;
    for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS; i++)
        changed = changed || wm_vobj_get(d, PARTS[i])->u.arr.n > 0;
    wm_vobj_set(a, d, "changed", wm_vbool(a, changed));
    char *s = wm_diff_summary(d);
    wm_vobj_set(a, d, "summary", wm_vstr(a, s));
    free(s);
    return d;
}
