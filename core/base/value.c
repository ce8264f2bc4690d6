/*
 * value.c - the JSON-shaped value tree (see value.h).
 */
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static wm_value *new_value(wm_arena *a, wm_vkind k)
{
    wm_value *v = WM_ARENA_NEW(a, wm_value, 1);
    v->kind = k;
    return v;
}

wm_value *wm_vnull(wm_arena *a)
{
    return new_value(a, WM_VNULL);
}

wm_value *wm_vbool(wm_arena *a, bool b)
{
    wm_value *v = new_value(a, WM_VBOOL);
    v->u.b = b;
    return v;
}

wm_value *wm_vint(wm_arena *a, int64_t i)
{
    wm_value *v = new_value(a, WM_VINT);
    v->u.i = i;
    return v;
}

wm_value *wm_vnum(wm_arena *a, double n)
{
    wm_value *v = new_value(a, WM_VNUM);
    v->u.n = n == 0.0 ? 0.0 : n; /* no negative zero in output */
    return v;
}

wm_value *wm_vstrn(wm_arena *a, const char *s, size_t len)
{
    wm_value *v = new_value(a, WM_VSTR);
    v->u.str.s = wm_arena_strndup(a, s, len);
    v->u.str.len = len;
    return v;
}

wm_value *wm_vstr(wm_arena *a, const char *s)
{
    return s ? wm_vstrn(a, s, strlen(s)) : wm_vnull(a);
}

wm_value *wm_varr(wm_arena *a)
{
    return new_value(a, WM_VARR);
}

wm_value *wm_vobj(wm_arena *a)
{
    return new_value(a, WM_VOBJ);
}

/* Arena arrays grow by copying; the old copy stays in the arena. */
static void *arena_grow(wm_arena *a, void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap * 2 : 4;
    while (n < need)
        n *= 2;
    void *p = wm_arena_alloc(a, n * size);
    if (*cap)
        memcpy(p, items, *cap * size);
    *cap = n;
    return p;
}

void wm_varr_push(wm_arena *a, wm_value *arr, wm_value *v)
{
    arr->u.arr.items =
        arena_grow(a, arr->u.arr.items, &arr->u.arr.cap, arr->u.arr.n + 1, sizeof(wm_value *));
    arr->u.arr.items[arr->u.arr.n++] = v;
}

void wm_vobj_set(wm_arena *a, wm_value *obj, const char *key, wm_value *v)
{
    for (size_t i = 0; i < obj->u.obj.n; i++)
        if (strcmp(obj->u.obj.pairs[i].key, key) == 0) {
            obj->u.obj.pairs[i].val = v;
            return;
        }
    wm_vobj_append(a, obj, key, v);
}

void wm_vobj_append(wm_arena *a, wm_value *obj, const char *key, wm_value *v)
{
    obj->u.obj.pairs =
        arena_grow(a, obj->u.obj.pairs, &obj->u.obj.cap, obj->u.obj.n + 1, sizeof(wm_vpair));
    obj->u.obj.pairs[obj->u.obj.n].key = wm_arena_strdup(a, key);
    obj->u.obj.pairs[obj->u.obj.n].val = v;
    obj->u.obj.n++;
}

wm_value *wm_vobj_get(const wm_value *obj, const char *key)
{
    if (!obj || obj->kind != WM_VOBJ)
        return NULL;
    for (size_t i = 0; i < obj->u.obj.n; i++)
        if (strcmp(obj->u.obj.pairs[i].key, key) == 0)
            return obj->u.obj.pairs[i].val;
    return NULL;
}

bool wm_v_is_number(const wm_value *v)
{
    return v && (v->kind == WM_VINT || v->kind == WM_VNUM);
}

double wm_v_number(const wm_value *v)
{
    if (!v)
        return 0;
    return v->kind == WM_VINT ? (double)v->u.i : v->kind == WM_VNUM ? v->u.n : 0;
}

bool wm_vobj_num(const wm_value *obj, const char *key, double *out)
{
    const wm_value *v = wm_vobj_get(obj, key);
    if (!wm_v_is_number(v))
        return false;
    *out = wm_v_number(v);
    return true;
}

const char *wm_vobj_str(const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    return v && v->kind == WM_VSTR ? v->u.str.s : NULL;
}

const char *wm_v_kind_name(wm_vkind k)
{
    static const char *const names[] = {"null",   "boolean", "integer", "number",
                                        "string", "array",   "object"};
    return names[k];
}

