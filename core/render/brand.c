/*
 * brand.c - the brand (theme) a deliverable is rendered in: the built-in
 * default and brand files of format `waymark-brand/1` (docs/brands.md).
 *
 * A brand file is read like an engagement file: parsed into a YAML tree
 * (load/ytree.h) and read key by key with the schema getters (load/schema.h),
 * so every problem is reported with file:line:col, a message and a hint, and
 * one run reports all of them.  On top of the types, this file checks what
 * the renderer would otherwise trip over much later:
 *
 *   - colours are "#RRGGBB" (an unquoted # starts a YAML comment, so a
 *     colour key with no value is an error, not a silent fallback);
 *   - each font file exists, is readable, is TrueType with glyf outlines
 *     and passes every check libharu 2.3.0 and HarfBuzz need
 *     (layout/ttf_check.h: CFF .otf, font collections, web fonts, damaged or
 *     cut-short files and fonts whose licence forbids embedding are
 *     refused), and HarfBuzz opens it;
 *   - the logo exists, is readable, within the image gate's size limit and
 *     starts with a PNG or JPEG signature (it is decoded later, by the
 *     renderer, through core/pdf/image.h);
 *   - the page size is A4 or US Letter, margins are 5..60 mm.
 *
 * Anything the file leaves out comes from the built-in brand.  Paths in the
 * result are absolute (realpath) so the renderer may run from anywhere.
 *
 * Ownership: a wm_brand and every string in it are malloc'd and released by
 * wm_brand_free.  The YAML tree lives in an arena freed before loading ends.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "brand.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/paths.h"
#include "../layout/text.h"
#include "../load/schema.h"
#include "../pdf/image.h"
#include "../layout/ttf_check.h"

#define BRAND_FORMAT    "waymark-brand/1"
#define BRAND_MAX_BYTES ((size_t)1024 * 1024)
#define BIT(i)          ((uint64_t)1 << (i))
#define HUGE_NUM        1e300

/* 1 mm = 72 / 25.4 pt.  A4 is 210 x 297 mm = 595.276 x 841.890 pt. */
#define MM_TO_PT(mm) ((mm)*72.0 / 25.4)
#define A4_W         MM_TO_PT(210.0)
#define A4_H         MM_TO_PT(297.0)
#define LETTER_W     612.0 /* 8.5 x 11 in */
#define LETTER_H     792.0

#define MARGIN_MIN 5.0 /* millimetres */
#define MARGIN_MAX 60.0

/* ---- the built-in brand ---- */

enum { COLOUR_PRIMARY, COLOUR_SECONDARY, COLOUR_ACCENT, COLOUR_TEXT, COLOUR_MUTED, N_COLOURS };

static const char *const COLOUR_KEYS[] = {"primary", "secondary", "accent", "text", "muted", NULL};

/* Deep navy, teal, amber, near-black, slate.  Text and muted both read at
 * better than 4.5:1 on white (WCAG AA for body text). */
static const wm_rgb DEFAULT_COLOURS[N_COLOURS] = {
    {0x1B, 0x2A, 0x4A}, /* primary   #1B2A4A */
    {0x0F, 0x76, 0x6E}, /* secondary #0F766E */
    {0xD9, 0x8E, 0x04}, /* accent    #D98E04 */
    {0x1A, 0x1F, 0x26}, /* text      #1A1F26 */
    {0x5B, 0x67, 0x78}, /* muted     #5B6778 */
};

/* The face slots a brand file names, in wm_face_slot order. */
#define N_BRAND_FACES WM_FACE_FALLBACK
static const char *const FONT_KEYS[] = {"regular", "bold",     "italic", "bold_italic",
                                        "heading", "fallback", NULL};
static const char *const DEFAULT_FONTS[N_BRAND_FACES] = {
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
    "NotoSans-Bold.ttf"};

/* The bundled fallback chain, in the order it is tried: DejaVu Sans
 * (Latin, Greek, Cyrillic, Arabic, Hebrew, symbols; in git), then the fonts
 * of two Debian packages, found by CMake and installed beside it (their
 * path on the build machine serves a build tree): Droid Sans Fallback
 * (Chinese, Japanese), Nanum Gothic (Korean) and Symbola (symbols and
 * dingbats).  A
 * build without them has the chain DejaVu alone.  fonts/README.md. */
