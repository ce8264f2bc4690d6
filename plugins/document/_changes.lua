-- Changes since the last version: the plan's `changes` (docs/diff.md), made
-- when the engagement is rendered against a baseline (`--baseline`, or
-- `engagement.baseline`).  One paragraph that sums it up, then a table for
-- each part that changed: the method, the initiatives (what happened to
-- each and why), the totals, the objectives and the risks.  No section
-- without a baseline.

local fmt = require("_fmt")

local M = {}

local FIGURES = {
  cost = "Total cost", labour = "Labour", other = "Other costs", contingency = "Contingency",
  p50 = "P50 (work, before contingency)", p80 = "P80 (work, before contingency)",
  p90 = "P90 (work, before contingency)", budget = "Budget", variance = "Budget less cost",
  p_within_budget = "Chance of staying within budget", scheduled = "Initiatives scheduled",
  deferred = "Initiatives deferred",
}
local MONEY = { cost = true, labour = true, other = true, contingency = true, p50 = true,
                p80 = true, p90 = true, budget = true, variance = true }
local FIELDS = {
  title = "title", tier = "tier", rank = "rank", score = "score", cost = "cost",
  labour = "labour", other = "other costs", contingency = "contingency",
  effort_days = "estimate", depends_on = "depends on", status = "status",
  deadline = "deadline", completes = "completes", at_risk = "at risk",
  likelihood = "likelihood", impact = "impact", band = "band",
}
-- Shown in the headline of a move, not again among the other changes.
local IN_HEADLINE = { start = true, ["end"] = true, status = true, reason_kind = true, title = true,
                      at_risk = true }

local function list(t)
  return type(t) == "table" and t or {}
end

-- A value of a field as the reader sees it.
local function shown(field, v)
  if v == nil or v == waymark.null then
    return (field == "completes" or field == "deadline") and "none" or fmt.DASH
  end
  if MONEY[field] then return fmt.money(v) end
  if field == "tier" then return fmt.tier(v) end
  if field == "band" then return fmt.band(v) end
  if field == "effort_days" then return fmt.days(v) .. " days" end
  if field == "score" then return fmt.score(v) end
  if field == "p_within_budget" then return fmt.pct(v) end
  if field == "at_risk" then return v == true and "yes" or "no" end
  if type(v) == "table" then
    return #v > 0 and table.concat(v, ", ") or "none"
  end
  if type(v) == "string" and v:match("^%d%d%d%d%-Q[1-4]$") then return fmt.quarter(v) end
  if type(v) == "number" then return fmt.count(v) end
  return fmt.text(v)
end

