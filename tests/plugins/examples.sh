#!/bin/sh
# examples.sh WAYMARK SOURCE_DIR - the example plugins in samples/plugins:
# `waymark test-plugin` passes on each (every test/*.yaml against its
# expected result), and `waymark render` on each example engagement writes a
# valid PDF showing what the plugin adds: the "AI readiness" section with its
# score and recommendations, and the "Cost of delay" section with the CD3
# ranking (which is also the plan's order, method "cd3").
set -u
bin=$1 src=$2
. "$(dirname "$0")/lib.sh"
ex=$src/samples/plugins

for p in ai_readiness cost_of_delay; do
    run 0 "test-plugin $p passes" "$bin" test-plugin "$ex/$p"
    has "$tmp/out" "0 failed" "test-plugin $p reports no failure"
    [ "$(grep -c '^PASS ' "$tmp/out")" -ge 3 ] && ok "$p has at least three tests, all passing" ||
        { bad "$p: fewer than three PASS lines"; show "$tmp/out"; }
    run 0 "render the $p example engagement" "$bin" render "$ex/$p/test/engagement.yaml" \
        -o "$tmp/$p.pdf" --json "$tmp/$p.json"
    if qpdf --check "$tmp/$p.pdf" >"$tmp/qpdf" 2>&1; then ok "$p: qpdf --check"; else
        bad "$p: qpdf --check fails"
        show "$tmp/qpdf"
    fi
    pdf_text "$tmp/$p.pdf" "$tmp/$p.txt"
done

# ---- ai_readiness: the section, after the assessment, with its parts ----
t=$tmp/ai_readiness.txt
has "$t" "AI readiness is 75%: ready for pilots." "the readiness score and stage are shown"
has "$t" "Readiness at target" "the key figures are shown"
has "$t" "Maturity against the level AI needs" "the chart is drawn"
has "$t" "Gap to AI-ready" "the table by area is shown"
has "$t" "1. Data (1.5 of 3):" "the first recommendation is the largest weighted gap"
has "$t" "On the roadmap: I3 Stock and pricing API" "recommendations name the roadmap's initiatives"
# The section follows the assessment and comes before the initiatives.
order=$(grep -n -e '^Current-state assessment$' -e '^AI readiness$' -e '^Prioritised initiatives$' \
    "$t" | sed 's/^[0-9]*://' | tr '\n' '|')
case $order in
*"Current-state assessment|AI readiness|Prioritised initiatives|"*)
    ok "AI readiness sits between the assessment and the initiatives" ;;
*) bad "section order in the PDF: $order" ;;
esac

# ---- cost_of_delay: the CD3 ranking in the PDF and in the plan ----
t=$tmp/cost_of_delay.txt
has "$t" "Initiatives are ranked by CD3" "the Cost of delay section explains CD3"
has "$t" "£39,500 a week" "the roadmap's cost of delay a week is shown"
has "$t" "One quarter's wait for everything" "a quarter's wait is costed"
# The section's table: ranks 1..5 in CD3 order I3, I1, I2, I5, I4.
sed -n '/^ *Cost of delay$/,/^ *Cost of delay a week, in rank order/p' "$t" |
    sed -n 's/^ *\([1-5]\)  *\(I[0-9]\) .*/\1 \2/p' | tr '\n' ' ' >"$tmp/ranking"
if [ "$(cat "$tmp/ranking")" = "1 I3 2 I1 3 I2 4 I5 5 I4 " ]; then
    ok "the PDF ranks by CD3: I3, I1, I2, I5, I4"
else
    bad "the PDF's cost-of-delay ranking is '$(cat "$tmp/ranking")'"
fi
ids=$(tr -d ' \n' <"$tmp/cost_of_delay.json" | grep -o '"id":"I[0-9]","title"' | cut -d'"' -f4 |
    tr '\n' ' ')
[ "$ids" = "I3 I1 I2 I5 I4 " ] && ok "the plan's initiatives are in CD3 order" ||
    bad "the plan's order is '$ids'"
grep -q '"method": *"cd3"' "$tmp/cost_of_delay.json" && ok "the plan records method cd3" ||
    bad "no method cd3 in the plan"

# ---- a plugin config problem is reported as the validate hook's error ----
run 1 "cost_of_delay's bad config stops the plan" "$bin" plan \
    "$ex/cost_of_delay/test/bad_config.yaml"
has "$tmp/err" "config.per_week[2]: no initiative has the id 'I9' (plugin 'cost_of_delay')" \
    "the unknown id is named"

exit $fail
