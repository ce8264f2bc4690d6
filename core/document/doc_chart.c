/*
 * doc_chart.c - the chart kinds (one row each in charts.def): the name
 * plugins write, the fields of its data and the function that checks the
 * data and turns it into the chart's typed payload (doc.h).  The data shapes
 * (docs/charts.md):
 *
 *   bar, stacked_bar  { categories = {text...}, series = {{name, values}...},
 *                       format? = "number" | "money" | "percent" | "days" }
 *   radar             { axes = {text...}, series = {{name, values}...}, max? = 5 }
 *   gantt             { quarters = {"2027-Q1"...},
 *                       rows = {{label, id?, start?, end?, tier?, deps? = {id...}}...},
 *                       markers? = {{quarter, label}...} }
 *   heatmap           { cells = {{likelihood = 1..5, impact = 1..5, label?}...} }
 *
 * What the payload resolves once, so that no output does it again: a Gantt
 * row's start and end as columns, its dependencies as rows, its tier; a
 * quarter's name read as a quarter; a marker's column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "doc_int.h"

const char *const wm_chart_kind_names[WM_CHART_KIND_COUNT + 1] = {
#define WM_CHART_KIND(id, name, ...) [WM_CHART_##id] = name,
#include "charts.def"
#undef WM_CHART_KIND
};

static const struct {
    const char *name;
    wm_format format;
} FORMATS[] = {{"number", WM_FORMAT_NUMBER},
               {"money", WM_FORMAT_MONEY},
               {"percent", WM_FORMAT_PERCENT},
               {"days", WM_FORMAT_DAYS}};

/* A list of n numbers under `what`, copied into *out. */
static bool numbers(wm_doc_builder *b, const wm_value *v, size_t n, const char *what,
                    const double **out)
{
    if (!wm_db_is_list(v))
        return wm_db_bad(b, "%s must be a list of numbers", what);
    if (v->u.arr.n != n)
        return wm_db_bad(b, "%s has %zu values, expected %zu", what, v->u.arr.n, n);
    double *vals = WM_ARENA_NEW(b->arena, double, n + 1);
    for (size_t i = 0; i < n; i++) {
        if (!wm_v_is_number(v->u.arr.items[i]))
            return wm_db_bad(b, "%s[%zu] is not a number", what, i + 1);
        vals[i] = wm_v_number(v->u.arr.items[i]);
    }
    *out = vals;
    return true;
}

/* bar, stacked_bar, radar: { categories | axes, series, format?, max? } */
static bool series_chart(wm_doc_builder *b, const wm_value *d, wm_chart *out)
{
    bool radar = out->kind == WM_CHART_RADAR;
    const char *axis = radar ? "axes" : "categories";
    wm_series_chart *sc = &out->u.series;
    if (!wm_db_fields(b, d,
                      radar ? (const char *const[]){"axes", "series", "format", "max", NULL}
                            : (const char *const[]){"categories", "series", "format", NULL}))
        return false;
    const wm_value *cats = wm_db_field(d, axis), *series = wm_db_field(d, "series");
    const char **names = NULL;
    if (!wm_db_strings(b, cats, axis, &names))
        return false;
    if (cats->u.arr.n > WM_DOC_MAX_CATEGORIES)
        return wm_db_bad(b, "a chart has %zu %s, more than %d", cats->u.arr.n, axis,
                         WM_DOC_MAX_CATEGORIES);
    sc->categories = names;
    sc->n_categories = cats->u.arr.n;
    if (!wm_db_is_list(series) || series->u.arr.n == 0)
        return wm_db_bad(b, "a chart needs at least one series");
    if (series->u.arr.n > WM_DOC_MAX_SERIES)
        return wm_db_bad(b, "a chart has %zu series, more than %d", series->u.arr.n,
                         WM_DOC_MAX_SERIES);
    const wm_value *format = wm_db_field(d, "format");
    if (format) {
        size_t k = 0, n = sizeof FORMATS / sizeof *FORMATS;
        while (format->kind == WM_VSTR && k < n && strcmp(format->u.str.s, FORMATS[k].name))
            k++;
        if (format->kind != WM_VSTR || k == n)
            return wm_db_bad(b, "format is number, money, percent or days");
        sc->format = FORMATS[k].format;
    }
    sc->max = 5;
    if (wm_db_field(d, "max") && (!wm_vobj_num(d, "max", &sc->max) || !(sc->max > 0)))
        return wm_db_bad(b, "max must be a number above 0");
    wm_series *ss = WM_ARENA_NEW(b->arena, wm_series, series->u.arr.n);
    for (size_t i = 0; i < series->u.arr.n; i++) {
        const wm_value *s = series->u.arr.items[i];
        if (s->kind != WM_VOBJ || !wm_vobj_str(s, "name"))
            return wm_db_bad(b, "series[%zu] needs a name", i + 1);
        size_t old = wm_db_key(b, "series");
        wm_db_index(b, i);
        if (!wm_db_fields(b, s, (const char *const[]){"name", "values", NULL}))
            return false;
        wm_db_back(b, old);
        ss[i].name = wm_db_copy(b, wm_vobj_str(s, "name"));
        if (!numbers(b, wm_db_field(s, "values"), sc->n_categories, "values", &ss[i].values) ||
            !wm_db_count(b, &b->points, sc->n_categories, WM_DOC_MAX_POINTS, "chart points"))
            return false;
    }
    sc->series = ss;
    sc->n_series = series->u.arr.n;
    return true;
}

