-- A user plugin: warns about initiatives smaller than a configured size,
-- and ranks by id (replacing the default prioritiser: prioritise is exclusive).
local function validate(plan, ctx)
  local out = {}
  for i, ini in ipairs(ctx.engagement.initiatives) do
    local days = 0
    for _, e in ipairs(ini.effort) do days = days + e.m end
    if days < ctx.config.below then
      out[#out + 1] = { level = "warning", path = "initiatives[" .. i .. "]",
                        message = ini.id .. " is smaller than " .. ctx.config.below .. " days" }
    end
  end
  return out
end

local function prioritise(plan, ctx)
  local ids = {}
  for _, p in ipairs(plan.initiatives) do ids[#ids + 1] = p.id end
  table.sort(ids, function(a, b) return a > b end)
  local out = {}
  for i, id in ipairs(ids) do
    out[i] = { id = id, rank = i, tier = "should", method = "by-id", score = i, score_inputs = {} }
  end
  return { initiatives = out }
end

return {
  name = "flag_small",
  version = "0.1.0",
  api_version = 1,
  description = "Flags small initiatives; ranks by id, descending",
  config = { below = { type = "number", default = 1, min = 0 } },
  hooks = { validate = validate, prioritise = prioritise },
}
