/*
 * sandbox.c - the locked-down Lua state every plugin runs in (see sandbox.h
 * for what is allowed and why).
 */
#define _POSIX_C_SOURCE 200809L
#include "sandbox.h"

#include <errno.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../base/confined.h"
#include "../base/deps.h"
#include "../base/file.h"
#include "../base/sha256.h"
#include "../base/util.h"
#include "chunks.h"

enum { HOOK_PERIOD = 1000, MAX_MODULE_BYTES = 1 << 20, MAX_ERROR_BYTES = 8000 };

const char wm_lua_null_tag = 0;

typedef enum { TRIP_NONE, TRIP_INSTRUCTIONS, TRIP_TIME } trip_kind;

struct wm_sandbox {
    lua_State *L;
    size_t used, limit;   /* allocator accounting */
    bool out_of_memory;   /* the cap refused an allocation */
    char oom_trace[1200]; /* where the first refusal happened (no allocation needed) */
    uint64_t budget, count, calls;
    double deadline, seconds;
    trip_kind tripped;
    char trip_msg[120];
    char *dir;
    wm_sandbox_host host;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

wm_sandbox *wm_sandbox_of(lua_State *L)
{
    return *(wm_sandbox **)lua_getextraspace(L);
}

lua_State *wm_sandbox_state(wm_sandbox *sb)
{
    return sb->L;
}

void wm_sandbox_set_host(wm_sandbox *sb, const wm_sandbox_host *host)
{
    sb->host = *host;
}

const wm_sandbox_host *wm_sandbox_host_of(lua_State *L)
{
    return &wm_sandbox_of(L)->host;
}

/* Memory errors skip the message handler, so record where the cap was hit:
 * lua_getstack and lua_getinfo("Sln") only read call frames and do not
 * allocate, so they are safe inside a failing allocation. */
static void note_oom_site(wm_sandbox *sb)
{
    sb->oom_trace[0] = '\0';
    if (!sb->L)
        return;
    size_t len = 0;
    lua_Debug ar;
    for (int level = 0; level < 12 && lua_getstack(sb->L, level, &ar); level++) {
        if (!lua_getinfo(sb->L, "Sln", &ar))
            break;
        int n;
        if (ar.currentline > 0)
            n = snprintf(sb->oom_trace + len, sizeof sb->oom_trace - len, "\n\t%s:%d: in %s%s%s",
                         ar.short_src, ar.currentline, ar.name ? "function '" : "a function",
                         ar.name ? ar.name : "", ar.name ? "'" : "");
        else
            n = snprintf(sb->oom_trace + len, sizeof sb->oom_trace - len, "\n\t[C]: in %s%s%s",
                         ar.name ? "function '" : "a function", ar.name ? ar.name : "",
                         ar.name ? "'" : "");
        if (n < 0 || (size_t)n >= sizeof sb->oom_trace - len)
            break;
        len += (size_t)n;
    }
}

/* ---- Memory: a capped allocator.  Lua passes a type tag as osize when ptr
 * is NULL; a shrink must never fail. ---- */

static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    wm_sandbox *sb = ud;
    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= osize;
        return NULL;
    }
    if (nsize > osize && nsize - osize > sb->limit - sb->used) {
        if (!sb->out_of_memory)
            note_oom_site(sb);
        sb->out_of_memory = true;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p)
        return nsize <= osize ? ptr : NULL;
    sb->used = sb->used - osize + nsize;
    return p;
}

/* ---- Time and instructions: a sticky count hook ---- */

