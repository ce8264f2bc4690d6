/*
 * dlist.c - building the display list, and the text device that dumps it
 * (see dlist.h).
 */
#include "dlist.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Coordinates are kept to 1/100 pt, so every device sees the same numbers. */
static double snap(double v)
{
    double r = round(v * 100.0) / 100.0;
    return r == 0 ? 0 : r; /* no -0 */
}

wm_dlist *wm_dl_new(double page_w, double page_h)
{
    wm_dlist *dl = wm_xcalloc(1, sizeof *dl);
    wm_arena_init(&dl->arena);
    dl->page_w = snap(page_w);
    dl->page_h = snap(page_h);
    dl->info.date = -1;
    dl->overflow_section = -1;
    dl->section = -1;
    return dl;
}

void wm_dl_free(wm_dlist *dl)
{
    if (!dl)
        return;
    for (size_t i = 0; i < dl->n_pages; i++)
        free(dl->pages[i].ops);
    free(dl->pages);
    free(dl->dests);
    free(dl->outline);
    free(dl->missing);
    wm_arena_free(&dl->arena);
    free(dl);
}

void wm_dl_note_missing(wm_dlist *dl, uint32_t cp)
{
    for (size_t i = 0; i < dl->n_missing; i++)
        if (dl->missing[i].cp == cp)
            return;
    if (dl->n_missing == WM_DL_MAX_MISSING)
        return;
    WM_GROW(dl->missing, dl->cap_missing, dl->n_missing + 1);
    dl->missing[dl->n_missing++] = (struct wm_dl_missing){cp, dl->section};
}

size_t wm_dl_add_page(wm_dlist *dl)
{
    WM_GROW(dl->pages, dl->cap_pages, dl->n_pages + 1);
    memset(&dl->pages[dl->n_pages], 0, sizeof dl->pages[0]);
    return dl->n_pages++;
}

