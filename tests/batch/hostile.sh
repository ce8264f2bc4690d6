#!/bin/sh
# hostile.sh WAYMARK SOURCE_DIR - one bad client never stops the others.
#
# A folder of 50 good engagements and 2 hostile ones, rendered with -j 3:
#   stuck    an engagement-local plugin stuck in a pathological string.find
#            (one C call no Lua hook can interrupt): --plugin-timeout 1 and
#            --timeout 20, so the worker's watchdog stops it in seconds
#   badlogo  a client.logo that is a truncated PNG
# and, in a batch of its own (its limits would race the others'), a Lua
# memory bomb run with --plugin-memory 2000 --memory 300: the parent's
# resident-memory watch must stop it before Lua's own cap does.  Then the
# stuck plugin alone with a long --plugin-timeout, stopped by --timeout 2
# (the parent's wall clock) and by --cpu 1 (the worker's CPU limit).
#
# Asserted: exit 1; exactly the 50 good PDFs, each passing qpdf --check;
# 52 + 1 manifest records with the right statuses, errors and exit codes;
# one progress line per input; the summary lists each bad input with its
# error; portfolio.csv and portfolio.pdf are written; no temporary file is
# left in OUTDIR or in $TMPDIR.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 50

# A pattern that backtracks ~3000^12 times inside one C call.
cat >in/stuck.lua <<'EOF'
local function risks(plan, ctx)
  string.rep('a', 3000):find(('a-'):rep(12) .. 'b')
  return {}
end
return { name = "stuck", version = "1.0.0", api_version = 1, hooks = { risks = risks } }
EOF
cp in/e02.yaml in/stuck.yaml
printf 'plugins: [./stuck.lua]\n' >>in/stuck.yaml

# A PNG cut off after its first 300 bytes.
head -c 300 in/assets/harbor-pine-logo.png >in/assets/broken-logo.png
sed 's|^  logo: .*|  logo: assets/broken-logo.png|' in/e02.yaml >in/badlogo.yaml
grep -q 'broken-logo' in/badlogo.yaml || bad "the logo of badlogo.yaml was not replaced"

# ---- the main batch: 50 good, 2 bad ----
run 1 "a batch with bad inputs exits 1" \
    "$bin" batch in -o out -j 3 --plugin-timeout 1 --timeout 20
cp "$tmp/stderr" "$tmp/progress"

pdfs=$(cd out && ls *.pdf | grep -v '^portfolio\.pdf$' | tr '\n' ' ')
want=$(cd in && ls e*.yaml | sed 's/\.yaml$/.pdf/' | tr '\n' ' ')
[ "$pdfs" = "$want" ] && ok "exactly the 50 good inputs have a PDF" ||
    { bad "PDFs in out/ are not the 50 good ones"; echo "  | got:  $pdfs"; echo "  | want: $want"; }
pdfs_valid out "main batch"
[ -s out/portfolio.csv ] && [ -s out/portfolio.pdf ] && ok "portfolio.csv and portfolio.pdf written" ||
    bad "portfolio.csv or portfolio.pdf missing"
no_temps out "main batch"

manifest_ok out "main batch" --count 52
[ "$(count_status out "done")" = 50 ] && ok "50 records are done" ||
    { bad "done records: $(count_status out "done"), expected 50"; statuses out | show; }
for name in stuck badlogo; do
    [ "$(mf get out $name status)" = failed ] && ok "$name is failed in the manifest" ||
        bad "$name: status '$(mf get out $name status)', expected failed"
done
mf get out stuck error >"$tmp/e.stuck"
has "$tmp/e.stuck" "plugin 'stuck' did not return from its risks hook" "stuck: the error names the plugin and hook"
has "$tmp/e.stuck" "stuck.lua" "stuck: the error names the plugin's file"
[ "$(mf get out stuck exit)" = 3 ] && ok "stuck: exit 3 (a plugin failed)" ||
    bad "stuck: exit $(mf get out stuck exit), expected 3"
# Stopped by the worker's watchdog (--plugin-timeout 1), not by the
# parent's wall clock (--timeout 20): the error says which limit it met
# (no elapsed time is asserted: a loaded machine may be slow).
grep -q "(--timeout)" "$tmp/e.stuck" && bad "stuck: stopped by --timeout, not --plugin-timeout" ||
    ok "stuck: stopped by the plugin's time limit, not the batch's"
mf get out badlogo error >"$tmp/e.badlogo"
has "$tmp/e.badlogo" "the PNG is truncated" "badlogo: the error says the PNG is truncated"
has "$tmp/e.badlogo" "client.logo" "badlogo: the error names client.logo"
[ "$(mf get out badlogo exit)" = 1 ] && ok "badlogo: exit 1 (invalid input)" ||
    bad "badlogo: exit $(mf get out badlogo exit), expected 1"

# Progress: one plain line per input (stderr is not a terminal).
n=$(grep -cE '^\[ ?[0-9]+/52\] done    in/e[0-9]{2}\.yaml -> out/e[0-9]{2}\.pdf \([0-9]+ ms\)$' "$tmp/progress")
[ "$n" = 50 ] && ok "50 'done' progress lines" || { bad "$n 'done' progress lines, expected 50"; show "$tmp/progress" | head -60; }
grep -qE '^\[ ?[0-9]+/52\] failed  in/stuck\.yaml: .*plugin .stuck. did not return' "$tmp/progress" &&
    ok "a 'failed' progress line for stuck with its error" || bad "no 'failed' progress line for stuck"
