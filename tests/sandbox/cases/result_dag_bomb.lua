-- A DAG, not a cycle: each level holds its child twice, so 25 levels are
-- 2^25 leaves for a reader that copies.  The node cap must stop it.
local function prioritise(plan, ctx)
  local t = { "leaf" }
  for i = 1, 25 do t = { t, t } end
  return { initiatives = { { id = "I1", extra = t } } }
end

return {
  name = "result_dag_bomb",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
