/*
 * diff_value.c - reading plan and change-set values, for the comparison,
 * its summary and its printers (see diff_int.h).
 */
#include <math.h>

#include "diff.h"
#include "diff_int.h"

const wm_value *wm_diff_list(const wm_value *plan, const char *key)
{
    const wm_value *l = wm_vobj_get(plan, key);
    return l && l->kind == WM_VARR ? l : NULL;
}

bool wm_diff_same_number(double x, double y)
{
    double scale = fmax(1.0, fmax(fabs(x), fabs(y)));
    return fabs(x - y) <= 1e-9 * scale;
}

bool wm_diff_changed(const wm_value *d)
{
    const wm_value *c = wm_vobj_get(d, "changed");
    return c && c->kind == WM_VBOOL && c->u.b;
}

const char *wm_diff_str(const wm_value *v, const char *key, const char *dflt)
{
    const char *s = v ? wm_vobj_str(v, key) : NULL;
    return s ? s : dflt;
}
