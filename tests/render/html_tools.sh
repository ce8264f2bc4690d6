#!/bin/sh
# html_tools.sh validate|browser WAYMARK SRCDIR [GEN_ENGAGEMENT] - the HTML of
# every sample (and of a sample on the Keel brand, with both logos, and, given
# bench/gen_engagement, of an engagement of 600 initiatives) as outside tools
# see it:
#
#   validate  the Nu HTML Checker (vnu.jar, npm package vnu-jar, which
#             scripts/test installs; WM_VNU_JAR names the jar, else
#             ${XDG_CACHE_HOME:-~/.cache}/waymark/vnu/...) reports no error;
#   browser   Debian's chromium, headless, loads each file with no console
#             message (a Content-Security-Policy violation, a failed load, a
#             script error) and draws it: a screenshot is written and is not
#             blank.  A page made to break the policy shows the check works.
#
# A missing tool skips the test (exit 77) with a message saying how to get it.
set -eu
mode=$1 wm=$2 src=$3 gen=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
fails=0
bad() { echo "FAIL: $*"; fails=1; }

files=""
for s in saas-scaleup troubled-delivery regulated-insurer; do
    "$wm" render "$src/samples/$s.yaml" --format html -o "$tmp/$s.html" || bad "$s: render"
    files="$files $tmp/$s.html"
done
"$wm" render "$src/samples/saas-scaleup.yaml" --brand "$src/samples/brands/keel.yaml" \
    --format html -o "$tmp/keel.html" || bad "keel: render"
files="$files $tmp/keel.html"
if [ -n "$gen" ]; then
    "$gen" 600 >"$tmp/generated-600.yaml"
    "$wm" render "$tmp/generated-600.yaml" --format html -o "$tmp/generated-600.html" ||
        bad "generated-600: render"
    files="$files $tmp/generated-600.html"
fi

case $mode in
validate)
    jar=${WM_VNU_JAR:-${XDG_CACHE_HOME:-$HOME/.cache}/waymark/vnu/node_modules/vnu-jar/build/dist/vnu.jar}
    if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
        echo "SKIP: no Nu HTML Checker ($jar) or no java: ./scripts/test installs them" \
            "(npm install vnu-jar; apt-get install default-jre-headless)"
        exit 77
    fi
    # shellcheck disable=SC2086 # a list of files
    if ! java -jar "$jar" --errors-only $files >"$tmp/vnu.txt" 2>&1; then
        bad "the Nu HTML Checker finds errors:"
        cat "$tmp/vnu.txt"
    fi
    # The checker does find errors: a page with a skipped heading level.
    printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><h1>a</h1><h3>b</h3><table><tr><th>x</th></tr></table></body></html>\n' \
        >"$tmp/bad.html"
    java -jar "$jar" --errors-only "$tmp/bad.html" >/dev/null 2>&1 &&
        bad "the checker passes a page with errors: the check proves nothing"
    ;;
browser)
    chromium=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$chromium" ]; then
        echo "SKIP: no chromium: apt-get install chromium (./scripts/test does)"
        exit 77
    fi
    load() { # FILE: the console messages chromium logs for it
        HOME=$tmp timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
            --no-first-run --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
            --virtual-time-budget=2000 --dump-dom "file://$1" 2>"$1.log" >"$1.dom" || true
        grep -E "CONSOLE|Content Security Policy|Refused to|ERR_" "$1.log" || true
    }
    for f in $files; do
        msgs=$(load "$f")
        [ -z "$msgs" ] || bad "$(basename "$f"): console messages: $msgs"
        grep -q '<main>' "$f.dom" || bad "$(basename "$f"): chromium did not load it"
    done
    printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src %s"><title>x</title></head><body><img alt="" src="https://example.invalid/x.png"></body></html>\n' \
        "'none'" >"$tmp/bad.html"
    [ -n "$(load "$tmp/bad.html")" ] ||
        bad "a page breaking its policy logs nothing: the check proves nothing"
    f="$tmp/saas-scaleup.html"
    HOME=$tmp timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$tmp/profile" --virtual-time-budget=2000 --hide-scrollbars \
        --window-size=1200,3000 --screenshot="$tmp/shot.png" "file://$f" >/dev/null 2>&1 ||
        bad "no screenshot"
    # A drawn page compresses to far more than a blank one (a few KB).
    size=$(wc -c <"$tmp/shot.png" 2>/dev/null || echo 0)
    [ "$size" -gt 100000 ] || bad "the screenshot is blank ($size bytes)"
    if [ -n "${WM_HTML_SHOT:-}" ]; then cp "$tmp/shot.png" "$WM_HTML_SHOT"; fi
    ;;
*)
    echo "usage: html_tools.sh validate|browser WAYMARK SRCDIR [GEN_ENGAGEMENT]" >&2
    exit 2
    ;;
esac
exit $fails
