/*
 * file.c - bounded reads and atomic writes (see file.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "file.h"
#include "cleanup.h"
#include "deps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOT_REGULAR_HINT                                                                           \
    "name a regular file: Waymark does not read pipes, devices or sockets (an engagement "         \
    "can be piped in as '-')"

/* Report that `path` is not a regular file (`mode` says what it is). */
static void not_regular(const char *path, mode_t mode, wm_diags *diags)
{
    if (S_ISDIR(mode))
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL,
                     "cannot read the file: it is a directory");
    else
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NOT_REGULAR_HINT,
                     "cannot read the file: it is not a regular file");
}

char *wm_read_fd(int fd, const char *name, size_t max, size_t *len, wm_diags *diags)
{
    struct stat st;
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && (unsigned long long)st.st_size > max) {
        wm_diag_addf(diags, WM_ERROR, name, (wm_pos){1, 1},
                     "is this the right file? engagement files are a few hundred kilobytes",
                     "the file is %lld bytes, over the limit of %zu bytes", (long long)st.st_size,
                     max);
        return NULL;
    }
    size_t cap = regular && st.st_size > 0 && (unsigned long long)st.st_size < max
                     ? (size_t)st.st_size + 1
                     : 4096,
           n = 0;
    char *buf = wm_xmalloc(cap);
    /* Up to max + 1 bytes are read: one more than the limit is too many. */
    while (n <= max) {
        if (n + 1 >= cap) {
            cap = cap * 2 > max + 2 ? max + 2 : cap * 2;
            buf = wm_xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            wm_diag_addf(diags, WM_ERROR, name, (wm_pos){0, 0}, NULL, "cannot read the file: %s",
                         strerror(errno));
            free(buf);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (n > max) {
        if (regular)
            wm_diag_addf(diags, WM_ERROR, name, (wm_pos){1, 1}, NULL,
                         "the file grew past the limit of %zu bytes while being read", max);
        else
            wm_diag_addf(diags, WM_ERROR, name, (wm_pos){1, 1},
                         "is this the right file? engagement files are a few hundred kilobytes",
                         "the input is over the limit of %zu bytes", max);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int wm_open_regular(const char *path, struct stat *st)
{
    /* Looked at before it is opened: opening a FIFO waits for a writer,
     * and opening a device can do something of its own. */
    if (stat(path, st) != 0)
        return -1;
    if (!S_ISREG(st->st_mode))
        return -2;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return -2;
    }
    return fd;
}

char *wm_read_file(const char *path, size_t max, size_t *len, wm_diags *diags)
{
    wm_deps_note(path);
    struct stat st;
    int fd = wm_open_regular(path, &st);
    if (fd == -2) {
        not_regular(path, st.st_mode, diags);
        return NULL;
    }
    if (fd < 0) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot open the file: %s",
                     strerror(errno));
        return NULL;
    }
    char *buf = wm_read_fd(fd, path, max, len, diags);
    close(fd);
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

char *wm_output_target(const char *path)
{
    char *real = realpath(path, NULL);
    if (real) /* it exists: every link followed (/dev/stdout to a file too) */
        return real;
    char *p = wm_xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        char link[4096];
        ssize_t n = readlink(p, link, sizeof link);
        if (n < 0) /* not a link (or nothing there yet): p is the file */
            return p;
        if ((size_t)n == sizeof link) {
            free(p);
            errno = ENAMETOOLONG;
            return NULL;
        }
        link[n] = '\0';
        char *dir = wm_dirname(p);
        char *next = wm_path_join(dir, link);
        free(dir);
        free(p);
        p = next;
    }
    free(p);
    errno = ELOOP;
    return NULL;
}

/* "@DEV:INO" of an existing regular file, "/REAL/DIR/NAME" of one that
 * writing `path` would create, NULL otherwise; the caller frees. */
