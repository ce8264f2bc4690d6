#!/bin/sh
# document_limits.sh WAYMARK SRCDIR - what a document plugin hands to layout
# is bounded (docs/plugins.md, "What a document may hold"): a 70,000-byte
# link URL, hand-made or through waymark.link, a paragraph of 250,001 runs
# and one of a million newlines (17,500 pages) stop the render with exit 3,
# naming the plugin and the place, and no PDF is written (a long URL used
# to reach libharu: exit 4, "output could not be written").
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
bad() { echo "FAIL: $*"; fails=1; }
cp -r "$src/samples/assets" "$tmp/"

# plugin NAME BODY: an engagement using a document plugin whose hook runs BODY.
plugin() {
    printf 'local function document()\n  %s\nend\nreturn { name = "%s", version = "1.0.0", api_version = 1, hooks = { document = document } }\n' \
        "$2" "$1" >"$tmp/$1.lua"
    cp "$src/samples/saas-scaleup.yaml" "$tmp/$1.yaml"
    printf 'plugins:\n  - ./%s.lua\n' "$1" >>"$tmp/$1.yaml"
}

# expect NAME WANT: render exits 3, writes no PDF, and says WANT.
expect() {
    st=0
    "$wm" render "$tmp/$1.yaml" -o "$tmp/$1.pdf" 2>"$tmp/err" || st=$?
    [ "$st" = 3 ] || bad "$1: exit $st, expected 3"
    [ ! -e "$tmp/$1.pdf" ] || bad "$1: a PDF was written"
    grep -qF "error: plugin '$1' " "$tmp/err" || bad "$1: the plugin is not named"
    grep -qF "$2" "$tmp/err" || { bad "$1: no '$2' in"; cat "$tmp/err"; }
}

url='"https://example.org/?q=" .. string.rep("a", 69977)'
plugin long_url "return { { type = \"section\", id = \"links\", title = \"Links\", blocks = { { type = \"paragraph\", text = { { text = \"the tracker\", link = $url } } } } } }"
expect long_url "the document hook returned an invalid document: sections[1].blocks[1].text[1]: a link's URL has 70000 bytes, more than 2048"
plugin long_link "return { waymark.section { id = \"links\", title = \"Links\", blocks = { waymark.paragraph { waymark.link(\"the tracker\", $url) } } } }"
expect long_link "./long_link.lua:2: waymark.paragraph: text[1]: a link's URL has 70000 bytes, more than 2048"
plugin many_runs 'local t = {} for i = 1, 250001 do t[i] = "x " end return { { type = "section", id = "big", title = "Big", blocks = { { type = "paragraph", text = t } } } }'
expect many_runs "the document has more than 250000 runs of text"

# A million newlines pass the checks (1 MB of text) but would take 17,500
# pages: layout stops at 10,000 and render names the plugin and the section.
plugin newlines 'return { { type = "section", id = "lines", title = "Lines", blocks = { { type = "paragraph", text = string.rep("\n", 1000000) } } } }'
expect newlines "error: plugin 'newlines' built a document of more than 10000 pages; section 'lines' passes them, so nothing was written"

# At the limit's edge a long URL is fine: 2,048 bytes render.
plugin edge_url 'return { waymark.section { id = "links", title = "Links", blocks = { waymark.paragraph { waymark.link("the tracker", "https://example.org/?q=" .. string.rep("a", 2025)) } } } }'
"$wm" render "$tmp/edge_url.yaml" -o "$tmp/edge_url.pdf" 2>"$tmp/err" || { bad "a 2,048-byte URL does not render"; cat "$tmp/err"; }
exit $fails
