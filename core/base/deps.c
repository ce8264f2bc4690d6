/*
 * deps.c - the record of files read (deps.h).
 */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "deps.h"
#include "util.h"

static bool recording;
static char **paths;
static size_t count, cap;

void wm_deps_start(void)
{
    wm_deps_free(paths, count);
    paths = NULL;
    count = cap = 0;
    recording = true;
}

void wm_deps_note(const char *path)
{
    if (!recording || !path)
        return;
    char *abs = realpath(path, NULL);
    if (!abs)
        return; /* the open that follows reports it */
    for (size_t i = 0; i < count; i++) {
        if (strcmp(paths[i], abs) == 0) {
            free(abs);
            return;
        }
    }
    if (count == cap) {
        cap = cap ? cap * 2 : 16;
        paths = wm_xrealloc(paths, cap * sizeof *paths);
    }
    paths[count++] = abs;
}

char **wm_deps_take(size_t *n)
{
    char **out = paths;
    *n = count;
    paths = NULL;
    count = cap = 0;
    recording = false;
    return out;
}

void wm_deps_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}
