/*
 * layout.c - the layout driver (see layout.h): the cover, the reserved
 * contents pages, then each section on a new page, block by block, with the
 * pagination rules; the contents, outline and page furniture last, once
 * every page number is known.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "layout_int.h"

static const wm_rgb WHITE = {255, 255, 255};

typedef struct {
    wm_lay *l;
    wm_toc_entry *toc;
    size_t n_toc, cap_toc;
    size_t sections; /* placed so far */
} flow;

static void toc_add(flow *f, const char *title, int level, size_t dest)
{
    WM_GROW(f->toc, f->cap_toc, f->n_toc + 1);
    f->toc[f->n_toc++] = (wm_toc_entry){title, level, dest};
}

/* ---- headings ---- */

typedef struct {
    double size, before;
    wm_face_slot slot;
} heading_style;

static heading_style heading_of(int level)
{
    switch (level) {
    case 1:
        return (heading_style){WM_H1_SIZE, 10, WM_FACE_HEADING};
    case 2:
        return (heading_style){WM_H2_SIZE, 7, WM_FACE_HEADING};
    default:
        return (heading_style){WM_H3_SIZE, 5, WM_FACE_BOLD};
    }
}

static double heading_height(wm_lay *l, const wm_block *b, wm_rich *r)
{
    heading_style hs = heading_of(b->u.heading.level);
    wm_rich_break(r, l->st, &b->u.heading.text, hs.slot, hs.size, l->width);
    return (double)r->n_lines * r->line_h + 3;
}

/* ---- what a block needs at least on the page it starts on ---- */

/* The number of lines of a paragraph, and their height in *h. */
static size_t paragraph_lines(wm_lay *l, const wm_text *t, double *h)
{
    wm_rich r;
    wm_rich_break(&r, l->st, t, WM_FACE_REGULAR, WM_BODY_SIZE, l->width);
    size_t n = r.n_lines;
    *h = (double)n * r.line_h;
    wm_rich_free(&r);
    return n;
}

static double paragraph_lines_h(wm_lay *l, const wm_text *t, size_t max_lines)
{
    wm_rich r;
    wm_rich_break(&r, l->st, t, WM_FACE_REGULAR, WM_BODY_SIZE, l->width);
    size_t n = r.n_lines < max_lines ? r.n_lines : max_lines;
    double h = (double)n * r.line_h;
    wm_rich_free(&r);
    return h;
}

#define LIST_INDENT 14.0
#define CALLOUT_PAD 8.0

static double kv_key_width(wm_lay *l, const wm_block *b)
{
    double w = 0;
    for (size_t i = 0; i < b->u.kv.n; i++) {
        char *s = wm_text_plain(&b->u.kv.keys[i]);
        w = fmax(w, wm_pen_width(l->st, WM_FACE_BOLD, WM_BODY_SIZE, s, strlen(s)));
        free(s);
    }
    return fmin(fmax(w + 12, l->width * 0.22), l->width * 0.4);
}

static double kv_pair_height(wm_lay *l, const wm_block *b, size_t i, double kw)
{
    wm_rich k, v;
    wm_rich_break(&k, l->st, &b->u.kv.keys[i], WM_FACE_BOLD, WM_BODY_SIZE, kw - 8);
    wm_rich_break(&v, l->st, &b->u.kv.values[i], WM_FACE_REGULAR, WM_BODY_SIZE, l->width - kw);
    size_t n = k.n_lines > v.n_lines ? k.n_lines : v.n_lines;
    double h = (double)n * k.line_h + 4;
    wm_rich_free(&k);
    wm_rich_free(&v);
    return h;
}

/* The text's indent in a list: LIST_INDENT, or more when the widest number
 * of a numbered list ("100.") needs it, so a mark never runs into its text. */
static double list_indent(wm_lay *l, const wm_block *b)
{
    if (!b->u.list.numbered || b->u.list.n < 10)
        return LIST_INDENT;
    char mark[32];
    snprintf(mark, sizeof mark, "%zu.", b->u.list.n);
    double w = wm_pen_width(l->st, WM_FACE_REGULAR, WM_BODY_SIZE, mark, strlen(mark)) + 3;
    return w > LIST_INDENT ? w : LIST_INDENT;
}

