/*
 * batch.c - a whole `waymark batch` run behind its one public entry point
 * (wm_batch_main, batch.h): the output folder, the inputs, the up-to-date
 * check against the previous manifest, the workers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../base/docdate.h"
#include "../base/file.h"
#include "../base/sha256.h"
#include "batch_int.h"

/* The key of everything but the files read that decides an output: the
 * tool (its own bytes), the brand override, the plugin search path and
 * limits, and the time SOURCE_DATE_EPOCH gives. */
static void batch_key(wm_batch_opts *o)
{
    wm_buf k;
    wm_buf_init(&k);
    char exe[65] = "";
    if (!wm_batch_hash_file("/proc/self/exe", exe))
        strcpy(exe, "unknown");
    wm_buf_printf(&k, "waymark %s %s\n", WM_VERSION, exe);
    char *brand = o->render.brand ? realpath(o->render.brand, NULL) : NULL;
    wm_buf_printf(&k, "brand %s\n", brand ? brand : (o->render.brand ? o->render.brand : "-"));
    free(brand);
    for (size_t i = 0; i < o->render.plan.n_plugin_dirs; i++) {
        char *d = realpath(o->render.plan.plugin_dirs[i], NULL);
        wm_buf_printf(&k, "plugins-dir %s\n", d ? d : o->render.plan.plugin_dirs[i]);
        free(d);
    }
    wm_buf_printf(&k, "plugin limits %.17g %zu\n", o->render.plan.plugin_seconds,
                  o->render.plan.plugin_memory);
    /* The baselines read are deps of their items; which folder they are
     * looked for in, and whether plans are written, are options. */
    char *bd = o->baseline_dir ? realpath(o->baseline_dir, NULL) : NULL;
    wm_buf_printf(&k, "baseline-dir %s\n", bd ? bd : (o->baseline_dir ? o->baseline_dir : "-"));
    free(bd);
    wm_buf_printf(&k, "json %d\n", o->json ? 1 : 0);
    /* The time SOURCE_DATE_EPOCH means (docdate.h), not how it is
     * written: "01795000000" is "1795000000", and empty is unset.  A
     * malformed one never gets here (wm_date_env_error). */
    int64_t epoch = 0;
    char *err = NULL;
    int set = wm_source_date_epoch(&epoch, &err);
    free(err);
    if (set > 0)
        wm_buf_printf(&k, "SOURCE_DATE_EPOCH %lld\n", (long long)epoch);
    else
        wm_buf_printf(&k, "SOURCE_DATE_EPOCH %s\n", set < 0 ? "malformed" : "-");
    wm_sha256_hex(k.data, k.len, o->key);
    wm_buf_free(&k);
}

int wm_batch_main(char **inputs, int n_inputs, wm_batch_opts *o)
{
    int status = WM_EXIT_OK;
    wm_diags d;
    wm_diags_init(&d);
    wm_batch b = {0};
    wm_arena_init(&b.arena);
    char *where = NULL;
    int mk = wm_make_dirs(o->outdir, NULL, NULL, &where);
    if (mk) {
        wm_diag_addf(&d, WM_ERROR, o->outdir, (wm_pos){0, 0}, "check the path and its permissions",
                     "cannot create the output folder: %s", strerror(mk));
        status = WM_EXIT_OUTPUT;
    }
    free(where);
    if (status == WM_EXIT_OK)
        status = wm_batch_inputs(&b, inputs, n_inputs, o, &d);
    wm_diags_print(&d, stderr);
    wm_diags_free(&d);
    wm_diags_init(&d);
    if (status == WM_EXIT_OK) {
        batch_key(o);
        status = wm_batch_check_previous(&b, o, &d);
        wm_diags_print(&d, stderr);
        wm_diags_free(&d);
        wm_diags_init(&d);
        if (status == WM_EXIT_OK)
            status = wm_batch_run(&b, o, &d);
        wm_diags_print(&d, stderr);
    }
    wm_batch_hash_reset();
    wm_batch_free(&b);
    wm_diags_free(&d);
    return status;
}
