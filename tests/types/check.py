#!/usr/bin/env python3
"""check.py WAYMARK SOURCE_DIR: the type annotations against the real host.

plugins/_types/waymark.lua describes the plugin API for the Lua language
server.  This test keeps it from drifting: it runs tests/types/probe.lua, a
plugin that walks what the host really gives it (the `waymark` module, `ctx`,
the plan at every stage, the sandbox's globals, what each waymark function
returns), through `waymark plan -v` on tests/types/engagement.yaml, and
compares that with the annotations:

  - every waymark function and value the host has is annotated, and every
    annotated one exists (with the same kind: function or value);
  - each function's sample call returns what its ---@return lines say;
  - every key of ctx, ctx.engagement, ctx.playbook and the plan (at every
    stage, all the way down) is an annotated field, of a compatible type;
  - every annotated field of the classes those reach turns up somewhere in
    the run (a field the host has dropped or renamed);
  - the plugin table: every annotated hook, plugin table key and config
    option field is accepted by the host (the probe's own table is built
    from them), every annotated hook is called, and the stage names, table
    keys and config fields in core/plan/plugin.c are all annotated;
  - the globals of .luacheckrc's std are exactly the sandbox's (when a Lua
    interpreter is at hand to read .luacheckrc).

Fails with a list of differences.  Python 3 standard library only.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------
# Reading the annotation file
# ---------------------------------------------------------------------------


class Ann:
    def __init__(self):
        # name -> {"parents": [...], "fields": {name: (type, optional)}, "open": bool}
        self.classes = {}
        self.aliases = {}    # name -> type text
        self.functions = {}  # name -> {"params": [...], "returns": [type, ...]}
        self.values = {}     # name -> type text (waymark.null, version, ...)
        self.problems = []


FIELD_RE = re.compile(r"^---@field\s+(?:(?:public|private|protected|package)\s+)?"
                      r"(\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_]*)(\?)?\s+(.*)$")
CLASS_RE = re.compile(r"^---@class\s+(?:\([a-z, ]+\)\s+)?([A-Za-z_][\w.]*)\s*(?::\s*(.*))?$")


def split_description(text):
    """'TYPE # description' or 'TYPE' -> TYPE."""
    return text.split(" # ", 1)[0].strip()


def read_annotations(path):
    ann = Ann()
    lines = open(path, encoding="utf-8").read().split("\n")
    current = None        # the class whose fields follow
    alias = None          # an alias whose ---| lines follow
    pending = []          # ---@param / ---@return / ---@type lines before code
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if alias and line.startswith("---|"):
            ann.aliases[alias] += ("|" if ann.aliases[alias] else "") + \
                split_description(line[4:].strip())
            continue
        alias = None
        m = CLASS_RE.match(line)
        if m:
            current = m.group(1)
            if current in ann.classes:
                ann.problems.append(f"{path}:{n}: the class {current} is defined twice (line "
                                    f"{ann.classes[current]['line']}); LuaLS would merge them")
            parents = [p.strip() for p in (m.group(2) or "").split(",") if p.strip()]
            ann.classes[current] = {"parents": parents, "fields": {}, "open": False, "line": n}
            continue
        if line.startswith("---@field"):
            m = FIELD_RE.match(line)
            if not m or current is None:
                ann.problems.append(f"{path}:{n}: cannot read this ---@field line: {line}")
                continue
            name, opt, rest = m.group(1), m.group(2), m.group(3)
            if name.startswith("["):
                ann.classes[current]["open"] = True  # [string] any: keys of your own
                continue
            ann.classes[current]["fields"][name] = (split_description(rest), bool(opt))
            continue
        if line.startswith("---@alias"):
            parts = line.split(None, 2)
            alias = parts[1]
            if alias in ann.aliases or alias in ann.classes:
                ann.problems.append(f"{path}:{n}: {alias} is defined twice")
            ann.aliases[alias] = split_description(parts[2]) if len(parts) > 2 else ""
            continue
        if line.startswith("---@param") or line.startswith("---@return") or \
                line.startswith("---@type"):
            pending.append((n, line))
            continue
        if line.startswith("--"):
            continue
        m = re.match(r"^function waymark\.([A-Za-z_]\w*)\((.*)\)", line)
        if m:
            params, returns = [], []
            for pn, p in pending:
                try:
                    if p.startswith("---@param"):
                        name, _, rest = p[len("---@param"):].strip().partition(" ")
                        params.append((name.rstrip("?"), read_type_prefix(rest.strip())[0]))
                    elif p.startswith("---@return"):
                        returns.append(read_type_prefix(p[len("---@return"):].strip())[0])
                except ValueError as e:
                    ann.problems.append(f"{path}:{pn}: {e}")
            # The ---@param names must be the function's own, in order.
            lua_params = [x.strip() for x in m.group(2).split(",") if x.strip()]
            if [x for x, _ in params] != lua_params:
                ann.problems.append(f"{path}:{n}: waymark.{m.group(1)}: the ---@param lines name "
                                    f"{[x for x, _ in params]}, the function takes {lua_params}")
            ann.functions[m.group(1)] = {"params": params, "returns": returns, "line": n}
        m2 = re.match(r"^waymark\.([A-Za-z_]\w*)\s*=", line)
        if m2:
            types = [p for _, p in pending if p.startswith("---@type")]
            if not types:
                ann.problems.append(f"{path}:{n}: waymark.{m2.group(1)} needs a ---@type line")
            else:
                ann.values[m2.group(1)] = types[-1][len("---@type"):].strip()
        if line.strip():
            pending = []
            current = None if not line.startswith("---") else current
    return ann


# ---------------------------------------------------------------------------
# Types: a small parser for the LuaCATS type syntax this file uses
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r'\s*(fun\(|"[^"]*"|\'[^\']*\'|-?\d+|[A-Za-z_][\w.\-]*|\[\]|[|?<>,(){}\[\]:])')


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise ValueError(f"cannot read the type at '{text[pos:]}'")
        out.append((m.group(1), m.start(1)))
        pos = m.end()
    return out


class Parser:
    """type := unit ('|' unit)* ; unit := primary ('[]' | '?')*"""

    def __init__(self, text):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self, want=None):
        t = self.peek()
        if want is not None and t != want:
            raise ValueError(f"expected '{want}' in '{self.text}', got '{t}'")
        self.i += 1
        return t

    def parse_type(self):
        alts = [self.unit()]
        while self.peek() == "|":
            self.take()
            alts.append(self.unit())
        return ("union", alts) if len(alts) > 1 else alts[0]

    def unit(self):
        t = self.primary()
        while self.peek() in ("[]", "?"):
            if self.take() == "[]":
                t = ("list", t)
            else:
                t = ("union", [t, ("name", "nil")])
        return t

    def skip_balanced(self, open_, close):
        depth = 1
        while depth:
            t = self.take()
            if t is None:
                raise ValueError(f"unbalanced '{open_}' in '{self.text}'")
            if t in (open_, "fun("):
                depth += 1
            elif t == close:
                depth -= 1

    def primary(self):
        t = self.take()
        if t == "fun(":
            # A function type: its signature does not matter here.  The
            # return types after ':' run to the end of the text.
            self.skip_balanced("(", ")")
            if self.peek() == ":":
                self.i = len(self.toks)
            return ("name", "function")
        if t == "(":
            inner = self.parse_type()
            self.take(")")
            return inner
        if t == "{":
            self.skip_balanced("{", "}")
            return ("name", "table")
        if t == "[":  # a tuple: [A, B]
            self.skip_balanced("[", "]")
            return ("name", "table")
        if t and t[0] in "\"'":
            return ("literal", t[1:-1])
        if t and re.match(r"-?\d+$", t):
            return ("intlit", int(t))
        if t in ("true", "false"):
            return ("name", "boolean")
        if t and re.match(r"[A-Za-z_]", t):
            if self.peek() == "<":
                self.take()
                args = [self.parse_type()]
                while self.peek() == ",":
                    self.take()
                    args.append(self.parse_type())
                self.take(">")
                if t == "table" and len(args) == 2:
                    return ("map", args[0], args[1])
                raise ValueError(f"unsupported generic '{t}<...>' in '{self.text}'")
            return ("name", t)
        raise ValueError(f"unexpected '{t}' in '{self.text}'")


def parse_type(text):
    p = Parser(text)
    t = p.parse_type()
    if p.peek() is not None:
        raise ValueError(f"trailing text after the type in '{text}'")
    return t


def read_type_prefix(text):
    """The type at the start of TEXT (a ---@return line: TYPE [name] [# ...])."""
    text = text.split(" # ", 1)[0]
    p = Parser(text)
    t = p.parse_type()
    return t, p.i


# ---------------------------------------------------------------------------
# What the probe saw
# ---------------------------------------------------------------------------


class Node:
    def __init__(self):
        self.kinds = set()
        self.children = {}   # key -> Node (records)
        self.item = None     # Node (list items)

    def child(self, key):
        if key == "[]":
            if self.item is None:
                self.item = Node()
            return self.item
        return self.children.setdefault(key, Node())


def path_parts(path):
    out = []
    for seg in path.split("."):
        base = seg.rstrip("[]")
        n = (len(seg) - len(base)) // 2
        out.append(base)
        out.extend(["[]"] * n)
    return out  # out[0] is the root name


def tree_of(lines):
    """{root: Node} from 'PATH KIND' lines."""
    roots = {}
    for path, kind in lines:
        parts = path_parts(path)
        node = roots.setdefault(parts[0], Node())
        for p in parts[1:]:
            node = node.child(p)
        node.kinds.add(kind)
    return roots


# ---------------------------------------------------------------------------
# Checking a tree against a type
# ---------------------------------------------------------------------------

SCALAR_OK = {
    "string": {"string"},
    "integer": {"integer", "number"},
    "float": {"number"},
    "boolean": {"boolean"},
    "function": {"function"},
    "null": {"waymark.Null"},
    "userdata": {"userdata", "lightuserdata"},
}


class Checker:
    def __init__(self, ann):
        self.ann = ann
        self.errors = []
        self.seen = set()      # (class, field) observed
        self.reached = set()   # classes reached by a record

    def resolve(self, t, depth=0):
        """A type -> list of alternatives, aliases expanded, nil dropped."""
        if depth > 20:
            return []
        kind = t[0]
        if kind == "union":
            out = []
            for a in t[1]:
                out.extend(self.resolve(a, depth + 1))
            return out
        if kind == "name":
            name = t[1]
            if name == "nil":
                return []
            if name in self.ann.aliases:
                return self.resolve(parse_type(self.ann.aliases[name]), depth + 1)
            if name not in self.ann.classes and name not in BUILTIN:
                self.errors.append(f"unknown type '{name}' in the annotations")
                return []
        return [t]

    def fields_of(self, cls):
        """Every field of a class and its parents: name -> (type, optional)."""
        out, todo = {}, [cls]
        while todo:
            c = todo.pop()
            info = self.ann.classes.get(c)
            if not info:
                continue
            for k, v in info["fields"].items():
                out.setdefault(k, v)
            todo.extend(info["parents"])
        return out

    def is_open(self, cls):
        info = self.ann.classes.get(cls, {})
        return info.get("open") or any(self.is_open(p) for p in info.get("parents", []))

    def check(self, node, t, where):
        alts = self.resolve(t)
        if any(a == ("name", "any") for a in alts):
            return
        for kind in sorted(node.kinds):
            if not self.kind_fits(kind, alts):
                self.errors.append(f"{where}: the host gives {kind}, annotated {show(t)}")
        if node.item is not None:
            items = [a[1] for a in alts if a[0] == "list"]
            items += [a[2] for a in alts if a[0] == "map" and a[1] == ("name", "integer")]
            if any(a == ("name", "table") for a in alts):
                items = []
            elif not items:
                self.errors.append(f"{where}: the host gives a list, annotated {show(t)}")
            else:
                self.check(node.item, ("union", items), where + "[]")
        if node.children:
            if any(a == ("name", "table") for a in alts):
                return
            maps = [a[2] for a in alts if a[0] == "map" and a[1] != ("name", "integer")]
            classes = [a[1] for a in alts if a[0] == "name" and a[1] in self.ann.classes]
            if not maps and not classes:
                self.errors.append(f"{where}: the host gives a record, annotated {show(t)}")
                return
            for c in classes:
                self.reached.add(c)
            for key, child in node.children.items():
                types = list(maps)
                for c in classes:
                    f = self.fields_of(c).get(key)
                    if f:
                        types.append(parse_type(f[0]))
                        self.seen.add((c, key))
                if not types:
                    if any(self.is_open(c) for c in classes):
                        continue
                    self.errors.append(f"{where}.{key}: the host has this field; no annotation "
                                       f"({' or '.join(classes)}) declares it")
                    continue
                self.check(child, ("union", types), f"{where}.{key}")

    def kind_fits(self, kind, alts):
        for a in alts:
            if a[0] == "name" and a[1] == "any":
                return True
            if kind in ("list", "record", "empty"):
                if a[0] in ("list", "map"):
                    if kind == "empty" or (kind == "list") == (a[0] == "list" or
                                                               a[1] == ("name", "integer")):
                        return True
                if a[0] == "name" and (a[1] == "table" or a[1] in self.ann.classes):
                    if kind != "list" or a[1] == "table":
                        return True
                continue
            if a[0] == "literal":
                if kind == "string":
                    return True
                continue
            if a[0] == "intlit":
                if kind == "integer":
                    return True
                continue
            if a[0] == "name" and a[1] in SCALAR_OK.get(kind, ()):
                return True
        return False

    def unseen_fields(self, exempt):
        out = []
        for c in sorted(self.reached):
            for f in sorted(self.fields_of(c)):
                if (c, f) not in self.seen and f"{c}.{f}" not in exempt:
                    out.append(f"{c}.{f}")
        return out


# Update classes (what a hook returns) and the plan records they update.
UPDATES = {
    "waymark.InitiativeUpdate": "waymark.PlanInitiative",
    "waymark.ObjectiveUpdate": "waymark.PlanObjective",
    "waymark.RiskUpdate": "waymark.PlanRisk",
    "waymark.TotalsUpdate": "waymark.Totals",
    "waymark.QuarterTotalsUpdate": "waymark.QuarterTotals",
    "waymark.QuarterRoleUpdate": "waymark.QuarterRole",
}

BUILTIN = {"any", "nil", "boolean", "string", "number", "integer", "function", "table",
           "userdata", "lightuserdata", "thread"}


def show(t):
    k = t[0]
    if k == "union":
        return "|".join(show(a) for a in t[1])
    if k == "list":
        return show(t[1]) + "[]"
    if k == "map":
        return f"table<{show(t[1])},{show(t[2])}>"
    if k == "literal":
        return f'"{t[1]}"'
    return str(t[1])


# ---------------------------------------------------------------------------
# Running the probe
# ---------------------------------------------------------------------------


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_gen(path, hooks, extra_keys, option_fields, types):
    """_gen.lua: the probe's plugin table, built from the annotations."""
    out = ["-- Written by check.py from plugins/_types/waymark.lua.",
           "return function(hook)", "  local hooks = {}"]
    for h in hooks:
        out.append(f"  hooks[{lua_string(h)}] = hook({lua_string(h)})")
    samples = {"number": "1.5", "integer": "2", "string": '"a"', "boolean": "true",
               "list": '{ "a" }'}
    out.append("  local config = {}")
    for t in types:
        fields = {"type": lua_string(t), "default": samples.get(t, "nil")}
        for f in option_fields:
            if f in fields:
                continue
            if f in ("min", "max"):
                if t in ("number", "integer"):
                    fields[f] = "0" if f == "min" else "100"
            elif f == "enum":
                if t == "string":
                    fields[f] = '{ "a", "b" }'
            elif f == "description":
                fields[f] = lua_string(f"a {t} option")
            else:
                fields[f] = '"?"'  # a field the host does not know: it refuses the plugin
        body = ", ".join(f"{k} = {v}" for k, v in fields.items())
        out.append(f"  config[{lua_string('opt_' + t)}] = {{ {body} }}")
    out.append('  local plugin = { name = "probe", version = "1.0.0", api_version = 1,')
    out.append('                   description = "type annotation probe", config = config,')
    out.append("                   hooks = hooks }")
    for k in extra_keys:
        out.append(f"  plugin[{lua_string(k)}] = {lua_string('probe ' + k)}")
    out.append("  return plugin")
    out.append("end")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def run_probe(waymark, work, hooks, extra_keys, option_fields, types):
    write_gen(os.path.join(work, "_gen.lua"), hooks, extra_keys, option_fields, types)
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    # No user plugin may shadow a built-in one here.
    env["XDG_DATA_HOME"] = os.path.join(work, "no-xdg")
    r = subprocess.run([waymark, "plan", "-v", "--plugin-timeout", "30", "engagement.yaml"],
                       cwd=work, env=env, capture_output=True, text=True, timeout=120)
    lines, other = [], []
    for line in r.stderr.split("\n"):
        if line.startswith("[probe] "):
            parts = line[len("[probe] "):].split(" ")
            lines.append(parts)
        elif line.strip():
            other.append(line)
    return r.returncode, lines, other


# ---------------------------------------------------------------------------
# The host's own lists, from its source
# ---------------------------------------------------------------------------


def c_list(source, pattern, what):
    m = re.search(pattern, source, re.S)
    if not m:
        raise SystemExit(f"FAIL: cannot find {what} in core/plan/plugin.c (check.py needs "
                         f"updating)")
    return re.findall(r'"([^"]*)"', m.group(1))


# ---------------------------------------------------------------------------
# .luacheckrc
# ---------------------------------------------------------------------------

LUACHECKRC_DUMP = r"""
local path = ...
local env = setmetatable({ stds = {}, files = {} }, { __index = _G })
local chunk
if setfenv then
  chunk = assert(loadfile(path))
  setfenv(chunk, env)
else
  chunk = assert(loadfile(path, "t", env))
end
chunk()
local std = env.stds and env.stds[env.std]
if not std then error("the std of .luacheckrc is not one of its stds") end
local function dump(prefix, t)
  for k, v in pairs(t) do
    local name = type(k) == "number" and v or k
    if type(name) == "string" then
      print(prefix .. name)
      if type(v) == "table" and v.fields then dump(prefix .. name .. ".", v.fields) end
    end
  end
end
for _, key in ipairs({ "read_globals", "globals" }) do
  if std[key] then dump("", std[key]) end
end
"""


def luacheckrc_names(source_dir):
    rc = os.path.join(source_dir, ".luacheckrc")
    lua = next((shutil.which(x) for x in ("lua5.1", "lua5.4", "lua5.3", "lua", "luajit")
                if shutil.which(x)), None)
    if not lua or not os.path.exists(rc):
        return None, ("no Lua interpreter" if not lua else "no .luacheckrc")
    r = subprocess.run([lua, "-", rc], input=LUACHECKRC_DUMP, capture_output=True, text=True)
    if r.returncode != 0:
        return None, f"reading .luacheckrc failed: {r.stderr.strip()}"
    return set(x for x in r.stdout.split("\n") if x), None


def check_luarc(source, ann_path, host_globals):
    """.luarc.json: Lua 5.4, the annotations' folder on workspace.library,
    `waymark` a known global, and every stock library the sandbox lacks
    disabled, so LuaLS flags `os.time()` as the host would."""
    import json
    path = os.path.join(source, ".luarc.json")
    try:
        with open(path, encoding="utf-8") as f:
            rc = json.load(f)
    except (OSError, ValueError) as e:
        return [f".luarc.json: {e}"]
    out = []
    if rc.get("runtime.version") != "Lua 5.4":
        out.append('.luarc.json: "runtime.version" must be "Lua 5.4"')
    libs = [os.path.realpath(os.path.join(source, x)) for x in rc.get("workspace.library", [])]
    if os.path.realpath(os.path.dirname(ann_path)) not in libs:
        out.append('.luarc.json: "workspace.library" does not name plugins/_types')
    for x, real in zip(rc.get("workspace.library", []), libs):
        if not os.path.exists(real):
            out.append(f'.luarc.json: "workspace.library" names {x}, which does not exist')
    if "waymark" not in rc.get("diagnostics.globals", []):
        out.append('.luarc.json: "diagnostics.globals" does not name waymark')
    builtin = rc.get("runtime.builtin", {})
    for lib in ("coroutine", "debug", "io", "os", "package", "string", "table", "math", "utf8"):
        present = lib in host_globals
        disabled = builtin.get(lib) == "disable"
        if not present and not disabled:
            out.append(f'.luarc.json: the sandbox has no {lib}; "runtime.builtin" must disable it')
        if present and disabled:
            out.append(f'.luarc.json: "runtime.builtin" disables {lib}, which plugins have')
    return out


# ---------------------------------------------------------------------------


def main():
    if len(sys.argv) != 3:
        print("usage: check.py WAYMARK SOURCE_DIR", file=sys.stderr)
        return 2
    waymark, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    ann_path = os.path.join(source, "plugins", "_types", "waymark.lua")
    ann = read_annotations(ann_path)
    problems = list(ann.problems)

    # Every type in the file must parse.
    for c, info in ann.classes.items():
        for f, (t, _) in info["fields"].items():
            try:
                parse_type(t)
            except ValueError as e:
                problems.append(f"{c}.{f}: {e}")
    for a, t in ann.aliases.items():
        try:
            parse_type(t)
        except ValueError as e:
            problems.append(f"alias {a}: {e}")

    # Every type name used must be defined (LuaLS: undefined-doc-name).
    def names_in(t):
        if t[0] == "name":
            yield t[1]
        elif t[0] == "union":
            for a in t[1]:
                yield from names_in(a)
        elif t[0] == "list":
            yield from names_in(t[1])
        elif t[0] == "map":
            yield from names_in(t[1])
            yield from names_in(t[2])

    used = []
    for c, info in ann.classes.items():
        used += [(f"{c}.{f}", t) for f, (t, _) in info["fields"].items()]
        used += [(f"{c} (parent)", p) for p in info["parents"]]
    used += [(f"alias {a}", t) for a, t in ann.aliases.items()]
    used += [(f"waymark.{v}", t) for v, t in ann.values.items()]
    for fn, info in ann.functions.items():
        for i, t in enumerate(info["returns"]):
            used.append((f"waymark.{fn} return {i + 1}", t))
        for name, t in info["params"]:
            used.append((f"waymark.{fn} param {name}", t))
    for where, t in used:
        try:
            parsed = parse_type(t) if isinstance(t, str) else t
        except ValueError:
            continue  # reported above
        for name in names_in(parsed):
            if name not in BUILTIN and name not in ann.classes and name not in ann.aliases:
                problems.append(f"{where}: unknown type '{name}'")

    # A hook's result updates the plan: each update class must name exactly
    # the fields of the plan record it updates.
    for upd, base in UPDATES.items():
        if upd not in ann.classes or base not in ann.classes:
            problems.append(f"the annotations need the classes {upd} and {base}")
            continue
        u, b = set(ann.classes[upd]["fields"]), set(ann.classes[base]["fields"])
        for f in sorted(b - u):
            problems.append(f"{upd}: no field '{f}', which {base} has")
        for f in sorted(u - b):
            problems.append(f"{upd}.{f}: {base} has no such field")

    hooks = sorted(ann.classes.get("waymark.Hooks", {}).get("fields", {}))
    plugin_keys = sorted(ann.classes.get("waymark.Plugin", {}).get("fields", {}))
    option_fields = sorted(ann.classes.get("waymark.ConfigOption", {}).get("fields", {}))
    config_types = []
    if "waymark.ConfigType" in ann.aliases:
        config_types = [a[1] for a in Checker(ann).resolve(parse_type(
            ann.aliases["waymark.ConfigType"])) if a[0] == "literal"]
    for what, got in (("waymark.Hooks fields", hooks), ("waymark.Plugin fields", plugin_keys),
                      ("waymark.ConfigOption fields", option_fields),
                      ("waymark.ConfigType values", config_types)):
        if not got:
            problems.append(f"the annotations have no {what}")
    if problems:
        print("FAIL: plugins/_types/waymark.lua cannot be read:")
        print("\n".join("  " + p for p in problems))
        return 1

    # The host's lists, from its source.
    plugin_c = open(os.path.join(source, "core", "plan", "plugin.c"), encoding="utf-8").read()
    stages_def = open(os.path.join(source, "core", "plan", "stages.def"), encoding="utf-8").read()
    host_stages = re.findall(r'^WM_STAGE\(\w+, "([^"]+)"', stages_def, re.M)
    if not host_stages:
        raise SystemExit("FAIL: cannot find the WM_STAGE rows in core/plan/stages.def (check.py "
                         "needs updating)")
    host_keys = c_list(plugin_c, r"META_KEYS\[\]\s*=\s*\{(.*?)\};", "META_KEYS")
    host_fields = c_list(plugin_c, r"SCHEMA_KEYS\[\]\s*=\s*\{(.*?)\};", "SCHEMA_KEYS")
    host_types = c_list(plugin_c, r"SCHEMA_TYPES\[\]\s*=\s*\{(.*?)\};", "SCHEMA_TYPES")
    for what, host, mine in (("hook (stage)", host_stages, hooks),
                             ("plugin table key", host_keys, plugin_keys),
                             ("config option field", host_fields, option_fields),
                             ("config option type", host_types, config_types)):
        for x in sorted(set(host) - set(mine)):
            problems.append(f"the host accepts the {what} '{x}' (core/plan); "
                            f"the annotations do not declare it")

    work = tempfile.mkdtemp(prefix="wm-types.")
    try:
        shutil.copy(os.path.join(HERE, "probe.lua"), work)
        # engagement.baseline names it: the plan gets `changes`.
        with open(os.path.join(work, "baseline.json"), "w", encoding="utf-8") as f:
            f.write('{"format": "waymark-plan/1"}\n')
        with open(os.path.join(HERE, "engagement.yaml"), encoding="utf-8") as f:
            eng = f.read()
        with open(os.path.join(work, "engagement.yaml"), "w", encoding="utf-8") as f:
            f.write(eng + "plugins: [./probe.lua]\n")
        # Run 1: every annotated hook.  The probe's prioritise and schedule
        # replace the defaults (exclusive stages), so the plan ends up
        # incomplete: only which hooks the host called counts here.
        rc1, lines1, other1 = run_probe(waymark, work, hooks, [k for k in plugin_keys if k not in (
            "name", "version", "api_version", "description", "config", "hooks")],
            option_fields, config_types)
        load_errors = [x for x in other1 if "cannot be loaded" in x or "unknown key" in x
                       or x.startswith("the plugin")]
        if load_errors or (rc1 == 3 and not lines1):
            problems.append("the host refuses the probe built from the annotations (a hook, "
                            "plugin table key or config option field it does not know):\n    "
                            + "\n    ".join(other1[:6]))
        called1 = {p[1] for p in lines1 if p[0] == "called"}
        # Run 2: the host's collecting stages only and a plain plugin table,
        # so the default method fills the whole plan and the probe sees it
        # at every stage, whatever run 1 found.
        collecting = [h for h in host_stages if h not in ("prioritise", "schedule")]
        rc2, lines2, other2 = run_probe(waymark, work, collecting, [], [], [])
        if rc2 != 0:
            problems.append(f"waymark plan with the probe exited {rc2}:\n    "
                            + "\n    ".join(other2[:10]))
        if not load_errors:
            called = called1 | {p[1] for p in lines2 if p[0] == "called"}
            for h in hooks:
                if h not in called:
                    problems.append(f"the annotated hook '{h}' was never called by the host")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if not lines2:
        print("FAIL: the probe reported nothing:")
        print("\n".join("  - " + p for p in problems))
        return 1

    # --- the waymark module ---
    host_api = {p[1]: p[2] for p in lines2 if p[0] == "waymark"}
    for name, kind in sorted(host_api.items()):
        if kind == "function" and name not in ann.functions:
            problems.append(f"waymark.{name}: the host has this function; the annotations "
                            f"have no 'function waymark.{name}(...)'")
        elif kind != "function" and name not in ann.values:
            problems.append(f"waymark.{name}: the host has this value ({kind}); the annotations "
                            f"do not declare it")
    for name in sorted(ann.functions):
        if host_api.get(name) != "function":
            problems.append(f"waymark.{name}: annotated as a function; the host has "
                            f"{host_api.get(name, 'nothing by that name')}")
    for name in sorted(ann.values):
        if name not in host_api:
            problems.append(f"waymark.{name}: annotated; the host has nothing by that name")
        elif host_api[name] == "function":
            problems.append(f"waymark.{name}: annotated as a value; the host has a function")

    chk = Checker(ann)
    for name, t in sorted(ann.values.items()):
        if name in host_api:
            n = Node()
            n.kinds.add(host_api[name])
            chk.check(n, parse_type(t), f"waymark.{name}")

    # --- what each function returns ---
    counts = {}
    for p in lines2:
        if p[0] == "count":
            if p[2] == "nosample":
                problems.append(f"waymark.{p[1]}: probe.lua has no sample call for it; add one")
            else:
                counts.setdefault(p[1], set()).add(int(p[2]))
        elif p[0] == "raises" and p[2] != "string":
            problems.append(f"waymark.{p[1]}: raised {p[2]}, not a string error")
    ret_tree = tree_of([(p[1].replace("#", "."), p[2]) for p in lines2 if p[0] == "return"])
    for fn, ns in sorted(counts.items()):
        if fn not in ann.functions:
            continue
        want = ann.functions[fn]["returns"]
        for n in sorted(ns):
            if n > len(want):
                problems.append(f"waymark.{fn}: returned {n} values; annotated {len(want)} "
                                f"(---@return lines)")
        for i in range(1, min(max(ns), len(want)) + 1):
            node = ret_tree.get(fn, Node()).children.get(str(i))
            if node is not None:
                chk.check(node, want[i - 1], f"waymark.{fn}() return #{i}")

    # --- ctx and the plan at every stage ---
    stages = [s for s in hooks]
    ctx_tree = tree_of([(p[1], p[2]) for p in lines2 if p[0] == "ctx"]).get("ctx")
    if ctx_tree is None:
        problems.append("the probe saw no ctx")
    else:
        chk.check(ctx_tree, ("name", "waymark.Ctx"), "ctx")
    plan_seen_top = set()
    for s in stages:
        # The exclusive stages' hooks ran in run 1 only.
        source_lines = lines2 if s in collecting else lines1
        tree = tree_of([(p[1], p[2]) for p in source_lines if p[0] == s]).get("plan")
        if tree is None:
            continue
        plan_seen_top |= set(tree.children)
        chk.check(tree, ("name", "waymark.Plan"), f"plan (at the {s} stage)")
    if "waymark.Plan" in ann.classes:
        for f in sorted(set(chk.fields_of("waymark.Plan")) - plan_seen_top):
            problems.append(f"plan.{f}: annotated; no stage's plan had it")

    # Optional fields the test engagement cannot show.
    exempt = set()
    unseen = chk.unseen_fields(exempt)
    for f in unseen:
        problems.append(f"{f}: annotated, but the host never gave it in this run (renamed or "
                        f"dropped? if it is real, make tests/types/engagement.yaml or "
                        f"probe.lua show it)")
    problems.extend(chk.errors)

    # --- .luacheckrc: the sandbox's globals exactly ---
    host_globals = {p[1] for p in lines2 if p[0] == "global"}
    names, why = luacheckrc_names(source)
    note = ""
    if names is None:
        note = f" (.luacheckrc not compared: {why})"
    else:
        # Lua builds with LUA_COMPAT_MATHLIB keep the old 5.2 math functions;
        # docs/plugins.md says not to rely on them, so .luacheckrc leaves
        # them out on purpose.
        compat = {"math." + f for f in ("atan2", "cosh", "frexp", "ldexp", "log10", "pow",
                                        "sinh", "tanh")}
        for g in sorted(host_globals - names - compat):
            problems.append(f".luacheckrc: the sandbox has '{g}'; the std does not allow it")
        for g in sorted(names - host_globals):
            problems.append(f".luacheckrc: the std allows '{g}'; the sandbox has no such thing")

    # --- .luarc.json: LuaLS finds the annotations, knows the sandbox ---
    problems.extend(check_luarc(source, ann_path, host_globals))

    if problems:
        print(f"FAIL: plugins/_types/waymark.lua and the host differ ({len(problems)}):")
        for p in problems:
            print("  - " + p)
        return 1
    n_fields = sum(len(c["fields"]) for c in ann.classes.values())
    print(f"ok: {len(ann.functions)} functions, {len(ann.values)} values, {len(ann.classes)} "
          f"classes ({n_fields} fields), {len(hooks)} hooks agree with the host{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
