/*
 * diff_print.c - a change set in words: the summary sentence, and the
 * change set as text, Markdown, CSV or JSON (see diff.h, docs/diff.md).
 *
 * Figures follow the method's display rules (base/display.h): money in
 * whole units of the plan's currency, quarters as "Q3 2027".  Everything is
 * printed in the change set's order, so the output is the same on every
 * run.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/display.h"
#include "diff.h"
#include "diff_int.h"

/* ---- Figures ---- */

typedef struct {
    const wm_currency *currency;
    wm_buf *out;
} printer;

static bool is_money(const char *field)
{
    static const char *const MONEY[] = {"cost", "labour", "other",  "contingency", "p50",
                                        "p80",  "p90",    "budget", "variance"};
    for (size_t i = 0; i < sizeof MONEY / sizeof *MONEY; i++)
        if (strcmp(field, MONEY[i]) == 0)
            return true;
    return false;
}

/* A leaf value as a reader sees it, for field `field`, into buf. */
static const char *shown(const printer *p, const char *field, const wm_value *v, char *buf,
                         size_t size)
{
    if (!v || v->kind == WM_VNULL)
        return strcmp(field, "deadline") == 0 || strcmp(field, "completes") == 0 ? "none" : "-";
    if (v->kind == WM_VBOOL)
        return v->u.b ? "yes" : "no";
    if (v->kind == WM_VSTR) {
        wm_quarter q;
        if (wm_parse_quarter(v->u.str.s, &q))
            return wm_quarter_label(q, buf, size);
        return v->u.str.s;
    }
    if (v->kind == WM_VARR) {
        wm_buf b;
        wm_buf_init(&b);
        for (size_t i = 0; i < v->u.arr.n; i++)
            if (v->u.arr.items[i]->kind == WM_VSTR)
                wm_buf_printf(&b, "%s%s", b.len ? ", " : "", v->u.arr.items[i]->u.str.s);
        snprintf(buf, size, "%s", b.len ? b.data : "none");
        wm_buf_free(&b);
        return buf;
    }
    double x = wm_v_number(v);
    if (is_money(field))
        wm_format_money(buf, size, x, p->currency);
    else if (strcmp(field, "p_within_budget") == 0)
        snprintf(buf, size, "%.0f%%", x * 100);
    else if (strcmp(field, "score") == 0)
        snprintf(buf, size, "%.3g", x);
    else if (x == floor(x) && fabs(x) < 1e15)
        snprintf(buf, size, "%.0f", x);
    else
        snprintf(buf, size, "%.1f", x);
    return buf;
}

/* A change in money with its sign and share: "+£42,300 (+3.4%)"; no share
 * of a figure that may be negative (the variance). */
static void money_delta(const printer *p, const char *field, double old, double delta, char *buf,
                        size_t size)
{
    char m[64];
    wm_format_money(m, sizeof m, fabs(delta), p->currency);
    if (old > 0.5 && strcmp(field, "variance") != 0)
        snprintf(buf, size, "%s%s (%s%.1f%%)", delta < 0 ? "-" : "+", m, delta < 0 ? "-" : "+",
                 fabs(delta) / fabs(old) * 100);
    else
        snprintf(buf, size, "%s%s", delta < 0 ? "-" : "+", m);
}

/* ---- Text ---- */

/* "tier should -> must; rank 4 -> 2" for a record's changes, skipping the
 * fields the headline shows. */
static void field_list(const printer *p, const wm_value *changes, const char *sep, wm_buf *b,
                       bool skip_dates)
{
    size_t shown_n = 0;
    for (size_t k = 0; changes && k < changes->u.arr.n; k++) {
        const wm_value *c = changes->u.arr.items[k];
        const char *f = wm_diff_str(c, "field", "?");
        if (strcmp(f, "title") == 0 || strcmp(f, "reason_kind") == 0 ||
            (skip_dates &&
             (strcmp(f, "start") == 0 || strcmp(f, "end") == 0 || strcmp(f, "status") == 0)))
            continue;
        char x[96], y[96];
        wm_buf_printf(b, "%s%s %s -> %s", shown_n++ ? sep : "", f,
                      shown(p, f, wm_vobj_get(c, "old"), x, sizeof x),
                      shown(p, f, wm_vobj_get(c, "new"), y, sizeof y));
    }
}

