/* SPDX-License-Identifier: MIT */
/*
 * Lua 5.4 and 5.3 conversions for bindings/pledge.i (included from it under
 * SWIGLUA; its header lists the patterns every language provides).
 *
 * The generated module is the private C module "pledge.core"
 * (bindings/lua/CMakeLists.txt runs SWIG with -module pledge_core, so that
 * the opener is luaopen_pledge_core, and -nomoduleglobal); pledge.lua is
 * the idiomatic layer over it.
 *
 * What Lua code sees of the raw module:
 * - integers are Lua integers (SWIG 4.1 pushes every C number as a float);
 * - strings keep their length (they may hold NUL); NULL is nil;
 * - a borrowed object (a party of a document, an indicator progress of a
 *   progress...) is a userdata whose user value is the object it came
 *   from, so it keeps its document (or progress) alive by itself; only the
 *   owners (documents, progresses, schemas) have a __gc;
 * - a support operation returns a table {docs=, progress=, schema=, text=,
 *   documents=, diagnostics=, files=} on success (pledge_sup_read: docs
 *   holds false for an invalid document, files splits docs and
 *   diagnostics by file), and nil, message, diagnostics,
 *   status for an expected failure (invalid data, an unreadable file, a
 *   stream without the documents wanted);
 * - error() only for misuse: a wrong argument type, a negative or
 *   fractional count, out of memory.
 *
 * Lua errors are longjmps: no typemap holds malloc'd memory across a call
 * that may raise. Temporary arrays live in userdata on the Lua stack.
 */

