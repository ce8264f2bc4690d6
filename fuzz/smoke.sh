#!/bin/sh
# smoke.sh FUZZER [SECONDS] - a short libFuzzer run seeded with
# fuzz/corpus/NAME/ for fuzz_NAME when there is one (fuzz/corpus/font), else
# with the samples and the diagnostics cases; fails on any crash, leak,
# sanitizer report or input slower than 2 s.
set -eu
fuzzer=$1 seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
name=$(basename "$fuzzer")
dict=""
if [ -d "$here/corpus/${name#fuzz_}" ]; then # seeds of its own (fuzz/corpus/font)
    cp "$here/corpus/${name#fuzz_}"/* "$corpus"/
else
    cp "$here"/../samples/*.yaml "$here"/../tests/diag/*.yaml "$corpus"/ 2>/dev/null || true
    dict="-dict=$here/yaml.dict"
fi
"$fuzzer" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=1024 -max_len=16384 \
    $dict -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
