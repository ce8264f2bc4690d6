-- error(nil): no message at all.
local function prioritise(plan, ctx)
  error(nil)
end

return {
  name = "error_nil",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
