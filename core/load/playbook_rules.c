/*
 * playbook_rules.c - what a playbook template is checked for beyond the
 * shape of each entry (docs/playbooks.md, "How a template is found and
 * checked"): placeholders (well formed, known, in scope), references to
 * roles, rituals and locations, RACI columns, unique ids, fallback cycles,
 * the four DORA measures, the objective-measure entry, the go-live gate and
 * the three 30/60/90 periods.
 *
 * It runs twice: on the template alone, reporting in the template's file;
 * then, when the engagement has `playbook.extra`, on the merged template,
 * where only what extra brought in is checked again, and a rule that an
 * `omit` or a replacement broke is reported at that line of the engagement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "playbook_int.h"

typedef struct {
    pb_entry *root;
    const pb_entry *tmpl; /* the template alone, when root is the merged one */
    pb_src *extra;
    const pb_list *roles, *locations, *rituals; /* NULL when unreadable */
    const wm_ynode *columns;                    /* raci.roles, NULL when unreadable */
} ck;

static const char *const GLOBAL_PH[] = {"client.name", "client.short_name",
                                        "engagement.prepared_by", NULL};
static const char *const SCOPED_PH[3][7] = {
    {"initiative.id", "initiative.title", "initiative.owner", "initiative.start", "initiative.end",
     "initiative.objectives", NULL},
    {"objective.id", "objective.title", "objective.deadline", "objective.measure", NULL},
    {"risk.id", "risk.title", "risk.owner", "risk.mitigation", "risk.band", "risk.score", NULL}};
static const char *const SCOPE_HINT[3] = {
    ("initiative placeholders are filled in quality_gates and plan_30_60_90 items with "
     "for_each: initiative"),
    "objective placeholders are filled in the measure with for_each: objective_measure",
    "risk placeholders are filled in controls with for_each: risk"};

static void err(const pb_entry *e, wm_pos pos, const char *hint, const char *fmt, ...)
    WM_PRINTF(4, 5);
static void err(const pb_entry *e, wm_pos pos, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = wm_xvasprintf(fmt, ap);
    va_end(ap);
    wm_schema_error(&e->src->s, pos, hint, "%s", msg);
    free(msg);
}

static const pb_entry *find(const pb_list *l, const char *id)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (l->items[i]->id && strcmp(l->items[i]->id, id) == 0)
            return l->items[i];
    return NULL;
}

static const char *id_get(const void *ctx, size_t i)
{
    return ((const pb_list *)ctx)->items[i]->id;
}

/* "INTRO a, b, c" (cut short for a long list); the caller frees. */
static char *names_hint(const char *intro, const pb_list *l)
{
    wm_buf b;
    wm_buf_init(&b);
    wm_buf_puts(&b, intro);
    for (size_t i = 0; i < l->n; i++) {
        if (!l->items[i]->id)
            continue;
        if (b.len > 220) {
            wm_buf_puts(&b, ", ...");
            break;
        }
        wm_buf_printf(&b, "%s%s", i ? ", " : " ", l->items[i]->id);
    }
    return wm_buf_steal(&b);
}

/* Report `name` as unknown among `l` (a noun such as "role"). */
static void unknown(const pb_entry *e, wm_pos pos, const char *what, const char *noun,
                    const char *name, const pb_list *l, const char *none)
{
    const char *near = wm_suggest(name, l->n, id_get, l);
    if (near) {
        err(e, pos, NULL, "%s names an unknown %s '%s' (did you mean '%s'?)", what, noun, name,
            near);
        return;
    }
    char intro[80];
    snprintf(intro, sizeof intro, "the %ss are:", noun);
    char *hint = l->n ? names_hint(intro, l) : wm_xstrdup(none);
    err(e, pos, hint, "%s names an unknown %s '%s'", what, noun, name);
    free(hint);
}

/* Field names are composed only for a message: "ritual weekly inputs[2]"
 * for field "inputs", item 2 (0: the field itself). */
typedef struct {
    const char *field;
    size_t idx;
} fld;

static const char *field_name(const pb_entry *e, fld f, char *buf, size_t size)
{
    const char *w = wm_pb_what(e, f.field);
    if (f.idx)
        snprintf(buf, size, "%.420s[%zu]", w, f.idx);
    else
        snprintf(buf, size, "%.420s", w);
    return buf;
}

