/*
 * paths.c - locating the data directory (see paths.h).
 */
#define _DEFAULT_SOURCE
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "wm_config.h"

static char *data_dir;

static bool has_plugins(const char *dir)
{
    char *p = wm_xasprintf("%s/plugins", dir);
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

static void cleanup(void)
{
    free(data_dir);
}

const char *wm_data_dir(void)
{
    if (data_dir)
        return data_dir;
    atexit(cleanup);
    const char *env = getenv("WAYMARK_DATA_DIR");
    if (env && *env) {
        data_dir = wm_xstrdup(env);
        return data_dir;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char *rel = wm_xasprintf("%s/../%s/waymark", exe, WM_REL_DATADIR);
        if (has_plugins(rel)) {
            char real[PATH_MAX];
            data_dir = wm_xstrdup(realpath(rel, real) ? real : rel);
            free(rel);
            return data_dir;
        }
        free(rel);
        char build[PATH_MAX], here[PATH_MAX];
        if (realpath(WM_BUILD_BIN_DIR, build) && realpath(exe, here) && strcmp(build, here) == 0) {
            data_dir = wm_xstrdup(WM_SOURCE_DIR);
            return data_dir;
        }
    }
    data_dir = wm_xstrdup(WM_INSTALL_DATADIR "/waymark");
    return data_dir;
}