static wm_op *add_op(wm_dlist *dl, size_t page, wm_op_kind kind)
{
    wm_page *p = &dl->pages[page];
    WM_GROW(p->ops, p->cap, p->n + 1);
    wm_op *op = &p->ops[p->n++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

void wm_dl_text(wm_dlist *dl, size_t page, double x, double y, wm_face_slot face, double size,
                wm_rgb colour, const char *text, size_t len, double width)
{
    if (len == 0)
        return;
    wm_op *op = add_op(dl, page, WM_OP_TEXT);
    op->u.text.x = snap(x);
    op->u.text.y = snap(y);
    op->u.text.size = snap(size);
    op->u.text.face = face;
    op->u.text.colour = colour;
    op->u.text.text = wm_arena_strndup(&dl->arena, text, len);
    op->u.text.width = snap(width);
}

void wm_dl_rect(wm_dlist *dl, size_t page, double x, double y, double w, double h,
                const wm_rgb *fill, const wm_rgb *stroke, double line_width)
{
    wm_op *op = add_op(dl, page, WM_OP_RECT);
    op->u.rect.x = snap(x);
    op->u.rect.y = snap(y);
    op->u.rect.w = snap(w);
    op->u.rect.h = snap(h);
    op->u.rect.fill = fill != NULL;
    op->u.rect.stroke = stroke != NULL;
    if (fill)
        op->u.rect.fill_colour = *fill;
    if (stroke)
        op->u.rect.stroke_colour = *stroke;
    op->u.rect.line_width = snap(line_width);
}

void wm_dl_line(wm_dlist *dl, size_t page, double x1, double y1, double x2, double y2,
                wm_rgb colour, double line_width, unsigned dash)
{
    wm_op *op = add_op(dl, page, WM_OP_LINE);
    op->u.line.x1 = snap(x1);
    op->u.line.y1 = snap(y1);
    op->u.line.x2 = snap(x2);
    op->u.line.y2 = snap(y2);
    op->u.line.colour = colour;
    op->u.line.line_width = snap(line_width);
    op->u.line.dash = dash;
}

void wm_dl_poly(wm_dlist *dl, size_t page, const wm_point *pts, size_t n, bool closed,
                const wm_rgb *fill, const wm_rgb *stroke, double line_width)
{
    if (n < 2)
        return;
    wm_op *op = add_op(dl, page, WM_OP_POLY);
    op->u.poly.points = WM_ARENA_NEW(&dl->arena, wm_point, n);
    for (size_t i = 0; i < n; i++) {
        op->u.poly.points[i].x = snap(pts[i].x);
        op->u.poly.points[i].y = snap(pts[i].y);
    }
    op->u.poly.n = n;
    op->u.poly.closed = closed;
    op->u.poly.fill = fill != NULL;
    op->u.poly.stroke = stroke != NULL;
    if (fill)
        op->u.poly.fill_colour = *fill;
    if (stroke)
        op->u.poly.stroke_colour = *stroke;
    op->u.poly.line_width = snap(line_width);
}

void wm_dl_image(wm_dlist *dl, size_t page, size_t image, double x, double y, double w, double h)
{
    wm_op *op = add_op(dl, page, WM_OP_IMAGE);
    op->u.image.image = image;
    op->u.image.x = snap(x);
    op->u.image.y = snap(y);
    op->u.image.w = snap(w);
    op->u.image.h = snap(h);
}

static wm_op *add_link(wm_dlist *dl, size_t page, double x, double y, double w, double h)
{
    wm_op *op = add_op(dl, page, WM_OP_LINK);
    op->u.link.x = snap(x);
    op->u.link.y = snap(y);
    op->u.link.w = snap(w);
    op->u.link.h = snap(h);
    return op;
}

void wm_dl_link_uri(wm_dlist *dl, size_t page, double x, double y, double w, double h,
                    const char *uri)
{
    if (dl->n_uri_areas >= WM_MAX_URI_AREAS)
        return;
    dl->n_uri_areas++;
    add_link(dl, page, x, y, w, h)->u.link.uri = wm_arena_strdup(&dl->arena, uri);
}

void wm_dl_link_dest(wm_dlist *dl, size_t page, double x, double y, double w, double h, size_t dest)
{
    add_link(dl, page, x, y, w, h)->u.link.dest = dest;
}

size_t wm_dl_new_dest(wm_dlist *dl)
{
    WM_GROW(dl->dests, dl->cap_dests, dl->n_dests + 1);
    memset(&dl->dests[dl->n_dests], 0, sizeof dl->dests[0]);
    return dl->n_dests++;
}

void wm_dl_place_dest(wm_dlist *dl, size_t dest, size_t page, double y)
{
    wm_dest *d = &dl->dests[dest];
    d->page = page;
    d->y = snap(y);
    d->placed = true;
    wm_op *op = add_op(dl, page, WM_OP_DEST);
    op->u.dest.dest = dest;
    op->u.dest.y = d->y;
}

void wm_dl_outline(wm_dlist *dl, const char *title, int level, size_t dest)
{
    WM_GROW(dl->outline, dl->cap_outline, dl->n_outline + 1);
    wm_outline_item *o = &dl->outline[dl->n_outline++];
    o->title = wm_arena_strdup(&dl->arena, title);
    o->level = level;
    o->dest = dest;
}

static const char *copy_opt(wm_dlist *dl, const char *s)
{
    return s ? wm_arena_strdup(&dl->arena, s) : NULL;
}

void wm_dl_set_info(wm_dlist *dl, const wm_doc_info *info)
{
    dl->info.title = copy_opt(dl, info->title);
    dl->info.author = copy_opt(dl, info->author);
    dl->info.subject = copy_opt(dl, info->subject);
    dl->info.keywords = copy_opt(dl, info->keywords);
    dl->info.creator = copy_opt(dl, info->creator);
    dl->info.date = info->date;
}

bool wm_rgb_parse(const char *s, wm_rgb *out)
{
    if (!s)
        return false;
    if (*s == '#')
        s++;
    if (strlen(s) != 6)
        return false;
    unsigned v[3];
    for (int i = 0; i < 3; i++) {
        unsigned x = 0;
        for (int j = 0; j < 2; j++) {
            char c = s[i * 2 + j];
            unsigned d;
            if (c >= '0' && c <= '9')
                d = (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = (unsigned)(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = (unsigned)(c - 'A' + 10);
            else
                return false;
            x = x * 16 + d;
        }
        v[i] = x;
    }
    out->r = (uint8_t)v[0];
    out->g = (uint8_t)v[1];
    out->b = (uint8_t)v[2];
    return true;
}

/* ---- the text device ---- */

static const char *const FACE_NAMES[WM_FACE_COUNT] = {
    "regular",    "bold",       "italic",     "bold-italic", "heading",
    "fallback",   "fallback-2", "fallback-3", "fallback-4",  "fallback-5",
    "fallback-6", "fallback-7", "fallback-8"};

static void colour(wm_buf *o, wm_rgb c)
{
    wm_buf_printf(o, "#%02x%02x%02x", c.r, c.g, c.b);
}

static void dump_op(wm_buf *o, const wm_op *op)
{
    switch (op->kind) {
    case WM_OP_TEXT:
        wm_buf_printf(o, "  text %.2f %.2f %s %.2f ", op->u.text.x, op->u.text.y,
                      FACE_NAMES[op->u.text.face], op->u.text.size);
        colour(o, op->u.text.colour);
        wm_buf_printf(o, " w=%.2f \"%s\"\n", op->u.text.width, op->u.text.text);
        break;
    case WM_OP_RECT:
        wm_buf_printf(o, "  rect %.2f %.2f %.2f %.2f", op->u.rect.x, op->u.rect.y, op->u.rect.w,
                      op->u.rect.h);
        if (op->u.rect.fill) {
            wm_buf_puts(o, " fill=");
            colour(o, op->u.rect.fill_colour);
        }
        if (op->u.rect.stroke) {
            wm_buf_puts(o, " stroke=");
            colour(o, op->u.rect.stroke_colour);
            wm_buf_printf(o, "/%.2f", op->u.rect.line_width);
        }
        wm_buf_putc(o, '\n');
        break;
    case WM_OP_LINE:
        wm_buf_printf(o, "  line %.2f %.2f %.2f %.2f ", op->u.line.x1, op->u.line.y1, op->u.line.x2,
                      op->u.line.y2);
        colour(o, op->u.line.colour);
        wm_buf_printf(o, "/%.2f", op->u.line.line_width);
        if (op->u.line.dash)
            wm_buf_printf(o, " dash=%u", op->u.line.dash);
        wm_buf_putc(o, '\n');
        break;
    case WM_OP_POLY:
        wm_buf_printf(o, "  poly%s", op->u.poly.closed ? " closed" : "");
        for (size_t i = 0; i < op->u.poly.n; i++)
            wm_buf_printf(o, " %.2f,%.2f", op->u.poly.points[i].x, op->u.poly.points[i].y);
        if (op->u.poly.fill) {
            wm_buf_puts(o, " fill=");
            colour(o, op->u.poly.fill_colour);
        }
        if (op->u.poly.stroke) {
            wm_buf_puts(o, " stroke=");
            colour(o, op->u.poly.stroke_colour);
            wm_buf_printf(o, "/%.2f", op->u.poly.line_width);
        }
        wm_buf_putc(o, '\n');
        break;
    case WM_OP_IMAGE:
        wm_buf_printf(o, "  image %zu %.2f %.2f %.2f %.2f\n", op->u.image.image, op->u.image.x,
                      op->u.image.y, op->u.image.w, op->u.image.h);
        break;
    case WM_OP_LINK:
        wm_buf_printf(o, "  link %.2f %.2f %.2f %.2f ", op->u.link.x, op->u.link.y, op->u.link.w,
                      op->u.link.h);
        if (op->u.link.uri)
            wm_buf_printf(o, "uri=\"%s\"\n", op->u.link.uri);
        else
            wm_buf_printf(o, "dest=%zu\n", op->u.link.dest);
        break;
    case WM_OP_DEST:
        wm_buf_printf(o, "  dest %zu %.2f\n", op->u.dest.dest, op->u.dest.y);
        break;
    }
}

char *wm_dl_dump(const wm_dlist *dl)
{
    wm_buf o;
    wm_buf_init(&o);
    wm_buf_printf(&o, "document %.2f x %.2f, %zu pages\n", dl->page_w, dl->page_h, dl->n_pages);
    const wm_doc_info *in = &dl->info;
    if (in->title)
        wm_buf_printf(&o, "title \"%s\"\n", in->title);
    if (in->author)
        wm_buf_printf(&o, "author \"%s\"\n", in->author);
    if (in->subject)
        wm_buf_printf(&o, "subject \"%s\"\n", in->subject);
    for (size_t i = 0; i < dl->n_outline; i++) {
        const wm_outline_item *it = &dl->outline[i];
        const wm_dest *d = &dl->dests[it->dest];
        wm_buf_printf(&o, "outline %d \"%s\" -> page %zu\n", it->level, it->title, d->page + 1);
    }
    for (size_t p = 0; p < dl->n_pages; p++) {
        wm_buf_printf(&o, "page %zu\n", p + 1);
        for (size_t i = 0; i < dl->pages[p].n; i++)
            dump_op(&o, &dl->pages[p].ops[i]);
    }
    return wm_buf_steal(&o);
}
