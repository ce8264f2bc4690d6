/*
 * json.c - reading JSON (RFC 8259) into a wm_value tree.
 *
 * Waymark writes JSON in value.c; it reads it back only for its own files
 * (the batch manifest, a worker's report), but a manifest is a file a user
 * can edit or truncate, so the reader is strict and bounded: UTF-8 is
 * checked, nesting is capped, numbers that fit an int64 stay integers, and
 * any error comes back as a message with its byte offset instead of a
 * partial tree.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define MAX_DEPTH 64

typedef struct {
    wm_arena *a;
    const char *s, *end, *p;
    char *err; /* first error (malloc'd) */
    int depth;
} reader;

static bool fail(reader *r, const char *what)
{
    if (!r->err)
        r->err = wm_xasprintf("%s at byte %zu", what, (size_t)(r->p - r->s));
    return false;
}

static void skip_ws(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static bool literal(reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "unexpected character");
    r->p += n;
    return true;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

/* The length of the valid UTF-8 sequence at p (at most `left` bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t left)
{
    unsigned c = p[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        n = 2, min = 0x80;
    else if ((c & 0xF0) == 0xE0)
        n = 3, min = 0x800;
    else if ((c & 0xF8) == 0xF0)
        n = 4, min = 0x10000;
    else
        return 0;
    if (left < n)
        return 0;
    unsigned cp = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static bool string_into(reader *r, wm_buf *b)
{
    r->p++; /* the opening quote */
    while (r->p < r->end) {
        unsigned char c = (unsigned char)*r->p;
        if (c == '"') {
            r->p++;
            return true;
        }
        if (c < 0x20)
            return fail(r, "control character in a string");
        if (c != '\\') {
            size_t n = utf8_len((const unsigned char *)r->p, (size_t)(r->end - r->p));
            if (n == 0)
                return fail(r, "invalid UTF-8 in a string");
            wm_buf_put(b, r->p, n);
            r->p += n;
            continue;
        }
        if (r->end - r->p < 2)
            break;
        char e = r->p[1];
        r->p += 2;
        switch (e) {
        case '"':
            wm_buf_putc(b, '"');
            break;
        case '\\':
            wm_buf_putc(b, '\\');
            break;
        case '/':
            wm_buf_putc(b, '/');
            break;
        case 'b':
            wm_buf_putc(b, '\b');
            break;
        case 'f':
            wm_buf_putc(b, '\f');
            break;
        case 'n':
            wm_buf_putc(b, '\n');
            break;
        case 'r':
            wm_buf_putc(b, '\r');
            break;
        case 't':
            wm_buf_putc(b, '\t');
            break;
        case 'u': {
            int hi = r->end - r->p >= 4 ? hex4(r->p) : -1;
            if (hi < 0)
                return fail(r, "bad \\u escape");
            r->p += 4;
            unsigned cp = (unsigned)hi;
            if (hi >= 0xD800 && hi <= 0xDBFF) {
                int lo =
                    r->end - r->p >= 6 && r->p[0] == '\\' && r->p[1] == 'u' ? hex4(r->p + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(r, "unpaired surrogate in a \\u escape");
                r->p += 6;
                cp = 0x10000 + (((unsigned)hi - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
            } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
                return fail(r, "unpaired surrogate in a \\u escape");
            }
            wm_buf_put_utf8(b, cp);
            break;
        }
        default:
            return fail(r, "bad escape in a string");
        }
    }
    return fail(r, "unterminated string");
}

static wm_value *value(reader *r);

static wm_value *number(reader *r)
{
    const char *start = r->p;
    bool integer = true;
    if (r->p < r->end && *r->p == '-')
        r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9')
        return fail(r, "expected a value"), NULL;
    if (*r->p == '0' && r->p + 1 < r->end && r->p[1] >= '0' && r->p[1] <= '9')
        return fail(r, "leading zero in a number"), NULL;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        r->p++;
    if (r->p < r->end && *r->p == '.') {
        integer = false;
        r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return fail(r, "digits expected after '.'"), NULL;
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        integer = false;
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return fail(r, "digits expected in an exponent"), NULL;
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    char tmp[64];
    size_t n = (size_t)(r->p - start);
    if (n >= sizeof tmp)
        return fail(r, "number too long"), NULL;
    memcpy(tmp, start, n);
    tmp[n] = '\0';
    if (integer) {
        errno = 0;
        long long i = strtoll(tmp, NULL, 10);
        if (errno == 0)
            return wm_vint(r->a, (int64_t)i);
    }
    double d = strtod(tmp, NULL);
    if (!isfinite(d))
        return fail(r, "number out of range"), NULL;
    return wm_vnum(r->a, d);
}

static wm_value *array(reader *r)
{
    wm_value *arr = wm_varr(r->a);
    r->p++;
    skip_ws(r);
    if (r->p < r->end && *r->p == ']') {
        r->p++;
        return arr;
    }
    for (;;) {
        wm_value *v = value(r);
        if (!v)
            return NULL;
        wm_varr_push(r->a, arr, v);
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == ']') {
            r->p++;
            return arr;
        }
        return fail(r, "expected ',' or ']'"), NULL;
    }
}

static wm_value *object(reader *r)
{
    wm_value *obj = wm_vobj(r->a);
    r->p++;
    skip_ws(r);
    if (r->p < r->end && *r->p == '}') {
        r->p++;
        return obj;
    }
    wm_buf key;
    wm_buf_init(&key);
    for (;;) {
        skip_ws(r);
        if (r->p >= r->end || *r->p != '"') {
            fail(r, "expected a key in quotes");
            break;
        }
        key.len = 0;
        if (!string_into(r, &key))
            break;
        if (key.len && memchr(key.data, '\0', key.len)) {
            fail(r, "NUL in a key");
            break;
        }
        skip_ws(r);
        if (r->p >= r->end || *r->p != ':') {
            fail(r, "expected ':'");
            break;
        }
        r->p++;
        wm_value *v = value(r);
        if (!v)
            break;
        wm_vobj_set(r->a, obj, key.len ? key.data : "", v);
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '}') {
            r->p++;
            wm_buf_free(&key);
            return obj;
        }
        fail(r, "expected ',' or '}'");
        break;
    }
    wm_buf_free(&key);
    return NULL;
}

static wm_value *value(reader *r)
{
    skip_ws(r);
    if (r->p >= r->end)
        return fail(r, "unexpected end of input"), NULL;
    switch (*r->p) {
    case '{':
    case '[': {
        if (++r->depth > MAX_DEPTH)
            return fail(r, "nested too deeply"), NULL;
        wm_value *v = *r->p == '{' ? object(r) : array(r);
        r->depth--;
        return v;
    }
    case '"': {
        wm_buf b;
        wm_buf_init(&b);
        wm_value *v = NULL;
        if (string_into(r, &b))
            v = wm_vstrn(r->a, b.data ? b.data : "", b.len);
        wm_buf_free(&b);
        return v;
    }
    case 't':
        return literal(r, "true") ? wm_vbool(r->a, true) : NULL;
    case 'f':
        return literal(r, "false") ? wm_vbool(r->a, false) : NULL;
    case 'n':
        return literal(r, "null") ? wm_vnull(r->a) : NULL;
    default:
        return number(r);
    }
}

wm_value *wm_json_parse(wm_arena *a, const char *s, size_t len, char **err)
{
    reader r = {a, s, s + len, s, NULL, 0};
    wm_value *v = value(&r);
    if (v) {
        skip_ws(&r);
        if (r.p != r.end) {
            fail(&r, "text after the value");
            v = NULL;
        }
    }
    if (err)
        *err = r.err;
    else
        free(r.err);
    return v;
}
