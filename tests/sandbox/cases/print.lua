-- print must not exist: stdout carries the plan.  (run_case.sh also checks
-- that a failed run writes nothing to stdout.)
local function prioritise(plan, ctx)
  print("PWNED: this line is not part of the plan")
  error("ESCAPED: print exists")
end

return {
  name = "print",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
