/*
 * test_font.c - subsetting the bundled fonts for libharu: the subset loads
 * as a UTF-8 font, keeps the widths of the characters asked for, is the same
 * bytes every time, and a file that is not a usable font gets a clear error.
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
#include <unistd.h>

#include "base/file.h"
#include "pdf/font.h"

#define FONT WM_SOURCE_DIR_TEST "/fonts/NotoSans-Regular.ttf"

static char *subset(const char *text, const char *font)
{
    uint32_t *cps;
    size_t n;
    assert_int_equal(wm_font_codepoints(text, &cps, &n), 0);
    char *path = NULL, *err = NULL;
    int rc = wm_font_subset(font, cps, n, NULL, &path, &err);
    free(cps);
    if (rc != 0)
        fail_msg("subset failed: %s", err);
    return path;
}

static void subset_loads_in_libharu(void **state)
{
    (void)state;
    char *path = subset("Zo\xC3\xAB M\xC3\xBCller, \xC5\x81\xC3\xB3"
                        "d\xC5\xBA \xE2\x80\x94 \xE2\x82\xAC"
                        "1,234",
                        FONT);
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    assert_non_null(doc);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE);
    assert_non_null(name);
    unlink(path); /* libharu keeps the file open until HPDF_Free */
    HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
    assert_non_null(font);
    assert_true(HPDF_Font_GetUnicodeWidth(font, 0x0141) > 0); /* Ł kept */
    assert_true(HPDF_Font_GetUnicodeWidth(font, 0x20AC) > 0); /* € kept */
    assert_int_equal(HPDF_GetError(doc), HPDF_OK);
    HPDF_Free(doc);
    free(path);
}

static void subset_is_deterministic_and_small(void **state)
{
    (void)state;
    char *a = subset("Roadmap 2027", FONT), *b = subset("2027 Roadmap", FONT);
    wm_diags d;
    wm_diags_init(&d);
    size_t la, lb;
    char *x = wm_read_file(a, 1 << 24, &la, &d), *y = wm_read_file(b, 1 << 24, &lb, &d);
    assert_non_null(x);
    assert_non_null(y);
    assert_int_equal(la, lb);
    assert_memory_equal(x, y, la);
    assert_true(la < 40000); /* the whole face is 512,672 bytes */
    free(x);
    free(y);
    unlink(a);
    unlink(b);
    free(a);
    free(b);
    wm_diags_free(&d);
}

static void not_a_font(void **state)
{
    (void)state;
    uint32_t cp = 'A';
    char *path = NULL, *err = NULL;
    assert_int_not_equal(wm_font_subset(WM_SOURCE_DIR_TEST "/README.md", &cp, 1, NULL, &path, &err),
                         0);
    assert_non_null(err);
    assert_null(path);
    free(err);
    err = NULL;
    assert_int_not_equal(wm_font_subset("/nonexistent.ttf", &cp, 1, NULL, &path, &err), 0);
    assert_non_null(err);
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subset_loads_in_libharu),
        cmocka_unit_test(subset_is_deterministic_and_small),
        cmocka_unit_test(not_a_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
