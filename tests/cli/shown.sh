#!/bin/sh
# shown.sh WAYMARK SOURCE_DIR - the paths and names that `init`,
# `new-plugin`, `plugins list`, `plugins info`, usage errors and the command
# dispatcher print are shown escaped (wm_shown, wm_usage_error), as
# diagnostics are: a folder named "d<ESC>]0;PWNED<BEL><U+009B>x" (an OSC
# that retitles an xterm, the C1 CSI) never reaches the terminal raw, on
# success or on failure, and is shown as d\x1B]0;PWNED\x07\xC2\x9Bx.  So is
# what a plugin says of itself (its version, description and warnings).
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WAYMARK_DATA_DIR=${WAYMARK_DATA_DIR:-$src} SOURCE_DATE_EPOCH=1795000000
export TMPDIR="$tmp" XDG_DATA_HOME="$tmp/no-xdg"
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
cd "$tmp" || exit 1

d=$(printf 'd\033]0;PWNED\007\302\233x')
shown='d\x1B]0;PWNED\x07\xC2\x9Bx'

# run WHAT WANT_STATUS COMMAND...: runs it into out and err; checks the
# status and that neither holds a raw ESC, BEL or C1 CSI.
run() {
    w=$1 want=$2
    shift 2
    "$@" >out 2>err
    st=$?
    [ "$st" = "$want" ] && ok "$w: exit $st" || { bad "$w: exit $st, expected $want"; cat err; }
    if python3 -c '
import sys
for p in ("out", "err"):
    d = open(p, "rb").read()
    for b in (b"\x1b", b"\x07", b"\xc2\x9b"):
        if b in d:
            sys.exit("raw %r in %s" % (b, p))
'; then ok "$w: no raw ESC, BEL or C1"; else bad "$w: raw bytes reach the terminal"; fi
}
# shows WHAT FILE TEXT: FILE contains TEXT.
shows() {
    grep -qF -- "$3" "$2" && ok "$1: shows '$3'" || { bad "$1: no '$3' in"; sed 's/^/  | /' "$2" | cat -v; }
}

# init: success, then the files exist, then a file where the folder goes.
run "init" 0 "$bin" init "$d"
shows "init" out "wrote $shown/engagement.yaml and $shown/brand.yaml"
shows "init" out "waymark validate --strict '$shown/engagement.yaml'"
run "init again" 4 "$bin" init "$d"
shows "init again" err "waymark init: '$shown/engagement.yaml' already exists"
: >"f$d"
run "init into a file" 4 "$bin" init "f$d"
shows "init into a file" err "cannot write into 'f$shown': it is a file, not a directory"
run "init under a file" 4 "$bin" init "f$d/sub"
shows "init under a file" err "cannot create the directory 'f$shown/sub': 'f$shown' is a file"

# new-plugin: success, then a folder that is not empty, then a file.
run "new-plugin" 0 "$bin" new-plugin --stage document --dir "p$d" demo
shows "new-plugin" out "wrote p$shown/demo.lua (a document plugin)"
shows "new-plugin" out "waymark test-plugin 'p$shown'"
run "new-plugin again" 4 "$bin" new-plugin --stage document --dir "p$d" demo
shows "new-plugin again" err "waymark new-plugin: 'p$shown' already exists and is not empty"
run "new-plugin into a file" 4 "$bin" new-plugin --dir "f$d" demo
shows "new-plugin into a file" err "cannot write into 'f$shown': it is a file"

# plugins list and info: the file column, and a plugin's own texts.
mkdir "l$d"
cp "p$d/demo.lua" "l$d/demo.lua"
cat >"l$d/noisy.lua" <<'LUA'
return { name = "noisy", version = "1.0\27]0;V\7", api_version = 1,
         description = "desc \27]0;D\7 and \194\155",
         hooks = { document = function() return {} end } }
LUA
run "plugins list" 0 "$bin" plugins list --plugins-dir "l$d"
shows "plugins list" out "l$shown/demo.lua"
shows "plugins list" out '1.0\x1B]0;V\x07'
run "plugins info" 0 "$bin" plugins info noisy --plugins-dir "l$d"
shows "plugins info" out "file:        "
shows "plugins info" out "l$shown/noisy.lua"
shows "plugins info" out 'description: desc \x1B]0;D\x07 and \xC2\x9B'
cat >"l$d/broken.lua" <<'LUA'
return 42
LUA
run "plugins info on a broken plugin" 3 "$bin" plugins info broken --plugins-dir "l$d"
shows "plugins info on a broken plugin" err "plugin 'broken' ("
shows "plugins info on a broken plugin" err "l$shown/broken.lua) cannot be loaded:"
run "plugins info, no such plugin" 1 "$bin" plugins info "n$d" --plugins-dir "l$d"
shows "plugins info, no such plugin" err "no plugin 'n$shown' on the search path"

# Usage errors and the dispatcher.
run "usage error" 2 "$bin" render x.yaml --format "$d"
shows "usage error" err "not '$shown'"
run "unknown option" 2 "$bin" validate "--$d"
shows "unknown option" err "$shown"
run "no such command" 2 "$bin" "$d"
shows "no such command" err "waymark: '$shown' is not a command"

[ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
exit "$fail"
