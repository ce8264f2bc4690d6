/*
 * test_montecarlo.c - Beta-PERT sampling against exact moments, percentiles
 * by nearest rank, fractions with the 1e-9 tolerance, reproducibility.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "plan/montecarlo.h"

/* Beta(a, 6 - a): mean a / 6, variance a (6 - a) / (36 x 7). */
static void table_matches_beta_moments(void **state)
{
    (void)state;
    const double alphas[] = {1.0, 1.8, 3.0, 4.6, 5.0};
    for (size_t k = 0; k < sizeof alphas / sizeof *alphas; k++) {
        double a = alphas[k];
        wm_pert_table *t = wm_pert_table_new(a);
        const int n = 200000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++) { /* a stratified u grid: no sampling noise */
            double x = wm_pert_table_sample(t, (i + 0.5) / n);
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / n, var = sum2 / n - mean * mean;
        double want_mean = a / 6, want_var = a * (6 - a) / (36.0 * 7);
        if (fabs(mean - want_mean) > 2e-4 || fabs(var - want_var) / want_var > 2e-3)
            fail_msg("alpha %g: mean %.6f (want %.6f), variance %.6f (want %.6f)", a, mean,
                     want_mean, var, want_var);
        wm_pert_table_free(t);
    }
}

static void fixed_efforts_are_exact(void **state)
{
    (void)state;
    wm_mc_effort e[] = {{10, 10, 10, 500}, {2, 2, 2, 1000}};
    double limits[] = {7000, 7000 - 1e-7, 6999};
    double f[3];
    wm_mc_result r;
    assert_true(wm_montecarlo(e, 2, 0, 1000, 1, limits, f, 3, &r));
    assert_true(r.p50 == 7000 && r.p80 == 7000 && r.p90 == 7000);
    assert_true(f[0] == 1.0); /* at the limit */
    assert_true(f[1] == 1.0); /* within 1e-9 relative of it */
    assert_true(f[2] == 0.0);
}

static void reproducible_and_plausible(void **state)
{
    (void)state;
    wm_mc_effort e[] = {{40, 60, 110, 650}, {5, 8, 13, 1100}, {0, 0, 0, 900}};
    wm_mc_result a, b;
    double f1, f2, lim = 50000;
    assert_true(wm_montecarlo(e, 3, 18000, 10000, 7, &lim, &f1, 1, &a));
    assert_true(wm_montecarlo(e, 3, 18000, 10000, 7, &lim, &f2, 1, &b));
    assert_true(a.p50 == b.p50 && a.p80 == b.p80 && a.p90 == b.p90 && f1 == f2);
    /* Expected total: 650 x 65 + 1100 x 8.1667 + 18000 = 69,233.33 */
    double mean = 650 * 65.0 + 1100 * (5 + 32 + 13) / 6.0 + 18000;
    assert_true(fabs(a.mean - mean) / mean < 0.005);
    assert_true(a.p50 < a.p80 && a.p80 < a.p90);
    assert_true(f1 < 0.01); /* 50,000 is far below every outcome */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_matches_beta_moments),
        cmocka_unit_test(fixed_efforts_are_exact),
        cmocka_unit_test(reproducible_and_plausible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
