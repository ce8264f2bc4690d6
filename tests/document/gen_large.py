#!/usr/bin/env python3
"""gen_large.py N QUARTERS [SEED] - a valid engagement with N initiatives over
QUARTERS quarters, for the document's size test (tests/document/run.sh).

Deterministic for a given N, QUARTERS and SEED.  Ten roles, seven with a
capacity; objectives with deadlines across the horizon and beyond it; each
initiative depends on up to two earlier ones; every MoSCoW tier; once,
monthly and yearly costs; N/8 risks; a five-area assessment.  Capacity is
sized so that some initiatives are scheduled in every part of the horizon
and some are deferred.
"""
import random
import sys


def main():
    n = int(sys.argv[1])
    quarters = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    roles = [("engineer", 650, 12), ("platform", 720, 6), ("data", 700, 4), ("security", 850, 2),
             ("qa_lead", 600, 3), ("product", 800, 2), ("architect", 1100, 1),
             ("contractor", 950, None), ("si_partner", 1250, None), ("ux", 700, None)]
    out = ["format: waymark/1",
           "client:",
           '  name: "Łódź Świętokrzyska Logistics — Zoë & Co"',
           "  short_name: Zoë Logistics",
           "engagement:",
           "  title: Technology Roadmap",
           "  currency: EUR",
           "  start: 2027-Q1",
           "  quarters: %d" % quarters,
           "  date: 2026-11-20",
           "team:"]
    for name, rate, scale in roles:
        if scale is None:
            out.append("  %s: { rate: %d }" % (name, rate))
        else:
            out.append("  %s: { rate: %d, capacity: %d }" % (name, rate, scale * max(1, n // 40)))
    out += ["budget:", "  total: %d" % (n * 40000), "  contingency: 0.15",
            "prioritisation:", "  method: wsjf", "objectives:"]
    n_obj = n // 10 + 3
    for k in range(1, n_obj + 1):
        out.append("  - id: OBJ-%d" % k)
        out.append('    title: "Objective %d — measurable outcome"' % k)
        out.append("    value: %d" % rng.randint(1, 10))
        if k % 4:
            year, q = divmod(rng.randint(0, quarters + 3), 4)
            out.append("    deadline: %d-Q%d" % (2027 + year, q + 1))
        out.append('    measures: ["Measure %d.1", "Measure %d.2"]' % (k, k))
    out.append("initiatives:")
    tiers = ["must", "should", "should", "could", "could", "wont"]
    not_wont = []  # earlier initiatives a dependency may name (no must on a wont)
    for i in range(1, n + 1):
        tier = rng.choice(tiers)
        out.append("  - id: INI-%04d" % i)
        out.append('    title: "Initiative %d: make the platform %s"'
                   % (i, rng.choice(["faster", "safer", "cheaper", "simpler", "observable"])))
        out.append("    objectives: [OBJ-%d]" % rng.randint(1, n_obj))
        effort = []
        for name, _, _ in rng.sample(roles, rng.randint(1, 3)):
            o = rng.randint(2, 30)
            m = o + rng.randint(0, 20)
            p = m + rng.randint(0, 40)
            effort.append("%s: [%d, %d, %d]" % (name, o, m, p))
        out.append("    effort: { %s }" % ", ".join(effort))
        if rng.random() < 0.4:
            out.append("    costs: [{ item: Licence, amount: %d, recurring: %s }]"
                       % (rng.randint(1, 50) * 100, rng.choice(["once", "monthly", "yearly"])))
        recent = [d for d in not_wont[-40:]]
        if recent and rng.random() < 0.5:
            deps = sorted(set(rng.choice(recent) for _ in range(rng.randint(1, 2))))
            out.append("    depends_on: [%s]" % ", ".join("INI-%04d" % d for d in deps))
        out.append("    scores: { business_value: %d, time_criticality: %d, risk_reduction: %d }"
                   % (rng.randint(1, 10), rng.randint(1, 10), rng.randint(0, 10)))
        out.append("    moscow: %s" % tier)
        if tier != "wont":
            not_wont.append(i)
        if rng.random() < 0.1:
            year, q = divmod(rng.randint(0, quarters - 1), 4)
            out.append("    earliest: %d-Q%d" % (2027 + year, q + 1))
        out.append('    owner: "Zoë Müller"')
    out.append("risks:")
    for k in range(1, n // 8 + 1):
        out.append("  - id: R%d" % k)
        out.append('    title: "Risk %d: key-person dependency"' % k)
        out.append("    likelihood: %d" % rng.randint(1, 5))
        out.append("    impact: %d" % rng.randint(1, 5))
        if k % 3:
            out.append("    owner: Jürgen Weiß")
            out.append("    mitigation: Pair and document.")
            out.append("    initiatives: [INI-%04d]" % rng.randint(1, n))
    out.append("assessment:")
    for area in ["architecture", "data", "security", "delivery", "team"]:
        cur = rng.randint(0, 6) / 2
        out.append("  %s: { current: %.1f, target: %.1f }" % (area, cur, min(5, cur + 2)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
