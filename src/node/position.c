/* SPDX-License-Identifier: MIT */
#include "position.h"

pledge_mark pledge__pos_start(void)
{
    pledge_mark m = { 1, 1, 0 };
    return m;
}

size_t pledge__pos_advance(const char *data, size_t len, pledge_mark *m, size_t target)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t i = m->offset, line = m->line, col = m->column, unicode = 0;
    if (target > len)
        target = len;
    while (i < target) {
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == '\n') {
                /* The LF of a CR LF pair was counted with the CR. */
                if (!(i > 0 && p[i - 1] == '\r')) {
                    line++;
                }
                col = 1;
            } else if (c == '\r') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && p[i + 1] == 0x85) {
            line++, col = 1, unicode++, i += 2;
            continue;
        }
        if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            line++, col = 1, unicode++, i += 3;
            continue;
        }
        /* Skip the continuation bytes of one code point. */
        {
            size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, k;
            for (k = 1; k < n && i + k < len && (p[i + k] & 0xC0) == 0x80; k++)
                ;
            i += k;
            col++;
        }
    }
    m->offset = i;
    m->line = line;
    m->column = col;
    return unicode;
}
