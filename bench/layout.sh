#!/bin/sh
# layout.sh - is layout linear in what a plugin hands it?  A generated
# document plugin adds one section to the sample engagement holding, in
# turn, one paragraph of N runs (plain, bold and italic by turns, one in 20
# a link), a table of N/10 rows of 3 cells, a list of N/10 items, N/20
# headings in a row and a Gantt chart of N/100 rows; `waymark render` is timed on each for N = 10,000, 50,000 and
# 200,000 (or the sizes in SIZES).  The table prints the whole render, the
# time per thousand N (flat when the render is linear), and the layout and
# PDF stages alone as WAYMARK_TIMINGS=1 reports them.
#
#   bench/layout.sh BUILD_DIR
#
# Use a Release build (bench/README.md).  Environment: SIZES (default
# "10000 50000 200000"), RUNS (renders per size, the best is kept; default 3).
set -eu

if [ $# -ne 1 ]; then
    echo "usage: bench/layout.sh BUILD_DIR" >&2
    exit 2
fi
B=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"10000 50000 200000"}
RUNS=${RUNS:-3}
WM=$B/waymark
[ -x "$WM" ] || { echo "layout.sh: $WM is missing; cmake --build $B --target waymark" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000 WAYMARK_DATA_DIR="$SRC" WAYMARK_TIMINGS=1
cp -r "$SRC/samples/assets" "$tmp/"

# gen KIND N: an engagement with a plugin adding one block of that kind.
gen() {
    cat >"$tmp/big.lua" <<LUA
local KIND, N = "$1", $2
local function document()
  local b
  if KIND == "runs" then
    local runs = {}
    for i = 1, N do
      local k = i % 4
      runs[i] = { text = "word" .. i .. " ", bold = k == 1, italic = k == 2,
                  link = i % 20 == 3 and "https://example.org/" .. i or nil }
    end
    b = { type = "paragraph", text = runs }
  elseif KIND == "rows" then
    local rows = {}
    for i = 1, N // 10 do rows[i] = { "row " .. i, "a cell of a few words", tostring(i) } end
    b = { type = "table", columns = { "Name", "Text", "Value" }, rows = rows }
  elseif KIND == "items" then
    local items = {}
    for i = 1, N // 10 do items[i] = "item " .. i .. " of a long list" end
    b = { type = "list", items = items }
  elseif KIND == "heads" then
    local blocks = {}
    for i = 1, N // 20 do blocks[i] = { type = "heading", level = 1 + i % 3, text = "heading " .. i } end
    return { { type = "section", id = "big", title = "Big", blocks = blocks } }
  else
    local rows = {}
    for i = 1, N // 100 do rows[i] = { label = "work " .. i, start = "2027-Q1", ["end"] = "2027-Q4" } end
    b = { type = "chart", kind = "gantt", data = { quarters = { "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4" }, rows = rows } }
  end
  return { { type = "section", id = "big", title = "Big", blocks = { b } } }
end
return { name = "big", version = "1.0.0", api_version = 1, hooks = { document = document } }
LUA
    cp "$SRC/samples/saas-scaleup.yaml" "$tmp/e.yaml"
    printf 'plugins:\n  - ./big.lua\n' >>"$tmp/e.yaml"
}

now() { date +%s%N; }
printf '%-6s %8s %10s %10s %10s %10s %s\n' kind N "render ms" "per 1k" "layout ms" "PDF ms" status
for kind in runs rows items heads gantt; do
    for n in $SIZES; do
        gen "$kind" "$n"
        best=
        for _ in $(seq "$RUNS"); do
            t0=$(now)
            st=0
            "$WM" render "$tmp/e.yaml" -o "$tmp/e.pdf" --plugin-timeout 60 --plugin-memory 1024 \
                >"$tmp/out" 2>"$tmp/err" || st=$?
            t=$(( ($(now) - t0) / 1000000 ))
            [ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
        done
        stage() { sed -n "s/^timing: render $1  *\([0-9.]*\) ms$/\1/p" "$tmp/err" | head -1; }
        printf '%-6s %8s %10s %10s %10s %10s %s\n' "$kind" "$n" "$best" \
            "$(awk -v t="$best" -v n="$n" 'BEGIN { printf "%.2f", t * 1000 / n }')" \
            "$(stage layout)" "$(stage PDF)" "exit $st"
        [ "$st" = 0 ] || grep -v '^timing:' "$tmp/err" | sed 's/^/    /' | head -3
    done
done
