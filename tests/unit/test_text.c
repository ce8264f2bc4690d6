/*
 * test_text.c - widths agree with libharu's own for the same font, and line
 * breaking never lets text overflow: a 3,000-word paragraph and a
 * 200-character unbroken word stay inside their width, nothing is lost.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hpdf.h>
#include <math.h>
#include <stdlib.h>
#include <linebreak.h>
#include <string.h>

#include "base/util.h"
#include "layout/text.h"

#define FONTS WM_SOURCE_DIR_TEST "/fonts/"

static wm_face *open_face(const char *file)
{
    char *err = NULL;
    wm_face *f = wm_face_open(file, &err);
    if (!f)
        fail_msg("%s", err);
    return f;
}

static void widths_match_libharu(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    HPDF_Doc doc = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(doc, FONTS "NotoSans-Regular.ttf", HPDF_TRUE);
    HPDF_Font font = HPDF_GetFont(doc, name, "UTF-8");
    const uint32_t cps[] = {'A',
                            'W',
                            'i',
                            ' ',
                            '1',
                            0xEB /* ë */,
                            0x141 /* Ł */,
                            0x17A /* ź */,
                            0x20AC /* € */,
                            0x2014 /* — */,
                            0x201C /* “ */};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
        if (wm_face_advance(f, cps[i]) != HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cps[i]))
            fail_msg("U+%04X: %d, libharu says %d", cps[i], wm_face_advance(f, cps[i]),
                     (int)HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cps[i]));
    HPDF_Free(doc);
    wm_face_free(f);
}

static void width_and_fallback(void **state)
{
    (void)state;
    wm_face *noto = open_face(FONTS "NotoSans-Regular.ttf");
    wm_face *dejavu = open_face(FONTS "DejaVuSans.ttf");
    double w = wm_text_width(noto, NULL, 0, "Zo\xC3\xAB", 4, 10);
    double want =
        (wm_face_advance(noto, 'Z') + wm_face_advance(noto, 'o') + wm_face_advance(noto, 0xEB)) *
        10 / 1000.0;
    assert_true(w == want);
    assert_false(wm_face_has(noto, 0x2713)); /* ✓ is not in Noto Sans */
    assert_true(wm_face_has(dejavu, 0x2713));
    assert_true(wm_text_width(noto, &dejavu, 1, "\xE2\x9C\x93", 3, 10) ==
                wm_face_advance(dejavu, 0x2713) * 10 / 1000.0);
    wm_face_free(noto);
    wm_face_free(dejavu);
}

/* The fallback chain: the first face that has a character draws it; a
 * flag is drawn as its letters; what no face has is drawn as U+FFFD, never
 * as '?' (issue 16), and a character beyond U+FFFF is drawn like any other. */
