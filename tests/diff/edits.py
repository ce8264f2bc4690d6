#!/usr/bin/env python3
"""edits.py WAYMARK SOURCE_DIR - `waymark diff` reports exactly the change
made, and its consequences, for scripted edits of real engagements.

Each base engagement (the three samples and two generated ones) is read with
PyYAML, edited, and written back; the diff of the base against the edit
(JSON output) is checked:

  itself            no change, exit 0; so is its own plan JSON against it
  budget            budget.total x 1.2: only totals change (budget, variance
                    and what follows from them), no initiative; the summary
                    says the budget rose
  estimate          one scheduled initiative's effort doubled: its
                    effort_days change; if it moved, its estimate is why
  dependency        one initiative now waits for one with no dependencies:
                    its depends_on changes; if it moved, "now waits for"
  added             a new initiative: one "added" record, counts.added 1
  removed           an initiative nothing refers to: one "removed" record
  rename            a new title: one record, with old_title, and nothing
                    added or removed
  tier              a Should made a Must: its tier change, counts.tier 1
  plugin            a plugin added to the pipeline: a method record
  new id            an id changed, title kept: removed + added and a hint
                    "... have the same title: renamed?"
Then bad inputs: a missing file, a .json that is not JSON, a plan of a newer
format, a JSON without a format, one operand only: each exit 2 with its
message.  Exit status 1 on any failure.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

import yaml

WM, SRC = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp()
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")
failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1


def write(doc, name):
    path = os.path.join(TMP, name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=1000)
    return path


def run(*args):
    p = subprocess.run([WM, *args], capture_output=True, text=True, env=ENV)
    return p.returncode, p.stdout, p.stderr


def diff(old, new):
    rc, out, err = run("diff", "--format", "json", old, new)
    if rc not in (0, 1):
        print(err)
        return rc, None
    return rc, json.loads(out)


def plan_of(path):
    rc, out, err = run("plan", path)
    assert rc == 0, err
    return json.loads(out)


def records(d, part, change=None):
    return [r for r in d[part] if change is None or r["change"] == change]


def fields(rec):
    return {c["field"] for c in rec.get("changes", [])}


def initiatives(doc):
    return doc["initiatives"]


def referenced(doc):
    """Ids something else refers to (dependencies, risks)."""
    refs = set()
    for i in initiatives(doc):
        refs.update(i.get("depends_on") or [])
    for r in doc.get("risks") or []:
        refs.update(r.get("initiatives") or [])
    return refs


def case(name, base_doc, base_path, plan):
    scheduled = [i for i in plan["initiatives"] if i["status"] == "scheduled"]
    by_id = {i["id"]: i for i in initiatives(base_doc)}

    # itself
    rc, d = diff(base_path, base_path)
    check(rc == 0 and d and not d["changed"] and d["summary"] == "Nothing changed.",
          f"{name}: itself: no change, exit 0")
    plan_path = os.path.join(TMP, name + ".json")
    with open(plan_path, "w", encoding="utf-8") as f:
        json.dump(plan, f)
    rc, d = diff(plan_path, base_path)
    check(rc == 0 and d and not d["changed"], f"{name}: its plan JSON against it: no change")

    # budget
    doc = copy.deepcopy(base_doc)
    if (doc.get("budget") or {}).get("total"):
        doc["budget"]["total"] = round(doc["budget"]["total"] * 1.2)
        rc, d = diff(base_path, write(doc, name + "-budget"))
        check(rc == 1 and d["initiatives"] == [] and
              {"budget", "variance"} <= {t["field"] for t in d["totals"]} and
              d["summary"].startswith("The budget rose to"),
              f"{name}: budget: totals only, the summary says it rose ({d and d['summary']})")

    # estimate
    target = next(i for i in scheduled if i["effort_days"] > 0)
    doc = copy.deepcopy(base_doc)
    eff = next(i for i in initiatives(doc) if i["id"] == target["id"])["effort"]
    for role, v in eff.items():
        eff[role] = [x * 2 for x in v] if isinstance(v, list) else v * 2
    rc, d = diff(base_path, write(doc, name + "-estimate"))
    rec = next((r for r in d["initiatives"] if r["id"] == target["id"]), None)
    check(rc == 1 and rec and "effort_days" in fields(rec) and
          (rec["move"] not in ("later", "earlier") or "estimate" in rec["why"]),
          f"{name}: estimate of {target['id']} doubled: its effort_days change"
          + (f", moved because {rec['why']}" if rec and rec["move"] else ""))

    # dependency: X now waits for Y, Y has no dependencies and is not X
    roots = [i["id"] for i in initiatives(base_doc) if not i.get("depends_on")]
    x = next((i for i in scheduled if i["id"] not in roots), scheduled[-1])
    y = next(r for r in roots if r != x["id"] and r not in (by_id[x["id"]].get("depends_on") or []))
    doc = copy.deepcopy(base_doc)
    xi = next(i for i in initiatives(doc) if i["id"] == x["id"])
    xi["depends_on"] = list(xi.get("depends_on") or []) + [y]
    rc, d = diff(base_path, write(doc, name + "-dependency"))
    rec = next((r for r in d["initiatives"] if r["id"] == x["id"]), None)
    check(rc == 1 and rec and "depends_on" in fields(rec) and
          (rec["move"] != "later" or rec["why"] == "now waits for " + y),
          f"{name}: {x['id']} now waits for {y}: its depends_on change"
          + (f", moved {rec['move']} because {rec['why']}" if rec and rec["move"] else ""))

    # added
    doc = copy.deepcopy(base_doc)
    role = next(iter(doc["team"]))
    initiatives(doc).append({"id": "NEW-1", "title": "An added initiative",
                             "effort": {role: 5}, "moscow": "could"})
    rc, d = diff(base_path, write(doc, name + "-added"))
    added = records(d, "initiatives", "added")
    check(rc == 1 and [r["id"] for r in added] == ["NEW-1"] and d["counts"].get("added") == 1
          and not records(d, "initiatives", "removed"),
          f"{name}: added: one 'added' record, NEW-1")

    # removed: one nothing refers to
    refs = referenced(base_doc)
    gone = next(i["id"] for i in reversed(initiatives(base_doc)) if i["id"] not in refs)
    doc = copy.deepcopy(base_doc)
    doc["initiatives"] = [i for i in initiatives(doc) if i["id"] != gone]
    rc, d = diff(base_path, write(doc, name + "-removed"))
    check(rc == 1 and [r["id"] for r in records(d, "initiatives", "removed")] == [gone]
          and not records(d, "initiatives", "added"),
          f"{name}: removed: one 'removed' record, {gone}")

    # rename
    doc = copy.deepcopy(base_doc)
    ren = initiatives(doc)[0]
    old_title = ren["title"]
    ren["title"] = old_title + " (renamed)"
    rc, d = diff(base_path, write(doc, name + "-rename"))
    check(rc == 1 and len(d["initiatives"]) == 1 and d["initiatives"][0]["id"] == ren["id"]
          and d["initiatives"][0].get("old_title") == old_title and fields(d["initiatives"][0]) == {"title"}
          and d["counts"].get("renamed") == 1,
          f"{name}: rename of {ren['id']}: one record with its old title, nothing else")
    rc, text, _ = run("diff", base_path, os.path.join(TMP, name + "-rename.yaml"))
    check(f'(was "{old_title}")' in text, f"{name}: rename: the text shows the old title")

    # tier
    should = next((i for i in initiatives(base_doc) if i.get("moscow", "should") == "should"), None)
    if should:
        doc = copy.deepcopy(base_doc)
        next(i for i in initiatives(doc) if i["id"] == should["id"])["moscow"] = "must"
        rc, d = diff(base_path, write(doc, name + "-tier"))
        rec = next((r for r in d["initiatives"] if r["id"] == should["id"]), None)
        tier = next((c for c in rec["changes"] if c["field"] == "tier"), None) if rec else None
        check(rc == 1 and tier and tier["old"] == "should" and tier["new"] == "must"
              and d["counts"].get("tier") == 1,
              f"{name}: {should['id']} from Should to Must: its tier change, one tier counted")

    # plugin
    doc = copy.deepcopy(base_doc)
    doc["plugins"] = list(doc.get("plugins") or []) + ["./noop.lua"]
    rc, d = diff(base_path, write(doc, name + "-plugin"))
    check(rc == 1 and [(m["plugin"], m["change"]) for m in d["method"]] == [("noop", "added")]
          and d["initiatives"] == [],
          f"{name}: a plugin added: one method record, no initiative changed")

    # new id, same title
    doc = copy.deepcopy(base_doc)
    moved = next(i for i in initiatives(doc) if i["id"] == gone)
    moved["id"] = gone + "-B"
    rc, d = diff(base_path, write(doc, name + "-newid"))
    want = f"{gone} removed and {gone}-B added have the same title: renamed?"
    check(rc == 1 and d["hints"] == [want], f"{name}: new id, same title: the hint '{want}'")


def main():
    with open(os.path.join(TMP, "noop.lua"), "w") as f:
        f.write('return { name = "noop", version = "1.0.0", api_version = 1,\n'
                '  hooks = { risks = function() return {} end } }\n')
    bases = []
    for s in ("saas-scaleup", "regulated-insurer", "troubled-delivery"):
        with open(os.path.join(SRC, "samples", s + ".yaml"), encoding="utf-8") as f:
            bases.append((s, yaml.safe_load(f)))
    for n, q, seed in ((40, 8, 3), (120, 12, 7)):
        out = subprocess.run([sys.executable, os.path.join(SRC, "tests/document/gen_large.py"),
                              str(n), str(q), str(seed)], capture_output=True, text=True,
                             check=True).stdout
        bases.append((f"gen{n}", yaml.safe_load(out)))
    for name, doc in bases:
        # Assets (logos) are found beside the file.
        if not os.path.lexists(os.path.join(TMP, "assets")):
            os.symlink(os.path.abspath(os.path.join(SRC, "samples", "assets")),
                       os.path.join(TMP, "assets"))
        path = write(doc, name)
        case(name, doc, path, plan_of(path))

    # Bad inputs: exit 2 and a message naming the problem.
    bad_json = os.path.join(TMP, "bad.json")
    with open(bad_json, "w") as f:
        f.write('{"format": "waymark-plan/1", "initiatives": [')
    newer = os.path.join(TMP, "newer.json")
    with open(newer, "w") as f:
        json.dump({"format": "waymark-plan/2"}, f)
    noformat = os.path.join(TMP, "noformat.json")
    with open(noformat, "w") as f:
        json.dump({"initiatives": []}, f)
    base = os.path.join(TMP, "saas-scaleup.yaml")
    for args, want, what in [
            ((os.path.join(TMP, "missing.yaml"), base), "missing.yaml", "a missing file"),
            ((bad_json, base), "not valid JSON", "a .json that is not JSON"),
            ((newer, base), "from a newer Waymark", "a plan of a newer format"),
            ((noformat, base), "not a Waymark plan: it has no 'format'", "a JSON with no format"),
            ((base,), "two files to compare", "one operand")]:
        rc, _, err = run("diff", *args)
        check(rc == 2 and want in err, f"{what}: exit 2, says '{want}' (got {rc}: {err.strip()[:120]})")
    return 1 if failures else 0


sys.exit(main())