static void count_hook(lua_State *L, lua_Debug *ar)
{
    wm_sandbox *sb = wm_sandbox_of(L);
    if (!sb->tripped) {
        /* Count events run every HOOK_PERIOD instructions; call events let a
         * loop of expensive C calls (string.rep of megabytes) meet the
         * deadline too, checking the clock on every eighth call. */
        if (ar->event == LUA_HOOKCALL) {
            if ((++sb->calls & 7) != 0)
                return;
        } else {
            sb->count += HOOK_PERIOD;
        }
        if (sb->count > sb->budget) {
            sb->tripped = TRIP_INSTRUCTIONS;
            snprintf(sb->trip_msg, sizeof sb->trip_msg,
                     "plugin exceeded its instruction budget (%llu instructions per call)",
                     (unsigned long long)sb->budget);
        } else if (now() > sb->deadline) {
            sb->tripped = TRIP_TIME;
            snprintf(sb->trip_msg, sizeof sb->trip_msg,
                     "plugin exceeded its time limit (%.3g s per call)", sb->seconds);
        }
        if (!sb->tripped)
            return;
        /* From now on, stop at every instruction so pcall cannot swallow it. */
        lua_sethook(L, count_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
    }
    luaL_error(L, "%s", sb->trip_msg);
}

void wm_sandbox_arm(wm_sandbox *sb, const wm_limits *limits)
{
    sb->budget = limits->instructions;
    sb->limit = limits->memory;
    sb->count = 0;
    sb->seconds = limits->seconds;
    sb->deadline = now() + limits->seconds;
    if (!sb->tripped)
        lua_sethook(sb->L, count_hook, LUA_MASKCOUNT | LUA_MASKCALL, HOOK_PERIOD);
}

/* ---- Replacements for unsafe base functions ---- */

/* load(chunk [, chunkname [, mode [, env]]]): strings only, text only. */
static int safe_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    int has_env = !lua_isnone(L, 4);
    int status = luaL_loadbufferx(L, s, len, name, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

static int safe_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc metamethods are not allowed in plugins");
        lua_pop(L, 1);
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static int safe_collectgarbage(lua_State *L)
{
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage: only \"count\" is available to plugins");
    int used = lua_gc(L, LUA_GCCOUNT, 0), bytes = lua_gc(L, LUA_GCCOUNTB, 0);
    lua_pushnumber(L, (lua_Number)used + (lua_Number)bytes / 1024.0);
    return 1;
}

/* xpcall's handler runs inside Lua's error machinery, and for an error the
 * count hook raised, with hooks off: once a limit has tripped the user's
 * handler is not called, so it cannot loop beyond the limits. */
static int guarded_handler(lua_State *L)
{
    if (wm_sandbox_of(L)->tripped)
        return 1; /* the error value as it is */
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int safe_xpcall(lua_State *L)
{
    int n = lua_gettop(L); /* f, handler, args... */
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_replace(L, 2);   /* f, guarded handler, args... */
    lua_pushvalue(L, 1); /* a copy of f on top ... */
    lua_rotate(L, 3, 1); /* ... moved below the args: f, handler, f, args... */
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1); /* ok, handler, results... */
    lua_remove(L, 2);
    return lua_gettop(L);
}

/* ---- pairs() in a fixed order ----
 * Lua seeds its string hash per state from the time and addresses, so the
 * stock pairs() visits keys in a different order on every run.  Plugins get
 * a pairs() that visits numbers in ascending order, then strings in byte
 * order, then other keys as next() finds them, so nothing a plugin computes
 * depends on chance.  A __pairs metamethod is honoured as in stock Lua. */

static int key_rank(lua_State *L, int i)
{
    int t = lua_type(L, i);
    return t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : t == LUA_TBOOLEAN ? 2 : 3;
}

static int key_less(lua_State *L)
{
    int ra = key_rank(L, 1), rb = key_rank(L, 2);
    if (ra != rb) {
        lua_pushboolean(L, ra < rb);
    } else if (ra == 0) {
        lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
    } else if (ra == 1) {
        size_t la, lb;
        const char *a = lua_tolstring(L, 1, &la), *b = lua_tolstring(L, 2, &lb);
        int c = memcmp(a, b, la < lb ? la : lb);
        lua_pushboolean(L, c < 0 || (c == 0 && la < lb));
    } else if (ra == 2) {
        lua_pushboolean(L, !lua_toboolean(L, 1) && lua_toboolean(L, 2));
    } else {
        lua_pushboolean(L, 0); /* tables, functions: leave as found */
    }
    return 1;
}

static int ordered_next(lua_State *L)
{
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(3)) + 1;
    lua_pushinteger(L, i);
    lua_replace(L, lua_upvalueindex(3));
    if (lua_rawgeti(L, lua_upvalueindex(2), i) == LUA_TNIL)
        return 1;
    lua_pushvalue(L, -1);
    lua_rawget(L, lua_upvalueindex(1));
    return 2;
}

