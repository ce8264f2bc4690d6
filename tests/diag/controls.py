#!/usr/bin/env python3
"""controls.py WAYMARK SRCDIR - no value can carry a control character in.

Every C0 control but tab and line feed, DEL, every C1 control, the nine
explicit bidirectional embeddings, overrides and isolates and a set of
noncharacters are fed through double-quoted escapes (\\UXXXXXXXX) into an
engagement's client name: each is refused with exit 1 at the value's
line:column, naming the character as U+XXXX, with a hint, and nothing but
text and line breaks reaches the terminal.  A few go through a key, a plain
(unescaped) value, a brand file and a playbook template, which share the
one check (core/load/ytree.c).  Tab, line feed, the implicit direction marks
and right-to-left letters stay allowed.
"""
import os
import subprocess
import sys
import tempfile

wm, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
fails = []

C0 = [c for c in range(0x20) if c not in (0x09, 0x0A)]
C1 = list(range(0x80, 0xA0))
BIDI = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
NONCHARS = [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF]
REFUSED = C0 + [0x7F] + C1 + BIDI + NONCHARS
ALLOWED = [0x09, 0x0A, 0x200E, 0x200F, 0x061C, 0x05D0, 0x0627, 0xFEFF, 0xFFFD]

with open(os.path.join(src, "tests/diag/text_nul.yaml"), encoding="utf-8") as f:
    BASE = f.read()
NAME = '"Northwind\\0Logistics"'
assert NAME in BASE


def run(args, cwd):
    p = subprocess.run([wm] + args, cwd=cwd, capture_output=True, timeout=60)
    return p.returncode, p.stderr.decode("utf-8", "replace"), p.stderr


def clean_terminal(raw, what):
    """Nothing but printable text and line breaks on stderr."""
    bad = [b for b in raw if (b < 0x20 and b != 0x0A) or b == 0x7F]
    if bad:
        fails.append(f"{what}: raw control bytes on stderr: {bad[:5]}")
    text = raw.decode("utf-8", "replace")
    for c in BIDI:
        if chr(c) in text:
            fails.append(f"{what}: a raw U+{c:04X} on stderr")


def expect_refused(cp, rc, err, raw, where, what):
    want = f"{where}: error: the value holds U+{cp:04X}"
    if rc != 1:
        fails.append(f"{what}: exit {rc}, expected 1\n{err}")
    elif want not in err:
        fails.append(f"{what}: expected '{want}' in:\n{err}")
    elif "\n  hint: remove it" not in err:
        fails.append(f"{what}: no hint in:\n{err}")
    clean_terminal(raw, what)


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "e.yaml")

    def engagement(text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    # Every refused character, escaped in a double-quoted client name.
    for cp in REFUSED:
        engagement(BASE.replace(NAME, f'"North\\U{cp:08X}wind"'))
        rc, err, raw = run(["validate", "--quiet", "e.yaml"], tmp)
        expect_refused(cp, rc, err, raw, "e.yaml:4:9", f"U+{cp:04X} escaped")
        if rc == 1 and "(character 6 of the value)" not in err:
            fails.append(f"U+{cp:04X}: the character's place is not given:\n{err}")

    # The short escapes YAML has for some of them.
    for esc, cp in [("\\e", 0x1B), ("\\a", 0x07), ("\\b", 0x08), ("\\r", 0x0D), ("\\v", 0x0B),
                    ("\\f", 0x0C), ("\\N", 0x85), ("\\0", 0x00), ("\\x7f", 0x7F)]:
        engagement(BASE.replace(NAME, f'"North{esc}wind"'))
        rc, err, raw = run(["validate", "--quiet", "e.yaml"], tmp)
        expect_refused(cp, rc, err, raw, "e.yaml:4:9", f"escape {esc}")

    # In a key, and written raw in a plain value (libyaml lets these in).
    engagement(BASE.replace("  name: " + NAME, '  "na\\eme": x\n  name: y'))
    rc, err, raw = run(["validate", "--quiet", "e.yaml"], tmp)
    expect_refused(0x1B, rc, err, raw, "e.yaml:4:3", "a key")
    for cp in BIDI + [0xFDD0, 0x1FFFE]:
        engagement(BASE.replace(NAME, f"North{chr(cp)}wind"))
        rc, err, raw = run(["validate", "--quiet", "e.yaml"], tmp)
        expect_refused(cp, rc, err, raw, "e.yaml:4:9", f"raw U+{cp:04X}")

    # Allowed: tab, line feed, direction marks, right-to-left letters.
    for cp in ALLOWED:
        engagement(BASE.replace(NAME, f'"North\\U{cp:08X}wind"'))
        rc, err, _ = run(["validate", "--quiet", "e.yaml"], tmp)
        if rc != 0:
            fails.append(f"U+{cp:04X} is refused:\n{err}")

    # A brand file and a playbook template go through the same check.
    with open(os.path.join(src, "samples/brands/keel.yaml"), encoding="utf-8") as f:
        brand = f.read()
    assert "\nname: Keel Advisory\n" in brand
    engagement(BASE.replace(NAME, "Northwind Logistics"))
    for cp in [0x1B, 0x9B, 0x202E, 0xFFFF]:
        with open(os.path.join(tmp, "b.yaml"), "w", encoding="utf-8") as f:
            f.write(brand.replace("\nname: Keel Advisory\n", f'\nname: "Keel\\U{cp:08X}"\n'))
        rc, err, raw = run(["render", "e.yaml", "--brand", "b.yaml", "-o", "x.pdf"], tmp)
        expect_refused(cp, rc, err, raw, "b.yaml:6:7", f"brand U+{cp:04X}")
        if os.path.exists(os.path.join(tmp, "x.pdf")):
            fails.append(f"brand U+{cp:04X}: a PDF was written")

    pb_dir = os.path.join(src, "tests/playbook")
    with open(os.path.join(pb_dir, "playbooks/good.yaml"), encoding="utf-8") as f:
        template = f.read()
    with open(os.path.join(pb_dir, "extra_references.yaml"), encoding="utf-8") as f:
        pb_eng = f.read()
    assert "\ntitle: Test playbook\n" in template and "  template: good\n" in pb_eng
    os.makedirs(os.path.join(tmp, "playbooks"), exist_ok=True)
    with open(os.path.join(tmp, "p.yaml"), "w", encoding="utf-8") as f:
        f.write(pb_eng)
    line = template.split("\ntitle: Test playbook\n")[0].count("\n") + 2
    for cp in [0x07, 0x85, 0x2066, 0xFDD0]:
        with open(os.path.join(tmp, "playbooks/good.yaml"), "w", encoding="utf-8") as f:
            f.write(template.replace("\ntitle: Test playbook\n", f'\ntitle: "Test\\U{cp:08X}"\n'))
        rc, err, raw = run(["validate", "--quiet", "p.yaml"], tmp)
        expect_refused(cp, rc, err, raw, f"playbooks/good.yaml:{line}:8", f"template U+{cp:04X}")

for f in fails:
    print("FAIL:", f)
if not fails:
    print(f"ok: {len(REFUSED)} characters refused with a position, {len(ALLOWED)} allowed")
sys.exit(1 if fails else 0)
