/*
 * test_chart.c - the vector charts: for each kind every operation stays in
 * the chart's box and the height is stable; stacked bars are proportional to
 * their values; the heat map's 25 cells have their bands' colours and list
 * their labels; a Gantt chart draws the rows of a piece with the axis
 * repeated, bars in their quarter columns, dependency connectors within a
 * piece and marks across pieces, and 600 rows over 40 quarters in pieces.
 *
 * Charts are built as a plugin would build them (a Lua table read back and
 * checked by wm_doc_build).  WM_CHART_DUMP=1 prints each display list
 * (wm_dl_dump), to eyeball while developing.
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
#include "plan/api.h"
#include "plan/marshal.h"
#include "plan/sandbox.h"
#include "fixtures.h"

#define TOL        0.02 /* coordinates are rounded to 1/100 pt */
#define SWATCH_MAX 7.5  /* legend swatches are 7 pt squares */

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

/* ---- building charts ---- */

typedef struct {
    wm_doc *doc;
    const wm_block *chart;
} chart_doc;

/* A document with one chart block; `data` is a Lua expression. */
static chart_doc chart_of(const char *kind, const char *title, const char *data)
{
    const wm_limits lim = {64u << 20, 100000000u, 5.0};
    char *err = NULL;
    wm_sandbox *sb = wm_sandbox_new(&lim, NULL, 1, &err);
    assert_non_null(sb);
    assert_true(wm_sandbox_cpcall(sb, wm_api_open, NULL, 0, 0, &err));
    lua_State *L = wm_sandbox_state(sb);
    char *code = NULL;
    assert_true(asprintf(&code,
                         "return {{type='section', id='s', title='S', blocks={{type='chart',"
                         " kind='%s', %s%s%s data=%s}}}}",
                         kind, title ? "title='" : "", title ? title : "", title ? "'," : "",
                         data) > 0);
    assert_int_equal(luaL_loadbufferx(L, code, strlen(code), "=t", "t"), LUA_OK);
    free(code);
    wm_sandbox_arm(sb, &lim);
    if (!wm_sandbox_pcall(sb, 0, 1, &err))
        fail_msg("%s", err);
    wm_arena a;
    wm_arena_init(&a);
    wm_lua_reader r = {.arena = &a, .root = "result"};
    assert_true(wm_sandbox_cpcall(sb, wm_lua_read, &r, -1, 0, &err));
    chart_doc cd;
    wm_doc_error e;
    cd.doc = wm_doc_build(r.result, NULL, &e);
    if (!cd.doc)
        fail_msg("%s: %s", e.path, e.message);
    cd.chart = &cd.doc->sections[0].blocks[0];
    wm_arena_free(&a);
    wm_sandbox_free(sb);
    return cd;
}

static void dump_if_asked(const wm_dlist *dl, const char *what)
{
    const char *env = getenv("WM_CHART_DUMP");
    if (!env || !*env)
        return;
    char *d = wm_dl_dump(dl);
    printf("---- %s\n%s", what, d);
    free(d);
}

/* ---- looking at what was drawn ---- */

typedef struct {
    double x, top, w, h;
} box;

static bool in_range(double v, double lo, double hi)
{
    return v >= lo - TOL && v <= hi + TOL;
}

/* Every operation on the page lies inside the box; text with room for its
 * ascent and descent. */
static void assert_inside(const wm_dlist *dl, size_t page, box b)
{
    const wm_page *p = &dl->pages[page];
    double x1 = b.x + b.w, y0 = b.top - b.h;
    assert_true(p->n > 0);
    for (size_t i = 0; i < p->n; i++) {
        const wm_op *op = &p->ops[i];
        bool ok = true;
        switch (op->kind) {
        case WM_OP_TEXT:
            ok = in_range(op->u.text.x, b.x, x1) &&
                 in_range(op->u.text.x + op->u.text.width, b.x, x1) &&
                 in_range(op->u.text.y - 0.24 * op->u.text.size, y0, b.top) &&
                 in_range(op->u.text.y + 0.72 * op->u.text.size, y0, b.top);
            break;
        case WM_OP_RECT:
            ok = in_range(op->u.rect.x, b.x, x1) &&
                 in_range(op->u.rect.x + op->u.rect.w, b.x, x1) &&
                 in_range(op->u.rect.y, y0, b.top) &&
                 in_range(op->u.rect.y + op->u.rect.h, y0, b.top) && op->u.rect.w >= 0 &&
                 op->u.rect.h >= 0;
            break;
        case WM_OP_LINE:
            ok = in_range(op->u.line.x1, b.x, x1) && in_range(op->u.line.x2, b.x, x1) &&
                 in_range(op->u.line.y1, y0, b.top) && in_range(op->u.line.y2, y0, b.top);
            break;
        case WM_OP_POLY:
            for (size_t k = 0; k < op->u.poly.n; k++)
                ok = ok && in_range(op->u.poly.points[k].x, b.x, x1) &&
                     in_range(op->u.poly.points[k].y, y0, b.top);
            break;
        default:
            ok = false; /* charts draw nothing else */
        }
        if (!ok) {
            char *d = wm_dl_dump(dl);
            fail_msg("op %zu (kind %d) outside [%.2f, %.2f] x [%.2f, %.2f]\n%s", i, op->kind, b.x,
                     x1, y0, b.top, d);
        }
    }
}

static size_t count_text(const wm_dlist *dl, size_t page, const char *text)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        n += op->kind == WM_OP_TEXT && strcmp(op->u.text.text, text) == 0;
    }
    return n;
}

static const wm_op *find_text(const wm_dlist *dl, size_t page, const char *text)
{
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind == WM_OP_TEXT && strcmp(op->u.text.text, text) == 0)
            return op;
    }
    return NULL;
}

static bool same_rgb(wm_rgb a, wm_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static size_t count_kind(const wm_dlist *dl, size_t page, wm_op_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->pages[page].n; i++)
        n += dl->pages[page].ops[i].kind == kind;
    return n;
}

