/*
 * portfolio_doc.c - OUTDIR/portfolio.pdf: the batch's view across clients
 * as a document, built and laid out by the same code as a deliverable.
 *
 * The batch's items become one section, as a document plugin would write
 * it (core/document/doc.h): the date line; a table with one row per client
 * (cost, P80, duration, budget fit and top risk, in input order) whose
 * total row is the clients' total when they share one currency; a table
 * of totals per currency when they do not; and, when inputs produced no
 * PDF, a callout saying so under the date line and, at the end, a table of
 * them with the first line of each error.  wm_doc_build checks it as it checks a plugin's document,
 * and the layout draws it as a report (no cover, no contents: layout.h) on the brand's page turned
 * landscape, in the brand's fonts and colours (wm_brand_layout), with repeated table headers when
 * it runs over pages. So there is nothing here about points, sizes or colours.
 *
 * Figures follow the display rules of core/base/display.h, the same as a
 * deliverable's: whole currency units, the currency's own symbol and
 * grouping (an unknown code is named after the amount).  A currency's
 * total is the sum of the whole units its rows show, so a row of figures
 * adds up as printed.
 *
 * The document is dated by core/base/docdate.h: the newest engagement date
 * of its clients, else SOURCE_DATE_EPOCH, else no date at all; never the
 * clock, so two runs give the same bytes.
 *
 * Ownership: the values and the document live in an arena freed before
 * returning; the PDF's bytes belong to the caller.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "../base/docdate.h"
#include "../document/doc.h"
#include "../layout/layout.h"
#include "../load/scalar.h"
#include "../pdf/image.h"
#include "../pdf/pdf.h"
#include "../render/brand.h"
#include "../render/cache.h"
#include "batch_int.h"

#define EN_DASH    " \xE2\x80\x93 "
#define MIDDLE_DOT " \xC2\xB7 "

/* ---- figures as text ---- */

static void money(char *buf, size_t size, double amount, const char *code)
{
    const wm_currency *c = code ? wm_currency_find(code) : NULL;
    wm_format_money(buf, size, amount, c);
    if (!c && code) { /* an unknown code: at least say which it is */
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, " %s", code);
    }
}

/* The variance of a summary: its own, else budget - cost. */
static bool summary_variance(const wm_value *s, double *variance)
{
    double budget, cost;
    if (!wm_vobj_num(s, "budget", &budget))
        return false;
    if (wm_vobj_num(s, "variance", variance))
        return isfinite(*variance);
    if (!wm_vobj_num(s, "cost", &cost))
        return false;
    *variance = budget - cost;
    return isfinite(*variance);
}

/* "within, £12,000 spare", "over by £30,000", "on budget", "no budget". */
static void budget_fit(char *buf, size_t size, double variance, bool has_budget, const char *code)
{
    if (!has_budget) {
        snprintf(buf, size, "%s", "no budget");
        return;
    }
    double r = round(variance);
    char m[160];
    money(m, sizeof m, fabs(r), code);
    if (r > 0)
        snprintf(buf, size, "within, %s spare", m);
    else if (r < 0)
        snprintf(buf, size, "over by %s", m);
    else
        snprintf(buf, size, "%s", "on budget");
}

/* "Q1 2027 – Q4 2028, 8 quarters", "Q3 2027, 1 quarter", "not scheduled". */
static void duration(char *buf, size_t size, wm_quarter start, wm_quarter end)
{
    if (start == WM_NO_QUARTER || end < start) {
        snprintf(buf, size, "%s", "not scheduled");
        return;
    }
    char q0[16], q1[16];
    long n = (long)end - start + 1;
    const char *unit = n == 1 ? "quarter" : "quarters";
    wm_quarter_label(start, q0, sizeof q0);
    if (n == 1)
        snprintf(buf, size, "%s, %ld %s", q0, n, unit);
    else
        snprintf(buf, size, "%s" EN_DASH "%s, %ld %s", q0, wm_quarter_label(end, q1, sizeof q1), n,
                 unit);
}

/* The summary's scheduled span, from its start and end. */
static void span(const wm_value *s, wm_quarter *start, wm_quarter *end)
{
    const char *st = wm_vobj_str(s, "start"), *en = wm_vobj_str(s, "end");
    if (!st || !en || !wm_parse_quarter(st, start) || !wm_parse_quarter(en, end) || *end < *start)
        *start = *end = WM_NO_QUARTER;
}

