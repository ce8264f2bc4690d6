-- conf.lua is a relative symbolic link that climbs out with '..'
-- components (../../...): refused like any other way out.
local function prioritise(plan, ctx)
  local m = require("conf")
  error("ESCAPED: " .. tostring(m.token))
end

return {
  name = "require_symlink_dotdot",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
