/*
 * bench_json.c - how the cost of a JSON object grows with its keys: one
 * object of N keys read by wm_json_parse (the manifest reader), copied by
 * wm_v_copy, and read out of Lua by wm_lua_read (a plugin's result), each
 * timed once.
 *
 *     bench_json [-l SECONDS] N...
 *
 * Keys are "k0000001", "k0000002", ... with small integer values.  A step
 * that takes longer than SECONDS (default 60) is reported and the larger
 * sizes of that step are skipped, so a quadratic build finishes in finite
 * time.  Prints one row per N: ms per step and ns per key.
 */
#define _POSIX_C_SOURCE 200809L

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"
#include "base/value.h"
#include "plan/marshal.h"

static char *object_text(size_t n, size_t *len)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_putc(&b, '{');
    for (size_t i = 0; i < n; i++)
        wm_buf_printf(&b, "%s\"k%07zu\":%zu", i ? "," : "", i + 1, i % 100);
    wm_buf_putc(&b, '}');
    *len = b.len;
    return wm_buf_steal(&b);
}

static int read_lua(lua_State *L)
{
    return wm_lua_read(L);
}

/* Milliseconds to read a Lua table of n keys into a value, or -1. */
static double lua_step(size_t n)
{
    lua_State *L = luaL_newstate();
    lua_createtable(L, 0, (int)n);
    char key[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(key, sizeof key, "k%07zu", i + 1);
        lua_pushinteger(L, (lua_Integer)(i % 100));
        lua_setfield(L, -2, key);
    }
    int table = lua_gettop(L);
    wm_arena a;
    wm_arena_init(&a);
    wm_lua_reader r = {0};
    r.arena = &a;
    r.root = "result";
    lua_pushcfunction(L, read_lua);
    lua_pushlightuserdata(L, &r);
    lua_pushvalue(L, table);
    double t0 = wm_clock_ms();
    int rc = lua_pcall(L, 2, 0, 0);
    double ms = wm_clock_ms() - t0;
    bool ok = rc == LUA_OK && r.result && r.result->u.obj.n == n;
    if (!ok)
        fprintf(stderr, "bench_json: reading %zu keys from Lua failed: %s\n", n,
                rc != LUA_OK ? lua_tostring(L, -1) : r.error);
    wm_arena_free(&a);
    lua_close(L);
    return ok ? ms : -1;
}

int main(int argc, char **argv)
{
    double limit = 60;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-l") == 0) {
        limit = atof(argv[2]);
        first = 3;
    }
    if (first >= argc) {
        fputs("usage: bench_json [-l SECONDS] N...\n", stderr);
        return 2;
    }
    bool skip[3] = {false, false, false};
    printf("%10s %12s %12s %12s %10s\n", "keys", "parse ms", "copy ms", "lua ms", "ns/key");
    for (int i = first; i < argc; i++) {
        size_t n = (size_t)strtoull(argv[i], NULL, 10);
        size_t len;
        char *text = object_text(n, &len);
        double ms[3] = {-1, -1, -1};
        wm_arena a;
        wm_arena_init(&a);
        wm_value *v = NULL;
        if (!skip[0]) {
            double t0 = wm_clock_ms();
            v = wm_json_parse(&a, text, len, NULL);
            ms[0] = wm_clock_ms() - t0;
            if (!v || v->u.obj.n != n) {
                fprintf(stderr, "bench_json: %zu keys did not parse\n", n);
                return 1;
            }
        }
        if (v && !skip[1]) {
            double t0 = wm_clock_ms();
            wm_value *c = wm_v_copy(&a, v);
            ms[1] = wm_clock_ms() - t0;
            if (c->u.obj.n != n)
                return 1;
        }
        if (!skip[2])
            ms[2] = lua_step(n);
        wm_arena_free(&a);
        free(text);
        char cell[3][32];
        for (int k = 0; k < 3; k++) {
            if (skip[k])
                snprintf(cell[k], sizeof cell[k], "skipped");
            else
                snprintf(cell[k], sizeof cell[k], "%.1f", ms[k]);
            if (ms[k] > limit * 1000)
                skip[k] = true;
        }
        printf("%10zu %12s %12s %12s %10.0f\n", n, cell[0], cell[1], cell[2],
               ms[0] >= 0 ? ms[0] * 1e6 / (double)n : 0);
        fflush(stdout);
    }
    return 0;
}