static void role_ref(ck *c, const pb_entry *e, const wm_ynode *v, fld f)
{
    if (!c->roles || find(c->roles, v->text))
        return;
    char name[448], w[456];
    snprintf(w, sizeof w, "'%s'", field_name(e, f, name, sizeof name));
    unknown(e, v->pos, w, "role", v->text, c->roles, "add the role under 'roles'");
}

/* ---- placeholders ---- */

static bool listed(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return true;
    return false;
}

static void unknown_placeholder(ck *c, const pb_entry *e, wm_pos pos, const char *name, fld f)
{
    char what[448];
    field_name(e, f, what, sizeof what);
    /* Every name the template could mean, for the "did you mean". */
    size_t n_roles = c->roles ? c->roles->n : 0, n_locs = c->locations ? c->locations->n : 0;
    size_t cap = 3 + 6 + 4 + 6 + n_roles + n_locs + 1, n = 0;
    char **cand = wm_xcalloc(cap, sizeof *cand);
    for (size_t i = 0; GLOBAL_PH[i]; i++)
        cand[n++] = wm_xstrdup(GLOBAL_PH[i]);
    for (size_t s = 0; s < 3; s++)
        for (size_t i = 0; SCOPED_PH[s][i]; i++)
            cand[n++] = wm_xstrdup(SCOPED_PH[s][i]);
    for (size_t i = 0; i < n_roles; i++)
        if (c->roles->items[i]->id)
            cand[n++] = wm_xasprintf("owner:%s", c->roles->items[i]->id);
    for (size_t i = 0; i < n_locs; i++)
        if (c->locations->items[i]->id)
            cand[n++] = wm_xasprintf("location:%s", c->locations->items[i]->id);
    const char *near = wm_suggest_list(name, (const char *const *)cand);
    if (near)
        err(e, pos, NULL, "unknown placeholder '{{%s}}' in '%s' (did you mean '{{%s}}'?)", name,
            what, near);
    else
        err(e, pos,
            "placeholders are client.name, client.short_name, engagement.prepared_by, "
            "owner:ROLE and location:KEY, and initiative.*, objective.* and risk.* in for_each "
            "entries",
            "unknown placeholder '{{%s}}' in '%s'", name, what);
    for (size_t i = 0; i < n; i++)
        free(cand[i]);
    free(cand);
}

/* One placeholder's name (NUL-terminated copy), the `len` bytes at `off` of
 * `n`'s text; its position is only worked out for a report. */
static void check_name(ck *c, const pb_entry *e, const wm_ynode *n, size_t off, size_t len,
                       const char *name, fld f)
{
    char what[448];
    if (listed(GLOBAL_PH, name, strlen(name)))
        return;
    if (strncmp(name, "owner:", 6) == 0) {
        const char *role = name + 6;
        if (c->roles && !find(c->roles, role)) {
            wm_pos pos = wm_pb_text_pos(e->src, n, off, len);
            char w[560];
            snprintf(w, sizeof w, "placeholder '{{%.*s}}' in '%s'", wm_utf8_cut(name, 80), name,
                     field_name(e, f, what, sizeof what));
            unknown(e, pos, w, "role", role, c->roles, "add the role under 'roles'");
        }
        return;
    }
    if (strncmp(name, "location:", 9) == 0) {
        const char *key = name + 9;
        static const pb_list none = {NULL, 0};
        const pb_list *l = c->locations ? c->locations : &none;
        if (!find(l, key)) {
            wm_pos pos = wm_pb_text_pos(e->src, n, off, len);
            char w[560];
            snprintf(w, sizeof w, "placeholder '{{%.*s}}' in '%s'", wm_utf8_cut(name, 80), name,
                     field_name(e, f, what, sizeof what));
            unknown(e, pos, w, "location", key, l, "add it under 'locations'");
        }
        return;
    }
    for (int s = 0; s < 3; s++) {
        if (!listed(SCOPED_PH[s], name, strlen(name)))
            continue;
        if (e->for_each != s && !e->for_each_bad)
            err(e, wm_pb_text_pos(e->src, n, off, len), SCOPE_HINT[s],
                "placeholder '{{%s}}' in '%s' is only filled in an entry with for_each: %s", name,
                field_name(e, f, what, sizeof what), wm_pb_for_each_names[s]);
        return;
    }
    unknown_placeholder(c, e, wm_pb_text_pos(e->src, n, off, len), name, f);
}

