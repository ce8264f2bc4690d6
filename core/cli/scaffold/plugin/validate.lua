-- @NAME@: a validate plugin.
--
-- For Waymark. It checks the engagement before anything is planned: here,
-- that every initiative names its owner at the client. A warning is printed
-- and the run goes on; an error stops it with exit status 1.
--
-- Made by `waymark new-plugin --stage validate`: change the checks to the
-- ones you need. README.md has the next steps; Waymark's docs/plugins.md the
-- whole API.
--
-- A validate hook returns a list of { level = "warning" or "error", path =
-- where in the engagement, message = what is wrong }; an empty list when all
-- is well.

local function validate(_plan, ctx)
  local problems = {}
  for i, ini in ipairs(ctx.engagement.initiatives) do -- the file's order
    if ini.owner == nil then
      problems[#problems + 1] = {
        level = ctx.config.level,
        path = "initiatives[" .. i .. "].owner",
        message = ini.id .. " has no owner at the client",
      }
    end
  end
  return problems
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Reports initiatives that have no owner at the client",
  config = {
    level = { type = "string", default = "warning", enum = { "warning", "error" },
              description = "how a missing owner is reported" },
  },
  hooks = { validate = validate },
}
