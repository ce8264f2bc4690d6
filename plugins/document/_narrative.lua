-- The consultant's own words (engagement `narrative:`, docs/narrative.md) as
-- document blocks (a module for require, not a plugin).
--
-- The host has parsed the markup and checked every placeholder against its
-- one table of names (core/load/narrative.c): ctx.engagement.narrative holds
-- paragraph and list blocks whose runs are text, or a placeholder with the
-- `source` of its value in the plan ("totals.cost",
-- "initiatives[I3].end", "scenarios[S2].plan.totals.p80", "quarters[#-1]")
-- and the `format` that shows it: the name of a function of _fmt.lua, so a
-- figure in the words reads exactly as the same figure in the tables.

local fmt = require("_fmt")

local M = {}

-- The formats a placeholder may name, each a function of _fmt.lua.
local FORMATS = {
  money = fmt.money, money_abs = fmt.money_abs, pct = fmt.pct, count = fmt.count,
  days = fmt.days, quarter = fmt.quarter, text = fmt.text, tier = fmt.tier, band = fmt.band,
}

-- A list's records by id, indexed once per list, so that filling many
-- placeholders costs one pass over each list rather than one per placeholder.
local indexes = setmetatable({}, { __mode = "k" })
local function by_id(list)
  local index = indexes[list]
  if not index then
    index = {}
    for _, item in ipairs(list) do
      if type(item) == "table" and item.id ~= nil and index[item.id] == nil then
        index[item.id] = item
      end
    end
    indexes[list] = index
  end
  return index
end

