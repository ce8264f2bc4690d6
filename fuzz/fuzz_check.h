/*
 * fuzz_check.h - the fuzz targets' one way to state what must hold: unlike
 * assert(), FUZZ_CHECK stays in an NDEBUG (Release) build, so a broken
 * promise always aborts and libFuzzer keeps the input that broke it.
 */
#ifndef WM_FUZZ_CHECK_H
#define WM_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif /* WM_FUZZ_CHECK_H */
