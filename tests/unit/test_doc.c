/*
 * test_doc.c - the document tree: a document stage's result (written here as
 * Lua tables, read back as a plugin's would be) checked and built, sections
 * placed by `after`, and bad shapes reported with their path.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "document/doc.h"
#include "plan/api.h"
#include "plan/marshal.h"
#include "plan/sandbox.h"

/* Evaluate `lua` (an expression) in a sandbox and build a document from it;
 * returns the dump, or the error prefixed with "ERR ". */
static char *build(const char *lua)
{
    const wm_limits lim = {16u << 20, 10000000u, 2.0};
    char *err = NULL;
    wm_sandbox *sb = wm_sandbox_new(&lim, NULL, 1, &err);
    assert_non_null(sb);
    assert_true(wm_sandbox_cpcall(sb, wm_api_open, NULL, 0, 0, &err));
    lua_State *L = wm_sandbox_state(sb);
    char *code = NULL;
    assert_true(asprintf(&code, "return %s", lua) > 0);
    assert_int_equal(luaL_loadbufferx(L, code, strlen(code), "=t", "t"), LUA_OK);
    free(code);
    wm_sandbox_arm(sb, &lim);
    assert_true(wm_sandbox_pcall(sb, 0, 1, &err));
    wm_arena a;
    wm_arena_init(&a);
    wm_lua_reader r = {.arena = &a, .root = "result"};
    assert_true(wm_sandbox_cpcall(sb, wm_lua_read, &r, -1, 0, &err));
    assert_non_null(r.result);
    char *out;
    wm_doc_error e;
    wm_doc *d = wm_doc_build(r.result, NULL, &e);
    if (d) {
        out = wm_doc_dump(d);
    } else {
        assert_true(asprintf(&out, "ERR %s: %s", e.path, e.message) > 0);
        wm_doc_error_free(&e);
    }
    wm_doc_free(d);
    wm_arena_free(&a);
    wm_sandbox_free(sb);
    return out;
}

static void expect(const char *lua, const char *want)
{
    char *got = build(lua);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n-- got:\n%s\n-- want:\n%s", lua, got, want);
    free(got);
}

static void blocks_and_order(void **state)
{
    (void)state;
    expect("{"
           " {type='section', id='summary', title='Summary', blocks={"
           "   {type='heading', level=2, text='Cost'},"
           "   {type='paragraph', text={'Total ', {text='£1.2m', bold=true}, ' (',"
           "      {text='P80', italic=true}, ')'}},"
           "   {type='list', numbered=true, items={'a', 'b'}},"
           "   {type='table', columns={'Id', {title='Cost', align='right', width=2}},"
           "      rows={{'I1', '10'}, {'I2', '20'}}, total={'Total', '30'}},"
           "   {type='kv', items={{key='Client', value='Zoë'}}},"
           "   {type='callout', kind='risk', body={{text='see', link='https://example.org'}}},"
           "   {type='chart', kind='radar', title='Maturity', data={axes={'a','b','c'},"
           "      series={{name='now', values={1, 2, 3}}}}},"
           "   {type='page_break'}}},"
           " {type='section', id='annex', title='Annex', blocks={}},"
           " {type='section', id='ai', title='AI readiness', after='summary', blocks={}}"
           "}",
           "section summary: Summary\n"
           "  heading 2: Cost\n"
           "  paragraph: Total **£1.2m** (_P80_)\n"
           "  list (2 items, numbered)\n"
           "  table 2 x 2 + total\n"
           "  kv (1 items)\n"
           "  callout: see <https://example.org>\n"
           "  chart radar: Maturity\n"
           "  page_break\n"
           "section ai: AI readiness\n"
           "section annex: Annex\n");
}

