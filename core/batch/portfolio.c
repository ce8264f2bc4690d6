/*
 * portfolio.c - the batch's view across clients (batch.h):
 *
 *   wm_batch_summary   the plan in brief, read from the plan's value tree
 *                      (plan.md) and kept in the manifest, so a skipped
 *                      item still has its line in the portfolio;
 *   wm_portfolio_write OUTDIR/portfolio.csv, one row per input in input
 *                      order through the CSV writer (core/base/csv.h:
 *                      RFC 4180, formulas neutralised), and OUTDIR/portfolio.pdf, one landscape
 *                      page in the batch's brand that a partner reads at
 *                      engagement close: every client's cost, P80,
 *                      duration, budget fit and top risk, failed inputs
 *                      with the first line of their error, and totals per
 *                      currency.
 *
 * The page is drawn straight onto a display list with the pen
 * (core/layout/pen.h) and written by the PDF device (core/pdf/pdf.h) with
 * the brand's fonts, embedded and subset, so the same batch gives the same
 * bytes under SOURCE_DATE_EPOCH.  The document layout (core/layout/layout.h)
 * is not used: it always adds a cover and a contents page, and the
 * portfolio must be exactly one page.  To stay on one page the table's font
 * shrinks from 8 pt down to 6.5 pt; beyond that the page shows the largest
 * clients by cost (failed inputs first, up to half the rows) in input order
 * and a last line "... and N more clients: see portfolio.csv".
 *
 * Both files are built in memory first and each is written atomically
 * (core/base/file.h), so a failure never leaves a partial file.
 *
 * The page is dated by core/base/docdate.h: the newest engagement date of
 * its clients (the summaries carry them), else SOURCE_DATE_EPOCH, else no
 * date at all; never the clock, so two runs give the same bytes.
 *
 * Ownership: the summary belongs to the arena given; everything else here
 * is allocated and freed within the call.
 */
#include "batch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/csv.h"
#include "../base/docdate.h"
#include "../base/file.h"
#include "../layout/pen.h"
#include "../load/scalar.h"
#include "../pdf/image.h"
#include "../pdf/pdf.h"
#include "../base/display.h"
#include "../plan/plan.h"
#include "../render/brand.h"
#include "../render/cache.h"

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
/* Shared helpers                                                            */
/* ------------------------------------------------------------------------ */

static const char *status_name(wm_item_status s)
{
    switch (s) {
    case WM_ITEM_DONE:
        return "done";
    case WM_ITEM_SKIPPED:
        return "skipped";
    case WM_ITEM_FAILED:
        return "failed";
    case WM_ITEM_INTERRUPTED:
        return "interrupted";
    case WM_ITEM_PENDING:
        break;
    }
    return "pending";
}

/* The summary an item's row is drawn from: an object, else NULL. */
static const wm_value *item_summary(const wm_batch_item *it)
{
    return it->summary && it->summary->kind == WM_VOBJ ? it->summary : NULL;
}

/* Whether the item is a client's row (rendered or up to date, with a
 * summary) rather than a row saying what went wrong. */
static bool item_ok(const wm_batch_item *it)
{
    return (it->status == WM_ITEM_DONE || it->status == WM_ITEM_SKIPPED) && item_summary(it);
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
    "name",     "input",       "status",         "client",         "currency", "cost",
    "p80",      "budget",      "variance",       "within_budget",  "start",    "end",
    "quarters", "top_risk_id", "top_risk_title", "top_risk_score", "error"};
#define N_CSV_COLUMNS (sizeof CSV_COLUMNS / sizeof *CSV_COLUMNS)

