/*
 * cutline.c - the cut lines (method.md, "The cut line"): which scheduled
 * initiatives to defer so that an over-budget plan fits `budget.total`, and
 * so that each quarter whose cost breaks `budget.per_quarter` fits the cap.
 *
 * Costs depend on timing (running costs start at go-live; deferring one
 * initiative lets others start earlier, or lets one the cap had deferred be
 * scheduled), so whether a cut fits is never worked out by subtraction: each
 * candidate cut is re-planned by the engagement's own pipeline (the
 * replanner of cutline.h: estimate to risks, no Monte Carlo) with the cut's
 * initiatives set to `moscow: wont`.  A cut line costs 1 + ceil(log2 m)
 * re-plans to find where the walk stops (m: its steps), 1 + ceil(log2 h) to
 * find what to hold back (h: the holdable initiatives) and one per member
 * per prune pass; a cut already re-planned (by another line) is not
 * re-planned again.
 *
 * Everything here is owned by the cutter and freed by cutter_free; the
 * results are built in the plan's arena.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/util.h"
#include "cutline.h"

typedef struct {
    const wm_engagement *e;
    const wm_replanner *r;
    const wm_value *base; /* the plan being cut */
    size_t n;             /* initiatives of the engagement */
    long *rank;           /* by engagement index; 0 when the plan has none */
    bool *scheduled, *must;
    bool *holdable;    /* deferred, but not as a wont: could be scheduled once room frees */
    int *start, *end;  /* quarter indexes 0..nq-1, scheduled ones only */
    bool *running;     /* has a monthly or yearly cost */
    size_t *dep_first; /* dependents of i: dep_list[dep_first[i] .. dep_first[i+1]) */
    size_t *dep_list;
    size_t *by_rank; /* scheduled initiatives, best rank first */
    size_t n_sched;
    unsigned char *set;  /* the cut being tried, by engagement index */
    wm_initiative *inis; /* the engagement's initiatives, moscow rewritten per trial */
    size_t replans, trials;
    char *failure; /* set when a re-plan failed: the cut lines are dropped */
    /* Every re-plan's cut and figures (the total, then each quarter's), so
     * that a cut two lines both try is planned once. */
    struct memo {
        uint64_t hash; /* of set, to skip most comparisons */
        unsigned char *set;
        double *amounts;
    } * memo;
    size_t n_memo;
} cutter;

/* What a cut line must fit: the total cost (quarter < 0) or one quarter's. */
typedef struct {
    int quarter;
    double limit;
} goal;

static bool at_or_below(double x, double limit)
{
    return x <= limit + 1e-9 * fabs(limit); /* method.md, "Arithmetic and tolerances" */
}

/* The amount `g` judges in a plan: totals.cost or by_quarter[q].cost. */
static double amount_of(const wm_value *plan, const goal *g)
{
    if (g->quarter < 0)
        return wm_v_number(wm_vobj_get(wm_vobj_get(plan, "totals"), "cost"));
    const wm_value *bq = wm_vobj_get(plan, "by_quarter");
    if (!bq || bq->kind != WM_VARR || (size_t)g->quarter >= bq->u.arr.n)
        return 0;
    return wm_v_number(wm_vobj_get(bq->u.arr.items[g->quarter], "cost"));
}

/* "YYYY-Qn" as an index into the plan's quarters; -1 when it is none. */
static int quarter_at(const wm_engagement *e, const wm_value *q)
{
    if (!q || q->kind != WM_VSTR)
        return -1;
    int year, n;
    if (sscanf(q->u.str.s, "%d-Q%d", &year, &n) != 2)
        return -1;
    long i = (long)year * 4 + (n - 1) - (long)e->engagement.start;
    return i >= 0 && i < e->engagement.quarters ? (int)i : -1;
}

/* Sorts engagement indexes by their rank, best first. */
typedef struct {
    long rank;
    size_t i;
} ranked;

