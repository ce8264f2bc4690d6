/*
 * ytree.c - libyaml events to a positioned tree (see ytree.h for the rules).
 *
 * The event API is used rather than yaml_parser_load because the document
 * loader has no depth limit and pays libyaml's quadratic cost for deep flow
 * nesting before returning; here the depth cap stops the parse at once.
 */
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_SEQ "tag:yaml.org,2002:seq"
#define TAG_MAP "tag:yaml.org,2002:map"

typedef struct {
    wm_ynode *node;
    wm_ynode **kids;
    size_t n, cap;
    size_t anchor; /* index into the anchor table + 1; 0 for none */
} frame;

typedef struct {
    const char *name;
    wm_ynode *node;
    bool complete;
    wm_pos pos;
} anchor_def;

typedef struct {
    wm_arena *arena;
    const char *file;
    const char *data;
    size_t len;
    wm_diags *d;
    frame stack[WM_YAML_MAX_DEPTH];
    size_t depth;
    anchor_def *anchors;
    size_t n_anchors, cap_anchors;
    size_t aliases, alias_nodes;
    int documents;
    wm_ynode *root;
    bool failed;
    int enc; /* 0 UTF-8, else utf16_kind */
    /* The position cursor: character `cur_index` is at byte `cur_off`
     * (0: not started) and at `cur_pos`. */
    size_t cur_index, cur_off;
    wm_pos cur_pos;
} builder;

/* ---- Positions ---- */

/* libyaml's marks count characters from the start of the text (its BOM
 * left out): `index` in code points, a CR LF as two, and `line` also at
 * NEL, LS and PS (YAML 1.1 line breaks that no editor shows).  A position
 * is worked out here from the index instead, by the rule of ytree.h
 * (wm_text_step), so columns are code points and lines are what an editor
 * shows.  A cursor moves forward with the events, so a whole file costs
 * one pass; a mark before the cursor (a context, on error) starts again. */

/* 1 for UTF-16LE, 2 for UTF-16BE (by byte order mark), else 0. */
static int utf16_kind(const char *data, size_t len)
{
    if (len < 2)
        return 0;
    unsigned char a = (unsigned char)data[0], b = (unsigned char)data[1];
    return a == 0xFF && b == 0xFE ? 1 : a == 0xFE && b == 0xFF ? 2 : 0;
}

/* The code point at byte `off` of `data` in encoding `enc` (0 UTF-8, else
 * utf16_kind) and its width in bytes; a byte (or unit) that does not start
 * a valid character is one character of its own. */
static uint32_t decode_at(const char *data, size_t len, size_t off, int enc, size_t *width)
{
    uint32_t cp;
    if (!enc) {
        *width = wm_utf8_decode(data + off, len - off, &cp);
        if (*width == 0) {
            *width = 1;
            cp = (unsigned char)data[off];
        }
        return cp;
    }
    const unsigned char *u = (const unsigned char *)data + off;
    if (len - off < 2) {
        *width = len - off;
        return 0xFFFD;
    }
    uint32_t hi = enc == 1 ? (uint32_t)(u[0] | u[1] << 8) : (uint32_t)(u[0] << 8 | u[1]);
    *width = 2;
    if (hi >= 0xD800 && hi <= 0xDBFF && len - off >= 4) {
        uint32_t lo = enc == 1 ? (uint32_t)(u[2] | u[3] << 8) : (uint32_t)(u[2] << 8 | u[3]);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            *width = 4;
            return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        }
    }
    return hi;
}

/* Moves *off past one character and *pos with it (see ytree.h). */
static void step(const char *data, size_t len, int enc, size_t *off, wm_pos *pos)
{
    unsigned char b = (unsigned char)data[*off];
    uint32_t c;
    size_t w;
    if (!enc && b < 0x80) { /* ASCII, most of any file */
        c = b;
        w = 1;
    } else {
        c = decode_at(data, len, *off, enc, &w);
    }
    *off += w;
    if (c == '\n' || (c == '\r' && !(*off < len && decode_at(data, len, *off, enc, &w) == '\n'))) {
        pos->line++;
        pos->col = 1;
    } else if (c != '\r') {
        pos->col++;
    }
}

void wm_text_step(const char *text, size_t len, size_t *off, wm_pos *pos)
{
    step(text, len, 0, off, pos);
}

