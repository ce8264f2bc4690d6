/*
 * chart_table.c - a chart's data as a table block (see doc.h), for the
 * outputs that show a chart as text and for readers who cannot see the
 * picture.  One row per category, axis, Gantt row or heat-map cell; values
 * formatted by the display rules (core/base/display.h), as the chart's own
 * labels are.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../base/display.h"
#include "doc.h"

/* A cell holding plain text (copied into the arena). */
static wm_text cell(wm_arena *a, const char *s)
{
    wm_run *r = WM_ARENA_NEW(a, wm_run, 1);
    r->text = wm_arena_strdup(a, s ? s : "");
    return (wm_text){r, 1};
}

static wm_column column(wm_arena *a, const char *title, wm_align align)
{
    return (wm_column){cell(a, title), align, 0};
}

/* A chart value as its format shows it. */
static void value_text(double v, wm_format f, const wm_currency *cur, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return;
    }
    char num[96];
    bool whole = fabs(v - round(v)) < 1e-9;
    switch (f) {
    case WM_FORMAT_MONEY:
        wm_format_money(buf, size, v, cur);
        return;
    case WM_FORMAT_PERCENT:
        wm_format_grouped(num, sizeof num, v, whole ? 0 : 1, NULL);
        snprintf(buf, size, "%s%s%%", v < 0 ? "-" : "", num);
        return;
    case WM_FORMAT_DAYS:
        wm_format_grouped(num, sizeof num, v, 1, NULL);
        snprintf(buf, size, "%s%s", v < 0 ? "-" : "", num);
        return;
    case WM_FORMAT_NUMBER:
        break;
    }
    /* At most two decimals, without trailing zeros: 1.5, 2, 0.25. */
    wm_format_grouped(num, sizeof num, v, whole ? 0 : 2, NULL);
    size_t n = strlen(num);
    while (!whole && n > 0 && num[n - 1] == '0')
        num[--n] = '\0';
    snprintf(buf, size, "%s%s", v < 0 ? "-" : "", num);
}

static void series_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out)
{
    const wm_series_chart *sc = &c->u.series;
    size_t nc = sc->n_series + 1;
    wm_column *cols = WM_ARENA_NEW(a, wm_column, nc);
    cols[0] = column(a, c->kind == WM_CHART_RADAR ? "Axis" : "Category", WM_ALIGN_LEFT);
    for (size_t s = 0; s < sc->n_series; s++)
        cols[s + 1] = column(a, sc->series[s].name, WM_ALIGN_RIGHT);
    wm_text *cells = WM_ARENA_NEW(a, wm_text, sc->n_categories * nc + 1);
    char buf[160];
    for (size_t i = 0; i < sc->n_categories; i++) {
        cells[i * nc] = cell(a, sc->categories[i]);
        for (size_t s = 0; s < sc->n_series; s++) {
            value_text(sc->series[s].values[i], sc->format, cur, buf, sizeof buf);
            cells[i * nc + s + 1] = cell(a, buf);
        }
    }
    out->u.table.columns = cols;
    out->u.table.n_columns = nc;
    out->u.table.cells = cells;
    out->u.table.n_rows = sc->n_categories;
}

static const char *const TIER_NAMES[] = {
    [WM_TIER_MUST] = "Must",  [WM_TIER_SHOULD] = "Should", [WM_TIER_COULD] = "Could",
    [WM_TIER_WONT] = "Won't", [WM_TIER_NONE] = "",
};

/* Column q of a Gantt chart as readers see it: "Q3 2027", or its name. */
static const char *quarter_text(const wm_gantt_chart *g, long q, char *buf, size_t size)
{
    if (q < 0)
        return "";
    if (g->parsed[q] == WM_NO_QUARTER)
        return g->quarters[q];
    return wm_quarter_label(g->parsed[q], buf, size);
}

