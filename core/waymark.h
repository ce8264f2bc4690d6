/*
 * waymark.h - the public interface of libwaymark.
 *
 * Waymark turns one engagement file (YAML, format `waymark/1`) into a
 * prioritised, costed roadmap and a handover playbook.  The pipeline is
 *
 *     load (libyaml) -> plan (Lua plugins) -> document -> layout -> PDF
 *
 * and this header exposes the first stage's model, the diagnostics every
 * stage reports through, and the entry points the CLI drives.
 *
 * Ownership, stated once:
 *   - A function named *_new or *_load returns an object the caller owns and
 *     releases with the matching *_free.  Every *_free accepts NULL.
 *   - Strings and arrays reachable from a wm_engagement are owned by it (they
 *     live in its arena) and stay valid until wm_engagement_free().
 *   - Functions taking `const char *` borrow the string for the call only.
 *   - Out of memory aborts the process with a message (wm_xmalloc); no caller
 *     checks for NULL from an allocation.
 *
 * Errors are values: every problem found is appended to a wm_diags list with
 * the file, 1-based line and column, a message and an optional hint.  The
 * loader keeps going after an error so that one run reports all of them.
 */
#ifndef WAYMARK_H
#define WAYMARK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WM_VERSION "0.1.0"
#define WM_FORMAT  "waymark/1"

/* Exit statuses of the command-line tool (cli.md). */
enum {
    WM_EXIT_OK = 0,
    WM_EXIT_INPUT = 1,  /* invalid input: YAML, schema, references */
    WM_EXIT_USAGE = 2,  /* bad command line */
    WM_EXIT_PLUGIN = 3, /* a plugin failed */
    WM_EXIT_OUTPUT = 4  /* output could not be written */
};

/* ------------------------------------------------------------------------ */
/* Diagnostics                                                               */
/* ------------------------------------------------------------------------ */

typedef struct {
    uint32_t line; /* 1-based; 0 when the problem has no position */
    uint32_t col;  /* 1-based, in characters (code points) */
} wm_pos;

typedef enum { WM_NOTE, WM_WARNING, WM_ERROR } wm_severity;

typedef struct {
    wm_severity severity;
    const char *file; /* owned by the wm_diags list */
    wm_pos pos;
    char *message; /* owned */
    char *hint;    /* owned; NULL when there is none */
} wm_diag;

typedef struct {
    wm_diag *items; /* in the order reported */
    size_t count, cap;
    size_t errors, warnings;
    size_t dropped; /* reports beyond `limit`, counted but not stored */
    size_t limit;   /* 0 means the default (200) */
    char **files;   /* interned file names */
    size_t n_files;
} wm_diags;

void wm_diags_init(wm_diags *d);
void wm_diags_free(wm_diags *d);

/* Append a diagnostic.  `hint` may be NULL.  Both are printf formats only in
 * the _f variant; here they are copied verbatim. */
void wm_diag_add(wm_diags *d, wm_severity sev, const char *file, wm_pos pos, const char *message,
                 const char *hint);

#if defined(__GNUC__)
#define WM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WM_PRINTF(a, b)
#endif

/* Append a diagnostic whose message is formatted; the hint is copied. */
void wm_diag_addf(wm_diags *d, wm_severity sev, const char *file, wm_pos pos, const char *hint,
                  const char *fmt, ...) WM_PRINTF(6, 7);

/* Sort by file, then line and column (stable), so output reads in file order. */
void wm_diags_sort(wm_diags *d);

/* Print compiler-style: `file:line:col: error: message` then `  hint: ...`. */
void wm_diags_print(const wm_diags *d, void *stdio_file);

/* ------------------------------------------------------------------------ */
/* The engagement model (engagement.md)                                      */
/* ------------------------------------------------------------------------ */

/* A quarter as a count: year * 4 + (q - 1).  WM_NO_QUARTER when absent. */
typedef int32_t wm_quarter;
#define WM_NO_QUARTER INT32_MIN

/* Writes "YYYY-Qn" into buf (at least 12 bytes) and returns buf. */
char *wm_quarter_format(wm_quarter q, char *buf, size_t size);

/* An optional number: `set` tells whether the file gave it. */
typedef struct {
    double v;
    bool set;
} wm_optnum;

typedef struct {
    int year, month, day;
} wm_date;

/* A reference by id to another element, resolved by the loader. */
typedef struct {
    const char *id;
    size_t index; /* into the referenced array, valid once loading succeeded */
    wm_pos pos;
} wm_ref;

typedef struct {
    const char *name;
    double rate;        /* per person-day, engagement currency */
    wm_optnum capacity; /* person-days per quarter; unset = unconstrained */
    wm_pos pos;
} wm_role;

typedef struct {
    wm_ref role;    /* into team */
    double o, m, p; /* optimistic, likely, pessimistic person-days */
    bool single;    /* written as one number */
    wm_pos pos;
} wm_effort;

typedef enum { WM_ONCE, WM_MONTHLY, WM_YEARLY } wm_recurrence;

typedef struct {
    const char *item;
    double amount;
    wm_recurrence recurring;
    wm_pos pos;
} wm_cost;

