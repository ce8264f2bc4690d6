/*
 * glyphs.c - warnings for characters the brand's fonts cannot draw (see
 * glyphs.h).
 */
#include "glyphs.h"

#include <stdlib.h>
#include <string.h>

#include "../base/util.h"
#include "../load/ytree.h"

/* Scripts whose letters change shape with their neighbours by rules the
 * pen does not apply: Arabic and Hebrew are joined and ordered
 * (layout/bidi.h), but these print each code point's own glyph. */
static const struct {
    uint32_t lo, hi;
    const char *name;
} SHAPED[] = {
    {0x0700, 0x074F, "Syriac"},   {0x0750, 0x077F, "Arabic Supplement"},
    {0x07C0, 0x07FF, "N'Ko"},     {0x0860, 0x08FF, "Arabic Extended"},
    {0x0900, 0x0DFF, "an Indic"}, {0x0E00, 0x0E7F, "Thai"},
    {0x0E80, 0x0EFF, "Lao"},      {0x0F00, 0x0FFF, "Tibetan"},
    {0x1000, 0x109F, "Myanmar"},  {0x1780, 0x17FF, "Khmer"},
};
enum { N_SHAPED = sizeof SHAPED / sizeof *SHAPED };

typedef struct {
    const wm_engagement *e;
    wm_face *face;
    wm_face *const *chain;
    wm_glyph_seen *seen;
    bool scripts;          /* also warn about scripts that need shaping */
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

/* Whether cp was warned about; adds it when not.  Few: searched in turn. */
static bool seen_before(wm_glyph_seen *seen, uint32_t cp)
{
    for (size_t i = 0; i < seen->n; i++)
        if (seen->cp[i] == cp)
            return true;
    WM_GROW(seen->cp, seen->cap, seen->n + 1);
    seen->cp[seen->n++] = cp;
    return false;
}

void wm_glyph_seen_free(wm_glyph_seen *seen)
{
    free(seen->cp);
    memset(seen, 0, sizeof *seen);
}

/* What a stand-in for cp is, for messages. */
static const char *stand_in(wm_face *face, wm_face *const *chain, uint32_t cp)
{
    uint32_t drawn;
    int k = wm_glyph_pick(face, chain, WM_FALLBACK_MAX, cp, &drawn);
    return k == WM_PICK_NONE ? "nothing" : drawn == 0xFFFD ? "U+FFFD" : "a box";
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
        if (r->scripts && s >= 0 && !r->script[script_row(s)]) {
            r->script[script_row(s)] = true;
            wm_diag_addf(r->d, WM_WARNING, r->e->path, v->pos,
                         "write the name in Latin letters as well, or render the deliverable "
                         "in Markdown or HTML, which keep the text as written",
                         "'%s' holds %s text, which Waymark cannot shape yet: its letters print "
                         "unjoined, each in its own form",
                         field, SHAPED[s].name);
        }
        if (!wm_glyph_missing(r->face, r->chain, WM_FALLBACK_MAX, cp) || seen_before(r->seen, cp))
            continue;
        const char *as = stand_in(r->face, r->chain, cp);
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

void wm_glyph_report(const wm_engagement *e, wm_face *const faces[WM_FACE_COUNT], bool scripts,
                     wm_glyph_seen *seen, wm_diags *d)
{
    const wm_ynode *root = wm_engagement_tree(e);
    if (!root)
        return;
    report r = {.e = e,
                .face = faces[WM_FACE_REGULAR],
                .chain = &faces[WM_FACE_FALLBACK],
                .seen = seen,
                .scripts = scripts,
                .d = d};
    wm_buf path;
    wm_buf_init(&path);
    wm_buf_puts(&path, "");
    walk(&r, &path, root, 0);
    wm_buf_free(&path);
}

void wm_glyph_report_drawn(const wm_dlist *dl, const wm_doc *doc, const char *file,
                           wm_glyph_seen *seen, wm_diags *d)
{
    for (size_t i = 0; i < dl->n_missing; i++) {
        uint32_t cp = dl->missing[i].cp;
        if (seen_before(seen, cp))
            continue;
        long s = dl->missing[i].section;
        const wm_section *sec = s >= 0 && (size_t)s < doc->n_sections ? &doc->sections[s] : NULL;
        char *where = !sec          ? wm_xstrdup("the cover or a page's header or footer")
                      : sec->plugin ? wm_xasprintf("the section '%s' of the plugin '%s'", sec->id,
                                                   sec->plugin)
                                    : wm_xasprintf("the section '%s'", sec->id);
        wm_diag_addf(d, WM_WARNING, file, (wm_pos){0, 0},
                     "name a font that has it under 'fonts: fallback:' in the brand file "
                     "(docs/brands.md)",
                     "%s holds the character U+%04X, which the brand's fonts cannot draw: it "
                     "prints as a stand-in",
                     where, (unsigned)cp);
        free(where);
    }
}
