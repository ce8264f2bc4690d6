-- A FIFO where a module should be: refused at once, not waited on (an open
-- of a FIFO blocks until a writer comes, which is never).
local function prioritise(plan, ctx)
  local m = require("pipe")
  error("ESCAPED: " .. type(m))
end

return {
  name = "require_fifo",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
