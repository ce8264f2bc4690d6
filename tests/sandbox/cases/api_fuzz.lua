-- Every waymark.* function called with hostile arguments, each under pcall:
-- errors are fine, crashes and hangs are not.  The plan must then succeed.
local huge = string.rep("9", 5000)
local calls = {
  function() return waymark.money(1e308) end,
  function() return waymark.money(-1e308, "JPY") end,
  function() return waymark.money(0 / 0) end,
  function() return waymark.money(1, huge) end,
  function() return waymark.money(math.mininteger) end,
  function() return waymark.round(1e308, 9) end,
  function() return waymark.round(1, math.maxinteger) end,
  function() return waymark.round_sig(0 / 0, 17) end,
  function() return waymark.round_sig(-1e-320, 1) end,
  function() return waymark.quarter(math.mininteger) end,
  function() return waymark.quarter(math.maxinteger, math.maxinteger) end,
  function() return waymark.quarter("2027-Q1", -399999) end,
  function() return waymark.quarter(huge .. "-Q1") end,
  function() return waymark.quarter("2027-Q" .. huge) end,
  function() return waymark.quarter_index("\0") end,
  function() return waymark.rank({ { id = "a", tier = "must", score = 0 / 0 } }) end,
  function() return waymark.rank({ { id = 1, tier = "must" } }) end,
  function() return waymark.rank({ "x", "y" }) end,
  function() return waymark.rank({ { id = "a", tier = huge } }) end,
  function() return waymark.rank(setmetatable({}, { __len = function() return math.maxinteger end })) end,
  function() return waymark.simulate({ efforts = { { o = 3, m = 2, p = 1, rate = 1 } } }) end,
  function() return waymark.simulate({ efforts = {}, iterations = 0 }) end,
  function() return waymark.simulate({ efforts = {}, iterations = 1, seed = math.mininteger }) end,
  function() return waymark.simulate({ efforts = { { o = 0, m = 0, p = 0, rate = 0 } }, limits = { 1, 2, 3, 4, 5, 6, 7, 8, 9 } }) end,
  function() return waymark.simulate({ efforts = { { o = 0, m = 1, p = 1e308, rate = 1e308 } }, iterations = 10, limits = { 0 / 0 } }) end,
  function() return waymark.simulate({ efforts = { { o = -1e308, m = 0, p = 1e308, rate = -1 } }, iterations = 10, constant = 1 / 0 }) end,
  function() return waymark.fail({ message = {}, path = {} }) end,
  function() return waymark.fail(huge, huge) end,
  function() return waymark.log(huge, {}, nil, 1 / 0, waymark.null) end,
}

local function risks(plan, ctx)
  for i, f in ipairs(calls) do pcall(f) end
  return nil
end

return {
  name = "api_fuzz",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
