#!/bin/sh
# init.sh WAYMARK SOURCE_DIR - `waymark init [DIR]`: the scaffold validates
# with --strict and renders as written (for any currency and any client
# name), its date and start quarter follow SOURCE_DATE_EPOCH, it never
# overwrites without --force (and then writes nothing at all), and its usage
# errors and output errors have the statuses of cli.md.
set -u
bin=$1 src=$2
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
has() { # has FILE TEXT DESCRIPTION: FILE contains TEXT (fixed string)
    if grep -qF -- "$2" "$1"; then ok "$3"; else bad "$3: no '$2' in"; show "$1"; fi
}
empty_dir() { [ -z "$(ls -A "$1" 2>/dev/null)" ]; }

client='Zoë & Łódź: "Ltd"'
export SOURCE_DATE_EPOCH=1795000000 # 2026-11-18 11:06:40 UTC: Q4, so the start is 2027-Q1

# ---- a new engagement in a new folder, with parents ----
d="$tmp/clients/zoe"
run 0 "init into a new nested folder" "$bin" init --client "$client" --currency EUR "$d"
[ -f "$d/engagement.yaml" ] && [ -f "$d/brand.yaml" ] && ok "both files written" ||
    bad "engagement.yaml and brand.yaml not both written"
has "$tmp/out" "waymark validate --strict $d/engagement.yaml" "the output says to validate"
has "$tmp/out" "waymark render $d/engagement.yaml" "the output says to render"
has "$d/engagement.yaml" "brand: brand.yaml" "the engagement points at the brand"
grep -n '@[A-Z_]*@' "$d/engagement.yaml" "$d/brand.yaml" >"$tmp/markers" &&
    { bad "markers left unfilled"; show "$tmp/markers"; } || ok "no marker left unfilled"
grep -q '^  date: 2026-11-18 ' "$d/engagement.yaml" && ok "date from SOURCE_DATE_EPOCH" ||
    { bad "date is not 2026-11-18"; grep -n 'date:' "$d/engagement.yaml"; }
grep -q '^  start: 2027-Q1 ' "$d/engagement.yaml" && ok "start is the quarter after" ||
    { bad "start is not 2027-Q1"; grep -n 'start:' "$d/engagement.yaml"; }
grep -q '^  currency: EUR ' "$d/engagement.yaml" && ok "--currency fills engagement.currency" ||
    bad "currency is not EUR"

run 0 "the scaffold passes validate --strict" "$bin" validate --strict "$d/engagement.yaml"
has "$tmp/out" "0 warnings" "validate reports no warnings"
[ -s "$tmp/err" ] && { bad "validate printed diagnostics"; show "$tmp/err"; }

# The commented scenario, uncommented, is a valid option that the plan has.
sed -e 's/^# scenarios:/scenarios:/' -e 's/^#   - id: S2/  - id: S2/' \
    -e 's/^#     \([ns]\)/    \1/' -e 's/^#       /      /' \
    "$d/engagement.yaml" >"$d/scenario.yaml"
run 0 "the scaffold's scenario, uncommented, validates" "$bin" validate --strict "$d/scenario.yaml"
has "$tmp/out" "risks, 1 scenario, 0 warnings)" "validate counts the scenario"
run 0 "the scaffold's scenario is planned" "$bin" plan "$d/scenario.yaml"
has "$tmp/out" '"name": "Budget +20%"' "the plan has the scaffold's scenario"

run 0 "the scaffold renders" "$bin" render "$d/engagement.yaml" -o "$tmp/zoe.pdf"
[ -s "$tmp/err" ] && { bad "render printed diagnostics"; show "$tmp/err"; }
if qpdf --check "$tmp/zoe.pdf" >"$tmp/qpdf" 2>&1; then ok "qpdf --check"; else
    bad "qpdf --check fails"
    show "$tmp/qpdf"
