#!/bin/sh
# fonts.sh WAYMARK SRCDIR - a brand font that is damaged, cut short or may not
# be embedded is exit 1 at the brand's fonts: line, with what is wrong and a
# hint (never a crash inside libharu, an invisible-text PDF or an exit 4);
# batch with such a brand still ends with its summary and a portfolio; no
# render leaves a font temporary in $TMPDIR, even when it is killed; and a
# sweep over every field the checks read ends in exit 0 or 1, nothing else.
# The broken fonts are made from the bundled Noto Sans by ttf_mutate.py.
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
e=$src/tests/document/cases/minimal.yaml
noto=$src/fonts/NotoSans-Regular.ttf
# mutate < LIST: $tmp/NAME.ttf for each line "NAME EDIT..." (ttf_mutate.py).
mutate() { python3 "$src/tests/render/ttf_mutate.py" "$noto" "$tmp"; }

# brand.yaml naming FONT as the regular face (line 4, column 12).
brand() {
    printf 'format: waymark-brand/1\nname: Fonts\nfonts:\n  regular: %s\n  bold: NotoSans-Bold.ttf\n  italic: NotoSans-Italic.ttf\n' \
        "$1" > "$tmp/brand.yaml"
}

mutate << 'END'
upem0 head.unitsPerEm=0
cut100 cut:100
cut300 cut:300
cut20000 cut:20000
cut200000 cut:200000
cut512000 cut:512000
cut512671 cut:512671
beyond dir.hmtx.offset=600000
noglyphs maxp.numGlyphs=0
metrics hhea.numberOfHMetrics=65535
backwards loca.40=0
pastglyf loca.3317=400000
badcmap cmap4.idDelta2=3285
restricted OS/2.fsType=2
nosubset OS/2.fsType=0x100
editable OS/2.fsType=8
END

# refused CASE REASON: $tmp/CASE.ttf is refused with REASON.
refused() {
    name=$1 want=$2
    brand "$name.ttf"
    st=0
    "$wm" render "$e" -o "$tmp/$name.pdf" --brand "$tmp/brand.yaml" 2> "$tmp/err" || st=$?
    if [ "$st" != 1 ]; then
        echo "FAIL: $name: exit $st, expected 1"; sed 's/^/  /' "$tmp/err"; fails=1; return
    fi
    if ! grep -qF "brand.yaml:4:12: error: the font '$name.ttf' for 'fonts.regular' $want" "$tmp/err" ||
        ! grep -q '^  hint: ' "$tmp/err"; then
        echo "FAIL: $name: expected \"$want\" at brand.yaml:4:12 with a hint, got:"
        sed 's/^/  /' "$tmp/err"; fails=1
    fi
    [ ! -e "$tmp/$name.pdf" ] || { echo "FAIL: $name: a PDF was written"; fails=1; }
}

refused upem0 "is damaged: head.unitsPerEm is 0 (it must be 16 to 16384)"
refused cut100 "is damaged (its table directory is incomplete)"
for at in 300 20000 200000 512000 512671; do
    refused "cut$at" "is cut short: it is $at bytes, but its 'DSIG' table ends at byte 512672"
done
refused beyond "is cut short: it is 512672 bytes, but its 'hmtx' table ends at byte 613266"
refused noglyphs "is damaged: maxp.numGlyphs is 0 (every font has at least the .notdef glyph)"
refused metrics "is damaged: hhea.numberOfHMetrics is 65535 (it must be 1 to maxp.numGlyphs, 3317)"
refused backwards "is damaged: its loca table goes backwards at glyph 39"
refused pastglyf "is damaged: glyph 3316 ends at byte 400000 of the glyf table, past its end (364748 bytes)"
refused badcmap "is damaged: its cmap maps U+0020 to glyph 3317, but the font has only 3317 glyphs"
refused restricted "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x0002) forbid embedding (restricted licence)"
refused nosubset "may not be embedded in a PDF: its licence bits (OS/2 fsType 0x0100) forbid embedding a subset"
# An editable font (fsType 0x0008) is embedded.
brand editable.ttf
"$wm" render "$e" -o "$tmp/editable.pdf" --brand "$tmp/brand.yaml" 2> "$tmp/err" ||
    { echo "FAIL: an editable (fsType 8) font was refused:"; cat "$tmp/err"; fails=1; }
pdffonts "$tmp/editable.pdf" 2>/dev/null | grep -q "NotoSans-Regular" ||
    { echo "FAIL: the editable font is not embedded"; fails=1; }

