/*
 * docdate.h - the one place that decides what date a document carries
 * ("never the clock", README): the cover and ctx.run.date of a render or a
 * plan, the date line of portfolio.pdf, and the PDF's CreationDate and
 * ModDate.  `waymark init`, which writes today's date into a new file, asks
 * here for today too.
 *
 * The rules (docs/engagement.md, "The document's date"):
 *   - SOURCE_DATE_EPOCH (reproducible builds): unset or empty means not
 *     set; otherwise decimal digits only, at most 253402300799
 *     (9999-12-31 23:59:59 UTC).  Anything else (a sign, a space, a
 *     fraction, trailing text, an overflow) is an error, never ignored.
 *   - The date shown: the engagement's `date`, else SOURCE_DATE_EPOCH's
 *     day (UTC), else none: an undated engagement shows no date, so two
 *     runs of the same input give the same bytes.
 *   - The PDF's dates: SOURCE_DATE_EPOCH, else the date shown at 00:00
 *     UTC, else none.
 *   - A portfolio's date is that of the newest dated engagement in it (the
 *     caller passes that day), by the same rules.
 *
 * Errors are values: a function that can meet a malformed
 * SOURCE_DATE_EPOCH returns false and a message in *err (caller frees).
 */
#ifndef WM_BASE_DOCDATE_H
#define WM_BASE_DOCDATE_H

#include "util.h"

/* The largest SOURCE_DATE_EPOCH: 9999-12-31 23:59:59 UTC. */
#define WM_EPOCH_MAX 253402300799LL

/* The hint for a malformed SOURCE_DATE_EPOCH. */
#define WM_SOURCE_DATE_EPOCH_HINT                                                                  \
    "unset SOURCE_DATE_EPOCH, or set it to whole seconds, such as "                                \
    "SOURCE_DATE_EPOCH=$(date -u -d 2026-11-20 +%s)"

typedef struct {
    bool dated;    /* a day to show */
    wm_date day;   /* when dated */
    int64_t epoch; /* seconds since 1970 for the PDF's dates; negative: none */
} wm_docdate;

/* SOURCE_DATE_EPOCH: 0 when not set, 1 with *epoch set, -1 with *err set
 * when it is malformed. */
int wm_source_date_epoch(int64_t *epoch, char **err);

/* The date of a document about an engagement dated `day` (NULL when it is
 * undated).  False with *err when SOURCE_DATE_EPOCH is malformed. */
bool wm_document_date(const wm_date *day, wm_docdate *out, char **err);

/* Today in UTC, or SOURCE_DATE_EPOCH's day when it is set (for `waymark
 * init`, the one command that reads the clock: it writes the date into the
 * new file, where it stays).  False with *err as above. */
bool wm_today(wm_date *out, char **err);

/* 00:00 UTC of a date (proleptic Gregorian), and the UTC day of a time. */
int64_t wm_date_epoch(wm_date d);
wm_date wm_epoch_date(int64_t t);

#endif /* WM_BASE_DOCDATE_H */
