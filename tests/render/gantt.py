#!/usr/bin/env python3
"""gantt.py WAYMARK SRCDIR - the roadmap's Gantt chart as a reader sees it
(docs/charts.md), from `waymark render --layout-dump` and pdftotext:

  - no label on a chart page is shortened with an ellipsis: the samples
    (19 of 25 were on saas-scaleup, with its "O2 deadl..." marker, 30 of 34
    on regulated-insurer), and 8 initiatives with room to spare;
  - regulated-insurer's chart does not end on a page of one row;
  - saas-scaleup marks its late bars (a red diamond) and says so in the
    legend;
  - 600 initiatives over 12 quarters: the chart has only scheduled rows
    (no "not scheduled"), a few pages, not 13; every piece repeats the
    legend; a continuation page names the sources of its arrows ("from
    ..."); the deferred initiatives follow in a table;
  - saas-scaleup over 40 quarters (work in the first ten): the axis is
    cropped to the quarters that hold work, and a note under the chart says
    so;
  - the cost chart's seven series differ in hue and in grey (three greys
    before).
Exits 1 on the first failed group, printing what was found.
"""
import os
import re
import subprocess
import sys
import tempfile

WM, SRC = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp()
ELLIPSIS = "\u2026"
LATE = "b42318"
fails = 0


def check(ok, what):
    global fails
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        fails += 1


def render(yaml, name):
    """Render; returns (pages as lists of dump lines, path of the PDF)."""
    pdf, dump = os.path.join(TMP, name + ".pdf"), os.path.join(TMP, name + ".layout")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1795000000")
    subprocess.run([WM, "render", yaml, "-o", pdf, "--layout-dump", dump], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    pages, cur = [], None
    for line in open(dump, encoding="utf-8"):
        if re.match(r"^page \d+$", line):
            cur = []
            pages.append(cur)
        elif cur is not None:
            cur.append(line.rstrip("\n"))
    return pages, pdf


def texts(page):
    return [m.group(1) for m in (re.search(r'^  text .* "(.*)"$', ln) for ln in page) if m]


def chart_pages(pages):
    return [p for p in pages if any(t.startswith("Roadmap by quarter") for t in texts(p))]


def no_ellipsis(pages, what):
    cut = [t for p in chart_pages(pages) for t in texts(p) if ELLIPSIS in t]
    check(not cut, "%s: no label shortened on the chart (%d: %s)" % (what, len(cut), cut[:3]))


def gen(n, quarters, name):
    path = os.path.join(TMP, name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(SRC, "tests/document/gen_large.py"), str(n),
                        str(quarters)], check=True, stdout=f)
    return path


def luma(hex6):
    r, g, b = (int(hex6[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def hue(hex6):
    r, g, b = (int(hex6[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hi, lo = max(r, g, b), min(r, g, b)
    d = hi - lo
    if d < 0.08:
        return None
    h = ((g - b) / d) % 6 if hi == r else (b - r) / d + 2 if hi == g else (r - g) / d + 4
    return h * 60


def main():
    saas = os.path.join(SRC, "samples/saas-scaleup.yaml")
    pages, _ = render(saas, "saas")
    no_ellipsis(pages, "saas-scaleup")
    chart = chart_pages(pages)
    late = sum(1 for p in chart for ln in p if ln.startswith("  poly closed") and LATE in ln)
    check(late > 1, "saas-scaleup: late bars marked (%d marks)" % late)
    check(any("Ends after its objective\u2019s deadline" in texts(p) for p in chart),
          "saas-scaleup: the legend explains the late mark")

    # The cost chart's legend swatches: distinct in grey and in hue.
    costs = [p for p in pages if "Labour by role, other costs and contingency" in texts(p)]
    swatches = [m.group(1) for p in costs[:1] for m in
                (re.search(r"^  rect \S+ \S+ 7\.00 7\.00 fill=#(\w{6})$", ln) for ln in p) if m]
    close = [(a, b) for i, a in enumerate(swatches) for b in swatches[i + 1:]
             if abs(luma(a) - luma(b)) < 0.07 or hue(a) is None or hue(b) is None
             or min(abs(hue(a) - hue(b)), 360 - abs(hue(a) - hue(b))) < 20]
    check(len(swatches) == 7 and not close,
          "saas-scaleup: cost series differ in hue and grey (%s; too close: %s)"
          % (swatches, close[:3]))

    pages, _ = render(os.path.join(SRC, "samples/regulated-insurer.yaml"), "insurer")
    no_ellipsis(pages, "regulated-insurer")
    bars = [sum(1 for ln in p if re.match(r"^  rect \S+ \S+ \S+ 7\.50 fill=", ln))
            for p in chart_pages(pages)]
    check(len(bars) >= 1 and (len(bars) == 1 or bars[-1] >= 3),
          "regulated-insurer: no last chart page of one or two rows (bars by page %s)" % bars)

    pages, _ = render(gen(8, 12, "eight"), "eight")
    no_ellipsis(pages, "8 initiatives")

    # 600 initiatives.
    pages, _ = render(gen(600, 12, "large"), "large")
    chart = chart_pages(pages)
    no_ellipsis(pages, "600 initiatives")
    check(1 < len(chart) <= 6, "600 initiatives: the chart takes %d pages" % len(chart))
    check(not any("not scheduled" in texts(p) for p in chart),
          "600 initiatives: no row without a bar")
    check(all("Depends on" in texts(p) and "Must" in texts(p) for p in chart),
          "600 initiatives: every chart page has the legend")
    named = [t for p in chart[1:] for t in texts(p) if t.startswith("from ")]
    check(len(named) > 0, "600 initiatives: continuation pages name their arrows' sources (%d)"
          % len(named))
    last = pages.index(chart[-1])
    after = [t for p in pages[last:last + 2] for t in texts(p)]
    check(any("deferred, so not in the chart: the appendix lists each" in t for t in after)
          or "deferred, so not in the chart: the appendix lists each" in " ".join(after),
          "600 initiatives: the deferred initiatives counted after the chart, listed in the "
          "appendix")

    # 40 quarters with work in the first eight: the axis is cropped.
    forty = os.path.join(TMP, "forty.yaml")
    with open(saas, encoding="utf-8") as f:
        body = f.read()
    body, n = re.subn(r"(?m)^(\s+quarters:) \d+$", r"\1 40", body, count=1)
    check(n == 1, "40 quarters: the sample's horizon set to 40")
    with open(forty, "w", encoding="utf-8") as f:
        f.write(body)
    for d in ("assets", "brands", "plugins"):
        src = os.path.join(SRC, "samples", d)
        if os.path.isdir(src) and not os.path.exists(os.path.join(TMP, d)):
            os.symlink(src, os.path.join(TMP, d))
    pages, pdf = render(forty, "forty")
    chart = chart_pages(pages)
    axis = [t for p in chart for t in texts(p) if re.match(r"^(Q\d )?\d{4}$", t)]
    check(any(t.startswith("Q1 2027") or t == "2027" for t in axis)
          and not any("2036" in t or "2035" in t for t in axis),
          "40 quarters: the axis stops well before 2036")
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True,
                          text=True).stdout
    note = re.search(r"The chart shows Q1 2027 to (Q\d \d{4}) \((\d+) quarters\), the quarters"
                     r"\s+that\s+hold\s+scheduled\s+work", text)
    check(note is not None and 8 <= int(note.group(2)) < 20,
          "40 quarters: a note under the chart says which quarters it shows (%s)"
          % (note.group(0) if note else None))
    no_ellipsis(pages, "40 quarters")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
