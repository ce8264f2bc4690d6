/*
 * pages.c - the pages around the content: the cover, the contents (with
 * page numbers and links), and the running header and footer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

static const wm_rgb WHITE = {255, 255, 255};

/* Draw image `idx` scaled to fit a w x h box whose top-left is (x, top),
 * aligned left or right; returns the drawn width. */
static double logo(wm_lay *l, const wm_logo_ref *img, double x, double top, double w, double h,
                   bool right)
{
    if (img->image < 0 || !(img->width > 0) || !(img->height > 0))
        return 0;
    double sx = w / img->width, sy = h / img->height, s = sx < sy ? sx : sy;
    double dw = img->width * s, dh = img->height * s;
    double at = right ? x + w - dw : x;
    wm_dl_image(l->dl, l->page, (size_t)img->image, at, top - dh, dw, dh);
    return dw;
}

/* Wrapped plain text from the top `y`, returns the y under it. */
/* At most this many lines of any one cover field (the rest is cut with an
 * ellipsis), so the cover never runs into its confidentiality band. */
#define COVER_LINES 3

static double wrapped(wm_lay *l, const char *s, wm_face_slot slot, double size, wm_rgb colour,
                      double x, double y, double w, double leading)
{
    wm_run run = {s, slot == WM_FACE_ITALIC ? WM_RUN_ITALIC : 0, NULL};
    wm_text t = {&run, 1};
    wm_rich r;
    wm_rich_break(&r, l->st, &t, slot == WM_FACE_ITALIC ? WM_FACE_REGULAR : slot, size, w);
    double lh = size * leading;
    for (size_t i = 0; i < r.n_lines && i < COVER_LINES; i++) {
        if (i + 1 == COVER_LINES && r.n_lines > COVER_LINES) { /* the last one, shortened */
            char *rest = wm_xstrdup(r.s + r.lines[i].start);
            wm_pen_text_at(l->dl, l->page, l->st, r.slot[0], size, colour, x,
                           y - wm_baseline(size, lh), WM_PEN_LEFT, rest, w);
            free(rest);
        } else {
            wm_rich_draw_line(l, &r, i, x, w, WM_ALIGN_LEFT, y - wm_baseline(size, lh), colour);
        }
        y -= lh;
    }
    wm_rich_free(&r);
    return y;
}

void wm_pages_cover(wm_lay *l)
{
    const wm_front_matter *fm = &l->in->front;
    const wm_style *st = l->st;
    double pw = l->in->page_w, ph = l->in->page_h;
    wm_lay_new_page(l);
    /* A band in the brand's colour down the left edge, an accent rule. */
    wm_dl_rect(l->dl, l->page, 0, 0, 14, ph, &st->primary, NULL, 0);
    wm_dl_rect(l->dl, l->page, 14, 0, 4, ph, &st->accent, NULL, 0);

    double x = l->left + 10, w = l->right - x;
    double top = ph - l->in->margin_top;
    logo(l, &fm->brand_logo, x, top, w * 0.42, 54, false);
    logo(l, &fm->client_logo, x + w * 0.55, top, w * 0.45, 54, true);

    double y = ph * 0.64;
    if (fm->firm)
        y = wrapped(l, fm->firm, WM_FACE_BOLD, 10, st->secondary, x, y, w, 1.3) - 10;
    y = wrapped(l, fm->client, WM_FACE_HEADING, 30, st->primary, x, y, w, 1.15) - 6;
    if (fm->sector && *fm->sector)
        y = wrapped(l, fm->sector, WM_FACE_REGULAR, 11, st->muted, x, y, w, 1.3) - 6;
    if (fm->title)
        y = wrapped(l, fm->title, WM_FACE_REGULAR, 17, st->text, x, y, w, 1.25);
    y -= 14;
    wm_dl_rect(l->dl, l->page, x, y, 64, 3, &st->accent, NULL, 0);
    y -= 26;

    if (fm->prepared_by) {
        y = wrapped(l, "Prepared by", WM_FACE_BOLD, 8.5, st->muted, x, y, w, 1.3);
        y = wrapped(l, fm->prepared_by, WM_FACE_REGULAR, 10.5, st->text, x, y, w, 1.35) - 8;
    }
    if (fm->date) {
        y = wrapped(l, "Date", WM_FACE_BOLD, 8.5, st->muted, x, y, w, 1.3);
        y = wrapped(l, fm->date, WM_FACE_REGULAR, 10.5, st->text, x, y, w, 1.35);
    }
    (void)y;
    if (fm->confidentiality) {
        double by = l->in->margin_bottom + 6;
        wm_rgb tint = wm_rgb_mix(st->primary, WHITE, 0.9);
        wm_dl_rect(l->dl, l->page, x, by - 6, w, 24, &tint, NULL, 0);
        wm_pen_text_at(l->dl, l->page, st, WM_FACE_BOLD, 8.5, st->primary, x + 8, by + 3,
                       WM_PEN_LEFT, fm->confidentiality, w - 16);
    }
    (void)pw;
}

/* ---- contents ---- */

#define TOC_TITLE_H 44.0
#define TOC_ENTRY_H 17.0

static size_t toc_per_page(const wm_lay *l)
{
    double body = l->top - l->bottom - TOC_TITLE_H;
    return body >= TOC_ENTRY_H ? (size_t)floor(body / TOC_ENTRY_H) : 1;
}

size_t wm_pages_toc_count(const wm_lay *l, size_t n_entries)
{
    size_t per = toc_per_page(l);
    size_t n = (n_entries + per - 1) / per;
    return n ? n : 1;
}

