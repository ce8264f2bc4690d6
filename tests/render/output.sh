#!/bin/sh
# output.sh WAYMARK SRCDIR - where the output goes, and what happens when it
# cannot be written: the default name, exit 4 with a message and no stray
# file, an existing file left intact, --json written next to the PDF.
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
cp "$src/samples/saas-scaleup.yaml" "$tmp/northwind.yaml"
[ -d "$src/samples/assets" ] && cp -r "$src/samples/assets" "$tmp/"

# Default: <stem>.pdf in the current directory.
(cd "$tmp" && "$wm" render northwind.yaml)
[ -s "$tmp/northwind.pdf" ] || { echo "FAIL: no northwind.pdf in the current directory"; fails=1; }

# A folder that does not exist: exit 4, a message, nothing written.
st=0
"$wm" render "$tmp/northwind.yaml" -o "$tmp/missing/out.pdf" 2> "$tmp/err" || st=$?
[ "$st" = 4 ] || { echo "FAIL: exit $st for an unwritable output, expected 4"; fails=1; }
grep -q "out.pdf" "$tmp/err" || { echo "FAIL: the message does not name the file:"; cat "$tmp/err"; fails=1; }

# The output is a folder: exit 4, the folder untouched, no temporary left.
mkdir "$tmp/dir.pdf"
st=0
"$wm" render "$tmp/northwind.yaml" -o "$tmp/dir.pdf" 2> "$tmp/err" || st=$?
[ "$st" = 4 ] || { echo "FAIL: exit $st when the output is a folder, expected 4"; fails=1; }
[ -z "$(ls -A "$tmp/dir.pdf")" ] || { echo "FAIL: the folder was written into"; fails=1; }
leftovers=$(ls -A "$tmp" | grep -v -x -e northwind.yaml -e northwind.pdf -e err -e dir.pdf -e assets || true)
[ -z "$leftovers" ] || { echo "FAIL: files left behind: $leftovers"; fails=1; }

# --json: the plan beside the PDF, the same as 'waymark plan'.
"$wm" render "$tmp/northwind.yaml" -o "$tmp/a.pdf" --json "$tmp/a.json"
"$wm" plan "$tmp/northwind.yaml" > "$tmp/b.json"
cmp -s "$tmp/a.json" "$tmp/b.json" || { echo "FAIL: --json differs from 'waymark plan'"; fails=1; }

# A failed render (a plugin error) leaves the old PDF as it was.
cp "$tmp/a.pdf" "$tmp/keep.pdf"
printf 'return { name = "boom", version = "1.0.0", api_version = 1,\n  hooks = { document = function() error("no") end } }\n' > "$tmp/boom.lua"
printf 'plugins:\n  - ./boom.lua\n' >> "$tmp/northwind.yaml"
st=0
"$wm" render "$tmp/northwind.yaml" -o "$tmp/a.pdf" 2> "$tmp/err" || st=$?
[ "$st" = 3 ] || { echo "FAIL: exit $st for a failing plugin, expected 3"; fails=1; }
cmp -s "$tmp/a.pdf" "$tmp/keep.pdf" || { echo "FAIL: the old PDF was changed by a failed render"; fails=1; }
exit $fails
