#!/bin/sh
# outputs.sh WAYMARK SOURCE_DIR - where `-o`, --json and --layout-dump
# write, and that a failed or interrupted run loses no file.
#
#   - a device node (a private copy of /dev/null, as root) or a FIFO is
#     written to, never replaced by a regular file;
#   - a symbolic link is followed: the link stays, its target is replaced
#     (keeping its permission bits); one to a pipe (/dev/stdout) writes the
#     pipe; a link loop or a socket is exit 4, nothing replaced;
#   - `-o -` writes standard output (render: the same PDF as -o FILE);
#   - an output naming the engagement (by another spelling, a link, or as
#     standard input's file) or another output: exit 2, nothing written;
#   - --json or --layout-dump failing (a missing folder, a private copy of
#     /dev/full) leaves
#     the previous PDF as it was: outputs are committed together;
#   - SIGTERM, SIGINT or SIGHUP while the PDF's temporary file exists (the
#     run blocked writing --json into a FIFO nobody reads) ends the run by
#     that signal with no temporary file left; and during a plugin's long
#     run, too.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"
T="timeout 60"
cp "$src/samples/saas-scaleup.yaml" e.yaml
cp -R "$src/samples/assets" assets
"$bin" render e.yaml -o ref.pdf || bad "the reference render failed"
"$bin" plan e.yaml >ref.json || bad "the reference plan failed"
temps() { ls -A | grep '\.tmp\.' ; }

# ---- devices and FIFOs are written to, never replaced ----
# Never the system's /dev/null: a build with this defect would replace it.
if [ "$(id -u)" = 0 ] && mknod null c 1 3 2>/dev/null; then
    run 0 "plan -o a character device (a private /dev/null)" $T "$bin" plan e.yaml -o null
    [ -c null ] && ok "-o /dev/null: still a character device" || bad "-o /dev/null: the device was replaced: $(ls -l null)"
    run 0 "render -o a character device" $T "$bin" render e.yaml -o null --json null2.json
    [ -c null ] && ok "render -o /dev/null: still a character device" || bad "render replaced the device"
else
    echo "skip: not root (mknod): the device case"
fi
mkfifo fifo
timeout 20 cat fifo >fromfifo.json &
reader=$!
run 0 "plan -o FIFO" $T "$bin" plan e.yaml -o fifo
wait $reader
[ -p fifo ] && ok "-o FIFO: still a FIFO" || bad "-o FIFO: replaced"
cmp -s fromfifo.json ref.json && ok "-o FIFO: the reader got the plan" || bad "-o FIFO: the reader got something else"

# A link to standard output, a pipe here (a private one: a defective build
# would replace /dev/stdout itself).
ln -s /proc/self/fd/1 stdout.link
run 0 "plan -o a link to standard output (a pipe)" sh -c "\"$bin\" plan e.yaml -o stdout.link | cat >via-link.json"
cmp -s via-link.json ref.json && [ -L stdout.link ] && ok "-o LINK-TO-PIPE: written through the pipe" ||
    bad "-o LINK-TO-PIPE: the plan did not come through, or the link was replaced"
ln -s loop.json loop.json
run 4 "plan -o a symbolic link loop: exit 4" "$bin" plan e.yaml -o loop.json
has "$tmp/stderr" "loop.json: error: cannot write the file: Too many levels of symbolic links" "a link loop: says so"
"$PYTHON" -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' sock
run 4 "plan -o a socket: exit 4" "$bin" plan e.yaml -o sock
has "$tmp/stderr" "sock: error: cannot write the file:" "a socket: says so"
[ -S sock ] && ok "the socket is left as it was" || bad "the socket was replaced"

# ---- symbolic links are followed ----
mkdir real
echo old >real/target.pdf
chmod 640 real/target.pdf
ln -s real/target.pdf link.pdf
run 0 "render -o a symbolic link" $T "$bin" render e.yaml -o link.pdf
[ -L link.pdf ] && ok "-o LINK: the link is kept" || bad "-o LINK: the link was replaced"
cmp -s real/target.pdf ref.pdf && ok "-o LINK: its target holds the PDF" || bad "-o LINK: the target was not written"
[ "$(stat -c %a real/target.pdf)" = 640 ] && ok "-o LINK: the target keeps its mode" ||
    bad "-o LINK: mode $(stat -c %a real/target.pdf), expected 640"
ln -s real/new.json dangling.json
run 0 "plan -o a dangling link" $T "$bin" plan e.yaml -o dangling.json
[ -L dangling.json ] && cmp -s real/new.json ref.json && ok "-o DANGLING: the link's target is created" ||
    bad "-o DANGLING: link or target wrong"
[ -z "$(ls -A real | grep tmp)" ] && ok "-o LINK: no temporary left beside the target" || bad "temporaries in real/"

# ---- -o - ----
run 0 "render -o -" sh -c "\"$bin\" render e.yaml -o - >stdout.pdf"
cmp -s stdout.pdf ref.pdf && ok "render -o -: the same PDF on standard output" || bad "render -o -: differs"
run 0 "plan -o -" sh -c "\"$bin\" plan e.yaml -o - >stdout.json"
cmp -s stdout.json ref.json && ok "plan -o -: the plan on standard output" || bad "plan -o -: differs"
run 0 "render -o F --json -" sh -c "\"$bin\" render e.yaml -o j.pdf --json - >j.json"
cmp -s j.json ref.json && cmp -s j.pdf ref.pdf && ok "--json -: the plan on standard output" || bad "--json -: differs"

