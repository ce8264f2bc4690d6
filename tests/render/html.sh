#!/bin/sh
# html.sh WAYMARK SRCDIR - `render --format html` (docs/outputs.md):
#   1. every sample renders to <name>.html by default, and html_check.py
#      finds the structure: doctype, CSP, one h1, nav linking every section,
#      sections labelled by their h2, every block of the document (plan
#      --format doc) as its element, no heading level skipped, tables with
#      <thead>, <th scope=col> and <caption>, SVG charts with role=img and a
#      <title>, the brand's faces embedded, no script;
#   2. markup in the client's name, the title, the firm, an initiative's
#      title, a plugin's section title, table cell and link: it reaches the
#      HTML as text (escaped: &lt; &amp; &quot; &#39;), never as an element
#      or attribute, and the Markdown escapes it too;
#   3. the same file for the same inputs (no clock, no randomness).
set -eu
wm=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
if [ -n "${WM_KEEP_TMP:-}" ]; then # to look at what was made
    echo "keeping $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi
export SOURCE_DATE_EPOCH=1795000000
fails=0
bad() { echo "FAIL: $*"; fails=1; }

# ---- 1. the samples ----
for s in saas-scaleup troubled-delivery regulated-insurer; do
    (cd "$tmp" && "$wm" render "$src/samples/$s.yaml" --format html) || bad "$s: render exited $?"
    f="$tmp/$s.html"
    [ -s "$f" ] || { bad "$s: no $s.html written by default"; continue; }
    "$wm" plan "$src/samples/$s.yaml" --format doc >"$tmp/$s.doc"
    # One <section> per section of the document tree.
    python3 "$here/html_check.py" "$f" --sections "$(grep -c '^section ' "$tmp/$s.doc")" \
        --doc "$tmp/$s.doc" || bad "$s: structure"
    grep -q '@font-face{font-family:"wm-text";font-weight:400' "$f" ||
        bad "$s: the regular face is not embedded"
    grep -q 'data:font/ttf;base64,AAEAAA' "$f" || bad "$s: no TrueType data: URI"
    grep -q 'data:image/png;base64,' "$f" || bad "$s: the client's logo is not on the cover"
    grep -q -- '--wm-primary:#' "$f" || bad "$s: no brand colours"
    grep -q '<svg xmlns="http://www.w3.org/2000/svg" role="img"' "$f" || bad "$s: no chart"
    grep -q '<table class="wm-table wm-data">' "$f" || bad "$s: no chart data table"
    grep -q '<section id="s-playbook" aria-labelledby="s-playbook-h">' "$f" || bad "$s: no playbook section"
    size=$(wc -c <"$f")
    [ "$size" -lt 600000 ] || bad "$s: $size bytes, more than 600 KB"
done

# ---- 2. markup in every text ----
cp -r "$src/samples/assets" "$tmp/"
evil='<img src=x onerror=alert(1)>'
sed -e "s|^  name: \"Brightwater Analytics Ltd\"|  name: 'Acme $evil \& \"Sons\" O''Brien'|" \
    -e "s|^  title: Technology Roadmap and Handover Playbook|  title: '<script>alert(2)</script> Plan \& \"more\"'|" \
    -e "s|firm: Keel Advisory|firm: '<b>Keel</b> \& Co'|" \
    -e "s|    title: Production infrastructure as code|    title: 'Infra $evil \& \"code\"'|" \
    "$src/samples/saas-scaleup.yaml" >"$tmp/evil.yaml"
for want in "Acme <img" "<script>alert(2)" "<b>Keel</b>" "Infra <img"; do
    grep -qF "$want" "$tmp/evil.yaml" || bad "the sample's line for '$want' was not found"
done
cat >>"$tmp/evil.yaml" <<'YAML'
plugins:
  - ./evil.lua
YAML
cat >"$tmp/evil.lua" <<'LUA'
local function document()
  return { waymark.section { id = "evil <x>", title = "Evil <i>section</i> & 'quotes'", blocks = {
    waymark.paragraph { "Text </p><script>alert(3)</script> & ", waymark.bold("<b>bold</b>"),
                        " ", waymark.link("a <link>", "https://example.org/?a=1&b=\"x\"><script>") },
    waymark.table { columns = { "Col <th>", "Note" }, rows = { { "<td>cell</td>", "a & b" } } },
  } } }
end
return { name = "evil", version = "1.0.0", api_version = 1, hooks = { document = document } }
LUA
st=0
"$wm" render "$tmp/evil.yaml" --format html -o "$tmp/evil.html" 2>"$tmp/err" || st=$?
if [ "$st" != 0 ]; then
    bad "render --format html exited $st"
    cat "$tmp/err"
    exit 1
fi
# One <section> per section of the document tree: the sample's and the plugin's.
n=$("$wm" plan "$tmp/evil.yaml" --format doc 2>/dev/null | grep -c '^section ')
python3 "$here/html_check.py" "$tmp/evil.html" --sections "$n" \
    --text "Acme $evil & \"Sons\" O'Brien" \
    --text "<script>alert(2)</script> Plan & \"more\"" \
    --text "<b>Keel</b> & Co" \
    --text "Infra $evil & \"code\"" \
    --text "Evil <i>section</i> & 'quotes'" \
    --text "Text </p><script>alert(3)</script> & " \
    --text "<b>bold</b>" --text "Col <th>" --text "<td>cell</td>" ||
    bad "markup in the engagement or a plugin's text was not kept as text"
for raw in "$evil" "<script>" "<b>Keel" "<i>section" "<td>cell" "\"x\"><script>"; do
    grep -qF -- "$raw" "$tmp/evil.html" && bad "raw markup '$raw' is in the HTML"
done
grep -qF 'Acme &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Sons&quot; O&#39;Brien' \
    "$tmp/evil.html" || bad "the client's name is not escaped as & < > \" ' need"
grep -qF '<title>Acme &lt;img src=x onerror=alert(1)&gt;' "$tmp/evil.html" ||
    bad "the page's <title> is not escaped"
grep -qF 'href="https://example.org/?a=1&amp;b=&quot;x&quot;&gt;&lt;script&gt;"' \
    "$tmp/evil.html" || bad "the link's URL is not escaped in its attribute"
grep -qF 'id="s-evil--x-"' "$tmp/evil.html" || bad "the section id is not made an HTML id"
"$wm" render "$tmp/evil.yaml" --format md -o "$tmp/evil.md" 2>/dev/null || bad "render --format md"
grep -qF 'Acme \<img src=x onerror=alert(1)\> \& "Sons"' "$tmp/evil.md" ||
    bad "the Markdown does not escape the client's name"
grep -qF "$evil" "$tmp/evil.md" && bad "raw markup is in the Markdown"

# ---- 3. the same bytes again ----
"$wm" render "$src/samples/saas-scaleup.yaml" --format html -o "$tmp/again.html"
cmp -s "$tmp/saas-scaleup.html" "$tmp/again.html" || bad "two renders differ"
exit $fails
