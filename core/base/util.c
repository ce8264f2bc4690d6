/*
 * util.c - allocation that aborts on exhaustion, an arena, a byte buffer,
 * UTF-8 helpers and "did you mean" suggestions.
 */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void out_of_memory(size_t n)
{
    fprintf(stderr, "waymark: out of memory (requested %zu bytes)\n", n);
    abort();
}

void *wm_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *wm_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *wm_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *wm_xstrdup(const char *s)
{
    return wm_xstrndup(s, strlen(s));
}

char *wm_xstrndup(const char *s, size_t n)
{
    char *p = wm_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *wm_xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = wm_xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *wm_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = wm_xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void wm_grow(void **items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    if (n > SIZE_MAX / size)
        out_of_memory(SIZE_MAX);
    *items = wm_xrealloc(*items, n * size);
    *cap = n;
}

/* ---- Arena ---- */

struct wm_arena_block {
    wm_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

void wm_arena_init(wm_arena *a)
{
    a->head = NULL;
    a->used = 0;
}

void wm_arena_free(wm_arena *a)
{
    wm_arena_block *b = a->head;
    while (b) {
        wm_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}

void *wm_arena_alloc(wm_arena *a, size_t n)
{
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n)
        out_of_memory(n);
    wm_arena_block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;
        b = wm_xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        if (need > ARENA_BLOCK / 4 && a->head) {
            /* A large object gets a block of its own behind the current one,
             * so the current block's free space is not wasted. */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    memset(p, 0, n);
    return p;
}

char *wm_arena_strndup(wm_arena *a, const char *s, size_t n)
{
    char *p = wm_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *wm_arena_strdup(wm_arena *a, const char *s)
{
    return wm_arena_strndup(a, s, strlen(s));
}

/* ---- Buffer ---- */

void wm_buf_init(wm_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void wm_buf_free(wm_buf *b)
{
    free(b->data);
    wm_buf_init(b);
}

void wm_buf_reserve(wm_buf *b, size_t extra)
{
    WM_GROW(b->data, b->cap, b->len + extra + 1);
}

void wm_buf_put(wm_buf *b, const void *p, size_t n)
{
    wm_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void wm_buf_puts(wm_buf *b, const char *s)
{
    wm_buf_put(b, s, strlen(s));
}

void wm_buf_putc(wm_buf *b, char c)
{
    wm_buf_put(b, &c, 1);
}

void wm_buf_printf(wm_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        wm_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

char *wm_buf_steal(wm_buf *b)
{
    char *s = b->data ? b->data : wm_xstrdup("");
    wm_buf_init(b);
    return s;
}

/* ---- Templates ---- */

char *wm_fill(const char *text, const wm_subst *subs, size_t n_subs)
{
    wm_buf b;
    wm_buf_init(&b);
    for (const char *p = text; *p;) {
        const char *at = strchr(p, '@');
        if (!at) {
            wm_buf_puts(&b, p);
            break;
        }
        wm_buf_put(&b, p, (size_t)(at - p));
        p = at;
        size_t i = 0;
        while (i < n_subs && strncmp(p, subs[i].marker, strlen(subs[i].marker)) != 0)
            i++;
        if (i < n_subs) {
            wm_buf_puts(&b, subs[i].value);
            p += strlen(subs[i].marker);
        } else {
            wm_buf_putc(&b, *p++);
        }
    }
    if (!b.data)
        wm_buf_puts(&b, "");
    return wm_buf_steal(&b);
}

size_t wm_utoa(unsigned long long v, char out[20])
{
    char rev[20];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    return n;
}

/* ---- UTF-8 ---- */

size_t wm_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void wm_buf_put_utf8(wm_buf *b, uint32_t cp)
{
    char out[4];
    wm_buf_put(b, out, wm_utf8_encode(cp, out));
}

bool wm_ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

int wm_utf8_cut(const char *s, int max)
{
    int n = 0;
    while (n < max && s[n])
        n++;
    if (n < max || !s[n])
        return n; /* the whole string fits */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--; /* s[n] continues a character: end before its start */
    return n;
}

size_t wm_utf8_decode(const char *s, size_t n, uint32_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0)
        return 0;
    unsigned c = p[0];
    size_t len;
    uint32_t cp, min;
    if (c < 0x80) {
        *out = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *out = cp;
    return len;
}

size_t wm_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* Fast path: eight ASCII bytes at a time. */
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080u)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        uint32_t cp;
        size_t len = wm_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return n;
}

size_t wm_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* The one rule for what may reach a terminal or a log as it is.  Appends
 * the character at s[i] (of n bytes) as shown and returns the bytes it
 * took: printable ASCII and valid UTF-8 as they are; a line break and a tab
 * as \n and \t (or as they are with keep_newlines); every other C0 control,
 * DEL, a C1 control (U+0080..U+009F: 0x9B is CSI on some terminals) and a
 * byte that is not valid UTF-8 as \xNN, byte by byte. */
static size_t put_shown(wm_buf *b, const char *s, size_t n, size_t i, bool keep_newlines)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n' || c == '\t') {
        if (keep_newlines)
            wm_buf_putc(b, (char)c);
        else
            wm_buf_puts(b, c == '\n' ? "\\n" : "\\t");
        return 1;
    }
    if (c >= 0x20 && c < 0x7F) {
        wm_buf_putc(b, (char)c);
        return 1;
    }
    uint32_t cp = 0;
    size_t k = c < 0x80 ? 0 : wm_utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
        wm_buf_printf(b, "\\x%02X", c);
        return 1;
    }
    /* C1 controls, and the explicit bidirectional embeddings, overrides and
     * isolates, which would show the text around them in another order. */
    bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (cp <= 0x9F || bidi) {
        for (size_t j = 0; j < k; j++)
            wm_buf_printf(b, "\\x%02X", (unsigned char)s[i + j]);
    } else {
        wm_buf_put(b, s + i, k);
    }
    return k;
}

void wm_buf_put_shown(wm_buf *b, const char *s, size_t n, bool keep_newlines)
{
    for (size_t i = 0; i < n;)
        i += put_shown(b, s, n, i, keep_newlines);
}

void wm_fwrite_shown(FILE *f, const char *s, size_t n, bool keep_newlines)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_put_shown(&b, s, n, keep_newlines);
    if (b.len)
        fwrite(b.data, 1, b.len, f);
    wm_buf_free(&b);
}

void wm_fput_shown(FILE *f, const char *s, bool keep_newlines)
{
    wm_fwrite_shown(f, s, strlen(s), keep_newlines);
}

char *wm_quote(const char *s, size_t n, size_t max)
{
    wm_buf b;
    wm_buf_init(&b);
    size_t chars = 0, i = 0;
    while (i < n && chars < max) {
        i += put_shown(&b, s, n, i, false);
        chars++;
    }
    if (i < n)
        wm_buf_puts(&b, "...");
    return wm_buf_steal(&b);
}

char *wm_sanitize(const char *s, size_t max, bool keep_newlines)
{
    size_t n = strnlen(s, max);
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_put_shown(&b, s, n, keep_newlines);
    if (n == max && s[n])
        wm_buf_puts(&b, "... (cut)");
    return wm_buf_steal(&b);
}

/* ---- Suggestions ---- */

/* The code points of s (a byte that starts no valid character counts as
 * one), at most 64 of them; SIZE_MAX when there are more. */
static size_t code_points(const char *s, uint32_t out[64])
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        if (n == 64)
            return SIZE_MAX;
        size_t w = wm_utf8_decode(s + i, len - i, &out[n]);
        if (w == 0) {
            out[n] = 0xD800u + (unsigned char)s[i]; /* never a decoded code point */
            w = 1;
        }
        i += w;
    }
    return n;
}

