/* SPDX-License-Identifier: MIT */
/*
 * The RFC 8259 front end. One strict forward pass over the bytes with an
 * explicit stack (no recursion). Children of the open containers collect on
 * one reusable scratch stack and are copied into the tree's arena once, when
 * their container closes. Lines and columns are counted on the way: lines
 * break only at LF, CR and CR LF (RFC 8259; U+0085/U+2028/U+2029 are
 * ordinary characters, unlike in YAML), which JSON allows only in
 * whitespace, so a node's column is its distance from the start of its line
 * minus the UTF-8 continuation bytes seen on that line.
 */
#include "json_reader.h"
#include "map_keys.h"
#include "pointer.h"
#include "scalar.h"
#include "tree.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "core/utf8.h"

#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#define J_STOP 1          /* the document is refused (or complete with an error) */
#define MAX_BREAK_WARNINGS 3
#define POOL_BLOCK_MAX 4096 /* strings are packed unaligned into growing blocks */
#define POOL_DIRECT 256   /* longer strings get their own arena allocation */
#define FAST_DIGITS 18    /* integers this short always fit int64 */
#define NODE_BATCH_MAX 64 /* nodes are carved from batches of up to this many */

typedef struct jframe {
    pledge_node *node;
    pledge_node *key;     /* MAPPING: key of the member being read */
    size_t start;         /* first scratch slot of its children */
    unsigned char drop;   /* MAPPING: the member being read repeats a key */
} jframe;

typedef struct jparser {
    const unsigned char *s, *p, *end;
    const unsigned char *line_start;
    size_t line;
    size_t extra; /* continuation bytes between line_start and p */
    pledge_tree *tree;
    const pledge_allocator *a;
    pledge_diag_list *diags;
    const char *name;
    size_t max_depth;
    int truncated;
    size_t break_warnings;

    jframe *frames;
    size_t nframes, frames_cap;
    pledge_node **scratch;
    size_t nscratch, scratch_cap;
    pledge__table keys; /* keys of the large mappings (map_keys.h) */

    char *pool, *pool_end;
    size_t pool_block;
    pledge_node *nodes, *nodes_end;
    size_t node_batch;
    char *numbuf;
    size_t numbuf_cap;
} jparser;

/* 0: ordinary, 1: '"', 2: '\\', 3: control character, 4: non-ASCII. */
#define R0 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define R3 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3
#define R4 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4
static const unsigned char str_class[256] = {
    R3, R3,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    R0, R0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
    R0, R0,
    R4, R4, R4, R4, R4, R4, R4, R4
};
#undef R0
#undef R3
#undef R4

