/*
 * manifest.c - OUTDIR/manifest.jsonl: one JSON record per input, and the
 * up-to-date check that reads the previous one back.
 *
 * A record (docs/batch.md):
 *
 *   {"input": "clients/acme.yaml", "name": "acme", "output": "out/acme.pdf",
 *    "status": "done", "error": null, "sha256": "…", "ms": 83, "exit": 0,
 *    "key": "…", "deps": {"/abs/clients/acme.yaml": "…", …},
 *    "summary": {…}}
 *
 * `sha256` is the PDF's; `deps` every file the render read with its hash
 * (the depfile of a build tool); `key` what else decides the output (the
 * tool itself, the options, SOURCE_DATE_EPOCH).  An item is up to date when
 * its previous record has the same key, its PDF still hashes to `sha256`
 * and every dep hashes as recorded; nothing is trusted by date, so a copied
 * or touched file cannot fool it.
 *
 * The manifest is replaced atomically, so a reader (or a killed batch)
 * always sees a whole one.  It is still a file a user can edit, truncate or
 * fill, so reading it back is bounded: it is read a line at a time (memory
 * is one record, not the file), each record is parsed into a scratch arena
 * and only what an up-to-date item keeps is copied out, and items are
 * found by binary search.  What cannot be trusted is ignored with a warning
 * naming the file and line, and its input is rendered again: a record that
 * is not JSON, is longer than RECORD_MAX or has no name, two records of one
 * name, a manifest over MANIFEST_MAX or that is not a regular file.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/json.h"
#include "../base/sha256.h"
#include "batch_int.h"

#define MANIFEST_MAX (256u << 20)
#define RECORD_MAX   (1u << 20)
#define HASH_CHUNK   (1u << 16)
#define HASH_MAX     (256ull << 20)
/* Bad records reported one by one; the rest are counted. */
#define BAD_SHOWN 5

/* ---- file hashes, cached for the run (fonts and plugins are shared) ---- */

/* {"path": "hex"} of every file hashed, or {"path": null} when it could not
 * be read: an object, so a lookup costs the same for the 100,000th input. */
static wm_arena cache_arena;
static wm_value *cache;

static bool hash_now(const char *path, char hex[65])
{
    /* Regular files only, and at most HASH_MAX bytes of them: a manifest
     * naming /dev/zero, a FIFO, /proc/kcore or /proc/self/pagemap (which
     * claims 0 bytes and never ends) must not hang the batch.  No file a
     * render reads is that large, so one that is cannot vouch for a PDF. */
    struct stat st;
    int fd = wm_open_regular(path, &st);
    if (fd < 0)
        return false;
    FILE *f = (unsigned long long)st.st_size > HASH_MAX ? NULL : fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return false;
    }
    wm_sha256 c;
    wm_sha256_init(&c);
    unsigned char *buf = wm_xmalloc(HASH_CHUNK);
    size_t got, total = 0;
    while (total <= HASH_MAX && (got = fread(buf, 1, HASH_CHUNK, f)) > 0) {
        wm_sha256_update(&c, buf, got);
        total += got;
    }
    bool ok = !ferror(f) && total <= HASH_MAX;
    fclose(f);
    free(buf);
    unsigned char digest[32];
    wm_sha256_final(&c, digest);
    wm_sha256_tohex(digest, hex);
    return ok;
}

bool wm_batch_hash_file(const char *path, char hex[65])
{
    if (!cache)
        cache = wm_vobj(&cache_arena);
    const wm_value *known = wm_vobj_get(cache, path);
    if (!known) {
        bool ok = hash_now(path, hex);
        known = ok ? wm_vstr(&cache_arena, hex) : wm_vnull(&cache_arena);
        wm_vobj_set(&cache_arena, cache, path, (wm_value *)known);
    }
    if (known->kind != WM_VSTR)
        return false;
    memcpy(hex, known->u.str.s, 65);
    return true;
}

void wm_batch_hash_reset(void)
{
    wm_arena_free(&cache_arena);
    cache = NULL;
}

/* ---- reading the previous manifest ---- */

typedef struct {
    const char *path; /* OUTDIR/manifest.jsonl, for warnings */
    wm_diags *d;
    size_t bad; /* records ignored */
} manifest_reader;

static void bad_record(manifest_reader *m, unsigned line, unsigned col, const char *what)
{
    if (m->bad++ < BAD_SHOWN)
        wm_diag_addf(m->d, WM_WARNING, m->path, (wm_pos){line, col},
                     "the batch writes a new manifest when it ends",
                     "%s: the record is ignored and its input rendered again", what);
}

