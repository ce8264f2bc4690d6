-- @NAME@: a schedule plugin.
--
-- For Waymark. Listed in an engagement's `plugins:`, it replaces the default
-- scheduler (only the last plugin with a schedule hook runs). In rank order,
-- each initiative starts in the first quarter that its dependencies (once
-- they end) and its `earliest` allow, and lasts as many quarters as its
-- effort needs at `days_per_quarter` person-days a quarter (default 60), each
-- role's days spread evenly over them. Capacity and budget are not looked at.
-- An initiative that is a won't-have, depends on a deferred one or does not
-- fit in the horizon is deferred, with the reason.
--
-- Made by `waymark new-plugin --stage schedule`: change the rules to your
-- method. README.md has the next steps; Waymark's docs/plugins.md the whole
-- API.
--
-- A scheduler must give every initiative a status; a scheduled one start,
-- end and allocation (quarter = { role = days }, days above 0), a deferred one
-- reason and reason_kind; and every objective at_risk (and completes when it
-- does). estimate/pert works out the costs from the allocation afterwards.

local function schedule(plan, ctx)
  local quarters = plan.quarters
  local first_q = waymark.quarter_index(quarters[1])
  local by_id = {}
  for _, ini in ipairs(ctx.engagement.initiatives) do by_id[ini.id] = ini end

  local out, ends = {}, {} -- ends: id -> index of its last quarter, or false when deferred
  local function defer(id, kind, reason)
    out[#out + 1] = { id = id, status = "deferred", reason_kind = kind, reason = reason }
    ends[id] = false
  end

  -- An initiative is placed once all it depends on is placed: a few passes
  -- over the rank order (dependencies have no cycles).
  local pending = plan.initiatives
  while #pending > 0 do
    local later = {}
    for _, p in ipairs(pending) do
      local ini = by_id[p.id]
      local first, waiting, blocked = 1, false, nil
      if ini.earliest then
        first = math.max(1, waymark.quarter_index(ini.earliest) - first_q + 1)
      end
      for _, dep in ipairs(ini.depends_on) do
        if ends[dep] == nil then
          waiting = true
        elseif ends[dep] == false then
          blocked = blocked or dep
        else
          first = math.max(first, ends[dep] + 1)
        end
      end
      if waiting then
        later[#later + 1] = p
      elseif p.tier == "wont" then
        defer(p.id, "wont", "won't have in this horizon")
      elseif blocked then
        defer(p.id, "dependency", "depends on deferred " .. blocked)
      else
        local n = math.max(1, math.ceil((p.effort_days or 0) / ctx.config.days_per_quarter))
        local last = first + n - 1
        if last > #quarters then
          defer(p.id, "horizon", "does not fit in the horizon")
        else
          local allocation = {}
          for q = first, last do
            local grant, any = {}, false
            for _, role in ipairs(ctx.engagement.team) do
              local e = p.effort[role.name]
              if e and e.mean > 0 then
                grant[role.name], any = e.mean / n, true
              end
            end
            if any then allocation[quarters[q]] = grant end -- leave out an empty quarter
          end
          out[#out + 1] = { id = p.id, status = "scheduled", start = quarters[first],
                            ["end"] = quarters[last], allocation = allocation }
          ends[p.id] = last
        end
      end
    end
    pending = later
  end

  -- An objective completes when the last initiative serving it ends; it is at
  -- risk when that is after its deadline or when one of them is deferred.
  local objectives = {}
  for _, o in ipairs(plan.objectives) do
    local last, deferred = nil, false
    for _, ini in ipairs(ctx.engagement.initiatives) do
      for _, oid in ipairs(ini.objectives) do
        if oid == o.id then
          if ends[ini.id] == false then
            deferred = true
          elseif ends[ini.id] then
            last = math.max(last or 0, ends[ini.id])
          end
        end
      end
    end
    local completes = last and quarters[last] or nil
    local late = completes ~= nil and o.deadline ~= nil
      and waymark.quarter_index(completes) > waymark.quarter_index(o.deadline)
    objectives[#objectives + 1] = { id = o.id, completes = completes, at_risk = deferred or late }
  end
  return { initiatives = out, objectives = objectives }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Dependencies and earliest start only: no capacity or budget limits",
  config = {
    days_per_quarter = { type = "number", default = 60.0, min = 1,
                         description = "person-days an initiative gets done in a quarter" },
  },
  hooks = { schedule = schedule },
}
