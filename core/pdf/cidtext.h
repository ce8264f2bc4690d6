/*
 * cidtext.h - text in the PDF's content streams, written by us rather than
 * by libharu's HPDF_Page_TextOut, and the ToUnicode CMap that lets viewers
 * copy and search that text.
 *
 * The fonts are libharu's Type0 fonts with /Identity-H encoding and a
 * CIDToGIDMap in which a character's CID is its Unicode code point (what
 * libharu 2.3.0's UTF-8 encoder sets up).  So a text run is its code points
 * as big-endian 16-bit values in a literal string (half the bytes of the
 * hex string libharu writes, so less to compress).
 *
 * Code points above U+FFFF (emoji, historic scripts) do not fit a 16-bit
 * code, so each font gives the ones it draws codes of their own: the
 * surrogate range U+D800..U+DFFF, which no text can hold, numbered in
 * ascending order of code point (the font's astral list).  The font's cmap
 * maps those codes to the glyphs (font.h) and the ToUnicode CMap maps them
 * back to the characters, so the text copies and searches as written.  A
 * font can draw WM_CID_ASTRAL_MAX of them; more are drawn as a space.
 *
 * Why not TextOut: for every run it measures the text glyph by glyph
 * (a cmap search per character), clears a 2 KB buffer a byte at a time to
 * format one Td, and so on; with ~4,000 runs a deliverable that was a tenth
 * of the render.  The layout has placed every run already, so the writer
 * only needs "x y Td <...> Tj".
 *
 * Why a ToUnicode of our own: libharu 2.3.0 writes the encoder's CMap there,
 * with cidrange operators a ToUnicode CMap may not use (poppler says
 * "Invalid 'begincidrange' operator in ToUnicode CMap" for every font and
 * falls back to guessing); ours maps each code drawn to its character with
 * bfchar entries.
 *
 * A joined Arabic form (layout/bidi.h) maps back to the letters it stands
 * for, so copied Arabic text holds the letters as written.
 *
 * Everything here is pure (no libharu): buffers in, bytes out.
 */
#ifndef WM_PDF_CIDTEXT_H
#define WM_PDF_CIDTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "../base/util.h"

/* The first code of the astral code points, and how many a font can have. */
#define WM_CID_ASTRAL_FIRST 0xD800u
#define WM_CID_ASTRAL_MAX   2048u

/* The code a font draws `cp` with: cp itself up to U+FFFF; for a code point
 * above it, WM_CID_ASTRAL_FIRST + its index in `astral[0..n)` (ascending;
 * the font's code points above U+FFFF), or a space when it is not there or
 * beyond WM_CID_ASTRAL_MAX. */
uint32_t wm_cid_code(uint32_t cp, const uint32_t *astral, size_t n);

/* Append "DX DY Td\n(...) Tj\n" for valid UTF-8 `text` (the caller cleans
 * it first) to `out`: two bytes per character (wm_cid_code, with the font's
 * astral list), with "(", ")", "\\", CR and LF bytes escaped; DX and DY with
 * at most three decimals.  The string may hold NUL bytes: use out->len. */
void wm_cid_show(wm_buf *out, double dx, double dy, const char *text, const uint32_t *astral,
                 size_t n_astral);

/* Append a number as PDF content wants it: at most three decimals, no
 * trailing zeros, no exponent ("12", "-0.5", "214.18"). */
void wm_cid_real(wm_buf *out, double v);

/* The ToUnicode CMap for code points cps[0..n) (ascending: those above
 * U+FFFF, the font's astral list, come last and map from their codes, see
 * wm_cid_code), as a new NUL-terminated string the caller frees. */
char *wm_cid_tounicode(const uint32_t *cps, size_t n);

#endif /* WM_PDF_CIDTEXT_H */
