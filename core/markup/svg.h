/*
 * svg.h - a chart as inline SVG for the HTML output (html.c): the chart is
 * drawn by the PDF's own chart code (core/layout/chart.h) into a scratch
 * display list of one page the chart's size, and that page's operations
 * (text, rectangles, lines with their dashes, polygons) are written out as
 * SVG elements.  So the HTML's picture is the PDF's picture.
 *
 * Text keeps the face slot it was drawn in as a class ("f0".."f5", by
 * wm_face_slot; html.c's style sheet maps them to the embedded faces) and
 * the width the layout measured (textLength), so a label fits where it fits
 * in the PDF even when the browser falls back to another font.
 *
 * Ownership: everything is borrowed for the call; the SVG is appended to
 * `o`.  `used`, when not NULL, collects the code points each face slot
 * draws (for subsetting the embedded fonts).
 */
#ifndef WM_MARKUP_SVG_H
#define WM_MARKUP_SVG_H

#include "../document/doc.h"
#include "../layout/pen.h"
#include "../pdf/font.h"

/* Append `<svg ...>` for a chart block, `width` points wide, with role img
 * and a <title> (the chart's title, else `fallback_title`) whose id is
 * `title_id`.  Returns false (nothing appended) when the chart has nothing
 * to draw. */
bool wm_svg_chart(wm_buf *o, const wm_style *st, const wm_block *chart, double width,
                  const char *title_id, const char *fallback_title, wm_cpset used[WM_FACE_COUNT]);

/* Append s as HTML/XML text or attribute value: & < > " ' as references,
 * control characters (but tab and line feed) and non-characters left out,
 * bytes that are not UTF-8 as U+FFFD. */
void wm_html_escape(wm_buf *o, const char *s);

#endif /* WM_MARKUP_SVG_H */