#ifndef WM_FONT_CJK
#define WM_FONT_CJK ""
#endif
#ifndef WM_FONT_KOREAN
#define WM_FONT_KOREAN ""
#endif
#ifndef WM_FONT_SYMBOLS
#define WM_FONT_SYMBOLS ""
#endif
static const struct {
    const char *name, *configured;
} BUNDLED_FALLBACK[] = {
    {"DejaVuSans.ttf", ""},
    {"DroidSansFallbackFull.ttf", WM_FONT_CJK},
    {"NanumGothic.ttf", WM_FONT_KOREAN},
    {"Symbola_hint.ttf", WM_FONT_SYMBOLS},
};
enum { N_BUNDLED_FALLBACK = sizeof BUNDLED_FALLBACK / sizeof *BUNDLED_FALLBACK };
/* How many fallback fonts a brand may name before the bundled ones. */
enum { MAX_BRAND_FALLBACK = WM_FALLBACK_MAX - N_BUNDLED_FALLBACK };

#define DEFAULT_MARGIN_TOP    22.0
#define DEFAULT_MARGIN_BOTTOM 20.0
#define DEFAULT_MARGIN_SIDE   20.0

/* An absolute form of `path` when it exists, else a copy of it. */
static char *absolute_path(const char *path)
{
    char real[PATH_MAX];
    return wm_xstrdup(realpath(path, real) ? real : path);
}

static char *bundled_fonts_dir(void)
{
    return wm_path_join(wm_data_dir(), "fonts");
}

static void set_str(char **slot, char *value)
{
    free(*slot);
    *slot = value;
}

static void set_page(wm_brand *b, bool letter)
{
    b->letter = letter;
    b->page_w = letter ? LETTER_W : A4_W;
    b->page_h = letter ? LETTER_H : A4_H;
}

static wm_brand *new_default(const char *fonts_dir)
{
    wm_brand *b = wm_xcalloc(1, sizeof *b);
    b->name = wm_xstrdup("Waymark");
    b->primary = DEFAULT_COLOURS[COLOUR_PRIMARY];
    b->secondary = DEFAULT_COLOURS[COLOUR_SECONDARY];
    b->accent = DEFAULT_COLOURS[COLOUR_ACCENT];
    b->text = DEFAULT_COLOURS[COLOUR_TEXT];
    b->muted = DEFAULT_COLOURS[COLOUR_MUTED];
    for (int i = 0; i < N_BRAND_FACES; i++) {
        char *p = wm_path_join(fonts_dir, DEFAULT_FONTS[i]);
        b->fonts[i] = absolute_path(p);
        free(p);
    }
    int n = 0;
    for (int i = 0; i < N_BUNDLED_FALLBACK; i++) {
        char *p = wm_path_join(fonts_dir, BUNDLED_FALLBACK[i].name);
        if (i > 0 && access(p, R_OK) != 0) { /* not installed: the build machine's copy */
            free(p);
            if (!BUNDLED_FALLBACK[i].configured[0] ||
                access(BUNDLED_FALLBACK[i].configured, R_OK) != 0)
                continue;
            p = wm_xstrdup(BUNDLED_FALLBACK[i].configured);
        }
        b->fonts[WM_FACE_FALLBACK + n++] = absolute_path(p);
        free(p);
    }
    for (int i = WM_FACE_FALLBACK + n; i < WM_FACE_COUNT; i++)
        b->fonts[i] = wm_xstrdup(b->fonts[i - 1]);
    set_page(b, false);
    b->margin_top = MM_TO_PT(DEFAULT_MARGIN_TOP);
    b->margin_bottom = MM_TO_PT(DEFAULT_MARGIN_BOTTOM);
    b->margin_left = MM_TO_PT(DEFAULT_MARGIN_SIDE);
    b->margin_right = MM_TO_PT(DEFAULT_MARGIN_SIDE);
    return b;
}

wm_brand *wm_brand_default(void)
{
    char *dir = bundled_fonts_dir();
    wm_brand *b = new_default(dir);
    free(dir);
    return b;
}

void wm_brand_free(wm_brand *b)
{
    if (!b)
        return;
    free(b->name);
    free(b->file);
    for (int i = 0; i < WM_FACE_COUNT; i++)
        free(b->fonts[i]);
    free(b->logo);
    free(b->footer);
    free(b);
}

/* ---- the loader ---- */

typedef struct {
    wm_schema s;
    wm_brand *b;
    char *dir;       /* the brand file's folder */
    char *fonts_dir; /* the bundled fonts */
} loader;

typedef void (*field_fn)(loader *ld, int key, const wm_ynode *v);

/* Calls `fn` for each known key of mapping `m` whose value is not null and
 * returns the set of keys seen. */
