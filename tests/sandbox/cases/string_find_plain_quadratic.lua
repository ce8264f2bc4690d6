-- A plain find (no pattern at all) is O(n*m) in lstrlib's lmemfind:
-- 2,000,000 'a's searched for 1,000,000 'a's and a 'b' compares about
-- 10^12 bytes inside one C call, well within the memory cap.
local function prioritise(plan, ctx)
  local s = string.rep("a", 2000000)
  local needle = string.rep("a", 1000000) .. "b"
  return s:find(needle, 1, true)
end

return {
  name = "string_find_plain_quadratic",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
