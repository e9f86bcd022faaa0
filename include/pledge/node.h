/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/node.h
 * @brief The document layer: YAML or JSON bytes to trees of nodes with
 *        exact source positions, and trees back to YAML or JSON.
 *
 * A pledge_reader reads one stream (a file, a buffer or a FILE*) and
 * returns one pledge_tree per document. A tree owns an arena from which all
 * its nodes come; freeing the tree frees them all. Nodes are immutable and
 * borrowed: valid while their tree lives.
 *
 * YAML is read with libyaml and resolved with the YAML 1.2 core schema.
 * JSON (RFC 8259) is read by libpledge's own parser and gives the same
 * trees with the same kind of positions.
 *
 * Positions: lines and columns are 1-based; columns count Unicode code
 * points. In YAML, lines are counted as libyaml counts them (LF, CR LF,
 * CR, and U+0085, U+2028, U+2029, which raise the warning
 * yaml.unicode-line-break); in JSON, as RFC 8259 has them: LF, CR LF and
 * CR only.
 * Offsets are in bytes from the start of the source.
 *
 * Aliases are resolved by sharing: an alias and its anchor are the same
 * node, so a node reached through an alias reports the anchor's position.
 */
#ifndef PLEDGE_NODE_H
#define PLEDGE_NODE_H

#include <stdio.h>
#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Load options                                                        */
/* ------------------------------------------------------------------ */

/** Which syntax to read. */
typedef enum pledge_syntax {
    PLEDGE_SYNTAX_AUTO = 0, /**< JSON if the name ends in ".json", else YAML */
    PLEDGE_SYNTAX_YAML = 1,
    PLEDGE_SYNTAX_JSON = 2
} pledge_syntax;

#define PLEDGE_LOAD_OPTIONS_VERSION 1
#define PLEDGE_DEFAULT_MAX_DEPTH 256
#define PLEDGE_DEFAULT_MAX_ALIAS_EXPANSION 100000
#define PLEDGE_DEFAULT_MAX_FILE_BYTES ((size_t)64 * 1024 * 1024)

/**
 * Options for reading. Initialise with PLEDGE_LOAD_OPTIONS_INIT, then
 * change fields; passing NULL where options are taken means the defaults.
 */
typedef struct pledge_load_options {
    unsigned int version;         /**< PLEDGE_LOAD_OPTIONS_VERSION */
    pledge_syntax syntax;         /**< default PLEDGE_SYNTAX_AUTO */
    /** Maximum nesting depth, counted with aliases expanded (the root is
     *  depth 1). Reaching it ends the stream: yaml.limit. */
    size_t max_depth;
    /** Maximum number of nodes that aliases add to one document when it is
     *  walked as if expanded, and to all the documents of one source
     *  together (so many documents just under the limit cannot multiply
     *  it). Reaching either refuses the document it is reached in; the
     *  documents after it are read (those with aliases are refused while
     *  the source's budget is spent). */
    size_t max_alias_expansion;
    /** Maximum bytes read from one source. Reading stops there: documents
     *  complete before it are returned, the rest is yaml.limit. */
    size_t max_file_bytes;
    /** Allocator for every allocation of libpledge (NULL: malloc). */
    const pledge_allocator *allocator;
} pledge_load_options;

#define PLEDGE_LOAD_OPTIONS_INIT                                           \
    { PLEDGE_LOAD_OPTIONS_VERSION, PLEDGE_SYNTAX_AUTO,                     \
      PLEDGE_DEFAULT_MAX_DEPTH, PLEDGE_DEFAULT_MAX_ALIAS_EXPANSION,        \
      PLEDGE_DEFAULT_MAX_FILE_BYTES, NULL }

/* ------------------------------------------------------------------ */
/* Nodes                                                               */
/* ------------------------------------------------------------------ */

typedef enum pledge_node_type {
    PLEDGE_NODE_NULL = 0,
    PLEDGE_NODE_BOOL,
    PLEDGE_NODE_INT,    /**< an integer; exact at any size */
    PLEDGE_NODE_FLOAT,  /**< a float (finite, infinite or NaN) */
    PLEDGE_NODE_STRING,
    PLEDGE_NODE_SEQUENCE,
    PLEDGE_NODE_MAPPING
} pledge_node_type;

