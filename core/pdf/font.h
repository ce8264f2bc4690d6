/*
 * font.h - TrueType subsetting for the PDF back end, and handing the
 * subset to libharu from memory.
 *
 * libharu 2.3.0 embeds almost the whole of a TrueType font: every glyph slot,
 * the whole cmap and hmtx, a /W array for every code point the font maps and
 * a CIDToGIDMap up to the highest one (about 50-90 KB per face after Flate).
 * So before a face is handed to libharu, wm_font_subset() cuts it down with
 * HarfBuzz's subsetter to the code points the document uses, and
 * wm_font_load() gives the subset to libharu from memory: 2.3.0 has no
 * public call for that (only HPDF_LoadTTFontFromFile), so it does what that
 * call does with a memory stream instead of a file stream.  No temporary
 * file is made, so none can be left behind by a crash or a signal.
 *
 * Both refuse bytes that layout/ttf_check.h refuses, before HarfBuzz or
 * libharu sees them: the font going in, and the subset HarfBuzz made.
 *
 * A wm_cpset collects those code points while the text is gathered: every
 * string that may be drawn or measured with a face goes through
 * wm_cpset_add_utf8() for that face before the face is subset.  For a code
 * point the subset lacks, libharu silently gives the .notdef width (600 for
 * Noto Sans) and draws .notdef, so collect before measuring (page numbers
 * too: add "0123456789" for faces that draw them).
 *
 * Ownership:
 *   - A wm_cpset owns its array; wm_cpset_free() releases it (and accepts a
 *     set that was only initialised).  Zero-initialising a wm_cpset
 *     (`wm_cpset s = {0};`) is the same as wm_cpset_init().
 *   - wm_font_codepoints() returns an array the caller frees with free().
 *   - wm_font_subset() returns in *out bytes the caller frees with free();
 *     *err, when set, is a message the caller frees with free().
 *   - wm_font_load() copies the bytes into the document, which keeps them
 *     until HPDF_Free (libharu reads glyphs again when it saves).
 *   - Functions taking `const char *` or arrays borrow them for the call only.
 */
#ifndef WM_PDF_FONT_H
#define WM_PDF_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "../layout/ttf_check.h"

/* A set of Unicode code points, kept sorted and free of duplicates. */
typedef struct {
    uint32_t *cp; /* cp[0..len), ascending */
    size_t len, cap;
    uint64_t ascii[2]; /* membership bits for U+0000..U+007F (fast path) */
} wm_cpset;

void wm_cpset_init(wm_cpset *s);
void wm_cpset_free(wm_cpset *s);

/* Add one code point (values above U+10FFFF are ignored). */
void wm_cpset_add(wm_cpset *s, uint32_t cp);
/* Add every code point of a NUL-terminated UTF-8 string.  Returns 0, or -1
 * when the string is not valid UTF-8: each byte that starts no valid sequence
 * (overlong forms, surrogates and values above U+10FFFF included) then adds
 * U+FFFD, the character a caller should draw in its place. */
int wm_cpset_add_utf8(wm_cpset *s, const char *utf8);

/* The code points of one UTF-8 string, sorted and unique, in a new array of
 * *n entries (NULL when *n is 0) that the caller frees.  Returns what
 * wm_cpset_add_utf8() returns. */
int wm_font_codepoints(const char *utf8, uint32_t **set, size_t *n);

/* Subset the TrueType font in `data` (`len` bytes; `name` is for
 * messages) to `codepoints[0..n)` plus U+0020 and the .notdef glyph,
 * keeping the tables libharu 2.3.0 reads (OS/2 cmap cvt fpgm glyf head hhea
 * hmtx loca maxp name post prep) and no others.  When code points above
 * U+FFFF are among them, the subset's cmap is rebuilt as one format 4
 * subtable that also maps each one's code (cidtext.h: wm_cid_code, the
 * first WM_CID_ASTRAL_MAX of them) to its glyph; code points the font
 * does not map are skipped silently (check with a cmap lookup first if a
 * fallback face is wanted).  The same font and code points always give the
 * same bytes.
 *
 * Returns 0 with *out and *out_len set, or -1 with *err set to a message
 * naming the font: the font or HarfBuzz's subset of it is refused by
 * wm_ttf_check, or HarfBuzz failed. */
int wm_font_subset(const unsigned char *data, size_t len, const char *name,
                   const uint32_t *codepoints, size_t n, unsigned char **out, size_t *out_len,
                   char **err);

/* Load the TrueType font in `data` into `doc` for embedding, as
 * HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE) loads a file, and return
 * libharu's name for it (owned by the document; the name of the font loaded
 * before when one has the same name inside, as libharu does).  NULL when
 * wm_ttf_check refuses the bytes (*problem filled in, the document's error
 * untouched) or libharu fails (its error recorded in the document, *problem
 * left empty). */
const char *wm_font_load(HPDF_Doc doc, const unsigned char *data, size_t len,
                         wm_ttf_problem *problem);

#endif /* WM_PDF_FONT_H */
