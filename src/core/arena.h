/* SPDX-License-Identifier: MIT */
/* Internal: a bump allocator. Everything allocated from an arena is freed
 * at once by pledge__arena_free; nothing is freed one by one.
 *
 * Memory handed out is zero until written, and so are the
 * PLEDGE__ARENA_AHEAD bytes past the newest allocation: PCRE2's JIT and
 * the word-at-a-time scans read a little past the end of a string, and
 * those bytes must be defined (valgrind). Chunks are zeroed lazily, just
 * ahead of the allocations, so only the memory a tree uses is touched. */
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
    char *zeroed;                      /* [next, zeroed) is zero; at least
                                          PLEDGE__ARENA_AHEAD bytes past next
                                          (or up to end) */
    size_t total;                      /* bytes of its chunks, headers included
                                          (as asked for: see the cache below) */
} pledge_arena;

/* Bytes past the newest allocation that are kept zero: a cache line,
 * wider than any vector load. */
#define PLEDGE__ARENA_AHEAD 64u

void pledge__arena_init(pledge_arena *arena, const pledge_allocator *allocator);

/* Zero further ahead of next (internal to the allocation functions). */
void pledge__arena_zero_ahead(pledge_arena *arena);

/* After next moved on: keep PLEDGE__ARENA_AHEAD zero bytes past it
 * (internal to the allocation functions). */
static inline void pledge__arena_keep_ahead(pledge_arena *arena)
{
    if ((uintptr_t)arena->next + PLEDGE__ARENA_AHEAD > (uintptr_t)arena->zeroed &&
        arena->zeroed != arena->end)
        pledge__arena_zero_ahead(arena);
}
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
        pledge__arena_keep_ahead(arena);
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

/*
 * A thread's store of freed chunks. Between pledge__arena_cache_begin and
 * _end on one thread, arenas of @p allocator that free their chunks there
 * leave them in the cache (up to @p limit bytes in all), and new chunks of
 * such arenas come from it when one of the same size class is there.
 * A validation thread that reads file after file thus reuses the same
 * memory for each file's tree and model, instead of handing it back to
 * malloc, which trims and regrows its heap (a brk or madvise/mprotect
 * system call and page faults per file) and zeroes fresh pages.
 *
 * While a cache is installed, chunks are allocated rounded up to a size
 * class (a quarter of a power of two), but an arena uses only what it
 * asked for, so it behaves (fills, reports its total) as without a cache.
 * A chunk reused is zeroed as it is used again. Caches nest (the outer
 * one returns at _end). The cache belongs to its caller: _end frees every
 * chunk it holds, so each allocation is freed by the time _end returns,
 * and an arena may outlive the cache (its chunks then go to the allocator,
 * or to the cache of the thread that frees it).
 */
typedef struct pledge_arena_cache {
    const pledge_allocator *allocator; /* borrowed */
    pledge_arena_chunk *chunks;        /* free chunks, linked by prev */
    size_t bytes, limit;               /* held (headers included), at most */
    struct pledge_arena_cache *outer;  /* installed before this one */
} pledge_arena_cache;

/*
 * A block of @p size bytes, undefined contents, from the calling thread's
 * cache when one is installed for @p allocator (else from the allocator);
 * NULL on allocation failure. Freed with pledge__block_free, on any
 * thread: into that thread's cache when it has room, else to the
 * allocator. For what a reader allocates once per file (its state, its
 * window), so that file after file reuses them rather than going through
 * malloc's bins each time.
 */
void *pledge__block_alloc(const pledge_allocator *allocator, size_t size);
void pledge__block_free(const pledge_allocator *allocator, void *block);

/* pledge__grow (core/alloc.h) for an array held in a block: room for
 * @p need items of @p size bytes in *@p items (a block or NULL), at least
 * 1 KiB and doubling; the items so far are kept. 0 or PLEDGE_ENOMEM
 * (then *@p items is unchanged). */
int pledge__block_grow(const pledge_allocator *allocator, void **items, size_t *capacity,
                       size_t need, size_t size);

void pledge__arena_cache_begin(pledge_arena_cache *cache, const pledge_allocator *allocator,
                               size_t limit);
void pledge__arena_cache_end(pledge_arena_cache *cache);

#endif
