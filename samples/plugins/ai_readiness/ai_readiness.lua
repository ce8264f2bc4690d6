-- ai_readiness: an example document plugin for Waymark. It adds the section
-- "AI readiness" after the current-state assessment: how ready the client is
-- to put AI to work, scored from the engagement's `assessment`, with a chart,
-- a table by area and recommendations that point at the roadmap.
--
-- The score: each assessed area needs a level (`required`, default 3 of 5)
-- before AI can be used in production; an area counts by how much of that
-- level it has (its current level over the required one, at most 1),
-- weighted by how much AI depends on it (`weights`: data weighs most). The
-- weighted mean, as a percentage, is the readiness:
--
--   readiness = sum(w * min(current / required, 1)) / sum(w) * 100
--
-- and the same with the target levels is where the roadmap takes it. Below
-- 50% the advice is foundations first, from 50% pilots in well-bounded
-- areas, from 80% scaling up. An area below the required level gets a
-- recommendation, most important (weight x gap) first, with the roadmap's
-- initiatives tagged with the area's name.
--
-- An engagement without an assessment gets no section. Tests: test/*.yaml,
-- run with `waymark test-plugin samples/plugins/ai_readiness`.

local DEFAULT_WEIGHTS = { "data=3", "architecture=2", "security=2", "team=2", "delivery=1" }

-- What to do about an area below the level AI needs, by dimension name.
local ADVICE = {
  data = "Put the data AI would learn from under named owners and quality checks: one "
    .. "governed, documented store with lineage, before any model is bought or built.",
  architecture = "Put documented APIs in front of the core systems, so that a model's "
    .. "output can reach the workflow without manual steps.",
  security = "Decide what data may leave the company and on what terms, and bring AI "
    .. "services into the supplier and access reviews.",
  team = "Name an owner for AI use cases and give two engineers time to learn on a first, "
    .. "bounded pilot.",
  delivery = "Automate testing and releases, so that a model or a prompt can be changed "
    .. "and rolled back as safely as code.",
}

-- "dimension=weight" texts from the config, as dimension -> weight.
local function parse_weights(list)
  local weights = {}
  for i, text in ipairs(list) do
    local name, value = text:match("^%s*([%w_.%-]+)%s*=%s*([%d.]+)%s*$")
    local w = tonumber(value)
    if not name or not w then
      waymark.fail { message = "expected 'dimension=weight', got '" .. text .. "'",
                     path = "config.weights[" .. i .. "]" }
    end
    weights[name] = w
  end
  return weights
end

-- "data_platform" -> "Data platform"
local function label(dimension)
  local s = dimension:gsub("[_%-]", " ")
  return s:sub(1, 1):upper() .. s:sub(2)
end

-- A maturity level as text: "2", "2.5".
local function level(x)
  local s = string.format("%.1f", waymark.round(x, 1))
  return (s:gsub("%.0$", ""))
end

local function percent(x)
  return string.format("%d%%", math.tointeger(waymark.round(x)) or 0)
end

local function stage_of(score)
  if score >= 80 then
    return "ready to scale", "AI can move from pilots into everyday work, area by area."
  elseif score >= 50 then
    return "ready for pilots", "Pilots in well-bounded areas can start now, while the "
      .. "gaps below are closed."
  end
  return "foundations first", "The foundations below come before any AI investment; a "
    .. "pilot now would spend most of its budget on them."
end

-- The roadmap's initiatives tagged with `tag`, as "I3 Title (2027-Q2)" texts.
local function initiatives_for(tag, plan, eng)
  local tagged = {}
  for _, ini in ipairs(eng.initiatives) do
    for _, t in ipairs(ini.tags) do
      if t == tag then tagged[ini.id] = true end
    end
  end
  local out = {}
  for _, p in ipairs(plan.initiatives) do -- rank order
    if tagged[p.id] then
      local when = p.status == "scheduled" and p.start or "deferred"
      out[#out + 1] = p.id .. " " .. p.title .. " (" .. when .. ")"
    end
  end
  return out
end

local function document(plan, ctx)
  local areas = ctx.engagement.assessment
  if #areas == 0 then
    waymark.log("no assessment: no section")
    return {}
  end
  local cfg = ctx.config
  local weights, required = parse_weights(cfg.weights), cfg.required

  local sum_w, now, later = 0, 0, 0
  local rows, names, current, target, needed, gaps = {}, {}, {}, {}, {}, {}
  for i, a in ipairs(areas) do -- the engagement's order
    local w = weights[a.dimension] or cfg.other_weight
    local tgt = a.target or a.current
    sum_w = sum_w + w
    now = now + w * math.min(a.current / required, 1)
    later = later + w * math.min(tgt / required, 1)
    local gap = math.max(required - a.current, 0)
    if gap > 0 then
      gaps[#gaps + 1] = { area = a, weight = w, gap = gap, order = i }
    end
    names[i], current[i], target[i], needed[i] = label(a.dimension), a.current, tgt, required
    rows[i] = { label(a.dimension), level(w), level(a.current), a.target and level(a.target) or "–",
                gap > 0 and level(gap) or "ready" }
  end
  local score = sum_w > 0 and 100 * now / sum_w or 0
  local at_target = sum_w > 0 and 100 * later / sum_w or 0
  local stage, advice = stage_of(score)

  -- Recommendations: the biggest weighted gap first, then the file's order.
  table.sort(gaps, function(x, y)
    local wx, wy = waymark.round_sig(x.weight * x.gap), waymark.round_sig(y.weight * y.gap)
    if wx ~= wy then return wx > wy end
    return x.order < y.order
  end)
  local recs = {}
  for i, g in ipairs(gaps) do
    local d = g.area.dimension
    local text = ADVICE[d] or ("Raise " .. label(d):lower() .. " from " .. level(g.area.current)
      .. " to at least " .. level(required) .. ".")
    local on_roadmap = initiatives_for(d, plan, ctx.engagement)
    local roadmap = " Nothing on the roadmap addresses it yet."
    if #on_roadmap > 0 then
      roadmap = " On the roadmap: " .. table.concat(on_roadmap, "; ") .. "."
    end
    recs[i] = { waymark.bold(label(d) .. " (" .. level(g.area.current) .. " of " .. level(required)
      .. "): "), text .. roadmap }
  end

  local blocks = {
    waymark.paragraph {
      "AI readiness is ", waymark.bold(percent(score)), ": ", stage, ". ", advice,
      " Each assessed area needs a maturity of ", level(required), " out of 5 before AI can be "
        .. "relied on in production, and counts by how much of that it has, weighted by how "
        .. "much AI depends on it. With every area at its target the readiness would be ",
      percent(at_target), ".",
    },
    waymark.kv {
      { "Readiness today", percent(score) .. " (" .. stage .. ")" },
      { "Readiness at target", percent(at_target) },
      { "Level AI needs", level(required) .. " of 5 in every area" },
      { "Areas below it", #gaps == 0 and "none" or tostring(#gaps) .. " of " .. #areas },
    },
    waymark.chart {
      kind = "bar", title = "Maturity against the level AI needs",
      data = {
        categories = names,
        series = {
          { name = "Current", values = current },
          { name = "Target", values = target },
          { name = "Needed for AI", values = needed },
        },
      },
    },
    waymark.table {
      columns = { { title = "Area", width = 1 }, { title = "Weight", align = "right" },
                  { title = "Current", align = "right" }, { title = "Target", align = "right" },
                  { title = "Gap to AI-ready", align = "right" } },
      rows = rows,
    },
    waymark.heading("Recommendations", 2),
  }
  if #recs > 0 then
    blocks[#blocks + 1] = waymark.list(recs, true)
  else
    blocks[#blocks + 1] = waymark.paragraph("Every area is at the level AI needs. Start with "
      .. "the objective of highest value, with a pilot that has a measure of success agreed "
      .. "before it starts.")
  end
  waymark.log("readiness", percent(score), "with", #gaps, "areas below", level(required))
  return {
    waymark.section { id = "ai-readiness", title = "AI readiness", after = cfg.after,
                      blocks = blocks },
  }
end

return {
  name = "ai_readiness",
  version = "1.0.0",
  api_version = 1,
  description = "AI readiness from the assessment: a score, a chart and recommendations",
  config = {
    required = { type = "number", default = 3.0, min = 0.5, max = 5,
                 description = "the maturity (0..5) each area needs before AI is used" },
    weights = { type = "list", default = DEFAULT_WEIGHTS,
                description = "how much AI depends on each area, as 'dimension=weight'" },
    other_weight = { type = "number", default = 1.0, min = 0,
                     description = "the weight of an area not in weights" },
    after = { type = "string", default = "assessment",
              description = "the id of the section this one follows" },
  },
  hooks = { document = document },
}
