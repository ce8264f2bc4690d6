-- The name field must equal the file name without .lua ("name_mismatch").
return {
  name = "prioritise/wsjf",
  version = "1.0.0",
  api_version = 1,
  hooks = {},
}
