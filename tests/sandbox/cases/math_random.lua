-- math.random is seeded by the host and math.randomseed is gone, so two
-- runs give the same numbers (run_case.sh compares both runs' output).
local function validate(plan, ctx)
  local n = {}
  for i = 1, 4 do n[i] = string.format("%.17g", math.random()) end
  return {
    { level = "warning", message = "randomseed is " .. type(math.randomseed) },
    { level = "warning", message = "random: " .. table.concat(n, " ") .. " " .. math.random(1, 1e9) },
  }
end

return {
  name = "math_random",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
