/*
 * doc_blocks.c - the block types, one table entry each: the name plugins
 * write, the fields a block may have and the function that checks and
 * copies it.  A block's shape, as the `waymark` constructors make it:
 *
 *   heading   { type = "heading", level = 1..3, text }
 *   paragraph { type = "paragraph", text }
 *   list      { type = "list", numbered?, items = { text... } }
 *   table     { type = "table", columns = { title | { title, align?, width? }... },
 *               rows = { { text... }... }, total? = { text... } }
 *   kv        { type = "kv", items = { { key = text, value = text }... } }
 *   callout   { type = "callout", kind = "info"|"warn"|"risk", title?, body }
 *   chart     { type = "chart", kind, title?, data = { ... } }   (doc_chart.c)
 *   page_break{ type = "page_break" }
 */
#include <math.h>
#include <string.h>

#include "doc_int.h"

const char *const wm_block_kind_names[WM_BLOCK_KIND_COUNT + 1] = {
    [WM_BLOCK_HEADING] = "heading", [WM_BLOCK_PARAGRAPH] = "paragraph",
    [WM_BLOCK_LIST] = "list",       [WM_BLOCK_TABLE] = "table",
    [WM_BLOCK_KV] = "kv",           [WM_BLOCK_CALLOUT] = "callout",
    [WM_BLOCK_CHART] = "chart",     [WM_BLOCK_PAGE_BREAK] = "page_break",
};

/* Text under `key` of v into *out, with the path naming it. */
static bool text_at(wm_doc_builder *b, const wm_value *v, const char *key, wm_text *out,
                    bool allow_empty)
{
    size_t old = wm_db_key(b, key);
    if (!wm_db_text(b, wm_db_field(v, key), out, allow_empty))
        return false;
    wm_db_back(b, old);
    return true;
}

static bool heading(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    double level = 1;
    if (wm_db_field(v, "level") &&
        (!wm_vobj_num(v, "level", &level) || level < 1 || level > 3 || level != floor(level)))
        return wm_db_bad(b, "a heading's level is 1, 2 or 3");
    out->u.heading.level = (int)level;
    return text_at(b, v, "text", &out->u.heading.text, false);
}

static bool paragraph(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    return text_at(b, v, "text", &out->u.paragraph, false);
}

