/*
 * cmd_new_plugin.c - `waymark new-plugin NAME [--stage STAGE] [--dir DIR]
 * [--force]`: scaffold a plugin folder for any pipeline stage: the plugin
 * (DIR/NAME.lua, one working example per stage), a test engagement that
 * lists it by path (DIR/test/engagement.yaml), the expected result
 * (DIR/test/expected.json, recorded by running the test as `waymark
 * test-plugin --update` does, so it passes as written) and a README with the
 * next steps.
 *
 * The texts are core/cli/scaffold/plugin/, embedded at build time as C
 * arrays (cmake/WaymarkEmbed.cmake); their @MARKERS@ are filled here.  Every
 * file is written atomically; nothing is written into a folder that is not
 * empty unless --force, and a scaffold whose own test does not run is
 * removed again.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "../base/file.h"
#include "../base/util.h"
#include "../plan/plugin.h"
#include "cli.h"
#include "wm_scaffold_plugin_document.h"
#include "wm_scaffold_plugin_engagement.h"
#include "wm_scaffold_plugin_estimate.h"
#include "wm_scaffold_plugin_playbook.h"
#include "wm_scaffold_plugin_prioritise.h"
#include "wm_scaffold_plugin_readme.h"
#include "wm_scaffold_plugin_risks.h"
#include "wm_scaffold_plugin_schedule.h"
#include "wm_scaffold_plugin_validate.h"

#define MAX_NAME_BYTES 64

void wm_help_new_plugin(FILE *out)
{
    fputs("usage: waymark new-plugin [--stage STAGE] [--dir DIR] [--force] NAME\n"
          "\n"
          "Scaffold a plugin and its test in the folder DIR (default ./NAME, created\n"
          "with its parents when missing):\n"
          "\n"
          "  DIR/NAME.lua              the plugin: a working example for the stage\n"
          "  DIR/test/engagement.yaml  a small engagement that lists it by path\n"
          "                            (plugins: [../NAME.lua])\n"
          "  DIR/test/expected.json    what the plugin contributes to it, recorded\n"
          "                            by running the test\n"
          "  DIR/README.md             the next steps\n"
          "\n"
          "It works as written:\n"
          "\n"
          "  waymark test-plugin DIR                   (passes)\n"
          "  waymark render DIR/test/engagement.yaml   (the plugin at work)\n"
          "\n"
          "NAME is the plugin's name: 1 to 64 lower-case letters, digits, '_' and\n"
          "'-', starting with a letter or digit (a plugin named by its path takes\n"
          "its file's name).  STAGE is the pipeline stage it hooks into:\n"
          "\n"
          "  validate    check the engagement; report warnings or errors\n"
          "  estimate    change effort estimates (runs after estimate/pert)\n"
          "  prioritise  rank the initiatives (replaces the default prioritiser)\n"
          "  schedule    place them in quarters (replaces schedule/capacity)\n"
          "  risks       add to the plan once costs and risks are known\n"
          "  playbook    change the filled handover playbook\n"
          "  document    add a section to the deliverable (the default)\n"
          "\n"
          "Options:\n"
          "  --stage STAGE  the stage (default document)\n"
          "  --dir DIR      where to write (default ./NAME)\n"
          "  --force        write into DIR even if it is not empty, overwriting the\n"
          "                 scaffold's files there (others are left alone)\n"
          "  -h, --help     show this help\n"
          "\n"
          "Exit status: 0 success; 2 usage (a bad NAME or STAGE); 3 the scaffold's\n"
          "own test did not run (nothing is left behind); 4 a file could not be\n"
          "written, or DIR is not empty and --force was not given (then nothing\n"
          "is written).\n",
          out);
}

/* ---- per stage ---- */

typedef struct {
    const unsigned char *lua;
    const char *does; /* for the README: "As it stands it ..." */
    const char *part; /* "what the plugin contributed to that engagement's ..." */
} stage_scaffold;