static void placeholders(ck *c, const pb_entry *e, const wm_ynode *n, fld f)
{
    char what[448];
    const char *t = n->text;
    size_t len = n->len;
    for (size_t i = 0; i < len; i++) {
        if (t[i] != '{' && t[i] != '}')
            continue;
        wm_pos at = {0, 0};
        if (t[i] == '}' || i + 1 >= len || t[i + 1] != '{') {
            at = wm_pb_text_pos(e->src, n, i, 1);
            field_name(e, f, what, sizeof what);
            err(e, at, "placeholders are written {{name}}; other braces are not allowed in text",
                "'%s' has a stray '%c'", what, t[i]);
            continue;
        }
        size_t start = i + 2, j = start;
        while (j + 1 < len && !(t[j] == '}' && t[j + 1] == '}'))
            j++;
        if (j + 1 >= len) {
            at = wm_pb_text_pos(e->src, n, i, 2);
            field_name(e, f, what, sizeof what);
            err(e, at, "close the placeholder with '}}'", "'%s' has a '{{' that is not closed",
                what);
            return;
        }
        size_t nl = j - start, tok = nl + 4;
        char *name = wm_xstrndup(t + start, nl);
        size_t off = i;
        i = j + 1;
        if (nl == 0 || strpbrk(name, "{} \t\n")) {
            at = wm_pb_text_pos(e->src, n, off, tok);
            field_name(e, f, what, sizeof what);
            char *q = wm_quote(name, nl, 60);
            if (nl && strpbrk(name, " \t\n") && !strpbrk(name, "{}")) {
                char hint[160];
                size_t a = strspn(name, " \t\n"), b = nl;
                while (b > a && strchr(" \t\n", name[b - 1]))
                    b--;
                snprintf(hint, sizeof hint, "write it without spaces: {{%.*s}}", (int)(b - a),
                         name + a);
                err(e, at, hint, "placeholder '{{%s}}' in '%s' has spaces", q, what);
            } else {
                err(e, at, "placeholders are written {{name}}, such as {{client.name}}",
                    "malformed placeholder '{{%s}}' in '%s'", q, what);
            }
            free(q);
        } else {
            check_name(c, e, n, off, tok, name, f);
        }
        free(name);
    }
}

/* ---- references, entry by entry ---- */

static void ritual_ref(ck *c, const pb_entry *e, const wm_ynode *v, fld f, bool full)
{
    if (!c->rituals || find(c->rituals, v->text))
        return;
    if (c->tmpl) {
        const pb_entry *t = find(wm_pb_sub(c->tmpl, "rituals"), v->text);
        if (t && t->omitted_by) {
            char hint[300];
            snprintf(hint, sizeof hint,
                     "keep the ritual, or give %s another reviewed_in in playbook.extra.measures",
                     e->id ? e->id : "the measure");
            wm_schema_error(&c->extra->s, t->omitted_by->pos, hint,
                            "playbook.extra.omit drops ritual '%s', which %s is reviewed in",
                            v->text, e->label);
            return;
        }
        if (!full)
            return;
    }
    char name[448], w[456];
    snprintf(w, sizeof w, "'%s'", field_name(e, f, name, sizeof name));
    unknown(e, v->pos, w, "ritual", v->text, c->rituals, "add a ritual under 'rituals'");
}

static bool in_columns(const ck *c, const char *role)
{
    for (size_t i = 0; i < c->columns->n; i++)
        if (strcmp(c->columns->items[i]->text, role) == 0)
            return true;
    return false;
}

static void check_refs(ck *c, pb_entry *e)
{
    const pb_kind *k = e->kind;
    bool full = !c->tmpl || e->src->extra;
    for (int f = 0; f < k->n_fields; f++) {
        const pb_field *fd = &k->fields[f];
        for (size_t i = 0; i < e->sub[f].n; i++)
            check_refs(c, e->sub[f].items[i]);
        const wm_ynode *v = e->val[f];
        if (!v)
            continue;
        fld what = {fd->name, 0};
        if (fd->type == PB_RITUAL)
            ritual_ref(c, e, v, what, full);
        if (!full)
            continue;
        switch (fd->type) {
        case PB_TEXT:
            placeholders(c, e, v, what);
            break;
        case PB_BASELINE:
            if (!wm_ynode_is_null(v))
                placeholders(c, e, v, what);
            break;
        case PB_TEXTS:
            for (size_t i = 0; v->kind == WM_YSEQ && i < v->n; i++)
                placeholders(c, e, v->items[i], (fld){fd->name, i + 1});
            break;
        case PB_ROLE:
            role_ref(c, e, v, what);
            break;
        case PB_OWNER:
            if (v->text[0] != '{')
                role_ref(c, e, v, what);
            else if (e->for_each != PB_FE_INITIATIVE && !e->for_each_bad)
                err(e, v->pos, "name a role here, such as engineering_lead",
                    "'%s' can be '{{initiative.owner}}' only in an item with for_each: "
                    "initiative",
                    wm_pb_what(e, fd->name));
            break;
        case PB_ROLES:
        case PB_COLUMNS:
            for (size_t i = 0; i < v->n; i++)
                role_ref(c, e, v->items[i], what);
            break;
        case PB_ASSIGN:
            for (size_t i = 0; i < v->n; i++) {
                const wm_ynode *r = wm_ymap_key(v, i);
                if (!c->roles || !find(c->roles, r->text)) {
                    role_ref(c, e, r, what);
                } else if (c->columns && !in_columns(c, r->text)) {
                    char hint[200];
                    snprintf(hint, sizeof hint,
                             "add %s to raci.roles (at most 7 columns), or leave it out of "
                             "assign",
                             r->text);
                    err(e, r->pos, hint, "%s assigns '%s', which is not a column of raci.roles",
                        e->label, r->text);
                }
            }
            break;
        default:
            break;
        }
    }
}

