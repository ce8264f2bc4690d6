/*
 * testrun.c - the plugin test runner (`waymark test-plugin`, and
 * `waymark new-plugin` recording its scaffold's expected result): run a
 * plugin's test engagements through the real pipeline and compare what the
 * plugin contributed with the expected result recorded beside each one.
 *
 * The convention: DIR holds the plugin (init.lua, DIR-NAME.lua, or its only
 * *.lua not starting with '_'); every DIR/test/NAME.yaml (NAME not starting
 * with '_') is a test engagement that lists the plugin in `plugins:`, and
 * its expected result is DIR/test/NAME.expected.json, or
 * DIR/test/expected.json for test/engagement.yaml.
 *
 * What the plugin contributed, by the stages it has hooks for (the plan's
 * schema, stages.def, says which stage fills which field):
 *   validate   the warnings and errors its validate hook reported
 *   plan stages
 *              the plan fields of those stages it filled: for exclusive
 *              stages (the plugin replaces the default) every field of the
 *              stage; for the others the fields whose values differ from a
 *              second run without the plugin; plus fields of its own (not in
 *              the schema) that the plugin added
 *   document   the sections it added (those a run without it lacks)
 * The engagement without the plugin is the same model with its `plugins:`
 * entry left out.
 *
 * Every path, id and name printed is shown with control characters escaped
 * (wm_buf_put_shown), as diagnostics show them.
 *
 * Ownership: each case builds its values in its own arena and frees it; the
 * plans and engagements are freed with their *_free functions.
 */
#define _XOPEN_SOURCE 700
#include "testrun.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/file.h"
#include "../base/json.h"
#include "../base/paths.h"
#include "plan.h"
#include "plugin.h"
#include "stages.h"

#define MAX_EXPECTED_BYTES (64u << 20)
#define MAX_DIFFS_SHOWN    30
#define VALUE_SHOWN_CHARS  100

/* `s` with control characters escaped, for a message; the caller frees. */
static char *esc(const char *s)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_put_shown(&b, s, strlen(s), false);
    return wm_buf_steal(&b);
}

/* ---- finding the plugin and its tests ---- */

static bool is_reg(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The sorted names in `dir` ending in `suffix`, not starting with '.' or
 * '_'; NULL-terminated, the caller frees each and the array.  NULL when the
 * folder cannot be read. */
static char **list_names(const char *dir, const char *suffix, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = wm_xcalloc(1, sizeof *names);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *s = de->d_name;
        if (s[0] == '.' || s[0] == '_' || !wm_ends_with(s, suffix) || strlen(s) == strlen(suffix))
            continue;
        char *path = wm_path_join(dir, s);
        bool reg = is_reg(path);
        free(path);
        if (!reg || *n >= 10000)
            continue;
        names = wm_xrealloc(names, (*n + 2) * sizeof *names);
        names[(*n)++] = wm_xstrdup(s);
        names[*n] = NULL;
    }
    closedir(d);
    for (size_t i = 1; i < *n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    return names;
}

static void free_names(char **names)
{
    for (size_t i = 0; names && names[i]; i++)
        free(names[i]);
    free(names);
}

/* The final path component, without trailing slashes; the caller frees. */
static char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    return wm_xstrndup(path + start, n - start);
}

/* The plugin file of `arg` (a folder or a .lua file) and its folder (both
 * the caller's); on failure prints why and returns false. */
static bool find_plugin(const char *arg, char **file, char **dir)
{
    struct stat st;
    *file = *dir = NULL;
    char *shown = esc(arg);
    bool ok = false;
    if (stat(arg, &st) != 0) {
        fprintf(stderr, "waymark test-plugin: cannot read '%s': %s\n", shown, strerror(errno));
    } else if (S_ISREG(st.st_mode)) {
        if (!wm_ends_with(arg, ".lua")) {
            fprintf(stderr, "waymark test-plugin: '%s' is not a plugin folder or a .lua file\n",
                    shown);
        } else {
            *file = wm_xstrdup(arg);
            *dir = wm_dirname(arg);
            ok = true;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "waymark test-plugin: '%s' is not a folder\n", shown);
    } else {
        char *init = wm_path_join(arg, "init.lua"), *base = base_name(arg);
        char *named = wm_xasprintf("%s/%s.lua", arg, base);
        free(base);
        if (is_reg(init)) {
            *file = init;
            free(named);
        } else if (is_reg(named)) {
            *file = named;
            free(init);
        } else {
            free(init);
            free(named);
            size_t n;
            char **lua = list_names(arg, ".lua", &n);
            if (n == 1) {
                *file = wm_path_join(arg, lua[0]);
            } else if (n == 0) {
                fprintf(stderr,
                        "waymark test-plugin: no plugin in '%s'\n"
                        "  hint: the plugin is DIR/init.lua or DIR/NAME.lua; 'waymark new-plugin "
                        "NAME' makes one\n",
                        shown);
            } else {
                char *l0 = esc(lua[0]), *l1 = esc(lua[1]);
                fprintf(stderr,
                        "waymark test-plugin: '%s' holds %zu plugin files (%s, %s, ...): which is "
                        "the plugin?\n"
                        "  hint: name it init.lua or after its folder, or start the others' "
                        "names with '_' (modules for require)\n",
                        shown, n, l0, l1);
                free(l0);
                free(l1);
            }
            free_names(lua);
        }
        if (*file) {
            *dir = wm_xstrdup(arg);
            ok = true;
        }
    }
    free(shown);
    return ok;
}

