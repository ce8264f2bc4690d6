/*
 * test_brand.c - brands (render/brand.c): the built-in default, the sample
 * brand files, and the exact diagnostics for each kind of bad brand file.
 *
 * Bad brand files, fake fonts and logos are written at run time into one
 * temporary directory; diagnostics are printed as the CLI prints them
 * (wm_diags_print) with that directory shown as $DIR, and compared whole.
 * The data directory is the source tree (WAYMARK_DATA_DIR, set by ctest).
 */
#define _DEFAULT_SOURCE /* realpath, mkdtemp, open_memstream */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "layout/text.h"
#include "pdf/image.h"
#include "render/brand.h"

#define SRC WM_SOURCE_DIR_TEST

static char tmpdir[] = "/tmp/wm-brand-XXXXXX";

/* ---- helpers ---- */

static void write_bytes(const char *name, const void *data, size_t len)
{
    char *path = wm_xasprintf("%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(path);
}

static void write_text(const char *name, const char *text)
{
    write_bytes(name, text, strlen(text));
}

/* Every occurrence of `from` in s replaced by `to`; the caller frees. */
static char *replace_all(const char *s, const char *from, const char *to)
{
    wm_buf b;
    wm_buf_init(&b);
    size_t n = strlen(from);
    for (const char *p = s; *p;) {
        if (n && strncmp(p, from, n) == 0) {
            wm_buf_puts(&b, to);
            p += n;
        } else {
            wm_buf_putc(&b, *p++);
        }
    }
    return wm_buf_steal(&b);
}

/* The diagnostics as the CLI prints them, with the temporary directory
 * written $DIR; the caller frees. */
static char *printed(wm_diags *d)
{
    wm_diags_sort(d);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    wm_diags_print(d, f);
    fclose(f);
    char *r = replace_all(out, tmpdir, "$DIR");
    free(out);
    return r;
}

/* Write `yaml` as $DIR/brand.yaml, load it and compare the diagnostics with
 * `expected` (whole).  A load with errors must give NULL. */
static void expect_diags(const char *yaml, const char *expected)
{
    write_text("brand.yaml", yaml);
    char *path = wm_xasprintf("%s/brand.yaml", tmpdir);
    wm_diags d;
    wm_diags_init(&d);
    wm_brand *b = wm_brand_load(path, &d);
    char *got = printed(&d);
    if (strcmp(got, expected) != 0) {
        fprintf(stderr, "--- expected\n%s--- got\n%s---\n", expected, got);
        fail_msg("diagnostics differ");
    }
    if (d.errors)
        assert_null(b);
    else
        assert_non_null(b);
    wm_brand_free(b);
    wm_diags_free(&d);
    free(got);
    free(path);
}

/* Load $DIR/brand.yaml written from `yaml`, which must have no errors. */
static wm_brand *load_ok(const char *yaml, wm_diags *d)
{
    write_text("brand.yaml", yaml);
    char *path = wm_xasprintf("%s/brand.yaml", tmpdir);
    wm_diags_init(d);
    wm_brand *b = wm_brand_load(path, d);
    if (!b)
        wm_diags_print(d, stderr);
    assert_non_null(b);
    assert_int_equal(d->errors, 0);
    free(path);
    return b;
}

static char *real(const char *path)
{
    char buf[PATH_MAX];
    assert_non_null(realpath(path, buf));
    return wm_xstrdup(buf);
}

static void assert_rgb(wm_rgb c, unsigned r, unsigned g, unsigned b)
{
    assert_int_equal(c.r, r);
    assert_int_equal(c.g, g);
    assert_int_equal(c.b, b);
}

static void assert_near(double got, double want)
{
    if (fabs(got - want) > 0.0005)
        fail_msg("got %.6f, expected %.6f", got, want);
}

static double mm(double v)
{
    return v * 72.0 / 25.4;
}

/* Every font slot is an absolute path to a TrueType file that opens. */
static void assert_fonts_open(const wm_brand *b)
{
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        assert_non_null(b->fonts[i]);
        assert_true(b->fonts[i][0] == '/');
        char *err = NULL;
        wm_face *f = wm_face_open(b->fonts[i], &err);
        if (!f)
            fail_msg("%s", err);
        wm_face_free(f);
    }
}

static void assert_font(const wm_brand *b, int slot, const char *name)
{
    char *want_path = wm_xasprintf("%s/fonts/%s", SRC, name);
    char *want = real(want_path);
    assert_string_equal(b->fonts[slot], want);
    free(want);
    free(want_path);
}

/* ---- the built-in brand ---- */

