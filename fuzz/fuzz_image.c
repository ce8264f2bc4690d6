/*
 * fuzz_image.c - libFuzzer target: arbitrary bytes as a logo, through the
 * image gate (wm_image_load_mem) and, when it accepts them, into a one-page
 * PDF through the same device a render uses.  Whatever the gate accepts must
 * be drawable: a crash, leak, sanitizer report or timeout here is a bug in
 * the gate, in the device, or a hole the gate lets through to libharu.
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdlib.h>

#include "layout/dlist.h"
#include "pdf/image.h"
#include "pdf/pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wm_image img;
    char *err = NULL;
    if (!wm_image_load_mem(data, size, &img, &err)) {
        FUZZ_CHECK(err && err[0]); /* every refusal says why */
        free(err);
        return 0;
    }
    FUZZ_CHECK(img.width >= 1 && img.height >= 1);
    FUZZ_CHECK(img.width <= WM_IMAGE_MAX_SIDE && img.height <= WM_IMAGE_MAX_SIDE);
    FUZZ_CHECK((uint64_t)img.width * img.height <= WM_IMAGE_MAX_PIXELS);
    FUZZ_CHECK(img.rgb);

    wm_dlist *dl = wm_dl_new(200, 200);
    size_t page = wm_dl_add_page(dl);
    wm_dl_image(dl, page, 0, 10, 10, 120, 60);
    wm_pdf_opts opts = {.images = &img, .n_images = 1};
    unsigned char *pdf = NULL;
    size_t len = 0;
    int rc = wm_pdf_write(dl, &opts, &pdf, &len, &err);
    FUZZ_CHECK(rc == 0 && pdf && len > 0); /* an accepted image always draws */
    free(pdf);
    free(err);
    wm_dl_free(dl);
    wm_image_free(&img);
    return 0;
}