typedef enum { WM_MUST, WM_SHOULD, WM_COULD, WM_WONT } wm_moscow;

/* Score inputs for prioritisation, in this order everywhere. */
typedef enum {
    WM_SCORE_BUSINESS_VALUE,
    WM_SCORE_TIME_CRITICALITY,
    WM_SCORE_RISK_REDUCTION,
    WM_SCORE_REACH,
    WM_SCORE_IMPACT,
    WM_SCORE_CONFIDENCE,
    WM_SCORE_COUNT
} wm_score_kind;

extern const char *const wm_score_names[WM_SCORE_COUNT];

typedef struct {
    const char *id;
    const char *title;
    const char *summary;
    wm_ref *objectives;
    size_t n_objectives;
    wm_effort *effort;
    size_t n_effort;
    wm_cost *costs;
    size_t n_costs;
    wm_ref *depends_on;
    size_t n_depends_on;
    wm_optnum scores[WM_SCORE_COUNT];
    wm_moscow moscow;
    bool moscow_set;
    wm_quarter earliest;
    const char *owner;
    const char **tags;
    size_t n_tags;
    wm_pos pos;
} wm_initiative;

typedef struct {
    const char *id;
    const char *title;
    const char *description;
    wm_optnum value;
    wm_quarter deadline;
    const char **measures;
    size_t n_measures;
    wm_pos pos;
} wm_objective;

typedef struct {
    const char *id;
    const char *title;
    int likelihood, impact; /* 1..5 */
    const char *mitigation;
    const char *owner;
    wm_ref *initiatives;
    size_t n_initiatives;
    wm_pos pos;
} wm_risk;

/* A decision the engagement asks of the board (the dashboard lists them). */
typedef struct {
    const char *title;
    const char *detail;   /* may be NULL */
    wm_quarter needed_by; /* WM_NO_QUARTER when not given */
    const char *owner;    /* who decides; may be NULL */
    wm_pos pos;
} wm_decision;

/* A block (engagement.md, "blocked"): quarters in which no initiative may
 * go live (`go_live`), or in which the listed roles do no roadmap work. */
typedef struct {
    wm_quarter *quarters;
    wm_pos *quarter_pos; /* where each quarter is written */
    size_t n_quarters;
    bool go_live;
    wm_ref *roles; /* into team */
    size_t n_roles;
    const char *reason;
    wm_pos pos;
} wm_blocked;

typedef struct {
    const char *dimension;
    double current, target; /* 0..5 */
    bool target_set;
    const char *note;
    wm_pos pos;
} wm_maturity;

typedef struct {
    const char *name;
    const char *role;
    const char *firm;
} wm_person;

typedef struct {
    const char *role;   /* the template's role */
    const char *person; /* the client's person */
    wm_pos pos;
} wm_owner;

struct wm_ynode; /* a node of the YAML tree, see load/ytree.h */

typedef struct {
    const char *name;              /* as written: a plugin name or a path */
    const struct wm_ynode *config; /* a mapping, or NULL */
    wm_pos pos;
} wm_plugin_ref;

typedef enum { WM_PRIO_WSJF, WM_PRIO_RICE, WM_PRIO_WEIGHTED } wm_prio_method;

typedef struct wm_engagement {
    const char *path; /* the file as given */
    const char *dir;  /* its directory, for relative paths */

    struct {
        const char *name, *short_name, *sector, *logo;
        wm_pos logo_pos;
    } client;

    struct {
        const char *title;
        wm_person prepared_by;
        wm_date date;
        bool date_set;
        const char *currency; /* ISO 4217 code */
        wm_quarter start;
        int quarters; /* 1..40 */
        const char *confidentiality;
        const char *brand;
        wm_pos brand_pos;
        const char *baseline; /* an earlier plan or engagement, relative to the file */
        wm_pos baseline_pos;
    } engagement;

    wm_role *team;
    size_t n_team;

    struct {
        wm_optnum total, per_quarter, contingency;
    } budget;

    struct {
        wm_prio_method method;
        wm_optnum weights[WM_SCORE_COUNT];
    } prioritisation;

    wm_objective *objectives;
    size_t n_objectives;
    wm_initiative *initiatives;
    size_t n_initiatives;
    wm_risk *risks;
    size_t n_risks;
    wm_decision *decisions;
    size_t n_decisions;
    wm_blocked *blocked;
    size_t n_blocked;
    wm_maturity *assessment;
    size_t n_assessment;

    struct {
        const char *template_name;
        wm_pos template_pos;
        wm_owner *owners;
        size_t n_owners;
        const struct wm_ynode *extra; /* NULL when absent */
        /* Set by the playbook loader (load/playbook.c): the template found,
         * checked and merged with `extra`, shaped as ctx.playbook in
         * docs/playbooks.md; in the engagement's arena.  NULL without a
         * playbook block. */
        const struct wm_value *loaded;
        const char *file; /* the template's resolved path; NULL without one */
    } playbook;

    wm_plugin_ref *plugins;
    size_t n_plugins;

    void *impl; /* arena and YAML tree; private */
} wm_engagement;