/* ---- locale-independent strtod ------------------------------------- */

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void c_locale_init(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* strtod in the "C" locale whatever the host program set; -1 if the
 * locale object could not be made (only for lack of memory). */
static int c_strtod(const char *text, double *out)
{
    locale_t old;
    pthread_once(&c_locale_once, c_locale_init);
    if (c_locale == (locale_t)0)
        return -1;
    old = uselocale(c_locale);
    *out = strtod(text, NULL);
    uselocale(old);
    return 0;
}

/* ---- UTF-8 ---------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at @p p (p[0] >= 0x80), 0 if invalid
 * (overlong forms, surrogates and values beyond U+10FFFF included); its
 * code point to *cp (may be NULL). The decoder is core's. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
    size_t pos = 0;
    uint32_t c;
    if (pledge__utf8_next(p, (size_t)(end - p), &pos, &c))
        return 0;
    if (cp)
        *cp = c;
    return pos;
}

static size_t utf8_put(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- positions and diagnostics --------------------------------------- */

static pledge_mark jmark(const jparser *j, const unsigned char *at)
{
    pledge_mark m;
    m.line = j->line;
    m.column = (size_t)(at - j->line_start) - j->extra + 1;
    m.offset = (size_t)(at - j->s);
    return m;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static int report(jparser *j, pledge_mark mark, pledge_severity severity, const char *code,
                  const char *fmt, ...)
{
    pledge_diag_where w;
    va_list ap;
    int rc;
    memset(&w, 0, sizeof w);
    w.file = j->name;
    w.mark = mark;
    va_start(ap, fmt);
    rc = pledge__diag_vaddf(j->diags, severity, code, &w, fmt, ap);
    va_end(ap);
    return rc;
}

/* An error that ends the document: J_STOP, or PLEDGE_ENOMEM. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int fail(jparser *j, const unsigned char *at, const char *code, const char *fmt, ...)
{
    pledge_diag_where w;
    va_list ap;
    int rc;
    memset(&w, 0, sizeof w);
    w.file = j->name;
    w.mark = jmark(j, at);
    va_start(ap, fmt);
    rc = pledge__diag_vaddf(j->diags, PLEDGE_SEVERITY_ERROR, code, &w, fmt, ap);
    va_end(ap);
    j->tree->errors++;
    return rc ? rc : J_STOP;
}

static int limit_error(jparser *j, const unsigned char *at)
{
    return fail(j, at, "yaml.limit", "the file is larger than the limit; the rest was not read");
}

static int utf8_error(jparser *j, const unsigned char *at)
{
    /* A sequence cut by the size limit is the limit's fault, not the file's. */
    if (j->truncated && at[0] >= 0xC2 && at[0] < 0xF5) {
        size_t need = at[0] < 0xE0 ? 2 : at[0] < 0xF0 ? 3 : 4, k;
        if ((size_t)(j->end - at) < need) {
            for (k = 1; at + k < j->end && (at[k] & 0xC0) == 0x80; k++)
                ;
            if (at + k == j->end)
                return limit_error(j, at);
        }
    }
    if (at[0] >= 0x80 && at[0] < 0xC0)
        return fail(j, at, "yaml.invalid-utf8",
                    "invalid UTF-8: a stray continuation byte 0x%02X", at[0]);
    if (at[0] < 0xC2 || at[0] > 0xF4)
        return fail(j, at, "yaml.invalid-utf8",
                    "invalid UTF-8: the byte 0x%02X never occurs in UTF-8 text", at[0]);
    return fail(j, at, "yaml.invalid-utf8",
                "invalid UTF-8: a malformed sequence starts with the byte 0x%02X", at[0]);
}

/* "expected X, got Y" at @p at (the limit error if the text was cut there). */
static int unexpected(jparser *j, const unsigned char *at, const char *expected)
{
    char got[32];
    const char *hint = "";
    unsigned char c;
    if (at == j->end) {
        if (j->truncated)
            return limit_error(j, at);
        return fail(j, at, "json.syntax", "%s, got the end of the text", expected);
    }
    c = *at;
    if (c >= 0x80) {
        uint32_t cp;
        if (!utf8_seq(at, j->end, &cp))
            return utf8_error(j, at);
        snprintf(got, sizeof got, "U+%04lX", (unsigned long)cp);
    } else if (c < 0x20 || c == 0x7F) {
        snprintf(got, sizeof got, "U+%04X", (unsigned)c);
    } else if (c == '\'') {
        snprintf(got, sizeof got, "\"'\"");
    } else {
        snprintf(got, sizeof got, "'%c'", (char)c);
    }
    if (c == '\'')
        hint = " (JSON strings are in double quotes)";
    else if (c == '/' || c == '#')
        hint = " (JSON has no comments)";
    return fail(j, at, "json.syntax", "%s, got %s%s", expected, got, hint);
}

/* ---- memory ------------------------------------------------------- */

static char *pool_alloc(jparser *j, size_t n)
{
    char *r;
    if (n > POOL_DIRECT)
        return pledge__arena_alloc(&j->tree->arena, n);
    if ((size_t)(j->pool_end - j->pool) < n) {
        char *b;
        j->pool_block = j->pool_block ? j->pool_block * 2 : 256;
        if (j->pool_block > POOL_BLOCK_MAX)
            j->pool_block = POOL_BLOCK_MAX;
        b = pledge__arena_alloc(&j->tree->arena, j->pool_block);
        if (!b)
            return NULL;
        j->pool = b;
        j->pool_end = b + j->pool_block;
    }
    r = j->pool;
    j->pool += n;
    return r;
}

/* Like pledge__node_new, but nodes are carved from batches with only the
 * alignment a node needs (the arena aligns each call for max_align_t). */
static pledge_node *new_node(jparser *j, pledge_node_type type, const unsigned char *at)
{
    pledge_node *n;
    pledge_mark m;
    if (j->nodes == j->nodes_end) {
        j->node_batch = j->node_batch ? j->node_batch * 2 : 8;
        if (j->node_batch > NODE_BATCH_MAX)
            j->node_batch = NODE_BATCH_MAX;
        n = pledge__arena_alloc(&j->tree->arena, j->node_batch * sizeof *n);
        if (!n)
            return NULL;
        j->nodes = n;
        j->nodes_end = n + j->node_batch;
    }
    n = j->nodes++;
    m = jmark(j, at);
    pledge__node_init(n, type, m);
    return n;
}

static int push(jparser *j, pledge_node *n)
{
    if (j->nscratch == j->scratch_cap &&
        pledge__grow(j->a, (void **)&j->scratch, &j->scratch_cap, j->nscratch + 1,
                     sizeof *j->scratch))
        return PLEDGE_ENOMEM;
    j->scratch[j->nscratch++] = n;
    return 0;
}

/* The JSON Pointer of the top mapping, for the duplicate-key diagnostic. */
static void mapping_path(const jparser *j, pledge_buf *b)
{
    size_t i;
    for (i = 0; i + 1 < j->nframes; i++) {
        const jframe *f = &j->frames[i];
        pledge__buf_putc(b, '/');
        if (f->node->type == PLEDGE_NODE_SEQUENCE) {
            pledge__buf_printf(b, "%zu", j->frames[i + 1].start - f->start);
            continue;
        }
        if (f->key)
            pledge__json_pointer_escape(b, f->key->u.s.ptr, f->key->u.s.len);
    }
}

static int duplicate_key(jparser *j, const pledge_node *key, const pledge_node *first)
{
    pledge_buf path, quoted;
    pledge_diag_where w;
    int rc;
    pledge__buf_init(&path, j->a);
    pledge__buf_init(&quoted, j->a);
    mapping_path(j, &path);
    pledge__buf_quote(&quoted, key->u.s.ptr, key->u.s.len, 60);
    if (path.failed || quoted.failed) {
        rc = PLEDGE_ENOMEM;
    } else {
        memset(&w, 0, sizeof w);
        w.file = j->name;
        w.mark = pledge_node_mark(key);
        w.instance_path = pledge__buf_cstr(&path);
        rc = pledge__diag_addf(j->diags, PLEDGE_SEVERITY_ERROR, "yaml.duplicate-key", &w,
                               "duplicate key %s (first at line %zu, column %zu); this "
                               "pair is left out",
                               pledge__buf_cstr(&quoted), (size_t)first->line,
                               (size_t)first->column);
    }
    pledge__buf_free(&path);
    pledge__buf_free(&quoted);
    j->tree->errors++;
    return rc;
}

/* ---- tokens ----------------------------------------------------------- */

static void skip_ws(jparser *j)
{
    const unsigned char *p = j->p, *end = j->end;
    while (p < end) {
        unsigned char c = *p;
        if (c == ' ' || c == '\t') {
            p++;
        } else if (c == '\n') {
            p++;
            j->line++;
            j->line_start = p;
            j->extra = 0;
        } else if (c == '\r') {
            p++;
            if (p < end && *p == '\n')
                p++;
            j->line++;
            j->line_start = p;
            j->extra = 0;
        } else {
            break;
        }
    }
    j->p = p;
}

static long hex4(const unsigned char *p, const unsigned char *end)
{
    long v = 0;
    int i;
    if (end - p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        unsigned char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A \u escape at @p at that is not four hex digits. */
static int bad_u_escape(jparser *j, const unsigned char *at)
{
    const unsigned char *q = at + 2;
    int i;
    for (i = 0; i < 4 && q < j->end && str_class[*q] == 0; i++, q++)
        ;
    if (q == j->end && j->truncated)
        return limit_error(j, j->end);
    return fail(j, at, "json.syntax", "invalid \\u escape: expected four hex digits after \\u");
}

/* Check the escape at *pq (a backslash); add to *saved the bytes it
 * saves once decoded; move *pq past it. */
static int scan_escape(jparser *j, const unsigned char **pq, size_t *saved)
{
    const unsigned char *q = *pq, *end = j->end;
    long cp, lo;
    if (q + 1 == end)
        return unexpected(j, q + 1, "expected an escape character after '\\'");
    switch (q[1]) {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        *pq = q + 2;
        *saved += 1;
        return 0;
    case 'u':
        break;
    default:
        if (q[1] >= 0x80 && !utf8_seq(q + 1, end, NULL))
            return utf8_error(j, q + 1);
        if (q[1] > 0x20 && q[1] < 0x7F)
            return fail(j, q, "json.syntax",
                        "invalid escape '\\%c' in a string (JSON knows \\\" \\\\ \\/ \\b \\f "
                        "\\n \\r \\t and \\uXXXX)",
                        (char)q[1]);
        return fail(j, q, "json.syntax", "invalid escape in a string");
    }
    cp = hex4(q + 2, end);
    if (cp < 0)
        return bad_u_escape(j, q);
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(j, q, "json.syntax",
                    "unpaired surrogate \\u%04lX: a low surrogate must follow a high "
                    "surrogate escape, and alone it has no UTF-8 form",
                    (unsigned long)cp);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        const unsigned char *r = q + 6;
        if ((r == end || (r + 1 == end && *r == '\\')) && j->truncated)
            return limit_error(j, end);
        if (end - r >= 2 && r[0] == '\\' && r[1] == 'u') {
            lo = hex4(r + 2, end);
            if (lo < 0)
                return bad_u_escape(j, r);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                *pq = r + 6;
                *saved += 12 - 4;
                return 0;
            }
        }
        return fail(j, q, "json.syntax",
                    "unpaired surrogate \\u%04lX: a high surrogate escape must be followed "
                    "by a low one (\\uDC00 to \\uDFFF), and alone it has no UTF-8 form",
                    (unsigned long)cp);
    }
    *pq = q + 6;
    *saved += 6 - (cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3);
    return 0;
}

/* Decode a validated string body [q, end) into @p out. */
static void decode_string(const unsigned char *q, const unsigned char *end, char *out)
{
    while (q < end) {
        const unsigned char *bs = memchr(q, '\\', (size_t)(end - q));
        size_t run = (size_t)((bs ? bs : end) - q);
        long cp;
        memcpy(out, q, run);
        out += run;
        q += run;
        if (!bs)
            break;
        switch (q[1]) {
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
            cp = hex4(q + 2, end);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                q += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(q + 2, end) - 0xDC00);
            }
            out += utf8_put(out, (unsigned long)cp);
            q += 4;
            break;
        default: *out++ = (char)q[1]; break;
        }
        q += 2;
    }
}

