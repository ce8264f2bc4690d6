/*
 * value.c - the JSON-shaped value tree (see value.h).
 */
#include "value.h"

#include "strhash.h"

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

/* ---- Objects ----
 *
 * Pairs stay in the order they were set.  An object that has room for
 * INDEX_FROM keys or more also carries a hash index, in the same arena block
 * right after its pairs: 2 * cap slots, each 0 (empty) or the top half of
 * the key's hash above its pair's position plus one, found by linear probing
 * from the hash.  The table is at most half full and a probe compares the
 * stored hash before the key, so setting or getting a key costs O(1) on
 * average however many keys an object has (a manifest line of a million
 * keys, a plugin's result); small objects, the common case, are scanned.
 */
enum { INDEX_FROM = 16 };

static uint64_t *index_of(const wm_value *obj)
{
    return obj->u.obj.cap >= INDEX_FROM ? (uint64_t *)(obj->u.obj.pairs + obj->u.obj.cap) : NULL;
}

static uint64_t key_hash(const char *key)
{
    return wm_strhash(key, strlen(key));
}

/* The slot holding `key` (whose hash is h), or the empty slot where it
 * would go. */
static uint64_t *slot_of(const wm_value *obj, uint64_t *index, const char *key, uint64_t h)
{
    uint64_t tag = h >> 32 << 32;
    size_t mask = 2 * obj->u.obj.cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint64_t slot = index[i];
        if (slot == 0 || ((slot & ~(uint64_t)UINT32_MAX) == tag &&
                          strcmp(obj->u.obj.pairs[(uint32_t)slot - 1].key, key) == 0))
            return &index[i];
    }
}

/* What a slot holds for the pair at `at` whose key hashes to h. */
static uint64_t slot_value(uint64_t h, size_t at)
{
    return h >> 32 << 32 | (uint64_t)(at + 1);
}

/* Position of `key` in obj's pairs, or SIZE_MAX. */
static size_t find_key(const wm_value *obj, const char *key)
{
    uint64_t *index = index_of(obj);
    if (index) {
        uint64_t slot = *slot_of(obj, index, key, key_hash(key));
        return slot ? (uint32_t)slot - 1 : SIZE_MAX;
    }
    for (size_t i = 0; i < obj->u.obj.n; i++)
        if (strcmp(obj->u.obj.pairs[i].key, key) == 0)
            return i;
    return SIZE_MAX;
}

/* Room for one more pair: the pairs (and the index, rebuilt) move to a
 * block twice the size; the old block stays in the arena. */
static void obj_grow(wm_arena *a, wm_value *obj)
{
    size_t n = obj->u.obj.n, cap = obj->u.obj.cap ? obj->u.obj.cap * 2 : 4;
    if (cap > UINT32_MAX / 2) /* past what a slot can address: out of memory */
        wm_arena_alloc(a, SIZE_MAX);
    size_t bytes = cap * sizeof(wm_vpair) + (cap >= INDEX_FROM ? 2 * cap * sizeof(uint64_t) : 0);
    wm_vpair *pairs = wm_arena_alloc(a, bytes);
    if (n)
        memcpy(pairs, obj->u.obj.pairs, n * sizeof *pairs);
    obj->u.obj.pairs = pairs;
    obj->u.obj.cap = cap;
    uint64_t *index = index_of(obj);
    for (size_t i = 0; index && i < n; i++) {
        uint64_t h = key_hash(pairs[i].key);
        *slot_of(obj, index, pairs[i].key, h) = slot_value(h, i);
    }
}

void wm_vobj_set(wm_arena *a, wm_value *obj, const char *key, wm_value *v)
{
    uint64_t *index = index_of(obj), *slot = NULL, h = 0;
    size_t at = index ? SIZE_MAX : find_key(obj, key);
    if (index) {
        h = key_hash(key);
        slot = slot_of(obj, index, key, h);
        at = *slot ? (uint32_t)*slot - 1 : SIZE_MAX;
    }
    if (at != SIZE_MAX) {
        obj->u.obj.pairs[at].val = v;
        return;
    }
    if (obj->u.obj.n == obj->u.obj.cap) {
        obj_grow(a, obj);
        index = index_of(obj);
        h = index ? key_hash(key) : 0;
        slot = index ? slot_of(obj, index, key, h) : NULL;
    }
    size_t n = obj->u.obj.n++;
    obj->u.obj.pairs[n].key = wm_arena_strdup(a, key);
    obj->u.obj.pairs[n].val = v;
    if (slot)
        *slot = slot_value(h, n);
}

wm_value *wm_vobj_get(const wm_value *obj, const char *key)
{
    if (!obj || obj->kind != WM_VOBJ)
        return NULL;
    size_t at = find_key(obj, key);
    return at == SIZE_MAX ? NULL : obj->u.obj.pairs[at].val;
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
            wm_vobj_set(a, c, v->u.obj.pairs[i].key, wm_v_copy(a, v->u.obj.pairs[i].val));
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
