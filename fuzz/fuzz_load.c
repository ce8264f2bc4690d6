/*
 * fuzz_load.c - libFuzzer target: arbitrary bytes through the same loader
 * the CLI uses (wm_engagement_load_buffer), checking the invariants of any
 * model it accepts.  Crashes, leaks, sanitizer reports and timeouts are bugs.
 */
#include "fuzz_check.h"
#include <stdint.h>
#include <string.h>

#include "waymark.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What every engagement the loader returns holds: the base, and each
 * scenario's (the base with its overrides written in, checked the same way). */
static void check_engagement(const wm_engagement *e)
{
    FUZZ_CHECK(e->client.name && e->engagement.currency);
    FUZZ_CHECK(e->engagement.quarters >= 1 && e->engagement.quarters <= 40);
    FUZZ_CHECK(e->n_team > 0 && e->n_initiatives > 0 && e->n_objectives > 0);
    /* The ranges of docs/engagement.md, "Numbers" (core/load/load.h). */
    for (size_t i = 0; i < e->n_team; i++)
        FUZZ_CHECK(e->team[i].rate >= 0 && e->team[i].rate <= 1e13);
    double total = 0;
    for (size_t i = 0; i < e->n_initiatives; i++) {
        const wm_initiative *in = &e->initiatives[i];
        FUZZ_CHECK(in->n_effort > 0);
        for (size_t j = 0; j < in->n_effort; j++) {
            FUZZ_CHECK(in->effort[j].role.index < e->n_team);
            FUZZ_CHECK(in->effort[j].o >= 0 && in->effort[j].o <= in->effort[j].m &&
                       in->effort[j].m <= in->effort[j].p && in->effort[j].p <= 1e6);
            total += in->effort[j].p * e->team[in->effort[j].role.index].rate;
        }
        for (size_t j = 0; j < in->n_costs; j++)
            FUZZ_CHECK(in->costs[j].amount >= 0 && in->costs[j].amount <= 1e13);
        FUZZ_CHECK(total <= 1e13);
        for (size_t j = 0; j < in->n_depends_on; j++)
            FUZZ_CHECK(in->depends_on[j].index < e->n_initiatives);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wm_diags d;
    wm_diags_init(&d);
    wm_engagement *e = wm_engagement_load_buffer("fuzz.yaml", (const char *)data, size, NULL, &d);
    if (e) {
        FUZZ_CHECK(d.errors == 0);
        check_engagement(e);
        FUZZ_CHECK(e->n_scenarios <= 20);
        for (size_t i = 0; i < e->n_scenarios; i++) {
            FUZZ_CHECK(e->scenarios[i].id && e->scenarios[i].name && e->scenarios[i].engagement);
            FUZZ_CHECK(e->scenarios[i].engagement->n_scenarios == 0);
            check_engagement(e->scenarios[i].engagement);
        }
    } else {
        FUZZ_CHECK(d.errors > 0);
        for (size_t i = 0; i < d.count; i++)
            FUZZ_CHECK(d.items[i].message && d.items[i].message[0]);
    }
    wm_engagement_free(e);
    wm_diags_free(&d);
    return 0;
}
