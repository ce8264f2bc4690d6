/*
 * stages.h - the pipeline's stages and the schema of the plan, as data
 * (the rows are in stages.def; stages.c holds the tables).
 */
#ifndef WM_PLAN_STAGES_H
#define WM_PLAN_STAGES_H

#include <stdbool.h>
#include <stddef.h>

/* Pipeline stages, in the order they run. */
typedef enum {
#define WM_STAGE(id, ...) WM_STAGE_##id,
#include "stages.def"
#undef WM_STAGE
    WM_STAGE_COUNT
} wm_stage;

/* What a stage's hook returns. */
typedef enum {
    WM_ADDS_DIAGNOSTICS, /* a validate report: { level, path, message } */
    WM_ADDS_PLAN,        /* plan fields, checked against the schema and merged */
    WM_ADDS_SECTIONS     /* document sections */
} wm_stage_adds;

typedef struct {
    const char *name; /* the hook's name */
    wm_stage_adds adds;
    bool exclusive;             /* only the last plugin with the hook runs */
    const char *default_plugin; /* NULL: none; "%s": the prioritisation method */
    const char *summary;        /* what a plugin of the stage does */
    const char *scaffold_does;  /* new-plugin's README: "As it stands it ..." */
    const char *scaffold_part;  /* ... "what the plugin contributed to ..." */
} wm_stage_info;

extern const wm_stage_info wm_stages[WM_STAGE_COUNT];
/* The names alone, NULL ended (for wm_suggest_list). */
extern const char *const wm_stage_names[WM_STAGE_COUNT + 1];

/* Exclusive stages run one plugin: the last in the pipeline with the hook. */
bool wm_stage_exclusive(wm_stage s);
/* The stage named `name`, or -1. */
int wm_stage_find(const char *name);

/* The ids of the sections document/standard makes (plugins/document/),
 * NULL ended: a plugin's section may not take one, and a plugin's test
 * tells its own sections from them. */
extern const char *const wm_standard_section_ids[];

/* ---- the plan's fields ---- */

/* Where a field lives. */
typedef enum {
    WM_REC_TOP,        /* the plan itself */
    WM_REC_INITIATIVE, /* a record of plan.initiatives */
    WM_REC_OBJECTIVE,  /* ... plan.objectives */
    WM_REC_RISK,       /* ... plan.risks */
    WM_REC_TOTALS,     /* plan.totals */
    WM_REC_COUNT
} wm_plan_record;

/* The top-level field that holds records or fields of `r` ("initiatives",
 * "totals"); NULL for WM_REC_TOP. */
const char *wm_plan_record_key(wm_plan_record r);

/* What a hook may put into a field (null is always allowed until the end). */
typedef enum {
    WM_RULE_ANY,        /* anything */
    WM_RULE_STR,        /* text */
    WM_RULE_INT_POS,    /* an integer >= 1 */
    WM_RULE_INT_NN,     /* an integer >= 0 */
    WM_RULE_NUM,        /* a number */
    WM_RULE_NUM_NN,     /* a number >= 0 */
    WM_RULE_FRACTION,   /* a number in [0, 1] */
    WM_RULE_BOOL,       /* true or false */
    WM_RULE_QUARTER,    /* "YYYY-Qn" */
    WM_RULE_ENUM,       /* one of `values` */
    WM_RULE_OBJ,        /* a table of named fields */
    WM_RULE_ARR,        /* a list */
    WM_RULE_STR_LIST,   /* a list of texts */
    WM_RULE_EFFORT,     /* role = { o, m, p, mean, sd } */
    WM_RULE_ALLOCATION, /* quarter = { role = days } */
    WM_RULE_RECORDS,    /* records merged by id (the fields of wm_plan_record_key) */
    WM_RULE_FIELDS,     /* a table merged field by field (likewise) */
    WM_RULE_BY_QUARTER, /* one record per quarter of the horizon */
    WM_RULE_PLAYBOOK    /* the filled playbook (playbook_check.c) */
} wm_plan_rule;

/* Who fills a field when no stage does. */
enum { WM_BY_HOST = -1, WM_BY_ENGAGEMENT = -2 };

enum {
    WM_FIELD_REQUIRED = 1u << 0,     /* set when the last stage has run */
    WM_FIELD_IF_SCHEDULED = 1u << 1, /* required for a scheduled initiative, null otherwise */
    WM_FIELD_IF_DEFERRED = 1u << 2,  /* required for a deferred initiative */
    WM_FIELD_IN_HORIZON = 1u << 3    /* a quarter of the horizon */
};

typedef struct {
    wm_plan_record record;
    const char *key;
    wm_plan_rule rule;
    const char *values; /* WM_RULE_ENUM: the allowed texts, separated by spaces */
    int by;             /* a wm_stage, WM_BY_HOST or WM_BY_ENGAGEMENT */
    unsigned flags;
} wm_plan_field;

/* Every field, in the plan's order; ended by a row with key NULL. */
extern const wm_plan_field wm_plan_fields[];

/* The field `key` of a record of kind `r`, or NULL when the plan does not
 * define it (a plugin's own field). */
const wm_plan_field *wm_plan_field_find(wm_plan_record r, const char *key);
/* Whether `s` is one of an ENUM field's values. */
bool wm_plan_field_allows(const wm_plan_field *f, const char *s);

#endif /* WM_PLAN_STAGES_H */