static double list_item_height(wm_lay *l, const wm_block *b, const wm_text *t)
{
    wm_rich r;
    wm_rich_break(&r, l->st, t, WM_FACE_REGULAR, WM_BODY_SIZE, l->width - list_indent(l, b));
    double h = (double)r.n_lines * r.line_h + 2;
    wm_rich_free(&r);
    return h;
}

static double callout_height(wm_lay *l, const wm_block *b)
{
    double inner = l->width - 2 * CALLOUT_PAD - 3;
    wm_rich t, body;
    wm_rich_break(&t, l->st, &b->u.callout.title, WM_FACE_BOLD, WM_BODY_SIZE, inner);
    wm_rich_break(&body, l->st, &b->u.callout.body, WM_FACE_REGULAR, WM_BODY_SIZE, inner);
    double h = 2 * CALLOUT_PAD + (double)body.n_lines * body.line_h;
    if (b->u.callout.title.n)
        h += (double)t.n_lines * t.line_h + 2;
    wm_rich_free(&t);
    wm_rich_free(&body);
    return h;
}

/* What each kind needs at least on the page it starts on: a heading
 * whole, two lines of a paragraph, a list's or key-value block's first
 * item, a table's header and first row, a callout whole (at most a page),
 * a chart whole (a Gantt chart: its head and first row). */
static double heading_first(wm_lay *l, const wm_block *b)
{
    wm_rich r;
    double h = heading_height(l, b, &r);
    wm_rich_free(&r);
    return h;
}

static double paragraph_first(wm_lay *l, const wm_block *b)
{
    return paragraph_lines_h(l, &b->u.paragraph, 2);
}

static double list_first(wm_lay *l, const wm_block *b)
{
    return b->u.list.n ? list_item_height(l, b, &b->u.list.items[0]) : 0;
}

static double kv_first(wm_lay *l, const wm_block *b)
{
    return b->u.kv.n ? kv_pair_height(l, b, 0, kv_key_width(l, b)) : 0;
}

static double callout_first(wm_lay *l, const wm_block *b)
{
    return fmin(callout_height(l, b), l->top - l->bottom);
}

static double chart_first(wm_lay *l, const wm_block *b)
{
    if (b->u.chart.kind == WM_CHART_GANTT) {
        wm_gantt *g = wm_gantt_prepare(l->st, b, l->width);
        double h =
            wm_gantt_head_height(g) + wm_gantt_rows_height(g, 0, 1) + wm_gantt_foot_height(g);
        wm_gantt_free(g);
        return h;
    }
    return wm_chart_height(l->st, b, l->width);
}

static double nothing_first(wm_lay *l, const wm_block *b)
{
    (void)l, (void)b;
    return 0;
}

/* ---- placing blocks ---- */

static double first_height(wm_lay *l, const wm_block *b);

/* Lines [0, n) of r, flowing over pages; with four lines or more, neither
 * the first nor the last line is left alone on a page. */
static void flow_lines(wm_lay *l, const wm_rich *r, double x, double w, wm_rgb colour)
{
    size_t n = r->n_lines, i = 0;
    while (i < n) {
        size_t fit = l->y - l->bottom + 0.01 >= r->line_h
                         ? (size_t)floor((l->y - l->bottom + 0.01) / r->line_h)
                         : 0;
        if (fit == 0) {
            if (wm_lay_at_top(l))
                fit = 1; /* a line taller than the page: draw it anyway */
            else {
                wm_lay_new_page(l);
                continue;
            }
        }
        size_t left = n - i, take = fit < left ? fit : left;
        if (take < left && n >= 4) {
            if (i == 0 && take < 2 && !wm_lay_at_top(l)) { /* one line alone at the foot */
                wm_lay_new_page(l);
                continue;
            }
            if (left - take == 1 && take >= 3) /* one line alone on the next page */
                take--;
        }
        for (size_t k = 0; k < take; k++, i++) {
            wm_rich_draw_line(l, r, i, x, w, WM_ALIGN_LEFT, l->y - wm_baseline(r->size, r->line_h),
                              colour);
            l->y -= r->line_h;
        }
        if (i < n)
            wm_lay_new_page(l);
    }
}

