/*
 * api_document.c - the document constructors of the `waymark` module:
 * section, heading, paragraph, bold, italic, link, list, table, kv, callout,
 * chart, page_break.  Each builds the block as a plain table (the shape doc.c
 * describes) and checks it at once with doc.c's own rules, so a mistake is
 * reported at the plugin's line that made it.  The host checks the whole
 * document again when the document stage returns.
 */
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "../document/doc.h"
#include "api.h"
#include "marshal.h"
#include "sandbox.h"

/* An arena owned by a userdata, so that an error raised while checking
 * (out of memory) cannot leak it: the collector frees it. */
static int arena_gc(lua_State *L)
{
    wm_arena *a = lua_touserdata(L, 1);
    wm_arena_free(a);
    return 0;
}

static wm_arena *boxed_arena(lua_State *L)
{
    wm_arena *a = lua_newuserdatauv(L, sizeof *a, 0);
    wm_arena_init(a);
    if (luaL_newmetatable(L, "waymark.arena")) {
        lua_pushcfunction(L, arena_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return a;
}

/* Check the table at the top of the stack as a block (or section); raise an
 * error at the caller's line when it breaks a rule. */
static void check(lua_State *L, const char *who, bool is_section)
{
    int t = lua_gettop(L);
    wm_arena *a = boxed_arena(L);
    wm_lua_reader r = {.arena = a, .root = ""};
    lua_pushcfunction(L, wm_lua_read);
    lua_pushlightuserdata(L, &r);
    lua_pushvalue(L, t);
    lua_call(L, 2, 0);
    char *err = NULL;
    bool ok = r.result && (is_section ? wm_doc_check_section(r.result, &err)
                                      : wm_doc_check_block(r.result, &err));
    if (!ok) {
        const char *msg = err ? err : r.error;
        if (msg[0] == ':' && msg[1] == ' ')
            msg += 2; /* no path: the block itself */
        luaL_where(L, 1);
        lua_pushfstring(L, "waymark.%s: %s", who, msg[0] == '.' ? msg + 1 : msg);
        free(err);
        wm_arena_free(a);
        lua_concat(L, 2);
        lua_error(L);
    }
    wm_arena_free(a);
    lua_pop(L, 1); /* the arena box */
}

/* A new table { type = name } with the fields of the table argument copied. */
static void from_fields(lua_State *L, const char *type, int arg)
{
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_pushstring(L, type);
    lua_setfield(L, -2, "type");
}

static int make_section(lua_State *L)
{
    from_fields(L, "section", 1);
    check(L, "section", true);
    return 1;
}

static int make_table(lua_State *L)
{
    from_fields(L, "table", 1);
    check(L, "table", false);
    return 1;
}

static int make_chart(lua_State *L)
{
    from_fields(L, "chart", 1);
    check(L, "chart", false);
    return 1;
}

/* heading(text [, level]) */
static int make_heading(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_Integer level = luaL_optinteger(L, 2, 1);
    lua_createtable(L, 0, 3);
    lua_pushliteral(L, "heading");
    lua_setfield(L, -2, "type");
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, level);
    lua_setfield(L, -2, "level");
    check(L, "heading", false);
    return 1;
}

/* paragraph(text): text is a string or a list of runs. */
static int make_paragraph(lua_State *L)
{
    luaL_checkany(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "paragraph");
    lua_setfield(L, -2, "type");
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "text");
    check(L, "paragraph", false);
    return 1;
}

static int make_run(lua_State *L, const char *flag)
{
    const char *s = luaL_checkstring(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, s);
    lua_setfield(L, -2, "text");
    if (strcmp(flag, "link") == 0) {
        const char *url = luaL_checkstring(L, 2);
        if (strncmp(url, "https://", 8) && strncmp(url, "http://", 7) && strncmp(url, "mailto:", 7))
            return luaL_error(L, "waymark.link: links must be http(s) or mailto URLs");
        lua_pushstring(L, url);
        lua_setfield(L, -2, "link");
    } else {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, flag);
    }
    return 1;
}

static int make_bold(lua_State *L)
{
    return make_run(L, "bold");
}

static int make_italic(lua_State *L)
{
    return make_run(L, "italic");
}

static int make_link(lua_State *L)
{
    return make_run(L, "link");
}

/* list(items [, numbered]) */
static int make_list(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    bool numbered = lua_toboolean(L, 2); /* read before the new table takes slot 2 */
    lua_settop(L, 1);
    lua_createtable(L, 0, 3);
    lua_pushliteral(L, "list");
    lua_setfield(L, -2, "type");
    lua_pushvalue(L, 1);
    lua_setfield(L, -2, "items");
    lua_pushboolean(L, numbered);
    lua_setfield(L, -2, "numbered");
    check(L, "list", false);
    return 1;
}

/* kv{ {key, value}, ... } or kv{ {key = k, value = v}, ... } */
static int make_kv(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "kv");
    lua_setfield(L, -2, "type");
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            return luaL_error(L, "waymark.kv: item %d is not { key, value }", (int)i);
        lua_createtable(L, 0, 2);
        if (lua_rawgeti(L, -2, 1) != LUA_TNIL) {
            lua_setfield(L, -2, "key");
            lua_rawgeti(L, -2, 2);
            lua_setfield(L, -2, "value");
        } else {
            lua_pop(L, 1);
            lua_pushliteral(L, "key");
            lua_rawget(L, -3);
            lua_setfield(L, -2, "key");
            lua_pushliteral(L, "value");
            lua_rawget(L, -3);
            lua_setfield(L, -2, "value");
        }
        lua_rawseti(L, -3, i);
        lua_pop(L, 1);
    }
    lua_setfield(L, -2, "items");
    check(L, "kv", false);
    return 1;
}

/* callout(kind, body [, title]) */
static int make_callout(lua_State *L)
{
    const char *kind = luaL_checkstring(L, 1);
    luaL_checkany(L, 2);
    lua_settop(L, 3); /* slot 3 is the title or nil, never the new table */
    lua_createtable(L, 0, 4);
    lua_pushliteral(L, "callout");
    lua_setfield(L, -2, "type");
    lua_pushstring(L, kind);
    lua_setfield(L, -2, "kind");
    lua_pushvalue(L, 2);
    lua_setfield(L, -2, "body");
    if (!lua_isnoneornil(L, 3)) {
        lua_pushvalue(L, 3);
        lua_setfield(L, -2, "title");
    }
    check(L, "callout", false);
    return 1;
}

static int make_page_break(lua_State *L)
{
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "page_break");
    lua_setfield(L, -2, "type");
    return 1;
}

void wm_api_open_document(lua_State *L)
{
    static const luaL_Reg fns[] = {
        {"section", make_section},
        {"heading", make_heading},
        {"paragraph", make_paragraph},
        {"bold", make_bold},
        {"italic", make_italic},
        {"link", make_link},
        {"list", make_list},
        {"table", make_table},
        {"kv", make_kv},
        {"callout", make_callout},
        {"chart", make_chart},
        {"page_break", make_page_break},
        {NULL, NULL},
    };
    luaL_setfuncs(L, fns, 0);
}
