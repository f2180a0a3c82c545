# ts_layer_library(NAME DIR DEPS...)
# Builds every .cpp directly in DIR and its subfolders into a static library NAME linked
# PUBLIC to DEPS. Globbing (re-checked at build time) lets a new file join its layer
# without editing this build. A folder with no .cpp yet becomes an INTERFACE library.
function(ts_layer_library name dir)
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${dir}/*.cpp)
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_link_libraries(${name} PUBLIC ${ARGN})
    target_include_directories(${name} PUBLIC ${CMAKE_SOURCE_DIR})
  else()
    add_library(${name} INTERFACE)
    target_link_libraries(${name} INTERFACE ${ARGN})
    target_include_directories(${name} INTERFACE ${CMAKE_SOURCE_DIR})
  endif()
endfunction()
