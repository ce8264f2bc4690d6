/*
 * fuzz_font.c - libFuzzer target: arbitrary bytes as a brand font.
 *
 * The bytes go through the checks that guard HarfBuzz and libharu
 * (wm_ttf_check, layout/ttf_check.h).  Whatever they accept goes on twice:
 *   - raw into libharu (wm_font_load): every BMP code point looked up
 *     (HPDF_GetFont with the UTF-8 encoder), text measured and drawn, the
 *     document saved to memory, which reads the glyphs again;
 *   - as a render takes it: a face (HarfBuzz measures with it), a page of
 *     text in it, and wm_pdf_write, which subsets it with HarfBuzz, checks
 *     the subset and hands it to libharu from memory.
 * A crash, sanitizer report, leak or timeout is a bug in the checks: they
 * let through something HarfBuzz or libharu cannot take.  With
 * WM_FUZZ_STRICT=1 in the environment, a font the checks accept but the
 * PDF writer then refuses aborts too (a check that could say more).
 *
 * Seeds: fuzz/corpus/fuzz_font/ (fuzz/font_seeds.py).  libharu is Debian's,
 * built without sanitizers; configure with -DWM_FUZZ_HPDF_SOURCE=DIR (the
 * libharu RELEASE_2_3_0 source tree) to build it in, instrumented.
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "layout/dlist.h"
#include "layout/text.h"
#include "pdf/font.h"
#include "pdf/pdf.h"
#include "layout/ttf_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* "Hx é€ ✓ Ł 1" and U+FFFF: ASCII, Latin-1, beyond, and the last BMP code point. */
#define TEXT "Hx \xC3\xA9\xE2\x82\xAC \xE2\x9C\x93 \xC5\x81 1\xEF\xBF\xBF"

static void raw_into_libharu(const uint8_t *data, size_t size)
{
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    if (!doc)
        return;
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    wm_ttf_problem problem;
    const char *name = wm_font_load(doc, data, size, &problem);
    FUZZ_CHECK(name || !problem.reason[0]); /* the check passed once already */
    HPDF_Font font = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
    HPDF_Page page = font ? HPDF_AddPage(doc) : NULL;
    if (page) {
        (void)HPDF_Font_GetUnicodeWidth(font, 'H');
        (void)HPDF_Font_GetBBox(font);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 12);
        (void)HPDF_Page_TextWidth(page, TEXT);
        HPDF_Page_TextOut(page, 72, 700, TEXT);
        HPDF_Page_EndText(page);
        (void)HPDF_SaveToStream(doc);
    }
    HPDF_Free(doc);
}

static void through_the_renderer(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy)
        return;
    memcpy(copy, data, size);
    char *err = NULL;
    wm_face *face = wm_face_from_data("fuzz.ttf", copy, size, &err); /* takes `copy` */
    if (!face) {
        fprintf(stderr, "the checks passed a font HarfBuzz cannot open: %s\n", err);
        abort();
    }
    (void)wm_text_width(face, NULL, 0, TEXT, strlen(TEXT), 12);

    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    static const wm_rgb black = {0, 0, 0};
    wm_dl_text(dl, 0, 72, 700, WM_FACE_REGULAR, 12, black, TEXT, strlen(TEXT), 200);
    wm_dl_text(dl, 0, 72, 680, WM_FACE_BOLD, 30, black, "Roadmap", 7, 200);
    wm_pdf_opts opts;
    memset(&opts, 0, sizeof opts);
    for (int s = 0; s < WM_FACE_COUNT; s++) {
        opts.fonts[s] = "fuzz.ttf";
        opts.faces[s] = face;
    }
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    if (wm_pdf_write(dl, &opts, &pdf, &pdf_len, &err) != 0) {
        const char *strict = getenv("WM_FUZZ_STRICT");
        if (strict && strcmp(strict, "1") == 0) {
            fprintf(stderr, "the checks passed a font the PDF writer refuses: %s\n", err);
            abort();
        }
        free(err);
    } else {
        FUZZ_CHECK(pdf_len > 0 && memcmp(pdf, "%PDF-", 5) == 0);
        free(pdf);
    }
    wm_dl_free(dl);
    wm_face_free(face);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wm_ttf_problem problem;
    if (!wm_ttf_check(data, size, &problem)) {
        FUZZ_CHECK(problem.reason[0] && problem.hint);
        return 0;
    }
    raw_into_libharu(data, size);
    through_the_renderer(data, size);
    return 0;
}