/* "R4 (16, high): Platform team of two is a key-person dependency". */
static char *top_risk(const wm_value *risk)
{
    if (!risk || risk->kind != WM_VOBJ)
        return wm_xstrdup("");
    const char *id = wm_vobj_str(risk, "id"), *title = wm_vobj_str(risk, "title");
    const char *band = wm_vobj_str(risk, "band");
    double score;
    bool has_score = wm_vobj_num(risk, "score", &score) && isfinite(score) && fabs(score) < 1e9;
    wm_buf o;
    wm_buf_init(&o);
    wm_buf_puts(&o, id ? id : "");
    if (has_score || band) {
        wm_buf_puts(&o, o.len ? " (" : "(");
        if (has_score)
            wm_buf_printf(&o, "%g", score);
        wm_buf_puts(&o, has_score && band ? ", " : "");
        wm_buf_puts(&o, band ? band : "");
        wm_buf_putc(&o, ')');
    }
    if (title)
        wm_buf_printf(&o, "%s%s", o.len ? ": " : "", title);
    if (!o.data)
        wm_buf_putc(&o, '\0');
    return wm_buf_steal(&o);
}

/* What an input that produced no PDF says in place of its figures. */
static char *problem_text(const wm_batch_item *it)
{
    switch (it->status) {
    case WM_ITEM_FAILED:
        if (it->error && *it->error) {
            size_t len = strcspn(it->error, "\r\n");
            return wm_xasprintf("%.*s", (int)len, it->error);
        }
        return wm_xasprintf("exit status %d", it->exit_status);
    case WM_ITEM_INTERRUPTED:
        return wm_xstrdup("interrupted before it was rendered");
    case WM_ITEM_PENDING:
        return wm_xstrdup("not run");
    case WM_ITEM_DONE:
        return wm_xstrdup("rendered, but no summary is available");
    case WM_ITEM_SKIPPED:
        break;
    }
    return wm_xstrdup("up to date, but no summary is available");
}

/* ---- the document as values, as a plugin would write it ---- */

static wm_value *str(wm_arena *a, const char *s)
{
    return wm_vstr(a, s ? s : "");
}

static wm_value *obj(wm_arena *a, const char *type)
{
    wm_value *o = wm_vobj(a);
    wm_vobj_set(a, o, "type", wm_vstr(a, type));
    return o;
}

static wm_value *column(wm_arena *a, const char *title, const char *align, double width)
{
    wm_value *c = wm_vobj(a);
    wm_vobj_set(a, c, "title", wm_vstr(a, title));
    wm_vobj_set(a, c, "align", wm_vstr(a, align));
    wm_vobj_set(a, c, "width", wm_vnum(a, width));
    return c;
}

/* A row of n cells; the strings are copied, and freed here when `owned`. */
static wm_value *row(wm_arena *a, char **cells, size_t n, bool owned)
{
    wm_value *r = wm_varr(a);
    for (size_t i = 0; i < n; i++) {
        wm_varr_push(a, r, str(a, cells[i]));
        if (owned)
            free(cells[i]);
    }
    return r;
}

/* The clients' figures per currency, in order of first appearance; then
 * sorted by code. */
typedef struct {
    const char *code;
    size_t n;
    double cost;     /* sum of the whole units each row shows */
    size_t n_budget; /* clients with a budget */
    double variance; /* sum of their whole-unit variances */
    wm_quarter start, end;
} pf_total;

static int cmp_total(const void *x, const void *y)
{
    return strcmp(((const pf_total *)x)->code, ((const pf_total *)y)->code);
}

static void add_to_total(pf_total *t, size_t *n, const wm_value *s)
{
    const char *code = wm_vobj_str(s, "currency");
    code = code ? code : "";
    size_t k = 0;
    while (k < *n && strcmp(t[k].code, code) != 0)
        k++;
    if (k == *n)
        t[(*n)++] = (pf_total){.code = code, .start = WM_NO_QUARTER, .end = WM_NO_QUARTER};
    pf_total *tt = &t[k];
    tt->n++;
    double v;
    if (wm_vobj_num(s, "cost", &v) && isfinite(v))
        tt->cost += round(v);
    if (summary_variance(s, &v)) {
        tt->n_budget++;
        tt->variance += round(v);
    }
    wm_quarter q0, q1;
    span(s, &q0, &q1);
    if (q0 != WM_NO_QUARTER) {
        if (tt->start == WM_NO_QUARTER || q0 < tt->start)
            tt->start = q0;
        if (tt->end == WM_NO_QUARTER || q1 > tt->end)
            tt->end = q1;
    }
}

