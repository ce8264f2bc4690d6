-- risks/register: score = likelihood x impact, sorted by score descending,
-- then id; bands 1-4 low, 5-9 medium, 10-16 high, 17-25 critical (method.md).

---@param score number
---@return waymark.Band
local function band(score)
  if score >= 17 then return "critical" end
  if score >= 10 then return "high" end
  if score >= 5 then return "medium" end
  return "low"
end

---@param _plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function register(_plan, ctx)
  local scored = {}
  for _, r in ipairs(ctx.engagement.risks) do
    -- waymark.rank orders by score descending, then id bytes; one tier for all.
    scored[#scored + 1] = { id = r.id, tier = "must", score = r.likelihood * r.impact }
  end
  local score_of = {}
  for _, s in ipairs(scored) do score_of[s.id] = s.score end
  local out = {}
  for i, id in ipairs(waymark.rank(scored)) do
    out[i] = { id = id, score = score_of[id], band = band(score_of[id]) }
  end
  return { risks = out }
end

---@type waymark.Plugin
local plugin = {
  name = "risks/register",
  version = "1.0.0",
  api_version = 1,
  description = "Risk register: likelihood x impact, banded, highest first",
  hooks = { risks = register },
}

return plugin
