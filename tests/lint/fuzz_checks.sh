#!/bin/sh
# fuzz_checks.sh SRCDIR - the fuzz targets state what must hold with
# FUZZ_CHECK (fuzz/fuzz_check.h), which aborts in every build: an assert()
# vanishes under NDEBUG, and a target built in Release would then let a
# broken promise pass as a clean run.
set -eu
src=$1
bad=$(grep -n '\bassert *(\|<assert\.h>' "$src"/fuzz/*.c "$src"/fuzz/*.h | grep -v 'fuzz_check.h:.*assert()' || true)
if [ -n "$bad" ]; then
    echo "FAIL: assert() in a fuzz target (use FUZZ_CHECK):"
    echo "$bad"
    exit 1
fi
n=$(grep -l 'FUZZ_CHECK(' "$src"/fuzz/fuzz_*.c | wc -l)
[ "$n" -gt 0 ] || { echo "FAIL: no fuzz target uses FUZZ_CHECK"; exit 1; }
echo "ok: $n fuzz targets check with FUZZ_CHECK"
