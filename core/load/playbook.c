/*
 * playbook.c - the playbook template loader's entry point (see playbook.h):
 * find the template the engagement names, read and check it, apply
 * `playbook.extra` and its `omit`, check `playbook.owners`, and build the
 * ctx.playbook value (docs/playbooks.md).
 *
 * The template's bytes, tree, entries and the value all live in the
 * engagement's arena, so they are freed with the engagement; the few
 * temporary strings of the search are freed here.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/file.h"
#include "../base/paths.h"
#include "../base/value.h"
#include "playbook_int.h"

/* ---- finding the template ---- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* $XDG_DATA_HOME/waymark/playbooks (~/.local/share when unset), or NULL. */
static char *user_dir(void)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/')
        return wm_xasprintf("%s/waymark/playbooks", xdg);
    const char *home = getenv("HOME");
    if (home && home[0])
        return wm_xasprintf("%s/.local/share/waymark/playbooks", home);
    return NULL;
}

/* The three folders a bare name is looked up in, in order (NULL entries
 * for a folder that cannot be named); the caller frees them. */
static void search_dirs(const wm_engagement *e, char *dirs[3])
{
    dirs[0] = wm_path_join(e->dir, "playbooks");
    dirs[1] = user_dir();
    dirs[2] = wm_xasprintf("%s/playbooks", wm_data_dir());
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The template names found in `dirs`, sorted, without repeats; NULL-terminated. */
static char **template_names(char *dirs[3], size_t *count)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 3; i++) {
        DIR *d = dirs[i] ? opendir(dirs[i]) : NULL;
        if (!d)
            continue;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.' || !wm_ends_with(de->d_name, ".yaml"))
                continue;
            WM_GROW(names, cap, n + 2);
            names[n++] = wm_xstrndup(de->d_name, strlen(de->d_name) - 5);
        }
        closedir(d);
    }
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (out && strcmp(names[out - 1], names[i]) == 0) {
            free(names[i]);
            continue;
        }
        names[out++] = names[i];
    }
    WM_GROW(names, cap, out + 1);
    names[out] = NULL;
    *count = out;
    return names;
}

/* The path of the template `name`, or NULL after reporting at `pos`. */
static char *find_template(const wm_engagement *e, const char *name, wm_pos pos, wm_schema *s)
{
    if (strchr(name, '/') || wm_ends_with(name, ".yaml")) {
        char *path = wm_path_join(e->dir, name);
        struct stat st;
        int rc = stat(path, &st), errnum = errno;
        if (rc == 0 && S_ISREG(st.st_mode))
            return path;
        const char *why = rc != 0               ? strerror(errnum)
                          : S_ISDIR(st.st_mode) ? "it is a directory"
                                                : "it is not a regular file";
        char *q = wm_quote(name, strlen(name), 80);
        char hint[400];
        snprintf(hint, sizeof hint,
                 "a path is relative to the engagement file's folder (looked "
                 "for %s)",
                 path);
        wm_schema_error(s, pos, hint, "cannot open playbook template '%s': %s", q, why);
        free(q);
        free(path);
        return NULL;
    }
    char *dirs[3], *found = NULL;
    search_dirs(e, dirs);
    for (int i = 0; i < 3 && !found; i++) {
        if (!dirs[i])
            continue;
        char *p = wm_xasprintf("%s/%s.yaml", dirs[i], name);
        if (is_file(p))
            found = p;
        else
            free(p);
    }
    if (!found) {
        size_t n;
        char **names = template_names(dirs, &n);
        const char *near = wm_suggest_list(name, (const char *const *)names);
        wm_buf hint;
        wm_buf_init(&hint);
        if (n == 0)
            wm_buf_printf(&hint, "no templates were found (looked in %s, %s and %s)", dirs[0],
                          dirs[1] ? dirs[1] : "$XDG_DATA_HOME/waymark/playbooks", dirs[2]);
        else
            wm_buf_puts(&hint, "the templates found are:");
        for (size_t i = 0; i < n; i++)
            wm_buf_printf(&hint, "%s %s", i ? "," : "", names[i]);
        char *q = wm_quote(name, strlen(name), 80);
        if (near)
            wm_schema_error(s, pos, hint.data,
                            "unknown playbook template '%s' (did you mean '%s'?)", q, near);
        else
            wm_schema_error(s, pos, hint.data, "unknown playbook template '%s'", q);
        free(q);
        wm_buf_free(&hint);
        for (size_t i = 0; i < n; i++)
            free(names[i]);
        free(names);
    }
    for (int i = 0; i < 3; i++)
        free(dirs[i]);
    return found;
}

