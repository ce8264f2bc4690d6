#!/usr/bin/env python3
"""check_examples.py WAYMARK SOURCE_DIR - docs/method.md and docs/plan.md
cannot drift from what `waymark plan` prints.

1. Links: every relative link of README.md and docs/*.md names a file that
   exists and, for a Markdown file, a heading in it (GitHub's anchors).
2. docs/method.md: its running example (the first YAML block that is a
   whole engagement) and its fragments (the tie, rounding, tolerance and
   extra-initiative examples, completed with a minimal header) are planned,
   and the figures the guide quotes are compared with the plan's; each
   figure is also looked for in the guide's text, so a figure changed in one
   place and not the other fails.
3. docs/plan.md: every line of its csv, json, markdown and text excerpts
   (except those holding an ellipsis) is a line of the matching output of
   samples/saas-scaleup.yaml: the CSV table with the same header, the JSON,
   `--format md` and `--format doc`.
"""
import json
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


def read(rel):
    with open(os.path.join(src, rel), encoding="utf-8") as f:
        return f.read()


def blocks(text, lang):
    return re.findall(r"^```" + lang + r"\n(.*?)^```", text, re.S | re.M)


# ---- 1. links ----

def slug(heading):
    h = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return h.replace(" ", "-")


def anchors(path):
    out, seen, code = set(), {}, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                code = not code
                continue
            m = None if code else re.match(r"^#{1,6}\s+(.*?)\s*$", line)
            if m:
                s = slug(m.group(1))
                n = seen.get(s, 0)
                seen[s] = n + 1
                out.add(s if n == 0 else f"{s}-{n}")
    return out


docs = ["README.md"] + sorted("docs/" + n for n in os.listdir(os.path.join(src, "docs"))
                              if n.endswith(".md"))
broken = 0
for rel in docs:
    text = re.sub(r"^```.*?^```", "", read(rel), flags=re.S | re.M)
    base = os.path.dirname(os.path.join(src, rel))
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        full = os.path.normpath(os.path.join(base, path)) if path else os.path.join(src, rel)
        if not os.path.exists(full):
            bad(f"{rel}: link to a missing file: {target}")
            broken += 1
        elif anchor and full.endswith(".md") and anchor not in anchors(full):
            bad(f"{rel}: link to a missing heading: {target}")
            broken += 1
if not broken:
    ok(f"every relative link of {len(docs)} documents resolves")


# ---- 2. docs/method.md ----

method = read("docs/method.md")
method_flat = re.sub(r"\s+", " ", method)
yaml_blocks = blocks(method, "yaml")


