/*
 * cutline.h - the cut lines (method.md, "The cut line"): what to defer so
 * that an over-budget plan fits its budget, and each quarter that breaks
 * the per-quarter budget its cap.  cutline.c judges; the re-plans it asks
 * for are run by whoever calls it (pipeline.c), through wm_replanner.
 */
#ifndef WM_PLAN_CUTLINE_H
#define WM_PLAN_CUTLINE_H

#include "../base/value.h"
#include "../waymark.h"

/* Re-plans an engagement (a copy of the plan's, with some initiatives set
 * to wont) and returns the plan as data, borrowed until the next call or
 * until the replanner is done with; NULL with *err (caller frees) when the
 * re-plan failed. */
typedef struct {
    const wm_value *(*replan)(void *ctx, const wm_engagement *e, char **err);
    void *ctx;
} wm_replanner;

/* Sets plan.cut_line and plan.quarter_cut_lines of `plan` (built in `a`),
 * a plan whose risks stage has run on `e`.  A re-plan that fails leaves
 * them null and [] and adds a warning to `d`. */
void wm_cut_lines(const wm_engagement *e, const wm_replanner *r, wm_arena *a, wm_value *plan,
                  wm_diags *d);

#endif /* WM_PLAN_CUTLINE_H */
