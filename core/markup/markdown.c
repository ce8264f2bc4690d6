/*
 * markdown.c - the document as Markdown (see markup.h): CommonMark, with
 * GitHub's pipe tables, which every Markdown reader a consultant uses
 * (GitHub, GitLab, VS Code, pandoc, Obsidian) shows as tables.
 *
 *   # Client: Title            the cover's texts, then one line each
 *   ## Section title           each section, in reading order
 *   ### / #### / #####         headings of level 1, 2, 3 inside a section
 *
 * Paragraphs and list items keep their bold, italic and links; tables are
 * pipe tables with the total row in bold; key-value blocks are lists of
 * "**key:** value"; callouts are block quotes; a chart is its title and its
 * data table.  Page breaks have no meaning here and are left out.
 *
 * Everything from the document is escaped: a character Markdown would read
 * as markup (`*`, `_`, `[`, `<`, a `#` or `1.` opening a line, ...) gets a
 * backslash, so a title like `<img src=x onerror=...>` stays text.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "markup.h"

/* ---- escaping ---- */

/* Text as one line, with a backslash before each character Markdown could
 * read as markup (CommonMark allows one before any ASCII punctuation): the
 * inline ones anywhere, the block ones where the text opens a line; line
 * breaks inside become spaces, or "<br>" in a table cell. */
static void put_escaped(wm_buf *o, const char *s, bool in_cell)
{
    static const char ALWAYS[] = "\\`*_[]<>|&!~";
    static const char AT_START[] = "#+-=>"; /* a heading, list, rule or quote */
    bool line_start = true, start_digits = false;
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (c == '\n' || c == '\r') {
            if (c == '\r' && p[1] == '\n')
                p++;
            wm_buf_puts(o, in_cell ? "<br>" : " ");
            continue;
        }
        if (c == '\t')
            c = ' ';
        bool digit = c >= '0' && c <= '9';
        /* "12. " or "12) " opening a line would start a numbered list. */
        bool ends_number =
            start_digits && (c == '.' || c == ')') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0');
        bool at_start = line_start && !in_cell; /* no block opens inside a cell */
        if (strchr(ALWAYS, c) || (at_start && (strchr(AT_START, c) || ends_number)))
            wm_buf_putc(o, '\\');
        wm_buf_putc(o, c);
        start_digits = digit && (line_start || start_digits);
        if (c != ' ')
            line_start = false;
    }
}

/* A URL inside <...>: spaces and angle brackets percent-encoded. */
static void put_url(wm_buf *o, const char *url)
{
    for (const char *p = url; *p; p++) {
        if (*p == ' ' || *p == '<' || *p == '>' || (unsigned char)*p < 0x20)
            wm_buf_printf(o, "%%%02X", (unsigned char)*p);
        else
            wm_buf_putc(o, *p);
    }
}

static void put_text(wm_buf *o, const wm_text *t, bool in_cell)
{
    for (size_t i = 0; i < t->n; i++) {
        const wm_run *r = &t->runs[i];
        if (!r->text[0])
            continue;
        const char *mark = (r->style & WM_RUN_BOLD) && (r->style & WM_RUN_ITALIC) ? "***"
                           : (r->style & WM_RUN_BOLD)                             ? "**"
                           : (r->style & WM_RUN_ITALIC)                           ? "*"
                                                                                  : "";
        if (r->link)
            wm_buf_putc(o, '[');
        wm_buf_puts(o, mark);
        put_escaped(o, r->text, in_cell);
        wm_buf_puts(o, mark);
        if (r->link) {
            wm_buf_puts(o, "](<");
            put_url(o, r->link);
            wm_buf_puts(o, ">)");
        }
    }
}

static void put_plain(wm_buf *o, const char *s)
{
    put_escaped(o, s, false);
}

/* ---- blocks ---- */

static void heading(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    static const char *const MARKS[] = {"", "### ", "#### ", "##### "};
    wm_buf_puts(o, MARKS[b->u.heading.level]);
    put_text(o, &b->u.heading.text, false);
    wm_buf_puts(o, "\n\n");
}

static void paragraph(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    put_text(o, &b->u.paragraph, false);
    wm_buf_puts(o, "\n\n");
}

static void list(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    for (size_t i = 0; i < b->u.list.n; i++) {
        if (b->u.list.numbered)
            wm_buf_printf(o, "%zu. ", i + 1);
        else
            wm_buf_puts(o, "- ");
        put_text(o, &b->u.list.items[i], false);
        wm_buf_putc(o, '\n');
    }
    wm_buf_putc(o, '\n');
}

static void table_row(wm_buf *o, const wm_text *cells, size_t n, bool bold)
{
    wm_buf_putc(o, '|');
    for (size_t c = 0; c < n; c++) {
        wm_buf_putc(o, ' ');
        bool any = false;
        for (size_t r = 0; r < cells[c].n; r++)
            any = any || cells[c].runs[r].text[0];
        if (bold && any)
            wm_buf_puts(o, "**");
        put_text(o, &cells[c], true);
        if (bold && any)
            wm_buf_puts(o, "**");
        wm_buf_puts(o, " |");
    }
    wm_buf_putc(o, '\n');
}

