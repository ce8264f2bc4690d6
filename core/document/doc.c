/*
 * doc.c - checking a document stage result and building the document tree
 * (see doc.h).  The result's shape, as the `waymark` constructors make it:
 *
 *   section   { type = "section", id, title, after?, blocks = { block... } }
 *   text      "plain" | { run... }, run = "plain" | { text, bold?, italic?, link? }
 *   heading   { type = "heading", level = 1..3, text }
 *   paragraph { type = "paragraph", text }
 *   list      { type = "list", numbered?, items = { text... } }
 *   table     { type = "table", columns = { { title, align?, width? }... },
 *               rows = { { text... }... }, total? = { text... } }
 *   kv        { type = "kv", items = { { key = text, value = text }... } }
 *   callout   { type = "callout", kind = "info"|"warn"|"risk", title?, body }
 *   chart     { type = "chart", kind, title?, data = { ... } }   (checked per kind)
 *   page_break{ type = "page_break" }
 */
#include "doc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one document may hold, all document plugins together (plugins.md,
 * "What a document may hold"): far more than a real deliverable needs (a
 * 600-initiative engagement's document uses a tenth of the cells, less of
 * the rest), little enough that layout and the PDF take a few seconds at
 * most whatever a plugin returns.  A constructor checks its own block
 * against the same limits. */
enum {
    MAX_SECTIONS = 200,
    MAX_BLOCKS = 20000,
    MAX_COLUMNS = 24,      /* of a table */
    MAX_ROWS = 100000,     /* of a table */
    MAX_RUNS = 250000,     /* runs of text (a plain text is one) */
    MAX_TEXT = 8 << 20,    /* bytes of text */
    MAX_LINKS = 10000,     /* runs with a link (each is a PDF annotation) */
    MAX_URL = 2048,        /* bytes of one link's URL */
    MAX_CELLS = 100000,    /* table cells, total rows included */
    MAX_ITEMS = 50000,     /* list and key-value items */
    MAX_SERIES = 24,       /* of a chart */
    MAX_CATEGORIES = 1000, /* categories, axes or quarters of a chart */
    MAX_POINTS = 100000,   /* chart values, Gantt rows, markers and dependencies, heat map cells */
};

typedef struct {
    wm_doc *doc;
    char path[300];
    char *err;
    /* What the document holds so far, against the limits above. */
    size_t runs, text, links, cells, items, points;
} builder;

static bool bad(builder *b, const char *fmt, ...) WM_PRINTF(2, 3);

static bool bad(builder *b, const char *fmt, ...)
{
    char what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (!b->err)
        b->err = b->path[0] ? wm_xasprintf("%s: %s", b->path, what) : wm_xstrdup(what);
    return false;
}

/* Extend the path by a field or index while checking a child; restored by
 * the caller with path_back. */
static void path_append(builder *b, size_t at, const char *s, size_t n)
{
    if (at + n >= sizeof b->path)
        n = sizeof b->path - 1 - at; /* truncated, as snprintf would */
    memcpy(b->path + at, s, n);
    b->path[at + n] = '\0';
}

/* Built by hand (no snprintf): this runs for every node of the document. */
static size_t path_key(builder *b, const char *key)
{
    size_t old = strlen(b->path);
    path_append(b, old, ".", 1);
    path_append(b, strlen(b->path), key, strlen(key));
    return old;
}

static size_t path_index(builder *b, size_t i)
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

static void path_back(builder *b, size_t old)
{
    b->path[old] = '\0';
}

/* Count n more of something against its limit for the whole document. */
static bool count(builder *b, size_t *have, size_t n, size_t max, const char *what)
{
    *have += n;
    return *have <= max || bad(b, "the document has more than %zu %s", max, what);
}

static bool count_run(builder *b, const char *text)
{
    return count(b, &b->runs, 1, MAX_RUNS, "runs of text") &&
           count(b, &b->text, strlen(text), MAX_TEXT, "bytes of text");
}

static bool is_list(const wm_value *v)
{
    return v && v->kind == WM_VARR;
}

static const wm_value *field(const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    return v && v->kind != WM_VNULL ? v : NULL;
}

static const char *copy(builder *b, const char *s)
{
    return wm_arena_strdup(&b->doc->arena, s);
}

