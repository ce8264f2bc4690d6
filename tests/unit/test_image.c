/*
 * test_image.c - the image gate (pdf/image.c): PNG and JPEG decoding to RGB
 * plus alpha, the size limits, and the exact message for each bad input.
 *
 * Every test image is made here at run time: PNGs by a minimal encoder
 * (zlib's compress2 and crc32), JPEGs by libjpeg's compressor, and the bad
 * ones by damaging good ones.  File-level cases use a temporary directory.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <zlib.h>

#include "base/util.h"
#include "pdf/image.h"

/* ------------------------------------------------------------------------ */
/* Byte buffers                                                              */
/* ------------------------------------------------------------------------ */

typedef struct {
    unsigned char *d;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = (b->n + n) * 2;
        b->d = wm_xrealloc(b->d, b->cap);
    }
    if (n)
        memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void put32(bytes *b, uint32_t v)
{
    unsigned char q[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(b, q, 4);
}

static void bytes_free(bytes *b)
{
    free(b->d);
    memset(b, 0, sizeof *b);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* ------------------------------------------------------------------------ */
/* A minimal PNG encoder                                                     */
/* ------------------------------------------------------------------------ */

enum { GRAY = 0, RGB = 2, PALETTE = 3, GRAY_ALPHA = 4, RGBA = 6 };

static unsigned channels_of(int type)
{
    switch (type) {
    case RGB:
        return 3;
    case GRAY_ALPHA:
        return 2;
    case RGBA:
        return 4;
    default:
        return 1;
    }
}

static void chunk(bytes *b, const char *type, const void *data, size_t n)
{
    put32(b, (uint32_t)n);
    size_t start = b->n;
    put(b, type, 4);
    put(b, data, n);
    put32(b, (uint32_t)crc32(0, b->d + start, (uInt)(n + 4)));
}

static void png_header(bytes *b, uint32_t w, uint32_t h, int depth, int type, int interlace)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    put(b, sig, 8);
    bytes ihdr = {0};
    put32(&ihdr, w);
    put32(&ihdr, h);
    unsigned char rest[5] = {(unsigned char)depth, (unsigned char)type, 0, 0,
                             (unsigned char)interlace};
    put(&ihdr, rest, 5);
    chunk(b, "IHDR", ihdr.d, ihdr.n);
    bytes_free(&ihdr);
}

/* The zlib stream of the image: `raw` holds packed rows without filter
 * bytes.  Interlaced images must have at least 8 bits per pixel. */
static bytes png_zdata(uint32_t w, uint32_t h, unsigned bits, int interlace,
                       const unsigned char *raw)
{
    bytes f = {0};
    size_t row = ((size_t)w * bits + 7) / 8;
    static const unsigned char none = 0;
    if (!interlace) {
        for (uint32_t y = 0; y < h; y++) {
            put(&f, &none, 1);
            put(&f, raw + y * row, row);
        }
    } else {
        assert_true(bits >= 8);
        size_t bpp = bits / 8;
        static const uint32_t pass[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                            {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        for (int p = 0; p < 7; p++) {
            uint32_t x0 = pass[p][0], y0 = pass[p][1], dx = pass[p][2], dy = pass[p][3];
            if (x0 >= w || y0 >= h)
                continue;
            for (uint32_t y = y0; y < h; y += dy) {
                put(&f, &none, 1);
                for (uint32_t x = x0; x < w; x += dx)
                    put(&f, raw + y * row + x * bpp, bpp);
            }
        }
    }
    bytes z = {0};
    uLongf zn = compressBound((uLong)f.n);
    z.d = wm_xmalloc(zn);
    assert_int_equal(compress2(z.d, &zn, f.d, (uLong)f.n, 9), Z_OK);
    z.n = z.cap = zn;
    bytes_free(&f);
    return z;
}

typedef struct {
    const unsigned char *plte; /* palette entries, 3 bytes each */
    size_t n_plte;
    const unsigned char *trns;
    size_t n_trns;
    int interlace;
} png_extra;

static bytes make_png(uint32_t w, uint32_t h, int depth, int type, const unsigned char *raw,
                      const png_extra *x)
{
    static const png_extra none = {0};
    if (!x)
        x = &none;
    bytes b = {0};
    png_header(&b, w, h, depth, type, x->interlace);
    if (x->plte)
        chunk(&b, "PLTE", x->plte, x->n_plte * 3);
    if (x->trns)
        chunk(&b, "tRNS", x->trns, x->n_trns);
    bytes z = png_zdata(w, h, channels_of(type) * (unsigned)depth, x->interlace, raw);
    chunk(&b, "IDAT", z.d, z.n);
    bytes_free(&z);
    chunk(&b, "IEND", NULL, 0);
    return b;
}

/* Offset of the length field of the first chunk of this type, or 0. */
static size_t find_chunk(const bytes *b, const char *type)
{
    size_t p = 8;
    while (p + 12 <= b->n) {
        if (memcmp(b->d + p + 4, type, 4) == 0)
            return p;
        p += 12 + be32(b->d + p);
    }
    return 0;
}

/* A 2x2 RGBA image with known colours and alpha. */
static const unsigned char rgba_2x2[16] = {
    255, 0,   0,   255, /* opaque red */
    0,   255, 0,   128, /* half-transparent green */
    0,   0,   255, 0,   /* invisible blue */
    10,  20,  30,  255, /* opaque dark */
};

static bytes good_png(void)
{
    return make_png(2, 2, 8, RGBA, rgba_2x2, NULL);
}

/* ------------------------------------------------------------------------ */
/* Assertions                                                                */
/* ------------------------------------------------------------------------ */

static void expect_error(const unsigned char *d, size_t n, const char *message)
{
    wm_image img;
    char *err = NULL;
    bool ok = wm_image_load_mem(d, n, &img, &err);
    if (ok) {
        wm_image_free(&img);
        fail_msg("decoded, but expected: %s", message);
    }
    assert_non_null(err);
    assert_string_equal(err, message);
    assert_null(img.rgb);
    assert_null(img.alpha);
    assert_int_equal(img.width, 0);
    assert_int_equal(img.height, 0);
    free(err);
}

static void expect_bytes_error(const bytes *b, const char *message)
{
    expect_error(b->d, b->n, message);
}

static wm_image decode_ok(const bytes *b)
{
    wm_image img;
    char *err = NULL;
    bool ok = wm_image_load_mem(b->d, b->n, &img, &err);
    if (!ok) {
        fprintf(stderr, "error: %s\n", err ? err : "(none)");
        free(err);
        fail();
    }
    assert_null(err);
    return img;
}

static void expect_rgb(const wm_image *img, size_t i, int r, int g, int b)
{
    assert_int_equal(img->rgb[3 * i], r);
    assert_int_equal(img->rgb[3 * i + 1], g);
    assert_int_equal(img->rgb[3 * i + 2], b);
}

static void expect_near(const wm_image *img, size_t i, int r, int g, int b, int tol)
{
    const int want[3] = {r, g, b};
    for (size_t k = 0; k < 3; k++) {
        int got = img->rgb[3 * i + k];
        if (abs(got - want[k]) > tol)
            fail_msg("pixel %zu channel %zu is %d, expected %d +- %d", i, k, got, want[k], tol);
    }
}

/* ------------------------------------------------------------------------ */
/* Valid PNGs                                                                */
/* ------------------------------------------------------------------------ */

static void png_rgba(void **state)
{
    (void)state;
    bytes b = good_png();
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, 2);
    assert_int_equal(img.height, 2);
    expect_rgb(&img, 0, 255, 0, 0);
    expect_rgb(&img, 1, 0, 255, 0);
    expect_rgb(&img, 2, 0, 0, 255);
    expect_rgb(&img, 3, 10, 20, 30);
    assert_non_null(img.alpha);
    assert_int_equal(img.alpha[0], 255);
    assert_int_equal(img.alpha[1], 128);
    assert_int_equal(img.alpha[2], 0);
    assert_int_equal(img.alpha[3], 255);
    wm_image_free(&img);
    assert_null(img.rgb);
    wm_image_free(&img); /* twice is harmless */
    wm_image_free(NULL);
    bytes_free(&b);
}

static void png_rgb_opaque(void **state)
{
    (void)state;
    const unsigned char raw[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 250, 251, 252, 0, 0, 0, 255, 255, 255};
    bytes b = make_png(3, 2, 8, RGB, raw, NULL);
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, 3);
    assert_int_equal(img.height, 2);
    assert_memory_equal(img.rgb, raw, sizeof raw);
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_opaque_alpha_dropped(void **state)
{
    (void)state;
    const unsigned char raw[] = {1, 2, 3, 255, 4, 5, 6, 255};
    bytes b = make_png(2, 1, 8, RGBA, raw, NULL);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 1, 2, 3);
    expect_rgb(&img, 1, 4, 5, 6);
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_palette_trns(void **state)
{
    (void)state;
    const unsigned char plte[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 8, 7};
    const unsigned char trns[] = {0, 128}; /* entries 2 and 3 stay opaque */
    const unsigned char raw[] = {0, 1, 2, 3, 3};
    png_extra x = {.plte = plte, .n_plte = 4, .trns = trns, .n_trns = 2};
    bytes b = make_png(5, 1, 8, PALETTE, raw, &x);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 255, 0, 0);
    expect_rgb(&img, 1, 0, 255, 0);
    expect_rgb(&img, 2, 0, 0, 255);
    expect_rgb(&img, 4, 9, 8, 7);
    assert_non_null(img.alpha);
    const unsigned char alpha[] = {0, 128, 255, 255, 255};
    assert_memory_equal(img.alpha, alpha, 5);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_palette_2bit(void **state)
{
    (void)state;
    /* 5 pixels of 2 bits: indices 3 2 1 0 3, packed MSB first. */
    const unsigned char plte[] = {0, 0, 0, 100, 100, 100, 200, 0, 0, 0, 0, 200};
    const unsigned char raw[] = {0xE4, 0xC0};
    png_extra x = {.plte = plte, .n_plte = 4};
    bytes b = make_png(5, 1, 2, PALETTE, raw, &x);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 0, 0, 200);
    expect_rgb(&img, 1, 200, 0, 0);
    expect_rgb(&img, 2, 100, 100, 100);
    expect_rgb(&img, 3, 0, 0, 0);
    expect_rgb(&img, 4, 0, 0, 200);
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_gray_1bit(void **state)
{
    (void)state;
    /* 10x2, 1 bit: row 0 = 1010110010, row 1 = 0000000001. */
    const unsigned char raw[] = {0xAC, 0x80, 0x00, 0x40};
    bytes b = make_png(10, 2, 1, GRAY, raw, NULL);
    wm_image img = decode_ok(&b);
    const char *bits = "10101100100000000001";
    for (size_t i = 0; i < 20; i++) {
        int v = bits[i] == '1' ? 255 : 0;
        expect_rgb(&img, i, v, v, v);
    }
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_gray_trns(void **state)
{
    (void)state;
    const unsigned char raw[] = {50, 51, 49};
    const unsigned char trns[] = {0, 50}; /* 16-bit gray value 50 is transparent */
    png_extra x = {.trns = trns, .n_trns = 2};
    bytes b = make_png(3, 1, 8, GRAY, raw, &x);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 50, 50, 50);
    expect_rgb(&img, 1, 51, 51, 51);
    assert_non_null(img.alpha);
    const unsigned char alpha[] = {0, 255, 255};
    assert_memory_equal(img.alpha, alpha, 3);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_gray_alpha_16(void **state)
{
    (void)state;
    /* (gray, alpha) as 16-bit big-endian; v * 257 scales to exactly v. */
    const unsigned char raw[] = {0x80, 0x80, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00,
                                 0xFF, 0xFF, 0x40, 0x40, 0x12, 0x34, 0xFF, 0xFF};
    bytes b = make_png(4, 1, 16, GRAY_ALPHA, raw, NULL);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 128, 128, 128);
    expect_rgb(&img, 1, 0, 0, 0);
    expect_rgb(&img, 2, 255, 255, 255);
    expect_rgb(&img, 3, 18, 18, 18); /* 0x1234 / 257 = 18.13, rounded */
    const unsigned char alpha[] = {255, 0, 64, 255};
    assert_non_null(img.alpha);
    assert_memory_equal(img.alpha, alpha, 4);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_rgb_16(void **state)
{
    (void)state;
    const unsigned char raw[] = {0xFF, 0xFF, 0x00, 0x00, 0x0A, 0x0A,
                                 0x01, 0x01, 0x02, 0x02, 0xFE, 0xFE};
    bytes b = make_png(2, 1, 16, RGB, raw, NULL);
    wm_image img = decode_ok(&b);
    expect_rgb(&img, 0, 255, 0, 10);
    expect_rgb(&img, 1, 1, 2, 254);
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_interlaced(void **state)
{
    (void)state;
    enum { W = 9, H = 7 };
    unsigned char raw[W * H * 3], rgba[W * H * 4];
    for (size_t i = 0; i < W * H; i++) {
        raw[3 * i] = (unsigned char)(i * 3);
        raw[3 * i + 1] = (unsigned char)(255 - i);
        raw[3 * i + 2] = (unsigned char)(i * 7 % 256);
        memcpy(rgba + 4 * i, raw + 3 * i, 3);
        rgba[4 * i + 3] = (unsigned char)(i * 4);
    }
    png_extra x = {.interlace = 1};
    bytes b = make_png(W, H, 8, RGB, raw, &x);
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, W);
    assert_int_equal(img.height, H);
    assert_memory_equal(img.rgb, raw, sizeof raw);
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);

    b = make_png(W, H, 8, RGBA, rgba, &x);
    img = decode_ok(&b);
    assert_memory_equal(img.rgb, raw, sizeof raw);
    assert_non_null(img.alpha);
    for (size_t i = 0; i < W * H; i++)
        assert_int_equal(img.alpha[i], i * 4);
    wm_image_free(&img);
    bytes_free(&b);
}

static void png_split_idat_and_ancillary(void **state)
{
    (void)state;
    /* Image data over two IDAT chunks; an unknown ancillary chunk; a tEXt
     * chunk with a bad CRC (a warning for libpng, so not an error). */
    const unsigned char raw[] = {1, 2, 3, 4, 5, 6};
    bytes z = png_zdata(2, 1, 24, 0, raw);
    bytes b = {0};
    png_header(&b, 2, 1, 8, RGB, 0);
    chunk(&b, "prIv", "hello", 5);
    /* A zTXt chunk that would inflate to 4 MiB: skipped, never inflated. */
    unsigned char *zeros = wm_xcalloc(4u << 20, 1);
    uLongf zn = compressBound(4u << 20);
    unsigned char *ztxt = wm_xmalloc(6 + zn);
    memcpy(ztxt, "Bomb\0\0", 6); /* keyword, NUL, compression method 0 */
    assert_int_equal(compress2(ztxt + 6, &zn, zeros, 4u << 20, 9), Z_OK);
    chunk(&b, "zTXt", ztxt, 6 + zn);
    free(zeros);
    free(ztxt);
    chunk(&b, "tEXt", "Title\0Logo", 10);
    b.d[b.n - 1] ^= 0x01;
    chunk(&b, "IDAT", z.d, 3);
    chunk(&b, "IDAT", z.d + 3, z.n - 3);
    chunk(&b, "IEND", NULL, 0);
    wm_image img = decode_ok(&b);
    assert_memory_equal(img.rgb, raw, sizeof raw);
    wm_image_free(&img);
    bytes_free(&b);
    bytes_free(&z);
}

/* ------------------------------------------------------------------------ */
/* Bad PNGs                                                                  */
/* ------------------------------------------------------------------------ */

static void png_bad_crc(void **state)
{
    (void)state;
    bytes b = good_png();
    size_t idat = find_chunk(&b, "IDAT");
    assert_true(idat > 0);
    b.d[idat + 8 + be32(b.d + idat) + 2] ^= 0x20; /* a byte of the CRC */
    expect_bytes_error(&b, "the PNG is corrupt: CRC error in IDAT");
    bytes_free(&b);

    b = good_png();
    b.d[8 + 8 + 13] ^= 0x01; /* IHDR's CRC */
    expect_bytes_error(&b, "the PNG is corrupt: CRC error in IHDR");
    bytes_free(&b);

    /* A damaged data byte: libpng inflates a chunk's data before it checks
     * the chunk's CRC, so zlib's complaint about the data comes first (which
     * one depends on the byte, so only the start is checked). */
    b = good_png();
    idat = find_chunk(&b, "IDAT");
    b.d[idat + 8 + 3] ^= 0x55;
    wm_image img;
    char *err = NULL;
    assert_false(wm_image_load_mem(b.d, b.n, &img, &err));
    assert_non_null(err);
    assert_true(strncmp(err, "the PNG is corrupt: ", 20) == 0);
    free(err);
    bytes_free(&b);
}

static void png_truncated(void **state)
{
    (void)state;
    bytes b = good_png();
    size_t idat = find_chunk(&b, "IDAT");
    /* The file cut in the middle of IDAT. */
    expect_error(b.d, idat + 8 + 5, "the PNG is truncated");
    /* ... just after IDAT: no IEND. */
    size_t iend = find_chunk(&b, "IEND");
    expect_error(b.d, iend, "the PNG is truncated");
    /* ... with only the signature, or part of it. */
    expect_error(b.d, 8, "the PNG is truncated");
    expect_error(b.d, 20, "the PNG is truncated");
    bytes_free(&b);
}

static void png_short_image_data(void **state)
{
    (void)state;
    /* A complete, correctly checksummed IDAT holding only part of the zlib
     * stream: the file is whole but the image is not. */
    unsigned char raw[16 * 16 * 3];
    for (size_t i = 0; i < sizeof raw; i++)
        raw[i] = (unsigned char)(i * 31);
    bytes z = png_zdata(16, 16, 24, 0, raw);
    bytes b = {0};
    png_header(&b, 16, 16, 8, RGB, 0);
    chunk(&b, "IDAT", z.d, z.n / 2);
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: the image data is incomplete");
    bytes_free(&b);

    /* No IDAT at all. */
    b.n = 0;
    png_header(&b, 16, 16, 8, RGB, 0);
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: it has no image data (IDAT)");
    bytes_free(&b);

    /* IDAT that is not a zlib stream. */
    png_header(&b, 16, 16, 8, RGB, 0);
    chunk(&b, "IDAT", "this is not zlib", 16);
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: incorrect header check in IDAT");
    bytes_free(&b);
    bytes_free(&z);
}

static void png_bad_header(void **state)
{
    (void)state;
    bytes b = {0};
    png_header(&b, 4, 4, 3, RGB, 0); /* bit depth 3 does not exist */
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: invalid bit depth in IHDR");
    bytes_free(&b);

    png_header(&b, 4, 4, 8, PALETTE, 0); /* a palette image without PLTE */
    chunk(&b, "IDAT", "x", 1);
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: missing PLTE before IDAT");
    bytes_free(&b);

    png_header(&b, 4, 4, 8, RGB, 0);
    chunk(&b, "ABCD", "x", 1); /* an unknown critical chunk */
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, "the PNG is corrupt: unhandled critical chunk in ABCD");
    bytes_free(&b);
}

/* A header-only PNG of the given size: the limits are checked from IHDR
 * before anything else is read. */
static void expect_png_size_error(uint32_t w, uint32_t h, const char *message)
{
    bytes b = {0};
    png_header(&b, w, h, 8, RGBA, 0);
    chunk(&b, "IEND", NULL, 0);
    expect_bytes_error(&b, message);
    bytes_free(&b);
}

static void png_limits(void **state)
{
    (void)state;
    expect_png_size_error(20000, 20000,
                          "the image is 20000x20000 pixels; the limit is 16 megapixels");
    expect_png_size_error(30000, 20000,
                          "the image is 30000x20000 pixels; the limit is 16 megapixels");
    expect_png_size_error(0xFFFFFFFFu, 0xFFFFFFFFu,
                          "the image is 4294967295x4294967295 pixels; the limit is 16 megapixels");
    expect_png_size_error(4097, 4096, "the image is 4097x4096 pixels; the limit is 16 megapixels");
    expect_png_size_error(9000, 10,
                          "the image is 9000x10 pixels; the limit is 8192 pixels in width and "
                          "in height");
    expect_png_size_error(1, 8193,
                          "the image is 1x8193 pixels; the limit is 8192 pixels in width and "
                          "in height");
    expect_png_size_error(0, 10, "the image is 0x10 pixels, which is empty");
    /* At the limits the size is fine; this file then fails for its
     * missing image data, not for its size. */
    expect_png_size_error(4096, 4096, "the PNG is corrupt: it has no image data (IDAT)");
    expect_png_size_error(8192, 2048, "the PNG is corrupt: it has no image data (IDAT)");
}

static void png_at_the_limit(void **state)
{
    (void)state;
    /* 8192x2048 = exactly 16 Mi pixels, 1-bit grey with tRNS: a 9 KB file
     * that becomes 64 MiB of RGBA inside libpng.  It is within the limits and
     * decodes; the same file claiming one more row does not. */
    size_t w = 8192, h = 2048;
    unsigned char *raw = wm_xcalloc(w / 8, h);
    const unsigned char trns[] = {0, 0}; /* black is transparent */
    png_extra x = {.trns = trns, .n_trns = 2};
    bytes b = make_png((uint32_t)w, (uint32_t)h, 1, GRAY, raw, &x);
    free(raw);
    assert_true(b.n < 100000);
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, w);
    assert_int_equal(img.height, h);
    assert_non_null(img.alpha);
    assert_int_equal(img.alpha[w * h - 1], 0);
    expect_rgb(&img, w * h - 1, 0, 0, 0);
    wm_image_free(&img);
    b.d[8 + 8 + 7] = 0x01; /* IHDR height 0x800 -> 0x801; checked before the CRC */
    expect_bytes_error(&b, "the image is 8192x2049 pixels; the limit is 16 megapixels");
    bytes_free(&b);
}

