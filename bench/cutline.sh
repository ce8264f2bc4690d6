#!/bin/sh
# cutline.sh BUILD_DIR [N] - the cost of the cut line (docs/method.md, "The
# cut line") on a generated engagement of N initiatives (default 600):
# `waymark plan` with the budget above the cost (no cut line), then 5%, 20%
# and 50% under it, each with WAYMARK_TIMINGS to count the re-plans.
# Prints one row per budget: the plan's wall time, the cut lines' time, the
# re-plans and trials, and the line's size.  Needs gen_engagement (built
# here), python3 and GNU date.
set -eu
build=$1 n=${2:-600}
src=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$build" --target gen_engagement waymark >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/gen_engagement" "$n" 1 >"$tmp/base.yaml"
cost=$("$build/waymark" plan "$tmp/base.yaml" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["cost"])')
printf '%-8s %10s %10s %8s %8s %6s %6s\n' budget "plan ms" "cut ms" re-plans trials ids held
for share in 2 0.95 0.8 0.5; do
    total=$(python3 -c "print(int($cost * $share))")
    sed "s/^  total: .*/  total: $total/" "$tmp/base.yaml" >"$tmp/e.yaml"
    t0=$(date +%s%N)
    "$build/waymark" plan "$tmp/e.yaml" >"$tmp/plan.json"
    t1=$(date +%s%N)
    cut=$(WAYMARK_TIMINGS=1 "$build/waymark" plan "$tmp/e.yaml" 2>&1 >/dev/null | grep 'cut lines' || true)
    ms=$(echo "$cut" | awk '{print $5}')
    replans=$(echo "$cut" | sed -n 's/.*(\([0-9]*\) re-plans for \([0-9]*\) trials).*/\1 \2/p')
    size=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cut_line"]; print(*(len(c["ids"]), len(c["held"])) if c else ("-", "-"))' "$tmp/plan.json")
    printf '%-8s %10d %10s %8s %8s %6s %6s\n' "x$share" $(((t1 - t0) / 1000000)) "${ms:--}" \
        $(echo "${replans:-- -}") $size
done
