#!/bin/sh
# usage.sh WAYMARK SOURCE_DIR - what `waymark batch` accepts and refuses.
#
#   exit 2: no -o, -o without a folder, no inputs, -j 0 (and other bad
#           numbers), an unknown option, two inputs that would write the
#           same OUTDIR/NAME.pdf (the message names both); an input named
#           portfolio either refused so or its PDF kept from the batch's own
#           portfolio.pdf
#   exit 1: an input that does not exist (the message names it and says
#           why); a folder with no engagement in it
#   exit 4: OUTDIR is a file
#   --help / -h: exit 0, the usage, mentions --shard
# and how inputs become names: a folder is walked for .yaml/.yml files that
# start with `format: waymark/1` (comments and `---` before it allowed),
# brand files, other YAML, hidden folders and OUTDIR inside it left alone;
# eu/acme.yaml -> eu-acme, northwind/engagement.yaml -> northwind; the same
# file named twice is one input; a file name that is not UTF-8 renders and
# keeps the manifest JSON; -q prints nothing but failures.  A folder's
# engagements in UTF-8 with a BOM and UTF-16 (LE/BE, with a BOM) are found
# and rendered; UTF-16 without one, other format versions, a FIFO and a
# dangling link named .yaml are reported.
bin=$1 src=$2
. "$src/tests/batch/lib.sh"

engagements in 2

run 2 "no -o" "$bin" batch in
has "$tmp/stderr" "-o OUTDIR" "no -o: the message asks for -o OUTDIR"
run 2 "-o without a folder" "$bin" batch in -o
run 2 "no inputs" "$bin" batch -o out
has "$tmp/stderr" "no inputs" "no inputs: the message says so"
for j in 0 -1 257 x 1.5 ""; do
    run 2 "-j '$j'" "$bin" batch in -o out -j "$j"
done
has "$tmp/stderr" "1 to 256" "bad -j: the message gives the range"
run 2 "-j0" "$bin" batch in -o out -j0
run 2 "-j without a number" "$bin" batch in -o out -j
run 2 "an unknown option" "$bin" batch in -o out --bogus
has "$tmp/stderr" "unknown option '--bogus'" "the unknown option is named"
for opt in --timeout --cpu --memory; do
    run 2 "$opt 0" "$bin" batch in -o out "$opt" 0
    run 2 "$opt abc" "$bin" batch in -o out "$opt" abc
done
run 2 "--plugin-timeout 0" "$bin" batch in -o out --plugin-timeout 0
[ ! -e out ] && ok "usage errors create no OUTDIR" || bad "a usage error created OUTDIR"

run 0 "--help" "$bin" batch --help
has "$tmp/stdout" "usage: waymark batch" "--help prints the usage"
has "$tmp/stdout" "--shard K/N" "--help mentions --shard"
run 0 "-h" "$bin" batch -h
has "$tmp/stdout" "--shard" "-h mentions --shard"

# ---- inputs that cannot be used ----
run 1 "a missing input: exit 1" "$bin" batch in/e01.yaml no-such.yaml -o out
has "$tmp/stderr" "no-such.yaml" "a missing input: the message names it"
has "$tmp/stderr" "cannot read the input: No such file or directory" "a missing input: the message says why"

mkdir -p empty/sub
printf 'format: waymark-brand/1\nname: Not an engagement\n' >empty/brand.yaml
printf 'title: notes\n' >empty/sub/notes.yaml
run 1 "a folder without engagements: exit 1" "$bin" batch empty -o out
has "$tmp/stderr" "no engagement file in this folder" "a folder without engagements: the message says so"
has "$tmp/stderr" "empty" "a folder without engagements: the message names it"
run 0 "a folder without engagements beside a good input: exit 0" "$bin" batch empty in/e01.yaml -o out
has "$tmp/stderr" "no engagement file in this folder" "... still warned about"

