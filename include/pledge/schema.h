/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/schema.h
 * @brief JSON Schema draft 2020-12: compile once, validate many trees.
 *
 * A pledge_schema is compiled from a file, a buffer or a tree (JSON or
 * YAML). It is immutable after compilation and may validate any number of
 * documents from any number of threads at once.
 *
 * The 2020-12 metaschemas are built in: "$ref":
 * "https://json-schema.org/draft/2020-12/schema" works offline. Other
 * references resolve against the base URI (the schema's $id, else its
 * file's own file: URI): a file: URI must lie inside the schema's folder;
 * a resolver hook and URI-prefix-to-folder mappings serve the rest. There
 * is never any network access.
 */
#ifndef PLEDGE_SCHEMA_H
#define PLEDGE_SCHEMA_H

#include "common.h"
#include "diag.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A compiled schema. Opaque, immutable, thread-safe to use. */
typedef struct pledge_schema pledge_schema;

/**
 * Resolver hook: supply the document at absolute @p uri (no fragment).
 * Return 0 and set *out to a tree the schema takes ownership of, or
 * PLEDGE_ENOTFOUND to let libpledge try its other sources, or another
 * negative code to fail the compilation.
 */
typedef int (*pledge_resolve_fn)(pledge_tree **out, const char *uri, void *ud);

/** A URI prefix served from a local folder (the CLI's --ref-dir). */
typedef struct pledge_ref_dir {
    const char *uri_prefix; /**< e.g. "https://example.org/s/" */
    const char *directory;  /**< e.g. "schemas/" */
} pledge_ref_dir;

/** Compile flags. */
#define PLEDGE_SCHEMA_ASSERT_FORMATS 0x1u /**< "format" is an assertion */
#define PLEDGE_SCHEMA_NO_METASCHEMA 0x2u  /**< skip the metaschema check */
#define PLEDGE_SCHEMA_ALL_BRANCHES 0x4u   /**< report every failing branch of
                                              anyOf/oneOf, not the best one */

#define PLEDGE_SCHEMA_OPTIONS_VERSION 1

/** Options for compiling. Initialise with PLEDGE_SCHEMA_OPTIONS_INIT. */
typedef struct pledge_schema_options {
    unsigned int version;         /**< PLEDGE_SCHEMA_OPTIONS_VERSION */
    unsigned int flags;           /**< PLEDGE_SCHEMA_* */
    const pledge_ref_dir *ref_dirs;
    size_t ref_dir_count;
    pledge_resolve_fn resolve;    /**< may be NULL */
    void *resolve_ud;
    /** Options for reading the schema and the documents it refers to. */
    const pledge_load_options *load;
    const pledge_allocator *allocator; /**< NULL: malloc */
} pledge_schema_options;

#define PLEDGE_SCHEMA_OPTIONS_INIT                                          \
    { PLEDGE_SCHEMA_OPTIONS_VERSION, 0, NULL, 0, NULL, NULL, NULL, NULL }

/**
 * Compile the schema in the file at @p path (JSON if it ends in ".json",
 * else YAML). Problems go to @p diags: io.error, syntax errors, and
 * schema.invalid with the position of the offending keyword.
 * Caller frees with pledge_schema_free().
 * @return 0, PLEDGE_EIO, PLEDGE_EINVALID, PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_schema_compile_file(pledge_schema **out, const char *path,
                                             const pledge_schema_options *opts,
                                             pledge_diag_list *diags);

/** Compile from @p len bytes named @p name (the name gives the base URI
 *  when it is a path and the schema has no $id). */
PLEDGE_EXTERN int pledge_schema_compile_buffer(pledge_schema **out, const char *name,
                                               const void *data, size_t len,
                                               const pledge_schema_options *opts,
                                               pledge_diag_list *diags);

/** Compile from a tree; @p base_uri may be NULL. The tree is borrowed
 *  during the call only. */
PLEDGE_EXTERN int pledge_schema_compile_tree(pledge_schema **out, const pledge_tree *tree,
                                             const char *base_uri,
                                             const pledge_schema_options *opts,
                                             pledge_diag_list *diags);

/** Free a schema. Accepts NULL. */
PLEDGE_EXTERN void pledge_schema_free(pledge_schema *schema);

/** Validation flags. */
#define PLEDGE_VALIDATE_ALL_BRANCHES PLEDGE_SCHEMA_ALL_BRANCHES

/**
 * Validate @p instance (a node of a tree named @p file, document
 * @p document) against @p schema. Each failure is appended to @p diags:
 * code = the failing keyword, message in plain words, instance path,
 * schema path, and the position of the offending node.
 * @return 0 if valid, PLEDGE_EINVALID if not, PLEDGE_ENOMEM.
 */
PLEDGE_EXTERN int pledge_schema_validate(const pledge_schema *schema,
                                         const pledge_node *instance,
                                         const char *file, size_t document,
                                         unsigned int flags,
                                         pledge_diag_list *diags);

/**
 * Validate every document of a stream against @p schema, reading it with
 * @p load options; reading problems are diagnostics too.
 * @return 0 if every document is valid, PLEDGE_EINVALID, PLEDGE_EIO,
 *         PLEDGE_ENOMEM.
 */
PLEDGE_EXTERN int pledge_schema_validate_file(const pledge_schema *schema, const char *path,
                                              const pledge_load_options *load,
                                              unsigned int flags, pledge_diag_list *diags);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_SCHEMA_H */