static int ranked_cmp(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

static void sort_by_rank(const long *rank, size_t *items, size_t k)
{
    ranked *r = wm_xcalloc(k + 1, sizeof *r);
    for (size_t j = 0; j < k; j++)
        r[j] = (ranked){rank[items[j]], items[j]};
    qsort(r, k, sizeof *r, ranked_cmp);
    for (size_t j = 0; j < k; j++)
        items[j] = r[j].i;
    free(r);
}

static void cutter_free(cutter *c)
{
    free(c->rank);
    free(c->scheduled);
    free(c->must);
    free(c->holdable);
    free(c->start);
    free(c->end);
    free(c->running);
    free(c->dep_first);
    free(c->dep_list);
    free(c->by_rank);
    free(c->set);
    free(c->inis);
    free(c->failure);
    for (size_t i = 0; i < c->n_memo; i++) {
        free(c->memo[i].set);
        free(c->memo[i].amounts);
    }
    free(c->memo);
}

/* Reads what the cut lines need from the plan; false when it lacks it (a
 * custom pipeline that ranks or schedules nothing: no cut lines). */
static bool cutter_init(cutter *c, const wm_engagement *e, const wm_replanner *r,
                        const wm_value *plan)
{
    memset(c, 0, sizeof *c);
    c->e = e;
    c->r = r;
    c->base = plan;
    size_t n = c->n = e->n_initiatives;
    c->rank = wm_xcalloc(n + 1, sizeof *c->rank);
    c->scheduled = wm_xcalloc(n + 1, sizeof *c->scheduled);
    c->must = wm_xcalloc(n + 1, sizeof *c->must);
    c->holdable = wm_xcalloc(n + 1, sizeof *c->holdable);
    c->start = wm_xcalloc(n + 1, sizeof *c->start);
    c->end = wm_xcalloc(n + 1, sizeof *c->end);
    c->running = wm_xcalloc(n + 1, sizeof *c->running);
    c->dep_first = wm_xcalloc(n + 2, sizeof *c->dep_first);
    c->by_rank = wm_xcalloc(n + 1, sizeof *c->by_rank);
    c->set = wm_xcalloc(n + 1, 1);
    c->inis = wm_xcalloc(n + 1, sizeof *c->inis);
    if (n)
        memcpy(c->inis, e->initiatives, n * sizeof *c->inis);

    /* The plan's records by id: the plan lists every initiative once. */
    wm_arena tmp;
    wm_arena_init(&tmp);
    wm_value *index = wm_vobj(&tmp);
    for (size_t i = 0; i < n; i++)
        wm_vobj_set(&tmp, index, e->initiatives[i].id, wm_vint(&tmp, (long)i));
    const wm_value *list = wm_vobj_get(plan, "initiatives");
    bool ok = list && list->kind == WM_VARR;
    for (size_t k = 0; ok && k < list->u.arr.n; k++) {
        const wm_value *rec = list->u.arr.items[k];
        const char *id = wm_vobj_str(rec, "id");
        const wm_value *at = id ? wm_vobj_get(index, id) : NULL;
        double rank;
        if (!at || !wm_vobj_num(rec, "rank", &rank)) {
            ok = false;
            break;
        }
        size_t i = (size_t)wm_v_number(at);
        c->rank[i] = (long)rank;
        const char *tier = wm_vobj_str(rec, "tier"), *status = wm_vobj_str(rec, "status");
        c->must[i] = tier && strcmp(tier, "must") == 0;
        if (status && strcmp(status, "scheduled") == 0) {
            c->start[i] = quarter_at(e, wm_vobj_get(rec, "start"));
            c->end[i] = quarter_at(e, wm_vobj_get(rec, "end"));
            c->scheduled[i] = c->start[i] >= 0 && c->end[i] >= c->start[i];
        } else {
            const char *kind = wm_vobj_str(rec, "reason_kind");
            c->holdable[i] = kind && (strcmp(kind, "capacity") == 0 ||
                                      strcmp(kind, "budget") == 0 || strcmp(kind, "blocked") == 0);
        }
    }
    wm_arena_free(&tmp);
    if (!ok)
        return false;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < e->initiatives[i].n_costs; j++)
            if (e->initiatives[i].costs[j].recurring != WM_ONCE)
                c->running[i] = true;
        if (c->scheduled[i])
            c->by_rank[c->n_sched++] = i;
    }
    sort_by_rank(c->rank, c->by_rank, c->n_sched);

    /* Dependents, as a compressed list: who names i in depends_on. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < e->initiatives[i].n_depends_on; j++)
            c->dep_first[e->initiatives[i].depends_on[j].index + 1]++;
    for (size_t i = 0; i < n; i++)
        c->dep_first[i + 1] += c->dep_first[i];
    c->dep_list = wm_xcalloc(c->dep_first[n] + 1, sizeof *c->dep_list);
    size_t *fill = wm_xcalloc(n + 1, sizeof *fill);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < e->initiatives[i].n_depends_on; j++) {
            size_t d = e->initiatives[i].depends_on[j].index;
            c->dep_list[c->dep_first[d] + fill[d]++] = i;
        }
    free(fill);
    return true;
}

/* Re-plans with the initiatives in c->set as wont; the plan's amount for
 * `g` into *amount.  False when the re-plan failed (c->failure says why). */
