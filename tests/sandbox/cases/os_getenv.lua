-- os.getenv in a risks hook: reading the environment needs os, which is absent.
local function risks(plan, ctx)
  local home = os.getenv("HOME")
  error("ESCAPED: os.getenv returned " .. tostring(home))
end

return {
  name = "os_getenv",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
