-- An error object whose __tostring itself raises (and returns a non-string
-- the second time round): still a message and a traceback, no crash.
local function prioritise(plan, ctx)
  local n = 0
  error(setmetatable({}, { __tostring = function()
    n = n + 1
    if n == 1 then error("tostring failed") end
    return {}
  end }))
end

return {
  name = "error_tostring_raises",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