static uint64_t each_field(loader *ld, const wm_ynode *m, const char *const *keys,
                           const char *where, field_fn fn)
{
    uint64_t seen = 0;
    for (size_t i = 0; i < m->n; i++) {
        int k = wm_key_index(&ld->s, wm_ymap_key(m, i), keys, where);
        if (k < 0)
            continue;
        const wm_ynode *v = wm_ymap_value(m, i);
        if (wm_ynode_is_null(v))
            continue;
        seen |= BIT(k);
        fn(ld, k, v);
    }
    return seen;
}

/* The value quoted for a message; the caller frees it. */
static char *quoted(const wm_ynode *v)
{
    return wm_quote(v->text, v->len, 60);
}

/* ---- colours ---- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool all_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (hex_digit(s[i]) < 0)
            return false;
    return true;
}

/* WCAG 2 contrast ratio of a colour against white. */
static double channel_luminance(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double contrast_on_white(wm_rgb c)
{
    double l = 0.2126 * channel_luminance(c.r) + 0.7152 * channel_luminance(c.g) +
               0.0722 * channel_luminance(c.b);
    return 1.05 / (l + 0.05);
}

static bool read_colour(loader *ld, const wm_ynode *v, const char *what, wm_rgb *out)
{
    if (v->kind != WM_YSCALAR) {
        wm_schema_error(&ld->s, v->pos, "six hex digits, like \"#0B3C5D\"",
                        "expected a colour for '%s', got %s", what, wm_ynode_describe(v));
        return false;
    }
    const char *t = v->text;
    size_t n = v->len;
    if (n == 7 && t[0] == '#' && wm_rgb_parse(t, out)) /* the one parser of "#RRGGBB" */
        return true;
    char hint[160];
    if (n == 4 && t[0] == '#' && all_hex(t + 1, 3))
        snprintf(hint, sizeof hint,
                 "six hex digits, like \"#0B3C5D\": write \"%s\" as \"#%c%c%c%c%c%c\"", t, t[1],
                 t[1], t[2], t[2], t[3], t[3]);
    else if (n == 6 && all_hex(t, 6))
        snprintf(hint, sizeof hint, "start with '#' and quote it: \"#%s\"", t);
    else
        snprintf(hint, sizeof hint, "six hex digits, like \"#0B3C5D\"");
    char *q = quoted(v);
    wm_schema_error(&ld->s, v->pos, hint, "'%s' is not a colour: '%s'", what, q);
    free(q);
    return false;
}

static void load_colours(loader *ld, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "colours"))
        return;
    wm_rgb *slots[N_COLOURS] = {&ld->b->primary, &ld->b->secondary, &ld->b->accent, &ld->b->text,
                                &ld->b->muted};
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *key = wm_ymap_key(v, i), *val = wm_ymap_value(v, i);
        int k = wm_key_index(&ld->s, key, COLOUR_KEYS, "colours");
        if (k < 0)
            continue;
        char what[40];
        snprintf(what, sizeof what, "colours.%s", COLOUR_KEYS[k]);
        if (wm_ynode_is_null(val)) {
            /* `primary: #0B3C5D` is a key and a comment: say so. */
            char hint[120];
            snprintf(hint, sizeof hint,
                     "quote the colour, as in %s: \"#0B3C5D\" (an unquoted # starts a comment)",
                     COLOUR_KEYS[k]);
            wm_schema_error(&ld->s, key->pos, hint, "'%s' has no value", what);
            continue;
        }
        if (!read_colour(ld, val, what, slots[k]))
            continue;
        double ratio = contrast_on_white(*slots[k]);
        if (k == COLOUR_TEXT && ratio < 4.5)
            wm_schema_warning(&ld->s, val->pos,
                              "body text needs at least 4.5:1 (WCAG AA): choose a darker colour",
                              "'colours.text' has a contrast of %.1f:1 on white", ratio);
        else if (k == COLOUR_MUTED && ratio < 3.0)
            wm_schema_warning(&ld->s, val->pos,
                              "captions and footers need at least 3:1: choose a darker colour",
                              "'colours.muted' has a contrast of %.1f:1 on white", ratio);
    }
}

/* ---- files: fonts and the logo ---- */

static bool is_bare_name(const char *name)
{
    return strchr(name, '/') == NULL;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The .ttf files in the bundled fonts folder, sorted, NULL-terminated; the
 * caller frees each and the array. */
static char **bundled_font_names(const char *dir)
{
    size_t n = 0, cap = 0;
    char **names = NULL;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            size_t len = strlen(e->d_name);
            if (len < 5 || strcmp(e->d_name + len - 4, ".ttf") != 0)
                continue;
            WM_GROW(names, cap, n + 2);
            names[n++] = wm_xstrdup(e->d_name);
        }
        closedir(d);
    }
    WM_GROW(names, cap, n + 1);
    names[n] = NULL;
    qsort(names, n, sizeof *names, compare_names);
    return names;
}

