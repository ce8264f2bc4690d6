/*
 * schema.c - typed getters over the YAML tree (see schema.h).
 */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vreport(wm_schema *s, wm_severity sev, wm_pos pos, const char *hint, const char *fmt,
                    va_list ap) WM_PRINTF(5, 0);

static void vreport(wm_schema *s, wm_severity sev, wm_pos pos, const char *hint, const char *fmt,
                    va_list ap)
{
    char *msg = wm_xvasprintf(fmt, ap);
    wm_diag_add(s->diags, sev, s->file, pos, msg, hint);
    free(msg);
}

void wm_schema_error(wm_schema *s, wm_pos pos, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(s, WM_ERROR, pos, hint, fmt, ap);
    va_end(ap);
}

void wm_schema_warning(wm_schema *s, wm_pos pos, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(s, WM_WARNING, pos, hint, fmt, ap);
    va_end(ap);
}

/* The field's full name for a message: the schema's prefix and `what`. */
static const char *full(const wm_schema *s, const char *what, char *buf, size_t size)
{
    if (!s->where || strncmp(what, s->where, strlen(s->where)) == 0)
        return what;
    snprintf(buf, size, "%s %s", s->where, what);
    return buf;
}
#define FULL(what) full(s, (what), s->name_buf, sizeof s->name_buf)

const char *wm_schema_name(wm_schema *s, const char *what)
{
    return FULL(what);
}

/* "a list", "the text \"abc\"", "the number 12" - what the user wrote. */
static char *describe(const wm_ynode *n)
{
    if (n->kind != WM_YSCALAR)
        return wm_xstrdup(wm_ynode_describe(n));
    if (wm_ynode_is_null(n))
        return wm_xstrdup("an empty value");
    char *q = wm_quote(n->text, n->len, 40);
    char *r = wm_xasprintf("'%s'", q);
    free(q);
    return r;
}

bool wm_expect_map(wm_schema *s, const wm_ynode *n, const char *what)
{
    if (n->kind == WM_YMAP)
        return true;
    char *d = describe(n);
    wm_schema_error(s, n->pos, "write it as indented 'key: value' lines or { key: value }",
                    "expected a mapping for '%s', got %s", FULL(what), d);
    free(d);
    return false;
}

bool wm_expect_seq(wm_schema *s, const wm_ynode *n, const char *what)
{
    if (n->kind == WM_YSEQ)
        return true;
    char *d = describe(n);
    wm_schema_error(s, n->pos, "write a list as '- item' lines or [a, b]",
                    "expected a list for '%s', got %s", FULL(what), d);
    free(d);
    return false;
}

int wm_key_index(wm_schema *s, const wm_ynode *key, const char *const *keys, const char *where)
{
    for (int i = 0; keys[i]; i++)
        if (strlen(keys[i]) == key->len && memcmp(keys[i], key->text, key->len) == 0)
            return i;
    char *q = wm_quote(key->text, key->len, 40);
    const char *near = wm_suggest_list(q, keys);
    if (near) {
        for (int i = 0; keys[i]; i++)
            if (keys[i] == near)
                s->suggested |= (uint64_t)1 << i;
        wm_schema_error(s, key->pos, NULL, "unknown key '%s' in %s (did you mean '%s'?)", q,
                        FULL(where), near);
    } else {
        /* List what is allowed when there is no close match. */
        char hint[300];
        size_t len = (size_t)snprintf(hint, sizeof hint, "expected one of:");
        for (int i = 0; keys[i] && len < sizeof hint - 1; i++)
            len += (size_t)snprintf(hint + len, sizeof hint - len, "%s %s", i ? "," : "", keys[i]);
        wm_schema_error(s, key->pos, hint, "unknown key '%s' in %s", q, FULL(where));
    }
    free(q);
    return -1;
}

void wm_require_keys(wm_schema *s, wm_pos pos, const char *where, const char *const *keys,
                     uint64_t required, uint64_t seen)
{
    for (int i = 0; keys[i]; i++) {
        uint64_t bit = (uint64_t)1 << i;
        /* A misspelt key already reported with "did you mean" is not also missing. */
        if ((required & bit) && !(seen & bit) && !(s->suggested & bit))
            wm_schema_error(s, pos, NULL, "%s is missing the required key '%s'", FULL(where),
                            keys[i]);
    }
    s->suggested = 0;
}

static bool scalar_or_report(wm_schema *s, const wm_ynode *n, const char *what, const char *want,
                             const char *hint)
{
    if (n->kind == WM_YSCALAR && !wm_ynode_is_null(n))
        return true;
    char *d = describe(n);
    wm_schema_error(s, n->pos, hint, "expected %s for '%s', got %s", want, FULL(what), d);
    free(d);
    return false;
}

