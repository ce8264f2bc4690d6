/*
 * doc.h - the document: sections of blocks from a closed set, built once
 * from what the document stage's plugins return (docs/plugins.md), checked
 * once, and then read by every output - the PDF's layout, Markdown and
 * HTML - and by nothing else, so that no plugin can break an output.
 *
 * Every payload is typed: text is runs, a table is cells, a chart is its
 * series, Gantt rows (with quarter columns and dependencies resolved to
 * rows) or heat-map cells.  An output never goes back to the plugin's
 * values.
 *
 * Plugins build blocks with the `waymark` constructors (plan/api_document.c),
 * which run the same checks on their one block, so that a mistake is
 * reported at the plugin's own line; the whole document is then built once
 * when the stage ends (wm_doc_build).
 *
 * Ownership: a wm_doc owns everything reachable from it (one arena);
 * strings are copied in.  wm_doc_free releases it all.
 */
#ifndef WM_DOC_H
#define WM_DOC_H

#include "../base/value.h"

/* ---- text ---- */

typedef enum { WM_RUN_BOLD = 1, WM_RUN_ITALIC = 2 } wm_run_style;

typedef struct {
    const char *text;
    unsigned style;   /* wm_run_style bits */
    const char *link; /* URL (http, https or mailto), or NULL */
} wm_run;

typedef struct {
    wm_run *runs;
    size_t n;
} wm_text; /* a paragraph's content: runs of text */

/* ---- tables ---- */

typedef enum { WM_ALIGN_LEFT, WM_ALIGN_RIGHT, WM_ALIGN_CENTRE } wm_align;

typedef struct {
    wm_text title;
    wm_align align;
    double width; /* relative weight; 0 = sized from content */
} wm_column;

/* ---- charts ---- */

typedef enum {
#define WM_CHART_KIND(id, ...) WM_CHART_##id,
#include "charts.def"
#undef WM_CHART_KIND
    WM_CHART_KIND_COUNT
} wm_chart_kind;

/* The chart kinds' names as plugins write them, by kind; NULL-ended. */
extern const char *const wm_chart_kind_names[WM_CHART_KIND_COUNT + 1];

/* How a chart's values read: plain numbers, money in the engagement's
 * currency, percentages (0..100) or person-days. */
typedef enum { WM_FORMAT_NUMBER, WM_FORMAT_MONEY, WM_FORMAT_PERCENT, WM_FORMAT_DAYS } wm_format;

typedef struct {
    const char *name;
    const double *values; /* one per category */
} wm_series;

/* bar, stacked_bar and radar */
typedef struct {
    const char *const *categories; /* a radar's axes */
    size_t n_categories;
    const wm_series *series;
    size_t n_series;
    wm_format format;
    double max; /* a radar's outer ring (5 unless given) */
} wm_series_chart;

typedef enum { WM_TIER_MUST, WM_TIER_SHOULD, WM_TIER_COULD, WM_TIER_WONT, WM_TIER_NONE } wm_tier;

typedef struct {
    const char *label;
    const char *id; /* NULL when the row has none */
    wm_tier tier;
    long start, end;         /* columns (indices into quarters); both -1: no bar */
    const size_t *deps;      /* rows this one waits for (ids resolved; an id */
    size_t n_deps;           /* naming no row, or the row itself, is left out) */
    bool late;               /* the bar ends after the row's `due` quarter */
    long was_start, was_end; /* the baseline's columns (`was_start`, `was_end`), cut to
                                the chart's; both -1: none */
} wm_gantt_row;

typedef struct {
    size_t quarter; /* the column whose end the marker's line is at */
    const char *label;
} wm_gantt_marker;

typedef struct {
    const char *const *quarters; /* column names as given ("2027-Q1") */
    const wm_quarter *parsed;    /* each read as a quarter, or WM_NO_QUARTER */
    size_t n_quarters;
    const wm_gantt_row *rows;
    size_t n_rows;
    const wm_gantt_marker *markers; /* in the order given */
    size_t n_markers;
} wm_gantt_chart;

typedef struct {
    int likelihood, impact; /* 1..5 */
    const char *label;      /* NULL when none */
} wm_heat_cell;

typedef struct {
    const wm_heat_cell *cells;
    size_t n_cells;
} wm_heatmap_chart;

