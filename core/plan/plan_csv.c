/*
 * plan_csv.c - the plan as CSV for finance: `waymark plan --format csv
 * [--table initiatives|quarters|roles|objectives|risks]`.
 *
 * Each table is gathered into a grid of cells first and written through
 * the one CSV writer (core/base/csv.h) after, because money is rounded by
 * column: a money column's cells are rounded to the currency's minor units
 * (cents) by largest remainder (core/base/display.h), so they add up to
 * the column's total rounded the same way.  In the quarters table a row's
 * cost is the sum of its rounded labour, other and contingency, and the
 * cent by which those three rounded totals can miss the rounded total
 * cost goes to the row with the most contingency: every row adds up
 * across, labour, other and cost add up to the plan's totals, and
 * contingency to within a cent of its own.  Every table
 * that holds money has a currency column.
 *
 * The plan gives the figures; the engagement gives what plugins do not
 * copy into the plan (owners, dependencies, rates).  Without the
 * engagement (a plan built by hand in a test) those cells are empty.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/display.h"
#include "plan_int.h"

const char *const wm_csv_table_names[] = {"initiatives", "quarters", "roles",
                                          "objectives",  "risks",    NULL};

/* C_MONEY is a value to round with its column; C_UNITS is rounded already. */
typedef enum { C_EMPTY, C_TEXT, C_NUM, C_MONEY, C_UNITS } cell_kind;

typedef struct {
    cell_kind kind;
    const char *s; /* C_TEXT: borrowed from the plan, the engagement or the grid's arena */
    size_t len;
    double n;        /* C_NUM, C_MONEY: the value */
    int decimals;    /* C_NUM: at most this many (-1: exact) */
    long long units; /* C_UNITS: in minor units (cents) */
} cell;

/* A table under construction: rows of n_cols cells. */
typedef struct {
    const char *const *cols;
    size_t n_cols, n_rows, cap;
    cell *cells;
    wm_arena arena; /* joined lists */
    int minor;      /* the currency's minor units */
    const char *currency;
} grid;

static cell *new_row(grid *g)
{
    if (g->n_rows == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        g->cells = wm_xrealloc(g->cells, g->cap * g->n_cols * sizeof *g->cells);
    }
    cell *row = g->cells + g->n_rows++ * g->n_cols;
    memset(row, 0, g->n_cols * sizeof *row);
    return row;
}

static cell text(const char *s)
{
    return s ? (cell){.kind = C_TEXT, .s = s, .len = strlen(s)} : (cell){.kind = C_EMPTY};
}

static cell number(double v, int decimals)
{
    return (cell){.kind = C_NUM, .n = v, .decimals = decimals};
}

static cell money(double v)
{
    return (cell){.kind = C_MONEY, .n = v};
}

/* A value of the plan as a cell: strings as text, numbers exactly. */
static cell value(const wm_value *v)
{
    if (!v)
        return (cell){.kind = C_EMPTY};
    switch (v->kind) {
    case WM_VSTR:
        return (cell){.kind = C_TEXT, .s = v->u.str.s, .len = v->u.str.len};
    case WM_VINT:
        return number((double)v->u.i, 0);
    case WM_VNUM:
        return number(v->u.n, -1);
    case WM_VBOOL:
        return text(v->u.b ? "true" : "false");
    default:
        return (cell){.kind = C_EMPTY};
    }
}

/* Person-days: two decimals are enough for a person-day. */
static cell days(const wm_value *v)
{
    cell c = value(v);
    if (c.kind == C_NUM)
        c.decimals = 2;
    return c;
}

static cell money_value(const wm_value *v)
{
    return wm_v_is_number(v) ? money(wm_v_number(v)) : (cell){.kind = C_EMPTY};
}

/* An amount rounded on its own (a rate is a price, not part of a total). */
static cell rounded(double v, int minor)
{
    long long units;
    wm_largest_remainder(&v, 1, minor, &units);
    return (cell){.kind = C_UNITS, .units = units};
}

/* The ids of references joined with spaces (an id never holds one), in
 * the grid's arena. */
static cell joined(grid *g, const wm_ref *refs, size_t n)
{
    if (!n)
        return (cell){.kind = C_EMPTY};
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            wm_buf_putc(&b, ' ');
        wm_buf_puts(&b, refs[i].id);
    }
    char *s = wm_arena_strndup(&g->arena, b.data, b.len);
    wm_buf_free(&b);
    return text(s);
}

