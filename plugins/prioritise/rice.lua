-- prioritise/rice: reach x impact x confidence / effort in months, within
-- MoSCoW tiers (method.md).  Months are effort_days / days_per_month.

local inputs = require("_inputs")

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function prioritise(plan, ctx)
  local eng, dpm = ctx.engagement, ctx.config.days_per_month
  local all, days = inputs.all(eng), inputs.effort_days(plan)
  local scored = {}
  for _, ini in ipairs(eng.initiatives) do
    local x, d = all[ini.id], days[ini.id]
    local months = d / dpm
    scored[#scored + 1] = {
      id = ini.id, tier = ini.moscow,
      score = d > inputs.NO_EFFORT and x.reach * x.impact * x.confidence / months or nil,
      inputs = { reach = x.reach, impact = x.impact, confidence = x.confidence,
                 effort_days = d, effort_months = months },
    }
  end
  return inputs.ranked(scored, "rice")
end

---@type waymark.Plugin
local plugin = {
  name = "prioritise/rice",
  version = "1.0.0",
  api_version = 1,
  description = "RICE: reach x impact x confidence / effort in months, MoSCoW tiers first",
  config = {
    days_per_month = { type = "number", default = 20, min = 1e-9,
                       description = "person-days in a person-month" },
  },
  hooks = { prioritise = prioritise },
}

return plugin
