#!/usr/bin/env python3
"""make_logos.py - draw the sample logos: the Keel Advisory brand logo and
the three sample clients' logos, as antialiased PNGs with a transparent
background.

Python 3 standard library only (zlib and struct write the PNG).  Shapes are
filled by a scanline rasterizer with 16 sub-rows per pixel and exact
horizontal coverage; wordmarks are drawn from the bundled Noto Sans Bold
(fonts/NotoSans-Bold.ttf, SIL OFL 1.1) by a minimal TrueType glyph reader.
The output is deterministic: running it again gives the same bytes.

    python3 samples/assets/make_logos.py        # from anywhere in the repo

writes samples/brands/keel-logo.png and samples/assets/{brightwater,
hanse-wisla,harbor-pine}-logo.png.
"""
import math
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FONT = os.path.join(ROOT, "fonts", "NotoSans-Bold.ttf")
SUB = 16  # sub-rows per pixel row


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


# ---------------------------------------------------------------------------
# Canvas: premultiplied RGBA floats, shapes composited "over" (or erased).
# ---------------------------------------------------------------------------

class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = [[0.0, 0.0, 0.0, 0.0] for _ in range(w * h)]

    def coverage(self, contours, evenodd=False):
        """Per-pixel coverage (0..1) of closed polygons, as {index: value}."""
        edges = []
        for c in contours:
            n = len(c)
            for i in range(n):
                (x0, y0), (x1, y1) = c[i], c[(i + 1) % n]
                if y0 == y1:
                    continue
                d = 1 if y1 > y0 else -1
                if y0 > y1:
                    x0, y0, x1, y1 = x1, y1, x0, y0
                edges.append((y0, y1, x0, (x1 - x0) / (y1 - y0), d))
        if not edges:
            return {}
        ymin = max(0, int(math.floor(min(e[0] for e in edges))))
        ymax = min(self.h - 1, int(math.ceil(max(e[1] for e in edges))))
        cov = {}
        w = self.w
        for py in range(ymin, ymax + 1):
            diff = [0.0] * (w + 2)
            frac = {}
            for s in range(SUB):
                y = py + (s + 0.5) / SUB
                xs = [(e[2] + (y - e[0]) * e[3], e[4]) for e in edges if e[0] <= y < e[1]]
                if not xs:
                    continue
                xs.sort()
                wind = 0
                for i in range(len(xs) - 1):
                    wind += 1 if evenodd else xs[i][1]
                    inside = (wind % 2 == 1) if evenodd else wind != 0
                    if not inside:
                        continue
                    a = min(max(xs[i][0], 0.0), float(w))
                    b = min(max(xs[i + 1][0], 0.0), float(w))
                    if b <= a:
                        continue
                    ia, ib = int(a), int(b)
                    if ia == ib:
                        frac[ia] = frac.get(ia, 0.0) + (b - a)
                        continue
                    frac[ia] = frac.get(ia, 0.0) + (ia + 1 - a)
                    diff[ia + 1] += 1.0
                    diff[ib] -= 1.0
                    if ib < w:
                        frac[ib] = frac.get(ib, 0.0) + (b - ib)
            run = 0.0
            base = py * w
            for x in range(w):
                run += diff[x]
                v = (run + frac.get(x, 0.0)) / SUB
                if v > 1e-6:
                    cov[base + x] = min(v, 1.0)
        return cov

    def fill(self, contours, colour, alpha=1.0, evenodd=False):
        r, g, b = (c / 255.0 for c in hex_rgb(colour))
        for i, c in self.coverage(contours, evenodd).items():
            a = c * alpha
            p = self.px[i]
            k = 1.0 - a
            p[0] = r * a + p[0] * k
            p[1] = g * a + p[1] * k
            p[2] = b * a + p[2] * k
            p[3] = a + p[3] * k

    def erase(self, contours, evenodd=False):
        for i, c in self.coverage(contours, evenodd).items():
            k = 1.0 - c
            p = self.px[i]
            for j in range(4):
                p[j] *= k

    def png(self, path):
        raw = bytearray()
        for y in range(self.h):
            raw.append(0)
            for x in range(self.w):
                r, g, b, a = self.px[y * self.w + x]
                if a <= 0.0:
                    raw += b"\0\0\0\0"
                    continue
                raw += bytes([min(255, int(round(v / a * 255))) for v in (r, g, b)])
                raw.append(min(255, int(round(a * 255))))

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 6, 0, 0, 0)
        data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))
        with open(path, "wb") as f:
            f.write(data)
        print("%s: %dx%d, %d bytes" % (os.path.relpath(path, ROOT), self.w, self.h, len(data)))