/* Round every money column by largest remainder, into C_UNITS. */
static void round_money(grid *g)
{
    double *parts = wm_xmalloc((g->n_rows ? g->n_rows : 1) * sizeof *parts);
    long long *units = wm_xmalloc((g->n_rows ? g->n_rows : 1) * sizeof *units);
    for (size_t c = 0; c < g->n_cols; c++) {
        size_t n = 0;
        for (size_t r = 0; r < g->n_rows; r++) {
            const cell *x = &g->cells[r * g->n_cols + c];
            if (x->kind == C_MONEY)
                parts[n++] = x->n;
        }
        if (!n)
            continue;
        wm_largest_remainder(parts, n, g->minor, units);
        n = 0;
        for (size_t r = 0; r < g->n_rows; r++) {
            cell *x = &g->cells[r * g->n_cols + c];
            if (x->kind == C_MONEY)
                *x = (cell){.kind = C_UNITS, .units = units[n++]};
        }
    }
    free(parts);
    free(units);
}

static void write_money(wm_buf *b, long long units, int minor)
{
    char digits[32];
    unsigned long long u = units < 0 ? 0ULL - (unsigned long long)units : (unsigned long long)units;
    int len = snprintf(digits, sizeof digits, "%0*llu", minor + 1, u);
    if (units < 0)
        wm_buf_putc(b, '-');
    wm_buf_put(b, digits, (size_t)(len - minor));
    if (minor > 0) {
        int keep = minor;
        while (keep > 0 && digits[len - minor + keep - 1] == '0')
            keep--;
        if (keep) {
            wm_buf_putc(b, '.');
            wm_buf_put(b, digits + len - minor, (size_t)keep);
        }
    }
}

static char *write_grid(grid *g)
{
    round_money(g);
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_header(&b, g->cols, g->n_cols);
    for (size_t r = 0; r < g->n_rows; r++) {
        for (size_t c = 0; c < g->n_cols; c++) {
            const cell *x = &g->cells[r * g->n_cols + c];
            if (c)
                wm_csv_next(&b);
            if (x->kind == C_TEXT)
                wm_csv_text(&b, x->s, x->len);
            else if (x->kind == C_NUM)
                wm_csv_number(&b, x->n, x->decimals);
            else if (x->kind == C_UNITS)
                write_money(&b, x->units, g->minor);
        }
        wm_csv_end(&b);
    }
    free(g->cells);
    wm_arena_free(&g->arena);
    return wm_buf_steal(&b);
}

/* ---- lookups in the engagement by id (sorted, so linear-logarithmic) ---- */

typedef struct {
    const char *id;
    size_t index;
} by_id;

static int by_id_cmp(const void *a, const void *b)
{
    return strcmp(((const by_id *)a)->id, ((const by_id *)b)->id);
}

static by_id *index_ids(const void *items, size_t n, size_t stride)
{
    by_id *ix = wm_xmalloc((n ? n : 1) * sizeof *ix);
    for (size_t i = 0; i < n; i++)
        ix[i] = (by_id){*(const char *const *)((const char *)items + i * stride), i};
    qsort(ix, n, sizeof *ix, by_id_cmp);
    return ix;
}

static long find_id(const by_id *ix, size_t n, const char *id)
{
    if (!id)
        return -1;
    by_id key = {id, 0};
    const by_id *hit = bsearch(&key, ix, n, sizeof *ix, by_id_cmp);
    return hit ? (long)hit->index : -1;
}

static const wm_value *list(const wm_plan *p, const char *key)
{
    const wm_value *v = wm_vobj_get(p->root, key);
    return v && v->kind == WM_VARR ? v : NULL;
}

/* ---- the tables ---- */

static void initiatives(grid *g, const wm_plan *p, const wm_engagement *e)
{
    /* The plan's columns, then the engagement's, then the currency. */
    static const char *const cols[] = {"rank",        "id",    "title",      "tier",    "score",
                                       "effort_days", "cost",  "status",     "start",   "end",
                                       "reason",      "owner", "depends_on", "currency"};
    enum { N_PLAN = 11, OWNER = 11, DEPENDS_ON, CURRENCY };
    g->cols = cols;
    g->n_cols = sizeof cols / sizeof *cols;
    const wm_value *inis = list(p, "initiatives");
    size_t ne = e ? e->n_initiatives : 0;
    by_id *ix = index_ids(e ? (const void *)e->initiatives : NULL, ne, sizeof(wm_initiative));
    for (size_t i = 0; inis && i < inis->u.arr.n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        cell *row = new_row(g);
        for (size_t c = 0; c < N_PLAN; c++)
            row[c] = strcmp(cols[c], "cost") == 0 ? money_value(wm_vobj_get(in, cols[c]))
                                                  : value(wm_vobj_get(in, cols[c]));
        long k = find_id(ix, ne, wm_vobj_str(in, "id"));
        if (k >= 0) {
            const wm_initiative *ei = &e->initiatives[k];
            row[OWNER] = text(ei->owner);
            row[DEPENDS_ON] = joined(g, ei->depends_on, ei->n_depends_on);
        }
        row[CURRENCY] = text(g->currency);
    }
    free(ix);
}

