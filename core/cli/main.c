/*
 * main.c - the `waymark` executable: dispatch to a subcommand.
 *
 * Everything real lives in libwaymark; this file only knows the table of
 * subcommands, the global options and the exit statuses (cli.md).  The
 * helpers the commands share are in args.c, so no command calls back into
 * this file.
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/cleanup.h"
#include "../base/docdate.h"
#include "../base/paths.h"
#include "../base/util.h"
#include "cli.h"

static const wm_command commands[] = {
    {"batch", "render many engagements in parallel, with a manifest and a portfolio", wm_cmd_batch,
     wm_help_batch},
    {"diff", "show what changed between two versions of a plan or engagement", wm_cmd_diff,
     wm_help_diff},
    {"init", "scaffold a new engagement file and brand file to fill in", wm_cmd_init, wm_help_init},
    {"new-plugin", "scaffold a plugin for any stage, with a test that passes", wm_cmd_new_plugin,
     wm_help_new_plugin},
    {"plan", "compute the roadmap and print it as JSON, CSV or Markdown", wm_cmd_plan,
     wm_help_plan},
    {"plugins", "list the plugins found, or show one", wm_cmd_plugins, wm_help_plugins},
    {"render", "write the branded PDF deliverable (the main job)", wm_cmd_render, wm_help_render},
    {"test-plugin", "run a plugin's test engagements and compare with the expected results",
     wm_cmd_test_plugin, wm_help_test_plugin},
    {"validate", "check engagement files without rendering", wm_cmd_validate, wm_help_validate},
};

enum { N_COMMANDS = sizeof commands / sizeof commands[0] };

static void usage(FILE *out)
{
    fputs("usage: waymark <command> [options] [arguments]\n"
          "       waymark --help | --version\n"
          "\n"
          "Turns an engagement file (YAML, format waymark/1) into a prioritised,\n"
          "costed technology roadmap and handover playbook.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run 'waymark <command> --help' for a command's options.\n"
          "\n"
          "Exit status: 0 success; 1 invalid input; 2 usage; 3 a plugin failed;\n"
          "4 output could not be written.\n",
          out);
    fprintf(out, "\nBuilt-in plugins, playbooks and fonts: %s\n", wm_data_dir());
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return WM_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (wm_is_help(cmd)) {
        usage(stdout);
        return WM_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("waymark %s\n", WM_VERSION);
        return WM_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        if (argc > 2) {
            for (size_t i = 0; i < N_COMMANDS; i++)
                if (strcmp(commands[i].name, argv[2]) == 0) {
                    commands[i].help(stdout);
                    return WM_EXIT_OK;
                }
            fprintf(stderr, "waymark: no command '%s'\n", wm_shown(argv[2]));
            return WM_EXIT_USAGE;
        }
        usage(stdout);
        return WM_EXIT_OK;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return commands[i].run(argc - 1, argv + 1);
    const char *names[N_COMMANDS + 1];
    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    names[N_COMMANDS] = NULL;
    const char *near = cmd[0] == '-' ? NULL : wm_suggest_list(cmd, names);
    if (near)
        fprintf(stderr, "waymark: '%s' is not a command (did you mean '%s'?)\n", wm_shown(cmd),
                near);
    else if (cmd[0] == '-')
        fprintf(stderr, "waymark: unknown option '%s'\n", wm_shown(cmd));
    else
        fprintf(stderr, "waymark: '%s' is not a command\n", wm_shown(cmd));
    fprintf(stderr, "Run 'waymark --help' for the list of commands.\n");
    return WM_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    /* Numbers are read and written in the C locale whatever the user's is. */
    setlocale(LC_ALL, "C");
    /* A signal never leaves an output's temporary file behind. */
    wm_cleanup_on_signals();
    int status = dispatch(argc, argv);
    /* What a command printed on standard output (a listing, validate's
     * "ok" lines, help) must have reached it: a full disk or a closed pipe
     * is an output that could not be written, never a silent success. */
    errno = 0;
    if ((fflush(stdout) != 0 || ferror(stdout)) && status == WM_EXIT_OK) {
        fprintf(stderr, "waymark: error: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        status = WM_EXIT_OUTPUT;
    }
    return status;
}
