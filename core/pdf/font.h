/*
 * font.h - TrueType subsetting for the PDF back end.
 *
 * libharu 2.3.0 embeds almost the whole of a TrueType font: every glyph slot,
 * the whole cmap and hmtx, a /W array for every code point the font maps and
 * a CIDToGIDMap up to the highest one (about 50-90 KB per face after Flate).
 * It can only load a font from a file path.  So before a face is handed to
 * libharu, wm_font_subset() cuts it down with HarfBuzz's subsetter to the code
 * points the document uses and writes the result to a private temporary file,
 * whose path then goes to HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE).
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
 *   - wm_font_subset() returns in *subset_path a newly created file and a
 *     string the caller owns: the caller unlinks the file and frees the
 *     string with free().  libharu opens the file in HPDF_LoadTTFontFromFile,
 *     keeps it open until HPDF_Free and reads glyphs from it at save time, so
 *     on POSIX systems the file can be unlinked as soon as that call returns
 *     (checked with libharu 2.3.0), which leaves nothing behind on a crash.
 *     *err, when set, is a message the caller frees with free().
 *   - Functions taking `const char *` or arrays borrow them for the call only.
 */
#ifndef WM_PDF_FONT_H
#define WM_PDF_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
/* Add every code point from `first` to `last`, both included. */
void wm_cpset_add_range(wm_cpset *s, uint32_t first, uint32_t last);
/* Add every code point of a NUL-terminated UTF-8 string.  Returns 0, or -1
 * when the string is not valid UTF-8: each byte that starts no valid sequence
 * (overlong forms, surrogates and values above U+10FFFF included) then adds
 * U+FFFD, the character a caller should draw in its place. */
int wm_cpset_add_utf8(wm_cpset *s, const char *utf8);
bool wm_cpset_has(const wm_cpset *s, uint32_t cp);

/* The code points of one UTF-8 string, sorted and unique, in a new array of
 * *n entries (NULL when *n is 0) that the caller frees.  Returns what
 * wm_cpset_add_utf8() returns. */
int wm_font_codepoints(const char *utf8, uint32_t **set, size_t *n);

/* Subset the TrueType (glyf) font at `ttf_path` to `codepoints[0..n)` plus
 * U+0020 and the .notdef glyph, keeping the tables libharu 2.3.0 reads
 * (OS/2 cmap cvt fpgm glyf head hhea hmtx loca maxp name post prep) and no
 * others, and write it to a new file of mode 0600 made with mkstemp() in
 * `tmpdir` (NULL: $TMPDIR, or /tmp when that is unset or empty).  Code points
 * above U+FFFF are skipped (libharu 2.3.0 draws them as spaces); code points
 * the font does not map are skipped silently (check with a cmap lookup first
 * if a fallback face is wanted).  The same font and code points always give
 * the same bytes.
 *
 * Returns 0 with *subset_path set, or -1 with *err set to a message naming
 * the font (CFF-flavoured .otf fonts, fonts missing a table libharu needs and
 * unreadable files are refused) and no file left behind. */
int wm_font_subset(const char *ttf_path, const uint32_t *codepoints, size_t n, const char *tmpdir,
                   char **subset_path, char **err);

#endif /* WM_PDF_FONT_H */
