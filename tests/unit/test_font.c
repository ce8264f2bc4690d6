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
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "pdf/font.h"

#define FONT WM_SOURCE_DIR_TEST "/fonts/NotoSans-Regular.ttf"

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
        cmocka_unit_test(not_a_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
