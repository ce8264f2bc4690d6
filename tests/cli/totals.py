#!/usr/bin/env python3
"""totals.py WAYMARK SOURCE_DIR - the deliverable's figures add up.

Every table of `waymark plan --format md` that has a **Total** row adds up
down every money column to that row, and every table with Labour, Other
costs, Contingency and Cost columns adds up across every row (the total
row too): displayed figures are rounded on both axes (method: "Display").
Checked for the samples and for engagements written here whose day rates
and costs are thirds and sevenths of a unit, so that nearly every cell is
rounded and a rounding that only holds per column shows.
"""
import os
import re
import subprocess
import sys
import tempfile

bin_, src = sys.argv[1], sys.argv[2]
failed = False


def bad(msg):
    global failed
    failed = True
    print("FAIL:", msg)


MONEY = re.compile(r"^\*{0,2}-?[£€$]?-?[\d,]+\*{0,2}$")


def amount(cell):
    cell = cell.strip().strip("*")
    digits = re.sub(r"[^\d-]", "", cell)
    return int(digits) if digits not in ("", "-") else None


def tables(md):
    """Yield (title line before it, header cells, rows) of each pipe table."""
    lines = md.split("\n")
    i, last_heading = 0, ""
    while i < len(lines):
        if lines[i].startswith("#"):
            last_heading = lines[i]
        if lines[i].startswith("| ") and i + 1 < len(lines) and lines[i + 1].startswith("| ---"):
            head = [c.strip() for c in lines[i].strip("|").split(" | ")]
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("| "):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split(" | ")])
                i += 1
            yield last_heading, head, rows
            continue
        i += 1


def check(path, label):
    r = subprocess.run([bin_, "plan", "--format", "md", path], capture_output=True, text=True)
    if r.returncode != 0:
        bad(f"{label}: plan --format md exit {r.returncode}: {r.stderr}")
        return
    n_checked = 0
    for heading, head, rows in tables(r.stdout):
        totals = [row for row in rows if row and any(c.strip("*") == "Total" for c in row)]
        body = [row for row in rows if row not in totals]
        if totals:
            total = totals[0]
            for c, name in enumerate(head):
                if c >= len(total) or not MONEY.match(total[c].strip()) or "£" not in total[c] and "€" not in total[c] and "$" not in total[c]:
                    continue
                want = amount(total[c])
                got = sum(amount(row[c]) or 0 for row in body if c < len(row))
                n_checked += 1
                if got != want:
                    bad(f"{label}: {heading} column {name!r} adds up to {got}, total shows {want}")
        if all(h in head for h in ("Labour", "Other costs", "Contingency", "Cost")):
            ix = [head.index(h) for h in ("Labour", "Other costs", "Contingency", "Cost")]
            for row in rows:
                l, o, c, t = (amount(row[k]) for k in ix)
                n_checked += 1
                if l + o + c != t:
                    bad(f"{label}: {heading} row {row[0]!r} {row[1] if len(row) > 1 else ''}: "
                        f"{l} + {o} + {c} != {t}")
    if n_checked == 0:
        bad(f"{label}: no table with totals found")
    else:
        print(f"ok: {label}: {n_checked} sums add up")


for name in sorted(os.listdir(os.path.join(src, "samples"))):
    if name.endswith(".yaml"):
        check(os.path.join(src, "samples", name), name)


def engagement(n, quarters):
    out = [
        "format: waymark/1",
        "client: {name: Thirds Ltd}",
        f"engagement: {{title: Roadmap, currency: GBP, start: 2027-Q1, quarters: {quarters}, date: 2026-11-30}}",
        "team:",
        "  engineer: {rate: 533.3333, capacity: 41}",
        "  analyst: {rate: 471.4286, capacity: 23}",
        "budget: {total: 900000, contingency: 0.1428571}",
        "objectives:",
        "  - {id: O1, title: Grow, deadline: 2028-Q4}",
        "initiatives:",
    ]
    for i in range(1, n + 1):
        out += [
            f"  - id: I{i}",
            f"    title: Initiative {i}",
            "    objectives: [O1]",
            f"    effort: {{engineer: [{i % 7 + 1}, {i % 7 + 4}.5, {i % 7 + 9}], analyst: {i % 5 + 1}.3}}",
            f"    costs: [{{item: Licence, amount: {1000 + i * 37}.3333, recurring: {'monthly' if i % 3 == 0 else 'once'}}}]",
            f"    moscow: {['must', 'should', 'could'][i % 3]}",
            "    scores: {business_value: 5, time_criticality: 3, risk_reduction: 2}",
        ]
    return "\n".join(out) + "\n"


with tempfile.TemporaryDirectory() as tmp:
    for n, q in ((1, 4), (7, 4), (40, 8)):
        path = os.path.join(tmp, f"thirds-{n}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(engagement(n, q))
        check(path, f"thirds-{n}")

sys.exit(1 if failed else 0)
