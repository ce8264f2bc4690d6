/*
 * test_pdf.c - the PDF device, checked from the outside the way a reader of
 * the deliverable meets it: display lists built by hand are written with
 * wm_pdf_write() and the bytes are inspected with poppler-utils (pdftotext,
 * pdffonts, pdfinfo, pdfimages, pdftoppm) and qpdf.  Text must round-trip,
 * fonts must be embedded once per font, pages must have the right size,
 * links and bookmarks must land on the right page, metadata must be set,
 * images stored once with their transparency, output byte-identical run to
 * run, and every failure must give -1 with a message that says what to fix.
 *
 * stderr is discarded, except where a test asks that a tool has nothing to
 * complain about.  A test whose tool is missing is skipped.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/util.h"
#include "pdf/cidtext.h"
#include "pdf/pdf.h"

#define FONTS WM_SOURCE_DIR_TEST "/fonts/"

/* "Zoë Müller, Łódź, € 1,200 — “quoted”" */
#define SAMPLE                                                                                     \
    "Zo\xC3\xAB M\xC3\xBC"                                                                         \
    "ller, \xC5\x81\xC3\xB3"                                                                       \
    "d\xC5\xBA, \xE2\x82\xAC 1,200 \xE2\x80\x94 \xE2\x80\x9Cquoted\xE2\x80\x9D"

static const wm_rgb BLACK = {0, 0, 0}, RED = {255, 0, 0}, BLUE = {0, 0, 255};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static wm_pdf_opts default_opts(void)
{
    wm_pdf_opts o;
    memset(&o, 0, sizeof o);
    o.fonts[WM_FACE_REGULAR] = FONTS "NotoSans-Regular.ttf";
    o.fonts[WM_FACE_BOLD] = FONTS "NotoSans-Bold.ttf";
    o.fonts[WM_FACE_ITALIC] = FONTS "NotoSans-Italic.ttf";
    o.fonts[WM_FACE_BOLD_ITALIC] = FONTS "NotoSans-BoldItalic.ttf";
    o.fonts[WM_FACE_HEADING] = FONTS "NotoSans-Bold.ttf";
    o.fonts[WM_FACE_FALLBACK] = FONTS "DejaVuSans.ttf";
    return o;
}

static void text(wm_dlist *dl, size_t page, double y, wm_face_slot face, const char *s)
{
    wm_dl_text(dl, page, 72, y, face, 12, BLACK, s, strlen(s), 100);
}

/* Write `dl`; fails the test on error.  The caller frees the bytes. */
static unsigned char *write_ok(const wm_dlist *dl, const wm_pdf_opts *o, size_t *len)
{
    unsigned char *out = NULL;
    char *err = NULL;
    if (wm_pdf_write(dl, o, &out, len, &err) != 0)
        fail_msg("wm_pdf_write failed: %s", err);
    assert_null(err);
    assert_non_null(out);
    assert_true(*len > 100);
    assert_memory_equal(out, "%PDF-1.", 7);
    return out;
}

/* Write `dl`, expecting failure; returns the message (the caller frees). */
static char *write_fails(const wm_dlist *dl, const wm_pdf_opts *o)
{
    unsigned char *out = (unsigned char *)"x";
    size_t len = 1;
    char *err = NULL;
    assert_int_equal(wm_pdf_write(dl, o, &out, &len, &err), -1);
    assert_null(out);
    assert_int_equal(len, 0);
    assert_non_null(err);
    assert_non_null(strstr(err, "cannot write the PDF: "));
    return err;
}

/* The bytes in a new temporary file; the caller unlinks and frees the path. */
static char *save_temp(const unsigned char *data, size_t len)
{
    char *path = wm_xstrdup("/tmp/waymark-test-pdf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
    return path;
}

/* Write `dl` to a temporary PDF file (see save_temp). */
static char *write_file(const wm_dlist *dl, const wm_pdf_opts *o)
{
    size_t len;
    unsigned char *out = write_ok(dl, o, &len);
    char *path = save_temp(out, len);
    free(out);
    return path;
}

static bool have(const char *tool)
{
    char *cmd = wm_xasprintf("command -v %s >/dev/null 2>&1", tool);
    int rc = system(cmd);
    free(cmd);
    return rc == 0;
}

static void need(const char *tool)
{
    if (!have(tool)) {
        print_message("%s is not installed: skipped\n", tool);
        skip();
    }
}

/* Run a shell command (stderr discarded) and return its standard output;
 * *status gets its exit status. */
static char *run_status(int *status, const char *fmt, ...) WM_PRINTF(2, 3);
static char *run_status(int *status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = wm_xvasprintf(fmt, ap);
    va_end(ap);
    char *full = wm_xasprintf("%s 2>/dev/null", cmd);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    wm_buf b;
    wm_buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        wm_buf_put(&b, chunk, n);
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    free(cmd);
    free(full);
    return wm_buf_steal(&b);
}

/* The same, failing the test unless the command succeeds. */
static char *run(const char *fmt, ...) WM_PRINTF(1, 2);
static char *run(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *cmd = wm_xvasprintf(fmt, ap);
    va_end(ap);
    int st;
    char *out = run_status(&st, "%s", cmd);
    if (st != 0)
        fail_msg("command failed (%d): %s\n%s", st, cmd, out);
    free(cmd);
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, hay);
}

