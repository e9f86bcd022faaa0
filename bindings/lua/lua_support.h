/* SPDX-License-Identifier: MIT */
/**
 * @file bindings/lua/lua_support.h
 * @brief Conversions from libpledge's values to Lua values, for the Lua
 *        typemaps (bindings/lua/typemaps.i).
 *
 * Compiled into the Lua module only, with the project's warnings; nothing
 * here knows SWIG. Every function pushes exactly one value and may raise a
 * Lua error (out of memory, a stack that cannot grow): none holds C memory
 * across a call into Lua, so such an error leaks nothing.
 */
#ifndef PLEDGE_BINDINGS_LUA_SUPPORT_H
#define PLEDGE_BINDINGS_LUA_SUPPORT_H

#include <lua.h>
#include <pledge.h>

/* Lua 5.3 has one user value per userdata, set and read without an index;
 * the typemaps use the 5.4 names with index 1 only. */
#if LUA_VERSION_NUM < 504
#define lua_newuserdatauv(L, size, nuv) lua_newuserdata((L), (size))
#define lua_setiuservalue(L, index, n) (lua_setuservalue((L), (index)), 1)
#define lua_getiuservalue(L, index, n) lua_getuservalue((L), (index))
#endif

/** The opener SWIG generates (typemaps.i renames it from
 *  luaopen_pledge_core). */
int pledge_lua_swig_open(lua_State *L);

/**
 * The module's opener, `require "pledge.core"`: refuses, with a Lua error
 * that names both versions, a Lua other than the one the module was
 * compiled for (its _VERSION differs from LUA_VERSION), then opens the
 * SWIG module and adds `built_for` (e.g. "Lua 5.4") to it.
 */
#if defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int luaopen_pledge_core(lua_State *L);

/** The precision of a date as the Lua layer names it: "year", "month",
 *  "day", or NULL for PLEDGE_DATE_NONE. */
const char *pledge_lua_precision_name(pledge_date_precision precision);

/** A date as {year=, month=, day=, precision=} (integers; month and day 0
 *  when not given; precision a name), or nil for precision NONE. */
void pledge_lua_push_date(lua_State *L, pledge_date date);

/** A number of the source: an integer when it was written as one that fits,
 *  else a float. */
void pledge_lua_push_number(lua_State *L, pledge_number number);

/** An observation as {date=, value= (nil without a value), report=}. */
void pledge_lua_push_observation(lua_State *L, const pledge_observation *obs);

/** One diagnostic as a table with the fields of pledge-validate's JSON
 *  output (docs/pledge-validate.1; integers for
 *  document, line and column) and the metatable "pledge.Diagnostic", whose
 *  __tostring prints it as pledge-validate's text output does. */
void pledge_lua_push_diagnostic(lua_State *L, const pledge_diag *diag);

/** Every diagnostic of @p list as a sequence (empty for NULL). */
void pledge_lua_push_diagnostics(lua_State *L, const pledge_diag_list *list);

/**
 * The tree under @p node as plain Lua data: mappings as tables with string
 * keys, sequences as sequences (an empty one with the metatable
 * "pledge.array", so that it is written back as [] and not {}), strings
 * with their length, integers as integers (beyond int64: the nearest
 * float), floats, booleans, and null as a NULL light userdata (pledge.null).
 * nil for a NULL node.
 */
void pledge_lua_push_node(lua_State *L, const pledge_node *node);

/** Push the metatable that marks empty sequences (see push_node). */
void pledge_lua_push_array_mt(lua_State *L);

#endif /* PLEDGE_BINDINGS_LUA_SUPPORT_H */
