/*
 * cmd_test_plugin.c - `waymark test-plugin DIR [--update]`: the options and
 * the help; the runner is the library's (core/plan/testrun.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../plan/testrun.h"
#include "cli.h"

void wm_help_test_plugin(FILE *out)
{
    fputs("usage: waymark test-plugin [options] DIR\n"
          "\n"
          "Run a plugin's tests: each test engagement goes through the real plugin\n"
          "pipeline, and what the plugin contributed is compared with the expected\n"
          "result recorded beside it.  DIR is the plugin's folder (as 'waymark\n"
          "new-plugin' makes it) or the plugin's .lua file.\n"
          "\n"
          "The layout:\n"
          "  DIR/init.lua, DIR/<DIR's name>.lua, or the only *.lua in DIR not\n"
          "                        starting with '_': the plugin\n"
          "  DIR/test/NAME.yaml    a test engagement; it lists the plugin by path in\n"
          "                        `plugins:` (such as ../myplugin.lua); files whose\n"
          "                        name starts with '_' are not tests\n"
          "  DIR/test/NAME.expected.json\n"
          "                        its expected result; test/engagement.yaml's is\n"
          "                        test/expected.json\n"
          "\n"
          "What is compared, by the plugin's hooks: validate, the warnings and\n"
          "errors it reported (\"diagnostics\"); estimate, prioritise, schedule,\n"
          "risks and playbook, the plan fields of those stages it filled (\"plan\":\n"
          "for prioritise and schedule every field of the stage; for the others the\n"
          "fields that differ from a run without the plugin) and any field of its\n"
          "own; document, the sections it added (\"document\", as data).  Numbers\n"
          "match to a relative 1e-9.  A difference is shown as its path with the\n"
          "expected and the actual value.\n"
          "\n"
          "Options:\n"
          "  --update              record the current results as the expected ones\n"
          "                        (writes the .json files; review them with git diff)\n"
          "  --plugins-dir DIR     search DIR for plugins first (repeatable)\n"
          "  --plugin-timeout S    wall-clock seconds per plugin hook (default 2)\n"
          "  --plugin-memory MB    memory per plugin (default 64)\n"
          "  -v, --verbose         show plugins' waymark.log lines on stderr\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 every test passed (or, with --update, was recorded); 1 a\n"
          "test failed: a difference, a missing expected file, or a run that failed\n"
          "(its diagnostics are printed as usual); 2 usage; 4 an expected file could\n"
          "not be written.\n",
          out);
}

enum { OPT_UPDATE = WM_OPT_OWN };

static const wm_option OPTIONS[] = {
    {"update", 0, NULL, OPT_UPDATE},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_test_plugin(int argc, char **argv)
{
    const char *dir = NULL;
    bool update = false;
    wm_plan_opts opts = {.watchdog = true};
    char **dirs = NULL;
    int status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "test-plugin", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &opts, &dirs);
        if (r > 0)
            status = r;
        else if (r < 0)
            continue;
        else if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_test_plugin(stdout);
            wm_args_free(&a);
            free(dirs);
            return WM_EXIT_OK;
        } else if (id == OPT_UPDATE)
            update = true;
        else if (dir)
            status = wm_usage_error("test-plugin", "one plugin at a time (got '%s' and '%s')", dir,
                                    a.value);
        else if (!a.value[0])
            status = wm_usage_error("test-plugin", "the plugin folder name is empty");
        else
            dir = a.value;
    }
    wm_args_free(&a);
    if (status == WM_EXIT_OK && !dir)
        status = wm_usage_error("test-plugin", "no plugin folder given");
    if (status == WM_EXIT_OK)
        status = wm_plugin_tests(dir, update, false, &opts);
    free(dirs);
    return status;
}
