/*
 * doc.h - the document tree: sections of blocks from a closed set, as the
 * document stage's plugins build them (plugins.md).  The layout engine reads
 * this tree and nothing else, so no plugin can break the PDF.
 *
 * Plugins build blocks with the `waymark` constructors (api_document.c),
 * which check their arguments where the plugin calls them; what a hook
 * returns is then checked again here, because a table can be built by hand.
 *
 * Ownership: a wm_doc owns everything reachable from it (one arena); strings
 * are copied in.  wm_doc_free releases it all.
 */
#ifndef WM_DOC_H
#define WM_DOC_H

#include "../base/value.h"

typedef enum { WM_RUN_BOLD = 1, WM_RUN_ITALIC = 2 } wm_run_style;

typedef struct {
    const char *text;
    unsigned style;   /* wm_run_style bits */
    const char *link; /* URL, or NULL */
} wm_run;

typedef struct {
    wm_run *runs;
    size_t n;
} wm_text; /* a paragraph's content: runs of text */

typedef enum { WM_ALIGN_LEFT, WM_ALIGN_RIGHT, WM_ALIGN_CENTRE } wm_align;

typedef struct {
    wm_text title;
    wm_align align;
    double width; /* relative weight; 0 = sized from content */
} wm_column;

typedef enum {
    WM_CHART_BAR,
    WM_CHART_STACKED_BAR,
    WM_CHART_GANTT,
    WM_CHART_HEATMAP,
    WM_CHART_RADAR
} wm_chart_kind;

typedef enum {
    WM_BLOCK_HEADING,
    WM_BLOCK_PARAGRAPH,
    WM_BLOCK_LIST,
    WM_BLOCK_TABLE,
    WM_BLOCK_KV,
    WM_BLOCK_CALLOUT,
    WM_BLOCK_CHART,
    WM_BLOCK_PAGE_BREAK
} wm_block_kind;

typedef enum { WM_CALLOUT_INFO, WM_CALLOUT_WARN, WM_CALLOUT_RISK } wm_callout_kind;

typedef struct wm_block {
    wm_block_kind kind;
    union {
        struct {
            int level; /* 1..3 */
            wm_text text;
        } heading;
        wm_text paragraph;
        struct {
            bool numbered;
            wm_text *items;
            size_t n;
        } list;
        struct {
            wm_column *columns;
            size_t n_columns;
            wm_text *cells; /* n_rows x n_columns, row-major */
            size_t n_rows;
            wm_text *total; /* n_columns cells, or NULL */
        } table;
        struct {
            wm_text *keys, *values;
            size_t n;
        } kv;
        struct {
            wm_callout_kind kind;
            wm_text title; /* may have no runs */
            wm_text body;
        } callout;
        struct {
            wm_chart_kind kind;
            const char *title;
            const wm_value *data; /* checked per kind; see doc.c */
        } chart;
    } u;
} wm_block;

typedef struct {
    const char *id;
    const char *title;
    const char *after; /* id of the section this one follows, or NULL (the end) */
    wm_block *blocks;
    size_t n_blocks;
} wm_section;

typedef struct {
    wm_arena arena;
    wm_section *sections;
    size_t n_sections;
} wm_doc;

/* Check a document stage result - a list of sections - and build the tree in
 * the order `after` places them.  On failure returns NULL with *err (caller
 * frees) naming the path ("sections[2].blocks[4].rows[3][2]: ..."). */
wm_doc *wm_doc_from_value(const wm_value *sections, char **err);
void wm_doc_free(wm_doc *d);

/* Check one block or one section on its own (what a constructor made); on
 * failure returns false with *err (caller frees), the path relative to it. */
bool wm_doc_check_block(const wm_value *block, char **err);
bool wm_doc_check_section(const wm_value *section, char **err);

/* A text dump of the tree, one line per block (for tests and debugging);
 * the caller frees it. */
char *wm_doc_dump(const wm_doc *d);

#endif /* WM_DOC_H */
