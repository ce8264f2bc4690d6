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
#include "../plan/baseline.h"
#include "cli.h"

void wm_help_render(FILE *out)
{
    fputs("usage: waymark render [options] FILE.yaml\n"
          "\n"
          "Render the engagement's deliverable: load it, run the plugin pipeline and\n"
          "write the branded PDF (by default <name>.pdf in the current directory), or\n"
          "the same document as Markdown or as one HTML file (--format).\n"
          "FILE.yaml '-' is standard input (then -o is needed; relative paths in it\n"
          "are taken from the current directory).  With scenarios in the engagement,\n"
          "an Options section sets them beside the base plan.\n"
          "\n"
          "Options:\n"
          "  -o, --output OUT.pdf  where to write it ('-': standard output)\n"
          "  --format FORMAT       pdf (the default), md (Markdown) or html (a\n"
          "                        standalone page); the default output is\n"
          "                        <name>.pdf, <name>.md or <name>.html\n"
          "  --brand BRAND.yaml    the brand (theme) to use, instead of the engagement's\n"
          "                        engagement.brand or the built-in brand\n"
          "  --json PLAN.json      also write the plan as JSON (as 'waymark plan')\n"
          "  --baseline FILE       compare with an earlier plan JSON or engagement\n"
          "                        file: a 'Changes since' section (docs/diff.md);\n"
          "                        overrides engagement.baseline\n"
          "  --layout-dump FILE    also write the page layout as text (for debugging\n"
          "                        and golden tests; PDF only)\n"
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
          "The outputs are renamed into place together once all are written; a\n"
          "device or FIFO is written to, a symbolic link followed.  An output that\n"
          "names the engagement or another output is a usage error.  Options take\n"
          "--output=F, -oF or -o F alike; '--' ends them.\n"
          "\n"
          "Exit status: 0 success; 1 invalid input (engagement, brand, logo); 2 usage;\n"
          "3 a plugin failed; 4 the output could not be written (an existing file\n"
          "is left as it was).\n",
          out);
}

enum { OPT_OUTPUT = WM_OPT_OWN, OPT_BRAND, OPT_JSON, OPT_LAYOUT_DUMP, OPT_FORMAT, OPT_BASELINE };

/* The formats, their names and the default output's extension. */
static const struct {
    const char *name;
    wm_render_format format;
} FORMATS[] = {{"pdf", WM_RENDER_PDF}, {"md", WM_RENDER_MD}, {"html", WM_RENDER_HTML}};