/* Where the text starts: after a byte order mark. */
static size_t text_start(const builder *b)
{
    if (b->enc)
        return 2;
    return b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Moves the cursor to character `index` (or the end of the text). */
static void seek(builder *b, size_t index)
{
    if (index < b->cur_index || b->cur_off == 0) {
        b->cur_index = 0;
        b->cur_off = text_start(b);
        b->cur_pos = (wm_pos){1, 1};
    }
    while (b->cur_index < index && b->cur_off < b->len) {
        step(b->data, b->len, b->enc, &b->cur_off, &b->cur_pos);
        b->cur_index++;
    }
}

static wm_pos mark_pos(builder *b, yaml_mark_t m)
{
    seek(b, m.index);
    return b->cur_pos;
}

/* The code point at libyaml's mark, 0 at the end of the text. */
static uint32_t char_at(builder *b, yaml_mark_t m)
{
    seek(b, m.index);
    size_t w;
    return b->cur_off < b->len ? decode_at(b->data, b->len, b->cur_off, b->enc, &w) : 0;
}

/* The byte offset of libyaml's mark. */
static size_t mark_offset(builder *b, yaml_mark_t m)
{
    seek(b, m.index);
    return b->cur_off;
}

/* Line and column of a byte offset into the input (reader errors give
 * one). */
static wm_pos offset_pos(builder *b, size_t off)
{
    size_t at = text_start(b);
    wm_pos p = {1, 1};
    while (at < off && at < b->len)
        step(b->data, b->len, b->enc, &at, &p);
    return p;
}

static void fail(builder *b, wm_pos pos, const char *hint, const char *msg)
{
    wm_diag_add(b->d, WM_ERROR, b->file, pos, msg, hint);
    b->failed = true;
}

/* ---- libyaml's own errors, with hints for the usual slips ---- */

/* Hints by what libyaml's problem says and, for some, the character it
 * stopped at (0: any); the first match wins. */
static const struct {
    const char *problem;
    uint32_t at;
    const char *hint;
} HINTS[] = {
    {"cannot start any token", '\t',
     "YAML does not allow tabs for indentation; indent with spaces"},
    {"tab character", 0, "YAML does not allow tabs for indentation; indent with spaces"},
    {"cannot start any token", '@', "a value starting with '@' or '`' must be quoted"},
    {"cannot start any token", '`', "a value starting with '@' or '`' must be quoted"},
    {"did not find expected key", 0,
     "check the indentation of this line against the lines above it"},
    {"mapping values are not allowed", 0,
     "a value that contains ': ' must be quoted, or a key is indented too far"},
    {"could not find expected ':'", 0,
     "each key needs a ':' after it; a long text value may need quotes"},
    {"unexpected end of stream", 0, "a quoted string or a [ ... ] / { ... } is not closed"},
    {"did not find expected ',' or ']'", 0,
     "a [ ... ] list is not closed, or an item needs quotes"},
    {"did not find expected ',' or '}'", 0,
     "a { ... } mapping is not closed, or a value needs quotes"},
    {"did not find expected node content", 0, "a value is missing after '-' or ':'"},
    {"control characters are not allowed", 0,
     "the file contains a control character (such as NUL); is it a text file?"},
    {"did not find expected <document start>", 0,
     "an engagement file holds one YAML mapping; remove what follows it"},
};

static const char *hint_for(const char *problem, uint32_t at)
{
    for (size_t i = 0; problem && i < sizeof HINTS / sizeof HINTS[0]; i++)
        if (strstr(problem, HINTS[i].problem) && (!HINTS[i].at || HINTS[i].at == at))
            return HINTS[i].hint;
    return NULL;
}

/* ---- A quoted value that was never closed ---- */

/* A value that starts with ' or " is a quoted scalar to YAML, which runs
 * to the next such quote, lines later if need be ('s-Hertogenbosch), and
 * libyaml then fails there, or at the end of the file, far from the cause.
 * These find the quote that opened it. */

/* The hint for a value opened with `quote` at byte `off`; `closed`: the
 * quote was closed on its line and text follows it.  With `example`, the
 * line's own text is shown, quoted the right way, when it is short and
 * simple (not in a [ ... ] or { ... }, where the line holds more). */
static void quote_hint(const builder *b, size_t off, char quote, bool closed, bool example,
                       char *hint, size_t size)
{
    size_t end = off + 1;
    while (end < b->len && b->data[end] != '\n' && b->data[end] != '\r')
        end++;
    while (end > off + 1 && (b->data[end - 1] == ' ' || b->data[end - 1] == '\t'))
        end--;
    size_t start = off;
    while (start > 0 && b->data[start - 1] != '\n' && b->data[start - 1] != '\r')
        start--;
    if (memchr(b->data + start, '[', off - start) || memchr(b->data + start, '{', off - start))
        example = false; /* in a [ ... ] or { ... }, the line holds more than the value */
    const char *v = b->data + off;
    size_t n = end - off;
    char other = quote == '\'' ? '"' : '\'';
    /* Shown as it is between the other quotes (no escapes needed), or with
     * only its first character doubled inside single quotes. */
    bool simple = example && !b->enc && n <= 60 && memchr(v, '\\', n) == NULL &&
                  memchr(v, other, n) == NULL && (closed || memchr(v + 1, quote, n - 1) == NULL) &&
                  wm_utf8_valid_prefix(v, n) == n;
    for (size_t i = 0; simple && i < n; i++)
        simple = (unsigned char)v[i] >= 0x20 && v[i] != 0x7F;
    const char *kind = quote == '\'' ? "double" : "single";
    int w = (int)n;
    if (closed && simple)
        snprintf(hint, size,
                 "a quoted value ends at its closing quote; to keep the text after it, quote the "
                 "whole value with %s quotes: %c%.*s%c",
                 kind, other, w, v, other);
    else if (closed)
        snprintf(hint, size,
                 "a quoted value ends at its closing quote; to keep the text after it, quote the "
                 "whole value with %s quotes",
                 kind);
    else if (quote == '\'' && simple)
        snprintf(hint, size,
                 "to start a value with an apostrophe, quote the whole value with double quotes "
                 "(\"%.*s\") or double the apostrophe inside single quotes ('''%.*s')",
                 w, v, w - 1, v + 1);
    else if (quote == '\'')
        snprintf(hint, size,
                 "to start a value with an apostrophe, quote the whole value with double quotes, "
                 "or write each apostrophe twice inside single quotes ('')");
    else if (simple)
        snprintf(hint, size,
                 "end the value with a closing \"; to start a value with a quotation mark, quote "
                 "the whole value with single quotes ('%.*s')",
                 w, v);
    else
        snprintf(hint, size,
                 "end the value with a closing \"; to start a value with a quotation mark, quote "
                 "the whole value with single quotes, or write \\\" for each \" inside double "
                 "quotes");
}

/* The last quoted scalar that ends just before libyaml's error (only
 * blanks between), found by scanning the tokens again; false when the error
 * does not follow one. */
static bool quoted_before(const builder *b, yaml_mark_t problem, yaml_mark_t *start,
                          yaml_mark_t *end)
{
    yaml_parser_t q;
    if (!yaml_parser_initialize(&q))
        return false;
    yaml_parser_set_input_string(&q, (const unsigned char *)b->data, b->len);
    bool found = false, done = false;
    while (!done) {
        yaml_token_t t;
        if (!yaml_parser_scan(&q, &t))
            break;
        done = t.type == YAML_STREAM_END_TOKEN || t.start_mark.index >= problem.index;
        if (!done && t.type == YAML_SCALAR_TOKEN &&
            (t.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
             t.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)) {
            *start = t.start_mark;
            *end = t.end_mark;
            found = true;
        } else if (!done && t.type != YAML_STREAM_START_TOKEN) {
            found = false; /* something came between */
        }
        yaml_token_delete(&t);
    }
    yaml_parser_delete(&q);
    return found && end->line == problem.line && end->index <= problem.index;
}

/* Reports a quoted value left open, when that is what libyaml's error
 * comes down to; false when it is not. */
static bool report_open_quote(builder *b, const yaml_parser_t *p)
{
    yaml_mark_t open, close;
    bool at_end = p->context && strcmp(p->context, "while scanning a quoted scalar") == 0 &&
                  strstr(p->problem, "unexpected end of stream");
    if (at_end)
        open = p->context_mark;
    else if (!quoted_before(b, p->problem_mark, &open, &close))
        return false;
    uint32_t quote = char_at(b, open);
    if (quote != '\'' && quote != '"')
        return false;
    char hint[400], msg[300];
    wm_pos at = mark_pos(b, open), c = {0, 0};
    if (!at_end) {
        c = mark_pos(b, close);
        c.col--; /* the end mark is just past the closing quote */
    }
    bool flow = p->context && strstr(p->context, "flow");
    quote_hint(b, mark_offset(b, open), (char)quote, !at_end && c.line == at.line, !flow, hint,
               sizeof hint);
    if (at_end) {
        snprintf(msg, sizeof msg, "the quoted value opened here with %c is never closed",
                 (char)quote);
    } else {
        if (c.line == at.line)
            snprintf(msg, sizeof msg,
                     "the quoted value opened here with %c ends at line %u, column %u, but the "
                     "value goes on after it",
                     (char)quote, c.line, c.col);
        else
            snprintf(msg, sizeof msg,
                     "the quoted value opened here with %c is not closed on its line: YAML read "
                     "on to the next %c, at line %u, column %u",
                     (char)quote, (char)quote, c.line, c.col);
    }
    fail(b, at, hint, msg);
    return true;
}

/* NEL, LS and PS (pasted from a word processor or a chat) break a line
 * for libyaml but not on screen, so a plain value seems to end early.  The
 * last one before byte `off`, with its position; 0 when there is none. */
static uint32_t separator_before(builder *b, size_t off, wm_pos *pos)
{
    uint32_t found = 0;
    size_t at = text_start(b);
    wm_pos p = {1, 1};
    while (at < off && at < b->len) {
        size_t w;
        uint32_t c = decode_at(b->data, b->len, at, b->enc, &w);
        if (c == 0x85 || c == 0x2028 || c == 0x2029) {
            found = c;
            *pos = p;
        }
        step(b->data, b->len, b->enc, &at, &p);
    }
    return found;
}

static void report_libyaml(builder *b, const yaml_parser_t *p)
{
    wm_pos pos;
    char msg[512];
    const char *problem = p->problem ? p->problem : "malformed YAML";
    if (p->error == YAML_MEMORY_ERROR) {
        fail(b, (wm_pos){1, 1}, NULL, "out of memory while reading YAML");
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        pos = offset_pos(b, p->problem_offset);
        if (b->enc) {
            if (strstr(problem, "surrogate"))
                snprintf(msg, sizeof msg, "the file is not valid UTF-16: unpaired surrogate");
            else
                snprintf(msg, sizeof msg, "the file is not valid UTF-16: %s", problem);
            if (p->problem_value >= 0)
                snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " 0x%04X",
                         (unsigned)p->problem_value);
            fail(b, pos, "save the file as UTF-8 text", msg);
            return;
        }
        if (p->problem_value >= 0)
            snprintf(msg, sizeof msg, "%s (byte 0x%02X)", problem, (unsigned)p->problem_value);
        else
            snprintf(msg, sizeof msg, "%s", problem);
        fail(b, pos, hint_for(problem, 0), msg);
        return;
    }
    if (p->problem && report_open_quote(b, p))
        return;
    pos = mark_pos(b, p->problem_mark);
    uint32_t at = char_at(b, p->problem_mark);
    if (p->context) {
        wm_pos c = mark_pos(b, p->context_mark);
        snprintf(msg, sizeof msg, "%s (%s at line %u, column %u)", problem, p->context, c.line,
                 c.col);
    } else {
        snprintf(msg, sizeof msg, "%s", problem);
    }
    char hint[200];
    wm_pos sep_pos;
    uint32_t sep = separator_before(b, mark_offset(b, p->problem_mark), &sep_pos);
    if (sep)
        snprintf(hint, sizeof hint,
                 "line %u, column %u holds U+%04X (%s), which YAML reads as a line break: remove "
                 "it, or put the value in double quotes",
                 sep_pos.line, sep_pos.col, (unsigned)sep,
                 sep == 0x85     ? "next line"
                 : sep == 0x2028 ? "line separator"
                                 : "paragraph separator");
    fail(b, pos, sep ? hint : hint_for(problem, at), msg);
}

