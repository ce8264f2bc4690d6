/*
 * chart.h - vector charts as display-list operations: bar and stacked bar,
 * Gantt over quarters, the 5 x 5 risk heat map and the maturity radar.
 *
 * The data shapes (checked by doc.c before a chart gets here; documented in
 * docs/charts.md):
 *
 *   bar, stacked_bar  { categories = {text...}, series = {{name, values}...},
 *                       format? = "number" | "money" | "percent" | "days" }
 *   radar             { axes = {text...}, series = {{name, values}...}, max? = 5 }
 *   gantt             { quarters = {"2027-Q1"...},
 *                       rows = {{label, id?, start?, end?, tier?, deps? = {id...},
 *                                due?}...},
 *                       markers? = {{quarter, label}...} }
 *   heatmap           { cells = {{likelihood = 1..5, impact = 1..5, label?}...} }
 *
 * Every chart but the Gantt has a fixed height for its width and is drawn
 * in one piece.  A Gantt chart may have hundreds of rows: the layout engine
 * prepares it, then draws as many rows as fit on each page, each piece with
 * the quarter axis (and the deadline markers) repeated above it and the
 * legend below it.
 *
 * Coordinates: (x, top) is the top-left corner of the chart's box in page
 * coordinates (y upwards), `width` its width.  Nothing is drawn outside
 * [x, x + width] x [top - height, top].
 *
 * Ownership: a wm_gantt borrows the block it was prepared from and the
 * style; wm_gantt_free releases it.
 */
#ifndef WM_LAYOUT_CHART_H
#define WM_LAYOUT_CHART_H

#include "../document/doc.h"
#include "pen.h"

/* Height of a bar, stacked_bar, radar or heatmap chart at this width,
 * title and legend included. */
double wm_chart_height(const wm_style *st, const wm_block *chart, double width);

/* Draw a bar, stacked_bar, radar or heatmap chart. */
void wm_chart_draw(wm_dlist *dl, size_t page, const wm_style *st, const wm_block *chart, double x,
                   double top, double width);

typedef struct wm_gantt wm_gantt;

wm_gantt *wm_gantt_prepare(const wm_style *st, const wm_block *chart, double width);
void wm_gantt_free(wm_gantt *g);

size_t wm_gantt_rows(const wm_gantt *g);
/* Height of the title, marker labels and quarter axis drawn above every
 * piece. */
double wm_gantt_head_height(const wm_gantt *g);
/* Height of rows [from, to): a row is taller when its label takes more
 * than one line. */
double wm_gantt_rows_height(const wm_gantt *g, size_t from, size_t to);
/* Height of the legend drawn below every piece. */
double wm_gantt_foot_height(const wm_gantt *g);

/* Draw rows [from, to) with the axis above them and the legend below; the
 * piece is head + rows_height(from, to) + foot high.  Dependency marks
 * between rows in the same piece are drawn as connectors; a dependency on a
 * row in another piece as an arrowhead at the bar's start and the source's
 * id beside the bar ("from I3"). */
void wm_gantt_draw(wm_dlist *dl, size_t page, const wm_gantt *g, size_t from, size_t to, double x,
                   double top);

#endif /* WM_LAYOUT_CHART_H */