static bool trial(cutter *c, const goal *g, double *amount)
{
    if (c->failure)
        return false;
    c->trials++;
    size_t nq = (size_t)c->e->engagement.quarters;
    uint64_t hash = 1469598103934665603u; /* FNV-1a over the cut's indexes */
    for (size_t i = 0; i < c->n; i++)
        if (c->set[i])
            hash = (hash ^ (uint64_t)i) * 1099511628211u;
    for (size_t i = 0; i < c->n_memo; i++)
        if (c->memo[i].hash == hash && memcmp(c->memo[i].set, c->set, c->n) == 0) {
            *amount = c->memo[i].amounts[g->quarter < 0 ? 0 : (size_t)g->quarter + 1];
            return true;
        }
    wm_engagement m = *c->e;
    for (size_t i = 0; i < c->n; i++) {
        c->inis[i].moscow = c->set[i] ? WM_WONT : c->e->initiatives[i].moscow;
        c->inis[i].moscow_set = c->set[i] ? true : c->e->initiatives[i].moscow_set;
    }
    m.initiatives = c->inis;
    c->replans++;
    char *err = NULL;
    const wm_value *root = c->r->replan(c->r->ctx, &m, &err);
    if (!root) {
        c->failure = err ? err : wm_xstrdup("");
        char *trace = strstr(c->failure, "\nstack traceback:"); /* the message is enough */
        if (trace)
            *trace = '\0';
        return false;
    }
    *amount = amount_of(root, g);
    c->memo = wm_xrealloc(c->memo, (c->n_memo + 1) * sizeof *c->memo);
    struct memo *mo = &c->memo[c->n_memo++];
    mo->hash = hash;
    mo->set = wm_xmalloc(c->n + 1);
    memcpy(mo->set, c->set, c->n);
    mo->amounts = wm_xcalloc(nq + 1, sizeof *mo->amounts);
    mo->amounts[0] = amount_of(root, &(goal){-1, 0});
    for (size_t q = 0; q < nq; q++)
        mo->amounts[q + 1] = amount_of(root, &(goal){(int)q, 0});
    return true;
}

/* The walk's steps (method.md): the candidates, lowest rank first, each
 * taking its scheduled dependents not yet taken; first every candidate
 * whose step holds no Must, then the rest.  Fills members (in the order
 * taken) and step_end (members[0 .. step_end[k]) is the cut of k + 1 steps);
 * returns the number of steps. */
