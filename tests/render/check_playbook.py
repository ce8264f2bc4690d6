#!/usr/bin/env python3
"""Check the handover playbook of one rendered deliverable.

usage: check_playbook.py OUT.pdf PLAN.json LAYOUT.txt TEMPLATE

The filled playbook (plan.playbook), as docs/playbooks.md promises it:
  - it comes from TEMPLATE and has the nine sections, in order;
  - no placeholder ("{{") is left anywhere, in the plan or in the PDF;
  - every role the template requires has a person;
  - every scheduled initiative has a quality gate of its own, and no
    deferred initiative has one;
  - the first 30 days name initiatives that start in the roadmap's first
    start quarter, in rank order, each with an owner;
  - controls made for a risk carry a risk of the register.
The PDF:
  - the playbook's title and its nine parts are bookmarks (the parts one
    level below), on pages between the risk register and the appendix;
  - every role's owner and every part title appears in the text;
  - nothing on the playbook's pages lies outside the content box, RACI
    table included.
"""
import json
import re
import subprocess
import sys

PARTS = ["Roles and owners", "30/60/90-day plan", "Delivery rituals",
         "Velocity and flow measures", "Quality gates",
         "Risk, security, privacy and continuity controls",
         "Responsibilities (RACI)", "Vendor management", "Documentation index"]
SECTION_IDS = ["roles", "rituals", "measures", "quality_gates", "controls", "raci",
               "vendors", "documentation", "plan_30_60_90"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def walk_strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from walk_strings(x)
    elif isinstance(v, dict):
        for x in v.values():
            yield from walk_strings(x)


def main():
    pdf, plan_path, layout_path, template = sys.argv[1:5]
    plan = json.load(open(plan_path, encoding="utf-8"))
    pb = plan.get("playbook")
    if not isinstance(pb, dict):
        fail("plan.playbook is missing")
    if pb["template"] != template:
        fail("plan.playbook.template is %r, expected %r" % (pb["template"], template))
    ids = [s["id"] for s in pb["sections"]]
    if ids != SECTION_IDS:
        fail("playbook sections are %s, expected %s" % (ids, SECTION_IDS))
    for s in walk_strings(pb):
        if "{{" in s or "}}" in s:
            fail("a placeholder is left in the plan: %r" % s)
    sec = {s["id"]: s for s in pb["sections"]}

    for r in sec["roles"]["items"]:
        if r["required"] and not r["who"]["person"]:
            fail("required role %s has no person" % r["role"])

    inis = plan["initiatives"]
    scheduled = [i for i in inis if i["status"] == "scheduled"]
    gated = {}
    for g in sec["quality_gates"]["items"]:
        if g.get("initiative"):
            gated.setdefault(g["initiative"], 0)
            gated[g["initiative"]] += 1
    for i in scheduled:
        if i["id"] not in gated:
            fail("scheduled initiative %s has no quality gate" % i["id"])
    for i in inis:
        if i["status"] != "scheduled" and i["id"] in gated:
            fail("deferred initiative %s has a quality gate" % i["id"])

    quarters = plan["quarters"]
    if scheduled:
        first_q = min(quarters.index(i["start"]) for i in scheduled)
        starting = [i["id"] for i in scheduled if quarters.index(i["start"]) == first_q]
        period = sec["plan_30_60_90"]["periods"][0]
        named = [it["initiative"] for it in period["items"] if it.get("initiative")]
        if not named:
            fail("the first 30 days name no initiative")
        if named != starting[:len(named)]:
            fail("the first 30 days name %s, expected the first of %s in rank order"
                 % (named, starting))
        for it in period["items"]:
            if not it["owner"]["name"]:
                fail("a 30/60/90 item has no owner")

    risk_ids = {r["id"] for r in plan["risks"]}
    for g in sec["controls"]["groups"]:
        for c in g["items"]:
            if c.get("risk") and c["risk"] not in risk_ids:
                fail("control %s names unknown risk %s" % (c["id"], c["risk"]))

    # The PDF's outline and page placement.
    layout = open(layout_path, encoding="utf-8").read()
    outline = re.findall(r'^outline (\d+) "(.*)" -> page (\d+)$', layout, re.M)
    top = [(t, int(p)) for lvl, t, p in outline if lvl == "1"]
    titles = [t for t, _ in top]
    if pb["title"] not in titles:
        fail("no bookmark for %r in %s" % (pb["title"], titles))
    k = titles.index(pb["title"])
    if k == 0 or titles[k - 1] != "Risk register" or titles[k + 1] != "Appendix":
        fail("the playbook is not between the risk register and the appendix: %s" % titles)
    pb_page, appendix_page = top[k][1], top[k + 1][1]
    seen = []
    started = False
    for lvl, t, p in outline:
        if lvl == "1":
            started = t == pb["title"]
        elif started and lvl == "2":
            if not pb_page <= int(p) <= appendix_page:
                fail("bookmark %r points at page %s, outside the playbook" % (t, p))
            seen.append(t)
    if seen != PARTS:
        fail("the playbook's bookmarks are %s, expected %s" % (seen, PARTS))

    # Nothing outside the content box (taken from the contents page's rule).
    m = re.search(r'^page 2\n(?:  .*\n)*?  line ([\d.]+) [\d.]+ ([\d.]+) ', layout, re.M)
    if not m:
        fail("no rule on the contents page to take the margins from")
    left, right = float(m.group(1)), float(m.group(2))
    page = 0
    for line in layout.splitlines():
        if line.startswith("page "):
            page = int(line.split()[1])
            continue
        if pb_page <= page < appendix_page and line.startswith("  text "):
            f = line.split()
            x, w = float(f[1]), float(f[6][2:])
            if x < left - 0.01 or x + w > right + 0.01:
                fail("page %d: text outside the content box [%.2f, %.2f]: %s"
                     % (page, left, right, line.strip()))

    # The text a reader sees.
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                          text=True).stdout
    flat = re.sub(r"\s+", " ", text)
    if "{{" in text or "}}" in text:
        fail("a placeholder is left in the PDF text")
    for part in PARTS:
        if part not in flat:
            fail("the PDF has no %r" % part)
    for r in sec["roles"]["items"]:
        person = r["who"]["person"]
        if person and person not in flat:
            fail("owner %r of %s is not in the PDF" % (person, r["role"]))


main()