/* ---- Characters no value may hold ---- */

/* Once a double-quoted value is unescaped it can hold anything: "\e]0;x\a"
 * retitles the terminal that shows the title in a message, and a control
 * character in the PDF is an invisible glyph.  So every scalar (a value or
 * a key, in an engagement, a brand or a playbook template) is refused when
 * it holds:
 *   - a C0 control other than tab and line feed (U+0000..U+001F), DEL
 *     (U+007F) or a C1 control (U+0080..U+009F, NEL among them);
 *   - an explicit bidirectional embedding, override or isolate (U+202A..
 *     U+202E, U+2066..U+2069): Arabic and Hebrew text lays itself out right
 *     to left without them, and with them a text can be shown in an order
 *     other than the one it has (the "Trojan Source" trick), in a terminal,
 *     a Markdown or HTML output or a spreadsheet.  The implicit marks LRM,
 *     RLM and ALM (U+200E, U+200F, U+061C), which only settle where neutral
 *     characters go, are allowed;
 *   - a noncharacter (U+FDD0..U+FDEF and the last two of every plane),
 *     which is never text. */

static const char *const C0_NAMES[32] = {"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
                                         "BS",  "HT",  "LF",  "VT",  "FF",  "CR",  "SO",  "SI",
                                         "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
                                         "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};

static const struct {
    uint32_t cp;
    const char *name;
} BIDI_NAMES[] = {
    {0x202A, "left-to-right embedding"},    {0x202B, "right-to-left embedding"},
    {0x202C, "pop directional formatting"}, {0x202D, "left-to-right override"},
    {0x202E, "right-to-left override"},     {0x2066, "left-to-right isolate"},
    {0x2067, "right-to-left isolate"},      {0x2068, "first strong isolate"},
    {0x2069, "pop directional isolate"},
};

wm_char_class wm_char_class_of(uint32_t c)
{
    if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F))
        return WM_CH_CONTROL;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return WM_CH_BIDI;
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return WM_CH_NONCHARACTER;
    return WM_CH_OK;
}

