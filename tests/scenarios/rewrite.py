#!/usr/bin/env python3
"""rewrite.py WAYMARK SOURCE_DIR [--count N] [--seed S] - a scenario's plan is
the plan of the base engagement with its overrides written in.

For every scenario of every sample that has scenarios, and of N generated
engagements (default 200) with random overrides, this writes the scenario's
overrides into the engagement's YAML itself, independently of Waymark's own
code (engagement.md, "scenarios": exclude, then add, then each set path in
order), runs `waymark plan` on the rewritten file, and checks that the result
equals the scenario's plan in `waymark plan` of the original file
(plan.scenarios[k].plan).

The rewrite works on PyYAML's node graph (yaml.compose / yaml.serialize), so
every scalar keeps its text and quoting: Waymark types scalars by its schema,
not by YAML's implicit resolution.  The generator is seeded: a failure names
the seed and the file it wrote, which is kept.
"""

import argparse
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

LISTS = ["initiatives", "objectives", "risks"]
STR = "tag:yaml.org,2002:str"


def scalar(text):
    return ScalarNode(STR, str(text))


def is_null(node):
    return isinstance(node, ScalarNode) and node.style is None and node.value in (
        "", "~", "null", "Null", "NULL")


def get(m, key):
    for k, v in m.value:
        if k.value == key:
            return v
    return None


def item_id(item):
    if isinstance(item, MappingNode):
        v = get(item, "id")
        if isinstance(v, ScalarNode):
            return v.value
    return None


def ids_of(node):
    return [x.value for x in node.value] if isinstance(node, SequenceNode) else []


def to_node(value):
    """A Python value from a scenario as a YAML node: a node stays one."""
    if isinstance(value, yaml.Node):
        return value
    return yaml.compose(yaml.safe_dump(value, default_flow_style=True))


def set_entry(m, key, node):
    for i, (k, _) in enumerate(m.value):
        if k.value == key:
            m.value[i] = (k, node)
            return
    m.value.append((scalar(key), node))


def apply_exclude(root, ids):
    want = set(ids)
    gone = {name: set() for name in LISTS}
    for name in LISTS:
        lst = get(root, name)
        if not isinstance(lst, SequenceNode):
            continue
        keep = []
        for it in lst.value:
            if item_id(it) in want:
                gone[name].add(item_id(it))
            else:
                keep.append(it)
        lst.value = keep
    assert set().union(*gone.values()) == want, "exclude names an id that is nowhere"
    inis = get(root, "initiatives").value
    # The dependents of a left-out initiative, transitively, are deferred.
    blocked, deferred = set(gone["initiatives"]), set()
    changed = True
    while changed:
        changed = False
        for it in inis:
            dep = get(it, "depends_on")
            if item_id(it) not in deferred and blocked.intersection(ids_of(dep)):
                deferred.add(item_id(it))
                blocked.add(item_id(it))
                changed = True
    for it in inis:
        for key, drop in (("depends_on", gone["initiatives"]), ("objectives", gone["objectives"])):
            v = get(it, key)
            if isinstance(v, SequenceNode):
                v.value = [x for x in v.value if x.value not in drop]
        if item_id(it) in deferred:
            set_entry(it, "moscow", scalar("wont"))
    risks = get(root, "risks")
    for r in risks.value if isinstance(risks, SequenceNode) else []:
        v = get(r, "initiatives")
        if isinstance(v, SequenceNode):
            v.value = [x for x in v.value if x.value not in gone["initiatives"]]


def apply_add(root, add):
    for name, items in add.items():
        lst = get(root, name)
        if lst is None or is_null(lst):
            lst = SequenceNode("tag:yaml.org,2002:seq", [])
            set_entry(root, name, lst)
        lst.value.extend(to_node(x) for x in items)


def match(node, rest):
    """(index, length) of the longest key or id that `rest` starts with."""
    best, blen = None, 0
    entries = ([k.value for k, _ in node.value] if isinstance(node, MappingNode)
               else [item_id(x) for x in node.value])
    for i, k in enumerate(entries):
        if k and len(k) > blen and rest.startswith(k) and rest[len(k):len(k) + 1] in ("", "."):
            best, blen = i, len(k)
    return best, blen


