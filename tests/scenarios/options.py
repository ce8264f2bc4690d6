#!/usr/bin/env python3
"""options.py WAYMARK SOURCE_DIR - the Options section against the plans.

On samples/saas-scaleup.yaml (the base and two scenarios) and on the same
engagement with six scenarios (one removing the budget), renders the
deliverable as Markdown and as a PDF and checks, against `waymark plan` of
the same file:

  - the section is there, after the prioritised initiatives and before the
    roadmap, and is absent without scenarios;
  - its tables: one column per option, the base first; with more than three
    scenarios, split into tables of three that each repeat the base column;
    the budgeted total, the work at P80, the budget fit (against the
    option's own budget) and Must/Should/Could scheduled of every column
    are the plan's figures (the base's and each scenario's);
  - one timeline per option, all on the same quarters: in the PDF, every
    timeline's axis reaches the last quarter of the longest horizon;
  - one paragraph per scenario, naming the initiatives it schedules that the
    base does not and those it leaves out, and its cost difference.
Exits 1 on any failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1


def money(x):
    """A whole amount as the document writes it in GBP: half away from zero."""
    n = int(abs(x) + 0.5)
    return "£" + f"{n:,}"


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(args)} exited {r.returncode}:\n{r.stderr}")
    return r.stdout


def section(md, title):
    m = re.search(r"^## " + re.escape(title) + r"\n(.*?)(?=^## )", md, re.S | re.M)
    return m.group(1) if m else None


def tables(text):
    """The Markdown tables of `text`: lists of rows of cells, header first."""
    out, cur = [], []
    for line in text.split("\n") + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r"-+:?", c) for c in cells):
                cur.append(cells)
        elif cur:
            out.append(cur)
            cur = []
    return out


def scheduled(plan, tier=None):
    return [p["id"] for p in plan["initiatives"]
            if p["status"] == "scheduled" and (tier is None or p["tier"] == tier)]


def check_file(wm, path, tmp, label):
    plan = json.loads(run([wm, "plan", path]))
    md = run([wm, "render", path, "--format", "md", "-o", "-"])
    heads = re.findall(r"^## (.+)$", md, re.M)
    opts = section(md, "Options")
    scen = plan.get("scenarios", [])
    if not scen:
        check(opts is None, f"{label}: no Options section without scenarios")
        return
    check(opts is not None and heads.index("Options") == heads.index("Prioritised initiatives") + 1
          and heads.index("Roadmap") == heads.index("Options") + 1,
          f"{label}: Options comes after the initiatives and before the roadmap")
    options = [("Base plan", plan)] + [(f"{s['id']} {s['name']}", s["plan"]) for s in scen]
    # Option tables: the base column first in each, then up to three scenarios.
    ts = [t for t in tables(opts) if t[0][0] == "" and t[0][1] == "Base plan"]
    want_groups = [options[1 + k:4 + k] for k in range(0, len(scen), 3)]
    check(len(ts) == len(want_groups), f"{label}: {len(want_groups)} option table(s)")
    for t, group in zip(ts, want_groups):
        cols = [("Base plan", plan)] + group
        check(t[0][1:] == [c[0] for c in cols],
              f"{label}: columns {', '.join(c[0] for c in cols)}")
        rows = {r[0]: r[1:] for r in t[1:]}
        check(rows.get("Budgeted total") == [money(p["totals"]["cost"]) for _, p in cols],
              f"{label}: each column's budgeted total is its plan's totals.cost")
        check(rows.get("The work at P80") == [money(p["totals"]["p80"]) for _, p in cols],
              f"{label}: each column's P80 is its plan's")
        fit = [("No budget" if p["totals"].get("budget") is None else
                "On budget" if round(p["totals"]["variance"]) == 0 else
                money(p["totals"]["variance"]) + (" under" if p["totals"]["variance"] > 0
                                                   else " over")) for _, p in cols]
        check(rows.get("Budget fit") == fit, f"{label}: each column's budget fit is against "
              f"its own plan's budget ({', '.join(fit)})")
        for tier in ("must", "should", "could"):
            want = [f"{len(scheduled(p, tier))} of "
                    f"{sum(1 for i in p['initiatives'] if i['tier'] == tier)}" for _, p in cols]
            check(rows.get(f"{tier.capitalize()} scheduled") == want,
                  f"{label}: {tier.capitalize()} scheduled as each plan has it")
    # One timeline per option (as data tables in Markdown, titled in bold).
    for name, _ in options:
        check(f"**{name}**\n" in opts, f"{label}: a timeline for {name}")
    # The paragraphs: what each buys and gives up against the base.
    base_s = scheduled(plan)
    for s in scen:
        name = f"{s['id']} {s['name']}"
        para = next((l for l in opts.split("\n") if l.startswith(f"**{name}.**")), "")
        check(bool(para), f"{label}: a paragraph for {name}")
        got = scheduled(s["plan"])
        gained = [i for i in got if i not in base_s]
        lost = [i for i in base_s if i not in got]
        for i in gained[:4]:
            check(i in para.split("base plan does not")[0], f"{label}: {name} names {i} as gained")
        for i in lost[:4]:
            check(i in para.split("leaves out")[-1], f"{label}: {name} names {i} as left out")
        delta = s["plan"]["totals"]["cost"] - plan["totals"]["cost"]
        if round(delta) != 0:
            check(f"{money(delta)} {'more' if delta > 0 else 'less'}" in para,
                  f"{label}: {name} states its cost difference {money(delta)}")
    # The PDF: every timeline's axis reaches the longest horizon's last year.
    pdf = os.path.join(tmp, os.path.basename(path) + ".pdf")
    run([wm, "render", path, "-o", pdf])
    text = run(["pdftotext", pdf, "-"])
    # The section's own pages (the contents list "Options" too: take the last).
    bodies = re.findall(r"^Options$(.*?)^Roadmap$", text, re.S | re.M)
    body = bodies[-1] if bodies else ""
    last = max(q for _, p in options for q in p["quarters"])
    # An axis labels each quarter ("Q4 2028") or, when long, each year above
    # its quarters ("2029"): the last column's label, once per timeline.
    label_q = f"Q{last[-1]} {last[:4]}"
    shown = max(len(re.findall(r"^" + label_q + r"$", body, re.M)),
                len(re.findall(r"^" + last[:4] + r"$", body, re.M)))
    check(shown >= len(options), f"{label}: all {len(options)} timelines reach {label_q} "
          f"(one shared axis; {shown} axis labels)")


SIX = """scenarios:
  - { id: S2, name: Budget +20%, set: { budget.total: 1500000, team.platform.capacity: 110 } }
  - { id: S3, name: One more engineer, set: { team.engineer.capacity: 160 } }
  - { id: S4, name: Budget -20%, set: { budget.total: 1000000 }, exclude: [DATA-02] }
  - { id: S5, name: Two more years, set: { engagement.quarters: 12 } }
  - id: S6
    name: Enterprise first
    set: { initiatives.TEN-02.moscow: must, initiatives.BILL-02.moscow: could }
  - { id: S7, name: No budget, set: { budget: ~ } }
