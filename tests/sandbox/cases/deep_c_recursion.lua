-- Recursion through C: an __index function that indexes itself, and gsub
-- calling back into Lua.  Each level uses C stack; Lua must stop it with
-- "C stack overflow" (LUAI_MAXCCALLS), not a segfault.
local function prioritise(plan, ctx)
  local ok, err = pcall(function()
    local function g(s) return (s:gsub(".", g)) end
    return g("ab")
  end)
  assert(not ok)
  local t = setmetatable({}, { __index = function(t, k) return t[k .. "x"] end })
  return t.a
end

return {
  name = "deep_c_recursion",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
