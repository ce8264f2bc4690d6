/*
 * sandbox.h - one Lua 5.4 state per (engagement, plugin), locked down.
 *
 * What a plugin gets: base (without dofile, loadfile, print, warn; `load`
 * text-only; `setmetatable` refusing __gc; `collectgarbage` counting only),
 * string (without dump), table, math (seeded by the host, no randomseed),
 * utf8, a `require` that loads only from the plugin's own folder, and the
 * host's `waymark` module (api.c).  No io, os, package, debug, coroutine.
 *
 * Limits: a capped allocator per state; an instruction budget and a
 * wall-clock deadline per call, enforced by a count hook that, once tripped,
 * fires on every instruction so `pcall` cannot swallow it.  A C-level call
 * that runs long (a pathological pattern match) is beyond any hook: batch
 * runs put each engagement in its own process for that.
 *
 * Every Lua API call that can raise an error runs under protection
 * (wm_sandbox_pcall / wm_sandbox_cpcall): with a memory cap even a push can
 * fail, and an unprotected error would abort the process.
 */
#ifndef WM_SANDBOX_H
#define WM_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t memory;         /* bytes per state */
    uint64_t instructions; /* per call */
    double seconds;        /* wall clock per call */
} wm_limits;

/* Defaults that stop a runaway in about a second. */
#define WM_LIMITS_HOOK ((wm_limits){64u << 20, 200000000u, 2.0})
/* The plugin file's main chunk: metadata only, so a small budget. */
#define WM_LIMITS_LOAD ((wm_limits){64u << 20, 5000000u, 0.5})

/* The limits for loading a plugin whose hooks run under `hook`: the load
 * budget's instructions, the hooks' memory, and the load budget's time or
 * the hooks' when that is longer (so --plugin-timeout helps a slow machine
 * or a run under valgrind load plugins too). */
wm_limits wm_limits_load(const wm_limits *hook);

typedef struct wm_sandbox wm_sandbox;

/* A fresh state.  `dir` is the plugin's folder (for its `require`); `seed`
 * seeds math.random.  Returns NULL (and a message in *err, caller frees) if
 * the state cannot be set up. */
wm_sandbox *wm_sandbox_new(const wm_limits *limits, const char *dir, uint64_t seed, char **err);
void wm_sandbox_free(wm_sandbox *sb);

lua_State *wm_sandbox_state(wm_sandbox *sb);
/* The sandbox a state belongs to (for host functions). */
wm_sandbox *wm_sandbox_of(lua_State *L);

/* Set the budget and deadline for the next call(s). */
void wm_sandbox_arm(wm_sandbox *sb, const wm_limits *limits);

/* Load a plugin file as text; pushes the chunk and, when `sha256` is not
 * NULL, writes there the hex SHA-256 of the bytes compiled (the plugin's
 * fingerprint).  On failure returns false and sets *err (caller frees). */
bool wm_sandbox_loadfile(wm_sandbox *sb, const char *path, char sha256[65], char **err);

/* Call the function below `nargs` arguments on the stack, protected, with a
 * traceback.  On failure returns false, sets *err (caller frees; the message
 * and the traceback) and leaves the stack as it was before the function. */
bool wm_sandbox_pcall(wm_sandbox *sb, int nargs, int nresults, char **err);

/* Run `fn(L)` protected with `ud` as its first argument (a light userdata)
 * and, when `arg` is a stack index (not 0), a copy of that value as its
 * second; `nresults` results are left on the stack on success. */
bool wm_sandbox_cpcall(wm_sandbox *sb, lua_CFunction fn, void *ud, int arg, int nresults,
                       char **err);

/* Host data a plugin's `waymark` calls may need (borrowed pointers). */
typedef struct {
    const char *currency; /* ISO code for waymark.money */
    const char *plugin;   /* name, for log lines */
    bool verbose;         /* echo waymark.log to stderr */
    bool no_simulate;     /* a what-if re-plan (cutline.c): waymark.simulate gives the
                             PERT mean for every figure instead of drawing */
} wm_sandbox_host;
void wm_sandbox_set_host(wm_sandbox *sb, const wm_sandbox_host *host);
const wm_sandbox_host *wm_sandbox_host_of(lua_State *L);

/* The light userdata that stands for JSON null in plugin tables. */
extern const char wm_lua_null_tag;
#define WM_LUA_NULL ((void *)&wm_lua_null_tag)

#endif /* WM_SANDBOX_H */
