/*
 * table.c - tables: column widths from the content (or the plugin's
 * weights), cells wrapped at line-break opportunities, rows kept whole, the
 * header row repeated on every page the table reaches, a total row set off
 * by a rule.  A table never starts with its header and a single row at a
 * page's foot, and never leaves one to three rows alone on its last page:
 * it breaks earlier so that at least TABLE_WIDOW rows go over together.
 *
 * Column widths: when every column has a weight, the width is shared by
 * weight.  Otherwise each column's natural width (its widest cell on one
 * line) and minimum width (its longest word) are measured: when the natural
 * widths fit they are stretched in proportion to fill the measure; when
 * they do not, each column gets its minimum plus a share of what is left in
 * proportion to how much it wants beyond it.  Columns with a weight in a
 * table where others have none take the space the others leave, by weight.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

typedef struct {
    wm_lay *l;
    const wm_block *b;
    size_t nc;
    double *w;     /* column widths */
    double line_h; /* of body text */
    double head_h; /* the header row's height */
    size_t row_no; /* rows drawn so far (for the shading) */
} table;

/* Widest single line and longest word of a cell, in points. */
static void measure(const wm_style *st, const wm_text *t, wm_face_slot base, double *nat,
                    double *word)
{
    *nat = 0;
    *word = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = t->runs[i].text;
        wm_face_slot slot = base == WM_FACE_BOLD || (t->runs[i].style & WM_RUN_BOLD)
                                ? WM_FACE_BOLD
                                : WM_FACE_REGULAR;
        *nat += wm_pen_width(st, slot, WM_TABLE_SIZE, s, strlen(s));
        size_t a = 0, n = strlen(s);
        while (a < n) {
            size_t z = a;
            while (z < n && s[z] != ' ' && s[z] != '\n')
                z++;
            double ww = wm_pen_width(st, slot, WM_TABLE_SIZE, s + a, z - a);
            if (ww > *word)
                *word = ww;
            a = z + 1;
        }
    }
}

