/*
 * engagement.c - the `waymark/1` schema: the YAML tree of an engagement file
 * read into the wm_engagement model, field by field.
 *
 * This file checks each value where it stands (types, ranges, formats,
 * unknown and missing keys).  Whatever needs the whole file - ids being
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

/* Calls `fn(ld, index, value, ctx)` for each known key of mapping `m` whose
 * value is not null, and returns the bit set of keys seen. */
typedef void (*field_fn)(loader *ld, int key, const wm_ynode *v, void *ctx);

static uint64_t each_field(loader *ld, const wm_ynode *m, const char *const *keys,
                           const char *where, field_fn fn, void *ctx)
{
    uint64_t seen = 0;
    for (size_t i = 0; i < m->n; i++) {
        int k = wm_key_index(&ld->s, wm_ymap_key(m, i), keys, where);
        if (k < 0)
            continue;
        const wm_ynode *v = wm_ymap_value(m, i);
        if (wm_ynode_is_null(v))
            continue;
        seen |= BIT(k);
        fn(ld, k, v, ctx);
    }
    return seen;
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

static const char *const CLIENT_KEYS[] = {"name", "short_name", "sector", "logo", NULL};

static void client_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    wm_engagement *e = ld->e;
    switch (k) {
    case 0:
        e->client.name = text(ld, v, "client.name");
        break;
    case 1:
        e->client.short_name = text(ld, v, "client.short_name");
        break;
    case 2:
        e->client.sector = text(ld, v, "client.sector");
        break;
    case 3:
        e->client.logo = text(ld, v, "client.logo");
        e->client.logo_pos = v->pos;
        break;
    }
}

static void load_client(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "client"))
        return;
    uint64_t seen = each_field(ld, v, CLIENT_KEYS, "client", client_field, NULL);
    wm_require_keys(&ld->s, key->pos, "'client'", CLIENT_KEYS, BIT(0), seen);
}

/* ---- engagement ---- */

static const char *const ENGAGEMENT_KEYS[] = {"title",           "prepared_by", "date",
                                              "currency",        "start",       "quarters",
                                              "confidentiality", "brand",       NULL};
static const char *const PERSON_KEYS[] = {"name", "role", "firm", NULL};

static void person_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    wm_person *p = ctx;
    static const char *const what[] = {"engagement.prepared_by.name", "engagement.prepared_by.role",
                                       "engagement.prepared_by.firm"};
    const char *t = text(ld, v, what[k]);
    if (k == 0)
        p->name = t;
    else if (k == 1)
        p->role = t;
    else
        p->firm = t;
}

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

static void engagement_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    wm_engagement *e = ld->e;
    long q;
    switch (k) {
    case 0:
        e->engagement.title = text(ld, v, "engagement.title");
        break;
    case 1:
        if (wm_expect_map(&ld->s, v, "engagement.prepared_by"))
            each_field(ld, v, PERSON_KEYS, "engagement.prepared_by", person_field,
                       &e->engagement.prepared_by);
        break;
    case 2:
        e->engagement.date_set = wm_get_date(&ld->s, v, "engagement.date", &e->engagement.date);
        break;
    case 3: {
        const char *code = text(ld, v, "engagement.currency");
        if (code)
            check_currency(ld, v, code);
        break;
    }
    case 4:
        wm_get_quarter(&ld->s, v, "engagement.start", &e->engagement.start);
        break;
    case 5:
        if (wm_get_int(&ld->s, v, "engagement.quarters", 1, 40, &q))
            e->engagement.quarters = (int)q;
        break;
    case 6:
        e->engagement.confidentiality = text(ld, v, "engagement.confidentiality");
        break;
    case 7:
        e->engagement.brand = text(ld, v, "engagement.brand");
        e->engagement.brand_pos = v->pos;
        break;
    }
}

static void load_engagement(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    if (!wm_expect_map(&ld->s, v, "engagement"))
        return;
    uint64_t seen = each_field(ld, v, ENGAGEMENT_KEYS, "engagement", engagement_field, NULL);
    wm_require_keys(&ld->s, key->pos, "'engagement'", ENGAGEMENT_KEYS, BIT(3) | BIT(4) | BIT(5),
                    seen);
}

