#!/bin/sh
# uptodate.sh WAYMARK SOURCE_DIR - a re-run renders exactly what changed.
#
# Six engagements (e01..e06; e01 and e04 use an engagement-local plugin
# ./lp/tag.lua that requires the module ./lp/_tagdata.lua; e02 and e05 show
# assets/harbor-pine-logo.png).  Each step runs `batch in -o out` and checks
# exit 0, which inputs were rendered ("done") and that every other one was
# "skipped" with its PDF untouched (same bytes, same mtime), and the
# manifest:
#   again                        none rendered; progress says skipped
#   inputs touched (mtime only)  none: nothing is trusted by date
#   e02's text edited            e02
#   the plugin module changed    e01 e04 (the plugin's users)
#   the plugin file changed      e01 e04
#   e03.pdf deleted, e05.pdf's bytes changed   e03 e05
#   the logo changed             e02 e05
#   --force                      all
#   --brand B                    all; again with --brand B: none; B's text
#                                edited: all; without --brand: all
#   another SOURCE_DATE_EPOCH    all; the same one written 01795000000:
#                                none; unset: all; empty (unset): none
#   the folder given as in/      none (same files); inputs written in/e01.yaml
#   another e06.yaml in e06's place (another folder)   rendered
#   a plugin added to the engagement's ./plugins, shadowing a built-in one
#                                (the blind spot docs/batch.md names): with
#                                --force, the PDFs a fresh render gives
# and, in a folder of its own, a failing input is tried again on every run
# while its good neighbour is skipped.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 6
mkdir in/lp
cat >in/lp/tag.lua <<'EOF'
local data = require("_tagdata")
local function risks(plan, ctx)
  waymark.log("tag " .. data.word)
  return {}
end
return { name = "tag", version = "1.0.0", api_version = 1, hooks = { risks = risks } }
EOF
echo 'return { word = "one" }' >in/lp/_tagdata.lua
printf 'plugins: [./lp/tag.lua]\n' >>in/e01.yaml
printf 'plugins: [./lp/tag.lua]\n' >>in/e04.yaml
cp -R "$src/samples/brands" brands
ALL="e01 e02 e03 e04 e05 e06"

snapshot() {
    for f in out/e*.pdf; do
        [ -e "$f" ] && echo "$(basename "$f" .pdf) $(sha256sum <"$f" | cut -c1-64) $(stat -c %y "$f")"
    done
}

# step WHAT "NAMES RENDERED" [BATCH OPTIONS...]
step() {
    st_step=$1 st_want=$2
    shift 2
    snapshot >"$tmp/before"
    run 0 "$st_step: exit 0" "$bin" batch "${INPUT:-in}" -o out -j 2 "$@"
    cp "$tmp/stderr" "$tmp/progress"
    manifest_ok out "$st_step" --count 6
    statuses out >"$tmp/statuses"
    st_got=$(awk '$2 == "done" { print $1 }' "$tmp/statuses" | tr '\n' ' ')
    st_want_s=$(for n in $st_want; do echo "$n"; done | sort | tr '\n' ' ')
    [ "$st_got" = "$st_want_s" ] && ok "$st_step: rendered: ${st_want:-none}" ||
        { bad "$st_step: rendered '$st_got', expected '$st_want_s'"; show "$tmp/statuses"; }
    st_skip=$(awk '$2 == "skipped" { print $1 }' "$tmp/statuses" | tr '\n' ' ')
    st_rest=$(for n in $ALL; do case " $st_want " in *" $n "*) ;; *) printf '%s ' "$n" ;; esac; done)
    [ "$st_skip" = "$st_rest" ] && ok "$st_step: skipped: ${st_rest:-none}" ||
        bad "$st_step: skipped '$st_skip', expected '$st_rest'"
    snapshot >"$tmp/after"
    st_touched=
    for n in $st_rest; do
        [ "$(grep "^$n " "$tmp/before")" = "$(grep "^$n " "$tmp/after")" ] || st_touched="$st_touched $n"
    done
    [ -z "$st_touched" ] && ok "$st_step: skipped PDFs untouched (bytes and mtime)" ||
        bad "$st_step: skipped but changed:$st_touched"
    pdfs_valid out "$st_step"
    no_temps out "$st_step"
}

step "first run" "$ALL"
[ -s out/portfolio.csv ] && [ -s out/portfolio.pdf ] && ok "portfolio files written" ||
    bad "portfolio files missing"
step "again" ""
n=$(grep -cE '^\[[0-9]/6\] skipped in/e0[1-6]\.yaml$' "$tmp/progress")
[ "$n" = 6 ] && ok "again: six 'skipped' progress lines" || { bad "again: $n 'skipped' lines"; show "$tmp/progress"; }
has "$tmp/progress" "6 inputs: 0 done, 6 skipped (up to date), 0 failed" "again: the summary counts 6 skipped"

