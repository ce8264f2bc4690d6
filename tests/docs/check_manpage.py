#!/usr/bin/env python3
"""check_manpage.py WAYMARK SOURCE_DIR - docs/waymark.1 renders cleanly and
cannot drift from the command line.

1. groff -man -ww renders it with no warning (and `man --warnings -l` when
   man-db is installed: what users run).
2. Every command of the table in core/cli/main.c has its own subsection
   (.SS "waymark COMMAND ...").
3. Every option string that `waymark COMMAND --help` lists (its Options
   lines, such as "-o, --output OUT.pdf") is in that command's subsection;
   the global --help, --version and -V are in the page.

Shared with check_completion.sh: help_options() reads the options of a
command's --help the same way.
"""
import os
import re
import shutil
import subprocess
import sys


def commands(src):
    """The command names of main.c's table, in order."""
    text = open(os.path.join(src, "core", "cli", "main.c"), encoding="utf-8").read()
    table = re.search(r"commands\[\]\s*=\s*\{(.*?)\n\};", text, re.S)
    return re.findall(r'\{\s*"([a-z][a-z-]*)"\s*,', table.group(1))


def help_options(waymark, command):
    """Option strings (-o, --output, ...) of the Options lines of --help."""
    out = subprocess.run([waymark, command, "--help"], capture_output=True, text=True,
                         check=True).stdout
    opts = []
    for line in out.splitlines():
        m = re.match(r"^  (-[-\w, ]*?)(?:  |$| [A-Z])", line)
        if not m or not line.strip().startswith("-"):
            continue
        for o in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", m.group(1)):
            if o not in opts:
                opts.append(o)
    return opts


def plain(roff):
    """The man source as text: escapes and font changes removed."""
    t = re.sub(r"\\f(\[[^]]*\]|\(..|.)", "", roff)
    t = t.replace("\\-", "-").replace("\\%", "").replace("\\&", "").replace("\\(aq", "'")
    return t


def sections(roff):
    """{command: text of its .SS subsection(s)}"""
    out, cur = {}, None
    for line in roff.splitlines():
        m = re.match(r'^\.SS "waymark ([a-z-]+)', plain(line))
        if m:
            cur = m.group(1)
            out.setdefault(cur, "")
        elif line.startswith(".SH"):
            cur = None
        if cur:
            out[cur] += plain(line) + "\n"
    return out


def main():
    waymark, src = sys.argv[1], sys.argv[2]
    page = os.path.join(src, "docs", "waymark.1")
    roff = open(page, encoding="utf-8").read()
    problems = []

    r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", page], capture_output=True,
                       text=True)
    if r.returncode or r.stderr.strip():
        problems.append("groff -man -ww: " + (r.stderr.strip() or f"exit {r.returncode}"))
    if shutil.which("man"):
        r = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", page], capture_output=True,
                           text=True, env=dict(os.environ, MANWIDTH="80", MANPAGER="cat",
                                               PAGER="cat"))
        if r.returncode or r.stderr.strip():
            problems.append("man --warnings -l: " + (r.stderr.strip() or f"exit {r.returncode}"))

    secs = sections(roff)
    cmds = commands(src)
    n_opts = 0
    for c in cmds:
        if c not in secs:
            problems.append(f"command '{c}' (core/cli/main.c) has no .SS \"waymark {c} ...\" subsection")
            continue
        for o in help_options(waymark, c):
            n_opts += 1
            if not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", secs[c]):
                problems.append(f"option {o} of 'waymark {c} --help' is not in its subsection")
    for c in secs:
        if c not in cmds:
            problems.append(f"subsection 'waymark {c}' names no command of core/cli/main.c")
    text = plain(roff)
    for o in ("--help", "--version", "-V"):
        if not re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", text):
            problems.append(f"global option {o} is not in the page")

    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"ok: docs/waymark.1 renders without warnings; {len(cmds)} commands, "
          f"{n_opts} options of their --help, all in the page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
