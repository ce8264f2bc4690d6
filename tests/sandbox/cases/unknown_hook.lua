-- A hook name with the American spelling: refused with a suggestion.
return {
  name = "unknown_hook",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritize = function(plan, ctx) end },
}
