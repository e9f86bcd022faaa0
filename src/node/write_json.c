/* SPDX-License-Identifier: MIT */
/* Trees to JSON text: an explicit-stack walk writing into a buffer that is
 * handed to the caller's sink when full. */
#include "tree.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUT_BUF 8192

typedef struct jwriter {
    pledge_write_fn write;
    void *ud;
    int failed; /* the sink refused: write nothing more */
    size_t len;
    char buf[OUT_BUF];
} jwriter;

typedef struct wframe {
    const pledge_node *node;
    size_t next; /* index of the next child to write */
} wframe;

typedef struct wstack {
    wframe small[32];
    wframe *frames;
    size_t depth, cap;
} wstack;

static void stack_init(wstack *s)
{
    s->frames = s->small;
    s->depth = 0;
    s->cap = sizeof s->small / sizeof *s->small;
}

static void stack_free(wstack *s)
{
    if (s->frames != s->small)
        pledge__free(NULL, s->frames);
}

static int stack_push(wstack *s, const pledge_node *n)
{
    if (s->depth == s->cap) {
        size_t cap = s->cap;
        wframe *f;
        if (s->frames == s->small) {
            f = pledge__malloc(NULL, 2 * cap * sizeof *f);
            if (!f)
                return PLEDGE_ENOMEM;
            memcpy(f, s->small, cap * sizeof *f);
            s->frames = f;
            s->cap = 2 * cap;
        } else if (pledge__grow(NULL, (void **)&s->frames, &s->cap, cap + 1, sizeof *f)) {
            return PLEDGE_ENOMEM;
        }
    }
    s->frames[s->depth].node = n;
    s->frames[s->depth].next = 0;
    s->depth++;
    return 0;
}

static int is_container(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_SEQUENCE || n->type == PLEDGE_NODE_MAPPING;
}

static const pledge_node *child(const pledge_node *n, size_t i)
{
    return n->type == PLEDGE_NODE_SEQUENCE ? n->u.seq.items[i] : n->u.map.pairs[i].value;
}

static size_t size_of(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_SEQUENCE ? n->u.seq.count : n->u.map.count;
}

/* PLEDGE_EINVALID if a float anywhere in the tree is not finite, so that
 * nothing is written for a tree JSON cannot hold. */
static int check_finite(const pledge_node *root)
{
    wstack s;
    int rc = 0;
    if (root->type == PLEDGE_NODE_FLOAT)
        return isfinite(root->u.d) ? 0 : PLEDGE_EINVALID;
    if (!is_container(root))
        return 0;
    stack_init(&s);
    rc = stack_push(&s, root);
    while (!rc && s.depth) {
        wframe *f = &s.frames[s.depth - 1];
        const pledge_node *c;
        if (f->next == size_of(f->node)) {
            s.depth--;
            continue;
        }
        c = child(f->node, f->next++);
        if (c->type == PLEDGE_NODE_FLOAT && !isfinite(c->u.d))
            rc = PLEDGE_EINVALID;
        else if (is_container(c) && size_of(c))
            rc = stack_push(&s, c);
    }
    stack_free(&s);
    return rc;
}

/* ---- output ---------------------------------------------------------- */

static void flush(jwriter *w)
{
    if (!w->failed && w->len && w->write(w->ud, w->buf, w->len) != 0)
        w->failed = 1;
    w->len = 0;
}

static void put(jwriter *w, const char *s, size_t n)
{
    if (n > OUT_BUF - w->len) {
        flush(w);
        if (n >= OUT_BUF) {
            if (!w->failed && w->write(w->ud, s, n) != 0)
                w->failed = 1;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void putc1(jwriter *w, char c)
{
    if (w->len == OUT_BUF)
        flush(w);
    w->buf[w->len++] = c;
}

static void put_string(jwriter *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    putc1(w, '"');
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        if (c >= 0x20 && c != '"' && c != '\\') {
            /* U+0085, U+2028 and U+2029 are escaped too: YAML tools count
             * them as line breaks (and JavaScript forbids two in strings). */
            if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85) {
                put(w, s + run, i - run);
                put(w, "\\u0085", 6);
                run = ++i + 1;
            } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                       ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
                put(w, s + run, i - run);
                put(w, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
                i += 2;
                run = i + 1;
            }
            continue;
        }
        put(w, s + run, i - run);
        run = i + 1;
        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            put(w, esc, 6);
            continue;
        }
        put(w, esc, 2);
    }
    put(w, s + run, len - run);
    putc1(w, '"');
}

