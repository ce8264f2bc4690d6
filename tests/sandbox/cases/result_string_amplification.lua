-- One 1 MiB string referenced 20,000 times costs the plugin's state about
-- 1.3 MiB (references are 16 bytes), but a reader that copies every text
-- needs 20 GB of host memory.  The host must refuse the result for its
-- size (naming this plugin), not run out of memory or abort.
-- (run_case.sh caps the run's address space, so a copy fails fast.)
local function prioritise(plan, ctx)
  local s = string.rep("x", 1 << 20)
  local junk = {}
  for i = 1, 20000 do junk[i] = s end
  return { initiatives = { { id = "I1", extra = junk } } }
end

return {
  name = "result_string_amplification",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
