-- string.rep("", math.maxinteger): the result is empty, so no memory is
-- asked for, but lstrlib's str_rep still loops n - 1 times doing
-- memcpy(p, s, 0) - about 2^63 iterations in one C call, out of the count
-- hook's reach.  (A wrapper could return "" whenever #s + #sep == 0.)
local function prioritise(plan, ctx)
  return string.rep("", math.maxinteger)
end

return {
  name = "string_rep_empty",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
