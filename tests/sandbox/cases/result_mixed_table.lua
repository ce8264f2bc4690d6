-- A table that is both a list and a record.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1" }, note = "mixed" } }
end

return {
  name = "result_mixed_table",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
