-- luacheck configuration for Waymark's Lua plugins: `luacheck plugins/`
-- (run by the test lint/luacheck; Debian package lua-check).
--
-- Plugins run in the sandbox of core/plan/sandbox.c, not in stock Lua: the
-- std below is Lua 5.4's (luacheck's lua54) narrowed to exactly what the
-- sandbox leaves a plugin (docs/plugins.md, "The sandbox") plus the
-- `waymark` module, read-only.  luacheck can only add to a std, so it is
-- written out here in full; tests/types/check.py compares it with the
-- globals of a real plugin state and fails when they differ.  Using `io`,
-- `os`, `print`, `string.dump`, `math.randomseed`, ... is therefore a
-- warning here, as it is an error at run time.  The old 5.2 math functions
-- (math.atan2, math.pow, ...) that some Lua builds still have are left out
-- on purpose: plugins must not rely on them.

std = "waymark_sandbox"

stds.waymark_sandbox = {
  read_globals = {
    "_G", "_VERSION", "assert", "collectgarbage", "error", "getmetatable", "ipairs", "load",
    "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset", "require", "select",
    "setmetatable", "tonumber", "tostring", "type", "xpcall",
    string = {
      fields = {
        "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack",
        "packsize", "rep", "reverse", "sub", "unpack", "upper",
      },
    },
    table = {
      fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" },
    },
    math = {
      fields = {
        "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
        "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random", "sin",
        "sqrt", "tan", "tointeger", "type", "ult",
      },
    },
    utf8 = {
      fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" },
    },
    -- plugins/_types/waymark.lua describes each of these.
    waymark = {
      fields = {
        "null", "version", "api_version",
        "log", "fail", "money", "round", "round_sig", "round_parts", "quarter",
        "quarter_index", "rank", "simulate",
        "section", "heading", "paragraph", "bold", "italic", "link", "list", "table", "kv",
        "callout", "chart", "page_break",
      },
    },
  },
}

-- The code style: 100 columns, as .clang-format for the C side.
max_line_length = 100