/* A string at j->p (its opening quote) as a STRING node. */
static int read_string(jparser *j, pledge_node **out)
{
    const unsigned char *open = j->p, *body = open + 1, *q = body, *end = j->end;
    pledge_mark mark = jmark(j, open);
    size_t saved = 0, len, n;
    int escaped = 0, rc;
    pledge_node *node;
    char *buf;

    for (;;) {
        while (q < end && str_class[*q] == 0)
            q++;
        if (q == end) {
            if (j->truncated)
                return limit_error(j, end);
            return fail(j, end, "json.syntax",
                        "the string that starts at line %zu, column %zu is not closed",
                        mark.line, mark.column);
        }
        switch (str_class[*q]) {
        case 1:
            goto closed;
        case 2:
            if ((rc = scan_escape(j, &q, &saved)) != 0)
                return rc;
            escaped = 1;
            break;
        case 3:
            return fail(j, q, "json.syntax",
                        "a control character (U+%04X) must be escaped in a JSON string",
                        (unsigned)*q);
        default:
            n = utf8_seq(q, end, NULL);
            if (!n)
                return utf8_error(j, q);
            /* U+0085, U+2028 and U+2029 are characters like any other:
             * RFC 8259 breaks lines at LF and CR only */
            j->extra += n - 1;
            q += n;
            break;
        }
    }
closed:
    len = (size_t)(q - body) - saved;
    buf = pool_alloc(j, len + 1);
    node = buf ? new_node(j, PLEDGE_NODE_STRING, open) : NULL;
    if (node) {
        node->line = mark.line > UINT32_MAX ? UINT32_MAX : (uint32_t)mark.line;
        node->column = mark.column > UINT32_MAX ? UINT32_MAX : (uint32_t)mark.column;
    }
    if (!node)
        return PLEDGE_ENOMEM;
    if (escaped)
        decode_string(body, q, buf);
    else
        memcpy(buf, body, len);
    buf[len] = '\0';
    node->flags = PLEDGE_NODE_QUOTED;
    node->u.s.ptr = buf;
    node->u.s.len = len;
    j->p = q + 1;
    *out = node;
    return 0;
}

