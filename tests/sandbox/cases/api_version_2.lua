-- A plugin written for an API this Waymark does not know.
return {
  name = "api_version_2",
  version = "1.0.0",
  api_version = 2,
  hooks = {},
}