/* ---- applying extra ---- */

typedef struct {
    wm_arena *a;
    pb_src *x;
    pb_entry *t; /* the template */
} mg;

static pb_entry *copy_entry(wm_arena *a, const pb_entry *e)
{
    pb_entry *c = WM_ARENA_NEW(a, pb_entry, 1);
    *c = *e;
    size_t n = (size_t)e->kind->n_fields;
    c->sub = WM_ARENA_NEW(a, pb_list, n);
    memcpy(c->sub, e->sub, n * sizeof *c->sub);
    return c;
}

static pb_entry *find_id(const pb_list *l, const char *id)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (l->items[i]->id && strcmp(l->items[i]->id, id) == 0)
            return l->items[i];
    return NULL;
}

/* The first entry before `i` in `l` with the same id as item i, or NULL. */
static const pb_entry *earlier(const pb_list *l, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (l->items[j]->id && strcmp(l->items[j]->id, l->items[i]->id) == 0)
            return l->items[j];
    return NULL;
}

static bool duplicate_in_extra(const pb_list *x, size_t i)
{
    const pb_entry *xe = x->items[i], *first = earlier(x, i);
    if (!first)
        return false;
    wm_schema_error(&xe->src->s, xe->id_node->pos, "give each one its own id",
                    "duplicate %s id '%s' in playbook.extra (first at line %u, column %u)",
                    xe->kind->name, xe->id, first->id_node->pos.line, first->id_node->pos.col);
    return true;
}

/* The template's entries `t` with extra's `x` merged in by id: the same id
 * replaces in place, a new one is appended; omitted ones are left out. */
static pb_list merge_list(mg *m, const pb_list *t, const pb_list *x)
{
    size_t nx = x ? x->n : 0;
    pb_list out = {WM_ARENA_NEW(m->a, pb_entry *, t->n + nx + 1), 0};
    for (size_t i = 0; i < t->n; i++)
        if (!t->items[i]->omitted_by)
            out.items[out.n++] = t->items[i];
    for (size_t i = 0; i < nx; i++) {
        pb_entry *xe = x->items[i];
        if (!xe->id || duplicate_in_extra(x, i))
            continue;
        pb_entry *te = find_id(t, xe->id);
        if (te && te->omitted_by) {
            wm_schema_error(&xe->src->s, xe->id_node->pos, "omit it or replace it, not both",
                            "%s is also dropped by playbook.extra.omit", xe->label);
            continue;
        }
        if (!te) {
            out.items[out.n++] = xe;
            continue;
        }
        te->replaced_by = xe;
        for (size_t k = 0; k < out.n; k++)
            if (out.items[k] == te)
                out.items[k] = xe;
    }
    return out;
}

/* Extra's entries of field `name` of its object `field` (NULL: of the root). */
static const pb_list *extra_list(const pb_entry *x, const char *field, const char *name)
{
    if (!x)
        return NULL;
    if (field) {
        const pb_list *o = wm_pb_sub(x, field);
        if (!o || !o->n)
            return NULL;
        x = o->items[0];
    }
    const pb_list *l = wm_pb_sub(x, name);
    return l && l->n ? l : NULL;
}

/* A copy of the template's object `field` whose list `name` is merged. */
static pb_entry *merge_object(mg *m, pb_entry *root, const pb_entry *x, const char *field,
                              const char *name)
{
    pb_list *ol = &root->sub[wm_pb_field(root->kind, field)];
    pb_entry *obj = copy_entry(m->a, ol->items[0]);
    int f = wm_pb_field(obj->kind, name);
    obj->sub[f] = merge_list(m, &ol->items[0]->sub[f], extra_list(x, field, name));
    ol->items = WM_ARENA_NEW(m->a, pb_entry *, 1);
    ol->items[0] = obj;
    return obj;
}

