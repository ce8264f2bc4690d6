/*
 * narrative.c - the engagement's narrative parsed (narrative_parse.c), its
 * placeholders checked against the one table of placeholder names, and the
 * result shaped as ctx.engagement.narrative for the document plugins, which
 * fill each placeholder from the plan with the deliverable's formatting
 * (plugins/document/_narrative.lua).
 *
 * PLACEHOLDERS is the only list of names: docs/narrative.md prints it
 * (tests/docs/check_narrative.py holds the two together), this file checks
 * names against it, and each placeholder carries its row's source and
 * format to the plugins, so a name cannot mean one thing here and another
 * there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "narrative.h"

/* ---- the placeholders ----
 *
 * A name is a family's prefix and a field: "totals.cost" (the plan's),
 * "initiative.ID.end" (an initiative's), and "scenario.ID.p80" (a
 * scenario's own); "scenario.ID.NAME" is also any plan or record name in
 * that scenario's plan ("scenario.S2.totals.cost").  `source` is where the
 * value is in the plan JSON (docs/plan.md), with [ID] for the record;
 * `format` names the formatting function of plugins/document/_fmt.lua. */

typedef enum { F_PLAN, F_INITIATIVE, F_OBJECTIVE, F_RISK, F_SCENARIO, F_COUNT } family;

static const struct {
    const char *prefix; /* the name's start; records add ".ID" */
    const char *list;   /* the plan's list of records, or NULL */
    const char *noun;
} FAMILIES[F_COUNT] = {
    [F_PLAN] = {"", NULL, NULL},
    [F_INITIATIVE] = {"initiative", "initiatives", "initiative"},
    [F_OBJECTIVE] = {"objective", "objectives", "objective"},
    [F_RISK] = {"risk", "risks", "risk"},
    [F_SCENARIO] = {"scenario", "scenarios", "scenario"},
};

typedef struct {
    family fam;
    const char *field;  /* after the family's prefix and id */
    const char *source; /* in the plan, from the record for a family with one */
    const char *format;
} placeholder;

static const placeholder PLACEHOLDERS[] = {
    {F_PLAN, "totals.cost", "totals.cost", "money"},
    {F_PLAN, "totals.labour", "totals.labour", "money"},
    {F_PLAN, "totals.other", "totals.other", "money"},
    {F_PLAN, "totals.contingency", "totals.contingency", "money"},
    {F_PLAN, "totals.p50", "totals.p50", "money"},
    {F_PLAN, "totals.p80", "totals.p80", "money"},
    {F_PLAN, "totals.p90", "totals.p90", "money"},
    {F_PLAN, "totals.p_within_budget", "totals.p_within_budget", "pct"},
    {F_PLAN, "totals.scheduled", "totals.scheduled", "count"},
    {F_PLAN, "totals.deferred", "totals.deferred", "count"},
    {F_PLAN, "budget.total", "totals.budget", "money"},
    {F_PLAN, "budget.variance", "totals.variance", "money"},
    {F_PLAN, "budget.gap", "totals.variance", "money_abs"},
    {F_PLAN, "plan.start", "quarters[#1]", "quarter"},
    {F_PLAN, "plan.end", "quarters[#-1]", "quarter"},
    {F_INITIATIVE, "title", "title", "text"},
    {F_INITIATIVE, "rank", "rank", "count"},
    {F_INITIATIVE, "tier", "tier", "tier"},
    {F_INITIATIVE, "start", "start", "quarter"},
    {F_INITIATIVE, "end", "end", "quarter"},
    {F_INITIATIVE, "cost", "cost", "money"},
    {F_INITIATIVE, "labour", "labour", "money"},
    {F_INITIATIVE, "other", "other", "money"},
    {F_INITIATIVE, "contingency", "contingency", "money"},
    {F_INITIATIVE, "effort_days", "effort_days", "days"},
    {F_OBJECTIVE, "title", "title", "text"},
    {F_OBJECTIVE, "deadline", "deadline", "quarter"},
    {F_OBJECTIVE, "completes", "completes", "quarter"},
    {F_RISK, "title", "title", "text"},
    {F_RISK, "score", "score", "count"},
    {F_RISK, "band", "band", "band"},
    {F_SCENARIO, "name", "name", "text"},
    {F_SCENARIO, "cost", "plan.totals.cost", "money"},
    {F_SCENARIO, "p80", "plan.totals.p80", "money"},
    {F_SCENARIO, "variance", "plan.totals.variance", "money"},
};
enum { N_PLACEHOLDERS = sizeof PLACEHOLDERS / sizeof PLACEHOLDERS[0] };