fi
pdftotext "$tmp/zoe.pdf" "$tmp/zoe.txt" 2>/dev/null
has "$tmp/zoe.txt" "$client" "the PDF shows the client's name as given"
has "$tmp/zoe.txt" "Your Consultancy · Confidential" "the PDF uses brand.yaml (its footer)"
has "$tmp/zoe.txt" "€" "the PDF shows amounts in euros"

# The name comes back from the file exactly, for awkward names too.
i=0
for name in "$client" "O'Shea & Sons" '- dash first' '*star: "q" #1 \\x' '@at' '{brace}' \
    '  padded  ' 'Ünïcødé 🚀 Ltd' 'yes' '012'; do
    i=$((i + 1))
    "$bin" init --client "$name" "$tmp/names/$i" >/dev/null 2>&1 || { bad "init --client '$name'"; continue; }
    if "$bin" plan "$tmp/names/$i/engagement.yaml" 2>"$tmp/err" >"$tmp/plan.json" &&
        [ "$(jq -r .client.name "$tmp/plan.json")" = "$name" ]; then
        ok "client name round-trips: $name"
    else
        bad "client name does not round-trip: $name"
        show "$tmp/err"
        grep -n 'name:' "$tmp/names/$i/engagement.yaml" | head -2
    fi
done
[ "$(jq -r .client.short_name "$tmp/plan.json" 2>/dev/null)" = "012" ] &&
    ok "a one-word name is its own short name" || bad "short name of '012'"
"$bin" plan "$tmp/names/1/engagement.yaml" 2>/dev/null | jq -r .client.short_name >"$tmp/short"
[ "$(cat "$tmp/short")" = "Zoë" ] && ok "the short name is the first word" ||
    bad "short name is '$(cat "$tmp/short")', expected 'Zoë'"

# A name the loader would refuse is refused by init, so that init never
# writes a file that does not validate: a bidi override, a noncharacter.
for bad_name in "$(printf 'Acme \342\200\256ecnarusni')" "$(printf 'Acme \357\277\277')" \
    "$(printf 'Acme \342\201\247x\342\201\251')"; do
    run 2 "init refuses --client with a bidi control or noncharacter" \
        "$bin" init --client "$bad_name" "$tmp/refused"
    [ ! -e "$tmp/refused" ] && ok "nothing written for a refused --client" || bad "files written"
done
run 0 "init takes a Hebrew name with a right-to-left mark" \
    "$bin" init --client "$(printf '\327\220\327\221 \342\200\217(AB)')" "$tmp/hebrew"
run 0 "and the file validates" "$bin" validate --strict --quiet "$tmp/hebrew/engagement.yaml"

# Every currency in the ISO 4217 table gives a valid file; a few also render.
codes=$(sed -n 's/^    [A-Z_]*[({]"\([A-Z][A-Z][A-Z]\)".*/\1/p' "$src/core/load/currency.c")
n=$(echo "$codes" | wc -l)
[ "$n" -ge 170 ] && ok "$n currencies found in the table" || bad "only $n currencies found"
files=
for c in $codes; do
    "$bin" init --currency "$c" "$tmp/cur/$c" >/dev/null 2>&1 || bad "init --currency $c"
    files="$files $tmp/cur/$c/engagement.yaml"
done
# shellcheck disable=SC2086
run 0 "every currency's scaffold passes validate --strict" "$bin" validate --strict --quiet $files
for c in JPY KWD PLN CHF XAU; do
    run 0 "the $c scaffold renders" "$bin" render "$tmp/cur/$c/engagement.yaml" -o "$tmp/$c.pdf"
done
"$bin" init --currency gbp "$tmp/lower" >/dev/null 2>&1
grep -q '^  currency: GBP ' "$tmp/lower/engagement.yaml" 2>/dev/null &&
    ok "a lower-case code is written in upper case" || bad "--currency gbp not written as GBP"

