-- __gc added to the metatable *after* setmetatable: Lua 5.4 decides whether
-- an object gets a finalizer when setmetatable is called, so this __gc is
-- never registered and never runs (not during the hook's collections, not
-- in lua_close).  If it did run it would loop with hooks off and the run
-- would hang.  Harmless: the plan must succeed.
local keep = {}
local function arm()
  local mt = {}
  local t = setmetatable({}, mt)
  setmetatable({}, mt)         -- this one is garbage at once
  mt.__gc = function() while true do end end
  keep[#keep + 1] = t          -- this one survives until lua_close
end
arm()

local function risks(plan, ctx)
  arm()
  -- A second setmetatable with the now-__gc metatable must be refused.
  local mt = getmetatable(keep[1])
  assert(not pcall(setmetatable, {}, mt), "setmetatable accepted a metatable with __gc")
  -- Churn memory so the collector runs several full cycles.
  for i = 1, 200000 do local x = { i, tostring(i) } end
  return nil
end

return {
  name = "gc_added_after",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