static void merge_controls(mg *m, pb_entry *root, const pb_entry *x)
{
    int f = wm_pb_field(root->kind, "controls");
    const pb_entry *tc = root->sub[f].items[0];
    pb_entry *mc = copy_entry(m->a, tc);
    for (int g = 0; g < tc->kind->n_fields; g++) {
        const char *group = tc->kind->fields[g].name;
        const pb_list *xl = extra_list(x, "controls", group);
        pb_list keep = {NULL, 0};
        if (xl) {
            keep.items = WM_ARENA_NEW(m->a, pb_entry *, xl->n + 1);
            for (size_t i = 0; i < xl->n; i++) {
                pb_entry *xe = xl->items[i];
                const char *other = NULL;
                for (int h = 0; h < tc->kind->n_fields && xe->id && !other; h++)
                    if (h != g && find_id(&tc->sub[h], xe->id))
                        other = tc->kind->fields[h].name;
                if (!other) {
                    keep.items[keep.n++] = xe;
                    continue;
                }
                char hint[200];
                snprintf(hint, sizeof hint,
                         "replace it under playbook.extra.controls.%s, or give the new control "
                         "its own id",
                         other);
                wm_schema_error(&xe->src->s, xe->id_node->pos, hint,
                                "%s is in the template's '%s' controls, not '%s'", xe->label, other,
                                group);
            }
        }
        mc->sub[g] = merge_list(m, &tc->sub[g], xl ? &keep : NULL);
    }
    root->sub[f].items = WM_ARENA_NEW(m->a, pb_entry *, 1);
    root->sub[f].items[0] = mc;
}

/* Extra's periods add items to the template's periods of the same id. */
static void merge_periods(mg *m, pb_entry *root, const pb_entry *x)
{
    pb_entry *plan = merge_object(m, root, NULL, "plan_30_60_90", "periods");
    const pb_list *xl = extra_list(x, "plan_30_60_90", "periods");
    int pf = wm_pb_field(plan->kind, "periods"), itf = wm_pb_field(&wm_pb_period, "items");
    pb_list *out = &plan->sub[pf];
    for (size_t i = 0; xl && i < xl->n; i++) {
        const pb_entry *xp = xl->items[i];
        if (!xp->id || duplicate_in_extra(xl, i))
            continue;
        size_t k = 0;
        while (k < out->n && !(out->items[k]->id && strcmp(out->items[k]->id, xp->id) == 0))
            k++;
        if (k == out->n) {
            wm_buf hint;
            wm_buf_init(&hint);
            wm_buf_puts(&hint, "extra adds items to the template's periods:");
            for (size_t j = 0; j < out->n; j++)
                if (out->items[j]->id)
                    wm_buf_printf(&hint, "%s %s", j ? "," : "", out->items[j]->id);
            wm_schema_error(&xp->src->s, xp->id_node->pos, hint.data,
                            "%s is not a period of the template", xp->label);
            wm_buf_free(&hint);
            continue;
        }
        pb_entry *np = copy_entry(m->a, out->items[k]);
        const pb_list *ti = &out->items[k]->sub[itf], *xi = wm_pb_sub(xp, "items");
        pb_list items = {WM_ARENA_NEW(m->a, pb_entry *, ti->n + xi->n + 1), 0};
        for (size_t j = 0; j < ti->n; j++)
            items.items[items.n++] = ti->items[j];
        for (size_t j = 0; j < xi->n; j++)
            items.items[items.n++] = xi->items[j];
        np->sub[itf] = items;
        out->items[k] = np;
    }
}

/* ---- omit ---- */