/* "Q3 2027 to Q4 2027", or "deferred". */
static void span(const wm_value *r, wm_buf *b)
{
    char x[16], y[16];
    wm_quarter s, e;
    if (wm_parse_quarter(wm_diff_str(r, "start", ""), &s) &&
        wm_parse_quarter(wm_diff_str(r, "end", ""), &e))
        wm_buf_printf(b, s == e ? "%s" : "%s to %s", wm_quarter_label(s, x, sizeof x),
                      wm_quarter_label(e, y, sizeof y));
    else
        wm_buf_puts(b, "deferred");
}

/* The headline of an initiative's record: what happened to it. */
static void initiative_line(const printer *p, const wm_value *r, wm_buf *b)
{
    const char *change = wm_diff_str(r, "change", "");
    char m[64];
    if (strcmp(change, "added") == 0) {
        wm_buf_printf(b, "added, %s, ", wm_diff_str(r, "tier", "?"));
        span(r, b);
        wm_format_money(m, sizeof m, wm_v_number(wm_vobj_get(r, "cost")), p->currency);
        wm_buf_printf(b, ", %s", m);
        return;
    }
    if (strcmp(change, "removed") == 0) {
        wm_buf_printf(b, "removed (was %s, ", wm_diff_str(r, "tier", "?"));
        span(r, b);
        wm_buf_putc(b, ')');
        return;
    }
    const char *move = wm_diff_str(r, "move", NULL), *why = wm_diff_str(r, "why", NULL);
    const wm_value *changes = wm_diff_list(r, "changes");
    if (move && (strcmp(move, "later") == 0 || strcmp(move, "earlier") == 0)) {
        /* The old span is in the changes. */
        const wm_value *os = NULL, *oe = NULL;
        for (size_t k = 0; changes && k < changes->u.arr.n; k++) {
            const char *f = wm_diff_str(changes->u.arr.items[k], "field", "");
            if (strcmp(f, "start") == 0)
                os = wm_vobj_get(changes->u.arr.items[k], "old");
            if (strcmp(f, "end") == 0)
                oe = wm_vobj_get(changes->u.arr.items[k], "old");
        }
        wm_buf_printf(b, "moved %s, ", move);
        char x[16], y[16];
        wm_quarter s, e;
        const char *ss = os && os->kind == WM_VSTR ? os->u.str.s : wm_diff_str(r, "start", "");
        const char *es = oe && oe->kind == WM_VSTR ? oe->u.str.s : wm_diff_str(r, "end", "");
        if (wm_parse_quarter(ss, &s) && wm_parse_quarter(es, &e))
            wm_buf_printf(b, s == e ? "%s" : "%s to %s", wm_quarter_label(s, x, sizeof x),
                          wm_quarter_label(e, y, sizeof y));
        wm_buf_puts(b, " -> ");
        span(r, b);
    } else if (move && strcmp(move, "deferred") == 0) {
        wm_buf_puts(b, "now deferred");
    } else if (move && strcmp(move, "scheduled") == 0) {
        wm_buf_puts(b, "now scheduled, ");
        span(r, b);
    } else {
        wm_buf_puts(b, "changed");
    }
    if (why)
        wm_buf_printf(b, " (%s)", why);
}

static void text_section(wm_buf *b, const char *title, size_t n)
{
    if (n)
        wm_buf_printf(b, "\n%s\n", title);
}

