/*
 * plugin.h - finding, loading and calling plugins (plugins.md).
 *
 * A plugin is a Lua file (or a folder with init.lua) whose main chunk
 * returns { name, version, api_version, description, config, hooks }.  Its
 * name is its path under a plugins folder ("prioritise/wsjf"), or the file
 * or folder name when the engagement names it by path.
 *
 * Search order for a name: each --plugins-dir, the engagement's ./plugins,
 * $XDG_DATA_HOME/waymark/plugins, then the built-in plugins.
 */
#ifndef WM_PLUGIN_H
#define WM_PLUGIN_H

#include "../base/value.h"
#include "sandbox.h"
#include "stages.h"

typedef struct {
    char *dir;
    const char *origin; /* "option", "local", "user", "built-in" */
} wm_plugin_root;

typedef struct {
    wm_plugin_root *items;
    size_t n;
} wm_plugin_roots;

/* The search path for an engagement in `engagement_dir` (may be NULL). */
void wm_plugin_roots_init(wm_plugin_roots *r, char *const *extra_dirs, size_t n_extra,
                          const char *engagement_dir);
void wm_plugin_roots_free(wm_plugin_roots *r);

typedef struct wm_plugin {
    char *name;
    char *path; /* the Lua file that was loaded */
    char *dir;  /* its folder, for require */
    const char *origin;
    char *version;
    char *description;
    char sha256[65];            /* of the loaded file */
    unsigned hooks;             /* bit (1 << stage) per hook present */
    wm_value *schema;           /* config schema as data: name -> {type, default, ...} */
    wm_sandbox *sb;             /* the plugin's own state */
    int table_ref;              /* registry reference to the returned table */
    const wm_value *ctx_pushed; /* the ctx last pushed into the state ... */
    int ctx_ref;                /* ... and its registry reference */
    char **warnings;            /* metadata warnings (unknown keys) */
    size_t n_warnings;
} wm_plugin;

/* Resolve a plugin as the engagement wrote it: a name ("prioritise/rice") is
 * looked up on the search path; a path ("./x.lua", "../p/", "/abs/y.lua") is
 * taken relative to the engagement's folder.  Returns the file to load and
 * sets *name and *origin; NULL when not found (the caller reports). */
char *wm_plugin_resolve(const wm_plugin_roots *roots, const char *written, const char *base_dir,
                        char **name, const char **origin);

/* True when `written` is a path (./x, ../x, /x or *.lua) rather than a name. */
bool wm_plugin_is_path(const char *written);
/* Plugin names: lower-case letters, digits, '_' and '-', in '/'-separated
 * segments that do not start with '_'. */
bool wm_plugin_valid_name(const char *name);

/* Load a plugin file: a fresh sandbox, the main chunk under the load limits
 * (wm_limits_load of `hook`, the limits its hooks will run under; NULL:
 * WM_LIMITS_HOOK), the metadata checked.  `seed` seeds its math.random;
 * `arena` holds the schema value.  On failure returns NULL with *err set
 * (caller frees). */
wm_plugin *wm_plugin_open(const char *path, const char *name, const char *origin, uint64_t seed,
                          const wm_sandbox_host *host, const wm_limits *hook, wm_arena *arena,
                          char **err);

/* The limits a command gives plugins: WM_LIMITS_HOOK, with --plugin-timeout,
 * --plugin-memory and the instruction budget of `opts` where set. */
wm_limits wm_plugin_limits(const wm_plan_opts *opts);

/* Arms the watchdog (core/base/watchdog.h) around one plugin call: unless
 * disarmed within `seconds`, the process ends with exit 3 and a message that
 * starts with `where` (the engagement file, or "waymark plugins") and names
 * the plugin, its file and the `stage` ("load" or a hook's name). */
void wm_plugin_watchdog(const char *where, const char *name, const char *file, const char *stage,
                        double seconds);

/* wm_plugin_open for a command: under wm_plugin_limits(opts), and, when
 * opts->watchdog, with the watchdog armed around the main chunk (a call the
 * Lua limits cannot stop, such as a pathological pattern match, ends the
 * process with exit 3 instead of hanging it).  Every command that loads a
 * plugin goes through here, so each arms the same limits. */
wm_plugin *wm_plugin_open_limited(const char *path, const char *name, const char *origin,
                                  const wm_sandbox_host *host, const wm_plan_opts *opts,
                                  const char *where, wm_arena *arena, char **err);
void wm_plugin_close(wm_plugin *p);
/* Free the plugin's Lua state once it has no hooks left to run (its
 * metadata stays for the plan's plugins list); calls fail after this. */
void wm_plugin_retire(wm_plugin *p);

/* Call the plugin's hook for `stage` with (plan, ctx).  *result is the
 * returned value (NULL when the hook returned nothing).  On failure returns
 * false with *err set (caller frees): the Lua message and traceback, or the
 * path to what was wrong in the result. */
bool wm_plugin_call(wm_plugin *p, wm_stage stage, const wm_value *plan, const wm_value *ctx,
                    const wm_limits *limits, wm_arena *arena, wm_value **result, char **err);

/* Every plugin found on the search path, first occurrence of each name
 * first; the caller frees each with wm_plugin_close and the array. */
typedef struct {
    char *name, *path;
    const char *origin;
    bool shadowed; /* a plugin of the same name earlier on the path wins */
} wm_plugin_found;
wm_plugin_found *wm_plugin_list(const wm_plugin_roots *roots, size_t *n);
void wm_plugin_found_free(wm_plugin_found *f, size_t n);

#endif /* WM_PLUGIN_H */
