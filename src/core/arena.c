/* SPDX-License-Identifier: MIT */
#include "arena.h"
#include "alloc.h"

#include <stdalign.h>
#include <stddef.h>
#include <string.h>

struct pledge_arena_chunk {
    pledge_arena_chunk *prev;
    size_t size;     /* what the arena asked for: its data ends there */
    size_t capacity; /* what was allocated (a size class with a cache) */
    alignas(max_align_t) char data[];
};

#define ARENA_ALIGN (alignof(max_align_t))
#define ARENA_FIRST_CHUNK 2048u
#define ARENA_MAX_CHUNK (64u * 1024u)
/* Zeroing ahead goes at least this far at a time. */
#define ARENA_ZERO_STEP 1024u

/* The cache of the calling thread, if one is installed. */
static _Thread_local pledge_arena_cache *current;

void pledge__arena_init(pledge_arena *arena, const pledge_allocator *allocator)
{
    memset(arena, 0, sizeof *arena);
    arena->allocator = allocator;
}

void pledge__arena_zero_ahead(pledge_arena *arena)
{
    uintptr_t from = (uintptr_t)arena->zeroed, end = (uintptr_t)arena->end;
    uintptr_t to = (uintptr_t)arena->next + PLEDGE__ARENA_AHEAD;
    if (to - from < ARENA_ZERO_STEP)
        to = from + ARENA_ZERO_STEP;
    if (to > end || to < from)
        to = end;
    memset(arena->zeroed, 0, to - from);
    arena->zeroed += to - from;
}

/* Give chunk @p c back: to the calling thread's cache when it is for
 * @p allocator and has room, else to the allocator. */
static void release(const pledge_allocator *allocator, pledge_arena_chunk *c)
{
    pledge_arena_cache *cache = current;
    size_t bytes = sizeof *c + c->capacity;
    if (cache && cache->allocator == allocator && bytes <= cache->limit - cache->bytes) {
        c->prev = cache->chunks;
        cache->chunks = c;
        cache->bytes += bytes;
    } else {
        pledge__free(allocator, c);
    }
}

void pledge__arena_free(pledge_arena *arena)
{
    pledge_arena_chunk *c = arena->chunks;
    while (c) {
        pledge_arena_chunk *prev = c->prev;
        release(arena->allocator, c);
        c = prev;
    }
    arena->chunks = NULL;
    arena->next = arena->end = arena->zeroed = NULL;
    arena->total = 0;
}

/* @p n rounded up to a quarter of its power of two (at least 1 KiB), so
 * that chunks of about the same size are interchangeable; at most 25%
 * more. */
static size_t size_class(size_t n)
{
    size_t step = 1;
    if (n <= 1024)
        return 1024;
    while (step <= n / 2)
        step <<= 1;
    step /= 4;
    if (n > SIZE_MAX - (step - 1))
        return n;
    return (n + step - 1) & ~(step - 1);
}

/* A chunk of the cache that holds @p want bytes, of its size class at
 * most (a chunk much larger would tie up memory in a small arena), taking
 * the most recently freed one; NULL if none. */
static pledge_arena_chunk *cache_take(pledge_arena_cache *cache, size_t want, size_t cls)
{
    pledge_arena_chunk **link = &cache->chunks, *c;
    for (c = *link; c; link = &c->prev, c = *link) {
        if (c->capacity >= want && c->capacity <= cls) {
            *link = c->prev;
            cache->bytes -= sizeof *c + c->capacity;
            return c;
        }
    }
    return NULL;
}

/* A chunk of at least @p want bytes: from the calling thread's cache
 * when it is for @p allocator (of the size class of @p want, and the
 * chunk allocated otherwise is of that class), else exactly @p want from
 * the allocator. NULL on failure. */
