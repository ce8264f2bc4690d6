/*
 * model.c - the load stage's entry points: read a file, parse it, read it by
 * the schema, check it as a whole; and the model's lifetime.
 *
 * The model, its strings and the YAML tree it points into share one arena,
 * owned by the engagement and freed by wm_engagement_free; so do the
 * playbook template and its ctx.playbook value (playbook.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/sha256.h"
#include "load.h"
#include "narrative.h"
#include "playbook.h"

#define DEFAULT_MAX_BYTES (8u * 1024 * 1024)

typedef struct {
    wm_arena arena;
    const char *input; /* a copy of the bytes read, in the arena */
    size_t input_len;
    char sha256[65];      /* empty until asked for */
    const wm_ynode *root; /* the parsed file, in the arena */
} impl;

static wm_engagement *new_engagement(const char *name)
{
    impl *im = wm_xcalloc(1, sizeof *im);
    wm_arena_init(&im->arena);
    wm_engagement *e = WM_ARENA_NEW(&im->arena, wm_engagement, 1);
    e->impl = im;
    e->path = wm_arena_strdup(&im->arena, name);
    char *dir = wm_dirname(name);
    e->dir = wm_arena_strdup(&im->arena, dir);
    free(dir);
    return e;
}

void wm_engagement_free(wm_engagement *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_scenarios; i++)
        wm_engagement_free(e->scenarios[i].engagement);
    impl *im = e->impl;
    wm_arena_free(&im->arena);
    free(im);
}

/* An undated engagement renders with no date at all (core/base/docdate.h);
 * `validate --strict` says so, at the `engagement:` key. */
static void warn_undated(const wm_ynode *root, wm_schema *s)
{
    wm_pos pos = {1, 1};
    for (size_t i = 0; root->kind == WM_YMAP && i < root->n; i++)
        if (strcmp(wm_ymap_key(root, i)->text, "engagement") == 0)
            pos = wm_ymap_key(root, i)->pos;
    wm_schema_warning(s, pos,
                      "add 'date: YYYY-MM-DD' under engagement: the date of the deliverable, on "
                      "its cover and in the PDF's properties",
                      "engagement.date is not set, so the PDF carries no date (unless "
                      "SOURCE_DATE_EPOCH is set)");
}

/* Reads `root` into `e` by the schema, checks it as a whole, and loads its
 * playbook template; true when that found no error. */
static bool load_root(wm_engagement *e, const wm_ynode *root, size_t max, wm_diags *diags,
                      bool base)
{
    impl *im = e->impl;
    size_t errors = diags->errors;
    wm_schema s = {.arena = &im->arena, .diags = diags, .file = e->path};
    wm_load_schema(e, root, &s);
    wm_load_checks(e, &s, errors);
    /* The narrative's placeholders name ids: checked once they are sound,
     * in the base only (a scenario's copy says the same words). */
    if (base && diags->errors == errors)
        wm_nv_load(e, root, im->input, im->input_len, &s);
    /* The playbook template is checked against a sound engagement only. */
    if (diags->errors == errors) {
        wm_pb_engagement pe = {root, im->input, im->input_len, max};
        wm_playbook_load(e, &im->arena, &pe, diags);
    }
    if (diags->errors != errors)
        return false;
    im->root = root;
    return true;
}

/* Each scenario's engagement: the base tree with its overrides written in,
 * read and checked exactly as a file would be (load/scenario.c); its
 * problems are reported under the scenario's name and position. */
static bool load_scenarios(wm_engagement *e, size_t max, wm_diags *diags)
{
    impl *im = e->impl;
    bool ok = true;
    for (size_t i = 0; i < e->n_scenarios; i++) {
        wm_scenario *sc = &e->scenarios[i];
        wm_engagement *se = new_engagement(e->path);
        impl *sim = se->impl;
        sim->input = im->input; /* the base's bytes, for columns inside text */
        sim->input_len = im->input_len;
        wm_schema s = {.arena = &sim->arena, .diags = diags, .file = e->path};
        size_t errors = diags->errors;
        wm_ynode *root = wm_scenario_tree(&sim->arena, im->root, sc, &s);
        wm_diags found;
        wm_diags_init(&found);
        if (load_root(se, root, max, &found, false) && diags->errors == errors) {
            sc->engagement = se;
        } else {
            wm_engagement_free(se);
            ok = false;
        }
        wm_scenario_report(sc, e->path, &found, diags);
        wm_diags_free(&found);
    }
    return ok;
}

wm_engagement *wm_engagement_load_buffer(const char *name, const char *data, size_t len,
                                         const wm_load_opts *opts, wm_diags *diags)
{
    size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    if (len > max) {
        wm_diag_addf(diags, WM_ERROR, name, (wm_pos){1, 1}, NULL,
                     "the input is %zu bytes, over the limit of %zu bytes", len, max);
        return NULL;
    }
    wm_engagement *e = new_engagement(name);
    impl *im = e->impl;
    im->input = wm_arena_strndup(&im->arena, data, len);
    im->input_len = len;
    wm_ynode *root = wm_yaml_parse(&im->arena, name, data, len, diags);
    if (!root || !load_root(e, root, max, diags, true) || !load_scenarios(e, max, diags)) {
        wm_engagement_free(e);
        return NULL;
    }
    if (opts && opts->strict && !e->engagement.date_set) {
        wm_schema s = {.arena = &im->arena, .diags = diags, .file = name};
        warn_undated(root, &s);
    }
    return e;
}

const struct wm_ynode *wm_engagement_tree(const wm_engagement *e)
{
    return ((const impl *)e->impl)->root;
}

wm_engagement *wm_engagement_load(const char *path, const wm_load_opts *opts, wm_diags *diags)
{
    size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    size_t len;
    /* "-" is standard input, named <stdin>; its relative paths (brand,
     * logo, plugins) are then relative to the current directory. */
    bool in = strcmp(path, "-") == 0;
    const char *name = in ? "<stdin>" : path;
    char *data = in ? wm_read_fd(STDIN_FILENO, name, max, &len, diags)
                    : wm_read_file(path, max, &len, diags);
    if (!data)
        return NULL;
    wm_engagement *e = wm_engagement_load_buffer(name, data, len, opts, diags);
    free(data);
    return e;
}

const char *wm_engagement_sha256(const wm_engagement *e)
{
    impl *im = e->impl;
    if (!im->sha256[0])
        wm_sha256_hex(im->input, im->input_len, im->sha256);
    return im->sha256;
}

size_t wm_engagement_find_role(const wm_engagement *e, const char *name)
{
    for (size_t i = 0; i < e->n_team; i++)
        if (strcmp(e->team[i].name, name) == 0)
            return i;
    return (size_t)-1;
}
