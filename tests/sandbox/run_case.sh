#!/bin/sh
# run_case.sh WAYMARK DIR NAME
#
# Runs one sandbox escape case: DIR/cases/NAME.lua is a hostile plugin and
# DIR/cases/NAME.expect says what must happen.  In a fresh temporary folder
# the script writes engagement.yaml (DIR/base.yaml plus
# `plugins: [./NAME.lua]`) and NAME.lua, runs `WAYMARK plan engagement.yaml`
# under a timeout and checks:
#
#   - the exit status (and that the process was not killed by a signal or
#     by the timeout: a crash or a hang is always a failure);
#   - every regex of the .expect file matches somewhere in stderr;
#   - no canary file appeared: cases that try to write a file aim at
#     $TMPDIR/waymark-canary-NAME or /tmp/waymark-canary-NAME;
#   - nothing was written to stdout when the run failed, and a plan was
#     written when it succeeded.
#
# NAME.expect:
#   # exit N                  line 1: the expected exit status
#   # args: --opt value ...   optional: extra arguments before the file
#   # timeout: S              optional: seconds before the run is killed
#                             (default 60)
#   # setup: COMMAND          optional, repeatable: a shell command run in
#                             the case's folder before the run (symbolic
#                             links, FIFOs, more modules); $OUTSIDE names a
#                             second temporary folder outside it, removed
#                             afterwards like the first
#   # same-output-twice       optional: run twice; stdout and stderr must
#                             be byte-identical (determinism)
#   # max-seconds: S          optional: the run must end within S seconds
#                             (for cases that a limit must stop promptly)
#   # max-stderr: BYTES       optional: stderr must not be longer (default
#                             65536: a plugin must not flood the terminal)
#   REGEX                     any other line: an extended regex (grep -E)
#                             that must match somewhere in stderr
#   ! REGEX                   must match nowhere in stderr
#   stdout: REGEX             must match somewhere in stdout
#   Blank lines and lines starting with "## " are comments.
#
# Always checked as well: stderr holds no control characters other than tab
# and newline (a plugin must not be able to drive the user's terminal).
#
# The run gets a virtual-memory limit (WM_SANDBOX_ULIMIT_KB, default 2 GiB),
# so a host-side memory blow-up aborts instead of swapping the machine.
#
# Prints "ok NAME" or "FAIL NAME: ..." with details; exits 0 or 1.
set -u
bin=${1:?usage: run_case.sh WAYMARK DIR NAME}
dir=${2:?usage: run_case.sh WAYMARK DIR NAME}
name=${3:?usage: run_case.sh WAYMARK DIR NAME}