#define IS_DIGIT(c) ((unsigned char)((c) - '0') < 10)

static int read_number(jparser *j, pledge_node **out)
{
    const unsigned char *start = j->p, *p = start, *end = j->end, *digits, *int_end;
    pledge_node *node;
    int negative = 0, is_float = 0;

    if (*p == '-') {
        negative = 1;
        p++;
    }
    digits = p;
    if (p == end || !IS_DIGIT(*p))
        return unexpected(j, p, "expected a digit after '-'");
    if (*p == '0') {
        p++;
        if (p < end && IS_DIGIT(*p))
            return fail(j, p - 1, "json.syntax", "a JSON number cannot have a leading zero");
    } else {
        while (p < end && IS_DIGIT(*p))
            p++;
    }
    int_end = p;
    if (p < end && *p == '.') {
        p++;
        if (p == end || !IS_DIGIT(*p))
            return unexpected(j, p, "expected a digit after the decimal point");
        while (p < end && IS_DIGIT(*p))
            p++;
        is_float = 1;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p == end || !IS_DIGIT(*p))
            return unexpected(j, p, "expected a digit in the exponent");
        while (p < end && IS_DIGIT(*p))
            p++;
        is_float = 1;
    }
    if (p == end && j->truncated)
        return limit_error(j, end);

    node = new_node(j, is_float ? PLEDGE_NODE_FLOAT : PLEDGE_NODE_INT, start);
    if (!node)
        return PLEDGE_ENOMEM;
    if (is_float) {
        size_t n = (size_t)(p - start);
        char small[64], *text = small;
        if (n >= sizeof small) {
            if (pledge__grow(j->a, (void **)&j->numbuf, &j->numbuf_cap, n + 1, 1))
                return PLEDGE_ENOMEM;
            text = j->numbuf;
        }
        memcpy(text, start, n);
        text[n] = '\0';
        if (c_strtod(text, &node->u.d))
            return PLEDGE_ENOMEM;
        if (isinf(node->u.d)) {
            /* not silently infinity: 1e400 and 1e500 would compare equal */
            int rc = report(j, jmark(j, start), PLEDGE_SEVERITY_ERROR, "yaml.limit",
                            "the number %.*s%s is beyond the range of floating-point numbers "
                            "(about 1.8e308)", n > 40 ? 40 : (int)n, text, n > 40 ? "..." : "");
            j->tree->errors++;
            if (rc)
                return rc;
        } else if (pledge__scalar_float_underflow(text, n, node->u.d)) {
            /* nor silently zero: a warning, the value is still a number */
            int rc = report(j, jmark(j, start), PLEDGE_SEVERITY_WARNING,
                            PLEDGE__FLOAT_UNDERFLOW_CODE, PLEDGE__FLOAT_UNDERFLOW_FMT,
                            n > 40 ? 40 : (int)n, text, n > 40 ? "..." : "");
            if (rc)
                return rc;
        }
    } else if ((size_t)(int_end - digits) <= FAST_DIGITS) {
        /* No leading zeros in JSON: the text is canonical but for "-0". */
        const unsigned char *d;
        int64_t v = 0;
        size_t n;
        char *text;
        for (d = digits; d < int_end; d++)
            v = v * 10 + (*d - '0');
        if (v == 0)
            start = digits;
        n = (size_t)(int_end - start);
        text = pool_alloc(j, n + 1);
        if (!text)
            return PLEDGE_ENOMEM;
        memcpy(text, start, n);
        text[n] = '\0';
        node->u.i.v = negative ? -v : v;
        node->u.i.text = text;
    } else {
        int big = 0;
        if (pledge__int_from_digits(j->tree, (const char *)digits, (size_t)(int_end - digits),
                                    10, negative, &node->u.i.v, &big, &node->u.i.text))
            return PLEDGE_ENOMEM;
        if (big)
            node->flags |= PLEDGE_NODE_BIGINT;
    }
    j->p = p;
    *out = node;
    return 0;
}

