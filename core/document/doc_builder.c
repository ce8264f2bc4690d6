/*
 * doc_builder.c - the document builder's shared parts (doc_int.h): the path
 * to where a walk is and its first fault, the limits, fields, and text
 * (plain or runs).  doc.c (sections, the whole document), doc_blocks.c and
 * doc_chart.c build on these; this file calls none of them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_int.h"

/* ---- the builder ---- */

bool wm_db_bad(wm_doc_builder *b, const char *fmt, ...)
{
    if (b->err)
        return false;
    va_list ap;
    va_start(ap, fmt);
    b->what = wm_xvasprintf(fmt, ap);
    va_end(ap);
    b->where = wm_xstrdup(b->path);
    b->err = b->path[0] ? wm_xasprintf("%s: %s", b->path, b->what) : wm_xstrdup(b->what);
    return false;
}

/* Paths are built by hand (no snprintf): this runs for every node. */
static void path_append(wm_doc_builder *b, size_t at, const char *s, size_t n)
{
    if (at + n >= sizeof b->path)
        n = sizeof b->path - 1 - at; /* truncated, as snprintf would */
    memcpy(b->path + at, s, n);
    b->path[at + n] = '\0';
}

size_t wm_db_key(wm_doc_builder *b, const char *key)
{
    size_t old = strlen(b->path);
    path_append(b, old, ".", 1);
    path_append(b, strlen(b->path), key, strlen(key));
    return old;
}

size_t wm_db_index(wm_doc_builder *b, size_t i)
{
    size_t old = strlen(b->path);
    char seg[32];
    size_t n = 0;
    seg[n++] = '[';
    n += wm_utoa(i + 1, seg + n);
    seg[n++] = ']';
    path_append(b, old, seg, n);
    return old;
}

void wm_db_back(wm_doc_builder *b, size_t old)
{
    b->path[old] = '\0';
}

bool wm_db_count(wm_doc_builder *b, size_t *have, size_t n, size_t max, const char *what)
{
    *have += n;
    return *have <= max || wm_db_bad(b, "the document has more than %zu %s", max, what);
}

const wm_value *wm_db_field(const wm_value *obj, const char *key)
{
    const wm_value *v = wm_vobj_get(obj, key);
    return v && v->kind != WM_VNULL ? v : NULL;
}

bool wm_db_is_list(const wm_value *v)
{
    return v && v->kind == WM_VARR;
}

const char *wm_db_copy(wm_doc_builder *b, const char *s)
{
    return wm_arena_strdup(b->arena, s);
}

bool wm_db_fields(wm_doc_builder *b, const wm_value *v, const char *const *known)
{
    for (size_t i = 0; i < v->u.obj.n; i++) {
        const char *k = v->u.obj.pairs[i].key;
        bool ok = strcmp(k, "type") == 0;
        for (int j = 0; known[j] && !ok; j++)
            ok = strcmp(k, known[j]) == 0;
        if (!ok) {
            const char *near = wm_suggest_list(k, known);
            return near ? wm_db_bad(b, "unknown field '%s' (did you mean '%s'?)", k, near)
                        : wm_db_bad(b, "unknown field '%s'", k);
        }
    }
    return true;
}

bool wm_db_opt_text(wm_doc_builder *b, const wm_value *obj, const char *key)
{
    const wm_value *v = wm_db_field(obj, key);
    return !v || v->kind == WM_VSTR || wm_db_bad(b, "%s must be text", key);
}

bool wm_db_strings(wm_doc_builder *b, const wm_value *v, const char *what, const char ***out)
{
    if (!wm_db_is_list(v))
        return wm_db_bad(b, "%s must be a list of texts", what);
    for (size_t i = 0; i < v->u.arr.n; i++)
        if (v->u.arr.items[i]->kind != WM_VSTR)
            return wm_db_bad(b, "%s[%zu] is not text", what, i + 1);
    if (out) {
        *out = WM_ARENA_NEW(b->arena, const char *, v->u.arr.n + 1);
        for (size_t i = 0; i < v->u.arr.n; i++)
            (*out)[i] = wm_db_copy(b, v->u.arr.items[i]->u.str.s);
    }
    return true;
}

/* ---- text ---- */

static bool count_run(wm_doc_builder *b, const char *text)
{
    return wm_db_count(b, &b->runs, 1, WM_DOC_MAX_RUNS, "runs of text") &&
           wm_db_count(b, &b->text, strlen(text), WM_DOC_MAX_TEXT, "bytes of text");
}

static bool is_url(const char *s)
{
    return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0 ||
           strncmp(s, "mailto:", 7) == 0;
}

static bool run(wm_doc_builder *b, const wm_value *r, wm_run *out)
{
    if (r->kind == WM_VSTR) {
        if (!count_run(b, r->u.str.s))
            return false;
        out->text = wm_db_copy(b, r->u.str.s);
        return true;
    }
    if (r->kind != WM_VOBJ)
        return wm_db_bad(b, "a run is text or { text, bold, italic, link }");
    const char *t = wm_vobj_str(r, "text");
    if (!t)
        return wm_db_bad(b, "a run needs its text");
    if (!count_run(b, t))
        return false;
    out->text = wm_db_copy(b, t);
    const wm_value *bold = wm_db_field(r, "bold"), *italic = wm_db_field(r, "italic");
    if ((bold && bold->kind != WM_VBOOL) || (italic && italic->kind != WM_VBOOL))
        return wm_db_bad(b, "bold and italic are true or false");
    out->style =
        (bold && bold->u.b ? WM_RUN_BOLD : 0u) | (italic && italic->u.b ? WM_RUN_ITALIC : 0u);
    const char *link = wm_vobj_str(r, "link");
    if (wm_db_field(r, "link") && !link)
        return wm_db_bad(b, "a link is a URL text");
    if (link && !is_url(link))
        return wm_db_bad(b, "links must be http(s) or mailto URLs");
    if (link && strlen(link) > WM_DOC_MAX_URL)
        return wm_db_bad(b, "a link's URL has %zu bytes, more than %d", strlen(link),
                         WM_DOC_MAX_URL);
    if (link && !wm_db_count(b, &b->links, 1, WM_DOC_MAX_LINKS, "links"))
        return false;
    out->link = link ? wm_db_copy(b, link) : NULL;
    return true;
}

bool wm_db_text(wm_doc_builder *b, const wm_value *v, wm_text *out, bool allow_empty)
{
    out->runs = NULL;
    out->n = 0;
    if (!v)
        return allow_empty || wm_db_bad(b, "text is missing");
    if (v->kind == WM_VSTR) {
        out->runs = WM_ARENA_NEW(b->arena, wm_run, 1);
        out->n = 1;
        return run(b, v, &out->runs[0]);
    }
    if (!wm_db_is_list(v))
        return wm_db_bad(b, "expected text or a list of runs, got %s", wm_v_kind_name(v->kind));
    out->runs = WM_ARENA_NEW(b->arena, wm_run, v->u.arr.n + 1);
    for (size_t i = 0; i < v->u.arr.n; i++) {
        size_t old = wm_db_index(b, i);
        if (!run(b, v->u.arr.items[i], &out->runs[out->n]))
            return false;
        wm_db_back(b, old);
        out->n++;
    }
    return true;
}

char *wm_text_plain(const wm_text *t)
{
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < t->n; i++)
        wm_buf_puts(&b, t->runs[i].text);
    return wm_buf_steal(&b);
}
