/*
 * html.c - the document as one standalone, accessible HTML5 file (see
 * markup.h), for `render --format html`.  It reads the document tree as
 * markdown.c does and mirrors it:
 *
 *   <header>   the cover: logos, firm, <h1> client and title, prepared by,
 *              date, confidentiality
 *   <nav>      the contents, a link to each section
 *   <main>     a <section aria-labelledby> per document section, its title
 *              an <h2>; headings of level 1, 2, 3 inside it are h3, h4, h5
 *   <footer>   the engagement's marking in bold, then the brand's footer
 *
 * Paragraphs and list items keep bold, italic and links (http, https and
 * mailto only); tables have a (visually hidden) caption, header cells with
 * scope and the total row in <tfoot>; key-value blocks are <dl>; callouts
 * are <aside role="note">; a chart is an SVG picture drawn by the PDF's
 * chart code (svg.c) followed by its data table, so the numbers can be
 * read aloud and copied.  A page break is a print-only break.
 *
 * The body is written first, collecting which code points each face slot
 * shows; the head follows with the brand's colours as CSS custom
 * properties and its faces as @font-face rules holding HarfBuzz subsets
 * (core/pdf/font.h) cut to those code points, base64 in data: URIs, each
 * family ending in generic fallbacks.
 *
 * Every text from the document, the engagement and the brand goes through
 * wm_html_escape: nothing in them is read as markup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "markup.h"
#include "svg.h"

typedef struct {
    wm_buf *o;
    const wm_currency *cur;
    const wm_html_opts *opts;
    wm_cpset used[WM_FACE_COUNT]; /* code points each slot shows */
    bool heading;                 /* text now written is a heading's */
    const char *context;          /* the last heading's text: tables' captions */
    char *context_owned;
    size_t n_charts;
    int level; /* the last heading's level in the section (2: its title) */
} html;

/* ---- text ---- */

/* Escaped text, noted as shown in the face its style selects (the style
 * of its run, or WM_RUN_BOLD where the style sheet makes it bold: headings,
 * header cells, the total row, captions, terms), and in the heading face
 * inside a heading. */
static void put_str(html *h, const char *s, unsigned style)
{
    wm_html_escape(h->o, s);
    bool bold = style & WM_RUN_BOLD, italic = style & WM_RUN_ITALIC;
    wm_face_slot slot = bold && italic ? WM_FACE_BOLD_ITALIC
                        : bold         ? WM_FACE_BOLD
                        : italic       ? WM_FACE_ITALIC
                                       : WM_FACE_REGULAR;
    (void)wm_cpset_add_utf8(&h->used[slot], s);
    if (h->heading)
        (void)wm_cpset_add_utf8(&h->used[WM_FACE_HEADING], s);
}

/* A run's text with its line breaks as <br>. */
static void put_lines(html *h, const char *s, unsigned style)
{
    while (*s) {
        size_t n = strcspn(s, "\r\n");
        char *part = wm_xstrndup(s, n);
        put_str(h, part, style);
        free(part);
        s += n;
        if (*s) {
            s += (s[0] == '\r' && s[1] == '\n') ? 2 : 1;
            wm_buf_puts(h->o, "<br>");
        }
    }
}

static bool safe_url(const char *u)
{
    static const char *const SCHEMES[] = {"http://", "https://", "mailto:"};
    for (size_t i = 0; i < sizeof SCHEMES / sizeof *SCHEMES; i++)
        if (strncmp(u, SCHEMES[i], strlen(SCHEMES[i])) == 0)
            return true;
    return false;
}

/* Runs with their styles; `bold` (WM_RUN_BOLD or 0) where the style sheet
 * makes the whole text bold. */
static void put_text(html *h, const wm_text *t, unsigned bold)
{
    for (size_t i = 0; i < t->n; i++) {
        const wm_run *r = &t->runs[i];
        if (!r->text[0])
            continue;
        bool link = r->link && safe_url(r->link);
        if (link) {
            wm_buf_puts(h->o, "<a href=\"");
            wm_html_escape(h->o, r->link);
            wm_buf_puts(h->o, "\">");
        }
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(h->o, "<strong>");
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(h->o, "<em>");
        put_lines(h, r->text, r->style | bold);
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(h->o, "</em>");
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(h->o, "</strong>");
        if (link)
            wm_buf_puts(h->o, "</a>");
    }
}

static void set_context(html *h, char *owned)
{
    free(h->context_owned);
    h->context = h->context_owned = owned;
}

/* ---- blocks ---- */

