/*
 * batch_int.h - what the parts of `waymark batch` share (batch.h has the
 * overview): the options, and each part's entry point.
 */
#ifndef WM_BATCH_INT_H
#define WM_BATCH_INT_H

#include <stdio.h>

#include "../render/render.h"
#include "batch.h"

/* wm_batch_opts is in batch.h. */

/* inputs.c: expand files and folders into b->items (sorted by name, unique
 * names, sharded), outputs under opts->outdir.  Returns WM_EXIT_OK, or
 * WM_EXIT_USAGE / WM_EXIT_INPUT after reporting to `d`. */
int wm_batch_inputs(wm_batch *b, char **inputs, int n_inputs, const wm_batch_opts *opts,
                    wm_diags *d);

/* manifest.c: the previous manifest's records, matched to b's items (sorted
 * by name, as wm_batch_inputs leaves them) by output name; an item that is
 * up to date becomes WM_ITEM_SKIPPED (with the old sha256, deps and
 * summary), every other item is rendered.  A manifest or record that cannot
 * be trusted is reported to `d` as a warning and ignored; but a manifest
 * that is not a regular file (a FIFO, a folder) would block or break the
 * batch's own write of it: that is WM_EXIT_INPUT after reporting to `d`. */
int wm_batch_check_previous(wm_batch *b, const wm_batch_opts *opts, wm_diags *d);
/* Write OUTDIR/manifest.jsonl atomically: one record per item, in order. */
int wm_batch_write_manifest(const wm_batch *b, const wm_batch_opts *opts, wm_diags *d);
/* The hex SHA-256 of a file's bytes (cached per path for the run); false
 * when it cannot be read. */
bool wm_batch_hash_file(const char *path, char hex[65]);
/* Forget the hash cache. */
void wm_batch_hash_reset(void);

/* Seconds past --timeout after which a worker kills itself, in case the
 * batch that should have stopped it cannot. */
#define WM_BATCH_BACKSTOP 5

/* worker.c: in a forked child, render item `it` and write the report (one
 * JSON object) to fd.  Never returns. */
_Noreturn void wm_batch_worker(const wm_batch_item *it, const wm_batch_opts *opts, int fd);
/* Parse a worker's report into `it` (status, error, sha256, deps, summary). */
bool wm_batch_read_report(wm_batch *b, wm_batch_item *it, const char *text, size_t len);

/* run.c: run every pending item.  Returns WM_EXIT_OK when all succeeded,
 * WM_EXIT_INPUT when any failed, 130 when interrupted. */
int wm_batch_run(wm_batch *b, const wm_batch_opts *opts, wm_diags *d);

/* progress.c */
typedef struct wm_progress wm_progress;
wm_progress *wm_progress_new(FILE *out, size_t total, bool quiet);
/* An item finished (done, skipped or failed). */
void wm_progress_item(wm_progress *p, const wm_batch_item *it);
/* The summary; every failure with its error. */
void wm_progress_finish(wm_progress *p, const wm_batch *b, double seconds, bool interrupted);
void wm_progress_free(wm_progress *p);

const char *wm_item_status_name(wm_item_status s);

/* item.c: an item's summary (an object, else NULL), and whether the
 * item is a client's row in the portfolio (rendered or up to date, with a
 * summary) rather than an input that produced no PDF. */
const wm_value *wm_batch_item_summary(const wm_batch_item *it);
bool wm_batch_item_ok(const wm_batch_item *it);
/* Where `--json` writes the item's plan: its output with .json for .pdf,
 * in a new string the caller frees. */
char *wm_batch_json_path(const wm_batch_item *it);

/* portfolio_doc.c: portfolio.pdf's bytes (*pdf, *len: the caller frees
 * *pdf), or false after reporting to `d`.  `brand_file` may be NULL (the
 * built-in brand). */
bool wm_portfolio_pdf(const wm_batch *b, const char *brand_file, unsigned char **pdf, size_t *len,
                      wm_diags *d);

void wm_batch_free(wm_batch *b);

#endif /* WM_BATCH_INT_H */
