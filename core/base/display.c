/*
 * display.c - the display rules every human-facing output shares (see
 * display.h): money and grouped numbers, significant digits, parts that add
 * up to their total, and quarters.
 */
#include "display.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- quarters ---- */

bool wm_parse_quarter(const char *s, wm_quarter *q)
{
    if (strlen(s) != 7)
        return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    if (s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4')
        return false;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (year < 1000)
        return false;
    *q = year * 4 + (s[6] - '1');
    return true;
}

char *wm_quarter_format(wm_quarter q, char *buf, size_t size)
{
    if (q == WM_NO_QUARTER)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%d-Q%d", q / 4, q % 4 + 1);
    return buf;
}

char *wm_quarter_label(wm_quarter q, char *buf, size_t size)
{
    if (q == WM_NO_QUARTER)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "Q%d %d", q % 4 + 1, q / 4);
    return buf;
}

/* ---- money and numbers ---- */

void wm_format_grouped(char *buf, size_t size, double v, int decimals, const wm_currency *c)
{
    const char *group = c && c->group ? c->group : ",";
    const char *dec = c && c->decimal ? c->decimal : ".";
    char digits[400];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    size_t int_len = strcspn(digits, ".");
    wm_buf o;
    wm_buf_init(&o);
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            wm_buf_puts(&o, group);
        wm_buf_putc(&o, digits[i]);
    }
    if (digits[int_len] == '.') {
        wm_buf_puts(&o, dec);
        wm_buf_puts(&o, digits + int_len + 1);
    }
    snprintf(buf, size, "%s", o.data);
    wm_buf_free(&o);
}

void wm_money_affix(char *buf, size_t size, bool negative, const char *number, const wm_currency *c)
{
    const char *sign = negative ? "-" : "";
    const char *sym = c ? c->symbol : "";
    const char *space = c && c->space ? "\xC2\xA0" : "";
    if (c && c->symbol_after)
        snprintf(buf, size, "%s%s%s%s", sign, number, space, sym);
    else
        snprintf(buf, size, "%s%s%s%s", sign, sym, space, number);
}

void wm_format_money(char *buf, size_t size, double amount, const wm_currency *c)
{
    double r = round(amount); /* half away from zero */
    char grouped[128];
    wm_format_grouped(grouped, sizeof grouped, r, 0, c);
    wm_money_affix(buf, size, r < 0, grouped, c);
}

double wm_round_sig(double x, int digits)
{
    if (x == 0 || !isfinite(x))
        return x;
    char buf[64];
    /* printf rounds the exact binary value; exact ties go to even. */
    snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
    return strtod(buf, NULL);
}

/* ---- parts of a total ---- */

void wm_largest_remainder(const double *parts, size_t n, int decimals, long long *out)
{
    double scale = pow(10.0, decimals);
    double total = 0;
    for (size_t i = 0; i < n; i++)
        total += parts[i];
    long long want = llround(total * scale); /* half away from zero */
    long long have = 0;
    double *rem = wm_xmalloc((n + 1) * sizeof *rem);
    for (size_t i = 0; i < n; i++) {
        double x = parts[i] * scale;
        out[i] = (long long)floor(x);
        rem[i] = x - floor(x);
        have += out[i];
    }
    /* Hand the missing units to the largest remainders, earlier rows first on
     * ties; take surplus units (possible with negative parts) from the
     * smallest. */
    while (have < want) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (rem[i] >= 0 && (best == n || rem[i] > rem[best]))
                best = i;
        if (best == n)
            break;
        out[best]++;
        rem[best] = -1;
        have++;
    }
    while (have > want) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (rem[i] <= 1 && rem[i] >= 0 && (best == n || rem[i] < rem[best]))
                best = i;
        if (best == n)
            break;
        out[best]--;
        rem[best] = 2;
        have--;
    }
    free(rem);
}

char *wm_date_label(const wm_date *d, char *buf, size_t size)
{
    static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    if (d->month < 1 || d->month > 12)
        snprintf(buf, size, "%s", "");
    else
        snprintf(buf, size, "%d %s %d", d->day, MONTHS[d->month - 1], d->year);
    return buf;
}
