#!/usr/bin/env python3
"""font_seeds.py OUTDIR [FONT...] - seeds for fuzz_font.

Writes a small TrueType font built here with struct (no fonttools): a
.notdef box, a space, 'H' and 'x' as simple glyphs and U+00E9 as a
composite of the two, every table libharu 2.3.0 reads (head hhea maxp OS/2
hmtx cmap loca glyf name post) with a (3,1) format 4 cmap, in a short-loca
and a long-loca form; then copies of it cut short at several points and
with single fields broken (each refused by the checks, which the fuzzer
then learns to get past).  Each FONT given is cut down here to the glyphs
of a few characters (real outlines, composites and hinting programs, in a
few kilobytes the fuzzer can work on) and also copied in whole.

fuzz/corpus/fuzz_font/ holds the small seeds, made with:
    python3 fuzz/font_seeds.py fuzz/corpus/fuzz_font fonts/*.ttf
and then the whole fonts removed (rm fuzz/corpus/fuzz_font/*-whole.ttf).
"""
import os
import struct
import sys


def glyph_simple(contours):
    """A glyph of straight on-curve contours, each a list of (x, y)."""
    pts = [p for c in contours for p in c]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    out = struct.pack(">hhhhh", len(contours), min(xs), min(ys), max(xs), max(ys))
    end = -1
    for c in contours:
        end += len(c)
        out += struct.pack(">H", end)
    out += struct.pack(">H", 0)  # no instructions
    out += bytes([0x01] * len(pts))  # on curve, 16-bit deltas
    x = y = 0
    dx, dy = b"", b""
    for px, py in pts:
        dx += struct.pack(">h", px - x)
        dy += struct.pack(">h", py - y)
        x, y = px, py
    return out + dx + dy


def glyph_composite(parts, box):
    """A composite glyph of (glyph index, dx, dy) parts."""
    out = struct.pack(">hhhhh", -1, *box)
    for i, (gid, dx, dy) in enumerate(parts):
        flags = 0x0001 | 0x0002  # ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES
        if i + 1 < len(parts):
            flags |= 0x0020  # MORE_COMPONENTS
        out += struct.pack(">HHhh", flags, gid, dx, dy)
    return out


def pad4(b):
    return b + b"\0" * (-len(b) % 4)


def cmap_format4(mapping):
    """(3,1) format 4: one segment per code point, then U+FFFF."""
    segs = [(cp, cp, (gid - cp) & 0xFFFF) for cp, gid in sorted(mapping.items())]
    segs.append((0xFFFF, 0xFFFF, 1))
    n = len(segs)
    sr = 2 * (1 << (n.bit_length() - 1))
    body = struct.pack(">HHHH", 2 * n, sr, (n.bit_length() - 1), 2 * n - sr)
    body += b"".join(struct.pack(">H", e) for _, e, _ in segs) + b"\0\0"
    body += b"".join(struct.pack(">H", s) for s, _, _ in segs)
    body += b"".join(struct.pack(">H", d) for _, _, d in segs)
    body += b"\0\0" * n
    sub = struct.pack(">HHH", 4, 6 + len(body), 0) + body
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + sub


def name_table(family, style, ps):
    recs, strings = [], b""
    for nid, text in ((1, family), (2, style), (4, family + " " + style), (6, ps)):
        data = text.encode("utf-16-be")
        recs.append(struct.pack(">6H", 3, 1, 0x409, nid, len(data), len(strings)))
        strings += data
    return struct.pack(">HHH", 0, len(recs), 6 + 12 * len(recs)) + b"".join(recs) + strings


