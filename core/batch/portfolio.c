/*
 * portfolio.c - the batch's view across clients (batch.h):
 *
 *   wm_batch_summary   the plan in brief, read from the plan's value tree
 *                      (plan.md) and kept in the manifest, so a skipped
 *                      item still has its line in the portfolio;
 *   wm_portfolio_write OUTDIR/portfolio.csv, one row per input in input
 *                      order through the CSV writer (core/base/csv.h:
 *                      RFC 4180, formulas neutralised), and
 *                      OUTDIR/portfolio.pdf (portfolio_doc.c), both built
 *                      in memory and committed together, so a failure
 *                      leaves the previous two as they were.
 *
 * Ownership: the summary belongs to the arena given; everything else here
 * is allocated and freed within the call.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/display.h"
#include "../base/file.h"
#include "../plan/plan.h"
#include "batch_int.h"

/* ------------------------------------------------------------------------ */
/* The plan in brief                                                         */
/* ------------------------------------------------------------------------ */

/* A copy of the number under `key` (an integer stays one), else null. */
static wm_value *copy_num(wm_arena *a, const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    if (!wm_v_is_number(v))
        return wm_vnull(a);
    return v->kind == WM_VINT ? wm_vint(a, v->u.i) : wm_vnum(a, v->u.n);
}

/* A copy of the text under `key`, else null. */
static wm_value *copy_str(wm_arena *a, const wm_value *obj, const char *key)
{
    return wm_vstr(a, wm_vobj_str(obj, key));
}

/* The number of initiatives with this status (when totals lack the count). */
static int64_t count_status(const wm_value *inis, const char *status)
{
    int64_t n = 0;
    if (!inis || inis->kind != WM_VARR)
        return 0;
    for (size_t i = 0; i < inis->u.arr.n; i++) {
        const char *s = wm_vobj_str(inis->u.arr.items[i], "status");
        n += s && strcmp(s, status) == 0;
    }
    return n;
}

static wm_value *count_field(wm_arena *a, const wm_value *totals, const wm_value *inis,
                             const char *key)
{
    double v;
    if (wm_vobj_num(totals, key, &v) && v >= 0 && v < 1e15)
        return wm_vint(a, (int64_t)llround(v));
    return wm_vint(a, count_status(inis, key));
}

