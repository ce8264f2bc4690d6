/*
 * display.h - method.md's display rules shared by every human-facing output.
 */
#ifndef WM_DISPLAY_H
#define WM_DISPLAY_H

#include <stddef.h>

/* Round `parts` to `decimals` places so that they add up to their total
 * rounded the same way (half away from zero): floor each, then give the
 * missing units to the largest remainders, earlier parts first on ties.
 * `out` receives each part in units of 10^-decimals. */
void wm_largest_remainder(const double *parts, size_t n, int decimals, long long *out);

#endif /* WM_DISPLAY_H */
