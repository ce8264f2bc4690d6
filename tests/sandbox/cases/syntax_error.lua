-- Not valid Lua: a missing 'end'.  The error must give file:line.
local function prioritise(plan, ctx)
  if plan then
    return nil

return {
  name = "syntax_error",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
