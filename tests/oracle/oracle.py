#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of /work/shared/spec/method.md.

    oracle.py FILE.yaml [--iterations N] [--seed S] [--alt KEY=VALUE]

prints the plan JSON (field names of plan.md) computed straight from the spec,
written without reading Waymark's own plugins or core/plan code.  Monte Carlo
fields use Python's own sampler, so they agree with Waymark only within sampling
error (compare.py compares them loosely).

The input is assumed to be valid (run `waymark validate` for that): this file
does not re-implement the schema checks of engagement.md, only the typing rules
needed to read the values (everything is read as text and typed by the schema,
not by YAML's implicit resolution).

Section comments ("method.md §Estimate ...") cite the spec text they implement.
Interpretations of points the spec leaves open are marked "INTERPRETATION".
--alt switches one of them to the other reading (see ALT); it exists only to
find inputs on which the choice matters.  Companion: compare.py.
"""

import argparse
import json
import math
import random
import sys
from decimal import Decimal

import yaml

EPS = 1e-9          # method.md "Arithmetic": the 1e-9 tolerance

# Alternative readings of ambiguous points, selectable with --alt KEY=VALUE only
# to find inputs on which the choice matters.  The defaults are the oracle's.
ALT = {"retry": "after-attempt-quarter", "fail-order": "capacity-first"}
TIERS = ["must", "should", "could", "wont"]


# --------------------------------------------------------------------------
# Reading the engagement (engagement.md: typed by schema, not YAML resolution)
# --------------------------------------------------------------------------

def num(s):
    """A schema number: plain decimal text -> float (ints stay exact in float)."""
    if s is None:
        return None
    return float(s)


def quarter_index(text):
    """'2027-Q3' -> absolute quarter number (year*4 + q-1)."""
    year, q = text.split("-Q")
    return int(year) * 4 + int(q) - 1


def quarter_name(idx):
    return "%04d-Q%d" % (idx // 4, idx % 4 + 1)


def load(path):
    with open(path, "rb") as f:
        # BaseLoader: every scalar stays a string, so '012', 'NO', dates are text
        raw = yaml.load(f, Loader=yaml.BaseLoader)
    return raw


def parse(raw):
    """Normalise the engagement into plain Python values."""
    e = {}
    e["client"] = {"name": raw["client"]["name"],
                   "short_name": raw["client"].get("short_name")}
    eng = raw["engagement"]
    e["currency"] = eng["currency"]
    e["start"] = quarter_index(eng["start"])
    e["n"] = int(eng["quarters"])
    # team, in file order (method.md §Schedule 6 lists roles "in the order of team")
    e["team"] = []
    for role, spec in raw["team"].items():
        cap = spec.get("capacity")
        e["team"].append({"role": role, "rate": num(spec["rate"]),
                          "capacity": None if cap is None else num(cap)})
    budget = raw.get("budget") or {}
    e["budget_total"] = num(budget.get("total"))
    e["per_quarter"] = num(budget.get("per_quarter"))
    e["contingency"] = num(budget.get("contingency")) if budget.get("contingency") is not None else 0.0
    pr = raw.get("prioritisation") or {}
    e["method"] = pr.get("method", "wsjf")
    w = pr.get("weights")
    e["weights"] = None if w is None else {k: num(v) for k, v in w.items()}
    e["objectives"] = []
    for o in raw["objectives"]:
        e["objectives"].append({"id": o["id"], "title": o["title"],
                                "value": num(o.get("value")),
                                "deadline": o.get("deadline")})
    e["initiatives"] = []
    for i in raw["initiatives"]:
        effort = {}
        for role, v in i["effort"].items():
            if isinstance(v, list):
                o, m, p = (num(x) for x in v)
            else:
                o = m = p = num(v)
            effort[role] = (o, m, p)
        costs = []
        for c in i.get("costs") or []:
            costs.append({"amount": num(c["amount"]),
                          "recurring": c.get("recurring", "once")})
        e["initiatives"].append({
            "id": i["id"], "title": i["title"],
            "objectives": list(i.get("objectives") or []),
            "effort": effort, "costs": costs,
            "depends_on": list(i.get("depends_on") or []),
            "scores": {k: num(v) for k, v in (i.get("scores") or {}).items()},
            "moscow": i.get("moscow", "should"),
            "earliest": i.get("earliest"),
        })
    e["risks"] = []
    for r in raw.get("risks") or []:
        e["risks"].append({"id": r["id"], "title": r.get("title"),
                           "likelihood": int(num(r["likelihood"])),
                           "impact": int(num(r["impact"])),
                           "initiatives": list(r.get("initiatives") or []),
                           "mitigation": r.get("mitigation"),
                           "owner": r.get("owner")})
    # method.md §Blocked quarters: each entry's quarters, go_live (false unless
    # given), roles ([] unless given) and reason, in file order.
    e["blocked"] = []
    for b in raw.get("blocked") or []:
        e["blocked"].append({"quarters": list(b["quarters"]),
                             "go_live": b.get("go_live") == "true",
                             "roles": list(b.get("roles") or []),
                             "reason": b["reason"]})
    e["plugins"] = []
    for p in raw.get("plugins") or []:
        if isinstance(p, str):
            e["plugins"].append({"name": p, "config": {}})
        else:
            e["plugins"].append({"name": p["name"], "config": dict(p.get("config") or {})})
    return e


def idkey(s):
    """method.md "Arithmetic": ids compare by their UTF-8 bytes."""
    return s.encode("utf-8")


def round12(x):
    """method.md "Arithmetic": scores compared after rounding to 12 significant
    digits, half to even.  Python's '%.11e' rounds the exact binary value
    correctly with ties to even; Decimal keeps the result exact for comparing."""
    if x is None:
        return None
    return Decimal("%.11e" % x)


def at_or_below(amount, limit):
    """method.md "Arithmetic": at most the limit plus 1e-9 relative."""
    return amount <= limit + EPS * abs(limit)


# --------------------------------------------------------------------------
# Pipeline (method.md §Prioritise last two sentences; plugins.md "The pipeline")
# --------------------------------------------------------------------------

def pipeline(e):
    """Returns (plugin names in order, prioritiser method, its config,
    estimate/pert config)."""
    names = ["estimate/pert", "prioritise/" + e["method"], "schedule/capacity",
             "risks/register", "playbook/handover", "document/standard"]
    configs = {n: {} for n in names}
    for p in e["plugins"]:
        name = p["name"]
        if name in names:                       # already in the pipeline: configure in place
            configs[name].update(p["config"])
        elif name.startswith("prioritise/"):    # exclusive stage: a later one replaces
            # INTERPRETATION (plugins.md "the defaults followed by the engagement's
            # plugins:"): the earlier prioritiser is dropped, the new one is listed
            # where the engagement puts it, after the defaults.
            old = [n for n in names if n.startswith("prioritise/")][0]
            names.remove(old)
            del configs[old]
            names.append(name)
            configs[name] = dict(p["config"])
        else:
            names.append(name)
            configs[name] = dict(p["config"])
    prio = [n for n in names if n.startswith("prioritise/")][0]
    return names, prio.split("/", 1)[1], configs[prio], configs["estimate/pert"]


# --------------------------------------------------------------------------
# method.md §Estimate (estimate/pert), deterministic part
# --------------------------------------------------------------------------

def estimate(e):
    rate = {t["role"]: t["rate"] for t in e["team"]}
    est = {}
    for i in e["initiatives"]:
        effort = {}
        for role, (o, m, p) in i["effort"].items():
            # PERT mean (o + 4m + p) / 6, standard deviation (p - o) / 6
            effort[role] = {"o": o, "m": m, "p": p,
                            "mean": (o + 4 * m + p) / 6, "sd": (p - o) / 6}
        # effort_days = sum of its roles' means; labour = sum of mean x rate
        effort_days = sum(v["mean"] for v in effort.values())
        labour = sum(v["mean"] * rate[r] for r, v in effort.items())
        # non-labour costs: once in the start quarter; monthly 3 x amount and
        # yearly amount / 4 in each quarter after the end quarter
        once = sum(c["amount"] for c in i["costs"] if c["recurring"] == "once")
        run = sum(3 * c["amount"] if c["recurring"] == "monthly" else c["amount"] / 4
                  for c in i["costs"] if c["recurring"] in ("monthly", "yearly"))
        est[i["id"]] = {"effort": effort, "effort_days": effort_days,
                        "labour": labour, "once": once, "run_per_quarter": run}
    return est


# --------------------------------------------------------------------------
# method.md §Prioritise
# --------------------------------------------------------------------------

def score_input(e, i, key):
    """Score inputs missing count 0, except business_value (highest objective
    value, 0 when none has one) and RICE impact/confidence (1)."""
    s = i["scores"]
    if key in s:
        return s[key]
    if key == "business_value":
        objs = {o["id"]: o for o in e["objectives"]}
        vals = [objs[o]["value"] for o in i["objectives"]
                if o in objs and objs[o]["value"] is not None]
        return max(vals) if vals else 0
    if key in ("impact", "confidence"):
        return 1
    return 0


def prioritise(e, est, method, config):
    weights = e["weights"]
    scores = {}
    for i in e["initiatives"]:
        ed = est[i["id"]]["effort_days"]
        # INTERPRETATION: "no effort" = effort_days below 1e-9, the Arithmetic
        # rule for remaining effort ("counts as none"), so that prioritise and
        # schedule step 4 ("or none at all") agree on what no effort is.
        no_effort = ed < EPS
        if method == "wsjf":
            w = lambda k: (weights or {}).get(k, 1)          # a weight not given is 1
            bv, tc, rr = (score_input(e, i, k) for k in
                          ("business_value", "time_criticality", "risk_reduction"))
            cod = w("business_value") * bv + w("time_criticality") * tc + w("risk_reduction") * rr
            score = None if no_effort else cod / ed
            inputs = {"business_value": bv, "time_criticality": tc, "risk_reduction": rr,
                      "cost_of_delay": cod, "effort_days": ed}
        elif method == "rice":
            dpm = float(config.get("days_per_month", 20))
            reach, impact, conf = (score_input(e, i, k) for k in ("reach", "impact", "confidence"))
            months = ed / dpm
            score = None if no_effort else reach * impact * conf / months
            inputs = {"reach": reach, "impact": impact, "confidence": conf,
                      "effort_months": months}
        elif method == "weighted":
            # sum of weight x input over the weights given; the WSJF three at 1
            # when none are given.  INTERPRETATION: `weights: {}` = none given.
            ws = weights if weights else {"business_value": 1, "time_criticality": 1,
                                          "risk_reduction": 1}
            inputs = {k: score_input(e, i, k) for k in ws}
            score = sum(ws[k] * inputs[k] for k in ws)
        else:
            raise SystemExit("oracle: unknown prioritisation method %r" % method)
        scores[i["id"]] = {"score": score, "score_inputs": inputs,
                           "tier": i["moscow"]}

    # Rank: tier, then score descending (12 significant digits, equal = tie;
    # null first in its tier), then id by UTF-8 bytes.
    def key(i):
        s = scores[i["id"]]["score"]
        return (TIERS.index(i["moscow"]),
                0 if s is None else 1,
                -round12(s) if s is not None else Decimal(0),
                idkey(i["id"]))
    order = [i["id"] for i in sorted(e["initiatives"], key=key)]
    for r, iid in enumerate(order, 1):
        scores[iid]["rank"] = r
    return order, scores


# --------------------------------------------------------------------------
# method.md §Schedule (schedule/capacity)
# --------------------------------------------------------------------------

def schedule(e, est, order, scores):
    n = e["n"]
    team = e["team"]
    rate = {t["role"]: t["rate"] for t in team}
    constrained = [t["role"] for t in team if t["capacity"] is not None]
    # remaining capacity per role per quarter (horizon-relative index 0..n-1)
    cap_left = {t["role"]: [t["capacity"]] * n for t in team if t["capacity"] is not None}
    # labour + once-costs placed so far per quarter (step 5)
    spend = [0.0] * n
    inits = {i["id"]: i for i in e["initiatives"]}
    rank = {iid: scores[iid]["rank"] for iid in order}
    result = {}          # id -> {"status", "start", "end", "allocation", "reason", "reason_kind"}

    # method.md §Blocked quarters: "where several entries block the same
    # quarter, the first in the file gives the reason"; quarters outside the
    # horizon block nothing.  Horizon-relative indexes.
    golive_block = {}    # q -> reason
    role_block = {}      # (role, q) -> reason
    for b in e.get("blocked", []):
        for qt in b["quarters"]:
            q = quarter_index(qt) - e["start"]
            if not 0 <= q < n:
                continue
            if b["go_live"]:
                golive_block.setdefault(q, b["reason"])
            for r in b["roles"]:
                role_block.setdefault((r, q), b["reason"])

    def defer(iid, kind, reason):
        result[iid] = {"status": "deferred", "start": None, "end": None,
                       "allocation": None, "reason": reason, "reason_kind": kind}

    def attempt(iid, q0):
        """Step 4 (and 5): one attempt from quarter q0.  Returns
        ('ok', start, end, alloc) or ('capacity', reason) or ('budget', reason)."""
        i = inits[iid]
        eff = est[iid]["effort"]
        alloc = {}                                  # quarter -> role -> days
        short = []
        for role in constrained:                    # team order
            if role not in eff:
                continue
            rem = eff[role]["mean"]
            for q in range(q0, n):
                if rem < EPS:                       # remaining effort below 1e-9 is none
                    break
                # a quarter blocked for the role "has nothing left for it"
                avail = 0.0 if (role, q) in role_block else cap_left[role][q]
                if avail < EPS:                     # remaining capacity below 1e-9 is none
                    continue
                g = min(rem, avail)
                if g < EPS:                         # a grant below 1e-9 is no grant
                    continue
                alloc.setdefault(q, {})[role] = g
                rem -= g
            if rem >= EPS:
                short.append(role)
        if short and ALT["fail-order"] == "capacity-first":
            # step 6: "capacity of engineer, data" (roles that ran short, team order)
            return ("capacity", "capacity of " + ", ".join(short))
        if alloc:
            start, end = min(alloc), max(alloc)     # only positive grants count
        else:
            start = end = q0                        # no constrained effort
        # unconstrained roles spread evenly over every quarter of start..end,
        # leaving out the quarters blocked for the role; none left: the
        # attempt fails, kind blocked, naming the span's first quarter
        for t in team:
            role = t["role"]
            if t["capacity"] is None and role in eff and eff[role]["mean"] >= EPS:
                open_qs = [q for q in range(start, end + 1) if (role, q) not in role_block]
                if not open_qs:
                    return ("blocked", "%s blocked in %s (%s)" % (
                        role, quarter_name(e["start"] + start), role_block[(role, start)]), start)
                for q in open_qs:
                    alloc.setdefault(q, {})[role] = eff[role]["mean"] / len(open_qs)
        # go-live: the attempt may not end in a quarter where go-live is blocked
        if end in golive_block:
            return ("blocked", "no go-live in %s (%s)" % (
                quarter_name(e["start"] + end), golive_block[end]), start)
        # step 5: per-quarter cap on labour + once-costs (all so far plus this one)
        if e["per_quarter"] is not None:
            for q in range(start, end + 1):
                add = sum(d * rate[r] for r, d in alloc.get(q, {}).items())
                if q == start:
                    add += est[iid]["once"]
                if not at_or_below(spend[q] + add, e["per_quarter"]):
                    return ("budget", "per-quarter budget", q)
        if short:       # only reached with ALT["fail-order"] == "budget-first"
            return ("capacity", "capacity of " + ", ".join(short))
        return ("ok", start, end, alloc)

    def commit(iid, start, end, alloc):
        for q, roles in alloc.items():
            for r, d in roles.items():
                if r in cap_left:
                    cap_left[r][q] -= d
                spend[q] += d * rate[r]
        spend[start] += est[iid]["once"]
        result[iid] = {"status": "scheduled", "start": start, "end": end,
                       "allocation": alloc, "reason": None, "reason_kind": None}

    def place(iid):
        if iid in result:                            # "placed" = scheduled or deferred
            return
        i = inits[iid]
        # step 1: a wont initiative is deferred at once and places nothing else
        if i["moscow"] == "wont":
            defer(iid, "wont", "won't have in this horizon")
            return
        # step 1: dependencies first, depth first, in rank order among them
        for d in sorted(set(i["depends_on"]), key=lambda d: rank[d]):
            place(d)
        # step 2: a deferred dependency defers it (first in depends_on order)
        for d in i["depends_on"]:
            if result[d]["status"] == "deferred":
                defer(iid, "dependency", "depends on deferred " + d)
                return
        # step 3: earliest quarter (horizon-relative)
        q0 = 0
        if i["earliest"] is not None:
            q0 = max(q0, quarter_index(i["earliest"]) - e["start"])
        for d in i["depends_on"]:
            q0 = max(q0, result[d]["end"] + 1)
        if q0 >= n:
            # INTERPRETATION: the earliest message wins when both apply; else the
            # first dependency (depends_on order) that ends in the last quarter.
            if i["earliest"] is not None and quarter_index(i["earliest"]) - e["start"] >= n:
                defer(iid, "horizon", "earliest %s is beyond the horizon" % i["earliest"])
            else:
                d = [d for d in i["depends_on"] if result[d]["end"] == n - 1][0]
                defer(iid, "horizon", "dependency %s ends in the last quarter" % d)
            return
        # steps 4-6: attempt; on a budget failure try again from the quarter
        # after the one last tried (INTERPRETATION: after the attempt's starting
        # quarter); a capacity failure is not retried; the reason is that of
        # the first failed attempt.
        first_fail = None
        q = q0
        while q < n:
            res = attempt(iid, q)
            if res[0] == "ok":
                commit(iid, res[1], res[2], res[3])
                return
            if first_fail is None:
                first_fail = res
            if res[0] == "capacity":
                break
            # ALT["retry"] == "after-failed-quarter": the alternative reading,
            # kept only to measure whether the choice matters
            q = res[2] + 1 if ALT["retry"] == "after-failed-quarter" else q + 1
        defer(iid, first_fail[0], first_fail[1])

    for iid in order:
        place(iid)
    return result


# --------------------------------------------------------------------------
# method.md §Estimate: costs once the schedule is known; plan.md by_quarter/totals
# --------------------------------------------------------------------------

def costs(e, est, sched):
    n = e["n"]
    c = e["contingency"]
    out = {}
    for iid, x in est.items():
        s = sched[iid]
        if s["status"] == "scheduled":
            # run costs in each quarter after the end quarter up to the horizon's end
            other = x["once"] + x["run_per_quarter"] * (n - 1 - s["end"])
        else:
            other = x["once"]                        # deferred: once-costs only
        cont = c * (x["labour"] + other)
        out[iid] = {"labour": x["labour"], "other": other, "contingency": cont,
                    "cost": x["labour"] + other + cont}
    return out


def by_quarter(e, est, sched):
    n = e["n"]
    c = e["contingency"]
    rate = {t["role"]: t["rate"] for t in e["team"]}
    rows = []
    for q in range(n):
        days = {t["role"]: 0.0 for t in e["team"]}
        other = 0.0
        for iid, s in sched.items():
            if s["status"] != "scheduled":
                continue
            for r, d in s["allocation"].get(q, {}).items():
                days[r] += d
            if q == s["start"]:
                other += est[iid]["once"]
            if q > s["end"]:
                other += est[iid]["run_per_quarter"]
        labour = sum(days[r] * rate[r] for r in days)
        cont = c * (labour + other)
        rows.append({
            "quarter": quarter_name(e["start"] + q),
            "labour": labour, "other": other, "contingency": cont,
            "cost": labour + other + cont,
            "roles": {t["role"]: {"days": days[t["role"]], "capacity": t["capacity"],
                                  "cost": days[t["role"]] * t["rate"]} for t in e["team"]},
        })
    return rows


# --------------------------------------------------------------------------
# method.md §Estimate: Monte Carlo
# --------------------------------------------------------------------------

def monte_carlo(e, est, sched, cost_by, iterations, seed, total_cost):
    rate = {t["role"]: t["rate"] for t in e["team"]}
    const = 0.0
    varying = []                                       # (rate*(p-o), alpha, beta)
    for iid, s in sched.items():
        if s["status"] != "scheduled":
            continue
        const += cost_by[iid]["other"]                 # the scheduled other costs
        for r, v in est[iid]["effort"].items():
            o, m, p = v["o"], v["m"], v["p"]
            if p == o:                                 # constant m when o = p
                const += m * rate[r]
            else:                                      # Beta-PERT, lambda 4
                a = 1 + 4 * (m - o) / (p - o)
                b = 1 + 4 * (p - m) / (p - o)
                const += o * rate[r]
                varying.append((rate[r] * (p - o), a, b))
    rng = random.Random(seed)
    beta = rng.betavariate
    totals = sorted(const + sum(w * beta(a, b) for w, a, b in varying)
                    for _ in range(iterations))

    def pct(P):                                        # nearest rank: ceil(P/100 N)-th
        k = max(1, math.ceil(P / 100 * iterations))
        return totals[k - 1]

    budget = e["budget_total"]
    pwb = None if budget is None else sum(at_or_below(t, budget) for t in totals) / iterations
    conf = sum(at_or_below(t, total_cost) for t in totals) / iterations
    return {"p50": pct(50), "p80": pct(80), "p90": pct(90),
            "p_within_budget": pwb, "contingency_confidence": conf}


# --------------------------------------------------------------------------
# method.md §Schedule 8: objectives
# --------------------------------------------------------------------------

def objectives(e, sched):
    out = []
    for o in e["objectives"]:
        linked = [i["id"] for i in e["initiatives"] if o["id"] in i["objectives"]]
        if not linked or any(sched[iid]["status"] == "deferred" for iid in linked):
            completes = None
        else:
            completes = e["start"] + max(sched[iid]["end"] for iid in linked)
        dl = o["deadline"]
        at_risk = dl is not None and (completes is None or completes > quarter_index(dl))
        out.append({"id": o["id"], "title": o["title"], "deadline": dl,
                    "completes": None if completes is None else quarter_name(completes),
                    "at_risk": at_risk})
    return out


# --------------------------------------------------------------------------
# method.md §Risks (risks/register)
# --------------------------------------------------------------------------

def band(score):
    return ("low" if score <= 4 else "medium" if score <= 9 else
            "high" if score <= 16 else "critical")


def risks(e):
    out = []
    for r in e["risks"]:
        s = r["likelihood"] * r["impact"]
        out.append({"id": r["id"], "title": r["title"], "likelihood": r["likelihood"],
                    "impact": r["impact"], "score": s, "band": band(s),
                    "initiatives": r["initiatives"], "mitigation": r["mitigation"],
                    "owner": r["owner"]})
    out.sort(key=lambda r: (-r["score"], idkey(r["id"])))
    return out


# --------------------------------------------------------------------------
# method.md §The cut line / §The per-quarter cut line
# --------------------------------------------------------------------------

def over(x, limit):
    """method.md "Arithmetic": "at or below" a limit allows 1e-9 of it."""
    return not x <= limit + 1e-9 * abs(limit)


REPLANS = [0]        # distinct cuts re-planned (method.md: the 128 bound)
_REPLANNED = {}


def replan(e, wont):
    """A re-plan with the initiatives in `wont` set to moscow: wont: estimate,
    prioritise, schedule and costs, no Monte Carlo.  Returns (total cost,
    by_quarter costs).  A cut already re-planned is not re-planned again."""
    key = frozenset(wont)
    if key not in _REPLANNED:
        REPLANS[0] += 1
        _REPLANNED[key] = _replan(e, wont)
    return _REPLANNED[key]


def _replan(e, wont):
    e2 = dict(e)
    e2["initiatives"] = [dict(i, moscow="wont") if i["id"] in wont else i
                         for i in e["initiatives"]]
    _names, method, pconfig, _econfig = pipeline(e2)
    est = estimate(e2)
    order, scores = prioritise(e2, est, method, pconfig)
    sched = schedule(e2, est, order, scores)
    cost_by = costs(e2, est, sched)
    total = sum(cost_by[iid]["cost"] for iid in order if sched[iid]["status"] == "scheduled")
    return total, [row["cost"] for row in by_quarter(e2, est, sched)]


def cut_line(e, order, scores, sched, candidates, amount_of, limit, base_amount):
    """The four steps of method.md §The cut line, for one goal: amount_of
    maps a re-plan to the amount judged against `limit`."""
    rank = {iid: scores[iid]["rank"] for iid in order}
    tier = {iid: scores[iid]["tier"] for iid in order}
    scheduled = [iid for iid in order if sched[iid]["status"] == "scheduled"]
    dependents = {iid: [] for iid in order}
    deps = {i["id"]: i["depends_on"] for i in e["initiatives"]}
    for i in e["initiatives"]:
        for d in i["depends_on"]:
            dependents[d].append(i["id"])
    is_sched = set(scheduled)

    def closure(x, taken):
        out, todo = [], [x]
        seen = set(taken) | {x}
        while todo:
            u = todo.pop(0)
            out.append(u)
            for d in dependents[u]:
                if d in is_sched and d not in seen:
                    seen.add(d)
                    todo.append(d)
        return out

    # 1. the walk: lowest rank upward; first the steps holding no must
    by_rank_low = sorted(scheduled, key=lambda i: -rank[i])
    steps, taken = [], set()
    for first_pass in (True, False):
        for x in by_rank_low:
            if x not in candidates or x in taken:
                continue
            if first_pass and any(tier[u] == "must" for u in closure(x, set())):
                continue
            step = closure(x, taken)
            taken |= set(step)
            steps.append(step)

    def cut_of(k):
        return set(u for st in steps[:k] for u in st)

    holdable = sorted([iid for iid in order if sched[iid]["status"] == "deferred"
                       and sched[iid]["reason_kind"] in ("capacity", "budget", "blocked")],
                      key=lambda i: rank[i])

    def amount(wont):
        return amount_of(replan(e, wont))

    m = len(steps)
    whole = cut_of(m) | set(holdable)
    a = amount(whole) if m else base_amount
    if m == 0 or over(a, limit):
        return whole, a, False
    # 2. bisection, everything holdable held
    lo, hi = 0, m
    while hi - lo > 1:
        mid = (lo + hi) // 2
        x = amount(cut_of(mid) | set(holdable))
        if over(x, limit):
            lo = mid
        else:
            hi, a = mid, x
    cut = cut_of(hi)
    # 3. the fewest holdable, best rank first, still held
    if holdable:
        x = amount(cut)
        if not over(x, limit):
            held, a = [], x
        else:
            hlo, hhi = 0, len(holdable)
            while hhi - hlo > 1:
                mid = (hlo + hhi) // 2
                x = amount(cut | set(holdable[:mid]))
                if over(x, limit):
                    hlo = mid
                else:
                    hhi, a = mid, x
            held = holdable[:hhi]
        cut = cut | set(held)
    # 4. prune, best rank first, passes until one drops nothing; at most 64
    # re-plans
    dropped, left = True, 64
    while dropped and left > 0:
        dropped = False
        tried = set()
        while left > 0:
            pick = [u for u in sorted(cut, key=lambda i: rank[i])
                    if u not in tried and not any(d in cut for d in deps[u])]
            if not pick:
                break
            u = pick[0]
            tried.add(u)
            left -= 1
            x = amount(cut - {u})
            if not over(x, limit):
                cut, a, dropped = cut - {u}, x, True
    return cut, a, True


def cut_lines(e, order, scores, sched, cost_by, bq):
    """plan.md's cut_line and quarter_cut_lines."""
    def record(cut, a, fits, base):
        ids = sorted(cut, key=lambda i: -scores[i]["rank"])
        return {"ids": ids, "held": [i for i in ids if sched[i]["status"] == "deferred"],
                "saves": base - a, "fits": fits, "cost": a}

    total = sum(cost_by[i]["cost"] for i in order if sched[i]["status"] == "scheduled")
    line = None
    if e["budget_total"] is not None and over(total, e["budget_total"]):
        cut, a, fits = cut_line(e, order, scores, sched,
                                {i for i in order if sched[i]["status"] == "scheduled"},
                                lambda r: r[0], e["budget_total"], total)
        line = record(cut, a, fits, total)
    quarters = []
    running = {i["id"]: any(c["recurring"] != "once" for c in i["costs"])
               for i in e["initiatives"]}
    for q in range(e["n"]):
        if e["per_quarter"] is None or not over(bq[q]["cost"], e["per_quarter"]):
            continue
        if REPLANS[0] >= 128:   # no quarter's line is started past 128 re-plans
            break
        cands = {i for i in order if sched[i]["status"] == "scheduled" and (
            sched[i]["start"] <= q <= sched[i]["end"]
            or (sched[i]["end"] < q and running[i]))}
        cut, a, fits = cut_line(e, order, scores, sched, cands, lambda r, q=q: r[1][q],
                                e["per_quarter"], bq[q]["cost"])
        quarters.append(dict({"quarter": quarter_name(e["start"] + q)},
                             **record(cut, a, fits, bq[q]["cost"])))
    return line, quarters


# --------------------------------------------------------------------------

def plan(path, iterations=None, seed=None):
    e = parse(load(path))
    names, method, pconfig, econfig = pipeline(e)
    if iterations is None:
        iterations = int(econfig.get("iterations", 10000))
    if seed is None:
        seed = int(econfig.get("seed", 1))
    est = estimate(e)
    order, scores = prioritise(e, est, method, pconfig)
    sched = schedule(e, est, order, scores)
    cost_by = costs(e, est, sched)

    initiatives = []
    inits = {i["id"]: i for i in e["initiatives"]}
    for iid in order:
        s, x, c, sc = sched[iid], est[iid], cost_by[iid], scores[iid]
        alloc = None
        if s["allocation"] is not None:
            alloc = {quarter_name(e["start"] + q): dict(roles)
                     for q, roles in sorted(s["allocation"].items())}
        initiatives.append({
            "id": iid, "title": inits[iid]["title"], "depends_on": inits[iid]["depends_on"],
            "rank": sc["rank"], "tier": sc["tier"],
            "method": method, "score": sc["score"], "score_inputs": sc["score_inputs"],
            "effort": x["effort"], "effort_days": x["effort_days"],
            "labour": c["labour"], "other": c["other"],
            "contingency": c["contingency"], "cost": c["cost"],
            "status": s["status"],
            "start": None if s["start"] is None else quarter_name(e["start"] + s["start"]),
            "end": None if s["end"] is None else quarter_name(e["start"] + s["end"]),
            "allocation": alloc, "reason": s["reason"], "reason_kind": s["reason_kind"],
        })

    sch = [iid for iid in order if sched[iid]["status"] == "scheduled"]
    totals = {k: sum(cost_by[iid][k] for iid in sch)
              for k in ("labour", "other", "contingency", "cost")}
    totals["budget"] = e["budget_total"]
    totals["variance"] = None if e["budget_total"] is None else e["budget_total"] - totals["cost"]
    totals.update(monte_carlo(e, est, sched, cost_by, iterations, seed, totals["cost"]))
    totals["scheduled"] = len(sch)
    totals["deferred"] = len(order) - len(sch)
    bq = by_quarter(e, est, sched)
    line, quarter_lines = cut_lines(e, order, scores, sched, cost_by, bq)

    return {
        "format": "waymark-plan/1",
        "client": e["client"],
        "currency": e["currency"],
        "quarters": [quarter_name(e["start"] + q) for q in range(e["n"])],
        "plugins": [{"name": nm, "version": None, "sha256": None} for nm in names],
        "initiatives": initiatives,
        "by_quarter": bq,
        "totals": totals,
        "cut_line": line,
        "quarter_cut_lines": quarter_lines,
        "objectives": objectives(e, sched),
        "risks": risks(e),
        "playbook": None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--iterations", type=int, help="override Monte Carlo iterations")
    ap.add_argument("--seed", type=int, help="override Monte Carlo seed")
    ap.add_argument("--alt", action="append", default=[],
                    help="KEY=VALUE: an alternative reading (see ALT)")
    a = ap.parse_args()
    for kv in a.alt:
        k, v = kv.split("=", 1)
        ALT[k] = v
    json.dump(plan(a.file, a.iterations, a.seed), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
