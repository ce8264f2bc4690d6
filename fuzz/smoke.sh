#!/bin/sh
# smoke.sh FUZZER... [SECONDS] - a short libFuzzer run of each target in
# turn (default 20 s each), seeded by convention (fuzz/README.md):
#
#   fuzz/NAME.seeds        globs relative to the source tree, one a line
#                          ('#' starts a comment): files copied into the corpus
#   fuzz/corpus/NAME/      committed seeds, copied too
#   fuzz/NAME.dict         the libFuzzer dictionary, when there is one
#
# where NAME is the fuzzer's file name (fuzz_load, fuzz_brand, ...).  Fails
# on any crash, leak, sanitizer report or input slower than 2 s (10 s for
# the targets that lay out and draw a PDF); a crashing
# input is kept as crash-* (FUZZ_ARTIFACTS, default the current folder).
# FUZZ_CORPUS_KEEP=DIR keeps each target's corpus in DIR/NAME for a later run.
set -eu
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
seconds=20
fuzzers=
for a in "$@"; do
    case $a in
    *[!0-9]* | '') fuzzers="$fuzzers $a" ;;
    *) seconds=$a ;;
    esac
done
if [ -z "$fuzzers" ]; then
    echo "usage: smoke.sh FUZZER... [SECONDS]" >&2
    exit 2
fi
artifacts=${FUZZ_ARTIFACTS:-.}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# seeds NAME DIR: copies NAME's seeds into DIR; prints how many.
seeds() {
    mkdir -p "$2"
    if [ -f "$here/$1.seeds" ]; then
        sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/$1.seeds" | while IFS= read -r glob; do
            # shellcheck disable=SC2086 # the glob is expanded on purpose
            for f in "$src"/$glob; do
                [ -f "$f" ] || continue
                # the folder in the name keeps same-named seeds apart
                cp "$f" "$2/$(basename "$(dirname "$f")")-$(basename "$f")"
            done
        done
    fi
    if [ -d "$here/corpus/$1" ]; then
        cp "$here/corpus/$1"/* "$2"/ 2>/dev/null || :
    fi
    find "$2" -type f | wc -l
}

status=0
for fuzzer in $fuzzers; do
    [ -f "$fuzzer" ] && [ -x "$fuzzer" ] || continue # a glob's stray match
    name=$(basename "$fuzzer")
    corpus=${FUZZ_CORPUS_KEEP:+$FUZZ_CORPUS_KEEP/$name}
    corpus=${corpus:-$work/$name}
    n=$(seeds "$name" "$corpus")
    # A document or a font lays out and draws a PDF: up to 10 s; the rest 2 s.
    case $name in
    fuzz_document | fuzz_font) timeout=10 ;;
    *) timeout=2 ;;
    esac
    set -- -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$artifacts/$name-"
    if [ -f "$here/$name.dict" ]; then
        set -- "$@" -dict="$here/$name.dict"
    fi
    echo "== $name: ${seconds}s from $n seeds"
    if ! "$fuzzer" "$@" "$corpus" > "$work/$name.log" 2>&1; then
        status=1
        echo "FAIL $name:"
        tail -n 60 "$work/$name.log"
    else
        grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' \
            "$work/$name.log" || tail -n 5 "$work/$name.log"
    fi
done
exit $status
