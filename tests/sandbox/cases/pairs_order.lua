-- Lua 5.4 seeds its string hash per state (time and addresses), so pairs()
-- over string keys can visit them in a different order in every run.  A
-- plugin that forgets to sort would then make different plans from the same
-- input.  The sandbox gives plugins a pairs() that visits keys in a fixed
-- order (numbers, then strings by bytes), so the text is the same every run.
local function validate(plan, ctx)
  local t = {}
  for _, k in ipairs({ "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
                       "hotel", "india", "juliett", "kilo", "lima" }) do
    t[k] = true
  end
  local order = {}
  for k in pairs(t) do order[#order + 1] = k end
  return { { level = "warning", message = "pairs order: " .. table.concat(order, " ") } }
end

return {
  name = "pairs_order",
  version = "1.0.0",
  api_version = 1,
  hooks = { validate = validate },
}
