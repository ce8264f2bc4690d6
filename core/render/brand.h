/*
 * brand.h - the brand (theme) a deliverable is rendered in: name, colours,
 * fonts, logo, page size, margins and footer text (deliverable.md).
 *
 * A brand is a YAML file (format `waymark-brand/1`, docs/brands.md) read
 * with the same schema getters as engagement files, so every mistake in it
 * is reported with file:line:col, what was expected and a hint.  A built-in
 * default (wm_brand_default) needs no file: Noto Sans, A4, navy and teal.
 *
 * Font and logo paths in a brand file are relative to the brand file; a
 * bare font file name ("NotoSans-Bold.ttf") is looked up in the bundled
 * fonts/ folder first.  Paths are resolved and checked (the file exists and
 * is readable) when the brand is loaded; the logo is decoded later, by the
 * renderer, through the image gate (core/pdf/image.h).
 *
 * Ownership: wm_brand_load and wm_brand_default return a brand the caller
 * frees with wm_brand_free; every string in it belongs to the brand.
 */
#ifndef WM_RENDER_BRAND_H
#define WM_RENDER_BRAND_H

#include "../../core/waymark.h"
#include "../layout/dlist.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"

typedef struct wm_brand {
    char *name; /* "Keel Advisory"; shown on the cover as the consultancy */
    char *file; /* the brand file, or NULL for the built-in brand */
    wm_rgb primary, secondary, accent, text, muted;
    /* Absolute paths of the TrueType files for the first five face slots
     * (regular, bold, italic, bold italic, heading) and the fallback. */
    char *fonts[WM_FACE_COUNT];
    char *logo;            /* absolute path, or NULL */
    wm_pos logo_pos;       /* where the brand file names it (for error messages) */
    double page_w, page_h; /* points: A4 595.28 x 841.89, Letter 612 x 792 */
    bool letter;           /* US Letter rather than A4 */
    double margin_top, margin_bottom, margin_left, margin_right; /* points */
    char *footer; /* footer text, or NULL (the engagement's confidentiality) */
} wm_brand;

/* The built-in brand, with fonts from the data directory (wm_data_dir). */
wm_brand *wm_brand_default(void);

/* Load a brand file.  Problems go to `diags` (every one found); NULL when
 * there was an error. */
wm_brand *wm_brand_load(const char *path, wm_diags *diags);

/* The same for a brand file's bytes, already read (`len` of them at `data`,
 * borrowed); `path` names it in messages and is where its relative paths
 * start.  For fuzz/fuzz_brand.c and callers that hold the bytes. */
wm_brand *wm_brand_load_buffer(const char *path, const char *data, size_t len, wm_diags *diags);

void wm_brand_free(wm_brand *b);

/* What a brand gives the layout, in the one place every document takes it
 * from (the deliverable, the batch's portfolio): the style (its colours,
 * the faces given, and `currency`, which may be NULL) and the page (size
 * and margins; `landscape` turns the page on its side).  The front matter
 * and the document's info stay the caller's to set.  `faces` and `cur` are
 * borrowed by *st, which *in points to. */
void wm_brand_layout(const wm_brand *b, wm_face *const faces[WM_FACE_COUNT], const wm_currency *cur,
                     bool landscape, wm_style *st, wm_layout_input *in);

/* What a brand gives the PDF device: its font files and the faces parsed
 * from them (borrowed).  Images stay the caller's to set. */
void wm_brand_pdf_opts(const wm_brand *b, wm_face *const faces[WM_FACE_COUNT], wm_pdf_opts *po);

#endif /* WM_RENDER_BRAND_H */
