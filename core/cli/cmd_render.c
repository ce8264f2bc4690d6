/*
 * cmd_render.c - `waymark render FILE.yaml`: the main job.  Load, run the
 * plugin pipeline, lay out and write the branded PDF (atomically: the old
 * file stays intact if anything fails), and optionally the plan as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../render/render.h"
#include "cli.h"

void wm_help_render(FILE *out)
{
    fputs("usage: waymark render [options] FILE.yaml\n"
          "\n"
          "Render the engagement's deliverable: load it, run the plugin pipeline and\n"
          "write the branded PDF (by default <name>.pdf in the current directory).\n"
          "\n"
          "Options:\n"
          "  -o, --output OUT.pdf  where to write the PDF\n"
          "  --brand BRAND.yaml    the brand (theme) to use, instead of the engagement's\n"
          "                        engagement.brand or the built-in brand\n"
          "  --json PLAN.json      also write the plan as JSON (as 'waymark plan')\n"
          "  --layout-dump FILE    also write the page layout as text (for debugging\n"
          "                        and golden tests)\n"
          "  --plugins-dir DIR     search DIR for plugins first (repeatable)\n"
          "  --plugin-timeout S    wall-clock seconds per plugin hook (default 2)\n"
          "  --plugin-memory MB    memory per plugin (default 64)\n"
          "  -v, --verbose         show plugins' waymark.log lines on stderr\n"
          "  -h, --help            show this help\n"
          "\n"
          "Dates in the PDF come from SOURCE_DATE_EPOCH, else the engagement's date,\n"
          "else there are none (never the clock): the same inputs give a\n"
          "byte-identical file.\n"
          "\n"
          "Exit status: 0 success; 1 invalid input (engagement, brand, logo); 2 usage;\n"
          "3 a plugin failed; 4 the output could not be written (an existing file\n"
          "is left as it was).\n",
          out);
}

static int need_value(int argc, char **argv, int i, const char *what)
{
    if (i + 1 >= argc)
        return wm_usage_error("render", "%s needs %s", argv[i], what);
    return 0;
}

int wm_cmd_render(int argc, char **argv)
{
    const char *file = NULL, *output = NULL, *json = NULL, *dump_file = NULL;
    wm_render_opts ropts = {0};
    ropts.plan.watchdog = true;
    char **dirs = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = wm_plan_args("render", argc, argv, &i, &ropts.plan, &dirs);
        if (r > 0) {
            free(dirs);
            return r;
        }
        if (r < 0)
            continue;
        const char **slot = NULL;
        const char *what = NULL;
        if (wm_is_help(a)) {
            wm_help_render(stdout);
            free(dirs);
            return WM_EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            slot = &output;
            what = "a file name";
        } else if (strcmp(a, "--brand") == 0) {
            slot = &ropts.brand;
            what = "a brand file";
        } else if (strcmp(a, "--json") == 0) {
            slot = &json;
            what = "a file name";
        } else if (strcmp(a, "--layout-dump") == 0) {
            slot = &dump_file;
            what = "a file name";
        } else if (a[0] == '-' && a[1]) {
            free(dirs);
            return wm_usage_error("render", "unknown option '%s'", a);
        } else if (file) {
            free(dirs);
            return wm_usage_error("render",
                                  "one engagement file at a time (got '%s' and '%s'); "
                                  "'waymark batch' renders many",
                                  file, a);
        } else {
            file = a;
        }
        if (slot) {
            int u = need_value(argc, argv, i, what);
            if (u) {
                free(dirs);
                return u;
            }
            *slot = argv[++i];
        }
    }
    if (!file) {
        free(dirs);
        return wm_usage_error("render", "no engagement file given");
    }
    if (wm_date_env_error("render")) {
        free(dirs);
        return WM_EXIT_USAGE;
    }
    char *def_out = NULL;
    if (!output) {
        char *stem = wm_stem(file);
        def_out = wm_xasprintf("%s.pdf", stem);
        free(stem);
        output = def_out;
    }
    ropts.layout_dump = dump_file != NULL;

    wm_diags d;
    wm_diags_init(&d);
    int status = WM_EXIT_INPUT;
    wm_engagement *e = wm_engagement_load(file, NULL, &d);
    wm_plan *plan = NULL;
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    char *dump = NULL;
    if (e)
        status = wm_render_pdf(e, &ropts, &plan, &pdf, &pdf_len, &dump, &d);
    if (status == WM_EXIT_OK && wm_write_file_atomic(output, pdf, pdf_len, &d) != 0)
        status = WM_EXIT_OUTPUT;
    if (status == WM_EXIT_OK && json) {
        char *text = wm_plan_json(plan);
        if (wm_write_file_atomic(json, text, strlen(text), &d) != 0)
            status = WM_EXIT_OUTPUT;
        free(text);
    }
    if (status == WM_EXIT_OK && dump_file && dump &&
        wm_write_file_atomic(dump_file, dump, strlen(dump), &d) != 0)
        status = WM_EXIT_OUTPUT;
    wm_diags_sort(&d);
    wm_diags_print(&d, stderr);
    free(dump);
    free(pdf);
    wm_plan_free(plan);
    wm_engagement_free(e);
    wm_diags_free(&d);
    free(def_out);
    free(dirs);
    return status;
}
