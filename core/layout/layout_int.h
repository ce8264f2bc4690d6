/*
 * layout_int.h - what the layout engine's files share: the cursor on the
 * page being filled, rich text broken into lines, and the typographic
 * scale.  Private to core/layout.
 *
 *   layout.c  the driver: pages in order, sections, blocks, pagination
 *   cursor.c  the cursor: new pages, what fits below it
 *   rich.c    paragraphs' runs broken into lines and drawn
 *   table.c   tables: column widths, wrapped cells, repeated headers
 *   pages.c   cover, contents, running header and footer
 */
#ifndef WM_LAYOUT_INT_H
#define WM_LAYOUT_INT_H

#include "layout.h"

/* The typographic scale, in points. */
#define WM_BODY_SIZE  9.5
#define WM_SMALL_SIZE 8.0
#define WM_TABLE_SIZE 8.0
#define WM_LEADING    1.32 /* line height / font size */
#define WM_H0_SIZE    20.0 /* a section's title */
#define WM_H1_SIZE    13.5
#define WM_H2_SIZE    11.0
#define WM_H3_SIZE    9.75
#define WM_BLOCK_GAP  9.0 /* space after a block */
#define WM_CELL_PAD_X 4.0
#define WM_CELL_PAD_Y 3.0

typedef struct {
    const wm_layout_input *in;
    const wm_style *st;
    wm_dlist *dl;
    size_t page;                     /* page being filled */
    double y;                        /* top of the free space on it */
    double left, right, top, bottom; /* the content box */
    double width;                    /* right - left */
    bool full;                       /* WM_MAX_PAGES reached: the last page is reused */
} wm_lay;

/* Start a new page and put the cursor at the top of its content box; once
 * the document has WM_MAX_PAGES pages, start the last one over instead
 * (l->full), so that layout goes on in bounded memory and time. */
void wm_lay_new_page(wm_lay *l);
/* Whether the cursor is at the top of its page (nothing placed yet). */
bool wm_lay_at_top(const wm_lay *l);
/* Start a new page unless `h` fits below the cursor (or the page is empty). */
void wm_lay_ensure(wm_lay *l, double h);

/* ---- rich text ---- */

typedef struct {
    char *s; /* the runs' text, concatenated */
    size_t len;
    size_t n_runs;
    size_t *run_end;    /* end byte of each run */
    wm_face_slot *slot; /* face of each run */
    const char **link;  /* URL of each run, or NULL */
    wm_line *lines;     /* broken at `max` */
    size_t n_lines;
    double size, line_h;
} wm_rich;

/* Break `text` into lines `max` wide at `size`; `base` is WM_FACE_REGULAR,
 * WM_FACE_BOLD (runs' italics still apply) or WM_FACE_HEADING (all runs).
 * Release with wm_rich_free. */
void wm_rich_break(wm_rich *r, const wm_style *st, const wm_text *text, wm_face_slot base,
                   double size, double max);
void wm_rich_free(wm_rich *r);
/* Draw line `i` with its baseline at y, aligned in [x, x + w]. */
void wm_rich_draw_line(wm_lay *l, const wm_rich *r, size_t i, double x, double w, wm_align align,
                       double baseline, wm_rgb colour);

/* Baseline offset below the top of a line of height line_h at size. */
double wm_baseline(double size, double line_h);

/* ---- tables ---- */

/* Height of the header and first row (what a heading before it keeps). */
double wm_table_first_height(wm_lay *l, const wm_block *b);
void wm_table_place(wm_lay *l, const wm_block *b);

/* ---- front matter and page furniture ---- */

typedef struct {
    const char *title;
    int level; /* 1: section, 2: a level-1 heading in it */
    size_t dest;
} wm_toc_entry;

void wm_pages_cover(wm_lay *l);
/* Pages the contents will take for n entries. */
size_t wm_pages_toc_count(const wm_lay *l, size_t n_entries);
/* Fill the reserved contents pages first..first+count. */
void wm_pages_toc(wm_lay *l, size_t first, size_t count, const wm_toc_entry *e, size_t n);
/* Running header and footer on every page but the cover. */
void wm_pages_furniture(wm_lay *l);

#endif /* WM_LAYOUT_INT_H */
