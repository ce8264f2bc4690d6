/*
 * inputs.c - the inputs of a batch: files and folders of engagements, made
 * into a sorted list of items with unique output names, then sharded.
 *
 * A file named on the command line is taken as it is.  A folder is walked
 * (hidden entries and symbolic links to folders skipped, so a loop cannot
 * trap the walk) for .yaml and .yml files whose `format:` line says
 * `waymark/1`: brand files, playbook templates and anything else beside
 * the engagements are left alone.
 *
 * Output names: a file named directly keeps its stem ("acme.yaml" ->
 * "acme"); a file found in a folder takes its path inside that folder with
 * "/" as "-" ("eu/acme.yaml" -> "eu-acme"), and a file called engagement
 * takes its folder's name ("clients/acme/engagement.yaml" -> "acme", as
 * `waymark init` lays clients out).  Two inputs that would write the same
 * output are a usage error naming both, never a silent overwrite.
 *
 * The list is sorted by output name (bytewise), so every machine of a
 * sharded run sees the same order whatever the spelling of the paths;
 * --shard K/N keeps the items whose position is K-1 modulo N.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/file.h"
#include "batch_int.h"

typedef struct {
    char *input; /* malloc'd */
    char *name;  /* malloc'd */
    char *real;  /* realpath, for dropping a file named twice */
} found;

typedef struct {
    found *v;
    size_t n, cap;
    wm_diags *d;
    int status;
} list;

static void add(list *l, const char *input, char *name)
{
    wm_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v);
    char *real = realpath(input, NULL);
    l->v[l->n++] = (found){wm_xstrdup(input), name, real ? real : wm_xstrdup(input)};
}

/* Does the file start (after comments and blank lines) with a `format:`
 * line naming an engagement? */