%{
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <lauxlib.h>
#include "lua_support.h"

/* SWIG's opener becomes pledge_lua_swig_open; lua_support.c's
 * luaopen_pledge_core checks the host's Lua version, then calls it. */
#undef SWIG_init
#define SWIG_init pledge_lua_swig_open

/* An integer argument in [min, max]: a float with an integral value is
 * taken (Lua converts 2.0 to 2), 1.5 or "x" is misuse. */
static lua_Integer pledge_lua_check_integer(lua_State *L, int index, lua_Integer min,
                                            lua_Integer max)
{
    lua_Integer v = luaL_checkinteger(L, index);
    if (v < min || v > max)
        luaL_argerror(L, index, "integer out of range");
    return v;
}

/* A string argument that C reads up to its first NUL (a file name, an id):
 * a NUL inside would silently cut it, so it is misuse. */
static const char *pledge_lua_check_cstring(lua_State *L, int index)
{
    size_t len = 0;
    const char *s;
    luaL_checktype(L, index, LUA_TSTRING);
    s = lua_tolstring(L, index, &len);
    if (strlen(s) != len)
        luaL_argerror(L, index, "string holds a NUL byte");
    return s;
}

/* The message of a failed operation: "FILE: reason" for an unreadable
 * file (as io.open says it), the first error for the rest. */
static void pledge_lua_push_failure(lua_State *L, const pledge_sup_result *r)
{
    const pledge_diag *first = NULL;
    size_t i, n = pledge_diag_list_count(r->diags);
    for (i = 0; i < n && !first; i++) {
        const pledge_diag *d = pledge_diag_list_at(r->diags, i);
        if (d->severity == PLEDGE_SEVERITY_ERROR)
            first = d;
    }
    if (r->status == PLEDGE_EIO)
        lua_pushfstring(L, "%s: %s", first ? first->file : "?",
                        strerror(r->sys_errno ? r->sys_errno : EIO));
    else if (first && r->status != PLEDGE_EINVALID)
        lua_pushstring(L, first->message);
    else
        lua_pushstring(L, pledge_strerror(r->status));
}

/* lua_CFunction run under lua_pcall by the "out" typemap of
 * pledge_sup_result, so that an error half-way (out of memory) lets the
 * wrapper free the result before it re-raises. */
static int pledge_lua_result(lua_State *L)
{
    pledge_sup_result *r = (pledge_sup_result *)lua_touserdata(L, 1);
    size_t i;
    switch (r->status) {
    case PLEDGE_OK:
        break;
    case PLEDGE_EINVALID:
    case PLEDGE_EIO:
    case PLEDGE_ERROR:
        /* expected failures: nil, message, diagnostics, status */
        lua_pushnil(L);
        pledge_lua_push_failure(L, r);
        pledge_lua_push_diagnostics(L, r->diags);
        lua_pushinteger(L, r->status);
        return 4;
    case PLEDGE_ENOMEM:
        return luaL_error(L, "pledge: not enough memory");
    default:
        return luaL_error(L, "pledge: %s", pledge_strerror(r->status));
    }
    /* Each owned object is wrapped first and taken from the result after:
     * if making its userdata raises, the result still owns (and frees) it. */
    lua_createtable(L, 0, 7);
    lua_createtable(L, r->doc_count > INT_MAX ? 0 : (int)r->doc_count, 0);
    for (i = 0; i < r->doc_count; i++) {
        if (r->docs[i]) {
            SWIG_NewPointerObj(L, r->docs[i], SWIGTYPE_p_pledge_doc, 1);
            (void)pledge_sup_result_take_doc(r, i);
        } else {
            lua_pushboolean(L, 0); /* pledge_sup_read: an invalid one */
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "docs");
    if (r->file_names) {
        /* pledge_sup_read: {name=, documents=, diagnostics=} in load order,
         * the counts of docs and diagnostics that are each file's own */
        lua_createtable(L, r->file_count > INT_MAX ? 0 : (int)r->file_count, 0);
        for (i = 0; i < r->file_count; i++) {
            lua_createtable(L, 0, 3);
            lua_pushstring(L, r->file_names[i]);
            lua_setfield(L, -2, "name");
            lua_pushinteger(L, (lua_Integer)r->file_doc_counts[i]);
            lua_setfield(L, -2, "documents");
            lua_pushinteger(L, (lua_Integer)r->file_diag_counts[i]);
            lua_setfield(L, -2, "diagnostics");
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, "files");
    }
    if (r->progress) {
        SWIG_NewPointerObj(L, r->progress, SWIGTYPE_p_pledge_progress, 1);
        (void)pledge_sup_result_take_progress(r);
        lua_setfield(L, -2, "progress");
    }
    if (r->schema) {
        SWIG_NewPointerObj(L, r->schema, SWIGTYPE_p_pledge_schema, 1);
        (void)pledge_sup_result_take_schema(r);
        lua_setfield(L, -2, "schema");
    }
    if (r->text) {
        lua_pushlstring(L, r->text, r->text_len);
        lua_setfield(L, -2, "text");
    }
    lua_pushinteger(L, (lua_Integer)r->documents);
    lua_setfield(L, -2, "documents");
    pledge_lua_push_diagnostics(L, r->diags);
    lua_setfield(L, -2, "diagnostics");
    return 1;
}
%}

/* The C address behind a wrapped object, as a light userdata: two userdata
 * of one object are different Lua values, their addresses are equal, so
 * pledge.lua keys its objects by it (nil for anything but a wrapped
 * object of this module; pledge.lua passes nothing else). */
%native(lua_address) int pledge_lua_address(lua_State *L);
%{
static int pledge_lua_address(lua_State *L)
{
    void *p = NULL;
    if (lua_type(L, 1) != LUA_TUSERDATA || !SWIG_IsOK(SWIG_ConvertPtr(L, 1, &p, NULL, 0)) || !p)
        lua_pushnil(L);
    else
        lua_pushlightuserdata(L, p);
    return 1;
}
%}

/* The sentinel for a YAML/JSON null in converted trees (as lua-cjson's
 * cjson.null), the marker of empty sequences, and the statuses of expected
 * failures (pledge.i does not wrap pledge/common.h); the module table is on
 * top of the stack while %init runs. */
%init %{
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    pledge_lua_push_array_mt(L);
    lua_setfield(L, -2, "array_mt");
    lua_pushinteger(L, PLEDGE_ERROR);
    lua_setfield(L, -2, "PLEDGE_ERROR");
    lua_pushinteger(L, PLEDGE_EIO);
    lua_setfield(L, -2, "PLEDGE_EIO");
    lua_pushinteger(L, PLEDGE_EINVALID);
    lua_setfield(L, -2, "PLEDGE_EINVALID");
%}

/* ---- integers -------------------------------------------------------------- */
/* Out: Lua integers, never floats (a size_t beyond LUA_MAXINTEGER, which
 * only PLEDGE_NO_INDEX is, wraps to -1). */
%typemap(out) int, short, long, long long, signed char,
              unsigned int, unsigned short, unsigned long, unsigned long long, unsigned char,
              size_t, int64_t, uint64_t, int32_t, uint32_t, enum SWIGTYPE
%{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}

/* In: integers checked for type and range (SWIG's own would truncate 1.5). */
%typemap(in) int, enum SWIGTYPE
%{ $1 = ($1_ltype)pledge_lua_check_integer(L, $input, INT_MIN, INT_MAX); %}
%typemap(in) unsigned int
%{ $1 = ($1_ltype)pledge_lua_check_integer(L, $input, 0, (lua_Integer)UINT_MAX); %}
%typemap(in) size_t, unsigned long, unsigned long long, uint64_t
%{ $1 = ($1_ltype)pledge_lua_check_integer(L, $input, 0, LUA_MAXINTEGER); %}
%typemap(in) long, long long, int64_t
%{ $1 = ($1_ltype)luaL_checkinteger(L, $input); %}

/* ---- strings ------------------------------------------------------------------ */
/* const char *f(..., size_t *len): the returned bytes, NUL included, or nil
 * for NULL. "out" has pushed result with lua_pushstring: replace it. */
%typemap(in, numinputs=0) size_t *len (size_t len_tmp = 0)
%{ $1 = &len_tmp; %}
%typemap(argout) size_t *len %{
    lua_pop(L, 1);
    if (result)
        lua_pushlstring(L, (const char *)result, *$1);
    else
        lua_pushnil(L);
%}

/* A file name: a string without NUL (numbers are not taken as names). */
%typemap(in) const char *path
%{ $1 = ($1_ltype)pledge_lua_check_cstring(L, $input); %}

/* Text given by the caller: any bytes (a NUL is data). */
%typemap(in) (const char *data, size_t len) (size_t data_len = 0) {
    luaL_checktype(L, $input, LUA_TSTRING);
    $1 = ($1_ltype)lua_tolstring(L, $input, &data_len);
    $2 = data_len;
}

/* ---- value structs ------------------------------------------------------------ */
%typemap(out) pledge_date
%{ pledge_lua_push_date(L, $1); SWIG_arg++; %}
%typemap(out) pledge_number
%{ pledge_lua_push_number(L, $1); SWIG_arg++; %}

/* int f(..., pledge_observation *out): the observation, nil when the call
 * found none; replaces the int that "out" pushed. */
%typemap(in, numinputs=0) pledge_observation *out (pledge_observation obs_tmp)
%{ memset(&obs_tmp, 0, sizeof obs_tmp); $1 = &obs_tmp; %}
%typemap(argout) pledge_observation *out %{
    lua_pop(L, 1);
    if (result == 0)
        pledge_lua_push_observation(L, $1);
    else
        lua_pushnil(L);
%}

%typemap(in, numinputs=0) double *out (double dbl_tmp = 0)
%{ $1 = &dbl_tmp; %}
%typemap(argout) double *out %{
    lua_pop(L, 1);
    if (result == 0)
        lua_pushnumber(L, (lua_Number)*$1);
    else
        lua_pushnil(L);
%}

/* ---- lists given by the caller ------------------------------------------------- */
/* A sequence of strings. The array is a userdata left on the stack for the
 * call; the strings stay alive in the caller's table. */
%typemap(in) (const char *const *list, size_t list_count) {
    lua_Integer i, n;
    const char **items;
    luaL_checktype(L, $input, LUA_TTABLE);
    n = (lua_Integer)lua_rawlen(L, $input);
    items = (const char **)lua_newuserdatauv(L, ((size_t)n + 1) * sizeof *items, 0);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, $input, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "bad argument #%d to '%s' (item %d is a %s, not a string)",
                       $argnum, "$symname", (int)i, luaL_typename(L, -1));
        items[i - 1] = pledge_lua_check_cstring(L, lua_gettop(L));
        lua_pop(L, 1);
    }
    items[n] = NULL;
    $1 = ($1_ltype)items;
    $2 = (size_t)n;
}