/* Draw a one-piece chart at (40, 700) on a fresh list and check its box. */
static wm_dlist *draw_checked(const wm_block *chart, double width, const char *what)
{
    double h = wm_chart_height(&style, chart, width);
    assert_true(h > 0);
    assert_true(h == wm_chart_height(&style, chart, width));
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    size_t page = wm_dl_add_page(dl);
    wm_chart_draw(dl, page, &style, chart, 40, 700, width);
    dump_if_asked(dl, what);
    assert_inside(dl, page, (box){40, 700, width, h});
    return dl;
}

/* ---- bar and stacked bar ---- */

static void bar_grouped_money(void **state)
{
    (void)state;
    chart_doc cd = chart_of("bar", "Cost by year",
                            "{categories={'2027', '2028', '2029'}, format='money',"
                            " series={{name='Build', values={420000, 610000, 150000}},"
                            " {name='Run', values={80000, 120000, 180000}}}}");
    double h = wm_chart_height(&style, cd.chart, 480);
    assert_true(h > 200 && h < 320);
    wm_dlist *dl = draw_checked(cd.chart, 480, "bar");
    /* Nice ticks: 0, 200k, ... 800k (1-2-5 steps, 4-6 ticks from 0). */
    assert_non_null(find_text(dl, 0, "£0"));
    assert_non_null(find_text(dl, 0, "£200k"));
    assert_non_null(find_text(dl, 0, "£800k"));
    assert_null(find_text(dl, 0, "£1m"));
    /* Title, categories, a legend for two series. */
    const wm_op *title = find_text(dl, 0, "Cost by year");
    assert_non_null(title);
    assert_int_equal(title->u.text.face, WM_FACE_BOLD);
    assert_int_equal(count_text(dl, 0, "2028"), 1);
    assert_int_equal(count_text(dl, 0, "Build"), 1);
    assert_int_equal(count_text(dl, 0, "Run"), 1);
    /* Six bars in the series colours, side by side. */
    size_t primary = 0, secondary = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind == WM_OP_RECT && op->u.rect.w > SWATCH_MAX) {
            primary += same_rgb(op->u.rect.fill_colour, style.primary);
            secondary += same_rgb(op->u.rect.fill_colour, style.secondary);
        }
    }
    assert_int_equal(primary, 3);
    assert_int_equal(secondary, 3);
    wm_dl_free(dl);
    /* One series: no legend, so the chart is shorter. */
    chart_doc one = chart_of("bar", "Cost by year",
                             "{categories={'2027', '2028'}, series={{name='Build',"
                             " values={1, 2}}}}");
    assert_true(wm_chart_height(&style, one.chart, 480) < h);
    wm_doc_free(one.doc);
    wm_doc_free(cd.doc);
}

static void bar_formats(void **state)
{
    (void)state;
    chart_doc pct = chart_of("bar", NULL,
                             "{categories={'a', 'b'}, format='percent',"
                             " series={{name='x', values={0.4, 0.72}}}}");
    wm_dlist *dl = draw_checked(pct.chart, 300, "percent");
    assert_non_null(find_text(dl, 0, "0%"));
    assert_non_null(find_text(dl, 0, "40%"));
    assert_non_null(find_text(dl, 0, "80%"));
    wm_dl_free(dl);
    wm_doc_free(pct.doc);

    chart_doc days = chart_of("bar", NULL,
                              "{categories={'a', 'b'}, format='days',"
                              " series={{name='x', values={120, 45}}}}");
    dl = draw_checked(days.chart, 300, "days");
    assert_non_null(find_text(dl, 0, "0 d"));
    assert_non_null(find_text(dl, 0, "50 d"));
    assert_non_null(find_text(dl, 0, "150 d"));
    wm_dl_free(dl);
    wm_doc_free(days.doc);

    chart_doc num =
        chart_of("bar", NULL, "{categories={'a', 'b'}, series={{name='x', values={12000, 4500}}}}");
    dl = draw_checked(num.chart, 300, "number");
    assert_non_null(find_text(dl, 0, "10,000"));
    wm_dl_free(dl);
    wm_doc_free(num.doc);
}

/* Sum of the heights of the rects in each bar column. */
static void column_heights(const wm_dlist *dl, const double *centres, size_t n, double *out)
{
    for (size_t k = 0; k < n; k++)
        out[k] = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind != WM_OP_RECT || op->u.rect.w <= SWATCH_MAX)
            continue;
        for (size_t k = 0; k < n; k++)
            if (fabs(op->u.rect.x + op->u.rect.w / 2 - centres[k]) < 0.5)
                out[k] += op->u.rect.h;
    }
}

static void stacked_bar_proportional(void **state)
{
    (void)state;
    chart_doc cd = chart_of("stacked_bar", "Effort by tier",
                            "{categories={'Q1', 'Q2', 'Q3'}, format='days',"
                            " series={{name='Must', values={30, 10, 0}},"
                            " {name='Should', values={20, -5, 12}},"
                            " {name='Could', values={10, 40, 6}}}}");
    wm_dlist *dl = draw_checked(cd.chart, 420, "stacked");
    /* Column centres: where the category labels are centred. */
    double centres[3];
    const char *cats[3] = {"Q1", "Q2", "Q3"};
    for (int k = 0; k < 3; k++) {
        const wm_op *t = find_text(dl, 0, cats[k]);
        assert_non_null(t);
        centres[k] = t->u.text.x + t->u.text.width / 2;
    }
    double hs[3];
    column_heights(dl, centres, 3, hs);
    const double totals[3] = {60, 50, 18}; /* the negative value counts as 0 */
    double unit = hs[0] / totals[0];
    assert_true(unit > 0);
    for (int k = 0; k < 3; k++)
        if (fabs(hs[k] - totals[k] * unit) > 0.05)
            fail_msg("column %d: %.2f, expected %.2f", k, hs[k], totals[k] * unit);
    /* Ticks reach the largest total: 0 .. 60 d in steps of 20. */
    assert_non_null(find_text(dl, 0, "60 d"));
    assert_null(find_text(dl, 0, "80 d"));
    wm_dl_free(dl);
    wm_doc_free(cd.doc);
}

