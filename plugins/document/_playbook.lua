-- Handover playbook: plan.playbook (filled by playbook/handover, shape in
-- docs/playbooks.md) as pages a client's engineering lead runs the next
-- quarter from.
--
-- The order is the order a new owner needs it in: who owns what, what to do
-- in the first 90 days, then the standing machinery (rituals, measures,
-- gates, controls, RACI, vendors, documents).  Each part starts with a
-- level-1 heading, so it has its own contents line and bookmark.

local fmt = require("_fmt")

local M = {}

local function by_id(sections)
  local map = {}
  for _, s in ipairs(sections or {}) do map[s.id] = s end
  return map
end

-- Text that a line break must not split: "Q2 2027" (a no-break space) and
-- "go/no-go" (a no-break hyphen, and after the slash a zero width no-break
-- space: the bundled fonts draw U+2060, the word joiner, as wide as an
-- "n").  Applied to every text of the playbook once, before the pages are
-- built.
local NBSP, NBHY, WJ = "\u{A0}", "\u{2011}", "\u{FEFF}"
local function whole(s)
  s = s:gsub("(Q[1-4]) (%d%d%d%d)", "%1" .. NBSP .. "%2")
  s = s:gsub("([Gg]o)/no%-go", "%1/" .. WJ .. "no" .. NBHY .. "go")
  return s
end

local function keep_whole(v)
  if type(v) == "string" then return whole(v) end
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = keep_whole(x) end
  return out
end

local function has_person(w)
  return type(w) == "table" and type(w.person) == "string"
end

-- A role title inside a sentence: "Quality lead" -> "quality lead"; an
-- acronym stays ("ICT lead").
local function lower_title(t)
  return (fmt.text(t):gsub("^(%u)(%l)", function(a, b) return a:lower() .. b end))
end

-- A person as printed: "Priya Shah", or "Priya Shah (for the Security
-- lead)" when a role is covered by its fallback's person.
local function person(w)
  if type(w) ~= "table" then return fmt.DASH end
  return fmt.text(w.name)
end

local function person_role(w)
  if type(w) ~= "table" then return fmt.DASH end
  if type(w.title) == "string" and type(w.person) == "string" then
    return w.person .. " (" .. w.title .. ")"
  end
  return fmt.text(w.name)
end

