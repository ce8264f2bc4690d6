#!/bin/sh
# determinism.sh WAYMARK SOURCE_DIR - the number of workers changes nothing
# but the time: the same 8 inputs with -j 1 and with -j 3 (from two
# folders, with the same relative paths) give byte-identical PDFs, the same
# portfolio.csv and the same manifest once "ms" is dropped; and each PDF is
# the one `waymark render` writes for that engagement.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 8
mkdir j1 j3
(cd j1 && "$bin" batch ../in -o out -j 1 >"$tmp/stdout" 2>"$tmp/stderr")
st=$?
[ "$st" = 0 ] && ok "-j 1: exit 0" || { bad "-j 1: exit $st"; show "$tmp/stderr"; }
(cd j3 && "$bin" batch ../in -o out -j 3 >"$tmp/stdout" 2>"$tmp/stderr")
st=$?
[ "$st" = 0 ] && ok "-j 3: exit 0" || { bad "-j 3: exit $st"; show "$tmp/stderr"; }

n=0
for f in in/e*.yaml; do
    name=$(basename "$f" .yaml)
    n=$((n + 1))
    if [ ! -f "j1/out/$name.pdf" ] || [ ! -f "j3/out/$name.pdf" ]; then
        bad "$name.pdf missing"
    elif cmp -s "j1/out/$name.pdf" "j3/out/$name.pdf"; then
        ok "$name.pdf is byte-identical with -j 1 and -j 3"
    else
        bad "$name.pdf differs between -j 1 and -j 3"
    fi
done
[ "$n" = 8 ] || bad "$n inputs, expected 8"
pdfs_valid j1/out "-j 1"

cmp -s j1/out/portfolio.csv j3/out/portfolio.csv && ok "portfolio.csv is identical" ||
    { bad "portfolio.csv differs"; diff j1/out/portfolio.csv j3/out/portfolio.csv | show; }

for j in 1 3; do
    (cd "j$j" && mf check out --count 8) && ok "-j $j: manifest parses and is consistent" ||
        bad "-j $j: manifest"
done
mf canon j1/out >"$tmp/m1" && mf canon j3/out >"$tmp/m3"
if cmp -s "$tmp/m1" "$tmp/m3"; then ok "the manifests are identical but for ms"; else
    bad "the manifests differ (ms dropped)"
    diff "$tmp/m1" "$tmp/m3" | cut -c1-300 | show
fi
[ "$(wc -l <"$tmp/m1")" = 8 ] || bad "the canonical manifest has $(wc -l <"$tmp/m1") lines"

# The same bytes as a plain render of each input.
for name in e01 e02 e03; do
    "$bin" render "in/$name.yaml" -o "$tmp/render-$name.pdf" >/dev/null 2>"$tmp/stderr" ||
        { bad "render in/$name.yaml failed"; show "$tmp/stderr"; continue; }
    cmp -s "$tmp/render-$name.pdf" "j1/out/$name.pdf" &&
        ok "$name: the batch's PDF is the one 'waymark render' writes" ||
        bad "$name: the batch's PDF differs from 'waymark render'"
done

finish
