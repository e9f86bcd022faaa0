/* SPDX-License-Identifier: MIT */
/* The one deep copy of nodes and trees: a document or a schema keeps its
 * own copy of a borrowed tree, and the YAML reader moves a document into an
 * arena of the right size. Iterative, so any depth is safe, and linear: a
 * collection reached more than once (a YAML alias shares its anchor's
 * node) is copied once and shared in the copy, as in the source, so an
 * alias-heavy tree does not grow when copied (a shared scalar is copied
 * once per use, which the source's arrays already pay for; a move shares
 * it too). Parents are copied before children;
 * nodes, strings and arrays are packed at their own alignment. */
#include "tree.h"
#include "core/alloc.h"
#include "core/table.h"

#include <string.h>

/* yaml11 of a moved source node; its u.seq.items then points to the copy */
#define MOVED 0xFFu

typedef struct copier {
    pledge_arena *arena;
    const pledge_allocator *allocator;
    int move;             /* the source is consumed: a copied node forwards */
    pledge__table seen;   /* !move: source collection -> its copy */
    pledge_node **stack;  /* copies whose children are still the source's */
    size_t depth, cap;
} copier;

static int is_collection(const pledge_node *n)
{
    return n->type == PLEDGE_NODE_SEQUENCE || n->type == PLEDGE_NODE_MAPPING;
}

/* A copy of @p text's bytes: @p len, its NUL and, after a YAML 1.1 reading
 * (yaml11), the words of that reading with their NUL. */
static const char *copy_text(copier *k, const char *text, size_t len, int yaml11)
{
    size_t size = len + 1 + (yaml11 ? strlen(text + len + 1) + 1 : 0);
    char *p = pledge__arena_alloc_packed(k->arena, size, 1);
    if (p)
        memcpy(p, text, size);
    return p;
}

/* The copy of @p n: made now (a collection's children are still the
 * source's and it is queued to copy them) or earlier (shared). NULL for
 * lack of memory. @p n is written to only when moving. */
static pledge_node *copy_one(copier *k, pledge_node *n)
{
    pledge_node *c;
    int shared = is_collection(n) && pledge_node_size(n) > 0;
    if (k->move) {
        if (n->yaml11 == MOVED)
            return (pledge_node *)(void *)n->u.seq.items;
    } else if (shared && (c = pledge__table_get(&k->seen, (uintptr_t)n, "", 0))) {
        return c;
    }
    if (!(c = pledge__arena_alloc_packed(k->arena, sizeof *c, _Alignof(pledge_node))))
        return NULL;
    *c = *n;
    if (n->type == PLEDGE_NODE_STRING) {
        if (!(c->u.s.ptr = copy_text(k, n->u.s.ptr, n->u.s.len, n->yaml11)))
            return NULL;
    } else if (n->type == PLEDGE_NODE_INT) {
        if (!(c->u.i.text = copy_text(k, n->u.i.text, strlen(n->u.i.text), n->yaml11)))
            return NULL;
    } else if (shared) {
        if (k->depth == k->cap &&
            pledge__grow(k->allocator, (void **)&k->stack, &k->cap, k->depth + 1,
                         sizeof *k->stack))
            return NULL;
        k->stack[k->depth++] = c;
    }
    if (k->move) {
        n->yaml11 = MOVED;
        n->u.seq.items = (pledge_node **)(void *)c;
    } else if (shared && pledge__table_put(&k->seen, (uintptr_t)n, "", 0, c, NULL)) {
        return NULL;
    }
    return c;
}

/* Give each queued copy its own children, copying them in turn. */
static int copy_children(copier *k)
{
    size_t i;
    while (k->depth) {
        pledge_node *c = k->stack[--k->depth];
        if (c->type == PLEDGE_NODE_SEQUENCE) {
            pledge_node **items = pledge__arena_alloc_packed(
                k->arena, c->u.seq.count * sizeof *items, _Alignof(pledge_node *));
            if (!items)
                return PLEDGE_ENOMEM;
            for (i = 0; i < c->u.seq.count; i++)
                if (!(items[i] = copy_one(k, c->u.seq.items[i])))
                    return PLEDGE_ENOMEM;
            c->u.seq.items = items;
        } else {
            pledge_pair *pairs = pledge__arena_alloc_packed(
                k->arena, c->u.map.count * sizeof *pairs, _Alignof(pledge_pair));
            if (!pairs)
                return PLEDGE_ENOMEM;
            for (i = 0; i < c->u.map.count; i++)
                if (!(pairs[i].key = copy_one(k, c->u.map.pairs[i].key)) ||
                    !(pairs[i].value = copy_one(k, c->u.map.pairs[i].value)))
                    return PLEDGE_ENOMEM;
            c->u.map.pairs = pairs;
        }
    }
    return PLEDGE_OK;
}

static int copy(pledge_node **out, pledge_arena *arena, pledge_node *node,
                const pledge_allocator *allocator, int move)
{
    copier k;
    int rc;
    memset(&k, 0, sizeof k);
    k.arena = arena;
    k.allocator = allocator;
    k.move = move;
    pledge__table_init(&k.seen, allocator);
    *out = copy_one(&k, node);
    rc = *out ? copy_children(&k) : PLEDGE_ENOMEM;
    pledge__table_free(&k.seen);
    pledge__free(allocator, k.stack);
    if (rc)
        *out = NULL;
    return rc;
}

int pledge__node_copy(pledge_node **out, pledge_arena *arena, const pledge_node *node,
                      const pledge_allocator *allocator)
{
    /* not moving: the source is only read (the cast is for copy_one's
     * moving case) */
    return copy(out, arena, (pledge_node *)node, allocator, 0);
}

int pledge__node_move(pledge_node **out, pledge_arena *arena, pledge_node *node,
                      const pledge_allocator *allocator)
{
    return copy(out, arena, node, allocator, 1);
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
