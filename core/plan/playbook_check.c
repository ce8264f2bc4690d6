/*
 * playbook_check.c - the shape of `plan.playbook` (docs/playbooks.md, "The
 * filled playbook"), checked when a playbook hook returns it.
 *
 * The document plugin and `plan --format md` read the playbook without
 * re-checking it, and a replacement playbook plugin may return anything, so
 * the host checks here what they rely on: known section ids used once, each
 * section's lists holding records, text where text is printed, and every
 * person as a *who* with a printable `name`.  A text still holding a
 * placeholder ("{{") is refused: a deliverable never shows one.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plan_int.h"

typedef struct {
    char path[200];
    char *err;
} pcheck;

static bool fail(pcheck *c, const char *fmt, ...) WM_PRINTF(2, 3);

static bool fail(pcheck *c, const char *fmt, ...)
{
    char what[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    c->err = wm_xasprintf("%s: %s", c->path, what);
    return false;
}

/* Append ".key" or "[i]" to the path; returns the old length to restore. */
static size_t push(pcheck *c, const char *fmt, ...) WM_PRINTF(2, 3);

static size_t push(pcheck *c, const char *fmt, ...)
{
    size_t len = strlen(c->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->path + len, sizeof c->path - len, fmt, ap);
    va_end(ap);
    return len;
}

static void pop(pcheck *c, size_t len)
{
    c->path[len] = '\0';
}

static bool is_null(const wm_value *v)
{
    return !v || v->kind == WM_VNULL;
}

static bool text_ok(pcheck *c, const wm_value *v, const char *key, bool optional)
{
    size_t at = push(c, ".%s", key);
    bool ok = true;
    if (is_null(v)) {
        if (!optional)
            ok = fail(c, "%s", "missing (expected text)");
    } else if (v->kind != WM_VSTR) {
        ok = fail(c, "expected text, got %s", wm_v_kind_name(v->kind));
    } else if (strstr(v->u.str.s, "{{")) {
        ok = fail(c, "an unfilled placeholder is left in \"%.*s\"", wm_utf8_cut(v->u.str.s, 60),
                  v->u.str.s);
    }
    if (ok)
        pop(c, at);
    return ok;
}

static bool field_text(pcheck *c, const wm_value *obj, const char *key, bool optional)
{
    return text_ok(c, wm_vobj_get(obj, key), key, optional);
}

static bool is_empty_list(const wm_value *v)
{
    return v && v->kind == WM_VARR && v->u.arr.n == 0;
}

static bool who_ok(pcheck *c, const wm_value *v, const char *key, bool optional)
{
    size_t at = push(c, ".%s", key);
    bool ok = true;
    if (is_null(v))
        ok =
            optional || fail(c, "%s", "missing (expected a person: { role, title, person, name })");
    else if (v->kind != WM_VOBJ)
        ok = fail(c, "expected a person { role, title, person, name }, got %s",
                  wm_v_kind_name(v->kind));
    else
        ok = field_text(c, v, "name", false) && field_text(c, v, "role", true) &&
             field_text(c, v, "person", true);
    if (ok)
        pop(c, at);
    return ok;
}

/* A list of texts (absent or empty allowed when `optional`). */
static bool texts_ok(pcheck *c, const wm_value *obj, const char *key, bool optional)
{
    const wm_value *v = wm_vobj_get(obj, key);
    size_t at = push(c, ".%s", key);
    bool ok = true;
    if (is_null(v)) {
        ok = optional || fail(c, "%s", "missing (expected a list of texts)");
    } else if (v->kind != WM_VARR) {
        ok = fail(c, "expected a list of texts, got %s", wm_v_kind_name(v->kind));
    } else {
        for (size_t i = 0; i < v->u.arr.n && ok; i++) {
            char idx[24];
            snprintf(idx, sizeof idx, "[%zu]", i + 1);
            size_t at2 = push(c, "%s", idx);
            const wm_value *s = v->u.arr.items[i];
            if (s->kind != WM_VSTR)
                ok = fail(c, "expected text, got %s", wm_v_kind_name(s->kind));
            else if (strstr(s->u.str.s, "{{"))
                ok = fail(c, "an unfilled placeholder is left in \"%.*s\"",
                          wm_utf8_cut(s->u.str.s, 60), s->u.str.s);
            if (ok)
                pop(c, at2);
        }
    }
    if (ok)
        pop(c, at);
    return ok;
}

