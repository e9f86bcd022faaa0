/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/model.h
 * @brief The pledge data model: pledges and follow-up reports, validated
 *        against the built-in schemas and the semantic rules, as typed,
 *        read-only objects; sets of documents with cross-document checks.
 *
 * The formats are described in docs/format.md; the built-in schemas are
 * those of schema/ (compiled into the library).
 */
#ifndef PLEDGE_MODEL_H
#define PLEDGE_MODEL_H

#include "common.h"
#include "diag.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A validated pledge or follow-up report. Opaque, immutable. */
typedef struct pledge_doc pledge_doc;

typedef enum pledge_doc_kind {
    PLEDGE_DOC_PLEDGE = 1,   /**< format: pledge/1 */
    PLEDGE_DOC_FOLLOW_UP = 2 /**< format: follow-up/1 */
} pledge_doc_kind;

/**
 * Validate one document tree in pledge mode: choose the built-in schema by
 * its "format" key (pledge.unknown-format if none fits), validate it, then
 * run the semantic checks of its kind. Every problem is appended to
 * @p diags (file and document taken from the tree).
 *
 * When the document has no error and @p out is non-NULL, *out gets the
 * model (caller frees with pledge_doc_free); warnings are in @p diags.
 * Thread-safe: the built-in schemas are compiled once per process.
 * @p allocator may be NULL.
 * @return 0 (valid, warnings allowed), PLEDGE_EINVALID, PLEDGE_ENOMEM,
 *         PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_doc_from_tree(pledge_doc **out, const pledge_tree *tree,
                                       const pledge_allocator *allocator,
                                       pledge_diag_list *diags);

/** Free a document. Accepts NULL. */
PLEDGE_EXTERN void pledge_doc_free(pledge_doc *doc);

PLEDGE_EXTERN pledge_doc_kind pledge_doc_kind_of(const pledge_doc *doc);

/* ------------------------------------------------------------------ */
/* Sets of documents                                                   */
/* ------------------------------------------------------------------ */

/** Documents validated together, in load order. Opaque. */
typedef struct pledge_set pledge_set;

/** Set flags. */
#define PLEDGE_SET_RESOLVE 0x1u /**< a follow-up whose pledge is absent is
                                     follow-up.unknown-pledge */

/** Create an empty set. Caller frees with pledge_set_free(). */
PLEDGE_EXTERN int pledge_set_new(pledge_set **out, const pledge_allocator *allocator);

/** Free the set and the documents it owns. Accepts NULL. */
PLEDGE_EXTERN void pledge_set_free(pledge_set *set);

/**
 * Add @p doc, taking ownership of it (also on failure). Add documents in
 * load order: it decides which of two equal pledge ids is the duplicate
 * and the tie-breaks of progress. The set keeps only what cross-document
 * checks and progress need.
 * @return 0, PLEDGE_ENOMEM, PLEDGE_EARG.
 */
PLEDGE_EXTERN int pledge_set_add(pledge_set *set, pledge_doc *doc);

/**
 * Run the cross-document checks (pledge.duplicate-pledge, follow-up.*)
 * over the documents added so far; diagnostics carry the file and document
 * index each document was read from.
 * @return 0 if no error was found, PLEDGE_EINVALID, PLEDGE_ENOMEM.
 */
PLEDGE_EXTERN int pledge_set_check(pledge_set *set, unsigned int flags,
                                   pledge_diag_list *diags);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_MODEL_H */
