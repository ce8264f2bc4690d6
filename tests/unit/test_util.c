/*
 * test_util.c - base helpers: UTF-8, quoting, suggestions, SHA-256, arena,
 * diagnostics ordering and printing.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/sha256.h"
#include "base/strhash.h"
#include "base/util.h"

static void utf8_prefix(void **state)
{
    (void)state;
    assert_int_equal(wm_utf8_valid_prefix("Zo\xC3\xAB", 4), 4); /* Zoë */
    assert_int_equal(wm_utf8_valid_prefix("ab\xFF"
                                          "cd",
                                          5),
                     2);                                          /* bad lead byte */
    assert_int_equal(wm_utf8_valid_prefix("a\xC3", 2), 1);        /* truncated */
    assert_int_equal(wm_utf8_valid_prefix("\xC0\xAF", 2), 0);     /* overlong '/' */
    assert_int_equal(wm_utf8_valid_prefix("\xED\xA0\x80", 3), 0); /* surrogate */
    assert_int_equal(wm_utf8_valid_prefix("\xE2\x82\xAC", 3), 3); /* € */
    assert_int_equal(wm_utf8_count("\xC5\x81\xC3\xB3"
                                   "d\xC5\xBA",
                                   7),
                     4); /* Łódź */
}

static void quoting(void **state)
{
    (void)state;
    char *q = wm_quote("a\tb\n\x01", 5, 10);
    assert_string_equal(q, "a\\tb\\n\\x01");
    free(q);
    q = wm_quote("abcdefghij", 10, 4);
    assert_string_equal(q, "abcd...");
    free(q);
    q = wm_quote("\xFF", 1, 4);
    assert_string_equal(q, "\\xFF");
    free(q);
}

/* What may reach a terminal (wm_buf_put_shown, and wm_quote and
 * wm_sanitize built on it): ESC, BEL, DEL, the C1 controls and bytes that
 * are not UTF-8 escaped, everything else kept; after a bad byte the text
 * reads on normally. */
static void shown_for_a_terminal(void **state)
{
    (void)state;
    static const struct {
        const char *in, *keep, *flat;
    } cases[] = {
        {"a\033]0;PWNED\007.yaml", "a\\x1B]0;PWNED\\x07.yaml", "a\\x1B]0;PWNED\\x07.yaml"},
        {"\302\233"
         "2J \302\205 \302\240 \303\251",
         "\\xC2\\x9B"
         "2J \\xC2\\x85 \302\240 \303\251",
         "\\xC2\\x9B"
         "2J \\xC2\\x85 \302\240 \303\251"},
        {"\377ab\300\257c\177", "\\xFFab\\xC0\\xAFc\\x7F", "\\xFFab\\xC0\\xAFc\\x7F"},
        {"line\n\tnext\r", "line\n\tnext\\x0D", "line\\n\\tnext\\x0D"},
        {"\342\200\256 \360\237\207\254\360\237\207\247",
         "\\xE2\\x80\\xAE \360\237\207\254\360\237\207\247",
         "\\xE2\\x80\\xAE \360\237\207\254\360\237\207\247"},
        {"\342\201\247x\342\201\251 \342\200\217 \327\220",
         "\\xE2\\x81\\xA7x\\xE2\\x81\\xA9 \342\200\217 \327\220",
         "\\xE2\\x81\\xA7x\\xE2\\x81\\xA9 \342\200\217 \327\220"},
        {"cut \342\202", "cut \\xE2\\x82", "cut \\xE2\\x82"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int keep = 0; keep < 2; keep++) {
            wm_buf b;
            wm_buf_init(&b);
            wm_buf_put_shown(&b, cases[i].in, strlen(cases[i].in), keep);
            char *got = wm_buf_steal(&b);
            assert_string_equal(got, keep ? cases[i].keep : cases[i].flat);
            free(got);
            got = wm_sanitize(cases[i].in, 1000, keep);
            assert_string_equal(got, keep ? cases[i].keep : cases[i].flat);
            free(got);
        }
        char *q = wm_quote(cases[i].in, strlen(cases[i].in), 1000);
        assert_string_equal(q, cases[i].flat);
        free(q);
    }
    char *q = wm_quote("\377abc", 4, 2); /* two characters: the byte and 'a' */
    assert_string_equal(q, "\\xFFa...");
    free(q);
}

