/* SPDX-License-Identifier: MIT */
#include "utf8.h"

#include "pledge/common.h"

#include <stdio.h>

int pledge__utf8_next(const unsigned char *s, size_t len, size_t *pos, uint32_t *out)
{
    size_t i = *pos;
    uint32_t c = s[i], min;
    int n;
    if (c < 0x80) {
        *out = c;
        *pos = i + 1;
        return 0;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        c &= 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        c &= 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if (len - i <= (size_t)n)
        return -1;
    for (i++; n > 0; n--, i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return -1;
    *out = c;
    *pos = i;
    return 0;
}

int pledge_utf8_decode(uint32_t *out, const char *s, size_t len)
{
    size_t pos = 0;
    if (!out || !s || len == 0)
        return PLEDGE_EARG;
    if (pledge__utf8_next((const unsigned char *)s, len, &pos, out) != 0)
        return PLEDGE_EINVALID;
    return (int)pos;
}

int pledge__utf8_problem(const unsigned char *s, size_t len, size_t pos, char *msg, size_t cap)
{
    unsigned c = s[pos];
    size_t w = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    size_t k;
    uint32_t cp;
    if (!w) {
        snprintf(msg, cap, "the byte 0x%02X does not start a UTF-8 character", c);
        return 0;
    }
    for (k = 1; k < w && pos + k < len && (s[pos + k] & 0xC0) == 0x80; k++)
        ;
    if (k < w) {
        if (pos + k == len) {
            snprintf(msg, cap, "the file ends inside a UTF-8 character");
            return 1;
        }
        snprintf(msg, cap, "the byte 0x%02X after the lead byte 0x%02X does not continue a "
                           "UTF-8 character", s[pos + k], c);
        return 0;
    }
    cp = c & (0xFFu >> (w + 1));
    for (k = 1; k < w; k++)
        cp = (cp << 6) | (s[pos + k] & 0x3Fu);
    if ((w == 3 && cp < 0x800) || (w == 4 && cp < 0x10000))
        snprintf(msg, cap, "an overlong encoding of U+%04lX", (unsigned long)cp);
    else
        snprintf(msg, cap, "U+%04lX is not a Unicode scalar value", (unsigned long)cp);
    return 0;
}
