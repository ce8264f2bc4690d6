/*
 * test_ttf_check.c - the TrueType checks in front of HarfBuzz and libharu
 * (layout/ttf_check.h): every font shipped (and every TrueType font the system
 * has) passes; each kind of damage is refused with its own message; a font
 * cut short anywhere is refused; and a sweep sets every field the checks
 * read to a range of values and hands whatever passes to libharu (loaded
 * raw, every BMP code point looked up, text drawn, saved) and to the
 * subsetter, which must not crash (under ASan in the sanitizer build).
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "pdf/font.h"
#include "layout/ttf_check.h"

#define FONTS WM_SOURCE_DIR_TEST "/fonts/"

typedef struct {
    unsigned char *d;
    size_t len;
} blob;

static blob load(const char *path)
{
    wm_diags diags;
    wm_diags_init(&diags);
    blob b = {0};
    b.d = (unsigned char *)wm_read_file(path, WM_TTF_MAX_BYTES, &b.len, &diags);
    assert_non_null(b.d);
    wm_diags_free(&diags);
    return b;
}

static blob copy(const blob *b)
{
    blob c = {wm_xmalloc(b->len), b->len};
    memcpy(c.d, b->d, b->len);
    return c;
}

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

/* The directory record of `tag`. */
static unsigned char *record(const blob *b, const char *tag)
{
    unsigned n = get16(b->d + 4);
    for (unsigned i = 0; i < n; i++)
        if (memcmp(b->d + 12 + 16 * i, tag, 4) == 0)
            return b->d + 12 + 16 * i;
    fail_msg("no %s table", tag);
    return NULL;
}

/* The table `tag` in the file. */
static unsigned char *table(const blob *b, const char *tag)
{
    return b->d + get32(record(b, tag) + 8);
}

/* The (3,1) format 4 cmap subtable. */
static unsigned char *unicode_cmap(const blob *b)
{
    unsigned char *c = table(b, "cmap");
    for (unsigned i = 0; i < get16(c + 2); i++)
        if (get16(c + 4 + 8 * i) == 3 && get16(c + 6 + 8 * i) == 1)
            return c + get32(c + 8 + 8 * i);
    fail_msg("no (3,1) cmap");
    return NULL;
}

/* The reason the bytes are refused, or NULL when they pass. */
static const char *reason(const blob *b)
{
    static wm_ttf_problem p;
    if (wm_ttf_check(b->d, b->len, &p)) {
        assert_null(p.hint);
        return NULL;
    }
    assert_non_null(p.hint);
    assert_true(p.reason[0] != '\0');
    return p.reason;
}

static void expect(const blob *b, const char *want)
{
    const char *got = reason(b);
    if (!want && got)
        fail_msg("refused: %s", got);
    if (want && !got)
        fail_msg("passed, expected: %s", want);
    if (want)
        assert_string_equal(got, want);
}

/* ------------------------------------------------------------------------ */

static void shipped_and_system_fonts_pass(void **state)
{
    (void)state;
    static const char *const shipped[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf",
                                          "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
                                          "DejaVuSans.ttf"};
    for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
        char *path = wm_xasprintf(FONTS "%s", shipped[i]);
        blob b = load(path);
        expect(&b, NULL);
        free(b.d);
        free(path);
    }
    /* Whatever TrueType fonts this machine has: no false alarms. */
    static const char *const dirs[] = {
        "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/droid"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        DIR *dir = opendir(dirs[i]);
        for (struct dirent *e; dir && (e = readdir(dir)) != NULL;) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".ttf") != 0)
                continue;
            char *path = wm_xasprintf("%s/%s", dirs[i], e->d_name);
            blob b = load(path);
            const char *why = reason(&b);
            if (why)
                fail_msg("%s refused: %s", path, why);
            free(b.d);
            free(path);
        }
        if (dir)
            closedir(dir);
    }
}

static void file_kinds(void **state)
{
    (void)state;
    blob b = {(unsigned char *)"\0\1\0", 3};
    expect(&b, "is not a font file (it is too short)");
    unsigned char head[16] = "OTTO";
    b = (blob){head, sizeof head};
    expect(&b, "has CFF (PostScript) outlines, an .otf font");
    memcpy(head, "ttcf", 4);
    expect(&b, "is a font collection (.ttc)");
    memcpy(head, "wOF2", 4);
    expect(&b, "is a web font (WOFF)");
    memcpy(head, "<htm", 4);
    expect(&b, "is not a TrueType font");
    wm_ttf_problem p;
    assert_true(wm_ttf_check_size(WM_TTF_MAX_BYTES, &p));
    assert_false(wm_ttf_check_size(WM_TTF_MAX_BYTES + 1, &p));
    assert_string_equal(p.reason, "is 67108865 bytes, over the limit of 67108864 bytes");
}

