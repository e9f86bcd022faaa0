/* SPDX-License-Identifier: MIT */
/* The words of validation messages: values and types as people read them,
 * and the "did you mean" suggestion for a misspelled property. */
#include "internal.h"
#include "number.h"

#include <ctype.h>
#include <string.h>

void pledge__msg_literal(pledge_buf *b, const pledge_node *n)
{
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL: pledge__buf_puts(b, "null"); break;
    case PLEDGE_NODE_BOOL: pledge__buf_puts(b, n->u.b ? "true" : "false"); break;
    case PLEDGE_NODE_INT:
    case PLEDGE_NODE_FLOAT: pledge__num_format(b, n); break;
    case PLEDGE_NODE_STRING: pledge__buf_quote(b, n->u.s.ptr, n->u.s.len, 60); break;
    case PLEDGE_NODE_SEQUENCE: pledge__buf_puts(b, n->u.seq.count ? "[...]" : "[]"); break;
    case PLEDGE_NODE_MAPPING: pledge__buf_puts(b, n->u.map.count ? "{...}" : "{}"); break;
    }
}

void pledge__msg_value(pledge_buf *b, const pledge_node *n)
{
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_NULL:
        pledge__buf_puts(b, "null");
        break;
    case PLEDGE_NODE_SEQUENCE:
        pledge__buf_printf(b, "an array of %zu item%s", n->u.seq.count,
                           n->u.seq.count == 1 ? "" : "s");
        break;
    case PLEDGE_NODE_MAPPING:
        pledge__buf_puts(b, "an object");
        break;
    default:
        pledge__buf_puts(b, pledge_node_type_name((pledge_node_type)n->type));
        pledge__buf_putc(b, ' ');
        pledge__msg_literal(b, n);
        break;
    }
}

void pledge__msg_types(pledge_buf *b, unsigned int mask)
{
    static const struct { unsigned int bit; const char *name; } t[] = {
        { TY_OBJ, "object" }, { TY_ARR, "array" }, { TY_STR, "string" },
        { TY_NUM, "number" }, { TY_INT, "integer" }, { TY_BOOL, "boolean" },
        { TY_NULL, "null" }
    };
    size_t i, n = 0, total = 0;
    if ((mask & TY_NUM) && (mask & TY_INT))
        mask &= ~TY_INT; /* "number" already admits integers */
    for (i = 0; i < sizeof t / sizeof t[0]; i++)
        total += (mask & t[i].bit) != 0;
    if (total == 0) {
        pledge__buf_puts(b, "no type at all");
        return;
    }
    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        if (!(mask & t[i].bit))
            continue;
        if (n)
            pledge__buf_puts(b, n + 1 == total ? " or " : ", ");
        pledge__buf_puts(b, t[i].name);
        n++;
    }
}

/* Edit distance with adjacent transpositions (optimal string alignment),
 * case-insensitive; gives up beyond 64 bytes. */
static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
    size_t d[65][65], i, j;
    if (la > 64 || lb > 64)
        return (size_t)-1;
    for (i = 0; i <= la; i++)
        d[i][0] = i;
    for (j = 0; j <= lb; j++)
        d[0][j] = j;
    for (i = 1; i <= la; i++) {
        for (j = 1; j <= lb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

typedef struct suggestion {
    const char *best;
    size_t len;
    size_t dist;
} suggestion;

/* Declared properties of @p s and of the schemas it applies in place
 * (allOf, $ref, ...), a few levels deep: unevaluatedProperties sees them. */
static void consider(suggestion *g, const sch_node *s, const char *key, size_t len, int depth)
{
    uint32_t i;
    if (!s || s->boolean || depth > 4)
        return;
    for (i = 0; i < s->n_names; i++) {
        const sch_name *nm = &s->names[i];
        size_t d;
        if (!nm->prop)
            continue;
        d = distance(key, len, nm->s, nm->len);
        /* close, and not a rewrite of most of a short name */
        if (d <= 2 && d * 3 <= nm->len && d < g->dist) {
            g->best = nm->s;
            g->len = nm->len;
            g->dist = d;
        }
    }
    consider(g, s->ref, key, len, depth + 1);
    consider(g, s->dynref, key, len, depth + 1);
    for (i = 0; i < s->n_all_of; i++)
        consider(g, s->all_of[i], key, len, depth + 1);
    for (i = 0; i < s->n_any_of; i++)
        consider(g, s->any_of[i], key, len, depth + 1);
    for (i = 0; i < s->n_one_of; i++)
        consider(g, s->one_of[i], key, len, depth + 1);
    consider(g, s->then_, key, len, depth + 1);
    consider(g, s->else_, key, len, depth + 1);
}

const char *pledge__msg_suggest(const sch_node *s, const char *key, size_t len,
                                size_t *out_len)
{
    suggestion g = { NULL, 0, (size_t)-1 };
    consider(&g, s, key, len, 0);
    if (g.best && g.dist > 0) {
        *out_len = g.len;
        return g.best;
    }
    if (g.best && g.dist == 0 && (g.len != len || memcmp(g.best, key, len) != 0)) {
        *out_len = g.len; /* differs in case only */
        return g.best;
    }
    return NULL;
}
