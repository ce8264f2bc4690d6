/*
 * engagement.c - the `waymark/1` schema: the YAML tree of an engagement file
 * read into the wm_engagement model, field by field.
 *
 * This file checks each value where it stands (types, ranges, formats,
 * unknown and missing keys).  Every mapping's keys are matched by name
 * through a table of its keys (a field: the name, its reader, whether it is
 * required); tests/schema/check_schema.py reads those tables to compare them
 * with docs/engagement.schema.json.  Whatever needs the whole file - ids being
 * unique, references resolving, dependency cycles, warnings - is checked
 * afterwards in checks.c.
 */
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIT(i) ((uint64_t)1 << (i))

/* The range of an open-ended number (load.h), with the hint for a value
 * outside it. */
typedef struct {
    double min, max;
    const char *hint;
} range;

static const range MONEY = {0, WM_MONEY_MAX,
                            "amounts in engagement.currency go up to 10000000000000 (10^13), so "
                            "that every total stays exact to the cent; is a digit out of place?"};
static const range DAYS = {0, WM_DAYS_MAX,
                           "person-days go up to 1000000 (10^6); is a digit out of place?"};
static const range WEIGHT = {0, WM_WEIGHT_MAX,
                             "weights are relative to one another, from 0 to 1000"};
static const range REACH = {0, WM_REACH_MAX,
                            "reach counts people or events, from 0 to 1000000000000 (10^12)"};

typedef struct {
    wm_schema s;
    wm_engagement *e;
} loader;

/* ---- Keys by name ----
 *
 * Each mapping of the file has one table of its keys: a key's name, what
 * reads its value (with the mapping's context: the record being filled) and
 * whether it is required.  A key is matched by its name, and its value read
 * by the function next to that name; the order of a table is only the order
 * in which messages list the names ("expected one of: ..."). */
typedef struct field field;
typedef void (*read_fn)(loader *ld, const field *f, const wm_ynode *v, void *ctx);
struct field {
    const char *name;
    read_fn read; /* NULL: read before the others (an item's id) */
    bool required;
    int arg; /* for a reader shared by several keys (a score's kind) */
};
#define REQUIRED   true
#define MAX_FIELDS 16

/* The names of `fields` (ended by a NULL name) as wm_key_index and
 * wm_require_keys take them; returns the bits of the required ones. */
static uint64_t field_names(const field *fields, const char *names[MAX_FIELDS + 1])
{
    uint64_t required = 0;
    size_t i = 0;
    for (; fields[i].name; i++) {
        names[i] = fields[i].name;
        if (fields[i].required)
            required |= BIT(i);
    }
    names[i] = NULL;
    return required;
}

/* Reads each known key of mapping `m` whose value is not null through its
 * field, after reporting unknown keys as keys of `where`; returns the set
 * of keys seen, by their place in `fields`. */
static uint64_t read_fields(loader *ld, const wm_ynode *m, const field *fields, const char *where,
                            void *ctx)
{
    const char *names[MAX_FIELDS + 1];
    field_names(fields, names);
    uint64_t seen = 0;
    for (size_t i = 0; i < m->n; i++) {
        int k = wm_key_index(&ld->s, wm_ymap_key(m, i), names, where);
        if (k < 0)
            continue;
        const wm_ynode *v = wm_ymap_value(m, i);
        if (wm_ynode_is_null(v))
            continue;
        seen |= BIT(k);
        if (fields[k].read)
            fields[k].read(ld, &fields[k], v, ctx);
    }
    return seen;
}

/* Reports each required key of `fields` not in `seen`, at `pos`. */
static void require_fields(loader *ld, wm_pos pos, const char *where, const field *fields,
                           uint64_t seen)
{
    const char *names[MAX_FIELDS + 1];
    uint64_t required = field_names(fields, names);
    wm_require_keys(&ld->s, pos, where, names, required, seen);
}

static bool number(loader *ld, const wm_ynode *v, const char *what, const range *r, double *out)
{
    return wm_get_number_hint(&ld->s, v, what, r->min, r->max, r->hint, out);
}

static const char *text(loader *ld, const wm_ynode *v, const char *what)
{
    return wm_get_text(&ld->s, v, what, true);
}

/* ---- client ---- */

static void client_name(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->client.name = text(ld, v, "client.name");
}

static void client_short_name(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->client.short_name = text(ld, v, "client.short_name");
}

static void client_sector(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->client.sector = text(ld, v, "client.sector");
}

static void client_logo(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->client.logo = text(ld, v, "client.logo");
    ld->e->client.logo_pos = v->pos;
}

static const field CLIENT_FIELDS[] = {{"name", client_name, REQUIRED, 0},
                                      {"short_name", client_short_name, false, 0},
                                      {"sector", client_sector, false, 0},
                                      {"logo", client_logo, false, 0},
                                      {NULL, NULL, false, 0}};

static void load_client(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "client"))
        return;
    uint64_t seen = read_fields(ld, v, CLIENT_FIELDS, "client", NULL);
    require_fields(ld, key->pos, "'client'", CLIENT_FIELDS, seen);
}

/* ---- engagement ---- */

/* "engagement.prepared_by.name" and the like. */
static void person_field(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_person *p = ctx;
    char what[80];
    snprintf(what, sizeof what, "engagement.prepared_by.%s", f->name);
    const char *t = text(ld, v, what);
    if (strcmp(f->name, "name") == 0)
        p->name = t;
    else if (strcmp(f->name, "role") == 0)
        p->role = t;
    else
        p->firm = t;
}

