-- The same bomb in the main chunk (the load phase has a memory cap too).
local t = {}
for i = 1, math.maxinteger do t[i] = { i } end

return {
  name = "table_bomb_load",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
