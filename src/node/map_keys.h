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
int pledge__map_key_seen(pledge__table *index, const pledge_node *map, pledge_node *const *kv,
                         size_t npairs, const pledge_node *key, const pledge_node **first);

#endif