/* A sequence of documents (the owners' userdata), read the same way. */
%typemap(in) (const pledge_doc *const *docs, size_t doc_count) {
    lua_Integer i, n;
    const pledge_doc **items;
    luaL_checktype(L, $input, LUA_TTABLE);
    n = (lua_Integer)lua_rawlen(L, $input);
    items = (const pledge_doc **)lua_newuserdatauv(L, ((size_t)n + 1) * sizeof *items, 0);
    for (i = 1; i <= n; i++) {
        void *p = NULL;
        lua_rawgeti(L, $input, i);
        if (!SWIG_IsOK(SWIG_ConvertPtr(L, -1, &p, $descriptor(pledge_doc *), 0)) || !p)
            luaL_error(L, "bad argument #%d to '%s' (item %d is not a document)",
                       $argnum, "$symname", (int)i);
        items[i - 1] = (const pledge_doc *)p;
        lua_pop(L, 1);
    }
    items[n] = NULL;
    $1 = ($1_ltype)items;
    $2 = (size_t)n;
}

/* ---- objects handed out --------------------------------------------------------- */
/* A borrowed object: its user value is the call's first argument (the
 * document, progress or object it was read from), which keeps the owner
 * alive while the object is referenced. */
%typemap(out) const SWIGTYPE * {
    SWIG_NewPointerObj(L, (void *)$1, $1_descriptor, 0);
    SWIG_arg++;
    if ($1 && lua_type(L, 1) == LUA_TUSERDATA) {
        lua_pushvalue(L, 1);
        lua_setiuservalue(L, -2, 1);
    }
}

/* A document's tree, converted whole into plain tables. */
%typemap(out) const pledge_node *
%{ pledge_lua_push_node(L, $1); SWIG_arg++; %}

/* The result of a support operation (see the header). The conversion runs
 * under lua_pcall: on an error the result is freed here, then re-raised
 * by SWIG's fail path (which skips "newfree"). */
%typemap(out) pledge_sup_result * {
    int top = lua_gettop(L);
    if (!$1) {
        lua_pushliteral(L, "pledge: not enough memory");
        SWIG_fail;
    }
    lua_pushcfunction(L, pledge_lua_result);
    lua_pushlightuserdata(L, $1);
    if (lua_pcall(L, 1, LUA_MULTRET, 0) != LUA_OK) {
        pledge_sup_result_free($1);
        SWIG_fail;
    }
    SWIG_arg += lua_gettop(L) - top;
}
%typemap(newfree) pledge_sup_result *
%{ pledge_sup_result_free($1); %}
