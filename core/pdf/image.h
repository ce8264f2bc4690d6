/*
 * image.h - the image gate: decode a logo (PNG or JPEG) into raw pixels that
 * the PDF writer hands to libharu (HPDF_LoadRawImageFromMem for the colour,
 * plus a DeviceGray image attached with HPDF_Image_AddSMask for the alpha).
 *
 * libharu 2.3.0 must never see a logo file itself: a corrupt PNG makes it
 * abort the process and a bogus JPEG passes straight into the PDF
 * (research/reliability.md section 5, research/libharu.md section 7).  So
 * every image is decoded here, completely, with libpng and libjpeg set up
 * to report errors instead of exiting, and within fixed limits:
 *
 *   - the file is at most WM_IMAGE_MAX_BYTES (16 MiB);
 *   - width and height are at most WM_IMAGE_MAX_SIDE (8192) each;
 *   - the pixel count is at most WM_IMAGE_MAX_PIXELS (16 Mi = 4096x4096);
 *
 * the dimensions are checked from the header before any pixel memory is
 * allocated.  The type is found from the signature, never from the name.
 *
 * Thread-safe (no globals; each call has its own decoder state) and silent:
 * libpng and libjpeg messages are captured into the error message.
 */
#ifndef WM_IMAGE_H
#define WM_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WM_IMAGE_MAX_BYTES  ((size_t)16 * 1024 * 1024)
#define WM_IMAGE_MAX_SIDE   8192u
#define WM_IMAGE_MAX_PIXELS ((uint64_t)16 * 1024 * 1024)

typedef struct {
    uint32_t width, height;
    unsigned char *rgb;   /* width*height*3 bytes, row-major, owned */
    unsigned char *alpha; /* width*height bytes or NULL when fully opaque, owned */
    /* Optional: rgb and alpha already Flate-compressed (zlib format, as
     * wm_flate_buf makes them), so that a logo drawn by many renders is
     * compressed once; NULL: the PDF writer compresses them itself. */
    unsigned char *z_rgb, *z_alpha; /* owned */
    size_t z_rgb_len, z_alpha_len;
} wm_image;

/* Decode a PNG or JPEG file (by its signature, not its name).  On success
 * fills *out (release it with wm_image_free) and returns true.  On failure
 * returns false, leaves *out zeroed and, when err is not NULL, sets *err to
 * a message for the user that the caller frees, e.g. "not a PNG or JPEG
 * image", "the PNG is corrupt: CRC error in IDAT", "the image is
 * 30000x20000 pixels; the limit is 16 megapixels".  The message does not
 * name the file: the caller says which logo it was. */
bool wm_image_load(const char *path, wm_image *out, char **err);

/* The same for bytes in memory (borrowed for the call). */
bool wm_image_load_mem(const unsigned char *data, size_t len, wm_image *out, char **err);

/* Release the pixels and zero *img.  Accepts NULL and a zeroed image. */
void wm_image_free(wm_image *img);

#endif /* WM_IMAGE_H */
