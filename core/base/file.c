/*
 * file.c - bounded reads and atomic writes (see file.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "file.h"
#include "deps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *wm_read_file(const char *path, size_t max, size_t *len, wm_diags *diags)
{
    wm_deps_note(path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot open the file: %s",
                     strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot read the file: %s",
                     strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        const char *why = S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file";
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot read the file: %s", why);
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){1, 1},
                     "is this the right file? engagement files are a few hundred kilobytes",
                     "the file is %lld bytes, over the limit of %zu bytes", (long long)st.st_size,
                     max);
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = wm_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max + 1) {
                wm_diag_addf(diags, WM_ERROR, path, (wm_pos){1, 1}, NULL,
                             "the file grew past the limit of %zu bytes while being read", max);
                free(buf);
                close(fd);
                return NULL;
            }
            cap *= 2;
            buf = wm_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot read the file: %s",
                         strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *wm_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return wm_xstrdup(".");
    if (slash == path)
        return wm_xstrdup("/");
    return wm_xstrndup(path, (size_t)(slash - path));
}

char *wm_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return wm_xstrndup(base, n);
}

char *wm_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
        return wm_xstrdup(rel);
    size_t n = strlen(dir);
    return wm_xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        if (w == 0)
            return EIO;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int wm_write_file_atomic(const char *path, const void *data, size_t len, wm_diags *diags)
{
    char *dir = wm_dirname(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int err = 0, fd = -1;
    char *tmp = NULL;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        free(tmp);
        tmp = wm_xasprintf("%s/.%s.tmp.%ld.%d", dir, base, (long)getpid(), attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        err = errno;
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL,
                     "cannot create a file in '%s': %s", dir, strerror(err));
        goto out;
    }
    err = write_all(fd, data, len);
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot write the file: %s",
                     strerror(err));
        goto out;
    }
    /* Make the new name durable; failure here does not undo the write. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
out:
    free(tmp);
    free(dir);
    return err;
}

int wm_make_dirs(const char *dir, char ***made, size_t *n_made, char **where)
{
    char *p = wm_xstrdup(dir);
    *where = NULL;
    int err = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0777) == 0) {
            if (made) {
                *made = wm_xrealloc(*made, (*n_made + 1) * sizeof **made);
                (*made)[(*n_made)++] = wm_xstrdup(p);
            }
        } else if (errno != EEXIST) {
            err = errno;
        }
        if (!err && stat(p, &st) != 0)
            err = errno;
        else if (!err && !S_ISDIR(st.st_mode))
            err = ENOTDIR;
        if (err) {
            *where = p;
            return err;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return 0;
}