static const char *const CLASS_WHAT[] = {"", "a control character",
                                         "a bidirectional formatting character", "a noncharacter"};
static const char *const CLASS_HINT[] = {
    "",
    "remove it, or its escape in a double-quoted value (\\e, \\x1B, \\N, ...): a control "
    "character can take over the terminal that shows it, and is no text in a PDF",
    "remove it: Arabic and Hebrew text runs right to left by itself, and an override or isolate "
    "can make a text read differently from what it holds (the marks U+200E and U+200F are "
    "allowed)",
    "remove it: a noncharacter is not text; was the file converted from another encoding?"};

/* Refuses a scalar that holds a character of the list above, at the
 * scalar's position, naming the character and which one of the value it
 * is; true when the text is clean.  `text` is libyaml's UTF-8. */
static bool check_characters(builder *b, const char *text, size_t len, wm_pos pos)
{
    size_t index = 0;
    for (size_t i = 0; i < len; index++) {
        uint32_t c = (unsigned char)text[i];
        size_t w = 1;
        if (c >= 0x80) {
            w = wm_utf8_decode(text + i, len - i, &c);
            if (w == 0) { /* libyaml hands out UTF-8; never here */
                c = 0xFFFD;
                w = 1;
            }
        }
        i += w;
        wm_char_class k = wm_char_class_of(c);
        if (k == WM_CH_OK)
            continue;
        char name[64] = "";
        if (c < 0x20)
            snprintf(name, sizeof name, " (%s)", C0_NAMES[c]);
        else if (c == 0x7F)
            snprintf(name, sizeof name, " (DEL)");
        else if (c == 0x85)
            snprintf(name, sizeof name, " (NEL, next line)");
        for (size_t j = 0; j < sizeof BIDI_NAMES / sizeof BIDI_NAMES[0]; j++)
            if (BIDI_NAMES[j].cp == c)
                snprintf(name, sizeof name, " (%s)", BIDI_NAMES[j].name);
        char msg[200];
        snprintf(msg, sizeof msg, "the value holds U+%04X%s, %s (character %zu of the value)",
                 (unsigned)c, name, CLASS_WHAT[k], index + 1);
        fail(b, pos, CLASS_HINT[k], msg);
        return false;
    }
    return true;
}

