#!/usr/bin/env python3
"""gen.py SEED [OUT.yaml] - a small random engagement for the cut-line test.

Seeded and self-contained (Python's own random.Random(SEED)): the same seed
writes the same file.  Each engagement has 4 to 24 initiatives over 3 to 8
quarters, one to three roles (some unconstrained), MoSCoW tiers, once,
monthly and yearly costs, dependencies on earlier initiatives (so no
cycles), and, one time in two, a per-quarter budget and blocked quarters.
The total budget is left as the placeholder BUDGET: check.py plans the file
once and replaces it with a share of the cost, so that the plan is over its
budget.  Initiatives are written in block style, `  - id: I1` and then
`    key: value` lines, which check.py's `moscow: wont` editor relies on.
"""
import random
import sys

ROLES = [("engineer", 500), ("data", 650), ("designer", 420)]


def quarter(start_year, i):
    return "%d-Q%d" % (start_year + i // 4, i % 4 + 1)


def generate(seed):
    r = random.Random(seed)
    nq = r.randint(3, 8)
    n = r.randint(4, 24)
    roles = ROLES[: r.randint(1, 3)]
    caps = {}
    for name, _ in roles:
        caps[name] = None if (name != "engineer" and r.random() < 0.3) else r.choice(
            [20, 40, 60, 90])
    out = ["format: waymark/1", "client:", "  name: Generated %d" % seed, "engagement:",
           "  currency: GBP", "  start: 2027-Q1", "  quarters: %d" % nq, "team:"]
    for name, rate in roles:
        cap = caps[name]
        out.append("  %s: { rate: %d%s }" % (name, rate, "" if cap is None else
                                              ", capacity: %d" % cap))
    out.append("budget:")
    out.append("  total: BUDGET")
    out.append("  contingency: %s" % r.choice(["0", "0.1", "0.15"]))
    if r.random() < 0.5:
        out.append("  per_quarter: %d" % r.choice([15000, 25000, 40000, 60000]))
    if r.random() < 0.5:
        out.append("blocked:")
        q = r.randrange(nq)
        out.append("  - { quarters: [%s], go_live: true, reason: Freeze }" % quarter(2027, q))
        if r.random() < 0.5:
            name = r.choice(roles)[0]
            out.append("  - { quarters: [%s], roles: [%s], reason: Audit }"
                       % (quarter(2027, r.randrange(nq)), name))
    out += ["plugins:", "  - { name: estimate/pert, config: { iterations: 100 } }",
            "objectives:", "  - { id: O1, title: Grow, value: 7 }",
            "  - { id: O2, title: Keep, value: 4 }", "initiatives:"]
    for i in range(1, n + 1):
        out.append("  - id: I%d" % i)
        out.append("    title: Initiative %d" % i)
        out.append("    objectives: [O%d]" % r.randint(1, 2))
        out.append("    moscow: %s" % r.choice(["must", "should", "should", "could", "could",
                                                 "wont"]))
        effort = []
        for name, _ in r.sample(roles, r.randint(1, len(roles))):
            m = r.choice([3, 5, 10, 15, 20, 30, 45])
            effort.append("%s: [%d, %d, %d]" % (name, max(1, m // 2), m, m * 2))
        out.append("    effort: { %s }" % ", ".join(effort))
        out.append("    scores: { time_criticality: %d, risk_reduction: %d }"
                   % (r.randint(0, 9), r.randint(0, 9)))
        if i > 1 and r.random() < 0.3:
            deps = sorted(set(r.randint(1, i - 1) for _ in range(r.randint(1, 2))))
            out.append("    depends_on: [%s]" % ", ".join("I%d" % d for d in deps))
        costs = []
        for _ in range(r.randint(0, 2)):
            kind = r.choice(["once", "monthly", "yearly"])
            amount = {"once": 5000, "monthly": 400, "yearly": 6000}[kind] * r.randint(1, 4)
            costs.append("      - { item: Cost, amount: %d, recurring: %s }" % (amount, kind))
        if costs:
            out.append("    costs:")
            out += costs
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    text = generate(int(sys.argv[1]))
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
