-- A metatable whose __gc is only reachable through *its* metatable's
-- __index: setmetatable's raw check sees no __gc, and Lua looks __gc up raw
-- too, so no finalizer is registered.  Harmless: the plan must succeed.
local keep = {}

local function risks(plan, ctx)
  local looping = function() while true do end end
  local mt = setmetatable({}, { __index = { __gc = looping } })
  assert(mt.__gc == looping)
  keep[1] = setmetatable({}, mt)
  setmetatable({}, mt)
  for i = 1, 200000 do local x = { i, tostring(i) } end
  return nil
end

return {
  name = "gc_via_index",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