static size_t walk_steps(const cutter *c, const bool *candidate, size_t *members, size_t *step_end)
{
    size_t n = c->n, taken = 0, steps = 0;
    unsigned char *in = wm_xcalloc(n + 1, 1);
    /* has_must[i]: i or a scheduled dependent of it, at any depth, is a Must.
     * Filled lowest rank first would not follow the graph; a memoised
     * depth-first search does, in time linear in the dependencies. */
    unsigned char *state = wm_xcalloc(n + 1, 1); /* 0 new, 1 open, 2 done */
    bool *has_must = wm_xcalloc(n + 1, sizeof *has_must);
    size_t *stack = wm_xcalloc(n + 1, sizeof *stack), *next = wm_xcalloc(n + 1, sizeof *next);
    for (size_t r = 0; r < n; r++) {
        if (!c->scheduled[r] || state[r])
            continue;
        size_t depth = 0;
        stack[depth] = r;
        next[depth++] = c->dep_first[r];
        state[r] = 1;
        while (depth) {
            size_t u = stack[depth - 1];
            if (next[depth - 1] == c->dep_first[u + 1]) {
                has_must[u] = has_must[u] || c->must[u];
                state[u] = 2;
                if (--depth)
                    has_must[stack[depth - 1]] = has_must[stack[depth - 1]] || has_must[u];
                continue;
            }
            size_t v = c->dep_list[next[depth - 1]++];
            if (!c->scheduled[v])
                continue;
            if (state[v] == 2)
                has_must[u] = has_must[u] || has_must[v];
            else if (state[v] == 0) { /* no cycles: the loader refuses them */
                state[v] = 1;
                stack[depth] = v;
                next[depth++] = c->dep_first[v];
            }
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = c->n_sched; k-- > 0;) {
            size_t x = c->by_rank[k];
            if (!candidate[x] || in[x] || (pass == 0 && has_must[x]))
                continue;
            size_t from = taken;
            members[taken++] = x;
            in[x] = 1;
            for (size_t q = from; q < taken; q++) /* breadth first through dependents */
                for (size_t j = c->dep_first[members[q]]; j < c->dep_first[members[q] + 1]; j++) {
                    size_t d = c->dep_list[j];
                    if (c->scheduled[d] && !in[d]) {
                        in[d] = 1;
                        members[taken++] = d;
                    }
                }
            step_end[steps++] = taken;
        }
    }
    free(in);
    free(state);
    free(has_must);
    free(stack);
    free(next);
    return steps;
}

/* Sets c->set to the first `k` of `items`. */
static void set_first(cutter *c, const size_t *items, size_t k, bool clear)
{
    if (clear)
        memset(c->set, 0, c->n);
    for (size_t j = 0; j < k; j++)
        c->set[items[j]] = 1;
}

/* The most trials one prune makes: past them, the members not yet tried
 * stay in the cut (method.md, "The cut line", step 4). */
#define PRUNE_MAX 64

/* No quarter's line is started once the plan's cut lines have made this
 * many re-plans: the quarters after have none (method.md). */
#define REPLANS_MAX 128

/* Prunes the cut (c->set): tries to drop each member, best rank first,
 * among those that wait on no initiative still in the cut, keeping the
 * drop when the re-plan still fits.  Passes repeat until one drops
 * nothing, so every member left was tried against the final cut.
 * *amount follows the cut; false when a re-plan failed. */
static bool prune(cutter *c, const goal *g, double *amount)
{
    size_t *items = wm_xcalloc(c->n + 1, sizeof *items), k = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->set[i])
            items[k++] = i;
    sort_by_rank(c->rank, items, k);
    bool *tried = wm_xcalloc(k + 1, sizeof *tried), ok = true, dropped = true;
    size_t budget = PRUNE_MAX; /* re-plans this prune may still ask for */
    while (ok && dropped && budget > 0) {
        dropped = false;
        memset(tried, 0, k * sizeof *tried);
        for (;;) {
            size_t pick = k;
            for (size_t j = 0; j < k && pick == k; j++) {
                if (tried[j] || !c->set[items[j]])
                    continue;
                const wm_initiative *in = &c->e->initiatives[items[j]];
                bool waits = false;
                for (size_t d = 0; d < in->n_depends_on; d++)
                    waits = waits || c->set[in->depends_on[d].index];
                if (!waits)
                    pick = j;
            }
            if (pick == k || budget == 0)
                break;
            tried[pick] = true;
            size_t x = items[pick];
            c->set[x] = 0;
            double y;
            budget--;
            if (!trial(c, g, &y)) {
                ok = false;
                break;
            }
            if (at_or_below(y, g->limit)) {
                *amount = y;
                dropped = true;
            } else {
                c->set[x] = 1;
            }
        }
    }
    free(tried);
    free(items);
    return ok;
}

