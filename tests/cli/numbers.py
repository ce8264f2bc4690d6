#!/usr/bin/env python3
"""numbers.py WAYMARK - every number an engagement takes has a range.

For each numeric field: its limit renders (exit 0, and where the PDF shows
the figure, pdftotext finds it exact: 1e13 is "£10,000,000,000,000", never a
cut or rounded string), and just past it is refused by `validate` with exit
1, the field's position and its range (and, for the open-ended fields of
load.h, a hint).  The most the whole engagement can cost is bounded too.
Negative, NaN, infinite, hexadecimal, octal and huge forms are refused at
their position.  docs/engagement.md ("Numbers") documents the ranges.
"""
import os
import shutil
import subprocess
import sys
import tempfile

wm = os.path.abspath(sys.argv[1])
fails = []

BASE = """format: waymark/1
client:
  name: Northwind
engagement:
  currency: GBP
  start: 2027-Q1
  quarters: {quarters}
team:
  engineer: {{ rate: {rate}, capacity: {capacity} }}
budget:
  total: {total}
  per_quarter: {per_quarter}
  contingency: {contingency}
prioritisation:
  method: {method}
  weights: {{ business_value: {weight}, reach: {weight} }}
objectives:
  - id: O1
    title: Cut dispatch time
    value: {value}
initiatives:
  - id: I1
    title: Event pipeline
    objectives: [O1]
    effort: {{ engineer: {effort} }}
    costs:
      - {{ item: Licences, amount: {amount}, recurring: {recurring} }}
    scores: {{ business_value: {bv}, reach: {reach}, impact: {impact}, confidence: {confidence} }}
risks:
  - id: R1
    title: Key-person dependency
    likelihood: {likelihood}
    impact: {rimpact}
assessment:
  delivery: {{ current: {current}, target: {target} }}
"""
DEFAULTS = dict(quarters=8, rate=650, capacity=240, total=100000, per_quarter=50000,
                contingency=0.1, method="rice", weight=1, value=5, effort="[40, 60, 110]",
                amount=1000, recurring="once", bv=5, reach=100, impact=1, confidence=0.8,
                likelihood=3, rimpact=4, current=2, target=4)
# Which line each field is on, for the positions of messages.
LINES = {k: i + 1 for i, line in enumerate(BASE.splitlines()) for k in DEFAULTS
         if "{" + k + "}" in line}
has_pdftotext = shutil.which("pdftotext") is not None
tmp = tempfile.mkdtemp()
env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")