/* The row of `fam` whose field is `field`, or NULL. */
static const placeholder *find_field(family fam, const char *field)
{
    for (size_t i = 0; i < N_PLACEHOLDERS; i++)
        if (PLACEHOLDERS[i].fam == fam && strcmp(PLACEHOLDERS[i].field, field) == 0)
            return &PLACEHOLDERS[i];
    return NULL;
}

/* ---- checking a name ---- */

typedef struct {
    wm_engagement *e;
    const wm_ynode *scenarios; /* the file's `scenarios:` list, or NULL */
    wm_schema *s;
    const char *src;
    size_t src_len;
    wm_arena *a;
    size_t links;
    const char *what; /* the text being read: "narrative.summary" */
    /* Ids, each an object's keys (hashed: a lookup costs the same however
     * many there are), built when first needed: per family the records'
     * ids, and for F_SCENARIO the scenarios' (to their place in the list);
     * per scenario, the ids its `add:` brings. */
    wm_value *index[F_COUNT];
    wm_value **added;
    const wm_ynode *node; /* the placeholder being checked: its text's node */
    const wm_nv_run *run; /* and its run */
    size_t placed;        /* reports placed at their line:col (where) */
} loader;

static const char *record_id(family fam, const wm_engagement *e, size_t i)
{
    return fam == F_INITIATIVE  ? e->initiatives[i].id
           : fam == F_OBJECTIVE ? e->objectives[i].id
                                : e->risks[i].id;
}

static size_t record_count(family fam, const wm_engagement *e)
{
    return fam == F_INITIATIVE  ? e->n_initiatives
           : fam == F_OBJECTIVE ? e->n_objectives
                                : e->n_risks;
}

typedef struct {
    const char **ids;
    size_t n;
} id_list;

static const char *id_at(const void *ctx, size_t i)
{
    const id_list *l = ctx;
    return l->ids[i];
}

/* The id of a list item (a mapping's `id` scalar), or NULL. */
static const wm_ynode *item_id(const wm_ynode *item)
{
    const wm_ynode *v = item->kind == WM_YMAP ? wm_ymap_get(item, "id") : NULL;
    return v && v->kind == WM_YSCALAR ? v : NULL;
}

/* The ids of mappings anywhere under `n` (a scenario's `add:`), as keys of
 * `out`. */
static void ids_under(const wm_ynode *n, wm_arena *a, wm_value *out, size_t depth)
{
    if (!n || depth > 8)
        return;
    if (n->kind == WM_YMAP) {
        const wm_ynode *id = item_id(n);
        if (id)
            wm_vobj_set(a, out, id->text, wm_vbool(a, true));
        for (size_t i = 0; i < n->n; i++)
            ids_under(wm_ymap_value(n, i), a, out, depth + 1);
    } else if (n->kind == WM_YSEQ) {
        for (size_t i = 0; i < n->n; i++)
            ids_under(n->items[i], a, out, depth + 1);
    }
}

/* The index of `fam`'s ids (loader.index). */
static const wm_value *index_of(loader *ld, family fam)
{
    if (ld->index[fam])
        return ld->index[fam];
    wm_value *o = wm_vobj(ld->a);
    if (fam == F_SCENARIO) {
        const wm_ynode *l = ld->scenarios;
        for (size_t i = 0; l && l->kind == WM_YSEQ && i < l->n; i++) {
            const wm_ynode *id = item_id(l->items[i]);
            if (id && !wm_vobj_get(o, id->text))
                wm_vobj_set(ld->a, o, id->text, wm_vint(ld->a, (int64_t)i));
        }
    } else {
        for (size_t i = 0; i < record_count(fam, ld->e); i++)
            wm_vobj_set(ld->a, o, record_id(fam, ld->e, i), wm_vbool(ld->a, true));
    }
    return ld->index[fam] = o;
}

/* The ids a scenario (its place in `scenarios:`) adds (loader.added). */
static const wm_value *added_ids(loader *ld, size_t sc)
{
    if (!ld->added)
        ld->added = WM_ARENA_NEW(ld->a, wm_value *, ld->scenarios->n);
    if (!ld->added[sc]) {
        ld->added[sc] = wm_vobj(ld->a);
        ids_under(wm_ymap_get(ld->scenarios->items[sc], "add"), ld->a, ld->added[sc], 0);
    }
    return ld->added[sc];
}

