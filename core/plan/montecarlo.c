/*
 * montecarlo.c - Beta-PERT Monte Carlo (see montecarlo.h).
 */
#include "montecarlo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/util.h"

enum { GRID = 2048, LEVELS = 2048 };

struct wm_pert_table {
    double q[LEVELS + 1]; /* quantiles at u = k / LEVELS */
    double inv_alpha, inv_beta;
};

/* xoshiro256** seeded by splitmix64: small, fast, and the same everywhere. */
typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static double rng_uniform(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return (double)(result >> 11) * 0x1.0p-53;
}

wm_pert_table *wm_pert_table_new(double alpha)
{
    wm_pert_table *t = wm_xmalloc(sizeof *t);
    double beta = 6.0 - alpha;
    t->inv_alpha = 1 / alpha;
    t->inv_beta = 1 / beta;
    double cdf[GRID + 1];
    /* Midpoint rule on each cell; the density is bounded since a, b >= 1. */
    cdf[0] = 0;
    for (int j = 0; j < GRID; j++) {
        double x = (j + 0.5) / GRID;
        cdf[j + 1] = cdf[j] + exp((alpha - 1) * log(x) + (beta - 1) * log1p(-x));
    }
    double total = cdf[GRID];
    int j = 0;
    for (int k = 0; k <= LEVELS; k++) {
        double u = (double)k / LEVELS * total;
        while (j < GRID - 1 && cdf[j + 1] < u)
            j++;
        double span = cdf[j + 1] - cdf[j];
        double frac = span > 0 ? (u - cdf[j]) / span : 0;
        if (frac < 0)
            frac = 0;
        if (frac > 1)
            frac = 1;
        t->q[k] = (j + frac) / GRID;
    }
    t->q[0] = 0;
    t->q[LEVELS] = 1;
    return t;
}

double wm_pert_table_sample(const wm_pert_table *t, double u)
{
    double x = u * LEVELS;
    int k = (int)x;
    if (k >= LEVELS)
        k = LEVELS - 1;
    double f = x - k;
    /* In the two end cells the CDF behaves like a power law (u ~ x^a near 0,
     * 1 - u ~ (1 - x)^b near 1): follow it rather than a straight line. */
    if (k == 0)
        return t->q[1] * pow(f, t->inv_alpha);
    if (k == LEVELS - 1)
        return 1 - (1 - t->q[LEVELS - 1]) * pow(1 - f, t->inv_beta);
    return t->q[k] + f * (t->q[k + 1] - t->q[k]);
}

void wm_pert_table_free(wm_pert_table *t)
{
    free(t);
}

typedef struct {
    double alpha;
    size_t index;
} shape;

static int cmp_shape(const void *a, const void *b)
{
    const shape *x = a, *y = b;
    if (x->alpha != y->alpha)
        return x->alpha < y->alpha ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p of the totals at or below. */
static double nearest_rank(const double *sorted, size_t n, double p)
{
    double r = ceil(p * (double)n - 1e-9);
    size_t i = r < 1 ? 0 : (size_t)r - 1;
    return sorted[i < n ? i : n - 1];
}

bool wm_montecarlo(const wm_mc_effort *efforts, size_t n, double constant, size_t iterations,
                   uint64_t seed, const double *limits, double *fractions, size_t n_limits,
                   wm_mc_result *out)
{
    if (iterations == 0)
        return false;
    double *totals = wm_xmalloc(iterations * sizeof *totals);
    for (size_t i = 0; i < iterations; i++)
        totals[i] = constant;
    rng r;
    rng_seed(&r, seed);
    /* Visit efforts grouped by shape so that each table is built once; the
     * order is fixed by (shape, input position), so a seed reproduces. */
    shape *order = wm_xmalloc((n + 1) * sizeof *order);
    for (size_t e = 0; e < n; e++) {
        double range = efforts[e].p - efforts[e].o;
        order[e].alpha = range > 0 ? 1 + 4 * (efforts[e].m - efforts[e].o) / range : 0;
        order[e].index = e;
    }
    qsort(order, n, sizeof *order, cmp_shape);
    wm_pert_table *table = NULL;
    double table_alpha = -1;
    for (size_t k = 0; k < n; k++) {
        const wm_mc_effort *f = &efforts[order[k].index];
        double range = f->p - f->o;
        if (!(range > 0)) { /* o = p: the constant m */
            double v = f->m * f->rate;
            for (size_t i = 0; i < iterations; i++)
                totals[i] += v;
            continue;
        }
        double alpha = order[k].alpha;
        if (!table || alpha != table_alpha) {
            wm_pert_table_free(table);
            table = wm_pert_table_new(alpha);
            table_alpha = alpha;
        }
        double scale = range * f->rate, base = f->o * f->rate;
        for (size_t i = 0; i < iterations; i++)
            totals[i] += base + scale * wm_pert_table_sample(table, rng_uniform(&r));
    }
    wm_pert_table_free(table);
    free(order);
    for (size_t l = 0; l < n_limits; l++) {
        double lim = limits[l] + 1e-9 * fabs(limits[l]);
        size_t count = 0;
        for (size_t i = 0; i < iterations; i++)
            count += totals[i] <= lim;
        fractions[l] = (double)count / (double)iterations;
    }
    double sum = 0;
    for (size_t i = 0; i < iterations; i++)
        sum += totals[i];
    qsort(totals, iterations, sizeof *totals, cmp_double);
    out->p50 = nearest_rank(totals, iterations, 0.50);
    out->p80 = nearest_rank(totals, iterations, 0.80);
    out->p90 = nearest_rank(totals, iterations, 0.90);
    out->mean = sum / (double)iterations;
    free(totals);
    return true;
}