static void free_names(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

/* The hint for a font that is nowhere to be found. */
static char *font_not_found_hint(loader *ld, const char *name, const char *tried)
{
    if (name[0] == '~')
        return wm_xstrdup("'~' is not expanded: write the full path, or a path relative to "
                          "the brand file");
    if (!is_bare_name(name))
        return wm_xasprintf("paths are relative to the brand file's folder: looked for '%s'",
                            tried);
    char **names = bundled_font_names(ld->fonts_dir);
    const char *near = wm_suggest_list(name, (const char *const *)names);
    char *hint;
    if (near) {
        hint = wm_xasprintf("looked in the bundled fonts and next to the brand file; did you mean "
                            "'%s'?",
                            near);
    } else {
        wm_buf list;
        wm_buf_init(&list);
        for (size_t i = 0; names[i]; i++)
            wm_buf_printf(&list, "%s%s", i ? ", " : "", names[i]);
        hint = wm_xasprintf("looked in the bundled fonts (%s) and next to the brand file",
                            list.len ? list.data : "none found");
        wm_buf_free(&list);
    }
    free_names(names);
    return hint;
}

/* Where a file named in the brand file is: bundled fonts first for a bare
 * font name, else relative to the brand file.  Sets *found. */
static char *resolve(loader *ld, const char *name, bool font, bool *found)
{
    if (font && is_bare_name(name)) {
        char *p = wm_path_join(ld->fonts_dir, name);
        if (exists(p)) {
            *found = true;
            return p;
        }
        free(p);
    }
    char *p = wm_path_join(ld->dir, name);
    *found = exists(p);
    return p;
}

/* Open a file named at `v` for reading after checking it is a regular
 * file; reports and returns NULL otherwise.  `kind` is "font" or "logo";
 * `what` names the field, or NULL when the kind says it. */
static FILE *open_named(loader *ld, const wm_ynode *v, const char *kind, const char *what,
                        const char *path, long long *size)
{
    struct stat st;
    char *q = quoted(v);
    char *field = what ? wm_xasprintf(" for '%s'", what) : wm_xstrdup("");
    FILE *f = NULL;
    if (stat(path, &st) != 0) {
        wm_schema_error(&ld->s, v->pos, "check the file's permissions",
                        "cannot read the %s '%s'%s: %s", kind, q, field, strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        wm_schema_error(&ld->s, v->pos, NULL, "the %s '%s'%s is %s", kind, q, field,
                        S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
    } else if ((f = fopen(path, "rb")) == NULL) {
        wm_schema_error(&ld->s, v->pos, "check the file's permissions",
                        "cannot read the %s '%s'%s: %s", kind, q, field, strerror(errno));
    } else {
        *size = (long long)st.st_size;
    }
    free(field);
    free(q);
    return f;
}

/* Read the font file `f` (`size` bytes) and check it as libharu and
 * HarfBuzz need (layout/ttf_check.h), so that a damaged font is reported here,
 * at the brand's line, rather than when the PDF is written.  True when it
 * passes; false after reporting. */
static bool font_usable(loader *ld, const wm_ynode *v, const char *q, const char *what,
                        const char *path, FILE *f, long long size)
{
    wm_ttf_problem problem;
    if (!wm_ttf_check_size((size_t)size, &problem)) {
        wm_schema_error(&ld->s, v->pos, problem.hint, "the font '%s' for '%s' %s", q, what,
                        problem.reason);
        return false;
    }
    unsigned char *data = wm_xmalloc(size > 0 ? (size_t)size : 1);
    size_t len = fread(data, 1, (size_t)size, f);
    if (ferror(f)) {
        wm_schema_error(&ld->s, v->pos, "check the file's permissions",
                        "cannot read the font '%s' for '%s': %s", q, what, strerror(errno));
        free(data);
        return false;
    }
    if (!wm_ttf_check(data, len, &problem)) {
        wm_schema_error(&ld->s, v->pos, problem.hint, "the font '%s' for '%s' %s", q, what,
                        problem.reason);
        free(data);
        return false;
    }
    char *err = NULL;
    wm_face *face = wm_face_from_data(path, data, len, &err); /* takes the bytes */
    if (!face) {
        wm_schema_error(&ld->s, v->pos, "download or export the font again",
                        "the font '%s' for '%s' cannot be read: it is damaged", q, what);
        free(err);
        return false;
    }
    wm_face_free(face);
    return true;
}

/* Resolve and check the font named at `v`; its absolute path, or NULL after
 * reporting. */
static char *check_font(loader *ld, const wm_ynode *v, const char *what)
{
    const char *name = wm_get_text(&ld->s, v, what, true);
    if (!name)
        return NULL;
    bool found;
    char *path = resolve(ld, name, true, &found);
    char *q = quoted(v);
    char *result = NULL;
    if (!found) {
        char *hint = font_not_found_hint(ld, name, path);
        wm_schema_error(&ld->s, v->pos, hint, "cannot find the font '%s' for '%s'", q, what);
        free(hint);
        goto done;
    }
    long long size = 0;
    FILE *f = open_named(ld, v, "font", what, path, &size);
    if (!f)
        goto done;
    bool usable = font_usable(ld, v, q, what, path, f, size);
    fclose(f);
    if (!usable)
        goto done;
    result = absolute_path(path);
done:
    free(q);
    free(path);
    return result;
}

/* fonts.fallback: a font or a list of them, tried before the bundled
 * chain; the chain's slots are filled again from the front. */
static void fallback_field(loader *ld, const wm_ynode *v)
{
    const wm_ynode *one = v;
    const wm_ynode *const *items = v->kind == WM_YSEQ ? (const wm_ynode *const *)v->items : &one;
    size_t n = v->kind == WM_YSEQ ? v->n : 1;
    if (n > MAX_BRAND_FALLBACK) {
        wm_schema_error(&ld->s, v->pos, "name the fonts that cover the scripts your clients write",
                        "'fonts.fallback' names %zu fonts; a brand may name at most %d", n,
                        (int)MAX_BRAND_FALLBACK);
        return;
    }
    char *chain[WM_FALLBACK_MAX];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char what[40];
        snprintf(what, sizeof what, n > 1 ? "fonts.fallback[%zu]" : "fonts.fallback", i + 1);
        char *path = check_font(ld, items[i], what);
        if (path)
            chain[m++] = path;
    }
    for (int k = 0; k < WM_FALLBACK_MAX && m < WM_FALLBACK_MAX; k++) {
        const char *bundled = ld->b->fonts[WM_FACE_FALLBACK + k];
        if (k == 0 || strcmp(bundled, ld->b->fonts[WM_FACE_FALLBACK + k - 1]) != 0)
            chain[m++] = wm_xstrdup(bundled);
    }
    for (size_t k = 0; k < WM_FALLBACK_MAX; k++)
        set_str(&ld->b->fonts[WM_FACE_FALLBACK + k], wm_xstrdup(chain[k < m ? k : m - 1]));
    for (size_t k = 0; k < m; k++)
        free(chain[k]);
}

static void font_field(loader *ld, int k, const wm_ynode *v)
{
    if (k == WM_FACE_FALLBACK) {
        fallback_field(ld, v);
        return;
    }
    char what[40];
    snprintf(what, sizeof what, "fonts.%s", FONT_KEYS[k]);
    char *path = check_font(ld, v, what);
    if (path)
        set_str(&ld->b->fonts[k], path);
}

static void load_fonts(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "fonts"))
        return;
    uint64_t seen = each_field(ld, v, FONT_KEYS, "fonts", font_field);
    /* A brand that sets its own family names its regular, bold and italic,
     * so no style silently falls back to Noto Sans; a heading face alone
     * is fine. */
    uint64_t family = BIT(WM_FACE_REGULAR) | BIT(WM_FACE_BOLD) | BIT(WM_FACE_ITALIC);
    if (seen & (family | BIT(WM_FACE_BOLD_ITALIC))) {
        for (int i = 0; i <= WM_FACE_ITALIC; i++)
            if ((family & BIT(i)) && !(seen & BIT(i)) && !(ld->s.suggested & BIT(i)))
                wm_schema_error(&ld->s, key->pos,
                                "a brand that sets its own faces names regular, bold and italic "
                                "(bold_italic and heading default to bold)",
                                "'fonts' is missing the required key '%s'", FONT_KEYS[i]);
        if (!(seen & BIT(WM_FACE_BOLD_ITALIC)))
            set_str(&ld->b->fonts[WM_FACE_BOLD_ITALIC], wm_xstrdup(ld->b->fonts[WM_FACE_BOLD]));
        if (!(seen & BIT(WM_FACE_HEADING)))
            set_str(&ld->b->fonts[WM_FACE_HEADING], wm_xstrdup(ld->b->fonts[WM_FACE_BOLD]));
    }
    ld->s.suggested = 0;
}

