#!/usr/bin/env python3
"""pagination.py WAYMARK SOURCE_DIR - pages that break well, read from the
layout dump (`waymark render --layout-dump`) of the samples and of
engagements written here (1, 8 and 40 initiatives; 40 quarters):

- no heading is the last thing on a page;
- no page between the contents and the last holds less than a fifth of
  the height its content can fill (the cover and the contents aside);
- the last page holds more than a single line;
- a quarter never wraps away from its year ("Q1–Q2" on one line, "2027"
  on the next, as a narrow "When" column did);
- the dashboard stays one page with every list full and the narrative's
  summary and dashboard note far over the room it has.

The page furniture (header and footer, 7.5 pt on their own lines) is not
content.
"""
import os
import re
import subprocess
import sys
import tempfile

bin_, src = sys.argv[1], sys.argv[2]
failed = False
TEXT = re.compile(r'^  text (\S+) (\S+) (\S+) (\S+) \S+ w=\S+ "(.*)"$')


def bad(msg):
    global failed
    failed = True
    print("FAIL:", msg)


def read_dump(path):
    """The content texts of each page: (y, size, face, text), without the
    running header and footer (7.5 pt texts on the line of "Page N of M" or
    on the page's top line), and the page of the first section."""
    raw, first_section = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("outline 1 ") and first_section is None:
                first_section = int(line.rsplit("page ", 1)[1])
            elif line.startswith("page "):
                raw.append([])
            elif raw:
                m = TEXT.match(line.rstrip("\n"))
                if m:
                    raw[-1].append((float(m.group(2)), float(m.group(4)), m.group(3), m.group(5)))
    pages = []
    for p in raw:
        small = [t for t in p if t[1] == 7.5]
        furniture = {t[0] for t in small if re.fullmatch(r"Page \d+ of \d+", t[3])}
        if small:
            furniture.add(max(t[0] for t in small))
        pages.append([t for t in p if not (t[1] == 7.5 and t[0] in furniture)])
    return pages, first_section or 1