static const stage_scaffold SCAFFOLDS[WM_STAGE_COUNT] = {
    [WM_STAGE_VALIDATE] = {wm_scaffold_plugin_validate,
                           "warns about initiatives that have no owner at the client",
                           "checks (the warnings and errors it reported)"},
    [WM_STAGE_ESTIMATE] = {wm_scaffold_plugin_estimate,
                           "widens the estimates of the initiatives tagged `platform` by 20%",
                           "plan (the fields it changed)"},
    [WM_STAGE_PRIORITISE] = {wm_scaffold_plugin_prioritise,
                             "ranks the initiatives by business value plus twice their time "
                             "criticality, MoSCoW tiers first",
                             "plan (every initiative's rank, tier, method, score and inputs)"},
    [WM_STAGE_SCHEDULE] = {wm_scaffold_plugin_schedule,
                           "schedules the initiatives by their dependencies and effort alone, "
                           "with no capacity or budget limits",
                           "plan (every initiative's status, quarters and allocation, and the "
                           "objectives' dates)"},
    [WM_STAGE_RISKS] = {wm_scaffold_plugin_risks,
                        "gives each risk the cost it exposes, weighted by its score",
                        "plan (the fields it added)"},
    [WM_STAGE_PLAYBOOK] = {wm_scaffold_plugin_playbook,
                           "adds a decision log to the handover playbook's documentation index",
                           "plan (the filled playbook)"},
    [WM_STAGE_DOCUMENT] = {wm_scaffold_plugin_document,
                           "adds a section listing the initiatives in rank order, with a chart",
                           "document (the section it added, as data)"},
};

/* The playbook block of the test engagement, for the playbook stage. */
static const char PLAYBOOK_BLOCK[] =
    "\n"
    "playbook:\n"
    "  template: standard\n"
    "  owners: { sponsor: \"Dana Whitfield\", product_owner: \"Luis Ortega\",\n"
    "            engineering_lead: \"Mei Chen\" }\n";

/* The sections of document/standard, which a section of the plugin's must
 * not take the id of. */
static const char *const STANDARD_IDS[] = {"summary",  "objectives", "assessment", "initiatives",
                                           "roadmap",  "costs",      "risks",      "playbook",
                                           "appendix", NULL};

/* ---- checking the arguments ---- */

static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Why NAME cannot be a plugin's name, or NULL when it can. */
static const char *name_problem(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "is empty";
    if (n > MAX_NAME_BYTES)
        return "is too long (at most 64 characters)";
    if (strchr(name, '/'))
        return "has a '/': the plugin is named by its file, NAME.lua, so its name is one word";
    if (name[0] == '_' || name[0] == '-')
        return "must start with a letter or digit ('_' starts a private module)";
    for (size_t i = 0; i < n; i++)
        if (!name_char(name[i]))
            return "may hold only lower-case letters, digits, '_' and '-'";
    return NULL;
}

/* A valid name close to `name` (lower case, other characters as '_'), or
 * NULL when there is none; the caller frees. */
static char *name_suggestion(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *s = slash ? slash + 1 : name;
    size_t n = strlen(s);
    if (n >= 4 && strcmp(s + n - 4, ".lua") == 0)
        n -= 4;
    char *out = wm_xstrndup(s, n);
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        if (c >= 'A' && c <= 'Z')
            out[i] = (char)(c - 'A' + 'a');
        else if (!name_char(c))
            out[i] = '_';
    }
    size_t k = 0;
    while (out[k] == '_' || out[k] == '-')
        k++;
    memmove(out, out + k, strlen(out + k) + 1);
    if (name_problem(out) || strcmp(out, name) == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static int find_stage(const char *s)
{
    for (int i = 0; i < WM_STAGE_COUNT; i++)
        if (strcmp(wm_stage_names[i], s) == 0)
            return i;
    return -1;
}

/* ---- writing ---- */

/* Whether `dir` holds anything (a folder that cannot be read counts). */
static bool dir_has_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return true;
    struct dirent *de;
    bool any = false;
    while (!any && (de = readdir(d)) != NULL)
        any = strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return any;
}

/* A path for the "next steps" lines, quoted for a POSIX shell when needed. */
static char *shell_word(const char *s)
{
    if (s[0] &&
        strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-+,:=") ==
            strlen(s))
        return wm_xstrdup(s);
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_putc(&b, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            wm_buf_puts(&b, "'\\''");
        else
            wm_buf_putc(&b, *s);
    }
    wm_buf_putc(&b, '\'');
    return wm_buf_steal(&b);
}

/* The section title from the name: "ai_readiness" -> "Ai readiness". */
static char *title_of(const char *name)
{
    char *t = wm_xstrdup(name);
    for (char *p = t; *p; p++)
        if (*p == '_' || *p == '-')
            *p = ' ';
    if (t[0] >= 'a' && t[0] <= 'z')
        t[0] = (char)(t[0] - 'a' + 'A');
    return t;
}

/* The id of the document scaffold's section: the name with '-' for '_',
 * kept clear of document/standard's ids. */
