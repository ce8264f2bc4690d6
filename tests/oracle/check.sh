#!/bin/sh
# check.sh WAYMARK PYTHON FILE.yaml - waymark's plan against oracle.py, an
# independent implementation of method.md written from the spec alone:
# exact for text, 1e-9 relative for numbers, sampling tolerance for the
# Monte Carlo (compare.py).
set -u
bin=$1 py=$2 file=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" plan "$file" >"$tmp/waymark.json" || exit 1
PYTHONDONTWRITEBYTECODE=1 "$py" "$here/oracle.py" "$file" >"$tmp/oracle.json" || exit 1
PYTHONDONTWRITEBYTECODE=1 "$py" "$here/compare.py" "$tmp/waymark.json" "$tmp/oracle.json" \
    --ignore "initiatives[*].score_inputs.effort_days"  # extra intermediate (plan.md allows more)