static void glyph_chain(void **state)
{
    (void)state;
    wm_face *noto = open_face(FONTS "NotoSans-Regular.ttf");
    wm_face *dejavu = open_face(FONTS "DejaVuSans.ttf");
    wm_face *chain[3] = {dejavu, dejavu, NULL}; /* a repeated face and an empty slot */
    uint32_t drawn;
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 'A', &drawn), WM_PICK_FACE);
    assert_int_equal(drawn, 'A');
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0x2713, &drawn), WM_PICK_FALLBACK);
    assert_int_equal(drawn, 0x2713);
    /* U+1F1EC U+1F1E7, the flag of the United Kingdom: "GB". */
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0x1F1EC, &drawn), WM_PICK_FACE);
    assert_int_equal(drawn, 'G');
    assert_false(wm_glyph_missing(noto, chain, 3, 0x1F1E7));
    /* An emoji beyond U+FFFF is drawn by the face of the chain that has it
     * (DejaVu Sans has U+1F600); one no face has, and a Yi syllable no face
     * has: U+FFFD, from the first face that has it (Noto Sans has it;
     * DejaVu Sans too). */
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0x1F600, &drawn), WM_PICK_FALLBACK);
    assert_int_equal(drawn, 0x1F600);
    assert_false(wm_glyph_missing(noto, chain, 3, 0x1F600));
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0x1F984, &drawn), WM_PICK_FACE);
    assert_int_equal(drawn, 0xFFFD);
    assert_true(wm_glyph_missing(noto, chain, 3, 0x1F984));
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0xA000, &drawn), WM_PICK_FACE);
    assert_int_equal(drawn, 0xFFFD);
    assert_true(wm_glyph_missing(noto, chain, 3, 0xA000));
    assert_int_equal(wm_glyph_pick(dejavu, NULL, 0, 0xA000, &drawn), WM_PICK_FACE);
    assert_int_equal(drawn, 0xFFFD);
    /* Joiners and variation selectors are drawn as nothing, and not missing. */
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0xFE0F, &drawn), WM_PICK_NONE);
    assert_int_equal(wm_glyph_pick(noto, chain, 3, 0x200D, &drawn), WM_PICK_NONE);
    assert_false(wm_glyph_missing(noto, chain, 3, 0xFE0F));
    /* The width of a flag is the width of its letters. */
    assert_true(wm_text_width(noto, chain, 3, "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7", 8, 10) ==
                wm_text_width(noto, chain, 3, "GB", 2, 10));
    wm_face_free(noto);
    wm_face_free(dejavu);
}

/* Every line fits; lines follow each other through the source with only
 * white space between them, so no text is lost or repeated. */
static void check_lines(const char *s, const wm_line *lines, size_t n, double max)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].width > max + 1e-9)
            fail_msg("line %zu is %.3f pt wide, over %.3f", i + 1, lines[i].width, max);
        for (size_t k = at; k < lines[i].start; k++)
            if (s[k] != ' ' && s[k] != '\n')
                fail_msg("line %zu skips '%c' at byte %zu", i + 1, s[k], k);
        if (lines[i].start < at)
            fail_msg("line %zu repeats text", i + 1);
        at = lines[i].start + lines[i].len;
    }
    assert_int_equal(at, strlen(s));
}

static void long_paragraph_fits(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    static const char *const words[] = {
        "roadmap", "the",     "P80", "contingency", "Łódź", "capacity-constrained",
        "a",       "quarter", "Zoë", "€1,234"};
    wm_buf b;
    wm_buf_init(&b);
    for (int i = 0; i < 3000; i++)
        wm_buf_printf(&b, "%s%s", i ? " " : "", words[(i * 7) % 10]);
    wm_line *lines;
    size_t n = wm_break_lines(f, NULL, 0, b.data, b.len, 10, 300, &lines);
    assert_true(n > 300 && n < 600); /* ~22,500 characters at ~5.5 pt over 300 pt */
    check_lines(b.data, lines, n, 300);
    free(lines);
    wm_buf_free(&b);
    wm_face_free(f);
}

static void unbroken_word_is_cut(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    char word[201];
    for (int i = 0; i < 200; i++)
        word[i] = (char)('a' + i % 26);
    word[200] = '\0';
    wm_line *lines;
    size_t n = wm_break_lines(f, NULL, 0, word, 200, 10, 100, &lines);
    assert_true(n >= 10);
    check_lines(word, lines, n, 100);
    free(lines);
    /* A long URL among words: the words before it stay on their line. */
    const char *s = "see https://example.org/a/very/long/path/that/does/not/fit/in/one/line/at/all";
    n = wm_break_lines(f, NULL, 0, s, strlen(s), 10, 80, &lines);
    for (size_t i = 0; i < n; i++)
        assert_true(lines[i].width <= 80);
    free(lines);
    wm_face_free(f);
}

static void forced_and_empty(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    wm_line *lines;
    size_t n = wm_break_lines(f, NULL, 0, "one\ntwo", 7, 10, 500, &lines);
    assert_int_equal(n, 2);
    assert_int_equal(lines[0].len, 3);
    assert_int_equal(lines[1].start, 4);
    free(lines);
    n = wm_break_lines(f, NULL, 0, "", 0, 10, 500, &lines);
    assert_int_equal(n, 1);
    assert_int_equal(lines[0].len, 0);
    free(lines);
    wm_face_free(f);
}

