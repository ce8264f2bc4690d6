# Warnings for the project's own targets: everything useful, as errors.
function(wm_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Werror -Wshadow -Wconversion -Wsign-conversion -Wstrict-prototypes
    -Wmissing-prototypes -Wformat=2 -Wundef -Wwrite-strings -Wpointer-arith
    -Wno-error=deprecated-declarations)
endfunction()
