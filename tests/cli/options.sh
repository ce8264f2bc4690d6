#!/bin/sh
# options.sh WAYMARK SOURCE_DIR - every command parses its options the same
# way (getopt_long): `--name=VALUE`, `--name VALUE`, `-xVALUE`, `-x VALUE`,
# clustered letters, and `--` after which every argument is an operand (a
# file named -x.yaml); and the same usage errors everywhere: an unknown
# option (named as written, with the option it abbreviates), a missing or
# empty value, a value given to a flag.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"
cp "$src/samples/saas-scaleup.yaml" e.yaml
cp -R "$src/samples/assets" assets
cp e.yaml ./-x.yaml
"$bin" plan e.yaml >ref.json || bad "the reference plan failed"
"$bin" plan --format csv e.yaml >ref.csv || bad "the reference csv failed"
"$bin" render e.yaml -o ref.pdf || bad "the reference render failed"
same() { cmp -s "$1" "$2" && ok "$3" || bad "$3: $1 differs from $2"; }

# ---- the forms of an option with a value ----
run 0 "render --output=F" "$bin" render --output=r1.pdf e.yaml
same r1.pdf ref.pdf "render --output=F writes F"
run 0 "render -oF" "$bin" render -or2.pdf e.yaml
same r2.pdf ref.pdf "render -oF writes F"
run 0 "render FILE -o F (options after the file)" "$bin" render e.yaml -o r3.pdf
same r3.pdf ref.pdf "render FILE -o F writes F"
run 0 "render --json=F" "$bin" render e.yaml -o r4.pdf --json=r4.json
same r4.json ref.json "render --json=F writes F"
run 0 "plan --format=csv --output=F" "$bin" plan --format=csv --output=p1.csv e.yaml
same p1.csv ref.csv "plan --format=csv --output=F"
run 0 "plan -vfcsv (a cluster ending in an option with its value)" "$bin" plan -vfcsv e.yaml
same "$tmp/stdout" ref.csv "plan -vfcsv"
run 0 "plan --plugin-timeout=5" "$bin" plan --plugin-timeout=5 e.yaml

# ---- -- ends the options ----
run 0 "render -o F -- -x.yaml" "$bin" render -o r5.pdf -- -x.yaml
same r5.pdf ref.pdf "render -- -x.yaml renders the file"
run 0 "plan -- -x.yaml" "$bin" plan -- -x.yaml
same "$tmp/stdout" ref.json "plan -- -x.yaml"
run 0 "validate -- -x.yaml" "$bin" validate -- -x.yaml
has "$tmp/stdout" "-x.yaml: ok" "validate -- -x.yaml"
run 0 "batch -oOUT -j1 -- -x.yaml" "$bin" batch -oout -j1 -- -x.yaml
[ -s out/-x.pdf ] && ok "batch -- -x.yaml renders it" || bad "batch -- -x.yaml: no out/-x.pdf"
run 0 "batch --output=OUT --jobs=1 --force" "$bin" batch --output=out --jobs=1 --force e.yaml
run 0 "init --client=NAME --currency=EUR -- DIR" "$bin" init --client="Acme Ltd" --currency=EUR -- -dir
grep -q 'name: "Acme Ltd"' ./-dir/engagement.yaml && grep -q 'currency: EUR' ./-dir/engagement.yaml &&
    ok "init --client=, --currency=, -- DIR" || bad "init: the values or the folder are wrong"
run 0 "new-plugin --stage=risks --dir=D NAME" "$bin" new-plugin --stage=risks --dir=np npx
[ -f np/npx.lua ] && grep -q 'risks' np/npx.lua && ok "new-plugin --stage= --dir=" || bad "new-plugin: no np/npx.lua"
run 0 "test-plugin --plugin-timeout=5 -- D" "$bin" test-plugin --plugin-timeout=5 -- np
run 0 "plugins list --plugins-dir=D" "$bin" plugins list --plugins-dir=np
has "$tmp/stdout" "npx" "plugins --plugins-dir=D lists its plugin"
run 0 "plugins info --engagement=F NAME" "$bin" plugins info --engagement=e.yaml estimate/pert
run 0 "validate -q --strict" "$bin" validate -q --strict e.yaml

# ---- usage errors, worded alike ----
for cmd in validate plan render plugins batch init new-plugin test-plugin; do
    run 2 "$cmd --bogus" "$bin" $cmd --bogus
    has "$tmp/stderr" "waymark $cmd: unknown option '--bogus'" "$cmd --bogus: named"
done
run 2 "render -x.yaml (before --): an unknown option" "$bin" render -x.yaml
has "$tmp/stderr" "unknown option '-x.yaml'" "render -x.yaml: the word is named"
run 2 "render --out=F (an abbreviation)" "$bin" render --out=x.pdf e.yaml
has "$tmp/stderr" "unknown option '--out' (did you mean '--output'?)" "an abbreviation: the option is suggested"
run 2 "render --output (no value)" "$bin" render e.yaml --output
has "$tmp/stderr" "--output needs a file name" "--output without a value"
run 2 "render -o (no value)" "$bin" render e.yaml -o
has "$tmp/stderr" "-o needs a file name" "-o without a value"
run 2 "render --output= (an empty value)" "$bin" render e.yaml --output=
has "$tmp/stderr" "--output needs a file name" "an empty value"
run 2 "batch --force=yes (a flag with a value)" "$bin" batch --force=yes e.yaml -o out
has "$tmp/stderr" "--force takes no value" "a flag given a value"
run 2 "plan -vx (an unknown letter in a cluster)" "$bin" plan -vx e.yaml
has "$tmp/stderr" "unknown option '-x'" "the unknown letter is named"
run 2 "batch -j0" "$bin" batch -j0 e.yaml -o out
has "$tmp/stderr" "-j needs a whole number from 1 to 256" "-j0: the range"
run 2 "batch --jobs=x" "$bin" batch --jobs=x e.yaml -o out
has "$tmp/stderr" "--jobs needs a whole number from 1 to 256" "--jobs=x: named as written"
run 2 "plan --plugin-timeout=0" "$bin" plan --plugin-timeout=0 e.yaml
has "$tmp/stderr" "--plugin-timeout needs a number above 0, at most 1000000" "--plugin-timeout=0"
run 2 "render --plugin-memory 1e30" "$bin" render e.yaml --plugin-memory 1e30
has "$tmp/stderr" "--plugin-memory needs a number above 0, at most 1000000" "--plugin-memory 1e30: the range"
run 2 "plugins --engagement (no value)" "$bin" plugins list --engagement
has "$tmp/stderr" "--engagement needs an engagement file" "plugins --engagement without a value"
finish
