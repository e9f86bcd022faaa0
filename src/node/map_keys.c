/* SPDX-License-Identifier: MIT */
#include "map_keys.h"

#include <string.h>

int pledge__map_key_seen_indexed(pledge__table *index, const pledge_node *map,
                                 pledge_node *const *kv, size_t npairs, const pledge_node *key,
                                 const pledge_node **first)
{
    uintptr_t ns = (uintptr_t)map;
    void *old;
    size_t i;
    int rc;
    *first = NULL;
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
