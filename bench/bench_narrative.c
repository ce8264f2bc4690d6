/*
 * bench_narrative.c - the narrative markup parser (core/load/narrative_parse.c)
 * on hostile text: each pattern repeated to N bytes on one line (unclosed
 * and nested markers, brackets that almost make links, braces that almost
 * make placeholders), and on ordinary prose, each parsed once.
 *
 *     bench_narrative N...
 *
 * Prints one row per pattern and N: milliseconds and nanoseconds per byte.
 * A linear parser shows the same ns/byte at every N; a quadratic one
 * multiplies it by the growth of N.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "load/narrative.h"

static const char *const PATTERNS[] = {
    "[",
    "[a](",
    "[a](x",
    "**",
    "*a",
    "{{",
    "{{a",
    "***a",
    "[a](https://x",
    "*[",
    "](",
    "**a *b ",
    "- a\n",
    "1. a\n",
    "\\*",
    "}}{{x}}",
    "{{a b}} ",
    "The plan costs **{{totals.cost}}** "
    "by [Q3](https://x.test/q). ",
};
enum { N_PATTERNS = sizeof PATTERNS / sizeof *PATTERNS };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_narrative N...\n");
        return 2;
    }
    printf("%-40s %10s %10s %8s\n", "pattern", "bytes", "ms", "ns/byte");
    for (int p = 0; p < N_PATTERNS; p++) {
        for (int k = 1; k < argc; k++) {
            size_t size = (size_t)strtoull(argv[k], NULL, 10), ul = strlen(PATTERNS[p]), n = 0;
            char *s = malloc(size + 1);
            while (n + ul <= size) {
                memcpy(s + n, PATTERNS[p], ul);
                n += ul;
            }
            s[n] = '\0';
            wm_arena a;
            wm_arena_init(&a);
            wm_nv_doc d;
            double t0 = now_ms();
            wm_nv_parse(&a, s, n, &d);
            double ms = now_ms() - t0;
            char shown[48];
            snprintf(shown, sizeof shown, "\"%.36s\"", PATTERNS[p]);
            for (char *c = shown; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            printf("%-40s %10zu %10.1f %8.1f\n", shown, n, ms, n ? ms * 1e6 / (double)n : 0);
            wm_arena_free(&a);
            free(s);
        }
    }
    return 0;
}