static const wm_option OPTIONS[] = {
    {"output", 'o', "a file name", OPT_OUTPUT},
    {"brand", 0, "a brand file", OPT_BRAND},
    {"json", 0, "a file name", OPT_JSON},
    {"layout-dump", 0, "a file name", OPT_LAYOUT_DUMP},
    {"format", 0, "pdf, md or html", OPT_FORMAT},
    {"baseline", 0, "a plan JSON or engagement file", OPT_BASELINE},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

/* Every output of the run, written together or not at all (file.h). */
static int write_outputs(const char *const path[3], const void *const data[3], const size_t len[3],
                         wm_diags *d)
{
    wm_outputs out;
    wm_outputs_init(&out);
    for (int i = 0; i < 3; i++)
        if (path[i] && wm_outputs_add(&out, path[i], data[i], len[i], d) != 0) {
            wm_outputs_abort(&out);
            return WM_EXIT_OUTPUT;
        }
    return wm_outputs_commit(&out, d) == 0 ? WM_EXIT_OK : WM_EXIT_OUTPUT;
}

int wm_cmd_render(int argc, char **argv)
{
    const char *file = NULL, *output = NULL, *json = NULL, *dump_file = NULL, *format = "pdf",
               *baseline = NULL;
    wm_render_opts ropts = {0};
    ropts.plan.watchdog = true;
    char **dirs = NULL;
    int status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "render", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &ropts.plan, &dirs);
        if (r > 0)
            status = r;
        else if (r < 0)
            continue;
        else if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_render(stdout);
            wm_args_free(&a);
            free(dirs);
            return WM_EXIT_OK;
        } else if (id == OPT_OUTPUT)
            output = a.value;
        else if (id == OPT_BRAND)
            ropts.brand = a.value;
        else if (id == OPT_JSON)
            json = a.value;
        else if (id == OPT_LAYOUT_DUMP)
            dump_file = a.value;
        else if (id == OPT_BASELINE)
            baseline = a.value;
        else if (id == OPT_FORMAT) {
            size_t k = 0, n = sizeof FORMATS / sizeof *FORMATS;
            while (k < n && strcmp(a.value, FORMATS[k].name) != 0)
                k++;
            if (k == n)
                status =
                    wm_usage_error("render", "--format takes pdf, md or html, not '%s'", a.value);
            else {
                format = FORMATS[k].name;
                ropts.format = FORMATS[k].format;
            }
        } else if (file)
            status = wm_usage_error("render",
                                    "one engagement file at a time (got '%s' and '%s'); "
                                    "'waymark batch' renders many",
                                    file, a.value);
        else
            file = a.value;
    }
    wm_args_free(&a);
    if (status == WM_EXIT_OK && !file)
        status = wm_usage_error("render", "no engagement file given");
    if (status == WM_EXIT_OK && !output && strcmp(file, "-") == 0)
        status = wm_usage_error("render", "the engagement comes from standard input: give -o "
                                          "for the output (-o - writes it to standard output)");
    if (status == WM_EXIT_OK && dump_file && ropts.format != WM_RENDER_PDF)
        status = wm_usage_error("render",
                                "--layout-dump is for the PDF: leave it out with "
                                "--format %s",
                                format);
    if (status == WM_EXIT_OK)
        status = wm_date_env_error("render");
    char *def_out = NULL;
    if (status == WM_EXIT_OK && !output) {
        char *stem = wm_stem(file);
        def_out = wm_xasprintf("%s.%s", stem, format);
        free(stem);
        output = def_out;
    }
    const char *const outs[3] = {output, json, dump_file};
    if (status == WM_EXIT_OK)
        status = wm_check_outputs("render", file, 3,
                                  (const char *const[]){output == def_out ? "the output" : "-o",
                                                        "--json", "--layout-dump"},
                                  outs);
    if (status != WM_EXIT_OK) {
        free(def_out);
        free(dirs);
        return status;
    }
    ropts.layout_dump = dump_file != NULL;

    wm_diags d;
    wm_diags_init(&d);
    status = WM_EXIT_INPUT;
    wm_engagement *e = wm_engagement_load(file, NULL, &d);
    wm_plan *plan = NULL;
    unsigned char *bytes = NULL;
    size_t n_bytes = 0;
    char *dump = NULL, *text = NULL;
    wm_baseline bl = {0};
    if (e)
        status = wm_baseline_for(&bl, e, baseline, &ropts.plan, &d);
    ropts.plan.baseline = bl.root;
    ropts.plan.baseline_label = bl.label;
    if (e && status == WM_EXIT_OK)
        status = wm_render(e, &ropts, &plan, &bytes, &n_bytes, &dump, &d);
    if (status == WM_EXIT_OK) {
        text = json ? wm_plan_json(plan) : NULL;
        const void *const data[3] = {bytes, text, dump ? dump : ""};
        const size_t len[3] = {n_bytes, text ? strlen(text) : 0, dump ? strlen(dump) : 0};
        status = write_outputs(outs, data, len, &d);
    }
    wm_diags_sort(&d);
    wm_diags_print(&d, stderr);
    free(text);
    free(dump);
    free(bytes);
    wm_plan_free(plan);
    wm_baseline_free(&bl);
    wm_engagement_free(e);
    wm_diags_free(&d);
    free(def_out);
    free(dirs);
    return status;
}