/* ------------------------------------------------------------------------ */
/* JPEG                                                                      */
/* ------------------------------------------------------------------------ */

typedef struct {
    int w, h, comps;
    J_COLOR_SPACE in, out; /* out: JCS_UNKNOWN = libjpeg's default */
    const jpeg_scan_info *scans;
    int n_scans;
    bool progressive;
} jpeg_spec;

static bytes make_jpeg(const jpeg_spec *s, const unsigned char *pixels)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    unsigned long outlen = 0;
    jpeg_mem_dest(&c, &out, &outlen);
    c.image_width = (JDIMENSION)s->w;
    c.image_height = (JDIMENSION)s->h;
    c.input_components = s->comps;
    c.in_color_space = s->in;
    jpeg_set_defaults(&c);
    if (s->out != JCS_UNKNOWN)
        jpeg_set_colorspace(&c, s->out);
    jpeg_set_quality(&c, 100, TRUE);
    if (s->progressive)
        jpeg_simple_progression(&c);
    if (s->scans) {
        c.scan_info = s->scans;
        c.num_scans = s->n_scans;
    }
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + (size_t)c.next_scanline * (size_t)(s->w * s->comps));
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    bytes b = {0};
    put(&b, out, outlen);
    free(out);
    return b;
}

/* A w x h image of one colour with `comps` components. */
static unsigned char *solid(int w, int h, int comps, const unsigned char *colour)
{
    unsigned char *p = wm_xmalloc((size_t)(w * h * comps));
    for (int i = 0; i < w * h; i++)
        memcpy(p + i * comps, colour, (size_t)comps);
    return p;
}