static void directory(void **state)
{
    (void)state;
    blob orig = load(FONTS "NotoSans-Regular.ttf");
    blob b = copy(&orig);
    put16(b.d + 4, 626);
    expect(&b, "is damaged (its table directory lists 626 tables, more than the 625 libharu "
               "reads)");
    put16(b.d + 4, 18);
    b.len = 12 + 16 * 18 - 1;
    expect(&b, "is damaged (its table directory is incomplete)");
    b.len = orig.len;
    memcpy(b.d, orig.d, orig.len);
    put32(record(&b, "hmtx") + 8, (uint32_t)b.len + 100); /* an offset beyond the end */
    expect(&b, "is cut short: it is 512672 bytes, but its 'hmtx' table ends at byte 526038");
    memcpy(b.d, orig.d, orig.len);
    put32(record(&b, "glyf") + 8, 0xFFFFFFF0u); /* offset + length wraps in 32 bits */
    expect(&b, "is cut short: it is 512672 bytes, but its 'glyf' table ends at byte 4295332028");
    memcpy(b.d, orig.d, orig.len);
    memcpy(record(&b, "OS/2"), "OS/3", 4);
    expect(&b, "lacks the 'OS/2' table that libharu needs");
    memcpy(record(&b, "OS/3"), "OS/2", 4);
    memcpy(record(&b, "glyf"), "gly?", 4);
    expect(&b, "has no TrueType outlines (no glyf table)");
    memcpy(b.d, orig.d, orig.len);
    memcpy(record(&b, "gasp"), "cmap", 4);
    expect(&b, "is damaged (its table directory lists the 'cmap' table twice)");
    free(b.d);
    free(orig.d);
}

static void truncated_anywhere(void **state)
{
    (void)state;
    blob orig = load(FONTS "DejaVuSans.ttf");
    size_t refused = 0, step = orig.len / 997;
    for (size_t cut = 0; cut < orig.len; cut += (cut < 4096 ? 1 : step)) {
        blob b = {orig.d, cut};
        if (reason(&b))
            refused++;
        else
            fail_msg("cut at %zu bytes of %zu: passed", cut, orig.len);
    }
    assert_true(refused > 5000);
    free(orig.d);
}

