# Embed a text file in the binary as a NUL-terminated C array, at build time.
#
# Included from CMakeLists.txt, it defines
#   wm_embed(NAME INPUT HEADERS_VAR)
# which generates ${CMAKE_BINARY_DIR}/generated/NAME.h holding
#   static const unsigned char NAME[] = { ..., 0x00 };
# from INPUT (relative to the source dir) and appends the header to
# HEADERS_VAR, to be listed among a target's sources so that it is rebuilt
# when INPUT changes; and
#   wm_embed_each(PREFIX DIR EXT TABLE HEADERS_VAR)
# which embeds every DIR/STEM.EXT as PREFIX_STEM and generates TABLE.h, a
# table TABLE[] = {{"STEM", PREFIX_STEM}, ..., {NULL, NULL}} of them all
# (re-globbed when DIR changes).  Run as a script (cmake -DNAME= -DIN= -DOUT= -P this
# file), it writes that header.  Plain CMake: no external tools.

if(CMAKE_SCRIPT_MODE_FILE)
  file(READ "${IN}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" hex "${hex}")
  file(RELATIVE_PATH rel "${SRC}" "${IN}")
  file(WRITE "${OUT}.tmp"
       "/* Generated from ${rel} by cmake/WaymarkEmbed.cmake: do not edit. */\n"
       "static const unsigned char ${NAME}[] = {\n${hex}0x00};\n")
  file(RENAME "${OUT}.tmp" "${OUT}")
  return()
endif()

set(WM_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_FILE})

function(wm_embed name input headers_var)
  set(out ${CMAKE_BINARY_DIR}/generated/${name}.h)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DNAME=${name} -DIN=${CMAKE_SOURCE_DIR}/${input} -DOUT=${out}
            -DSRC=${CMAKE_SOURCE_DIR} -P ${WM_EMBED_SCRIPT}
    DEPENDS ${CMAKE_SOURCE_DIR}/${input} ${WM_EMBED_SCRIPT}
    COMMENT "Embedding ${input}"
    VERBATIM)
  set(${headers_var} ${${headers_var}} ${out} PARENT_SCOPE)
endfunction()

function(wm_embed_each prefix dir ext table headers_var)
  file(GLOB files CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.${ext})
  list(SORT files)
  set(includes "")
  set(rows "")
  foreach(f ${files})
    get_filename_component(stem ${f} NAME_WE)
    wm_embed(${prefix}_${stem} ${dir}/${stem}.${ext} ${headers_var})
    string(APPEND includes "#include \"${prefix}_${stem}.h\"\n")
    string(APPEND rows "    {\"${stem}\", ${prefix}_${stem}},\n")
  endforeach()
  set(out ${CMAKE_BINARY_DIR}/generated/${table}.h)
  file(CONFIGURE OUTPUT ${out} CONTENT
       "/* Generated from the .${ext} files of ${dir} by cmake/WaymarkEmbed.cmake: do not edit. */\n${includes}\nstatic const struct {\n    const char *name;\n    const unsigned char *text;\n} ${table}[] = {\n${rows}    {0, 0}};\n"
       @ONLY)
  set(${headers_var} ${${headers_var}} ${out} PARENT_SCOPE)
endfunction()