static bytes rgb_jpeg(void)
{
    const unsigned char colour[3] = {200, 40, 90};
    unsigned char *p = solid(16, 16, 3, colour);
    jpeg_spec s = {16, 16, 3, JCS_RGB, JCS_UNKNOWN, NULL, 0, false};
    bytes b = make_jpeg(&s, p);
    free(p);
    return b;
}

/* Offset of the first marker 0xFF `m` before the scan data, or 0. */
static size_t find_marker(const bytes *b, unsigned char m)
{
    size_t p = 2;
    while (p + 4 <= b->n && b->d[p] == 0xFF) {
        if (b->d[p + 1] == m)
            return p;
        if (b->d[p + 1] == 0xDA)
            return 0;
        p += 2 + ((size_t)b->d[p + 2] << 8 | b->d[p + 3]);
    }
    return 0;
}

static void jpeg_rgb(void **state)
{
    (void)state;
    bytes b = rgb_jpeg();
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, 16);
    assert_int_equal(img.height, 16);
    assert_null(img.alpha);
    for (size_t i = 0; i < 256; i++)
        expect_near(&img, i, 200, 40, 90, 3);
    wm_image_free(&img);
    /* Bytes after EOI are ignored. */
    put(&b, "trailing", 8);
    img = decode_ok(&b);
    expect_near(&img, 255, 200, 40, 90, 3);
    wm_image_free(&img);
    bytes_free(&b);
}