/* text: a string or a list of runs. */
static bool text(builder *b, const wm_value *v, wm_text *out, bool allow_empty)
{
    wm_arena *a = &b->doc->arena;
    out->runs = NULL;
    out->n = 0;
    if (!v)
        return allow_empty || bad(b, "text is missing");
    if (v->kind == WM_VSTR) {
        if (!count_run(b, v->u.str.s))
            return false;
        out->runs = WM_ARENA_NEW(a, wm_run, 1);
        out->runs[0].text = copy(b, v->u.str.s);
        out->n = 1;
        return true;
    }
    if (!is_list(v))
        return bad(b, "expected text or a list of runs, got %s", wm_v_kind_name(v->kind));
    out->runs = WM_ARENA_NEW(a, wm_run, v->u.arr.n + 1);
    for (size_t i = 0; i < v->u.arr.n; i++) {
        const wm_value *r = v->u.arr.items[i];
        wm_run *run = &out->runs[out->n];
        size_t old = path_index(b, i);
        if (r->kind == WM_VSTR) {
            if (!count_run(b, r->u.str.s))
                return false;
            run->text = copy(b, r->u.str.s);
        } else if (r->kind == WM_VOBJ) {
            const char *t = wm_vobj_str(r, "text");
            if (!t)
                return bad(b, "a run needs its text");
            if (!count_run(b, t))
                return false;
            run->text = copy(b, t);
            const wm_value *bold = field(r, "bold"), *italic = field(r, "italic");
            if ((bold && bold->kind != WM_VBOOL) || (italic && italic->kind != WM_VBOOL))
                return bad(b, "bold and italic are true or false");
            run->style = (bold && bold->u.b ? WM_RUN_BOLD : 0u) |
                         (italic && italic->u.b ? WM_RUN_ITALIC : 0u);
            const char *link = wm_vobj_str(r, "link");
            if (field(r, "link") && !link)
                return bad(b, "a link is a URL text");
            if (link && strncmp(link, "https://", 8) != 0 && strncmp(link, "http://", 7) != 0 &&
                strncmp(link, "mailto:", 7) != 0)
                return bad(b, "links must be http(s) or mailto URLs");
            if (link && strlen(link) > MAX_URL)
                return bad(b, "a link's URL has %zu bytes, more than %d", strlen(link), MAX_URL);
            if (link && !count(b, &b->links, 1, MAX_LINKS, "links"))
                return false;
            run->link = link ? copy(b, link) : NULL;
        } else {
            return bad(b, "a run is text or { text, bold, italic, link }");
        }
        path_back(b, old);
        out->n++;
    }
    return true;
}

static bool expect_fields(builder *b, const wm_value *v, const char *const *known)
{
    for (size_t i = 0; i < v->u.obj.n; i++) {
        const char *k = v->u.obj.pairs[i].key;
        bool ok = strcmp(k, "type") == 0;
        for (int j = 0; known[j] && !ok; j++)
            ok = strcmp(k, known[j]) == 0;
        if (!ok) {
            const char *near = wm_suggest_list(k, known);
            return near ? bad(b, "unknown field '%s' (did you mean '%s'?)", k, near)
                        : bad(b, "unknown field '%s'", k);
        }
    }
    return true;
}

static bool numbers(builder *b, const wm_value *v, size_t want, const char *what)
{
    if (!is_list(v))
        return bad(b, "%s must be a list of numbers", what);
    if (want && v->u.arr.n != want)
        return bad(b, "%s has %zu values, expected %zu", what, v->u.arr.n, want);
    for (size_t i = 0; i < v->u.arr.n; i++)
        if (!wm_v_is_number(v->u.arr.items[i]))
            return bad(b, "%s[%zu] is not a number", what, i + 1);
    return true;
}

static bool strings(builder *b, const wm_value *v, const char *what)
{
    if (!is_list(v))
        return bad(b, "%s must be a list of texts", what);
    for (size_t i = 0; i < v->u.arr.n; i++)
        if (v->u.arr.items[i]->kind != WM_VSTR)
            return bad(b, "%s[%zu] is not text", what, i + 1);
    return true;
}

static const char *const CHART_FORMATS[] = {"number", "money", "percent", "days", NULL};

static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* Absent, or text. */
static bool opt_text(builder *b, const wm_value *obj, const char *key)
{
    const wm_value *v = field(obj, key);
    return !v || v->kind == WM_VSTR || bad(b, "%s must be text", key);
}

