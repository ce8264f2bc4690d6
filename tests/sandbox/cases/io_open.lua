-- io.open: the io library must be absent.  The hook tries to create a
-- canary file; it must fail with "attempt to index a nil value (global 'io')".
local function prioritise(plan, ctx)
  local f = io.open("/tmp/waymark-canary-io_open", "w")
  f:write("escaped\n")
  f:close()
end

return {
  name = "io_open",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