/** A node of a tree. Opaque, immutable, borrowed from its tree. */
typedef struct pledge_node pledge_node;

/** Where a node starts in its source. */
typedef struct pledge_mark {
    size_t line;   /**< 1-based; 0 for nodes built without a source */
    size_t column; /**< 1-based, in code points */
    size_t offset; /**< bytes from the start of the source */
} pledge_mark;

/** How a YAML 1.1 reader would have read a plain scalar differently. */
typedef enum pledge_yaml11 {
    PLEDGE_YAML11_NONE = 0,
    PLEDGE_YAML11_BOOL,      /**< yes/no/on/off/y/n in any case */
    PLEDGE_YAML11_NUMBER,    /**< 010, 0b1, 1_000, sexagesimal 1:20 */
    PLEDGE_YAML11_TIMESTAMP  /**< 2024-01-01, 2024-01-01 10:00 */
} pledge_yaml11;

/** Node flags (pledge_node_flags). */
#define PLEDGE_NODE_QUOTED 0x1u  /**< a quoted, literal or folded scalar */
#define PLEDGE_NODE_BIGINT 0x2u  /**< an integer beyond int64 */
#define PLEDGE_NODE_TAGGED 0x4u  /**< resolved by an explicit tag */

PLEDGE_EXTERN pledge_node_type pledge_node_type_of(const pledge_node *node);
/** "null", "boolean", "integer", "number", "string", "array", "object". */
PLEDGE_EXTERN const char *pledge_node_type_name(pledge_node_type type);
PLEDGE_EXTERN pledge_mark pledge_node_mark(const pledge_node *node);
PLEDGE_EXTERN unsigned int pledge_node_flags(const pledge_node *node);

/** 1 for true, 0 for false or a node that is not a boolean. */
PLEDGE_EXTERN int pledge_node_bool(const pledge_node *node);

/**
 * The integer value of an INT node.
 * @return 0; PLEDGE_ERANGE for an integer beyond int64 (use
 *         pledge_node_int_text); PLEDGE_EARG if not an INT node.
 */
PLEDGE_EXTERN int pledge_node_int64(const pledge_node *node, int64_t *out);

/**
 * Canonical decimal text of an INT node ("-12", "123456789012345678901"),
 * borrowed, NUL-terminated; *len (if non-NULL) gets its length. NULL if
 * not an INT node.
 */
PLEDGE_EXTERN const char *pledge_node_int_text(const pledge_node *node, size_t *len);

/** The value of an INT or FLOAT node as a double (nearest); 0 otherwise. */
PLEDGE_EXTERN double pledge_node_number(const pledge_node *node);

/**
 * The bytes of a STRING node (also the text of a mapping key), borrowed,
 * NUL-terminated; may contain NUL bytes, so use *len. NULL if not a string.
 */
PLEDGE_EXTERN const char *pledge_node_string(const pledge_node *node, size_t *len);

/** Number of items of a SEQUENCE or pairs of a MAPPING; 0 otherwise. */
PLEDGE_EXTERN size_t pledge_node_size(const pledge_node *node);

/** The @p index-th item of a sequence; NULL when out of range. */
PLEDGE_EXTERN const pledge_node *pledge_node_item(const pledge_node *node, size_t index);

/** The key (a STRING node with its own position) of the @p index-th pair. */
PLEDGE_EXTERN const pledge_node *pledge_node_key(const pledge_node *node, size_t index);

/** The value of the @p index-th pair of a mapping; NULL when out of range. */
PLEDGE_EXTERN const pledge_node *pledge_node_value(const pledge_node *node, size_t index);

/**
 * The value for key @p key (@p len bytes) in a mapping, or NULL. Linear in
 * the mapping's size; keys are unique (duplicates are refused at load).
 */
PLEDGE_EXTERN const pledge_node *pledge_node_get(const pledge_node *node,
                                                 const char *key, size_t len);

