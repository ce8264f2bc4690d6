-- The debug library (sethook, getregistry, upvalue access) must be absent:
-- with it a plugin could switch off the budget hook or reach host state.
local function prioritise(plan, ctx)
  debug.sethook()
  error("ESCAPED: debug.sethook ran")
end

return {
  name = "debug_library",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
