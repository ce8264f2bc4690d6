/*
 * text.h - measuring and breaking text for the layout engine, which knows
 * no PDF: widths come from the TrueType files themselves (HarfBuzz), break
 * opportunities from Unicode's line breaking rules (libunibreak).
 *
 * Widths are computed as libharu computes the widths it writes into the PDF
 * (advance x 1000 / units per em, truncated, in 1/1000 em), so what the
 * layout measures is exactly what the page shows.  A code point the face
 * lacks is measured in the fallback face that draws it (wm_glyph_pick).
 *
 * Ownership: wm_face_open and wm_face_from_data return a face the caller
 * frees with wm_face_free; wm_break_lines returns an array the caller frees.
 */
#ifndef WM_LAYOUT_TEXT_H
#define WM_LAYOUT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wm_face wm_face;

/* Open a TrueType file: read it once, check it (layout/ttf_check.h: nothing
 * HarfBuzz or libharu could trip over) and keep its bytes.  NULL with *err
 * set (caller frees) on failure: "cannot read the font 'PATH': ..." or
 * "the font 'PATH' REASON". */
wm_face *wm_face_open(const char *path, char **err);
/* The same for `len` bytes in memory, which the face takes over (freed even
 * on failure); `name` is for messages. */
wm_face *wm_face_from_data(const char *name, unsigned char *data, size_t len, char **err);
void wm_face_free(wm_face *f);

/* The face's font file, as read and checked (owned by the face): the one
 * copy that the PDF device subsets, so what was checked is what is
 * embedded. */
const unsigned char *wm_face_data(const wm_face *f, size_t *len);

/* Whether the face has a glyph for cp. */
bool wm_face_has(wm_face *f, uint32_t cp);
/* Advance of cp in 1/1000 em as libharu writes it; -1 when the face lacks it. */
int wm_face_advance(wm_face *f, uint32_t cp);

/* Which face draws cp - the one rule the line breaker and the pen share, so
 * what is measured is what is drawn.  `fb` is the fallback chain (n_fb
 * faces, tried in order; may repeat a face; NULL when n_fb is 0).
 * Returns WM_PICK_NONE (drawn as nothing), WM_PICK_FACE (`face`) or
 * WM_PICK_FALLBACK + k (fb[k]); *drawn receives the code point drawn:
 *   - a tab is drawn as a space; other control characters, the variation
 *     selectors and the zero-width joiner not at all;
 *   - a regional indicator (half of a flag, U+1F1E6..U+1F1FF) as its
 *     capital letter: the flag of the United Kingdom is drawn "GB";
 *   - a code point beyond the BMP (the PDF's fonts map only the BMP, see
 *     pdf/cidtext.h) or in no face as U+FFFD, else U+25A1 (a hollow box),
 *     from the first face that has one, else as nothing: never as '?'.
 *     wm_glyph_missing tells which code points these are. */
enum { WM_PICK_NONE = -1, WM_PICK_FACE = 0, WM_PICK_FALLBACK = 1 };
int wm_glyph_pick(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp, uint32_t *drawn);

/* Whether cp is a character that `face` and the chain cannot draw as
 * itself (wm_glyph_pick draws a stand-in): what the render warns about.
 * Controls, joiners and regional indicators are not missing. */
bool wm_glyph_missing(wm_face *face, wm_face *const *fb, size_t n_fb, uint32_t cp);

/* Width in points of UTF-8 text at `size` points, each character in the
 * face wm_glyph_pick chooses from `face` and the chain fb[0..n_fb). */
double wm_text_width(wm_face *face, wm_face *const *fb, size_t n_fb, const char *s, size_t len,
                     double size);

typedef struct {
    size_t start, len; /* bytes of the source, trailing spaces and breaks excluded */
    double width;      /* of those bytes, in points */
} wm_line;

/* Break UTF-8 text into lines at most `max` points wide, at Unicode line
 * break opportunities; a word wider than a line is cut between characters,
 * so no line is ever wider than `max` (unless one character is).  Newlines
 * force a break.  Returns the number of lines; *lines is set (caller frees). */
size_t wm_break_lines(wm_face *face, wm_face *const *fb, size_t n_fb, const char *s, size_t len,
                      double size, double max, wm_line **lines);

/* Text whose runs use different faces (bold, italic): span k covers bytes
 * [spans[k-1].end, spans[k].end) in spans[k].face; the last span ends at
 * `len`.  Breaks as wm_break_lines, each character measured in its face. */
typedef struct {
    size_t end;
    wm_face *face;
} wm_span;
size_t wm_break_spans(const wm_span *spans, size_t n_spans, wm_face *const *fb, size_t n_fb,
                      const char *s, size_t len, double size, double max, wm_line **lines);

/* The break opportunities of s[0..len) as libunibreak's set_linebreaks_utf8
 * gives them (brks[i] for the position after byte i), found without it when
 * the text holds only letters, digits, spaces and . , ; : ' " - (a break
 * after a run of spaces, or after a hyphen before a letter; most table
 * cells and many sentences): returns
 * true then, false (brks untouched) for any other text.  Line breaking uses
 * it first; a test compares it with libunibreak on random strings. */
bool wm_simple_breaks(const char *s, size_t len, char *brks);

#endif /* WM_LAYOUT_TEXT_H */
