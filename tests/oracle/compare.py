#!/usr/bin/env python3
"""Compare two plan JSONs (plan.md) field by field.

    compare.py A.json B.json [--ignore PATTERN]... [--no-default-ignores]

Exact for strings, ids, ranks, status, quarters, reasons, booleans and nulls;
other numbers within 1e-9 relative (of the larger magnitude, floor 1); the Monte
Carlo fields (totals.p50/p80/p90 within 2% relative; totals.p_within_budget and
totals.contingency_confidence within 0.03 absolute).  Lists of objects with an
`id` (initiatives, objectives, risks) are matched by id, and their order is
compared separately; by_quarter rows are matched by `quarter`.  Every difference
is printed with its path; exit status 1 if there is any.

PATTERN matches a printed path, `*` matching any run of characters, e.g.
`initiatives[*].score_inputs.*`.  Default ignores: plugin versions and checksums
(the oracle has none), `playbook` (not part of method.md) and `scenarios` (each
is the plan of the engagement rewritten: tests/scenarios/rewrite.py checks it).
"""

import argparse
import json
import re
import sys

REL = 1e-9
MC_REL = {"p50", "p80", "p90"}
MC_FRAC = {"p_within_budget", "contingency_confidence"}
DEFAULT_IGNORES = ["plugins[*].version", "plugins[*].sha256", "plugins[*].origin", "playbook",
                   "engagement_sha256", "waymark_version", "changes",
                   "scenarios"]


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class Comparer:
    def __init__(self, ignores):
        self.ignores = [re.compile("^" + ".*".join(map(re.escape, p.split("*"))) + "$")
                        for p in ignores]
        self.diffs = []

    def ignored(self, path):
        return any(r.match(path) for r in self.ignores)

    def diff(self, path, msg):
        if not self.ignored(path):
            self.diffs.append("%s: %s" % (path, msg))

    def cmp(self, path, a, b):
        if self.ignored(path):
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for k in list(a) + [k for k in b if k not in a]:
                p = "%s.%s" % (path, k) if path else k
                if k not in a:
                    self.diff(p, "missing in A (B=%s)" % short(b[k]))
                elif k not in b:
                    self.diff(p, "missing in B (A=%s)" % short(a[k]))
                else:
                    self.cmp(p, a[k], b[k])
        elif isinstance(a, list) and isinstance(b, list):
            self.cmp_list(path, a, b)
        elif is_num(a) and is_num(b):
            self.cmp_num(path, a, b)
        elif type(a) is not type(b) or a != b:
            self.diff(path, "A=%s B=%s" % (short(a), short(b)))

    def cmp_list(self, path, a, b):
        for key in ("id", "quarter"):
            if a and b and all(isinstance(x, dict) and key in x for x in a + b):
                ia, ib = [x[key] for x in a], [x[key] for x in b]
                if ia != ib:
                    common = [x for x in ia if x in ib]
                    common_b = [x for x in ib if x in ia]
                    if common != common_b:
                        first = next(k for k, (x, y) in enumerate(zip(common, common_b)) if x != y)
                        self.diff(path, "order differs from position %d: A=%s... B=%s..."
                                  % (first, common[first:first + 6], common_b[first:first + 6]))
                    for x in ia:
                        if x not in ib:
                            self.diff("%s[%s]" % (path, x), "missing in B")
                    for x in ib:
                        if x not in ia:
                            self.diff("%s[%s]" % (path, x), "missing in A")
                mb = {x[key]: x for x in b}
                for x in a:
                    if x[key] in mb:
                        self.cmp("%s[%s]" % (path, x[key]), x, mb[x[key]])
                return
        if len(a) != len(b):
            self.diff(path, "length A=%d B=%d" % (len(a), len(b)))
        for k, (x, y) in enumerate(zip(a, b)):
            self.cmp("%s[%d]" % (path, k), x, y)

    def cmp_num(self, path, a, b):
        leaf = path.rsplit(".", 1)[-1]
        if path.startswith("totals.") and leaf in MC_REL:
            ok = abs(a - b) <= 0.02 * max(abs(a), abs(b))
        elif path.startswith("totals.") and leaf in MC_FRAC:
            ok = abs(a - b) <= 0.03
        else:
            ok = abs(a - b) <= REL * max(1.0, abs(a), abs(b))
        if not ok:
            self.diff(path, "A=%r B=%r (diff %.3g)" % (a, b, a - b))


def short(x):
    s = json.dumps(x)
    return s if len(s) <= 120 else s[:117] + "..."


def main():
    ap = argparse.ArgumentParser(description="compare two plan JSONs")
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--ignore", action="append", default=[])
    ap.add_argument("--no-default-ignores", action="store_true")
    args = ap.parse_args()
    with open(args.a) as f:
        a = json.load(f)
    with open(args.b) as f:
        b = json.load(f)
    ign = args.ignore + ([] if args.no_default_ignores else DEFAULT_IGNORES)
    c = Comparer(ign)
    c.cmp("", a, b)
    for d in c.diffs:
        print(d)
    print("%d difference(s)" % len(c.diffs), file=sys.stderr)
    sys.exit(1 if c.diffs else 0)


if __name__ == "__main__":
    main()
