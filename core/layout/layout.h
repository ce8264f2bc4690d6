/*
 * layout.h - the layout engine: from the document tree (core/document) to a
 * display list of positioned boxes (dlist.h).  It knows fonts' metrics and
 * nothing of PDF.
 *
 * The pages it makes, in order:
 *   1. the cover (consultancy and client logos, client name, title, date,
 *      prepared by, confidentiality);
 *   2. the contents: one entry per section, with its page number and a
 *      link, and the document's outline (bookmarks) mirroring it;
 *   3. the sections, each starting on a new page (unless the page the one
 *      before ended on holds less than a fifth of its height: then it
 *      follows there): headings, paragraphs, lists, key-value blocks,
 *      callouts, tables and charts, paginated.
 * Every page but the cover gets the running header (client, title) and the
 * footer (footer text or confidentiality, "Page N of M").  A report
 * (wm_layout_input.report) has no cover and no contents.
 *
 * Pagination rules: a table row is never split (a row taller than a page is
 * the one exception: it is cut at line boundaries), a table that breaks
 * repeats its header row, never starts with its header and one row at a
 * page's foot, and never leaves fewer than four rows alone on its last page;
 * a heading is never the last thing on a page (it moves with the block
 * after it, and with all of a short paragraph introducing a block); a
 * paragraph of up to three lines that ends with a colon stays with the
 * block it introduces; a list item and a key-value pair are never
 * split; a paragraph breaks between lines, leaving at least two lines on each
 * side where it can; a chart is never split, except a Gantt chart, which
 * continues over as many pages as it needs with its quarter axis repeated.
 *
 * Ownership: everything in wm_layout_input is borrowed for the call; the
 * returned display list belongs to the caller (wm_dl_free).
 */
#ifndef WM_LAYOUT_LAYOUT_H
#define WM_LAYOUT_LAYOUT_H

#include "../document/doc.h"
#include "dlist.h"
#include "pen.h"

/* A logo on the cover: which image the device draws (an index into the
 * images it is given, -1 for none) and its size in pixels, which is all the
 * layout needs to know of it. */
typedef struct {
    long image;
    double width, height;
} wm_logo_ref;
#define WM_NO_LOGO ((wm_logo_ref){-1, 0, 0})

typedef struct {
    const char *client;          /* client.name */
    const char *client_short;    /* for the running header; may be NULL */
    const char *sector;          /* client.sector, under the client's name; may be NULL */
    const char *title;           /* engagement.title */
    const char *date;            /* as shown on the cover ("20 November 2026"); may be NULL */
    const char *prepared_by;     /* "Sam Okafor, Fractional CTO, Keel Advisory"; may be NULL */
    const char *firm;            /* consultancy name (brand or prepared_by.firm); may be NULL */
    const char *confidentiality; /* may be NULL */
    const char *footer;          /* footer text; NULL: confidentiality */
    wm_logo_ref brand_logo, client_logo;
} wm_front_matter;

typedef struct {
    const wm_style *style; /* faces, colours, currency */
    double page_w, page_h; /* points */
    double margin_top, margin_bottom, margin_left, margin_right;
    wm_front_matter front;
    wm_doc_info info; /* copied into the display list */
    /* A report (the batch's portfolio) rather than a deliverable: no cover
     * and no contents page, the sections from the first page, every page
     * with the running header (the brand's logo in it, else the firm) and
     * footer.  The outline is made all the same. */
    bool report;
} wm_layout_input;

/* The most pages a document may take.  Text a plugin can hand over (8 MiB
 * of newlines, a long text in a narrow column) could otherwise need
 * hundreds of thousands; the densest real document takes a few hundred. */
#define WM_MAX_PAGES 10000

/* Lay the document out.  Never fails: whatever the document holds is drawn
 * within the page (long words are cut, oversized rows split).  A document
 * needing more than WM_MAX_PAGES pages is laid out to the end all the same,
 * but without new pages, and the display list's overflow_section names
 * the section that passed the limit: the caller reports it and writes
 * nothing. */
wm_dlist *wm_layout(const wm_doc *doc, const wm_layout_input *in);

#endif /* WM_LAYOUT_LAYOUT_H */
