#!/bin/sh
# date.sh WAYMARK SOURCE_DIR - "never the clock" (core/base/docdate.h,
# docs/engagement.md#the-documents-date):
#   - an undated engagement renders with no date on its cover, none in the
#     appendix and none in the PDF's properties, and two renders a second
#     apart give the same bytes with SOURCE_DATE_EPOCH unset;
#   - portfolio.pdf is dated by its newest engagement, has the same bytes
#     in two batches a second apart, and has no date when no client is dated;
#   - a malformed SOURCE_DATE_EPOCH is refused by render, plan, batch and
#     init with exit 2 and the message of docs/errors.md;
#   - validate --strict warns about a missing engagement.date.
set -u
bin=$1 src=$2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok: $*"; }
show() { sed 's/^/  | /' "$@"; }
run() { # run WANT DESCRIPTION COMMAND...: stdout to $tmp/out, stderr to $tmp/err
    want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" = "$want" ]; then ok "$what"; else
        bad "$what: exit $got, expected $want"
        show "$tmp/out" "$tmp/err" | head -20
    fi
}
has() { # has FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then ok "$3"; else bad "$3: no '$2' in"; show "$1" | head -20; fi
}
hasnt() { # hasnt FILE REGEX DESCRIPTION
    if grep -qE -- "$2" "$1"; then bad "$3:"; grep -E -- "$2" "$1" | show | head -5; else ok "$3"; fi
}
unset SOURCE_DATE_EPOCH
export XDG_DATA_HOME="$tmp/xdg" TMPDIR="$tmp"
cd "$tmp" || exit 1
cp -R "$src/samples/assets" assets
sed '/^  date: /d' "$src/samples/saas-scaleup.yaml" >undated.yaml
cp "$src/samples/saas-scaleup.yaml" dated.yaml # date: 2026-11-24

# ---- an undated engagement ----
run 0 "render an undated engagement (no SOURCE_DATE_EPOCH)" "$bin" render undated.yaml -o a.pdf
sleep 1.1
run 0 "render it again a second later" "$bin" render undated.yaml -o b.pdf
cmp -s a.pdf b.pdf && ok "the two PDFs are byte-identical" || bad "the two PDFs differ"
pdftotext -l 1 a.pdf cover.txt
months='January|February|March|April|May|June|July|August|September|October|November|December'
hasnt cover.txt "($months) [0-9]{4}" "the cover shows no date"
pdftotext a.pdf all.txt
tr '\n' ' ' <all.txt | grep -qE 'Date +— ' && ok "the appendix says the date is not given (—)" ||
    bad "the appendix's Date is not '—'"
pdfinfo -isodates a.pdf >info.txt
hasnt info.txt "^(CreationDate|ModDate):" "the PDF's properties carry no date"

run 0 "render a dated engagement" "$bin" render dated.yaml -o d.pdf
pdftotext -l 1 d.pdf cover.txt
has cover.txt "24 November 2026" "the cover shows engagement.date"
pdfinfo -isodates d.pdf >info.txt
has info.txt "2026-11-24T00:00:00" "the PDF is dated engagement.date, 00:00 UTC"
SOURCE_DATE_EPOCH=1795000000 "$bin" render undated.yaml -o s.pdf 2>"$tmp/err"
pdftotext -l 1 s.pdf cover.txt
has cover.txt "18 November 2026" "SOURCE_DATE_EPOCH dates an undated cover"

# ---- the portfolio ----
mkdir in
cp -R assets in/assets
cp "$src/samples/saas-scaleup.yaml" in/a.yaml        # 2026-11-24
cp "$src/samples/troubled-delivery.yaml" in/b.yaml   # 2026-12-14, the newest
cp undated.yaml in/c.yaml
run 0 "batch (no SOURCE_DATE_EPOCH)" "$bin" batch in -o out1 -j 2
sleep 1.1
run 0 "batch again a second later" "$bin" batch in -o out2 -j 2
cmp -s out1/portfolio.pdf out2/portfolio.pdf && ok "portfolio.pdf is byte-identical" ||
    bad "portfolio.pdf differs between two runs"
