#!/usr/bin/env python3
"""csv_tables.py WAYMARK SOURCE_DIR - `waymark plan --format csv --table T`.

For every sample and for engagements written here (a yen budget with no
minor units, owners and dependencies), each table is read back with
Python's csv module and checked against the plan's JSON, with exact
decimal arithmetic:
  - quarters: one row per quarter and role plus one per quarter for other
    costs and contingency; every row's cost is labour + other +
    contingency; labour, other and cost add up to the plan's totals rounded
    to the currency's minor units, contingency to within one of them;
    days per role and quarter are the plan's, to 2 decimals;
  - roles: rate and capacity are the engagement's, labour adds up to
    totals.labour;
  - initiatives: the plan's ids in rank order, owner and depends_on from
    the engagement, every cost within half a minor unit;
  - objectives and risks: the plan's ids, served_by / initiatives lists;
  - every money table has the currency as a column;
  - usage errors: --table without --format csv, an unknown table.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal as D

bin_, src = sys.argv[1], sys.argv[2]
failed = False


def bad(msg):
    global failed
    failed = True
    print("FAIL:", msg)


def ok(msg):
    print("ok:", msg)


def run(*args):
    return subprocess.run([bin_, *args], capture_output=True, text=True)


def table(path, name):
    r = subprocess.run([bin_, "plan", "--format", "csv", "--table", name, path], capture_output=True)
    if r.returncode != 0:
        bad(f"{path}: --table {name} exit {r.returncode}: {r.stderr!r}")
        return []
    out = r.stdout.decode("utf-8")
    if out.count("\r\n") != out.count("\n"):
        bad(f"{path}: {name}: records are not ended by CRLF")
    return list(csv.DictReader(io.StringIO(out, newline="")))


def q(x, minor):
    """x rounded half away from zero to `minor` places, as a Decimal."""
    unit = D(1).scaleb(-minor)
    return D(repr(x)).quantize(unit, rounding="ROUND_HALF_UP")


def check(path, minor, label):
    plan = json.loads(run("plan", path).stdout)
    tot = plan["totals"]
    cur = plan["currency"]
    unit = D(1).scaleb(-minor)

    rows = table(path, "quarters")
    want_rows = sum(len(b["roles"]) + 1 for b in plan["by_quarter"])
    if len(rows) != want_rows:
        bad(f"{label}: quarters has {len(rows)} rows, want {want_rows}")
    sums = {c: sum(D(r[c]) for r in rows) for c in ("labour", "other", "contingency", "cost")}
    for c in ("labour", "other", "cost"):
        if sums[c] != q(tot[c], minor):
            bad(f"{label}: quarters {c} adds up to {sums[c]}, totals say {q(tot[c], minor)}")
    if abs(sums["contingency"] - q(tot["contingency"], minor)) > unit:
        bad(f"{label}: quarters contingency {sums['contingency']} vs {tot['contingency']}")
    for r in rows:
        if D(r["cost"]) != D(r["labour"]) + D(r["other"]) + D(r["contingency"]):
            bad(f"{label}: row {r} does not add up across")
            break
        if r["currency"] != cur:
            bad(f"{label}: currency column {r['currency']!r}, want {cur}")
            break
        for c in ("labour", "other", "contingency", "cost"):
            if D(r[c]) != D(r[c]).quantize(unit):
                bad(f"{label}: {c} {r[c]} has more than {minor} decimals")
    byq = {b["quarter"]: b for b in plan["by_quarter"]}
    for r in rows:
        if r["role"]:
            role = byq[r["quarter"]]["roles"][r["role"]]
            if D(r["days"]) != q(role["days"], 2).normalize() and D(r["days"]) != q(role["days"], 2):
                bad(f"{label}: {r['quarter']} {r['role']} days {r['days']}, plan {role['days']}")
                break
    ok(f"{label}: quarters add up to the totals across and down ({len(rows)} rows)")

    roles = table(path, "roles")
    if sum(D(r["labour"]) for r in roles) != q(tot["labour"], minor):
        bad(f"{label}: roles labour does not add up to totals.labour")
    else:
        ok(f"{label}: roles labour adds up to totals.labour")

    inis = table(path, "initiatives")
    if [r["id"] for r in inis] != [i["id"] for i in plan["initiatives"]]:
        bad(f"{label}: initiatives ids differ from the plan's")
    for r, i in zip(inis, plan["initiatives"]):
        if abs(D(r["cost"]) - D(repr(i["cost"]))) > unit / 2 + unit:
            bad(f"{label}: {r['id']} cost {r['cost']}, plan {i['cost']}")
            break
        if r["currency"] != cur:
            bad(f"{label}: {r['id']} currency {r['currency']!r}")
            break
    ok(f"{label}: initiatives in rank order with costs in minor units")

    objs = table(path, "objectives")
    if [r["id"] for r in objs] != [o["id"] for o in plan["objectives"]]:
        bad(f"{label}: objectives ids differ")
    risks = table(path, "risks")
    if [r["id"] for r in risks] != [k["id"] for k in plan["risks"]]:
        bad(f"{label}: risks ids differ")
    return inis, roles, objs, risks


for name in sorted(os.listdir(os.path.join(src, "samples"))):
    if name.endswith(".yaml"):
        check(os.path.join(src, "samples", name), 2, name)

ENGAGEMENT = """\
format: waymark/1
client: {name: Kanda Logistics}
engagement: {title: Roadmap, currency: JPY, start: 2027-Q1, quarters: 4, date: 2026-11-30}
team:
  engineer: {rate: 81234.5, capacity: 30}
  lead: {rate: 99999}
