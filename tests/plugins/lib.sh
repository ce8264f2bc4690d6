# lib.sh - helpers shared by the tests/plugins scripts (sourced, not run):
# a temporary folder removed at exit, ok/bad reporting, and `run` which
# checks a command's exit status and keeps its output in $tmp/out, $tmp/err.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
show() { sed 's/^/  | /' "$@"; }
# run WANT DESCRIPTION COMMAND...: stdout to $tmp/out, stderr to $tmp/err.
run() {
    want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then
        ok "$what"
    else
        bad "$what: exit $got, expected $want"
        show "$tmp/out" "$tmp/err"
    fi
}
# has FILE TEXT DESCRIPTION: FILE contains TEXT (a fixed string).
has() {
    if grep -qF -- "$2" "$1"; then ok "$3"; else bad "$3: no '$2' in"; show "$1"; fi
}
# hasnt FILE TEXT DESCRIPTION: FILE does not contain TEXT.
hasnt() {
    if grep -qF -- "$2" "$1"; then bad "$3: '$2' in"; show "$1"; else ok "$3"; fi
}
# pdf_text PDF OUT: the PDF's text, in reading order, without pdftotext's
# warnings about the fonts' ToUnicode maps.
pdf_text() { pdftotext -layout "$1" "$2" 2>/dev/null; }
