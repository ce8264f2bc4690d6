-- An error object whose __tostring loops: the host's message handler calls
-- it under the budget, so it must be stopped, not hang the run.
local function prioritise(plan, ctx)
  error(setmetatable({}, { __tostring = function() while true do end end }))
end

return {
  name = "error_tostring_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
