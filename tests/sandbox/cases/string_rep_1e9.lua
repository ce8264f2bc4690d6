-- string.rep("x", 1e9): under Lua's own 2 GiB string limit, so the request
-- reaches the capped allocator, which must refuse it.
local function prioritise(plan, ctx)
  local s = string.rep("x", 1e9)
  error("ESCAPED: got " .. #s .. " bytes")
end

return {
  name = "string_rep_1e9",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
