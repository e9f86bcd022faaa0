/* SPDX-License-Identifier: MIT */
/* Internal: the one strict UTF-8 decoder (no overlong forms, no
 * surrogates, nothing above U+10FFFF), for the readers (the JSON parser,
 * the YAML reader's first pass) and the parsers of formats and patterns;
 * public as pledge_utf8_decode (pledge/common.h) for the tool's escaping. */
#ifndef PLEDGE_CORE_UTF8_H
#define PLEDGE_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[*pos] (*pos < len) into *out and move *pos
 * past it; -1 (and *pos unchanged) when the bytes there are not UTF-8. */
int pledge__utf8_next(const unsigned char *s, size_t len, size_t *pos, uint32_t *out);

/* Why the bytes at s[pos] (pos < len) are not UTF-8, in words for a
 * diagnostic (@p msg, @p cap bytes: "an overlong encoding of U+002F"...).
 * Returns 1 when the text ends inside a character that was valid so far
 * (a limit may have cut it), else 0. */
int pledge__utf8_problem(const unsigned char *s, size_t len, size_t pos, char *msg, size_t cap);

#endif
