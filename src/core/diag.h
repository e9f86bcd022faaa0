/* SPDX-License-Identifier: MIT */
/* Internal: adding diagnostics with a formatted message. */
#ifndef PLEDGE_CORE_DIAG_H
#define PLEDGE_CORE_DIAG_H

#include <stdarg.h>
#include "pledge/diag.h"
#include "pledge/node.h"

/* Where a diagnostic points: file, document, position and paths. Fields
 * left zero/NULL mean "no position" and "". */
typedef struct pledge_diag_where {
    const char *file;
    size_t document;
    pledge_mark mark;
    const char *instance_path;
    const char *schema_path;
    int sys_errno; /* io.error: the errno of the failed call */
} pledge_diag_where;

/* Append a diagnostic whose message is printf(@p fmt, ...). Returns 0 or
 * PLEDGE_ENOMEM. A NULL list is allowed (the diagnostic is dropped). */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
int pledge__diag_addf(pledge_diag_list *list, pledge_severity severity, const char *code,
                      const pledge_diag_where *where, const char *fmt, ...);

#if defined(__GNUC__)
__attribute__((format(printf, 5, 0)))
#endif
int pledge__diag_vaddf(pledge_diag_list *list, pledge_severity severity, const char *code,
                       const pledge_diag_where *where, const char *fmt, va_list ap);

/*
 * Cap the list at @p max diagnostics (0: no cap). Further diagnostics are
 * not stored; @p drop (may be NULL) is told of each one instead, with
 * @p ud, so the caller can count them and keep what it needs (e.g. which
 * document they concerned). The list's memory then stays bounded however
 * many problems an input has.
 */
typedef void (*pledge__diag_drop_fn)(void *ud, pledge_severity severity, const char *code,
                                     size_t document);
void pledge__diag_list_limit(pledge_diag_list *list, size_t max, pledge__diag_drop_fn drop,
                             void *ud);

/* The allocator the list was created with (never NULL). */
const pledge_allocator *pledge__diag_list_allocator(const pledge_diag_list *list);

#endif