wm_value *wm_batch_summary(wm_arena *a, const wm_plan *plan)
{
    const wm_value *root = plan ? wm_plan_root(plan) : NULL;
    const wm_value *client = wm_vobj_get(root, "client");
    const wm_value *totals = wm_vobj_get(root, "totals");
    const wm_value *inis = wm_vobj_get(root, "initiatives");
    wm_value *s = wm_vobj(a);

    wm_vobj_set(a, s, "client", copy_str(a, client, "name"));
    wm_vobj_set(a, s, "short_name", copy_str(a, client, "short_name"));
    wm_vobj_set(a, s, "currency", copy_str(a, root, "currency"));
    /* The engagement's own date: the portfolio is dated by the newest. */
    wm_date date;
    if (plan && wm_plan_date(plan, &date)) {
        char d[16];
        snprintf(d, sizeof d, "%04d-%02d-%02d", date.year, date.month, date.day);
        wm_vobj_set(a, s, "date", wm_vstr(a, d));
    } else {
        wm_vobj_set(a, s, "date", wm_vnull(a));
    }
    static const char *const money[] = {"cost", "p50", "p80", "p90", "budget"};
    for (size_t i = 0; i < sizeof money / sizeof *money; i++)
        wm_vobj_set(a, s, money[i], copy_num(a, totals, money[i]));

    double cost, budget, variance;
    bool has_cost = wm_vobj_num(totals, "cost", &cost);
    bool has_budget = wm_vobj_num(totals, "budget", &budget);
    if (!has_budget)
        wm_vobj_set(a, s, "variance", wm_vnull(a));
    else if (wm_vobj_num(totals, "variance", &variance))
        wm_vobj_set(a, s, "variance", copy_num(a, totals, "variance"));
    else if (has_cost)
        wm_vobj_set(a, s, "variance", wm_vnum(a, budget - cost));
    else
        wm_vobj_set(a, s, "variance", wm_vnull(a));
    wm_vobj_set(a, s, "p_within_budget",
                has_budget ? copy_num(a, totals, "p_within_budget") : wm_vnull(a));
    wm_vobj_set(a, s, "within_budget",
                has_budget && has_cost ? wm_vbool(a, cost <= budget) : wm_vnull(a));
    wm_vobj_set(a, s, "scheduled", count_field(a, totals, inis, "scheduled"));
    wm_vobj_set(a, s, "deferred", count_field(a, totals, inis, "deferred"));

    /* First scheduled start and last scheduled end. */
    wm_quarter first = WM_NO_QUARTER, last = WM_NO_QUARTER;
    for (size_t i = 0; inis && inis->kind == WM_VARR && i < inis->u.arr.n; i++) {
        const wm_value *in = inis->u.arr.items[i];
        const char *status = wm_vobj_str(in, "status");
        const char *st = wm_vobj_str(in, "start"), *en = wm_vobj_str(in, "end");
        wm_quarter q0, q1;
        if (!status || strcmp(status, "scheduled") != 0 || !st || !en ||
            !wm_parse_quarter(st, &q0) || !wm_parse_quarter(en, &q1))
            continue;
        if (first == WM_NO_QUARTER || q0 < first)
            first = q0;
        if (last == WM_NO_QUARTER || q1 > last)
            last = q1;
    }
    char buf[16];
    bool span = first != WM_NO_QUARTER && last >= first;
    wm_vobj_set(a, s, "start",
                span ? wm_vstr(a, wm_quarter_format(first, buf, sizeof buf)) : wm_vnull(a));
    wm_vobj_set(a, s, "end",
                span ? wm_vstr(a, wm_quarter_format(last, buf, sizeof buf)) : wm_vnull(a));
    wm_vobj_set(a, s, "quarters", wm_vint(a, span ? (int64_t)last - first + 1 : 0));

    /* With a baseline (the plan's `changes`, docs/diff.md): which one, the
     * change in cost, and where the scheduled work ended before. */
    const wm_value *ch = wm_vobj_get(root, "changes");
    if (ch && ch->kind == WM_VOBJ) {
        wm_vobj_set(a, s, "baseline", copy_str(a, wm_vobj_get(ch, "old"), "label"));
        double delta = 0;
        const wm_value *tl = wm_vobj_get(ch, "totals");
        for (size_t i = 0; tl && tl->kind == WM_VARR && i < tl->u.arr.n; i++) {
            const char *field = wm_vobj_str(tl->u.arr.items[i], "field");
            if (field && strcmp(field, "cost") == 0)
                (void)wm_vobj_num(tl->u.arr.items[i], "delta", &delta);
        }
        wm_vobj_set(a, s, "cost_change", wm_vnum(a, delta));
        const wm_value *sp = wm_vobj_get(ch, "span"), *old = wm_vobj_get(sp, "old");
        if (sp && sp->kind == WM_VOBJ)
            wm_vobj_set(a, s, "end_was",
                        old && old->kind == WM_VARR && old->u.arr.n == 2
                            ? wm_v_copy(a, old->u.arr.items[1])
                            : wm_vnull(a));
        else
            wm_vobj_set(a, s, "end_was", wm_v_copy(a, wm_vobj_get(s, "end")));
    } else {
        wm_vobj_set(a, s, "baseline", wm_vnull(a));
        wm_vobj_set(a, s, "cost_change", wm_vnull(a));
        wm_vobj_set(a, s, "end_was", wm_vnull(a));
    }

    /* The highest-scored risk; on a tie the first listed (the register's
     * own order). */
    const wm_value *risks = wm_vobj_get(root, "risks"), *top = NULL;
    double best = 0;
    for (size_t i = 0; risks && risks->kind == WM_VARR && i < risks->u.arr.n; i++) {
        double score;
        if (wm_vobj_num(risks->u.arr.items[i], "score", &score) && (!top || score > best)) {
            top = risks->u.arr.items[i];
            best = score;
        }
    }
    if (top) {
        wm_value *r = wm_vobj(a);
        wm_vobj_set(a, r, "id", copy_str(a, top, "id"));
        wm_vobj_set(a, r, "title", copy_str(a, top, "title"));
        wm_vobj_set(a, r, "score", copy_num(a, top, "score"));
        wm_vobj_set(a, r, "band", copy_str(a, top, "band"));
        wm_vobj_set(a, r, "owner", copy_str(a, top, "owner"));
        wm_vobj_set(a, s, "top_risk", r);
    } else {
        wm_vobj_set(a, s, "top_risk", wm_vnull(a));
    }
    return s;
}

