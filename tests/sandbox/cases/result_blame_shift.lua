-- The estimate hook returns 70 references to one 1 MiB string under a field
-- the host does not know (allowed: plugins may add data for later ones).
-- This state holds about 1 MiB, but the host copies 70 MiB into the plan
-- and pushes it into every later plugin's state, where it breaks the
-- 64 MiB cap.  The failure must be blamed on this plugin, not on the
-- innocent built-in that happens to run next.
local function estimate(plan, ctx)
  local s = string.rep("y", 1 << 20)
  local notes = {}
  for i = 1, 70 do notes[i] = s end
  return { notes = notes }
end

return {
  name = "result_blame_shift",
  version = "1.0.0",
  api_version = 1,
  hooks = { estimate = estimate },
}
