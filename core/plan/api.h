/*
 * api.h - host helpers behind the `waymark` Lua module that C code uses too.
 */
#ifndef WM_API_H
#define WM_API_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/display.h"
#include "../waymark.h"

#define WM_API_VERSION 1

/* Register the `waymark` module in a new sandbox's state: a lua_CFunction
 * for wm_sandbox_cpcall(sb, wm_api_open, NULL, 0, 0, &err) right after
 * wm_sandbox_new (the sandbox knows nothing of the module: the arrow runs
 * api -> sandbox only). */
struct lua_State;
int wm_api_open(struct lua_State *L);

/* Add the document constructors to the `waymark` table on top of the stack
 * (api_document.c). */
void wm_api_open_document(struct lua_State *L);

#endif /* WM_API_H */