static void bar_many_categories(void **state)
{
    (void)state;
    /* 40 quarters on a narrow chart: labels thinned out, none overlapping. */
    chart_doc cd = chart_of("bar", NULL,
                            "(function() local c, v = {}, {} for i = 0, 39 do"
                            " c[#c + 1] = string.format('%d-Q%d', 2027 + i // 4, i % 4 + 1)"
                            " v[#v + 1] = i * 1000 end"
                            " return {categories = c, format = 'money',"
                            " series = {{name = 'Spend', values = v}}} end)()");
    wm_dlist *dl = draw_checked(cd.chart, 400, "many");
    double last_end = -1e9;
    size_t shown = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind != WM_OP_TEXT || strstr(op->u.text.text, "-Q") == NULL)
            continue;
        assert_null(strstr(op->u.text.text, "\xE2\x80\xA6")); /* whole or not at all */
        assert_true(op->u.text.x > last_end);
        last_end = op->u.text.x + op->u.text.width;
        shown++;
    }
    assert_true(shown >= 4 && shown < 40);
    wm_dl_free(dl);
    wm_doc_free(cd.doc);

    /* Long names on a few categories: fitted, on two lines if need be. */
    chart_doc lng = chart_of("bar", NULL,
                             "{categories={'Customer onboarding platform rebuild',"
                             " 'Data warehouse', 'Security and compliance programme'},"
                             " series={{name='x', values={1, 2, 3}}}}");
    dl = draw_checked(lng.chart, 260, "long names");
    wm_dl_free(dl);
    wm_doc_free(lng.doc);
}

/* ---- radar ---- */

static void radar_polygons(void **state)
{
    (void)state;
    chart_doc cd = chart_of("radar", "Engineering maturity",
                            "{axes={'Delivery', 'Architecture & platform', 'Data & analytics',"
                            " 'Security', 'People & ways of working', 'Product management'},"
                            " series={{name='Current', values={2, 1.5, 1, 3, 2.5, 2}},"
                            " {name='Target', values={4, 3.5, 3, 4, 4, 3.5}}}}");
    wm_dlist *dl = draw_checked(cd.chart, 480, "radar");
    /* Five rings (1..5), the first series filled with a tint and stroked. */
    size_t rings = 0, filled = 0, stroked = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind != WM_OP_POLY || op->u.poly.n != 6)
            continue;
        if (op->u.poly.fill) {
            filled++;
            assert_false(same_rgb(op->u.poly.fill_colour, style.primary)); /* a tint */
        } else if (same_rgb(op->u.poly.stroke_colour, style.primary)) {
            stroked++;
        } else {
            rings++;
        }
    }
    assert_int_equal(rings, 5);
    assert_int_equal(filled, 1);
    assert_int_equal(stroked, 1);
    /* The second series is dashed lines, one per side. */
    size_t dashed = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        dashed += op->kind == WM_OP_LINE && op->u.line.dash &&
                  same_rgb(op->u.line.colour, style.secondary) &&
                  fabs(op->u.line.x2 - op->u.line.x1) + fabs(op->u.line.y2 - op->u.line.y1) > 14;
    }
    assert_int_equal(dashed, 6);
    assert_non_null(find_text(dl, 0, "Delivery"));
    assert_non_null(find_text(dl, 0, "Current"));
    assert_non_null(find_text(dl, 0, "Target"));
    /* The first axis is at 12 o'clock: its label is centred over the centre. */
    const wm_op *top = find_text(dl, 0, "Delivery");
    assert_true(fabs(top->u.text.x + top->u.text.width / 2 - (40 + 240)) < 0.1);
    wm_dl_free(dl);
    /* Narrow: still inside. */
    dl = draw_checked(cd.chart, 220, "radar narrow");
    wm_dl_free(dl);
    wm_doc_free(cd.doc);
}

static void radar_few_axes_and_max(void **state)
{
    (void)state;
    chart_doc cd =
        chart_of("radar", NULL,
                 "{axes={'Data', 'Delivery'}, max=10,"
                 " series={{name='Now', values={3, 12}}, {name='Goal', values={8, 9}}}}");
    wm_dlist *dl = draw_checked(cd.chart, 400, "radar bars");
    assert_int_equal(count_kind(dl, 0, WM_OP_POLY), 0);
    size_t bars = 0;
    double longest = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind == WM_OP_RECT && op->u.rect.h == 8) {
            bars++;
            longest = fmax(longest, op->u.rect.w);
        }
    }
    assert_int_equal(bars, 4);
    assert_non_null(find_text(dl, 0, "10"));
    wm_dl_free(dl);
    wm_doc_free(cd.doc);

    chart_doc big = chart_of("radar", NULL,
                             "{axes={'a', 'b', 'c', 'd'}, max=100,"
                             " series={{name='Now', values={30, 50, 80, 100}}}}");
    dl = draw_checked(big.chart, 400, "radar max 100");
    assert_true(count_kind(dl, 0, WM_OP_POLY) <= 8); /* rings at nice steps, not 100 */
    assert_non_null(find_text(dl, 0, "100"));
    wm_dl_free(dl);
    wm_doc_free(big.doc);
}

/* ---- heat map ---- */

static const wm_rgb LOW = {0xD5, 0xEB, 0xD8}, MEDIUM = {0xFB, 0xEA, 0xB5},
                    HIGH = {0xF7, 0xCB, 0xA1}, CRITICAL = {0xEE, 0xA5, 0x9D};

