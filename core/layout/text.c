/*
 * text.c - text widths from TrueType faces and Unicode line breaking (see
 * text.h).
 */
#include "text.h"

#include <hb.h>
#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../base/util.h"
#include "ttf_check.h"

enum { CACHE = 0x3000 }; /* Latin, Greek, Cyrillic, punctuation, currency, arrows */

struct wm_face {
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    int16_t cache[CACHE]; /* advance in 1/1000 em; -1 missing; -2 not looked up */
};

wm_face *wm_face_from_data(const char *name, unsigned char *data, size_t len, char **err)
{
    wm_ttf_problem problem;
    if (!wm_ttf_check(data, len, &problem)) {
        *err = wm_xasprintf("the font '%s' %s", name, problem.reason);
        free(data);
        return NULL;
    }
    wm_face *f = wm_xcalloc(1, sizeof *f);
    /* HarfBuzz borrows the bytes and frees them with the blob. */
    f->blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, data, free);
    f->face = hb_face_create(f->blob, 0);
    f->upem = hb_face_get_upem(f->face);
    if (hb_face_get_glyph_count(f->face) == 0 || f->upem == 0) { /* the check makes this unlikely */
        *err = wm_xasprintf("the font '%s' cannot be read: it is damaged", name);
        wm_face_free(f);
        return NULL;
    }
    f->font = hb_font_create(f->face);
    for (int i = 0; i < CACHE; i++)
        f->cache[i] = -2;
    return f;
}

wm_face *wm_face_open(const char *path, char **err)
{
    wm_diags d;
    wm_diags_init(&d);
    size_t len = 0;
    char *data = wm_read_file(path, WM_TTF_MAX_BYTES, &len, &d);
    if (!data) {
        *err = wm_xasprintf("cannot read the font '%s': %s", path,
                            d.count ? d.items[0].message : "cannot read the file");
        wm_diags_free(&d);
        return NULL;
    }
    wm_diags_free(&d);
    return wm_face_from_data(path, (unsigned char *)data, len, err);
}

const unsigned char *wm_face_data(const wm_face *f, size_t *len)
{
    unsigned n = 0;
    const char *data = hb_blob_get_data(f->blob, &n);
    *len = n;
    return (const unsigned char *)data;
}

void wm_face_free(wm_face *f)
{
    if (!f)
        return;
    if (f->font)
        hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f);
}

static int lookup(wm_face *f, uint32_t cp)
{
    hb_codepoint_t glyph;
    if (!hb_font_get_nominal_glyph(f->font, cp, &glyph))
        return -1;
    hb_position_t adv = hb_font_get_glyph_h_advance(f->font, glyph);
    /* libharu: (HPDF_UINT32)advance * 1000 / units_per_em, truncated. */
    return (int)((uint32_t)adv * 1000u / f->upem);
}

int wm_face_advance(wm_face *f, uint32_t cp)
{
    if (cp < CACHE) {
        if (f->cache[cp] == -2)
            f->cache[cp] = (int16_t)lookup(f, cp);
        return f->cache[cp];
    }
    return lookup(f, cp);
}

bool wm_face_has(wm_face *f, uint32_t cp)
{
    return wm_face_advance(f, cp) >= 0;
}

static bool regional(uint32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* Drawn as nothing: controls, variation selectors, the zero-width joiner. */
static bool invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x200D;
}

/* The face of the chain that has cp, or WM_PICK_NONE. */
static int find(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp)
{
    if (wm_face_has(face, cp))
        return WM_PICK_FACE;
    for (size_t k = 0; k < n_fb; k++)
        if (fb[k] && (k == 0 || fb[k] != fb[k - 1]) && wm_face_has(fb[k], cp))
            return WM_PICK_FALLBACK + (int)k;
    return WM_PICK_NONE;
}

int wm_glyph_pick(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp, uint32_t *drawn)
{
    *drawn = cp;
    if (cp == '\t') {
        *drawn = ' ';
        return WM_PICK_FACE;
    }
    if (invisible(cp))
        return WM_PICK_NONE;
    if (regional(cp))
        *drawn = 'A' + (cp - 0x1F1E6);
    int k = find(face, fb, n_fb, *drawn);
    if (k != WM_PICK_NONE)
        return k;
    static const uint32_t STAND_INS[] = {0xFFFD, 0x25A1};
    for (size_t i = 0; i < sizeof STAND_INS / sizeof *STAND_INS; i++) {
        *drawn = STAND_INS[i];
        if ((k = find(face, fb, n_fb, *drawn)) != WM_PICK_NONE)
            return k;
    }
    return WM_PICK_NONE;
}

bool wm_glyph_missing(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp)
{
    if (cp == '\t' || invisible(cp) || regional(cp))
        return false;
    return find(face, fb, n_fb, cp) == WM_PICK_NONE;
}