-- The value at `source` in the plan: keys joined by ".", a list's record
-- picked by its id in brackets ("initiatives[I3]"), or by its place
-- ("quarters[#1]", "[#-1]" the last).  nil when anything on the way is missing.
function M.lookup(plan, source)
  local v, pos = plan, 1
  while pos <= #source do
    local key, after = source:match("^([%w_]+)()", pos)
    if not key or type(v) ~= "table" then return nil end
    v, pos = v[key], after
    if source:sub(pos, pos) == "[" then
      local close = source:find("]", pos, true)
      if not close or type(v) ~= "table" then return nil end
      local sel = source:sub(pos + 1, close - 1)
      pos = close + 1
      local at = sel:match("^#(%-?%d+)$")
      if at then
        local i = math.tointeger(tonumber(at))
        v = v[i < 0 and #v + 1 + i or i]
      else
        v = by_id(v)[sel]
      end
    end
    if source:sub(pos, pos) == "." then pos = pos + 1 end
  end
  return v
end

-- A placeholder's text: its value formatted as its row says.
function M.value(plan, run)
  local format = FORMATS[run.format]
  if not format then
    error("placeholder {{" .. tostring(run.placeholder) .. "}}: unknown format "
      .. tostring(run.format), 0)
  end
  return format(M.lookup(plan, run.source))
end

-- Runs with their placeholders filled in.
function M.runs(plan, runs)
  local out = {}
  for i, r in ipairs(runs) do
    if r.placeholder then
      out[i] = { text = M.value(plan, r), bold = r.bold, italic = r.italic }
    else
      out[i] = { text = r.text, bold = r.bold, italic = r.italic, link = r.link }
    end
  end
  return out
end

-- Parsed blocks as the document's paragraphs and lists.
function M.blocks(plan, blocks)
  local out = {}
  for i, b in ipairs(blocks or {}) do
    if b.type == "list" then
      local items = {}
      for k, item in ipairs(b.items) do items[k] = M.runs(plan, item) end
      out[i] = waymark.list(items, b.numbered)
    else
      out[i] = waymark.paragraph(M.runs(plan, b.text))
    end
  end
  return out
end

local function narrative(f)
  local n = f.eng.narrative
  return type(n) == "table" and n or {}
end

-- The note for section `id`, as blocks ({} without one).
function M.note(f, id)
  return M.blocks(f.plan, (narrative(f).notes or {})[id])
end

-- The recommendations as one numbered list's items ({} without any).
function M.recommendations(f)
  local items = {}
  for i, runs in ipairs(narrative(f).recommendations or {}) do
    items[i] = M.runs(f.plan, runs)
  end
  return items
end

-- ---- The summary, split between the dashboard and the Executive summary ----

-- Characters of the summary the dashboard shows at most (with its note):
-- about four lines, which the one page holds with every other list full
-- but one row shorter (_dashboard.lua; tests/render/pagination.py).
M.DASHBOARD_CHARS = 360

local function runs_length(runs)
  local n = 0
  for _, r in ipairs(runs) do n = n + (utf8.len(r.text) or #r.text) end
  return n
end

local function block_length(b)
  if b.type == "list" then
    local n = 0
    for _, item in ipairs(b.items) do n = n + runs_length(item) end
    return n
  end
  return runs_length(b.text)
end

-- Runs cut after at most `max` characters, at a space: the head and the
-- tail, or nil when no space comes early enough to cut at.
local function cut_runs(runs, max)
  local head, tail, used = {}, {}, 0
  for i, r in ipairs(runs) do
    local len = utf8.len(r.text) or #r.text
    if used + len <= max then
      head[#head + 1] = r
      used = used + len
    else
      local limit = utf8.offset(r.text, max - used + 1) or (#r.text + 1)
      local at = r.text:sub(1, limit - 1):match("^.*()%s")
      if at and not r.link and at > 1 then
        head[#head + 1] = { text = r.text:sub(1, at - 1), bold = r.bold, italic = r.italic }
        tail[1] = { text = r.text:sub(at + 1), bold = r.bold, italic = r.italic }
      else
        tail[1] = r
      end
      if #head == 0 then return nil end
      for k = i + 1, #runs do tail[#tail + 1] = runs[k] end
      return head, tail
    end
  end
  return head, tail
end

-- The dashboard's note and then the summary (placeholders filled), split
-- in two: what the dashboard shows, whole blocks up to `max` characters
-- (the first paragraph that does not fit cut at a space, with an ellipsis
-- at both ends of the cut, when CUT_MIN characters of room are left), and
-- the rest, with which Decisions and recommendations opens.
local CUT_MIN = 80
function M.summary_split(f, max)
  local n = narrative(f)
  local parsed = {}
  for _, b in ipairs((n.notes or {}).dashboard or {}) do parsed[#parsed + 1] = b end
  for _, b in ipairs(n.summary or {}) do parsed[#parsed + 1] = b end
  local blocks = {}
  for i, b in ipairs(parsed) do
    if b.type == "list" then
      local items = {}
      for k, item in ipairs(b.items) do items[k] = M.runs(f.plan, item) end
      blocks[i] = { type = "list", numbered = b.numbered, items = items }
    else
      blocks[i] = { type = "paragraph", text = M.runs(f.plan, b.text) }
    end
  end
  local shown, rest, used = {}, {}, 0
  for _, b in ipairs(blocks) do
    local len = block_length(b)
    if #rest == 0 and used + len <= max then
      shown[#shown + 1] = b
      used = used + len
    elseif #rest == 0 and b.type == "paragraph" and max - used >= CUT_MIN then
      local head, tail = cut_runs(b.text, max - used)
      if head then
        head[#head + 1] = { text = "…" }
        table.insert(tail, 1, { text = "…" })
        shown[#shown + 1] = { type = "paragraph", text = head }
        rest[1] = { type = "paragraph", text = tail }
      else
        rest[1] = b
      end
    else
      rest[#rest + 1] = b
    end
  end
  -- The dashboard says where the rest is, after its last paragraph (or
  -- on a line of its own after a list).
  if #rest > 0 then
    local last = shown[#shown]
    local more = { text = "The summary continues in Decisions and recommendations.", italic = true }
    if last and last.type == "paragraph" then
      last.text[#last.text + 1] = { text = " " }
      last.text[#last.text + 1] = more
    else
      shown[#shown + 1] = { type = "paragraph", text = { more } }
    end
  end
  local function made(list)
    local out = {}
    for i, b in ipairs(list) do
      out[i] = b.type == "list" and waymark.list(b.items, b.numbered) or waymark.paragraph(b.text)
    end
    return out
  end
  return made(shown), made(rest)
end

return M
