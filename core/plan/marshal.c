/*
 * marshal.c - values into Lua and validated values out of it (marshal.h).
 */
#include "marshal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"

enum { MAX_DEPTH = 32, MAX_NODES = 2000000, MAX_STRING = 1 << 20, MAX_BYTES = 32 << 20 };

void wm_lua_push(lua_State *L, const wm_value *v)
{
    luaL_checkstack(L, 4, "value too deeply nested");
    switch (v->kind) {
    case WM_VNULL:
        lua_pushlightuserdata(L, WM_LUA_NULL);
        break;
    case WM_VBOOL:
        lua_pushboolean(L, v->u.b);
        break;
    case WM_VINT:
        lua_pushinteger(L, (lua_Integer)v->u.i);
        break;
    case WM_VNUM:
        lua_pushnumber(L, v->u.n);
        break;
    case WM_VSTR:
        lua_pushlstring(L, v->u.str.s, v->u.str.len);
        break;
    case WM_VARR:
        lua_createtable(L, (int)v->u.arr.n, 0);
        for (size_t i = 0; i < v->u.arr.n; i++) {
            wm_lua_push(L, v->u.arr.items[i]);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    case WM_VOBJ:
        lua_createtable(L, 0, (int)v->u.obj.n);
        for (size_t i = 0; i < v->u.obj.n; i++) {
            const wm_value *x = v->u.obj.pairs[i].val;
            if (x->kind == WM_VNULL)
                continue;
            wm_lua_push(L, x);
            lua_setfield(L, -2, v->u.obj.pairs[i].key);
        }
        break;
    }
}

/* ---- Reading back ---- */

typedef struct {
    wm_lua_reader *r;
    lua_State *L;
    char path[400];
    size_t path_len;
    const void *ancestors[MAX_DEPTH + 1];
    int depth;
} walk;

static bool fail(walk *w, const char *fmt, ...) WM_PRINTF(2, 3);

static bool fail(walk *w, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(w->r->error, sizeof w->r->error, "%s: %s", w->path_len ? w->path : w->r->root, what);
    return false;
}

/* The path grows and shrinks for every value read, so it is built by hand:
 * snprintf here was a tenth of reading a plugin's result.  A segment that
 * does not fit is left out whole. */
static size_t path_push(walk *w, const char *seg, size_t n)
{
    size_t old = w->path_len;
    if (old + n < sizeof w->path) {
        memcpy(w->path + old, seg, n);
        w->path_len += n;
        w->path[w->path_len] = '\0';
    }
    return old;
}

static size_t path_push_index(walk *w, lua_Integer i)
{
    char seg[32];
    size_t n = 0;
    seg[n++] = '[';
    if (i < 0)
        seg[n++] = '-';
    n += wm_utoa(i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i, seg + n);
    seg[n++] = ']';
    return path_push(w, seg, n);
}

static size_t path_push_key(walk *w, const char *k)
{
    char seg[62];
    size_t n = 0;
    while (n < 60 && k[n])
        n++;
    seg[0] = '.';
    memcpy(seg + 1, k, n);
    return path_push(w, seg, n + 1);
}

static void path_pop(walk *w, size_t old)
{
    w->path_len = old;
    w->path[old] = '\0';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool read_value(walk *w, int idx, wm_value **out);

static bool read_table(walk *w, int idx, wm_value **out)
{
    lua_State *L = w->L;
    const void *self = lua_topointer(L, idx);
    for (int i = 0; i < w->depth; i++)
        if (w->ancestors[i] == self)
            return fail(w, "%s", "the table contains itself (a cycle)");
    if (w->depth >= MAX_DEPTH)
        return fail(w, "%s", "nested more than 32 levels deep");
    luaL_checkstack(L, 6, "value too deeply nested");

    /* Classify the keys: 1..n integers make a list, strings an object. */
    lua_Integer n_int = 0, max_int = 0;
    size_t n_str = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            n_str++;
        } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
            n_int++;
            if (lua_tointeger(L, -1) > max_int)
                max_int = lua_tointeger(L, -1);
        } else {
            return fail(w, "a table key must be a string or a list index 1, 2, ...; got a %s",
                        luaL_typename(L, -1));
        }
    }
    if (n_int && n_str)
        return fail(w, "%s", "a table mixes list items and named fields");
    if (n_int && max_int != n_int)
        return fail(w, "%s", "a list has holes (use waymark.null for an empty item)");

    w->ancestors[w->depth++] = self;
    wm_arena *a = w->r->arena;
    if (n_str == 0) {
        wm_value *arr = wm_varr(a);
        for (lua_Integer i = 1; i <= n_int; i++) {
            lua_rawgeti(L, idx, i);
            size_t old = path_push_index(w, i);
            wm_value *item;
            bool ok = read_value(w, lua_gettop(L), &item);
            lua_pop(L, 1);
            if (!ok)
                return false;
            path_pop(w, old);
            wm_varr_push(a, arr, item);
        }
        *out = arr;
    } else {
        /* Objects come out with sorted keys: pairs() order is random. */
        const char **keys = WM_ARENA_NEW(a, const char *, n_str);
        size_t k = 0;
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            if (wm_utf8_valid_prefix(s, len) != len || len > 200 || memchr(s, '\0', len))
                return fail(w, "%s", "a field name is not valid UTF-8 text");
            keys[k++] = wm_arena_strndup(a, s, len);
        }
        qsort(keys, n_str, sizeof *keys, cmp_str);
        wm_value *obj = wm_vobj(a);
        for (size_t i = 0; i < n_str; i++) {
            lua_pushstring(L, keys[i]);
            lua_rawget(L, idx);
            size_t old = path_push_key(w, keys[i]);
            wm_value *item;
            bool ok = read_value(w, lua_gettop(L), &item);
            lua_pop(L, 1);
            if (!ok)
                return false;
            path_pop(w, old);
            wm_vobj_set(a, obj, keys[i], item);
        }
        *out = obj;
    }
    w->depth--;
    return true;
}

