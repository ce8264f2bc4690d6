/*
 * chart.c - vector charts as display-list operations (see chart.h): bar and
 * stacked bar, the maturity radar, the 5 x 5 risk heat map, and the Gantt
 * chart over quarters that the layout engine draws in pieces.
 *
 * The look, shared by every kind:
 *   - colours from the brand: series in primary, secondary, accent (each
 *     kept unless too close to one before it), then new hues, every series
 *     apart from the ones before it in hue and in grey (ten before they
 *     repeat); gridlines a light tint of muted; axis labels muted; other
 *     text in the text colour; no transparency anywhere (light tints
 *     instead, drawn under the grid); the Gantt chart's late mark a fixed
 *     dark red;
 *   - the regular face at 6.5-7.5 pt for labels, bold at 10 pt for a title;
 *   - every label is fitted (ellipsis) to the room it has, a label with no
 *     room for even an ellipsis is left out, so nothing leaves the box
 *     [x, x + width] x [top - height, top]; the Gantt chart makes room
 *     instead (a wider label column, two or three lines to a row, rows of
 *     marker labels), so its labels are whole.
 *
 * Heights depend on the width and the data only: wm_chart_height runs the
 * same layout functions as the drawing, with a canvas that only measures.
 *
 * The Gantt chart is prepared once: quarter names parsed, the label column
 * and the axis form chosen for the width, labels broken into lines and the
 * rows' heights summed, dependencies resolved from ids to row indices
 * (sorted index, binary search) and each source given a connector lane,
 * marker labels placed in rows.  Drawing a piece then walks only its own
 * rows and their dependencies.
 */
#include "chart.h"

#include "../base/display.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"
#define PI       3.14159265358979323846

/* Sizes in points. */
#define TITLE_SIZE 10.0
#define TITLE_H    18.0 /* the title line and the gap below it */
#define LABEL_SIZE 7.5
#define AXIS_SIZE  7.0
#define SMALL_SIZE 6.5
#define LINE_H     8.6 /* between baselines of two-line labels */
#define LEGEND_GAP 7.0
#define LEGEND_ROW 12.0
#define SWATCH     7.0
#define RADAR_TINT 0.78 /* a radar's first series area: its colour mixed with white */

static const wm_rgb WHITE = {255, 255, 255};

/* ---- palette and canvas ---- */

enum { N_SERIES_COLOURS = 10 };

typedef struct {
    wm_rgb series[N_SERIES_COLOURS];
    wm_rgb text;  /* content text */
    wm_rgb label; /* axis labels */
    wm_rgb grid;  /* gridlines */
    wm_rgb axis;  /* the zero line, outer ring, year separators */
    wm_rgb shade; /* alternate rows */
    wm_rgb ink;   /* connectors, markers */
} palette;

#define LUMA_APART 0.1  /* series lightness at least this far apart (when it can be) */
#define HUE_APART  28.0 /* series hues at least this far apart, in degrees */
#define GEN_SAT    0.6  /* the saturation of the colours the palette adds */

/* Lightness as a greyscale print shows it (Rec. 601 luma), 0 to 1. */
static double luma(wm_rgb c)
{
    return (0.299 * c.r + 0.587 * c.g + 0.114 * c.b) / 255.0;
}

/* Hue in degrees and saturation (HSL), 0 to 1. */
static void hue_sat(wm_rgb c, double *hue, double *sat)
{
    double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
    double hi = fmax(r, fmax(g, b)), lo = fmin(r, fmin(g, b)), d = hi - lo, l = (hi + lo) / 2;
    *sat = d < 1e-9 ? 0 : d / (1 - fabs(2 * l - 1));
    double h = d < 1e-9  ? 0
               : hi == r ? fmod((g - b) / d, 6)
               : hi == g ? (b - r) / d + 2
                         : (r - g) / d + 4;
    *hue = fmod(h * 60 + 360, 360);
}

static wm_rgb from_hsl(double hue, double sat, double l)
{
    double c = (1 - fabs(2 * l - 1)) * sat, h = hue / 60, x = c * (1 - fabs(fmod(h, 2) - 1));
    double r = 0, g = 0, b = 0;
    int k = (int)h % 6;
    r = k == 0 || k == 5 ? c : k == 1 || k == 4 ? x : 0;
    g = k == 1 || k == 2 ? c : k == 0 || k == 3 ? x : 0;
    b = k == 3 || k == 4 ? c : k == 2 || k == 5 ? x : 0;
    double m = l - c / 2;
    return (wm_rgb){(uint8_t)lround(255 * fmin(1, fmax(0, r + m))),
                    (uint8_t)lround(255 * fmin(1, fmax(0, g + m))),
                    (uint8_t)lround(255 * fmin(1, fmax(0, b + m)))};
}

/* The colour of this hue and saturation whose luma is `target`. */
static wm_rgb with_luma(double hue, double sat, double target)
{
    double lo = 0, hi = 1;
    for (int i = 0; i < 30; i++) {
        double mid = (lo + hi) / 2;
        if (luma(from_hsl(hue, sat, mid)) < target)
            lo = mid;
        else
            hi = mid;
    }
    return from_hsl(hue, sat, (lo + hi) / 2);
}

static double hue_gap(double a, double b)
{
    double d = fabs(a - b);
    return fmin(d, 360 - d);
}

/* The lightness in 0.10 .. 0.82 farthest from those used. */
static double free_luma(const double *used, size_t n)
{
    double best = 0.5, best_gap = -1;
    for (int k = 0; k <= 72; k++) {
        double l = 0.10 + 0.01 * k, gap = 2;
        for (size_t i = 0; i < n; i++)
            gap = fmin(gap, fabs(l - used[i]));
        if (gap > best_gap + 1e-9)
            best = l, best_gap = gap;
    }
    return best;
}

/* Series colours: the brand's primary, secondary and accent, each kept
 * unless its lightness or hue is too close to one before it (then it gets
 * a free lightness, or a new hue); then colours of new hues (each the
 * farthest from those used) at the lightness farthest from those used, so
 * that series differ in hue and in grey. */
static void series_colours(const wm_style *st, wm_rgb *out)
{
    const wm_rgb brand[3] = {st->primary, st->secondary, st->accent};
    double hues[N_SERIES_COLOURS], lumas[N_SERIES_COLOURS];
    double base = 0;
    for (size_t i = 0; i < N_SERIES_COLOURS; i++) {
        double h = 0, s = 0;
        bool keep = i < 3;
        if (i < 3) {
            hue_sat(brand[i], &h, &s);
            if (i == 0)
                base = h;
        }
        bool grey = i < 3 && s < 0.12;
        for (size_t j = 0; j < i && keep; j++)
            keep = fabs(luma(brand[i]) - lumas[j]) >= LUMA_APART &&
                   (grey || hue_gap(h, hues[j]) >= HUE_APART);
        if (keep) {
            out[i] = brand[i];
            hues[i] = grey ? -1000 : h;
            lumas[i] = luma(brand[i]);
            continue;
        }
        bool hue_ok = i < 3 && !grey;
        for (size_t j = 0; j < i && hue_ok; j++)
            hue_ok = hue_gap(h, hues[j]) >= HUE_APART;
        if (!hue_ok) { /* the hue farthest from those used */
            s = GEN_SAT;
            double best_gap = -1;
            for (int k = 0; k < 72; k++) {
                double cand = fmod(base + 5.0 * k, 360), gap = 360;
                for (size_t j = 0; j < i; j++)
                    gap = hues[j] < -999 ? gap : fmin(gap, hue_gap(cand, hues[j]));
                if (gap > best_gap + 1e-9)
                    h = cand, best_gap = gap;
            }
        }
        lumas[i] = free_luma(lumas, i);
        out[i] = with_luma(h, fmax(s, 0.35), lumas[i]);
        hues[i] = h;
        lumas[i] = luma(out[i]);
    }
}

static palette palette_of(const wm_style *st)
{
    palette p;
    series_colours(st, p.series);
    p.text = st->text;
    p.label = st->muted;
    p.grid = wm_rgb_mix(st->muted, WHITE, 0.75);
    p.axis = wm_rgb_mix(st->muted, WHITE, 0.4);
    p.shade = wm_rgb_mix(st->muted, WHITE, 0.93);
    p.ink = wm_rgb_mix(st->text, WHITE, 0.25);
    return p;
}

static wm_rgb series_colour(const palette *p, size_t i)
{
    return p->series[i % N_SERIES_COLOURS];
}

/* Where a chart draws; `dl` is NULL when only measuring. */
typedef struct {
    wm_dlist *dl;
    size_t page;
    const wm_style *st;
    palette pal;
    double x0, x1; /* the box's left and right edges */
} canvas;

static canvas canvas_of(wm_dlist *dl, size_t page, const wm_style *st, double x, double width)
{
    canvas c = {dl, page, st, palette_of(st), x, x + width};
    return c;
}

static void rect(const canvas *c, double x, double y, double w, double h, wm_rgb fill)
{
    if (c->dl && w > 0.005 && h > 0.005)
        wm_dl_rect(c->dl, c->page, x, y, w, h, &fill, NULL, 0);
}

static void line(const canvas *c, double x1, double y1, double x2, double y2, wm_rgb colour,
                 double lw, unsigned dash)
{
    if (c->dl)
        wm_dl_line(c->dl, c->page, x1, y1, x2, y2, colour, lw, dash);
}

/* A filled triangle pointing right with its tip at (x, y). */
static void arrowhead(const canvas *c, double x, double y, double len, wm_rgb colour)
{
    wm_point pts[3] = {{x, y}, {x - len, y + len * 0.6}, {x - len, y - len * 0.6}};
    if (c->dl)
        wm_dl_poly(c->dl, c->page, pts, 3, true, &colour, NULL, 0);
}

/* ---- text ---- */

static double text_width(const wm_style *st, wm_face_slot face, double size, const char *s)
{
    return wm_pen_width(st, face, size, s, strlen(s));
}

/* Draw s anchored at ax (its start, centre or end) on baseline y, fitted
 * into [lo, hi]; nothing when not even an ellipsis fits.  Returns the width
 * drawn. */
