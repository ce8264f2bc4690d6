/*
 * testrun.h - the plugin test runner: a plugin's test engagements through
 * the real pipeline, what the plugin contributed compared with (or, to
 * update, recorded as) the expected result beside each (testrun.c has the
 * convention and what is compared).
 */
#ifndef WM_PLAN_TESTRUN_H
#define WM_PLAN_TESTRUN_H

#include <stdbool.h>

#include "../waymark.h"

/* Run every test of the plugin in `dir` (a folder or its .lua file),
 * comparing, or with `update` recording, the expected results; PASS / FAIL
 * lines go to standard output, diagnostics to standard error; `quiet`
 * prints only failures.  Returns 0, 1 (a test failed, or no plugin or
 * tests were found), or 4 (an expected file could not be written). */
int wm_plugin_tests(const char *dir, bool update, bool quiet, const wm_plan_opts *opts);

#endif /* WM_PLAN_TESTRUN_H */
