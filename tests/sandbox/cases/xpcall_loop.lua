-- xpcall whose message handler loops too: the handler runs with the hook
-- still armed, so it cannot be used to hide from the limit.
local function prioritise(plan, ctx)
  local function spin() while true do end end
  while true do xpcall(spin, spin) end
end

return {
  name = "xpcall_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
