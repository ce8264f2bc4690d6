/*
 * doc.c - building the document (see doc.h): the builder's walk, texts,
 * sections and their order, and the checks a constructor runs on one
 * block.  A result's shape, as the `waymark` constructors make it:
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

/* ---- the builder ---- */

bool wm_db_bad(wm_doc_builder *b, const char *fmt, ...)
{
    if (b->err)
        return false;
    va_list ap;
    va_start(ap, fmt);
    b->what = wm_xvasprintf(fmt, ap);
    va_end(ap);
    b->where = wm_xstrdup(b->path);
    b->err = b->path[0] ? wm_xasprintf("%s: %s", b->path, b->what) : wm_xstrdup(b->what);
    return false;
}

/* Paths are built by hand (no snprintf): this runs for every node. */
static void path_append(wm_doc_builder *b, size_t at, const char *s, size_t n)
{
    if (at + n >= sizeof b->path)
        n = sizeof b->path - 1 - at; /* truncated, as snprintf would */
    memcpy(b->path + at, s, n);
    b->path[at + n] = '\0';
}

size_t wm_db_key(wm_doc_builder *b, const char *key)
{
    size_t old = strlen(b->path);
    path_append(b, old, ".", 1);
    path_append(b, strlen(b->path), key, strlen(key));
    return old;
}

size_t wm_db_index(wm_doc_builder *b, size_t i)
{
    size_t old = strlen(b->path);
    char seg[32];
    size_t n = 0;
    seg[n++] = '[';
    n += wm_utoa(i + 1, seg + n);
    seg[n++] = ']';
    path_append(b, old, seg, n);
    return old;
}

void wm_db_back(wm_doc_builder *b, size_t old)
{
    b->path[old] = '\0';
}

bool wm_db_count(wm_doc_builder *b, size_t *have, size_t n, size_t max, const char *what)
{
    *have += n;
    return *have <= max || wm_db_bad(b, "the document has more than %zu %s", max, what);
}

const wm_value *wm_db_field(const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    return v && v->kind != WM_VNULL ? v : NULL;
}

bool wm_db_is_list(const wm_value *v)
{
    return v && v->kind == WM_VARR;
}

const char *wm_db_copy(wm_doc_builder *b, const char *s)
{
    return wm_arena_strdup(b->arena, s);
}

bool wm_db_fields(wm_doc_builder *b, const wm_value *v, const char *const *known)
{
    for (size_t i = 0; i < v->u.obj.n; i++) {
        const char *k = v->u.obj.pairs[i].key;
        bool ok = strcmp(k, "type") == 0;
        for (int j = 0; known[j] && !ok; j++)
            ok = strcmp(k, known[j]) == 0;
        if (!ok) {
            const char *near = wm_suggest_list(k, known);
            return near ? wm_db_bad(b, "unknown field '%s' (did you mean '%s'?)", k, near)
                        : wm_db_bad(b, "unknown field '%s'", k);
        }
    }
    return true;
}

bool wm_db_opt_text(wm_doc_builder *b, const wm_value *obj, const char *key)
{
    const wm_value *v = wm_db_field(obj, key);
    return !v || v->kind == WM_VSTR || wm_db_bad(b, "%s must be text", key);
}

bool wm_db_strings(wm_doc_builder *b, const wm_value *v, const char *what, const char ***out)
{
    if (!wm_db_is_list(v))
        return wm_db_bad(b, "%s must be a list of texts", what);
    for (size_t i = 0; i < v->u.arr.n; i++)
        if (v->u.arr.items[i]->kind != WM_VSTR)
            return wm_db_bad(b, "%s[%zu] is not text", what, i + 1);
    if (out) {
        *out = WM_ARENA_NEW(b->arena, const char *, v->u.arr.n + 1);
        for (size_t i = 0; i < v->u.arr.n; i++)
            (*out)[i] = wm_db_copy(b, v->u.arr.items[i]->u.str.s);
    }
    return true;
}

/* ---- text ---- */

static bool count_run(wm_doc_builder *b, const char *text)
{
    return wm_db_count(b, &b->runs, 1, WM_DOC_MAX_RUNS, "runs of text") &&
           wm_db_count(b, &b->text, strlen(text), WM_DOC_MAX_TEXT, "bytes of text");
}

static bool is_url(const char *s)
{
    return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0 ||
           strncmp(s, "mailto:", 7) == 0;
}

static bool run(wm_doc_builder *b, const wm_value *r, wm_run *out)
{
    if (r->kind == WM_VSTR) {
        if (!count_run(b, r->u.str.s))
            return false;
        out->text = wm_db_copy(b, r->u.str.s);
        return true;
    }
    if (r->kind != WM_VOBJ)
        return wm_db_bad(b, "a run is text or { text, bold, italic, link }");
    const char *t = wm_vobj_str(r, "text");
    if (!t)
        return wm_db_bad(b, "a run needs its text");
    if (!count_run(b, t))
        return false;
    out->text = wm_db_copy(b, t);
    const wm_value *bold = wm_db_field(r, "bold"), *italic = wm_db_field(r, "italic");
    if ((bold && bold->kind != WM_VBOOL) || (italic && italic->kind != WM_VBOOL))
        return wm_db_bad(b, "bold and italic are true or false");
    out->style =
        (bold && bold->u.b ? WM_RUN_BOLD : 0u) | (italic && italic->u.b ? WM_RUN_ITALIC : 0u);
    const char *link = wm_vobj_str(r, "link");
    if (wm_db_field(r, "link") && !link)
        return wm_db_bad(b, "a link is a URL text");
    if (link && !is_url(link))
        return wm_db_bad(b, "links must be http(s) or mailto URLs");
    if (link && strlen(link) > WM_DOC_MAX_URL)
        return wm_db_bad(b, "a link's URL has %zu bytes, more than %d", strlen(link),
                         WM_DOC_MAX_URL);
    if (link && !wm_db_count(b, &b->links, 1, WM_DOC_MAX_LINKS, "links"))
        return false;
    out->link = link ? wm_db_copy(b, link) : NULL;
    return true;
}

bool wm_db_text(wm_doc_builder *b, const wm_value *v, wm_text *out, bool allow_empty)
{
    out->runs = NULL;
    out->n = 0;
    if (!v)
        return allow_empty || wm_db_bad(b, "text is missing");
    if (v->kind == WM_VSTR) {
        out->runs = WM_ARENA_NEW(b->arena, wm_run, 1);
        out->n = 1;
        return run(b, v, &out->runs[0]);
    }
    if (!wm_db_is_list(v))
        return wm_db_bad(b, "expected text or a list of runs, got %s", wm_v_kind_name(v->kind));
    out->runs = WM_ARENA_NEW(b->arena, wm_run, v->u.arr.n + 1);
    for (size_t i = 0; i < v->u.arr.n; i++) {
        size_t old = wm_db_index(b, i);
        if (!run(b, v->u.arr.items[i], &out->runs[out->n]))
            return false;
        wm_db_back(b, old);
        out->n++;
    }
    return true;
}

char *wm_text_plain(const wm_text *t)
{
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < t->n; i++)
        wm_buf_puts(&b, t->runs[i].text);
    return wm_buf_steal(&b);
}

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
    path_append(b, 0, path, strlen(path));
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