static double text_in(const canvas *c, wm_face_slot face, double size, wm_rgb colour, double ax,
                      double y, wm_pen_align align, const char *s, double lo, double hi)
{
    double room = align == WM_PEN_LEFT    ? hi - ax
                  : align == WM_PEN_RIGHT ? ax - lo
                                          : 2 * fmin(ax - lo, hi - ax);
    room -= 0.02; /* coordinates are rounded to 1/100 pt */
    if (!c->dl || !s || !*s || room < text_width(c->st, face, size, ELLIPSIS))
        return 0;
    return wm_pen_text_at(c->dl, c->page, c->st, face, size, colour, ax, y, align, s, room);
}

/* Draw s on one line, or on two (broken at a word) when it is wider than
 * the room and `two` allows; the second line is fitted.  `y` is the baseline
 * of a single line; two lines are centred on it. */
static void text_lines(const canvas *c, double size, wm_rgb colour, double ax, double y,
                       wm_pen_align align, const char *s, double lo, double hi, bool two)
{
    double room = align == WM_PEN_LEFT    ? hi - ax
                  : align == WM_PEN_RIGHT ? ax - lo
                                          : 2 * fmin(ax - lo, hi - ax);
    size_t len = strlen(s);
    wm_line *lines = NULL;
    size_t n = 0;
    if (two && room > 0 && text_width(c->st, WM_FACE_REGULAR, size, s) > room)
        n = wm_break_lines(c->st->faces[WM_FACE_REGULAR], &c->st->faces[WM_FACE_FALLBACK],
                           WM_FALLBACK_MAX, s, len, size, room - 0.02, &lines);
    if (n < 2) {
        text_in(c, WM_FACE_REGULAR, size, colour, ax, y, align, s, lo, hi);
    } else {
        char *first = wm_xstrndup(s + lines[0].start, lines[0].len);
        text_in(c, WM_FACE_REGULAR, size, colour, ax, y + LINE_H / 2, align, first, lo, hi);
        text_in(c, WM_FACE_REGULAR, size, colour, ax, y - LINE_H / 2, align, s + lines[1].start, lo,
                hi);
        free(first);
    }
    free(lines);
}

static bool has_title(const wm_block *chart)
{
    return chart->u.chart.title && chart->u.chart.title[0];
}

static double title_height(const wm_block *chart)
{
    return has_title(chart) ? TITLE_H : 0;
}

static void draw_title(const canvas *c, const char *title, double top)
{
    text_in(c, WM_FACE_BOLD, TITLE_SIZE, c->pal.text, c->x0, top - 9.0, WM_PEN_LEFT, title, c->x0,
            c->x1);
}

/* ---- legend ---- */

typedef enum { SW_BOX, SW_OUTLINED, SW_DASHED, SW_ARROW, SW_LATE, SW_GHOST } swatch_kind;

typedef struct {
    const char *name;
    wm_rgb colour;
    swatch_kind kind;
} legend_item;

static double swatch_width(swatch_kind k)
{
    return k == SW_BOX || k == SW_OUTLINED || k == SW_LATE ? SWATCH : k == SW_GHOST ? 16.0 : 13.0;
}

/* The swatch's left edge at x; `mid` is the middle of the label's
 * lower-case letters. */
static void draw_swatch(const canvas *c, const legend_item *it, double x, double mid)
{
    if (!c->dl)
        return;
    double w = swatch_width(it->kind);
    switch (it->kind) {
    case SW_BOX:
        rect(c, x, mid - SWATCH / 2, SWATCH, SWATCH, it->colour);
        break;
    case SW_OUTLINED: {
        wm_rgb tint = wm_rgb_mix(it->colour, WHITE, RADAR_TINT);
        wm_dl_rect(c->dl, c->page, x + 0.5, mid - SWATCH / 2 + 0.5, SWATCH - 1, SWATCH - 1, &tint,
                   &it->colour, 1.0);
        break;
    }
    case SW_DASHED:
        line(c, x, mid, x + w, mid, it->colour, 1.0, 2);
        break;
    case SW_ARROW:
        line(c, x, mid, x + w - 3, mid, it->colour, 0.6, 0);
        arrowhead(c, x + w, mid, 3.5, it->colour);
        break;
    case SW_GHOST:
        wm_dl_rect(c->dl, c->page, x + 0.4, mid - SWATCH / 2 - 0.6, w - 0.8, SWATCH + 1.2, NULL,
                   &it->colour, 0.8);
        break;
    case SW_LATE: {
        wm_point pts[4] = {{x + SWATCH / 2, mid + 3.2},
                           {x + SWATCH / 2 + 3.2, mid},
                           {x + SWATCH / 2, mid - 3.2},
                           {x + SWATCH / 2 - 3.2, mid}};
        wm_dl_poly(c->dl, c->page, pts, 4, true, &it->colour, NULL, 0);
        break;
    }
    }
}

/* Lay the items out in rows from `top` down, left to right, drawing them
 * when the canvas draws; returns the number of rows. */
static size_t legend(const canvas *c, const legend_item *items, size_t n, double top)
{
    if (n == 0)
        return 0;
    size_t rows = 1;
    double at = c->x0;
    for (size_t i = 0; i < n; i++) {
        double sw = swatch_width(items[i].kind);
        double need = sw + 3 + text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, items[i].name);
        if (at > c->x0 && at + need > c->x1) {
            rows++;
            at = c->x0;
        }
        double baseline = top - (double)(rows - 1) * LEGEND_ROW - 8.6;
        draw_swatch(c, &items[i], at, baseline + 2.8);
        text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.text, at + sw + 3, baseline, WM_PEN_LEFT,
                items[i].name, c->x0, c->x1);
        at += need + 12;
    }
    return rows;
}

static double legend_height(size_t rows)
{
    return rows ? LEGEND_GAP + (double)rows * LEGEND_ROW : 0;
}

/* ---- data access ---- */

/* A value as the chart draws it: finite, within +-1e15. */
static double clamp_value(double d)
{
    return isfinite(d) ? fmax(-1e15, fmin(1e15, d)) : 0;
}

/* bar, stacked_bar and radar data. */
typedef struct {
    const wm_series_chart *sc;
    size_t n_cats, n_series;
    wm_format format;
} series_data;

static series_data series_of(const wm_block *chart)
{
    const wm_series_chart *sc = &chart->u.chart.u.series;
    return (series_data){sc, sc->n_categories, sc->n_series, sc->format};
}

static double value_at(const series_data *sd, size_t s, size_t i)
{
    return clamp_value(sd->sc->series[s].values[i]);
}

static const char *series_name(const series_data *sd, size_t s)
{
    return sd->sc->series[s].name;
}

static const char *category(const series_data *sd, size_t i)
{
    return sd->sc->categories[i];
}

/* ---- numbers on axes ---- */

/* Decimals that show every multiple of `step` (1, 2 or 5 x 10^k). */
static int decimals_for(double step)
{
    if (!(step > 0) || step >= 1)
        return 0;
    int d = (int)ceil(-log10(step) - 1e-9);
    return d > 6 ? 6 : d;
}

/* v with `decimals` decimals, thousands grouped as the currency groups
 * them (else with commas). */
static void grouped(const wm_style *st, double v, int decimals, char *buf, size_t size)
{
    /* The number after a slot for its sign, which is kept or closed up. */
    wm_format_grouped(buf + 1, size - 1, v, decimals, st->currency);
    if (v < 0 && strpbrk(buf + 1, "123456789"))
        buf[0] = '-';
    else
        memmove(buf, buf + 1, strlen(buf + 1) + 1);
}

/* A value as an axis shows it, when its ticks are `step` apart. */
static const char *format_value(const wm_style *st, wm_format f, double v, double step, char *buf,
                                size_t size)
{
    char num[40]; /* with its suffix, fits the callers' 48-byte buffers */
    switch (f) {
    case WM_FORMAT_MONEY:
        return wm_pen_money(st, v, true, buf, size);
    case WM_FORMAT_PERCENT:
        grouped(st, v * 100, decimals_for(step * 100), num, sizeof num);
        snprintf(buf, size, "%s%%", num);
        return buf;
    case WM_FORMAT_DAYS:
        grouped(st, v, decimals_for(step), num, sizeof num);
        snprintf(buf, size, "%s d", num);
        return buf;
    case WM_FORMAT_NUMBER:
        break;
    }
    grouped(st, v, decimals_for(step), buf, size);
    return buf;
}

/* A value axis: ticks lo, lo + step, ... hi (n intervals). */
typedef struct {
    double lo, hi, step;
    int n;
} scale;

/* The "nice" axis over [min(lo, 0), max(hi, 0)]: the smallest 1-2-5 step
 * of at least `min_step` that needs at most 5 intervals, so 3 to 5 of them
 * (4 to 6 ticks) unless min_step forces fewer.  An empty range becomes
 * [0, empty_hi]. */
static scale nice_scale(double lo, double hi, double min_step, double empty_hi)
{
    lo = fmin(lo, 0);
    hi = fmax(hi, 0);
    if (!(hi - lo > 0))
        hi = empty_hi;
    double base = pow(10, floor(log10((hi - lo) / 5)));
    static const double MULT[] = {1, 2, 5};
    for (int k = 0; k < 60; k++) {
        double step = base * MULT[k % 3] * pow(10, k / 3);
        if (step < min_step)
            continue;
        double up = ceil(hi / step - 1e-9), down = ceil(-lo / step - 1e-9);
        if (up + down <= 5)
            return (scale){-down * step, up * step, step, (int)(up + down)};
    }
    return (scale){lo, hi, hi - lo, 1};
}

/* The smallest step that suits the values: whole units for money and days
 * (and for numbers when every value is whole), 0.1% for percentages. */
static double min_step_for(wm_format f, bool whole)
{
    if (f == WM_FORMAT_PERCENT)
        return 0.001;
    return f == WM_FORMAT_NUMBER && !whole ? 0 : 1;
}

/* ---- bar and stacked bar ---- */

#define BAR_TOP_PAD  5.0 /* above the top tick, for its label */
#define BAR_LABEL_H  13.0
#define BAR_LABEL2_H 21.0 /* two-line category labels */

static double bar_plot_h(double width)
{
    return fmax(70, fmin(0.5 * width, 260));
}

static scale bar_scale(const series_data *sd, bool stacked)
{
    double lo = 0, hi = 0;
    bool whole = true;
    for (size_t i = 0; i < sd->n_cats; i++) {
        double sum = 0;
        for (size_t s = 0; s < sd->n_series; s++) {
            double v = value_at(sd, s, i);
            whole = whole && v == floor(v);
            sum += fmax(v, 0);
            lo = stacked ? lo : fmin(lo, v);
            hi = stacked ? hi : fmax(hi, v);
        }
        hi = stacked ? fmax(hi, sum) : hi;
    }
    return nice_scale(lo, fmin(hi, 1e15), min_step_for(sd->format, whole),
                      sd->format == WM_FORMAT_PERCENT ? 1 : 5);
}

