#!/bin/sh
# glyphs.sh WAYMARK SRCDIR - characters beyond Latin reach the PDF (issue
# 16): Chinese, Japanese, Korean and symbols in the client's name, the
# title and an initiative's title are drawn by the bundled fallback chain
# and read back with pdftotext; a flag prints as its two letters; no '?'
# takes the place of a character; emoji and other characters beyond U+FFFF
# are drawn by the font of the chain that has them (DejaVu Sans, Symbola)
# and read back as written; what no bundled font has (a Yi syllable, the
# ballet shoes U+1FA70 of Unicode 12) is drawn as U+FFFD and `render`
# warns once per character with the field and its line:column; Arabic is
# joined and drawn right to left, and copies back as its letters, with no
# warning; Devanagari gets a warning that it cannot be shaped;
# `validate --strict` warns too;
# a plugin's text is reported with its section and plugin.
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
bad() { echo "FAIL: $*"; fails=1; }

cp -r "$src/samples/assets" "$tmp/"
python3 - "$src/samples/saas-scaleup.yaml" "$tmp/g.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
def sub(old, new):
    global s
    assert old in s, old
    s = s.replace(old, new, 1)
sub('name: "Brightwater Analytics Ltd"', 'name: "华东物流有限公司 شركة الخليج नमस्ते"')
sub("title: Technology Roadmap and Handover Playbook",
    'title: "東京ロードマップ 서울 로드맵 ★✓☎ 🇬🇧 😀 🦄 𝔸 ꀀ 🩰"')
sub("title: Production infrastructure as code", 'title: "华东 infrastructure ✓ 😀"')
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY

st=0
"$wm" render "$tmp/g.yaml" -o "$tmp/g.pdf" 2>"$tmp/err" || st=$?
[ "$st" = 0 ] || { bad "render exited $st"; cat "$tmp/err"; exit 1; }
pdftotext -f 1 -l 1 "$tmp/g.pdf" "$tmp/cover.txt" 2>/dev/null
pdftotext "$tmp/g.pdf" "$tmp/all.txt" 2>/dev/null
for want in "华东物流有限公司" "東京ロードマップ" "서울 로드맵" "★✓☎" "GB" "شركة الخليج"; do
    grep -qF "$want" "$tmp/cover.txt" || bad "'$want' is not on the cover"
done
grep -qF "华东 infrastructure ✓" "$tmp/all.txt" || bad "the initiative's title is not in the PDF"
grep -q '?' "$tmp/cover.txt" && bad "a '?' is on the cover: $(grep '?' "$tmp/cover.txt")"
for want in "😀 🦄 𝔸" "华东 infrastructure ✓ 😀"; do
    grep -qF "$want" "$tmp/all.txt" || bad "'$want' is not in the PDF's text"
done
grep -qF "$(printf '\357\277\275')" "$tmp/cover.txt" || bad "U+FFFD does not stand in for U+A000 and U+1FA70"
# The emoji is drawn from a font's glyph: the page holds Symbola or DejaVu.
pdffonts "$tmp/g.pdf" 2>/dev/null | grep -q "Symbola" || bad "no Symbola font in the PDF (the unicorn)"

# One warning per character, at the first place it is found.
for want in \
    "g.yaml:8:9: warning: 'client.name' holds an Indic text, which Waymark cannot shape yet: its letters print unjoined, each in its own form" \
    "g.yaml:14:10: warning: 'engagement.title' holds the character U+1FA70, which no font of the brand has: it prints as U+FFFD" \
    "g.yaml:14:10: warning: 'engagement.title' holds the character U+A000, which no font of the brand has: it prints as U+FFFD"; do
    grep -qF "$want" "$tmp/err" || bad "no warning: $want"
