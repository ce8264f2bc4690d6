/*
 * bench_load.c - time wm_engagement_load() (read, parse, schema and whole-
 * file checks) on engagement files and measure the heap the model holds.
 *
 *     bench_load [-n K] [-t] FILE...
 *
 * For each file: one untimed load that must succeed (else its diagnostics
 * are printed and the exit status is 1), then K timed loads (default 50),
 * each freed outside the timed region; then one more load whose heap cost
 * is measured with mallinfo2() before and after, without freeing, as the
 * change in bytes in use (uordblks, plus hblkhd for blocks glibc served
 * with mmap).  Prints size in KB, initiatives, median and min ms per load,
 * the bytes held and the bytes held per initiative.  With -t the rows are
 * tab-separated, without a header, for bench/run.sh.
 */
#define _POSIX_C_SOURCE 200809L

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "waymark.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Bytes in use on the heap, including chunks glibc allocated with mmap. */
static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static int usage(void)
{
    fputs("usage: bench_load [-n K] [-t] FILE...\n"
          "Load each engagement file K times (default 50) with wm_engagement_load and\n"
          "report the median and minimum time per load and the heap the model holds.\n"
          "  -n K  loads per file (1..100000)\n"
          "  -t    tab-separated rows without a header (for scripts)\n",
          stderr);
    return 2;
}

/* Load once and report problems; returns the model or NULL. */
static wm_engagement *load_checked(const char *path)
{
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load(path, NULL, &d);
    if (!e || d.errors || d.warnings) {
        wm_diags_sort(&d);
        wm_diags_print(&d, stderr);
    }
    if (!e)
        fprintf(stderr, "bench_load: %s failed to load (%zu errors)\n", path, d.errors);
    wm_diags_free(&d);
    return e;
}

static int bench_file(const char *path, int k, int tsv)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    wm_engagement *e = load_checked(path);
    if (!e)
        return 1;
    size_t n_ini = e->n_initiatives;
    wm_engagement_free(e);

    double *ms = malloc((size_t)k * sizeof *ms);
    if (!ms) {
        fputs("bench_load: out of memory\n", stderr);
        return 1;
    }
    for (int i = 0; i < k; i++) {
        wm_diags d;
        wm_diags_init(&d);
        double t0 = wm_clock_ms();
        e = wm_engagement_load(path, NULL, &d);
        double t1 = wm_clock_ms();
        wm_diags_free(&d);
        if (!e) {
            fprintf(stderr, "bench_load: %s failed to load on run %d\n", path, i + 1);
            free(ms);
            return 1;
        }
        wm_engagement_free(e);
        ms[i] = t1 - t0;
    }
    qsort(ms, (size_t)k, sizeof *ms, cmp_double);
    double median = k % 2 ? ms[k / 2] : (ms[k / 2 - 1] + ms[k / 2]) / 2;
    double min = ms[0];
    free(ms);

    /* The heap the model holds: in use after the load (diagnostics freed)
     * minus in use before it.  The model stays allocated until measured. */
    wm_diags d;
    wm_diags_init(&d);
    size_t before = heap_in_use();
    e = wm_engagement_load(path, NULL, &d);
    wm_diags_free(&d);
    size_t after = heap_in_use();
    if (!e) {
        fprintf(stderr, "bench_load: %s failed to load\n", path);
        return 1;
    }
    wm_engagement_free(e);
    if (after == 0)
        fputs("bench_load: mallinfo2() reports no heap (a sanitizer build?); heap shows 0\n",
              stderr);
    size_t held = after > before ? after - before : 0;
    double per_ini = n_ini ? (double)held / (double)n_ini : 0;
    double kb = (double)st.st_size / 1024.0;

    if (tsv)
        printf("%s\t%.1f\t%zu\t%.3f\t%.3f\t%zu\t%.0f\n", path, kb, n_ini, median, min, held,
               per_ini);
    else
        printf("%-40s %9.1f %11zu %10.3f %10.3f %12zu %10.0f\n", path, kb, n_ini, median, min, held,
               per_ini);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    long k = 50;
    int tsv = 0, first = 1;
    while (first < argc && argv[first][0] == '-') {
        const char *a = argv[first];
        if (strcmp(a, "--") == 0) {
            first++;
            break;
        } else if (strcmp(a, "-t") == 0) {
            tsv = 1;
            first++;
        } else if (strcmp(a, "-n") == 0 && first + 1 < argc) {
            char *end;
            k = strtol(argv[first + 1], &end, 10);
            if (*end || end == argv[first + 1] || k < 1 || k > 100000)
                return usage();
            first += 2;
        } else {
            return usage();
        }
    }
    if (first >= argc)
        return usage();

    if (!tsv)
        printf("%-40s %9s %11s %10s %10s %12s %10s\n", "file", "size KB", "initiatives",
               "median ms", "min ms", "heap bytes", "B/init");
    int status = 0;
    for (int i = first; i < argc; i++)
        if (bench_file(argv[i], (int)k, tsv) != 0)
            status = 1;
    return status;
}