def apply_set(root, path, value):
    node, rest = root, path
    remove = value is None
    while True:
        i, n = match(node, rest)
        last = i is not None and n == len(rest)
        if isinstance(node, SequenceNode):
            assert i is not None, f"no item for {path}"
            if last:
                node.value[i] = to_node(value)
                return
            node = node.value[i]
        elif i is not None:
            k, v = node.value[i]
            if last:
                if remove:
                    del node.value[i]
                else:
                    node.value[i] = (k, to_node(value))
                return
            if is_null(v):
                v = MappingNode("tag:yaml.org,2002:map", [])
                node.value[i] = (k, v)
            node = v
        else:
            seg, _, tail = rest.partition(".")
            if not tail:
                node.value.append((scalar(seg), to_node(value)))
                return
            new = MappingNode("tag:yaml.org,2002:map", [])
            node.value.append((scalar(seg), new))
            node = new
            rest = tail
            continue
        rest = rest[n + 1:]


def rewrite(text, scenario):
    """The engagement `text` with `scenario` (node form) written in."""
    root = yaml.compose(text)
    root.value = [(k, v) for k, v in root.value if k.value != "scenarios"]
    ex = get(scenario, "exclude")
    if ex is not None:
        apply_exclude(root, ids_of(ex))
    add = get(scenario, "add")
    if add is not None:
        apply_add(root, {k.value: v.value for k, v in add.value})
    st = get(scenario, "set")
    for k, v in st.value if st is not None else []:
        apply_set(root, k.value, None if is_null(v) else v)
    return yaml.serialize(root)