/* Every k-th category label is shown, so that labels do not collide. */
static size_t label_stride(const canvas *c, const series_data *sd, double band)
{
    double widest = 0;
    for (size_t i = 0; i < sd->n_cats; i++)
        widest = fmax(widest, text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, category(sd, i)));
    double need = fmin(widest + 6, 40);
    return band >= need ? 1 : (size_t)ceil(need / band);
}

/* Category labels take two lines when all are shown and one is too wide. */
static bool two_line_labels(const canvas *c, const series_data *sd, double band)
{
    if (label_stride(c, sd, band) > 1)
        return false;
    for (size_t i = 0; i < sd->n_cats; i++)
        if (text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, category(sd, i)) > band - 4)
            return true;
    return false;
}

/* The width of the tick label column, and the tick labels. */
static double tick_labels(const canvas *c, const series_data *sd, const scale *sc,
                          char labels[][48])
{
    double w = 0;
    for (int i = 0; i <= sc->n; i++) {
        format_value(c->st, sd->format, sc->lo + i * sc->step, sc->step, labels[i], 48);
        w = fmax(w, text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, labels[i]));
    }
    return fmin(w + 7, 0.3 * (c->x1 - c->x0));
}

/* Plot geometry shared by measuring and drawing. */
typedef struct {
    scale sc;
    char ticks[6][48];
    double px0, px1, py0, py1; /* the plot area */
    double band;
    bool two_lines;
} bar_plot;

static bar_plot bar_layout(const canvas *c, const series_data *sd, bool stacked, double top)
{
    bar_plot p;
    p.sc = bar_scale(sd, stacked);
    p.px0 = c->x0 + tick_labels(c, sd, &p.sc, p.ticks);
    p.px1 = c->x1;
    p.band = sd->n_cats ? (p.px1 - p.px0) / (double)sd->n_cats : p.px1 - p.px0;
    p.two_lines = two_line_labels(c, sd, p.band);
    p.py0 = top - bar_plot_h(c->x1 - c->x0) + (p.two_lines ? BAR_LABEL2_H : BAR_LABEL_H);
    p.py1 = top - BAR_TOP_PAD;
    return p;
}

static double bar_y(const bar_plot *p, double v)
{
    return p->py0 + (v - p->sc.lo) / (p->sc.hi - p->sc.lo) * (p->py1 - p->py0);
}

static void bar_grid(const canvas *c, const bar_plot *p)
{
    for (int i = 0; i <= p->sc.n; i++) {
        double y = bar_y(p, p->sc.lo + i * p->sc.step);
        line(c, p->px0, y, p->px1, y, c->pal.grid, 0.5, 0);
        text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.label, p->px0 - 6, y - 2.6, WM_PEN_RIGHT,
                p->ticks[i], c->x0, p->px0 - 6);
    }
}

static void bar_bars(const canvas *c, const series_data *sd, const bar_plot *p, bool stacked)
{
    size_t ns = sd->n_series ? sd->n_series : 1;
    for (size_t i = 0; i < sd->n_cats; i++) {
        double cx = p->px0 + ((double)i + 0.5) * p->band;
        if (stacked) {
            double bw = fmin(p->band * 0.62, 44), base = 0;
            for (size_t s = 0; s < sd->n_series; s++) {
                double v = fmax(value_at(sd, s, i), 0);
                double y0 = bar_y(p, base), y1 = bar_y(p, base + v);
                rect(c, cx - bw / 2, y0, bw, y1 - y0, series_colour(&c->pal, s));
                base += v;
            }
            continue;
        }
        double gw = fmin(p->band * 0.74, (double)ns * 22), bw = gw / (double)ns;
        double gap = ns > 1 ? fmin(1.2, bw * 0.2) : 0;
        for (size_t s = 0; s < sd->n_series; s++) {
            double y0 = bar_y(p, 0), y1 = bar_y(p, value_at(sd, s, i));
            rect(c, cx - gw / 2 + (double)s * bw + gap / 2, fmin(y0, y1), bw - gap, fabs(y1 - y0),
                 series_colour(&c->pal, s));
        }
    }
    double zero = bar_y(p, 0);
    line(c, p->px0, zero, p->px1, zero, c->pal.axis, 0.75, 0);
}

static void bar_categories(const canvas *c, const series_data *sd, const bar_plot *p)
{
    size_t k = label_stride(c, sd, p->band);
    double y = p->py0 - (p->two_lines ? 10.5 + LINE_H / 2 : 9.6);
    for (size_t i = 0; i < sd->n_cats; i += k) {
        const char *s = category(sd, i);
        double cx = p->px0 + ((double)i + 0.5) * p->band, half = p->band * (double)k / 2 - 1;
        double lo = fmax(c->x0, cx - half), hi = fmin(c->x1, cx + half);
        /* Thinned labels are shown whole or not at all. */
        if (k > 1 && text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, s) > 2 * fmin(cx - lo, hi - cx))
            continue;
        text_lines(c, LABEL_SIZE, c->pal.label, cx, y, WM_PEN_CENTRE, s, lo, hi, p->two_lines);
    }
}

/* The series legend (radar: the first series as a tinted area, the others
 * as dashed outlines); returns its rows. */
static size_t series_legend(const canvas *c, const series_data *sd, double top, bool radar)
{
    legend_item *items = wm_xcalloc(sd->n_series + 1, sizeof *items);
    for (size_t s = 0; s < sd->n_series; s++) {
        items[s].name = series_name(sd, s);
        items[s].colour = series_colour(&c->pal, s);
        items[s].kind = !radar ? SW_BOX : s == 0 ? SW_OUTLINED : SW_DASHED;
    }
    size_t rows = legend(c, items, sd->n_series, top);
    free(items);
    return rows;
}

static double bar_chart(const canvas *c, const wm_block *chart, double top)
{
    series_data sd = series_of(chart);
    bool stacked = chart->u.chart.kind == WM_CHART_STACKED_BAR;
    double t = top - title_height(chart);
    if (has_title(chart))
        draw_title(c, chart->u.chart.title, top);
    bar_plot p = bar_layout(c, &sd, stacked, t);
    if (c->dl) {
        bar_grid(c, &p);
        bar_bars(c, &sd, &p, stacked);
        bar_categories(c, &sd, &p);
    }
    t -= bar_plot_h(c->x1 - c->x0);
    size_t rows = sd.n_series > 1 ? series_legend(c, &sd, t - LEGEND_GAP, false) : 0;
    return top - t + legend_height(rows);
}

/* ---- radar ---- */

#define RADAR_PAD      (6.0 + 1.4 * LABEL_SIZE) /* above and below the rings */
#define HBAR_H         8.0                      /* the radar's fallback: bars */
#define HBAR_GAP       2.0
#define HBAR_GROUP_GAP 8.0
#define HBAR_TICKS_H   12.0

static double radar_max(const wm_block *chart)
{
    double m = chart->u.chart.u.series.max;
    return m > 0 && isfinite(m) ? fmin(m, 1e15) : 5;
}

static double radar_r(double width)
{
    return fmax(24, fmin(0.27 * width, 105));
}

/* The ring values: 1..max for a small whole max, else nice steps and max. */
static size_t ring_values(double max, double out[12])
{
    size_t n = 0;
    if (max <= 10 && max == floor(max)) {
        for (double v = 1; v <= max; v++)
            out[n++] = v;
        return n;
    }
    scale sc = nice_scale(0, max, 0, 1);
    for (int i = 1; i <= sc.n && n < 11; i++)
        if (i * sc.step < max * (1 - 1e-9))
            out[n++] = i * sc.step;
    out[n++] = max;
    return n;
}

typedef struct {
    double cx, cy, r, max;
    size_t n; /* axes */
} radar_geom;

static wm_point radar_point(const radar_geom *g, size_t axis, double v)
{
    double a = 2 * PI * (double)axis / (double)g->n;
    double d = g->r * fmax(0, fmin(v, g->max)) / g->max;
    return (wm_point){g->cx + d * sin(a), g->cy + d * cos(a)};
}

static wm_point *radar_polygon(const radar_geom *g, const series_data *sd, size_t s)
{
    wm_point *pts = wm_xmalloc(g->n * sizeof *pts);
    for (size_t i = 0; i < g->n; i++)
        pts[i] = radar_point(g, i, value_at(sd, s, i));
    return pts;
}

static void radar_grid(const canvas *c, const radar_geom *g)
{
    double rings[12];
    size_t n_rings = ring_values(g->max, rings);
    wm_point *pts = wm_xmalloc(g->n * sizeof *pts);
    for (size_t k = 0; k < n_rings; k++) {
        for (size_t i = 0; i < g->n; i++)
            pts[i] = radar_point(g, i, rings[k]);
        bool outer = k + 1 == n_rings;
        wm_rgb col = outer ? c->pal.axis : c->pal.grid;
        wm_dl_poly(c->dl, c->page, pts, g->n, true, NULL, &col, outer ? 0.6 : 0.5);
    }
    for (size_t i = 0; i < g->n; i++) {
        wm_point p = radar_point(g, i, g->max);
        line(c, g->cx, g->cy, p.x, p.y, c->pal.grid, 0.5, 0);
    }
    free(pts);
}

static void radar_series(const canvas *c, const radar_geom *g, const series_data *sd)
{
    for (size_t s = 0; s < sd->n_series; s++) {
        wm_rgb col = series_colour(&c->pal, s);
        wm_point *pts = radar_polygon(g, sd, s);
        if (s == 0) {
            wm_dl_poly(c->dl, c->page, pts, g->n, true, NULL, &col, 1.3);
        } else {
            for (size_t i = 0; i < g->n; i++) {
                wm_point a = pts[i], b = pts[(i + 1) % g->n];
                line(c, a.x, a.y, b.x, b.y, col, 1.3, 3);
            }
        }
        for (size_t i = 0; i < g->n; i++)
            rect(c, pts[i].x - 1.4, pts[i].y - 1.4, 2.8, 2.8, col);
        free(pts);
    }
}

/* Ring values left of the 12 o'clock spoke, centred on their rings, each on
 * a backdrop so that series lines crossing there do not hide it: white, or
 * the first series' tint where its area is sure to be under the label. */
