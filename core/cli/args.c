/*
 * args.c - the commands' option parsing (see cli.h): getopt_long over each
 * command's table of options, in order, so that `--output=F`, `--output F`,
 * `-oF`, `-o F`, clustered flags (`-qv`) and `--` mean the same in every
 * command, and every usage error is worded the same way.
 *
 * getopt_long is run in its "return in order" mode (optstring starting
 * with '-'): options and operands may be mixed, as before, whatever
 * POSIXLY_CORRECT says.  Abbreviated long options, which getopt_long
 * accepts, are refused: a script that says `--out` would change meaning
 * the day another option starting so is added.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/docdate.h"
#include "../base/util.h"
#include "cli.h"

/* getopt_long's code for the option at index i of the table. */
#define LONG_CODE(i) (256 + (i))

void wm_args_init(wm_args *a, const char *cmd, int argc, char **argv, const wm_option *opts)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->argc = argc;
    a->argv = argv;
    a->opts = opts;
    size_t n = 0;
    while (opts[n].name)
        n++;
    a->n_opts = n;
    a->longopts = wm_xcalloc(n + 1, sizeof *a->longopts);
    wm_buf sh;
    wm_buf_init(&sh);
    wm_buf_puts(&sh, "-:"); /* in order; report missing values as ':' */
    for (size_t i = 0; i < n; i++) {
        a->longopts[i] = (struct option){
            opts[i].name, opts[i].value ? required_argument : no_argument, NULL, LONG_CODE((int)i)};
        if (opts[i].letter) {
            wm_buf_putc(&sh, (char)opts[i].letter);
            if (opts[i].value)
                wm_buf_putc(&sh, ':');
        }
    }
    a->shortopts = wm_buf_steal(&sh);
    a->last_before = a->last_after = -1;
    optind = 0; /* a fresh scan (glibc) */
    opterr = 0;
}

void wm_args_free(wm_args *a)
{
    free(a->longopts);
    free(a->shortopts);
    a->longopts = NULL;
    a->shortopts = NULL;
}

static int find(const wm_args *a, int code)
{
    if (code >= LONG_CODE(0))
        return code - LONG_CODE(0) < (int)a->n_opts ? code - LONG_CODE(0) : -1;
    for (size_t i = 0; i < a->n_opts; i++)
        if (a->opts[i].letter && a->opts[i].letter == code)
            return (int)i;
    return -1;
}

/* Set a->typed to the option as the user wrote it: "--name" (without any
 * "=value") or "-c". */
static void set_typed(wm_args *a, const char *elem, int letter)
{
    if (strncmp(elem, "--", 2) == 0) {
        size_t n = strcspn(elem, "=");
        if (n >= sizeof a->typed)
            n = sizeof a->typed - 1;
        memcpy(a->typed, elem, n);
        a->typed[n] = '\0';
    } else {
        a->typed[0] = '-';
        a->typed[1] = (char)letter;
        a->typed[2] = '\0';
    }
}

/* "unknown option", with the nearest long option when one is close. */
static int unknown(wm_args *a, const char *what)
{
    const char *near = NULL;
    if (strncmp(what, "--", 2) == 0) {
        /* An abbreviation of one option suggests that option. */
        size_t n = strlen(what + 2), hits = 0;
        for (size_t i = 0; i < a->n_opts; i++)
            if (n > 0 && strncmp(a->opts[i].name, what + 2, n) == 0 && hits++ == 0)
                near = a->opts[i].name;
        if (hits > 1)
            near = NULL;
    }
    if (!near && strncmp(what, "--", 2) == 0) {
        const char **names = wm_xcalloc(a->n_opts + 1, sizeof *names);
        for (size_t i = 0; i < a->n_opts; i++)
            names[i] = a->opts[i].name;
        near = wm_suggest_list(what + 2, names);
        free(names);
    }
    a->status =
        near ? wm_usage_error(a->cmd, "unknown option '%s' (did you mean '--%s'?)", what, near)
             : wm_usage_error(a->cmd, "unknown option '%s'", what);
    return WM_ARG_ERROR;
}

