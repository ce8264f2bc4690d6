#!/bin/sh
# luacheck.sh SOURCE_DIR
#
# luacheck, with the repository's .luacheckrc (the sandbox's globals only,
# 100 columns), on every Lua file Waymark ships or shows as an example:
# plugins/ (the built-in plugins and the type annotations in plugins/_types),
# samples/plugins/ when it exists, and the probe of tests/types.  Any
# warning fails.  Exit 77 (skipped) when luacheck is not installed
# (Debian package lua-check, in scripts/deps.sh's TEST_PKGS).
set -u
src=${1:?usage: luacheck.sh SOURCE_DIR}
cd "$src" || exit 1
if ! command -v luacheck >/dev/null 2>&1; then
    echo "luacheck is not installed (Debian package lua-check): skipped"
    exit 77
fi
set -- plugins
if [ -d samples/plugins ]; then
    set -- "$@" samples/plugins
fi
set -- "$@" tests/types/probe.lua
# .luacheckrc is read from the current folder, the source tree's top.
exec luacheck --no-color --codes --quiet "$@"