static void default_brand(void **state)
{
    (void)state;
    wm_brand *b = wm_brand_default();
    assert_string_equal(b->name, "Waymark");
    assert_null(b->file);
    assert_false(b->letter);
    assert_near(b->page_w, 595.276);
    assert_near(b->page_h, 841.890);
    assert_true(b->page_w == 210.0 * 72.0 / 25.4); /* exact, not rounded */
    assert_true(b->page_h == 297.0 * 72.0 / 25.4);
    assert_near(b->margin_top, mm(22));
    assert_near(b->margin_bottom, mm(20));
    assert_near(b->margin_left, mm(20));
    assert_near(b->margin_right, mm(20));
    assert_rgb(b->primary, 0x1B, 0x2A, 0x4A);
    assert_rgb(b->secondary, 0x0F, 0x76, 0x6E);
    assert_rgb(b->accent, 0xD9, 0x8E, 0x04);
    assert_rgb(b->text, 0x1A, 0x1F, 0x26);
    assert_rgb(b->muted, 0x5B, 0x67, 0x78);
    assert_font(b, WM_FACE_REGULAR, "NotoSans-Regular.ttf");
    assert_font(b, WM_FACE_BOLD, "NotoSans-Bold.ttf");
    assert_font(b, WM_FACE_ITALIC, "NotoSans-Italic.ttf");
    assert_font(b, WM_FACE_BOLD_ITALIC, "NotoSans-BoldItalic.ttf");
    assert_font(b, WM_FACE_HEADING, "NotoSans-Bold.ttf");
    assert_font(b, WM_FACE_FALLBACK, "DejaVuSans.ttf");
    assert_fonts_open(b);
    assert_null(b->logo);
    assert_null(b->footer);
    wm_brand_free(b);
    wm_brand_free(NULL);
}

/* ---- the sample brands ---- */

static void sample_keel(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    wm_brand *b = wm_brand_load(SRC "/samples/brands/keel.yaml", &d);
    wm_diags_print(&d, stderr);
    assert_non_null(b);
    assert_int_equal(d.count, 0);
    assert_string_equal(b->name, "Keel Advisory");
    assert_string_equal(b->file, SRC "/samples/brands/keel.yaml");
    assert_rgb(b->primary, 0x0B, 0x3C, 0x5D);
    assert_rgb(b->secondary, 0x32, 0x8C, 0xC1);
    assert_rgb(b->accent, 0xD9, 0xA2, 0x1B);
    assert_rgb(b->text, 0x1D, 0x27, 0x31);
    assert_rgb(b->muted, 0x5C, 0x6B, 0x80);
    assert_font(b, WM_FACE_REGULAR, "NotoSans-Regular.ttf");
    assert_font(b, WM_FACE_BOLD_ITALIC, "NotoSans-BoldItalic.ttf");
    assert_font(b, WM_FACE_HEADING, "NotoSans-Bold.ttf");
    assert_font(b, WM_FACE_FALLBACK, "DejaVuSans.ttf");
    assert_fonts_open(b);
    char *logo = real(SRC "/samples/brands/keel-logo.png");
    assert_string_equal(b->logo, logo);
    free(logo);
    assert_int_equal(b->logo_pos.line, 22);
    assert_int_equal(b->logo_pos.col, 7);
    assert_false(b->letter);
    assert_true(b->page_w == 210.0 * 72.0 / 25.4);
    assert_near(b->margin_top, 62.362);
    assert_near(b->margin_bottom, 56.693);
    assert_near(b->margin_left, mm(20));
    assert_near(b->margin_right, mm(20));
    assert_string_equal(b->footer, "Keel Advisory · Confidential");
    wm_brand_free(b);
    wm_diags_free(&d);
}

static void sample_keel_letter(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    wm_brand *b = wm_brand_load(SRC "/samples/brands/keel-letter.yaml", &d);
    wm_diags_print(&d, stderr);
    assert_non_null(b);
    assert_int_equal(d.count, 0);
    assert_true(b->letter);
    assert_true(b->page_w == 612.0);
    assert_true(b->page_h == 792.0);
    assert_near(b->margin_top, 53.858);
    assert_near(b->margin_left, 53.858);
    assert_rgb(b->primary, 0x0B, 0x3C, 0x5D);
    /* No fonts in the file: the built-in faces. */
    assert_font(b, WM_FACE_REGULAR, "NotoSans-Regular.ttf");
    assert_font(b, WM_FACE_ITALIC, "NotoSans-Italic.ttf");
    assert_non_null(b->logo);
    assert_string_equal(b->footer, "Keel Advisory · Confidential");
    wm_brand_free(b);
    wm_diags_free(&d);
}

