/* SPDX-License-Identifier: MIT */
/* Internal: JSON Pointers (RFC 6901) over trees (pointer.c): lookup, for
 * $ref fragments, and escaping, for the instance paths of diagnostics
 * (both readers and the validator). The one implementation. */
#ifndef PLEDGE_NODE_POINTER_H
#define PLEDGE_NODE_POINTER_H

#include "pledge/node.h"
#include "core/buf.h"

/* The node that the JSON Pointer @p ptr (@p len bytes, already
 * percent-decoded) designates from @p root, or NULL. "" is @p root. */
const pledge_node *pledge__json_pointer(const pledge_node *root, const char *ptr, size_t len);

/* Finds the value of key @p key (unescaped) in the mapping @p map, for
 * callers that index large mappings; NULL when absent. */
typedef const pledge_node *(*pledge__pointer_key_fn)(void *ud, const pledge_node *map,
                                                     const char *key, size_t len);

/* pledge__json_pointer, with the keys of mappings of more than 16 pairs
 * looked up through @p find (NULL: a linear scan). */
const pledge_node *pledge__json_pointer_with(const pledge_node *root, const char *ptr,
                                             size_t len, pledge__pointer_key_fn find,
                                             void *ud);

/* Append @p s (@p len bytes) escaped as one JSON Pointer token ('~' as
 * "~0", '/' as "~1"). */
void pledge__json_pointer_escape(pledge_buf *out, const char *s, size_t len);

#endif