static wm_rgb band(int l, int i)
{
    int s = l * i;
    return s <= 4 ? LOW : s <= 9 ? MEDIUM : s <= 16 ? HIGH : CRITICAL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void heatmap_cells(void **state)
{
    (void)state;
    chart_doc cd = chart_of(
        "heatmap", "Risk heat map",
        "{cells={{likelihood=5, impact=5, label='R-1'}, {likelihood=5, impact=5, label='R-4'},"
        " {likelihood=5, impact=5, label='R-5'}, {likelihood=5, impact=5, label='R-6'},"
        " {likelihood=5, impact=5, label='R-7'}, {likelihood=5, impact=5, label='R-8'},"
        " {likelihood=5, impact=5, label='R-9'}, {likelihood=5, impact=5, label='R-10'},"
        " {likelihood=5, impact=5, label='R-11'}, {likelihood=5, impact=5, label='R-12'},"
        " {likelihood=5, impact=5, label='R-13'}, {likelihood=5, impact=5, label='R-14'},"
        " {likelihood=5, impact=5, label='R-15'}, {likelihood=5, impact=5, label='R-16'},"
        " {likelihood=2, impact=3, label='R-2'}, {likelihood=1, impact=1},"
        " {likelihood=1, impact=1}}}");
    wm_dlist *dl = draw_checked(cd.chart, 300, "heatmap");
    /* The 25 cells: the rects in band colours, on a 5 x 5 grid. */
    double xs[25], ys[25];
    const wm_op *cells[25];
    size_t n = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind == WM_OP_RECT && op->u.rect.w > 20) {
            assert_true(n < 25);
            cells[n] = op;
            xs[n] = op->u.rect.x;
            ys[n] = op->u.rect.y;
            n++;
        }
    }
    assert_int_equal(n, 25);
    qsort(xs, 25, sizeof *xs, cmp_double);
    qsort(ys, 25, sizeof *ys, cmp_double);
    for (size_t k = 0; k < 25; k++) {
        int l = 0, im = 0; /* likelihood by x rank, impact by y rank */
        for (size_t j = 0; j < 25; j += 5) {
            l += cells[k]->u.rect.x > xs[j] + 1;
            im += cells[k]->u.rect.y > ys[j] + 1;
        }
        l += 1;
        im += 1;
        if (!same_rgb(cells[k]->u.rect.fill_colour, band(l, im)))
            fail_msg("cell (%d, %d) has the wrong band colour", l, im);
    }
    /* (5,5) lists what fits and counts the rest; (2,3) its one label; (1,1)
     * the count of its unlabelled risks. */
    bool more = false;
    for (size_t i = 0; i < dl->pages[0].n; i++) {
        const wm_op *op = &dl->pages[0].ops[i];
        if (op->kind == WM_OP_TEXT && strstr(op->u.text.text, "R-1,") == op->u.text.text)
            assert_true(op->u.text.width <= cells[0]->u.rect.w);
        if (op->kind == WM_OP_TEXT && strchr(op->u.text.text, '+'))
            more = true;
    }
    assert_true(more);
    assert_int_equal(count_text(dl, 0, "R-2"), 1);
    assert_int_equal(count_text(dl, 0, "2"), 3); /* tick labels and the count */
    assert_non_null(find_text(dl, 0, "Likelihood"));
    assert_non_null(find_text(dl, 0, "Impact"));
    wm_dl_free(dl);
    /* Wide: cells capped, still inside. */
    dl = draw_checked(cd.chart, 520, "heatmap wide");
    wm_dl_free(dl);
    wm_doc_free(cd.doc);
}

/* ---- Gantt ---- */

static const char *GANTT_SMALL =
    "{quarters={'2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1', '2028-Q2'},"
    " rows={{id='I1', label='Data platform', start='2027-Q1', ['end']='2027-Q2', tier='must'},"
    "  {id='I2', label='Customer portal', start='2027-Q3', ['end']='2028-Q1', tier='should',"
    "   deps={'I1'}},"
    "  {id='I3', label='Analytics', start='2027-Q2', ['end']='2027-Q3', tier='could', deps={'I1'}},"
    "  {id='I4', label='Legacy exit', tier='wont'},"
    "  {id='I5', label='Mobile app', start='2028-Q1', ['end']='2028-Q2', tier='should',"
    "   deps={'I2'}},"
    "  {id='I6', label='AI pilot', start='2027-Q1', ['end']='2028-Q2'}},"
    " markers={{quarter='2027-Q4', label='O1 launch'}, {quarter='2027-Q4', label='O2'}}}";

/* Draw pieces, one per page, each checked against its box. */
static wm_dlist *draw_pieces(const wm_gantt *g, const size_t *cuts, size_t n_pieces, double width)
{
    wm_dlist *dl = wm_dl_new(595.28, 841.89);
    for (size_t k = 0; k < n_pieces; k++) {
        size_t page = wm_dl_add_page(dl);
        bool last = k + 1 == n_pieces;
        (void)last;
        wm_gantt_draw(dl, page, g, cuts[k], cuts[k + 1], 40, 780);
        double h = wm_gantt_head_height(g) + wm_gantt_rows_height(g, cuts[k], cuts[k + 1]) +
                   wm_gantt_foot_height(g);
        assert_inside(dl, page, (box){40, 780, width, h});
    }
    return dl;
}

/* The bar drawn for a row: the rect of height 7.5 on the row's label's
 * line. */
static const wm_op *bar_of(const wm_dlist *dl, size_t page, const char *label)
{
    const wm_op *t = find_text(dl, page, label);
    assert_non_null(t);
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind == WM_OP_RECT && fabs(op->u.rect.h - 7.5) < 0.01 &&
            t->u.text.y > op->u.rect.y && t->u.text.y < op->u.rect.y + op->u.rect.h)
            return op;
    }
    return NULL;
}

