/*
 * playbook_schema.c - the `waymark-playbook/1` format as tables (one kind
 * per mapping the format defines, docs/playbooks.md "The template format"),
 * and the reader that checks a YAML tree against them: keys, types,
 * required fields, and what one entry can check on its own (for_each and
 * select, a chair among the attendees, one A per RACI row, the DORA kinds).
 *
 * References between entries, placeholders and the whole-template rules
 * are playbook_rules.c's.  `playbook.extra` is read by the same tables,
 * with its own root and containers (wm_pb_extra): the keys extra cannot
 * change are PB_FIXED there.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "playbook_int.h"

#define BIT(i) ((uint64_t)1 << (i))

const char *const wm_pb_for_each_names[] = {"initiative", "objective_measure", "risk", NULL};

static const char *const MEASURE_KINDS[] = {"dora", "flow", "objective", NULL};
static const char *const STARTS[] = {"first", "next", NULL};
static const char *const BANDS[] = {"low", "medium", "high", "critical", NULL};
const char *const wm_pb_dora[] = {"deployment_frequency", "lead_time_for_changes",
                                  "change_failure_rate", "time_to_restore", NULL};

/* ---- the tables ---- */

#define REQ(n, t)                                                                                  \
    {                                                                                              \
        n, t, true, false, NULL, NULL                                                              \
    }
#define REQ1(n, t)                                                                                 \
    {                                                                                              \
        n, t, true, true, NULL, NULL                                                               \
    }
#define OPT(n, t)                                                                                  \
    {                                                                                              \
        n, t, false, false, NULL, NULL                                                             \
    }
#define ENUM(n, v)                                                                                 \
    {                                                                                              \
        n, PB_ENUM, true, false, NULL, v                                                           \
    }
#define SUB(n, t, k)                                                                               \
    {                                                                                              \
        n, t, true, true, &k, NULL                                                                 \
    }
#define OSUB(n, t, k)                                                                              \
    {                                                                                              \
        n, t, false, false, &k, NULL                                                               \
    }
#define REPEAT OPT("for_each", PB_FOR_EACH), OPT("select", PB_SELECT)
#define END                                                                                        \
    {                                                                                              \
        NULL, PB_TEXT, false, false, NULL, NULL                                                    \
    }
#define N(f) ((int)(sizeof f / sizeof *f) - 1)

static const pb_field LOCATION_F[] = {REQ("text", PB_PLAIN), END};
const pb_kind wm_pb_location = {"location", "locations",    LOCATION_F,   N(LOCATION_F),
                                PB_FE_NONE, .scalar = true, .keyed = true};

static const pb_field ROLE_F[] = {REQ("title", PB_PLAIN),          REQ("description", PB_PLAIN),
                                  OPT("required", PB_BOOL),        OPT("fallback", PB_ROLE),
                                  OPT("independent_of", PB_ROLES), END};
const pb_kind wm_pb_role = {"role", "roles", ROLE_F, N(ROLE_F), PB_FE_NONE, .keyed = true};

static const pb_field RITUAL_F[] = {REQ("id", PB_ID),
                                    REQ("name", PB_TEXT),
                                    REQ("cadence", PB_TEXT),
                                    OPT("chair", PB_ROLE),
                                    REQ1("attendees", PB_ROLES),
                                    OPT("others", PB_TEXTS),
                                    REQ("purpose", PB_TEXT),
                                    REQ1("inputs", PB_TEXTS),
                                    REQ1("outputs", PB_TEXTS),
                                    REPEAT,
                                    END};
const pb_kind wm_pb_ritual = {"ritual",   "rituals", RITUAL_F, N(RITUAL_F),
                              PB_FE_NONE, false,     false,    false};

static const pb_field MEASURE_F[] = {REQ("id", PB_ID),
                                     ENUM("kind", MEASURE_KINDS),
                                     REQ("name", PB_TEXT),
                                     REQ("definition", PB_TEXT),
                                     REQ("baseline", PB_BASELINE),
                                     REQ("target", PB_TEXT),
                                     REQ("how_measured", PB_TEXT),
                                     REQ("owner", PB_ROLE),
                                     OPT("reviewed_in", PB_RITUAL),
                                     REPEAT,
                                     END};
const pb_kind wm_pb_measure = {
    "measure", "measures", MEASURE_F, N(MEASURE_F), PB_FE_OBJECTIVE_MEASURE, false, false, false};

static const pb_field GATE_F[] = {REQ("id", PB_ID),
                                  REQ("stage", PB_TEXT),
                                  REQ1("criteria", PB_TEXTS),
                                  REQ("sign_off", PB_ROLE),
                                  REPEAT,
                                  END};
const pb_kind wm_pb_gate = {"quality gate",   "quality_gates", GATE_F, N(GATE_F),
                            PB_FE_INITIATIVE, false,           false,  false};

