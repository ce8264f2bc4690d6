-- Pins the whole environment a plugin sees, so a packaging or code change
-- that adds a library (CVE-2022-0543 was a packaging change) is caught.
-- Reported as validate warnings; the plan succeeds.
local function keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = tostring(k) end
  table.sort(out)
  return table.concat(out, " ")
end

local function validate(plan, ctx)
  return {
    { level = "warning", message = "globals: " .. keys(_G) },
    { level = "warning", message = "string: " .. keys(string) },
    { level = "warning", message = "math: " .. keys(math) },
    { level = "warning", message = "table: " .. keys(table) },
    { level = "warning", message = "utf8: " .. keys(utf8) },
    { level = "warning", message = "waymark: " .. keys(waymark) },
    { level = "warning", message = "string metatable: " .. tostring(getmetatable("")) },
    { level = "warning", message = "version: " .. _VERSION },
  }
end

return {
  name = "globals",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
