-- tostring of a table or function shows its address, which changes from run
-- to run (ASLR).  A plugin that uses it as a key or in a message makes
-- plans that differ between runs.  Records what happens.
local function validate(plan, ctx)
  return { { level = "warning", message = "address: " .. tostring({}) .. " " .. tostring(print or validate) } }
end

return {
  name = "tostring_address",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
