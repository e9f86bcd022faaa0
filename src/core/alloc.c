/* SPDX-License-Identifier: MIT */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static void *default_malloc(size_t size, void *ud)
{
    (void)ud;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

static const pledge_allocator default_allocator = {
    default_malloc, default_realloc, default_free, NULL
};

const pledge_allocator *pledge__allocator(const pledge_allocator *a)
{
    return a ? a : &default_allocator;
}

void *pledge__malloc(const pledge_allocator *a, size_t size)
{
    a = pledge__allocator(a);
    return a->malloc(size ? size : 1, a->ud);
}

void *pledge__calloc(const pledge_allocator *a, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        return NULL;
    p = pledge__malloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *pledge__realloc(const pledge_allocator *a, void *ptr, size_t size)
{
    a = pledge__allocator(a);
    return a->realloc(ptr, size ? size : 1, a->ud);
}

void pledge__free(const pledge_allocator *a, void *ptr)
{
    if (!ptr)
        return;
    a = pledge__allocator(a);
    a->free(ptr, a->ud);
}

void pledge_free(const pledge_allocator *allocator, void *ptr)
{
    pledge__free(allocator, ptr);
}

char *pledge__strndup(const pledge_allocator *a, const char *s, size_t len)
{
    char *p;
    if (len == SIZE_MAX)
        return NULL;
    p = pledge__malloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *pledge__strdup(const pledge_allocator *a, const char *s)
{
    return pledge__strndup(a, s ? s : "", s ? strlen(s) : 0);
}

size_t pledge__grown_capacity(size_t cap, size_t need, size_t min, size_t size)
{
    if (cap < min)
        cap = min;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return 0;
        cap *= 2;
    }
    return cap > SIZE_MAX / size ? 0 : cap;
}

int pledge__grow(const pledge_allocator *a, void **items, size_t *capacity,
                 size_t need, size_t size)
{
    size_t cap;
    void *p;
    if (need <= *capacity)
        return PLEDGE_OK;
    if (!(cap = pledge__grown_capacity(*capacity, need, 8, size)))
        return PLEDGE_ENOMEM;
    p = pledge__realloc(a, *items, cap * size);
    if (!p)
        return PLEDGE_ENOMEM;
    *items = p;
    *capacity = cap;
    return PLEDGE_OK;
}