/* ---- Tree building ---- */

static void add_child(builder *b, wm_ynode *node)
{
    if (b->depth == 0) {
        b->root = node;
        return;
    }
    frame *f = &b->stack[b->depth - 1];
    WM_GROW(f->kids, f->cap, f->n + 1);
    f->kids[f->n++] = node;
}

static bool check_tag(builder *b, const char *tag, const char *allowed, wm_pos pos)
{
    if (!tag || strcmp(tag, allowed) == 0 || strcmp(tag, "!") == 0)
        return true;
    static const char core[] = "tag:yaml.org,2002:";
    char shown[200];
    if (strncmp(tag, core, sizeof core - 1) == 0)
        snprintf(shown, sizeof shown, "!!%s", tag + sizeof core - 1);
    else
        snprintf(shown, sizeof shown, "%s", tag);
    char *q = wm_quote(shown, strlen(shown), 60);
    char msg[160];
    snprintf(msg, sizeof msg, "YAML tags are not supported (found '%s')", q);
    free(q);
    fail(b, pos, "remove the tag: Waymark reads every value by the engagement schema", msg);
    return false;
}

static bool define_anchor(builder *b, const char *name, wm_ynode *node, wm_pos pos)
{
    for (size_t i = 0; i < b->n_anchors; i++) {
        if (strcmp(b->anchors[i].name, name) == 0) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "anchor '&%.60s' is defined twice (first at line %u, column %u)", name,
                     b->anchors[i].pos.line, b->anchors[i].pos.col);
            fail(b, pos, "give each anchor its own name", msg);
            return false;
        }
    }
    if (b->n_anchors >= WM_YAML_MAX_ANCHORS) {
        char msg[100];
        snprintf(msg, sizeof msg, "more than %d anchors in one file", WM_YAML_MAX_ANCHORS);
        fail(b, pos, "write the values out instead of anchoring so many", msg);
        return false;
    }
    WM_GROW(b->anchors, b->cap_anchors, b->n_anchors + 1);
    anchor_def *a = &b->anchors[b->n_anchors++];
    a->name = wm_arena_strdup(b->arena, name);
    a->node = node;
    a->complete = node->kind == WM_YSCALAR;
    a->pos = pos;
    return true;
}

