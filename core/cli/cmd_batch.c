/*
 * cmd_batch.c - `waymark batch INPUTS... -o OUTDIR`: every engagement of a
 * round rendered in parallel worker processes, up-to-date ones skipped,
 * with a manifest and a portfolio (core/batch/batch.h has the design).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/file.h"
#include "../base/sha256.h"
#include "../batch/batch.h"
#include "cli.h"

void wm_help_batch(FILE *out)
{
    fputs("usage: waymark batch [options] INPUTS... -o OUTDIR\n"
          "\n"
          "Render many engagements at once: each INPUT is an engagement file or a\n"
          "folder searched (recursively) for them; each is rendered to OUTDIR/NAME.pdf\n"
          "in its own worker process, so one bad client never stops the others.\n"
          "An output whose input and every file it was made from (plugins, brand,\n"
          "playbook template, fonts, logos) are unchanged is skipped.\n"
          "\n"
          "Options:\n"
          "  -o, --output OUTDIR   the folder for the PDFs, manifest.jsonl,\n"
          "                        portfolio.csv and portfolio.pdf (created if missing)\n"
          "  -j, --jobs N          workers at once (default: the number of CPUs)\n"
          "  --force               render every input, up to date or not\n"
          "  --shard K/N           render only the K-th of N deterministic slices of\n"
          "                        the inputs (K from 1 to N), to spread a batch over\n"
          "                        machines\n"
          "  --brand BRAND.yaml    render every input in this brand\n"
          "  --json                also write each plan as OUTDIR/NAME.json\n"
          "  --baseline-dir DIR    compare each input with DIR/NAME.json when there is\n"
          "                        one (a plan kept by an earlier batch with --json):\n"
          "                        a 'Changes since' section, and the change in cost\n"
          "                        and end in the portfolio\n"
          "  --timeout S           wall-clock seconds per engagement (default 120)\n"
          "  --cpu S               CPU seconds per engagement (default 60)\n"
          "  --memory MB           resident memory per worker (default 1024)\n"
          "  -q, --quiet           no progress and no summary; failures still shown\n"
          "  --plugins-dir DIR     search DIR for plugins first (repeatable)\n"
          "  --plugin-timeout S    wall-clock seconds per plugin hook (default 2)\n"
          "  --plugin-memory MB    memory per plugin (default 64)\n"
          "  -h, --help            show this help\n"
          "\n"
          "Output names: a file keeps its name (acme.yaml -> acme.pdf); a file found\n"
          "in a folder is named by its path in it (eu/acme.yaml -> eu-acme.pdf), and\n"
          "an engagement.yaml by its folder (clients/acme/engagement.yaml -> acme.pdf).\n"
          "\n"
          "A progress bar is shown on a terminal, one line per input otherwise.\n"
          "Ctrl-C stops the workers, leaves no partial file and writes the manifest;\n"
          "run the same command again to finish.\n"
          "\n"
          "Exit status: 0 when every input succeeded (rendered or up to date); 1 when\n"
          "any failed (after finishing all the others); 2 usage; 4 OUTDIR could not be\n"
          "written; 130 interrupted.\n",
          out);
}

static int cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static bool number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || !*s || *end || errno || !(v >= lo) || !(v <= hi))
        return false;
    *out = v;
    return true;
}

static bool parse_shard(const char *s, unsigned *k, unsigned *n)
{
    /* Digits, one slash, digits: nothing strtoul would quietly skip. */
    size_t slash = strspn(s, "0123456789");
    if (slash == 0 || s[slash] != '/' || strspn(s + slash + 1, "0123456789") == 0 ||
        s[slash + 1 + strspn(s + slash + 1, "0123456789")] != '\0')
        return false;
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || *end != '/')
        return false;
    const char *t = end + 1;
    unsigned long b = strtoul(t, &end, 10);
    if (end == t || *end || b < 1 || b > 100000 || a < 1 || a > b || s[0] == '-' || t[0] == '-')
        return false;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return true;
}

enum {
    OPT_OUTPUT = WM_OPT_OWN,
    OPT_JOBS,
    OPT_FORCE,
    OPT_QUIET,
    OPT_SHARD,
    OPT_BRAND,
    OPT_TIMEOUT,
    OPT_CPU,
    OPT_MEMORY,
    OPT_BASELINE_DIR,
    OPT_JSON
};

#define SECONDS_MAX 86400
#define MEMORY_MAX  1048576
#define STR(x)      #x
#define XSTR(x)     STR(x)