void wm_pages_toc(wm_lay *l, size_t first, size_t count, const wm_toc_entry *e, size_t n)
{
    const wm_style *st = l->st;
    size_t per = toc_per_page(l), k = 0;
    for (size_t p = 0; p < count; p++) {
        l->page = first + p;
        double y = l->top;
        if (p == 0) {
            wm_pen_text(l->dl, l->page, st, WM_FACE_HEADING, WM_H0_SIZE, st->primary, l->left,
                        y - WM_H0_SIZE, "Contents", 8);
            wm_dl_line(l->dl, l->page, l->left, y - WM_H0_SIZE - 9, l->right, y - WM_H0_SIZE - 9,
                       st->accent, 1.2, 0);
        }
        y -= TOC_TITLE_H;
        for (size_t i = 0; i < per && k < n; i++, k++) {
            const wm_toc_entry *t = &e[k];
            const wm_dest *d = &l->dl->dests[t->dest];
            char num[32];
            snprintf(num, sizeof num, "%zu", d->page + 1);
            bool top = t->level == 1;
            double size = top ? 10.5 : 9.0;
            wm_face_slot slot = top ? WM_FACE_BOLD : WM_FACE_REGULAR;
            double indent = top ? 0 : 16;
            double base = y - TOC_ENTRY_H + 5;
            double nw = wm_pen_width(st, slot, size, num, strlen(num));
            double tw = wm_pen_text_at(l->dl, l->page, st, slot, size, top ? st->text : st->muted,
                                       l->left + indent, base, WM_PEN_LEFT, t->title,
                                       l->width - indent - nw - 30);
            wm_pen_text(l->dl, l->page, st, slot, size, st->text, l->right - nw, base, num,
                        strlen(num));
            double lx = l->left + indent + tw + 6, rx = l->right - nw - 6;
            if (rx > lx) {
                wm_rgb dots = wm_rgb_mix(st->muted, WHITE, 0.4);
                wm_dl_line(l->dl, l->page, lx, base + 1, rx, base + 1, dots, 0.6, 2);
            }
            wm_dl_link_dest(l->dl, l->page, l->left, y - TOC_ENTRY_H, l->width, TOC_ENTRY_H,
                            t->dest);
            y -= TOC_ENTRY_H;
        }
    }
}

/* ---- running header and footer ---- */

void wm_pages_furniture(wm_lay *l)
{
    const wm_front_matter *fm = &l->in->front;
    const wm_style *st = l->st;
    double ph = l->in->page_h;
    size_t n = l->dl->n_pages;
    const char *who = fm->client_short ? fm->client_short : fm->client;
    char head[600];
    snprintf(head, sizeof head, "%s%s%s", who ? who : "", who && fm->title ? " \xE2\x80\x94 " : "",
             fm->title ? fm->title : "");
    /* The engagement's marking first, in bold, then the brand's footer:
     * a footer never replaces or weakens the client's marking. */
    const char *mark = fm->confidentiality && *fm->confidentiality ? fm->confidentiality : NULL;
    const char *foot = fm->footer && *fm->footer ? fm->footer : NULL;
    wm_rgb rule = wm_rgb_mix(st->muted, WHITE, 0.55);
    /* Baselines in the margins, at most 16 pt from the content and never
     * closer than 9 pt to the page's edge (brands allow 5 mm margins). */
    double hy = fmin(ph - l->in->margin_top + 16, ph - 9);
    double fy = fmax(l->in->margin_bottom - 18, 9);
    for (size_t p = l->in->report ? 0 : 1; p < n; p++) {
        l->page = p;
        char pages[64];
        snprintf(pages, sizeof pages, "Page %zu of %zu", p + 1, n);
        double pw = wm_pen_width(st, WM_FACE_REGULAR, 7.5, pages, strlen(pages));
        double firm_w = 0;
        if (l->in->report) /* the brand's logo, as high as the header's text */
            firm_w = logo(l, &fm->brand_logo, l->right - l->width * 0.35, hy + 9, l->width * 0.35,
                          12, true);
        if (fm->firm && firm_w <= 0)
            firm_w = wm_pen_text_at(l->dl, p, st, WM_FACE_BOLD, 7.5, st->primary, l->right, hy,
                                    WM_PEN_RIGHT, fm->firm, l->width * 0.35);
        wm_pen_text_at(l->dl, p, st, WM_FACE_REGULAR, 7.5, st->muted, l->left, hy, WM_PEN_LEFT,
                       head, l->width - firm_w - 16);
        wm_dl_line(l->dl, p, l->left, hy - 5, l->right, hy - 5, rule, 0.5, 0);
        wm_dl_line(l->dl, p, l->left, fy + 10, l->right, fy + 10, rule, 0.5, 0);
        double room = l->width - pw - 16, x = l->left;
        if (mark) {
            x += wm_pen_text_at(l->dl, p, st, WM_FACE_BOLD, 7.5, st->muted, x, fy, WM_PEN_LEFT,
                                mark, foot ? room * 0.6 : room);
            room -= x - l->left;
        }
        if (foot && mark) {
            static const char SEP[] = " \xC2\xB7 "; /* a middle dot between */
            x += wm_pen_text_at(l->dl, p, st, WM_FACE_REGULAR, 7.5, st->muted, x, fy, WM_PEN_LEFT,
                                SEP, room);
            room = l->width - pw - 16 - (x - l->left);
        }
        if (foot && room > 0)
            wm_pen_text_at(l->dl, p, st, WM_FACE_REGULAR, 7.5, st->muted, x, fy, WM_PEN_LEFT, foot,
                           room);
        wm_pen_text(l->dl, p, st, WM_FACE_REGULAR, 7.5, st->muted, l->right - pw, fy, pages,
                    strlen(pages));
    }
}
