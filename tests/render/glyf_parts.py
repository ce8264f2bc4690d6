#!/usr/bin/env python3
"""glyf_parts.py FILE.pdf - every composite glyph of every TrueType font
embedded in the PDF has all its parts.

A composite glyph (DejaVu Sans's joined Arabic forms, many accented letters)
draws other glyphs of the font.  A part that is empty in the embedded font
prints nothing: the letter loses its body and keeps its dots.  Prints one
line per font and exits 1 when a part is empty or missing.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile


def font_streams(path):
    """The decoded FontFile2 streams of the PDF, by object number."""
    with tempfile.TemporaryDirectory() as tmp:
        qdf_path = os.path.join(tmp, "f.qdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, qdf_path],
                       capture_output=True, check=False)
        with open(qdf_path, "rb") as f:
            qdf = f.read()
        for num in sorted(set(re.findall(rb"/FontFile2 (\d+) 0 R", qdf)), key=int):
            data = subprocess.run(["qpdf", "--show-object=" + num.decode(),
                                   "--filtered-stream-data", qdf_path],
                                  capture_output=True, check=True).stdout
            yield int(num), data


def tables(font):
    count = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(count):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = font[off:off + length]
    return out


def glyph_ranges(t):
    n = struct.unpack(">H", t["maxp"][4:6])[0]
    long_loca = struct.unpack(">h", t["head"][50:52])[0] == 1
    loca = t["loca"]
    if long_loca:
        offs = struct.unpack(">%dI" % (n + 1), loca[:4 * (n + 1)])
    else:
        offs = [2 * v for v in struct.unpack(">%dH" % (n + 1), loca[:2 * (n + 1)])]
    return [(offs[g], offs[g + 1]) for g in range(n)]


def parts(glyph):
    """The glyph ids a composite glyph draws (empty for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack(">h", glyph[:2])[0] >= 0:
        return []
    out, at = [], 10
    while at + 4 <= len(glyph):
        flags, gid = struct.unpack(">HH", glyph[at:at + 4])
        out.append(gid)
        at += 4 + (4 if flags & 0x1 else 2)
        at += 2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        if not flags & 0x20:
            break
    return out


def main():
    bad = 0
    fonts = 0
    for num, font in font_streams(sys.argv[1]):
        fonts += 1
        t = tables(font)
        ranges = glyph_ranges(t)
        glyf = t["glyf"]
        composites = empty = 0
        for g, (a, z) in enumerate(ranges):
            ids = parts(glyf[a:z])
            composites += bool(ids)
            for p in ids:
                if p >= len(ranges) or ranges[p][1] <= ranges[p][0]:
                    empty += 1
                    print("font object %d: glyph %d draws glyph %d, which is empty" % (num, g, p))
        print("font object %d: %d glyphs, %d composite, %d empty parts"
              % (num, len(ranges), composites, empty))
        bad += empty
    if fonts == 0:
        print("no embedded TrueType font")
        return 1
    return 1 if bad else 0


sys.exit(main())