/* ---- whole-template rules ---- */

static void unique_ids(const pb_list *l, const char *noun)
{
    for (size_t i = 1; i < l->n; i++) {
        const pb_entry *x = l->items[i];
        if (!x->id)
            continue;
        for (size_t j = 0; j < i; j++) {
            const pb_entry *y = l->items[j];
            if (!y->id || strcmp(x->id, y->id) != 0)
                continue;
            err(x, x->id_node->pos, "give each one its own id",
                "duplicate %s id '%s' (first at line %u, column %u)", noun, x->id,
                y->id_node->pos.line, y->id_node->pos.col);
            break;
        }
    }
}

static void fallback_cycles(ck *c)
{
    const pb_list *l = c->roles;
    size_t n = l->n;
    unsigned char *state = wm_xcalloc(n + 1, 1); /* 0 new, 1 on the walk, 2 done */
    size_t *walk = wm_xcalloc(n + 1, sizeof *walk);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0, j = i;
        bool cycle = false;
        while (state[j] == 0) {
            state[j] = 1;
            walk[len++] = j;
            const pb_entry *r = l->items[j];
            const wm_ynode *fb = wm_pb_val(r, "fallback");
            if (!fb || strcmp(fb->text, r->id) == 0)
                break;
            size_t next = n;
            for (size_t k = 0; k < n; k++)
                if (strcmp(l->items[k]->id, fb->text) == 0)
                    next = k;
            if (next == n)
                break;
            j = next;
            if (state[j] == 1) {
                cycle = true;
                break;
            }
        }
        if (cycle) {
            size_t from = 0;
            while (walk[from] != j)
                from++;
            /* Report at the first role of the cycle in file order (after a
             * merge: the first one extra brought in). */
            size_t at = n;
            for (size_t k = from; k < len; k++) {
                const pb_entry *r = l->items[walk[k]];
                bool ok = !c->tmpl || r->src->extra;
                if (ok && (at == n || walk[k] < walk[at]))
                    at = k;
            }
            if (at != n) {
                wm_buf b;
                wm_buf_init(&b);
                size_t m = len - from;
                for (size_t k = 0; k <= m; k++)
                    wm_buf_printf(&b, "%s%s", k ? " -> " : "",
                                  l->items[walk[from + (at - from + k) % m]]->id);
                const pb_entry *r = l->items[walk[at]];
                err(r, wm_pb_val(r, "fallback")->pos,
                    "a chain of fallbacks must end at a role without one", "fallback cycle: %s",
                    b.data);
                wm_buf_free(&b);
            }
        }
        for (size_t k = 0; k < len; k++)
            state[walk[k]] = 2;
    }
    free(walk);
    free(state);
}

/* After a merge: the template entry of `section` with for_each `fe` is gone;
 * report where extra took it out. */
static bool report_removed(ck *c, const char *section, int fe, const char *role)
{
    const pb_list *l = wm_pb_sub(c->tmpl, section);
    for (size_t i = 0; l && i < l->n; i++) {
        const pb_entry *t = l->items[i];
        if (t->for_each != fe)
            continue;
        char hint[200];
        snprintf(hint, sizeof hint, "keep it: %s", role);
        if (t->omitted_by) {
            wm_schema_error(&c->extra->s, t->omitted_by->pos, hint,
                            "playbook.extra.omit drops %s, the template's only entry with "
                            "for_each: %s",
                            t->label, wm_pb_for_each_names[fe]);
            return true;
        }
        if (t->replaced_by) {
            snprintf(hint, sizeof hint, "keep 'for_each: %s' in the replacement",
                     wm_pb_for_each_names[fe]);
            err(t->replaced_by, t->replaced_by->pos, hint,
                "%s replaces the template's only entry with for_each: %s by one without it",
                t->replaced_by->label, wm_pb_for_each_names[fe]);
            return true;
        }
    }
    return false;
}

