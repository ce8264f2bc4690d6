-- CVE-2022-0543: package.loadlib of the system liblua's luaopen_os gives a
-- working os table.  `package` must be unreachable by every route.
local function prioritise(plan, ctx)
  local pkg = package or rawget(_G, "package") or _ENV.package or _G["package"]
  local open_os = pkg.loadlib("liblua5.4.so.0", "luaopen_os")
  local os_lib = open_os()
  os_lib.execute("touch /tmp/waymark-canary-package_loadlib")
  error("ESCAPED: package.loadlib worked")
end

return {
  name = "package_loadlib",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