/* Whether `ids` (an index) holds id[0..len). */
static bool has_id(const wm_value *ids, const char *id, size_t len)
{
    char key[80];
    if (len >= sizeof key)
        return false; /* longer than any id (64) */
    memcpy(key, id, len);
    key[len] = '\0';
    return wm_vobj_get(ids, key) != NULL;
}

/* The place in `scenarios:` of the scenario with id id[0..len), or -1. */
static long scenario(loader *ld, const char *id, size_t len)
{
    if (!ld->scenarios || !has_id(index_of(ld, F_SCENARIO), id, len))
        return -1;
    char key[80];
    memcpy(key, id, len);
    key[len] = '\0';
    return (long)wm_vobj_get(index_of(ld, F_SCENARIO), key)->u.i;
}

/* An index's ids as a list, for "did you mean". */
static id_list keys_of(loader *ld, const wm_value *ids)
{
    id_list l = {WM_ARENA_NEW(ld->a, const char *, ids->u.obj.n + 1), 0};
    for (size_t i = 0; i < ids->u.obj.n; i++)
        l.ids[l.n++] = ids->u.obj.pairs[i].key;
    return l;
}

/* What a placeholder resolves to: its row, and the source with ids in. */
typedef struct {
    const placeholder *row;
    char source[400];
} resolved;

/* Where bytes [off, off + len) of text node `n` are in the file.  Each
 * costs a pass over the file, so only the first MAX_PLACED reports are
 * placed there; the rest are at their text's start. */
#define MAX_PLACED 50
static wm_pos where(loader *ld, const wm_ynode *n, size_t off, size_t len)
{
    if (ld->placed == MAX_PLACED)
        return n->pos;
    ld->placed++;
    return wm_ynode_text_pos(ld->src, ld->src_len, n, off, len);
}

/* Reports `msg` at the placeholder being checked and returns false. */
static bool bad(loader *ld, const char *hint, const char *msg)
{
    const wm_nv_run *r = ld->run;
    wm_schema_error(ld->s, where(ld, ld->node, r->off, r->len), hint, "%s", msg);
    return false;
}

/* An unknown id of `fam` in placeholder `name`; ids also those of `extra`
 * (an index, or NULL). */
static bool unknown_id(loader *ld, family fam, const char *name, const char *id,
                       const wm_value *extra)
{
    id_list base = keys_of(ld, index_of(ld, fam)), more = {NULL, 0};
    if (extra)
        more = keys_of(ld, extra);
    id_list l = {WM_ARENA_NEW(ld->a, const char *, base.n + more.n + 1), 0};
    for (size_t i = 0; i < base.n; i++)
        l.ids[l.n++] = base.ids[i];
    for (size_t i = 0; i < more.n; i++)
        l.ids[l.n++] = more.ids[i];
    const char *near = wm_suggest(id, l.n, id_at, &l);
    char hint[160], msg[400];
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    else
        snprintf(hint, sizeof hint, "a placeholder names a %s by its id", FAMILIES[fam].noun);
    char *q = wm_quote(name, strlen(name), 80);
    snprintf(msg, sizeof msg, "placeholder '{{%s}}' in %s names no %s '%s'", q, ld->what,
             FAMILIES[fam].noun, id);
    free(q);
    return bad(ld, hint, msg);
}

/* An unknown field of `fam` in placeholder `name`; `lead` is what comes
 * before the field ("initiative.I3." or "scenario.S2."), for the hint. */
static bool unknown_name(loader *ld, const char *name, family fam, const char *lead,
                         const char *field)
{
    id_list fields = {WM_ARENA_NEW(ld->a, const char *, N_PLACEHOLDERS + 1), 0};
    for (size_t i = 0; i < N_PLACEHOLDERS; i++)
        if (PLACEHOLDERS[i].fam == fam || (fam == F_SCENARIO && PLACEHOLDERS[i].fam == F_PLAN))
            fields.ids[fields.n++] = PLACEHOLDERS[i].field;
    const char *near = wm_suggest(field, fields.n, id_at, &fields);
    char hint[300], msg[300];
    if (near)
        snprintf(hint, sizeof hint, "did you mean '{{%.*s%s}}'? (docs/narrative.md lists them all)",
                 wm_utf8_cut(lead, 120), lead, near);
    else
        snprintf(hint, sizeof hint,
                 "placeholders are totals.*, budget.*, plan.*, initiative.ID.*, "
                 "objective.ID.*, risk.ID.* and scenario.ID.*; docs/narrative.md lists them");
    char *q = wm_quote(name, strlen(name), 80);
    snprintf(msg, sizeof msg, "unknown placeholder '{{%s}}' in %s", q, ld->what);
    free(q);
    return bad(ld, hint, msg);
}

