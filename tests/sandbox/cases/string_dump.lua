-- string.dump must not exist (it is how a plugin would make bytecode).
-- Reported as a validate warning, so the plan itself succeeds.
local function validate(plan, ctx)
  if string.dump then
    local ok, bc = pcall(string.dump, validate)
    error("ESCAPED: string.dump exists (" .. tostring(ok) .. ")")
  end
  return { { level = "warning", message = "probe: string.dump is " .. type(string.dump) } }
end

return {
  name = "string_dump",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