static void column_widths(table *t)
{
    const wm_block *b = t->b;
    const wm_style *st = t->l->st;
    size_t nc = t->nc;
    double avail = t->l->width, pad = 2 * WM_CELL_PAD_X;
    double *nat = wm_xcalloc(nc, sizeof *nat), *min = wm_xcalloc(nc, sizeof *min);
    double weights = 0;
    size_t weighted = 0;
    for (size_t c = 0; c < nc; c++) {
        double n, w;
        measure(st, &b->u.table.columns[c].title, WM_FACE_BOLD, &n, &w);
        nat[c] = n;
        min[c] = w;
        for (size_t r = 0; r < b->u.table.n_rows; r++) {
            measure(st, &b->u.table.cells[r * nc + c], WM_FACE_REGULAR, &n, &w);
            nat[c] = fmax(nat[c], n);
            min[c] = fmax(min[c], w);
        }
        if (b->u.table.total) {
            measure(st, &b->u.table.total[c], WM_FACE_BOLD, &n, &w);
            nat[c] = fmax(nat[c], n);
            min[c] = fmax(min[c], w);
        }
        nat[c] = fmin(nat[c] + pad + 1, avail * 0.6);          /* 1 pt for rounding */
        min[c] = fmin(fmin(min[c], 90) + pad + 1, nat[c] + 1); /* 1 pt for rounding */
        if (b->u.table.columns[c].width > 0) {
            weights += b->u.table.columns[c].width;
            weighted++;
        }
    }
    if (weighted == nc) {
        for (size_t c = 0; c < nc; c++)
            t->w[c] = avail * b->u.table.columns[c].width / weights;
    } else {
        double sum_nat = 0, sum_min = 0, want = 0;
        for (size_t c = 0; c < nc; c++)
            if (b->u.table.columns[c].width <= 0) {
                sum_nat += nat[c];
                sum_min += min[c];
                want += nat[c] - min[c];
            }
        /* Space for the columns without a weight. */
        double room = weighted ? fmin(sum_nat, avail * 0.6) : avail;
        /* When the natural widths do not fit, short columns (numbers, dates,
         * codes) keep theirs if the long ones can still get their minimum:
         * wrapping prose reads better than wrapping "Q1 2027". */
        double narrow_nat = 0, wide_min = 0, wide_want = 0;
        for (size_t c = 0; c < nc; c++) {
            if (b->u.table.columns[c].width > 0)
                continue;
            if (nat[c] <= room * 0.2)
                narrow_nat += nat[c];
            else {
                wide_min += min[c];
                wide_want += nat[c] - min[c];
            }
        }
        bool keep_narrow = sum_nat > room && wide_min > 0 && narrow_nat + wide_min <= room;
        for (size_t c = 0; c < nc; c++) {
            if (b->u.table.columns[c].width > 0)
                continue;
            if (keep_narrow)
                t->w[c] = nat[c] <= room * 0.2 ? nat[c]
                          : wide_want > 0      ? min[c] + (room - narrow_nat - wide_min) *
                                                         (nat[c] - min[c]) / wide_want
                                          : min[c];
            else if (sum_nat <= room)
                t->w[c] = weighted ? nat[c] : nat[c] * room / sum_nat;
            else if (sum_min >= room)
                t->w[c] = min[c] * room / sum_min;
            else
                t->w[c] = min[c] + (want > 0 ? (room - sum_min) * (nat[c] - min[c]) / want : 0);
        }
        double used = 0;
        for (size_t c = 0; c < nc; c++)
            if (b->u.table.columns[c].width <= 0)
                used += t->w[c];
        for (size_t c = 0; c < nc; c++)
            if (b->u.table.columns[c].width > 0)
                t->w[c] = (avail - used) * b->u.table.columns[c].width / weights;
    }
    /* No column narrower than its longest word (up to 90 pt) while others
     * have room to give: a word is cut only when nothing else can yield. */
    double need = 0, spare = 0;
    for (size_t c = 0; c < nc; c++) {
        if (t->w[c] < min[c])
            need += min[c] - t->w[c];
        else
            spare += t->w[c] - min[c];
    }
    if (need > 0 && spare > 0) {
        double take = fmin(need, spare);
        for (size_t c = 0; c < nc; c++) {
            if (t->w[c] < min[c])
                t->w[c] += (min[c] - t->w[c]) * take / need;
            else
                t->w[c] -= (t->w[c] - min[c]) * take / spare;
        }
    }
    free(nat);
    free(min);
}

typedef struct {
    wm_rich *cells;
    size_t n_lines; /* of the tallest cell */
} row;

static void row_break(table *t, row *r, const wm_text *cells, wm_face_slot base)
{
    r->cells = wm_xcalloc(t->nc, sizeof *r->cells);
    r->n_lines = 1;
    for (size_t c = 0; c < t->nc; c++) {
        double w = t->w[c] - 2 * WM_CELL_PAD_X;
        wm_rich_break(&r->cells[c], t->l->st, &cells[c], base, WM_TABLE_SIZE, w > 1 ? w : 1);
        if (r->cells[c].n_lines > r->n_lines)
            r->n_lines = r->cells[c].n_lines;
    }
}

static void row_free(table *t, row *r)
{
    for (size_t c = 0; c < t->nc; c++)
        wm_rich_free(&r->cells[c]);
    free(r->cells);
}

static double lines_height(const table *t, size_t n)
{
    return (double)n * t->line_h + 2 * WM_CELL_PAD_Y;
}