/* The most lines of a paragraph that introduces the block after it. */
enum { LEAD_IN_LINES = 3 };

/* What must go onto a page with block b (blocks run up to `end`): its first
 * height, or, for a short paragraph introducing the block after it (up to
 * LEAD_IN_LINES lines before a block that is not a heading), the whole
 * paragraph and the start of that block, so that an introduction is never
 * left at a page's foot without what it introduces. */
static double lead_in(wm_lay *l, const wm_block *b, const wm_block *end)
{
    double h;
    if (b->kind == WM_BLOCK_PARAGRAPH && b + 1 < end && b[1].kind != WM_BLOCK_HEADING &&
        b[1].kind != WM_BLOCK_PAGE_BREAK &&
        paragraph_lines(l, &b->u.paragraph, &h) <= LEAD_IN_LINES)
        return h + WM_BLOCK_GAP + first_height(l, b + 1);
    return first_height(l, b);
}

/* What must follow a heading onto its page: the headings right after it
 * (a section title and its first sub-title; at most KEEP_HEADINGS of them,
 * so that a run of thousands of headings costs no more than a few each),
 * then the start of the first block that is not a heading.  Blocks run
 * from `next` up to `end`. */
enum { KEEP_HEADINGS = 3 };

static double keep_with_next(wm_lay *l, const wm_block *next, const wm_block *end)
{
    double keep = 0;
    size_t n = 0;
    for (; next && next < end && next->kind == WM_BLOCK_HEADING; next++) {
        if (n++ == KEEP_HEADINGS)
            return keep;
        keep += heading_of(next->u.heading.level).before + first_height(l, next) + 3;
    }
    if (next && next < end && next->kind != WM_BLOCK_PAGE_BREAK)
        keep += lead_in(l, next, end);
    return keep;
}

static void place_heading(flow *f, const wm_block *b, const wm_block *next, const wm_block *end)
{
    wm_lay *l = f->l;
    heading_style hs = heading_of(b->u.heading.level);
    wm_rich r;
    double h = heading_height(l, b, &r);
    double keep = keep_with_next(l, next, end);
    if (!wm_lay_at_top(l))
        l->y -= hs.before;
    wm_lay_ensure(l, h + keep);
    size_t dest = 0;
    if (b->u.heading.level == 1) {
        dest = wm_dl_new_dest(l->dl);
        wm_dl_place_dest(l->dl, dest, l->page, l->y + hs.before);
        char *title = wm_text_plain(&b->u.heading.text);
        toc_add(f, wm_arena_strdup(&l->dl->arena, title), 2, dest);
        free(title);
    }
    wm_rgb colour = b->u.heading.level == 1 ? l->st->primary : l->st->text;
    flow_lines(l, &r, l->left, l->width, colour);
    l->y -= 3;
    wm_rich_free(&r);
}

static void place_paragraph(wm_lay *l, const wm_text *t)
{
    wm_rich r;
    wm_rich_break(&r, l->st, t, WM_FACE_REGULAR, WM_BODY_SIZE, l->width);
    flow_lines(l, &r, l->left, l->width, l->st->text);
    wm_rich_free(&r);
}

static void place_list(wm_lay *l, const wm_block *b)
{
    double indent = list_indent(l, b);
    for (size_t i = 0; i < b->u.list.n; i++) {
        wm_rich r;
        wm_rich_break(&r, l->st, &b->u.list.items[i], WM_FACE_REGULAR, WM_BODY_SIZE,
                      l->width - indent);
        double h = (double)r.n_lines * r.line_h;
        if (h <= l->top - l->bottom)
            wm_lay_ensure(l, h);
        char mark[32];
        if (b->u.list.numbered)
            snprintf(mark, sizeof mark, "%zu.", i + 1);
        else
            snprintf(mark, sizeof mark, "\xE2\x80\xA2");
        if (l->y - r.line_h < l->bottom - 0.01)
            wm_lay_new_page(l);
        double base = l->y - wm_baseline(r.size, r.line_h);
        wm_pen_text(l->dl, l->page, l->st, WM_FACE_REGULAR, WM_BODY_SIZE,
                    b->u.list.numbered ? l->st->text : l->st->secondary, l->left, base, mark,
                    strlen(mark));
        flow_lines(l, &r, l->left + indent, l->width - indent, l->st->text);
        l->y -= 2;
        wm_rich_free(&r);
    }
}

