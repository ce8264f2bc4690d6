/*
 * doc_dump.c - the document as text, one line per block: what `waymark
 * plan --format doc` prints for plugin authors, and what tests compare.
 */
#include "doc.h"

static void dump_text(wm_buf *o, const wm_text *t)
{
    for (size_t i = 0; i < t->n; i++) {
        const wm_run *r = &t->runs[i];
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(o, "**");
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(o, "_");
        wm_buf_puts(o, r->text);
        if (r->style & WM_RUN_ITALIC)
            wm_buf_puts(o, "_");
        if (r->style & WM_RUN_BOLD)
            wm_buf_puts(o, "**");
        if (r->link)
            wm_buf_printf(o, " <%s>", r->link);
    }
}

/* What follows a block's type on its line, by kind. */
static void heading(wm_buf *o, const wm_block *b)
{
    wm_buf_printf(o, " %d: ", b->u.heading.level);
    dump_text(o, &b->u.heading.text);
}

static void paragraph(wm_buf *o, const wm_block *b)
{
    wm_buf_puts(o, ": ");
    dump_text(o, &b->u.paragraph);
}

static void list(wm_buf *o, const wm_block *b)
{
    wm_buf_printf(o, " (%zu items%s)", b->u.list.n, b->u.list.numbered ? ", numbered" : "");
}

static void table(wm_buf *o, const wm_block *b)
{
    wm_buf_printf(o, " %zu x %zu%s", b->u.table.n_rows, b->u.table.n_columns,
                  b->u.table.total ? " + total" : "");
}

static void kv(wm_buf *o, const wm_block *b)
{
    wm_buf_printf(o, " (%zu items)", b->u.kv.n);
}

static void callout(wm_buf *o, const wm_block *b)
{
    wm_buf_puts(o, ": ");
    dump_text(o, &b->u.callout.body);
}

static void chart(wm_buf *o, const wm_block *b)
{
    const wm_chart *c = &b->u.chart;
    wm_buf_printf(o, " %s%s%s", wm_chart_kind_names[c->kind], c->title ? ": " : "",
                  c->title ? c->title : "");
}

static void nothing(wm_buf *o, const wm_block *b)
{
    (void)o, (void)b;
}

static void (*const DUMP[WM_BLOCK_KIND_COUNT])(wm_buf *, const wm_block *) = {
    [WM_BLOCK_HEADING] = heading, [WM_BLOCK_PARAGRAPH] = paragraph,
    [WM_BLOCK_LIST] = list,       [WM_BLOCK_TABLE] = table,
    [WM_BLOCK_KV] = kv,           [WM_BLOCK_CALLOUT] = callout,
    [WM_BLOCK_CHART] = chart,     [WM_BLOCK_PAGE_BREAK] = nothing,
};

char *wm_doc_dump(const wm_doc *d)
{
    wm_buf o;
    wm_buf_init(&o);
    for (size_t s = 0; s < d->n_sections; s++) {
        const wm_section *sec = &d->sections[s];
        wm_buf_printf(&o, "section %s: %s\n", sec->id, sec->title);
        for (size_t i = 0; i < sec->n_blocks; i++) {
            const wm_block *bl = &sec->blocks[i];
            wm_buf_printf(&o, "  %s", wm_block_kind_names[bl->kind]);
            DUMP[bl->kind](&o, bl);
            wm_buf_putc(&o, '\n');
        }
    }
    return wm_buf_steal(&o);
}