/* Every sample logo decodes through the image gate, with transparency. */
static void sample_logos(void **state)
{
    (void)state;
    static const char *const logos[] = {
        "samples/brands/keel-logo.png", "samples/assets/brightwater-logo.png",
        "samples/assets/hanse-wisla-logo.png", "samples/assets/harbor-pine-logo.png"};
    for (size_t i = 0; i < sizeof logos / sizeof *logos; i++) {
        char *path = wm_xasprintf("%s/%s", SRC, logos[i]);
        wm_image img;
        char *err = NULL;
        if (!wm_image_load(path, &img, &err))
            fail_msg("%s: %s", logos[i], err);
        assert_int_equal(img.width, 600);
        assert_int_equal(img.height, 200);
        assert_non_null(img.alpha);
        assert_int_equal(img.alpha[0], 0); /* the corner is transparent */
        wm_image_free(&img);
        free(path);
    }
}

/* ---- values a user writes ---- */

/* fonts.fallback: the brand's fonts first, then the bundled chain. */
static void fallback_fonts(void **state)
{
    (void)state;
    wm_diags d;
    wm_brand *b = load_ok("format: waymark-brand/1\n"
                          "name: X\n"
                          "fonts:\n"
                          "  fallback: [NotoSans-Italic.ttf, NotoSans-BoldItalic.ttf]\n",
                          &d);
    assert_int_equal(d.count, 0);
    assert_font(b, WM_FACE_REGULAR, "NotoSans-Regular.ttf");
    assert_font(b, WM_FACE_FALLBACK, "NotoSans-Italic.ttf");
    assert_font(b, WM_FACE_FALLBACK + 1, "NotoSans-BoldItalic.ttf");
    assert_font(b, WM_FACE_FALLBACK + 2, "DejaVuSans.ttf");
    assert_fonts_open(b);
    wm_brand_free(b);
    wm_diags_free(&d);
    b = load_ok("format: waymark-brand/1\nname: X\nfonts: { fallback: NotoSans-Italic.ttf }\n", &d);
    assert_font(b, WM_FACE_FALLBACK, "NotoSans-Italic.ttf");
    assert_font(b, WM_FACE_FALLBACK + 1, "DejaVuSans.ttf");
    wm_brand_free(b);
    wm_diags_free(&d);
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "fonts:\n"
                 "  fallback: [DejaVuSans.ttf, Nope.ttf]\n",
                 "$DIR/brand.yaml:4:30: error: cannot find the font 'Nope.ttf' for "
                 "'fonts.fallback[2]'\n"
                 "  hint: looked in the bundled fonts (DejaVuSans.ttf, NotoSans-Bold.ttf, "
                 "NotoSans-BoldItalic.ttf, NotoSans-Italic.ttf, NotoSans-Regular.ttf) and next "
                 "to the brand file\n");
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "fonts:\n"
                 "  fallback: [a.ttf, b.ttf, c.ttf, d.ttf, e.ttf]\n",
                 "$DIR/brand.yaml:4:13: error: 'fonts.fallback' names 5 fonts; a brand may name "
                 "at most 4\n"
                 "  hint: name the fonts that cover the scripts your clients write\n");
}

static void partial_brand_keeps_defaults(void **state)
{
    (void)state;
    wm_diags d;
    wm_brand *b = load_ok("format: waymark-brand/1\n"
                          "name: Solo\n"
                          "colours: { primary: \"#ff8800\" }\n"
                          "fonts: { heading: NotoSans-BoldItalic.ttf }\n"
                          "page: { size: letter, margins: 15 }\n"
                          "footer: \"\"\n",
                          &d);
    assert_int_equal(d.count, 0);
    assert_rgb(b->primary, 0xFF, 0x88, 0x00); /* lower case hex is fine */
    assert_rgb(b->secondary, 0x0F, 0x76, 0x6E);
    assert_font(b, WM_FACE_REGULAR, "NotoSans-Regular.ttf");
    assert_font(b, WM_FACE_HEADING, "NotoSans-BoldItalic.ttf");
    assert_true(b->letter);
    assert_near(b->margin_top, mm(15));
    assert_near(b->margin_right, mm(15));
    assert_string_equal(b->footer, ""); /* no footer text, page numbers only */
    assert_null(b->logo);
    char *file = wm_xasprintf("%s/brand.yaml", tmpdir);
    assert_string_equal(b->file, file);
    free(file);
    wm_brand_free(b);
    wm_diags_free(&d);
}

