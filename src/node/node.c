/* SPDX-License-Identifier: MIT */
#include "tree.h"
#include "core/alloc.h"
#include "core/table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pledge_tree *pledge__tree_new(const pledge_allocator *allocator, const char *name,
                              size_t index)
{
    return pledge__tree_new_sized(allocator, name, index, 0);
}

pledge_tree *pledge__tree_new_sized(const pledge_allocator *allocator, const char *name,
                                    size_t index, size_t hint)
{
    pledge_tree *t = pledge__calloc(allocator, 1, sizeof *t);
    size_t name_len = name ? strlen(name) : 0;
    if (!t)
        return NULL;
    t->allocator = allocator;
    t->index = index;
    pledge__arena_init(&t->arena, allocator);
    if (hint && (hint > SIZE_MAX - name_len - 64 ||
                 pledge__arena_reserve(&t->arena, hint + name_len + 64))) {
        pledge__free(allocator, t);
        return NULL;
    }
    t->name = pledge__arena_strndup(&t->arena, name ? name : "", name ? strlen(name) : 0);
    if (!t->name) {
        pledge_tree_free(t);
        return NULL;
    }
    return t;
}

void pledge_tree_free(pledge_tree *tree)
{
    if (!tree)
        return;
    pledge__arena_free(&tree->arena);
    pledge__free(tree->allocator, tree);
}

const pledge_node *pledge_tree_root(const pledge_tree *tree)
{
    return tree ? tree->root : NULL;
}

size_t pledge_tree_index(const pledge_tree *tree)
{
    return tree ? tree->index : 0;
}

const char *pledge_tree_name(const pledge_tree *tree)
{
    return tree && tree->name ? tree->name : "";
}

size_t pledge_tree_error_count(const pledge_tree *tree)
{
    return tree ? tree->errors : 0;
}

size_t pledge_tree_memory(const pledge_tree *tree)
{
    return tree ? sizeof *tree + tree->arena.total : 0;
}

pledge_node *pledge__node_new(pledge_tree *tree, pledge_node_type type, pledge_mark mark)
{
    pledge_node *n = pledge__arena_alloc(&tree->arena, sizeof *n);
    if (n)
        pledge__node_init(n, type, mark);
    return n;
}

