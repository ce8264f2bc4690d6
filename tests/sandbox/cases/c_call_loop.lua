-- The count hook checks the clock every 100 VM instructions (and every 8th call).  A loop whose
-- few instructions each call an expensive C function (here a 20 MB
-- string.rep, freed at once) runs about a hundred such calls between two
-- checks, so it can overrun --plugin-timeout several times over.
local function prioritise(plan, ctx)
  while true do local s = string.rep("x", 2e7) end
end

return {
  name = "c_call_loop",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
