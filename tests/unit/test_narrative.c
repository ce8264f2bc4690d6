/*
 * test_narrative.c - the narrative's markup parser (paragraphs, lists, bold,
 * italic, links, placeholders, escapes; what is shown as written; hostile
 * input) and the placeholder check of load/narrative.c, including scenario
 * placeholders against a hand-made `scenarios:` list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/value.h"
#include "load/narrative.h"

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

static wm_nv_doc parse(fixture *f, const char *s)
{
    wm_nv_doc d;
    wm_nv_parse(&f->arena, s, strlen(s), &d);
    return d;
}

/* The runs of a text as "text|B|I|<link>|{name}" pieces joined by " ~ ". */
static char *shown(const wm_nv_text *t)
{
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < t->n; i++) {
        const wm_nv_run *r = &t->runs[i];
        if (i)
            wm_buf_puts(&b, " ~ ");
        if (r->placeholder)
            wm_buf_printf(&b, "{%s}", r->text);
        else
            wm_buf_puts(&b, r->text);
        if (r->style & WM_NV_BOLD)
            wm_buf_puts(&b, "|B");
        if (r->style & WM_NV_ITALIC)
            wm_buf_puts(&b, "|I");
        if (r->link)
            wm_buf_printf(&b, "|<%s>", r->link);
    }
    return wm_buf_steal(&b);
}

static void assert_text(const wm_nv_text *t, const char *want)
{
    char *got = shown(t);
    assert_string_equal(got, want);
    free(got);
}

static void paragraphs_and_lists(void **state)
{
    fixture *f = *state;
    wm_nv_doc d = parse(f, "First line\ncontinues.\n\n- one\n- two\n  still two\n1. a\n22. b\n\n"
                           "Last.\n");
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n, 4);
    assert_int_equal(d.blocks[0].kind, WM_NV_PARAGRAPH);
    assert_text(&d.blocks[0].items[0], "First line continues.");
    assert_int_equal(d.blocks[1].kind, WM_NV_BULLETS);
    assert_int_equal(d.blocks[1].n, 2);
    assert_text(&d.blocks[1].items[1], "two still two");
    assert_int_equal(d.blocks[2].kind, WM_NV_NUMBERED);
    assert_int_equal(d.blocks[2].n, 2);
    assert_text(&d.blocks[2].items[1], "b");
    assert_text(&d.blocks[3].items[0], "Last.");
}

static void inline_styles(void **state)
{
    fixture *f = *state;
    wm_nv_doc d = parse(f, "a **bold** and *it* and ***both*** end");
    assert_int_equal(d.n, 1);
    assert_text(&d.blocks[0].items[0], "a  ~ bold|B ~  and  ~ it|I ~  and  ~ both|B|I ~  end");
    /* Overlapping, not nested: runs, each with its styles. */
    d = parse(f, "**a *b** c*");
    assert_text(&d.blocks[0].items[0], "a |B ~ b|B|I ~  c|I");
}

static void links_and_placeholders(void **state)
{
    fixture *f = *state;
    wm_nv_doc d = parse(f, "See [the plan](https://x.test/p?a=1) and [mail](mailto:a@b.test), "
                           "cost **{{ totals.cost }}**.");
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_links, 2);
    assert_text(&d.blocks[0].items[0], "See  ~ the plan|<https://x.test/p?a=1> ~  and  ~ "
                                       "mail|<mailto:a@b.test> ~ , cost  ~ {totals.cost}|B ~ .");
    const wm_nv_run *ph = &d.blocks[0].items[0].runs[5];
    assert_true(ph->placeholder);
    /* Its place in the text: the whole "{{ totals.cost }}". */
    assert_int_equal(ph->off, strlen("See [the plan](https://x.test/p?a=1) and "
                                     "[mail](mailto:a@b.test), cost **"));
    assert_int_equal(ph->len, strlen("{{ totals.cost }}"));
}

