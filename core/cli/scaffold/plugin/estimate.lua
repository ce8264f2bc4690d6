-- @NAME@: an estimate plugin.
--
-- For Waymark. It runs after the default estimator (estimate/pert) and
-- widens the estimates of the initiatives tagged `tag` (default "platform"):
-- each optimistic, likely and pessimistic figure is multiplied by `factor`
-- (default 1.2), and the mean, spread, effort days and labour cost are worked
-- out again. The initiatives it changes get a field of its own, `uplift`, in
-- the plan.
--
-- Made by `waymark new-plugin --stage estimate`: change the rule to
-- the one you need. README.md has the next steps; Waymark's docs/plugins.md
-- the whole API.
--
-- An estimate hook returns { initiatives = { { id =, effort =, effort_days =,
-- labour = }, ... } }; records merge by id, so it returns only the ones it
-- changes.

local function estimate(plan, ctx)
  local factor, tag = ctx.config.factor, ctx.config.tag
  local tagged = {}
  for _, ini in ipairs(ctx.engagement.initiatives) do
    for _, t in ipairs(ini.tags) do
      if t == tag then tagged[ini.id] = true end
    end
  end
  local out = {}
  for _, p in ipairs(plan.initiatives) do -- estimate/pert has filled their effort
    if tagged[p.id] then
      local effort, days, labour = {}, 0, 0
      for _, role in ipairs(ctx.engagement.team) do -- the team's order: the same sums every run
        local e = p.effort[role.name]
        if e then
          local o, m, pess = e.o * factor, e.m * factor, e.p * factor
          local mean = (o + 4 * m + pess) / 6
          effort[role.name] = { o = o, m = m, p = pess, mean = mean, sd = (pess - o) / 6 }
          days = days + mean
          labour = labour + mean * role.rate
        end
      end
      out[#out + 1] = { id = p.id, effort = effort, effort_days = days, labour = labour,
                        uplift = factor }
    end
  end
  waymark.log("widened", #out, "estimates") -- shown with waymark plan -v
  return { initiatives = out }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Widens the estimates of the initiatives with a given tag",
  config = {
    tag = { type = "string", default = "platform",
            description = "the tag of the initiatives to widen" },
    factor = { type = "number", default = 1.2, min = 1, max = 10,
               description = "what every figure of their estimates is multiplied by" },
  },
  hooks = { estimate = estimate },
}
