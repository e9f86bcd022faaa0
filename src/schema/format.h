/* SPDX-License-Identifier: MIT */
/* Internal: the "format" assertions of JSON Schema 2020-12 (format.c),
 * each to its RFC. */
#ifndef PLEDGE_SCHEMA_FORMAT_H
#define PLEDGE_SCHEMA_FORMAT_H

#include <stddef.h>

/* 1 when @p s (@p len bytes of UTF-8, may hold NUL) is valid for the
 * format named @p format, 0 when it is not, -1 when the format is unknown
 * (the keyword then stays an annotation; also for "regex" when memory ran
 * out). Known: date-time, date, time, duration, email, idn-email,
 * hostname, idn-hostname, ipv4, ipv6, uri, uri-reference, iri,
 * iri-reference, uri-template, uuid, json-pointer, relative-json-pointer,
 * regex. Pure and thread-safe; allocates only to compile a "regex". */
int pledge__format_check(const char *format, const char *s, size_t len);

#endif
