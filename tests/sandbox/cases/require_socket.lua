-- require("socket"): the plugin-local require loads only .lua files from the
-- plugin's own folder, never a system module (C or Lua).
local function prioritise(plan, ctx)
  local m = require("socket")
  error("ESCAPED: require('socket') returned a " .. type(m))
end

return {
  name = "require_socket",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
