-- A folder named like a module (mod.lua/): not a regular file.
local function prioritise(plan, ctx)
  local m = require("mod")
  error("ESCAPED: " .. type(m))
end

return {
  name = "require_directory",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