static void styled_spans(void **state)
{
    (void)state;
    wm_face *reg = open_face(FONTS "NotoSans-Regular.ttf");
    wm_face *bold = open_face(FONTS "NotoSans-Bold.ttf");
    const char *s = "Total cost WWWWWWWW";
    size_t len = strlen(s);
    /* "Total cost " regular, "WWWWWWWW" bold. */
    wm_span spans[] = {{11, reg}, {len, bold}};
    wm_line *lines;
    size_t n = wm_break_spans(spans, 2, NULL, 0, s, len, 10, 1000, &lines);
    assert_int_equal(n, 1);
    double want =
        wm_text_width(reg, NULL, 0, s, 11, 10) + wm_text_width(bold, NULL, 0, s + 11, 8, 10);
    assert_true(fabs(lines[0].width - want) < 1e-9);
    free(lines);
    /* A width that fits the whole line in regular but not with the bold run. */
    double all_regular = wm_text_width(reg, NULL, 0, s, len, 10);
    assert_true(all_regular < want);
    n = wm_break_spans(spans, 2, NULL, 0, s, len, 10, all_regular + 0.01, &lines);
    assert_int_equal(n, 2);
    free(lines);
    n = wm_break_lines(reg, NULL, 0, s, len, 10, all_regular + 0.01, &lines);
    assert_int_equal(n, 1);
    free(lines);
    wm_face_free(reg);
    wm_face_free(bold);
}

static void not_a_font(void **state)
{
    (void)state;
    char *err = NULL;
    assert_null(wm_face_open(WM_SOURCE_DIR_TEST "/README.md", &err));
    assert_non_null(strstr(err, "is not a TrueType font"));
    free(err);
    err = NULL;
    assert_null(wm_face_open("/nonexistent.ttf", &err));
    assert_non_null(strstr(err, "cannot read the font"));
    free(err);
}

/* The fast path of line breaking gives exactly libunibreak's answer on
 * every string it accepts: 20,000 random strings over its alphabet (long
 * runs of spaces, quotes and punctuation next to digits included), then
 * strings it must refuse. */
static void simple_breaks_match_libunibreak(void **state)
{
    (void)state;
    init_linebreak();
    static const char alphabet[] = "aZ09  .,;:'\"--";
    uint64_t x = 0x9E3779B97F4A7C15u;
    char s[40], want[40], got[40];
    for (int round = 0; round < 20000; round++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t len = 1 + x % (sizeof s - 1);
        uint64_t r = x;
        for (size_t i = 0; i < len; i++) {
            if (i % 10 == 0)
                x ^= x << 13, x ^= x >> 7, x ^= x << 17, r = x;
            s[i] = alphabet[(r >> (6 * (i % 10))) % (sizeof alphabet - 1)];
        }
        set_linebreaks_utf8((const utf8_t *)s, len, NULL, want);
        memset(got, 0x55, sizeof got);
        assert_true(wm_simple_breaks(s, len, got));
        if (memcmp(want, got, len) != 0)
            fail_msg("breaks differ for \"%.*s\"", (int)len, s);
    }
    const char *refused[] = {"a/b",
                             "(x)",
                             "50%",
                             "\xC2\xA3"
                             "5",
                             "tab\there",
                             "line\nbreak",
                             "[1]",
                             "$5",
                             "a&b"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_false(wm_simple_breaks(refused[i], strlen(refused[i]), got));
}

/* A flag is two regional indicators (U+1F1E6..U+1F1FF); libunibreak 1.1
 * aborted on them, and on U+FFFF.  Their breaks follow UAX #14: a break is
 * allowed between two flags (LB30a) but never inside one, and before and
 * after a flag as around an ideograph. */
static void flags_and_ffff_break(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    const char *title = "Launch in the UK \xF0\x9F\x87\xAC\xF0\x9F\x87\xA7";
    wm_line *lines;
    size_t n = wm_break_lines(f, NULL, 0, title, strlen(title), 10, 1000, &lines);
    assert_int_equal(n, 1);
    assert_int_equal(lines[0].len, strlen(title));
    free(lines);
    /* Three flags, one per line when only one fits. */
    const char *flags = "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7"  /* GB */
                        "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"  /* FR */
                        "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1"; /* NL */
    double one_flag = wm_text_width(f, NULL, 0, flags, 8, 10);
    n = wm_break_lines(f, NULL, 0, flags, 24, 10, one_flag + 0.01, &lines);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(lines[i].start, 8 * i);
        assert_int_equal(lines[i].len, 8);
    }
    free(lines);
    /* U+FFFF between letters: the text does not stop there. */
    const char *ffff = "ab\xEF\xBF\xBF"
                       "cd ef";
    n = wm_break_lines(f, NULL, 0, ffff, strlen(ffff), 10, 1000, &lines);
    assert_int_equal(n, 1);
    assert_int_equal(lines[0].len, strlen(ffff));
    free(lines);
    wm_face_free(f);
}

