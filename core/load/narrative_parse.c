/*
 * narrative_parse.c - the narrative's inline markup (docs/narrative.md) read
 * into blocks of runs.
 *
 * Blocks: paragraphs, separated by blank lines; a line starting "- " is an
 * item of a bulleted list, "1. " (any number) of a numbered one; the lines
 * that follow an item without a blank line continue it.  Inline: **bold**,
 * *italic*, [text](https://...) links, {{ name }} placeholders, and a
 * backslash before ASCII punctuation for the punctuation itself.  Anything
 * else is text, shown as written.
 *
 * Linear time on any input: each line is looked at once for its marker;
 * inline, every decision is made in constant time from tables built in one
 * right-to-left pass (where the next "]", "[", "}}" and the next space or
 * ")" are, and whether a closing "**" or "*" follows), so no stretch of text
 * is scanned again for each opener.  An opener with no closer after it is
 * text.
 */
#include <stdlib.h>
#include <string.h>

#include "narrative.h"

#define NONE ((size_t)-1)

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}

static bool is_punct(char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

/* ---- errors ---- */

typedef struct {
    wm_arena *a;
    wm_nv_doc *doc;
    const size_t *map; /* joined text's byte -> source byte */
} parser;

static void fault(parser *p, size_t off, size_t len, const char *hint, const char *msg)
{
    wm_nv_doc *d = p->doc;
    if (d->n_errors == WM_NV_MAX_ERRORS)
        return;
    if (!d->errors)
        d->errors = WM_ARENA_NEW(p->a, wm_nv_error, WM_NV_MAX_ERRORS);
    wm_nv_error *e = &d->errors[d->n_errors++];
    e->off = p->map[off];
    e->len = len;
    e->message = msg;
    e->hint = hint;
}

/* ---- inline ---- */

typedef enum { T_TEXT, T_STAR1, T_STAR2, T_PH, T_LINK } tok_kind;

typedef struct {
    tok_kind kind;
    size_t a, b;      /* text: [a, b) of the joined text; placeholder: its name */
    size_t c, d;      /* link: its address; placeholder: the whole {{...}} */
    bool open, close; /* a star: may open (text follows) / close (text precedes) */
} tok;

static const char *const SCHEMES[] = {"https://", "http://", "mailto:", NULL};

/* The link scheme `s` (of n bytes) starts with, with something after it. */
static bool allowed_url(const char *s, size_t n)
{
    for (int i = 0; SCHEMES[i]; i++) {
        size_t k = strlen(SCHEMES[i]);
        if (n > k && strncmp(s, SCHEMES[i], k) == 0)
            return true;
    }
    return false;
}

typedef struct {
    tok *t;
    size_t n;
} toks;

static void push(toks *ts, tok_kind k, size_t a, size_t b)
{
    ts->t[ts->n++] = (tok){.kind = k, .a = a, .b = b};
}

/* Tokens of t[0, n): at most one per byte (a token consumes at least one
 * byte, and a star run of three gives two). */
static void tokenize(parser *p, const char *t, size_t n, toks *ts)
{
    /* Right-to-left tables: the next "]", "[", "}}", and the next byte
     * that ends an address (space or ")"), at or after each byte. */
    size_t *next_rb = WM_ARENA_NEW(p->a, size_t, 4 * (n + 1));
    size_t *next_lb = next_rb + n + 1, *next_cc = next_lb + n + 1, *next_stop = next_cc + n + 1;
    next_rb[n] = next_lb[n] = next_cc[n] = next_stop[n] = NONE;
    for (size_t i = n; i-- > 0;) {
        next_rb[i] = t[i] == ']' ? i : next_rb[i + 1];
        next_lb[i] = t[i] == '[' ? i : next_lb[i + 1];
        next_cc[i] = t[i] == '}' && i + 1 < n && t[i + 1] == '}' ? i : next_cc[i + 1];
        next_stop[i] = is_space(t[i]) || t[i] == ')' ? i : next_stop[i + 1];
    }
    bool unclosed = false; /* a "{{" without "}}" was reported: the rest is text */
    size_t i = 0, text_from = 0;
#define FLUSH()                                                                                    \
    do {                                                                                           \
        if (i > text_from)                                                                         \
            push(ts, T_TEXT, text_from, i);                                                        \
    } while (0)
    while (i < n) {
        char c = t[i];
        if (c == '\\' && i + 1 < n && is_punct(t[i + 1])) {
            FLUSH();
            push(ts, T_TEXT, i + 1, i + 2);
            i += 2;
            text_from = i;
            continue;
        }
        if (c == '{' && i + 1 < n && t[i + 1] == '{' && !unclosed) {
            size_t close = next_cc[i + 2 <= n ? i + 2 : n];
            if (close == NONE) {
                unclosed = true;
                fault(p, i, 2, "close it with '}}', or write '\\{' for a brace",
                      "'{{' is not closed");
                i += 2;
                continue;
            }
            size_t a = i + 2, b = close;
            while (a < b && is_space(t[a]))
                a++;
            while (b > a && is_space(t[b - 1]))
                b--;
            bool ok = a < b;
            for (size_t k = a; k < b && ok; k++)
                ok = is_name_char(t[k]);
            FLUSH();
            if (ok) {
                push(ts, T_PH, a, b);
                ts->t[ts->n - 1].c = i;
                ts->t[ts->n - 1].d = close + 2;
            } else {
                push(ts, T_TEXT, i, close + 2);
                char *q = wm_quote(t + i + 2, close - (i + 2), 60);
                char *m = wm_xasprintf("'{{%s}}' is not a placeholder", q);
                fault(p, i, close + 2 - i,
                      "a placeholder is a name such as {{totals.cost}}; write '\\{' for a brace",
                      wm_arena_strdup(p->a, m));
                free(m);
                free(q);
            }
            i = close + 2;
            text_from = i;
            continue;
        }
        if (c == '[') {
            size_t rb = next_rb[i + 1 <= n ? i + 1 : n], lb = next_lb[i + 1 <= n ? i + 1 : n];
            if (rb != NONE && (lb == NONE || lb > rb) && rb > i + 1 && rb + 1 < n &&
                t[rb + 1] == '(') {
                size_t u = rb + 2, stop = u < n ? next_stop[u] : NONE;
                if (stop != NONE && t[stop] == ')' && stop > u) {
                    FLUSH();
                    if (!allowed_url(t + u, stop - u)) {
                        fault(p, u, stop - u,
                              "links start with https://, http:// or mailto:; write '\\[' to "
                              "show brackets as they are",
                              "a link's address must start with https://, http:// or mailto:");
                        push(ts, T_TEXT, i, stop + 1);
                    } else if (stop - u > WM_NV_MAX_URL) {
                        fault(p, u, stop - u, "shorten the address",
                              "a link's address is longer than 2048 bytes");
                        push(ts, T_TEXT, i, stop + 1);
                    } else {
                        push(ts, T_LINK, i + 1, rb);
                        ts->t[ts->n - 1].c = u;
                        ts->t[ts->n - 1].d = stop;
                    }
                    i = stop + 1;
                    text_from = i;
                    continue;
                }
            }
            i++;
            continue;
        }
        if (c == '*') {
            size_t j = i;
            while (j < n && t[j] == '*')
                j++;
            size_t r = j - i;
            if (r > 3) {
                i = j;
                continue; /* text */
            }
            FLUSH();
            bool open = j < n && !is_space(t[j]), close = i > 0 && !is_space(t[i - 1]);
            tok_kind first = r == 1 ? T_STAR1 : T_STAR2, second = T_STAR1;
            if (r == 3 && close && !open)
                first = T_STAR1, second = T_STAR2;
            push(ts, first, i, i + (first == T_STAR1 ? 1 : 2));
            ts->t[ts->n - 1].open = open;
            ts->t[ts->n - 1].close = close;
            if (r == 3) { /* the third star after the first token's one or two */
                push(ts, second, i + (first == T_STAR1 ? 1 : 2), j);
                ts->t[ts->n - 1].open = open;
                ts->t[ts->n - 1].close = close;
            }
            i = j;
            text_from = i;
            continue;
        }
        i++;
    }
    FLUSH();
#undef FLUSH
}

/* Runs from tokens: a star opens its style when one that can close it
 * follows (known from a right-to-left pass), and closes it when open. */
static wm_nv_text runs_of(parser *p, const char *t, const toks *ts)
{
    wm_nv_text out = {WM_ARENA_NEW(p->a, wm_nv_run, ts->n + 1), 0};
    bool *closer2 = WM_ARENA_NEW(p->a, bool, 2 * (ts->n + 1)), *closer1 = closer2 + ts->n + 1;
    for (size_t k = ts->n; k-- > 0;) {
        closer2[k] = closer2[k + 1] || (ts->t[k].kind == T_STAR2 && ts->t[k].close);
        closer1[k] = closer1[k + 1] || (ts->t[k].kind == T_STAR1 && ts->t[k].close);
    }
    unsigned style = 0;
    wm_buf b;
    wm_buf_init(&b);
    size_t b_off = 0; /* where the pending text started */
    for (size_t k = 0; k <= ts->n; k++) {
        const tok *x = k < ts->n ? &ts->t[k] : NULL;
        bool star = x && (x->kind == T_STAR1 || x->kind == T_STAR2);
        unsigned bit = star ? (x->kind == T_STAR2 ? WM_NV_BOLD : WM_NV_ITALIC) : 0;
        bool toggles =
            star &&
            ((style & bit) ? x->close
                           : x->open && (x->kind == T_STAR2 ? closer2[k + 1] : closer1[k + 1]));
        if (x && (x->kind == T_TEXT || (star && !toggles))) {
            if (b.len == 0)
                b_off = x->a;
            wm_buf_put(&b, t + x->a, x->b - x->a);
            continue;
        }
        if (b.len) {
            wm_nv_run *r = &out.runs[out.n++];
            *r = (wm_nv_run){.text = wm_arena_strndup(p->a, b.data, b.len),
                             .style = style,
                             .off = p->map[b_off],
                             .len = b.len};
            b.len = 0;
        }
        if (!x)
            break;
        if (star) {
            style ^= bit;
            continue;
        }
        wm_nv_run *r = &out.runs[out.n++];
        if (x->kind == T_PH) {
            *r = (wm_nv_run){.text = wm_arena_strndup(p->a, t + x->a, x->b - x->a),
                             .style = style,
                             .placeholder = true,
                             .off = p->map[x->c],
                             .len = x->d - x->c};
        } else { /* T_LINK */
            *r = (wm_nv_run){.text = wm_arena_strndup(p->a, t + x->a, x->b - x->a),
                             .link = wm_arena_strndup(p->a, t + x->c, x->d - x->c),
                             .style = style,
                             .off = p->map[x->a - 1],
                             .len = x->d + 1 - (x->a - 1)};
            p->doc->n_links++;
        }
    }
    wm_buf_free(&b);
    return out;
}

/* ---- blocks ---- */

/* The marker a line starts with (after its indentation, which is `ind`
 * bytes): bullets "- ", numbered "123. ", or a paragraph line; *skip is
 * where the item's text starts. */
static wm_nv_kind marker(const char *s, size_t n, size_t *skip)
{
    size_t i = 0;
    if (n >= 2 && s[0] == '-' && (s[1] == ' ' || s[1] == '\t'))
        i = 2;
    else {
        while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (!(i > 0 && i + 1 < n && s[i] == '.' && (s[i + 1] == ' ' || s[i + 1] == '\t')))
            return WM_NV_PARAGRAPH;
        i += 2;
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *skip = i;
    return s[0] == '-' ? WM_NV_BULLETS : WM_NV_NUMBERED;
}

void wm_nv_parse(wm_arena *a, const char *s, size_t len, wm_nv_doc *out)
{
    memset(out, 0, sizeof *out);
    /* One pass over the lines: each item (or paragraph) is its lines joined
     * by a space, with a map back to the source bytes; `starts` marks where
     * each item begins in the joined text and what block it opens. */
    char *joined = WM_ARENA_NEW(a, char, len + 1);
    size_t *map = WM_ARENA_NEW(a, size_t, len + 2);
    size_t *item_at = WM_ARENA_NEW(a, size_t, len / 2 + 2); /* joined offset of each item */
    size_t *block_of = WM_ARENA_NEW(a, size_t, len / 2 + 2);
    wm_nv_kind *kinds = WM_ARENA_NEW(a, wm_nv_kind, len / 2 + 2);
    size_t n_items = 0, n_blocks = 0, jn = 0;
    bool in_block = false;
    wm_nv_kind cur = WM_NV_PARAGRAPH;
    for (size_t ls = 0; ls < len;) {
        size_t le = ls;
        while (le < len && s[le] != '\n')
            le++;
        size_t next = le + 1;
        size_t b = ls, e = le;
        while (b < e && is_space(s[b]))
            b++;
        while (e > b && is_space(s[e - 1]))
            e--;
        if (b == e) {
            in_block = false;
        } else {
            size_t skip = 0;
            wm_nv_kind k = marker(s + b, e - b, &skip);
            bool new_item = !in_block || k != WM_NV_PARAGRAPH;
            if (new_item) {
                wm_nv_kind kind = k == WM_NV_PARAGRAPH ? WM_NV_PARAGRAPH : k;
                if (!in_block || kind != cur || kind == WM_NV_PARAGRAPH) {
                    kinds[n_blocks] = kind;
                    n_blocks++;
                    cur = kind;
                }
                block_of[n_items] = n_blocks - 1;
                item_at[n_items++] = jn;
                b += skip;
            } else {
                map[jn] = ls;
                joined[jn++] = ' ';
            }
            in_block = true;
            for (size_t k2 = b; k2 < e; k2++) {
                if (s[k2] == '\0')
                    continue; /* never in a YAML scalar; runs are C strings */
                map[jn] = k2;
                joined[jn++] = s[k2];
            }
        }
        ls = next;
    }
    map[jn] = len;
    joined[jn] = '\0';
    item_at[n_items] = jn;

    out->blocks = WM_ARENA_NEW(a, wm_nv_block, n_blocks + 1);
    out->n = n_blocks;
    for (size_t i = 0; i < n_blocks; i++)
        out->blocks[i].kind = kinds[i];
    for (size_t i = 0; i < n_items; i++)
        out->blocks[block_of[i]].n++;
    for (size_t i = 0; i < n_blocks; i++) {
        out->blocks[i].items = WM_ARENA_NEW(a, wm_nv_text, out->blocks[i].n + 1);
        out->blocks[i].n = 0;
    }
    parser p = {a, out, map};
    toks ts = {WM_ARENA_NEW(a, tok, jn + 2), 0};
    for (size_t i = 0; i < n_items; i++) {
        size_t from = item_at[i], to = item_at[i + 1];
        ts.n = 0;
        p.map = map + from;
        tokenize(&p, joined + from, to - from, &ts);
        wm_nv_block *bl = &out->blocks[block_of[i]];
        bl->items[bl->n++] = runs_of(&p, joined + from, &ts);
    }
}
