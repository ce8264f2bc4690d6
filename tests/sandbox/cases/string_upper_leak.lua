-- In its main chunk this plugin replaces string.upper and then every other
-- function of every library and of `waymark` (the string metatable's
-- __index is the string table, so ("x"):upper() sees the change) with one
-- that raises "LEAKED".  Each plugin has its own state, so the built-in
-- plugins that run after it must not notice: the plan must still succeed.
local error, pairs, type, tostring, pcall = error, pairs, type, tostring, pcall

-- The string metatable is hidden; changing it must fail.
assert(getmetatable("") == "string")
assert(not pcall(function() getmetatable("").__index = {} end))
assert(not pcall(setmetatable, {}, nil) or true)

local function poison(t, name)
  for k, v in pairs(t) do
    if type(v) == "function" then
      t[k] = function()
        error("LEAKED: " .. name .. "." .. tostring(k) .. " of plugin string_upper_leak was called")
      end
    end
  end
end
for _, lib in pairs({ "string", "table", "math", "utf8", "waymark" }) do
  poison(_G[lib], lib)
end
poison(_G, "_G")
string.upper = function() return "pwned" end

local function validate(plan, ctx)
  return { { level = "warning", message = "own state: " .. ("abc"):upper() } }
end

local function risks(plan, ctx)
  return nil -- nothing: the built-in risks/register fills the register
end

return {
  name = "string_upper_leak",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate, risks = risks },
}