static void head_maxp_hhea_hmtx(void **state)
{
    (void)state;
    blob orig = load(FONTS "NotoSans-Regular.ttf");
    blob b = copy(&orig);
    unsigned char *head = table(&b, "head"), *maxp = table(&b, "maxp"), *hhea = table(&b, "hhea");
    static const struct {
        unsigned upem;
        const char *want;
    } upems[] = {{0, "is damaged: head.unitsPerEm is 0 (it must be 16 to 16384)"},
                 {15, "is damaged: head.unitsPerEm is 15 (it must be 16 to 16384)"},
                 {16, "is damaged: head.xMin is -621 at unitsPerEm 16, beyond the 32.767 em "
                      "libharu 2.3.0 can write"},
                 {85, "is damaged: head.xMax is 2800 at unitsPerEm 85, beyond the 32.767 em "
                      "libharu 2.3.0 can write"},
                 {86, NULL}, /* 2800 * 1000 / 86 = 32558 */
                 {16384, NULL},
                 {16385, "is damaged: head.unitsPerEm is 16385 (it must be 16 to 16384)"}};
    for (size_t i = 0; i < sizeof upems / sizeof *upems; i++) {
        put16(head + 18, upems[i].upem);
        expect(&b, upems[i].want);
    }
    memcpy(b.d, orig.d, orig.len);
    put16(head + 36 + 6, 0x8000); /* yMax */
    expect(&b, "is damaged: head.yMax is -32768 at unitsPerEm 1000, beyond the 32.767 em "
               "libharu 2.3.0 can write");
    memcpy(b.d, orig.d, orig.len);
    put16(head + 50, 2);
    expect(&b, "is damaged: head.indexToLocFormat is 2 (it must be 0 or 1)");
    memcpy(b.d, orig.d, orig.len);
    put16(head + 52, 40);
    expect(&b, "is damaged: head.glyphDataFormat is 40 (0 expected)");
    memcpy(b.d, orig.d, orig.len);
    head[12] ^= 1;
    expect(&b, "is damaged: its head table is not a font header (wrong version or magic number)");
    memcpy(b.d, orig.d, orig.len);
    put32(record(&b, "head") + 12, 53);
    expect(&b, "is damaged: its 'head' table is 53 bytes, too short (it needs 54)");

    memcpy(b.d, orig.d, orig.len);
    put16(maxp + 4, 0);
    expect(&b, "is damaged: maxp.numGlyphs is 0 (every font has at least the .notdef glyph)");
    memcpy(b.d, orig.d, orig.len);
    put32(maxp, 0x00020000);
    expect(&b, "is damaged: its maxp table has an unknown version (0x00020000)");
    memcpy(b.d, orig.d, orig.len);
    put16(hhea + 34, 3318);
    expect(&b, "is damaged: hhea.numberOfHMetrics is 3318 (it must be 1 to maxp.numGlyphs, 3317)");

    memcpy(b.d, orig.d, orig.len);
    put16(hhea + 34, 0);
    expect(&b, "is damaged: hhea.numberOfHMetrics is 0 (it must be 1 to maxp.numGlyphs, 3317)");
    memcpy(b.d, orig.d, orig.len);
    put16(hhea + 34, 0xFFFF);
    expect(&b, "is damaged: hhea.numberOfHMetrics is 65535 (it must be 1 to maxp.numGlyphs, 3317)");
    memcpy(b.d, orig.d, orig.len);
    put16(hhea, 2);
    expect(&b, "is damaged: its hhea table is not a horizontal header (wrong version)");

    memcpy(b.d, orig.d, orig.len);
    put32(record(&b, "hmtx") + 12, 13265); /* 3316 long metrics and 1 side bearing: 13266 */
    expect(&b, "is damaged: its 'hmtx' table is 13265 bytes, too short (it needs 13266)");
    put16(hhea + 34, 3000); /* 3000 long metrics and 317 side bearings: 12634 */
    expect(&b, NULL);
    free(b.d);
    free(orig.d);
}

static void loca_and_glyf(void **state)
{
    (void)state;
    blob orig = load(FONTS "NotoSans-Regular.ttf"); /* long loca */
    blob b = copy(&orig);
    unsigned char *loca = table(&b, "loca");
    uint32_t glyf_len = get32(record(&b, "glyf") + 12);
    put32(loca + 4 * 40, get32(loca + 4 * 39) - 2); /* glyph 39 ends before it starts */
    expect(&b, "is damaged: its loca table goes backwards at glyph 39");
    memcpy(b.d, orig.d, orig.len);
    put32(loca + 4 * 3317, glyf_len + 4);
    expect(&b, "is damaged: glyph 3316 ends at byte 364752 of the glyf table, past its end "
               "(364748 bytes)");
    memcpy(b.d, orig.d, orig.len);
    put32(loca + 4 * 40, get32(loca + 4 * 39) + 4);
    expect(&b, "is damaged: glyph 39 is 4 bytes, too short to hold a glyph");
    memcpy(b.d, orig.d, orig.len);
    put32(record(&b, "loca") + 12, 4 * 3317);
    expect(&b, "is damaged: its 'loca' table is 13268 bytes, too short (it needs 13272)");
    /* Glyph 171 (U+00E9) is a composite of 24 bytes: cut to 14, its first
     * component's arguments lie past its end. */
    memcpy(b.d, orig.d, orig.len);
    unsigned char *glyf = table(&b, "glyf");
    assert_int_equal((int16_t)get16(glyf + get32(loca + 4 * 171)), -1);
    put32(loca + 4 * 172, get32(loca + 4 * 171) + 14);
    expect(&b, "is damaged: the components of glyph 171 run past its end");
    memcpy(b.d, orig.d, orig.len);
    put16(glyf + get32(loca + 4 * 43), 0xFFFE); /* 'H' */
    expect(&b, "is damaged: glyph 43 has numberOfContours -2 (-1 or more expected)");
    /* libharu takes the tops of 'H' (glyph 43) and 'x' (glyph 91) for the cap
     * height and x-height, as unsigned numbers. */
    memcpy(b.d, orig.d, orig.len);
    put16(glyf + get32(loca + 4 * 43) + 8, (unsigned)-100 & 0xFFFF);
    expect(&b, "is damaged: its glyph for 'H' reaches -100 thousandths of an em, which libharu "
               "2.3.0 cannot take as the cap height");
    memcpy(b.d, orig.d, orig.len);
    put32(loca + 4 * 92, get32(loca + 4 * 91)); /* glyph 91 empty, 92 takes its bytes */
    expect(&b, "is damaged: its glyph for 'x' is empty");
    memcpy(b.d, orig.d, orig.len);
    put16(glyf + get32(loca + 4 * 91), 0); /* no contours: HarfBuzz writes it empty */
    expect(&b, "is damaged: its glyph for 'x' is empty");
    /* More points than its flags describe: HarfBuzz's subset drops the
     * outline, and libharu would read the next glyph's box. */
    memcpy(b.d, orig.d, orig.len);
    put16(glyf + get32(loca + 4 * 91) + 10, 0xFFFE); /* 'x' has one contour */
    expect(&b, "is damaged: the outline of its glyph for 'x' is cut short");
    /* A long loca read as a short one: halves of offsets, out of order. */
    memcpy(b.d, orig.d, orig.len);
    put16(table(&b, "head") + 50, 0);
    expect(&b, "is damaged: its loca table goes backwards at glyph 3");
    free(b.d);
    free(orig.d);
}

