/*
 * batch.h - `waymark batch`: many engagements rendered in worker processes
 * at engagement close (cli.md, docs/batch.md).
 *
 * The pipeline of a batch:
 *
 *     inputs.c    files and folders -> a sorted list of items, each with its
 *                 output name; --shard K/N keeps a deterministic 1/N
 *     manifest.c  the previous manifest read back: an item whose input and
 *                 every file it read (plugins, brand, playbook, fonts,
 *                 logos) hash as they did, and whose PDF is still the one
 *                 written, is skipped, as a build tool would
 *     run.c       the scheduler: one forked worker per item, at most -j at
 *                 once, each under CPU, memory and wall-clock limits the
 *                 parent enforces; Ctrl-C stops them all
 *     worker.c    in the child: load, render, write the PDF atomically, and
 *                 report status, error text, hashes and a summary as JSON
 *     progress.c  a bar on a terminal, plain lines otherwise, the summary
 *     portfolio.c portfolio.csv and a one-page portfolio.pdf
 *
 * Every item's record (wm_batch_item) is what manifest.jsonl holds, one
 * JSON line per input, in input order.
 *
 * Ownership: a wm_batch owns its items and everything in them (one arena
 * for the JSON values, malloc'd strings freed by wm_batch_free).
 */
#ifndef WM_BATCH_H
#define WM_BATCH_H

#include "../base/value.h"
#include "../render/render.h"
#include "../waymark.h"

typedef enum {
    WM_ITEM_PENDING,     /* not run (yet): after Ctrl-C, "interrupted" */
    WM_ITEM_DONE,        /* rendered in this run */
    WM_ITEM_SKIPPED,     /* up to date: the previous PDF stands */
    WM_ITEM_FAILED,      /* the engagement, a plugin, a limit or the output failed */
    WM_ITEM_INTERRUPTED, /* stopped by Ctrl-C while running */
} wm_item_status;

typedef struct {
    char *input;  /* the engagement file, as found (relative paths stay relative) */
    char *name;   /* output stem, unique in the batch: "northwind" */
    char *output; /* OUTDIR/name.pdf */
    wm_item_status status;
    int exit_status; /* the worker's exit status (cli.md), 0 when done/skipped */
    char *error;     /* one paragraph, the diagnostics as the user would see them; or NULL */
    char sha256[65]; /* of the PDF, lowercase hex; "" when there is none */
    double ms;       /* wall-clock time of the worker (0 when skipped) */
    /* What the up-to-date check compares: {"path": "sha256", ...} of every
     * file the render read, the input first.  NULL when unknown. */
    wm_value *deps;
    /* The plan in brief for the portfolio (see wm_batch_summary), or NULL. */
    wm_value *summary;
} wm_batch_item;

typedef struct {
    wm_arena arena;
    wm_batch_item *items;
    size_t n;
} wm_batch;

/*
 * The plan in brief, for the manifest and the portfolio: an object with
 *   client (text), short_name (text or null), currency (ISO code),
 *   cost, p50, p80, p90, budget (number or null), variance (budget - cost,
 *   or null), p_within_budget (0..1 or null), within_budget (bool or null:
 *   cost <= budget), scheduled, deferred (integers), start, end (quarters
 *   "YYYY-Qn" of the first scheduled start and last scheduled end, or null),
 *   quarters (integer: start..end inclusive, or 0), top_risk (object
 *   {id, title, score, band, owner} of the highest-scored risk, or null).
 * Values come from plan.json (plan.md); the arena owns the result.
 */
wm_value *wm_batch_summary(wm_arena *a, const wm_plan *plan);

/*
 * Write OUTDIR/portfolio.csv and OUTDIR/portfolio.pdf atomically from the
 * items (every item gets a CSV row; failed ones with their status and
 * error).  Returns WM_EXIT_OK or WM_EXIT_OUTPUT after reporting to `d`.
 * `brand_file` is the batch's --brand, or NULL for the built-in brand.
 */
int wm_portfolio_write(const char *outdir, const wm_batch *b, const char *brand_file, wm_diags *d);

/* The options of a batch (`waymark batch`). */
typedef struct {
    const char *outdir;
    int jobs;                  /* workers at once, >= 1 */
    bool force;                /* redo every input */
    unsigned shard_k, shard_n; /* keep items with index % n == k - 1; n == 0: all */
    bool quiet;                /* no progress and no summary; failures still shown */
    double timeout;            /* wall-clock seconds per engagement */
    double cpu;                /* CPU seconds per engagement */
    double memory_mb;          /* resident memory per worker, MiB */
    wm_render_opts render;     /* brand, plugin search path and limits */
    const char *baseline_dir;  /* --baseline-dir: NAME.json there is NAME's baseline */
    bool json;                 /* --json: also write each plan as OUTDIR/NAME.json */
    /* What else decides an output, beyond the files it reads: the tool,
     * the options above that change a PDF, SOURCE_DATE_EPOCH.  Hex SHA-256. */
    char key[65];
} wm_batch_opts;

/*
 * A whole batch (batch.c): create OUTDIR, expand the inputs (files and
 * folders), skip the items that are up to date with the previous manifest
 * (unless force), render the others in workers, write the manifest and the
 * portfolio; the diagnostics are printed on stderr.  `o` gets its key.
 * Returns WM_EXIT_OK, WM_EXIT_INPUT when an item failed, WM_EXIT_USAGE,
 * WM_EXIT_OUTPUT, or 130 when interrupted.
 */
int wm_batch_main(char **inputs, int n_inputs, wm_batch_opts *o);

#endif /* WM_BATCH_H */