static void gantt_pieces(void **state)
{
    (void)state;
    chart_doc cd = chart_of("gantt", "Roadmap", GANTT_SMALL);
    const double width = 480;
    wm_gantt *g = wm_gantt_prepare(&style, cd.chart, width);
    assert_int_equal(wm_gantt_rows(g), 6);
    assert_true(wm_gantt_head_height(g) > 20);
    assert_true(wm_gantt_rows_height(g, 0, 1) >= 13 && wm_gantt_rows_height(g, 0, 1) <= 14);
    assert_true(wm_gantt_foot_height(g) > 0);

    /* Pieces [0, 2), [2, 6): each draws exactly its rows' labels and the
     * axis again. */
    const size_t cuts[] = {0, 2, 6};
    wm_dlist *dl = draw_pieces(g, cuts, 2, width);
    dump_if_asked(dl, "gantt pieces");
    const char *labels[] = {"Data platform", "Customer portal", "Analytics",
                            "Legacy exit",   "Mobile app",      "AI pilot"};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(count_text(dl, 0, labels[i]), i < 2);
        assert_int_equal(count_text(dl, 1, labels[i]), i >= 2);
    }
    for (size_t page = 0; page < 2; page++) {
        assert_int_equal(count_text(dl, page, "Q1 2027"), 1);
        assert_int_equal(count_text(dl, page, "Q2 2028"), 1);
        assert_int_equal(count_text(dl, page, "O1 launch, O2"), 1);
    }
    assert_non_null(find_text(dl, 0, "Roadmap"));
    assert_non_null(find_text(dl, 1, "Roadmap (continued)"));
    assert_int_equal(count_text(dl, 1, "not scheduled"), 1);
    /* The legend under every piece. */
    for (size_t page = 0; page < 2; page++) {
        assert_int_equal(count_text(dl, page, "Must"), 1);
        assert_int_equal(count_text(dl, page, "No tier"), 1);
        assert_int_equal(count_text(dl, page, "Won't"), 0); /* no bar is a won't */
        assert_int_equal(count_text(dl, page, "Objective deadline"), 1);
        assert_int_equal(count_text(dl, page, "Depends on"), 1);
    }
    /* The second piece names the sources on the first of its arrows. */
    assert_int_equal(count_text(dl, 1, "from I1"), 1); /* Analytics on Data platform */
    assert_int_equal(count_text(dl, 1, "from I2"), 1); /* Mobile app on Customer portal */
    assert_int_equal(count_text(dl, 0, "from I1"), 0);

    /* Bars start and end on the quarter lines: the track is the last 70% of
     * the width, six columns. */
    double track = 40 + 0.3 * width, col = (width - 0.3 * width) / 6;
    struct {
        size_t page;
        const char *label;
        int start, end;
    } spans[] = {{0, "Data platform", 0, 1},
                 {0, "Customer portal", 2, 4},
                 {1, "Analytics", 1, 2},
                 {1, "Mobile app", 4, 5},
                 {1, "AI pilot", 0, 5}};
    for (size_t k = 0; k < sizeof spans / sizeof *spans; k++) {
        const wm_op *bar = bar_of(dl, spans[k].page, spans[k].label);
        assert_non_null(bar);
        double x0 = track + spans[k].start * col, x1 = track + (spans[k].end + 1) * col;
        if (fabs(bar->u.rect.x - x0) > 1.05 || fabs(bar->u.rect.x + bar->u.rect.w - x1) > 1.05)
            fail_msg("%s: bar %.2f..%.2f, columns %.2f..%.2f", spans[k].label, bar->u.rect.x,
                     bar->u.rect.x + bar->u.rect.w, x0, x1);
        /* and a vertical quarter line at its start */
        bool line_at_start = spans[k].start == 0;
        for (size_t i = 0; i < dl->pages[spans[k].page].n && !line_at_start; i++) {
            const wm_op *op = &dl->pages[spans[k].page].ops[i];
            line_at_start = op->kind == WM_OP_LINE && op->u.line.x1 == op->u.line.x2 &&
                            fabs(op->u.line.x1 - x0) < 0.02;
        }
        assert_true(line_at_start);
    }
    assert_true(same_rgb(bar_of(dl, 0, "Data platform")->u.rect.fill_colour, style.primary));
    assert_true(same_rgb(bar_of(dl, 0, "Customer portal")->u.rect.fill_colour, style.secondary));
    assert_true(same_rgb(bar_of(dl, 1, "Analytics")->u.rect.fill_colour, style.accent));

    /* Dependencies: I2 on I1 in the same piece: a connector; I3 on I1 in
     * the other piece: a mark only; I5 on I2 likewise. */
    size_t open0 = 0, open1 = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++)
        open0 += dl->pages[0].ops[i].kind == WM_OP_POLY && !dl->pages[0].ops[i].u.poly.closed;
    for (size_t i = 0; i < dl->pages[1].n; i++)
        open1 += dl->pages[1].ops[i].kind == WM_OP_POLY && !dl->pages[1].ops[i].u.poly.closed;
    assert_int_equal(open0, 1);
    assert_int_equal(open1, 0);
    /* Closed polys: the marker flag, arrowheads (1 on page 0; 2 on page 1),
     * the legend's arrow. */
    assert_int_equal(count_kind(dl, 0, WM_OP_POLY) - open0, 1 + 1 + 1);
    assert_int_equal(count_kind(dl, 1, WM_OP_POLY), 1 + 2 + 1);
    /* The marker: a dashed line at the end of 2027-Q4. */
    double xm = track + 4 * col;
    bool dashed = false;
    for (size_t i = 0; i < dl->pages[1].n; i++) {
        const wm_op *op = &dl->pages[1].ops[i];
        dashed = dashed || (op->kind == WM_OP_LINE && op->u.line.dash &&
                            fabs(op->u.line.x1 - xm) < 0.02 && op->u.line.x1 == op->u.line.x2);
    }
    assert_true(dashed);
    wm_dl_free(dl);

    /* All in one piece: every dependency is a connector. */
    const size_t one[] = {0, 6};
    dl = draw_pieces(g, one, 1, width);
    size_t open = 0;
    for (size_t i = 0; i < dl->pages[0].n; i++)
        open += dl->pages[0].ops[i].kind == WM_OP_POLY && !dl->pages[0].ops[i].u.poly.closed;
    assert_int_equal(open, 3);
    wm_dl_free(dl);
    wm_gantt_free(g);

    /* Through wm_chart_draw as one piece, narrow. */
    dl = draw_checked(cd.chart, 260, "gantt narrow");
    wm_dl_free(dl);
    wm_doc_free(cd.doc);
}

/* No text on the page is shortened with an ellipsis. */
static void assert_no_ellipsis(const wm_dlist *dl, size_t page)
{
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind == WM_OP_TEXT && strstr(op->u.text.text, "\xE2\x80\xA6"))
            fail_msg("shortened: '%s'", op->u.text.text);
    }
}

/* Every text on the page, joined with spaces in drawing order. */
static char *page_text(const wm_dlist *dl, size_t page)
{
    wm_buf b = {0};
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind == WM_OP_TEXT) {
            wm_buf_puts(&b, op->u.text.text);
            wm_buf_putc(&b, ' ');
        }
    }
    return b.data ? b.data : wm_xstrdup("");
}

