-- @NAME@: a playbook plugin.
--
-- For Waymark. It runs after playbook/handover, which fills the engagement's
-- playbook template, and adds an entry to the playbook's documentation index:
-- a decision log, owned by the engineering lead. The deliverable's handover
-- playbook shows it.
--
-- Made by `waymark new-plugin --stage playbook`: change it to what you need.
-- README.md has the next steps; Waymark's docs/plugins.md the whole API, and
-- docs/playbooks.md the shape of the filled playbook.
--
-- A playbook hook returns { playbook = ... }, the whole filled playbook: the
-- host checks its shape (a person is a "who" with a printable name). Without
-- a `playbook:` block in the engagement, plan.playbook is nil.

local function playbook(plan, ctx)
  local pb = plan.playbook
  if pb == nil then return nil end
  local owner
  for _, section in ipairs(pb.sections) do
    if section.id == "roles" then
      for _, item in ipairs(section.items) do
        if item.role == "engineering_lead" then owner = item.who end
      end
    end
  end
  for _, section in ipairs(pb.sections) do
    if section.id == "documentation" and owner then
      section.items[#section.items + 1] = {
        id = "decision_log", document = ctx.config.document, location = ctx.config.location,
        owner = owner, review = "Monthly, in the delivery review",
      }
    end
  end
  return { playbook = pb }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Adds a decision log to the playbook's documentation index",
  config = {
    document = { type = "string", default = "Architecture decision log",
                 description = "what it is called" },
    location = { type = "string", default = "the main code repository (docs/decisions)",
                 description = "where it is kept" },
  },
  hooks = { playbook = playbook },
}