/* One row per quarter and role (labour), then one per quarter for what is
 * not labour (other costs and contingency), so the columns add up to the
 * plan's totals and each row's cost is its labour + other + contingency. */
static void quarters(grid *g, const wm_plan *p, const wm_engagement *e)
{
    static const char *const cols[] = {"quarter", "role",        "days", "capacity", "labour",
                                       "other",   "contingency", "cost", "currency"};
    enum { Q, ROLE, DAYS, CAP, LABOUR, OTHER, CONT, COST, CUR };
    (void)e;
    g->cols = cols;
    g->n_cols = sizeof cols / sizeof *cols;
    const wm_value *qs = list(p, "by_quarter");
    for (size_t i = 0; qs && i < qs->u.arr.n; i++) {
        const wm_value *q = qs->u.arr.items[i];
        const wm_value *roles = wm_vobj_get(q, "roles");
        for (size_t r = 0; roles && roles->kind == WM_VOBJ && r < roles->u.obj.n; r++) {
            const wm_value *role = roles->u.obj.pairs[r].val;
            cell *row = new_row(g);
            row[Q] = value(wm_vobj_get(q, "quarter"));
            row[ROLE] = text(roles->u.obj.pairs[r].key);
            row[DAYS] = days(wm_vobj_get(role, "days"));
            row[CAP] = days(wm_vobj_get(role, "capacity"));
            row[LABOUR] = money_value(wm_vobj_get(role, "cost"));
            row[OTHER] = money(0);
            row[CONT] = money(0);
            row[CUR] = text(g->currency);
        }
        cell *row = new_row(g);
        row[Q] = value(wm_vobj_get(q, "quarter"));
        row[LABOUR] = money(0);
        row[OTHER] = money_value(wm_vobj_get(q, "other"));
        row[CONT] = money_value(wm_vobj_get(q, "contingency"));
        row[CUR] = text(g->currency);
    }
    /* The total cost, rounded as a whole: the three columns each add up
     * to their own rounded total, and those may miss it by a cent. */
    double raw = 0;
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t c = LABOUR; c <= CONT; c++)
            raw += g->cells[r * g->n_cols + c].n;
    long long total, sum = 0;
    wm_largest_remainder(&raw, 1, g->minor, &total);
    round_money(g);
    cell *most = NULL; /* the row with the most contingency takes that cent */
    for (size_t r = 0; r < g->n_rows; r++) {
        cell *row = g->cells + r * g->n_cols;
        sum += row[LABOUR].units + row[OTHER].units + row[CONT].units;
        if (!most || row[CONT].units > most[CONT].units)
            most = row;
    }
    if (most)
        most[CONT].units += total - sum;
    for (size_t r = 0; r < g->n_rows; r++) {
        cell *row = g->cells + r * g->n_cols;
        row[COST] = (cell){.kind = C_UNITS,
                           .units = row[LABOUR].units + row[OTHER].units + row[CONT].units};
    }
}

/* One row per role of the team: its rate, capacity, and the days and
 * labour cost the plan gives it over the horizon. */
static void roles(grid *g, const wm_plan *p, const wm_engagement *e)
{
    static const char *const cols[] = {"role", "rate", "capacity", "days", "labour", "currency"};
    enum { ROLE, RATE, CAP, DAYS, LABOUR, CUR };
    g->cols = cols;
    g->n_cols = sizeof cols / sizeof *cols;
    const wm_value *qs = list(p, "by_quarter");
    size_t n = e ? e->n_team : 0;
    for (size_t i = 0; i < n; i++) {
        const wm_role *role = &e->team[i];
        double n_days = 0, labour = 0;
        for (size_t q = 0; qs && q < qs->u.arr.n; q++) {
            const wm_value *v = wm_vobj_get(wm_vobj_get(qs->u.arr.items[q], "roles"), role->name);
            n_days += wm_v_number(wm_vobj_get(v, "days"));
            labour += wm_v_number(wm_vobj_get(v, "cost"));
        }
        cell *row = new_row(g);
        row[ROLE] = text(role->name);
        row[RATE] = rounded(role->rate, g->minor);
        row[CAP] = role->capacity.set ? number(role->capacity.v, -1) : (cell){.kind = C_EMPTY};
        row[DAYS] = number(n_days, 2);
        row[LABOUR] = money(labour);
        row[CUR] = text(g->currency);
    }
}