/* Exactly one entry of `section` repeats for each `fe` record (`at_least`:
 * one or more). */
static void repeated_entry(ck *c, const char *section, int fe, bool at_least, const char *role,
                           const char *add)
{
    const pb_list *l = wm_pb_sub(c->root, section);
    int f = wm_pb_field(&wm_pb_template, section);
    if (!c->root->val[f])
        return;
    const pb_entry *first = NULL;
    for (size_t i = 0; i < l->n; i++) {
        pb_entry *x = l->items[i];
        int fi = wm_pb_field(x->kind, "for_each");
        if (x->key[fi] && x->for_each == PB_FE_NONE)
            return; /* a for_each already reported as invalid */
        if (x->for_each != fe)
            continue;
        if (!first) {
            first = x;
        } else if (!at_least && (!c->tmpl || x->src->extra)) {
            char hint[200];
            snprintf(hint, sizeof hint, "one entry brings in every %s: remove one",
                     fe == PB_FE_OBJECTIVE_MEASURE ? "objective measure" : "record");
            err(x, x->key[fi]->pos, hint,
                "a second entry with for_each: %s in %s (the first is %s)",
                wm_pb_for_each_names[fe], section, first->label);
        }
    }
    if (first)
        return;
    if (c->tmpl) {
        report_removed(c, section, fe, role);
        return;
    }
    err(c->root, c->root->key[f]->pos, add, "%s has no entry with for_each: %s", section,
        wm_pb_for_each_names[fe]);
}

static void dora(ck *c)
{
    int f = wm_pb_field(&wm_pb_template, "measures");
    if (!c->root->val[f])
        return;
    const pb_list *l = &c->root->sub[f];
    for (size_t i = 0; wm_pb_dora[i]; i++) {
        if (find(l, wm_pb_dora[i]))
            continue;
        const char *hint = "a template keeps the four DORA measures: deployment_frequency, "
                           "lead_time_for_changes, change_failure_rate and time_to_restore";
        if (!c->tmpl) {
            err(c->root, c->root->key[f]->pos, hint, "measures is missing the DORA measure '%s'",
                wm_pb_dora[i]);
            continue;
        }
        const pb_entry *t = find(wm_pb_sub(c->tmpl, "measures"), wm_pb_dora[i]);
        if (t && t->omitted_by)
            wm_schema_error(&c->extra->s, t->omitted_by->pos,
                            "a playbook keeps the four DORA measures; to change one, replace it "
                            "in playbook.extra.measures",
                            "playbook.extra.omit drops the DORA measure '%s'", wm_pb_dora[i]);
    }
}

static long int_of(const wm_ynode *v)
{
    return v ? strtol(v->text, NULL, 10) : 0;
}

static void periods(ck *c)
{
    const pb_list *pl = wm_pb_sub(c->root, "plan_30_60_90");
    if (!pl->n || !pl->items[0])
        return;
    const pb_entry *plan = pl->items[0];
    int f = wm_pb_field(plan->kind, "periods");
    const wm_ynode *v = plan->val[f];
    if (!v)
        return;
    static const char *const HINT = "the three periods are days 1-30, 31-60 and 61-90, in that "
                                    "order";
    if (v->n != 3) {
        err(plan, plan->key[f]->pos, HINT,
            "'plan_30_60_90.periods' has %zu period%s; expected "
            "exactly three",
            v->n, v->n == 1 ? "" : "s");
        return;
    }
    static const char *const NTH[] = {"first", "second", "third"};
    for (size_t i = 0; i < 3 && plan->sub[f].n == 3; i++) {
        const pb_entry *p = plan->sub[f].items[i];
        const wm_ynode *from = wm_pb_val(p, "from"), *to = wm_pb_val(p, "to");
        if (!from || !to)
            continue;
        long ef = (long)i * 30 + 1, et = (long)i * 30 + 30;
        if (int_of(from) == ef && int_of(to) == et)
            continue;
        err(p, int_of(from) != ef ? from->pos : to->pos, HINT,
            "%s covers days %ld to %ld; the %s period covers days %ld to %ld", p->label,
            int_of(from), int_of(to), NTH[i], ef, et);
    }
}

