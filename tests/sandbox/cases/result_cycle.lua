-- A table that contains itself: the reader must detect the cycle, not loop.
local function prioritise(plan, ctx)
  local t = { a = {} }
  t.a.back = t
  return { initiatives = { { id = "I1", extra = t } } }
end

return {
  name = "result_cycle",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