def build(long_loca):
    upem = 1000
    glyphs = [
        glyph_simple([[(50, 0), (50, 700), (450, 700), (450, 0)]]),  # .notdef
        b"",  # space
        glyph_simple([[(80, 0), (80, 714), (180, 714), (180, 0)],
                      [(480, 0), (480, 714), (580, 714), (580, 0)],
                      [(180, 320), (180, 400), (480, 400), (480, 320)]]),  # H
        glyph_simple([[(20, 0), (260, 270), (40, 536), (150, 536), (280, 370), (410, 536),
                       (520, 536), (300, 270), (540, 0), (430, 0), (280, 180), (130, 0)]]),
        glyph_composite([(3, 0, 0), (2, 600, 0)], (20, 0, 1180, 714)),  # é: x then H
    ]
    advances = [500, 260, 660, 560, 1200]
    data, offsets = b"", []
    for g in glyphs:
        offsets.append(len(data))
        data += pad4(g) if long_loca else g + b"\0" * (len(g) % 2)
    offsets.append(len(data))
    glyf = data
    if long_loca:
        loca = b"".join(struct.pack(">I", o) for o in offsets)
    else:
        loca = b"".join(struct.pack(">H", o // 2) for o in offsets)
    n = len(glyphs)
    head = struct.pack(">HHIIIHH8s8shhhhHHhhh", 1, 0, 0x00010000, 0, 0x5F0F3CF5, 0x000B, upem,
                       b"\0" * 8, b"\0" * 8, 0, 0, 1180, 714, 0, 8, 2, int(long_loca), 0)
    hhea = struct.pack(">HHhhhHhhhhhhhhhhhH", 1, 0, 900, -250, 0, 1200, 0, 0, 1180, 1, 0, 0,
                       0, 0, 0, 0, 0, n)
    maxp = struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, n, 12, 3, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 1)
    hmtx = b"".join(struct.pack(">Hh", a, 0) for a in advances)
    os2 = (struct.pack(">HhHHH", 1, 500, 400, 5, 0)  # version 1, fsType 0 (installable)
           + struct.pack(">8h", 650, 600, 0, 75, 650, 600, 0, 350)  # sub/superscripts
           + struct.pack(">hhh", 50, 260, 0x0800)  # strikeout, sFamilyClass
           + bytes([2, 11, 5, 2, 4, 5, 4, 2, 2, 4])  # PANOSE
           + struct.pack(">4I", 1, 0, 0, 0) + b"WMRK"  # Unicode ranges, vendor
           + struct.pack(">HHHhhhHH", 0x40, 0x20, 0xE9, 900, -250, 0, 900, 250)
           + struct.pack(">II", 1, 0))  # code page ranges
    cmap = cmap_format4({0x20: 1, ord("H"): 2, ord("x"): 3, 0xE9: 4})
    name = name_table("Waymark Seed", "Regular", "WaymarkSeed-Regular")
    post = struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)
    tables = {"OS/2": os2, "cmap": cmap, "glyf": glyf, "head": head, "hhea": hhea,
              "hmtx": hmtx, "loca": loca, "maxp": maxp, "name": name, "post": post}
    tags = sorted(tables)
    count = len(tags)
    sr = 16 * (1 << (count.bit_length() - 1))
    out = struct.pack(">IHHHH", 0x00010000, count, sr, count.bit_length() - 1, 16 * count - sr)
    offset = 12 + 16 * count
    body = b""
    for tag in tags:
        t = tables[tag]
        out += struct.pack(">4sIII", tag.encode("latin-1"), 0, offset + len(body), len(t))
        body += pad4(t)
    return out + body


def table_at(font, tag):
    n = struct.unpack(">H", font[4:6])[0]
    for i in range(n):
        rec = font[12 + 16 * i:28 + 16 * i]
        if rec[:4] == tag:
            return struct.unpack(">I", rec[8:12])[0]
    raise KeyError(tag)


def broken(font):
    """Copies with one field each set to what the checks refuse."""
    out = {}
    for name, tag, at, fmt, value in (
            ("upem0", b"head", 18, ">H", 0),
            ("loca-format2", b"head", 50, ">h", 2),
            ("numglyphs0", b"maxp", 4, ">H", 0),
            ("hmetrics-high", b"hhea", 34, ">H", 9),
            ("fstype2", b"OS/2", 8, ">H", 2),
            ("cmap-version1", b"cmap", 0, ">H", 1)):
        d = bytearray(font)
        o = table_at(font, tag) + at
        d[o:o + struct.calcsize(fmt)] = struct.pack(fmt, value)
        out[name] = bytes(d)
    d = bytearray(font)
    d[12 + 8:12 + 12] = struct.pack(">I", len(font) + 64)  # first table beyond the end
    out["offset-beyond"] = bytes(d)
    return out