static char *section_id(const char *name)
{
    char *id = wm_xstrdup(name);
    for (char *p = id; *p; p++)
        if (*p == '_')
            *p = '-';
    for (size_t i = 0; STANDARD_IDS[i]; i++)
        if (strcmp(STANDARD_IDS[i], id) == 0) {
            char *longer = wm_xasprintf("%s-plugin", id);
            free(id);
            return longer;
        }
    return id;
}

enum { F_PLUGIN, F_README, F_ENGAGEMENT, F_EXPECTED, N_FILES };

enum { OPT_STAGE = WM_OPT_OWN, OPT_DIR, OPT_FORCE };

static const wm_option OPTIONS[] = {
    {"stage", 0, "a stage, such as document", OPT_STAGE},
    {"dir", 0, "a directory", OPT_DIR},
    {"force", 0, NULL, OPT_FORCE},
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_new_plugin(int argc, char **argv)
{
    const char *name = NULL, *stage_arg = NULL, *dir_arg = NULL;
    bool force = false;
    int usage = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "new-plugin", argc, argv, OPTIONS);
    for (int id; usage == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        if (id == WM_ARG_ERROR)
            usage = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_new_plugin(stdout);
            wm_args_free(&a);
            return WM_EXIT_OK;
        } else if (id == OPT_STAGE)
            stage_arg = a.value;
        else if (id == OPT_DIR)
            dir_arg = a.value;
        else if (id == OPT_FORCE)
            force = true;
        else if (name)
            usage = wm_usage_error("new-plugin", "one plugin at a time (got '%s' and '%s')", name,
                                   a.value);
        else
            name = a.value;
    }
    wm_args_free(&a);
    if (usage != WM_EXIT_OK)
        return usage;
    if (!name)
        return wm_usage_error("new-plugin", "no plugin name given");
    const char *why = name_problem(name);
    if (why) {
        char *q = wm_quote(name, strlen(name), 70);
        char *near = name_suggestion(name);
        int r = near ? wm_usage_error("new-plugin", "the name '%s' %s (did you mean '%s'?)", q, why,
                                      near)
                     : wm_usage_error("new-plugin", "the name '%s' %s", q, why);
        free(near);
        free(q);
        return r;
    }
    int stage = find_stage(stage_arg ? stage_arg : "document");
    if (stage < 0) {
        const char *names[WM_STAGE_COUNT + 1];
        for (int i = 0; i < WM_STAGE_COUNT; i++)
            names[i] = wm_stage_names[i];
        names[WM_STAGE_COUNT] = NULL;
        const char *near = wm_suggest_list(stage_arg, names);
        char *q = wm_quote(stage_arg, strlen(stage_arg), 40);
        int r =
            near ? wm_usage_error("new-plugin", "unknown stage '%s' (did you mean '%s'?)", q, near)
                 : wm_usage_error("new-plugin",
                                  "unknown stage '%s': one of validate, estimate, "
                                  "prioritise, schedule, risks, playbook, document",
                                  q);
        free(q);
        return r;
    }
    if (dir_arg && !dir_arg[0])
        return wm_usage_error("new-plugin", "the directory name is empty");

    /* DIR without trailing slashes ("/" stays). */
    char *d = wm_xstrdup(dir_arg ? dir_arg : name);
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    char *test_dir = strcmp(d, "/") == 0 ? wm_xstrdup("/test") : wm_path_join(d, "test");
    char *lua_name = wm_xasprintf("%s.lua", name);
    char *paths[N_FILES] = {
        [F_PLUGIN] = wm_path_join(d, lua_name),
        [F_README] = wm_path_join(d, "README.md"),
        [F_ENGAGEMENT] = wm_path_join(test_dir, "engagement.yaml"),
        [F_EXPECTED] = wm_path_join(test_dir, "expected.json"),
    };
    bool existed[N_FILES] = {false};
    char **made = NULL;
    size_t n_made = 0;
    char *texts[3] = {NULL, NULL, NULL};
    char *title = title_of(name), *id = NULL;
    int status = WM_EXIT_OK;
    size_t written = 0;

    struct stat st;
    if (stat(d, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "waymark new-plugin: cannot write into '%s': it is a file\n",
                    wm_shown(d));
            status = WM_EXIT_OUTPUT;
            goto out;
        }
        if (!force && dir_has_entries(d)) {
            fprintf(stderr,
                    "waymark new-plugin: '%s' already exists and is not empty\n"
                    "  hint: nothing was written; choose another --dir, or use --force to write "
                    "the scaffold into it\n",
                    wm_shown(d));
            status = WM_EXIT_OUTPUT;
            goto out;
        }
    }
    for (int f = 0; f < N_FILES; f++) {
        if (lstat(paths[f], &st) != 0)
            continue;
        existed[f] = true;
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "waymark new-plugin: cannot write '%s': it is a directory\n",
                    wm_shown(paths[f]));
            status = WM_EXIT_OUTPUT;
        }
    }
    if (status)
        goto out;
    char *where = NULL;
    int err = wm_make_dirs(test_dir, &made, &n_made, &where);
    if (err) {
        if (err == ENOTDIR)
            fprintf(stderr,
                    "waymark new-plugin: cannot create the directory '%s': '%s' is a file\n",
                    wm_shown(test_dir), wm_shown(where));
        else
            fprintf(stderr, "waymark new-plugin: cannot create the directory '%s': %s\n",
                    wm_shown(where), strerror(err));
        free(where);
        for (size_t k = n_made; k > 0; k--)
            rmdir(made[k - 1]);
        status = WM_EXIT_OUTPUT;
        goto out;
    }

    id = section_id(name);
    const stage_scaffold *sc = &SCAFFOLDS[stage];
    const wm_subst subs[] = {
        {"@NAME@", name},
        {"@STAGE@", wm_stage_names[stage]},
        {"@TITLE@", title},
        {"@ID@", id},
        {"@DOES@", sc->does},
        {"@PART@", sc->part},
        {"@PLAYBOOK@", stage == WM_STAGE_PLAYBOOK ? PLAYBOOK_BLOCK : ""},
    };
    size_t n_subs = sizeof subs / sizeof subs[0];
    texts[F_PLUGIN] = wm_fill((const char *)sc->lua, subs, n_subs);
    texts[F_README] = wm_fill((const char *)wm_scaffold_plugin_readme, subs, n_subs);
    texts[F_ENGAGEMENT] = wm_fill((const char *)wm_scaffold_plugin_engagement, subs, n_subs);

    wm_diags diags;
    wm_diags_init(&diags);
    for (int f = 0; f < F_EXPECTED && status == WM_EXIT_OK; f++) {
        if (wm_write_file_atomic(paths[f], texts[f], strlen(texts[f]), &diags) != 0)
            status = WM_EXIT_OUTPUT;
        else
            written = (size_t)f + 1;
    }
    wm_diags_print(&diags, stderr);
    wm_diags_free(&diags);
    if (status == WM_EXIT_OK) {
        /* The expected result is the scaffold's own, recorded by running it. */
        wm_plan_opts opts = {.watchdog = true};
        int r = wm_plugin_tests(d, true, true, &opts);
        if (r == WM_EXIT_OUTPUT) {
            status = WM_EXIT_OUTPUT;
        } else if (r != WM_EXIT_OK) {
            fprintf(stderr, "waymark new-plugin: the new plugin's test did not run (see above); "
                            "nothing was kept\n");
            status = WM_EXIT_PLUGIN;
        } else {
            written = N_FILES;
        }
    }
    if (status != WM_EXIT_OK) {
        /* Leave no half scaffold behind: what this run created goes. */
        for (size_t f = 0; f < N_FILES; f++)
            if (!existed[f] && (f < written || f == F_EXPECTED))
                remove(paths[f]);
        for (size_t k = n_made; k > 0; k--)
            rmdir(made[k - 1]);
        goto out;
    }

    char *dir_w = shell_word(d), *eng_w = shell_word(paths[F_ENGAGEMENT]);
    printf("wrote %s (a %s plugin), %s, %s and %s\n"
           "\n"
           "Next:\n"
           "  waymark test-plugin %s       # passes as written\n"
           "  waymark render %s -o %s.pdf  # the plugin at work\n"
           "then make the plugin yours: %s has the next steps.\n",
           wm_shown(paths[F_PLUGIN]), wm_stage_names[stage], wm_shown(paths[F_ENGAGEMENT]),
           wm_shown(paths[F_EXPECTED]), wm_shown(paths[F_README]), wm_shown(dir_w), wm_shown(eng_w),
           name, wm_shown(paths[F_README]));
    free(dir_w);
    free(eng_w);
out:
    for (int f = 0; f < 3; f++)
        free(texts[f]);
    for (int f = 0; f < N_FILES; f++)
        free(paths[f]);
    for (size_t k = 0; k < n_made; k++)
        free(made[k]);
    free(made);
    free(lua_name);
    free(test_dir);
    free(title);
    free(id);
    free(d);
    return status;
}