static char *identity(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISREG(st.st_mode)
                   ? wm_xasprintf("@%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino)
                   : NULL;
    if (errno != ENOENT)
        return NULL;
    char *target = wm_output_target(path);
    if (!target)
        return NULL;
    char *dir = wm_dirname(target);
    char *real = realpath(dir, NULL);
    const char *base = strrchr(target, '/');
    char *id = real ? wm_xasprintf("%s/%s", real, base ? base + 1 : target) : NULL;
    free(real);
    free(dir);
    free(target);
    return id;
}

bool wm_same_file(const char *a, const char *b)
{
    char *ia = identity(a), *ib = identity(b);
    bool same = ia && ib && strcmp(ia, ib) == 0;
    free(ia);
    free(ib);
    return same;
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

/* One staged output.  `tmp` set: a temporary waiting to be renamed over
 * `target`; else written directly at commit (to `path`, or to standard
 * output when `to_stdout`). */
struct wm_staged {
    char *path;   /* as given, for messages */
    char *target; /* the file replaced */
    char *tmp;
    int cleanup; /* cleanup.h handle of tmp */
    bool to_stdout;
    const void *data; /* borrowed, for a direct write */
    size_t len;
};

void wm_outputs_init(wm_outputs *out)
{
    memset(out, 0, sizeof *out);
}

static void forget_all(wm_outputs *out)
{
    for (size_t i = 0; i < out->n; i++) {
        struct wm_staged *s = &out->items[i];
        if (s->tmp) {
            unlink(s->tmp);
            wm_cleanup_forget(s->cleanup);
        }
        free(s->path);
        free(s->target);
        free(s->tmp);
    }
    free(out->items);
    wm_outputs_init(out);
}

void wm_outputs_abort(wm_outputs *out)
{
    forget_all(out);
}

/* Write `data` to a new temporary beside `target` (keeping `mode` when the
 * target exists).  Returns 0 with s->tmp set, or an errno after reporting. */
static int write_temporary(struct wm_staged *s, const struct stat *old, wm_diags *diags)
{
    char *dir = wm_dirname(s->target);
    const char *base = strrchr(s->target, '/');
    base = base ? base + 1 : s->target;
    int err = 0, fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        free(s->tmp);
        s->tmp = wm_xasprintf("%s/.%s.tmp.%ld.%d", dir, base, (long)getpid(), attempt);
        /* Remembered before it exists, so no signal can strand it. */
        s->cleanup = wm_cleanup_add(s->tmp);
        fd = open(s->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
            wm_cleanup_forget(s->cleanup);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        err = errno;
        wm_diag_addf(diags, WM_ERROR, s->path, (wm_pos){0, 0}, NULL,
                     "cannot create a file in '%s': %s", dir, strerror(err));
        free(s->tmp);
        s->tmp = NULL;
        free(dir);
        return err;
    }
    free(dir);
    if (old && fchmod(fd, old->st_mode & 07777) != 0)
        err = errno;
    if (!err)
        err = write_all(fd, s->data, s->len);
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        unlink(s->tmp);
        wm_cleanup_forget(s->cleanup);
        free(s->tmp);
        s->tmp = NULL;
        wm_diag_addf(diags, WM_ERROR, s->path, (wm_pos){0, 0}, NULL, "cannot write the file: %s",
                     strerror(err));
    }
    return err;
}

int wm_outputs_add(wm_outputs *out, const char *path, const void *data, size_t len, wm_diags *diags)
{
    wm_grow((void **)&out->items, &out->cap, out->n + 1, sizeof *out->items);
    struct wm_staged *s = &out->items[out->n];
    *s = (struct wm_staged){.path = wm_xstrdup(path), .cleanup = -1, .data = data, .len = len};
    int err = 0;
    struct stat st;
    bool exists = false;
    /* What the path names decides; stat follows every link, even
     * /dev/stdout's to a pipe, which no path spells. */
    if (strcmp(path, "-") == 0) {
        s->to_stdout = true;
    } else if (stat(path, &st) == 0) {
        exists = true;
        if (S_ISDIR(st.st_mode))
            err = EISDIR;
        else if (S_ISREG(st.st_mode) && !(s->target = wm_output_target(path)))
            err = errno;
    } else if (errno != ENOENT) {
        err = errno;
    } else if (!(s->target = wm_output_target(path))) {
        err = errno;
    }
    if (err) {
        wm_diag_addf(diags, WM_ERROR, path, (wm_pos){0, 0}, NULL, "cannot write the file: %s",
                     strerror(err));
    } else if (!s->to_stdout && (!exists || S_ISREG(st.st_mode))) {
        err = write_temporary(s, exists ? &st : NULL, diags);
    }
    if (err) {
        free(s->path);
        free(s->target);
        return err;
    }
    out->n++;
    return 0;
}

/* Write a device, FIFO or standard output. */
static int write_direct(const struct wm_staged *s, wm_diags *diags)
{
    int err = 0;
    if (s->to_stdout) {
        err = write_all(STDOUT_FILENO, s->data, s->len);
    } else {
        int fd = open(s->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            err = errno;
        else {
            err = write_all(fd, s->data, s->len);
            if (close(fd) != 0 && !err)
                err = errno;
        }
    }
    if (err)
        wm_diag_addf(diags, WM_ERROR, s->to_stdout ? "<stdout>" : s->path, (wm_pos){0, 0}, NULL,
                     "cannot write the file: %s", strerror(err));
    return err;
}

int wm_outputs_commit(wm_outputs *out, wm_diags *diags)
{
    int err = 0;
    for (size_t i = 0; i < out->n && !err; i++)
        if (!out->items[i].tmp)
            err = write_direct(&out->items[i], diags);
    for (size_t i = 0; i < out->n && !err; i++) {
        struct wm_staged *s = &out->items[i];
        if (!s->tmp)
            continue;
        if (rename(s->tmp, s->target) != 0) {
            err = errno;
            wm_diag_addf(diags, WM_ERROR, s->path, (wm_pos){0, 0}, NULL,
                         "cannot write the file: %s", strerror(err));
            break;
        }
        wm_cleanup_forget(s->cleanup);
        free(s->tmp);
        s->tmp = NULL;
        /* Make the new name durable; failure here does not undo the write. */
        char *dir = wm_dirname(s->target);
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    forget_all(out); /* removes the temporaries a failure left */
    return err;
}

int wm_write_file_atomic(const char *path, const void *data, size_t len, wm_diags *diags)
{
    wm_outputs out;
    wm_outputs_init(&out);
    int err = wm_outputs_add(&out, path, data, len, diags);
    if (err) {
        wm_outputs_abort(&out);
        return err;
    }
    return wm_outputs_commit(&out, diags);
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