static void as_text(const printer *p, const wm_value *d)
{
    wm_buf *b = p->out;
    const wm_value *o = wm_vobj_get(d, "old"), *n = wm_vobj_get(d, "new");
    wm_buf_printf(b, "Changes from %s to %s", wm_diff_str(o, "label", "?"),
                  wm_diff_str(n, "label", "?"));
    if (wm_diff_str(n, "client", NULL))
        wm_buf_printf(b, " (%s)", wm_diff_str(n, "client", ""));
    wm_buf_printf(b, "\n\n%s\n", wm_diff_str(d, "summary", ""));

    const wm_value *method = wm_diff_list(d, "method");
    const wm_value *horizon = wm_vobj_get(d, "horizon");
    text_section(b, "Method",
                 (method ? method->u.arr.n : 0) + (horizon && horizon->kind == WM_VOBJ));
    for (size_t i = 0; method && i < method->u.arr.n; i++) {
        const wm_value *r = method->u.arr.items[i];
        const char *c = wm_diff_str(r, "change", "");
        wm_buf_printf(b, "  %s %s: ", wm_diff_str(r, "plugin", "?"),
                      strcmp(c, "added") == 0     ? "added"
                      : strcmp(c, "removed") == 0 ? "removed"
                      : strcmp(c, "file") == 0    ? "its file changed, same version"
                                                  : "version");
        if (strcmp(c, "version") == 0)
            wm_buf_printf(b, "%s -> %s", wm_diff_str(r, "old", "?"), wm_diff_str(r, "new", "?"));
        else if (strcmp(c, "added") == 0 || strcmp(c, "removed") == 0)
            wm_buf_printf(b, "%s",
                          strcmp(c, "added") == 0 ? wm_diff_str(r, "new", "?")
                                                  : wm_diff_str(r, "old", "?"));
        wm_buf_putc(b, '\n');
    }
    if (horizon && horizon->kind == WM_VOBJ) {
        const wm_value *ho = wm_diff_list(horizon, "old"), *hn = wm_diff_list(horizon, "new");
        char q1[16], q2[16], q3[16], q4[16];
        wm_buf_printf(b, "  horizon %s to %s -> %s to %s\n",
                      shown(p, "q", ho->u.arr.items[0], q1, sizeof q1),
                      shown(p, "q", ho->u.arr.items[1], q2, sizeof q2),
                      shown(p, "q", hn->u.arr.items[0], q3, sizeof q3),
                      shown(p, "q", hn->u.arr.items[1], q4, sizeof q4));
    }

    const wm_value *ini = wm_diff_list(d, "initiatives"), *hints = wm_diff_list(d, "hints");
    text_section(b, "Initiatives", ini ? ini->u.arr.n : 0);
    for (size_t i = 0; ini && i < ini->u.arr.n; i++) {
        const wm_value *r = ini->u.arr.items[i];
        const char *c = wm_diff_str(r, "change", "");
        wm_buf_printf(b, "  %c %s %s",
                      c[0] == 'a'   ? '+'
                      : c[0] == 'r' ? '-'
                                    : '~',
                      wm_diff_str(r, "id", "?"), wm_diff_str(r, "title", ""));
        if (wm_diff_str(r, "old_title", NULL))
            wm_buf_printf(b, " (was \"%s\")", wm_diff_str(r, "old_title", ""));
        wm_buf_puts(b, ": ");
        initiative_line(p, r, b);
        wm_buf_putc(b, '\n');
        wm_buf rest;
        wm_buf_init(&rest);
        field_list(p, wm_diff_list(r, "changes"), "; ", &rest, true);
        if (rest.len)
            wm_buf_printf(b, "      %s\n", rest.data);
        wm_buf_free(&rest);
    }
    for (size_t i = 0; hints && i < hints->u.arr.n; i++)
        if (hints->u.arr.items[i]->kind == WM_VSTR)
            wm_buf_printf(b, "  hint: %s\n", hints->u.arr.items[i]->u.str.s);

    const wm_value *totals = wm_diff_list(d, "totals");
    text_section(b, "Totals", totals ? totals->u.arr.n : 0);
    for (size_t i = 0; totals && i < totals->u.arr.n; i++) {
        const wm_value *c = totals->u.arr.items[i], *delta = wm_vobj_get(c, "delta");
        const char *f = wm_diff_str(c, "field", "?");
        char x[96], y[96], z[128] = "";
        if (is_money(f) && delta && wm_v_is_number(delta))
            money_delta(p, f, wm_v_number(wm_vobj_get(c, "old")), wm_v_number(delta), z, sizeof z);
        wm_buf_printf(b, "  %-16s %s -> %s%s%s\n", f,
                      shown(p, f, wm_vobj_get(c, "old"), x, sizeof x),
                      shown(p, f, wm_vobj_get(c, "new"), y, sizeof y), z[0] ? "   " : "", z);
    }

    const wm_value *span = wm_vobj_get(d, "span");
    if (span && span->kind == WM_VOBJ) {
        wm_buf_puts(b, "\nThe scheduled work\n  ");
        for (int k = 0; k < 2; k++) {
            const wm_value *s = wm_diff_list(span, k ? "new" : "old");
            char q1[16], q2[16];
            if (s && s->u.arr.n == 2)
                wm_buf_printf(b, "%s to %s", shown(p, "q", s->u.arr.items[0], q1, sizeof q1),
                              shown(p, "q", s->u.arr.items[1], q2, sizeof q2));
            else
                wm_buf_puts(b, "nothing scheduled");
            wm_buf_puts(b, k ? "\n" : " -> ");
        }
    }

    const wm_value *objectives = wm_diff_list(d, "objectives");
    text_section(b, "Objectives", objectives ? objectives->u.arr.n : 0);
    for (size_t i = 0; objectives && i < objectives->u.arr.n; i++) {
        const wm_value *r = objectives->u.arr.items[i];
        const char *c = wm_diff_str(r, "change", "");
        wm_buf_printf(b, "  %c %s %s: ",
                      c[0] == 'a'   ? '+'
                      : c[0] == 'r' ? '-'
                                    : '~',
                      wm_diff_str(r, "id", "?"), wm_diff_str(r, "title", ""));
        if (strcmp(c, "changed") == 0)
            field_list(p, wm_diff_list(r, "changes"), "; ", b, false);
        else
            wm_buf_puts(b, c);
        wm_buf_putc(b, '\n');
    }

    const wm_value *risks = wm_diff_list(d, "risks");
    text_section(b, "Risks", risks ? risks->u.arr.n : 0);
    for (size_t i = 0; risks && i < risks->u.arr.n; i++) {
        const wm_value *r = risks->u.arr.items[i];
        const char *c = wm_diff_str(r, "change", "");
        char x[32];
        wm_buf_printf(b, "  %c %s %s: ",
                      c[0] == 'a'   ? '+'
                      : c[0] == 'r' ? '-'
                                    : '~',
                      wm_diff_str(r, "id", "?"), wm_diff_str(r, "title", ""));
        if (strcmp(c, "changed") == 0)
            field_list(p, wm_diff_list(r, "changes"), "; ", b, false);
        else
            wm_buf_printf(b, "%s, score %s", c,
                          shown(p, "count", wm_vobj_get(r, "score"), x, sizeof x));
        wm_buf_putc(b, '\n');
    }
}