pdftotext out1/portfolio.pdf pf.txt
has pf.txt "14 December 2026" "the portfolio is dated by its newest engagement"
pdfinfo -isodates out1/portfolio.pdf >info.txt
has info.txt "2026-12-14T00:00:00" "portfolio.pdf's properties carry the same date"
mkdir in2
cp -R assets in2/assets
cp undated.yaml in2/u1.yaml
sed 's/^  name: Brightwater Analytics Ltd/  name: Brightwater Two Ltd/' undated.yaml >in2/u2.yaml
run 0 "batch of undated engagements" "$bin" batch in2 -o out3 -j 2
pdftotext out3/portfolio.pdf pf.txt
hasnt pf.txt "($months) [0-9]{4}" "an undated portfolio shows no date"
pdfinfo -isodates out3/portfolio.pdf >info.txt
hasnt info.txt "^(CreationDate|ModDate):" "an undated portfolio.pdf carries no date"

# ---- a malformed SOURCE_DATE_EPOCH ----
msg="which is not a time: it must be the seconds since 1970-01-01 00:00 UTC in decimal digits, at most 253402300799 (the end of the year 9999)"
for v in abc -1 +5 " 12" "12 " 12x 1.5 1e9 0x10 253402300800 99999999999999999999999; do
    SOURCE_DATE_EPOCH=$v run 2 "render refuses SOURCE_DATE_EPOCH='$v'" "$bin" render dated.yaml -o x.pdf
    has "$tmp/err" "waymark render: error: SOURCE_DATE_EPOCH is '$v', $msg" "... with the message"
    [ -e x.pdf ] && bad "a PDF was written" && rm -f x.pdf
done
for cmd in "plan dated.yaml" "batch in -o out4" "init newdir"; do
    # shellcheck disable=SC2086 # $cmd is a list of words
    SOURCE_DATE_EPOCH=yesterday run 2 "waymark $cmd refuses a malformed SOURCE_DATE_EPOCH" "$bin" $cmd
    has "$tmp/err" "SOURCE_DATE_EPOCH is 'yesterday', $msg" "... with the message"
    has "$tmp/err" "hint: unset SOURCE_DATE_EPOCH, or set it to whole seconds" "... and the hint"
done
[ -e out4 ] || [ -e newdir ] && bad "a refused command wrote something" || ok "nothing written"
SOURCE_DATE_EPOCH= run 0 "an empty SOURCE_DATE_EPOCH counts as unset" "$bin" render undated.yaml -o e.pdf
cmp -s a.pdf e.pdf && ok "... and gives the undated PDF" || bad "an empty SOURCE_DATE_EPOCH changed the PDF"
SOURCE_DATE_EPOCH=253402300799 run 0 "the largest SOURCE_DATE_EPOCH (9999-12-31) is taken" \
    "$bin" render undated.yaml -o m.pdf
pdftotext -l 1 m.pdf cover.txt
has cover.txt "31 December 9999" "... and dates the cover 31 December 9999"

# ---- validate --strict ----
run 1 "validate --strict fails an undated engagement" "$bin" validate --strict undated.yaml
has "$tmp/err" "undated.yaml:13:1: warning: engagement.date is not set, so the PDF carries no date (unless SOURCE_DATE_EPOCH is set)" \
    "... with a warning at the engagement: key"
has "$tmp/err" "hint: add 'date: YYYY-MM-DD' under engagement" "... and a hint"
run 0 "validate without --strict says nothing about it" "$bin" validate undated.yaml
hasnt "$tmp/err" "engagement.date" "... no warning"

[ "$fail" = 0 ] && echo "all passed" || echo "FAILED"
exit "$fail"
