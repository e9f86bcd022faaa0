/* SPDX-License-Identifier: MIT */
/* Output sinks and the escaping every output format needs. */
#ifndef PV_SINK_H
#define PV_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <pledge.h>

#if defined(__GNUC__)
#define PV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PV_PRINTF(f, a)
#endif

/* Where a formatter writes. A failed write is remembered (failed != 0) and
 * later writes are dropped, so formatters check once at the end. */
typedef struct pv_sink {
    pledge_write_fn write;
    void *ud;
    int failed;
} pv_sink;

void pv_put(pv_sink *s, const char *bytes, size_t len);
void pv_puts(pv_sink *s, const char *str);
void pv_printf(pv_sink *s, const char *fmt, ...) PV_PRINTF(2, 3);

/* One character of @p p (n > 0 bytes available), read with the library's
 * decoder (pledge_utf8_decode). Returns the bytes consumed (>= 1) and the
 * code point in *cp; an invalid, overlong or truncated sequence or a
 * surrogate consumes one byte and gives PV_INVALID_BYTE | byte, so the
 * escapers can show it. */
#define PV_INVALID_BYTE 0x80000000u
size_t pv_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* A JSON string with its quotes: RFC 8259 escapes; invalid UTF-8 becomes
 * U+FFFD, since JSON text must be Unicode. */
void pv_put_json_string(pv_sink *s, const char *str, size_t len);
void pv_put_json_cstr(pv_sink *s, const char *str);

/* XML 1.0 character data (attr = 0) or an attribute value in double
 * quotes (attr = 1, quotes not written): & < > " ' escaped, characters
 * XML 1.0 forbids dropped, invalid UTF-8 as U+FFFD. */
void pv_put_xml(pv_sink *s, const char *str, int attr);

/* As pv_put_xml, for names (file paths) that must stay distinct: a
 * backslash becomes \\, a character XML 1.0 forbids \xHH or \uXXXX and an
 * invalid byte \xHH, so two names never collide and each can be read back. */
void pv_put_xml_name(pv_sink *s, const char *str, int attr);

/* Terminal-safe text on one line: control characters, C1 controls, line
 * separators and invalid bytes become visible escapes (\n, \x1b, \u2028),
 * so a message quoting file content can neither break the one-line form
 * nor send escape sequences to the terminal. */
void pv_put_text(pv_sink *s, const char *str);

/* A sink that writes to a stdio stream (ud is the FILE *). */
int pv_write_stdio(void *ud, const char *bytes, size_t len);

#endif
