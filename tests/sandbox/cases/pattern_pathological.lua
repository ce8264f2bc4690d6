-- A pathological pattern: ('a-'):rep(12)..'b' against 3,000 'a's
-- backtracks about 3000^12 times inside one C call (str_find_aux), where
-- no count hook can reach.  Only a process-level watchdog can stop it.
local function prioritise(plan, ctx)
  return string.rep('a', 3000):find(('a-'):rep(12) .. 'b')
end

return {
  name = "pattern_pathological",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
