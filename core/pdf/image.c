/*
 * image.c - the image gate (see image.h): read a logo file with a size cap,
 * sniff its type, and decode it completely with libpng or libjpeg into
 * 8-bit RGB plus an optional 8-bit alpha plane.
 *
 * Error handling.  Both libraries report fatal errors through a callback
 * that must not return.  Here the callbacks copy the library's message into
 * the decoder's context and longjmp back to the setjmp in png_run or
 * jpeg_run.  Everything those functions allocate is reachable from the
 * context (never from their own locals, which setjmp would leave
 * indeterminate), so the caller frees it on every path.  Nothing is printed.
 *
 * Limits.  The dimensions are checked from the header (the PNG's IHDR, the
 * JPEG's SOF) before any pixel memory exists; libpng additionally gets
 * png_set_user_limits and libjpeg a memory cap and a scan-count cap (a
 * progressive JPEG with thousands of tiny scans is a CPU bomb).
 */
#define _POSIX_C_SOURCE 200809L
#include "image.h"
#include "../base/deps.h"
#include "../base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <png.h>
/* jpeglib.h needs size_t and FILE declared first. */
#include <jpeglib.h>
#include <jerror.h>

#include "../base/util.h"

#define MAX_PIXELS_MI  (WM_IMAGE_MAX_PIXELS / (1024 * 1024)) /* for messages */
#define MAX_BYTES_MI   (WM_IMAGE_MAX_BYTES / (1024 * 1024))
#define PNG_CHUNK_MAX  ((png_alloc_size_t)8 * 1024 * 1024) /* one ancillary chunk */
#define JPEG_MAX_SCANS 256
#define JPEG_MAX_MEM   (256L * 1024 * 1024) /* libjpeg's own buffers */

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static bool fail(char **err, const char *fmt, ...) WM_PRINTF(2, 3);

static bool fail(char **err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        *err = wm_xvasprintf(fmt, ap);
        va_end(ap);
    }
    return false;
}

/* *r = a * b, or false when that overflows size_t. */
static bool mul_size(size_t a, size_t b, size_t *r)
{
    if (b != 0 && a > SIZE_MAX / b)
        return false;
    *r = a * b;
    return true;
}

/* Check dimensions read from a header; the limits are inclusive. */
static bool check_dims(uint64_t w, uint64_t h, char **err)
{
    if (w == 0 || h == 0)
        return fail(err, "the image is %" PRIu64 "x%" PRIu64 " pixels, which is empty", w, h);
    /* w and h come from 32-bit (PNG) or 16-bit (JPEG) fields: no overflow. */
    if (w * h > WM_IMAGE_MAX_PIXELS)
        return fail(err, "the image is %" PRIu64 "x%" PRIu64 " pixels; the limit is %u megapixels",
                    w, h, (unsigned)MAX_PIXELS_MI);
    if (w > WM_IMAGE_MAX_SIDE || h > WM_IMAGE_MAX_SIDE)
        return fail(err,
                    "the image is %" PRIu64 "x%" PRIu64
                    " pixels; the limit is %u pixels in width and in height",
                    w, h, WM_IMAGE_MAX_SIDE);
    return true;
}

/* Bytes for n pixels of `channels` bytes each, or false on overflow. */
static bool pixel_bytes(uint32_t w, uint32_t h, size_t channels, size_t *r)
{
    size_t n;
    return mul_size(w, h, &n) && mul_size(n, channels, r);
}

/* Copy a library message, trimmed to fit, for use after the longjmp. */
static void keep_message(char *dst, size_t size, const char *msg)
{
    snprintf(dst, size, "%s", msg ? msg : "unknown error");
}

/* A library message as the tail of ours: "Not enough image data" -> "not
 * enough image data"; acronyms ("IDAT ...", "JPEG ...") keep their case. */
static void lower_first(char *s)
{
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
        s[0] = (char)(s[0] - 'A' + 'a');
}

/* ------------------------------------------------------------------------ */
/* PNG                                                                       */
/* ------------------------------------------------------------------------ */

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

