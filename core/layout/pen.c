/*
 * pen.c - single lines of text: measuring, drawing in runs split by face,
 * shortening with an ellipsis; money labels (see pen.h).
 */
#include "pen.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "bidi.h"

static double advance(const wm_style *st, int face, uint32_t cp, double size)
{
    int a = wm_face_advance(st->faces[face], cp);
    return a < 0 ? 0 : a * size / 1000.0;
}

/* Walk the string, calling `emit` for each run of one face. */
typedef void (*run_fn)(void *u, int face, const char *s, size_t len, double width);

/* `note` (NULL when measuring) hears of characters drawn as a stand-in. */
static double walk(const wm_style *st, wm_face_slot slot, double size, const char *s, size_t len,
                   run_fn emit, void *u, wm_dlist *note)
{
    double total = 0, run_w = 0;
    int run_face = -3;
    wm_buf run;
    wm_buf_init(&run);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = wm_utf8_decode(s + i, len - i, &cp);
        const char *bytes = s + i;
        size_t nbytes = n;
        if (n == 0) { /* invalid byte: draw the replacement character */
            n = 1;
            cp = 0xFFFD;
            bytes = "\xEF\xBF\xBD";
            nbytes = 3;
        }
        uint32_t drawn = cp;
        /* Printable ASCII the face has: what wm_glyph_pick would say. */
        int k = cp >= 0x20 && cp < 0x7F && wm_face_advance(st->faces[slot], cp) >= 0
                    ? WM_PICK_FACE
                    : wm_glyph_pick(st->faces[slot], &st->faces[WM_FACE_FALLBACK], WM_FALLBACK_MAX,
                                    cp, &drawn);
        if ((k == WM_PICK_NONE || drawn != cp) && note &&
            wm_glyph_missing(st->faces[slot], &st->faces[WM_FACE_FALLBACK], WM_FALLBACK_MAX, cp))
            wm_dl_note_missing(note, cp);
        if (k == WM_PICK_NONE) {
            i += n;
            continue;
        }
        char sub[4]; /* a stand-in (' ', a letter, U+FFFD, U+25A1) */
        if (drawn != cp) {
            bytes = sub;
            nbytes = wm_utf8_encode(drawn, sub);
        }
        int f = k == WM_PICK_FACE ? (int)slot : WM_FACE_FALLBACK + k - WM_PICK_FALLBACK;
        if (!emit) { /* measuring only: no runs to collect */
            total += advance(st, f, drawn, size);
            i += n;
            continue;
        }
        if (f != run_face && run.len) {
            emit(u, run_face, run.data, run.len, run_w);
            run.len = 0;
            run_w = 0;
        }
        run_face = f;
        double a = advance(st, f, drawn, size);
        wm_buf_put(&run, bytes, nbytes);
        run_w += a;
        total += a;
        i += n;
    }
    if (run.len && emit)
        emit(u, run_face, run.data, run.len, run_w);
    wm_buf_free(&run);
    return total;
}

double wm_pen_width(const wm_style *st, wm_face_slot slot, double size, const char *s, size_t len)
{
    if (!wm_bidi_present(s, len))
        return walk(st, slot, size, s, len, NULL, NULL, NULL);
    /* Joined Arabic letters have widths of their own; the order does not
     * change the width. */
    size_t n;
    char *shaped = wm_bidi_shape(s, len, &n, NULL);
    double w = walk(st, slot, size, shaped, n, NULL, NULL, NULL);
    free(shaped);
    return w;
}

typedef struct {
    wm_dlist *dl;
    size_t page;
    double x, y, size;
    wm_rgb colour;
} draw_state;

static void draw_run(void *u, int face, const char *s, size_t len, double width)
{
    draw_state *d = u;
    wm_dl_text(d->dl, d->page, d->x, d->y, (wm_face_slot)face, d->size, d->colour, s, len, width);
    d->x += width;
}

double wm_pen_visual(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                     wm_rgb colour, double x, double y, const char *s, size_t len)
{
    draw_state d = {dl, page, x, y, size, colour};
    return walk(st, slot, size, s, len, draw_run, &d, dl);
}