# ---------------------------------------------------------------------------
# Geometry helpers (pixel coordinates, y down).
# ---------------------------------------------------------------------------

def circle(cx, cy, r, n=160, clockwise=True):
    pts = [(cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
           for i in range(n)]
    return pts if clockwise else pts[::-1]


def rounded_rect(x, y, w, h, r, n=24):
    pts = []
    for cx, cy, a0 in ((x + w - r, y + r, -90), (x + w - r, y + h - r, 0),
                       (x + r, y + h - r, 90), (x + r, y + r, 180)):
        for i in range(n + 1):
            a = math.radians(a0 + 90.0 * i / n)
            pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def band(f, x0, x1, thickness, n=120):
    """A stroke of the curve y = f(x) from x0 to x1, offset along its normal."""
    top, bottom = [], []
    for i in range(n + 1):
        x = x0 + (x1 - x0) * i / n
        h = 1e-3
        dy = (f(x + h) - f(x - h)) / (2 * h)
        nx, ny = -dy, 1.0
        ln = math.hypot(nx, ny)
        nx, ny = nx / ln * thickness / 2, ny / ln * thickness / 2
        top.append((x - nx, f(x) - ny))
        bottom.append((x + nx, f(x) + ny))
    return top + bottom[::-1]


def quad(p0, p1, p2, n=10):
    return [((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t * t * p2[0],
             (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t * t * p2[1])
            for t in (i / n for i in range(1, n + 1))]


# ---------------------------------------------------------------------------
# A minimal TrueType reader: cmap format 4, hmtx, glyf (simple and composite).
# ---------------------------------------------------------------------------

class Font:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.d = f.read()
        d = self.d
        n = struct.unpack(">H", d[4:6])[0]
        self.t = {}
        for i in range(n):
            tag, _, off, ln = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
            self.t[tag.decode("latin-1")] = (off, ln)
        head = self.t["head"][0]
        self.upem = struct.unpack(">H", d[head + 18:head + 20])[0]
        self.loca_long = struct.unpack(">h", d[head + 50:head + 52])[0] == 1
        hhea = self.t["hhea"][0]
        self.n_hmetrics = struct.unpack(">H", d[hhea + 34:hhea + 36])[0]
        self.cmap = self._cmap()

    def _cmap(self):
        d = self.d
        base = self.t["cmap"][0]
        n = struct.unpack(">H", d[base + 2:base + 4])[0]
        for i in range(n):
            pid, eid, off = struct.unpack(">HHI", d[base + 4 + 8 * i:base + 12 + 8 * i])
            sub = base + off
            if (pid, eid) in ((3, 1), (0, 3)) and struct.unpack(">H", d[sub:sub + 2])[0] == 4:
                segx2 = struct.unpack(">H", d[sub + 6:sub + 8])[0]
                seg = segx2 // 2
                ends = struct.unpack(">%dH" % seg, d[sub + 14:sub + 14 + segx2])
                p = sub + 16 + segx2
                starts = struct.unpack(">%dH" % seg, d[p:p + segx2])
                deltas = struct.unpack(">%dh" % seg, d[p + segx2:p + 2 * segx2])
                ro_at = p + 2 * segx2
                offsets = struct.unpack(">%dH" % seg, d[ro_at:ro_at + segx2])
                return (starts, ends, deltas, offsets, ro_at)
        raise SystemExit("no Unicode cmap in " + FONT)

    def glyph_id(self, cp):
        starts, ends, deltas, offsets, ro_at = self.cmap
        for i in range(len(ends)):
            if starts[i] <= cp <= ends[i]:
                if offsets[i] == 0:
                    return (cp + deltas[i]) & 0xFFFF
                at = ro_at + 2 * i + offsets[i] + 2 * (cp - starts[i])
                g = struct.unpack(">H", self.d[at:at + 2])[0]
                return (g + deltas[i]) & 0xFFFF if g else 0
        return 0

    def advance(self, gid):
        hm = self.t["hmtx"][0]
        i = min(gid, self.n_hmetrics - 1)
        return struct.unpack(">H", self.d[hm + 4 * i:hm + 4 * i + 2])[0]

    def _glyph_range(self, gid):
        loca = self.t["loca"][0]
        if self.loca_long:
            a, b = struct.unpack(">II", self.d[loca + 4 * gid:loca + 4 * gid + 8])
        else:
            a, b = (2 * v for v in struct.unpack(">HH", self.d[loca + 2 * gid:loca + 2 * gid + 4]))
        return self.t["glyf"][0] + a, b - a

    def contours(self, gid):
        """Contours in font units as lists of (x, y, on_curve)."""
        d = self.d
        at, ln = self._glyph_range(gid)
        if ln == 0:
            return []
        nc = struct.unpack(">h", d[at:at + 2])[0]
        if nc < 0:
            return self._composite(at + 10)
        ends = struct.unpack(">%dH" % nc, d[at + 10:at + 10 + 2 * nc])
        p = at + 10 + 2 * nc
        ilen = struct.unpack(">H", d[p:p + 2])[0]
        p += 2 + ilen
        npts = ends[-1] + 1
        flags = []
        while len(flags) < npts:
            f = d[p]
            p += 1
            flags.append(f)
            if f & 8:
                flags.extend([f] * d[p])
                p += 1
        coords = []
        for short, same in ((2, 16), (4, 32)):
            v, vals = 0, []
            for f in flags:
                if f & short:
                    delta = d[p]
                    p += 1
                    v += delta if f & same else -delta
                elif not f & same:
                    v += struct.unpack(">h", d[p:p + 2])[0]
                    p += 2
                vals.append(v)
            coords.append(vals)
        out, s = [], 0
        for e in ends:
            out.append([(coords[0][i], coords[1][i], bool(flags[i] & 1)) for i in range(s, e + 1)])
            s = e + 1
        return out

    def _composite(self, p):
        d = self.d
        out = []
        while True:
            flags, gid = struct.unpack(">HH", d[p:p + 4])
            p += 4
            if flags & 1:
                dx, dy = struct.unpack(">hh", d[p:p + 4])
                p += 4
            else:
                dx, dy = struct.unpack(">bb", d[p:p + 2])
                p += 2
            a, b, c, e = 1.0, 0.0, 0.0, 1.0
            if flags & 8:
                a = e = struct.unpack(">h", d[p:p + 2])[0] / 16384.0
                p += 2
            elif flags & 0x40:
                a, e = (v / 16384.0 for v in struct.unpack(">hh", d[p:p + 4]))
                p += 4
            elif flags & 0x80:
                a, b, c, e = (v / 16384.0 for v in struct.unpack(">hhhh", d[p:p + 8]))
                p += 8
            for cont in self.contours(gid):
                out.append([(x * a + y * c + dx, x * b + y * e + dy, on) for x, y, on in cont])
            if not flags & 0x20:
                return out


def flatten(contour, tx):
    """A TrueType contour (quadratic B-spline) as a polygon, through tx."""
    pts = contour
    n = len(pts)
    start = next((i for i in range(n) if pts[i][2]), None)
    if start is None:  # all off-curve: start at the midpoint of the first two
        a, b = pts[0], pts[1]
        pts = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True)] + pts[1:] + [pts[0]]
        n, start = len(pts), 0
    pts = pts[start:] + pts[:start]
    out = [tx(pts[0][0], pts[0][1])]
    cur = out[0]
    i = 1
    while i <= n:
        p = pts[i % n]
        if p[2]:
            cur = tx(p[0], p[1])
            out.append(cur)
            i += 1
            continue
        nxt = pts[(i + 1) % n]
        ctrl = tx(p[0], p[1])
        if nxt[2]:
            end = tx(nxt[0], nxt[1])
            i += 2
        else:
            end = tx((p[0] + nxt[0]) / 2, (p[1] + nxt[1]) / 2)
            i += 1
        out.extend(quad(cur, ctrl, end))
        cur = end
    return out


def text_width(font, s, size, tracking=0.0):
    scale = size / font.upem
    return sum(font.advance(font.glyph_id(ord(ch))) * scale for ch in s) + tracking * (len(s) - 1)


def text(font, s, x, baseline, size, tracking=0.0):
    """Contours of a string at `size` px, starting at x on `baseline`."""
    scale = size / font.upem
    out = []
    for ch in s:
        gid = font.glyph_id(ord(ch))
        ox = x
        tx = lambda fx, fy, ox=ox: (ox + fx * scale, baseline - fy * scale)
        out.extend(flatten(c, tx) for c in font.contours(gid) if len(c) > 1)
        x += font.advance(gid) * scale + tracking
    return out


# ---------------------------------------------------------------------------
# The logos
# ---------------------------------------------------------------------------

def keel(font, path):
    """Keel Advisory: a sail and keel in a navy disc; KEEL / ADVISORY."""
    navy, sky, gold = "#0B3C5D", "#328CC1", "#D9A21B"
    c = Canvas(600, 200)
    cx, cy, r = 100, 100, 78
    c.fill([circle(cx, cy, r)], navy)
    # Mainsail and jib, cut out of the disc so the background shows through.
    c.erase([[(cx - 6, 40), (cx - 6, 122), (cx - 50, 122)]])
    c.erase([[(cx + 4, 52), (cx + 4, 122), (cx + 40, 122)]])
    # Hull and keel in gold.
    c.fill([[(cx - 52, 130), (cx + 52, 130), (cx + 38, 144), (cx - 38, 144)]], gold)
    c.fill([[(cx - 9, 144), (cx + 9, 144), (cx + 3, 166), (cx - 3, 166)]], gold)
    w1 = text_width(font, "KEEL", 74, 6)
    c.fill(text(font, "KEEL", 206, 108, 74, 6), navy)
    c.fill(text(font, "ADVISORY", 208, 150, 27, 9.3), sky)
    c.fill([[(206, 124), (206 + w1, 124), (206 + w1, 127), (206, 127)]], gold)
    c.png(path)


def brightwater(font, path):
    """Brightwater Analytics: a rounded tile with rising water lines and a sun."""
    deep, bright, sun, ink = "#0369A1", "#0EA5E9", "#FBBF24", "#0F2A3D"
    c = Canvas(600, 200)
    c.fill([rounded_rect(28, 28, 144, 144, 34)], deep)
    c.fill([circle(128, 70, 17)], sun)
    for k, (y0, amp) in enumerate(((112, 7), (134, 6), (154, 5))):
        f = lambda x, y0=y0, amp=amp, k=k: y0 - (x - 40) * 0.12 + amp * math.sin((x - 40) / 17.0 + k)
        c.fill([band(f, 46, 154, 9 - k * 1.5)], "#FFFFFF" if k == 0 else bright)
    c.fill(text(font, "Brightwater", 196, 116, 62, 0.5), ink)
    c.fill(text(font, "ANALYTICS", 198, 152, 21, 7.4), bright)
    c.png(path)


def hanse_wisla(font, path):
    """Hanse-Wisła: a red Hanseatic shield crossed by the Vistula."""
    red, ink, grey = "#9B1B30", "#2B2B2B", "#6E6E6E"
    c = Canvas(600, 200)
    shield = [(38, 30), (162, 30), (162, 92)]
    shield += quad((162, 92), (160, 150), (100, 176), 20)
    shield += quad((100, 176), (40, 150), (38, 92), 20)
    c.fill([shield], red)
    for y0 in (104, 128):
        f = lambda x, y0=y0: y0 + 9 * math.sin((x - 38) / 124.0 * 2 * math.pi)
        c.erase([band(f, 30, 170, 11)])
    # A merchant's gabled house, cut out above the river.
    c.erase([[(100, 42), (117, 58), (117, 82), (83, 82), (83, 58)]])
    c.fill([[(96, 68), (104, 68), (104, 82), (96, 82)]], red)
    c.fill(text(font, "HANSE-WISŁA", 194, 108, 50, 2.0), ink)
    c.fill(text(font, "UBEZPIECZENIA", 196, 146, 21, 6.45), grey)
    c.fill([[(196, 122), (566, 122), (566, 124.5), (196, 124.5)]], red)
    c.png(path)


def harbor_pine(font, path):
    """Harbor & Pine: a pine over the harbour water in a green ring."""
    green, navy, sand = "#1F5135", "#17324D", "#C9A66B"
    c = Canvas(600, 200)
    c.fill([circle(100, 100, 80), circle(100, 100, 70, clockwise=False)], green)
    tree = []
    for top, base, half in ((38, 78, 24), (58, 102, 33), (80, 126, 42)):
        tree.append([(100, top), (100 + half, base), (100 - half, base)])
    c.fill(tree, green)
    c.fill([[(95, 124), (105, 124), (105, 136), (95, 136)]], green)
    for k, y0 in enumerate((144, 158)):
        f = lambda x, y0=y0: y0 + 3.5 * math.sin((x - 40) / 9.0)
        half = 52 - 14 * k
        c.fill([band(f, 100 - half, 100 + half, 5.5)], navy)
    c.fill(text(font, "HARBOR", 204, 98, 56, 4), navy)
    amp_w = text_width(font, "&", 56)
    c.fill(text(font, "&", 204, 160, 56), sand)
    c.fill(text(font, "PINE", 204 + amp_w + 14, 160, 56, 4), green)
    c.png(path)


def main():
    font = Font(FONT)
    keel(font, os.path.join(ROOT, "samples", "brands", "keel-logo.png"))
    brightwater(font, os.path.join(HERE, "brightwater-logo.png"))
    hanse_wisla(font, os.path.join(HERE, "hanse-wisla-logo.png"))
    harbor_pine(font, os.path.join(HERE, "harbor-pine-logo.png"))


if __name__ == "__main__":
    main()
