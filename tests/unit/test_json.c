/*
 * test_json.c - reading JSON back (core/base/json.c, wm_json_parse): every
 * kind of value, nesting and its cap, string escapes including surrogate
 * pairs, integers kept apart from doubles, UTF-8 checking, and each error
 * with its message and byte offset.
 *
 * Every text is parsed from a malloc'd copy of exactly its length, with no
 * terminating NUL, so a read past the end is a sanitizer error.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/util.h"
#include "base/value.h"

static wm_arena arena;

static int setup(void **state)
{
    (void)state;
    wm_arena_init(&arena);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wm_arena_free(&arena);
    return 0;
}

/* Parse s[0..len) from an exact-size copy; *err (may be NULL) as the parser
 * left it (the caller frees it). */
static wm_value *parse_n(const char *s, size_t len, char **err)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, s, len);
    if (err)
        *err = (char *)"untouched";
    wm_value *v = wm_json_parse(&arena, copy, len, err);
    free(copy);
    return v;
}

static wm_value *parse(const char *s)
{
    char *err;
    wm_value *v = parse_n(s, strlen(s), &err);
    if (!v)
        fail_msg("'%s' did not parse: %s", s, err ? err : "(no message)");
    assert_null(err);
    return v;
}

/* s must fail with exactly `message`. */
static void parse_fails_n(const char *s, size_t len, const char *message)
{
    char *err;
    wm_value *v = parse_n(s, len, &err);
    if (v)
        fail_msg("'%.*s' parsed, expected: %s", (int)len, s, message);
    assert_non_null(err);
    if (strcmp(err, message) != 0)
        fail_msg("'%.*s': got \"%s\", expected \"%s\"", (int)len, s, err, message);
    free(err);
    /* Without err the failure is the same, and nothing leaks. */
    assert_null(parse_n(s, len, NULL));
}

static void parse_fails(const char *s, const char *message)
{
    parse_fails_n(s, strlen(s), message);
}

static void assert_str(const wm_value *v, const char *bytes, size_t len)
{
    assert_non_null(v);
    assert_int_equal(v->kind, WM_VSTR);
    assert_int_equal(v->u.str.len, len);
    assert_memory_equal(v->u.str.s, bytes, len);
}

static const char *dump(const wm_value *v)
{
    static char out[4096];
    wm_buf b;
    wm_buf_init(&b);
    wm_v_json(v, &b, 0);
    snprintf(out, sizeof out, "%.*s", (int)b.len, b.data ? b.data : "");
    wm_buf_free(&b);
    return out;
}

/* ---- values ---- */

static void literals(void **state)
{
    (void)state;
    wm_value *v = parse("null");
    assert_int_equal(v->kind, WM_VNULL);
    v = parse("true");
    assert_int_equal(v->kind, WM_VBOOL);
    assert_true(v->u.b);
    v = parse("false");
    assert_int_equal(v->kind, WM_VBOOL);
    assert_false(v->u.b);
    v = parse(" \t\r\n null \n\t\r ");
    assert_int_equal(v->kind, WM_VNULL);
    assert_str(parse("\"\""), "", 0);
    assert_str(parse("\"plain text\""), "plain text", 10);
}

