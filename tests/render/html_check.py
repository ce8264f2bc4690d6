#!/usr/bin/env python3
"""html_check.py - the structure of `render --format html` (docs/outputs.md).

    html_check.py FILE.html [--text STRING]... [--sections N] [--doc DUMP]

Parses the file (Python's html.parser, which reads tags as a browser does)
and checks:

  - <!DOCTYPE html>, <html lang>, <meta charset>, the viewport, the
    Content-Security-Policy meta, a non-empty <title>;
  - one <h1> (in the <header> cover), a <nav> whose links name every
    <section> id in <main> in order, each section labelled by its own <h2>
    (aria-labelledby), and no heading level skipped;
  - every <table> has a <thead> with <th scope="col"> cells and a <caption>;
  - every <svg> has role="img" and aria-labelledby naming its own <title>;
  - no <script>, no event-handler attribute (on...), no link but http,
    https, mailto and the contents' #ids, and no <img> but the cover's
    logos with data: URIs;
  - with --text: each STRING is found as text (so it was escaped, not read
    as markup) and in no tag or attribute name;
  - with --sections N: exactly N sections;
  - with --doc DUMP (`waymark plan --format doc`): each section holds, as
    its own children, one element per block of the document, by kind:
    heading h3-h5, paragraph p, list ul/ol, table table, kv dl, callout
    aside, chart figure.

Prints each problem and exits 1; exits 0 when all hold.
"""
import html.parser
import re
import sys


class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.doctype = None
        self.stack = []
        self.tags = []  # (tag, attrs dict, path of open tags)
        self.text = []
        self.title = []
        self.h2_text = {}
        self.cur_h2 = None
        self.svg_title_ids = []
        self.headings = []

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a, [t for t, _ in self.stack]))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "h2" and a.get("id"):
            self.cur_h2 = a["id"]
            self.h2_text[self.cur_h2] = ""
        if tag == "title" and self.stack and self.stack[-1][0] == "svg":
            self.svg_title_ids.append(a.get("id"))
        if tag not in ("meta", "br", "img", "link", "rect", "line", "polygon", "polyline"):
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "h2":
            self.cur_h2 = None
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if any(t == "title" for t, _ in self.stack) and self.stack[0][0] == "html" and \
                not any(t == "svg" for t, _ in self.stack):
            self.title.append(data)
        if self.cur_h2:
            self.h2_text[self.cur_h2] += data


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    html_path = args.pop(0)
    texts, n_sections, dump = [], None, None
    while args:
        opt = args.pop(0)
        if opt == "--text":
            texts.append(args.pop(0))
        elif opt == "--sections":
            n_sections = int(args.pop(0))
        elif opt == "--doc":
            dump = open(args.pop(0), encoding="utf-8").read()
        else:
            sys.exit(f"unknown option {opt}")
    src = open(html_path, encoding="utf-8").read()
    r = Reader()
    r.feed(src)
    r.close()
    p = r.problems

    def tags(name):
        return [(a, path) for t, a, path in r.tags if t == name]

    if not src.startswith("<!DOCTYPE html>"):
        p.append("does not start with <!DOCTYPE html>")
    html_tags = tags("html")
    if len(html_tags) != 1 or not html_tags[0][0].get("lang"):
        p.append("no single <html lang=...>")
    metas = [a for a, _ in tags("meta")]
    if not any(m.get("charset", "").lower() == "utf-8" for m in metas):
        p.append("no <meta charset=utf-8>")
    if not any(m.get("name") == "viewport" for m in metas):
        p.append("no viewport meta")
    csp = [m.get("content", "") for m in metas
           if m.get("http-equiv", "").lower() == "content-security-policy"]
    if not csp or "default-src 'none'" not in csp[0]:
        p.append(f"no Content-Security-Policy with default-src 'none': {csp}")
    if not "".join(r.title).strip():
        p.append("empty <title>")

    h1 = tags("h1")
    if len(h1) != 1 or "header" not in h1[0][1]:
        p.append(f"expected one <h1> in the <header>, got {len(h1)}")
    prev = 0
    for lvl in r.headings:
        if lvl > prev + 1:
            p.append(f"heading level skipped: h{prev} then h{lvl}")
        prev = lvl

    sections = [a for a, path in tags("section") if "main" in path]
    sec_ids = [a.get("id") for a in sections]
    nav_links = [a.get("href") for a, path in tags("a") if "nav" in path]
    if nav_links != ["#" + i for i in sec_ids]:
        p.append(f"the contents' links {nav_links} are not the sections {sec_ids}")
    for a in sections:
        lab = a.get("aria-labelledby")
        if lab not in r.h2_text or not r.h2_text[lab].strip():
            p.append(f"section {a.get('id')} is not labelled by a non-empty <h2> ({lab})")
    if n_sections is not None and len(sections) != n_sections:
        p.append(f"expected {n_sections} sections, got {len(sections)}")

    # Tables: a head row of column headers, and a caption.
    opened = [t for t, _, _ in r.tags]
    n_tables = opened.count("table")
    if opened.count("thead") != n_tables or opened.count("caption") != n_tables:
        p.append(f"{n_tables} tables but {opened.count('thead')} <thead> and "
                 f"{opened.count('caption')} <caption>")
    ths = tags("th")
    if n_tables and (not ths or any(a.get("scope") != "col" for a, _ in ths)):
        p.append("a <th> without scope=col, or no <th> at all")

    svgs = tags("svg")
    for i, (a, _) in enumerate(svgs):
        if a.get("role") != "img":
            p.append(f"svg {i} has no role=img")
        if i >= len(r.svg_title_ids) or a.get("aria-labelledby") != r.svg_title_ids[i]:
            p.append(f"svg {i} is not labelled by its own <title>")

    if tags("script") or tags("iframe") or tags("object") or tags("embed"):
        p.append("a <script>, <iframe>, <object> or <embed> is in the file")
    for a, _ in tags("a"):
        href = a.get("href", "")
        if not re.match(r"(https?:|mailto:|#)", href):
            p.append(f"a link to {href!r}")
    for a, path in tags("img"):
        if not a.get("src", "").startswith("data:image/") or "header" not in path \
                or not a.get("alt"):
            p.append(f"an <img> that is not a cover logo with alt text: {str(a)[:80]}")

    if dump is not None:
        # Blocks by kind, in the dump and as children of a <section>.
        kinds = {"heading": ("h3", "h4", "h5"), "paragraph": ("p",), "list": ("ul", "ol"),
                 "table": ("table",), "kv": ("dl",), "callout": ("aside",),
                 "chart": ("figure",)}
        want = {k: 0 for k in kinds}
        for line in dump.splitlines():
            m = re.match(r"  (\w+)", line)
            if m and m.group(1) in want:
                want[m.group(1)] += 1
        got = {k: sum(1 for t, _, path in r.tags
                      if t in tags_ and path and path[-1] == "section" and "main" in path)
               for k, tags_ in kinds.items()}
        if got != want:
            p.append(f"blocks by kind: the document has {want}, the HTML {got}")

    alltext = "".join(r.text)
    for t in texts:
        if t not in alltext:
            p.append(f"{t!r} is not in the text")

    for x in p:
        print(f"{html_path}: {x}")
    sys.exit(1 if p else 0)


if __name__ == "__main__":
    main()
