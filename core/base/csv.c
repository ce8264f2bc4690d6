/*
 * csv.c - RFC 4180 cells with formula injection neutralised (see csv.h).
 */
#include "csv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

/* What a spreadsheet reads as the start of a formula (OWASP). */
static bool formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void wm_csv_text(wm_buf *out, const char *s, size_t len)
{
    if (!s || len == 0)
        return;
    bool neutralise = formula_start(s[0]);
    bool quote = neutralise;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        wm_buf_put(out, s, len);
        return;
    }
    wm_buf_putc(out, '"');
    if (neutralise)
        wm_buf_putc(out, '\'');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            wm_buf_putc(out, '"');
        wm_buf_putc(out, s[i]);
    }
    wm_buf_putc(out, '"');
}

void wm_csv_str(wm_buf *out, const char *s)
{
    if (s)
        wm_csv_text(out, s, strlen(s));
}

void wm_csv_int(wm_buf *out, long long v)
{
    wm_buf_printf(out, "%lld", v);
}

void wm_csv_number(wm_buf *out, double v, int decimals)
{
    if (!isfinite(v))
        return;
    if (decimals < 0) {
        wm_json_number(out, v); /* the shortest exact form; 0 for -0 */
        return;
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
    }
    wm_buf_puts(out, strcmp(buf, "-0") == 0 ? "0" : buf);
}

void wm_csv_next(wm_buf *out)
{
    wm_buf_putc(out, ',');
}

void wm_csv_end(wm_buf *out)
{
    wm_buf_puts(out, "\r\n");
}

void wm_csv_header(wm_buf *out, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            wm_csv_next(out);
        wm_csv_str(out, names[i]);
    }
    wm_csv_end(out);
}
