/*
 * cmd_validate.c - `waymark validate FILE...`: load and check engagement
 * files without rendering, reporting every problem in every file.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void wm_help_validate(FILE *out)
{
    fputs("usage: waymark validate [--strict] [--quiet] FILE.yaml...\n"
          "\n"
          "Check engagement files without rendering: YAML syntax, the waymark/1\n"
          "schema, ids, references and dependency cycles.  Every problem in every\n"
          "file is reported as 'file:line:col: error: message' on stderr.\n"
          "\n"
          "Options:\n"
          "  --strict     treat warnings as errors (exit 1 when any is reported)\n"
          "  -q, --quiet  print nothing on success\n"
          "  -h, --help   show this help\n"
          "\n"
          "Exit status: 0 when every file is valid (warnings allowed); 1 when any\n"
          "file has an error; 2 on a usage error.\n",
          out);
}

int wm_cmd_validate(int argc, char **argv)
{
    int strict = 0, quiet = 0, n_files = 0, first = 0;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1]) {
            if (strcmp(a, "--") == 0)
                options_done = true;
            else if (wm_is_help(a)) {
                wm_help_validate(stdout);
                return WM_EXIT_OK;
            } else if (strcmp(a, "--strict") == 0)
                strict = 1;
            else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
                quiet = 1;
            else
                return wm_usage_error("validate", "unknown option '%s'", a);
            continue;
        }
        if (!first)
            first = i;
        n_files++;
    }
    if (n_files == 0)
        return wm_usage_error("validate", "no engagement file given");

    int status = WM_EXIT_OK;
    options_done = false;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1]) {
            if (strcmp(a, "--") == 0)
                options_done = true;
            continue;
        }
        wm_diags d;
        wm_diags_init(&d);
        wm_load_opts lo = {.strict = strict};
        wm_engagement *e = wm_engagement_load(a, &lo, &d);
        wm_diags_sort(&d);
        wm_diags_print(&d, stderr);
        bool bad = !e || (strict && d.warnings > 0);
        if (bad)
            status = WM_EXIT_INPUT;
        if (!quiet) {
            if (!bad && e)
                printf("%s: ok (%zu initiatives, %zu objectives, %zu risks, %zu warning%s)\n", a,
                       e->n_initiatives, e->n_objectives, e->n_risks, d.warnings,
                       d.warnings == 1 ? "" : "s");
            else
                fprintf(stderr, "%s: %zu error%s, %zu warning%s\n", a, d.errors,
                        d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
        }
        wm_engagement_free(e);
        wm_diags_free(&d);
    }
    return status;
}