static const char *GANTT_LONG =
    "{quarters={'2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1', '2028-Q2', '2028-Q3',"
    " '2028-Q4'},"
    " rows={{id='A', label='SEC-04 SOC 2 Type II observation window and audit',"
    "   start='2027-Q1', ['end']='2027-Q2', tier='must'},"
    "  {id='B', label='PLAT-04 Disaster recovery with tested restores across two regions',"
    "   start='2027-Q3', ['end']='2027-Q4', tier='should', deps={'A'}},"
    "  {id='C', label='Short', start='2027-Q2', ['end']='2027-Q2'},"
    "  {id='D', label='Supercalifragilisticexpialidociousprogrammeofworkwithoutspaces',"
    "   start='2028-Q1', ['end']='2028-Q4'}},"
    " markers={{quarter='2027-Q4', label='O1 deadline'}, {quarter='2028-Q1',"
    " label='O2 deadline'}, {quarter='2028-Q2', label='O3, O5 deadlines'}}}";

/* Long labels are wrapped (the row grows), never shortened; marker labels
 * in neighbouring quarters stack instead of being cut. */
static void gantt_whole_labels(void **state)
{
    (void)state;
    chart_doc cd = chart_of("gantt", "Roadmap", GANTT_LONG);
    const double width = 481.89;
    wm_gantt *g = wm_gantt_prepare(&style, cd.chart, width);
    /* The label column widens (eight columns leave room) so that A's label
     * fits one line; B's and D's still take two lines or more, C's one. */
    assert_true(wm_gantt_rows_height(g, 0, 1) < 14);
    assert_true(wm_gantt_rows_height(g, 1, 2) > 17);
    assert_true(wm_gantt_rows_height(g, 2, 3) < 14);
    assert_true(wm_gantt_rows_height(g, 3, 4) > 17);
    const size_t cuts[] = {0, 4};
    wm_dlist *dl = draw_pieces(g, cuts, 1, width);
    dump_if_asked(dl, "gantt labels");
    assert_no_ellipsis(dl, 0);
    /* Every word of every label is drawn. */
    char *all = page_text(dl, 0);
    const char *words[] = {"SEC-04",      "observation",     "audit", "PLAT-04",
                           "tested",      "regions",         "Short", "O1 deadline",
                           "O2 deadline", "O3, O5 deadlines"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strstr(all, words[i]))
            fail_msg("'%s' not drawn in: %s", words[i], all);
    free(all);
    /* The marker labels do not overlap one another. */
    const char *marks[] = {"O1 deadline", "O2 deadline", "O3, O5 deadlines"};
    for (size_t i = 0; i < 3; i++)
        for (size_t j = i + 1; j < 3; j++) {
            const wm_op *a = find_text(dl, 0, marks[i]), *b = find_text(dl, 0, marks[j]);
            bool apart = fabs(a->u.text.y - b->u.text.y) > 6 ||
                         a->u.text.x + a->u.text.width <= b->u.text.x ||
                         b->u.text.x + b->u.text.width <= a->u.text.x;
            if (!apart)
                fail_msg("'%s' overlaps '%s'", marks[i], marks[j]);
        }
    wm_dl_free(dl);
    wm_gantt_free(g);
    wm_doc_free(cd.doc);
}

/* The x of each vertical segment of the open polylines (connectors). */
static size_t connector_verticals(const wm_dlist *dl, size_t page, double *xs, double *lo,
                                  double *hi, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind != WM_OP_POLY || op->u.poly.closed)
            continue;
        for (size_t k = 0; k + 1 < op->u.poly.n && n < max; k++) {
            wm_point a = op->u.poly.points[k], b = op->u.poly.points[k + 1];
            if (fabs(a.x - b.x) < 0.01 && fabs(a.y - b.y) > 0.01) {
                xs[n] = a.x;
                lo[n] = fmin(a.y, b.y);
                hi[n] = fmax(a.y, b.y);
                n++;
            }
        }
    }
    return n;
}

/* Connectors from two rows whose bars end in the same quarter, to rows
 * further down, run on verticals of their own; two connectors from one row
 * may share its vertical (a fork). */
static void gantt_connector_lanes(void **state)
{
    (void)state;
    chart_doc cd =
        chart_of("gantt", NULL,
                 "{quarters={'2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'},"
                 " rows={{id='A', label='A', start='2027-Q1', ['end']='2027-Q2'},"
                 "  {id='B', label='B', start='2027-Q1', ['end']='2027-Q2'},"
                 "  {id='C', label='C', start='2027-Q4', ['end']='2027-Q4', deps={'B'}},"
                 "  {id='D', label='D', start='2027-Q4', ['end']='2027-Q4', deps={'A'}},"
                 "  {id='E', label='E', start='2027-Q3', ['end']='2027-Q3', deps={'A'}},"
                 "  {id='F', label='F', start='2027-Q3', ['end']='2027-Q3', deps={'B'}}}}");
    wm_dlist *dl = draw_checked(cd.chart, 480, "lanes");
    double xs[16], lo[16], hi[16];
    size_t n = connector_verticals(dl, 0, xs, lo, hi, 16);
    assert_int_equal(n, 4);
    /* Verticals that overlap in height are at different x unless they
     * leave the same row (A's to D and E; B's to C and F). */
    size_t shared = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (fabs(xs[i] - xs[j]) < 0.5 && lo[i] < hi[j] && lo[j] < hi[i])
                shared += fabs(hi[i] - hi[j]) < 0.01 ? 1 : 100; /* same source: same top */
    assert_true(shared < 100);
    wm_dl_free(dl);
    wm_doc_free(cd.doc);
}

static bool late_mark_at(const wm_dlist *dl, size_t page, double y)
{
    static const wm_rgb LATE = {0xB4, 0x23, 0x18};
    for (size_t i = 0; i < dl->pages[page].n; i++) {
        const wm_op *op = &dl->pages[page].ops[i];
        if (op->kind == WM_OP_POLY && op->u.poly.closed && op->u.poly.n == 4 &&
            same_rgb(op->u.poly.fill_colour, LATE) &&
            (y < 0 || fabs(op->u.poly.points[1].y - y) < 6))
            return true;
    }
    return false;
}

/* A bar that ends after its row's `due` quarter carries the late mark, and
 * the legend explains it; one that ends on or before it does not. */
