/* SPDX-License-Identifier: MIT */
/* Internal: a bump allocator. Everything allocated from an arena is freed
 * at once by pledge__arena_free; nothing is freed one by one. */
#ifndef PLEDGE_CORE_ARENA_H
#define PLEDGE_CORE_ARENA_H

#include "pledge/common.h"

#include <stdint.h>

typedef struct pledge_arena_chunk pledge_arena_chunk;

typedef struct pledge_arena {
    const pledge_allocator *allocator; /* borrowed */
    pledge_arena_chunk *chunks;        /* newest first */
    char *next;                        /* free space of the newest chunk */
    char *end;
    size_t total;                      /* bytes held, chunk headers included */
} pledge_arena;

void pledge__arena_init(pledge_arena *arena, const pledge_allocator *allocator);
void pledge__arena_free(pledge_arena *arena);

/* @p size bytes aligned for any object; NULL on allocation failure. */
void *pledge__arena_alloc(pledge_arena *arena, size_t size);

/* @p size bytes aligned for @p align only (a power of two at most that of
 * max_align_t), packed after the previous allocation when they fit: trees
 * pack strings byte by byte and nodes at their own alignment. */
static inline void *pledge__arena_alloc_packed(pledge_arena *arena, size_t size, size_t align)
{
    uintptr_t q = ((uintptr_t)arena->next + (align - 1)) & ~(uintptr_t)(align - 1);
    if (arena->next && q <= (uintptr_t)arena->end && size <= (uintptr_t)arena->end - q) {
        arena->next = (char *)q + size;
        return (void *)q;
    }
    return pledge__arena_alloc(arena, size);
}

/* Make sure the next @p size bytes come from one chunk, allocating it now
 * (of exactly that size, however large) when the current one has less
 * room. Readers size a document's arena this way when they can guess it,
 * so the tree fits without waste. Returns 0 or PLEDGE_ENOMEM. */
int pledge__arena_reserve(pledge_arena *arena, size_t size);

/* Copy of @p len bytes plus NUL, in the arena. */
char *pledge__arena_strndup(pledge_arena *arena, const char *s, size_t len);

#endif