static bool deps_unchanged(const wm_value *deps)
{
    if (!deps || deps->kind != WM_VOBJ || deps->u.obj.n == 0)
        return false;
    for (size_t i = 0; i < deps->u.obj.n; i++) {
        const wm_value *want = deps->u.obj.pairs[i].val;
        char hex[65];
        if (want->kind != WM_VSTR || !wm_batch_hash_file(deps->u.obj.pairs[i].key, hex) ||
            strcmp(hex, want->u.str.s) != 0)
            return false;
    }
    return true;
}

/* The item whose output name is `name` (items are sorted by name), or NULL. */
static wm_batch_item *find_item(wm_batch *b, const char *name)
{
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->items[mid].name, name);
        if (c == 0)
            return &b->items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Whether the record says the item's PDF is up to date. */
static bool up_to_date(const wm_batch_item *it, const wm_value *rec, const wm_batch_opts *opts)
{
    const char *key = wm_vobj_str(rec, "key");
    const char *sha = wm_vobj_str(rec, "sha256");
    if (opts->force || !key || strcmp(key, opts->key) != 0 || !sha || strlen(sha) != 64)
        return false;
    if (opts->json) { /* its plan must be there too */
        char *json = wm_batch_json_path(it);
        struct stat st;
        bool there = stat(json, &st) == 0 && S_ISREG(st.st_mode);
        free(json);
        if (!there)
            return false;
    }
    /* The same input, however it was spelled ("in/", "./in", an absolute
     * path): the first dep is the input's real path. */
    const wm_value *deps = wm_vobj_get(rec, "deps");
    char *real = realpath(it->input, NULL);
    bool same = real && deps && deps->kind == WM_VOBJ && deps->u.obj.n > 0 &&
                strcmp(deps->u.obj.pairs[0].key, real) == 0;
    free(real);
    if (!same)
        return false;
    char hex[65];
    /* The PDF is hashed afresh (not through the cache): it is this item's own. */
    return hash_now(it->output, hex) && strcmp(hex, sha) == 0 && deps_unchanged(deps);
}

/* One record, parsed in `scratch`; what an up-to-date item keeps is copied
 * into the batch's arena. */
static void take_record(wm_batch *b, manifest_reader *m, unsigned line, const char *text,
                        size_t len, const wm_batch_opts *opts, bool *seen)
{
    wm_arena scratch;
    wm_arena_init(&scratch);
    char *err = NULL;
    wm_value *rec = wm_json_parse(&scratch, text, len, &err);
    const char *name = rec ? wm_vobj_str(rec, "name") : NULL;
    if (!rec) {
        char *what = wm_xasprintf("not valid JSON (%s)", err);
        bad_record(m, line, 1, what);
        free(what);
    } else if (!name) {
        bad_record(m, line, 1, "not an object with a \"name\"");
    } else {
        wm_batch_item *it = find_item(b, name);
        size_t at = it ? (size_t)(it - b->items) : 0;
        if (it && seen[at]) {
            /* Two records of one name: neither can be trusted. */
            char *what = wm_xasprintf("a second record for '%s'", name);
            bad_record(m, line, 1, what);
            free(what);
            if (it->status == WM_ITEM_SKIPPED) {
                it->status = WM_ITEM_PENDING;
                it->sha256[0] = '\0';
                it->deps = it->summary = NULL;
            }
        } else if (it) {
            seen[at] = true;
            if (it->status == WM_ITEM_PENDING && up_to_date(it, rec, opts)) {
                it->status = WM_ITEM_SKIPPED;
                memcpy(it->sha256, wm_vobj_str(rec, "sha256"), 65);
                it->deps = wm_v_copy(&b->arena, wm_vobj_get(rec, "deps"));
                const wm_value *summary = wm_vobj_get(rec, "summary");
                it->summary =
                    summary && summary->kind == WM_VOBJ ? wm_v_copy(&b->arena, summary) : NULL;
            }
        }
    }
    free(err);
    wm_arena_free(&scratch);
}

/* Append chunk[0..n) to the line unless that makes it longer than max. */
static void keep(wm_buf *line, const char *chunk, size_t n, size_t max, bool *too_long)
{
    if (*too_long || line->len + n > max)
        *too_long = true;
    else
        wm_buf_put(line, chunk, n);
}

/* The next line of f into `line` (without its newline); false at the end.
 * A line longer than `max` is read past but not kept: *too_long. */
static bool read_line(FILE *f, wm_buf *line, size_t max, bool *too_long)
{
    line->len = 0;
    *too_long = false;
    int c = getc_unlocked(f);
    if (c == EOF)
        return false;
    char chunk[4096];
    size_t n = 0;
    for (; c != EOF && c != '\n'; c = getc_unlocked(f)) {
        chunk[n++] = (char)c;
        if (n == sizeof chunk) {
            keep(line, chunk, n, max, too_long);
            n = 0;
        }
    }
    keep(line, chunk, n, max, too_long);
    return true;
}

