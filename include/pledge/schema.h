/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/schema.h
 * @brief JSON Schema draft 2020-12: compile once, validate many trees.
 *
 * A pledge_schema is compiled from a file, a buffer or a tree (JSON or
 * YAML). It is immutable after compilation and may validate any number of
 * documents from any number of threads at once.
 *
 * Vocabularies: core, applicator, validation, unevaluated, meta-data,
 * format-annotation (and format-assertion, content keywords ignored).
 * Unknown keywords are ignored; $vocabulary of a custom metaschema is
 * honoured (keywords of vocabularies it leaves out are ignored; a required
 * vocabulary libpledge does not know makes the schema invalid).
 *
 * The 2020-12 metaschemas are built in: "$ref":
 * "https://json-schema.org/draft/2020-12/schema" works offline, and each
 * schema document is checked against its metaschema when compiled (unless
 * PLEDGE_SCHEMA_NO_METASCHEMA). Other references resolve against the base
 * URI (the schema's $id, else its file's own file: URI, else
 * "urn:pledge:anonymous") and are looked up, in this order, among the
 * documents already loaded, the built-in metaschemas, the resolver hook,
 * the ref_dirs mappings, and file: URIs, which must lie inside the folder
 * of the root schema file (after "." and ".." are removed and symbolic
 * links followed; the same holds for ref_dirs folders). Files named by a
 * reference must be regular files (a FIFO is io.error, never a hang).
 * There is never any network access. A reference that
 * none of these serves makes the schema invalid (schema.invalid at the
 * $ref).
 *
 * Diagnostics of compilation: schema.invalid (file = the schema document,
 * position = the offending keyword, instance_path = its JSON Pointer in
 * that document, schema_path = the failing metaschema keyword when the
 * metaschema found it), io.error, and the readers' syntax codes.
 *
 * Diagnostics of validation: code = the failing keyword ("required",
 * "type", "additionalProperties"...; "false" for a false schema,
 * "schema.regex-limit" when PCRE2's match limit was hit), a message in
 * plain words, instance_path (JSON Pointer), schema_path (the keyword
 * location through $ref, e.g. "/properties/a/$ref/required") and the
 * position of the offending node: the value for a wrong value, the
 * mapping for a missing property, the key for an unexpected property.
 * "schema.limit" when the evaluation budget (max_evaluations) ran out or
 * the schema recursed as deep as the stack allows: then it is the only
 * diagnostic of that document.
 *
 * Stack: validation needs a thread stack of at least 256 KiB. Evaluation
 * recurses along the schema and the data; it measures the stack it uses
 * and stops with schema.limit 64 KiB before the end of the calling
 * thread's stack (queried once per thread on Linux, glibc and musl alike;
 * elsewhere it assumes 256 KiB), so no schema or document can overflow
 * it. Reading, compiling and writing need less (their walks are
 * iterative or bounded by the depth limit).
 *
 * When anyOf/oneOf fail, only the best-matching branch's errors are
 * reported (the branch whose errors lie deepest in the instance; then the
 * fewest errors; then the first), the first of them saying how many other
 * branches failed; PLEDGE_VALIDATE_ALL_BRANCHES reports every branch.
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
 * Return 0 and set *out to a tree the schema takes ownership of (it is
 * freed with the schema, or at once when compilation fails), or
 * PLEDGE_ENOTFOUND to let libpledge try its other sources, or another
 * negative code to fail the compilation with that code. Called only
 * during compilation, from the compiling thread.
 */
typedef int (*pledge_resolve_fn)(pledge_tree **out, const char *uri, void *ud);

/** A URI prefix served from a local folder (the CLI's --ref-dir). */
typedef struct pledge_ref_dir {
    const char *uri_prefix; /**< e.g. "https://example.org/s/" */
    const char *directory;  /**< e.g. "schemas/" */
} pledge_ref_dir;

/** Compile flags. */
#define PLEDGE_SCHEMA_ASSERT_FORMATS 0x1u /**< "format" is an assertion for the
                                              formats libpledge knows (date,
                                              date-time, time, duration, email,
                                              hostname, ipv4, ipv6, uri,
                                              uri-reference, uuid, json-pointer,
                                              regex...); others stay annotations */
#define PLEDGE_SCHEMA_NO_METASCHEMA 0x2u  /**< skip the metaschema check */
#define PLEDGE_SCHEMA_ALL_BRANCHES 0x4u   /**< report every failing branch of
                                              anyOf/oneOf, not the best one
                                              (for every validation) */

