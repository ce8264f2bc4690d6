/*
 * plan.h - what the stages after the plan read of it: the plan as data
 * (the tree `waymark plan` writes as JSON) and the document built from the
 * document stage's sections.  Both are borrowed: they live as long as the
 * plan (wm_plan_free).
 */
#ifndef WM_PLAN_PLAN_H
#define WM_PLAN_PLAN_H

#include "../base/value.h"
#include "../document/doc.h"
#include "../waymark.h"

/* The plan as data (docs/plan.md). */
const wm_value *wm_plan_root(const wm_plan *p);

/* The document, built and checked once when the document stage ended;
 * NULL when no plugin has a document hook. */
const wm_doc *wm_plan_doc(const wm_plan *p);

/* The sections as the document plugins returned them (a list), before they
 * were built into the document; NULL without any.  For the plugin test
 * runner, which compares what a plugin returned. */
const wm_value *wm_plan_sections(const wm_plan *p);

/* The engagement's own `date` into *out; false when it has none. */
bool wm_plan_date(const wm_plan *p, wm_date *out);

#endif /* WM_PLAN_PLAN_H */
