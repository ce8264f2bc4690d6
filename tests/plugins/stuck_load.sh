#!/bin/sh
# stuck_load.sh WAYMARK SOURCE_DIR - a plugin stuck in a C call in its main
# chunk (a pattern match that never ends, which the Lua limits cannot
# interrupt) is stopped by every command that loads plugins, with exit 3 and
# a message naming it: plan, render, test-plugin, and `plugins list` and
# `plugins info`, which used to hang.  Each run has a 20 s timeout, so a
# regression fails instead of hanging the suite.
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=$(cd "$src" && pwd)
export WAYMARK_DATA_DIR="${WAYMARK_DATA_DIR:-$src}"
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
mkdir plugins
cat >plugins/stuck.lua <<'LUA'
-- The main chunk never returns: the match backtracks for hours in C.
local _ = ("a"):rep(1e6):find(".-.-.-.-.-.-b")
return { name = "stuck", version = "1.0.0", api_version = 1,
         hooks = { validate = function() end } }
LUA
cp plugins/stuck.lua stuck.lua
{ sed '/^plugins:/,$d' "$src/tests/sandbox/base.yaml"; echo "plugins: [./stuck.lua]"; } >e.yaml
msg="did not return from its load hook within 4 s"
stuck() { # stuck DESCRIPTION WHERE COMMAND...: exit 3 within the timeout, with the message
    what=$1 where=$2
    shift 2
    run 3 "$what stops the stuck plugin (exit 3, not a hang)" timeout -k 5 20 "$@"
    has "$tmp/err" "$where: error: plugin 'stuck' $msg" "... with a message naming it"
}
stuck "plugins list" "waymark plugins" "$bin" plugins list --plugins-dir plugins
has "$tmp/out" "NAME" "... after printing what it had listed"
stuck "plugins info" "waymark plugins" "$bin" plugins info stuck --plugins-dir plugins
stuck "plan" "e.yaml" "$bin" plan e.yaml
stuck "render" "e.yaml" "$bin" render e.yaml -o e.pdf
[ -e e.pdf ] && bad "render wrote a PDF" || ok "no PDF written"
finish() { [ "$fail" = 0 ] && echo "all passed" || echo "FAILED"; exit "$fail"; }
finish