static void suggestions(void **state)
{
    (void)state;
    static const char *const keys[] = {"effort", "title", "objectives", NULL};
    assert_string_equal(wm_suggest_list("effrot", keys), "effort"); /* transposition */
    assert_string_equal(wm_suggest_list("titel", keys), "title");
    assert_null(wm_suggest_list("budget", keys));
    assert_int_equal(wm_edit_distance("I7", "I17"), 1);
    assert_int_equal(wm_edit_distance("kitten", "sitting"), 3);
    /* Code points, not bytes: an accent, a CJK character or an emoji is one edit. */
    assert_int_equal(wm_edit_distance("caf\xC3\xA9", "cafe"), 1);
    assert_int_equal(wm_edit_distance("\xE5\x8C\x97\xE9\xA3\x8E", "\xE5\x8C\x97"), 1);
    assert_int_equal(wm_edit_distance("I\xF0\x9F\x9A\x80", "I1"), 1);
    /* A cut for "%.*s" never ends inside a character. */
    assert_int_equal(wm_utf8_cut("abc", 60), 3);
    assert_int_equal(wm_utf8_cut("ab\xC3\xA9", 3), 2);         /* before é, not inside it */
    assert_int_equal(wm_utf8_cut("ab\xC3\xA9", 4), 4);         /* é fits whole */
    assert_int_equal(wm_utf8_cut("a\xF0\x9F\x9A\x80z", 4), 1); /* an emoji is 4 bytes */
    assert_int_equal(wm_utf8_cut("a\xF0\x9F\x9A\x80z", 5), 5);
    static const char *const ids[] = {"r\xC3\xA9seau", "depot", NULL};
    assert_string_equal(wm_suggest_list("reseau", ids), "r\xC3\xA9seau");
    assert_string_equal(wm_suggest_list("r\xC3\xA9sau", ids), "r\xC3\xA9seau");
    assert_string_equal(wm_suggest_list("t\xC3\xACtle", keys), "title");
}

/* SipHash-2-4 against the reference vectors (key 00..0f, message 00..n-1),
 * every length that ends a block differently; the process's own key gives
 * the same hash for the same string. */
static void siphash_vectors(void **state)
{
    (void)state;
    static const uint64_t want[17] = {0x726fdb47dd0e0e31, 0x74f839c593dc67fd, 0x0d6c8009d9a94f5a,
                                      0x85676696d7fb7e2d, 0xcf2794e0277187b7, 0x18765564cd99a68d,
                                      0xcbc9466e58fee3ce, 0xab0200f58b01d137, 0x93f5f5799a932462,
                                      0x9e0082df0ba9e4b0, 0x7a5dbbc594ddb9f3, 0xf4b32f46226bada7,
                                      0x751e8fbc860ee5fb, 0x14ea5627c0843d90, 0xf723ca908e7af2ee,
                                      0xa129ca6149be45e5, 0x3f2acc7f57c29bdb};
    unsigned char key[16], msg[17];
    for (int i = 0; i < 16; i++)
        key[i] = (unsigned char)i;
    for (int i = 0; i < 17; i++)
        msg[i] = (unsigned char)i;
    for (size_t n = 0; n < 17; n++)
        assert_true(wm_siphash(key, msg, n) == want[n]);
    assert_true(wm_strhash("manifest", 8) == wm_strhash("manifest", 8));
    assert_true(wm_strhash("manifest", 8) != wm_strhash("manifesu", 8));
}