mkdir a b
cp in/e01.yaml a/x.yaml
cp in/e02.yaml b/x.yaml
ln -s ../in/assets a/assets
ln -s ../in/assets b/assets
run 2 "two inputs that would both write x.pdf: exit 2" "$bin" batch a/x.yaml b/x.yaml -o same
has "$tmp/stderr" "'a/x.yaml' and 'b/x.yaml' would both write x.pdf" "the message names both inputs and the output"
[ ! -e same/x.pdf ] && ok "nothing rendered when two inputs clash" || bad "x.pdf written despite the clash"
mkdir -p clash/acme
cp in/e01.yaml clash/acme.yaml
cp in/e02.yaml clash/acme/engagement.yaml
run 2 "acme.yaml and acme/engagement.yaml in one folder: exit 2" "$bin" batch clash -o same
has "$tmp/stderr" "would both write acme.pdf" "the folder clash names acme.pdf"

# A client called "portfolio" must not lose its PDF to the batch's own
# portfolio.pdf: refused like any other clash (exit 2), or kept whole.
mkdir port
cp -R in/assets port/assets
cp in/e01.yaml port/portfolio.yaml
cp in/e02.yaml port/other.yaml
"$bin" batch port -o pout >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
if [ "$st" = 2 ]; then
    has "$tmp/stderr" "portfolio" "an input named portfolio: refused, and the message says why"
elif [ "$st" = 0 ] && mf check pout >"$tmp/check"; then
    ok "an input named portfolio: its PDF is the one its record describes"
else
    bad "an input named portfolio.yaml: exit $st, and its PDF is overwritten by the batch's portfolio.pdf"
    cat "$tmp/check"
fi

echo "not a folder" >afile
run 4 "OUTDIR is a file: exit 4" "$bin" batch in -o afile
has "$tmp/stderr" "cannot create the output folder" "OUTDIR is a file: the message says so"

# ---- how a folder becomes inputs and names ----
mkdir -p tree/eu tree/northwind tree/.hidden tree/deep/er/still
cp -R in/assets tree/assets
sed 's|logo: assets/|logo: ../assets/|' in/e01.yaml >tree/eu/acme.yaml
sed 's|logo: assets/|logo: ../assets/|' in/e02.yaml >tree/northwind/engagement.yaml
sed 's|logo: assets/|logo: ../../../assets/|' in/e01.yaml >tree/deep/er/still/far.yml
{ printf '# a comment first\n\n---\n'; cat in/e02.yaml; } >tree/commented.yaml
cp in/e01.yaml tree/.hidden/secret.yaml
cp in/e01.yaml tree/notyaml.txt
printf 'format: waymark-brand/1\nname: Brand\n' >tree/brand.yaml
printf 'format: waymark/2\n' >tree/future.yaml
printf 'format: "waymark/10"\n' >tree/ten.yaml
run 0 "a folder tree: exit 0" "$bin" batch tree -o tree/out -q
names=$(statuses tree/out | awk '{print $1}' | tr '\n' ' ')
[ "$names" = "commented deep-er-still-far eu-acme northwind " ] &&
    ok "folder names: eu/acme.yaml -> eu-acme, northwind/engagement.yaml -> northwind, .yml found, the rest left alone" ||
    bad "names from the tree: '$names'"
# An engagement of another format version is not rendered, but said so.
cat >"$tmp/want" <<'EOF2'
tree/future.yaml: warning: 'format: waymark/2' is not an engagement this version reads: skipped
  hint: this version of Waymark reads 'format: waymark/1'
tree/ten.yaml: warning: 'format: waymark/10' is not an engagement this version reads: skipped
  hint: this version of Waymark reads 'format: waymark/1'
EOF2
cmp -s "$tmp/want" "$tmp/stderr" && ok "-q: only the two other format versions are reported" ||
    { bad "-q printed other than the two warnings"; show "$tmp/stderr"; }
rm tree/future.yaml tree/ten.yaml
run 0 "OUTDIR inside the input folder, again" "$bin" batch tree -o tree/out -q
[ "$(count_status tree/out skipped)" = 4 ] && ok "OUTDIR inside the input folder is not walked" ||
    { bad "second run over tree/"; statuses tree/out | show; }

