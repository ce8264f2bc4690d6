/*
 * deps.h - which files a run read, as a build tool's depfile records them.
 *
 * `waymark batch` skips an engagement whose output is up to date: its input
 * and every file the last render read (plugins and their modules, the
 * brand, the playbook template, fonts, logos) hash as they did then.  The
 * loaders note each file they open here; recording is off unless a worker
 * turns it on, so other commands pay one branch per file.
 *
 * The list is process-wide (a worker renders one engagement, in one thread).
 * Ownership: wm_deps_take hands the caller an array of strings it frees
 * with wm_deps_free.
 */
#ifndef WM_DEPS_H
#define WM_DEPS_H

#include <stddef.h>

/* Start recording, forgetting anything recorded before. */
void wm_deps_start(void);
/* Note that `path` was read (made absolute; kept once, in first-read order).
 * Does nothing unless recording. */
void wm_deps_note(const char *path);
/* Stop recording and hand over the paths noted. */
char **wm_deps_take(size_t *n);
void wm_deps_free(char **paths, size_t n);

#endif /* WM_DEPS_H */