static bool starts_with(const unsigned char *p, size_t n, const char *sig, size_t len)
{
    return n >= len && memcmp(p, sig, len) == 0;
}

static void load_logo(loader *ld, const wm_ynode *v)
{
    const char *name = wm_get_text(&ld->s, v, "logo", true);
    if (!name)
        return;
    ld->b->logo_pos = v->pos;
    bool found;
    char *path = resolve(ld, name, false, &found);
    char *q = quoted(v);
    if (!found) {
        char *hint =
            name[0] == '~'
                ? wm_xstrdup("'~' is not expanded: write the full path, or a path relative to "
                             "the brand file")
                : wm_xasprintf("paths are relative to the brand file's folder: looked for '%s'",
                               path);
        wm_schema_error(&ld->s, v->pos, hint, "cannot find the logo '%s'", q);
        free(hint);
        goto done;
    }
    long long size = 0;
    FILE *f = open_named(ld, v, "logo", NULL, path, &size);
    if (!f)
        goto done;
    unsigned char sig[16] = {0};
    size_t n = fread(sig, 1, sizeof sig, f);
    fclose(f);
    bool png = starts_with(sig, n, "\x89PNG\r\n\x1a\n", 8);
    bool jpeg = starts_with(sig, n, "\xff\xd8\xff", 3);
    if ((unsigned long long)size > WM_IMAGE_MAX_BYTES) {
        wm_schema_error(&ld->s, v->pos,
                        "a logo needs no more than about 1200 pixels across: export it smaller",
                        "the logo '%s' is %lld bytes, over the limit of %zu bytes", q, size,
                        WM_IMAGE_MAX_BYTES);
    } else if (!png && !jpeg) {
        bool svg = starts_with(sig, n, "<svg", 4) || starts_with(sig, n, "<?xml", 5);
        wm_schema_error(&ld->s, v->pos,
                        svg ? "SVG is not supported: export the logo as a PNG with a transparent "
                              "background, about 600 pixels wide"
                            : "export the logo as a PNG (with a transparent background) or a JPEG",
                        "the logo '%s' is not a PNG or JPEG image", q);
    } else {
        set_str(&ld->b->logo, absolute_path(path));
    }
done:
    free(q);
    free(path);
}

