-- The main chunk requires its own file: without a guard this recurses until
-- the C stack or the load budget gives out.  It must end in a clean error.
local self = require("require_recursive")

return {
  name = "require_recursive",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