static void heading(html *h, const wm_block *b)
{
    /* h3..h5: the document is h1, a section h2; never a level skipped (a
     * level 2 heading straight after the section's title is an h3). */
    int level = b->u.heading.level + 2;
    if (level > h->level + 1)
        level = h->level + 1;
    h->level = level;
    wm_buf_printf(h->o, "<h%d>", level);
    h->heading = true;
    put_text(h, &b->u.heading.text, WM_RUN_BOLD);
    h->heading = false;
    wm_buf_printf(h->o, "</h%d>\n", level);
    set_context(h, wm_text_plain(&b->u.heading.text));
}

static void paragraph(html *h, const wm_block *b)
{
    wm_buf_puts(h->o, "<p>");
    put_text(h, &b->u.paragraph, 0);
    wm_buf_puts(h->o, "</p>\n");
}

static void list(html *h, const wm_block *b)
{
    const char *tag = b->u.list.numbered ? "ol" : "ul";
    wm_buf_printf(h->o, "<%s>\n", tag);
    for (size_t i = 0; i < b->u.list.n; i++) {
        wm_buf_puts(h->o, "<li>");
        put_text(h, &b->u.list.items[i], 0);
        wm_buf_puts(h->o, "</li>\n");
    }
    wm_buf_printf(h->o, "</%s>\n", tag);
}

static const char *align_class(wm_align a)
{
    return a == WM_ALIGN_RIGHT ? " class=\"r\"" : a == WM_ALIGN_CENTRE ? " class=\"c\"" : "";
}

/* A cell of one short word ("PLAT-04", "£43,815", "2027-Q1"): a browser
 * would break it at its hyphen in a narrow column, which the PDF's table,
 * measuring its columns, does not. */
static bool one_short_word(const wm_text *t)
{
    size_t len = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (strpbrk(t->runs[i].text, " \t\r\n"))
            return false;
        len += strlen(t->runs[i].text);
    }
    return len > 0 && len <= 16;
}

static void table_row(html *h, const wm_block *b, const wm_text *cells, unsigned bold)
{
    static const char *const CLASS[][2] = {
        [WM_ALIGN_LEFT] = {"", " class=\"nw\""},
        [WM_ALIGN_RIGHT] = {" class=\"r\"", " class=\"r nw\""},
        [WM_ALIGN_CENTRE] = {" class=\"c\"", " class=\"c nw\""},
    };
    wm_buf_puts(h->o, "<tr>");
    for (size_t c = 0; c < b->u.table.n_columns; c++) {
        wm_buf_printf(h->o, "<td%s>",
                      CLASS[b->u.table.columns[c].align][one_short_word(&cells[c])]);
        put_text(h, &cells[c], bold);
        wm_buf_puts(h->o, "</td>");
    }
    wm_buf_puts(h->o, "</tr>\n");
}

/* A table; `klass` and `caption` (NULL: the last heading's text, hidden
 * but for screen readers) for charts' data tables. */
