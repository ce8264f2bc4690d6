#!/bin/sh
# narrative_load.sh BUILD_DIR - `waymark validate` on engagements of 5,000
# initiatives (gen_engagement) whose narrative is hostile to the checks of
# its placeholders, each timed once (bench/README.md, "The narrative markup"):
#
#   ids      2,700 lines, each naming two initiatives by id (placeholders
#            resolved against the ids)
#   unknown  9,000 unknown placeholders (every one an error)
#   long     one malformed placeholder of 190 KB
#   links    10,000 links to a scheme that is not allowed
#   none     the same engagement without a narrative, for comparison
#
# Linear checks keep all of them within a small factor of `none`.
set -eu
build=${1:?usage: narrative_load.sh BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/gen_engagement" 5000 >"$tmp/none.yaml"
ids=$(grep -o '^  - id: INI-[0-9]*' "$tmp/none.yaml" | sed 's/.*: //' | tail -n 2700)
{
    cat "$tmp/none.yaml"
    printf 'narrative:\n  notes:\n    appendix: |\n'
    for i in $ids; do
        printf '      - %s {{initiative.%s.end}} **{{initiative.%s.cost}}**\n' "$i" "$i" "$i"
    done
} >"$tmp/ids.yaml"
{
    cat "$tmp/none.yaml"
    printf 'narrative:\n  summary: |\n'
    awk 'BEGIN { for (i = 0; i < 9000; i++) print "    x {{totals.cots}} y" }'
} >"$tmp/unknown.yaml"
{
    cat "$tmp/none.yaml"
    printf 'narrative:\n  summary: |\n    {{ '
    awk 'BEGIN { for (i = 0; i < 95000; i++) printf "a "; print "}}" }'
} >"$tmp/long.yaml"
{
    cat "$tmp/none.yaml"
    printf 'narrative:\n  summary: |\n    '
    awk 'BEGIN { for (i = 0; i < 10000; i++) printf "[a](javascript:x) "; print "" }'
} >"$tmp/links.yaml"
printf '%-8s %8s %s\n' case seconds exit
for c in none ids unknown long links; do
    start=$(date +%s.%N)
    st=0
    "$build/waymark" validate --quiet "$tmp/$c.yaml" >/dev/null 2>&1 || st=$?
    end=$(date +%s.%N)
    printf '%-8s %8.2f %s\n' "$c" "$(echo "$end - $start" | bc)" "$st"
done