enum { CLIENT, COST, P80, DURATION, FIT, RISK, N_COLS };

static void client_cells(const wm_batch_item *it, const wm_value *s, char *cells[N_COLS])
{
    const char *code = wm_vobj_str(s, "currency"), *client = wm_vobj_str(s, "client");
    char buf[400];
    double v;
    /* The input file too, so that two versions of one client are told
     * apart. */
    const char *slash = strrchr(it->input, '/');
    cells[CLIENT] =
        wm_xasprintf("%s (%s)", client ? client : it->name, slash ? slash + 1 : it->input);
    static const char *const figures[] = {[COST] = "cost", [P80] = "p80"};
    for (int c = COST; c <= P80; c++) {
        if (wm_vobj_num(s, figures[c], &v) && isfinite(v))
            money(buf, sizeof buf, v, code);
        else
            buf[0] = '\0';
        /* With a baseline, the change in cost since it. */
        double delta;
        if (c == COST && buf[0] && wm_vobj_num(s, "cost_change", &delta) && isfinite(delta) &&
            fabs(round(delta)) >= 1) {
            char d[128];
            money(d, sizeof d, fabs(delta), code);
            cells[c] = wm_xasprintf("%s (%s%s)", buf, delta < 0 ? "\xE2\x88\x92" : "+", d);
        } else {
            cells[c] = wm_xstrdup(buf);
        }
    }
    wm_quarter q0, q1, was;
    span(s, &q0, &q1);
    duration(buf, sizeof buf, q0, q1);
    const char *end_was = wm_vobj_str(s, "end_was");
    if (end_was && wm_parse_quarter(end_was, &was) && q1 != WM_NO_QUARTER && was != q1) {
        char q[16];
        cells[DURATION] =
            wm_xasprintf("%s (ended %s before)", buf, wm_quarter_label(was, q, sizeof q));
    } else {
        cells[DURATION] = wm_xstrdup(buf);
    }
    bool has_budget = summary_variance(s, &v);
    budget_fit(buf, sizeof buf, has_budget ? v : 0, has_budget, code);
    cells[FIT] = wm_xstrdup(buf);
    cells[RISK] = top_risk(wm_vobj_get(s, "top_risk"));
}

/* A total row: "Total (3 clients)" under the clients' table, the cost, no
 * P80 (percentiles do not add), the span, the net budget fit ("net: over
 * by £2,000") and no risk; with_code, a row of the totals-by-currency
 * table: "GBP (3 clients)" and the budget fit under its own heading. */
static void total_cells(const pf_total *t, bool with_code, char *cells[N_COLS])
{
    const char *code = *t->code ? t->code : NULL;
    char buf[400];
    const char *clients = t->n == 1 ? "client" : "clients";
    cells[CLIENT] = with_code ? wm_xasprintf("%s (%zu %s)", code ? code : "?", t->n, clients)
                              : wm_xasprintf("Total (%zu %s)", t->n, clients);
    money(buf, sizeof buf, t->cost, code);
    cells[COST] = wm_xstrdup(buf);
    cells[P80] = wm_xstrdup("");
    duration(buf, sizeof buf, t->start, t->end);
    cells[DURATION] = wm_xstrdup(buf);
    if (t->n_budget) {
        budget_fit(buf, sizeof buf, t->variance, true, code);
        cells[FIT] = with_code ? wm_xstrdup(buf) : wm_xasprintf("net: %s", buf);
    } else {
        cells[FIT] = wm_xstrdup("no budget");
    }
    cells[RISK] = wm_xstrdup("");
}

/* `changes`: some client has a baseline, so its cost shows its change too
 * ("£1,268,120 (+£9,631)"), in a wider column. */
