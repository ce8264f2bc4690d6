-- Roadmap: a Gantt chart of the scheduled initiatives in rank order, over
-- the quarters that hold work (dependency marks; objective deadlines as
-- markers; a bar that ends after its objective's deadline marked late), the
-- deferred initiatives counted after it (the appendix lists them), and a
-- Now / Next / Later summary by start quarter.

local fmt = require("_fmt")
local facts = require("_facts")

local M = {}

-- Initiatives named in each of Now, Next and Later: all of them up to
-- LIST_ALL, otherwise the first LIST_MAX and a count of the rest.
local LIST_ALL, LIST_MAX = 15, 12

-- The quarters the chart shows.  A horizon of up to SHOWN_MIN quarters is
-- shown whole; a longer one from the first start to the last end of the
-- scheduled work, widened to SHOWN_MIN quarters (later ones first), so
-- that 40 quarters with work in the first few do not squeeze the bars into
-- the first columns.
local SHOWN_MIN = 8

local function span(f)
  if f.nq <= SHOWN_MIN or not f.first_i then return 1, f.nq end
  local first, last = f.first_i, f.last_i
  while last - first + 1 < SHOWN_MIN do
    if last < f.nq then last = last + 1 else first = first - 1 end
  end
  return first, last
end

-- The earliest deadline of the objectives an initiative serves, or nil.
local function due_of(f, id, deadline)
  local e = f.eng_ini[id]
  local due
  for _, oid in ipairs(e and facts.list(e.objectives) or {}) do
    local d = deadline[oid]
    if d and (not due or d < due) then due = d end
  end
  return due
end

local function gantt(f)
  local in_chart = {}
  for _, p in ipairs(f.scheduled) do in_chart[p.id] = true end
  local deadline = {}
  for _, o in ipairs(f.objectives) do
    if type(o.deadline) == "string" and o.id then deadline[o.id] = o.deadline end
  end
  -- With a baseline, where each moved initiative was: its old quarters
  -- (drawn as an outline behind the bar; docs/diff.md).
  local was = {}
  local changes = f.plan.changes
  for _, c in ipairs(type(changes) == "table" and type(changes.initiatives) == "table"
                     and changes.initiatives or {}) do
    if c.move == "later" or c.move == "earlier" then
      local s, e = c.start, c["end"]
      for _, x in ipairs(c.changes or {}) do
        if x.field == "start" then s = x.old end
        if x.field == "end" then e = x.old end
      end
      if type(s) == "string" and type(e) == "string" then was[c.id] = { s, e } end
    end
  end
  local function row(p)
    local r = { id = p.id, label = fmt.text(p.id) .. " " .. fmt.text(p.title),
                start = p.start, ["end"] = p["end"], due = due_of(f, p.id, deadline) }
    if type(p.tier) == "string" then r.tier = p.tier end
    if was[p.id] then r.was_start, r.was_end = was[p.id][1], was[p.id][2] end
    local deps = {}
    local e = f.eng_ini[p.id]
    for _, d in ipairs(e and e.depends_on or {}) do
      if in_chart[d] then deps[#deps + 1] = d end
    end
    if #deps > 0 then r.deps = deps end
    return r
  end
  local rows = {}
  for _, p in ipairs(f.scheduled) do rows[#rows + 1] = row(p) end

  -- Deadlines in the quarters shown, one marker per quarter.
  local first, last = span(f)
  local quarters = {}
  for i = first, last do quarters[#quarters + 1] = f.quarters[i] end
  local ids_at = {}
  for _, o in ipairs(f.objectives) do
    local i = o.deadline and f.qi[o.deadline]
    if i and i >= first and i <= last then
      ids_at[o.deadline] = ids_at[o.deadline] or {}
      table.insert(ids_at[o.deadline], fmt.text(o.id))
    end
  end
  local markers = {}
  for _, q in ipairs(quarters) do
    local ids = ids_at[q]
    if ids then
      local label
      if #ids == 1 then
        label = ids[1] .. " deadline"
      elseif #ids <= 3 then
        label = table.concat(ids, ", ") .. " deadlines"
      else
        label = fmt.count(#ids) .. " deadlines"
      end
      markers[#markers + 1] = { quarter = q, label = label }
    end
  end
  local data = { quarters = quarters, rows = rows }
  if #markers > 0 then data.markers = markers end
  return waymark.chart { kind = "gantt", title = "Roadmap by quarter", data = data }
end

-- The note under the chart when it shows fewer quarters than the horizon.
local function crop_note(f)
  local first, last = span(f)
  if first == 1 and last == f.nq then return nil end
  return waymark.paragraph("The chart shows " .. fmt.quarters_words(f.quarters[first],
    f.quarters[last]) .. " (" .. fmt.plural(last - first + 1, "quarter") .. "), the quarters "
    .. "that hold scheduled work; the horizon runs " .. facts.horizon_words(f) .. ".")
end

-- The engagement's blocked quarters (method.md, "Blocked quarters"), one
-- clause per block that touches the horizon; nil without any.  The first
-- MAX_BLOCKS are named, and the rest counted.
local MAX_BLOCKS = 6
local function blocked_note(f)
  local first_q = waymark.quarter_index(f.quarters[1])
  local clauses = {}
  local n = 0
  for _, b in ipairs(facts.list(f.eng.blocked)) do
    local qs = {}
    for _, q in ipairs(facts.list(b.quarters)) do
      local i = waymark.quarter_index(q) - first_q + 1
      if i >= 1 and i <= f.nq then qs[#qs + 1] = fmt.quarter(q) end
    end
    if #qs > 0 then
      n = n + 1
      if n <= MAX_BLOCKS then
        local what = {}
        if b.go_live then what[#what + 1] = "no initiative goes live" end
        local roles = {}
        for _, r in ipairs(facts.list(b.roles)) do roles[#roles + 1] = fmt.label(r) end
        if #roles > 0 then
          what[#what + 1] = fmt.join_and(roles) .. " " .. (#roles == 1 and "does" or "do")
            .. " no roadmap work"
        end
        clauses[#clauses + 1] = table.concat(what, " and ") .. " in " .. fmt.join_and(qs)
          .. " (" .. fmt.text(b.reason) .. ")"
      end
    end
  end
  if n == 0 then return nil end
  local s = "The schedule works around blocked quarters: " .. table.concat(clauses, "; ")
  if n > MAX_BLOCKS then s = s .. "; and " .. fmt.words(n - MAX_BLOCKS) .. " more blocks" end
  return waymark.paragraph(s .. ".")
end

-- The deferred initiatives, which have no bar: one line after the chart
-- that says how many and where they are listed (the appendix's table, with
-- rank, reason and cost; listing them here too cost 13 pages at 600).
local function deferred_note(f)
  local n = #f.deferred
  local one = n == 1
  return waymark.paragraph(fmt.capital(fmt.nplural(n, "initiative")) .. " "
    .. (one and "is" or "are") .. " deferred"
    .. (#f.scheduled > 0 and ", so not in the chart" or "") .. ": the appendix lists "
    .. (one and "it with its" or "each with its") .. " reason and what "
    .. (one and "it" or "each") .. " would cost.")
end

-- Deadlines the chart cannot show: after the horizon (or before it).
local function outside_deadlines(f)
  local first, last = span(f)
  local out = {}
  for _, o in ipairs(f.objectives) do
    local i = o.deadline and f.qi[o.deadline]
    if o.deadline and not (i and i >= first and i <= last) then
      out[#out + 1] = fmt.text(o.id) .. " (" .. fmt.quarter(o.deadline) .. ")"
    end
  end
  if #out == 0 then return "" end
  local where = (first == 1 and last == f.nq) and " outside the horizon."
    or " outside the quarters shown."
  if #out > 4 then
    return " The deadlines of " .. fmt.nplural(#out, "objective") .. " fall" .. where
  end
  return " " .. (#out == 1 and "The deadline of " or "The deadlines of ") .. fmt.join_and(out)
    .. (#out == 1 and " falls" or " fall") .. where
end

-- Now, Next and Later: quarters 1-2, 3-4 and 5 onwards of the horizon.
local function windows(f)
  local out = {}
  local spans = { { "Now", 1, 2 }, { "Next", 3, 4 }, { "Later", 5, f.nq } }
  for _, s in ipairs(spans) do
    local from, to = s[2], math.min(s[3], f.nq)
    if from <= f.nq then
      out[#out + 1] = { name = s[1], from = from, to = to,
                        span = fmt.quarters(f.quarters[from], f.quarters[to]) }
    end
  end
  return out
end

local function rule_text(ws, f)
  if #ws == 1 then
    return "The horizon is " .. (f.nq == 1 and "a single quarter" or "two quarters")
      .. ", so every scheduled initiative starts Now (" .. ws[1].span .. ")."
  end
  local parts = { "Now is the first two quarters of the horizon (" .. ws[1].span .. ")" }
  if ws[2] then
    parts[2] = "Next " .. (ws[2].to > ws[2].from and "the two after" or "the quarter after")
      .. " (" .. ws[2].span .. ")"
  end
  if ws[3] then parts[3] = "Later the rest (" .. ws[3].span .. ")" end
  return "Now, Next and Later group the scheduled initiatives by the quarter they start in. "
    .. fmt.join_and(parts) .. ". Within each, initiatives are in rank order."
end

local function intro(f, chart)
  local first, last = span(f)
  local s = "The chart shows when each initiative is worked on over the horizon, "
    .. facts.horizon_words(f) .. ", in rank order."
  if first > 1 or last < f.nq then
    s = "The chart shows when each initiative is worked on, in rank order, over the quarters "
      .. "of the horizon that hold scheduled work (the note under it says which)."
  end
  if #f.deferred > 0 then s = s .. " Deferred initiatives are in the appendix." end
  local marks = {}
  for _, r in ipairs(chart.data.rows) do
    if r.deps then
      marks[1] = "dependency marks show what an initiative waits for"
      break
    end
  end
  if chart.data.markers then marks[#marks + 1] = "markers show objective deadlines" end
  for _, r in ipairs(chart.data.rows) do
    if r.due and r["end"] > r.due then
      marks[#marks + 1] = "a red diamond marks a bar that ends after its objective's deadline"
      break
    end
  end
  if #marks > 0 then s = s .. " " .. fmt.capital(fmt.join_and(marks)) .. "." end
  return s .. outside_deadlines(f)
end

---@param f document.Facts
---@return waymark.Section
function M.section(f)
  local blocks
  if #f.scheduled == 0 then -- a chart of no bars would only show the axis
    blocks = { waymark.paragraph("Nothing is scheduled over the horizon, "
      .. facts.horizon_words(f) .. ", so there is no chart: every initiative is deferred.") }
  else
    local chart = gantt(f)
    blocks = { waymark.paragraph(intro(f, chart)), chart }
    blocks[#blocks + 1] = crop_note(f)
  end
  blocks[#blocks + 1] = blocked_note(f)
  if #f.deferred > 0 then blocks[#blocks + 1] = deferred_note(f) end
  blocks[#blocks + 1] = waymark.heading("Now, Next and Later", 2)
  if #f.scheduled == 0 then
    blocks[#blocks + 1] = waymark.paragraph("Nothing is scheduled: every initiative is deferred. "
      .. "The appendix gives the reasons.")
    return waymark.section { id = "roadmap", title = "Roadmap", blocks = blocks }
  end
  local ws = windows(f)
  blocks[#blocks + 1] = waymark.paragraph(rule_text(ws, f))
  for _, w in ipairs(ws) do
    local starting = {}
    for _, p in ipairs(f.scheduled) do
      if p.start_i >= w.from and p.start_i <= w.to then starting[#starting + 1] = p end
    end
    local n = #starting
    local shown = n <= LIST_ALL and n or LIST_MAX
    local items = {}
    for k = 1, shown do
      local p = starting[k]
      items[k] = { waymark.bold(fmt.text(p.id)), " " .. fmt.text(p.title) .. " ("
        .. facts.when(p) .. ")" }
    end
    if shown < n then
      items[#items + 1] = "and " .. fmt.count(n - shown) .. " more, in the chart above"
    end
    blocks[#blocks + 1] = waymark.heading(w.name .. ": " .. w.span, 3)
    if n == 0 then
      blocks[#blocks + 1] = waymark.paragraph("No initiative starts in this period.")
    else
      blocks[#blocks + 1] = waymark.list(items, false)
    end
  end
  return waymark.section { id = "roadmap", title = "Roadmap", blocks = blocks }
end

return M
