/*
 * bidi.h - right-to-left text for the page: Arabic letters joined and each
 * line put in the order it is drawn, with GNU FriBidi.
 *
 * The PDF draws a character with the glyph its font maps it to, one after
 * the other from left to right (pen.c, cidtext.h).  Arabic and Hebrew need
 * two things more:
 *   - shaping: an Arabic letter takes one of up to four forms (isolated,
 *     initial, medial, final) by its neighbours, and lam + alef join into one
 *     ligature.  wm_bidi_shape() writes those forms as the Arabic
 *     Presentation Forms of Unicode (U+FB50..U+FDFF, U+FE70..U+FEFF), which
 *     the bundled DejaVu Sans draws, so the text keeps being code points and
 *     the rest of the pipeline (measuring, line breaking, fonts, ToUnicode)
 *     is unchanged.  Shaping is done on a whole paragraph, before it is
 *     measured and broken into lines.
 *   - order: right-to-left runs are drawn reversed, by the Unicode
 *     Bidirectional Algorithm (UAX #9).  wm_bidi_visual() does it for one
 *     line, after line breaking (rule L2 works on lines).  The paragraph
 *     direction is left to right, the deliverable's: an Arabic client name in
 *     an English sentence reads right to left inside it, and the sentence
 *     starts at the left margin, as a browser shows the HTML output.
 *
 * Scripts that join by OpenType rules only (Syriac, N'Ko, the Indic scripts)
 * are left as they are: render warns about them (render/glyphs.c).
 *
 * Ownership: the results are new strings and arrays the caller frees.
 */
#ifndef WM_LAYOUT_BIDI_H
#define WM_LAYOUT_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether `s[0..len)` may hold right-to-left or Arabic text: false means
 * neither function below would change it (a byte scan, no decoding). */
bool wm_bidi_present(const char *s, size_t len);

/* `s[0..len)` (UTF-8, logical order) with its Arabic letters in their
 * joined forms, as a new string of *out_len bytes.  With `at` (len + 1
 * entries) given, at[i] receives for each byte offset i of `s` that starts
 * a character, and for len, the offset in the result where that character's
 * form starts (the lam of a lam-alef ligature: where the ligature
 * starts, as the alef's). */
char *wm_bidi_shape(const char *s, size_t len, size_t *out_len, size_t *at);

/* One line `s[0..len)` (shaped, logical order) in the order it is drawn
 * from left to right, with the characters of right-to-left runs mirrored
 * where Unicode says ("(" drawn as ")"), as a new string of the same length.
 * With `from` given, *from receives a new array of len entries: for each
 * byte of the result, the offset in `s` of the character it belongs to. */
char *wm_bidi_visual(const char *s, size_t len, size_t **from);

/* The letters a joined form written by wm_bidi_shape stands for (one, or
 * lam and alef for a ligature) into out; how many, 0 for any other code
 * point.  For the PDF's ToUnicode map, so that copied text holds the
 * letters as written. */
size_t wm_bidi_letters(uint32_t cp, uint32_t out[2]);

#endif /* WM_LAYOUT_BIDI_H */