static void page_size_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        bool letter;
    } cases[] = {{"A4", false},    {"a4", false},       {"Letter", true},    {"letter", true},
                 {"LETTER", true}, {"US Letter", true}, {"us-letter", true}, {"US_Letter", true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *yaml =
            wm_xasprintf("format: waymark-brand/1\nname: X\npage: { size: %s }\n", cases[i].name);
        wm_diags d;
        wm_brand *b = load_ok(yaml, &d);
        assert_int_equal(b->letter, cases[i].letter);
        assert_true(b->page_w == (cases[i].letter ? 612.0 : 210.0 * 72.0 / 25.4));
        wm_brand_free(b);
        wm_diags_free(&d);
        free(yaml);
    }
}

/* Font files are found in the bundled folder, next to the brand file, by a
 * relative path; the sfnt header decides, not the extension. */
static void font_search(void **state)
{
    (void)state;
    char *src = wm_xasprintf("%s/fonts/NotoSans-Italic.ttf", SRC);
    size_t len;
    FILE *f = fopen(src, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = wm_xmalloc(len);
    assert_int_equal(fread(bytes, 1, len, f), len);
    fclose(f);
    write_bytes("House-Italic.otf", bytes, len); /* TrueType inside, .otf name */
    char *sub = wm_xasprintf("%s/type", tmpdir);
    mkdir(sub, 0700);
    write_bytes("type/House-Regular.ttf", bytes, len);
    free(bytes);
    wm_diags d;
    wm_brand *b = load_ok("format: waymark-brand/1\n"
                          "name: X\n"
                          "fonts:\n"
                          "  regular: type/House-Regular.ttf\n"
                          "  bold: NotoSans-Bold.ttf\n"
                          "  italic: House-Italic.otf\n",
                          &d);
    char *want = wm_xasprintf("%s/type/House-Regular.ttf", tmpdir);
    char *want_real = real(want);
    assert_string_equal(b->fonts[WM_FACE_REGULAR], want_real);
    assert_font(b, WM_FACE_BOLD, "NotoSans-Bold.ttf");
    assert_font(b, WM_FACE_BOLD_ITALIC, "NotoSans-Bold.ttf"); /* defaults to bold */
    assert_font(b, WM_FACE_HEADING, "NotoSans-Bold.ttf");
    assert_font(b, WM_FACE_FALLBACK, "DejaVuSans.ttf");
    free(want);
    free(want_real);
    free(sub);
    free(src);
    wm_brand_free(b);
    wm_diags_free(&d);
}

static void contrast_warnings(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "colours:\n"
                 "  text: \"#999999\"\n"
                 "  muted: \"#DDDDDD\"\n",
                 "$DIR/brand.yaml:4:9: warning: 'colours.text' has a contrast of 2.8:1 on white\n"
                 "  hint: body text needs at least 4.5:1 (WCAG AA): choose a darker colour\n"
                 "$DIR/brand.yaml:5:10: warning: 'colours.muted' has a contrast of 1.4:1 on "
                 "white\n"
                 "  hint: captions and footers need at least 3:1: choose a darker colour\n");
}

/* ---- every kind of mistake, with its exact message ---- */

static void missing_format(void **state)
{
    (void)state;
    expect_diags("name: Keel Advisory\n",
                 "$DIR/brand.yaml:1:1: error: the brand file is missing the required key "
                 "'format'\n"
                 "  hint: start the file with 'format: waymark-brand/1'\n");
}

static void wrong_format(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/2\nname: X\n",
                 "$DIR/brand.yaml:1:9: error: unsupported format 'waymark-brand/2'\n"
                 "  hint: this version of Waymark reads 'format: waymark-brand/1'\n");
    expect_diags("format: waymark/1\nname: X\n",
                 "$DIR/brand.yaml:1:9: error: unsupported format 'waymark/1'\n"
                 "  hint: that is an engagement file's format: a brand file starts with "
                 "'format: waymark-brand/1'\n");
    expect_diags("name: X\nformat: waymark-brand/1\n",
                 "$DIR/brand.yaml:2:1: error: 'format' must be the first key\n"
                 "  hint: move 'format: waymark-brand/1' to the top of the file\n");
}

static void missing_name(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n",
                 "$DIR/brand.yaml:1:1: error: the brand file is missing the required key 'name'\n"
                 "  hint: add the consultancy's name as the cover shows it, such as 'name: Keel "
                 "Advisory'\n");
    expect_diags("format: waymark-brand/1\nname:\n",
                 "$DIR/brand.yaml:2:6: error: 'name' must not be empty\n");
    expect_diags("format: waymark-brand/1\nname: X\nfooter: [a, b]\n",
                 "$DIR/brand.yaml:3:9: error: expected text for 'footer', got a list\n");
    expect_diags("format: waymark-brand/1\nname: \"  \"\n",
                 "$DIR/brand.yaml:2:7: error: 'name' must not be blank\n");
}

