/*
 * pen.h - drawing single lines of text and measuring them, for the layout
 * engine and the charts.  A wm_style holds what every drawing needs: the
 * measuring faces for each slot, the brand's colours and the currency that
 * money labels use.
 *
 * wm_pen_text splits a string into runs by which face has each character
 * (the slot's face, else the first face of the fallback chain that has it)
 * and records one WM_OP_TEXT per run, so the PDF device never meets a glyph
 * its font lacks.  Which face draws a character, and what is drawn for a
 * tab, a control character, a flag or one no face has, is wm_glyph_pick's
 * rule (text.h), the same the line breaker measures with; a character
 * drawn as a stand-in is noted in the display list (wm_dl_note_missing)
 * for render's warnings.
 *
 * Ownership: a wm_style borrows its faces and currency.
 */
#ifndef WM_LAYOUT_PEN_H
#define WM_LAYOUT_PEN_H

#include "../../core/waymark.h"
#include "dlist.h"
#include "text.h"

typedef struct {
    wm_face *faces[WM_FACE_COUNT]; /* slots to FALLBACK set; later ones may repeat or be NULL */
    wm_rgb primary, secondary, accent, text, muted;
    const wm_currency *currency; /* may be NULL: numbers without a symbol */
} wm_style;

/* Width in points of `len` bytes of UTF-8 in `slot` at `size`. */
double wm_pen_width(const wm_style *st, wm_face_slot slot, double size, const char *s, size_t len);

/* Draw one line (no wrapping) with its baseline starting at (x, y); returns
 * its width.  Newlines and other control characters are skipped; Arabic is
 * joined and right-to-left runs drawn right to left (bidi.h). */
double wm_pen_text(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                   wm_rgb colour, double x, double y, const char *s, size_t len);

/* wm_pen_text for text already shaped and in the order it is drawn
 * (wm_bidi_shape, wm_bidi_visual): the pieces of a rich line. */
double wm_pen_visual(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                     wm_rgb colour, double x, double y, const char *s, size_t len);

typedef enum { WM_PEN_LEFT, WM_PEN_CENTRE, WM_PEN_RIGHT } wm_pen_align;

/* Draw with the line aligned at x (its start, centre or end); shortened with
 * an ellipsis when wider than `max` (max <= 0: no limit), or longer than
 * 2,048 bytes (one line cannot show more). */
double wm_pen_text_at(wm_dlist *dl, size_t page, const wm_style *st, wm_face_slot slot, double size,
                      wm_rgb colour, double x, double y, wm_pen_align align, const char *s,
                      double max);

/* A money amount in the style's currency, rounded to whole units, with its
 * symbol and grouping ("£1,234,567"; "1 234 567 zł"), into buf.  Amounts of
 * a million or more may be abbreviated with `compact` ("£1.2m"), for axes. */
const char *wm_pen_money(const wm_style *st, double amount, bool compact, char *buf, size_t size);

/* A colour between a and b: t = 0 gives a, t = 1 gives b. */
wm_rgb wm_rgb_mix(wm_rgb a, wm_rgb b, double t);

#endif /* WM_LAYOUT_PEN_H */
