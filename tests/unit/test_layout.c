/*
 * test_layout.c - the layout engine's promises, checked on the display
 * list: nothing overflows its box (3,000-word paragraphs, 200-character
 * words, wide tables), a 300-row table breaks across pages with its header
 * repeated and no row split, a heading is never left alone at a page foot,
 * the contents give the pages where sections start, and the same document
 * always lays out the same.
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
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "plan/api.h"
#include "plan/marshal.h"
#include "plan/sandbox.h"
#include "fixtures.h"

static wm_face *faces[WM_FACE_COUNT];
static wm_style style;

static const char *const FONT_FILES[WM_FACE_COUNT] = {
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf",
    "NotoSans-Bold.ttf",    "DejaVuSans.ttf",    "DejaVuSans.ttf",      "DejaVuSans.ttf",
    "DejaVuSans.ttf",       "DejaVuSans.ttf",    "DejaVuSans.ttf",      "DejaVuSans.ttf",
    "DejaVuSans.ttf"};

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/fonts/%s", WM_SOURCE_DIR_TEST, FONT_FILES[i]);
        char *err = NULL;
        faces[i] = wm_face_open(path, &err);
        if (!faces[i]) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
        style.faces[i] = faces[i];
    }
    style.primary = (wm_rgb){20, 40, 80};
    style.secondary = (wm_rgb){15, 118, 110};
    style.accent = (wm_rgb){217, 142, 4};
    style.text = (wm_rgb){26, 31, 38};
    style.muted = (wm_rgb){91, 103, 120};
    style.currency = wm_currency_find("GBP");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < WM_FACE_COUNT; i++)
        wm_face_free(faces[i]);
    return 0;
}

#define LEFT   56.69
#define RIGHT  (595.28 - 56.69)
#define TOP    (841.89 - 62.36)
#define BOTTOM 56.69

static wm_dlist *lay(const wm_doc *d)
{
    wm_layout_input in = {0};
    in.style = &style;
    in.page_w = 595.28;
    in.page_h = 841.89;
    in.margin_left = LEFT;
    in.margin_right = 56.69;
    in.margin_top = 62.36;
    in.margin_bottom = BOTTOM;
    in.front.client = "Brightwater Analytics Ltd";
    in.front.title = "Technology Roadmap";
    in.front.confidentiality = "Client confidential";
    in.front.brand_logo = in.front.client_logo = WM_NO_LOGO;
    in.info.date = -1;
    return wm_layout(d, &in);
}

/* Every text and rectangle inside the page's margins horizontally, and body
 * text (at body and table sizes) inside the content box vertically. */
static void assert_within(const wm_dlist *dl)
{
    for (size_t p = 1; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++) {
            const wm_op *op = &dl->pages[p].ops[i];
            if (op->kind == WM_OP_TEXT) {
                if (op->u.text.x < LEFT - 0.02 || op->u.text.x + op->u.text.width > RIGHT + 0.02)
                    fail_msg("page %zu: text \"%.40s\" at x %.2f..%.2f overflows %.2f..%.2f", p + 1,
                             op->u.text.text, op->u.text.x, op->u.text.x + op->u.text.width, LEFT,
                             RIGHT);
                if (op->u.text.size < 9.6 && op->u.text.size > 7.9 &&
                    (op->u.text.y < BOTTOM || op->u.text.y > TOP))
                    fail_msg("page %zu: text \"%.40s\" at y %.2f is outside the body", p + 1,
                             op->u.text.text, op->u.text.y);
            } else if (op->kind == WM_OP_RECT) {
                assert_true(op->u.rect.x >= LEFT - 0.02);
                assert_true(op->u.rect.x + op->u.rect.w <= RIGHT + 0.02);
                assert_true(op->u.rect.y >= BOTTOM - 0.02);
            }
        }
}

