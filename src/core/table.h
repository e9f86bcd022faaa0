/* SPDX-License-Identifier: MIT */
/* Internal: the one hash table of libpledge (table.c). Open addressing
 * with linear probing over slots that keep each key's hash, keyed by a
 * namespace word and a byte string, hashed with the keyed SipHash of
 * hash.c so that chosen keys cannot make lookups degrade.
 *
 * The namespace lets one table hold composite keys without building them:
 * (resource, anchor name), (mapping node, key). Use 0 for plain strings.
 * Keys are borrowed: their bytes must outlive the table (or the entry).
 * Values are pointers the table does not own. Lookups do not modify the
 * table, so a filled table may be read from many threads at once. */
#ifndef PLEDGE_CORE_TABLE_H
#define PLEDGE_CORE_TABLE_H

#include "pledge/common.h"

#include <stddef.h>
#include <stdint.h>

typedef struct pledge__table_slot {
    uint64_t hash;    /* 0: empty (a real hash of 0 is stored as 1) */
    uintptr_t ns;
    const char *key;
    size_t len;
    void *value;
} pledge__table_slot;

typedef struct pledge__table {
    const pledge_allocator *allocator;
    pledge__table_slot *slots;
    size_t cap;       /* a power of two, or 0 */
    size_t count;
} pledge__table;

/* An empty table; allocates nothing until the first put. */
void pledge__table_init(pledge__table *t, const pledge_allocator *allocator);

/* Free the slots (not the keys or values). Accepts an initialised or
 * zeroed table. */
void pledge__table_free(pledge__table *t);

/* The value under (ns, key), or NULL. */
void *pledge__table_get(const pledge__table *t, uintptr_t ns, const void *key, size_t len);

/* Put @p value under (ns, key). When the key is present, its value is
 * kept and returned in *old (if @p old), and the table is unchanged;
 * otherwise *old is NULL. @return 0 or PLEDGE_ENOMEM. */
int pledge__table_put(pledge__table *t, uintptr_t ns, const void *key, size_t len, void *value,
                      void **old);

/* Room for @p n entries in all, so that the next puts do not grow the
 * table. @return 0 or PLEDGE_ENOMEM. */
int pledge__table_reserve(pledge__table *t, size_t n);

/* Empty the table for reuse at a cost proportional to what it held: the
 * slots are kept, or freed when they are far more than that (a table that
 * once grew large does not make every later clear slow). */
void pledge__table_clear(pledge__table *t);

/* Iterate: returns the next used slot after *pos (start with *pos = 0),
 * or NULL at the end. */
const pledge__table_slot *pledge__table_next(const pledge__table *t, size_t *pos);

#endif
