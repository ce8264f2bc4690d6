/*
 * test_ytree.c - the YAML tree: positions, scalar styles, merge keys,
 * aliases, and the input rules (duplicates, depth, tags, documents).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "load/ytree.h"

typedef struct {
    wm_arena arena;
    wm_diags diags;
} fixture;

static int setup(void **state)
{
    fixture *f = test_calloc(1, sizeof *f);
    wm_arena_init(&f->arena);
    wm_diags_init(&f->diags);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    wm_arena_free(&f->arena);
    wm_diags_free(&f->diags);
    test_free(f);
    return 0;
}

static wm_ynode *parse(fixture *f, const char *text)
{
    return wm_yaml_parse(&f->arena, "t.yaml", text, strlen(text), &f->diags);
}

static void positions_and_styles(void **state)
{
    fixture *f = *state;
    wm_ynode *root = parse(f, "a: 1\nb:\n  - \"NO\"\n  - NO\n  - ''\n");
    assert_non_null(root);
    assert_int_equal(root->kind, WM_YMAP);
    assert_int_equal(root->n, 2);
    const wm_ynode *b = wm_ymap_get(root, "b");
    assert_non_null(b);
    assert_int_equal(b->kind, WM_YSEQ);
    assert_int_equal(b->n, 3);
    assert_string_equal(b->items[0]->text, "NO");
    assert_false(b->items[0]->plain);
    assert_true(b->items[1]->plain);
    assert_int_equal(b->items[1]->pos.line, 4);
    assert_int_equal(b->items[1]->pos.col, 5);
    assert_false(wm_ynode_is_null(b->items[2])); /* quoted empty is text */
    assert_int_equal(wm_ymap_key(root, 1)->pos.line, 2);
    assert_int_equal(wm_ymap_key(root, 1)->pos.col, 1);
}

static void columns_count_characters(void **state)
{
    fixture *f = *state;
    /* "Łódź" is 4 characters in 7 bytes; the value after it starts at column 7. */
    wm_ynode *root = parse(f, "\xC5\x81\xC3\xB3"
                              "d\xC5\xBA: x\n");
    assert_non_null(root);
    assert_int_equal(wm_ymap_value(root, 0)->pos.col, 7);
}

static void nulls(void **state)
{
    fixture *f = *state;
    wm_ynode *root = parse(f, "a:\nb: ~\nc: null\nd: 'null'\n");
    assert_non_null(root);
    assert_true(wm_ynode_is_null(wm_ymap_get(root, "a")));
    assert_true(wm_ynode_is_null(wm_ymap_get(root, "b")));
    assert_true(wm_ynode_is_null(wm_ymap_get(root, "c")));
    assert_false(wm_ynode_is_null(wm_ymap_get(root, "d")));
}

static void merge_keys_and_aliases(void **state)
{
    fixture *f = *state;
    wm_ynode *root = parse(f, "base: &b { x: 1, y: 2 }\n"
                              "item:\n  <<: *b\n  y: 3\n"
                              "list: [*b, *b]\n");
    assert_non_null(root);
    const wm_ynode *item = wm_ymap_get(root, "item");
    assert_int_equal(item->n, 2);
    assert_string_equal(wm_ymap_get(item, "x")->text, "1");
    assert_string_equal(wm_ymap_get(item, "y")->text, "3"); /* explicit key wins */
    const wm_ynode *list = wm_ymap_get(root, "list");
    assert_ptr_equal(list->items[0], list->items[1]); /* shared, not copied */
    assert_int_equal(list->weight, 1 + 2 * 5);
}

static void duplicate_keys(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "a: 1\nb: 2\na: 3\n"));
    assert_int_equal(f->diags.errors, 1);
    assert_string_equal(f->diags.items[0].message, "duplicate key 'a' (first at line 1, column 1)");
    assert_int_equal(f->diags.items[0].pos.line, 3);
}