static const pb_field CONTROL_F[] = {REQ("id", PB_ID),
                                     REQ("name", PB_TEXT),
                                     OPT("detail", PB_TEXT),
                                     REQ("frequency", PB_TEXT),
                                     REQ("owner", PB_ROLE),
                                     REQ("evidence", PB_TEXT),
                                     REPEAT,
                                     END};
const pb_kind wm_pb_control = {"control",  "controls", CONTROL_F, N(CONTROL_F),
                               PB_FE_RISK, false,      false,     false};

static const pb_field CONTROLS_F[] = {{"risk", PB_LIST, true, false, &wm_pb_control, NULL},
                                      {"security", PB_LIST, true, false, &wm_pb_control, NULL},
                                      {"privacy", PB_LIST, true, false, &wm_pb_control, NULL},
                                      {"continuity", PB_LIST, true, false, &wm_pb_control, NULL},
                                      END};
const pb_kind wm_pb_controls = {"controls",    "controls", CONTROLS_F,
                                N(CONTROLS_F), PB_FE_NONE, .dotted = true};

static const pb_field ACTIVITY_F[] = {REQ("id", PB_ID), REQ("activity", PB_TEXT),
                                      REQ("assign", PB_ASSIGN), REPEAT, END};
const pb_kind wm_pb_activity = {
    "raci activity", "raci.activities", ACTIVITY_F, N(ACTIVITY_F), PB_FE_NONE, false, false, false};

static const pb_field RACI_F[] = {REQ("roles", PB_COLUMNS), OPT("note", PB_TEXT),
                                  SUB("activities", PB_LIST, wm_pb_activity), END};
const pb_kind wm_pb_raci = {"raci", "raci", RACI_F, N(RACI_F), PB_FE_NONE, .dotted = true};

static const pb_field PRACTICE_F[] = {REQ("id", PB_ID),
                                      REQ("name", PB_TEXT),
                                      OPT("detail", PB_TEXT),
                                      REQ("cadence", PB_TEXT),
                                      REQ("owner", PB_ROLE),
                                      REPEAT,
                                      END};
const pb_kind wm_pb_practice = {"vendor practice",
                                "vendors.practices",
                                PRACTICE_F,
                                N(PRACTICE_F),
                                PB_FE_NONE,
                                false,
                                false,
                                false};

static const pb_field VENDORS_F[] = {REQ("owner", PB_ROLE), OPT("summary", PB_TEXT),
                                     SUB("practices", PB_LIST, wm_pb_practice), END};
const pb_kind wm_pb_vendors = {"vendors",    "vendors",  VENDORS_F,
                               N(VENDORS_F), PB_FE_NONE, .dotted = true};

static const pb_field DOCUMENT_F[] = {REQ("id", PB_ID),
                                      REQ("document", PB_TEXT),
                                      REQ("location", PB_TEXT),
                                      REQ("owner", PB_ROLE),
                                      REQ("review", PB_TEXT),
                                      REPEAT,
                                      END};
const pb_kind wm_pb_document = {"document", "documentation", DOCUMENT_F, N(DOCUMENT_F),
                                PB_FE_NONE, false,           false,      false};

static const pb_field ITEM_F[] = {REQ("text", PB_TEXT), REQ("owner", PB_OWNER), REPEAT, END};
const pb_kind wm_pb_item = {"item",           "items", ITEM_F, N(ITEM_F),
                            PB_FE_INITIATIVE, false,   false,  false};

static const pb_field PERIOD_F[] = {REQ("id", PB_ID),
                                    REQ("from", PB_INT),
                                    REQ("to", PB_INT),
                                    REQ("theme", PB_TEXT),
                                    REQ("covers", PB_TEXT),
                                    SUB("items", PB_LIST, wm_pb_item),
                                    OPT("exit_criteria", PB_TEXTS),
                                    REPEAT,
                                    END};
const pb_kind wm_pb_period = {
    "period", "plan_30_60_90.periods", PERIOD_F, N(PERIOD_F), PB_FE_NONE, false, false, false};

static const pb_field PLAN_F[] = {
    OPT("summary", PB_TEXT), {"periods", PB_LIST, true, false, &wm_pb_period, NULL}, END};
const pb_kind wm_pb_plan = {"plan_30_60_90", "plan_30_60_90", PLAN_F,
                            N(PLAN_F),       PB_FE_NONE,      .dotted = true};