static void place_kv(wm_lay *l, const wm_block *b)
{
    double kw = kv_key_width(l, b);
    wm_rgb rule = wm_rgb_mix(l->st->muted, WHITE, 0.75);
    for (size_t i = 0; i < b->u.kv.n; i++) {
        wm_rich k, v;
        wm_rich_break(&k, l->st, &b->u.kv.keys[i], WM_FACE_BOLD, WM_BODY_SIZE, kw - 8);
        wm_rich_break(&v, l->st, &b->u.kv.values[i], WM_FACE_REGULAR, WM_BODY_SIZE, l->width - kw);
        size_t n = k.n_lines > v.n_lines ? k.n_lines : v.n_lines;
        double h = (double)n * k.line_h + 4;
        wm_lay_ensure(l, fmin(h, l->top - l->bottom));
        double top = l->y - 2;
        /* A key is short; one longer than the page is cut where the page ends. */
        size_t key_lines = k.n_lines, room = (size_t)floor((top - l->bottom) / k.line_h);
        if (key_lines > room)
            key_lines = room;
        for (size_t j = 0; j < key_lines; j++)
            wm_rich_draw_line(l, &k, j, l->left, kw - 8, WM_ALIGN_LEFT,
                              top - (double)j * k.line_h - wm_baseline(k.size, k.line_h),
                              l->st->muted);
        double save = l->y, key_bottom = top - (double)key_lines * k.line_h - 2;
        size_t page = l->page;
        l->y = top;
        flow_lines(l, &v, l->left + kw, l->width - kw, l->st->text);
        if (l->page == page) /* the value stayed on the key's page */
            l->y = fmin(l->y - 2, fmax(key_bottom, save - h));
        wm_dl_line(l->dl, l->page, l->left, l->y, l->right, l->y, rule, 0.4, 0);
        wm_rich_free(&k);
        wm_rich_free(&v);
    }
}

static wm_rgb callout_colour(const wm_style *st, wm_callout_kind k)
{
    switch (k) {
    case WM_CALLOUT_WARN:
        return st->accent;
    case WM_CALLOUT_RISK:
        return (wm_rgb){178, 34, 34};
    case WM_CALLOUT_INFO:
        break;
    }
    return st->secondary;
}

static void place_callout(wm_lay *l, const wm_block *b)
{
    double h = callout_height(l, b);
    double inner = l->width - 2 * CALLOUT_PAD - 3;
    wm_rgb c = callout_colour(l->st, b->u.callout.kind);
    wm_rich t, body;
    wm_rich_break(&t, l->st, &b->u.callout.title, WM_FACE_BOLD, WM_BODY_SIZE, inner);
    wm_rich_break(&body, l->st, &b->u.callout.body, WM_FACE_REGULAR, WM_BODY_SIZE, inner);
    double x = l->left + 3 + CALLOUT_PAD;
    if (h <= l->top - l->bottom) {
        wm_lay_ensure(l, h);
        wm_rgb tint = wm_rgb_mix(c, WHITE, 0.88);
        wm_dl_rect(l->dl, l->page, l->left, l->y - h, l->width, h, &tint, NULL, 0);
        wm_dl_rect(l->dl, l->page, l->left, l->y - h, 3, h, &c, NULL, 0);
        double bottom = l->y - h;
        l->y -= CALLOUT_PAD;
        if (b->u.callout.title.n) {
            flow_lines(l, &t, x, inner, c);
            l->y -= 2;
        }
        flow_lines(l, &body, x, inner, l->st->text);
        l->y = bottom;
    } else { /* taller than a page: flows like text, with the rule only */
        if (b->u.callout.title.n)
            flow_lines(l, &t, x, inner, c);
        flow_lines(l, &body, x, inner, l->st->text);
    }
    wm_rich_free(&t);
    wm_rich_free(&body);
}

/* As many rows as fit on each page, each piece with its head and legend
 * (and never a last piece of one or two rows after a long one); a page
 * that cannot hold one row gets one anyway. */
