/*
 * format.c - the plan as CSV (through core/base/csv.h, the one CSV writer)
 * and as a Markdown summary (plan.md), and the display rules of method.md
 * that every human-facing output shares: whole currency units rounded half
 * away from zero, days to one decimal, and parts of a total adjusted by
 * largest remainder so they add up to the shown total.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../document/doc.h"
#include "api.h"
#include "../base/display.h"
#include "plan_int.h"

/* ---- CSV ---- */

static void csv_value(wm_buf *b, const wm_value *v)
{
    if (!v || v->kind == WM_VNULL)
        return;
    if (v->kind == WM_VSTR)
        wm_csv_text(b, v->u.str.s, v->u.str.len);
    else if (v->kind == WM_VINT)
        wm_csv_int(b, (long long)v->u.i);
    else if (v->kind == WM_VNUM)
        wm_csv_number(b, v->u.n, -1);
}

char *wm_plan_csv(const wm_plan *p)
{
    static const char *const cols[] = {"rank", "id",     "title", "tier", "score", "effort_days",
                                       "cost", "status", "start", "end",  "reason"};
    enum { N_COLS = sizeof cols / sizeof *cols };
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_header(&b, cols, N_COLS);
    const wm_value *inis = wm_vobj_get(p->root, "initiatives");
    for (size_t i = 0; i < inis->u.arr.n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        for (size_t c = 0; c < N_COLS; c++) {
            if (c)
                wm_csv_next(&b);
            csv_value(&b, wm_vobj_get(in, cols[c]));
        }
        wm_csv_end(&b);
    }
    return wm_buf_steal(&b);
}

/* ---- Markdown ---- */

char *wm_plan_document_dump(const wm_plan *p)
{
    if (!p->doc)
        return wm_xstrdup("(no document: no plugin has a document hook)\n");
    return wm_doc_dump(p->doc);
}
