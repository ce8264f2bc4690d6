/*
 * progress.c - telling the user what a batch is doing: a bar redrawn in
 * place on a terminal, one plain line per input otherwise (a log or CI
 * reads that better), nothing but failures with --quiet; then a summary
 * with every failure and its error.  File names and error text are shown
 * as a terminal may print them (wm_fput_shown, util.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_int.h"

#define BAR_WIDTH 28

struct wm_progress {
    FILE *out;
    bool tty, quiet;
    size_t total, seen, done, skipped, failed;
    double t0;
};

wm_progress *wm_progress_new(FILE *out, size_t total, bool quiet)
{
    wm_progress *p = wm_xcalloc(1, sizeof *p);
    p->out = out;
    p->quiet = quiet;
    const char *term = getenv("TERM");
    p->tty = isatty(fileno(out)) && !(term && strcmp(term, "dumb") == 0);
    p->total = total;
    p->t0 = wm_clock_ms();
    return p;
}

static void bar(wm_progress *p)
{
    size_t filled = p->total ? p->seen * BAR_WIDTH / p->total : BAR_WIDTH;
    char cells[BAR_WIDTH + 1];
    for (size_t i = 0; i < BAR_WIDTH; i++)
        cells[i] = i < filled ? '#' : '.';
    cells[BAR_WIDTH] = '\0';
    double elapsed = (wm_clock_ms() - p->t0) / 1000.0;
    fprintf(p->out, "\r\033[K[%s] %zu/%zu  %zu done, %zu skipped, %zu failed", cells, p->seen,
            p->total, p->done, p->skipped, p->failed);
    size_t ran = p->done + p->failed;
    if (ran > 0 && p->seen < p->total) {
        double left = elapsed / (double)ran * (double)(p->total - p->seen);
        fprintf(p->out, "  ~%.0f s left", ceil(left));
    }
    fflush(p->out);
}

/* The first line of an error, for one-line reports. */
static void first_line(FILE *out, const char *s)
{
    if (!s) {
        fputs("failed", out);
        return;
    }
    wm_fwrite_shown(out, s, strcspn(s, "\n"), false);
}

void wm_progress_item(wm_progress *p, const wm_batch_item *it)
{
    p->seen++;
    if (it->status == WM_ITEM_DONE)
        p->done++;
    else if (it->status == WM_ITEM_SKIPPED)
        p->skipped++;
    else if (it->status == WM_ITEM_FAILED)
        p->failed++;
    if (p->quiet)
        return;
    if (p->tty) {
        bar(p);
        return;
    }
    int width = snprintf(NULL, 0, "%zu", p->total);
    fprintf(p->out, "[%*zu/%zu] %-7s ", width, p->seen, p->total, wm_item_status_name(it->status));
    wm_fput_shown(p->out, it->input, false);
    if (it->status == WM_ITEM_DONE) {
        fputs(" -> ", p->out);
        wm_fput_shown(p->out, it->output, false);
        fprintf(p->out, " (%.0f ms)\n", it->ms);
    } else if (it->status == WM_ITEM_FAILED) {
        fputs(": ", p->out);
        first_line(p->out, it->error);
        fputc('\n', p->out);
    } else
        fputc('\n', p->out);
    fflush(p->out);
}

void wm_progress_finish(wm_progress *p, const wm_batch *b, double seconds, bool interrupted)
{
    if (p->tty && !p->quiet)
        fputs("\r\033[K", p->out);
    size_t failed = 0, pending = 0;
    for (size_t i = 0; i < b->n; i++) {
        wm_item_status s = b->items[i].status;
        failed += s == WM_ITEM_FAILED;
        pending += s == WM_ITEM_PENDING || s == WM_ITEM_INTERRUPTED;
    }
    if (!p->quiet || failed) {
        if (failed)
            fprintf(p->out, "%s:\n", failed == 1 ? "This input failed" : "These inputs failed");
        for (size_t i = 0; i < b->n; i++) {
            const wm_batch_item *it = &b->items[i];
            if (it->status != WM_ITEM_FAILED)
                continue;
            fputs("\n  ", p->out);
            wm_fput_shown(p->out, it->input, false);
            fputc('\n', p->out);
            const char *e = it->error ? it->error : "failed";
            while (*e) {
                size_t n = strcspn(e, "\n");
                fputs("    ", p->out);
                wm_fwrite_shown(p->out, e, n, false);
                fputc('\n', p->out);
                e += n + (e[n] == '\n');
            }
        }
        if (failed)
            fputc('\n', p->out);
    }
    if (!p->quiet) {
        size_t ran = p->done + p->failed;
        fprintf(p->out, "%s%zu input%s: %zu done, %zu skipped (up to date), %zu failed",
                interrupted ? "Interrupted. " : "", b->n, b->n == 1 ? "" : "s", p->done, p->skipped,
                failed);
        if (pending)
            fprintf(p->out, ", %zu not run", pending);
        fprintf(p->out, " in %.1f s", seconds);
        if (ran > 0 && seconds > 0)
            fprintf(p->out, " (%.1f a second)", (double)ran / seconds);
        fputs(".\n", p->out);
    }
    fflush(p->out);
}

void wm_progress_free(wm_progress *p)
{
    free(p);
}