static const field PERSON_FIELDS[] = {{"name", person_field, false, 0},
                                      {"role", person_field, false, 0},
                                      {"firm", person_field, false, 0},
                                      {NULL, NULL, false, 0}};

static void check_currency(loader *ld, const wm_ynode *v, const char *code)
{
    if (wm_currency_find(code)) {
        ld->e->engagement.currency = code;
        return;
    }
    char hint[120];
    const char *h = "use an ISO 4217 code such as GBP, EUR or USD";
    char upper[8] = {0};
    size_t n = strlen(code);
    if (n == 3) {
        for (size_t i = 0; i < 3; i++)
            upper[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
        if (wm_currency_find(upper)) {
            snprintf(hint, sizeof hint, "currency codes are upper case: %s", upper);
            h = hint;
        }
    }
    if (h != hint) {
        size_t count;
        const wm_currency *table = wm_currency_table(&count);
        const char *best = NULL;
        for (size_t i = 0; i < count && !best; i++)
            if (wm_edit_distance(code, table[i].code) == 1)
                best = table[i].code;
        if (best) {
            snprintf(hint, sizeof hint, "did you mean '%s'?", best);
            h = hint;
        }
    }
    char *q = wm_quote(code, n, 20);
    wm_schema_error(&ld->s, v->pos, h, "unknown currency '%s'", q);
    free(q);
}

static void engagement_title(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->engagement.title = text(ld, v, "engagement.title");
}

static void engagement_prepared_by(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    if (wm_expect_map(&ld->s, v, "engagement.prepared_by"))
        read_fields(ld, v, PERSON_FIELDS, "engagement.prepared_by", &ld->e->engagement.prepared_by);
}

static void engagement_date(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_engagement *e = ld->e;
    e->engagement.date_set = wm_get_date(&ld->s, v, "engagement.date", &e->engagement.date);
}

static void engagement_currency(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    const char *code = text(ld, v, "engagement.currency");
    if (code)
        check_currency(ld, v, code);
}

static void engagement_start(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_get_quarter(&ld->s, v, "engagement.start", &ld->e->engagement.start);
}

static void engagement_quarters(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    long q;
    if (wm_get_int(&ld->s, v, "engagement.quarters", 1, 40, &q))
        ld->e->engagement.quarters = (int)q;
}

static void engagement_confidentiality(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->engagement.confidentiality = text(ld, v, "engagement.confidentiality");
}

static void engagement_brand(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->engagement.brand = text(ld, v, "engagement.brand");
    ld->e->engagement.brand_pos = v->pos;
}

static void engagement_baseline(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->engagement.baseline = text(ld, v, "engagement.baseline");
    ld->e->engagement.baseline_pos = v->pos;
}

static const field ENGAGEMENT_FIELDS[] = {{"title", engagement_title, false, 0},
                                          {"prepared_by", engagement_prepared_by, false, 0},
                                          {"date", engagement_date, false, 0},
                                          {"currency", engagement_currency, REQUIRED, 0},
                                          {"start", engagement_start, REQUIRED, 0},
                                          {"quarters", engagement_quarters, REQUIRED, 0},
                                          {"confidentiality", engagement_confidentiality, false, 0},
                                          {"brand", engagement_brand, false, 0},
                                          {"baseline", engagement_baseline, false, 0},
                                          {NULL, NULL, false, 0}};

static void load_engagement(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "engagement"))
        return;
    uint64_t seen = read_fields(ld, v, ENGAGEMENT_FIELDS, "engagement", NULL);
    require_fields(ld, key->pos, "'engagement'", ENGAGEMENT_FIELDS, seen);
}

/* ---- team ---- */

static void role_rate(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_role *r = ctx;
    char what[120];
    snprintf(what, sizeof what, "team.%s.%s", r->name, f->name);
    number(ld, v, what, &MONEY, &r->rate);
}

static void role_capacity(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_role *r = ctx;
    char what[120];
    snprintf(what, sizeof what, "team.%s.%s", r->name, f->name);
    r->capacity.set = number(ld, v, what, &DAYS, &r->capacity.v);
}

static const field ROLE_FIELDS[] = {{"rate", role_rate, REQUIRED, 0},
                                    {"capacity", role_capacity, false, 0},
                                    {NULL, NULL, false, 0}};

static void load_team(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_map(&ld->s, v, "team"))
        return;
    if (v->n == 0) {
        wm_schema_error(&ld->s, v->pos,
                        "add a role such as 'engineer: { rate: 650, capacity: 240 }'",
                        "'team' needs at least one role");
        return;
    }
    wm_engagement *e = ld->e;
    e->team = WM_ARENA_NEW(ld->s.arena, wm_role, v->n);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i), *rv = wm_ymap_value(v, i);
        wm_role *r = &e->team[e->n_team];
        memset(r, 0, sizeof *r); /* a slot may be reused after a bad item */
        r->pos = k->pos;
        r->name = wm_get_id(&ld->s, k, "team role");
        if (!r->name)
            continue;
        e->n_team++;
        char where[120];
        snprintf(where, sizeof where, "team role '%s'", r->name);
        if (!wm_expect_map(&ld->s, rv, where))
            continue;
        uint64_t seen = read_fields(ld, rv, ROLE_FIELDS, where, r);
        require_fields(ld, k->pos, where, ROLE_FIELDS, seen);
    }
}

/* ---- budget and prioritisation ---- */

static void budget_total(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_engagement *e = ld->e;
    e->budget.total.set = number(ld, v, "budget.total", &MONEY, &e->budget.total.v);
}

static void budget_per_quarter(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_engagement *e = ld->e;
    e->budget.per_quarter.set =
        number(ld, v, "budget.per_quarter", &MONEY, &e->budget.per_quarter.v);
}