static void integers_and_doubles(void **state)
{
    (void)state;
    struct {
        const char *text;
        int64_t i;
    } ints[] = {
        {"0", 0},
        {"-0", 0},
        {"7", 7},
        {"-42", -42},
        {"1795000000", 1795000000},
        {"9007199254740993", INT64_C(9007199254740993)}, /* not exact as a double */
        {"9223372036854775807", INT64_MAX},
        {"-9223372036854775808", INT64_MIN},
    };
    for (size_t k = 0; k < sizeof ints / sizeof *ints; k++) {
        wm_value *v = parse(ints[k].text);
        if (v->kind != WM_VINT)
            fail_msg("%s: kind %d, expected an integer", ints[k].text, (int)v->kind);
        assert_true(v->u.i == ints[k].i);
    }
    struct {
        const char *text;
        double d;
    } dbl[] = {
        {"1.5", 1.5},
        {"-0.25", -0.25},
        {"1e3", 1000.0},
        {"1E3", 1000.0},
        {"2e+2", 200.0},
        {"25e-2", 0.25},
        {"10.0", 10.0}, /* a fraction makes a double, even a whole one */
        {"0.1", 0.1},
        {"1e-400", 0.0},                                  /* underflow is fine */
        {"9223372036854775808", 9223372036854775808.0},   /* past int64 */
        {"-9223372036854775809", -9223372036854775809.0}, /* past int64 */
        {"123456789012345678901234567890", 123456789012345678901234567890.0},
    };
    for (size_t k = 0; k < sizeof dbl / sizeof *dbl; k++) {
        wm_value *v = parse(dbl[k].text);
        if (v->kind != WM_VNUM)
            fail_msg("%s: kind %d, expected a double", dbl[k].text, (int)v->kind);
        if (v->u.n != dbl[k].d)
            fail_msg("%s: %.17g, expected %.17g", dbl[k].text, v->u.n, dbl[k].d);
    }
    /* -0.0 reads as 0 (wm_vnum keeps no negative zero). */
    wm_value *neg_zero = parse("-0.0");
    assert_int_equal(neg_zero->kind, WM_VNUM);
    assert_true(neg_zero->u.n == 0 && !signbit(neg_zero->u.n));
    /* wm_vobj_num reads both kinds. */
    wm_value *o = parse("{\"i\": 3, \"d\": 2.5, \"s\": \"4\"}");
    double x = 0;
    assert_true(wm_vobj_num(o, "i", &x));
    assert_true(x == 3.0);
    assert_true(wm_vobj_num(o, "d", &x));
    assert_true(x == 2.5);
    assert_false(wm_vobj_num(o, "s", &x));
}

static void nesting(void **state)
{
    (void)state;
    wm_value *v = parse("{\"b\": [1, {\"c\": null, \"d\": []}, \"x\"], \"a\": {}, \"e\": true}");
    assert_int_equal(v->kind, WM_VOBJ);
    assert_int_equal(v->u.obj.n, 3);
    /* keys keep their order */
    assert_string_equal(v->u.obj.pairs[0].key, "b");
    assert_string_equal(v->u.obj.pairs[1].key, "a");
    assert_string_equal(v->u.obj.pairs[2].key, "e");
    wm_value *b = wm_vobj_get(v, "b");
    assert_int_equal(b->kind, WM_VARR);
    assert_int_equal(b->u.arr.n, 3);
    assert_int_equal(b->u.arr.items[0]->kind, WM_VINT);
    wm_value *inner = b->u.arr.items[1];
    assert_int_equal(inner->kind, WM_VOBJ);
    assert_int_equal(wm_vobj_get(inner, "c")->kind, WM_VNULL);
    assert_int_equal(wm_vobj_get(inner, "d")->kind, WM_VARR);
    assert_int_equal(wm_vobj_get(inner, "d")->u.arr.n, 0);
    assert_str(b->u.arr.items[2], "x", 1);
    assert_int_equal(wm_vobj_get(v, "a")->u.obj.n, 0);
    assert_null(wm_vobj_get(v, "zz"));
    /* Whitespace everywhere it may go. */
    v = parse(" [ 1 , [ ] , { } , { \"k\" : [ 2 ] } ] ");
    assert_int_equal(v->u.arr.n, 4);
    /* What value.c writes reads back to the same text. */
    const char *canon = "{\"s\":\"a\\\"b\\\\c\\n\",\"i\":-12,\"d\":0.1,\"t\":true,\"n\":null,"
                        "\"a\":[1,[2,[3]],{}],\"o\":{\"k\":\"v\"}}";
    assert_string_equal(dump(parse(canon)), canon);
    /* A repeated key: the last one wins, in the first one's place. */
    v = parse("{\"k\": 1, \"j\": 2, \"k\": 3}");
    assert_int_equal(v->u.obj.n, 2);
    assert_string_equal(v->u.obj.pairs[0].key, "k");
    assert_true(wm_vobj_get(v, "k")->u.i == 3);
    /* An empty key is a key. */
    v = parse("{\"\": 5}");
    assert_int_equal(v->u.obj.n, 1);
    assert_string_equal(v->u.obj.pairs[0].key, "");
}

