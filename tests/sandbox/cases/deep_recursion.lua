-- Unbounded Lua recursion: "stack overflow" (LUAI_MAXSTACK), with a
-- traceback that is cut short, not a million lines.
local function prioritise(plan, ctx)
  local function f(n) return 1 + f(n + 1) end
  return f(1)
end

return {
  name = "deep_recursion",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