"""


def main():
    wm, src = os.path.abspath(sys.argv[1]), sys.argv[2]
    sample = os.path.join(src, "samples", "saas-scaleup.yaml")
    with open(sample, encoding="utf-8") as f:
        text = f.read()
    base = text[:text.index("\nscenarios:")] + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(src, "samples", "assets"), os.path.join(tmp, "assets"))
        check_file(wm, sample, tmp, "saas-scaleup")
        for name, body in (("none", base), ("six", base + SIX)):
            path = os.path.join(tmp, name + ".yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
            check_file(wm, path, tmp, f"saas-scaleup, {name} scenarios")
        # The generated engagements of rewrite.py (options that schedule
        # nothing, drop tiers, have no budget...) all render their Options.
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import rewrite
        bad = []
        for seed in range(40):
            path = os.path.join(tmp, f"gen{seed}.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(rewrite.generate(seed))
            r = subprocess.run([wm, "render", path, "--format", "md", "-o", "-"],
                               capture_output=True, text=True)
            if r.returncode != 0 or "\n## Options\n" not in r.stdout:
                bad.append(f"seed {seed}: exit {r.returncode} {r.stderr[:300]}")
        check(not bad, "40 generated engagements render their Options section"
              + (": " + "; ".join(bad[:3]) if bad else ""))
    if failures:
        print(f"FAIL: {failures} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
