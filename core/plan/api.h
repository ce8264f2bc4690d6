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

/* Add the document constructors to the `waymark` table on top of the stack
 * (api_document.c). */
struct lua_State;
void wm_api_open_document(struct lua_State *L);

#endif /* WM_API_H */
