/*
 * cursor.c - the cursor on the page being filled (layout_int.h): new
 * pages, and whether what comes next fits below it.  Shared by the driver
 * (layout.c), tables (table.c) and the page furniture (pages.c), so that
 * none of them calls back into another.
 */
#include "layout_int.h"

void wm_lay_new_page(wm_lay *l)
{
    if (l->dl->n_pages >= WM_MAX_PAGES)
        l->full = true; /* the last page again: the result is refused anyway */
    else
        l->page = wm_dl_add_page(l->dl);
    l->y = l->top;
}

bool wm_lay_at_top(const wm_lay *l)
{
    return l->y >= l->top - 0.01;
}

void wm_lay_ensure(wm_lay *l, double h)
{
    if (l->y - h < l->bottom - 0.01 && !wm_lay_at_top(l))
        wm_lay_new_page(l);
}