static const pb_field TEMPLATE_F[] = {{"format", PB_FORMAT_LINE, true, false, NULL, NULL},
                                      REQ("name", PB_KEY),
                                      REQ("title", PB_TEXT),
                                      REQ("summary", PB_TEXT),
                                      OSUB("locations", PB_KEYMAP, wm_pb_location),
                                      SUB("roles", PB_KEYMAP, wm_pb_role),
                                      SUB("rituals", PB_LIST, wm_pb_ritual),
                                      SUB("measures", PB_LIST, wm_pb_measure),
                                      SUB("quality_gates", PB_LIST, wm_pb_gate),
                                      SUB("controls", PB_OBJECT, wm_pb_controls),
                                      SUB("raci", PB_OBJECT, wm_pb_raci),
                                      SUB("vendors", PB_OBJECT, wm_pb_vendors),
                                      SUB("documentation", PB_LIST, wm_pb_document),
                                      SUB("plan_30_60_90", PB_OBJECT, wm_pb_plan),
                                      END};
const pb_kind wm_pb_template = {"the template", "",         TEMPLATE_F,
                                N(TEMPLATE_F),  PB_FE_NONE, .dotted = true};

/* playbook.extra: the template's sections, each optional, and `omit`. */
static const pb_field X_CONTROLS_F[] = {
    OSUB("risk", PB_LIST, wm_pb_control), OSUB("security", PB_LIST, wm_pb_control),
    OSUB("privacy", PB_LIST, wm_pb_control), OSUB("continuity", PB_LIST, wm_pb_control), END};
static const pb_kind X_CONTROLS = {"controls",      "controls", X_CONTROLS_F,
                                   N(X_CONTROLS_F), PB_FE_NONE, .dotted = true};
static const pb_field X_RACI_F[] = {OPT("roles", PB_FIXED), OPT("note", PB_FIXED),
                                    OSUB("activities", PB_LIST, wm_pb_activity), END};
static const pb_kind X_RACI = {"raci", "raci", X_RACI_F, N(X_RACI_F), PB_FE_NONE, .dotted = true};
static const pb_field X_VENDORS_F[] = {OPT("owner", PB_FIXED), OPT("summary", PB_FIXED),
                                       OSUB("practices", PB_LIST, wm_pb_practice), END};
static const pb_kind X_VENDORS = {"vendors",      "vendors",  X_VENDORS_F,
                                  N(X_VENDORS_F), PB_FE_NONE, .dotted = true};
static const pb_field X_PERIOD_F[] = {REQ("id", PB_ID),
                                      OPT("from", PB_FIXED),
                                      OPT("to", PB_FIXED),
                                      OPT("theme", PB_FIXED),
                                      OPT("covers", PB_FIXED),
                                      SUB("items", PB_LIST, wm_pb_item),
                                      OPT("exit_criteria", PB_FIXED),
                                      END};
static const pb_kind X_PERIOD = {
    "period", "plan_30_60_90.periods", X_PERIOD_F, N(X_PERIOD_F), PB_FE_NONE, false, false, false};
static const pb_field X_PLAN_F[] = {OPT("summary", PB_FIXED), OSUB("periods", PB_LIST, X_PERIOD),
                                    END};
static const pb_kind X_PLAN = {"plan_30_60_90", "plan_30_60_90", X_PLAN_F,
                               N(X_PLAN_F),     PB_FE_NONE,      .dotted = true};
static const pb_field EXTRA_F[] = {OPT("format", PB_FIXED),
                                   OPT("name", PB_FIXED),
                                   OPT("title", PB_FIXED),
                                   OPT("summary", PB_FIXED),
                                   OSUB("locations", PB_KEYMAP, wm_pb_location),
                                   OSUB("roles", PB_KEYMAP, wm_pb_role),
                                   OSUB("rituals", PB_LIST, wm_pb_ritual),
                                   OSUB("measures", PB_LIST, wm_pb_measure),
                                   OSUB("quality_gates", PB_LIST, wm_pb_gate),
                                   OSUB("controls", PB_OBJECT, X_CONTROLS),
                                   OSUB("raci", PB_OBJECT, X_RACI),
                                   OSUB("vendors", PB_OBJECT, X_VENDORS),
                                   OSUB("documentation", PB_LIST, wm_pb_document),
                                   OSUB("plan_30_60_90", PB_OBJECT, X_PLAN),
                                   OPT("omit", PB_OMIT),
                                   END};
const pb_kind wm_pb_extra = {"playbook.extra", "playbook.extra", EXTRA_F,
                             N(EXTRA_F),       PB_FE_NONE,       .dotted = true};

/* ---- helpers ---- */

int wm_pb_field(const pb_kind *k, const char *name)
{
    for (int i = 0; i < k->n_fields; i++)
        if (strcmp(k->fields[i].name, name) == 0)
            return i;
    return -1;
}

const wm_ynode *wm_pb_val(const pb_entry *e, const char *name)
{
    int f = wm_pb_field(e->kind, name);
    return f < 0 ? NULL : e->val[f];
}

