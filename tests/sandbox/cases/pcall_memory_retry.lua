-- Catch the memory error and try again, forever: the memory cap alone
-- cannot end this; the time limit must.
local function prioritise(plan, ctx)
  while true do pcall(string.rep, "x", 1e9) end
end

return {
  name = "pcall_memory_retry",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
