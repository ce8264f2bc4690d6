/*
 * playbook_int.h - the playbook loader's internals, shared by playbook.c
 * (finding, merging, the ctx.playbook value), playbook_schema.c (the format
 * as tables, and reading a YAML tree by them) and playbook_rules.c
 * (references, placeholders and the template's whole-file rules).  The
 * calls run one way: playbook.c -> playbook_rules.c -> playbook_schema.c
 * (and playbook.c -> playbook_schema.c); the schema calls neither.
 *
 * A template, and an engagement's `playbook.extra`, are read into entries:
 * one per mapping the format defines (the template itself, a role, a
 * ritual, a period, an item, ...).  An entry keeps the YAML nodes of its
 * fields, so every rule can report at the exact position, and the source it
 * was written in, so a problem in `extra` is reported in the engagement
 * file.  Entries, lists and labels live in the engagement's arena.
 */
#ifndef WM_PLAYBOOK_INT_H
#define WM_PLAYBOOK_INT_H

#include "playbook.h"

#define PB_FORMAT "waymark-playbook/1"

/* What a `for_each` repeats over; PB_FE_NONE when there is none. */
enum { PB_FE_NONE = -1, PB_FE_INITIATIVE = 0, PB_FE_OBJECTIVE_MEASURE = 1, PB_FE_RISK = 2 };
extern const char *const wm_pb_for_each_names[]; /* indexed by PB_FE_*, NULL-terminated */
/* The four DORA measures' ids, NULL-terminated (playbook_schema.c). */
extern const char *const wm_pb_dora[];

typedef enum {
    PB_TEXT,     /* non-blank text; placeholders allowed */
    PB_PLAIN,    /* non-blank text without braces (no placeholders) */
    PB_KEY,      /* [a-z0-9_]{1,64} */
    PB_ID,       /* a key, unique in its section */
    PB_ROLE,     /* a key of `roles` */
    PB_OWNER,    /* a role, or "{{initiative.owner}}" in a for_each: initiative item */
    PB_RITUAL,   /* an id of `rituals` */
    PB_ROLES,    /* a list of roles, no repeats */
    PB_COLUMNS,  /* raci.roles: a list of 1 to 7 roles, no repeats */
    PB_TEXTS,    /* a list of text */
    PB_BOOL,     /* true or false; absent reads as false */
    PB_INT,      /* a whole number >= 1 */
    PB_ENUM,     /* one of the field's `values` */
    PB_BASELINE, /* null, or text */
    PB_FOR_EACH, /* initiative, objective_measure or risk, where the kind allows it */
    PB_SELECT,   /* a mapping whose keys depend on for_each */
    PB_ASSIGN,   /* a mapping role -> R, A, C or I */
    PB_OMIT,     /* extra only: a list of ids to drop */
    PB_LIST,     /* a list of `sub` entries */
    PB_OBJECT,   /* one `sub` entry (a nested mapping) */
    PB_KEYMAP,   /* a mapping key -> `sub` entry */
    PB_FIXED,    /* extra only: a key that extra cannot change */
    PB_FORMAT_LINE
} pb_type;

typedef struct pb_kind pb_kind;

typedef struct {
    const char *name;
    pb_type type;
    bool required;
    bool nonempty;             /* lists and mappings: at least one item */
    const pb_kind *sub;        /* PB_LIST, PB_OBJECT, PB_KEYMAP */
    const char *const *values; /* PB_ENUM */
} pb_field;

struct pb_kind {
    const char *name;       /* "ritual": an entry's label is "ritual ID" */
    const char *section;    /* "rituals": where its entries are, for messages */
    const pb_field *fields; /* terminated by a NULL name */
    int n_fields;
    int for_each; /* the for_each it may have (PB_FE_*), or PB_FE_NONE */
    bool scalar;  /* the entry is a scalar (a location), not a mapping */
    bool dotted;  /* an object's fields read "raci.roles", not "raci roles" */
    bool keyed;   /* entries of a PB_KEYMAP: the key is the entry's id */
};

/* The kinds of the template format and of `playbook.extra`. */
extern const pb_kind wm_pb_template, wm_pb_extra, wm_pb_role, wm_pb_location, wm_pb_ritual,
    wm_pb_measure, wm_pb_gate, wm_pb_controls, wm_pb_control, wm_pb_raci, wm_pb_activity,
    wm_pb_vendors, wm_pb_practice, wm_pb_document, wm_pb_plan, wm_pb_period, wm_pb_item;

/* A file entries were read from. */
typedef struct {
    wm_schema s;      /* reports go to this file */
    const char *text; /* the file's bytes, for columns inside text values */
    size_t len;
    bool extra;         /* the engagement's playbook.extra */
    const char *prefix; /* "playbook.extra " for entry labels in extra, else "" */
    char what[400];     /* scratch for wm_pb_what */
} pb_src;

typedef struct pb_entry pb_entry;

typedef struct {
    pb_entry **items;
    size_t n;
} pb_list;

struct pb_entry {
    const pb_kind *kind;
    pb_src *src;
    const wm_ynode *node; /* its mapping (or, for a location, its scalar) */
    wm_pos pos;           /* where it starts: its list item, or its key */
    const char *id;       /* its id or key; NULL when missing or invalid */
    const wm_ynode *id_node;
    const char *label;    /* "ritual delivery_review", "period days_1_30 items[2]" */
    int for_each;         /* PB_FE_* when given and valid for the kind */
    bool for_each_bad;    /* given but not valid here: no scope errors from it */
    const wm_ynode **key; /* per field: the key node, NULL when absent */
    const wm_ynode **val; /* per field: the value node */
    pb_list *sub;         /* per field: nested entries */
    /* Set by the merge on a template entry that extra replaced or omitted. */
    const pb_entry *replaced_by;
    const wm_ynode *omitted_by;
};

/* The index of field `name` of kind `k` (which must have it). */
int wm_pb_field(const pb_kind *k, const char *name);
/* A field's value node / nested entries / text, by name (NULL when absent). */
const wm_ynode *wm_pb_val(const pb_entry *e, const char *name);
const pb_list *wm_pb_sub(const pb_entry *e, const char *name);
const char *wm_pb_text(const pb_entry *e, const char *name);

/* "label field" (or "label.field" for an object) for messages; valid until
 * the next call. */
const char *wm_pb_what(const pb_entry *e, const char *field);

/* Whether text is a key: [a-z0-9_]{1,64}. */
bool wm_pb_is_key(const char *s, size_t len);

/* Read `root` (a template, or `playbook.extra`) by `kind`.  Reports every
 * problem of shape and type to src->s; returns the root entry, or NULL when
 * there is nothing to check further (not a template at all). */
pb_entry *wm_pb_read(pb_src *src, const pb_kind *kind, const wm_ynode *root, wm_pos pos);

/* The rules: references, placeholders, the RACI, DORA, objective-measure,
 * go-live and 30/60/90 rules.  `root` is the template (`template_root` and
 * `extra` NULL), or the template merged with `extra`: then only what extra
 * brought in or took out is checked, since `template_root` alone has passed,
 * and a rule that extra broke is reported in the engagement file. */
void wm_pb_check(pb_entry *root, const pb_entry *template_root, pb_src *extra);

/* Where byte `off` (a token of `len` bytes) of scalar `n`'s text stands in
 * the source; the node's own position when it cannot be found. */
wm_pos wm_pb_text_pos(const pb_src *src, const wm_ynode *n, size_t off, size_t len);

#endif /* WM_PLAYBOOK_INT_H */
