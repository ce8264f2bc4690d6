#!/usr/bin/env python3
"""check_schema.py WAYMARK SOURCE_DIR [-v] - docs/engagement.schema.json
tested against the loader (core/load/), so that the two cannot drift.

The schema is what editors with a YAML language server use to complete and
check engagement files; `waymark validate` is the authority.  This test holds
them together in six parts, each printing "ok ..." or "FAIL ...":

  schema   the file is a valid draft-07 schema; no validation keyword sits
           beside a $ref (draft-07 ignores them there); every property has a
           description.
  valid    every valid engagement in the repository (samples/, tests/method/,
           tests/oracle/cases/, tests/document/cases/, the valid cases of
           tests/diag/, the complete example of docs/engagement.md, and what
           `waymark init` writes) passes the schema AND `waymark validate`.
  diag     every bad file of tests/diag/ is rejected by `waymark validate`
           and by the schema or the YAML parser, except the cases in
           DIAG_ALLOWED, each with the reason a schema cannot say it.  A
           listed case that is now rejected fails too (stale entry).
  tables   the loader's tables, parsed from its C source with regular
           expressions (LOADER_TABLES, check_tables): the keys each mapping
           accepts and the required ones, from its table of keys
           (static const field NAME_FIELDS[] = {{"a", read_a, REQUIRED, 0},
           {"b", read_b, false, 0}, ...}, and the root's SECTIONS), the
           choices (MOSCOW,
           RECURRENCES, PRIO_METHODS), currency.c's ISO 4217 codes and names,
           the sections of playbook.extra (EXTRA_F and the X_*_F tables of
           playbook_schema.c, without their PB_FIXED keys) and the names of
           playbooks/*.yaml, each compared with the schema's properties,
           required, enum or examples; a difference fails naming the keys
           missing on either side.  A new *_FIELDS table not mapped in
           LOADER_TABLES fails too.
  dates    the date and quarter patterns against the calendar.
  probes   differential: a complete engagement (the docs example with every
           optional key added) is mutated at every place the schema
           describes - each key deleted, an unknown key added, a key the
           base leaves out added, values of the wrong shape, numbers at and
           just beyond each bound, texts blank or with a NUL, ids, quarters,
           dates, currencies and choices right and wrong (~2300 mutants) -
           and each goes to both the schema and `waymark validate`.  Their
           verdicts must agree, except where every error the loader reports
           is one no schema can express (LOADER_ONLY), or the schema is
           knowingly stricter (SCHEMA_STRICTER).  Each allowance must still
           be needed.  A mutant is written as JSON (YAML's flow style: texts
           quoted, numbers plain) and judged by the schema node of the
           changed key's parent, which is what the whole document's verdict
           comes to (checked on one mutant in 20, read back as YAML).

YAML is read the way the loader reads it (EngagementLoader): no YAML 1.1
guessing - no dates, no yes/no/on/off booleans, no octal or sexagesimal;
a plain scalar is null (~, null, empty), true/false, a number when it is a
plain decimal by engagement.md (12, -3, 12.5, .5, 1e3; not 012, +5, 1_000,
.inf), and text otherwise; mapping keys are their text; duplicate keys,
unknown tags and aliases into their own anchor are errors.  Editors read
YAML 1.2 instead, where 012 and 0x1F are numbers: the schema cannot see
how a number was spelled, so only `waymark validate` reports those.
"""
import copy
import json
import math
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover
    print(f"FAIL: {e}: install python3-jsonschema and python3-yaml (scripts/deps.sh test)")
    sys.exit(1)

# ---------------------------------------------------------------------------
# What the schema cannot express.

# Bad files of tests/diag/ that the schema (and PyYAML) accept, and why a
# schema cannot say so.  The other bad files are rejected by the schema or,
# for YAML syntax, duplicate keys, unknown tags and the like, by the parser.
DIAG_ALLOWED = {
    "too_many_aliases": "an alias-count limit is the loader's guard, not a shape",
    "tag_directive": "a %TAG directive is legal YAML; the loader refuses it",
    "format_not_first": "key order: JSON Schema has no order of properties",
    "cycle_four": "dependency cycles span initiatives",
    "cycle_two": "dependency cycles span initiatives",
    "cycle_with_self_dependency": "an initiative's depends_on naming its own id",
    "cycle_with_unknown_dependency": "dependency cycles and references span initiatives",
    "self_dependency": "an initiative's depends_on naming its own id",
    "duplicate_initiative_id": "unique ids across list items",
    "duplicate_objective_id": "unique ids across list items",
    "duplicate_risk_id": "unique ids across list items",
    "effort_optimistic_above_likely": "order within a list (optimistic <= likely <= pessimistic)",
    "unknown_dependency_ref": "a reference to an id defined elsewhere in the file",
    "unknown_effort_role": "a reference to a team role defined elsewhere in the file",
    "blocked_unknown_role": "a reference to a team role defined elsewhere in the file",
    "unknown_objective_ref": "a reference to an id defined elsewhere in the file",
    "unknown_risk_initiative": "a reference to an id defined elsewhere in the file",
    "total_cost_over_limit": "the most the engagement can cost is a sum over the whole file",
}