typedef bool (*item_fn)(pcheck *c, const wm_value *item);

/* obj.key is a list of records, each checked by fn. */
static bool records_ok(pcheck *c, const wm_value *obj, const char *key, item_fn fn)
{
    const wm_value *v = wm_vobj_get(obj, key);
    size_t at = push(c, ".%s", key);
    if (is_null(v) || v->kind != WM_VARR)
        return fail(c, "expected a list, got %s", v ? wm_v_kind_name(v->kind) : "nothing");
    for (size_t i = 0; i < v->u.arr.n; i++) {
        size_t at2 = push(c, "[%zu]", i + 1);
        const wm_value *item = v->u.arr.items[i];
        if (item->kind != WM_VOBJ)
            return fail(c, "expected a record, got %s", wm_v_kind_name(item->kind));
        if (!fn(c, item))
            return false;
        pop(c, at2);
    }
    pop(c, at);
    return true;
}

static bool role_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "role", false) && field_text(c, it, "title", false) &&
           who_ok(c, wm_vobj_get(it, "who"), "who", false);
}

static bool who_list_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "name", false);
}

static bool ritual_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "name", false) && field_text(c, it, "cadence", false) &&
           field_text(c, it, "purpose", false) &&
           who_ok(c, wm_vobj_get(it, "chair"), "chair", true) &&
           records_ok(c, it, "attendees", who_list_item) && texts_ok(c, it, "others", true) &&
           texts_ok(c, it, "inputs", true) && texts_ok(c, it, "outputs", true);
}

static bool measure_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "name", false) && field_text(c, it, "kind", false) &&
           field_text(c, it, "definition", false) && field_text(c, it, "baseline", true) &&
           field_text(c, it, "target", false) && field_text(c, it, "how_measured", true) &&
           who_ok(c, wm_vobj_get(it, "owner"), "owner", false);
}

static bool gate_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "stage", false) && texts_ok(c, it, "criteria", false) &&
           who_ok(c, wm_vobj_get(it, "sign_off"), "sign_off", false);
}

static bool control_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "name", false) && field_text(c, it, "detail", true) &&
           field_text(c, it, "frequency", false) && field_text(c, it, "evidence", false) &&
           who_ok(c, wm_vobj_get(it, "owner"), "owner", false);
}

static bool group_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "title", false) && records_ok(c, it, "items", control_item);
}

static bool raci_item(pcheck *c, const wm_value *it)
{
    if (!field_text(c, it, "activity", false))
        return false;
    const wm_value *assign = wm_vobj_get(it, "assign");
    if (is_null(assign) || is_empty_list(assign))
        return true;
    size_t at = push(c, ".assign");
    if (assign->kind != WM_VOBJ)
        return fail(c, "expected role = letter, got %s", wm_v_kind_name(assign->kind));
    for (size_t i = 0; i < assign->u.obj.n; i++) {
        const wm_value *l = assign->u.obj.pairs[i].val;
        if (l->kind != WM_VSTR || strlen(l->u.str.s) != 1 || !strchr("RACI", l->u.str.s[0]))
            return fail(c, "'%s' must be one of R, A, C or I", assign->u.obj.pairs[i].key);
    }
    pop(c, at);
    return true;
}

static bool practice_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "name", false) && field_text(c, it, "detail", true) &&
           field_text(c, it, "cadence", false) &&
           who_ok(c, wm_vobj_get(it, "owner"), "owner", false);
}