static void jpeg_gray(void **state)
{
    (void)state;
    unsigned char p[8 * 8];
    for (size_t i = 0; i < sizeof p; i++)
        p[i] = 77;
    jpeg_spec s = {8, 8, 1, JCS_GRAYSCALE, JCS_UNKNOWN, NULL, 0, false};
    bytes b = make_jpeg(&s, p);
    wm_image img = decode_ok(&b);
    for (size_t i = 0; i < 64; i++) {
        expect_near(&img, i, 77, 77, 77, 1);
        assert_int_equal(img.rgb[3 * i], img.rgb[3 * i + 1]);
        assert_int_equal(img.rgb[3 * i], img.rgb[3 * i + 2]);
    }
    assert_null(img.alpha);
    wm_image_free(&img);
    bytes_free(&b);
}

static void jpeg_progressive(void **state)
{
    (void)state;
    const unsigned char colour[3] = {20, 120, 220};
    unsigned char *p = solid(24, 17, 3, colour);
    jpeg_spec s = {24, 17, 3, JCS_RGB, JCS_UNKNOWN, NULL, 0, true};
    bytes b = make_jpeg(&s, p);
    free(p);
    wm_image img = decode_ok(&b);
    assert_int_equal(img.width, 24);
    assert_int_equal(img.height, 17);
    expect_near(&img, 0, 20, 120, 220, 3);
    expect_near(&img, 24 * 17 - 1, 20, 120, 220, 3);
    wm_image_free(&img);
    bytes_free(&b);
}

