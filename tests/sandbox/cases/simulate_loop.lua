-- waymark.simulate is host C code: each call may run up to its work cap
-- (3e7 effort draws, "about a second").  Called in a loop, the plugin can
-- overrun its --plugin-timeout by up to one call, but no more: the hook
-- fires between calls.
local function prioritise(plan, ctx)
  local efforts = {}
  for i = 1, 200 do efforts[i] = { o = 1, m = 2, p = 4, rate = 100 } end
  while true do
    waymark.simulate({ efforts = efforts, iterations = 1000000, seed = 1 })
  end
end

return {
  name = "simulate_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
