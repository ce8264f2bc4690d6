-- Shared by the prioritise/* plugins (a module for require, not a plugin:
-- files starting with "_" are never loaded as plugins).
--
-- method.md: score inputs missing from an initiative count 0, except that
-- business_value defaults to the highest `value` among its objectives (0 when
-- none has one), and RICE impact and confidence default to 1.

local M = {}

M.names = { "business_value", "time_criticality", "risk_reduction", "reach", "impact",
            "confidence" }

-- Every score input of every initiative, defaults applied: id -> {name = value}.
---@param engagement waymark.Engagement
---@return table<string, table<string, number>>
function M.all(engagement)
  local value = {}
  for _, o in ipairs(engagement.objectives) do value[o.id] = o.value end
  local result = {}
  for _, ini in ipairs(engagement.initiatives) do
    local s, inputs = ini.scores, {}
    for _, name in ipairs(M.names) do inputs[name] = s[name] end
    if inputs.business_value == nil then
      local best = 0
      for _, oid in ipairs(ini.objectives) do
        if value[oid] and value[oid] > best then best = value[oid] end
      end
      inputs.business_value = best
    end
    inputs.impact = inputs.impact or 1
    inputs.confidence = inputs.confidence or 1
    for _, name in ipairs(M.names) do inputs[name] = inputs[name] or 0 end
    result[ini.id] = inputs
  end
  return result
end

-- effort_days of each initiative as estimated: id -> days.
---@param plan waymark.Plan
---@return table<string, number>
function M.effort_days(plan)
  local days = {}
  for _, p in ipairs(plan.initiatives) do days[p.id] = p.effort_days end
  return days
end

-- The result of a prioritise hook: records in rank order with their rank.
-- `scored` is a list of {id =, tier =, score = number or nil, inputs = {...}}.
---@class prioritise.Scored: waymark.RankItem
---@field inputs table<string, number> # becomes score_inputs

---@param scored prioritise.Scored[]
---@param method string # the plan's `method`, such as "wsjf"
---@return waymark.Result
function M.ranked(scored, method)
  local by_id = {}
  for _, s in ipairs(scored) do by_id[s.id] = s end
  local order = waymark.rank(scored)
  local out = {}
  for i, id in ipairs(order) do
    local s = by_id[id]
    out[i] = { id = id, rank = i, tier = s.tier, method = method, score = s.score,
               score_inputs = s.inputs }
  end
  return { initiatives = out }
end

-- An effort this small counts as none (method.md's 1e-9 tolerance).
M.NO_EFFORT = 1e-9

return M