static void gantt_late(void **state)
{
    (void)state;
    chart_doc cd = chart_of(
        "gantt", NULL,
        "{quarters={'2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'},"
        " rows={{label='Late', start='2027-Q1', ['end']='2027-Q3', due='2027-Q2'},"
        "  {label='On time', start='2027-Q1', ['end']='2027-Q2', due='2027-Q2'},"
        "  {label='Due before the chart', start='2027-Q1', ['end']='2027-Q1', due='2026-Q4'},"
        "  {label='Due after the chart', start='2027-Q2', ['end']='2027-Q4', due='2030-Q1'},"
        "  {label='Deferred', due='2026-Q1'}}}");
    const wm_gantt_row *rows = cd.chart->u.chart.u.gantt.rows;
    assert_true(rows[0].late);
    assert_false(rows[1].late);
    assert_true(rows[2].late);
    assert_false(rows[3].late);
    assert_false(rows[4].late);
    wm_dlist *dl = draw_checked(cd.chart, 480, "late");
    assert_true(late_mark_at(dl, 0, find_text(dl, 0, "Late")->u.text.y));
    assert_false(late_mark_at(dl, 0, find_text(dl, 0, "On time")->u.text.y));
    assert_true(late_mark_at(dl, 0, find_text(dl, 0, "Due before the chart")->u.text.y));
    assert_false(late_mark_at(dl, 0, find_text(dl, 0, "Due after the chart")->u.text.y));
    assert_int_equal(count_text(dl, 0, "Ends after its objective\xE2\x80\x99s deadline"), 1);
    wm_dl_free(dl);
    wm_doc_free(cd.doc);

    /* No late bar: no legend entry. */
    chart_doc ok = chart_of("gantt", NULL,
                            "{quarters={'2027-Q1'}, rows={{label='x', start='2027-Q1',"
                            " ['end']='2027-Q1', due='2027-Q1'}}}");
    dl = draw_checked(ok.chart, 480, "not late");
    assert_false(late_mark_at(dl, 0, -1));
    assert_int_equal(count_text(dl, 0, "Ends after its objective\xE2\x80\x99s deadline"), 0);
    wm_dl_free(dl);
    wm_doc_free(ok.doc);
}

/* Luma as a greyscale print shows it. */
static double grey(wm_rgb c)
{
    return (0.299 * c.r + 0.587 * c.g + 0.114 * c.b) / 255.0;
}

static double hue_of(wm_rgb c)
{
    double r = c.r / 255.0, g = c.g / 255.0, b = c.b / 255.0;
    double hi = fmax(r, fmax(g, b)), lo = fmin(r, fmin(g, b)), d = hi - lo;
    if (d < 0.08)
        return -1; /* grey */
    double h = hi == r ? fmod((g - b) / d + 6, 6) : hi == g ? (b - r) / d + 2 : (r - g) / d + 4;
    return h * 60;
}

/* Seven series (the cost chart's roles, other costs and contingency) on two
 * brands, one with a grey-blue primary and muted: every pair of legend
 * swatches differs in grey by 0.07 or more, and in hue by 20 degrees or
 * more (no two greys). */
static void palette_distinct(void **state)
{
    (void)state;
    const char *brands[][4] = {{"#1F3A5F", "#2A9D8F", "#E9A23B", "#6B7280"},
                               {"#1B2A4A", "#0F766E", "#D98E04", "#5B6778"},
                               {"#333333", "#555555", "#777777", "#999999"}};
    chart_doc cd = chart_of("stacked_bar", NULL,
                            "{categories={'a'}, series={{name='s1', values={1}},"
                            " {name='s2', values={1}}, {name='s3', values={1}},"
                            " {name='s4', values={1}}, {name='s5', values={1}},"
                            " {name='s6', values={1}}, {name='s7', values={1}}}}");
    wm_style saved = style;
    for (size_t k = 0; k < sizeof brands / sizeof *brands; k++) {
        wm_rgb_parse(brands[k][0], &style.primary);
        wm_rgb_parse(brands[k][1], &style.secondary);
        wm_rgb_parse(brands[k][2], &style.accent);
        wm_rgb_parse(brands[k][3], &style.muted);
        wm_dlist *dl = draw_checked(cd.chart, 480, "palette");
        wm_rgb sw[7];
        size_t n = 0;
        for (size_t i = 0; i < dl->pages[0].n && n < 7; i++) {
            const wm_op *op = &dl->pages[0].ops[i];
            if (op->kind == WM_OP_RECT && fabs(op->u.rect.w - 7) < 0.01 &&
                fabs(op->u.rect.h - 7) < 0.01)
                sw[n++] = op->u.rect.fill_colour;
        }
        assert_int_equal(n, 7);
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double hi = hue_of(sw[i]), hj = hue_of(sw[j]), dh = fabs(hi - hj);
                dh = fmin(dh, 360 - dh);
                if (fabs(grey(sw[i]) - grey(sw[j])) < 0.07)
                    fail_msg("brand %zu: series %zu and %zu are %.3f and %.3f in grey", k, i + 1,
                             j + 1, grey(sw[i]), grey(sw[j]));
                if (k < 2 && (hi < 0 || hj < 0 || dh < 20))
                    fail_msg("brand %zu: series %zu and %zu hues %.0f and %.0f", k, i + 1, j + 1,
                             hi, hj);
            }
        wm_dl_free(dl);
    }
    style = saved;
    wm_doc_free(cd.doc);
}

static void gantt_axis_forms(void **state)
{
    (void)state;
    chart_doc cd = chart_of("gantt", NULL,
                            "(function() local q = {} for i = 0, 11 do"
                            " q[#q + 1] = string.format('%d-Q%d', 2027 + i // 4, i % 4 + 1) end"
                            " return {quarters = q, rows = {{label = 'x', start = q[1],"
                            " ['end'] = q[12]}}} end)()");
    /* Wide: "Q1 2027"; narrower: years over "Q1"; narrower still: digits;
     * then tick marks only. */
    const struct {
        double width;
        const char *a, *b;
    } forms[] = {{560, "Q1 2027", NULL}, {300, "Q1", "2027"}, {120, "1", "2027"}};
    for (size_t k = 0; k < 3; k++) {
        wm_dlist *dl = draw_checked(cd.chart, forms[k].width, "axis");
        assert_int_equal(count_text(dl, 0, forms[k].a), forms[k].b ? 3 : 1);
        if (forms[k].b)
            assert_int_equal(count_text(dl, 0, forms[k].b), 1);
        wm_dl_free(dl);
    }
    wm_dlist *dl = draw_checked(cd.chart, 70, "ticks");
    assert_int_equal(count_text(dl, 0, "1"), 0);
    wm_dl_free(dl);
    wm_doc_free(cd.doc);

    /* Names that are not YYYY-Qn are shown as given. */
    chart_doc raw = chart_of("gantt", NULL,
                             "{quarters={'Now', 'Next', 'Later'}, rows={{label='x',"
                             " start='Now', ['end']='Next'}}}");
    dl = draw_checked(raw.chart, 400, "raw");
    assert_int_equal(count_text(dl, 0, "Later"), 1);
    wm_dl_free(dl);
    wm_doc_free(raw.doc);
}

