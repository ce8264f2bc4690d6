#!/bin/sh
# new_plugin.sh WAYMARK - `waymark new-plugin` for every stage, into a fresh
# folder: the scaffold passes `waymark test-plugin` as written and renders
# (the document scaffold's section is in the PDF); a change to the plugin's
# output fails with a difference naming the path, the expected and the
# actual value; `--update` records the new result and the test passes again.
# Also: a plugin that fails is reported with the usual diagnostics, a second
# test engagement without its expected file fails until --update, and the
# plugin can be given as its .lua file.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1

# break STAGE FILE: change the plugin's output, keeping it valid.
break_output() {
    case $1 in
    validate) sed -i 's/ has no owner at the client/ has no owner/' "$2" ;;
    estimate) sed -i 's/default = 1\.2,/default = 1.5,/' "$2" ;;
    prioritise) sed -i 's/score = bv + weight \* tc,/score = bv + weight * tc + 1,/' "$2" ;;
    schedule) sed -i 's/default = 60\.0,/default = 40.0,/' "$2" ;;
    risks) sed -i 's|r\.score / 25|r.score / 20|' "$2" ;;
    playbook) sed -i 's/Monthly, in the delivery review/Weekly/' "$2" ;;
    document) sed -i 's/"Effort by initiative"/"Effort"/' "$2" ;;
    esac
}
# What the difference's path starts with, per stage.
diff_path() {
    case $1 in
    validate) echo "diagnostics[1].message: expected" ;;
    estimate) echo "plan.initiatives[id=I1].effort" ;;
    prioritise) echo "plan.initiatives[id=I1].score: expected 23, got 24" ;;
    schedule) echo "plan.initiatives[id=I" ;;
    risks) echo "plan.risks[id=R1].weighted_exposure: expected" ;;
    playbook) echo "plan.playbook.sections[id=documentation].items[id=decision_log].review: expected \"Monthly, in the delivery review\", got \"Weekly\"" ;;
    document) echo "document[id=p-document].blocks[3].title: expected \"Effort by initiative\", got \"Effort\"" ;;
    esac
}

for stage in validate estimate prioritise schedule risks playbook document; do
    d=work/p_$stage
    run 0 "new-plugin --stage $stage" "$bin" new-plugin "p_$stage" --stage "$stage" --dir "$d"
    for f in "p_$stage.lua" README.md test/engagement.yaml test/expected.json; do
        [ -f "$d/$f" ] || bad "$stage: $d/$f not written"
    done
    has "$tmp/out" "waymark test-plugin $d" "$stage: the output says how to test it"
    grep -n '@[A-Z_]*@' "$d/p_$stage.lua" "$d/README.md" "$d/test/engagement.yaml" >"$tmp/markers" &&
        { bad "$stage: markers left unfilled"; show "$tmp/markers"; }
    grep -q "\"stages\": \[\"$stage\"\]" "$d/test/expected.json" &&
        ok "$stage: the expected result is for the $stage stage" ||
        { bad "$stage: expected.json is not for $stage"; show "$d/test/expected.json"; }

    run 0 "$stage: test-plugin passes as generated" "$bin" test-plugin "$d"
    has "$tmp/out" "PASS $d/test/engagement.yaml" "$stage: the PASS line names the test"
    run 0 "$stage: the test engagement validates with --strict" \
        "$bin" validate --strict "$d/test/engagement.yaml"
    run 0 "$stage: the test engagement renders" "$bin" render "$d/test/engagement.yaml" \
        -o "$tmp/$stage.pdf"

    cp "$d/test/expected.json" "$tmp/expected.before"
    break_output "$stage" "$d/p_$stage.lua"
    run 1 "$stage: a changed output fails" "$bin" test-plugin "$d"
    has "$tmp/out" "FAIL $d/test/engagement.yaml" "$stage: the FAIL line names the test"
    has "$tmp/out" "$(diff_path "$stage")" "$stage: the difference shows path, expected, got"
    cmp -s "$d/test/expected.json" "$tmp/expected.before" && ok "$stage: a failing run changes nothing" ||
        bad "$stage: a failing run changed expected.json"
    run 0 "$stage: --update records the new result" "$bin" test-plugin --update "$d"
    has "$tmp/out" "updated $d/test/expected.json" "$stage: --update says what it wrote"
    run 0 "$stage: test-plugin passes after --update" "$bin" test-plugin "$d"
    run 0 "$stage: --update again changes nothing" "$bin" test-plugin "$d" --update
    has "$tmp/out" "same $d/test/expected.json" "$stage: an unchanged result is not rewritten"
done

# The document scaffold's section is in the PDF, after the summary.
pdf_text "$tmp/document.pdf" "$tmp/document.txt"
has "$tmp/document.txt" "P document" "the document scaffold's section is in the PDF"
has "$tmp/document.txt" "The roadmap for Northwind Logistics Ltd has 3 initiatives" \
    "its paragraph is in the PDF"
# The playbook scaffold's entry is in the PDF's documentation index.
pdf_text "$tmp/playbook.pdf" "$tmp/playbook.txt"
has "$tmp/playbook.txt" "Architecture decision log" "the playbook scaffold's entry is in the PDF"

# ---- the default stage is document; DIR defaults to ./NAME ----
run 0 "new-plugin NAME alone" "$bin" new-plugin readiness_view
[ -f readiness_view/readiness_view.lua ] && ok "DIR defaults to ./NAME" || bad "no ./readiness_view"
grep -q '"stages": \["document"\]' readiness_view/test/expected.json &&
    ok "the default stage is document" || bad "the default stage is not document"
run 0 "test-plugin on the .lua file" "$bin" test-plugin readiness_view/readiness_view.lua
run 0 "test-plugin from inside the folder" sh -c "cd readiness_view && '$bin' test-plugin ."

# ---- more tests: NAME.yaml with NAME.expected.json; _NAME.yaml is not a test ----
d=readiness_view
sed 's/quarters: 4/quarters: 6/' $d/test/engagement.yaml >$d/test/longer.yaml
cp $d/test/engagement.yaml $d/test/_fixture.yaml
run 1 "a test without its expected result fails" "$bin" test-plugin $d
has "$tmp/err" "no expected result for $d/test/longer.yaml" "the missing expected file is named"
has "$tmp/err" "--update" "the hint says how to record it"
run 0 "--update records it" "$bin" test-plugin --update $d
[ -f $d/test/longer.expected.json ] && ok "longer.expected.json written" || bad "no longer.expected.json"
[ -f $d/test/_fixture.expected.json ] && bad "_fixture.yaml was taken as a test" ||
    ok "_fixture.yaml is not a test"
run 0 "both tests pass" "$bin" test-plugin $d
has "$tmp/out" "2 passed, 0 failed" "the summary counts both"

# ---- a failing plugin: the usual diagnostics, exit 1 ----
sed -i 's/^local function document(plan, ctx)$/&\n  local boom = nil; boom = boom + 1/' $d/readiness_view.lua
run 1 "a plugin error fails the test" "$bin" test-plugin $d
has "$tmp/err" "plugin 'readiness_view' failed in its document hook" "the plugin error is reported"
has "$tmp/err" "attempt to perform arithmetic on a nil value" "with the Lua message"
has "$tmp/err" "stack traceback:" "and a traceback"

# ---- a corrupt expected file ----
d=work/p_risks
echo '{ "plugin": ' >$d/test/expected.json
run 1 "an expected file that is not JSON fails" "$bin" test-plugin $d
has "$tmp/err" "the expected result is not valid JSON" "the parse error is reported"

exit $fail