# batch --brand with a damaged font: every input fails with the font's
# message, and the batch still ends with a summary and a portfolio
# (drawn in the built-in brand) instead of dying in libharu.
mkdir "$tmp/in"
cp "$src/samples/saas-scaleup.yaml" "$src/samples/troubled-delivery.yaml" "$tmp/in/"
cp -r "$src/samples/assets" "$tmp/in/"
brand upem0.ttf
st=0
"$wm" batch "$tmp/in" -o "$tmp/out" -j 2 --brand "$tmp/brand.yaml" > "$tmp/batch.log" 2>&1 || st=$?
[ "$st" = 1 ] || { echo "FAIL: batch with a damaged brand font: exit $st, expected 1"; cat "$tmp/batch.log"; fails=1; }
grep -q "2 inputs: 0 done, 0 skipped (up to date), 2 failed" "$tmp/batch.log" ||
    { echo "FAIL: batch: no summary"; cat "$tmp/batch.log"; fails=1; }
grep -q "head.unitsPerEm is 0" "$tmp/batch.log" ||
    { echo "FAIL: batch: the font's problem is not reported"; fails=1; }
grep -q "warning: portfolio: drawn in the built-in brand, since this brand cannot be used" "$tmp/batch.log" ||
    { echo "FAIL: batch: no warning about the portfolio's brand"; cat "$tmp/batch.log"; fails=1; }
[ -s "$tmp/out/portfolio.csv" ] || { echo "FAIL: batch: no portfolio.csv"; fails=1; }
pdftotext "$tmp/out/portfolio.pdf" - 2>/dev/null | grep -q "2 engagements, 2 failed" ||
    { echo "FAIL: batch: no portfolio.pdf listing the two failures"; fails=1; }

# No font temporaries: none after a render, none ever made (strace), none
# left by a render killed with SIGTERM or SIGKILL at any moment.
mkdir "$tmp/t"
export TMPDIR=$tmp/t
temporaries() { ls -A "$tmp/t"; }
"$wm" render "$e" -o "$tmp/ok.pdf" > /dev/null 2>&1 || { echo "FAIL: plain render"; fails=1; }
[ -z "$(temporaries)" ] || { echo "FAIL: a render left $(temporaries) in TMPDIR"; fails=1; }
if command -v strace > /dev/null 2>&1 && strace -o /dev/null true 2> /dev/null; then
    # (LeakSanitizer cannot run under ptrace: off for this one run.)
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -qq -e trace=open,openat,creat \
        -o "$tmp/trace" "$wm" render "$e" -o "$tmp/ok.pdf" > "$tmp/err" 2>&1 ||
        { echo "FAIL: render under strace"; cat "$tmp/err"; fails=1; }
    if grep -q "waymark-font-" "$tmp/trace"; then
        echo "FAIL: the render made a font temporary:"; grep "waymark-font-" "$tmp/trace"; fails=1
    fi
else
    echo "strace cannot run here: the check that no temporary is ever made was skipped"
fi
for sig in TERM KILL; do
    for delay in 0.02 0.05 0.1 0.15 0.2 0.3 0.5; do
        "$wm" render "$src/samples/regulated-insurer.yaml" -o "$tmp/killed.pdf" > /dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -s "$sig" "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        [ -z "$(temporaries)" ] ||
            { echo "FAIL: SIG$sig after ${delay}s left $(temporaries) in TMPDIR"; fails=1; rm -rf "$tmp/t"/*; }
    done
done
unset TMPDIR

# The sweep: each field the checks read, set to values around its limits.
# Whatever the checks let through must render; the rest is refused.
mkdir "$tmp/sweep"
for field in $(python3 "$src/tests/render/ttf_mutate.py" --fields); do
    for v in 0 1 2 15 16 255 256 0x7FFF 0x8000 0xFFFF; do
        echo "sweep/$(echo "$field" | tr / _)=$v $field=$v"
    done
done | mutate
for font in "$tmp"/sweep/*.ttf; do
    case_=$(basename "$font" .ttf)
    brand "sweep/$case_.ttf"
    st=0
    "$wm" render "$e" -o "$tmp/sweep.pdf" --brand "$tmp/brand.yaml" > "$tmp/err" 2>&1 || st=$?
    case $st in
    0) ;;
    1) grep -q "brand.yaml:4:12: error: the font 'sweep/" "$tmp/err" ||
           { echo "FAIL: sweep $case_: exit 1 without the font's position:"; cat "$tmp/err"; fails=1; } ;;
    *) echo "FAIL: sweep $case_: exit $st"; cat "$tmp/err"; fails=1 ;;
    esac
done
exit $fails