static void gantt_large(void **state)
{
    (void)state;
    /* 600 rows over 40 quarters on an A4 text width (about 9 pt a column). */
    chart_doc cd = chart_of(
        "gantt", "Roadmap",
        "(function() local q, rows = {}, {}"
        " for i = 0, 39 do q[#q + 1] = string.format('%d-Q%d', 2027 + i // 4, i % 4 + 1) end"
        " local tiers = {'must', 'should', 'could', 'wont'}"
        " for i = 1, 600 do"
        "  local s = (i * 7) % 36 + 1"
        "  local r = {id = 'I' .. i, label = 'Initiative number ' .. i .. ' with a long name',"
        "   tier = tiers[i % 4 + 1]}"
        "  if i % 10 ~= 0 then r.start = q[s]; r['end'] = q[s + i % 5] end"
        "  if i > 1 then r.deps = {'I' .. (i - 1), 'I' .. (i * 13 % 600 + 1)} end"
        "  rows[#rows + 1] = r end"
        " local markers = {}"
        " for i = 1, 8 do markers[#markers + 1] = {quarter = q[i * 5], label = 'O' .. i} end"
        " return {quarters = q, rows = rows, markers = markers} end)()");
    const double width = 481.89;
    wm_gantt *g = wm_gantt_prepare(&style, cd.chart, width);
    assert_int_equal(wm_gantt_rows(g), 600);
    size_t per = (size_t)((700 - wm_gantt_head_height(g) - wm_gantt_foot_height(g)) /
                          wm_gantt_rows_height(g, 0, 1));
    size_t n_pieces = (600 + per - 1) / per;
    size_t *cuts = calloc(n_pieces + 1, sizeof *cuts);
    for (size_t k = 0; k <= n_pieces; k++)
        cuts[k] = k * per < 600 ? k * per : 600;
    wm_dlist *dl = draw_pieces(g, cuts, n_pieces, width);
    /* Every piece: its rows, the years over the quarters. */
    for (size_t k = 0; k < n_pieces; k++) {
        assert_int_equal(count_text(dl, k, "2027"), 1);
        assert_int_equal(count_text(dl, k, "2036"), 1);
        assert_true(count_kind(dl, k, WM_OP_TEXT) >= cuts[k + 1] - cuts[k]);
    }
    free(cuts);
    wm_dl_free(dl);
    wm_gantt_free(g);
    wm_doc_free(cd.doc);
}

/* Odd but valid data, and tiny widths: every kind stays in its box. */
static void edge_cases(void **state)
{
    (void)state;
    const struct {
        const char *kind, *data;
    } cases[] = {
        {"bar", "{categories={}, series={{name='x', values={}}}}"},
        {"bar", "{categories={'a', 'b', 'c'}, format='money',"
                " series={{name='Net', values={-250000, -40000, 180000}}}}"},
        {"bar", "{categories={'a'}, series={{name='x', values={0}}}}"},
        {"stacked_bar", "{categories={'a', 'b'}, format='percent',"
                        " series={{name='x', values={-1, -2}}}}"},
        {"bar", "{categories={'a\\nb', 'c'}, series={{name='big', values={1e300, 2}}}}"},
        {"radar", "{axes={'a', 'b', 'c'}, series={{name='x', values={-3, 9, 2.5}}}}"},
        {"radar", "{axes={}, series={{name='x', values={}}}}"},
        {"radar", "{axes={'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'},"
                  " max=0.5, format='percent',"
                  " series={{name='x', values={0.1, 0.2, 0.3, 0.4, 0.5, 0.4, 0.3, 0.2, 0.1,"
                  " 0.2, 0.3, 0.4}}}}"},
        {"heatmap", "{cells={}}"},
        {"heatmap", "{cells={{likelihood=3, impact=3, label='A very long risk title that"
                    " cannot fit a cell at all'}, {likelihood=3, impact=3, label='line\\nbreak'},"
                    " {likelihood=1, impact=5, label=''}}}"},
        {"gantt", "{quarters={'2027-Q1'}, rows={}}"},
        {"gantt", "{quarters={'2027-Q1', '2027-Q2'}, rows={{id='a', label='A', deps={'a', 'zz'},"
                  " start='2027-Q2', ['end']='2027-Q2'}, {id='b', label='B', deps={'a'},"
                  " start='2027-Q1', ['end']='2027-Q1'}},"
                  " markers={{quarter='2027-Q2', label=''}, {quarter='2027-Q1', label='M'}}}"},
    };
    const double widths[] = {480, 160, 80};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        chart_doc cd =
            chart_of(cases[i].kind, i % 2 ? "A title long enough to be cut" : NULL, cases[i].data);
        for (size_t w = 0; w < 3; w++) {
            wm_dlist *dl = draw_checked(cd.chart, widths[w], cases[i].kind);
            wm_dl_free(dl);
        }
        wm_doc_free(cd.doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bar_grouped_money),
        cmocka_unit_test(bar_formats),
        cmocka_unit_test(stacked_bar_proportional),
        cmocka_unit_test(bar_many_categories),
        cmocka_unit_test(radar_polygons),
        cmocka_unit_test(radar_few_axes_and_max),
        cmocka_unit_test(heatmap_cells),
        cmocka_unit_test(gantt_pieces),
        cmocka_unit_test(gantt_axis_forms),
        cmocka_unit_test(edge_cases),
        cmocka_unit_test(gantt_large),
        cmocka_unit_test(gantt_whole_labels),
        cmocka_unit_test(gantt_connector_lanes),
        cmocka_unit_test(gantt_late),
        cmocka_unit_test(palette_distinct),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