size_t wm_edit_distance(const char *a_text, const char *b_text)
{
    uint32_t a[64], b[64];
    size_t la = code_points(a_text, a), lb = code_points(b_text, b);
    if (la == SIZE_MAX || lb == SIZE_MAX)
        return SIZE_MAX;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb];
}

const char *wm_suggest(const char *word, size_t n, const char *(*get)(const void *ctx, size_t i),
                       const void *ctx)
{
    uint32_t cps[64];
    size_t wl = code_points(word, cps);
    /* Allow about one edit per three characters, at least one, at most three. */
    size_t limit = wl / 3;
    if (limit < 1)
        limit = 1;
    if (limit > 3)
        limit = 3;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const char *cand = get(ctx, i);
        if (!cand || strcmp(cand, word) == 0)
            continue;
        size_t d = wm_edit_distance(word, cand);
        if (d <= limit && d < best_d) {
            best = cand;
            best_d = d;
        }
    }
    return best;
}

static const char *list_get(const void *ctx, size_t i)
{
    return ((const char *const *)ctx)[i];
}

const char *wm_suggest_list(const char *word, const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    return wm_suggest(word, n, list_get, list);
}

/* ---- Timing ---- */

double wm_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool wm_timings_enabled(void)
{
    const char *t = getenv("WAYMARK_TIMINGS");
    return t && *t && strcmp(t, "0") != 0;
}
