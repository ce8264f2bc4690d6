/*
 * plugin.c - plugin discovery, loading with metadata checks, and hook calls
 * (see plugin.h).
 */
#define _DEFAULT_SOURCE
#include "plugin.h"

#include <dirent.h>
#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/file.h"
#include "../base/paths.h"
#include "../base/watchdog.h"
#include "api.h"
#include "marshal.h"

/* ---- Search path ---- */

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void add_root(wm_plugin_roots *r, char *dir, const char *origin)
{
    r->items = wm_xrealloc(r->items, (r->n + 1) * sizeof *r->items);
    r->items[r->n].dir = dir;
    r->items[r->n].origin = origin;
    r->n++;
}

void wm_plugin_roots_init(wm_plugin_roots *r, char *const *extra_dirs, size_t n_extra,
                          const char *engagement_dir)
{
    r->items = NULL;
    r->n = 0;
    for (size_t i = 0; i < n_extra; i++)
        add_root(r, wm_xstrdup(extra_dirs[i]), "option");
    if (engagement_dir)
        add_root(r, wm_path_join(engagement_dir, "plugins"), "local");
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        add_root(r, wm_xasprintf("%s/waymark/plugins", xdg), "user");
    else if (home && home[0])
        add_root(r, wm_xasprintf("%s/.local/share/waymark/plugins", home), "user");
    add_root(r, wm_xasprintf("%s/plugins", wm_data_dir()), "built-in");
}

void wm_plugin_roots_free(wm_plugin_roots *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->items[i].dir);
    free(r->items);
    r->items = NULL;
    r->n = 0;
}

static bool valid_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 100 || name[0] == '/' || name[n - 1] == '/')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        /* A segment starting with '_' is a private module for require. */
        if (c == '_' && (i == 0 || name[i - 1] == '/'))
            return false;
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                  (c == '/' && name[i + 1] != '/');
        if (!ok)
            return false;
    }
    return true;
}

bool wm_plugin_is_path(const char *w)
{
    size_t n = strlen(w);
    return w[0] == '/' || strncmp(w, "./", 2) == 0 || strncmp(w, "../", 3) == 0 ||
           (n > 4 && strcmp(w + n - 4, ".lua") == 0);
}

bool wm_plugin_valid_name(const char *name)
{
    return valid_name(name);
}

/* dir/name.lua or dir/name/init.lua, or NULL. */
static char *find_in(const char *dir, const char *name)
{
    char *p = wm_xasprintf("%s/%s.lua", dir, name);
    if (is_file(p))
        return p;
    free(p);
    p = wm_xasprintf("%s/%s/init.lua", dir, name);
    if (is_file(p))
        return p;
    free(p);
    return NULL;
}

char *wm_plugin_resolve(const wm_plugin_roots *roots, const char *written, const char *base_dir,
                        char **name, const char **origin)
{
    *name = NULL;
    if (wm_plugin_is_path(written)) {
        char *path = wm_path_join(base_dir, written);
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/')
            path[--n] = '\0';
        char *file = NULL;
        if (is_dir(path)) {
            file = wm_xasprintf("%s/init.lua", path);
            if (!is_file(file)) {
                free(file);
                file = NULL;
            } else {
                *name = wm_stem(path);
            }
        } else if (is_file(path)) {
            file = wm_xstrdup(path);
            *name = wm_stem(path);
        }
        free(path);
        *origin = "engagement";
        return file;
    }
    /* A private module ("prioritise/_inputs", "_types/waymark") is found
     * by `require` only, never as a plugin, as in the listing. */
    if (!valid_name(written))
        return NULL;
    for (size_t i = 0; i < roots->n; i++) {
        char *file = find_in(roots->items[i].dir, written);
        if (file) {
            *name = wm_xstrdup(written);
            *origin = roots->items[i].origin;
            return file;
        }
    }
    return NULL;
}

/* ---- Listing ---- */

typedef struct {
    wm_plugin_found *items;
    size_t n, cap;
} found_list;

