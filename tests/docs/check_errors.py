#!/usr/bin/env python3
"""check_errors.py SOURCE_DIR [--list] - docs/errors.md cannot drift from the C.

Extracts the format string of every diagnostic the loader, the plugin host,
the document checks, the brand loader and a batch's inputs and manifest
reader can print, and checks that each one
appears in docs/errors.md (in a heading or in an example output), matched as
a regular expression in which every printf conversion is a wildcard.  Fails
with the list of the undocumented ones.  Also checks the links of
docs/errors.md, and that README.md, docs/engagement.md and docs/plugins.md
link to it.  --list prints what was extracted (file:line and the pattern)
and exits 0.

What counts as a diagnostic message (see SINKS below):
  * the message argument of a call that reports one: wm_diag_add,
    wm_diag_addf, wm_schema_error, wm_schema_warning, luaL_error,
    luaL_argcheck, lua_pushfstring, and each file's own printf-style helpers
    (a static function declared WM_PRINTF(fmt, args), or taking a text
    parameter named msg, message or err);
  * error texts built for later: wm_xasprintf / wm_xstrdup / snprintf whose
    result is not a hint (a destination or variable named *hint* is skipped);
  * `msg = "..."` assignments, `return "..."` in a *_problem function (a
    reason appended to a message) and the rows of a table of messages
    (`const char *msg;` in the struct).
A format whose text is only conversions ("%s", "%s: %s") passes its literal
arguments on instead (`bad(c, "%s", x ? "must be 1 or more" : "...")`).
Only prose is kept: a pattern needs a space and a letter outside its
conversions, so paths ("%s/%s.lua") and keys ("[%zu]") are not messages.
Hints are not required (a hint is text after "hint:"; most are shown in
the catalogue's examples anyway).
"""
import os
import re
import sys

# The C files whose messages a user can see, by area (docs/errors.md follows
# the same grouping).
SOURCES = [
    "core/base/file.c",          # reading and writing files
    "core/base/docdate.c",       # SOURCE_DATE_EPOCH
    "core/load/*.c",             # YAML, schema, scalars, checks, playbook templates
    "core/plan/*.c",             # plugins: loading, sandbox, API, results, plan checks
    "core/document/doc.c",       # document blocks and sections (document plugins)
    "core/render/brand.c",       # brand files
    "core/render/render.c",      # the brand and logos as a render uses them
    "core/render/glyphs.c",      # characters the brand's fonts cannot draw
    "core/layout/ttf_check.c",      # what is wrong with a brand's font
    "core/batch/inputs.c",       # a batch's inputs
    "core/batch/manifest.c",     # the manifest a batch reads back
    "core/diff/diff.c",          # plans `waymark diff` cannot read
    "core/cli/cmd_diff.c",       # `waymark diff`'s inputs
]

# Files in those globs that print output, not diagnostics.
NOT_DIAGNOSTICS = {
    "core/plan/format.c",           # plan as JSON / CSV / Markdown
}

# Messages no user can reach: internal "cannot happen" guards, each with why.
# Nothing else may be listed here; a listed message that leaves the sources
# fails the test (a stale exception).
EXCEPTIONS = {
    # lua_checkstack failing needs a C stack thousands of frames deep; the
    # host calls into Lua from a fixed, shallow depth.
    "Lua stack exhausted",
    # luaL_traceback failing while the message handler runs (LUA_ERRERR):
    # the handler only concatenates strings inside the memory limit.
    "error while reporting an error: %s",
    # The message handler always leaves a string; this is the fallback if
    # it ever did not.
    "unknown error",
    # waymark.simulate's final guard after its arguments were all checked
    # one by one above it.
    "waymark.simulate: bad arguments",
    # require() resolves modules in the plugin's own folder; every plugin
    # loaded from a file has one (only the unit tests make a sandbox without).
    "require: this plugin has no folder to load '%s' from",
    # Plugins can reach no userdata but waymark.null (a light userdata the
    # reader accepts): io, os and the arena box of the constructors are hidden.
    "a userdata value cannot be part of a result",
    # brand.c: a brand file's own YAML errors past the limit of 200; the outer
    # list is full by then, so this line is itself dropped (the count shows
    # in "waymark: N more problems not shown" instead).
    "%zu more problems were not shown",
    # wm_read_file reports why whenever it fails; this is the fallback for a
    # failure without a report.
    "cannot read the file",
}