static const char *anchor_name(const void *ctx, size_t i)
{
    return ((const anchor_def *)ctx)[i].name;
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    wm_pos pos = mark_pos(b, ev->start_mark);
    anchor_def *a = NULL;
    for (size_t i = 0; i < b->n_anchors; i++)
        if (strcmp(b->anchors[i].name, name) == 0)
            a = &b->anchors[i];
    char msg[200];
    if (!a) {
        const char *near = wm_suggest(name, b->n_anchors, anchor_name, b->anchors);
        char hint[120];
        if (near)
            snprintf(hint, sizeof hint, "did you mean '*%.60s'?", near);
        snprintf(msg, sizeof msg, "alias '*%.60s' refers to no anchor defined before it", name);
        fail(b, pos, near ? hint : "define the anchor (&name) before using the alias", msg);
        return;
    }
    if (!a->complete) {
        snprintf(msg, sizeof msg, "alias '*%.60s' is inside the node it refers to", name);
        fail(b, pos, "an alias cannot refer to a node that contains it", msg);
        return;
    }
    if (++b->aliases > WM_YAML_MAX_ALIASES) {
        snprintf(msg, sizeof msg, "more than %d aliases in one file", WM_YAML_MAX_ALIASES);
        fail(b, pos, "write the values out; so many aliases look like an expansion bomb", msg);
        return;
    }
    b->alias_nodes += a->node->weight;
    if (b->alias_nodes > WM_YAML_MAX_ALIAS_NODES) {
        snprintf(msg, sizeof msg, "aliases expand to more than %d nodes", WM_YAML_MAX_ALIAS_NODES);
        fail(b, pos, "this looks like an alias expansion bomb; write the values out", msg);
        return;
    }
    add_child(b, a->node);
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
    wm_pos pos = mark_pos(b, ev->start_mark);
    const char *tag = (const char *)ev->data.scalar.tag;
    if (!check_tag(b, tag, TAG_STR, pos))
        return;
    size_t len = ev->data.scalar.length;
    if (len > WM_YAML_MAX_SCALAR) {
        char msg[120];
        snprintf(msg, sizeof msg, "a value of %zu bytes is longer than the limit of %d bytes", len,
                 WM_YAML_MAX_SCALAR);
        fail(b, pos, "engagement values are short texts and numbers; is this the right file?", msg);
        return;
    }
    if (!check_characters(b, (const char *)ev->data.scalar.value, len, pos))
        return;
    wm_ynode *n = WM_ARENA_NEW(b->arena, wm_ynode, 1);
    n->kind = WM_YSCALAR;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !tag;
    n->tagged = tag != NULL;
    n->pos = pos;
    n->text = wm_arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
    n->len = len;
    n->weight = 1;
    if (ev->data.scalar.anchor && !define_anchor(b, (const char *)ev->data.scalar.anchor, n, pos))
        return;
    add_child(b, n);
}

static void on_start(builder *b, const yaml_event_t *ev, wm_ykind kind)
{
    wm_pos pos = mark_pos(b, ev->start_mark);
    const char *tag, *anchor;
    if (kind == WM_YMAP) {
        tag = (const char *)ev->data.mapping_start.tag;
        anchor = (const char *)ev->data.mapping_start.anchor;
    } else {
        tag = (const char *)ev->data.sequence_start.tag;
        anchor = (const char *)ev->data.sequence_start.anchor;
    }
    if (!check_tag(b, tag, kind == WM_YMAP ? TAG_MAP : TAG_SEQ, pos))
        return;
    if (b->depth >= WM_YAML_MAX_DEPTH) {
        char msg[100];
        snprintf(msg, sizeof msg, "nesting is deeper than %d levels", WM_YAML_MAX_DEPTH);
        fail(b, pos, "an engagement file nests a few levels deep; is this the right file?", msg);
        return;
    }
    wm_ynode *n = WM_ARENA_NEW(b->arena, wm_ynode, 1);
    n->kind = kind;
    n->pos = pos;
    if (anchor && !define_anchor(b, anchor, n, pos))
        return;
    frame *f = &b->stack[b->depth++];
    f->n = 0; /* kids and cap are kept from the last frame at this depth */
    f->node = n;
    f->anchor = anchor ? b->n_anchors : 0;
}

static bool same_key(const wm_ynode *a, const wm_ynode *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static bool is_merge_key(const wm_ynode *k)
{
    return k->kind == WM_YSCALAR && k->plain && k->len == 2 && memcmp(k->text, "<<", 2) == 0;
}

static void report_duplicate(builder *b, const wm_ynode *first, const wm_ynode *again)
{
    char *q = wm_quote(again->text, again->len, 60);
    char msg[240];
    snprintf(msg, sizeof msg, "duplicate key '%s' (first at line %u, column %u)", q,
             first->pos.line, first->pos.col);
    free(q);
    wm_diag_add(b->d, WM_ERROR, b->file, again->pos, msg,
                "each key may appear once in a mapping; remove or rename one");
}

static int cmp_key_ptr(const void *pa, const void *pb)
{
    const wm_ynode *a = *(wm_ynode *const *)pa, *b = *(wm_ynode *const *)pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->text, b->text, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    /* Same key: keep file order so the first one reports as first. */
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    return a->pos.col < b->pos.col ? -1 : (a->pos.col > b->pos.col);
}

/* Report keys that are not unique among `keys` (explicit keys only). */
static void check_duplicates(builder *b, wm_ynode **keys, size_t n)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(keys[i], keys[j])) {
                    report_duplicate(b, keys[j], keys[i]);
                    break;
                }
        return;
    }
    wm_ynode **sorted = wm_xmalloc(n * sizeof *sorted);
    memcpy(sorted, keys, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_key_ptr);
    for (size_t i = 1; i < n; i++) {
        if (same_key(sorted[i], sorted[i - 1])) {
            size_t first = i - 1;
            while (first > 0 && same_key(sorted[first - 1], sorted[i]))
                first--;
            report_duplicate(b, sorted[first], sorted[i]);
        }
    }
    free(sorted);
}

