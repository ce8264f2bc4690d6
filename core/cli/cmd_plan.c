/*
 * cmd_plan.c - `waymark plan FILE.yaml`: run the plugin pipeline and print
 * the plan as JSON, CSV or Markdown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../render/render.h"
#include "../plan/baseline.h"
#include "cli.h"

void wm_help_plan(FILE *out)
{
    fputs("usage: waymark plan [options] FILE.yaml\n"
          "\n"
          "Compute the roadmap (priorities, schedule, costs, risks) with the plugin\n"
          "pipeline and print it; no PDF.  FILE.yaml '-' is standard input (relative\n"
          "paths in it are taken from the current directory).  Each of the\n"
          "engagement's scenarios is planned too, its plan in the JSON's 'scenarios'.\n"
          "\n"
          "Options:\n"
          "  --format FMT          json (default), csv, md, or doc (the document tree\n"
          "                        the document plugins built, for plugin authors)\n"
          "  --table TABLE         with --format csv: initiatives (default), quarters\n"
          "                        (days and cost per quarter and role), roles,\n"
          "                        objectives or risks\n"
          "  -o, --output FILE     write to FILE (atomically) instead of stdout ('-':\n"
          "                        stdout); not the engagement file itself\n"
          "  --baseline FILE       compare with an earlier plan JSON or engagement file:\n"
          "                        the plan gets 'changes' (docs/diff.md); overrides\n"
          "                        engagement.baseline\n"
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

int wm_plan_option(wm_args *a, int id, wm_plan_opts *opts, char ***dirs)
{
    switch (id) {
    case WM_OPT_PLUGINS_DIR:
        *dirs = wm_xrealloc(*dirs, (opts->n_plugin_dirs + 1) * sizeof **dirs);
        (*dirs)[opts->n_plugin_dirs++] = (char *)a->value;
        opts->plugin_dirs = *dirs;
        return -1;
    case WM_OPT_PLUGIN_TIMEOUT:
    case WM_OPT_PLUGIN_MEMORY: {
        char *end;
        double v = strtod(a->value, &end);
        if (*end || !(v > 0) || v > 1e6)
            return wm_usage_error(a->cmd, "%s needs a number above 0, at most 1000000", a->typed);
        if (id == WM_OPT_PLUGIN_TIMEOUT)
            opts->plugin_seconds = v;
        else
            opts->plugin_memory = (size_t)(v * 1024 * 1024);
        return -1;
    }
    case WM_OPT_VERBOSE:
        opts->verbose = true;
        return -1;
    default:
        return 0;
    }
}

enum { OPT_FORMAT = WM_OPT_OWN, OPT_OUTPUT, OPT_TABLE, OPT_BASELINE };

static const wm_option OPTIONS[] = {
    {"format", 'f', "json, csv, md or doc", OPT_FORMAT},
    {"output", 'o', "a file name", OPT_OUTPUT},
    {"table", 0, "initiatives, quarters, roles, objectives or risks", OPT_TABLE},
    {"baseline", 0, "a plan JSON or engagement file", OPT_BASELINE},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_plan(int argc, char **argv)
{
    const char *file = NULL, *format = "json", *output = NULL, *table = NULL, *baseline = NULL;
    wm_csv_table csv_table = WM_CSV_INITIATIVES;
    wm_plan_opts opts = {.watchdog = true};
    char **dirs = NULL;
    int status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "plan", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &opts, &dirs);
        if (r > 0)
            status = r;
        else if (r < 0)
            continue;
        else if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_plan(stdout);
            wm_args_free(&a);
            free(dirs);
            return WM_EXIT_OK;
        } else if (id == OPT_FORMAT)
            format = a.value;
        else if (id == OPT_OUTPUT)
            output = a.value;
        else if (id == OPT_TABLE)
            table = a.value;
        else if (id == OPT_BASELINE)
            baseline = a.value;
        else if (file)
            status = wm_usage_error("plan", "one engagement file at a time (got '%s' and '%s')",
                                    file, a.value);
        else
            file = a.value;
    }
    wm_args_free(&a);
    if (status == WM_EXIT_OK && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "md") != 0 && strcmp(format, "doc") != 0)
        status = wm_usage_error("plan", "unknown format '%s' (json, csv, md or doc)", format);
    if (status == WM_EXIT_OK && table) {
        size_t t = 0;
        while (wm_csv_table_names[t] && strcmp(wm_csv_table_names[t], table) != 0)
            t++;
        if (strcmp(format, "csv") != 0)
            status = wm_usage_error("plan", "--table is for --format csv");
        else if (!wm_csv_table_names[t])
            status = wm_usage_error(
                "plan", "--table takes initiatives, quarters, roles, objectives or risks, not '%s'",
                table);
        else
            csv_table = (wm_csv_table)t;
    }
    if (status == WM_EXIT_OK && !file)
        status = wm_usage_error("plan", "no engagement file given");
    if (status == WM_EXIT_OK)
        status = wm_date_env_error("plan");
    if (status == WM_EXIT_OK)
        status = wm_check_outputs("plan", file, 1, (const char *const[]){"-o"},
                                  (const char *const[]){output});
    if (status != WM_EXIT_OK) {
        free(dirs);
        return status;
    }
    if (output && strcmp(output, "-") == 0)
        output = NULL; /* standard output, as without -o */
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load(file, NULL, &d);
    wm_plan *plan = NULL;
    wm_baseline bl = {0};
    if (!e)
        status = WM_EXIT_INPUT;
    else
        status = wm_baseline_for(&bl, e, baseline, &opts, &d);
    opts.baseline = bl.root;
    opts.baseline_label = bl.label;
    if (e && status == WM_EXIT_OK)
        status = wm_plan_build(e, &opts, &plan, &d);
    if (plan) {
        char *text = strcmp(format, "json") == 0  ? wm_plan_json(plan)
                     : strcmp(format, "csv") == 0 ? wm_plan_csv(plan, e, csv_table)
                     : strcmp(format, "doc") == 0 ? wm_plan_document_dump(plan)
                                                  : wm_render_markdown(e, plan);
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
    wm_baseline_free(&bl);
    wm_engagement_free(e);
    wm_diags_free(&d);
    free(dirs);
    return status;
}