/* Every Unicode scalar value (U+0000..U+10FFFF but the surrogates) goes
 * through the line breaker and the width measure without an abort, in
 * every context that mattered to libunibreak: alone, between letters, three
 * in a row (a pair and a half, for regional indicators), and 512 at a time
 * after spaces, narrow enough to be cut; nothing is lost. */
static size_t put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void break_and_check(wm_face *f, wm_face *fb, const char *s, size_t len, double max)
{
    wm_line *lines;
    size_t n = wm_break_lines(f, &fb, 1, s, len, 10, max, &lines);
    assert_true(n >= 1);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(lines[i].start >= at);
        at = lines[i].start + lines[i].len;
    }
    assert_true(at <= len);
    free(lines);
    assert_true(wm_text_width(f, &fb, 1, s, len, 10) >= 0);
}

static void every_scalar_value_breaks(void **state)
{
    (void)state;
    wm_face *f = open_face(FONTS "NotoSans-Regular.ttf");
    wm_face *fb = open_face(FONTS "DejaVuSans.ttf");
    enum { CHUNK = 512 };
    static char chunk[CHUNK * 6];
    size_t clen = 0, in_chunk = 0, swept = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char s[16];
        size_t n = put_cp(s, cp);
        break_and_check(f, fb, s, n, 1000); /* alone */
        char ctx[16] = "a";
        size_t m = 1 + put_cp(ctx + 1, cp);
        ctx[m++] = 'b';
        break_and_check(f, fb, ctx, m, 1000); /* between letters */
        char three[16];
        memcpy(three, s, n);
        memcpy(three + n, s, n);
        memcpy(three + 2 * n, s, n);
        break_and_check(f, fb, three, 3 * n, 1); /* three in a row, cut */
        chunk[clen++] = ' ';
        clen += put_cp(chunk + clen, cp);
        swept++;
        if (++in_chunk == CHUNK || cp == 0x10FFFF) {
            break_and_check(f, fb, chunk, clen, 40);
            clen = in_chunk = 0;
        }
    }
    assert_int_equal(swept, 0x110000 - 0x800);
    wm_face_free(f);
    wm_face_free(fb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths_match_libharu),
        cmocka_unit_test(width_and_fallback),
        cmocka_unit_test(glyph_chain),
        cmocka_unit_test(long_paragraph_fits),
        cmocka_unit_test(unbroken_word_is_cut),
        cmocka_unit_test(forced_and_empty),
        cmocka_unit_test(styled_spans),
        cmocka_unit_test(not_a_font),
        cmocka_unit_test(simple_breaks_match_libunibreak),
        cmocka_unit_test(flags_and_ffff_break),
        cmocka_unit_test(every_scalar_value_breaks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