/* bar, stacked_bar, radar: { categories | axes, series, format?, max? } */
static bool series_data(builder *b, wm_chart_kind kind, const wm_value *d)
{
    bool radar = kind == WM_CHART_RADAR;
    const char *axis = radar ? "axes" : "categories";
    if (!expect_fields(b, d,
                       radar ? (const char *const[]){"axes", "series", "format", "max", NULL}
                             : (const char *const[]){"categories", "series", "format", NULL}))
        return false;
    const wm_value *cats = field(d, axis), *series = field(d, "series");
    if (!strings(b, cats, axis))
        return false;
    if (cats->u.arr.n > MAX_CATEGORIES)
        return bad(b, "a chart has %zu %s, more than %d", cats->u.arr.n, axis, MAX_CATEGORIES);
    if (!is_list(series) || series->u.arr.n == 0)
        return bad(b, "a chart needs at least one series");
    if (series->u.arr.n > MAX_SERIES)
        return bad(b, "a chart has %zu series, more than %d", series->u.arr.n, MAX_SERIES);
    const wm_value *format = field(d, "format");
    if (format && (format->kind != WM_VSTR || !in_list(format->u.str.s, CHART_FORMATS)))
        return bad(b, "format is number, money, percent or days");
    double max;
    if (field(d, "max") && (!wm_vobj_num(d, "max", &max) || !(max > 0)))
        return bad(b, "max must be a number above 0");
    for (size_t i = 0; i < series->u.arr.n; i++) {
        const wm_value *s = series->u.arr.items[i];
        if (s->kind != WM_VOBJ || !wm_vobj_str(s, "name"))
            return bad(b, "series[%zu] needs a name", i + 1);
        size_t old = path_key(b, "series");
        path_index(b, i);
        if (!expect_fields(b, s, (const char *const[]){"name", "values", NULL}))
            return false;
        path_back(b, old);
        if (!numbers(b, field(s, "values"), cats->u.arr.n, "values") ||
            !count(b, &b->points, cats->u.arr.n, MAX_POINTS, "chart points"))
            return false;
    }
    return true;
}

/* The quarters of a Gantt chart, sorted for lookup. */
typedef struct {
    const char *name;
    size_t index;
} quarter_key;

static int quarter_cmp(const void *a, const void *b)
{
    return strcmp(((const quarter_key *)a)->name, ((const quarter_key *)b)->name);
}

/* Index of quarter `s`, or -1 when it is not one of them. */
static long quarter_find(const quarter_key *keys, size_t n, const char *s)
{
    quarter_key k = {s, 0};
    const quarter_key *hit = bsearch(&k, keys, n, sizeof *keys, quarter_cmp);
    return hit ? (long)hit->index : -1;
}

/* A row's optional start/end: both or neither, each a quarter, in order. */
static bool gantt_span(builder *b, const wm_value *r, const quarter_key *keys, size_t n)
{
    const wm_value *start = field(r, "start"), *end = field(r, "end");
    if (!start && !end)
        return true;
    if (!start || !end)
        return bad(b, "start and end go together: give both or neither");
    if (start->kind != WM_VSTR || end->kind != WM_VSTR)
        return bad(b, "start and end are quarters (text)");
    long s = quarter_find(keys, n, start->u.str.s), e = quarter_find(keys, n, end->u.str.s);
    if (s < 0)
        return bad(b, "start '%s' is not one of the quarters", start->u.str.s);
    if (e < 0)
        return bad(b, "end '%s' is not one of the quarters", end->u.str.s);
    if (s > e)
        return bad(b, "start '%s' is after end '%s'", start->u.str.s, end->u.str.s);
    return true;
}

static bool gantt_row(builder *b, const wm_value *r, const quarter_key *keys, size_t n)
{
    if (r->kind != WM_VOBJ || !wm_vobj_str(r, "label"))
        return bad(b, "a row needs a label (text)");
    return expect_fields(
               b, r, (const char *const[]){"label", "id", "start", "end", "tier", "deps", NULL}) &&
           opt_text(b, r, "id") && opt_text(b, r, "tier") && gantt_span(b, r, keys, n) &&
           (!field(r, "deps") || strings(b, field(r, "deps"), "deps"));
}

static bool gantt_marker(builder *b, const wm_value *m, const quarter_key *keys, size_t n)
{
    if (m->kind != WM_VOBJ || !wm_vobj_str(m, "quarter") || !wm_vobj_str(m, "label"))
        return bad(b, "a marker needs a quarter and a label (texts)");
    if (!expect_fields(b, m, (const char *const[]){"quarter", "label", NULL}))
        return false;
    const char *q = wm_vobj_str(m, "quarter");
    return quarter_find(keys, n, q) >= 0 || bad(b, "quarter '%s' is not one of the quarters", q);
}

