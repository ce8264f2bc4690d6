/*
 * file.h - reading input files with a size cap, and writing output files
 * atomically (temporary file in the same directory, fsync, rename), so a
 * failed or interrupted run never leaves a partial or empty file behind.
 */
#ifndef WM_FILE_H
#define WM_FILE_H

#include "util.h"

/* Read a regular file of at most `max` bytes into a NUL-terminated buffer
 * the caller frees.  On failure reports to `diags` and returns NULL. */
char *wm_read_file(const char *path, size_t max, size_t *len, wm_diags *diags);

/* Write `len` bytes to `path` atomically.  Returns 0, or an errno value after
 * reporting to `diags`; the previous file, if any, is left as it was. */
int wm_write_file_atomic(const char *path, const void *data, size_t len, wm_diags *diags);

/* The directory part of a path ("." for a bare name); the caller frees. */
char *wm_dirname(const char *path);
/* The final component without its extension ("a/b/c.yaml" -> "c"). */
char *wm_stem(const char *path);
/* dir + "/" + rel, or rel itself when it is absolute; the caller frees. */
char *wm_path_join(const char *dir, const char *rel);

/* mkdir -p `dir` (mode 0777 less the umask).  Returns 0, or an errno value
 * (ENOTDIR when a prefix is a file) with that prefix in *where (the caller
 * frees).  When `made` is not NULL, each folder it created is appended to
 * (*made)[0..*n_made) (newest last, strings the caller frees), so that a
 * failed scaffold can remove them again. */
int wm_make_dirs(const char *dir, char ***made, size_t *n_made, char **where);

#endif /* WM_FILE_H */