/* ---- page ---- */

/* "A4", "a4", "Letter", "US Letter", "us-letter", ... as one lower-case
 * word without spaces, '-' or '_'; false when too long to be a page size. */
static bool page_word(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s; s++) {
        char c = *s;
        if (c == ' ' || c == '-' || c == '_')
            continue;
        if (n + 1 >= size)
            return false;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    out[n] = '\0';
    return true;
}

static void load_page_size(loader *ld, const wm_ynode *v)
{
    const char *t = wm_get_text(&ld->s, v, "page.size", true);
    if (!t)
        return;
    char word[24];
    if (page_word(t, word, sizeof word)) {
        if (strcmp(word, "a4") == 0) {
            set_page(ld->b, false);
            return;
        }
        if (strcmp(word, "letter") == 0 || strcmp(word, "usletter") == 0) {
            set_page(ld->b, true);
            return;
        }
    }
    /* Only "letter" is suggested for a typo: A3 or A5 are paper sizes of
     * their own, not misspellings of A4. */
    static const char *const TYPO_OF[] = {"letter", NULL};
    bool typo = page_word(t, word, sizeof word) && wm_suggest_list(word, TYPO_OF);
    const char *hint = typo ? "did you mean 'letter'?" : "write A4 or letter (US Letter)";
    char *q = quoted(v);
    wm_schema_error(&ld->s, v->pos, hint, "'page.size' cannot be '%s'", q);
    free(q);
}

static const char *const MARGIN_KEYS[] = {"top", "bottom", "left", "right", NULL};

/* One margin in millimetres, returned in points through *out. */
static bool read_margin(loader *ld, const wm_ynode *v, const char *what, double *out)
{
    if (v->kind == WM_YSCALAR && v->len > 2 && strcmp(v->text + v->len - 2, "mm") == 0) {
        char *q = quoted(v);
        size_t digits = v->len - 2;
        while (digits > 0 && v->text[digits - 1] == ' ')
            digits--;
        char hint[120];
        snprintf(hint, sizeof hint, "margins are in millimetres already: write %.*s", (int)digits,
                 v->text);
        wm_schema_error(&ld->s, v->pos, hint, "expected a number for '%s', got '%s'", what, q);
        free(q);
        return false;
    }
    double mm;
    if (!wm_get_number(&ld->s, v, what, -HUGE_NUM, HUGE_NUM, &mm))
        return false;
    if (mm < MARGIN_MIN || mm > MARGIN_MAX) {
        wm_schema_error(&ld->s, v->pos,
                        "margins are millimetres from the edge of the paper, 5 to 60 (20 is "
                        "usual)",
                        "'%s' must be between 5 and 60 millimetres, got %s", what, v->text);
        return false;
    }
    *out = MM_TO_PT(mm);
    return true;
}

