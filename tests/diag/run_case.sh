#!/bin/sh
# run_case.sh WAYMARK DIR NAME [EXPECTED_DIR]
#
# Runs `waymark validate --quiet NAME.yaml` in DIR and compares its exit
# status and stderr with EXPECTED_DIR/NAME.expected (default: DIR), whose
# first line is "# exit N" and whose other lines are the exact diagnostics.
set -u
bin=$1 dir=$2 name=$3 exp_dir=${4:-$2}
expected="$exp_dir/$name.expected"
cd "$dir" || exit 1
input="$name.yaml"
want_rc=$(sed -n '1s/^# exit //p' "$expected")
actual=$("$bin" validate --quiet "$input" 2>&1 >/dev/null)
rc=$?
want=$(sed '1d' "$expected")
status=0
if [ "$rc" != "$want_rc" ]; then
    echo "FAIL $name: exit status $rc, expected $want_rc"
    status=1
fi
if [ "$actual" != "$want" ]; then
    echo "FAIL $name: diagnostics differ (- expected, + actual)"
    printf '%s\n' "$want" > "${TMPDIR:-/tmp}/wm_want.$$"
    printf '%s\n' "$actual" > "${TMPDIR:-/tmp}/wm_got.$$"
    diff -u "${TMPDIR:-/tmp}/wm_want.$$" "${TMPDIR:-/tmp}/wm_got.$$" | tail -n +3
    rm -f "${TMPDIR:-/tmp}/wm_want.$$" "${TMPDIR:-/tmp}/wm_got.$$"
    status=1
fi
[ $status -eq 0 ] && echo "ok $name"
exit $status