budget: {total: 90000000}
objectives:
  - {id: O1, title: Ship the depot app, deadline: 2027-Q4}
initiatives:
  - id: A1
    title: Depot scanning
    objectives: [O1]
    effort: {engineer: [10, 13, 21], lead: 3}
    costs: [{item: Handhelds, amount: 1234567}]
    moscow: must
    owner: "=Head of Depots"
  - id: A2
    title: Route planning
    objectives: [O1]
    effort: {engineer: 17}
    depends_on: [A1]
    moscow: should
risks:
  - {id: R1, title: Vendor slips, likelihood: 2, impact: 3, owner: COO, initiatives: [A1, A2]}
"""
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "yen.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(ENGAGEMENT)
    inis, roles, objs, risks = check(path, 0, "yen")
    a1 = next(r for r in inis if r["id"] == "A1")
    a2 = next(r for r in inis if r["id"] == "A2")
    if a1["owner"] != "'=Head of Depots" or a2["depends_on"] != "A1" or a1["depends_on"] != "":
        bad(f"owner/depends_on columns: {a1} {a2}")
    else:
        ok("initiatives carry owner (neutralised) and depends_on")
    if [(r["role"], r["rate"], r["capacity"]) for r in roles] != [("engineer", "81235", "30"), ("lead", "99999", "")]:
        bad(f"roles table: {roles}")
    else:
        ok("roles carry rate (rounded to yen) and capacity (empty when unconstrained)")
    if objs[0]["served_by"] != "A1 A2" or risks[0]["initiatives"] != "A1 A2" or risks[0]["owner"] != "COO":
        bad(f"objectives/risks lists: {objs} {risks}")
    else:
        ok("objectives list what serves them; risks their initiatives and owner")

    r = run("plan", "--table", "quarters", path)
    if r.returncode != 2 or "--table is for --format csv" not in r.stderr:
        bad(f"--table without csv: {r.returncode} {r.stderr}")
    r = run("plan", "--format", "csv", "--table", "cats", path)
    if r.returncode != 2 or "--table takes initiatives, quarters, roles, objectives or risks, not 'cats'" not in r.stderr:
        bad(f"unknown table: {r.returncode} {r.stderr}")
    else:
        ok("usage errors for --table")

sys.exit(1 if failed else 0)
