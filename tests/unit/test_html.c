/*
 * test_html.c - the HTML output's pieces (core/markup/html.c, svg.c): the
 * escaping rule (& < > " ' as references, forbidden code points left out,
 * bytes that are not UTF-8 as U+FFFD); the SVG translator (one element per
 * drawing operation of the PDF's chart code, y flipped, dashes kept, the
 * picture labelled by its <title>); and the page for documents built as a
 * plugin builds them: heading levels never skipped, tables' header cells and
 * total row, section ids made HTML ids and unique, charts as SVG plus their
 * data table (or the table alone without a brand), fonts embedded only when
 * asked.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/doc.h"
#include "layout/chart.h"
#include "markup/markup.h"
#include "markup/svg.h"
#include "plan/marshal.h"
#include "plan/api.h"
#include "plan/sandbox.h"
#include "fixtures.h"

/* Whether the set holds cp (its array is sorted). */
static bool set_has(const wm_cpset *set, uint32_t cp)
{
    for (size_t i = 0; i < set->len && set->cp[i] <= cp; i++)
        if (set->cp[i] == cp)
            return true;
    return false;
}

static wm_style style;

static int setup(void **state)
{
    (void)state;
    fixture_style_open(&style);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fixture_style_close(&style);
    return 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static char *escaped(const char *s)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_html_escape(&b, s);
    return wm_buf_steal(&b);
}

static void escape_rule(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } CASES[] = {
        {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
        {"A & B \"q\" 'a'", "A &amp; B &quot;q&quot; &#39;a&#39;"},
        {"&amp;", "&amp;amp;"},
        {"tab\tline\nend", "tab\tline\nend"}, /* kept */
        {"a\x01\x1b[0m\x7f"
         "b",
         "a[0mb"}, /* C0 and DEL out */
        {"c\xc2\x85"
         "d",
         "cd"},                                 /* C1 (U+0085) out */
        {"x\xef\xbf\xbey\xef\xb7\x90z", "xyz"}, /* U+FFFE, U+FDD0 out */
        {"bad\xff"
         "byte",
         "bad\xef\xbf\xbd"
         "byte"}, /* U+FFFD */
        {"\xc3\xa9\xe2\x82\xac\xf0\x9f\x87\xac", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x87\xac"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char *got = escaped(CASES[i].in);
        assert_string_equal(got, CASES[i].out);
        free(got);
    }
}

static const char GANTT[] =
    "{{type='section', id='r', title='Roadmap', blocks={{type='chart', kind='gantt',"
    " title='Plan <&>', data={quarters={'2027-Q1','2027-Q2','2027-Q3'},"
    " rows={{label='One', id='A', start='2027-Q1', ['end']='2027-Q2', tier='must'},"
    "       {label='Two', id='B', start='2027-Q2', ['end']='2027-Q3', deps={'A'}}},"
    " markers={{quarter='2027-Q2', label='Deadline'}}}}}}}";

/* The SVG holds one element per operation the chart code draws, in the
 * same place (y from the top), and is labelled by its <title>. */
static void svg_mirrors_the_chart(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc(GANTT);
    const wm_block *b = &d->sections[0].blocks[0];
    wm_buf o;
    wm_buf_init(&o);
    wm_cpset used[WM_FACE_COUNT] = {0};
    assert_true(wm_svg_chart(&o, &style, b, 480, "c1", "fallback", used));
    const char *svg = o.data;
    assert_non_null(strstr(svg, "role=\"img\" aria-labelledby=\"c1\""));
    assert_non_null(strstr(svg, "<title id=\"c1\">Plan &lt;&amp;&gt;</title>"));
    assert_int_equal(count(svg, "<svg"), 1);
    assert_int_equal(count(svg, "</svg>"), 1);

    /* The same chart drawn as the PDF draws it. */
    wm_gantt *g = wm_gantt_prepare(&style, b, 480);
    double h = wm_gantt_head_height(g) + wm_gantt_rows_height(g, 0, 2) + wm_gantt_foot_height(g);
    wm_dlist *dl = wm_dl_new(480, h);
    size_t page = wm_dl_add_page(dl);
    wm_gantt_draw(dl, page, g, 0, 2, 0, h);
    wm_gantt_free(g);
    size_t n[WM_OP_DEST + 1] = {0}, dashed = 0;
    const wm_op *first_text = NULL;
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        n[op->kind]++;
        dashed += op->kind == WM_OP_LINE && op->u.line.dash;
        if (op->kind == WM_OP_TEXT && !first_text)
            first_text = op;
    }
    assert_true(n[WM_OP_TEXT] > 0 && n[WM_OP_RECT] > 0 && dashed > 0);
    assert_int_equal(count(svg, "<text "), n[WM_OP_TEXT]);
    assert_int_equal(count(svg, "<rect "), n[WM_OP_RECT]);
    assert_int_equal(count(svg, "<line "), n[WM_OP_LINE]);
    assert_int_equal(count(svg, "<polygon ") + count(svg, "<polyline "), n[WM_OP_POLY]);
    assert_int_equal(count(svg, "stroke-dasharray="), dashed);
    char want[256];
    snprintf(want, sizeof want, "<text class=\"f%d\" x=\"%g\" y=\"%g\"",
             (int)first_text->u.text.face, first_text->u.text.x,
             round((h - first_text->u.text.y) * 100) / 100);
    assert_non_null(strstr(svg, want));
    /* What the picture shows is noted for the fonts. */
    assert_true(set_has(&used[first_text->u.text.face], 'O') ||
                set_has(&used[first_text->u.text.face], 'P'));
    for (int s = 0; s < WM_FACE_COUNT; s++)
        wm_cpset_free(&used[s]);
    wm_dl_free(dl);
    wm_buf_free(&o);
    wm_doc_free(d);
}

