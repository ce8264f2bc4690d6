#!/bin/sh
# scratch.sh SOURCE_DIR [MAX_STAGE_FILES MAX_CHART_FILES] - what adding a
# stage and a chart kind costs, measured in a scratch copy of the tree.
#
# In a copy of the source (the pristine copy kept beside it), it adds
#   - a stage, `compliance` (after risks): one row of core/plan/stages.def
#     (and the row of the plan field it fills), its scaffold
#     core/cli/scaffold/plugin/compliance.lua and its default plugin
#     plugins/compliance/basic.lua;
#   - a chart kind, `hbar` (drawn as a bar chart, with the bar's data): one
#     row of core/document/charts.def and the row of core/layout/chart.c's
#     table of drawers;
# builds the waymark target (the library and the CLI), and runs what uses
# them: `plugins stages` lists the stage, `plan` shows the field the new
# default plugin fills, `new-plugin --stage compliance` scaffolds a plugin
# whose test passes (test-plugin), and `render` draws an hbar chart a local
# document plugin asks for (pdftotext shows its title and categories).
# Then it counts the files that differ from the pristine copy, and fails
# when either count is above its limit (the counts this tree achieves; a
# change that makes adding one cost more must raise them on purpose).
#
# Slow (a build): registered for the plain Debug suite only (not under the
# sanitizers, not in Release), label `house`.
set -u
src=${1:?usage: scratch.sh SOURCE_DIR [MAX_STAGE_FILES MAX_CHART_FILES]}
max_stage=${2:-3}
max_chart=${3:-2}
src=$(cd "$src" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }

# ---- the scratch tree: what the build reads, copied; data linked ----
mkdir "$tmp/before"
for d in CMakeLists.txt cmake core plugins completion bench; do
    cp -R "$src/$d" "$tmp/before/$d"
done
cp -R "$tmp/before" "$tmp/tree"
t=$tmp/tree
for d in fonts playbooks docs; do ln -s "$src/$d" "$t/$d"; done

# ---- add the stage ----
python3 - "$t" <<'PY' || exit 1
import sys
t = sys.argv[1]
p = t + "/core/plan/stages.def"
s = open(p).read()
row = 'WM_STAGE(PLAYBOOK, "playbook",'
assert row in s, "no playbook row in stages.def"
s = s.replace(row, '''WM_STAGE(COMPLIANCE, "compliance", PLAN, false, "compliance/basic",
         "check the roadmap against the client's compliance rules",
         "notes how many initiatives are scheduled", "plan (the fields it added)")
''' + row, 1)
field = 'WM_FIELD(TOP, "playbook", PLAYBOOK, NULL, PLAYBOOK, 0)\n'
assert field in s, "no playbook field in stages.def"
s = s.replace(field, field + 'WM_FIELD(TOP, "compliance", OBJ, NULL, COMPLIANCE, REQUIRED)\n', 1)
open(p, "w").write(s)
PY
cat >"$t/core/cli/scaffold/plugin/compliance.lua" <<'LUA'
-- @NAME@: a compliance plugin, made by `waymark new-plugin --stage compliance`.
local function compliance(plan, _ctx)
  local n = 0
  for _, p in ipairs(plan.initiatives) do
    if p.status == "scheduled" then n = n + 1 end
  end
  return { compliance_note = n .. " initiatives scheduled" }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "A note on the scheduled initiatives",
  hooks = { compliance = compliance },
}
LUA
mkdir "$t/plugins/compliance"
cat >"$t/plugins/compliance/basic.lua" <<'LUA'
-- compliance/basic: the compliance stage's default: how many initiatives
-- are scheduled, and how many of them are musts.
local function compliance(plan, _ctx)
  local scheduled, musts = 0, 0
  for _, p in ipairs(plan.initiatives) do
    if p.status == "scheduled" then
      scheduled = scheduled + 1
      if p.tier == "must" then musts = musts + 1 end
    end
  end
  return { compliance = { scheduled = scheduled, musts = musts } }
end

return {
  name = "compliance/basic",
  version = "1.0.0",
  api_version = 1,
  description = "The compliance stage's default",
  hooks = { compliance = compliance },
}
LUA

# ---- add the chart kind ----
python3 - "$t" <<'PY' || exit 1
import sys
t = sys.argv[1]
def edit(path, old, new):
    p = t + "/" + path
    s = open(p).read()
    assert old in s, f"{path}: no {old!r}"
    open(p, "w").write(s.replace(old, new, 1))
edit("core/document/charts.def", 'WM_CHART_KIND(RADAR, "radar", series_chart, series_table)\n',
     'WM_CHART_KIND(RADAR, "radar", series_chart, series_table)\n'
     'WM_CHART_KIND(HBAR, "hbar", series_chart, series_table)\n')
