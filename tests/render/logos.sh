#!/bin/sh
# logos.sh WAYMARK SRCDIR - a logo that is missing, corrupt, huge or not an
# image is the user's input error: exit 1, a message naming the file and the
# line that names it, and an existing PDF left as it was.
set -eu
wm=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The engagement: a sample with client.logo pointing at $tmp/logo.
python3 - "$src/samples/saas-scaleup.yaml" "$tmp/e.yaml" <<'PY'
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if not l.lstrip().startswith("logo:")]
out = []
for l in lines:
    out.append(l)
    if l.rstrip() == "client:":
        out.append("  logo: logo.img\n")
open(sys.argv[2], "w", encoding="utf-8").writelines(out)
PY
line=$(grep -n "logo: logo.img" "$tmp/e.yaml" | cut -d: -f1)

# Fixtures: a real PNG made here, then broken copies of it.
python3 - "$tmp" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def chunk(t, data):
    c = struct.pack(">I", len(data)) + t + data
    return c + struct.pack(">I", zlib.crc32(t + data) & 0xffffffff)
def png(w, h, rows):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
good = png(4, 4, b"".join(b"\0" + b"\x10\x20\x30\xff" * 4 for _ in range(4)))
open(d + "/good.png", "wb").write(good)
open(d + "/truncated.png", "wb").write(good[:40])
bad = bytearray(good); bad[45] ^= 0xff  # inside IDAT: the CRC no longer matches
open(d + "/crc.png", "wb").write(bytes(bad))
# Huge: the header claims 30000 x 20000 pixels (never decoded).
huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 20000, 8, 6, 0, 0, 0)) + chunk(b"IEND", b"")
open(d + "/huge.png", "wb").write(huge)
open(d + "/notes.txt", "w").write("not an image\n")
PY

echo "old" > "$tmp/out.pdf"
fails=0
check() { # FIXTURE EXPECTED-SUBSTRING
    rm -f "$tmp/logo.img"
    [ "$1" = missing ] || cp "$tmp/$1" "$tmp/logo.img"
    st=0
    "$wm" render "$tmp/e.yaml" -o "$tmp/out.pdf" 2> "$tmp/err" || st=$?
    if [ "$st" != 1 ]; then
        echo "FAIL: $1: exit $st, expected 1"; cat "$tmp/err"; fails=1; return
    fi
    if ! grep -q "e.yaml:$line:[0-9]*: error: client.logo: cannot use '.*logo.img': .*$2" "$tmp/err"; then
        echo "FAIL: $1: expected a message with '$2' at line $line, got:"; cat "$tmp/err"; fails=1
    fi
    if [ "$(cat "$tmp/out.pdf")" != old ]; then
        echo "FAIL: $1: the existing output was touched"; fails=1
    fi
}
check missing "No such file"
check truncated.png "corrupt\|truncated\|ends early"
check crc.png "corrupt\|CRC"
check huge.png "30000x20000"
check notes.txt "not a PNG or JPEG"
cat "$tmp/err"
exit $fails