const char *wm_get_text(wm_schema *s, const wm_ynode *n, const char *what, bool nonempty)
{
    if (n->kind == WM_YSCALAR && wm_ynode_is_null(n) && !nonempty && n->len == 0)
        return "";
    if (!scalar_or_report(s, n, what, "text", NULL))
        return NULL;
    if (nonempty) {
        bool blank = true;
        for (size_t i = 0; i < n->len && blank; i++)
            blank = n->text[i] == ' ' || n->text[i] == '\t' || n->text[i] == '\n';
        if (blank) {
            wm_schema_error(s, n->pos, NULL, "'%s' must not be blank", FULL(what));
            return NULL;
        }
    }
    return n->text;
}

static bool read_number(wm_schema *s, const wm_ynode *n, const char *what, double *out)
{
    if (!scalar_or_report(s, n, what, "a number", NULL))
        return false;
    double v = 0;
    wm_numerr e = wm_parse_number(n->text, n->len, &v);
    if (e == WM_NUM_OK && !n->plain) {
        wm_schema_error(s, n->pos, n->tagged ? "remove the '!!str' tag" : "remove the quotes",
                        "expected a number for '%s', got the text '%s'", FULL(what), n->text);
        return false;
    }
    if (e != WM_NUM_OK) {
        char hint[120];
        char *q = wm_quote(n->text, n->len, 40);
        const char *h = wm_number_hint(e, q, hint, sizeof hint);
        const char *why = e == WM_NUM_LEADING_ZERO  ? " (leading zero)"
                          : e == WM_NUM_PLUS        ? " (leading '+')"
                          : e == WM_NUM_UNDERSCORE  ? " (underscores)"
                          : e == WM_NUM_HEX         ? " (hexadecimal)"
                          : e == WM_NUM_OCTAL       ? " (octal)"
                          : e == WM_NUM_BINARY      ? " (binary)"
                          : e == WM_NUM_SEXAGESIMAL ? " (sexagesimal)"
                          : e == WM_NUM_RANGE       ? " (out of range)"
                                                    : "";
        wm_schema_error(s, n->pos, h, "expected a number for '%s', got '%s'%s", FULL(what), q, why);
        free(q);
        return false;
    }
    *out = v;
    return true;
}

/* %g but never in exponent form for ordinary magnitudes. */
static void fmt_num(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.15g", v);
}

bool wm_get_number_hint(wm_schema *s, const wm_ynode *n, const char *what, double min, double max,
                        const char *hint, double *out)
{
    double v;
    if (!read_number(s, n, what, &v))
        return false;
    if (v < min || v > max) {
        char a[32], b[32], c[32];
        fmt_num(a, sizeof a, min);
        fmt_num(b, sizeof b, max);
        fmt_num(c, sizeof c, v);
        if (max >= 1e300)
            wm_schema_error(s, n->pos, hint, "'%s' must be at least %s, got %s", FULL(what), a, c);
        else
            wm_schema_error(s, n->pos, hint, "'%s' must be between %s and %s, got %s", FULL(what),
                            a, b, c);
        return false;
    }
    *out = v;
    return true;
}

bool wm_get_number(wm_schema *s, const wm_ynode *n, const char *what, double min, double max,
                   double *out)
{
    return wm_get_number_hint(s, n, what, min, max, NULL, out);
}

bool wm_get_number_above(wm_schema *s, const wm_ynode *n, const char *what, double above,
                         double *out)
{
    double v;
    if (!read_number(s, n, what, &v))
        return false;
    if (!(v > above)) {
        char a[32], c[32];
        fmt_num(a, sizeof a, above);
        fmt_num(c, sizeof c, v);
        wm_schema_error(s, n->pos, NULL, "'%s' must be greater than %s, got %s", FULL(what), a, c);
        return false;
    }
    *out = v;
    return true;
}

bool wm_get_int(wm_schema *s, const wm_ynode *n, const char *what, long min, long max, long *out)
{
    double v;
    if (!read_number(s, n, what, &v))
        return false;
    if (v < (double)min || v > (double)max) {
        wm_schema_error(s, n->pos, NULL, "'%s' must be between %ld and %ld, got %s", FULL(what),
                        min, max, n->text);
        return false;
    }
    if (v != (double)(long)v) {
        wm_schema_error(s, n->pos, NULL, "'%s' must be a whole number, got %s", FULL(what),
                        n->text);
        return false;
    }
    if ((long)v < min || (long)v > max) {
        wm_schema_error(s, n->pos, NULL, "'%s' must be between %ld and %ld, got %s", FULL(what),
                        min, max, n->text);
        return false;
    }
    *out = (long)v;
    return true;
}

