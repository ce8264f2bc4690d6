/*
 * outputs.c - the checks a command makes on its input and output paths
 * before it runs (see cli.h): no output may overwrite the engagement it
 * reads, and no two outputs may be the same file.
 */
#include <string.h>

#include "../base/file.h"
#include "cli.h"

int wm_check_outputs(const char *cmd, const char *input, size_t n, const char *const opt[],
                     const char *const path[])
{
    /* Standard input is compared by what it is: `< x.yaml -o x.yaml` would
     * replace the file being read, too. */
    const char *in = strcmp(input, "-") == 0 ? "/dev/stdin" : input;
    for (size_t i = 0; i < n; i++) {
        if (!path[i])
            continue;
        bool out_stdout = strcmp(path[i], "-") == 0;
        if (!out_stdout && wm_same_file(in, path[i]))
            return wm_usage_error(cmd, "%s '%s' is the engagement file: it would be overwritten",
                                  opt[i], path[i]);
        for (size_t j = 0; j < i; j++) {
            if (!path[j])
                continue;
            if (out_stdout && strcmp(path[j], "-") == 0)
                return wm_usage_error(cmd, "%s and %s both write to standard output", opt[j],
                                      opt[i]);
            if (!out_stdout && wm_same_file(path[j], path[i]))
                return wm_usage_error(cmd, "%s and %s name the same file '%s'", opt[j], opt[i],
                                      path[i]);
        }
    }
    return WM_EXIT_OK;
}
