#!/usr/bin/env python3
"""check.py WAYMARK SOURCE_DIR [--generated N] [FILE.yaml ...]

The cut line (docs/method.md, "The cut line"), checked from outside by
re-planning with the binary, never by reading how it was found:

  * every over-budget FILE (and N engagements from gen.py, seeds 1..N, whose
    budget is set to a share of their cost so that they are over it) has a
    `cut_line`; one within its budget has none;
  * re-planning the engagement with the cut line's ids set to `moscow: wont`
    gives a total cost within `budget.total` when `fits` is true (and above
    it when false), and `saves` is the difference;
  * deferring one fewer does not fit: for each id that does not wait on
    another id of the line, re-planning without it goes over the budget;
  * the same for each quarter cut line against `budget.per_quarter` (at most
    two per engagement, to bound the time), and a quarter is given a line
    exactly when its cost is over the cap.

Amounts compare with the method's tolerance (1e-9 of the limit).  Prints one
line per engagement; exits 1 on any failure.  Needs Python 3 and PyYAML only
for nothing: the files are edited as text (initiatives in block style).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402


def at_or_below(x, limit):
    return x <= limit + 1e-9 * abs(limit)


def plan(binary, text, tmp):
    path = os.path.join(tmp, "e.yaml")
    with open(path, "w") as f:
        f.write(text)
    r = subprocess.run([binary, "plan", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("waymark plan failed:\n" + r.stderr)
    return json.loads(r.stdout)


def set_wont(text, ids):
    """The engagement with each initiative of `ids` given `moscow: wont`
    (block-style items: '  - id: X' then '    key: ...' lines)."""
    lines = text.split("\n")
    out = []
    in_inis = False
    current = None
    for line in lines:
        if re.match(r"^\S", line):
            in_inis = line.startswith("initiatives:")
            current = None
        m = re.match(r"^  - id: *(\S+)", line) if in_inis else None
        if m:
            current = m.group(1).strip("'\"")
            out.append(line)
            if current in ids:
                out.append("    moscow: wont")
            continue
        if in_inis and current in ids and re.match(r"^    moscow:", line):
            continue  # replaced by the line added after the id
        out.append(line)
    return "\n".join(out)


def judge(p, where):
    """The amount and the limit a cut line is judged by."""
    if where is None:
        return p["totals"]["cost"]
    for q in p["by_quarter"]:
        if q["quarter"] == where:
            return q["cost"]
    raise KeyError(where)


def waits(text_inis, ids):
    """Ids of the line that depend on another id of the line."""
    out = set()
    for iid, deps in text_inis.items():
        if iid in ids and any(d in ids for d in deps):
            out.add(iid)
    return out


def dependencies(text):
    deps, current, in_inis = {}, None, False
    for line in text.split("\n"):
        if re.match(r"^\S", line):
            in_inis = line.startswith("initiatives:")
        m = re.match(r"^  - id: *(\S+)", line) if in_inis else None
        if m:
            current = m.group(1).strip("'\"")
            deps[current] = []
        d = re.match(r"^    depends_on: *\[(.*)\]", line) if in_inis else None
        if d and current:
            deps[current] = [x.strip() for x in d.group(1).split(",") if x.strip()]
    return deps


def check_line(binary, text, tmp, line, where, limit, base_amount, fails, name):
    ids = list(line["ids"])
    label = "%s %s" % (name, where or "total")
    p = plan(binary, set_wont(text, set(ids)), tmp)
    amount = judge(p, where)
    if line["fits"] != at_or_below(amount, limit):
        fails.append("%s: re-planned with %s as wont: %.2f against %.2f, but fits is %s"
                     % (label, ids, amount, limit, line["fits"]))
    if abs((base_amount - amount) - line["saves"]) > 1e-6 * max(1.0, abs(base_amount)):
        fails.append("%s: saves %.2f, but re-planning saves %.2f"
                     % (label, line["saves"], base_amount - amount))
    if not line["fits"]:
        return 1
    n = 1
    skip = waits(dependencies(text), set(ids))
    for x in ids:
        if x in skip:
            continue
        fewer = set(ids) - {x}
        q = plan(binary, set_wont(text, fewer), tmp)
        n += 1
        if at_or_below(judge(q, where), limit):
            fails.append("%s: deferring one fewer (all but %s) still fits: %.2f within %.2f"
                         % (label, x, judge(q, where), limit))
    return n


def check(binary, text, name, tmp, fails, need_over):
    p = plan(binary, text, tmp)
    totals = p["totals"]
    budget = totals.get("budget")
    over = budget is not None and not at_or_below(totals["cost"], budget)
    replans = 0
    if over != (p.get("cut_line") is not None):
        fails.append("%s: over budget is %s but cut_line is %s" % (name, over, p.get("cut_line")))
    elif over:
        replans += check_line(binary, text, tmp, p["cut_line"], None, budget, totals["cost"],
                              fails, name)
    elif need_over:
        fails.append("%s: expected an over-budget plan" % name)
    cap = re.search(r"^  per_quarter: *([0-9.]+)", text, re.M)
    lines = {q["quarter"]: q for q in p.get("quarter_cut_lines", [])}
    for q in p["by_quarter"]:
        broken = cap is not None and not at_or_below(q["cost"], float(cap.group(1)))
        if broken != (q["quarter"] in lines):
            fails.append("%s: %s over its cap is %s, but its cut line is %s"
                         % (name, q["quarter"], broken, lines.get(q["quarter"])))
    for where in list(lines)[:2]:
        replans += check_line(binary, text, tmp, lines[where], where, float(cap.group(1)),
                              judge(p, where), fails, name)
    return p, replans


def main():
    args = sys.argv[1:]
    binary, src = args[0], args[1]
    rest = args[2:]
    generated = 0
    if rest[:1] == ["--generated"]:
        generated = int(rest[1])
        rest = rest[2:]
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in rest:
            with open(path) as f:
                text = f.read()
            # The samples' plugins are found from their own folder.
            text = text.replace("./plugins/", os.path.join(os.path.dirname(
                os.path.abspath(path)), "plugins") + "/")
            before = len(fails)
            p, n = check(binary, text, os.path.basename(path), tmp, fails, False)
            print("%s %s: cut line %s, %d quarter lines, %d re-plans checked"
                  % ("ok" if len(fails) == before else "FAIL", os.path.basename(path),
                     p.get("cut_line") and p["cut_line"]["ids"],
                     len(p.get("quarter_cut_lines", [])), n))
        over = 0
        for seed in range(1, generated + 1):
            text = gen.generate(seed)
            base = plan(binary, text.replace("BUDGET", "100000000"), tmp)
            cost = base["totals"]["cost"]
            if cost <= 0:
                continue
            share = 0.55 + 0.4 * ((seed * 7919) % 100) / 100.0
            text = text.replace("BUDGET", "%d" % int(cost * share))
            before = len(fails)
            p, n = check(binary, text, "seed %d" % seed, tmp, fails, True)
            over += 1
            if len(fails) > before:
                print("FAIL seed %d (gen.py %d)" % (seed, seed))
        if generated:
            print("%s %d generated engagements over budget checked"
                  % ("ok" if not fails else "FAIL", over))
    for f in fails:
        print("FAIL " + f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
