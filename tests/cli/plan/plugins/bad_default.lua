-- A plugin whose config default does not match its own type.
return {
  name = "bad_default",
  version = "0.1.0",
  api_version = 1,
  config = { weight = { type = "number", default = "ten" } },
  hooks = { validate = function() return {} end },
}