static void budget_contingency(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_engagement *e = ld->e;
    e->budget.contingency.set =
        wm_get_number(&ld->s, v, "budget.contingency", 0, 1, &e->budget.contingency.v);
}

static const field BUDGET_FIELDS[] = {{"total", budget_total, false, 0},
                                      {"per_quarter", budget_per_quarter, false, 0},
                                      {"contingency", budget_contingency, false, 0},
                                      {NULL, NULL, false, 0}};

static void load_budget(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "budget"))
        read_fields(ld, v, BUDGET_FIELDS, "budget", NULL);
}

static const char *const PRIO_METHODS[] = {"wsjf", "rice", "weighted", NULL};
const char *const wm_score_names[WM_SCORE_COUNT] = {
    "business_value", "time_criticality", "risk_reduction", "reach", "impact", "confidence"};

static void weight_field(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    char what[80];
    snprintf(what, sizeof what, "prioritisation.weights.%s", f->name);
    wm_optnum *w = &ld->e->prioritisation.weights[f->arg];
    w->set = number(ld, v, what, &WEIGHT, &w->v);
}

static const field WEIGHT_FIELDS[] = {
    {"business_value", weight_field, false, WM_SCORE_BUSINESS_VALUE},
    {"time_criticality", weight_field, false, WM_SCORE_TIME_CRITICALITY},
    {"risk_reduction", weight_field, false, WM_SCORE_RISK_REDUCTION},
    {"reach", weight_field, false, WM_SCORE_REACH},
    {"impact", weight_field, false, WM_SCORE_IMPACT},
    {"confidence", weight_field, false, WM_SCORE_CONFIDENCE},
    {NULL, NULL, false, 0}};

static void prio_method(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    int m = wm_get_enum(&ld->s, v, "prioritisation.method", PRIO_METHODS);
    if (m >= 0)
        ld->e->prioritisation.method = (wm_prio_method)m;
}

static void prio_weights(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    if (wm_expect_map(&ld->s, v, "prioritisation.weights"))
        read_fields(ld, v, WEIGHT_FIELDS, "prioritisation.weights", NULL);
}

static const field PRIO_FIELDS[] = {
    {"method", prio_method, false, 0}, {"weights", prio_weights, false, 0}, {NULL, NULL, false, 0}};

static void load_prioritisation(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "prioritisation"))
        read_fields(ld, v, PRIO_FIELDS, "prioritisation", NULL);
}

/* ---- objectives ---- */

typedef struct {
    wm_objective *o;
    const char *where;
} objective_ctx;

/* "objective O1 title" and the like. */
static const char *objective_what(const objective_ctx *c, const field *f, char *buf, size_t size)
{
    snprintf(buf, size, "%s %s", c->where, f->name);
    return buf;
}

static void objective_title(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[160];
    objective_ctx *c = ctx;
    c->o->title = text(ld, v, objective_what(c, f, what, sizeof what));
}

static void objective_description(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[160];
    objective_ctx *c = ctx;
    c->o->description = text(ld, v, objective_what(c, f, what, sizeof what));
}

static void objective_value(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[160];
    objective_ctx *c = ctx;
    c->o->value.set =
        wm_get_number(&ld->s, v, objective_what(c, f, what, sizeof what), 1, 10, &c->o->value.v);
}

static void objective_deadline(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[160];
    objective_ctx *c = ctx;
    wm_get_quarter(&ld->s, v, objective_what(c, f, what, sizeof what), &c->o->deadline);
}

static void objective_measures(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[160];
    objective_ctx *c = ctx;
    wm_get_text_list(&ld->s, v, objective_what(c, f, what, sizeof what), false, &c->o->measures,
                     &c->o->n_measures);
}

/* The id is read first (item_name), to name the item in every message. */
static const field OBJECTIVE_FIELDS[] = {{"id", NULL, REQUIRED, 0},
                                         {"title", objective_title, REQUIRED, 0},
                                         {"description", objective_description, false, 0},
                                         {"value", objective_value, false, 0},
                                         {"deadline", objective_deadline, false, 0},
                                         {"measures", objective_measures, false, 0},
                                         {NULL, NULL, false, 0}};

/* "objective O1" when the item has a valid id, else "objectives[3]". */
static const char *item_name(loader *ld, const wm_ynode *item, const char *kind, const char *list,
                             size_t index, const char **id_out)
{
    const wm_ynode *idn = wm_ymap_get(item, "id");
    const char *id = NULL;
    char buf[200];
    if (idn && !wm_ynode_is_null(idn)) {
        snprintf(buf, sizeof buf, "%s[%zu] id", list, index + 1);
        id = wm_get_id(&ld->s, idn, buf);
    }
    *id_out = id;
    if (id)
        snprintf(buf, sizeof buf, "%s %s", kind, id);
    else
        snprintf(buf, sizeof buf, "%s[%zu]", list, index + 1);
    return wm_arena_strdup(ld->s.arena, buf);
}

static void load_objectives(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "objectives"))
        return;
    wm_engagement *e = ld->e;
    e->objectives = WM_ARENA_NEW(ld->s.arena, wm_objective, v->n);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        wm_objective *o = &e->objectives[e->n_objectives];
        memset(o, 0, sizeof *o); /* a slot may be reused after a bad item */
        char list_what[40];
        snprintf(list_what, sizeof list_what, "objectives[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, list_what))
            continue;
        objective_ctx c = {o, item_name(ld, item, "objective", "objectives", i, &o->id)};
        o->pos = item->pos;
        o->deadline = WM_NO_QUARTER;
        ld->s.where = c.where;
        uint64_t seen = read_fields(ld, item, OBJECTIVE_FIELDS, c.where, &c);
        ld->s.where = NULL;
        require_fields(ld, item->pos, c.where, OBJECTIVE_FIELDS, seen);
        if (o->id)
            e->n_objectives++;
    }
}