static const struct {
    const char *name, *field, *list; /* list NULL: the field is the list; "*": every group */
} OMITTABLE[] = {{"rituals", "rituals", NULL},
                 {"measures", "measures", NULL},
                 {"quality_gates", "quality_gates", NULL},
                 {"controls", "controls", "*"},
                 {"raci.activities", "raci", "activities"},
                 {"vendors.practices", "vendors", "practices"},
                 {"documentation", "documentation", NULL}};
enum { N_OMITTABLE = sizeof OMITTABLE / sizeof *OMITTABLE };

/* The template's lists of omittable section `i` (up to 4); their count. */
static size_t section_lists(const pb_entry *t, size_t i, const pb_list *out[4])
{
    const pb_list *l = wm_pb_sub(t, OMITTABLE[i].field);
    if (!OMITTABLE[i].list) {
        out[0] = l;
        return 1;
    }
    if (!l->n)
        return 0;
    const pb_entry *o = l->items[0];
    if (strcmp(OMITTABLE[i].list, "*") != 0) {
        out[0] = wm_pb_sub(o, OMITTABLE[i].list);
        return 1;
    }
    size_t n = 0;
    for (int g = 0; g < o->kind->n_fields && n < 4; g++)
        out[n++] = &o->sub[g];
    return n;
}

static void omit_unknown(mg *m, const wm_ynode *o, const char *id)
{
    const pb_entry *plan = wm_pb_sub(m->t, "plan_30_60_90")->items[0];
    if (find_id(wm_pb_sub(plan, "periods"), id)) {
        wm_schema_error(&m->x->s, o->pos, "the plan always has its three periods",
                        "playbook.extra.omit names period '%s'; periods cannot be omitted", id);
        return;
    }
    if (find_id(wm_pb_sub(m->t, "roles"), id)) {
        wm_schema_error(&m->x->s, o->pos,
                        "leave the role out of playbook.owners: its fallback stands in",
                        "playbook.extra.omit names role '%s'; roles cannot be omitted", id);
        return;
    }
    size_t n = 0, cap = 0;
    const char **ids = NULL;
    for (size_t i = 0; i < N_OMITTABLE; i++) {
        const pb_list *ls[4];
        size_t nl = section_lists(m->t, i, ls);
        for (size_t j = 0; j < nl; j++)
            for (size_t k = 0; k < ls[j]->n; k++) {
                WM_GROW(ids, cap, n + 2);
                ids[n++] = ls[j]->items[k]->id;
            }
    }
    WM_GROW(ids, cap, n + 1);
    ids[n] = NULL;
    const char *near = wm_suggest_list(id, ids);
    const char *tname = wm_pb_text(m->t, "name");
    if (near)
        wm_schema_error(&m->x->s, o->pos, NULL,
                        "playbook.extra.omit names '%s', which is not an id in template '%s' "
                        "(did you mean '%s'?)",
                        o->text, tname, near);
    else
        wm_schema_error(&m->x->s, o->pos,
                        "omit takes ids of rituals, measures, quality_gates, controls, "
                        "raci.activities, vendors.practices and documentation",
                        "playbook.extra.omit names '%s', which is not an id in template '%s'",
                        o->text, tname);
    free(ids);
}

