/* SPDX-License-Identifier: MIT */
#include "buf.h"
#include "alloc.h"

#include <stdio.h>
#include <string.h>

void pledge__buf_init(pledge_buf *b, const pledge_allocator *allocator)
{
    memset(b, 0, sizeof *b);
    b->allocator = allocator;
}

void pledge__buf_free(pledge_buf *b)
{
    pledge__free(b->allocator, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void pledge__buf_clear(pledge_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

int pledge__buf_reserve(pledge_buf *b, size_t extra)
{
    if (b->failed)
        return PLEDGE_ENOMEM;
    if (extra >= SIZE_MAX - b->len) {
        b->failed = 1;
        return PLEDGE_ENOMEM;
    }
    if (pledge__grow(b->allocator, (void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
        b->failed = 1;
        return PLEDGE_ENOMEM;
    }
    return PLEDGE_OK;
}

void pledge__buf_append(pledge_buf *b, const char *s, size_t len)
{
    if (pledge__buf_reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void pledge__buf_puts(pledge_buf *b, const char *s)
{
    pledge__buf_append(b, s, strlen(s));
}

void pledge__buf_putc(pledge_buf *b, char c)
{
    pledge__buf_append(b, &c, 1);
}

void pledge__buf_vprintf(pledge_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char small[256];
    va_copy(ap2, ap);
    n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        pledge__buf_append(b, small, (size_t)n);
        return;
    }
    if (pledge__buf_reserve(b, (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void pledge__buf_printf(pledge_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pledge__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void pledge__buf_json_escape(pledge_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[6];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        pledge__buf_append(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            memcpy(u, "\\u00", 4);
            u[4] = hex[c >> 4];
            u[5] = hex[c & 15];
            pledge__buf_append(b, u, 6);
            continue;
        }
        pledge__buf_puts(b, esc);
    }
    pledge__buf_append(b, s + run, len - run);
}

void pledge__buf_quote(pledge_buf *b, const char *s, size_t len, size_t max)
{
    size_t i = 0, points = 0;
    pledge__buf_putc(b, '"');
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t n = 1;
        if (points == max) {
            pledge__buf_puts(b, "...");
            break;
        }
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        if (n > len - i)
            n = len - i;
        if (c < 0x20 || c == 0x7F) {
            pledge__buf_printf(b, "\\x%02X", c);
        } else if (c == '"' || c == '\\') {
            pledge__buf_putc(b, '\\');
            pledge__buf_putc(b, (char)c);
        } else {
            pledge__buf_append(b, s + i, n);
        }
        i += n;
        points++;
    }
    pledge__buf_putc(b, '"');
}

const char *pledge__buf_cstr(const pledge_buf *b)
{
    return b->data ? b->data : "";
}
