-- s = s .. s until memory runs out.
local function prioritise(plan, ctx)
  local s = "x"
  while true do s = s .. s end
end

return {
  name = "concat_bomb",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