static void walk(found_list *out, const char *root, const char *origin, const char *prefix,
                 int depth)
{
    char *dir = prefix[0] ? wm_xasprintf("%s/%s", root, prefix) : wm_xstrdup(root);
    DIR *d = opendir(dir);
    if (!d) {
        free(dir);
        return;
    }
    /* Sorted entries, so the listing is the same on every file system. */
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || n >= 10000)
            continue;
        names = wm_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = wm_xstrdup(de->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        char *path = wm_xasprintf("%s/%s", dir, names[i]);
        char *rel = prefix[0] ? wm_xasprintf("%s/%s", prefix, names[i]) : wm_xstrdup(names[i]);
        size_t len = strlen(rel);
        char *file = NULL, *name = NULL;
        if (is_dir(path)) {
            file = wm_xasprintf("%s/init.lua", path);
            if (is_file(file)) {
                name = wm_xstrdup(rel);
            } else {
                free(file);
                file = NULL;
                if (depth < 4)
                    walk(out, root, origin, rel, depth + 1);
            }
        } else if (len > 4 && strcmp(rel + len - 4, ".lua") == 0) {
            file = wm_xstrdup(path);
            name = wm_xstrndup(rel, len - 4);
        }
        if (name && valid_name(name)) {
            bool shadowed = false;
            for (size_t k = 0; k < out->n; k++)
                if (strcmp(out->items[k].name, name) == 0)
                    shadowed = true;
            WM_GROW(out->items, out->cap, out->n + 1);
            out->items[out->n++] = (wm_plugin_found){name, file, origin, shadowed};
        } else {
            free(name);
            free(file);
        }
        free(path);
        free(rel);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
}

wm_plugin_found *wm_plugin_list(const wm_plugin_roots *roots, size_t *n)
{
    found_list out = {NULL, 0, 0};
    for (size_t i = 0; i < roots->n; i++)
        walk(&out, roots->items[i].dir, roots->items[i].origin, "", 0);
    *n = out.n;
    return out.items;
}

void wm_plugin_found_free(wm_plugin_found *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].name);
        free(f[i].path);
    }
    free(f);
}

/* ---- Loading: run the main chunk, check what it returns ---- */

static const char *const META_KEYS[] = {"name",  "version", "api_version", "description", "config",
                                        "hooks", "author",  "homepage",    "license",     NULL};

typedef struct {
    char name[128], version[64], description[600];
    lua_Integer api_version;
    bool has_api_version;
    unsigned hooks;
    char error[400];
    char warnings[4][200];
    int n_warnings;
} meta;

static int meta_error(lua_State *L, meta *m, const char *fmt, ...) WM_PRINTF(3, 4);

static int meta_error(lua_State *L, meta *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->error, sizeof m->error, fmt, ap);
    va_end(ap);
    (void)L;
    return 0;
}

static bool copy_string_field(lua_State *L, int t, const char *key, char *out, size_t size, meta *m,
                              bool required)
{
    lua_pushstring(L, key);
    int type = lua_rawget(L, t);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        if (required)
            meta_error(L, m, "the plugin table has no '%s'%s", key,
                       strcmp(key, "version") == 0 ? " (a version such as \"1.0.0\")" : "");
        return !required;
    }
    if (type != LUA_TSTRING) {
        meta_error(L, m, "'%s' must be a string, not a %s", key, lua_typename(L, type));
        lua_pop(L, 1);
        return false;
    }
    snprintf(out, size, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    return true;
}