-- People in a list, each once: the roles one person holds in the list are
-- merged, "Mei Chen (engineering lead, quality lead)"; a role nobody holds
-- reads "the quality lead (to be named)".
local function names(list)
  local order, roles_of = {}, {}
  for _, w in ipairs(list or {}) do
    if has_person(w) then
      if not roles_of[w.person] then
        roles_of[w.person] = {}
        order[#order + 1] = w.person
      end
      if type(w.title) == "string" then
        -- Roles held in their own right first, then those covered until named.
        local held = roles_of[w.person]
        local at = #held + 1
        if type(w.via) ~= "string" then
          at = 1
          while at <= #held and not held[at].via do at = at + 1 end
        end
        table.insert(held, at, { title = lower_title(w.title), via = type(w.via) == "string" })
      end
    elseif type(w) == "table" then
      order[#order + 1] = type(w.title) == "string"
        and ("the " .. lower_title(w.title) .. " (to be named)") or fmt.text(w.name)
    end
  end
  local out = {}
  for i, key in ipairs(order) do
    local r, titles = roles_of[key], {}
    for k, x in ipairs(r or {}) do titles[k] = x.title end
    out[i] = #titles > 1 and (key .. " (" .. table.concat(titles, ", ") .. ")") or key
  end
  return #out > 0 and fmt.join_and(out) or fmt.DASH
end

-- Lines in one cell, each with a bullet.
local function bullets(list)
  local out = {}
  for i, s in ipairs(list or {}) do out[i] = "• " .. fmt.text(s) end
  return #out > 0 and table.concat(out, "\n") or fmt.DASH
end

-- A name in bold with its detail below it, in one cell.
local function titled(name, detail)
  if type(detail) == "string" and detail ~= "" then
    return { waymark.bold(fmt.text(name)), "\n" .. detail }
  end
  return { waymark.bold(fmt.text(name)) }
end

local function roles_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  local rows, covered, unnamed, conflicts = {}, {}, {}, {}
  local title_of = {}
  for _, r in ipairs(s.items or {}) do title_of[r.role] = r.title end
  for _, r in ipairs(s.items or {}) do
    local w = r.who or {}
    local who = fmt.text(w.name)
    if type(w.via) == "string" and type(w.person) == "string" then
      covered[#covered + 1] = r.title
      who = w.person .. " (until named)"
    elseif not has_person(w) then
      unnamed[#unnamed + 1] = "the " .. lower_title(r.title)
      who = "To be named"
    end
    if type(r.conflicts) == "table" and #r.conflicts > 0 then
      conflicts[#conflicts + 1] = r
      who = who .. " (not independent: see below)"
    end
    rows[#rows + 1] = { titled(r.title, nil), who, fmt.text(r.description) }
  end
  blocks[#blocks + 1] = waymark.paragraph(
    "Every ritual, measure, gate and control below has one of these roles as its owner. "
    .. "Each role is held by a named person in the client's organisation; one person may "
    .. "hold several.")
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Role", "left", 1), fmt.col("Owner", "left", 1),
                fmt.col("Accountable for", "left", 3) },
    rows = rows,
  }
  if #covered > 0 then
    blocks[#blocks + 1] = waymark.callout("info",
      "No owner is named yet for " .. fmt.join_and(covered) .. ". Until one is, the person "
      .. "shown covers the role. Name an owner in the first 30 days.",
      "Roles covered by another person")
  end
  if #unnamed > 0 then
    blocks[#blocks + 1] = waymark.callout("info",
      "Nobody is named yet as " .. fmt.join_and(unnamed) .. ". Where the playbook gives "
      .. (#unnamed > 1 and "these roles" or "the role") .. " a ritual, a gate or a measure, "
      .. "it reads \"to be named\". Name " .. (#unnamed > 1 and "them" or "one")
      .. " in the first 30 days.",
      #unnamed > 1 and "Roles to be named" or "A role to be named")
  end
  for _, r in ipairs(conflicts) do
    local others, wanted = {}, {}
    for i, k in ipairs(r.conflicts) do others[i] = "the " .. lower_title(title_of[k] or k) end
    for i, k in ipairs(r.independent_of or {}) do
      wanted[i] = "the " .. lower_title(title_of[k] or k)
    end
    blocks[#blocks + 1] = waymark.callout("warn",
      r.who.person .. " is named as the " .. lower_title(r.title) .. " and is also "
      .. fmt.join_and(others) .. ". The " .. lower_title(r.title) .. " must be independent of "
      .. fmt.join_and(wanted) .. ", so that nobody checks their own work. Name someone else "
      .. "as the " .. lower_title(r.title) .. " before the first quality gate.",
      "The " .. lower_title(r.title) .. " is not independent")
  end
end

local function plan_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  if type(s.summary) == "string" then blocks[#blocks + 1] = waymark.paragraph(s.summary) end
  -- Initiatives with nobody named as owner, said once rather than in every row.
  local ownerless, seen = {}, {}
  for _, p in ipairs(s.periods or {}) do
    for _, it in ipairs(p.items or {}) do
      local ini = it.initiative
      if type(ini) == "string" and not has_person(it.owner) and not seen[ini] then
        seen[ini] = true
        ownerless[#ownerless + 1] = ini
      end
    end
  end
  if #ownerless > 0 then
    blocks[#blocks + 1] = waymark.callout("info",
      "The engagement names no owner for " .. fmt.join_and(ownerless) .. ". Name one for "
      .. (#ownerless > 1 and "each" or "it") .. " at the first roadmap review; until then "
      .. "the actions below give the owner as \"To be named\".",
      #ownerless > 1 and "Initiatives without an owner" or "An initiative without an owner")
  end
  for _, p in ipairs(s.periods or {}) do
    blocks[#blocks + 1] = waymark.heading(
      "Days " .. fmt.count(p.from) .. "–" .. fmt.count(p.to) .. ": " .. fmt.text(p.theme), 2)
    if type(p.covers) == "string" then blocks[#blocks + 1] = waymark.paragraph(p.covers) end
    local rows = {}
    for i, it in ipairs(p.items or {}) do
      rows[i] = { fmt.count(i), fmt.text(it.text), person_role(it.owner) }
    end
    blocks[#blocks + 1] = waymark.table {
      columns = { fmt.col("#", "right"), fmt.col("Action", "left", 4),
                  fmt.col("Owner", "left", 1) },
      rows = rows,
    }
    if #(p.exit_criteria or {}) > 0 then
      blocks[#blocks + 1] = waymark.paragraph { waymark.bold("Done when:") }
      blocks[#blocks + 1] = waymark.list(p.exit_criteria)
    end
  end
end

local function rituals_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  local n = #(s.items or {})
  blocks[#blocks + 1] = waymark.paragraph(
    "The " .. fmt.nplural(n, "ritual") .. " that keep the roadmap moving once the consultant "
    .. "has gone. Each has a chair who runs it, a cadence a diary can hold, and inputs and "
    .. "outputs, so that a missed or hollow meeting is visible.")
  local rows = {}
  for i, r in ipairs(s.items or {}) do
    rows[i] = { titled(r.name, nil), fmt.text(r.cadence), person(r.chair) }
  end
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Ritual", "left", 2), fmt.col("Cadence", "left", 2),
                fmt.col("Chair", "left", 1) },
    rows = rows,
  }
  for _, r in ipairs(s.items or {}) do
    blocks[#blocks + 1] = waymark.heading(fmt.text(r.name), 2)
    blocks[#blocks + 1] = waymark.paragraph(fmt.text(r.purpose))
    local attendees = names(r.attendees)
    if #(r.others or {}) > 0 then
      attendees = attendees .. "; also " .. fmt.join_and(r.others)
    end
    blocks[#blocks + 1] = waymark.kv {
      { "Cadence", fmt.text(r.cadence) },
      { "Chair", person_role(r.chair) },
      { "Attendees", attendees },
      { "Inputs", bullets(r.inputs) },
      { "Outputs", bullets(r.outputs) },
    }
  end
end

local KIND = { dora = "DORA", flow = "Flow", objective = "Objective" }

local function measures_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  blocks[#blocks + 1] = waymark.paragraph(
    "DORA's four delivery measures, flow measures, and the client's own objective measures. "
    .. "A baseline is taken in the first 30 days; targets are confirmed against it by day 90.")
  local rows, how = {}, {}
  local items = s.items or {}
  for i, m in ipairs(items) do
    rows[i] = { titled(m.name, KIND[m.kind]), fmt.text(m.target),
                type(m.baseline) == "string" and m.baseline or "To be measured",
                person(m.owner),
                type(m.reviewed_in) == "table" and fmt.text(m.reviewed_in.name) or fmt.DASH }
  end
  -- Measures made from one template entry (one per objective measure)
  -- that are taken the same way share one row of the second table.
  local i = 1
  while i <= #items do
    local m, j = items[i], i
    while j < #items and m.template_id ~= nil and items[j + 1].template_id == m.template_id
          and items[j + 1].definition == m.definition
          and items[j + 1].how_measured == m.how_measured do
      j = j + 1
    end
    local name = m.name
    if j > i then
      name = string.format("%s measures (%d)", KIND[m.kind] or "These", j - i + 1)
    end
    how[#how + 1] = { titled(name, nil), fmt.text(m.definition), fmt.text(m.how_measured) }
    i = j + 1
  end
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Measure", "left", 2), fmt.col("Target", "left", 3),
                fmt.col("Baseline", "left", 1), fmt.col("Owner", "left", 1),
                fmt.col("Reviewed in", "left", 1) },
    rows = rows,
  }
  blocks[#blocks + 1] = waymark.heading("How each measure is taken", 2)
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Measure", "left", 1), fmt.col("Definition", "left", 2),
                fmt.col("How it is measured", "left", 3) },
    rows = how,
  }
end

-- Gates made once per initiative (a `for_each: initiative` entry) share
-- most of their criteria: those are printed once, above a table of the
-- gates with only what is particular to each, so ten go-live gates take
-- a page rather than eight.
local function gate_families(items)
  local fixed, families, order = {}, {}, {}
  for _, g in ipairs(items or {}) do
    if type(g.initiative) == "string" and type(g.template_id) == "string" then
      local fam = families[g.template_id]
      if not fam then
        fam = { gates = {} }
        families[g.template_id] = fam
        order[#order + 1] = fam
      end
      fam.gates[#fam.gates + 1] = g
    else
      fixed[#fixed + 1] = g
    end
  end
  for _, fam in ipairs(order) do
    -- A criterion is shared when every gate of the family has it word for word.
    local count = {}
    for _, g in ipairs(fam.gates) do
      local seen = {}
      for _, c in ipairs(g.criteria or {}) do
        if not seen[c] then count[c] = (count[c] or 0) + 1; seen[c] = true end
      end
    end
    fam.shared, fam.own = {}, {}
    for _, c in ipairs(fam.gates[1].criteria or {}) do
      if count[c] == #fam.gates then fam.shared[#fam.shared + 1] = c end
    end
    for i, g in ipairs(fam.gates) do
      local own = {}
      for _, c in ipairs(g.criteria or {}) do
        if count[c] ~= #fam.gates then own[#own + 1] = c end
      end
      fam.own[i] = own
    end
  end
  return fixed, order
end

local GATE_COLUMNS = { fmt.col("Gate", "left", 2), fmt.col("Criteria (all must hold)", "left", 5),
                       fmt.col("Signed off by", "left", 1) }

local function gates_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  blocks[#blocks + 1] = waymark.paragraph(
    "A gate passes only when every criterion holds and the named person has signed it off; "
    .. "a gate that fails stops the work at that point.")
  local fixed, families = gate_families(s.items)
  -- A family of one reads best as an ordinary gate.
  local rows = {}
  for _, g in ipairs(fixed) do
    rows[#rows + 1] = { titled(g.stage, nil), bullets(g.criteria), person_role(g.sign_off) }
  end
  local big = {}
  for _, fam in ipairs(families) do
    if #fam.gates == 1 then
      local g = fam.gates[1]
      rows[#rows + 1] = { titled(g.stage, nil), bullets(g.criteria), person_role(g.sign_off) }
    else
      big[#big + 1] = fam
    end
  end
  if #rows > 0 then
    blocks[#blocks + 1] = waymark.table { columns = GATE_COLUMNS, rows = rows }
  end
  for _, fam in ipairs(big) do
    local first = fam.gates[1]
    -- Only gates that add something, or are signed off by someone else, get
    -- a row; the others are named in one sentence (or, when no gate adds
    -- anything, listed under the shared criteria).
    local frows, plain, plain_stages = {}, {}, {}
    for i, g in ipairs(fam.gates) do
      local own = fam.own[i]
      local other_signer = person_role(g.sign_off) ~= person_role(first.sign_off)
      if #own > 0 or other_signer then
        local cell = #own > 0 and bullets(own) or ""
        if other_signer then
          cell = (cell ~= "" and cell .. "\n" or "") .. "Signed off by " .. person_role(g.sign_off)
        end
        frows[#frows + 1] = { titled(g.stage, nil), cell }
      else
        plain[#plain + 1] = type(g.initiative) == "string" and g.initiative or fmt.text(g.stage)
        plain_stages[#plain_stages + 1] = fmt.text(g.stage)
      end
    end
    local lead = { string.format("%d gates, one per scheduled initiative in rank order, each "
                                 .. "signed off by ", #fam.gates),
                   waymark.bold(person_role(first.sign_off)) }
    if #frows == 0 then
      lead[#lead + 1] = #fam.shared > 0 and ". Each needs all of these:" or "."
    elseif #fam.shared > 0 then
      lead[#lead + 1] = ". Each needs all of these, and what the table adds for it:"
    else
      lead[#lead + 1] = ". What each needs:"
    end
    blocks[#blocks + 1] = waymark.paragraph(lead)
    if #fam.shared > 0 then
      local items = {}
      for i, c in ipairs(fam.shared) do items[i] = fmt.text(c) end
      blocks[#blocks + 1] = waymark.list(items, false)
    end
    if #frows == 0 then
      blocks[#blocks + 1] = waymark.paragraph("The gates:")
      blocks[#blocks + 1] = waymark.list(plain_stages, false)
    else
      blocks[#blocks + 1] = waymark.table {
        columns = { fmt.col("Gate", "left", 3), fmt.col("Also needs", "left", 4) },
        rows = frows,
      }
      if #plain > 0 then
        blocks[#blocks + 1] = waymark.paragraph(
          "The " .. (#plain > 1 and "gates" or "gate") .. " of " .. fmt.join_and(plain)
          .. (#plain > 1 and " need" or " needs") .. " only the criteria above.")
      end
    end
  end
end

local function controls_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  blocks[#blocks + 1] = waymark.paragraph(
    "Each control runs at its frequency and leaves evidence; the monthly reviews check that "
    .. "it did. Controls for a risk carry the register's owner and mitigation.")
  for _, g in ipairs(s.groups or {}) do
    blocks[#blocks + 1] = waymark.heading(fmt.text(g.title), 2)
    if #(g.items or {}) == 0 then
      blocks[#blocks + 1] = waymark.paragraph("None in this playbook.")
    else
      local rows = {}
      for i, c in ipairs(g.items) do
        rows[i] = { titled(c.name, c.detail), fmt.text(c.frequency), person(c.owner),
                    fmt.text(c.evidence) }
      end
      blocks[#blocks + 1] = waymark.table {
        columns = { fmt.col("Control", "left", 4), fmt.col("Frequency", "left", 2),
                    fmt.col("Owner", "left", 1), fmt.col("Evidence", "left", 2) },
        rows = rows,
      }
    end
  end
end

local function raci_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  blocks[#blocks + 1] = waymark.paragraph(
    "R: responsible (does the work); A: accountable (one per activity, decides and answers "
    .. "for it); C: consulted before; I: informed after. With no R, the accountable role also "
    .. "does the work.")
  local columns = { fmt.col("Activity", "left", 5) }
  for _, w in ipairs(s.roles or {}) do
    columns[#columns + 1] = fmt.col(fmt.text(w.title or w.name), "centre", 1)
  end
  local rows = {}
  for i, a in ipairs(s.items or {}) do
    local row = { fmt.text(a.activity) }
    local assign = type(a.assign) == "table" and a.assign or {}
    for _, w in ipairs(s.roles or {}) do
      row[#row + 1] = assign[w.role] or ""
    end
    rows[i] = row
  end
  blocks[#blocks + 1] = waymark.table { columns = columns, rows = rows }
  -- Who holds the columns, each person once: "Engineering lead and quality
  -- lead: Mei Chen".
  local held, titles_of, order = {}, {}, {}
  for _, w in ipairs(s.roles or {}) do
    if type(w.title) == "string" then
      local key = has_person(w) and w.person or false
      if key and titles_of[key] then
        table.insert(titles_of[key], lower_title(w.title))
      elseif key then
        titles_of[key] = { w.title }
        order[#order + 1] = key
      else
        order[#order + 1] = { w.title }
      end
    end
  end
  for _, key in ipairs(order) do
    if type(key) == "table" then
      held[#held + 1] = key[1] .. ": to be named"
    else
      held[#held + 1] = fmt.join_and(titles_of[key]) .. ": " .. key
    end
  end
  if #held > 0 then
    blocks[#blocks + 1] = waymark.paragraph("Held by " .. table.concat(held, "; ") .. ".")
  end
  if type(s.note) == "string" then blocks[#blocks + 1] = waymark.paragraph(s.note) end
end

local function vendors_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  local intro = { "Owned by ", waymark.bold(person_role(s.owner)), "." }
  if type(s.summary) == "string" then intro[#intro + 1] = " " .. s.summary end
  blocks[#blocks + 1] = waymark.paragraph(intro)
  local rows = {}
  for i, v in ipairs(s.items or {}) do
    rows[i] = { titled(v.name, v.detail), fmt.text(v.cadence), person(v.owner) }
  end
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Practice", "left", 4), fmt.col("Cadence", "left", 2),
                fmt.col("Owner", "left", 1) },
    rows = rows,
  }
end

local function documentation_part(s, blocks)
  if not s then return end
  blocks[#blocks + 1] = waymark.heading(s.title)
  blocks[#blocks + 1] = waymark.paragraph(
    "Where each document the team runs on lives, who keeps it current, and when it is "
    .. "reviewed. A document that does not exist yet is a task for the first 60 days.")
  local rows = {}
  for i, d in ipairs(s.items or {}) do
    rows[i] = { fmt.text(d.document), fmt.text(d.location), person(d.owner), fmt.text(d.review) }
  end
  blocks[#blocks + 1] = waymark.table {
    columns = { fmt.col("Document", "left", 3), fmt.col("Where", "left", 2),
                fmt.col("Owner", "left", 1), fmt.col("Review", "left", 2) },
    rows = rows,
  }
end

-- The section, or nil when the plan has no playbook.
---@param f document.Facts
---@return waymark.Section? # nil without a playbook
function M.section(f)
  local pb = f.plan.playbook
  if type(pb) ~= "table" then return nil end
  pb = keep_whole(pb)
  local s = by_id(pb.sections)
  local blocks = {}
  if type(pb.summary) == "string" then blocks[1] = waymark.paragraph(pb.summary) end
  roles_part(s.roles, blocks)
  plan_part(s.plan_30_60_90, blocks)
  rituals_part(s.rituals, blocks)
  measures_part(s.measures, blocks)
  gates_part(s.quality_gates, blocks)
  controls_part(s.controls, blocks)
  raci_part(s.raci, blocks)
  vendors_part(s.vendors, blocks)
  documentation_part(s.documentation, blocks)
  return waymark.section { id = "playbook", title = fmt.text(pb.title), blocks = blocks }
end

return M
