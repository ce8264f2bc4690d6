# lib.sh - what the `waymark batch` tests share.  Sourced by
# tests/batch/*.sh after `bin=$1 src=$2`; it leaves the caller in a fresh
# temporary folder ($tmp, removed on exit) with:
#
#   TMPDIR         $tmp/tmpdir, private: anything a batch leaves in
#                  $TMPDIR (it should leave nothing) can be seen
#   XDG_DATA_HOME  an empty folder: a user's own plugins never count
#   SOURCE_DATE_EPOCH  fixed, for byte-identical PDFs
#
# and these helpers (each prints "ok: ..." or "FAIL: ..."; any FAIL sets
# fail=1, and the script ends with `finish`):
#
#   run WANT WHAT CMD...     CMD's exit status is WANT; stdout in $tmp/stdout,
#                            stderr in $tmp/stderr
#   has FILE TEXT WHAT       FILE contains TEXT (a fixed string)
#   engagements DIR N [FIRST [SAMPLE]]  N engagements DIR/eNN.yaml
#                            (numbered from FIRST, default 1): the samples in
#                            turn (or SAMPLE only), each with its own
#                            client.name, assets/ copied beside
#   pdfs_valid DIR WHAT      every DIR/*.pdf passes qpdf --check (a PDF with
#                            bytes already checked is not checked again)
#   no_temps DIR WHAT        no .NAME.pdf.tmp.* in DIR, nothing left in
#                            $TMPDIR
#   no_tmpdir_left WHAT      nothing left in $TMPDIR (waymark-* or else)
#   manifest_ok DIR WHAT [ARGS]  manifest.py check DIR ARGS
#   mf CMD DIR ARGS          manifest.py CMD DIR ARGS
#   statuses DIR             "NAME STATUS" lines
#   count_status DIR STATUS  how many records have STATUS
set -u
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
src=$(cd "$src" && pwd)
export SOURCE_DATE_EPOCH=1795000000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP
export TMPDIR="$tmp/tmpdir"
export XDG_DATA_HOME="$tmp/xdg"
mkdir -p "$TMPDIR" "$XDG_DATA_HOME"
WAYMARK_DATA_DIR=${WAYMARK_DATA_DIR:-$src}
export WAYMARK_DATA_DIR
cd "$tmp" || exit 1

fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
show() { sed 's/^/  | /' "$@"; }
finish() {
    [ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
    exit "$fail"
}

run() {
    _want=$1 _what=$2
    shift 2
    "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    _got=$?
    if [ "$_got" = "$_want" ]; then
        ok "$_what"
    else
        bad "$_what: exit $_got, expected $_want"
        show "$tmp/stdout" "$tmp/stderr" | head -40
    fi
}

has() {
    if grep -qF -- "$2" "$1"; then ok "$3"; else
        bad "$3: no '$2' in"
        show "$1" | head -40
    fi
}

engagements() {
    _dir=$1 _n=$2 _i=${3:-1}
    mkdir -p "$_dir"
    [ -e "$_dir/assets" ] || cp -R "$src/samples/assets" "$_dir/assets"
    _end=$((_i + _n))
    while [ "$_i" -lt "$_end" ]; do
        _name=$(printf 'e%02d' "$_i")
        case ${4:-}:$((_i % 3)) in
        :0) _sample=regulated-insurer ;;
        :1) _sample=saas-scaleup ;;
        :2) _sample=troubled-delivery ;;
        *) _sample=$4 ;;
        esac
        sed "/^client:/,/^[^ #]/ s/^  name: .*/  name: \"Client $_name ($_sample) Ltd\"/" \
            "$src/samples/$_sample.yaml" >"$_dir/$_name.yaml"
        grep -q "^  name: \"Client $_name " "$_dir/$_name.yaml" ||
            { echo "FAIL: client.name not replaced in $_dir/$_name.yaml"; exit 1; }
        _i=$((_i + 1))
    done
}

pdfs_valid() {
    # sha256 and path of each PDF whose bytes have not been checked yet
    # (paths here have no blanks); then qpdf --check on them, 4 at once.
    ls "$1"/*.pdf >/dev/null 2>&1 || { ok "$2: no PDF to check"; return; }
    touch "$tmp/qpdf-checked"
    sha256sum "$1"/*.pdf | awk -v seen="$tmp/qpdf-checked" \
        'FILENAME == seen { done[$1] = 1; next } !done[$1]' "$tmp/qpdf-checked" - >"$tmp/qpdf-todo"
    awk '{ print $2 }' "$tmp/qpdf-todo" |
        xargs -r -n 1 -P 4 sh -c 'qpdf --check "$1" >/dev/null 2>&1 || echo "$1"' sh >"$tmp/qpdf-bad"
    if [ -s "$tmp/qpdf-bad" ]; then
        bad "$2: qpdf --check fails on:"
        show "$tmp/qpdf-bad"
    else
        ok "$2: every PDF passes qpdf --check"
    fi
    awk -v failed="$tmp/qpdf-bad" 'FILENAME == failed { no[$1] = 1; next } !no[$2] { print $1 }' \
        "$tmp/qpdf-bad" "$tmp/qpdf-todo" >>"$tmp/qpdf-checked"
}

no_tmpdir_left() {
    _left=$(ls -A "$TMPDIR")
    if [ -z "$_left" ]; then ok "$1: nothing left in \$TMPDIR"; else
        bad "$1: left in \$TMPDIR:"
        echo "$_left" | show
    fi
}

no_temps() {
    _left=$(find "$1" -name '.*.tmp.*' 2>/dev/null; ls -A "$TMPDIR" 2>/dev/null)
    if [ -z "$_left" ]; then ok "$2: no temporary files left"; else
        bad "$2: temporary files left:"
        echo "$_left" | show
    fi
}

# The interpreter itself, not a version manager's shim in front of it.
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PYTHON=python3
[ -x "$PYTHON" ] || PYTHON=python3
mf() { "$PYTHON" "$src/tests/batch/manifest.py" "$@"; }

manifest_ok() {
    _d=$1 _w=$2
    shift 2
    if mf check "$_d" "$@"; then ok "$_w: manifest parses and is consistent"; else
        bad "$_w: manifest"
    fi
}

statuses() { mf status "$1"; }
count_status() { mf status "$1" | awk -v s="$2" '$2 == s' | wc -l | tr -d ' '; }
