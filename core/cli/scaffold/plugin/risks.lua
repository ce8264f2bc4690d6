-- @NAME@: a risks plugin.
--
-- For Waymark. It runs after the default risks hooks (the costs and totals of
-- estimate/pert, the register of risks/register), so it sees the finished
-- costs. It gives each risk its exposure: the cost of the initiatives that
-- mitigate it, and that cost weighted by the risk's score out of 25. These
-- are fields of its own (`exposure`, `weighted_exposure`) in the plan's JSON,
-- with their sum in `risk_exposure`.
--
-- Made by `waymark new-plugin --stage risks`: change it to what you need.
-- README.md has the next steps; Waymark's docs/plugins.md the whole API.
--
-- A risks hook returns plan fields; records (initiatives, objectives, risks)
-- merge by id, field by field, and fields the plan does not define are kept.

local function risks(plan, _ctx)
  local cost = {}
  for _, p in ipairs(plan.initiatives) do
    cost[p.id] = p.status == "scheduled" and p.cost or 0 -- deferred work costs nothing
  end
  local out, total = {}, 0
  for _, r in ipairs(plan.risks) do -- highest score first
    local exposure = 0
    for _, id in ipairs(r.initiatives) do exposure = exposure + cost[id] end
    local weighted = exposure * r.score / 25
    out[#out + 1] = { id = r.id, exposure = waymark.round(exposure, 2),
                      weighted_exposure = waymark.round(weighted, 2) }
    total = total + weighted
  end
  return { risks = out, risk_exposure = waymark.round(total, 2) }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "The cost exposed to each risk, weighted by its score",
  hooks = { risks = risks },
}