static void place_gantt(wm_lay *l, const wm_block *b)
{
    wm_gantt *g = wm_gantt_prepare(l->st, b, l->width);
    size_t n = wm_gantt_rows(g), from = 0;
    double head = wm_gantt_head_height(g), foot = wm_gantt_foot_height(g);
    wm_lay_ensure(l, head + wm_gantt_rows_height(g, 0, 1) + foot);
    for (;;) {
        double avail = l->y - l->bottom - head - foot + 0.01;
        size_t to = from;
        while (to < n && wm_gantt_rows_height(g, from, to + 1) <= avail)
            to++;
        if (to == from && from < n) {
            if (!wm_lay_at_top(l)) {
                wm_lay_new_page(l);
                continue;
            }
            to = from + 1;
        }
        /* No piece of one or two rows after a long one: carry three over. */
        if (to < n && n - to < 3 && to - from > 6)
            to = n - 3 > from ? n - 3 : to;
        wm_gantt_draw(l->dl, l->page, g, from, to, l->left, l->y);
        l->y -= head + wm_gantt_rows_height(g, from, to) + foot;
        from = to;
        if (from >= n)
            break;
        wm_lay_new_page(l);
    }
    wm_gantt_free(g);
}

static void place_text_block(flow *f, const wm_block *b)
{
    place_paragraph(f->l, &b->u.paragraph);
}

static void place_list_block(flow *f, const wm_block *b)
{
    place_list(f->l, b);
}

static void place_table_block(flow *f, const wm_block *b)
{
    wm_table_place(f->l, b);
}

static void place_kv_block(flow *f, const wm_block *b)
{
    place_kv(f->l, b);
}

static void place_callout_block(flow *f, const wm_block *b)
{
    place_callout(f->l, b);
}

static void place_chart(flow *f, const wm_block *b)
{
    wm_lay *l = f->l;
    if (b->u.chart.kind == WM_CHART_GANTT) {
        place_gantt(l, b);
        return;
    }
    double h = wm_chart_height(l->st, b, l->width);
    wm_lay_ensure(l, h);
    wm_chart_draw(l->dl, l->page, l->st, b, l->left, l->y, l->width);
    l->y -= h;
}

static void place_page_break(flow *f, const wm_block *b)
{
    (void)b;
    if (!wm_lay_at_top(f->l))
        wm_lay_new_page(f->l);
}

/* Each kind: what it needs at least on its first page, and how it is
 * placed.  A heading (placed in place_block, as it looks ahead) and a page
 * break bring their own spacing; every other block is followed by the
 * block gap. */
static const struct {
    double (*first)(wm_lay *l, const wm_block *b);
    void (*place)(flow *f, const wm_block *b);
    bool gap_after;
} BLOCKS[WM_BLOCK_KIND_COUNT] = {
    [WM_BLOCK_HEADING] = {heading_first, NULL, false},
    [WM_BLOCK_PARAGRAPH] = {paragraph_first, place_text_block, true},
    [WM_BLOCK_LIST] = {list_first, place_list_block, true},
    [WM_BLOCK_TABLE] = {wm_table_first_height, place_table_block, true},
    [WM_BLOCK_KV] = {kv_first, place_kv_block, true},
    [WM_BLOCK_CALLOUT] = {callout_first, place_callout_block, true},
    [WM_BLOCK_CHART] = {chart_first, place_chart, true},
    [WM_BLOCK_PAGE_BREAK] = {nothing_first, place_page_break, false},
};

static double first_height(wm_lay *l, const wm_block *b)
{
    return BLOCKS[b->kind].first(l, b);
}

/* Whether a paragraph's text ends with a colon (spaces aside). */
static bool ends_with_colon(const wm_text *t)
{
    for (size_t i = t->n; i-- > 0;) {
        const char *s = t->runs[i].text;
        size_t n = strlen(s);
        while (n && s[n - 1] == ' ')
            n--;
        if (n)
            return s[n - 1] == ':';
    }
    return false;
}