static void radar_ring_labels(const canvas *c, const radar_geom *g, const series_data *sd)
{
    double rings[12];
    size_t n_rings = ring_values(g->max, rings);
    double step = n_rings > 1 ? rings[1] - rings[0] : rings[0], size = SMALL_SIZE - 0.5;
    char buf[48];
    for (size_t k = 0; k < n_rings; k++) {
        const char *s = format_value(c->st, sd->format, rings[k], step, buf, sizeof buf);
        double w = text_width(c->st, WM_FACE_REGULAR, size, s);
        double y = g->cy + g->r * rings[k] / g->max, right = g->cx - 2.5;
        if (right - w - 1 < c->x0)
            continue;
        bool inside =
            sd->n_series > 0 && rings[k] < fmin(value_at(sd, 0, 0), value_at(sd, 0, g->n - 1));
        rect(c, right - w - 1, y - 2.6, w + 2, 5.4,
             inside ? wm_rgb_mix(series_colour(&c->pal, 0), WHITE, RADAR_TINT) : WHITE);
        text_in(c, WM_FACE_REGULAR, size, c->pal.label, right, y - 2.0, WM_PEN_RIGHT, s, c->x0,
                right);
    }
}

/* Axis labels outside the spokes: left-aligned on the right side, right-
 * aligned on the left, centred at the top and bottom. */
static void radar_labels(const canvas *c, const radar_geom *g, const series_data *sd)
{
    for (size_t i = 0; i < g->n; i++) {
        double a = 2 * PI * (double)i / (double)g->n, sa = sin(a), ca = cos(a);
        double lx = g->cx + (g->r + 6) * sa, ly = g->cy + (g->r + 6) * ca;
        double y = ly - 0.35 * LABEL_SIZE + 0.55 * LABEL_SIZE * ca;
        const char *s = category(sd, i);
        if (fabs(sa) < 0.15)
            text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.text, lx, y, WM_PEN_CENTRE, s, c->x0,
                    c->x1);
        else
            text_lines(c, LABEL_SIZE, c->pal.text, lx, y, sa > 0 ? WM_PEN_LEFT : WM_PEN_RIGHT, s,
                       c->x0, c->x1, true);
    }
}

static double radar_plot(const canvas *c, const series_data *sd, double max, double top)
{
    double width = c->x1 - c->x0;
    radar_geom g = {c->x0 + width / 2, 0, radar_r(width), max, sd->n_cats};
    g.cy = top - RADAR_PAD - g.r;
    if (c->dl) {
        if (sd->n_series > 0) { /* the first series' area, under the grid */
            wm_point *pts = radar_polygon(&g, sd, 0);
            wm_rgb tint = wm_rgb_mix(series_colour(&c->pal, 0), WHITE, RADAR_TINT);
            wm_dl_poly(c->dl, c->page, pts, g.n, true, &tint, NULL, 0);
            free(pts);
        }
        radar_grid(c, &g);
        radar_series(c, &g, sd);
        radar_ring_labels(c, &g, sd);
        radar_labels(c, &g, sd);
    }
    return 2 * (g.r + RADAR_PAD);
}

/* Fewer than 3 axes: one group of horizontal bars per axis, 0..max. */
static double radar_bars(const canvas *c, const series_data *sd, double max, double top)
{
    double width = c->x1 - c->x0, group = (double)sd->n_series * (HBAR_H + HBAR_GAP);
    double h = (double)sd->n_cats * (group + HBAR_GROUP_GAP) + HBAR_TICKS_H;
    if (!c->dl)
        return h;
    double rings[12];
    size_t n = ring_values(max, rings);
    char last[48], buf[48];
    double step = n > 1 ? rings[1] - rings[0] : rings[0];
    format_value(c->st, sd->format, max, step, last, sizeof last);
    double px0 = c->x0 + 0.3 * width;
    double px1 = c->x1 - text_width(c->st, WM_FACE_REGULAR, AXIS_SIZE, last) / 2 - 1;
    double bottom = top - h + HBAR_TICKS_H;
    for (size_t k = 0; k <= n; k++) {
        double v = k ? rings[k - 1] : 0, x = px0 + (px1 - px0) * v / max;
        line(c, x, bottom, x, top, k ? c->pal.grid : c->pal.axis, k ? 0.5 : 0.75, 0);
        text_in(c, WM_FACE_REGULAR, AXIS_SIZE, c->pal.label, x, bottom - 8.5, WM_PEN_CENTRE,
                format_value(c->st, sd->format, v, step, buf, sizeof buf), c->x0, c->x1);
    }
    for (size_t i = 0; i < sd->n_cats; i++) {
        double gt = top - (double)i * (group + HBAR_GROUP_GAP) - HBAR_GROUP_GAP / 2;
        text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.text, c->x0, gt - group / 2 - 2.2,
                WM_PEN_LEFT, category(sd, i), c->x0, px0 - 6);
        for (size_t s = 0; s < sd->n_series; s++) {
            double v = fmax(0, fmin(value_at(sd, s, i), max));
            double y = gt - (double)s * (HBAR_H + HBAR_GAP) - HBAR_H;
            rect(c, px0, y, (px1 - px0) * v / max, HBAR_H, series_colour(&c->pal, s));
        }
    }
    return h;
}

static double radar_chart(const canvas *c, const wm_block *chart, double top)
{
    series_data sd = series_of(chart);
    double max = radar_max(chart), t = top - title_height(chart);
    if (has_title(chart))
        draw_title(c, chart->u.chart.title, top);
    t -= sd.n_cats >= 3 ? radar_plot(c, &sd, max, t) : radar_bars(c, &sd, max, t);
    size_t rows = series_legend(c, &sd, t - LEGEND_GAP, sd.n_cats >= 3);
    return top - t + legend_height(rows);
}

/* ---- heat map ---- */

#define HM_TICKS_H   11.0
#define HM_AXIS_H    12.0
#define HM_CELL_SIZE 7.0
#define HM_LINES_MAX 4

typedef enum { BAND_LOW, BAND_MEDIUM, BAND_HIGH, BAND_CRITICAL } risk_band;

/* Muted tints that print well: green, amber, orange, red. */
static const wm_rgb BAND_COLOURS[4] = {
    {0xD5, 0xEB, 0xD8}, {0xFB, 0xEA, 0xB5}, {0xF7, 0xCB, 0xA1}, {0xEE, 0xA5, 0x9D}};
static const char *const BAND_NAMES[4] = {"Low (1\xE2\x80\x93"
                                          "4)",
                                          "Medium (5\xE2\x80\x93"
                                          "9)",
                                          "High (10\xE2\x80\x93"
                                          "16)",
                                          "Critical (17\xE2\x80\x93"
                                          "25)"};

static risk_band band_of(int likelihood, int impact)
{
    int score = likelihood * impact;
    return score <= 4    ? BAND_LOW
           : score <= 9  ? BAND_MEDIUM
           : score <= 16 ? BAND_HIGH
                         : BAND_CRITICAL;
}

typedef struct {
    double lc;     /* the left column: "Impact" and the tick numbers */
    double cw, ch; /* a cell */
} heat_geom;

static heat_geom heat_layout(const canvas *c)
{
    heat_geom g;
    double width = c->x1 - c->x0;
    g.lc = text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, "Impact") + 6 +
           text_width(c->st, WM_FACE_REGULAR, LABEL_SIZE, "5") + 6;
    g.cw = fmax(0, fmin(width - g.lc, 5 * 84.0)) / 5;
    g.ch = fmax(20, fmin(g.cw * 0.56, 40));
    return g;
}

/* The cell's labels as at most `max_lines` lines of at most `room` points:
 * the first k labels joined ", ", then "+n" for the rest; with k = 0, the
 * count alone.  The lines go to `out` one after the other, each ended by a
 * NUL, their number to *n_lines; false when they do not fit. */
static bool pack_labels(const wm_style *st, const char *const *labels, size_t k, size_t total,
                        double room, size_t max_lines, wm_buf *out, size_t *n_lines)
{
    out->len = 0;
    *n_lines = 1;
    size_t line_start = 0;
    for (size_t j = 0; j <= k; j++) {
        char extra[32];
        const char *tok = labels[j < k ? j : 0];
        if (j == k && total == k)
            break;
        if (j == k) {
            snprintf(extra, sizeof extra, k ? "+%zu" : "%zu", total - k);
            tok = extra;
        }
        bool comma = j + 1 < k;
        size_t before = out->len;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (out->len > line_start)
                wm_buf_putc(out, ' ');
            wm_buf_puts(out, tok);
            if (comma)
                wm_buf_putc(out, ',');
            if (wm_pen_width(st, WM_FACE_REGULAR, HM_CELL_SIZE, out->data + line_start,
                             out->len - line_start) <= room)
                break;
            /* Too wide: start a new line with it, once. */
            if (attempt || before == line_start || ++*n_lines > max_lines)
                return false;
            out->len = before;
            wm_buf_putc(out, '\0');
            line_start = out->len;
        }
    }
    wm_buf_putc(out, '\0');
    return true;
}

static void heat_cell_text(const canvas *c, const char *const *labels, size_t n_labels,
                           size_t total, double x, double y, const heat_geom *g)
{
    if (total == 0)
        return;
    double room = g->cw - 6;
    size_t max_lines = (size_t)fmax(1, fmin(HM_LINES_MAX, floor((g->ch - 4) / LINE_H)));
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_reserve(&b, 64);
    size_t k = n_labels + 1, n_lines = 1;
    bool ok = false;
    while (!ok && k-- > 0)
        ok = pack_labels(c->st, labels, k, total, room, max_lines, &b, &n_lines);
    if (!ok)
        n_lines = 1; /* the count alone, fitted */
    wm_face_slot face = k ? WM_FACE_REGULAR : WM_FACE_BOLD;
    double cx = x + g->cw / 2, cy = y + g->ch / 2;
    double base = cy + (double)(n_lines - 1) * LINE_H / 2 - 2.5;
    const char *ln = b.data;
    for (size_t i = 0; i < n_lines; i++, ln += strlen(ln) + 1)
        text_in(c, face, HM_CELL_SIZE, c->pal.text, cx, base - (double)i * LINE_H, WM_PEN_CENTRE,
                ln, x + 3, x + g->cw - 3);
    wm_buf_free(&b);
}

