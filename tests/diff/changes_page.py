#!/usr/bin/env python3
"""changes_page.py WAYMARK SOURCE_DIR - a baseline puts what changed in the
plan and in the deliverable.

From saas-scaleup's plan (v1.json), an edited version (PLAT-03 made a Must
that waits for PLAT-02, PLAT-01's estimate doubled, DX-03 removed, a new
initiative added, the budget raised):
  - `plan --baseline v1.json` gives the plan a `changes` equal to what
    `waymark diff --format json v1.json v2.yaml` prints;
  - without a baseline the plan's `changes` is null and the deliverable has
    no "Changes since" section;
  - `render --baseline` puts "Changes since the last version" on the page
    right after the dashboard, with the summary sentence, each listed
    initiative's id and what changed ("Moved later", "Removed", "Added"),
    the reason ("Now waits for PLAT-02"), the totals; the Markdown and the
    HTML carry the same section;
  - `engagement.baseline: v1.json` in the file does the same as the option,
    relative to the file; the option overrides it;
  - a baseline that cannot be read is an error at engagement.baseline's
    line:col (exit 1), and `--baseline` with a missing file exits 1 naming it;
  - a baseline equal to the version itself: the section says nothing changed;
  - the dashboard's budgeted total tile shows the change in cost since the
    last version;
  - the Gantt chart draws an outline where each moved initiative was (one
    per move, from the layout dump) with "Baseline dates" in its legend, and
    its data table in the Markdown gets a Baseline column; none of it without
    a baseline.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WM, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TMP = tempfile.mkdtemp()
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")
failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1


def run(*args):
    return subprocess.run([WM, *args], capture_output=True, text=True, env=ENV, cwd=TMP)


def pages(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return out.split("\f")


def main():
    shutil.copytree(os.path.join(SRC, "samples", "assets"), os.path.join(TMP, "assets"))
    with open(os.path.join(SRC, "samples", "saas-scaleup.yaml"), encoding="utf-8") as f:
        base = f.read()
    with open(os.path.join(TMP, "v1.yaml"), "w", encoding="utf-8") as f:
        f.write(base)
    p = run("plan", "v1.yaml", "-o", "v1.json")
    check(p.returncode == 0, "v1.json written")

    v2 = base
    def sub(old, new):
        nonlocal v2
        assert old in v2, old
        v2 = v2.replace(old, new, 1)
    sub("      platform: [30, 45, 70]\n      engineer: [10, 15, 25]",
        "      platform: [60, 90, 140]\n      engineer: [20, 30, 50]")
    sub("    depends_on: [PLAT-01]\n    scores: { business_value: 5, time_criticality: 6",
        "    depends_on: [PLAT-01, PLAT-02]\n    scores: { business_value: 5, time_criticality: 6")
    sub("    moscow: should\n    owner: Head of Platform\n    tags: [platform]\n",
        "    moscow: must\n    owner: Head of Platform\n    tags: [platform]\n")
    sub("  total: 1250000", "  total: 1400000")
    # DX-03 out (nothing depends on it), NEW-1 in.
    v2 = re.sub(r"\n  - id: DX-03\n(    .*\n)+", "\n", v2)
    sub("\ninitiatives:\n", "\ninitiatives:\n  - id: NEW-1\n    title: Data catalogue pilot\n"
        "    effort: { engineer: 10 }\n    moscow: could\n\n")
    with open(os.path.join(TMP, "v2.yaml"), "w", encoding="utf-8") as f:
        f.write(v2)

    # The plan's changes are the diff.
    p = run("plan", "v2.yaml", "--baseline", "v1.json")
    plan = json.loads(p.stdout) if p.returncode == 0 else {}
    d = run("diff", "--format", "json", "v1.json", "v2.yaml")
    diff = json.loads(d.stdout) if d.returncode == 1 else None
    check(plan.get("changes") is not None and diff is not None
          and plan["changes"]["initiatives"] == diff["initiatives"]
          and plan["changes"]["totals"] == diff["totals"]
          and plan["changes"]["summary"] == diff["summary"],
          "plan --baseline: the plan's changes are what waymark diff prints")
    p = run("plan", "v2.yaml")
    check(p.returncode == 0 and json.loads(p.stdout).get("changes", 1) is None,
          "plan without a baseline: changes is null")

    # The deliverable.
    p = run("render", "v2.yaml", "--baseline", "v1.json", "-o", "v2.pdf")
    check(p.returncode == 0, "render --baseline: exit 0 " + p.stderr[-300:])
    pg = pages(os.path.join(TMP, "v2.pdf"))
    at = [i for i, t in enumerate(pg) if "Changes since the last version" in t and "At a glance" not in t[:200]]
    dash = [i for i, t in enumerate(pg) if re.search(r"^\s*At a glance\s*$", t, re.M)
            and "Budgeted total" in t]
    check(at and dash and at[0] == dash[0] + 1,
          "the section is on the page after the dashboard (pages %s, dashboard %s)" % (at, dash))
    dash_text = re.sub(r"\s+", " ", pg[dash[0]]) if dash else ""
    cost = next((t for t in diff["totals"] if t["field"] == "cost"), None) if diff else None
    want = None
    if cost:
        sign = "−" if cost["delta"] < 0 else "+"
        want = "%s£%s since the last version" % (sign, format(round(abs(cost["delta"])), ","))
    check(want is not None and want in dash_text,
          "the dashboard's budgeted total tile shows the change: '%s'" % want)
    text = "\n".join(pg[at[0]:at[0] + 3]) if at else ""
    flat = re.sub(r"\s+", " ", text)
    summary = diff["summary"] if diff else "?"
    check(summary[:60] in flat, "the summary sentence opens it")
    for want in ("PLAT-03", "Moved later", "Now waits for PLAT-02", "DX-03", "Removed", "NEW-1",
                 "Added", "PLAT-01", "estimate", "Budget", "Total cost"):
        check(want in flat, "the section shows '%s'" % want)
    # The Gantt chart: an outline where each moved initiative was (an
    # unfilled rect a bar's height + 3 = 10.5 pt tall), and the legend says so.
    moved = [r for r in diff["initiatives"] if r.get("move") in ("later", "earlier")] if diff else []
    p = run("render", "v2.yaml", "--baseline", "v1.json", "-o", "g.pdf", "--layout-dump", "g.dump")
    dump = open(os.path.join(TMP, "g.dump"), encoding="utf-8").read() if p.returncode == 0 else ""
    ghosts = re.findall(r"^  rect \S+ \S+ \S+ 10\.50 stroke=", dump, re.M)
    check(moved and len(ghosts) == len(moved) and '"Baseline dates"' in dump,
          "Gantt: %d baseline outlines for %d moved initiatives, and a legend entry"
          % (len(ghosts), len(moved)))
    p = run("render", "v2.yaml", "-o", "g0.pdf", "--layout-dump", "g0.dump")
    dump = open(os.path.join(TMP, "g0.dump"), encoding="utf-8").read() if p.returncode == 0 else "x"
    check(not re.search(r"^  rect \S+ \S+ \S+ 10\.50 stroke=", dump, re.M)
          and "Baseline dates" not in dump, "Gantt without a baseline: no outline, no legend entry")
    p = run("render", "v2.yaml", "--baseline", "v1.json", "--format", "md", "-o", "v2.md")
    md = open(os.path.join(TMP, "v2.md"), encoding="utf-8").read() if p.returncode == 0 else ""
    check("## Changes since the last version" in md and "Now waits for PLAT-02" in md,
          "Markdown: the same section")
    check("| Baseline |" in md, "Markdown: the roadmap's table has a Baseline column")
    p = run("render", "v2.yaml", "--baseline", "v1.json", "--format", "html", "-o", "v2.html")
    html = open(os.path.join(TMP, "v2.html"), encoding="utf-8").read() if p.returncode == 0 else ""
    check("Changes since the last version" in html and "Now waits for PLAT-02" in html,
          "HTML: the same section")
    p = run("render", "v2.yaml", "-o", "plain.pdf")
    check(p.returncode == 0 and not any("Changes since the last version" in t
                                        for t in pages(os.path.join(TMP, "plain.pdf"))),
          "no baseline: no section")

    # engagement.baseline, relative to the file; the option overrides it.
    os.makedirs(os.path.join(TMP, "v3"))
    shutil.copytree(os.path.join(SRC, "samples", "assets"), os.path.join(TMP, "v3", "assets"))
    v3 = v2.replace("\nengagement:\n", "\nengagement:\n  baseline: ../v1.json\n", 1)
    with open(os.path.join(TMP, "v3", "v3.yaml"), "w", encoding="utf-8") as f:
        f.write(v3)
    p = run("plan", "v3/v3.yaml")
    ch = json.loads(p.stdout).get("changes") if p.returncode == 0 else None
    check(ch is not None and ch["initiatives"] == diff["initiatives"],
          "engagement.baseline: the same changes, the path relative to the file")
    p = run("plan", "v3/v3.yaml", "--baseline", "v2.yaml")
    ch = json.loads(p.stdout).get("changes") if p.returncode == 0 else None
    check(ch is not None and ch["changed"] is False and ch["summary"] == "Nothing changed.",
          "--baseline overrides engagement.baseline (v2.yaml: nothing changed)")
    p = run("render", "v3/v3.yaml", "--baseline", "v2.yaml", "-o", "same.pdf")
    check(p.returncode == 0 and any("Nothing changed." in re.sub(r"\s+", " ", t)
                                    for t in pages(os.path.join(TMP, "same.pdf"))),
          "a baseline equal to the version: the section says nothing changed")

    # Bad baselines.
    v4 = v2.replace("\nengagement:\n", "\nengagement:\n  baseline: missing.json\n", 1)
    with open(os.path.join(TMP, "v4.yaml"), "w", encoding="utf-8") as f:
        f.write(v4)
    line = v4.split("\n").index("  baseline: missing.json") + 1
    p = run("plan", "v4.yaml")
    check(p.returncode == 1 and f"v4.yaml:{line}:13: error: engagement.baseline 'missing.json' "
          "cannot be used" in p.stderr, "a missing engagement.baseline: exit 1 at its line:col "
          + p.stderr.strip()[:200])
    p = run("render", "v2.yaml", "--baseline", "nothere.json", "-o", "x.pdf")
    check(p.returncode == 1 and "nothere.json" in p.stderr and not os.path.exists(
        os.path.join(TMP, "x.pdf")), "--baseline with a missing file: exit 1, no PDF")
    return 1 if failures else 0


sys.exit(main())