# The same inputs give the same bytes.
"$bin" init --client "$client" --currency EUR "$tmp/again" >/dev/null 2>&1
cmp -s "$d/engagement.yaml" "$tmp/again/engagement.yaml" && cmp -s "$d/brand.yaml" "$tmp/again/brand.yaml" &&
    ok "the scaffold is reproducible" || bad "two runs with the same inputs differ"

# ---- the date and the start quarter follow SOURCE_DATE_EPOCH ----
date_start() { # date_start EPOCH DATE START
    rm -rf "$tmp/date"
    SOURCE_DATE_EPOCH=$1 "$bin" init "$tmp/date" >/dev/null 2>&1
    if grep -q "^  date: $2 " "$tmp/date/engagement.yaml" 2>/dev/null &&
        grep -q "^  start: $3 " "$tmp/date/engagement.yaml"; then
        ok "SOURCE_DATE_EPOCH=$1: date $2, start $3"
    else
        bad "SOURCE_DATE_EPOCH=$1: expected date $2 and start $3"
        grep -n '^  date:\|^  start:' "$tmp/date/engagement.yaml"
    fi
}
date_start 1800000000 2027-01-15 2027-Q2   # 1800000000 s = 20833 days + 28800 s
date_start 1798761599 2026-12-31 2027-Q1   # the last second of 2026
date_start 1798761600 2027-01-01 2027-Q2   # the first second of 2027
date_start 0 1970-01-01 1970-Q2
run 0 "the start at the end of time keeps the horizon in range" \
    env SOURCE_DATE_EPOCH=253402300799 "$bin" init "$tmp/late"
"$bin" validate --strict "$tmp/late/engagement.yaml" >/dev/null 2>&1 &&
    ok "a scaffold dated 9999-12-31 is valid" || bad "a scaffold dated 9999-12-31 is invalid"

# ---- no DIR: the current directory ----
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && "$bin" init >"$tmp/out" 2>"$tmp/err") && ok "init with no DIR" ||
    { bad "init with no DIR failed"; show "$tmp/err"; }
[ -f "$tmp/cwd/engagement.yaml" ] && [ -f "$tmp/cwd/brand.yaml" ] &&
    ok "no DIR writes into the current directory" || bad "no DIR: files not in the cwd"
has "$tmp/out" "waymark validate --strict engagement.yaml" "no DIR: the next steps name engagement.yaml"
(cd "$tmp/cwd" && "$bin" validate --strict engagement.yaml >/dev/null 2>&1) &&
    ok "no DIR: the files validate from there" || bad "no DIR: validate --strict fails"
(cd "$tmp/cwd" && "$bin" render engagement.yaml >/dev/null 2>&1) && [ -f "$tmp/cwd/engagement.pdf" ] &&
    ok "no DIR: renders from there to engagement.pdf" || bad "no DIR: render fails"

# ---- never overwrite without --force ----
echo "# edited by hand" >>"$tmp/cwd/engagement.yaml"
cp "$tmp/cwd/engagement.yaml" "$tmp/saved.engagement"
cp "$tmp/cwd/brand.yaml" "$tmp/saved.brand"
(cd "$tmp/cwd" && "$bin" init --client "Other Ltd" >"$tmp/out" 2>"$tmp/err")
st=$?
[ "$st" = 4 ] && ok "existing files: exit 4" || { bad "existing files: exit $st, expected 4"; show "$tmp/err"; }
has "$tmp/err" "'engagement.yaml' already exists" "the message names engagement.yaml"
has "$tmp/err" "'brand.yaml' already exists" "the message names brand.yaml"
has "$tmp/err" "--force" "the message suggests --force"
cmp -s "$tmp/cwd/engagement.yaml" "$tmp/saved.engagement" && cmp -s "$tmp/cwd/brand.yaml" "$tmp/saved.brand" &&
    ok "existing files are byte-identical after" || bad "an existing file was changed without --force"