static void apply_omit(mg *m, const wm_ynode *omit)
{
    for (size_t i = 0; omit->kind == WM_YSEQ && i < omit->n; i++) {
        const wm_ynode *o = omit->items[i];
        const char *dot = strrchr(o->text, '.'), *id = dot ? dot + 1 : o->text;
        size_t only = N_OMITTABLE;
        if (dot) {
            size_t sl = (size_t)(dot - o->text);
            for (size_t s = 0; s < N_OMITTABLE && only == N_OMITTABLE; s++)
                if (strlen(OMITTABLE[s].name) == sl && memcmp(OMITTABLE[s].name, o->text, sl) == 0)
                    only = s;
            if (only == N_OMITTABLE) {
                wm_schema_error(&m->x->s, o->pos,
                                "write ID or SECTION.ID, SECTION one of rituals, measures, "
                                "quality_gates, controls, raci.activities, vendors.practices, "
                                "documentation",
                                "playbook.extra.omit names '%s', which is not in a section that "
                                "can be omitted from",
                                o->text);
                continue;
            }
        }
        pb_entry *hit = NULL;
        size_t hit_section = 0, hits = 0;
        for (size_t s = 0; s < N_OMITTABLE; s++) {
            if (only != N_OMITTABLE && s != only)
                continue;
            const pb_list *ls[4];
            size_t nl = section_lists(m->t, s, ls);
            for (size_t j = 0; j < nl; j++) {
                pb_entry *x = find_id(ls[j], id);
                if (!x)
                    continue;
                if (hits++ == 0) {
                    hit = x;
                    hit_section = s;
                } else {
                    char hint[300];
                    snprintf(hint, sizeof hint, "write which one: %s.%s or %s.%s",
                             OMITTABLE[hit_section].name, id, OMITTABLE[s].name, id);
                    wm_schema_error(&m->x->s, o->pos, hint,
                                    "playbook.extra.omit names '%s', an id in both %s and %s", id,
                                    OMITTABLE[hit_section].name, OMITTABLE[s].name);
                }
            }
        }
        if (hits == 0)
            omit_unknown(m, o, id);
        else if (hits == 1 && hit->omitted_by)
            wm_schema_error(&m->x->s, o->pos, "list each one once",
                            "playbook.extra.omit lists '%s' twice", o->text);
        else if (hits == 1)
            hit->omitted_by = o;
    }
}

/* The template with extra applied (a new root; the template's entries are
 * shared, and marked where extra replaced or omitted them). */
static pb_entry *merge(mg *m, const pb_entry *x)
{
    const wm_ynode *omit = wm_pb_val(x, "omit");
    if (omit)
        apply_omit(m, omit);
    pb_entry *root = copy_entry(m->a, m->t);
    static const char *const LISTS[] = {"locations", "roles",         "rituals",
                                        "measures",  "quality_gates", "documentation"};
    for (size_t i = 0; i < sizeof LISTS / sizeof *LISTS; i++) {
        int f = wm_pb_field(root->kind, LISTS[i]);
        root->sub[f] = merge_list(m, &m->t->sub[f], extra_list(x, NULL, LISTS[i]));
    }
    merge_controls(m, root, x);
    merge_object(m, root, x, "raci", "activities");
    merge_object(m, root, x, "vendors", "practices");
    merge_periods(m, root, x);
    return root;
}

/* ---- owners ---- */

static const wm_ynode *map_get_key(const wm_ynode *m, const char *key)
{
    for (size_t i = 0; m && m->kind == WM_YMAP && i < m->n; i++)
        if (strcmp(wm_ymap_key(m, i)->text, key) == 0)
            return wm_ymap_key(m, i);
    return NULL;
}

static const char *role_get(const void *ctx, size_t i)
{
    return ((const pb_list *)ctx)->items[i]->id;
}

static void check_owners(const wm_engagement *e, const pb_list *roles, const char *tname,
                         const wm_ynode *block, wm_pos block_pos, wm_schema *s)
{
    const wm_ynode *owners = wm_ymap_get(block, "owners");
    for (size_t i = 0; owners && owners->kind == WM_YMAP && i < owners->n; i++) {
        const wm_ynode *k = wm_ymap_key(owners, i);
        if (find_id(roles, k->text))
            continue;
        const char *near = wm_suggest(k->text, roles->n, role_get, roles);
        if (near) {
            wm_schema_error(s, k->pos, NULL,
                            "unknown role '%s' in playbook.owners (did you mean '%s'?)", k->text,
                            near);
            continue;
        }
        wm_buf hint;
        wm_buf_init(&hint);
        wm_buf_printf(&hint, "template '%s' has the roles:", tname);
        for (size_t j = 0; j < roles->n; j++)
            wm_buf_printf(&hint, "%s %s", j ? "," : "", roles->items[j]->id);
        wm_schema_error(s, k->pos, hint.data, "unknown role '%s' in playbook.owners", k->text);
        wm_buf_free(&hint);
    }
    for (size_t i = 0; i < roles->n; i++) {
        const pb_entry *r = roles->items[i];
        const char *req = wm_pb_text(r, "required");
        if (!req || strcmp(req, "true") != 0)
            continue;
        bool mapped = false;
        for (size_t j = 0; j < e->playbook.n_owners && !mapped; j++)
            mapped = strcmp(e->playbook.owners[j].role, r->id) == 0;
        if (mapped)
            continue;
        char hint[200];
        snprintf(hint, sizeof hint, "add '%s: \"Full Name\"' under playbook.owners", r->id);
        const char *title = wm_pb_text(r, "title");
        wm_schema_error(s, block_pos, hint,
                        "playbook.owners does not name the required role '%s' (%s) of template "
                        "'%s'",
                        r->id, title ? title : r->id, tname);
    }
}

