/*
 * scalar.c - strict readings of scalar text (see scalar.h).
 */
#include "scalar.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ci_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        if (x != *b)
            return false;
    }
    return *a == *b;
}

wm_numerr wm_parse_number(const char *s, size_t len, double *out)
{
    if (len == 0)
        return WM_NUM_EMPTY;
    if (memchr(s, '\0', len) || len > 64)
        return WM_NUM_SYNTAX;
    const char *p = s;
    if (*p == '+')
        return is_digit(p[1]) || p[1] == '.' ? WM_NUM_PLUS : WM_NUM_SYNTAX;
    const char *body = *p == '-' ? p + 1 : p;
    if (ci_equal(body, ".inf") || ci_equal(body, ".nan") || ci_equal(body, "inf") ||
        ci_equal(body, "nan") || ci_equal(body, "infinity"))
        return WM_NUM_INF_NAN;
    if (body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))
        return WM_NUM_HEX;
    if (body[0] == '0' && (body[1] == 'o' || body[1] == 'O'))
        return WM_NUM_OCTAL;
    if (body[0] == '0' && (body[1] == 'b' || body[1] == 'B'))
        return WM_NUM_BINARY;
    bool digits = false;
    for (const char *q = body; *q; q++) {
        if (*q == '_' && digits)
            return WM_NUM_UNDERSCORE;
        if (*q == ':' && digits)
            return WM_NUM_SEXAGESIMAL;
        if (is_digit(*q))
            digits = true;
    }
    p = body;
    size_t int_digits = 0;
    while (is_digit(*p))
        p++, int_digits++;
    if (int_digits > 1 && body[0] == '0')
        return WM_NUM_LEADING_ZERO;
    size_t frac_digits = 0;
    if (*p == '.') {
        p++;
        while (is_digit(*p))
            p++, frac_digits++;
    }
    if (int_digits + frac_digits == 0)
        return WM_NUM_SYNTAX;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!is_digit(*p))
            return WM_NUM_SYNTAX;
        while (is_digit(*p))
            p++;
    }
    if ((size_t)(p - s) != len)
        return WM_NUM_SYNTAX;
    errno = 0;
    double v = strtod(s, NULL);
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return WM_NUM_RANGE;
    if (v == 0.0)
        v = 0.0; /* no negative zero */
    *out = v;
    return WM_NUM_OK;
}

const char *wm_number_hint(wm_numerr e, const char *text, char *buf, size_t size)
{
    const char *t = text[0] == '-' ? text + 1 : text;
    switch (e) {
    case WM_NUM_LEADING_ZERO: {
        size_t z = 0;
        while (t[z] == '0' && is_digit(t[z + 1]))
            z++;
        snprintf(buf, size, "numbers have no leading zeros: write %s%.40s",
                 text[0] == '-' ? "-" : "", t + z);
        return buf;
    }
    case WM_NUM_PLUS:
        snprintf(buf, size, "write the number without '+': %.40s", text + 1);
        return buf;
    case WM_NUM_UNDERSCORE:
        return "write the number without '_' separators (1000, not 1_000)";
    case WM_NUM_HEX:
    case WM_NUM_OCTAL:
    case WM_NUM_BINARY:
        return "write the number in decimal";
    case WM_NUM_SEXAGESIMAL:
        return "write one decimal number; 'a:b' forms are not numbers here";
    case WM_NUM_INF_NAN:
        return "use a finite decimal number";
    case WM_NUM_RANGE:
        return "the number is too large to represent";
    case WM_NUM_EMPTY:
        return "give a value";
    case WM_NUM_SYNTAX:
    case WM_NUM_OK:
        break;
    }
    return "write a plain decimal number such as 12, -3, 12.5 or 1e3";
}

bool wm_parse_date(const char *s, wm_date *d)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !is_digit(s[i]))
            return false;
    int y = atoi(s), m = atoi(s + 5), day = atoi(s + 8);
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || m < 1 || m > 12 || day < 1)
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = mdays[m - 1] + (m == 2 && leap ? 1 : 0);
    if (day > max)
        return false;
    d->year = y;
    d->month = m;
    d->day = day;
    return true;
}

bool wm_valid_id(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' ||
              c == '.' || c == '-'))
            return false;
    }
    return true;
}
