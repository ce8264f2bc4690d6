#!/bin/sh
# smoke.sh FUZZER [SECONDS] - a short libFuzzer run seeded with the samples
# and the diagnostics cases; fails on any crash, leak, sanitizer report or
# input slower than 2 s.
set -eu
fuzzer=$1 seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$here"/../samples/*.yaml "$here"/../tests/diag/*.yaml "$corpus"/ 2>/dev/null || true
"$fuzzer" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=1024 -max_len=16384 \
    -dict="$here/yaml.dict" -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
