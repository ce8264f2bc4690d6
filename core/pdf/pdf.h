/*
 * pdf.h - the PDF device: writes a display list (core/layout/dlist.h) as a
 * PDF with libharu 2.3.0.
 *
 * What it does, and the libharu pitfalls it steers around
 * (research/libharu.md):
 *   - fonts: each face slot that some text operation uses is subset with
 *     HarfBuzz (core/pdf/font.h) to the code points drawn in it and loaded
 *     from memory as an embedded TrueType (Type0, Identity-H) font with a
 *     ToUnicode CMap; unused slots are never loaded, so a document pays
 *     only for the faces it draws with.  The bytes subset are the face's
 *     own (wm_face_data), checked when the face was opened
 *     (core/layout/ttf_check.h), and the subset is checked again before
 *     libharu reads it; no temporary file is made;
 *   - page content and images are compressed with libdeflate (flate.h);
 *     text is written by us (cidtext.h), not by HPDF_Page_TextOut;
 *   - images: decoded pixels (core/pdf/image.h) go in as raw RGB with a
 *     DeviceGray soft mask for alpha; libharu never sees an image file;
 *   - links: border width 0; internal links jump to destinations (zoom
 *     kept: /XYZ left top 1... see pdf.c), URI links open the URL;
 *   - the outline (bookmarks) with UTF-8 titles, opened in the viewer;
 *   - metadata: title, author, subject, keywords, creator, a fixed producer
 *     string, and creation/modification dates from info.date (the renderer
 *     takes it from SOURCE_DATE_EPOCH or the engagement date) - never the
 *     clock, so the same input gives the same bytes;
 *   - errors: libharu's are sticky and some are recorded silently; every
 *     call's result is checked and the first error becomes the message.
 *
 * The document is built in memory and saved to a memory stream; the caller
 * writes the bytes (atomically, core/base/file.h): libharu's own file save
 * reports success on a failed write.
 *
 * Ownership: `images`, `fonts` and `faces` are borrowed for the call; on
 * success *out receives the PDF bytes, which the caller frees with free().
 */
#ifndef WM_PDF_PDF_H
#define WM_PDF_PDF_H

#include <stddef.h>

#include "../layout/dlist.h"
#include "../layout/text.h"
#include "image.h"

typedef struct {
    const char *fonts[WM_FACE_COUNT]; /* TrueType file for each slot (named in messages) */
    /* The opened font of each slot, when the caller has it (render.h's
     * cache); a used slot without one has its file opened (wm_face_open). */
    wm_face *faces[WM_FACE_COUNT];
    const wm_image *images; /* what WM_OP_IMAGE indexes */
    size_t n_images;
} wm_pdf_opts;

/* Returns 0 with *out / *out_len set, or -1 with *err set (caller frees). */
int wm_pdf_write(const wm_dlist *dl, const wm_pdf_opts *opts, unsigned char **out, size_t *out_len,
                 char **err);

/* The producer string written into every PDF. */
#define WM_PDF_PRODUCER "Waymark"

#endif /* WM_PDF_PDF_H */
