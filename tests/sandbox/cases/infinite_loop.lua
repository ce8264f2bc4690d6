-- while true do end: stopped by the time limit (--plugin-timeout 0.5) or the
-- instruction budget, whichever comes first.
local function prioritise(plan, ctx)
  while true do end
end

return {
  name = "infinite_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