static void qpdf_check(const char *path)
{
    char *out = run("qpdf --check '%s'", path);
    assert_contains(out, "No syntax or stream encoding errors found");
    free(out);
}

/* 1-based number of the page whose object is "N 0 R" in `ref` (e.g. from a
 * /Dest array), from qpdf --show-pages; 0 when none. */
static int page_of(const char *path, const char *ref)
{
    char *pages = run("qpdf --show-pages '%s'", path);
    int found = 0;
    for (char *line = strtok(pages, "\n"); line; line = strtok(NULL, "\n")) {
        int num, obj;
        if (sscanf(line, "page %d: %d 0 R", &num, &obj) == 2) {
            char want[32];
            snprintf(want, sizeof want, "%d 0 R", obj);
            if (strncmp(ref, want, strlen(want)) == 0) {
                found = num;
                break;
            }
        }
    }
    free(pages);
    return found;
}

/* The object number of page `page` (1-based). */
static int page_object(const char *path, int page)
{
    char *pages = run("qpdf --show-pages '%s'", path);
    int obj = 0;
    char want[32];
    snprintf(want, sizeof want, "page %d: ", page);
    char *p = strstr(pages, want);
    if (p)
        obj = atoi(p + strlen(want));
    free(pages);
    return obj;
}

/* The document catalog, as qpdf --show-object prints it. */
static char *show_catalog(const char *path)
{
    char *trailer = run("qpdf --show-object=trailer '%s'", path);
    int root = 0;
    char *r = strstr(trailer, "/Root ");
    assert_non_null(r);
    assert_int_equal(sscanf(r, "/Root %d", &root), 1);
    free(trailer);
    return run("qpdf --show-object=%d '%s'", root, path);
}

/* The decoded content stream of page `page` (1-based), NUL bytes as '.'. */
static char *page_content(const char *path, int page)
{
    char *pages = run("qpdf --show-pages '%s'", path);
    char want[32];
    snprintf(want, sizeof want, "page %d: ", page);
    char *p = strstr(pages, want);
    assert_non_null(p);
    p = strstr(p, "content:");
    assert_non_null(p);
    int obj = atoi(p + strlen("content:") + strspn(p + strlen("content:"), " \n"));
    free(pages);
    /* Text strings hold NUL bytes (two bytes a character): shown as '.' */
    return run("qpdf --show-object=%d --filtered-stream-data '%s' | tr '\\000' .", obj, path);
}

/* Dark pixels (gray < 128) in a box of the page rendered at 72 dpi, box
 * given in pixels from the top left. */
static long dark_pixels(const char *path, int page, int x, int y, int w, int h)
{
    char *pgm = run("pdftoppm -gray -r 72 -f %d -l %d -x %d -y %d -W %d -H %d '%s'", page, page, x,
                    y, w, h, path);
    int pw, ph, maxv, off = 0;
    assert_int_equal(sscanf(pgm, "P5 %d %d %d%n", &pw, &ph, &maxv, &off), 3);
    off++; /* the single white space after maxval */
    long dark = 0;
    for (long i = 0; i < (long)pw * ph; i++)
        if ((unsigned char)pgm[off + i] < 128)
            dark++;
    free(pgm);
    return dark;
}

