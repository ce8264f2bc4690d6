/*
 * test_font.c - subsetting the bundled fonts for libharu: the subset loads
 * from memory as a UTF-8 font, keeps the widths of the characters asked
 * for, is the same bytes every time, and a file that is not a usable font
 * gets a clear error before HarfBuzz or libharu reads it.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hb.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "pdf/font.h"

#define FONT   WM_SOURCE_DIR_TEST "/fonts/NotoSans-Regular.ttf"
#define DEJAVU WM_SOURCE_DIR_TEST "/fonts/DejaVuSans.ttf"

/* The bytes of a file (the caller frees them). */
static unsigned char *slurp(const char *path, size_t *len)
{
    wm_diags d;
    wm_diags_init(&d);
    char *data = wm_read_file(path, 1 << 24, len, &d);
    assert_non_null(data);
    wm_diags_free(&d);
    return (unsigned char *)data;
}

/* The subset of `font` for `text`, in bytes the caller frees. */
static unsigned char *subset(const char *text, const char *font, size_t *len)
{
    uint32_t *cps;
    size_t n, flen;
    assert_int_equal(wm_font_codepoints(text, &cps, &n), 0);
    unsigned char *data = slurp(font, &flen), *out = NULL;
    char *err = NULL;
    int rc = wm_font_subset(data, flen, font, cps, n, &out, len, &err);
    free(cps);
    free(data);
    if (rc != 0)
        fail_msg("subset failed: %s", err);
    return out;
}

static void subset_loads_in_libharu(void **state)
{
    (void)state;
    size_t len;
    unsigned char *sub = subset("Zo\xC3\xAB M\xC3\xBCller, \xC5\x81\xC3\xB3"
                                "d\xC5\xBA \xE2\x80\x94 \xE2\x82\xAC"
                                "1,234",
                                FONT, &len);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    wm_ttf_problem problem;
    const char *name = wm_font_load(doc, sub, len, &problem);
    free(sub); /* the document has its own copy */
    assert_non_null(name);
    assert_string_equal(name, "NotoSans-Regular");
    /* A second load of the same font gives the first one, as libharu's own
     * loader does. */
    size_t len2;
    unsigned char *again = subset("abc", FONT, &len2);
    assert_ptr_equal(wm_font_load(doc, again, len2, &problem), name);
    free(again);
    HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
    assert_non_null(font);
    assert_true(HPDF_Font_GetUnicodeWidth(font, 0x0141) > 0); /* Ł kept */
    assert_true(HPDF_Font_GetUnicodeWidth(font, 0x20AC) > 0); /* € kept */
    assert_int_equal(HPDF_GetError(doc), HPDF_OK);
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, font, 12);
    HPDF_Page_TextOut(page, 72, 700, "Zo\xC3\xAB");
    HPDF_Page_EndText(page);
    assert_int_equal(HPDF_SaveToStream(doc), HPDF_OK); /* reads the glyphs again */
    assert_true(HPDF_GetStreamSize(doc) > 1000);
    HPDF_Free(doc);
}

static void load_refuses_what_the_check_refuses(void **state)
{
    (void)state;
    size_t len;
    unsigned char *data = slurp(FONT, &len);
    data[300 + 18] = data[300 + 19] = 0; /* head.unitsPerEm = 0 (head is at 300) */
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    wm_ttf_problem problem;
    assert_null(wm_font_load(doc, data, len, &problem));
    assert_string_equal(problem.reason,
                        "is damaged: head.unitsPerEm is 0 (it must be 16 to 16384)");
    assert_int_equal(HPDF_GetError(doc), HPDF_OK); /* libharu never saw it */
    HPDF_Free(doc);
    free(data);
}

