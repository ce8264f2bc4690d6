#!/bin/sh
# usage.sh WAYMARK - usage and output errors of `waymark new-plugin` and
# `waymark test-plugin`: a bad NAME or an unknown stage is exit 2 with a
# suggestion; a folder that is not empty is never written into without
# --force (exit 4, nothing changed); test-plugin's missing or wrong
# arguments; both commands' --help.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
empty_dir() { [ -z "$(ls -A "$1" 2>/dev/null)" ]; }

# ---- help ----
run 0 "new-plugin --help" "$bin" new-plugin --help
has "$tmp/out" "usage: waymark new-plugin" "new-plugin has a usage line"
has "$tmp/out" "prioritise" "new-plugin's help lists the stages"
run 0 "test-plugin --help" "$bin" test-plugin --help
has "$tmp/out" "NAME.expected.json" "test-plugin's help states the test convention"
has "$tmp/out" "--update" "test-plugin's help has --update"
run 0 "waymark --help" "$bin" --help
has "$tmp/out" "new-plugin" "the command list has new-plugin"
has "$tmp/out" "test-plugin" "the command list has test-plugin"
run 0 "waymark help test-plugin" "$bin" help test-plugin

# ---- the stages, from the one table (core/plan/stages.def) ----
run 0 "plugins stages" "$bin" plugins stages
stages=$(awk '{ print $1 }' "$tmp/out" | tr '\n' ' ')
echo "$stages" | grep -q "^validate estimate prioritise schedule risks .*playbook document $" &&
    ok "plugins stages lists the stages in order" || bad "plugins stages lists: $stages"
has "$tmp/out" "prioritise  exclusive  prioritise/METHOD" "an exclusive stage and its default"
"$bin" new-plugin --help >"$tmp/help"
for s in $stages; do
    grep -q "^  $s " "$tmp/help" && ok "new-plugin's help has the stage $s" ||
        bad "new-plugin's help lacks the stage $s"
done
run 2 "plugins stages with an argument" "$bin" plugins stages extra
run 2 "plugins with an unknown action" "$bin" plugins frob
has "$tmp/err" "unknown action 'frob' (list, info or stages)" "the actions are listed"

# ---- bad names ----
run 2 "a name with capitals" "$bin" new-plugin MyPlugin
has "$tmp/err" "did you mean 'myplugin'?" "a lower-case name is suggested"
[ -e MyPlugin ] && bad "MyPlugin was created" || ok "nothing created for a bad name"
run 2 "a name with a slash" "$bin" new-plugin prioritise/urgency --stage prioritise
has "$tmp/err" "has a '/'" "the slash is explained"
has "$tmp/err" "did you mean 'urgency'?" "its last part is suggested"
run 2 "a name starting with _" "$bin" new-plugin _private
has "$tmp/err" "must start with a letter or digit" "a leading '_' is refused"
run 2 "an empty name" "$bin" new-plugin ""
run 2 "a name with a dot" "$bin" new-plugin ai.readiness
has "$tmp/err" "did you mean 'ai_readiness'?" "a dot becomes '_'"
run 2 "no name" "$bin" new-plugin --stage risks
has "$tmp/err" "no plugin name given" "the missing name is reported"
run 2 "two names" "$bin" new-plugin a b
run 2 "an unknown option" "$bin" new-plugin x --stages risks
has "$tmp/err" "unknown option '--stages'" "the option is named"
run 2 "--stage without a value" "$bin" new-plugin x --stage

# ---- bad stages ----
run 2 "an unknown stage" "$bin" new-plugin x --stage prioritize
has "$tmp/err" "unknown stage 'prioritize' (did you mean 'prioritise'?)" "a near stage is suggested"
run 2 "a stage that is nothing like one" "$bin" new-plugin x --stage frobnicate
has "$tmp/err" "one of validate, estimate, prioritise, schedule, risks, playbook, document" \
    "the stages are listed"
[ -e x ] && bad "x was created for a bad stage" || ok "nothing created for a bad stage"

# ---- existing folders ----
mkdir taken && echo "keep me" >taken/notes.txt
run 4 "a folder that is not empty, without --force" "$bin" new-plugin taken
has "$tmp/err" "already exists and is not empty" "the refusal says why"
has "$tmp/err" "use --force" "and how to go on"
[ "$(ls taken)" = "notes.txt" ] && ok "nothing was written into it" || bad "files written: $(ls taken)"
run 0 "the same with --force" "$bin" new-plugin taken --force
[ "$(cat taken/notes.txt)" = "keep me" ] && ok "--force leaves other files alone" ||
    bad "--force changed notes.txt"
run 0 "the scaffold written with --force passes" "$bin" test-plugin taken
echo "-- my change" >>taken/taken.lua
cp taken/taken.lua "$tmp/taken.lua"
run 4 "a second new-plugin without --force" "$bin" new-plugin taken
cmp -s taken/taken.lua "$tmp/taken.lua" && ok "the plugin was not overwritten" ||
    bad "the plugin was overwritten without --force"
mkdir empty
run 0 "an empty folder is fine" "$bin" new-plugin e1 --dir empty
[ -f empty/e1.lua ] && ok "written into the empty folder" || bad "empty/e1.lua missing"
echo x >afile
run 4 "--dir naming a file" "$bin" new-plugin f1 --dir afile
has "$tmp/err" "it is a file" "the file is named"
run 4 "--dir below a file" "$bin" new-plugin f1 --dir afile/sub
[ -e nested ] && bad "nested exists"
run 0 "--dir with parents to create" "$bin" new-plugin deep --dir nested/a/b/deep
[ -f nested/a/b/deep/test/expected.json ] && ok "parents created" || bad "nested scaffold missing"
if [ "$(id -u)" != 0 ]; then
    mkdir locked && chmod 555 locked
    run 4 "a folder that cannot be written" "$bin" new-plugin l1 --dir locked/l1
    chmod 755 locked
    empty_dir locked && ok "nothing left behind" || bad "left behind: $(ls -R locked)"
fi

# ---- test-plugin ----
run 2 "test-plugin without a folder" "$bin" test-plugin
has "$tmp/err" "no plugin folder given" "the missing folder is reported"
run 2 "test-plugin with two folders" "$bin" test-plugin a b
run 2 "test-plugin with an unknown option" "$bin" test-plugin --upgrade taken
run 2 "test-plugin --plugin-timeout without a number" "$bin" test-plugin taken --plugin-timeout
run 1 "test-plugin on a folder that does not exist" "$bin" test-plugin nowhere
has "$tmp/err" "cannot read 'nowhere'" "the folder is named"
mkdir noplugin
run 1 "a folder with no plugin" "$bin" test-plugin noplugin
has "$tmp/err" "no plugin in 'noplugin'" "the missing plugin is reported"
mkdir notests && cp empty/e1.lua notests/
run 1 "a plugin with no tests" "$bin" test-plugin notests
has "$tmp/err" "no test engagement" "the missing tests are reported"
mkdir two && touch two/a.lua two/b.lua
run 1 "a folder with two plugins" "$bin" test-plugin two
has "$tmp/err" "holds 2 plugin files" "the ambiguity is reported"
# A test engagement that does not list the plugin.
cp -r empty notlisted
sed -i 's|^  - \.\./e1\.lua$|  - document/standard|' notlisted/test/engagement.yaml
mv notlisted/e1.lua notlisted/notlisted.lua
run 1 "a test engagement that does not use the plugin" "$bin" test-plugin notlisted
has "$tmp/err" "does not use the plugin" "the missing plugins: entry is reported"

exit $fail
