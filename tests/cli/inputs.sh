#!/bin/sh
# inputs.sh WAYMARK SOURCE_DIR - what Waymark reads: regular files, and
# standard input when the engagement is named '-'.
#
# A FIFO (or a device) in the place of any input is refused at once, exit 1
# with "not a regular file" and a hint, instead of blocking in open(2): the
# engagement (validate, plan, render), --brand, engagement.brand, a module
# a plugin requires, a playbook template and a batch's OUTDIR/manifest.jsonl.
# Every command runs under `timeout 10`, so a regression fails (exit 124)
# instead of hanging the suite.
#
# Standard input: `validate -`, `plan -`, `render - -o F` read the
# engagement from it, name it <stdin> in diagnostics, resolve its relative
# paths (the logo here) from the current folder, and give the same result
# as the file; `-` may be read only once; batch refuses it.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"
T="timeout 10"
sample="$src/samples/saas-scaleup.yaml"
cp "$sample" e.yaml
cp -R "$src/samples/assets" assets
mkfifo fifo

not_regular() { # not_regular WHAT: exit 1 (run before), the message and hint
    has "$tmp/stderr" "error: cannot read the file: it is not a regular file" "$1: says why"
    has "$tmp/stderr" "hint: name a regular file" "$1: with a hint"
}

# ---- the engagement ----
for cmd in validate plan render; do
    run 1 "$cmd of a FIFO: exit 1 at once" $T "$bin" $cmd fifo
    not_regular "$cmd of a FIFO"
    has "$tmp/stderr" "fifo: error:" "$cmd of a FIFO: the message names the file"
done
run 1 "validate of a character device: exit 1" $T "$bin" validate /dev/zero
not_regular "validate /dev/zero"
run 1 "validate of a folder: exit 1" $T "$bin" validate assets
has "$tmp/stderr" "cannot read the file: it is a directory" "a folder: says so"

# ---- the brand ----
run 1 "render --brand FIFO: exit 1 at once" $T "$bin" render e.yaml --brand fifo -o out.pdf
not_regular "--brand FIFO"
sed 's/^engagement:$/engagement:\n  brand: fifo/' e.yaml >eb.yaml
grep -q '^  brand: fifo' eb.yaml || bad "engagement.brand was not added"
run 1 "render with engagement.brand a FIFO: exit 1 at once" $T "$bin" render eb.yaml -o out.pdf
not_regular "engagement.brand FIFO"
[ ! -e out.pdf ] && ok "no PDF for a refused brand" || bad "a PDF was written"

# ---- a plugin file ----
mkfifo pipe.lua
cp e.yaml epf.yaml
printf 'plugins:\n  - ./pipe.lua\n' >>epf.yaml
run 1 "a plugin that is a FIFO: exit 1 at once" $T "$bin" plan epf.yaml
has "$tmp/stderr" "plugin './pipe.lua' is not a regular file" "a plugin FIFO: said so, not 'not found'"

# ---- a module a plugin requires ----
mkdir plug
mkfifo plug/helper.lua
cat >plug/req.lua <<'LUA'
local helper = require("helper")
return { name = "req", version = "1.0.0", api_version = 1,
  hooks = { risks = function() return {} end } }
LUA
cp e.yaml ep.yaml
printf 'plugins:\n  - ./plug/req.lua\n' >>ep.yaml
run 3 "require of a FIFO module: exit 3 at once" $T "$bin" plan ep.yaml --plugin-timeout 30
has "$tmp/stderr" "require: module 'helper' (./plug/helper.lua) is not a regular file" "require of a FIFO: the module is named"

# ---- a playbook template ----
mkfifo tpl.yaml
sed 's|^  template: standard|  template: ./tpl.yaml|' e.yaml >et.yaml
grep -q 'template: ./tpl.yaml' et.yaml || bad "the template was not replaced"
run 1 "a playbook template that is a FIFO: exit 1 at once" $T "$bin" validate et.yaml
has "$tmp/stderr" "tpl.yaml" "the template FIFO: named"

# ---- a batch's previous manifest ----
mkdir out
mkfifo out/manifest.jsonl
run 1 "batch with OUTDIR/manifest.jsonl a FIFO: exit 1 at once" $T "$bin" batch e.yaml -o out
not_regular "manifest.jsonl FIFO"
[ -p out/manifest.jsonl ] && ok "the FIFO is left as it was" || bad "manifest.jsonl was replaced"
[ ! -e out/e.pdf ] && ok "nothing rendered" || bad "e.pdf was rendered"

# ---- standard input ----
run 0 "validate - reads standard input" sh -c "\"$bin\" validate - <e.yaml"
has "$tmp/stdout" "<stdin>: ok (" "validate -: named <stdin>"
"$bin" plan e.yaml >plan-file.json
run 0 "plan - reads standard input" sh -c "\"$bin\" plan - <e.yaml >plan-stdin.json"
cmp -s plan-file.json plan-stdin.json && ok "plan -: the same plan as from the file" ||
    bad "plan -: differs from the file's plan"
"$bin" render e.yaml -o file.pdf
run 0 "render - -o F reads standard input (the logo relative to the current folder)" \
    sh -c "\"$bin\" render - -o stdin.pdf <e.yaml"
cmp -s file.pdf stdin.pdf && ok "render -: the same PDF as from the file" ||
    bad "render -: differs from the file's PDF"
mkdir elsewhere
run 1 "render - elsewhere: the logo is looked for in the current folder" \
    sh -c "cd elsewhere && \"$bin\" render - -o x.pdf <../e.yaml"
has "$tmp/stderr" "<stdin>:" "render - elsewhere: the error names <stdin>"
has "$tmp/stderr" "assets/" "render - elsewhere: and the logo path"
printf 'format: waymark/1\nclient: [\n' >broken.yaml
run 1 "validate - of a broken file: exit 1" sh -c "\"$bin\" validate - <broken.yaml"
grep -q '^<stdin>:[0-9]*:[0-9]*: error:' "$tmp/stderr" && ok "a YAML error in standard input: <stdin>:LINE:COL" ||
    { bad "no <stdin>:LINE:COL in"; show "$tmp/stderr"; }
run 0 "validate FILE - FILE: standard input among files" sh -c "\"$bin\" validate e.yaml - e.yaml <e.yaml"
run 2 "validate - -: standard input only once" sh -c "\"$bin\" validate - - <e.yaml"
has "$tmp/stderr" "standard input ('-') can be read only once" "validate - -: says why"
run 2 "render - without -o" sh -c "\"$bin\" render - <e.yaml"
has "$tmp/stderr" "give -o for the output" "render - without -o: asks for -o"
run 2 "batch -: refused" "$bin" batch - -o out2
has "$tmp/stderr" "not standard input" "batch -: says why"
head -c 9000000 /dev/zero | tr '\0' '#' >big.yaml
run 1 "validate - from a pipe over the size limit: exit 1" sh -c "cat big.yaml | \"$bin\" validate -"
has "$tmp/stderr" "<stdin>:1:1: error: the input is over the limit of 8388608 bytes" "a pipe too large: says so"
run 1 "validate - from a file over the size limit: exit 1" sh -c "\"$bin\" validate - <big.yaml"
has "$tmp/stderr" "<stdin>:1:1: error: the file is 9000000 bytes, over the limit" "a file too large: says so"
finish
