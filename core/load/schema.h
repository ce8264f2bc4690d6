/*
 * schema.h - reading a YAML tree by a schema: typed getters that report
 * what was expected, where, and how to fix it.
 *
 * Every getter takes the node to read and `what`, the field's name as the
 * user knows it ("budget.total", "initiative I3 effort.engineer").  On a bad
 * value it reports an error at the node's position and returns false; the
 * caller carries on so one run finds every problem.  Absent or null values
 * are the caller's business: getters are called on present nodes only.
 *
 * The same getters read engagement files, brand files, playbook templates
 * and plugin configuration.
 */
#ifndef WM_SCHEMA_H
#define WM_SCHEMA_H

#include "scalar.h"
#include "ytree.h"

typedef struct {
    wm_arena *arena;
    wm_diags *diags;
    const char *file;
    /* Prefix for field names in messages ("initiative I3"), or NULL.  Names
     * are only composed when a message is written, never on the happy path. */
    const char *where;
    uint64_t suggested; /* keys named by a "did you mean" since last reset */
    char name_buf[320]; /* scratch for composing names in messages */
} wm_schema;

void wm_schema_error(wm_schema *s, wm_pos pos, const char *hint, const char *fmt, ...)
    WM_PRINTF(4, 5);
void wm_schema_warning(wm_schema *s, wm_pos pos, const char *hint, const char *fmt, ...)
    WM_PRINTF(4, 5);

/* `what` with the schema's prefix, for messages written by callers (valid
 * until the next call). */
const char *wm_schema_name(wm_schema *s, const char *what);

/* The node must be a mapping / list; otherwise report and return false. */
bool wm_expect_map(wm_schema *s, const wm_ynode *n, const char *what);
bool wm_expect_seq(wm_schema *s, const wm_ynode *n, const char *what);

/* Which of `keys` (NULL-terminated) this mapping key is; -1 after reporting
 * an unknown key with a "did you mean" hint. */
int wm_key_index(wm_schema *s, const wm_ynode *key, const char *const *keys, const char *where);

/* Report every key of `keys` whose bit is set in `required` but not in
 * `seen`, at `pos`. */
void wm_require_keys(wm_schema *s, wm_pos pos, const char *where, const char *const *keys,
                     uint64_t required, uint64_t seen);

/* Text of any scalar (NULL on error).  `nonempty` also rejects "". */
const char *wm_get_text(wm_schema *s, const wm_ynode *n, const char *what, bool nonempty);
/* A plain decimal within [min, max]. */
bool wm_get_number(wm_schema *s, const wm_ynode *n, const char *what, double min, double max,
                   double *out);
/* The same with a hint for a value out of range (NULL: none). */
bool wm_get_number_hint(wm_schema *s, const wm_ynode *n, const char *what, double min, double max,
                        const char *hint, double *out);
/* A number with min < value (exclusive lower bound). */
bool wm_get_number_above(wm_schema *s, const wm_ynode *n, const char *what, double above,
                         double *out);
/* A whole number within [min, max]. */
bool wm_get_int(wm_schema *s, const wm_ynode *n, const char *what, long min, long max, long *out);
bool wm_get_bool(wm_schema *s, const wm_ynode *n, const char *what, bool *out);
bool wm_get_quarter(wm_schema *s, const wm_ynode *n, const char *what, wm_quarter *out);
bool wm_get_date(wm_schema *s, const wm_ynode *n, const char *what, wm_date *out);
/* An id: [A-Za-z0-9_.-]{1,64}. */
const char *wm_get_id(wm_schema *s, const wm_ynode *n, const char *what);
/* One of `values` (NULL-terminated); returns its index or -1. */
int wm_get_enum(wm_schema *s, const wm_ynode *n, const char *what, const char *const *values);

/* A list of texts (or ids when `ids`), copied into the arena.  A single
 * scalar where a list is expected is an error with a hint. */
bool wm_get_text_list(wm_schema *s, const wm_ynode *n, const char *what, bool ids,
                      const char ***out, size_t *count);

#endif /* WM_SCHEMA_H */
