-- A 10 MB error message: the user's terminal must not get all of it.
local function prioritise(plan, ctx)
  error(string.rep("blah ", 2e6))
end

return {
  name = "error_huge_message",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
