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

#endif /* WM_MARKUP_H */
