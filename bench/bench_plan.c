/*
 * bench_plan.c - times the plan stage: the whole plugin pipeline (Monte
 * Carlo included) on each engagement given, and, separately, what one
 * plugin's sandbox costs to set up (a fresh state, the plugin file compiled
 * and its metadata checked).  Prints medians over K runs.
 *
 *   bench_plan [-n K] FILE.yaml...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/paths.h"
#include "plan/plugin.h"
#include "base/util.h"
#include "waymark.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return v[n / 2];
}

static int bench_sandbox(int k)
{
    char *path = NULL;
    if (asprintf(&path, "%s/plugins/estimate/pert.lua", wm_data_dir()) < 0)
        return 1;
    double *t = malloc((size_t)k * sizeof *t);
    wm_sandbox_host host = {.currency = "GBP"};
    for (int i = 0; i < k; i++) {
        wm_arena a;
        wm_arena_init(&a);
        char *err = NULL;
        double t0 = wm_clock_ms();
        wm_plugin *p = wm_plugin_open(path, "estimate/pert", "built-in", 1, &host, NULL, &a, &err);
        wm_plugin_close(p);
        t[i] = wm_clock_ms() - t0;
        wm_arena_free(&a);
        if (!p) {
            fprintf(stderr, "bench_plan: %s\n", err);
            return 1;
        }
    }
    printf("sandbox set-up + load + close (estimate/pert): median %.3f ms over %d\n", median(t, k),
           k);
    free(t);
    free(path);
    return 0;
}

int main(int argc, char **argv)
{
    int k = 10, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        k = atoi(argv[2]);
        first = 3;
    }
    if (k < 1 || first >= argc) {
        fprintf(stderr, "usage: bench_plan [-n K] FILE.yaml...\n");
        return 2;
    }
    if (bench_sandbox(k * 20))
        return 1;
    printf("%-36s %11s %10s %10s %10s\n", "file", "initiatives", "scheduled", "median ms",
           "min ms");
    double *t = malloc((size_t)k * sizeof *t);
    for (int f = first; f < argc; f++) {
        wm_diags d;
        wm_diags_init(&d);
        wm_engagement *e = wm_engagement_load(argv[f], NULL, &d);
        if (!e) {
            wm_diags_print(&d, stderr);
            return 1;
        }
        int scheduled = 0;
        for (int i = 0; i < k; i++) {
            wm_plan *p;
            double t0 = wm_clock_ms();
            int status = wm_plan_build(e, NULL, &p, &d);
            t[i] = wm_clock_ms() - t0;
            if (status != WM_EXIT_OK) {
                wm_diags_print(&d, stderr);
                return 1;
            }
            char *json = wm_plan_json(p);
            char *s = strstr(json, "\"scheduled\": ");
            scheduled = s ? atoi(s + 13) : -1;
            free(json);
            wm_plan_free(p);
        }
        double mn = t[0];
        for (int i = 1; i < k; i++)
            mn = t[i] < mn ? t[i] : mn;
        printf("%-36s %11zu %10d %10.1f %10.1f\n", argv[f], e->n_initiatives, scheduled,
               median(t, k), mn);
        wm_engagement_free(e);
        wm_diags_free(&d);
    }
    free(t);
    return 0;
}
