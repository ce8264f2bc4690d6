#!/bin/sh
# manifest.sh - what reading back OUTDIR/manifest.jsonl costs a batch: the
# wall-clock time and peak resident memory of `waymark batch` over three
# up-to-date engagements when the manifest also holds
#
#   keys-N       one extra line: a record whose deps object has N keys
#                (10,000, 100,000 and 1,000,000)
#   records-150  old records of the usual size (other names), 150 MB in all
#   line-150     one extra line of 150 MB (a deps object of ~1.9M keys)
#
# and, for comparison, the manifest as the batch wrote it.  Each run is
# stopped after LIMIT seconds (default 300).  The three real records must
# still be trusted (3 skipped) unless the row says otherwise.
#
#   bench/manifest.sh BUILD_DIR
#
# Use a Release build.  Needs python3, GNU time (/usr/bin/time) and timeout.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: bench/manifest.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
LIMIT=${LIMIT:-300}
WM=$B/waymark
[ -x "$WM" ] || { echo "manifest.sh: $WM is missing" >&2; exit 1; }
B=$(cd "$B" && pwd)
WM=$B/waymark
DATA=$B/bench-manifest
rm -rf "$DATA"
mkdir -p "$DATA/in"
cp -R "$SRC/samples/assets" "$DATA/in/assets"
export SOURCE_DATE_EPOCH=1795000000 WAYMARK_DATA_DIR="$SRC"
for s in saas-scaleup regulated-insurer troubled-delivery; do
    cp "$SRC/samples/$s.yaml" "$DATA/in/$s.yaml"
done
cd "$DATA"
"$WM" batch in -o base -j 2 -q

# with_extra NAME: base/ copied to NAME/ with extra lines in its manifest.
with_extra() {
    rm -rf "$1"
    cp -R base "$1"
    python3 - "$1/manifest.jsonl" "$2" <<'EOF'
import json, sys
path, kind = sys.argv[1], sys.argv[2]
real = open(path).read().splitlines()
rec = json.loads(real[0])
with open(path, "a") as f:
    if kind.startswith("keys-"):
        n = int(kind[5:])
        deps = ",".join('"/old/k%07d":"%s"' % (i, "0" * 64) for i in range(n))
        f.write('{"name":"old","deps":{%s}}\n' % deps)
    elif kind == "records-150":
        total = 0
        i = 0
        while total < 150_000_000:
            rec["name"] = rec["input"] = "old-%06d" % i
            line = json.dumps(rec, separators=(",", ":")) + "\n"
            f.write(line)
            total += len(line)
            i += 1
    elif kind == "line-150":
        n = 150_000_000 // 80
        deps = ",".join('"/old/k%07d":"%s"' % (i, "0" * 64) for i in range(n))
        f.write('{"name":"old","deps":{%s}}\n' % deps)
EOF
}

printf '%-12s %10s %10s %12s %9s\n' "manifest" "MB" "seconds" "peak MB" "skipped"
for kind in real keys-10000 keys-100000 keys-1000000 records-150 line-150; do
    if [ "$kind" = real ]; then rm -rf real && cp -R base real; else with_extra "$kind" "$kind"; fi
    mb=$(awk -v b="$(wc -c <"$kind/manifest.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')
    set +e
    /usr/bin/time -f '%e %M' -o time.txt timeout "$LIMIT" "$WM" batch in -o "$kind" -j 2 -q \
        2>"$kind.stderr"
    rc=$?
    set -e
    if [ "$rc" = 124 ]; then
        printf '%-12s %10s %10s %12s %9s\n' "$kind" "$mb" ">$LIMIT" "-" "killed"
        continue
    fi
    secs=$(tail -1 time.txt | awk '{ print $1 }')
    peak=$(tail -1 time.txt | awk '{ printf "%.0f", $2 / 1024 }')
    skipped=$(grep -c '"status":"skipped"' "$kind/manifest.jsonl" || true)
    printf '%-12s %10s %10s %12s %9s\n' "$kind" "$mb" "$secs" "$peak" "$skipped"
    rm -rf "$kind"
done
