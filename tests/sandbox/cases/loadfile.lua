-- loadfile in a hook: removed from base.
local function prioritise(plan, ctx)
  local f = loadfile("/etc/passwd")
  error("ESCAPED: loadfile returned " .. tostring(f))
end

return {
  name = "loadfile",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