/* Draw lines [from, to) of a row with its top at the cursor. */
static void row_draw(table *t, const row *r, size_t from, size_t to, const wm_rgb *fill,
                     wm_rgb colour)
{
    wm_lay *l = t->l;
    double h = lines_height(t, to - from);
    if (fill)
        wm_dl_rect(l->dl, l->page, l->left, l->y - h, l->width, h, fill, NULL, 0);
    double x = l->left;
    for (size_t c = 0; c < t->nc; c++) {
        const wm_rich *cell = &r->cells[c];
        for (size_t i = from; i < to && i < cell->n_lines; i++) {
            double top = l->y - WM_CELL_PAD_Y - (double)(i - from) * t->line_h;
            wm_rich_draw_line(l, cell, i, x + WM_CELL_PAD_X, t->w[c] - 2 * WM_CELL_PAD_X,
                              t->b->u.table.columns[c].align,
                              top - wm_baseline(WM_TABLE_SIZE, t->line_h), colour);
        }
        x += t->w[c];
    }
    l->y -= h;
}

/* The header row, broken at the column widths (row_free releases it). */
static void header_break(table *t, row *r)
{
    wm_text *titles = wm_xcalloc(t->nc, sizeof *titles);
    for (size_t c = 0; c < t->nc; c++)
        titles[c] = t->b->u.table.columns[c].title;
    row_break(t, r, titles, WM_FACE_BOLD);
    free(titles);
}

static void header_draw(table *t)
{
    row r;
    header_break(t, &r);
    wm_rgb white = {255, 255, 255};
    row_draw(t, &r, 0, r.n_lines, &t->l->st->primary, white);
    row_free(t, &r);
}

static double header_height(table *t)
{
    row r;
    header_break(t, &r);
    double h = lines_height(t, r.n_lines);
    row_free(t, &r);
    return h;
}

static void table_init(table *t, wm_lay *l, const wm_block *b)
{
    memset(t, 0, sizeof *t);
    t->l = l;
    t->b = b;
    t->nc = b->u.table.n_columns;
    t->w = wm_xcalloc(t->nc ? t->nc : 1, sizeof *t->w);
    t->line_h = WM_TABLE_SIZE * WM_LEADING;
    column_widths(t);
    t->head_h = header_height(t);
}

/* The fewest rows a table's last page holds, when it has more. */
enum { TABLE_WIDOW = 4 };

/* The height of row i of the m rows (the total row last, when there is
 * one). */
static double row_height(table *t, size_t i)
{
    const wm_block *b = t->b;
    bool total = i == b->u.table.n_rows;
    row r;
    row_break(t, &r, total ? b->u.table.total : &b->u.table.cells[i * t->nc],
              total ? WM_FACE_BOLD : WM_FACE_REGULAR);
    double h = lines_height(t, r.n_lines);
    row_free(t, &r);
    return h;
}

/* The header and the first two rows (or the one there is): what must fit
 * where the table starts, so that a header never stands at a page's foot
 * with a single row under it. */
static double first_height(table *t)
{
    double h = t->head_h;
    size_t n = t->b->u.table.n_rows < 2 ? t->b->u.table.n_rows : 2;
    for (size_t i = 0; i < n; i++)
        h += row_height(t, i);
    return h;
}

/* Where the m rows (broken already) would break over pages from the
 * cursor on (as place_row breaks them), and the row before which to break
 * instead so that the last page holds at least TABLE_WIDOW of them, when
 * the page before it can give them and keep two; SIZE_MAX when nothing
 * needs moving (or a row is taller than a page, and rows are cut anyway). */
