/* SPDX-License-Identifier: MIT */
/* Internal: ECMA-262 regular expressions on PCRE2 (regex.c). Compiled
 * once, matched from any thread, bounded by PCRE2's match limits. */
#ifndef PLEDGE_SCHEMA_REGEX_H
#define PLEDGE_SCHEMA_REGEX_H

#include "pledge/common.h"

typedef struct pledge_regex pledge_regex;
struct pledge_regex_fast;

/*
 * Compile an ECMA-262 @p pattern (@p len bytes of UTF-8; the syntax of the
 * `u` flag, see docs/regex.md) into *@p out, which the caller frees with
 * pledge__regex_free. The allocator (NULL: malloc) must outlive it. On
 * failure returns PLEDGE_EINVALID and writes a plain-English reason,
 * NUL-terminated, into @p err (@p errlen bytes; may be NULL/0):
 * `invalid regular expression "a(" at offset 2: missing closing parenthesis`
 * (a byte offset into @p pattern); or PLEDGE_ENOMEM.
 */
int pledge__regex_compile(pledge_regex **out, const char *pattern, size_t len,
                          const pledge_allocator *allocator, char *err, size_t errlen);

/* Unanchored search: 1 if @p s matches somewhere, 0 if not, PLEDGE_ELIMIT
 * when PCRE2's match or depth limit was hit (schema.regex-limit),
 * PLEDGE_EINVALID when @p s (@p len bytes) is not valid UTF-8, or
 * PLEDGE_ENOMEM. Thread-safe; no allocation after a thread's first call. */
int pledge__regex_search(const pledge_regex *re, const char *s, size_t len);

/* The simple-pattern matcher @p re answers with (regex_fast.h), or NULL
 * when its searches go to PCRE2: for callers that search often and want
 * neither this module's call nor its checks on the way. Borrowed, valid
 * while @p re lives. */
const struct pledge_regex_fast *pledge__regex_fast_part(const pledge_regex *re);

/* The same search run by PCRE2's interpreter even where JIT code exists
 * (its limits differ: the depth limit instead of the JIT stack). For tests. */
int pledge__regex_search_interpreted(const pledge_regex *re, const char *s, size_t len);

/* Accepts NULL. */
void pledge__regex_free(pledge_regex *re);

#endif
