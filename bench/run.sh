#!/bin/sh
# run.sh - the load benchmark: generate engagement files of 100, 1,000 and
# 5,000 initiatives, time wm_engagement_load on each in process (bench_load)
# and `waymark validate --quiet` end to end, and print a table.
#
#   bench/run.sh BUILD_DIR
#
# Builds gen_engagement, bench_load and waymark in BUILD_DIR first unless
# WM_BENCH_NO_BUILD=1 (the `bench` CMake target sets it, having built them).
# Environment: LOADS (in-process loads per file, default 50), RUNS (CLI runs
# per file, default 20), SEED (generator seed, default 1).  Use a Release
# build for figures worth comparing.  See bench/README.md.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: bench/run.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
LOADS=${LOADS:-50}
RUNS=${RUNS:-20}
SEED=${SEED:-1}
SIZES="100 1000 5000"

if [ ! -f "$B/CMakeCache.txt" ]; then
    echo "run.sh: $B is not a configured build directory" >&2
    echo "  cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF" >&2
    exit 2
fi
if [ "${WM_BENCH_NO_BUILD:-0}" != 1 ]; then
    cmake --build "$B" --target gen_engagement bench_load bench_plan bench_render waymark >&2
fi
for tool in gen_engagement bench_load bench_plan bench_render waymark; do
    if [ ! -x "$B/$tool" ]; then
        echo "run.sh: $B/$tool is missing; build it with cmake --build $B --target $tool" >&2
        exit 1
    fi
done
case $(date +%s%N) in
*[!0-9]*)
    echo "run.sh: 'date +%s%N' does not give nanoseconds here (GNU date needed)" >&2
    exit 1
    ;;
esac

BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$B/CMakeCache.txt")
DATA=$B/bench-data
mkdir -p "$DATA"

# Median of the numbers on stdin (nanoseconds), printed in milliseconds.
median_ms() {
    sort -n | awk '{ v[NR] = $1 }
        END { if (NR == 0) exit 1
              m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.2f", m / 1e6 }'
}

# Median wall time of RUNS runs of `waymark validate --quiet FILE`, process
# start included, measured with date +%s%N around each run.
time_validate() {
    : >"$DATA/samples"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        t0=$(date +%s%N)
        if ! "$B/waymark" validate --quiet "$1" >/dev/null 2>"$DATA/validate.err"; then
            echo "run.sh: waymark validate failed on $1:" >&2
            cat "$DATA/validate.err" >&2
            return 1
        fi
        t1=$(date +%s%N)
        echo $((t1 - t0)) >>"$DATA/samples"
        i=$((i + 1))
    done
    median_ms <"$DATA/samples"
}

# The cost of the measurement itself: two date runs around nothing.
time_nothing() {
    : >"$DATA/samples"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        t0=$(date +%s%N)
        t1=$(date +%s%N)
        echo $((t1 - t0)) >>"$DATA/samples"
        i=$((i + 1))
    done
    median_ms <"$DATA/samples"
}

FILES=
for n in $SIZES; do
    f=$DATA/ini-$n.yaml
    "$B/gen_engagement" "$n" "$SEED" >"$f"
    FILES="$FILES $f"
done

# In process: size KB, initiatives, median and min ms, heap bytes, bytes/initiative.
# shellcheck disable=SC2086 # FILES is a list of paths without spaces
"$B/bench_load" -t -n "$LOADS" $FILES >"$DATA/load.tsv"

: >"$DATA/cli.tsv"
for f in $FILES; do
    ms=$(time_validate "$f") || exit 1
    printf '%s\t%s\n' "$f" "$ms" >>"$DATA/cli.tsv"
done
OVERHEAD=$(time_nothing)

echo
echo "Waymark load benchmark: $(uname -sm), $(nproc 2>/dev/null || echo '?') cores," \
    "build type ${BUILD_TYPE:-unset}, seed $SEED"
echo "In-process: $LOADS loads per file (bench_load).  CLI: $RUNS runs per file" \
    "(waymark validate --quiet, process start included)."
echo
awk -F '\t' -v overhead="$OVERHEAD" '
    FNR == NR { cli[$1] = $2; next }
    FNR == 1 {
        printf "%-14s %8s %11s %10s %9s %9s %8s %10s\n", "file", "size KB", "initiatives",
               "load med", "load min", "heap KB", "B/init", "CLI med"
        printf "%-14s %8s %11s %10s %9s %9s %8s %10s\n", "", "", "", "ms", "ms", "", "", "ms"
    }
    {
        name = $1; sub(/.*\//, "", name)
        printf "%-14s %8.1f %11d %10.2f %9.2f %9.1f %8d %10.2f\n", name, $2, $3, $4, $5,
               $6 / 1024, $7, cli[$1]
        n[FNR] = $3; bpi[FNR] = $7; kb[FNR] = $2; med[FNR] = $4; path[FNR] = $1; rows = FNR
    }
    END {
        printf "\nCLI figures include about %.2f ms of timing overhead (two date runs).\n",
               overhead
        for (i = 1; i <= rows; i++)
            if (n[i] == 1000)
                printf "Target, 1,000 initiatives: ~350 KB and < 15 ms -> %.1f KB, %.2f ms in" \
                       " process, %.2f ms CLI\n", kb[i], med[i], cli[path[i]]
        if (rows >= 2 && bpi[1] > 0)
            printf "Target, linear memory: bytes per initiative %d (%d) -> %d (%d), x%.2f\n",
                   bpi[1], n[1], bpi[rows], n[rows], bpi[rows] / bpi[1]
    }' "$DATA/cli.tsv" "$DATA/load.tsv"

# ---- the plan stage: the plugin pipeline, Monte Carlo included ----
echo
echo "Plan (bench_plan): whole plugin pipeline, 10,000-iteration Monte Carlo included."
"$B/gen_engagement" 600 "$SEED" >"$DATA/ini-600.yaml"
"$B/bench_plan" -n "${PLANS:-7}" "$SRC"/samples/*.yaml "$DATA/ini-100.yaml" "$DATA/ini-600.yaml" \
    "$DATA/ini-1000.yaml"
echo "Target: 1,000 initiatives under 150 ms; sandbox set-up well under 1 ms."

# ---- render: plugins, document, layout and PDF (in memory) ----
echo
echo "Render (bench_render): the whole job but the file write; peak memory of one render."
"$B/gen_engagement" 12 "$SEED" >"$DATA/ini-12.yaml"
"$B/bench_render" -n "${RENDERS:-7}" "$DATA/ini-12.yaml" "$SRC"/samples/*.yaml "$DATA/ini-100.yaml" \
    "$DATA/ini-600.yaml"
