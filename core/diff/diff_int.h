/*
 * diff_int.h - what diff.c and diff_print.c share: readers of plan and
 * change-set values, and the summary sentence.
 */
#ifndef WM_DIFF_INT_H
#define WM_DIFF_INT_H

#include <stdbool.h>

#include "../base/value.h"

/* The list under `key` of an object, or NULL when it is not a list. */
const wm_value *wm_diff_list(const wm_value *v, const char *key);

/* The text under `key` of an object (v may be NULL), or dflt. */
const char *wm_diff_str(const wm_value *v, const char *key, const char *dflt);

/* Equal within the method's tolerance: 1e-9, relative above 1. */
bool wm_diff_same_number(double x, double y);

/* The change set's one-paragraph summary ("Three initiatives moved later,
 * one was added, ..."), in a new string; "Nothing changed." for none. */
char *wm_diff_summary(const wm_value *d);

#endif /* WM_DIFF_INT_H */
