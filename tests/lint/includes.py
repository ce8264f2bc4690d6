#!/usr/bin/env python3
"""includes.py SOURCE_DIR [--core DIR] - the #include lines of core/ keep
two rules:

  (a) no circle: a module (NAME.c with its NAME.h) never reaches itself
      through the modules it includes and uses (see modules()), inside a
      folder or across folders;
  (b) no arrow back up the stage order
          base < load < document < diff < plan < layout < pdf < markup < render
               < batch < cli
      a folder includes only itself and the folders before it
      (core/waymark.h, the model every stage shares, counts as base).

Fails with each circle (as a path of files) and each back arrow (file:line).
EXCEPTIONS lists circles that are known and being removed; each must still
exist (so it is deleted with the fix) - a listed circle that is gone fails
too.  --core DIR checks another tree (the test plants a circle in a copy).
"""
import os
import re
import sys

ORDER = ["base", "load", "document", "diff", "plan", "layout", "pdf", "markup", "render", "batch", "cli"]

# Known circles, each as the sorted set of its modules (paths under core/
# without extension), e.g. ["layout/layout", "layout/pages", "layout/table"]
# while layout.c and pages.c / table.c called each other through
# layout_int.h (gone since layout's cursor.c).
EXCEPTIONS = [
    # None today.  A row is a circle's modules, sorted, with a comment on who
    # is removing it; this test fails once it is gone, until the row goes.
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def folder_of(mod):
    parts = mod.split("/")
    return parts[0] if len(parts) > 1 else "base"  # core/waymark.h: base


def read_tree(core):
    """The files under core/ and each one's direct includes [(file:line,
    included file, as written)], of files that exist in the tree."""
    files = []
    for root, _, names in os.walk(core):
        for n in names:
            if n.endswith((".c", ".h")):
                files.append(os.path.relpath(os.path.join(root, n), core))
    files.sort()
    present = set(files)
    direct = {}
    for f in files:
        direct[f] = []
        with open(os.path.join(core, f), encoding="utf-8", errors="replace") as fh:
            for i, line in enumerate(fh, 1):
                g = INCLUDE.match(line)
                if not g:
                    continue
                target = os.path.normpath(os.path.join(os.path.dirname(f), g.group(1)))
                if target in present:  # else generated (wm_config.h, embedded files)
                    direct[f].append((f"{f}:{i}", target, g.group(1)))
    return files, direct


COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
NAME = re.compile(r"\bwm_\w+")
DEFINED = re.compile(r"^(?!static\b|typedef\b|extern\b|#)[A-Za-z_][\w \t\*]*?\b(wm_\w+)\s*(\(|\[|=)",
                     re.M)


def strip(text):
    return COMMENT.sub(" ", text)


def modules(core, files, direct):
    """{module: [(file:line, module it uses, how)]}.  A module is NAME.c
    with NAME.h.  Module A has an arrow to module B when a file of A
    includes (directly, or through other headers) a header that declares a
    name B.c defines, and A's .c uses that name: the #include lines say
    where a module can reach, the names which of those it does.  So a
    folder's shared *_int.h, declaring what several of its files define,
    gives each of them arrows only to those whose functions it calls."""
    text = {f: strip(open(os.path.join(core, f), encoding="utf-8", errors="replace").read())
            for f in files}
    stems = {os.path.splitext(f)[0] for f in files if f.endswith(".c")}
    definer = {}
    for f in files:
        if f.endswith(".c"):
            for m in DEFINED.finditer(text[f]):
                definer.setdefault(m.group(1), os.path.splitext(f)[0])
    declares = {f: set(NAME.findall(text[f])) for f in files if f.endswith(".h")}

    def closure(f):
        """Every header f includes, directly or not: {header: the direct include line}."""
        out = {}
        for loc, t, _ in direct[f]:
            todo = [t]
            while todo:
                h = todo.pop()
                if h in out or not h.endswith(".h"):
                    continue
                out[h] = loc
                todo.extend(t2 for _, t2, _ in direct[h])
        return out

    edges = {}
    for f in files:
        if not f.endswith(".c"):
            continue
        m = os.path.splitext(f)[0]
        edges.setdefault(m, [])
        used = set(NAME.findall(text[f]))
        seen = set()
        for h, loc in sorted(closure(f).items()):
            for name in sorted(declares[h] & used):
                n = definer.get(name)
                if n and n != m and (n, h) not in seen:
                    seen.add((n, h))
                    edges[m].append((loc, n, f"{name}, declared in {h}"))
    for st in stems:
        edges.setdefault(st, [])
    return edges


def circles(edges):
    """The strongly connected components with more than one module."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for _, w, _ in edges.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def cycle_path(edges, comp):
    """One circle through the component, as 'a -> b -> a' with the lines."""
    members = set(comp)
    start = comp[0]
    path, seen = [start], {start}
    where = []
    v = start
    while True:
        for loc, w, _ in sorted(edges[v]):
            if w == start and len(path) > 1:
                where.append(loc)
                return " -> ".join(path + [start]) + "  (" + ", ".join(where) + ")"
            if w in members and w not in seen:
                where.append(loc)
                path.append(w)
                seen.add(w)
                v = w
                break
        else:  # a dead end inside the component: restart from a member with a way back
            for loc, w, _ in sorted(edges[v]):
                if w in members:
                    where.append(loc)
                    return " -> ".join(path + [w]) + " ...  (" + ", ".join(where) + ")"
            return " <-> ".join(comp)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    core = os.path.join(args[0], "core")
    if "--core" in args:
        core = args[args.index("--core") + 1]
    files, direct = read_tree(core)
    edges = modules(core, files, direct)
    problems = []
    for f in files:
        fm = folder_of(f)
        if fm not in ORDER:
            problems.append(f"core/{f}: the folder '{fm}' is not in the stage order (includes.py)")
            continue
        for loc, t, written in direct[f]:
            ft = folder_of(t)
            if ft in ORDER and ORDER.index(ft) > ORDER.index(fm):
                before = ", ".join(ORDER[:ORDER.index(fm)]) or "nothing else"
                problems.append(f"core/{loc}: back arrow: {fm} includes {ft} (\"{written}\"); "
                                f"{fm} may include only itself and {before}")
    found = circles(edges)
    known = [sorted(e) for e in EXCEPTIONS]
    for comp in found:
        if comp in known:
            print(f"known circle (EXCEPTIONS): {' <-> '.join(comp)}")
            continue
        problems.append("circle: " + cycle_path(edges, comp))
    for e in known:
        if e not in found:
            problems.append(f"the circle {' <-> '.join(e)} in EXCEPTIONS is gone: delete its entry")
    n_edges = sum(len(v) for v in edges.values())
    if problems:
        print("\n".join(problems))
        print(f"FAIL: {len(problems)} problem(s) in the includes of {core} "
              f"({len(edges)} modules, {n_edges} arrows)")
        return 1
    print(f"ok: {len(edges)} modules, {n_edges} arrows: no circle, no back arrow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