static int ordered_pairs(lua_State *L)
{
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_newtable(L); /* keys */
    lua_Integer n = 0;
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, 2, ++n);
    }
    if (n > 1) {
        lua_getfield(L, LUA_REGISTRYINDEX, "waymark.sort");
        lua_pushvalue(L, 2);
        lua_pushcfunction(L, key_less);
        lua_call(L, 2, 0);
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, ordered_next, 3);
    lua_pushnil(L);
    lua_pushnil(L);
    return 3;
}

/* tostring() without memory addresses, which change from run to run. */
static int safe_tostring(lua_State *L)
{
    luaL_checkany(L, 1);
    int t = lua_type(L, 1);
    if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TLIGHTUSERDATA ||
         t == LUA_TTHREAD) &&
        !luaL_getmetafield(L, 1, "__tostring") && !luaL_getmetafield(L, 1, "__name")) {
        lua_pushstring(L, lua_touserdata(L, 1) == WM_LUA_NULL ? "null" : lua_typename(L, t));
        return 1;
    }
    lua_settop(L, 1);
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* require(name): a module of this plugin's own folder, loaded once. */
static int plugin_require(lua_State *L)
{
    wm_sandbox *sb = wm_sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    size_t n = strlen(name);
    bool ok = n > 0 && n < 128 && name[0] != '.' && name[n - 1] != '.';
    for (size_t i = 0; i < n && ok; i++) {
        char c = name[i];
        ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || (c == '.' && name[i + 1] != '.');
    }
    if (!ok)
        return luaL_error(L, "require: '%s' is not a module name (letters, digits, '_' and '.')",
                          name);
    lua_getfield(L, LUA_REGISTRYINDEX, "waymark.loaded");
    if (lua_getfield(L, -1, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    if (!sb->dir)
        return luaL_error(L, "require: this plugin has no folder to load '%s' from", name);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, sb->dir);
    luaL_addchar(&b, '/');
    for (size_t i = 0; i < n; i++)
        luaL_addchar(&b, name[i] == '.' ? '/' : name[i]);
    luaL_addstring(&b, ".lua");
    luaL_pushresult(&b);
    const char *path = lua_tostring(L, -1);
    /* Only a regular file whose real path is in the plugin's folder: a
     * shared plugin's symbolic link must not read the user's files. */
    wm_deps_note(path);
    size_t len;
    char *src, *why;
    wm_confined_status st = wm_read_confined(sb->dir, path, MAX_MODULE_BYTES, &src, &len, &why);
    if (why) {
        lua_pushstring(L, why);
        free(why);
    }
    switch (st) {
    case WM_CONFINED_OK:
        break;
    case WM_CONFINED_OUTSIDE:
        return luaL_error(L,
                          "require: module '%s' (%s) leads out of the plugin's folder through a "
                          "symbolic link; a module must be a file inside the folder",
                          name, path);
    case WM_CONFINED_NOT_REGULAR:
        return luaL_error(L, "require: module '%s' (%s) is not a regular file", name, path);
    case WM_CONFINED_TOO_LARGE:
        return luaL_error(L, "require: module '%s' (%s) is over the limit of %d bytes", name, path,
                          (int)MAX_MODULE_BYTES);
    default:
        return luaL_error(L, "require: cannot read module '%s' (%s)", name, path);
    }
    lua_pushfstring(L, "@%s", path);
    int status = wm_chunk_load(L, src, len, lua_tostring(L, -1));
    free(src);
    if (status != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, name);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name); /* waymark.loaded[name]: the table is at index 2 */
    return 1;
}