/* ---- initiatives ---- */

static const char *const RECURRENCES[] = {"once", "monthly", "yearly", NULL};
static const char *const MOSCOW[] = {"must", "should", "could", "wont", NULL};

typedef struct {
    wm_initiative *in;
    const char *where;
} initiative_ctx;

static bool read_refs(loader *ld, const wm_ynode *v, const char *what, wm_ref **out, size_t *n)
{
    const char **ids;
    size_t count;
    if (!wm_get_text_list(&ld->s, v, what, true, &ids, &count))
        return false;
    wm_ref *refs = WM_ARENA_NEW(ld->s.arena, wm_ref, count + 1);
    for (size_t i = 0; i < count; i++) {
        refs[i].id = ids[i];
        refs[i].pos = v->items[i]->pos;
        refs[i].index = (size_t)-1;
    }
    *out = refs;
    *n = count;
    return true;
}

static void load_effort(loader *ld, wm_initiative *in, const wm_ynode *v)
{
    char what[320] = "effort";
    if (!wm_expect_map(&ld->s, v, what))
        return;
    if (v->n == 0) {
        wm_schema_error(&ld->s, v->pos,
                        "give person-days per role, such as { engineer: [5, 8, 13] }",
                        "%s needs at least one role", wm_schema_name(&ld->s, what));
        return;
    }
    in->effort = WM_ARENA_NEW(ld->s.arena, wm_effort, v->n);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i), *x = wm_ymap_value(v, i);
        wm_effort *ef = &in->effort[in->n_effort];
        const char *role = wm_get_id(&ld->s, k, "effort role");
        if (!role)
            continue;
        ef->role.id = role;
        ef->role.pos = k->pos;
        ef->role.index = (size_t)-1;
        ef->pos = x->pos;
        snprintf(what, sizeof what, "effort.%s", role);
        if (x->kind == WM_YSEQ) {
            if (x->n != 3) {
                wm_schema_error(
                    &ld->s, x->pos, "write [optimistic, likely, pessimistic] or a single number",
                    "'%s' has %zu values; expected 3", wm_schema_name(&ld->s, what), x->n);
                continue;
            }
            double t[3];
            bool ok = true;
            for (int j = 0; j < 3; j++)
                ok &= number(ld, x->items[j], what, &DAYS, &t[j]);
            if (!ok)
                continue;
            if (!(t[0] <= t[1] && t[1] <= t[2])) {
                wm_schema_error(&ld->s, x->pos,
                                "order the estimate as [optimistic, likely, pessimistic]",
                                "'%s' must have optimistic <= likely <= pessimistic, got [%g, %g, "
                                "%g]",
                                wm_schema_name(&ld->s, what), t[0], t[1], t[2]);
                continue;
            }
            ef->o = t[0], ef->m = t[1], ef->p = t[2];
        } else if (x->kind == WM_YSCALAR && !wm_ynode_is_null(x)) {
            double t;
            if (!number(ld, x, what, &DAYS, &t))
                continue;
            ef->o = ef->m = ef->p = t;
            ef->single = true;
        } else {
            wm_schema_error(&ld->s, x->pos,
                            "write person-days as a number or [optimistic, likely, pessimistic]",
                            "expected a number or a list of three for '%s', got %s",
                            wm_schema_name(&ld->s, what), wm_ynode_describe(x));
            continue;
        }
        in->n_effort++;
    }
}

typedef struct {
    wm_cost *c;
    const char *iw; /* "costs[2]" */
} cost_ctx;

static void cost_item(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    cost_ctx *c = ctx;
    char what[320];
    snprintf(what, sizeof what, "%s.%s", c->iw, f->name);
    c->c->item = text(ld, v, what);
}

static void cost_amount(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    cost_ctx *c = ctx;
    char what[320];
    snprintf(what, sizeof what, "%s.%s", c->iw, f->name);
    number(ld, v, what, &MONEY, &c->c->amount);
}

static void cost_recurring(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    cost_ctx *c = ctx;
    char what[320];
    snprintf(what, sizeof what, "%s.%s", c->iw, f->name);
    int r = wm_get_enum(&ld->s, v, what, RECURRENCES);
    if (r >= 0)
        c->c->recurring = (wm_recurrence)r;
}

static const field COST_FIELDS[] = {{"item", cost_item, REQUIRED, 0},
                                    {"amount", cost_amount, REQUIRED, 0},
                                    {"recurring", cost_recurring, false, 0},
                                    {NULL, NULL, false, 0}};