static void long_paragraph_and_word(void **state)
{
    (void)state;
    wm_doc *d =
        fixture_doc("(function()"
                    "  local w = {} for i = 1, 3000 do w[i] = 'word' .. i end"
                    "  local long = string.rep('x', 200)"
                    "  return { {type='section', id='a', title='A', blocks={"
                    "    {type='paragraph', text=table.concat(w, ' ')},"
                    "    {type='paragraph', text='before ' .. long .. ' after'},"
                    "    {type='table', columns={'A', 'B'}, rows={{long, long .. ' ' .. long}}},"
                    "    {type='list', items={long}},"
                    "    {type='kv', items={{key=long, value=long}}},"
                    "    {type='callout', kind='info', body=long}}}}"
                    "end)()");
    wm_dlist *dl = lay(d);
    assert_true(dl->n_pages >= 5); /* cover, contents, 3,000 words over pages */
    assert_within(dl);
    /* Every word made it, in order. */
    size_t next = 1;
    for (size_t p = 0; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++) {
            const wm_op *op = &dl->pages[p].ops[i];
            if (op->kind != WM_OP_TEXT)
                continue;
            const char *s = op->u.text.text;
            char want[32];
            snprintf(want, sizeof want, "word%zu", next);
            while (next <= 3000 && (s = strstr(s, want)) != NULL) {
                s += strlen(want);
                next++;
                snprintf(want, sizeof want, "word%zu", next);
            }
        }
    assert_int_equal(next, 3001);
    wm_dl_free(dl);
    wm_doc_free(d);
}

/* The page of the first text op equal to s, searching from page `from`. */
static long page_of(const wm_dlist *dl, const char *s, size_t from)
{
    for (size_t p = from; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++)
            if (dl->pages[p].ops[i].kind == WM_OP_TEXT &&
                strcmp(dl->pages[p].ops[i].u.text.text, s) == 0)
                return (long)p;
    return -1;
}

static void table_of_300_rows(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc(
        "(function()"
        "  local rows = {}"
        "  for i = 1, 300 do rows[i] = {'R' .. i, 'Row ' .. i .. (i % 7 == 0 and"
        "    ' with a longer description that wraps onto a second line of the cell, or more'"
        "    or ''), 'V' .. i} end"
        "  return { {type='section', id='t', title='Table', blocks={"
        "    {type='table', columns={'Ref', 'Description', "
        "       {title='Valuation', align='right'}}, rows=rows,"
        "       total={'', 'Total', 'T'}}}}}"
        "end)()");
    wm_dlist *dl = lay(d);
    assert_within(dl);
    size_t pages_with_rows = 0, headers = 0;
    for (size_t p = 2; p < dl->n_pages; p++) {
        bool rows = false;
        for (size_t i = 0; i < dl->pages[p].n; i++) {
            const wm_op *op = &dl->pages[p].ops[i];
            if (op->kind != WM_OP_TEXT)
                continue;
            if (strcmp(op->u.text.text, "Valuation") == 0) {
                headers++;
                /* The header comes before any row on its page. */
                assert_false(rows);
            }
            if (op->u.text.text[0] == 'R' && op->u.text.text[1] >= '0' && op->u.text.text[1] <= '9')
                rows = true;
        }
        pages_with_rows += rows;
    }
    assert_true(pages_with_rows >= 5);
    assert_int_equal(headers, pages_with_rows);
    /* No row split: each row's first and last cells are on one page, and the
     * rows come in order. */
    long last = 0;
    for (int i = 1; i <= 300; i++) {
        char ref[16], val[16];
        snprintf(ref, sizeof ref, "R%d", i);
        snprintf(val, sizeof val, "V%d", i);
        long pr = page_of(dl, ref, 2), pv = page_of(dl, val, 2);
        assert_true(pr >= 0);
        assert_int_equal(pr, pv);
        assert_true(pr >= last);
        last = pr;
    }
    assert_true(page_of(dl, "T", 2) >= last);
    wm_dl_free(dl);
    wm_doc_free(d);
}

/* With n one-line paragraphs before it, a heading followed by a paragraph
 * always shares a page with that paragraph's first line. */
static void heading_kept_with_next(void **state)
{
    (void)state;
    for (int n = 40; n < 70; n++) {
        char lua[600];
        snprintf(lua, sizeof lua,
                 "(function()"
                 "  local b = {} for i = 1, %d do b[i] = {type='paragraph', text='line ' .. i} end"
                 "  b[#b + 1] = {type='heading', level=2, text='The heading'}"
                 "  b[#b + 1] = {type='paragraph', text='First after the heading'}"
                 "  return { {type='section', id='h', title='H', blocks=b} }"
                 "end)()",
                 n);
        wm_doc *d = fixture_doc(lua);
        wm_dlist *dl = lay(d);
        long ph = page_of(dl, "The heading", 2);
        long pn = page_of(dl, "First after the heading", 2);
        assert_true(ph >= 2);
        if (ph != pn)
            fail_msg("with %d paragraphs the heading is on page %ld, what follows on %ld", n,
                     ph + 1, pn + 1);
        wm_dl_free(dl);
        wm_doc_free(d);
    }
}