# Only one of the two exists: still nothing at all is written.
mkdir "$tmp/half"
echo "format: waymark-brand/1" >"$tmp/half/brand.yaml"
run 4 "one existing file: exit 4" "$bin" init "$tmp/half"
has "$tmp/err" "brand.yaml' already exists" "the message names the existing file"
[ ! -e "$tmp/half/engagement.yaml" ] && ok "one existing file: the other is not written" ||
    bad "engagement.yaml written although brand.yaml exists"
[ "$(cat "$tmp/half/brand.yaml")" = "format: waymark-brand/1" ] && ok "the existing brand is kept" ||
    bad "brand.yaml changed without --force"

run 0 "--force overwrites" sh -c 'cd "$1" && "$2" init --force --client "Other Ltd"' sh "$tmp/cwd" "$bin"
grep -q '^  name: "Other Ltd"$' "$tmp/cwd/engagement.yaml" && ! grep -q "edited by hand" "$tmp/cwd/engagement.yaml" &&
    ok "--force replaced engagement.yaml" || bad "--force did not replace engagement.yaml"
run 0 "--force also writes the missing file" "$bin" init --force "$tmp/half"
grep -q '^name: Your Consultancy' "$tmp/half/brand.yaml" && [ -f "$tmp/half/engagement.yaml" ] &&
    ok "--force wrote both files" || bad "--force did not write both files"
mkdir -p "$tmp/dirclash/engagement.yaml"
run 4 "a directory named engagement.yaml: exit 4, even with --force" "$bin" init --force "$tmp/dirclash"
has "$tmp/err" "is a directory" "the message says it is a directory"
[ ! -e "$tmp/dirclash/brand.yaml" ] && ok "nothing written beside it" || bad "brand.yaml written beside a clash"

# ---- DIR is a file ----
echo "notes" >"$tmp/notes.txt"
run 4 "DIR is a file: exit 4" "$bin" init "$tmp/notes.txt"
has "$tmp/err" "'$tmp/notes.txt': it is a file, not a directory" "DIR is a file: the message says so"
[ "$(cat "$tmp/notes.txt")" = "notes" ] && ok "the file is left as it was" || bad "DIR the file was changed"
run 4 "DIR under a file: exit 4" "$bin" init "$tmp/notes.txt/sub"
has "$tmp/err" "'$tmp/notes.txt' is a file" "DIR under a file: the message names the file"

# ---- usage errors: exit 2, nothing written ----
mkdir "$tmp/usage"
cd "$tmp/usage" || exit 1
run 2 "unknown option" "$bin" init --bogus
has "$tmp/err" "unknown option '--bogus'" "the unknown option is named"
run 2 "unknown currency" "$bin" init --currency GPB
has "$tmp/err" "unknown currency 'GPB' (did you mean 'GBP'?)" "a near currency is suggested"
run 2 "XXX (no currency) is refused" "$bin" init --currency XXX
run 2 "a symbol is not a currency code" "$bin" init --currency '£'
has "$tmp/err" "ISO 4217" "the message asks for an ISO 4217 code"
run 2 "--currency without a code" "$bin" init --currency
run 2 "--client without a name" "$bin" init --client
run 2 "a blank --client" "$bin" init --client "   "
run 2 "a --client with a line break" "$bin" init --client "$(printf 'A\nB')"
has "$tmp/err" "control character" "the line break is reported"
run 2 "two directories" "$bin" init a b
empty_dir "$tmp/usage" && ok "usage errors write nothing" || { bad "usage errors wrote files"; ls -A "$tmp/usage"; }
cd "$tmp" || exit 1

# ---- --help ----
run 0 "--help" "$bin" init --help
for word in "usage: waymark init" --client --currency --force --help "waymark validate --strict" \
    "waymark render" SOURCE_DATE_EPOCH; do
    has "$tmp/out" "$word" "--help mentions $word"
done
run 0 "waymark help init" "$bin" help init
"$bin" --help | grep -q '^  init ' && ok "waymark --help lists init" || bad "waymark --help lacks init"

exit $fail
