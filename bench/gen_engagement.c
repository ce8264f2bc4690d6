/*
 * gen_engagement.c - write a large, realistic, valid engagement file
 * (format waymark/1, see engagement.md) to stdout, for the load benchmark.
 *
 *     gen_engagement N [SEED]
 *
 * N initiatives (ids INI-0001...), N/10+3 objectives, a team of five roles,
 * a budget, N/8+2 risks, an assessment and a playbook with owners.  Every
 * initiative serves 1-3 objectives, has effort for 1-3 roles, 0-2 costs and
 * depends on 0-2 earlier initiatives (so there are no cycles); no `must`
 * depends on a `wont` and every objective is served once N is at least the
 * number of objectives, so the file loads without errors or warnings.
 *
 * The output depends only on N and SEED (default 1): the random numbers come
 * from a xorshift64* generator of our own, not rand(), and no call takes more
 * than one random number among its arguments, so the compiler cannot change
 * the output.  A 1,000-initiative file is about 514 KiB: the brief's 350 KB
 * is below what the structure alone takes (see bench/README.md), so the text
 * lengths are kept at the short end of realistic.  Standalone: needs only the
 * C library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers ---- */

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    /* splitmix64 of the seed, so that 0 and nearby seeds give unrelated streams */
    uint64_t z = seed + 0x9E3779B97F4A7C15u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    z ^= z >> 31;
    rng_state = z ? z : 0x2545F4914F6CDD1Du;
}

static uint64_t rng_next(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Du;
}

/* A number in [0, n). */
static size_t rnd(size_t n)
{
    return n ? (size_t)((rng_next() >> 11) % n) : 0;
}

/* A number in [lo, hi]. */
static long rnd_range(long lo, long hi)
{
    return lo + (long)rnd((size_t)(hi - lo + 1));
}

#define PICK(arr) ((arr)[rnd(sizeof(arr) / sizeof((arr)[0]))])

