/*
 * narrative.h - the consultant's own words (engagement `narrative:`): the
 * small inline markup they are written in, and the `{{ }}` placeholders for
 * plan figures (docs/narrative.md).
 *
 *   wm_nv_parse (narrative_parse.c)  one text to blocks of runs, in time
 *                                    linear in its length, whatever it holds
 *   wm_nv_load  (narrative.c)        the engagement's narrative parsed, its
 *                                    placeholders checked against the one
 *                                    table of names, errors at line:col,
 *                                    and the result shaped as
 *                                    ctx.engagement.narrative
 *
 * Ownership: everything the parser returns lives in the arena it is given.
 */
#ifndef WM_NARRATIVE_H
#define WM_NARRATIVE_H

#include "../base/value.h"
#include "schema.h"

/* Run styles; the same bits as the document's (core/document/doc.h). */
enum { WM_NV_BOLD = 1, WM_NV_ITALIC = 2 };

typedef struct {
    const char *text; /* the run's text; for a placeholder, its name */
    const char *link; /* http(s) or mailto URL, or NULL */
    unsigned style;   /* WM_NV_BOLD | WM_NV_ITALIC */
    bool placeholder;
    size_t off, len; /* where it was in the parsed text, in bytes (a
                        placeholder: the whole "{{ name }}") */
} wm_nv_run;

typedef struct {
    wm_nv_run *runs;
    size_t n;
} wm_nv_text;

typedef enum { WM_NV_PARAGRAPH, WM_NV_BULLETS, WM_NV_NUMBERED } wm_nv_kind;

typedef struct {
    wm_nv_kind kind;
    wm_nv_text *items; /* a paragraph has one */
    size_t n;
} wm_nv_block;

/* A fault in the text, at bytes [off, off + len) of it. */
typedef struct {
    size_t off, len;
    const char *message, *hint; /* in the arena */
} wm_nv_error;

typedef struct {
    wm_nv_block *blocks;
    size_t n;
    wm_nv_error *errors; /* at most WM_NV_MAX_ERRORS */
    size_t n_errors;
    size_t n_links;
} wm_nv_doc;

#define WM_NV_MAX_ERRORS 20
#define WM_NV_MAX_URL    2048 /* bytes of a link's address (the document's limit) */

/* Parse `len` bytes of markup (UTF-8, as a YAML scalar holds it; a NUL
 * byte, which no scalar holds, is left out).  Never fails: what is not markup is text, and what is
 * wrong (a placeholder not closed or not a name, a link to another scheme) is listed in errors. */
void wm_nv_parse(wm_arena *a, const char *s, size_t len, wm_nv_doc *out);

/* The engagement's narrative (its YAML nodes, read by engagement.c) parsed
 * and checked with positions in `text`, the file's bytes; on success sets
 * e->narrative.loaded.  Errors go to s->diags. */
void wm_nv_load(wm_engagement *e, const wm_ynode *root, const char *text, size_t len, wm_schema *s);

#endif /* WM_NARRATIVE_H */
