/*
 * util.h - memory, strings and small containers shared by every stage.
 *
 * Allocation never fails from the caller's point of view: wm_xmalloc and
 * friends print a message and abort when the system is out of memory, so
 * no caller checks for NULL.  An arena (wm_arena) owns many small objects
 * that die together, such as a YAML tree and the model built from it.
 */
#ifndef WM_UTIL_H
#define WM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../waymark.h"

void *wm_xmalloc(size_t n);
void *wm_xcalloc(size_t count, size_t size);
void *wm_xrealloc(void *p, size_t n);
char *wm_xstrdup(const char *s);
char *wm_xstrndup(const char *s, size_t n);
char *wm_xasprintf(const char *fmt, ...) WM_PRINTF(1, 2);
char *wm_xvasprintf(const char *fmt, va_list ap) WM_PRINTF(1, 0);

/* Grow *items (of `size` bytes each) so that it holds at least `need`. */
void wm_grow(void **items, size_t *cap, size_t need, size_t size);
#define WM_GROW(arr, cap, need) wm_grow((void **)&(arr), &(cap), (need), sizeof *(arr))

/* ---- Arena: bump allocation, freed all at once ---- */
typedef struct wm_arena_block wm_arena_block;
typedef struct {
    wm_arena_block *head;
    size_t used; /* total bytes handed out */
} wm_arena;

void wm_arena_init(wm_arena *a);
void wm_arena_free(wm_arena *a);
void *wm_arena_alloc(wm_arena *a, size_t n); /* zeroed, 16-byte aligned */
char *wm_arena_strndup(wm_arena *a, const char *s, size_t n);
char *wm_arena_strdup(wm_arena *a, const char *s);
#define WM_ARENA_NEW(a, type, count) ((type *)wm_arena_alloc((a), sizeof(type) * (count)))

/* ---- Growable byte buffer, always NUL-terminated ---- */
typedef struct {
    char *data;
    size_t len, cap;
} wm_buf;

void wm_buf_init(wm_buf *b);
void wm_buf_free(wm_buf *b);
void wm_buf_reserve(wm_buf *b, size_t extra);
void wm_buf_put(wm_buf *b, const void *p, size_t n);
void wm_buf_puts(wm_buf *b, const char *s);
void wm_buf_putc(wm_buf *b, char c);
void wm_buf_printf(wm_buf *b, const char *fmt, ...) WM_PRINTF(2, 3);
/* Hand the string over to the caller (who frees it) and reset the buffer. */
char *wm_buf_steal(wm_buf *b);

/* ---- Templates ---- */

/* One substitution: every occurrence of `marker` (which starts with '@')
 * becomes `value`. */
typedef struct {
    const char *marker, *value;
} wm_subst;

/* `text` with each marker replaced (the first in `subs` that matches at a
 * given '@' wins; an '@' that starts no marker stays), as a new string the
 * caller frees.  For the scaffolds of `waymark init` and `new-plugin`. */
char *wm_fill(const char *text, const wm_subst *subs, size_t n_subs);

/* ---- Timing ---- */

/* A monotonic clock in milliseconds, for WAYMARK_TIMINGS and benchmarks. */
double wm_clock_ms(void);
/* Whether WAYMARK_TIMINGS asks for timings on stderr (set, and not "0"). */
bool wm_timings_enabled(void);

/* ---- Text helpers ---- */

/* Decode one code point from s[0..n): its length in bytes, or 0 when s does
 * not start with a valid, shortest-form sequence (no surrogates). */
size_t wm_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* How many bytes of s (at most max) to print with "%.*s" so that a message
 * never ends inside a multi-byte character: max, or less at a character's
 * start. */
int wm_utf8_cut(const char *s, int max);
/* Length in bytes of the valid UTF-8 prefix of s[0..n). */
size_t wm_utf8_valid_prefix(const char *s, size_t n);
/* Write v in decimal at out (no sign, no NUL; at most 20 bytes) and return
 * how many bytes: for paths and PDF numbers built where snprintf costs too
 * much. */
size_t wm_utoa(unsigned long long v, char out[20]);
/* The UTF-8 form of code point cp (at most U+10FFFF) into out; its length. */
size_t wm_utf8_encode(uint32_t cp, char out[4]);
/* Append the UTF-8 form of code point cp (at most U+10FFFF). */
void wm_buf_put_utf8(wm_buf *b, uint32_t cp);
/* Whether s ends with tail. */
bool wm_ends_with(const char *s, const char *tail);
/* Number of code points in a valid UTF-8 string of n bytes. */
size_t wm_utf8_count(const char *s, size_t n);

/* Text made safe for a terminal or a log, the one rule for it: C0 controls,
 * DEL, C1 controls (U+0080..U+009F), the explicit bidirectional embeddings,
 * overrides and isolates (U+202A..U+202E, U+2066..U+2069: they would show
 * a name reordered) and bytes that are not valid UTF-8 become \xNN, a
 * line break and a tab \n and \t (unless keep_newlines keeps those two as
 * they are); everything else is kept.  So a file named
 * "a<ESC>]0;PWNED<BEL>.yaml" is shown as a\x1B]0;PWNED\x07.yaml and cannot
 * retitle the terminal.  wm_buf_put_shown appends s[0..n); wm_fwrite_shown
 * writes s[0..n) to f, wm_fput_shown a string. */
void wm_buf_put_shown(wm_buf *b, const char *s, size_t n, bool keep_newlines);
void wm_fwrite_shown(FILE *f, const char *s, size_t n, bool keep_newlines);
void wm_fput_shown(FILE *f, const char *s, bool keep_newlines);

/* Quote a value for a message: at most `max` characters, shown as above
 * (line breaks escaped), "..." appended when cut.  The caller frees the
 * result. */
char *wm_quote(const char *s, size_t n, size_t max);

/* Text from a plugin shown as above, at most `max` bytes read, "... (cut)"
 * appended when cut.  The caller frees the result. */
char *wm_sanitize(const char *s, size_t max, bool keep_newlines);

/* Edit distance with adjacent transpositions (optimal string alignment),
 * in code points ("café" is one edit from "cafe"); SIZE_MAX past 64 code
 * points. */
size_t wm_edit_distance(const char *a, const char *b);

/* The candidate closest to `word`, or NULL when none is close enough to be a
 * plausible typo.  `get` returns candidate i. */
const char *wm_suggest(const char *word, size_t n, const char *(*get)(const void *ctx, size_t i),
                       const void *ctx);
/* The same over a NULL-terminated array of strings. */
const char *wm_suggest_list(const char *word, const char *const *list);

#endif /* WM_UTIL_H */