/* ---- Set-up, run under protection ---- */

static void open_lib(lua_State *L, const char *name, lua_CFunction fn)
{
    luaL_requiref(L, name, fn, 1);
    lua_pop(L, 1);
}

static int setup(lua_State *L)
{
    wm_sandbox *sb = wm_sandbox_of(L);
    uint64_t seed = *(uint64_t *)lua_touserdata(L, 1);
    open_lib(L, LUA_GNAME, luaopen_base);
    open_lib(L, LUA_TABLIBNAME, luaopen_table);
    open_lib(L, LUA_STRLIBNAME, luaopen_string);
    open_lib(L, LUA_MATHLIBNAME, luaopen_math);
    open_lib(L, LUA_UTF8LIBNAME, luaopen_utf8);

    /* Seed math.random from the host, then take randomseed away. */
    lua_getglobal(L, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, (lua_Integer)(seed & 0x7fffffffffffffffu));
    lua_call(L, 1, 0);
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);

    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);

    static const char *const removed[] = {"dofile", "loadfile", "print", "warn", NULL};
    for (int i = 0; removed[i]; i++) {
        lua_pushnil(L);
        lua_setglobal(L, removed[i]);
    }
    lua_pushcfunction(L, safe_load);
    lua_setglobal(L, "load");
    lua_pushcfunction(L, safe_setmetatable);
    lua_setglobal(L, "setmetatable");
    lua_pushcfunction(L, safe_collectgarbage);
    lua_setglobal(L, "collectgarbage");
    lua_pushcfunction(L, plugin_require);
    lua_setglobal(L, "require");
    lua_pushcfunction(L, safe_xpcall);
    lua_setglobal(L, "xpcall");
    lua_getglobal(L, LUA_TABLIBNAME); /* keep the real sort for ordered_pairs */
    lua_getfield(L, -1, "sort");
    lua_setfield(L, LUA_REGISTRYINDEX, "waymark.sort");
    lua_pop(L, 1);
    lua_pushcfunction(L, ordered_pairs);
    lua_setglobal(L, "pairs");
    lua_pushcfunction(L, safe_tostring);
    lua_setglobal(L, "tostring");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "waymark.loaded");

    /* Hide the string metatable from getmetatable(""). */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushliteral(L, "string");
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);

    (void)sb;
    return 0;
}

wm_limits wm_limits_load(const wm_limits *hook)
{
    wm_limits l = WM_LIMITS_LOAD;
    if (hook) {
        l.memory = hook->memory;
        if (hook->seconds > l.seconds)
            l.seconds = hook->seconds;
    }
    return l;
}

wm_sandbox *wm_sandbox_new(const wm_limits *limits, const char *dir, uint64_t seed, char **err)
{
    wm_sandbox *sb = wm_xcalloc(1, sizeof *sb);
    sb->limit = limits->memory;
    sb->dir = dir ? wm_xstrdup(dir) : NULL;
    sb->L = lua_newstate(capped_alloc, sb);
    if (!sb->L) {
        *err = wm_xstrdup("cannot create a Lua state (memory limit too small?)");
        wm_sandbox_free(sb);
        return NULL;
    }
    *(wm_sandbox **)lua_getextraspace(sb->L) = sb;
    lua_setwarnf(sb->L, NULL, NULL);
    wm_sandbox_arm(sb, limits);
    if (!wm_sandbox_cpcall(sb, setup, &seed, 0, 0, err)) {
        wm_sandbox_free(sb);
        return NULL;
    }
    return sb;
}

void wm_sandbox_free(wm_sandbox *sb)
{
    if (!sb)
        return;
    if (sb->L) {
        /* No finalizers exist (setmetatable refuses __gc), so closing runs
         * no plugin code. */
        lua_sethook(sb->L, NULL, 0, 0);
        lua_close(sb->L);
    }
    free(sb->dir);
    free(sb);
}

