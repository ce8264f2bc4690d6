/*
 * cli.h - the `waymark` command line: one function per subcommand, each
 * taking its own arguments (argv[0] is the subcommand name) and returning an
 * exit status from waymark.h.
 */
#ifndef WM_CLI_H
#define WM_CLI_H

#include <stdio.h>

struct option; /* getopt.h */

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
int wm_cmd_diff(int argc, char **argv);
void wm_help_diff(FILE *out);
int wm_cmd_init(int argc, char **argv);
void wm_help_init(FILE *out);
int wm_cmd_new_plugin(int argc, char **argv);
void wm_help_new_plugin(FILE *out);
int wm_cmd_test_plugin(int argc, char **argv);
void wm_help_test_plugin(FILE *out);

/* ---- options (args.c) ----
 *
 * Each command has one table of its options; wm_args_next walks argv with
 * getopt_long and hands back each option's id with its value, and each
 * operand, in order:
 *
 *   static const wm_option OPTS[] = {
 *       {"output", 'o', "a file name", OPT_OUTPUT},
 *       {"help", 'h', NULL, WM_OPT_HELP},
 *       {0}};
 *   wm_args a;
 *   wm_args_init(&a, "render", argc, argv, OPTS);
 *   for (int id; (id = wm_args_next(&a)) != WM_ARG_END;)
 *       switch (id) { ... }      (a.value: the value or the operand)
 *   wm_args_free(&a);
 *
 * `--output=F`, `--output F`, `-oF`, `-o F`, clustered flags and `--` (what
 * follows is an operand, even "-x.yaml") work alike everywhere; "-" alone
 * is an operand (standard input or output, where the command says so).
 * Usage errors are reported here ("unknown option '--bogus'", "-o needs a
 * file name", "--force takes no value"), and then WM_ARG_ERROR is returned
 * with a.status set. */
typedef struct {
    const char *name;  /* the long name, without "--" */
    int letter;        /* the short name, or 0 */
    const char *value; /* what its value is ("a file name"); NULL: it takes none */
    int id;            /* what wm_args_next returns for it (>= 0) */
} wm_option;

enum { WM_ARG_END = -1, WM_ARG_OPERAND = -2, WM_ARG_ERROR = -3 };

/* Ids every command shares: --help and the plugin options.  A command's
 * own ids start at WM_OPT_OWN. */
enum {
    WM_OPT_HELP,
    WM_OPT_PLUGINS_DIR,
    WM_OPT_PLUGIN_TIMEOUT,
    WM_OPT_PLUGIN_MEMORY,
    WM_OPT_VERBOSE,
    WM_OPT_OWN
};
#define WM_OPTION_HELP                                                                             \
    {                                                                                              \
        "help", 'h', NULL, WM_OPT_HELP                                                             \
    }
#define WM_OPTIONS_PLUGINS                                                                         \
    {"plugins-dir", 0, "a directory", WM_OPT_PLUGINS_DIR},                                         \
        {"plugin-timeout", 0, "a positive number", WM_OPT_PLUGIN_TIMEOUT},                         \
        {"plugin-memory", 0, "a positive number", WM_OPT_PLUGIN_MEMORY},                           \
    {                                                                                              \
        "verbose", 'v', NULL, WM_OPT_VERBOSE                                                       \
    }

typedef struct {
    const char *cmd;
    int argc;
    char **argv;
    const wm_option *opts;
    size_t n_opts;
    struct option *longopts; /* built from opts */
    char *shortopts;
    bool rest;                   /* past "--" */
    int last_before, last_after; /* optind around the last getopt_long */
    const wm_option *option;     /* the option just returned */
    const char *value;           /* its value, or the operand */
    char typed[64];              /* the option as written: "-o", "--output" */
    int status;                  /* the usage status after WM_ARG_ERROR */
} wm_args;

void wm_args_init(wm_args *a, const char *cmd, int argc, char **argv, const wm_option *opts);
/* An option's id, WM_ARG_OPERAND, WM_ARG_END or WM_ARG_ERROR. */
int wm_args_next(wm_args *a);
void wm_args_free(wm_args *a);

/* The plugin options (WM_OPTIONS_PLUGINS) into `opts`: returns -1 when `id`
 * was one of them, 0 when it was not, or a usage status (a value that is
 * not a positive number).  --plugins-dir values are collected in *dirs
 * (the caller frees the array; the strings are argv's). */
int wm_plan_option(wm_args *a, int id, wm_plan_opts *opts, char ***dirs);

/* Before a run (outputs.c): refuse, as a usage error, an output that would
 * overwrite the engagement `input` ("-": whatever standard input is) or
 * another output.  opt[i] names the option ("-o", "--json"), path[i] its
 * value (NULL: not given; "-": standard output, which two may not share).
 * Files are compared by what they are, not by how they are spelled
 * (wm_same_file).  Returns 0 or WM_EXIT_USAGE. */
int wm_check_outputs(const char *cmd, const char *input, size_t n, const char *const opt[],
                     const char *const path[]);

/* Shared by the commands: report a usage error and return WM_EXIT_USAGE.
 * The whole message is shown escaped (wm_fput_shown), so a path or an
 * argument in it cannot reach the terminal raw. */
int wm_usage_error(const char *command, const char *fmt, ...) WM_PRINTF(2, 3);

/* `s` as a terminal may show it (wm_buf_put_shown: controls and bytes that
 * are not UTF-8 as \xNN, a line break as \n), for a path, a name or a
 * plugin's text in a command's output.  The text lives in one of
 * WM_SHOWN_SLOTS buffers of args.c, reused in turn: valid until that many
 * more calls, enough for the arguments of one printf.  Cut with "..." past
 * WM_SHOWN_MAX bytes. */
#define WM_SHOWN_SLOTS 8
#define WM_SHOWN_MAX   16384
const char *wm_shown(const char *s);

/* A malformed SOURCE_DATE_EPOCH (core/base/docdate.h): reported as
 * "waymark COMMAND: ..." with a hint, returning WM_EXIT_USAGE; 0 when it is
 * unset or valid.  Called by each command that dates a document before it
 * starts work. */
int wm_date_env_error(const char *command);

/* True when `arg` is -h or --help. */
int wm_is_help(const char *arg);

#endif /* WM_CLI_H */
