#!/usr/bin/env python3
"""check.py PLAN.json - assertions on the default document (document/standard).

PLAN.json is `waymark plan` output made with tests/document/probe.lua in place
of document/standard, so it carries the document as the field
`probe_document`: every section, block and cell as the plugin built them.

Checks, each printed as `ok` or `FAIL`:
  - the sections and their order;
  - every table with a total row adds up: in each column with a figure in
    the total row, the displayed parts sum to the displayed total (method.md,
    "Display"); figures are compared as their digits, so any currency's
    symbol and grouping, and any fixed number of decimals, compare exactly;
  - the costs tables' totals are the plan's totals, rounded half away from
    zero, and the executive summary's expected cost is the same figure;
  - an initiative's cost is the same in Prioritised initiatives and in
    Costs and budget;
  - no text shows nil, NaN, inf or "null", no cell is empty (a dash stands
    for nothing), no table is wider than 24 columns;
  - the executive summary stays short (one page): at most five priorities,
    three risks and a dozen blocks;
  - the Gantt chart has one row per scheduled initiative in rank order over
    the quarters that hold work (a note says so when that is fewer than the
    horizon), its dependencies and markers point inside the chart, a row's
    due quarter is an objective's deadline; the deferred initiatives are in
    a table after it.
Exits 1 if any check failed.
"""
import json
import math
import re
import sys

failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1


def text(t):
    """A text (string or list of runs) as plain text."""
    if isinstance(t, str):
        return t
    if isinstance(t, list):
        return "".join(r if isinstance(r, str) else r.get("text", "") for r in t)
    return ""


def figure(s):
    """The digits of a displayed figure as an integer with its sign, or None."""
    digits = re.sub(r"[^0-9]", "", s)
    if not digits:
        return None
    value = int(digits)
    return -value if s.strip().startswith("-") else value


def round_half_away(x):
    return int(math.floor(abs(x) + 0.5)) * (1 if x >= 0 else -1)


def col_title(c):
    return c["title"] if isinstance(c, dict) else c


def blocks(section, kind):
    return [b for b in section["blocks"] if b.get("type") == kind]


def all_texts(doc):
    """Every piece of text in the document, with where it is."""
    for s in doc:
        yield s["id"] + ".title", s["title"]
        for i, b in enumerate(s["blocks"]):
            where = "%s.blocks[%d]" % (s["id"], i + 1)
            t = b.get("type")
            if t in ("paragraph", "heading"):
                yield where, text(b["text"])
            elif t == "callout":
                yield where, text(b["body"])
                yield where + ".title", text(b.get("title", ""))
            elif t == "list":
                for item in b["items"]:
                    yield where, text(item)
            elif t == "kv":
                for item in b["items"]:
                    yield where + ".key", text(item["key"])
                    yield where + ".value", text(item["value"])
            elif t == "table":
                for c in b["columns"]:
                    yield where + ".column", text(c["title"] if isinstance(c, dict) else c)
                for r in b["rows"]:
                    for c in r:
                        yield where + ".cell", text(c)
                for c in b.get("total") or []:
                    yield where + ".total", text(c)
            elif t == "chart":
                yield where + ".data", json.dumps(b["data"], ensure_ascii=False)


