#!/bin/sh
# orphans.sh WAYMARK SOURCE_DIR - no worker outlives its batch, and none
# runs past its limits when the batch cannot watch it.
#
# A plugin stuck in one C call (a pathological string.find) with every
# limit raised to a day (--plugin-timeout, --cpu, --timeout 86400), beside a
# good engagement, -j 2; run in a session of its own (signal_run.py):
#   kill    SIGKILL to the batch 1 s after its first worker started: every
#           worker is gone at once (none still running 30 s later); the next
#           run, to the end, leaves no temporary file in OUTDIR
#   stop    --timeout 2, and SIGSTOP to the batch 1 s after its first worker
#           started, so the batch cannot enforce it: the stuck worker stops
#           itself (its own backstop, a few seconds past --timeout), then
#           after SIGCONT the batch ends with exit 1 and the stuck input
#           failed, saying it ran past --timeout
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 2
cat >in/stuck.lua <<'EOF'
local function risks(plan, ctx)
  string.rep('a', 3000):find(('a-'):rep(12) .. 'b')
  return {}
end
return { name = "stuck", version = "1.0.0", api_version = 1, hooks = { risks = risks } }
EOF
printf 'plugins: [./stuck.lua]\n' >>in/e02.yaml
DAY="--plugin-timeout 86400 --cpu 86400"

res=$("$PYTHON" "$src/tests/batch/signal_run.py" kill-parent 1 "$tmp/log" \
    --after-child --grace 30 \
    "$bin" batch in -o out -j 2 $DAY --timeout 86400)
echo "  kill: $res"
case $res in
"rc=-9 sent=1 "*) ok "kill: the batch was killed while its workers ran" ;;
*) bad "kill: $res" ;;
esac
case $res in
*" survivors=0"*) ok "kill: no worker outlived the batch" ;;
*)
    bad "kill: workers still running 30 s after the batch was killed: $res"
    show "$tmp/log"
    ;;
esac
# The workers' stderr files have no name: the killed batch left nothing in
# $TMPDIR.
no_tmpdir_left "kill"
run 1 "kill: the next run ends (the stuck input fails)" \
    "$bin" batch in -o out -j 2 --plugin-timeout 1
no_temps out "kill: the next run"
[ "$(mf get out e01 status)" = done ] || [ "$(mf get out e01 status)" = skipped ] &&
    ok "kill: e01 rendered" || bad "kill: e01 is $(mf get out e01 status)"

rm -rf out
res=$("$PYTHON" "$src/tests/batch/signal_run.py" stop-parent 1 "$tmp/log" \
    --after-child --grace 60 \
    "$bin" batch in -o out -j 2 $DAY --timeout 2)
echo "  stop: $res"
case $res in
"rc=1 sent=1 orphans=0 survivors=0") ok "stop: the stuck worker stopped itself; the batch exits 1" ;;
*)
    bad "stop: $res"
    show "$tmp/log"
    ;;
esac
[ "$(mf get out e02 status)" = failed ] && ok "stop: e02 failed" ||
    bad "stop: e02 is $(mf get out e02 status)"
mf get out e02 error >"$tmp/e02"
has "$tmp/e02" "stopped: still running after 2 s, the wall-clock limit (--timeout)" \
    "stop: e02's error names --timeout"
no_temps out "stop"
finish
