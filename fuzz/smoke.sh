#!/bin/sh
# smoke.sh FUZZER [SECONDS] - a short libFuzzer run seeded with the samples
# and the diagnostics cases (fuzz_manifest: the manifests in fuzz/manifest);
# fails on any crash, leak, sanitizer report or input slower than 2 s.
set -eu
fuzzer=$1 seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$corpus" "$log"' EXIT
case $(basename "$fuzzer") in
fuzz_manifest)
    cp "$here"/manifest/* "$corpus"/
    dict=$here/json.dict
    ;;
*)
    cp "$here"/../samples/*.yaml "$here"/../tests/diag/*.yaml "$corpus"/ 2>/dev/null || true
    dict=$here/yaml.dict
    ;;
esac
rc=0
"$fuzzer" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=1024 -max_len=16384 \
    -dict="$dict" -print_final_stats=1 "$corpus" >"$log" 2>&1 || rc=$?
tail -n 12 "$log"
exit "$rc"
