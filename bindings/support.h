/* SPDX-License-Identifier: MIT */
/**
 * @file bindings/support.h
 * @brief A small C layer under the SWIG bindings (Python and Lua): whole
 *        operations that take and return plain values, so that no binding
 *        has to drive readers, sets, out-parameters or write callbacks.
 *
 * Compiled into each binding module, never into the library; it uses the
 * public API only. Every operation returns one pledge_sup_result that holds
 * everything it produced (documents, a progress, a schema, text,
 * diagnostics) and a status; a language's typemap turns that result into
 * its own values or errors, takes what it keeps (pledge_sup_result_take_*)
 * and frees the rest with pledge_sup_result_free().
 *
 * Thread safety: every function may run in any thread with no lock held
 * (the Python binding releases the GIL around them); documents, schemas and
 * progresses are immutable once built.
 */
#ifndef PLEDGE_BINDINGS_SUPPORT_H
#define PLEDGE_BINDINGS_SUPPORT_H

#include <pledge.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- flags of the operations ------------------------------------------ */

/** Read the text as JSON, whatever its name (from_dict / from_table). */
#define PLEDGE_SUP_JSON 0x1u
/** Zero the line, column and offset of every diagnostic: for data that was
 *  built in memory and serialised by the binding, whose positions would
 *  point into text the user never saw. */
#define PLEDGE_SUP_NO_POSITIONS 0x2u
/** validate: a follow-up whose pledge is not among the files is an error
 *  (follow-up.unknown-pledge), as the CLI's --resolve. */
#define PLEDGE_SUP_RESOLVE 0x4u
/** Schemas: "format" is an assertion (the CLI's --assert-formats). */
#define PLEDGE_SUP_ASSERT_FORMATS 0x8u
/** pledge_sup_write: JSON indented by two spaces. */
#define PLEDGE_SUP_PRETTY 0x10u

/**
 * What an operation produced. Everything in it is owned by the result
 * until taken; pledge_sup_result_free() frees what is left.
 */
typedef struct pledge_sup_result {
    /** 0, or a negative pledge_error: PLEDGE_EIO (unreadable file),
     *  PLEDGE_EINVALID (the diagnostics hold errors), PLEDGE_ERROR (a
     *  stream without exactly the documents asked for, a write that failed),
     *  PLEDGE_ENOMEM, PLEDGE_EARG. */
    int status;
    /** With PLEDGE_EIO: the errno of the failed read, from its io.error
     *  diagnostic (EIO if it had none; never 0 then). */
    int sys_errno;
    /** Loads: the documents of the stream, invalid ones included. */
    size_t documents;
    /** Loads: the valid documents, in stream order (only when status is 0). */
    pledge_doc **docs;
    size_t doc_count;
    /** pledge_sup_progress: the progress. */
    pledge_progress *progress;
    /** pledge_sup_schema_*: the compiled schema. */
    pledge_schema *schema;
    /** pledge_sup_write: the text, NUL-terminated (also text_len bytes). */
    char *text;
    size_t text_len;
    /** Every diagnostic of the operation, errors and warnings; never NULL
     *  unless allocation failed (status PLEDGE_ENOMEM). */
    pledge_diag_list *diags;
    /** pledge_sup_read: the files in load order (file_count of them): each
     *  one's name, and how many of docs and of diags, taken in order, are
     *  its own. NULL otherwise. */
    size_t file_count;
    char **file_names;
    size_t *file_doc_counts;
    size_t *file_diag_counts;
} pledge_sup_result;

/** Free @p result and whatever was not taken from it. Accepts NULL. */
void pledge_sup_result_free(pledge_sup_result *result);

/** Take the @p index-th document (the caller then frees it with
 *  pledge_doc_free); NULL when out of range or already taken. */
pledge_doc *pledge_sup_result_take_doc(pledge_sup_result *result, size_t index);
/** Take the progress / the schema (caller frees; NULL when none). */
pledge_progress *pledge_sup_result_take_progress(pledge_sup_result *result);
pledge_schema *pledge_sup_result_take_schema(pledge_sup_result *result);

/* ---- documents ----------------------------------------------------------- */

/**
 * Read every document of the file at @p path, validate each in pledge mode
 * and, when the stream holds several, run the cross-document checks over
 * them (follow-ups against a pledge of the same stream, duplicate pledges).
 * Status 0: every document is valid and docs holds them all (warnings in
 * diags); PLEDGE_EINVALID: no document is returned, diags says why;
 * PLEDGE_EIO: the file could not be read (sys_errno says why).
 * A binding's load() that wants exactly one document checks doc_count.
 * Flags: PLEDGE_SUP_JSON, PLEDGE_SUP_NO_POSITIONS.
 */
pledge_sup_result *pledge_sup_load_file(const char *path, unsigned int flags);

/** As pledge_sup_load_file, from @p len bytes at @p data, named @p name in
 *  diagnostics (NULL: "<string>"). */
pledge_sup_result *pledge_sup_load_buffer(const char *name, const char *data, size_t len,
                                          unsigned int flags);

