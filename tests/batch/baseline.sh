#!/bin/sh
# baseline.sh WAYMARK SOURCE_DIR - a batch writes each plan with --json and
# compares each input with its plan from an earlier batch (--baseline-dir).
#
# Three engagements (e01..e03):
#   v1: batch --json           each NAME.pdf has its NAME.json, a plan JSON;
#                              again: all skipped; one NAME.json deleted: that
#                              input alone is rendered again
#   e01's budget raised and an estimate doubled; then
#   v2: batch --baseline-dir v1  e01's PDF has "Changes since the last
#                              version"; portfolio.csv has baseline
#                              (v1/e01.json), cost_change (not 0 for e01, 0
#                              for e02) and end_was; the portfolio PDF names
#                              each input file and shows e01's change in cost;
#                              again: all skipped; v1/e01.json changed: e01
#                              rendered again (its baseline is a dependency)
#   a damaged v1/e02.json      e02 fails with "not valid JSON", the others done
#   --baseline-dir naming a file  exit 2, "is not a folder"
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 3
run 0 "v1 with --json: exit 0" "$bin" batch in -o v1 --json -j 2 -q
for n in e01 e02 e03; do
    [ -s "v1/$n.json" ] && grep -q '"format": "waymark-plan/1"' "v1/$n.json" &&
        ok "v1/$n.json is a plan" || bad "v1/$n.json missing or not a plan"
done
run 0 "v1 again: exit 0" "$bin" batch in -o v1 --json -j 2
[ "$(count_status v1 skipped)" = 3 ] && ok "v1 again: all skipped" ||
    bad "v1 again: $(count_status v1 skipped) skipped"
rm v1/e02.json
run 0 "v1 without e02.json: exit 0" "$bin" batch in -o v1 --json -j 2
[ "$(count_status v1 done)" = 1 ] && [ -s v1/e02.json ] &&
    ok "a missing NAME.json: that input is rendered again" || bad "e02.json not written again"

# e01 is saas-scaleup: raise its budget, double one estimate.
sed 's/^  total: 1250000$/  total: 1400000/; s/      platform: \[30, 45, 70\]/      platform: [60, 90, 140]/' \
    in/e01.yaml >in/e01.new && mv in/e01.new in/e01.yaml
grep -q "total: 1400000" in/e01.yaml || bad "e01's budget not edited"

run 0 "v2 with --baseline-dir v1: exit 0" "$bin" batch in -o v2 --baseline-dir v1 -j 2 -q
pdftotext v2/e01.pdf - 2>/dev/null | grep -q "Changes since the last version" &&
    ok "e01's PDF has the changes section" || bad "no changes section in e01's PDF"
csv=v2/portfolio.csv
python3 - "$csv" >"$tmp/csv.out" <<'PY'
import csv, sys
rows = {r["name"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
e1, e2 = rows["e01"], rows["e02"]
print("baseline", e1["baseline"])
print("e01_change", e1["cost_change"])
print("e02_change", e2["cost_change"])
print("end_was", e1["end_was"])
PY
has "$tmp/csv.out" "baseline v1/e01.json" "portfolio.csv names e01's baseline"
grep -q "^e01_change -\?[1-9]" "$tmp/csv.out" && ok "e01's cost changed in portfolio.csv" ||
    { bad "e01's cost_change"; cat "$tmp/csv.out"; }
has "$tmp/csv.out" "e02_change 0" "e02 unchanged: cost_change 0"
grep -q "^end_was 20[0-9][0-9]-Q[1-4]$" "$tmp/csv.out" && ok "end_was is a quarter" ||
    bad "end_was: $(grep end_was "$tmp/csv.out")"
pdftotext -layout v2/portfolio.pdf - 2>/dev/null | tr -s ' \n' ' ' >"$tmp/pf.txt"
has "$tmp/pf.txt" "(e01.yaml)" "the portfolio names each input file"
grep -q "£1,[0-9,]* (.£[0-9,]*)" "$tmp/pf.txt" && ok "the portfolio shows e01's change in cost" ||
    bad "no change in cost in the portfolio PDF"

run 0 "v2 again: exit 0" "$bin" batch in -o v2 --baseline-dir v1 -j 2
[ "$(count_status v2 skipped)" = 3 ] && ok "v2 again: all skipped" ||
    bad "v2 again: $(count_status v2 skipped) skipped"
cp v1/e03.json v1/e01.json
run 0 "v1/e01.json changed: exit 0" "$bin" batch in -o v2 --baseline-dir v1 -j 2
[ "$(mf status v2 | awk '$1 == "e01" { print $2 }')" = done ] &&
    [ "$(count_status v2 skipped)" = 2 ] &&
    ok "a changed baseline renders its input again, only it" || { bad "after the baseline changed"; statuses v2 | show; }

printf '{"format": "waymark-plan/1", "initiatives": [' >v1/e02.json
run 1 "a damaged baseline: exit 1" "$bin" batch in -o v3 --baseline-dir v1 -j 2 -q
[ "$(count_status v3 failed)" = 1 ] && [ "$(count_status v3 done)" = 2 ] &&
    ok "the damaged baseline fails its input only" || { bad "damaged baseline"; statuses v3 | show; }
mf get v3 e02 error >"$tmp/e02.err"
has "$tmp/e02.err" "not valid JSON" "its error says the baseline is not valid JSON"

run 2 "--baseline-dir naming a file: exit 2" "$bin" batch in -o v4 --baseline-dir in/e01.yaml
has "$tmp/stderr" "is not a folder" "--baseline-dir: says it is not a folder"
pdfs_valid v2 "v2"
no_temps v2 "v2"
finish
