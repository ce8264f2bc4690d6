-- The plugin table and its hooks table carry metatables whose __index,
-- __pairs and __len loop forever: the host reads metadata raw, so none of
-- them runs; the missing 'name' is simply reported.
local function spin() while true do end end
local trap = { __index = spin, __pairs = spin, __len = spin, __newindex = spin }

return setmetatable({
  version = "1.0.0",
  api_version = 1,
  hooks = setmetatable({}, trap),
}, trap)