/* ------------------------------------------------------------------------ */
/* portfolio.csv                                                             */
/* ------------------------------------------------------------------------ */

/* A number plainly, as in the CSV: at most two decimals. */
static void num_text(wm_buf *b, const wm_value *v)
{
    if (v && v->kind == WM_VINT)
        wm_csv_int(b, (long long)v->u.i);
    else if (wm_v_is_number(v))
        wm_csv_number(b, v->u.n, 2);
}

static void csv_bool(wm_buf *b, const wm_value *v)
{
    if (v && v->kind == WM_VBOOL)
        wm_buf_puts(b, v->u.b ? "true" : "false");
}

static const char *const CSV_COLUMNS[] = {
    "name",           "input",    "status",      "client",      "currency",
    "cost",           "p80",      "budget",      "variance",    "within_budget",
    "start",          "end",      "quarters",    "top_risk_id", "top_risk_title",
    "top_risk_score", "baseline", "cost_change", "end_was",     "error"};
#define N_CSV_COLUMNS (sizeof CSV_COLUMNS / sizeof *CSV_COLUMNS)

static char *portfolio_csv(const wm_batch *b)
{
    wm_buf o;
    wm_buf_init(&o);
    wm_csv_header(&o, CSV_COLUMNS, N_CSV_COLUMNS);
    for (size_t i = 0; i < b->n; i++) {
        const wm_batch_item *it = &b->items[i];
        const wm_value *s = wm_batch_item_summary(it);
        const wm_value *risk = wm_vobj_get(s, "top_risk");
        wm_csv_str(&o, it->name);
        wm_csv_next(&o);
        wm_csv_str(&o, it->input);
        wm_csv_next(&o);
        wm_csv_str(&o, wm_item_status_name(it->status));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "client"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "currency"));
        static const char *const nums[] = {"cost", "p80", "budget", "variance"};
        for (size_t k = 0; k < 4; k++) {
            wm_csv_next(&o);
            num_text(&o, wm_vobj_get(s, nums[k]));
        }
        wm_csv_next(&o);
        csv_bool(&o, wm_vobj_get(s, "within_budget"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "start"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "end"));
        wm_csv_next(&o);
        num_text(&o, wm_vobj_get(s, "quarters"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(risk, "id"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(risk, "title"));
        wm_csv_next(&o);
        num_text(&o, wm_vobj_get(risk, "score"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "baseline"));
        wm_csv_next(&o);
        num_text(&o, wm_vobj_get(s, "cost_change"));
        wm_csv_next(&o);
        wm_csv_str(&o, wm_vobj_str(s, "end_was"));
        wm_csv_next(&o);
        if (it->error) { /* without the trailing line break */
            size_t len = strlen(it->error);
            while (len && (it->error[len - 1] == '\n' || it->error[len - 1] == '\r' ||
                           it->error[len - 1] == ' '))
                len--;
            wm_csv_text(&o, it->error, len);
        }
        wm_csv_end(&o);
    }
    return wm_buf_steal(&o);
}

int wm_portfolio_write(const char *outdir, const wm_batch *b, const char *brand_file, wm_diags *d)
{
    /* Both files are made in memory before either is written. */
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    if (!wm_portfolio_pdf(b, brand_file, &pdf, &pdf_len, d))
        return WM_EXIT_OUTPUT;
    char *csv = portfolio_csv(b);
    char *csv_path = wm_path_join(outdir, "portfolio.csv");
    char *pdf_path = wm_path_join(outdir, "portfolio.pdf");
    /* Committed together: a failed write leaves both previous files. */
    int status = WM_EXIT_OK;
    wm_outputs out;
    wm_outputs_init(&out);
    if (wm_outputs_add(&out, csv_path, csv, strlen(csv), d) != 0 ||
        wm_outputs_add(&out, pdf_path, pdf, pdf_len, d) != 0) {
        wm_outputs_abort(&out);
        status = WM_EXIT_OUTPUT;
    } else if (wm_outputs_commit(&out, d) != 0) {
        status = WM_EXIT_OUTPUT;
    }
    free(csv_path);
    free(pdf_path);
    free(csv);
    free(pdf);
    return status;
}
