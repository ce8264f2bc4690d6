/*
 * pipeline.c - the plan stage: assemble the plugin pipeline for an
 * engagement, check each plugin's configuration, run the stages in order
 * and merge what each hook returns into the plan (plugins.md).
 *
 * The pipeline is the default method's plugins followed by the engagement's
 * `plugins:`.  Listing a plugin already in the pipeline configures it in
 * place; for the exclusive stages (prioritise, schedule) the last plugin with
 * the hook is the one that runs.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../base/docdate.h"
#include "../base/file.h"
#include "../document/doc.h"
#include "../base/watchdog.h"
#include "../diff/diff.h"
#include "../load/schema.h"
#include "cutline.h"
#include "plan.h"
#include "plan_int.h"

typedef struct {
    wm_plugin *p;
    char *file, *name;
    const char *origin;
    const wm_plugin_ref *ref; /* the engagement's entry naming it, or NULL */
    wm_value *config;
    bool ran;
} entry;

typedef struct {
    const wm_engagement *e;
    const wm_plan_opts *opts;
    wm_diags *d;
    wm_plan *plan;
    entry *entries;
    size_t n;
    wm_limits limits;
    wm_plugin_roots roots;
    wm_docdate date; /* ctx.run.date (core/base/docdate.h) */
    bool whatif;     /* a re-plan for the cut line: estimate..risks only, no draws */
} pipeline;

static wm_pos ref_pos(const entry *en)
{
    return en->ref ? en->ref->pos : (wm_pos){0, 0};
}

/* ---- assembling ---- */

static void add_entry(pipeline *pl, char *file, char *name, const char *origin,
                      const wm_plugin_ref *ref)
{
    pl->entries = wm_xrealloc(pl->entries, (pl->n + 1) * sizeof *pl->entries);
    entry *en = &pl->entries[pl->n++];
    memset(en, 0, sizeof *en);
    en->file = file;
    en->name = name;
    en->origin = origin;
    en->ref = ref;
}

