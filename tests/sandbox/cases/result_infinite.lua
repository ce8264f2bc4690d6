-- An infinite cost (1/0) must be refused with the path to it.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", cost = 1 / 0 } } }
end

return {
  name = "result_infinite",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