/* ---- team ---- */

static const char *const ROLE_KEYS[] = {"rate", "capacity", NULL};

static void role_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    wm_role *r = ctx;
    char what[120];
    snprintf(what, sizeof what, "team.%s.%s", r->name, ROLE_KEYS[k]);
    if (k == 0) {
        number(ld, v, what, &MONEY, &r->rate);
    } else {
        r->capacity.set = number(ld, v, what, &DAYS, &r->capacity.v);
    }
}

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
        uint64_t seen = each_field(ld, rv, ROLE_KEYS, where, role_field, r);
        wm_require_keys(&ld->s, k->pos, where, ROLE_KEYS, BIT(0), seen);
    }
}

/* ---- budget and prioritisation ---- */

static const char *const BUDGET_KEYS[] = {"total", "per_quarter", "contingency", NULL};

static void budget_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    wm_engagement *e = ld->e;
    switch (k) {
    case 0:
        e->budget.total.set = number(ld, v, "budget.total", &MONEY, &e->budget.total.v);
        break;
    case 1:
        e->budget.per_quarter.set =
            number(ld, v, "budget.per_quarter", &MONEY, &e->budget.per_quarter.v);
        break;
    case 2:
        e->budget.contingency.set =
            wm_get_number(&ld->s, v, "budget.contingency", 0, 1, &e->budget.contingency.v);
        break;
    }
}

static void load_budget(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "budget"))
        each_field(ld, v, BUDGET_KEYS, "budget", budget_field, NULL);
}

static const char *const PRIO_KEYS[] = {"method", "weights", NULL};
static const char *const PRIO_METHODS[] = {"wsjf", "rice", "weighted", NULL};
static const char *const SCORE_KEYS[] = {
    "business_value", "time_criticality", "risk_reduction", "reach", "impact", "confidence", NULL};
const char *const wm_score_names[WM_SCORE_COUNT] = {
    "business_value", "time_criticality", "risk_reduction", "reach", "impact", "confidence"};

static void weight_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    char what[80];
    snprintf(what, sizeof what, "prioritisation.weights.%s", SCORE_KEYS[k]);
    wm_optnum *w = &ld->e->prioritisation.weights[k];
    w->set = number(ld, v, what, &WEIGHT, &w->v);
}

static void prio_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    if (k == 0) {
        int m = wm_get_enum(&ld->s, v, "prioritisation.method", PRIO_METHODS);
        if (m >= 0)
            ld->e->prioritisation.method = (wm_prio_method)m;
    } else if (wm_expect_map(&ld->s, v, "prioritisation.weights")) {
        each_field(ld, v, SCORE_KEYS, "prioritisation.weights", weight_field, NULL);
    }
}

static void load_prioritisation(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "prioritisation"))
        each_field(ld, v, PRIO_KEYS, "prioritisation", prio_field, NULL);
}

/* ---- objectives ---- */

static const char *const OBJECTIVE_KEYS[] = {"id",       "title",    "description", "value",
                                             "deadline", "measures", NULL};

typedef struct {
    wm_objective *o;
    const char *where;
} objective_ctx;

static void objective_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    objective_ctx *c = ctx;
    wm_objective *o = c->o;
    char what[160];
    snprintf(what, sizeof what, "%s %s", c->where, OBJECTIVE_KEYS[k]);
    switch (k) {
    case 0:
        break; /* read first, see load_objectives */
    case 1:
        o->title = text(ld, v, what);
        break;
    case 2:
        o->description = text(ld, v, what);
        break;
    case 3:
        o->value.set = wm_get_number(&ld->s, v, what, 1, 10, &o->value.v);
        break;
    case 4:
        wm_get_quarter(&ld->s, v, what, &o->deadline);
        break;
    case 5:
        wm_get_text_list(&ld->s, v, what, false, &o->measures, &o->n_measures);
        break;
    }
}

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
        uint64_t seen = each_field(ld, item, OBJECTIVE_KEYS, c.where, objective_field, &c);
        ld->s.where = NULL;
        wm_require_keys(&ld->s, item->pos, c.where, OBJECTIVE_KEYS, BIT(0) | BIT(1), seen);
        if (o->id)
            e->n_objectives++;
    }
}