/* The person `r` is mapped to, else its fallbacks' (the rules have
 * refused a cycle; the hop count only bounds a broken chain); NULL when
 * nobody holds it. */
static const wm_owner *holder(const wm_engagement *e, const pb_list *roles, const pb_entry *r)
{
    for (size_t hops = 0; r && hops <= roles->n; hops++) {
        for (size_t j = 0; j < e->playbook.n_owners; j++)
            if (strcmp(e->playbook.owners[j].role, r->id) == 0)
                return &e->playbook.owners[j];
        const char *fb = wm_pb_text(r, "fallback");
        r = fb ? find_id(roles, fb) : NULL;
    }
    return NULL;
}

/* "a (A), b (B) and c (C)": the roles of `list` (n of them) by key and title. */
static void role_list(wm_buf *b, const pb_entry *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *title = wm_pb_text(list[i], "title");
        wm_buf_printf(b, "%s%s (%s)",
                      i == 0       ? ""
                      : i + 1 == n ? " and "
                                   : ", ",
                      list[i]->id, title ? title : list[i]->id);
    }
}

/* Warnings about who holds the roles, for owners that are otherwise
 * valid: a role declared `independent_of` others held by one of their
 * people, and, in one line, the optional roles nobody holds (the
 * deliverable prints them "to be named").  `at` is the owners mapping. */
static void check_people(const wm_engagement *e, const pb_list *roles, const char *tname, wm_pos at,
                         wm_schema *s)
{
    const pb_entry **unnamed = wm_xmalloc((roles->n + 1) * sizeof *unnamed);
    const pb_entry **also = wm_xmalloc((roles->n + 1) * sizeof *also);
    size_t n_unnamed = 0;
    for (size_t i = 0; i < roles->n; i++) {
        const pb_entry *r = roles->items[i];
        const wm_owner *p = holder(e, roles, r);
        if (!p) {
            unnamed[n_unnamed++] = r;
            continue;
        }
        const wm_ynode *ind = wm_pb_val(r, "independent_of");
        size_t n_also = 0;
        for (size_t k = 0; ind && k < ind->n && n_also < roles->n; k++) {
            const pb_entry *c = find_id(roles, ind->items[k]->text);
            const wm_owner *q = c && c != r ? holder(e, roles, c) : NULL;
            if (q && strcmp(q->person, p->person) == 0)
                also[n_also++] = c;
        }
        if (!n_also)
            continue;
        wm_buf others;
        wm_buf_init(&others);
        role_list(&others, also, n_also);
        const char *title = wm_pb_text(r, "title");
        char *who = wm_quote(p->person, strlen(p->person), 80);
        char hint[200];
        snprintf(hint, sizeof hint,
                 "map %s to someone else under playbook.owners; the deliverable notes the "
                 "conflict until then",
                 r->id);
        bool mapped = strcmp(p->role, r->id) == 0;
        wm_schema_warning(s, mapped ? p->pos : at, hint,
                          "%s (%s) must be independent of %s in template '%s', but '%s' holds %s",
                          r->id, title ? title : r->id, others.data, tname, who,
                          n_also > 1 ? "all of them" : "both");
        free(who);
        wm_buf_free(&others);
    }
    if (n_unnamed) {
        wm_buf list;
        wm_buf_init(&list);
        role_list(&list, unnamed, n_unnamed);
        wm_schema_warning(s, at,
                          "the deliverable prints each \"to be named\" where it owns something; "
                          "name a person for it under playbook.owners",
                          "playbook.owners names nobody for %zu optional role%s of template "
                          "'%s': %s",
                          n_unnamed, n_unnamed > 1 ? "s" : "", tname, list.data);
        wm_buf_free(&list);
    }
    free(unnamed);
    free(also);
}

