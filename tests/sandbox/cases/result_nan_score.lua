-- A NaN score (0/0) must be refused with the path to it.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", rank = 1, score = 0 / 0 } } }
end

return {
  name = "result_nan_score",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
