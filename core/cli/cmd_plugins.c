/*
 * cmd_plugins.c - `waymark plugins [list | info NAME]`: what plugins the
 * search path holds, with version, stages and where each comes from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/file.h"
#include "../plan/plugin.h"
#include "cli.h"

void wm_help_plugins(FILE *out)
{
    fputs("usage: waymark plugins [list] [--plugins-dir DIR]... [--engagement FILE]\n"
          "       waymark plugins info NAME [--plugins-dir DIR]... [--engagement FILE]\n"
          "\n"
          "List the plugins on the search path - each --plugins-dir, the engagement's\n"
          "./plugins folder (with --engagement), $XDG_DATA_HOME/waymark/plugins, then\n"
          "the built-in ones - with version, stages and origin; or show one plugin's\n"
          "description, hooks and configuration options.  A plugin shadowed by one of\n"
          "the same name earlier on the path is marked as such.\n"
          "\n"
          "Options:\n"
          "  --plugins-dir DIR     search DIR first (repeatable)\n"
          "  --engagement FILE     include the plugins beside this engagement file\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success; 1 no such plugin (info); 2 usage; 3 the plugin could\n"
          "not be loaded (info).\n",
          out);
}

static void stages(const wm_plugin *p, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int s = 0; s < WM_STAGE_COUNT; s++)
        if (p->hooks & (1u << s)) {
            size_t len = strlen(buf);
            snprintf(buf + len, size - len, "%s%s", len ? "," : "", wm_stage_names[s]);
        }
}

static wm_plugin *open_found(const wm_plugin_found *f, const wm_plan_opts *opts, wm_arena *a,
                             char **err)
{
    wm_sandbox_host host = {.currency = "GBP"};
    return wm_plugin_open_limited(f->path, f->name, f->origin, &host, opts, "waymark plugins", a,
                                  err);
}

static int list(const wm_plugin_roots *roots, const wm_plan_opts *opts)
{
    size_t n;
    wm_plugin_found *found = wm_plugin_list(roots, &n);
    wm_arena a;
    wm_arena_init(&a);
    printf("%-28s %-9s %-22s %-9s %s\n", "NAME", "VERSION", "STAGES", "ORIGIN", "FILE");
    for (size_t i = 0; i < n; i++) {
        char *err = NULL;
        wm_plugin *p = open_found(&found[i], opts, &a, &err);
        char st[128] = "-";
        if (p)
            stages(p, st, sizeof st);
        printf("%-28s %-9s %-22s %-9s %s%s\n", wm_shown(found[i].name),
               p ? wm_shown(p->version) : "?", st, found[i].origin, wm_shown(found[i].path),
               found[i].shadowed ? " (shadowed)" : "");
        if (!p) {
            char *nl = strchr(err, '\n');
            if (nl)
                *nl = '\0';
            printf("    cannot be loaded: %s\n", wm_shown(err));
        }
        free(err);
        wm_plugin_close(p);
    }
    wm_arena_free(&a);
    wm_plugin_found_free(found, n);
    return WM_EXIT_OK;
}

static int info(const wm_plugin_roots *roots, const char *name, const wm_plan_opts *opts)
{
    char *pname;
    const char *origin;
    char *file = wm_plugin_resolve(roots, name, ".", &pname, &origin);
    if (!file) {
        fprintf(stderr, "waymark plugins: no plugin '%s' on the search path\n", wm_shown(name));
        return WM_EXIT_INPUT;
    }
    wm_arena a;
    wm_arena_init(&a);
    wm_sandbox_host host = {.currency = "GBP"};
    char *err = NULL;
    wm_plugin *p =
        wm_plugin_open_limited(file, pname, origin, &host, opts, "waymark plugins", &a, &err);
    int status = WM_EXIT_OK;
    if (!p) {
        fprintf(stderr, "waymark plugins: plugin '%s' (%s) cannot be loaded:\n", wm_shown(pname),
                wm_shown(file));
        wm_fput_shown(stderr, err, true);
        fputc('\n', stderr);
        status = WM_EXIT_PLUGIN;
    } else {
        char st[128];
        stages(p, st, sizeof st);
        printf("name:        %s\nversion:     %s\ndescription: %s\nstages:      %s\n"
               "origin:      %s\nfile:        %s\nsha256:      %s\n",
               wm_shown(p->name), wm_shown(p->version),
               p->description[0] ? wm_shown(p->description) : "-", st, p->origin, wm_shown(p->path),
               p->sha256);
        const wm_value *schema = p->schema;
        if (schema && schema->kind == WM_VOBJ && schema->u.obj.n) {
            printf("config:\n");
            for (size_t i = 0; i < schema->u.obj.n; i++) {
                const wm_value *opt = schema->u.obj.pairs[i].val;
                wm_buf def;
                wm_buf_init(&def);
                wm_v_json(wm_vobj_get(opt, "default"), &def, 0);
                const char *desc = wm_vobj_str(opt, "description");
                printf("  %-18s %-8s default %s%s%s\n", wm_shown(schema->u.obj.pairs[i].key),
                       wm_shown(wm_vobj_str(opt, "type")), wm_shown(def.data), desc ? "  " : "",
                       desc ? wm_shown(desc) : "");
                wm_buf_free(&def);
            }
        } else {
            printf("config:      none\n");
        }
        for (size_t w = 0; w < p->n_warnings; w++)
            printf("warning:     %s\n", wm_shown(p->warnings[w]));
    }
    free(err);
    wm_plugin_close(p);
    wm_arena_free(&a);
    free(file);
    free(pname);
    return status;
}

enum { OPT_ENGAGEMENT = WM_OPT_OWN };

static const wm_option OPTIONS[] = {
    {"engagement", 0, "an engagement file", OPT_ENGAGEMENT},
    WM_OPTIONS_PLUGINS,
    WM_OPTION_HELP,
    {0},
};

int wm_cmd_plugins(int argc, char **argv)
{
    wm_plan_opts opts = {.watchdog = true};
    char **dirs = NULL;
    const char *action = NULL, *name = NULL, *engagement = NULL;
    int status = WM_EXIT_OK;
    wm_args a;
    wm_args_init(&a, "plugins", argc, argv, OPTIONS);
    for (int id; status == WM_EXIT_OK && (id = wm_args_next(&a)) != WM_ARG_END;) {
        int r = wm_plan_option(&a, id, &opts, &dirs);
        if (r > 0)
            status = r;
        else if (r < 0)
            continue;
        else if (id == WM_ARG_ERROR)
            status = a.status;
        else if (id == WM_OPT_HELP) {
            wm_help_plugins(stdout);
            wm_args_free(&a);
            free(dirs);
            return WM_EXIT_OK;
        } else if (id == OPT_ENGAGEMENT)
            engagement = a.value;
        else if (!action)
            action = a.value;
        else if (!name)
            name = a.value;
        else
            status = wm_usage_error("plugins", "unexpected argument '%s'", a.value);
    }
    wm_args_free(&a);
    if (status != WM_EXIT_OK) {
        free(dirs);
        return status;
    }
    if (opts.plugin_seconds > 0 || opts.plugin_memory > 0 || opts.verbose) {
        free(dirs);
        return wm_usage_error("plugins", "of the plugin options, only --plugins-dir applies "
                                         "here: plugins are listed, not run");
    }
    if (!action)
        action = "list";
    if (strcmp(action, "list") != 0 && strcmp(action, "info") != 0) {
        free(dirs);
        return wm_usage_error("plugins", "unknown action '%s' (list or info)", action);
    }
    if (strcmp(action, "info") == 0 && !name) {
        free(dirs);
        return wm_usage_error("plugins", "info needs a plugin name");
    }
    char *edir = engagement ? wm_dirname(engagement) : NULL;
    wm_plugin_roots roots;
    wm_plugin_roots_init(&roots, opts.plugin_dirs, opts.n_plugin_dirs, edir);
    status = strcmp(action, "list") == 0 ? list(&roots, &opts) : info(&roots, name, &opts);
    wm_plugin_roots_free(&roots);
    free(edir);
    free(dirs);
    return status;
}
