#!/bin/sh
# badmanifest.sh WAYMARK SOURCE_DIR - a damaged OUTDIR/manifest.jsonl is
# never trusted and never stops a batch: what cannot be trusted is ignored
# with a warning naming the file and line, its input is rendered again, and
# every other input is still skipped.
#
# Four engagements (e01..e04) rendered once; then, each time from that
# manifest, one damage and a re-run (exit 0, the new manifest whole):
#   e02's line cut short             warning at line 2; e02 rendered
#   a line of 2 MiB added            warning "longer than 1 MiB"; none rendered
#   a line of one object of 40,000 keys for e03 (under 1 MiB)   e03 rendered
#                                    (its deps are not its own), no warning
#   e04's deps naming /proc/self/pagemap (0 bytes by stat, endless to read)
#                                    e04 rendered: no file over 256 MiB is read
#   e01's line twice                 warning "a second record for 'e01'"; e01
#   a record without a name, bytes that are not UTF-8, a NUL, an array,
#   a blank line                     a warning each (blank: none); none rendered
#   eight bad lines                  five warnings and "3 more records were ignored"
#   a FIFO in the manifest's place   "not a regular file", exit 1 at once, no hang
#   a sparse manifest of 300 MiB     "300 MiB, more than the 256 MiB": all rendered
# Each run is bounded by `timeout 120`, so a reader that blocks or goes
# quadratic fails instead of hanging the suite.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 4
ALL="e01 e02 e03 e04"
run 0 "first run" "$bin" batch in -o out -j 2 -q
cp out/manifest.jsonl "$tmp/good.jsonl"
M=out/manifest.jsonl

# again WHAT "NAMES RENDERED": re-run over the damaged manifest and check.
again() {
    a_what=$1 a_want=$2
    run 0 "$a_what: exit 0" timeout 120 "$bin" batch in -o out -j 2
    if [ ! -f "$M" ]; then
        bad "$a_what: no new manifest"
        rm -f "$M"
        cp "$tmp/good.jsonl" "$M"
        return
    fi
    manifest_ok out "$a_what" --count 4
    a_got=$(statuses out | awk '$2 == "done" { print $1 }' | tr '\n' ' ')
    a_want_s=$(for n in $a_want; do echo "$n"; done | sort | tr '\n' ' ')
    [ "$a_got" = "$a_want_s" ] && ok "$a_what: rendered: ${a_want:-none}" ||
        { bad "$a_what: rendered '$a_got', expected '$a_want_s'"; statuses out | show; }
    a_skip=$(statuses out | awk '$2 == "skipped" { print $1 }' | tr '\n' ' ')
    a_rest=$(for n in $ALL; do case " $a_want " in *" $n "*) ;; *) printf '%s ' "$n" ;; esac; done)
    [ "$a_skip" = "$a_rest" ] && ok "$a_what: skipped: ${a_rest:-none}" ||
        bad "$a_what: skipped '$a_skip', expected '$a_rest'"
    # Back to the first run's manifest (the PDFs are the same bytes).
    rm -f "$M"
    cp "$tmp/good.jsonl" "$M"
}

# warns TEXT WHAT: stderr has the warning line TEXT (a fixed string).
warns() { has "$tmp/stderr" "$1" "$2"; }
no_warning() {
    grep -q 'warning' "$tmp/stderr" && { bad "$1: a warning"; show "$tmp/stderr"; } ||
        ok "$1: no warning"
}

IGN="the record is ignored and its input rendered again"

awk 'NR == 2 { print substr($0, 1, 300); next } { print }' "$tmp/good.jsonl" >"$M"
again "e02's line cut short" "e02"
warns "out/manifest.jsonl:2:1: warning: not valid JSON (unterminated string at byte 300): $IGN" \
    "cut line: the warning names the file, the line and the fault"
warns "  hint: the batch writes a new manifest when it ends" "cut line: the hint"

"$PYTHON" -c 'import sys; sys.stdout.write("{\"name\":\"e01\",\"pad\":\"" + "x" * 2097152 + "\"}\n")' >>"$M"
again "a line of 2 MiB" ""
warns "out/manifest.jsonl:5:1: warning: longer than 1 MiB: $IGN" "2 MiB line: warned"

"$PYTHON" - "$M" <<'EOF'
import json, sys
path = sys.argv[1]
lines = open(path).read().splitlines()
rec = json.loads(lines[2])
rec["deps"] = {"/n/%05d" % i: "0" for i in range(40000)}
lines[2] = json.dumps(rec, separators=(",", ":"))
assert len(lines[2]) < 1 << 20
open(path, "w").write("\n".join(lines) + "\n")
EOF
again "e03's record with 40,000 deps" "e03"
no_warning "40,000 deps"

"$PYTHON" - "$M" <<'EOF'
import json, sys
path = sys.argv[1]
lines = open(path).read().splitlines()
rec = json.loads(lines[3])
rec["deps"]["/proc/self/pagemap"] = "0" * 64
lines[3] = json.dumps(rec, separators=(",", ":"))
open(path, "w").write("\n".join(lines) + "\n")
EOF
again "e04's record naming /proc/self/pagemap" "e04"
no_warning "/proc/self/pagemap"

sed -n 1p "$tmp/good.jsonl" >>"$M"
again "e01's record twice" "e01"
warns "out/manifest.jsonl:5:1: warning: a second record for 'e01': $IGN" "e01 twice: warned"

{
    echo '{"input":"x","status":"done"}'
    printf '{"name":"e\377\376"}\n'
    printf '{"name":"e01"\000}\n'
    echo '[1,2,3]'
    echo
} >>"$M"
again "four bad lines and a blank one" ""
warns "out/manifest.jsonl:5:1: warning: not an object with a \"name\": $IGN" "no name: warned"
warns "out/manifest.jsonl:6:1: warning: not valid JSON (invalid UTF-8 in a string at byte 10): $IGN" \
    "not UTF-8: warned"
warns "out/manifest.jsonl:7:1: warning: not valid JSON (expected ',' or '}' at byte 13): $IGN" \
    "NUL: warned"
warns "out/manifest.jsonl:8:1: warning: not an object with a \"name\": $IGN" "an array: warned"
grep -q 'manifest.jsonl:9:' "$tmp/stderr" && bad "a blank line warned about" ||
    ok "a blank line is no record"

for i in 1 2 3 4 5 6 7 8; do echo "garbage $i"; done >>"$M"
again "eight bad lines" ""
n=$(grep -c "warning: not valid JSON" "$tmp/stderr")
[ "$n" = 5 ] && ok "eight bad lines: five shown" || { bad "eight bad lines: $n shown"; show "$tmp/stderr"; }
warns "out/manifest.jsonl: warning: 3 more records were ignored" "eight bad lines: the rest counted"

rm -f "$M"
mkfifo "$M"
# The batch would block on it when it writes its new manifest: refused at
# once, before anything is rendered (exit 1), and left as it is.
run 1 "a FIFO as the manifest: exit 1 at once" timeout 120 "$bin" batch in -o out -j 2
warns "out/manifest.jsonl: error: cannot read the file: it is not a regular file" "FIFO: says why"
[ -p "$M" ] && ok "FIFO: left as it was" || bad "FIFO: replaced"

rm -f "$M"
truncate -s 300M "$M"
again "a manifest of 300 MiB" "$ALL"
warns "out/manifest.jsonl: warning: the manifest is 300 MiB, more than the 256 MiB a manifest may have: every input is rendered again" \
    "300 MiB: warned"

pdfs_valid out "after all"
no_temps out "after all"
finish