/* ---- one run of the pipeline ---- */

typedef struct {
    int status;
    wm_plan *plan; /* NULL unless status is WM_EXIT_OK */
    wm_diags diags;
} run;

static void run_pipeline(const wm_engagement *e, const wm_plan_opts *opts, run *r)
{
    wm_diags_init(&r->diags);
    r->plan = NULL;
    r->status = wm_plan_build(e, opts, &r->plan, &r->diags);
}

static void run_free(run *r)
{
    wm_plan_free(r->plan);
    wm_diags_free(&r->diags);
}

/* The index of the engagement's `plugins:` entry that is the plugin file
 * `real` (a realpath), or -1; *name gets the name the host gives it. */
static long find_entry(const wm_engagement *e, const wm_plan_opts *opts, const char *real,
                       char **name)
{
    wm_plugin_roots roots;
    wm_plugin_roots_init(&roots, opts->plugin_dirs, opts->n_plugin_dirs, e->dir);
    long found = -1;
    *name = NULL;
    for (size_t i = 0; i < e->n_plugins && found < 0; i++) {
        char *nm;
        const char *origin;
        char *file = wm_plugin_resolve(&roots, e->plugins[i].name, e->dir, &nm, &origin);
        char *r = file ? realpath(file, NULL) : NULL;
        if (r && strcmp(r, real) == 0) {
            found = (long)i;
            *name = nm;
            nm = NULL;
        }
        free(r);
        free(file);
        free(nm);
    }
    wm_plugin_roots_free(&roots);
    return found;
}

/* ---- what the plugin contributed ---- */

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* Which stage fills field `key` of a record of kind `k` (the plan's schema,
 * stages.def); -1 for none. */
static int owner_stage(wm_plan_record k, const char *key)
{
    const wm_plan_field *f = wm_plan_field_find(k, key);
    return f && f->by >= 0 ? f->by : -1;
}

/* Whether a field the plan defines (plan.md) rather than one of a plugin's own. */
static bool known_field(wm_plan_record k, const char *key)
{
    return wm_plan_field_find(k, key) != NULL;
}

/* Fields the host owns: never compared. */
static bool host_field(const char *key)
{
    const wm_plan_field *f = wm_plan_field_find(WM_REC_TOP, key);
    return f && f->by == WM_BY_HOST;
}

static const wm_value NULL_VALUE = {.kind = WM_VNULL};

static const wm_value *or_null(const wm_value *v)
{
    return v ? v : &NULL_VALUE;
}

/* Exact equality of two values (numbers by value, int or float). */
static bool same_value(const wm_value *a, const wm_value *b)
{
    if (!a || !b)
        return a == b;
    if (wm_v_is_number(a) && wm_v_is_number(b))
        return wm_v_number(a) == wm_v_number(b);
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case WM_VNULL:
        return true;
    case WM_VBOOL:
        return a->u.b == b->u.b;
    case WM_VSTR:
        return a->u.str.len == b->u.str.len && memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
    case WM_VARR:
        if (a->u.arr.n != b->u.arr.n)
            return false;
        for (size_t i = 0; i < a->u.arr.n; i++)
            if (!same_value(a->u.arr.items[i], b->u.arr.items[i]))
                return false;
        return true;
    case WM_VOBJ:
        /* An absent field is a null one: a record that went through a Lua
         * hook has lost its null fields (nil in Lua). */
        for (size_t i = 0; i < a->u.obj.n; i++)
            if (!same_value(a->u.obj.pairs[i].val, or_null(wm_vobj_get(b, a->u.obj.pairs[i].key))))
                return false;
        for (size_t i = 0; i < b->u.obj.n; i++)
            if (!wm_vobj_get(a, b->u.obj.pairs[i].key) && b->u.obj.pairs[i].val->kind != WM_VNULL)
                return false;
        return true;
    default:
        return false;
    }
}

typedef struct {
    wm_arena *a;
    unsigned hooks; /* the plugin's stages */
    bool have_base; /* a run without the plugin succeeded */
} extract;

/* Whether field `key` of a record goes into the contribution: `with` is its
 * value in the run with the plugin, `without` in the run without it (NULL
 * when absent there). */
