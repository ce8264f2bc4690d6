/*
 * cmd_diff.c - `waymark diff OLD NEW`: what changed between two versions
 * of a client's plan (docs/diff.md).  Each side is a plan JSON (`waymark
 * plan`, `render --json`) or an engagement file, planned here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../diff/diff.h"
#include "../plan/baseline.h"
#include "cli.h"

/* Exit statuses of diff, as diff(1) has them: 0 the same, 1 changed, 2
 * trouble (a usage error or an input that cannot be read); a plugin that
 * failed and an output that could not be written keep theirs. */
enum { DIFF_SAME = 0, DIFF_CHANGED = 1, DIFF_TROUBLE = 2 };

void wm_help_diff(FILE *out)
{
    fputs("usage: waymark diff [options] OLD NEW\n"
          "\n"
          "Show what changed from one version of a client's plan to the next: the\n"
          "initiatives added, removed or renamed, the ones whose tier, rank, quarters\n"
          "or cost changed and why, the totals and P80, the budget's fit, the\n"
          "objectives and risks, and the plugins of the method.  OLD and NEW are each\n"
          "a plan JSON (from 'waymark plan' or 'render --json') or an engagement\n"
          "file, which is planned first.\n"
          "\n"
          "Options:\n"
          "  --format FMT          text (default), json, md or csv\n"
          "  -o, --output FILE     write to FILE (atomically) instead of stdout\n"
          "  --plugins-dir DIR     search DIR for plugins first (repeatable)\n"
          "  --plugin-timeout S    wall-clock seconds per plugin hook (default 2)\n"
          "  --plugin-memory MB    memory per plugin (default 64)\n"
          "  -v, --verbose         show plugins' waymark.log lines on stderr\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status, as diff(1): 0 nothing changed; 1 something changed; 2 usage\n"
          "error or an input that cannot be read; 3 a plugin failed; 4 the output\n"
          "could not be written.\n",
          out);
}

enum { OPT_FORMAT = WM_OPT_OWN, OPT_OUTPUT };

static const wm_option OPTIONS[] = {
    {"format", 'f', "text, json, md or csv", OPT_FORMAT},
    {"output", 'o', "a file name", OPT_OUTPUT},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

static const struct {
    const char *name;
    wm_diff_format format;
} FORMATS[] = {
    {"text", WM_DIFF_TEXT}, {"json", WM_DIFF_JSON}, {"md", WM_DIFF_MD}, {"csv", WM_DIFF_CSV}};

int wm_cmd_diff(int argc, char **argv)
{
    const char *files[2] = {NULL, NULL}, *format = "text", *output = NULL;
    size_t n_files = 0;
    wm_plan_opts opts = {.watchdog = true};
    char **dirs = NULL;
    int status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "diff", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &opts, &dirs);
        if (r > 0)
            status = r;
        else if (r < 0)
            continue;
        else if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_diff(stdout);
            wm_args_free(&a);
            free(dirs);
            return WM_EXIT_OK;
        } else if (id == OPT_FORMAT)
            format = a.value;
        else if (id == OPT_OUTPUT)
            output = a.value;
        else if (n_files == 2)
            status = wm_usage_error("diff", "two files to compare, OLD and NEW (got a third, '%s')",
                                    a.value);
        else
            files[n_files++] = a.value;
    }
    wm_args_free(&a);
    size_t f = 0;
    while (f < sizeof FORMATS / sizeof *FORMATS && strcmp(FORMATS[f].name, format) != 0)
        f++;
    if (status == WM_EXIT_OK && f == sizeof FORMATS / sizeof *FORMATS)
        status = wm_usage_error("diff", "unknown format '%s' (text, json, md or csv)", format);
    if (status == WM_EXIT_OK && n_files < 2)
        status = wm_usage_error("diff", "two files to compare, OLD and NEW (got %zu)", n_files);
    if (status == WM_EXIT_OK)
        status = wm_date_env_error("diff");
    if (status == WM_EXIT_OK)
        for (size_t i = 0; i < 2 && status == WM_EXIT_OK; i++)
            status = wm_check_outputs("diff", files[i], 1, (const char *const[]){"-o"},
                                      (const char *const[]){output});
    if (status != WM_EXIT_OK) {
        free(dirs);
        return status;
    }
    if (output && strcmp(output, "-") == 0)
        output = NULL;

    wm_diags d;
    wm_diags_init(&d);
    wm_baseline sides[2];
    int st[2];
    for (int i = 0; i < 2; i++)
        st[i] = wm_baseline_load(&sides[i], files[i], &opts, &d);
    /* Trouble reading a side: 2, as diff(1) has it; a plugin's failure and
     * an output problem keep their statuses. */
    for (int i = 1; i >= 0; i--)
        if (st[i] != WM_EXIT_OK)
            status = st[i] == WM_EXIT_INPUT || st[i] == WM_EXIT_USAGE ? DIFF_TROUBLE : st[i];
    if (status == DIFF_SAME) {
        wm_arena arena;
        wm_arena_init(&arena);
        wm_value *changes = wm_diff(&arena, sides[0].root, sides[1].root, files[0], files[1]);
        char *text = wm_diff_print(changes, FORMATS[f].format);
        if (output) {
            if (wm_write_file_atomic(output, text, strlen(text), &d) != 0)
                status = WM_EXIT_OUTPUT;
        } else if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
            wm_diag_add(&d, WM_ERROR, NULL, (wm_pos){0, 0}, "cannot write the changes to stdout",
                        NULL);
            status = WM_EXIT_OUTPUT;
        }
        if (status == DIFF_SAME && wm_diff_changed(changes))
            status = DIFF_CHANGED;
        free(text);
        wm_arena_free(&arena);
    }
    wm_diags_sort(&d);
    wm_diags_print(&d, stderr);
    wm_diags_free(&d);
    wm_baseline_free(&sides[0]);
    wm_baseline_free(&sides[1]);
    free(dirs);
    return status;
}