/* true, false, null; anything else made of letters is reported whole. */
static int read_word(jparser *j, pledge_node **out)
{
    const unsigned char *p = j->p, *q = p;
    size_t n;
    pledge_node *node;
    while (q < j->end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || IS_DIGIT(*q) ||
                          *q == '_'))
        q++;
    n = (size_t)(q - p);
    if (q == j->end && j->truncated)
        return limit_error(j, j->end);
    if (n == 4 && memcmp(p, "true", 4) == 0) {
        node = new_node(j, PLEDGE_NODE_BOOL, p);
        if (node)
            node->u.b = 1;
    } else if (n == 5 && memcmp(p, "false", 5) == 0) {
        node = new_node(j, PLEDGE_NODE_BOOL, p);
    } else if (n == 4 && memcmp(p, "null", 4) == 0) {
        node = new_node(j, PLEDGE_NODE_NULL, p);
    } else {
        const char *hint = "";
        if ((n == 3 && memcmp(p, "NaN", 3) == 0) || (n == 8 && memcmp(p, "Infinity", 8) == 0))
            hint = " (JSON has no NaN or Infinity)";
        else if (n == 4 && (memcmp(p, "True", 4) == 0 || memcmp(p, "None", 4) == 0))
            hint = " (JSON writes true, false and null in lower case)";
        return fail(j, p, "json.syntax", "expected a JSON value, got '%.*s%s'%s",
                    (int)(n > 20 ? 20 : n), (const char *)p, n > 20 ? "..." : "", hint);
    }
    if (!node)
        return PLEDGE_ENOMEM;
    j->p = q;
    *out = node;
    return 0;
}

