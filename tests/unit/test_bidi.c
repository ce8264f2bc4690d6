/*
 * test_bidi.c - right-to-left text (layout/bidi.h): Arabic letters take
 * their joined forms and lam-alef its ligature, lines come out in the order
 * they are drawn with brackets mirrored, the joined forms map back to their
 * letters, and any bytes at all go through both without harm.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "layout/bidi.h"

/* The code points of a UTF-8 string, into cps (at most max); how many. */
static size_t cps_of(const char *s, size_t len, uint32_t *cps, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        size_t k = wm_utf8_decode(s + i, len - i, &cps[n]);
        assert_true(k > 0);
        i += k;
        n++;
    }
    return n;
}

static void present_only_for_right_to_left(void **state)
{
    (void)state;
    static const char *const YES[] = {"\xD7\xA9",          /* Hebrew shin */
                                      "ab \xD8\xB4",       /* Arabic sheen */
                                      "\xEF\xBB\xB7",      /* U+FEF7 */
                                      "\xF0\x90\xA4\x80"}; /* U+10900 Phoenician */
    static const char *const NO[] = {"Roadmap 2027", "Zo\xC3\xAB \xE2\x82\xAC", /* Latin, euro */
                                     "\xE5\x8D\x8E\xE4\xB8\x9C",                /* Chinese */
                                     "\xF0\x9F\x98\x80", ""};                   /* emoji */
    for (size_t i = 0; i < sizeof YES / sizeof *YES; i++)
        assert_true(wm_bidi_present(YES[i], strlen(YES[i])));
    for (size_t i = 0; i < sizeof NO / sizeof *NO; i++)
        assert_false(wm_bidi_present(NO[i], strlen(NO[i])));
}

/* "شركة" (sheen, reh, kaf, teh marbuta): initial sheen U+FEB7, final reh
 * U+FEAE (reh joins only to its right, so kaf starts again), initial kaf
 * U+FEDB, final teh marbuta U+FE94.  "لا" is one ligature, U+FEFB. */
static void arabic_letters_join(void **state)
{
    (void)state;
    const char *word = "\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9";
    size_t n, at[9];
    char *shaped = wm_bidi_shape(word, strlen(word), &n, at);
    uint32_t cps[8];
    assert_int_equal(cps_of(shaped, n, cps, 8), 4);
    assert_int_equal(cps[0], 0xFEB7);
    assert_int_equal(cps[1], 0xFEAE);
    assert_int_equal(cps[2], 0xFEDB);
    assert_int_equal(cps[3], 0xFE94);
    /* Each letter's 2 bytes became 3. */
    assert_int_equal(at[0], 0);
    assert_int_equal(at[2], 3);
    assert_int_equal(at[6], 9);
    assert_int_equal(at[8], 12);
    free(shaped);

    const char *la = "\xD9\x84\xD8\xA7 x"; /* lam alef, space, x */
    shaped = wm_bidi_shape(la, strlen(la), &n, at);
    assert_int_equal(cps_of(shaped, n, cps, 8), 3);
    assert_int_equal(cps[0], 0xFEFB);
    assert_int_equal(cps[1], ' ');
    assert_int_equal(at[0], 0); /* lam and alef both start the ligature */
    assert_int_equal(at[2], 0);
    assert_int_equal(at[4], 3);
    free(shaped);

    /* Latin text is left as it is, byte for byte. */
    shaped = wm_bidi_shape("Plan (v2)", 9, &n, NULL);
    assert_int_equal(n, 9);
    assert_memory_equal(shaped, "Plan (v2)", 9);
    free(shaped);
}

/* Logical "ab (שלום) 12" in a left-to-right line: the Hebrew run is drawn
 * reversed with its brackets mirrored; Latin and digits stay in place. */
