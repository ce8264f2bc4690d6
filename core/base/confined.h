/*
 * confined.h - reading a file that must stay inside a folder: a plugin's
 * module (`require`, core/plan/sandbox.c) may come only from the plugin's
 * own folder, whatever symbolic links the folder ships.
 *
 * The path is resolved (realpath) and must lie inside the resolved folder;
 * the file is then opened without following a symbolic link (O_NOFOLLOW),
 * without blocking on a FIFO (O_NONBLOCK), and checked again through the
 * descriptor: a regular file, whose path as the kernel sees it
 * (/proc/self/fd) still lies inside the folder, so a link swapped in
 * between the check and the open is caught too.
 */
#ifndef WM_BASE_CONFINED_H
#define WM_BASE_CONFINED_H

#include "util.h"

typedef enum {
    WM_CONFINED_OK,
    WM_CONFINED_MISSING,     /* no such file, or it cannot be opened (*err: why) */
    WM_CONFINED_OUTSIDE,     /* it (or a link on its way) leads out of the folder */
    WM_CONFINED_NOT_REGULAR, /* a folder, a FIFO, a device, a socket */
    WM_CONFINED_TOO_LARGE,   /* more than `max` bytes */
} wm_confined_status;

/* Read the file at `path` (at most `max` bytes; NUL-terminated, *len set;
 * *out the caller frees) if it is a regular file inside `folder`.  On
 * failure *out is NULL and, for WM_CONFINED_MISSING, *err holds the
 * system's reason (caller frees; NULL otherwise). */
wm_confined_status wm_read_confined(const char *folder, const char *path, size_t max, char **out,
                                    size_t *len, char **err);

#endif /* WM_BASE_CONFINED_H */