static void errors_have_paths(void **state)
{
    (void)state;
    expect("{{type='section', id='s', title='S', blocks={{type='paragraf', text='x'}}}}",
           "ERR sections[1].blocks[1]: unknown block type 'paragraf' (did you mean 'paragraph'?)");
    expect("{{type='section', id='s', title='S', blocks={{type='table', columns={'A','B'},"
           " rows={{'1','2'}, {'3'}}}}}}",
           "ERR sections[1].blocks[1].rows[2]: a row needs 2 cells, one per column");
    expect("{{type='section', id='s', title='S', after='nowhere', blocks={}}}",
           "ERR sections[1].after: no section has the id 'nowhere'");
    expect("{{type='section', id='s', title='S', blocks={}}, {type='section', id='s', title='T',"
           " blocks={}}}",
           "ERR sections[2]: section id 's' is used twice");
    expect("{{type='section', id='s', title='S', blocks={{type='paragraph', text={{text='x',"
           " link='javascript:alert(1)'}}}}}}",
           "ERR sections[1].blocks[1].text[1]: links must be http(s) or mailto URLs");
    expect("{{type='section', id='s', title='S', blocks={{type='chart', kind='bar', data={"
           "categories={'a','b'}, series={{name='x', values={1}}}}}}}}",
           "ERR sections[1].blocks[1].data: values has 1 values, expected 2");
    expect("{{type='section', id='s', title='S', blocks={{type='heading', level=4, text='x'}}}}",
           "ERR sections[1].blocks[1]: a heading's level is 1, 2 or 3");
    expect("{{type='section', id='a', title='A', after='b', blocks={}},"
           " {type='section', id='b', title='B', after='a', blocks={}}}",
           "ERR sections: sections placed 'after' one another in a cycle");
}

/* A document with one chart of this kind and data (a Lua table). */
static void expect_chart(const char *kind, const char *data, const char *want)
{
    char *lua = NULL;
    assert_true(asprintf(&lua,
                         "{{type='section', id='s', title='S', blocks={{type='chart', kind='%s',"
                         " title='C', data=%s}}}}",
                         kind, data) > 0);
    char *full = NULL;
    if (strncmp(want, "ERR ", 4) == 0)
        assert_true(asprintf(&full, "ERR sections[1].blocks[1].data%s", want + 4) > 0);
    else
        assert_true(asprintf(&full, "section s: S\n  chart %s: C\n", kind) > 0);
    expect(lua, full);
    free(lua);
    free(full);
}

static void chart_series_checks(void **state)
{
    (void)state;
    const char *formats[] = {"number", "money", "percent", "days"};
    for (size_t i = 0; i < 4; i++) {
        char *data = NULL;
        assert_true(asprintf(&data,
                             "{categories={'a', 'b'}, series={{name='x', values={1, 2}}},"
                             " format='%s'}",
                             formats[i]) > 0);
        expect_chart("bar", data, "");
        expect_chart("stacked_bar", data, "");
        free(data);
    }
    expect_chart("bar", "{categories={'a'}, series={{name='x', values={1}}}, format='euros'}",
                 "ERR : format is number, money, percent or days");
    expect_chart("stacked_bar", "{categories={'a'}, series={{name='x', values={1}}}, format=2}",
                 "ERR : format is number, money, percent or days");
    expect_chart("bar", "{categorys={'a'}, series={{name='x', values={1}}}}",
                 "ERR : unknown field 'categorys' (did you mean 'categories'?)");
    expect_chart("bar", "{categories={'a'}, series={{name='x', values={1}, colour='red'}}}",
                 "ERR .series[1]: unknown field 'colour'");
    expect_chart("bar", "{categories={'a'}, series='x'}",
                 "ERR : a chart needs at least one series");
    expect_chart("bar", "{categories={'a'}, series={{name='x', values={1}}}, max=5}",
                 "ERR : unknown field 'max'");
    /* radar: max, when given, a number above 0 */
    expect_chart("radar", "{axes={'a', 'b', 'c'}, series={{name='x', values={1, 2, 3}}}, max=10}",
                 "");
    expect_chart("radar", "{axes={'a', 'b', 'c'}, series={{name='x', values={1, 2, 3}}}, max=0}",
                 "ERR : max must be a number above 0");
    expect_chart("radar", "{axes={'a', 'b', 'c'}, series={{name='x', values={1, 2, 3}}}, max='5'}",
                 "ERR : max must be a number above 0");
    expect_chart("radar",
                 "{axes={'a', 'b', 'c'}, series={{name='x', values={1, 2, 3}}}, format='days'}",
                 "");
}