static void place_block(flow *f, const wm_block *b, const wm_block *next, const wm_block *end)
{
    if (b->kind == WM_BLOCK_HEADING) {
        place_heading(f, b, next, end);
        return;
    }
    if (b->kind == WM_BLOCK_PARAGRAPH && next && ends_with_colon(&b->u.paragraph)) {
        double h = lead_in(f->l, b, end); /* "Done when:" stays with its list */
        if (h <= f->l->top - f->l->bottom)
            wm_lay_ensure(f->l, h);
    }
    BLOCKS[b->kind].place(f, b);
    if (BLOCKS[b->kind].gap_after && !wm_lay_at_top(f->l))
        f->l->y -= WM_BLOCK_GAP;
}

/* A section starts on a new page, unless the page the section before it
 * ended on holds less than a fifth of its height: then it follows there,
 * after this much space, rather than leave a page nearly empty. */
#define SECTION_GAP 30.0

static void place_section(flow *f, const wm_section *s)
{
    wm_lay *l = f->l;
    double page = l->top - l->bottom;
    if (f->sections > 0 && !wm_lay_at_top(l) && l->top - l->y < page / 5) {
        l->y -= SECTION_GAP;
        wm_lay_ensure(l, WM_H0_SIZE * 1.4 + 18 +
                             (s->n_blocks ? lead_in(l, s->blocks, s->blocks + s->n_blocks) : 0));
    } else {
        wm_lay_new_page(l);
    }
    f->sections++;
    size_t dest = wm_dl_new_dest(l->dl);
    wm_dl_place_dest(l->dl, dest, l->page, l->y + 8);
    toc_add(f, s->title, 1, dest);
    wm_run run = {s->title, 0, NULL};
    wm_text t = {&run, 1};
    wm_rich r;
    wm_rich_break(&r, l->st, &t, WM_FACE_HEADING, WM_H0_SIZE, l->width);
    flow_lines(l, &r, l->left, l->width, l->st->primary);
    wm_rich_free(&r);
    l->y -= 4;
    wm_dl_line(l->dl, l->page, l->left, l->y, l->right, l->y, l->st->accent, 1.2, 0);
    l->y -= 14;
    for (size_t i = 0; i < s->n_blocks; i++)
        place_block(f, &s->blocks[i], i + 1 < s->n_blocks ? &s->blocks[i + 1] : NULL,
                    s->blocks + s->n_blocks);
}

static size_t count_toc(const wm_doc *doc)
{
    size_t n = 0;
    for (size_t s = 0; s < doc->n_sections; s++) {
        n++;
        for (size_t i = 0; i < doc->sections[s].n_blocks; i++) {
            const wm_block *b = &doc->sections[s].blocks[i];
            n += b->kind == WM_BLOCK_HEADING && b->u.heading.level == 1;
        }
    }
    return n;
}

wm_dlist *wm_layout(const wm_doc *doc, const wm_layout_input *in)
{
    wm_lay l = {0};
    l.in = in;
    l.st = in->style;
    l.dl = wm_dl_new(in->page_w, in->page_h);
    l.left = in->margin_left;
    l.right = in->page_w - in->margin_right;
    l.top = in->page_h - in->margin_top;
    l.bottom = in->margin_bottom;
    l.width = l.right - l.left;
    wm_dl_set_info(l.dl, &in->info);

    size_t toc_first = 0, toc_pages = 0;
    if (!in->report) {
        wm_pages_cover(&l);
        toc_first = l.dl->n_pages;
        toc_pages = wm_pages_toc_count(&l, count_toc(doc));
        for (size_t i = 0; i < toc_pages; i++)
            wm_dl_add_page(l.dl);
    }

    flow f = {&l, NULL, 0, 0, 0};
    for (size_t s = 0; s < doc->n_sections; s++) {
        l.dl->section = (long)s;
        place_section(&f, &doc->sections[s]);
        if (l.full && l.dl->overflow_section < 0)
            l.dl->overflow_section = (long)s;
    }
    l.dl->section = -1;

    if (toc_pages)
        wm_pages_toc(&l, toc_first, toc_pages, f.toc, f.n_toc);
    for (size_t i = 0; i < f.n_toc; i++)
        wm_dl_outline(l.dl, f.toc[i].title, f.toc[i].level, f.toc[i].dest);
    wm_pages_furniture(&l);
    free(f.toc);
    return l.dl;
}
