-- estimate/pert: PERT estimates, costs and the Monte Carlo (method.md, "Estimate").
--
-- Two hooks.  `estimate` gives each initiative its PERT effort per role,
-- effort_days and labour.  Costs that depend on the schedule (once-costs in
-- the start quarter, run costs after the end quarter), contingency, the
-- per-quarter roll-up, the totals and the Monte Carlo come in the `risks`
-- stage, the first stage after `schedule`: it is quantitative cost risk.

---@param engagement waymark.Engagement
---@return table<string, number> rate # day rate by role
local function rates_of(engagement)
  local rate = {}
  for _, role in ipairs(engagement.team) do rate[role.name] = role.rate end
  return rate
end

---@param _plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function estimate(_plan, ctx)
  local rate = rates_of(ctx.engagement)
  local out = {}
  for _, ini in ipairs(ctx.engagement.initiatives) do
    local effort, days, labour = {}, 0, 0
    for _, e in ipairs(ini.effort) do
      local mean = (e.o + 4 * e.m + e.p) / 6
      effort[e.role] = { o = e.o, m = e.m, p = e.p, mean = mean, sd = (e.p - e.o) / 6 }
      days = days + mean
      labour = labour + mean * rate[e.role]
    end
    out[#out + 1] = { id = ini.id, effort = effort, effort_days = days, labour = labour }
  end
  return { initiatives = out }
end

-- Non-labour costs of one initiative per quarter index (1-based), given its
-- start and end indexes (nil when deferred: once-costs only, no quarter).
---@param ini waymark.Initiative
---@param s integer? start quarter index
---@param e integer? end quarter index
---@param nq integer quarters in the horizon
---@return number total
---@return table<integer, number> by_q
local function other_costs(ini, s, e, nq)
  local by_q, total = {}, 0
  for _, c in ipairs(ini.costs) do
    if c.recurring == "once" then
      total = total + c.amount
      if s then by_q[s] = (by_q[s] or 0) + c.amount end
    elseif s then
      local per = c.recurring == "monthly" and 3 * c.amount or c.amount / 4
      for q = e + 1, nq do
        by_q[q] = (by_q[q] or 0) + per
        total = total + per
      end
    end
  end
  return total, by_q
end

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function costs(plan, ctx)
  local eng = ctx.engagement
  local rate = rates_of(eng)
  local c = eng.budget.contingency or 0
  local quarters = plan.quarters
  local nq = #quarters
  local index = {}
  for i, q in ipairs(quarters) do index[q] = i end
  local by_id = {}
  for _, ini in ipairs(eng.initiatives) do by_id[ini.id] = ini end

  local q_labour, q_other, q_days = {}, {}, {}
  for i = 1, nq do
    q_labour[i], q_other[i], q_days[i] = 0, 0, {}
    for _, role in ipairs(eng.team) do q_days[i][role.name] = 0 end
  end

  local out = {}
  local totals = { labour = 0, other = 0, contingency = 0, cost = 0, scheduled = 0, deferred = 0 }
  local efforts, constant = {}, 0
  for _, p in ipairs(plan.initiatives) do
    local ini = by_id[p.id]
    local scheduled = p.status == "scheduled"
    local s = scheduled and index[p.start] or nil
    local e = scheduled and index[p["end"]] or nil
    local other, by_q = other_costs(ini, s, e, nq)
    local contingency = c * (p.labour + other)
    out[#out + 1] = { id = p.id, other = other, contingency = contingency,
                      cost = p.labour + other + contingency }
    if scheduled then
      totals.scheduled = totals.scheduled + 1
      totals.labour = totals.labour + p.labour
      totals.other = totals.other + other
      totals.contingency = totals.contingency + contingency
      totals.cost = totals.cost + p.labour + other + contingency
      -- Fixed orders (quarters, then team roles): sums never depend on pairs().
      for q = 1, nq do
        if by_q[q] then q_other[q] = q_other[q] + by_q[q] end
      end
      for i = s, e do
        local grants = p.allocation[quarters[i]]
        if grants then
          for _, role in ipairs(eng.team) do
            local days = grants[role.name]
            if days then
              q_days[i][role.name] = q_days[i][role.name] + days
              q_labour[i] = q_labour[i] + days * role.rate
            end
          end
        end
      end
      for _, ef in ipairs(ini.effort) do
        efforts[#efforts + 1] = { o = ef.o, m = ef.m, p = ef.p, rate = rate[ef.role] }
      end
      constant = constant + other
    else
      totals.deferred = totals.deferred + 1
    end
  end

  local by_quarter = {}
  for i, q in ipairs(quarters) do
    local roles = {}
    for _, role in ipairs(eng.team) do
      roles[role.name] = { days = q_days[i][role.name], capacity = role.capacity or waymark.null,
                           cost = q_days[i][role.name] * role.rate }
    end
    local contingency = c * (q_labour[i] + q_other[i])
    by_quarter[i] = { quarter = q, labour = q_labour[i], other = q_other[i],
                      contingency = contingency, cost = q_labour[i] + q_other[i] + contingency,
                      roles = roles }
  end

  local limits = { totals.cost }
  if eng.budget.total then limits[2] = eng.budget.total end
  local mc = waymark.simulate {
    efforts = efforts, constant = constant, limits = limits,
    iterations = ctx.config.iterations, seed = ctx.config.seed,
  }
  totals.p50, totals.p80, totals.p90 = mc.p50, mc.p80, mc.p90
  totals.contingency_confidence = mc.fractions[1]
  if eng.budget.total then
    totals.budget = eng.budget.total
    totals.variance = eng.budget.total - totals.cost
    totals.p_within_budget = mc.fractions[2]
  end
  return { initiatives = out, by_quarter = by_quarter, totals = totals }
end

---@type waymark.Plugin
local plugin = {
  name = "estimate/pert",
  version = "1.0.0",
  api_version = 1,
  description = "PERT three-point estimates, costs with contingency, Monte Carlo confidence",
  config = {
    iterations = { type = "integer", default = 10000, min = 100, max = 1000000,
                   description = "Monte Carlo iterations" },
    seed = { type = "integer", default = 1, min = 0,
             description = "seed of the Monte Carlo's random numbers" },
  },
  hooks = { estimate = estimate, risks = costs },
}

return plugin
