/*
 * load.h - the load stage's internal interface: file bytes to a checked
 * wm_engagement.
 *
 *   wm_engagement_load (model.c)
 *     -> wm_yaml_parse   (ytree.c)       bytes to a positioned tree
 *     -> wm_load_schema  (engagement.c)  tree to model, value by value
 *     -> wm_load_checks  (checks.c)      ids, references, cycles, warnings
 */
#ifndef WM_LOAD_H
#define WM_LOAD_H

#include "schema.h"

/* The ranges of the engagement's open-ended numbers (docs/engagement.md,
 * "Numbers").  No real engagement comes near them; they keep every figure
 * exact.  Money is in engagement.currency: a rate, a cost's amount, a
 * budget, and the most the whole engagement can cost (every initiative at
 * its pessimistic effort, every cost over the whole horizon, contingency on
 * top: checks.c) are at most 10^13, which is 10^15 cents, nine times under
 * 2^53, where a double stops counting cents exactly; its sums over any
 * number of initiatives and quarters stay in the same bound.  Person-days
 * (effort, capacity) are at most 10^6; the RICE and weighting inputs are
 * bounded so that their products stay far from overflow. */
#define WM_MONEY_MAX  1e13
#define WM_DAYS_MAX   1e6
#define WM_WEIGHT_MAX 1000.0
#define WM_REACH_MAX  1e12
#define WM_IMPACT_MAX 1000.0

void wm_load_schema(wm_engagement *e, const wm_ynode *root, wm_schema *s);
/* `errors_before` is the error count before this file was loaded: warnings
 * are only reported for a file without errors. */
void wm_load_checks(wm_engagement *e, wm_schema *s, size_t errors_before);

/* `scenarios:` (scenario.c): read each scenario's id, name, summary and
 * the shape of its overrides into e->scenarios; at most WM_SCENARIOS_MAX
 * of them, each being a whole engagement to load and plan. */
#define WM_SCENARIOS_MAX 20
void wm_load_scenarios(wm_engagement *e, const wm_ynode *v, wm_schema *s);

/* The tree of scenario `sc`: `root` with its overrides written in and its
 * `scenarios:` left out, in `arena` (which must live as long as `root`'s).
 * An override that leads nowhere (a path through a value, an id not
 * found) is reported and left out; the rest are written in. */
wm_ynode *wm_scenario_tree(wm_arena *arena, const wm_ynode *root, const wm_scenario *sc,
                           wm_schema *s);

/* Reports to `out` what loading the scenario's tree found (`found`), each
 * problem under the scenario's name: at its own position when the scenario
 * wrote the value, else at the scenario's id, the base position named in
 * the message.  A warning `out` already holds (the base's own) is left out. */
void wm_scenario_report(const wm_scenario *sc, const char *file, const wm_diags *found,
                        wm_diags *out);

#endif /* WM_LOAD_H */
