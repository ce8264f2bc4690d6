/*
 * paths.h - where the built-in plugins, playbooks, fonts and brands are.
 *
 * One data directory holds them (plugins/, playbooks/, fonts/, brands/).  It
 * is found, in order: $WAYMARK_DATA_DIR; <exe>/../share/waymark for an
 * installed or relocated tree; the source tree when the binary runs from its
 * build directory; the configured install location.
 */
#ifndef WM_PATHS_H
#define WM_PATHS_H

/* The data directory (borrowed; valid for the process's life). */
const char *wm_data_dir(void);

#endif /* WM_PATHS_H */
