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

void wm_load_schema(wm_engagement *e, const wm_ynode *root, wm_schema *s);
/* `errors_before` is the error count before this file was loaded: warnings
 * are only reported for a file without errors. */
void wm_load_checks(wm_engagement *e, wm_schema *s, size_t errors_before);

#endif /* WM_LOAD_H */