static void unknown_keys(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "colors:\n"
                 "  primary: \"#0B3C5D\"\n",
                 "$DIR/brand.yaml:3:1: error: unknown key 'colors' in the brand file (did you "
                 "mean 'colours'?)\n");
    /* A misspelt 'name' is not also reported missing. */
    expect_diags("format: waymark-brand/1\n"
                 "nmae: X\n"
                 "colours: { primry: \"#0B3C5D\", shade: \"#000000\" }\n"
                 "page: { size: A4, margin: 20 }\n",
                 "$DIR/brand.yaml:2:1: error: unknown key 'nmae' in the brand file (did you mean "
                 "'name'?)\n"
                 "$DIR/brand.yaml:3:12: error: unknown key 'primry' in colours (did you mean "
                 "'primary'?)\n"
                 "$DIR/brand.yaml:3:31: error: unknown key 'shade' in colours\n"
                 "  hint: expected one of: primary, secondary, accent, text, muted\n"
                 "$DIR/brand.yaml:4:19: error: unknown key 'margin' in page (did you mean "
                 "'margins'?)\n");
}

static void bad_colours(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "colours:\n"
                 "  primary: \"#0B3C5\"\n"
                 "  secondary: \"#FA0\"\n"
                 "  accent: \"D9A21B\"\n"
                 "  text: navy\n"
                 "  muted: #6B7A8F\n",
                 "$DIR/brand.yaml:4:12: error: 'colours.primary' is not a colour: '#0B3C5'\n"
                 "  hint: six hex digits, like \"#0B3C5D\"\n"
                 "$DIR/brand.yaml:5:14: error: 'colours.secondary' is not a colour: '#FA0'\n"
                 "  hint: six hex digits, like \"#0B3C5D\": write \"#FA0\" as \"#FFAA00\"\n"
                 "$DIR/brand.yaml:6:11: error: 'colours.accent' is not a colour: 'D9A21B'\n"
                 "  hint: start with '#' and quote it: \"#D9A21B\"\n"
                 "$DIR/brand.yaml:7:9: error: 'colours.text' is not a colour: 'navy'\n"
                 "  hint: six hex digits, like \"#0B3C5D\"\n"
                 "$DIR/brand.yaml:8:3: error: 'colours.muted' has no value\n"
                 "  hint: quote the colour, as in muted: \"#0B3C5D\" (an unquoted # starts a "
                 "comment)\n");
    expect_diags("format: waymark-brand/1\nname: X\ncolours: { primary: [1, 2, 3] }\n",
                 "$DIR/brand.yaml:3:21: error: expected a colour for 'colours.primary', got a "
                 "list\n"
                 "  hint: six hex digits, like \"#0B3C5D\"\n");
}

static void missing_fonts(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "fonts:\n"
                 "  regular: NotoSans-Regular.ttf\n"
                 "  bold: NotoSans-Bld.ttf\n"
                 "  italic: brand/Italic.ttf\n"
                 "  heading: Gill Sans.ttf\n",
                 "$DIR/brand.yaml:5:9: error: cannot find the font 'NotoSans-Bld.ttf' for "
                 "'fonts.bold'\n"
                 "  hint: looked in the bundled fonts and next to the brand file; did you mean "
                 "'NotoSans-Bold.ttf'?\n"
                 "$DIR/brand.yaml:6:11: error: cannot find the font 'brand/Italic.ttf' for "
                 "'fonts.italic'\n"
                 "  hint: paths are relative to the brand file's folder: looked for "
                 "'$DIR/brand/Italic.ttf'\n"
                 "$DIR/brand.yaml:7:12: error: cannot find the font 'Gill Sans.ttf' for "
                 "'fonts.heading'\n"
                 "  hint: looked in the bundled fonts (DejaVuSans.ttf, NotoSans-Bold.ttf, "
                 "NotoSans-BoldItalic.ttf, NotoSans-Italic.ttf, NotoSans-Regular.ttf) and next "
                 "to the brand file\n");
    /* A family names its regular, bold and italic. */
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "fonts:\n"
                 "  regular: NotoSans-Regular.ttf\n",
                 "$DIR/brand.yaml:3:1: error: 'fonts' is missing the required key 'bold'\n"
                 "  hint: a brand that sets its own faces names regular, bold and italic "
                 "(bold_italic and heading default to bold)\n"
                 "$DIR/brand.yaml:3:1: error: 'fonts' is missing the required key 'italic'\n"
                 "  hint: a brand that sets its own faces names regular, bold and italic "
                 "(bold_italic and heading default to bold)\n");
}

