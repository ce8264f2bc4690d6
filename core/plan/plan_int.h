/*
 * plan_int.h - the plan stage's internal interface.
 *
 *   wm_plan_build (pipeline.c)         engagement -> plan, running the stages
 *     wm_engagement_value (engagement_value.c)  ctx.engagement
 *     wm_plan_skeleton    (engagement_value.c)  the plan with every field null
 *     wm_plan_merge       (plan_check.c)        a hook's result into the plan
 *     wm_plan_check_final (plan_check.c)        nothing left unfilled
 */
#ifndef WM_PLAN_INT_H
#define WM_PLAN_INT_H

#include "../base/value.h"
#include "../document/doc.h"
#include "../load/ytree.h"
#include "plugin.h"

struct wm_plan {
    wm_arena arena;
    wm_value *root;
    wm_value *document;     /* the document stage's sections, as the plugins gave them */
    wm_doc_origin *origins; /* who gave each of them (malloc'd) */
    wm_doc *doc;            /* the document built from them; NULL without one */
    bool dated;             /* the engagement's own `date`, for the batch summary */
    wm_date date;
};

wm_value *wm_engagement_value(wm_arena *a, const wm_engagement *e);
wm_value *wm_plan_skeleton(wm_arena *a, const wm_engagement *e);
/* The prioritisation methods' names, by wm_method (engagement.md). */
extern const char *const wm_method_names[];
/* A YAML subtree as data: scalars become text, nulls null. */
wm_value *wm_ynode_value(wm_arena *a, const wm_ynode *n);

/* Check a hook's result against the plan's field rules and merge it in.
 * Records of `initiatives`, `objectives` and `risks` merge by id; a result
 * listing every record of one of them also sets their order.  On failure
 * returns false with *err (caller frees) naming the path at fault. */
bool wm_plan_merge(wm_arena *a, wm_value *plan, const wm_value *result, const wm_engagement *e,
                   char **err);

/* The shape of plan.playbook (playbook_check.c); null passes.  On failure
 * *err (caller frees) names the path at fault. */
bool wm_playbook_check(const wm_value *playbook, char **err);

/* After the last stage: every field the plan promises is filled and
 * consistent (ranks 1..n, a scheduled initiative has start, end and
 * allocation, a deferred one a reason).  *err names the first gap. */
bool wm_plan_check_final(const wm_value *plan, char **err);

#endif /* WM_PLAN_INT_H */
