-- lib/ is a symbolic link to a folder outside the plugin's: a module
-- reached through it is outside too, and refused.
local function prioritise(plan, ctx)
  local m = require("lib.secrets")
  error("ESCAPED: " .. tostring(m.token))
end

return {
  name = "require_symlink_dir_outside",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
