/* SPDX-License-Identifier: MIT */
/* Lua values from libpledge's values (see lua_support.h). */
#include "lua_support.h"

#include <lauxlib.h>
#include <string.h>

#define DIAGNOSTIC_MT "pledge.Diagnostic"
#define ARRAY_MT "pledge.array"

/* The readers refuse documents deeper than their max_depth (256 by
 * default, counted with aliases expanded), so a loaded tree never comes
 * near this; it only bounds the C recursion of push_node should that
 * guarantee ever change. */
#define MAX_DEPTH 10000

/* Also in the file as text, so that pledge.lua can name the version of a
 * module that the dynamic linker refused (undefined lua_* symbols) before
 * any of its code ran. */
#if defined(__GNUC__)
__attribute__((used))
#endif
static const char built_for_marker[] = "pledge-lua-built-for: " LUA_VERSION "\n";

int luaopen_pledge_core(lua_State *L)
{
    /* Only calls whose signature is the same in Lua 5.3 and 5.4, so that
     * the check itself is safe in the wrong host. */
    lua_getglobal(L, "_VERSION");
    const char *running = lua_tostring(L, -1);
    if (running != NULL && strcmp(running, LUA_VERSION) != 0) {
        return luaL_error(L,
                          "pledge.core was built for %s and cannot be loaded by %s: install "
                          "the module built for %s (see docs/lua.md)",
                          LUA_VERSION, running, running);
    }
    lua_pop(L, 1);
    (void)built_for_marker;
    int n = pledge_lua_swig_open(L);
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, -2, "built_for");
    return n;
}

const char *pledge_lua_precision_name(pledge_date_precision precision)
{
    switch (precision) {
    case PLEDGE_DATE_YEAR:
        return "year";
    case PLEDGE_DATE_MONTH:
        return "month";
    case PLEDGE_DATE_DAY:
        return "day";
    default:
        return NULL;
    }
}

void pledge_lua_push_date(lua_State *L, pledge_date date)
{
    const char *precision = pledge_lua_precision_name(date.precision);
    if (!precision) {
        lua_pushnil(L);
        return;
    }
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, date.year);
    lua_setfield(L, -2, "year");
    lua_pushinteger(L, date.month);
    lua_setfield(L, -2, "month");
    lua_pushinteger(L, date.day);
    lua_setfield(L, -2, "day");
    lua_pushstring(L, precision);
    lua_setfield(L, -2, "precision");
}

void pledge_lua_push_number(lua_State *L, pledge_number number)
{
    if (number.is_integer)
        lua_pushinteger(L, (lua_Integer)number.integer);
    else
        lua_pushnumber(L, (lua_Number)number.value);
}

void pledge_lua_push_observation(lua_State *L, const pledge_observation *obs)
{
    lua_createtable(L, 0, 3);
    pledge_lua_push_date(L, obs->date);
    lua_setfield(L, -2, "date");
    if (obs->has_value) {
        pledge_lua_push_number(L, obs->value);
        lua_setfield(L, -2, "value");
    }
    lua_pushinteger(L, (lua_Integer)obs->report);
    lua_setfield(L, -2, "report");
}

/* ---- diagnostics ----------------------------------------------------------- */

static const char *field_string(lua_State *L, int table, const char *key)
{
    const char *s;
    /* Strings only: a number would be converted in its stack slot, and
     * that string would die with the pop below. */
    s = lua_getfield(L, table, key) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the table still holds the string */
    return s ? s : "";
}

