-- error() with a table: the host must still produce text and a traceback.
local function prioritise(plan, ctx)
  error({ code = 42 })
end

return {
  name = "error_table",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