wm_value *wm_v_copy(wm_arena *a, const wm_value *v)
{
    wm_value *c;
    switch (v->kind) {
    case WM_VSTR:
        return wm_vstrn(a, v->u.str.s, v->u.str.len);
    case WM_VARR:
        c = wm_varr(a);
        for (size_t i = 0; i < v->u.arr.n; i++)
            wm_varr_push(a, c, wm_v_copy(a, v->u.arr.items[i]));
        return c;
    case WM_VOBJ:
        c = wm_vobj(a);
        for (size_t i = 0; i < v->u.obj.n; i++)
            wm_vobj_append(a, c, v->u.obj.pairs[i].key, wm_v_copy(a, v->u.obj.pairs[i].val));
        return c;
    default:
        c = new_value(a, v->kind);
        c->u = v->u;
        return c;
    }
}

/* ---- JSON ---- */

void wm_json_string(wm_buf *out, const char *s, size_t len)
{
    wm_buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"':
            wm_buf_puts(out, "\\\"");
            break;
        case '\\':
            wm_buf_puts(out, "\\\\");
            break;
        case '\n':
            wm_buf_puts(out, "\\n");
            break;
        case '\r':
            wm_buf_puts(out, "\\r");
            break;
        case '\t':
            wm_buf_puts(out, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7F) {
                wm_buf_printf(out, "\\u%04x", c);
            } else if (c < 0x80) {
                wm_buf_putc(out, (char)c);
            } else {
                /* JSON text is UTF-8: a byte that does not start a valid
                 * sequence (a Latin-1 file name) becomes U+FFFD rather than
                 * making the whole document unreadable. */
                uint32_t cp;
                size_t k = wm_utf8_decode(s + i, len - i < 4 ? len - i : 4, &cp);
                if (k == 0) {
                    wm_buf_puts(out, "\xEF\xBF\xBD");
                } else {
                    wm_buf_put(out, s + i, k);
                    i += k - 1;
                }
            }
        }
    }
    wm_buf_putc(out, '"');
}

void wm_json_number(wm_buf *out, double d)
{
    if (!isfinite(d)) {
        wm_buf_puts(out, "null");
        return;
    }
    if (d == 0.0) {
        wm_buf_puts(out, "0");
        return;
    }
    char buf[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    wm_buf_puts(out, buf);
}

static void newline(wm_buf *out, int indent, int depth)
{
    if (!indent)
        return;
    wm_buf_putc(out, '\n');
    for (int i = 0; i < indent * depth; i++)
        wm_buf_putc(out, ' ');
}

static void json(const wm_value *v, wm_buf *out, int indent, int depth)
{
    switch (v->kind) {
    case WM_VNULL:
        wm_buf_puts(out, "null");
        break;
    case WM_VBOOL:
        wm_buf_puts(out, v->u.b ? "true" : "false");
        break;
    case WM_VINT:
        wm_buf_printf(out, "%lld", (long long)v->u.i);
        break;
    case WM_VNUM:
        wm_json_number(out, v->u.n);
        break;
    case WM_VSTR:
        wm_json_string(out, v->u.str.s, v->u.str.len);
        break;
    case WM_VARR:
        if (v->u.arr.n == 0) {
            wm_buf_puts(out, "[]");
            break;
        }
        wm_buf_putc(out, '[');
        for (size_t i = 0; i < v->u.arr.n; i++) {
            if (i)
                wm_buf_putc(out, ',');
            newline(out, indent, depth + 1);
            json(v->u.arr.items[i], out, indent, depth + 1);
        }
        newline(out, indent, depth);
        wm_buf_putc(out, ']');
        break;
    case WM_VOBJ:
        if (v->u.obj.n == 0) {
            wm_buf_puts(out, "{}");
            break;
        }
        wm_buf_putc(out, '{');
        for (size_t i = 0; i < v->u.obj.n; i++) {
            if (i)
                wm_buf_putc(out, ',');
            newline(out, indent, depth + 1);
            const char *k = v->u.obj.pairs[i].key;
            wm_json_string(out, k, strlen(k));
            wm_buf_puts(out, indent ? ": " : ":");
            json(v->u.obj.pairs[i].val, out, indent, depth + 1);
        }
        newline(out, indent, depth);
        wm_buf_putc(out, '}');
        break;
    }
}

void wm_v_json(const wm_value *v, wm_buf *out, int indent)
{
    json(v, out, indent, 0);
}
