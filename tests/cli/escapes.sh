#!/bin/sh
# escapes.sh WAYMARK SOURCE_DIR - a file name holding terminal escape
# sequences never reaches the terminal raw.
#
# The name "a<ESC>]0;PWNED<BEL><U+009B>x<0xFF>.yaml" (an OSC that retitles
# an xterm, the C1 CSI, a byte that is not UTF-8) for a good engagement and
# for a bad one (no client section), through validate (ok and failing),
# render (ok and failing) and batch (a folder of both: progress lines and
# the summary of failures).  Each time: stdout and stderr hold no ESC, BEL,
# C2 9B or FF byte, and the name is shown escaped:
# a\x1B]0;PWNED\x07\xC2\x9Bx\xFF.yaml
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WAYMARK_DATA_DIR=${WAYMARK_DATA_DIR:-$src} SOURCE_DATE_EPOCH=1795000000
export TMPDIR="$tmp"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
cd "$tmp" || exit 1

mkdir in
cp -R "$src/samples/assets" in/assets
good=$(printf 'a\033]0;PWNED\007\302\233x\377.yaml')
badf=$(printf 'b\033]0;PWNED\007\302\233x\377.yaml')
shown='a\x1B]0;PWNED\x07\xC2\x9Bx\xFF.yaml'
bshown='b\x1B]0;PWNED\x07\xC2\x9Bx\xFF.yaml'
cp "$src/samples/saas-scaleup.yaml" "in/$good"
sed '/^client:/,/^[^ #]/ { /^client:/d; /^  /d }' "$src/samples/saas-scaleup.yaml" >"in/$badf"

# clean WHAT FILE...: no raw escape bytes in the files.
clean() {
    w=$1
    shift
    if python3 -c '
import sys
for p in sys.argv[1:]:
    d = open(p, "rb").read()
    for b in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xff"):
        if b in d:
            sys.exit("raw %r in %s" % (b, p))
' "$@"; then ok "$w: no raw ESC, BEL, C1 or invalid byte"; else bad "$w: raw bytes reach the terminal"; fi
}
# shows WHAT FILE TEXT: FILE contains TEXT.
shows() {
    grep -qF -- "$3" "$2" && ok "$1: shows '$3'" || { bad "$1: no '$3' in"; sed 's/^/  | /' "$2" | cat -v; }
}

"$bin" validate "in/$good" >out 2>err
[ $? = 0 ] && ok "validate: exit 0" || bad "validate: exit not 0"
clean "validate" out err
shows "validate" out "in/$shown: ok ("

"$bin" validate "in/$badf" >out 2>err
[ $? = 1 ] && ok "validate a bad file: exit 1" || bad "validate a bad file: exit not 1"
clean "validate a bad file" out err
shows "validate a bad file" err "in/$bshown:2:1: error: the engagement file is missing the required section 'client'"
shows "validate a bad file" err "in/$bshown: 1 error"

"$bin" render "in/$good" -o "x.pdf" >out 2>err
[ $? = 0 ] && ok "render: exit 0" || bad "render: exit not 0"
clean "render" out err

"$bin" render "in/$badf" -o "y.pdf" >out 2>err
[ $? = 1 ] && ok "render a bad file: exit 1" || bad "render a bad file: exit not 1"
clean "render a bad file" out err
shows "render a bad file" err "in/$bshown:2:1: error"

"$bin" batch in -o outdir -j 2 >out 2>err
[ $? = 1 ] && ok "batch: exit 1" || bad "batch: exit not 1"
clean "batch" out err
shows "batch progress" err "done    in/$shown -> outdir/a\\x1B]0;PWNED\\x07\\xC2\\x9Bx\\xFF.pdf ("
shows "batch progress" err "failed  in/$bshown: in/$bshown:2:1: error"
grep -qxF "  in/$bshown" err && ok "batch summary names the input" || bad "batch summary lacks the input"
# test-plugin: a plugin folder of that name, its scaffold's test passing and
# then failing (a changed expected result), and a folder with no plugin.
pdir=$(printf 'p\033]0;PWNED\007\302\233x\377')
pshown='p\x1B]0;PWNED\x07\xC2\x9Bx\xFF'
"$bin" new-plugin myplugin --stage risks --dir "$pdir" >out 2>err
[ $? = 0 ] && ok "new-plugin into that folder: exit 0" || bad "new-plugin: exit not 0"
clean "new-plugin" out err
"$bin" test-plugin "$pdir" >out 2>err
[ $? = 0 ] && ok "test-plugin: exit 0" || bad "test-plugin: exit not 0"
clean "test-plugin" out err
shows "test-plugin" out "PASS $pshown/test/engagement.yaml"
shows "test-plugin" out "$pshown: 1 passed, 0 failed"
sed -i 's/"stages"/"stagez"/' "$pdir/test/expected.json"
"$bin" test-plugin "$pdir" >out 2>err
[ $? = 1 ] && ok "test-plugin with a changed expected result: exit 1" || bad "test-plugin: exit not 1"
clean "test-plugin failing" out err
shows "test-plugin failing" out "FAIL $pshown/test/engagement.yaml: 2 differences from $pshown/test/expected.json"
mkdir "$pdir/empty"
"$bin" test-plugin "$pdir/empty" >out 2>err
[ $? = 1 ] && ok "test-plugin on a folder without a plugin: exit 1" || bad "exit not 1"
clean "test-plugin without a plugin" out err
shows "test-plugin without a plugin" err "no plugin in '$pshown/empty'"
[ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
exit "$fail"
