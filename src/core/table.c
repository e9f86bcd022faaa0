/* SPDX-License-Identifier: MIT */
#include "table.h"
#include "alloc.h"
#include "arena.h"
#include "hash.h"

#include <string.h>

#define MIN_CAP 16

static uint64_t slot_hash(uintptr_t ns, const void *key, size_t len)
{
    uint64_t h = pledge__hash(key, len);
    /* mix the namespace in; SipHash already spreads the key */
    h ^= (uint64_t)ns * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return h ? h : 1;
}

void pledge__table_init(pledge__table *t, const pledge_allocator *allocator)
{
    memset(t, 0, sizeof *t);
    t->allocator = allocator;
}

void pledge__table_free(pledge__table *t)
{
    if (!t)
        return;
    pledge__block_free(t->allocator, t->slots);
    t->slots = NULL;
    t->cap = t->count = 0;
}

static size_t find(const pledge__table *t, uint64_t h, uintptr_t ns, const void *key, size_t len)
{
    size_t i = (size_t)h & (t->cap - 1);
    for (;;) {
        const pledge__table_slot *s = &t->slots[i];
        if (!s->hash ||
            (s->hash == h && s->ns == ns && s->len == len &&
             (len == 0 || memcmp(s->key, key, len) == 0)))
            return i;
        i = (i + 1) & (t->cap - 1);
    }
}

void *pledge__table_get(const pledge__table *t, uintptr_t ns, const void *key, size_t len)
{
    size_t i;
    if (!t->count)
        return NULL;
    i = find(t, slot_hash(ns, key, len), ns, key, len);
    return t->slots[i].hash ? t->slots[i].value : NULL;
}

/* Rehash into @p ncap slots (a power of two above the count): the slots
 * keep their hashes, so nothing is hashed again. */
static int resize(pledge__table *t, size_t ncap)
{
    size_t i;
    pledge__table_slot *old = t->slots;
    size_t ocap = t->cap;
    if (ncap > SIZE_MAX / sizeof *old)
        return PLEDGE_ENOMEM;
    /* a block (core/arena.h): a table made and freed per file reuses its
     * slots through the thread's cache */
    t->slots = pledge__block_alloc(t->allocator, ncap * sizeof *old);
    if (!t->slots) {
        t->slots = old;
        return PLEDGE_ENOMEM;
    }
    memset(t->slots, 0, ncap * sizeof *old);
    t->cap = ncap;
    for (i = 0; i < ocap; i++) {
        if (old[i].hash) {
            size_t j = (size_t)old[i].hash & (ncap - 1);
            while (t->slots[j].hash)
                j = (j + 1) & (ncap - 1);
            t->slots[j] = old[i];
        }
    }
    pledge__block_free(t->allocator, old);
    return PLEDGE_OK;
}

/* The load stays at most 3/4. */
static int fits(size_t n, size_t cap)
{
    return n <= cap / 4 * 3;
}

int pledge__table_reserve(pledge__table *t, size_t n)
{
    size_t ncap = t->cap ? t->cap : MIN_CAP;
    if (t->cap && fits(n, t->cap))
        return PLEDGE_OK;
    while (!fits(n, ncap)) {
        if (ncap > SIZE_MAX / 2)
            return PLEDGE_ENOMEM;
        ncap *= 2;
    }
    return resize(t, ncap);
}

void pledge__table_clear(pledge__table *t)
{
    if (t->cap > MIN_CAP && t->cap > 8 * t->count) {
        pledge__block_free(t->allocator, t->slots);
        t->slots = NULL;
        t->cap = 0;
    } else if (t->count) {
        memset(t->slots, 0, t->cap * sizeof *t->slots);
    }
    t->count = 0;
}

int pledge__table_put(pledge__table *t, uintptr_t ns, const void *key, size_t len, void *value,
                      void **old)
{
    uint64_t h = slot_hash(ns, key, len);
    size_t i;
    if (old)
        *old = NULL;
    if (!fits(t->count + 1, t->cap) && resize(t, t->cap ? t->cap * 2 : MIN_CAP))
        return PLEDGE_ENOMEM;
    i = find(t, h, ns, key, len);
    if (t->slots[i].hash) {
        if (old)
            *old = t->slots[i].value;
        return PLEDGE_OK;
    }
    t->slots[i].hash = h;
    t->slots[i].ns = ns;
    t->slots[i].key = key;
    t->slots[i].len = len;
    t->slots[i].value = value;
    t->count++;
    return PLEDGE_OK;
}

const pledge__table_slot *pledge__table_next(const pledge__table *t, size_t *pos)
{
    while (*pos < t->cap) {
        const pledge__table_slot *s = &t->slots[(*pos)++];
        if (s->hash)
            return s;
    }
    return NULL;
}