/* ---- initiatives ---- */

static const char *const INITIATIVE_KEYS[] = {
    "id",     "title",  "summary",  "objectives", "effort", "costs", "depends_on",
    "scores", "moscow", "earliest", "owner",      "tags",   NULL};
static const char *const COST_KEYS[] = {"item", "amount", "recurring", NULL};
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

static void load_effort(loader *ld, wm_initiative *in, const wm_ynode *v, const char *where)
{
    (void)where;
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

static void load_costs(loader *ld, wm_initiative *in, const wm_ynode *v, const char *where)
{
    (void)where;
    char what[320] = "costs";
    if (!wm_expect_seq(&ld->s, v, what))
        return;
    in->costs = WM_ARENA_NEW(ld->s.arena, wm_cost, v->n + 1);
    for (size_t i = 0; i < v->n; i++) {
        const wm_ynode *item = v->items[i];
        char iw[240];
        snprintf(iw, sizeof iw, "costs[%zu]", i + 1);
        if (!wm_expect_map(&ld->s, item, iw))
            continue;
        wm_cost *c = &in->costs[in->n_costs++];
        c->pos = item->pos;
        uint64_t seen = 0;
        for (size_t j = 0; j < item->n; j++) {
            int k = wm_key_index(&ld->s, wm_ymap_key(item, j), COST_KEYS, iw);
            const wm_ynode *x = wm_ymap_value(item, j);
            if (k < 0 || wm_ynode_is_null(x))
                continue;
            seen |= BIT(k);
            snprintf(what, sizeof what, "%s.%s", iw, COST_KEYS[k]);
            if (k == 0) {
                c->item = text(ld, x, what);
            } else if (k == 1) {
                number(ld, x, what, &MONEY, &c->amount);
            } else {
                int r = wm_get_enum(&ld->s, x, what, RECURRENCES);
                if (r >= 0)
                    c->recurring = (wm_recurrence)r;
            }
        }
        wm_require_keys(&ld->s, item->pos, iw, COST_KEYS, BIT(0) | BIT(1), seen);
    }
}

static void load_scores(loader *ld, wm_initiative *in, const wm_ynode *v, const char *where)
{
    (void)where;
    static const char *const SCORE_FIELDS[] = {"scores.business_value", "scores.time_criticality",
                                               "scores.risk_reduction", "scores.reach",
                                               "scores.impact",         "scores.confidence"};
    const char *what = "scores";
    if (!wm_expect_map(&ld->s, v, what))
        return;
    for (size_t i = 0; i < v->n; i++) {
        int k = wm_key_index(&ld->s, wm_ymap_key(v, i), SCORE_KEYS, what);
        const wm_ynode *x = wm_ymap_value(v, i);
        if (k < 0 || wm_ynode_is_null(x))
            continue;
        const char *fw = SCORE_FIELDS[k];
        wm_optnum *s = &in->scores[k];
        switch ((wm_score_kind)k) {
        case WM_SCORE_BUSINESS_VALUE:
        case WM_SCORE_TIME_CRITICALITY:
        case WM_SCORE_RISK_REDUCTION:
            s->set = wm_get_number(&ld->s, x, fw, 0, 10, &s->v);
            break;
        case WM_SCORE_REACH:
            s->set = number(ld, x, fw, &REACH, &s->v);
            break;
        case WM_SCORE_IMPACT:
            s->set = wm_get_number_above(&ld->s, x, fw, 0, &s->v);
            if (s->set && s->v > WM_IMPACT_MAX) {
                wm_schema_error(
                    &ld->s, x->pos,
                    "impact is above 0 and at most 1000 (RICE's own scale is 0.25 to 3)",
                    "'%s' must be between 0 and 1000, got %s", wm_schema_name(&ld->s, fw), x->text);
                s->set = false;
            }
            break;
        case WM_SCORE_CONFIDENCE:
            s->set = wm_get_number(&ld->s, x, fw, 0, 1, &s->v);
            break;
        case WM_SCORE_COUNT:
            break;
        }
    }
}

static void initiative_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    initiative_ctx *c = ctx;
    wm_initiative *in = c->in;
    const char *what = INITIATIVE_KEYS[k];
    switch (k) {
    case 0:
        break;
    case 1:
        in->title = text(ld, v, what);
        break;
    case 2:
        in->summary = text(ld, v, what);
        break;
    case 3:
        read_refs(ld, v, what, &in->objectives, &in->n_objectives);
        break;
    case 4:
        load_effort(ld, in, v, c->where);
        break;
    case 5:
        load_costs(ld, in, v, c->where);
        break;
    case 6:
        read_refs(ld, v, what, &in->depends_on, &in->n_depends_on);
        break;
    case 7:
        load_scores(ld, in, v, c->where);
        break;
    case 8: {
        int m = wm_get_enum(&ld->s, v, what, MOSCOW);
        if (m >= 0) {
            in->moscow = (wm_moscow)m;
            in->moscow_set = true;
        }
        break;
    }
    case 9:
        wm_get_quarter(&ld->s, v, what, &in->earliest);
        break;
    case 10:
        in->owner = text(ld, v, what);
        break;
    case 11:
        wm_get_text_list(&ld->s, v, what, false, &in->tags, &in->n_tags);
        break;
    }
}

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
        uint64_t seen = each_field(ld, item, INITIATIVE_KEYS, c.where, initiative_field, &c);
        ld->s.where = NULL;
        wm_require_keys(&ld->s, item->pos, c.where, INITIATIVE_KEYS, BIT(0) | BIT(1) | BIT(4),
                        seen);
        if (in->id)
            e->n_initiatives++;
    }
}