static char *portfolio_csv(const wm_batch *b)
{
    wm_buf o;
    wm_buf_init(&o);
    wm_csv_header(&o, CSV_COLUMNS, N_CSV_COLUMNS);
    for (size_t i = 0; i < b->n; i++) {
        const wm_batch_item *it = &b->items[i];
        const wm_value *s = item_summary(it);
        const wm_value *risk = wm_vobj_get(s, "top_risk");
        wm_csv_str(&o, it->name);
        wm_csv_next(&o);
        wm_csv_str(&o, it->input);
        wm_csv_next(&o);
        wm_csv_str(&o, status_name(it->status));
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

/* ------------------------------------------------------------------------ */
/* portfolio.pdf                                                             */
/* ------------------------------------------------------------------------ */

#define TABLE_SIZE 8.0  /* the table's font size when everything fits */
#define FLOOR_SIZE 6.5  /* the smallest it shrinks to */
#define SIZE_STEP  0.25 /* shrinking in these steps */
#define LEADING    1.32 /* line height / font size, as the deliverable */
#define PAD_X      4.0  /* cell padding */
#define NUM_GAP    8.0  /* more room before a right-aligned figure */
#define TITLE_SIZE 20.0
#define DATE_SIZE  9.0
#define HEAD_H     54.0 /* title, date line and rule above the table */
#define TOTALS_GAP 2.0  /* between the body and the totals' rule */
#define N_COLS     6
#define MIDDLE_DOT " \xC2\xB7 "
#define EN_DASH    " \xE2\x80\x93 "
#define ELLIPSIS   "\xE2\x80\xA6"

static const wm_rgb WHITE = {255, 255, 255};
static const wm_rgb FAILED_RED = {176, 32, 32};

/* The portfolio's own date: the newest engagement date among the clients'
 * summaries (core/base/docdate.h then adds SOURCE_DATE_EPOCH); false when
 * none is dated. */
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

/* One row of the page: a client, or an input that produced no PDF. */
typedef struct {
    const wm_batch_item *it;
    const wm_value *s; /* its summary object, or NULL */
    bool ok;           /* a client's row (see item_ok) */
    double cost;       /* for choosing the largest when rows must go */
    bool shown;
    char *cell[N_COLS]; /* the texts drawn, once shown (a problem row: client and
                           what went wrong, across the other columns) */
} pf_row;

/* The foot: one line per currency, over every client's row (shown or not). */
typedef struct {
    const char *code;
    size_t n;
    double cost;     /* sum of the whole units each row shows */
    size_t n_budget; /* clients with a budget */
    double variance; /* sum of their whole-unit variances */
    wm_quarter start, end;
    char *cell[N_COLS]; /* the texts drawn */
} pf_total;

typedef struct {
    wm_dlist *dl;
    const wm_style *st;
    double x[N_COLS], w[N_COLS];
    double left, right;
    double size, row_h;
    double y; /* top of the next row */
} pf_table;

static void money(char *buf, size_t size, double amount, const char *code)
{
    const wm_currency *c = code ? wm_currency_find(code) : NULL;
    wm_format_money(buf, size, amount, c);
    if (!c && code) { /* an unknown code: at least say which it is */
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, " %s", code);
    }
}

static void money_field(char *buf, size_t size, const wm_value *s, const char *key)
{
    double v;
    if (wm_vobj_num(s, key, &v) && isfinite(v))
        money(buf, size, v, wm_vobj_str(s, "currency"));
    else
        snprintf(buf, size, "%s", "");
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

/* "2027-Q1 – 2028-Q4, 8 quarters", "2027-Q3, 1 quarter", "not scheduled". */
static void duration(char *buf, size_t size, const char *start, const char *end, long quarters)
{
    if (!start || !end) {
        snprintf(buf, size, "%s", "not scheduled");
        return;
    }
    const char *unit = quarters == 1 ? "quarter" : "quarters";
    if (strcmp(start, end) == 0)
        snprintf(buf, size, "%s, %ld %s", start, quarters, unit);
    else
        snprintf(buf, size, "%s" EN_DASH "%s, %ld %s", start, end, quarters, unit);
}

/* "R4 (16, high): Platform team of two is a key-person dependency". */
static void top_risk(char *buf, size_t size, const wm_value *risk)
{
    if (!risk || risk->kind != WM_VOBJ) {
        snprintf(buf, size, "%s", "");
        return;
    }
    const char *id = wm_vobj_str(risk, "id"), *title = wm_vobj_str(risk, "title");
    const char *band = wm_vobj_str(risk, "band");
    wm_buf score;
    wm_buf_init(&score);
    num_text(&score, wm_vobj_get(risk, "score"));
    wm_buf o;
    wm_buf_init(&o);
    wm_buf_puts(&o, id ? id : "");
    if (score.len || band) {
        wm_buf_puts(&o, o.len ? " (" : "(");
        wm_buf_puts(&o, score.len ? score.data : "");
        wm_buf_puts(&o, score.len && band ? ", " : "");
        wm_buf_puts(&o, band ? band : "");
        wm_buf_putc(&o, ')');
    }
    if (title)
        wm_buf_printf(&o, "%s%s", o.len ? ": " : "", title);
    snprintf(buf, size, "%s", o.data ? o.data : "");
    wm_buf_free(&o);
    wm_buf_free(&score);
}

/* What a row that produced no PDF says in place of the figures. */
static char *problem_text(const wm_batch_item *it)
{
    switch (it->status) {
    case WM_ITEM_FAILED:
        if (it->error && *it->error) {
            size_t len = strcspn(it->error, "\r\n");
            return wm_xasprintf("Failed: %.*s", (int)len, it->error);
        }
        return wm_xasprintf("Failed (exit status %d)", it->exit_status);
    case WM_ITEM_INTERRUPTED:
        return wm_xstrdup("Interrupted: not rendered");
    case WM_ITEM_PENDING:
        return wm_xstrdup("Not run");
    case WM_ITEM_DONE:
        return wm_xstrdup("Rendered; no summary available");
    case WM_ITEM_SKIPPED:
        break;
    }
    return wm_xstrdup("Up to date; no summary available");
}

static double row_height(double size)
{
    return size * LEADING + 2 * (3.0 * size / TABLE_SIZE);
}

/* Baseline of a line of text in a row whose top is at `top`. */
static double row_baseline(const pf_table *t, double top)
{
    return top - t->row_h / 2 - t->size * 0.35;
}

static bool right_aligned(int c)
{
    return c == 1 || c == 2;
}

/* Cell c, spanning `span` columns, on the baseline `base`. */
static void cell(pf_table *t, int c, int span, wm_face_slot slot, wm_rgb colour, double base,
                 const char *s)
{
    if (!s || !*s)
        return;
    double w = 0;
    for (int k = c; k < c + span && k < N_COLS; k++)
        w += t->w[k];
    bool right = span == 1 && right_aligned(c);
    double x = right ? t->x[c] + w - PAD_X : t->x[c] + PAD_X;
    wm_pen_text_at(t->dl, 0, t->st, slot, t->size, colour, x, base,
                   right ? WM_PEN_RIGHT : WM_PEN_LEFT, s, fmax(w - 2 * PAD_X, 1));
}

/* A row of N_COLS cells (NULL draws nothing) with its top at t->y. */
static void row(pf_table *t, char *const cells[N_COLS], wm_face_slot slot, wm_rgb colour,
                const wm_rgb *fill)
{
    if (fill)
        wm_dl_rect(t->dl, 0, t->left, t->y - t->row_h, t->right - t->left, t->row_h, fill, NULL, 0);
    double base = row_baseline(t, t->y);
    for (int c = 0; c < N_COLS; c++)
        cell(t, c, 1, slot, colour, base, cells[c]);
    t->y -= t->row_h;
}

/* A row in italics across the table (the "more" line, an empty batch). */
static void note_row(pf_table *t, const char *text)
{
    wm_pen_text_at(t->dl, 0, t->st, WM_FACE_ITALIC, t->size, t->st->muted, t->left + PAD_X,
                   row_baseline(t, t->y), WM_PEN_LEFT, text, t->right - t->left - 2 * PAD_X);
    t->y -= t->row_h;
}

static void client_cells(pf_row *r)
{
    const wm_value *s = r->s;
    const char *code = wm_vobj_str(s, "currency");
    char buf[400];
    const char *client = wm_vobj_str(s, "client");
    r->cell[0] = wm_xstrdup(client ? client : r->it->name);
    money_field(buf, sizeof buf, s, "cost");
    r->cell[1] = wm_xstrdup(buf);
    money_field(buf, sizeof buf, s, "p80");
    r->cell[2] = wm_xstrdup(buf);
    /* The quarters from start and end themselves, else as the summary says. */
    const char *start = wm_vobj_str(s, "start"), *end = wm_vobj_str(s, "end");
    wm_quarter q0, q1;
    double q = 0;
    if (start && end && wm_parse_quarter(start, &q0) && wm_parse_quarter(end, &q1) && q1 >= q0)
        q = (double)q1 - q0 + 1;
    else if (!wm_vobj_num(s, "quarters", &q) || !isfinite(q) || fabs(q) > 1e6)
        q = 0;
    duration(buf, sizeof buf, start, end, lround(q));
    r->cell[3] = wm_xstrdup(buf);
    double variance = 0;
    bool has_budget = summary_variance(s, &variance);
    budget_fit(buf, sizeof buf, variance, has_budget, code);
    r->cell[4] = wm_xstrdup(buf);
    top_risk(buf, sizeof buf, wm_vobj_get(s, "top_risk"));
    r->cell[5] = wm_xstrdup(buf);
}

static void problem_cells(pf_row *r)
{
    const char *client = wm_vobj_str(r->s, "client");
    r->cell[0] = wm_xstrdup(client ? client : r->it->name);
    r->cell[1] = problem_text(r->it);
}

static void problem_row(pf_table *t, const pf_row *r, const wm_rgb *fill)
{
    if (fill)
        wm_dl_rect(t->dl, 0, t->left, t->y - t->row_h, t->right - t->left, t->row_h, fill, NULL, 0);
    double base = row_baseline(t, t->y);
    cell(t, 0, 1, WM_FACE_REGULAR, t->st->text, base, r->cell[0]);
    wm_rgb colour = r->it->status == WM_ITEM_FAILED ? FAILED_RED : t->st->muted;
    cell(t, 1, N_COLS - 1, WM_FACE_ITALIC, colour, base, r->cell[1]);
    t->y -= t->row_h;
}

static void free_cells(char *cells[N_COLS])
{
    for (int c = 0; c < N_COLS; c++)
        free(cells[c]);
}

static int cmp_total(const void *a, const void *b)
{
    return strcmp(((const pf_total *)a)->code, ((const pf_total *)b)->code);
}

/* Per-currency totals of the client rows, sorted by code; *n gets the count. */
static pf_total *make_totals(const pf_row *rows, size_t n_rows, size_t *n)
{
    pf_total *t = wm_xcalloc(n_rows ? n_rows : 1, sizeof *t);
    *n = 0;
    for (size_t i = 0; i < n_rows; i++) {
        if (!rows[i].ok)
            continue;
        const wm_value *s = rows[i].s;
        const char *code = wm_vobj_str(s, "currency");
        code = code ? code : "";
        size_t k = 0;
        while (k < *n && strcmp(t[k].code, code) != 0)
            k++;
        if (k == *n) {
            t[k].code = code;
            t[k].start = t[k].end = WM_NO_QUARTER;
            (*n)++;
        }
        pf_total *tt = &t[k];
        tt->n++;
        double v;
        if (wm_vobj_num(s, "cost", &v) && isfinite(v))
            tt->cost += round(v);
        if (summary_variance(s, &v)) {
            tt->n_budget++;
            tt->variance += round(v);
        }
        const char *st = wm_vobj_str(s, "start"), *en = wm_vobj_str(s, "end");
        wm_quarter q0, q1;
        if (st && en && wm_parse_quarter(st, &q0) && wm_parse_quarter(en, &q1)) {
            if (tt->start == WM_NO_QUARTER || q0 < tt->start)
                tt->start = q0;
            if (tt->end == WM_NO_QUARTER || q1 > tt->end)
                tt->end = q1;
        }
    }
    qsort(t, *n, sizeof *t, cmp_total);
    return t;
}

static void total_cells(pf_total *tt)
{
    const char *code = *tt->code ? tt->code : NULL;
    tt->cell[0] = wm_xasprintf("Total %s (%zu %s)", code ? code : "?", tt->n,
                               tt->n == 1 ? "client" : "clients");
    char buf[400];
    money(buf, sizeof buf, tt->cost, code);
    tt->cell[1] = wm_xstrdup(buf);
    if (tt->start != WM_NO_QUARTER) {
        char q0[16], q1[16];
        long n = (long)tt->end - tt->start + 1;
        duration(buf, sizeof buf, wm_quarter_format(tt->start, q0, sizeof q0),
                 wm_quarter_format(tt->end, q1, sizeof q1), n);
        tt->cell[3] = wm_xstrdup(buf);
    }
    if (tt->n_budget) {
        budget_fit(buf, sizeof buf, tt->variance, true, code);
        tt->cell[4] = wm_xasprintf("net: %s", buf);
    } else {
        tt->cell[4] = wm_xstrdup("no budget");
    }
}

typedef struct {
    double cost;
    size_t index;
} pf_rank;

/* Largest cost first; input order on ties. */
static int cmp_rank(const void *a, const void *b)
{
    const pf_rank *x = a, *y = b;
    if (x->cost != y->cost)
        return x->cost > y->cost ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Which rows stay when not all fit: failed inputs first, at most half of
 * the room, then clients by cost (largest first), then the rest; ties in
 * input order.  Marks `room` rows as shown; they are drawn in input order. */
static void choose_rows(pf_row *rows, size_t n, size_t room)
{
    pf_rank *ranked = wm_xcalloc(n ? n : 1, sizeof *ranked);
    size_t *order = wm_xcalloc(n ? n : 1, sizeof *order), k = 0, n_ranked = 0;
    bool *taken = wm_xcalloc(n ? n : 1, sizeof *taken);
    for (size_t i = 0; i < n && k < room / 2; i++)
        if (rows[i].it->status == WM_ITEM_FAILED) {
            order[k++] = i;
            taken[i] = true;
        }
    for (size_t i = 0; i < n; i++)
        if (rows[i].ok)
            ranked[n_ranked++] = (pf_rank){rows[i].cost, i};
    qsort(ranked, n_ranked, sizeof *ranked, cmp_rank);
    for (size_t i = 0; i < n_ranked; i++)
        order[k++] = ranked[i].index;
    for (size_t i = 0; i < n; i++)
        if (!rows[i].ok && !taken[i])
            order[k++] = i;
    for (size_t i = 0; i < n; i++)
        rows[i].shown = false;
    for (size_t i = 0; i < k && i < room; i++)
        rows[order[i]].shown = true;
    free(taken);
    free(order);
    free(ranked);
}

typedef struct {
    wm_brand *brand;
    wm_face *faces[WM_FACE_COUNT];
    wm_image logo;
    bool has_logo;
    wm_dlist *dl;
    pf_row *rows;
    size_t n_rows;
    pf_total *totals;
    size_t n_totals;
} pf_job;

/* Faces and the logo are borrowed from the process cache
 * (render/cache.h), shared with the renders the batch warmed it for. */
static void job_free(pf_job *j)
{
    wm_dl_free(j->dl);
    wm_brand_free(j->brand);
    for (size_t i = 0; i < j->n_rows; i++)
        free_cells(j->rows[i].cell);
    for (size_t i = 0; i < j->n_totals; i++)
        free_cells(j->totals[i].cell);
    free(j->rows);
    free(j->totals);
}

/* The brand logo, top right, at most w x h points; returns its width. */
static double draw_logo(pf_job *j, double right, double top, double w, double h)
{
    if (!j->has_logo || !j->logo.width || !j->logo.height)
        return 0;
    double iw = j->logo.width, ih = j->logo.height;
    double scale = fmin(w / iw, h / ih);
    double dw = iw * scale, dh = ih * scale;
    wm_dl_image(j->dl, 0, 0, right - dw, top - dh, dw, dh);
    return dw;
}

/* Column widths from what the cells hold at the chosen size: the figures,
 * duration and budget fit as wide as their widest cell (each within a
 * cap), then the client and the top risk share the rest, the client at
 * most what it needs and the risk taking whatever is left. */
static void column_widths(pf_table *t, const pf_job *j, size_t n_totals, char *const header[N_COLS])
{
    static const double CAP[N_COLS] = {1, 0.14, 0.14, 0.20, 0.20, 1};
    double width = t->right - t->left, nat[N_COLS];
    for (int c = 0; c < N_COLS; c++)
        nat[c] = wm_pen_width(t->st, WM_FACE_BOLD, t->size, header[c], strlen(header[c]));
    for (size_t i = 0; i < j->n_rows + n_totals; i++) {
        bool total = i >= j->n_rows;
        const pf_row *r = total ? NULL : &j->rows[i];
        if (r && (!r->shown || !r->ok))
            continue; /* a problem row spans the columns: it sizes none */
        char *const *cells = total ? j->totals[i - j->n_rows].cell : r->cell;
        wm_face_slot slot = total ? WM_FACE_BOLD : WM_FACE_REGULAR;
        for (int c = 0; c < N_COLS; c++)
            if (cells[c])
                nat[c] =
                    fmax(nat[c], wm_pen_width(t->st, slot, t->size, cells[c], strlen(cells[c])));
    }
    double fixed = 0;
    for (int c = 1; c < N_COLS - 1; c++) {
        double gap = right_aligned(c) ? NUM_GAP : 0; /* figures side by side */
        t->w[c] = fmin(nat[c] + 2 * PAD_X + gap, width * CAP[c]);
        fixed += t->w[c];
    }
    double rest = width - fixed;
    double client = nat[0] + 2 * PAD_X, risk = nat[N_COLS - 1] + 2 * PAD_X;
    t->w[0] = client + risk <= rest ? client : fmin(client, fmax(rest * 0.4, rest - risk));
    t->w[N_COLS - 1] = rest - t->w[0];
    double x = t->left;
    for (int c = 0; c < N_COLS; c++) {
        t->x[c] = x;
        x += t->w[c];
    }
}

/* Lay the page out into j->dl. */
static void draw_page(pf_job *j, const wm_batch *b, const wm_style *st, const wm_docdate *dd)
{
    const wm_brand *br = j->brand;
    double pw = fmax(br->page_w, br->page_h), ph = fmin(br->page_w, br->page_h);
    j->dl = wm_dl_new(pw, ph);
    wm_dl_add_page(j->dl);
    double left = br->margin_left, right = pw - br->margin_right;
    double top = ph - br->margin_top, bottom = br->margin_bottom;

    /* Title, brand, date line and rule. */
    double logo_w = draw_logo(j, right, top + 4, 140, 30);
    double firm_w = 0;
    if (logo_w <= 0 && br->file && br->name)
        firm_w = wm_pen_text_at(j->dl, 0, st, WM_FACE_BOLD, 9, st->primary, right, top - TITLE_SIZE,
                                WM_PEN_RIGHT, br->name, (right - left) * 0.35);
    double side = fmax(logo_w, firm_w);
    wm_pen_text_at(j->dl, 0, st, WM_FACE_HEADING, TITLE_SIZE, st->primary, left, top - TITLE_SIZE,
                   WM_PEN_LEFT, "Portfolio", right - left - side - 16);
    size_t n_failed = 0, n_missing = 0;
    for (size_t i = 0; i < b->n; i++) {
        n_failed += b->items[i].status == WM_ITEM_FAILED;
        n_missing +=
            b->items[i].status == WM_ITEM_PENDING || b->items[i].status == WM_ITEM_INTERRUPTED;
    }
    char date[64];
    wm_docdate_text(dd, date, sizeof date);
    wm_buf line;
    wm_buf_init(&line);
    if (*date)
        wm_buf_printf(&line, "%s" MIDDLE_DOT, date);
    wm_buf_printf(&line, "%zu %s", b->n, b->n == 1 ? "engagement" : "engagements");
    if (n_failed)
        wm_buf_printf(&line, ", %zu failed", n_failed);
    if (n_missing)
        wm_buf_printf(&line, ", %zu not rendered", n_missing);
    wm_pen_text_at(j->dl, 0, st, WM_FACE_REGULAR, DATE_SIZE, st->muted, left, top - TITLE_SIZE - 16,
                   WM_PEN_LEFT, line.data, right - left);
    wm_buf_free(&line);
    wm_dl_line(j->dl, 0, left, top - HEAD_H + 10, right, top - HEAD_H + 10, st->accent, 1.2, 0);

    /* The footer text, in the bottom margin as on the deliverable's pages. */
    if (br->footer) {
        double fy = fmax(br->margin_bottom - 18, 9);
        wm_pen_text_at(j->dl, 0, st, WM_FACE_REGULAR, 7.5, st->muted, left, fy, WM_PEN_LEFT,
                       br->footer, right - left);
    }

    /* Rows and totals. */
    j->rows = wm_xcalloc(b->n ? b->n : 1, sizeof *j->rows);
    j->n_rows = b->n;
    for (size_t i = 0; i < b->n; i++) {
        pf_row *r = &j->rows[i];
        r->it = &b->items[i];
        r->s = item_summary(r->it);
        r->ok = item_ok(r->it);
        double c = 0;
        r->cost = r->ok && wm_vobj_num(r->s, "cost", &c) && isfinite(c) ? c : -INFINITY;
        r->shown = true;
    }
    size_t n_tot = 0;
    j->totals = make_totals(j->rows, b->n, &n_tot);
    j->n_totals = n_tot;

    /* The largest size at which everything fits; else the floor, with as
     * many rows as fit. */
    double avail = top - HEAD_H - bottom - TOTALS_GAP;
    double size = FLOOR_SIZE;
    bool all = false;
    int steps = (int)lround((TABLE_SIZE - FLOOR_SIZE) / SIZE_STEP);
    for (int k = 0; k <= steps && !all; k++) {
        size = TABLE_SIZE - SIZE_STEP * k;
        double rows_needed = (double)(1 + b->n + n_tot) + (b->n == 0);
        all = rows_needed * row_height(size) <= avail;
    }
    double rh = row_height(size);
    size_t capacity = avail > 0 ? (size_t)floor(avail / rh) : 0;
    size_t tot_shown = n_tot;
    if (!all) {
        size_t tot_cap = capacity / 4 ? capacity / 4 : 1;
        tot_shown = n_tot < tot_cap ? n_tot : tot_cap;
        /* the header, the "more" line and the totals take their rows */
        size_t fixed = 2 + tot_shown;
        choose_rows(j->rows, b->n, capacity > fixed ? capacity - fixed : 0);
    }
    /* Totals beyond the room are replaced by a line saying so. */
    size_t tot_drawn = tot_shown < n_tot && tot_shown ? tot_shown - 1 : tot_shown;
    for (size_t i = 0; i < b->n; i++)
        if (j->rows[i].shown) {
            if (j->rows[i].ok)
                client_cells(&j->rows[i]);
            else
                problem_cells(&j->rows[i]);
        }
    for (size_t k = 0; k < tot_drawn; k++)
        total_cells(&j->totals[k]);

    pf_table t = {0};
    t.dl = j->dl;
    t.st = st;
    t.left = left;
    t.right = right;
    t.size = size;
    t.row_h = rh;
    t.y = top - HEAD_H;
    static const char *const TITLES[N_COLS] = {"Client",   "Total cost", "P80",
                                               "Duration", "Budget fit", "Top risk"};
    char *header[N_COLS];
    for (int c = 0; c < N_COLS; c++)
        header[c] = wm_xstrdup(TITLES[c]);
    column_widths(&t, j, tot_drawn, header);
    row(&t, header, WM_FACE_BOLD, WHITE, &st->primary);
    free_cells(header);

    wm_rgb shade = wm_rgb_mix(st->muted, WHITE, 0.9);
    size_t drawn = 0, hidden = 0;
    for (size_t i = 0; i < b->n; i++) {
        const pf_row *r = &j->rows[i];
        if (!r->shown) {
            hidden++;
            continue;
        }
        const wm_rgb *fill = drawn % 2 == 1 ? &shade : NULL;
        if (r->ok)
            row(&t, r->cell, WM_FACE_REGULAR, st->text, fill);
        else
            problem_row(&t, r, fill);
        drawn++;
    }
    if (b->n == 0)
        note_row(&t, "No engagements in this batch.");
    char more[160];
    if (hidden) {
        snprintf(more, sizeof more, ELLIPSIS " and %zu more %s: see portfolio.csv", hidden,
                 hidden == 1 ? "client" : "clients");
        note_row(&t, more);
    }
    wm_rgb rule = wm_rgb_mix(st->muted, WHITE, 0.5);
    if (n_tot) {
        t.y -= TOTALS_GAP;
        wm_dl_line(j->dl, 0, left, t.y, right, t.y, st->primary, 0.9, 0);
        for (size_t k = 0; k < tot_drawn; k++)
            row(&t, j->totals[k].cell, WM_FACE_BOLD, st->text, NULL);
        if (tot_drawn < n_tot) {
            snprintf(more, sizeof more, ELLIPSIS " and totals in %zu more currencies",
                     n_tot - tot_drawn);
            note_row(&t, more);
        }
    }
    wm_dl_line(j->dl, 0, left, t.y, right, t.y, rule, 0.5, 0);
}

/* The PDF's bytes, or false after reporting to `d`. */
static bool portfolio_pdf(const wm_batch *b, const char *brand_file, unsigned char **pdf,
                          size_t *len, wm_diags *d)
{
    wm_date newest;
    wm_docdate date;
    char *date_err = NULL;
    if (!wm_document_date(newest_date(b, &newest) ? &newest : NULL, &date, &date_err)) {
        wm_diag_add(d, WM_ERROR, NULL, (wm_pos){0, 0}, date_err, WM_SOURCE_DATE_EPOCH_HINT);
        free(date_err);
        return false;
    }
    pf_job j = {0};
    if (brand_file) {
        /* A brand that cannot be used (a damaged font, a bad colour) made
         * every input fail with its problems already: the portfolio is
         * still drawn, in the built-in brand, so the batch ends with one. */
        wm_diags bd;
        wm_diags_init(&bd);
        j.brand = wm_brand_load(brand_file, &bd);
        if (bd.errors > 0 && !j.brand)
            wm_diag_addf(d, WM_WARNING, brand_file, (wm_pos){0, 0},
                         "the inputs that failed show the brand file's problems",
                         "portfolio: drawn in the built-in brand, since this brand cannot be used");
        for (size_t i = 0; j.brand && i < bd.count; i++) /* its warnings */
            wm_diag_add(d, bd.items[i].severity, bd.items[i].file, bd.items[i].pos,
                        bd.items[i].message, bd.items[i].hint);
        wm_diags_free(&bd);
    }
    if (!j.brand)
        j.brand = wm_brand_default();
    if (!j.brand) {
        if (!brand_file)
            wm_diag_add(d, WM_ERROR, NULL, (wm_pos){0, 0},
                        "portfolio: the built-in brand is not available",
                        "check WAYMARK_DATA_DIR or the installation's fonts");
        return false;
    }
    if (!wm_render_cache_brand_faces(j.brand, j.faces, "portfolio: ", d)) {
        job_free(&j);
        return false;
    }
    if (j.brand->logo) {
        char *err = NULL;
        const wm_image *logo = wm_render_cache_logo(j.brand->logo, &err);
        j.has_logo = logo != NULL;
        if (logo) {
            j.logo = *logo;
        } else {
            wm_diag_addf(d, WM_WARNING, j.brand->file, j.brand->logo_pos, NULL,
                         "portfolio: logo left out: cannot use '%s': %s", j.brand->logo, err);
            free(err);
        }
    }

    wm_style st = {0};
    for (int i = 0; i < WM_FACE_COUNT; i++)
        st.faces[i] = j.faces[i];
    st.primary = j.brand->primary;
    st.secondary = j.brand->secondary;
    st.accent = j.brand->accent;
    st.text = j.brand->text;
    st.muted = j.brand->muted;

    draw_page(&j, b, &st, &date);

    char subject[96];
    snprintf(subject, sizeof subject, "Portfolio of %zu %s", b->n,
             b->n == 1 ? "engagement" : "engagements");
    wm_doc_info info = {0};
    info.title = "Portfolio";
    info.author = j.brand->file ? j.brand->name : NULL;
    info.subject = subject;
    info.creator = "Waymark " WM_VERSION;
    info.date = date.epoch;
    wm_dl_set_info(j.dl, &info);

    wm_pdf_opts po = {0};
    for (int i = 0; i < WM_FACE_COUNT; i++) {
        po.fonts[i] = j.brand->fonts[i];
        po.faces[i] = j.faces[i];
    }
    po.images = j.has_logo ? &j.logo : NULL;
    po.n_images = j.has_logo ? 1 : 0;
    char *err = NULL;
    bool ok = wm_pdf_write(j.dl, &po, pdf, len, &err) == 0;
    if (!ok) {
        wm_diag_addf(d, WM_ERROR, NULL, (wm_pos){0, 0}, NULL, "portfolio: %s", err);
        free(err);
    }
    job_free(&j);
    return ok;
}

int wm_portfolio_write(const char *outdir, const wm_batch *b, const char *brand_file, wm_diags *d)
{
    /* Both files are made in memory before either is written. */
    unsigned char *pdf = NULL;
    size_t pdf_len = 0;
    if (!portfolio_pdf(b, brand_file, &pdf, &pdf_len, d))
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
