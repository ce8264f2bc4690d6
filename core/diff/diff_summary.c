/*
 * diff_summary.c - the change set's summary in one sentence ("Three
 * initiatives moved later, one initiative was added and the expected cost
 * rose by £42,300 (3.4%)."), from its counts and totals (see diff_int.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/display.h"
#include "diff.h"
#include "diff_int.h"

typedef struct {
    const wm_currency *currency;
} printer;

static const char *words(long n, char *buf, size_t size)
{
    static const char *const W[] = {"no",   "one", "two",   "three", "four",
                                    "five", "six", "seven", "eight", "nine"};
    if (n >= 0 && n < 10)
        return W[n];
    snprintf(buf, size, "%ld", n);
    return buf;
}

static long counted(const wm_value *d, const char *key)
{
    const wm_value *c = wm_vobj_get(wm_vobj_get(d, "counts"), key);
    return c && c->kind == WM_VINT ? (long)c->u.i : 0;
}

/* Objectives whose at_risk turned to `now`: "O2 and O4". */
static void objectives_turned(const wm_value *d, bool now, wm_buf *b)
{
    const wm_value *l = wm_diff_list(d, "objectives");
    size_t n = 0, total = 0;
    for (size_t i = 0; l && i < l->u.arr.n; i++) {
        const wm_value *ch = wm_diff_list(l->u.arr.items[i], "changes");
        for (size_t k = 0; ch && k < ch->u.arr.n; k++) {
            const wm_value *c = ch->u.arr.items[k], *nv = wm_vobj_get(c, "new");
            if (strcmp(wm_diff_str(c, "field", ""), "at_risk") == 0 && nv && nv->kind == WM_VBOOL &&
                nv->u.b == now)
                total++;
        }
    }
    for (size_t i = 0; l && i < l->u.arr.n; i++) {
        const wm_value *ch = wm_diff_list(l->u.arr.items[i], "changes");
        for (size_t k = 0; ch && k < ch->u.arr.n; k++) {
            const wm_value *c = ch->u.arr.items[k], *nv = wm_vobj_get(c, "new");
            if (strcmp(wm_diff_str(c, "field", ""), "at_risk") != 0 || !nv ||
                nv->kind != WM_VBOOL || nv->u.b != now)
                continue;
            n++;
            wm_buf_printf(b, "%s%s",
                          n == 1       ? ""
                          : n == total ? " and "
                                       : ", ",
                          wm_diff_str(l->u.arr.items[i], "id", "?"));
        }
    }
}

/* The totals' change of `field`, or NULL. */
static const wm_value *total_change(const wm_value *d, const char *field)
{
    const wm_value *totals = wm_diff_list(d, "totals");
    for (size_t i = 0; totals && i < totals->u.arr.n; i++)
        if (strcmp(wm_diff_str(totals->u.arr.items[i], "field", ""), field) == 0)
            return totals->u.arr.items[i];
    return NULL;
}

/* "the budget rose to £1,500,000", and the fit when it turned: "the plan
 * now fits its budget" or "the plan is now over budget by £18,762". */
static void budget_phrases(const printer *p, const wm_value *d, char **phrases, size_t *np)
{
    char m[64];
    const wm_value *b = total_change(d, "budget");
    if (b) {
        const wm_value *o = wm_vobj_get(b, "old"), *n = wm_vobj_get(b, "new");
        if (n && wm_v_is_number(n)) {
            wm_format_money(m, sizeof m, wm_v_number(n), p->currency);
            phrases[(*np)++] =
                !o || !wm_v_is_number(o)
                    ? wm_xasprintf("a budget of %s was set", m)
                    : wm_xasprintf("the budget %s to %s",
                                   wm_v_number(n) < wm_v_number(o) ? "fell" : "rose", m);
        } else {
            phrases[(*np)++] = wm_xstrdup("the budget was removed");
        }
    }
    const wm_value *v = total_change(d, "variance");
    const wm_value *o = v ? wm_vobj_get(v, "old") : NULL, *n = v ? wm_vobj_get(v, "new") : NULL;
    if (o && n && wm_v_is_number(o) && wm_v_is_number(n) &&
        (wm_v_number(o) < 0) != (wm_v_number(n) < 0)) {
        wm_format_money(m, sizeof m, fabs(wm_v_number(n)), p->currency);
        phrases[(*np)++] = wm_v_number(n) < 0
                               ? wm_xasprintf("the plan is now over budget by %s", m)
                               : wm_xasprintf("the plan now fits its budget, with %s to spare", m);
    }
}

