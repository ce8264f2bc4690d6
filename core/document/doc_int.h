/*
 * doc_int.h - the document builder shared by doc.c (texts, sections, the
 * whole tree), doc_blocks.c (one table entry per block type) and
 * doc_chart.c (one per chart kind).  The builder walks a plugin's result
 * once, checks it against the rules and limits, and copies it into the
 * tree as it goes; the first fault stops it with the path that leads there.
 */
#ifndef WM_DOC_INT_H
#define WM_DOC_INT_H

#include "doc.h"

/* What one document may hold, all document plugins together (plugins.md,
 * "What a document may hold"): far more than a real deliverable needs (a
 * 600-initiative engagement's document uses a tenth of the cells, less of
 * the rest), little enough that layout and the PDF take a few seconds at
 * most whatever a plugin returns.  A constructor checks its own block
 * against the same limits. */
enum {
    WM_DOC_MAX_SECTIONS = 200,
    WM_DOC_MAX_BLOCKS = 20000,
    WM_DOC_MAX_COLUMNS = 24,      /* of a table */
    WM_DOC_MAX_ROWS = 100000,     /* of a table */
    WM_DOC_MAX_RUNS = 250000,     /* runs of text (a plain text is one) */
    WM_DOC_MAX_TEXT = 8 << 20,    /* bytes of text */
    WM_DOC_MAX_LINKS = 10000,     /* runs with a link (each is a PDF annotation) */
    WM_DOC_MAX_URL = 2048,        /* bytes of one link's URL */
    WM_DOC_MAX_CELLS = 100000,    /* table cells, total rows included */
    WM_DOC_MAX_ITEMS = 50000,     /* list and key-value items */
    WM_DOC_MAX_SERIES = 24,       /* of a chart */
    WM_DOC_MAX_CATEGORIES = 1000, /* categories, axes or quarters of a chart */
    WM_DOC_MAX_POINTS = 100000    /* chart values, Gantt rows, markers and dependencies,
                                     heat map cells */
};

typedef struct {
    wm_arena *arena; /* where the tree goes */
    char path[300];  /* where the walk is, for an error */
    char *err;       /* the first fault: "path: message" (owned) */
    char *where;     /* its path alone (owned) */
    char *what;      /* its message alone (owned) */
    /* What the document holds so far, against the limits above. */
    size_t runs, text, links, cells, items, points, blocks;
} wm_doc_builder;

/* Record the first fault at the current path; returns false. */
bool wm_db_bad(wm_doc_builder *b, const char *fmt, ...) WM_PRINTF(2, 3);

/* Extend the path by ".key" or "[i + 1]"; wm_db_back(b, old) restores it. */
size_t wm_db_key(wm_doc_builder *b, const char *key);
size_t wm_db_index(wm_doc_builder *b, size_t i);
void wm_db_back(wm_doc_builder *b, size_t old);

/* Count n more of something against its limit for the whole document. */
bool wm_db_count(wm_doc_builder *b, size_t *have, size_t n, size_t max, const char *what);

/* The field `key` of an object, NULL when absent or null. */
const wm_value *wm_db_field(const wm_value *obj, const char *key);
bool wm_db_is_list(const wm_value *v);
const char *wm_db_copy(wm_doc_builder *b, const char *s);

/* An object's fields are among `known` (NULL-ended; "type" always is). */
bool wm_db_fields(wm_doc_builder *b, const wm_value *v, const char *const *known);
/* Absent, or text. */
bool wm_db_opt_text(wm_doc_builder *b, const wm_value *obj, const char *key);
/* A list of texts (copied into *out when it is not NULL). */
bool wm_db_strings(wm_doc_builder *b, const wm_value *v, const char *what, const char ***out);

/* Text: a string or a list of runs, into *out.  Absent is an error unless
 * `allow_empty`. */
bool wm_db_text(wm_doc_builder *b, const wm_value *v, wm_text *out, bool allow_empty);

/* One block (doc_blocks.c), and a chart's kind and data (doc_chart.c). */
bool wm_db_block(wm_doc_builder *b, const wm_value *v, wm_block *out);
bool wm_db_chart(wm_doc_builder *b, const wm_value *v, wm_chart *out);

#endif /* WM_DOC_INT_H */