def tables_of(font):
    n = struct.unpack(">H", font[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = font[off:off + length]
    return out


def cmap_lookup(cmap, cp):
    """Glyph of cp in the (3,1) format 4 subtable (0 when none)."""
    for i in range(struct.unpack(">H", cmap[2:4])[0]):
        pid, eid, off = struct.unpack(">HHI", cmap[4 + 8 * i:12 + 8 * i])
        if (pid, eid) != (3, 1):
            continue
        sub = cmap[off:]
        n = struct.unpack(">H", sub[6:8])[0] // 2
        col = lambda k, j: struct.unpack(">H", sub[k + 2 * j:k + 2 * j + 2])[0]
        for j in range(n):
            end, start = col(14, j), col(16 + 2 * n, j)
            delta, ro = col(16 + 4 * n, j), col(16 + 6 * n, j)
            if start <= cp <= end:
                if ro == 0:
                    return (cp + delta) & 0xFFFF
                at = 16 + 6 * n + 2 * j + ro + 2 * (cp - start)  # from idRangeOffset[j]
                g = struct.unpack(">H", sub[at:at + 2])[0]
                return (g + delta) & 0xFFFF if g else 0
    return 0


def components(glyph):
    """Component glyph ids of a composite glyph, with where each id sits."""
    out, at = [], 10
    if len(glyph) < 10 or struct.unpack(">h", glyph[:2])[0] >= 0:
        return out
    while True:
        flags, gid = struct.unpack(">HH", glyph[at:at + 4])
        out.append((gid, at + 2))
        at += 4 + (4 if flags & 1 else 2)
        at += 2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0
        if not flags & 0x20:
            return out


def cut_down(font, chars):
    """The font with only .notdef and the glyphs of `chars` (and their
    components), renumbered: a small seed with real outlines."""
    t = tables_of(font)
    head, maxp, hhea = t["head"], t["maxp"], t["hhea"]
    n = struct.unpack(">H", maxp[4:6])[0]
    long_loca = struct.unpack(">h", head[50:52])[0] == 1
    width = 4 if long_loca else 2
    loca = [struct.unpack(">I" if long_loca else ">H", t["loca"][width * i:width * i + width])[0]
            * (1 if long_loca else 2) for i in range(n + 1)]
    glyph = lambda g: t["glyf"][loca[g]:loca[g + 1]]
    mapping = {cp: cmap_lookup(t["cmap"], cp) for cp in chars}
    keep, todo = [0], [g for g in mapping.values() if g]
    while todo:
        g = todo.pop()
        if g not in keep and g < n:
            keep.append(g)
            todo.extend(c for c, _ in components(glyph(g)))
    new_id = {g: i for i, g in enumerate(keep)}
    nhm = struct.unpack(">H", hhea[34:36])[0]
    hmtx = t["hmtx"]
    metric = lambda g: (hmtx[4 * min(g, nhm - 1):4 * min(g, nhm - 1) + 2]
                        + (hmtx[4 * g + 2:4 * g + 4] if g < nhm
                           else hmtx[4 * nhm + 2 * (g - nhm):4 * nhm + 2 * (g - nhm) + 2]))
    glyf, offsets = b"", []
    for g in keep:
        data = bytearray(glyph(g))
        for c, at in components(bytes(data)):
            data[at:at + 2] = struct.pack(">H", new_id.get(c, 0))
        offsets.append(len(glyf))
        glyf += pad4(bytes(data))
    offsets.append(len(glyf))
    t["glyf"] = glyf
    t["loca"] = b"".join(struct.pack(">I", o) for o in offsets)
    t["hmtx"] = b"".join(metric(g) for g in keep)
    t["head"] = head[:50] + struct.pack(">h", 1) + head[52:]
    t["maxp"] = maxp[:4] + struct.pack(">H", len(keep)) + maxp[6:]
    t["hhea"] = hhea[:34] + struct.pack(">H", len(keep)) + hhea[36:]
    t["cmap"] = cmap_format4({cp: new_id[g] for cp, g in mapping.items() if g in new_id})
    if "post" in t:  # version 3: no glyph names to renumber
        t["post"] = struct.pack(">I", 0x00030000) + t["post"][4:32]
    keep_tags = ("OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp",
                 "name", "post", "prep")
    tags = sorted(tag for tag in t if tag in keep_tags)
    count = len(tags)
    sr = 16 * (1 << (count.bit_length() - 1))
    out = struct.pack(">IHHHH", 0x00010000, count, sr, count.bit_length() - 1, 16 * count - sr)
    offset, body = 12 + 16 * count, b""
    for tag in tags:
        out += struct.pack(">4sIII", tag.encode("latin-1"), 0, offset + len(body), len(t[tag]))
        body += pad4(t[tag])
    return out + body


def main(argv):
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    seeds = {}
    for long_loca in (False, True):
        font = build(long_loca)
        kind = "long" if long_loca else "short"
        seeds["seed-%s-loca" % kind] = font
        if long_loca:
            continue
        for cut in (11, 12, 100, 200, len(font) // 2, len(font) - 1):
            seeds["seed-cut%d" % cut] = font[:cut]
        for name, data in broken(font).items():
            seeds["seed-" + name] = data
    chars = [ord(c) for c in " Hx\u00e9\u00c4\u0141\u20ac1"]
    for path in argv[2:]:
        data = open(path, "rb").read()
        base = os.path.basename(path).rsplit(".", 1)[0]
        seeds[base + "-whole"] = data
        seeds[base + "-small"] = cut_down(data, chars)
    for name, data in seeds.items():
        with open(os.path.join(outdir, name + ".ttf"), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv)
