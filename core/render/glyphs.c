/*
 * glyphs.c - warnings for characters the brand's fonts cannot draw (see
 * glyphs.h).
 */
#include "glyphs.h"

#include <stdlib.h>
#include <string.h>

#include "../base/util.h"
#include "../load/ytree.h"

/* Scripts whose letters change shape with their neighbours, or that run
 * right to left: the pen draws each code point's own glyph left to right,
 * which is not how they are read. */
static const struct {
    uint32_t lo, hi;
    const char *name;
} SHAPED[] = {
    {0x0590, 0x05FF, "Hebrew"}, {0x0600, 0x06FF, "Arabic"},   {0x0700, 0x074F, "Syriac"},
    {0x0750, 0x077F, "Arabic"}, {0x0780, 0x07BF, "Thaana"},   {0x07C0, 0x07FF, "N'Ko"},
    {0x0860, 0x08FF, "Arabic"}, {0x0900, 0x0DFF, "an Indic"}, {0x0E00, 0x0E7F, "Thai"},
    {0x0E80, 0x0EFF, "Lao"},    {0x0F00, 0x0FFF, "Tibetan"},  {0x1000, 0x109F, "Myanmar"},
    {0x1780, 0x17FF, "Khmer"},  {0xFB1D, 0xFB4F, "Hebrew"},   {0xFB50, 0xFDFF, "Arabic"},
    {0xFE70, 0xFEFF, "Arabic"},
};
enum { N_SHAPED = sizeof SHAPED / sizeof *SHAPED };

typedef struct {
    const wm_engagement *e;
    wm_face *face;
    wm_face *const *chain;
    uint32_t *reported; /* code points warned about (few: searched in turn) */
    size_t n_reported, cap_reported;
    bool script[N_SHAPED]; /* scripts warned about (by their first row) */
    wm_diags *d;
} report;

static int shaped(uint32_t cp)
{
    for (int i = 0; i < N_SHAPED; i++)
        if (cp >= SHAPED[i].lo && cp <= SHAPED[i].hi)
            return i;
    return -1;
}

/* The row of the first script of that name, so Arabic is reported once. */
static int script_row(int i)
{
    for (int j = 0; j < i; j++)
        if (strcmp(SHAPED[j].name, SHAPED[i].name) == 0)
            return j;
    return i;
}

static bool reported(const report *r, uint32_t cp)
{
    for (size_t i = 0; i < r->n_reported; i++)
        if (r->reported[i] == cp)
            return true;
    return false;
}

static void check_text(report *r, const char *field, const wm_ynode *v)
{
    for (size_t i = 0; i < v->len;) {
        uint32_t cp;
        size_t n = wm_utf8_decode(v->text + i, v->len - i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        i += n;
        int s = shaped(cp);
        if (s >= 0 && !r->script[script_row(s)]) {
            r->script[script_row(s)] = true;
            wm_diag_addf(r->d, WM_WARNING, r->e->path, v->pos,
                         "write the name in Latin letters as well, or render the deliverable "
                         "in Markdown or HTML, which keep the text as written",
                         "'%s' holds %s text, which Waymark cannot shape yet: it prints with its "
                         "letters unjoined and left to right",
                         field, SHAPED[s].name);
        }
        if (!wm_glyph_missing(r->face, r->chain, WM_FALLBACK_MAX, cp) || reported(r, cp))
            continue;
        WM_GROW(r->reported, r->cap_reported, r->n_reported + 1);
        r->reported[r->n_reported++] = cp;
        uint32_t drawn;
        int k = wm_glyph_pick(r->face, r->chain, WM_FALLBACK_MAX, cp, &drawn);
        const char *as = k == WM_PICK_NONE ? "nothing" : drawn == 0xFFFD ? "U+FFFD" : "a box";
        if (cp > 0xFFFF)
            wm_diag_addf(r->d, WM_WARNING, r->e->path, v->pos,
                         "emoji and other characters beyond U+FFFF cannot be drawn in the PDF "
                         "yet; flags print as their two letters",
                         "'%s' holds the character U+%04X, beyond U+FFFF: it prints as %s", field,
                         (unsigned)cp, as);
        else
            wm_diag_addf(r->d, WM_WARNING, r->e->path, v->pos,
                         "name a font that has it under 'fonts: fallback:' in the brand file "
                         "(docs/brands.md)",
                         "'%s' holds the character U+%04X, which no font of the brand has: it "
                         "prints as %s",
                         field, (unsigned)cp, as);
    }
}

/* Every scalar value under `n`, named by its path ("client.name",
 * "initiatives[2].title"); keys are not drawn, so not checked. */
static void walk(report *r, wm_buf *path, const wm_ynode *n, unsigned depth)
{
    if (depth > WM_YAML_MAX_DEPTH)
        return;
    size_t at = path->len;
    if (n->kind == WM_YSCALAR) {
        check_text(r, path->len ? path->data : "(document)", n);
        return;
    }
    if (n->kind == WM_YSEQ) {
        for (size_t i = 0; i < n->n; i++) {
            wm_buf_printf(path, "[%zu]", i + 1);
            walk(r, path, n->items[i], depth + 1);
            path->len = at;
            path->data[at] = '\0';
        }
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const wm_ynode *k = wm_ymap_key(n, i);
        wm_buf_printf(path, "%s%s", at ? "." : "", k->kind == WM_YSCALAR ? k->text : "?");
        walk(r, path, wm_ymap_value(n, i), depth + 1);
        path->len = at;
        path->data[at] = '\0';
    }
}

void wm_glyph_report(const wm_engagement *e, wm_face *const faces[WM_FACE_COUNT], wm_diags *d)
{
    const wm_ynode *root = wm_engagement_tree(e);
    if (!root)
        return;
    report r = {.e = e, .face = faces[WM_FACE_REGULAR], .chain = &faces[WM_FACE_FALLBACK], .d = d};
    wm_buf path;
    wm_buf_init(&path);
    wm_buf_puts(&path, "");
    walk(&r, &path, root, 0);
    wm_buf_free(&path);
    free(r.reported);
}
