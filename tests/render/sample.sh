#!/bin/sh
# sample.sh WAYMARK SRCDIR NAME MIN_PAGES MAX_PAGES - render one sample and
# check it: exit status, the PDF as a reader sees it (check_pdf.py), two
# renders byte-identical, the layout dump equal to tests/render/golden/NAME.layout
# (WAYMARK_UPDATE_GOLDEN=1 rewrites the golden file instead).
set -eu
wm=$1 src=$2 name=$3 lo=$4 hi=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000

"$wm" render "$src/samples/$name.yaml" -o "$tmp/a.pdf" --json "$tmp/plan.json" \
    --layout-dump "$tmp/layout.txt"
"$wm" render "$src/samples/$name.yaml" -o "$tmp/b.pdf"
cmp "$tmp/a.pdf" "$tmp/b.pdf" || { echo "FAIL: two renders differ"; exit 1; }
python3 "$src/tests/render/check_pdf.py" "$tmp/a.pdf" "$tmp/plan.json" "$lo" "$hi"

golden="$src/tests/render/golden/$name.layout"
if [ "${WAYMARK_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/layout.txt" "$golden"
    echo "updated $golden"
elif ! diff -u "$golden" "$tmp/layout.txt" > "$tmp/diff"; then
    head -40 "$tmp/diff"
    echo "FAIL: the layout differs from $golden (WAYMARK_UPDATE_GOLDEN=1 to accept)"
    exit 1
fi