static bool read_value(walk *w, int idx, wm_value **out)
{
    lua_State *L = w->L;
    wm_arena *a = w->r->arena;
    if (++w->r->nodes > MAX_NODES)
        return fail(w, "%s", "the result is too large (over 2,000,000 values)");
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        *out = wm_vnull(a);
        return true;
    case LUA_TBOOLEAN:
        *out = wm_vbool(a, lua_toboolean(L, idx));
        return true;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            *out = wm_vint(a, (int64_t)lua_tointeger(L, idx));
        } else {
            double d = (double)lua_tonumber(L, idx);
            if (!isfinite(d))
                return fail(w, "%s", isnan(d) ? "the number is NaN" : "the number is infinite");
            *out = wm_vnum(a, d);
        }
        return true;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (len > MAX_STRING)
            return fail(w, "%s", "a text is longer than 1 MiB");
        if (wm_utf8_valid_prefix(s, len) != len)
            return fail(w, "%s", "a text is not valid UTF-8");
        /* Counted per reference: one string referenced many times is copied
         * as many times, so the copies are what must be bounded. */
        w->r->bytes += len;
        if (w->r->bytes > MAX_BYTES)
            return fail(w, "%s", "the result holds more than 32 MiB of text");
        *out = wm_vstrn(a, s, len);
        return true;
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == WM_LUA_NULL) {
            *out = wm_vnull(a);
            return true;
        }
        return fail(w, "%s", "a userdata value cannot be part of a result");
    case LUA_TTABLE:
        return read_table(w, idx, out);
    default:
        return fail(w, "a %s cannot be part of a result", lua_typename(L, lua_type(L, idx)));
    }
}

int wm_lua_read(lua_State *L)
{
    wm_lua_reader *r = lua_touserdata(L, 1);
    walk w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.L = L;
    r->error[0] = '\0';
    r->result = NULL;
    r->nodes = 0;
    r->bytes = 0;
    snprintf(w.path, sizeof w.path, "%s", r->root ? r->root : "result");
    w.path_len = strlen(w.path);
    wm_value *v;
    if (read_value(&w, 2, &v))
        r->result = v;
    return 0;
}
