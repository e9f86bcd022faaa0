/* SPDX-License-Identifier: MIT */
/* Deep copies of nodes and trees (a document or a schema keeps its own copy
 * of a borrowed tree). Iterative, so any depth is safe. Nodes shared
 * through aliases are copied once per use: the reader's alias expansion
 * limit bounds that. */
#include "tree.h"
#include "core/alloc.h"

#include <string.h>

typedef struct frame {
    const pledge_node *src;
    pledge_node *dst;
    size_t next;
} frame;

/* Copy @p n without its children (their slots are allocated, unset). */
static pledge_node *copy_node(pledge_arena *arena, const pledge_node *n)
{
    pledge_node *c = pledge__arena_alloc(arena, sizeof *c);
    if (!c)
        return NULL;
    *c = *n;
    switch ((pledge_node_type)n->type) {
    case PLEDGE_NODE_STRING: {
        /* The YAML 1.1 reading, if any, follows the string's NUL. */
        size_t len = n->u.s.len + 1;
        char *p;
        if (n->yaml11)
            len += strlen(n->u.s.ptr + n->u.s.len + 1) + 1;
        p = pledge__arena_alloc(arena, len);
        if (!p)
            return NULL;
        memcpy(p, n->u.s.ptr, len);
        c->u.s.ptr = p;
        break;
    }
    case PLEDGE_NODE_INT: {
        size_t len = strlen(n->u.i.text) + 1;
        char *p;
        if (n->yaml11)
            len += strlen(n->u.i.text + len) + 1;
        p = pledge__arena_alloc(arena, len);
        if (!p)
            return NULL;
        memcpy(p, n->u.i.text, len);
        c->u.i.text = p;
        break;
    }
    case PLEDGE_NODE_SEQUENCE:
        if (n->u.seq.count) {
            c->u.seq.items = pledge__arena_alloc(arena,
                                                 n->u.seq.count * sizeof *c->u.seq.items);
            if (!c->u.seq.items)
                return NULL;
        }
        break;
    case PLEDGE_NODE_MAPPING:
        if (n->u.map.count) {
            size_t i;
            c->u.map.pairs = pledge__arena_alloc(arena,
                                                 n->u.map.count * sizeof *c->u.map.pairs);
            if (!c->u.map.pairs)
                return NULL;
            for (i = 0; i < n->u.map.count; i++) {
                c->u.map.pairs[i].key = copy_node(arena, n->u.map.pairs[i].key);
                if (!c->u.map.pairs[i].key)
                    return NULL;
            }
        }
        break;
    default:
        break;
    }
    return c;
}

static int is_container(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_SEQUENCE || n->type == PLEDGE_NODE_MAPPING;
}

int pledge__node_copy(pledge_node **out, pledge_arena *arena, const pledge_node *node,
                      const pledge_allocator *allocator)
{
    frame *stack = NULL;
    size_t depth = 0, cap = 0;

    *out = copy_node(arena, node);
    if (!*out)
        return PLEDGE_ENOMEM;
    if (is_container(node)) {
        if (pledge__grow(allocator, (void **)&stack, &cap, 1, sizeof *stack))
            return PLEDGE_ENOMEM;
        stack[depth++] = (frame){ node, *out, 0 };
    }
    while (depth) {
        frame *f = &stack[depth - 1];
        const pledge_node *child;
        pledge_node *copy;
        if (f->next == pledge_node_size(f->src)) {
            depth--;
            continue;
        }
        child = f->src->type == PLEDGE_NODE_SEQUENCE ? f->src->u.seq.items[f->next]
                                                     : f->src->u.map.pairs[f->next].value;
        copy = copy_node(arena, child);
        if (!copy)
            goto nomem;
        if (f->src->type == PLEDGE_NODE_SEQUENCE)
            f->dst->u.seq.items[f->next] = copy;
        else
            f->dst->u.map.pairs[f->next].value = copy;
        f->next++;
        if (is_container(child)) {
            if (pledge__grow(allocator, (void **)&stack, &cap, depth + 1, sizeof *stack))
                goto nomem;
            stack[depth++] = (frame){ child, copy, 0 };
        }
    }
    pledge__free(allocator, stack);
    return PLEDGE_OK;
nomem:
    pledge__free(allocator, stack);
    *out = NULL;
    return PLEDGE_ENOMEM;
}

int pledge__tree_copy(pledge_tree **out, const pledge_tree *tree,
                      const pledge_allocator *allocator)
{
    pledge_tree *t;
    *out = NULL;
    t = pledge__tree_new(allocator, tree->name, tree->index);
    if (!t)
        return PLEDGE_ENOMEM;
    t->errors = tree->errors;
    if (tree->root && pledge__node_copy(&t->root, &t->arena, tree->root, allocator)) {
        pledge_tree_free(t);
        return PLEDGE_ENOMEM;
    }
    *out = t;
    return PLEDGE_OK;
}