char *wm_diff_summary(const wm_value *d)
{
    printer p = {wm_currency_find(wm_diff_str(d, "currency", ""))};
    /* Phrases, joined as a list: "a, b and c". */
    char *phrases[16];
    size_t np = 0;
    char w[32];
    static const struct {
        const char *key, *one, *many;
    } COUNTS[] = {
        {"later", "initiative moved later", "initiatives moved later"},
        {"earlier", "initiative moved earlier", "initiatives moved earlier"},
        {"deferred", "initiative is now deferred", "initiatives are now deferred"},
        {"scheduled", "initiative is now scheduled", "initiatives are now scheduled"},
        {"added", "initiative was added", "initiatives were added"},
        {"removed", "initiative was removed", "initiatives were removed"},
        {"renamed", "initiative was renamed", "initiatives were renamed"},
        {"tier", "initiative changed tier", "initiatives changed tier"},
    };
    for (size_t i = 0; i < sizeof COUNTS / sizeof *COUNTS; i++) {
        long n = counted(d, COUNTS[i].key);
        if (n > 0)
            phrases[np++] = wm_xasprintf("%s %s", words(n, w, sizeof w),
                                         n == 1 ? COUNTS[i].one : COUNTS[i].many);
    }
    const wm_value *totals = wm_diff_list(d, "totals");
    for (size_t i = 0; totals && i < totals->u.arr.n; i++) {
        const wm_value *c = totals->u.arr.items[i], *delta = wm_vobj_get(c, "delta");
        if (strcmp(wm_diff_str(c, "field", ""), "cost") != 0 || !delta || !wm_v_is_number(delta))
            continue;
        char m[96];
        double dv = wm_v_number(delta), old = wm_v_number(wm_vobj_get(c, "old"));
        char amount[64];
        wm_format_money(amount, sizeof amount, fabs(dv), p.currency);
        if (fabs(old) > 0.5)
            snprintf(m, sizeof m, "%s (%.1f%%)", amount, fabs(dv) / fabs(old) * 100);
        else
            snprintf(m, sizeof m, "%s", amount);
        phrases[np++] = wm_xasprintf("the expected cost %s by %s", dv < 0 ? "fell" : "rose", m);
    }
    /* The end of the scheduled work, when it moved. */
    const wm_value *span = wm_vobj_get(d, "span");
    const wm_value *so = span ? wm_diff_list(span, "old") : NULL,
                   *sn = span ? wm_diff_list(span, "new") : NULL;
    wm_quarter qo, qn;
    if (so && sn && so->u.arr.n == 2 && sn->u.arr.n == 2 && so->u.arr.items[1]->kind == WM_VSTR &&
        sn->u.arr.items[1]->kind == WM_VSTR && wm_parse_quarter(so->u.arr.items[1]->u.str.s, &qo) &&
        wm_parse_quarter(sn->u.arr.items[1]->u.str.s, &qn) && qo != qn) {
        char a1[16], a2[16];
        phrases[np++] =
            wm_xasprintf("the roadmap now ends in %s (was %s)", wm_quarter_label(qn, a1, sizeof a1),
                         wm_quarter_label(qo, a2, sizeof a2));
    }
    budget_phrases(&p, d, phrases, &np);
    for (int now = 1; now >= 0; now--) {
        wm_buf b;
        wm_buf_init(&b);
        objectives_turned(d, now != 0, &b);
        if (b.len)
            phrases[np++] = wm_xasprintf("%s %s now %s", b.data, strchr(b.data, ' ') ? "are" : "is",
                                         now ? "at risk" : "on track");
        wm_buf_free(&b);
    }
    const wm_value *method = wm_diff_list(d, "method");
    if (method && method->u.arr.n)
        phrases[np++] = wm_xasprintf("the method changed (%zu plugin%s)", method->u.arr.n,
                                     method->u.arr.n == 1 ? "" : "s");
    if (np == 0)
        phrases[np++] = wm_xstrdup(wm_diff_changed(d) ? "details changed" : "nothing changed");
    wm_buf b;
    wm_buf_init(&b);
    for (size_t i = 0; i < np; i++) {
        wm_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == np ? " and " : ", ", phrases[i]);
        free(phrases[i]);
    }
    wm_buf_putc(&b, '.');
    if (b.data[0] >= 'a' && b.data[0] <= 'z')
        b.data[0] = (char)(b.data[0] - 'a' + 'A');
    return wm_buf_steal(&b);
}
