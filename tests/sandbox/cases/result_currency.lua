-- The currency belongs to the host: a plugin cannot change it.
local function prioritise(plan, ctx)
  return { currency = "USD" }
end

return {
  name = "result_currency",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