static char *make_tmpdir(void)
{
    char *dir = wm_xstrdup("/tmp/waymark-test-pdfdir-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* A display list that uses every feature, for determinism and timing. */
static wm_dlist *feature_list(void)
{
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (int i = 0; i < 3; i++)
        wm_dl_add_page(dl);
    size_t d0 = wm_dl_new_dest(dl), d1 = wm_dl_new_dest(dl);
    wm_dl_rect(dl, 0, 50, 50, 100, 100, &BLUE, &BLACK, 1);
    text(dl, 0, 700, WM_FACE_REGULAR, SAMPLE);
    text(dl, 0, 680, WM_FACE_HEADING, "Roadmap");
    wm_dl_line(dl, 0, 50, 40, 500, 40, RED, 0.5, 3);
    wm_point pts[3] = {{100, 100}, {200, 100}, {150, 200}};
    wm_dl_poly(dl, 1, pts, 3, true, &RED, &BLACK, 1);
    wm_dl_place_dest(dl, d0, 1, 800);
    wm_dl_place_dest(dl, d1, 2, 500);
    wm_dl_link_dest(dl, 0, 72, 600, 100, 12, d1);
    wm_dl_link_uri(dl, 0, 72, 580, 100, 12, "https://example.com/");
    for (size_t p = 0; p < 3; p++)
        wm_dl_image(dl, p, 0, 400, 700, 40, 40);
    wm_dl_outline(dl, "Intro", 1, d0);
    wm_dl_outline(dl, "D\xC3\xA9tails", 2, d1);
    wm_doc_info in = {.title = "Plan", .author = "Me", .date = 1767225600};
    wm_dl_set_info(dl, &in);
    return dl;
}

/* A small RGBA image (4x4, alpha when `alpha` is set); static storage. */
static wm_image test_image(bool alpha)
{
    static unsigned char rgb[4 * 4 * 3], a[4 * 4];
    for (size_t i = 0; i < sizeof rgb; i++)
        rgb[i] = (unsigned char)(i * 5);
    for (size_t i = 0; i < sizeof a; i++)
        a[i] = (unsigned char)(i * 16);
    wm_image im = {.width = 4, .height = 4, .rgb = rgb, .alpha = alpha ? a : NULL};
    return im;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

static void text_round_trips(void **state)
{
    (void)state;
    need("pdftotext");
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_dl_add_page(dl);
    text(dl, 0, 700, WM_FACE_REGULAR, SAMPLE);
    text(dl, 0, 680, WM_FACE_BOLD,
         "Bold \xC5\x81\xC3\xB3"
         "d\xC5\xBA");
    text(dl, 0, 660, WM_FACE_ITALIC, "Italic M\xC3\xBCller");
    text(dl, 0, 640, WM_FACE_BOLD_ITALIC, "Bold italic \xE2\x82\xAC");
    text(dl, 1, 700, WM_FACE_HEADING, "Heading \xE2\x80\x9Cquoted\xE2\x80\x9D");
    text(dl, 1, 680, WM_FACE_FALLBACK, "Fallback \xE2\x9C\x93"); /* ✓ */
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    qpdf_check(path);
    char *txt = run("pdftotext -enc UTF-8 '%s' -", path);
    assert_contains(txt, SAMPLE);
    assert_contains(txt, "Bold \xC5\x81\xC3\xB3"
                         "d\xC5\xBA");
    assert_contains(txt, "Italic M\xC3\xBCller");
    assert_contains(txt, "Bold italic \xE2\x82\xAC");
    assert_contains(txt, "Heading \xE2\x80\x9Cquoted\xE2\x80\x9D");
    assert_contains(txt, "Fallback \xE2\x9C\x93");
    free(txt);
    txt = run("pdftotext -f 2 -l 2 -enc UTF-8 '%s' -", path);
    assert_null(strstr(txt, "Zo\xC3\xAB")); /* page 1's text stays on page 1 */
    assert_contains(txt, "Heading");
    free(txt);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void fonts_embedded_once_per_file(void **state)
{
    (void)state;
    need("pdffonts");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    text(dl, 0, 700, WM_FACE_REGULAR, "Regular");
    text(dl, 0, 680, WM_FACE_BOLD, "Bold");
    text(dl, 0, 660, WM_FACE_HEADING, "Heading"); /* same file as bold */
    text(dl, 0, 640, WM_FACE_ITALIC, "Italic");
    text(dl, 0, 620, WM_FACE_FALLBACK, "\xE2\x9C\x93");
    wm_pdf_opts o = default_opts();
    o.fonts[WM_FACE_BOLD_ITALIC] = "/nonexistent/unused.ttf"; /* never loaded */
    char *path = write_file(dl, &o);
    char *fonts = run("pdffonts '%s'", path);
    /* Two header lines, then one line per font. */
    size_t lines = count(fonts, "\n");
    assert_int_equal(lines, 2 + 4);
    assert_int_equal(count(fonts, "NotoSans-Regular"), 1);
    assert_int_equal(count(fonts, "NotoSans-Bold"), 1);
    assert_int_equal(count(fonts, "NotoSans-Italic"), 1);
    assert_int_equal(count(fonts, "DejaVuSans"), 1);
    assert_int_equal(count(fonts, "CID TrueType"), 4);
    assert_int_equal(count(fonts, " yes yes yes "), 4); /* emb, sub, uni */
    assert_null(strstr(fonts, " no "));
    free(fonts);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void shared_font_draws_every_slot(void **state)
{
    (void)state;
    need("pdftoppm");
    need("pdffonts");
    /* Bold and heading share NotoSans-Bold: the subset must hold the code
     * points of both.  And a copy of the regular face under another path
     * (same PostScript name) must be merged too: libharu 2.3.0 would reuse
     * the first one silently and draw the second slot's text as nothing. */
    char *dir = make_tmpdir();
    char *copy = wm_xasprintf("%s/copy.ttf", dir);
    char *cmd = wm_xasprintf("cp '%s' '%s'", FONTS "NotoSans-Regular.ttf", copy);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_dl_text(dl, 0, 72, 700, WM_FACE_BOLD, 20, BLACK, "xxxx", 4, 40);
    wm_dl_text(dl, 0, 72, 600, WM_FACE_HEADING, 20, BLACK, "MMMM", 4, 60);
    wm_dl_text(dl, 0, 72, 500, WM_FACE_REGULAR, 20, BLACK, "xxxx", 4, 40);
    wm_dl_text(dl, 0, 72, 400, WM_FACE_ITALIC, 20, BLACK, "WWWW", 4, 60);
    wm_pdf_opts o = default_opts();
    o.fonts[WM_FACE_ITALIC] = copy;
    char *path = write_file(dl, &o);
    char *fonts = run("pdffonts '%s'", path);
    assert_int_equal(count(fonts, "\n"), 2 + 2);
    free(fonts);
    /* Baselines at y = 600 and 400 are 242 and 442 px from the top. */
    assert_true(dark_pixels(path, 1, 60, 222, 200, 24) > 100);
    assert_true(dark_pixels(path, 1, 60, 422, 200, 24) > 100);
    unlink(path);
    free(path);
    unlink(copy);
    free(copy);
    rmdir(dir);
    free(dir);
    wm_dl_free(dl);
}

static void page_count_and_size(void **state)
{
    (void)state;
    need("pdfinfo");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (int i = 0; i < 3; i++)
        wm_dl_add_page(dl);
    text(dl, 1, 700, WM_FACE_REGULAR, "Only page 2 has text");
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    char *info = run("pdfinfo -f 1 -l 3 '%s'", path);
    assert_contains(info, "Pages:           3");
    assert_int_equal(count(info, "595.28 x 841.89 pts (A4)"), 3);
    free(info);
    unlink(path);
    free(path);
    wm_dl_free(dl);

    dl = wm_dl_new(612, 792);
    wm_dl_add_page(dl);
    path = write_file(dl, &o); /* a page without operations is fine */
    info = run("pdfinfo '%s'", path);
    assert_contains(info, "Pages:           1");
    assert_contains(info, "612 x 792 pts (letter)");
    free(info);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void metadata_is_written(void **state)
{
    (void)state;
    need("pdfinfo");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_doc_info in = {.title = "Zo\xC3\xAB's roadmap",
                      .author = "\xC5\x81ukasz M\xC3\xBCller",
                      .subject = "Delivery plan",
                      .keywords = "roadmap, handover",
                      .creator = "Waymark 0.1",
                      .date = 1767225600}; /* 2026-01-01 00:00:00 UTC */
    wm_dl_set_info(dl, &in);
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    char *info = run("pdfinfo -isodates -enc UTF-8 '%s'", path);
    assert_contains(info, "Title:           Zo\xC3\xAB's roadmap\n");
    assert_contains(info, "Author:          \xC5\x81ukasz M\xC3\xBCller\n");
    assert_contains(info, "Subject:         Delivery plan\n");
    assert_contains(info, "Keywords:        roadmap, handover\n");
    assert_contains(info, "Creator:         Waymark 0.1\n");
    assert_contains(info, "Producer:        " WM_PDF_PRODUCER "\n");
    assert_contains(info, "CreationDate:    2026-01-01T00:00:00Z\n");
    assert_contains(info, "ModDate:         2026-01-01T00:00:00Z\n");
    free(info);
    unlink(path);
    free(path);
    wm_dl_free(dl);

    /* No date and no strings: only the producer. */
    dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    path = write_file(dl, &o);
    info = run("pdfinfo '%s'", path);
    assert_contains(info, "Producer:        " WM_PDF_PRODUCER "\n");
    assert_null(strstr(info, "Title:"));
    assert_null(strstr(info, "Author:"));
    assert_null(strstr(info, "CreationDate:"));
    assert_null(strstr(info, "ModDate:"));
    free(info);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void output_is_deterministic(void **state)
{
    (void)state;
    wm_dlist *dl = feature_list();
    wm_image im = test_image(true);
    wm_pdf_opts o = default_opts();
    o.images = &im;
    o.n_images = 1;
    size_t la, lb;
    unsigned char *a = write_ok(dl, &o, &la);
    char *dir = make_tmpdir(); /* a different temporary directory too */
    setenv("TMPDIR", dir, 1);
    unsigned char *b = write_ok(dl, &o, &lb);
    unsetenv("TMPDIR");
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    assert_int_equal(dir_entries(dir), 0); /* fonts go to libharu from memory */
    rmdir(dir);
    free(dir);
    free(a);
    free(b);
    wm_dl_free(dl);
}

static void images_stored_once_with_smask(void **state)
{
    (void)state;
    need("pdfimages");
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (size_t p = 0; p < 3; p++) {
        wm_dl_add_page(dl);
        wm_dl_image(dl, p, 0, 72, 600, 80, 80); /* with alpha, on every page */
    }
    wm_dl_image(dl, 1, 1, 72, 400, 40, 40); /* opaque, once */
    wm_image ims[2] = {test_image(true), test_image(false)};
    wm_pdf_opts o = default_opts();
    o.images = ims;
    o.n_images = 2;
    char *path = write_file(dl, &o);
    qpdf_check(path);
    char *list = run("pdfimages -list '%s'", path);
    /* page num type width height color comp bpc enc interp object ... */
    int objs[8], n_img = 0, n_smask = 0, first = -1, second = -1;
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        int page, num, w, h, obj;
        char type[16], colour[16];
        if (sscanf(line, "%d %d %15s %d %d %15s %*d %*d %*s %*s %d", &page, &num, type, &w, &h,
                   colour, &obj) != 7)
            continue;
        if (strcmp(type, "image") == 0) {
            assert_true(n_img < 8);
            objs[n_img++] = obj;
            assert_string_equal(colour, "rgb");
        } else if (strcmp(type, "smask") == 0) {
            n_smask++;
            assert_string_equal(colour, "gray");
        }
    }
    free(list);
    assert_int_equal(n_img, 4);   /* 3 draws of image 0, 1 of image 1 */
    assert_int_equal(n_smask, 3); /* only image 0 has alpha */
    for (int i = 0; i < n_img; i++) {
        if (first < 0 || objs[i] == first)
            first = objs[i];
        else if (second < 0 || objs[i] == second)
            second = objs[i];
        else
            fail_msg("a third image object %d", objs[i]);
    }
    assert_true(second > 0 && first != second); /* two image objects in all */
    char *json = run("qpdf --json --json-key=qpdf --json-stream-data=none '%s'", path);
    assert_int_equal(count(json, "\"/Subtype\": \"/Image\""), 3); /* rgb, its mask, rgb */
    assert_int_equal(count(json, "\"/SMask\""), 1);
    free(json);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void links_resolve_to_their_pages(void **state)
{
    (void)state;
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (int i = 0; i < 3; i++)
        wm_dl_add_page(dl);
    size_t d_late = wm_dl_new_dest(dl);
    wm_dl_link_dest(dl, 0, 72, 600, 100, 12, d_late); /* to a later page */
    wm_dl_link_uri(dl, 0, 72, 580, 100, 12, "https://example.com/a?b=1");
    wm_dl_place_dest(dl, d_late, 2, 500.5);
    size_t d_never = wm_dl_new_dest(dl); /* never placed: no annotation */
    wm_dl_link_dest(dl, 1, 72, 600, 100, 12, d_never);
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    qpdf_check(path);

    char *page1 = run("qpdf --show-object=%d '%s'", page_object(path, 1), path);
    char *annots = strstr(page1, "/Annots [ ");
    assert_non_null(annots);
    int a1, a2;
    assert_int_equal(sscanf(annots, "/Annots [ %d 0 R %d 0 R ]", &a1, &a2), 2);
    free(page1);

    char *link = run("qpdf --show-object=%d '%s'", a1, path);
    assert_contains(link, "/Subtype /Link");
    assert_contains(link, "/Border [ 0 0 0 ]");
    assert_contains(link, "/Rect [ 72 600 172 612 ]");
    int dest_obj;
    char *d = strstr(link, "/Dest ");
    assert_non_null(d);
    assert_int_equal(sscanf(d, "/Dest %d 0 R", &dest_obj), 1);
    free(link);
    char *dest = run("qpdf --show-object=%d '%s'", dest_obj, path);
    assert_int_equal(page_of(path, dest + strlen("[ ")), 3);
    assert_contains(dest, "/XYZ 0 500.5 1 ]");
    free(dest);

    char *uri = run("qpdf --show-object=%d '%s'", a2, path);
    assert_contains(uri, "/S /URI");
    assert_contains(uri, "/URI (https://example.com/a?b=1)");
    assert_contains(uri, "/Border [ 0 0 0 ]");
    free(uri);

    char *page2 = run("qpdf --show-object=%d '%s'", page_object(path, 2), path);
    assert_null(strstr(page2, "/Annots"));
    free(page2);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

/* The 1-based page the bookmark titled `title` jumps to, from qpdf's JSON
 * ("pages" lists, for each page, the bookmarks that point to it). */
static int bookmark_page(const char *json, const char *title)
{
    char *want = wm_xasprintf("\"title\": \"%s\"", title);
    const char *t = strstr(json, want);
    free(want);
    if (!t)
        return 0;
    const char *pos = strstr(t, "\"pageposfrom1\": ");
    return pos ? atoi(pos + strlen("\"pageposfrom1\": ")) : 0;
}

static void outline_nests_and_opens(void **state)
{
    (void)state;
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (int i = 0; i < 4; i++)
        wm_dl_add_page(dl);
    size_t d[4];
    for (size_t i = 0; i < 4; i++) {
        d[i] = wm_dl_new_dest(dl);
        wm_dl_place_dest(dl, d[i], i, 800);
    }
    wm_dl_outline(dl, "Intro", 1, d[0]);
    wm_dl_outline(dl, "D\xC3\xA9tails", 2, d[1]);
    wm_dl_outline(dl, "Deeper", 3, d[2]);
    wm_dl_outline(dl, "Annex", 1, d[3]);
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    qpdf_check(path);

    char *pages = run("qpdf --json --json-key=pages '%s'", path);
    assert_int_equal(bookmark_page(pages, "Intro"), 1);
    assert_int_equal(bookmark_page(pages, "D\xC3\xA9tails"), 2);
    assert_int_equal(bookmark_page(pages, "Deeper"), 3);
    assert_int_equal(bookmark_page(pages, "Annex"), 4);
    free(pages);

    /* Nesting: in qpdf's JSON an item's kids come before its title, so the
     * titles appear children first: Deeper, Détails, Intro, Annex. */
    char *json = run("qpdf --json --json-key=outlines '%s'", path);
    const char *deeper = strstr(json, "\"title\": \"Deeper\"");
    const char *details = strstr(json, "\"title\": \"D\xC3\xA9tails\"");
    const char *intro = strstr(json, "\"title\": \"Intro\"");
    const char *annex = strstr(json, "\"title\": \"Annex\"");
    assert_true(deeper && details && intro && annex);
    assert_true(deeper < details && details < intro && intro < annex);
    assert_contains(json, "\"open\": true");
    assert_int_equal(count(json, "\"/XYZ\""), 4);
    free(json);

    char *catalog = show_catalog(path);
    assert_contains(catalog, "/PageMode /UseOutlines");
    free(catalog);
    unlink(path);
    free(path);
    wm_dl_free(dl);

    /* Without bookmarks the viewer opens with no panel. */
    dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    path = write_file(dl, &o);
    catalog = show_catalog(path);
    assert_null(strstr(catalog, "/PageMode"));
    assert_null(strstr(catalog, "/Outlines"));
    free(catalog);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void drawing_operators(void **state)
{
    (void)state;
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_dl_rect(dl, 0, 50, 50, 100, 100, &BLUE, NULL, 0);
    /* Text after a blue fill: the text's own colour must be set. */
    wm_dl_text(dl, 0, 72, 700, WM_FACE_REGULAR, 12, RED, "Red", 3, 20);
    size_t d = wm_dl_new_dest(dl);
    wm_dl_place_dest(dl, d, 0, 700); /* no drawing: the text object goes on */
    wm_dl_link_uri(dl, 0, 72, 700, 10, 10, "https://example.com/");
    wm_dl_text(dl, 0, 72, 680, WM_FACE_BOLD, 14, BLACK, "Black", 5, 30);
    wm_dl_line(dl, 0, 50, 40, 500, 40, RED, 0.5, 3);
    wm_dl_line(dl, 0, 50, 30, 500, 30, RED, 0.5, 0);
    wm_point pts[3] = {{100, 100}, {200, 100}, {150, 200}};
    wm_dl_poly(dl, 0, pts, 3, true, &RED, &BLACK, 1);
    wm_dl_poly(dl, 0, pts, 3, false, NULL, &BLACK, 1);
    wm_dl_rect(dl, 0, 10, 10, 20, 20, NULL, &BLUE, 2);
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    char *c = page_content(path, 1);
    assert_int_equal(count(c, "BT\n"), 1); /* both runs in one text object */
    assert_int_equal(count(c, "ET\n"), 1);
    assert_contains(c, "0 0 1 rg\n50 50 100 100 re\nf\n");
    const char *red = strstr(c, "1 0 0 rg\n");
    const char *tj = strstr(c, "Tj\n");
    assert_true(red && tj && red < tj);
    assert_contains(c, "/F1 12 Tf\n");
    assert_contains(c, "/F2 14 Tf\n");
    assert_null(strstr(c, " Tw\n")); /* no word spacing with UTF-8 fonts */
    assert_contains(c, "0.5 w\n1 0 0 RG\n[3 3 ] 0 d\n50 40 m\n500 40 l\nS\n[] 0 d\n");
    assert_contains(c, "100 100 m\n200 100 l\n150 200 l\nb\n"); /* closed fill+stroke */
    assert_contains(c, "150 200 l\nS\n");                       /* open, stroked */
    assert_contains(c, "2 w\n0 0 1 RG\n10 10 20 20 re\nS\n");
    free(c);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

static void missing_font_is_named(void **state)
{
    (void)state;
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    text(dl, 0, 700, WM_FACE_REGULAR, "Hello");
    text(dl, 0, 680, WM_FACE_BOLD, "World");
    wm_pdf_opts o = default_opts();
    o.fonts[WM_FACE_BOLD] = "/nonexistent/NoSuchFont-Bold.ttf";
    char *dir = make_tmpdir();
    setenv("TMPDIR", dir, 1);
    char *err = write_fails(dl, &o);
    unsetenv("TMPDIR");
    assert_contains(err, "/nonexistent/NoSuchFont-Bold.ttf");
    free(err);
    assert_int_equal(dir_entries(dir), 0); /* no temporary file at all */

    o.fonts[WM_FACE_BOLD] = NULL; /* a used slot with no file at all */
    err = write_fails(dl, &o);
    assert_contains(err, "no font file for the bold face");
    free(err);
    rmdir(dir);
    free(dir);
    wm_dl_free(dl);
}

static void empty_list_is_an_error(void **state)
{
    (void)state;
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_pdf_opts o = default_opts();
    char *err = write_fails(dl, &o);
    assert_string_equal(err, "cannot write the PDF: the document has no pages");
    free(err);
    wm_dl_free(dl);
}

static void libharu_errors_become_messages(void **state)
{
    (void)state;
    /* A page size libharu refuses: its error code and what we were doing. */
    wm_dlist *dl = wm_dl_new(1, 841.89);
    wm_dl_add_page(dl);
    wm_pdf_opts o = default_opts();
    char *err = write_fails(dl, &o);
    assert_contains(err, "cannot write the PDF: libharu error 0x1054 (page size out of range");
    assert_contains(err, "while setting the page size");
    free(err);
    wm_dl_free(dl);

    dl = wm_dl_new(NAN, 841.89);
    wm_dl_add_page(dl);
    err = write_fails(dl, &o);
    assert_contains(err, "libharu error 0x1054");
    free(err);
    wm_dl_free(dl);

    /* An image index past the array the caller gave. */
    dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_dl_image(dl, 0, 2, 0, 0, 10, 10);
    wm_image im = test_image(false);
    o.images = &im;
    o.n_images = 1;
    err = write_fails(dl, &o);
    assert_contains(err, "image 2 was drawn but only 1 images were given");
    free(err);
    wm_dl_free(dl);
}

static void hostile_values_still_give_a_valid_pdf(void **state)
{
    (void)state;
    need("qpdf");
    need("pdftotext");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    wm_dl_text(dl, 0, NAN, 1e9, WM_FACE_REGULAR, 12, BLACK, "nan", 3, 10);
    wm_dl_text(dl, 0, 72, 300, WM_FACE_REGULAR, 1e6, BLACK, "huge", 4, 10);
    wm_dl_text(dl, 0, 72, 700, WM_FACE_BOLD, 0, BLACK, "zero", 4, 10);
    wm_dl_text(dl, 0, 72, 700, WM_FACE_BOLD, NAN, BLACK, "nans", 4, 10);
    wm_dl_text(dl, 0, 72, 700, (wm_face_slot)42, 12, BLACK, "badface", 7, 10);
    wm_dl_text(dl, 0, 72, 650, WM_FACE_REGULAR, 12, BLACK, "bad \xff utf8 \xC3", 12, 10);
    wm_dl_rect(dl, 0, NAN, 0, INFINITY, -5, &BLACK, &BLACK, -3);
    wm_dl_rect(dl, 0, 1, 1, 1, 1, NULL, NULL, 1);
    wm_dl_line(dl, 0, 0, 0, 100, 100, BLACK, 500, 5000);
    wm_dl_line(dl, 0, 0, 0, 100, 100, BLACK, NAN, 1);
    wm_point pts[3] = {{100, 100}, {NAN, 100}, {150, -1e12}};
    wm_dl_poly(dl, 0, pts, 3, false, &BLACK, &BLACK, 1);
    wm_dl_poly(dl, 0, pts, 3, true, &BLACK, NULL, 1);
    wm_dl_link_dest(dl, 0, 0, 0, 10, 10, 999); /* no such destination */
    wm_dl_link_uri(dl, 0, NAN, 0, 10, 10, "https://example.com/\xC3\xBC?a=(b)");
    size_t d = wm_dl_new_dest(dl);
    wm_dl_place_dest(dl, d, 0, 5000); /* above the page: clamped */
    size_t unplaced = wm_dl_new_dest(dl);
    wm_dl_outline(dl, "Unplaced", 1, unplaced);
    wm_dl_outline(dl, "Too deep", 40, d);
    wm_dl_outline(dl, "Level zero", 0, d);
    wm_dl_outline(dl, "Bad \xff", 2, 12345);
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    qpdf_check(path);
    char *txt = run("pdftotext -enc UTF-8 '%s' -", path);
    assert_contains(txt, "bad \xEF\xBF\xBD utf8 \xEF\xBF\xBD"); /* U+FFFD */
    assert_null(strstr(txt, "badface"));
    assert_null(strstr(txt, "zero"));
    free(txt);
    char *json = run("qpdf --json --json-key=outlines '%s'", path);
    assert_contains(json, "\"title\": \"Too deep\"");
    assert_contains(json, "\"title\": \"Bad \xEF\xBF\xBD\"");
    assert_contains(json, "841.89");
    free(json);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

/* ------------------------------------------------------------------------ */
/* Text written by us (cidtext.h) and the fonts' ToUnicode                   */
/* ------------------------------------------------------------------------ */

static void numbers_for_content_streams(void **state)
{
    (void)state;
    const struct {
        double v;
        const char *want;
    } cases[] = {{0, "0"},         {12, "12"},       {-0.5, "-0.5"},    {214.17999, "214.18"},
                 {0.0004, "0"},    {-0.0004, "0"},   {1.0005, "1.001"}, {-374.81, "-374.81"},
                 {32767, "32767"}, {0.125, "0.125"}, {10.1, "10.1"},    {NAN, "0"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wm_buf b;
        wm_buf_init(&b);
        wm_cid_real(&b, cases[i].v);
        assert_string_equal(b.data, cases[i].want);
        wm_buf_free(&b);
    }
}

static void assert_bytes(const wm_buf *b, const char *want, size_t want_len)
{
    assert_int_equal(b->len, want_len);
    assert_memory_equal(b->data, want, want_len);
}

static void text_runs_are_code_points_in_a_string(void **state)
{
    (void)state;
    wm_buf b;
    wm_buf_init(&b);
    /* "A€", then U+1F600, above U+FFFF: the code of its place in the
     * font's astral list (the second: 0xD801); U+1F680, not in the list: a
     * space */
    static const uint32_t astral[] = {0x1F4A1, 0x1F600};
    wm_cid_show(&b, 72, -10.56, "A\xE2\x82\xAC\xF0\x9F\x98\x80\xF0\x9F\x9A\x80", astral, 2);
    static const char want[] = "72 -10.56 Td\n(\0A\x20\xAC\xD8\x01\0 ) Tj\n";
    assert_bytes(&b, want, sizeof want - 1);
    /* Bytes that must be escaped: "(" U+0028, "\\" U+005C, ")" as the low
     * byte of U+2029, and CR and LF as the bytes of U+0D0A. */
    b.len = 0;
    wm_cid_show(&b, 0, 0, "(\\\xE2\x80\xA9\xE0\xB4\x8A", NULL, 0);
    static const char esc[] = "0 0 Td\n(\0\\(\0\\\\ \\)\\r\\n) Tj\n";
    assert_bytes(&b, esc, sizeof esc - 1);
    wm_buf_free(&b);
}

static void tounicode_maps_each_code_to_its_character(void **state)
{
    (void)state;
    uint32_t cps[250];
    for (uint32_t i = 0; i < 249; i++)
        cps[i] = 0x20 + i;
    cps[249] = 0x1F600; /* above U+FFFF: the first astral code, 0xD800 */
    char *cmap = wm_cid_tounicode(cps, 250);
    assert_contains(cmap, "/CMapType 2 def");
    assert_contains(cmap, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* 249 codes: blocks of 100, 100 and 49 */
    assert_int_equal(count(cmap, "100 beginbfchar\n"), 2);
    assert_int_equal(count(cmap, "49 beginbfchar\n"), 1);
    assert_int_equal(count(cmap, "1 beginbfchar\n"), 1);
    assert_int_equal(count(cmap, "endbfchar"), 4);
    assert_contains(cmap, "<0020> <0020>\n");
    assert_contains(cmap, "<0118> <0118>\n");
    /* its code maps to its UTF-16 surrogate pair */
    assert_contains(cmap, "<D800> <D83DDE00>\n");
    assert_null(strstr(cmap, "cidrange"));
    free(cmap);
}

/* poppler had a warning for every font libharu wrote ("Invalid
 * 'begincidrange' operator in ToUnicode CMap"); our ToUnicode gives it
 * nothing to say, and maps what is drawn back to its characters. */
static void fonts_have_a_valid_tounicode(void **state)
{
    (void)state;
    need("pdftotext");
    need("qpdf");
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    wm_dl_add_page(dl);
    text(dl, 0, 700, WM_FACE_REGULAR, SAMPLE);
    text(dl, 0, 680, WM_FACE_BOLD, "Bold \xE2\x82\xAC 5");
    wm_pdf_opts o = default_opts();
    char *path = write_file(dl, &o);
    qpdf_check(path);
    int st;
    char *err = run_status(&st, "pdftotext -enc UTF-8 '%s' /dev/null 2>&1", path);
    assert_int_equal(st, 0);
    assert_string_equal(err, "");
    free(err);
    char *qdf = run("qpdf --qdf --object-streams=disable '%s' -", path);
    assert_int_equal(count(qdf, "beginbfchar"), 2); /* one per font */
    assert_int_equal(count(qdf, "begincidrange"), 0);
    assert_contains(qdf, "<20AC> <20AC>");
    assert_contains(qdf, "/Encoding /Identity-H");
    free(qdf);
    unlink(path);
    free(path);
    wm_dl_free(dl);
}

/* The x extent of the first word `word` on page 1 (pdftotext -bbox). */
static double word_width(const char *path, const char *word)
{
    char *xml = run("pdftotext -bbox '%s' -", path);
    char *w = strstr(xml, word);
    assert_non_null(w);
    while (w > xml && strncmp(w, "<word", 5) != 0)
        w--;
    double x0 = 0, y0 = 0, x1 = 0;
    assert_int_equal(sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\"", &x0, &y0, &x1), 3);
    free(xml);
    return x1 - x0;
}

/* libharu leaves the highest CID out of a font's widths and CIDToGIDMap;
 * the writer maps one more, so the highest character drawn keeps its own
 * width (and glyph) instead of the default one. */
static void highest_character_keeps_its_width(void **state)
{
    (void)state;
    need("pdftotext");
    wm_pdf_opts o = default_opts();
    double widths[2];
    const char *texts[2] = {"AZ", "AZ ~"}; /* Z highest, then not */
    for (int i = 0; i < 2; i++) {
        wm_dlist *dl = wm_dl_new(595.28, 841.89);
        wm_dl_add_page(dl);
        text(dl, 0, 700, WM_FACE_REGULAR, texts[i]);
        char *path = write_file(dl, &o);
        widths[i] = word_width(path, "AZ");
        unlink(path);
        free(path);
        wm_dl_free(dl);
    }
    assert_true(widths[0] > 10 && widths[0] < 20);
    assert_true(fabs(widths[0] - widths[1]) < 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_for_content_streams),
        cmocka_unit_test(text_runs_are_code_points_in_a_string),
        cmocka_unit_test(tounicode_maps_each_code_to_its_character),
        cmocka_unit_test(fonts_have_a_valid_tounicode),
        cmocka_unit_test(highest_character_keeps_its_width),
        cmocka_unit_test(text_round_trips),
        cmocka_unit_test(fonts_embedded_once_per_file),
        cmocka_unit_test(shared_font_draws_every_slot),
        cmocka_unit_test(page_count_and_size),
        cmocka_unit_test(metadata_is_written),
        cmocka_unit_test(output_is_deterministic),
        cmocka_unit_test(images_stored_once_with_smask),
        cmocka_unit_test(links_resolve_to_their_pages),
        cmocka_unit_test(outline_nests_and_opens),
        cmocka_unit_test(drawing_operators),
        cmocka_unit_test(missing_font_is_named),
        cmocka_unit_test(empty_list_is_an_error),
        cmocka_unit_test(libharu_errors_become_messages),
        cmocka_unit_test(hostile_values_still_give_a_valid_pdf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