static size_t widow_break(table *t, const row *rows, size_t m)
{
    wm_lay *l = t->l;
    double page = l->top - l->bottom, repeat_h = t->head_h <= page / 3 ? t->head_h : 0;
    double y = l->y;
    size_t last = SIZE_MAX, before = 0, start = 0; /* start: first row of the current page */
    for (size_t i = 0; i < m; i++) {
        double h = lines_height(t, rows[i].n_lines);
        if (h + repeat_h > page)
            return SIZE_MAX;
        if (y - h < l->bottom && y < l->top - t->head_h - 0.01) {
            before = i - start;
            last = start = i;
            y = l->top - repeat_h;
        }
        y -= h;
    }
    if (last == SIZE_MAX || m - last >= TABLE_WIDOW || m <= TABLE_WIDOW)
        return SIZE_MAX;
    size_t want = TABLE_WIDOW - (m - last);
    size_t move = before >= 2 + want ? want : before > 2 ? before - 2 : 0;
    double tail = repeat_h;
    for (size_t i = last - move; i < m; i++)
        tail += lines_height(t, rows[i].n_lines);
    return move > 0 && tail <= page ? last - move : SIZE_MAX;
}

double wm_table_first_height(wm_lay *l, const wm_block *b)
{
    table t;
    table_init(&t, l, b);
    double h = first_height(&t);
    free(t.w);
    return h;
}

/* Continue on a new page with the header repeated. */
static void next_page(table *t)
{
    wm_lay_new_page(t->l);
    if (t->head_h <= (t->l->top - t->l->bottom) / 3) /* a freak header is not repeated */
        header_draw(t);
}

/* Place one row (body or total), broken already, splitting it only when it
 * is taller than a whole page. */
static void place_row(table *t, const row *rp, bool total)
{
    wm_lay *l = t->l;
    const row r = *rp;
    double h = lines_height(t, r.n_lines);
    if (l->y - h < l->bottom && l->y < l->top - t->head_h - 0.01)
        next_page(t);
    wm_rgb shade = wm_rgb_mix(l->st->muted, (wm_rgb){255, 255, 255}, 0.9);
    const wm_rgb *fill = !total && (t->row_no % 2 == 1) ? &shade : NULL;
    if (total)
        wm_dl_line(l->dl, l->page, l->left, l->y, l->right, l->y, l->st->primary, 0.9, 0);
    size_t from = 0;
    while (from < r.n_lines) {
        double room = l->y - l->bottom - 2 * WM_CELL_PAD_Y;
        size_t fit = room >= t->line_h ? (size_t)floor(room / t->line_h) : 0;
        if (fit == 0) {
            /* Right under a header that fills the page: one line anyway,
             * rather than page after page of headers. */
            if (l->y >= l->top - t->head_h - 0.01 || wm_lay_at_top(l))
                fit = 1;
            else {
                next_page(t);
                continue;
            }
        }
        size_t to = from + fit < r.n_lines ? from + fit : r.n_lines;
        row_draw(t, &r, from, to, fill, l->st->text);
        from = to;
        if (from < r.n_lines)
            next_page(t);
    }
    t->row_no++;
}

void wm_table_place(wm_lay *l, const wm_block *b)
{
    table t;
    table_init(&t, l, b);
    wm_lay_ensure(l, first_height(&t));
    header_draw(&t);
    /* Every row broken once: its height decides the page breaks, its lines
     * are then drawn. */
    size_t nc = t.nc, n = b->u.table.n_rows, m = n + (b->u.table.total != NULL);
    row *rows = wm_xmalloc((m ? m : 1) * sizeof *rows);
    for (size_t r = 0; r < m; r++)
        row_break(&t, &rows[r], r < n ? &b->u.table.cells[r * nc] : b->u.table.total,
                  r < n ? WM_FACE_REGULAR : WM_FACE_BOLD);
    size_t widow = widow_break(&t, rows, m);
    for (size_t r = 0; r < m; r++) {
        if (r == widow && l->y < l->top - t.head_h - 0.01)
            next_page(&t);
        place_row(&t, &rows[r], r >= n);
        row_free(&t, &rows[r]);
    }
    free(rows);
    /* A closing rule under the last row. */
    wm_rgb rule = wm_rgb_mix(l->st->muted, (wm_rgb){255, 255, 255}, 0.5);
    wm_dl_line(l->dl, l->page, l->left, l->y, l->right, l->y, rule, 0.5, 0);
    free(t.w);
}
