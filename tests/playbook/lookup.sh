#!/bin/sh
# lookup.sh WAYMARK PLAYBOOK_DIR - how `playbook.template` is found
# (docs/playbooks.md, "How a template is found and checked"): a path relative
# to the engagement's folder; playbooks/NAME.yaml beside it; then
# $XDG_DATA_HOME/waymark/playbooks (~/.local/share without it); then the
# data directory's playbooks/.  Each folder gets copies of playbooks/good.yaml
# under other names; a copy that must never be chosen is broken on purpose,
# so picking the wrong folder fails the case.
set -u
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# A valid template named $2 at $1; a broken one (not a template) at $1 with
# `broken`.
template() {
    mkdir -p "$(dirname "$1")"
    sed "s/^name: good$/name: $2/" "$src/playbooks/good.yaml" > "$1"
}
broken() {
    mkdir -p "$(dirname "$1")"
    printf 'format: waymark/1\n' > "$1"
}
engagement() { # DIR NAME SED-SCRIPT: good.yaml with its template line edited
    mkdir -p "$tmp/$1"
    sed "$3" "$src/good.yaml" > "$tmp/$1/$2.yaml"
}
use() { # NAME TEMPLATE: an engagement in eng/ naming TEMPLATE
    engagement eng "$1" "s|^  template: good\$|  template: $2|"
}

mkdir -p "$tmp/eng" "$tmp/empty"
template "$tmp/eng/playbooks/local.yaml" local
template "$tmp/eng/playbooks/shadowed.yaml" shadowed
template "$tmp/eng/custom/mine.yaml" mine
template "$tmp/xdg/waymark/playbooks/user.yaml" user
broken "$tmp/xdg/waymark/playbooks/shadowed.yaml"
template "$tmp/home/.local/share/waymark/playbooks/homeonly.yaml" homeonly
template "$tmp/data/playbooks/builtin.yaml" builtin
template "$tmp/data/playbooks/standard.yaml" standard
broken "$tmp/data/playbooks/user.yaml"
broken "$tmp/data/playbooks/local.yaml"
mkdir -p "$tmp/data/plugins"

# check DIR NAME EXIT EXPECTED-STDERR [VAR=VALUE...]: validate DIR/NAME.yaml
# in DIR.
check() {
    dir=$1 name=$2 want_rc=$3 want=$4
    shift 4
    got=$(cd "$tmp/$dir" && env HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" \
        WAYMARK_DATA_DIR="$tmp/data" "$@" "$wm" validate --quiet "$name.yaml" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" != "$want_rc" ] || [ "$got" != "$want" ]; then
        echo "FAIL $name: exit $rc (expected $want_rc)"
        printf -- '--- expected\n%s\n--- got\n%s\n' "$want" "$got"
        status=1
    else
        echo "ok $name"
    fi
}

# Each folder in turn, and the first hit wins.
use local local
check eng local 0 ""
use shadowed shadowed
check eng shadowed 0 ""
use user user
check eng user 0 ""
use builtin builtin
check eng builtin 0 ""
# Without XDG_DATA_HOME: ~/.local/share.
use homeonly homeonly
check eng homeonly 0 "" XDG_DATA_HOME=
check eng homeonly 1 "homeonly.yaml:22:13: error: unknown playbook template 'homeonly'
  hint: the templates found are: builtin, local, shadowed, standard, user"
# No template: standard.
engagement eng default '/^  template: good$/d'
check eng default 0 ""
engagement eng default_missing '/^  template: good$/d'
check eng default_missing 1 "default_missing.yaml:21:1: error: unknown playbook template 'standard'
  hint: the templates found are: local, shadowed, user" WAYMARK_DATA_DIR="$tmp/empty"

# Paths: relative to the engagement's folder, never searched for.
use path custom/mine.yaml
check eng path 0 ""
use path_yaml mine.yaml
check eng path_yaml 1 "path_yaml.yaml:22:13: error: cannot open playbook template 'mine.yaml': No such file or directory
  hint: a path is relative to the engagement file's folder (looked for mine.yaml)"
use dir_path custom/
check eng dir_path 1 "dir_path.yaml:22:13: error: cannot open playbook template 'custom/': it is a directory
  hint: a path is relative to the engagement file's folder (looked for custom/)"
engagement sub/deeper relative "s|^  template: good\$|  template: ../../eng/custom/mine.yaml|"
check sub/deeper relative 0 ""

# Unknown names: a "did you mean" and every name found.
use unknown locl
check eng unknown 1 "unknown.yaml:22:13: error: unknown playbook template 'locl' (did you mean 'local'?)
  hint: the templates found are: builtin, local, shadowed, standard, user"
engagement lonely none "s|^  template: good\$|  template: nothing_here|"
check lonely none 1 "none.yaml:22:13: error: unknown playbook template 'nothing_here'
  hint: no templates were found (looked in playbooks, $tmp/empty/waymark/playbooks and $tmp/empty/playbooks)" \
    XDG_DATA_HOME="$tmp/empty" WAYMARK_DATA_DIR="$tmp/empty"
exit $status
