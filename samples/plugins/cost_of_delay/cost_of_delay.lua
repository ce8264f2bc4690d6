-- cost_of_delay: an example prioritise plugin for Waymark. Listed in an
-- engagement's `plugins:`, it replaces the default prioritiser with CD3,
-- "cost of delay divided by duration", with the cost of delay in money:
--
--   cost of delay = what one week of waiting for the initiative costs the
--                   client (lost revenue, running costs it would save, a
--                   penalty it would avoid), in the engagement's currency
--   duration      = its estimated effort in person-weeks (effort_days /
--                   days_per_week)
--   CD3           = cost of delay / duration
--
-- Initiatives are ranked MoSCoW tier first, then by CD3, highest first (the
-- method's rule, waymark.rank); one with no effort has no score and ranks
-- first in its tier, as in WSJF.
--
-- Where the money comes from: `per_week`, a list of "ID=amount" texts in the
-- plugin's config (the engagement has no money field per initiative); for an
-- initiative not listed, `per_point` times its WSJF cost of delay (business
-- value + time criticality + risk reduction, each 0..10). A validate hook
-- checks the list: an unknown id or a malformed entry is an error, an
-- initiative left with no value a warning.
--
-- A document hook adds the section "Cost of delay" after the prioritised
-- initiatives: the ranking with each initiative's cost of delay, duration and
-- CD3, what a quarter's wait costs, and a chart. Tests: test/*.yaml, run with
-- `waymark test-plugin samples/plugins/cost_of_delay`.

local WEEKS_PER_QUARTER = 13

-- The per_week config as id -> amount, with the problems found in it.
local function parse_per_week(list, known)
  local amounts, problems = {}, {}
  for i, text in ipairs(list) do
    local id, value = text:match("^%s*([%w_.%-]+)%s*=%s*([%d.]+)%s*$")
    local amount = tonumber(value)
    local path = "config.per_week[" .. i .. "]"
    if not id or not amount then
      problems[#problems + 1] = { level = "error", path = path,
                                  message = "expected 'ID=amount' such as 'I1=12000', got '"
                                    .. text .. "'" }
    elseif not known[id] then
      problems[#problems + 1] = { level = "error", path = path,
                                  message = "no initiative has the id '" .. id .. "'" }
    elseif amounts[id] then
      problems[#problems + 1] = { level = "error", path = path,
                                  message = id .. " is listed twice" }
    else
      amounts[id] = amount
    end
  end
  return amounts, problems
end

local function known_ids(eng)
  local known = {}
  for _, ini in ipairs(eng.initiatives) do known[ini.id] = true end
  return known
end

-- Cost of delay per week of every initiative: id -> { amount, source }.
local function costs_of_delay(eng, cfg)
  local amounts = parse_per_week(cfg.per_week, known_ids(eng))
  local value = {}
  for _, o in ipairs(eng.objectives) do value[o.id] = o.value end
  local out = {}
  for _, ini in ipairs(eng.initiatives) do
    if amounts[ini.id] then
      out[ini.id] = { amount = amounts[ini.id], source = "config" }
    else
      -- method.md's defaults: business value from the best objective, else 0
      local s = ini.scores
      local bv = s.business_value
      if bv == nil then
        bv = 0
        for _, oid in ipairs(ini.objectives) do
          if value[oid] and value[oid] > bv then bv = value[oid] end
        end
      end
      local points = bv + (s.time_criticality or 0) + (s.risk_reduction or 0)
      out[ini.id] = { amount = cfg.per_point * points, source = "scores" }
    end
  end
  return out
end

local function validate(_plan, ctx)
  local cfg = ctx.config
  local amounts, problems = parse_per_week(cfg.per_week, known_ids(ctx.engagement))
  if cfg.per_point == 0 then
    for i, ini in ipairs(ctx.engagement.initiatives) do
      if not amounts[ini.id] then
        problems[#problems + 1] = {
          level = "warning", path = "initiatives[" .. i .. "]",
          message = ini.id .. " has no cost of delay: list it in config.per_week, or set "
            .. "config.per_point",
        }
      end
    end
  end
  return problems
end

local function prioritise(plan, ctx)
  local cfg = ctx.config
  local cod = costs_of_delay(ctx.engagement, cfg)
  local days = {}
  for _, p in ipairs(plan.initiatives) do days[p.id] = p.effort_days or 0 end
  local items, by_id = {}, {}
  for _, ini in ipairs(ctx.engagement.initiatives) do
    local weeks = days[ini.id] / cfg.days_per_week
    local c = cod[ini.id].amount
    local item = {
      id = ini.id, tier = ini.moscow,
      score = weeks > 1e-9 and c / weeks or nil,
      inputs = { cost_of_delay_per_week = c, duration_weeks = weeks,
                 effort_days = days[ini.id] },
    }
    items[#items + 1], by_id[ini.id] = item, item
  end
  local out = {}
  for rank, id in ipairs(waymark.rank(items)) do
    local it = by_id[id]
    out[rank] = { id = id, rank = rank, tier = it.tier, method = "cd3", score = it.score,
                  score_inputs = it.inputs }
  end
  waymark.log("ranked", #out, "initiatives by CD3")
  return { initiatives = out }
end

local TIERS = { must = "Must", should = "Should", could = "Could", wont = "Won't" }

local function number(x, places)
  local s = string.format("%." .. places .. "f", waymark.round(x, places))
  return s
end

local function document(plan, ctx)
  local cod = costs_of_delay(ctx.engagement, ctx.config)
  local rows, ids, weekly, parts = {}, {}, {}, {}
  local waiting, n_waiting, from_scores = 0, 0, 0
  for i, p in ipairs(plan.initiatives) do -- rank order
    local c = cod[p.id]
    local inputs = p.score_inputs or {}
    local weeks = inputs.duration_weeks or 0
    local cd3 = p.score and waymark.money(p.score) or "–"
    rows[i] = { tostring(math.tointeger(p.rank) or p.rank), p.id, p.title, TIERS[p.tier] or p.tier,
                waymark.money(c.amount), number(weeks, 1), cd3 }
    ids[i], weekly[i], parts[i] = p.id, waymark.round(c.amount), c.amount
    if p.status == "deferred" then
      waiting, n_waiting = waiting + c.amount, n_waiting + 1
    end
    if c.source == "scores" then from_scores = from_scores + 1 end
  end
  local _, total = waymark.round_parts(parts)

  local intro = "Initiatives are ranked by CD3, the cost of delay divided by duration. The "
    .. "cost of delay is what one week of waiting for an initiative costs "
    .. plan.client.name .. " in money; the duration is its estimated effort in person-weeks. "
    .. "Within each MoSCoW tier, the initiative that loses the most money for each week of "
    .. "work comes first."
  if from_scores > 0 then
    local which = from_scores == 1 and "one of the " .. #rows .. " initiatives; its"
      or from_scores .. " of the " .. #rows .. " initiatives; their"
    intro = intro .. " No amount was given for " .. which .. " cost of delay is "
      .. waymark.money(ctx.config.per_point)
      .. " a week for each point of business value, time criticality and risk reduction."
  end
  local kv = {
    { "Cost of delay of the whole roadmap", waymark.money(total) .. " a week" },
    { "One quarter's wait for everything", waymark.money(total * WEEKS_PER_QUARTER) },
  }
  if n_waiting > 0 then
    kv[#kv + 1] = { "Deferred initiatives (" .. n_waiting .. ")",
                    waymark.money(waiting) .. " a week while they wait" }
  end
  return {
    waymark.section {
      id = "cost-of-delay", title = "Cost of delay", after = ctx.config.after,
      blocks = {
        waymark.paragraph(intro),
        waymark.kv(kv),
        waymark.table {
          columns = {
            { title = "Rank", align = "right" }, "ID", { title = "Initiative", width = 1 },
            "Tier", { title = "Cost of delay a week", align = "right" },
            { title = "Duration (weeks)", align = "right" }, { title = "CD3", align = "right" },
          },
          rows = rows,
          total = { "", "", "Total", "", waymark.money(total), "", "" },
        },
        waymark.chart {
          kind = "bar", title = "Cost of delay a week, in rank order",
          data = { categories = ids, format = "money",
                   series = { { name = "Cost of delay a week", values = weekly } } },
        },
      },
    },
  }
end

return {
  name = "cost_of_delay",
  version = "1.0.0",
  api_version = 1,
  description = "CD3: cost of delay in money per week, divided by duration, MoSCoW tiers first",
  config = {
    per_week = { type = "list", default = {},
                 description = "cost of delay per week by initiative, as 'ID=amount'" },
    per_point = { type = "number", default = 0.0, min = 0,
                  description = "cost of delay a week per WSJF point, for initiatives not "
                    .. "in per_week" },
    days_per_week = { type = "number", default = 5.0, min = 1, max = 7,
                      description = "person-days in a person-week" },
    after = { type = "string", default = "initiatives",
              description = "the id of the section the ranking follows" },
  },
  hooks = { validate = validate, prioritise = prioritise, document = document },
}
