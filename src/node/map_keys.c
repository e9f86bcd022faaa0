/* SPDX-License-Identifier: MIT */
#include "map_keys.h"

#include <string.h>

static int same(const pledge_node *a, const pledge_node *b)
{
    /* the first bytes before memcmp: keys of one mapping mostly differ
     * there (both texts end with a NUL, so [0] is always there) */
    return a->u.s.len == b->u.s.len && a->u.s.ptr[0] == b->u.s.ptr[0] &&
           memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
}

int pledge__map_key_seen(pledge__table *index, const pledge_node *map, pledge_node *const *kv,
                         size_t npairs, const pledge_node *key, const pledge_node **first)
{
    uintptr_t ns = (uintptr_t)map;
    void *old;
    size_t i;
    int rc;
    *first = NULL;
    if (npairs < PLEDGE__MAP_KEYS_LINEAR) {
        for (i = 0; i < npairs; i++) {
            if (same(kv[2 * i], key)) {
                *first = kv[2 * i];
                break;
            }
        }
        return PLEDGE_OK;
    }
    if (npairs == PLEDGE__MAP_KEYS_LINEAR) {
        /* the mapping outgrows linear search: index its keys so far (all
         * different: each was checked as it came) */
        if ((rc = pledge__table_reserve(index, index->count + npairs + 1)))
            return rc;
        for (i = 0; i < npairs; i++) {
            const pledge_node *k = kv[2 * i];
            if ((rc = pledge__table_put(index, ns, k->u.s.ptr, k->u.s.len, (void *)k, NULL)))
                return rc;
        }
    }
    if ((rc = pledge__table_put(index, ns, key->u.s.ptr, key->u.s.len, (void *)key, &old)))
        return rc;
    *first = old;
    return PLEDGE_OK;
}
