/* SPDX-License-Identifier: MIT */
#include "sink.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pv_put(pv_sink *s, const char *bytes, size_t len)
{
    if (s->failed || len == 0)
        return;
    if (s->write(s->ud, bytes, len) != 0)
        s->failed = 1;
}

void pv_puts(pv_sink *s, const char *str)
{
    pv_put(s, str, strlen(str));
}

void pv_printf(pv_sink *s, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        s->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        pv_put(s, small, (size_t)n);
        return;
    }
    {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            s->failed = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        pv_put(s, big, (size_t)n);
        free(big);
    }
}

size_t pv_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    int len = pledge_utf8_decode(cp, (const char *)p, n);
    if (len > 0)
        return (size_t)len;
    *cp = PV_INVALID_BYTE | p[0];
    return 1;
}

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

void pv_put_json_string(pv_sink *s, const char *str, size_t len)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t i = 0, run = 0;

    pv_put(s, "\"", 1);
    while (i < len) {
        uint32_t cp;
        size_t n = pv_utf8_decode(p + i, len - i, &cp);
        const char *esc = NULL;
        char ubuf[8];

        if (cp & PV_INVALID_BYTE)
            esc = replacement;
        else if (cp == '"')
            esc = "\\\"";
        else if (cp == '\\')
            esc = "\\\\";
        else if (cp == '\n')
            esc = "\\n";
        else if (cp == '\r')
            esc = "\\r";
        else if (cp == '\t')
            esc = "\\t";
        else if (cp == '\b')
            esc = "\\b";
        else if (cp == '\f')
            esc = "\\f";
        else if (cp < 0x20 || cp == 0x7F) {
            snprintf(ubuf, sizeof ubuf, "\\u%04x", (unsigned)cp);
            esc = ubuf;
        }
        if (esc) {
            /* Flush the plain run before it, then the escape. */
            pv_put(s, str + i - run, run);
            run = 0;
            pv_puts(s, esc);
        } else {
            run += n;
        }
        i += n;
    }
    pv_put(s, str + i - run, run);
    pv_put(s, "\"", 1);
}

void pv_put_json_cstr(pv_sink *s, const char *str)
{
    pv_put_json_string(s, str ? str : "", str ? strlen(str) : 0);
}

static int xml_allowed(uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void pv_put_xml(pv_sink *s, const char *str, int attr)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t len = strlen(str), i = 0, run = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = pv_utf8_decode(p + i, len - i, &cp);
        const char *esc = NULL;

        if (cp & PV_INVALID_BYTE)
            esc = replacement;
        else if (!xml_allowed(cp))
            esc = "";
        else if (cp == '&')
            esc = "&amp;";
        else if (cp == '<')
            esc = "&lt;";
        else if (cp == '>')
            esc = "&gt;";
        else if (cp == '"')
            esc = "&quot;";
        else if (cp == '\'')
            esc = "&apos;";
        /* Attribute values are normalised by XML parsers (a raw newline
         * becomes a space): character references keep them. */
        else if (attr && cp == '\n')
            esc = "&#10;";
        else if (attr && cp == '\r')
            esc = "&#13;";
        else if (attr && cp == '\t')
            esc = "&#9;";
        else if (!attr && cp == '\r')
            esc = "&#13;"; /* a raw CR in content would be read as LF */
        if (esc) {
            pv_put(s, str + i - run, run);
            run = 0;
            pv_puts(s, esc);
        } else {
            run += n;
        }
        i += n;
    }
    pv_put(s, str + i - run, run);
}

void pv_put_text(pv_sink *s, const char *str)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t len = strlen(str), i = 0, run = 0;

    while (i < len) {
        uint32_t cp;
        size_t n = pv_utf8_decode(p + i, len - i, &cp);
        char esc[16];
        int escaped = 1;

        if (cp & PV_INVALID_BYTE)
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)(cp & 0xFF));
        else if (cp == '\n')
            strcpy(esc, "\\n");
        else if (cp == '\r')
            strcpy(esc, "\\r");
        else if (cp < 0x20 && cp != '\t')
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
        else if (cp == 0x7F)
            strcpy(esc, "\\x7f");
        else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
        else
            escaped = 0;
        if (escaped) {
            pv_put(s, str + i - run, run);
            run = 0;
            pv_puts(s, esc);
        } else {
            run += n;
        }
        i += n;
    }
    pv_put(s, str + i - run, run);
}

int pv_write_stdio(void *ud, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)ud) == len ? 0 : -1;
}

void pv_put_xml_name(pv_sink *s, const char *str, int attr)
{
    const unsigned char *p = (const unsigned char *)str;
    size_t len = strlen(str), i = 0, start = 0;

    /* Runs that XML can hold go through pv_put_xml; a backslash, a
     * character XML forbids and an invalid byte become escapes. */
    while (i < len) {
        uint32_t cp;
        size_t n = pv_utf8_decode(p + i, len - i, &cp);
        char esc[16];
        if (cp == '\\')
            snprintf(esc, sizeof esc, "\\\\");
        else if (cp & PV_INVALID_BYTE)
            snprintf(esc, sizeof esc, "\\x%02X", (unsigned)(cp & 0xFFu));
        else if (!xml_allowed(cp))
            snprintf(esc, sizeof esc, cp < 0x100 ? "\\x%02X" : "\\u%04X", (unsigned)cp);
        else {
            i += n;
            continue;
        }
        if (i > start) {
            char *run = malloc(i - start + 1);
            if (!run) {
                s->failed = 1;
                return;
            }
            memcpy(run, str + start, i - start);
            run[i - start] = '\0';
            pv_put_xml(s, run, attr);
            free(run);
        }
        pv_puts(s, esc);
        i += n;
        start = i;
    }
    if (start == 0)
        pv_put_xml(s, str, attr);
    else if (start < len)
        pv_put_xml(s, str + start, attr);
}
