/* SPDX-License-Identifier: MIT */
#include "uri.h"
#include "node/tree.h"

#include <ctype.h>
#include <string.h>
#include <unistd.h>

/* The five components of RFC 3986 section 3; each "has_" says whether the
 * delimiter was present (an empty query differs from no query). */
typedef struct uri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_len, auth_len, path_len, query_len, frag_len;
    int has_scheme, has_auth, has_query, has_frag;
} uri_parts;

static size_t scheme_length(const char *s)
{
    size_t i;
    if (!isalpha((unsigned char)s[0]))
        return 0;
    for (i = 1; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':')
            return i;
        if (!isalnum(c) && c != '+' && c != '-' && c != '.')
            return 0;
    }
    return 0;
}

int pledge__uri_has_scheme(const char *s)
{
    return s && scheme_length(s) > 0;
}

size_t pledge__uri_strip_fragment(const char *s)
{
    const char *h = strchr(s, '#');
    return h ? (size_t)(h - s) : strlen(s);
}

static void parse(uri_parts *p, const char *s)
{
    size_t n = scheme_length(s), i;
    memset(p, 0, sizeof *p);
    if (n) {
        p->has_scheme = 1;
        p->scheme = s;
        p->scheme_len = n;
        s += n + 1;
    }
    if (s[0] == '/' && s[1] == '/') {
        s += 2;
        p->has_auth = 1;
        p->auth = s;
        for (i = 0; s[i] && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
            ;
        p->auth_len = i;
        s += i;
    }
    p->path = s;
    for (i = 0; s[i] && s[i] != '?' && s[i] != '#'; i++)
        ;
    p->path_len = i;
    s += i;
    if (*s == '?') {
        s++;
        p->has_query = 1;
        p->query = s;
        for (i = 0; s[i] && s[i] != '#'; i++)
            ;
        p->query_len = i;
        s += i;
    }
    if (*s == '#') {
        s++;
        p->has_frag = 1;
        p->frag = s;
        p->frag_len = strlen(s);
    }
}

/* RFC 3986 section 5.2.4, appending the result to @p out. */
static void remove_dots(pledge_buf *out, const char *in, size_t len)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < len) {
        const char *p = in + i;
        size_t rest = len - i;
        if (rest >= 3 && memcmp(p, "../", 3) == 0) {
            i += 3;
        } else if (rest >= 2 && memcmp(p, "./", 2) == 0) {
            i += 2;
        } else if (rest >= 3 && memcmp(p, "/./", 3) == 0) {
            i += 2;
        } else if (rest == 2 && memcmp(p, "/.", 2) == 0) {
            /* "/." at the end becomes "/" */
            pledge__buf_putc(out, '/');
            i += 2;
        } else if ((rest >= 4 && memcmp(p, "/../", 4) == 0) ||
                   (rest == 3 && memcmp(p, "/..", 3) == 0)) {
            /* drop the last output segment */
            while (out->len > start && out->data[out->len - 1] != '/')
                out->len--;
            if (out->len > start)
                out->len--;
            if (out->data)
                out->data[out->len] = '\0';
            if (rest == 3) {
                pledge__buf_putc(out, '/');
                i += 3;
            } else {
                i += 3;
            }
        } else if ((rest == 1 && p[0] == '.') || (rest == 2 && memcmp(p, "..", 2) == 0)) {
            i += rest;
        } else {
            size_t j = p[0] == '/' ? 1 : 0;
            while (j < rest && p[j] != '/')
                j++;
            pledge__buf_append(out, p, j);
            i += j;
        }
    }
}

static void put_lower(pledge_buf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        pledge__buf_putc(out, (char)tolower((unsigned char)s[i]));
}

/* Lowercase the host but not the user information before an '@'. */
static void put_authority(pledge_buf *out, const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    if (at) {
        size_t u = (size_t)(at - s) + 1;
        pledge__buf_append(out, s, u);
        s += u;
        len -= u;
    }
    put_lower(out, s, len);
}