int pledge__int_from_digits(pledge_tree *tree, const char *digits, size_t len, int base,
                            int negative, int64_t *value, int *big, const char **text)
{
    /* Accumulate in uint64 while it fits; beyond, convert to decimal with a
     * digit array (rare: integers beyond 64 bits). */
    uint64_t acc = 0, limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    size_t i, k;
    int overflow = 0;
    char *out;

    while (len > 1 && digits[0] == '0') {
        digits++;
        len--;
    }
    for (i = 0; i < len; i++) {
        char c = digits[i];
        unsigned d = (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
        if (acc > (limit - d) / (unsigned)base) {
            overflow = 1;
            break;
        }
        acc = acc * (unsigned)base + d;
    }
    *big = overflow;
    if (!overflow) {
        char tmp[24];
        size_t n = 0;
        uint64_t v = acc;
        if (negative && acc != 0)
            *value = acc == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)acc;
        else
            *value = (int64_t)acc;
        do {
            tmp[n++] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        out = pledge__arena_alloc(&tree->arena, n + 2);
        if (!out)
            return PLEDGE_ENOMEM;
        k = 0;
        if (negative && acc != 0)
            out[k++] = '-';
        while (n)
            out[k++] = tmp[--n];
        out[k] = '\0';
        *text = out;
        return PLEDGE_OK;
    } else if (base == 10) {
        /* The canonical text is the digits themselves: linear, however
         * long the integer. */
        out = pledge__arena_alloc(&tree->arena, len + 2);
        if (!out)
            return PLEDGE_ENOMEM;
        k = 0;
        if (negative)
            out[k++] = '-';
        memcpy(out + k, digits, len);
        out[k + len] = '\0';
        *value = negative ? INT64_MIN : INT64_MAX;
        *text = out;
        return PLEDGE_OK;
    } else {
        /* Base 8 or 16 to decimal, in limbs of 10^9 (least significant
         * first), taking the digits in chunks that fit 28 bits: quadratic,
         * which is why the readers refuse more than
         * PLEDGE__RADIX_DIGITS_MAX digits before calling this. */
        size_t cap = len * 4 / 29 + 2, n = 1, per = base == 16 ? 7 : 9;
        uint32_t *limb = pledge__malloc(tree->allocator, cap * sizeof *limb);
        char *w;
        if (!limb)
            return PLEDGE_ENOMEM;
        limb[0] = 0;
        for (i = 0; i < len;) {
            size_t take = len - i < per ? len - i : per, j;
            uint64_t chunk = 0, mul = 1, carry;
            for (j = 0; j < take; j++, i++) {
                char c = digits[i];
                chunk = chunk * (unsigned)base +
                        (unsigned)(c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
                mul *= (unsigned)base;
            }
            carry = chunk;
            for (k = 0; k < n; k++) {
                uint64_t x = (uint64_t)limb[k] * mul + carry;
                limb[k] = (uint32_t)(x % 1000000000u);
                carry = x / 1000000000u;
            }
            while (carry) {
                limb[n++] = (uint32_t)(carry % 1000000000u);
                carry /= 1000000000u;
            }
        }
        out = pledge__arena_alloc(&tree->arena, n * 9 + 2);
        if (!out) {
            pledge__free(tree->allocator, limb);
            return PLEDGE_ENOMEM;
        }
        w = out;
        if (negative)
            *w++ = '-';
        w += sprintf(w, "%u", (unsigned)limb[n - 1]);
        for (k = n - 1; k-- > 0;)
            w += sprintf(w, "%09u", (unsigned)limb[k]);
        pledge__free(tree->allocator, limb);
        *value = negative ? INT64_MIN : INT64_MAX;
        *text = out;
        return PLEDGE_OK;
    }
}

pledge_node_type pledge_node_type_of(const pledge_node *node)
{
    return node ? (pledge_node_type)node->type : PLEDGE_NODE_NULL;
}

const char *pledge_node_type_name(pledge_node_type type)
{
    switch (type) {
    case PLEDGE_NODE_NULL: return "null";
    case PLEDGE_NODE_BOOL: return "boolean";
    case PLEDGE_NODE_INT: return "integer";
    case PLEDGE_NODE_FLOAT: return "number";
    case PLEDGE_NODE_STRING: return "string";
    case PLEDGE_NODE_SEQUENCE: return "array";
    case PLEDGE_NODE_MAPPING: return "object";
    }
    return "unknown";
}

pledge_mark pledge_node_mark(const pledge_node *node)
{
    pledge_mark m = { 0, 0, 0 };
    if (node) {
        m.line = node->line;
        m.column = node->column;
        m.offset = node->offset;
    }
    return m;
}

unsigned int pledge_node_flags(const pledge_node *node)
{
    return node ? node->flags : 0;
}

int pledge_node_bool(const pledge_node *node)
{
    return node && node->type == PLEDGE_NODE_BOOL && node->u.b;
}

int pledge_node_int64(const pledge_node *node, int64_t *out)
{
    if (!node || node->type != PLEDGE_NODE_INT || !out)
        return PLEDGE_EARG;
    *out = node->u.i.v;
    return node->flags & PLEDGE_NODE_BIGINT ? PLEDGE_ERANGE : PLEDGE_OK;
}

const char *pledge_node_int_text(const pledge_node *node, size_t *len)
{
    if (!node || node->type != PLEDGE_NODE_INT)
        return NULL;
    if (len)
        *len = strlen(node->u.i.text);
    return node->u.i.text;
}

double pledge_node_number(const pledge_node *node)
{
    if (!node)
        return 0;
    if (node->type == PLEDGE_NODE_FLOAT)
        return node->u.d;
    if (node->type == PLEDGE_NODE_INT)
        return node->flags & PLEDGE_NODE_BIGINT ? strtod(node->u.i.text, NULL)
                                                : (double)node->u.i.v;
    return 0;
}

const char *pledge_node_string(const pledge_node *node, size_t *len)
{
    if (!node || node->type != PLEDGE_NODE_STRING)
        return NULL;
    if (len)
        *len = node->u.s.len;
    return node->u.s.ptr;
}

size_t pledge_node_size(const pledge_node *node)
{
    if (!node)
        return 0;
    if (node->type == PLEDGE_NODE_SEQUENCE)
        return node->u.seq.count;
    if (node->type == PLEDGE_NODE_MAPPING)
        return node->u.map.count;
    return 0;
}

const pledge_node *pledge_node_item(const pledge_node *node, size_t index)
{
    if (!node || node->type != PLEDGE_NODE_SEQUENCE || index >= node->u.seq.count)
        return NULL;
    return node->u.seq.items[index];
}

const pledge_node *pledge_node_key(const pledge_node *node, size_t index)
{
    if (!node || node->type != PLEDGE_NODE_MAPPING || index >= node->u.map.count)
        return NULL;
    return node->u.map.pairs[index].key;
}

const pledge_node *pledge_node_value(const pledge_node *node, size_t index)
{
    if (!node || node->type != PLEDGE_NODE_MAPPING || index >= node->u.map.count)
        return NULL;
    return node->u.map.pairs[index].value;
}

const pledge_node *pledge_node_find(const pledge_node *node, const char *key, size_t len,
                                    size_t *index_out)
{
    size_t i;
    if (!node || node->type != PLEDGE_NODE_MAPPING || (!key && len))
        return NULL;
    for (i = 0; i < node->u.map.count; i++) {
        const pledge_node *k = node->u.map.pairs[i].key;
        if (k->u.s.len == len && (len == 0 || memcmp(k->u.s.ptr, key, len) == 0)) {
            if (index_out)
                *index_out = i;
            return node->u.map.pairs[i].value;
        }
    }
    return NULL;
}

const pledge_node *pledge_node_get(const pledge_node *node, const char *key, size_t len)
{
    return pledge_node_find(node, key, len, NULL);
}

pledge_yaml11 pledge_node_yaml11(const pledge_node *node)
{
    return node ? (pledge_yaml11)node->yaml11 : PLEDGE_YAML11_NONE;
}

const char *pledge_node_yaml11_reading(const pledge_node *node)
{
    if (!node || node->yaml11 == PLEDGE_YAML11_NONE)
        return NULL;
    if (node->type == PLEDGE_NODE_STRING)
        return node->u.s.ptr + node->u.s.len + 1;
    if (node->type == PLEDGE_NODE_INT)
        return node->u.i.text + strlen(node->u.i.text) + 1;
    return NULL;
}

/* ---- equality ------------------------------------------------------ */

static int is_number(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_INT || n->type == PLEDGE_NODE_FLOAT;
}

int pledge__double_integer_text(double d, char *buf, size_t size)
{
    if (!isfinite(d) || floor(d) != d || size < 320)
        return 0;
    /* glibc prints integral doubles exactly: up to 309 digits */
    snprintf(buf, size, "%.0f", d == 0 ? 0.0 : d);
    return 1;
}

/* A big integer equals a double only when the double is that integer
 * exactly (100000000000000000000 == 1e20). */
static int bigint_equals_double(const char *text, double d)
{
    char buf[400];
    return pledge__double_integer_text(d, buf, sizeof buf) && strcmp(buf, text) == 0;
}

static int numbers_equal(const pledge_node *a, const pledge_node *b)
{
    if (a->type == PLEDGE_NODE_INT && b->type == PLEDGE_NODE_INT)
        return strcmp(a->u.i.text, b->u.i.text) == 0;
    if (a->type == PLEDGE_NODE_INT && (a->flags & PLEDGE_NODE_BIGINT))
        return bigint_equals_double(a->u.i.text, b->u.d);
    if (b->type == PLEDGE_NODE_INT && (b->flags & PLEDGE_NODE_BIGINT))
        return bigint_equals_double(b->u.i.text, a->u.d);
    if (a->type == PLEDGE_NODE_INT && b->type == PLEDGE_NODE_FLOAT)
        return (double)a->u.i.v == b->u.d && b->u.d >= -9223372036854775808.0 &&
               b->u.d < 9223372036854775808.0 && (int64_t)b->u.d == a->u.i.v;
    if (a->type == PLEDGE_NODE_FLOAT && b->type == PLEDGE_NODE_INT)
        return numbers_equal(b, a);
    /* NaN equals NaN here: equality of trees, not IEEE comparison. */
    return a->u.d == b->u.d || (a->u.d != a->u.d && b->u.d != b->u.d);
}

/* Scalars compare here; containers only by type and size. */
static int shallow_equal(const pledge_node *a, const pledge_node *b)
{
    if (is_number(a) && is_number(b))
        return numbers_equal(a, b);
    if (a->type != b->type)
        return 0;
    switch ((pledge_node_type)a->type) {
    case PLEDGE_NODE_NULL: return 1;
    case PLEDGE_NODE_BOOL: return !a->u.b == !b->u.b;
    case PLEDGE_NODE_STRING:
        return a->u.s.len == b->u.s.len && memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
    case PLEDGE_NODE_SEQUENCE: return a->u.seq.count == b->u.seq.count;
    case PLEDGE_NODE_MAPPING: return a->u.map.count == b->u.map.count;
    default: return 0;
    }
}

typedef struct eq_frame {
    const pledge_node *a, *b;
    size_t next;
} eq_frame;

int pledge_node_equal(const pledge_node *a, const pledge_node *b)
{
    /* Depth-first with an explicit stack: no recursion, any depth. */
    eq_frame small[32], *stack = small;
    size_t depth = 0, cap = 32;
    int result = 1;
    pledge__table index; /* keys of b's large mappings; ns: the mapping */

    if (!a || !b)
        return a == b;
    if (!shallow_equal(a, b))
        return 0;
    if (a->type != PLEDGE_NODE_SEQUENCE && a->type != PLEDGE_NODE_MAPPING)
        return 1;
    pledge__table_init(&index, NULL);
    stack[depth++] = (eq_frame){ a, b, 0 };
    while (depth && result) {
        eq_frame *f = &stack[depth - 1];
        const pledge_node *x, *y;
        if (f->a == f->b || f->next == pledge_node_size(f->a)) {
            depth--;
            continue;
        }
        if (f->a->type == PLEDGE_NODE_SEQUENCE) {
            x = f->a->u.seq.items[f->next];
            y = f->b->u.seq.items[f->next];
        } else {
            const pledge_node *k = f->a->u.map.pairs[f->next].key;
            x = f->a->u.map.pairs[f->next].value;
            if (f->b->u.map.count > 16) {
                /* large mappings: one index of b's keys, not a scan per
                 * key (quadratic for a hostile const or enum) */
                if (!pledge__table_get(&index, (uintptr_t)f->b + 1, "", 0)) {
                    size_t i;
                    int bad = 0;
                    for (i = 0; i < f->b->u.map.count && !bad; i++) {
                        const pledge_node *bk = f->b->u.map.pairs[i].key;
                        bad = pledge__table_put(&index, (uintptr_t)f->b, bk->u.s.ptr,
                                                bk->u.s.len, f->b->u.map.pairs[i].value, NULL);
                    }
                    if (bad || pledge__table_put(&index, (uintptr_t)f->b + 1, "", 0,
                                                 (void *)f->b, NULL)) {
                        result = 0; /* cannot decide; documented as "not equal" */
                        break;
                    }
                }
                y = pledge__table_get(&index, (uintptr_t)f->b, k->u.s.ptr, k->u.s.len);
            } else {
                y = pledge_node_get(f->b, k->u.s.ptr, k->u.s.len);
            }
            if (!y) {
                result = 0;
                break;
            }
        }
        f->next++;
        if (!shallow_equal(x, y)) {
            result = 0;
            break;
        }
        if (x->type == PLEDGE_NODE_SEQUENCE || x->type == PLEDGE_NODE_MAPPING) {
            if (depth == cap) {
                eq_frame *bigger;
                if (cap > SIZE_MAX / 2 / sizeof *stack) {
                    result = 0;
                    break;
                }
                bigger = malloc(cap * 2 * sizeof *stack);
                if (!bigger) {
                    result = 0; /* cannot decide; documented as "not equal" */
                    break;
                }
                memcpy(bigger, stack, depth * sizeof *stack);
                if (stack != small)
                    free(stack);
                stack = bigger;
                cap *= 2;
            }
            stack[depth++] = (eq_frame){ x, y, 0 };
        }
    }
    if (stack != small)
        free(stack);
    pledge__table_free(&index);
    return result;
}