#define PLEDGE_SCHEMA_OPTIONS_VERSION 2 /* 1: without max_evaluations */

/** The default evaluation budget: schema evaluations per document. */
#define PLEDGE_SCHEMA_DEFAULT_MAX_EVALUATIONS 10000000u

/** Options for compiling. Initialise with PLEDGE_SCHEMA_OPTIONS_INIT. */
typedef struct pledge_schema_options {
    unsigned int version;         /**< PLEDGE_SCHEMA_OPTIONS_VERSION */
    unsigned int flags;           /**< PLEDGE_SCHEMA_* */
    /** URI prefixes served from folders (borrowed during compilation);
     *  the rest of the URI, percent-decoded, is the file's path below the
     *  folder, and may not contain ".."; the file opened must lie inside
     *  the folder once symbolic links are resolved. */
    const pledge_ref_dir *ref_dirs;
    size_t ref_dir_count;
    pledge_resolve_fn resolve;    /**< may be NULL */
    void *resolve_ud;
    /** Options for reading the schema and the documents it refers to
     *  (NULL: defaults). */
    const pledge_load_options *load;
    /** Allocator for everything the schema and its validations allocate
     *  (NULL: the load options' allocator, else malloc). It must outlive
     *  the schema. */
    const pledge_allocator *allocator;
    /** The evaluation budget: how many times, at most, a subschema is
     *  applied to a value while one document is validated (each $ref,
     *  allOf/anyOf/oneOf branch, property, item... counts one). Beyond it
     *  the validation stops with the one diagnostic schema.limit, so that a
     *  schema whose cost grows exponentially (allOf/$ref chains that refer
     *  twice to the next level) ends quickly. 0: the default,
     *  PLEDGE_SCHEMA_DEFAULT_MAX_EVALUATIONS (10,000,000: about a second);
     *  SIZE_MAX: no budget. (Since version 2.) */
    size_t max_evaluations;
} pledge_schema_options;

#define PLEDGE_SCHEMA_OPTIONS_INIT                                          \
    { PLEDGE_SCHEMA_OPTIONS_VERSION, 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }

/**
 * Compile the schema in the file at @p path (JSON if it ends in ".json",
 * else YAML). Problems go to @p diags (may be NULL): io.error, syntax
 * errors, and schema.invalid with the position of the offending keyword.
 * @p opts may be NULL (defaults). On success *out is the schema (caller
 * frees with pledge_schema_free()); on failure *out is NULL.
 * @return 0, PLEDGE_EIO, PLEDGE_EINVALID, PLEDGE_ENOMEM, PLEDGE_EARG, or
 *         the resolver hook's error code.
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

/** Compile from a tree; @p base_uri may be NULL (then the tree's name
 *  gives the base when it is a path). The tree is borrowed during the
 *  call only: the schema keeps a copy of what it needs. */
PLEDGE_EXTERN int pledge_schema_compile_tree(pledge_schema **out, const pledge_tree *tree,
                                             const char *base_uri,
                                             const pledge_schema_options *opts,
                                             pledge_diag_list *diags);

/** Compile from any node (e.g. the "schema" member of a larger
 *  document). @p name names the source in diagnostics and, when it is a
 *  path and @p base_uri is NULL, gives the base URI. The node is borrowed
 *  during the call only; positions in diagnostics are the node's. */
PLEDGE_EXTERN int pledge_schema_compile_node(pledge_schema **out, const pledge_node *node,
                                             const char *name, const char *base_uri,
                                             const pledge_schema_options *opts,
                                             pledge_diag_list *diags);

/** Free a schema. Accepts NULL. */
PLEDGE_EXTERN void pledge_schema_free(pledge_schema *schema);

/** Validation flags. */
#define PLEDGE_VALIDATE_ALL_BRANCHES PLEDGE_SCHEMA_ALL_BRANCHES

/**
 * Validate @p instance (a node of a tree named @p file, document
 * @p document) against @p schema. Each failure is appended to @p diags
 * (see the file comment); with @p diags NULL only validity is decided,
 * which is faster for invalid documents. Thread-safe: any number of
 * threads may validate with one schema at once. Allocates nothing for a
 * valid document unless the schema uses unevaluatedProperties/Items on
 * objects or arrays beyond 256 members, or uniqueItems on arrays beyond
 * 24 items.
 * @return 0 if valid, PLEDGE_EINVALID if not, PLEDGE_ENOMEM, PLEDGE_EARG.
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