#define QS "quarters={'2027-Q1', '2027-Q2', '2027-Q3'}"

static void chart_gantt_checks(void **state)
{
    (void)state;
    expect_chart("gantt",
                 "{" QS ", rows={{id='I1', label='A', start='2027-Q1', ['end']='2027-Q2',"
                 " tier='must'}, {id='I2', label='B', deps={'I1'}},"
                 " {label='C', start='2027-Q3', ['end']='2027-Q3', deps={}}},"
                 " markers={{quarter='2027-Q2', label='O1'}}}",
                 "");
    expect_chart("gantt", "{quarters={}, rows={}}",
                 "ERR : a Gantt chart needs at least one quarter");
    expect_chart("gantt", "{quarters={'2027-Q1', 2}, rows={}}", "ERR : quarters[2] is not text");
    expect_chart("gantt", "{quarters={'2027-Q1', '2027-Q2', '2027-Q1'}, rows={}}",
                 "ERR : quarter '2027-Q1' is listed twice");
    expect_chart("gantt", "{" QS ", rows='none'}", "ERR : rows must be a list");
    expect_chart("gantt", "{" QS ", rows={{label='A'}, {id='I2'}}}",
                 "ERR .rows[2]: a row needs a label (text)");
    expect_chart("gantt", "{" QS ", rows={{label='A', id=3}}}", "ERR .rows[1]: id must be text");
    expect_chart("gantt", "{" QS ", rows={{label='A', tier=1}}}",
                 "ERR .rows[1]: tier must be text");
    expect_chart("gantt", "{" QS ", rows={{label='A', start='2027-Q1'}}}",
                 "ERR .rows[1]: start and end go together: give both or neither");
    expect_chart("gantt", "{" QS ", rows={{label='A', ['end']='2027-Q1'}}}",
                 "ERR .rows[1]: start and end go together: give both or neither");
    expect_chart("gantt", "{" QS ", rows={{label='A', start='2029-Q1', ['end']='2027-Q1'}}}",
                 "ERR .rows[1]: start '2029-Q1' is not one of the quarters");
    expect_chart("gantt", "{" QS ", rows={{label='A', start='2027-Q1', ['end']='2027-Q4'}}}",
                 "ERR .rows[1]: end '2027-Q4' is not one of the quarters");
    expect_chart("gantt", "{" QS ", rows={{label='A', start='2027-Q3', ['end']='2027-Q2'}}}",
                 "ERR .rows[1]: start '2027-Q3' is after end '2027-Q2'");
    expect_chart("gantt", "{" QS ", rows={{label='A', start=1, ['end']=2}}}",
                 "ERR .rows[1]: start and end are quarters (text)");
    expect_chart("gantt", "{" QS ", rows={{label='A', deps='I1'}}}",
                 "ERR .rows[1]: deps must be a list of texts");
    expect_chart("gantt", "{" QS ", rows={{label='A', deps={'I1', 2}}}}",
                 "ERR .rows[1]: deps[2] is not text");
    expect_chart("gantt", "{" QS ", rows={{label='A', dep={'I1'}}}}",
                 "ERR .rows[1]: unknown field 'dep' (did you mean 'deps'?)");
    expect_chart("gantt", "{" QS ", rows={{label='A', due=2027}}}",
                 "ERR .rows[1]: due must be text");
    expect_chart("gantt", "{" QS ", rows={{label='A', due='soon'}}}",
                 "ERR .rows[1]: due 'soon' is not a quarter");
    /* The baseline's span: both or neither, quarters, in order; one outside
     * the columns is cut to them (2026-Q4 before the first is fine). */
    expect_chart(
        "gantt", "{" QS ", rows={{label='A', was_start='2027-Q1'}}}",
        "ERR .rows[1]: was_start and was_end go together: give both (quarters) or neither");
    expect_chart("gantt", "{" QS ", rows={{label='A', was_start='2027-Q1', was_end='later'}}}",
                 "ERR .rows[1]: was_end 'later' is not a quarter");
    expect_chart(
        "gantt", "{" QS ", rows={{label='A', was_start=1, was_end='2027-Q2'}}}",
        "ERR .rows[1]: was_start and was_end go together: give both (quarters) or neither");
    expect_chart("gantt", "{" QS ", rows={{label='A', was_start='2027-Q3', was_end='2027-Q2'}}}",
                 "ERR .rows[1]: was_start '2027-Q3' is after was_end '2027-Q2'");
    expect_chart("gantt",
                 "{" QS
                 ", rows={{label='A', start='2027-Q2', ['end']='2027-Q3', was_start='2026-Q4',"
                 " was_end='2029-Q1'}}}",
                 "");
    expect_chart("gantt",
                 "{" QS ", rows={{label='A', start='2027-Q1', ['end']='2027-Q2', due='2026-Q4'},"
                 " {label='B', due='2031-Q1'}}}",
                 "");
    expect_chart("gantt", "{" QS ", rows={}, markers='O1'}", "ERR : markers must be a list");
    expect_chart("gantt", "{" QS ", rows={}, markers={{quarter='2027-Q1'}}}",
                 "ERR .markers[1]: a marker needs a quarter and a label (texts)");
    expect_chart("gantt", "{" QS ", rows={}, markers={{quarter='2030-Q1', label='O1'}}}",
                 "ERR .markers[1]: quarter '2030-Q1' is not one of the quarters");
}

