-- A symbolic link inside the plugin's folder to a module that is inside
-- too (alias.lua -> real/thing.lua, and a linked folder lib -> real) is
-- a plugin's own business: allowed.
local function validate(plan, ctx)
  local a = require("alias")
  local b = require("lib.thing")
  if a.value ~= 42 or b.value ~= 42 then error("the modules did not load") end
  return nil
end

return {
  name = "require_symlink_inside",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
