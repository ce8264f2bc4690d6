/*
 * baseline.c - reading the earlier version a plan is compared with (see
 * baseline.h).
 */
#include "baseline.h"

#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../base/json.h"
#include "../diff/diff.h"
#include "plan.h"

/* The largest plan JSON read: the plan of the largest engagement is far
 * below it. */
#define PLAN_MAX_BYTES (256u << 20)

int wm_baseline_load(wm_baseline *b, const char *path, const wm_plan_opts *opts, wm_diags *d)
{
    memset(b, 0, sizeof *b);
    wm_arena_init(&b->arena);
    b->label = wm_xstrdup(path);
    size_t len = 0;
    char *data = wm_read_file(path, PLAN_MAX_BYTES, &len, d);
    if (!data)
        return WM_EXIT_INPUT;
    size_t at = 0;
    while (at < len &&
           (data[at] == ' ' || data[at] == '\t' || data[at] == '\n' || data[at] == '\r'))
        at++;
    bool json_name = wm_ends_with(path, ".json");
    if (json_name || (at < len && data[at] == '{')) {
        char *err = NULL;
        wm_value *v = wm_json_parse(&b->arena, data, len, &err);
        const char *format = v && v->kind == WM_VOBJ ? wm_vobj_str(v, "format") : NULL;
        if (json_name || (format && strncmp(format, "waymark-plan/", 13) == 0)) {
            free(data);
            if (!v) {
                wm_diag_addf(d, WM_ERROR, path, (wm_pos){0, 0},
                             "a plan JSON as 'waymark plan' writes it", "not valid JSON (%s)",
                             err ? err : "unreadable");
                free(err);
                return WM_EXIT_INPUT;
            }
            const char *problem = wm_diff_plan_problem(&b->arena, v);
            if (problem) {
                wm_diag_add(d, WM_ERROR, path, (wm_pos){0, 0}, problem,
                            "give a plan JSON ('waymark plan FILE.yaml > plan.json') or an "
                            "engagement file");
                return WM_EXIT_INPUT;
            }
            b->root = v;
            return WM_EXIT_OK;
        }
        free(err);
    }
    free(data);
    b->e = wm_engagement_load(path, NULL, d);
    if (!b->e)
        return WM_EXIT_INPUT;
    wm_plan_opts own = opts ? *opts : (wm_plan_opts){0};
    own.baseline = NULL; /* one version back, not a chain */
    own.baseline_label = NULL;
    int st = wm_plan_build(b->e, &own, &b->plan, d);
    if (st != WM_EXIT_OK)
        return st;
    b->root = wm_plan_root(b->plan);
    return WM_EXIT_OK;
}

int wm_baseline_for(wm_baseline *b, const wm_engagement *e, const char *cli_path,
                    const wm_plan_opts *opts, wm_diags *d)
{
    memset(b, 0, sizeof *b);
    wm_arena_init(&b->arena);
    if (cli_path)
        return wm_baseline_load(b, cli_path, opts, d);
    if (!e->engagement.baseline || !e->engagement.baseline[0])
        return WM_EXIT_OK;
    wm_arena_free(&b->arena);
    char *path = wm_path_join(e->dir, e->engagement.baseline);
    size_t before = d->count;
    int st = wm_baseline_load(b, path, opts, d);
    free(path);
    if (st != WM_EXIT_OK && d->count > before)
        wm_diag_addf(d, WM_ERROR, e->path, e->engagement.baseline_pos,
                     "the path is relative to this file; give another with --baseline, or "
                     "remove engagement.baseline",
                     "engagement.baseline '%s' cannot be used (see above)", e->engagement.baseline);
    return st;
}

void wm_baseline_free(wm_baseline *b)
{
    if (!b)
        return;
    wm_plan_free(b->plan);
    wm_engagement_free(b->e);
    wm_arena_free(&b->arena);
    free(b->label);
    memset(b, 0, sizeof *b);
}
