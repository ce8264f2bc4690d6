/*
 * rich.c - rich text (runs that are bold, italic or links) broken into
 * lines at Unicode line-break opportunities and drawn line by line, each
 * run in its own face.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "layout_int.h"

static wm_face_slot run_slot(wm_face_slot base, unsigned style)
{
    if (base == WM_FACE_HEADING)
        return WM_FACE_HEADING;
    bool bold = base == WM_FACE_BOLD || (style & WM_RUN_BOLD);
    bool italic = (style & WM_RUN_ITALIC) != 0;
    return bold && italic ? WM_FACE_BOLD_ITALIC
           : bold         ? WM_FACE_BOLD
           : italic       ? WM_FACE_ITALIC
                          : WM_FACE_REGULAR;
}

double wm_baseline(double size, double line_h)
{
    /* Centre the em box in the line; Noto's ascent is ~0.8 em. */
    return (line_h - size) / 2 + size * 0.8;
}

void wm_rich_break(wm_rich *r, const wm_style *st, const wm_text *text, wm_face_slot base,
                   double size, double max)
{
    memset(r, 0, sizeof *r);
    size_t n = text->n ? text->n : 1;
    r->run_end = wm_xcalloc(n, sizeof *r->run_end);
    r->slot = wm_xcalloc(n, sizeof *r->slot);
    r->link = wm_xcalloc(n, sizeof *r->link);
    wm_span *spans = wm_xcalloc(n, sizeof *spans);
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < text->n; i++) {
        wm_buf_puts(&b, text->runs[i].text);
        r->run_end[i] = b.len;
        r->slot[i] = run_slot(base, text->runs[i].style);
        r->link[i] = text->runs[i].link;
        spans[i].end = b.len;
        spans[i].face = st->faces[r->slot[i]];
    }
    r->n_runs = text->n;
    if (text->n == 0) {
        r->n_runs = 1;
        r->slot[0] = run_slot(base, 0);
        spans[0].face = st->faces[r->slot[0]];
    }
    if (b.len && wm_bidi_present(b.data, b.len)) {
        /* Arabic joined before the lines are measured (bidi.h); the runs'
         * ends move with the text. */
        size_t *at = wm_xmalloc((b.len + 1) * sizeof *at), shaped_len;
        for (size_t i = 0; i <= b.len; i++)
            at[i] = SIZE_MAX;
        char *shaped = wm_bidi_shape(b.data, b.len, &shaped_len, at);
        for (size_t i = b.len; i-- > 0;) /* inside a character: where the next starts */
            if (at[i] == SIZE_MAX)
                at[i] = at[i + 1];
        for (size_t i = 0; i < r->n_runs; i++) {
            r->run_end[i] = at[r->run_end[i]];
            spans[i].end = r->run_end[i];
        }
        free(at);
        wm_buf_free(&b);
        wm_buf_init(&b);
        wm_buf_put(&b, shaped, shaped_len);
        free(shaped);
    }
    r->len = b.len;
    r->s = b.data ? wm_buf_steal(&b) : wm_xstrdup(""); /* "" when there is no text */
    r->size = size;
    r->line_h = size * WM_LEADING;
    r->n_lines = wm_break_spans(spans, r->n_runs, &st->faces[WM_FACE_FALLBACK], WM_FALLBACK_MAX,
                                r->s, r->len, size, max, &r->lines);
    free(spans);
}

void wm_rich_free(wm_rich *r)
{
    free(r->s);
    free(r->run_end);
    free(r->slot);
    free(r->link);
    free(r->lines);
    memset(r, 0, sizeof *r);
}

/* The run that holds byte `pos` of the text: the first whose end is past
 * it (run ends ascend), found by binary search so that drawing a paragraph
 * of many runs stays linear. */
static size_t run_at(const wm_rich *r, size_t pos)
{
    size_t k = 0, hi = r->n_runs;
    while (k < hi) {
        size_t mid = k + (hi - k) / 2;
        if (r->run_end[mid] > pos)
            hi = mid;
        else
            k = mid + 1;
    }
    return k;
}

/* Draw s[0..len) of run k at x (a link underlined and made clickable);
 * returns its width. */
static double draw_piece(wm_lay *l, const wm_rich *r, size_t k, double x, double baseline,
                         wm_rgb colour, const char *s, size_t len)
{
    wm_rgb c = r->link[k] ? l->st->secondary : colour;
    double pw = wm_pen_visual(l->dl, l->page, l->st, r->slot[k], r->size, c, x, baseline, s, len);
    if (r->link[k] && pw > 0) {
        wm_dl_line(l->dl, l->page, x, baseline - r->size * 0.12, x + pw, baseline - r->size * 0.12,
                   c, 0.5, 0);
        wm_dl_link_uri(l->dl, l->page, x, baseline - r->size * 0.25, pw, r->size * 1.05,
                       r->link[k]);
    }
    return pw;
}

void wm_rich_draw_line(wm_lay *l, const wm_rich *r, size_t i, double x, double w, wm_align align,
                       double baseline, wm_rgb colour)
{
    const wm_line *ln = &r->lines[i];
    double at = align == WM_ALIGN_RIGHT    ? x + w - ln->width
                : align == WM_ALIGN_CENTRE ? x + (w - ln->width) / 2
                                           : x;
    if (at < x)
        at = x;
    size_t pos = ln->start, end = ln->start + ln->len;
    if (wm_bidi_present(r->s + pos, ln->len)) {
        /* Right to left: the line in the order it is drawn, in pieces of
         * one run each (bidi.h). */
        size_t *from;
        char *vis = wm_bidi_visual(r->s + pos, ln->len, &from);
        for (size_t a = 0; a < ln->len;) {
            size_t k = run_at(r, pos + from[a]), z = a + 1;
            while (z < ln->len && run_at(r, pos + from[z]) == k)
                z++;
            if (k < r->n_runs)
                at += draw_piece(l, r, k, at, baseline, colour, vis + a, z - a);
            a = z;
        }
        free(vis);
        free(from);
        return;
    }
    for (size_t k = run_at(r, pos); k < r->n_runs && pos < end; k++) {
        size_t rs = k ? r->run_end[k - 1] : 0, re = r->run_end[k];
        if (re <= pos)
            continue;
        size_t a = pos > rs ? pos : rs, z = re < end ? re : end;
        if (z <= a)
            continue;
        at += draw_piece(l, r, k, at, baseline, colour, r->s + a, z - a);
        pos = z;
    }
}