static void report_not_found(pipeline *pl, const char *written, wm_pos pos, bool is_path)
{
    wm_buf hint;
    wm_buf_init(&hint);
    bool private = !is_path && (written[0] == '_' || strstr(written, "/_") != NULL);
    if (private) {
        wm_buf_puts(&hint, "a part starting with '_' is a plugin's private module, loaded "
                           "with require by its plugin, never a plugin itself");
    } else if (!is_path && !wm_plugin_valid_name(written)) {
        wm_buf_puts(&hint, "a plugin is named like 'prioritise/rice' (lower case, '/' between "
                           "parts) or given as a path such as './plugins/mine.lua'");
    } else if (is_path) {
        /* There, but a FIFO or a device: say so, as for every other input. */
        char *full = wm_path_join(pl->e->dir, written); /* as wm_plugin_resolve joins it */
        struct stat st;
        bool odd = stat(full, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
        free(full);
        if (odd) {
            wm_diag_addf(pl->d, WM_ERROR, pl->e->path, pos,
                         "a plugin is a .lua file, or a folder holding init.lua",
                         "plugin '%s' is not a regular file", written);
            wm_buf_free(&hint);
            return;
        }
        wm_buf_printf(&hint, "paths are relative to the engagement file's folder (%s)", pl->e->dir);
    } else {
        wm_buf_puts(&hint, "searched:");
        for (size_t i = 0; i < pl->roots.n; i++)
            wm_buf_printf(&hint, " %s", pl->roots.items[i].dir);
        wm_buf_puts(&hint, "; 'waymark plugins list' shows what is there");
    }
    wm_diag_addf(pl->d, WM_ERROR, pl->e->path, pos, hint.data, "plugin '%s' not found", written);
    wm_buf_free(&hint);
}

static bool assemble(pipeline *pl)
{
    const wm_engagement *e = pl->e;
    bool ok = true;
    for (int s = 0; s < WM_STAGE_COUNT; s++) { /* the stages' default plugins, in order */
        const char *def = wm_stages[s].default_plugin;
        if (!def || (pl->whatif && s > WM_STAGE_RISKS)) /* a re-plan stops after risks */
            continue;
        char wanted[128];
        snprintf(wanted, sizeof wanted, "%.*s%s", (int)strcspn(def, "%"), def,
                 strstr(def, "%s") ? wm_method_names[e->prioritisation.method] : "");
        char *name;
        const char *origin;
        char *file = wm_plugin_resolve(&pl->roots, wanted, e->dir, &name, &origin);
        if (!file) {
            report_not_found(pl, wanted, (wm_pos){0, 0}, false);
            ok = false;
            continue;
        }
        add_entry(pl, file, name, origin, NULL);
    }
    for (size_t i = 0; i < e->n_plugins; i++) {
        const wm_plugin_ref *ref = &e->plugins[i];
        char *name;
        const char *origin;
        char *file = wm_plugin_resolve(&pl->roots, ref->name, e->dir, &name, &origin);
        if (!file) {
            report_not_found(pl, ref->name, ref->pos, wm_plugin_is_path(ref->name));
            ok = false;
            continue;
        }
        entry *same = NULL;
        for (size_t k = 0; k < pl->n; k++)
            if (strcmp(pl->entries[k].name, name) == 0)
                same = &pl->entries[k];
        if (same) { /* configure in place */
            if (same->ref) {
                wm_diag_addf(pl->d, WM_ERROR, e->path, ref->pos, "list each plugin once",
                             "plugin '%s' is listed twice (first at line %u)", name,
                             same->ref->pos.line);
                ok = false;
            }
            same->ref = ref;
            free(file);
            free(name);
            continue;
        }
        add_entry(pl, file, name, origin, ref);
    }
    return ok;
}

/* ---- configuration ---- */

static bool config_value(pipeline *pl, wm_schema *s, const wm_value *opt, const wm_ynode *node,
                         const char *what, wm_value **out)
{
    wm_arena *a = &pl->plan->arena;
    const char *type = wm_vobj_str(opt, "type");
    double min = -1e300, max = 1e300, x;
    wm_vobj_num(opt, "min", &min);
    wm_vobj_num(opt, "max", &max);
    if (strcmp(type, "number") == 0) {
        if (!wm_get_number(s, node, what, min, max, &x))
            return false;
        *out = wm_vnum(a, x);
    } else if (strcmp(type, "integer") == 0) {
        long n;
        if (!wm_get_int(s, node, what, min < -9e15 ? -9000000000000000L : (long)min,
                        max > 9e15 ? 9000000000000000L : (long)max, &n))
            return false;
        *out = wm_vint(a, n);
    } else if (strcmp(type, "boolean") == 0) {
        bool b;
        if (!wm_get_bool(s, node, what, &b))
            return false;
        *out = wm_vbool(a, b);
    } else if (strcmp(type, "string") == 0) {
        const wm_value *en = wm_vobj_get(opt, "enum");
        if (en && en->kind == WM_VARR) {
            const char **values = WM_ARENA_NEW(a, const char *, en->u.arr.n + 1);
            for (size_t i = 0; i < en->u.arr.n; i++)
                values[i] = en->u.arr.items[i]->kind == WM_VSTR ? en->u.arr.items[i]->u.str.s : "";
            int k = wm_get_enum(s, node, what, values);
            if (k < 0)
                return false;
            *out = wm_vstr(a, values[k]);
        } else {
            const char *t = wm_get_text(s, node, what, false);
            if (!t)
                return false;
            *out = wm_vstr(a, t);
        }
    } else { /* list */
        const char **items;
        size_t n;
        if (!wm_get_text_list(s, node, what, false, &items, &n))
            return false;
        *out = wm_varr(a);
        for (size_t i = 0; i < n; i++)
            wm_varr_push(a, *out, wm_vstr(a, items[i]));
    }
    return true;
}

static bool configure(pipeline *pl, entry *en)
{
    wm_arena *a = &pl->plan->arena;
    en->config = wm_vobj(a);
    const wm_value *schema = en->p->schema;
    size_t n_opts = schema && schema->kind == WM_VOBJ ? schema->u.obj.n : 0;
    for (size_t i = 0; i < n_opts; i++) {
        const wm_value *opt = schema->u.obj.pairs[i].val, *def = wm_vobj_get(opt, "default");
        /* A number option is always a float, whether written 2 or 2.0. */
        wm_value *v = strcmp(wm_vobj_str(opt, "type"), "number") == 0 ? wm_vnum(a, wm_v_number(def))
                                                                      : wm_v_copy(a, def);
        wm_vobj_set(a, en->config, schema->u.obj.pairs[i].key, v);
    }
    const wm_ynode *cfg = en->ref ? en->ref->config : NULL;
    if (!cfg)
        return true;
    wm_schema s = {.arena = a, .diags = pl->d, .file = pl->e->path};
    const char **keys = WM_ARENA_NEW(a, const char *, n_opts + 1);
    for (size_t i = 0; i < n_opts; i++)
        keys[i] = schema->u.obj.pairs[i].key;
    bool ok = true;
    char where[160];
    snprintf(where, sizeof where, "the config of plugin '%s'", en->name);
    for (size_t i = 0; i < cfg->n; i++) {
        const wm_ynode *k = wm_ymap_key(cfg, i), *v = wm_ymap_value(cfg, i);
        if (n_opts == 0) {
            wm_schema_error(&s, k->pos, "remove 'config', or check the plugin's documentation",
                            "plugin '%s' takes no configuration", en->name);
            return false;
        }
        int idx = wm_key_index(&s, k, keys, where);
        if (idx < 0) {
            ok = false;
            continue;
        }
        char what[200];
        snprintf(what, sizeof what, "%s config.%s", en->name, keys[idx]);
        wm_value *val;
        if (config_value(pl, &s, schema->u.obj.pairs[idx].val, v, what, &val))
            wm_vobj_set(a, en->config, keys[idx], val);
        else
            ok = false;
    }
    return ok;
}

/* ---- running ---- */

static wm_value *make_ctx(pipeline *pl, const entry *en, const wm_value *engagement)
{
    wm_arena *a = &pl->plan->arena;
    wm_value *ctx = wm_vobj(a);
    wm_vobj_set(a, ctx, "config", en->config);
    wm_vobj_set(a, ctx, "engagement", (wm_value *)engagement);
    wm_value *run = wm_vobj(a);
    if (pl->date.dated) { /* an undated engagement has no run.date (docs/plugins.md) */
        char date[16];
        snprintf(date, sizeof date, "%04d-%02d-%02d", pl->date.day.year, pl->date.day.month,
                 pl->date.day.day);
        wm_vobj_set(a, run, "date", wm_vstr(a, date));
    }
    wm_vobj_set(a, run, "currency", wm_vstr(a, pl->e->engagement.currency));
    wm_vobj_set(a, run, "quarters", wm_v_copy(a, wm_vobj_get(pl->plan->root, "quarters")));
    wm_vobj_set(a, run, "tool_version", wm_vstr(a, WM_VERSION));
    wm_vobj_set(a, run, "api_version", wm_vint(a, 1));
    wm_vobj_set(a, ctx, "run", run);
    wm_value *plugin = wm_vobj(a);
    wm_vobj_set(a, plugin, "name", wm_vstr(a, en->name));
    wm_vobj_set(a, plugin, "version", wm_vstr(a, en->p->version));
    wm_vobj_set(a, ctx, "plugin", plugin);
    /* The loaded template (docs/playbooks.md); absent without a playbook. */
    if (pl->e->playbook.loaded)
        wm_vobj_set(a, ctx, "playbook", (wm_value *)pl->e->playbook.loaded);
    return ctx;
}

static void arm_watchdog(pipeline *pl, const entry *en, const char *stage)
{
    wm_plugin_watchdog(pl->e->path, en->name, en->file, stage, pl->limits.seconds + 2);
}

static void plugin_failed(pipeline *pl, const entry *en, const char *stage, const char *err)
{
    wm_diag_addf(pl->d, WM_ERROR, pl->e->path, ref_pos(en), NULL,
                 "plugin '%s' failed in its %s hook (%s):\n%s", en->name, stage, en->file, err);
}

/* validate hooks return { {level=, path=, message=}, ... } */
static bool take_validation(pipeline *pl, const entry *en, const wm_value *r, bool *input_error)
{
    if (r->kind == WM_VOBJ && r->u.obj.n == 0)
        return true;
    if (r->kind != WM_VARR) {
        plugin_failed(pl, en, "validate",
                      "validate result: expected a list of { level, path, message }");
        return false;
    }
    for (size_t i = 0; i < r->u.arr.n; i++) {
        const wm_value *item = r->u.arr.items[i];
        const char *level = wm_vobj_str(item, "level"), *msg = wm_vobj_str(item, "message");
        const char *path = wm_vobj_str(item, "path");
        if (!msg || !level || (strcmp(level, "error") != 0 && strcmp(level, "warning") != 0)) {
            char *e = wm_xasprintf("validate result[%zu]: needs level (\"error\" or \"warning\") "
                                   "and message",
                                   i + 1);
            plugin_failed(pl, en, "validate", e);
            free(e);
            return false;
        }
        bool is_error = strcmp(level, "error") == 0;
        *input_error |= is_error;
        char *cpath = wm_sanitize(path ? path : "", 200, false);
        char *cmsg = wm_sanitize(msg, 2000, false);
        wm_diag_addf(pl->d, is_error ? WM_ERROR : WM_WARNING, pl->e->path, ref_pos(en), NULL,
                     "%s%s%s (plugin '%s')", cpath, path ? ": " : "", cmsg, en->name);
        free(cpath);
        free(cmsg);
    }
    return true;
}

/* plan.plugins: every plugin that ran, and those about to run in the
 * document stage (so a document can list them). */
static void record_plugins(pipeline *pl)
{
    wm_arena *a = &pl->plan->arena;
    wm_value *list = wm_vobj_get(pl->plan->root, "plugins");
    list->u.arr.n = 0;
    for (size_t i = 0; i < pl->n; i++) {
        const entry *en = &pl->entries[i];
        if (!en->ran && !(en->p->hooks & (1u << WM_STAGE_DOCUMENT)))
            continue;
        wm_value *v = wm_vobj(a);
        wm_vobj_set(a, v, "name", wm_vstr(a, en->name));
        wm_vobj_set(a, v, "version", wm_vstr(a, en->p->version));
        wm_vobj_set(a, v, "sha256", wm_vstr(a, en->p->sha256));
        wm_vobj_set(a, v, "origin", wm_vstr(a, en->origin)); /* built-in, local, user, ... */
        wm_varr_push(a, list, v);
    }
}

/* A document hook returns a list of sections, which join those every
 * document plugin gives (a plugin adds sections; `after` may name
 * another's).  They are checked together, once, when the stage ends. */
static bool take_sections(pipeline *pl, const entry *en, const wm_value *result)
{
    wm_plan *plan = pl->plan;
    if (result->kind != WM_VARR) {
        plugin_failed(pl, en, "document",
                      "the document hook must return a list of sections "
                      "(waymark.section{...}), not a single value");
        return false;
    }
    wm_arena *a = &plan->arena;
    if (!plan->document)
        plan->document = wm_varr(a);
    size_t have = plan->document->u.arr.n, add = result->u.arr.n;
    plan->origins = wm_xrealloc(plan->origins, (have + add + 1) * sizeof *plan->origins);
    const char *name = wm_arena_strdup(a, en->name); /* lives as long as the plan */
    for (size_t k = 0; k < add; k++) {
        wm_varr_push(a, plan->document, result->u.arr.items[k]);
        plan->origins[have + k] = (wm_doc_origin){name, k};
    }
    return true;
}

/* The document, built once from every plugin's sections; a fault is
 * blamed on the plugin that gave the section it is in (on the last plugin
 * to run, for a fault of the whole, such as a cycle of `after`). */
static bool build_document(pipeline *pl, const entry *last)
{
    wm_plan *plan = pl->plan;
    wm_doc_error err;
    plan->doc = wm_doc_build(plan->document, plan->origins, &err);
    if (plan->doc)
        return true;
    const entry *en = last;
    for (size_t i = 0; err.plugin && i < pl->n; i++)
        if (strcmp(pl->entries[i].name, err.plugin) == 0)
            en = &pl->entries[i];
    char *msg = wm_xasprintf("the document hook returned an invalid document: %s: %s", err.path,
                             err.message);
    plugin_failed(pl, en, "document", msg);
    free(msg);
    wm_doc_error_free(&err);
    return false;
}

static int build(const wm_engagement *e, const wm_plan_opts *opts, bool whatif, wm_plan **out,
                 wm_diags *diags);

/* The cut line's re-plans (cutline.h): the same pipeline as a what-if,
 * estimate to risks, no Monte Carlo; the last plan is kept until the next
 * re-plan or the end of the cut lines. */
typedef struct {
    const wm_plan_opts *opts;
    wm_plan *last;
} replanner;

static const wm_value *replan(void *ctx, const wm_engagement *e, char **err)
{
    replanner *r = ctx;
    wm_plan_free(r->last);
    r->last = NULL;
    wm_diags d;
    wm_diags_init(&d);
    if (build(e, r->opts, true, &r->last, &d) != WM_EXIT_OK) {
        *err = wm_xstrdup(d.count ? d.items[0].message : "");
        wm_diags_free(&d);
        return NULL;
    }
    wm_diags_free(&d);
    return r->last->root;
}

static int run_stages(pipeline *pl)
{
    wm_arena *a = &pl->plan->arena;
    const wm_value *engagement = wm_engagement_value(a, pl->e);
    wm_value **ctx = wm_xcalloc(pl->n + 1, sizeof *ctx);
    for (size_t i = 0; i < pl->n; i++)
        ctx[i] = make_ctx(pl, &pl->entries[i], engagement);
    int status = WM_EXIT_OK;
    const entry *last_document = NULL; /* the last plugin to give sections */
    /* A what-if re-plan runs the stages that make the figures, and no more:
     * the engagement was validated by the plan it re-plans. */
    int first = pl->whatif ? WM_STAGE_ESTIMATE : 0;
    int last = pl->whatif ? WM_STAGE_RISKS : WM_STAGE_COUNT - 1;
    for (int s = first; s <= last && status == WM_EXIT_OK; s++) {
        if (wm_stages[s].adds == WM_ADDS_SECTIONS) { /* the appendix lists them */
            record_plugins(pl);
            /* What changed since the baseline, for the document (diff.h):
             * the plan is whole but for its playbook and document. */
            if (pl->opts->baseline) {
                const char *slash = strrchr(pl->e->path, '/');
                wm_vobj_set(
                    a, pl->plan->root, "changes",
                    wm_diff(a, pl->opts->baseline, pl->plan->root,
                            pl->opts->baseline_label ? pl->opts->baseline_label : "the baseline",
                            slash ? slash + 1 : pl->e->path));
            }
        }
        size_t chosen = (size_t)-1;
        if (wm_stage_exclusive((wm_stage)s))
            for (size_t i = 0; i < pl->n; i++)
                if (pl->entries[i].p->hooks & (1u << s))
                    chosen = i;
        bool input_error = false;
        for (size_t i = 0; i < pl->n && status == WM_EXIT_OK; i++) {
            entry *en = &pl->entries[i];
            if (!(en->p->hooks & (1u << s)) || (chosen != (size_t)-1 && chosen != i))
                continue;
            wm_value *result;
            char *err;
            en->ran = true;
            if (pl->opts->watchdog)
                arm_watchdog(pl, en, wm_stage_names[s]);
            double t0 = wm_clock_ms();
            bool called = wm_plugin_call(en->p, (wm_stage)s, pl->plan->root, ctx[i], &pl->limits, a,
                                         &result, &err);
            if (pl->opts->watchdog)
                wm_watchdog_disarm();
            if (wm_timings_enabled())
                fprintf(stderr, "timing: %-22s %-10s %8.2f ms\n", en->name, wm_stage_names[s],
                        wm_clock_ms() - t0);
            if (!called) {
                plugin_failed(pl, en, wm_stage_names[s], err);
                free(err);
                status = WM_EXIT_PLUGIN;
                break;
            }
            if (!result)
                continue;
            if (wm_stages[s].adds == WM_ADDS_DIAGNOSTICS) {
                if (!take_validation(pl, en, result, &input_error))
                    status = WM_EXIT_PLUGIN;
            } else if (wm_stages[s].adds == WM_ADDS_SECTIONS) {
                last_document = en;
                if (!take_sections(pl, en, result))
                    status = WM_EXIT_PLUGIN;
            } else if (!wm_plan_merge(a, pl->plan->root, result, pl->e, &err)) {
                char *msg = wm_xasprintf("the %s hook returned an invalid plan: %s",
                                         wm_stage_names[s], err);
                plugin_failed(pl, en, wm_stage_names[s], msg);
                free(msg);
                free(err);
                status = WM_EXIT_PLUGIN;
            }
        }
        if (input_error && status == WM_EXIT_OK)
            status = WM_EXIT_INPUT;
        /* A plugin with no hooks in later stages gives its memory back now:
         * with hundreds of initiatives each state holds a copy of the plan. */
        for (size_t i = 0; i < pl->n; i++)
            if ((pl->entries[i].p->hooks >> (s + 1)) == 0)
                wm_plugin_retire(pl->entries[i].p);
        /* The figures are known: the cut lines (cutline.c), before the
         * playbook and the document, which read them. */
        if (s == WM_STAGE_RISKS && !pl->whatif && status == WM_EXIT_OK) {
            replanner r = {pl->opts, NULL};
            wm_replanner with = {replan, &r};
            wm_cut_lines(pl->e, &with, &pl->plan->arena, pl->plan->root, pl->d);
            wm_plan_free(r.last);
        }
    }
    free(ctx);
    if (status == WM_EXIT_OK && pl->plan->document && !build_document(pl, last_document))
        status = WM_EXIT_PLUGIN;
    if (status != WM_EXIT_OK)
        return status;
    char *err;
    if (!wm_plan_check_final(pl->plan->root, &err)) {
        wm_diag_addf(pl->d, WM_ERROR, pl->e->path, (wm_pos){0, 0},
                     "a plugin that replaces a default must fill what the default filled",
                     "the plan is incomplete: %s", err);
        free(err);
        return WM_EXIT_PLUGIN;
    }
    /* The engagement asked for a playbook; a plan without one would be a
     * deliverable silently missing its handover part. */
    const wm_value *pb = wm_vobj_get(pl->plan->root, "playbook");
    if (!pl->whatif && pl->e->playbook.loaded && (!pb || pb->kind == WM_VNULL)) {
        wm_diag_addf(pl->d, WM_ERROR, pl->e->path, (wm_pos){0, 0},
                     "keep playbook/handover in the pipeline, or a plugin that fills "
                     "plan.playbook (docs/playbooks.md)",
                     "the engagement has a playbook but no plugin filled plan.playbook");
        return WM_EXIT_PLUGIN;
    }
    return WM_EXIT_OK;
}

static int build(const wm_engagement *e, const wm_plan_opts *opts, bool whatif, wm_plan **out,
                 wm_diags *diags)
{
    static const wm_plan_opts none = {0};
    if (!opts)
        opts = &none;
    *out = NULL;
    pipeline pl = {.e = e, .opts = opts, .d = diags, .whatif = whatif};
    char *date_err = NULL;
    if (!wm_document_date(e->engagement.date_set ? &e->engagement.date : NULL, &pl.date,
                          &date_err)) {
        wm_diag_add(diags, WM_ERROR, e->path, (wm_pos){0, 0}, date_err, WM_SOURCE_DATE_EPOCH_HINT);
        free(date_err);
        return WM_EXIT_USAGE;
    }
    pl.limits = wm_plugin_limits(opts);
    pl.plan = wm_xcalloc(1, sizeof *pl.plan);
    wm_arena_init(&pl.plan->arena);
    pl.plan->root = wm_plan_skeleton(&pl.plan->arena, e);
    pl.plan->dated = e->engagement.date_set;
    pl.plan->date = e->engagement.date;
    wm_plugin_roots_init(&pl.roots, opts->plugin_dirs, opts->n_plugin_dirs, e->dir);

    int status = assemble(&pl) ? WM_EXIT_OK : WM_EXIT_INPUT;
    wm_sandbox_host host = {
        .currency = e->engagement.currency, .verbose = opts->verbose, .no_simulate = whatif};
    for (size_t i = 0; i < pl.n && status == WM_EXIT_OK; i++) {
        entry *en = &pl.entries[i];
        char *err;
        double t0 = wm_clock_ms();
        en->p = wm_plugin_open_limited(en->file, en->name, en->origin, &host, opts, e->path,
                                       &pl.plan->arena, &err);
        if (wm_timings_enabled())
            fprintf(stderr, "timing: %-22s %-10s %8.2f ms\n", en->name, "load", wm_clock_ms() - t0);
        if (!en->p) {
            wm_diag_addf(diags, WM_ERROR, e->path, ref_pos(en), NULL,
                         "plugin '%s' cannot be loaded (%s):\n%s", en->name, en->file, err);
            free(err);
            status = WM_EXIT_PLUGIN;
            break;
        }
        for (size_t w = 0; w < en->p->n_warnings; w++)
            wm_diag_addf(diags, WM_WARNING, en->file, (wm_pos){0, 0}, NULL, "%s",
                         en->p->warnings[w]);
    }
    for (size_t i = 0; i < pl.n && status == WM_EXIT_OK; i++)
        if (!configure(&pl, &pl.entries[i]))
            status = WM_EXIT_INPUT;
    if (status == WM_EXIT_OK) {
        /* Each plugin's state gets the hook limits from now on. */
        for (size_t i = 0; i < pl.n; i++)
            wm_sandbox_arm(pl.entries[i].p->sb, &pl.limits);
        status = run_stages(&pl);
    }
    for (size_t i = 0; i < pl.n; i++) {
        wm_plugin_close(pl.entries[i].p);
        free(pl.entries[i].file);
        free(pl.entries[i].name);
    }
    free(pl.entries);
    wm_plugin_roots_free(&pl.roots);
    if (status != WM_EXIT_OK) {
        wm_plan_free(pl.plan);
        return status;
    }
    *out = pl.plan;
    return WM_EXIT_OK;
}

int wm_plan_build(const wm_engagement *e, const wm_plan_opts *opts, wm_plan **out, wm_diags *diags)
{
    return build(e, opts, false, out, diags);
}

void wm_plan_free(wm_plan *p)
{
    if (!p)
        return;
    wm_doc_free(p->doc);
    free(p->origins);
    wm_arena_free(&p->arena);
    free(p);
}

const wm_value *wm_plan_root(const wm_plan *p)
{
    return p->root;
}

const wm_doc *wm_plan_doc(const wm_plan *p)
{
    return p->doc;
}

const wm_value *wm_plan_sections(const wm_plan *p)
{
    return p->document;
}

bool wm_plan_date(const wm_plan *p, wm_date *out)
{
    if (p->dated)
        *out = p->date;
    return p->dated;
}

char *wm_plan_json(const wm_plan *p)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_v_json(p->root, &b, 2);
    wm_buf_putc(&b, '\n');
    return wm_buf_steal(&b);
}
