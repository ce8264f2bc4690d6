#!/bin/sh
# manifest_seeds.sh WAYMARK FUZZ_MANIFEST [DIR] - write the seeds of
# fuzz_manifest into DIR (default fuzz/corpus/fuzz_manifest):
#
#   real.jsonl        the manifest of a real batch of the three samples
#   real-N.json       each of its records alone
#   fixture.jsonl     the same records made to match the fuzzer's fixture
#                     (/tmp/waymark-fuzz-manifest, made by FUZZ_MANIFEST at
#                     start-up): names a, b, c, its paths and hashes, the
#                     key "fuzz-key", the real summaries; a and b are up to
#                     date, c failed
#   fixture-N.json    each of those alone
#
# Needs python3.  The seeds are committed; run this again when the
# manifest's record changes.
set -eu
wm=$(realpath "$1") fuzzer=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
dir=${3:-$here/corpus/fuzz_manifest}
src=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in" "$dir"
cp -R "$src/samples/assets" "$tmp/in/assets"
cp "$src"/samples/*.yaml "$tmp/in/"
(cd "$tmp" && WAYMARK_DATA_DIR=${WAYMARK_DATA_DIR:-$src} SOURCE_DATE_EPOCH=1795000000 \
    "$wm" batch in -o out -j 2 -q)
"$fuzzer" -runs=0 >/dev/null 2>&1
python3 - "$tmp/out/manifest.jsonl" "$dir" <<'EOF'
import hashlib, json, os, sys
real_path, out = sys.argv[1], sys.argv[2]
fix = "/tmp/waymark-fuzz-manifest"
def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()
lines = open(real_path).read().splitlines()
open(os.path.join(out, "real.jsonl"), "w").write("\n".join(lines) + "\n")
recs = []
for i, line in enumerate(lines):
    open(os.path.join(out, "real-%d.json" % (i + 1)), "w").write(line)
    r = json.loads(line)
    name = "abc"[i]
    r["name"] = name
    r["input"] = "%s/in/%s.yaml" % (fix, name)
    r["output"] = "%s/out/%s.pdf" % (fix, name)
    r["key"] = "fuzz-key"
    if name == "c":
        r.update(status="failed", error="c.yaml:1:1: error: x\n", sha256=None, exit=1,
                 deps=None, summary=None)
    else:
        r["sha256"] = sha(r["output"])
        r["deps"] = {os.path.realpath(r["input"]): sha(r["input"]),
                     fix + "/dep.lua": sha(fix + "/dep.lua")}
    recs.append(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
for i, rec in enumerate(recs):
    open(os.path.join(out, "fixture-%d.json" % (i + 1)), "w").write(rec)
open(os.path.join(out, "fixture.jsonl"), "w").write("\n".join(recs) + "\n")
EOF
ls "$dir"
