-- 100,000 validate warnings: the user should get a bounded report (a few
-- and a count), not megabytes of stderr.
local function validate(plan, ctx)
  local out = {}
  for i = 1, 100000 do
    out[i] = { level = "warning", message = "warning number " .. i }
  end
  return out
end

return {
  name = "validate_warning_flood",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
