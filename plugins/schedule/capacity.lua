-- schedule/capacity: place initiatives in quarters by rank, within each
-- role's capacity and the per-quarter budget (method.md, "Schedule").
--
-- Step numbers below are method.md's.  Quarters are indexes 1..n here.

local EPS = 1e-9 -- below this, effort or capacity counts as none

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Result
local function schedule(plan, ctx)
  local eng = ctx.engagement
  local quarters = plan.quarters
  local nq = #quarters
  local first_q = waymark.quarter_index(quarters[1])

  local rate, cap_left = {}, {}
  for _, role in ipairs(eng.team) do
    rate[role.name] = role.rate
    if role.capacity ~= nil then -- a role without capacity is unconstrained
      cap_left[role.name] = {}
      for i = 1, nq do cap_left[role.name][i] = role.capacity end
    end
  end

  local ini_of, rank_of, mean_of = {}, {}, {}
  for _, ini in ipairs(eng.initiatives) do ini_of[ini.id] = ini end
  for i, p in ipairs(plan.initiatives) do
    rank_of[p.id] = i
    mean_of[p.id] = p.effort
  end

  -- Blocked quarters (method.md, "Blocked quarters"): per quarter index,
  -- the first block (in file order) that stops a go-live there, and per
  -- role the first that stops the role's work there.  Quarters outside the
  -- horizon block nothing.
  local no_go_live, role_blocked = {}, {}
  for _, b in ipairs(eng.blocked or {}) do
    for _, q in ipairs(b.quarters) do
      local i = waymark.quarter_index(q) - first_q + 1
      if i >= 1 and i <= nq then
        if b.go_live and not no_go_live[i] then no_go_live[i] = b end
        for _, r in ipairs(b.roles) do
          role_blocked[r] = role_blocked[r] or {}
          if not role_blocked[r][i] then role_blocked[r][i] = b end
        end
      end
    end
  end
  local function blocked_for(role, q) return role_blocked[role] and role_blocked[role][q] end

  local per_quarter = eng.budget.per_quarter
  local spent = {} -- labour and once-costs placed per quarter, for step 5
  for i = 1, nq do spent[i] = 0 end

  local placed = {} -- id -> result record

  local function defer(id, kind, reason)
    placed[id] = { id = id, status = "deferred", reason_kind = kind, reason = reason }
  end

  local function once_costs(ini)
    local total = 0
    for _, c in ipairs(ini.costs) do
      if c.recurring == "once" then total = total + c.amount end
    end
    return total
  end

  -- Step 4: one attempt from quarter `from`.  Returns grants (q -> role ->
  -- days), start, end; or nil, kind, reason.
  local function attempt(ini, from)
    local grants, s, e = {}, nil, nil
    local short = {}
    local means = mean_of[ini.id]
    for _, ef in ipairs(ini.effort) do
      local cap = cap_left[ef.role]
      local remaining = means[ef.role].mean
      if cap and remaining >= EPS then
        for q = from, nq do
          if remaining < EPS then break end
          local g = blocked_for(ef.role, q) and 0 or math.min(remaining, cap[q])
          if g >= EPS then -- only positive grants count
            grants[q] = grants[q] or {}
            grants[q][ef.role] = (grants[q][ef.role] or 0) + g
            remaining = remaining - g
            if not s or q < s then s = q end
            if not e or q > e then e = q end
          end
        end
        if remaining >= EPS then short[ef.role] = true end
      end
    end
    if next(short) then -- running out of capacity: every role that ran short, in team order
      local roles = {}
      for _, role in ipairs(eng.team) do
        if short[role.name] then roles[#roles + 1] = role.name end
      end
      return nil, "capacity", "capacity of " .. table.concat(roles, ", ")
    end
    if not s then s, e = from, from end -- no constrained effort: the attempt's own quarter
    -- Unconstrained roles: spread evenly over the quarters of start..end in
    -- which the role is not blocked; with none, the attempt fails.
    for _, ef in ipairs(ini.effort) do
      local remaining = means[ef.role].mean
      if not cap_left[ef.role] and remaining >= EPS then
        local open = {}
        for q = s, e do
          if not blocked_for(ef.role, q) then open[#open + 1] = q end
        end
        if #open == 0 then
          return nil, "blocked", ef.role .. " blocked in " .. quarters[s] .. " ("
            .. blocked_for(ef.role, s).reason .. ")"
        end
        local per = remaining / #open
        for _, q in ipairs(open) do
          grants[q] = grants[q] or {}
          grants[q][ef.role] = (grants[q][ef.role] or 0) + per
        end
      end
    end
    -- No initiative goes live (ends) in a go-live-blocked quarter.
    if no_go_live[e] then
      return nil, "blocked", "no go-live in " .. quarters[e] .. " (" .. no_go_live[e].reason .. ")"
    end
    -- Step 5: labour and once-costs per quarter within the per-quarter cap.
    if per_quarter then
      local limit = per_quarter + 1e-9 * math.abs(per_quarter)
      local once = once_costs(ini)
      for q = s, e do
        local add = q == s and once or 0
        for _, role in ipairs(eng.team) do
          local days = grants[q] and grants[q][role.name]
          if days then add = add + days * rate[role.name] end
        end
        if spent[q] + add > limit then return nil, "budget", "per-quarter budget" end
      end
    end
    return grants, s, e
  end

  local function commit(ini, grants, s, e)
    local allocation = {}
    local once = once_costs(ini)
    for q = s, e do
      local g = grants[q]
      if g then
        local row = {}
        for _, role in ipairs(eng.team) do
          local days = g[role.name]
          if days then
            row[role.name] = days
            if cap_left[role.name] then cap_left[role.name][q] = cap_left[role.name][q] - days end
            spent[q] = spent[q] + days * rate[role.name]
          end
        end
        allocation[quarters[q]] = row
      end
    end
    spent[s] = spent[s] + once
    placed[ini.id] = { id = ini.id, status = "scheduled", start = quarters[s],
                       ["end"] = quarters[e], allocation = allocation, start_i = s, end_i = e }
  end

  -- Steps 2 to 6 for an initiative whose dependencies are all placed.
  local function place(ini)
    for _, dep in ipairs(ini.depends_on) do -- step 2
      if placed[dep].status == "deferred" then
        return defer(ini.id, "dependency", "depends on deferred " .. dep)
      end
    end
    local from = 1 -- step 3
    local earliest = ini.earliest and (waymark.quarter_index(ini.earliest) - first_q + 1)
    if earliest and earliest > from then from = earliest end
    for _, dep in ipairs(ini.depends_on) do
      if placed[dep].end_i + 1 > from then from = placed[dep].end_i + 1 end
    end
    if from > nq then
      if earliest and earliest > nq then
        return defer(ini.id, "horizon", "earliest " .. ini.earliest .. " is beyond the horizon")
      end
      for _, dep in ipairs(ini.depends_on) do
        if placed[dep].end_i == nq then
          return defer(ini.id, "horizon", "dependency " .. dep .. " ends in the last quarter")
        end
      end
    end
    local first_kind, first_reason
    while from <= nq do
      local grants, s, e = attempt(ini, from)
      if grants then return commit(ini, grants, s, e) end
      first_kind, first_reason = first_kind or s, first_reason or e
      if s == "capacity" then break end -- a later start cannot help
      from = from + 1 -- the cap never spreads work thinner: start later
    end
    defer(ini.id, first_kind, first_reason) -- step 6
  end

  -- Step 1: rank order; dependencies first, depth first, in rank order.
  local deps_by_rank = {}
  for _, ini in ipairs(eng.initiatives) do
    local deps = {}
    for i, d in ipairs(ini.depends_on) do deps[i] = d end
    table.sort(deps, function(a, b) return rank_of[a] < rank_of[b] end)
    deps_by_rank[ini.id] = deps
  end
  for _, p in ipairs(plan.initiatives) do
    local stack = { p.id }
    while #stack > 0 do
      local id = stack[#stack]
      local ini = ini_of[id]
      if placed[id] then
        stack[#stack] = nil
      elseif ini.moscow == "wont" then -- deferred at once; places nothing else
        defer(id, "wont", "won't have in this horizon")
        stack[#stack] = nil
      else
        local pending
        for _, d in ipairs(deps_by_rank[id]) do
          if not placed[d] then pending = d break end
        end
        if pending then
          stack[#stack + 1] = pending
        else
          place(ini)
          stack[#stack] = nil
        end
      end
    end
  end

  -- Step 8: objectives complete at the latest end of their initiatives.
  local serving = {} -- objective id -> initiatives serving it, in file order
  for _, ini in ipairs(eng.initiatives) do
    for _, oid in ipairs(ini.objectives) do
      serving[oid] = serving[oid] or {}
      table.insert(serving[oid], ini.id)
    end
  end
  local objectives = {}
  for _, o in ipairs(eng.objectives) do
    local latest, deferred = nil, false
    for _, id in ipairs(serving[o.id] or {}) do
      local r = placed[id]
      if r.status == "deferred" then
        deferred = true
      elseif not latest or r.end_i > latest then
        latest = r.end_i
      end
    end
    local completes = (serving[o.id] and not deferred) and quarters[latest] or nil
    local at_risk = false
    if o.deadline then
      at_risk = completes == nil
        or waymark.quarter_index(completes) > waymark.quarter_index(o.deadline)
    end
    objectives[#objectives + 1] = { id = o.id, completes = completes, at_risk = at_risk }
  end

  local out = {}
  for _, p in ipairs(plan.initiatives) do
    local r = placed[p.id]
    out[#out + 1] = { id = r.id, status = r.status, start = r.start, ["end"] = r["end"],
                      allocation = r.allocation, reason = r.reason, reason_kind = r.reason_kind }
  end
  return { initiatives = out, objectives = objectives }
end

---@type waymark.Plugin
local plugin = {
  name = "schedule/capacity",
  version = "1.1.0",
  api_version = 1,
  description = "Capacity- and budget-aware quarter scheduling in rank order, with deferrals",
  hooks = { schedule = schedule },
}

return plugin