static void lines_in_visual_order(void **state)
{
    (void)state;
    const char *s = "ab \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D cd";
    size_t len = strlen(s), *from;
    char *v = wm_bidi_visual(s, len, &from);
    assert_string_equal(v, "ab \xD7\x9D\xD7\x95\xD7\x9C\xD7\xA9 cd");
    assert_int_equal(from[3], 9); /* the first drawn Hebrew letter is the last one */
    assert_int_equal(from[4], 9);
    assert_int_equal(from[9], 3);
    assert_int_equal(from[0], 0);
    free(v);
    free(from);

    /* Inside right-to-left text a bracket is drawn mirrored: "(" shows ")". */
    const char *b = "\xD7\xA9 (\xD7\x9C) \xD7\x95";
    v = wm_bidi_visual(b, strlen(b), NULL);
    assert_string_equal(v, "\xD7\x95 (\xD7\x9C) \xD7\xA9");
    free(v);

    /* Digits inside Arabic keep their own order: "ع 2027" draws 2027 left
     * of the letter, digits left to right. */
    const char *d = "\xD8\xB9 2027";
    v = wm_bidi_visual(d, strlen(d), NULL);
    assert_string_equal(v, "2027 \xD8\xB9");
    free(v);
}

/* Every joined form the shaper writes maps back to the letters it came
 * from: shaped text copied from the PDF reads as written. */
static void forms_map_back_to_letters(void **state)
{
    (void)state;
    size_t forms = 0;
    for (uint32_t c = 0x0621; c <= 0x06FF; c++) {
        if (c == 0x0640)
            continue;
        char in[16];
        wm_buf b = {0};
        wm_buf_put_utf8(&b, 0x0640);
        wm_buf_put_utf8(&b, c);
        wm_buf_put_utf8(&b, 0x0640);
        memcpy(in, b.data, b.len);
        size_t n, len = b.len;
        wm_buf_free(&b);
        char *shaped = wm_bidi_shape(in, len, &n, NULL);
        uint32_t cps[3], letters[2];
        assert_int_equal(cps_of(shaped, n, cps, 3), 3);
        if (cps[1] != c) {
            forms++;
            assert_int_equal(wm_bidi_letters(cps[1], letters), 1);
            assert_int_equal(letters[0], c);
        }
        free(shaped);
    }
    assert_true(forms > 30);
    uint32_t letters[2];
    assert_int_equal(wm_bidi_letters(0xFEFB, letters), 2); /* lam-alef */
    assert_int_equal(letters[0], 0x0644);
    assert_int_equal(letters[1], 0x0627);
    assert_int_equal(wm_bidi_letters('A', letters), 0);
    assert_int_equal(wm_bidi_letters(0x0634, letters), 0);
}

/* Any bytes: invalid UTF-8, lone continuation bytes, NULs, controls, mixed
 * with right-to-left letters, go through shaping and reordering without
 * harm; the visual line has the same bytes, only moved. */
static void any_bytes(void **state)
{
    (void)state;
    unsigned seed = 12345;
    char buf[64];
    static const char *const PIECES[] = {
        "\xD8\xB4", "\xD9\x84\xD8\xA7", "\xD7\xA9",         "(", ")",   " ", "12", "\xFF",
        "\x80",     "\xE2\x80",         "\xF0\x9F\x98\x80", "a", "\xD8"};
    for (int round = 0; round < 2000; round++) {
        size_t len = 0;
        while (len < 48) {
            seed = seed * 1103515245u + 12345u;
            const char *p = PIECES[(seed >> 16) % (sizeof PIECES / sizeof *PIECES)];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        size_t n, *at = malloc((len + 1) * sizeof *at), *from;
        char *shaped = wm_bidi_shape(buf, len, &n, at);
        assert_true(at[len] == n);
        char *v = wm_bidi_visual(shaped, n, &from);
        /* The same multiset of bytes, mirrored brackets aside. */
        unsigned count_a[256] = {0}, count_b[256] = {0};
        for (size_t i = 0; i < n; i++) {
            unsigned char x = (unsigned char)shaped[i], y = (unsigned char)v[i];
            count_a[x == ')' ? '(' : x]++;
            count_b[y == ')' ? '(' : y]++;
            assert_true(from[i] < n);
        }
        assert_memory_equal(count_a, count_b, sizeof count_a);
        free(v);
        free(from);
        free(shaped);
        free(at);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(present_only_for_right_to_left),
        cmocka_unit_test(arabic_letters_join),
        cmocka_unit_test(lines_in_visual_order),
        cmocka_unit_test(forms_map_back_to_letters),
        cmocka_unit_test(any_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
