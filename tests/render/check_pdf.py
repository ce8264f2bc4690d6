#!/usr/bin/env python3
"""Check a rendered deliverable the way a reader (and a PDF tool) would.

usage: check_pdf.py OUT.pdf PLAN.json MIN_PAGES MAX_PAGES

Checks, each failing with a message that says what was expected:
  - qpdf --check passes;
  - every font is embedded (pdffonts);
  - metadata: title names the client, producer is Waymark;
  - the page count is within [MIN_PAGES, MAX_PAGES];
  - page 1 (the cover) names the client and has no footer;
  - every other page has the running header (client) and "Page N of M";
  - the contents page lists the sections, with page numbers that are the
    pages where those sections start;
  - the ranked initiatives appear in rank order in their section;
  - the plan's total cost and P80, formatted in the engagement currency,
    appear on the executive summary page.
"""
import json
import re
import subprocess
import sys

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def run(*args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout


def money(amount, code):
    """waymark.money for the sample currencies: whole units, half away from
    zero, the symbol before and commas between thousands."""
    r = int(abs(amount) + 0.5)
    s = "{:,}".format(r)
    sign = "-" if amount < 0 and r else ""
    return sign + SYMBOLS[code] + s


def page_text(pdf, n, layout=False):
    args = ["pdftotext", "-f", str(n), "-l", str(n), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    _, out = run(*args, pdf, "-")
    return out


def main():
    pdf, plan_path, lo, hi = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    plan = json.load(open(plan_path, encoding="utf-8"))

    rc, out = run("qpdf", "--check", pdf)
    if rc != 0:
        fail("qpdf --check failed:\n" + out)

    _, fonts = run("pdffonts", pdf)
    lines = fonts.splitlines()
    if len(lines) < 3:
        fail("pdffonts lists no fonts")
    col = lines[0].index("emb")
    for ln in lines[2:]:
        if ln[col:col + 3] != "yes":
            fail("font not embedded: " + ln)

    _, info = run("pdfinfo", pdf)
    meta = dict(
        (k.strip(), v.strip()) for k, v in (ln.split(":", 1) for ln in info.splitlines() if ":" in ln)
    )
    client = plan["client"]["name"]
    if client not in meta.get("Title", ""):
        fail("PDF title %r does not name the client %r" % (meta.get("Title"), client))
    if meta.get("Producer") != "Waymark":
        fail("producer is %r, expected 'Waymark'" % meta.get("Producer"))
    pages = int(meta["Pages"])
    if not lo <= pages <= hi:
        fail("%d pages; expected %d to %d" % (pages, lo, hi))

    texts = [page_text(pdf, n) for n in range(1, pages + 1)]
    flat = [re.sub(r"\s+", " ", t) for t in texts]
    if client not in flat[0]:
        fail("the cover does not name the client")
    if "Page 1 of" in flat[0]:
        fail("the cover has a page footer")
    short = plan["client"].get("short_name") or client
    for i in range(1, pages):
        want = "Page %d of %d" % (i + 1, pages)
        if want not in flat[i]:
            fail("page %d lacks its footer %r" % (i + 1, want))
        if short not in flat[i]:
            fail("page %d lacks the running header (%r)" % (i + 1, short))

    # Contents: each listed section starts on the page it says.
    # In layout mode: in plain mode poppler may read the footer before the
    # page number of a contents line near the foot of the page.
    toc = re.sub(r"\s+", " ", page_text(pdf, 2, layout=True))
    if "Contents" not in toc:
        fail("page 2 is not the contents")
    sections = ["Executive summary", "Prioritised initiatives", "Roadmap", "Costs and budget",
                "Risk register", "Appendix"]
    for title in sections:
        m = re.search(re.escape(title) + r" (\d+)", toc)
        if not m:
            fail("contents lack %r with a page number" % title)
        n = int(m.group(1))
        if not 1 <= n <= pages or not flat[n - 1].lstrip().startswith(short) \
                or title not in flat[n - 1]:
            fail("contents say %r starts on page %d, which does not show it" % (title, n))

    # Ranked initiatives in order, in their section (ids do not wrap).
    m = re.search(r"Prioritised initiatives (\d+)", toc)
    start = int(m.group(1)) - 1
    m2 = re.search(r"Roadmap (\d+)", toc)
    end = int(m2.group(1)) - 1
    text = " ".join(flat[start:end])
    pos = 0
    for it in plan["initiatives"]:
        k = text.find(" " + it["id"] + " ", pos)
        if k < 0:
            fail("initiative %s (rank %d) is not in rank order in the initiatives section"
                 % (it["id"], it["rank"]))
        pos = k

    # Totals on the summary page match the plan.
    m = re.search(r"Executive summary (\d+)", toc)
    summary = flat[int(m.group(1)) - 1]
    code = plan["currency"]
    for key in ("cost", "p80"):
        want = money(plan["totals"][key], code)
        if want not in summary:
            fail("the summary does not show totals.%s as %s" % (key, want))
    print("ok: %d pages" % pages)


main()