/* Appends `part` to r->source. */
static void add_source(resolved *r, const char *part)
{
    size_t n = strlen(r->source);
    snprintf(r->source + n, sizeof r->source - n, "%s", part);
}

/* `name` (after a scenario's prefix when `in_scenario`) in the plan's own
 * families; `extra` ids a scenario adds. */
static bool check_plain(loader *ld, const char *full, const char *name, resolved *r,
                        const wm_value *extra)
{
    for (int f = F_INITIATIVE; f <= F_RISK; f++) {
        size_t pl = strlen(FAMILIES[f].prefix);
        if (strncmp(name, FAMILIES[f].prefix, pl) != 0 || name[pl] != '.')
            continue;
        /* "initiative.ID.FIELD": the id may hold dots, the field does not. */
        const char *id = name + pl + 1, *dot = strrchr(id, '.');
        if (!dot || dot == id)
            return unknown_name(ld, full, (family)f, "", name);
        char idbuf[128], lead[200];
        snprintf(idbuf, sizeof idbuf, "%.*s", (int)(dot - id), id);
        snprintf(lead, sizeof lead, "%.*s", (int)(dot + 1 - full), full);
        const placeholder *row = find_field((family)f, dot + 1);
        if (!row)
            return unknown_name(ld, full, (family)f, lead, dot + 1);
        size_t idlen = (size_t)(dot - id);
        bool found = has_id(index_of(ld, (family)f), id, idlen) ||
                     (extra && f == F_INITIATIVE && has_id(extra, id, idlen));
        if (!found)
            return unknown_id(ld, (family)f, full, idbuf, f == F_INITIATIVE ? extra : NULL);
        r->row = row;
        char part[300];
        snprintf(part, sizeof part, "%s[%s].%s", FAMILIES[f].list, idbuf, row->source);
        add_source(r, part);
        return true;
    }
    const placeholder *row = find_field(F_PLAN, name);
    if (!row) {
        char lead[200];
        snprintf(lead, sizeof lead, "%.*s", (int)(name - full), full);
        return unknown_name(ld, full, name == full ? F_PLAN : F_SCENARIO, lead, name);
    }
    r->row = row;
    add_source(r, row->source);
    return true;
}

static bool check_name(loader *ld, const char *name, resolved *r)
{
    r->row = NULL;
    r->source[0] = '\0';
    if (strncmp(name, "scenario.", 9) != 0)
        return check_plain(ld, name, name, r, NULL);
    /* "scenario.ID.REST": the id is the longest one of `scenarios:` that
     * fits, since ids may hold dots. */
    const char *id = name + 9;
    if (!ld->scenarios) {
        char msg[300];
        char *q = wm_quote(name, strlen(name), 80);
        snprintf(msg, sizeof msg,
                 "placeholder '{{%s}}' in %s names a scenario, and the engagement has none", q,
                 ld->what);
        free(q);
        return bad(ld, "add the scenario under 'scenarios:', or use a figure of this plan", msg);
    }
    long sc = -1;
    size_t idlen = 0;
    for (const char *d = strchr(id, '.'); d && d - id <= 64; d = strchr(d + 1, '.')) {
        long x = scenario(ld, id, (size_t)(d - id));
        if (x >= 0)
            sc = x, idlen = (size_t)(d - id);
    }
    if (sc < 0 && scenario(ld, id, strlen(id)) >= 0)
        return unknown_name(ld, name, F_SCENARIO, name, ""); /* "scenario.S2" alone */
    if (sc < 0) {
        const char *d = strchr(id, '.');
        char idbuf[128];
        snprintf(idbuf, sizeof idbuf, "%.*s", d ? (int)(d - id) : (int)strlen(id), id);
        id_list l = keys_of(ld, index_of(ld, F_SCENARIO));
        const char *near = wm_suggest(idbuf, l.n, id_at, &l);
        char hint[160], msg[400];
        if (near)
            snprintf(hint, sizeof hint, "did you mean '%s'?", near);
        else
            snprintf(hint, sizeof hint, "a placeholder names a scenario by its id");
        char *q = wm_quote(name, strlen(name), 80);
        snprintf(msg, sizeof msg, "placeholder '{{%s}}' in %s names no scenario '%s'", q, ld->what,
                 idbuf);
        free(q);
        return bad(ld, hint, msg);
    }
    const char *rest = id + idlen + 1;
    char part[200];
    snprintf(part, sizeof part, "scenarios[%.*s].", (int)idlen, id);
    add_source(r, part);
    const placeholder *own = find_field(F_SCENARIO, rest);
    if (own) {
        r->row = own;
        add_source(r, own->source);
        return true;
    }
    add_source(r, "plan.");
    return check_plain(ld, name, rest, r, added_ids(ld, (size_t)sc));
}

