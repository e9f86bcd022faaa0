-- SPDX-License-Identifier: MIT
-- LuaRocks: `luarocks make` in a checkout builds the C module pledge.core
-- for the Lua that LuaRocks runs for (5.4 or 5.3, from its headers:
-- liblua5.4-dev or liblua5.3-dev) with the project's CMake build, and
-- installs it with pledge.lua into the rocks tree. Needs what a CMake
-- build needs: cmake, pkg-config, a C compiler, SWIG 4, libyaml-dev and
-- libpcre2-dev. See docs/lua.md.
rockspec_format = "3.0"
package = "pledge"
version = "0.1.0-1"
source = {
  -- `luarocks make` builds the checkout it runs in and fetches nothing.
  url = "git+file://.",
}
description = {
  summary = "Citizen pledges (medborgarlöften) as validated data",
  detailed = [[
The Lua binding of libpledge: reads Swedish citizen pledges
(medborgarlöften) and their follow-up reports from YAML or JSON, checks
them against their JSON Schemas and each other, and computes progress.]],
  license = "MIT",
  labels = { "yaml", "json-schema", "validation" },
}
dependencies = {
  "lua >= 5.3, < 5.5",
}
build = {
  type = "command",
  build_command = [[
cmake -S . -B build.luarocks -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  "-DPLEDGE_LUA_ONLY=$(LUA_INCDIR)" "-DPLEDGE_LUA_CMOD_DIR=$(LIBDIR)" "-DPLEDGE_LUA_LMOD_DIR=$(LUADIR)" &&
cmake --build build.luarocks --target pledge_lua_modules -j2
]],
  install_command = [[cmake --install build.luarocks --component lua]],
}