const pb_list *wm_pb_sub(const pb_entry *e, const char *name)
{
    int f = wm_pb_field(e->kind, name);
    return f < 0 ? NULL : &e->sub[f];
}

const char *wm_pb_text(const pb_entry *e, const char *name)
{
    const wm_ynode *v = wm_pb_val(e, name);
    return v && v->kind == WM_YSCALAR ? v->text : NULL;
}

const char *wm_pb_what(const pb_entry *e, const char *field)
{
    pb_src *src = e->src;
    if (e->kind == &wm_pb_template)
        snprintf(src->what, sizeof src->what, "%s", field);
    else
        snprintf(src->what, sizeof src->what, "%.300s%s%.64s", e->label,
                 e->kind->dotted ? "." : " ", field);
    return src->what;
}

wm_pos wm_pb_text_pos(const pb_src *src, const wm_ynode *n, size_t off, size_t len)
{
    return wm_ynode_text_pos(src->text, src->len, n, off, len);
}

bool wm_pb_is_key(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

/* ---- reading values ---- */

/* While a non-dotted entry's fields are read, s->where is the entry's label
 * and `what` is the bare field name: the getters compose the full name
 * ("ritual weekly cadence") only when they report.  NAME() does the same
 * for this file's own messages. */
typedef struct {
    pb_src *src;
    wm_schema *s;
    wm_arena *a;
} rd;
#define NAME(w) wm_schema_name(r->s, (w))

static pb_entry *read_entry(rd *r, const pb_kind *k, const wm_ynode *n, wm_pos pos,
                            const char *label, const char *key);

/* A key-like scalar: a key, an id, a role key, a ritual id. */
static bool read_key(rd *r, const wm_ynode *v, const char *what, const char *noun)
{
    if (v->kind != WM_YSCALAR || wm_ynode_is_null(v)) {
        wm_schema_error(r->s, v->pos, NULL, "expected %s for '%s', got %s", noun, NAME(what),
                        wm_ynode_is_null(v) ? "an empty value" : wm_ynode_describe(v));
        return false;
    }
    if (wm_pb_is_key(v->text, v->len))
        return true;
    char *q = wm_quote(v->text, v->len, 40);
    const char *hint = strncmp(v->text, "{{", 2) == 0
                           ? "this field holds a bare key such as engineering_lead, not a "
                             "placeholder"
                           : "keys and ids are 1 to 64 characters of a-z, 0-9 and '_'";
    wm_schema_error(r->s, v->pos, hint, "'%s' is not a valid %s: '%s'", NAME(what), noun, q);
    free(q);
    return false;
}

/* A list written as an empty value: `others:` reads as null, not []. */
static bool empty_list(rd *r, const wm_ynode *v, const char *what)
{
    if (!wm_ynode_is_null(v))
        return false;
    wm_schema_error(r->s, v->pos, "write [] for an empty list, or leave the key out",
                    "expected a list for '%s', got an empty value", NAME(what));
    return true;
}

/* A list of keys: at least one, no repeats; `max` items at most (0: any). */
static bool read_keys(rd *r, const wm_ynode *v, const char *what, size_t max)
{
    const char **items;
    size_t n;
    if (empty_list(r, v, what) || !wm_get_text_list(r->s, v, what, false, &items, &n))
        return false;
    if (n == 0) {
        wm_schema_error(r->s, v->pos, NULL, "'%s' needs at least one role", NAME(what));
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!read_key(r, v->items[i], what, "role key")) {
            ok = false;
            continue;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(v->items[j]->text, v->items[i]->text) == 0) {
                wm_schema_error(r->s, v->items[i]->pos, "list each one once",
                                "'%s' lists '%s' twice", NAME(what), v->items[i]->text);
                ok = false;
                break;
            }
    }
    if (max && n > max) {
        char hint[120];
        snprintf(hint, sizeof hint,
                 "at most %zu columns fit a page: drop one and mention it in "
                 "raci.note",
                 max);
        wm_schema_error(r->s, v->pos, hint, "'%s' has %zu roles; at most %zu are allowed",
                        NAME(what), n, max);
        ok = false;
    }
    return ok;
}

static bool read_assign(rd *r, const pb_entry *e, const wm_ynode *v, const char *what)
{
    if (!wm_expect_map(r->s, v, what))
        return false;
    bool ok = true;
    char buf[480];
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i), *x = wm_ymap_value(v, i);
        if (!read_key(r, k, what, "role key")) {
            ok = false;
            continue;
        }
        if (x->kind == WM_YSCALAR && x->len == 1 && strchr("RACI", x->text[0]))
            continue;
        snprintf(buf, sizeof buf, "%.400s.%.64s", wm_pb_what(e, "assign"), k->text);
        char *q = x->kind == WM_YSCALAR ? wm_quote(x->text, x->len, 40) : NULL;
        wm_schema_error(r->s, x->pos, "one letter per cell: R, A, C or I", "'%s' cannot be %s%s%s",
                        buf, q ? "'" : "", q ? q : wm_ynode_describe(x), q ? "'" : "");
        free(q);
        ok = false;
    }
    return ok;
}