/**
 * Validate files and folders as `pledge-validate` takes them, through the
 * library's validation session (pledge/session.h: folders, the files
 * already seen, "-" as standard input, the cross-document checks;
 * PLEDGE_SUP_RESOLVE: as --resolve). The diagnostics come file by file in
 * load order, each file's in reading order (the cross-document ones among
 * them). Unreadable paths and paths that yield no file are io.error
 * diagnostics: the status is 0 whatever the data (PLEDGE_ENOMEM aside).
 * @p list holds @p list_count paths.
 */
pledge_sup_result *pledge_sup_validate(const char *const *list, size_t list_count,
                                       unsigned int flags);

/**
 * As pledge_sup_validate, and also hand out the valid documents: one session
 * (PLEDGE_SESSION_KEEP_DOCUMENTS) reads, validates and keeps the models, so
 * nothing is parsed twice. docs holds every document of every file in load
 * order, NULL for an invalid one (doc_count counts both); file_names,
 * file_doc_counts and file_diag_counts split docs and diags by file.
 */
pledge_sup_result *pledge_sup_read(const char *const *list, size_t list_count,
                                   unsigned int flags);

/**
 * The progress of @p pledge from @p follow_ups (in load order). A follow-up
 * of another pledge is refused: status PLEDGE_EINVALID with a
 * follow-up.unknown-pledge diagnostic; not a pledge / not follow-ups:
 * PLEDGE_EARG.
 */
pledge_sup_result *pledge_sup_progress(const pledge_doc *pledge,
                                       const pledge_doc *const *docs, size_t doc_count);

/** Write @p doc as YAML, or as JSON with PLEDGE_SUP_JSON (PLEDGE_SUP_PRETTY
 *  indents it) into text. A value JSON cannot hold (an infinite or NaN
 *  number in an x- key) gives PLEDGE_ERROR. */
pledge_sup_result *pledge_sup_write(const pledge_doc *doc, unsigned int flags);

/**
 * 1 when the document's source has a value at JSON Pointer @p pointer
 * ("/area", "/period/end", "" for the root), else 0. For bindings that
 * return None / nil for absent groups of keys.
 */
int pledge_sup_doc_has(const pledge_doc *doc, const char *pointer);

/* ---- generic JSON Schema ------------------------------------------------- */

/**
 * Compile the schema in the file at @p path. @p list holds @p list_count
 * strings in pairs: a URI prefix and the local folder that serves it (the
 * CLI's --ref-dir). Status PLEDGE_EIO (unreadable), PLEDGE_EINVALID (not a
 * valid schema: diags says why). Flags: PLEDGE_SUP_ASSERT_FORMATS.
 */
pledge_sup_result *pledge_sup_schema_file(const char *path, unsigned int flags,
                                          const char *const *list, size_t list_count);

/** As pledge_sup_schema_file from @p len bytes named @p name. */
pledge_sup_result *pledge_sup_schema_buffer(const char *name, const char *data, size_t len,
                                            unsigned int flags, const char *const *list,
                                            size_t list_count);

/** Validate every document of the file at @p path against @p schema; the
 *  status is 0 whatever the data (reading problems are diagnostics). */
pledge_sup_result *pledge_sup_schema_validate_file(const pledge_schema *schema,
                                                   const char *path, unsigned int flags);

/** As pledge_sup_schema_validate_file, from @p len bytes named @p name
 *  (NULL: "<string>"); PLEDGE_SUP_JSON reads them as JSON. */
pledge_sup_result *pledge_sup_schema_validate_buffer(const pledge_schema *schema,
                                                     const char *name, const char *data,
                                                     size_t len, unsigned int flags);

/* ---- trees into a language's own data ------------------------------------ */

/**
 * Events of pledge_sup_walk. Every value is announced exactly once: a
 * scalar by scalar(), a sequence or mapping by open(), its items, then
 * close(). Inside a mapping, key() comes before each value. A callback
 * returns 0 to go on, anything else to stop the walk with that value.
 */
typedef struct pledge_sup_walk_ops {
    /** A null, boolean, integer, number or string: read it with
     *  pledge_node_type_of and pledge_node_bool/_int64/_int_text/_number/
     *  _string. */
    int (*scalar)(void *ud, const pledge_node *node);
    /** A sequence (@p size items) or mapping (@p size pairs) starts. */
    int (*open)(void *ud, const pledge_node *node, size_t size);
    /** The key (a string node) of the next pair of the innermost mapping. */
    int (*key)(void *ud, const pledge_node *key);
    /** The innermost open sequence or mapping ends. */
    int (*close)(void *ud, const pledge_node *node);
} pledge_sup_walk_ops;

/**
 * Walk the tree under @p node depth first, in document order (aliases are
 * walked as copies of their anchors). Iterative: safe at any depth.
 * @return 0; a callback's nonzero value; PLEDGE_ENOMEM; PLEDGE_EARG.
 */
int pledge_sup_walk(const pledge_node *node, const pledge_sup_walk_ops *ops, void *ud);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_BINDINGS_SUPPORT_H */