static wm_value *figures_table(wm_arena *a, bool changes)
{
    wm_value *t = obj(a, "table"), *cols = wm_varr(a);
    wm_varr_push(a, cols, column(a, "Client", "left", 3));
    wm_varr_push(a, cols, column(a, "Total cost", "right", changes ? 2.4 : 1.5));
    wm_varr_push(a, cols, column(a, "P80", "right", 1.5));
    wm_varr_push(a, cols, column(a, "Duration", "left", 3));
    wm_varr_push(a, cols, column(a, "Budget fit", "left", 2.4));
    wm_varr_push(a, cols, column(a, "Top risk", "left", 4.2));
    wm_vobj_set(a, t, "columns", cols);
    wm_vobj_set(a, t, "rows", wm_varr(a));
    return t;
}

/* The portfolio's date: the newest engagement date among the clients'
 * summaries; false when none is dated. */
static bool newest_date(const wm_batch *b, wm_date *out)
{
    bool found = false;
    for (size_t i = 0; i < b->n; i++) {
        const char *s = wm_vobj_str(b->items[i].summary, "date");
        wm_date d;
        if (!s || !wm_parse_date(s, &d))
            continue;
        if (!found || d.year > out->year ||
            (d.year == out->year &&
             (d.month > out->month || (d.month == out->month && d.day > out->day)))) {
            *out = d;
            found = true;
        }
    }
    return found;
}

static wm_value *paragraph(wm_arena *a, const char *text)
{
    wm_value *p = obj(a, "paragraph");
    wm_vobj_set(a, p, "text", str(a, text));
    return p;
}

