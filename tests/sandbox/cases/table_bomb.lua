-- A table-of-tables bomb: stopped by the memory cap (64 MiB per state).
local function prioritise(plan, ctx)
  local t = {}
  for i = 1, math.maxinteger do t[i] = { i, i, i, i } end
end

return {
  name = "table_bomb",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
