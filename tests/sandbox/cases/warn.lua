-- warn must not exist either (it writes to stderr unbounded once "@on").
local function risks(plan, ctx)
  warn("@on")
  warn("PWNED: a warning straight from the plugin")
  error("ESCAPED: warn exists")
end

return {
  name = "warn",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