/* The advance of cp as the pen (pen.c) draws it. */
static int advance(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) { /* the common case, as wm_glyph_pick decides it */
        int a = wm_face_advance(face, cp);
        if (a >= 0)
            return a;
    }
    uint32_t drawn;
    int k = wm_glyph_pick(face, fb, n_fb, cp, &drawn);
    if (k == WM_PICK_NONE)
        return 0;
    int a = wm_face_advance(k == WM_PICK_FACE ? face : fb[k - WM_PICK_FALLBACK], drawn);
    return a < 0 ? 0 : a;
}

/* Decode at s[i]; an invalid byte counts as U+FFFD of length 1. */
static size_t next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    size_t n = wm_utf8_decode(s + i, len - i, cp);
    if (n == 0) {
        *cp = 0xFFFD;
        n = 1;
    }
    return n;
}

double wm_text_width(wm_face *face, wm_face *const *fb, size_t n_fb, const char *s, size_t len,
                     double size)
{
    long units = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        units += advance(face, fb, n_fb, cp);
    }
    return (double)units * size / 1000.0;
}

/* ---- line breaking ---- */

static pthread_once_t unibreak_once = PTHREAD_ONCE_INIT;

static void unibreak_init(void)
{
    init_linebreak();
}

/* libunibreak 1.1 cannot take two kinds of Unicode scalar value, and an
 * assertion aborts the process on either:
 *   - the regional indicators U+1F1E6..U+1F1FF (flags, "\U0001F1EC\U0001F1E7"):
 *     its data gives them the class RI, which its pair table lacks;
 *   - U+FFFF: its text iterators return that value (EOS) at the end of the
 *     text, so the text seems to stop there.
 * The text therefore goes to it as UTF-32, decoded as the measuring code
 * decodes it, with a stand-in of the same line-break behaviour for each:
 * U+FFFE for U+FFFF (both noncharacters, class XX), and an ideograph
 * (class ID: a break allowed before and after it) for a regional
 * indicator; UAX #14's rule LB30a for pairs of regional indicators (no
 * break inside a flag) is then applied here. */
enum { STAND_IN_RI = 0x4E00, STAND_IN_FFFF = 0xFFFE };

static uint32_t lb_safe(uint32_t cp)
{
    return regional(cp) ? STAND_IN_RI : cp == 0xFFFF ? STAND_IN_FFFF : cp;
}

static void unicode_breaks(const char *s, size_t len, char *brks)
{
    utf32_t *u = wm_xmalloc(len * sizeof *u); /* at most one code point per byte */
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        u[n] = lb_safe(cp);
    }
    char *cb = wm_xmalloc(n);
    set_linebreaks_utf32(u, n, NULL, cb);
    /* Back to bytes: the break after a code point goes after its last
     * byte; LB30a keeps the two indicators of a flag together. */
    size_t k = 0, ri_run = 0;
    for (size_t i = 0; i < len; k++) {
        uint32_t cp, next = 0;
        size_t c = next_cp(s, len, i, &cp);
        if (i + c < len)
            next_cp(s, len, i + c, &next);
        ri_run = regional(cp) ? ri_run + 1 : 0;
        memset(brks + i, LINEBREAK_INSIDEACHAR, c - 1);
        brks[i + c - 1] = cb[k];
        if (ri_run % 2 == 1 && regional(next) && cb[k] == LINEBREAK_ALLOWBREAK)
            brks[i + c - 1] = LINEBREAK_NOBREAK;
        i += c;
    }
    free(cb);
    free(u);
}

static bool is_space(const char *s, size_t i)
{
    return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
}

/* End of [a, b) without trailing white space. */
static size_t trim_end(const char *s, size_t a, size_t b)
{
    while (b > a && is_space(s, b - 1))
        b--;
    return b;
}

typedef struct {
    const wm_span *spans;
    size_t n_spans;
    wm_face *const *fb;
    size_t n_fb;
    const char *s;
    size_t len;
    double size, max;
    wm_line *lines;
    size_t n, cap;
} breaker;

/* The span holding byte i: the first whose end is past i (ends ascend), or
 * the last.  A binary search, so that a paragraph of many runs costs no
 * more per character than one of a few. */