/* An omit item: ID, or SECTION.ID. */
static bool read_omit(rd *r, const wm_ynode *v, const char *what)
{
    const char **items;
    size_t n;
    if (empty_list(r, v, what) || !wm_get_text_list(r->s, v, what, false, &items, &n))
        return false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const wm_ynode *x = v->items[i];
        const char *dot = strrchr(x->text, '.');
        const char *id = dot ? dot + 1 : x->text;
        if (wm_pb_is_key(id, x->len - (size_t)(id - x->text)))
            continue;
        char *q = wm_quote(x->text, x->len, 40);
        wm_schema_error(r->s, x->pos, "write an id of the template, such as ops_review",
                        "'%s' is not a valid id: '%s'", NAME(what), q);
        free(q);
        ok = false;
    }
    return ok;
}

static bool read_list(rd *r, pb_entry *e, int f, const wm_ynode *v, const char *what)
{
    const pb_field *fd = &e->kind->fields[f];
    if (!wm_expect_seq(r->s, v, what))
        return false;
    if (fd->nonempty && v->n == 0) {
        wm_schema_error(r->s, v->pos, NULL, "'%s' needs at least one entry", NAME(what));
        return false;
    }
    char *path = wm_arena_strdup(r->a, NAME(what));
    pb_list *l = &e->sub[f];
    l->items = WM_ARENA_NEW(r->a, pb_entry *, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        char label[440];
        snprintf(label, sizeof label, "%.400s[%zu]", path, i + 1);
        pb_entry *x = read_entry(r, fd->sub, v->items[i], v->items[i]->pos, label, NULL);
        if (x)
            l->items[l->n++] = x;
    }
    return true;
}

static bool read_keymap(rd *r, pb_entry *e, int f, const wm_ynode *v, const char *what)
{
    const pb_field *fd = &e->kind->fields[f];
    if (!wm_expect_map(r->s, v, what))
        return false;
    const char *path = wm_arena_strdup(r->a, NAME(what));
    if (fd->nonempty && v->n == 0) {
        wm_schema_error(r->s, v->pos, NULL, "'%s' needs at least one %s", path, fd->sub->name);
        return false;
    }
    pb_list *l = &e->sub[f];
    l->items = WM_ARENA_NEW(r->a, pb_entry *, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i);
        if (!wm_pb_is_key(k->text, k->len)) {
            char *q = wm_quote(k->text, k->len, 40);
            wm_schema_error(r->s, k->pos, "keys are 1 to 64 characters of a-z, 0-9 and '_'",
                            "'%s' has an invalid key '%s'", path, q);
            free(q);
            continue;
        }
        char label[480];
        if (fd->sub->scalar)
            snprintf(label, sizeof label, "%.400s.%.64s", path, k->text);
        else
            snprintf(label, sizeof label, "%.20s%.40s %.64s", r->src->prefix, fd->sub->name,
                     k->text);
        pb_entry *x = read_entry(r, fd->sub, wm_ymap_value(v, i), k->pos, label, k->text);
        if (x) {
            x->id_node = k;
            l->items[l->n++] = x;
        }
    }
    return true;
}

/* Read field `f` of `e` from `v` (`what` names it, see rd); false after
 * reporting. */
