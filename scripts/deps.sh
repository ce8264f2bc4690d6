#!/bin/sh
# deps.sh [build|test] - install the Debian packages Waymark needs, if any
# is missing.  Sourced by scripts/setup and scripts/test; safe to re-run.
set -eu
BUILD_PKGS="build-essential cmake pkg-config liblua5.4-dev libyaml-dev libhpdf-dev
  libpng-dev libjpeg-dev libunibreak-dev libfribidi-dev libharfbuzz-dev libdeflate-dev
  fonts-droid-fallback fonts-nanum fonts-symbola"
TEST_PKGS="libcmocka-dev qpdf poppler-utils valgrind clang clang-format libclang-rt-14-dev lua-check jq python3 python3-yaml python3-jsonschema groff-base strace
  chromium default-jre-headless"

want=$BUILD_PKGS
[ "${1:-build}" = test ] && want="$BUILD_PKGS $TEST_PKGS"
# npm installs the Nu HTML Checker (scripts/test); a Node.js from elsewhere
# (NodeSource) brings its own npm and conflicts with Debian's package.
[ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1 && want="$want npm"
missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "waymark: installing$missing"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
