#!/bin/sh
# batch.sh - the batch benchmark: N sample-sized engagements (the three
# samples, each client renamed, in turn) rendered by `waymark batch` with
# -j 1 and -j 2 (or JOBS), every run with --force so each input is
# rendered; prints engagements a second, the speed-up over -j 1, and the
# re-run time when everything is up to date.
#
#   bench/batch.sh BUILD_DIR            (N=200 by default; N=50 bench/batch.sh …)
#
# Use a Release build.  Figures go to stdout as a table; the engagements
# and outputs stay in BUILD_DIR/bench-batch/ for a look.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: bench/batch.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-200}
JOBS=${JOBS:-"1 2"}
WM=$B/waymark
if [ ! -x "$WM" ]; then
    echo "batch.sh: $WM is missing; build it with cmake --build $B --target waymark" >&2
    exit 1
fi
DATA=$B/bench-batch
rm -rf "$DATA"
mkdir -p "$DATA/in"
ln -s "$SRC/samples/assets" "$DATA/in/assets"
export SOURCE_DATE_EPOCH=1795000000

i=0
while [ "$i" -lt "$N" ]; do
    for s in saas-scaleup regulated-insurer troubled-delivery; do
        [ "$i" -lt "$N" ] || break
        i=$((i + 1))
        name=$(printf 'client-%04d' "$i")
        sed "s/^  name: .*/  name: \"Client $i Ltd\"/" "$SRC/samples/$s.yaml" >"$DATA/in/$name.yaml"
    done
done

now() { date +%s%N; }
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$B/CMakeCache.txt" 2>/dev/null || echo "?")
echo "waymark batch: $N engagements (the three samples in turn), $(nproc) CPUs, $BUILD_TYPE build"
echo
printf '%-8s %10s %14s %10s\n' "jobs" "seconds" "per second" "speed-up"
base=""
for j in $JOBS; do
    rm -rf "$DATA/out-$j"
    t0=$(now)
    "$WM" batch "$DATA/in" -o "$DATA/out-$j" -j "$j" --force -q
    t1=$(now)
    ms=$(((t1 - t0) / 1000000))
    rate=$(awk -v n="$N" -v ms="$ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')
    [ -n "$base" ] || base=$ms
    up=$(awk -v a="$base" -v b="$ms" 'BEGIN { printf "%.2fx", a / b }')
    printf '%-8s %10s %14s %10s\n' "-j $j" "$(awk -v ms="$ms" 'BEGIN { printf "%.2f", ms / 1000 }')" "$rate" "$up"
done
last=$(echo "$JOBS" | awk '{ print $NF }')
# Byte-identical whatever -j: every PDF and the portfolio.
for j in $JOBS; do
    for f in "$DATA/out-$last"/*.pdf "$DATA/out-$last/portfolio.csv"; do
        if ! cmp -s "$f" "$DATA/out-$j/$(basename "$f")"; then
            echo "batch.sh: $(basename "$f") differs between -j $j and -j $last" >&2
            exit 1
        fi
    done
done
t0=$(now)
"$WM" batch "$DATA/in" -o "$DATA/out-$last" -j "$last" -q
t1=$(now)
echo
echo "re-run with everything up to date (-j $last): $(((t1 - t0) / 1000000)) ms"
echo "outputs byte-identical for -j $(echo "$JOBS" | sed 's/ / and -j /g')"
