/*
 * inputs.c - the inputs of a batch: files and folders of engagements, made
 * into a sorted list of items with unique output names, then sharded.
 *
 * A file named on the command line is taken as it is.  A folder is walked
 * (hidden entries and symbolic links to folders skipped, so a loop cannot
 * trap the walk) for .yaml and .yml files whose `format:` line says
 * `waymark/1`, in UTF-8 or UTF-16 as the loader reads them: brand files,
 * playbook templates and anything else beside the engagements are left
 * alone.  What looks meant as an engagement but is not rendered (another
 * format version, a .yaml file that cannot be read or is not a regular
 * file) is reported as a warning, never skipped in silence.
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

enum { SNIFF_BYTES = 8192 };

typedef enum {
    SNIFF_OTHER,      /* not an engagement: brand, playbook, any other YAML */
    SNIFF_ENGAGEMENT, /* format: waymark/1 */
    SNIFF_VERSION,    /* format: waymark/N, another version */
    SNIFF_UNREADABLE, /* cannot be opened or read: errno says why */
} sniff;

/* The first n bytes of a file as text for the format check: UTF-8 as it
 * is (its BOM dropped); UTF-16, known by its BOM or, without one, by the
 * zero byte beside an ASCII first character, with every character outside
 * ASCII as '?' (the loader decodes the file itself).  Returns the length
 * written to out (at most n). */
static size_t sniff_text(const unsigned char *raw, size_t n, char *out)
{
    size_t i = 0;
    int big = -1; /* UTF-16: 1 big-endian, 0 little-endian; -1 UTF-8 */
    if (n >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
        i = 3;
    else if (n >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
        big = 0, i = 2;
    else if (n >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
        big = 1, i = 2;
    else if (n >= 2 && raw[0] && raw[0] < 0x80 && !raw[1])
        big = 0;
    else if (n >= 2 && !raw[0] && raw[1] && raw[1] < 0x80)
        big = 1;
    if (big < 0) {
        memcpy(out, raw + i, n - i);
        return n - i;
    }
    size_t k = 0;
    for (; i + 1 < n; i += 2) {
        unsigned u = big ? (unsigned)raw[i] << 8 | raw[i + 1] : (unsigned)raw[i + 1] << 8 | raw[i];
        out[k++] = u && u < 0x80 ? (char)u : '?';
    }
    return k;
}

/* What the file's first key says (after comments, blank lines and a `---`
 * document start): an engagement when it is `format: waymark/1`; another
 * version's value goes into `version`. */
static sniff sniff_format(const char *path, char version[40])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return SNIFF_UNREADABLE;
    unsigned char raw[SNIFF_BYTES];
    ssize_t got = read(fd, raw, sizeof raw);
    int err = errno;
    close(fd);
    if (got < 0) {
        errno = err;
        return SNIFF_UNREADABLE;
    }
    char buf[SNIFF_BYTES + 1];
    buf[sniff_text(raw, (size_t)got, buf)] = '\0';
    for (char *p = buf; *p;) {
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
                size_t len = strcspn(v, " \t\r\n\"'#");
                if (len == strlen(WM_FORMAT) && strncmp(v, WM_FORMAT, len) == 0)
                    return SNIFF_ENGAGEMENT;
                if (strncmp(v, "waymark/", 8) != 0)
                    return SNIFF_OTHER;
                snprintf(version, 40, "%.*s", (int)(len < 39 ? len : 39), v);
                return SNIFF_VERSION;
            } else {
                return SNIFF_OTHER; /* the format key comes first in every Waymark file */
            }
        }
        if (!eol)
            break;
        p = eol + 1;
    }
    return SNIFF_OTHER;
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
        bool yaml = has_yaml_ext(names[i]);
        if (lstat(path, &lst) != 0) {
            /* gone since the folder was read */
        } else if (stat(path, &st) != 0) {
            if (yaml) /* a symbolic link to nothing */
                wm_diag_addf(l->d, WM_WARNING, path, (wm_pos){0, 0}, NULL,
                             "cannot read the file (%s): skipped", strerror(errno));
        } else {
            if (yaml && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
                wm_diag_addf(l->d, WM_WARNING, path, (wm_pos){0, 0}, NULL,
                             "not a regular file (a FIFO, a device or a socket): skipped");
            } else if (S_ISDIR(st.st_mode) && !S_ISLNK(lst.st_mode) && depth < 32) {
                char *real = realpath(path, NULL);
                bool is_out = real && outdir_real && strcmp(real, outdir_real) == 0;
                free(real);
                if (!is_out)
                    walk(l, root, sub, outdir_real, depth + 1);
            } else if (S_ISREG(st.st_mode) && yaml) {
                char version[40];
                switch (sniff_format(path, version)) {
                case SNIFF_ENGAGEMENT:
                    add(l, path, name_from_rel(sub));
                    break;
                case SNIFF_VERSION:
                    wm_diag_addf(l->d, WM_WARNING, path, (wm_pos){0, 0},
                                 "this version of Waymark reads 'format: " WM_FORMAT "'",
                                 "'format: %s' is not an engagement this version reads: skipped",
                                 version);
                    break;
                case SNIFF_UNREADABLE:
                    wm_diag_addf(l->d, WM_WARNING, path, (wm_pos){0, 0}, NULL,
                                 "cannot read the file (%s): skipped", strerror(errno));
                    break;
                case SNIFF_OTHER:
                    break;
                }
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
