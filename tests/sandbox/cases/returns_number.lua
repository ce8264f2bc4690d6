-- A plugin file that returns a number instead of the plugin table.
return 42
