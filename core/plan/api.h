/*
 * api.h - host helpers behind the `waymark` Lua module that C code uses too.
 */
#ifndef WM_API_H
#define WM_API_H

#include <stdbool.h>
#include <stddef.h>

#include "../waymark.h"

#define WM_API_VERSION 1

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

/* Add the document constructors to the `waymark` table on top of the stack
 * (api_document.c). */
struct lua_State;
void wm_api_open_document(struct lua_State *L);

#endif /* WM_API_H */
