#!/usr/bin/env python3
"""ttf_mutate.py SRC OUTDIR < LIST - damaged copies of a TrueType font, made
with struct (no fonttools), for the font tests (tests/render/fonts.sh).

Each line of LIST is "NAME EDIT..." and makes OUTDIR/NAME.ttf: a copy of SRC
with the EDITs applied in order.  (One run makes them all: starting Python
costs more than the edits.)  EDIT is one of:
  cut:N                 keep the first N bytes
  FIELD=VALUE           set a field (VALUE decimal or 0x hex), FIELD being
                        TABLE.NAME from FIELDS below, or
                        dir.TAG.offset / dir.TAG.length (a directory record), or
                        loca.N (the Nth loca entry, in the font's own format)
ttf_mutate.py --fields  prints the FIELD names, one a line (for a sweep).

Fields of "cmap4" are in the (3,1) format 4 cmap subtable; endCodeN,
startCodeN, idDeltaN and idRangeOffsetN are segment N's (from 0).
"""
import struct
import sys

# name -> (table, offset in it, struct format)
FIELDS = {
    "sfnt.numTables": ("", 4, ">H"),
    "head.version": ("head", 0, ">H"),
    "head.magicNumber": ("head", 12, ">I"),
    "head.unitsPerEm": ("head", 18, ">H"),
    "head.xMin": ("head", 36, ">h"),
    "head.indexToLocFormat": ("head", 50, ">h"),
    "head.glyphDataFormat": ("head", 52, ">h"),
    "maxp.version": ("maxp", 0, ">I"),
    "maxp.numGlyphs": ("maxp", 4, ">H"),
    "hhea.version": ("hhea", 0, ">H"),
    "hhea.ascender": ("hhea", 4, ">h"),
    "hhea.numberOfHMetrics": ("hhea", 34, ">H"),
    "hmtx.advanceWidth0": ("hmtx", 0, ">H"),
    "cmap.version": ("cmap", 0, ">H"),
    "cmap.numTables": ("cmap", 2, ">H"),
    "cmap.offset0": ("cmap", 8, ">I"),
    "cmap4.format": ("cmap4", 0, ">H"),
    "cmap4.length": ("cmap4", 2, ">H"),
    "cmap4.segCountX2": ("cmap4", 6, ">H"),
    "cmap4.endCode2": ("cmap4", "end", 2),
    "cmap4.startCode2": ("cmap4", "start", 2),
    "cmap4.idDelta2": ("cmap4", "delta", 2),
    "cmap4.idRangeOffset2": ("cmap4", "range", 2),
    "name.count": ("name", 2, ">H"),
    "name.stringOffset": ("name", 4, ">H"),
    "name.length0": ("name", 14, ">H"),
    "OS/2.version": ("OS/2", 0, ">H"),
    "OS/2.fsType": ("OS/2", 8, ">H"),
}


def directory(d):
    n = struct.unpack(">H", d[4:6])[0]
    tables = {}
    for i in range(n):
        at = 12 + 16 * i
        tag, _, off, length = struct.unpack(">4sIII", d[at:at + 16])
        tables[tag.decode("latin-1")] = (off, length, at)
    return tables


def unicode_cmap(d, tables):
    c = tables["cmap"][0]
    n = struct.unpack(">H", d[c + 2:c + 4])[0]
    for i in range(n):
        pid, eid, off = struct.unpack(">HHI", d[c + 4 + 8 * i:c + 12 + 8 * i])
        if (pid, eid) == (3, 1):
            return c + off
    sys.exit("no (3,1) cmap")


def where(d, name):
    """(offset in the file, struct format) of a field."""
    tables = directory(d)
    if name.startswith("dir."):
        _, tag, which = name.split(".")
        return tables[tag][2] + (8 if which == "offset" else 12), ">I"
    if name.startswith("loca."):
        head = tables["head"][0]
        long_loca = struct.unpack(">h", d[head + 50:head + 52])[0] == 1
        i = int(name.split(".")[1])
        width = 4 if long_loca else 2
        return tables["loca"][0] + width * i, ">I" if long_loca else ">H"
    table, at, fmt = FIELDS[name]
    if table == "":
        return at, fmt
    if table == "cmap4":
        sub = unicode_cmap(d, tables)
        if isinstance(at, str):
            segs = struct.unpack(">H", d[sub + 6:sub + 8])[0] // 2
            base = {"end": 14, "start": 16 + 2 * segs, "delta": 16 + 4 * segs,
                    "range": 16 + 6 * segs}[at]
            return sub + base + 2 * fmt, ">H"
        return sub + at, fmt
    return tables[table][0] + at, fmt


def mutate(src, edits):
    d = bytearray(src)
    for edit in edits:
        if edit.startswith("cut:"):
            d = d[:int(edit[4:])]
            continue
        name, value = edit.split("=")
        at, fmt = where(d, name)
        size = struct.calcsize(fmt)
        v = int(value, 0) & ((1 << (8 * size)) - 1)
        d[at:at + size] = v.to_bytes(size, "big")
    return d


def main(argv):
    if argv[1:] == ["--fields"]:
        print("\n".join(FIELDS))
        return
    src = open(argv[1], "rb").read()
    for line in sys.stdin:
        words = line.split()
        if words:
            with open("%s/%s.ttf" % (argv[2], words[0]), "wb") as out:
                out.write(mutate(src, words[1:]))


if __name__ == "__main__":
    main(sys.argv)
