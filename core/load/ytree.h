/*
 * ytree.h - a YAML document as a tree of nodes that remember where they came
 * from (1-based line:column), built from libyaml's event API.
 *
 * The builder enforces the input rules that libyaml leaves to its users:
 * one document, nesting at most WM_YAML_MAX_DEPTH deep, a small bound on
 * aliases and on what they expand to, no duplicate mapping keys, no tags but
 * the core ones.  Scalars keep their text verbatim: typing them is the
 * schema's job (schema.c), not YAML's.
 *
 * Every node, string and array lives in the arena passed to wm_yaml_parse;
 * aliases point at the anchored node, so a subtree may be shared.
 */
#ifndef WM_YTREE_H
#define WM_YTREE_H

#include "../base/util.h"

#define WM_YAML_MAX_DEPTH       64
#define WM_YAML_MAX_ALIASES     256
#define WM_YAML_MAX_ANCHORS     256
#define WM_YAML_MAX_ALIAS_NODES 100000 /* nodes that aliases may add */
#define WM_YAML_MAX_SCALAR      (1024 * 1024)

typedef enum { WM_YSCALAR, WM_YSEQ, WM_YMAP } wm_ykind;

typedef struct wm_ynode {
    wm_ykind kind;
    bool plain;       /* scalar: written without quotes and not tagged !!str */
    bool tagged;      /* scalar: carried an explicit tag (only !!str is allowed) */
    wm_pos pos;       /* where the node starts */
    const char *text; /* scalar text, NUL-terminated; no controls (check_characters) */
    size_t len;
    struct wm_ynode **items; /* seq: n items; map: n pairs as key, value */
    size_t n;
    size_t weight; /* nodes in the subtree, counting through aliases */
} wm_ynode;

/* Map helpers: the key and value of pair i. */
static inline const wm_ynode *wm_ymap_key(const wm_ynode *m, size_t i)
{
    return m->items[2 * i];
}
static inline const wm_ynode *wm_ymap_value(const wm_ynode *m, size_t i)
{
    return m->items[2 * i + 1];
}

/* The value under `key` in a mapping, or NULL. */
const wm_ynode *wm_ymap_get(const wm_ynode *m, const char *key);

/* True for a plain scalar that YAML reads as null: empty, ~, null, Null, NULL. */
bool wm_ynode_is_null(const wm_ynode *n);

/* Human name of a node's kind for messages: "a mapping", "a list", ... */
const char *wm_ynode_describe(const wm_ynode *n);

/* Positions as an editor shows them, for the tree and for columns found
 * in a file's text: a line ends at LF, CR or CR LF (not at NEL, LS or PS,
 * which YAML 1.1 and libyaml also count), and a column counts code points.
 * Moves *off past one character of the UTF-8 `text` (a byte that starts no
 * valid character is one) and *pos with it. */
void wm_text_step(const char *text, size_t len, size_t *off, wm_pos *pos);

/* Where bytes [off, off + len) of scalar `n`'s text are in the file's
 * bytes `src` (of `src_len`): the place of the same bytes in the source
 * from the node on, counting those before them in the text (an escape or
 * a folded line moves nothing else; the first 16 bytes stand for a longer
 * token).  Costs a pass over the file: for reports only.  The node's own
 * position when the bytes are not found as written, or the file is UTF-16. */
wm_pos wm_ynode_text_pos(const char *src, size_t src_len, const wm_ynode *n, size_t off,
                         size_t len);

/* What no scalar may hold once unescaped (ytree.c, "Characters no value may
 * hold"): C0 controls but tab and line feed, DEL and C1 controls; the
 * bidirectional embeddings, overrides and isolates; noncharacters.  The
 * one rule, for whatever else writes text an engagement will hold. */
typedef enum { WM_CH_OK, WM_CH_CONTROL, WM_CH_BIDI, WM_CH_NONCHARACTER } wm_char_class;
wm_char_class wm_char_class_of(uint32_t c);

/* Parse `len` bytes.  Returns the root node, or NULL after reporting errors to
 * `diags` under the name `file`.  An empty stream reports an error too. */
wm_ynode *wm_yaml_parse(wm_arena *arena, const char *file, const char *data, size_t len,
                        wm_diags *diags);

#endif /* WM_YTREE_H */