static void load_costs(loader *ld, wm_initiative *in, const wm_ynode *v)
{
    if (!wm_expect_seq(&ld->s, v, "costs"))
        return;
    in->costs = WM_ARENA_NEW(ld->s.arena, wm_cost, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        char iw[240];
        snprintf(iw, sizeof iw, "costs[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, iw))
            continue;
        cost_ctx c = {&in->costs[in->n_costs++], iw};
        c.c->pos = item->pos;
        uint64_t seen = read_fields(ld, item, COST_FIELDS, iw, &c);
        require_fields(ld, item->pos, iw, COST_FIELDS, seen);
    }
}

/* A score of an initiative: "scores.NAME" into in->scores[f->arg]. */
static wm_optnum *score_slot(const field *f, void *ctx, char *what, size_t size)
{
    snprintf(what, size, "scores.%s", f->name);
    return &((wm_initiative *)ctx)->scores[f->arg];
}

static void score_0_10(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[64];
    wm_optnum *s = score_slot(f, ctx, what, sizeof what);
    s->set = wm_get_number(&ld->s, v, what, 0, 10, &s->v);
}

static void score_reach(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[64];
    wm_optnum *s = score_slot(f, ctx, what, sizeof what);
    s->set = number(ld, v, what, &REACH, &s->v);
}

static void score_impact(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[64];
    wm_optnum *s = score_slot(f, ctx, what, sizeof what);
    s->set = wm_get_number_above(&ld->s, v, what, 0, &s->v);
    if (s->set && s->v > WM_IMPACT_MAX) {
        wm_schema_error(
            &ld->s, v->pos, "impact is above 0 and at most 1000 (RICE's own scale is 0.25 to 3)",
            "'%s' must be between 0 and 1000, got %s", wm_schema_name(&ld->s, what), v->text);
        s->set = false;
    }
}

static void score_confidence(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    char what[64];
    wm_optnum *s = score_slot(f, ctx, what, sizeof what);
    s->set = wm_get_number(&ld->s, v, what, 0, 1, &s->v);
}

static const field SCORE_FIELDS[] = {
    {"business_value", score_0_10, false, WM_SCORE_BUSINESS_VALUE},
    {"time_criticality", score_0_10, false, WM_SCORE_TIME_CRITICALITY},
    {"risk_reduction", score_0_10, false, WM_SCORE_RISK_REDUCTION},
    {"reach", score_reach, false, WM_SCORE_REACH},
    {"impact", score_impact, false, WM_SCORE_IMPACT},
    {"confidence", score_confidence, false, WM_SCORE_CONFIDENCE},
    {NULL, NULL, false, 0}};

static void initiative_title(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((initiative_ctx *)ctx)->in->title = text(ld, v, f->name);
}

static void initiative_summary(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((initiative_ctx *)ctx)->in->summary = text(ld, v, f->name);
}

static void initiative_objectives(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_initiative *in = ((initiative_ctx *)ctx)->in;
    read_refs(ld, v, f->name, &in->objectives, &in->n_objectives);
}

static void initiative_effort(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    load_effort(ld, ((initiative_ctx *)ctx)->in, v);
}

static void initiative_costs(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    load_costs(ld, ((initiative_ctx *)ctx)->in, v);
}

static void initiative_depends_on(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_initiative *in = ((initiative_ctx *)ctx)->in;
    read_refs(ld, v, f->name, &in->depends_on, &in->n_depends_on);
}

static void initiative_scores(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    if (wm_expect_map(&ld->s, v, "scores"))
        read_fields(ld, v, SCORE_FIELDS, "scores", ((initiative_ctx *)ctx)->in);
}

static void initiative_moscow(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_initiative *in = ((initiative_ctx *)ctx)->in;
    int m = wm_get_enum(&ld->s, v, f->name, MOSCOW);
    if (m >= 0) {
        in->moscow = (wm_moscow)m;
        in->moscow_set = true;
    }
}

static void initiative_earliest(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_get_quarter(&ld->s, v, f->name, &((initiative_ctx *)ctx)->in->earliest);
}

static void initiative_owner(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((initiative_ctx *)ctx)->in->owner = text(ld, v, f->name);
}

static void initiative_tags(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_initiative *in = ((initiative_ctx *)ctx)->in;
    wm_get_text_list(&ld->s, v, f->name, false, &in->tags, &in->n_tags);
}

/* The id is read first (item_name), to name the item in every message. */
static const field INITIATIVE_FIELDS[] = {{"id", NULL, REQUIRED, 0},
                                          {"title", initiative_title, REQUIRED, 0},
                                          {"summary", initiative_summary, false, 0},
                                          {"objectives", initiative_objectives, false, 0},
                                          {"effort", initiative_effort, REQUIRED, 0},
                                          {"costs", initiative_costs, false, 0},
                                          {"depends_on", initiative_depends_on, false, 0},
                                          {"scores", initiative_scores, false, 0},
                                          {"moscow", initiative_moscow, false, 0},
                                          {"earliest", initiative_earliest, false, 0},
                                          {"owner", initiative_owner, false, 0},
                                          {"tags", initiative_tags, false, 0},
                                          {NULL, NULL, false, 0}};

static void load_initiatives(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "initiatives"))
        return;
    wm_engagement *e = ld->e;
    e->initiatives = WM_ARENA_NEW(ld->s.arena, wm_initiative, v->n);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        wm_initiative *in = &e->initiatives[e->n_initiatives];
        memset(in, 0, sizeof *in); /* a slot may be reused after a bad item */
        char list_what[40];
        snprintf(list_what, sizeof list_what, "initiatives[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, list_what))
            continue;
        initiative_ctx c = {in, item_name(ld, item, "initiative", "initiatives", i, &in->id)};
        in->pos = item->pos;
        in->moscow = WM_SHOULD;
        in->earliest = WM_NO_QUARTER;
        ld->s.where = c.where;
        uint64_t seen = read_fields(ld, item, INITIATIVE_FIELDS, c.where, &c);
        ld->s.where = NULL;
        require_fields(ld, item->pos, c.where, INITIATIVE_FIELDS, seen);
        if (in->id)
            e->n_initiatives++;
    }
}

/* ---- risks ---- */

typedef struct {
    wm_risk *r;
    const char *where;
} risk_ctx;

static void risk_title(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((risk_ctx *)ctx)->r->title = text(ld, v, f->name);
}