static void bad_font_files(void **state)
{
    (void)state;
    static const unsigned char otto[] = {'O', 'T', 'T', 'O', 0, 9, 0, 0x80, 0, 3, 0, 0x10,
                                         'C', 'F', 'F', ' ', 0, 0, 0, 0,    0, 0, 0, 0};
    write_bytes("Brand-Regular.otf", otto, sizeof otto);
    static const unsigned char woff[] = {'w', 'O', 'F', 'F', 0, 1, 0, 0, 0, 0, 0, 0};
    write_bytes("Brand-Bold.woff", woff, sizeof woff);
    /* A TrueType header with only a head table (of zeros). */
    static const unsigned char bare[28 + 54] = {0,   1,   0, 0, 0, 1, 0, 16, 0, 0,  0, 0, 'h', 'e',
                                                'a', 'd', 0, 0, 0, 0, 0, 0,  0, 28, 0, 0, 0,   54};
    write_bytes("Brand-Italic.ttf", bare, sizeof bare);
    write_text("Brand-Heading.ttf", "<html>404 Not Found</html>\n");
    /* glyf and loca but no OS/2. */
    static const unsigned char no_os2[] = {0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 'h', 'e', 'a', 'd',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'h', 'h', 'e', 'a',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'm', 'a', 'x', 'p',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'c', 'm', 'a', 'p',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'h', 'm', 't', 'x',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'l', 'o', 'c', 'a',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'g', 'l', 'y', 'f',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'n', 'a', 'm', 'e',
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    write_bytes("NoOS2.ttf", no_os2, sizeof no_os2);
    /* A table directory cut short. */
    static const unsigned char cut[] = {0, 1, 0,   0,   0,   20,  0, 0, 0, 0,
                                        0, 0, 'h', 'e', 'a', 'd', 0, 0, 0, 0};
    write_bytes("Cut.ttf", cut, sizeof cut);
    expect_diags("format: waymark-brand/1\nname: X\nfonts:\n  heading: NoOS2.ttf\n",
                 "$DIR/brand.yaml:4:12: error: the font 'NoOS2.ttf' for 'fonts.heading' lacks "
                 "the 'OS/2' table that libharu needs\n"
                 "  hint: libharu embeds TrueType fonts with the head, hhea, maxp, cmap, hmtx, "
                 "loca, glyf, name and OS/2 tables: use a complete .ttf\n");
    expect_diags("format: waymark-brand/1\nname: X\nfonts:\n  heading: Cut.ttf\n",
                 "$DIR/brand.yaml:4:12: error: the font 'Cut.ttf' for 'fonts.heading' is "
                 "damaged (its table directory is incomplete)\n"
                 "  hint: the file is cut short: download or export the font again\n");
    write_bytes("Tiny.ttf", "\0\1\0", 3);
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "fonts:\n"
                 "  regular: Brand-Regular.otf\n"
                 "  bold: Brand-Bold.woff\n"
                 "  italic: Brand-Italic.ttf\n"
                 "  bold_italic: Tiny.ttf\n"
                 "  heading: ./Brand-Heading.ttf\n",
                 "$DIR/brand.yaml:4:12: error: the font 'Brand-Regular.otf' for 'fonts.regular' "
                 "has CFF (PostScript) outlines, an .otf font\n"
                 "  hint: libharu embeds only TrueType (glyf) outlines: use the .ttf version of "
                 "the font\n"
                 "$DIR/brand.yaml:5:9: error: the font 'Brand-Bold.woff' for 'fonts.bold' is a "
                 "web font (WOFF)\n"
                 "  hint: use the desktop .ttf version of the font, not the web font\n"
                 "$DIR/brand.yaml:6:11: error: the font 'Brand-Italic.ttf' for 'fonts.italic' "
                 "has no TrueType outlines (no glyf table)\n"
                 "  hint: libharu embeds TrueType fonts with the head, hhea, maxp, cmap, hmtx, "
                 "loca, glyf, name and OS/2 tables: use a complete .ttf\n"
                 "$DIR/brand.yaml:7:16: error: the font 'Tiny.ttf' for 'fonts.bold_italic' is "
                 "not a font file (it is too short)\n"
                 "  hint: fonts are TrueType files (.ttf)\n"
                 "$DIR/brand.yaml:8:12: error: the font './Brand-Heading.ttf' for "
                 "'fonts.heading' is not a TrueType font\n"
                 "  hint: fonts are TrueType files (.ttf)\n");
    char *sub = wm_xasprintf("%s/Folder.ttf", tmpdir);
    mkdir(sub, 0700);
    free(sub);
    expect_diags("format: waymark-brand/1\nname: X\nfonts: { heading: Folder.ttf }\n",
                 "$DIR/brand.yaml:3:19: error: the font 'Folder.ttf' for 'fonts.heading' is a "
                 "directory\n");
}

