#!/bin/sh
# interrupt.sh WAYMARK SOURCE_DIR - a batch stopped part-way leaves only
# whole files, and running it again finishes the job.
#
# 24 engagements, -j 2, run in a session of their own (signal_run.py;
# times count from the first worker's start):
#   A1  SIGINT to the process group (Ctrl-C) after ~0.3 s
#   A2  the same command again, SIGINT to the batch alone after ~1 s
#   A3  the same command again, to the end
#   B1  a fresh folder: SIGKILL to the batch after ~0.3 s (its workers
#       die with it: none is left running)
#   B2  the same command again, to the end
# After each stopped run: exit 130 for SIGINT (a signal that came too late
# to matter: 0); every *.pdf in OUTDIR passes qpdf --check; no
# .NAME.pdf.tmp.* file (after SIGKILL, which no process can clean up
# after, none once the next run has started), and nothing in $TMPDIR, not
# even after SIGKILL; manifest.jsonl parses, every line, and each done or
# skipped record has its PDF with that sha256; nothing failed; no more
# interrupted records than workers.  After each run to the end: exit 0,
# 24 valid PDFs, and every input done or skipped before is now skipped.
# The checks hold whatever the timing: on a fast machine the batch may end
# before the signal is due.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

# The largest sample, so that a run lasts long enough to be stopped.
engagements in 24 1 regulated-insurer

# stopped HOW DELAY OUT WHAT: run the batch into OUT, signalled; check.
stopped() {
    how=$1 delay=$2 o=$3 what=$4
    res=$("$PYTHON" "$src/tests/batch/signal_run.py" "$how" "$delay" "$tmp/log" \
        --after-child "$bin" batch in -o "$o" -j 2)
    rc=$(echo "$res" | sed -n 's/^rc=\([-0-9a-z]*\) .*/\1/p')
    sent=$(echo "$res" | sed -n 's/.* sent=\([01]\).*/\1/p')
    orphans=$(echo "$res" | sed -n 's/.* orphans=\([0-9]*\).*/\1/p')
    if [ "$how" != kill-parent ]; then
        [ "$orphans" = 0 ] && ok "$what: no worker outlived the batch" ||
            bad "$what: $orphans workers outlived the batch"
    fi
    case $res in
    *" survivors=0"*) ok "$what: no worker left running" ;;
    *) bad "$what: workers left running: $res" ;;
    esac
    if [ "$sent" = 0 ]; then
        ok "$what: the batch ended before the signal (rc=$rc)"
        [ "$rc" = 0 ] || { bad "$what: exit $rc, expected 0"; show "$tmp/log" | tail -20; }
    else
        case $how:$rc in
        int-*:130)
            ok "$what: exit 130"
            has "$tmp/log" "Interrupted. 24 inputs:" "$what: the summary says it was interrupted"
            ;;
        int-*:-2) ok "$what: SIGINT came after the batch had finished its work (killed by it)" ;;
        kill-parent:-9) ok "$what: killed" ;;
        *)
            bad "$what: $res"
            show "$tmp/log" | tail -20
            ;;
        esac
    fi
    pdfs_valid "$o" "$what"
    if [ "$how" = kill-parent ]; then
        # Nobody is left to remove a temporary file a worker or the batch was
        # writing in OUTDIR when killed: the next run removes those (to_end
        # checks).  The workers' stderr files have no name: nothing of the
        # batch is left in $TMPDIR.
        no_tmpdir_left "$what"
    else
        no_temps "$o" "$what"
    fi
    if [ -e "$o/manifest.jsonl" ]; then
        manifest_ok "$o" "$what" --count 24
        n=$(count_status "$o" failed)
        [ "$n" = 0 ] && ok "$what: nothing failed" ||
            { bad "$what: $n failed"; grep failed "$o/manifest.jsonl" | head -3 | show; }
        n=$(count_status "$o" interrupted)
        [ "$n" -le 2 ] && ok "$what: $n interrupted (at most -j)" || bad "$what: $n interrupted with -j 2"
        echo "  $what: $(statuses "$o" | awk '{print $2}' | sort | uniq -c | tr -s ' \n' ' ')"
    elif [ "$sent" = 1 ]; then
        # Written before the first worker starts (the signal is sent after
        # that), rewritten every second and on the way out after SIGINT.
        bad "$what: no manifest.jsonl"
    fi
    # What was finished then must be skipped by the next run.
    statuses "$o" 2>/dev/null | awk '$2 == "done" || $2 == "skipped" { print $1 }' >"$tmp/finished"
}

# to_end OUT WHAT: run the batch into OUT to the end; check.
to_end() {
    o=$1 what=$2
    run 0 "$what: exit 0" "$bin" batch in -o "$o" -j 2
    n=$(ls "$o" | grep -v '^portfolio\.pdf$' | grep -c '\.pdf$')
    [ "$n" = 24 ] && ok "$what: 24 PDFs" || bad "$what: $n PDFs"
    pdfs_valid "$o" "$what"
    no_temps "$o" "$what"
    manifest_ok "$o" "$what" --count 24
    n=$(($(count_status "$o" "done") + $(count_status "$o" skipped)))
    [ "$n" = 24 ] && ok "$what: every input done or skipped" || bad "$what: only $n done or skipped"
    skipped_since "$o" "$what"
}

# skipped_since OUT WHAT: every name in $tmp/finished is skipped now.
skipped_since() {
    statuses "$1" >"$tmp/now"
    miss=$(awk 'NR == FNR { st[$1] = $2; next } st[$1] != "skipped" { printf " %s:%s", $1, st[$1] }' \
        "$tmp/now" "$tmp/finished")
    k=$(wc -l <"$tmp/finished" | tr -d ' ')
    [ -z "$miss" ] && ok "$2: the $k inputs finished before are skipped" ||
        bad "$2: finished before but not skipped now:$miss"
}

stopped int-group 0.3 outa "A1 (SIGINT to the group at 0.3 s)"
stopped int-parent 1.0 outa "A2 (SIGINT to the batch at 1 s, resuming)"
to_end outa "A3 (to the end)"
grep -q '^\[ *[0-9]*/24\] skipped in/' "$tmp/stderr" || [ ! -s "$tmp/finished" ] &&
    ok "A3: progress shows skipped lines" || bad "A3: no 'skipped' progress line"

stopped kill-parent 0.3 outb "B1 (SIGKILL to the batch at 0.3 s)"
to_end outb "B2 (to the end)"

# The two folders hold the same PDFs.
same=1
for f in outa/e*.pdf; do cmp -s "$f" "outb/${f#outa/}" || same=0; done
[ "$same" = 1 ] && ok "both folders end with the same PDFs" || bad "outa and outb differ"

finish
