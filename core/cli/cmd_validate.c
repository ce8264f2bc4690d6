/*
 * cmd_validate.c - `waymark validate FILE...`: load and check engagement
 * files without rendering, reporting every problem in every file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/util.h"
#include "../render/render.h"
#include "cli.h"

void wm_help_validate(FILE *out)
{
    fputs("usage: waymark validate [--strict] [--quiet] FILE.yaml...\n"
          "\n"
          "Check engagement files without rendering: YAML syntax, the waymark/1\n"
          "schema, ids, references and dependency cycles.  Every problem in every\n"
          "file is reported as 'file:line:col: error: message' on stderr.  A FILE\n"
          "'-' is standard input, reported as <stdin>.\n"
          "\n"
          "Options:\n"
          "  --strict     treat warnings as errors (exit 1 when any is reported); also\n"
          "               warn about characters no font of the brand can draw\n"
          "  -q, --quiet  print nothing on success\n"
          "  -h, --help   show this help\n"
          "\n"
          "Exit status: 0 when every file is valid (warnings allowed); 1 when any\n"
          "file has an error; 2 on a usage error.\n",
          out);
}

enum { OPT_STRICT = WM_OPT_OWN, OPT_QUIET };

static const wm_option OPTIONS[] = {
    {"strict", 0, NULL, OPT_STRICT},
    {"quiet", 'q', NULL, OPT_QUIET},
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_validate(int argc, char **argv)
{
    int strict = 0, quiet = 0, status = WM_EXIT_OK;
    size_t n_files = 0;
    bool stdin_named = false;
    const char **files = wm_xcalloc((size_t)argc, sizeof *files);
    wm_args a;
    wm_args_init(&a, "validate", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_validate(stdout);
            wm_args_free(&a);
            free(files);
            return WM_EXIT_OK;
        } else if (id == OPT_STRICT)
            strict = 1;
        else if (id == OPT_QUIET)
            quiet = 1;
        else if (strcmp(a.value, "-") == 0 && stdin_named)
            status = wm_usage_error("validate", "standard input ('-') can be read only once");
        else {
            stdin_named = stdin_named || strcmp(a.value, "-") == 0;
            files[n_files++] = a.value;
        }
    }
    wm_args_free(&a);
    if (status == WM_EXIT_OK && n_files == 0)
        status = wm_usage_error("validate", "no engagement file given");
    if (status != WM_EXIT_OK) {
        free(files);
        return status;
    }

    for (size_t i = 0; i < n_files; i++) {
        const char *f = strcmp(files[i], "-") == 0 ? "<stdin>" : files[i];
        wm_diags d;
        wm_diags_init(&d);
        wm_load_opts lo = {.strict = strict};
        wm_engagement *e = wm_engagement_load(files[i], &lo, &d);
        if (e && strict) /* what `render` would draw as U+FFFD (issue 16) */
            wm_render_glyph_warnings(e, &d);
        wm_diags_sort(&d);
        wm_diags_print(&d, stderr);
        bool bad = !e || (strict && d.warnings > 0);
        if (bad)
            status = WM_EXIT_INPUT;
        if (!quiet) {
            FILE *out = !bad && e ? stdout : stderr;
            wm_fput_shown(out, f, false);    /* a file name may hold escape sequences */
            if (!bad && e && e->n_scenarios) /* each checked as a whole engagement */
                printf(": ok (%zu initiatives, %zu objectives, %zu risks, %zu scenario%s, %zu "
                       "warning%s)\n",
                       e->n_initiatives, e->n_objectives, e->n_risks, e->n_scenarios,
                       e->n_scenarios == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
            else if (!bad && e)
                printf(": ok (%zu initiatives, %zu objectives, %zu risks, %zu warning%s)\n",
                       e->n_initiatives, e->n_objectives, e->n_risks, d.warnings,
                       d.warnings == 1 ? "" : "s");
            else
                fprintf(stderr, ": %zu error%s, %zu warning%s\n", d.errors,
                        d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
        }
        wm_engagement_free(e);
        wm_diags_free(&d);
    }
    free(files);
    return status;
}