static void jpeg_cmyk(void **state)
{
    (void)state;
    /* libjpeg writes an Adobe marker for CMYK, and (like Photoshop) the
     * values are inverted: 255 = no ink.  C=0 M=Y=100% K=0 is red; no ink
     * with K=50% is mid-grey. */
    const unsigned char red[4] = {255, 0, 0, 255};
    const unsigned char grey[4] = {255, 255, 255, 128};
    J_COLOR_SPACE spaces[2] = {JCS_CMYK, JCS_YCCK};
    for (int k = 0; k < 2; k++) {
        unsigned char *p = solid(8, 8, 4, k ? grey : red);
        jpeg_spec s = {8, 8, 4, JCS_CMYK, spaces[k], NULL, 0, false};
        bytes b = make_jpeg(&s, p);
        free(p);
        wm_image img = decode_ok(&b);
        for (size_t i = 0; i < 64; i++) {
            if (k)
                expect_near(&img, i, 128, 128, 128, 3);
            else
                expect_near(&img, i, 255, 0, 0, 3);
        }
        assert_null(img.alpha);
        wm_image_free(&img);
        bytes_free(&b);
    }
}

static void jpeg_truncated(void **state)
{
    (void)state;
    bytes b = rgb_jpeg();
    expect_error(b.d, b.n / 2, "the JPEG is truncated");
    expect_error(b.d, b.n - 2, "the JPEG is truncated"); /* all but EOI */
    expect_error(b.d, 2, "the JPEG is truncated");       /* SOI only */
    bytes_free(&b);
}

