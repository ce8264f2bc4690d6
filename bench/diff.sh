#!/bin/sh
# diff.sh - what `waymark diff` costs beside `waymark plan`: two versions of
# a 600-initiative engagement (tests/document/gen_large.py 600 12; the
# second with every tenth initiative's estimate doubled and one initiative
# renamed), timed as
#   plan      waymark plan OLD.yaml                       (one plan)
#   yaml      waymark diff OLD.yaml NEW.yaml              (two plans + the diff)
#   json      waymark diff OLD.json NEW.json              (the diff alone)
# each the best of RUNS runs (default 5), with the ratios to one plan.
#
#   bench/diff.sh BUILD_DIR
#
# Use a Release build.  See bench/README.md.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: bench/diff.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
WM=$B/waymark
[ -x "$WM" ] || { echo "diff.sh: no $WM: build it first" >&2; exit 2; }
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
export SOURCE_DATE_EPOCH=1795000000

python3 "$SRC/tests/document/gen_large.py" 600 12 >"$D/old.yaml"
python3 - "$D/old.yaml" "$D/new.yaml" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
count = [0]
def double(m):
    count[0] += 1
    if count[0] % 10:
        return m.group(0)
    return re.sub(r"\[([0-9, ]+)\]",
                  lambda n: "[" + ", ".join(str(2 * int(x)) for x in n.group(1).split(",")) + "]",
                  m.group(0))
text = re.sub(r"\n    effort: \{[^}]*\}", double, text)
text = text.replace('title: "Initiative 1:', 'title: "Initiative one:', 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
"$WM" plan "$D/old.yaml" >"$D/old.json"
"$WM" plan "$D/new.yaml" >"$D/new.json"

# best RUNS COMMAND...: the least wall time of RUNS runs, in ms.
best() {
    b=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
        t1=$(date +%s%N)
        t=$(((t1 - t0) / 1000000))
        [ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
        i=$((i + 1))
    done
    echo "$b"
}
plan=$(best "$WM" plan "$D/old.yaml")
yaml=$(best "$WM" diff "$D/old.yaml" "$D/new.yaml")
json=$(best "$WM" diff "$D/old.json" "$D/new.json")
changed=$("$WM" diff --format json "$D/old.json" "$D/new.json" | python3 -c \
    'import json,sys; d=json.load(sys.stdin); print(len(d["initiatives"]))')
printf '600 initiatives, 12 quarters; %s initiative records in the diff\n' "$changed"
printf '%-40s %8s %8s\n' "run" "ms" "x plan"
printf '%-40s %8d %8s\n' "plan OLD.yaml" "$plan" "1.00"
printf '%-40s %8d %8s\n' "diff OLD.yaml NEW.yaml (plans both)" "$yaml" \
    "$(awk -v a="$yaml" -v b="$plan" 'BEGIN { printf "%.2f", a / b }')"
printf '%-40s %8d %8s\n' "diff OLD.json NEW.json (the diff alone)" "$json" \
    "$(awk -v a="$json" -v b="$plan" 'BEGIN { printf "%.2f", a / b }')"