static void heat_cells(const canvas *c, const wm_heatmap_chart *hm, const heat_geom *g, double gt)
{
    size_t n = hm->n_cells;
    const char **labels = wm_xcalloc(n + 1, sizeof *labels);
    for (int im = 5; im >= 1; im--) {
        for (int l = 1; l <= 5; l++) {
            double x = c->x0 + g->lc + (l - 1) * g->cw, y = gt - (6 - im) * g->ch;
            rect(c, x + 1, y + 1, g->cw - 2, g->ch - 2, BAND_COLOURS[band_of(l, im)]);
            size_t n_labels = 0, total = 0;
            for (size_t i = 0; i < n; i++) {
                const wm_heat_cell *cell = &hm->cells[i];
                if (cell->likelihood != l || cell->impact != im)
                    continue;
                total++;
                const char *s = cell->label;
                if (s && *s)
                    labels[n_labels++] = s;
            }
            heat_cell_text(c, labels, n_labels, total, x, y, g);
        }
    }
    free(labels);
}

static void heat_axes(const canvas *c, const heat_geom *g, double gt)
{
    char num[8];
    double gx = c->x0 + g->lc, bottom = gt - 5 * g->ch;
    for (int k = 1; k <= 5; k++) {
        snprintf(num, sizeof num, "%d", k);
        text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.label, gx + (k - 0.5) * g->cw, bottom - 8.6,
                WM_PEN_CENTRE, num, gx, c->x1);
        text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.label, gx - 6,
                bottom + (k - 0.5) * g->ch - 2.6, WM_PEN_RIGHT, num, c->x0, gx - 6);
    }
    text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.label, gx + 2.5 * g->cw,
            bottom - HM_TICKS_H - 8.6, WM_PEN_CENTRE, "Likelihood", gx, c->x1);
    text_in(c, WM_FACE_REGULAR, LABEL_SIZE, c->pal.label, c->x0, bottom + 2.5 * g->ch - 2.6,
            WM_PEN_LEFT, "Impact", c->x0, gx);
}

static double heat_chart(const canvas *c, const wm_block *chart, double top)
{
    double t = top - title_height(chart);
    if (has_title(chart))
        draw_title(c, chart->u.chart.title, top);
    heat_geom g = heat_layout(c);
    if (c->dl) {
        heat_cells(c, &chart->u.chart.u.heatmap, &g, t);
        heat_axes(c, &g, t);
    }
    t -= 5 * g.ch + HM_TICKS_H + HM_AXIS_H;
    legend_item items[4];
    for (int i = 0; i < 4; i++)
        items[i] = (legend_item){BAND_NAMES[i], BAND_COLOURS[i], SW_BOX};
    size_t rows = legend(c, items, 4, t - LEGEND_GAP);
    return top - t + legend_height(rows);
}

/* ---- Gantt ---- */

#define GANTT_ROW_H       13.5 /* a row whose label takes one line */
#define GANTT_LABEL_LINES 3    /* at most; beyond, the last line is shortened */
#define GANTT_BAR_H       7.5
#define GANTT_AXIS_ROW    11.0
#define GANTT_TICK_ROW    6.0
#define GANTT_MARKER_ROW  11.0
#define GANTT_MARKER_LANE 8.5 /* each further row of marker labels */
#define GANTT_MARKER_MAX  10  /* rows of marker labels at most */
#define GANTT_HEAD_GAP    2.0
#define GANTT_LABEL_SHARE 0.3  /* the label column at least, */
#define GANTT_LABEL_MAX   0.45 /* at most, of the width */
#define GANTT_MIN_COL     34.0 /* the label column widens while columns keep this */
#define GANTT_LABEL_PAD   8.0  /* 3 before a label, 5 after */
#define GANTT_LANE_DX     2.2  /* between the verticals of connectors from two sources */
#define GANTT_LATE        2.8  /* half the late mark's diagonal */

/* The late mark: a dark red that stays dark in grey. */
static const wm_rgb LATE_COLOUR = {0xB4, 0x23, 0x18};

enum { TIER_COUNT = WM_TIER_NONE + 1 };

typedef enum {
    AXIS_FULL,       /* "Q1 2027" in each column */
    AXIS_YEAR_Q,     /* years, then "Q1".."Q4" */
    AXIS_YEAR_DIGIT, /* years, then "1".."4" */
    AXIS_YEAR_TICK,  /* years, then tick marks */
    AXIS_RAW         /* quarter names as given, every k-th */
} axis_form;

typedef wm_gantt_row gantt_row;

typedef struct {
    size_t q;         /* the marker's line is at the end of this quarter */
    const char *text; /* its labels, joined */
    double lo, hi;    /* room for the text, relative to the chart's left */
    bool right;       /* text to the right of the line, else to its left */
    size_t lane;      /* 0: beside the flag; k: k rows of labels above it */
} gantt_marker;

/* A row's label as drawn: up to GANTT_LABEL_LINES lines. */
typedef struct {
    size_t n;
    size_t start[GANTT_LABEL_LINES], len[GANTT_LABEL_LINES];
} label_lines;

struct wm_gantt {
    wm_arena arena;
    const wm_style *st;
    const wm_block *chart;
    double width, label_w, col_w, head_h, foot_h;
    size_t n_q;
    const char *const *q_name;
    int *q_year, *q_num; /* q_num 0 unless every name is "YYYY-Qn" */
    axis_form axis;
    size_t raw_stride;
    const gantt_row *rows;
    size_t n_rows;
    label_lines *lines; /* by row */
    double *row_y;      /* row i's top is row_y[i] below the first row's top */
    size_t *src_lane;   /* the lane of the connectors leaving row i */
    gantt_marker *markers;
    size_t n_markers, n_lanes;
    legend_item foot[TIER_COUNT + 4];
    size_t n_foot;
};

static wm_rgb tier_colour(const wm_style *st, wm_tier tier)
{
    palette p = palette_of(st);
    switch (tier) {
    case WM_TIER_MUST:
        return p.series[0];
    case WM_TIER_SHOULD:
        return p.series[1];
    case WM_TIER_COULD:
        return p.series[2];
    default:
        return wm_rgb_mix(st->muted, WHITE, 0.55);
    }
}

static void gantt_quarters(wm_gantt *g, const wm_gantt_chart *gc)
{
    g->n_q = gc->n_quarters;
    g->q_name = gc->quarters;
    g->q_year = WM_ARENA_NEW(&g->arena, int, g->n_q + 1);
    g->q_num = WM_ARENA_NEW(&g->arena, int, g->n_q + 1);
    bool parsed = g->n_q > 0;
    for (size_t i = 0; i < g->n_q; i++) {
        wm_quarter q = gc->parsed[i];
        parsed = parsed && q != WM_NO_QUARTER;
        g->q_year[i] = q != WM_NO_QUARTER ? q / 4 : 0;
        g->q_num[i] = q != WM_NO_QUARTER ? q % 4 + 1 : 0;
    }
    if (!parsed)
        for (size_t i = 0; i < g->n_q; i++)
            g->q_num[i] = 0;
}

/* The label column: 30% of the width, widened up to 45% for the widest
 * label while every quarter column keeps GANTT_MIN_COL. */
static double gantt_label_width(const wm_gantt *g)
{
    double widest = 0;
    for (size_t i = 0; i < g->n_rows; i++)
        widest = fmax(widest, text_width(g->st, WM_FACE_REGULAR, LABEL_SIZE, g->rows[i].label));
    double lo = GANTT_LABEL_SHARE * g->width;
    double hi =
        fmax(lo, fmin(GANTT_LABEL_MAX * g->width, g->width - (double)g->n_q * GANTT_MIN_COL));
    return fmax(lo, fmin(widest + GANTT_LABEL_PAD, hi));
}

/* Each row's label broken into lines for the label column, and the rows'
 * tops: a row of n > 1 lines is n x LINE_H + 1.3 high (18.5 for two). */
static void gantt_row_lines(wm_gantt *g)
{
    g->lines = WM_ARENA_NEW(&g->arena, label_lines, g->n_rows + 1);
    g->row_y = WM_ARENA_NEW(&g->arena, double, g->n_rows + 1);
    double room = g->label_w - GANTT_LABEL_PAD;
    for (size_t i = 0; i < g->n_rows; i++) {
        const char *s = g->rows[i].label;
        size_t len = strlen(s);
        label_lines *ll = &g->lines[i];
        ll->n = 1;
        ll->start[0] = 0;
        ll->len[0] = len;
        wm_line *lines = NULL;
        size_t n = 0;
        if (room > 0 && text_width(g->st, WM_FACE_REGULAR, LABEL_SIZE, s) > room - 0.02)
            n = wm_break_lines(g->st->faces[WM_FACE_REGULAR], &g->st->faces[WM_FACE_FALLBACK],
                               WM_FALLBACK_MAX, s, len, LABEL_SIZE, room - 0.02, &lines);
        if (n > 1) {
            ll->n = n < GANTT_LABEL_LINES ? n : GANTT_LABEL_LINES;
            for (size_t k = 0; k < ll->n; k++) {
                ll->start[k] = lines[k].start;
                ll->len[k] = lines[k].len;
            }
            /* The last line drawn runs to the end (shortened if need be). */
            ll->len[ll->n - 1] = len - ll->start[ll->n - 1];
        }
        free(lines);
        g->row_y[i + 1] = g->row_y[i] + (ll->n == 1 ? GANTT_ROW_H : (double)ll->n * LINE_H + 1.3);
    }
}

/* Connector lanes: the connectors leaving one row share a vertical (a fork
 * from one source); two rows whose bars end in the same quarter and whose
 * connectors span overlapping rows get verticals GANTT_LANE_DX apart, so no
 * two sources ever share a line. */
