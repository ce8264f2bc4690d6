-- A finalizer runs with debug hooks off (also in lua_close), so a looping
-- __gc could never be stopped: setmetatable must refuse a raw __gc field.
local function prioritise(plan, ctx)
  local t = setmetatable({}, { __gc = function() while true do end end })
  error("ESCAPED: setmetatable accepted __gc")
end

return {
  name = "setmetatable_gc",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
