-- @NAME@: a document plugin.
--
-- For Waymark. It adds a section to the deliverable, after the executive
-- summary: every initiative in rank order with its tier, effort, cost and
-- quarters, and a chart of the effort.
--
-- Made by `waymark new-plugin --stage document`: change it to say what you
-- need. README.md has the next steps; Waymark's docs/plugins.md the whole
-- API.
--
-- A document hook returns a list of sections built with the waymark.*
-- constructors; each checks its arguments where you call it. `after` names
-- the section this one follows: summary, objectives, assessment (when the
-- engagement has one), initiatives, roadmap, costs, risks, playbook (when it
-- has one) or appendix.

local TIERS = { must = "Must", should = "Should", could = "Could", wont = "Won't" }

-- Person-days with one decimal, as text.
local function days(x)
  return string.format("%.1f", waymark.round(x or 0, 1))
end

local function document(plan, ctx)
  local rows, ids, effort = {}, {}, {}
  local scheduled = 0
  for i, p in ipairs(plan.initiatives) do -- the plan's initiatives are in rank order
    local when = "deferred"
    if p.status == "scheduled" then
      when = p.start == p["end"] and p.start or (p.start .. " to " .. p["end"])
      scheduled = scheduled + 1
    end
    rows[i] = { tostring(math.tointeger(p.rank) or p.rank), p.id, p.title,
                TIERS[p.tier] or p.tier, days(p.effort_days), waymark.money(p.cost), when }
    ids[i] = p.id
    effort[i] = waymark.round(p.effort_days or 0, 1)
  end
  waymark.log("listed", #rows, "initiatives") -- shown with waymark plan -v

  return {
    waymark.section {
      id = "@ID@",
      title = "@TITLE@",
      after = ctx.config.after,
      blocks = {
        waymark.paragraph {
          "The roadmap for ", waymark.bold(plan.client.name), " has ", tostring(#rows),
          " initiatives, ", tostring(scheduled), " of them scheduled. They are listed in rank",
          " order.",
        },
        waymark.table {
          columns = {
            { title = "Rank", align = "right" }, "ID", { title = "Initiative", width = 1 }, "Tier",
            { title = "Effort (days)", align = "right" }, { title = "Cost", align = "right" },
            "When",
          },
          rows = rows,
        },
        waymark.chart {
          kind = "bar", title = "Effort by initiative",
          data = { categories = ids, format = "days",
                   series = { { name = "Effort", values = effort } } },
        },
      },
    },
  }
end

return {
  name = "@NAME@",
  version = "0.1.0",
  api_version = 1,
  description = "Adds a section to the document: "
    .. "@TITLE@",
  config = {
    after = { type = "string", default = "summary",
              description = "the id of the section this one follows" },
  },
  hooks = { document = document },
}
