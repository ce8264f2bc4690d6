/*
 * confined.c - reading a file that must stay inside a folder (see
 * confined.h).
 */
#define _DEFAULT_SOURCE /* realpath */
#include "confined.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether `path` is `folder` itself or lies below it (both resolved). */
static bool inside(const char *folder, const char *path)
{
    size_t n = strlen(folder);
    if (n == 1 && folder[0] == '/')
        return path[0] == '/';
    return strncmp(path, folder, n) == 0 && path[n] == '/';
}

/* The path of an open descriptor as the kernel has it, or NULL when
 * /proc is not there (then the realpath check before the open stands). */
static char *fd_path(int fd)
{
    char link[64], buf[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, sizeof buf - 1);
    if (n <= 0 || (size_t)n >= sizeof buf - 1)
        return NULL;
    buf[n] = '\0';
    return wm_xstrdup(buf);
}

static wm_confined_status read_all(int fd, size_t max, char **out, size_t *len, char **err)
{
    size_t cap = 4096, n = 0;
    char *buf = wm_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max + 1) {
                free(buf);
                return WM_CONFINED_TOO_LARGE;
            }
            cap *= 2;
            buf = wm_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *err = wm_xstrdup(strerror(errno));
            free(buf);
            return WM_CONFINED_MISSING;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > max) {
        free(buf);
        return WM_CONFINED_TOO_LARGE;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return WM_CONFINED_OK;
}

wm_confined_status wm_read_confined(const char *folder, const char *path, size_t max, char **out,
                                    size_t *len, char **err)
{
    *out = NULL;
    *err = NULL;
    char *root = realpath(folder, NULL);
    if (!root) {
        *err = wm_xstrdup(strerror(errno));
        return WM_CONFINED_MISSING;
    }
    char *real = realpath(path, NULL);
    wm_confined_status st = WM_CONFINED_OK;
    int fd = -1;
    if (!real) {
        *err = wm_xstrdup(strerror(errno));
        st = WM_CONFINED_MISSING;
    } else if (!inside(root, real)) {
        st = WM_CONFINED_OUTSIDE;
    } else if ((fd = open(real, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0) {
        /* ELOOP: the last component became a link after realpath. */
        st = errno == ELOOP ? WM_CONFINED_OUTSIDE : WM_CONFINED_MISSING;
        if (st == WM_CONFINED_MISSING)
            *err = wm_xstrdup(strerror(errno));
    } else {
        struct stat sb;
        char *now = fd_path(fd);
        if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
            st = WM_CONFINED_NOT_REGULAR;
        else if (now && !inside(root, now))
            st = WM_CONFINED_OUTSIDE;
        else if ((unsigned long long)sb.st_size > max)
            st = WM_CONFINED_TOO_LARGE;
        free(now);
        if (st == WM_CONFINED_OK) {
            /* A regular file never blocks; reads wait as usual from here. */
            int flags = fcntl(fd, F_GETFL);
            if (flags >= 0)
                fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
            st = read_all(fd, max, out, len, err);
        }
        close(fd);
    }
    free(real);
    free(root);
    return st;
}