static void table_as(html *h, const wm_block *b, const char *klass, const char *caption)
{
    size_t nc = b->u.table.n_columns;
    wm_buf_printf(h->o, "<table class=\"%s\">\n", klass);
    const char *cap = caption ? caption : h->context;
    if (cap && cap[0]) {
        wm_buf_puts(h->o, caption ? "<caption>" : "<caption class=\"wm-sr\">");
        put_str(h, cap, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</caption>\n");
    }
    wm_buf_puts(h->o, "<thead><tr>");
    for (size_t c = 0; c < nc; c++) {
        const wm_column *col = &b->u.table.columns[c];
        wm_buf_printf(h->o, "<th scope=\"col\"%s>", align_class(col->align));
        put_text(h, &col->title, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</th>");
    }
    wm_buf_puts(h->o, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < b->u.table.n_rows; r++)
        table_row(h, b, &b->u.table.cells[r * nc], 0);
    wm_buf_puts(h->o, "</tbody>\n");
    if (b->u.table.total) {
        wm_buf_puts(h->o, "<tfoot>\n");
        table_row(h, b, b->u.table.total, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</tfoot>\n");
    }
    wm_buf_puts(h->o, "</table>\n");
}

static void table(html *h, const wm_block *b)
{
    table_as(h, b, "wm-table", NULL);
}

static void kv(html *h, const wm_block *b)
{
    wm_buf_puts(h->o, "<dl class=\"wm-kv\">\n");
    for (size_t i = 0; i < b->u.kv.n; i++) {
        wm_buf_puts(h->o, "<div><dt>");
        put_text(h, &b->u.kv.keys[i], WM_RUN_BOLD);
        wm_buf_puts(h->o, "</dt><dd>");
        put_text(h, &b->u.kv.values[i], 0);
        wm_buf_puts(h->o, "</dd></div>\n");
    }
    wm_buf_puts(h->o, "</dl>\n");
}

static void callout(html *h, const wm_block *b)
{
    static const char *const KIND[] = {
        [WM_CALLOUT_INFO] = "info", [WM_CALLOUT_WARN] = "warn", [WM_CALLOUT_RISK] = "risk"};
    wm_buf_printf(h->o, "<aside class=\"wm-callout wm-%s\" role=\"note\">\n",
                  KIND[b->u.callout.kind]);
    if (b->u.callout.title.n) {
        wm_buf_puts(h->o, "<p class=\"wm-callout-title\"><strong>");
        put_text(h, &b->u.callout.title, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</strong></p>\n");
    }
    wm_buf_puts(h->o, "<p>");
    put_text(h, &b->u.callout.body, 0);
    wm_buf_puts(h->o, "</p>\n</aside>\n");
}

/* A Gantt chart's deadline markers, as Markdown shows them. */
static void markers(html *h, const wm_gantt_chart *g)
{
    if (!g->n_markers)
        return;
    wm_buf_puts(h->o, "<p class=\"wm-markers\">");
    put_str(h, "Markers:", 0);
    char buf[32];
    for (size_t i = 0; i < g->n_markers; i++) {
        size_t q = g->markers[i].quarter;
        put_str(h, i ? "; " : " ", 0);
        put_str(h, g->markers[i].label, 0);
        put_str(h, " (", 0);
        put_str(h,
                g->parsed[q] == WM_NO_QUARTER ? g->quarters[q]
                                              : wm_quarter_label(g->parsed[q], buf, sizeof buf),
                0);
        put_str(h, ")", 0);
    }
    put_str(h, ".", 0);
    wm_buf_puts(h->o, "</p>\n");
}

static void chart(html *h, const wm_block *b)
{
    const wm_chart *c = &b->u.chart;
    size_t n = ++h->n_charts;
    char id[32];
    snprintf(id, sizeof id, "chart-%zu", n);
    const char *title = c->title ? c->title : h->context;
    wm_buf_puts(h->o, "<figure class=\"wm-chart\">\n");
    const wm_html_opts *o = h->opts;
    if (!(o && o->style && o->chart_width > 0 &&
          wm_svg_chart(h->o, o->style, b, o->chart_width, id, title, h->used)) &&
        c->title) {
        wm_buf_puts(h->o, "<figcaption>");
        put_str(h, c->title, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</figcaption>\n");
    }
    wm_arena a;
    wm_arena_init(&a);
    wm_block t;
    wm_chart_table(c, h->cur, &a, &t);
    if (t.u.table.n_rows) {
        /* Tiles show their figures as text already: their table is for
         * screen readers only; every other chart's is shown. */
        bool tiles = c->kind == WM_CHART_TILES;
        char *cap = wm_xasprintf("%s: the data", title && title[0] ? title : "Chart");
        if (tiles)
            wm_buf_puts(h->o, "<div class=\"wm-sr\">\n");
        table_as(h, &t, "wm-table wm-data", cap);
        if (tiles)
            wm_buf_puts(h->o, "</div>\n");
        free(cap);
    }
    wm_arena_free(&a);
    if (c->kind == WM_CHART_GANTT)
        markers(h, &c->u.gantt);
    wm_buf_puts(h->o, "</figure>\n");
}

static void page_break(html *h, const wm_block *b)
{
    (void)b;
    wm_buf_puts(h->o, "<div class=\"wm-page-break\"></div>\n");
}

static void (*const BLOCK[WM_BLOCK_KIND_COUNT])(html *, const wm_block *) = {
    [WM_BLOCK_HEADING] = heading, [WM_BLOCK_PARAGRAPH] = paragraph,
    [WM_BLOCK_LIST] = list,       [WM_BLOCK_TABLE] = table,
    [WM_BLOCK_KV] = kv,           [WM_BLOCK_CALLOUT] = callout,
    [WM_BLOCK_CHART] = chart,     [WM_BLOCK_PAGE_BREAK] = page_break,
};

/* ---- sections ---- */

/* Section ids as HTML ids: "s-" and the section's id with every character
 * but a letter, a digit, '-' and '_' as '-', made unique with "-N". */
static char **section_ids(const wm_doc *doc)
{
    char **ids = wm_xcalloc(doc->n_sections + 1, sizeof *ids);
    for (size_t s = 0; s < doc->n_sections; s++) {
        wm_buf b;
        wm_buf_init(&b);
        wm_buf_puts(&b, "s-");
        for (const char *p = doc->sections[s].id; p && *p; p++) {
            char c = *p;
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
            wm_buf_putc(&b, ok ? c : '-');
        }
        size_t base = b.len;
        for (unsigned k = 2;; k++) {
            bool taken = false;
            for (size_t t = 0; t < s && !taken; t++)
                taken = strcmp(ids[t], b.data) == 0;
            if (!taken)
                break;
            b.len = base;
            b.data[base] = '\0';
            wm_buf_printf(&b, "-%u", k);
        }
        ids[s] = wm_buf_steal(&b);
    }
    return ids;
}

static void free_ids(char **ids)
{
    for (size_t i = 0; ids[i]; i++)
        free(ids[i]);
    free(ids);
}

/* ---- the cover ---- */

static void base64(wm_buf *o, const unsigned char *d, size_t n)
{
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    wm_buf_reserve(o, (n + 2) / 3 * 4);
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        char q[4] = {A[(v >> 18) & 63], A[(v >> 12) & 63], i + 1 < n ? A[(v >> 6) & 63] : '=',
                     i + 2 < n ? A[v & 63] : '='};
        wm_buf_put(o, q, 4);
    }
}

static void logo(html *h, const wm_html_logo *l, const char *klass, const char *alt)
{
    if (!l->data || l->len < 4)
        return;
    bool png = memcmp(l->data, "\x89PNG", 4) == 0;
    bool jpeg = l->data[0] == 0xFF && l->data[1] == 0xD8;
    if (!png && !jpeg)
        return;
    wm_buf_printf(h->o, "<img class=\"%s\" alt=\"", klass);
    put_str(h, alt, 0);
    wm_buf_printf(h->o, "\" width=\"%.0f\" height=\"%.0f\" src=\"data:image/%s;base64,", l->width,
                  l->height, png ? "png" : "jpeg");
    base64(h->o, l->data, l->len);
    wm_buf_puts(h->o, "\">\n");
}

static void front_item(html *h, const char *label, const char *value)
{
    if (!value || !value[0])
        return;
    wm_buf_puts(h->o, "<div><dt>");
    put_str(h, label, WM_RUN_BOLD);
    wm_buf_puts(h->o, "</dt><dd>");
    put_str(h, value, 0);
    wm_buf_puts(h->o, "</dd></div>\n");
}

static void cover(html *h, const wm_front_matter *f)
{
    wm_buf_puts(h->o, "<header class=\"wm-cover\">\n");
    if (h->opts && (h->opts->brand_logo.data || h->opts->client_logo.data)) {
        wm_buf_puts(h->o, "<div class=\"wm-logos\">\n");
        logo(h, &h->opts->brand_logo, "wm-logo-brand", f->firm ? f->firm : "Consultancy logo");
        char *alt = wm_xasprintf("%s logo", f->client);
        logo(h, &h->opts->client_logo, "wm-logo-client", alt);
        free(alt);
        wm_buf_puts(h->o, "</div>\n");
    }
    if (f->firm && f->firm[0]) {
        wm_buf_puts(h->o, "<p class=\"wm-firm\">");
        put_str(h, f->firm, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</p>\n");
    }
    wm_buf_puts(h->o, "<h1><span class=\"wm-client\">");
    h->heading = true;
    put_str(h, f->client, WM_RUN_BOLD);
    h->heading = false;
    wm_buf_puts(h->o, "</span>");
    if (f->title && f->title[0]) {
        wm_buf_puts(h->o, "<span class=\"wm-sr\">: </span><span class=\"wm-title\">");
        put_str(h, f->title, 0);
        wm_buf_puts(h->o, "</span>");
    }
    wm_buf_puts(h->o, "</h1>\n");
    if (f->sector && f->sector[0]) {
        wm_buf_puts(h->o, "<p class=\"wm-sector\">");
        put_str(h, f->sector, 0);
        wm_buf_puts(h->o, "</p>\n");
    }
    wm_buf_puts(h->o, "<dl class=\"wm-front\">\n");
    front_item(h, "Prepared by", f->prepared_by);
    front_item(h, "Date", f->date);
    wm_buf_puts(h->o, "</dl>\n");
    if (f->confidentiality && f->confidentiality[0]) {
        wm_buf_puts(h->o, "<p class=\"wm-confidential\"><strong>");
        put_str(h, f->confidentiality, WM_RUN_BOLD);
        wm_buf_puts(h->o, "</strong></p>\n");
    }
    wm_buf_puts(h->o, "</header>\n");
}

static void contents(html *h, const wm_doc *doc, char **ids)
{
    wm_buf_puts(h->o, "<nav class=\"wm-contents\" aria-labelledby=\"wm-contents\">\n"
                      "<h2 id=\"wm-contents\">");
    h->heading = true;
    put_str(h, "Contents", WM_RUN_BOLD);
    h->heading = false;
    wm_buf_puts(h->o, "</h2>\n<ol>\n");
    for (size_t s = 0; s < doc->n_sections; s++) {
        wm_buf_printf(h->o, "<li><a href=\"#%s\">", ids[s]);
        put_str(h, doc->sections[s].title, 0);
        wm_buf_puts(h->o, "</a></li>\n");
    }
    wm_buf_puts(h->o, "</ol>\n</nav>\n");
}

/* ---- the head: style sheet and fonts ---- */

static const char CSS[] =
    "*,*::before,*::after{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;font-family:var(--wm-font);color:var(--wm-text);background:#fff;"
    "line-height:1.5;font-size:16px}\n"
    ".wm-page{max-width:52rem;margin:0 auto;padding:2rem 1.5rem 3rem}\n"
    "h1,h2,h3,h4,h5{font-family:var(--wm-font-heading);font-weight:var(--wm-heading-weight);"
    "color:var(--wm-primary);line-height:1.2;margin:1.6em 0 .5em}\n"
    "h2{font-size:1.6rem;border-bottom:3px solid var(--wm-accent);padding-bottom:.25em}\n"
    "h3{font-size:1.25rem}h4{font-size:1.1rem}h5{font-size:1rem}\n"
    "a{color:var(--wm-secondary)}\n"
    ".wm-cover{border-left:14px solid var(--wm-primary);box-shadow:inset 4px 0 0 "
    "var(--wm-accent);padding:2rem 1.5rem 2rem 2rem;margin-bottom:2rem}\n"
    ".wm-logos{display:flex;justify-content:space-between;align-items:flex-start;gap:1rem;"
    "margin-bottom:3rem}\n"
    ".wm-logos img{max-height:54px;width:auto;max-width:45%}\n"
    ".wm-logo-client{margin-left:auto}\n"
    ".wm-firm{color:var(--wm-secondary);font-weight:700;margin:0 0 .5rem}\n"
    ".wm-sector{color:var(--wm-muted);margin:.2rem 0 0}\n"
    ".wm-cover h1{margin:0;font-size:2.4rem}\n"
    ".wm-cover .wm-title{display:block;font-family:var(--wm-font);font-weight:400;"
    "color:var(--wm-text);font-size:1.4rem;margin-top:.4rem}\n"
    ".wm-front{margin:2rem 0 0;border-top:3px solid var(--wm-accent);padding-top:1rem;"
    "max-width:20rem}\n"
    ".wm-front dt{font-weight:700;font-size:.75rem;color:var(--wm-muted);text-transform:none}\n"
    ".wm-front dd{margin:0 0 .6rem}\n"
    ".wm-confidential{background:var(--wm-tint);color:var(--wm-primary);padding:.4rem .6rem;"
    "font-size:.8rem;margin:1.5rem 0 0}\n"
    ".wm-contents ol{padding-left:1.6rem}\n"
    ".wm-contents li{margin:.2rem 0}\n"
    "table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.85rem}\n"
    "caption{text-align:left;font-weight:700;color:var(--wm-muted);padding:.3rem 0}\n"
    "th,td{padding:.35rem .5rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid var(--wm-rule)}\n"
    "thead th{background:var(--wm-primary);color:#fff;font-weight:700}\n"
    "tbody tr:nth-child(even){background:var(--wm-stripe)}\n"
    "tfoot td{font-weight:700;border-top:2px solid var(--wm-primary)}\n"
    "th.r,td.r{text-align:right;font-variant-numeric:tabular-nums}\n"
    "th.c,td.c{text-align:center}\n"
    "td.nw{white-space:nowrap}\n"
    ".wm-kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
    ".wm-kv div{display:contents}\n"
    ".wm-kv dt{font-weight:700}.wm-kv dd{margin:0}\n"
    ".wm-callout{border-left:4px solid var(--wm-secondary);background:var(--wm-tint);"
    "padding:.6rem 1rem;margin:1rem 0}\n"
    ".wm-callout p{margin:.3rem 0}\n"
    ".wm-warn{border-left-color:#c98a00}.wm-risk{border-left-color:#b3261e}\n"
    ".wm-chart{margin:1.5rem 0}\n"
    ".wm-chart svg{display:block;width:100%;height:auto}\n"
    ".wm-chart text{white-space:pre}\n"
    ".f0{font-family:var(--wm-font);font-weight:400;font-style:normal}\n"
    ".f1{font-family:var(--wm-font);font-weight:700;font-style:normal}\n"
    ".f2{font-family:var(--wm-font);font-weight:400;font-style:italic}\n"
    ".f3{font-family:var(--wm-font);font-weight:700;font-style:italic}\n"
    ".f4{font-family:var(--wm-font-heading);font-weight:var(--wm-heading-weight)}\n"
    ".f5{font-family:var(--wm-font-fallback);font-weight:400}\n"
    ".wm-data{font-size:.8rem;width:auto;min-width:50%}\n"
    ".wm-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0}\n"
    "footer{border-top:1px solid var(--wm-rule);margin-top:3rem;padding-top:.8rem;"
    "color:var(--wm-muted);font-size:.8rem}\n"
    "@media print{\n"
    "body{font-size:10.5pt}\n"
    ".wm-page{max-width:none;padding:0}\n"
    ".wm-cover{break-after:page;min-height:200mm}\n"
    ".wm-contents{break-after:page}\n"
    "main>section{break-before:page}\n"
    ".wm-page-break{break-after:page}\n"
    "h2,h3,h4,h5{break-after:avoid}\n"
    "tr,figure svg,.wm-callout,.wm-kv div{break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    "tbody tr:nth-child(even),thead th,.wm-confidential,.wm-callout{"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "a{color:inherit}\n"
    "}\n";

static void put_rgb(wm_buf *o, const char *name, wm_rgb c)
{
    wm_buf_printf(o, "%s:#%02x%02x%02x;", name, c.r, c.g, c.b);
}

/* The families' names, by slot, and which slot's face a slot shares (its
 * own when it has one of its own). */
typedef struct {
    bool own[WM_FACE_COUNT]; /* an @font-face rule of its own */
    int heading_as;          /* the slot the heading's face is (BOLD, REGULAR or HEADING) */
} face_plan;

static face_plan plan_faces(const wm_style *st)
{
    face_plan p = {0};
    wm_face *const *f = st->faces;
    p.own[WM_FACE_REGULAR] = true;
    p.own[WM_FACE_BOLD] = f[WM_FACE_BOLD] != f[WM_FACE_REGULAR];
    p.own[WM_FACE_ITALIC] = f[WM_FACE_ITALIC] != f[WM_FACE_REGULAR];
    p.own[WM_FACE_BOLD_ITALIC] = f[WM_FACE_BOLD_ITALIC] != f[WM_FACE_REGULAR] &&
                                 f[WM_FACE_BOLD_ITALIC] != f[WM_FACE_BOLD] &&
                                 f[WM_FACE_BOLD_ITALIC] != f[WM_FACE_ITALIC];
    p.heading_as = f[WM_FACE_HEADING] == f[WM_FACE_BOLD]      ? WM_FACE_BOLD
                   : f[WM_FACE_HEADING] == f[WM_FACE_REGULAR] ? WM_FACE_REGULAR
                                                              : WM_FACE_HEADING;
    p.own[WM_FACE_HEADING] = p.heading_as == WM_FACE_HEADING;
    /* The fallback chain: a face once, and not the regular one again. */
    for (int s = WM_FACE_FALLBACK; s < WM_FACE_COUNT; s++) {
        p.own[s] = f[s] != f[WM_FACE_REGULAR];
        for (int t = WM_FACE_FALLBACK; t < s; t++)
            p.own[s] = p.own[s] && f[s] != f[t];
    }
    return p;
}

/* One @font-face rule: the face's subset for `cps`, or nothing when it is
 * not needed or cannot be made (the family's fallbacks then draw). */
static void font_face(wm_buf *o, wm_face *face, const wm_cpset *cps, const char *family,
                      const char *weight, const char *style)
{
    if (!face || !cps->len)
        return;
    size_t len = 0;
    const unsigned char *data = wm_face_data(face, &len);
    unsigned char *sub = NULL;
    size_t sub_len = 0;
    char *err = NULL;
    if (!data || wm_font_subset(data, len, family, cps->cp, cps->len, &sub, &sub_len, &err) != 0) {
        free(err);
        return;
    }
    wm_buf_printf(o,
                  "@font-face{font-family:\"%s\";font-weight:%s;font-style:%s;src:url(data:font/"
                  "ttf;base64,",
                  family, weight, style);
    base64(o, sub, sub_len);
    wm_buf_puts(o, ") format(\"truetype\")}\n");
    free(sub);
}

static void fonts(html *h, wm_buf *o)
{
    const wm_style *st = h->opts->style;
    face_plan p = plan_faces(st);
    wm_cpset *u = h->used;
    /* Digits and punctuation a browser may draw itself (list numbers). */
    (void)wm_cpset_add_utf8(&u[WM_FACE_REGULAR], "0123456789. ");
    /* What a slot's face lacks is drawn by the first fallback face that has it. */
    for (int s = 0; s < WM_FACE_FALLBACK; s++)
        for (size_t i = 0; i < u[s].len; i++)
            if (!wm_face_has(st->faces[s], u[s].cp[i]))
                for (int k = WM_FACE_FALLBACK; k < WM_FACE_COUNT; k++)
                    if (st->faces[k] && wm_face_has(st->faces[k], u[s].cp[i])) {
                        wm_cpset_add(&u[k], u[s].cp[i]);
                        break;
                    }
    /* A slot without a face of its own shows its text in the one it shares. */
    wm_cpset merged[WM_FACE_COUNT];
    for (int s = 0; s < WM_FACE_COUNT; s++) {
        wm_cpset_init(&merged[s]);
        for (size_t i = 0; i < u[s].len; i++)
            wm_cpset_add(&merged[s], u[s].cp[i]);
    }
    int into[WM_FACE_COUNT];
    for (int s = 0; s < WM_FACE_COUNT; s++) {
        into[s] = WM_FACE_REGULAR;
        for (int t = 0; t < WM_FACE_COUNT; t++)
            if (p.own[t] && st->faces[t] && st->faces[t] == st->faces[s]) {
                into[s] = t;
                break;
            }
    }
    for (int s = 0; s < WM_FACE_COUNT; s++)
        if (into[s] != s)
            for (size_t i = 0; i < u[s].len; i++)
                if (st->faces[s] && wm_face_has(st->faces[into[s]], u[s].cp[i]))
                    wm_cpset_add(&merged[into[s]], u[s].cp[i]);
    static const struct {
        const char *family, *weight, *style;
    } RULE[WM_FACE_COUNT] = {
        [WM_FACE_REGULAR] = {"wm-text", "400", "normal"},
        [WM_FACE_BOLD] = {"wm-text", "700", "normal"},
        [WM_FACE_ITALIC] = {"wm-text", "400", "italic"},
        [WM_FACE_BOLD_ITALIC] = {"wm-text", "700", "italic"},
        [WM_FACE_HEADING] = {"wm-heading", "100 900", "normal"},
        [WM_FACE_FALLBACK] = {"wm-fallback", "400", "normal"},
        [WM_FACE_FALLBACK + 1] = {"wm-fallback-2", "400", "normal"},
        [WM_FACE_FALLBACK + 2] = {"wm-fallback-3", "400", "normal"},
        [WM_FACE_FALLBACK + 3] = {"wm-fallback-4", "400", "normal"},
        [WM_FACE_FALLBACK + 4] = {"wm-fallback-5", "400", "normal"},
        [WM_FACE_FALLBACK + 5] = {"wm-fallback-6", "400", "normal"},
        [WM_FACE_FALLBACK + 6] = {"wm-fallback-7", "400", "normal"},
        [WM_FACE_FALLBACK + 7] = {"wm-fallback-8", "400", "normal"},
    };
    _Static_assert(WM_FALLBACK_MAX == 8, "a family name for each fallback slot");
    for (int s = 0; s < WM_FACE_COUNT; s++)
        if (p.own[s])
            font_face(o, st->faces[s], &merged[s], RULE[s].family, RULE[s].weight, RULE[s].style);
    for (int s = 0; s < WM_FACE_COUNT; s++)
        wm_cpset_free(&merged[s]);
}

static void head(html *h, wm_buf *o, const char *title)
{
    wm_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; img-src data:; font-src data:\">\n"
                   "<meta name=\"generator\" content=\"Waymark\">\n<title>");
    wm_html_escape(o, title);
    wm_buf_puts(o, "</title>\n<style>\n");
    const wm_style *st = h->opts ? h->opts->style : NULL;
    static const wm_style PLAIN = {.primary = {0x1f, 0x2a, 0x44},
                                   .secondary = {0x1f, 0x6f, 0x8b},
                                   .accent = {0x2a, 0x9d, 0x8f},
                                   .text = {0x22, 0x22, 0x22},
                                   .muted = {0x66, 0x66, 0x66}};
    const wm_style *c = st ? st : &PLAIN;
    wm_buf_puts(o, ":root{");
    put_rgb(o, "--wm-primary", c->primary);
    put_rgb(o, "--wm-secondary", c->secondary);
    put_rgb(o, "--wm-accent", c->accent);
    put_rgb(o, "--wm-text", c->text);
    put_rgb(o, "--wm-muted", c->muted);
    static const wm_rgb WHITE = {255, 255, 255};
    put_rgb(o, "--wm-tint", wm_rgb_mix(c->primary, WHITE, 0.9));
    put_rgb(o, "--wm-stripe", wm_rgb_mix(c->primary, WHITE, 0.96));
    put_rgb(o, "--wm-rule", wm_rgb_mix(c->muted, WHITE, 0.7));
    bool embed = st && h->opts->embed_fonts;
    face_plan p = st ? plan_faces(st) : (face_plan){0};
    const char *generic = "\"Noto Sans\",\"DejaVu Sans\",system-ui,-apple-system,\"Segoe UI\","
                          "Roboto,Arial,sans-serif";
    /* The fallback chain's families after the first ("wm-fallback"). */
    char chain[128] = "";
    for (int s = WM_FACE_FALLBACK + 1; embed && s < WM_FACE_COUNT; s++)
        if (p.own[s])
            snprintf(chain + strlen(chain), sizeof chain - strlen(chain), "\"wm-fallback-%d\",",
                     s - WM_FACE_FALLBACK + 1);
    wm_buf_printf(o, "--wm-font:%s%s%s;", embed ? "\"wm-text\",\"wm-fallback\"," : "", chain,
                  generic);
    if (embed && p.heading_as == WM_FACE_HEADING)
        wm_buf_printf(o, "--wm-font-heading:\"wm-heading\",\"wm-fallback\",%s%s;", chain, generic);
    else
        wm_buf_puts(o, "--wm-font-heading:var(--wm-font);");
    wm_buf_printf(o, "--wm-heading-weight:%s;",
                  embed && p.heading_as == WM_FACE_REGULAR ? "400" : "700");
    wm_buf_printf(o, "--wm-font-fallback:%s%s%s}\n", embed ? "\"wm-fallback\",\"wm-text\"," : "",
                  chain, generic);
    if (embed)
        fonts(h, o);
    wm_buf_puts(o, CSS);
    /* Printed on the brand's page, with its margins. */
    if (h->opts && h->opts->page.w > 0 && h->opts->page.h > 0)
        wm_buf_printf(o, "@page{size:%.2fpt %.2fpt;margin:%.2fpt %.2fpt %.2fpt %.2fpt}\n",
                      h->opts->page.w, h->opts->page.h, h->opts->page.top, h->opts->page.right,
                      h->opts->page.bottom, h->opts->page.left);
    else
        wm_buf_puts(o, "@page{margin:16mm 15mm}\n");
    wm_buf_puts(o, "</style>\n</head>\n");
}

/* ---- the document ---- */

char *wm_html(const wm_doc *doc, const wm_front_matter *front, const wm_currency *cur,
              const wm_html_opts *opts)
{
    wm_buf body;
    wm_buf_init(&body);
    html h = {0};
    h.o = &body;
    h.cur = cur;
    h.opts = opts;
    for (int s = 0; s < WM_FACE_COUNT; s++)
        wm_cpset_init(&h.used[s]);

    wm_buf_puts(&body, "<body>\n<div class=\"wm-page\">\n");
    cover(&h, front);
    char **ids = section_ids(doc);
    contents(&h, doc, ids);
    wm_buf_puts(&body, "<main>\n");
    for (size_t s = 0; s < doc->n_sections; s++) {
        const wm_section *sec = &doc->sections[s];
        wm_buf_printf(&body, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">",
                      ids[s], ids[s], ids[s]);
        h.heading = true;
        put_str(&h, sec->title, WM_RUN_BOLD);
        h.heading = false;
        wm_buf_puts(&body, "</h2>\n");
        set_context(&h, wm_xstrdup(sec->title));
        h.level = 2;
        for (size_t i = 0; i < sec->n_blocks; i++)
            BLOCK[sec->blocks[i].kind](&h, &sec->blocks[i]);
        wm_buf_puts(&body, "</section>\n");
    }
    free_ids(ids);
    wm_buf_puts(&body, "</main>\n");
    /* As every page of the PDF ends: the engagement's marking in bold, then
     * the brand's footer (a footer never replaces the marking). */
    const char *mark =
        front->confidentiality && front->confidentiality[0] ? front->confidentiality : NULL;
    const char *foot = front->footer && front->footer[0] ? front->footer : NULL;
    if (mark || foot) {
        wm_buf_puts(&body, "<footer>\n<p>");
        if (mark) {
            wm_buf_puts(&body, "<strong>");
            put_str(&h, mark, WM_RUN_BOLD);
            wm_buf_puts(&body, "</strong>");
        }
        if (mark && foot)
            put_str(&h, " \xC2\xB7 ", 0);
        if (foot)
            put_str(&h, foot, 0);
        wm_buf_puts(&body, "</p>\n</footer>\n");
    }
    wm_buf_puts(&body, "</div>\n</body>\n</html>\n");
    set_context(&h, NULL);

    wm_buf out;
    wm_buf_init(&out);
    char *title = front->title && front->title[0]
                      ? wm_xasprintf("%s: %s", front->client, front->title)
                      : wm_xstrdup(front->client);
    head(&h, &out, title);
    free(title);
    wm_buf_put(&out, body.data, body.len);
    wm_buf_free(&body);
    for (int s = 0; s < WM_FACE_COUNT; s++)
        wm_cpset_free(&h.used[s]);
    return wm_buf_steal(&out);
}
