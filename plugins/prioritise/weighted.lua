-- prioritise/weighted: the sum of weight x score input over the weights the
-- engagement gives (business_value, time_criticality and risk_reduction at 1
-- when it gives none), within MoSCoW tiers (method.md).

local inputs = require("_inputs")

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function prioritise(plan, ctx)
  local eng = ctx.engagement
  local weights, any = {}, false
  for _, name in ipairs(inputs.names) do
    local w = eng.prioritisation.weights[name]
    if w ~= nil then
      weights[#weights + 1] = { name = name, w = w }
      any = true
    end
  end
  if not any then
    weights = { { name = "business_value", w = 1 }, { name = "time_criticality", w = 1 },
                { name = "risk_reduction", w = 1 } }
  end
  local all, days = inputs.all(eng), inputs.effort_days(plan)
  local scored = {}
  for _, ini in ipairs(eng.initiatives) do
    local x, score, used = all[ini.id], 0, {}
    for _, w in ipairs(weights) do
      score = score + w.w * x[w.name]
      used[w.name] = x[w.name]
    end
    used.effort_days = days[ini.id]
    scored[#scored + 1] = { id = ini.id, tier = ini.moscow, score = score, inputs = used }
  end
  return inputs.ranked(scored, "weighted")
end

---@type waymark.Plugin
local plugin = {
  name = "prioritise/weighted",
  version = "1.0.0",
  api_version = 1,
  description = "Weighted sum of score inputs, MoSCoW tiers first",
  hooks = { prioritise = prioritise },
}

return plugin