def plan(waymark, path):
    r = subprocess.run([waymark, "plan", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"waymark plan {path} exited {r.returncode}:\n{r.stderr}")
    return json.loads(r.stdout)


# The plan's fields that name the file rather than plan it: a scenario's plan
# comes from the engagement's own file (docs/plan.md, "scenarios").
OF_THE_FILE = ("engagement_sha256",)


def same_plan(a, b):
    return ({k: v for k, v in a.items() if k not in OF_THE_FILE}
            == {k: v for k, v in b.items() if k not in OF_THE_FILE})


def check_file(waymark, path, label, tmp):
    """Compare every scenario of `path` with its rewritten file; returns the
    number of scenarios checked and how many of them plan otherwise than the
    base, raising on a difference."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    scenarios = get(yaml.compose(text), "scenarios")
    if scenarios is None:
        return 0, 0
    whole = plan(waymark, path)
    got = whole["scenarios"]
    assert [s["id"] for s in got] == [item_id(s) for s in scenarios.value], label
    base = {k: v for k, v in whole.items() if k != "scenarios"}
    differ = sum(1 for s in got if {k: v for k, v in s["plan"].items() if k != "scenarios"} != base)
    for k, sc in enumerate(scenarios.value):
        out = os.path.join(tmp, f"{os.path.basename(path)[:-5]}-{item_id(sc)}.yaml")
        with open(out, "w", encoding="utf-8") as f:
            f.write(rewrite(text, sc))
        want = plan(waymark, out)
        check_sha = got[k]["plan"].get("engagement_sha256") == whole.get("engagement_sha256")
        assert check_sha, f"{label} scenario {item_id(sc)}: engagement_sha256 is not the file's"
        if not same_plan(want, got[k]["plan"]):
            diff = [key for key in want if want.get(key) != got[k]["plan"].get(key)]
            raise AssertionError(f"{label} scenario {item_id(sc)}: plans differ in {diff} "
                                 f"(rewritten file kept: {out})")
        os.unlink(out)
        sname = get(sc, "name").value
        assert got[k]["name"] == sname, label
    return len(scenarios.value), differ


# ---- written cases: what the generator does not make ----

# Ids and role names holding dots (the longest key or id that matches wins),
# an item's id changed and then addressed by the new one, a role removed
# with its effort, objectives and risks left out and added, a cap added.
WRITTEN = """format: waymark/1
client: { name: Written cases }
engagement: { currency: GBP, start: 2027-Q1, quarters: 6 }
team:
  eng: { rate: 500, capacity: 40 }
  eng.senior: { rate: 800, capacity: 20 }
  ops: { rate: 450 }
budget: { total: 90000, contingency: 0.1 }
objectives:
  - { id: O1, title: One, deadline: 2027-Q3 }
  - { id: O2, title: Two }
initiatives:
  - { id: A, title: A, objectives: [O1], effort: { eng: [10, 20, 40] }, moscow: must }
  - { id: A.b, title: A.b, objectives: [O1, O2], effort: { eng.senior: 15 }, depends_on: [A] }
  - { id: C, title: C, objectives: [O2], effort: { eng: 30, ops: 5 }, moscow: could }
  - { id: D, title: D, objectives: [O2], effort: { eng: 25 }, depends_on: [A.b] }
risks:
  - { id: R1, title: Risk, likelihood: 3, impact: 4, initiatives: [A, C] }
  - { id: R2, title: Other, likelihood: 2, impact: 2 }
scenarios:
  - id: S2
    name: Dots
    set:
      initiatives.A.b.moscow: wont
      initiatives.A.moscow: should
      team.eng.senior.capacity: 50
      team.eng.rate: 520
  - id: S3
    name: Renamed
    set:
      initiatives.C.id: C2
      initiatives.C2.moscow: must
      team.ops: ~
      initiatives.C2.effort: { eng: 30 }
      risks.R1.initiatives: [A, C2]
      budget.per_quarter: 30000
  - id: S4
    name: Left out
    exclude: [A.b, O2, R2]
    add:
      objectives: [ { id: O3, title: Three, deadline: 2028-Q1 } ]
      risks: [ { id: R3, title: New, likelihood: 5, impact: 5, initiatives: [C] } ]
      initiatives: [ { id: E, title: E, objectives: [O3], effort: { eng: 10 } } ]
    set:
      initiatives.C.objectives: [O3]
      initiatives.D.objectives: [O1]
"""


# ---- generated engagements ----

ROLES = ["engineer", "platform", "data", "security", "design"]


def generate(seed):
    """A small valid engagement with random scenarios, as text."""
    rnd = random.Random(seed)
    roles = rnd.sample(ROLES, rnd.randint(1, 4))
    team = {r: {"rate": rnd.choice([400, 520, 640, 780])} for r in roles}
    for r in roles:
        if rnd.random() < 0.8:
            team[r]["capacity"] = rnd.choice([20, 40, 60, 100])
    n_obj = rnd.randint(1, 4)
    objectives = [{"id": f"O{i + 1}", "title": f"Objective {i + 1}", "value": rnd.randint(1, 9)}
                  for i in range(n_obj)]
    for o in objectives:
        if rnd.random() < 0.6:
            o["deadline"] = f"2027-Q{rnd.randint(1, 4)}"
    n_ini = rnd.randint(2, 14)
    inis = []
    for i in range(n_ini):
        effort = {}
        for r in rnd.sample(roles, rnd.randint(1, len(roles))):
            o = rnd.randint(2, 30)
            effort[r] = [o, o + rnd.randint(0, 20), o + rnd.randint(20, 60)]
        ini = {"id": f"I{i + 1}", "title": f"Initiative {i + 1}",
               "objectives": rnd.sample([o["id"] for o in objectives], rnd.randint(1, n_obj)),
               "effort": effort,
               "scores": {"business_value": rnd.randint(1, 10),
                          "time_criticality": rnd.randint(1, 10),
                          "risk_reduction": rnd.randint(1, 10)},
               "moscow": rnd.choice(["must", "should", "should", "could", "could"])}
        if i and rnd.random() < 0.4:
            ini["depends_on"] = sorted(set(rnd.sample([f"I{j + 1}" for j in range(i)],
                                                      rnd.randint(1, min(2, i)))))
            if ini["moscow"] == "must":
                ini["moscow"] = "should"
        if rnd.random() < 0.3:
            ini["costs"] = [{"item": "Licence", "amount": rnd.randint(1, 50) * 100,
                             "recurring": rnd.choice(["once", "monthly", "yearly"])}]
        inis.append(ini)
    risks = [{"id": f"R{i + 1}", "title": f"Risk {i + 1}", "likelihood": rnd.randint(1, 5),
              "impact": rnd.randint(1, 5),
              "initiatives": rnd.sample([x["id"] for x in inis], rnd.randint(0, min(3, n_ini)))}
             for i in range(rnd.randint(0, 3))]
    doc = {"format": "waymark/1", "client": {"name": f"Generated {seed}"},
           "engagement": {"currency": "GBP", "start": "2027-Q1", "quarters": rnd.randint(2, 8)},
           "team": team, "objectives": objectives, "initiatives": inis}
    if rnd.random() < 0.8:
        doc["budget"] = {"total": rnd.randint(20, 400) * 1000}
        if rnd.random() < 0.5:
            doc["budget"]["contingency"] = rnd.choice([0, 0.1, 0.15])
    if risks:
        doc["risks"] = risks
    doc["scenarios"] = [scenario(rnd, doc, k) for k in range(rnd.randint(1, 3))]
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=None)


def scenario(rnd, doc, k):
    """A random scenario of `doc`: a few overrides of the kinds the brief lists."""
    inis, roles = doc["initiatives"], list(doc["team"])
    s = {"id": f"S{k + 2}", "name": f"Option {k + 2}", "summary": "Generated.", "set": {}}
    sets = s["set"]
    for _ in range(rnd.randint(1, 4)):
        kind = rnd.randrange(10)
        ini = rnd.choice(inis)["id"]
        if kind == 0:
            sets["budget.total"] = rnd.randint(20, 500) * 1000
        elif kind == 1:
            sets["budget.per_quarter"] = rnd.randint(10, 200) * 1000
        elif kind == 2:
            sets[f"team.{rnd.choice(roles)}.capacity"] = rnd.choice([10, 30, 80, 150])
        elif kind == 3:
            sets[f"team.{rnd.choice(roles)}.rate"] = rnd.choice([300, 600, 900])
        elif kind == 4:
            sets[f"initiatives.{ini}.moscow"] = rnd.choice(["must", "should", "could", "wont"])
        elif kind == 5:
            r = rnd.choice(roles)
            o = rnd.randint(1, 20)
            sets[f"initiatives.{ini}.effort.{r}"] = [o, o + 5, o + 30]
        elif kind == 6:
            sets["engagement.quarters"] = rnd.randint(2, 10)
            sets["engagement.start"] = f"2027-Q{rnd.randint(1, 4)}"
        elif kind == 7:
            sets["team.qa"] = {"rate": 600, "capacity": 60}
            sets[f"initiatives.{ini}.effort.qa"] = rnd.randint(5, 40)
        elif kind == 8:
            sets["budget.contingency"] = rnd.choice([0, 0.05, 0.2])
        else:
            sets[f"initiatives.{ini}.scores.business_value"] = rnd.randint(1, 10)
    # A `must` that depends on a `wont` is only a warning; moscow overrides
    # may make one, which is fine.
    if len(inis) > 2 and rnd.random() < 0.4:
        ex = rnd.choice(inis[1:])["id"]
        if not any(p.startswith(f"initiatives.{ex}.") for p in sets):
            s["exclude"] = [ex]
    if rnd.random() < 0.3:
        s["add"] = {"initiatives": [{
            "id": "NEW1", "title": "Added", "objectives": [doc["objectives"][0]["id"]],
            "effort": {roles[0]: [5, 10, 20]}, "moscow": "should",
            "depends_on": [inis[0]["id"]]}]}
    if not sets:
        del s["set"]
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("waymark")
    ap.add_argument("source")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=17)
    a = ap.parse_args()
    waymark = os.path.abspath(a.waymark)
    checked = differ = 0
    tmp = tempfile.mkdtemp(prefix="wm-scenarios-")
    written = os.path.join(tmp, "written.yaml")
    with open(written, "w", encoding="utf-8") as f:
        f.write(WRITTEN)
    n, d = check_file(waymark, written, "written cases", tmp)
    checked, differ = checked + n, differ + d
    os.unlink(written)
    samples = os.path.join(a.source, "samples")
    for name in sorted(os.listdir(samples)):
        if name.endswith(".yaml"):
            n, d = check_file(waymark, os.path.join(samples, name), f"samples/{name}", tmp)
            checked, differ = checked + n, differ + d

    def one(i):
        seed = a.seed * 100000 + i
        path = os.path.join(tmp, f"gen-{seed}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(generate(seed))
        n = check_file(waymark, path, f"generated seed {seed}", tmp)
        os.unlink(path)
        return n

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
        for n, d in ex.map(one, range(a.count)):
            checked, differ = checked + n, differ + d
    os.rmdir(tmp)
    # The overrides must matter: a scenario planned like its base proves little.
    assert differ * 4 >= checked * 3, f"only {differ} of {checked} scenarios change the plan"
    print(f"ok: {checked} scenarios equal their rewritten engagements, {differ} of them "
          f"planned otherwise than their base ({a.count} generated engagements, seed {a.seed})")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