# Calls that report a message: name -> index of the format argument.
SINKS = {
    "wm_diag_add": 4,
    "wm_diag_addf": 5,
    "wm_schema_error": 3,
    "wm_schema_warning": 3,
    "luaL_error": 1,
    "luaL_argcheck": 3,
    "luaL_argerror": 2,
    "lua_pushfstring": 1,
    "wm_xasprintf": 0,
    "wm_xstrdup": 0,
    "snprintf": 2,
    "vsnprintf": 2,
}

# snprintf into these buffers composes a field's name for a message, not a
# message ("initiative I3 effort.engineer").
FIELD_NAMES = {"what", "where", "w", "label", "intro", "path", "name"}

CONVERSION = re.compile(r"%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp]")


def strip_comments(src):
    """Blank out comments, keeping strings, char literals and line numbers."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


TOKEN = re.compile(r'''
    (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<chr>'(?:[^'\\\n]|\\.)*')
  | (?P<id>[A-Za-z_]\w*)
  | (?P<num>\d[\w.]*)
  | (?P<op>->|\+\+|--|&&|\|\||[<>=!]=|.)
''', re.X | re.S)


def unescape(lit):
    body = lit[1:-1]
    return re.sub(r'\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.)', lambda m: {
        "n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}.get(
            m.group(1), "?" if m.group(1)[0] in "x01234567" else m.group(1)), body)


def tokenize(src):
    """Tokens (kind, text, line) of C source without comments or # lines;
    adjacent string literals stay separate (joined where read)."""
    toks, line = [], 1
    defines = {}
    for raw in src.split("\n"):
        stripped = raw.strip()
        if stripped.startswith("#"):
            m = re.match(r'#\s*define\s+(\w+)\s+((?:"(?:[^"\\]|\\.)*"\s*)+)$', stripped)
            if m:
                defines[m.group(1)] = "".join(unescape(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(2)))
            line += 1
            continue
        for m in TOKEN.finditer(raw):
            kind = m.lastgroup
            if kind == "op" and m.group().isspace():
                continue
            text = m.group()
            if kind == "id" and text in defines:
                toks.append(("str", '"' + defines[text].replace("\\", "\\\\").replace('"', '\\"') + '"', line))
                continue
            toks.append((kind, text, line))
        line += 1
    return toks


def split_args(toks, i):
    """toks[i] is '('; return (list of argument token lists, index after ')')."""
    depth, args, cur = 0, [], []
    j = i
    while j < len(toks):
        k, t, _ = toks[j]
        if k == "op" and t in "([{":
            depth += 1
            if depth > 1:
                cur.append(toks[j])
        elif k == "op" and t in ")]}":
            depth -= 1
            if depth == 0:
                args.append(cur)
                return args, j + 1
            cur.append(toks[j])
        elif k == "op" and t == "," and depth == 1:
            args.append(cur)
            cur = []
        else:
            cur.append(toks[j])
        j += 1
    return args, j


def literal_runs(toks):
    """Maximal runs of adjacent string literals, each joined: [(text, line)]."""
    runs, cur, line = [], None, 0
    for k, t, ln in toks:
        if k == "str":
            if cur is None:
                cur, line = "", ln
            cur += unescape(t)
        else:
            if cur is not None:
                runs.append((cur, line))
            cur = None
    if cur is not None:
        runs.append((cur, line))
    return runs


def local_sinks(toks):
    """A file's own reporting helpers: WM_PRINTF(a, b) declarations, and
    static functions with a parameter named msg."""
    sinks = {}
    for i, (k, t, _) in enumerate(toks):
        if k == "id" and t == "WM_PRINTF" and i > 0:
            # ... name(params) WM_PRINTF(a, b)
            j, depth = i - 1, 0
            while j >= 0:
                if toks[j][1] == ")":
                    depth += 1
                elif toks[j][1] == "(":
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            if j > 0 and toks[j - 1][0] == "id":
                sinks[toks[j - 1][1]] = int(toks[i + 2][1]) - 1
        if k == "id" and t == "static":
            j = i
            while j < len(toks) and toks[j][1] not in ("(", ";", "=", "{"):
                j += 1
            if j < len(toks) and toks[j][1] == "(" and toks[j - 1][0] == "id":
                args, _ = split_args(toks, j)
                for n, a in enumerate(args):
                    if a and a[-1][0] == "id" and a[-1][1] in ("msg", "message", "err") and \
                            any(x[1] == "char" for x in a):
                        sinks[toks[j - 1][1]] = n
    return sinks


def is_hint(toks):
    return any(k == "id" and "hint" in t.lower() for k, t, _ in toks)


def extract(path):
    """[(format, line)] of the messages in one C file."""
    toks = tokenize(strip_comments(open(path, encoding="utf-8").read()))
    sinks = dict(SINKS)
    sinks.update(local_sinks(toks))
    found = []
    func = ""
    brace = 0
    for i, (k, t, line) in enumerate(toks):
        if k == "op" and t == "{":
            brace += 1
        elif k == "op" and t == "}":
            brace -= 1
        if brace == 0 and k == "id" and i + 1 < len(toks) and toks[i + 1][1] == "(":
            func = t
        # msg = "..."; and return "..." in a *_problem function
        if k == "str" and i > 0:
            prev = toks[i - 1]
            if prev[1] == "=" and i > 1 and toks[i - 2][1] in ("msg", "message"):
                found += [(s, ln) for s, ln in literal_runs(toks[i:i + 8])[:1]]
            if prev[1] == "return" and func.endswith("_problem"):
                found += [(s, ln) for s, ln in literal_runs(toks[i:i + 8])[:1]]
        # a table of messages: struct { ...; const char *msg; } NAME[] = { ... };
        if k == "id" and t == "struct" and toks[i + 1][1] == "{":
            _, end = split_args([("op", "(", 0)] + toks[i + 2:], 0)
            body = toks[i + 1:i + 1 + end]
            if any(x[1] == "msg" for x in body):
                j = i + 1 + end
                while j < len(toks) and toks[j][1] != "=":
                    j += 1
                args, _ = split_args([("op", "(", 0)] + toks[j + 2:], 0)
                for a in args:
                    found += literal_runs(a)
        if k != "id" or t not in sinks or i + 1 >= len(toks) or toks[i + 1][1] != "(":
            continue
        if i > 0 and toks[i - 1][0] == "id" and toks[i - 1][1] not in ("return", "else"):
            continue  # a declaration or definition, not a call
        args, _ = split_args(toks, i + 1)
        idx = sinks[t]
        if idx >= len(args):
            continue
        # the destination of snprintf, or what the result is assigned to
        if t in ("snprintf", "vsnprintf") and (is_hint(args[0]) or (
                len(args[0]) == 1 and args[0][0][1] in FIELD_NAMES)):
            continue
        j, depth = i - 1, 0
        while j >= 0:
            t2 = toks[j][1]
            if t2 == ")":
                depth += 1
            elif t2 == "(" and depth:
                depth -= 1
            elif depth == 0 and t2 in (";", "{", "}", "(", ","):
                break
            j -= 1
        if is_hint(toks[j + 1:i]) or "hint" in func.lower():
            continue
        fmts = literal_runs(args[idx])
        for fmt, ln in fmts:
            if not CONVERSION.sub("", fmt).replace("%%", "").strip(" :\n"):
                # only conversions: the message is in the arguments
                for a in args[idx + 1:]:
                    found += literal_runs(a)
            else:
                found.append((fmt, ln))
    return found


def is_prose(fmt):
    text = CONVERSION.sub("", fmt).replace("%%", "%")
    return " " in text.strip() and re.search(r"[A-Za-z]{2}", text) is not None


def pattern(fmt):
    """The format as a regex: literal text, each conversion any text on one line."""
    parts = []
    pos = 0
    for m in CONVERSION.finditer(fmt):
        text = fmt[pos:m.start()].replace("%%", "%")
        if text or not parts:  # adjacent conversions are one wildcard
            parts.append(re.escape(text))
            parts.append(r"[^\n]*?")
        pos = m.end()
    parts.append(re.escape(fmt[pos:].replace("%%", "%")))
    # A wildcard at either end matches anything for a search: leave it out
    # (it would only make the search slow).
    while parts and parts[0] in ("", r"[^\n]*?"):
        parts.pop(0)
    while parts and parts[-1] in ("", r"[^\n]*?"):
        parts.pop()
    return "".join(parts)


def messages(root):
    import glob
    out = {}
    for g in SOURCES:
        for path in sorted(glob.glob(os.path.join(root, g))):
            rel = os.path.relpath(path, root)
            if rel in NOT_DIAGNOSTICS:
                continue
            for fmt, line in extract(path):
                if is_prose(fmt):
                    out.setdefault(fmt, []).append(f"{rel}:{line}")
    return out


def slug(heading):
    """GitHub's anchor for a Markdown heading."""
    h = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", h).replace(" ", "-")