def outline(path):
    """The level-1 outline: [(title, page)]."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^outline 1 "(.*)" -> page (\d+)$', line.rstrip("\n"))
            if m:
                out.append((m.group(1), int(m.group(2))))
    return out


def check(yaml_path, label, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "d")
        r = subprocess.run([bin_, "render", yaml_path, "-o", os.path.join(tmp, "x.pdf"),
                            "--layout-dump", dump, *extra], capture_output=True, text=True)
        if r.returncode != 0:
            bad(f"{label}: render exit {r.returncode}: {r.stderr}")
            return
        pages, first = read_dump(dump)
        sections = outline(dump)
    # The dashboard ("At a glance") is one page: the next section starts on
    # the page after it, with its title first.
    if sections and sections[0][0] == "At a glance" and len(sections) > 1:
        at, (nxt, nxt_page) = sections[0][1], sections[1]
        top = max(pages[nxt_page - 1], key=lambda t: t[0]) if pages[nxt_page - 1] else None
        if nxt_page != at + 1 or not top or top[3] != nxt:
            bad(f"{label}: 'At a glance' on page {at} runs over: {nxt!r} starts on page "
                f"{nxt_page} under {top[3] if top else None!r}")
    body = pages[first - 1:]
    top = max(y + size for p in body for (y, size, _, _) in p)
    bottom = min(y for p in body for (y, _, _, _) in p)
    problems = 0
    for k, p in enumerate(body):
        n = first + k
        if not p:
            bad(f"{label}: page {n} has no content")
            problems += 1
            continue
        low = min(p, key=lambda t: t[0])
        if low[2] == "heading":
            bad(f"{label}: page {n} ends with the heading {low[3]!r}")
            problems += 1
        fill = (top - low[0]) / (top - bottom)
        if n < len(pages) and fill < 0.2:
            bad(f"{label}: page {n} holds {fill:.0%} of its height")
            problems += 1
    split = [t[3] for p in body for t in p if re.fullmatch(r"Q[1-4](–Q[1-4])?", t[3])]
    if split:
        bad(f"{label}: a quarter wraps away from its year: {split[:3]}")
        problems += 1
    if len(body[-1]) < 2:
        bad(f"{label}: the last page holds a single line: {body[-1]}")
        problems += 1
    if not problems:
        print(f"ok: {label}: {len(pages)} pages break well")


def engagement(n, quarters, long=False):
    out = [
        "format: waymark/1",
        "client: {name: Kestrel Freight Ltd, sector: Logistics}",
        f"engagement: {{title: Roadmap, currency: GBP, start: 2027-Q1, quarters: {quarters}, "
        "date: 2026-11-30, confidentiality: Board only}",
        "team:",
        "  engineer: {rate: 520, capacity: 120}",
        "  data: {rate: 600, capacity: 40}",
        "budget: {total: 2500000}",
        "objectives:",
    ]
    n_obj = max(1, n // 8)
    words = " with a title that goes on for as long as a consultant's first draft does" * (3 if long else 0)
    for k in range(1, n_obj + 1):
        out.append(f"  - {{id: O{k}, title: Objective number {k} for the board{words}, deadline: 2028-Q{k % 4 + 1}}}")
    out.append("initiatives:")
    for i in range(1, n + 1):
        dep = f", depends_on: [I{i - 3}]" if i > 3 and i % 4 == 0 else ""
        out.append(
            f"  - {{id: I{i}, title: Initiative {i} with a realistic title of some length{words}, "
            f"summary: What initiative {i} delivers for the client and why it matters., "
            f"objectives: [O{i % n_obj + 1}], effort: {{engineer: [{5 + i % 9}, {9 + i % 9}, {20 + i % 9}], "
            f"data: {1 + i % 4}}}, moscow: {['must', 'should', 'could', 'wont'][i % 4]}{dep}, "
            f"scores: {{business_value: {1 + i % 10}, time_criticality: {1 + (i * 3) % 10}, "
            f"risk_reduction: {1 + (i * 7) % 10}}}}}")
    out.append("risks:")
    for k in range(1, min(n, 12) + 1):
        out.append(f"  - {{id: R{k}, title: Risk {k} to the delivery of the plan{words}, likelihood: {1 + k % 5}, "
                   f"impact: {1 + (k * 2) % 5}, mitigation: Review monthly with the sponsor{words}., owner: CTO}}")
    if long:
        out.append("decisions:")
        for k in range(1, 9):
            out.append(f"  - {{title: Decision {k} the board is asked to take{words}, needed_by: 2027-Q2, "
                       "owner: The board and the audit committee}")
        # The consultant's words at their longest on the dashboard: a note
        # and a summary far over its room, in wide letters and with
        # placeholders (the dashboard shows what fits; the rest moves to
        # the Executive summary).
        wide = "WWWW MMMM " * 3
        out.append("narrative:")
        out.append("  notes:")
        out.append(f"    dashboard: '**Read first.** {wide * 2} {{{{totals.cost}}}}'")
        out.append("  summary: |")
        for k in range(1, 4):
            out.append(f"    Paragraph {k}: {wide * 12} {{{{totals.p80}}}} *{wide}*")
            out.append("")
        for k in range(1, 6):
            out.append(f"    - Point {k}: {wide * 3}")
    return "\n".join(out) + "\n"


for name in sorted(os.listdir(os.path.join(src, "samples"))):
    if name.endswith(".yaml"):
        check(os.path.join(src, "samples", name), name)
with tempfile.TemporaryDirectory() as tmp:
    for n, q in ((1, 4), (8, 4), (40, 8), (12, 40)):
        path = os.path.join(tmp, f"e{n}-{q}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(engagement(n, q))
        check(path, f"{n} initiatives, {q} quarters")
    # Every list of the dashboard full and every text at its longest, on
    # the shorter US Letter page.
    path = os.path.join(tmp, "long.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(engagement(40, 8, long=True))
    check(path, "40 initiatives, long texts, US Letter", "--brand",
          os.path.join(src, "samples", "brands", "keel-letter.yaml"))
sys.exit(1 if failed else 0)
