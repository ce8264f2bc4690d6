#!/bin/sh
# run_case.sh WAYMARK DIR NAME
#
# Runs `WAYMARK plan DIR/NAME.yaml`, checks that it exits 0, and evaluates
# every check line of DIR/NAME.expect against the plan JSON.
#
# NAME.expect: lines starting with '#' are comments (the hand arithmetic),
# blank lines are ignored, every other line is
#
#     FILTER == VALUE
#
# split on the LAST ' == ' (so a filter may itself contain ' == ', and a
# value may contain spaces). FILTER is a jq filter applied to the plan;
# VALUE is a JSON literal. Numbers compare within 1e-9 relative (or 1e-9
# absolute near zero), recursively inside arrays and objects; everything
# else compares exactly. A filter yielding exactly one value is compared as
# that value; one yielding none or several is compared as the array of them.
#
# Prints one `ok` or `FAIL` line per check; exits 1 if any check failed or
# waymark did not exit 0. Needs POSIX sh and jq.
set -u

if [ $# -ne 3 ]; then
    echo "usage: run_case.sh WAYMARK DIR NAME" >&2
    exit 2
fi
bin=$1 dir=$2 name=$3
input="$dir/$name.yaml"
expect="$dir/$name.expect"

if ! command -v jq >/dev/null 2>&1; then
    echo "FAIL $name: jq not found (apt-get install jq)"
    exit 1
fi
if [ ! -r "$expect" ]; then
    echo "FAIL $name: cannot read $expect"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wm_method.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
plan="$tmp/plan.json"

"$bin" plan "$input" >"$plan" 2>"$tmp/stderr"
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "FAIL $name: waymark plan exited $rc, expected 0"
    sed 's/^/    /' "$tmp/stderr"
    exit 1
fi
if ! jq -e . "$plan" >/dev/null 2>"$tmp/jqerr"; then
    echo "FAIL $name: waymark plan did not print valid JSON"
    sed 's/^/    /' "$tmp/jqerr"
    exit 1
fi

# One jq run per check: the check's filter inside [ ... ], then eq() below.
# eq($a; $b): numbers within 1e-9 relative (1e-9 absolute near zero),
# arrays and objects element by element, anything else exactly.
defs='
def __absv: if . < 0 then -. else . end;
def __numeq($a; $b):
  ($a == $b) or
  ((($a - $b) | __absv) as $d
   | $d <= 1e-9 or $d <= 1e-9 * ([($a | __absv), ($b | __absv)] | max));
def __eq($a; $b):
  if ($a | type) == "number" and ($b | type) == "number" then __numeq($a; $b)
  elif ($a | type) == "array" and ($b | type) == "array" then
    ($a | length) == ($b | length)
    and ([range(0; $a | length) as $i | __eq($a[$i]; $b[$i])] | all)
  elif ($a | type) == "object" and ($b | type) == "object" then
    ($a | keys) == ($b | keys)
    and ([$a | keys[] as $k | __eq($a[$k]; $b[$k])] | all)
  else $a == $b
  end;
'
verdict='
(if ($__got | length) == 1 then $__got[0] else $__got end) as $__actual
| (if __eq($__actual; $__want) then "ok" else "FAIL" end), ($__actual | tojson)
'

nl='
'
fails=0 checks=0
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        ''|'#'*) continue ;;
    esac
    # skip lines that are only blanks
    case $line in
        *[![:space:]]*) ;;
        *) continue ;;
    esac
    checks=$((checks + 1))
    case $line in
        *' == '*) ;;
        *)
            echo "FAIL $name: malformed check line (no ' == '): $line"
            fails=$((fails + 1))
            continue ;;
    esac
    filter=${line% == *}
    value=${line##* == }
    if ! result=$(jq -r --argjson __want "$value" \
            "$defs ([ $filter ]) as \$__got | $verdict" "$plan" 2>"$tmp/jqerr"); then
        if ! jq -n --argjson v "$value" '$v' >/dev/null 2>&1; then
            echo "FAIL $name: $filter: expected value is not a JSON literal: $value"
        else
            echo "FAIL $name: $filter: jq error: $(tr '\n' ' ' <"$tmp/jqerr")"
        fi
        fails=$((fails + 1))
        continue
    fi
    verdict_line=${result%%"$nl"*}
    actual=${result#*"$nl"}
    if [ "$verdict_line" = ok ]; then
        echo "ok $name: $filter == $value"
    else
        echo "FAIL $name: $filter: expected $value, actual $actual"
        fails=$((fails + 1))
    fi
done <"$expect"

if [ "$checks" -eq 0 ]; then
    echo "FAIL $name: no check lines in $expect"
    exit 1
fi
if [ "$fails" -ne 0 ]; then
    echo "FAIL $name: $fails of $checks checks failed"
    exit 1
fi
echo "ok $name: $checks checks"
exit 0
