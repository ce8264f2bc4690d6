-- dofile at load time: removed from base.
dofile("/etc/passwd")

return {
  name = "dofile",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
