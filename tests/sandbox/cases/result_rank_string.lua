-- A rank given as text ("1"), not a number.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", rank = "1" } } }
end

return {
  name = "result_rank_string",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
