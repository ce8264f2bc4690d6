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
 * always sees a whole one.  A record that does not parse is ignored: its
 * input is simply rendered again.
 */
#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/json.h"
#include "../base/sha256.h"
#include "batch_int.h"

#define MANIFEST_MAX (256u << 20)
#define HASH_CHUNK   (1u << 16)

/* ---- file hashes, cached for the run (fonts and plugins are shared) ---- */

typedef struct {
    char *path;
    char hex[65];
    bool ok;
} cached;

static cached *cache;
static size_t cache_n, cache_cap;

static bool hash_now(const char *path, char hex[65])
{
    /* Regular files only: a manifest naming /dev/zero or a FIFO must not
     * hang the batch. */
    struct stat st;
    int fd = wm_open_regular(path, &st);
    if (fd < 0)
        return false;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return false;
    }
    wm_sha256 c;
    wm_sha256_init(&c);
    unsigned char *buf = wm_xmalloc(HASH_CHUNK);
    size_t got;
    while ((got = fread(buf, 1, HASH_CHUNK, f)) > 0)
        wm_sha256_update(&c, buf, got);
    bool ok = !ferror(f);
    fclose(f);
    free(buf);
    unsigned char digest[32];
    wm_sha256_final(&c, digest);
    wm_sha256_tohex(digest, hex);
    return ok;
}

bool wm_batch_hash_file(const char *path, char hex[65])
{
    for (size_t i = 0; i < cache_n; i++) {
        if (strcmp(cache[i].path, path) == 0) {
            memcpy(hex, cache[i].hex, 65);
            return cache[i].ok;
        }
    }
    wm_grow((void **)&cache, &cache_cap, cache_n + 1, sizeof *cache);
    cached *c = &cache[cache_n++];
    c->path = wm_xstrdup(path);
    c->ok = hash_now(path, c->hex);
    memcpy(hex, c->hex, 65);
    return c->ok;
}

void wm_batch_hash_reset(void)
{
    for (size_t i = 0; i < cache_n; i++)
        free(cache[i].path);
    free(cache);
    cache = NULL;
    cache_n = cache_cap = 0;
}

/* ---- reading the previous manifest ---- */

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

static void match(wm_batch *b, const wm_value *rec, const wm_batch_opts *opts)
{
    const char *name = wm_vobj_str(rec, "name");
    if (!name)
        return;
    wm_batch_item *it = NULL;
    for (size_t i = 0; i < b->n && !it; i++)
        if (strcmp(b->items[i].name, name) == 0)
            it = &b->items[i];
    if (!it || it->status != WM_ITEM_PENDING)
        return;
    const char *key = wm_vobj_str(rec, "key");
    const char *sha = wm_vobj_str(rec, "sha256");
    if (opts->force || !key || strcmp(key, opts->key) != 0 || !sha || strlen(sha) != 64)
        return;
    /* The same input, however it was spelled ("in/", "./in", an absolute
     * path): the first dep is the input's real path. */
    const wm_value *deps = wm_vobj_get(rec, "deps");
    char *real = realpath(it->input, NULL);
    bool same = real && deps && deps->kind == WM_VOBJ && deps->u.obj.n > 0 &&
                strcmp(deps->u.obj.pairs[0].key, real) == 0;
    free(real);
    if (!same)
        return;
    char hex[65];
    /* The PDF is hashed afresh (not through the cache): it is this item's own. */
    if (!hash_now(it->output, hex) || strcmp(hex, sha) != 0)
        return;
    if (!deps_unchanged(deps))
        return;
    it->status = WM_ITEM_SKIPPED;
    memcpy(it->sha256, sha, 65);
    it->deps = (wm_value *)deps;
    const wm_value *summary = wm_vobj_get(rec, "summary");
    it->summary = summary && summary->kind == WM_VOBJ ? (wm_value *)summary : NULL;
}

int wm_batch_check_previous(wm_batch *b, const wm_batch_opts *opts, wm_diags *d)
{
    char *path = wm_xasprintf("%s/manifest.jsonl", opts->outdir);
    wm_diags quiet;
    wm_diags_init(&quiet);
    size_t len = 0;
    struct stat st;
    char *text = NULL;
    int status = WM_EXIT_OK;
    if (stat(path, &st) == 0) {
        /* wm_read_file says why a file that is not regular is refused. */
        bool regular = S_ISREG(st.st_mode);
        text = wm_read_file(path, MANIFEST_MAX, &len, regular ? &quiet : d);
        if (!regular)
            status = WM_EXIT_INPUT;
    }
    wm_diags_free(&quiet);
    free(path);
    if (!text)
        return status;
    for (char *line = text; line < text + len;) {
        char *eol = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = eol ? (size_t)(eol - line) : (size_t)(text + len - line);
        wm_value *rec = wm_json_parse(&b->arena, line, n, NULL);
        if (rec && rec->kind == WM_VOBJ)
            match(b, rec, opts);
        line += n + 1;
    }
    free(text);
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
