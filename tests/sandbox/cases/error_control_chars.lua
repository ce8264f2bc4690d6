-- An error message full of terminal escapes (clear screen, set the window
-- title, a bell) and a forged diagnostic line: the host must neutralise
-- control characters before they reach the terminal.
local function prioritise(plan, ctx)
  error("\27[2J\27[H\27]0;owned\7\r everything is fine\27[8m hidden")
end

return {
  name = "error_control_chars",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