static void risk_likelihood(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    long n;
    if (wm_get_int(&ld->s, v, f->name, 1, 5, &n))
        ((risk_ctx *)ctx)->r->likelihood = (int)n;
}

static void risk_impact(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    long n;
    if (wm_get_int(&ld->s, v, f->name, 1, 5, &n))
        ((risk_ctx *)ctx)->r->impact = (int)n;
}

static void risk_mitigation(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((risk_ctx *)ctx)->r->mitigation = text(ld, v, f->name);
}

static void risk_owner(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    ((risk_ctx *)ctx)->r->owner = text(ld, v, f->name);
}

static void risk_initiatives(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_risk *r = ((risk_ctx *)ctx)->r;
    read_refs(ld, v, f->name, &r->initiatives, &r->n_initiatives);
}

/* The id is read first (item_name), to name the item in every message. */
static const field RISK_FIELDS[] = {{"id", NULL, REQUIRED, 0},
                                    {"title", risk_title, REQUIRED, 0},
                                    {"likelihood", risk_likelihood, REQUIRED, 0},
                                    {"impact", risk_impact, REQUIRED, 0},
                                    {"mitigation", risk_mitigation, false, 0},
                                    {"owner", risk_owner, false, 0},
                                    {"initiatives", risk_initiatives, false, 0},
                                    {NULL, NULL, false, 0}};

static void load_risks(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "risks"))
        return;
    wm_engagement *e = ld->e;
    e->risks = WM_ARENA_NEW(ld->s.arena, wm_risk, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        wm_risk *r = &e->risks[e->n_risks];
        memset(r, 0, sizeof *r); /* a slot may be reused after a bad item */
        char list_what[40];
        snprintf(list_what, sizeof list_what, "risks[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, list_what))
            continue;
        risk_ctx c = {r, item_name(ld, item, "risk", "risks", i, &r->id)};
        r->pos = item->pos;
        ld->s.where = c.where;
        uint64_t seen = read_fields(ld, item, RISK_FIELDS, c.where, &c);
        ld->s.where = NULL;
        require_fields(ld, item->pos, c.where, RISK_FIELDS, seen);
        if (r->id)
            e->n_risks++;
    }
}

/* ---- decisions ---- */

typedef struct {
    wm_decision *d;
    char where[40]; /* "decisions[2]" */
} decision_ctx;

static void decision_title(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    decision_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.title", c->where);
    c->d->title = text(ld, v, what);
}

static void decision_detail(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    decision_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.detail", c->where);
    c->d->detail = text(ld, v, what);
}

static void decision_needed_by(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    decision_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.needed_by", c->where);
    wm_get_quarter(&ld->s, v, what, &c->d->needed_by);
}

static void decision_owner(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    decision_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.owner", c->where);
    c->d->owner = text(ld, v, what);
}

static const field DECISION_FIELDS[] = {{"title", decision_title, REQUIRED, 0},
                                        {"detail", decision_detail, false, 0},
                                        {"needed_by", decision_needed_by, false, 0},
                                        {"owner", decision_owner, false, 0},
                                        {NULL, NULL, false, 0}};

/* `decisions:` a list of what the board is asked to decide: each a mapping
 * with a title, and optionally detail, needed_by and owner. */
static void load_decisions(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "decisions"))
        return;
    wm_engagement *e = ld->e;
    e->decisions = WM_ARENA_NEW(ld->s.arena, wm_decision, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        wm_decision *d = &e->decisions[e->n_decisions];
        memset(d, 0, sizeof *d);
        d->needed_by = WM_NO_QUARTER;
        d->pos = item->pos;
        decision_ctx c = {d, ""};
        snprintf(c.where, sizeof c.where, "decisions[%zu]", i + 1);
        if (wm_expect_map(&ld->s, item, c.where)) {
            ld->s.where = c.where;
            uint64_t seen = read_fields(ld, item, DECISION_FIELDS, c.where, &c);
            ld->s.where = NULL;
            require_fields(ld, item->pos, c.where, DECISION_FIELDS, seen);
        }
        if (d->title)
            e->n_decisions++;
    }
}

/* ---- blocked quarters ---- */

typedef struct {
    wm_blocked *b;
    char where[40]; /* "blocked[2]" */
} block_ctx;

static void block_quarters(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    block_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.quarters", c->where);
    if (!wm_expect_seq(&ld->s, v, what))
        return;
    if (v->n == 0) {
        wm_schema_error(&ld->s, v->pos, "list the quarters it blocks, such as [2027-Q4]",
                        "%s is empty", what);
        return;
    }
    c->b->quarters = WM_ARENA_NEW(ld->s.arena, wm_quarter, v->n + 1);
    c->b->quarter_pos = WM_ARENA_NEW(ld->s.arena, wm_pos, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        wm_quarter q;
        char item[96];
        snprintf(item, sizeof item, "%s[%zu]", what, i + 1);
        if (!wm_get_quarter(&ld->s, v->items[i], item, &q))
            continue;
        c->b->quarter_pos[c->b->n_quarters] = v->items[i]->pos;
        c->b->quarters[c->b->n_quarters++] = q;
    }
}

static void block_go_live(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    block_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.go_live", c->where);
    wm_get_bool(&ld->s, v, what, &c->b->go_live);
}

static void block_roles(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    block_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.roles", c->where);
    const char **names;
    size_t n;
    if (!wm_get_text_list(&ld->s, v, what, true, &names, &n))
        return;
    c->b->roles = WM_ARENA_NEW(ld->s.arena, wm_ref, n + 1);
    for (size_t i = 0; i < n; i++)
        c->b->roles[i] = (wm_ref){names[i], (size_t)-1, v->items[i]->pos};
    c->b->n_roles = n;
}

