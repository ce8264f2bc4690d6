-- @NAME@: a prioritise plugin.
--
-- For Waymark. Listed in an engagement's `plugins:`, it replaces the default
-- prioritiser (only the last plugin with a prioritise hook runs). It scores
-- each initiative as business value plus `weight` (default 2) times time
-- criticality, and ranks them MoSCoW tier first, then by score (waymark.rank,
-- the method's ranking rule).
--
-- Made by `waymark new-plugin --stage prioritise`: change the score to your
-- method. README.md has the next steps; Waymark's docs/plugins.md the whole
-- API.
--
-- A prioritiser must give every initiative rank (1..n, each once), tier,
-- method, score and score_inputs, and return them in rank order: the plan is
-- checked for it after the last stage.

-- The method's name, recorded with every initiative's score.
local METHOD = "@NAME@"

local function prioritise(_plan, ctx)
  local weight = ctx.config.weight
  local items, by_id = {}, {}
  for _, ini in ipairs(ctx.engagement.initiatives) do
    local bv, tc = ini.scores.business_value or 0, ini.scores.time_criticality or 0
    local item = { id = ini.id, tier = ini.moscow, score = bv + weight * tc,
                   inputs = { business_value = bv, time_criticality = tc, weight = weight } }
    items[#items + 1], by_id[ini.id] = item, item
  end
  local out = {}
  for rank, id in ipairs(waymark.rank(items)) do -- tier, then score, then id
    local it = by_id[id]
    out[rank] = { id = id, rank = rank, tier = it.tier, method = METHOD, score = it.score,
                  score_inputs = it.inputs }
  end
  return { initiatives = out }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Business value plus weighted time criticality, MoSCoW tiers first",
  config = {
    weight = { type = "number", default = 2.0, min = 0,
               description = "the weight of time criticality" },
  },
  hooks = { prioritise = prioritise },
}
