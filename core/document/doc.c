/*
 * doc.c - building the document (see doc.h): sections and their order,
 * and the checks a constructor runs on one block (the builder's walk and
 * texts are doc_builder.c).  A result's shape, as the `waymark` constructors make it:
 *
 *   section   { type = "section", id, title, after?, blocks = { block... } }
 *   text      "plain" | { run... }, run = "plain" | { text, bold?, italic?, link? }
 *
 * and the blocks of doc_blocks.c, the charts of doc_chart.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"

/* ---- sections ---- */

static bool section(wm_doc_builder *b, const wm_value *v, wm_section *out)
{
    if (v->kind != WM_VOBJ || !wm_vobj_str(v, "type") || strcmp(wm_vobj_str(v, "type"), "section"))
        return wm_db_bad(b, "expected a section made by waymark.section");
    if (!wm_db_fields(b, v, (const char *const[]){"id", "title", "after", "blocks", NULL}))
        return false;
    const char *id = wm_vobj_str(v, "id"), *title = wm_vobj_str(v, "title");
    if (!id || !title)
        return wm_db_bad(b, "a section needs an id and a title");
    out->id = wm_db_copy(b, id);
    out->title = wm_db_copy(b, title);
    const char *after = wm_vobj_str(v, "after");
    out->after = after ? wm_db_copy(b, after) : NULL;
    const wm_value *blocks = wm_db_field(v, "blocks");
    if (!wm_db_is_list(blocks))
        return wm_db_bad(b, "a section needs a list of blocks");
    b->blocks += blocks->u.arr.n;
    if (b->blocks > WM_DOC_MAX_BLOCKS)
        return wm_db_bad(b, "the document has more than %d blocks", WM_DOC_MAX_BLOCKS);
    out->blocks = WM_ARENA_NEW(b->arena, wm_block, blocks->u.arr.n + 1);
    out->n_blocks = blocks->u.arr.n;
    size_t old = wm_db_key(b, "blocks");
    for (size_t i = 0; i < blocks->u.arr.n; i++) {
        size_t o2 = wm_db_index(b, i);
        if (!wm_db_block(b, blocks->u.arr.items[i], &out->blocks[i]))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    return true;
}

/* Reading order: sections without `after` in the order given; each section
 * with `after` right behind the one it names (and behind earlier sections
 * placed there).  `given` has n sections with known anchors; the order goes
 * to `out`.  False when the anchors form a cycle. */
static bool order_sections(const wm_section *given, size_t n, wm_section *out)
{
    bool *placed = wm_xcalloc(n + 1, sizeof *placed);
    size_t count = 0;
    /* Anchors form chains, never cycles of placed sections: at most n rounds. */
    for (size_t round = 0; round <= n && count < n; round++) {
        for (size_t i = 0; i < n; i++) {
            if (placed[i])
                continue;
            if (!given[i].after) {
                out[count++] = given[i];
                placed[i] = true;
                continue;
            }
            size_t at = (size_t)-1;
            for (size_t k = 0; k < count; k++)
                if (strcmp(out[k].id, given[i].after) == 0)
                    at = k;
            if (at == (size_t)-1)
                continue;
            size_t pos = at + 1;
            while (pos < count && out[pos].after && strcmp(out[pos].after, given[i].after) == 0)
                pos++;
            memmove(&out[pos + 1], &out[pos], (count - pos) * sizeof *out);
            out[pos] = given[i];
            count++;
            placed[i] = true;
        }
    }
    free(placed);
    return count == n;
}

/* The fault in *err, for section k (SIZE_MAX: the whole list). */
static void take_error(wm_doc_builder *b, size_t k, const wm_doc_origin *origins, wm_doc_error *err)
{
    err->section = k;
    err->plugin = origins && k != SIZE_MAX ? origins[k].plugin : NULL;
    err->path = b->where;
    err->message = b->what;
    b->where = b->what = NULL;
    free(b->err);
}

static void set_path(wm_doc_builder *b, const char *path)
{
    snprintf(b->path, sizeof b->path, "%s", path); /* truncated as path_append would */
}

/* The path to section k: "sections[i]", i counted in its plugin's list. */
static void section_path(wm_doc_builder *b, size_t k, const wm_doc_origin *origins)
{
    set_path(b, "sections");
    wm_db_index(b, origins ? origins[k].index : k);
}

wm_doc *wm_doc_build(const wm_value *v, const wm_doc_origin *origins, wm_doc_error *err)
{
    wm_doc *doc = wm_xcalloc(1, sizeof *doc);
    wm_arena_init(&doc->arena);
    wm_doc_builder b = {.arena = &doc->arena, .path = "sections"};
    size_t k = SIZE_MAX;
    if (!wm_db_is_list(v) || v->u.arr.n > WM_DOC_MAX_SECTIONS) {
        wm_db_bad(&b, "expected a list of at most %d sections", WM_DOC_MAX_SECTIONS);
        goto fail;
    }
    size_t n = v->u.arr.n;
    wm_section *given = WM_ARENA_NEW(&doc->arena, wm_section, n + 1);
    for (k = 0; k < n; k++) {
        section_path(&b, k, origins);
        if (!section(&b, v->u.arr.items[k], &given[k]))
            goto fail;
        given[k].plugin = origins ? origins[k].plugin : NULL;
        for (size_t j = 0; j < k; j++)
            if (strcmp(given[j].id, given[k].id) == 0) {
                wm_db_bad(&b, "section id '%s' is used twice", given[k].id);
                goto fail;
            }
    }
    for (k = 0; k < n; k++) {
        if (!given[k].after)
            continue;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = strcmp(given[j].id, given[k].after) == 0;
        if (!known) {
            section_path(&b, k, origins);
            wm_db_key(&b, "after");
            wm_db_bad(&b, "no section has the id '%s'", given[k].after);
            goto fail;
        }
    }
    k = SIZE_MAX;
    doc->sections = WM_ARENA_NEW(&doc->arena, wm_section, n + 1);
    if (!order_sections(given, n, doc->sections)) {
        set_path(&b, "sections");
        wm_db_bad(&b, "sections placed 'after' one another in a cycle");
        goto fail;
    }
    doc->n_sections = n;
    return doc;
fail:
    take_error(&b, k, origins, err);
    wm_doc_free(doc);
    return NULL;
}

void wm_doc_error_free(wm_doc_error *e)
{
    if (!e)
        return;
    free(e->path);
    free(e->message);
    e->path = e->message = NULL;
}

void wm_doc_free(wm_doc *d)
{
    if (!d)
        return;
    wm_arena_free(&d->arena);
    free(d);
}

/* ---- one block or section, as a constructor made it ---- */

static bool check_one(const wm_value *v, bool is_section, char **err)
{
    wm_arena scratch;
    wm_arena_init(&scratch);
    wm_doc_builder b = {.arena = &scratch};
    wm_block blk;
    wm_section sec;
    bool ok = is_section ? section(&b, v, &sec) : wm_db_block(&b, v, &blk);
    if (!ok)
        *err = b.err;
    free(b.where);
    free(b.what);
    wm_arena_free(&scratch);
    return ok;
}

bool wm_doc_check_block(const wm_value *v, char **err)
{
    return check_one(v, false, err);
}

bool wm_doc_check_section(const wm_value *v, char **err)
{
    return check_one(v, true, err);
}