static void logos(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\nname: X\nlogo: keel-logo.png\n",
                 "$DIR/brand.yaml:3:7: error: cannot find the logo 'keel-logo.png'\n"
                 "  hint: paths are relative to the brand file's folder: looked for "
                 "'$DIR/keel-logo.png'\n");
    write_text("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    write_text("logo.png", "GIF89a....");
    expect_diags("format: waymark-brand/1\nname: X\nlogo: logo.svg\n",
                 "$DIR/brand.yaml:3:7: error: the logo 'logo.svg' is not a PNG or JPEG image\n"
                 "  hint: SVG is not supported: export the logo as a PNG with a transparent "
                 "background, about 600 pixels wide\n");
    expect_diags("format: waymark-brand/1\nname: X\nlogo: logo.png\n",
                 "$DIR/brand.yaml:3:7: error: the logo 'logo.png' is not a PNG or JPEG image\n"
                 "  hint: export the logo as a PNG (with a transparent background) or a JPEG\n");
    expect_diags("format: waymark-brand/1\nname: X\nlogo: ~/logo.png\n",
                 "$DIR/brand.yaml:3:7: error: cannot find the logo '~/logo.png'\n"
                 "  hint: '~' is not expanded: write the full path, or a path relative to the "
                 "brand file\n");
    char *sub = wm_xasprintf("%s/logo-dir", tmpdir);
    mkdir(sub, 0700);
    free(sub);
    expect_diags("format: waymark-brand/1\nname: X\nlogo: logo-dir\n",
                 "$DIR/brand.yaml:3:7: error: the logo 'logo-dir' is a directory\n");
    /* A good logo by absolute path. */
    char *yaml = wm_xasprintf("format: waymark-brand/1\nname: X\nlogo: %s/samples/assets/"
                              "harbor-pine-logo.png\n",
                              SRC);
    wm_diags d;
    wm_brand *b = load_ok(yaml, &d);
    char *want = real(SRC "/samples/assets/harbor-pine-logo.png");
    assert_string_equal(b->logo, want);
    assert_int_equal(b->logo_pos.line, 3);
    assert_int_equal(b->logo_pos.col, 7);
    free(want);
    free(yaml);
    wm_brand_free(b);
    wm_diags_free(&d);
}

static void bad_page(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\nname: X\npage: { size: A5 }\n",
                 "$DIR/brand.yaml:3:15: error: 'page.size' cannot be 'A5'\n"
                 "  hint: write A4 or letter (US Letter)\n");
    expect_diags("format: waymark-brand/1\nname: X\npage: { size: Leter }\n",
                 "$DIR/brand.yaml:3:15: error: 'page.size' cannot be 'Leter'\n"
                 "  hint: did you mean 'letter'?\n");
    expect_diags("format: waymark-brand/1\nname: X\npage: { size: Legal }\n",
                 "$DIR/brand.yaml:3:15: error: 'page.size' cannot be 'Legal'\n"
                 "  hint: write A4 or letter (US Letter)\n");
    expect_diags("format: waymark-brand/1\nname: X\npage: A4\n",
                 "$DIR/brand.yaml:3:7: error: expected a mapping for 'page', got 'A4'\n"
                 "  hint: write the size under it: page: { size: A4 }\n");
}

static void bad_margins(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\n"
                 "name: X\n"
                 "page:\n"
                 "  margins: { top: 70, bottom: 4.5, left: 20mm, right: twenty }\n",
                 "$DIR/brand.yaml:4:19: error: 'page.margins.top' must be between 5 and 60 "
                 "millimetres, got 70\n"
                 "  hint: margins are millimetres from the edge of the paper, 5 to 60 (20 is "
                 "usual)\n"
                 "$DIR/brand.yaml:4:31: error: 'page.margins.bottom' must be between 5 and 60 "
                 "millimetres, got 4.5\n"
                 "  hint: margins are millimetres from the edge of the paper, 5 to 60 (20 is "
                 "usual)\n"
                 "$DIR/brand.yaml:4:42: error: expected a number for 'page.margins.left', got "
                 "'20mm'\n"
                 "  hint: margins are in millimetres already: write 20\n"
                 "$DIR/brand.yaml:4:55: error: expected a number for 'page.margins.right', got "
                 "'twenty'\n"
                 "  hint: write a plain decimal number such as 12, -3, 12.5 or 1e3\n");
    expect_diags("format: waymark-brand/1\nname: X\npage: { margins: 3 }\n",
                 "$DIR/brand.yaml:3:18: error: 'page.margins' must be between 5 and 60 "
                 "millimetres, got 3\n"
                 "  hint: margins are millimetres from the edge of the paper, 5 to 60 (20 is "
                 "usual)\n");
}

