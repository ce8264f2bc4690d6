#!/usr/bin/env python3
"""check_narrative.py SOURCE_DIR - the one table of placeholder names
(PLACEHOLDERS in core/load/narrative.c) and its copy for users
(docs/narrative.md, "Placeholders") cannot drift apart: the same names, in
the same order, each with the same source and format; and every format is a
function that plugins/document/_narrative.lua knows.  Prints ok/FAIL lines;
exits 0 or 1.
"""
import os
import re
import sys

src = sys.argv[1]
failed = False


def bad(msg):
    global failed
    failed = True
    print("FAIL:", msg)


c = open(os.path.join(src, "core/load/narrative.c"), encoding="utf-8").read()
prefix = dict(re.findall(r'\[F_(\w+)\] = \{"(\w*)"', c))
rows = []
for fam, field, source, fmt in re.findall(
        r'\{F_(\w+), "([^"]+)", "([^"]+)", "(\w+)"\}', c):
    name = field if fam == "PLAN" else f"{prefix[fam]}.ID.{field}"
    source = source if fam != "SCENARIO" else f"scenarios[ID].{source}"
    if fam in ("INITIATIVE", "OBJECTIVE", "RISK"):
        source = f"{prefix[fam]}s[ID].{source}"
    rows.append((name, source, fmt))
if len(rows) < 30:
    bad(f"read only {len(rows)} rows of PLACEHOLDERS from narrative.c")

doc = open(os.path.join(src, "docs/narrative.md"), encoding="utf-8").read()
table = doc.split("## Placeholders", 1)[1].split("\n## ", 1)[0]
documented = [(n, s, f) for n, s, f in
              re.findall(r"^\| `\{\{([^}]+)\}\}` \| `([^`]+)` \| (\w+) \|", table, re.M)]
if documented == rows:
    print(f"ok: docs/narrative.md lists the {len(rows)} placeholders of narrative.c, "
          "with their sources and formats")
else:
    for r in rows:
        if r not in documented:
            bad(f"docs/narrative.md lacks or differs on {r}")
    for r in documented:
        if r not in rows:
            bad(f"docs/narrative.md lists {r}, which narrative.c does not")
    if sorted(rows) == sorted(documented):
        bad("docs/narrative.md lists the placeholders in another order than narrative.c")

lua = open(os.path.join(src, "plugins/document/_narrative.lua"), encoding="utf-8").read()
known = set(re.findall(r"(\w+) = fmt\.\w+", lua.split("local FORMATS", 1)[1].split("}", 1)[0]))
missing = sorted({f for _, _, f in rows} - known)
if missing:
    bad(f"_narrative.lua does not know the formats {missing}")
else:
    print("ok: every format of the table is one _narrative.lua knows")
sys.exit(1 if failed else 0)