/* After a merge: a list that omit emptied. */
static void emptied(ck *c, const char *section, const char *sub, const char *noun)
{
    const pb_list *m = wm_pb_sub(c->root, section), *t = wm_pb_sub(c->tmpl, section);
    if (sub) {
        if (!m->n || !t->n)
            return;
        m = wm_pb_sub(m->items[0], sub);
        t = wm_pb_sub(t->items[0], sub);
    }
    if (m->n || !t->n)
        return;
    const wm_ynode *last = NULL;
    for (size_t i = 0; i < t->n; i++) {
        const wm_ynode *o = t->items[i]->omitted_by;
        if (o && (!last || o->pos.line > last->pos.line ||
                  (o->pos.line == last->pos.line && o->pos.col > last->pos.col)))
            last = o;
    }
    if (!last)
        return;
    char hint[200];
    snprintf(hint, sizeof hint,
             "a playbook needs at least one %s: keep one, or add one in "
             "playbook.extra",
             noun);
    wm_schema_error(&c->extra->s, last->pos, hint, "playbook.extra.omit leaves no %s", noun);
}

void wm_pb_check(pb_entry *root, const pb_entry *template_root, pb_src *extra)
{
    ck c = {root, template_root, extra, NULL, NULL, NULL, NULL};
    int f = wm_pb_field(&wm_pb_template, "roles");
    if (root->val[f])
        c.roles = &root->sub[f];
    f = wm_pb_field(&wm_pb_template, "locations");
    c.locations = &root->sub[f]; /* empty when absent */
    if (root->key[f] && !root->val[f])
        c.locations = NULL;
    f = wm_pb_field(&wm_pb_template, "rituals");
    if (root->val[f])
        c.rituals = &root->sub[f];
    const pb_list *raci = wm_pb_sub(root, "raci");
    if (raci->n)
        c.columns = wm_pb_val(raci->items[0], "roles");

    check_refs(&c, root);
    if (c.roles)
        fallback_cycles(&c);
    dora(&c);
    repeated_entry(&c, "measures", PB_FE_OBJECTIVE_MEASURE, false,
                   "it brings the client's objective measures into the playbook",
                   "add the measure that brings in the client's objective measures "
                   "(objective_measures in playbooks/standard.yaml)");
    repeated_entry(&c, "quality_gates", PB_FE_INITIATIVE, true,
                   "it gives each scheduled initiative its go-live gate",
                   "add a go-live gate repeated for each scheduled initiative "
                   "(initiative_go_live in playbooks/standard.yaml)");
    if (!template_root) {
        static const char *const LISTS[][3] = {{"rituals", NULL, "ritual"},
                                               {"measures", NULL, "measure"},
                                               {"quality_gates", NULL, "quality gate"},
                                               {"documentation", NULL, "document"},
                                               {"raci", "activities", "raci activity"},
                                               {"vendors", "practices", "vendor practice"},
                                               {"plan_30_60_90", "periods", "period"}};
        for (size_t i = 0; i < sizeof LISTS / sizeof *LISTS; i++) {
            const pb_list *l = wm_pb_sub(root, LISTS[i][0]);
            if (LISTS[i][1])
                l = l->n ? wm_pb_sub(l->items[0], LISTS[i][1]) : NULL;
            if (l)
                unique_ids(l, LISTS[i][2]);
        }
        /* Control ids are unique across the four groups. */
        const pb_list *cl = wm_pb_sub(root, "controls");
        if (cl->n) {
            const pb_entry *ctl = cl->items[0];
            size_t n = 0;
            for (int g = 0; g < ctl->kind->n_fields; g++)
                n += ctl->sub[g].n;
            pb_list all = {wm_xcalloc(n + 1, sizeof(pb_entry *)), 0};
            for (int g = 0; g < ctl->kind->n_fields; g++)
                for (size_t i = 0; i < ctl->sub[g].n; i++)
                    all.items[all.n++] = ctl->sub[g].items[i];
            unique_ids(&all, "control");
            free(all.items);
        }
        periods(&c);
    } else {
        emptied(&c, "rituals", NULL, "ritual");
        emptied(&c, "documentation", NULL, "document");
        emptied(&c, "raci", "activities", "raci activity");
        emptied(&c, "vendors", "practices", "vendor practice");
    }
}
