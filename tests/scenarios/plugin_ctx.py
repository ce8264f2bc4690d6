#!/usr/bin/env python3
"""plugin_ctx.py WAYMARK - what a plugin sees of scenarios, and how their
runs report.

A user plugin, in a small engagement with two scenarios:
  - logs ctx.scenario in its estimate hook: nil in the base's run,
    {id, name, summary} in each scenario's, and ctx.engagement is the
    scenario's (its budget);
  - its document hook reads plan.scenarios (the base's run only);
  - its validate hook warns the same in every run (reported once, with the
    base) and warns about the budget (reported for each scenario, named);
  - failing in one scenario's run only fails the plan with exit status 3,
    the error named by the scenario.
Exits 1 on any failure.
"""
import os
import subprocess
import sys
import tempfile

ENGAGEMENT = """format: waymark/1
client: { name: Ctx test }
engagement: { currency: GBP, start: 2027-Q1, quarters: 4 }
team: { engineer: { rate: 500, capacity: 100 } }
budget: { total: 100000 }
objectives: [ { id: O1, title: Objective } ]
initiatives:
  - { id: I1, title: First, objectives: [O1], effort: { engineer: 10 } }
plugins: [ ./probe.lua ]
scenarios:
  - { id: S2, name: More, summary: Twice the budget., set: { budget.total: 200000 } }
  - { id: S3, name: Less, set: { budget.total: 50000 } }
"""

PROBE = """
local function n(x) return string.format("%d", x) end
local function who(ctx)
  local s = ctx.scenario
  if s == nil then return "base" end
  return s.id .. "|" .. s.name .. "|" .. tostring(s.summary)
end
return {
  name = "probe", version = "1.0.0", api_version = 1,
  hooks = {
    validate = function(plan, ctx)
      return { { level = "warning", message = "the same in every run" },
               { level = "warning", message = "budget " .. n(ctx.engagement.budget.total) } }
    end,
    estimate = function(plan, ctx)
      waymark.log("ctx.scenario: " .. who(ctx) .. " budget " .. n(ctx.engagement.budget.total))
      if FAIL_IN and ctx.scenario and ctx.scenario.id == FAIL_IN then error("boom in " .. FAIL_IN) end
      return {}
    end,
    document = function(plan, ctx)
      local ids = {}
      for _, s in ipairs(plan.scenarios or {}) do ids[#ids + 1] = s.id .. ":" .. n(s.plan.totals.budget) end
      waymark.log("plan.scenarios: " .. table.concat(ids, ",") .. " in " .. who(ctx))
      return {}
    end,
  },
}
"""

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures += 1
        if detail:
            print("    " + detail.replace("\n", "\n    "))


def main():
    wm = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "e.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(ENGAGEMENT)
        for fail_in in (None, "S3"):
            with open(os.path.join(tmp, "probe.lua"), "w", encoding="utf-8") as f:
                f.write(("FAIL_IN = %r\n" % fail_in if fail_in else "FAIL_IN = nil\n") + PROBE)
            r = subprocess.run([wm, "plan", "-v", path], capture_output=True, text=True)
            err = r.stderr
            if fail_in is None:
                check(r.returncode == 0, "the plan with scenarios exits 0", err)
                for line in ("ctx.scenario: base budget 100000",
                             "ctx.scenario: S2|More|Twice the budget. budget 200000",
                             "ctx.scenario: S3|Less|nil budget 50000",
                             "plan.scenarios: S2:200000,S3:50000 in base"):
                    check(line in err, f"the plugin logs '{line}'", err)
                check("plan.scenarios:" in err and err.count("plan.scenarios:") == 1,
                      "the document stage runs once, in the base's run", err)
                check(err.count("the same in every run") == 1,
                      "a warning the same in every run is reported once", err)
                check("scenario 'S2': budget 200000 (plugin 'probe')" in err
                      and "scenario 'S3': budget 50000 (plugin 'probe')" in err
                      and "budget 100000 (plugin 'probe')" in err,
                      "a warning particular to a scenario is reported under its name", err)
            else:
                check(r.returncode == 3, "a plugin failing in one scenario's run exits 3", err)
                check("scenario 'S3': plugin 'probe' failed in its estimate hook" in err
                      and "boom in S3" in err, "the failure is named by its scenario", err)
    if failures:
        print(f"FAIL: {failures} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