done
[ "$(grep -c "U+1FA70" "$tmp/err")" = 1 ] || bad "U+1FA70 is not reported exactly once"
grep -q "U+1F600\|U+1F984\|U+1D538" "$tmp/err" && bad "an emoji a font draws is reported: $(grep U+1F "$tmp/err")"
grep -q "U+1F1E" "$tmp/err" && bad "a flag is reported, though it prints as its letters"
grep -q "Arabic" "$tmp/err" && bad "Arabic is reported, though it is joined: $(grep Arabic "$tmp/err")"
# Drawn joined: the page's text holds Arabic presentation forms (sheen's
# initial form U+FEB7), which the ToUnicode map turns back into letters.
qpdf --qdf --object-streams=disable "$tmp/g.pdf" "$tmp/g.qdf" 2>/dev/null || true
grep -q "<FEB7> <0634>" "$tmp/g.qdf" || bad "no joined form of sheen mapped back to its letter"
# Every composite glyph (the joined forms are composites in DejaVu Sans)
# has its parts in the embedded fonts: libharu wrote some parts empty, and
# the letters printed as their dots alone.
python3 "$src/tests/render/glyf_parts.py" "$tmp/g.pdf" >"$tmp/parts" ||
    { bad "an embedded composite glyph lacks a part"; grep -v " 0 empty" "$tmp/parts"; }

# validate --strict warns too (with the brand's faces) and so fails;
# validate without --strict says nothing about fonts.
st=0
"$wm" validate --strict "$tmp/g.yaml" 2>"$tmp/err.v" >/dev/null || st=$?
[ "$st" = 1 ] || bad "validate --strict exited $st"
grep -qF "g.yaml:14:10: warning: 'engagement.title' holds the character U+1FA70" "$tmp/err.v" ||
    bad "validate --strict does not warn about U+1FA70"
grep -q "cannot shape" "$tmp/err.v" && bad "validate --strict warns about shaping, which render reports"
"$wm" validate "$tmp/g.yaml" >/dev/null 2>&1 || bad "validate refuses the engagement"

# A plugin's text has no position: the warning names its section and plugin,
# once per character, and not for characters already reported above.
cp "$tmp/g.yaml" "$tmp/p.yaml"
printf 'plugins:\n  - ./glyphs.lua\n' >>"$tmp/p.yaml"
cat >"$tmp/glyphs.lua" <<'LUA'
local function document()
  return { waymark.section { id = "glyphs", title = "Glyphs ꀁ", blocks = {
    waymark.paragraph { "Plugin text ꀁ 🚀 😀 🩱 华东 ★" } } } }
end
return { name = "glyphs", version = "1.0.0", api_version = 1, hooks = { document = document } }
LUA
"$wm" render "$tmp/p.yaml" -o "$tmp/p.pdf" 2>"$tmp/err.p" || bad "render with the plugin failed"
for want in \
    "p.yaml: warning: the section 'glyphs' of the plugin 'glyphs' holds the character U+A001, which the brand's fonts cannot draw" \
    "p.yaml: warning: the section 'glyphs' of the plugin 'glyphs' holds the character U+1FA71, which the brand's fonts cannot draw"; do
    grep -qF "$want" "$tmp/err.p" || bad "no warning: $want"
done
[ "$(grep -c "U+1FA70" "$tmp/err.p")" = 1 ] || bad "U+1FA70 is reported again for the plugin"
grep -q "U+1F680" "$tmp/err.p" && bad "the rocket, which Symbola draws, is reported"
pdftotext "$tmp/p.pdf" - 2>/dev/null | grep -qF "🚀 😀" || bad "the plugin's emoji are not in the PDF's text"
[ "$(grep -c "U+A001" "$tmp/err.p")" = 1 ] || bad "U+A001 is not reported exactly once"
pdftotext "$tmp/p.pdf" - 2>/dev/null | grep -qF "Plugin text" || bad "the plugin's text is not in the PDF"

# Markdown keeps the text as written: no warning.
"$wm" render "$tmp/g.yaml" --format md -o "$tmp/g.md" 2>"$tmp/err.md"
grep -q "warning" "$tmp/err.md" && bad "Markdown warns: $(cat "$tmp/err.md")"
grep -qF "😀" "$tmp/g.md" || bad "the emoji is not in the Markdown"

# HTML embeds the fallback faces that draw the text.
"$wm" render "$tmp/g.yaml" --format html -o "$tmp/g.html" 2>/dev/null
grep -q 'font-family:"wm-fallback-2"' "$tmp/g.html" || bad "the HTML embeds no second fallback face"
exit $fails