static void gantt_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out)
{
    (void)cur;
    const wm_gantt_chart *g = &c->u.gantt;
    /* A sixth column, the baseline's span, when some row has one. */
    bool was = false;
    for (size_t i = 0; i < g->n_rows && !was; i++)
        was = g->rows[i].was_start >= 0;
    size_t NC = was ? 6 : 5;
    wm_column *cols = WM_ARENA_NEW(a, wm_column, NC);
    cols[0] = column(a, "Row", WM_ALIGN_LEFT);
    cols[1] = column(a, "Tier", WM_ALIGN_LEFT);
    cols[2] = column(a, "Start", WM_ALIGN_LEFT);
    cols[3] = column(a, "End", WM_ALIGN_LEFT);
    cols[4] = column(a, "Waits for", WM_ALIGN_LEFT);
    if (was)
        cols[5] = column(a, "Baseline", WM_ALIGN_LEFT);
    wm_text *cells = WM_ARENA_NEW(a, wm_text, g->n_rows * NC + 1);
    char buf[32];
    for (size_t i = 0; i < g->n_rows; i++) {
        const wm_gantt_row *r = &g->rows[i];
        wm_text *row = &cells[i * NC];
        row[0] = cell(a, r->label);
        row[1] = cell(a, TIER_NAMES[r->tier]);
        row[2] =
            cell(a, r->start >= 0 ? quarter_text(g, r->start, buf, sizeof buf) : "Not scheduled");
        row[3] = cell(a, quarter_text(g, r->end, buf, sizeof buf));
        wm_buf deps;
        wm_buf_init(&deps);
        for (size_t k = 0; k < r->n_deps; k++) {
            const wm_gantt_row *d = &g->rows[r->deps[k]];
            wm_buf_printf(&deps, "%s%s", k ? ", " : "", d->id ? d->id : d->label);
        }
        row[4] = cell(a, deps.data);
        wm_buf_free(&deps);
        if (was) {
            char b2[32];
            wm_buf span;
            wm_buf_init(&span);
            if (r->was_start >= 0)
                wm_buf_printf(&span, "%s to %s", quarter_text(g, r->was_start, buf, sizeof buf),
                              quarter_text(g, r->was_end, b2, sizeof b2));
            row[5] = cell(a, span.data);
            wm_buf_free(&span);
        }
    }
    out->u.table.columns = cols;
    out->u.table.n_columns = NC;
    out->u.table.cells = cells;
    out->u.table.n_rows = g->n_rows;
}

static void heatmap_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out)
{
    (void)cur;
    const wm_heatmap_chart *h = &c->u.heatmap;
    enum { NC = 3 };
    wm_column *cols = WM_ARENA_NEW(a, wm_column, NC);
    cols[0] = column(a, "Likelihood", WM_ALIGN_RIGHT);
    cols[1] = column(a, "Impact", WM_ALIGN_RIGHT);
    cols[2] = column(a, "In this cell", WM_ALIGN_LEFT);
    wm_text *cells = WM_ARENA_NEW(a, wm_text, h->n_cells * NC + 1);
    char buf[8];
    for (size_t i = 0; i < h->n_cells; i++) {
        snprintf(buf, sizeof buf, "%d", h->cells[i].likelihood);
        cells[i * NC] = cell(a, buf);
        snprintf(buf, sizeof buf, "%d", h->cells[i].impact);
        cells[i * NC + 1] = cell(a, buf);
        cells[i * NC + 2] = cell(a, h->cells[i].label);
    }
    out->u.table.columns = cols;
    out->u.table.n_columns = NC;
    out->u.table.cells = cells;
    out->u.table.n_rows = h->n_cells;
}

/* Tiles as rows: the figure's label, its value and its note. */
static void tiles_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out)
{
    (void)cur;
    const wm_tiles_chart *t = &c->u.tiles;
    enum { NC = 3 };
    wm_column *cols = WM_ARENA_NEW(a, wm_column, NC);
    cols[0] = column(a, "Figure", WM_ALIGN_LEFT);
    cols[1] = column(a, "Value", WM_ALIGN_RIGHT);
    cols[2] = column(a, "Note", WM_ALIGN_LEFT);
    wm_text *cells = WM_ARENA_NEW(a, wm_text, t->n_tiles * NC + 1);
    for (size_t i = 0; i < t->n_tiles; i++) {
        cells[i * NC] = cell(a, t->tiles[i].label);
        cells[i * NC + 1] = cell(a, t->tiles[i].value);
        cells[i * NC + 2] = cell(a, t->tiles[i].note);
    }
    out->u.table.columns = cols;
    out->u.table.n_columns = NC;
    out->u.table.cells = cells;
    out->u.table.n_rows = t->n_tiles;
}

static void (*const TABLE[WM_CHART_KIND_COUNT])(const wm_chart *, const wm_currency *, wm_arena *,
                                                wm_block *) = {
#define WM_CHART_KIND(id, name, data, table) [WM_CHART_##id] = table,
#include "charts.def"
#undef WM_CHART_KIND
};

void wm_chart_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out)
{
    memset(out, 0, sizeof *out);
    out->kind = WM_BLOCK_TABLE;
    TABLE[c->kind](c, cur, a, out);
}