static bool key_present(wm_ynode **pairs, size_t n_pairs, const wm_ynode *key)
{
    for (size_t i = 0; i < n_pairs; i++)
        if (same_key(pairs[2 * i], key))
            return true;
    return false;
}

/* Finish a mapping: check keys, apply `<<` merge keys, detect duplicates. */
static void finish_map(builder *b, frame *f)
{
    wm_ynode *m = f->node;
    size_t n_pairs = f->n / 2;
    wm_ynode **keys = wm_xmalloc((n_pairs + 1) * sizeof *keys);
    size_t n_keys = 0, n_merges = 0;
    for (size_t i = 0; i < n_pairs; i++) {
        wm_ynode *k = f->kids[2 * i];
        if (k->kind != WM_YSCALAR) {
            fail(b, k->pos, "write keys as plain text", "a mapping key must be a scalar");
            free(keys);
            return;
        }
        if (is_merge_key(k))
            n_merges++;
        else
            keys[n_keys++] = k;
    }
    size_t errors_before = b->d->errors;
    check_duplicates(b, keys, n_keys);
    if (b->d->errors != errors_before)
        b->failed = true;
    free(keys);

    /* Explicit pairs first, in order; then merged pairs not already present,
     * earlier merge sources winning (YAML's merge key convention). */
    wm_ynode **pairs = wm_xmalloc((f->n + 2) * sizeof *pairs);
    size_t np = 0;
    for (size_t i = 0; i < n_pairs; i++) {
        if (is_merge_key(f->kids[2 * i]))
            continue;
        pairs[2 * np] = f->kids[2 * i];
        pairs[2 * np + 1] = f->kids[2 * i + 1];
        np++;
    }
    size_t cap = f->n + 2;
    for (size_t i = 0; i < n_pairs && n_merges; i++) {
        wm_ynode *k = f->kids[2 * i], *v = f->kids[2 * i + 1];
        if (!is_merge_key(k))
            continue;
        wm_ynode *single[1] = {v};
        wm_ynode **srcs = v->kind == WM_YSEQ ? v->items : single;
        size_t n_srcs = v->kind == WM_YSEQ ? v->n : 1;
        for (size_t s = 0; s < n_srcs; s++) {
            const wm_ynode *src = srcs[s];
            if (src->kind != WM_YMAP) {
                fail(b, k->pos, "use '<<: *name' where &name marks a mapping",
                     "a merge key '<<' takes a mapping or a list of mappings");
                free(pairs);
                return;
            }
            for (size_t j = 0; j < src->n; j++) {
                if (key_present(pairs, np, src->items[2 * j]))
                    continue;
                if (2 * (np + 1) > cap) {
                    cap = cap * 2 + 2;
                    pairs = wm_xrealloc(pairs, cap * sizeof *pairs);
                }
                pairs[2 * np] = src->items[2 * j];
                pairs[2 * np + 1] = src->items[2 * j + 1];
                np++;
            }
        }
    }
    m->items = WM_ARENA_NEW(b->arena, wm_ynode *, 2 * np + 1);
    memcpy(m->items, pairs, 2 * np * sizeof *pairs);
    m->n = np;
    free(pairs);
}

static void on_end(builder *b)
{
    frame *f = &b->stack[--b->depth];
    wm_ynode *n = f->node;
    size_t weight = 1;
    for (size_t i = 0; i < f->n; i++)
        weight += f->kids[i]->weight;
    n->weight = weight;
    if (n->kind == WM_YSEQ) {
        n->items = WM_ARENA_NEW(b->arena, wm_ynode *, f->n + 1);
        if (f->n)
            memcpy(n->items, f->kids, f->n * sizeof *f->kids);
        n->n = f->n;
    } else {
        finish_map(b, f);
    }
    if (f->anchor)
        b->anchors[f->anchor - 1].complete = true;
    add_child(b, n);
}

static void on_document_start(builder *b, const yaml_event_t *ev)
{
    wm_pos pos = mark_pos(b, ev->start_mark);
    if (b->documents++ > 0) {
        fail(b, pos, "an engagement file holds exactly one document; split it into two files",
             "more than one YAML document in the file");
        return;
    }
    if (ev->data.document_start.tag_directives.start != ev->data.document_start.tag_directives.end)
        fail(b, pos, "remove the %TAG directive", "%TAG directives are not supported");
}

