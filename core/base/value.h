/*
 * value.h - a JSON-shaped value tree: the plan as data.
 *
 * The plan moves between the C host and Lua plugins, is merged stage by
 * stage and written as JSON; one small tree type serves all three.  Objects
 * keep their keys in insertion order (so output order is the order the
 * host laid the skeleton out in), and integers stay integers.
 *
 * Ownership: every value, key and string lives in the wm_arena given to
 * the constructors; nothing is freed on its own.  Replacing a field leaves
 * the old value in the arena until the arena is freed.
 */
#ifndef WM_VALUE_H
#define WM_VALUE_H

#include "util.h"

typedef enum { WM_VNULL, WM_VBOOL, WM_VINT, WM_VNUM, WM_VSTR, WM_VARR, WM_VOBJ } wm_vkind;

typedef struct wm_value wm_value;

typedef struct {
    const char *key;
    wm_value *val;
} wm_vpair;

struct wm_value {
    wm_vkind kind;
    union {
        bool b;
        int64_t i;
        double n;
        struct {
            const char *s;
            size_t len;
        } str;
        struct {
            wm_value **items;
            size_t n, cap;
        } arr;
        struct {
            wm_vpair *pairs;
            size_t n, cap;
        } obj;
    } u;
};

wm_value *wm_vnull(wm_arena *a);
wm_value *wm_vbool(wm_arena *a, bool b);
wm_value *wm_vint(wm_arena *a, int64_t i);
wm_value *wm_vnum(wm_arena *a, double n);
wm_value *wm_vstr(wm_arena *a, const char *s); /* copies; NULL gives null */
wm_value *wm_vstrn(wm_arena *a, const char *s, size_t len);
wm_value *wm_varr(wm_arena *a);
wm_value *wm_vobj(wm_arena *a);

void wm_varr_push(wm_arena *a, wm_value *arr, wm_value *v);
/* Set `key` (copied) to v: replaces in place when present, else appends. */
void wm_vobj_set(wm_arena *a, wm_value *obj, const char *key, wm_value *v);
/* The value under `key`, or NULL (absent, or `obj` not an object). */
wm_value *wm_vobj_get(const wm_value *obj, const char *key);

/* Convenience readers: the number (int or float) / string under key. */
bool wm_vobj_num(const wm_value *obj, const char *key, double *out);
const char *wm_vobj_str(const wm_value *obj, const char *key);

bool wm_v_is_number(const wm_value *v);
double wm_v_number(const wm_value *v); /* 0 for non-numbers */
const char *wm_v_kind_name(wm_vkind k);

wm_value *wm_v_copy(wm_arena *a, const wm_value *v);

/* Append JSON to `out`: `indent` spaces per level, 0 for one line.
 * Doubles are written with the fewest digits that read back exactly. */
void wm_v_json(const wm_value *v, wm_buf *out, int indent);
/* A JSON string literal for s. */
void wm_json_string(wm_buf *out, const char *s, size_t len);
/* The shortest decimal that reads back as exactly d. */
void wm_json_number(wm_buf *out, double d);

#endif /* WM_VALUE_H */