/* Check each item of the list `key` of d with `check`, the path naming it. */
static bool gantt_items(builder *b, const wm_value *d, const char *key, const quarter_key *keys,
                        size_t n,
                        bool (*check)(builder *, const wm_value *, const quarter_key *, size_t))
{
    const wm_value *list = field(d, key);
    size_t old = path_key(b, key);
    for (size_t i = 0; i < list->u.arr.n; i++) {
        size_t o2 = path_index(b, i);
        if (!check(b, list->u.arr.items[i], keys, n))
            return false;
        const wm_value *deps = field(list->u.arr.items[i], "deps"); /* checked: a list */
        if (!count(b, &b->points, 1 + (deps ? deps->u.arr.n : 0), MAX_POINTS, "chart points"))
            return false;
        path_back(b, o2);
    }
    path_back(b, old);
    return true;
}

/* gantt: { quarters, rows, markers? } */
static bool gantt_data(builder *b, const wm_value *d)
{
    if (!expect_fields(b, d, (const char *const[]){"quarters", "rows", "markers", NULL}))
        return false;
    const wm_value *qs = field(d, "quarters"), *markers = field(d, "markers");
    if (!strings(b, qs, "quarters"))
        return false;
    if (qs->u.arr.n == 0)
        return bad(b, "a Gantt chart needs at least one quarter");
    if (qs->u.arr.n > MAX_CATEGORIES)
        return bad(b, "a chart has %zu quarters, more than %d", qs->u.arr.n, MAX_CATEGORIES);
    if (!is_list(field(d, "rows")))
        return bad(b, "rows must be a list");
    if (markers && !is_list(markers))
        return bad(b, "markers must be a list");
    size_t n = qs->u.arr.n;
    quarter_key *keys = wm_xmalloc(n * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = (quarter_key){qs->u.arr.items[i]->u.str.s, i};
    qsort(keys, n, sizeof *keys, quarter_cmp);
    bool ok = true;
    for (size_t i = 1; ok && i < n; i++)
        if (strcmp(keys[i - 1].name, keys[i].name) == 0)
            ok = bad(b, "quarter '%s' is listed twice", keys[i].name);
    ok = ok && gantt_items(b, d, "rows", keys, n, gantt_row);
    ok = ok && (!markers || gantt_items(b, d, "markers", keys, n, gantt_marker));
    free(keys);
    return ok;
}

/* heatmap: { cells = { { likelihood, impact, label? }... } } on a 5 x 5 grid */
static bool heatmap_cell(builder *b, const wm_value *c)
{
    double l, im;
    if (c->kind != WM_VOBJ || !wm_vobj_num(c, "likelihood", &l) || !wm_vobj_num(c, "impact", &im) ||
        l < 1 || l > 5 || im < 1 || im > 5 || l != floor(l) || im != floor(im))
        return bad(b, "a cell needs likelihood and impact, whole numbers 1..5");
    return expect_fields(b, c, (const char *const[]){"likelihood", "impact", "label", NULL}) &&
           opt_text(b, c, "label");
}

static bool heatmap_data(builder *b, const wm_value *d)
{
    if (!expect_fields(b, d, (const char *const[]){"cells", NULL}))
        return false;
    const wm_value *cells = field(d, "cells");
    if (!is_list(cells))
        return bad(b, "a heat map needs its cells");
    size_t old = path_key(b, "cells");
    for (size_t i = 0; i < cells->u.arr.n; i++) {
        size_t o2 = path_index(b, i);
        if (!heatmap_cell(b, cells->u.arr.items[i]) ||
            !count(b, &b->points, 1, MAX_POINTS, "chart points"))
            return false;
        path_back(b, o2);
    }
    path_back(b, old);
    return true;
}

static bool chart_data(builder *b, wm_chart_kind kind, const wm_value *d)
{
    if (!d || d->kind != WM_VOBJ)
        return bad(b, "a chart needs its data table");
    size_t old = path_key(b, "data");
    bool ok;
    if (kind == WM_CHART_GANTT)
        ok = gantt_data(b, d);
    else if (kind == WM_CHART_HEATMAP)
        ok = heatmap_data(b, d);
    else
        ok = series_data(b, kind, d);
    if (ok)
        path_back(b, old);
    return ok;
}

static const char *const BLOCK_TYPES[] = {"heading", "paragraph", "list",       "table", "kv",
                                          "callout", "chart",     "page_break", NULL};

static bool block(builder *b, const wm_value *v, wm_block *out)
{
    wm_arena *a = &b->doc->arena;
    if (v->kind != WM_VOBJ)
        return bad(b, "a block is a table made by a waymark constructor, got %s",
                   wm_v_kind_name(v->kind));
    const char *type = wm_vobj_str(v, "type");
    int k = -1;
    for (int i = 0; type && BLOCK_TYPES[i]; i++)
        if (strcmp(type, BLOCK_TYPES[i]) == 0)
            k = i;
    if (k < 0) {
        const char *near = type ? wm_suggest_list(type, BLOCK_TYPES) : NULL;
        return near ? bad(b, "unknown block type '%s' (did you mean '%s'?)", type, near)
                    : bad(b, "a block needs a type: heading, paragraph, list, table, kv, "
                             "callout, chart or page_break");
    }
    memset(out, 0, sizeof *out);
    out->kind = (wm_block_kind)k;
    size_t old;
    switch (out->kind) {
    case WM_BLOCK_HEADING: {
        double level = 1;
        if (!expect_fields(b, v, (const char *const[]){"level", "text", NULL}))
            return false;
        if (field(v, "level") &&
            (!wm_vobj_num(v, "level", &level) || level < 1 || level > 3 || level != floor(level)))
            return bad(b, "a heading's level is 1, 2 or 3");
        out->u.heading.level = (int)level;
        old = path_key(b, "text");
        if (!text(b, field(v, "text"), &out->u.heading.text, false))
            return false;
        path_back(b, old);
        return true;
    }
    case WM_BLOCK_PARAGRAPH:
        if (!expect_fields(b, v, (const char *const[]){"text", NULL}))
            return false;
        old = path_key(b, "text");
        if (!text(b, field(v, "text"), &out->u.paragraph, false))
            return false;
        path_back(b, old);
        return true;
    case WM_BLOCK_LIST: {
        if (!expect_fields(b, v, (const char *const[]){"items", "numbered", NULL}))
            return false;
        const wm_value *items = field(v, "items"), *num = field(v, "numbered");
        if (!is_list(items))
            return bad(b, "a list needs its items");
        if (num && num->kind != WM_VBOOL)
            return bad(b, "numbered is true or false");
        out->u.list.numbered = num && num->u.b;
        out->u.list.items = WM_ARENA_NEW(a, wm_text, items->u.arr.n + 1);
        out->u.list.n = items->u.arr.n;
        old = path_key(b, "items");
        for (size_t i = 0; i < items->u.arr.n; i++) {
            size_t o2 = path_index(b, i);
            if (!count(b, &b->items, 1, MAX_ITEMS, "list and key-value items") ||
                !text(b, items->u.arr.items[i], &out->u.list.items[i], false))
                return false;
            path_back(b, o2);
        }
        path_back(b, old);
        return true;
    }
    case WM_BLOCK_TABLE: {
        if (!expect_fields(b, v, (const char *const[]){"columns", "rows", "total", NULL}))
            return false;
        const wm_value *cols = field(v, "columns"), *rows = field(v, "rows"),
                       *total = field(v, "total");
        if (!is_list(cols) || cols->u.arr.n == 0 || cols->u.arr.n > MAX_COLUMNS)
            return bad(b, "a table needs 1 to %d columns", MAX_COLUMNS);
        if (!is_list(rows) || rows->u.arr.n > MAX_ROWS)
            return bad(b, "a table needs a list of rows (at most %d)", MAX_ROWS);
        size_t nc = cols->u.arr.n;
        out->u.table.columns = WM_ARENA_NEW(a, wm_column, nc);
        out->u.table.n_columns = nc;
        old = path_key(b, "columns");
        for (size_t c = 0; c < nc; c++) {
            const wm_value *col = cols->u.arr.items[c];
            size_t o2 = path_index(b, c);
            wm_column *wc = &out->u.table.columns[c];
            if (col->kind == WM_VSTR) {
                if (!text(b, col, &wc->title, false))
                    return false;
            } else if (col->kind == WM_VOBJ) {
                if (!expect_fields(b, col, (const char *const[]){"title", "align", "width", NULL}))
                    return false;
                if (!text(b, field(col, "title"), &wc->title, true))
                    return false;
                const char *al = wm_vobj_str(col, "align");
                if (field(col, "align") && (!al || (strcmp(al, "left") && strcmp(al, "right") &&
                                                    strcmp(al, "centre") && strcmp(al, "center"))))
                    return bad(b, "align is left, right or centre");
                wc->align = !al || strcmp(al, "left") == 0 ? WM_ALIGN_LEFT
                            : strcmp(al, "right") == 0     ? WM_ALIGN_RIGHT
                                                           : WM_ALIGN_CENTRE;
                if (field(col, "width") &&
                    (!wm_vobj_num(col, "width", &wc->width) || !(wc->width > 0) || wc->width > 100))
                    return bad(b, "width is a relative weight above 0 (at most 100)");
            } else {
                return bad(b, "a column is a title or { title, align, width }");
            }
            path_back(b, o2);
        }
        path_back(b, old);
        out->u.table.cells = WM_ARENA_NEW(a, wm_text, rows->u.arr.n * nc + 1);
        out->u.table.n_rows = rows->u.arr.n;
        old = path_key(b, "rows");
        for (size_t r = 0; r < rows->u.arr.n; r++) {
            const wm_value *row = rows->u.arr.items[r];
            size_t o2 = path_index(b, r);
            if (!is_list(row) || row->u.arr.n != nc)
                return bad(b, "a row needs %zu cells, one per column", nc);
            if (!count(b, &b->cells, nc, MAX_CELLS, "table cells"))
                return false;
            for (size_t c = 0; c < nc; c++) {
                size_t o3 = path_index(b, c);
                if (!text(b, row->u.arr.items[c], &out->u.table.cells[r * nc + c], true))
                    return false;
                path_back(b, o3);
            }
            path_back(b, o2);
        }
        path_back(b, old);
        if (total) {
            old = path_key(b, "total");
            if (!is_list(total) || total->u.arr.n != nc)
                return bad(b, "the total row needs %zu cells", nc);
            if (!count(b, &b->cells, nc, MAX_CELLS, "table cells"))
                return false;
            out->u.table.total = WM_ARENA_NEW(a, wm_text, nc);
            for (size_t c = 0; c < nc; c++)
                if (!text(b, total->u.arr.items[c], &out->u.table.total[c], true))
                    return false;
            path_back(b, old);
        }
        return true;
    }
    case WM_BLOCK_KV: {
        if (!expect_fields(b, v, (const char *const[]){"items", NULL}))
            return false;
        const wm_value *items = field(v, "items");
        if (!is_list(items))
            return bad(b, "a key-value block needs its items");
        size_t n = items->u.arr.n;
        out->u.kv.keys = WM_ARENA_NEW(a, wm_text, n + 1);
        out->u.kv.values = WM_ARENA_NEW(a, wm_text, n + 1);
        out->u.kv.n = n;
        old = path_key(b, "items");
        for (size_t i = 0; i < n; i++) {
            const wm_value *it = items->u.arr.items[i];
            size_t o2 = path_index(b, i);
            if (it->kind != WM_VOBJ)
                return bad(b, "an item is { key, value }");
            if (!count(b, &b->items, 1, MAX_ITEMS, "list and key-value items"))
                return false;
            if (!text(b, field(it, "key"), &out->u.kv.keys[i], false) ||
                !text(b, field(it, "value"), &out->u.kv.values[i], true))
                return false;
            path_back(b, o2);
        }
        path_back(b, old);
        return true;
    }
    case WM_BLOCK_CALLOUT: {
        if (!expect_fields(b, v, (const char *const[]){"kind", "title", "body", NULL}))
            return false;
        const char *kind = wm_vobj_str(v, "kind");
        if (!kind)
            kind = "info";
        if (strcmp(kind, "info") && strcmp(kind, "warn") && strcmp(kind, "risk"))
            return bad(b, "a callout's kind is info, warn or risk");
        out->u.callout.kind = kind[0] == 'i'   ? WM_CALLOUT_INFO
                              : kind[0] == 'w' ? WM_CALLOUT_WARN
                                               : WM_CALLOUT_RISK;
        old = path_key(b, "title");
        if (!text(b, field(v, "title"), &out->u.callout.title, true))
            return false;
        path_back(b, old);
        old = path_key(b, "body");
        if (!text(b, field(v, "body"), &out->u.callout.body, false))
            return false;
        path_back(b, old);
        return true;
    }
    case WM_BLOCK_CHART: {
        static const char *const KINDS[] = {"bar",     "stacked_bar", "gantt",
                                            "heatmap", "radar",       NULL};
        if (!expect_fields(b, v, (const char *const[]){"kind", "title", "data", NULL}))
            return false;
        const char *kind = wm_vobj_str(v, "kind");
        int ck = -1;
        for (int i = 0; kind && KINDS[i]; i++)
            if (strcmp(kind, KINDS[i]) == 0)
                ck = i;
        if (ck < 0)
            return bad(b, "a chart's kind is bar, stacked_bar, gantt, heatmap or radar");
        out->u.chart.kind = (wm_chart_kind)ck;
        const char *title = wm_vobj_str(v, "title");
        out->u.chart.title = title ? copy(b, title) : NULL;
        if (!chart_data(b, out->u.chart.kind, field(v, "data")))
            return false;
        out->u.chart.data = wm_v_copy(a, field(v, "data"));
        return true;
    }
    case WM_BLOCK_PAGE_BREAK:
        return expect_fields(b, v, (const char *const[]){NULL});
    }
    return false;
}

static bool section(builder *b, const wm_value *v, wm_section *out, size_t *blocks_total)
{
    if (v->kind != WM_VOBJ || !wm_vobj_str(v, "type") || strcmp(wm_vobj_str(v, "type"), "section"))
        return bad(b, "expected a section made by waymark.section");
    if (!expect_fields(b, v, (const char *const[]){"id", "title", "after", "blocks", NULL}))
        return false;
    const char *id = wm_vobj_str(v, "id"), *title = wm_vobj_str(v, "title");
    if (!id || !title)
        return bad(b, "a section needs an id and a title");
    out->id = copy(b, id);
    out->title = copy(b, title);
    const char *after = wm_vobj_str(v, "after");
    out->after = after ? copy(b, after) : NULL;
    const wm_value *blocks = field(v, "blocks");
    if (!is_list(blocks))
        return bad(b, "a section needs a list of blocks");
    *blocks_total += blocks->u.arr.n;
    if (*blocks_total > MAX_BLOCKS)
        return bad(b, "the document has more than %d blocks", MAX_BLOCKS);
    out->blocks = WM_ARENA_NEW(&b->doc->arena, wm_block, blocks->u.arr.n + 1);
    out->n_blocks = blocks->u.arr.n;
    size_t old = path_key(b, "blocks");
    for (size_t i = 0; i < blocks->u.arr.n; i++) {
        size_t o2 = path_index(b, i);
        if (!block(b, blocks->u.arr.items[i], &out->blocks[i]))
            return false;
        path_back(b, o2);
    }
    path_back(b, old);
    return true;
}

wm_doc *wm_doc_from_value(const wm_value *v, char **err)
{
    builder b = {.path = "sections"};
    b.doc = wm_xcalloc(1, sizeof *b.doc);
    wm_arena_init(&b.doc->arena);
    if (!is_list(v) || v->u.arr.n > MAX_SECTIONS) {
        bad(&b, "expected a list of at most %d sections", MAX_SECTIONS);
        goto fail;
    }
    size_t n = v->u.arr.n, blocks = 0;
    wm_section *given = WM_ARENA_NEW(&b.doc->arena, wm_section, n + 1);
    for (size_t i = 0; i < n; i++) {
        size_t old = path_index(&b, i);
        if (!section(&b, v->u.arr.items[i], &given[i], &blocks))
            goto fail;
        for (size_t j = 0; j < i; j++)
            if (strcmp(given[j].id, given[i].id) == 0) {
                bad(&b, "section id '%s' is used twice", given[i].id);
                goto fail;
            }
        path_back(&b, old);
    }
    /* Order: sections without `after` in the order given; each section with
     * `after` right behind the one it names (and behind earlier sections
     * placed there); an unknown anchor is an error naming it. */
    b.doc->sections = WM_ARENA_NEW(&b.doc->arena, wm_section, n + 1);
    bool *placed = wm_xcalloc(n + 1, sizeof *placed);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (given[i].after) {
            bool known = false;
            for (size_t j = 0; j < n; j++)
                known |= strcmp(given[j].id, given[i].after) == 0;
            if (!known) {
                snprintf(b.path, sizeof b.path, "sections[%zu].after", i + 1);
                bad(&b, "no section has the id '%s'", given[i].after);
                free(placed);
                goto fail;
            }
        }
    }
    /* Repeatedly place what can be placed; anchors form chains, never cycles
     * of placed sections, so at most n rounds. */
    for (size_t round = 0; round <= n && count < n; round++) {
        for (size_t i = 0; i < n; i++) {
            if (placed[i])
                continue;
            if (!given[i].after) {
                b.doc->sections[count++] = given[i];
                placed[i] = true;
                continue;
            }
            size_t at = (size_t)-1;
            for (size_t k = 0; k < count; k++)
                if (strcmp(b.doc->sections[k].id, given[i].after) == 0)
                    at = k;
            if (at == (size_t)-1)
                continue;
            /* Behind the anchor and anything already placed behind it. */
            size_t pos = at + 1;
            while (pos < count && b.doc->sections[pos].after &&
                   strcmp(b.doc->sections[pos].after, given[i].after) == 0)
                pos++;
            memmove(&b.doc->sections[pos + 1], &b.doc->sections[pos],
                    (count - pos) * sizeof *b.doc->sections);
            b.doc->sections[pos] = given[i];
            count++;
            placed[i] = true;
        }
    }
    free(placed);
    if (count < n) {
        snprintf(b.path, sizeof b.path, "sections");
        bad(&b, "sections placed 'after' one another in a cycle");
        goto fail;
    }
    b.doc->n_sections = n;
    return b.doc;
fail:
    *err = b.err;
    wm_doc_free(b.doc);
    return NULL;
}

