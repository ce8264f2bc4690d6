/*
 * fuzz_brand.c - libFuzzer target: arbitrary bytes as a brand file
 * (docs/brands.md) through the loader the renderer uses
 * (wm_brand_load_buffer, core/render/brand.c).  A brand is accepted with no
 * error and every field the renderer relies on set, or refused with at least
 * one error, each with a message.  Crashes, leaks, sanitizer reports and
 * timeouts are bugs.
 *
 * Relative font and logo paths start in a scratch folder that holds a copy
 * of samples/brands/keel-logo.png, so the seeds' logo resolves; bare font
 * names come from the bundled fonts/ (WAYMARK_DATA_DIR, set to the source
 * tree at build time unless already set).
 */
#define _DEFAULT_SOURCE /* mkdtemp, setenv */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/render/brand.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096], brand_path[4200], logo_path[4200];

/* The scratch folder goes when the fuzzer ends. */
static void remove_scratch(void)
{
    remove(logo_path);
    remove(dir);
}

/* Copies the sample logo into `dir` (best effort: without it a seed's logo
 * is reported missing, which is still a path through the loader). */
static void copy_logo(void)
{
    char from[4200];
    snprintf(from, sizeof from, "%s/samples/brands/keel-logo.png", WM_FUZZ_SOURCE_DIR);
    snprintf(logo_path, sizeof logo_path, "%s/keel-logo.png", dir);
    FILE *in = fopen(from, "rb"), *out = fopen(logo_path, "wb");
    char buf[65536];
    size_t n;
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("WAYMARK_DATA_DIR", WM_FUZZ_SOURCE_DIR, 0);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/waymark-fuzz-brand.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz_brand: mkdtemp");
        abort();
    }
    copy_logo();
    atexit(remove_scratch);
    snprintf(brand_path, sizeof brand_path, "%s/brand.yaml", dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wm_diags d;
    wm_diags_init(&d);
    wm_brand *b = wm_brand_load_buffer(brand_path, (const char *)data, size, &d);
    if (b) {
        FUZZ_CHECK(d.errors == 0);
        FUZZ_CHECK(b->name && b->name[0]);
        for (int i = 0; i < WM_FACE_COUNT; i++)
            FUZZ_CHECK(b->fonts[i] && b->fonts[i][0] == '/');
        FUZZ_CHECK(!b->logo || b->logo[0] == '/');
        FUZZ_CHECK(b->page_w > 0 && b->page_h > 0);
        FUZZ_CHECK(b->margin_left + b->margin_right < b->page_w);
        FUZZ_CHECK(b->margin_top + b->margin_bottom < b->page_h);
    } else {
        FUZZ_CHECK(d.errors > 0);
    }
    for (size_t i = 0; i < d.count; i++)
        FUZZ_CHECK(d.items[i].message && d.items[i].message[0]);
    wm_brand_free(b);
    wm_diags_free(&d);
    return 0;
}
