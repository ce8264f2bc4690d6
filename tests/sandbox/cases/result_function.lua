-- A function inside the result.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", score = function() return 1 end } } }
end

return {
  name = "result_function",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
