#!/bin/sh
# includes_planted.sh SOURCE_DIR - tests/lint/includes.py catches what it
# is for: in a copy of core/, a planted circle (base/planted_a.c calls
# base/planted_b.c, which calls back) and a planted back arrow (base
# including plan) must fail it with both named, and a circle listed in its
# EXCEPTIONS that is gone must fail it too; the real tree must pass.
set -u
src=${1:?usage: includes_planted.sh SOURCE_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
lint="$src/tests/lint/includes.py"

python3 "$lint" "$src" >"$tmp/real" 2>&1 && ok "the real tree passes" ||
    { bad "the real tree fails:"; cat "$tmp/real"; }

cp -R "$src/core" "$tmp/core"
cat >"$tmp/core/base/planted_a.h" <<'C'
/* planted_a.h - a planted circle, half one. */
int wm_planted_a(int x);
C
cat >"$tmp/core/base/planted_b.h" <<'C'
/* planted_b.h - a planted circle, half two. */
int wm_planted_b(int x);
C
cat >"$tmp/core/base/planted_a.c" <<'C'
/* planted_a.c - calls planted_b.c, which calls back. */
#include "planted_a.h"
#include "planted_b.h"
int wm_planted_a(int x)
{
    return x > 0 ? wm_planted_b(x - 1) : 0;
}
C
cat >"$tmp/core/base/planted_b.c" <<'C'
/* planted_b.c - calls planted_a.c: the circle. */
#include "planted_a.h"
#include "planted_b.h"
int wm_planted_b(int x)
{
    return x > 0 ? wm_planted_a(x - 1) : 1;
}
C
python3 "$lint" "$src" --core "$tmp/core" >"$tmp/out" 2>&1
[ $? = 1 ] && ok "a planted circle fails the lint" || bad "a planted circle passes the lint"
grep -q "^circle: base/planted_a -> base/planted_b -> base/planted_a" "$tmp/out" &&
    ok "the circle is named" || { bad "the circle is not named:"; cat "$tmp/out"; }

rm "$tmp/core/base/planted_b.c"
printf '#include "../plan/plugin.h"\n' >>"$tmp/core/base/planted_a.c"
python3 "$lint" "$src" --core "$tmp/core" >"$tmp/out" 2>&1
[ $? = 1 ] && ok "a planted back arrow fails the lint" || bad "a planted back arrow passes the lint"
grep -q "^core/base/planted_a.c:8: back arrow: base includes plan" "$tmp/out" &&
    ok "the back arrow is named with its line" || { bad "the back arrow is not named:"; cat "$tmp/out"; }
grep -q "^circle:" "$tmp/out" && bad "a circle is reported with half of it gone" ||
    ok "no circle once half of it is gone"

# An exception that no longer holds is reported, so it is deleted with the fix.
rm -rf "$tmp/core"
cp -R "$src/core" "$tmp/core"
sed 's|^EXCEPTIONS = \[|EXCEPTIONS = [["base/util", "base/file"],|' "$lint" >"$tmp/includes.py"
python3 "$tmp/includes.py" "$src" --core "$tmp/core" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q "in EXCEPTIONS is gone" "$tmp/out" &&
    ok "a stale exception fails the lint" || { bad "a stale exception passes:"; cat "$tmp/out"; }

[ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
exit "$fail"
