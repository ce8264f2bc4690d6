/*
 * api.c - the `waymark` module every plugin sees: helpers that are easy to
 * get subtly wrong in Lua (money formatting, quarter arithmetic, the
 * method's rounding and ranking rules, the Monte Carlo), logging and
 * structured failure.  Every function checks its arguments; none keeps a C
 * allocation across a call that can raise an error.
 */
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/util.h"
#include "../load/scalar.h"
#include "api.h"
#include "../base/display.h"
#include "montecarlo.h"
#include "sandbox.h"

enum { MAX_LOG_LINE = 2000, MAX_SIM_ITERATIONS = 1000000, MAX_PARTS = 20000 };
#define MAX_SIM_WORK 3e7 /* iterations x efforts: under a second of C time */

/* t[k] without metamethods: a plugin's __index never runs inside the host,
 * and a string read this way stays alive as long as the table holds it. */
static int rawfield(lua_State *L, int t, const char *k)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, k);
    return lua_rawget(L, t);
}

/* ---- log and fail ---- */

static int api_log(lua_State *L)
{
    const wm_sandbox_host *h = wm_sandbox_host_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, ' ');
        if (lua_type(L, i) == LUA_TSTRING || lua_type(L, i) == LUA_TNUMBER) {
            lua_pushvalue(L, i);
            luaL_addvalue(&b);
        } else {
            luaL_addstring(&b, luaL_typename(L, i));
        }
    }
    luaL_pushresult(&b);
    if (h->verbose) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        char *clean = wm_sanitize(s, len > MAX_LOG_LINE ? MAX_LOG_LINE : len, false);
        fprintf(stderr, "[%s] %s\n", h->plugin ? h->plugin : "plugin", clean);
        free(clean);
    }
    return 0;
}

/* fail{message = "...", path = "initiatives[3].score"} or fail("message"):
 * raises a string error that starts with the caller's file:line. */
static int api_fail(lua_State *L)
{
    const char *msg, *path = NULL;
    if (lua_type(L, 1) == LUA_TTABLE) {
        rawfield(L, 1, "message");
        msg = lua_tostring(L, -1);
        rawfield(L, 1, "path");
        path = lua_tostring(L, -1);
    } else {
        msg = lua_tostring(L, 1);
    }
    if (!msg)
        msg = "failed (waymark.fail without a message)";
    luaL_where(L, 1);
    if (path)
        lua_pushfstring(L, "%s (at %s)", msg, path);
    else
        lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

/* ---- money and numbers ---- */

static int api_money(lua_State *L)
{
    double amount = (double)luaL_checknumber(L, 1);
    const char *code = luaL_optstring(L, 2, wm_sandbox_host_of(L)->currency);
    const wm_currency *c = code ? wm_currency_find(code) : NULL;
    if (code && !c)
        return luaL_error(L, "waymark.money: unknown currency '%s'", code);
    if (!isfinite(amount))
        return luaL_error(L, "waymark.money: the amount is not a finite number");
    char buf[160];
    wm_format_money(buf, sizeof buf, amount, c);
    lua_pushstring(L, buf);
    return 1;
}

static int api_round_sig(lua_State *L)
{
    double x = (double)luaL_checknumber(L, 1);
    lua_Integer d = luaL_optinteger(L, 2, 12);
    luaL_argcheck(L, d >= 1 && d <= 17, 2, "digits must be 1..17");
    lua_pushnumber(L, wm_round_sig(x, (int)d));
    return 1;
}

/* round(x [, places]): half away from zero, as the deliverable displays. */
static int api_round(lua_State *L)
{
    double x = (double)luaL_checknumber(L, 1);
    lua_Integer places = luaL_optinteger(L, 2, 0);
    luaL_argcheck(L, places >= 0 && places <= 9, 2, "places must be 0..9");
    double f = pow(10.0, (double)places);
    lua_pushnumber(L, round(x * f) / f);
    return 1;
}

/* round_parts(parts [, decimals]) -> rounded parts, their total.
 * method.md's Display rule for a table with a total: each part rounded to
 * `decimals` places so that the parts add up to their total rounded half
 * away from zero (largest remainder, earlier parts first on ties). */
static int api_round_parts(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer places = luaL_optinteger(L, 2, 0);
    luaL_argcheck(L, places >= 0 && places <= 9, 2, "decimals must be 0..9");
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n <= MAX_PARTS, 1, "too many parts (at most 20000)");
    double scale = pow(10.0, (double)places), sum = 0;
    /* Userdata, not malloc: an error below cannot leak them. */
    double *parts = lua_newuserdatauv(L, (size_t)n * sizeof *parts + 1, 0);
    long long *units = lua_newuserdatauv(L, (size_t)n * sizeof *units + 1, 0);
    const double limit = 9007199254740992.0; /* 2^53: units stay exact */
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TNUMBER)
            return luaL_error(L, "waymark.round_parts: parts[%d] is not a number", (int)i);
        double x = (double)lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (!isfinite(x))
            return luaL_error(L, "waymark.round_parts: parts[%d] is not finite", (int)i);
        if (fabs(x) * scale >= limit)
            return luaL_error(L, "waymark.round_parts: parts[%d] is too large", (int)i);
        parts[i - 1] = x;
        sum += x;
    }
    if (fabs(sum) * scale >= limit)
        return luaL_error(L, "waymark.round_parts: the total is too large");
    wm_largest_remainder(parts, (size_t)n, (int)places, units);
    long long total = 0;
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 0; i < n; i++) {
        total += units[i];
        lua_pushnumber(L, (lua_Number)((double)units[i] / scale));
        lua_rawseti(L, -2, i + 1);
    }
    lua_pushnumber(L, (lua_Number)((double)total / scale));
    return 2;
}