case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $dir in /*) ;; *) dir=$(pwd)/$dir ;; esac
plugin=$dir/cases/$name.lua
expect=$dir/cases/$name.expect
for f in "$dir/base.yaml" "$plugin" "$expect"; do
    if [ ! -f "$f" ]; then
        echo "FAIL $name: missing $f"
        exit 1
    fi
done

want_rc=$(sed -n '1s/^# exit \([0-9][0-9]*\)$/\1/p' "$expect")
if [ -z "$want_rc" ]; then
    echo "FAIL $name: $expect: line 1 must be '# exit N'"
    exit 1
fi
args=$(sed -n 's/^# args: //p' "$expect")
limit=$(sed -n 's/^# timeout: \([0-9][0-9]*\)$/\1/p' "$expect")
limit=${limit:-60}
twice=$(grep -c '^# same-output-twice$' "$expect")
max_err=$(sed -n 's/^# max-stderr: \([0-9][0-9]*\)$/\1/p' "$expect")
max_err=${max_err:-65536}
max_secs=$(sed -n 's/^# max-seconds: \([0-9.][0-9.]*\)$/\1/p' "$expect")

work=$(mktemp -d "${TMPDIR:-/tmp}/wm-sandbox-$name.XXXXXX") || exit 1
OUTSIDE=$(mktemp -d "${TMPDIR:-/tmp}/wm-sandbox-outside-$name.XXXXXX") || exit 1
export OUTSIDE
trap 'rm -rf "$work" "$OUTSIDE"' EXIT
trap 'exit 1' HUP INT TERM

canaries="${TMPDIR:-/tmp}/waymark-canary-$name /tmp/waymark-canary-$name"
for c in $canaries; do
    rm -rf "$c"
done

{
    cat "$dir/base.yaml"
    printf 'plugins: [./%s.lua]\n' "$name"
} > "$work/engagement.yaml"
cp "$plugin" "$work/$name.lua"
sed -n 's/^# setup: //p' "$expect" > "$work/.setup"
if [ -s "$work/.setup" ] && ! (cd "$work" && sh -e .setup); then
    echo "FAIL $name: a setup command failed"
    exit 1
fi

status=0
problem() {
    echo "FAIL $name: $*"
    status=1
}

# run N: runs waymark into $work/out.N and $work/err.N; sets rc and secs.
run() {
    start=$(date +%s.%N)
    # $args is a list of words; ulimit -v is in dash, bash and busybox sh.
    # shellcheck disable=SC2086,SC3045
    (cd "$work" && { ulimit -v "${WM_SANDBOX_ULIMIT_KB:-2097152}" 2>/dev/null || :; } &&
        exec timeout -k 5 "$limit" "$bin" plan $args engagement.yaml) \
        > "$work/out.$1" 2> "$work/err.$1"
    rc=$?
    secs=$(echo "$start $(date +%s.%N)" | awk '{ printf "%.2f", $2 - $1 }')
}

run 1
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    problem "timed out after ${secs}s (limit ${limit}s; exit status $rc): the run hung"
elif [ "$rc" -ge 128 ]; then
    problem "killed by signal $((rc - 128)) after ${secs}s (exit status $rc): a crash"
elif [ "$rc" != "$want_rc" ]; then
    problem "exit status $rc, expected $want_rc (${secs}s)"
fi

if [ -n "$max_secs" ] && [ "$(echo "$secs $max_secs" | awk '{ print ($1 > $2) }')" = 1 ]; then
    problem "took ${secs}s, more than the ${max_secs}s allowed"
fi

sed -e '1d' -e '/^# /d' -e '/^## /d' -e '/^$/d' "$expect" > "$work/regexes"
while IFS= read -r re; do
    case $re in
    '! '*)
        if grep -Eq -e "${re#! }" "$work/err.1"; then
            problem "stderr matches what it must not: ${re#! }"
            grep -E -m 3 -e "${re#! }" "$work/err.1" | cut -c 1-300
        fi ;;
    'stdout: '*)
        if ! grep -Eq -e "${re#stdout: }" "$work/out.1"; then
            problem "stdout does not match: ${re#stdout: }"
        fi ;;
    *)
        if ! grep -Eq -e "$re" "$work/err.1"; then
            problem "stderr does not match: $re"
        fi ;;
    esac
done < "$work/regexes"

err_bytes=$(wc -c < "$work/err.1")
if [ "$err_bytes" -gt "$max_err" ]; then
    problem "stderr is $err_bytes bytes (at most $max_err expected)"
fi
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$work/err.1"; then
    problem "stderr carries control characters (terminal escapes) from the plugin:"
    LC_ALL=C grep -n -m 3 "$(printf '[\001-\010\013-\037\177]')" "$work/err.1" |
        cut -c 1-200 | od -c | head -8
fi

for c in $canaries; do
    if [ -e "$c" ]; then
        problem "the plugin created the canary file $c (an escape)"
        rm -rf "$c"
    fi
done

if [ "$rc" -ne 0 ] && [ -s "$work/out.1" ]; then
    problem "wrote $(wc -c < "$work/out.1") bytes to stdout although it failed"
fi
if [ "$rc" -eq 0 ] && [ "$want_rc" -eq 0 ] && ! grep -q '"format": "waymark-plan/1"' "$work/out.1"; then
    problem "succeeded but printed no plan"
fi

if [ "$twice" -gt 0 ] && [ $status -eq 0 ]; then
    run 2
    if ! cmp -s "$work/out.1" "$work/out.2" || ! cmp -s "$work/err.1" "$work/err.2"; then
        problem "two runs gave different output (nondeterminism)"
        diff "$work/err.1" "$work/err.2" | head -20
    fi
fi

if [ $status -ne 0 ]; then
    echo "--- stderr ($(wc -c < "$work/err.1") bytes, exit $rc, ${secs}s):"
    head -c 3000 "$work/err.1" | cat -v
    echo "---"
else
    echo "ok $name (${secs}s)"
fi
exit $status