static void sha256_vectors(void **state)
{
    (void)state;
    char hex[65];
    wm_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    wm_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    wm_sha256_hex(m, strlen(m), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    /* One million 'a', fed in uneven pieces. */
    wm_sha256 c;
    unsigned char d[32];
    char *a = malloc(1000000);
    memset(a, 'a', 1000000);
    wm_sha256_init(&c);
    wm_sha256_update(&c, a, 1);
    wm_sha256_update(&c, a, 999);
    wm_sha256_update(&c, a, 999000);
    wm_sha256_final(&c, d);
    wm_sha256_tohex(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

static void arena(void **state)
{
    (void)state;
    wm_arena a;
    wm_arena_init(&a);
    char *small = wm_arena_strdup(&a, "hello");
    void *big = wm_arena_alloc(&a, 200000); /* its own block */
    char *after = wm_arena_strdup(&a, "world");
    assert_string_equal(small, "hello");
    assert_string_equal(after, "world");
    assert_int_equal(((uintptr_t)big) % 16, 0);
    assert_int_equal(((unsigned char *)big)[199999], 0);
    wm_arena_free(&a);
}

static void diags_sorted_and_printed(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    wm_diag_add(&d, WM_ERROR, "a.yaml", (wm_pos){9, 3}, "late", NULL);
    wm_diag_add(&d, WM_WARNING, "a.yaml", (wm_pos){2, 5}, "early", "fix it");
    wm_diag_addf(&d, WM_ERROR, "a.yaml", (wm_pos){2, 5}, NULL, "also %d", 2);
    wm_diags_sort(&d);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    char buf[512] = {0};
    FILE *f = fmemopen(buf, sizeof buf, "w");
    wm_diags_print(&d, f);
    fclose(f);
    assert_string_equal(buf, "a.yaml:2:5: warning: early\n"
                             "  hint: fix it\n"
                             "a.yaml:2:5: error: also 2\n"
                             "a.yaml:9:3: error: late\n");
    wm_diags_free(&d);
}

/* A file name, message or hint holding escape sequences is printed
 * escaped; a message's own line breaks stay. */
static void diags_print_escapes(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    wm_diag_add(&d, WM_ERROR, "a\033]0;PWNED\007.yaml", (wm_pos){1, 2}, "bad \033[2J\nsecond line",
                "see \302\233"
                "1m");
    wm_diag_add(&d, WM_WARNING, "\377.yaml", (wm_pos){0, 0}, "m", NULL);
    char buf[512] = {0};
    FILE *f = fmemopen(buf, sizeof buf, "w");
    wm_diags_print(&d, f);
    fclose(f);
    assert_string_equal(buf, "a\\x1B]0;PWNED\\x07.yaml:1:2: error: bad \\x1B[2J\nsecond line\n"
                             "  hint: see \\xC2\\x9B"
                             "1m\n"
                             "\\xFF.yaml: warning: m\n");
    wm_diags_free(&d);
}

static void diags_limit(void **state)
{
    (void)state;
    wm_diags d;
    wm_diags_init(&d);
    d.limit = 3;
    for (int i = 0; i < 10; i++)
        wm_diag_add(&d, WM_ERROR, "x", (wm_pos){(uint32_t)i + 1, 1}, "e", NULL);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.dropped, 7);
    assert_int_equal(d.errors, 10);
    wm_diags_free(&d);

    /* Warnings first, then an error: the error is kept, in the place of
     * the last warning, and the count of what is not shown stays right. */
    wm_diags_init(&d);
    d.limit = 3;
    for (int i = 0; i < 10; i++)
        wm_diag_add(&d, WM_WARNING, "x", (wm_pos){(uint32_t)i + 1, 1}, "w", NULL);
    wm_diag_add(&d, WM_ERROR, "x", (wm_pos){99, 1}, "the error", "its hint");
    wm_diag_add(&d, WM_ERROR, "x", (wm_pos){100, 1}, "another", NULL);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.dropped, 9);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 10);
    assert_int_equal(d.items[0].severity, WM_WARNING);
    assert_int_equal(d.items[1].severity, WM_ERROR);
    assert_string_equal(d.items[1].message, "another");
    assert_int_equal(d.items[2].severity, WM_ERROR);
    assert_string_equal(d.items[2].message, "the error");
    assert_string_equal(d.items[2].hint, "its hint");
    wm_diags_free(&d);
}

static void fill_replaces_markers(void **state)
{
    (void)state;
    const wm_subst subs[] = {{"@NAME@", "Acme"}, {"@N@", "7"}};
    char *out = wm_fill("client: @NAME@ (@N@) mail@example.com @@", subs, 2);
    assert_string_equal(out, "client: Acme (7) mail@example.com @@");
    free(out);
    out = wm_fill("", subs, 2);
    assert_string_equal(out, "");
    free(out);
}

static void make_dirs_like_mkdir_p(void **state)
{
    (void)state;
    char root[] = "/tmp/waymark-test-dirs-XXXXXX";
    assert_non_null(mkdtemp(root));
    char *deep = wm_xasprintf("%s/a/b/c", root), *where = NULL;
    char **made = NULL;
    size_t n_made = 0;
    assert_int_equal(wm_make_dirs(deep, &made, &n_made, &where), 0);
    assert_null(where);
    assert_int_equal(n_made, 3); /* a, a/b, a/b/c: the root existed */
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(wm_make_dirs(deep, NULL, NULL, &where), 0); /* already there */
    /* A file where a folder should be. */
    char *file = wm_xasprintf("%s/a/file", root), *under = wm_xasprintf("%s/a/file/x", root);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(wm_make_dirs(under, NULL, NULL, &where), ENOTDIR);
    assert_string_equal(where, file);
    free(where);
    unlink(file);
    for (size_t i = n_made; i-- > 0;) {
        assert_int_equal(rmdir(made[i]), 0);
        free(made[i]);
    }
    free(made);
    rmdir(root);
    free(deep);
    free(file);
    free(under);
}

static void utoa_decimal(void **state)
{
    (void)state;
    char buf[20];
    assert_int_equal(wm_utoa(0, buf), 1);
    assert_memory_equal(buf, "0", 1);
    assert_int_equal(wm_utoa(1200, buf), 4);
    assert_memory_equal(buf, "1200", 4);
    assert_int_equal(wm_utoa(18446744073709551615ULL, buf), 20);
    assert_memory_equal(buf, "18446744073709551615", 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_prefix),
        cmocka_unit_test(quoting),
        cmocka_unit_test(suggestions),
        cmocka_unit_test(sha256_vectors),
        cmocka_unit_test(siphash_vectors),
        cmocka_unit_test(arena),
        cmocka_unit_test(diags_sorted_and_printed),
        cmocka_unit_test(diags_print_escapes),
        cmocka_unit_test(shown_for_a_terminal),
        cmocka_unit_test(diags_limit),
        cmocka_unit_test(fill_replaces_markers),
        cmocka_unit_test(make_dirs_like_mkdir_p),
        cmocka_unit_test(utoa_decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