def plan(yaml_text, *args):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as f:
        f.write(yaml_text)
        path = f.name
    try:
        r = subprocess.run([bin_, "plan", *args, path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if r.returncode != 0:
        bad(f"waymark plan exit {r.returncode}: {r.stderr}")
        return None
    return r.stdout if args else json.loads(r.stdout)


def block_with(key):
    found = [b for b in yaml_blocks if key in b]
    if not found:
        bad(f"docs/method.md: no YAML example holding {key!r}")
        return ""
    return found[0]


def check(label, got, want, quoted=None):
    """got must equal want; `quoted` (text) must appear in the guide."""
    if isinstance(want, float):
        same = got is not None and abs(got - want) < 1e-9 * max(1, abs(want))
    else:
        same = got == want
    if not same:
        bad(f"method.md, {label}: the plan says {got!r}, the guide {want!r}")
    if quoted is not None and quoted not in method_flat:
        bad(f"method.md, {label}: the guide does not quote {quoted!r}")
    return same


def by_id(p):
    return {i["id"]: i for i in p["initiatives"]}


HEADER = """format: waymark/1
client: { name: Example Ltd }
engagement: { date: 2026-12-01, currency: GBP, start: 2027-Q1, quarters: %d }
objectives:
  - { id: O1, title: Objective }
"""

tea = next((b for b in yaml_blocks if b.startswith("format: waymark/1")), "")
p = plan(tea) if tea else None
if p:
    ini = by_id(p)
    n = 0
    for id_, rank, status, start, end, labour, cost, score in [
        ("SHOP", 1, "scheduled", "2027-Q1", "2027-Q1", 18400, 23540, "0.368"),
        ("HELP", 2, "scheduled", "2027-Q1", "2027-Q2", 8000, 10120, "0.625"),
        ("CHAT", 3, "scheduled", "2027-Q3", "2027-Q3", 15000, 16500, "0.2"),
        ("APP", 4, "deferred", None, None, 42500, 46750, "0.0471"),
        ("AR", 5, "deferred", None, None, 20000, 22000, "0.1"),
    ]:
        i = ini.get(id_, {})
        n += check(f"{id_} rank", i.get("rank"), rank)
        n += check(f"{id_} status", i.get("status"), status)
        n += check(f"{id_} start/end", (i.get("start"), i.get("end")), (start, end))
        n += check(f"{id_} labour", i.get("labour"), labour, f"{labour:,}")
        n += check(f"{id_} cost", i.get("cost"), cost, f"{cost:,}")
        n += check(f"{id_} score", f"{i.get('score', 0):.3g}", score, f"| {score} |")
    n += check("SHOP allocation", ini["SHOP"]["allocation"],
               {"2027-Q1": {"engineer": 32, "designer": 6}})
    n += check("HELP allocation", ini["HELP"]["allocation"],
               {"2027-Q1": {"engineer": 8}, "2027-Q2": {"engineer": 8}})
    n += check("APP reason", ini["APP"]["reason"], "capacity of engineer", "capacity of engineer")
    t = p["totals"]
    for key, want in [("labour", 41400), ("other", 4200), ("contingency", 4560),
                      ("cost", 50160), ("variance", -2160)]:
        n += check(f"totals.{key}", t[key], want, f"{abs(want):,}")
    for key, want in [("p50", "45,338.15"), ("p80", "48,382.90"), ("p90", "50,003.23")]:
        n += check(f"totals.{key}", f"{t[key]:,.2f}", want, f"| `{key}` | {want} |")
    n += check("p_within_budget", t["p_within_budget"], 0.7682, "| `p_within_budget` | 0.7682 |")
    n += check("contingency_confidence", t["contingency_confidence"], 0.9078,
               "| `contingency_confidence` | 0.9078 |")
    n += check("by_quarter cost", [q["cost"] for q in p["by_quarter"]],
               [25960, 5060, 17820, 1320], "25,960")
    n += check("objectives", [(o["id"], o["completes"], o["at_risk"]) for o in p["objectives"]],
               [("O1", "2027-Q1", False), ("O2", "2027-Q3", True), ("O3", None, True)])
    n += check("risks", [(r["id"], r["score"], r["band"]) for r in p["risks"]],
               [("R3", 20, "critical"), ("R1", 12, "high"), ("R2", 4, "low")])
    ok(f"method.md: the running example, {n} figures")

    # The per-quarter budget variant.
    capped = plan(tea.replace("  contingency: 0.1\n", "  contingency: 0.1\n  per_quarter: 16000\n"))
    if capped:
        ini = by_id(capped)
        check("per_quarter SHOP", (ini["SHOP"]["reason_kind"], ini["SHOP"]["other"],
                                   ini["SHOP"]["cost"]), ("budget", 1200, 21560), "21,560")
        check("per_quarter HELP", (ini["HELP"]["start"], ini["HELP"]["end"]), ("2027-Q1", "2027-Q1"))
        check("per_quarter CHAT", ini["CHAT"]["start"], "2027-Q2")
        check("per_quarter APP", ini["APP"]["reason"], "per-quarter budget")
        ok("method.md: the per-quarter budget example")

    # The seed.
    seeded = plan(tea + "plugins:\n  - { name: estimate/pert, config: { seed: 2 } }\n")
    if seeded:
        t2 = seeded["totals"]
        check("seed 2", [f"{t2[k]:,.2f}" for k in ("p50", "p80", "p90")] +
              [t2["p_within_budget"], t2["contingency_confidence"]],
              ["45,344.17", "48,435.73", "50,001.74", 0.7626, 0.9073],
              "| `seed: 2` | 45,344.17 | 48,435.73 | 50,001.74 | 0.7626 | 0.9073 |")
        ok("method.md: the seed example")

    # Four more initiatives: the other deferral reasons.
    more = plan(tea.replace("risks:\n", block_with("APPPAY") + "risks:\n", 1))
    if more:
        ini = by_id(more)
        check("more: order", [i["id"] for i in more["initiatives"]],
              ["SHOP", "HELP", "CHAT", "CARDS", "GIFT", "APPPAY", "POS", "APP", "AR"])
        for id_, reason in [("CARDS", "dependency GIFT ends in the last quarter"),
                            ("APPPAY", "depends on deferred APP"),
                            ("POS", "earliest 2028-Q2 is beyond the horizon"),
                            ("APP", "capacity of engineer")]:
            check(f"more: {id_}", ini[id_]["reason"], reason, reason)
        check("more: GIFT", ini["GIFT"]["start"], "2027-Q4")
        ok("method.md: the deferral reasons")

ties = plan(HEADER % 2 + block_with("I10"))
if ties:
    check("ties: order", [(i["id"], i["score"]) for i in ties["initiatives"]],
          [("I4", 0), ("I3", None), ("I10", 0.3), ("I2", 0.30000000000000004)],
          "0.30000000000000004")
    ok("method.md: the tie rules")

rounding = HEADER % 1 + block_with("tester: { rate: 19 }")
md = plan(rounding, "--format", "md")
if md is not None:
    table = blocks(method, "text")
    want = [b for b in table if "**Total**" in b]
    if not want or want[0] not in md:
        bad("method.md: the rounding table is not what `--format md` prints")
    else:
        ok("method.md: the rounding table is what `--format md` prints")

tol = plan(HEADER % 2 + block_with("T4"))
if tol:
    check("tolerance", [(i["id"], i["start"]) for i in tol["initiatives"]],
          [("T1", "2027-Q1"), ("T2", "2027-Q2"), ("T3", "2027-Q1"), ("T4", "2027-Q2")])
    ok("method.md: the tolerance example")


# ---- 3. docs/plan.md ----

sample = os.path.join(src, "samples", "saas-scaleup.yaml")


def output(*args):
    r = subprocess.run([bin_, "plan", *args, sample], capture_output=True, text=True)
    if r.returncode != 0:
        bad(f"waymark plan {' '.join(args)}: exit {r.returncode}")
    return r.stdout.replace("\r\n", "\n")


plan_md = read("docs/plan.md")
outputs = {"json": output(), "markdown": output("--format", "md"),
           "text": output("--format", "doc")}
for table in ("initiatives", "quarters", "roles", "objectives", "risks"):
    text = output("--format", "csv", "--table", table)
    outputs["csv:" + text.split("\n", 1)[0]] = text

checked = 0
for lang in ("csv", "json", "markdown", "text"):
    for block in blocks(plan_md, lang):
        key = lang if lang != "csv" else "csv:" + block.split("\n", 1)[0]
        if key not in outputs:
            bad(f"plan.md: a {lang} excerpt matches no output: {block[:60]!r}")
            continue
        have = set(line.strip().rstrip(",") for line in outputs[key].split("\n"))
        for line in block.split("\n"):
            line = line.strip().rstrip(",")
            if not line or "…" in line or line in "{}[]":
                continue
            checked += 1
            if line not in have:
                bad(f"plan.md: this {lang} line is not in the output: {line[:100]!r}")
ok(f"plan.md: {checked} excerpt lines are in the outputs of saas-scaleup")

sys.exit(1 if failed else 0)