/* ---- risks ---- */

static const char *const RISK_KEYS[] = {"id",         "title", "likelihood",  "impact",
                                        "mitigation", "owner", "initiatives", NULL};

typedef struct {
    wm_risk *r;
    const char *where;
} risk_ctx;

static void risk_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    risk_ctx *c = ctx;
    wm_risk *r = c->r;
    const char *what = RISK_KEYS[k];
    long n;
    switch (k) {
    case 0:
        break;
    case 1:
        r->title = text(ld, v, what);
        break;
    case 2:
        if (wm_get_int(&ld->s, v, what, 1, 5, &n))
            r->likelihood = (int)n;
        break;
    case 3:
        if (wm_get_int(&ld->s, v, what, 1, 5, &n))
            r->impact = (int)n;
        break;
    case 4:
        r->mitigation = text(ld, v, what);
        break;
    case 5:
        r->owner = text(ld, v, what);
        break;
    case 6:
        read_refs(ld, v, what, &r->initiatives, &r->n_initiatives);
        break;
    }
}

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
        uint64_t seen = each_field(ld, item, RISK_KEYS, c.where, risk_field, &c);
        ld->s.where = NULL;
        wm_require_keys(&ld->s, item->pos, c.where, RISK_KEYS, BIT(0) | BIT(1) | BIT(2) | BIT(3),
                        seen);
        if (r->id)
            e->n_risks++;
    }
}

/* ---- assessment ---- */

static const char *const MATURITY_KEYS[] = {"current", "target", "note", NULL};

static void maturity_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    wm_maturity *m = ctx;
    char what[160];
    snprintf(what, sizeof what, "assessment.%s.%s", m->dimension, MATURITY_KEYS[k]);
    if (k == 0)
        wm_get_number(&ld->s, v, what, 0, 5, &m->current);
    else if (k == 1)
        m->target_set = wm_get_number(&ld->s, v, what, 0, 5, &m->target);
    else
        m->note = text(ld, v, what);
}

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
        uint64_t seen = each_field(ld, x, MATURITY_KEYS, where, maturity_field, m);
        wm_require_keys(&ld->s, k->pos, where, MATURITY_KEYS, BIT(0), seen);
        e->n_assessment++;
    }
}

/* ---- playbook and plugins ---- */

static const char *const PLAYBOOK_KEYS[] = {"template", "owners", "extra", NULL};

