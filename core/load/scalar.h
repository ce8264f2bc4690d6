/*
 * scalar.h - strict readings of scalar text: numbers, quarters, dates, ids.
 *
 * YAML's implicit typing (`NO` is false, `012` is octal, `1_000` is 1000) is
 * exactly what engagement files must not get, so each field's type decides
 * how its text is read, and only plain decimals are numbers.
 */
#ifndef WM_SCALAR_H
#define WM_SCALAR_H

#include "../base/display.h"
#include "../base/util.h"

typedef enum {
    WM_NUM_OK,
    WM_NUM_EMPTY,
    WM_NUM_SYNTAX,
    WM_NUM_LEADING_ZERO,
    WM_NUM_PLUS,
    WM_NUM_UNDERSCORE,
    WM_NUM_HEX,
    WM_NUM_OCTAL,
    WM_NUM_BINARY,
    WM_NUM_SEXAGESIMAL,
    WM_NUM_INF_NAN,
    WM_NUM_RANGE
} wm_numerr;

/* Read a plain decimal: -?digits[.digits][e[+-]digits], or .5 */
wm_numerr wm_parse_number(const char *s, size_t len, double *out);

/* A hint for a number error (a static string or written into buf). */
const char *wm_number_hint(wm_numerr e, const char *text, char *buf, size_t size);

/* "YYYY-MM-DD", a real calendar date. */
bool wm_parse_date(const char *s, wm_date *d);

/* [A-Za-z0-9_.-]+ */
bool wm_valid_id(const char *s, size_t len);

#endif /* WM_SCALAR_H */
