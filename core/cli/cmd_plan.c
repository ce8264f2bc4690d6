/*
 * cmd_plan.c - `waymark plan FILE.yaml`: run the plugin pipeline and print
 * the plan as JSON, CSV or Markdown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "cli.h"

void wm_help_plan(FILE *out)
{
    fputs("usage: waymark plan [options] FILE.yaml\n"
          "\n"
          "Compute the roadmap (priorities, schedule, costs, risks) with the plugin\n"
          "pipeline and print it; no PDF.\n"
          "\n"
          "Options:\n"
          "  --format FMT          json (default), csv, md, or doc (the document tree\n"
          "                        the document plugins built, for plugin authors)\n"
          "  -o, --output FILE     write to FILE (atomically) instead of stdout\n"
          "  --plugins-dir DIR     search DIR for plugins first (repeatable)\n"
          "  --plugin-timeout S    wall-clock seconds per plugin hook (default 2)\n"
          "  --plugin-memory MB    memory per plugin (default 64)\n"
          "  -v, --verbose         show plugins' waymark.log lines on stderr\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success; 1 invalid input; 2 usage; 3 a plugin failed;\n"
          "4 the output could not be written.\n",
          out);
}

int wm_plan_args(const char *cmd, int argc, char **argv, int *i, wm_plan_opts *opts, char ***dirs)
{
    const char *a = argv[*i];
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(a, "--plugins-dir") == 0) {
        if (!next)
            return wm_usage_error(cmd, "--plugins-dir needs a directory");
        *dirs = realloc(*dirs, (opts->n_plugin_dirs + 1) * sizeof **dirs);
        (*dirs)[opts->n_plugin_dirs++] = argv[++*i];
        opts->plugin_dirs = *dirs;
        return -1;
    }
    if (strcmp(a, "--plugin-timeout") == 0 || strcmp(a, "--plugin-memory") == 0) {
        char *end;
        double v = next ? strtod(next, &end) : 0;
        if (!next || *end || !(v > 0) || v > 1e6)
            return wm_usage_error(cmd, "%s needs a positive number", a);
        if (a[9] == 't')
            opts->plugin_seconds = v;
        else
            opts->plugin_memory = (size_t)(v * 1024 * 1024);
        ++*i;
        return -1;
    }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
        opts->verbose = true;
        return -1;
    }
    return 0;
}

int wm_cmd_plan(int argc, char **argv)
{
    const char *file = NULL, *format = "json", *output = NULL;
    wm_plan_opts opts = {.watchdog = true};
    char **dirs = NULL;
    int status = WM_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = wm_plan_args("plan", argc, argv, &i, &opts, &dirs);
        if (r > 0) {
            free(dirs);
            return r;
        }
        if (r < 0)
            continue;
        if (wm_is_help(a)) {
            wm_help_plan(stdout);
            free(dirs);
            return WM_EXIT_OK;
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
            if (i + 1 >= argc) {
                free(dirs);
                return wm_usage_error("plan", "--format needs json, csv, md or doc");
            }
            format = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc) {
                free(dirs);
                return wm_usage_error("plan", "%s needs a file name", a);
            }
            output = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            free(dirs);
            return wm_usage_error("plan", "unknown option '%s'", a);
        } else if (file) {
            free(dirs);
            return wm_usage_error("plan", "one engagement file at a time (got '%s' and '%s')", file,
                                  a);
        } else {
            file = a;
        }
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "md") != 0 &&
        strcmp(format, "doc") != 0) {
        free(dirs);
        return wm_usage_error("plan", "unknown format '%s' (json, csv, md or doc)", format);
    }
    if (!file) {
        free(dirs);
        return wm_usage_error("plan", "no engagement file given");
    }
    if (wm_date_env_error("plan")) {
        free(dirs);
        return WM_EXIT_USAGE;
    }
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load(file, NULL, &d);
    wm_plan *plan = NULL;
    if (!e)
        status = WM_EXIT_INPUT;
    else
        status = wm_plan_build(e, &opts, &plan, &d);
    if (plan) {
        char *text = strcmp(format, "json") == 0  ? wm_plan_json(plan)
                     : strcmp(format, "csv") == 0 ? wm_plan_csv(plan)
                     : strcmp(format, "doc") == 0 ? wm_plan_document_dump(plan)
                                                  : wm_plan_markdown(plan, e);
        if (output) {
            if (wm_write_file_atomic(output, text, strlen(text), &d) != 0)
                status = WM_EXIT_OUTPUT;
        } else if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
            wm_diag_add(&d, WM_ERROR, NULL, (wm_pos){0, 0}, "cannot write the plan to stdout",
                        NULL);
            status = WM_EXIT_OUTPUT;
        }
        free(text);
    }
    wm_diags_sort(&d);
    wm_diags_print(&d, stderr);
    wm_plan_free(plan);
    wm_engagement_free(e);
    wm_diags_free(&d);
    free(dirs);
    return status;
}