# ---- an output that is the input, or another output ----
cp e.yaml keep.yaml
ln -s e.yaml elink.yaml
run 2 "render -o INPUT" "$bin" render e.yaml -o ./e.yaml
has "$tmp/stderr" "-o './e.yaml' is the engagement file: it would be overwritten" "-o INPUT: says why"
run 2 "plan -o INPUT through a link" "$bin" plan elink.yaml -o e.yaml
run 2 "render --json INPUT" "$bin" render e.yaml -o x.pdf --json "$tmp/e.yaml"
run 2 "render --layout-dump INPUT" "$bin" render e.yaml -o x.pdf --layout-dump e.yaml
run 2 "plan - -o the file standard input is" sh -c "\"$bin\" plan - -o e.yaml <e.yaml"
run 2 "render PDF.yaml: the default output would be the input" "$bin" render ref.pdf
cmp -s e.yaml keep.yaml && ok "the engagement is untouched" || bad "the engagement was changed"
run 2 "render -o F --json F (another spelling)" "$bin" render e.yaml -o same.out --json ./same.out
has "$tmp/stderr" "-o and --json name the same file './same.out'" "-o = --json: says so"
run 2 "render -o F --layout-dump LINK-TO-F" "$bin" render e.yaml -o link.pdf --layout-dump real/target.pdf
run 2 "render -o - --json -" "$bin" render e.yaml -o - --json -
has "$tmp/stderr" "-o and --json both write to standard output" "two outputs on stdout: says so"
[ ! -e x.pdf ] && [ ! -e same.out ] && ok "usage errors write nothing" || bad "a usage error wrote a file"

# ---- all outputs or none ----
cp ref.pdf old.pdf
sed 's/^  name: .*/  name: "Changed Client Ltd"/' e.yaml >changed.yaml
# A private /dev/full (as root): a defective build must not replace the real one.
full=
[ "$(id -u)" = 0 ] && mknod full c 1 7 2>/dev/null && full=full
for bad_json in missing/plan.json $full; do
    run 4 "render with --json $bad_json failing: exit 4" "$bin" render changed.yaml -o old.pdf --json "$bad_json"
    cmp -s old.pdf ref.pdf && ok "--json $bad_json failing: the old PDF is untouched" ||
        bad "--json $bad_json failing: the old PDF was replaced"
done
run 4 "render with --layout-dump failing: exit 4" "$bin" render changed.yaml -o old.pdf --json new.json --layout-dump missing/d.txt
cmp -s old.pdf ref.pdf && [ ! -e new.json ] && ok "--layout-dump failing: neither the PDF nor the JSON written" ||
    bad "--layout-dump failing: an output was committed"
[ -z "$(temps)" ] && ok "failed writes leave no temporary" || bad "temporaries left: $(temps)"

# ---- signals ----
PY=$PYTHON
sig_run="$src/tests/batch/signal_run.py"
for how in term int hup; do
    mkfifo "nobody.$how"
    rm -f sig.pdf
    out=$("$PY" "$sig_run" "$how-parent" 0.2 "$tmp/sig.log" --after "$tmp/.sig.pdf.tmp.*" \
        "$bin" render e.yaml -o sig.pdf --json "nobody.$how")
    case $how in term) want=-15 ;; int) want=-2 ;; hup) want=-1 ;; esac
    case $out in
    "rc=$want sent=1"*) ok "SIG$how while the PDF's temporary exists: ended by the signal" ;;
    *) bad "SIG$how: $out, expected rc=$want"; show "$tmp/sig.log" ;;
    esac
    [ -z "$(temps)" ] && ok "SIG$how: no temporary file left" || bad "SIG$how: left $(temps)"
    [ ! -e sig.pdf ] && [ -p "nobody.$how" ] && ok "SIG$how: nothing committed, the FIFO kept" ||
        bad "SIG$how: an output was written"
done
mkdir slow
cat >slow/slow.lua <<'LUA'
-- One C call that backtracks for hours (no instruction budget stops it).
local function risks()
  string.rep('a', 3000):find(('a-'):rep(12) .. 'b')
  return {}
end
return { name = "slow", version = "1.0.0", api_version = 1, hooks = { risks = risks } }
LUA
cp e.yaml slow.yaml
printf 'plugins:\n  - ./slow/slow.lua\n' >>slow.yaml
out=$("$PY" "$sig_run" term-parent 1.5 "$tmp/sig.log" "$bin" render slow.yaml -o slow.pdf --plugin-timeout 120)
case $out in
"rc=-15 sent=1"*) ok "SIGTERM during a plugin: ended by the signal" ;;
*) bad "SIGTERM during a plugin: $out"; show "$tmp/sig.log" ;;
esac
[ -z "$(temps)" ] && [ ! -e slow.pdf ] && ok "SIGTERM during a plugin: nothing left" || bad "left: $(temps)"

# Standard output that cannot be written (a full disk) is exit 4 for every
# command that prints there, never a silent success.
if [ -w /dev/full ]; then
    for c in "validate e.yaml" "plugins list" "plugins info document/standard" "--help" "--version"; do
        # shellcheck disable=SC2086 # the command's words on purpose
        run 4 "$c >/dev/full: exit 4" sh -c "\"\$0\" $c >/dev/full" "$bin"
        has "$tmp/stderr" "waymark: error: cannot write to standard output: No space left on device" \
            "$c >/dev/full: says so"
    done
fi
finish
