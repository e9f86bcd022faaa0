/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/session.h
 * @brief The front door: validate files, folders, buffers and streams as
 *        `pledge-validate` does, and read the results by file and document.
 *
 * A session takes inputs in load order (pledge_session_add_path,
 * _add_buffer, _add_stream), validates them all with pledge_session_run
 * (pledge mode: the built-in schemas, the semantic rules, then the
 * cross-document checks over every document; schema mode: one JSON Schema),
 * and hands back, file by file in load order, each file's documents and
 * its diagnostics sorted in reading order (document, line, column), ready
 * for any output format. The CLI, the Python and the Lua bindings are thin
 * layers over it, so they agree on every rule:
 *
 * - a folder gives every regular *.yaml / *.yml file below it in byte-wise
 *   sorted path order; hidden names (starting with '.') and links to
 *   folders are skipped, as are names matching an exclude glob (fnmatch,
 *   against the path as printed and against the name);
 * - a symbolic link met while walking a folder is read only when the file
 *   it leads to lies inside the folder being walked; one leading outside
 *   is an io.error and is not read (a pull request cannot make CI print
 *   /etc/shadow); what is not a regular file (a FIFO, a device) is an
 *   io.error too, unless it was named explicitly;
 * - a file named explicitly is always read, whatever its name;
 * - a file reached twice (by two arguments, or by a link) is read once;
 * - "-" is standard input, named "<stdin>" (or the options' stdin_name);
 * - a PATH that yields no file is an io.error diagnostic on that PATH and
 *   pledge_session_add_path returns PLEDGE_EINVALID: the CLI makes it a
 *   usage error (exit 2), the bindings report the diagnostic;
 * - an unreadable file is an io.error diagnostic that carries the errno
 *   (pledge_diag_errno).
 *
 * Memory: in pledge mode each document's tree is freed as soon as it is
 * validated; only what the cross-document checks need (ids, references,
 * periods: a summary of a few hundred bytes) is kept, so a stream of
 * thousands of documents costs little more than one. With
 * PLEDGE_SESSION_KEEP_DOCUMENTS the model of every valid document is kept
 * as well (pledge_session_document): memory then grows with the number and
 * size of the documents, about as pledge_doc_load_file on each would cost.
 *
 * Threads: a session is used by one thread at a time; with
 * pledge_session_options.jobs > 1, pledge_session_run validates files in
 * that many worker threads, and the results are the same for every number.
 */
#ifndef PLEDGE_SESSION_H
#define PLEDGE_SESSION_H

#include <stdio.h>

#include "common.h"
#include "diag.h"
#include "model.h"
#include "node.h"
#include "schema.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PLEDGE_SESSION_OPTIONS_VERSION 1

/** Default cap on the diagnostics kept per file. */
#define PLEDGE_DEFAULT_MAX_DIAGNOSTICS 1000

/** Session flags (pledge_session_options.flags). */
#define PLEDGE_SESSION_RESOLVE 0x1u      /**< a follow-up whose pledge is absent is
                                              follow-up.unknown-pledge (--resolve) */
#define PLEDGE_SESSION_STRICT 0x2u       /**< a warning makes its document invalid */
#define PLEDGE_SESSION_ALL_BRANCHES 0x4u /**< report every failing anyOf/oneOf
                                              branch, not the best match (--verbose) */
#define PLEDGE_SESSION_KEEP_SOURCES 0x8u /**< keep the bytes read from every file and
                                              stream, for excerpts
                                              (pledge_session_file_source); memory
                                              then grows with the inputs' size */
#define PLEDGE_SESSION_KEEP_DOCUMENTS 0x10u /**< pledge mode: keep the model of every
                                              valid document of the results
                                              (pledge_session_document); memory
                                              then grows with the documents */

/**
 * Options of a session. Initialise with PLEDGE_SESSION_OPTIONS_INIT or
 * pledge_session_options_init(), then change fields. Pointers are
 * borrowed: they must stay valid while the session lives.
 */
typedef struct pledge_session_options {
    unsigned int version;        /**< PLEDGE_SESSION_OPTIONS_VERSION */
    unsigned int flags;          /**< PLEDGE_SESSION_* */
    /** Limits, syntax and the allocator (which serves the whole session). */
    pledge_load_options load;
    /** Schema mode when non-NULL: every document against this schema and no
     *  pledge rules. */
    const pledge_schema *schema;
    /** Globs of names to skip while walking folders. */
    const char *const *excludes;
    size_t exclude_count;
    /** Diagnostics kept per file (0: no cap). Past it, diagnostics are
     *  counted, not kept, and one last diagnostic
     *  (diagnostics.suppressed) says how many of which code were left out;
     *  the validity of every document still counts them. */
    size_t max_diagnostics;
    /** Worker threads of pledge_session_run (0 or 1: the calling thread). */
    unsigned int jobs;
    /** The name of standard input in results (NULL: "<stdin>"). */
    const char *stdin_name;
} pledge_session_options;

#define PLEDGE_SESSION_OPTIONS_INIT                                        \
    { PLEDGE_SESSION_OPTIONS_VERSION, 0u, PLEDGE_LOAD_OPTIONS_INIT, NULL,  \
      NULL, 0, PLEDGE_DEFAULT_MAX_DIAGNOSTICS, 0u, NULL }

/**
 * Fill @p opts with the defaults of options version @p version (as
 * PLEDGE_SESSION_OPTIONS_INIT), for languages without the macro.
 * @return 0, or PLEDGE_EARG (NULL, or a version this library does not know).
 */
PLEDGE_EXTERN int pledge_session_options_init(pledge_session_options *opts,
                                              unsigned int version);

/** A validation session. Opaque. */
typedef struct pledge_session pledge_session;

/** One input of a session and what its validation found. Opaque, borrowed
 *  from its session. */
typedef struct pledge_session_file pledge_session_file;

/** Input flags. */
#define PLEDGE_SESSION_CONTEXT 0x1u /**< validated for the cross-document checks
                                       only: not among the results (--context) */

/**
 * Create a session (@p opts NULL: the defaults). Caller frees with
 * pledge_session_free().
 * @return 0, PLEDGE_ENOMEM, PLEDGE_EARG (unknown options version).
 */
PLEDGE_EXTERN int pledge_session_new(pledge_session **out, const pledge_session_options *opts);

/** Free the session and all its results. Accepts NULL. */
PLEDGE_EXTERN void pledge_session_free(pledge_session *session);

/**
 * Add the files a PATH names, in load order: a file, a folder (walked as
 * above, now, in sorted order), or "-" for standard input (read during
 * pledge_session_run). A path that cannot be examined is kept as a file,
 * whose reading reports the io.error.
 * @return 0; PLEDGE_EINVALID when the PATH yields no file (an io.error
 *         diagnostic on it is among the results); PLEDGE_ENOMEM;
 *         PLEDGE_EARG (NULL, or the session has run).
 */
PLEDGE_EXTERN int pledge_session_add_path(pledge_session *session, const char *path,
                                          unsigned int flags);

/** Add @p len bytes at @p data (copied now), named @p name (NULL: ""). */
PLEDGE_EXTERN int pledge_session_add_buffer(pledge_session *session, const char *name,
                                            const void *data, size_t len,
                                            unsigned int flags);

/** Add the stream @p fp (borrowed, not closed), named @p name (NULL:
 *  "<stdin>"-like stdin_name). pledge_session_run reads it as it validates
 *  its documents (YAML a chunk at a time; JSON and, with
 *  PLEDGE_SESSION_KEEP_SOURCES, any input whole), to its end or until a
 *  syntax error or limit stops the reading. */
PLEDGE_EXTERN int pledge_session_add_stream(pledge_session *session, const char *name,
                                            FILE *fp, unsigned int flags);

/**
 * Validate every input, then run the cross-document checks (pledge mode).
 * Once per session. Problems of the data are results, not failures.
 * @return 0, PLEDGE_ENOMEM, PLEDGE_EARG (run before).
 */
PLEDGE_EXTERN int pledge_session_run(pledge_session *session);

/** Number of files among the results (context inputs are not). */
PLEDGE_EXTERN size_t pledge_session_file_count(const pledge_session *session);

/** The @p index-th file in load order; NULL when out of range. */
PLEDGE_EXTERN pledge_session_file *pledge_session_file_at(const pledge_session *session,
                                                          size_t index);

/** The file's name as given (or found while walking), borrowed. */
PLEDGE_EXTERN const char *pledge_session_file_name(const pledge_session_file *file);

/** Documents read (the one a syntax error or limit broke included). */
PLEDGE_EXTERN size_t pledge_session_file_documents(const pledge_session_file *file);

/** File status flags. */
#define PLEDGE_SESSION_FILE_UNREADABLE 0x1u /**< io.error: nothing could be read */
#define PLEDGE_SESSION_FILE_STOPPED 0x2u    /**< a syntax error or limit ended the stream */
#define PLEDGE_SESSION_FILE_INVALID 0x4u    /**< a document is invalid, or the file is */

/** PLEDGE_SESSION_FILE_* flags of the file (after pledge_session_run). */
PLEDGE_EXTERN unsigned int pledge_session_file_status(const pledge_session_file *file);

/** Document status flags. */
#define PLEDGE_SESSION_DOC_ERROR 0x1u   /**< an error concerns it */
#define PLEDGE_SESSION_DOC_WARNING 0x2u /**< a warning concerns it */
#define PLEDGE_SESSION_DOC_REFUSED 0x4u /**< the reader could not build it */
#define PLEDGE_SESSION_DOC_INVALID 0x8u /**< an error, refused, or a warning under strict */

/** PLEDGE_SESSION_DOC_* flags of the @p index-th document (0 when out of range),
 *  suppressed diagnostics included. */
PLEDGE_EXTERN unsigned int pledge_session_document_status(const pledge_session_file *file,
                                                          size_t index);

/**
 * The file's diagnostics, sorted by document, line and column (the
 * cross-document ones among them); borrowed from the session, which the
 * caller may empty with pledge_diag_list_move.
 */
PLEDGE_EXTERN pledge_diag_list *pledge_session_file_diags(const pledge_session_file *file);

/** With PLEDGE_SESSION_KEEP_SOURCES, the bytes read from the file, standard
 *  input or stream, exactly those its positions count in (borrowed; *len
 *  gets their length); NULL for buffers (the caller has them) and
 *  otherwise. */
PLEDGE_EXTERN const char *pledge_session_file_source(const pledge_session_file *file,
                                                     size_t *len);

/**
 * With PLEDGE_SESSION_KEEP_DOCUMENTS (pledge mode), the model of the
 * @p index-th document of @p file after pledge_session_run: borrowed, owned
 * by the session and freed with it. NULL when the document is invalid
 * (PLEDGE_SESSION_DOC_INVALID: its own errors, a cross-document error, a
 * warning under strict, refused), was not read (the stream stopped before
 * it), was taken, when @p index is out of range, in schema mode, or when
 * the flag is off.
 */
PLEDGE_EXTERN pledge_doc *pledge_session_document(const pledge_session_file *file,
                                                  size_t index);

/**
 * As pledge_session_document, but the caller takes the model (frees it with
 * pledge_doc_free); the session then answers NULL for it.
 */
PLEDGE_EXTERN pledge_doc *pledge_session_take_document(pledge_session_file *file,
                                                       size_t index);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_SESSION_H */