/* ---- the value ---- */

static void set_bool(wm_arena *a, wm_value *o, const char *key, bool on)
{
    if (on)
        wm_vobj_set(a, o, key, wm_vbool(a, true));
}

/* Runs as the document's run tables; a placeholder as { placeholder,
 * source, format }.  False when a placeholder is unknown (reported). */
static wm_value *runs_value(loader *ld, const wm_ynode *n, const wm_nv_text *t, bool *ok)
{
    wm_arena *a = ld->a;
    wm_value *list = wm_varr(a);
    for (size_t i = 0; i < t->n; i++) {
        const wm_nv_run *r = &t->runs[i];
        wm_value *v = wm_vobj(a);
        if (r->placeholder) {
            resolved res;
            ld->node = n;
            ld->run = r;
            if (!check_name(ld, r->text, &res)) {
                *ok = false;
                continue;
            }
            wm_vobj_set(a, v, "placeholder", wm_vstr(a, r->text));
            wm_vobj_set(a, v, "source", wm_vstr(a, res.source));
            wm_vobj_set(a, v, "format", wm_vstr(a, res.row->format));
        } else {
            wm_vobj_set(a, v, "text", wm_vstr(a, r->text));
            if (r->link)
                wm_vobj_set(a, v, "link", wm_vstr(a, r->link));
        }
        set_bool(a, v, "bold", r->style & WM_NV_BOLD);
        set_bool(a, v, "italic", r->style & WM_NV_ITALIC);
        wm_varr_push(a, list, v);
    }
    return list;
}

/* One text parsed: its errors reported, placeholders checked; NULL when
 * something was wrong.  `doc` receives the parse. */
static bool parse(loader *ld, const wm_ynode *n, const char *what, wm_nv_doc *doc)
{
    wm_nv_parse(ld->a, n->text, n->len, doc);
    ld->links += doc->n_links;
    ld->what = what;
    for (size_t i = 0; i < doc->n_errors; i++) {
        const wm_nv_error *er = &doc->errors[i];
        wm_schema_error(ld->s, where(ld, n, er->off, er->len), er->hint, "%s: %s", what,
                        er->message);
    }
    return doc->n_errors == 0;
}

/* Blocks as the document's paragraph and list tables (with placeholder
 * runs); NULL after reporting. */
static wm_value *blocks_value(loader *ld, const wm_ynode *n, const char *what)
{
    wm_nv_doc doc;
    bool ok = parse(ld, n, what, &doc);
    wm_arena *a = ld->a;
    wm_value *list = wm_varr(a);
    for (size_t i = 0; i < doc.n; i++) {
        const wm_nv_block *b = &doc.blocks[i];
        wm_value *v = wm_vobj(a);
        if (b->kind == WM_NV_PARAGRAPH) {
            wm_vobj_set(a, v, "type", wm_vstr(a, "paragraph"));
            wm_vobj_set(a, v, "text", runs_value(ld, n, &b->items[0], &ok));
        } else {
            wm_vobj_set(a, v, "type", wm_vstr(a, "list"));
            wm_vobj_set(a, v, "numbered", wm_vbool(a, b->kind == WM_NV_NUMBERED));
            wm_value *items = wm_varr(a);
            for (size_t k = 0; k < b->n; k++)
                wm_varr_push(a, items, runs_value(ld, n, &b->items[k], &ok));
            wm_vobj_set(a, v, "items", items);
        }
        wm_varr_push(a, list, v);
    }
    return ok ? list : NULL;
}