static void jpeg_no_image(void **state)
{
    (void)state;
    const unsigned char soi_eoi[] = {0xFF, 0xD8, 0xFF, 0xD9};
    expect_error(soi_eoi, sizeof soi_eoi, "the JPEG contains no image data");

    /* Every header up to SOS, then EOI: a frame with no scan. */
    bytes b = rgb_jpeg();
    size_t p = 2;
    while (b.d[p + 1] != 0xDA)
        p += 2 + ((size_t)b.d[p + 2] << 8 | b.d[p + 3]);
    b.n = p;
    put(&b, "\xFF\xD9", 2);
    expect_bytes_error(&b, "the JPEG contains no image data");
    bytes_free(&b);
}

static void jpeg_corrupt_scan(void **state)
{
    (void)state;
    bytes b = rgb_jpeg();
    size_t p = 2;
    while (b.d[p + 1] != 0xDA)
        p += 2 + ((size_t)b.d[p + 2] << 8 | b.d[p + 3]);
    size_t data = p + 2 + ((size_t)b.d[p + 2] << 8 | b.d[p + 3]);
    /* End the entropy-coded data at once: libjpeg would warn and fill the
     * rest of the image with grey. */
    b.d[data] = 0xFF;
    b.d[data + 1] = 0xD9;
    b.n = data + 2;
    expect_bytes_error(&b, "the JPEG is corrupt: premature end of data segment");
    bytes_free(&b);
}