static bool read_value(rd *r, pb_entry *e, int f, const wm_ynode *v, const char *what)
{
    const pb_field *fd = &e->kind->fields[f];
    wm_schema *s = r->s;
    switch (fd->type) {
    case PB_TEXT:
        return wm_get_text(s, v, what, true) != NULL;
    case PB_PLAIN: {
        const char *t = wm_get_text(s, v, what, true);
        if (!t)
            return false;
        size_t at = strcspn(t, "{}");
        if (at == v->len)
            return true;
        wm_schema_error(s, wm_pb_text_pos(r->src, v, at, 1), "it is printed as written",
                        "'%s' cannot hold placeholders or braces", NAME(what));
        return false;
    }
    case PB_KEY:
        return read_key(r, v, what, "key");
    case PB_ID:
        return read_key(r, v, what, "id");
    case PB_ROLE:
        return read_key(r, v, what, "role key");
    case PB_OWNER:
        if (v->kind == WM_YSCALAR && strcmp(v->text, "{{initiative.owner}}") == 0)
            return true;
        return read_key(r, v, what, "role key");
    case PB_RITUAL:
        return read_key(r, v, what, "ritual id");
    case PB_ROLES:
        return read_keys(r, v, what, 0);
    case PB_COLUMNS:
        return read_keys(r, v, what, 7);
    case PB_TEXTS: {
        const char **items;
        size_t n;
        if (empty_list(r, v, what) || !wm_get_text_list(s, v, what, false, &items, &n))
            return false;
        if (fd->nonempty && n == 0) {
            wm_schema_error(s, v->pos, NULL, "'%s' needs at least one item", NAME(what));
            return false;
        }
        return true;
    }
    case PB_BOOL: {
        bool b;
        return wm_get_bool(s, v, what, &b);
    }
    case PB_INT: {
        long x;
        return wm_get_int(s, v, what, 1, 100000, &x);
    }
    case PB_ENUM:
        return wm_get_enum(s, v, what, fd->values) >= 0;
    case PB_BASELINE:
        return wm_ynode_is_null(v) || wm_get_text(s, v, what, true) != NULL;
    case PB_FOR_EACH:
        return wm_get_enum(s, v, what, wm_pb_for_each_names) >= 0;
    case PB_SELECT:
        return wm_expect_map(s, v, what);
    case PB_ASSIGN:
        return read_assign(r, e, v, what);
    case PB_OMIT:
        return read_omit(r, v, what);
    case PB_LIST:
        return read_list(r, e, f, v, what);
    case PB_OBJECT: {
        if (!wm_expect_map(s, v, what))
            return false;
        pb_entry *x = read_entry(r, fd->sub, v, e->key[f]->pos, NAME(what), NULL);
        e->sub[f].items = WM_ARENA_NEW(r->a, pb_entry *, 1);
        e->sub[f].items[0] = x;
        e->sub[f].n = 1;
        return true;
    }
    case PB_KEYMAP:
        return read_keymap(r, e, f, v, what);
    case PB_FIXED: {
        /* Named as in the template: "raci.roles", "period days_1_30 theme". */
        const char *name = NAME(what);
        if (strncmp(name, "playbook.extra", 14) == 0 && (name[14] == '.' || name[14] == ' '))
            name += 15;
        wm_schema_error(s, e->key[f]->pos,
                        "write a custom template for that (docs/playbooks.md, \"Writing a custom "
                        "template\")",
                        "'%s' cannot be changed from playbook.extra", name);
        return false;
    }
    case PB_FORMAT_LINE:
        return true; /* checked by wm_pb_read */
    }
    return false;
}

/* ---- what one entry can check on its own ---- */

static void check_select(rd *r, pb_entry *e, const wm_ynode *sel)
{
    static const char *const INI_KEYS[] = {"starts", "limit", NULL};
    static const char *const RISK_KEYS[] = {"min_band", "limit", NULL};
    bool ini = e->for_each == PB_FE_INITIATIVE;
    const char *const *keys = ini ? INI_KEYS : RISK_KEYS;
    char what[400];
    snprintf(what, sizeof what, "%s", wm_pb_what(e, "select"));
    if (sel->n == 0)
        wm_schema_error(r->s, sel->pos,
                        ini ? "give starts or limit, or remove select"
                            : "give min_band or limit, or remove select",
                        "'%s' is empty", what);
    for (size_t i = 0; i < sel->n; i++) {
        const wm_ynode *k = wm_ymap_key(sel, i), *v = wm_ymap_value(sel, i);
        const char *other = ini ? "min_band" : "starts";
        if (strcmp(k->text, other) == 0) {
            wm_schema_error(r->s, k->pos,
                            ini ? "for_each: initiative selects with starts (first or next) and "
                                  "limit"
                                : "for_each: risk selects with min_band (low, medium, high or "
                                  "critical) and limit",
                            "'%s' is not a select key for for_each: %s", other,
                            wm_pb_for_each_names[e->for_each]);
            continue;
        }
        int idx = wm_key_index(r->s, k, keys, what);
        r->s->suggested = 0;
        char kw[480];
        snprintf(kw, sizeof kw, "%.400s.%.64s", what, k->text);
        long x;
        if (idx == 0)
            wm_get_enum(r->s, v, kw, ini ? STARTS : BANDS);
        else if (idx == 1)
            wm_get_int(r->s, v, kw, 1, 10000, &x);
    }
}

