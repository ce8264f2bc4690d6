#!/bin/sh
# run.sh WAYMARK SOURCE_DIR PYTHON FILE.yaml GOLDEN.doc
#
# The default document (plugins/document/standard.lua) for one engagement:
#
#   1. `waymark plan --format doc FILE.yaml` exits 0 and prints GOLDEN.doc
#      (the tree of sections and blocks, with paragraph and callout text);
#   2. a second run prints the same bytes (the plugin is deterministic);
#   3. check.py passes on every cell: the plugin runs once more with
#      probe.lua in place of standard.lua, which also returns the document
#      in the plan's JSON (see probe.lua), so the checks can read the tables.
#
# With WAYMARK_UPDATE_GOLDEN=1, step 1 writes GOLDEN.doc instead of
# comparing; review the diff before committing it.
#
# GOLDEN.doc may be "-" to skip steps 1 and 2 (generated inputs).
# Needs POSIX sh, diff and Python 3.  Prints ok/FAIL lines; exits 0 or 1.
set -u
if [ $# -ne 5 ]; then
    echo "usage: run.sh WAYMARK SOURCE_DIR PYTHON FILE.yaml GOLDEN.doc" >&2
    exit 2
fi
bin=$1 src=$2 py=$3 input=$4 golden=$5
here=$src/tests/document
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wm_document.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0
name=$(basename "$input" .yaml)

if [ "$golden" != "-" ]; then
    if ! "$bin" plan --format doc "$input" >"$tmp/doc" 2>"$tmp/err"; then
        echo "FAIL $name: waymark plan --format doc failed"
        sed 's/^/    /' "$tmp/err"
        exit 1
    fi
    if [ "${WAYMARK_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$tmp/doc" "$golden"
        echo "ok $name: wrote $golden"
    elif diff -u "$golden" "$tmp/doc" >"$tmp/diff"; then
        echo "ok $name: the document tree is as expected"
    else
        echo "FAIL $name: the document tree differs from $golden"
        sed 's/^/    /' "$tmp/diff"
        fail=1
    fi
    "$bin" plan --format doc "$input" >"$tmp/doc2" 2>/dev/null
    if cmp -s "$tmp/doc" "$tmp/doc2"; then
        echo "ok $name: byte-identical twice"
    else
        echo "FAIL $name: the document differs between runs"
        fail=1
    fi
fi

# The probe: a scratch plugins folder where document/standard is probe.lua
# and the real plugin is its private module _real.lua.
mkdir -p "$tmp/plugins/document"
cp "$src"/plugins/document/*.lua "$tmp/plugins/document/"
mv "$tmp/plugins/document/standard.lua" "$tmp/plugins/document/_real.lua"
cp "$here/probe.lua" "$tmp/plugins/document/standard.lua"
if ! "$bin" plan --plugins-dir "$tmp/plugins" "$input" >"$tmp/plan.json" 2>"$tmp/err"; then
    echo "FAIL $name: waymark plan with the probe failed"
    sed 's/^/    /' "$tmp/err"
    exit 1
fi
if ! PYTHONDONTWRITEBYTECODE=1 "$py" "$here/check.py" "$tmp/plan.json" >"$tmp/checks"; then
    fail=1
fi
sed "s/^/$name: /" "$tmp/checks"
exit $fail