grep -qE '^\[ ?[0-9]+/52\] failed  in/badlogo\.yaml: .*PNG is truncated' "$tmp/progress" &&
    ok "a 'failed' progress line for badlogo with its error" || bad "no 'failed' progress line for badlogo"
seq_seen=$(sed -n 's/^\[ *\([0-9]*\)\/52\].*/\1/p' "$tmp/progress" | sort -n | tr '\n' ' ')
[ "$seq_seen" = "$(seq 1 52 | tr '\n' ' ')" ] && ok "progress counts 1 to 52, once each" ||
    bad "progress counts: $seq_seen"

# The summary: the failures, each with its error indented under it.
awk '/^These inputs failed:$/ { on = 1; next } on' "$tmp/progress" >"$tmp/summary"
grep -q '^These inputs failed:$' "$tmp/progress" && ok "the summary heads the failures" ||
    bad "no 'These inputs failed:' line"
for pair in "stuck:did not return from its risks hook" "badlogo:the PNG is truncated"; do
    name=${pair%%:*} text=${pair#*:}
    if awk -v inp="  in/$name.yaml" -v text="$text" '
        $0 == inp { on = 1; next }
        on && /^    / { if (index($0, text)) found = 1; next }
        on { on = 0 }
        END { exit !found }' "$tmp/summary"; then
        ok "the summary names in/$name.yaml with its error"
    else
        bad "the summary lacks in/$name.yaml with '$text'"
        show "$tmp/summary"
    fi
done
grep -q '^  in/e[0-9]' "$tmp/summary" && bad "the summary lists a good input as failed"
grep -qE '^52 inputs: 50 done, 0 skipped \(up to date\), 2 failed in [0-9.]+ s' "$tmp/progress" &&
    ok "the last line counts 52 inputs: 50 done, 0 skipped, 2 failed" ||
    { bad "no '52 inputs: 50 done, 0 skipped (up to date), 2 failed' line"; tail -3 "$tmp/progress" | show; }

# ---- the memory bomb, in a batch of its own ----
mkdir bomb
cp -R in/assets bomb/assets
cat >bomb/bomb.lua <<'EOF'
local function risks(plan, ctx)
  local t = {}
  for i = 1, math.maxinteger do t[i] = { i, i, i, i } end
  return {}
end
return { name = "bomb", version = "1.0.0", api_version = 1, hooks = { risks = risks } }
EOF
cp in/e01.yaml bomb/bomb.yaml
printf 'plugins: [./bomb.lua]\n' >>bomb/bomb.yaml
run 1 "a memory bomb: exit 1" \
    "$bin" batch bomb -o outm --plugin-memory 2000 --memory 300 --plugin-timeout 30 --timeout 20
manifest_ok outm "memory bomb" --count 1
[ "$(mf get outm bomb status)" = failed ] && ok "the bomb is failed in the manifest" ||
    bad "bomb: status '$(mf get outm bomb status)'"
mf get outm bomb error >"$tmp/e.bomb"
has "$tmp/e.bomb" "--memory" "bomb: the error names the --memory limit"
has "$tmp/e.bomb" "300 MiB" "bomb: the error gives the limit"
has "$tmp/stderr" "--memory" "bomb: the summary shows the error"
[ ! -e outm/bomb.pdf ] && ok "bomb: no PDF" || bad "bomb: a PDF was written"
no_temps outm "memory bomb"

# Across both batches: 53 inputs, 50 PDFs.
total=$(($(wc -l <out/manifest.jsonl) + $(wc -l <outm/manifest.jsonl)))
[ "$total" = 53 ] && ok "53 records in all" || bad "$total records in all, expected 53"

# ---- the parent's other limits, on the stuck plugin given time enough ----
# --timeout: the parent kills a worker still running after S seconds.
run 1 "stuck, --timeout 2: exit 1" \
    "$bin" batch in/stuck.yaml -o outt --plugin-timeout 60 --timeout 2
mf get outt stuck error >"$tmp/e.timeout"
has "$tmp/e.timeout" "still running after 2 s, the wall-clock limit (--timeout)" \
    "--timeout: the error names the limit"
ms=$(mf get outt stuck ms)
[ "${ms%.*}" -ge 1900 ] && [ "${ms%.*}" -lt 6000 ] && ok "--timeout: stopped after $ms ms" ||
    bad "--timeout 2: stopped after $ms ms"
no_temps outt "--timeout"
# --cpu: the worker's own RLIMIT_CPU.
run 1 "stuck, --cpu 1: exit 1" \
    "$bin" batch in/stuck.yaml -o outc --plugin-timeout 60 --timeout 60 --cpu 1
mf get outc stuck error >"$tmp/e.cpu"
has "$tmp/e.cpu" "(--cpu)" "--cpu: the error names the limit"
no_temps outc "--cpu"

finish
