-- A hook that is not a function.
return {
  name = "hook_not_function",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = "register" },
}
