/* SPDX-License-Identifier: MIT */
#include "utf8.h"

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