static void cmap(void **state)
{
    (void)state;
    blob orig = load(FONTS "NotoSans-Regular.ttf");
    blob b = copy(&orig);
    unsigned char *c = table(&b, "cmap"), *sub = unicode_cmap(&b);
    unsigned segs = get16(sub + 6) / 2;
    unsigned char *ends = sub + 14, *starts = sub + 16 + 2 * segs, *deltas = sub + 16 + 4 * segs,
                  *ranges = sub + 16 + 6 * segs;
    put16(c, 1);
    expect(&b, "is damaged: its cmap table has version 1 (0 expected)");
    memcpy(b.d, orig.d, orig.len);
    put16(c + 6 + 8, 10); /* (3,1) becomes (3,10): format 4 under (0,3) only */
    expect(&b, "has no Windows Unicode character map (cmap platform 3, encoding 1, format 4)");
    memcpy(b.d, orig.d, orig.len);
    put32(c + 8, get32(record(&b, "cmap") + 12));
    expect(&b, "is damaged: its cmap table points outside itself");
    memcpy(b.d, orig.d, orig.len);
    put16(sub + 6, 2 * segs + 1);
    expect(&b, "is damaged: its Unicode cmap (format 4) gives segCountX2 285 (an even number "
               "above 0 expected)");
    memcpy(b.d, orig.d, orig.len);
    put16(sub + 2, 16 + 8 * segs - 2);
    expect(&b, "is damaged: its Unicode cmap (format 4) is cut short");
    memcpy(b.d, orig.d, orig.len);
    put16(sub + 2, 0xFFFF); /* longer than the table */
    expect(&b, "is damaged: its Unicode cmap (format 4) is cut short");
    memcpy(b.d, orig.d, orig.len);
    put16(ends + 2 * (segs - 1), 0xFFFE);
    put16(starts + 2 * (segs - 1), 0xFFFE);
    put16(deltas + 2 * (segs - 1), 2); /* U+FFFE maps to glyph 0 */
    expect(&b, "is damaged: its Unicode cmap (format 4) does not end at U+FFFF");
    memcpy(b.d, orig.d, orig.len);
    put16(starts + 2, get16(ends)); /* segment 2 starts where segment 1 ends */
    expect(&b, "is damaged: its Unicode cmap (format 4) has segments out of order (at segment 2)");
    memcpy(b.d, orig.d, orig.len);
    put16(starts, get16(ends) + 1);
    expect(&b, "is damaged: its Unicode cmap (format 4) has segments out of order (at segment 1)");
    /* Segment 3 is U+0020..U+007E with an idDelta: move its glyphs past the end. */
    memcpy(b.d, orig.d, orig.len);
    assert_int_equal(get16(starts + 4), 0x20);
    assert_int_equal(get16(ranges + 4), 0);
    put16(deltas + 4, 3317 - 0x20);
    expect(&b, "is damaged: its cmap maps U+0020 to glyph 3317, but the font has only 3317 glyphs");
    memcpy(b.d, orig.d, orig.len);
    put16(ranges + 4, 0xFFFE); /* glyphIdArray[32627] for U+0020: the array is empty */
    expect(&b, "is damaged: its cmap looks U+0020 up outside its glyph index array");
    free(b.d);
    free(orig.d);
}

