/* SPDX-License-Identifier: MIT */
#include "arena.h"
#include "alloc.h"

#include <stdalign.h>
#include <string.h>

struct pledge_arena_chunk {
    pledge_arena_chunk *prev;
    size_t size;
    alignas(max_align_t) char data[];
};

#define ARENA_ALIGN (alignof(max_align_t))
#define ARENA_FIRST_CHUNK 2048u
#define ARENA_MAX_CHUNK (64u * 1024u)

void pledge__arena_init(pledge_arena *arena, const pledge_allocator *allocator)
{
    memset(arena, 0, sizeof *arena);
    arena->allocator = allocator;
}

void pledge__arena_free(pledge_arena *arena)
{
    pledge_arena_chunk *c = arena->chunks;
    while (c) {
        pledge_arena_chunk *prev = c->prev;
        pledge__free(arena->allocator, c);
        c = prev;
    }
    arena->chunks = NULL;
    arena->next = arena->end = NULL;
    arena->total = 0;
}

static int new_chunk(pledge_arena *arena, size_t want)
{
    pledge_arena_chunk *c;
    if (want > SIZE_MAX - sizeof *c)
        return PLEDGE_ENOMEM;
    c = pledge__malloc(arena->allocator, sizeof *c + want);
    if (!c)
        return PLEDGE_ENOMEM;
    /* Zeroed: PCRE2's JIT may read a few bytes past the end of a subject
     * string (within the chunk), and those bytes must be defined. */
    memset(c->data, 0, want);
    c->prev = arena->chunks;
    c->size = want;
    arena->chunks = c;
    arena->next = c->data;
    arena->end = c->data + want;
    arena->total += sizeof *c + want;
    return PLEDGE_OK;
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