/* An index in [0, n) drawn with the given weights. */
static size_t weighted(const unsigned *w, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    size_t r = rnd(total);
    for (size_t i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

/* Text-length knobs, set to the short end of realistic (see the header). */
enum {
    QUALIFIER_PCT = 40,       /* titles with a qualifier ("for peak season") */
    SECOND_SENTENCE_PCT = 25, /* summaries with a second sentence */
    RICE_PCT = 15             /* initiatives with RICE scores too */
};

/* ---- word banks: plain YAML scalars, no ':', '#', ',' or leading specials ---- */

static const char *const VERBS[] = {
    "Migrate",    "Consolidate", "Automate", "Replace",   "Modernise",   "Harden",   "Instrument",
    "Retire",     "Rebuild",     "Extend",   "Introduce", "Standardise", "Decouple", "Secure",
    "Streamline", "Scale",       "Document", "Simplify",  "Centralise",  "Refactor"};

static const char *const SUBJECTS[] = {
    "order pipeline",       "billing service",    "customer portal",     "data warehouse",
    "identity provider",    "deployment tooling", "reporting stack",     "search cluster",
    "payments gateway",     "mobile backend",     "partner API",         "event bus",
    "CRM integration",      "inventory service",  "notification system", "audit logging",
    "feature flag service", "CI pipeline",        "backup strategy",     "secrets store",
    "ERP connector",        "pricing engine",     "analytics tracking",  "support tooling",
    "document store",       "warehouse scanners", "route planner",       "onboarding flow"};

static const char *const QUALIFIERS[] = {
    "for the enterprise tier", "across all regions",       "with zero downtime",
    "behind the API gateway",  "for the finance team",     "ahead of the audit",
    "on managed services",     "with automated tests",     "for peak season",
    "in the EU region",        "for self-serve customers", "with clear ownership"};

static const char *const SENT_OPEN[] = {"Replace the hand-built", "Move the ageing",
                                        "Bring the fragile",      "Put the undocumented",
                                        "Rework the overnight",   "Split the monolithic",
                                        "Stabilise the flaky",    "Simplify the duplicated",
                                        "Retire the unsupported", "Consolidate the scattered"};

static const char *const SENT_END[] = {"onto a managed platform with monitoring and runbooks.",
                                       "behind a versioned interface that teams can rely on.",
                                       "under infrastructure as code with reviewed changes.",
                                       "into a service with a named owner and an SLO.",
                                       "so that releases no longer need a maintenance window.",
                                       "with automated tests covering the critical paths.",
                                       "onto the shared platform and retire the old hosts."};

static const char *const SENT_WHY[] = {
    "Today it fails about once a month and only one person can fix it.",
    "The current setup blocks two enterprise deals at security review.",
    "Finance spends three days each month reconciling its output by hand.",
    "Support tickets about it have doubled since last year.",
    "It is the main cause of weekend call-outs for the platform team.",
    "Auditors flagged it as a gap in the last review.",
    "Customers in the EU have asked for it in every renewal this year."};

static const char *const OBJ_TITLES[] = {"Run the core product at 99.95% availability",
                                         "Pass the SOC 2 Type II audit",
                                         "Cut order-to-dispatch time by 40%",
                                         "Halve the cost of cloud hosting",
                                         "Double deployment frequency",
                                         "Make data self-serve for the business",
                                         "Win and keep enterprise accounts",
                                         "Launch usage-based pricing",
                                         "Reduce onboarding time for new customers",
                                         "Retire the legacy ERP batch jobs"};

static const char *const MEASURES[] = {
    "Monthly availability of at least 99.95%",   "Fewer than one Sev-1 incident per quarter",
    "Lead time for changes under two days",      "Board pack produced without manual steps",
    "Hosting cost per customer down by a third", "Audit report with no exceptions",
    "New customers live within five days"};

static const char *const OWNERS[] = {"Head of Engineering",
                                     "Head of Platform",
                                     "Head of Data",
                                     "Security Lead",
                                     "VP Engineering",
                                     "CPO",
                                     "CFO",
                                     "COO"};

static const char *const TAGS[] = {"platform", "reliability", "security",   "data",
                                   "soc2",     "pricing",     "enterprise", "dx",
                                   "privacy",  "cost",        "product",    "observability"};

static const char *const COST_ITEMS[] = {"Managed database uplift",    "Observability platform",
                                         "Compliance automation",      "Penetration test",
                                         "Identity provider licences", "Event streaming service",
                                         "CI runners and cache",       "Warehouse connectors",
                                         "Second region baseline",     "Support contract"};

static const char *const RECURRING[] = {"once", "monthly", "yearly"};
static const char *const MOSCOW[] = {"must", "should", "could", "wont"};

/* The team: name, day rate, capacity in person-days per quarter. */
static const struct {
    const char *name;
    int rate, capacity;
} TEAM[] = {{"engineer", 650, 240},
            {"platform", 720, 120},
            {"data", 700, 90},
            {"security", 850, 40},
            {"contractor", 950, 60}};

enum { N_TEAM = sizeof TEAM / sizeof TEAM[0] };

static const char *const RISK_TITLES[] = {"Key-person dependency on the ERP administrator",
                                          "Roadmap work crowded out by feature commitments",
                                          "Cloud spend rises faster than revenue",
                                          "Cross-tenant data exposure through an unscoped query",
                                          "Vendor contract renewal lands mid-migration",
                                          "Hiring for the platform team takes longer than planned"};

static const char *const MITIGATIONS[] = {
    "Pair on every change, document the runbooks and retire custom jobs.",
    "Agree the capacity split at the exec meeting and review it monthly.",
    "Tag spend per service and review it with finance every month.",
    "Row-level security, isolation tests in CI and an annual pen test.",
    "Negotiate a short extension before the migration starts."};

/* ---- output helpers ----
 *
 * The order in which a call's arguments are evaluated is unspecified, so no
 * call below takes more than one random number among its arguments: the
 * output must not depend on the compiler. */

enum { N_WHY = sizeof SENT_WHY / sizeof SENT_WHY[0] };

/* `    key: YYYY-Qn` for a quarter in the roadmap's first three years. */
static void quarter(const char *key)
{
    long year = rnd_range(2027, 2029);
    long q = rnd_range(1, 4);
    printf("    %s: %ld-Q%ld\n", key, year, q);
}

static void id_of(char *buf, size_t size, size_t i)
{
    snprintf(buf, size, "INI-%04zu", i + 1);
}

/* k distinct numbers from [0, n) into out (k <= n), in ascending order. */
static size_t pick_distinct(size_t *out, size_t k, size_t n)
{
    if (k > n)
        k = n;
    size_t got = 0;
    while (got < k) {
        size_t v = rnd(n);
        int dup = 0;
        for (size_t j = 0; j < got; j++)
            dup |= out[j] == v;
        if (!dup)
            out[got++] = v;
    }
    for (size_t i = 1; i < got; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return got;
}

static void header(size_t n, size_t n_obj, unsigned long long seed)
{
    printf("format: waymark/1\n"
           "\n"
           "# Generated by gen_engagement %zu %llu for the load benchmark.\n"
           "\n"
           "client:\n"
           "  name: \"Northwind Logistics Ltd\"\n"
           "  short_name: Northwind\n"
           "  sector: Logistics\n"
           "\n"
           "engagement:\n"
           "  title: Technology Roadmap and Handover Playbook\n"
           "  prepared_by: { name: \"Sam Okafor\", role: Fractional CTO, firm: Keel Advisory }\n"
           "  date: 2026-11-20\n"
           "  currency: GBP\n"
           "  start: 2027-Q1\n"
           "  quarters: 12\n"
           "  confidentiality: Client confidential\n"
           "\n"
           "team:\n",
           n, seed);
    for (size_t i = 0; i < N_TEAM; i++)
        printf("  %s: { rate: %d, capacity: %d }\n", TEAM[i].name, TEAM[i].rate, TEAM[i].capacity);
    printf("\n"
           "budget:\n"
           "  total: %zu\n"
           "  per_quarter: %zu\n"
           "  contingency: 0.15\n"
           "\n"
           "prioritisation:\n"
           "  method: wsjf\n"
           "  weights: { business_value: 1, time_criticality: 1, risk_reduction: 1.5 }\n"
           "\n"
           "objectives:\n",
           (n + 10) * 60000, (n + 10) * 6000);
    for (size_t i = 0; i < n_obj; i++) {
        printf("  - id: O%zu\n"
               "    title: %s\n",
               i + 1, OBJ_TITLES[i % (sizeof OBJ_TITLES / sizeof OBJ_TITLES[0])]);
        size_t s1 = rnd(N_WHY), s2 = (s1 + 1 + rnd(N_WHY - 1)) % N_WHY;
        printf("    description: %s", SENT_WHY[s1]);
        if (rnd(2))
            printf(" %s", SENT_WHY[s2]);
        printf("\n    value: %ld\n", rnd_range(1, 10));
        if (rnd(2))
            quarter("deadline");
        size_t nm = (size_t)rnd_range(1, 2);
        printf("    measures:\n");
        for (size_t j = 0; j < nm; j++)
            printf("      - %s\n", PICK(MEASURES));
    }
}

/* Print `    key: [a, b]` for a list of initiative ids. */
static void id_list(const char *key, const size_t *ix, size_t n)
{
    char id[32];
    printf("    %s: [", key);
    for (size_t j = 0; j < n; j++) {
        id_of(id, sizeof id, ix[j]);
        printf("%s%s", j ? ", " : "", id);
    }
    printf("]\n");
}

static void initiative(size_t i, size_t n_obj, unsigned char *moscow)
{
    char id[32];
    id_of(id, sizeof id, i);
    printf("\n  - id: %s\n    title: %s", id, PICK(VERBS));
    printf(" %s", PICK(SUBJECTS));
    if (rnd(100) < QUALIFIER_PCT)
        printf(" %s", PICK(QUALIFIERS));
    printf("\n    summary: %s", PICK(SENT_OPEN));
    printf(" %s", PICK(SUBJECTS));
    printf(" %s", PICK(SENT_END));
    if (rnd(100) < SECOND_SENTENCE_PCT)
        printf(" %s", PICK(SENT_WHY));
    putchar('\n');

    /* Objectives: the first cycles through all of them so each is served. */
    static const unsigned OBJ_W[] = {55, 35, 10}; /* 1, 2 or 3 objectives */
    size_t objs[3];
    size_t k = weighted(OBJ_W, 3) + 1;
    objs[0] = i % n_obj;
    size_t got = 1;
    while (got < k && got < n_obj) {
        size_t v = rnd(n_obj);
        int dup = 0;
        for (size_t j = 0; j < got; j++)
            dup |= objs[j] == v;
        if (!dup)
            objs[got++] = v;
    }
    printf("    objectives: [");
    for (size_t j = 0; j < got; j++)
        printf("%sO%zu", j ? ", " : "", objs[j] + 1);
    printf("]\n");

    /* Effort: a flow mapping for one or two roles, a block for three (both
     * forms appear in real files), each a triple or, one time in three, a
     * single number. */
    static const unsigned ROLE_W[] = {40, 45, 15};
    size_t roles[3];
    size_t nr = pick_distinct(roles, weighted(ROLE_W, 3) + 1, N_TEAM);
    int block = nr == 3;
    printf(block ? "    effort:\n" : "    effort: { ");
    for (size_t j = 0; j < nr; j++) {
        const char *name = TEAM[roles[j]].name;
        const char *sep = block ? "      " : j ? ", " : "";
        if (rnd(3) == 0) {
            printf("%s%s: %ld", sep, name, rnd_range(0, 30));
        } else {
            long o = rnd_range(2, 40);
            long m = o + rnd_range(0, 30);
            long p = m + rnd_range(0, 60); /* o <= m <= p */
            printf("%s%s: [%ld, %ld, %ld]", sep, name, o, m, p);
        }
        if (block)
            putchar('\n');
    }
    if (!block)
        printf(" }\n");

    static const unsigned COST_W[] = {55, 35, 10}; /* 0, 1 or 2 costs */
    size_t nc = weighted(COST_W, 3);
    if (nc) {
        printf("    costs:\n");
        for (size_t j = 0; j < nc; j++) {
            size_t r = rnd(3);
            printf("      - { item: %s", PICK(COST_ITEMS));
            printf(", amount: %ld", rnd_range(5, 400) * (r == 1 ? 10 : 100));
            if (r) /* `recurring` defaults to once; write it out sometimes */
                printf(", recurring: %s", RECURRING[r]);
            else if (rnd(2))
                printf(", recurring: once");
            printf(" }\n");
        }
    }

    /* MoSCoW first, so a `must` never depends on a `wont` (a warning). */
    unsigned char mo = (unsigned char)rnd(4);
    moscow[i] = mo;
    static const unsigned DEP_W[] = {40, 45, 15}; /* 0, 1 or 2 dependencies */
    size_t deps[2];
    size_t nd = i ? pick_distinct(deps, weighted(DEP_W, 3), i) : 0;
    size_t kept = 0;
    for (size_t j = 0; j < nd; j++)
        if (!(mo == 0 && moscow[deps[j]] == 3))
            deps[kept++] = deps[j];
    if (kept)
        id_list("depends_on", deps, kept);

    printf("    scores: { business_value: %ld", rnd_range(1, 10));
    printf(", time_criticality: %ld", rnd_range(0, 10));
    printf(", risk_reduction: %ld", rnd_range(0, 10));
    if (rnd(100) < RICE_PCT) {
        printf(", reach: %ld", rnd_range(1, 5000) * 10);
        printf(", impact: %ld", rnd_range(1, 3));
        printf(", confidence: 0.%ld", rnd_range(5, 9));
    }
    printf(" }\n    moscow: %s\n", MOSCOW[mo]);
    if (rnd(5) == 0)
        quarter("earliest");
    printf("    owner: %s\n", PICK(OWNERS));
    size_t tags[2];
    size_t nt = pick_distinct(tags, rnd(5) < 3 ? 1 : 2, sizeof TAGS / sizeof TAGS[0]);
    printf("    tags: [");
    for (size_t j = 0; j < nt; j++)
        printf("%s%s", j ? ", " : "", TAGS[tags[j]]);
    printf("]\n");
}

static void trailer(size_t n, size_t n_risks)
{
    printf("\nrisks:\n");
    for (size_t i = 0; i < n_risks; i++) {
        printf("  - id: R%zu\n    title: %s\n", i + 1, PICK(RISK_TITLES));
        printf("    likelihood: %ld\n", rnd_range(1, 5));
        printf("    impact: %ld\n", rnd_range(1, 5));
        printf("    mitigation: %s\n", PICK(MITIGATIONS));
        printf("    owner: %s\n", PICK(OWNERS));
        size_t inis[3];
        id_list("initiatives", inis, pick_distinct(inis, (size_t)rnd_range(1, 3), n));
    }
    printf("\n"
           "assessment:\n"
           "  architecture: { current: 2, target: 4, note: \"Monolith with nightly batches\" }\n"
           "  data:         { current: 1.5, target: 4 }\n"
           "  security:     { current: 2, target: 4, note: \"No SSO internally\" }\n"
           "  delivery:     { current: 3, target: 4 }\n"
           "  team:         { current: 3, target: 4.5 }\n"
           "\n"
           "playbook:\n"
           "  template: standard\n"
           "  owners:\n"
           "    sponsor: \"Claire Donnelly\"\n"
           "    engineering_lead: \"Priya Shah\"\n"
           "    product_owner: \"Zoë Müller\"\n"
           "    delivery_manager: \"Nadia Rahman\"\n"
           "    security_lead: \"Marcus Boateng\"\n"
           "    platform_lead: \"Ewan Fraser\"\n"
           "    data_lead: \"Hannah Lloyd\"\n");
}

static int usage(void)
{
    fputs("usage: gen_engagement N [SEED]\n"
          "Write an engagement file with N initiatives (1..999999) to stdout.\n",
          stderr);
    return 2;
}

static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (!s[0] || s[0] == '-' || s[0] == '+')
        return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || v > max)
        return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv)
{
    unsigned long long n, seed = 1;
    if (argc < 2 || argc > 3 || !parse_count(argv[1], 999999, &n) || n == 0)
        return usage();
    if (argc == 3 && !parse_count(argv[2], UINT64_MAX, &seed))
        return usage();
    rng_seed(seed);

    size_t count = (size_t)n;
    size_t n_obj = count / 10 + 3, n_risks = count / 8 + 2;
    unsigned char *moscow = calloc(count, 1);
    if (!moscow) {
        fputs("gen_engagement: out of memory\n", stderr);
        return 1;
    }
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    header(count, n_obj, seed);
    printf("\ninitiatives:");
    for (size_t i = 0; i < count; i++)
        initiative(i, n_obj, moscow);
    trailer(count, n_risks);
    free(moscow);

    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen_engagement: writing the output");
        return 1;
    }
    return 0;
}