static bool document_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "document", false) && field_text(c, it, "location", false) &&
           field_text(c, it, "review", false) &&
           who_ok(c, wm_vobj_get(it, "owner"), "owner", false);
}

static bool plan_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "text", false) && who_ok(c, wm_vobj_get(it, "owner"), "owner", false);
}

static bool period_item(pcheck *c, const wm_value *it)
{
    return field_text(c, it, "theme", false) && field_text(c, it, "covers", true) &&
           records_ok(c, it, "items", plan_item) && texts_ok(c, it, "exit_criteria", true);
}

static bool section_ok(pcheck *c, const char *id, const wm_value *s)
{
    if (strcmp(id, "roles") == 0)
        return records_ok(c, s, "items", role_item);
    if (strcmp(id, "rituals") == 0)
        return records_ok(c, s, "items", ritual_item);
    if (strcmp(id, "measures") == 0)
        return records_ok(c, s, "items", measure_item);
    if (strcmp(id, "quality_gates") == 0)
        return records_ok(c, s, "items", gate_item);
    if (strcmp(id, "controls") == 0)
        return records_ok(c, s, "groups", group_item);
    if (strcmp(id, "raci") == 0)
        return records_ok(c, s, "roles", who_list_item) && records_ok(c, s, "items", raci_item) &&
               field_text(c, s, "note", true);
    if (strcmp(id, "vendors") == 0)
        return who_ok(c, wm_vobj_get(s, "owner"), "owner", false) &&
               field_text(c, s, "summary", true) && records_ok(c, s, "items", practice_item);
    if (strcmp(id, "documentation") == 0)
        return records_ok(c, s, "items", document_item);
    /* plan_30_60_90 */
    return field_text(c, s, "summary", true) && records_ok(c, s, "periods", period_item);
}

static const char *const SECTION_IDS[] = {"roles",         "rituals", "measures", "quality_gates",
                                          "controls",      "raci",    "vendors",  "documentation",
                                          "plan_30_60_90", NULL};

bool wm_playbook_check(const wm_value *pb, char **err)
{
    pcheck c = {"playbook", NULL};
    if (is_null(pb))
        return true;
    bool ok = true;
    if (pb->kind != WM_VOBJ) {
        ok = fail(&c, "expected a table { template, title, summary, sections }, got %s",
                  wm_v_kind_name(pb->kind));
    } else {
        ok = field_text(&c, pb, "template", false) && field_text(&c, pb, "title", false) &&
             field_text(&c, pb, "summary", true);
        const wm_value *secs = wm_vobj_get(pb, "sections");
        if (ok && (is_null(secs) || secs->kind != WM_VARR))
            ok = fail(&c, "%s", "sections: expected a list of sections");
        bool seen[sizeof SECTION_IDS / sizeof *SECTION_IDS] = {false};
        for (size_t i = 0; ok && i < secs->u.arr.n; i++) {
            const wm_value *s = secs->u.arr.items[i];
            snprintf(c.path, sizeof c.path, "playbook.sections[%zu]", i + 1);
            const char *id = wm_vobj_str(s, "id");
            int k = -1;
            for (int j = 0; id && SECTION_IDS[j]; j++)
                if (strcmp(id, SECTION_IDS[j]) == 0)
                    k = j;
            if (s->kind != WM_VOBJ || k < 0)
                ok = fail(&c, "%s",
                          "a section needs an 'id', one of roles, rituals, measures, "
                          "quality_gates, controls, raci, vendors, documentation, plan_30_60_90");
            else if (seen[k])
                ok = fail(&c, "the section '%s' is given twice", id);
            else {
                seen[k] = true;
                snprintf(c.path, sizeof c.path, "playbook.sections[%zu] (%s)", i + 1, id);
                ok = field_text(&c, s, "title", false) && section_ok(&c, id, s);
            }
        }
    }
    if (!ok)
        *err = c.err;
    return ok;
}