static size_t span_at(const breaker *br, size_t i)
{
    size_t lo = 0, hi = br->n_spans - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (br->spans[mid].end > i)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Advance units of bytes [a, b), each character in its span's face: the
 * span is found once and then followed along. */
static long units(const breaker *br, size_t a, size_t b)
{
    long u = 0;
    size_t k = span_at(br, a);
    for (size_t i = a; i < b;) {
        uint32_t cp;
        while (k + 1 < br->n_spans && i >= br->spans[k].end)
            k++;
        i += next_cp(br->s, br->len, i, &cp);
        u += advance(br->spans[k].face, br->fb, br->n_fb, cp);
    }
    return u;
}

static double to_points(const breaker *br, long u)
{
    return (double)u * br->size / 1000.0;
}

/* Width of bytes [a, b), in points. */
static double width(const breaker *br, size_t a, size_t b)
{
    return to_points(br, units(br, a, b));
}

static void emit(breaker *br, size_t start, size_t end)
{
    end = trim_end(br->s, start, end);
    WM_GROW(br->lines, br->cap, br->n + 1);
    wm_line *l = &br->lines[br->n++];
    l->start = start;
    l->len = end - start;
    l->width = width(br, start, end);
}

/* A word wider than a line: cut between characters.  Returns where the last,
 * unfinished piece starts (to carry on filling the line with). */
static size_t cut_word(breaker *br, size_t a, size_t b)
{
    size_t start = a, k = span_at(br, a);
    double w = 0;
    for (size_t i = a; i < b;) {
        uint32_t cp;
        while (k + 1 < br->n_spans && i >= br->spans[k].end)
            k++;
        size_t n = next_cp(br->s, br->len, i, &cp);
        double cw = advance(br->spans[k].face, br->fb, br->n_fb, cp) * br->size / 1000.0;
        if (w + cw > br->max && i > start) {
            emit(br, start, i);
            start = i;
            w = 0;
        }
        w += cw;
        i += n;
    }
    return start;
}

/* Characters for which UAX #14 allows a break only after a run of spaces:
 * letters and digits (AL, NU: LB28, LB23), the space (SP: LB18), infix
 * punctuation . , ; : (IS: never a break before it, LB13, nor after it
 * before a letter, digit or quote, LB29, LB25, LB19) and the apostrophe and
 * quote (QU: LB19); and the hyphen (HY), after which a letter may start a
 * new line.  '!' and '?' (EX) allow a break after them before a letter, so
 * they go to libunibreak with '/', '(', '%' and the rest. */
static bool simple_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
           c == '.' || c == ',' || c == ';' || c == ':' || c == '\'' || c == '"' || c == '-';
}

static bool letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool infix(char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':';
}

bool wm_simple_breaks(const char *s, size_t len, char *brks)
{
    for (size_t i = 0; i < len; i++)
        if (!simple_char((unsigned char)s[i]))
            return false;
    /* After the last space of a run, unless infix punctuation follows; not
     * after a space that opens the text (libunibreak resolves the first
     * character with the start of text). */
    for (size_t i = 0; i + 1 < len; i++) {
        bool after_space = i > 0 && s[i] == ' ' && s[i + 1] != ' ' && !infix(s[i + 1]);
        /* A hyphen (HY) allows a break after it before a letter only: not
         * before a digit ("-5", LB25) or anything else. */
        bool after_hyphen = s[i] == '-' && letter(s[i + 1]);
        brks[i] = after_space || after_hyphen ? LINEBREAK_ALLOWBREAK : LINEBREAK_NOBREAK;
    }
    if (len)
        brks[len - 1] = LINEBREAK_MUSTBREAK;
    return true;
}

size_t wm_break_spans(const wm_span *spans, size_t n_spans, wm_face *const *fb, size_t n_fb,
                      const char *s, size_t len, double size, double max, wm_line **lines)
{
    breaker br = {spans, n_spans, fb, n_fb, s, len, size, max, NULL, 0, 0};
    if (len == 0) {
        emit(&br, 0, 0);
        *lines = br.lines;
        return br.n;
    }
    pthread_once(&unibreak_once, unibreak_init);
    char *brks = wm_xmalloc(len);
    if (!wm_simple_breaks(s, len, brks))
        unicode_breaks(s, len, brks);

    size_t line_start = 0; /* start of the line being filled */
    double line_w = 0;     /* its width including trailing spaces */
    size_t seg = 0;
    while (seg < len) {
        /* The next segment runs to the next break opportunity. */
        size_t end = seg;
        while (end < len && brks[end] != LINEBREAK_MUSTBREAK && brks[end] != LINEBREAK_ALLOWBREAK)
            end++;
        end = end < len ? end + 1 : len;
        bool forced = brks[end - 1] == LINEBREAK_MUSTBREAK && end < len;
        size_t vis_end = trim_end(s, seg, end);
        /* One pass over the segment: its visible part, then the spaces. */
        long u_vis = units(&br, seg, vis_end);
        double w_vis = to_points(&br, u_vis);
        double w_full = to_points(&br, u_vis + units(&br, vis_end, end));
        if (line_w + w_vis > max && seg > line_start) {
            emit(&br, line_start, seg); /* the segment starts the next line */
            line_start = seg;
            line_w = 0;
        }
        if (w_vis > max && seg == line_start) {
            /* Alone and still too wide: cut it, keep filling after the last piece. */
            line_start = cut_word(&br, seg, vis_end);
            line_w = width(&br, line_start, end);
        } else {
            line_w += w_full;
        }
        if (forced) {
            emit(&br, line_start, end);
            line_start = end;
            line_w = 0;
        }
        seg = end;
    }
    if (line_start < len || br.n == 0)
        emit(&br, line_start, len);
    free(brks);
    *lines = br.lines;
    return br.n;
}

size_t wm_break_lines(wm_face *face, wm_face *const *fb, size_t n_fb, const char *s, size_t len,
                      double size, double max, wm_line **lines)
{
    wm_span one = {len, face};
    return wm_break_spans(&one, 1, fb, n_fb, s, len, size, max, lines);
}
