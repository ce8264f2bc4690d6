/*
 * marshal.h - values across the C/Lua boundary.
 *
 * Into Lua: a wm_value becomes plain tables (arrays for arrays, string keys
 * for objects).  Null object fields are left out, so a plugin tests
 * `x.start == nil`; a null inside an array is `waymark.null`.
 *
 * Out of Lua: a returned table is read back by raw access only (no plugin
 * metamethod runs), checked as it goes - no cycles, at most 32 levels, no
 * functions or userdata, no NaN or infinity, text in UTF-8 - and any fault is
 * reported with the path to it ("initiatives[3].score: ...").  Both
 * directions must run under protection (wm_sandbox_cpcall).
 */
#ifndef WM_MARSHAL_H
#define WM_MARSHAL_H

#include <lua.h>

#include "../base/value.h"

void wm_lua_push(lua_State *L, const wm_value *v);

typedef struct {
    wm_arena *arena;  /* where the values go */
    wm_value *result; /* set on success */
    char error[700];  /* set on failure: "path: what is wrong" */
    size_t nodes;     /* read so far, capped */
    size_t bytes;     /* text read so far, capped */
    const char *root; /* name of the root in paths, e.g. "result" */
} wm_lua_reader;

/* A lua_CFunction for wm_sandbox_cpcall with a wm_lua_reader as userdata and
 * the value to read as the second argument.  Returns with reader->result
 * set, or reader->error filled and result NULL. */
int wm_lua_read(lua_State *L);

#endif /* WM_MARSHAL_H */
