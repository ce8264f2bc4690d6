#!/bin/sh
# clang-format.sh SOURCE_DIR
#
# Every C file of the tree (core/, tests/, bench/, fuzz/) is formatted as
# the committed .clang-format says: `clang-format --dry-run --Werror`, so a
# change that was not formatted fails here with the file and line.  Exit 77
# (skipped) when clang-format is not installed (Debian package
# clang-format, in scripts/deps.sh's TEST_PKGS).
set -u
src=${1:?usage: clang-format.sh SOURCE_DIR}
cd "$src" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
    echo "clang-format is not installed (Debian package clang-format): skipped"
    exit 77
fi
files=$(find core tests bench fuzz -name '*.[ch]' -type f | sort)
# shellcheck disable=SC2086 # the file names have no spaces
exec clang-format --dry-run --Werror $files