/* The portfolio as a list of one section. */
static wm_value *portfolio_sections(wm_arena *a, const wm_batch *b, const wm_docdate *dd)
{
    wm_value *blocks = wm_varr(a);
    size_t n_failed = 0, n_missing = 0, n_ok = 0;
    for (size_t i = 0; i < b->n; i++) {
        n_failed += b->items[i].status == WM_ITEM_FAILED;
        n_missing +=
            b->items[i].status == WM_ITEM_PENDING || b->items[i].status == WM_ITEM_INTERRUPTED;
        n_ok += wm_batch_item_ok(&b->items[i]);
    }

    /* "20 November 2026 · 14 engagements, 2 failed" */
    wm_buf line;
    wm_buf_init(&line);
    char date[32] = "";
    if (dd->dated)
        wm_date_label(&dd->day, date, sizeof date);
    if (*date)
        wm_buf_printf(&line, "%s" MIDDLE_DOT, date);
    wm_buf_printf(&line, "%zu %s", b->n, b->n == 1 ? "engagement" : "engagements");
    if (n_failed)
        wm_buf_printf(&line, ", %zu failed", n_failed);
    if (n_missing)
        wm_buf_printf(&line, ", %zu not rendered", n_missing);
    wm_varr_push(a, blocks, paragraph(a, line.data));
    wm_buf_free(&line);

    if (b->n == 0)
        wm_varr_push(a, blocks, paragraph(a, "No engagements in this batch."));
    if (n_ok < b->n) { /* said first, so no one reads the totals as the whole batch */
        wm_value *c = obj(a, "callout");
        wm_vobj_set(a, c, "kind", str(a, n_failed ? "warn" : "info"));
        char *title = wm_xasprintf("%zu of %zu %s produced no PDF", b->n - n_ok, b->n,
                                   b->n == 1 ? "input" : "inputs");
        wm_vobj_set(a, c, "title", str(a, title));
        free(title);
        wm_vobj_set(a, c, "body",
                    str(a, "They are not in the figures below: see \xE2\x80\x9CInputs without a "
                           "PDF\xE2\x80\x9D at the end."));
        wm_varr_push(a, blocks, c);
    }

    pf_total *totals = wm_xcalloc(b->n ? b->n : 1, sizeof *totals);
    size_t n_totals = 0;
    if (n_ok) {
        bool changes = false;
        for (size_t i = 0; i < b->n && !changes; i++)
            changes = wm_batch_item_ok(&b->items[i]) &&
                      wm_v_is_number(wm_vobj_get(b->items[i].summary, "cost_change"));
        wm_value *t = figures_table(a, changes), *rows = wm_vobj_get(t, "rows");
        for (size_t i = 0; i < b->n; i++) {
            const wm_batch_item *it = &b->items[i];
            if (!wm_batch_item_ok(it))
                continue;
            char *cells[N_COLS];
            client_cells(it, it->summary, cells);
            wm_varr_push(a, rows, row(a, cells, N_COLS, true));
            add_to_total(totals, &n_totals, it->summary);
        }
        qsort(totals, n_totals, sizeof *totals, cmp_total);
        if (n_totals == 1) {
            char *cells[N_COLS];
            total_cells(&totals[0], false, cells);
            wm_vobj_set(a, t, "total", row(a, cells, N_COLS, true));
        }
        wm_varr_push(a, blocks, t);
    }
    if (n_totals > 1) {
        wm_value *h = obj(a, "heading");
        wm_vobj_set(a, h, "level", wm_vint(a, 1));
        wm_vobj_set(a, h, "text", str(a, "Totals by currency"));
        wm_varr_push(a, blocks, h);
        wm_varr_push(a, blocks,
                     paragraph(a, "Costs in different currencies are not added together: "
                                  "each currency has its own total."));
        wm_value *t = obj(a, "table"), *cols = wm_varr(a), *rows = wm_varr(a);
        wm_varr_push(a, cols, column(a, "Currency", "left", 3));
        wm_varr_push(a, cols, column(a, "Total cost", "right", 1.5));
        wm_varr_push(a, cols, column(a, "Duration", "left", 3));
        wm_varr_push(a, cols, column(a, "Net budget fit", "left", 3));
        wm_vobj_set(a, t, "columns", cols);
        for (size_t k = 0; k < n_totals; k++) {
            char *cells[N_COLS];
            total_cells(&totals[k], true, cells);
            char *shown[] = {cells[CLIENT], cells[COST], cells[DURATION], cells[FIT]};
            wm_varr_push(a, rows, row(a, shown, 4, false));
            for (int c = 0; c < N_COLS; c++)
                free(cells[c]);
        }
        wm_vobj_set(a, t, "rows", rows);
        wm_varr_push(a, blocks, t);
    }
    free(totals);

    if (n_ok < b->n) {
        wm_value *h = obj(a, "heading");
        wm_vobj_set(a, h, "level", wm_vint(a, 1));
        wm_vobj_set(a, h, "text", str(a, "Inputs without a PDF"));
        wm_varr_push(a, blocks, h);
        wm_varr_push(a, blocks,
                     paragraph(a, "The first line of each one's error; manifest.jsonl has the "
                                  "whole message, and the next batch renders them again once "
                                  "they are fixed."));
        wm_value *t = obj(a, "table"), *cols = wm_varr(a), *rows = wm_varr(a);
        wm_varr_push(a, cols, column(a, "Input", "left", 2.5));
        wm_varr_push(a, cols, column(a, "Status", "left", 1));
        wm_varr_push(a, cols, column(a, "What went wrong", "left", 8));
        wm_vobj_set(a, t, "columns", cols);
        for (size_t i = 0; i < b->n; i++) {
            const wm_batch_item *it = &b->items[i];
            if (wm_batch_item_ok(it))
                continue;
            char *cells[3] = {wm_xstrdup(it->input ? it->input : it->name),
                              wm_xstrdup(wm_item_status_name(it->status)), problem_text(it)};
            wm_varr_push(a, rows, row(a, cells, 3, true));
        }
        wm_vobj_set(a, t, "rows", rows);
        wm_varr_push(a, blocks, t);
    }

    wm_value *section = obj(a, "section");
    wm_vobj_set(a, section, "id", str(a, "portfolio"));
    wm_vobj_set(a, section, "title", str(a, "Portfolio"));
    wm_vobj_set(a, section, "blocks", blocks);
    wm_value *sections = wm_varr(a);
    wm_varr_push(a, sections, section);
    return sections;
}

/* ---- the PDF ---- */