static void name_table(void **state)
{
    (void)state;
    blob orig = load(FONTS "DejaVuSans.ttf"); /* Macintosh and Windows names */
    blob b = copy(&orig);
    unsigned char *name = table(&b, "name");
    unsigned count = get16(name + 2);
    for (unsigned i = 0; i < count; i++) /* no PostScript name at all */
        if (get16(name + 6 + 12 * i + 6) == 6)
            put16(name + 6 + 12 * i + 6, 7);
    expect(&b, "has no PostScript name (name ID 6) that libharu can read");
    memcpy(b.d, orig.d, orig.len);
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i + 6) == 2)
            put16(name + 6 + 12 * i + 6, 7);
    expect(&b, "has no style name (name ID 2) that libharu can read");
    /* Only the Windows records: lengths in UTF-16 bytes count half. */
    memcpy(b.d, orig.d, orig.len);
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i) == 1)
            put16(name + 6 + 12 * i + 6, 99);
    expect(&b, NULL);
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i) == 3 && get16(name + 6 + 12 * i + 6) == 6)
            put16(name + 6 + 12 * i + 8, 2 * 112);
    expect(&b, NULL); /* 112 + "Book" + 8 = 124: fits in 127 */
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i) == 3 && get16(name + 6 + 12 * i + 6) == 6)
            put16(name + 6 + 12 * i + 8, 2 * 116);
    expect(&b, "has a PostScript name and style name too long for libharu 2.3.0 (120 characters, "
               "at most 119)");
    memcpy(b.d, orig.d, orig.len);
    put16(name + 6 + 8, 0xFFFF); /* the first record's length */
    expect(&b, "is damaged: its name table points outside itself");
    memcpy(b.d, orig.d, orig.len);
    put16(name, 2);
    expect(&b, "is damaged: its name table has format 2 (0 or 1 expected)");
    /* Only the Macintosh records: the subset HarfBuzz makes keeps the
     * Windows ones alone, and libharu would find no name in it. */
    memcpy(b.d, orig.d, orig.len);
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i) == 3)
            put16(name + 6 + 12 * i + 6, 99);
    expect(&b, "has no PostScript name (name ID 6) that libharu can read");
    /* A Windows name whose UTF-16 starts with a byte libharu takes for the end. */
    memcpy(b.d, orig.d, orig.len);
    for (unsigned i = 0; i < count; i++)
        if (get16(name + 6 + 12 * i) == 3 && get16(name + 6 + 12 * i + 6) == 6)
            name[get16(name + 4) + get16(name + 6 + 12 * i + 10) + 1] = 0;
    expect(&b, "has an empty PostScript name (name ID 6)");
    free(b.d);
    free(orig.d);
}