static void margin_field(loader *ld, int k, const wm_ynode *v)
{
    double *slots[] = {&ld->b->margin_top, &ld->b->margin_bottom, &ld->b->margin_left,
                       &ld->b->margin_right};
    char what[40];
    snprintf(what, sizeof what, "page.margins.%s", MARGIN_KEYS[k]);
    read_margin(ld, v, what, slots[k]);
}

static void load_margins(loader *ld, const wm_ynode *v)
{
    if (v->kind == WM_YSCALAR) { /* one number for all four sides */
        double pt;
        if (read_margin(ld, v, "page.margins", &pt))
            ld->b->margin_top = ld->b->margin_bottom = ld->b->margin_left = ld->b->margin_right =
                pt;
        return;
    }
    if (wm_expect_map(&ld->s, v, "page.margins"))
        each_field(ld, v, MARGIN_KEYS, "page.margins", margin_field);
}

static const char *const PAGE_KEYS[] = {"size", "margins", NULL};

static void page_field(loader *ld, int k, const wm_ynode *v)
{
    if (k == 0)
        load_page_size(ld, v);
    else
        load_margins(ld, v);
}

static void load_page(loader *ld, const wm_ynode *v)
{
    if (v->kind == WM_YSCALAR) {
        char *q = quoted(v);
        char hint[120];
        snprintf(hint, sizeof hint, "write the size under it: page: { size: %s }", q);
        wm_schema_error(&ld->s, v->pos, hint, "expected a mapping for 'page', got '%s'", q);
        free(q);
        return;
    }
    if (wm_expect_map(&ld->s, v, "page"))
        each_field(ld, v, PAGE_KEYS, "page", page_field);
}

/* ---- the whole file ---- */

enum { KEY_FORMAT, KEY_NAME, KEY_COLOURS, KEY_FONTS, KEY_LOGO, KEY_PAGE, KEY_FOOTER };
static const char *const ROOT_KEYS[] = {"format", "name", "colours", "fonts",
                                        "logo",   "page", "footer",  NULL};

static void load_format(loader *ld, const wm_ynode *k, const wm_ynode *v, size_t index)
{
    const char *f = wm_get_text(&ld->s, v, "format", true);
    if (f && strcmp(f, BRAND_FORMAT) != 0) {
        char *q = quoted(v);
        wm_schema_error(&ld->s, v->pos,
                        strcmp(f, WM_FORMAT) == 0
                            ? "that is an engagement file's format: a brand file starts with "
                              "'format: waymark-brand/1'"
                            : "this version of Waymark reads 'format: waymark-brand/1'",
                        "unsupported format '%s'", q);
        free(q);
    }
    if (index != 0)
        wm_schema_error(&ld->s, k->pos, "move 'format: waymark-brand/1' to the top of the file",
                        "'format' must be the first key");
}

static void load_root(loader *ld, const wm_ynode *root)
{
    if (root->kind != WM_YMAP) {
        wm_schema_error(&ld->s, root->pos, "a brand file starts with 'format: waymark-brand/1'",
                        "expected a mapping of settings at the top of the brand file, got %s",
                        wm_ynode_describe(root));
        return;
    }
    uint64_t seen = 0;
    for (size_t i = 0; i < root->n; i++) {
        const wm_ynode *k = wm_ymap_key(root, i), *v = wm_ymap_value(root, i);
        int idx = wm_key_index(&ld->s, k, ROOT_KEYS, "the brand file");
        if (idx < 0)
            continue;
        if (wm_ynode_is_null(v)) {
            if (idx == KEY_COLOURS || idx == KEY_FONTS || idx == KEY_PAGE || idx == KEY_LOGO ||
                idx == KEY_FOOTER)
                continue; /* nothing given: the defaults stand */
            seen |= BIT(idx);
            wm_schema_error(&ld->s, v->pos, NULL, "'%s' must not be empty", ROOT_KEYS[idx]);
            continue;
        }
        seen |= BIT(idx);
        /* A section's "did you mean" marks are its own. */
        uint64_t outer = ld->s.suggested;
        ld->s.suggested = 0;
        switch (idx) {
        case KEY_FORMAT:
            load_format(ld, k, v, i);
            break;
        case KEY_NAME: {
            const char *name = wm_get_text(&ld->s, v, "name", true);
            if (name)
                set_str(&ld->b->name, wm_xstrdup(name));
            break;
        }
        case KEY_COLOURS:
            load_colours(ld, v);
            break;
        case KEY_FONTS:
            load_fonts(ld, k, v);
            break;
        case KEY_LOGO:
            load_logo(ld, v);
            break;
        case KEY_PAGE:
            load_page(ld, v);
            break;
        case KEY_FOOTER: {
            const char *t = wm_get_text(&ld->s, v, "footer", false);
            if (t)
                set_str(&ld->b->footer, wm_xstrdup(t));
            break;
        }
        }
        ld->s.suggested = outer;
    }
    if (!(seen & BIT(KEY_FORMAT)))
        wm_schema_error(&ld->s, root->pos, "start the file with 'format: waymark-brand/1'",
                        "the brand file is missing the required key 'format'");
    if (!(seen & BIT(KEY_NAME)) && !(ld->s.suggested & BIT(KEY_NAME)))
        wm_schema_error(&ld->s, root->pos,
                        "add the consultancy's name as the cover shows it, such as 'name: Keel "
                        "Advisory'",
                        "the brand file is missing the required key 'name'");
    ld->s.suggested = 0;
}

