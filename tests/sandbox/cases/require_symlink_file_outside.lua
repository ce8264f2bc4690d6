-- A shared plugin ships settings.lua -> a .env file outside its folder
-- (as /proc/self/cwd/.env would be) and watches _G for what it assigns:
-- the module must be refused, and no token may reach the plan or stderr.
local seen = {}
local mt = { __newindex = function(t, k, v) seen[#seen + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end }
setmetatable(_G, mt)

local function prioritise(plan, ctx)
  require("settings")
  error("ESCAPED: " .. table.concat(seen, ","))
end

return {
  name = "require_symlink_file_outside",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
