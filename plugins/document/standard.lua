-- document/standard: the default document, the board deliverable's content
-- (deliverable.md, "The PDF").  The layout engine puts each section on a new
-- page and makes the cover and the contents itself.
--
-- Sections, in order, with the ids other plugins use to place their own
-- sections (`after = "costs"`):
--
--   dashboard    At a glance (one page: headline figures, objectives,
--                Must initiatives, top risks, decisions for the board)
--   changes      Changes since the last version (only with a baseline:
--                the plan's `changes`, docs/diff.md)
--   summary      Executive summary
--   recommendations Decisions and recommendations (only when the engagement's
--                narrative has recommendations, or more summary than the
--                dashboard holds)
--   objectives   Objectives and measures
--   assessment   Current-state assessment (only when the engagement has one)
--   initiatives  Prioritised initiatives
--   options      Options (only when the engagement has scenarios)
--   roadmap      Roadmap (Gantt chart; Now / Next / Later)
--   costs        Costs and budget
--   risks        Risk register
--   playbook     Handover playbook (only when the plan has one)
--   appendix     Appendix
--
-- Each section is built by a private module (_summary.lua, ...); _facts.lua
-- works out what they share and _fmt.lua formats numbers and quarters by
-- method.md's Display rules.  The consultant's own words (_narrative.lua):
-- each section's note opens it, the summary is on the dashboard, and what
-- does not fit there opens Decisions and recommendations, where the
-- recommendations stand beside the decisions asked of the board.  Everything is
-- iterated with ipairs, in the plan's or the engagement's order, so the
-- document is the same on every run.

local facts = require("_facts")
local dashboard = require("_dashboard")
local changes = require("_changes")
local summary = require("_summary")
local objectives = require("_objectives")
local assessment = require("_assessment")
local initiatives = require("_initiatives")
local options = require("_options")
local roadmap = require("_roadmap")
local costs = require("_costs")
local risks = require("_risks")
local playbook = require("_playbook")
local appendix = require("_appendix")
local recommendations = require("_recommendations")
local narrative = require("_narrative")

-- A section with the consultant's note for it (narrative.notes) at its head;
-- the dashboard's shares the page's room with the summary (_facts.lua).
local function with_note(f, section)
  if section.id == "dashboard" then return section end
  local note = narrative.note(f, section.id)
  if #note == 0 then return section end
  for _, b in ipairs(section.blocks) do note[#note + 1] = b end
  return waymark.section { id = section.id, title = section.title, after = section.after,
                           blocks = note }
end

---@param plan waymark.Plan
---@param ctx waymark.Ctx
---@return waymark.Section[]
local function document(plan, ctx)
  local f = facts.build(plan, ctx)
  local sections = {}
  local function add(section)
    if section then sections[#sections + 1] = with_note(f, section) end
  end
  add(dashboard.section(f))
  add(changes.section(f)) -- nil without a baseline
  add(summary.section(f))
  add(recommendations.section(f)) -- nil without the consultant's words for it
  add(objectives.section(f))
  add(assessment.section(f)) -- nil without an assessment
  add(initiatives.section(f))
  add(options.section(plan, ctx)) -- nil without scenarios
  add(roadmap.section(f))
  add(costs.section(f))
  add(risks.section(f))
  add(playbook.section(f)) -- nil without a playbook
  add(appendix.section(f))
  return sections
end

---@type waymark.Plugin
local plugin = {
  name = "document/standard",
  version = "1.0.0",
  api_version = 1,
  description = "The board deliverable: summary, objectives, assessment, initiatives, roadmap, "
    .. "costs, risks, handover playbook and appendix",
  hooks = { document = document },
}

return plugin