static void subset_is_deterministic_and_small(void **state)
{
    (void)state;
    size_t la, lb;
    unsigned char *x = subset("Roadmap 2027", FONT, &la), *y = subset("2027 Roadmap", FONT, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    assert_true(la < 40000); /* the whole face is 512,672 bytes */
    free(x);
    free(y);
}

/* The advance of the glyph `font_bytes` maps `cp` to; -1 when it maps none. */
static int advance_of(const unsigned char *font_bytes, size_t len, uint32_t cp)
{
    hb_blob_t *blob = hb_blob_create((const char *)font_bytes, (unsigned)len,
                                     HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_codepoint_t gid;
    int adv = hb_font_get_nominal_glyph(font, cp, &gid) && gid != 0
                  ? (int)hb_font_get_glyph_h_advance(font, gid)
                  : -1;
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return adv;
}

/* Emoji beyond U+FFFF: the subset's cmap (format 4, which libharu reads)
 * maps each one's code (0xD800 + its place among the font's code points
 * above U+FFFF) to its glyph, and what was below U+FFFF as before, a run of
 * codes with scattered glyphs (glyphIdArray) and one with consecutive
 * glyphs (idDelta) alike; libharu loads it. */
static void subset_maps_astral_codes(void **state)
{
    (void)state;
    size_t flen, len;
    unsigned char *whole = slurp(DEJAVU, &flen);
    /* ABC (consecutive glyphs), "€ ≤ ∞" (scattered), U+1F600 and U+1F603
     * (DejaVu has both), U+1F984 (it has not: a code with no glyph) */
    unsigned char *sub = subset("ABC \xE2\x82\xAC\xE2\x89\xA4\xE2\x88\x9E "
                                "\xF0\x9F\x98\x80\xF0\x9F\x98\x83\xF0\x9F\xA6\x84",
                                DEJAVU, &len);
    static const uint32_t bmp[] = {'A', 'B', 'C', ' ', 0x20AC, 0x2264, 0x221E};
    for (size_t i = 0; i < sizeof bmp / sizeof *bmp; i++)
        assert_int_equal(advance_of(sub, len, bmp[i]), advance_of(whole, flen, bmp[i]));
    assert_true(advance_of(whole, flen, 0x1F600) > 0);
    assert_int_equal(advance_of(sub, len, 0xD800), advance_of(whole, flen, 0x1F600));
    assert_int_equal(advance_of(sub, len, 0xD801), advance_of(whole, flen, 0x1F603));
    assert_int_equal(advance_of(sub, len, 0xD802), -1);
    assert_int_equal(advance_of(sub, len, 'Z'), -1);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    wm_ttf_problem problem;
    assert_non_null(wm_font_load(doc, sub, len, &problem));
    HPDF_Free(doc);
    free(sub);

    /* A sweep: every character DejaVu Sans has from U+0020 to U+2FFF, and
     * U+1F600, keep their glyphs' advances. */
    uint32_t *cps = malloc(0x3000 * sizeof *cps);
    size_t n = 0;
    for (uint32_t cp = 0x20; cp < 0x3000; cp++)
        if (advance_of(whole, flen, cp) >= 0)
            cps[n++] = cp;
    assert_true(n > 2000);
    cps[n++] = 0x1F600;
    unsigned char *out = NULL;
    char *err = NULL;
    assert_int_equal(wm_font_subset(whole, flen, "DejaVuSans", cps, n, &out, &len, &err), 0);
    for (size_t i = 0; i + 1 < n; i++)
        if (advance_of(out, len, cps[i]) != advance_of(whole, flen, cps[i]))
            fail_msg("U+%04X lost its glyph", (unsigned)cps[i]);
    assert_int_equal(advance_of(out, len, 0xD800), advance_of(whole, flen, 0x1F600));
    free(out);
    free(cps);
    free(whole);
}

static void not_a_font(void **state)
{
    (void)state;
    uint32_t cp = 'A';
    size_t len, out_len = 1;
    unsigned char *data = slurp(WM_SOURCE_DIR_TEST "/README.md", &len), *out = NULL;
    char *err = NULL;
    assert_int_not_equal(wm_font_subset(data, len, "README.md", &cp, 1, &out, &out_len, &err), 0);
    assert_string_equal(err, "the font 'README.md' is not a TrueType font");
    assert_null(out);
    assert_int_equal(out_len, 0);
    free(err);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subset_loads_in_libharu),
        cmocka_unit_test(load_refuses_what_the_check_refuses),
        cmocka_unit_test(subset_is_deterministic_and_small),
        cmocka_unit_test(subset_maps_astral_codes),
        cmocka_unit_test(not_a_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
