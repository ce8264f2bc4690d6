-- A whole-number field given a fraction: the message shows the value.
return {
  name = "result_fraction", version = "1.0.0", api_version = 1,
  hooks = { risks = function() return { totals = { scheduled = 2.5 } } end },
}