def write(**over):
    values = dict(DEFAULTS, **over)
    path = os.path.join(tmp, "e.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(BASE.format(**values))
    return path


def run(*args):
    p = subprocess.run([wm, *args], cwd=tmp, capture_output=True, env=env, timeout=120)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def renders(label, want=None, **over):
    write(**over)
    pdf = os.path.join(tmp, "e.pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    rc, err = run("render", "e.yaml", "-o", "e.pdf")
    if rc != 0:
        fails.append(f"{label}: render exited {rc}\n{err}")
        return
    if want and has_pdftotext:
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                              timeout=60).stdout.decode("utf-8", "replace")
        if want not in text:
            fails.append(f"{label}: '{want}' is not in the PDF")


def refused(label, field, want, hint=True, **over):
    write(**over)
    rc, err = run("validate", "--quiet", "e.yaml")
    line = LINES[field] if field != "I1" else BASE.splitlines().index("  - id: I1") + 1
    where = f"e.yaml:{line}:"
    if rc != 1:
        fails.append(f"{label}: validate exited {rc}, expected 1\n{err}")
    elif where not in err or want not in err:
        fails.append(f"{label}: expected '{where}...{want}' in:\n{err}")
    elif hint and "\n  hint: " not in err:
        fails.append(f"{label}: no hint in:\n{err}")


# ---- The open-ended fields: the limit renders exactly, one past is refused.
MONEY = "£10,000,000,000,000"
renders("rate at 10^13", MONEY, rate=10000000000000, effort=1, amount=0, total=0, contingency=0)
renders("once cost at 10^13", MONEY, rate=0, amount=10000000000000, total=0, contingency=0)
renders("budget.total at 10^13", MONEY, total=10000000000000)
renders("budget.per_quarter at 10^13", None, per_quarter=10000000000000)
renders("effort at 10^6", "£1,000,000", rate=1, effort=1000000, amount=0, contingency=0)
renders("capacity at 10^6", None, capacity=1000000)
renders("effort list at 10^6", None, effort="[1000000, 1000000, 1000000]")
renders("weights at 1000", None, method="weighted", weight=1000)
renders("reach at 10^12", None, reach=1000000000000)
renders("impact at 1000", None, impact=1000)
# The whole engagement at its limit: two halves, monthly and yearly costs.
renders("sum at 10^13", MONEY, rate=5000000000000, effort=1, amount=5000000000000, total=0,
        contingency=0)
renders("monthly sum under 10^13", None, rate=0, amount=400000000000, recurring="monthly",
        contingency=0)

m13 = "between 0 and 10000000000000, got 10000000000001"
refused("rate past", "rate", "'team.engineer.rate' must be " + m13, rate=10000000000001)
refused("amount past", "amount", "'initiative I1 costs[1].amount' must be " + m13,
        amount=10000000000001)
refused("total past", "total", "'budget.total' must be " + m13, total=10000000000001)
refused("per_quarter past", "per_quarter", "'budget.per_quarter' must be " + m13,
        per_quarter=10000000000001)
refused("effort past", "effort", "must be between 0 and 1000000, got 1000000.5",
        effort=1000000.5)
refused("effort list past", "effort", "must be between 0 and 1000000, got 1000001",
        effort="[1, 2, 1000001]")
refused("capacity past", "capacity", "'team.engineer.capacity' must be between 0 and 1000000",
        capacity=1000001)
refused("weight past", "weight", "must be between 0 and 1000, got 1000.001", weight=1000.001)
refused("reach past", "reach", "must be between 0 and 1000000000000, got 1000000000001",
        reach=1000000000001)
refused("impact past", "impact", "'initiative I1 scores.impact' must be between 0 and 1000",
        impact=1000.5)
refused("sum past", "I1", "initiative I1 brings the most the engagement can cost to",
        rate=10000000000000, effort=1.5, amount=0, contingency=0)
refused("contingency takes the sum past", "I1", "over the limit of 10000000000000",
        rate=10000000000000, effort=1, amount=0, contingency=0.01)
refused("monthly takes the sum past", "I1", "over the limit of 10000000000000",
        rate=0, amount=1000000000000, recurring="monthly", quarters=40)

# ---- The bounded fields: the limit renders, just past is refused.
renders("quarters at 40", None, quarters=40)
renders("contingency at 1", None, contingency=1)
renders("value at 10, business value at 10, confidence at 1", None, value=10, bv=10,
        confidence=1)
renders("likelihood and impact at 5", None, likelihood=5, rimpact=5)
renders("maturity at 5", None, current=5, target=5)
renders("zeros", None, rate=0, capacity=0, total=0, per_quarter=0, contingency=0, weight=0,
        effort=0, amount=0, bv=0, reach=0, confidence=0, current=0, target=0)
refused("quarters past", "quarters", "between 1 and 40, got 41", False, quarters=41)
refused("contingency past", "contingency", "between 0 and 1, got 1.001", False,
        contingency=1.001)
refused("value past", "value", "between 1 and 10, got 10.5", False, value=10.5)
refused("business value past", "bv", "between 0 and 10, got 11", False, bv=11)
refused("confidence past", "confidence", "between 0 and 1, got 1.5", False, confidence=1.5)
refused("likelihood past", "likelihood", "between 1 and 5, got 6", False, likelihood=6)
refused("current past", "current", "between 0 and 5, got 5.5", False, current=5.5)
refused("impact zero", "impact", "must be greater than 0, got 0", False, impact=0)

# ---- Forms that are not numbers, or not in range, in every money field.
FORMS = [("-1", "must be between 0 and"), ("-0.01", "must be between 0 and"),
         (".nan", "got '.nan'"), (".inf", "got '.inf'"), ("-.inf", "got '-.inf'"),
         ("0x10", "(hexadecimal)"), ("0o17", "(octal)"), ("017", "(leading zero)"),
         ("1e300", "got 1e+300"), ("1e999", "(out of range)"), ("1_000", "(underscores)"),
         ("'650'", "got the text '650'"), ("1e13.5", "got '1e13.5'")]
for field in ["rate", "amount", "total", "per_quarter", "capacity", "reach"]:
    for text, want in FORMS:
        refused(f"{field}: {text}", field, want, False, **{field: text})

shutil.rmtree(tmp)
for f in fails:
    print("FAIL:", f)
if not fails:
    print("ok: every number's limit renders, and past it is refused")
sys.exit(1 if fails else 0)