# Loader errors no JSON Schema can express: a mutant the schema accepts is
# fine when every error the loader reports matches one of these.
LOADER_ONLY = [
    (r"serves unknown objective|depends on unknown initiative|mitigated by unknown "
     r"initiative|has effort for unknown role|names unknown role",
     "a reference to an id defined elsewhere"),
    (r"must have optimistic <= likely <= pessimistic", "ordering within a list"),
    (r"brings the most the engagement can cost to", "a sum over the whole file"),
    (r"unknown playbook template|of template '|unknown role '.*' in playbook\.owners"
     r"|playbook\.extra(?: role |\.\w+\[|\.\w+\.\w+\[|\.omit names)",
     "the playbook template, a separate file, and the entries of playbook.extra's "
     "sections (docs/playbooks.md)"),
]

# Where the schema is knowingly stricter than the loader: (what, predicate
# on the probe's path and value, reason).
SCHEMA_STRICTER = [
    ("true/false in a text field", lambda path, v: isinstance(v, bool),
     "the loader reads a bare true/false as the text 'true'; the schema wants it "
     "quoted, so that editors do not offer true/false for every text"),
]

# The loader's key tables (core/load/engagement.c) and where each one is in
# the schema: a path of property names, [] for list items, * for the
# values of a mapping whose keys are ids.
LOADER_TABLES = {
    "SECTIONS": [""],
    "CLIENT_FIELDS": ["client"],
    "ENGAGEMENT_FIELDS": ["engagement"],
    "PERSON_FIELDS": ["engagement.prepared_by"],
    "ROLE_FIELDS": ["team.*"],
    "BUDGET_FIELDS": ["budget"],
    "PRIO_FIELDS": ["prioritisation"],
    "WEIGHT_FIELDS": ["prioritisation.weights"],
    "SCORE_FIELDS": ["initiatives.[].scores"],
    "OBJECTIVE_FIELDS": ["objectives.[]"],
    "INITIATIVE_FIELDS": ["initiatives.[]"],
    "COST_FIELDS": ["initiatives.[].costs.[]"],
    "RISK_FIELDS": ["risks.[]"],
    "DECISION_FIELDS": ["decisions.[]"],
    "BLOCK_FIELDS": ["blocked.[]"],
    "MATURITY_FIELDS": ["assessment.*"],
    "PLAYBOOK_FIELDS": ["playbook"],
    "PLUGIN_FIELDS": ["plugins.[]"],
}
LOADER_ENUMS = {
    "PRIO_METHODS": "prioritisation.method",
    "RECURRENCES": "initiatives.[].costs.[].recurring",
    "MOSCOW": "initiatives.[].moscow",
}
# Mappings whose keys are free ids (adding one is no reference).
FREE_KEY_MAPS = {"team", "assessment"}

# ---------------------------------------------------------------------------
# YAML read as the loader reads it.

