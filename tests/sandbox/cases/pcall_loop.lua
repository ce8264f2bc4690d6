-- A loop that swallows the limit error with pcall and starts again: the
-- trip is sticky (the hook fires on every instruction once tripped).
local function prioritise(plan, ctx)
  while true do pcall(function() while true do end end) end
end

return {
  name = "pcall_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