static void duplicate_keys_in_big_map(void **state)
{
    fixture *f = *state;
    wm_buf b;
    wm_buf_init(&b);
    for (int i = 0; i < 100; i++)
        wm_buf_printf(&b, "k%d: %d\n", i, i);
    wm_buf_puts(&b, "k42: again\n");
    assert_null(parse(f, b.data));
    assert_int_equal(f->diags.errors, 1);
    assert_string_equal(f->diags.items[0].message,
                        "duplicate key 'k42' (first at line 43, column 1)");
    assert_int_equal(f->diags.items[0].pos.line, 101);
    wm_buf_free(&b);
}

static void depth_cap(void **state)
{
    fixture *f = *state;
    char deep[200];
    memset(deep, '[', 100);
    deep[100] = '\0';
    assert_null(parse(f, deep));
    assert_int_equal(f->diags.errors, 1);
    assert_string_equal(f->diags.items[0].message, "nesting is deeper than 64 levels");
    assert_int_equal(f->diags.items[0].pos.col, 65);
}

static void tags_refused(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "a: !!python/object/apply:os.system [ls]\n"));
    assert_string_equal(f->diags.items[0].message,
                        "YAML tags are not supported (found '!!python/object/apply:os.system')");
}

static void str_tag_is_text(void **state)
{
    fixture *f = *state;
    wm_ynode *root = parse(f, "a: !!str 12\n");
    assert_non_null(root);
    assert_false(wm_ymap_get(root, "a")->plain);
}

static void two_documents(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "a: 1\n---\nb: 2\n"));
    assert_string_equal(f->diags.items[0].message, "more than one YAML document in the file");
    assert_int_equal(f->diags.items[0].pos.line, 2);
}

static void empty_input(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "# only a comment\n"));
    assert_string_equal(f->diags.items[0].message, "the file is empty");
}

static void bad_utf8_position(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "a: ok\nb: Zo\xC3\xAB \xFF\n"));
    assert_int_equal(f->diags.items[0].pos.line, 2);
    assert_int_equal(f->diags.items[0].pos.col, 8);
    assert_string_equal(f->diags.items[0].message,
                        "the file is not valid UTF-8: byte 0xFF cannot appear here");
}

/* libyaml's mark index counts characters, not bytes: the tab after an
 * accented letter, a CJK name or an emoji is still found, so its hint is
 * given, at the column an editor shows. */
static void tab_hint_after_multibyte(void **state)
{
    static const char *const texts[] = {
        "# caf\xC3\xA9\na:\n\tb: 1\n",                      /* é on an earlier line */
        "# \xE5\x8C\x97\xE9\xA3\x8E\na:\n\tb: 1\n",         /* CJK */
        "# \xF0\x9F\x9A\x80\xF0\x9F\x9A\x80\na:\n\tb: 1\n", /* emoji */
        "\xEF\xBB\xBF# \xC3\xA9\na:\n\tb: 1\n",             /* a BOM too */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fixture *f = *state;
        wm_diags_free(&f->diags);
        wm_diags_init(&f->diags);
        assert_null(parse(f, texts[i]));
        assert_int_equal(f->diags.items[0].pos.line, 3);
        assert_int_equal(f->diags.items[0].pos.col, 1);
        assert_non_null(f->diags.items[0].hint);
        assert_string_equal(f->diags.items[0].hint,
                            "YAML does not allow tabs for indentation; indent with spaces");
    }
}

/* The same in UTF-16 (libyaml converts it; its index counts characters,
 * a surrogate pair as one). */
static void tab_hint_utf16(void **state)
{
    fixture *f = *state;
    /* "# é😀\na:\n\tb: 1\n" in UTF-16LE with its BOM. */
    static const unsigned short units[] = {0xFEFF, '#',  ' ',  0xE9, 0xD83D, 0xDE00, '\n', 'a',
                                           ':',    '\n', '\t', 'b',  ':',    ' ',    '1',  '\n'};
    char bytes[sizeof units];
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        bytes[2 * i] = (char)(units[i] & 0xFF);
        bytes[2 * i + 1] = (char)(units[i] >> 8);
    }
    assert_null(wm_yaml_parse(&f->arena, "t.yaml", bytes, sizeof bytes, &f->diags));
    assert_int_equal(f->diags.items[0].pos.line, 3);
    assert_int_equal(f->diags.items[0].pos.col, 1);
    assert_non_null(f->diags.items[0].hint);
}