def main():
    plan = json.load(open(sys.argv[1], encoding="utf-8"))
    doc = plan["probe_document"]
    by_id = {s["id"]: s for s in doc}
    totals = plan["totals"]
    inis = plan["initiatives"]
    scheduled = [p for p in inis if p["status"] == "scheduled"]

    # Sections and order.
    want = ["dashboard", "summary", "objectives", "initiatives", "roadmap", "costs", "risks",
            "appendix"]
    if by_id.get("assessment"):
        want.insert(3, "assessment")
    if by_id.get("recommendations"):  # the consultant's words (narrative)
        want.insert(2, "recommendations")
    check([s["id"] for s in doc] == want, "sections in order: " + " ".join(want))

    # Text: nothing unprintable shows, no empty cells, tables within 24 columns.
    bad = [(w, t) for w, t in all_texts(doc)
           if re.search(r"\b(nil|NaN|nan|inf|null)\b", t) and not w.endswith(".data")]
    check(not bad, "no nil, NaN, inf or null in the text" + (": %r" % bad[:3] if bad else ""))
    empty = [w for w, t in all_texts(doc) if w.endswith(".cell") and t.strip() == ""]
    check(not empty, "no empty table cell" + (": %s" % empty[:3] if empty else ""))
    empty_kv = [w for w, t in all_texts(doc) if w.endswith(".value") and t.strip() == ""]
    check(not empty_kv, "no empty key-value" + (": %s" % empty_kv[:3] if empty_kv else ""))
    wide = [s["id"] for s in doc for b in blocks(s, "table") if len(b["columns"]) > 24]
    check(not wide, "tables within 24 columns")

    # Every table with a total adds up, column by column.
    for s in doc:
        for i, b in enumerate(blocks(s, "table")):
            total = b.get("total")
            if not total:
                continue
            for c, cell in enumerate(total):
                want_sum = figure(text(cell))
                if want_sum is None:
                    continue
                parts = [figure(text(r[c])) for r in b["rows"]]
                title = text(b["columns"][c]["title"] if isinstance(b["columns"][c], dict)
                             else b["columns"][c])
                check(None not in parts and sum(parts) == want_sum,
                      "%s table %d, column %s: the parts add up to the total (%s)"
                      % (s["id"], i + 1, title, text(cell)))

    # Costs and budget: the totals are the plan's, and agree with the summary.
    costs = by_id["costs"]
    tables = blocks(costs, "table")
    by_initiative = [b for b in tables if b.get("total") and len(b["columns"]) == 6]
    if scheduled:
        check(len(by_initiative) == 1, "costs: one table by initiative with a total")
        t = by_initiative[0]
        check(len(t["rows"]) == len(scheduled), "costs: one row per scheduled initiative")
        got = [figure(text(c)) for c in t["total"][2:]]
        want_t = [round_half_away(totals[k]) for k in ("labour", "other", "contingency", "cost")]
        # Rounded on both axes: the total cost is the plan's rounded; labour,
        # other costs and contingency add up to it, each within a unit of the
        # plan's own (their three roundings can miss the total's by one).
        check(None not in got and got[3] == want_t[3]
              and all(abs(g - w) <= 1 for g, w in zip(got[:3], want_t[:3]))
              and got[0] + got[1] + got[2] == got[3],
              "costs: the total row is the plan's totals rounded, adding up across (%s)" % got)
        for r in t["rows"]:
            cells = [figure(text(c)) for c in r[2:]]
            check(None not in cells and cells[0] + cells[1] + cells[2] == cells[3],
                  "costs: %s adds up across (%s)" % (text(r[0]), cells))
        cost_of = {r[0]: figure(text(r[5])) for r in t["rows"]}
        kv = blocks(by_id["summary"], "kv")[0]
        budgeted = [text(i["value"]) for i in kv["items"] if text(i["key"]) == "Budgeted total"]
        check(len(budgeted) == 1, "summary: the budgeted total is shown")
        # "£1,268,762: the work and its contingency": the amount before the words.
        shown = figure(re.split(r":", budgeted[0])[0]) if budgeted else None
        check(shown == want_t[3], "summary: the budgeted total (%s) is the costs table's total"
              % budgeted)
        # The work on one basis, side by side: expected, P50, P80, P90.
        est = [b for b in blocks(by_id["summary"], "table")
               if text(col_title(b["columns"][1])) == "Expected"]
        want_e = [round_half_away(totals["cost"] - totals["contingency"])] + [
            round_half_away(totals[k]) for k in ("p50", "p80", "p90")]
        check(len(est) == 1 and [figure(text(c)) for c in est[0]["rows"][0][1:]] == want_e,
              "summary: the work's expected cost, P50, P80 and P90 side by side (%s)" % want_e)
        init_table = blocks(by_id["initiatives"], "table")[0]
        cost_col = [text(col_title(c)) for c in init_table["columns"]].index("Cost")
        mismatch = [r[1] for r in init_table["rows"]
                    if r[1] in cost_of and figure(text(r[cost_col])) != cost_of[r[1]]]
        check(not mismatch, "an initiative's cost is the same in both tables"
              + (": %s" % mismatch[:3] if mismatch else ""))
    else:
        check(not by_initiative, "costs: no cost table when nothing is scheduled")

    # At a glance: tiles first, the budgeted total the plan's, lists capped.
    dash = by_id["dashboard"]
    first = dash["blocks"][0]
    check(first.get("type") == "chart" and first.get("kind") == "tiles",
          "dashboard: headline tiles first")
    if scheduled:
        tiles = {t["label"]: t for t in first["data"]["tiles"]}
        got = figure(tiles.get("Budgeted total", {}).get("value", ""))
        check(got == round_half_away(totals["cost"]),
              "dashboard: the budgeted total tile is the plan's (%s)" % got)
    dt = blocks(dash, "table")
    check(all(len(b["rows"]) <= 4 for b in dt), "dashboard: every table has at most four rows")
    musts = [b for b in blocks(dash, "chart") if b["kind"] == "gantt"]
    check(all(len(b["data"]["rows"]) <= 4 and all(r.get("tier") == "must"
                                                  for r in b["data"]["rows"]) for b in musts),
          "dashboard: at most four Must initiatives on its timeline")

    # The executive summary fits one page.
    summary = by_id["summary"]
    st = [b for b in blocks(summary, "table") if text(col_title(b["columns"][0])) != ""
          and text(col_title(b["columns"][1])) != "Expected"]
    check(len(summary["blocks"]) <= 12, "summary: at most 12 blocks")
    check(len(st) >= 1 and len(st[0]["rows"]) == min(5, len(inis)), "summary: top five priorities")
    if plan["risks"]:
        check(len(st) == 2 and len(st[1]["rows"]) == min(3, len(plan["risks"])),
              "summary: top three risks")
    kv = blocks(summary, "kv")
    check(len(kv) == 1 and len(kv[0]["items"]) <= 8, "summary: at most eight key figures")

    # The roadmap's Gantt chart.
    gantt = [b for b in blocks(by_id["roadmap"], "chart") if b["kind"] == "gantt"]
    check(len(gantt) == (1 if scheduled else 0),
          "roadmap: one Gantt chart (none when nothing is scheduled)")
    data = gantt[0]["data"] if gantt else {"quarters": [], "rows": []}
    # The quarters that hold work: up to 8 quarters, the whole horizon;
    # beyond, first start to last end, widened to 8 (later ones first).
    pq = plan["quarters"]
    first, last = 0, len(pq) - 1
    if scheduled and len(pq) > 8:
        first = min(pq.index(p["start"]) for p in scheduled)
        last = max(pq.index(p["end"]) for p in scheduled)
        while last - first + 1 < 8:
            if last < len(pq) - 1:
                last += 1
            else:
                first -= 1
    check(not scheduled or data["quarters"] == pq[first:last + 1],
          "gantt: the quarters that hold work")
    cropped = bool(scheduled) and len(data["quarters"]) < len(pq)
    notes = [b for b in by_id["roadmap"]["blocks"] if b["type"] == "paragraph"
             and "the quarters that hold scheduled work" in text(b.get("text", ""))]
    check(bool(notes) == cropped, "gantt: a note when the chart shows fewer quarters")
    rows = data["rows"]
    check(len(rows) == len(scheduled), "gantt: one row per scheduled initiative")
    check(all("start" in r and "end" in r for r in rows), "gantt: every row has a bar")
    ids = [r["id"] for r in rows]
    check(ids == [p["id"] for p in scheduled], "gantt: scheduled in rank order")
    dangling = [d for r in rows for d in r.get("deps", []) if d not in ids]
    check(not dangling, "gantt: dependencies point at rows of the chart")
    check(all(m["quarter"] in data["quarters"] for m in data.get("markers", [])),
          "gantt: markers inside the quarters shown")
    # A row's due quarter is one of the objectives' deadlines.
    deadlines = {o["deadline"] for o in plan["objectives"] if o.get("deadline")}
    wrong_due = [r["id"] for r in rows if "due" in r and r["due"] not in deadlines]
    check(not wrong_due, "gantt: due is an objective's deadline"
          + (": %s" % wrong_due[:3] if wrong_due else ""))
    # The deferred initiatives: counted after the chart, listed once, in the
    # appendix's table (rank, id, ..., one row each).
    deferred = [p for p in inis if p["status"] != "scheduled"]
    roadmap = by_id["roadmap"]["blocks"]
    note = [b for b in roadmap if b["type"] == "paragraph" and "the appendix lists" in text(b["text"])]
    check(bool(note) == bool(deferred), "roadmap: the deferred initiatives counted, pointing to "
          "the appendix")
    dtables = [b for s in doc for b in blocks(s, "table") if b["rows"]
               and text(col_title(b["columns"][-2])) == "Reason"
               and [text(r[1]) for r in b["rows"]] == [p["id"] for p in deferred]]
    check(len(dtables) == (1 if deferred else 0), "the deferred initiatives are listed once, "
          "in the appendix (%d tables)" % len(dtables))

    # Capacity use: quarters as rows.
    cap = [b for b in tables if not b.get("total") and text(
        b["columns"][0]["title"] if isinstance(b["columns"][0], dict) else b["columns"][0])
        == "Quarter"]
    constrained = [r for r in plan["by_quarter"][0]["roles"].values()
                   if r.get("capacity") is not None] if plan["by_quarter"] else []
    if scheduled and constrained:
        check(cap and all(len(b["rows"]) == len(plan["quarters"]) for b in cap),
              "capacity: one row per quarter")
        check(sum(len(b["columns"]) - 1 for b in cap) == len(constrained),
              "capacity: one column per constrained role")

    if failures:
        print("FAIL: %d checks failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