def link_problems(root):
    """Links of docs/errors.md to files or anchors that do not exist, and
    guides that do not link to it."""
    out = []
    doc = open(os.path.join(root, "docs", "errors.md"), encoding="utf-8").read()
    for m in re.finditer(r"\]\(([^)#\s]*)(#[^)\s]+)?\)", doc):
        target = os.path.join(root, "docs", m.group(1) or "errors.md")
        if not os.path.isfile(target):
            out.append(f"docs/errors.md links to a missing file: {m.group(0)}")
        elif m.group(2):
            text = re.sub(r"```.*?```", "", open(target, encoding="utf-8").read(), flags=re.S)
            if m.group(2)[1:] not in {slug(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}:
                out.append(f"docs/errors.md links to a missing anchor: {m.group(0)}")
    for guide in ("README.md", "docs/engagement.md", "docs/plugins.md"):
        if "errors.md" not in open(os.path.join(root, guide), encoding="utf-8").read():
            out.append(f"{guide} does not link to docs/errors.md")
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    msgs = messages(root)
    if "--list" in sys.argv:
        for fmt, where in sorted(msgs.items(), key=lambda x: x[1][0]):
            print(f"{where[0]}: {fmt!r}")
        print(f"{len(msgs)} messages")
        return 0
    doc = open(os.path.join(root, "docs", "errors.md"), encoding="utf-8").read()
    stale = sorted(e for e in EXCEPTIONS if e not in msgs)
    missing = []
    for fmt, where in sorted(msgs.items(), key=lambda x: x[1][0]):
        if fmt in EXCEPTIONS:
            continue
        if not re.search(pattern(fmt), doc):
            missing.append((where, fmt))
    for where, fmt in missing:
        print(f"undocumented: {where[0]}: {fmt!r}" + (f" (and {len(where) - 1} more)" if len(where) > 1 else ""))
    for e in stale:
        print(f"stale exception (no longer in the sources): {e!r}")
    links = link_problems(root)
    for p in links:
        print(p)
    if missing or stale or links:
        print(f"FAIL: {len(missing)} of {len(msgs)} diagnostics are not in docs/errors.md"
              + (f"; {len(stale)} stale exceptions" if stale else "")
              + (f"; {len(links)} link problems" if links else ""))
        return 1
    print(f"ok: all {len(msgs) - len(EXCEPTIONS)} diagnostics are in docs/errors.md "
          f"({len(EXCEPTIONS)} internal exceptions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
