/*
 * svg.c - a chart as inline SVG, drawn by the PDF's chart code (see svg.h),
 * and the one escaping rule for HTML and SVG text.
 *
 * Display-list coordinates have y upwards from the page's bottom; SVG's go
 * down from the top, so every y becomes (height - y).
 */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../layout/chart.h"

/* ---- escaping ---- */

/* Code points an HTML document may not hold (HTML's "control" and
 * "noncharacter" parse errors), but tab and line feed. */
static bool forbidden(uint32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return false;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return true;
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

void wm_html_escape(wm_buf *o, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&':
            wm_buf_puts(o, "&amp;");
            i++;
            continue;
        case '<':
            wm_buf_puts(o, "&lt;");
            i++;
            continue;
        case '>':
            wm_buf_puts(o, "&gt;");
            i++;
            continue;
        case '"':
            wm_buf_puts(o, "&quot;");
            i++;
            continue;
        case '\'':
            wm_buf_puts(o, "&#39;");
            i++;
            continue;
        default:
            break;
        }
        uint32_t cp;
        size_t k = wm_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            wm_buf_puts(o, "\xEF\xBF\xBD"); /* U+FFFD for a byte that starts nothing */
            i++;
            continue;
        }
        if (!forbidden(cp))
            wm_buf_put(o, s + i, k);
        i += k;
    }
}

/* ---- numbers ---- */

/* A coordinate with at most two decimals and no trailing zeros. */
static void put_num(wm_buf *o, double v)
{
    char buf[48];
    if (!isfinite(v))
        v = 0;
    snprintf(buf, sizeof buf, "%.2f", v);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    wm_buf_puts(o, buf);
}

static void put_attr_num(wm_buf *o, const char *name, double v)
{
    wm_buf_printf(o, " %s=\"", name);
    put_num(o, v);
    wm_buf_putc(o, '"');
}

static void put_colour(wm_buf *o, const char *name, wm_rgb c)
{
    wm_buf_printf(o, " %s=\"#%02x%02x%02x\"", name, c.r, c.g, c.b);
}

/* ---- operations ---- */

typedef struct {
    wm_buf *o;
    double h; /* the page's height: y flips about it */
    wm_cpset *used;
} svg;

static void op_text(svg *s, const wm_op *op)
{
    wm_buf_printf(s->o, "<text class=\"f%d\"", (int)op->u.text.face);
    put_attr_num(s->o, "x", op->u.text.x);
    put_attr_num(s->o, "y", s->h - op->u.text.y);
    put_attr_num(s->o, "font-size", op->u.text.size);
    put_colour(s->o, "fill", op->u.text.colour);
    if (op->u.text.width > 0) {
        put_attr_num(s->o, "textLength", op->u.text.width);
        wm_buf_puts(s->o, " lengthAdjust=\"spacingAndGlyphs\"");
    }
    wm_buf_putc(s->o, '>');
    wm_html_escape(s->o, op->u.text.text);
    wm_buf_puts(s->o, "</text>\n");
    if (s->used)
        (void)wm_cpset_add_utf8(&s->used[op->u.text.face], op->u.text.text);
}

static void paint(wm_buf *o, bool fill, wm_rgb fc, bool stroke, wm_rgb sc, double lw)
{
    if (fill)
        put_colour(o, "fill", fc);
    else
        wm_buf_puts(o, " fill=\"none\"");
    if (stroke) {
        put_colour(o, "stroke", sc);
        put_attr_num(o, "stroke-width", lw);
    }
}

static void op_rect(svg *s, const wm_op *op)
{
    wm_buf_puts(s->o, "<rect");
    put_attr_num(s->o, "x", op->u.rect.x);
    put_attr_num(s->o, "y", s->h - (op->u.rect.y + op->u.rect.h));
    put_attr_num(s->o, "width", fabs(op->u.rect.w));
    put_attr_num(s->o, "height", fabs(op->u.rect.h));
    paint(s->o, op->u.rect.fill, op->u.rect.fill_colour, op->u.rect.stroke,
          op->u.rect.stroke_colour, op->u.rect.line_width);
    wm_buf_puts(s->o, "/>\n");
}

