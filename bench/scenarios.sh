#!/bin/sh
# scenarios.sh - the scenarios benchmark: `waymark plan` of an engagement
# with five scenarios against the same engagement alone (engagement.md,
# "scenarios"), on samples/saas-scaleup.yaml and on a generated engagement of
# 200 initiatives; prints the median wall times and their ratio.  The
# target is a ratio under 5: six plans (the base and five scenarios) for
# less than five times the cost of one.
#
#   bench/scenarios.sh BUILD_DIR
#
# Environment: RUNS (runs per file, default 11).  Use a Release build for
# figures worth comparing.  See bench/README.md, "Scenarios (issue 17)".
set -eu

if [ $# -ne 1 ]; then
    echo "usage: bench/scenarios.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-11}
for tool in gen_engagement waymark; do
    if [ ! -x "$B/$tool" ]; then
        echo "scenarios.sh: $B/$tool is missing; build it with cmake --build $B --target $tool" >&2
        exit 1
    fi
done
DATA=$B/bench-data/scenarios
mkdir -p "$DATA"

# "WALL CPU": the medians, in milliseconds, of RUNS runs of `waymark plan
# FILE`: wall-clock time, and the CPU time (user and system) the process
# used, which a machine busy with other work disturbs far less.
plan_ms() {
    python3 - "$B/waymark" "$1" "$RUNS" <<'PY'
import resource, subprocess, sys, time
wm, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
wall, cpu = [], []
for _ in range(runs):
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([wm, "plan", path], stdout=subprocess.DEVNULL, check=True)
    t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    wall.append((t1 - t0) * 1e3)
    cpu.append((r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1e3)
med = lambda v: sorted(v)[len(v) // 2]
print("%.1f %.1f" % (med(wall), med(cpu)))
PY
}

# The sample without its own scenarios, and with five.
sed '/^# The board/,$d' "$SRC/samples/saas-scaleup.yaml" >"$DATA/saas.yaml"
cp -r "$SRC/samples/assets" "$DATA/" 2>/dev/null || true
{
    cat "$DATA/saas.yaml"
    cat <<'EOF'
scenarios:
  - { id: S2, name: Budget +20%, set: { budget.total: 1500000, team.platform.capacity: 110 } }
  - { id: S3, name: One more engineer, set: { team.engineer.capacity: 160 } }
  - { id: S4, name: Budget -20%, set: { budget.total: 1000000 }, exclude: [DATA-02] }
  - { id: S5, name: Two more years, set: { engagement.quarters: 12 } }
  - id: S6
    name: Enterprise first
    set: { initiatives.TEN-02.moscow: must, initiatives.TEN-03.moscow: must }
EOF
} >"$DATA/saas-5.yaml"

"$B/gen_engagement" 200 1 >"$DATA/gen200.yaml"
{
    cat "$DATA/gen200.yaml"
    cat <<'EOF'
scenarios:
  - { id: S2, name: Budget +20%, set: { budget.total: 15120000 } }
  - { id: S3, name: More engineers, set: { team.engineer.capacity: 300 } }
  - { id: S4, name: No contractor, set: { team.contractor.capacity: 0 } }
  - { id: S5, name: Longer, set: { engagement.quarters: 14 } }
  - { id: S6, name: Smaller cap, set: { budget.per_quarter: 900000 }, exclude: [INI-0007] }
EOF
} >"$DATA/gen200-5.yaml"

printf '%-10s %22s %22s %14s\n' "" "base: wall / CPU ms" "5 scenarios: wall / CPU" "ratio wall/CPU"
for name in saas gen200; do
    set -- $(plan_ms "$DATA/$name.yaml") $(plan_ms "$DATA/$name-5.yaml")
    ratio=$(awk -v a="$1" -v b="$3" -v c="$2" -v d="$4" 'BEGIN { printf "%.2fx / %.2fx", b / a, d / c }')
    printf '%-10s %22s %22s %14s\n' "$name" "$1 / $2" "$3 / $4" "$ratio"
done