static void check_for_each(rd *r, pb_entry *e)
{
    int fi = wm_pb_field(e->kind, "for_each"), si = wm_pb_field(e->kind, "select");
    if (fi < 0)
        return;
    const wm_ynode *fk = e->key[fi], *fv = e->val[fi], *sk = e->key[si], *sv = e->val[si];
    static const char *const WHERE =
        "for_each is allowed in measures (objective_measure), quality_gates and plan_30_60_90 "
        "items (initiative), and controls (risk)";
    if (fk && !fv)
        e->for_each_bad = true;
    if (fv) {
        int fe = wm_get_enum(r->s, fv, "for_each", wm_pb_for_each_names);
        if (e->kind->for_each == PB_FE_NONE) {
            wm_schema_error(r->s, fk->pos, WHERE, "%s cannot have 'for_each'", e->label);
            e->for_each_bad = true;
        } else if (fe != e->kind->for_each) {
            char hint[160];
            snprintf(hint, sizeof hint, "%s take for_each: %s", e->kind->section,
                     wm_pb_for_each_names[e->kind->for_each]);
            wm_schema_error(r->s, fv->pos, hint, "'for_each: %s' is not allowed in %s", fv->text,
                            e->kind->section);
            e->for_each_bad = true;
        } else {
            e->for_each = fe;
        }
    }
    if (!sk)
        return;
    if (!fk)
        wm_schema_error(r->s, sk->pos,
                        "select narrows the records of a for_each: add one, or "
                        "remove select",
                        "%s has 'select' but no 'for_each'", e->label);
    else if (e->for_each == PB_FE_OBJECTIVE_MEASURE)
        wm_schema_error(r->s, sk->pos, "every objective measure gets its entry: remove select",
                        "'select' is not allowed with for_each: objective_measure");
    else if (e->for_each != PB_FE_NONE && sv)
        check_select(r, e, sv);
}

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void check_entry(rd *r, pb_entry *e)
{
    check_for_each(r, e);
    const pb_kind *k = e->kind;
    if (k == &wm_pb_ritual) {
        const wm_ynode *chair = wm_pb_val(e, "chair"), *att = wm_pb_val(e, "attendees");
        if (chair && att) {
            bool found = false;
            for (size_t i = 0; i < att->n && !found; i++)
                found = strcmp(att->items[i]->text, chair->text) == 0;
            if (!found) {
                char hint[160];
                snprintf(hint, sizeof hint, "add %s to attendees", chair->text);
                wm_schema_error(r->s, chair->pos, hint,
                                "%s is chaired by '%s', who is not among its attendees", e->label,
                                chair->text);
            }
        }
    } else if (k == &wm_pb_role) {
        const wm_ynode *fb = wm_pb_val(e, "fallback");
        if (fb && e->id && strcmp(fb->text, e->id) == 0)
            wm_schema_error(r->s, fb->pos, "name another role, or remove fallback",
                            "%s falls back to itself", e->label);
        const wm_ynode *ind = wm_pb_val(e, "independent_of");
        for (size_t i = 0; ind && e->id && i < ind->n; i++)
            if (strcmp(ind->items[i]->text, e->id) == 0)
                wm_schema_error(r->s, ind->items[i]->pos,
                                "list the roles it must not share a person with",
                                "%s is independent of itself", e->label);
    } else if (k == &wm_pb_activity) {
        const wm_ynode *as = wm_pb_val(e, "assign");
        if (!as)
            return;
        const wm_ynode *first = NULL;
        for (size_t i = 0; i < as->n; i++) {
            const wm_ynode *v = wm_ymap_value(as, i);
            if (v->kind != WM_YSCALAR || strcmp(v->text, "A") != 0)
                continue;
            if (!first) {
                first = wm_ymap_key(as, i);
                continue;
            }
            char hint[200];
            snprintf(hint, sizeof hint,
                     "exactly one role is accountable (A); %s already is: make this one R, C or I",
                     first->text);
            wm_schema_error(r->s, v->pos, hint, "%s has a second 'A' (%s)", e->label,
                            wm_ymap_key(as, i)->text);
        }
        if (!first)
            wm_schema_error(r->s, as->pos, "exactly one role is accountable (A) for each activity",
                            "%s has no 'A'", e->label);
    } else if (k == &wm_pb_measure) {
        const wm_ynode *kind = wm_pb_val(e, "kind");
        if (!kind || !e->id)
            return;
        bool dora = in_list(wm_pb_dora, e->id);
        if (dora && strcmp(kind->text, "dora") != 0)
            wm_schema_error(r->s, kind->pos, "it is one of the four DORA measures",
                            "%s must have kind: dora", e->label);
        else if (!dora && strcmp(kind->text, "dora") == 0)
            wm_schema_error(r->s, kind->pos,
                            "the DORA measures are deployment_frequency, lead_time_for_changes, "
                            "change_failure_rate and time_to_restore; use kind: flow",
                            "%s has kind dora, but it is not one of the four DORA measures",
                            e->label);
        else if (e->for_each == PB_FE_OBJECTIVE_MEASURE && strcmp(kind->text, "objective") != 0)
            wm_schema_error(r->s, kind->pos, "write kind: objective",
                            "%s repeats for each objective measure, so its kind must be "
                            "objective",
                            e->label);
    }
}

/* ---- entries ---- */