static void op_line(svg *s, const wm_op *op)
{
    wm_buf_puts(s->o, "<line");
    put_attr_num(s->o, "x1", op->u.line.x1);
    put_attr_num(s->o, "y1", s->h - op->u.line.y1);
    put_attr_num(s->o, "x2", op->u.line.x2);
    put_attr_num(s->o, "y2", s->h - op->u.line.y2);
    put_colour(s->o, "stroke", op->u.line.colour);
    put_attr_num(s->o, "stroke-width", op->u.line.line_width);
    if (op->u.line.dash)
        wm_buf_printf(s->o, " stroke-dasharray=\"%u\"", op->u.line.dash);
    wm_buf_puts(s->o, "/>\n");
}

static void op_poly(svg *s, const wm_op *op)
{
    if (op->u.poly.n < 2)
        return;
    wm_buf_puts(s->o, op->u.poly.closed ? "<polygon points=\"" : "<polyline points=\"");
    for (size_t i = 0; i < op->u.poly.n; i++) {
        if (i)
            wm_buf_putc(s->o, ' ');
        put_num(s->o, op->u.poly.points[i].x);
        wm_buf_putc(s->o, ',');
        put_num(s->o, s->h - op->u.poly.points[i].y);
    }
    wm_buf_putc(s->o, '"');
    paint(s->o, op->u.poly.fill && op->u.poly.closed, op->u.poly.fill_colour, op->u.poly.stroke,
          op->u.poly.stroke_colour, op->u.poly.line_width);
    wm_buf_puts(s->o, "/>\n");
}

/* Images, links and destinations: charts draw none. */
static void op_none(svg *s, const wm_op *op)
{
    (void)s, (void)op;
}

static void (*const OP[])(svg *, const wm_op *) = {
    [WM_OP_TEXT] = op_text,  [WM_OP_RECT] = op_rect, [WM_OP_LINE] = op_line, [WM_OP_POLY] = op_poly,
    [WM_OP_IMAGE] = op_none, [WM_OP_LINK] = op_none, [WM_OP_DEST] = op_none,
};

/* ---- the chart ---- */

bool wm_svg_chart(wm_buf *o, const wm_style *st, const wm_block *chart, double width,
                  const char *title_id, const char *fallback_title, wm_cpset used[WM_FACE_COUNT])
{
    double h;
    wm_gantt *g = NULL;
    if (chart->u.chart.kind == WM_CHART_GANTT) {
        g = wm_gantt_prepare(st, chart, width);
        h = wm_gantt_head_height(g) + wm_gantt_rows_height(g, 0, wm_gantt_rows(g)) +
            wm_gantt_foot_height(g);
    } else {
        h = wm_chart_height(st, chart, width);
    }
    if (!(h > 0) || !isfinite(h)) {
        wm_gantt_free(g);
        return false;
    }
    wm_dlist *dl = wm_dl_new(width, h);
    size_t page = wm_dl_add_page(dl);
    if (g)
        wm_gantt_draw(dl, page, g, 0, wm_gantt_rows(g), 0, h);
    else
        wm_chart_draw(dl, page, st, chart, 0, h, width);
    wm_gantt_free(g);

    wm_buf_puts(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"");
    wm_html_escape(o, title_id);
    wm_buf_puts(o, "\" viewBox=\"0 0 ");
    put_num(o, width);
    wm_buf_putc(o, ' ');
    put_num(o, h);
    wm_buf_puts(o, "\"");
    put_attr_num(o, "width", width);
    put_attr_num(o, "height", h);
    wm_buf_puts(o, "><title id=\"");
    wm_html_escape(o, title_id);
    wm_buf_puts(o, "\">");
    const char *title = chart->u.chart.title ? chart->u.chart.title : fallback_title;
    wm_html_escape(o, title ? title : "Chart");
    wm_buf_puts(o, "</title>\n");
    svg s = {o, h, used};
    const wm_page *pg = &dl->pages[page];
    for (size_t i = 0; i < pg->n; i++)
        OP[pg->ops[i].kind](&s, &pg->ops[i]);
    wm_buf_puts(o, "</svg>\n");
    wm_dl_free(dl);
    return true;
}