static void jpeg_fake_sof(void **state)
{
    (void)state;
    bytes b = rgb_jpeg();
    size_t sof = find_marker(&b, 0xC0);
    assert_true(sof > 0);
    /* SOF0: FF C0 len(2) precision(1) height(2) width(2) */
    b.d[sof + 5] = 0xFF;
    b.d[sof + 6] = 0xDC;
    b.d[sof + 7] = 0xFF;
    b.d[sof + 8] = 0xDC;
    expect_bytes_error(&b, "the image is 65500x65500 pixels; the limit is 16 megapixels");
    b.d[sof + 5] = 0x00;
    b.d[sof + 6] = 0x10;
    b.d[sof + 7] = 0x23; /* 9000 = 0x2328 */
    b.d[sof + 8] = 0x28;
    expect_bytes_error(&b, "the image is 9000x16 pixels; the limit is 8192 pixels in width and "
                           "in height");
    /* Beyond libjpeg's own 65500 limit, which it checks first. */
    b.d[sof + 5] = b.d[sof + 6] = b.d[sof + 7] = b.d[sof + 8] = 0xFF;
    expect_bytes_error(&b, "the image is 65535x65535 pixels; the limit is 16 megapixels");
    /* Height 0 means "given later by a DNL marker", which libjpeg lacks. */
    b.d[sof + 5] = b.d[sof + 6] = 0;
    b.d[sof + 7] = 0;
    b.d[sof + 8] = 16;
    expect_bytes_error(&b, "the JPEG uses a feature this tool cannot read: empty JPEG image "
                           "(DNL not supported)");
    bytes_free(&b);
}

static void jpeg_unsupported(void **state)
{
    (void)state;
    bytes b = rgb_jpeg();
    size_t sof = find_marker(&b, 0xC0);
    assert_true(sof > 0);
    b.d[sof + 4] = 12; /* 12-bit samples: not in Debian's 8-bit libjpeg */
    expect_bytes_error(&b, "the JPEG uses a feature this tool cannot read: unsupported JPEG data "
                           "precision 12");
    b.d[sof + 4] = 8;
    b.d[sof + 1] = 0xC3; /* lossless */
    expect_bytes_error(&b, "the JPEG uses a feature this tool cannot read: unsupported JPEG "
                           "process: SOF type 0xc3");
    bytes_free(&b);
}

static void jpeg_two_components(void **state)
{
    (void)state;
    unsigned char p[8 * 8 * 2] = {0};
    jpeg_spec s = {8, 8, 2, JCS_UNKNOWN, JCS_UNKNOWN, NULL, 0, false};
    bytes b = make_jpeg(&s, p);
    expect_bytes_error(&b, "the JPEG uses a colour space this tool cannot read (2 components)");
    bytes_free(&b);
}

/* A valid progressive script for one component: DC, then each AC
 * coefficient in its own band, first at Al=al0 and refined bit by bit down
 * to Al=0.  That is 1 + 63 * (al0 + 1) scans. */
static int many_scans(jpeg_scan_info *scans, int al0)
{
    int n = 0;
    scans[n++] = (jpeg_scan_info){1, {0}, 0, 0, 0, 0};
    for (int al = al0; al >= 0; al--)
        for (int k = 1; k <= 63; k++)
            scans[n++] = (jpeg_scan_info){1, {0}, k, k, al == al0 ? 0 : al + 1, al};
    return n;
}

static void jpeg_too_many_scans(void **state)
{
    (void)state;
    jpeg_scan_info scans[1 + 63 * 6];
    unsigned char p[8 * 8];
    for (size_t i = 0; i < sizeof p; i++)
        p[i] = (unsigned char)(i * 4);
    jpeg_spec s = {8, 8, 1, JCS_GRAYSCALE, JCS_UNKNOWN, scans, many_scans(scans, 5), false};
    assert_int_equal(s.n_scans, 379);
    bytes b = make_jpeg(&s, p);
    expect_bytes_error(&b, "the JPEG has more than 256 scans");
    bytes_free(&b);

    s.n_scans = many_scans(scans, 3); /* 253: within the limit */
    b = make_jpeg(&s, p);
    wm_image img = decode_ok(&b);
    expect_near(&img, 63, 252, 252, 252, 2);
    wm_image_free(&img);
    bytes_free(&b);
}

/* ------------------------------------------------------------------------ */
/* Not images, and files                                                     */
/* ------------------------------------------------------------------------ */

static void not_images(void **state)
{
    (void)state;
    expect_error((const unsigned char *)"", 0, "the image file is empty");
    const char *text = "This is not an image.\n";
    expect_error((const unsigned char *)text, strlen(text), "not a PNG or JPEG image");
    const char *gif = "GIF89a\x01\x00\x01\x00";
    expect_error((const unsigned char *)gif, 10, "not a PNG or JPEG image (it looks like a GIF)");
    const char *svg = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"/>";
    expect_error((const unsigned char *)svg, strlen(svg),
                 "not a PNG or JPEG image (it looks like an SVG image)");
    const unsigned char almost_png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A};
    expect_error(almost_png, sizeof almost_png, "not a PNG or JPEG image");
    const unsigned char one = 0xFF;
    expect_error(&one, 1, "not a PNG or JPEG image");
    /* Too large, from memory. */
    size_t big = WM_IMAGE_MAX_BYTES + 1;
    unsigned char *p = wm_xcalloc(big, 1);
    expect_error(p, big, "the image file is 16777217 bytes; the limit is 16 MiB");
    free(p);
    /* No message wanted. */
    wm_image img;
    assert_false(wm_image_load_mem((const unsigned char *)text, 4, &img, NULL));
    bytes b = good_png();
    assert_true(wm_image_load_mem(b.d, b.n, &img, NULL));
    wm_image_free(&img);
    b.n -= 3;
    assert_false(wm_image_load_mem(b.d, b.n, &img, NULL));
    bytes_free(&b);
}

