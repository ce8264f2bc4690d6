/*
 * markup.h - the document as marked-up text: Markdown (CommonMark with
 * GitHub's pipe tables) for `plan --format md` and `render --format md`,
 * and a standalone, accessible HTML file for `render --format html`.
 *
 * Both read the one document tree (core/document/doc.h) that the PDF's
 * layout reads, with the same front matter (the cover's texts), so every
 * output carries the same sections and figures.  A chart is shown by its
 * data table (wm_chart_table) in Markdown, and as an SVG picture drawn by
 * the PDF's own chart code plus that table in HTML.
 *
 * Text from plugins and from the engagement is escaped for each format:
 * nothing a client or a plugin writes is read as markup.
 *
 * Ownership: everything is borrowed for the call; the result is a
 * NUL-terminated string the caller frees.
 */
#ifndef WM_MARKUP_H
#define WM_MARKUP_H

#include "../document/doc.h"
#include "../layout/layout.h"

char *wm_markdown(const wm_doc *doc, const wm_front_matter *front, const wm_currency *cur);

/* A logo's file (PNG or JPEG, already through the image gate) for the HTML
 * cover, embedded as a data: URI; `data` NULL for none. */
typedef struct {
    const unsigned char *data;
    size_t len;
    double width, height; /* pixels */
} wm_html_logo;

/* What the HTML takes from the brand besides the front matter. */
typedef struct {
    /* Faces (which measure and draw the charts, and are embedded as
     * subsets), colours and currency; NULL: no brand, charts shown by
     * their data tables alone and no fonts embedded. */
    const wm_style *style;
    double chart_width; /* points: the PDF's text width */
    wm_html_logo brand_logo, client_logo;
    bool embed_fonts; /* @font-face subsets of the style's faces */
    /* The brand's page for printing (points); w 0: the browser's page and
     * margins of 16 x 15 mm. */
    struct {
        double w, h, top, right, bottom, left;
    } page;
} wm_html_opts;

/* The document as one standalone HTML5 file: the cover as <header>, the
 * contents as <nav>, one <section> per document section (h2, the blocks'
 * headings h3 to h5), tables with header cells, each chart as SVG
 * (svg.h) with its data table, the brand's colours as CSS custom
 * properties and its faces embedded (cut to the code points used), a
 * Content-Security-Policy that allows nothing but inline styles and data:
 * images and fonts, and print rules.  `opts` may be NULL (no brand). */
char *wm_html(const wm_doc *doc, const wm_front_matter *front, const wm_currency *cur,
              const wm_html_opts *opts);

#endif /* WM_MARKUP_H */