/* Nothing but the documented markup is interpreted. */
static void shown_as_written(void **state)
{
    fixture *f = *state;
    const char *s = "# Not a heading <script>alert(1)</script> ![img](https://x.test/i.png) "
                    "> quote `code` _under_ <b>b</b> &amp; [no link](page 4) * lone ** x";
    wm_nv_doc d = parse(f, s);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n, 1);
    /* The image's brackets make a link of its text; the "!" stays text. */
    char *got = shown(&d.blocks[0].items[0]);
    assert_non_null(strstr(got, "# Not a heading <script>alert(1)</script> !"));
    assert_non_null(strstr(got, "> quote `code` _under_ <b>b</b> &amp; [no link](page 4) * lone "
                                "** x"));
    free(got);
    /* Unclosed markers are text. */
    d = parse(f, "**never closed and *this neither");
    assert_text(&d.blocks[0].items[0], "**never closed and *this neither");
    /* Three stars that open and close nothing are three stars of text, not
     * five (the two tokens of "***" overlapped; found by fuzz_narrative). */
    d = parse(f, "a *** b and c***");
    assert_text(&d.blocks[0].items[0], "a *** b and c***");
    assert_int_equal(d.blocks[0].items[0].runs[0].len, strlen("a *** b and c***"));
    /* Escapes. */
    d = parse(f, "\\*not italic\\* \\{{not a placeholder}} \\[x](https://y.test) C:\\path");
    assert_int_equal(d.n_errors, 0);
    assert_text(&d.blocks[0].items[0],
                "*not italic* {{not a placeholder}} [x](https://y.test) C:\\path");
    /* A NUL byte (no YAML scalar holds one; the fuzzer did) is left out, so
     * that no run is cut short or empty. */
    wm_nv_parse(&f->arena, "a\0b\n\0", 5, &d);
    assert_int_equal(d.n, 1);
    assert_text(&d.blocks[0].items[0], "ab");
    /* A line that is not an item. */
    d = parse(f, "2027\\. was good\n-not an item\n* nor this");
    assert_int_equal(d.n, 1);
    assert_text(&d.blocks[0].items[0], "2027. was good -not an item * nor this");
}

static void faults(void **state)
{
    fixture *f = *state;
    wm_nv_doc d = parse(f, "a [x](javascript:alert(1)) b");
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(d.errors[0].off, 6);
    assert_non_null(strstr(d.errors[0].message, "https://"));
    d = parse(f, "a {{ two words }} b {{ok}} c {{ open");
    assert_int_equal(d.n_errors, 2);
    assert_int_equal(d.errors[0].off, 2);
    assert_string_equal(d.errors[0].message, "'{{ two words }}' is not a placeholder");
    assert_int_equal(d.errors[1].off, strlen("a {{ two words }} b {{ok}} c "));
    assert_string_equal(d.errors[1].message, "'{{' is not closed");
    /* Positions map back through joined lines. */
    d = parse(f, "line one\n  {{bad name}}");
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(d.errors[0].off, strlen("line one\n  "));
    /* Errors are capped. */
    wm_buf b;
    wm_buf_init(&b);
    for (int i = 0; i < 100; i++)
        wm_buf_puts(&b, "{{x y}} ");
    d = parse(f, b.data);
    assert_int_equal(d.n_errors, WM_NV_MAX_ERRORS);
    wm_buf_free(&b);
}

/* Hostile input: each kind of marker repeated to 1 MB, unclosed and nested,
 * on one line; the parser finishes (its time is measured by
 * bench/bench_narrative, not here) and keeps every byte as text. */
static void hostile(void **state)
{
    fixture *f = *state;
    static const char *const units[] = {"[",   "[a](",          "[a](x", "**",   "*a",
                                        "{{",  "{{a",           "\\",    "***a", "- ",
                                        "1. ", "[a](https://x", "*[",    "]("};
    size_t size = 1 << 20;
    char *s = malloc(size + 1);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t ul = strlen(units[u]), n = 0;
        while (n + ul <= size) {
            memcpy(s + n, units[u], ul);
            n += ul;
        }
        s[n] = '\0';
        wm_arena a;
        wm_arena_init(&a);
        wm_nv_doc d;
        wm_nv_parse(&a, s, n, &d);
        assert_true(d.n >= 1);
        assert_true(d.n_errors <= WM_NV_MAX_ERRORS);
        wm_arena_free(&a);
    }
    free(s);
    (void)f;
}

/* ---- placeholders checked by the loader ---- */

static const char *ENGAGEMENT = "narrative:\n"
                                "  summary: |\n"
                                "    Cost {{totals.cost}}, S2 at {{scenario.S2.p80}},\n"
                                "    I30 in S2 ends {{scenario.S2.initiative.I30.end}};\n"
                                "    dotted {{scenario.S.3.totals.p90}}.\n"
                                "  recommendations:\n"
                                "    - Fund {{initiative.I1.cost}}.\n"
                                "scenarios:\n"
                                "  - id: S2\n"
                                "    add: [ { id: I30, title: New } ]\n"
                                "  - id: S.3\n";

typedef struct {
    wm_engagement e;
    const wm_ynode *root;
} loaded;