static void chart_heatmap_checks(void **state)
{
    (void)state;
    expect_chart("heatmap",
                 "{cells={{likelihood=1, impact=5, label='R-1'}, {likelihood=5, impact=1}}}", "");
    expect_chart("heatmap", "{cells={{likelihood=1, impact=5}, {likelihood=2, impact=3, label=7}}}",
                 "ERR .cells[2]: label must be text");
    expect_chart("heatmap", "{cells={{likelihood=2.5, impact=3}}}",
                 "ERR .cells[1]: a cell needs likelihood and impact, whole numbers 1..5");
    expect_chart("heatmap", "{cells={{likelihood=6, impact=3}}}",
                 "ERR .cells[1]: a cell needs likelihood and impact, whole numbers 1..5");
    expect_chart("heatmap", "{cells={{likelihood=1, impact=3, score=3}}}",
                 "ERR .cells[1]: unknown field 'score'");
    expect_chart("heatmap", "{cell={}}", "ERR : unknown field 'cell' (did you mean 'cells'?)");
}

/* A section holding the blocks `blocks` (a Lua expression for the list),
 * made by a function that can loop: `body` runs first, with a table t. */
static void expect_big(const char *body, const char *blocks, const char *want)
{
    char *lua = NULL;
    assert_true(asprintf(&lua,
                         "(function() local t = {}; %s; return {{type='section', id='s',"
                         " title='S', blocks=%s}} end)()",
                         body, blocks) > 0);
    char *got = build(lua);
    if (strncmp(got, want, strlen(want)) != 0)
        fail_msg("%s\n-- got:\n%.300s\n-- want:\n%s", body, got, want);
    free(got);
    free(lua);
}

/* What a plugin may hand to layout is bounded (plugins.md, "Limits"): each
 * limit is reached without an error and passed by one with the error,
 * naming the path of what passed it. */