/* Parse the brand file's bytes: the YAML layer's own messages, except that
 * an empty file is described as an empty brand file. */
static wm_ynode *parse(wm_arena *arena, const char *path, const char *data, size_t len,
                       wm_diags *diags)
{
    wm_diags local;
    wm_diags_init(&local);
    wm_ynode *root = wm_yaml_parse(arena, path, data, len, &local);
    for (size_t i = 0; i < local.count; i++) {
        const wm_diag *d = &local.items[i];
        if (!root && local.count == 1 && strcmp(d->message, "the file is empty") == 0)
            wm_diag_add(diags, WM_ERROR, path, d->pos, "the brand file is empty",
                        "a brand file starts with 'format: waymark-brand/1' and 'name: ...' "
                        "(docs/brands.md)");
        else
            wm_diag_add(diags, d->severity, path, d->pos, d->message, d->hint);
    }
    if (local.dropped)
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL,
                     "%zu more problems were not shown", local.dropped);
    wm_diags_free(&local);
    return root;
}

wm_brand *wm_brand_load(const char *path, wm_diags *diags)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > BRAND_MAX_BYTES) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){1, 1},
                     "is this the right file? brand files are a few hundred bytes",
                     "the file is %lld bytes, over the limit of %zu bytes", (long long)st.st_size,
                     BRAND_MAX_BYTES);
        return NULL;
    }
    size_t len;
    char *data = wm_read_file(path, BRAND_MAX_BYTES, &len, diags);
    if (!data)
        return NULL;
    wm_brand *b = wm_brand_load_buffer(path, data, len, diags);
    free(data);
    return b;
}

wm_brand *wm_brand_load_buffer(const char *path, const char *data, size_t len, wm_diags *diags)
{
    size_t errors = diags->errors;
    loader ld = {.dir = wm_dirname(path), .fonts_dir = bundled_fonts_dir()};
    wm_arena arena;
    wm_arena_init(&arena);
    ld.s = (wm_schema){.arena = &arena, .diags = diags, .file = path};
    ld.b = new_default(ld.fonts_dir);
    ld.b->file = wm_xstrdup(path);

    wm_ynode *root = parse(&arena, path, data, len, diags);
    if (root)
        load_root(&ld, root);

    wm_arena_free(&arena);
    free(ld.dir);
    free(ld.fonts_dir);
    if (!root || diags->errors != errors) {
        wm_brand_free(ld.b);
        return NULL;
    }
    return ld.b;
}

void wm_brand_layout(const wm_brand *b, wm_face *const faces[WM_FACE_COUNT], const wm_currency *cur,
                     bool landscape, wm_style *st, wm_layout_input *in)
{
    *st = (wm_style){0};
    for (int i = 0; i < WM_FACE_COUNT; i++)
        st->faces[i] = faces[i];
    st->primary = b->primary;
    st->secondary = b->secondary;
    st->accent = b->accent;
    st->text = b->text;
    st->muted = b->muted;
    st->currency = cur;
    in->style = st;
    double w = b->page_w, h = b->page_h;
    in->page_w = landscape ? fmax(w, h) : w;
    in->page_h = landscape ? fmin(w, h) : h;
    in->margin_top = b->margin_top;
    in->margin_bottom = b->margin_bottom;
    in->margin_left = b->margin_left;
    in->margin_right = b->margin_right;
}

void wm_brand_pdf_opts(const wm_brand *b, wm_face *const faces[WM_FACE_COUNT], wm_pdf_opts *po)
{
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        po->fonts[i] = b->fonts[i];
        po->faces[i] = faces[i];
    }
}