static lua_Integer field_integer(lua_State *L, int table, const char *key)
{
    lua_Integer v;
    lua_getfield(L, table, key);
    v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

/* As pledge-validate's text output: FILE[:LINE[:COLUMN]]: SEVERITY:
 * MESSAGE [CODE] at INSTANCE_PATH (the path only when not the root). */
static int diagnostic_tostring(lua_State *L)
{
    luaL_Buffer b;
    lua_Integer line, column;
    const char *path;
    luaL_checktype(L, 1, LUA_TTABLE);
    line = field_integer(L, 1, "line");
    column = field_integer(L, 1, "column");
    luaL_buffinit(L, &b);
    luaL_addstring(&b, field_string(L, 1, "file"));
    if (line > 0) {
        lua_pushfstring(L, ":%I", line);
        luaL_addvalue(&b);
        if (column > 0) {
            lua_pushfstring(L, ":%I", column);
            luaL_addvalue(&b);
        }
    }
    luaL_addstring(&b, ": ");
    luaL_addstring(&b, field_string(L, 1, "severity"));
    luaL_addstring(&b, ": ");
    luaL_addstring(&b, field_string(L, 1, "message"));
    luaL_addstring(&b, " [");
    luaL_addstring(&b, field_string(L, 1, "code"));
    luaL_addstring(&b, "]");
    path = field_string(L, 1, "instance_path");
    if (path[0]) {
        luaL_addstring(&b, " at ");
        luaL_addstring(&b, path);
    }
    luaL_pushresult(&b);
    return 1;
}

static void push_diagnostic_mt(lua_State *L)
{
    if (luaL_newmetatable(L, DIAGNOSTIC_MT)) {
        lua_pushcfunction(L, diagnostic_tostring);
        lua_setfield(L, -2, "__tostring");
    }
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    lua_pushstring(L, value ? value : "");
    lua_setfield(L, -2, key);
}

static void set_integer(lua_State *L, const char *key, size_t value)
{
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

void pledge_lua_push_diagnostic(lua_State *L, const pledge_diag *d)
{
    lua_createtable(L, 0, 9);
    set_string(L, "severity", pledge_severity_name(d->severity));
    set_string(L, "code", d->code);
    set_string(L, "message", d->message);
    set_string(L, "file", d->file);
    set_integer(L, "document", d->document);
    set_integer(L, "line", d->line);
    set_integer(L, "column", d->column);
    set_string(L, "instance_path", d->instance_path);
    set_string(L, "schema_path", d->schema_path);
    push_diagnostic_mt(L);
    lua_setmetatable(L, -2);
}

void pledge_lua_push_diagnostics(lua_State *L, const pledge_diag_list *list)
{
    size_t i, n = pledge_diag_list_count(list);
    lua_createtable(L, n > (size_t)0x7fffffff ? 0 : (int)n, 0);
    for (i = 0; i < n; i++) {
        pledge_lua_push_diagnostic(L, pledge_diag_list_at(list, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* ---- trees ----------------------------------------------------------------- */

void pledge_lua_push_array_mt(lua_State *L)
{
    /* __name alone: the marker must not change how the table behaves */
    luaL_newmetatable(L, ARRAY_MT);
}

static int table_size_hint(size_t n)
{
    return n > (size_t)0x7fffffff ? 0 : (int)n;
}

/* Recursive rather than pledge_sup_walk: a Lua error (out of memory) is a
 * longjmp, which would skip the walk's free() of its heap stack; recursion
 * keeps every frame on the C stack, so an error leaks nothing. The depth is
 * bounded by the readers' max_depth. */
static void push_node(lua_State *L, const pledge_node *node, int depth)
{
    size_t i, n, len = 0;
    if (depth > MAX_DEPTH)
        luaL_error(L, "pledge: document nested deeper than %d levels", MAX_DEPTH);
    luaL_checkstack(L, 4, "pledge: document too deep for the Lua stack");
    switch (pledge_node_type_of(node)) {
    case PLEDGE_NODE_BOOL:
        lua_pushboolean(L, pledge_node_bool(node));
        break;
    case PLEDGE_NODE_INT: {
        int64_t v;
        if (pledge_node_int64(node, &v) == PLEDGE_OK)
            lua_pushinteger(L, (lua_Integer)v);
        else
            lua_pushnumber(L, (lua_Number)pledge_node_number(node));
        break;
    }
    case PLEDGE_NODE_FLOAT:
        lua_pushnumber(L, (lua_Number)pledge_node_number(node));
        break;
    case PLEDGE_NODE_STRING: {
        const char *s = pledge_node_string(node, &len);
        lua_pushlstring(L, s ? s : "", s ? len : 0);
        break;
    }
    case PLEDGE_NODE_SEQUENCE:
        n = pledge_node_size(node);
        lua_createtable(L, table_size_hint(n), 0);
        for (i = 0; i < n; i++) {
            push_node(L, pledge_node_item(node, i), depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        if (n == 0) {
            pledge_lua_push_array_mt(L);
            lua_setmetatable(L, -2);
        }
        break;
    case PLEDGE_NODE_MAPPING:
        n = pledge_node_size(node);
        lua_createtable(L, 0, table_size_hint(n));
        for (i = 0; i < n; i++) {
            const char *k = pledge_node_string(pledge_node_key(node, i), &len);
            lua_pushlstring(L, k ? k : "", k ? len : 0);
            push_node(L, pledge_node_value(node, i), depth + 1);
            lua_rawset(L, -3);
        }
        break;
    default: /* null */
        lua_pushlightuserdata(L, NULL);
        break;
    }
}

void pledge_lua_push_node(lua_State *L, const pledge_node *node)
{
    if (!node) {
        lua_pushnil(L);
        return;
    }
    push_node(L, node, 0);
}