static int read_meta(lua_State *L)
{
    meta *m = lua_touserdata(L, 1);
    int t = 2; /* the table the plugin returned */
    if (lua_type(L, t) != LUA_TTABLE)
        return meta_error(L, m, "the plugin must return a table (got %s%s)",
                          lua_typename(L, lua_type(L, t)),
                          lua_isnil(L, t) ? "; is 'return { ... }' missing?" : "");
    if (!copy_string_field(L, t, "name", m->name, sizeof m->name, m, true) ||
        !copy_string_field(L, t, "version", m->version, sizeof m->version, m, true) ||
        !copy_string_field(L, t, "description", m->description, sizeof m->description, m, false))
        return 0;
    lua_pushliteral(L, "api_version");
    if (lua_rawget(L, t) != LUA_TNUMBER || !lua_isinteger(L, -1))
        return meta_error(L, m, "%s%s",
                          "'api_version' must be an integer (this Waymark supports 1)", "");
    m->api_version = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_pushliteral(L, "hooks");
    if (lua_rawget(L, t) != LUA_TTABLE)
        return meta_error(L, m, "%s%s", "'hooks' must be a table of stage name = function", "");
    int h = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, h)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return meta_error(L, m, "%s%s", "'hooks' keys must be stage names", "");
        const char *k = lua_tostring(L, -2);
        int stage = wm_stage_find(k);
        if (stage < 0) {
            const char *near = wm_suggest_list(k, wm_stage_names);
            char hint[80] = "";
            if (near)
                snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
            return meta_error(L, m, "unknown hook '%s'%s", k, hint);
        }
        if (lua_type(L, -1) != LUA_TFUNCTION)
            return meta_error(L, m, "hook '%s' must be a function, not a %s", k,
                              lua_typename(L, lua_type(L, -1)));
        m->hooks |= 1u << stage;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    /* Unknown top-level keys are warnings: they are usually typos. */
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        bool known = false;
        for (int i = 0; k && META_KEYS[i]; i++)
            known |= strcmp(k, META_KEYS[i]) == 0;
        if (!known && m->n_warnings < 4) { /* sorted below: lua_next order varies */
            const char *near = k ? wm_suggest_list(k, META_KEYS) : NULL;
            snprintf(m->warnings[m->n_warnings++], sizeof m->warnings[0],
                     "the plugin table has an unknown key '%s'%s%s%s", k ? k : "(not a string)",
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
        }
    }
    return 0;
}

static const char *const SCHEMA_TYPES[] = {"number", "integer", "string", "boolean", "list", NULL};
static const char *const SCHEMA_KEYS[] = {"type", "default",     "min", "max",
                                          "enum", "description", NULL};

/* The config schema: name -> { type, default, min, max, enum, description }. */
static bool check_schema(const wm_value *schema, char **err)
{
    if (schema->kind == WM_VARR && schema->u.arr.n == 0)
        return true;
    if (schema->kind != WM_VOBJ) {
        *err = wm_xstrdup("'config' must be a table of option = { type = ..., default = ... }");
        return false;
    }
    for (size_t i = 0; i < schema->u.obj.n; i++) {
        const char *key = schema->u.obj.pairs[i].key;
        const wm_value *opt = schema->u.obj.pairs[i].val;
        if (opt->kind != WM_VOBJ) {
            *err = wm_xasprintf("config option '%s' must be a table { type = ..., default = ... }",
                                key);
            return false;
        }
        for (size_t j = 0; j < opt->u.obj.n; j++) {
            const char *k = opt->u.obj.pairs[j].key;
            bool known = false;
            for (int s = 0; SCHEMA_KEYS[s]; s++)
                known |= strcmp(k, SCHEMA_KEYS[s]) == 0;
            if (!known) {
                *err = wm_xasprintf("config option '%s' has an unknown field '%s'", key, k);
                return false;
            }
        }
        const char *type = wm_vobj_str(opt, "type");
        bool ok = false;
        for (int s = 0; type && SCHEMA_TYPES[s]; s++)
            ok |= strcmp(type, SCHEMA_TYPES[s]) == 0;
        if (!ok) {
            *err = wm_xasprintf("config option '%s' needs a type: number, integer, string, "
                                "boolean or list",
                                key);
            return false;
        }
        const wm_value *def = wm_vobj_get(opt, "default");
        if (!def) {
            *err = wm_xasprintf("config option '%s' needs a default", key);
            return false;
        }
        bool fits = strcmp(type, "number") == 0    ? wm_v_is_number(def)
                    : strcmp(type, "integer") == 0 ? def->kind == WM_VINT
                    : strcmp(type, "string") == 0  ? def->kind == WM_VSTR
                    : strcmp(type, "boolean") == 0 ? def->kind == WM_VBOOL
                                                   : def->kind == WM_VARR;
        if (!fits) {
            *err = wm_xasprintf("config option '%s': the default is not of type %s", key, type);
            return false;
        }
        double lo, hi;
        if (wm_v_is_number(def) && ((wm_vobj_num(opt, "min", &lo) && wm_v_number(def) < lo) ||
                                    (wm_vobj_num(opt, "max", &hi) && wm_v_number(def) > hi))) {
            *err = wm_xasprintf("config option '%s': the default is outside min..max", key);
            return false;
        }
    }
    return true;
}

