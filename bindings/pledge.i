/* SPDX-License-Identifier: MIT */
/*
 * The one SWIG interface of libpledge, shared by the Python and Lua
 * bindings. It wraps the read-only accessors of pledge/model.h as they are,
 * plus the whole operations of support.h (load, validate, progress, write,
 * schemas), and says once, for every language, what the wrapper owns.
 *
 * The raw module it generates is private (Python: pledge._core; Lua: see
 * lua/typemaps.i); each language puts an idiomatic layer over it (Python:
 * bindings/python/pledge/__init__.py). Names lose their "pledge_" prefix:
 * pledge_doc_activity_at is core.doc_activity_at, pledge_sup_load_file is
 * core.sup_load_file.
 *
 * This file stays language-neutral: declarations, %rename/%ignore,
 * %newobject and destructors. Conversions live in <language>/typemaps.i,
 * which must provide a typemap for each of these patterns (matched by type
 * and parameter name, so keep the names when adding declarations):
 *
 *   const char *f(..., size_t *len)     the returned string, of *len bytes
 *                                       (it may hold NUL), or nil/None for
 *                                       NULL: "in" numinputs=0 + "argout"
 *   pledge_date                         a returned date: nil/None for
 *                                       precision NONE
 *   pledge_number                       a returned number: an integer when
 *                                       is_integer, else a float
 *   int f(..., pledge_observation *out) the observation, or nil/None when
 *   int f(..., double *out)             the call returns nonzero (not found)
 *   (const char *data, size_t len)      text given by the caller
 *   (const char *const *list, size_t list_count)  a list of strings
 *   (const pledge_doc *const *docs, size_t doc_count)  a list of documents
 *   const char *path                    a file name (Python: str, bytes or
 *                                       os.PathLike)
 *   const pledge_node *                 a returned tree, converted whole into
 *                                       the language's data (dict/list or
 *                                       tables) with pledge_sup_walk
 *   pledge_sup_result *                 "out": the operation's products or
 *                                       its error (take what you keep with
 *                                       pledge_sup_result_take_*); "newfree":
 *                                       pledge_sup_result_free($1)
 *
 * Ownership: pledge_doc, pledge_schema and pledge_progress are the only
 * objects a wrapper owns (their destructors below); every other pointer is
 * borrowed from a document (or a progress) and valid while it lives, so
 * the language layer keeps the owner referenced by each object it hands
 * out. The accessors never fail; the support operations report every
 * failure through their result.
 */

#if defined(SWIGPYTHON)
%module(package="pledge") core
#else
%module core
#endif

%{
#include <pledge.h>
#include "support.h"
%}

%include <stdint.i>

/* The headers' export macro means nothing to SWIG. */
#define PLEDGE_EXTERN

/* pledge_doc_activity_at -> doc_activity_at: the module is private and
 * already named after the library. */
%rename("%(strip:[pledge_])s") "";

/* ---- what the wrappers own ------------------------------------------------ */
/* Opaque in C; declared here with an empty body so that SWIG gives them a
 * destructor (Python: tp_dealloc of the builtin type; Lua: __gc). */
%nodefaultctor pledge_doc;
%nodefaultctor pledge_schema;
%nodefaultctor pledge_progress;
typedef struct pledge_doc {} pledge_doc;
typedef struct pledge_schema {} pledge_schema;
typedef struct pledge_progress {} pledge_progress;
%extend pledge_doc { ~pledge_doc() { pledge_doc_free($self); } }
%extend pledge_schema { ~pledge_schema() { pledge_schema_free($self); } }
%extend pledge_progress { ~pledge_progress() { pledge_progress_free($self); } }

/* Every support operation hands its result to the wrapper, which converts
 * it ("out") and frees it ("newfree"). */
%newobject pledge_sup_load_file;
%newobject pledge_sup_load_buffer;
%newobject pledge_sup_validate;
%newobject pledge_sup_read;
%newobject pledge_sup_progress;
%newobject pledge_sup_write;
%newobject pledge_sup_schema_file;
%newobject pledge_sup_schema_buffer;
%newobject pledge_sup_schema_validate_file;
%newobject pledge_sup_schema_validate_buffer;

/* ---- the language's conversions -------------------------------------------- */
#if defined(SWIGPYTHON)
%include "python/typemaps.i"
#elif defined(SWIGLUA)
%include "lua/typemaps.i"
#endif

/* ---- pledge/model.h: the read-only accessors ------------------------------- */
/* Value structs come back converted by the typemaps, never as objects. */
%ignore pledge_date;
%ignore pledge_number;
%ignore pledge_observation;
/* Dates: the languages have their own (partial dates arrive as parts). */
%ignore pledge_date_parse;
%ignore pledge_date_compare;
%ignore pledge_date_first_day;
%ignore pledge_date_last_day;
%ignore pledge_date_days;
%ignore pledge_date_format;
/* Loading, writing, sets and progress go through support.h, which owns the
 * out-parameters, diagnostic lists and callbacks these take. */
%ignore pledge_doc_from_tree;
%ignore pledge_doc_from_tree_owned;
%ignore pledge_doc_take_tree;
%ignore pledge_doc_read_next;
%ignore pledge_doc_load_file;
%ignore pledge_doc_load_buffer;
%ignore pledge_doc_free;
%ignore pledge_doc_write_yaml;
%ignore pledge_doc_write_json;
%ignore pledge_set;
/* every pledge_set_* function, those added later too */
%rename("$ignore", regextarget=1) "^pledge_set_";
%ignore pledge_progress_compute;
%ignore pledge_progress_free;

%include "pledge/version.h"
%include "pledge/model.h"

/* ---- support.h: whole operations ---------------------------------------------- */
/* The result is converted by the typemaps; taking from it and walking trees
 * are for the typemaps' C code only. */
%ignore pledge_sup_result;
%ignore pledge_sup_result_free;
%ignore pledge_sup_result_take_doc;
%ignore pledge_sup_result_take_progress;
%ignore pledge_sup_result_take_schema;
%ignore pledge_sup_walk_ops;
%ignore pledge_sup_walk;

%include "support.h"
