/*
 * playbook.h - the playbook template loader (docs/playbooks.md): find the
 * template an engagement's `playbook:` block names, check it completely,
 * apply the block's `extra` and `omit`, check `owners`, and keep the result
 * as the wm_value tree a playbook plugin sees as `ctx.playbook`.
 *
 *   wm_playbook_load (playbook.c)         find, read, merge, the value
 *     -> wm_pb_read  (playbook_schema.c)  YAML tree to typed entries
 *     -> wm_pb_check (playbook_rules.c)   references, placeholders, rules
 */
#ifndef WM_PLAYBOOK_H
#define WM_PLAYBOOK_H

#include "schema.h"

/* The engagement as the loader needs it: its tree (for the `playbook:`
 * key's position and the owners' keys) and its bytes (for columns inside
 * `extra` text).  Both are borrowed for the call. */
typedef struct {
    const wm_ynode *root;
    const char *text;
    size_t len;
    size_t max_bytes; /* the size cap for the template file */
} wm_pb_engagement;

/* Load the template of `e`'s playbook block, if it has one, into
 * e->playbook.loaded and e->playbook.file (both in `arena`, the
 * engagement's).  Every problem goes to `diags`; on any error `loaded`
 * stays NULL. */
void wm_playbook_load(wm_engagement *e, wm_arena *arena, const wm_pb_engagement *src,
                      wm_diags *diags);

#endif /* WM_PLAYBOOK_H */