/* A heading right after another (a title and its first sub-title) stays
 * with it and with the first line after both, wherever the page ends. */
static void headings_kept_together(void **state)
{
    (void)state;
    for (int n = 40; n < 70; n++) {
        char lua[700];
        snprintf(lua, sizeof lua,
                 "(function()"
                 "  local b = {} for i = 1, %d do b[i] = {type='paragraph', text='line ' .. i} end"
                 "  b[#b + 1] = {type='heading', level=2, text='Upper heading'}"
                 "  b[#b + 1] = {type='heading', level=3, text='Lower heading'}"
                 "  b[#b + 1] = {type='paragraph', text='First after the headings'}"
                 "  return { {type='section', id='h', title='H', blocks=b} }"
                 "end)()",
                 n);
        wm_doc *d = fixture_doc(lua);
        wm_dlist *dl = lay(d);
        long pu = page_of(dl, "Upper heading", 2), pl = page_of(dl, "Lower heading", 2);
        long pn = page_of(dl, "First after the headings", 2);
        if (pu != pl || pl != pn)
            fail_msg("with %d paragraphs: upper heading on page %ld, lower on %ld, text on %ld", n,
                     pu + 1, pl + 1, pn + 1);
        wm_dl_free(dl);
        wm_doc_free(d);
    }
}

/* The text op drawing exactly `s` (from page `from` on), or NULL. */
static const wm_op *text_op(const wm_dlist *dl, const char *s, size_t from)
{
    for (size_t p = from; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++)
            if (dl->pages[p].ops[i].kind == WM_OP_TEXT &&
                strcmp(dl->pages[p].ops[i].u.text.text, s) == 0)
                return &dl->pages[p].ops[i];
    return NULL;
}

/* A numbered list of 120 items: "100." ends before its item's text starts,
 * and every item of the list starts at the same x. */
static void long_numbered_list(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc("(function()"
                            "  local items = {} for i = 1, 120 do items[i] = 'Item ' .. i end"
                            "  return { {type='section', id='l', title='L', blocks={"
                            "    {type='list', numbered=true, items=items}}} }"
                            "end)()");
    wm_dlist *dl = lay(d);
    const wm_op *mark = text_op(dl, "100.", 2), *item = text_op(dl, "Item 100", 2);
    const wm_op *first = text_op(dl, "Item 1", 2);
    assert_non_null(mark);
    assert_non_null(item);
    assert_non_null(first);
    assert_true(mark->u.text.x + mark->u.text.width + 2 <= item->u.text.x);
    assert_true(fabs(first->u.text.x - item->u.text.x) < 0.001);
    wm_dl_free(dl);
    wm_doc_free(d);
}

static void contents_and_outline(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc("(function()"
                            "  local w = {} for i = 1, 900 do w[i] = 'word' end"
                            "  return { {type='section', id='a', title='Alpha', blocks={"
                            "     {type='paragraph', text=table.concat(w, ' ')},"
                            "     {type='heading', level=1, text='Alpha detail'},"
                            "     {type='paragraph', text='x'}}},"
                            "   {type='section', id='b', title='Beta', blocks={}} }"
                            "end)()");
    wm_dlist *dl = lay(d);
    assert_int_equal(dl->n_outline, 3);
    assert_string_equal(dl->outline[0].title, "Alpha");
    assert_string_equal(dl->outline[1].title, "Alpha detail");
    assert_int_equal(dl->outline[1].level, 2);
    assert_string_equal(dl->outline[2].title, "Beta");
    /* Sections start where the contents say: page 3 for Alpha, and Beta on
     * a new page after Alpha's. */
    assert_int_equal(dl->dests[dl->outline[0].dest].page, 2);
    long beta = page_of(dl, "Beta", 2);
    assert_int_equal(dl->dests[dl->outline[2].dest].page, (size_t)beta);
    char num[32];
    snprintf(num, sizeof num, "%ld", beta + 1);
    assert_int_equal(page_of(dl, num, 1), 1); /* the number is on the contents page */
    /* Footer on every page but the cover. */
    char foot[64];
    snprintf(foot, sizeof foot, "Page %zu of %zu", dl->n_pages, dl->n_pages);
    assert_int_equal(page_of(dl, foot, 0), (long)dl->n_pages - 1);
    assert_int_equal(page_of(dl, "Page 1 of 1", 0), -1);
    wm_dl_free(dl);
    wm_doc_free(d);
}

