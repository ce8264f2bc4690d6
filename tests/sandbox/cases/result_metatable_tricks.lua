-- A result whose metatable has looping __index, __pairs and __len: the host
-- reads results raw, so none of them runs; {} is a valid empty result.
local function risks(plan, ctx)
  local function spin() while true do end end
  return setmetatable({}, { __index = spin, __pairs = spin, __len = spin, __newindex = spin })
end

return {
  name = "result_metatable_tricks",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
