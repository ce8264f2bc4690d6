-- table.unpack over a huge range (Redis's unpack CVE-2025-46819 class): Lua
-- must refuse it with "too many results to unpack".
local function prioritise(plan, ctx)
  assert(not pcall(table.unpack, {}, math.mininteger, math.maxinteger))
  assert(not pcall(table.unpack, {}, 1, 1e8))
  return table.unpack({}, 1, 1 << 40)
end

return {
  name = "unpack_huge",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
