#!/usr/bin/env python3
"""board.py WAYMARK SOURCE_DIR - what a board member reads without a question.

- The engagement's confidentiality marking is on every page but the cover
  (pdftotext page by page), also under a brand whose footer has a marking
  of its own; an engagement without one is marked "Confidential".
- Objectives follow the rule printed above their table: one without a
  deadline, served by a deferred initiative, is at risk.
- A deferral shown outside the appendix gives its reason in words, following
  a dependency to the work it waits for ("waits for I0, which is Won't
  have").
- The summary's figures are on one basis: the work's expected cost, P50,
  P80 and P90 side by side, then contingency and the budgeted total.
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


def ok(msg):
    print("ok:", msg)


def pages(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                         text=True).stdout
    return out.split("\f")[:-1]


def render(path, out, *extra):
    r = subprocess.run([bin_, "render", path, "-o", out, *extra], capture_output=True, text=True)
    if r.returncode != 0:
        bad(f"render {path}: exit {r.returncode}: {r.stderr}")
        return False
    return True


def marked_everywhere(pdf, marking, label):
    ps = pages(pdf)
    flat = [re.sub(r"\s+", " ", p) for p in ps]
    missing = [i + 1 for i, p in enumerate(flat[1:], 1) if marking not in p]
    if missing or len(ps) < 3:
        bad(f"{label}: marking {marking!r} missing on pages {missing[:10]} of {len(ps)}")
    else:
        ok(f"{label}: {marking!r} on every page after the cover ({len(ps)} pages)")


ENGAGEMENT = """\
format: waymark/1
client: {{name: Kestrel Freight Ltd}}
engagement: {{title: Roadmap, currency: GBP, start: 2027-Q1, quarters: 4, date: 2026-11-30{marking}}}
team:
  engineer: {{rate: 500, capacity: 60}}
budget: {{total: 400000}}
objectives:
  - {{id: O1, title: Modern dispatch, description: Dispatchers still re-key orders twice.}}
  - {{id: O2, title: Faster invoicing, deadline: 2027-Q4}}
initiatives:
  - {{id: I0, title: Replace the legacy EDI gateway, objectives: [O1], effort: {{engineer: 20}}, moscow: wont}}
  - {{id: I1, title: Dispatch app, summary: One app for the depot floor., objectives: [O1], effort: {{engineer: 30}}, depends_on: [I0], moscow: must}}
  - {{id: I2, title: E-invoicing, objectives: [O2], effort: {{engineer: 25}}, moscow: must}}