/* ---- quarters ---- */

static wm_quarter check_quarter(lua_State *L, int idx)
{
    if (lua_isinteger(L, idx))
        return (wm_quarter)lua_tointeger(L, idx);
    const char *s = luaL_checkstring(L, idx);
    wm_quarter q;
    if (!wm_parse_quarter(s, &q))
        luaL_error(L, "'%s' is not a quarter (YYYY-Qn)", s);
    return q;
}

/* quarter(q [, delta]): "YYYY-Qn" for a quarter given as text or index. */
static int api_quarter(lua_State *L)
{
    wm_quarter q = check_quarter(L, 1);
    lua_Integer delta = luaL_optinteger(L, 2, 0);
    luaL_argcheck(L, delta > -400000 && delta < 400000, 2, "delta out of range");
    q += (wm_quarter)delta;
    luaL_argcheck(L, q >= 4000 && q < 40000, 1, "quarter out of range");
    char buf[16];
    lua_pushstring(L, wm_quarter_format(q, buf, sizeof buf));
    return 1;
}

/* quarter_index("YYYY-Qn"): year * 4 + (n - 1), for arithmetic. */
static int api_quarter_index(lua_State *L)
{
    lua_pushinteger(L, check_quarter(L, 1));
    return 1;
}

/* ---- ranking (method.md: tier, then score descending, then id) ---- */

typedef struct {
    const char *id;
    size_t id_len;
    int tier;
    bool has_score;
    double score; /* rounded to 12 significant digits */
    lua_Integer index;
} rank_item;

static int tier_of(const char *s)
{
    static const char *const tiers[] = {"must", "should", "could", "wont"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, tiers[i]) == 0)
            return i;
    return -1;
}

static int rank_compare(const void *pa, const void *pb)
{
    const rank_item *a = pa, *b = pb;
    if (a->tier != b->tier)
        return a->tier < b->tier ? -1 : 1;
    if (a->has_score != b->has_score)
        return a->has_score ? 1 : -1; /* no score (no effort) ranks first */
    if (a->has_score && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    size_t n = a->id_len < b->id_len ? a->id_len : b->id_len;
    int c = memcmp(a->id, b->id, n);
    if (c)
        return c;
    return (a->id_len > b->id_len) - (a->id_len < b->id_len);
}

/* rank{ {id=, tier=, score=}, ... } -> { id, id, ... } in rank order. */
static int api_rank(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n <= 1000000, 1, "too many items");
    rank_item *items = lua_newuserdatauv(L, (size_t)n * sizeof *items + 1, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        rank_item *it = &items[i - 1];
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            return luaL_error(L, "waymark.rank: item %d is not a table", (int)i);
        rawfield(L, -1, "id");
        it->id = lua_tolstring(L, -1, &it->id_len);
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_error(L, "waymark.rank: item %d has no string id", (int)i);
        rawfield(L, -2, "tier");
        const char *tier = lua_tostring(L, -1);
        it->tier = tier ? tier_of(tier) : -1;
        if (it->tier < 0)
            return luaL_error(L, "waymark.rank: item %d has tier '%s' (must, should, could, wont)",
                              (int)i, tier ? tier : "nil");
        rawfield(L, -3, "score");
        it->has_score = lua_type(L, -1) == LUA_TNUMBER;
        if (!it->has_score && !lua_isnil(L, -1) && lua_touserdata(L, -1) != WM_LUA_NULL)
            return luaL_error(L, "waymark.rank: item %d has a score that is not a number", (int)i);
        it->score = it->has_score ? wm_round_sig((double)lua_tonumber(L, -1), 12) : 0;
        if (it->has_score && !isfinite(it->score))
            return luaL_error(L, "waymark.rank: item %d has a score that is not finite", (int)i);
        it->index = i;
        lua_pop(L, 3);
        /* The id string stays alive: it is referenced from the input table,
         * which stays on the stack until this function returns. */
        lua_pop(L, 1);
    }
    qsort(items, (size_t)n, sizeof *items, rank_compare);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 0; i < n; i++) {
        lua_rawgeti(L, 1, items[i].index);
        rawfield(L, -1, "id");
        lua_rawseti(L, -3, i + 1);
        lua_pop(L, 1);
    }
    return 1;
}

/* ---- Monte Carlo ---- */

static double field_number(lua_State *L, int t, const char *k, int item)
{
    rawfield(L, t, k);
    if (lua_type(L, -1) != LUA_TNUMBER)
        luaL_error(L, "waymark.simulate: efforts[%d].%s must be a number", item, k);
    double v = (double)lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (!isfinite(v))
        luaL_error(L, "waymark.simulate: efforts[%d].%s is not finite", item, k);
    return v;
}

