/*
 * diag.c - the list of diagnostics every stage reports into, and its
 * compiler-style printing (`file:line:col: error: message`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { DEFAULT_LIMIT = 200 };

void wm_diags_init(wm_diags *d)
{
    memset(d, 0, sizeof *d);
}

void wm_diags_free(wm_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    for (size_t i = 0; i < d->n_files; i++)
        free(d->files[i]);
    free(d->files);
    wm_diags_init(d);
}

static const char *intern_file(wm_diags *d, const char *file)
{
    if (!file)
        return NULL;
    for (size_t i = 0; i < d->n_files; i++)
        if (strcmp(d->files[i], file) == 0)
            return d->files[i];
    d->files = wm_xrealloc(d->files, (d->n_files + 1) * sizeof *d->files);
    d->files[d->n_files] = wm_xstrdup(file);
    return d->files[d->n_files++];
}

static void add_owned(wm_diags *d, wm_severity sev, const char *file, wm_pos pos, char *message,
                      const char *hint)
{
    if (sev == WM_ERROR)
        d->errors++;
    else if (sev == WM_WARNING)
        d->warnings++;
    size_t limit = d->limit ? d->limit : DEFAULT_LIMIT;
    wm_diag *g = NULL;
    if (d->count >= limit) {
        /* Full: an error still takes the place of the last warning or note
         * kept, so that a flood of warnings (one per initiative of a large
         * file) cannot hide the error that stops the run. */
        for (size_t i = d->count; sev == WM_ERROR && !g && i > 0; i--)
            if (d->items[i - 1].severity != WM_ERROR)
                g = &d->items[i - 1];
        d->dropped++;
        if (!g) {
            free(message);
            return;
        }
        free(g->message);
        free(g->hint);
    } else {
        size_t cap = d->cap;
        WM_GROW(d->items, cap, d->count + 1);
        d->cap = cap;
        g = &d->items[d->count++];
    }
    g->severity = sev;
    g->file = intern_file(d, file);
    g->pos = pos;
    g->message = message;
    g->hint = hint ? wm_xstrdup(hint) : NULL;
}

void wm_diag_add(wm_diags *d, wm_severity sev, const char *file, wm_pos pos, const char *message,
                 const char *hint)
{
    add_owned(d, sev, file, pos, wm_xstrdup(message), hint);
}

void wm_diag_addf(wm_diags *d, wm_severity sev, const char *file, wm_pos pos, const char *hint,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = wm_xvasprintf(fmt, ap);
    va_end(ap);
    add_owned(d, sev, file, pos, msg, hint);
}

static int cmp_diag(const void *pa, const void *pb)
{
    const wm_diag *a = pa, *b = pb;
    if (a->file != b->file) {
        int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
        if (c)
            return c;
    }
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    if (a->pos.col != b->pos.col)
        return a->pos.col < b->pos.col ? -1 : 1;
    return 0;
}

void wm_diags_sort(wm_diags *d)
{
    /* Insertion sort keeps reports at the same place in their order; lists
     * are short (capped at the limit). */
    for (size_t i = 1; i < d->count; i++) {
        wm_diag tmp = d->items[i];
        size_t j = i;
        while (j > 0 && cmp_diag(&d->items[j - 1], &tmp) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = tmp;
    }
}

static const char *sev_name(wm_severity s)
{
    switch (s) {
    case WM_ERROR:
        return "error";
    case WM_WARNING:
        return "warning";
    case WM_NOTE:
        break;
    }
    return "note";
}

void wm_diags_print(const wm_diags *d, void *stdio_file)
{
    FILE *f = stdio_file;
    for (size_t i = 0; i < d->count; i++) {
        const wm_diag *g = &d->items[i];
        /* The file name, message and hint are shown as a terminal may
         * print them (util.h): a name or a quoted value holding escape
         * sequences cannot retitle the terminal or hide a line. */
        if (g->file) {
            wm_fput_shown(f, g->file, false);
            if (g->pos.line)
                fprintf(f, ":%u:%u", g->pos.line, g->pos.col);
            fputs(": ", f);
        } else {
            fputs("waymark: ", f);
        }
        fprintf(f, "%s: ", sev_name(g->severity));
        wm_fput_shown(f, g->message, true);
        fputc('\n', f);
        if (g->hint) {
            fputs("  hint: ", f);
            wm_fput_shown(f, g->hint, true);
            fputc('\n', f);
        }
    }
    if (d->dropped)
        fprintf(f, "waymark: %zu more problem%s not shown\n", d->dropped,
                d->dropped == 1 ? "" : "s");
}
