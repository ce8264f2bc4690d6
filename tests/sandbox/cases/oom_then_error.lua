-- A plugin that hits the memory cap inside pcall, recovers, and then fails
-- for an unrelated reason: the message must be that reason, not "memory".
local function prioritise(plan, ctx)
  local ok = pcall(string.rep, "x", 1e9)
  assert(not ok)
  error("the real problem is here")
end

return {
  name = "oom_then_error",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
