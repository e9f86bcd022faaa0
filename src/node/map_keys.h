/* SPDX-License-Identifier: MIT */
/* Internal: the readers' duplicate-key check for the mappings they build
 * (map_keys.c), one rule for YAML and JSON. */
#ifndef PLEDGE_NODE_MAP_KEYS_H
#define PLEDGE_NODE_MAP_KEYS_H

#include "tree.h"
#include "core/table.h"

/* Mappings of fewer pairs than this are searched linearly. */
#define PLEDGE__MAP_KEYS_LINEAR 12

/*
 * The earlier key equal to @p key in the mapping @p map being built, or
 * NULL in *first when it is new. @p kv holds the @p npairs pairs read so
 * far, key then value (the readers' scratch stack); the caller appends
 * @p key next when it is new. A mapping of PLEDGE__MAP_KEYS_LINEAR pairs or
 * more has its keys in @p index, one table for every open mapping of a
 * document with the mapping as namespace, so chosen keys cannot make a
 * lookup slow (keyed hash) and each key is hashed once. The caller clears
 * @p index when the document's nodes may be reused (the namespace is the
 * node's address). @return 0 or PLEDGE_ENOMEM.
 */
static inline int pledge__map_key_seen(pledge__table *index, const pledge_node *map,
                                       pledge_node *const *kv, size_t npairs,
                                       const pledge_node *key, const pledge_node **first);

/* pledge__map_key_seen() for PLEDGE__MAP_KEYS_LINEAR pairs or more. */
int pledge__map_key_seen_indexed(pledge__table *index, const pledge_node *map,
                                 pledge_node *const *kv, size_t npairs, const pledge_node *key,
                                 const pledge_node **first);

/* Two key texts are equal. The first bytes are compared before memcmp:
 * keys of one mapping mostly differ there (texts end with a NUL, so [0]
 * is always there). */
static inline int pledge__map_key_same(const pledge_node *a, const pledge_node *b)
{
    return a->u.s.len == b->u.s.len && a->u.s.ptr[0] == b->u.s.ptr[0] &&
           memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
}

/* Inline: the readers ask for every key, and small mappings are most. */
static inline int pledge__map_key_seen(pledge__table *index, const pledge_node *map,
                                       pledge_node *const *kv, size_t npairs,
                                       const pledge_node *key, const pledge_node **first)
{
    size_t i;
    *first = NULL;
    if (npairs >= PLEDGE__MAP_KEYS_LINEAR)
        return pledge__map_key_seen_indexed(index, map, kv, npairs, key, first);
    for (i = 0; i < npairs; i++) {
        if (pledge__map_key_same(kv[2 * i], key)) {
            *first = kv[2 * i];
            break;
        }
    }
    return PLEDGE_OK;
}

#endif