/* The sections the document has only when the engagement has a key:
 * a note for one of them without that key is never shown. */
static const struct {
    const char *section, *key;
} NEEDS[] = {{"assessment", "assessment"}, {"playbook", "playbook"}, {"options", "scenarios"}};

static void warn_unshown(loader *ld, const wm_ynode *root, const wm_ynode *k)
{
    for (size_t i = 0; i < sizeof NEEDS / sizeof *NEEDS; i++) {
        if (strcmp(k->text, NEEDS[i].section) != 0)
            continue;
        const wm_ynode *v = wm_ymap_get(root, NEEDS[i].key);
        if (v && !wm_ynode_is_null(v))
            return;
        char hint[120];
        snprintf(hint, sizeof hint, "the document has that section only with '%s:'", NEEDS[i].key);
        wm_schema_warning(ld->s, k->pos, hint,
                          "narrative.notes.%s is not shown: the engagement has no '%s'",
                          NEEDS[i].section, NEEDS[i].key);
    }
}

/* Bytes of all the narrative's texts, and links, at most: far above any
 * board's page of words, and far under the document's own limits. */
#define MAX_BYTES 200000
#define MAX_LINKS 1000

void wm_nv_load(wm_engagement *e, const wm_ynode *root, const char *text, size_t len, wm_schema *s)
{
    if (!e->narrative.key)
        return;
    wm_arena *a = s->arena;
    loader ld = {.e = e,
                 .scenarios = wm_ymap_get(root, "scenarios"),
                 .s = s,
                 .src = text,
                 .src_len = len,
                 .a = a};
    size_t errors = s->diags->errors;
    const wm_ynode *recs = e->narrative.recommendations, *notes = e->narrative.notes;
    size_t bytes = e->narrative.summary ? e->narrative.summary->len : 0;
    for (size_t i = 0; recs && i < recs->n; i++)
        bytes += recs->items[i]->len;
    for (size_t i = 0; notes && i < notes->n; i++)
        bytes += wm_ymap_value(notes, i)->len;
    if (bytes > MAX_BYTES) {
        wm_schema_error(s, e->narrative.key->pos,
                        "a board reads a page or two of words; move the rest to an appendix",
                        "the narrative has %zu bytes of text, more than %d", bytes, MAX_BYTES);
        return;
    }
    wm_value *v = wm_vobj(a);
    if (e->narrative.summary) {
        wm_value *b = blocks_value(&ld, e->narrative.summary, "narrative.summary");
        if (b)
            wm_vobj_set(a, v, "summary", b);
    }
    wm_value *rl = wm_varr(a);
    for (size_t i = 0; recs && i < recs->n; i++) {
        const wm_ynode *n = recs->items[i];
        char what[64];
        snprintf(what, sizeof what, "narrative.recommendations[%zu]", i + 1);
        wm_nv_doc doc;
        bool ok = parse(&ld, n, what, &doc);
        if (doc.n > 1 || (doc.n == 1 && doc.blocks[0].kind != WM_NV_PARAGRAPH)) {
            wm_schema_error(s, n->pos, "write each recommendation as its own item of the list",
                            "%s is more than one paragraph; a recommendation is one", what);
            continue;
        }
        if (doc.n == 1) {
            wm_value *runs = runs_value(&ld, n, &doc.blocks[0].items[0], &ok);
            if (ok)
                wm_varr_push(a, rl, runs);
        }
    }
    wm_vobj_set(a, v, "recommendations", rl);
    wm_value *nl = wm_vobj(a);
    for (size_t i = 0; notes && i < notes->n; i++) {
        const wm_ynode *k = wm_ymap_key(notes, i), *n = wm_ymap_value(notes, i);
        if (wm_ynode_is_null(n))
            continue;
        char what[80];
        snprintf(what, sizeof what, "narrative.notes.%.40s", k->text);
        wm_value *b = blocks_value(&ld, n, what);
        if (b)
            wm_vobj_set(a, nl, k->text, b);
        warn_unshown(&ld, root, k);
    }
    wm_vobj_set(a, v, "notes", nl);
    if (ld.links > MAX_LINKS)
        wm_schema_error(s, e->narrative.key->pos, "link to a page that lists the rest",
                        "the narrative has %zu links, more than %d", ld.links, MAX_LINKS);
    if (s->diags->errors == errors)
        e->narrative.loaded = v;
}
