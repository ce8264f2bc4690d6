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

/* ---- Markdown ---- */

char *wm_plan_document_dump(const wm_plan *p)
{
    if (!p->doc)
        return wm_xstrdup("(no document: no plugin has a document hook)\n");
    return wm_doc_dump(p->doc);
}