static const char DOC[] =
    "{{type='section', id='a b', title='First & <only>', blocks={"
    "  {type='heading', level=2, text='Straight to two'},"
    "  {type='heading', level=3, text='Three'},"
    "  {type='heading', level=1, text='Back to one'},"
    "  {type='paragraph', text={'Plain ', {text='bold', bold=true}, ' ', {text='it', italic=true},"
    "                           ' ',"
    "                           {text='site', link='https://example.org/?a=1&b=2'}}},"
    "  {type='table', columns={'Name', {title='Cost', align='right'}},"
    "   rows={{'PLAT-04', '1'}, {'a longer cell', '2'}}, total={'Total', '3'}},"
    "  {type='chart', kind='bar', title='Spend', data={categories={'Q1','Q2'},"
    "   series={{name='Cost', values={100, 250}}}, format='money'}}}},"
    " {type='section', id='a-b', title='Second', blocks={{type='paragraph', text='x'}}}}";

static const wm_front_matter FRONT = {
    .client = "Acme <Ltd>",
    .title = "Roadmap",
    .date = "1 January 2027",
    .confidentiality = "Secret & <private>",
    .footer = "Firm footer",
    .brand_logo = {-1, 0, 0},
    .client_logo = {-1, 0, 0},
};

static void page_structure(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc(DOC);
    wm_html_opts o = {.style = &style, .chart_width = 480, .embed_fonts = true};
    o.page.w = 612, o.page.h = 792, o.page.top = 60, o.page.right = 50, o.page.bottom = 40;
    o.page.left = 30;
    char *h = wm_html(d, &FRONT, style.currency, &o);
    /* The marking first, in bold, then the brand's footer. */
    assert_non_null(strstr(h, "<footer>\n<p><strong>Secret &amp; &lt;private&gt;</strong> · Firm "
                              "footer</p>\n</footer>"));
    /* Printed on the brand's page. */
    assert_non_null(
        strstr(h, "@page{size:612.00pt 792.00pt;margin:60.00pt 50.00pt 40.00pt 30.00pt}"));
    assert_true(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    assert_non_null(strstr(h, "<title>Acme &lt;Ltd&gt;: Roadmap</title>"));
    assert_non_null(strstr(h, "Content-Security-Policy\" content=\"default-src 'none'"));
    /* Ids: made HTML ids, and unique. */
    assert_non_null(strstr(h, "<li><a href=\"#s-a-b\">First &amp; &lt;only&gt;</a></li>"));
    assert_non_null(strstr(h, "<li><a href=\"#s-a-b-2\">Second</a></li>"));
    assert_non_null(strstr(h, "<section id=\"s-a-b\" aria-labelledby=\"s-a-b-h\">\n"
                              "<h2 id=\"s-a-b-h\">First &amp; &lt;only&gt;</h2>"));
    /* Levels 2, 3, 1 straight after the section's h2: h3, h4, h3. */
    assert_non_null(strstr(h, "<h3>Straight to two</h3>\n<h4>Three</h4>\n<h3>Back to one</h3>"));
    assert_null(strstr(h, "<h5>"));
    assert_non_null(strstr(h, "<p>Plain <strong>bold</strong> <em>it</em> <a "
                              "href=\"https://example.org/?a=1&amp;b=2\">site</a></p>"));
    /* The table: hidden caption (the heading above), column headers, total. */
    assert_non_null(strstr(h, "<caption class=\"wm-sr\">Back to one</caption>"));
    assert_non_null(
        strstr(h, "<th scope=\"col\">Name</th><th scope=\"col\" class=\"r\">Cost</th>"));
    assert_non_null(
        strstr(h, "<tfoot>\n<tr><td class=\"nw\">Total</td><td class=\"r nw\">3</td></tr>"));
    /* One short word is kept on one line; text wraps. */
    assert_non_null(strstr(h, "<tr><td class=\"nw\">PLAT-04</td><td class=\"r nw\">1</td></tr>"));
    assert_non_null(strstr(h, "<tr><td>a longer cell</td>"));
    /* The chart: a picture and its data, in money. */
    assert_int_equal(count(h, "<svg "), 1);
    assert_non_null(strstr(h, "<caption>Spend: the data</caption>"));
    assert_non_null(strstr(h, "<td class=\"r nw\">£250</td>"));
    assert_non_null(strstr(h, "@font-face{font-family:\"wm-text\";font-weight:400"));
    assert_non_null(strstr(h, "@font-face{font-family:\"wm-text\";font-weight:700"));
    assert_null(strstr(h, "wm-heading\";")); /* the heading face is the bold one */
    /* A face only for what is shown in it: italic, but no bold italic. */
    assert_non_null(
        strstr(h, "@font-face{font-family:\"wm-text\";font-weight:400;font-style:italic"));
    assert_null(strstr(h, "@font-face{font-family:\"wm-text\";font-weight:700;font-style:italic"));
    assert_non_null(strstr(h, "--wm-primary:#1f3a5f;"));
    free(h);

    /* No brand: the chart is its data table alone, no fonts. */
    h = wm_html(d, &FRONT, style.currency, NULL);
    assert_non_null(strstr(h, "@page{margin:16mm 15mm}"));
    assert_null(strstr(h, "<svg"));
    assert_null(strstr(h, "@font-face"));
    assert_non_null(strstr(h, "<figcaption>Spend</figcaption>"));
    assert_non_null(strstr(h, "<td class=\"r nw\">£250</td>"));
    free(h);
    wm_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_rule),
        cmocka_unit_test(svg_mirrors_the_chart),
        cmocka_unit_test(page_structure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