static bool wanted(const extract *x, wm_plan_record k, const char *key, const wm_value *with,
                   const wm_value *without)
{
    if (k == WM_REC_TOP && host_field(key))
        return false;
    if (k != WM_REC_TOP && strcmp(key, "id") == 0)
        return false;
    int s = owner_stage(k, key);
    if (s >= 0) {
        if (!(x->hooks & (1u << s)))
            return false; /* a later stage's consequence, not the plugin's */
        if (wm_stage_exclusive((wm_stage)s))
            return true;
        return !x->have_base || !same_value(with, without);
    }
    if (!x->have_base)
        return !known_field(k, key);
    return !same_value(with, without);
}

static const wm_value *record_by_id(const wm_value *list, const char *id)
{
    for (size_t i = 0; list && list->kind == WM_VARR && i < list->u.arr.n; i++) {
        const char *rid = wm_vobj_str(list->u.arr.items[i], "id");
        if (rid && strcmp(rid, id) == 0)
            return list->u.arr.items[i];
    }
    return NULL;
}

/* The records of one list that the plugin changed: { id, field... }, in
 * the order of the run with the plugin; NULL when none. */
static wm_value *record_changes(const extract *x, wm_plan_record k, const wm_value *with,
                                const wm_value *without)
{
    if (!with || with->kind != WM_VARR)
        return NULL;
    wm_value *out = wm_varr(x->a);
    for (size_t i = 0; i < with->u.arr.n; i++) {
        const wm_value *rec = with->u.arr.items[i];
        const char *id = wm_vobj_str(rec, "id");
        if (!id || rec->kind != WM_VOBJ)
            continue;
        const wm_value *base = record_by_id(without, id);
        wm_value *v = wm_vobj(x->a);
        wm_vobj_set(x->a, v, "id", wm_vstr(x->a, id));
        for (size_t f = 0; f < rec->u.obj.n; f++) {
            const char *key = rec->u.obj.pairs[f].key;
            const wm_value *val = rec->u.obj.pairs[f].val;
            if (wanted(x, k, key, val, base ? wm_vobj_get(base, key) : NULL))
                wm_vobj_set(x->a, v, key, wm_v_copy(x->a, val));
        }
        if (v->u.obj.n > 1)
            wm_varr_push(x->a, out, v);
    }
    return out->u.arr.n ? out : NULL;
}

/* A list whose items are all records with a text id, unique. */
static bool id_list(const wm_value *v)
{
    if (!v || v->kind != WM_VARR || v->u.arr.n == 0)
        return false;
    for (size_t i = 0; i < v->u.arr.n; i++) {
        const char *id = wm_vobj_str(v->u.arr.items[i], "id");
        if (!id)
            return false;
        for (size_t k = 0; k < i; k++)
            if (strcmp(id, wm_vobj_str(v->u.arr.items[k], "id")) == 0)
                return false;
    }
    return true;
}

/* What `with` adds to or changes in `without` (NULL when they are the
 * same): for records, the fields that differ; for lists of records with
 * ids, the records that differ; anything else whole.  So a plugin that adds
 * one entry to the playbook is shown that entry, not the whole playbook. */
static wm_value *partial(wm_arena *a, const wm_value *with, const wm_value *without)
{
    if (same_value(with, without))
        return NULL;
    if (without && with->kind == WM_VOBJ && without->kind == WM_VOBJ) {
        wm_value *out = wm_vobj(a);
        const char *id = wm_vobj_str(with, "id");
        if (id)
            wm_vobj_set(a, out, "id", wm_vstr(a, id));
        for (size_t i = 0; i < with->u.obj.n; i++) {
            const char *key = with->u.obj.pairs[i].key;
            wm_value *p = partial(a, with->u.obj.pairs[i].val, wm_vobj_get(without, key));
            if (p)
                wm_vobj_set(a, out, key, p);
        }
        if (out->u.obj.n > (id ? 1u : 0u))
            return out;
    } else if (id_list(with) && id_list(without)) {
        wm_value *out = wm_varr(a);
        for (size_t i = 0; i < with->u.arr.n; i++) {
            const wm_value *rec = with->u.arr.items[i];
            wm_value *p = partial(a, rec, record_by_id(without, wm_vobj_str(rec, "id")));
            if (p)
                wm_varr_push(a, out, p);
        }
        if (out->u.arr.n)
            return out;
    }
    return wm_v_copy(a, with); /* only removals or a new order: the whole value */
}

/* A field of `totals` (or another table merged field by field): the
 * schema's belong to the stage that fills them. */
static bool totals_wanted(const extract *x, wm_plan_record k, const char *key, const wm_value *with,
                          const wm_value *without)
{
    int s = owner_stage(k, key);
    if (s >= 0 && !(x->hooks & (1u << s)))
        return false;
    if (!x->have_base)
        return true;
    return !same_value(with, without);
}

/* The kind of record a top-level field of rule RECORDS or FIELDS holds. */
static wm_plan_record record_of(const char *key)
{
    for (int r = WM_REC_TOP + 1; r < WM_REC_COUNT; r++)
        if (strcmp(wm_plan_record_key((wm_plan_record)r), key) == 0)
            return (wm_plan_record)r;
    return WM_REC_TOP;
}