/* ---- Markdown ---- */

/* Text for a Markdown table cell: pipes escaped, one line. */
static void md_cell(wm_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`' || *s == '<' ||
            *s == '[')
            wm_buf_putc(b, '\\');
        wm_buf_putc(b, *s == '\n' ? ' ' : *s);
    }
}

static void as_markdown(const printer *p, const wm_value *d)
{
    wm_buf *b = p->out;
    const wm_value *o = wm_vobj_get(d, "old"), *n = wm_vobj_get(d, "new");
    wm_buf_puts(b, "# Changes from ");
    md_cell(b, wm_diff_str(o, "label", "?"));
    wm_buf_puts(b, " to ");
    md_cell(b, wm_diff_str(n, "label", "?"));
    wm_buf_puts(b, "\n\n");
    md_cell(b, wm_diff_str(d, "summary", ""));
    wm_buf_puts(b, "\n");
    const wm_value *ini = wm_diff_list(d, "initiatives");
    if (ini && ini->u.arr.n) {
        wm_buf_puts(b, "\n## Initiatives\n\n| id | title | change | details |\n| --- | --- | --- "
                       "| --- |\n");
        for (size_t i = 0; i < ini->u.arr.n; i++) {
            const wm_value *r = ini->u.arr.items[i];
            wm_buf line, rest;
            wm_buf_init(&line);
            wm_buf_init(&rest);
            initiative_line(p, r, &line);
            field_list(p, wm_diff_list(r, "changes"), "; ", &rest, true);
            wm_buf_puts(b, "| ");
            md_cell(b, wm_diff_str(r, "id", "?"));
            wm_buf_puts(b, " | ");
            md_cell(b, wm_diff_str(r, "title", ""));
            wm_buf_puts(b, " | ");
            md_cell(b, line.data ? line.data : "");
            wm_buf_puts(b, " | ");
            md_cell(b, rest.data ? rest.data : "");
            wm_buf_puts(b, " |\n");
            wm_buf_free(&line);
            wm_buf_free(&rest);
        }
    }
    const wm_value *totals = wm_diff_list(d, "totals");
    if (totals && totals->u.arr.n) {
        wm_buf_puts(b, "\n## Totals\n\n| figure | before | after | change |\n| --- | ---: | ---: | "
                       "---: |\n");
        for (size_t i = 0; i < totals->u.arr.n; i++) {
            const wm_value *c = totals->u.arr.items[i], *delta = wm_vobj_get(c, "delta");
            const char *f = wm_diff_str(c, "field", "?");
            char x[96], y[96], z[128] = "";
            if (is_money(f) && delta && wm_v_is_number(delta))
                money_delta(p, f, wm_v_number(wm_vobj_get(c, "old")), wm_v_number(delta), z,
                            sizeof z);
            wm_buf_printf(b, "| %s | ", f);
            md_cell(b, shown(p, f, wm_vobj_get(c, "old"), x, sizeof x));
            wm_buf_puts(b, " | ");
            md_cell(b, shown(p, f, wm_vobj_get(c, "new"), y, sizeof y));
            wm_buf_puts(b, " | ");
            md_cell(b, z);
            wm_buf_puts(b, " |\n");
        }
    }
    static const char *const LISTS[] = {"objectives", "risks"};
    static const char *const TITLES[] = {"Objectives", "Risks"};
    for (size_t l = 0; l < 2; l++) {
        const wm_value *list = wm_diff_list(d, LISTS[l]);
        if (!list || !list->u.arr.n)
            continue;
        wm_buf_printf(b, "\n## %s\n\n| id | title | change |\n| --- | --- | --- |\n", TITLES[l]);
        for (size_t i = 0; i < list->u.arr.n; i++) {
            const wm_value *r = list->u.arr.items[i];
            wm_buf rest;
            wm_buf_init(&rest);
            if (strcmp(wm_diff_str(r, "change", ""), "changed") == 0)
                field_list(p, wm_diff_list(r, "changes"), "; ", &rest, false);
            else
                wm_buf_puts(&rest, wm_diff_str(r, "change", ""));
            wm_buf_puts(b, "| ");
            md_cell(b, wm_diff_str(r, "id", "?"));
            wm_buf_puts(b, " | ");
            md_cell(b, wm_diff_str(r, "title", ""));
            wm_buf_puts(b, " | ");
            md_cell(b, rest.data ? rest.data : "");
            wm_buf_puts(b, " |\n");
            wm_buf_free(&rest);
        }
    }
}

/* ---- CSV: one row per changed field ---- */

/* A cell for a value: a number as a number, text as text (csv.h guards it
 * against formulas), a list of ids joined with spaces, null empty. */
static void csv_value(wm_buf *b, const wm_value *v)
{
    if (v && wm_v_is_number(v)) {
        wm_csv_number(b, wm_v_number(v), -1);
    } else if (v && v->kind == WM_VSTR) {
        wm_csv_text(b, v->u.str.s, v->u.str.len);
    } else if (v && v->kind == WM_VBOOL) {
        wm_csv_str(b, v->u.b ? "true" : "false");
    } else if (v && v->kind == WM_VARR) {
        wm_buf t;
        wm_buf_init(&t);
        for (size_t i = 0; i < v->u.arr.n; i++)
            if (v->u.arr.items[i]->kind == WM_VSTR)
                wm_buf_printf(&t, "%s%s", t.len ? " " : "", v->u.arr.items[i]->u.str.s);
        wm_csv_text(b, t.data, t.len);
        wm_buf_free(&t);
    } else {
        wm_csv_str(b, NULL);
    }
}

static void csv_row(wm_buf *b, const char *part, const char *id, const char *change,
                    const char *field, const wm_value *old, const wm_value *new, const char *why)
{
    const char *lead[] = {part, id, change, field};
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
        wm_csv_str(b, lead[i]);
        wm_csv_next(b);
    }
    csv_value(b, old);
    wm_csv_next(b);
    csv_value(b, new);
    wm_csv_next(b);
    wm_csv_str(b, why);
    wm_csv_end(b);
}

static void as_csv(const printer *p, const wm_value *d)
{
    wm_buf *b = p->out;
    static const char *const HEADER[] = {"part", "id", "change", "field", "old", "new", "why"};
    wm_csv_header(b, HEADER, sizeof HEADER / sizeof *HEADER);
    static const char *const PARTS[] = {"initiatives", "objectives", "risks"};
    for (size_t k = 0; k < sizeof PARTS / sizeof *PARTS; k++) {
        const wm_value *list = wm_diff_list(d, PARTS[k]);
        for (size_t i = 0; list && i < list->u.arr.n; i++) {
            const wm_value *r = list->u.arr.items[i];
            const char *id = wm_diff_str(r, "id", ""), *change = wm_diff_str(r, "change", "");
            const wm_value *changes = wm_diff_list(r, "changes");
            if (!changes || !changes->u.arr.n) {
                csv_row(b, PARTS[k], id, change, NULL, NULL, NULL, wm_diff_str(r, "why", NULL));
                continue;
            }
            for (size_t c = 0; c < changes->u.arr.n; c++) {
                const wm_value *ch = changes->u.arr.items[c];
                csv_row(b, PARTS[k], id, change, wm_diff_str(ch, "field", NULL),
                        wm_vobj_get(ch, "old"), wm_vobj_get(ch, "new"),
                        c == 0 ? wm_diff_str(r, "why", NULL) : NULL);
            }
        }
    }
    const wm_value *totals = wm_diff_list(d, "totals");
    for (size_t i = 0; totals && i < totals->u.arr.n; i++) {
        const wm_value *c = totals->u.arr.items[i];
        csv_row(b, "totals", NULL, "changed", wm_diff_str(c, "field", NULL), wm_vobj_get(c, "old"),
                wm_vobj_get(c, "new"), NULL);
    }
    const wm_value *method = wm_diff_list(d, "method");
    for (size_t i = 0; method && i < method->u.arr.n; i++) {
        const wm_value *r = method->u.arr.items[i];
        csv_row(b, "method", wm_diff_str(r, "plugin", NULL), wm_diff_str(r, "change", NULL),
                "version", wm_vobj_get(r, "old"), wm_vobj_get(r, "new"), NULL);
    }
}

char *wm_diff_print(const wm_value *d, wm_diff_format f)
{
    wm_buf b;
    wm_buf_init(&b);
    printer p = {wm_currency_find(wm_diff_str(d, "currency", "")), &b};
    switch (f) {
    case WM_DIFF_JSON:
        wm_v_json(d, &b, 2);
        wm_buf_putc(&b, '\n');
        break;
    case WM_DIFF_MD:
        as_markdown(&p, d);
        break;
    case WM_DIFF_CSV:
        as_csv(&p, d);
        break;
    case WM_DIFF_TEXT:
        as_text(&p, d);
        break;
    }
    if (!b.data)
        return wm_xstrdup("");
    return wm_buf_steal(&b);
}
