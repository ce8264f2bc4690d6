-- collectgarbage("collect"): only "count" is available to plugins (a forced
-- collection at the wrong moment was Redis's CVE-2025-49844).
local function prioritise(plan, ctx)
  local kb = collectgarbage("count")
  assert(type(kb) == "number")
  collectgarbage("collect")
  error("ESCAPED: collectgarbage('collect') ran")
end

return {
  name = "collectgarbage_collect",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