static void gantt_lanes(wm_gantt *g)
{
    size_t n = g->n_rows;
    g->src_lane = WM_ARENA_NEW(&g->arena, size_t, n + 1);
    size_t *lo = wm_xcalloc(n + 1, sizeof *lo), *hi = wm_xcalloc(n + 1, sizeof *hi);
    bool *src = wm_xcalloc(n + 1, sizeof *src);
    for (size_t d = 0; d < n; d++)
        lo[d] = hi[d] = d;
    for (size_t r = 0; r < n; r++) {
        if (g->rows[r].start < 0)
            continue;
        for (size_t j = 0; j < g->rows[r].n_deps; j++) {
            size_t d = g->rows[r].deps[j];
            if (g->rows[d].start < 0)
                continue;
            src[d] = true;
            lo[d] = r < lo[d] ? r : lo[d];
            hi[d] = r > hi[d] ? r : hi[d];
        }
    }
    /* Per end quarter, sources by row: the first lane free over the span. */
    size_t *busy = wm_xcalloc(n + 1, sizeof *busy); /* lane k busy up to row busy[k] - 1 */
    for (size_t q = 0; q < g->n_q; q++) {
        size_t n_busy = 0;
        for (size_t d = 0; d < n; d++) {
            if (!src[d] || (size_t)g->rows[d].end != q)
                continue;
            size_t k = 0;
            while (k < n_busy && busy[k] > lo[d])
                k++;
            if (k == n_busy)
                n_busy++;
            busy[k] = hi[d] + 1;
            g->src_lane[d] = k;
        }
    }
    free(busy);
    free(src);
    free(hi);
    free(lo);
}

/* The richest axis that fits the column width. */
static void gantt_axis(wm_gantt *g)
{
    const wm_style *st = g->st;
    double widest = 0;
    char buf[32];
    bool parsed = g->n_q > 0 && g->q_num[0] > 0;
    for (size_t i = 0; i < g->n_q; i++) {
        const char *s = g->q_name[i];
        if (parsed) {
            snprintf(buf, sizeof buf, "Q%d %d", g->q_num[i], g->q_year[i]);
            s = buf;
        }
        widest = fmax(widest, text_width(st, WM_FACE_REGULAR, AXIS_SIZE, s));
    }
    g->raw_stride = 1;
    if (g->col_w >= widest + 4) {
        g->axis = parsed ? AXIS_FULL : AXIS_RAW;
    } else if (!parsed) {
        g->axis = AXIS_RAW;
        g->raw_stride = (size_t)ceil((widest + 4) / fmax(g->col_w, 0.01));
    } else if (g->col_w >= text_width(st, WM_FACE_REGULAR, AXIS_SIZE, "Q4") + 3) {
        g->axis = AXIS_YEAR_Q;
    } else if (g->col_w >= text_width(st, WM_FACE_REGULAR, AXIS_SIZE, "4") + 2) {
        g->axis = AXIS_YEAR_DIGIT;
    } else {
        g->axis = AXIS_YEAR_TICK;
    }
}

static double axis_height(axis_form f)
{
    return f == AXIS_FULL || f == AXIS_RAW ? GANTT_AXIS_ROW + 1
           : f == AXIS_YEAR_TICK           ? GANTT_AXIS_ROW + GANTT_TICK_ROW
                                           : 2 * GANTT_AXIS_ROW;
}

static double gantt_line_x(const wm_gantt *g, size_t boundary)
{
    return g->label_w + (double)boundary * g->col_w;
}

/* Markers grouped by quarter, in quarter order.  Each label goes in the
 * first row of labels where it fits whole: beside its flag (to the left of
 * the line, else to the right) in the row next to the axis, else in a row
 * above, to which its dashed line is drawn up.  No label crosses another
 * marker's line.  Only a label with no room in any row is shortened. */
static void gantt_markers(wm_gantt *g, const wm_gantt_chart *gc)
{
    wm_buf *texts = wm_xcalloc(g->n_q + 1, sizeof *texts);
    for (size_t i = 0; i < gc->n_markers; i++) {
        size_t q = gc->markers[i].quarter;
        if (texts[q].len)
            wm_buf_puts(&texts[q], ", ");
        wm_buf_puts(&texts[q], gc->markers[i].label);
        if (!texts[q].len)
            wm_buf_putc(&texts[q], ' ');
    }
    g->markers = WM_ARENA_NEW(&g->arena, gantt_marker, g->n_q + 1);
    for (size_t q = 0; q < g->n_q; q++) {
        if (!texts[q].data)
            continue;
        gantt_marker *m = &g->markers[g->n_markers++];
        m->q = q;
        m->text = wm_arena_strdup(&g->arena, texts[q].data);
        wm_buf_free(&texts[q]);
    }
    free(texts);
    double end[GANTT_MARKER_MAX]; /* where each row of labels is taken up to */
    for (size_t k = 0; k < GANTT_MARKER_MAX; k++)
        end[k] = 0;
    g->n_lanes = g->n_markers ? 1 : 0;
    for (size_t i = 0; i < g->n_markers; i++) {
        gantt_marker *m = &g->markers[i];
        double xm = gantt_line_x(g, m->q + 1);
        double w = text_width(g->st, WM_FACE_REGULAR, SMALL_SIZE, m->text) + 0.05;
        bool placed = false;
        for (size_t k = 0; k < GANTT_MARKER_MAX && !placed; k++) {
            /* A label stops short of the next flag and the line up to it. */
            double next =
                i + 1 < g->n_markers ? gantt_line_x(g, g->markers[i + 1].q + 1) - 5 : g->width;
            next = fmin(next, g->width);
            double from = k == 0 ? fmax(end[k], 0) + 4 : end[k] + 6;
            bool clear = true; /* the line up to row k crosses no label */
            for (size_t j = 0; j < k; j++)
                clear = clear && end[j] <= xm - 1;
            if (!clear)
                break;
            if (xm - 4 - w >= from) {
                m->right = false, m->lo = xm - 4 - w, m->hi = xm - 4;
            } else if (xm + 4 >= from && xm + 4 + w <= next) {
                m->right = true, m->lo = xm + 4, m->hi = xm + 4 + w;
            } else {
                continue;
            }
            m->lane = k;
            end[k] = m->right ? m->hi : xm + 2.5;
            for (size_t j = 0; j < k; j++)
                end[j] = fmax(end[j], xm + 2.5);
            placed = true;
        }
        if (!placed) { /* no row has room: beside the flag, on the side with more, shortened */
            double next =
                i + 1 < g->n_markers ? gantt_line_x(g, g->markers[i + 1].q + 1) - 5 : g->width;
            double left = xm - 4 - (fmax(end[0], 0) + 4), right = fmin(next, g->width) - xm - 4;
            m->lane = 0;
            m->right = right > left;
            m->lo = m->right ? xm + 4 : fmax(end[0], 0) + 4;
            m->hi = m->right ? fmin(next, g->width) : xm - 4;
            end[0] = m->right ? m->hi : xm + 2.5;
        }
        g->n_lanes = m->lane + 1 > g->n_lanes ? m->lane + 1 : g->n_lanes;
    }
}

/* The outline of a baseline span: the muted text colour, lighter than the
 * dependency connectors' ink, so that the two are told apart. */
static wm_rgb ghost_colour(const wm_style *st)
{
    return wm_rgb_mix(st->muted, WHITE, 0.15);
}

/* A row whose baseline span differs from its bar (a row that had no bar
 * in the baseline has no span). */
static bool moved(const gantt_row *r)
{
    return r->was_start >= 0 && (r->was_start != r->start || r->was_end != r->end);
}

static bool gantt_late_bars(const wm_gantt *g)
{
    for (size_t i = 0; i < g->n_rows; i++)
        if (g->rows[i].late && g->rows[i].start >= 0)
            return true;
    return false;
}

/* The legend, under every piece: the tiers that have bars, the deadline
 * line, the late mark, the dependency arrow. */
static void gantt_foot(wm_gantt *g)
{
    static const char *const NAMES[TIER_COUNT] = {"Must", "Should", "Could", "Won't", "No tier"};
    bool used[TIER_COUNT] = {false};
    bool deps = false;
    for (size_t i = 0; i < g->n_rows; i++) {
        const gantt_row *r = &g->rows[i];
        used[r->tier] = used[r->tier] || r->start >= 0;
        for (size_t j = 0; j < r->n_deps && r->start >= 0; j++)
            deps = deps || g->rows[r->deps[j]].start >= 0;
    }
    g->n_foot = 0;
    for (int t = WM_TIER_MUST; t <= WM_TIER_COULD; t++)
        if (used[t])
            g->foot[g->n_foot++] = (legend_item){NAMES[t], tier_colour(g->st, (wm_tier)t), SW_BOX};
    if (used[WM_TIER_WONT] || used[WM_TIER_NONE])
        g->foot[g->n_foot++] =
            (legend_item){used[WM_TIER_WONT] && used[WM_TIER_NONE]
                              ? "Won't / no tier"
                              : NAMES[used[WM_TIER_WONT] ? WM_TIER_WONT : WM_TIER_NONE],
                          tier_colour(g->st, WM_TIER_WONT), SW_BOX};
    palette p = palette_of(g->st);
    if (g->n_markers)
        g->foot[g->n_foot++] = (legend_item){"Objective deadline", p.ink, SW_DASHED};
    bool any_moved = false;
    for (size_t i = 0; i < g->n_rows && !any_moved; i++)
        any_moved = moved(&g->rows[i]);
    if (any_moved)
        g->foot[g->n_foot++] = (legend_item){"Baseline dates", ghost_colour(g->st), SW_GHOST};
    if (gantt_late_bars(g))
        g->foot[g->n_foot++] =
            (legend_item){"Ends after its objective\xE2\x80\x99s deadline", LATE_COLOUR, SW_LATE};
    if (deps)
        g->foot[g->n_foot++] = (legend_item){"Depends on", p.ink, SW_ARROW};
    canvas c = canvas_of(NULL, 0, g->st, 0, g->width);
    g->foot_h = legend_height(legend(&c, g->foot, g->n_foot, 0));
}

wm_gantt *wm_gantt_prepare(const wm_style *st, const wm_block *chart, double width)
{
    wm_gantt *g = wm_xcalloc(1, sizeof *g);
    wm_arena_init(&g->arena);
    g->st = st;
    g->chart = chart;
    g->width = width;
    const wm_gantt_chart *gc = &chart->u.chart.u.gantt;
    gantt_quarters(g, gc);
    g->rows = gc->rows;
    g->n_rows = gc->n_rows;
    g->label_w = gantt_label_width(g);
    g->col_w = g->n_q ? (width - g->label_w) / (double)g->n_q : width - g->label_w;
    gantt_axis(g);
    gantt_row_lines(g);
    gantt_lanes(g);
    gantt_markers(g, gc);
    g->head_h = title_height(chart) +
                (g->n_lanes ? GANTT_MARKER_ROW + (double)(g->n_lanes - 1) * GANTT_MARKER_LANE : 0) +
                axis_height(g->axis) + GANTT_HEAD_GAP;
    gantt_foot(g);
    return g;
}