static int push_config_field(lua_State *L)
{
    lua_pushliteral(L, "config");
    lua_rawget(L, 2);
    return 1;
}

static int cmp_warning(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static uint64_t name_seed(const char *name, uint64_t seed)
{
    uint64_t h = 1469598103934665603u ^ seed;
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211u;
    return h;
}

wm_plugin *wm_plugin_open(const char *path, const char *name, const char *origin, uint64_t seed,
                          const wm_sandbox_host *host, const wm_limits *hook, wm_arena *arena,
                          char **err)
{
    const wm_limits load = wm_limits_load(hook);
    *err = NULL;
    wm_plugin *p = wm_xcalloc(1, sizeof *p);
    p->name = wm_xstrdup(name);
    p->path = wm_xstrdup(path);
    p->dir = wm_dirname(path);
    p->origin = origin;
    p->table_ref = LUA_NOREF;
    p->ctx_ref = LUA_NOREF;

    p->sb = wm_sandbox_new(&load, p->dir, name_seed(name, seed), err);
    if (!p->sb || !wm_sandbox_cpcall(p->sb, wm_api_open, NULL, 0, 0, err))
        goto fail;
    wm_sandbox_host h = *host;
    h.plugin = p->name;
    wm_sandbox_set_host(p->sb, &h);
    lua_State *L = wm_sandbox_state(p->sb);
    if (!wm_sandbox_loadfile(p->sb, path, p->sha256, err))
        goto fail;
    wm_sandbox_arm(p->sb, &load);
    if (!wm_sandbox_pcall(p->sb, 0, 1, err))
        goto fail;

    meta *m = wm_xcalloc(1, sizeof *m);
    bool ok = wm_sandbox_cpcall(p->sb, read_meta, m, -1, 0, err);
    if (ok && m->error[0]) {
        *err = wm_xstrdup(m->error);
        ok = false;
    }
    if (ok && m->api_version != WM_API_VERSION) {
        *err = wm_xasprintf("the plugin is written for api_version %lld; this Waymark supports "
                            "api_version %d",
                            (long long)m->api_version, WM_API_VERSION);
        ok = false;
    }
    if (ok && strcmp(m->name, name) != 0) {
        char *shown = wm_sanitize(m->name, 100, false);
        *err = wm_xasprintf("the plugin calls itself '%s' but is found as '%s' (its name must "
                            "match where it lives)",
                            shown, name);
        free(shown);
        ok = false;
    }
    if (!ok) {
        free(m);
        goto fail;
    }
    p->version = wm_xstrdup(m->version);
    p->description = wm_xstrdup(m->description);
    p->hooks = m->hooks;
    qsort(m->warnings, (size_t)m->n_warnings, sizeof m->warnings[0], cmp_warning);
    for (int i = 0; i < m->n_warnings; i++) {
        p->warnings = wm_xrealloc(p->warnings, (p->n_warnings + 1) * sizeof *p->warnings);
        p->warnings[p->n_warnings++] = wm_xstrdup(m->warnings[i]);
    }

    /* The config schema is plain data: read it like a result. */
    if (!wm_sandbox_cpcall(p->sb, push_config_field, m, -1, 1, err)) {
        free(m);
        goto fail;
    }
    free(m);
    if (!lua_isnil(L, -1)) {
        wm_lua_reader r = {.arena = arena, .root = "config"};
        if (!wm_sandbox_cpcall(p->sb, wm_lua_read, &r, -1, 0, err))
            goto fail;
        if (!r.result) {
            *err = wm_xstrdup(r.error);
            goto fail;
        }
        if (!check_schema(r.result, err))
            goto fail;
        p->schema = r.result;
    }
    lua_pop(L, 1);
    p->table_ref = luaL_ref(L, LUA_REGISTRYINDEX); /* cannot fail: stack has room */
    return p;

fail:
    wm_plugin_close(p);
    return NULL;
}

void wm_plugin_retire(wm_plugin *p)
{
    if (p) {
        wm_sandbox_free(p->sb);
        p->sb = NULL;
    }
}

void wm_plugin_close(wm_plugin *p)
{
    if (!p)
        return;
    wm_sandbox_free(p->sb);
    for (size_t i = 0; i < p->n_warnings; i++)
        free(p->warnings[i]);
    free(p->warnings);
    free(p->name);
    free(p->path);
    free(p->dir);
    free(p->version);
    free(p->description);
    free(p);
}

/* ---- Calling a hook ---- */

typedef struct {
    wm_plugin *p;
    wm_stage stage;
    const wm_value *plan, *ctx;
} call_args;

static int push_call(lua_State *L)
{
    call_args *a = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, a->p->table_ref);
    lua_pushliteral(L, "hooks");
    lua_rawget(L, -2);
    lua_pushstring(L, wm_stage_names[a->stage]);
    lua_rawget(L, -2);
    lua_remove(L, -2);
    lua_remove(L, -2);
    wm_lua_push(L, a->plan);
    /* ctx does not change between a plugin's hooks: push it once per state.
     * (A hook that writes into ctx sees its own writes in its later hooks.) */
    if (a->p->ctx_pushed == a->ctx) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, a->p->ctx_ref);
    } else {
        wm_lua_push(L, a->ctx);
        lua_pushvalue(L, -1);
        a->p->ctx_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        a->p->ctx_pushed = a->ctx;
    }
    return 3;
}