bool wm_get_bool(wm_schema *s, const wm_ynode *n, const char *what, bool *out)
{
    if (n->kind == WM_YSCALAR && n->plain && strcmp(n->text, "true") == 0) {
        *out = true;
        return true;
    }
    if (n->kind == WM_YSCALAR && n->plain && strcmp(n->text, "false") == 0) {
        *out = false;
        return true;
    }
    char *d = describe(n);
    wm_schema_error(s, n->pos, "write true or false", "expected true or false for '%s', got %s",
                    FULL(what), d);
    free(d);
    return false;
}

bool wm_get_quarter(wm_schema *s, const wm_ynode *n, const char *what, wm_quarter *out)
{
    if (!scalar_or_report(s, n, what, "a quarter", "write a quarter as YYYY-Qn, such as 2027-Q1"))
        return false;
    if (!wm_parse_quarter(n->text, out)) {
        char *q = wm_quote(n->text, n->len, 40);
        wm_schema_error(s, n->pos, "write a quarter as YYYY-Qn, such as 2027-Q1",
                        "'%s' is not a quarter: '%s'", FULL(what), q);
        free(q);
        return false;
    }
    return true;
}

bool wm_get_date(wm_schema *s, const wm_ynode *n, const char *what, wm_date *out)
{
    if (!scalar_or_report(s, n, what, "a date", "write a date as YYYY-MM-DD"))
        return false;
    if (!wm_parse_date(n->text, out)) {
        char *q = wm_quote(n->text, n->len, 40);
        wm_schema_error(s, n->pos, "write a real calendar date as YYYY-MM-DD, such as 2026-11-20",
                        "'%s' is not a date: '%s'", FULL(what), q);
        free(q);
        return false;
    }
    return true;
}

const char *wm_get_id(wm_schema *s, const wm_ynode *n, const char *what)
{
    if (!scalar_or_report(s, n, what, "an id", NULL))
        return NULL;
    if (!wm_valid_id(n->text, n->len)) {
        char *q = wm_quote(n->text, n->len, 40);
        wm_schema_error(s, n->pos,
                        "ids are 1 to 64 characters of letters, digits, '_', '.' and '-'",
                        "'%s' is not a valid id: '%s'", FULL(what), q);
        free(q);
        return NULL;
    }
    return n->text;
}

int wm_get_enum(wm_schema *s, const wm_ynode *n, const char *what, const char *const *values)
{
    if (n->kind == WM_YSCALAR && !wm_ynode_is_null(n))
        for (int i = 0; values[i]; i++)
            if (strcmp(values[i], n->text) == 0)
                return i;
    char *d = describe(n);
    char hint[200];
    size_t len = (size_t)snprintf(hint, sizeof hint, "expected one of:");
    for (int i = 0; values[i] && len < sizeof hint - 1; i++)
        len += (size_t)snprintf(hint + len, sizeof hint - len, "%s %s", i ? "," : "", values[i]);
    const char *near = n->kind == WM_YSCALAR ? wm_suggest_list(n->text, values) : NULL;
    if (near)
        snprintf(hint, sizeof hint, "did you mean '%s'?", near);
    wm_schema_error(s, n->pos, hint, "'%s' cannot be %s", FULL(what), d);
    free(d);
    return -1;
}

bool wm_get_text_list(wm_schema *s, const wm_ynode *n, const char *what, bool ids,
                      const char ***out, size_t *count)
{
    if (n->kind == WM_YSCALAR && !wm_ynode_is_null(n)) {
        char *q = wm_quote(n->text, n->len, 40);
        char hint[120];
        snprintf(hint, sizeof hint, "write a list, even of one item: [%s]", q);
        wm_schema_error(s, n->pos, hint, "expected a list for '%s', got '%s'", FULL(what), q);
        free(q);
        return false;
    }
    if (wm_ynode_is_null(n)) {
        *out = NULL;
        *count = 0;
        return true;
    }
    if (!wm_expect_seq(s, n, what))
        return false;
    const char **items = WM_ARENA_NEW(s->arena, const char *, n->n + 1);
    bool ok = true;
    for (size_t i = 0; i < n->n; i++) {
        const char *v =
            ids ? wm_get_id(s, n->items[i], what) : wm_get_text(s, n->items[i], what, true);
        if (!v)
            ok = false;
        items[i] = v;
    }
    *out = items;
    *count = n->n;
    return ok;
}