static bool is_engagement(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    char buf[4096];
    ssize_t got = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (got <= 0)
        return false;
    buf[got] = '\0';
    char *p = buf;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;
    while (*p) {
        char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        size_t i = 0;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
            i++;
        if (i < n && p[i] != '#') {
            if (strncmp(p, "---", 3) == 0) {
                /* a document start marker: the key comes after */
            } else if (strncmp(p, "format:", 7) == 0) {
                const char *v = p + 7;
                while (*v == ' ' || *v == '\t')
                    v++;
                if (*v == '"' || *v == '\'')
                    v++;
                return strncmp(v, WM_FORMAT, strlen(WM_FORMAT)) == 0;
            } else {
                return false; /* the format key comes first in every Waymark file */
            }
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return false;
}

static bool has_yaml_ext(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* "eu/acme.yaml" -> "eu-acme"; "acme/engagement.yaml" -> "acme". */
static char *name_from_rel(const char *rel)
{
    char *s = wm_xstrdup(rel);
    char *dot = strrchr(s, '.');
    if (dot && !strchr(dot, '/'))
        *dot = '\0';
    char *slash = strrchr(s, '/');
    if (slash && strcmp(slash + 1, "engagement") == 0)
        *slash = '\0';
    for (char *c = s; *c; c++)
        if (*c == '/')
            *c = '-';
    return s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(list *l, const char *root, const char *rel, const char *outdir_real, int depth)
{
    char *dir = rel[0] ? wm_path_join(root, rel) : wm_xstrdup(root);
    DIR *dh = opendir(dir);
    if (!dh) {
        wm_diag_addf(l->d, WM_ERROR, dir, (wm_pos){0, 0}, NULL, "cannot read the folder: %s",
                     strerror(errno));
        l->status = WM_EXIT_INPUT;
        free(dir);
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        wm_grow((void **)&names, &cap, n + 1, sizeof *names);
        names[n++] = wm_xstrdup(de->d_name);
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char *sub = rel[0] ? wm_xasprintf("%s/%s", rel, names[i]) : wm_xstrdup(names[i]);
        char *path = wm_path_join(root, sub);
        struct stat lst, st;
        if (lstat(path, &lst) == 0 && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode) && depth < 32) {
                char *real = realpath(path, NULL);
                bool is_out = real && outdir_real && strcmp(real, outdir_real) == 0;
                free(real);
                if (!is_out)
                    walk(l, root, sub, outdir_real, depth + 1);
            } else if (S_ISREG(st.st_mode) && has_yaml_ext(names[i]) && is_engagement(path)) {
                add(l, path, name_from_rel(sub));
            }
        }
        free(path);
        free(sub);
        free(names[i]);
    }
    free(names);
    free(dir);
}

static int cmp_found(const void *a, const void *b)
{
    const found *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->real, y->real);
}

int wm_batch_inputs(wm_batch *b, char **inputs, int n_inputs, const wm_batch_opts *opts,
                    wm_diags *d)
{
    list l = {NULL, 0, 0, d, WM_EXIT_OK};
    char *outdir_real = realpath(opts->outdir, NULL);
    for (int i = 0; i < n_inputs; i++) {
        struct stat st;
        if (stat(inputs[i], &st) != 0) {
            wm_diag_addf(d, WM_ERROR, inputs[i], (wm_pos){0, 0},
                         "give engagement files or folders of them", "cannot read the input: %s",
                         strerror(errno));
            l.status = WM_EXIT_INPUT;
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = l.n;
            walk(&l, inputs[i], "", outdir_real, 0);
            if (l.n == before && l.status == WM_EXIT_OK)
                wm_diag_addf(d, WM_WARNING, inputs[i], (wm_pos){0, 0},
                             "an engagement file starts with 'format: " WM_FORMAT "'",
                             "no engagement file in this folder");
        } else {
            add(&l, inputs[i], wm_stem(inputs[i]));
        }
    }
    free(outdir_real);
    if (l.n)
        qsort(l.v, l.n, sizeof *l.v, cmp_found);

    /* The same file twice is one input; two files with one name an error. */
    size_t kept = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (kept && strcmp(l.v[kept - 1].name, l.v[i].name) == 0) {
            if (strcmp(l.v[kept - 1].real, l.v[i].real) != 0) {
                wm_diag_addf(d, WM_ERROR, l.v[i].input, (wm_pos){0, 0},
                             "rename one of them, or run them in separate batches",
                             "'%s' and '%s' would both write %s.pdf", l.v[kept - 1].input,
                             l.v[i].input, l.v[i].name);
                l.status = WM_EXIT_USAGE;
            }
            free(l.v[i].input);
            free(l.v[i].name);
            free(l.v[i].real);
            continue;
        }
        l.v[kept++] = l.v[i];
    }
    l.n = kept;

    /* The batch's own outputs take these names. */
    for (size_t i = 0; i < l.n; i++) {
        if (strcmp(l.v[i].name, "portfolio") == 0 || strcmp(l.v[i].name, "manifest") == 0) {
            wm_diag_addf(d, WM_ERROR, l.v[i].input, (wm_pos){0, 0},
                         "rename the file, or put it in a folder and name the folder",
                         "this input would write %s.pdf, which the batch keeps for its own %s",
                         l.v[i].name, l.v[i].name);
            l.status = WM_EXIT_USAGE;
        }
    }

    if (l.status == WM_EXIT_OK && l.n == 0) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "no engagement to render");
        l.status = WM_EXIT_INPUT;
    }
    b->items = wm_xcalloc(l.n ? l.n : 1, sizeof *b->items);
    b->n = 0;
    for (size_t i = 0; i < l.n; i++) {
        bool mine = opts->shard_n == 0 || i % opts->shard_n == opts->shard_k - 1;
        if (mine && l.status == WM_EXIT_OK) {
            wm_batch_item *it = &b->items[b->n++];
            it->input = l.v[i].input;
            it->name = l.v[i].name;
            it->output = wm_xasprintf("%s/%s.pdf", opts->outdir, l.v[i].name);
            it->status = WM_ITEM_PENDING;
        } else {
            free(l.v[i].input);
            free(l.v[i].name);
        }
        free(l.v[i].real);
    }
    free(l.v);
    return l.status;
}

const char *wm_item_status_name(wm_item_status s)
{
    switch (s) {
    case WM_ITEM_DONE:
        return "done";
    case WM_ITEM_SKIPPED:
        return "skipped";
    case WM_ITEM_FAILED:
        return "failed";
    case WM_ITEM_INTERRUPTED:
        return "interrupted";
    case WM_ITEM_PENDING:
        break;
    }
    return "pending";
}

void wm_batch_free(wm_batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->items[i].input);
        free(b->items[i].name);
        free(b->items[i].output);
        free(b->items[i].error);
    }
    free(b->items);
    wm_arena_free(&b->arena);
}