static void playbook_field(loader *ld, int k, const wm_ynode *v, void *ctx)
{
    (void)ctx;
    wm_engagement *e = ld->e;
    if (k == 0) {
        e->playbook.template_name = text(ld, v, "playbook.template");
        e->playbook.template_pos = v->pos;
    } else if (k == 1) {
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
    } else {
        if (wm_expect_map(&ld->s, v, "playbook.extra"))
            e->playbook.extra = v;
    }
}

static void load_playbook(loader *ld, const wm_ynode *key, const wm_ynode *v)
{
    (void)key;
    if (wm_expect_map(&ld->s, v, "playbook"))
        each_field(ld, v, PLAYBOOK_KEYS, "playbook", playbook_field, NULL);
}

static const char *const PLUGIN_KEYS[] = {"name", "config", NULL};

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
            uint64_t seen = 0;
            for (size_t j = 0; j < item->n; j++) {
                int k = wm_key_index(&ld->s, wm_ymap_key(item, j), PLUGIN_KEYS, what);
                const wm_ynode *x = wm_ymap_value(item, j);
                if (k < 0 || wm_ynode_is_null(x))
                    continue;
                seen |= BIT(k);
                if (k == 0)
                    p->name = text(ld, x, what);
                else if (wm_expect_map(&ld->s, x, "plugin config"))
                    p->config = x;
            }
            wm_require_keys(&ld->s, item->pos, what, PLUGIN_KEYS, BIT(0), seen);
        }
        if (p->name)
            e->n_plugins++;
    }
}

/* ---- the whole file ---- */

static const char *const ROOT_KEYS[] = {"format", "client",         "engagement", "team",
                                        "budget", "prioritisation", "objectives", "initiatives",
                                        "risks",  "assessment",     "playbook",   "plugins",
                                        NULL};

typedef void (*section_fn)(loader *ld, const wm_ynode *key, const wm_ynode *v);

static const section_fn SECTIONS[] = {
    NULL,        load_client,         load_engagement, load_team,
    load_budget, load_prioritisation, load_objectives, load_initiatives,
    load_risks,  load_assessment,     load_playbook,   load_plugins};

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
    uint64_t seen = 0;
    for (size_t i = 0; i < root->n; i++) {
        const wm_ynode *k = wm_ymap_key(root, i), *v = wm_ymap_value(root, i);
        int idx = wm_key_index(&ld.s, k, ROOT_KEYS, "the engagement file");
        if (idx < 0)
            continue;
        if (wm_ynode_is_null(v))
            continue;
        seen |= BIT(idx);
        if (idx == 0) {
            const char *f = text(&ld, v, "format");
            if (f && strcmp(f, WM_FORMAT) != 0) {
                char *q = wm_quote(f, strlen(f), 40);
                wm_schema_error(&ld.s, v->pos, "this version of Waymark reads 'format: waymark/1'",
                                "unsupported format '%s'", q);
                free(q);
            }
            if (i != 0)
                wm_schema_error(&ld.s, k->pos, "move 'format: waymark/1' to the top of the file",
                                "'format' must be the first key");
            continue;
        }
        SECTIONS[idx](&ld, k, v);
    }
    wm_pos top = root->pos;
    if (!(seen & BIT(0)))
        wm_schema_error(&ld.s, top, "start the file with 'format: waymark/1'",
                        "the engagement file is missing the required key 'format'");
    static const int required[] = {1, 2, 3, 6, 7};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!(seen & BIT(required[i])) && !(ld.s.suggested & BIT(required[i])))
            wm_schema_error(&ld.s, top, NULL,
                            "the engagement file is missing the required section '%s'",
                            ROOT_KEYS[required[i]]);
    static const struct {
        int key;
        const char *msg;
    } nonempty[] = {{6, "'objectives' needs at least one objective"},
                    {7, "'initiatives' needs at least one initiative"}};
    for (size_t i = 0; i < 2; i++) {
        const wm_ynode *list = wm_ymap_get(root, ROOT_KEYS[nonempty[i].key]);
        if (list && list->kind == WM_YSEQ && list->n == 0)
            wm_schema_error(&ld.s, list->pos, NULL, "%s", nonempty[i].msg);
    }
}
