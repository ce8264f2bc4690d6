---@meta
-- Type annotations of the Waymark plugin API (api_version 1) for the Lua
-- language server (LuaLS, "sumneko"): the plugin table, what a hook receives
-- (`plan`, `ctx`) and returns, and the `waymark` module.  docs/plugins.md is
-- the guide; this file says the same in types, for completion, hover and
-- checking in an editor.  The `.luarc.json` at the top of the source tree
-- points LuaLS here; for a plugin of your own, add this folder (installed as
-- share/waymark/plugins/_types) to `workspace.library`.
--
-- A definition file, never run: its folder starts with "_", so Waymark never
-- lists or loads it as a plugin.  tests/types/check.py runs a probe plugin
-- through the real host and fails when this file and the host disagree
-- (a function, a ctx or plan field, a hook, a plugin table key).
--
-- luacheck checks it too (syntax, line length); it declares the `waymark`
-- table and stub functions whose arguments are unused by design:
-- luacheck: globals waymark, no unused args
--
-- Conventions of this file (check.py reads it):
--   ---@field NAME[?] TYPE [# description]    one field per line
--   function waymark.NAME(...) end            one helper or constructor
--   ---@type T + waymark.NAME = ...           one value of the module

-- ---------------------------------------------------------------------------
-- Scalars
-- ---------------------------------------------------------------------------

---A quarter, written "YYYY-Qn" ("2027-Q1").
---@alias waymark.Quarter string

---A MoSCoW tier; ranking is by tier first.
---@alias waymark.Tier "must"|"should"|"could"|"wont"

---@alias waymark.Status "scheduled"|"deferred"

---Why an initiative is deferred.
---@alias waymark.ReasonKind "wont"|"dependency"|"horizon"|"capacity"|"budget"|"blocked"

---A risk's band: score 1-4 low, 5-9 medium, 10-16 high, 17-25 critical.
---@alias waymark.Band "low"|"medium"|"high"|"critical"

---@alias waymark.Recurring "once"|"monthly"|"yearly"

---The built-in prioritisers (`prioritisation.method`).
---@alias waymark.Method "wsjf"|"rice"|"weighted"

---The pipeline's stages, in the order they run.
---@alias waymark.Stage "validate"|"estimate"|"prioritise"|"schedule"|"risks"|"playbook"|"document"

---The JSON null (`waymark.null`).  Its Lua type is "userdata";
---`tostring(waymark.null)` is "null".  In a result it clears a field (nil
---would leave the field unchanged); in a list it marks an empty item.
---@class waymark.Null

-- ---------------------------------------------------------------------------
-- The plugin table (docs/plugins.md, "The plugin table")
-- ---------------------------------------------------------------------------

---What a plugin's main chunk returns.  The host reads it with raw access;
---an unknown key is a warning (usually a typo).
---
---```lua
------@type waymark.Plugin
---local plugin = {
---  name = "check/owners", version = "1.0.0", api_version = 1,
---  hooks = { validate = validate },
---}
---return plugin
---```
---@class (exact) waymark.Plugin
---@field name string # the name it is found under: "check/owners" for plugins/check/owners.lua
---@field version string # the plugin's version, such as "1.0.0"; recorded in the plan
---@field api_version integer # 1; any other value is refused
---@field description? string # shown by `waymark plugins`
---@field config? table<string,waymark.ConfigOption> # the configuration schema: name = option
---@field hooks waymark.Hooks # stage name = function; may be empty
---@field author? any # accepted and ignored
---@field homepage? any # accepted and ignored
---@field license? any # accepted and ignored

---The hooks: stage name = function, each called as `hook(plan, ctx)`.
---`prioritise` and `schedule` are exclusive (only the last plugin in the
---pipeline with the hook runs); the other stages run every plugin's hook,
---in pipeline order.  Any other name is refused.
---@class (exact) waymark.Hooks
---@field validate? waymark.ValidateHook # check the engagement; return problems
---@field estimate? waymark.Hook # effort per initiative
---@field prioritise? waymark.Hook # rank, tier, method, score (exclusive)
---@field schedule? waymark.Hook # status, quarters, allocation; objectives (exclusive)
---@field risks? waymark.Hook # costs, totals, the Monte Carlo, the risk register
---@field playbook? waymark.Hook # the handover playbook (`playbook` field)
---@field document? waymark.DocumentHook # document sections

---A hook of the estimate, prioritise, schedule, risks or playbook stage:
---returns plan fields to merge, or nothing.
---@alias waymark.Hook fun(plan: waymark.Plan, ctx: waymark.Ctx): waymark.Result?

---A validate hook: returns a list of problems, or nothing.
---@alias waymark.ValidateHook fun(plan: waymark.Plan, ctx: waymark.Ctx): waymark.Problem[]?

---A document hook: returns a list of sections made by `waymark.section`.
---@alias waymark.DocumentHook fun(plan: waymark.Plan, ctx: waymark.Ctx): waymark.Section[]?

---@alias waymark.ConfigType "number"|"integer"|"string"|"boolean"|"list"

---One option of the configuration schema.  Any other field is a load error.
---The engagement's values are checked against it before any hook runs;
---defaults are not.  A `number` set in the YAML arrives as a float.
---@class (exact) waymark.ConfigOption
---@field type waymark.ConfigType # "list" is a list of texts
---@field default any # the value used when the engagement does not set the option (required)
---@field min? number # lower bound of a number or integer, inclusive
---@field max? number # upper bound of a number or integer, inclusive
---@field enum? string[] # the allowed values of a string
---@field description? string # shown by `waymark plugins info`

-- ---------------------------------------------------------------------------
-- What a hook returns (docs/plugins.md, "What a hook returns")
-- ---------------------------------------------------------------------------

---A validate hook's problem, printed as `path: message (plugin 'NAME')`.
---Any "error" makes `waymark plan` exit with status 1 after the validate
---stage.
---@class waymark.Problem
---@field level "error"|"warning"
---@field path? string # where, such as "initiatives[2].owner"
---@field message string # cut at 2,000 bytes

---What a hook returns: plan fields to merge.  initiatives, objectives and
---risks merge by `id`, field by field (a list naming every record once also
---sets the order); totals field by field; anything else is replaced whole.
---format, client, currency, quarters and plugins belong to the host.
---nil means "no change"; `waymark.null` sets a field to null.  Fields the
---plan does not define are allowed, and appear in the JSON.
---@class waymark.Result
---@field initiatives? waymark.InitiativeUpdate[]
---@field objectives? waymark.ObjectiveUpdate[]
---@field risks? waymark.RiskUpdate[]
---@field totals? waymark.TotalsUpdate
---@field by_quarter? waymark.QuarterTotalsUpdate[] # one record per quarter of the horizon
---@field playbook? table|waymark.Null # the filled playbook: a waymark.Playbook, nulls as null
---@field [string] any # fields of your own

---An update of one initiative of the plan: `id` names it, the other fields
---you give replace its values.
---@class waymark.InitiativeUpdate
---@field id string # must exist; never changed
---@field title? string
---@field depends_on? string[]
---@field rank? integer # 1..n, each used once
---@field tier? waymark.Tier
---@field method? string
---@field score? number|waymark.Null
---@field score_inputs? table<string,any>
---@field effort? table<string,waymark.Pert> # by team role
---@field effort_days? number
---@field labour? number
---@field other? number
---@field contingency? number
---@field cost? number
---@field status? waymark.Status
---@field start? waymark.Quarter|waymark.Null
---@field end? waymark.Quarter|waymark.Null # a Lua keyword: write ["end"] = q
---@field allocation? table<waymark.Quarter,table<string,number>>|waymark.Null # q = { role = days }
---@field reason? string|waymark.Null
---@field reason_kind? waymark.ReasonKind|waymark.Null
---@field [string] any # fields of your own

---@class waymark.ObjectiveUpdate
---@field id string
---@field title? string
---@field deadline? waymark.Quarter|waymark.Null
---@field completes? waymark.Quarter|waymark.Null
---@field at_risk? boolean
---@field [string] any

---@class waymark.RiskUpdate
---@field id string
---@field title? string
---@field likelihood? integer
---@field impact? integer
---@field initiatives? string[]
---@field mitigation? string|waymark.Null
---@field owner? string|waymark.Null
---@field score? number
---@field band? waymark.Band
---@field [string] any

---One quarter of `by_quarter` as a hook returns it (replaced whole).
---@class waymark.QuarterTotalsUpdate
---@field quarter waymark.Quarter # inside the horizon
---@field labour? number
---@field other? number
---@field contingency? number
---@field cost? number
---@field roles? table<string,waymark.QuarterRoleUpdate> # keyed by team roles
---@field [string] any

---@class waymark.QuarterRoleUpdate
---@field days? number
---@field capacity? number|waymark.Null
---@field cost? number
---@field [string] any

---@class waymark.TotalsUpdate
---@field labour? number
---@field other? number
---@field contingency? number
---@field cost? number
---@field budget? number|waymark.Null
---@field variance? number|waymark.Null
---@field p50? number
---@field p80? number
---@field p90? number
---@field p_within_budget? number|waymark.Null
---@field contingency_confidence? number
---@field scheduled? integer
---@field deferred? integer
---@field [string] any

-- ---------------------------------------------------------------------------
-- plan: the plan so far (plan.md; docs/plugins.md, "What a hook receives")
-- ---------------------------------------------------------------------------

---The plan of plan.md as plain Lua tables, a fresh copy on every call
---(changing it does nothing; only the return value counts).  Fields are
---filled stage by stage: a validate hook sees the skeleton (format, client,
---currency, quarters, initiatives { id, title }, objectives, risks,
---totals { budget }); the types below are those of the finished plan.
---Null fields are absent (nil).  Everything ordered is a list.
---@class waymark.Plan
---@field format "waymark-plan/1"
---@field client waymark.PlanClient
---@field currency string # ISO 4217 code, such as "GBP"
---@field quarters waymark.Quarter[] # the whole horizon, in order
---@field plugins waymark.PlanPlugin[] # filled before the document stage
---@field engagement_sha256 string # SHA-256 of the engagement file's bytes (lower-case hex)
---@field waymark_version string # the Waymark that made the plan, such as "0.1.0"
---@field changes? table # since the baseline, as `waymark diff --format json`; nil without one
---@field initiatives waymark.PlanInitiative[] # file order until prioritise, rank order after
---@field objectives waymark.PlanObjective[]
---@field risks waymark.PlanRisk[] # score order after the risks stage
---@field by_quarter waymark.QuarterTotals[] # one per quarter of the horizon (risks stage)
---@field totals waymark.Totals # scheduled initiatives only (risks stage)
---@field cut_line waymark.CutLine|waymark.Null # what to defer to fit budget.total; null within it
---@field quarter_cut_lines waymark.QuarterCutLine[] # one per quarter above the cap; {} when none
---@field playbook? waymark.Playbook # the filled playbook (playbook stage); nil without one

---@class waymark.PlanClient
---@field name string
---@field short_name? string

---A plugin of the run, as the plan records it.
---@class waymark.PlanPlugin
---@field name string
---@field version string
---@field sha256 string # of the main file only
---@field origin "option"|"local"|"user"|"built-in"|"engagement"

---One initiative of the plan.  `end` is a Lua keyword: read `ini["end"]`.
---@class waymark.PlanInitiative
---@field id string
---@field title string
---@field depends_on string[] # the ids it waits for, from the engagement
---@field rank integer # 1..n (prioritise)
---@field tier waymark.Tier # (prioritise)
---@field method string # the prioritiser, such as "wsjf" (prioritise)
---@field score? number # nil for no effort under WSJF and RICE (prioritise)
---@field score_inputs? table<string,number> # inputs (defaults applied), intermediates (prioritise)
---@field effort table<string,waymark.Pert> # by team role (estimate)
---@field effort_days number # (estimate)
---@field labour number # (estimate)
---@field other number # non-labour costs (risks)
---@field contingency number # (risks)
---@field cost number # labour + other + contingency (risks)
---@field status waymark.Status # (schedule)
---@field start? waymark.Quarter # scheduled only (schedule)
---@field end? waymark.Quarter # scheduled only (schedule); write ini["end"]
---@field allocation? table<waymark.Quarter,table<string,number>> # q = { role = days } (schedule)
---@field reason? string # deferred only (schedule)
---@field reason_kind? waymark.ReasonKind # deferred only (schedule)

---A PERT estimate of one role's effort, in person-days.
---@class waymark.Pert
---@field o number # optimistic
---@field m number # most likely
---@field p number # pessimistic
---@field mean number # (o + 4m + p) / 6
---@field sd number # (p - o) / 6

---@class waymark.PlanObjective
---@field id string
---@field title string
---@field deadline? waymark.Quarter
---@field completes? waymark.Quarter # when its last initiative ends (schedule)
---@field at_risk boolean # completes after the deadline, or never (schedule)

---@class waymark.PlanRisk
---@field id string
---@field title string
---@field likelihood integer # 1..5
---@field impact integer # 1..5
---@field initiatives string[] # the initiatives that mitigate it
---@field mitigation? string
---@field owner? string
---@field score number # likelihood x impact (risks)
---@field band waymark.Band # (risks)

---One quarter of `plan.by_quarter`: labour and other costs placed in it,
---contingency on both, and cost their sum; the quarters add up to
---`totals.cost`.
---@class waymark.QuarterTotals
---@field quarter waymark.Quarter
---@field labour number
---@field other number
---@field contingency number
---@field cost number
---@field roles table<string,waymark.QuarterRole> # every team role

---@class waymark.QuarterRole
---@field days number
---@field capacity? number # nil when unconstrained
---@field cost number # days x rate

---The plan's totals (scheduled initiatives only).
---@class waymark.Totals
---@field labour number
---@field other number
---@field contingency number
---@field cost number
---@field budget? number # nil without budget.total
---@field variance? number # budget - cost (negative when over); nil without a budget
---@field p50 number # Monte Carlo percentiles of the cost
---@field p80 number
---@field p90 number
---@field p_within_budget? number # fraction 0..1; nil without a budget
---@field contingency_confidence number # fraction 0..1: the chance cost + contingency suffices
---@field scheduled integer
---@field deferred integer

-- ---------------------------------------------------------------------------
-- plan.playbook: the filled playbook (docs/playbooks.md, "The filled
-- playbook")
-- ---------------------------------------------------------------------------

---The playbook filled for the client: every text filled, no "{{" left.
---@class waymark.Playbook
---@field template string # the template's name
---@field title string
---@field summary string
---@field sections waymark.PlaybookSection[] # always these nine, in this order

---@alias waymark.PlaybookSection
---| waymark.PlaybookRoles
---| waymark.PlaybookRituals
---| waymark.PlaybookMeasures
---| waymark.PlaybookGates
---| waymark.PlaybookControls
---| waymark.PlaybookRaci
---| waymark.PlaybookVendors
---| waymark.PlaybookDocumentation
---| waymark.Playbook306090

---A person, as the playbook names them.
---@class waymark.Who
---@field role? string # the template role (nil for an initiative's owner)
---@field title? string # the role's title (nil for an initiative's owner)
---@field person? string # the client's person; nil when nobody is named
---@field via? string # the role whose person stands in (the fallback)
---@field name string # the text to print

---@class waymark.PlaybookRoles
---@field id "roles"
---@field title string
---@field items waymark.PlaybookRole[]

---@class waymark.PlaybookRole
---@field role string
---@field title string
---@field description string
---@field required boolean
---@field who waymark.Who
---@field independent_of string[] # roles its person must not hold (the template's)
---@field conflicts string[] # those of them its person holds all the same

---@class waymark.PlaybookRituals
---@field id "rituals"
---@field title string
---@field items waymark.PlaybookRitual[]

---@class waymark.PlaybookRitual
---@field id string
---@field name string
---@field cadence string
---@field chair? waymark.Who
---@field attendees waymark.Who[]
---@field others string[]
---@field purpose string
---@field inputs string[]
---@field outputs string[]

---@class waymark.PlaybookMeasures
---@field id "measures"
---@field title string
---@field items waymark.PlaybookMeasure[]

---@class waymark.PlaybookMeasure
---@field id string # template_id.RECORD for a repeated entry
---@field template_id string
---@field kind "dora"|"flow"|"objective"
---@field name string
---@field definition string
---@field baseline? string # nil: to be measured
---@field target string
---@field how_measured string
---@field owner waymark.Who
---@field reviewed_in? waymark.PlaybookRitualRef
---@field objective? string # the objective it was made for

---@class waymark.PlaybookRitualRef
---@field id string
---@field name string

---@class waymark.PlaybookGates
---@field id "quality_gates"
---@field title string
---@field items waymark.PlaybookGate[]

---@class waymark.PlaybookGate
---@field id string
---@field template_id string
---@field stage string
---@field criteria string[]
---@field sign_off waymark.Who
---@field initiative? string # the initiative it was made for

---@class waymark.PlaybookControls
---@field id "controls"
---@field title string
---@field groups waymark.PlaybookControlGroup[] # risk, security, privacy, continuity

---@class waymark.PlaybookControlGroup
---@field id "risk"|"security"|"privacy"|"continuity"
---@field title string
---@field items waymark.PlaybookControl[]

---@class waymark.PlaybookControl
---@field id string
---@field template_id string
---@field name string
---@field detail? string
---@field frequency string
---@field owner waymark.Who
---@field evidence string
---@field risk? string # the risk it was made for

---@class waymark.PlaybookRaci
---@field id "raci"
---@field title string
---@field roles waymark.Who[] # the columns
---@field note? string
---@field items waymark.PlaybookActivity[]

---@class waymark.PlaybookActivity
---@field id string
---@field activity string
---@field assign table<string,"R"|"A"|"C"|"I"> # role = letter; only the letters given

---@class waymark.PlaybookVendors
---@field id "vendors"
---@field title string
---@field owner waymark.Who
---@field summary? string
---@field items waymark.PlaybookPractice[]

---@class waymark.PlaybookPractice
---@field id string
---@field name string
---@field detail? string
---@field cadence string
---@field owner waymark.Who

---@class waymark.PlaybookDocumentation
---@field id "documentation"
---@field title string
---@field items waymark.PlaybookDocument[]

---@class waymark.PlaybookDocument
---@field id string
---@field document string
---@field location string
---@field owner waymark.Who
---@field review string

---@class waymark.Playbook306090
---@field id "plan_30_60_90"
---@field title string
---@field summary? string
---@field periods waymark.PlaybookPeriod[] # days 1-30, 31-60, 61-90

---@class waymark.PlaybookPeriod
---@field id string
---@field from integer
---@field to integer
---@field theme string
---@field covers string
---@field items waymark.PlaybookPeriodItem[]
---@field exit_criteria? string[]

---@class waymark.PlaybookPeriodItem
---@field text string
---@field owner waymark.Who
---@field initiative? string # the initiative it was made for

-- ---------------------------------------------------------------------------
-- ctx: the context (docs/plugins.md, "ctx: the context")
-- ---------------------------------------------------------------------------

---Built once per plugin and passed to all of its hooks: a hook that writes
---into it sees the change in its later hooks; no other plugin does.
---@class waymark.Ctx
---@field config table<string,any> # this plugin's options, defaults filled in; {} without a schema
---@field engagement waymark.Engagement # the engagement file as data
---@field run waymark.RunInfo # the run: date, currency, horizon, versions
---@field plugin waymark.PluginInfo # this plugin
---@field playbook? waymark.PlaybookContext # the loaded template; nil without a playbook block

---@class waymark.RunInfo
---@field date string? # "YYYY-MM-DD": engagement.date, else SOURCE_DATE_EPOCH's day, else nil
---@field currency string # the engagement's currency
---@field quarters waymark.Quarter[] # the horizon
---@field tool_version string # "0.1.0"
---@field api_version integer # 1

---@class waymark.PluginInfo
---@field name string
---@field version string

-- ---------------------------------------------------------------------------
-- ctx.engagement: the engagement file as data (engagement.md)
-- ---------------------------------------------------------------------------

---The engagement as data.  Everything ordered is a list, in file order; a
---value the file does not give is nil, except an initiative's moscow
---("should") and a cost's recurring ("once").  Numbers from the file are
---floats, except engagement.quarters, likelihood and impact.
---@class waymark.Engagement
---@field client waymark.Client
---@field engagement waymark.EngagementInfo
---@field team waymark.TeamRole[] # the file's order
---@field budget waymark.Budget # {} when the file has none
---@field prioritisation waymark.Prioritisation
---@field objectives waymark.Objective[]
---@field initiatives waymark.Initiative[]
---@field risks waymark.Risk[]
---@field decisions waymark.Decision[] # what the board is asked to decide; {} when none
---@field blocked waymark.Blocked[] # blocked quarters, file order; {} when none
---@field assessment waymark.AssessmentItem[] # the file's order; {} when none
---@field playbook waymark.EngagementPlaybook # {} without a playbook block
---@field input_sha256 string # SHA-256 of the engagement file as read (not a field of the file)

---@class waymark.Client
---@field name string
---@field short_name? string
---@field sector? string
---@field logo? string # a path relative to the engagement file

---@class waymark.EngagementInfo
---@field title? string
---@field date? string # "YYYY-MM-DD"
---@field confidentiality? string
---@field brand? string
---@field baseline? string # the earlier version compared with (docs/diff.md)
---@field prepared_by? waymark.PreparedBy
---@field currency string # ISO 4217, such as "GBP"
---@field start waymark.Quarter # the first quarter of the roadmap
---@field quarters integer # the horizon, 1..40

---@class waymark.PreparedBy
---@field name? string
---@field role? string
---@field firm? string

---A team role.
---@class waymark.TeamRole
---@field name string # the role, such as "engineer"
---@field rate number # day rate
---@field capacity? number # person-days per quarter; nil: unconstrained

---@class waymark.Budget
---@field total? number
---@field per_quarter? number # cap on labour and one-off costs in any one quarter
---@field contingency? number # fraction, 0..1

---@class waymark.Prioritisation
---@field method waymark.Method # always present
---@field weights waymark.Scores # only the weights given

---Score inputs (or their weights): only those given.
---@class waymark.Scores
---@field business_value? number # 0..10
---@field time_criticality? number # 0..10
---@field risk_reduction? number # 0..10
---@field reach? number # >= 0
---@field impact? number # > 0
---@field confidence? number # 0..1

---@class waymark.Objective
---@field id string
---@field title string
---@field description? string
---@field value? number # 1..10
---@field deadline? waymark.Quarter
---@field measures string[]

---An initiative as the engagement gives it.
---@class waymark.Initiative
---@field id string
---@field title string
---@field summary? string
---@field objectives string[] # objective ids
---@field effort waymark.EffortEstimate[] # in the file's order
---@field costs waymark.Cost[]
---@field depends_on string[] # initiative ids
---@field scores waymark.Scores # only the scores given
---@field moscow waymark.Tier # "should" when the file gives none
---@field earliest? waymark.Quarter
---@field owner? string
---@field tags string[]

---One role's three-point estimate (a single n gives o = m = p = n).
---@class waymark.EffortEstimate
---@field role string
---@field o number
---@field m number
---@field p number

---@class waymark.Cost
---@field item string
---@field amount number # per month for monthly, per year for yearly
---@field recurring waymark.Recurring # "once" when the file gives none

---@class waymark.Risk
---@field id string
---@field title string
---@field likelihood integer # 1..5
---@field impact integer # 1..5
---@field mitigation? string
---@field owner? string
---@field initiatives string[]

---@class waymark.Decision
---@field title string
---@field detail? string
---@field needed_by? string # "YYYY-Qn"
---@field owner? string # who decides

---The cut line (method.md "The cut line", plan.md): the initiatives to set
---to wont so that the plan fits its budget, found by re-planning.
---@class waymark.CutLine
---@field ids string[] # lowest rank first
---@field held string[] # those of ids already deferred, to keep deferred
---@field saves number # the plan's figure minus cost
---@field fits boolean # false: no cut fits; ids is the whole walk
---@field cost number # the re-planned total (a quarter's cost, for a quarter line)

---A quarter's cut line: as waymark.CutLine, for the per-quarter cap.
---@class waymark.QuarterCutLine: waymark.CutLine
---@field quarter waymark.Quarter

---Quarters in which no initiative goes live, or some roles do no work
---(engagement.md "blocked", method.md "Blocked quarters").
---@class waymark.Blocked
---@field quarters waymark.Quarter[] # as written; may lie outside the horizon
---@field go_live boolean # true: no initiative ends in these quarters
---@field roles string[] # these roles do no roadmap work in them; {} when none
---@field reason string

---@class waymark.AssessmentItem
---@field dimension string
---@field current number # 0..5
---@field target? number # 0..5
---@field note? string

---The engagement's `playbook:` block as written.
---@class waymark.EngagementPlaybook
---@field template? string
---@field owners table<string,string> # role = person
---@field extra? table<string,any> # as written, every scalar as text

-- ---------------------------------------------------------------------------
-- ctx.playbook: the template as the plugin sees it (docs/playbooks.md)
-- ---------------------------------------------------------------------------

---The engagement's playbook template, loaded, checked and merged with
---`playbook.extra`.  Text values still hold their placeholders.
---@class waymark.PlaybookContext
---@field name string # the template's name
---@field file string # where it was read from
---@field owners table<string,string> # playbook.owners as given
---@field locations table<string,string> # extra.locations over the template's
---@field template waymark.Template

---@class waymark.Template
---@field format "waymark-playbook/1"
---@field name string
---@field title string
---@field summary string
---@field locations? table<string,string>
---@field roles waymark.TemplateRole[] # file order
---@field rituals waymark.TemplateRitual[]
---@field measures waymark.TemplateMeasure[]
---@field quality_gates waymark.TemplateGate[]
---@field controls waymark.TemplateControls
---@field raci waymark.TemplateRaci
---@field vendors waymark.TemplateVendors
---@field documentation waymark.TemplateDocument[]
---@field plan_30_60_90 waymark.TemplatePlan

---@class waymark.TemplateRole
---@field key string
---@field title string
---@field description string
---@field required boolean
---@field fallback? string
---@field independent_of? string[] # roles its person must not hold

---@class waymark.TemplateRitual
---@field id string
---@field name string
---@field cadence string
---@field chair? string
---@field attendees string[]
---@field others? string[]
---@field purpose string
---@field inputs string[]
---@field outputs string[]

---@class waymark.TemplateMeasure
---@field id string
---@field kind "dora"|"flow"|"objective"
---@field name string
---@field definition string
---@field baseline? string
---@field target string
---@field how_measured string
---@field owner string
---@field reviewed_in? string
---@field for_each? "objective_measure"

---@class waymark.TemplateSelect
---@field starts? "first"|"next"
---@field limit? integer
---@field min_band? waymark.Band

---@class waymark.TemplateGate
---@field id string
---@field stage string
---@field criteria string[]
---@field sign_off string
---@field for_each? "initiative"
---@field select? waymark.TemplateSelect

---@class waymark.TemplateControls
---@field risk waymark.TemplateControl[]
---@field security waymark.TemplateControl[]
---@field privacy waymark.TemplateControl[]
---@field continuity waymark.TemplateControl[]

---@class waymark.TemplateControl
---@field id string
---@field name string
---@field detail? string
---@field frequency string
---@field owner string
---@field evidence string
---@field for_each? "risk"
---@field select? waymark.TemplateSelect

---@class waymark.TemplateRaci
---@field roles string[]
---@field note? string
---@field activities waymark.TemplateActivity[]

---@class waymark.TemplateActivity
---@field id string
---@field activity string
---@field assign table<string,"R"|"A"|"C"|"I">

---@class waymark.TemplateVendors
---@field owner string
---@field summary? string
---@field practices waymark.TemplatePractice[]

---@class waymark.TemplatePractice
---@field id string
---@field name string
---@field detail? string
---@field cadence string
---@field owner string

---@class waymark.TemplateDocument
---@field id string
---@field document string
---@field location string
---@field owner string
---@field review string

---@class waymark.TemplatePlan
---@field summary? string
---@field periods waymark.TemplatePeriod[]

---@class waymark.TemplatePeriod
---@field id string
---@field from integer
---@field to integer
---@field theme string
---@field covers string
---@field items waymark.TemplateItem[]
---@field exit_criteria? string[]

---@class waymark.TemplateItem
---@field text string
---@field owner string
---@field for_each? "initiative"
---@field select? waymark.TemplateSelect

-- ---------------------------------------------------------------------------
-- Documents (docs/plugins.md, "Document constructors"; docs/charts.md)
-- ---------------------------------------------------------------------------

---Text: a string, or a list of runs (strings or waymark.bold, italic, link).
---@alias waymark.Text string|(string|waymark.Run)[]

---A run of a paragraph.
---@class waymark.Run
---@field text string
---@field bold? boolean
---@field italic? boolean
---@field link? string # http, https or mailto

---A section of the document, made by `waymark.section`.
---@class waymark.Section
---@field type "section"
---@field id string
---@field title string
---@field after? string # the id of the section to place this one behind
---@field blocks waymark.Block[]

---@alias waymark.Block
---| waymark.Heading
---| waymark.Paragraph
---| waymark.List
---| waymark.Table
---| waymark.Kv
---| waymark.Callout
---| waymark.Chart
---| waymark.PageBreak

---@class waymark.Heading
---@field type "heading"
---@field text waymark.Text
---@field level integer # 1..3

---@class waymark.Paragraph
---@field type "paragraph"
---@field text waymark.Text

---@class waymark.List
---@field type "list"
---@field items waymark.Text[]
---@field numbered boolean

---@class waymark.Table
---@field type "table"
---@field columns (string|waymark.Column)[]
---@field rows waymark.Text[][] # one cell per column
---@field total? waymark.Text[] # the total row

---A table column: a title, or this.
---@class waymark.Column
---@field title waymark.Text
---@field align? "left"|"right"|"centre"|"center"
---@field width? number # a relative weight above 0, at most 100

---@class waymark.Kv
---@field type "kv"
---@field items waymark.KvItem[]

---@class waymark.KvItem
---@field key waymark.Text
---@field value waymark.Text

---@alias waymark.CalloutKind "info"|"warn"|"risk"

---@class waymark.Callout
---@field type "callout"
---@field kind waymark.CalloutKind
---@field body waymark.Text
---@field title? waymark.Text

---@class waymark.PageBreak
---@field type "page_break"

---@alias waymark.ChartKind "bar"|"stacked_bar"|"radar"|"gantt"|"heatmap"|"tiles"

---@alias waymark.ChartFormat "number"|"money"|"percent"|"days"

---What `waymark.chart` takes (docs/charts.md).
---@class waymark.ChartSpec
---@field kind waymark.ChartKind
---@field title? string # drawn above the chart in bold
---@field data waymark.ChartData

---@alias waymark.ChartData
---| waymark.SeriesData
---| waymark.RadarData
---| waymark.GanttData
---| waymark.HeatmapData
---| waymark.TilesData

---@class waymark.Chart: waymark.ChartSpec
---@field type "chart"

---`bar` and `stacked_bar`.
---@class waymark.SeriesData
---@field categories string[] # the labels along the bottom
---@field series waymark.Series[] # at least one
---@field format? waymark.ChartFormat # the value axis; "number" by default

---@class waymark.Series
---@field name string # for the legend
---@field values number[] # one per category (or axis)

---`tiles`: headline figures in a row (two rows from 5 tiles).
---@class waymark.TilesData
---@field tiles waymark.Tile[] # 1..8

---@class waymark.Tile
---@field label string # small, above the figure
---@field value string # the figure, as text
---@field note? string # under the figure, two lines at most
---@field tone? "neutral"|"good"|"warn"|"bad" # colours the tile's top edge

---`radar` (fewer than 3 axes: horizontal bars).
---@class waymark.RadarData
---@field axes string[] # one spoke per axis
---@field series waymark.Series[]
---@field max? number # the outer ring, above 0; 5 by default
---@field format? waymark.ChartFormat

---`gantt`.
---@class waymark.GanttData
---@field quarters string[] # the columns, each listed once
---@field rows waymark.GanttRow[] # top to bottom; may be empty
---@field markers? waymark.GanttMarker[]

---@class waymark.GanttRow
---@field label string
---@field id? string # what other rows' deps refer to
---@field start? string # one of the quarters; give both start and end or neither
---@field end? string # write ["end"] = q
---@field tier? waymark.Tier # the bar's colour
---@field deps? string[] # ids of rows this one depends on
---@field due? string # a quarter ("YYYY-Qn"); a bar ending after it is marked late
---@field was_start? string # the baseline's first quarter; give both or neither
---@field was_end? string # the baseline's last quarter: an outline shows where the bar was

---@class waymark.GanttMarker
---@field quarter string # a dashed line at its end
---@field label string

---`heatmap`: the 5 x 5 risk grid.
---@class waymark.HeatmapData
---@field cells waymark.HeatmapCell[]

---@class waymark.HeatmapCell
---@field likelihood integer # 1..5
---@field impact integer # 1..5
---@field label? string # such as a risk id

---What `waymark.table` takes.
---@class waymark.TableSpec
---@field columns (string|waymark.Column)[] # 1 to 24
---@field rows waymark.Text[][]
---@field total? waymark.Text[]

---What `waymark.section` takes.  The default sections' ids: summary,
---objectives, assessment, initiatives, roadmap, costs, risks, playbook,
---appendix.
---@class waymark.SectionSpec
---@field id string
---@field title string
---@field after? string # a section id: "summary", "costs", ... or another plugin's
---@field blocks waymark.Block[]

-- ---------------------------------------------------------------------------
-- waymark.rank and waymark.simulate
-- ---------------------------------------------------------------------------

---@class waymark.RankItem
---@field id string
---@field tier waymark.Tier
---@field score? number|waymark.Null # nil: no score, first in its tier

---@class waymark.SimulateSpec
---@field efforts waymark.SimulateEffort[] # required
---@field constant? number # added to every iteration's total (the scheduled non-labour costs); 0
---@field limits? number[] # up to 8 amounts
---@field iterations? integer # 1..1,000,000; 10,000
---@field seed? integer # one seed always gives the same numbers; 1

---@class waymark.SimulateEffort
---@field o number
---@field m number
---@field p number
---@field rate number

---@class waymark.SimulateResult
---@field p50 number # nearest-rank percentiles of the totals
---@field p80 number
---@field p90 number
---@field mean number
---@field fractions number[] # per limit: the share of totals at or below it

---@class waymark.FailSpec
---@field message string
---@field path? string # added at the end: "(at PATH)"

-- ---------------------------------------------------------------------------
-- The waymark module
-- ---------------------------------------------------------------------------

---A global table in every plugin: helpers that are easy to get subtly wrong
---in Lua, and the document constructors.  Each checks its arguments and
---raises an error with your file and line if they are wrong.
---@class waymark
waymark = {}

---The JSON null, for results and lists: `{ id = "I3", score = waymark.null }`
---clears a field (nil would leave it unchanged).
---@type waymark.Null
waymark.null = nil

---The Waymark version, "0.1.0".
---@type string
waymark.version = "0.1.0"

---The plugin API version, 1.
---@type integer
waymark.api_version = 1

---A log line, shown with `waymark plan -v` on standard error, prefixed with
---the plugin's name.  Joins its arguments with spaces: strings and numbers
---as they are, any other value as its type name.  Lines are cut at 2,000
---bytes.
---@param ... any
function waymark.log(...) end

---Stops the plugin with an error: the message starts with your file and
---line, and the optional path is added at the end.  The run fails with exit
---status 3.  `waymark.fail("message")` works too.
---@param spec waymark.FailSpec|string
function waymark.fail(spec) end

---An amount as text in whole currency units, rounded half away from zero,
---with the currency's symbol and digit grouping: `waymark.money(41818.33)`
---is "£41,818".  An unknown code is an error.
---@param amount number
---@param currency? string # an ISO 4217 code; the engagement's currency by default
---@return string
function waymark.money(amount, currency) end

---Rounds half away from zero to `places` decimals, the way the document
---displays amounts.  The result is always a float: `waymark.round(2.5)` is
---3.0.
---@param x number
---@param places? integer # 0..9; 0 by default
---@return number
function waymark.round(x, places) end

---Rounds to `digits` significant digits; exact ties go to the even digit.
---The method compares scores this way.
---@param x number
---@param digits? integer # 1..17; 12 by default
---@return number
function waymark.round_sig(x, digits) end

---The parts of a total, rounded to `decimals` places so that they add up to
---their total rounded half away from zero (largest remainder, earlier parts
---first on ties).  At most 20,000 parts.
---`waymark.round_parts{1.5, 1.5, 1.0}` gives `{2.0, 1.0, 1.0}`, `4.0`.
---@param parts number[]
---@param decimals? integer # 0..9; 0 by default
---@return number[] rounded # the rounded parts, floats
---@return number total # their total, a float
function waymark.round_parts(parts, decimals) end

---Quarter arithmetic: a quarter given as text or as an integer index, moved
---by `delta` quarters, as "YYYY-Qn".  `waymark.quarter("2027-Q4", 1)` is
---"2028-Q1".
---@param q waymark.Quarter|integer
---@param delta? integer # 0 by default
---@return waymark.Quarter
function waymark.quarter(q, delta) end

---A quarter as an integer, year x 4 + (n - 1), for arithmetic:
---`waymark.quarter_index("2027-Q1")` is 8108.
---@param q waymark.Quarter|integer
---@return integer
function waymark.quarter_index(q) end

---Sorts by the method's rule and returns the ids in rank order: tier (must,
---should, could, wont); within a tier items without a score first; then
---score, highest first, compared after round_sig(score, 12); then id, by
---bytes.
---@param items waymark.RankItem[]
---@return string[]
function waymark.rank(items) end

---The Monte Carlo of method.md, in C: each iteration draws every effort from
---Beta-PERT(o, m, p) (lambda 4), multiplies it by its rate and adds
---`constant`.  At most 30 million draws (efforts x iterations) per call.
---@param spec waymark.SimulateSpec
---@return waymark.SimulateResult
function waymark.simulate(spec) end

---A section of the document; `after` places it behind the section with that
---id.
---@param spec waymark.SectionSpec
---@return waymark.Section
function waymark.section(spec) end

---A heading.
---@param text waymark.Text
---@param level? integer # 1 (default) to 3
---@return waymark.Heading
function waymark.heading(text, level) end

---A paragraph: `text` is a string or a list of runs
---(`{ "Data maturity is ", waymark.bold("1.5 of 5"), "." }`).
---@param text waymark.Text
---@return waymark.Paragraph
function waymark.paragraph(text) end

---A bold run for a paragraph.
---@param s string
---@return waymark.Run
function waymark.bold(s) end

---An italic run for a paragraph.
---@param s string
---@return waymark.Run
function waymark.italic(s) end

---A link run for a paragraph (http, https or mailto).
---@param s string
---@param url string
---@return waymark.Run
function waymark.link(s, url) end

---A bullet or numbered list.
---@param items waymark.Text[]
---@param numbered? boolean
---@return waymark.List
function waymark.list(items, numbered) end

---A table: a column is a title or `{ title =, align = "left"|"right"|"centre",
---width = weight }`; every row has one cell per column; `total` is the total
---row.
---@param spec waymark.TableSpec
---@return waymark.Table
function waymark.table(spec) end

---Key-value lines: `waymark.kv{ { "Owner", "Mei Chen" }, ... }` (or
---`{ key =, value = }` items).
---@param items ([waymark.Text, waymark.Text]|waymark.KvItem)[] # { key, value } pairs
---@return waymark.Kv
function waymark.kv(items) end

---A box: kind "info", "warn" or "risk".
---@param kind waymark.CalloutKind
---@param body waymark.Text
---@param title? waymark.Text
---@return waymark.Callout
function waymark.callout(kind, body, title) end

---A chart: bar, stacked_bar, radar, gantt or heatmap (docs/charts.md).
---@param spec waymark.ChartSpec
---@return waymark.Chart
function waymark.chart(spec) end

---A new page.
---@return waymark.PageBreak
function waymark.page_break() end
