-- require("..secret"): a module name may not climb out of the plugin folder
-- ('.' maps to '/', so "..secret" would become "//secret" or worse).
local function prioritise(plan, ctx)
  local m = require("..secret")
  error("ESCAPED: require('..secret') returned a " .. type(m))
end

return {
  name = "require_dotdot_secret",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