/* One cut line (method.md, "The cut line"): {ids, held, saves, fits, cost}
 * for goal `g`, whose amount in the plan is over its limit; NULL when a
 * re-plan failed.
 *
 *   1. the walk's steps over the candidates (walk_steps);
 *   2. with every holdable deferred initiative held back (set to wont), the
 *      fewest steps that fit, by bisection (the whole walk first: if it does
 *      not fit, no cut does);
 *   3. the fewest holdable initiatives, best rank first, still to hold back,
 *      by bisection;
 *   4. prune the whole cut (prune). */
static wm_value *cut_line(cutter *c, wm_arena *a, const bool *candidate, const goal *g)
{
    size_t n = c->n;
    size_t *members = wm_xcalloc(n + 1, sizeof *members);
    size_t *step_end = wm_xcalloc(n + 1, sizeof *step_end);
    size_t *held = wm_xcalloc(n + 1, sizeof *held), n_held = 0;
    size_t m = walk_steps(c, candidate, members, step_end);
    for (size_t k = 0; k < n; k++)
        if (c->holdable[k])
            held[n_held++] = k;
    sort_by_rank(c->rank, held, n_held);
    double base = amount_of(c->base, g), amount = base;
    bool fits = false, ok = true;
    memset(c->set, 0, n);
    if (m > 0) {
        set_first(c, members, step_end[m - 1], true);
        set_first(c, held, n_held, false);
        ok = trial(c, g, &amount);
        fits = ok && at_or_below(amount, g->limit);
    }
    if (ok && fits) {
        size_t lo = 0, hi = m; /* lo steps never fit (0: the plan), hi steps fit */
        while (ok && hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            set_first(c, members, step_end[mid - 1], true);
            set_first(c, held, n_held, false);
            double x;
            ok = trial(c, g, &x);
            if (ok && at_or_below(x, g->limit)) {
                hi = mid;
                amount = x;
            } else {
                lo = mid;
            }
        }
        size_t k = step_end[hi - 1];
        set_first(c, members, k, true);
        /* Release what need not be held: hold the first j (best rank first). */
        size_t hlo = 0, hhi = n_held;
        if (ok && n_held > 0) {
            for (size_t j = 0; j < n_held; j++)
                c->set[held[j]] = 0;
            double x;
            ok = trial(c, g, &x);
            if (ok && at_or_below(x, g->limit)) {
                hhi = 0;
                amount = x;
            }
            while (ok && hhi > 0 && hhi - hlo > 1) {
                size_t mid = hlo + (hhi - hlo) / 2;
                for (size_t j = 0; j < n_held; j++)
                    c->set[held[j]] = j < mid;
                ok = trial(c, g, &x);
                if (ok && at_or_below(x, g->limit)) {
                    hhi = mid;
                    amount = x;
                } else {
                    hlo = mid;
                }
            }
            for (size_t j = 0; j < n_held; j++)
                c->set[held[j]] = j < hhi;
        }
        ok = ok && prune(c, g, &amount);
    } else if (ok) { /* no cut fits: the whole walk, everything held */
        set_first(c, members, m ? step_end[m - 1] : 0, true);
        set_first(c, held, n_held, false);
    }
    free(members);
    free(step_end);
    free(held);
    if (!ok)
        return NULL;
    wm_value *v = wm_vobj(a), *ids = wm_varr(a), *kept = wm_varr(a);
    size_t *all = wm_xcalloc(n + 1, sizeof *all), n_all = 0;
    for (size_t k = 0; k < n; k++)
        if (c->set[k])
            all[n_all++] = k;
    sort_by_rank(c->rank, all, n_all);
    for (size_t k = n_all; k-- > 0;) { /* lowest rank first, as the walk goes */
        wm_value *id = wm_vstr(a, c->e->initiatives[all[k]].id);
        wm_varr_push(a, ids, id);
        if (!c->scheduled[all[k]])
            wm_varr_push(a, kept, id);
    }
    free(all);
    wm_vobj_set(a, v, "ids", ids);
    wm_vobj_set(a, v, "held", kept);
    wm_vobj_set(a, v, "saves", wm_vnum(a, base - amount));
    wm_vobj_set(a, v, "fits", wm_vbool(a, fits));
    wm_vobj_set(a, v, "cost", wm_vnum(a, amount));
    return v;
}

