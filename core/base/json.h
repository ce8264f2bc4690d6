/*
 * json.h - reading JSON back into a wm_value tree (value.h writes it).
 *
 * Ownership: the tree lives in the arena `a`; *err, when set, is the
 * caller's to free.
 */
#ifndef WM_JSON_H
#define WM_JSON_H

#include "value.h"

/* Parse exactly one JSON value from s[0..len).  Returns the value, or NULL
 * with *err (if err is not NULL) set to "what at byte N". */
wm_value *wm_json_parse(wm_arena *a, const char *s, size_t len, char **err);

#endif /* WM_JSON_H */