typedef struct {
    char dir[64];
} tmp_state;

static int make_tmp(void **state)
{
    tmp_state *t = wm_xcalloc(1, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/wm_test_image_XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int remove_tmp(void **state)
{
    tmp_state *t = *state;
    const char *names[] = {"empty.png", "logo.png", "good.png", "big.png",
                           "fifo.png",  "logo.jpg", "subdir"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char *p = wm_xasprintf("%s/%s", t->dir, names[i]);
        if (remove(p) != 0 && rmdir(p) != 0) {
            /* already gone */
        }
        free(p);
    }
    rmdir(t->dir);
    free(t);
    return 0;
}

static char *write_file(const tmp_state *t, const char *name, const void *d, size_t n)
{
    char *p = wm_xasprintf("%s/%s", t->dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (n)
        assert_int_equal(fwrite(d, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return p;
}

static void expect_file_error(const char *path, const char *message)
{
    wm_image img;
    char *err = NULL;
    assert_false(wm_image_load(path, &img, &err));
    assert_non_null(err);
    assert_string_equal(err, message);
    assert_null(img.rgb);
    free(err);
}

static void files(void **state)
{
    tmp_state *t = *state;
    char *p = write_file(t, "empty.png", NULL, 0);
    expect_file_error(p, "the image file is empty");
    free(p);

    const char *text = "<html>this is a web page, not a logo</html>\n";
    p = write_file(t, "logo.png", text, strlen(text));
    expect_file_error(p, "not a PNG or JPEG image");
    free(p);

    p = wm_xasprintf("%s/missing.png", t->dir);
    expect_file_error(p, "cannot open the image: No such file or directory");
    free(p);

    p = wm_xasprintf("%s/subdir", t->dir);
    assert_int_equal(mkdir(p, 0700), 0);
    expect_file_error(p, "cannot read the image: it is a directory");
    free(p);

    expect_file_error("/dev/null", "cannot read the image: it is not a regular file");
    /* A FIFO with no writer: opening it must not block. */
    p = wm_xasprintf("%s/fifo.png", t->dir);
    assert_int_equal(mkfifo(p, 0600), 0);
    expect_file_error(p, "cannot read the image: it is not a regular file");
    free(p);

    /* 17 MiB, sparse: rejected from its size before reading. */
    p = wm_xasprintf("%s/big.png", t->dir);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 17 * 1024 * 1024), 0);
    close(fd);
    expect_file_error(p, "the image file is 17825792 bytes; the limit is 16 MiB");
    free(p);

    /* A good PNG under a .jpg name, and a JPEG under .png: the signature
     * decides. */
    bytes b = good_png();
    p = write_file(t, "logo.jpg", b.d, b.n);
    bytes_free(&b);
    wm_image img;
    char *err = NULL;
    assert_true(wm_image_load(p, &img, &err));
    assert_null(err);
    assert_int_equal(img.width, 2);
    assert_int_equal(img.alpha[1], 128);
    wm_image_free(&img);
    free(p);

    b = rgb_jpeg();
    p = write_file(t, "good.png", b.d, b.n);
    bytes_free(&b);
    assert_true(wm_image_load(p, &img, &err));
    expect_near(&img, 0, 200, 40, 90, 3);
    wm_image_free(&img);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_rgba),
        cmocka_unit_test(png_rgb_opaque),
        cmocka_unit_test(png_opaque_alpha_dropped),
        cmocka_unit_test(png_palette_trns),
        cmocka_unit_test(png_palette_2bit),
        cmocka_unit_test(png_gray_1bit),
        cmocka_unit_test(png_gray_trns),
        cmocka_unit_test(png_gray_alpha_16),
        cmocka_unit_test(png_rgb_16),
        cmocka_unit_test(png_interlaced),
        cmocka_unit_test(png_split_idat_and_ancillary),
        cmocka_unit_test(png_bad_crc),
        cmocka_unit_test(png_truncated),
        cmocka_unit_test(png_short_image_data),
        cmocka_unit_test(png_bad_header),
        cmocka_unit_test(png_limits),
        cmocka_unit_test(png_at_the_limit),
        cmocka_unit_test(jpeg_rgb),
        cmocka_unit_test(jpeg_gray),
        cmocka_unit_test(jpeg_progressive),
        cmocka_unit_test(jpeg_cmyk),
        cmocka_unit_test(jpeg_truncated),
        cmocka_unit_test(jpeg_no_image),
        cmocka_unit_test(jpeg_corrupt_scan),
        cmocka_unit_test(jpeg_fake_sof),
        cmocka_unit_test(jpeg_unsupported),
        cmocka_unit_test(jpeg_two_components),
        cmocka_unit_test(jpeg_too_many_scans),
        cmocka_unit_test(not_images),
        cmocka_unit_test(files),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