/* ---- Errors ---- */

/* Message handler: any error value becomes text plus a traceback. */
static int msgh(lua_State *L)
{
    wm_sandbox *sb = wm_sandbox_of(L);
    const char *msg;
    if (sb->tripped) {
        msg = sb->trip_msg;
    } else if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER) {
        msg = lua_tostring(L, 1);
    } else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
        msg = lua_tostring(L, -1);
    } else if (lua_isnoneornil(L, 1)) {
        msg = "error raised with a nil value (use error(\"message\") or waymark.fail{...})";
    } else {
        msg = lua_pushfstring(L, "(error object is a %s value; raise a string or use waymark.fail)",
                              luaL_typename(L, 1));
    }
    /* A huge message would bury the traceback: keep its start. */
    if (strlen(msg) > 2000)
        msg =
            lua_pushfstring(L, "%s... (message cut at 2000 bytes)", lua_pushlstring(L, msg, 2000));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static char *error_text(wm_sandbox *sb, int status)
{
    lua_State *L = sb->L;
    if (status == LUA_ERRMEM)
        return wm_xasprintf("plugin exceeded its memory limit (%zu MiB per plugin)%s%s",
                            sb->limit >> 20, sb->oom_trace[0] ? "\nstack traceback:" : "",
                            sb->oom_trace);
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (!s) /* the handler did not run: say at least which limit */
        return wm_xstrdup(sb->tripped ? sb->trip_msg : "unknown error");
    char *clean = wm_sanitize(s, MAX_ERROR_BYTES, true);
    if (status == LUA_ERRERR) {
        char *r = wm_xasprintf("error while reporting an error: %s", clean);
        free(clean);
        return r;
    }
    return clean; /* the message handler put the limit's message first if one tripped */
}

bool wm_sandbox_pcall(wm_sandbox *sb, int nargs, int nresults, char **err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    if (!lua_checkstack(L, 4)) {
        *err = wm_xstrdup("Lua stack exhausted");
        return false;
    }
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    sb->out_of_memory = false;
    int status = lua_pcall(L, nargs, nresults, base);
    if (status != LUA_OK || sb->tripped) {
        *err = error_text(sb, status);
        lua_settop(L, base - 1);
        return false;
    }
    lua_remove(L, base);
    return true;
}

bool wm_sandbox_cpcall(wm_sandbox *sb, lua_CFunction fn, void *ud, int arg, int nresults,
                       char **err)
{
    lua_State *L = sb->L;
    if (!lua_checkstack(L, 5)) {
        *err = wm_xstrdup("Lua stack exhausted");
        return false;
    }
    if (arg)
        arg = lua_absindex(L, arg);
    lua_pushcfunction(L, fn);
    lua_pushlightuserdata(L, ud);
    if (arg)
        lua_pushvalue(L, arg);
    return wm_sandbox_pcall(sb, arg ? 2 : 1, nresults, err);
}

bool wm_sandbox_loadfile(wm_sandbox *sb, const char *path, char sha256[65], char **err)
{
    wm_diags d;
    wm_diags_init(&d);
    size_t len;
    char *src = wm_read_file(path, MAX_MODULE_BYTES, &len, &d);
    if (!src) {
        *err = wm_xasprintf("%s", d.count ? d.items[0].message : "cannot read the file");
        wm_diags_free(&d);
        return false;
    }
    wm_diags_free(&d);
    if (sha256)
        wm_sha256_hex(src, len, sha256);
    if (len > 0 && src[0] == LUA_SIGNATURE[0]) {
        free(src);
        *err = wm_xstrdup("precompiled Lua (bytecode) is not accepted; ship the source");
        return false;
    }
    char *chunk = wm_xasprintf("@%s", path);
    int status = wm_chunk_load(sb->L, src, len, chunk);
    free(chunk);
    free(src);
    if (status != LUA_OK) {
        *err = error_text(sb, status);
        lua_pop(sb->L, 1);
        return false;
    }
    return true;
}