/** Like pledge_node_get, also giving the pair's index in *index_out. */
PLEDGE_EXTERN const pledge_node *pledge_node_find(const pledge_node *node,
                                                  const char *key, size_t len,
                                                  size_t *index_out);

/** What YAML 1.1 would have read this plain scalar as, if different. */
PLEDGE_EXTERN pledge_yaml11 pledge_node_yaml11(const pledge_node *node);

/**
 * The value YAML 1.1 would have given the scalar, in words ("false",
 * "the integer 8", "a timestamp"), borrowed; NULL when YAML 1.1 agrees.
 */
PLEDGE_EXTERN const char *pledge_node_yaml11_reading(const pledge_node *node);

/**
 * Deep equality as JSON data: numbers compare by mathematical value
 * (1 == 1.0, 100000000000000000000 == 1e20, big integers exactly), mappings regardless of key order, strings bytewise.
 * Positions are ignored; a NaN equals a NaN. Iterative: safe for trees of
 * any depth (0 when memory for the walk runs out).
 * @return 1 if equal, 0 if not.
 */
PLEDGE_EXTERN int pledge_node_equal(const pledge_node *a, const pledge_node *b);

/* ------------------------------------------------------------------ */
/* Trees                                                               */
/* ------------------------------------------------------------------ */

/** One document: a root node and the arena its nodes live in. Opaque. */
typedef struct pledge_tree pledge_tree;

/** Free the tree and all its nodes. Accepts NULL. */
PLEDGE_EXTERN void pledge_tree_free(pledge_tree *tree);

/** The root node, borrowed; NULL when the document was refused. */
PLEDGE_EXTERN const pledge_node *pledge_tree_root(const pledge_tree *tree);

/** 0-based index of the document in its stream. */
PLEDGE_EXTERN size_t pledge_tree_index(const pledge_tree *tree);

/** Source name given when reading (borrowed, never NULL). */
PLEDGE_EXTERN const char *pledge_tree_name(const pledge_tree *tree);

/**
 * Number of errors found while reading this document. A document with
 * errors that did not prevent building it (a duplicate key, a merge key,
 * an undefined alias...) still has a root, so later layers can report
 * their problems too; the offending pairs or nodes are left out or read
 * as null, as the diagnostics say.
 */
PLEDGE_EXTERN size_t pledge_tree_error_count(const pledge_tree *tree);

/** Bytes of memory the tree holds (arena and bookkeeping). */
PLEDGE_EXTERN size_t pledge_tree_memory(const pledge_tree *tree);

/* ------------------------------------------------------------------ */
/* Readers                                                             */
/* ------------------------------------------------------------------ */

/** Reads one stream document by document. Opaque. */
typedef struct pledge_reader pledge_reader;

/**
 * Open the file at @p path, read as pledge_reader_open_fp() reads (the
 * reader closes it). Problems (an unreadable file: io.error) are
 * appended to @p diags with the file name @p path.
 * Caller frees with pledge_reader_free().
 * @return 0; PLEDGE_EIO (and an io.error diagnostic); PLEDGE_ENOMEM;
 *         PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_reader_open_file(pledge_reader **out, const char *path,
                                          const pledge_load_options *opts,
                                          pledge_diag_list *diags);

/**
 * Read @p len bytes at @p data, named @p name in diagnostics (NULL: "").
 * The bytes are copied; the caller keeps its buffer.
 */
PLEDGE_EXTERN int pledge_reader_open_buffer(pledge_reader **out, const char *name,
                                            const void *data, size_t len,
                                            const pledge_load_options *opts,
                                            pledge_diag_list *diags);

/**
 * Read @p fp (up to max_file_bytes), named @p name in diagnostics. YAML is
 * read as its documents are (a chunk at a time, holding only the document
 * being read), so @p fp is borrowed until pledge_reader_free(), which does
 * not close it; JSON is read whole now. A read that fails when opening is
 * PLEDGE_EIO plus an io.error; one that fails later ends the stream with an
 * io.error diagnostic (pledge_diag_errno gives the errno).
 */
PLEDGE_EXTERN int pledge_reader_open_fp(pledge_reader **out, const char *name, FILE *fp,
                                        const pledge_load_options *opts,
                                        pledge_diag_list *diags);

