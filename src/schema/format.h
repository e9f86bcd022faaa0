/* SPDX-License-Identifier: MIT */
/* Internal: the "format" assertions of JSON Schema 2020-12 (format.c),
 * each to its RFC. */
#ifndef PLEDGE_SCHEMA_FORMAT_H
#define PLEDGE_SCHEMA_FORMAT_H

#include <stddef.h>

/* 1 when @p s (@p len bytes of UTF-8) is valid for the format named
 * @p format, 0 when it is not, -1 when the format is unknown (the
 * keyword then stays an annotation). */
int pledge__format_check(const char *format, const char *s, size_t len);

#endif
