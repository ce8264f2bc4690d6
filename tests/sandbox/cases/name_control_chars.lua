-- Terminal escapes in the name, and in an unknown key (reported as a
-- warning), reach stderr through the host's own messages.
return {
  name = "\27[2J\27]0;owned\7",
  version = "1.0.0",
  api_version = 1,
  ["\27[31mcolour"] = true,
  hooks = {},
}