void wm_doc_free(wm_doc *d)
{
    if (!d)
        return;
    wm_arena_free(&d->arena);
    free(d);
}

/* ---- dump ---- */

static void dump_text(wm_buf *o, const wm_text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const wm_run *r = &t->runs[i];
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(o, "**");
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(o, "_");
        wm_buf_puts(o, r->text);
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(o, "_");
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(o, "**");
        if (r->link)
            wm_buf_printf(o, " <%s>", r->link);
    }
}

char *wm_doc_dump(const wm_doc *d)
{
    static const char *const CHARTS[] = {"bar", "stacked_bar", "gantt", "heatmap", "radar"};
    wm_buf o;
    wm_buf_init(&o);
    for (size_t s = 0; s < d->n_sections; s++) {
        const wm_section *sec = &d->sections[s];
        wm_buf_printf(&o, "section %s: %s\n", sec->id, sec->title);
        for (size_t i = 0; i < sec->n_blocks; i++) {
            const wm_block *bl = &sec->blocks[i];
            wm_buf_printf(&o, "  %s", BLOCK_TYPES[bl->kind]);
            switch (bl->kind) {
            case WM_BLOCK_HEADING:
                wm_buf_printf(&o, " %d: ", bl->u.heading.level);
                dump_text(&o, &bl->u.heading.text);
                break;
            case WM_BLOCK_PARAGRAPH:
                wm_buf_puts(&o, ": ");
                dump_text(&o, &bl->u.paragraph);
                break;
            case WM_BLOCK_LIST:
                wm_buf_printf(&o, " (%zu items%s)", bl->u.list.n,
                              bl->u.list.numbered ? ", numbered" : "");
                break;
            case WM_BLOCK_TABLE:
                wm_buf_printf(&o, " %zu x %zu%s", bl->u.table.n_rows, bl->u.table.n_columns,
                              bl->u.table.total ? " + total" : "");
                break;
            case WM_BLOCK_KV:
                wm_buf_printf(&o, " (%zu items)", bl->u.kv.n);
                break;
            case WM_BLOCK_CALLOUT:
                wm_buf_puts(&o, ": ");
                dump_text(&o, &bl->u.callout.body);
                break;
            case WM_BLOCK_CHART:
                wm_buf_printf(&o, " %s%s%s", CHARTS[bl->u.chart.kind],
                              bl->u.chart.title ? ": " : "",
                              bl->u.chart.title ? bl->u.chart.title : "");
                break;
            case WM_BLOCK_PAGE_BREAK:
                break;
            }
            wm_buf_putc(&o, '\n');
        }
    }
    return wm_buf_steal(&o);
}

static bool check_one(const wm_value *v, bool is_section, char **err)
{
    builder b = {.path = ""};
    b.doc = wm_xcalloc(1, sizeof *b.doc);
    wm_arena_init(&b.doc->arena);
    wm_block blk;
    wm_section sec;
    size_t blocks = 0;
    bool ok = is_section ? section(&b, v, &sec, &blocks) : block(&b, v, &blk);
    if (!ok)
        *err = b.err;
    wm_doc_free(b.doc);
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