static void empty_and_not_a_mapping(void **state)
{
    (void)state;
    static const char *const empty =
        "$DIR/brand.yaml:1:1: error: the brand file is empty\n"
        "  hint: a brand file starts with 'format: waymark-brand/1' and 'name: ...' "
        "(docs/brands.md)\n";
    expect_diags("", empty);
    expect_diags("# only a comment\n\n", empty);
    expect_diags("- format: waymark-brand/1\n- name: X\n",
                 "$DIR/brand.yaml:1:1: error: expected a mapping of settings at the top of the "
                 "brand file, got a list\n"
                 "  hint: a brand file starts with 'format: waymark-brand/1'\n");
    expect_diags("Keel Advisory\n",
                 "$DIR/brand.yaml:1:1: error: expected a mapping of settings at the top of the "
                 "brand file, got a text value\n"
                 "  hint: a brand file starts with 'format: waymark-brand/1'\n");
}

/* YAML errors come through with their position. */
static void yaml_errors(void **state)
{
    (void)state;
    expect_diags("format: waymark-brand/1\nname: X\nname: Y\n",
                 "$DIR/brand.yaml:3:1: error: duplicate key 'name' (first at line 2, column 1)\n"
                 "  hint: each key may appear once in a mapping; remove or rename one\n");
}

static void missing_brand_file(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    char *path = wm_xasprintf("%s/nowhere.yaml", tmpdir);
    assert_null(wm_brand_load(path, &d));
    char *got = printed(&d);
    assert_string_equal(got, "$DIR/nowhere.yaml: error: cannot open the file: No such file or "
                             "directory\n");
    free(got);
    free(path);
    wm_diags_free(&d);
}

/* One run reports every problem in the file. */
static void every_problem_at_once(void **state)
{
    (void)state;
    write_text("brand.yaml", "format: waymark-brand/1\n"
                             "colours: { primary: \"#12345\", accent: \"#GGGGGG\" }\n"
                             "fonts: { regular: Nope.ttf, bold: Nope.ttf, italic: Nope.ttf }\n"
                             "logo: nope.png\n"
                             "page: { size: A3, margins: { top: 1, left: 99 } }\n");
    char *path = wm_xasprintf("%s/brand.yaml", tmpdir);
    wm_diags d;
    wm_diags_init(&d);
    assert_null(wm_brand_load(path, &d));
    assert_int_equal(d.errors, 10); /* name, 2 colours, 3 fonts, logo, size, 2 margins */
    wm_diags_free(&d);
    free(path);
}

/* ---- fixture: the temporary directory ---- */

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = wm_xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    /* The data directory is the source tree, as ctest sets it. */
    return setenv("WAYMARK_DATA_DIR", SRC, 0);
}

static int teardown(void **state)
{
    (void)state;
    remove_tree(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_brand),
        cmocka_unit_test(sample_keel),
        cmocka_unit_test(sample_keel_letter),
        cmocka_unit_test(sample_logos),
        cmocka_unit_test(partial_brand_keeps_defaults),
        cmocka_unit_test(page_size_names),
        cmocka_unit_test(font_search),
        cmocka_unit_test(contrast_warnings),
        cmocka_unit_test(missing_format),
        cmocka_unit_test(wrong_format),
        cmocka_unit_test(missing_name),
        cmocka_unit_test(unknown_keys),
        cmocka_unit_test(bad_colours),
        cmocka_unit_test(missing_fonts),
        cmocka_unit_test(bad_font_files),
        cmocka_unit_test(logos),
        cmocka_unit_test(bad_page),
        cmocka_unit_test(bad_margins),
        cmocka_unit_test(empty_and_not_a_mapping),
        cmocka_unit_test(yaml_errors),
        cmocka_unit_test(missing_brand_file),
        cmocka_unit_test(fallback_fonts),
        cmocka_unit_test(every_problem_at_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
