/* SPDX-License-Identifier: MIT */
/* Id lookup: open addressing with linear probing over a keyed hash.
 * Tables are sized once for the ids they will hold, so they never grow
 * and, in an arena, never free. */
#include "internal.h"
#include "core/alloc.h"
#include "core/hash.h"

#include <string.h>

int pledge__idmap_init(pledge__idmap *m, pledge_arena *arena,
                       const pledge_allocator *allocator, size_t expected)
{
    size_t cap = 8;
    memset(m, 0, sizeof *m);
    /* At most half full keeps probe sequences short. */
    while (cap < expected * 2) {
        if (cap > SIZE_MAX / 4 / sizeof *m->slots)
            return PLEDGE_ENOMEM;
        cap *= 2;
    }
    m->slots = arena ? pledge__arena_alloc(arena, cap * sizeof *m->slots)
                     : pledge__malloc(allocator, cap * sizeof *m->slots);
    if (!m->slots)
        return PLEDGE_ENOMEM;
    memset(m->slots, 0, cap * sizeof *m->slots);
    m->mask = cap - 1;
    m->capacity_left = cap - 1; /* one slot stays empty: probes end */
    return PLEDGE_OK;
}

void pledge__idmap_free(pledge__idmap *m, const pledge_allocator *allocator)
{
    pledge__free(allocator, m->slots);
    memset(m, 0, sizeof *m);
}

static size_t slot_of(const pledge__idmap *m, unsigned kind, const char *id, size_t len)
{
    uint64_t h = pledge__hash(id, len) ^ ((uint64_t)kind * 0x9E3779B97F4A7C15ull);
    return (size_t)(h ^ (h >> 29)) & m->mask;
}

void *pledge__idmap_get(const pledge__idmap *m, unsigned kind, const char *id, size_t len)
{
    size_t i;
    if (!m->slots || !id)
        return NULL;
    for (i = slot_of(m, kind, id, len);; i = (i + 1) & m->mask) {
        const pledge__idslot *s = &m->slots[i];
        if (!s->id)
            return NULL;
        if (s->kind == kind && s->len == len && memcmp(s->id, id, len) == 0)
            return s->obj;
    }
}

void *pledge__idmap_put(pledge__idmap *m, unsigned kind, const char *id, size_t len,
                        void *obj)
{
    size_t i;
    if (!m->slots || !id)
        return NULL;
    for (i = slot_of(m, kind, id, len);; i = (i + 1) & m->mask) {
        pledge__idslot *s = &m->slots[i];
        if (!s->id) {
            if (!m->capacity_left)
                return NULL;
            s->id = id;
            s->len = len;
            s->kind = kind;
            s->obj = obj;
            m->count++;
            m->capacity_left--;
            return NULL;
        }
        if (s->kind == kind && s->len == len && memcmp(s->id, id, len) == 0)
            return s->obj;
    }
}