void wm_gantt_free(wm_gantt *g)
{
    if (!g)
        return;
    wm_arena_free(&g->arena);
    free(g);
}

size_t wm_gantt_rows(const wm_gantt *g)
{
    return g->n_rows;
}

double wm_gantt_head_height(const wm_gantt *g)
{
    return g->head_h;
}

double wm_gantt_rows_height(const wm_gantt *g, size_t from, size_t to)
{
    to = to < g->n_rows ? to : g->n_rows;
    from = from < to ? from : to;
    return g->row_y[to] - g->row_y[from];
}

double wm_gantt_foot_height(const wm_gantt *g)
{
    return g->foot_h;
}

/* Drawing one piece: the chart's left at x, the piece's rows from `rows_top`
 * down. */
typedef struct {
    const wm_gantt *g;
    canvas c;
    double x, rows_top, rows_bottom;
    size_t from, to;
} piece;

static double row_top(const piece *p, size_t i)
{
    return p->rows_top - (p->g->row_y[i] - p->g->row_y[p->from]);
}

static double row_h(const piece *p, size_t i)
{
    return p->g->row_y[i + 1] - p->g->row_y[i];
}

static double row_mid(const piece *p, size_t i)
{
    return row_top(p, i) - row_h(p, i) / 2;
}

static double col_x(const piece *p, size_t boundary)
{
    return p->x + gantt_line_x(p->g, boundary);
}

static double bar_inset(const wm_gantt *g)
{
    return fmin(1.0, g->col_w * 0.12);
}

static double bar_start(const piece *p, const gantt_row *r)
{
    return col_x(p, (size_t)r->start) + bar_inset(p->g);
}

static double bar_end(const piece *p, const gantt_row *r)
{
    return col_x(p, (size_t)r->end + 1) - bar_inset(p->g);
}

static bool year_starts(const wm_gantt *g, size_t q)
{
    return g->axis != AXIS_FULL && g->axis != AXIS_RAW && q > 0 && g->q_year[q] != g->q_year[q - 1];
}

/* Years centred over their quarters ("2027", else "'27", else nothing). */
static void axis_years(const piece *p, double baseline)
{
    const wm_gantt *g = p->g;
    char full[16], shortened[16];
    for (size_t a = 0, b; a < g->n_q; a = b) {
        for (b = a + 1; b < g->n_q && g->q_year[b] == g->q_year[a];)
            b++;
        double lo = col_x(p, a) + 1, hi = col_x(p, b) - 1;
        snprintf(full, sizeof full, "%d", g->q_year[a]);
        snprintf(shortened, sizeof shortened, "\xE2\x80\x99%02d", g->q_year[a] % 100);
        const char *s = text_width(g->st, WM_FACE_BOLD, AXIS_SIZE, full) <= hi - lo ? full
                        : text_width(g->st, WM_FACE_BOLD, AXIS_SIZE, shortened) <= hi - lo
                            ? shortened
                            : NULL;
        if (s)
            text_in(&p->c, WM_FACE_BOLD, AXIS_SIZE, p->c.pal.text, (lo + hi) / 2, baseline,
                    WM_PEN_CENTRE, s, lo, hi);
    }
}

/* The quarter row: labels centred in their columns, or tick marks. */
static void axis_quarters(const piece *p, double row_top)
{
    const wm_gantt *g = p->g;
    char buf[32];
    for (size_t q = 0; q < g->n_q; q += g->raw_stride) {
        double lo = col_x(p, q), hi = col_x(p, q + 1);
        const char *s = buf;
        switch (g->axis) {
        case AXIS_FULL:
            snprintf(buf, sizeof buf, "Q%d %d", g->q_num[q], g->q_year[q]);
            break;
        case AXIS_YEAR_Q:
            snprintf(buf, sizeof buf, "Q%d", g->q_num[q]);
            break;
        case AXIS_YEAR_DIGIT:
            snprintf(buf, sizeof buf, "%d", g->q_num[q]);
            break;
        case AXIS_RAW:
            s = g->q_name[q];
            hi = fmin(col_x(p, q + g->raw_stride), p->c.x1);
            break;
        case AXIS_YEAR_TICK:
            line(&p->c, lo, row_top, lo, row_top - 3, p->c.pal.axis, 0.5, 0);
            continue;
        }
        if (g->axis == AXIS_RAW && text_width(g->st, WM_FACE_REGULAR, AXIS_SIZE, s) > hi - lo - 2)
            continue; /* thinned labels are shown whole or not at all */
        text_in(&p->c, WM_FACE_REGULAR, AXIS_SIZE, p->c.pal.label, (lo + hi) / 2, row_top - 8,
                WM_PEN_CENTRE, s, lo + 0.5, hi - 0.5);
    }
}

/* The flags above the axis and their labels, in rows from `top` down to
 * the axis; a label above the first row has its line drawn up beside it. */
static void head_markers(const piece *p, double top)
{
    const wm_gantt *g = p->g;
    double base = top - (double)(g->n_lanes - 1) * GANTT_MARKER_LANE;
    for (size_t i = 0; i < g->n_markers; i++) {
        const gantt_marker *m = &g->markers[i];
        double xm = col_x(p, m->q + 1), tip = base - GANTT_MARKER_ROW + 0.5;
        double baseline = base - 7.0 + (double)m->lane * GANTT_MARKER_LANE;
        wm_point flag[3] = {
            {fmax(xm - 2.5, p->c.x0), tip + 4}, {fmin(xm + 2.5, p->c.x1), tip + 4}, {xm, tip}};
        wm_dl_poly(p->c.dl, p->c.page, flag, 3, true, &p->c.pal.ink, NULL, 0);
        if (m->lane > 0)
            line(&p->c, xm, tip + 4, xm, baseline + 4.5, p->c.pal.ink, 0.5, 2);
        text_in(&p->c, WM_FACE_REGULAR, SMALL_SIZE, p->c.pal.ink,
                m->right ? p->x + m->lo : p->x + m->hi, baseline,
                m->right ? WM_PEN_LEFT : WM_PEN_RIGHT, m->text, p->x + m->lo, p->x + m->hi);
    }
}

/* The head: title, marker flags, the quarter axis; returns the top of the
 * axis rows. */
static double gantt_head(const piece *p, double top)
{
    const wm_gantt *g = p->g;
    double t = top;
    if (has_title(g->chart)) {
        char *title = p->from > 0 ? wm_xasprintf("%s (continued)", g->chart->u.chart.title)
                                  : wm_xstrdup(g->chart->u.chart.title);
        draw_title(&p->c, title, t);
        free(title);
        t -= TITLE_H;
    }
    if (g->n_lanes) {
        head_markers(p, t);
        t -= GANTT_MARKER_ROW + (double)(g->n_lanes - 1) * GANTT_MARKER_LANE;
    }
    double axis_top = t;
    if (g->axis == AXIS_FULL || g->axis == AXIS_RAW) {
        axis_quarters(p, t);
    } else {
        axis_years(p, t - 8);
        axis_quarters(p, t - GANTT_AXIS_ROW);
    }
    line(&p->c, p->c.x0, p->rows_top, p->c.x1, p->rows_top, p->c.pal.axis, 0.6, 0);
    return axis_top;
}

static void gantt_grid(const piece *p, double axis_top)
{
    const wm_gantt *g = p->g;
    for (size_t i = p->from; i < p->to; i++)
        if (i % 2)
            rect(&p->c, p->c.x0, row_top(p, i) - row_h(p, i), p->c.x1 - p->c.x0, row_h(p, i),
                 p->c.pal.shade);
    for (size_t q = 0; q < g->n_q; q++) {
        double x = col_x(p, q);
        if (year_starts(g, q))
            line(&p->c, x, axis_top, x, p->rows_bottom, p->c.pal.axis, 0.5, 0);
        else
            line(&p->c, x, p->rows_top, x, p->rows_bottom, p->c.pal.grid, 0.4, 0);
    }
}

/* The connector from dependency d's bar to row r's bar start, ending where
 * the arrowhead begins; its vertical is in d's lane, so that connectors
 * from different rows never share a line.  With room between the bars: out
 * of d's end, along to r's row, into r's start.  When r starts right after
 * d ends: down (or up) from d's bar near its end, then into r's start.
 * When r starts before d ends (a schedule that does not honour the
 * dependency): out of d's end, back through the gap between the rows, into
 * r's start. */
static void connector(const piece *p, size_t d, size_t r)
{
    const gantt_row *D = &p->g->rows[d], *R = &p->g->rows[r];
    double xe = bar_end(p, D), xs = bar_start(p, R) - 3.5;
    double yd = row_mid(p, d), yr = row_mid(p, r), dir = d < r ? -1 : 1;
    double lane = (double)p->g->src_lane[d] * GANTT_LANE_DX;
    wm_point pts[6];
    size_t n = 0;
    if (xs - xe >= 2.5 + lane) {
        double xv = xe + 1.5 + lane;
        pts[n++] = (wm_point){xe, yd};
        pts[n++] = (wm_point){xv, yd};
        pts[n++] = (wm_point){xv, yr};
    } else if (xs - 2 - lane >= bar_start(p, D) + 1) {
        double xv = xs - 2 - lane;
        pts[n++] = (wm_point){xv, yd + dir * GANTT_BAR_H / 2};
        pts[n++] = (wm_point){xv, yr};
    } else {
        double xv = fmin(xe + 3 + lane, p->c.x1 - 0.5), ygap = yr - dir * row_h(p, r) / 2;
        double xa = fmax(xs - 2.5, col_x(p, 0) - 4);
        pts[n++] = (wm_point){xe, yd};
        pts[n++] = (wm_point){xv, yd};
        pts[n++] = (wm_point){xv, ygap};
        pts[n++] = (wm_point){xa, ygap};
        pts[n++] = (wm_point){xa, yr};
    }
    pts[n++] = (wm_point){xs, yr};
    wm_dl_poly(p->c.dl, p->c.page, pts, n, false, NULL, &p->c.pal.ink, 0.6);
}

static bool in_piece(const piece *p, size_t i)
{
    return i >= p->from && i < p->to;
}

static const char *row_name(const gantt_row *r)
{
    return r->id ? r->id : r->label;
}

/* "from I3, I7": the rows in other pieces that row r depends on, drawn
 * after its bar's end, else before its arrowhead, else not at all. */
