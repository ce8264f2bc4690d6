-- string.rep("x", 1e10): a 10 GB request the capped allocator refuses.
local function prioritise(plan, ctx)
  local s = string.rep("x", 1e10)
  error("ESCAPED: got " .. #s .. " bytes")
end

return {
  name = "string_rep_huge",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