typedef struct {
    const unsigned char *data;
    size_t len, pos;
    png_structp png;
    png_infop info;
    bool truncated;        /* the reader ran out of bytes */
    char msg[256];         /* libpng's fatal error */
    char warning[256];     /* its first warning, which may explain the error */
    char *limit_err;       /* our own error, set inside png_decode */
    unsigned char *pixels; /* width*height*channels */
    png_bytep *rows;
    unsigned char *alpha;
} png_ctx;

static void png_on_error(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    keep_message(c->msg, sizeof c->msg, msg);
    png_longjmp(png, 1);
}

static void png_on_warning(png_structp png, png_const_charp msg)
{
    /* Warnings (an ancillary chunk with a bad CRC, a known-incorrect sRGB
     * profile, extra image data) do not stop the decode and are not shown;
     * the first one is kept because libpng reports what is wrong with IHDR
     * (the first chunk) as warnings before its fatal "Invalid IHDR data". */
    png_ctx *c = png_get_error_ptr(png);
    if (!c->warning[0])
        keep_message(c->warning, sizeof c->warning, msg);
}

static void png_on_read(png_structp png, png_bytep buf, size_t n)
{
    png_ctx *c = png_get_io_ptr(png);
    if (n > c->len - c->pos) {
        c->truncated = true;
        png_error(png, "the file ends too early");
    }
    memcpy(buf, c->data + c->pos, n);
    c->pos += n;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* The message for libpng's error: "IDAT: CRC error" reads better as "CRC
 * error in IDAT", and a few others get plain words. */
static char *png_message(const png_ctx *c)
{
    if (c->limit_err)
        return wm_xstrdup(c->limit_err);
    if (c->truncated)
        return wm_xstrdup("the PNG is truncated");
    char m[sizeof c->msg];
    snprintf(m, sizeof m, "%s", c->msg);
    size_t wn = strlen(c->warning);
    if (strcmp(m, "Invalid IHDR data") == 0 && wn > 8 &&
        strcmp(c->warning + wn - 8, " in IHDR") == 0)
        snprintf(m, sizeof m, "%s", c->warning);
    if (strcmp(m, "Not enough image data") == 0)
        return wm_xstrdup("the PNG is corrupt: the image data is incomplete");
    if (strncmp(m, "Insufficient memory", 19) == 0 || strstr(m, "out of memory"))
        return wm_xstrdup("not enough memory to decode the PNG");
    /* png_chunk_error writes "XXXX: message", XXXX being the chunk type. */
    const char *colon = strstr(m, ": ");
    if (colon && colon - m == 4) {
        char chunk[5];
        memcpy(chunk, m, 4);
        chunk[4] = '\0';
        char *rest = m + 6;
        lower_first(rest);
        if (strcmp(rest, "out of place") == 0 && strcmp(chunk, "IEND") == 0)
            return wm_xstrdup("the PNG is corrupt: it has no image data (IDAT)");
        if (strstr(rest, chunk)) /* "IDAT: Missing PLTE before IDAT" */
            return wm_xasprintf("the PNG is corrupt: %s", rest);
        return wm_xasprintf("the PNG is corrupt: %s in %s", rest, chunk);
    }
    lower_first(m);
    return wm_xasprintf("the PNG is corrupt: %s", m);
}

/* Runs under png_run's setjmp: every allocation goes into *c. */
static bool png_decode(png_ctx *c, wm_image *out)
{
    /* Ancillary chunks we never use are skipped unread (no decompression
     * of zTXt/iTXt/iCCP, no storage of sPLT). */
    static const png_byte skip[] = "tEXt\0zTXt\0iTXt\0iCCP\0sPLT\0eXIf\0hIST\0";
    png_set_keep_unknown_chunks(c->png, PNG_HANDLE_CHUNK_NEVER, skip, (int)(sizeof skip / 5));
    png_set_user_limits(c->png, WM_IMAGE_MAX_SIDE, WM_IMAGE_MAX_SIDE);
    png_set_chunk_malloc_max(c->png, PNG_CHUNK_MAX);
    png_set_chunk_cache_max(c->png, 128);
    png_set_read_fn(c->png, c, png_on_read);

    png_read_info(c->png, c->info);
    png_uint_32 w, h;
    int depth, type, interlace;
    png_get_IHDR(c->png, c->info, &w, &h, &depth, &type, &interlace, NULL, NULL);
    char *e = NULL;
    if (!check_dims(w, h, &e)) {
        c->limit_err = e;
        return false;
    }

    bool trns = png_get_valid(c->png, c->info, PNG_INFO_tRNS) != 0;
    bool has_alpha = (type & PNG_COLOR_MASK_ALPHA) != 0 || trns;
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(c->png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(c->png);
    if (trns)
        png_set_tRNS_to_alpha(c->png);
    if (depth == 16)
        png_set_scale_16(c->png); /* rounds; strip_16 would truncate */
    if ((type & PNG_COLOR_MASK_COLOR) == 0)
        png_set_gray_to_rgb(c->png);
    (void)png_set_interlace_handling(c->png);
    png_read_update_info(c->png, c->info);

    size_t channels = png_get_channels(c->png, c->info);
    size_t row_bytes, total;
    if (channels != (has_alpha ? 4u : 3u) || png_get_bit_depth(c->png, c->info) != 8 ||
        !mul_size(w, channels, &row_bytes) || png_get_rowbytes(c->png, c->info) != row_bytes ||
        !pixel_bytes(w, h, channels, &total)) {
        c->limit_err = wm_xasprintf("the PNG uses a pixel format this tool cannot read "
                                    "(colour type %d, bit depth %d)",
                                    type, depth);
        return false;
    }

    c->pixels = wm_xmalloc(total);
    size_t nrows;
    if (!mul_size(h, sizeof *c->rows, &nrows)) {
        c->limit_err = wm_xstrdup("the PNG is too large");
        return false;
    }
    c->rows = wm_xmalloc(nrows);
    for (size_t y = 0; y < h; y++)
        c->rows[y] = c->pixels + y * row_bytes;
    png_read_image(c->png, c->rows);
    /* Reads up to IEND: checks the last IDAT's CRC and finds truncation. */
    png_read_end(c->png, NULL);
    free(c->rows);
    c->rows = NULL;

    size_t n = (size_t)w * h;
    if (has_alpha) {
        /* Split RGBA into RGB (in place, moving down) and alpha. */
        c->alpha = wm_xmalloc(n);
        bool opaque = true;
        unsigned char *p = c->pixels;
        for (size_t i = 0; i < n; i++) {
            unsigned char r = p[4 * i], g = p[4 * i + 1], b = p[4 * i + 2], a = p[4 * i + 3];
            p[3 * i] = r;
            p[3 * i + 1] = g;
            p[3 * i + 2] = b;
            c->alpha[i] = a;
            opaque = opaque && a == 255;
        }
        c->pixels = wm_xrealloc(c->pixels, n * 3);
        if (opaque) {
            free(c->alpha);
            c->alpha = NULL;
        }
    }
    out->width = w;
    out->height = h;
    out->rgb = c->pixels;
    out->alpha = c->alpha;
    c->pixels = NULL;
    c->alpha = NULL;
    return true;
}

/* The setjmp frame.  Its own locals are never modified after setjmp. */
static bool png_run(png_ctx *c, wm_image *out)
{
    if (setjmp(png_jmpbuf(c->png)))
        return false;
    return png_decode(c, out);
}

static bool load_png(const unsigned char *data, size_t len, wm_image *out, char **err)
{
    /* IHDR is the first chunk: check the size before libpng sees it. */
    if (len >= 8 + 8 + 13 && be32(data + 8) == 13 && memcmp(data + 12, "IHDR", 4) == 0) {
        uint32_t w = be32(data + 16), h = be32(data + 20);
        if (!check_dims(w, h, err))
            return false;
    }

    png_ctx c;
    memset(&c, 0, sizeof c);
    c.data = data;
    c.len = len;
    c.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_on_error, png_on_warning);
    if (!c.png)
        return fail(err, "not enough memory to decode the PNG");
    c.info = png_create_info_struct(c.png);
    if (!c.info) {
        png_destroy_read_struct(&c.png, NULL, NULL);
        return fail(err, "not enough memory to decode the PNG");
    }
    bool ok = png_run(&c, out);
    if (!ok && err)
        *err = png_message(&c);
    png_destroy_read_struct(&c.png, &c.info, NULL);
    free(c.limit_err);
    free(c.pixels);
    free(c.rows);
    free(c.alpha);
    return ok;
}

/* ------------------------------------------------------------------------ */
/* JPEG                                                                      */
/* ------------------------------------------------------------------------ */

enum { JPEG_TOO_MANY_SCANS = -1, JPEG_OUR_ERROR = -2 };

typedef struct {
    struct jpeg_error_mgr pub; /* first: libjpeg sees only this */
    jmp_buf jmp;
    int code; /* libjpeg's msg_code, or one of ours (negative) */
    char msg[JMSG_LENGTH_MAX > 200 ? JMSG_LENGTH_MAX : 200];
} jpeg_err;

typedef struct {
    struct jpeg_decompress_struct cinfo;
    jpeg_err jerr;
    struct jpeg_progress_mgr progress;
    unsigned char *rgb; /* width*height*3 */
    unsigned char *row; /* one CMYK row */
} jpeg_ctx;

static _Noreturn void jpeg_on_error(j_common_ptr ci)
{
    jpeg_err *e = (jpeg_err *)ci->err;
    e->code = e->pub.msg_code;
    e->pub.format_message(ci, e->msg);
    longjmp(e->jmp, 1);
}

/* Warnings that leave the decoded image intact.  Every other warning means
 * corrupt or missing data (libjpeg would fill in grey and carry on), so it
 * is fatal here. */
static bool jpeg_benign_warning(int code)
{
    return code == JWRN_EXTRANEOUS_DATA || code == JWRN_ADOBE_XFORM || code == JWRN_JFIF_MAJOR ||
           code == JWRN_BOGUS_ICC;
}

static void jpeg_on_message(j_common_ptr ci, int level)
{
    if (level >= 0)
        return; /* trace messages */
    if (jpeg_benign_warning(ci->err->msg_code)) {
        ci->err->num_warnings++;
        return;
    }
    jpeg_on_error(ci);
}

static void jpeg_on_output(j_common_ptr ci)
{
    (void)ci; /* never print */
}

static void jpeg_on_progress(j_common_ptr ci)
{
    if (!ci->is_decompressor)
        return;
    j_decompress_ptr d = (j_decompress_ptr)ci;
    if (d->input_scan_number > JPEG_MAX_SCANS) {
        jpeg_err *e = (jpeg_err *)ci->err;
        e->code = JPEG_TOO_MANY_SCANS;
        longjmp(e->jmp, 1);
    }
}

static char *jpeg_message(const jpeg_ctx *c)
{
    const jpeg_err *e = &c->jerr;
    char m[sizeof e->msg];
    snprintf(m, sizeof m, "%s", e->msg);
    switch (e->code) {
    case JPEG_TOO_MANY_SCANS:
        return wm_xasprintf("the JPEG has more than %d scans", JPEG_MAX_SCANS);
    case JPEG_OUR_ERROR:
        return wm_xstrdup(m);
    case JWRN_JPEG_EOF:
        return wm_xstrdup("the JPEG is truncated");
    case JERR_NO_IMAGE:
    case JERR_SOF_NO_SOS:
        return wm_xstrdup("the JPEG contains no image data");
    case JERR_IMAGE_TOO_BIG: { /* over 65500 pixels, before our own check */
        char *limit = NULL;
        if (!check_dims(c->cinfo.image_width, c->cinfo.image_height, &limit))
            return limit;
        break;
    }
    case JERR_OUT_OF_MEMORY:
    case JERR_NO_BACKING_STORE:
        return wm_xstrdup("not enough memory to decode the JPEG");
    case JERR_BAD_PRECISION:
    case JERR_ARITH_NOTIMPL:
    case JERR_NOTIMPL:
    case JERR_CONVERSION_NOTIMPL:
    case JERR_CCIR601_NOTIMPL:
    case JERR_FRACT_SAMPLE_NOTIMPL:
    case JERR_NOT_COMPILED:
    case JERR_SOF_UNSUPPORTED:
    case JERR_EMPTY_IMAGE:
        lower_first(m);
        return wm_xasprintf("the JPEG uses a feature this tool cannot read: %s", m);
    default:
        break;
    }
    const char *tail = m;
    static const char prefix[] = "Corrupt JPEG data: ";
    if (strncmp(tail, prefix, sizeof prefix - 1) == 0)
        tail += sizeof prefix - 1;
    char t[sizeof m];
    snprintf(t, sizeof t, "%s", tail);
    lower_first(t);
    return wm_xasprintf("the JPEG is corrupt: %s", t);
}

static _Noreturn void jpeg_our_error(jpeg_ctx *c, char *msg)
{
    c->jerr.code = JPEG_OUR_ERROR;
    snprintf(c->jerr.msg, sizeof c->jerr.msg, "%s", msg);
    free(msg);
    longjmp(c->jerr.jmp, 1);
}

/* x * y / 255, rounded, for 8-bit x and y. */
static unsigned char mul255(unsigned x, unsigned y)
{
    unsigned t = x * y + 128;
    return (unsigned char)((t + (t >> 8)) >> 8);
}

/* Runs under jpeg_run's setjmp: every allocation goes into *c. */
static void jpeg_decode(jpeg_ctx *c, const unsigned char *data, size_t len, wm_image *out)
{
    j_decompress_ptr ci = &c->cinfo;
    jpeg_create_decompress(ci);
    ci->mem->max_memory_to_use = JPEG_MAX_MEM;
    c->progress.progress_monitor = jpeg_on_progress;
    ci->progress = &c->progress;
    jpeg_mem_src(ci, data, (unsigned long)len); /* len <= 16 MiB */
    (void)jpeg_read_header(ci, TRUE);

    char *e = NULL;
    if (!check_dims(ci->image_width, ci->image_height, &e))
        jpeg_our_error(c, e);
    bool cmyk = false;
    switch (ci->jpeg_color_space) {
    case JCS_GRAYSCALE:
    case JCS_YCbCr:
    case JCS_RGB:
        ci->out_color_space = JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        ci->out_color_space = JCS_CMYK; /* libjpeg turns YCCK into CMYK */
        cmyk = true;
        break;
    default:
        jpeg_our_error(c, wm_xasprintf("the JPEG uses a colour space this tool cannot read "
                                       "(%d components)",
                                       ci->num_components));
    }
    ci->scale_num = ci->scale_denom = 1;
    (void)jpeg_start_decompress(ci);

    uint32_t w = ci->output_width, h = ci->output_height;
    size_t comps = (size_t)ci->output_components, total, row_bytes;
    if (w != ci->image_width || h != ci->image_height || comps != (cmyk ? 4u : 3u) ||
        !pixel_bytes(w, h, 3, &total) || !mul_size(w, comps, &row_bytes))
        jpeg_our_error(c, wm_xstrdup("the JPEG uses a pixel format this tool cannot read"));
    c->rgb = wm_xmalloc(total);
    if (cmyk)
        c->row = wm_xmalloc(row_bytes);
    /* Adobe's CMYK JPEGs (all of them in practice; libjpeg writes the marker
     * too) store inverted ink values: 255 means no ink. */
    bool inverted = ci->saw_Adobe_marker;
    while (ci->output_scanline < h) {
        size_t y = ci->output_scanline;
        unsigned char *dst = c->rgb + y * w * 3;
        JSAMPROW r = cmyk ? c->row : dst;
        if (jpeg_read_scanlines(ci, &r, 1) != 1)
            jpeg_our_error(c, wm_xstrdup("the JPEG is corrupt: no progress decoding it"));
        if (!cmyk)
            continue;
        for (size_t x = 0; x < w; x++) {
            const unsigned char *s = c->row + 4 * x;
            unsigned k = inverted ? s[3] : 255u - s[3];
            for (size_t i = 0; i < 3; i++)
                dst[3 * x + i] = mul255(inverted ? s[i] : 255u - s[i], k);
        }
    }
    /* Reads to EOI, so a file cut after the last scanline still fails. */
    (void)jpeg_finish_decompress(ci);
    out->width = w;
    out->height = h;
    out->rgb = c->rgb;
    out->alpha = NULL;
    c->rgb = NULL;
}

/* The setjmp frame.  Its own locals are never modified after setjmp. */
static bool jpeg_run(jpeg_ctx *c, const unsigned char *data, size_t len, wm_image *out)
{
    if (setjmp(c->jerr.jmp))
        return false;
    jpeg_decode(c, data, len, out);
    return true;
}

static bool load_jpeg(const unsigned char *data, size_t len, wm_image *out, char **err)
{
    jpeg_ctx *c = wm_xcalloc(1, sizeof *c); /* ~1 KiB of libjpeg state */
    c->cinfo.err = jpeg_std_error(&c->jerr.pub);
    c->jerr.pub.error_exit = jpeg_on_error;
    c->jerr.pub.emit_message = jpeg_on_message;
    c->jerr.pub.output_message = jpeg_on_output;
    c->cinfo.client_data = c;
    bool ok = jpeg_run(c, data, len, out);
    if (!ok && err)
        *err = jpeg_message(c);
    jpeg_destroy_decompress(&c->cinfo); /* safe before and after create */
    free(c->rgb);
    free(c->row);
    free(c);
    return ok;
}

/* ------------------------------------------------------------------------ */
/* Entry points                                                              */
/* ------------------------------------------------------------------------ */

/* What a file that is neither PNG nor JPEG looks like, for the message. */
static const char *other_format(const unsigned char *d, size_t n)
{
    if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
        return "a GIF";
    if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
        return "a WebP image";
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return "a PDF";
    if (n >= 4 && (memcmp(d, "II*\0", 4) == 0 || memcmp(d, "MM\0*", 4) == 0))
        return "a TIFF image";
    size_t i = 0;
    if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
        i++;
    if (i < n && d[i] == '<') {
        size_t lim = n < 4096 ? n : 4096;
        for (size_t j = i; j + 4 <= lim; j++)
            if (memcmp(d + j, "<svg", 4) == 0)
                return "an SVG image";
    }
    return NULL;
}

bool wm_image_load_mem(const unsigned char *data, size_t len, wm_image *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (err)
        *err = NULL;
    if (len == 0)
        return fail(err, "the image file is empty");
    if (len > WM_IMAGE_MAX_BYTES)
        return fail(err, "the image file is %zu bytes; the limit is %u MiB", len,
                    (unsigned)MAX_BYTES_MI);
    if (len >= 8 && memcmp(data, png_signature, 8) == 0)
        return load_png(data, len, out, err);
    if (len >= 2 && data[0] == 0xFF && data[1] == 0xD8)
        return load_jpeg(data, len, out, err);
    const char *other = other_format(data, len);
    if (other)
        return fail(err, "not a PNG or JPEG image (it looks like %s)", other);
    return fail(err, "not a PNG or JPEG image");
}

static bool errno_fail(char **err, const char *what, int errnum)
{
    char buf[256];
    if (strerror_r(errnum, buf, sizeof buf) != 0)
        snprintf(buf, sizeof buf, "error %d", errnum);
    return fail(err, "%s: %s", what, buf);
}

bool wm_image_load(const char *path, wm_image *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (err)
        *err = NULL;
    /* A FIFO or device is refused before it is opened (file.h). */
    wm_deps_note(path);
    struct stat st;
    int fd = wm_open_regular(path, &st);
    if (fd == -2)
        return fail(err, "cannot read the image: %s",
                    S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file");
    if (fd < 0)
        return errno_fail(err, "cannot open the image", errno);
    if (st.st_size < 0 || (uint64_t)st.st_size > WM_IMAGE_MAX_BYTES) {
        close(fd);
        return fail(err, "the image file is %lld bytes; the limit is %u MiB", (long long)st.st_size,
                    (unsigned)MAX_BYTES_MI);
    }
    /* Read through the descriptor we checked; the file may change size
     * meanwhile, so the cap is enforced on what is read, too. */
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
    unsigned char *buf = wm_xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap > WM_IMAGE_MAX_BYTES) {
                free(buf);
                close(fd);
                return fail(err, "the image file is over the limit of %u MiB",
                            (unsigned)MAX_BYTES_MI);
            }
            cap = cap * 2 > WM_IMAGE_MAX_BYTES + 1 ? WM_IMAGE_MAX_BYTES + 1 : cap * 2;
            buf = wm_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return errno_fail(err, "cannot read the image", e);
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    bool ok = wm_image_load_mem(buf, n, out, err);
    free(buf);
    return ok;
}

void wm_image_free(wm_image *img)
{
    if (!img)
        return;
    free(img->rgb);
    free(img->alpha);
    free(img->z_rgb);
    free(img->z_alpha);
    memset(img, 0, sizeof *img);
}