/**
 * Read the next document. Its problems are appended to @p diags (the list
 * given to open is used when @p diags is NULL).
 *
 * On return 0, *out is the next tree (caller frees with pledge_tree_free)
 * or NULL at the end of the stream. A refused document (an error that
 * prevents building its tree, e.g. the alias limit or a syntax error) is
 * still returned, with a NULL root, so that documents are counted; after a
 * syntax error, an invalid byte or the depth or size limit, it is the last
 * one and pledge_reader_complete() turns false.
 *
 * A streamed source (see pledge_reader_open_fp) says a diagnostic as soon
 * as its document is read, with one exception: the last yaml.unicode-line-
 * break warning of a file, which counts the breaks it does not report,
 * comes with the call that reaches the end of the stream.
 *
 * @return 0, PLEDGE_ENOMEM or PLEDGE_EARG; after an error the reader only
 *         returns the end of the stream.
 */
PLEDGE_EXTERN int pledge_reader_next(pledge_reader *reader, pledge_tree **out,
                                     pledge_diag_list *diags);

/** 1 while nothing has stopped the reading before the end of the source. */
PLEDGE_EXTERN int pledge_reader_complete(const pledge_reader *reader);

/** Number of documents returned so far. */
PLEDGE_EXTERN size_t pledge_reader_count(const pledge_reader *reader);

/** Free the reader (trees it returned stay valid). Accepts NULL. */
PLEDGE_EXTERN void pledge_reader_free(pledge_reader *reader);

/**
 * Convenience: read exactly one document from a buffer. Fails with
 * PLEDGE_EINVALID (and diagnostics) when the stream holds not exactly one
 * valid document or has errors.
 */
PLEDGE_EXTERN int pledge_tree_parse(pledge_tree **out, const char *name,
                                    const void *data, size_t len,
                                    const pledge_load_options *opts,
                                    pledge_diag_list *diags);

/* ------------------------------------------------------------------ */
/* Writers                                                             */
/* ------------------------------------------------------------------ */

/** Writer flags. */
#define PLEDGE_WRITE_PRETTY 0x1u /**< JSON: indent by two spaces */

/**
 * Write @p node as JSON (RFC 8259): keys in document order, strings
 * escaped, integers exact, floats in the shortest form that reads back
 * equal. A non-finite float makes it fail with PLEDGE_EINVALID.
 * Iterative: safe at any depth. @return 0, PLEDGE_EINVALID, PLEDGE_EIO
 * (the sink refused), PLEDGE_ENOMEM.
 *
 * Details: a float always shows a point ("1.0", "1.0e+300"), so it reads
 * back as a float; U+0085, U+2028 and U+2029 are written as \u escapes
 * (YAML tools count them as line breaks); output is buffered, so the sink
 * gets large chunks; nothing is written when the tree holds a non-finite
 * float. Compact output has no final newline; PLEDGE_WRITE_PRETTY output
 * ends with one.
 */
PLEDGE_EXTERN int pledge_node_write_json(const pledge_node *node, unsigned int flags,
                                         pledge_write_fn write, void *ud);

/**
 * Write @p node as a YAML 1.2 document (UTF-8 text kept readable, aliases
 * written as their values, strings quoted wherever a plain scalar would be
 * read as something else). Comments of the source are not kept.
 *
 * Details: block style, lines never folded; strings that a plain scalar
 * would read as null, a boolean or a number, or that YAML 1.1 would read
 * differently ("no", "010", "2024-01-01"), are double-quoted, as are
 * control characters (NUL included, as "\0"); multi-line text is a
 * literal block where libyaml can write one. libyaml writes characters
 * beyond U+FFFF (emoji) as "\U..." escapes in double quotes, and its own
 * allocations do not go through the allocator hook. @p flags is reserved
 * (pass 0). @return 0, PLEDGE_EIO (the sink refused), PLEDGE_ENOMEM,
 * PLEDGE_EINVALID (a string longer than INT_MAX bytes), PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_node_write_yaml(const pledge_node *node, unsigned int flags,
                                         pledge_write_fn write, void *ud);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_NODE_H */
