#!/usr/bin/env python3
"""manifest.py - read and check OUTDIR/manifest.jsonl for tests/batch/*.sh.

    manifest.py check OUTDIR [--count N] [--no-dep-hashes]
        Every line is one JSON object with exactly the documented fields, in
        name order, names unique, one key for all; per status:
          done, skipped   sha256 of an existing OUTDIR/NAME.pdf that hashes to
                          it; deps an object whose first path is the input's
                          real path and (unless --no-dep-hashes) whose hashes
                          are those of the files now; summary an object; exit 0
          failed          no sha256, deps or summary; an error; exit not 0
          interrupted     no sha256, deps; error "interrupted"; exit 130
          pending         no sha256, deps; exit 0
        Relative inputs are resolved from the current directory, so run it
        where the batch ran.  Prints each problem; exits 1 if there is any.
    manifest.py status OUTDIR        "NAME STATUS" per record
    manifest.py get OUTDIR NAME FIELD
        the field: a string as it is, anything else as JSON
    manifest.py canon OUTDIR         the records without "ms", one a line
    manifest.py deps OUTDIR NAME     the dep paths of NAME, one a line
"""
import hashlib
import json
import os
import re
import sys

FIELDS = ["input", "name", "output", "status", "error", "sha256", "ms", "exit", "key",
          "deps", "summary"]
STATUSES = {"done", "skipped", "failed", "interrupted", "pending"}
HEX64 = re.compile(r"^[0-9a-f]{64}$")


_hashes = {}


def sha256_file(path, cache=False):
    """The file's hex SHA-256; shared files (fonts, plugins) once a call."""
    if cache and path in _hashes:
        return _hashes[path]
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    _hashes[path] = h.hexdigest()
    return _hashes[path]


def load(outdir):
    """The records, or raises ValueError naming the bad line."""
    path = os.path.join(outdir, "manifest.jsonl")
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise ValueError("manifest.jsonl does not end with a newline")
    records = []
    for n, line in enumerate(data.split(b"\n")[:-1] if data else [], 1):
        try:
            rec = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ValueError("line %d is not JSON: %s: %r" % (n, e, line[:200]))
        if not isinstance(rec, dict):
            raise ValueError("line %d is not an object" % n)
        records.append(rec)
    return records