bool wm_plugin_call(wm_plugin *p, wm_stage stage, const wm_value *plan, const wm_value *ctx,
                    const wm_limits *limits, wm_arena *arena, wm_value **result, char **err)
{
    *result = NULL;
    *err = NULL;
    lua_State *L = wm_sandbox_state(p->sb);
    int top = lua_gettop(L);
    call_args a = {p, stage, plan, ctx};
    wm_sandbox_arm(p->sb, limits);
    if (!wm_sandbox_cpcall(p->sb, push_call, &a, 0, 3, err))
        return false;
    wm_sandbox_arm(p->sb, limits);
    if (!wm_sandbox_pcall(p->sb, 2, 1, err))
        return false;
    bool ok = true;
    if (!lua_isnil(L, -1)) {
        char root[40];
        snprintf(root, sizeof root, "%s result", wm_stage_names[stage]);
        wm_lua_reader r = {.arena = arena, .root = root};
        ok = wm_sandbox_cpcall(p->sb, wm_lua_read, &r, -1, 0, err);
        if (ok && !r.result) {
            *err = wm_xstrdup(r.error);
            ok = false;
        }
        *result = ok ? r.result : NULL;
    }
    lua_settop(L, top);
    return ok;
}

/* ---- Opening a plugin for a command ---- */

wm_limits wm_plugin_limits(const wm_plan_opts *opts)
{
    wm_limits l = WM_LIMITS_HOOK;
    if (opts && opts->plugin_seconds > 0)
        l.seconds = opts->plugin_seconds;
    if (opts && opts->plugin_memory > 0)
        l.memory = opts->plugin_memory;
    if (opts && opts->plugin_instructions > 0)
        l.instructions = opts->plugin_instructions;
    return l;
}

/* Lua's own deadline trips first for Lua code; the watchdog is for a C-level
 * call that never comes back to the interpreter. */
void wm_plugin_watchdog(const char *where, const char *name, const char *file, const char *stage,
                        double seconds)
{
    char msg[400];
    snprintf(msg, sizeof msg,
             "%s: error: plugin '%s' did not return from its %s hook within %.3g s (%s): it was "
             "stopped from outside, because it was in a call the Lua limits cannot interrupt "
             "(such as a pathological pattern match or a long library call); nothing was written",
             where, name, stage, seconds, file);
    wm_watchdog_arm(seconds, msg, WM_EXIT_PLUGIN);
}

wm_plugin *wm_plugin_open_limited(const char *path, const char *name, const char *origin,
                                  const wm_sandbox_host *host, const wm_plan_opts *opts,
                                  const char *where, wm_arena *arena, char **err)
{
    wm_limits hook = wm_plugin_limits(opts);
    bool guard = opts && opts->watchdog;
    if (guard) {
        fflush(NULL); /* what was printed so far survives the watchdog's exit */
        wm_plugin_watchdog(where, name, path, "load", hook.seconds + 2);
    }
    wm_plugin *p = wm_plugin_open(path, name, origin, 1, host, &hook, arena, err);
    if (guard)
        wm_watchdog_disarm();
    return p;
}
