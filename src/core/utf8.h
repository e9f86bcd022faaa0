/* SPDX-License-Identifier: MIT */
/* Internal: strict UTF-8 decoding (no overlong forms, no surrogates,
 * nothing above U+10FFFF), for the parsers of formats and patterns. */
#ifndef PLEDGE_CORE_UTF8_H
#define PLEDGE_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[*pos] (*pos < len) into *out and move *pos
 * past it; -1 (and *pos unchanged) when the bytes there are not UTF-8. */
int pledge__utf8_next(const unsigned char *s, size_t len, size_t *pos, uint32_t *out);

#endif
