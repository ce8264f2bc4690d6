/*
 * fuzz_narrative.c - libFuzzer target: arbitrary bytes through the
 * narrative's markup parser (wm_nv_parse), checking what any parse
 * promises: every run and every error points inside the text, no run is
 * empty, a placeholder is a name, a link has an allowed scheme, and the
 * runs' text is never longer than the input.  Crashes, leaks, sanitizer
 * reports and timeouts are bugs.
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <string.h>

#include "load/narrative.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool scheme_ok(const char *url)
{
    return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
           strncmp(url, "mailto:", 7) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wm_arena a;
    wm_arena_init(&a);
    wm_nv_doc d;
    wm_nv_parse(&a, (const char *)data, size, &d);
    size_t text = 0, links = 0;
    for (size_t b = 0; b < d.n; b++) {
        FUZZ_CHECK(d.blocks[b].n >= 1);
        FUZZ_CHECK(d.blocks[b].kind == WM_NV_PARAGRAPH ? d.blocks[b].n == 1 : true);
        for (size_t i = 0; i < d.blocks[b].n; i++) {
            const wm_nv_text *t = &d.blocks[b].items[i];
            for (size_t k = 0; k < t->n; k++) {
                const wm_nv_run *r = &t->runs[k];
                FUZZ_CHECK(r->text && (r->text[0] || r->link));
                FUZZ_CHECK(r->off <= size && r->len <= size);
                FUZZ_CHECK((r->style & ~(unsigned)(WM_NV_BOLD | WM_NV_ITALIC)) == 0);
                if (r->placeholder)
                    FUZZ_CHECK(strspn(r->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
                                               "WXYZ0123456789_.-") == strlen(r->text));
                if (r->link) {
                    FUZZ_CHECK(scheme_ok(r->link) && strlen(r->link) <= WM_NV_MAX_URL);
                    links++;
                }
                text += strlen(r->text);
            }
        }
    }
    FUZZ_CHECK(text <= size && links == d.n_links);
    FUZZ_CHECK(d.n_errors <= WM_NV_MAX_ERRORS);
    for (size_t i = 0; i < d.n_errors; i++)
        FUZZ_CHECK(d.errors[i].off <= size && d.errors[i].message && d.errors[i].hint);
    wm_arena_free(&a);
    return 0;
}
