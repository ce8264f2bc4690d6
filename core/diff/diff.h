/*
 * diff.h - what changed between two plans: the change set behind
 * `waymark diff OLD NEW` (docs/diff.md).
 *
 * Both sides are plan values (plan.md, `waymark-plan/1`): a plan Waymark
 * just computed, or one read back from a JSON file.  wm_diff() compares
 * them and returns the change set, itself a value (`waymark-diff/1`), so
 * that every printer (text, Markdown, CSV, JSON) says the same thing and a
 * later reader can take it as data.
 *
 * Identity across versions is the initiative's, objective's or risk's id: a
 * new title under the same id is a rename.  Numbers compare with the
 * method's tolerance (1e-9, relative for large figures), so a plan read
 * back from its own JSON is unchanged.
 *
 * Ownership: every value lives in the arena given; the printers return
 * strings the caller frees.
 */
#ifndef WM_DIFF_H
#define WM_DIFF_H

#include <stdbool.h>

#include "../base/value.h"

/* NULL when `v` is a plan this Waymark reads; else what is wrong with it,
 * as a message ("not a Waymark plan: it has no 'format'"), static text or
 * allocated in `a`. */
const char *wm_diff_plan_problem(wm_arena *a, const wm_value *v);

/* The change set from `old` to `new` (both passed wm_diff_plan_problem);
 * the labels name the two sides in the output (their file names). */
wm_value *wm_diff(wm_arena *a, const wm_value *old, const wm_value *new, const char *old_label,
                  const char *new_label);

/* Whether the change set holds any change. */
bool wm_diff_changed(const wm_value *d);

typedef enum { WM_DIFF_TEXT, WM_DIFF_JSON, WM_DIFF_MD, WM_DIFF_CSV } wm_diff_format;

/* The change set written as `f`, in a new string. */
char *wm_diff_print(const wm_value *d, wm_diff_format f);

#endif /* WM_DIFF_H */
