-- require("../x") and friends: path separators and absolute paths are not
-- module names.  Each attempt must raise; the last error is reported.
local function prioritise(plan, ctx)
  for _, name in ipairs({ "/etc/passwd", "a/../../x", "x\0/../../etc/passwd", "a..b" }) do
    local ok = pcall(require, name)
    if ok then error("ESCAPED: require('" .. name .. "') succeeded") end
  end
  local m = require("../x")
  error("ESCAPED: require('../x') returned a " .. type(m))
end

return {
  name = "require_parent_path",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