edit("core/layout/chart.c", "[WM_CHART_RADAR] = radar_chart,",
     "[WM_CHART_RADAR] = radar_chart, [WM_CHART_HBAR] = bar_chart,")
PY

# ---- count what changed ----
changed=$(cd "$tmp" && diff -rq before tree 2>/dev/null | grep -v '^Only in tree: \(fonts\|playbooks\|docs\)$' |
    sed -e 's|^Files before/\([^ ]*\) and .*|\1|' -e 's|^Only in tree/\?\([^:]*\): \(.*\)|\1/\2|' -e 's|^/||')
echo "files touched:"
echo "$changed" | sed 's/^/  /'
n_stage=$(echo "$changed" | grep -c 'stages.def\|compliance')
n_chart=$(echo "$changed" | grep -vc 'stages.def\|compliance')
echo "adding a stage: $n_stage files; adding a chart kind: $n_chart files"
[ "$n_stage" -le "$max_stage" ] && ok "a stage touches $n_stage files (at most $max_stage)" ||
    bad "a stage touches $n_stage files, more than $max_stage"
[ "$n_chart" -le "$max_chart" ] && ok "a chart kind touches $n_chart files (at most $max_chart)" ||
    bad "a chart kind touches $n_chart files, more than $max_chart"

# ---- build the waymark target and run what uses them ----
if ! cmake -S "$t" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=OFF >"$tmp/cmake.log" 2>&1 ||
    ! cmake --build "$tmp/build" --target waymark -j2 >"$tmp/build.log" 2>&1; then
    bad "the scratch tree does not build:"
    tail -30 "$tmp/cmake.log" "$tmp/build.log"
    exit 1
fi
ok "the scratch tree builds"
wm=$tmp/build/waymark
export WAYMARK_DATA_DIR="$t" XDG_DATA_HOME="$tmp/no-xdg" SOURCE_DATE_EPOCH=1795000000

"$wm" plugins stages >"$tmp/stages" 2>&1
awk '{ print $1 }' "$tmp/stages" | tr '\n' ' ' | grep -q "risks compliance playbook" &&
    ok "plugins stages lists compliance between risks and playbook" ||
    { bad "plugins stages:"; cat "$tmp/stages"; }

"$wm" plan "$src/samples/saas-scaleup.yaml" >"$tmp/plan.json" 2>"$tmp/plan.err" &&
    python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
c = p["compliance"]
n = sum(1 for i in p["initiatives"] if i["status"] == "scheduled")
assert c["scheduled"] == n and c["musts"] <= n, c
assert any(x["name"] == "compliance/basic" for x in p["plugins"])
' "$tmp/plan.json" && ok "plan: compliance/basic ran in its stage and filled plan.compliance" ||
    { bad "plan:"; cat "$tmp/plan.err"; }

(cd "$tmp" && "$wm" new-plugin gate --stage compliance >new.out 2>new.err) &&
    ok "new-plugin --stage compliance scaffolds a plugin" || { bad "new-plugin:"; cat "$tmp/new.err"; }
"$wm" test-plugin "$tmp/gate" >"$tmp/test.out" 2>&1 && grep -q '^PASS ' "$tmp/test.out" &&
    grep -q '"compliance_note"' "$tmp/gate/test/expected.json" &&
    ok "its test passes, and compares the field it adds" || { bad "test-plugin:"; cat "$tmp/test.out"; }

mkdir "$tmp/eng"
sed '/^plugins:/,$d' "$src/samples/saas-scaleup.yaml" >"$tmp/eng/e.yaml"
printf 'plugins:\n  - ./hbar.lua\n' >>"$tmp/eng/e.yaml"
cp -R "$src/samples/assets" "$tmp/eng/assets" 2>/dev/null
cat >"$tmp/eng/hbar.lua" <<'LUA'
return {
  name = "hbar", version = "1.0.0", api_version = 1,
  hooks = { document = function(_plan, _ctx)
    return { waymark.section { id = "hbar-demo", title = "Sideways bars", blocks = {
      waymark.chart { kind = "hbar", title = "Weeks by workstream",
                      data = { categories = { "Platform", "Payments" },
                               series = { { name = "Weeks", values = { 12, 7 } } } } } } } }
  end },
}
LUA
if "$wm" render "$tmp/eng/e.yaml" -o "$tmp/eng/e.pdf" >"$tmp/render.out" 2>&1; then
    pdftotext -layout "$tmp/eng/e.pdf" "$tmp/eng/e.txt"
    grep -q "Weeks by workstream" "$tmp/eng/e.txt" && grep -q "Payments" "$tmp/eng/e.txt" &&
        ok "render draws the hbar chart (its title and categories in the PDF)" ||
        bad "the hbar chart is not in the PDF's text"
else
    bad "render with an hbar chart:"
    cat "$tmp/render.out"
fi

[ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
exit "$fail"