static const wm_option OPTIONS[] = {
    {"output", 'o', "a folder", OPT_OUTPUT},
    {"jobs", 'j', "a whole number from 1 to 256", OPT_JOBS},
    {"force", 0, NULL, OPT_FORCE},
    {"quiet", 'q', NULL, OPT_QUIET},
    {"shard", 0, "K/N with 1 <= K <= N (e.g. --shard 2/4)", OPT_SHARD},
    {"brand", 0, "a brand file", OPT_BRAND},
    {"timeout", 0, "a number from 1 to " XSTR(SECONDS_MAX), OPT_TIMEOUT},
    {"cpu", 0, "a number from 1 to " XSTR(SECONDS_MAX), OPT_CPU},
    {"memory", 0, "a number from 1 to " XSTR(MEMORY_MAX), OPT_MEMORY},
    {"baseline-dir", 0, "a folder", OPT_BASELINE_DIR},
    {"json", 0, NULL, OPT_JSON},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_batch(int argc, char **argv)
{
    wm_batch_opts o = {0};
    o.jobs = cpus();
    o.timeout = 120;
    o.cpu = 60;
    o.memory_mb = 1024;
    o.render.plan.watchdog = true;
    char **dirs = NULL;
    char **inputs = wm_xcalloc((size_t)argc, sizeof *inputs);
    int n_inputs = 0, status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "batch", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &o.render.plan, &dirs);
        if (r > 0) {
            status = r;
            break;
        }
        if (r < 0)
            continue;
        double v;
        double *limit = id == OPT_TIMEOUT ? &o.timeout : id == OPT_CPU ? &o.cpu : &o.memory_mb;
        switch (id) {
        case WM_ARG_ERROR:
            status = a.status;
            break;
        case WM_OPT_HELP:
            wm_help_batch(stdout);
            wm_args_free(&a);
            free(dirs);
            free(inputs);
            return WM_EXIT_OK;
        case OPT_OUTPUT:
            o.outdir = a.value;
            break;
        case OPT_JOBS:
            if (!number(a.value, 1, 256, &v) || v != (int)v)
                status = wm_usage_error("batch", "%s needs %s", a.typed, a.option->value);
            else
                o.jobs = (int)v;
            break;
        case OPT_FORCE:
            o.force = true;
            break;
        case OPT_QUIET:
            o.quiet = true;
            break;
        case OPT_SHARD:
            if (!parse_shard(a.value, &o.shard_k, &o.shard_n))
                status = wm_usage_error("batch", "%s needs %s", a.typed, a.option->value);
            break;
        case OPT_BRAND:
            o.render.brand = a.value;
            break;
        case OPT_BASELINE_DIR: {
            struct stat st;
            if (stat(a.value, &st) != 0 || !S_ISDIR(st.st_mode))
                status = wm_usage_error("batch", "--baseline-dir '%s' is not a folder", a.value);
            else
                o.baseline_dir = a.value;
            break;
        }
        case OPT_JSON:
            o.json = true;
            break;
        case OPT_TIMEOUT:
        case OPT_CPU:
        case OPT_MEMORY:
            if (!number(a.value, 1, id == OPT_MEMORY ? MEMORY_MAX : SECONDS_MAX, limit))
                status = wm_usage_error("batch", "%s needs %s", a.typed, a.option->value);
            break;
        default: /* an input */
            if (strcmp(a.value, "-") == 0)
                status = wm_usage_error("batch", "a batch reads engagement files and folders, "
                                                 "not standard input ('-')");
            else
                inputs[n_inputs++] = (char *)a.value;
        }
    }
    wm_args_free(&a);
    if (status == WM_EXIT_OK && o.render.plan.verbose)
        status =
            wm_usage_error("batch", "-v is not available in a batch (workers' output is kept for "
                                    "their errors); run 'waymark render -v' on one input");
    if (status == WM_EXIT_OK && !o.outdir)
        status = wm_usage_error("batch", "no output folder: give -o OUTDIR");
    if (status == WM_EXIT_OK && n_inputs == 0)
        status = wm_usage_error("batch", "no inputs: give engagement files or folders");
    if (status == WM_EXIT_OK)
        status = wm_date_env_error("batch");
    if (status != WM_EXIT_OK) {
        free(dirs);
        free(inputs);
        return status;
    }
    status = wm_batch_main(inputs, n_inputs, &o);
    free(dirs);
    free(inputs);
    return status;
}
