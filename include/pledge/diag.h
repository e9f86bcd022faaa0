/* SPDX-License-Identifier: MIT */
/**
 * @file pledge/diag.h
 * @brief Diagnostics: every problem libpledge finds, as data.
 *
 * libpledge never prints. Each problem becomes a pledge_diag appended to a
 * pledge_diag_list that the caller owns and reads. The fields are those of
 * the `pledge-validate` contract (severity, code, message, file, document,
 * line, column, instance path, schema path).
 */
#ifndef PLEDGE_DIAG_H
#define PLEDGE_DIAG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pledge_severity {
    PLEDGE_SEVERITY_ERROR = 0,
    PLEDGE_SEVERITY_WARNING = 1
} pledge_severity;

/**
 * One diagnostic. Allocated and owned by its list: callers read it and
 * never allocate one themselves (fields may be appended in later versions).
 * Every string is non-NULL and NUL-terminated; strings live as long as
 * the list (until pledge_diag_list_clear or _free).
 */
typedef struct pledge_diag {
    pledge_severity severity;
    const char *code;          /**< stable code: "required", "yaml.syntax", ... */
    const char *message;       /**< one sentence in plain English */
    const char *file;          /**< source name as given by the caller ("" if none) */
    size_t document;           /**< 0-based index of the document in its stream */
    size_t line;               /**< 1-based; 0 when the problem has no position */
    size_t column;             /**< 1-based, in Unicode code points; 0 if none */
    size_t offset;             /**< byte offset in the source (0 if none) */
    const char *instance_path; /**< JSON Pointer into the document; "" = root */
    const char *schema_path;   /**< keyword location; "" when not a schema error */
    int sys_errno;             /**< io.error: the errno of the failed call; else 0
                                    (read it with pledge_diag_errno) */
} pledge_diag;

/** The errno of an io.error diagnostic (the failed open, read or stat),
 *  0 for every other diagnostic and for NULL. */
PLEDGE_EXTERN int pledge_diag_errno(const pledge_diag *diag);

/** An ordered list of diagnostics. Opaque. */
typedef struct pledge_diag_list pledge_diag_list;

/**
 * Create an empty list. @p allocator may be NULL (default allocator).
 * Caller frees with pledge_diag_list_free().
 * @return 0, PLEDGE_EARG, or PLEDGE_ENOMEM.
 */
PLEDGE_EXTERN int pledge_diag_list_new(pledge_diag_list **out,
                                       const pledge_allocator *allocator);

/** Free the list and every diagnostic in it. Accepts NULL. */
PLEDGE_EXTERN void pledge_diag_list_free(pledge_diag_list *list);

/** Remove every diagnostic; the list stays usable. */
PLEDGE_EXTERN void pledge_diag_list_clear(pledge_diag_list *list);

/** Number of diagnostics in the list (0 for NULL). */
PLEDGE_EXTERN size_t pledge_diag_list_count(const pledge_diag_list *list);

/** Number of diagnostics of severity @p severity. */
PLEDGE_EXTERN size_t pledge_diag_list_count_severity(const pledge_diag_list *list,
                                                     pledge_severity severity);

/** The @p index-th diagnostic, borrowed from the list; NULL when out of range. */
PLEDGE_EXTERN const pledge_diag *pledge_diag_list_at(const pledge_diag_list *list,
                                                     size_t index);

/**
 * Append a diagnostic made of these fields (every string is copied; NULL
 * strings become ""; no byte offset, errno 0). For tools and bindings that
 * report problems of their own. Fields are arguments, so that pledge_diag
 * can grow without callers building one.
 * @return 0, PLEDGE_EARG (a NULL list), or PLEDGE_ENOMEM (the list is
 *         then unchanged).
 */
PLEDGE_EXTERN int pledge_diag_list_add(pledge_diag_list *list, pledge_severity severity,
                                       const char *code, const char *file, size_t document,
                                       size_t line, size_t column, const char *instance_path,
                                       const char *schema_path, const char *message);

/**
 * Append a copy of @p diag, every field included (errno and offset too).
 * @p diag must be one that a list holds (pledge_diag_list_at): for
 * filtering or routing diagnostics from one list into others.
 * @return 0, PLEDGE_EARG, or PLEDGE_ENOMEM (the list is then unchanged).
 */
PLEDGE_EXTERN int pledge_diag_list_add_copy(pledge_diag_list *list, const pledge_diag *diag);

/**
 * Move every diagnostic of @p from to the end of @p to, leaving @p from
 * empty. Both lists must use the same allocator.
 * @return 0, PLEDGE_EARG, or PLEDGE_ENOMEM (both lists then unchanged).
 */
PLEDGE_EXTERN int pledge_diag_list_move(pledge_diag_list *to, pledge_diag_list *from);

/**
 * Stable sort of the diagnostics from index @p first to the end by
 * document, then line, then column (diagnostics without a position first).
 * Use it on the diagnostics of one file to print them in reading order.
 */
PLEDGE_EXTERN void pledge_diag_list_sort(pledge_diag_list *list, size_t first);

/** "error" or "warning". */
PLEDGE_EXTERN const char *pledge_severity_name(pledge_severity severity);

/** A diagnostic code that libpledge can report, for --list-codes. */
typedef struct pledge_code_info {
    const char *code;         /**< e.g. "yaml.duplicate-key" */
    pledge_severity severity; /**< its usual severity */
    const char *description;  /**< one line, plain English */
} pledge_code_info;

/**
 * Every code libpledge reports (JSON Schema keywords included), sorted by
 * code; a static table. *count gets its length.
 */
PLEDGE_EXTERN const pledge_code_info *pledge_code_list(size_t *count);

/** The entry for @p code, or NULL when it is not a known code. */
PLEDGE_EXTERN const pledge_code_info *pledge_code_find(const char *code);

#ifdef __cplusplus
}
#endif

#endif /* PLEDGE_DIAG_H */