static void depth_limit(void **state)
{
    (void)state;
    char buf[512];
    /* 64 levels: fine. */
    memset(buf, '[', 64);
    memset(buf + 64, ']', 64);
    wm_value *v = parse_n(buf, 128, NULL);
    assert_non_null(v);
    for (int i = 0; i < 63; i++) {
        assert_int_equal(v->kind, WM_VARR);
        assert_int_equal(v->u.arr.n, 1);
        v = v->u.arr.items[0];
    }
    assert_int_equal(v->kind, WM_VARR);
    assert_int_equal(v->u.arr.n, 0);
    /* 65: refused at the 65th bracket (byte 64). */
    memset(buf, '[', 65);
    memset(buf + 65, ']', 65);
    parse_fails_n(buf, 130, "nested too deeply at byte 64");
    /* Objects count too. */
    size_t n = 0;
    for (int i = 0; i < 65; i++) {
        memcpy(buf + n, "{\"a\":", 5);
        n += 5;
    }
    buf[n++] = '1';
    memset(buf + n, '}', 65);
    n += 65;
    parse_fails_n(buf, n, "nested too deeply at byte 320");
    /* A very deep text fails without recursing deeply. */
    size_t big = 100000;
    char *deep = malloc(big);
    assert_non_null(deep);
    memset(deep, '[', big);
    parse_fails_n(deep, big, "nested too deeply at byte 64");
    free(deep);
}

/* ---- strings ---- */

static void escapes(void **state)
{
    (void)state;
    assert_str(parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""), "\" \\ / \b \f \n \r \t", 15);
    assert_str(parse("\"\\u0041\\u00e9\\u20AC\""), "A\xC3\xA9\xE2\x82\xAC", 6); /* Aé€ */
    assert_str(parse("\"\\u007f\\u0080\\u07FF\\u0800\\uFFFF\""),
               "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF", 11);
    /* Surrogate pairs: U+1F680 (rocket), U+10000, U+10FFFF. */
    assert_str(parse("\"\\ud83d\\ude80\""), "\xF0\x9F\x9A\x80", 4);
    assert_str(parse("\"\\uD800\\uDC00\""), "\xF0\x90\x80\x80", 4);
    assert_str(parse("\"\\uDBFF\\uDFFF\""), "\xF4\x8F\xBF\xBF", 4);
    /* \u0000 is a character of a value (strings carry their length)... */
    assert_str(parse("\"a\\u0000b\""), "a\0b", 3);
    /* ...but not of a key. */
    parse_fails("{\"a\\u0000\": 1}", "NUL in a key at byte 10");
    /* Escapes in keys. */
    wm_value *v = parse("{\"\\u00e9t\\u00e9\": 1, \"a\\nb\": 2}");
    assert_non_null(wm_vobj_get(v, "\xC3\xA9t\xC3\xA9"));
    assert_non_null(wm_vobj_get(v, "a\nb"));
}

static void escape_errors(void **state)
{
    (void)state;
    parse_fails("\"\\ud83d\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\ud83d\\u0041\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\ud83dx\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\ud83d\\ud83d\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\ude80\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\ude80\\ud83d\"", "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\u12G4\"", "bad \\u escape at byte 3");
    parse_fails("\"\\u12\"", "bad \\u escape at byte 3");
    parse_fails_n("\"\\u12", 5, "bad \\u escape at byte 3");
    parse_fails_n("\"\\ud83d\\ude8", 12, "unpaired surrogate in a \\u escape at byte 7");
    parse_fails("\"\\x41\"", "bad escape in a string at byte 3");
    parse_fails("\"\\U0041\"", "bad escape in a string at byte 3");
    parse_fails("\"\\'\"", "bad escape in a string at byte 3");
    parse_fails_n("\"abc\\", 5, "unterminated string at byte 4");
}

