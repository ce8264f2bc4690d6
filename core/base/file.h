/*
 * file.h - reading input files with a size cap, and writing output files
 * atomically (temporary file in the same directory, fsync, rename), so a
 * failed or interrupted run never leaves a partial or empty file behind.
 */
#ifndef WM_FILE_H
#define WM_FILE_H

#include <sys/stat.h>

#include "util.h"

/* Read a regular file of at most `max` bytes into a NUL-terminated buffer
 * the caller frees.  On failure reports to `diags` and returns NULL.  A
 * FIFO, device, socket or folder is refused before it is opened (opening
 * one could block, or have an effect of its own), and checked again on the
 * descriptor opened, so nothing swapped in between is read either. */
char *wm_read_file(const char *path, size_t max, size_t *len, wm_diags *diags);

/* Open a regular file for reading, the one way every reader does: looked
 * at (stat) before it is opened, opened without waiting (O_NONBLOCK, so a
 * FIFO swapped in meanwhile cannot block), and checked again on the
 * descriptor.  Returns the descriptor (*st describes it); -1 with errno
 * set when it cannot be opened; -2 when it is not a regular file (then
 * st->st_mode says what it is). */
int wm_open_regular(const char *path, struct stat *st);

/* The same from an open descriptor of any kind (standard input), read to
 * its end; `name` names it in diagnostics. */
char *wm_read_fd(int fd, const char *name, size_t max, size_t *len, wm_diags *diags);

/* ---- writing: every output of a run, or none ----
 *
 *   wm_outputs out;
 *   wm_outputs_init(&out);
 *   if (wm_outputs_add(&out, pdf_path, pdf, n, d) == 0 &&
 *       wm_outputs_add(&out, json_path, json, m, d) == 0)
 *       err = wm_outputs_commit(&out, d);   (frees `out` either way)
 *   else
 *       wm_outputs_abort(&out);
 *
 * Each add writes a temporary file beside the file it replaces and syncs
 * it; commit renames them all into place only once every one is written,
 * so a failed run leaves every previous file as it was.  What a path names
 * decides how it is written:
 *   - a regular file, or nothing yet: replaced atomically, keeping the old
 *     file's permission bits;
 *   - a symbolic link: followed; the link stays and its target is replaced;
 *   - a device, FIFO or socket: written directly at commit, never replaced
 *     (`-o /dev/null` leaves /dev/null alone);
 *   - "-": standard output, written at commit;
 *   - a folder: an error.
 * Direct writes happen first at commit, so a failing one also leaves the
 * files untouched.  Temporaries are removed if a signal ends the process
 * meanwhile (cleanup.h).  `data` is borrowed until commit or abort.
 * add and commit return 0, or an errno value after reporting to `diags`
 * under the path as given. */
typedef struct {
    struct wm_staged *items;
    size_t n, cap;
} wm_outputs;

void wm_outputs_init(wm_outputs *out);
int wm_outputs_add(wm_outputs *out, const char *path, const void *data, size_t len,
                   wm_diags *diags);
int wm_outputs_commit(wm_outputs *out, wm_diags *diags);
/* Remove the temporaries and forget everything staged. */
void wm_outputs_abort(wm_outputs *out);

/* One output on its own (the same rules).  Returns 0 or an errno value. */
int wm_write_file_atomic(const char *path, const void *data, size_t len, wm_diags *diags);

/* The file an output path replaces: its real path when it exists, else
 * `path` with symbolic links in its last component followed (a dangling
 * link gives the file it would create).  NULL with errno set on a loop;
 * the caller frees. */
char *wm_output_target(const char *path);

/* Whether writing `b` would replace the regular file `a` (or both would
 * create the same new file): the same device and inode, or the same real
 * folder and name; symbolic links are followed.  Devices and FIFOs are
 * never "the same" (writing one twice loses nothing). */
bool wm_same_file(const char *a, const char *b);

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