/* simulate{ efforts = { {o=, m=, p=, rate=}, ... }, constant = 0,
 *           iterations = 10000, seed = 1, limits = { ... } }
 * -> { p50 =, p80 =, p90 =, mean =, fractions = { ... } } */
static int api_simulate(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    rawfield(L, 1, "iterations");
    lua_Integer iterations = lua_isnil(L, -1) ? 10000 : luaL_checkinteger(L, -1);
    rawfield(L, 1, "seed");
    lua_Integer seed = lua_isnil(L, -1) ? 1 : luaL_checkinteger(L, -1);
    rawfield(L, 1, "constant");
    double constant = lua_isnil(L, -1) ? 0 : (double)luaL_checknumber(L, -1);
    lua_pop(L, 3);
    luaL_argcheck(L, iterations >= 1 && iterations <= MAX_SIM_ITERATIONS, 1,
                  "iterations must be 1..1000000");
    if (rawfield(L, 1, "efforts") != LUA_TTABLE)
        return luaL_error(L, "waymark.simulate: 'efforts' must be a list");
    int ef = lua_gettop(L);
    lua_Integer n = (lua_Integer)lua_rawlen(L, ef);
    if ((double)n * (double)iterations > MAX_SIM_WORK)
        return luaL_error(L, "waymark.simulate: %d efforts x %d iterations is too much work",
                          (int)n, (int)iterations);
    wm_mc_effort *efforts = lua_newuserdatauv(L, (size_t)n * sizeof *efforts + 1, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, ef, i) != LUA_TTABLE)
            return luaL_error(L, "waymark.simulate: efforts[%d] is not a table", (int)i);
        int t = lua_gettop(L);
        wm_mc_effort *e = &efforts[i - 1];
        e->o = field_number(L, t, "o", (int)i);
        e->m = field_number(L, t, "m", (int)i);
        e->p = field_number(L, t, "p", (int)i);
        e->rate = field_number(L, t, "rate", (int)i);
        if (!(e->o <= e->m && e->m <= e->p))
            return luaL_error(L, "waymark.simulate: efforts[%d] needs o <= m <= p", (int)i);
        lua_pop(L, 1);
    }
    double limits[8], fractions[8];
    size_t n_limits = 0;
    if (rawfield(L, 1, "limits") == LUA_TTABLE) {
        lua_Integer nl = (lua_Integer)lua_rawlen(L, -1);
        luaL_argcheck(L, nl <= 8, 1, "at most 8 limits");
        for (lua_Integer i = 1; i <= nl; i++) {
            lua_rawgeti(L, -1, i);
            limits[n_limits++] = (double)luaL_checknumber(L, -1);
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    wm_mc_result r;
    const wm_sandbox_host *host = wm_sandbox_host_of(L);
    if (host->no_simulate) { /* a what-if re-plan: no draws, every figure the mean */
        double mean = constant;
        for (lua_Integer i = 0; i < n; i++)
            mean += (efforts[i].o + 4 * efforts[i].m + efforts[i].p) / 6 * efforts[i].rate;
        r.p50 = r.p80 = r.p90 = r.mean = mean;
        for (size_t i = 0; i < n_limits; i++)
            fractions[i] = mean <= limits[i] + 1e-9 * fabs(limits[i]) ? 1.0 : 0.0;
    } else if (!wm_montecarlo(efforts, (size_t)n, constant, (size_t)iterations, (uint64_t)seed,
                              limits, fractions, n_limits, &r)) {
        return luaL_error(L, "waymark.simulate: bad arguments");
    }
    lua_createtable(L, 0, 5);
    lua_pushnumber(L, r.p50);
    lua_setfield(L, -2, "p50");
    lua_pushnumber(L, r.p80);
    lua_setfield(L, -2, "p80");
    lua_pushnumber(L, r.p90);
    lua_setfield(L, -2, "p90");
    lua_pushnumber(L, r.mean);
    lua_setfield(L, -2, "mean");
    lua_createtable(L, (int)n_limits, 0);
    for (size_t i = 0; i < n_limits; i++) {
        lua_pushnumber(L, fractions[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "fractions");
    return 1;
}

int wm_api_open(lua_State *L)
{
    static const luaL_Reg fns[] = {
        {"log", api_log},
        {"fail", api_fail},
        {"money", api_money},
        {"round", api_round},
        {"round_sig", api_round_sig},
        {"round_parts", api_round_parts},
        {"quarter", api_quarter},
        {"quarter_index", api_quarter_index},
        {"rank", api_rank},
        {"simulate", api_simulate},
        {NULL, NULL},
    };
    luaL_newlib(L, fns);
    lua_pushlightuserdata(L, WM_LUA_NULL);
    lua_setfield(L, -2, "null");
    lua_pushliteral(L, WM_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushinteger(L, WM_API_VERSION);
    lua_setfield(L, -2, "api_version");
    wm_api_open_document(L);
    lua_setglobal(L, "waymark");
    return 0;
}