static void same_input_same_layout(void **state)
{
    (void)state;
    const char *lua = "{ {type='section', id='a', title='Zoë in Łódź', blocks={"
                      "  {type='paragraph', text={'€ 1,200 — ', {text='“bold”', bold=true}}},"
                      "  {type='kv', items={{key='k', value='v'}}}}} }";
    wm_doc *d1 = fixture_doc(lua), *d2 = fixture_doc(lua);
    wm_dlist *a = lay(d1), *b = lay(d2);
    char *da = wm_dl_dump(a), *db = wm_dl_dump(b);
    assert_string_equal(da, db);
    assert_non_null(strstr(da, "\"Zoë in Łódź\""));
    free(da);
    free(db);
    wm_dl_free(a);
    wm_dl_free(b);
    wm_doc_free(d1);
    wm_doc_free(d2);
}

/* Every Unicode scalar value (U+0000..U+10FFFF but the surrogates) goes
 * through layout, the pen and the PDF writer without an abort: paragraphs
 * of 4,096 code points, each after a space, in runs of 64 that are plain,
 * bold, italic and links by turns; then the sequences that join or modify
 * characters (flags, ZWJ emoji, combining marks, variation selectors, bidi
 * controls) in a title, a heading and a table cell. */
static void every_scalar_value_drawn(void **state)
{
    (void)state;
    const char *lua =
        "(function()"
        "  local blocks, cp = {}, 0"
        "  while cp <= 0x10FFFF do"
        "    local runs, run, k = {}, {}, 0"
        "    while k < 4096 and cp <= 0x10FFFF do"
        "      if cp < 0xD800 or cp > 0xDFFF then run[#run + 1] = ' ' .. utf8.char(cp); k = k + 1 "
        "end"
        "      cp = cp + 1"
        "      if #run == 64 or k == 4096 or cp > 0x10FFFF then"
        "        local i = #runs % 4"
        "        runs[#runs + 1] = { text = table.concat(run), bold = i == 1, italic = i == 2,"
        "                            link = i == 3 and 'https://example.org/' or nil }"
        "        run = {}"
        "      end"
        "    end"
        "    blocks[#blocks + 1] = { type = 'paragraph', text = runs }"
        "  end"
        "  local joined = 'UK \\u{1F1EC}\\u{1F1E7}\\u{1F1EB} fam \\u{1F468}\\u{200D}\\u{1F469}'"
        "    .. '\\u{200D}\\u{1F467} e\\u{301}\\u{302} \\u{2764}\\u{FE0F} \\u{202E}abc\\u{202C}'"
        "    .. ' \\u{2067}x\\u{2069} \\u{E0067}\\u{E007F} \\u{FFFF}\\u{FFFE}'"
        "  table.insert(blocks, 1, { type = 'heading', text = joined })"
        "  table.insert(blocks, 2, { type = 'table', columns = { joined, 'b' },"
        "                            rows = { { joined, { { text = joined, link = 'https://x.org/' "
        "} } } } })"
        "  return { { type = 'section', id = 'all', title = joined, blocks = blocks } }"
        "end)()";
    wm_doc *d = fixture_doc(lua);
    assert_int_equal(d->sections[0].n_blocks, 2 + (0x110000 - 0x800 + 4095) / 4096);
    wm_dlist *dl = lay(d);
    assert_within(dl);
    wm_pdf_opts po = {0};
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        static char paths[WM_FACE_COUNT][1024];
        snprintf(paths[i], sizeof paths[i], "%s/fonts/%s", WM_SOURCE_DIR_TEST, FONT_FILES[i]);
        po.fonts[i] = paths[i];
    }
    unsigned char *pdf = NULL;
    size_t len = 0;
    char *err = NULL;
    if (wm_pdf_write(dl, &po, &pdf, &len, &err) != 0)
        fail_msg("%s", err);
    assert_true(len > 1000);
    free(pdf);
    wm_dl_free(dl);
    wm_doc_free(d);
}

