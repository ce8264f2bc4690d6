-- A table with 43 entries, t[1], t[2], t[4], ..., t[2^40] plus t[5] and
-- t[9], whose length is 2^40: the array part holds 1..8, t[9] is present,
-- so #t searches the hash part by doubling (16, 32, ... 2^40 are present)
-- and then bisects.  table.insert(t, 1, v) then shifts 2^40 slots one by
-- one inside C: no allocation, no hook.
local function prioritise(plan, ctx)
  local t = {}
  for i = 0, 40 do t[1 << i] = true end
  t[5], t[9] = true, true
  assert(#t == 1 << 40, "#t is " .. #t)
  table.insert(t, 1, "x")
end

return {
  name = "table_insert_border",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