/* ---- Gantt ---- */

/* Names sorted for lookup: each with its position, the first of equal
 * names first. */
typedef struct {
    const char *name;
    size_t index;
} name_key;

static int name_cmp(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

static name_key *sorted(const char *const *names, size_t n, size_t *kept)
{
    name_key *keys = wm_xmalloc((n + 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (names[i])
            keys[k++] = (name_key){names[i], i};
    qsort(keys, k, sizeof *keys, name_cmp);
    *kept = k;
    return keys;
}

/* The position of the first `s` among the keys, or -1. */
static long find(const name_key *keys, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].name, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(keys[lo].name, s) == 0 ? (long)keys[lo].index : -1;
}

/* "must", "Should", "won't"...: the tier; anything else is none. */
static wm_tier tier_of(const char *s)
{
    static const struct {
        const char *name;
        wm_tier tier;
    } TIERS[] = {{"must", WM_TIER_MUST},
                 {"should", WM_TIER_SHOULD},
                 {"could", WM_TIER_COULD},
                 {"wont", WM_TIER_WONT},
                 {"won't", WM_TIER_WONT}};
    for (size_t k = 0; s && k < sizeof TIERS / sizeof *TIERS; k++) {
        const char *a = s, *w = TIERS[k].name;
        while (*a && *w && (*a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a) == *w)
            a++, w++;
        if (!*a && !*w)
            return TIERS[k].tier;
    }
    return WM_TIER_NONE;
}

typedef struct {
    const name_key *quarters;
    size_t n_quarters;
    const wm_quarter *parsed; /* by column */
} gantt_ctx;

/* A row's optional start/end: both or neither, each a quarter, in order. */
static bool row_span(wm_doc_builder *b, const wm_value *r, const gantt_ctx *g, wm_gantt_row *out)
{
    const wm_value *start = wm_db_field(r, "start"), *end = wm_db_field(r, "end");
    out->start = out->end = -1;
    if (!start && !end)
        return true;
    if (!start || !end)
        return wm_db_bad(b, "start and end go together: give both or neither");
    if (start->kind != WM_VSTR || end->kind != WM_VSTR)
        return wm_db_bad(b, "start and end are quarters (text)");
    long s = find(g->quarters, g->n_quarters, start->u.str.s);
    long e = find(g->quarters, g->n_quarters, end->u.str.s);
    if (s < 0)
        return wm_db_bad(b, "start '%s' is not one of the quarters", start->u.str.s);
    if (e < 0)
        return wm_db_bad(b, "end '%s' is not one of the quarters", end->u.str.s);
    if (s > e)
        return wm_db_bad(b, "start '%s' is after end '%s'", start->u.str.s, end->u.str.s);
    out->start = s;
    out->end = e;
    return true;
}

/* A row's optional due quarter: one of the quarters, or any "YYYY-Qn" when
 * the quarters are too (a deadline before or after the chart's columns).
 * The bar is late when it ends after it. */
static bool row_due(wm_doc_builder *b, const wm_value *r, const gantt_ctx *g, wm_gantt_row *out)
{
    const char *due = wm_vobj_str(r, "due");
    out->late = false;
    if (!due)
        return true;
    long at = find(g->quarters, g->n_quarters, due);
    wm_quarter q;
    if (at < 0 && !wm_parse_quarter(due, &q))
        return wm_db_bad(b, "due '%s' is not a quarter", due);
    if (out->end < 0)
        return true;
    if (at >= 0)
        out->late = out->end > at;
    else if (g->parsed[out->end] != WM_NO_QUARTER)
        out->late = g->parsed[out->end] > q;
    return true;
}

/* The column of quarter q in the chart, cut to its first or last column:
 * -1 before the first, n_quarters after the last (when the columns are
 * quarters), or -2 when it cannot be placed. */
static long placed(const gantt_ctx *g, const char *q)
{
    long at = find(g->quarters, g->n_quarters, q);
    if (at >= 0)
        return at;
    wm_quarter x;
    if (!wm_parse_quarter(q, &x) || g->n_quarters == 0 || g->parsed[0] == WM_NO_QUARTER ||
        g->parsed[g->n_quarters - 1] == WM_NO_QUARTER)
        return -2;
    return x < g->parsed[0] ? -1 : x > g->parsed[g->n_quarters - 1] ? (long)g->n_quarters : -2;
}

/* A row's optional baseline span (`was_start`, `was_end`): both or
 * neither, quarters in order; cut to the chart's columns, and none when it
 * lies wholly outside them. */
static bool row_was(wm_doc_builder *b, const wm_value *r, const gantt_ctx *g, wm_gantt_row *out)
{
    const char *ws = wm_vobj_str(r, "was_start"), *we = wm_vobj_str(r, "was_end");
    out->was_start = out->was_end = -1;
    if (!wm_db_field(r, "was_start") && !wm_db_field(r, "was_end"))
        return true;
    if (!ws || !we)
        return wm_db_bad(b, "was_start and was_end go together: give both (quarters) or neither");
    wm_quarter qs, qe;
    if (!wm_parse_quarter(ws, &qs) && find(g->quarters, g->n_quarters, ws) < 0)
        return wm_db_bad(b, "was_start '%s' is not a quarter", ws);
    if (!wm_parse_quarter(we, &qe) && find(g->quarters, g->n_quarters, we) < 0)
        return wm_db_bad(b, "was_end '%s' is not a quarter", we);
    long s = placed(g, ws), e = placed(g, we);
    if (s == -2 || e == -2 || s > e)
        return s > e && s >= 0 && e >= 0
                   ? wm_db_bad(b, "was_start '%s' is after was_end '%s'", ws, we)
                   : true;
    if (e < 0 || s >= (long)g->n_quarters) /* wholly before or after the columns */
        return true;
    out->was_start = s < 0 ? 0 : s;
    out->was_end = e >= (long)g->n_quarters ? (long)g->n_quarters - 1 : e;
    return true;
}

static bool gantt_row(wm_doc_builder *b, const wm_value *r, const gantt_ctx *g, wm_gantt_row *out)
{
    if (r->kind != WM_VOBJ || !wm_vobj_str(r, "label"))
        return wm_db_bad(b, "a row needs a label (text)");
    if (!wm_db_fields(b, r,
                      (const char *const[]){"label", "id", "start", "end", "tier", "deps", "due",
                                            "was_start", "was_end", NULL}) ||
        !wm_db_opt_text(b, r, "id") || !wm_db_opt_text(b, r, "tier") ||
        !wm_db_opt_text(b, r, "due") || !row_span(b, r, g, out) || !row_due(b, r, g, out) ||
        !row_was(b, r, g, out))
        return false;
    const wm_value *deps = wm_db_field(r, "deps");
    if (deps && !wm_db_strings(b, deps, "deps", NULL))
        return false;
    out->label = wm_db_copy(b, wm_vobj_str(r, "label"));
    const char *id = wm_vobj_str(r, "id");
    out->id = id ? wm_db_copy(b, id) : NULL;
    out->tier = tier_of(wm_vobj_str(r, "tier"));
    return wm_db_count(b, &b->points, 1 + (deps ? deps->u.arr.n : 0), WM_DOC_MAX_POINTS,
                       "chart points");
}

static bool gantt_marker(wm_doc_builder *b, const wm_value *m, const gantt_ctx *g,
                         wm_gantt_marker *out)
{
    if (m->kind != WM_VOBJ || !wm_vobj_str(m, "quarter") || !wm_vobj_str(m, "label"))
        return wm_db_bad(b, "a marker needs a quarter and a label (texts)");
    if (!wm_db_fields(b, m, (const char *const[]){"quarter", "label", NULL}))
        return false;
    const char *q = wm_vobj_str(m, "quarter");
    long at = find(g->quarters, g->n_quarters, q);
    if (at < 0)
        return wm_db_bad(b, "quarter '%s' is not one of the quarters", q);
    out->quarter = (size_t)at;
    out->label = wm_db_copy(b, wm_vobj_str(m, "label"));
    return wm_db_count(b, &b->points, 1, WM_DOC_MAX_POINTS, "chart points");
}

/* Each row's deps, resolved to the first row with that id; an id naming no
 * row (an initiative not in the chart) or the row itself is left out. */
static void resolve_deps(wm_doc_builder *b, const wm_value *rows, wm_gantt_row *out, size_t n)
{
    const char **ids = wm_xmalloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = out[i].id;
    size_t n_ids;
    name_key *keys = sorted(ids, n, &n_ids);
    for (size_t i = 0; i < n; i++) {
        const wm_value *deps = wm_db_field(rows->u.arr.items[i], "deps");
        size_t nd = deps ? deps->u.arr.n : 0, k = 0;
        size_t *to = WM_ARENA_NEW(b->arena, size_t, nd + 1);
        for (size_t j = 0; j < nd; j++) {
            long d = find(keys, n_ids, deps->u.arr.items[j]->u.str.s);
            if (d >= 0 && (size_t)d != i)
                to[k++] = (size_t)d;
        }
        out[i].deps = to;
        out[i].n_deps = k;
    }
    free(keys);
    free(ids);
}

/* gantt: { quarters, rows, markers? } */
static bool gantt_chart(wm_doc_builder *b, const wm_value *d, wm_chart *out)
{
    wm_gantt_chart *gc = &out->u.gantt;
    if (!wm_db_fields(b, d, (const char *const[]){"quarters", "rows", "markers", NULL}))
        return false;
    const wm_value *qs = wm_db_field(d, "quarters"), *rows = wm_db_field(d, "rows"),
                   *markers = wm_db_field(d, "markers");
    const char **names = NULL;
    if (!wm_db_strings(b, qs, "quarters", &names))
        return false;
    if (qs->u.arr.n == 0)
        return wm_db_bad(b, "a Gantt chart needs at least one quarter");
    if (qs->u.arr.n > WM_DOC_MAX_CATEGORIES)
        return wm_db_bad(b, "a chart has %zu quarters, more than %d", qs->u.arr.n,
                         WM_DOC_MAX_CATEGORIES);
    if (!wm_db_is_list(rows))
        return wm_db_bad(b, "rows must be a list");
    if (markers && !wm_db_is_list(markers))
        return wm_db_bad(b, "markers must be a list");
    size_t nq = qs->u.arr.n;
    gc->quarters = names;
    gc->n_quarters = nq;
    wm_quarter *parsed = WM_ARENA_NEW(b->arena, wm_quarter, nq);
    for (size_t i = 0; i < nq; i++)
        if (!wm_parse_quarter(names[i], &parsed[i]))
            parsed[i] = WM_NO_QUARTER;
    gc->parsed = parsed;
    gantt_ctx g;
    name_key *keys = sorted(names, nq, &g.n_quarters);
    g.quarters = keys;
    g.parsed = parsed;
    bool ok = true;
    for (size_t i = 1; ok && i < nq; i++)
        if (strcmp(keys[i - 1].name, keys[i].name) == 0)
            ok = wm_db_bad(b, "quarter '%s' is listed twice", keys[i].name);
    size_t n_rows = ok ? rows->u.arr.n : 0;
    wm_gantt_row *rs = WM_ARENA_NEW(b->arena, wm_gantt_row, n_rows + 1);
    size_t old = wm_db_key(b, "rows");
    for (size_t i = 0; ok && i < n_rows; i++) {
        size_t o2 = wm_db_index(b, i);
        ok = gantt_row(b, rows->u.arr.items[i], &g, &rs[i]);
        if (ok)
            wm_db_back(b, o2);
    }
    if (ok) {
        wm_db_back(b, old);
        resolve_deps(b, rows, rs, n_rows);
        gc->rows = rs;
        gc->n_rows = n_rows;
    }
    size_t n_markers = ok && markers ? markers->u.arr.n : 0;
    wm_gantt_marker *ms = WM_ARENA_NEW(b->arena, wm_gantt_marker, n_markers + 1);
    if (ok && markers)
        old = wm_db_key(b, "markers");
    for (size_t i = 0; ok && i < n_markers; i++) {
        size_t o2 = wm_db_index(b, i);
        ok = gantt_marker(b, markers->u.arr.items[i], &g, &ms[i]);
        if (ok)
            wm_db_back(b, o2);
    }
    if (ok && markers)
        wm_db_back(b, old);
    gc->markers = ms;
    gc->n_markers = n_markers;
    free(keys);
    return ok;
}

/* ---- heat map: { cells = { { likelihood, impact, label? }... } } on 5 x 5 ---- */

static bool heat_cell(wm_doc_builder *b, const wm_value *c, wm_heat_cell *out)
{
    double l, im;
    if (c->kind != WM_VOBJ || !wm_vobj_num(c, "likelihood", &l) || !wm_vobj_num(c, "impact", &im) ||
        l < 1 || l > 5 || im < 1 || im > 5 || l != floor(l) || im != floor(im))
        return wm_db_bad(b, "a cell needs likelihood and impact, whole numbers 1..5");
    if (!wm_db_fields(b, c, (const char *const[]){"likelihood", "impact", "label", NULL}) ||
        !wm_db_opt_text(b, c, "label"))
        return false;
    out->likelihood = (int)l;
    out->impact = (int)im;
    const char *label = wm_vobj_str(c, "label");
    out->label = label ? wm_db_copy(b, label) : NULL;
    return wm_db_count(b, &b->points, 1, WM_DOC_MAX_POINTS, "chart points");
}

static bool heatmap_chart(wm_doc_builder *b, const wm_value *d, wm_chart *out)
{
    if (!wm_db_fields(b, d, (const char *const[]){"cells", NULL}))
        return false;
    const wm_value *cells = wm_db_field(d, "cells");
    if (!wm_db_is_list(cells))
        return wm_db_bad(b, "a heat map needs its cells");
    wm_heat_cell *hc = WM_ARENA_NEW(b->arena, wm_heat_cell, cells->u.arr.n + 1);
    size_t old = wm_db_key(b, "cells");
    for (size_t i = 0; i < cells->u.arr.n; i++) {
        size_t o2 = wm_db_index(b, i);
        if (!heat_cell(b, cells->u.arr.items[i], &hc[i]))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    out->u.heatmap.cells = hc;
    out->u.heatmap.n_cells = cells->u.arr.n;
    return true;
}

const char *const wm_tone_names[WM_TONE_COUNT + 1] = {[WM_TONE_NEUTRAL] = "neutral",
                                                      [WM_TONE_GOOD] = "good",
                                                      [WM_TONE_WARN] = "warn",
                                                      [WM_TONE_BAD] = "bad"};

static bool tile(wm_doc_builder *b, const wm_value *t, wm_tile *out)
{
    if (t->kind != WM_VOBJ || !wm_vobj_str(t, "label") || !wm_vobj_str(t, "value"))
        return wm_db_bad(b, "a tile is { label = text, value = text, note?, tone? }");
    if (!wm_db_fields(b, t, (const char *const[]){"label", "value", "note", "tone", NULL}) ||
        !wm_db_opt_text(b, t, "note"))
        return false;
    const char *tone = wm_vobj_str(t, "tone");
    if (wm_db_field(t, "tone") && !tone)
        return wm_db_bad(b, "tone is neutral, good, warn or bad");
    int k = 0;
    while (tone && wm_tone_names[k] && strcmp(tone, wm_tone_names[k]) != 0)
        k++;
    if (tone && !wm_tone_names[k])
        return wm_db_bad(b, "tone is neutral, good, warn or bad, not '%s'", tone);
    out->label = wm_db_copy(b, wm_vobj_str(t, "label"));
    out->value = wm_db_copy(b, wm_vobj_str(t, "value"));
    const char *note = wm_vobj_str(t, "note");
    out->note = note ? wm_db_copy(b, note) : NULL;
    out->tone = tone ? (wm_tone)k : WM_TONE_NEUTRAL;
    return wm_db_count(b, &b->points, 1, WM_DOC_MAX_POINTS, "chart points");
}

static bool tiles_chart(wm_doc_builder *b, const wm_value *d, wm_chart *out)
{
    if (!wm_db_fields(b, d, (const char *const[]){"tiles", NULL}))
        return false;
    const wm_value *tiles = wm_db_field(d, "tiles");
    if (!wm_db_is_list(tiles) || tiles->u.arr.n < 1 || tiles->u.arr.n > WM_MAX_TILES)
        return wm_db_bad(b, "tiles needs a list of 1 to %d tiles", WM_MAX_TILES);
    wm_tile *t = WM_ARENA_NEW(b->arena, wm_tile, tiles->u.arr.n);
    size_t old = wm_db_key(b, "tiles");
    for (size_t i = 0; i < tiles->u.arr.n; i++) {
        size_t o2 = wm_db_index(b, i);
        if (!tile(b, tiles->u.arr.items[i], &t[i]))
            return false;
        wm_db_back(b, o2);
    }
    wm_db_back(b, old);
    out->u.tiles.tiles = t;
    out->u.tiles.n_tiles = tiles->u.arr.n;
    return true;
}

/* Each kind's data builder, by kind (charts.def). */
static bool (*const DATA[WM_CHART_KIND_COUNT])(wm_doc_builder *, const wm_value *, wm_chart *) = {
#define WM_CHART_KIND(id, name, data, table) [WM_CHART_##id] = data,
#include "charts.def"
#undef WM_CHART_KIND
};

bool wm_db_chart(wm_doc_builder *b, const wm_value *v, wm_chart *out)
{
    const char *kind = wm_vobj_str(v, "kind");
    int k = 0;
    while (kind && k < WM_CHART_KIND_COUNT && strcmp(kind, wm_chart_kind_names[k]) != 0)
        k++;
    if (!kind || k == WM_CHART_KIND_COUNT) {
        char all[200] = ""; /* "bar, stacked_bar, ... or radar" */
        for (int i = 0; i < WM_CHART_KIND_COUNT; i++) {
            size_t len = strlen(all);
            snprintf(all + len, sizeof all - len, "%s%s",
                     i == 0                         ? ""
                     : i + 1 == WM_CHART_KIND_COUNT ? " or "
                                                    : ", ",
                     wm_chart_kind_names[i]);
        }
        return wm_db_bad(b, "a chart's kind is %s", all);
    }
    out->kind = (wm_chart_kind)k;
    const char *title = wm_vobj_str(v, "title");
    out->title = title ? wm_db_copy(b, title) : NULL;
    const wm_value *d = wm_db_field(v, "data");
    if (!d || d->kind != WM_VOBJ)
        return wm_db_bad(b, "a chart needs its data table");
    size_t old = wm_db_key(b, "data");
    if (!DATA[k](b, d, out))
        return false;
    wm_db_back(b, old);
    return true;
}