/* Lines are what an editor shows: LF, CR or CR LF end one; NEL, LS and PS
 * (line breaks to YAML 1.1 and libyaml) do not.  Columns count code points. */
static void lines_as_an_editor_shows_them(void **state)
{
    fixture *f = *state;
    wm_ynode *root =
        parse(f, "a: \"x\xE2\x80\xA8y\"\nb: \"y\xC2\x85z\"\r\nc: 1\rd: \xF0\x9F\x9A\x80 w\n");
    assert_non_null(root);
    static const struct {
        const char *key;
        unsigned line, col;
    } want[] = {{"a", 1, 4}, {"b", 2, 4}, {"c", 3, 4}, {"d", 4, 4}};
    for (size_t i = 0; i < 4; i++) {
        const wm_ynode *k = wm_ymap_key(root, i);
        assert_string_equal(k->text, want[i].key);
        assert_int_equal(k->pos.line, want[i].line);
        assert_int_equal(wm_ymap_value(root, i)->pos.col, want[i].col);
    }
    /* An error after them is placed the same way. */
    assert_null(parse(f, "a: \"x\xE2\x80\xA8y\"\nb: [y\n"));
    assert_int_equal(f->diags.items[0].pos.line, 3);
}

/* wm_text_step, the rule the playbook loader uses for columns inside text. */
static void text_step(void **state)
{
    (void)state;
    const char *t = "\xC3\xA9\r\nx\ry\xE2\x80\xA8z";
    size_t off = 0, len = strlen(t);
    wm_pos p = {1, 1};
    static const unsigned want[][2] = {{1, 2}, {1, 2}, {2, 1}, {2, 2},
                                       {3, 1}, {3, 2}, {3, 3}, {3, 4}};
    for (size_t i = 0; off < len; i++) {
        wm_text_step(t, len, &off, &p);
        assert_int_equal(p.line, want[i][0]);
        assert_int_equal(p.col, want[i][1]);
    }
}

static void self_alias(void **state)
{
    fixture *f = *state;
    assert_null(parse(f, "a: &x [1, *x]\n"));
    assert_string_equal(f->diags.items[0].message, "alias '*x' is inside the node it refers to");
}

static void alias_bomb(void **state)
{
    fixture *f = *state;
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_puts(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
        wm_buf_printf(&b, "a%d: &a%d [", i, i);
        for (int j = 0; j < 9; j++)
            wm_buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
        wm_buf_puts(&b, "]\n");
    }
    assert_null(parse(f, b.data));
    assert_int_equal(f->diags.errors, 1);
    assert_string_equal(f->diags.items[0].message, "aliases expand to more than 100000 nodes");
    wm_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(positions_and_styles, setup, teardown),
        cmocka_unit_test_setup_teardown(columns_count_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(nulls, setup, teardown),
        cmocka_unit_test_setup_teardown(merge_keys_and_aliases, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(duplicate_keys_in_big_map, setup, teardown),
        cmocka_unit_test_setup_teardown(depth_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(tags_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(str_tag_is_text, setup, teardown),
        cmocka_unit_test_setup_teardown(two_documents, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_input, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_utf8_position, setup, teardown),
        cmocka_unit_test_setup_teardown(tab_hint_after_multibyte, setup, teardown),
        cmocka_unit_test_setup_teardown(tab_hint_utf16, setup, teardown),
        cmocka_unit_test_setup_teardown(lines_as_an_editor_shows_them, setup, teardown),
        cmocka_unit_test(text_step),
        cmocka_unit_test_setup_teardown(self_alias, setup, teardown),
        cmocka_unit_test_setup_teardown(alias_bomb, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