double wm_pen_text(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                   wm_rgb colour, double x, double y, const char *s, size_t len)
{
    if (!wm_bidi_present(s, len))
        return wm_pen_visual(dl, page, st, slot, size, colour, x, y, s, len);
    size_t n;
    char *shaped = wm_bidi_shape(s, len, &n, NULL);
    char *visual = wm_bidi_visual(shaped, n, NULL);
    double w = wm_pen_visual(dl, page, st, slot, size, colour, x, y, visual, n);
    free(visual);
    free(shaped);
    return w;
}

/* Bytes of s that fit in `max` points together with an ellipsis. */
static size_t fit_prefix(const wm_style *st, wm_face_slot slot, double size, const char *s,
                         double max)
{
    double ell = wm_pen_width(st, slot, size, "\xE2\x80\xA6", 3);
    size_t len = strlen(s), i = 0, best = 0;
    double w = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = wm_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            n = 1;
        w += wm_pen_width(st, slot, size, s + i, n);
        if (w + ell > max)
            break;
        i += n;
        best = i;
    }
    while (best > 0 && s[best - 1] == ' ')
        best--;
    return best;
}

/* A single line shows at most this many bytes of its text; what is longer
 * is cut there with an ellipsis whatever its width (characters drawn as
 * nothing included), so that a long footer or title drawn on every page
 * costs no more per page than a short one. */
enum { LINE_BYTES = 2048 };

double wm_pen_text_at(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                      wm_rgb colour, double x, double y, wm_pen_align align, const char *s,
                      double max)
{
    /* memchr reads no further than the terminator (C11 7.24.5.1). */
    const char *nul = memchr(s, '\0', LINE_BYTES + 1);
    size_t len = nul ? (size_t)(nul - s) : LINE_BYTES + 1;
    char *cut = NULL;
    if (len > LINE_BYTES) {
        len = LINE_BYTES;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--; /* a character boundary */
        cut = wm_xasprintf("%.*s\xE2\x80\xA6", (int)len, s);
        s = cut;
        len = strlen(s);
    }
    double w = wm_pen_width(st, slot, size, s, len);
    if (max > 0 && w > max) {
        size_t keep = fit_prefix(st, slot, size, s, max);
        char *fitted = wm_xasprintf("%.*s\xE2\x80\xA6", (int)keep, s);
        free(cut);
        cut = fitted;
        s = cut;
        len = strlen(s);
        w = wm_pen_width(st, slot, size, s, len);
    }
    double at = align == WM_PEN_LEFT ? x : align == WM_PEN_CENTRE ? x - w / 2 : x - w;
    wm_pen_text(dl, page, st, slot, size, colour, at, y, s, len);
    free(cut);
    return w;
}

const char *wm_pen_money(const wm_style *st, double amount, bool compact, char *buf, size_t size)
{
    const wm_currency *c = st->currency;
    double a = fabs(amount);
    if (!compact || a < 10000) {
        wm_format_money(buf, size, amount, c);
        return buf;
    }
    char num[64];
    const char *dec = c && c->decimal ? c->decimal : ".";
    if (a >= 1e6) {
        double m = round(a / 1e5) / 10.0;
        long whole = (long)m;
        int tenth = (int)lround((m - (double)whole) * 10);
        if (tenth)
            snprintf(num, sizeof num, "%ld%s%dm", whole, dec, tenth);
        else
            snprintf(num, sizeof num, "%ldm", whole);
    } else {
        snprintf(num, sizeof num, "%.0fk", round(a / 1e3));
    }
    wm_money_affix(buf, size, amount < 0, num, c);
    return buf;
}

wm_rgb wm_rgb_mix(wm_rgb a, wm_rgb b, double t)
{
    wm_rgb o;
    o.r = (uint8_t)lround(a.r + (b.r - a.r) * t);
    o.g = (uint8_t)lround(a.g + (b.g - a.g) * t);
    o.b = (uint8_t)lround(a.b + (b.b - a.b) * t);
    return o;
}