def check(outdir, count=None, dep_hashes=True):
    problems = []
    try:
        recs = load(outdir)
    except (OSError, ValueError) as e:
        return ["%s: %s" % (outdir, e)]
    if count is not None and len(recs) != count:
        problems.append("%d records, expected %d" % (len(recs), count))
    names = [r.get("name") for r in recs]
    if any(not isinstance(n, str) for n in names):
        problems.append("a record without a name")
        return problems
    if names != sorted(names, key=lambda s: s.encode("utf-8")):
        problems.append("records not in name order: %s" % names)
    if len(set(names)) != len(names):
        problems.append("names not unique")
    keys = {r.get("key") for r in recs}
    if len(keys) > 1:
        problems.append("more than one key: %s" % keys)
    for r in recs:
        name = r["name"]
        where = "%s (%s)" % (name, r.get("status"))
        if list(r.keys()) != FIELDS:
            problems.append("%s: fields %s, expected %s" % (where, list(r.keys()), FIELDS))
            continue
        if not isinstance(r["input"], str) or not r["input"]:
            problems.append("%s: input %r" % (where, r["input"]))
            continue
        if not isinstance(r["key"], str) or not HEX64.match(r["key"]):
            problems.append("%s: key %r" % (where, r["key"]))
        if r["output"] != os.path.join(outdir, name + ".pdf") and not r["output"].endswith(
                "/" + name + ".pdf"):
            problems.append("%s: output %r" % (where, r["output"]))
        if not isinstance(r["ms"], (int, float)) or isinstance(r["ms"], bool) or r["ms"] < 0:
            problems.append("%s: ms %r" % (where, r["ms"]))
        if not isinstance(r["exit"], int) or isinstance(r["exit"], bool):
            problems.append("%s: exit %r" % (where, r["exit"]))
        st = r["status"]
        if st not in STATUSES:
            problems.append("%s: unknown status" % where)
            continue
        pdf = os.path.join(outdir, name + ".pdf")
        if st in ("done", "skipped"):
            if r["exit"] != 0:
                problems.append("%s: exit %r" % (where, r["exit"]))
            if r["error"] is not None:
                problems.append("%s: error %r" % (where, r["error"]))
            if not isinstance(r["sha256"], str) or not HEX64.match(r["sha256"]):
                problems.append("%s: sha256 %r" % (where, r["sha256"]))
            elif not os.path.isfile(pdf):
                problems.append("%s: %s does not exist" % (where, pdf))
            elif sha256_file(pdf) != r["sha256"]:
                problems.append("%s: %s does not hash to the record's sha256" % (where, pdf))
            deps = r["deps"]
            if not isinstance(deps, dict) or not deps:
                problems.append("%s: deps %r" % (where, deps))
            else:
                first = next(iter(deps))
                if first != os.path.realpath(r["input"]):
                    problems.append("%s: first dep %s is not the input %s" %
                                    (where, first, os.path.realpath(r["input"])))
                for path, h in deps.items():
                    if not os.path.isabs(path) or not isinstance(h, str) or not HEX64.match(h):
                        problems.append("%s: dep %r: %r" % (where, path, h))
                    elif dep_hashes and (not os.path.isfile(path) or sha256_file(path, True) != h):
                        problems.append("%s: dep %s does not hash as recorded" % (where, path))
            if not isinstance(r["summary"], dict) or "client" not in r["summary"]:
                problems.append("%s: summary %r" % (where, r["summary"]))
            if st == "skipped" and r["ms"] != 0:
                problems.append("%s: ms %r for a skipped input" % (where, r["ms"]))
        else:
            for field in ("sha256", "deps", "summary"):
                if r[field] is not None:
                    problems.append("%s: %s is %r, expected null" % (where, field, r[field]))
            if st == "failed":
                if not isinstance(r["error"], str) or not r["error"].strip():
                    problems.append("%s: no error" % where)
                if r["exit"] == 0:
                    problems.append("%s: exit 0" % where)
            elif st == "interrupted":
                if r["error"] != "interrupted" or r["exit"] != 130:
                    problems.append("%s: error %r, exit %r" % (where, r["error"], r["exit"]))
            elif st == "pending":
                if r["exit"] != 0:
                    problems.append("%s: exit %r" % (where, r["exit"]))
    return problems


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, outdir = argv[1], argv[2]
    if cmd == "check":
        count, dep_hashes = None, True
        rest = argv[3:]
        while rest:
            if rest[0] == "--count":
                count = int(rest[1])
                rest = rest[2:]
            elif rest[0] == "--no-dep-hashes":
                dep_hashes = False
                rest = rest[1:]
            else:
                sys.exit("unknown argument %r" % rest[0])
        problems = check(outdir, count, dep_hashes)
        for p in problems:
            print("  | manifest: " + p)
        return 1 if problems else 0
    try:
        recs = load(outdir)
    except (OSError, ValueError) as e:
        print("manifest: %s" % e, file=sys.stderr)
        return 1
    if cmd == "status":
        for r in recs:
            print(r.get("name"), r.get("status"))
    elif cmd == "get":
        name, field = argv[3], argv[4]
        for r in recs:
            if r.get("name") == name:
                v = r.get(field)
                print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))
                return 0
        return 1
    elif cmd == "canon":
        for r in recs:
            r.pop("ms", None)
            print(json.dumps(r, ensure_ascii=False))
    elif cmd == "deps":
        for r in recs:
            if r.get("name") == argv[3]:
                for path in r.get("deps") or {}:
                    print(path)
    else:
        sys.exit("unknown command %r" % cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