static void os2(void **state)
{
    (void)state;
    blob orig = load(FONTS "NotoSans-Regular.ttf");
    blob b = copy(&orig);
    unsigned char *os2 = table(&b, "OS/2");
    static const struct {
        unsigned fs_type;
        const char *want;
    } kinds[] = {
        {0x0000, NULL}, /* installable */
        {0x0004, NULL}, /* preview and print */
        {0x0008, NULL}, /* editable */
        {0x0002, "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x0002) forbid "
                 "embedding (restricted licence)"},
        {0x000A, "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x000A) forbid "
                 "embedding (restricted licence)"},
        {0x0100, "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x0100) forbid "
                 "embedding a subset"},
        {0x0204, "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x0204) forbid "
                 "embedding outlines (bitmaps only)"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        put16(os2 + 8, kinds[i].fs_type);
        expect(&b, kinds[i].want);
    }
    memcpy(b.d, orig.d, orig.len);
    put16(os2, 5); /* version 5 needs 100 bytes; the table has 96 */
    expect(&b, "is damaged: its 'OS/2' table is 96 bytes, too short (it needs 100)");
    free(b.d);
    free(orig.d);
}

static void post(void **state)
{
    (void)state;
    blob orig = load(FONTS "DejaVuSans.ttf"); /* post version 2, with glyph names */
    blob b = copy(&orig);
    unsigned char *post = table(&b, "post");
    assert_int_equal(get32(post), 0x00020000);
    put16(post + 32, 0xFFFF);
    expect(&b, "is damaged: its post table's glyph names run past its end");
    memcpy(b.d, orig.d, orig.len);
    put32(post, 0x00025000); /* 2.5: gone from the specification, and from HarfBuzz */
    expect(&b, "is damaged: its post table has version 0x00025000 (1, 2 or 3 expected)");
    put32(post, 0x00030000);
    expect(&b, NULL);
    put32(record(&b, "post") + 12, 31);
    expect(&b, "is damaged: its 'post' table is 31 bytes, too short (it needs 32)");
    free(b.d);
    free(orig.d);
}

/* What fuzz_font found (tests/unit/fonts/fuzz-*.ttf, 900 bytes each): fonts
 * the checks once let through and the PDF writer then refused. */
static void fuzz_findings(void **state)
{
    (void)state;
    static const struct {
        const char *file, *want;
    } found[] = {
        /* libharu's CheckCompositGryph read the components past the end of
         * the file: STREAM_EOF, exit 4. */
        {"fuzz-composite-past-end.ttf", "is damaged: the components of glyph 4 run past its end"},
        /* HarfBuzz wrote the 'x' glyph empty in the subset; libharu would
         * have read the next glyph's box as the x-height. */
        {"fuzz-x-outline-cut-short.ttf",
         "is damaged: the outline of its glyph for 'x' is cut short"},
        /* HarfBuzz reads no glyph of another glyph data format: its subset
         * had every glyph empty (invisible text, unless 'H' or 'x' showed it). */
        {"fuzz-glyph-data-format.ttf", "is damaged: head.glyphDataFormat is 32 (0 expected)"},
    };
    for (size_t i = 0; i < sizeof found / sizeof *found; i++) {
        char *path = wm_xasprintf(WM_SOURCE_DIR_TEST "/tests/unit/fonts/%s", found[i].file);
        blob b = load(path);
        expect(&b, found[i].want);
        free(b.d);
        free(path);
    }
}

/* ------------------------------------------------------------------------ */
/* The sweep                                                                 */
/* ------------------------------------------------------------------------ */

/* What libharu does with a font in a render, on the raw bytes: load it, look
 * every BMP code point up (HPDF_GetFont with the UTF-8 encoder), measure
 * and draw text, save (which reads every used glyph again); then the same
 * through the subsetter. */
static void exercise(const unsigned char *d, size_t len)
{
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    wm_ttf_problem p;
    const char *name = wm_font_load(doc, d, len, &p);
    HPDF_Font font = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
    if (font) {
        HPDF_Page page = HPDF_AddPage(doc);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 12);
        HPDF_Page_TextOut(page, 72, 700, "Hx \xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF");
        HPDF_Page_EndText(page);
        (void)HPDF_SaveToStream(doc);
    }
    HPDF_Free(doc);

    static const uint32_t cps[] = {'H', 'x', 0xE9, 0x20AC, 0xFFFF};
    unsigned char *sub = NULL;
    size_t sub_len = 0;
    char *err = NULL;
    if (wm_font_subset(d, len, "sweep", cps, 5, &sub, &sub_len, &err) == 0) {
        doc = HPDF_New(NULL, NULL);
        HPDF_UseUTFEncodings(doc);
        name = wm_font_load(doc, sub, sub_len, &p);
        assert_non_null(name); /* the subset of a font that passed passes */
        (void)HPDF_GetFont(doc, name, "UTF-8");
        (void)HPDF_SaveToStream(doc);
        HPDF_Free(doc);
        free(sub);
    }
    free(err);
}

/* A field: a table (or "" for the file itself), where in it, how wide. */
typedef struct {
    const char *table;
    long at; /* negative: from the (3,1) cmap subtable, -1 - at */
    int width;
} field;