/* ---- the value ---- */

static wm_value *entry_value(wm_arena *a, const pb_entry *e);

static wm_value *texts_value(wm_arena *a, const wm_ynode *v)
{
    wm_value *arr = wm_varr(a);
    for (size_t i = 0; v->kind == WM_YSEQ && i < v->n; i++)
        wm_varr_push(a, arr, wm_vstrn(a, v->items[i]->text, v->items[i]->len));
    return arr;
}

static wm_value *pairs_value(wm_arena *a, const wm_ynode *v)
{
    wm_value *o = wm_vobj(a);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i), *x = wm_ymap_value(v, i);
        wm_vobj_set(a, o, k->text,
                    strcmp(k->text, "limit") == 0 ? wm_vint(a, strtol(x->text, NULL, 10))
                                                  : wm_vstrn(a, x->text, x->len));
    }
    return o;
}

static wm_value *locations_value(wm_arena *a, const pb_list *l)
{
    wm_value *o = wm_vobj(a);
    for (size_t i = 0; i < l->n; i++)
        wm_vobj_set(a, o, l->items[i]->id,
                    wm_vstrn(a, l->items[i]->val[0]->text, l->items[i]->val[0]->len));
    return o;
}

static wm_value *entry_value(wm_arena *a, const pb_entry *e)
{
    const pb_kind *k = e->kind;
    wm_value *o = wm_vobj(a);
    if (k->keyed)
        wm_vobj_set(a, o, "key", wm_vstr(a, e->id));
    for (int f = 0; f < k->n_fields; f++) {
        const pb_field *fd = &k->fields[f];
        const wm_ynode *v = e->val[f];
        const pb_list *l = &e->sub[f];
        wm_value *out = NULL;
        switch (fd->type) {
        case PB_LIST:
        case PB_KEYMAP:
            if (!e->key[f] && !l->n)
                break;
            if (fd->sub->scalar) {
                out = locations_value(a, l);
                break;
            }
            out = wm_varr(a);
            for (size_t i = 0; i < l->n; i++)
                wm_varr_push(a, out, entry_value(a, l->items[i]));
            break;
        case PB_OBJECT:
            if (l->n)
                out = entry_value(a, l->items[0]);
            break;
        case PB_BOOL:
            out = wm_vbool(a, v && strcmp(v->text, "true") == 0);
            break;
        case PB_FIXED:
        case PB_OMIT:
            break;
        case PB_INT:
            if (v)
                out = wm_vint(a, strtol(v->text, NULL, 10));
            break;
        case PB_BASELINE:
            if (v && !wm_ynode_is_null(v))
                out = wm_vstrn(a, v->text, v->len);
            break;
        case PB_ROLES:
        case PB_COLUMNS:
        case PB_TEXTS:
            if (v)
                out = texts_value(a, v);
            break;
        case PB_SELECT:
        case PB_ASSIGN:
            if (v)
                out = pairs_value(a, v);
            break;
        default:
            if (v)
                out = wm_vstrn(a, v->text, v->len);
            break;
        }
        if (out)
            wm_vobj_set(a, o, fd->name, out);
    }
    return o;
}

static wm_value *playbook_value(wm_arena *a, const wm_engagement *e, const pb_entry *root,
                                const char *path)
{
    wm_value *pb = wm_vobj(a);
    wm_vobj_set(a, pb, "name", wm_vstr(a, wm_pb_text(root, "name")));
    wm_vobj_set(a, pb, "file", wm_vstr(a, path));
    wm_value *owners = wm_vobj(a);
    for (size_t i = 0; i < e->playbook.n_owners; i++)
        wm_vobj_set(a, owners, e->playbook.owners[i].role,
                    wm_vstr(a, e->playbook.owners[i].person));
    wm_vobj_set(a, pb, "owners", owners);
    wm_vobj_set(a, pb, "locations", locations_value(a, wm_pb_sub(root, "locations")));
    wm_vobj_set(a, pb, "template", entry_value(a, root));
    return pb;
}

