#!/bin/sh
# unicode.sh WAYMARK SRCDIR - text from every source reaches the PDF whatever
# its characters: a flag emoji (two regional indicators, which libunibreak
# 1.1 aborted on), a ZWJ family, combining marks, a variation selector and
# bidi controls in the engagement's title, the brand's name and footer, and
# a plugin's section render (exit 0), and the text around them is on the
# pages, read back with pdftotext.  Characters beyond U+FFFF are drawn as
# U+FFFD, a flag as its two letters (tests/render/glyphs.sh).
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
bad() { echo "FAIL: $*"; fails=1; }

flag=$(printf '\360\237\207\254\360\237\207\247')                                 # GB
family=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
marks=$(printf 'e\314\201\314\202 \342\235\244\357\270\217 \342\200\256abc\342\200\254')

cp -r "$src/samples/assets" "$tmp/"
sed "s/^  title: Technology Roadmap and Handover Playbook/  title: \"Launch in the UK $flag\"/" \
    "$src/samples/saas-scaleup.yaml" >"$tmp/flag.yaml"
grep -q "Launch in the UK" "$tmp/flag.yaml" || bad "the sample's title line was not found"
cat >>"$tmp/flag.yaml" <<YAML
plugins:
  - ./emoji.lua
YAML
cat >"$tmp/emoji.lua" <<LUA
local function document()
  return { waymark.section { id = "emoji", title = "Flags $flag", blocks = {
    waymark.paragraph { "Plugin text $flag$flag and $family, ", waymark.bold("bold $marks"),
                        " ", waymark.link("link $flag", "https://example.org/") },
    waymark.table { columns = { "Market $flag", "Note" }, rows = { { "UK $flag", "$marks" } } },
  } } }
end
return { name = "emoji", version = "1.0.0", api_version = 1, hooks = { document = document } }
LUA
sed -e "s/^name: Keel Advisory/name: \"Keel $flag Advisory\"/" \
    -e "s/^footer: .*/footer: \"Keel footer $flag $family\"/" \
    "$src/samples/brands/keel.yaml" >"$tmp/brand.yaml"
cp "$src/samples/brands/keel-logo.png" "$tmp/"

"$wm" validate "$tmp/flag.yaml" >/dev/null || bad "validate refuses the flag title"
st=0
"$wm" render "$tmp/flag.yaml" --brand "$tmp/brand.yaml" -o "$tmp/flag.pdf" 2>"$tmp/err" || st=$?
if [ "$st" != 0 ]; then
    bad "render exited $st with a flag in the title, brand and plugin text"
    cat "$tmp/err"
    exit 1
fi
pdftotext "$tmp/flag.pdf" "$tmp/flag.txt" 2>/dev/null
for want in "Launch in the UK" "Flags" "Plugin text" "Market" "Keel footer"; do
    grep -qF "$want" "$tmp/flag.txt" || bad "'$want' is not in the PDF"
done
pdftotext -f 1 -l 1 "$tmp/flag.pdf" - 2>/dev/null | grep -qF "Keel" || bad "the brand name is not on the cover"
exit $fails
