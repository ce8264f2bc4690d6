#!/bin/sh
# run_all.sh WAYMARK [DIR [JOBS]]
#
# Runs every case of the sandbox catalogue (DIR/cases/*.expect, DIR
# defaulting to this script's folder) through run_case.sh, JOBS at a time
# (default 2), and prints each case's report followed by a summary.  Exits 1
# if any case failed.
set -u
bin=${1:?usage: run_all.sh WAYMARK [DIR [JOBS]]}
here=$(cd "$(dirname "$0")" && pwd)
dir=${2:-$here}
jobs=${3:-2}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

out=$(mktemp -d "${TMPDIR:-/tmp}/wm-sandbox-all.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT

# shellcheck disable=SC2016 # the single-quoted script is expanded by sh -c
for f in "$dir"/cases/*.expect; do
    basename "$f" .expect
done | xargs -P "$jobs" -I{} sh -c \
    'sh "$1" "$2" "$3" "$4" > "$5/$4.log" 2>&1' sh "$here/run_case.sh" "$bin" "$dir" {} "$out"

pass=0 fail=0 failed=
for log in "$out"/*.log; do
    cat "$log"
    name=$(basename "$log" .log)
    if head -n 1 "$log" | grep -q '^ok '; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        failed="$failed $name"
    fi
done
echo "sandbox cases: $pass passed, $fail failed"
[ $fail -eq 0 ] || echo "failed:$failed"
[ $fail -eq 0 ]
