-- Text that is not UTF-8 (a lone 0xFF byte) in a result.
local function prioritise(plan, ctx)
  return { initiatives = { { id = "I1", title = "caf\xE9 \xFF" } } }
end

return {
  name = "result_bad_utf8",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
