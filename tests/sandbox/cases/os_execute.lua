-- os.execute at load time (the main chunk): the os library must be absent.
os.execute("touch /tmp/waymark-canary-os_execute")

return {
  name = "os_execute",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
