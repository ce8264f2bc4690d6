-- A plugin file that returns nothing (the `return { ... }` is missing).
local plugin = {
  name = "returns_nothing",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
