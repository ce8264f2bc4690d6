-- A to-be-closed variable whose __close loops: __close runs while the
-- limit error unwinds the stack, and must be stopped as well (unlike __gc,
-- setmetatable allows __close).
local function prioritise(plan, ctx)
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
  while true do end
end

return {
  name = "tbc_close_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