run 0 "the same file named twice" "$bin" batch in/e01.yaml ./in/e01.yaml in -o twice
[ "$(wc -l <twice/manifest.jsonl)" = 2 ] && ok "the same file twice is one input" ||
    bad "$(wc -l <twice/manifest.jsonl) records for e01 twice and in/"

# A file name that is not UTF-8 (a Latin-1 name from an old archive) is
# still a file: it renders, and the manifest stays JSON.  JSON cannot hold
# the name's bytes, so the record shows U+FFFD and has no deps: such an
# input is rendered again on every run (docs/batch.md).
mkdir latin1
cp -R in/assets latin1/assets
cp in/e02.yaml "latin1/$(printf 'caf\351')-client.yaml"
run 0 "a file name that is not UTF-8: exit 0" "$bin" batch latin1 -o lout
[ -f "lout/$(printf 'caf\351')-client.pdf" ] && ok "a file name that is not UTF-8: its PDF" ||
    bad "a file name that is not UTF-8: no PDF"
if python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 1, recs
r = recs[0]
assert r["status"] == "done" and r["deps"] is None, r
assert "\ufffd" in r["input"] and len(r["sha256"]) == 64, r
' lout/manifest.jsonl; then
    ok "a file name that is not UTF-8: the manifest is JSON (U+FFFD, no deps)"
else
    bad "a file name that is not UTF-8: manifest"
fi
run 0 "a file name that is not UTF-8: a re-run" "$bin" batch latin1 -o lout
[ "$(count_status lout done)" = 1 ] && ok "a file name that is not UTF-8: rendered again (no deps)" ||
    bad "a file name that is not UTF-8: re-run"

# Every encoding the loader reads is found in a folder and rendered: UTF-8
# with a BOM, UTF-16 little- and big-endian with their BOM (as Windows
# editors save "Unicode").  UTF-16 without a BOM, which the loader refuses,
# is an input too, so the refusal is reported rather than the file skipped.
mkdir enc
cp -R in/assets enc/assets
{ printf '\357\273\277'; cat in/e01.yaml; } >enc/utf8bom.yaml
iconv -f UTF-8 -t UTF-16 in/e01.yaml >enc/utf16.yaml
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE in/e01.yaml; } >enc/utf16le.yaml
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE in/e01.yaml; } >enc/utf16be.yaml
iconv -f UTF-8 -t UTF-16LE in/e01.yaml >enc/nobom.yaml
mkfifo enc/pipe.yaml
ln -s nowhere.yaml enc/dangling.yaml
run 1 "encodings: exit 1 (UTF-16 without a BOM fails)" "$bin" batch enc -o eout -j 2
has "$tmp/stderr" "enc/pipe.yaml: warning: not a regular file (a FIFO, a device or a socket): skipped" \
    "a FIFO named .yaml: reported, not opened"
has "$tmp/stderr" "enc/dangling.yaml: warning: cannot read the file (No such file or directory): skipped" \
    "a dangling .yaml link: reported"
statuses eout >"$tmp/st"
printf 'nobom failed\nutf16 done\nutf16be done\nutf16le done\nutf8bom done\n' >"$tmp/want"
cmp -s "$tmp/want" "$tmp/st" && ok "encodings: UTF-8 BOM, UTF-16 LE/BE with BOM rendered; no BOM reported" ||
    { bad "encodings: statuses"; show "$tmp/st"; }
mf get eout nobom error >"$tmp/e"
has "$tmp/e" "control characters are not allowed (byte 0x00)" "encodings: the loader's refusal is the error"
pdftotext eout/utf16be.pdf - | grep -q "Client e01 (saas-scaleup) Ltd" &&
    ok "encodings: the UTF-16 PDF has the client's name" || bad "encodings: client name not in utf16be.pdf"

cp in/e01.yaml quiet-bad.yaml
sed -i 's/^  currency: .*/  currency: NOPE/' quiet-bad.yaml
run 1 "-q with a failure: exit 1" "$bin" batch -q quiet-bad.yaml -o qout
has "$tmp/stderr" "quiet-bad.yaml" "-q: the failure is still shown"
grep -q 'inputs\?:' "$tmp/stderr" && bad "-q printed the summary line" || ok "-q: no summary line"

finish