/* The plan part: the plugin's fields, by the rules at the top. */
static wm_value *plan_part(const extract *x, const wm_value *with, const wm_value *without)
{
    wm_value *out = wm_vobj(x->a);
    for (size_t i = 0; i < with->u.obj.n; i++) {
        const char *key = with->u.obj.pairs[i].key;
        const wm_value *val = with->u.obj.pairs[i].val;
        const wm_value *base = without ? wm_vobj_get(without, key) : NULL;
        const wm_plan_field *f = wm_plan_field_find(WM_REC_TOP, key);
        if (f && f->rule == WM_RULE_RECORDS) {
            wm_value *changes = record_changes(x, record_of(key), val, base);
            if (changes)
                wm_vobj_set(x->a, out, key, changes);
        } else if (f && f->rule == WM_RULE_FIELDS && val->kind == WM_VOBJ) {
            /* totals merge field by field, so they are compared that way */
            wm_value *t = wm_vobj(x->a);
            for (size_t k = 0; k < val->u.obj.n; k++) {
                const char *tk = val->u.obj.pairs[k].key;
                const wm_value *tv = val->u.obj.pairs[k].val;
                if (totals_wanted(x, record_of(key), tk, tv, base ? wm_vobj_get(base, tk) : NULL))
                    wm_vobj_set(x->a, t, tk, wm_v_copy(x->a, tv));
            }
            if (t->u.obj.n)
                wm_vobj_set(x->a, out, key, t);
        } else if (wanted(x, WM_REC_TOP, key, val, base)) {
            wm_value *p = x->have_base ? partial(x->a, val, base) : wm_v_copy(x->a, val);
            if (p)
                wm_vobj_set(x->a, out, key, p);
        }
    }
    return out;
}

static bool has_section(const wm_value *doc, const char *id)
{
    for (size_t i = 0; doc && i < doc->u.arr.n; i++) {
        const char *sid = wm_vobj_str(doc->u.arr.items[i], "id");
        if (sid && strcmp(sid, id) == 0)
            return true;
    }
    return false;
}

/* The sections the plugin added: those of the run with it that the run
 * without it lacks (or, without that run, that document/standard does not
 * make). */
static wm_value *document_part(const extract *x, const wm_value *with, const wm_value *without)
{
    wm_value *out = wm_varr(x->a);
    for (size_t i = 0; with && i < with->u.arr.n; i++) {
        const char *id = wm_vobj_str(with->u.arr.items[i], "id");
        if (!id)
            continue;
        bool theirs =
            x->have_base ? has_section(without, id) : in_list(wm_standard_section_ids, id);
        if (!theirs)
            wm_varr_push(x->a, out, wm_v_copy(x->a, with->u.arr.items[i]));
    }
    return out;
}

/* " (plugin 'NAME')" at the end of a validate hook's report. */
static wm_value *diagnostics_part(wm_arena *a, const wm_diags *d, const char *name)
{
    char *suffix = wm_xasprintf(" (plugin '%s')", name);
    size_t k = strlen(suffix);
    wm_value *out = wm_varr(a);
    for (size_t i = 0; i < d->count; i++) {
        const wm_diag *g = &d->items[i];
        size_t n = strlen(g->message);
        if (g->severity == WM_NOTE || n < k || strcmp(g->message + n - k, suffix) != 0)
            continue;
        wm_value *v = wm_vobj(a);
        wm_vobj_set(a, v, "level", wm_vstr(a, g->severity == WM_ERROR ? "error" : "warning"));
        wm_vobj_set(a, v, "message", wm_vstrn(a, g->message, n - k));
        wm_varr_push(a, out, v);
    }
    free(suffix);
    return out;
}

/* Print the diagnostics that are not the plugin's own validate reports
 * (those are compared, not shown). */
static void print_other_diags(const wm_diags *d, const char *name)
{
    char *suffix = name ? wm_xasprintf(" (plugin '%s')", name) : NULL;
    wm_diags rest;
    wm_diags_init(&rest);
    for (size_t i = 0; i < d->count; i++) {
        const wm_diag *g = &d->items[i];
        if (suffix && wm_ends_with(g->message, suffix))
            continue;
        wm_diag_add(&rest, g->severity, g->file, g->pos, g->message, g->hint);
    }
    wm_diags_sort(&rest);
    wm_diags_print(&rest, stderr);
    if (d->dropped)
        fprintf(stderr, "waymark: %zu more problem%s not shown\n", d->dropped,
                d->dropped == 1 ? "" : "s");
    wm_diags_free(&rest);
    free(suffix);
}

/* ---- comparing ---- */

typedef struct {
    wm_buf out; /* the difference lines */
    size_t count;
} diffs;

