-- The probe of the type-annotation drift test (check.py): a plugin that
-- reports, through waymark.log (shown with `waymark plan -v`), what the real
-- host gives a plugin, so check.py can compare it with
-- plugins/_types/waymark.lua.  Every line it logs is
--
--   WHAT PATH KIND
--
-- WHAT is `ctx` (once), a stage name (the plan that stage's hook received),
-- `called` (a hook the host called), `global` (the sandbox's globals and
-- library fields), `waymark` (the module), `return` (what a sample call of a
-- waymark function gave), `count` (how many values it returned) or `raises`
-- (what waymark.fail raised); PATH is dotted from the root, with `[]` for
-- "any item of a list" and `#N` for the Nth return value; KIND is boolean,
-- integer, float, string, function, null (waymark.null), userdata, list,
-- record or empty (a table with no keys, a list or a record alike).
--
-- The plugin table (which hooks it has, its extra keys, its config schema)
-- comes from _gen.lua, which check.py writes from the annotations: the
-- host refusing any of it is a drift too.

local seen = {}

local function emit(what, path, kind)
  local line = what .. " " .. path .. " " .. kind
  if not seen[line] then
    seen[line] = true
    waymark.log(line)
  end
end

local function kind_of(v)
  if v == waymark.null then return "null" end
  local t = type(v)
  if t == "number" then return math.type(v) end
  if t ~= "table" then return t end
  if next(v) == nil then return "empty" end
  local n, count = rawlen(v), 0
  for _ in next, v do count = count + 1 end
  if n > 0 and count == n then return "list" end
  return "record"
end

local function walk(what, path, v, depth)
  local kind = kind_of(v)
  emit(what, path, kind)
  if depth > 24 then return end
  if kind == "list" then
    for _, item in ipairs(v) do walk(what, path .. "[]", item, depth + 1) end
  elseif kind == "record" then
    for k, item in pairs(v) do walk(what, path .. "." .. tostring(k), item, depth + 1) end
  end
end

-- Sample calls: every waymark function the host has must have at least one
-- here, so its results can be compared with its ---@return annotations;
-- the calls of one function are merged, so together they should show every
-- field its result can have.
local samples = {
  log = { function() return waymark.log("probe", 1, {}) end },
  money = { function() return waymark.money(41818.33) end },
  round = { function() return waymark.round(1234.5678, 1) end },
  round_sig = { function() return waymark.round_sig(0.1 + 0.2) end },
  round_parts = { function() return waymark.round_parts({ 1.5, 1.5, 1.0 }) end },
  quarter = { function() return waymark.quarter("2027-Q4", 1) end },
  quarter_index = { function() return waymark.quarter_index("2027-Q1") end },
  rank = {
    function()
      return waymark.rank({ { id = "I2", tier = "should", score = 2 },
                            { id = "I1", tier = "must" } })
    end,
  },
  simulate = {
    function()
      return waymark.simulate({ efforts = { { o = 1, m = 2, p = 4, rate = 100 } }, constant = 10,
                                limits = { 250, 300 }, iterations = 200, seed = 3 })
    end,
  },
  section = {
    function()
      return waymark.section({ id = "probe", title = "Probe", after = "summary",
                               blocks = { waymark.paragraph("text") } })
    end,
  },
  heading = { function() return waymark.heading("Heading", 2) end },
  paragraph = {
    function()
      return waymark.paragraph({ "plain ", waymark.bold("b"), waymark.italic("i"),
                                 waymark.link("l", "https://example.com") })
    end,
  },
  bold = { function() return waymark.bold("b") end },
  italic = { function() return waymark.italic("i") end },
  link = { function() return waymark.link("l", "mailto:a@example.com") end },
  list = { function() return waymark.list({ "a", "b" }, true) end },
  table = {
    function()
      return waymark.table({ columns = { "Item", { title = "Amount", align = "right", width = 2 } },
                             rows = { { "a", "1" }, { "b", "2" } }, total = { "Total", "3" } })
    end,
  },
  kv = { function() return waymark.kv({ { "Key", "Value" }, { key = "K2", value = "V2" } }) end },
  callout = { function() return waymark.callout("info", "Body", "Title") end },
  chart = {
    function()
      return waymark.chart({ kind = "bar", title = "Bars",
                             data = { categories = { "a", "b" }, format = "money",
                                      series = { { name = "s", values = { 1, 2 } } } } })
    end,
    function()
      return waymark.chart({ kind = "radar",
                             data = { axes = { "a", "b", "c" }, max = 5, format = "number",
                                      series = { { name = "s", values = { 1, 2, 3 } } } } })
    end,
    function()
      return waymark.chart({ kind = "gantt",
                             data = { quarters = { "2027-Q1", "2027-Q2" },
                                      rows = { { id = "I1", label = "I1", start = "2027-Q1",
                                                 ["end"] = "2027-Q2", tier = "must",
                                                 due = "2027-Q1", was_start = "2027-Q1",
                                                 was_end = "2027-Q1" },
                                               { id = "I2", label = "I2", deps = { "I1" } } },
                                      markers = { { quarter = "2027-Q1", label = "O1" } } } })
    end,
    function()
      return waymark.chart({ kind = "heatmap",
                             data = { cells = { { likelihood = 3, impact = 4, label = "R1" } } } })
    end,
    function()
      return waymark.chart({ kind = "tiles",
                             data = { tiles = { { label = "Cost", value = "£1", note = "n",
                                                  tone = "good" } } } })
    end,
  },
  page_break = { function() return waymark.page_break() end },
}

local function probe_api()
  for name, v in pairs(waymark) do
    emit("waymark", name, kind_of(v))
    if type(v) == "function" and name ~= "fail" then
      if samples[name] then
        for _, f in ipairs(samples[name]) do
          local results = table.pack(f())
          emit("count", name, tostring(results.n))
          for i = 1, results.n do walk("return", name .. "#" .. i, results[i], 0) end
        end
      else
        emit("count", name, "nosample")
      end
    end
  end
  -- fail raises: what it raises must be a string naming this file.
  local ok, err = pcall(waymark.fail, { message = "m", path = "p" })
  emit("raises", "fail", ok and "nothing" or type(err))
  for name, v in pairs(_G) do
    emit("global", name, kind_of(v))
    if type(v) == "table" and name ~= "_G" then
      for field, x in pairs(v) do emit("global", name .. "." .. field, kind_of(x)) end
    end
  end
end

local ctx_done = false

local function hook(stage)
  return function(plan, ctx)
    emit("called", stage, "hook")
    if not ctx_done then
      ctx_done = true
      walk("ctx", "ctx", ctx, 0)
      probe_api()
    end
    walk(stage, "plan", plan, 0)
    return nil
  end
end

return require("_gen")(hook)
