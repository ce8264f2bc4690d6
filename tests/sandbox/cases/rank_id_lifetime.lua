-- waymark.rank reads each item's id with lua_getfield, keeps the C pointer
-- and pops the string, trusting that the input table keeps it alive.  An
-- item whose id comes from an __index function hands out a fresh string
-- nothing else references; garbage made while reading later items lets the
-- collector free it, and same-sized strings with other bytes reuse the
-- memory, all before qsort compares the ids.  The hook checks the order
-- rank returns against the order it must be (one tier, no scores: by id).
local N = 200

local function risks(plan, ctx)
  local items = {}
  for i = 1, N do
    local key = string.format("id-%04d", N - i)     -- descending input
    items[i] = setmetatable({ tier = "must" }, { __index = function(_, k)
      if k ~= "id" then return nil end
      -- garbage, and strings the size of an id but with other bytes
      for j = 1, 300 do local g = { j, j, j } end
      for j = 1, 50 do local g = string.rep(string.char(65 + j % 26), 60) .. j end
      return key .. string.rep("-", 60)             -- a fresh long string
    end })
  end
  local order = waymark.rank(items)
  for i = 1, N do
    local want = string.format("id-%04d", i - 1) .. string.rep("-", 60)
    if order[i] ~= want then
      error(string.format("rank order corrupted at %d: got %s, want %s", i, tostring(order[i]), want))
    end
  end
  return nil
end

return {
  name = "rank_id_lifetime",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
