-- A result nested 40 levels deep (the reader stops at 32).
local function prioritise(plan, ctx)
  local t = {}
  for i = 1, 40 do t = { t } end
  return { initiatives = { { id = "I1", extra = t } } }
end

return {
  name = "result_deep_nesting",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
