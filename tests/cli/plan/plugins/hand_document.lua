-- A document hook returning a hand-built table with a paragraph missing its text.
return { name = "hand_document", version = "1.0.0", api_version = 1, hooks = { document = function()
  return { { type = "section", id = "x", title = "X", blocks = { { type = "paragraph" } } } } end } }
