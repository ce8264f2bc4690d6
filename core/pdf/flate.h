/*
 * flate.h - Flate compression of the PDF's big streams with libdeflate,
 * in place of the zlib that libharu 2.3.0 runs at save time.
 *
 * Why: libharu deflates every stream with zlib at its default level when
 * the document is saved.  For a 30-page deliverable that is 0.4 MB of page
 * content and 0.5 MB of logo pixels, and it was a quarter of a render's CPU
 * time.  libdeflate gives the same size at level 6 in half the time, and a
 * logo compressed once can be reused by every render in the process (the
 * batch parent compresses it before it forks its workers).
 *
 * How: a stream dictionary whose data is complete (a finished page's
 * content, an image's pixels) has its data replaced by the compressed
 * bytes; its libharu filter is cleared so that libharu copies the bytes
 * as they are, and a write hook adds "/Filter /FlateDecode" to the
 * dictionary when it is written.  This uses libharu's own public headers
 * (hpdf_objects.h, hpdf_streams.h): HPDF_Dict_Rec's stream, filter and
 * write_fn, and the memory-stream calls.  Streams libharu fills only while
 * saving (embedded fonts, CIDToGIDMap) are left to libharu.
 *
 * Ownership: a wm_flate compressor belongs to its creator (wm_flate_new /
 * wm_flate_free); buffers returned by wm_flate_buf are the caller's to free.
 * Not thread-safe per compressor.
 */
#ifndef WM_PDF_FLATE_H
#define WM_PDF_FLATE_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

/* libdeflate's level 6: within 1% of zlib's default level in size. */
#define WM_FLATE_LEVEL 6

typedef struct wm_flate wm_flate;

/* A compressor at WM_FLATE_LEVEL; NULL only when out of memory. */
wm_flate *wm_flate_new(void);
void wm_flate_free(wm_flate *f);

/* Compress len bytes of data as a zlib stream (what /FlateDecode reads).
 * Returns a new buffer (caller frees) with its length in *out_len, or NULL
 * when out of memory. */
unsigned char *wm_flate_buf(wm_flate *f, const unsigned char *data, size_t len, size_t *out_len);

/* Replace the data of a libharu stream dictionary (a page's contents, an
 * image) with its compressed form, or with `z` when given (already
 * compressed with wm_flate_buf from the same data).  Does nothing and
 * returns true when the dictionary has no memory stream, no data, or a
 * write hook of its own (libharu then deflates it as before).  Returns
 * false only when libharu or memory failed; the document's error is set. */
bool wm_flate_stream(wm_flate *f, HPDF_Dict dict, const unsigned char *z, size_t z_len);

/* The same for the content stream of a page that is finished (nothing more
 * is drawn on it). */
bool wm_flate_page(wm_flate *f, HPDF_Page page);

#endif /* WM_PDF_FLATE_H */