/* ---- containers ------------------------------------------------------ */

static int open_container(jparser *j, pledge_node_type type)
{
    jframe *f;
    pledge_node *node;
    if (j->nframes >= j->max_depth)
        return fail(j, j->p, "yaml.limit",
                    "the nesting is deeper than the limit of %zu levels; the rest was not "
                    "read",
                    j->max_depth);
    node = new_node(j, type, j->p);
    if (!node)
        return PLEDGE_ENOMEM;
    if (j->nframes == j->frames_cap &&
        pledge__grow(j->a, (void **)&j->frames, &j->frames_cap, j->nframes + 1,
                     sizeof *j->frames))
        return PLEDGE_ENOMEM;
    f = &j->frames[j->nframes++];
    f->node = node;
    f->key = NULL;
    f->start = j->nscratch;
    f->drop = 0;
    j->p++;
    return 0;
}

static int close_container(jparser *j, pledge_node **out)
{
    jframe *f = &j->frames[j->nframes - 1];
    /* scratch is NULL until the first child: no arithmetic on NULL. */
    pledge_node *node = f->node, **kids = j->scratch ? j->scratch + f->start : NULL;
    size_t n = j->nscratch - f->start, i;
    if (node->type == PLEDGE_NODE_SEQUENCE) {
        if (n) {
            pledge_node **items = pledge__arena_alloc(&j->tree->arena, n * sizeof *items);
            if (!items)
                return PLEDGE_ENOMEM;
            memcpy(items, kids, n * sizeof *items);
            node->u.seq.items = items;
            node->u.seq.count = n;
        }
    } else {
        n /= 2;
        if (n) {
            pledge_pair *pairs = pledge__arena_alloc(&j->tree->arena, n * sizeof *pairs);
            if (!pairs)
                return PLEDGE_ENOMEM;
            for (i = 0; i < n; i++) {
                pairs[i].key = kids[2 * i];
                pairs[i].value = kids[2 * i + 1];
            }
            node->u.map.pairs = pairs;
            node->u.map.count = n;
        }
    }
    j->nscratch = f->start;
    j->nframes--;
    *out = node;
    return 0;
}

static int read_key(jparser *j)
{
    jframe *f = &j->frames[j->nframes - 1];
    pledge_node *key;
    const pledge_node *first;
    int rc;
    if ((rc = read_string(j, &key)) != 0)
        return rc;
    f->key = key;
    if ((rc = pledge__map_key_seen(&j->keys, f->node,
                                   j->scratch ? j->scratch + f->start : NULL,
                                   (j->nscratch - f->start) / 2, key, &first)) != 0)
        return rc;
    if (first) {
        f->drop = 1;
        return duplicate_key(j, key, first);
    }
    return push(j, key);
}

/* ---- the parser -------------------------------------------------------- */