void wm_cut_lines(const wm_engagement *e, const wm_replanner *r, wm_arena *a, wm_value *plan,
                  wm_diags *d)
{
    wm_vobj_set(a, plan, "cut_line", wm_vnull(a));
    wm_vobj_set(a, plan, "quarter_cut_lines", wm_varr(a));
    bool total_over =
        e->budget.total.set && !at_or_below(amount_of(plan, &(goal){-1, 0}), e->budget.total.v);
    bool cap = e->budget.per_quarter.set;
    int nq = e->engagement.quarters;
    bool any_quarter = false;
    for (int q = 0; cap && q < nq; q++)
        any_quarter =
            any_quarter || !at_or_below(amount_of(plan, &(goal){q, 0}), e->budget.per_quarter.v);
    if (!total_over && !any_quarter)
        return;
    cutter c;
    if (!cutter_init(&c, e, r, plan)) {
        cutter_free(&c);
        return;
    }
    double t0 = wm_clock_ms();
    bool *candidate = wm_xcalloc(c.n + 1, sizeof *candidate);
    wm_value *total = NULL, *quarters = wm_varr(a);
    if (total_over) {
        for (size_t i = 0; i < c.n; i++)
            candidate[i] = c.scheduled[i];
        total = cut_line(&c, a, candidate, &(goal){-1, e->budget.total.v});
    }
    for (int q = 0; any_quarter && !c.failure && q < nq && c.replans < REPLANS_MAX; q++) {
        goal g = {q, e->budget.per_quarter.v};
        if (at_or_below(amount_of(plan, &g), g.limit))
            continue;
        /* The initiatives with cost in the quarter: work in it, or running
         * costs after going live before it. */
        for (size_t i = 0; i < c.n; i++)
            candidate[i] = c.scheduled[i] &&
                           ((c.start[i] <= q && q <= c.end[i]) || (c.end[i] < q && c.running[i]));
        wm_value *line = cut_line(&c, a, candidate, &g);
        if (!line)
            break;
        char buf[16];
        wm_value *qv = wm_vobj(a);
        wm_vobj_set(a, qv, "quarter",
                    wm_vstr(a, wm_quarter_format(e->engagement.start + q, buf, sizeof buf)));
        for (size_t k = 0; k < line->u.obj.n; k++)
            wm_vobj_set(a, qv, line->u.obj.pairs[k].key, line->u.obj.pairs[k].val);
        wm_varr_push(a, quarters, qv);
    }
    if (wm_timings_enabled())
        fprintf(stderr, "timing: %-22s %-10s %8.2f ms (%zu re-plans for %zu trials)\n", "cut lines",
                "plan", wm_clock_ms() - t0, c.replans, c.trials);
    if (c.failure) {
        wm_diag_addf(d, WM_WARNING, e->path, (wm_pos){0, 0},
                     "the plan itself is complete; a plugin failed on the engagement with some "
                     "initiatives set to wont (docs/method.md, \"The cut line\")",
                     "the cut line is left out: a re-plan failed: %s", c.failure);
    } else {
        if (total)
            wm_vobj_set(a, plan, "cut_line", total);
        wm_vobj_set(a, plan, "quarter_cut_lines", quarters);
    }
    free(candidate);
    cutter_free(&c);
}
