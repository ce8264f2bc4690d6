-- A validate warning is printed as part of the host's diagnostics; its text
-- must not carry terminal escapes, and a newline in it must not forge a
-- diagnostic line of its own.
local function validate(plan, ctx)
  return { { level = "warning", path = "initiatives[1]",
             message = "\27[8mhidden\27[0m\nengagement.yaml:1:1: error: forged by a plugin" } }
end

return {
  name = "validate_control_chars",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