static void sources_note(const piece *p, size_t r)
{
    const wm_gantt *g = p->g;
    const gantt_row *R = &g->rows[r];
    wm_buf b = {0};
    for (size_t j = 0; j < R->n_deps; j++) {
        size_t d = R->deps[j];
        if (g->rows[d].start < 0 || in_piece(p, d))
            continue;
        wm_buf_puts(&b, b.len ? ", " : "from ");
        wm_buf_puts(&b, row_name(&g->rows[d]));
    }
    if (!b.len)
        return;
    double w = text_width(g->st, WM_FACE_REGULAR, SMALL_SIZE, b.data);
    double after = bar_end(p, R) + (R->late ? GANTT_LATE + 2 : 0) + 2.5;
    double before = bar_start(p, R) - 5.5, y = row_mid(p, r) - 2.3;
    if (after + w <= p->c.x1 - 0.5)
        text_in(&p->c, WM_FACE_REGULAR, SMALL_SIZE, p->c.pal.ink, after, y, WM_PEN_LEFT, b.data,
                after, p->c.x1);
    else if (before - w >= col_x(p, 0) + 1)
        text_in(&p->c, WM_FACE_REGULAR, SMALL_SIZE, p->c.pal.ink, before, y, WM_PEN_RIGHT, b.data,
                col_x(p, 0), before);
    wm_buf_free(&b);
}

static void gantt_deps(const piece *p, bool heads)
{
    const wm_gantt *g = p->g;
    for (size_t r = p->from; r < p->to; r++) {
        const gantt_row *R = &g->rows[r];
        bool any = false;
        for (size_t j = 0; j < R->n_deps && R->start >= 0; j++) {
            size_t d = R->deps[j];
            if (g->rows[d].start < 0)
                continue;
            any = true;
            if (!heads && in_piece(p, d))
                connector(p, d, r);
        }
        if (heads && any) {
            arrowhead(&p->c, bar_start(p, R) - 0.5, row_mid(p, r), 3.5, p->c.pal.ink);
            sources_note(p, r);
        }
    }
}

/* The late mark: a diamond, outlined in white, on the bar's end. */
static void late_mark(const canvas *c, double x, double y)
{
    double h = GANTT_LATE;
    wm_point pts[4] = {{x, y + h}, {x + h, y}, {x, y - h}, {x - h, y}};
    if (c->dl)
        wm_dl_poly(c->dl, c->page, pts, 4, true, &LATE_COLOUR, &WHITE, 0.6);
}

static void row_label(const piece *p, size_t i, double right)
{
    const wm_gantt *g = p->g;
    const label_lines *ll = &g->lines[i];
    const char *s = g->rows[i].label;
    double first = row_mid(p, i) - 2.6 + (double)(ll->n - 1) * LINE_H / 2;
    for (size_t k = 0; k < ll->n; k++) {
        char *t = wm_xstrndup(s + ll->start[k], ll->len[k]);
        text_in(&p->c, WM_FACE_REGULAR, LABEL_SIZE, p->c.pal.text, p->c.x0 + 3,
                first - (double)k * LINE_H, WM_PEN_LEFT, t, p->c.x0, right);
        free(t);
    }
}

static void gantt_bars(const piece *p)
{
    const wm_gantt *g = p->g;
    double track = col_x(p, 0);
    for (size_t i = p->from; i < p->to; i++) {
        const gantt_row *r = &g->rows[i];
        double y = row_mid(p, i);
        row_label(p, i, track - 5);
        if (r->start < 0) {
            text_in(&p->c, WM_FACE_ITALIC, SMALL_SIZE, p->c.pal.label, track + 3, y - 2.3,
                    WM_PEN_LEFT, "not scheduled", track, p->c.x1);
            continue;
        }
        double xs = bar_start(p, r), xe = bar_end(p, r);
        if (moved(r) && p->c.dl) {
            /* Where the baseline had it: an outline a little taller than a
             * bar, under it, so that the move shows. */
            double ws = col_x(p, (size_t)r->was_start) + bar_inset(g),
                   we = col_x(p, (size_t)r->was_end + 1) - bar_inset(g);
            wm_rgb ink = ghost_colour(g->st);
            wm_dl_rect(p->c.dl, p->c.page, ws, y - GANTT_BAR_H / 2 - 1.5, we - ws, GANTT_BAR_H + 3,
                       NULL, &ink, 0.9);
        }
        rect(&p->c, xs, y - GANTT_BAR_H / 2, xe - xs, GANTT_BAR_H, tier_colour(g->st, r->tier));
        if (r->late)
            late_mark(&p->c, fmin(xe, p->c.x1 - GANTT_LATE - 0.5), y);
    }
}

static void marker_lines(const piece *p, double from_y)
{
    for (size_t i = 0; i < p->g->n_markers; i++) {
        double xm = col_x(p, p->g->markers[i].q + 1);
        line(&p->c, xm, from_y, xm, p->rows_bottom, p->c.pal.ink, 0.7, 2);
    }
}

void wm_gantt_draw(wm_dlist *dl, size_t page, const wm_gantt *g, size_t from, size_t to, double x,
                   double top)
{
    piece p;
    p.g = g;
    p.c = canvas_of(dl, page, g->st, x, g->width);
    p.x = x;
    p.to = to < g->n_rows ? to : g->n_rows;
    p.from = from < p.to ? from : p.to;
    p.rows_top = top - g->head_h;
    p.rows_bottom = p.rows_top - wm_gantt_rows_height(g, p.from, p.to);
    double axis_top = gantt_head(&p, top);
    gantt_grid(&p, axis_top);
    gantt_deps(&p, false);
    gantt_bars(&p);
    gantt_deps(&p, true);
    /* Marker lines start below the year row, whose labels they would cross. */
    if (g->n_markers)
        marker_lines(&p, g->axis == AXIS_FULL || g->axis == AXIS_RAW ? axis_top - 0.5
                                                                     : axis_top - GANTT_AXIS_ROW);
    legend(&p.c, g->foot, g->n_foot, p.rows_bottom - LEGEND_GAP);
}

/* ---- the one-piece charts ---- */

static double gantt_chart(const canvas *c, const wm_block *chart, double top)
{
    wm_gantt *g = wm_gantt_prepare(c->st, chart, c->x1 - c->x0);
    double h = g->head_h + wm_gantt_rows_height(g, 0, g->n_rows) + g->foot_h;
    if (c->dl)
        wm_gantt_draw(c->dl, c->page, g, 0, g->n_rows, c->x0, top);
    wm_gantt_free(g);
    return h;
}

/* Each kind, drawn in one piece from `top` (measured only when the
 * canvas has no display list); returns the height. */
/* ---- tiles ---- */

#define TILE_H       52.0 /* one tile: its edge, label, figure and note */
#define TILE_GAP     6.0
#define TILE_EDGE    3.0
#define TILE_PAD     7.0
#define TILE_PER_ROW 4 /* at most; 5 to 8 tiles make two rows */

/* The tone's colour: dark enough for white around it and distinct in grey. */
static wm_rgb tone_colour(const canvas *c, wm_tone tone)
{
    static const wm_rgb TONES[WM_TONE_COUNT] = {[WM_TONE_GOOD] = {0x2E, 0x7D, 0x32},
                                                [WM_TONE_WARN] = {0xC7, 0x7C, 0x02},
                                                [WM_TONE_BAD] = {0xB4, 0x23, 0x18}};
    return tone == WM_TONE_NEUTRAL ? c->st->primary : TONES[tone];
}

/* Headline figures, a row (or two) of equal tiles: a coloured top edge,
 * the label, the figure large, and the note under it (two lines at most). */
static double tiles_chart(const canvas *c, const wm_block *chart, double top)
{
    const wm_tiles_chart *t = &chart->u.chart.u.tiles;
    double y = top - title_height(chart);
    if (has_title(chart))
        draw_title(c, chart->u.chart.title, top);
    size_t per_row = t->n_tiles <= TILE_PER_ROW ? t->n_tiles : (t->n_tiles + 1) / 2;
    size_t rows = (t->n_tiles + per_row - 1) / per_row;
    double w = (c->x1 - c->x0 - TILE_GAP * (double)(per_row - 1)) / (double)per_row;
    wm_rgb tint = wm_rgb_mix(c->st->muted, WHITE, 0.92);
    for (size_t i = 0; c->dl && i < t->n_tiles; i++) {
        const wm_tile *tl = &t->tiles[i];
        double x = c->x0 + (double)(i % per_row) * (w + TILE_GAP);
        double ty = y - (double)(i / per_row) * (TILE_H + TILE_GAP);
        rect(c, x, ty - TILE_H, w, TILE_H, tint);
        rect(c, x, ty - TILE_EDGE, w, TILE_EDGE, tone_colour(c, tl->tone));
        double lo = x + TILE_PAD, hi = x + w - TILE_PAD;
        text_in(c, WM_FACE_BOLD, 7.5, c->pal.label, lo, ty - 13, WM_PEN_LEFT, tl->label, lo, hi);
        text_in(c, WM_FACE_HEADING, 15, c->pal.text, lo, ty - 29.5, WM_PEN_LEFT, tl->value, lo, hi);
        if (tl->note)
            text_lines(c, 7.0, c->pal.label, lo, ty - 41.5, WM_PEN_LEFT, tl->note, lo, hi, true);
    }
    return top - y + (double)rows * TILE_H + (double)(rows - 1) * TILE_GAP;
}

static double (*const ONE_PIECE[WM_CHART_KIND_COUNT])(const canvas *, const wm_block *, double) = {
    [WM_CHART_BAR] = bar_chart,     [WM_CHART_STACKED_BAR] = bar_chart,
    [WM_CHART_GANTT] = gantt_chart, [WM_CHART_HEATMAP] = heat_chart,
    [WM_CHART_RADAR] = radar_chart, [WM_CHART_TILES] = tiles_chart,
};

static double chart_layout(wm_dlist *dl, size_t page, const wm_style *st, const wm_block *chart,
                           double x, double top, double width)
{
    canvas c = canvas_of(dl, page, st, x, width);
    return ONE_PIECE[chart->u.chart.kind](&c, chart, top);
}

double wm_chart_height(const wm_style *st, const wm_block *chart, double width)
{
    return chart_layout(NULL, 0, st, chart, 0, 0, width);
}

void wm_chart_draw(wm_dlist *dl, size_t page, const wm_style *st, const wm_block *chart, double x,
                   double top, double width)
{
    chart_layout(dl, page, st, chart, x, top, width);
}
