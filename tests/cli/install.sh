#!/bin/sh
# install.sh BUILD_DIR CMAKE SOURCE_DIR - `cmake --install` puts the binary,
# plugins, playbooks and fonts in standard places, and the installed binary
# finds its data there (not in the source tree); the manual page and the bash
# completion go where man and bash-completion find them.
set -eu
build=$1 cmake=$2 src=$3
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
"$cmake" --install "$build" --prefix "$prefix" >/dev/null
for d in bin/waymark share/waymark/plugins share/waymark/playbooks share/waymark/fonts; do
    [ -e "$prefix/$d" ] || { echo "FAIL: $d not installed"; exit 1; }
done
out=$(env -u WAYMARK_DATA_DIR "$prefix/bin/waymark" --help)
echo "$out" | grep -q "Built-in plugins, playbooks and fonts: $prefix/share/waymark" || {
    echo "FAIL: installed binary does not find its data directory"
    echo "$out"
    exit 1
}
"$prefix/bin/waymark" validate --quiet "$src/samples/saas-scaleup.yaml"
echo "ok: install layout and data directory"
# The manual page and the bash completion, where man and bash-completion look.
page=$prefix/share/man/man1/waymark.1
comp=$prefix/share/bash-completion/completions/waymark
[ -f "$page" ] || { echo "FAIL: share/man/man1/waymark.1 not installed"; exit 1; }
[ -f "$comp" ] || { echo "FAIL: share/bash-completion/completions/waymark not installed"; exit 1; }
if command -v man >/dev/null 2>&1; then
    MANPATH="$prefix/share/man" MANPAGER=cat PAGER=cat man waymark 2>/dev/null |
        grep -q "waymark new-plugin" || { echo "FAIL: 'man waymark' does not find the installed page"; exit 1; }
fi
if command -v bash >/dev/null 2>&1; then
    words=$(bash -c '. "$1" && COMP_WORDS=(waymark va) COMP_CWORD=1 && _waymark waymark va waymark &&
        echo "${COMPREPLY[*]}"' sh "$comp")
    [ "$words" = validate ] || { echo "FAIL: the installed completion offers '$words' for 'waymark va'"; exit 1; }
fi
echo "ok: manual page and bash completion installed"
env -u WAYMARK_DATA_DIR "$prefix/bin/waymark" plan --format csv "$src/samples/saas-scaleup.yaml" >/dev/null || {
    echo "FAIL: the installed binary cannot plan (built-in plugins not found?)"
    exit 1
}
env -u WAYMARK_DATA_DIR "$prefix/bin/waymark" plugins list | grep -q "^estimate/pert .*$prefix/share/waymark/plugins/estimate/pert.lua" || {
    echo "FAIL: installed plugins not listed from the install prefix"
    exit 1
}
[ -e "$prefix/share/waymark/plugins/prioritise/_inputs.lua" ] || { echo "FAIL: private plugin module not installed"; exit 1; }
echo "ok: the installed binary plans with its own plugins"
work=$(mktemp -d)
cp -r "$src/samples/saas-scaleup.yaml" "$src/samples/assets" "$work/"
(cd "$work" && env -u WAYMARK_DATA_DIR "$prefix/bin/waymark" render saas-scaleup.yaml) || {
    echo "FAIL: the installed binary cannot render (fonts or document plugins not found?)"
    rm -rf "$work"
    exit 1
}
[ -s "$work/saas-scaleup.pdf" ] || { echo "FAIL: no PDF from the installed binary"; rm -rf "$work"; exit 1; }
rm -rf "$work"
echo "ok: the installed binary renders with its own fonts and plugins"