int wm_batch_check_previous(wm_batch *b, const wm_batch_opts *opts, wm_diags *d)
{
    char *path = wm_xasprintf("%s/manifest.jsonl", opts->outdir);
    manifest_reader m = {path, d, 0};
    struct stat st;
    int fd = wm_open_regular(path, &st);
    FILE *f = NULL;
    if (fd == -2) {
        /* The batch would block on (or replace) it when it writes the new
         * manifest there: stop before rendering anything. */
        wm_file_not_regular(path, st.st_mode, d);
        free(path);
        return WM_EXIT_INPUT;
    }
    if (fd < 0) {
        if (errno != ENOENT)
            wm_diag_addf(
                d, WM_WARNING, path, (wm_pos){0, 0}, "the batch writes a new manifest when it ends",
                "cannot read the manifest (%s): every input is rendered again", strerror(errno));
    } else if ((unsigned long long)st.st_size > MANIFEST_MAX) {
        wm_diag_addf(d, WM_WARNING, path, (wm_pos){0, 0},
                     "the batch writes a new manifest when it ends",
                     "the manifest is %llu MiB, more than the %u MiB a manifest may have: "
                     "every input is rendered again",
                     (unsigned long long)st.st_size >> 20, MANIFEST_MAX >> 20);
    } else {
        f = fdopen(fd, "rb");
    }
    if (!f) {
        if (fd >= 0)
            close(fd);
        free(path);
        return WM_EXIT_OK;
    }
    fd = -1;
    bool *seen = wm_xcalloc(b->n ? b->n : 1, sizeof *seen);
    wm_buf line;
    wm_buf_init(&line);
    bool too_long;
    for (unsigned n = 1; read_line(f, &line, RECORD_MAX, &too_long); n++) {
        if (too_long)
            bad_record(&m, n, 1, "longer than 1 MiB");
        else if (line.len > 0) /* a blank line is no record */
            take_record(b, &m, n, line.data, line.len, opts, seen);
    }
    if (ferror(f))
        wm_diag_addf(d, WM_WARNING, path, (wm_pos){0, 0},
                     "the batch writes a new manifest when it ends",
                     "cannot read the manifest to the end: the inputs of the records not read "
                     "are rendered again");
    if (m.bad > BAD_SHOWN)
        wm_diag_addf(d, WM_WARNING, path, (wm_pos){0, 0}, NULL, "%zu more records were ignored",
                     m.bad - BAD_SHOWN);
    wm_buf_free(&line);
    free(seen);
    fclose(f);
    free(path);
    return WM_EXIT_OK;
}

/* ---- writing ---- */

static void put_str_field(wm_buf *out, const char *key, const char *v)
{
    wm_buf_printf(out, ",\"%s\":", key);
    if (v)
        wm_json_string(out, v, strlen(v));
    else
        wm_buf_puts(out, "null");
}

int wm_batch_write_manifest(const wm_batch *b, const wm_batch_opts *opts, wm_diags *d)
{
    wm_buf out;
    wm_buf_init(&out);
    for (size_t i = 0; i < b->n; i++) {
        const wm_batch_item *it = &b->items[i];
        bool has_pdf = it->sha256[0] != '\0';
        wm_buf_puts(&out, "{\"input\":");
        wm_json_string(&out, it->input, strlen(it->input));
        put_str_field(&out, "name", it->name);
        put_str_field(&out, "output", it->output);
        put_str_field(&out, "status", wm_item_status_name(it->status));
        put_str_field(&out, "error", it->error);
        put_str_field(&out, "sha256", has_pdf ? it->sha256 : NULL);
        wm_buf_printf(&out, ",\"ms\":%.0f,\"exit\":%d", it->ms, it->exit_status);
        put_str_field(&out, "key", opts->key);
        wm_buf_puts(&out, ",\"deps\":");
        if (it->deps && has_pdf)
            wm_v_json(it->deps, &out, 0);
        else
            wm_buf_puts(&out, "null");
        wm_buf_puts(&out, ",\"summary\":");
        if (it->summary)
            wm_v_json(it->summary, &out, 0);
        else
            wm_buf_puts(&out, "null");
        wm_buf_puts(&out, "}\n");
    }
    char *path = wm_xasprintf("%s/manifest.jsonl", opts->outdir);
    int rc = wm_write_file_atomic(path, out.data ? out.data : "", out.len, d);
    free(path);
    wm_buf_free(&out);
    return rc == 0 ? WM_EXIT_OK : WM_EXIT_OUTPUT;
}
