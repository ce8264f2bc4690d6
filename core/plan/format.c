/*
 * format.c - the plan as CSV (through core/base/csv.h, the one CSV writer)
 * and as a Markdown summary (plan.md), and the display rules of method.md
 * that every human-facing output shares: whole currency units rounded half
 * away from zero, days to one decimal, and parts of a total adjusted by
 * largest remainder so they add up to the shown total.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../document/doc.h"
#include "api.h"
#include "../base/display.h"
#include "plan_int.h"

/* ---- CSV ---- */

static void csv_value(wm_buf *b, const wm_value *v)
{
    if (!v || v->kind == WM_VNULL)
        return;
    if (v->kind == WM_VSTR)
        wm_csv_text(b, v->u.str.s, v->u.str.len);
    else if (v->kind == WM_VINT)
        wm_csv_int(b, (long long)v->u.i);
    else if (v->kind == WM_VNUM)
        wm_csv_number(b, v->u.n, -1);
}

char *wm_plan_csv(const wm_plan *p)
{
    static const char *const cols[] = {"rank", "id",     "title", "tier", "score", "effort_days",
                                       "cost", "status", "start", "end",  "reason"};
    enum { N_COLS = sizeof cols / sizeof *cols };
    wm_buf b;
    wm_buf_init(&b);
    wm_csv_header(&b, cols, N_COLS);
    const wm_value *inis = wm_vobj_get(p->root, "initiatives");
    for (size_t i = 0; i < inis->u.arr.n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        for (size_t c = 0; c < N_COLS; c++) {
            if (c)
                wm_csv_next(&b);
            csv_value(&b, wm_vobj_get(in, cols[c]));
        }
        wm_csv_end(&b);
    }
    return wm_buf_steal(&b);
}

/* ---- Markdown ---- */

void wm_md_cell(wm_buf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '|')
            wm_buf_puts(b, "\\|");
        else if (*p == '\n' || *p == '\r')
            wm_buf_putc(b, ' ');
        else
            wm_buf_putc(b, *p);
    }
}

static void money_units(char *buf, size_t size, long long units, const wm_currency *c)
{
    wm_format_money(buf, size, (double)units, c);
}

static double num(const wm_value *obj, const char *key)
{
    double x = 0;
    wm_vobj_num(obj, key, &x);
    return x;
}