static void utf8(void **state)
{
    (void)state;
    /* Valid UTF-8 passes through as it is. */
    assert_str(parse("\"Zo\xC3\xAB \xC5\x81\xC3\xB3"
                     "d\xC5\xBA \xF0\x9F\x9A\x80\""),
               "Zo\xC3\xAB \xC5\x81\xC3\xB3"
               "d\xC5\xBA \xF0\x9F\x9A\x80",
               17);
    assert_str(parse("\"\x7F\""), "\x7F", 1); /* DEL is not a control character in JSON */
    static const struct {
        const char *text;
        const char *why;
    } bad[] = {
        {"\"a\xFF\"", "a byte never in UTF-8"},
        {"\"a\x80\"", "a continuation byte first"},
        {"\"a\xC3\"", "a sequence cut short by the quote"},
        {"\"a\xC3(\"", "a bad continuation byte"},
        {"\"a\xC0\xAF\"", "an overlong '/'"},
        {"\"a\xE0\x80\xAF\"", "an overlong 3-byte form"},
        {"\"a\xF0\x80\x80\xAF\"", "an overlong 4-byte form"},
        {"\"a\xED\xA0\x80\"", "an encoded surrogate (CESU-8)"},
        {"\"a\xF4\x90\x80\x80\"", "past U+10FFFF"},
        {"\"a\xF8\x88\x80\x80\x80\"", "a 5-byte form"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char *err;
        wm_value *v = parse_n(bad[k].text, strlen(bad[k].text), &err);
        if (v || !err || strcmp(err, "invalid UTF-8 in a string at byte 2") != 0)
            fail_msg("%s: got %s", bad[k].why, v ? "a value" : err ? err : "no message");
        free(err);
    }
    /* Cut off inside a sequence at the very end of the input. */
    parse_fails_n("\"a\xE2\x82", 4, "invalid UTF-8 in a string at byte 2");
    /* Bad UTF-8 in a key is refused the same way. */
    parse_fails("{\"k\xFF\": 1}", "invalid UTF-8 in a string at byte 3");
    /* Raw control characters are not allowed in strings. */
    parse_fails("\"a\tb\"", "control character in a string at byte 2");
    parse_fails("\"a\nb\"", "control character in a string at byte 2");
    parse_fails_n("\"a\0b\"", 5, "control character in a string at byte 2");
    parse_fails("\"\x1F\"", "control character in a string at byte 1");
}

/* ---- other errors ---- */

static void errors(void **state)
{
    (void)state;
    parse_fails("", "unexpected end of input at byte 0");
    parse_fails("   \n ", "unexpected end of input at byte 5");
    parse_fails("1 2", "text after the value at byte 2");
    parse_fails("{} x", "text after the value at byte 3");
    parse_fails("[1]]", "text after the value at byte 3");
    parse_fails("\"a\"\"b\"", "text after the value at byte 3");
    parse_fails("null,", "text after the value at byte 4");
    /* A NUL after the value (a C string's terminator counted in). */
    parse_fails_n("{}\0", 3, "text after the value at byte 2");

    parse_fails("01", "leading zero in a number at byte 0");
    parse_fails("-01", "leading zero in a number at byte 1");
    parse_fails("[00]", "leading zero in a number at byte 1");
    parse_fails("-", "expected a value at byte 1");
    parse_fails("- 1", "expected a value at byte 1");
    parse_fails("+1", "expected a value at byte 0");
    parse_fails(".5", "expected a value at byte 0");
    parse_fails("1.", "digits expected after '.' at byte 2");
    parse_fails("1.e3", "digits expected after '.' at byte 2");
    parse_fails("1e", "digits expected in an exponent at byte 2");
    parse_fails("1e+", "digits expected in an exponent at byte 3");
    parse_fails("1e400", "number out of range at byte 5");
    parse_fails("-1e400", "number out of range at byte 6");
    parse_fails("NaN", "expected a value at byte 0");
    parse_fails("Infinity", "expected a value at byte 0");
    parse_fails("0x10", "text after the value at byte 1");
    /* 63 characters is the longest number read. */
    char num[80];
    memset(num, '1', 63);
    assert_non_null(parse_n(num, 63, NULL));
    memset(num, '1', 64);
    parse_fails_n(num, 64, "number too long at byte 64");

    parse_fails("tru", "unexpected character at byte 0");
    parse_fails("nul", "unexpected character at byte 0");
    parse_fails("[trueish]", "expected ',' or ']' at byte 5");
    parse_fails("[truth]", "unexpected character at byte 1");
    parse_fails("falsey", "text after the value at byte 5");
    parse_fails("falsy", "unexpected character at byte 0");
    parse_fails("True", "expected a value at byte 0");
    parse_fails("undefined", "expected a value at byte 0");

    parse_fails("\"abc", "unterminated string at byte 4");
    parse_fails("[\"abc]", "unterminated string at byte 6");
    parse_fails("[", "unexpected end of input at byte 1");
    parse_fails("[1", "expected ',' or ']' at byte 2");
    parse_fails("[1,", "unexpected end of input at byte 3");
    parse_fails("[1,]", "expected a value at byte 3");
    parse_fails("[1 2]", "expected ',' or ']' at byte 3");
    parse_fails("[,1]", "expected a value at byte 1");
    parse_fails("{", "expected a key in quotes at byte 1");
    parse_fails("{\"a\"", "expected ':' at byte 4");
    parse_fails("{\"a\" 1}", "expected ':' at byte 5");
    parse_fails("{\"a\":}", "expected a value at byte 5");
    parse_fails("{\"a\":1", "expected ',' or '}' at byte 6");
    parse_fails("{\"a\":1,}", "expected a key in quotes at byte 7");
    parse_fails("{\"a\":1 \"b\":2}", "expected ',' or '}' at byte 7");
    parse_fails("{1:2}", "expected a key in quotes at byte 1");
    parse_fails("{'a':1}", "expected a key in quotes at byte 1");
    parse_fails("{\"a\":1]", "expected ',' or '}' at byte 6");
    parse_fails("[1}", "expected ',' or ']' at byte 2");
    parse_fails("/* c */ 1", "expected a value at byte 0");
    /* The first error wins: a bad value deep inside reports its own place. */
    parse_fails("{\"a\": [1, {\"b\": [tru]}]}", "unexpected character at byte 17");
}

/* The input's length is the end, whatever follows in memory. */
static void length_bounded(void **state)
{
    (void)state;
    char *err;
    wm_value *v = parse_n("[1]xyz", 3, &err);
    assert_non_null(v);
    assert_null(err);
    v = parse_n("12345", 2, NULL);
    assert_non_null(v);
    assert_true(v->kind == WM_VINT && v->u.i == 12);
    v = parse_n("truex", 4, NULL);
    assert_non_null(v);
    assert_true(v->kind == WM_VBOOL && v->u.b);
    parse_fails_n("true", 3, "unexpected character at byte 0");
    parse_fails_n("\"abc\"", 4, "unterminated string at byte 4");
    parse_fails_n("1.5", 2, "digits expected after '.' at byte 2");
}

/* A manifest record as `waymark batch` writes it reads back whole. */
static void manifest_record(void **state)
{
    (void)state;
    const char *line =
        "{\"input\":\"clients/Zo\xC3\xAB \\\"&\\\" Co.yaml\",\"name\":\"Zo\xC3\xAB \\\"&\\\" Co\","
        "\"output\":\"out/x.pdf\",\"status\":\"done\",\"error\":null,"
        "\"sha256\":\"0703fcfc10e2d52db0a6f880835af53ff03a73fe531500af6e6f779da64f0533\","
        "\"ms\":251,\"exit\":0,\"key\":\"9f22\",\"deps\":{\"/a/b.yaml\":\"00\",\"/c.lua\":\"11\"},"
        "\"summary\":{\"client\":\"X\",\"cost\":1268762.4166666667,\"p_within_budget\":1,"
        "\"within_budget\":false,\"top_risk\":{\"id\":\"R4\",\"score\":16}}}";
    wm_value *r = parse(line);
    assert_string_equal(wm_vobj_str(r, "name"), "Zo\xC3\xAB \"&\" Co");
    assert_int_equal(wm_vobj_get(r, "error")->kind, WM_VNULL);
    assert_null(wm_vobj_str(r, "error"));
    assert_int_equal(wm_vobj_get(r, "ms")->kind, WM_VINT);
    wm_value *deps = wm_vobj_get(r, "deps");
    assert_int_equal(deps->u.obj.n, 2);
    assert_string_equal(deps->u.obj.pairs[0].key, "/a/b.yaml");
    wm_value *s = wm_vobj_get(r, "summary");
    assert_int_equal(wm_vobj_get(s, "cost")->kind, WM_VNUM);
    assert_true(wm_vobj_get(s, "cost")->u.n == 1268762.4166666667);
    assert_int_equal(wm_vobj_get(s, "p_within_budget")->kind, WM_VINT);
    assert_string_equal(dump(r), line);
}

/* An object of many keys (a manifest line of 200,000 deps) keeps them in
 * the order written, a repeated key keeps its first place and takes the last
 * value (as before the index), and every key is found again, also after a
 * copy.  Without the object index this took minutes; bench/bench_json.c
 * measures it. */
static void many_keys(void **state)
{
    (void)state;
    enum { N = 200000 };
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_putc(&b, '{');
    for (int i = 0; i < N; i++)
        wm_buf_printf(&b, "%s\"/k/%d\":%d", i ? "," : "", i, i);
    /* Every tenth key again, with a new value. */
    for (int i = 0; i < N; i += 10)
        wm_buf_printf(&b, ",\"/k/%d\":%d", i, -i);
    wm_buf_putc(&b, '}');
    wm_value *v = parse_n(b.data, b.len, NULL);
    wm_buf_free(&b);
    assert_non_null(v);
    assert_int_equal(v->u.obj.n, N);
    wm_value *c = wm_v_copy(&arena, v);
    char key[32];
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof key, "/k/%d", i);
        assert_string_equal(v->u.obj.pairs[i].key, key);
        int64_t want = i % 10 ? i : -i;
        assert_true(v->u.obj.pairs[i].val->u.i == want);
        assert_true(wm_vobj_get(v, key)->u.i == want);
        assert_true(wm_vobj_get(c, key)->u.i == want);
        assert_string_equal(c->u.obj.pairs[i].key, key);
    }
    assert_null(wm_vobj_get(v, "/k/200000"));
    assert_null(wm_vobj_get(v, ""));
    /* Setting every key again changes values only. */
    for (int i = 0; i < N; i++) {
        snprintf(key, sizeof key, "/k/%d", i);
        wm_vobj_set(&arena, c, key, wm_vint(&arena, 7));
    }
    assert_int_equal(c->u.obj.n, N);
    assert_true(wm_vobj_get(c, "/k/12345")->u.i == 7);
}

/* Objects around the size where the index starts behave alike. */
static void index_threshold(void **state)
{
    (void)state;
    for (int n = 0; n < 70; n++) {
        wm_value *o = wm_vobj(&arena);
        char key[16];
        for (int i = 0; i < n; i++) {
            snprintf(key, sizeof key, "k%d", i);
            wm_vobj_set(&arena, o, key, wm_vint(&arena, i));
            wm_vobj_set(&arena, o, "k0", wm_vint(&arena, 1000 + i));
        }
        assert_int_equal(o->u.obj.n, n);
        for (int i = 0; i < n; i++) {
            snprintf(key, sizeof key, "k%d", i);
            assert_string_equal(o->u.obj.pairs[i].key, key);
            assert_true(wm_vobj_get(o, key)->u.i == (i ? i : 1000 + n - 1));
        }
        assert_null(wm_vobj_get(o, "k70"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(literals, setup, teardown),
        cmocka_unit_test_setup_teardown(integers_and_doubles, setup, teardown),
        cmocka_unit_test_setup_teardown(nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(depth_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(escape_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(errors, setup, teardown),
        cmocka_unit_test_setup_teardown(length_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(manifest_record, setup, teardown),
        cmocka_unit_test_setup_teardown(many_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(index_threshold, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
