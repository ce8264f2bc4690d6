-- A start quarter after the 8-quarter horizon (2027-Q1 .. 2028-Q4).
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", start = "2031-Q1" } } }
end

return {
  name = "result_quarter_outside",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
