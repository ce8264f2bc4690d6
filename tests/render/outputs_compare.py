#!/usr/bin/env python3
"""outputs_compare.py - the PDF, Markdown and HTML of one engagement carry the
same document (docs/outputs.md): the same section titles in the same order,
the same money figures and every initiative id.

    outputs_compare.py WAYMARK ENGAGEMENT.yaml
    outputs_compare.py WAYMARK --gen GEN_ENGAGEMENT N

(the second form compares an engagement of N initiatives written by
bench/gen_engagement.c)

Renders the engagement three ways (`render`, `render --format md`, `render
--format html`) and reads each back:

  PDF       section titles from the outline (qpdf --json), each also in the
            page text (pdftotext -layout); the text of every page;
  Markdown  `## ` lines; the whole text with backslash escapes removed;
  HTML      the <h2> of each <section> in <main>; the text outside <svg>,
            and the text a PDF reader sees: outside the charts' data tables
            (table.wm-data), the SVG charts' <text> included.

Charts are the one place the outputs differ by design: the PDF draws them
(axis labels such as "£250k"), Markdown gives their data tables, HTML both.
So the money figures compared are: Markdown's == HTML's outside <svg>, and
the PDF's == HTML's outside the data tables (with the SVG text).  Every
initiative id of the plan (`waymark plan`) is in all three.

Exit 0 when all agree; else prints each difference and exits 1.
"""
import html.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile

MONEY = re.compile(r"-?[£$€¥]\s?\d[\d,]*(?:\.\d+)?[km]?(?![\d])")
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z0-9]")


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True).stdout


class HtmlReader(html.parser.HTMLParser):
    """Section titles, the text outside <svg>, and the PDF-like text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # open elements: (tag, classes)
        self.sections = []
        self.in_h2 = None
        self.text_outside_svg = []
        self.text_pdf_like = []

    def inside(self, tag, klass=None):
        return any(t == tag and (klass is None or klass in c) for t, c in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "meta", "link", "rect", "line", "polygon", "polyline"):
            self.handle_data(" ")
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append((tag, classes))
        if tag == "h2" and self.inside("section") and self.inside("main"):
            self.in_h2 = []

    def handle_startendtag(self, tag, attrs):
        self.handle_data(" ")

    def handle_endtag(self, tag):
        if tag == "h2" and self.in_h2 is not None:
            self.sections.append(" ".join("".join(self.in_h2).split()))
            self.in_h2 = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        self.handle_data(" ")

    def handle_data(self, data):
        if self.inside("head") or self.inside("title") and not self.inside("svg"):
            return
        if self.in_h2 is not None:
            self.in_h2.append(data)
        in_svg = self.inside("svg")
        if in_svg and self.inside("title"):
            return  # the chart's accessible name, not drawn
        if not in_svg:
            self.text_outside_svg.append(data)
        if not self.inside("table", "wm-data"):
            self.text_pdf_like.append(data)


def md_unescape(s):
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)


def ids_in(text, ids):
    return {t for t in TOKEN.findall(text) if t in ids}


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[1] != "--gen"):
        sys.exit(__doc__)
    work = tempfile.mkdtemp(prefix="wm-outputs-")
    try:
        waymark = args[0]
        if len(args) == 4:
            engagement = f"{work}/generated-{args[3]}.yaml"
            with open(engagement, "wb") as f:
                f.write(run(args[2], args[3]))
        else:
            engagement = args[1]
        compare(waymark, engagement, work)
    finally:
        shutil.rmtree(work)


def compare(waymark, engagement, work):
    out = {}
    for fmt in ("pdf", "md", "html"):
        out[fmt] = f"{work}/out.{fmt}"
        run(waymark, "render", engagement, "--format", fmt, "-o", out[fmt])
    plan = json.loads(run(waymark, "plan", engagement))
    ids = {i["id"] for i in plan["initiatives"]}

    problems = []

    # ---- the PDF ----
    outline = json.loads(run("qpdf", "--json", "--json-key=outlines", out["pdf"]))["outlines"]
    pdf_sections = [" ".join(o["title"].split()) for o in outline]
    pdf_text = run("pdftotext", "-layout", "-enc", "UTF-8", out["pdf"], "-").decode()
    flat_pdf = " ".join(pdf_text.split())
    for t in pdf_sections:
        if t not in flat_pdf:
            problems.append(f"PDF: section title {t!r} is in the outline but not on a page")

    # ---- Markdown ----
    md = open(out["md"], encoding="utf-8").read()
    md_sections = [md_unescape(line[3:]).strip() for line in md.splitlines()
                   if line.startswith("## ")]
    md_text = md_unescape(md)

    # ---- HTML ----
    reader = HtmlReader()
    reader.feed(open(out["html"], encoding="utf-8").read())
    reader.close()
    html_sections = reader.sections
    html_text = "".join(reader.text_outside_svg)
    html_pdf_like = "".join(reader.text_pdf_like)

    # ---- compare ----
    if not pdf_sections:
        problems.append("PDF: no sections in the outline")
    for name, secs in (("Markdown", md_sections), ("HTML", html_sections)):
        if secs != pdf_sections:
            problems.append(f"section titles: PDF {pdf_sections} but {name} {secs}")

    def money(s):
        return {re.sub(r"\s", "", m) for m in MONEY.findall(s)}

    m_md, m_html, m_pdf, m_html_pdf = (money(md_text), money(html_text), money(pdf_text),
                                       money(html_pdf_like))
    if not m_pdf:
        problems.append("PDF: no money figures found")
    if m_md != m_html:
        problems.append(f"money: Markdown only {sorted(m_md - m_html)}, "
                        f"HTML only {sorted(m_html - m_md)}")
    if m_pdf != m_html_pdf:
        problems.append(f"money: PDF only {sorted(m_pdf - m_html_pdf)}, "
                        f"HTML (charts as drawn) only {sorted(m_html_pdf - m_pdf)}")

    for name, text in (("PDF", pdf_text), ("Markdown", md_text), ("HTML", html_text)):
        missing = ids - ids_in(text, ids)
        if missing:
            problems.append(f"initiative ids missing from the {name}: {sorted(missing)[:20]}")

    for p in problems:
        print(f"{engagement}: {p}")
    if problems:
        sys.exit(1)
    print(f"{engagement}: {len(pdf_sections)} sections, {len(m_md)} money figures in text "
          f"({len(m_pdf)} in the PDF), {len(ids)} initiative ids: the same in PDF, "
          "Markdown and HTML")


if __name__ == "__main__":
    main()
