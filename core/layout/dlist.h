/*
 * dlist.h - the display list: what the layout engine produces and what the
 * devices consume.  It is the boundary between layout (which knows fonts'
 * metrics but no PDF) and the devices (the PDF writer in core/pdf/pdf.c and
 * the text dump in dlist.c, used by golden tests and for debugging).
 *
 * A display list is a sequence of pages, each a sequence of drawing
 * operations in page coordinates: points (1/72 in), origin at the bottom
 * left, y upwards - PDF's own convention, so the PDF device copies numbers
 * through.  Every coordinate is rounded to 1/100 pt when it is recorded, so
 * the dump and the PDF see the same numbers and output does not depend on
 * float noise.
 *
 * Text operations carry one face each: the layout has already split a line
 * into runs by style and by which face has each glyph (the fallback face
 * draws what the brand's faces lack), so a device never measures or
 * substitutes anything.
 *
 * Besides pages the list holds destinations (a place on a page that a
 * contents entry or a bookmark jumps to), the outline (bookmarks) and the
 * document's metadata.
 *
 * Ownership: a wm_dlist owns everything in it (one arena); strings given to
 * the wm_dl_* functions are copied.  Images are referred to by index into an
 * array the caller keeps (see wm_pdf_write); fonts by a wm_face_slot.
 */
#ifndef WM_LAYOUT_DLIST_H
#define WM_LAYOUT_DLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/util.h"

typedef struct {
    uint8_t r, g, b;
} wm_rgb;

/* The faces a document uses.  The brand names a file for each of the first
 * five; WM_FACE_FALLBACK and the slots after it are the fallback chain: the
 * brand's own fallback fonts, then the bundled wide-coverage faces (Latin,
 * Greek, Cyrillic; CJK; symbols), tried in order for a character the
 * text's face lacks.  A chain shorter than WM_FALLBACK_MAX repeats its last
 * face in the remaining slots, so every slot is always set. */
enum { WM_FALLBACK_MAX = 8 };
typedef enum {
    WM_FACE_REGULAR,
    WM_FACE_BOLD,
    WM_FACE_ITALIC,
    WM_FACE_BOLD_ITALIC,
    WM_FACE_HEADING,
    WM_FACE_FALLBACK,
    WM_FACE_COUNT = WM_FACE_FALLBACK + WM_FALLBACK_MAX
} wm_face_slot;

typedef enum {
    WM_OP_TEXT,  /* one run of text on a baseline */
    WM_OP_RECT,  /* a rectangle, filled and/or stroked */
    WM_OP_LINE,  /* a straight line */
    WM_OP_POLY,  /* a polygon or polyline */
    WM_OP_IMAGE, /* an image scaled into a rectangle */
    WM_OP_LINK,  /* a clickable area: a destination or a URL */
    WM_OP_DEST   /* marks where destination `dest` is (no drawing) */
} wm_op_kind;

typedef struct {
    double x, y;
} wm_point;

typedef struct {
    wm_op_kind kind;
    union {
        struct {
            double x, y; /* start of the baseline */
            double size; /* points */
            wm_face_slot face;
            wm_rgb colour;
            const char *text; /* UTF-8, non-empty, no control characters */
            double width;     /* advance of the run as measured by the layout */
        } text;
        struct {
            double x, y, w, h; /* bottom-left corner, size */
            bool fill, stroke;
            wm_rgb fill_colour, stroke_colour;
            double line_width;
        } rect;
        struct {
            double x1, y1, x2, y2;
            wm_rgb colour;
            double line_width;
            unsigned dash; /* 0: solid; else dash and gap of this many points */
        } line;
        struct {
            wm_point *points;
            size_t n;
            bool closed, fill, stroke;
            wm_rgb fill_colour, stroke_colour;
            double line_width;
        } poly;
        struct {
            size_t image; /* index into the caller's image array */
            double x, y, w, h;
        } image;
        struct {
            double x, y, w, h;
            const char *uri; /* external link, or NULL */
            size_t dest;     /* internal destination when uri is NULL */
        } link;
        struct {
            size_t dest;
            double y; /* top of the target, on this page */
        } dest;
    } u;
} wm_op;

typedef struct {
    wm_op *ops;
    size_t n, cap;
} wm_page;