static int parse(jparser *j)
{
    const char *key_expected = NULL;
    pledge_node *v = NULL;
    jframe *f;
    unsigned char c;
    int rc;

value:
    skip_ws(j);
    if (j->p == j->end)
        return unexpected(j, j->p, "expected a JSON value");
    c = *j->p;
    switch (c) {
    case '[':
    case '{':
        if ((rc = open_container(j, c == '[' ? PLEDGE_NODE_SEQUENCE : PLEDGE_NODE_MAPPING)))
            return rc;
        skip_ws(j);
        if (j->p < j->end && *j->p == (c == '[' ? ']' : '}')) {
            j->p++;
            if ((rc = close_container(j, &v)))
                return rc;
            goto after;
        }
        if (c == '[')
            goto value;
        key_expected = "expected a string key in double quotes or '}'";
        goto key;
    case '"':
        rc = read_string(j, &v);
        break;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        rc = read_number(j, &v);
        break;
    default:
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            rc = read_word(j, &v);
        else
            rc = unexpected(j, j->p, "expected a JSON value");
        break;
    }
    if (rc)
        return rc;

after:
    if (j->nframes == 0)
        goto finish;
    f = &j->frames[j->nframes - 1];
    if (f->drop)
        f->drop = 0;
    else if ((rc = push(j, v)))
        return rc;
    skip_ws(j);
    c = j->p < j->end ? *j->p : 0;
    if (f->node->type == PLEDGE_NODE_SEQUENCE) {
        if (c == ',') {
            j->p++;
            skip_ws(j);
            if (j->p < j->end && *j->p == ']')
                return fail(j, j->p, "json.syntax",
                            "expected a value after ',', got ']' (JSON allows no trailing "
                            "comma)");
            goto value;
        }
        if (c == ']') {
            j->p++;
            if ((rc = close_container(j, &v)))
                return rc;
            goto after;
        }
        return unexpected(j, j->p, "expected ',' or ']' after an array item");
    }
    if (c == ',') {
        j->p++;
        skip_ws(j);
        if (j->p < j->end && *j->p == '}')
            return fail(j, j->p, "json.syntax",
                        "expected a key after ',', got '}' (JSON allows no trailing comma)");
        key_expected = "expected a string key in double quotes";
        goto key;
    }
    if (c == '}') {
        j->p++;
        if ((rc = close_container(j, &v)))
            return rc;
        goto after;
    }
    return unexpected(j, j->p, "expected ',' or '}' after an object member");

key:
    if (j->p == j->end || *j->p != '"')
        return unexpected(j, j->p, key_expected);
    if ((rc = read_key(j)))
        return rc;
    skip_ws(j);
    if (j->p == j->end || *j->p != ':')
        return unexpected(j, j->p, "expected ':' after an object key");
    j->p++;
    goto value;

finish:
    skip_ws(j);
    if (j->p != j->end)
        return unexpected(j, j->p, "expected the end of the text after the JSON value");
    j->tree->root = v;
    /* Complete, but the file went on past the size limit. */
    if (j->truncated)
        return limit_error(j, j->end);
    return 0;
}

int pledge__json_read(pledge_tree **out, const char *data, size_t len, const char *name,
                      int truncated, const pledge_load_options *opts,
                      pledge_diag_list *diags)
{
    jparser j;
    int rc;

    if (!out || (!data && len))
        return PLEDGE_EARG;
    *out = NULL;
    memset(&j, 0, sizeof j);
    j.a = opts ? opts->allocator : NULL;
    pledge__table_init(&j.keys, j.a);
    j.max_depth = opts ? opts->max_depth : PLEDGE_DEFAULT_MAX_DEPTH;
    j.tree = pledge__tree_new(j.a, name, 0);
    if (!j.tree)
        return PLEDGE_ENOMEM;
    j.name = j.tree->name;
    j.diags = diags;
    j.truncated = truncated;
    j.s = (const unsigned char *)(data ? data : "");
    j.end = j.s + len;
    j.p = j.s;
    j.line = 1;
    if (len >= 3 && memcmp(j.s, "\xEF\xBB\xBF", 3) == 0)
        j.p += 3; /* like libyaml, the BOM takes no column */
    j.line_start = j.p;

    rc = parse(&j);

    pledge__free(j.a, j.frames);
    pledge__free(j.a, j.scratch);
    pledge__table_free(&j.keys);
    pledge__free(j.a, j.numbuf);
    if (rc < 0) {
        pledge_tree_free(j.tree);
        return rc;
    }
    *out = j.tree;
    return PLEDGE_OK;
}
