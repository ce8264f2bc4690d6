/*
 * cli.h - the `waymark` command line: one function per subcommand, each
 * taking its own arguments (argv[0] is the subcommand name) and returning an
 * exit status from waymark.h.
 */
#ifndef WM_CLI_H
#define WM_CLI_H

#include <stdio.h>

#include "../waymark.h"

typedef struct {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*help)(FILE *out);
} wm_command;

int wm_cmd_validate(int argc, char **argv);
void wm_help_validate(FILE *out);
int wm_cmd_plan(int argc, char **argv);
void wm_help_plan(FILE *out);
int wm_cmd_render(int argc, char **argv);
void wm_help_render(FILE *out);
int wm_cmd_plugins(int argc, char **argv);
void wm_help_plugins(FILE *out);
int wm_cmd_batch(int argc, char **argv);
void wm_help_batch(FILE *out);
int wm_cmd_init(int argc, char **argv);
void wm_help_init(FILE *out);
int wm_cmd_new_plugin(int argc, char **argv);
void wm_help_new_plugin(FILE *out);
int wm_cmd_test_plugin(int argc, char **argv);
void wm_help_test_plugin(FILE *out);

/* test-plugin's runner, also used by new-plugin to record the scaffold's
 * expected result: run every test of the plugin in `dir` (a folder or its
 * .lua file), comparing, or with `update` recording, the expected results;
 * `quiet` prints only failures.  Returns 0, 1 (a test failed), or 4 (an
 * expected file could not be written). */
int wm_plugin_tests(const char *dir, bool update, bool quiet, const wm_plan_opts *opts);

/* Options shared by commands that run plugins (--plugins-dir, --plugin-timeout,
 * --plugin-memory, --verbose).  Returns -1 when argv[*i] was one of them
 * (advancing *i past its value), 0 when it was not, or a usage status. */
int wm_plan_args(const char *cmd, int argc, char **argv, int *i, wm_plan_opts *opts, char ***dirs);

/* Shared by the commands: report a usage error and return WM_EXIT_USAGE. */
int wm_usage_error(const char *command, const char *fmt, ...) WM_PRINTF(2, 3);

/* A malformed SOURCE_DATE_EPOCH (core/base/docdate.h): reported as
 * "waymark COMMAND: ..." with a hint, returning WM_EXIT_USAGE; 0 when it is
 * unset or valid.  Called by each command that dates a document before it
 * starts work. */
int wm_date_env_error(const char *command);

/* True when `arg` is -h or --help. */
int wm_is_help(const char *arg);

#endif /* WM_CLI_H */