/* Headline figures as tiles: a label, the figure as text, an optional
 * note under it, and a tone that colours the tile's top edge. */
typedef enum { WM_TONE_NEUTRAL, WM_TONE_GOOD, WM_TONE_WARN, WM_TONE_BAD, WM_TONE_COUNT } wm_tone;
extern const char *const wm_tone_names[WM_TONE_COUNT + 1]; /* NULL-ended */

typedef struct {
    const char *label, *value;
    const char *note; /* NULL when none */
    wm_tone tone;
} wm_tile;

#define WM_MAX_TILES 8

typedef struct {
    const wm_tile *tiles;
    size_t n_tiles; /* 1..WM_MAX_TILES */
} wm_tiles_chart;

typedef struct {
    wm_chart_kind kind;
    const char *title; /* NULL when none */
    union {
        wm_series_chart series; /* bar, stacked_bar, radar */
        wm_gantt_chart gantt;
        wm_heatmap_chart heatmap;
        wm_tiles_chart tiles;
    } u;
} wm_chart;

/* ---- blocks ---- */

typedef enum {
    WM_BLOCK_HEADING,
    WM_BLOCK_PARAGRAPH,
    WM_BLOCK_LIST,
    WM_BLOCK_TABLE,
    WM_BLOCK_KV,
    WM_BLOCK_CALLOUT,
    WM_BLOCK_CHART,
    WM_BLOCK_PAGE_BREAK,
    WM_BLOCK_KIND_COUNT
} wm_block_kind;

/* The block types' names as plugins write them, by kind; NULL-ended. */
extern const char *const wm_block_kind_names[WM_BLOCK_KIND_COUNT + 1];

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
        wm_chart chart;
    } u;
} wm_block;

typedef struct {
    const char *id;
    const char *title;
    const char *after;  /* id of the section this one follows, or NULL (the end) */
    const char *plugin; /* the plugin that gave it, or NULL when not known */
    wm_block *blocks;
    size_t n_blocks;
} wm_section;

typedef struct {
    wm_arena arena;
    wm_section *sections; /* in reading order (`after` applied) */
    size_t n_sections;
} wm_doc;

/* Who gave a section: the plugin's name (NULL when not known; borrowed, it
 * must outlive the document) and the section's place in that plugin's own
 * list, which an error's path counts in. */
typedef struct {
    const char *plugin;
    size_t index;
} wm_doc_origin;

/* What is wrong with a document: which section (its index in the list
 * given, or SIZE_MAX when the fault is the list's as a whole), the plugin
 * that gave it (NULL when not known), the path to the fault in that
 * plugin's own list ("sections[2].blocks[4].rows[3][2]", never empty) and
 * what is wrong. */
typedef struct {
    size_t section;
    const char *plugin; /* borrowed from `origins` */
    char *path;         /* owned */
    char *message;      /* owned */
} wm_doc_error;

void wm_doc_error_free(wm_doc_error *e);

/* Build the document from a document stage's result - a list of sections -
 * in the order `after` places them.  `origins`, when not NULL, says who
 * gave each section.  On failure returns NULL and fills *err (release it
 * with wm_doc_error_free). */
wm_doc *wm_doc_build(const wm_value *sections, const wm_doc_origin *origins, wm_doc_error *err);
void wm_doc_free(wm_doc *d);

/* Check one block or one section on its own (what a constructor made),
 * with the same rules; on failure returns false with *err (caller frees),
 * the path relative to it ("rows[3][2]: ..."). */
bool wm_doc_check_block(const wm_value *block, char **err);
bool wm_doc_check_section(const wm_value *section, char **err);

/* A text dump of the tree, one line per block (for tests, and for plugin
 * authors: `waymark plan --format doc`); the caller frees it. */
char *wm_doc_dump(const wm_doc *d);

/* A chart's data as a table block (chart_table.c), its cells allocated in
 * `a`: one row per category (a column per series), per radar axis, per
 * Gantt row (tier, start, end, what it waits for) or per heat-map cell;
 * values formatted as the chart's format says, money in `cur` (NULL: no
 * symbol).  For text outputs, and beside a picture for who cannot see it. */
void wm_chart_table(const wm_chart *c, const wm_currency *cur, wm_arena *a, wm_block *out);

/* The text of runs without their styles (caller frees). */
char *wm_text_plain(const wm_text *t);

#endif /* WM_DOC_H */