typedef struct {
    size_t page; /* 0-based */
    double y;
    bool placed; /* false until a WM_OP_DEST for it is added */
} wm_dest;

typedef struct {
    const char *title;
    int level; /* 1 = top */
    size_t dest;
} wm_outline_item;

typedef struct {
    const char *title, *author, *subject, *keywords, *creator;
    int64_t date; /* seconds since the epoch (UTC); < 0 for none */
} wm_doc_info;

typedef struct {
    wm_arena arena;
    double page_w, page_h; /* every page has this size */
    wm_page *pages;
    size_t n_pages, cap_pages;
    wm_dest *dests;
    size_t n_dests, cap_dests;
    wm_outline_item *outline;
    size_t n_outline, cap_outline;
    wm_doc_info info; /* strings owned by the arena */
    /* The layout engine's: the section (index in document order) during
     * which the document passed WM_MAX_PAGES pages (layout.h), or -1.  A
     * list where it is set is incomplete and never written. */
    long overflow_section;
    size_t n_uri_areas; /* wm_dl_link_uri's, at most WM_MAX_URI_AREAS */
    /* Characters the pen drew as a stand-in (text.h, wm_glyph_missing),
     * each once (at most WM_DL_MAX_MISSING), with the section being placed
     * when it was first met: `section`, which the layout engine sets (-1
     * for the cover, the contents and the page furniture).  For render's
     * warnings about plugin text. */
    struct wm_dl_missing {
        uint32_t cp;
        long section;
    } * missing;
    size_t n_missing, cap_missing;
    long section;
} wm_dlist;

enum { WM_DL_MAX_MISSING = 256 };
/* Note that cp was drawn as a stand-in in the current section. */
void wm_dl_note_missing(wm_dlist *dl, uint32_t cp);

wm_dlist *wm_dl_new(double page_w, double page_h);
void wm_dl_free(wm_dlist *dl);

/* Append a page; returns its index.  Operations go to page `page`. */
size_t wm_dl_add_page(wm_dlist *dl);

void wm_dl_text(wm_dlist *dl, size_t page, double x, double y, wm_face_slot face, double size,
                wm_rgb colour, const char *text, size_t len, double width);
void wm_dl_rect(wm_dlist *dl, size_t page, double x, double y, double w, double h,
                const wm_rgb *fill, const wm_rgb *stroke, double line_width);
void wm_dl_line(wm_dlist *dl, size_t page, double x1, double y1, double x2, double y2,
                wm_rgb colour, double line_width, unsigned dash);
void wm_dl_poly(wm_dlist *dl, size_t page, const wm_point *pts, size_t n, bool closed,
                const wm_rgb *fill, const wm_rgb *stroke, double line_width);
void wm_dl_image(wm_dlist *dl, size_t page, size_t image, double x, double y, double w, double h);
/* A clickable area opening `uri`.  A link's text over several lines (or
 * pages, or narrow table cells) needs one area for each piece, and each is
 * a PDF annotation (about 75 us to write): past WM_MAX_URI_AREAS in a
 * document, further areas are left out, so what a plugin's links cost is
 * bounded; the text is drawn and underlined all the same. */
#define WM_MAX_URI_AREAS 20000
void wm_dl_link_uri(wm_dlist *dl, size_t page, double x, double y, double w, double h,
                    const char *uri);
void wm_dl_link_dest(wm_dlist *dl, size_t page, double x, double y, double w, double h,
                     size_t dest);

/* A new destination, not yet placed; returns its index. */
size_t wm_dl_new_dest(wm_dlist *dl);
/* Place destination `dest` at the top `y` of page `page`. */
void wm_dl_place_dest(wm_dlist *dl, size_t dest, size_t page, double y);

void wm_dl_outline(wm_dlist *dl, const char *title, int level, size_t dest);

/* Copy metadata strings into the list (NULL leaves a field unset). */
void wm_dl_set_info(wm_dlist *dl, const wm_doc_info *info);

/* The text device: one line per page and per operation, coordinates with
 * two decimals, for golden tests and debugging.  The caller frees it. */
char *wm_dl_dump(const wm_dlist *dl);

/* Parse "#RRGGBB" (or "RRGGBB"); false when it is not that. */
bool wm_rgb_parse(const char *s, wm_rgb *out);

#endif /* WM_LAYOUT_DLIST_H */
