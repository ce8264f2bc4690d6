-- A record for an initiative the engagement does not have.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", rank = 1 }, { id = "I99", rank = 2 } } }
end

return {
  name = "result_unknown_id",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
