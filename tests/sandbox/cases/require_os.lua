-- require("os"): the plugin-local require loads only .lua files from the
-- plugin's own folder, never a system module (C or Lua).
local function prioritise(plan, ctx)
  local m = require("os")
  error("ESCAPED: require('os') returned a " .. type(m))
end

return {
  name = "require_os",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