static void show_value(wm_buf *b, const wm_value *v)
{
    wm_buf j;
    wm_buf_init(&j);
    wm_v_json(v, &j, 0);
    if (j.len > VALUE_SHOWN_CHARS) {
        size_t cut = VALUE_SHOWN_CHARS;
        while (cut > 0 && (j.data[cut] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
            cut--;
        wm_buf_put(b, j.data, cut);
        wm_buf_puts(b, "...");
    } else {
        wm_buf_puts(b, j.data);
    }
    wm_buf_free(&j);
}

static void add_diff(diffs *d, const char *path, const char *what, const wm_value *expected,
                     const wm_value *got)
{
    if (d->count++ >= MAX_DIFFS_SHOWN)
        return;
    wm_buf_puts(&d->out, "  ");
    if (path[0])
        wm_buf_put_shown(&d->out, path, strlen(path), false);
    else
        wm_buf_puts(&d->out, "(the whole result)");
    wm_buf_puts(&d->out, ": ");
    if (what) {
        wm_buf_puts(&d->out, what);
        if (expected) {
            wm_buf_puts(&d->out, " (expected ");
            show_value(&d->out, expected);
            wm_buf_puts(&d->out, ")");
        } else if (got) {
            wm_buf_puts(&d->out, " (got ");
            show_value(&d->out, got);
            wm_buf_puts(&d->out, ")");
        }
    } else {
        wm_buf_puts(&d->out, "expected ");
        show_value(&d->out, expected);
        wm_buf_puts(&d->out, ", got ");
        show_value(&d->out, got);
    }
    wm_buf_putc(&d->out, '\n');
}

static bool numbers_match(double a, double b)
{
    if (a == b)
        return true;
    double scale = fmax(1.0, fmax(fabs(a), fabs(b)));
    return fabs(a - b) <= 1e-9 * scale;
}

static void compare(diffs *d, const char *path, const wm_value *exp, const wm_value *got);

static void id_order(wm_buf *b, const wm_value *list)
{
    for (size_t i = 0; i < list->u.arr.n; i++) {
        if (i == 8 && list->u.arr.n > 9) {
            wm_buf_printf(b, ", ... (%zu)", list->u.arr.n);
            return;
        }
        const char *id = wm_vobj_str(list->u.arr.items[i], "id");
        wm_buf_puts(b, i ? ", " : "");
        wm_buf_put_shown(b, id, strlen(id), false);
    }
}

/* Two lists of records matched by id: their order, then each record. */
static void compare_records(diffs *d, const char *path, const wm_value *exp, const wm_value *got)
{
    bool same_order = exp->u.arr.n == got->u.arr.n;
    for (size_t i = 0; same_order && i < exp->u.arr.n; i++)
        same_order = strcmp(wm_vobj_str(exp->u.arr.items[i], "id"),
                            wm_vobj_str(got->u.arr.items[i], "id")) == 0;
    if (!same_order) {
        wm_buf o;
        wm_buf_init(&o);
        wm_buf_puts(&o, "the records or their order differ: expected ");
        id_order(&o, exp);
        wm_buf_puts(&o, "; got ");
        id_order(&o, got);
        add_diff(d, path, o.data, NULL, NULL);
        wm_buf_free(&o);
    }
    for (size_t i = 0; i < exp->u.arr.n; i++) {
        const char *id = wm_vobj_str(exp->u.arr.items[i], "id");
        char *p = wm_xasprintf("%s[id=%s]", path, id);
        const wm_value *g = record_by_id(got, id);
        if (g)
            compare(d, p, exp->u.arr.items[i], g);
        else
            add_diff(d, p, "missing", exp->u.arr.items[i], NULL);
        free(p);
    }
    for (size_t i = 0; i < got->u.arr.n; i++) {
        const char *id = wm_vobj_str(got->u.arr.items[i], "id");
        if (!record_by_id(exp, id)) {
            char *p = wm_xasprintf("%s[id=%s]", path, id);
            add_diff(d, p, "unexpected", NULL, got->u.arr.items[i]);
            free(p);
        }
    }
}

static void compare(diffs *d, const char *path, const wm_value *exp, const wm_value *got)
{
    if (wm_v_is_number(exp) && wm_v_is_number(got)) {
        if (!numbers_match(wm_v_number(exp), wm_v_number(got)))
            add_diff(d, path, NULL, exp, got);
        return;
    }
    if (exp->kind != got->kind) {
        add_diff(d, path, NULL, exp, got);
        return;
    }
    if (exp->kind == WM_VOBJ) {
        for (size_t i = 0; i < exp->u.obj.n; i++) {
            const char *key = exp->u.obj.pairs[i].key;
            char *p = path[0] ? wm_xasprintf("%s.%s", path, key) : wm_xstrdup(key);
            const wm_value *g = wm_vobj_get(got, key);
            if (g)
                compare(d, p, exp->u.obj.pairs[i].val, g);
            else
                add_diff(d, p, "missing", exp->u.obj.pairs[i].val, NULL);
            free(p);
        }
        for (size_t i = 0; i < got->u.obj.n; i++) {
            const char *key = got->u.obj.pairs[i].key;
            if (wm_vobj_get(exp, key))
                continue;
            char *p = path[0] ? wm_xasprintf("%s.%s", path, key) : wm_xstrdup(key);
            add_diff(d, p, "unexpected", NULL, got->u.obj.pairs[i].val);
            free(p);
        }
        return;
    }
    if (exp->kind == WM_VARR) {
        if (id_list(exp) && id_list(got)) {
            compare_records(d, path, exp, got);
            return;
        }
        size_t n = exp->u.arr.n < got->u.arr.n ? exp->u.arr.n : got->u.arr.n;
        for (size_t i = 0; i < n; i++) {
            char *p = wm_xasprintf("%s[%zu]", path, i + 1);
            compare(d, p, exp->u.arr.items[i], got->u.arr.items[i]);
            free(p);
        }
        for (size_t i = n; i < exp->u.arr.n; i++) {
            char *p = wm_xasprintf("%s[%zu]", path, i + 1);
            add_diff(d, p, "missing", exp->u.arr.items[i], NULL);
            free(p);
        }
        for (size_t i = n; i < got->u.arr.n; i++) {
            char *p = wm_xasprintf("%s[%zu]", path, i + 1);
            add_diff(d, p, "unexpected", NULL, got->u.arr.items[i]);
            free(p);
        }
        return;
    }
    if (!same_value(exp, got))
        add_diff(d, path, NULL, exp, got);
}

/* ---- writing the expected result ---- */

/* One line of JSON with a space after ',' and ':', for short values. */
static void json_inline(wm_buf *b, const wm_value *v)
{
    if (v->kind == WM_VARR && v->u.arr.n) {
        wm_buf_putc(b, '[');
        for (size_t i = 0; i < v->u.arr.n; i++) {
            if (i)
                wm_buf_puts(b, ", ");
            json_inline(b, v->u.arr.items[i]);
        }
        wm_buf_putc(b, ']');
    } else if (v->kind == WM_VOBJ && v->u.obj.n) {
        wm_buf_putc(b, '{');
        for (size_t i = 0; i < v->u.obj.n; i++) {
            if (i)
                wm_buf_puts(b, ", ");
            wm_json_string(b, v->u.obj.pairs[i].key, strlen(v->u.obj.pairs[i].key));
            wm_buf_puts(b, ": ");
            json_inline(b, v->u.obj.pairs[i].val);
        }
        wm_buf_putc(b, '}');
    } else {
        wm_v_json(v, b, 0);
    }
}

static void json_indent(wm_buf *b, int depth)
{
    wm_buf_putc(b, '\n');
    for (int i = 0; i < depth; i++)
        wm_buf_puts(b, "  ");
}

/* Pretty JSON that keeps a value on one line when it fits in 96 columns
 * (`column` is where it starts), so expected files read and diff well. */
static void json_pretty(wm_buf *b, const wm_value *v, int depth, size_t column)
{
    wm_buf one;
    wm_buf_init(&one);
    json_inline(&one, v);
    bool container = (v->kind == WM_VARR && v->u.arr.n) || (v->kind == WM_VOBJ && v->u.obj.n);
    if (!container || column + one.len <= 96) {
        wm_buf_put(b, one.data, one.len);
        wm_buf_free(&one);
        return;
    }
    wm_buf_free(&one);
    bool arr = v->kind == WM_VARR;
    size_t n = arr ? v->u.arr.n : v->u.obj.n;
    wm_buf_putc(b, arr ? '[' : '{');
    for (size_t i = 0; i < n; i++) {
        json_indent(b, depth + 1);
        size_t col = 2 * (size_t)(depth + 1);
        if (!arr) {
            const char *key = v->u.obj.pairs[i].key;
            size_t before = b->len;
            wm_json_string(b, key, strlen(key));
            wm_buf_puts(b, ": ");
            col += b->len - before;
        }
        json_pretty(b, arr ? v->u.arr.items[i] : v->u.obj.pairs[i].val, depth + 1, col + 1);
        if (i + 1 < n)
            wm_buf_putc(b, ',');
    }
    json_indent(b, depth);
    wm_buf_putc(b, arr ? ']' : '}');
}

/* The stages whose hooks return `adds`, as hook bits. */
static unsigned stages_adding(wm_stage_adds adds)
{
    unsigned bits = 0;
    for (int s = 0; s < WM_STAGE_COUNT; s++)
        if (wm_stages[s].adds == adds)
            bits |= 1u << s;
    return bits;
}

/* ---- one test case ---- */

typedef struct {
    const char *plugin_file; /* as found */
    const char *plugin_real; /* its realpath */
    const wm_plan_opts *opts;
    bool update, quiet;
} suite;

/* The result of one test engagement as a value in `a`, or NULL when the
 * run failed (the diagnostics printed). */
static wm_value *result_of(const suite *s, const char *yaml, wm_arena *a)
{
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load(yaml, NULL, &d);
    if (!e) {
        wm_diags_sort(&d);
        wm_diags_print(&d, stderr);
        wm_diags_free(&d);
        return NULL;
    }
    wm_diags_free(&d);
    char *name = NULL;
    long k = find_entry(e, s->opts, s->plugin_real, &name);
    if (k < 0) {
        char *y = esc(yaml), *f = esc(s->plugin_file);
        fprintf(stderr,
                "%s: error: the test engagement does not use the plugin %s\n"
                "  hint: list it by path in `plugins:`, relative to the test engagement "
                "(such as ../%s)\n",
                y, f, strrchr(f, '/') ? strrchr(f, '/') + 1 : f);
        free(y);
        free(f);
        wm_engagement_free(e);
        return NULL;
    }

    run with;
    run_pipeline(e, s->opts, &with);
    wm_value *result = NULL;
    /* The plugin's stages, from the plugin itself (the run has closed it). */
    unsigned hooks = 0;
    bool validate_errors = false;
    {
        char *err = NULL;
        wm_sandbox_host host = {.currency = e->engagement.currency};
        wm_plugin *p = wm_plugin_open_limited(s->plugin_file, name, "engagement", &host, s->opts,
                                              e->path, a, &err);
        if (p) {
            hooks = p->hooks;
            wm_plugin_close(p);
        }
        free(err); /* the run reported it with its position */
    }
    const unsigned checks = hooks & stages_adding(WM_ADDS_DIAGNOSTICS);
    const unsigned plan_stages = hooks & stages_adding(WM_ADDS_PLAN);
    const unsigned sections = hooks & stages_adding(WM_ADDS_SECTIONS);
    if (with.status == WM_EXIT_INPUT && checks) {
        /* Errors the plugin's validate hook reported are results, not failures. */
        wm_value *dv = diagnostics_part(a, &with.diags, name);
        for (size_t i = 0; i < dv->u.arr.n; i++)
            validate_errors |= strcmp(wm_vobj_str(dv->u.arr.items[i], "level"), "error") == 0;
    }
    if (with.status != WM_EXIT_OK && !validate_errors) {
        wm_diags_sort(&with.diags);
        wm_diags_print(&with.diags, stderr);
        char *y = esc(yaml);
        fprintf(stderr, "%s: error: the test engagement did not run (exit status %d)\n", y,
                with.status);
        free(y);
        goto out;
    }
    if (!s->quiet || with.status != WM_EXIT_OK)
        print_other_diags(&with.diags, name);

    result = wm_vobj(a);
    wm_vobj_set(a, result, "plugin", wm_vstr(a, name));
    wm_value *stages = wm_varr(a);
    for (int st = 0; st < WM_STAGE_COUNT; st++)
        if (hooks & (1u << st))
            wm_varr_push(a, stages, wm_vstr(a, wm_stage_names[st]));
    wm_vobj_set(a, result, "stages", stages);
    if (checks)
        wm_vobj_set(a, result, "diagnostics", diagnostics_part(a, &with.diags, name));
    if (!with.plan || !(plan_stages | sections))
        goto out;

    /* The same engagement without the plugin, for what the plugin changed. */
    wm_engagement without_e = *e;
    wm_plugin_ref *refs = wm_xcalloc(e->n_plugins, sizeof *refs);
    size_t n = 0;
    for (size_t i = 0; i < e->n_plugins; i++)
        if ((long)i != k)
            refs[n++] = e->plugins[i];
    without_e.plugins = refs;
    without_e.n_plugins = n;
    run without;
    run_pipeline(&without_e, s->opts, &without);
    if (without.status != WM_EXIT_OK) {
        char *y = esc(yaml);
        fprintf(stderr,
                "%s: note: without the plugin the test engagement does not run (exit status "
                "%d), so all that the plugin's stages fill is compared\n",
                y, without.status);
        free(y);
    }
    extract x = {.a = a, .hooks = hooks, .have_base = without.status == WM_EXIT_OK};
    if (plan_stages)
        wm_vobj_set(a, result, "plan",
                    plan_part(&x, wm_plan_root(with.plan),
                              without.plan ? wm_plan_root(without.plan) : NULL));
    if (sections)
        wm_vobj_set(a, result, "document",
                    document_part(&x, wm_plan_sections(with.plan),
                                  without.plan ? wm_plan_sections(without.plan) : NULL));
    run_free(&without);
    free(refs);
out:
    run_free(&with);
    free(name);
    wm_engagement_free(e);
    return result;
}

/* Run one case; returns 0 (passed or recorded), 1 (failed) or 4 (--update
 * could not write). */
static int run_case(const suite *s, const char *yaml, const char *expected)
{
    wm_arena a;
    wm_arena_init(&a);
    int status = 1;
    char *yaml_shown = esc(yaml), *expected_shown = esc(expected);
    wm_value *got = result_of(s, yaml, &a);
    if (!got) {
        printf("FAIL %s\n", yaml_shown);
        goto out;
    }
    wm_buf json;
    wm_buf_init(&json);
    json_pretty(&json, got, 0, 0);
    wm_buf_putc(&json, '\n');
    wm_diags d;
    wm_diags_init(&d);
    size_t len = 0;
    char *old = is_reg(expected) ? wm_read_file(expected, MAX_EXPECTED_BYTES, &len, &d) : NULL;
    if (s->update) {
        if (old && len == json.len && memcmp(old, json.data, len) == 0) {
            if (!s->quiet)
                printf("same %s\n", expected_shown);
            status = 0;
        } else if (wm_write_file_atomic(expected, json.data, json.len, &d) == 0) {
            if (!s->quiet)
                printf("%s %s\n", old ? "updated" : "recorded", expected_shown);
            status = 0;
        } else {
            status = WM_EXIT_OUTPUT;
        }
    } else if (!old) {
        if (d.count == 0)
            wm_diag_addf(&d, WM_ERROR, expected, (wm_pos){0, 0},
                         "'waymark test-plugin --update' records the current result as expected",
                         "no expected result for %s", yaml);
        printf("FAIL %s\n", yaml_shown);
    } else {
        char *err = NULL;
        wm_value *exp = wm_json_parse(&a, old, len, &err);
        if (!exp) {
            wm_diag_addf(&d, WM_ERROR, expected, (wm_pos){0, 0},
                         "'waymark test-plugin --update' writes it afresh",
                         "the expected result is not valid JSON: %s", err);
            free(err);
            printf("FAIL %s\n", yaml_shown);
        } else {
            diffs df = {.count = 0};
            wm_buf_init(&df.out);
            compare(&df, "", exp, got);
            if (df.count == 0) {
                printf("PASS %s\n", yaml_shown);
                status = 0;
            } else {
                printf("FAIL %s: %zu difference%s from %s\n%s", yaml_shown, df.count,
                       df.count == 1 ? "" : "s", expected_shown, df.out.data);
                if (df.count > MAX_DIFFS_SHOWN)
                    printf("  ... and %zu more\n", df.count - MAX_DIFFS_SHOWN);
            }
            wm_buf_free(&df.out);
        }
    }
    fflush(stdout);
    wm_diags_print(&d, stderr);
    wm_diags_free(&d);
    free(old);
    wm_buf_free(&json);
out:
    free(yaml_shown);
    free(expected_shown);
    wm_arena_free(&a);
    return status;
}

int wm_plugin_tests(const char *dir_arg, bool update, bool quiet, const wm_plan_opts *opts)
{
    char *file, *dir;
    if (!find_plugin(dir_arg, &file, &dir))
        return WM_EXIT_INPUT;
    int status = WM_EXIT_OK;
    char *real = realpath(file, NULL);
    char *test_dir = wm_path_join(dir, "test");
    size_t n = 0;
    char **names = list_names(test_dir, ".yaml", &n);
    char *test_dir_shown = esc(test_dir);
    if (!real) {
        char *f = esc(file);
        fprintf(stderr, "waymark test-plugin: cannot read '%s': %s\n", f, strerror(errno));
        free(f);
        status = WM_EXIT_INPUT;
    } else if (n == 0) {
        fprintf(stderr,
                "waymark test-plugin: no test engagement in '%s'\n"
                "  hint: a test is test/NAME.yaml with its expected result in "
                "test/NAME.expected.json (test/engagement.yaml: test/expected.json)\n",
                test_dir_shown);
        status = WM_EXIT_INPUT;
    }
    suite s = {
        .plugin_file = file, .plugin_real = real, .opts = opts, .update = update, .quiet = quiet};
    size_t passed = 0, failed = 0;
    for (size_t i = 0; status == WM_EXIT_OK && i < n; i++) {
        char *yaml = wm_path_join(test_dir, names[i]);
        size_t stem = strlen(names[i]) - strlen(".yaml");
        char *expected = strcmp(names[i], "engagement.yaml") == 0
                             ? wm_path_join(test_dir, "expected.json")
                             : wm_xasprintf("%s/%.*s.expected.json", test_dir, (int)stem, names[i]);
        int r = run_case(&s, yaml, expected);
        if (r == 0)
            passed++;
        else
            failed++;
        if (r == WM_EXIT_OUTPUT)
            status = WM_EXIT_OUTPUT;
        free(yaml);
        free(expected);
    }
    if (status == WM_EXIT_OK && failed)
        status = WM_EXIT_INPUT;
    if (!quiet && n > 0 && status != WM_EXIT_OUTPUT) {
        char *d = esc(dir_arg);
        printf("%s: %zu %s, %zu failed\n", d, passed, update ? "recorded" : "passed", failed);
        free(d);
    }
    free_names(names);
    free(test_dir_shown);
    free(test_dir);
    free(real);
    free(file);
    free(dir);
    return status;
}
