/*
 * display.h - the display rules of the method (docs/method.md, "Display")
 * that every human-facing output shares: the PDF's layout, the document
 * plugins (through the `waymark` module), Markdown, HTML, CSV and the
 * portfolio.  One place, so that a figure reads the same everywhere.
 *
 *   - money: whole currency units, rounded half away from zero, grouped and
 *     with the symbol placed as the currency writes it;
 *   - parts of a total rounded so that they add up to the rounded total
 *     (largest remainder);
 *   - quarters: "YYYY-Qn" in data, read and written here.
 */
#ifndef WM_BASE_DISPLAY_H
#define WM_BASE_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "../waymark.h"

/* "YYYY-Qn" (year 1000 or later) -> year * 4 + n - 1; false otherwise. */
bool wm_parse_quarter(const char *s, wm_quarter *q);

/* A quarter as readers see it: "Q3 2027" (buf: at least 16 bytes). */
char *wm_quarter_label(wm_quarter q, char *buf, size_t size);

/* A day as readers see it: "20 November 2026"; "" for a month outside
 * 1..12.  buf: at least 32 bytes. */
char *wm_date_label(const wm_date *d, char *buf, size_t size);

/* Whole currency units, rounded half away from zero, with the currency's
 * symbol and grouping ("£1,234,568", "1 234 568 zł").  `c` may be NULL. */
void wm_format_money(char *buf, size_t size, double amount, const wm_currency *c);

/* |v| with `decimals` decimals, thousands grouped and the decimal mark as
 * the currency writes them (commas and a point when `c` is NULL); no sign. */
void wm_format_grouped(char *buf, size_t size, double v, int decimals, const wm_currency *c);

/* A number already formatted, with the sign and the currency's symbol
 * placed as the currency writes money ("-£1.2m", "1,2m zł"). */
void wm_money_affix(char *buf, size_t size, bool negative, const char *number,
                    const wm_currency *c);

/* x rounded to `digits` significant digits, exact ties to even. */
double wm_round_sig(double x, int digits);

/* Round `parts` to `decimals` places so that they add up to their total
 * rounded the same way (half away from zero): floor each, then give the
 * missing units to the largest remainders, earlier parts first on ties.
 * `out` receives each part in units of 10^-decimals. */
void wm_largest_remainder(const double *parts, size_t n, int decimals, long long *out);

#endif /* WM_BASE_DISPLAY_H */