static void document_limits(void **state)
{
    (void)state;
    const char *ok = "section s: S\n";
    /* Runs of text: 250,000 in the document. */
    expect_big("for i = 1, 250000 do t[i] = 'x' end", "{{type='paragraph', text=t}}", ok);
    expect_big("for i = 1, 250001 do t[i] = 'x' end", "{{type='paragraph', text=t}}",
               "ERR sections[1].blocks[1].text[250001]: the document has more than 250000 runs "
               "of text");
    /* Bytes of text: 8 MiB (texts of 1 MiB each, the most one text may hold). */
    expect_big("local m = string.rep('a', 1 << 20); for i = 1, 8 do t[i] = {type='paragraph',"
               " text=m} end",
               "t", ok);
    expect_big("local m = string.rep('a', 1 << 20); for i = 1, 8 do t[i] = {type='paragraph',"
               " text=m} end; t[9] = {type='heading', text='b'}",
               "t",
               "ERR sections[1].blocks[9].text: the document has more than 8388608 bytes of "
               "text");
    /* Links: 10,000; a URL of 2,048 bytes. */
    expect_big("for i = 1, 10000 do t[i] = {text='x', link='https://e.org'} end",
               "{{type='paragraph', text=t}}", ok);
    expect_big("for i = 1, 10001 do t[i] = {text='x', link='https://e.org'} end",
               "{{type='paragraph', text=t}}",
               "ERR sections[1].blocks[1].text[10001]: the document has more than 10000 links");
    expect_big("t.u = 'https://e.org/' .. string.rep('a', 2048 - 14)",
               "{{type='paragraph', text={{text='x', link=t.u}}}}", ok);
    expect_big("t.u = 'https://e.org/' .. string.rep('a', 70000)",
               "{{type='paragraph', text={{text='x', link=t.u}}}}",
               "ERR sections[1].blocks[1].text[1]: a link's URL has 70014 bytes, more than 2048");
    /* Table cells: 100,000 (5,000 rows of 20, then one more). */
    const char *rows = "local c = {}; for i = 1, 20 do c[i] = 'x' end;"
                       " for i = 1, 5000 do t[i] = c end";
    const char *cols = "{'a','b','c','d','e','f','g','h','i','j','k','l','m','n','o','p','q','r',"
                       "'s','u'}";
    char blocks[512];
    snprintf(blocks, sizeof blocks, "{{type='table', columns=%s, rows=t}}", cols);
    expect_big(rows, blocks, ok);
    snprintf(blocks, sizeof blocks,
             "{{type='table', columns=%s, rows=t}, {type='table', columns={'a'}, rows={{'x'}}}}",
             cols);
    expect_big(rows, blocks,
               "ERR sections[1].blocks[2].rows[1]: the document has more than 100000 table "
               "cells");
    /* List and key-value items: 50,000. */
    expect_big("for i = 1, 50000 do t[i] = 'x' end", "{{type='list', items=t}}", ok);
    expect_big("for i = 1, 50000 do t[i] = 'x' end",
               "{{type='list', items=t}, {type='kv', items={{key='k', value='v'}}}}",
               "ERR sections[1].blocks[2].items[1]: the document has more than 50000 list and "
               "key-value items");
    /* Charts: 24 series, 1,000 categories, 100,000 points in the document. */
    const char *chart = "local c, v, s = {}, {}, {}; for i = 1, 1000 do c[i] = 'c'; v[i] = i end;"
                        " for i = 1, 24 do s[i] = {name='s', values=v} end;"
                        " for i = 1, 4 do t[i] = {type='chart', kind='bar',"
                        " data={categories=c, series=s}} end";
    expect_big(chart, "t", ok);
    char more[1024];
    snprintf(more, sizeof more, "%s; t[5] = t[1]", chart);
    expect_big(more, "t",
               "ERR sections[1].blocks[5].data: the document has more than 100000 chart points");
    snprintf(more, sizeof more, "%s; s[25] = s[1]", chart);
    expect_big(more, "t", "ERR sections[1].blocks[1].data: a chart has 25 series, more than 24");
    snprintf(more, sizeof more, "%s; c[1001] = 'c'", chart);
    expect_big(more, "t",
               "ERR sections[1].blocks[1].data: a chart has 1001 categories, more than 1000");
    expect_big("for i = 1, 1001 do t[i] = 'Q' .. i end",
               "{{type='chart', kind='gantt', data={quarters=t, rows={}}}}",
               "ERR sections[1].blocks[1].data: a chart has 1001 quarters, more than 1000");
    expect_big("for i = 1, 100001 do t[i] = {likelihood=1, impact=1} end",
               "{{type='chart', kind='heatmap', data={cells=t}}}",
               "ERR sections[1].blocks[1].data.cells[100001]: the document has more than 100000 "
               "chart points");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_and_order),     cmocka_unit_test(errors_have_paths),
        cmocka_unit_test(chart_series_checks),  cmocka_unit_test(chart_gantt_checks),
        cmocka_unit_test(chart_heatmap_checks), cmocka_unit_test(document_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
