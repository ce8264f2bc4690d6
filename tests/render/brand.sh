#!/bin/sh
# brand.sh WAYMARK SRCDIR - brands as the user sees them: --brand overrides
# the built-in one (A4 or US Letter, the firm's logo on the cover next to
# the client's, the brand's footer), a bad brand file is exit 1 with its
# position, and an engagement's own engagement.brand is used.
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
e=$src/samples/saas-scaleup.yaml

"$wm" render "$e" -o "$tmp/default.pdf"
"$wm" render "$e" -o "$tmp/keel.pdf" --brand "$src/samples/brands/keel.yaml"
"$wm" render "$e" -o "$tmp/letter.pdf" --brand "$src/samples/brands/keel-letter.yaml"

size() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Page size: *//p'; }
case $(size "$tmp/default.pdf") in 595.2*x\ 841.8*) ;; *) echo "FAIL: default brand is not A4: $(size "$tmp/default.pdf")"; fails=1 ;; esac
case $(size "$tmp/keel.pdf") in 595.2*x\ 841.8*) ;; *) echo "FAIL: keel brand is not A4"; fails=1 ;; esac
case $(size "$tmp/letter.pdf") in "612 x 792"*) ;; *) echo "FAIL: keel-letter is not US Letter: $(size "$tmp/letter.pdf")"; fails=1 ;; esac

# Logos: the client's alone on the default brand; the firm's and the client's with Keel.
images() { pdfimages -list "$1" 2>/dev/null | awk '$3 == "image"' | wc -l; }
n_default=$(images "$tmp/default.pdf")
n_keel=$(images "$tmp/keel.pdf")
[ "$n_default" = 1 ] || { echo "FAIL: default brand: $n_default images, expected the client logo only"; fails=1; }
[ "$n_keel" = 2 ] || { echo "FAIL: keel brand: $n_keel images, expected two logos"; fails=1; }

# The brand's footer text is on page 2.
footer=$(sed -n 's/^footer: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$src/samples/brands/keel.yaml")
if [ -n "$footer" ] && ! pdftotext -f 2 -l 2 "$tmp/keel.pdf" - 2>/dev/null | grep -qF "$footer"; then
    echo "FAIL: the keel footer '$footer' is not on page 2"; fails=1
fi
cmp -s "$tmp/default.pdf" "$tmp/keel.pdf" && { echo "FAIL: --brand changed nothing"; fails=1; }

# The built-in brand with its fonts missing (an incomplete installation):
# exit 1, the font named, and a hint saying how to mend it.
mkdir -p "$tmp/data"
cp -r "$src/plugins" "$src/playbooks" "$tmp/data/"
st=0
WAYMARK_DATA_DIR=$tmp/data "$wm" render "$e" -o "$tmp/nofonts.pdf" 2> "$tmp/err" || st=$?
[ "$st" = 1 ] || { echo "FAIL: missing built-in fonts: exit $st, expected 1"; fails=1; }
grep -q "error: font: cannot read the font '$tmp/data/fonts/" "$tmp/err" ||
    { echo "FAIL: missing built-in fonts: the font is not named:"; cat "$tmp/err"; fails=1; }
grep -q "hint: reinstall Waymark" "$tmp/err" ||
    { echo "FAIL: missing built-in fonts: no hint"; fails=1; }
[ ! -e "$tmp/nofonts.pdf" ] || { echo "FAIL: missing built-in fonts: a PDF was written"; fails=1; }

# A bad brand: exit 1, file:line:col, nothing written.
printf 'format: waymark-brand/1\nname: Bad\ncolours:\n  primary: "#12345"\n' > "$tmp/bad.yaml"
st=0
"$wm" render "$e" -o "$tmp/bad.pdf" --brand "$tmp/bad.yaml" 2> "$tmp/err" || st=$?
[ "$st" = 1 ] || { echo "FAIL: exit $st for a bad brand, expected 1"; fails=1; }
grep -q "bad.yaml:4:[0-9]*: error" "$tmp/err" || { echo "FAIL: no position for the bad colour:"; cat "$tmp/err"; fails=1; }
[ ! -e "$tmp/bad.pdf" ] || { echo "FAIL: a PDF was written despite the bad brand"; fails=1; }

# engagement.brand, relative to the engagement file; a missing one is reported at its line.
mkdir "$tmp/client" && cp -r "$src/samples/assets" "$tmp/client/"
sed "s|^  currency:|  brand: ../brand/keel.yaml\n  currency:|" "$e" > "$tmp/client/e.yaml"
st=0
"$wm" render "$tmp/client/e.yaml" -o "$tmp/x.pdf" 2> "$tmp/err" || st=$?
[ "$st" = 1 ] && grep -q "e.yaml:[0-9]*:[0-9]*: error: engagement.brand: cannot read" "$tmp/err" ||
    { echo "FAIL: a missing engagement.brand: exit $st"; cat "$tmp/err"; fails=1; }
mkdir "$tmp/brand" && cp "$src/samples/brands/"* "$tmp/brand/"
"$wm" render "$tmp/client/e.yaml" -o "$tmp/x.pdf" 2> "$tmp/err" || { echo "FAIL: engagement.brand render"; cat "$tmp/err"; fails=1; }
exit $fails