"""

with tempfile.TemporaryDirectory() as tmp:
    for name, marking in (("saas-scaleup", "Client confidential"),
                          ("regulated-insurer", None), ("troubled-delivery", None)):
        path = os.path.join(src, "samples", name + ".yaml")
        if marking is None:
            with open(path, encoding="utf-8") as f:
                marking = re.search(r'confidentiality: "([^"]+)"', f.read()).group(1)
        pdf = os.path.join(tmp, name + ".pdf")
        if render(path, pdf):
            marked_everywhere(pdf, marking, name)
            with open(path, encoding="utf-8") as f:
                sector = re.search(r'^  sector: "?([^"\n]+)"?$', f.read(), re.M).group(1)
            cover = re.sub(r"\s+", " ", pages(pdf)[0])
            if sector not in cover:
                bad(f"{name}: the sector {sector!r} is not on the cover")
            else:
                ok(f"{name}: the sector is on the cover")
    # A brand whose footer has its own marking does not replace the client's.
    pdf = os.path.join(tmp, "keel.pdf")
    if render(os.path.join(src, "samples", "saas-scaleup.yaml"), pdf, "--brand",
              os.path.join(src, "samples", "brands", "keel-letter.yaml")):
        marked_everywhere(pdf, "Client confidential", "saas-scaleup under keel-letter")

    path = os.path.join(tmp, "kestrel.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(ENGAGEMENT.format(marking=""))
    pdf = os.path.join(tmp, "kestrel.pdf")
    if render(path, pdf):
        marked_everywhere(pdf, "Confidential", "an unmarked engagement")
    md = subprocess.run([bin_, "plan", "--format", "md", path], capture_output=True,
                        text=True).stdout
    objectives_md = md.split("## Objectives and measures", 1)[-1]
    row = [l for l in objectives_md.split("\n") if l.startswith("| O1 |")]
    if not row or "**At risk**" not in row[0] or "None" not in row[0]:
        bad(f"O1 (no deadline, served by deferred I1) is not at risk: {row}")
    else:
        ok("an objective without a deadline whose initiative is deferred is at risk")
    if "Dispatchers still re-key orders twice." not in md or "One app for the depot floor." not in md:
        bad("the objective's description or the initiative's summary is not printed")
    else:
        ok("descriptions and summaries are printed")
    summary = md.split("## Executive summary", 1)[-1].split("## Objectives and measures")[0]
    if "Deferred: waits for I0, which is Won't have" not in summary:
        bad("the summary's deferred Must does not say why:\n" + summary)
    else:
        ok("a deferral in the summary says it waits for I0, which is Won't have")
    if not re.search(r"\| Labour and other costs of the scheduled initiatives \| £[\d,]+ \| £[\d,]+ \| £[\d,]+ \| £[\d,]+ \|", summary) \
            or "**Budgeted total:**" not in summary or "**Contingency:**" not in summary:
        bad("the summary's figures are not on one basis:\n" + summary)
    else:
        ok("the summary shows expected, P50, P80 and P90 side by side, then contingency and the budgeted total")

# At a glance: the first page after the contents holds the headline tiles,
# the decisions the engagement asks for, objectives red/amber/green, the
# Must timeline and the top risks; the executive summary has every decision
# with its detail.
with tempfile.TemporaryDirectory() as tmp:
    pdf = os.path.join(tmp, "s.pdf")
    if render(os.path.join(src, "samples", "saas-scaleup.yaml"), pdf):
        ps = [re.sub(r"\s+", " ", p) for p in pages(pdf)]
        dash = next((p for p in ps if p.lstrip().startswith("Brightwater") and "At a glance" in p
                     and "Budgeted total" in p), "")
        want = ["Budgeted total", "£1,268,762", "Decisions for the board",
                "Fund a second platform engineer from Q2 2027", "Objectives", "Red",
                "Must-have initiatives", "Top risks", "R4"]
        missing = [w for w in want if w not in dash]
        if missing:
            bad(f"'At a glance' lacks {missing}")
        else:
            ok("'At a glance' has the tiles, decisions, objectives, Must timeline and risks")
        summary = next((p for p in ps if "Decisions for the board" in p and "needed by" in p), "")
        if "Platform is fully booked in six of eight quarters" not in summary:
            bad("the executive summary does not list the decisions with their detail")
        else:
            ok("the executive summary lists every decision with its detail")

# The per-quarter budget: what it caps, and the quarters whose cost is above
# it, in bold (regulated-insurer: a cap of 650,000 with running costs on top).
md = subprocess.run([bin_, "plan", "--format", "md",
                     os.path.join(src, "samples", "regulated-insurer.yaml")],
                    capture_output=True, text=True).stdout
rows = [l for l in md.split("\n") if re.match(r"\| Q[1-4] \d{4} \| €", l)]
over = [l.split(" | ")[0][2:] for l in rows if re.search(r"\*\*€[\d,]+\*\* \|$", l)]
want = [l.split(" | ")[0][2:] for l in rows
        if int(re.sub(r"\D", "", l.rstrip(" |").rsplit("|", 1)[1])) > 650000]
if not want or over != want or "caps each quarter's labour and one-off costs" not in md:
    bad(f"quarters above the per-quarter budget: bold {over}, above {want}")
else:
    ok(f"the {len(want)} quarters above the per-quarter budget are named and in bold")

sys.exit(1 if failed else 0)