NUMBER_RE = re.compile(r"^-?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
NUMBER_TAG = "tag:waymark:number"


class EngagementLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's parser when there) with the loader's scalar
    rules (see the module comment)."""

    yaml_implicit_resolvers = {}

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a scalar", key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if key_node.value in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key_node.value}'", key_node.start_mark)
            seen.add(key_node.value)
        self.flatten_mapping(node)
        return {k.value: self.construct_object(v, deep=deep) for k, v in node.value}


def _construct_number(loader, node):
    text = node.value
    if len(text) > 64:
        return text
    value = float(text)
    if not math.isfinite(value):
        return text  # 1e999: the loader refuses it as a number
    return int(text) if re.fullmatch(r"-?[0-9]+", text) else value


EngagementLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
EngagementLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), ["t", "f"])
EngagementLoader.add_implicit_resolver(NUMBER_TAG, NUMBER_RE, list("-.0123456789"))
EngagementLoader.add_implicit_resolver(
    "tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
EngagementLoader.add_constructor(NUMBER_TAG, _construct_number)


class YamlError(Exception):
    pass


def _acyclic(obj, open_ids, done):
    """Refuse a structure that contains itself (an alias inside its anchor's
    node); each shared node is walked once, so alias bombs stay cheap."""
    if isinstance(obj, (dict, list)) and id(obj) not in done:
        if id(obj) in open_ids:
            raise YamlError("an alias is inside the node it refers to")
        open_ids.add(id(obj))
        for v in obj.values() if isinstance(obj, dict) else obj:
            _acyclic(v, open_ids, done)
        open_ids.discard(id(obj))
        done.add(id(obj))


def load_yaml(data):
    """The document in `data` (bytes or text), or YamlError."""
    try:
        doc = yaml.load(data, Loader=EngagementLoader)
    except (yaml.YAMLError, RecursionError, UnicodeDecodeError, ValueError) as e:
        raise YamlError(str(e).replace("\n", " ")) from None
    _acyclic(doc, set(), set())
    return doc


def read_text(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def load_file(path):
    with open(path, "rb") as f:
        return load_yaml(f.read())


# ---------------------------------------------------------------------------
# The two judges.

class Checker:
    def __init__(self, waymark, src, tmp, verbose):
        self.waymark, self.src, self.tmp, self.verbose = waymark, src, tmp, verbose
        with open(os.path.join(src, "docs", "engagement.schema.json"), encoding="utf-8") as f:
            self.schema = json.load(f)
        self.validator = jsonschema.Draft7Validator(self.schema)
        self.env = dict(os.environ)
        self.env.setdefault("WAYMARK_DATA_DIR", src)
        self.env["XDG_DATA_HOME"] = os.path.join(tmp, "no-xdg")  # no user templates
        self.env.pop("SOURCE_DATE_EPOCH", None)
        self.failures = 0

    def fail(self, part, msg):
        self.failures += 1
        print(f"FAIL {part}: {msg}")

    def schema_errors(self, doc):
        out = []
        for e in sorted(self.validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in e.absolute_path) or "(top)"
            out.append(f"{where}: {e.message[:200]}")
        return out

    def loader(self, paths):
        """{path: list of error messages} from `waymark validate`; [] is valid."""
        result = {}
        for i in range(0, len(paths), 400):
            chunk = paths[i:i + 400]
            r = subprocess.run([self.waymark, "validate", *chunk], capture_output=True,
                               env=self.env)
            if r.returncode not in (0, 1):
                raise SystemExit(f"FAIL: waymark validate exited {r.returncode}: "
                                 f"{r.stderr.decode(errors='replace')[:500]}")
            ok = set()
            for line in r.stdout.decode(errors="replace").splitlines():
                m = re.match(r"^(.*): ok \(", line)
                if m:
                    ok.add(m.group(1))
            errors = {p: [] for p in chunk}
            for line in r.stderr.decode(errors="replace").splitlines():
                m = re.match(r"^(.*?):\d+:\d+: error: (.*)$", line)
                if m and m.group(1) in errors:
                    errors[m.group(1)].append(m.group(2))
            for p in chunk:
                if p in ok:
                    result[p] = []
                else:
                    result[p] = errors[p] or ["(rejected without a positioned error)"]
        return result


# ---------------------------------------------------------------------------
# Schema navigation.

def resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        ptr = node["$ref"]
        assert ptr.startswith("#/"), ptr
        target = schema
        for part in ptr[2:].split("/"):
            target = target[part]
        node = target
    return node


def node_at(schema, path):
    node = resolve(schema, schema)
    for part in [p for p in path.split(".") if p]:
        if part == "[]":
            node = node["items"]
        elif part == "*":
            node = node["additionalProperties"]
        else:
            node = node["properties"][part]
        node = resolve(schema, node)
    return node


def types_of(node):
    t = node.get("type", [])
    return set(t if isinstance(t, list) else [t])


# ---------------------------------------------------------------------------
# Part 1: the schema itself.

VALIDATION_KEYWORDS = {
    "type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "minLength", "maxLength", "items", "minItems", "maxItems",
    "uniqueItems", "properties", "required", "additionalProperties", "propertyNames",
    "minProperties", "maxProperties", "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
}


def check_schema_itself(c):
    part = "schema"
    try:
        jsonschema.Draft7Validator.check_schema(c.schema)
    except jsonschema.SchemaError as e:
        c.fail(part, f"not a valid draft-07 schema: {e.message}")
        return
    problems = []

    def walk(node, where):
        if isinstance(node, dict):
            if "$ref" in node:
                extra = VALIDATION_KEYWORDS & set(node)
                if extra:
                    problems.append(f"{where}: {sorted(extra)} beside $ref are ignored by draft-07")
                resolve(c.schema, node)  # must resolve
            for k, v in node.get("properties", {}).items():
                if "description" not in v:
                    problems.append(f"{where}.{k}: no description")
            for k, v in node.items():
                if k not in ("enum", "const", "default", "examples", "enumDescriptions"):
                    walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")

    walk(c.schema, "#")
    for p in problems:
        c.fail(part, p)
    if not problems:
        print("ok schema: a valid draft-07 schema; every property described")


# ---------------------------------------------------------------------------
# Part 2: every valid engagement in the repository.

def docs_example(src):
    text = read_text(os.path.join(src, "docs", "engagement.md"))
    m = re.search(r"## A complete example.*?```yaml\n(.*?)```", text, re.S)
    if not m:
        raise SystemExit("FAIL valid: no yaml block under '## A complete example' in "
                         "docs/engagement.md")
    return m.group(1)


def init_scaffolds(c):
    """Engagement files written by `waymark init` (dated, quoted client)."""
    out = []
    runs = [("leap-day", "1835481600", []),  # 2028-02-29: the date pattern's leap day
            ("year-end", "1830211200", ["--client", "O'Brien: \"Quotes\" & Søn #1",
                                        "--currency", "EUR"])]  # 2027-12-31
    for name, epoch, args in runs:
        d = os.path.join(c.tmp, "init", name)
        env = dict(c.env, SOURCE_DATE_EPOCH=epoch)
        r = subprocess.run([c.waymark, "init", d, *args], capture_output=True, env=env)
        if r.returncode != 0:
            c.fail("valid", f"waymark init {name}: exit {r.returncode}: {r.stderr.decode()}")
            continue
        out.append(os.path.join(d, "engagement.yaml"))
    return out


def diag_cases(src):
    """(name, path, expected exit, expected messages) of tests/diag/."""
    d = os.path.join(src, "tests", "diag")
    for f in sorted(os.listdir(d)):
        if not f.endswith(".expected"):
            continue
        name = f[:-len(".expected")]
        lines = read_text(os.path.join(d, f)).splitlines()
        status = int(lines[0].split()[-1])
        msgs = [m.group(1) for m in (re.match(r"^[^:]+:\d+:\d+: error: (.*)$", l) for l in lines)
                if m]
        yield name, os.path.join(d, name + ".yaml"), status, msgs


def glob(src, rel, suffix=".yaml"):
    d = os.path.join(src, rel)
    return [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(suffix)]


def check_valid(c):
    part = "valid"
    files = []
    for rel in ("samples", "tests/method", "tests/oracle/cases", "tests/document/cases"):
        files += glob(c.src, rel)
    files += [p for _, p, status, _ in diag_cases(c.src) if status == 0]
    example = os.path.join(c.tmp, "docs-complete-example.yaml")
    with open(example, "w", encoding="utf-8") as f:
        f.write(docs_example(c.src))
    files.append(example)
    files += init_scaffolds(c)
    verdicts = c.loader(files)
    bad = 0
    for p in files:
        rel = os.path.relpath(p, c.src) if p.startswith(c.src) else os.path.relpath(p, c.tmp)
        if verdicts[p]:
            bad += 1
            c.fail(part, f"{rel}: waymark validate rejects it: {verdicts[p][0]}")
        try:
            errs = c.schema_errors(load_file(p))
        except YamlError as e:
            errs = [f"YAML: {e}"]
        if errs:
            bad += 1
            c.fail(part, f"{rel}: the schema rejects a valid engagement:\n    " +
                   "\n    ".join(errs[:10]))
    if not bad:
        print(f"ok valid: {len(files)} valid engagements pass the schema and waymark validate")


# ---------------------------------------------------------------------------
# Part 3: the loader's bad files.

def check_diag(c):
    part = "diag"
    cases = [x for x in diag_cases(c.src) if x[2] != 0]
    verdicts = c.loader([p for _, p, _, _ in cases])
    counts = {"schema": 0, "yaml": 0, "allowed": 0}
    names = set()
    for name, path, _, msgs in cases:
        names.add(name)
        if not verdicts[path]:
            c.fail(part, f"{name}: the .expected says exit 1 but waymark validate accepts it")
            continue
        try:
            errs = c.schema_errors(load_file(path))
            how = "schema" if errs else None
        except YamlError as e:
            errs, how = [str(e)], "yaml"
        if how and name in DIAG_ALLOWED:
            c.fail(part, f"{name}: now rejected ({how}: {errs[0]}); remove it from DIAG_ALLOWED")
        elif how:
            counts[how] += 1
            if c.verbose:
                print(f"  {name}: rejected by the {how}: {errs[0]}")
        elif name in DIAG_ALLOWED:
            counts["allowed"] += 1
            if c.verbose:
                print(f"  {name}: accepted by the schema: {DIAG_ALLOWED[name]}")
        else:
            c.fail(part, f"{name}: the schema accepts it; the loader says: "
                   f"{msgs[0] if msgs else verdicts[path][0]}")
    for name in sorted(set(DIAG_ALLOWED) - names):
        c.fail(part, f"DIAG_ALLOWED names '{name}', which is not a bad case in tests/diag")
    print(f"ok diag: {len(cases)} bad files: {counts['schema']} rejected by the schema, "
          f"{counts['yaml']} by the YAML parser, {counts['allowed']} allowed "
          f"(not expressible: DIAG_ALLOWED)")


# ---------------------------------------------------------------------------
# Part 4: the loader's tables against the schema.

def c_tables(text):
    """{NAME: [strings]} of `static const char *const NAME[] = {...};`."""
    out = {}
    for name, body in re.findall(
            r"static\s+const\s+char\s*\*\s*const\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\};", text, re.S):
        out[name] = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    return out


def c_key_tables(text):
    """{NAME: [(key, required)]} of engagement.c's tables of keys:
    `static const field NAME[] = {{"key", read, REQUIRED, 0}, ...};` and the
    root's `static const section SECTIONS[] = {{"key", load, REQUIRED, ...}}`."""
    out = {}
    for name, body in re.findall(
            r"static\s+const\s+(?:field|section)\s+(\w+)\s*\[\]\s*=\s*\{(.*?)\};", text, re.S):
        out[name] = [(k, req == "REQUIRED")
                     for k, req in re.findall(r'\{\s*"(\w+)"\s*,\s*\w+\s*,\s*(\w+)', body)]
    return out


def check_tables(c):
    part = "tables"
    src = read_text(os.path.join(c.src, "core", "load", "engagement.c"))
    tables = c_tables(src)
    key_tables = c_key_tables(src)
    bad = 0

    def diff(what, loader, schema):
        nonlocal bad
        only_l, only_s = sorted(set(loader) - set(schema)), sorted(set(schema) - set(loader))
        if only_l or only_s:
            bad += 1
            msg = f"{what}:"
            if only_l:
                msg += f" the loader has {only_l}, the schema does not;"
            if only_s:
                msg += f" the schema has {only_s}, the loader does not;"
            c.fail(part, msg.rstrip(";"))

    for name in sorted(key_tables):
        if name not in LOADER_TABLES:
            bad += 1
            c.fail(part, f"engagement.c has a new key table {name}: map it in LOADER_TABLES "
                   "and describe its keys in the schema")
    for name, paths in LOADER_TABLES.items():
        if name not in key_tables:
            bad += 1
            c.fail(part, f"engagement.c no longer has {name}: update LOADER_TABLES")
            continue
        for path in paths:
            node = node_at(c.schema, path)
            diff(f"keys of {path or 'the top level'} ({name})", [k for k, _ in key_tables[name]],
                 node.get("properties", {}))
            if node.get("additionalProperties") is not False:
                bad += 1
                c.fail(part, f"{path or 'the top level'}: the loader rejects unknown keys; "
                       "the schema needs additionalProperties: false")

    # Required keys: those marked REQUIRED in each table.
    required = {name: [k for k, req in keys if req] for name, keys in key_tables.items()}
    if "SECTIONS" not in key_tables or "missing the required key 'format'" not in src:
        bad += 1
        c.fail(part, "cannot find the root's required sections in engagement.c")
    for name, paths in LOADER_TABLES.items():
        for path in paths:  # a table without a wm_require_keys call has none
            diff(f"required keys of {path or 'the top level'} ({name})", required.get(name, []),
                 node_at(c.schema, path).get("required", []))

    for name, path in LOADER_ENUMS.items():
        node = node_at(c.schema, path)
        diff(f"choices of {path} ({name})", tables.get(name, []),
             [v for v in node.get("enum", []) if v is not None])

    cur = read_text(os.path.join(c.src, "core", "load", "currency.c"))
    block = cur[cur.index("currencies[] = {"):]
    block = block[:block.index("};")]
    codes, names = [], []
    for line in block.splitlines():
        lits = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        if len(lits) >= 2 and re.fullmatch(r"[A-Z]{3}", lits[0]):
            codes.append(lits[0])
            names.append(lits[-1])
    node = node_at(c.schema, "engagement.currency")
    diff("currency codes (currency.c)", codes, node.get("enum", []))
    if len(codes) < 150 or node.get("enumDescriptions") != names or node.get("enum") != codes:
        bad += 1
        c.fail(part, "engagement.currency: enum and enumDescriptions must be currency.c's "
               "codes and names, in its order")

    # playbook.extra's sections: EXTRA_F of playbook_schema.c, without the
    # keys extra cannot change (PB_FIXED), and one level into the sections
    # that are mappings of their own (X_CONTROLS_F, X_RACI_F, ...).
    pb = read_text(os.path.join(c.src, "core", "load", "playbook_schema.c"))
    pb_fields = {
        name: re.findall(r"\b(?:OPT|OSUB|REQ|SUB)\(\"(\w+)\",\s*(PB_\w+)(?:,\s*(\w+))?\)", body)
        for name, body in re.findall(r"pb_field\s+(\w+)\[\]\s*=\s*\{(.*?)\};", pb, re.S)}
    pb_kinds = dict(re.findall(r"pb_kind\s+(\w+)\s*=\s*\{\s*\"[^\"]*\",\s*\"[^\"]*\",\s*(\w+)",
                               pb))
    want_type = {"PB_LIST": "array", "PB_OMIT": "array", "PB_OBJECT": "object",
                 "PB_KEYMAP": "object"}

    def extra_level(fields_name, path):
        nonlocal bad
        fields = pb_fields.get(fields_name)
        if not fields:
            bad += 1
            c.fail(part, f"cannot find {fields_name} in playbook_schema.c")
            return
        node = node_at(c.schema, path)
        props = node.get("properties", {})
        sections = {k: (t, sub) for k, t, sub in fields if t != "PB_FIXED"}
        diff(f"keys of {path} ({fields_name})", sections, props)
        if node.get("additionalProperties") is not False:
            bad += 1
            c.fail(part, f"{path}: the loader rejects unknown keys; the schema needs "
                   "additionalProperties: false")
        for k, (t, sub) in sections.items():
            got = types_of(resolve(c.schema, props.get(k, {})))
            if k in props and want_type.get(t) not in got:
                bad += 1
                c.fail(part, f"{path}.{k} is a {t} in the loader: the schema's type should "
                       f"be {want_type.get(t)}, not {sorted(got)}")
            if t == "PB_OBJECT" and k in props:
                extra_level(pb_kinds.get(sub, "?"), f"{path}.{k}")

    extra_level("EXTRA_F", "playbook.extra")

    templates = sorted(f[:-5] for f in os.listdir(os.path.join(c.src, "playbooks"))
                       if f.endswith(".yaml"))
    diff("playbook.template examples (playbooks/)", templates,
         node_at(c.schema, "playbook")["properties"]["template"].get("examples", []))
    if not bad:
        print(f"ok tables: {len(LOADER_TABLES)} key tables, their required keys, "
              f"{len(LOADER_ENUMS)} choices, {len(codes)} currencies and playbook.extra's "
              "sections agree with the schema")


# ---------------------------------------------------------------------------
# Part 5: differential probes.

COMMON_PROBES = [None, {}, {"zz": "v"}, [], ["x"], "x", "", 1, True]
LIST_PROBES = [[1, 2, 3], [0, 0, 0], [3, 2, 1], [1, 2], [1, 2, 3, 4], [-1, 0, 1], [1, "x", 3],
               ["a", "b"], ["a", "a"], [None], [""], ["a b"], [{"k": "v"}]]
TEXT_PROBES = [" ", "\t", "\n", "a\x00b", "a b", "Zoë", "x" * 300]
ID_PROBES = ["a/b", "é", "x" * 64, "x" * 65, "A.b_c-9", "012"]
QUARTER_PROBES = ["2027-Q1", "2027-Q4", "2027-Q5", "2027-Q0", "2027Q1", "Q1-2027", "2027-q1",
                  "0999-Q1", "1000-Q1", "9999-Q4", "27-Q1", "2026-11-20"]
DATE_PROBES = ["2026-11-20", "2028-02-29", "2027-02-29", "2000-02-29", "1900-02-29",
               "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-01", "20/11/2026",
               "0999-12-31", "1000-01-01", "2027-Q1"]
CURRENCY_PROBES = ["GBP", "EUR", "USD", "JPY", "gbp", "GPB", "XTS", "XXX", "£", "GBPX"]
KEY_PROBES = ["a b", "é", "x" * 65, "ok_key"]


def probe_base(src):
    """The docs example, with every optional key the example leaves out."""
    doc = load_yaml(docs_example(src).encode())
    doc["client"]["logo"] = "assets/northwind.png"
    doc["engagement"]["brand"] = "../brands/keel.yaml"
    doc["prioritisation"]["weights"].update({"reach": 1, "impact": 1, "confidence": 1})
    doc["plugins"] = ["./plugins/ai_readiness.lua",
                      {"name": "prioritise/rice", "config": {"days_per_month": 21}}]
    first_role = next(iter(doc["team"]))
    doc["blocked"] = [{"quarters": [doc["engagement"]["start"]], "go_live": True,
                       "roles": [first_role], "reason": "Peak season"}]
    doc["playbook"]["extra"] = {"locations": {"wiki": "Confluence, space NW"},
                                "controls": {}, "raci": {}, "vendors": {}, "plan_30_60_90": {}}
    return doc


def schema_paths(schema, node=None, path=""):
    """Every property path of the schema (for coverage)."""
    node = resolve(schema, node if node is not None else schema)
    out = set()
    for k, v in node.get("properties", {}).items():
        p = f"{path}.{k}" if path else k
        out.add(p)
        out |= schema_paths(schema, v, p)
    if isinstance(node.get("items"), dict):
        out |= schema_paths(schema, node["items"], f"{path}.[]")
    if isinstance(node.get("additionalProperties"), dict):
        out |= schema_paths(schema, node["additionalProperties"], f"{path}.*")
    return out


def number_probes(node):
    """Each bound, just inside and outside it, and a fraction for whole numbers."""
    lo = node.get("minimum", node.get("exclusiveMinimum"))
    hi = node.get("maximum")
    vals = [-1, 0, 1, 0.5, 1e6, "650"]
    for b in (lo, hi):
        if b is not None:
            vals += [b, b - 1, b - 0.5, b - 0.001, b + 0.001, b + 0.5, b + 1, float(b)]
    return vals


def probes_for(schema, node):
    node = resolve(schema, node)
    types = types_of(node)
    vals = list(COMMON_PROBES)
    if types & {"number", "integer"}:
        vals += number_probes(node)
    if "array" in types:
        vals += LIST_PROBES
    pattern = node.get("pattern", "")
    defs = schema["definitions"]
    if "string" in types or "const" in node:
        vals += TEXT_PROBES
        if pattern == defs["id"]["pattern"]:
            vals += ID_PROBES
        if pattern == defs["quarter"]["pattern"]:
            vals += QUARTER_PROBES
        if pattern == node_at(schema, "engagement.date").get("pattern"):
            vals += DATE_PROBES
        if len(node.get("enum", [])) > 20:
            vals += CURRENCY_PROBES
        elif "enum" in node or "const" in node:
            choices = [v for v in node.get("enum", [node.get("const")]) if v is not None]
            vals += choices + [v.upper() for v in choices] + [v + "s" for v in choices]
    out = []
    for v in vals:  # once each (1 and 1.0 and True are distinct probes)
        if not any(type(v) is type(w) and v == w for w in out):
            out.append(v)
    return out


class _Delete:
    def __repr__(self):
        return "<deleted>"


DELETE = _Delete()


def mutants(schema, base):
    """(label, path, value) triples: the probes of each schema path, at its
    first place in `base`; DELETE removes the key at `path`."""
    seen = set()
    out = []

    def walk(node, value, path, spath):
        node = resolve(schema, node)
        if path and spath not in seen:
            seen.add(spath)
            out.extend((spath, path, v) for v in probes_for(schema, node))
        if isinstance(value, dict):
            props = node.get("properties", {})
            if props and ("#keys", spath) not in seen:
                seen.add(("#keys", spath))
                out.extend((f"{spath} (delete)", path + [k], DELETE) for k in value)
                out.append((f"{spath} (unknown key)", path + ["zz_unknown"], 1))
                for k in props:  # a key the base leaves out: probed by adding it
                    sp = f"{spath}.{k}" if spath else k
                    if k not in value and sp not in seen:
                        seen.add(sp)
                        out.extend((sp, path + [k], v) for v in probes_for(schema, props[k]))
            extra = node.get("additionalProperties")
            if isinstance(extra, dict) and value:
                if ("#names", spath) not in seen:
                    seen.add(("#names", spath))
                    first = value[next(iter(value))]
                    out.extend((f"{spath} (key name)", path + [name], first)
                               for name in KEY_PROBES
                               if name != "ok_key" or spath in FREE_KEY_MAPS)
                for k, v in value.items():
                    walk(extra, v, path + [k], f"{spath}.*")
            for k, v in value.items():
                if k in props:
                    walk(props[k], v, path + [k], f"{spath}.{k}" if spath else k)
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for i, v in enumerate(value):
                walk(node["items"], v, path + [i], f"{spath}.[]")

    walk(schema, base, [], "")
    return out


def apply(base, path, value):
    """`base` with `value` at `path`, copying only the nodes on the path."""
    doc = copy.copy(base)
    target = doc
    for p in path[:-1]:
        target[p] = copy.copy(target[p])
        target = target[p]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = copy.deepcopy(value)
    return doc


def sub_validator(c, path, cache):
    """A validator for the schema node at `path` (a path into the document),
    with the definitions it refers to: the schema has no constraint between
    distant nodes, so the parent of a change decides the verdict."""
    node, key = c.schema, []
    for p in path:
        node = resolve(c.schema, node)
        if isinstance(p, int):
            node, key = node["items"], key + ["[]"]
        elif p in node.get("properties", {}):
            node, key = node["properties"][p], key + [p]
        else:
            node, key = node["additionalProperties"], key + ["*"]
    k = ".".join(key)
    if k not in cache:
        sub = dict(resolve(c.schema, node))
        sub["definitions"] = c.schema["definitions"]
        cache[k] = jsonschema.Draft7Validator(sub)
    return cache[k]


def get(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def check_probes(c):
    part = "probes"
    base = probe_base(c.src)
    # Every key the schema describes is in the base, or its parent is (then it
    # is probed by adding it: the sections of playbook.extra).
    for p in sorted(p for p in schema_paths(c.schema)
                    if not _covered(base, p.split(".")[:-1])):
        c.fail(part, f"the probe base has no {p.rsplit('.', 1)[0]}: add it in probe_base()")
    muts = mutants(c.schema, base)
    d = os.path.join(c.tmp, "probes")
    os.makedirs(d)
    # Each mutant is written as JSON, which is YAML in flow style: every text
    # quoted, every number plain, so the loader reads exactly the values the
    # schema is given (checked below on a sample, through EngagementLoader).
    files, verdicts, cache = [], [], {}
    for i, (label, path, value) in enumerate(muts):
        doc = apply(base, path, value)
        text = json.dumps(doc, ensure_ascii=False)
        fp = os.path.join(d, f"m{i:05d}.yaml")
        with open(fp, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        files.append(fp)
        parent = path[:-1]
        ok = sub_validator(c, parent, cache).is_valid(get(doc, parent))
        if i % 20 == 0:  # the sample: the whole document, read back as YAML
            try:
                same = load_yaml(text.encode()) == doc
                whole = c.validator.is_valid(doc)
            except YamlError:
                same, whole = False, None
            if not same or whole != ok:
                c.fail(part, f"{label}: reading back or the parent's verdict differs "
                       f"({os.path.basename(fp)})")
        verdicts.append(ok)
    base_path = os.path.join(d, "base.yaml")
    with open(base_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(base, ensure_ascii=False) + "\n")
    loader = c.loader(files + [base_path])
    if loader[base_path] or c.schema_errors(base):
        c.fail(part, f"the probe base is not valid: {loader[base_path] or c.schema_errors(base)}")
        return
    used_loader_only, used_stricter = set(), set()
    agree = {"accepted": 0, "rejected": 0}
    for (label, path, value), fp, ok in zip(muts, files, verdicts):
        l_errs = loader[fp]
        if ok == (not l_errs):
            agree["accepted" if ok else "rejected"] += 1
            continue
        shown = f"{label}: {'/'.join(map(str, path))} = {value!r:.80}"
        if l_errs:  # the schema accepts what the loader rejects
            reasons = [next((why for rx, why in LOADER_ONLY if re.search(rx, e)), None)
                       for e in l_errs]
            if all(reasons):
                used_loader_only |= set(reasons)
                if c.verbose:
                    print(f"  loader only ({reasons[0]}): {shown}")
                continue
            c.fail(part, f"{shown}: the schema accepts it, waymark validate says: "
                   f"{l_errs[0]} ({os.path.basename(fp)})")
        else:  # the schema rejects what the loader accepts
            why = next((r for what, pred, r in SCHEMA_STRICTER if pred(path, value)), None)
            if why:
                used_stricter.add(why)
                continue
            errs = c.schema_errors(apply(base, path, value))
            c.fail(part, f"{shown}: waymark validate accepts it, the schema says: "
                   f"{errs[0] if errs else '?'} ({os.path.basename(fp)})")
    for _, why in LOADER_ONLY:
        if why not in used_loader_only:
            c.fail(part, f"LOADER_ONLY '{why}' was never needed: remove it")
    for what, _, why in SCHEMA_STRICTER:
        if why not in used_stricter:
            c.fail(part, f"SCHEMA_STRICTER '{what}' was never needed: remove it")
    print(f"ok probes: {len(muts)} mutants: {agree['accepted']} accepted and "
          f"{agree['rejected']} rejected by both the schema and waymark validate; "
          f"{len(muts) - agree['accepted'] - agree['rejected']} rejected by the loader "
          f"only, for {len(used_loader_only)} reasons a schema cannot express (LOADER_ONLY)")


def _covered(doc, parts):
    if not parts:
        return True
    head, rest = parts[0], parts[1:]
    if head == "[]":
        return isinstance(doc, list) and any(_covered(x, rest) for x in doc)
    if head == "*":
        return isinstance(doc, dict) and any(_covered(x, rest) for x in doc.values())
    return isinstance(doc, dict) and head in doc and _covered(doc[head], rest)


# ---------------------------------------------------------------------------
# Part 6: the date pattern against the calendar (wm_parse_date's rules).

def check_date_pattern(c):
    part = "dates"
    rx = re.compile(node_at(c.schema, "engagement.date")["pattern"])
    rq = re.compile(c.schema["definitions"]["quarter"]["pattern"])
    bad = 0
    n = 0
    for y in (0, 999, 1000, 1004, 1100, 1200, 1582, 1600, 1700, 1900, 1996, 2000, 2023, 2024,
              2025, 2026, 2028, 2100, 2400, 2500, 9996, 9999):
        leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
        for mth in range(0, 14):
            for day in range(0, 33):
                s = f"{y:04d}-{mth:02d}-{day:02d}"
                mdays = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                want = y >= 1000 and 1 <= mth <= 12 and 1 <= day <= mdays[mth - 1]
                n += 1
                if bool(rx.search(s)) != want:
                    bad += 1
                    c.fail(part, f"the date pattern says {not want} for {s}")
        for q in range(0, 6):
            s = f"{y:04d}-Q{q}"
            if bool(rq.search(s)) != (y >= 1000 and 1 <= q <= 4):
                bad += 1
                c.fail(part, f"the quarter pattern is wrong for {s}")
    if not bad:
        print(f"ok dates: the date and quarter patterns agree with the calendar on {n} dates")


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    if len(args) != 2:
        print(__doc__.split("\n\n")[0])
        return 2
    waymark, src = os.path.abspath(args[0]), os.path.abspath(args[1])
    with tempfile.TemporaryDirectory(prefix="wm-schema-") as tmp:
        c = Checker(waymark, src, tmp, "-v" in sys.argv[1:])
        check_schema_itself(c)
        check_valid(c)
        check_diag(c)
        check_tables(c)
        check_date_pattern(c)
        check_probes(c)
    if c.failures:
        print(f"{c.failures} failure(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
