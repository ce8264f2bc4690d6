#!/bin/bash
# check_completion.sh WAYMARK SOURCE_DIR - completion/waymark.bash completes
# what it should, and cannot drift from the command line.
#
# Sources the completion in bash, sets COMP_WORDS / COMP_CWORD as bash does
# for a command line typed so far, calls the function `complete` registered
# for waymark, and compares COMPREPLY:
#   - `waymark `, `waymark bat`, `waymark batch --sh`, `waymark plan --format `,
#     `waymark new-plugin --stage `, `waymark plan --format=c`;
#   - .yaml files and folders for `render`, folders only for `batch -o`;
#   - `plugins info ` offers the plugin names `waymark plugins list` shows;
#   - drift: the commands offered are those of core/cli/main.c's table (and
#     `help`), and `waymark CMD -` offers every option of `waymark CMD --help`.
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
fails=0
oneline() { printf '%s' "$1" | tr '\n' ' '; }
fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# shellcheck source=/dev/null
source "$src/completion/waymark.bash" || { echo "FAIL: cannot source completion/waymark.bash"; exit 1; }
func=$(complete -p waymark 2>/dev/null | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$func" ] || { echo "FAIL: no completion function registered for waymark"; exit 1; }

# complete_line LINE: COMPREPLY for LINE (cursor at its end), sorted, one a line.
# Words are split on blanks, and '=' is its own word as with bash's default
# COMP_WORDBREAKS; a line ending in a blank completes a new, empty word.
complete_line() {
    local line=$1 w
    COMP_WORDS=()
    set -f
    for w in $(printf '%s' "$line" | sed 's/=/ = /g'); do
        COMP_WORDS+=("$w")
    done
    set +f
    case $line in *' ' | *=) COMP_WORDS+=("") ;; esac
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    # COMP_WORDS[0] is the program; the completion runs it for plugin names.
    COMP_WORDS[0]=$bin
    "$func" waymark "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | LC_ALL=C sort
}

# expect LINE WORD...: exactly these completions.
expect() {
    local line=$1
    shift
    local want got
    want=$(printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort)
    got=$(complete_line "$line")
    [ "$got" = "$want" ] || fail "'$line' completes to [$(oneline "$got")], expected [$(oneline "$want")]"
}

# offers LINE WORD...: at least these.
offers() {
    local line=$1 w got
    shift
    got=$(complete_line "$line")
    for w in "$@"; do
        printf '%s\n' "$got" | grep -qxF -- "$w" || fail "'$line' does not offer $w (offers: $(oneline "$got"))"
    done
}

# The commands of main.c's table.
commands=$(sed -n '/commands\[\] = {/,/^};/p' "$src/core/cli/main.c" |
    grep -oE '\{"[a-z][a-z-]*",' | sed 's/[{",]//g')
[ -n "$commands" ] || fail "no commands found in core/cli/main.c"

# shellcheck disable=SC2086 # word lists
expect "waymark " $commands help
expect "waymark bat" batch
expect "waymark batch --sh" --shard
expect "waymark plan --format " json csv md doc
expect "waymark plan --format=c" csv
expect "waymark new-plugin --stage pr" prioritise
offers "waymark new-plugin --stage " validate prioritise document
# The stages come from the binary (`waymark plugins stages`, from the one
# table core/plan/stages.def), and they are those new-plugin's help lists.
help_stages=$("$bin" new-plugin --help | sed -n '/STAGE is the pipeline stage/,/^Options:/p' |
    awk '/^  [a-z]/ { print $1 }')
# shellcheck disable=SC2086 # word lists
expect "waymark new-plugin --stage " $help_stages
expect "waymark --v" --version
expect "waymark plugins " info list stages
expect "waymark help re" render

# Files and folders, in a scratch folder.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/clients/acme" "$work/out"
: > "$work/northwind.yaml"
: > "$work/notes.txt"
: > "$work/brand.yml"
cd "$work" || exit 1
expect "waymark render " brand.yml clients out northwind.yaml
expect "waymark render n" northwind.yaml
expect "waymark validate no" northwind.yaml
expect "waymark batch -o " clients out
expect "waymark batch --output o" out
expect "waymark render --brand b" brand.yml
expect "waymark init c" clients
expect "waymark render --plugin-timeout " # a number: nothing
: > "$work/-x.yaml"
expect "waymark render -- -" -x.yaml # after --, files even when they start with '-'

# Plugin names for `plugins info`, as `waymark plugins list` has them.
offers "waymark plugins info " estimate/pert prioritise/wsjf document/standard
expect "waymark plugins info estimate/" estimate/pert

# Drift: every option of every command's --help is offered after '-'.
n=0
for c in $commands; do
    opts=$("$bin" "$c" --help | grep -E '^  -' | sed -E 's/^  //; s/  .*//; s/ [A-Z][^,]*$//' |
        grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[ ,]*//')
    [ -n "$opts" ] || fail "no options found in 'waymark $c --help'"
    # shellcheck disable=SC2086
    offers "waymark $c -" $opts
    # shellcheck disable=SC2086
    n=$((n + $(printf '%s\n' $opts | wc -l)))
done

if [ $fails -ne 0 ]; then
    echo "FAIL: $fails completion checks failed"
    exit 1
fi
echo "ok: completion of commands, options and values; $(echo "$commands" | wc -w) commands, $n options of their --help offered"