void pledge__uri_resolve(pledge_buf *out, const char *base, const char *ref)
{
    uri_parts b, r;
    const char *bs = base && pledge__uri_has_scheme(base) ? base : "urn:pledge:anonymous";
    parse(&b, bs);
    parse(&r, ref ? ref : "");

    if (r.has_scheme) {
        put_lower(out, r.scheme, r.scheme_len);
        pledge__buf_putc(out, ':');
        if (r.has_auth) {
            pledge__buf_puts(out, "//");
            put_authority(out, r.auth, r.auth_len);
        }
        remove_dots(out, r.path, r.path_len);
        if (r.has_query) {
            pledge__buf_putc(out, '?');
            pledge__buf_append(out, r.query, r.query_len);
        }
    } else {
        put_lower(out, b.scheme, b.scheme_len);
        pledge__buf_putc(out, ':');
        if (r.has_auth) {
            pledge__buf_puts(out, "//");
            put_authority(out, r.auth, r.auth_len);
            remove_dots(out, r.path, r.path_len);
            if (r.has_query) {
                pledge__buf_putc(out, '?');
                pledge__buf_append(out, r.query, r.query_len);
            }
        } else {
            if (b.has_auth) {
                pledge__buf_puts(out, "//");
                put_authority(out, b.auth, b.auth_len);
            }
            if (r.path_len == 0) {
                pledge__buf_append(out, b.path, b.path_len);
                if (r.has_query) {
                    pledge__buf_putc(out, '?');
                    pledge__buf_append(out, r.query, r.query_len);
                } else if (b.has_query) {
                    pledge__buf_putc(out, '?');
                    pledge__buf_append(out, b.query, b.query_len);
                }
            } else {
                if (r.path[0] == '/') {
                    remove_dots(out, r.path, r.path_len);
                } else {
                    /* merge (5.2.3), then remove dot segments */
                    pledge_buf m;
                    pledge__buf_init(&m, out->allocator);
                    if (b.has_auth && b.path_len == 0) {
                        pledge__buf_putc(&m, '/');
                    } else {
                        size_t k = b.path_len;
                        while (k > 0 && b.path[k - 1] != '/')
                            k--;
                        pledge__buf_append(&m, b.path, k);
                    }
                    pledge__buf_append(&m, r.path, r.path_len);
                    if (m.failed)
                        out->failed = 1;
                    else
                        remove_dots(out, m.data, m.len);
                    pledge__buf_free(&m);
                }
                if (r.has_query) {
                    pledge__buf_putc(out, '?');
                    pledge__buf_append(out, r.query, r.query_len);
                }
            }
        }
    }
    if (r.has_frag) {
        pledge__buf_putc(out, '#');
        pledge__buf_append(out, r.frag, r.frag_len);
    }
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void pledge__uri_pct_decode(pledge_buf *out, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        int h = -1, l = -1;
        if (s[i] == '%' && i + 2 < len) {
            h = hexval(s[i + 1]);
            l = hexval(s[i + 2]);
        }
        if (h >= 0 && l >= 0) {
            pledge__buf_putc(out, (char)(h * 16 + l));
            i += 2;
        } else {
            pledge__buf_putc(out, s[i]);
        }
    }
}

/* Characters kept as they are in a file: URI path. */
static int path_char_ok(unsigned char c)
{
    return isalnum(c) || strchr("-._~/!$&'()*+,;=:@", c) != NULL;
}

void pledge__uri_from_path(pledge_buf *out, const char *path)
{
    pledge_buf abs;
    size_t i;
    pledge__buf_init(&abs, out->allocator);
    if (path[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) {
            pledge__buf_puts(&abs, cwd);
            pledge__buf_putc(&abs, '/');
        }
    }
    pledge__buf_puts(&abs, path);
    if (abs.failed) {
        out->failed = 1;
        pledge__buf_free(&abs);
        return;
    }
    pledge__buf_puts(out, "file://");
    {
        /* encode, then remove "." and ".." segments by resolution */
        pledge_buf enc;
        pledge__buf_init(&enc, out->allocator);
        for (i = 0; i < abs.len; i++) {
            unsigned char c = (unsigned char)abs.data[i];
            if (path_char_ok(c))
                pledge__buf_putc(&enc, (char)c);
            else
                pledge__buf_printf(&enc, "%%%02X", c);
        }
        if (enc.failed)
            out->failed = 1;
        else
            remove_dots(out, enc.data, enc.len);
        pledge__buf_free(&enc);
    }
    pledge__buf_free(&abs);
}

int pledge__uri_to_path(pledge_buf *out, const char *uri)
{
    uri_parts p;
    parse(&p, uri);
    if (!p.has_scheme || p.scheme_len != 4 || strncmp(p.scheme, "file", 4) != 0)
        return -1;
    if (p.has_auth && p.auth_len != 0 &&
        !(p.auth_len == 9 && strncmp(p.auth, "localhost", 9) == 0))
        return -1;
    if (p.path_len == 0 || p.path[0] != '/')
        return -1;
    pledge__uri_pct_decode(out, p.path, p.path_len);
    return 0;
}

