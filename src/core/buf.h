/* SPDX-License-Identifier: MIT */
/* Internal: a growable byte buffer. An allocation failure sets @c failed
 * and turns later appends into no-ops, so callers check once at the end. */
#ifndef PLEDGE_CORE_BUF_H
#define PLEDGE_CORE_BUF_H

#include <stdarg.h>
#include "pledge/common.h"

typedef struct pledge_buf {
    const pledge_allocator *allocator; /* borrowed */
    char *data;                        /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
    int failed;
} pledge_buf;

void pledge__buf_init(pledge_buf *b, const pledge_allocator *allocator);
void pledge__buf_free(pledge_buf *b);
void pledge__buf_clear(pledge_buf *b);
int pledge__buf_reserve(pledge_buf *b, size_t extra);
void pledge__buf_append(pledge_buf *b, const char *s, size_t len);
void pledge__buf_puts(pledge_buf *b, const char *s);
void pledge__buf_putc(pledge_buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void pledge__buf_printf(pledge_buf *b, const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void pledge__buf_vprintf(pledge_buf *b, const char *fmt, va_list ap);
/* Append @p s (len bytes) as the body of a JSON string (no quotes). */
void pledge__buf_json_escape(pledge_buf *b, const char *s, size_t len);
/* Append @p s quoted for a message: "text" with control characters escaped
 * and at most @p max code points (then "..."). */
void pledge__buf_quote(pledge_buf *b, const char *s, size_t len, size_t max);
/* The contents (possibly ""), valid until the next change. */
const char *pledge__buf_cstr(const pledge_buf *b);

#endif