touch -d @1900000000 in/*.yaml in/lp/*.lua in/assets/*
step "inputs touched, not changed" ""

sed -i 's/^  name: "Client e02 /  name: "Edited client e02 /' in/e02.yaml
step "e02's text edited" "e02"

echo 'return { word = "two" }' >in/lp/_tagdata.lua
step "the plugin's module changed" "e01 e04"
deps=$(mf deps out e01)
case $deps in *"/in/lp/_tagdata.lua"*) ok "e01's deps list the plugin's module" ;;
*) bad "e01's deps lack in/lp/_tagdata.lua" ;; esac
mf deps out e02 | grep -q '/lp/' && bad "e02's deps list a plugin it does not use"

sed -i 's/"tag "/"tag: "/' in/lp/tag.lua
step "the plugin file changed" "e01 e04"

rm out/e03.pdf
printf '%%' >>out/e05.pdf
step "e03.pdf deleted, e05.pdf's bytes changed" "e03 e05"

cp in/assets/hanse-wisla-logo.png in/assets/harbor-pine-logo.png
step "the logo changed" "e02 e05"

step "--force" "$ALL" --force
step "--brand" "$ALL" --brand brands/keel.yaml
step "--brand again" "" --brand brands/keel.yaml
deps=$(mf deps out e01)
case $deps in *"/brands/keel.yaml"*) ok "the brand file is a dep" ;; *) bad "the brand is not in the deps" ;; esac
printf '\n# edited\n' >>brands/keel.yaml
step "the brand file edited" "$ALL" --brand brands/keel.yaml
step "without --brand" "$ALL"
export SOURCE_DATE_EPOCH=1795086400
step "another SOURCE_DATE_EPOCH" "$ALL"
export SOURCE_DATE_EPOCH=1795000000
step "SOURCE_DATE_EPOCH back" "$ALL"
# The key holds the time SOURCE_DATE_EPOCH means, not how it is written.
export SOURCE_DATE_EPOCH=01795000000
step "the same SOURCE_DATE_EPOCH with a leading zero" ""
export SOURCE_DATE_EPOCH=1795000000
unset SOURCE_DATE_EPOCH
step "SOURCE_DATE_EPOCH unset" "$ALL"
export SOURCE_DATE_EPOCH=
step "SOURCE_DATE_EPOCH empty, which is unset" ""
export SOURCE_DATE_EPOCH=1795000000
step "SOURCE_DATE_EPOCH set again" "$ALL"

# The same folder with a trailing slash (as a shell's completion writes
# it): the same inputs, still up to date, written "in/e01.yaml".
INPUT=in/
step "the folder given as in/" ""
[ "$(mf get out e01 input)" = in/e01.yaml ] && ok "in/: the input is written in/e01.yaml" ||
    bad "in/: the input is written '$(mf get out e01 input)'"
INPUT=in
"$bin" batch in -o out -j 2 >/dev/null 2>&1 # back to the usual spelling

# Another file of the same name in its place is not up to date.
mkdir alt
ln -s ../in/assets alt/assets
sed 's/^  name: "Client e06 /  name: "Other client e06 /' in/e06.yaml >alt/e06.yaml
run 0 "e06 alone" "$bin" batch in/e06.yaml -o one
run 0 "another e06.yaml into the same folder" "$bin" batch alt/e06.yaml -o one
[ "$(mf get one e06 status)" = "done" ] && ok "another file with the same name is rendered" ||
    bad "alt/e06.yaml was taken as up to date after in/e06.yaml"

# A plugin found first in the engagement's ./plugins now replaces the
# built-in risks/register (critical from a score of 10, not 17).  The
# up-to-date check cannot see a file it did not read last time (the blind
# spot docs/batch.md names): a plain re-run may keep the old PDFs, and
# --force must then give what a fresh render gives.
mkdir -p in/plugins/risks
sed 's/score >= 17/score >= 10/' "$src/plugins/risks/register.lua" >in/plugins/risks/register.lua
"$bin" render in/e03.yaml -o "$tmp/fresh-e03.pdf" 2>"$tmp/stderr" || { bad "render e03"; show "$tmp/stderr"; }
cmp -s "$tmp/fresh-e03.pdf" out/e03.pdf && bad "the shadowing plugin does not change e03.pdf: this check proves nothing"
run 0 "a shadowing plugin added: exit 0" "$bin" batch in -o out -j 2
cmp -s "$tmp/fresh-e03.pdf" out/e03.pdf ||
    echo "note: a shadowing plugin added: e03 $(mf get out e03 status), its PDF stale (the documented blind spot)"
run 0 "a shadowing plugin added, --force: exit 0" "$bin" batch in -o out -j 2 --force
cmp -s "$tmp/fresh-e03.pdf" out/e03.pdf && ok "--force: e03.pdf is what a fresh render writes" ||
    bad "--force after a shadowing plugin: e03.pdf is not what 'waymark render' writes"

# A failing input is never "up to date".
engagements in2 1
cp in2/e01.yaml in2/broken.yaml
sed -i 's/^  currency: .*/  currency: NOPE/' in2/broken.yaml
run 1 "a failing input: exit 1" "$bin" batch in2 -o out2
run 1 "a failing input, again: exit 1" "$bin" batch in2 -o out2
[ "$(mf get out2 broken status)" = failed ] && [ "$(mf get out2 e01 status)" = skipped ] &&
    ok "the failing input is tried again, its neighbour skipped" ||
    { bad "again: broken is $(mf get out2 broken status), e01 is $(mf get out2 e01 status)"; }
grep -q '^2 inputs: 0 done, 1 skipped (up to date), 1 failed' "$tmp/stderr" &&
    ok "the summary counts 1 skipped, 1 failed" || { bad "summary"; show "$tmp/stderr"; }

finish
