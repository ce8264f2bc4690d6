-- With -v, waymark.log lines go to stderr: they are bounded in length, but
-- their bytes must not drive the terminal either.
local function risks(plan, ctx)
  waymark.log("progress\r\27[2K\27]0;owned\7 done")
  return nil
end

return {
  name = "log_control_chars",
  version = "1.0.0",
  api_version = 1,
  hooks = { risks = risks },
}