bool wm_portfolio_pdf(const wm_batch *b, const char *brand_file, unsigned char **pdf, size_t *len,
                      wm_diags *d)
{
    wm_date newest;
    wm_docdate date;
    char *date_err = NULL;
    if (!wm_document_date(newest_date(b, &newest) ? &newest : NULL, &date, &date_err)) {
        wm_diag_add(d, WM_ERROR, NULL, (wm_pos){0, 0}, date_err, WM_SOURCE_DATE_EPOCH_HINT);
        free(date_err);
        return false;
    }
    wm_brand *brand = NULL;
    if (brand_file) {
        /* A brand that cannot be used (a damaged font, a bad colour) made
         * every input fail with its problems already: the portfolio is
         * still drawn, in the built-in brand, so the batch ends with one. */
        wm_diags bd;
        wm_diags_init(&bd);
        brand = wm_brand_load(brand_file, &bd);
        if (bd.errors > 0 && !brand)
            wm_diag_addf(d, WM_WARNING, brand_file, (wm_pos){0, 0},
                         "the inputs that failed show the brand file's problems",
                         "portfolio: drawn in the built-in brand, since this brand cannot be used");
        for (size_t i = 0; brand && i < bd.count; i++) /* its warnings */
            wm_diag_add(d, bd.items[i].severity, bd.items[i].file, bd.items[i].pos,
                        bd.items[i].message, bd.items[i].hint);
        wm_diags_free(&bd);
    }
    if (!brand)
        brand = wm_brand_default();
    if (!brand) {
        if (!brand_file)
            wm_diag_add(d, WM_ERROR, NULL, (wm_pos){0, 0},
                        "portfolio: the built-in brand is not available",
                        "check WAYMARK_DATA_DIR or the installation's fonts");
        return false;
    }
    /* Faces and the logo are borrowed from the process cache (cache.h),
     * shared with the renders the batch warmed it for. */
    wm_face *faces[WM_FACE_COUNT];
    if (!wm_render_cache_brand_faces(brand, faces, "portfolio: ", d)) {
        wm_brand_free(brand);
        return false;
    }
    wm_image logo = {0};
    bool has_logo = false;
    if (brand->logo) {
        char *err = NULL;
        const wm_image *img = wm_render_cache_logo(brand->logo, &err);
        if (img) {
            logo = *img;
            has_logo = true;
        } else {
            wm_diag_addf(d, WM_WARNING, brand->file, brand->logo_pos, NULL,
                         "portfolio: logo left out: cannot use '%s': %s", brand->logo, err);
            free(err);
        }
    }

    wm_arena arena;
    wm_arena_init(&arena);
    wm_doc_error derr = {0};
    wm_doc *doc = wm_doc_build(portfolio_sections(&arena, b, &date), NULL, &derr);
    bool ok = doc != NULL;
    if (!doc) { /* a defect here, never the user's input */
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "portfolio: %s: %s", derr.path,
                     derr.message);
        wm_doc_error_free(&derr);
    }

    char subject[96], date_text[32] = "";
    snprintf(subject, sizeof subject, "Portfolio of %zu %s", b->n,
             b->n == 1 ? "engagement" : "engagements");
    if (date.dated)
        wm_date_label(&date.day, date_text, sizeof date_text);
    wm_style st;
    wm_layout_input in = {0};
    wm_brand_layout(brand, faces, NULL, true, &st, &in);
    in.report = true;
    in.front.client = "Portfolio";
    in.front.title = *date_text ? date_text : NULL;
    in.front.firm = brand->file ? brand->name : NULL;
    in.front.footer = brand->footer;
    in.front.brand_logo = has_logo ? (wm_logo_ref){0, logo.width, logo.height} : WM_NO_LOGO;
    in.front.client_logo = WM_NO_LOGO;
    in.info.title = "Portfolio";
    in.info.author = brand->file ? brand->name : NULL;
    in.info.subject = subject;
    in.info.creator = "Waymark " WM_VERSION;
    in.info.date = date.epoch;

    wm_dlist *dl = ok ? wm_layout(doc, &in) : NULL;
    if (dl && dl->overflow_section >= 0) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0},
                     "split the batch with --shard, or read portfolio.csv",
                     "portfolio: more than %d pages", WM_MAX_PAGES);
        ok = false;
    }
    if (ok) {
        wm_pdf_opts po = {0};
        wm_brand_pdf_opts(brand, faces, &po);
        po.images = has_logo ? &logo : NULL;
        po.n_images = has_logo ? 1 : 0;
        char *err = NULL;
        ok = wm_pdf_write(dl, &po, pdf, len, &err) == 0;
        if (!ok) {
            wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "portfolio: %s", err);
            free(err);
        }
    }
    wm_dl_free(dl);
    wm_doc_free(doc);
    wm_arena_free(&arena);
    wm_brand_free(brand);
    return ok;
}
