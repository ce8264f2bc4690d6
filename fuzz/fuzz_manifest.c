/*
 * fuzz_manifest.c - libFuzzer target: arbitrary bytes as the JSON reader's
 * input (core/base/json.c) and as OUTDIR/manifest.jsonl read back by a
 * batch (wm_batch_check_previous, core/batch/manifest.c).
 *
 * 1. wm_json_parse on the bytes; a value it accepts is written back
 *    (wm_v_json), and that text must parse again and write back the same.
 * 2. The bytes as the previous manifest of a batch of three items whose
 *    files are a fixture made at start-up in /tmp/waymark-fuzz-manifest
 *    (in/a.yaml, in/b.yaml, in/c.yaml, out/a.pdf, out/b.pdf, dep.lua; no
 *    c.pdf), with the key "fuzz-key".  fuzz/manifest_seeds.sh writes seeds
 *    whose records match the fixture, so the fuzzer starts from records
 *    that make an item up to date.  After the read every item is pending
 *    or skipped; a skipped one carries its PDF's real hash and deps whose
 *    first path is its input; every report is a warning with a message.
 *
 * Crashes, leaks, sanitizer reports and timeouts are bugs.
 */
#define _GNU_SOURCE
#undef NDEBUG /* the checks below hold in every build type */
#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/json.h"
#include "base/sha256.h"
#include "batch/batch_int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIXTURE "/tmp/waymark-fuzz-manifest"

static const struct {
    const char *path, *text;
} FILES[] = {
    {FIXTURE "/in/a.yaml", "format: waymark/1\n# a\n"},
    {FIXTURE "/in/b.yaml", "format: waymark/1\n# b\n"},
    {FIXTURE "/in/c.yaml", "format: waymark/1\n# c\n"},
    {FIXTURE "/out/a.pdf", "%PDF-1.7 a\n"},
    {FIXTURE "/out/b.pdf", "%PDF-1.7 b\n"},
    {FIXTURE "/dep.lua", "return {}\n"},
};
static const char *const NAMES[] = {"a", "b", "c"};
enum { N_ITEMS = 3 };

static char pdf_hash[N_ITEMS][65];
static char *outdir, *manifest;

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f);
    size_t put = size ? fwrite(data, 1, size, f) : 0;
    int closed = fclose(f);
    FUZZ_CHECK(put == size && closed == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mkdir(FIXTURE, 0700);
    mkdir(FIXTURE "/in", 0700);
    mkdir(FIXTURE "/out", 0700);
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++)
        write_file(FILES[i].path, FILES[i].text, strlen(FILES[i].text));
    for (size_t i = 0; i < N_ITEMS; i++)
        pdf_hash[i][0] = '\0';
    wm_sha256_hex(FILES[3].text, strlen(FILES[3].text), pdf_hash[0]);
    wm_sha256_hex(FILES[4].text, strlen(FILES[4].text), pdf_hash[1]);
    /* Each fuzzing process reads its own manifest. */
    outdir = wm_xasprintf("%s/run-%ld", FIXTURE, (long)getpid());
    mkdir(outdir, 0700);
    manifest = wm_xasprintf("%s/manifest.jsonl", outdir);
    return 0;
}

/* Parse, write, parse again: the second text equals the first. */
static void round_trip(const uint8_t *data, size_t size)
{
    wm_arena a;
    wm_arena_init(&a);
    char *err = NULL;
    wm_value *v = wm_json_parse(&a, (const char *)data, size, &err);
    FUZZ_CHECK(!v == !!err);
    if (v) {
        wm_buf t1, t2;
        wm_buf_init(&t1);
        wm_buf_init(&t2);
        wm_v_json(v, &t1, 0);
        wm_value *w = wm_json_parse(&a, t1.data, t1.len, NULL);
        FUZZ_CHECK(w);
        wm_v_json(w, &t2, 0);
        FUZZ_CHECK(t1.len == t2.len && memcmp(t1.data, t2.data, t1.len) == 0);
        wm_buf_free(&t1);
        wm_buf_free(&t2);
    }
    free(err);
    wm_arena_free(&a);
}

static void read_back(const uint8_t *data, size_t size)
{
    write_file(manifest, data, size);

    wm_batch b;
    memset(&b, 0, sizeof b);
    wm_arena_init(&b.arena);
    wm_batch_item items[N_ITEMS];
    memset(items, 0, sizeof items);
    for (size_t i = 0; i < N_ITEMS; i++) {
        items[i].name = (char *)NAMES[i];
        items[i].input = wm_xasprintf("%s/in/%s.yaml", FIXTURE, NAMES[i]);
        items[i].output = wm_xasprintf("%s/out/%s.pdf", FIXTURE, NAMES[i]);
        items[i].status = WM_ITEM_PENDING;
    }
    b.items = items;
    b.n = N_ITEMS;
    wm_batch_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.outdir = outdir;
    snprintf(opts.key, sizeof opts.key, "fuzz-key");
    wm_diags d;
    wm_diags_init(&d);
    wm_batch_check_previous(&b, &opts, &d);

    FUZZ_CHECK(d.errors == 0);
    for (size_t i = 0; i < d.count; i++)
        FUZZ_CHECK(d.items[i].severity == WM_WARNING && d.items[i].message[0]);
    for (size_t i = 0; i < N_ITEMS; i++) {
        const wm_batch_item *it = &items[i];
        FUZZ_CHECK(it->status == WM_ITEM_PENDING || it->status == WM_ITEM_SKIPPED);
        if (it->status == WM_ITEM_SKIPPED) {
            FUZZ_CHECK(strcmp(it->sha256, pdf_hash[i]) == 0);
            FUZZ_CHECK(it->deps && it->deps->kind == WM_VOBJ && it->deps->u.obj.n > 0);
            char *real = realpath(it->input, NULL);
            FUZZ_CHECK(real && strcmp(it->deps->u.obj.pairs[0].key, real) == 0);
            free(real);
            FUZZ_CHECK(!it->summary || it->summary->kind == WM_VOBJ);
        }
        free(it->input);
        free(it->output);
    }
    wm_diags_free(&d);
    wm_arena_free(&b.arena);
    /* The cache of file hashes, as a batch forgets it when it ends: every
     * run frees what it allocated, or each would cost a leak scan. */
    wm_batch_hash_reset();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    round_trip(data, size);
    read_back(data, size);
    return 0;
}