static void load(fixture *f, const char *text, loaded *out)
{
    memset(out, 0, sizeof *out);
    out->root = wm_yaml_parse(&f->arena, "t.yaml", text, strlen(text), &f->diags);
    assert_non_null(out->root);
    static wm_initiative inis[1];
    inis[0].id = "I1";
    out->e.initiatives = inis;
    out->e.n_initiatives = 1;
    const wm_ynode *nv = wm_ymap_get(out->root, "narrative");
    out->e.narrative.key = out->root->items[0];
    out->e.narrative.summary = wm_ymap_get(nv, "summary");
    out->e.narrative.recommendations = wm_ymap_get(nv, "recommendations");
    wm_schema s = {.arena = &f->arena, .diags = &f->diags, .file = "t.yaml"};
    wm_nv_load(&out->e, out->root, text, strlen(text), &s);
}

/* The source of the n-th run of the first paragraph of the summary. */
static const char *source_of(const wm_engagement *e, size_t n)
{
    const wm_value *sum = wm_vobj_get(e->narrative.loaded, "summary");
    const wm_value *text = wm_vobj_get(sum->u.arr.items[0], "text");
    return wm_vobj_str(text->u.arr.items[n], "source");
}

static void scenario_placeholders(void **state)
{
    fixture *f = *state;
    loaded l;
    load(f, ENGAGEMENT, &l);
    assert_int_equal(f->diags.errors, 0);
    assert_non_null(l.e.narrative.loaded);
    assert_string_equal(source_of(&l.e, 1), "totals.cost");
    assert_string_equal(source_of(&l.e, 3), "scenarios[S2].plan.totals.p80");
    assert_string_equal(source_of(&l.e, 5), "scenarios[S2].plan.initiatives[I30].end");
    assert_string_equal(source_of(&l.e, 7), "scenarios[S.3].plan.totals.p90");
    const wm_value *rec = wm_vobj_get(l.e.narrative.loaded, "recommendations")->u.arr.items[0];
    assert_string_equal(wm_vobj_str(rec->u.arr.items[1], "source"), "initiatives[I1].cost");
    assert_string_equal(wm_vobj_str(rec->u.arr.items[1], "format"), "money");
}

static void unknown_placeholders(void **state)
{
    fixture *f = *state;
    loaded l;
    load(f,
         "narrative:\n"
         "  summary: |\n"
         "    A {{totals.cots}} B {{scenario.S3.p80}}\n"
         "    C {{initiative.I2.end}} D {{initiative.I30.end}} E {{scenario.S2.p8}}\n"
         "    F {{scenario.S2}}\n"
         "scenarios:\n"
         "  - id: S2\n"
         "    add: [ { id: I30 } ]\n",
         &l);
    assert_int_equal(f->diags.errors, 6);
    assert_null(l.e.narrative.loaded);
    const wm_diag *d = f->diags.items;
    assert_int_equal(d[0].pos.line, 3);
    assert_int_equal(d[0].pos.col, 7);
    assert_string_equal(d[0].message, "unknown placeholder '{{totals.cots}}' in narrative.summary");
    assert_non_null(strstr(d[0].hint, "{{totals.cost}}"));
    assert_int_equal(d[1].pos.col, 25);
    assert_string_equal(
        d[1].message,
        "placeholder '{{scenario.S3.p80}}' in narrative.summary names no scenario 'S3'");
    assert_string_equal(d[1].hint, "did you mean 'S2'?");
    assert_int_equal(d[2].pos.line, 4);
    assert_int_equal(d[2].pos.col, 7);
    assert_string_equal(d[2].message,
                        "placeholder '{{initiative.I2.end}}' in narrative.summary names no "
                        "initiative 'I2'");
    /* I30 is only added in S2: not an initiative of the base plan. */
    assert_string_equal(d[3].message,
                        "placeholder '{{initiative.I30.end}}' in narrative.summary names no "
                        "initiative 'I30'");
    assert_string_equal(d[4].message,
                        "unknown placeholder '{{scenario.S2.p8}}' in narrative.summary");
    assert_non_null(strstr(d[4].hint, "{{scenario.S2.p80}}"));
    /* A scenario's id alone is no figure. */
    assert_string_equal(d[5].message, "unknown placeholder '{{scenario.S2}}' in narrative.summary");
    assert_int_equal(d[5].pos.line, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(paragraphs_and_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(inline_styles, setup, teardown),
        cmocka_unit_test_setup_teardown(links_and_placeholders, setup, teardown),
        cmocka_unit_test_setup_teardown(shown_as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(faults, setup, teardown),
        cmocka_unit_test_setup_teardown(hostile, setup, teardown),
        cmocka_unit_test_setup_teardown(scenario_placeholders, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_placeholders, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