static void objectives(grid *g, const wm_plan *p, const wm_engagement *e)
{
    /* The plan's columns, then what the engagement says serves each. */
    static const char *const cols[] = {"id",        "title",   "deadline",
                                       "completes", "at_risk", "served_by"};
    enum { N_PLAN = 5, SERVED_BY = 5 };
    g->cols = cols;
    g->n_cols = sizeof cols / sizeof *cols;
    const wm_value *objs = list(p, "objectives");
    size_t no = e ? e->n_objectives : 0;
    by_id *ix = index_ids(e ? (const void *)e->objectives : NULL, no, sizeof(wm_objective));
    /* Which initiatives serve each objective, in the engagement's order. */
    wm_buf *served = wm_xcalloc(no ? no : 1, sizeof *served);
    for (size_t i = 0; e && i < e->n_initiatives; i++)
        for (size_t k = 0; k < e->initiatives[i].n_objectives; k++) {
            wm_buf *b = &served[e->initiatives[i].objectives[k].index];
            if (b->len)
                wm_buf_putc(b, ' ');
            wm_buf_puts(b, e->initiatives[i].id);
        }
    for (size_t i = 0; objs && i < objs->u.arr.n; i++) {
        const wm_value *o = objs->u.arr.items[i];
        cell *row = new_row(g);
        for (size_t c = 0; c < N_PLAN; c++)
            row[c] = value(wm_vobj_get(o, cols[c]));
        long k = find_id(ix, no, wm_vobj_str(o, "id"));
        if (k >= 0 && served[k].len)
            row[SERVED_BY] = text(wm_arena_strndup(&g->arena, served[k].data, served[k].len));
    }
    for (size_t i = 0; i < no; i++)
        wm_buf_free(&served[i]);
    free(served);
    free(ix);
}

static void risks(grid *g, const wm_plan *p, const wm_engagement *e)
{
    /* The plan's columns, the owner from the engagement when the plan has
     * none, and the engagement's initiatives. */
    static const char *const cols[] = {"id",   "title", "likelihood", "impact",     "score",
                                       "band", "owner", "mitigation", "initiatives"};
    enum { N_PLAN = 8, OWNER = 6, INITIATIVES = 8 };
    g->cols = cols;
    g->n_cols = sizeof cols / sizeof *cols;
    const wm_value *rs = list(p, "risks");
    size_t nr = e ? e->n_risks : 0;
    by_id *ix = index_ids(e ? (const void *)e->risks : NULL, nr, sizeof(wm_risk));
    for (size_t i = 0; rs && i < rs->u.arr.n; i++) {
        const wm_value *r = rs->u.arr.items[i];
        cell *row = new_row(g);
        for (size_t c = 0; c < N_PLAN; c++)
            row[c] = value(wm_vobj_get(r, cols[c]));
        long k = find_id(ix, nr, wm_vobj_str(r, "id"));
        if (row[OWNER].kind == C_EMPTY && k >= 0)
            row[OWNER] = text(e->risks[k].owner);
        if (k >= 0)
            row[INITIATIVES] = joined(g, e->risks[k].initiatives, e->risks[k].n_initiatives);
    }
    free(ix);
}

/* In the order of wm_csv_table and wm_csv_table_names. */
static void (*const TABLES[WM_CSV_TABLE_COUNT])(grid *, const wm_plan *, const wm_engagement *) = {
    initiatives, quarters, roles, objectives, risks};

char *wm_plan_csv(const wm_plan *p, const wm_engagement *e, wm_csv_table table)
{
    grid g = {0};
    wm_arena_init(&g.arena);
    g.currency = wm_vobj_str(p->root, "currency");
    const wm_currency *cur = g.currency ? wm_currency_find(g.currency) : NULL;
    g.minor = cur ? cur->minor_units : 2;
    TABLES[table < WM_CSV_TABLE_COUNT ? table : WM_CSV_INITIATIVES](&g, p, e);
    return write_grid(&g);
}
