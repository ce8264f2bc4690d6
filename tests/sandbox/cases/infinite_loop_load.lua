-- while true do end in the main chunk: the load phase has its own, smaller
-- budget and deadline, armed before any plugin code runs.
while true do end

return {
  name = "infinite_loop_load",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