static void block_reason(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    block_ctx *c = ctx;
    char what[64];
    snprintf(what, sizeof what, "%s.reason", c->where);
    c->b->reason = text(ld, v, what);
}

static const field BLOCK_FIELDS[] = {{"quarters", block_quarters, REQUIRED, 0},
                                     {"go_live", block_go_live, false, 0},
                                     {"roles", block_roles, false, 0},
                                     {"reason", block_reason, REQUIRED, 0},
                                     {NULL, NULL, false, 0}};

/* `blocked:` quarters in which nothing goes live, or some roles do no
 * work (method.md, "Blocked quarters").  The roles are resolved, and the
 * quarters compared with the horizon, in checks.c. */
static void load_blocked(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "blocked"))
        return;
    wm_engagement *e = ld->e;
    e->blocked = WM_ARENA_NEW(ld->s.arena, wm_blocked, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        wm_blocked *b = &e->blocked[e->n_blocked];
        memset(b, 0, sizeof *b); /* a slot may be reused after a bad item */
        b->pos = item->pos;
        block_ctx c = {b, ""};
        snprintf(c.where, sizeof c.where, "blocked[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, c.where))
            continue;
        size_t errors = ld->s.diags->errors;
        ld->s.where = c.where;
        uint64_t seen = read_fields(ld, item, BLOCK_FIELDS, c.where, &c);
        ld->s.where = NULL;
        require_fields(ld, item->pos, c.where, BLOCK_FIELDS, seen);
        if (ld->s.diags->errors > errors)
            continue;
        if (!b->go_live && b->n_roles == 0) {
            wm_schema_error(&ld->s, item->pos,
                            "add 'go_live: true' (nothing ends in these quarters) or 'roles: "
                            "[...]' (those roles do no work in them)",
                            "%s blocks nothing", c.where);
            continue;
        }
        if (b->n_quarters > 0 && b->reason)
            e->n_blocked++;
    }
}

/* ---- assessment ---- */

/* "assessment.DIMENSION.KEY". */
static const char *maturity_what(const wm_maturity *m, const field *f, char *buf, size_t size)
{
    snprintf(buf, size, "assessment.%s.%s", m->dimension, f->name);
    return buf;
}

static void maturity_current(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_maturity *m = ctx;
    char what[160];
    wm_get_number(&ld->s, v, maturity_what(m, f, what, sizeof what), 0, 5, &m->current);
}

static void maturity_target(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_maturity *m = ctx;
    char what[160];
    m->target_set =
        wm_get_number(&ld->s, v, maturity_what(m, f, what, sizeof what), 0, 5, &m->target);
}

static void maturity_note(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    wm_maturity *m = ctx;
    char what[160];
    m->note = text(ld, v, maturity_what(m, f, what, sizeof what));
}

static const field MATURITY_FIELDS[] = {{"current", maturity_current, REQUIRED, 0},
                                        {"target", maturity_target, false, 0},
                                        {"note", maturity_note, false, 0},
                                        {NULL, NULL, false, 0}};

static void load_assessment(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_map(&ld->s, v, "assessment"))
        return;
    wm_engagement *e = ld->e;
    e->assessment = WM_ARENA_NEW(ld->s.arena, wm_maturity, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *k = wm_ymap_key(v, i), *x = wm_ymap_value(v, i);
        wm_maturity *m = &e->assessment[e->n_assessment];
        memset(m, 0, sizeof *m); /* a slot may be reused after a bad item */
        m->dimension = wm_get_id(&ld->s, k, "assessment dimension");
        m->pos = k->pos;
        if (!m->dimension)
            continue;
        char where[120];
        snprintf(where, sizeof where, "assessment.%s", m->dimension);
        if (!wm_expect_map(&ld->s, x, where))
            continue;
        uint64_t seen = read_fields(ld, x, MATURITY_FIELDS, where, m);
        require_fields(ld, k->pos, where, MATURITY_FIELDS, seen);
        e->n_assessment++;
    }
}

/* ---- playbook and plugins ---- */

static void playbook_template(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    ld->e->playbook.template_name = text(ld, v, "playbook.template");
    ld->e->playbook.template_pos = v->pos;
}

static void playbook_owners(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    wm_engagement *e = ld->e;
    if (!wm_expect_map(&ld->s, v, "playbook.owners"))
        return;
    e->playbook.owners = WM_ARENA_NEW(ld->s.arena, wm_owner, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *rk = wm_ymap_key(v, i), *pv = wm_ymap_value(v, i);
        const char *role = wm_get_id(&ld->s, rk, "playbook.owners role");
        char what[120];
        snprintf(what, sizeof what, "playbook.owners.%s", role ? role : "?");
        const char *person = text(ld, pv, what);
        if (!role || !person)
            continue;
        wm_owner *o = &e->playbook.owners[e->playbook.n_owners++];
        o->role = role;
        o->person = person;
        o->pos = pv->pos;
    }
}

static void playbook_extra(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f, (void)ctx;
    if (wm_expect_map(&ld->s, v, "playbook.extra"))
        ld->e->playbook.extra = v;
}

static const field PLAYBOOK_FIELDS[] = {{"template", playbook_template, false, 0},
                                        {"owners", playbook_owners, false, 0},
                                        {"extra", playbook_extra, false, 0},
                                        {NULL, NULL, false, 0}};

static void load_playbook(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "playbook"))
        read_fields(ld, v, PLAYBOOK_FIELDS, "playbook", NULL);
}

typedef struct {
    wm_plugin_ref *p;
    const char *what; /* "plugins[2]" */
} plugin_ctx;