/* A document needing more pages than WM_MAX_PAGES (a million newlines: one
 * line each) is laid out to its end without them, the section that passed
 * the limit named, so that render can refuse it at once. */
static void page_limit(void **state)
{
    (void)state;
    wm_doc *d = fixture_doc("{ {type='section', id='a', title='A', blocks={}},"
                            "  {type='section', id='b', title='B', blocks={"
                            "    {type='paragraph', text=string.rep('\\n', 1000000)}}} }");
    wm_dlist *dl = lay(d);
    assert_true(dl->n_pages <= WM_MAX_PAGES);
    assert_int_equal(dl->overflow_section, 1);
    wm_dl_free(dl);
    wm_doc_free(d);
    d = fixture_doc(
        "{ {type='section', id='a', title='A', blocks={{type='paragraph', text='x'}}} }");
    dl = lay(d);
    assert_int_equal(dl->overflow_section, -1);
    wm_dl_free(dl);
    wm_doc_free(d);
}

/* A running footer of 12,000 combining accents (no width, so never cut to
 * fit) is drawn on each page as at most 2,048 bytes and an ellipsis. */
static void long_footer_is_cut(void **state)
{
    (void)state;
    wm_buf foot;
    wm_buf_init(&foot);
    for (int i = 0; i < 12000; i++)
        wm_buf_puts(&foot, "\xCC\x81");
    wm_doc *d = fixture_doc("{ {type='section', id='a', title='A', blocks={}} }");
    wm_layout_input in = {0};
    in.style = &style;
    in.page_w = 595.28;
    in.page_h = 841.89;
    in.margin_left = in.margin_right = in.margin_bottom = LEFT;
    in.margin_top = 62.36;
    in.front.client = "C";
    in.front.title = "T";
    in.front.footer = foot.data;
    in.front.brand_logo = in.front.client_logo = WM_NO_LOGO;
    in.info.date = -1;
    wm_dlist *dl = wm_layout(d, &in);
    size_t longest = 0;
    for (size_t p = 0; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++)
            if (dl->pages[p].ops[i].kind == WM_OP_TEXT) {
                size_t n = strlen(dl->pages[p].ops[i].u.text.text);
                longest = n > longest ? n : longest;
            }
    assert_true(longest > 1000 && longest <= 2048 + 3);
    wm_dl_free(dl);
    wm_doc_free(d);
    wm_buf_free(&foot);
}

/* Links in 24 narrow columns of 4,000 words each: more pieces of link
 * text (one a line) than WM_MAX_URI_AREAS, and that many clickable areas
 * (PDF annotations), no more. */
static void link_areas_bounded(void **state)
{
    (void)state;
    wm_doc *d =
        fixture_doc("(function() local cols, row = {}, {}"
                    "  for i = 1, 24 do cols[i] = 'c'; row[i] = {{text=string.rep('a ', 4000),"
                    "    link='https://example.org/'}} end"
                    "  return { {type='section', id='a', title='A', blocks={"
                    "    {type='table', columns=cols, rows={row}}}} } end)()");
    wm_dlist *dl = lay(d);
    size_t areas = 0, texts = 0;
    for (size_t p = 0; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n; i++) {
            const wm_op *op = &dl->pages[p].ops[i];
            areas += op->kind == WM_OP_LINK && op->u.link.uri;
            texts += op->kind == WM_OP_TEXT && op->u.text.text[0] == 'a';
        }
    assert_true(texts > WM_MAX_URI_AREAS);
    assert_int_equal(areas, WM_MAX_URI_AREAS);
    wm_dl_free(dl);
    wm_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_paragraph_and_word),
        cmocka_unit_test(table_of_300_rows),
        cmocka_unit_test(heading_kept_with_next),
        cmocka_unit_test(headings_kept_together),
        cmocka_unit_test(long_numbered_list),
        cmocka_unit_test(contents_and_outline),
        cmocka_unit_test(same_input_same_layout),
        cmocka_unit_test(every_scalar_value_drawn),
        cmocka_unit_test(page_limit),
        cmocka_unit_test(long_footer_is_cut),
        cmocka_unit_test(link_areas_bounded),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
