-- error(42): a number gets no position from error(); the traceback has it.
local function prioritise(plan, ctx)
  error(42)
end

return {
  name = "error_number",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
