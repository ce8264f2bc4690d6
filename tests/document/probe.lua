-- A test double for document/standard (tests/document/run.sh).  The runner
-- copies plugins/document/ into a scratch plugins folder, renames the real
-- standard.lua to _real.lua and puts this file in its place, found first
-- with --plugins-dir.  The document hook's result is not part of the plan's
-- JSON, so this probe also builds the document in its `risks` hook, which
-- runs after the default risks hooks, and returns it as the plan field
-- `probe_document`: the runner can then read every cell.
local real = require("_real")

local function risks(plan, ctx)
  return { probe_document = real.hooks.document(plan, ctx) }
end

return {
  name = "document/standard",
  version = real.version,
  api_version = 1,
  hooks = { risks = risks, document = real.hooks.document },
}
