/*
 * ttf_check.h - is a TrueType file safe to hand to HarfBuzz and libharu?
 *
 * libharu 2.3.0 (Debian's libhpdf) trusts every number in a TrueType font
 * (research/libharu.md §7): it divides by head.unitsPerEm (SIGFPE at 0),
 * sizes its glyph arrays by maxp.numGlyphs and then writes
 * hhea.numberOfHMetrics metrics into them, indexes loca with the glyph ids
 * the cmap yields, walks the format 4 cmap segments until one ends at or
 * after the character (past the array when none does), and reads names and
 * tables wherever the file says they are.  HarfBuzz is safe on any input
 * but quietly treats a damaged table as empty, so a cut-short font renders
 * as invisible text.
 *
 * wm_ttf_check() reads the bytes the way libharu 2.3.0's loader
 * (hpdf_fontdef_tt.c) reads them and refuses anything it could trip over,
 * and anything HarfBuzz would read as empty:
 *
 *   - the sfnt header and table directory: TrueType outlines (0x00010000 or
 *     'true'), at most 625 tables (libharu's limit), every table inside the
 *     file (no overflow), no tag twice, every table libharu needs present;
 *     checksums are not checked (nothing reads them);
 *   - head: version 1, the magic number, unitsPerEm 16..16384, a bounding
 *     box libharu can write (32.767 em), indexToLocFormat 0 or 1,
 *     glyphDataFormat 0;
 *   - maxp: a known version, numGlyphs >= 1;
 *   - hhea: version 1, 1 <= numberOfHMetrics <= numGlyphs;
 *   - hmtx: long enough for those metrics and the glyphs after them;
 *   - loca/glyf: numGlyphs + 1 offsets that never go backwards, each glyph
 *     inside glyf and long enough for a glyph header, with a known
 *     numberOfContours and, when composite, component records that end
 *     inside it; the glyphs of 'H' and 'x' (libharu's cap height and
 *     x-height) have outlines HarfBuzz keeps, standing on the baseline;
 *   - cmap: version 0, every subtable inside the table, and a format 4
 *     subtable for (3,1), the one libharu reads, whose segments are in
 *     order, end at U+FFFF, stay inside its glyph index array and map only
 *     to glyphs the font has;
 *   - name: format 0 or 1, every string inside the table, and a PostScript
 *     name (ID 6) and style name (ID 2) in the Windows US English records
 *     (all HarfBuzz's subset keeps), not empty as libharu reads them and
 *     short enough for its 127-byte buffer;
 *   - OS/2: as long as its version needs; fsType bits 0x0002 (restricted
 *     licence), 0x0100 (no subsetting) and 0x0200 (bitmap only) refuse the
 *     font, as libharu would refuse to embed it;
 *   - post, when there is one: a version HarfBuzz reads (1, 2 or 3).
 *
 * HarfBuzz's subset of a font that passes passes too (the PDF writer checks
 * it again before libharu reads it); fuzz/fuzz_font.c holds both to that.
 *
 * No loop runs beyond the table count, the glyph count, a glyph's bytes or
 * the 65,536 code points, so the time is linear in the file's size.
 *
 * Ownership: `data` is borrowed for the call; the problem is written into
 * the caller's struct (its hint points at a static string).
 */
#ifndef WM_PDF_TTF_CHECK_H
#define WM_PDF_TTF_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* The largest font file accepted: one face of a family, CJK included, is
 * far smaller; libharu seeks with signed 32-bit offsets. */
#define WM_TTF_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct {
    /* What is wrong, completing "the font 'NAME' ": "is damaged:
     * head.unitsPerEm is 0 (it must be 16 to 16384)". */
    char reason[200];
    const char *hint; /* what to do about it */
} wm_ttf_problem;

/* True when the `len` bytes at `data` are a TrueType font that HarfBuzz and
 * libharu 2.3.0 may be given; false with *problem filled in otherwise. */
bool wm_ttf_check(const unsigned char *data, size_t len, wm_ttf_problem *problem);

/* The first of those checks, for a caller that knows the file's size
 * before reading it: false (with *problem) when it is over
 * WM_TTF_MAX_BYTES. */
bool wm_ttf_check_size(size_t len, wm_ttf_problem *problem);

#endif /* WM_PDF_TTF_CHECK_H */