/*
 * The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double. Formatting and reading back both use the current locale, which
 * agree with each other; the locale's decimal separator is then replaced
 * by '.', so the result does not depend on setlocale. A mantissa without a
 * point gets ".0" so that the text stays a float for YAML 1.1 and 1.2
 * readers alike ("1.0", "1.0e+300").
 */
static size_t format_double(double d, char *out, size_t cap)
{
    char tmp[64];
    size_t i, n = 0;
    int prec, point = 0;
    for (prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    for (i = 0; tmp[i] && n + 4 < cap; i++) {
        char c = tmp[i];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
            out[n++] = c;
        } else if (c == 'e' || c == 'E') {
            if (!point) {
                memcpy(out + n, ".0", 2);
                n += 2;
                point = 1;
            }
            out[n++] = 'e';
        } else if (!point) {
            /* The decimal separator, possibly several bytes long. */
            out[n++] = '.';
            point = 1;
        }
    }
    if (!point) {
        memcpy(out + n, ".0", 2);
        n += 2;
    }
    out[n] = '\0';
    return n;
}

static void put_scalar(jwriter *w, const pledge_node *n)
{
    char num[64];
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL: put(w, "null", 4); break;
    case PLEDGE_NODE_BOOL: n->u.b ? put(w, "true", 4) : put(w, "false", 5); break;
    case PLEDGE_NODE_INT: put(w, n->u.i.text, strlen(n->u.i.text)); break;
    case PLEDGE_NODE_FLOAT: put(w, num, format_double(n->u.d, num, sizeof num)); break;
    case PLEDGE_NODE_STRING: put_string(w, n->u.s.ptr, n->u.s.len); break;
    default: break;
    }
}

static void newline(jwriter *w, size_t depth)
{
    size_t i;
    putc1(w, '\n');
    for (i = 0; i < depth; i++)
        put(w, "  ", 2);
}

int pledge_node_write_json(const pledge_node *node, unsigned int flags, pledge_write_fn write,
                           void *ud)
{
    jwriter *w;
    wstack s;
    int pretty = (flags & PLEDGE_WRITE_PRETTY) != 0, rc;

    if (!node || !write)
        return PLEDGE_EARG;
    if ((rc = check_finite(node)) != 0)
        return rc;
    w = pledge__malloc(NULL, sizeof *w);
    if (!w)
        return PLEDGE_ENOMEM;
    w->write = write;
    w->ud = ud;
    w->failed = 0;
    w->len = 0;
    stack_init(&s);

    if (!is_container(node) || size_of(node) == 0) {
        if (node->type == PLEDGE_NODE_SEQUENCE)
            put(w, "[]", 2);
        else if (node->type == PLEDGE_NODE_MAPPING)
            put(w, "{}", 2);
        else
            put_scalar(w, node);
    } else {
        putc1(w, node->type == PLEDGE_NODE_SEQUENCE ? '[' : '{');
        rc = stack_push(&s, node);
    }
    while (!rc && s.depth && !w->failed) {
        wframe *f = &s.frames[s.depth - 1];
        const pledge_node *c;
        if (f->next == size_of(f->node)) {
            if (pretty)
                newline(w, s.depth - 1);
            putc1(w, f->node->type == PLEDGE_NODE_SEQUENCE ? ']' : '}');
            s.depth--;
            continue;
        }
        if (f->next)
            putc1(w, ',');
        if (pretty)
            newline(w, s.depth);
        if (f->node->type == PLEDGE_NODE_MAPPING) {
            const pledge_node *k = f->node->u.map.pairs[f->next].key;
            put_string(w, k->u.s.ptr, k->u.s.len);
            if (pretty)
                put(w, ": ", 2);
            else
                putc1(w, ':');
        }
        c = child(f->node, f->next++);
        if (is_container(c) && size_of(c)) {
            putc1(w, c->type == PLEDGE_NODE_SEQUENCE ? '[' : '{');
            rc = stack_push(&s, c);
        } else if (c->type == PLEDGE_NODE_SEQUENCE) {
            put(w, "[]", 2);
        } else if (c->type == PLEDGE_NODE_MAPPING) {
            put(w, "{}", 2);
        } else {
            put_scalar(w, c);
        }
    }
    if (!rc && pretty)
        putc1(w, '\n');
    if (!rc)
        flush(w);
    if (!rc && w->failed)
        rc = PLEDGE_EIO;
    stack_free(&s);
    pledge__free(NULL, w);
    return rc;
}