typedef struct {
    size_t max_bytes; /* input size cap; 0 = default (8 MiB) */
    bool strict;      /* also the warnings of `validate --strict` (no engagement.date) */
} wm_load_opts;

/* Load and check an engagement file ("-": standard input, named <stdin> in
 * diagnostics, its relative paths resolved from the current directory).
 * Every problem goes to `diags`.  Returns the model when there were no
 * errors (warnings allowed), else NULL. */
wm_engagement *wm_engagement_load(const char *path, const wm_load_opts *opts, wm_diags *diags);

/* The same from memory; `name` is used in diagnostics and for relative paths. */
wm_engagement *wm_engagement_load_buffer(const char *name, const char *data, size_t len,
                                         const wm_load_opts *opts, wm_diags *diags);

void wm_engagement_free(wm_engagement *e);

/* The engagement file as parsed (load/ytree.h), its scalars with their
 * positions; borrowed, valid as long as the engagement. */
const struct wm_ynode *wm_engagement_tree(const wm_engagement *e);

/* The SHA-256 of the input bytes as lower-case hex, computed on first use
 * (borrowed; valid as long as the engagement). */
const char *wm_engagement_sha256(const wm_engagement *e);

/* Index of a role by name, or (size_t)-1. */
size_t wm_engagement_find_role(const wm_engagement *e, const char *name);

/* ------------------------------------------------------------------------ */
/* The plan (plan.md): the plugin pipeline's result                          */
/* ------------------------------------------------------------------------ */

typedef struct wm_plan wm_plan;

typedef struct {
    char *const *plugin_dirs; /* --plugins-dir, searched first */
    size_t n_plugin_dirs;
    double plugin_seconds;           /* wall clock per hook; 0 = default (2 s) */
    size_t plugin_memory;            /* bytes per plugin state; 0 = default (64 MiB) */
    uint64_t plugin_instructions;    /* per hook; 0 = default (200 million) */
    bool verbose;                    /* echo waymark.log lines to stderr */
    bool watchdog;                   /* end the process if a plugin call never returns
                                        (a long C-level call); for command-line use */
    const struct wm_value *baseline; /* an earlier plan (baseline.h): the plan gets
                                        `changes` from it; NULL for none */
    const char *baseline_label;      /* how the output names it (its file) */
} wm_plan_opts;

/* Run the plugin pipeline on a loaded engagement.  Returns an exit status:
 * WM_EXIT_OK with *out set; WM_EXIT_INPUT for a problem in the engagement
 * (unknown plugin, bad plugin config, a validate hook's error); or
 * WM_EXIT_PLUGIN when a plugin failed.  Diagnostics go to `diags`. */
int wm_plan_build(const wm_engagement *e, const wm_plan_opts *opts, wm_plan **out, wm_diags *diags);
void wm_plan_free(wm_plan *p);

/* The tables of `plan --format csv --table NAME`. */
typedef enum {
    WM_CSV_INITIATIVES, /* one row per initiative, in rank order */
    WM_CSV_QUARTERS,    /* one row per quarter and role, plus each quarter's other costs */
    WM_CSV_ROLES,       /* one row per role of the team */
    WM_CSV_OBJECTIVES,  /* one row per objective */
    WM_CSV_RISKS,       /* one row per risk */
    WM_CSV_TABLE_COUNT
} wm_csv_table;
/* Their names, in that order, NULL-terminated. */
extern const char *const wm_csv_table_names[];

/* The plan as JSON, and a table of it as CSV (RFC 4180, money in the
 * currency's minor units, adding up by largest remainder: docs/plan.md);
 * the caller frees them.  `e`, the engagement the plan was built from,
 * gives owners, dependencies and rates; NULL leaves those cells empty.
 * The readable forms (Markdown, HTML, the PDF) are the document's: see
 * core/render/render.h. */
char *wm_plan_json(const wm_plan *p);
char *wm_plan_csv(const wm_plan *p, const wm_engagement *e, wm_csv_table table);
/* The document stage's result as a tree dump, one line per block (for
 * plugin authors: `waymark plan --format doc`); the caller frees it. */
char *wm_plan_document_dump(const wm_plan *p);

/* ------------------------------------------------------------------------ */
/* Currencies (ISO 4217)                                                     */
/* ------------------------------------------------------------------------ */

typedef struct {
    const char *code;    /* "GBP" */
    const char *symbol;  /* "£", or the code when there is no common symbol */
    bool symbol_after;   /* "1 234 zł" rather than "zł1 234" */
    bool space;          /* a space between symbol and amount */
    const char *group;   /* thousands separator, UTF-8 */
    const char *decimal; /* decimal separator */
    uint8_t minor_units; /* digits after the decimal point */
    const char *name;    /* "Pound Sterling" */
} wm_currency;

/* The currency with this code, or NULL. */
const wm_currency *wm_currency_find(const char *code);

/* Every active code, sorted by code; the count goes to *n. */
const wm_currency *wm_currency_table(size_t *n);

#endif /* WAYMARK_H */