int wm_args_next(wm_args *a)
{
    a->value = NULL;
    a->option = NULL;
    if (a->status)
        return WM_ARG_ERROR;
    if (a->rest) { /* after "--": operands only */
        if (optind >= a->argc)
            return WM_ARG_END;
        a->value = a->argv[optind++];
        return WM_ARG_OPERAND;
    }
    /* Inside a cluster of letters ("-qv") getopt leaves optind where it was. */
    int before = optind > 0 ? optind : 1;
    bool mid_cluster = a->last_before == before && a->last_after == before;
    int index = -1;
    int c = getopt_long(a->argc, a->argv, a->shortopts, a->longopts, &index);
    a->last_before = before;
    a->last_after = optind;
    if (c == -1) {
        a->rest = true;
        return wm_args_next(a);
    }
    if (c == 1) {
        a->value = optarg;
        return WM_ARG_OPERAND;
    }
    const char *elem = before < a->argc ? a->argv[before] : "";
    if (c == '?') {
        if (strncmp(elem, "--", 2) == 0) {
            set_typed(a, elem, 0);
            int i = find(a, optopt);
            if (i >= 0) /* a flag given a value */
                return a->status = wm_usage_error(a->cmd, "%s takes no value", a->typed),
                       WM_ARG_ERROR;
            return unknown(a, a->typed);
        }
        /* A short option: the whole word when it starts it ("-x.yaml"). */
        if (!mid_cluster && elem[0] == '-' && elem[1] == optopt)
            return unknown(a, elem);
        set_typed(a, elem, optopt);
        return unknown(a, a->typed);
    }
    int i = find(a, c == ':' ? optopt : c);
    if (i < 0) /* cannot happen: getopt only returns what the table holds */
        return unknown(a, elem);
    a->option = &a->opts[i];
    set_typed(a, elem, a->opts[i].letter);
    if (strncmp(elem, "--", 2) == 0 && strcmp(a->typed + 2, a->opts[i].name) != 0) {
        a->option = NULL;
        return unknown(a, a->typed); /* an abbreviation */
    }
    if (c == ':' || (a->opts[i].value && !optarg[0])) {
        a->status = wm_usage_error(a->cmd, "%s needs %s", a->typed, a->opts[i].value);
        return WM_ARG_ERROR;
    }
    a->value = optarg;
    return a->opts[i].id;
}

/* ---- what every command shares (cli.h) ---- */

int wm_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int wm_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = wm_xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "waymark %s: ", command);
    wm_fput_shown(stderr, msg, false);
    fprintf(stderr, "\nTry 'waymark %s --help'.\n", command);
    free(msg);
    return WM_EXIT_USAGE;
}

const char *wm_shown(const char *s)
{
    static char slots[WM_SHOWN_SLOTS][WM_SHOWN_MAX + 4];
    static unsigned next;
    char *out = slots[next++ % WM_SHOWN_SLOTS];
    if (!s)
        s = "";
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_put_shown(&b, s, strlen(s), false);
    size_t n = b.len;
    if (n > WM_SHOWN_MAX) { /* cut at a character's start */
        n = WM_SHOWN_MAX;
        while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(out, b.data, n);
    if (n < b.len)
        memcpy(out + n, "...", 3), n += 3;
    out[n] = '\0';
    wm_buf_free(&b);
    return out;
}

int wm_date_env_error(const char *command)
{
    int64_t epoch;
    char *err = NULL;
    if (wm_source_date_epoch(&epoch, &err) >= 0)
        return 0;
    fprintf(stderr, "waymark %s: error: %s\n  hint: %s\n", command, err, WM_SOURCE_DATE_EPOCH_HINT);
    free(err);
    return WM_EXIT_USAGE;
}