char *wm_plan_markdown(const wm_plan *p, const wm_engagement *e)
{
    const wm_value *root = p->root;
    const wm_currency *cur = wm_currency_find(e->engagement.currency);
    const wm_value *inis = wm_vobj_get(root, "initiatives");
    const wm_value *totals = wm_vobj_get(root, "totals");
    const wm_value *quarters = wm_vobj_get(root, "quarters");
    size_t n = inis->u.arr.n;
    char m1[96], m2[96], m3[96];
    wm_buf b;
    wm_buf_init(&b);

    wm_buf_printf(&b, "# %s: %s\n\n", e->client.name,
                  e->engagement.title ? e->engagement.title : "Technology roadmap");
    wm_buf_printf(&b, "Horizon: %s to %s (%zu quarters). Currency: %s.\n\n",
                  quarters->u.arr.items[0]->u.str.s,
                  quarters->u.arr.items[quarters->u.arr.n - 1]->u.str.s, quarters->u.arr.n,
                  e->engagement.currency);

    /* Summary. */
    wm_format_money(m1, sizeof m1, num(totals, "cost"), cur);
    wm_format_money(m2, sizeof m2, num(totals, "p80"), cur);
    wm_buf_puts(&b, "## Summary\n\n");
    wm_buf_printf(&b, "- Expected cost of the scheduled roadmap: **%s** (P80 %s)\n", m1, m2);
    wm_format_money(m1, sizeof m1, num(totals, "p50"), cur);
    wm_format_money(m3, sizeof m3, num(totals, "p90"), cur);
    wm_buf_printf(&b, "- Simulated outcomes: P50 %s, P80 %s, P90 %s\n", m1, m2, m3);
    double cc = num(totals, "contingency_confidence");
    if (e->budget.contingency.set)
        wm_buf_printf(&b, "- The %.0f%% contingency covers %.0f%% of simulated outcomes\n",
                      e->budget.contingency.v * 100, cc * 100);
    const wm_value *budget = wm_vobj_get(totals, "budget");
    if (budget && budget->kind != WM_VNULL) {
        double var = num(totals, "variance");
        wm_format_money(m1, sizeof m1, num(totals, "budget"), cur);
        wm_format_money(m2, sizeof m2, fabs(var), cur);
        wm_buf_printf(&b, "- Budget %s: %s %s; %.0f%% of simulated outcomes are within it\n", m1,
                      m2, var < 0 ? "over" : "under", num(totals, "p_within_budget") * 100);
    }
    wm_buf_printf(&b, "- Initiatives: %lld scheduled, %lld deferred\n\n",
                  (long long)num(totals, "scheduled"), (long long)num(totals, "deferred"));

    /* Ranked initiatives, with a total row adding up by largest remainder. */
    double *costs = wm_xcalloc(n + 1, sizeof *costs), *days = wm_xcalloc(n + 1, sizeof *days);
    long long *cost_units = wm_xcalloc(n + 1, sizeof *cost_units);
    long long *day_tenths = wm_xcalloc(n + 1, sizeof *day_tenths);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        if (strcmp(wm_vobj_str(in, "status"), "scheduled") != 0)
            continue;
        costs[k] = num(in, "cost");
        days[k] = num(in, "effort_days");
        k++;
    }
    wm_largest_remainder(costs, k, 0, cost_units);
    wm_largest_remainder(days, k, 1, day_tenths);
    wm_buf_puts(&b, "## Prioritised roadmap\n\n"
                    "| Rank | Initiative | Tier | Score | Days | Cost | Quarters |\n"
                    "| ---: | --- | --- | ---: | ---: | ---: | --- |\n");
    k = 0;
    for (size_t i = 0; i < n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        if (strcmp(wm_vobj_str(in, "status"), "scheduled") != 0)
            continue;
        const wm_value *score = wm_vobj_get(in, "score");
        char sc[32] = "-";
        if (score && score->kind != WM_VNULL)
            snprintf(sc, sizeof sc, "%.3g", wm_v_number(score));
        money_units(m1, sizeof m1, cost_units[k], cur);
        wm_buf_printf(&b, "| %lld | %s ", (long long)num(in, "rank"), wm_vobj_str(in, "id"));
        wm_md_cell(&b, wm_vobj_str(in, "title"));
        wm_buf_printf(&b, " | %s | %s | %.1f | %s | %s to %s |\n", wm_vobj_str(in, "tier"), sc,
                      (double)day_tenths[k] / 10.0, m1, wm_vobj_str(in, "start"),
                      wm_vobj_str(in, "end"));
        k++;
    }
    long long total_units = 0, total_tenths = 0;
    for (size_t i = 0; i < k; i++) {
        total_units += cost_units[i];
        total_tenths += day_tenths[i];
    }
    money_units(m1, sizeof m1, total_units, cur);
    wm_buf_printf(&b, "| | **Total** | | | **%.1f** | **%s** | |\n\n", (double)total_tenths / 10.0,
                  m1);
    free(costs);
    free(days);
    free(cost_units);
    free(day_tenths);

    /* Deferred. */
    if (num(totals, "deferred") > 0) {
        wm_buf_puts(&b, "## Deferred\n\n| Initiative | Reason |\n| --- | --- |\n");
        for (size_t i = 0; i < n; i++) {
            const wm_value *in = inis->u.arr.items[i];
            if (strcmp(wm_vobj_str(in, "status"), "deferred") != 0)
                continue;
            wm_buf_printf(&b, "| %s ", wm_vobj_str(in, "id"));
            wm_md_cell(&b, wm_vobj_str(in, "title"));
            wm_buf_puts(&b, " | ");
            wm_md_cell(&b, wm_vobj_str(in, "reason"));
            wm_buf_puts(&b, " |\n");
        }
        wm_buf_putc(&b, '\n');
    }

    /* Objectives. */
    const wm_value *objs = wm_vobj_get(root, "objectives");
    wm_buf_puts(&b, "## Objectives\n\n| Objective | Deadline | Completes | At risk |\n"
                    "| --- | --- | --- | --- |\n");
    for (size_t i = 0; i < objs->u.arr.n; i++) {
        const wm_value *o = objs->u.arr.items[i];
        const char *dl = wm_vobj_str(o, "deadline"), *cp = wm_vobj_str(o, "completes");
        const wm_value *risk = wm_vobj_get(o, "at_risk");
        wm_buf_printf(&b, "| %s ", wm_vobj_str(o, "id"));
        wm_md_cell(&b, wm_vobj_str(o, "title"));
        wm_buf_printf(&b, " | %s | %s | %s |\n", dl ? dl : "-", cp ? cp : "not in horizon",
                      risk && risk->kind == WM_VBOOL && risk->u.b ? "**yes**" : "no");
    }
    wm_buf_putc(&b, '\n');

    /* Risks. */
    const wm_value *risks = wm_vobj_get(root, "risks");
    if (risks->u.arr.n) {
        wm_buf_puts(&b,
                    "## Risks\n\n| Risk | Score | Band | Owner |\n| --- | ---: | --- | --- |\n");
        for (size_t i = 0; i < risks->u.arr.n; i++) {
            const wm_value *r = risks->u.arr.items[i];
            wm_buf_printf(&b, "| %s ", wm_vobj_str(r, "id"));
            wm_md_cell(&b, wm_vobj_str(r, "title"));
            wm_buf_printf(&b, " | %lld | %s | ", (long long)num(r, "score"),
                          wm_vobj_str(r, "band"));
            wm_md_cell(&b, wm_vobj_str(r, "owner"));
            wm_buf_puts(&b, " |\n");
        }
        wm_buf_putc(&b, '\n');
    }

    /* The handover playbook, when there is one. */
    wm_md_playbook(&b, wm_vobj_get(root, "playbook"));
    return wm_buf_steal(&b);
}

char *wm_plan_document_dump(const wm_plan *p)
{
    if (!p->doc)
        return wm_xstrdup("(no document: no plugin has a document hook)\n");
    return wm_doc_dump(p->doc);
}
