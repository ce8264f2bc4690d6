-- load() of a binary chunk: the sandbox's load is text-only.  If the chunk
-- loaded it would return 42 and the hook would say ESCAPED.
-- A Lua 5.4 binary chunk for "return 42", written out by hand (string.dump
-- is gone): header, then the main function.
local BIN = table.concat({
  "\27Lua",                             -- LUA_SIGNATURE
  "\84", "\0",                          -- version 5.4, official format
  "\25\147\13\10\26\10",                -- LUAC_DATA
  "\4\8\8",                             -- sizeof Instruction, lua_Integer, lua_Number
  "\120\86\0\0\0\0\0\0",                -- LUAC_INT 0x5678
  "\0\0\0\0\0\40\119\64",               -- LUAC_NUM 370.5
  "\1",                                 -- size of the upvalue array
  "\128",                               -- source: none (stripped)
  "\128\128\0\1\2",                     -- linedefined, lastlinedefined, params, vararg, stack
  "\132\81\0\0\0\1\128\20\128\70\0\2\1\70\0\1\1", -- 4 instructions: VARARGPREP, LOADI 42, RETURN, RETURN
  "\128",                               -- constants: none
  "\129\1\0\0",                         -- upvalues: _ENV (in stack, index 0, kind)
  "\128",                               -- protos: none
  "\128\128\128\128",                   -- debug info: none
})

local function prioritise(plan, ctx)
  assert(#BIN == 65 and BIN:sub(1, 4) == "\27Lua")
  local f, err = load(BIN)
  if f then error("ESCAPED: bytecode loaded and returned " .. tostring(f())) end
  error("refused: " .. tostring(err))
end

return {
  name = "load_bytecode",
  version = "1.0.0",
  api_version = 1,
  hooks = { prioritise = prioritise },
}