-- "tier Should → Must; cost £10,000 → £12,000"
local function other_changes(r)
  local parts = {}
  for _, c in ipairs(list(r.changes)) do
    if not IN_HEADLINE[c.field] then
      parts[#parts + 1] = (FIELDS[c.field] or c.field) .. " " .. shown(c.field, c.old) .. " → "
        .. shown(c.field, c.new)
    end
  end
  return table.concat(parts, "; ")
end

local function old_of(r, field)
  for _, c in ipairs(list(r.changes)) do
    if c.field == field then return c.old end
  end
  return r[field]
end

-- What happened to an initiative, in words.
local function what(r)
  if r.change == "added" then
    local when = r.status == "scheduled" and fmt.quarters(r.start, r["end"]) or "deferred"
    return "Added: " .. fmt.tier(r.tier) .. ", " .. when .. ", " .. fmt.money(r.cost)
  end
  if r.change == "removed" then
    local when = r.status == "scheduled" and fmt.quarters(r.start, r["end"]) or "deferred"
    return "Removed (was " .. fmt.tier(r.tier) .. ", " .. when .. ")"
  end
  local head
  if r.move == "later" or r.move == "earlier" then
    head = "Moved " .. r.move .. ": " .. fmt.quarters(old_of(r, "start"), old_of(r, "end"))
      .. " → " .. fmt.quarters(r.start, r["end"])
  elseif r.move == "deferred" then
    head = "Now deferred"
  elseif r.move == "scheduled" then
    head = "Now scheduled: " .. fmt.quarters(r.start, r["end"])
  end
  if type(r.old_title) == "string" then
    local renamed = "renamed from “" .. r.old_title .. "”"
    head = head and head .. "; " .. renamed or fmt.capital(renamed)
  end
  local rest = other_changes(r)
  if head and rest ~= "" then return head .. "; " .. rest end
  return head or fmt.capital(rest)
end

local function record_table(title, rows, columns)
  if #rows == 0 then return nil end
  return { waymark.heading(title, 2), waymark.table { columns = columns, rows = rows } }
end

---@param f document.Facts
---@return waymark.Section?
function M.section(f)
  local ch = f.plan.changes
  if type(ch) ~= "table" then return nil end
  local blocks = {}
  local function add(b)
    for _, x in ipairs(b or {}) do blocks[#blocks + 1] = x end
  end
  local old = list(ch.old)
  add { waymark.paragraph("Compared with " .. fmt.text(old.label)
          .. ", the version this one follows. " .. fmt.text(ch.summary)) }
  if ch.changed ~= true then
    return waymark.section { id = "changes", title = "Changes since the last version",
                             blocks = blocks }
  end

  local method = {}
  for _, m in ipairs(list(ch.method)) do
    local text = m.change == "added" and "added (" .. fmt.text(m.new) .. ")"
      or m.change == "removed" and "removed (was " .. fmt.text(m.old) .. ")"
      or m.change == "file" and "its file changed, same version " .. fmt.text(m.new)
      or "version " .. fmt.text(m.old) .. " → " .. fmt.text(m.new)
    method[#method + 1] = { fmt.text(m.plugin), text }
  end
  if ch.horizon ~= nil and ch.horizon ~= waymark.null then
    local h = ch.horizon
    method[#method + 1] = { "Horizon", fmt.quarters(h.old[1], h.old[2]) .. " → "
                            .. fmt.quarters(h.new[1], h.new[2]) }
  end
  add(record_table("The method", method,
                   { fmt.col("Plugin"), fmt.col("What changed", "left", 3) }))

  -- A rank or score that moved only because others did is no news to the
  -- board: such records are counted, not listed (`waymark diff` lists them).
  local inis, reranked = {}, 0
  for _, r in ipairs(list(ch.initiatives)) do
    local news = r.change ~= "changed"
    for _, c in ipairs(list(r.changes)) do
      if c.field ~= "rank" and c.field ~= "score" then news = true end
    end
    if news then
      inis[#inis + 1] = { fmt.text(r.id), fmt.text(r.title), what(r),
                          type(r.why) == "string" and fmt.capital(r.why) or fmt.DASH }
    else
      reranked = reranked + 1
    end
  end
  add(record_table("Initiatives", inis,
                   { fmt.col("ID"), fmt.col("Initiative", "left", 2),
                     fmt.col("What changed", "left", 3), fmt.col("Why", "left", 2) }))
  if reranked > 0 then
    add { waymark.paragraph(fmt.capital(fmt.nplural(reranked, "other initiative"))
            .. " changed only in rank, as others moved around "
            .. (reranked == 1 and "it" or "them") .. ".") }
  end
  if #list(ch.hints) > 0 then
    local hints = {}
    for _, h in ipairs(ch.hints) do hints[#hints + 1] = fmt.text(h) end
    add { waymark.paragraph("Perhaps a rename: " .. table.concat(hints, "; ") .. ".") }
  end

  local totals = {}
  for _, t in ipairs(list(ch.totals)) do
    local delta = fmt.DASH
    if type(t.delta) == "number" then
      local d = t.delta
      if MONEY[t.field] then
        delta = (d < 0 and "−" or "+") .. fmt.money(math.abs(d))
      elseif t.field == "p_within_budget" then
        delta = (d < 0 and "−" or "+") .. fmt.pct(math.abs(d))
      else
        delta = (d < 0 and "−" or "+") .. fmt.count(math.abs(d))
      end
    end
    totals[#totals + 1] = { FIGURES[t.field] or fmt.text(t.field), shown(t.field, t.old),
                            shown(t.field, t.new), delta }
  end
  add(record_table("Totals", totals,
                   { fmt.col("Figure", "left", 2), fmt.col("Before", "right"),
                     fmt.col("Now", "right"), fmt.col("Change", "right") }))

  for _, part in ipairs({ { "objectives", "Objectives", "Objective" },
                          { "risks", "Risks", "Risk" } }) do
    local rows = {}
    for _, r in ipairs(list(ch[part[1]])) do
      local text = r.change == "added" and "Added" or r.change == "removed" and "Removed"
        or fmt.capital(other_changes(r))
      if part[1] == "objectives" and r.change == "changed" then
        for _, c in ipairs(list(r.changes)) do
          if c.field == "at_risk" then
            text = (c.new == true and "Now at risk" or "Now on track")
              .. (text ~= "" and "; " .. text or "")
          end
        end
      end
      rows[#rows + 1] = { fmt.text(r.id), fmt.text(r.title), text }
    end
    add(record_table(part[2], rows, { fmt.col("ID"), fmt.col(part[3], "left", 2),
                                      fmt.col("What changed", "left", 3) }))
  end
  return waymark.section { id = "changes", title = "Changes since the last version",
                           blocks = blocks }
end

return M
