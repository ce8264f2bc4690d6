#!/usr/bin/env python3
"""playbook_reads.py WAYMARK SRCDIR - the handover playbook reads as written
for the client (issue 16), checked on what a reader sees: the PDF's text
(pdftotext), the line breaks of the layout dump, `plan --format md` and
`validate`'s output.

Cases, all built from samples/troubled-delivery.yaml (template remediation):
  sample     as shipped: its quality lead stands in from the product owner;
  bare       only the four required roles mapped and no initiative owner:
             one person holds five roles of the go/no-go meeting;
  conflict   the quality lead mapped to the engineering lead's person;
  unnamed    the remediation template without the quality lead's fallback,
             beside the engagement (it is found first), so nobody holds it.

What must hold:
  - a list of people names each person once, with the roles merged
    ("Priya Venkataraman (engineering lead, platform lead, ...)"), in the
    attendees of every ritual and in who holds the RACI columns;
  - no gate row says nothing ("Nothing beyond the criteria above");
  - quarters read "Q2 2027", never "2027-Q2", on the playbook's pages;
  - no line of the playbook's pages ends inside "Q2 2027" or "go/no-go";
  - "owner to be named" appears nowhere; an initiative without an owner is
    named once in a note; a role nobody holds reads "the quality lead (to be
    named)" inside a sentence, with one note, and validate lists it in one
    warning line;
  - a quality lead who is not independent: a warning in validate at the
    qa_lead mapping, with its hint, and a note in the PDF.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

WM, SRC = sys.argv[1], os.path.abspath(sys.argv[2])
SAMPLE = os.path.join(SRC, "samples", "troubled-delivery.yaml")
failures = []
# What the document writes so a line cannot break inside (see _playbook.lua).
NB = {"\u00a0": " ", "\u2011": "-", "\ufeff": ""}


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def plain(s):
    for k, v in NB.items():
        s = s.replace(k, v)
    return s


def run(*args, env=None):
    return subprocess.run([WM, *args], capture_output=True, text=True, env=env)


def write_case(tmp, name, text):
    path = os.path.join(tmp, name + ".yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def render(tmp, path):
    """(plan md, PDF text of the playbook's pages, layout lines of them)."""
    base = path[:-5]
    r = run("render", path, "-o", base + ".pdf", "--layout-dump", base + ".layout")
    check(r.returncode == 0, "%s renders (%s)" % (os.path.basename(path), r.stderr.strip()[:200]))
    md = run("plan", "--format", "md", path).stdout
    layout = open(base + ".layout", encoding="utf-8").read()
    outline = re.findall(r'^outline 1 "(.*)" -> page (\d+)$', layout, re.M)
    k = next(i for i, (t, _) in enumerate(outline) if "playbook" in t.lower())
    first, last = int(outline[k][1]), int(outline[k + 1][1]) - 1
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last),
                           base + ".pdf", "-"], capture_output=True, text=True).stdout
    lines, page = [], 0
    for line in layout.splitlines():
        if line.startswith("page "):
            page = int(line.split()[1])
        elif first <= page <= last and line.startswith("  text "):
            lines.append(line.split('"', 1)[1].rsplit('"', 1)[0])
    return md, text, lines


def people(cell):
    """The people of an attendees cell or a held-by list, roles stripped."""
    cell = re.sub(r"\([^)]*\)", "", cell.split("; also ")[0])
    return [p.strip() for p in re.split(r",| and ", cell) if p.strip()]


def lists_twice(md):
    """Lists of people in which someone appears twice."""
    bad = []
    for m in re.finditer(r"^- \*\*Attendees:\*\* (.*)$", md, re.M):
        names = people(m.group(1))
        if len(names) != len(set(names)):
            bad.append(m.group(1))
    m = re.search(r"^Held by (.*)\.$", md, re.M)
    if m:
        names = [part.split(": ", 1)[1] for part in m.group(1).split("; ")]
        if len(names) != len(set(names)):
            bad.append(m.group(0))
    return bad


def common(name, md, text, lines):
    flat = plain(text)
    check(not lists_twice(md), "%s: nobody is listed twice in one list %s"
          % (name, lists_twice(md)[:2]))
    check("Nothing beyond the criteria above" not in flat,
          "%s: no gate row says nothing" % name)
    iso = re.findall(r"\b20\d\d-Q[1-4]\b", flat)
    check(not iso, "%s: quarters read 'Q2 2027' on the playbook's pages %s" % (name, iso[:3]))
    check(re.search(r"\bQ[1-4] 20\d\d\b", flat) is not None,
          "%s: the playbook has a quarter written 'Q2 2027'" % name)
    split = [t for t in lines if re.search(r"(\bQ[1-4]|[Gg]o/\ufeff?|[Gg]o/\ufeff?no[-\u2011])$", t)]
    check(not split, "%s: no line ends inside 'Q2 2027' or 'go/no-go' %s" % (name, split[:3]))
    check("owner to be named" not in flat and "owner to be named" not in md,
          "%s: no 'owner to be named'" % name)