wm_ynode *wm_yaml_parse(wm_arena *arena, const char *file, const char *data, size_t len,
                        wm_diags *diags)
{
    builder b;
    memset(&b, 0, sizeof b);
    b.arena = arena;
    b.file = file;
    b.data = data;
    b.len = len;
    b.d = diags;
    b.enc = utf16_kind(data, len);

    /* libyaml reports bad UTF-8 at 0:0; find the first bad byte ourselves.
     * UTF-16 input (with its BOM) is left to libyaml, which converts it. */
    if (!b.enc) {
        size_t ok = wm_utf8_valid_prefix(data, len);
        /* A NUL before the first bad byte is the first problem (UTF-16
         * without a byte-order mark has one at its second byte): say it
         * there, as libyaml would, rather than at a byte much later. */
        const char *nul = memchr(data, 0, ok);
        if (nul) {
            fail(&b, offset_pos(&b, (size_t)(nul - data)),
                 hint_for("control characters are not allowed", 0),
                 "control characters are not allowed (byte 0x00)");
            return NULL;
        }
        if (ok < len) {
            char msg[120];
            snprintf(msg, sizeof msg, "the file is not valid UTF-8: byte 0x%02X cannot appear here",
                     (unsigned char)data[ok]);
            fail(&b, offset_pos(&b, ok), "save the file as UTF-8 text", msg);
            return NULL;
        }
    }

    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        fail(&b, (wm_pos){1, 1}, NULL, "out of memory while reading YAML");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    bool done = false;
    while (!done && !b.failed) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_libyaml(&b, &p);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            on_document_start(&b, &ev);
            break;
        case YAML_ALIAS_EVENT:
            on_alias(&b, &ev);
            break;
        case YAML_SCALAR_EVENT:
            on_scalar(&b, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            on_start(&b, &ev, WM_YSEQ);
            break;
        case YAML_MAPPING_START_EVENT:
            on_start(&b, &ev, WM_YMAP);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            on_end(&b);
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    for (size_t i = 0; i < WM_YAML_MAX_DEPTH; i++)
        free(b.stack[i].kids);
    free(b.anchors);
    if (b.failed)
        return NULL;
    if (!b.root || (b.root->kind == WM_YSCALAR && b.root->plain && b.root->len == 0)) {
        fail(&b, (wm_pos){1, 1}, "an engagement file starts with 'format: waymark/1'",
             "the file is empty");
        return NULL;
    }
    return b.root;
}

/* ---- Queries ---- */

const wm_ynode *wm_ymap_get(const wm_ynode *m, const char *key)
{
    if (!m || m->kind != WM_YMAP)
        return NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; i < m->n; i++) {
        const wm_ynode *k = wm_ymap_key(m, i);
        if (k->len == kl && memcmp(k->text, key, kl) == 0)
            return wm_ymap_value(m, i);
    }
    return NULL;
}

bool wm_ynode_is_null(const wm_ynode *n)
{
    if (!n || n->kind != WM_YSCALAR || !n->plain)
        return false;
    if (n->len == 0)
        return true;
    if (n->len == 1)
        return n->text[0] == '~';
    return n->len == 4 && (strcmp(n->text, "null") == 0 || strcmp(n->text, "Null") == 0 ||
                           strcmp(n->text, "NULL") == 0);
}

const char *wm_ynode_describe(const wm_ynode *n)
{
    if (!n)
        return "nothing";
    switch (n->kind) {
    case WM_YMAP:
        return "a mapping";
    case WM_YSEQ:
        return "a list";
    case WM_YSCALAR:
        break;
    }
    return wm_ynode_is_null(n) ? "an empty value" : "a text value";
}

wm_pos wm_ynode_text_pos(const char *src, size_t src_len, const wm_ynode *n, size_t off, size_t len)
{
    if (!src || n->pos.line == 0 || off + len > n->len)
        return n->pos;
    /* A few bytes find the place as well as the whole token, and keep the
     * count below linear in the text whatever the token's length. */
    if (len > 16)
        len = 16;
    const char *s = src;
    if (src_len >= 2 && ((unsigned char)s[0] == 0xFF || (unsigned char)s[0] == 0xFE))
        return n->pos; /* UTF-16: the text is not searched */
    const char *tok = n->text + off;
    size_t k = 0; /* occurrences of the token before it in the text */
    for (size_t i = 0; i < off; i++)
        if (memcmp(n->text + i, tok, len) == 0)
            k++;
    size_t p = src_len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    wm_pos at = {1, 1}; /* counted as the tree counts (wm_text_step) */
    while (p < src_len &&
           (at.line < n->pos.line || (at.line == n->pos.line && at.col < n->pos.col)))
        wm_text_step(s, src_len, &p, &at);
    while (p + len <= src_len) {
        if (memcmp(s + p, tok, len) == 0) {
            if (k == 0)
                return at;
            k--;
        }
        wm_text_step(s, src_len, &p, &at);
    }
    return n->pos;
}