static void plugin_name(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    plugin_ctx *c = ctx;
    c->p->name = text(ld, v, c->what);
}

static void plugin_config(loader *ld, const field *f, const wm_ynode *v, void *ctx)
{
    (void)f;
    if (wm_expect_map(&ld->s, v, "plugin config"))
        ((plugin_ctx *)ctx)->p->config = v;
}

static const field PLUGIN_FIELDS[] = {{"name", plugin_name, REQUIRED, 0},
                                      {"config", plugin_config, false, 0},
                                      {NULL, NULL, false, 0}};

static void load_plugins(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (!wm_expect_seq(&ld->s, v, "plugins"))
        return;
    wm_engagement *e = ld->e;
    e->plugins = WM_ARENA_NEW(ld->s.arena, wm_plugin_ref, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        char what[40];
        snprintf(what, sizeof what, "plugins[%zu]", i + 1);
        wm_plugin_ref *p = &e->plugins[e->n_plugins];
        memset(p, 0, sizeof *p); /* a slot may be reused after a bad item */
        p->pos = item->pos;
        if (item->kind == WM_YSCALAR) {
            p->name = text(ld, item, what);
        } else if (wm_expect_map(&ld->s, item, what)) {
            plugin_ctx c = {p, what};
            uint64_t seen = read_fields(ld, item, PLUGIN_FIELDS, what, &c);
            require_fields(ld, item->pos, what, PLUGIN_FIELDS, seen);
        }
        if (p->name)
            e->n_plugins++;
    }
}

/* ---- the whole file ---- */

/* The sections of the file, by name: what reads each, whether it is
 * required, and for a list that may not be empty, the message (msg). */
typedef struct {
    const char *name;
    void (*load)(loader *ld, const wm_ynode *key, const wm_ynode *v); /* NULL: format */
    bool required;
    const char *msg; /* a list that may not be empty: the message when it is */
} section;

static const section SECTIONS[] = {
    {"format", NULL, REQUIRED, NULL},
    {"client", load_client, REQUIRED, NULL},
    {"engagement", load_engagement, REQUIRED, NULL},
    {"team", load_team, REQUIRED, NULL},
    {"budget", load_budget, false, NULL},
    {"prioritisation", load_prioritisation, false, NULL},
    {"objectives", load_objectives, REQUIRED, "'objectives' needs at least one objective"},
    {"initiatives", load_initiatives, REQUIRED, "'initiatives' needs at least one initiative"},
    {"risks", load_risks, false, NULL},
    {"decisions", load_decisions, false, NULL},
    {"blocked", load_blocked, false, NULL},
    {"assessment", load_assessment, false, NULL},
    {"playbook", load_playbook, false, NULL},
    {"plugins", load_plugins, false, NULL},
};
enum { N_SECTIONS = sizeof SECTIONS / sizeof SECTIONS[0] };

/* `format: waymark/1`, the first key of the file (key `i` of the root). */
static void read_format(loader *ld, const wm_ynode *k, const wm_ynode *v, size_t i)
{
    const char *f = text(ld, v, "format");
    if (f && strcmp(f, WM_FORMAT) != 0) {
        char *q = wm_quote(f, strlen(f), 40);
        wm_schema_error(&ld->s, v->pos, "this version of Waymark reads 'format: waymark/1'",
                        "unsupported format '%s'", q);
        free(q);
    }
    if (i != 0)
        wm_schema_error(&ld->s, k->pos, "move 'format: waymark/1' to the top of the file",
                        "'format' must be the first key");
}

void wm_load_schema(wm_engagement *e, const wm_ynode *root, wm_schema *s)
{
    loader ld = {*s, e};
    e->engagement.start = WM_NO_QUARTER;
    if (root->kind != WM_YMAP) {
        wm_schema_error(&ld.s, root->pos, "an engagement file starts with 'format: waymark/1'",
                        "expected a mapping of sections at the top of the file, got %s",
                        wm_ynode_describe(root));
        return;
    }
    const char *names[N_SECTIONS + 1];
    for (size_t i = 0; i < N_SECTIONS; i++)
        names[i] = SECTIONS[i].name;
    names[N_SECTIONS] = NULL;
    uint64_t seen = 0;
    for (size_t i = 0; i < root->n; i++) {
        const wm_ynode *k = wm_ymap_key(root, i), *v = wm_ymap_value(root, i);
        int idx = wm_key_index(&ld.s, k, names, "the engagement file");
        if (idx < 0)
            continue;
        if (wm_ynode_is_null(v))
            continue;
        seen |= BIT(idx);
        if (SECTIONS[idx].load)
            SECTIONS[idx].load(&ld, k, v);
        else
            read_format(&ld, k, v, i);
    }
    wm_pos top = root->pos;
    for (size_t i = 0; i < N_SECTIONS; i++) {
        if (!SECTIONS[i].required || (seen & BIT(i)))
            continue;
        if (!SECTIONS[i].load)
            wm_schema_error(&ld.s, top, "start the file with 'format: waymark/1'",
                            "the engagement file is missing the required key 'format'");
        else if (!(ld.s.suggested & BIT(i)))
            wm_schema_error(&ld.s, top, NULL,
                            "the engagement file is missing the required section '%s'",
                            SECTIONS[i].name);
    }
    for (size_t i = 0; i < N_SECTIONS; i++) {
        const wm_ynode *list = SECTIONS[i].msg ? wm_ymap_get(root, SECTIONS[i].name) : NULL;
        if (list && list->kind == WM_YSEQ && list->n == 0)
            wm_schema_error(&ld.s, list->pos, NULL, "%s", SECTIONS[i].msg);
    }
}