static pledge_arena_chunk *take_chunk(const pledge_allocator *allocator, size_t want)
{
    pledge_arena_chunk *c = NULL;
    pledge_arena_cache *cache = current;
    size_t capacity = want;
    if (want > SIZE_MAX - sizeof *c)
        return NULL;
    if (cache && cache->allocator == allocator) {
        capacity = size_class(want);
        if (capacity > SIZE_MAX - sizeof *c)
            capacity = want;
        c = cache_take(cache, want, capacity);
    }
    if (!c) {
        c = pledge__malloc(allocator, sizeof *c + capacity);
        if (!c)
            return NULL;
        c->capacity = capacity;
    }
    return c;
}

void *pledge__block_alloc(const pledge_allocator *allocator, size_t size)
{
    pledge_arena_chunk *c = take_chunk(allocator, size);
    if (!c)
        return NULL;
    c->size = size;
    return c->data;
}

void pledge__block_free(const pledge_allocator *allocator, void *block)
{
    if (block)
        release(allocator, (pledge_arena_chunk *)((char *)block -
                                                  offsetof(pledge_arena_chunk, data)));
}

int pledge__block_grow(const pledge_allocator *allocator, void **items, size_t *capacity,
                       size_t need, size_t size)
{
    size_t cap;
    void *p;
    if (need <= *capacity)
        return PLEDGE_OK;
    cap = pledge__grown_capacity(*capacity, need, 1024 / size ? 1024 / size : 1, size);
    if (!cap || !(p = pledge__block_alloc(allocator, cap * size)))
        return PLEDGE_ENOMEM;
    if (*capacity && *items)
        memcpy(p, *items, *capacity * size);
    pledge__block_free(allocator, *items);
    *items = p;
    *capacity = cap;
    return PLEDGE_OK;
}

static int new_chunk(pledge_arena *arena, size_t want)
{
    pledge_arena_chunk *c = take_chunk(arena->allocator, want);
    if (!c)
        return PLEDGE_ENOMEM;
    c->prev = arena->chunks;
    c->size = want;
    arena->chunks = c;
    arena->next = arena->zeroed = c->data;
    arena->end = c->data + want;
    arena->total += sizeof *c + want;
    return PLEDGE_OK;
}

void pledge__arena_cache_begin(pledge_arena_cache *cache, const pledge_allocator *allocator,
                               size_t limit)
{
    memset(cache, 0, sizeof *cache);
    cache->allocator = allocator;
    cache->limit = limit;
    cache->outer = current;
    current = cache;
}

void pledge__arena_cache_end(pledge_arena_cache *cache)
{
    pledge_arena_chunk *c = cache->chunks;
    if (current == cache)
        current = cache->outer;
    while (c) {
        pledge_arena_chunk *prev = c->prev;
        pledge__free(cache->allocator, c);
        c = prev;
    }
    cache->chunks = NULL;
    cache->bytes = 0;
}

int pledge__arena_reserve(pledge_arena *arena, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if ((size_t)(arena->end - arena->next) >= size)
        return PLEDGE_OK;
    return new_chunk(arena, size);
}

void *pledge__arena_alloc(pledge_arena *arena, size_t size)
{
    void *p;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (arena->next) {
        /* after packed allocations (pledge__arena_alloc_packed), next may
         * be unaligned */
        size_t pad = (size_t)(-(uintptr_t)arena->next & (ARENA_ALIGN - 1));
        arena->next = pad <= (size_t)(arena->end - arena->next) ? arena->next + pad : arena->end;
    }
    if ((size_t)(arena->end - arena->next) < size) {
        /* Chunks grow with the arena, so small documents stay small and
         * large ones need few chunks. */
        size_t want = arena->chunks ? arena->chunks->size * 2 : ARENA_FIRST_CHUNK;
        if (want > ARENA_MAX_CHUNK)
            want = ARENA_MAX_CHUNK;
        if (want < size)
            want = size;
        if (new_chunk(arena, want))
            return NULL;
    }
    p = arena->next;
    arena->next += size;
    pledge__arena_keep_ahead(arena);
    return p;
}

char *pledge__arena_strndup(pledge_arena *arena, const char *s, size_t len)
{
    char *p;
    if (len == SIZE_MAX)
        return NULL;
    p = pledge__arena_alloc(arena, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