static const field FIELDS[] = {
    {"", 4, 2},           /* numTables */
    {"head", 0, 2},       /* version */
    {"head", 12, 4},      /* magicNumber */
    {"head", 18, 2},      /* unitsPerEm */
    {"head", 36, 2},      /* xMin */
    {"head", 42, 2},      /* yMax */
    {"head", 50, 2},      /* indexToLocFormat */
    {"head", 52, 2},      /* glyphDataFormat */
    {"maxp", 0, 4},       /* version */
    {"maxp", 4, 2},       /* numGlyphs */
    {"hhea", 0, 2},       /* version */
    {"hhea", 4, 2},       /* ascender */
    {"hhea", 34, 2},      /* numberOfHMetrics */
    {"hmtx", 0, 2},       /* advanceWidth of .notdef */
    {"loca", 0, 4},       /* first offset */
    {"loca", 4 * 36, 4},  /* 'H' (glyph 43 or so) */
    {"cmap", 0, 2},       /* version */
    {"cmap", 2, 2},       /* numTables */
    {"cmap", 4, 2},       /* first record's platformID */
    {"cmap", 8, 4},       /* first record's offset */
    {"cmap", 16, 4},      /* second record's offset */
    {"cmap", -1 - 0, 2},  /* format */
    {"cmap", -1 - 2, 2},  /* length */
    {"cmap", -1 - 6, 2},  /* segCountX2 */
    {"cmap", -1 - 14, 2}, /* endCode[0] */
    {"cmap", -1 - 16, 2}, /* endCode[1] */
    {"name", 2, 2},       /* count */
    {"name", 4, 2},       /* stringOffset */
    {"name", 6 + 8, 2},   /* first record's length */
    {"name", 6 + 10, 2},  /* first record's offset */
    {"OS/2", 0, 2},       /* version */
    {"OS/2", 8, 2},       /* fsType */
    {"OS/2", 30, 2},      /* sFamilyClass */
};

static const uint32_t VALUES[] = {
    0,      1,      2,      3,      4,      15,         16,         17,        0x7F,   0x80,
    0xFF,   0x100,  0x3FFF, 0x4000, 0x4001, 0x7FFF,     0x8000,     0xFFFE,    0xFFFF, 0x10000,
    0x5000, 0xF000, 1000,   2048,   65533,  0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};

static void sweep_one(const blob *orig, blob *b, const field *f, size_t *passed, size_t *tried)
{
    unsigned char *base = b->d;
    if (f->table[0])
        base = f->at < 0 ? unicode_cmap(b) : table(b, f->table);
    unsigned char *p = base + (f->at < 0 ? -1 - f->at : f->at);
    uint32_t was = f->width == 2 ? get16(p) : get32(p);
    uint32_t extra[] = {was + 1, was - 1, was * 2, was / 2, (uint32_t)b->len};
    for (size_t k = 0; k < sizeof VALUES / sizeof *VALUES + 5; k++) {
        uint32_t v = k < sizeof VALUES / sizeof *VALUES ? VALUES[k]
                                                        : extra[k - sizeof VALUES / sizeof *VALUES];
        if (f->width == 2)
            put16(p, v & 0xFFFF);
        else
            put32(p, v);
        (*tried)++;
        if (!reason(b)) {
            (*passed)++;
            exercise(b->d, b->len);
        }
        memcpy(b->d, orig->d, orig->len);
    }
}

static void sweep_every_field(void **state)
{
    (void)state;
    /* A small font with every table (the subset of Noto Sans that a short
     * text needs) and the whole of DejaVu Sans (Macintosh names, more cmap
     * subtables). */
    blob noto = load(FONTS "NotoSans-Regular.ttf");
    static const uint32_t text[] = {'H', 'x', 'a', 0xE9, 0x141, 0x20AC};
    blob small = {0};
    char *err = NULL;
    assert_int_equal(wm_font_subset(noto.d, noto.len, "noto", text, 6, &small.d, &small.len, &err),
                     0);
    blob dejavu = load(FONTS "DejaVuSans.ttf");
    const blob *fonts[] = {&small, &dejavu};
    size_t passed = 0, tried = 0;
    for (size_t i = 0; i < 2; i++) {
        blob b = copy(fonts[i]);
        for (size_t f = 0; f < sizeof FIELDS / sizeof *FIELDS; f++)
            sweep_one(fonts[i], &b, &FIELDS[f], &passed, &tried);
        free(b.d);
    }
    print_message("sweep: %zu variants, %zu passed the checks and went to libharu\n", tried,
                  passed);
    assert_true(passed > 100 && passed < tried);
    free(small.d);
    free(noto.d);
    free(dejavu.d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_and_system_fonts_pass),
        cmocka_unit_test(file_kinds),
        cmocka_unit_test(directory),
        cmocka_unit_test(truncated_anywhere),
        cmocka_unit_test(head_maxp_hhea_hmtx),
        cmocka_unit_test(loca_and_glyf),
        cmocka_unit_test(cmap),
        cmocka_unit_test(name_table),
        cmocka_unit_test(os2),
        cmocka_unit_test(post),
        cmocka_unit_test(fuzz_findings),
        cmocka_unit_test(sweep_every_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
