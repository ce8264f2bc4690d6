#!/bin/sh
# smoke.sh FUZZER [SECONDS] - a short libFuzzer run; fails on any crash,
# leak, sanitizer report or input slower than the timeout.  The corpus of
# fuzz_NAME is fuzz/corpus/NAME/ when it exists (with fuzz/NAME.dict as its
# dictionary when there is one), else the samples and the diagnostics cases
# with the YAML dictionary (fuzz_load).
set -eu
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
fuzzer=$1 seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$fuzzer")
corpus=$(mktemp -d) log=$(mktemp)
trap 'rm -rf "$corpus" "$log"' EXIT
short=${name#fuzz_}
if [ -d "$here/corpus/$short" ]; then
    cp "$here/corpus/$short"/* "$corpus"/
    dict=
    [ -f "$here/$short.dict" ] && dict=-dict=$here/$short.dict
    timeout=10 max_len=4096
else
    cp "$here"/../samples/*.yaml "$here"/../tests/diag/*.yaml "$corpus"/ 2>/dev/null || true
    dict=-dict=$here/yaml.dict
    timeout=2 max_len=16384
fi
# The fuzzer's own status decides (a pipe into tail would hide it).
st=0
"$fuzzer" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len" \
    $dict -print_final_stats=1 "$corpus" >"$log" 2>&1 || st=$?
tail -n 12 "$log"
[ "$st" = 0 ] || { grep -m1 -A20 -e '^==[0-9]*==ERROR' -e 'runtime error' -e 'ALARM' "$log" || true; echo "smoke.sh: $name failed (exit $st)"; }
exit "$st"