/* A list of texts under `key`, each counted as an item. */
static bool items(wm_doc_builder *b, const wm_value *list, const char *key, wm_text **out)
{
    *out = WM_ARENA_NEW(b->arena, wm_text, list->u.arr.n + 1);
    size_t old = wm_db_key(b, key);
    for (size_t i = 0; i < list->u.arr.n; i++) {
        size_t o2 = wm_db_index(b, i);
        if (!wm_db_count(b, &b->items, 1, WM_DOC_MAX_ITEMS, "list and key-value items") ||
            !wm_db_text(b, list->u.arr.items[i], &(*out)[i], false))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    return true;
}

static bool list(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    const wm_value *list = wm_db_field(v, "items"), *num = wm_db_field(v, "numbered");
    if (!wm_db_is_list(list))
        return wm_db_bad(b, "a list needs its items");
    if (num && num->kind != WM_VBOOL)
        return wm_db_bad(b, "numbered is true or false");
    out->u.list.numbered = num && num->u.b;
    out->u.list.n = list->u.arr.n;
    return items(b, list, "items", &out->u.list.items);
}

static const struct {
    const char *name;
    wm_align align;
} ALIGNS[] = {{"left", WM_ALIGN_LEFT},
              {"right", WM_ALIGN_RIGHT},
              {"centre", WM_ALIGN_CENTRE},
              {"center", WM_ALIGN_CENTRE}};

static bool column(wm_doc_builder *b, const wm_value *col, wm_column *wc)
{
    if (col->kind == WM_VSTR)
        return wm_db_text(b, col, &wc->title, false);
    if (col->kind != WM_VOBJ)
        return wm_db_bad(b, "a column is a title or { title, align, width }");
    if (!wm_db_fields(b, col, (const char *const[]){"title", "align", "width", NULL}) ||
        !wm_db_text(b, wm_db_field(col, "title"), &wc->title, true))
        return false;
    if (wm_db_field(col, "align")) {
        const char *al = wm_vobj_str(col, "align");
        size_t k = 0, n = sizeof ALIGNS / sizeof *ALIGNS;
        while (al && k < n && strcmp(al, ALIGNS[k].name) != 0)
            k++;
        if (!al || k == n)
            return wm_db_bad(b, "align is left, right or centre");
        wc->align = ALIGNS[k].align;
    }
    if (wm_db_field(col, "width") &&
        (!wm_vobj_num(col, "width", &wc->width) || !(wc->width > 0) || wc->width > 100))
        return wm_db_bad(b, "width is a relative weight above 0 (at most 100)");
    return true;
}

/* One row of nc cells (the total row: `total`) into cells[0..nc). */
static bool row(wm_doc_builder *b, const wm_value *r, size_t nc, wm_text *cells, bool total)
{
    if (!wm_db_is_list(r) || r->u.arr.n != nc)
        return total ? wm_db_bad(b, "the total row needs %zu cells", nc)
                     : wm_db_bad(b, "a row needs %zu cells, one per column", nc);
    if (!wm_db_count(b, &b->cells, nc, WM_DOC_MAX_CELLS, "table cells"))
        return false;
    for (size_t c = 0; c < nc; c++) {
        size_t old = total ? 0 : wm_db_index(b, c);
        if (!wm_db_text(b, r->u.arr.items[c], &cells[c], true))
            return false;
        if (!total)
            wm_db_back(b, old);
    }
    return true;
}

static bool table(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    const wm_value *cols = wm_db_field(v, "columns"), *rows = wm_db_field(v, "rows"),
                   *total = wm_db_field(v, "total");
    if (!wm_db_is_list(cols) || cols->u.arr.n == 0 || cols->u.arr.n > WM_DOC_MAX_COLUMNS)
        return wm_db_bad(b, "a table needs 1 to %d columns", WM_DOC_MAX_COLUMNS);
    if (!wm_db_is_list(rows) || rows->u.arr.n > WM_DOC_MAX_ROWS)
        return wm_db_bad(b, "a table needs a list of rows (at most %d)", WM_DOC_MAX_ROWS);
    size_t nc = cols->u.arr.n;
    out->u.table.columns = WM_ARENA_NEW(b->arena, wm_column, nc);
    out->u.table.n_columns = nc;
    size_t old = wm_db_key(b, "columns");
    for (size_t c = 0; c < nc; c++) {
        size_t o2 = wm_db_index(b, c);
        if (!column(b, cols->u.arr.items[c], &out->u.table.columns[c]))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    out->u.table.cells = WM_ARENA_NEW(b->arena, wm_text, rows->u.arr.n * nc + 1);
    out->u.table.n_rows = rows->u.arr.n;
    old = wm_db_key(b, "rows");
    for (size_t r = 0; r < rows->u.arr.n; r++) {
        size_t o2 = wm_db_index(b, r);
        if (!row(b, rows->u.arr.items[r], nc, &out->u.table.cells[r * nc], false))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    if (total) {
        old = wm_db_key(b, "total");
        out->u.table.total = WM_ARENA_NEW(b->arena, wm_text, nc);
        if (!row(b, total, nc, out->u.table.total, true))
            return false;
        wm_db_back(b, old);
    }
    return true;
}

static bool kv(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    const wm_value *list = wm_db_field(v, "items");
    if (!wm_db_is_list(list))
        return wm_db_bad(b, "a key-value block needs its items");
    size_t n = list->u.arr.n;
    out->u.kv.keys = WM_ARENA_NEW(b->arena, wm_text, n + 1);
    out->u.kv.values = WM_ARENA_NEW(b->arena, wm_text, n + 1);
    out->u.kv.n = n;
    size_t old = wm_db_key(b, "items");
    for (size_t i = 0; i < n; i++) {
        const wm_value *it = list->u.arr.items[i];
        size_t o2 = wm_db_index(b, i);
        if (it->kind != WM_VOBJ)
            return wm_db_bad(b, "an item is { key, value }");
        if (!wm_db_count(b, &b->items, 1, WM_DOC_MAX_ITEMS, "list and key-value items") ||
            !wm_db_text(b, wm_db_field(it, "key"), &out->u.kv.keys[i], false) ||
            !wm_db_text(b, wm_db_field(it, "value"), &out->u.kv.values[i], true))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    return true;
}

static const struct {
    const char *name;
    wm_callout_kind kind;
} CALLOUTS[] = {{"info", WM_CALLOUT_INFO}, {"warn", WM_CALLOUT_WARN}, {"risk", WM_CALLOUT_RISK}};

static bool callout(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    const char *kind = wm_vobj_str(v, "kind");
    size_t k = 0, n = sizeof CALLOUTS / sizeof *CALLOUTS;
    while (kind && k < n && strcmp(kind, CALLOUTS[k].name) != 0)
        k++;
    if (kind && k == n)
        return wm_db_bad(b, "a callout's kind is info, warn or risk");
    out->u.callout.kind = kind ? CALLOUTS[k].kind : WM_CALLOUT_INFO;
    return text_at(b, v, "title", &out->u.callout.title, true) &&
           text_at(b, v, "body", &out->u.callout.body, false);
}

static bool chart(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    return wm_db_chart(b, v, &out->u.chart);
}

static bool page_break(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    (void)b, (void)v, (void)out;
    return true;
}

/* Each type's fields (besides `type`) and builder, by kind. */
static const struct {
    const char *const *fields;
    bool (*build)(wm_doc_builder *b, const wm_value *v, wm_block *out);
} BLOCKS[WM_BLOCK_KIND_COUNT] = {
    [WM_BLOCK_HEADING] = {(const char *const[]){"level", "text", NULL}, heading},
    [WM_BLOCK_PARAGRAPH] = {(const char *const[]){"text", NULL}, paragraph},
    [WM_BLOCK_LIST] = {(const char *const[]){"items", "numbered", NULL}, list},
    [WM_BLOCK_TABLE] = {(const char *const[]){"columns", "rows", "total", NULL}, table},
    [WM_BLOCK_KV] = {(const char *const[]){"items", NULL}, kv},
    [WM_BLOCK_CALLOUT] = {(const char *const[]){"kind", "title", "body", NULL}, callout},
    [WM_BLOCK_CHART] = {(const char *const[]){"kind", "title", "data", NULL}, chart},
    [WM_BLOCK_PAGE_BREAK] = {(const char *const[]){NULL}, page_break},
};

bool wm_db_block(wm_doc_builder *b, const wm_value *v, wm_block *out)
{
    if (v->kind != WM_VOBJ)
        return wm_db_bad(b, "a block is a table made by a waymark constructor, got %s",
                         wm_v_kind_name(v->kind));
    const char *type = wm_vobj_str(v, "type");
    int k = 0;
    while (type && k < WM_BLOCK_KIND_COUNT && strcmp(type, wm_block_kind_names[k]) != 0)
        k++;
    if (!type || k == WM_BLOCK_KIND_COUNT) {
        const char *near = type ? wm_suggest_list(type, wm_block_kind_names) : NULL;
        return near ? wm_db_bad(b, "unknown block type '%s' (did you mean '%s'?)", type, near)
                    : wm_db_bad(b, "a block needs a type: heading, paragraph, list, table, kv, "
                                   "callout, chart or page_break");
    }
    memset(out, 0, sizeof *out);
    out->kind = (wm_block_kind)k;
    return wm_db_fields(b, v, BLOCKS[k].fields) && BLOCKS[k].build(b, v, out);
}