static void table(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    size_t nc = b->u.table.n_columns;
    wm_text *titles = wm_xcalloc(nc, sizeof *titles);
    for (size_t c = 0; c < nc; c++)
        titles[c] = b->u.table.columns[c].title;
    table_row(o, titles, nc, false);
    free(titles);
    wm_buf_putc(o, '|');
    for (size_t c = 0; c < nc; c++) {
        wm_align al = b->u.table.columns[c].align;
        wm_buf_puts(o, al == WM_ALIGN_RIGHT    ? " ---: |"
                       : al == WM_ALIGN_CENTRE ? " :---: |"
                                               : " --- |");
    }
    wm_buf_putc(o, '\n');
    for (size_t r = 0; r < b->u.table.n_rows; r++)
        table_row(o, &b->u.table.cells[r * nc], nc, false);
    if (b->u.table.total)
        table_row(o, b->u.table.total, nc, true);
    wm_buf_putc(o, '\n');
}

static void kv(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    for (size_t i = 0; i < b->u.kv.n; i++) {
        wm_buf_puts(o, "- **");
        put_text(o, &b->u.kv.keys[i], false);
        wm_buf_puts(o, ":** ");
        put_text(o, &b->u.kv.values[i], false);
        wm_buf_putc(o, '\n');
    }
    wm_buf_putc(o, '\n');
}

static void callout(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)cur;
    if (b->u.callout.title.n) {
        wm_buf_puts(o, "> **");
        put_text(o, &b->u.callout.title, false);
        wm_buf_puts(o, "**\n>\n");
    }
    wm_buf_puts(o, "> ");
    put_text(o, &b->u.callout.body, false);
    wm_buf_puts(o, "\n\n");
}

static void chart(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    const wm_chart *c = &b->u.chart;
    if (c->title) {
        wm_buf_puts(o, "**");
        put_plain(o, c->title);
        wm_buf_puts(o, "**\n\n");
    }
    wm_arena a;
    wm_arena_init(&a);
    wm_block t;
    wm_chart_table(c, cur, &a, &t);
    if (t.u.table.n_rows)
        table(o, &t, cur);
    wm_arena_free(&a);
    if (c->kind == WM_CHART_GANTT && c->u.gantt.n_markers) {
        const wm_gantt_chart *g = &c->u.gantt;
        wm_buf_puts(o, "Markers:");
        char buf[32];
        for (size_t i = 0; i < g->n_markers; i++) {
            size_t q = g->markers[i].quarter;
            wm_buf_puts(o, i ? "; " : " ");
            put_plain(o, g->markers[i].label);
            wm_buf_puts(o, " (");
            put_plain(o, g->parsed[q] == WM_NO_QUARTER
                             ? g->quarters[q]
                             : wm_quarter_label(g->parsed[q], buf, sizeof buf));
            wm_buf_putc(o, ')');
        }
        wm_buf_puts(o, ".\n\n");
    }
}

static void nothing(wm_buf *o, const wm_block *b, const wm_currency *cur)
{
    (void)o, (void)b, (void)cur;
}

static void (*const BLOCK[WM_BLOCK_KIND_COUNT])(wm_buf *, const wm_block *, const wm_currency *) = {
    [WM_BLOCK_HEADING] = heading, [WM_BLOCK_PARAGRAPH] = paragraph,
    [WM_BLOCK_LIST] = list,       [WM_BLOCK_TABLE] = table,
    [WM_BLOCK_KV] = kv,           [WM_BLOCK_CALLOUT] = callout,
    [WM_BLOCK_CHART] = chart,     [WM_BLOCK_PAGE_BREAK] = nothing,
};

/* ---- the document ---- */

static void front_line(wm_buf *o, const char *label, const char *value)
{
    if (!value || !value[0])
        return;
    wm_buf_puts(o, label);
    put_plain(o, value);
    wm_buf_puts(o, "  \n");
}

char *wm_markdown(const wm_doc *doc, const wm_front_matter *front, const wm_currency *cur)
{
    wm_buf o;
    wm_buf_init(&o);
    wm_buf_puts(&o, "# ");
    put_plain(&o, front->client);
    if (front->title && front->title[0]) {
        wm_buf_puts(&o, ": ");
        put_plain(&o, front->title);
    }
    wm_buf_puts(&o, "\n\n");
    size_t at = o.len;
    front_line(&o, "", front->sector);
    front_line(&o, "Prepared by ", front->prepared_by);
    front_line(&o, "", front->date);
    if (front->confidentiality && front->confidentiality[0]) {
        wm_buf_puts(&o, "*");
        put_plain(&o, front->confidentiality);
        wm_buf_puts(&o, "*  \n");
    }
    if (o.len > at)
        wm_buf_putc(&o, '\n');
    for (size_t s = 0; s < doc->n_sections; s++) {
        const wm_section *sec = &doc->sections[s];
        wm_buf_puts(&o, "## ");
        put_plain(&o, sec->title);
        wm_buf_puts(&o, "\n\n");
        for (size_t i = 0; i < sec->n_blocks; i++)
            BLOCK[sec->blocks[i].kind](&o, &sec->blocks[i], cur);
    }
    /* One line end at the end of the file. */
    while (o.len > 1 && o.data[o.len - 1] == '\n' && o.data[o.len - 2] == '\n')
        o.data[--o.len] = '\0';
    return wm_buf_steal(&o);
}
