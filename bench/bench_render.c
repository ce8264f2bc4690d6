/*
 * bench_render.c - times the whole render (plugins, document, layout, PDF
 * in memory; no file write) on each engagement given, and measures each
 * render's peak memory in a child process of its own.  Prints medians over
 * K runs, the page count and the PDF's size.
 *
 *   bench_render [-n K] FILE.yaml...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render/render.h"
#include "base/util.h"
#include "waymark.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Pages of a PDF: its /Type /Page objects (not /Pages). */
static int count_pages(const unsigned char *pdf, size_t len)
{
    int n = 0;
    const char *key = "/Type /Page";
    size_t k = strlen(key);
    for (size_t i = 0; i + k < len; i++)
        if (memcmp(pdf + i, key, k) == 0 && pdf[i + k] != 's')
            n++;
    return n;
}

static int render_once(const wm_engagement *e, size_t *len, int *pages, double *ms)
{
    wm_render_opts o = {0};
    wm_diags d;
    wm_diags_init(&d);
    unsigned char *pdf = NULL;
    double t0 = wm_clock_ms();
    int st = wm_render(e, &o, NULL, &pdf, len, NULL, &d);
    *ms = wm_clock_ms() - t0;
    if (st != WM_EXIT_OK)
        wm_diags_print(&d, stderr);
    else
        *pages = count_pages(pdf, *len);
    free(pdf);
    wm_diags_free(&d);
    return st;
}

/* Peak resident memory (KB) of a child that loads and renders once. */
static long peak_kb(const char *file)
{
    pid_t pid = fork();
    if (pid == 0) {
        wm_diags d;
        wm_diags_init(&d);
        wm_engagement *e = wm_engagement_load(file, NULL, &d);
        size_t len;
        int pages;
        double ms;
        _exit(e && render_once(e, &len, &pages, &ms) == WM_EXIT_OK ? 0 : 1);
    }
    int status;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return -1;
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    int k = 10, first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        k = atoi(argv[2]);
        first = 3;
    }
    if (k < 1 || first >= argc) {
        fprintf(stderr, "usage: bench_render [-n K] FILE.yaml...\n");
        return 2;
    }
    printf("%-32s %11s %6s %9s %10s %9s %9s\n", "file", "initiatives", "pages", "PDF KB",
           "median ms", "min ms", "peak MB");
    double *t = malloc((size_t)k * sizeof *t);
    for (int f = first; f < argc; f++) {
        wm_diags d;
        wm_diags_init(&d);
        wm_engagement *e = wm_engagement_load(argv[f], NULL, &d);
        if (!e) {
            wm_diags_print(&d, stderr);
            return 1;
        }
        size_t len = 0;
        int pages = 0;
        for (int i = 0; i < k; i++)
            if (render_once(e, &len, &pages, &t[i]) != WM_EXIT_OK)
                return 1;
        qsort(t, (size_t)k, sizeof *t, cmp);
        const char *name = strrchr(argv[f], '/');
        printf("%-32s %11zu %6d %9.1f %10.1f %9.1f %9.1f\n", name ? name + 1 : argv[f],
               e->n_initiatives, pages, (double)len / 1024, t[k / 2], t[0],
               (double)peak_kb(argv[f]) / 1024);
        wm_engagement_free(e);
        wm_diags_free(&d);
    }
    free(t);
    printf("Targets: 8-15 initiatives < 30 ms; 600 initiatives < 400 ms; peak < 30 MB;\n"
           "a 15-page deliverable < 150 KB.\n");
    return 0;
}
