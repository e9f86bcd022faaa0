/* SPDX-License-Identifier: MIT */
/* Internal: ECMA-262 regular expressions on PCRE2 (regex.c). Compiled
 * once, matched from any thread, bounded by PCRE2's match limits. */
#ifndef PLEDGE_SCHEMA_REGEX_H
#define PLEDGE_SCHEMA_REGEX_H

#include "pledge/common.h"

typedef struct pledge_regex pledge_regex;

/*
 * Compile an ECMA-262 @p pattern (@p len bytes of UTF-8). On failure
 * returns PLEDGE_EINVALID and writes a plain-English reason, NUL-terminated,
 * into @p err (@p errlen bytes), or PLEDGE_ENOMEM.
 */
int pledge__regex_compile(pledge_regex **out, const char *pattern, size_t len,
                          const pledge_allocator *allocator, char *err, size_t errlen);

/* Unanchored search: 1 if @p s matches somewhere, 0 if not, PLEDGE_ELIMIT
 * when PCRE2's match or depth limit was hit (schema.regex-limit), or
 * PLEDGE_ENOMEM. Thread-safe. */
int pledge__regex_search(const pledge_regex *re, const char *s, size_t len);

void pledge__regex_free(pledge_regex *re);

#endif