/* ---- the entry point ---- */

/* Read, parse and check the template file; NULL when it is not a template
 * at all.  Its tree and bytes go to the arena. */
static pb_entry *read_template(pb_src *ts, const char *path, size_t max, wm_diags *diags)
{
    size_t len;
    char *data = wm_read_file(path, max, &len, diags);
    if (!data)
        return NULL;
    ts->text = wm_arena_strndup(ts->s.arena, data, len);
    ts->len = len;
    free(data);
    wm_ynode *root = wm_yaml_parse(ts->s.arena, path, ts->text, len, diags);
    if (!root)
        return NULL;
    pb_entry *t = wm_pb_read(ts, &wm_pb_template, root, root->pos);
    if (!t)
        return NULL;
    const wm_ynode *name = wm_pb_val(t, "name");
    char *stem = wm_stem(path);
    if (name && strcmp(name->text, stem) != 0) {
        char hint[200];
        snprintf(hint, sizeof hint, "name a template after its file: name: %s", stem);
        wm_schema_error(&ts->s, name->pos, hint,
                        "template name '%s' does not match its file name '%s.yaml'", name->text,
                        stem);
    }
    free(stem);
    wm_pb_check(t, NULL, NULL);
    return t;
}

void wm_playbook_load(wm_engagement *e, wm_arena *arena, const wm_pb_engagement *eng,
                      wm_diags *diags)
{
    const wm_ynode *key = map_get_key(eng->root, "playbook");
    const wm_ynode *block = wm_ymap_get(eng->root, "playbook");
    if (!key || !block || block->kind != WM_YMAP)
        return;
    size_t errors = diags->errors;
    pb_src xs = {.s = {.arena = arena, .diags = diags, .file = e->path},
                 .text = eng->text,
                 .len = eng->len,
                 .extra = true,
                 .prefix = "playbook.extra "};
    const char *name = e->playbook.template_name ? e->playbook.template_name : "standard";
    wm_pos pos = e->playbook.template_name ? e->playbook.template_pos : key->pos;
    char *path = find_template(e, name, pos, &xs.s);

    pb_src *ts = WM_ARENA_NEW(arena, pb_src, 1);
    ts->prefix = "";
    pb_entry *t = NULL;
    if (path) {
        ts->s = (wm_schema){.arena = arena, .diags = diags, .file = wm_arena_strdup(arena, path)};
        t = read_template(ts, path, eng->max_bytes, diags);
    }
    bool template_ok = t && diags->errors == errors;

    pb_entry *x = NULL;
    if (e->playbook.extra)
        x = wm_pb_read(&xs, &wm_pb_extra, e->playbook.extra, e->playbook.extra->pos);
    /* Extra is merged and checked even after a problem in it (a bad field is
     * left out, a bad entry skipped), so one run reports everything. */
    pb_entry *merged = t;
    if (template_ok && x) {
        mg m = {arena, &xs, t};
        merged = merge(&m, x);
        wm_pb_check(merged, t, &xs);
    }
    if (t && wm_pb_val(t, "roles")) {
        const char *tname = wm_pb_text(t, "name");
        check_owners(e, wm_pb_sub(merged, "roles"), tname ? tname : name, block, key->pos, &xs.s);
        const wm_ynode *owners = map_get_key(block, "owners");
        if (diags->errors == errors)
            check_people(e, wm_pb_sub(merged, "roles"), tname ? tname : name,
                         owners ? owners->pos : key->pos, &xs.s);
    }
    if (diags->errors == errors && merged) {
        e->playbook.file = ts->s.file;
        e->playbook.loaded = playbook_value(arena, e, merged, ts->s.file);
    }
    free(path);
}