static pb_entry *new_entry(rd *r, const pb_kind *k, const wm_ynode *n, wm_pos pos)
{
    pb_entry *e = WM_ARENA_NEW(r->a, pb_entry, 1);
    e->kind = k;
    e->src = r->src;
    e->node = n;
    e->pos = pos;
    e->for_each = PB_FE_NONE;
    size_t nf = (size_t)k->n_fields;
    e->key = WM_ARENA_NEW(r->a, const wm_ynode *, nf);
    e->val = WM_ARENA_NEW(r->a, const wm_ynode *, nf);
    e->sub = WM_ARENA_NEW(r->a, pb_list, nf);
    return e;
}

/* `label` names the entry when it has no (valid) id; `key` is its key in a
 * PB_KEYMAP. */
static pb_entry *read_entry(rd *r, const pb_kind *k, const wm_ynode *n, wm_pos pos,
                            const char *label, const char *key)
{
    pb_entry *e = new_entry(r, k, n, pos);
    e->label = wm_arena_strdup(r->a, label);
    r->s->where = NULL;
    if (key)
        e->id = key;
    if (k->scalar) {
        e->key[0] = n;
        if (wm_get_text(r->s, n, label, true)) {
            size_t at = strcspn(n->text, "{}");
            if (at < n->len)
                wm_schema_error(r->s, wm_pb_text_pos(r->src, n, at, 1),
                                "a location is printed as written",
                                "'%s' cannot hold placeholders or braces", label);
            else
                e->val[0] = n;
        }
        return e;
    }
    if (!wm_expect_map(r->s, n, label))
        return NULL;
    int idf = wm_pb_field(k, "id");
    if (idf >= 0) {
        const wm_ynode *id = wm_ymap_get(n, "id");
        if (id && id->kind == WM_YSCALAR && wm_pb_is_key(id->text, id->len)) {
            e->id = id->text;
            e->id_node = id;
            char buf[200];
            snprintf(buf, sizeof buf, "%.20s%.40s %.64s", r->src->prefix, k->name, id->text);
            e->label = wm_arena_strdup(r->a, buf);
        }
    }
    const char *names[32];
    uint64_t required = 0, seen = 0;
    for (int i = 0; i < k->n_fields; i++) {
        names[i] = k->fields[i].name;
        if (k->fields[i].required)
            required |= BIT(i);
    }
    names[k->n_fields] = NULL;
    const char *where = k == &wm_pb_template ? "the template" : e->label;
    for (size_t i = 0; i < n->n; i++) {
        const wm_ynode *kn = wm_ymap_key(n, i), *v = wm_ymap_value(n, i);
        int f = wm_key_index(r->s, kn, names, where);
        if (f < 0)
            continue;
        seen |= BIT(f);
        e->key[f] = kn;
        r->s->where = k->dotted ? NULL : e->label;
        const char *what = k->dotted ? wm_pb_what(e, names[f]) : names[f];
        if (read_value(r, e, f, v, what))
            e->val[f] = v;
        r->s->where = NULL;
    }
    wm_require_keys(r->s, pos, where, names, required, seen);
    check_entry(r, e);
    return e;
}

pb_entry *wm_pb_read(pb_src *src, const pb_kind *kind, const wm_ynode *root, wm_pos pos)
{
    rd r = {src, &src->s, src->s.arena};
    if (kind == &wm_pb_template) {
        const char *hint = "a playbook template starts with 'format: " PB_FORMAT "'";
        if (root->kind != WM_YMAP) {
            wm_schema_error(r.s, root->pos, hint,
                            "expected a mapping of sections at the top of the playbook template, "
                            "got %s",
                            wm_ynode_describe(root));
            return NULL;
        }
        const wm_ynode *f = wm_ymap_get(root, "format");
        if (!f) {
            wm_schema_error(r.s, root->pos, hint,
                            "the playbook template is missing the required key 'format'");
            return NULL;
        }
        if (f->kind != WM_YSCALAR || strcmp(f->text, PB_FORMAT) != 0) {
            char *q = f->kind == WM_YSCALAR ? wm_quote(f->text, f->len, 40) : NULL;
            wm_schema_error(r.s, f->pos, "this version of Waymark reads 'format: " PB_FORMAT "'",
                            "unsupported playbook template format '%s'",
                            q ? q : wm_ynode_describe(f));
            free(q);
            return NULL;
        }
        if (wm_ymap_key(root, 0)->kind != WM_YSCALAR ||
            strcmp(wm_ymap_key(root, 0)->text, "format") != 0) {
            for (size_t i = 0; i < root->n; i++)
                if (strcmp(wm_ymap_key(root, i)->text, "format") == 0)
                    wm_schema_error(r.s, wm_ymap_key(root, i)->pos,
                                    "move 'format: " PB_FORMAT "' to the top of the file",
                                    "'format' must be the first key");
        }
    }
    return read_entry(&r, kind, root, pos, kind->name, NULL);
}
