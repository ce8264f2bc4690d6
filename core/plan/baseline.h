/*
 * baseline.h - the earlier version a plan is compared with (docs/diff.md):
 * a plan JSON kept from an earlier run, or an earlier engagement file,
 * which is planned here.  `waymark diff` reads both its sides this way;
 * `render` and `plan` read the one `--baseline` or `engagement.baseline`
 * names and hand it to the pipeline (wm_plan_opts.baseline), which puts the
 * change set in the plan as `changes` before the document stage.
 *
 * Ownership: a wm_baseline owns what it loaded (the JSON's arena, the
 * engagement and its plan); wm_baseline_free releases it, and accepts one
 * that was only zeroed.  `root` stays valid until then.
 */
#ifndef WM_PLAN_BASELINE_H
#define WM_PLAN_BASELINE_H

#include "../base/value.h"
#include "../waymark.h"

typedef struct {
    wm_arena arena;       /* a plan read from JSON lives here */
    wm_engagement *e;     /* an engagement file, planned here */
    wm_plan *plan;        /* its plan */
    const wm_value *root; /* the plan as a value; NULL when none was loaded */
    char *label;          /* the file as named, for the output (owned) */
} wm_baseline;

/* Read `path` as a plan JSON when it is one (a name ending in .json must
 * be; another file is one when it is JSON whose format is waymark-plan/N),
 * else load and plan it as an engagement with `opts` (its own baseline is
 * not read: a comparison goes back one version).  Returns WM_EXIT_OK with
 * b->root set, or another status after reporting to `d`. */
int wm_baseline_load(wm_baseline *b, const char *path, const wm_plan_opts *opts, wm_diags *d);

/* The baseline for engagement `e`: `cli_path` when given, else the
 * engagement's own `engagement.baseline` (relative to its file; a problem
 * with it is reported at that line too), else none (WM_EXIT_OK, b->root
 * NULL). */
int wm_baseline_for(wm_baseline *b, const wm_engagement *e, const char *cli_path,
                    const wm_plan_opts *opts, wm_diags *d);

void wm_baseline_free(wm_baseline *b);

#endif /* WM_PLAN_BASELINE_H */