def main():
    tmp = tempfile.mkdtemp()
    try:
        os.environ["SOURCE_DATE_EPOCH"] = "1795000000"
        os.symlink(os.path.join(SRC, "samples", "assets"), os.path.join(tmp, "assets"))
        sample = open(SAMPLE, encoding="utf-8").read()

        # The sample as shipped.
        path = write_case(tmp, "sample", sample)
        r = run("validate", "--strict", path)
        check(r.returncode == 0 and "warning" not in r.stderr,
              "sample: validates with no warning (%s)" % r.stderr.strip()[:200])
        md, text, lines = render(tmp, path)
        common("sample", md, text, lines)
        check("Marcus Bell (product owner, quality lead)" in md,
              "sample: the product owner standing in as quality lead is listed once, "
              "with both roles")

        # Only the required roles, no initiative owners.
        head, tail = sample.split("\nrisks:", 1)
        head = re.sub(r"\n    owner: [^\n]*", "", head.split("\ninitiatives:", 1)[1])
        bare = sample.split("\ninitiatives:", 1)[0] + "\ninitiatives:" + head + "\nrisks:" + tail
        bare = re.sub(r"\n    (qa_lead|security_lead|platform_lead|data_lead): [^\n]*", "", bare)
        path = write_case(tmp, "bare", bare)
        md, text, lines = render(tmp, path)
        common("bare", md, text, lines)
        go = re.search(r"^#### Go/\ufeff?no.go meeting\n(?:.*\n)*?- \*\*Attendees:\*\* (.*)$",
                       md, re.M)
        check(go is not None and people(go.group(1)).count("Priya Venkataraman") == 1
              and "Priya Venkataraman (engineering lead, platform lead, security lead, data lead)"
              in go.group(1),
              "bare: the go/no-go meeting lists its engineering lead once, her five roles "
              "merged: %s" % (go.group(1) if go else None))
        flat = plain(text)
        check(flat.count("To be named") >= 1 and "Initiatives without an owner" in flat,
              "bare: initiatives without an owner: one note, 'To be named' in the owner column")
        check("The initiative's owner (to be named) confirms" in plain(md),
              "bare: an unnamed initiative owner reads naturally in a gate's criterion")

        # The quality lead mapped to the engineering lead's person.
        conflict = sample.replace('    data_lead: "Lena Hartmann"\n',
                                  '    data_lead: "Lena Hartmann"\n'
                                  '    qa_lead: "Priya Venkataraman"\n')
        path = write_case(tmp, "conflict", conflict)
        line = conflict.split("\n").index('    qa_lead: "Priya Venkataraman"') + 1
        r = run("validate", path)
        want = ("conflict.yaml:%d:14: warning: qa_lead (Quality lead) must be independent of "
                "engineering_lead (Engineering lead) in template 'remediation', but "
                "'Priya Venkataraman' holds both" % line)
        check(r.returncode == 0 and want in r.stderr and "hint: map qa_lead to someone else"
              in r.stderr, "conflict: validate warns at the qa_lead mapping (%s)"
              % r.stderr.strip()[:300])
        md, text, lines = render(tmp, path)
        common("conflict", md, text, lines)
        flat = re.sub(r"\s+", " ", plain(text))
        check("The quality lead is not independent" in flat and "Priya Venkataraman is named as "
              "the quality lead and is also the engineering lead" in flat,
              "conflict: the PDF says the quality lead is not independent")
        check("Priya Venkataraman (engineering lead, quality lead)" in md,
              "conflict: her two roles are merged in the attendees")

        # Nobody holds the quality lead: the template's fallback removed.
        os.mkdir(os.path.join(tmp, "playbooks"))
        tpl = open(os.path.join(SRC, "playbooks", "remediation.yaml"), encoding="utf-8").read()
        tpl = tpl.replace("    fallback: product_owner\n", "", 1)
        with open(os.path.join(tmp, "playbooks", "remediation.yaml"), "w",
                  encoding="utf-8") as f:
            f.write(tpl)
        path = write_case(tmp, "unnamed", sample)
        r = run("validate", path)
        warnings = [x for x in r.stderr.splitlines() if ": warning: " in x]
        check(len(warnings) == 1 and warnings[0].endswith(
            "warning: playbook.owners names nobody for 1 optional role of template "
            "'remediation': qa_lead (Quality lead)"),
            "unnamed: validate lists the unnamed role in one warning (%s)" % warnings)
        md, text, lines = render(tmp, path)
        common("unnamed", md, text, lines)
        flat = re.sub(r"\s+", " ", plain(text))
        check("A role to be named" in flat and flat.count("Nobody is named yet as") == 1,
              "unnamed: one note lists the role nobody holds")
        check("the quality lead (to be named)" in plain(md),
              "unnamed: the role reads 'the quality lead (to be named)' in a list")
    finally:
        shutil.rmtree(tmp)
    if failures:
        print("%d check(s) failed" % len(failures))
        sys.exit(1)


main()
